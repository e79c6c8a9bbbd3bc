"""The "change over time" part of section 三, shown when earlier assessments are given (--previous)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from evaluator.trend import Revision, Trend
from indicators.models import Framework

from .catalog import Catalog
from .context_format import pick, pts, radar_drawn
from evaluator.rounding import fixed

#: At most this many indicators are listed among the biggest movers.
TREND_MOVED_MAX = 10


def _shown(p: Any, fw: Framework) -> str:
    """An assessment's total as its own report printed it (``evaluator.trend.period_total_text``)."""
    from evaluator.trend import period_total_text

    return period_total_text(p, fw)


def _points(x: float | None) -> str:
    """A framework's points as it writes them (8, 7.5)."""
    return "—" if x is None else f"{x:g}"


def _score(x: float | None) -> str:
    """A score as the dimension table adds them (two decimals)."""
    return "—" if x is None else pts(x)


def _aspect(r: Revision, aspect: str, cat: Catalog, lang: str) -> str:
    """One changed aspect in words, with its figures where a reader needs them (8 → 10 points,
    USD per adult → USD per resident)."""
    if aspect == "points":
        return cat("trend_revised_points", before=_points(r.from_points), after=_points(r.to_points))
    if aspect == "figure" and r.from_unit is not None and r.to_unit is not None:
        return cat("trend_revised_figure_units", before=r.from_unit.get(lang), after=r.to_unit.get(lang))
    return cat[f"trend_revised_{aspect}"]


def revision_lines(trend: Trend, cat: Catalog, lang: str) -> tuple[str, list[str]]:
    """The introduction and one line per indicator whose meaning changed between the framework
    versions the series spans (``Trend.revised``, read from the two framework files): what changed,
    and whether its move is compared, with the scores of one that is not. Nothing within one
    version. ``lcity trend`` prints the same lines as the report."""
    if not trend.revised:
        return "", []
    lines = []
    for r in trend.revised:
        ind = f"{r.id} {pick(r, 'name', lang)}"
        if r.from_id not in (None, r.id):
            ind += f"（{r.from_id}）" if lang == "zh" else f" ({r.from_id})"
        what = [_aspect(r, a, cat, lang) for a in r.changed]
        status = cat(f"trend_revised_{r.status}", before=_score(r.from_score), after=_score(r.to_score),
                     fw=r.to_framework, points=_points(r.to_points if r.status == "new" else r.from_points))
        if not what:
            lines.append(cat("trend_revised_line_plain", ind=ind, status=status))
            continue
        head = cat["list_sep" if lang == "zh" else "trend_revised_comma"].join(what[:-1])
        what_text = head + cat["trend_revised_and"] + what[-1] if head else what[-1]
        lines.append(cat("trend_revised_line", ind=ind, what=what_text, status=status))
    steps = list(dict.fromkeys(f"{r.from_framework} → {r.to_framework}" for r in trend.revised))
    return cat("trend_revised_intro", versions=cat["list_sep"].join(steps)), lines


def trend_block(trend: Trend, cat: Catalog, lang: str, city: str, fw: Framework) -> dict[str, Any]:
    """A line chart, a table by period, and the indicators that moved most."""
    from reports.charts import line_svg

    points = trend.assessments
    years = [str(p.end_year) for p in points]
    biggest = sorted(trend.dimensions, key=lambda d: -abs(d.change.change))[:3]
    series = [(cat["trend_series_total"], [p.total for p in points])]
    series += [(f"{d.id} {pick(d, 'name', lang)}" if lang == "zh" else d.id,
                [None if s is None else s * 100 for s in d.shares]) for d in biggest]
    scale = max(100.0, fw.total_points)  # a total of 113.8 of 120 on the same axis as the shares' 100 %
    chart = line_svg(years, series, title=cat["trend_chart_title"], y_max=scale, no_data_text=cat["no_data"])
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
             "change": fixed(d.change.change, sign="+"),
             "per_year": "—" if d.change.per_year is None else fixed(d.change.per_year, sign="+")} for d in trend.dimensions]
    moved = sorted(trend.moved, key=lambda m: (-abs(m.change), m.id))[:TREND_MOVED_MAX]
    movers = [cat("trend_moved_item", ind=f"{m.id} {pick(m, 'name', lang)}", before=pts(m.from_score),
                  after=pts(m.to_score), change=fixed(m.change, sign="+")) for m in moved]
    revised_intro, revised = revision_lines(trend, cat, lang)
    return {"summary": summary, "chart": Markup(chart),
            "caption": f"{cat('figure_fmt', n=3 if radar_drawn(fw) else 2)} "
                       f"{cat('trend_caption', points=f'{fw.total_points:g}')}",
            "rows": rows, "dims": dims, "moved": movers, "revised_intro": revised_intro, "revised": revised}
