"""The "change over time" part of section 三, shown when earlier assessments are given (--previous)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from evaluator.trend import Trend
from indicators.models import Framework

from .catalog import Catalog
from .context_format import pick, pts

#: At most this many indicators are listed among the biggest movers.
TREND_MOVED_MAX = 10


def _shown(p: Any, fw: Framework) -> str:
    """An assessment's total as its own report printed it (``evaluator.trend.period_total_text``)."""
    from evaluator.trend import period_total_text

    return period_total_text(p, fw)


def trend_block(trend: Trend, cat: Catalog, lang: str, city: str, fw: Framework) -> dict[str, Any]:
    """A line chart, a table by period, and the indicators that moved most."""
    from reports.charts import line_svg

    points = trend.assessments
    years = [str(p.end_year) for p in points]
    biggest = sorted(trend.dimensions, key=lambda d: -abs(d.change.change))[:3]
    series = [(cat["trend_series_total"], [p.total for p in points])]
    series += [(f"{d.id} {pick(d, 'name', lang)}" if lang == "zh" else d.id,
                [None if s is None else s * 100 for s in d.shares]) for d in biggest]
    chart = line_svg(years, series, title=cat["trend_chart_title"], y_max=100, no_data_text=cat["no_data"])
    periods = cat["list_sep"].join(p.period for p in points)
    change = f"{trend.total.change:+.1f}"
    first, last = _shown(points[0], fw), _shown(points[-1], fw)  # trend.total.start/end are theirs
    if trend.total.per_year is None:
        summary = cat("trend_summary_same_year", city=city, n=len(points), periods=periods,
                      first=first, last=last, change=change)
    else:
        summary = cat("trend_summary", city=city, n=len(points), periods=periods, first=first,
                      last=last, change=change, per_year=f"{trend.total.per_year:+.1f}")
    if trend.crosswalk:  # a revision of the framework moves scores too: say so with the figures
        versions = cat["list_sep"].join(sorted({p.framework for p in points}))
        summary += cat("trend_versions", versions=versions)
    rows = [{"period": p.period, "total": _shown(p, fw), "grade": pick(p.grade, "name", lang),
             "decision": getattr(fw.recognition.outcomes, p.recognition).get(lang)} for p in points]
    dims = [{"id": d.id, "name": pick(d, "name", lang), "first": pts(d.change.start), "last": pts(d.change.end),
             "change": f"{d.change.change:+.2f}",
             "per_year": "—" if d.change.per_year is None else f"{d.change.per_year:+.2f}"} for d in trend.dimensions]
    moved = sorted(trend.moved, key=lambda m: (-abs(m.change), m.id))[:TREND_MOVED_MAX]
    movers = [cat("trend_moved_item", ind=f"{m.id} {pick(m, 'name', lang)}", before=pts(m.from_score),
                  after=pts(m.to_score), change=f"{m.change:+.2f}") for m in moved]
    return {"summary": summary, "chart": Markup(chart),
            "caption": f"{cat('figure_fmt', n=3)} {cat['trend_caption']}",
            "rows": rows, "dims": dims, "moved": movers}
