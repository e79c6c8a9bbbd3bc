"""Does a report's PDF still say what its inputs give? (``lcity verify``)

A report embeds the assessment, the review files and the Result it printed (``reports.embedded``).
Verifying re-scores the embedded inputs with the framework installed here and compares three
things: the embedded inputs with the Result they claim to produce (SHA-256), the re-scored Result
with the embedded one (framework, total, grade, decision, every indicator), and the printed text
with the re-scored total, grade and decision. Each disagreement is one sentence naming what
differs, so a reader knows whether an answer, the framework or a printed figure was changed.

Every sentence is a catalog message (``indicators.messages.Msg``, keys ``verify.*``): as a ``str``
it is the English the JSON output keeps, and ``lcity verify --lang zh`` says the same message in
Chinese, its values too (a grade by the framework's Chinese name, a quoted answer in “”).

pypdf reads the PDF (imported on use); nothing in the PDF is executed or fetched.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indicators.messages import Both, Msg, join

from .embedded import ASSESSMENT, ASSESSMENT_XLSX, RESULT, REVIEW_PREFIX

#: Scores closer than this are the same score (the Result keeps unrounded floats).
TOLERANCE = 1e-6
#: Differences listed by field path before the rest is counted.
MAX_LISTED = 12
#: Fields that word a figure rather than state one: a difference there is a note, not a failure.
#: The decision's reasons (``recognition.reasons``) are its words too: a report whose veto read
#: '近两个财政年度未单列' before the framework said '未连续单列' (G20-A2) still agrees.
WORDING = frozenset({"name", "name_zh", "name_en", "framework_name", "framework_name_zh", "reason", "reason_zh",
                     "reasons", "reasons_zh", "evidence", "note", "unit", "unit_zh", "description",
                     "review_reasons", "review_reasons_zh"})
#: the names lcity gives embedded reviews, and no other: fullmatch, since ``$`` would also take
#: "review-1.yaml\n" (a name a PDF viewer shows as review-1.yaml), and ASCII digits only
_REVIEW = re.compile(rf"{re.escape(REVIEW_PREFIX)}([1-9][0-9]*)\.yaml")  # review-1.yaml, never review-01.yaml


class NotAReport(ValueError):
    """The file is not a PDF, or carries no embedded inputs to re-score (exit 1, with the reason)."""


class NotAFile(NotAReport):
    """Not a regular file (a folder, a FIFO, a device): it cannot be read at all, so ``lcity verify``
    says so as every command does of such a path (exit 2, ``unreadable``), not as a report that differs."""


@dataclass
class Verdict:
    """What ``lcity verify`` prints: the differences (none: the report agrees) and what was checked,
    each a ``Msg``; the grade and decision as the report prints them (``Both`` where the report is
    English, so that a Chinese verdict names them in Chinese)."""

    differences: list[Msg] = field(default_factory=list)
    checked: list[Msg] = field(default_factory=list)
    #: what was compared, in the words of the verdict's line "checked: …; not checked: …"
    compared: list[Msg] = field(default_factory=list)
    notes: list[Msg] = field(default_factory=list)
    total: float | None = None
    #: the total as the report prints it: 84.96, not "85.0", just under a line of 85
    total_text: str = ""
    #: the upper bound of a unit not rated (its unknown answers at full points): its total is said as
    #: "13.0—63.0", as the report says it, never as a bare figure (G19-A10); None for a rated unit
    total_upper: float | None = None
    grade: str = ""
    decision: str = ""

    @property
    def ok(self) -> bool:
        return not self.differences

    @property
    def not_checked(self) -> Msg:
        """What verify does not compare: the rest of the pages' text."""
        return Msg("verify.not-checked-all")

    @property
    def summary(self) -> Msg:
        """The line saying what was compared and what was not."""
        return Msg("verify.compared", checked=join(self.compared), unchecked=self.not_checked)


#: Limits on an untrusted PDF. A report is about a megabyte, 20-40 pages, and embeds files of a few
#: kilobytes; the assessment itself may not exceed the reader's 2 MB. pypdf refuses on its own to
#: unpack one stream to more than 75 MB, which bounds the memory an embedded bomb can take.
MAX_PDF_BYTES = 100_000_000
MAX_PAGES = 1_000
MAX_EMBEDDED = 5_000_000


class PrintedText:
    """The report's printed text, read page by page only as far as a search needs it.

    Reading a page's text is most of what ``verify`` costs (a CJK font's character map is parsed
    again for every page), and ``find`` looks for figures that are on the first pages: it reads
    pages in order until every text is found, so a report that prints them costs a page or two and
    one that does not is read to the end. Whitespace is ignored and the search runs over all pages
    read so far, so a figure that a line or page break cuts is still found. ``pages`` reads the
    rest: the squashed text of every page, for the sentences that print a figure (``printed_places``)."""

    def __init__(self, pages) -> None:
        self._pages = iter(pages)
        self._texts: list[str] = []  # the squashed text of each page read so far
        self._read = ""  # the same, joined

    def _next(self) -> bool:
        try:
            page = next(self._pages, None)
            if page is None:
                return False
            raw = page.extract_text() or ""
        except _unreadable_errors() as exc:  # a damaged or hostile page: said as before
            raise _not_a_report(exc) from None
        self._texts.append(_squash_page(raw))
        self._read += _squash(raw)
        return True

    def find(self, texts: list[str]) -> list[bool]:
        wanted = [_squash(s) for s in texts]
        found = [w in self._read for w in wanted]
        while not all(found) and self._next():
            found = [f or w in self._read for f, w in zip(found, wanted)]
        return found

    def pages(self) -> list[str]:
        """The squashed text of every page, in order."""
        while self._next():
            pass
        return list(self._texts)


