"""``lcity verify``: does a report's PDF still agree with the inputs embedded in it?"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from indicators.messages import Msg
from indicators.problems import InputError, Problem

from ..console import dump_json, err, escape, guarded, say, visible
from ..options import TextOrJson


@guarded
def verify(
    files: Annotated[list[Path], typer.Argument(help="report PDFs written by lcity report or lcity batch --reports")],
    fmt: Annotated[TextOrJson, typer.Option("--format", "-f", help="text or json")] = TextOrJson.text,
) -> None:
    """Check that a report's printed figures follow from the inputs embedded in its PDF.

    Each report embeds its self-assessment, the expert reviews and the scored
    Result. verify re-scores the embedded inputs with the framework installed
    here and compares the result with the embedded Result and with the total,
    grade and decision printed in the report. Every difference is named: a
    changed answer, a different framework version, an edited total.

    Exit code: 0 every report agrees; 1 a report differs or carries no
    embedded inputs; 2 a file cannot be read.

    Example: lcity verify qingshi.pdf

    Several reports, as JSON: lcity verify reports/*.pdf --format json
    """
    from reports.verify_pdf import NotAReport
    from reports.verify_pdf import verify as check

    verdicts, problems = [], []
    for path in files:
        try:
            verdict = check(path)
        except NotAReport as exc:
            message = exc.args[0] if exc.args else str(exc)  # a catalog message (Msg) where there is one
            problems.append(Problem(str(path), 1, 1, "error", "not-a-report", message, Msg("hostile.hint-not-a-report")))
            verdicts.append({"file": str(path), "agrees": False, "differences": [str(exc)]})
            continue
        verdicts.append({"file": str(path), "agrees": verdict.ok, "differences": verdict.differences,
                         "checked": verdict.checked, "notes": verdict.notes, "total": verdict.total,
                         "grade": verdict.grade, "decision": verdict.decision})
        if fmt == TextOrJson.text:
            _say(path, verdict)
    if fmt == TextOrJson.json:
        dump_json({"agrees": all(v["agrees"] for v in verdicts), "reports": verdicts})
    if problems:
        raise InputError(problems)
    if not all(v["agrees"] for v in verdicts):
        raise typer.Exit(1)


def _say(path: Path, verdict) -> None:
    """Plain lines on stdout (``say`` makes control characters visible), notes on stderr."""
    if verdict.ok:
        say(f"{path}: agrees — total {verdict.total:.1f}, {verdict.grade}, {verdict.decision} "
            "(re-scored from the embedded inputs)")
    else:
        say(f"{path}: differs — {len(verdict.differences)} difference(s)")
        for line in verdict.differences:
            say(f"  - {line}")
    for line in verdict.notes:
        err.print(f"[yellow]note[/yellow]: {escape(visible(line))}")
