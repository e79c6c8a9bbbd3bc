"""Everything a report is made from, read and scored once: shared by ``lcity report`` and the
PDFs of ``lcity batch --reports``, so a unit's PDF from a batch is byte for byte the one that
``lcity report`` writes for the same file and reviews (tests/test_batch.py checks it).

WeasyPrint and the templates are imported only when a PDF is made.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING

from indicators.problems import InputError, Problem

if TYPE_CHECKING:
    from evaluator.assessment import Assessment
    from evaluator.benchmark import Benchmark
    from evaluator.reading import Loaded
    from evaluator.result import Result
    from evaluator.trend import Trend
    from indicators.models import Framework


def total_said(total: str, upper: float | None):
    """A total as a run's closing line says it: the figure, or for a unit not rated the bounds its
    unknown answers allow ("13.0—63.0" in Chinese, "13.0–63.0" in English), as the report's summary
    says them: a bare 13.0 beside 数据不足，不予定级 reads as the unit's score (G19-A10)."""
    from indicators.messages import Both

    if upper is None:
        return total
    return Both(f"{total}—{upper:.1f}", f"{total}–{upper:.1f}")


def unrated_upper(result, fw) -> float | None:
    """``evaluator.rounding.unrated_upper``: imported here when a command needs it, not at start-up."""
    from evaluator.rounding import unrated_upper as upper

    return upper(result, fw)


def usage(command: str, message: str, hint: str = "") -> InputError:
    return InputError([Problem(command, 1, 1, "error", "usage", message, hint, fatal=True)])


def check_date(value: str, name: str = "--date") -> str:
    """A ``--date`` option as YYYY-MM-DD, or a usage error (exit 2) saying what is wrong."""
    from evaluator.dates import DateError, option

    try:
        return option(value, name=name)
    except DateError as exc:
        raise usage("lcity report", *date_said(exc, name, "shape.custom.")) from None


def date_said(exc, name: str, prefix: str) -> tuple:
    """(message, hint) of a refused ``--date`` or SOURCE_DATE_EPOCH in the user's language: the
    catalog knows the English of evaluator.dates (under ``prefix``); a Chinese user read it in
    English inside a Chinese line (G20-C4). Words it does not know are kept as they are."""
    from indicators.messages import Msg, recognise

    hint_prefix = "epoch." if prefix == "epoch." else "shape.custom-hint."
    predicate = recognise(exc.predicate, prefix) or exc.predicate
    hint = recognise(exc.hint, hint_prefix) or exc.hint
    return Msg("option.date-said", name=name, shown=exc.shown, predicate=predicate), hint


#: The longest --number (文号) and --body a cover holds: a 文号 is some twenty characters, an
#: organisation's name a few dozen; a page-long option kept the typesetter busy for minutes.
OPTION_LIMITS = {"--number": 60, "--body": 200}