def read_embedded(path: Path) -> tuple[dict[str, bytes], PrintedText, str]:
    """The embedded files by name, the PDF's printed text (read lazily) and its document language."""
    import logging

    from pypdf import PdfReader

    # pypdf logs repairs of an edited file (object counts, xref offsets) as warnings; the verdict
    # says what matters, so they are not printed
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    import stat

    info = Path(path).stat()  # an OSError (no such file) is the command's exit 2
    if not stat.S_ISREG(info.st_mode):  # a folder, or a FIFO that would block the read below
        raise NotAFile(Msg("hostile.pdf-unreadable", error=Msg("hostile.not-a-file")))
    size = info.st_size
    if size > MAX_PDF_BYTES:
        raise NotAReport(Msg("hostile.pdf-unreadable", error=Msg("verify.pdf-bytes", size=f"{size:,}",
                                                                limit=f"{MAX_PDF_BYTES:,}")))
    with open(path, "rb") as fh:
        if b"%PDF-" not in fh.read(1024):  # PDF readers accept the header within the first kilobyte
            raise NotAReport(Msg("hostile.pdf-unreadable", error=Msg("hostile.pdf-no-header")))
    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):  # an owner password alone still opens it
            raise NotAReport(Msg("hostile.pdf-encrypted"))
        files = {}
        for name, contents in reader.attachments.items():
            if contents and len(contents[0]) > MAX_EMBEDDED:
                raise NotAReport(Msg("hostile.pdf-embedded-too-large", name=name, limit=f"{MAX_EMBEDDED:,}"))
            if contents:
                files[name] = contents[0]
        if len(reader.pages) > MAX_PAGES:
            raise NotAReport(Msg("hostile.pdf-unreadable", error=Msg("verify.pdf-pages", n=f"{len(reader.pages):,}")))
        text = PrintedText(reader.pages)
        lang = str(reader.trailer["/Root"].get("/Lang", ""))
    except _unreadable_errors() as exc:
        raise _not_a_report(exc) from None
    return files, text, lang


#: a revision's end: lcity writes a PDF once, with one ``startxref … %%EOF``; a PDF editor saving
#: comments or edits appends another (an incremental update), leaving the first bytes as they were
_REVISION_END = re.compile(rb"startxref\s+\d+\s+%%EOF")
#: the annotations lcity's reports carry: links (the contents, cross-references, web addresses)
LCITY_ANNOTATIONS = frozenset({"/Link"})


def later_changes(path: Path) -> list[Msg]:
    """What was added to the PDF after lcity wrote it, as differences: later revisions (an
    incremental update, whose own pages or annotations can print another total over every page,
    while the bytes lcity wrote, and so every figure verify compares, stay as they were, G19-C2),
    and page annotations lcity does not write (a text box or stamp saved in full). Neither
    depends on what the additions show: verify does not read them, it says they are there."""
    from pypdf import PdfReader

    out: list[Msg] = []
    data = Path(path).read_bytes()
    try:
        reader = PdfReader(str(path))
        later = max(len(_REVISION_END.findall(data)) - 1, 1 if "/Prev" in reader.trailer else 0)
        pages = [n for n, page in enumerate(reader.pages, 1)
                 if any(str(a.get_object().get("/Subtype")) not in LCITY_ANNOTATIONS
                        for a in (page.get("/Annots") or []))]
    except _unreadable_errors():
        return out  # read_embedded has read it: what it could not read here is left to it
    if later:
        out.append(Msg("verify.diff.revised", n=str(later)))
    if pages:
        out.append(Msg("verify.diff.annotations", n=str(len(pages)), pages=_page_list(pages)))
    return out


def _page_list(pages: list[int]) -> str:
    """Pages as a reader finds them: "2–30" for a run, "2, 5" otherwise."""
    runs: list[list[int]] = []
    for n in pages:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def _unreadable_errors() -> tuple[type[BaseException], ...]:
    """What pypdf raises on a damaged or hostile file (pypdf is imported only when a PDF is read)."""
    from pypdf.errors import PyPdfError

    return (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
            MemoryError, OverflowError, AssertionError, UnicodeError, EOFError, ZeroDivisionError)


