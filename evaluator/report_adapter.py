"""One unit's PDF report for the batch, made the way ``lcity report`` makes it.

``lcity report FILE [--review R ...]`` (evaluator/report_command.py) reads and scores the file
(with the reviews, if any), benchmarks the Result against the reference cities, dates the report
(``report_date``: the review's date, else the assessment's) and calls
``reports.render.render_report``. This does the same with the unit's reviews found by name, so a
unit's PDF from ``lcity batch --reports`` is byte for byte the PDF that ``lcity report`` writes
for the same file and reviews (tests/test_batch.py checks it).
"""

from __future__ import annotations

from pathlib import Path


def unit_report_pdf(path: Path, reviews: list[Path], lang: str) -> bytes:
    from indicators.problems import InputError
    from reports.render import make_fetcher, render_report

    from . import cli  # noqa: F401  (report_command and cli import each other; cli must come first)
    from .benchmark import benchmark
    from .engine import score
    from .reading import read
    from .report_command import report_date
    from .review import load_reviews

    loaded = read(path)
    assessment, fw = loaded.require()
    found = load_reviews(list(reviews), loaded) if reviews else []
    result = score(assessment, fw, sha256=loaded.sha256, file=str(path), reviews=found)
    reviewed_on = result.review.date if result.review is not None else None
    when, _ = report_date(None, reviewed_on or assessment.date)
    try:
        bench = benchmark(result, fw)
    except (InputError, OSError):  # as lcity report: a broken reference file must not stop the report
        bench = None
    return render_report(result, bench, fw, assessment, lang=lang, date=when, fetcher=make_fetcher())
