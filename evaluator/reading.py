"""Reading a self-assessment file: safe YAML, model, framework and checks, in one pass.

Everything that reads an assessment (validate, score, report, batch) goes through `read`, so a
file that validates is exactly a file that scores.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from indicators.loader import load_framework
from indicators.models import Framework
from indicators.modelcheck import validate_model
from indicators.problems import InputError, Problem, sort_problems
from indicators.safeyaml import Marked, decode_bytes, load_text, read_bytes

from .assessment import Assessment
from .checks import run_checks


def _looks_like_a_path(ref: str) -> bool:
    """A ``framework:`` line that names a file: it is never opened (only ``--framework``, typed by
    the user, may name a framework file); the model reports it as "not a framework id"."""
    return "/" in ref or "\\" in ref or ref.lower().endswith((".yaml", ".yml", ".json")) or ref.startswith("~")


@dataclass
class Loaded:
    """An assessment as read: the model (None if invalid), its framework, and every problem."""

    path: str
    assessment: Assessment | None
    framework: Framework | None
    problems: list[Problem] = field(default_factory=list)
    sha256: str = ""
    marked: Marked | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return self.assessment is not None and self.framework is not None and not self.errors

    def require(self) -> tuple[Assessment, Framework]:
        """The assessment and framework, or InputError with every problem."""
        if not self.ok:
            raise InputError(self.problems)
        return self.assessment, self.framework  # type: ignore[return-value]


def _framework_for(marked: Marked, override: str | None) -> tuple[Framework | None, list[Problem]]:
    ref = override
    if ref is None:
        value = marked.data.get("framework") if isinstance(marked.data, dict) else None
        if not isinstance(value, str) or _looks_like_a_path(value):
            # the model reports it; a path written in a file is never opened (only --framework,
            # typed by the user, may name a framework file)
            return None, []
        ref = value
    try:
        return load_framework(ref), []
    except InputError as exc:
        problems = []
        for p in exc.problems:
            if p.rule == "unknown-framework" and override is not None:  # typed on the command line (G18-C5)
                p = Problem("--framework", 1, 1, "error", p.rule, p.message, p.hint)
            elif p.rule == "unknown-framework":
                line, col = marked.where(("framework",))
                p = Problem(marked.file, line, col, "error", p.rule, p.message, p.hint)
            problems.append(p)
        return None, problems


def _closest_framework(marked: Marked) -> Framework:
    """The installed framework whose indicator ids the answers use most, then the one the file's own
    framework line names but for case or full-width characters (``China-Learning-City@１``), then under
    which they have the fewest errors; on a tie the default framework's newest version (the one
    ``lcity init`` writes). The file's own line comes before the count of errors because a workbook's
    options are read by their labels only after a framework is chosen: every label counted as an
    error, and a workbook of version 1 was checked against version 2, its options picked from the
    drop-down said to be no option (G27H-3)."""
    from indicators.loader import DEFAULT_FRAMEWORK, available

    default = DEFAULT_FRAMEWORK.split("@")[0]
    answers = marked.data.get("answers")
    keys = set(answers) if isinstance(answers, dict) else set()
    named = _folded(marked.data.get("framework"))
    best, best_key = None, None
    for f in available():
        try:
            fw = load_framework(f.ref)
        except InputError:  # a broken framework is reported where it is used, not here
            continue
        errors = sum(p.severity == "error" for p in run_checks(marked.data, fw, marked))
        key = (len(keys & {i.id for i in fw.indicators()}), named is not None and _folded(f.ref) == named,
               -errors, f.id == default, f.version)
        if best_key is None or key > best_key:
            best, best_key = fw, key
    return best if best is not None else load_framework(default)


def _folded(ref: object) -> str | None:
    """A framework reference compared without case, spaces or full-width forms; None if no text."""
    import unicodedata

    return unicodedata.normalize("NFKC", ref).replace(" ", "").casefold() if isinstance(ref, str) else None


def _shares_an_indicator(answers: dict, fw: Framework) -> bool:
    return bool(set(answers) & {i.id for i in fw.indicators()})


def _fits(answers: dict, fw: Framework, ref: object) -> bool:
    """Whether a stand-in framework helps a file whose framework is not installed: it shares an
    indicator with the answers, and either knows every answer or the file's framework name is a
    near miss of an installed one (a typo). Answers of a framework of one's own that a mistyped
    LCITY_FRAMEWORK_PATH hides would get a problem for each indicator of a framework never meant,
    and the advice to switch to it (G19-C11)."""
    from indicators.loader import available
    from indicators.problems import did_you_mean

    if not _shares_an_indicator(answers, fw):
        return False
    if set(answers) <= {i.id for i in fw.indicators()}:
        return True
    name = str(ref).partition("@")[0] if isinstance(ref, str) else ""
    return bool(name) and bool(did_you_mean(name, {f.id for f in available()}))


def _default_framework(marked: Marked, unknown: bool) -> tuple[Framework | None, Problem | None]:
    """A stand-in framework, so that a missing or unknown ``framework:`` line does not hide every
    answer's mistakes; the note says which one the answers were checked against.

    None when the file names a framework that is not installed and no installed one asks any of
    its answers' indicators (a framework of one's own, LCITY_FRAMEWORK_PATH not set): checking it
    against another framework would only bury the one line that matters under a problem for every
    indicator of a framework the user never meant."""
    from indicators.messages import Msg

    fw = _closest_framework(marked)
    answers = marked.data.get("answers")
    if unknown and isinstance(answers, dict) and answers and not _fits(answers, fw, marked.data.get("framework")):
        return None, None
    ref = marked.data.get("framework")
    why = Msg("why.unknown-framework", ref=str(ref)) if unknown or ref is not None else Msg("why.no-framework")
    note = marked.problem(("framework",), "default-framework",
                          Msg("check.default-framework", why=why, fw=fw.ref),
                          Msg("hint.default-framework", fw=fw.ref), key=True, severity="warning")
    return fw, note


def is_a_review(data: object) -> bool:
    """An expert review file (``assessment:`` naming the file reviewed, no answers of its own):
    given where a self-assessment belongs, it is one mistake, not fifty missing keys and answers."""
    return (isinstance(data, dict) and isinstance(data.get("assessment"), dict)
            and not {"answers", "city", "framework"} & set(data))


def _review_given(marked: Marked) -> Problem:
    from indicators.messages import Msg

    line, col = marked.where(("assessment",), key=True)
    return Problem(marked.file, line, col, "error", "not-an-assessment", Msg("hostile.review-not-assessment"),
                   Msg("hostile.hint-review-not-assessment"))


@contextmanager
def no_collection_pauses() -> Iterator[None]:
    """Python's cycle collector off while a file's problems are made, on again after (if it was on).

    Checking a file allocates a few objects per key and per problem, none of them in a cycle; but
    each allocation counts towards the next collection, and a full collection walks every object
    alive, the file's marks and problems included. Reading a file of 90,000 unknown answers ran 17
    full collections that found 31 objects to free, and spent ~3 s of its ~6 s in them. Memory is
    unchanged: objects without cycles are freed by reference counting as always, and cyclic ones at
    the next collection after."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def read_marked(marked: Marked, *, framework: str | None = None, sha256: str = "") -> Loaded:
    """Checks loaded data: the model, the framework, the framework's checks; every problem, sorted."""
    with no_collection_pauses():
        return _read_marked(marked, framework=framework, sha256=sha256)