def _not_a_report(exc: BaseException) -> "NotAReport":
    """The verdict's words for a PDF pypdf could not read (``exc``)."""
    from pypdf.errors import FileNotDecryptedError

    if isinstance(exc, NotAReport):
        return exc
    if isinstance(exc, FileNotDecryptedError):
        return NotAReport(Msg("hostile.pdf-encrypted"))
    # what went wrong, never pypdf's class name or its English (G17-4): a cut file is the common case
    from pypdf.errors import PdfStreamError

    cut = isinstance(exc, (PdfStreamError, EOFError)) or "EOF" in str(exc)
    error = (Msg("hostile.pdf-bomb") if type(exc).__name__ == "LimitReachedError"
             else Msg("verify.pdf-cut") if cut else Msg("verify.pdf-damaged"))
    return NotAReport(Msg("hostile.pdf-unreadable", error=error))


def _assessment(files: dict[str, bytes]) -> str:
    """The embedded assessment's name: YAML, or the workbook it was read from."""
    return ASSESSMENT_XLSX if ASSESSMENT_XLSX in files and ASSESSMENT not in files else ASSESSMENT


def _foreign(files: dict[str, bytes]) -> list[str]:
    """The embedded files lcity does not write (a second assessment, review-01.yaml, any other):
    a reader may open them from the PDF, and the verdict would not be about them (G17-3)."""
    ours = {_assessment(files), RESULT, *_reviews(files)}
    return sorted(name for name in files if name not in ours)


def _reviews(files: dict[str, bytes]) -> list[str]:
    found = [(int(m.group(1)), name) for name in files if (m := _REVIEW.fullmatch(name))]
    return [name for _, name in sorted(found)]


def rescore(files: dict[str, bytes], label: str | None, framework: str | None = None):
    """The Result of the embedded assessment verified by the embedded reviews, scored by the
    installed framework (the one the assessment names, or ``framework``), and that framework;
    raises InputError when the embedded files are no longer valid."""
    from evaluator.pipeline import read_scored
    from indicators.problems import InputError

    with tempfile.TemporaryDirectory(prefix="lcity-verify-") as tmp:
        folder = Path(tmp)
        for name in [_assessment(files), *_reviews(files)]:
            (folder / name).write_bytes(files[name])
        try:
            result, loaded = read_scored(folder / _assessment(files), reviews=[folder / n for n in _reviews(files)],
                                         force=True, label=label, framework=framework)
        except InputError as exc:  # a message naming another embedded file names it as the PDF does
            raise InputError([_in_pdf(p, folder) for p in exc.problems]) from None
    return result, loaded.framework


def _in_pdf(problem, folder: Path):
    """``problem`` with the temporary folder the embedded files were re-scored in taken out of its
    message: the folder is gone when the verdict is read, and its name differs on every run."""
    from dataclasses import replace

    from indicators.messages import say

    prefix = str(folder) + os.sep
    zh, en = say(problem.message, "zh"), say(problem.message, "en")
    if prefix not in zh + en:
        return problem
    return replace(problem, message=Both(zh.replace(prefix, ""), en.replace(prefix, "")))


