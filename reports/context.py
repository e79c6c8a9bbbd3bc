"""Everything a report template shows, as plain data in one language: a pure function of its inputs.

``build_context(result, bench, framework, assessment, ...)`` turns a scored ``Result`` (and the
benchmark, the framework's texts and the assessment's own words) into a dict of strings, numbers,
lists and SVG charts. The template only lays it out: every sentence is formatted from the message
catalog (``reports/catalogs``) and the framework's zh/en texts, and no score is computed, only read
from the Result.

The work is split so that each part of the report can be built and tested on its own: ``facts``
works out the values every section shares once, and each section builder (``SECTIONS``, in the
report's order) returns its own keys of the context. An expert review, when there is one, is
described in ``reports.context_review``.
"""

from __future__ import annotations

from typing import Any, Callable

from markupsafe import Markup

from evaluator.assessment import Assessment
from evaluator.benchmark import Benchmark
from evaluator.result import Result
from evaluator.trend import Trend
from indicators.models import Framework

from .context_appendices import BLANK_SIGNATURES, DIFF_FLAG, benchmark_table, coverage, score_table, signatures
from .context_basis import basis, profile
from .context_conclusion import conclusion
from .context_facts import DEFAULT_WEAK, Facts, facts
from .context_findings import STRENGTHS_MAX, STRONG, dimension_findings, problems, recommendations, strengths
from .context_format import (clean_reason, css_string, default_number, format_date, paren, pct, pick, pts, qty)
from .context_front import contents, cover
from .context_inputs import inputs
from .context_plan import tasks
from .context_indicators import pathway_names, rule_text, value_text
from .context_results import results
from .context_robustness import robustness
from .context_summary import summary
from .context_review import PROCESS_KEYS, disagreement_lines, normalise_review, process_rows, review_from_result
from .context_trend import TREND_MOVED_MAX, trend_block

#: The section builders in the order the report prints them; each returns its keys of the context.
SECTIONS: tuple[Callable[[Facts], dict[str, Any]], ...] = (
    cover, summary, contents,                  # cover, PDF metadata, running header; summary; contents
    basis, profile, results, dimension_findings,  # 一 二 三 (三's paragraphs per dimension)
    strengths, problems, recommendations,      # 四 五 六
    tasks,                                     # 六's 整改任务清单 (the plan to the next target)
    robustness,                                # 七 稳健性分析 (when the report has the analysis)
    conclusion,                                # 七
    score_table, benchmark_table, coverage, signatures,  # 附件1-4
    inputs,                                    # 附件：评估依据数据
)


def build_context(
    result: Result,
    bench: Benchmark | None,
    framework: Framework,
    assessment: Assessment,
    *,
    lang: str = "zh",
    body: str | None = None,
    date: str | None = None,
    number: str | None = None,
    review: dict | None = None,
    inline_css: str | None = None,
    trend: Trend | None = None,
    robustness: Any = None,
    plan: Any = None,
    warnings: Any = None,
) -> dict[str, Any]:
    """The template context of one report. Pure: the same arguments give the same dict. ``warnings``
    are the assessment's warnings from ``lcity validate`` (``indicators.problems.Problem``)."""
    f = facts(result, bench, framework, assessment, lang=lang, body=body, date=date, number=number,
              review=review, trend=trend, robustness=robustness, plan=plan, warnings=warnings)
    context: dict[str, Any] = {"lang": lang, "t": f.cat, "inline_css": Markup(inline_css) if inline_css else None}
    for section in SECTIONS:
        context.update(section(f))
    context["review"] = f.review is not None
    return context


__all__ = [
    "build_context", "SECTIONS", "Facts", "facts",
    # moved to the context_* modules; still importable from here
    "default_number", "rule_text", "value_text", "pathway_names", "format_date", "css_string", "pct", "pts",
    "pick", "qty", "paren", "clean_reason", "normalise_review", "review_from_result", "process_rows",
    "disagreement_lines", "trend_block", "PROCESS_KEYS", "DEFAULT_WEAK", "STRONG", "STRENGTHS_MAX", "DIFF_FLAG",
    "BLANK_SIGNATURES", "TREND_MOVED_MAX",
]