def _read_marked(marked: Marked, *, framework: str | None = None, sha256: str = "") -> Loaded:
    if not isinstance(marked.data, dict):
        problem = marked.problem((), "wrong-type", "an assessment is a mapping of keys (framework, city, ...)",
                                 "run 'lcity init' for a template")
        return Loaded(marked.file, None, None, [problem], sha256, marked)
    if is_a_review(marked.data):
        return Loaded(marked.file, None, None, [_review_given(marked)], sha256, marked)
    fw, fw_problems = _framework_for(marked, framework)
    broken = bool(fw_problems) and all(p.rule != "unknown-framework" for p in fw_problems)
    note = None
    if fw is None and framework is None and not broken:  # a broken framework: its own problems say it
        fw, note = _default_framework(marked, bool(fw_problems))
    if fw is not None and hasattr(marked, "typed"):  # a workbook: an option picked by its label is its code
        from indicators.xlsx import codes_for_labels

        codes_for_labels(marked, fw)  # type: ignore[arg-type]
    from .answer_shape import answer_shape

    known = frozenset(i.id for i in fw.indicators()) if fw is not None else None
    shapes = answer_shape(marked, known)  # C1: 12, value: not indented under C1: one error each, read as meant (G19-C18)
    assessment, problems = validate_model(Assessment, marked)
    problems = shapes + problems
    if fw_problems:  # one mistake, one problem: "no such framework" says more than "not an id"
        at = {(p.line, p.col) for p in fw_problems}
        problems = [p for p in problems if (p.line, p.col) not in at]
    problems += fw_problems
    if note is not None:
        problems.append(note)
    if fw is not None:
        problems += run_checks(marked.data, fw, marked)
    return Loaded(marked.file, assessment, fw, sort_problems(_one_per_mistake(problems)), sha256, marked)