def _leaves(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(_leaves(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list) and value and all(isinstance(v, dict) and "id" in v for v in value):
        out = {}
        for item in value:
            out.update(_leaves(item, f"{prefix}[{item['id']}]"))
        return out
    return {prefix: value}


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(float(a) - float(b)) <= TOLERANCE
    return a == b


def _quoted(said: str) -> str:
    """A value quoted in English ('77.6', "own_regulation") as Chinese quotes it (“77.6”)."""
    if len(said) >= 2 and said[0] in "'\"" and said[-1] == said[0]:
        return Both(f"“{said[1:-1]}”", said)
    return said


def _num(x: Any) -> str:
    """An answer or a score as the English verdict always wrote it (2.00, "city", ["a", "b"]); in
    Chinese a text is quoted “city” and a list of texts is said “a”、“b”."""
    if isinstance(x, float):
        return f"{x:.2f}"
    said = json.dumps(x, ensure_ascii=False)
    if isinstance(x, list) and x and all(isinstance(v, str) for v in x):
        return Both("、".join(f"“{v}”" for v in x), said)
    return _quoted(said)


def _apart(a: Any, b: Any) -> tuple[str, str]:
    """Two figures the verdict lists as different, each as ``_num`` says it, with more decimals
    where two would print the same (75.58 and 75.58 for 75.5812 and 75.5790): a difference the
    reader cannot see cannot be told from a forged figure."""
    x, y = _num(a), _num(b)
    if x == y and isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) \
            and not isinstance(b, bool) and float(a) != float(b):
        for places in range(3, 13):
            x, y = f"{float(a):.{places}f}", f"{float(b):.{places}f}"
            if x != y:
                break
    return x, y


def _named(key: str, value: Any, rescored: dict, fw=None) -> str:
    """A grade id or recognition outcome as the Result names it: the id in English (as the JSON
    always said), the framework's Chinese name in Chinese. The name comes from the re-scored Result
    or the framework, never from the embedded Result, whose name may not match its changed id."""
    said = str(value)
    sub = "id" if key == "grade" else "outcome"
    mine = rescored.get(key) or {}
    zh = mine.get("name_zh") if mine.get(sub) == value else None
    if zh is None and fw is not None:
        zh = _framework_name(fw, key, said)
    return Both(zh, said) if isinstance(zh, str) and zh else said


def _framework_name(fw, key: str, value: str) -> str | None:
    """The Chinese name ``fw`` gives a grade id or a recognition outcome; None when it has none."""
    if key == "grade":
        return next((g.name.zh for g in fw.grades if g.id == value), None)
    outcomes = fw.recognition.outcomes  # only its fields: the id is the embedded file's, not trusted
    text = getattr(outcomes, value) if value in type(outcomes).model_fields else None
    return getattr(text, "zh", None)


def _inner(value: Any, sub: str) -> Any:
    """``value[sub]`` of a Result's object (grade.id); an embedded Result edited to hold something
    else there (a bare string) is compared as it is."""
    return value.get(sub) if isinstance(value, dict) else value


def _listing(value: Any) -> list[dict]:
    """The entries with an id of a Result's list (indicators); an edited entry without one is absent."""
    return [i for i in value if isinstance(i, dict) and "id" in i] if isinstance(value, list) else []


def compare_results(printed: dict, rescored: dict, fw=None) -> list[Msg]:
    """Every way the embedded Result differs from the re-scored one, the important ones first
    (``fw``, the framework re-scored with, names a grade the re-scored Result does not)."""
    out: list[Msg] = []
    if printed.get("framework") != rescored.get("framework"):
        out.append(Msg("verify.diff.framework", printed=str(printed.get("framework")),
                       rescored=str(rescored.get("framework"))))
    if not _same(printed.get("total"), rescored.get("total")):
        shown, again = _apart(printed.get("total"), rescored.get("total"))
        out.append(Msg("verify.diff.total", printed=shown, rescored=again))
    a, b = _inner(printed.get("grade"), "id"), _inner(rescored.get("grade"), "id")
    if a != b:
        out.append(Msg("verify.diff.grade", printed=_named("grade", a, rescored, fw),
                       rescored=_named("grade", b, rescored, fw)))
    a, b = _inner(printed.get("recognition"), "outcome"), _inner(rescored.get("recognition"), "outcome")
    if a != b:
        out.append(Msg("verify.diff.recognition", printed=_named("recognition", a, rescored, fw),
                       rescored=_named("recognition", b, rescored, fw)))
    mine = {str(i["id"]): i for i in _listing(printed.get("indicators"))}
    theirs = {i["id"]: i for i in rescored.get("indicators", [])}
    # a Result whose indicators were cut or replaced: one line for them, not 43
    rescored_only = [str(i) for i in theirs if i not in mine]  # in the framework's order
    if len(rescored_only) == 1:
        out.append(Msg("verify.diff.only-rescored", id=rescored_only[0]))
    elif rescored_only:
        out.append(Msg("verify.diff.only-rescored-list", ids=_listed(rescored_only), n=len(rescored_only)))
    embedded_only = [str(i) for i in mine if i not in theirs]
    if len(embedded_only) == 1:
        out.append(Msg("verify.diff.only-embedded", id=embedded_only[0]))
    elif embedded_only:
        out.append(Msg("verify.diff.only-embedded-list", ids=_listed(embedded_only), n=len(embedded_only)))
    for ind in sorted(set(mine) & set(theirs)):
        a, b = mine[ind], theirs[ind]
        if not _same(a.get("score"), b.get("score")) or a.get("value") != b.get("value"):
            (value, value2), (score, score2) = _apart(a.get("value"), b.get("value")), _apart(a.get("score"), b.get("score"))
            out.append(Msg("verify.diff.indicator", id=str(ind), value=value, score=score, value2=value2, score2=score2))
    if out:
        return out
    other = [k for k in changed_leaves(printed, rescored) if not is_wording(k)]
    if other:
        out.append(Msg("verify.diff.other", fields=_listed(other)))
    return out


#: Result fields added after reports were first made: a report's Result without them is older, not
#: different (a field it does carry is still compared)
ADDED_LATER = ("city.parent_en", "recognition.pending", "recognition.recognised_if_verified", "recognition.unsettled",
               "recognition.borrowed", "recognition.recounted", "review.outcome_change", "review.survey_gaps",
               "not_asked", "recognition.unbacked", "recognition.own_not_applicable", "dimensions[].floor_max",
               "dimensions[].floor_excludes", "review.moved", "review.conclusion_by_place",
               "recognition.estimated", "recognition.against_method")


_INDEX = re.compile(r"\[[^\]]*\]")


def _under(key: str, field: str) -> bool:
    """Whether ``key`` is the leaf ``field`` or one of its parts (``review.outcome_change.self_outcome``)."""
    return key == field or key.startswith((field + ".", field + "["))


def _added_later(key: str, left: dict) -> bool:
    """A field this version adds to the Result that a report made before it does not carry at all:
    not a difference of the report (a field with parts, such as the panel's outcome change, is
    absent as a whole)."""
    key = _INDEX.sub("[]", key)  # a field of every dimension: dimensions[L].floor_max
    field = next((a for a in ADDED_LATER if _under(key, a)), None)
    return field is not None and not any(_under(_INDEX.sub("[]", k), field) for k in left)


def _counted_as_before(printed: dict, right: dict) -> dict:
    """The re-scored leaves counted as a report made before not_asked existed counts them: its ``not_applicable``
    also holds the indicators the framework does not ask of the unit's level, which ``not_asked``
    now counts apart (G20-D9). A Result that carries ``not_asked`` is compared as it is."""
    if "not_asked" in printed or not isinstance(right.get("not_asked"), int) \
            or not isinstance(right.get("not_applicable"), int):
        return right
    return {**right, "not_applicable": right["not_applicable"] + right["not_asked"]}


#: the review's lists of reviewers (no ``id``: each list is one leaf) whose entries gained ``place``
#: (G22 leftovers: an unnamed reviewer named in the report's language), as paths into the review
_PLACED = (("opinions",), ("unsettled_by",), ("disagreements", "scores"))


#: an unnamed reviewer as the Chinese reasons name them since the place (evaluator.verify._reviewer_name)
_UNNAMED_ZH = re.compile(r"评审专家(\d+)")


def _unplaced(items: Any, path: tuple[str, ...]) -> Any:
    """The entries of ``items`` (a list of reviewers, or of disagreements holding them) without ``place``."""
    if not isinstance(items, list):
        return items
    if len(path) > 1:
        return [{**d, path[1]: _unplaced(d.get(path[1]), path[1:])} if isinstance(d, dict) else d for d in items]
    return [{k: v for k, v in d.items() if k != "place"} if isinstance(d, dict) else d for d in items]


def _review_as_before(printed: dict, rescored: dict) -> dict:
    """The re-scored review as a report made before two changes wrote it, when the printed one is such
    a report: ``flagged`` held the indicators the review did not list whose score moved, which
    ``moved`` now holds (G22-T9; the union, in the indicators' order); and no reviewer entry had
    ``place`` (an unnamed reviewer's file place, ``conclusion_by_place`` beside them), the Chinese
    reasons naming that reviewer "reviewer 2" as the English do, not 评审专家2 (else a note that
    the framework words them differently). A report made after either is compared as it is."""
    was, now = printed.get("review"), rescored.get("review")
    if not isinstance(was, dict) or not isinstance(now, dict):
        return rescored
    now = dict(now)
    if "moved" not in was and now.get("moved"):
        order = {i.get("id"): k for k, i in enumerate(rescored.get("indicators") or []) if isinstance(i, dict)}
        now["flagged"] = sorted([*now.get("flagged", []), *now["moved"]], key=lambda x: order.get(x, len(order)))
    if "conclusion_by_place" in was:
        return {**rescored, "review": now}
    for path in _PLACED:
        if path[0] in now:
            now[path[0]] = _unplaced(now[path[0]], path)
    out = {**rescored, "review": now}
    if isinstance(rescored.get("indicators"), list):
        out["indicators"] = [{**i, "review_reasons_zh": [_UNNAMED_ZH.sub(r"reviewer \1", t) for t in i["review_reasons_zh"]]}
                             if isinstance(i, dict) and isinstance(i.get("review_reasons_zh"), list) else i
                             for i in rescored["indicators"]]
    return out


def changed_leaves(printed: dict, rescored: dict) -> list[str]:
    skip = ("provenance.version", "provenance.input_file")
    left, right = _leaves(printed), _leaves(_review_as_before(printed, rescored))
    right = _counted_as_before(printed, right)
    return [k for k in sorted(set(left) | set(right)) if k not in skip and not _same(left.get(k), right.get(k))
            and not _added_later(k, left)]


def is_wording(path: str) -> bool:
    """A field that only words a figure (a dimension's name, a reason, evidence titles): the
    installed framework may word it differently under the same version without changing a score."""
    return re.sub(r"\[[^\]]*\]", "", path).rsplit(".", 1)[-1] in WORDING


def _listed(paths: list[str]) -> str:
    """Field paths joined in the language said (、 in Chinese), the first MAX_LISTED of them."""
    fields = join(paths[:MAX_LISTED])
    return Msg("verify.more", fields=fields, n=len(paths) - MAX_LISTED) if len(paths) > MAX_LISTED else fields


def _as_reported(files: dict[str, bytes], label: str | None, printed: dict):
    """The inputs re-scored with the framework the embedded Result names, when that reproduces the
    Result exactly (a report made with --framework); None otherwise (then the framework differs)."""
    from indicators.problems import InputError

    ref = printed.get("framework")
    if not isinstance(ref, str) or not ref:
        return None
    try:
        again, fw = rescore(files, label, framework=ref)
    except (InputError, OSError):
        return None
    return (again, fw) if not compare_results(printed, again.model_dump(mode="json")) else None


def printed_figures(rescored, fw, lang: str) -> list[tuple[str, str]]:
    """(what, text) the report must print for the re-scored Result: the total as the report
    formats it (one decimal, more where one would cross a line of ``fw``), the grade and the
    decision in the report's language."""
    from evaluator.rounding import shown_total, total_limits

    zh = lang.lower().startswith("zh")
    return [("total", shown_total(rescored.total, total_limits(fw))),
            ("grade", rescored.grade.name_zh if zh else rescored.grade.name),
            ("decision", rescored.recognition.name_zh if zh else rescored.recognition.name)]


#: The report's sentences that print the total, the self-assessed total, the grade or the decision:
#: catalog keys of ``reports/catalogs``, by the section (its title's key) that prints them. verify
#: finds each by the report's own wording, in either language, and compares every figure in it.
#: The cover prints none of them (unit, period, framework, bodies, date, number).
PRINTED_SENTENCES = {
    "sum_title": ("sum_total_review", "sum_total", "sum_decision", "sum_decision_veto", "sum_decision_one",
                  "sum_decision_unrated_decision"),
    "sec_results": ("results_summary", "results_summary_veto", "results_summary_unrated", "results_summary_nofloor",
                    "results_summary_veto_nofloor", "results_summary_unrated_nofloor",
                    "results_summary_unrated_bounds", "results_summary_unrated_bounds_nofloor"),
    "sec_robustness": ("rob_total", "rob_total_unrated"),
    "sec_conclusion": ("concl_total", "concl_total_plain", "concl_total_one", "concl_total_plain_one",
                       "concl_total_veto", "concl_total_unrated", "concl_total_unrated_decision"),
}
#: a sentence's field that prints a figure verify compares, and which figure ({scored}: the total
#: the robustness analysis starts from, which is the report's total)
FIGURE_FIELDS = {"total": "total", "scored": "total", "own": "own", "grade": "grade", "Grade": "grade",
                 "decision": "decision"}
#: the longest text a field stands for: a unit's name, a range sentence (figures are shorter)
_ANY, _FIGURE = 300, 60
#: what a name printed in place of the re-scored one is made of: no sentence's punctuation, so that
#: one sentence is not read as another ("等级为“合格”" as the grade of "（满分100分），{grade}。"), and
#: no digit in a name whose re-scored name has none ("稳健性分析90%区间为…" is not a grade)
_OTHER = {"zh": "^，。；：“”‘’（）", "en": "^,;:'\"()"}


@dataclass(frozen=True)
class Printed:
    """One figure a report's sentence prints: which (total, own, grade, decision), as printed
    (whitespace taken out), as re-scoring gives it, on which page and in which section (its title
    in the report's language)."""

    what: str
    printed: str
    expected: str
    page: int
    place: str

    @property
    def agrees(self) -> bool:
        return self.printed in _alike(self.expected)


def _alike(expected: str) -> set[str]:
    """The ways a sentence prints ``expected``: as it is, and an English name opening or inside a
    sentence ("Not ratable", "not ratable"); a name holding quotation marks also as a quoted name
    prints it, with single marks inside (“授予‘学习型企业’称号”, ``indicators.quotes``, G24-T2)."""
    from indicators.quotes import quoted

    forms = {expected, quoted(expected)[1:-1]}
    return {g for e in forms for g in (e, e[:1].lower() + e[1:], e[:1].upper() + e[1:])}


def _expected(rescored, fw, lang: str) -> dict[str, str]:
    """What the report's sentences in ``lang`` print for the re-scored Result, by figure."""
    from evaluator.rounding import shown_total, total_limits

    zh = lang == "zh"
    limits = total_limits(fw)
    out = {"total": shown_total(rescored.total, limits),
           "grade": rescored.grade.name_zh if zh else rescored.grade.name,
           "decision": rescored.recognition.name_zh if zh else rescored.recognition.name}
    own = getattr(rescored, "self_assessed", None)
    if own is not None:
        out["own"] = shown_total(own.total, limits)
    return {k: _squash(v) for k, v in out.items() if v}


def _sentence(template: str, expected: dict[str, str], lang: str) -> tuple["re.Pattern[str]", int] | None:
    """A pattern finding ``template`` (a catalog sentence) in a page's squashed text, and the length
    of its fixed words (a longer one is the more specific sentence). A figure field becomes a group
    named after the figure, which takes the re-scored figure when the page prints it and whatever
    the page prints in its place otherwise; a figure needs fixed words on both sides to be read (else
    it is passed over like any other field, the unit's name or a range)."""
    import string

    parts: list[tuple[str, str]] = []  # (kind, text): ("text", words), ("field", name)
    for literal, name, _, _ in string.Formatter().parse(template):
        if _squash(literal):
            parts.append(("text", _squash(literal)))
        if name is not None:
            parts.append(("field", name))
    while parts and parts[0][0] == "field":  # a field opening or closing the sentence bounds nothing
        parts.pop(0)
    while parts and parts[-1][0] == "field":
        parts.pop()
    pattern, named = [], set()
    for k, (kind, text) in enumerate(parts):
        if kind == "text":
            pattern.append(re.escape(text))
            continue
        what = FIGURE_FIELDS.get(text)
        bounded = parts[k - 1][0] == "text" and parts[k + 1][0] == "text"
        if what and bounded and what not in named and what in expected:
            named.add(what)
            known = "|".join(re.escape(e) for e in sorted(_alike(expected[what]), key=len, reverse=True))
            if what in ("total", "own"):  # another number in its place (never a run of several)
                other = r"[0-9]{1,3}(?:\.[0-9]{1,3})?"
            else:
                other = f"[{_OTHER[lang]}{'' if re.search(r'[0-9]', expected[what]) else '0-9'}]{{1,{_FIGURE}}}?"
            pattern.append(f"(?P<{what}>{known}|{other})")
        else:
            pattern.append(f".{{0,{_ANY}}}?")
    if not named:
        return None
    return re.compile("".join(pattern)), sum(len(t) for kind, t in parts if kind == "text")


def printed_places(pages: list[str], rescored, fw) -> list[Printed]:
    """Every total, self-assessed total, grade and decision the report's sentences print (zh or en),
    found by the catalogs' wording in each page's squashed text, with what re-scoring gives. A
    figure printed by two sentences that overlap (the summary's grade and decision sentence inside
    the conclusion's) is one place, named after the more specific sentence."""
    from .catalog import LANGS, load_catalog

    sentences = []
    for lang in LANGS:
        cat, expected = load_catalog(lang), _expected(rescored, fw, lang)
        for title, keys in PRINTED_SENTENCES.items():
            for key in keys:
                if key in cat and (found := _sentence(str(cat[key]), expected, lang)):
                    sentences.append((found[1], found[0], expected, str(cat[title])))
    sentences.sort(key=lambda s: -s[0])
    seen: dict[tuple[int, int], Printed] = {}
    for _, pattern, expected, place in sentences:
        for number, text in enumerate(pages, 1):
            for match in pattern.finditer(text):
                for what, shown in match.groupdict().items():
                    if shown is not None and (number, match.start(what)) not in seen:
                        seen[(number, match.start(what))] = Printed(what, shown, expected[what], number, place)
    return [seen[k] for k in sorted(seen)]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _squash_page(text: str) -> str:
    """A page's text for ``printed_places``: squashed, but where white space parts two digits, a '|'
    keeps them apart, so that figures of neighbouring table cells are not read as one number (a
    score table's "scores 1", "2.00" and "1 of 4 items" are not the total "12.001" of
    "{city} scores {total} of {max} points." in an English report whose labels are Chinese)."""
    return _squash(re.sub(r"(?<=[0-9])\s+(?=[0-9])", "|", text))


def verify(path: Path) -> Verdict:
    """The verdict on one report PDF. Raises NotAReport when there is nothing to re-score."""
    from evaluator.engine import VERSION
    from indicators.problems import InputError

    files, text, lang = read_embedded(path)
    missing = [name for name in (_assessment(files), RESULT) if name not in files]
    if missing:
        raise NotAReport(Msg("verify.no-inputs", names=join(missing, (" 或 ", " or "))))
    verdict = Verdict()
    verdict.differences += later_changes(path)
    foreign = _foreign(files)
    if foreign:
        verdict.differences.append(Msg("verify.diff.foreign-files", names=join([repr(n) for n in foreign[:MAX_LISTED]])))
    try:
        printed = json.loads(files[RESULT].decode("utf-8"))
        if not isinstance(printed, dict):
            raise ValueError("not a JSON object")
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: "[[[[…" nested too deep
        error = (Msg("verify.json-too-deep") if isinstance(exc, RecursionError) else
                 Msg("verify.json-not-object") if str(exc) == "not a JSON object" else Msg("verify.json-invalid"))
        verdict.differences.append(Msg("verify.diff.not-a-result", name=RESULT, error=error))
        printed = {}
    provenance = printed.get("provenance")
    provenance = provenance if isinstance(provenance, dict) else {}
    digest = hashlib.sha256(files[_assessment(files)]).hexdigest()
    if provenance.get("input_sha256") and provenance.get("input_sha256") != digest:
        verdict.differences.append(Msg("verify.diff.sha256", digest=f"{digest[:16]}…",
                                       recorded=f"{str(provenance['input_sha256'])[:16]}…"))
    verdict.checked.append(Msg("verify.checked.sha256", digest=digest))
    verdict.compared.append(Msg("verify.compared.sha256"))
    try:
        rescored, fw = rescore(files, provenance.get("input_file"))
    except InputError as exc:
        if not verdict.differences:  # inputs that are not the Result's own are a difference, whatever else
            _unless_installed(exc.problems, path, printed.get("framework"))
        first = exc.problems[0] if exc.problems else None
        verdict.differences.append(Msg("verify.diff.no-longer-scores",
                                       reason=first.message if first else Msg("verify.invalid")))
        return verdict
    if printed:
        found = compare_results(printed, rescored.model_dump(mode="json"), fw)
        if found and found[0].key == "verify.diff.framework":
            override = _as_reported(files, provenance.get("input_file"), printed)
            if override is not None:  # made with lcity report --framework: scored that way, it agrees
                (rescored, fw), found = override, []
                verdict.notes.append(Msg("verify.notes.scored-with", framework=str(printed.get("framework"))))
        verdict.differences += found
        worded = [k for k in changed_leaves(printed, rescored.model_dump(mode="json")) if is_wording(k)]
        if worded and not verdict.differences:
            verdict.notes.append(Msg("verify.notes.worded", fields=_listed(worded)))
        if provenance.get("version") and provenance.get("version") != VERSION:
            verdict.notes.append(Msg("verify.notes.version", made=str(provenance["version"]), this=VERSION))
    zh = lang.lower().startswith("zh")
    verdict.total = rescored.total
    figures = printed_figures(rescored, fw, lang)
    verdict.total_text = figures[0][1]
    from evaluator.rounding import unrated_upper

    verdict.total_upper = unrated_upper(rescored, fw)
    grade, decision = both_names(rescored.grade), both_names(rescored.recognition)
    verdict.grade, verdict.decision = (grade.zh, decision.zh) if zh else (grade, decision)
    verdict.checked.append(Msg("verify.checked.rescored", framework=rescored.framework, total=verdict.total_text,
                               grade=grade, decision=decision))
    verdict.compared.append(Msg("verify.compared.rescored"))
    glosses = {"grade": grade.zh, "decision": decision.zh}
    places = printed_places(text.pages(), rescored, fw)
    for place in places:
        if not place.agrees:
            verdict.differences.append(Msg(
                "verify.diff.printed-at", page=str(place.page), place=place.place, what=_what(place.what),
                printed=_shown(place.printed, None), rescored=_shown(place.expected, glosses.get(place.what))))
    # a figure no sentence in this version's wording prints (a report of an older wording): that the
    # text shows it somewhere, as verify always looked
    unplaced = [(what, shown) for what, shown in figures if what not in {p.what for p in places}]
    for (what, shown), seen in zip(unplaced, text.find([shown for _, shown in unplaced])):
        if not seen:
            verdict.differences.append(_not_shown(what, _shown(shown, glosses.get(what))))
    own = any(p.what == "own" for p in places)
    pages = join(sorted({str(p.page) for p in places}, key=int))
    where = join(dict.fromkeys(Msg("verify.page-place", page=str(p.page), place=p.place) for p in places))
    if places:
        verdict.checked.append(Msg("verify.checked.printed-review" if own else "verify.checked.printed",
                                   n=len(places), places=where))
        verdict.compared.append(Msg("verify.compared.printed-review" if own else "verify.compared.printed",
                                    n=len(places), pages=pages))
    if unplaced:
        verdict.checked.append(Msg("verify.checked.printed-anywhere", figures=join(_what(w) for w, _ in unplaced)))
        verdict.compared.append(Msg("verify.compared.printed-anywhere",
                                    figures=join(_what(w) for w, _ in unplaced)))
    if verdict.differences:  # made by another version: its framework data may be what differs, not the report
        verdict.notes = [Msg("verify.notes.version-differs", made=n.values["made"], this=n.values["this"])
                         if n.key == "verify.notes.version" else n for n in verdict.notes]
    return verdict


def _unless_installed(problems: list, path: Path, framework: Any) -> None:
    """Raises the problem "cannot be checked here" (exit 2) when the framework the report was scored
    with is not installed: re-scored against the default framework instead, a third-party report
    read "differs" on the recipient's machine, as if it had been changed (G15 audit #1). So when no
    installed framework stands in at all (no indicator in common, as under a province's own index):
    its report read "differs — the embedded inputs no longer score: no framework … is installed" (G27H-5)."""
    from indicators.problems import InputError, Problem

    if not any(p.rule in ("default-framework", "unknown-framework") for p in problems) or _installed(framework):
        return  # the Result's own framework is here: an assessment naming another one was edited (G17-1)
    name = str(framework) if framework else "?"
    raise InputError([Problem(str(path), 1, 1, "error", "unknown-framework",
                              Msg("verify.framework-missing", framework=name),
                              Msg("verify.hint-framework-missing", framework=name), fatal=True)])


def _installed(framework: Any) -> bool:
    """Whether the framework an embedded Result names (untrusted: an id, never read as a path) is
    installed here."""
    from indicators.loader import available

    return isinstance(framework, str) and any(framework in (f.ref, f.id) for f in available())


def both_names(named) -> Both:
    """A grade's or decision's name in both languages (the Result carries name and name_zh)."""
    return Both(named.name_zh or named.name, named.name)


def _what(what: str) -> Msg:
    """A printed figure's name (total, own, grade, decision) as the verdict says it."""
    return {"total": Msg("verify.what.total"), "own": Msg("verify.what.own"), "grade": Msg("verify.what.grade"),
            "decision": Msg("verify.what.decision")}[what]


def _not_shown(what: str, shown: str) -> Msg:
    """The difference of a figure the page does not show (what: total, grade or decision)."""
    if what == "total":
        return Msg("verify.diff.printed-total", shown=shown)
    if what == "grade":
        return Msg("verify.diff.printed-grade", shown=shown)
    return Msg("verify.diff.printed-decision", shown=shown)


def _shown(shown: str, gloss: str | None) -> str:
    """The text looked for, quoted; in Chinese followed by the Chinese name when the text is another
    language's (an English report's 'Good' is said “Good”（良好）: the page shows 'Good', the reader
    knows the grade by its Chinese name)."""
    said = _quoted(repr(shown))
    if gloss and gloss != shown and isinstance(said, Both):
        return Both(f"{said.zh}（{gloss}）", str(said))
    return said
