"""``lcity verify``: does a report's PDF still agree with the inputs embedded in it?"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from indicators.messages import Msg, pick_lang, say as said
from indicators.problems import InputError, Problem

from ..console import (chosen_lang, dump_json, err, escape, exit_code, guarded, os_problem, print_problems,
                       problems_json, say, visible)
from ..options import Lang, TextOrJson

#: ``--lang`` of verify: a report's own language (the PDF's /Lang) stands for a form's ``lang:`` line,
#: as ``lcity validate`` speaks about a form in the language its ``lang:`` line names
VerdictLang = Annotated[Optional[Lang], typer.Option(
    "--lang", help="language of the verdict lines: zh or en (default: the report's language, else the locale, "
                   "else en)")]


@guarded
def verify(
    files: Annotated[list[Path], typer.Argument(help="report PDFs written by lcity report or lcity batch --reports")],
    fmt: Annotated[TextOrJson, typer.Option("--format", "-f", help="text or json")] = TextOrJson.text,
    lang: VerdictLang = None,
) -> None:
    """Check that a report's printed figures follow from the inputs embedded in its PDF.

    Each report embeds its self-assessment, the expert reviews and the scored
    Result. verify re-scores the embedded inputs with the framework installed
    here and compares the result with the embedded Result and with the total,
    self-assessed total, grade and decision wherever the report's sentences
    print them (summary, results, robustness, conclusion). Every difference is
    named: a changed answer, a different framework version, an edited total
    and its page. Tables, charts, Appendix 1's indicator scores and the rest
    of the pages' text are not compared; the verdict's last line says what was
    and what was not.

    Exit code: 0 every report agrees; 1 a report differs, is not a PDF or
    carries no embedded inputs; 2 a file cannot be read (missing, a folder, a
    FIFO or a device).

    Example: lcity verify qingshi.pdf

    Several reports, as JSON: lcity verify reports/*.pdf --format json

    A report is spoken about in its own language (a Chinese report in Chinese).

    In English: lcity verify qingshi.pdf --lang en
    """
    from reports.verify_pdf import NotAFile, NotAReport
    from reports.verify_pdf import verify as check

    explicit = lang.value if lang else chosen_lang[0]  # --lang, or lcity --lang
    verdicts, problems = [], []
    for path in files:
        piped = str(path) == "-"
        path = Path("<stdin>") if piped else path
        try:
            verdict, own = _check_stdin(check) if piped else (check(path), _report_lang(path))
        except (InputError, OSError) as exc:  # unreadable (missing, a folder, damaged): said, the next file checked
            found = exc.problems if isinstance(exc, InputError) else [os_problem(exc, str(path))]
            problems += found
            verdicts.append({"file": str(path), "agrees": False,
                             "differences": [said(p.message, "en") for p in found]})
            continue
        except NotAReport as exc:
            message = exc.args[0] if exc.args else str(exc)  # a catalog message (Msg)
            if isinstance(exc, NotAFile):  # a folder, FIFO or device: unreadable, as validate says of it (exit 2)
                problems.append(Problem(str(path), 1, 1, "error", "unreadable", message, Msg("hostile.hint-not-a-report"),
                                        fatal=True))
            else:
                problems.append(Problem(str(path), 1, 1, "error", "not-a-report", message, Msg("hostile.hint-not-a-report")))
            verdicts.append({"file": str(path), "agrees": False, "differences": [str(exc)]})
            continue
        verdicts.append({"file": str(path), "agrees": verdict.ok, "differences": verdict.differences,
                         "checked": verdict.checked, "not_checked": [verdict.not_checked], "notes": verdict.notes,
                         "total": verdict.total,
                         "grade": verdict.grade, "decision": verdict.decision})
        if fmt == TextOrJson.text:
            _say(path, verdict, pick_lang(explicit, own))
    if fmt == TextOrJson.json:  # one document on stdout: the verdicts and, when a file failed, its problems
        doc: dict = {"agrees": all(v["agrees"] for v in verdicts), "reports": verdicts}
        if problems:
            doc["problems"] = problems_json(problems, exit_code(problems))["problems"]
        dump_json(doc)
        if problems:
            print_problems(problems)
            raise typer.Exit(exit_code(problems) or 1)
    if problems:
        raise InputError(problems)
    if not all(v["agrees"] for v in verdicts):
        raise typer.Exit(1)


def _report_lang(path: Path) -> Optional[str]:
    """``lang: zh`` or ``lang: en`` when the report's PDF declares its language (/Lang, as lcity
    writes it), read after the report was checked (so within verify's limits); else None. A Chinese
    report is spoken about in Chinese, as a Chinese form is by every other command."""
    try:
        from pypdf import PdfReader

        declared = str(PdfReader(str(path)).trailer["/Root"].get("/Lang", "")).lower()
    except Exception:  # the verdict stands; only its language falls back to the locale
        return None
    return "lang: zh" if declared.startswith("zh") else "lang: en" if declared.startswith("en") else None


def _check_stdin(check):
    """``lcity verify -``: the PDF piped in, bounded like a file, checked from a private copy (the
    PDF reader needs a file it can seek in), with the language it declares. A PDF past the limit is
    refused as a file would be."""
    import os
    import sys
    import tempfile

    from reports.verify_pdf import MAX_PDF_BYTES

    if sys.stdin is None:  # standard input closed: said as for an assessment read from it
        from evaluator.reading import read_stdin

        read_stdin()
    data = sys.stdin.buffer.read(MAX_PDF_BYTES + 1)
    fd, name = tempfile.mkstemp(suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return check(Path(name)), _report_lang(Path(name))
    finally:
        os.unlink(name)


def _say(path: Path, verdict, lang: str) -> None:
    """Plain lines on stdout (``say`` makes control characters visible), notes on stderr, in
    ``lang``: verify_pdf's findings are catalog messages, said in that language. The grade and
    decision are named as the report prints them, an English report's in Chinese in a Chinese line."""
    if verdict.ok:
        # a unit not ratable has one verdict for both ('Not ratable'): said once, not twice
        key = "verify.agrees-one" if said(verdict.grade, lang) == said(verdict.decision, lang) else "verify.agrees"
        from ..reporting import total_said

        say(said(Msg(key, file=str(path), total=total_said(verdict.total_text, verdict.total_upper), grade=verdict.grade,
                     decision=verdict.decision), lang))
    else:
        n = len(verdict.differences)
        say(said(Msg("verify.differs-one" if n == 1 else "verify.differs", file=str(path), n=n), lang))
        for line in verdict.differences:
            say(f"  - {said(line, lang)}")
    say(f"  {said(verdict.summary, lang)}")  # what was compared, and what was not
    label = said(Msg("verify.note"), lang)
    for line in verdict.notes:
        err.print(f"[yellow]{escape(label)}[/yellow]{escape(visible(said(line, lang)))}")

