"""``lcity validate``: every problem of the given assessments, with file:line:column, in the
user's language (``--lang``, else the file's ``lang:``, else the locale, else English).

Input-method slips (full-width colons, spaces, brackets, digits) are found in the text first, at
the character where they were typed; the file is then read *as if they were fixed*, so that one
slip does not hide every other mistake behind a YAML syntax error a line later.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import Annotated, Optional

import typer

from indicators.messages import Msg, pick_lang, say as said
from indicators.problems import InputError, Problem

from ..console import chosen_lang, dump_json, err, escape, guarded, lang_for, say, say_problems, visible
from ..options import MessageLang, TextOrJson

_VERDICT = {0: ("green", "verdict.valid"), 1: ("red", "verdict.invalid"), 2: ("red", "verdict.unreadable")}


@guarded
def validate(
    files: Annotated[Optional[list[Path]], typer.Argument(help="assessment files to check: .yaml or .xlsx; - reads stdin")] = None,
    fmt: Annotated[TextOrJson, typer.Option("--format", "-f", help="text or json")] = TextOrJson.text,
    framework: Annotated[Optional[str], typer.Option("--framework", help="override the file's framework line")] = None,
    rules: Annotated[bool, typer.Option("--rules", help="list every rule id and what it checks, then stop")] = False,
    lang: MessageLang = None,
    show_progress: Annotated[bool, typer.Option("--progress", help="also show answered / unknown / missing / "
                                                "not applicable per dimension and the points still open")] = False,
    errors_only: Annotated[bool, typer.Option("--errors-only", help="list the errors only; the warnings are "
                                              "counted by kind in one line")] = False,
) -> None:
    """Check self-assessments and report every problem with file:line:column.

    Exit code: 0 valid (warnings allowed), 1 invalid, 2 unreadable or unsafe.

    Errors are listed first. While a file has errors, a kind of warning with more than 5 in it is
    counted in one line instead of listed (all are listed once the errors are fixed, or with --format json).

    Examples: lcity validate xicheng-2025.yaml; lcity validate xicheng-2025.yaml --lang zh --progress;
    lcity validate xicheng-2025.yaml --errors-only
    (lcity validate --rules explains the rule ids; lcity fix rewrites input-method slips)
    """
    if rules:
        docs = rule_texts(pick_lang(lang.value if lang else chosen_lang[0]))
        if fmt == TextOrJson.json:
            dump_json(docs)
        else:
            print_rules(docs)
        return
    if not files:
        raise InputError([Problem("lcity validate", 1, 1, "error", "usage", Msg("validate.no-file"),
                                  Msg("hint.validate-example"), fatal=True)])

    all_problems: list[Problem] = []
    worst = 0
    progress_json = {}
    for f in files:
        problems, code, loaded = check_file(f, framework)
        speak = lang.value if lang else lang_for(str(f))  # after reading: standard input's lang: too (G13 P1)
        worst = max(worst, code)
        all_problems += [(p, speak) for p in problems if not (errors_only and p.severity != "error")]
        if fmt == TextOrJson.text:
            shown, held = listed(problems, errors_only)
            say_problems(shown, speak, json_command(f, framework))
            if held:
                key = "validate.warnings-hidden" if errors_only else "validate.warnings-held"
                say(said(Msg(key, n=f"{len(held):,}", kinds=counted_kinds(held),
                             command=json_command(f, framework)), speak))
            n_err = sum(p.severity == "error" for p in problems)
            colour, verdict = _VERDICT.get(code, ("red", "verdict.internal"))
            verdict = f"[{colour}]{escape(said(Msg(verdict), speak))}[/{colour}]"
            summary = said(Msg("validate.summary", file="\x00", verdict="\x01", errors=f"{n_err:,}",
                               warnings=f"{len(problems) - n_err:,}"), speak)
            shown = "<stdin>" if str(f) == "-" else visible(str(f))  # as its problems name it: one line
            err.print(escape(summary).replace("\x00", escape(shown)).replace("\x01", verdict))
        if show_progress and loaded is not None and loaded.framework is not None:
            if fmt == TextOrJson.text:
                from ..progress_view import print_progress

                print_progress("<stdin>" if str(f) == "-" else str(f), loaded, speak)  # as its problems name it
            else:
                from evaluator.progress import as_json, progress

                progress_json[str(f)] = as_json(progress(loaded.marked.data, loaded.framework), speak)
    if fmt == TextOrJson.json:
        doc = {"valid": worst == 0, "exit_code": worst, "problems": [p.as_dict(s) for p, s in all_problems]}
        if show_progress:
            doc["progress"] = progress_json
        dump_json(doc)
    raise typer.Exit(worst)


def all_rule_docs() -> dict[str, str]:
    """Every rule id ``lcity validate --rules`` explains, in its order: ``evaluator.checks.rule_docs``
    (the descriptions live there, beside the rules; this name is kept for its callers)."""
    from evaluator.checks import rule_docs

    return rule_docs()


#: while a file has errors, a kind of warning with more than this many in it is counted, not listed:
#: an unfinished form's 3 errors were lost among 45 "no evidence" warnings (new-user audit #13), while
#: a lone "0.92 for 92 %" must still be seen
WARNINGS_PER_KIND = 5


def listed(problems: list[Problem], errors_only: bool = False) -> tuple[list[Problem], list[Problem]]:
    """(the problems to list, the warnings only counted): errors first, in the order of the file,
    then the warnings; all of them when the file has no errors, else those of the kinds with at
    most ``WARNINGS_PER_KIND`` in the file (none with ``--errors-only``)."""
    from collections import Counter

    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    kinds = Counter(p.rule for p in warnings)
    shown = [] if errors_only else warnings if not errors else \
        [p for p in warnings if kinds[p.rule] <= WARNINGS_PER_KIND]
    kept = {id(p) for p in shown}
    return errors + shown, [p for p in warnings if id(p) not in kept]


def counted_kinds(warnings: list[Problem]):
    """The warnings counted by kind, the most frequent first: '未注明证据的答案（no-evidence）33 个、…'."""
    from collections import Counter

    from indicators.messages import catalog, join

    known = catalog("en")
    counts = Counter(p.rule for p in warnings)
    return join(Msg("validate.kind-count", kind=Msg(f"warning-kind.{rule}"), rule=rule, n=f"{n:,}")
                if f"warning-kind.{rule}" in known else Msg("validate.kind-count-bare", rule=rule, n=f"{n:,}")
                for rule, n in counts.most_common())


def rule_texts(lang: str) -> dict[str, str]:
    """What every rule id means, in ``lang``: the English is written beside the rules (their
    docstrings, where ``double backticks`` mark a key; shown here without them, as a terminal
    shows no markup), the Chinese in ``lcity/help/rules.zh.yaml`` (an id missing there is said in
    English, so a new rule is never left out of the list)."""
    import re

    english = {rule_id: re.sub(r"``([^`]+)``", r"\1", text) for rule_id, text in all_rule_docs().items()}
    if lang != "zh":
        return english
    from ..helptext import HELP_DIR

    from indicators.messages import _load

    chinese = _load(HELP_DIR / "rules.zh.yaml")
    return {rule_id: chinese.get(rule_id, text) for rule_id, text in english.items()}


def print_rules(docs: dict[str, str]) -> None:
    """One rule a line, its id then its meaning: whole into a pipe (for grep), and on a terminal
    folded under the meaning's column, Chinese broken between characters and never before a
    closing mark (``lcity.tables``' wrapping, as every folded table cell)."""
    from ..console import out
    from ..tables import _wrapped, cell_width

    def folded(text: str, room: int) -> list[str]:  # a hung closing mark may overrun: wrap shorter
        for short in range(0, 8):
            lines = _wrapped(text, room - short, least=20)
            if max(map(cell_width, lines)) <= room:
                break
        return lines

    width = max(map(len, docs))
    room = out.width - width - 1 if out.is_terminal else None
    for rule_id, text in docs.items():
        lines = folded(text, room) if room else [text]
        say(f"{rule_id:{width}} {lines[0]}")
        for line in lines[1:]:
            say(" " * (width + 1) + line)


def json_command(path: Path, framework: Optional[str]) -> str:
    """``lcity validate FILE --format json`` for this file, as it can be typed in a shell."""
    args = ["lcity", "validate", str(path)] + (["--framework", framework] if framework else [])
    return shlex.join(args + ["--format", "json"])


def read_forgiving(path: Path, framework: Optional[str]):
    """The file read as ``evaluator.reading.read`` reads it, except that input-method slips found
    in the text are reported at their place and the rest of the file is read with them fixed."""
    import hashlib

    from evaluator.reading import read, read_marked
    from indicators.safeyaml import decode_bytes, load_text, read_bytes
    from indicators.slips import apply, fix_hint, scan

    if str(path) == "-":  # standard input is read once, by the reader
        return [], read(path, framework=framework)
    data = read_bytes(path)
    from indicators.xlsx import looks_like_workbook

    if looks_like_workbook(data, str(path)):  # a workbook (or a file that claims to be one): no text to scan
        return [], read(path, framework=framework)
    text = decode_bytes(data, str(path))
    slips = scan(text)
    found = [Problem(str(path), s.line, s.col, "error", s.rule, s.message(), fix_hint(str(path)),
                     fix=(s.line, s.col, s.old, s.new)) for s in slips]
    marked = load_text(apply(text, slips) if slips else text, str(path))
    return found, read_marked(marked, framework=framework, sha256=hashlib.sha256(data).hexdigest())


def check_file(path: Path, framework: Optional[str]):
    """Every problem of one file, its exit code (0, 1 or 2; 3 only for a bug in lcity) and what
    was read (None when nothing could be).

    A valid file is also scored here, so that a file ``validate`` accepts is one that ``score``
    accepts; a crash in one file is reported for that file and the others are still checked.
    """
    from evaluator.pipeline import score

    from indicators.problems import sort_problems

    slips: list[Problem] = []
    try:
        slips, loaded = read_forgiving(path, framework)
        problems = sort_problems(slips + loaded.problems)
        if slips or loaded.errors or not loaded.ok:
            return problems, 1, loaded
        result = score(*loaded.require())
        low = coverage_problem(result, loaded)
        return (sort_problems(problems + [low]) if low else problems), 0, loaded
    except InputError as exc:
        code = 2 if exc.fatal and not slips else 1
        return sort_problems(slips + exc.problems), code, None
    except Exception as exc:  # a bug: say so for this file and go on with the next
        if os.environ.get("LCITY_DEBUG"):
            raise
        return [Problem(str(path), 1, 1, "error", "internal-error",
                        f"lcity failed on this file ({type(exc).__name__}: {exc}); this is a bug, please report it",
                        "run again with LCITY_DEBUG=1 for details")], 3, None


def coverage_problem(result, loaded) -> Problem | None:
    """A warning when the answered share of the points is below the framework's
    ``recognition.min_coverage``: the file is valid, but ``lcity score`` will not rate the unit.

    The share is the engine's own ``Result.coverage`` (and its ``ratable``), so validate and score
    can never disagree; the points still to answer are counted in the Result's effective weights
    (what each indicator can earn of the total). It is placed at the file's ``answers:`` key (in a
    workbook, the first cell of its indicators sheet; 1:1 when there is neither)."""
    import math

    from indicators.messages import Both

    need = loaded.framework.recognition.min_coverage
    # a veto grades a unit whatever it leaves unknown (G26-T3): below the coverage it is still said,
    # as what the unit is graded by and what it needs once the veto is gone
    vetoed = result.ratable and bool(result.vetoes) and result.coverage + 1e-9 < need
    if result.ratable and not vetoed:
        return None
    applicable = [i for i in result.indicators if i.state != "not_applicable"]
    available = sum(i.weight for i in applicable)
    answered = sum(i.weight for i in applicable if i.state == "answered")
    more = max(0.1, math.ceil((need * available - answered) * 10 - 1e-6) / 10)
    message = Msg("check.low-coverage-veto" if vetoed else "check.low-coverage", share=f"{result.coverage * 100:.0f}%", answered=f"{round(answered, 1):g}",
                  available=f"{available:g}", need=f"{need * 100:.0f}%",
                  outcome=Both(result.grade.name_zh, result.grade.name))
    hint = Msg("hint.low-coverage", more=f"{more:g}")
    marked = loaded.marked
    if marked is None:
        return Problem(loaded.path, 1, 1, "warning", "low-coverage", message, hint)
    problem = marked.problem(("answers",), "low-coverage", message, hint, key=True, severity="warning")
    place = getattr(marked, "place", None)  # a workbook's marks are cells (indicators.xlsx.SheetMarked)
    return place([problem])[0] if place else problem
