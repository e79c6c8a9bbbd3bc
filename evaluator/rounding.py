"""Figures written next to the limit they miss.

A share of 59.6 % printed as "60%" beside "below the 60% floor" reads as a contradiction to the
district and as a slip to the panel. Every sentence that says a figure is below a limit writes the
figure with as many decimals as it takes to look below it (none in the usual case).
"""

from __future__ import annotations

import math
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal


def shown_below(x: float, limit: float, min_places: int = 0, max_places: int = 3) -> str:
    """``x`` (below ``limit``, both in the unit printed) rounded to the fewest decimals, from
    ``min_places`` to ``max_places``, at which it still reads below the limit rounded the same way.
    (``round(x, p)`` is the float of ``f"{x:.{p}f}"``: both round the exact binary value correctly.)"""
    places = min_places
    if x >= limit - 0.5 * 10.0 ** -min_places:  # near enough to the limit to round onto it
        while places < max_places and round(x, places) >= round(limit, places):
            places += 1
    return kept_under(x, f"{x:.{places}f}", (limit,))


def kept_under(x: float, text: str, limits: "tuple[float, ...] | list[float]") -> str:
    """``text`` (``x`` printed) unless it reads on or above one of ``limits`` that ``x`` is under; then
    ``x`` cut, not rounded, to the same places: past the last place allowed, 89.99996 % under the 90 %
    line is "89.999", not "90.000" (hypothesis found it; G26-T's audit)."""
    if not any(x < lim <= float(text) for lim in limits):
        return text
    places = len(text.partition(".")[2])
    return format(Decimal(repr(float(x))).quantize(_step(places), rounding=ROUND_FLOOR), "f")


def shown_total(x: float, limits: "tuple[float, ...] | list[float]", min_places: int = 1, max_places: int = 3,
                eps: float = 1e-9) -> str:
    """A total with ``min_places`` decimals, or more where fewer would put it on the other side of
    one of the framework's lines (recognition, deferral, grade bands): 84.96 is "84.96", not "85.0",
    when 85 is the recognition line; a total within ``eps`` of a line counts as on it, as in scoring.
    ``limits`` from ``total_limits`` also carry the decimals the framework's scale needs (``Lines``)."""
    min_places = max(min_places, getattr(limits, "places", min_places))
    max_places = max(max_places, min_places + 2)
    half = 0.5 * 10.0 ** -min_places
    near = [line for line in limits if -half <= x - line <= half]
    places = min_places
    while near and places < max_places and any((x + eps >= line) != (float(half_up(x, places)) + eps >= line)
                                               for line in near):
        places += 1
    # half up on the decimal value, as every other printed figure and the batch's summaries: 98.725 is
    # "98.73" in the report's 合计 and the batch's ranking as in summary.csv, not "98.72" (G22-T4); at
    # the last place allowed, a figure under a line stays under it (84.9995 is "84.999", not "85.000")
    shown = half_up(x, places)
    if near and any((x + eps >= line) != (float(shown) + eps >= line) for line in near):
        shown = Decimal(repr(float(x))).quantize(_step(places), rounding=ROUND_FLOOR)
    return f"{shown:f}"


def total_text(total: float, fw=None, places: int = 1) -> str:
    """A unit's total as every printer writes it: ``shown_total`` against ``fw``'s lines (89.96
    beside 良好 when 优秀 starts at 90, not "90.0"); with no framework at hand, ``places`` decimals."""
    return shown_total(total, total_limits(fw), places) if fw is not None else f"{total:.{places}f}"


class Lines(tuple):
    """A framework's lines across the total (``total_limits``), with the decimals its totals are
    written with (``places``, from ``total_places``)."""

    places: int = 1


def total_places(fw=None) -> int:
    """The decimals a total of ``fw`` is written with: one for a framework of 10 points or more (85.3
    of 100), more for a smaller scale, so that a step of the last decimal is at most 1 % of its points.
    A framework whose weights are decimals summing to 1 wrote a total of 0.8785 as "0.9", the same as
    0.86 or 0.94, and its robustness interval as "0.7 to 0.7" (G27-T1)."""
    points = getattr(fw, "total_points", 0) or 0
    return max(1, math.ceil(math.log10(100 / points) - 1e-9)) if points > 0 else 1


def points_text(x: float, fw=None) -> str:
    """A figure on the total's scale (a median, an interval's ends, a distance to a line) with the
    decimals of ``total_places``: "0.86" of a 1-point framework, "85.3" of a 100-point one."""
    return f"{x:.{total_places(fw)}f}"