def check_text_option(value: str | None, name: str) -> str | None:
    """A text option printed on the cover and in the PDF's metadata: visible characters only (an
    escape typed in a shell, ``$'\\e[31m'``, would reach the PDF and whoever prints its metadata)
    and no longer than a cover holds; else a usage error (exit 2) saying which character or length."""
    if value is None:
        return None
    import unicodedata

    from indicators.messages import Msg

    bad = next((c for c in value if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn")), None)
    if bad is not None:
        from indicators.textchars import NONCHARACTER

        key = "hostile.option-noncharacter" if NONCHARACTER.match(bad) else "hostile.option-control"
        raise usage("lcity report", Msg(key, option=name, code=f"U+{ord(bad):04X}"),
                    Msg("hostile.hint-option-control"))
    if value and not value.strip():  # '　' or '  ': a blank 报告编号 or 评估单位 on the cover (G32H-3)
        raise usage("lcity report", Msg("g32h.option-blank", option=name), Msg("g32h.hint.option-blank", option=name))
    if len(value) > OPTION_LIMITS[name]:
        raise usage("lcity report", Msg("hostile.option-too-long", option=name, n=f"{len(value):,}",
                                        limit=OPTION_LIMITS[name]), Msg("hostile.hint-option-too-long"))
    return value


def report_date(flag: str | None, assessment_date: str | None) -> tuple[str, bool]:
    """The report's date and whether it is reproducible: --date, else the assessment's date, else
    SOURCE_DATE_EPOCH, else today (the only case where two runs can differ)."""
    from evaluator.dates import REFUSED_EPOCH, DateError, from_epoch

    if flag is not None:
        return check_date(flag), True
    if assessment_date:
        return assessment_date, True
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or os.environ.get(REFUSED_EPOCH, "")  # see shield_epoch
    if epoch.strip():
        try:
            return from_epoch(epoch).isoformat(), True
        except DateError as exc:
            raise usage("SOURCE_DATE_EPOCH", *date_said(exc, "SOURCE_DATE_EPOCH", "epoch.")) from None
    return Date.today().isoformat(), False


@dataclass
class Prepared:
    """Everything a report is made from, read and scored once (lcity report and lcity batch)."""

    result: Result
    loaded: Loaded
    framework: Framework
    assessment: Assessment
    bench: Benchmark | None
    bench_error: str | None
    trend: Trend | None
    date: str
    reproducible: bool
    #: the uncertainty analysis of the unit with its reference units (evaluator.sensitivity.Robustness),
    #: for the report's section 七 稳健性分析; None when it could not be computed
    robustness: object = None
    #: the least-effort plan to the unit's next target (evaluator.plan.Plan), for section 六's task table
    plan: object = None

    @property
    def warnings(self) -> list[Problem]:
        """The assessment's warnings, as ``lcity validate`` lists them: the report puts those a
        judgment rests on to the panel (section 五), so they do not stay on the terminal."""
        return [p for p in self.loaded.problems if p.severity == "warning"]


def prepare(file: Path, *, reviews: list[Path] = (), previous: list[Path] = (), framework: str | None = None,
            accept_mismatch: bool = False, date: str | None = None) -> Prepared:
    """Reads, checks and scores an assessment (verified by its reviews, with the trend over earlier
    assessments), benchmarks it and dates the report. Raises InputError on invalid input."""
    from evaluator.benchmark import benchmark
    from evaluator.pipeline import read_scored
    from evaluator.trend import series

    from evaluator.reading import label_for

    result, loaded = read_scored(file, reviews=list(reviews), framework=framework, force=accept_mismatch,
                                 label=label_for(file))
    assessment, fw = loaded.require()
    trend = series(list(previous), current=(result, loaded)) if previous else None
    reviewed_on = result.review.date if result.review is not None else None
    when, reproducible = report_date(date, reviewed_on or assessment.date)
    try:
        bench, bench_error = benchmark(result, fw), None
    except (InputError, OSError) as exc:  # a broken reference file must not stop the report
        bench, bench_error = None, type(exc).__name__
    from evaluator.sensitivity import for_unit

    robustness = for_unit(result, fw)
    from evaluator.plan import for_report

    return Prepared(result, loaded, fw, assessment, bench, bench_error, trend, when, reproducible, robustness,
                    for_report(result, fw, assessment))


def unit_report_pdf(path: Path, reviews: list[Path], lang: str | None) -> bytes:
    """One unit's PDF for ``lcity batch --reports``, made exactly as ``lcity report`` makes it, in
    ``lang`` (``batch --lang``) or, without it, the unit's own (``lcity.language.unit_lang``)."""
    from reports.render import make_fetcher, render_report

    from .language import unit_lang

    p = prepare(path, reviews=list(reviews))
    return render_report(p.result, p.bench, p.framework, p.assessment, lang=unit_lang(lang, p.loaded), date=p.date,
                         fetcher=make_fetcher(),
                         robustness=p.robustness,
                         inputs=scored_inputs(path, reviews, p.result), warnings=p.warnings)


def scored_inputs(path: Path, reviews: list[Path], result) -> list:
    """The files to embed, read again, refused when the assessment is no longer the one scored
    (G17: a file saved over while batch ran was embedded as it then was, random bytes beside a
    Result of the old one, and the report written without a word)."""
    import hashlib

    from indicators.messages import Msg
    from indicators.problems import InputError, Problem
    from reports.embedded import input_files

    files = input_files(path, reviews)
    scored = result.provenance.input_sha256
    now = hashlib.sha256(files[0].data).hexdigest() if files else scored
    if scored and now != scored:
        raise InputError([Problem(str(path), 1, 1, "error", "input-changed",
                                  Msg("report.input-changed", now=f"{now[:12]}…", scored=f"{scored[:12]}…"),
                                  Msg("report.hint-input-changed"), fatal=True)])
    return files
