"""The "change over time" part of section 三, shown when earlier assessments are given (--previous)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from evaluator.trend import Revision, Trend, shown_change
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


def _bounded(p: Any, fw: Framework) -> str:
    """An assessment's total, as lower–upper bounds when it has unknown or missing indicators."""
    return _shown(p, fw) if p.total_bounds is None else f"{_shown(p, fw)}–{p.total_bounds.upper:.1f}"


def _dim_cell(score: float, upper: float | None) -> str:
    return pts(score) if upper is None else f"{pts(score)}–{pts(upper)}"


def _range(x: float, low: float | None, high: float | None, cat: Catalog) -> str:
    """A change, or its range where a period has unknowns (the lower bounds' change is not measured)."""
    if low is None or high is None:
        return fixed(x, sign="+")
    return cat("trend_range", low=fixed(low, sign="+"), high=fixed(high, sign="+"))


def _gap_side(state: str, score: float, cat: Catalog) -> str:
    return cat["trend_unknown_value"] if state in ("unknown", "missing") else cat("trend_unknown_points", x=pts(score))


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


_SHARE_CAPTION = "trend_caption_share"


def _total_series(points: list[Any], fw: Framework, cat: Catalog) -> tuple[str, list[float]]:
    """The chart's total line. Under 100 points it is drawn as its share of the scale, beside the
    dimensions' shares on the axis of 100 they need: Lowmarsh's 20.1 of 40, half its scale, was drawn
    at a fifth of the axis, below a dimension at 44 % (G30-T6). From 100 points up, the total on
    its own scale, the axis reaching it (a 120-point framework's 113.8, tests/test_o2_trend_scale)."""
    if fw.total_points < 100:
        return (cat("trend_series_total_share", points=f"{fw.total_points:g}"),
                [p.total / fw.total_points * 100 for p in points])
    return (cat["trend_series_total"], [p.total for p in points])


def _shown_rate(change: str, years: int, exact: float) -> str:
    """The yearly rate as a reader works it out from the change printed beside it, to one decimal:
    落霞区's one year read "变化-8.5分，年均-8.4分", the rate of the exact totals (-8.44) beside their
    printed difference (G32A-5). The exact rate when the change is not a plain figure."""
    from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

    try:
        x = Decimal(change.replace(",", ""))
    except InvalidOperation:
        return f"{exact:+.1f}"
    if years < 1:
        return f"{exact:+.1f}"
    rate = (x / years).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return format(rate if rate else abs(rate), "+f")


