"""An answer written in a shape YAML reads as something else: named once, where it was typed, and read
as meant so that the rest of the file is checked.

Three natural first attempts (G19-C18) read as YAML but not as an answer:

* ``C1: 12``: the value without ``value:`` (``answer-shorthand``); read as ``C1: {value: 12}``
  (``{status: unknown}`` for a status word);
* ``C1:`` with ``value: 12`` and ``evidence: [...]`` on the next lines at C1's own indent
  (``answer-indent``): YAML reads C1 as empty and value/evidence as two more indicators, five
  errors for one slip. The keys of an answer are known (value, status, evidence, note, source,
  sample_size), so the slip is certain; read as if indented under C1;
* ``C1:`` with ``- value: 12`` (``answer-list-item``): a list of one answer; read without the dash.

Each is one error at the line and column where it was typed, saying what to write, and each
comes with a rewrite ``lcity fix`` can make safely: braces around the value, two spaces before
the lines of the answer, a space in place of the dash. A rewrite that spans several lines is
one edit of those lines' text (``indicators.slips.apply``). Workbooks (whose answers are rows)
never meet these.
"""

from __future__ import annotations

import re
from typing import Any

from indicators.messages import Msg, join
from indicators.problems import Problem
from indicators.safeyaml import Marked
from indicators.slips import fix_hint

#: the keys of one answer (as ``indicators.slips``)
ANSWER_KEYS = frozenset(("value", "status", "evidence", "note", "source", "sample_size"))
#: values typed alone that are statuses, not values
STATUS_WORDS = frozenset(("unknown", "not_applicable"))
STEP = "  "  # the indent a rewrite adds: the template's


class _Paths:
    """The marks of each answer, found once (a file may hold thousands of answers)."""

    def __init__(self, m: Marked):
        self.m = m
        self.by_answer: dict[Any, list[tuple]] = {}
        for table in (m.marks, m.key_marks, m.raw):
            for path in table:
                if len(path) >= 2 and path[0] == "answers":
                    self.by_answer.setdefault(path[1], []).append(path)

    def move(self, src: tuple, dst: tuple) -> None:
        """Every mark at or under ``src`` (a path under ``answers``) now at ``dst`` instead."""
        m = self.m
        for path in set(self.by_answer.get(src[1], ())):
            if path[:len(src)] != src:
                continue
            new = dst + path[len(src):]
            for table in (m.marks, m.key_marks, m.raw):
                if path in table:
                    table[new] = table.pop(path)


def answer_shape(m: Marked, known: frozenset | set | None = None) -> list[Problem]:
    """The answers written in one of the shapes above, each one problem; ``m.data`` and its marks
    then hold them as meant. ``known``: the framework's indicator ids, when it is known; a value
    typed alone under another key is not taken for an answer (``zz: 1`` is an unknown indicator)."""
    if hasattr(m, "cell") or not m.text or not isinstance(m.data, dict):
        return []
    answers = m.data.get("answers")
    if not isinstance(answers, dict) or not answers:
        return []
    paths: _Paths | None = None
    problems: list[Problem] = []
    keys = list(answers)
    lines = m.text.splitlines(keepends=True)
    i = 0
    while i < len(keys):
        key = keys[i]
        ans = answers[key]
        if ans is None and isinstance(key, str):
            group = _unindented(m, answers, keys, i)
            if group:
                paths = paths or _Paths(m)
                problems.append(_indent(m, paths, answers, key, group, lines))
                i += 1 + len(group)
                continue
        elif isinstance(key, str) and key not in ANSWER_KEYS and (known is None or key in known):
            if isinstance(ans, list) and _list_of_parts(ans):
                paths = paths or _Paths(m)
                problems.append(_list_item(m, paths, answers, key, ans, lines))
            elif _keyed_text(ans):
                pass  # 'value：false', 'value:12' read as one text: a slip indicators.slips names (full-width, colon-space)
            elif not isinstance(ans, (dict, list)) and ans is not None or isinstance(ans, list) and _scalars(ans):
                paths = paths or _Paths(m)
                problems.append(_shorthand(m, paths, answers, key, ans))
        i += 1
    return problems


_KEYED = re.compile(r"^\s*(?:" + "|".join(sorted(ANSWER_KEYS)) + r")\s*[:：]")


def _keyed_text(ans: Any) -> bool:
    """A text that starts with an answer's key and a colon: the key is there, its colon is the slip."""
    return isinstance(ans, str) and bool(_KEYED.match(ans))


def _scalars(items: list) -> bool:
    return all(not isinstance(x, (dict, list)) for x in items)


def _list_of_parts(items: list) -> bool:
    """A list whose items are parts of one answer (``- value: 12``), no key twice."""
    seen: set = set()
    for item in items:
        if not isinstance(item, dict) or not item or not set(item) <= ANSWER_KEYS or seen & set(item):
            return False
        seen |= set(item)
    return bool(items)


def _unindented(m: Marked, answers: dict, keys: list, i: int) -> list[str]:
    """The answer keys right after the empty answer ``keys[i]`` at its own indent, in file order."""
    at = m.key_marks.get(("answers", keys[i]))
    group: list[str] = []
    for key in keys[i + 1:]:
        if key not in ANSWER_KEYS:
            break
        where = m.key_marks.get(("answers", key))
        if at is None or where is None or where[1] != at[1] or where[0] <= at[0]:
            break
        group.append(key)
    return group