def total_limits(fw) -> Lines:
    """The lines a framework draws across the total: recognition, deferral and each grade's minimum."""
    rec = fw.recognition
    lines = Lines((rec.total_min, rec.deferred_min, *(g.min for g in fw.grades)))
    lines.places = total_places(fw)
    return lines


def stored(x: float, places: int = 3, shown: int = 1) -> float:
    """``x`` rounded to ``places`` decimals for data (JSON, CSV, the uncertainty rows), never across
    the ``shown``-decimal figure every table and report prints of ``x`` itself.

    The one rule for a total: it is printed as ``f"{total:.1f}"`` of the exact total (or by
    ``shown_total`` near a line). Rounding it twice, first for data and then for print, broke that
    rule: a reference unit's 58.4499… is 58.4 in ``lcity score`` and ``cities``, but 58.45 in data
    and so 58.5 in ``lcity sensitivity``'s rows. Here 58.4499… is stored as 58.449 (3 places) or
    58.44 (2), which still prints 58.4."""
    value = round(float(x), places)
    if f"{value:.{shown}f}" != f"{float(x):.{shown}f}":  # the stored figure crossed the printed one: step back
        step = 10.0 ** -places
        value = round(value - step if value > x else value + step, places)
    return value + 0.0  # no -0.0


#: the share from which the report calls a dimension strong (四 and 八: "得分率达到90%及以上的维度"):
#: a line the text draws, so every table that prints a share keeps it on its side of this line too
STRONG_SHARE = 0.9


def shown_share(share: float, below: "tuple[float, ...] | list[float]" = (STRONG_SHARE,), eps: float = 1e-9) -> str:
    """A share as the percent figure every table prints (no "%"): whole percents, or the decimals it
    takes to stay under each line in ``below`` that the share is under. 89.9 % is "89.9", not "90",
    when the text leaves it out of "90 % or more"; 59.6 % is "59.6" beside "below the 60 % floor".
    A share within ``eps`` of a line counts as on it, as the text counts it."""
    x = share * 100
    places = 0
    for line in below:
        if share + eps < line:
            places = max(places, len(shown_below(x, line * 100).partition(".")[2]))
    return kept_under(x, f"{x:.{places}f}", [line * 100 for line in below if share + eps < line])


def column_places(shares: "list[tuple[float, tuple[float, ...]]]") -> int:
    """The decimals a column of shares is printed with: as many as the share that needs most takes
    (``shown_share``, each with the lines its text draws), so that "98%" does not stand above
    "89.7%" as if they were figures of two kinds (G1 audit #12). More decimals never move a share
    onto a line it is under: one that rounds onto the line at more places rounds onto it at fewer."""
    return max((len(shown_share(s, lines).partition(".")[2]) for s, lines in shares), default=0)


def shown_share_at(share: float, lines: "tuple[float, ...] | list[float]" = (STRONG_SHARE,), places: int = 0) -> str:
    """``shown_share`` with at least ``places`` decimals, the precision of the column it stands in
    (``column_places``): more decimals never move it onto a line it is under."""
    shown = shown_share(share, lines)
    return shown if len(shown.partition(".")[2]) >= places else f"{share * 100:.{places}f}"


def fixed(x: float, places: int = 2, sign: str = "") -> str:
    """``x`` with ``places`` decimals, half up on its decimal value, as summary.csv rounds it
    (``lcity.batch_summary.figure``) and as a reader rounds by hand. ``f"{x:.2f}"`` rounds the
    binary value half to even: yucun's G, 5.625, printed 5.62 in ``lcity score`` and the report
    while summary.csv gave 5.63, and its dimensions added up to 74.99 beside a total of 75.0
    (G15 #7). ``sign="+"`` signs a change."""
    if not math.isfinite(x):
        return f"{x:{sign}.{places}f}"
    return format(half_up(x, places), f"{sign}f")


def half_up(x: float, places: int) -> Decimal:
    """``x`` rounded to ``places`` decimals, half up on its decimal value (``repr``): the one
    rounding of printed points (``fixed``) and of the batch's summaries (``lcity.batch_summary.figure``)."""
    return Decimal(repr(float(x))).quantize(_step(places), rounding=ROUND_HALF_UP)


#: 1, 0.1, 0.01, …: the step of each number of places, made once (every score rounds its total)
_STEPS = tuple(Decimal(1).scaleb(-p) for p in range(8))