def trend_block(trend: Trend, cat: Catalog, lang: str, city: str, fw: Framework) -> dict[str, Any]:
    """A line chart, a table by period, and the indicators that moved most."""
    from reports.charts import line_svg

    points = trend.assessments
    years = [str(p.end_year) for p in points]
    # the dimensions that moved most, measured ones first (a drop to 不详 is not a movement, G18-B4)
    biggest = sorted(trend.dimensions, key=lambda d: (d.change.low is not None, -abs(d.change.change)))[:3]
    # with three dimensions or fewer every one is drawn: not "the three that changed most" of two (G32T-5)
    every = "_all" if len(biggest) == len(trend.dimensions) else ""
    series = [_total_series(points, fw, cat)]
    series += [(f"{d.id} {pick(d, 'name', lang)}" if lang == "zh" else d.id,
                [None if s is None else s * 100 for s in d.shares]) for d in biggest]
    scale = max(100.0, fw.total_points)  # a total of 113.8 of 120 on the same axis as the shares' 100 %
    chart = line_svg(years, series, title=cat[f"trend_chart_title{every}"], y_max=scale, no_data_text=cat["no_data"])
    periods = cat["list_sep"].join(p.period for p in points)
    first, last = _bounded(points[0], fw), _bounded(points[-1], fw)  # trend.total.start/end are theirs
    change = shown_change(first, last) or f"{trend.total.change:+.1f}"  # as a reader subtracts them (G29A2-5)
    c = trend.total
    if c.low is not None and c.high is not None:  # a period with unknowns: bounds and ranges, never the lower bound's change (G18-B4)
        per_year = "" if c.per_year_low is None else cat("trend_per_year_range", low=f"{c.per_year_low:+.1f}",
                                                         high=f"{c.per_year_high:+.1f}")
        summary = cat("trend_summary_bounds", city=city, n=len(points), periods=periods, first=first, last=last,
                      low=f"{c.low:+.1f}", high=f"{c.high:+.1f}", per_year=per_year)
    elif trend.total.per_year is None:
        summary = cat("trend_summary_same_year", city=city, n=len(points), periods=periods,
                      first=first, last=last, change=change)
    else:
        summary = cat("trend_summary", city=city, n=len(points), periods=periods, first=first,
                      last=last, change=change, per_year=_shown_rate(change, c.years, trend.total.per_year))
    open_periods = [p for p in points if p.total_bounds is not None]
    if open_periods:
        which = cat["list_sep"].join(cat("trend_bounds_which", period=p.period, n=p.unknown + p.missing)
                                     for p in open_periods)
        # one period is "该期", not "这些期" (G30R: 澜州市's one open period read "这些期的总分…")
        summary += cat("trend_bounds_note" if len(open_periods) > 1 else "trend_bounds_note_one", which=which)
    if not trend.grade_known or not all(st.grade_known for st in trend.steps):
        from evaluator.trend import grade_lines

        details = [cat("trend_grade_unknown_one", period=p.period, low=_shown(p, fw), high=f"{p.total_bounds.upper:.1f}",
                       grade=pick(g, "name", lang), min=f"{m:g}") for p in points for m, g in grade_lines(p)]
        summary += cat("trend_grade_unknown", details=cat["list_sep"].join(details))
    if trend.crosswalk:  # a revision of the framework moves scores too: say so with the figures
        versions = cat["list_sep"].join(sorted({p.framework for p in points}))
        summary += cat("trend_versions", versions=versions)
    rows = [{"period": p.period, "total": _bounded(p, fw),
             "grade": pick(p.grade, "name", lang) if p.grade_upper is None else
             cat("trend_range", low=pick(p.grade, "name", lang), high=pick(p.grade_upper, "name", lang)),
             "decision": getattr(fw.recognition.outcomes, p.recognition).get(lang)} for p in points]
    dims = [{"id": d.id, "name": pick(d, "name", lang),
             "first": _dim_cell(d.change.start, (d.uppers or [None])[0]),
             "last": _dim_cell(d.change.end, (d.uppers or [None])[-1]),
             "change": _range(d.change.change, d.change.low, d.change.high, cat),
             "per_year": "—" if d.change.per_year is None else
             _range(d.change.per_year, d.change.per_year_low, d.change.per_year_high, cat)} for d in trend.dimensions]
    moved = sorted(trend.moved, key=lambda m: (-abs(m.change), m.id))[:TREND_MOVED_MAX]
    movers = [cat("trend_moved_recounted" if m.recounted else "trend_moved_item", ind=f"{m.id} {pick(m, 'name', lang)}",
                  before=pts(m.from_score), after=pts(m.to_score), change=fixed(m.change, sign="+")) for m in moved]
    unknown = [cat("trend_unknown_item", ind=f"{m.id} {pick(m, 'name', lang)}",
                   before=_gap_side(m.from_state, m.from_score, cat), after=_gap_side(m.to_state, m.to_score, cat))
               for m in trend.unknown_in_one]
    revised_intro, revised = revision_lines(trend, cat, lang)
    return {"summary": summary, "chart": Markup(chart),
            "caption": f"{cat('figure_fmt', n=3 if radar_drawn(fw) else 2)} "
                       f"{cat((_SHARE_CAPTION if fw.total_points < 100 else 'trend_caption') + every, points=f'{fw.total_points:g}')}"
                       + (cat["trend_caption_bounds"] if open_periods else ""),
            "rows": rows, "dims": dims, "moved": movers, "recounted": recounted_note(trend, cat, lang), "unknown": unknown,
            "moved_none": cat["trend_moved_none_known" if unknown else "trend_moved_none"],
            "revised_intro": revised_intro, "revised": revised,
            # the outcome column in the framework's words: "Recognition" / 认定结论 only where it recognises (G30T-5)
            "th_decision": cat["th_decision" if fw.speaks_recognition() else "th_decision_plain"]}


def recounted_note(trend: Trend, cat: Catalog, lang: str) -> str:
    """The note under the movers, as lcity trend prints it: a rise whose later figure the unit's own note
    says is counted another way is not progress. Qinghe's F1 (training person-times with online views
    added in 2025) led the report's movers, +2.14, unmarked, while lcity trend marked it ※ (G28R-5)."""
    words = recounted_words(trend.moved, trend.total, cat, lang)
    return cat("trend_recounted_note", **words) if words else ""


def recounted_words(moves: Any, total: Any, cat: Catalog, lang: str) -> dict[str, str]:
    """What the moves counted another way add up to and the total's change without them, as the
    catalog's ※ notes say them (ids, change, rest, these); {} when no move is counted another way.
    ``total``: the Change of the same span (the whole trend for 三（三）, the last step for the summary)."""
    recounted = [m for m in moves if m.recounted]
    if not recounted:
        return {}
    moved = sum(m.change for m in recounted)
    rest = fixed(total.change - moved, sign="+") if total.low is None or total.high is None else \
        cat("trend_range", low=fixed(total.low - moved, sign="+"), high=fixed(total.high - moved, sign="+"))
    return {"ids": ("、" if lang == "zh" else ", ").join(m.id for m in recounted), "change": fixed(moved, sign="+"),
            "rest": rest, "these": cat["trend_recounted_these_one" if len(recounted) == 1 else "trend_recounted_these"]}