#: a check's problem -> the schema's problems it says better at the same place: a year in the future
#: says more than "must be at most 2,100" (G22-H7); "'区' is not a level … (did you mean 'district'?)"
#: more than "'区' is not an id" (G27H-8)
_SAYS_BETTER = {"future-date": ("out-of-range",), "unknown-level": ("wrong-type",)}


def _one_per_mistake(problems: list) -> list:
    """One problem for one mistake, where a check and the schema both find it at the same place."""
    better = {(p.file, p.line, p.col, worse) for p in problems for worse in _SAYS_BETTER.get(p.rule, ())}
    return [p for p in problems if (p.file, p.line, p.col, p.rule) not in better]


def read(path: str | Path, *, framework: str | None = None, label: str | None = None) -> Loaded:
    """Reads and checks one assessment file. Raises InputError only when it cannot be read at all.

    The file is read once: the SHA-256 is of the very bytes that were parsed, so a file changed
    while it is read cannot be scored under another file's fingerprint."""
    if str(path) == STDIN:  # lcity validate - : standard input, read once and bounded like a file
        name = label or STDIN_NAME
        data = read_stdin(name)
    else:
        name = label or shown_name(path)
        data = read_bytes(path, label=name)
    from indicators.xlsx import looks_like_workbook

    if looks_like_workbook(data, name):  # a zip (Excel, WPS), an encrypted/.xls file, or a file named .xlsx
        return read_workbook(data, name, framework=framework)
    marked = load_text(decode_bytes(data, name), name)
    return read_marked(marked, framework=framework, sha256=hashlib.sha256(data).hexdigest())


STDIN, STDIN_NAME = "-", "<stdin>"


def shown_name(path: str | Path) -> str:
    """A file's name as text: the bytes of a name that is not UTF-8 (a file copied from a GBK
    system, ``bad\xffname.yaml``) become ``\xff``. Python keeps them as lone surrogates, which no
    JSON, PDF or terminal can hold: ``score --format json`` ended in an internal error."""
    name = str(path)
    if not _SURROGATE_ESCAPED.search(name):
        return name
    return _SURROGATE_ESCAPED.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", name)


def label_for(path: str | Path) -> str | None:
    """The label to read ``path`` under: None (its own name) unless the name is not UTF-8."""
    shown = shown_name(path)
    return None if shown == str(path) else shown


import re as _re  # noqa: E402 - beside its one use

_SURROGATE_ESCAPED = _re.compile("[\udc80-\udcff]")


_stdin: list[bytes] = []  # standard input, once read: a report embeds the very bytes it scored


def read_stdin(name: str = STDIN_NAME) -> bytes:
    """All of standard input, refused past the size limit of a file (one byte more is read to tell).
    Read once per process; later calls return the same bytes."""
    import sys

    from indicators.safeyaml import MAX_BYTES

    if _stdin:
        return _stdin[0]
    if sys.stdin is None:  # started with standard input closed (lcity validate - <&-)
        from indicators.messages import Msg

        raise InputError([Problem(name, 1, 1, "error", "unreadable", Msg("hostile.stdin-closed"),
                                  Msg("hostile.hint-stdin-closed"), fatal=True)])
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    _stdin.append(data)
    if len(data) > MAX_BYTES:
        from indicators.messages import Msg

        raise InputError([Problem(name, 1, 1, "error", "too-large", Msg("hostile.stdin-too-large", limit=f"{MAX_BYTES:,}"),
                                  Msg("hostile.hint-stdin-too-large"), fatal=True)])
    return data


def read_string(text: str, *, file: str = "<string>", framework: str | None = None) -> Loaded:
    marked = load_text(text, file)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return read_marked(marked, framework=framework, sha256=digest)


def read_workbook(data: bytes, name: str, *, framework: str | None = None) -> Loaded:
    """A workbook (``lcity init --format xlsx``) read like a YAML file: the same checks, and every
    problem placed at its cell (``Indicators!I12``)."""
    from indicators.xlsx import load_workbook_bytes

    marked = load_workbook_bytes(data, name)
    loaded = read_marked(marked, framework=framework, sha256=hashlib.sha256(data).hexdigest())
    loaded.problems = marked.place(sort_problems(loaded.problems + marked.problems + marked.notes))
    return loaded
