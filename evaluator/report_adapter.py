"""One unit's PDF report for the batch, made the way ``lcity report`` makes it.

``lcity report FILE [--review R ...]`` prepares a report with ``report_command.prepare`` (read,
verify with the reviews, benchmark, date) and renders it with ``reports.render.render_report``.
This does the same with the unit's reviews found by name, so a
unit's PDF from ``lcity batch --reports`` is byte for byte the PDF that ``lcity report`` writes
for the same file and reviews (tests/test_batch.py checks it).
"""

from __future__ import annotations

from pathlib import Path


def unit_report_pdf(path: Path, reviews: list[Path], lang: str) -> bytes:
    from reports.render import make_fetcher, render_report

    from . import cli  # noqa: F401  (report_command and cli import each other; cli must come first)
    from .report_command import prepare

    p = prepare(path, reviews=list(reviews))
    return render_report(p.result, p.bench, p.framework, p.assessment, lang=lang, date=p.date, fetcher=make_fetcher())