def _step(places: int) -> Decimal:
    """``Decimal(1).scaleb(-places)``, the quantum ``places`` decimals round to."""
    return _STEPS[places] if 0 <= places < len(_STEPS) else Decimal(1).scaleb(-places)


def shown_points(score: float, max_points: float, below: "tuple[float, ...] | list[float]" = (STRONG_SHARE,),
                 eps: float = 1e-9) -> str:
    """A dimension's points with two decimals, or more where two would reach a share line it is
    under: 8.996 of 10 (89.96 %) is "8.996", not "9.00", beside a share printed under 90 %."""
    places = 2
    for line in below:
        if max_points > 0 and score / max_points + eps < line:
            places = max(places, len(shown_below(score, line * max_points, min_places=2).partition(".")[2]))
    return kept_under(score, fixed(score, places), [line * max_points for line in below
                                                    if max_points > 0 and score / max_points + eps < line])


def share_lines(floor: float, floor_met: "bool | None") -> tuple[float, ...]:
    """The lines the text draws across a dimension's share: its floor when it misses it ("below the
    60 % floor"), and the 90 % of "the dimensions at 90 % or more"."""
    return (floor, STRONG_SHARE) if floor_met is False else (STRONG_SHARE,)


def shown_bounds(lower: float, upper: float, limits: "tuple[float, ...] | list[float]" = (), places: int = 1) -> str:
    """A total's bounds, "17.3–90.3", or one figure when no answer is unknown; each bound by
    ``shown_total``, so a unit whose total is 89.96 reads "89.96", not "90.0", in the bounds column
    beside 良好 (a bound is a total the unit would have: it stays on its side of each line)."""
    lo = shown_total(lower, limits, places)
    return lo if upper - lower < 0.5 * 10.0 ** -places else f"{lo}–{shown_total(upper, limits, places)}"


def shown_dimension_share(share: float, floor: float, eps: float = 1e-9) -> str:
    """A unit's dimension share as its score table prints it ("59.9%", "89.9%", "100%"), from the
    share and the framework's floor alone: for a printer that has the share but not the dimension
    (benchmark, the batch ranking). A share within ``eps`` of the floor meets it, as scoring counts
    (``shown_share`` keeps a share under only the lines it is under)."""
    return f"{shown_share(share, share_lines(floor, share + eps >= floor), eps)}%"


def dimension_column_places(shares: "list[float | None]", floor: float, eps: float = 1e-9) -> int:
    """``column_places`` of a column of dimension shares known only with the framework's floor (the
    batch ranking): one precision for the column, never "89.96%" under "94%"."""
    return column_places([(s, share_lines(floor, s + eps >= floor)) for s in shares if s is not None])


def shown_dimension_share_at(share: float, floor: float, places: int = 0, eps: float = 1e-9) -> str:
    """``shown_dimension_share`` with at least ``places`` decimals, its column's (``dimension_column_places``)."""
    return f"{shown_share_at(share, share_lines(floor, share + eps >= floor), places)}%"


def shown_margin(margin: float, line: float, eps: float = 1e-9) -> str:
    """A pathway margin (share points, 0..1) in percentage points as the pathway's reason prints it:
    whole points, or the decimals it takes to stay under the line it misses ("相差4.6个百分点，不足5个
    百分点", never "差距5个百分点" beside it). A margin within ``eps`` of the line is on it, as the
    classification counts it."""
    text = shown_below(margin * 100, line * 100) if margin + eps < line else f"{margin * 100:.0f}"
    places = 1
    while margin > eps and float(text) == 0 and places <= 3:  # a lead of 0.49 is not "差距0个百分点" (G14 #6)
        text = f"{margin * 100:.{places}f}"
        places += 1
    return text


def pathway_margin(margin: float, fw) -> str:
    """The pathway's margin (leader over runner-up) in percentage points as its reason prints it:
    '差距4.6个百分点' beside '相差4.6个百分点，不足5个百分点', not '差距5个百分点'."""
    spec = getattr(fw, "pathways", None)
    return f"{margin * 100:.0f}" if spec is None else shown_margin(margin, spec.mixed_margin)


def unrated_upper(result, fw) -> float | None:
    """The upper bound of a unit not rated (its grade not set by a veto) whose unknown answers leave
    the total open, None otherwise: where a report, a run's closing line or verify states such a
    total as its bounds ("20.5—74.0"), never a bare lower figure (G19-A10)."""
    bounds = getattr(result, "total_bounds", None)
    if result.ratable or fw.graded_by_veto(result) or bounds is None or bounds.upper - bounds.lower < 0.05:
        return None
    return bounds.upper