def _shorthand(m: Marked, paths: _Paths, answers: dict, key: str, ans: Any) -> Problem:
    part = "status" if isinstance(ans, str) and ans in STATUS_WORDS else "value"
    line, col = m.where(("answers", key))
    raw = m.raw_text(("answers", key))
    old = _source(m, line, col, raw, plain=m.is_plain(("answers", key))) if not isinstance(ans, list) else None
    shown = old if old is not None else (raw if raw is not None else _flow(ans))
    key_at = m.key_marks.get(("answers", key))
    paths.move(("answers", key), ("answers", key, part))
    m.marks[("answers", key)] = (line, col)
    if key_at is not None:
        m.key_marks[("answers", key)] = key_at
    m.key_marks[("answers", key, part)] = (line, col)
    answers[key] = {part: ans}
    fix = (line, col, old, f"{{{part}: {old}}}") if old is not None else None
    hint = _with_fix(Msg("hint.answer-shorthand", id=key, part=part, old=shown), m, fix)
    return Problem(m.file, line, col, "error", "answer-shorthand",
                   Msg("check.answer-shorthand", id=key, part=part, old=shown), hint, fix=fix)


def _with_fix(hint: Msg, m: Marked, fix: tuple | None) -> Msg:
    """The hint, and that ``lcity fix`` makes the rewrite when it can."""
    return Msg("hint.answer-shape-fix", said=hint, fix=fix_hint(m.file)) if fix is not None else hint


def _source(m: Marked, line: int, col: int, raw: str | None, *, plain: bool) -> str | None:
    """The scalar's text at (line, col) when it is on that line alone (a rewrite never guesses)."""
    from indicators.slips import source_span

    if not plain:
        return source_span(m, line, col)
    text = m.text.splitlines()
    if raw is None or not 1 <= line <= len(text) or not raw or "\n" in raw:
        return None
    return raw if text[line - 1][col - 1:col - 1 + len(raw)] == raw else None


def _flow(items: Any) -> str:
    return "[" + ", ".join(str(x) for x in items) + "]" if isinstance(items, list) else str(items)


def _indent(m: Marked, paths: _Paths, answers: dict, key: str, group: list[str], lines: list[str]) -> Problem:
    first = group[0]
    line, col = m.key_marks[("answers", first)]
    for part in group:
        paths.move(("answers", part), ("answers", key, part))
    answers[key] = {part: answers.pop(part) for part in group}
    m.marks[("answers", key)] = (line, col)
    fix = _indent_fix(lines, line, col)
    hint = _with_fix(Msg("hint.answer-indent", id=key, parts=join(group), n=len(STEP)), m, fix)
    return Problem(m.file, line, col, "error", "answer-indent",
                   Msg("check.answer-indent", id=key, part=first), hint, fix=fix)


def _indent_fix(lines: list[str], line: int, col: int) -> tuple[int, int, str, str] | None:
    """The lines of the answer (from ``line``: its keys at column ``col``, what is deeper under them,
    a list's dashes at that column) each two spaces further in, as one edit; None when a line is
    indented with a tab or the block cannot be told apart."""
    start = line - 1
    end = start
    indent = col - 1
    while end < len(lines):
        text = lines[end]
        body = text.lstrip(" ")
        depth = len(text) - len(body)
        if end > start and body.strip() and not body.startswith("#"):
            if depth < indent:
                break
            if depth == indent and not (body.startswith("- ") or body.rstrip() == "-"
                                        or body.split(":", 1)[0] in ANSWER_KEYS and ":" in body):
                break
        elif end > start and body.startswith("#") and depth <= indent:
            break
        if body.startswith("\t"):
            return None
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # blank lines after the answer stay where they are
    old = "".join(lines[start:end])
    new = "".join(STEP + t if t.strip() else t for t in lines[start:end])
    return (line, 1, old, new)


def _list_item(m: Marked, paths: _Paths, answers: dict, key: str, items: list, lines: list[str]) -> Problem:
    marks = [m.marks.get(("answers", key, n)) for n in range(len(items))]
    line, col = marks[0] or m.where(("answers", key))
    merged: dict = {}
    for n, item in enumerate(items):
        for part in item:
            paths.move(("answers", key, n, part), ("answers", key, part))
        for table in (m.marks, m.key_marks, m.raw):  # the item itself is no longer a path
            table.pop(("answers", key, n), None)
        merged.update(item)
    answers[key] = merged
    m.marks[("answers", key)] = (line, col)
    fix = _dash_fix(lines, marks)
    text = lines[line - 1] if 1 <= line <= len(lines) else ""
    flow = text[:col - 1].rstrip(" ")[-1:] in ("[", ",")  # C1: [{value: 12}]: brackets, no dash
    dash = max(col - 2, 1) if not flow else max(len(text[:col - 1].rstrip(" ")), 1)
    kind = "answer-list-flow" if flow else "answer-list-item"
    hint = _with_fix(Msg(f"hint.{kind}", id=key), m, fix)
    return Problem(m.file, line, dash, "error", "answer-list-item",
                   Msg(f"check.{kind}", id=key, part=next(iter(items[0]))), hint, fix=fix)


def _dash_fix(lines: list[str], marks: list) -> tuple[int, int, str, str] | None:
    """Each item's ``- `` made two spaces (its keys stay in their columns): one edit of those lines."""
    if any(mk is None for mk in marks):
        return None
    rows = sorted({mk[0] for mk in marks})
    edits = {}
    for ln, cl in marks:
        text = lines[ln - 1] if 1 <= ln <= len(lines) else ""
        before = text[:cl - 1]
        dash = before.rstrip(" ")
        if not dash.endswith("-") or dash[:-1].strip() or "\t" in before:
            return None  # a flow list ([{value: 12}]) or another layout: said, not rewritten
        edits[ln] = before[:len(dash) - 1] + " " + before[len(dash):] + text[cl - 1:]
    start, end = rows[0], rows[-1]
    old = "".join(lines[start - 1:end])
    new = "".join(edits.get(n, lines[n - 1]) for n in range(start, end + 1))
    return (start, 1, old, new)
