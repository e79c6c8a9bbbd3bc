"""Whether a dimension below its floor is weak or short of data: the one rule every section that
names weak dimensions or lost points reads (summary, 三, 五, 六, 八).

Unknown answers are counted as 0, not read as 0. A dimension whose points below the floor are on
unknown answers is said to lack data (数据不详), never to be weak or to fail its floor on what the
unit did; an unknown answer has lost nothing the report can name as a loss.

An answer the panel did not accept is no unknown of any value: a recount of the unit's records finds
at most what the unit filed (G20-A1), so it can bring back at most the points of the filed answer
(``open_points``). Liyang's K2, 6,200 credit-bank accounts (1.3 % of residents, below the rule's
2 % start), scores 0 even accepted in full: its K at 50 % is below the floor on what the county
filed, not "补齐后可能达到底线" (G20-A9).
"""

from __future__ import annotations

from evaluator.result import DimensionResult, IndicatorResult
from evaluator.rules import num

from .context_facts import Facts
from .context_format import pct_below

#: A dimension with more than this share of its points on unknown or missing answers is said to lack
#: data, whatever its answered indicators score: its share counts those answers as 0, so it says
#: nothing yet of how the unit does there.
MOSTLY_UNKNOWN = 0.5


def _no_data(r: IndicatorResult) -> bool:
    return r.state in ("unknown", "missing")


def unknown_points(f: Facts, d: DimensionResult) -> float:
    """The points of a dimension whose indicators have no data (scored 0, not lost)."""
    return sum(f.inds[i].max for i in d.indicators if _no_data(f.inds[i]))


def rejected(f: Facts, r: IndicatorResult) -> bool:
    """An answer the unit gave and the panel counts as unknown or missing: it did not accept it (as
    ``context_recommend.rejected``, which imports this module). A printer's facts without a review
    (``context_pathway.weak_dimension_ids``) have none."""
    return bool(getattr(f, "reviewed", False) and r.verified and _no_data(r) and r.self_value is not None)


def open_points(f: Facts, d: DimensionResult) -> float:
    """The points the dimension's answers without data could still bring: an unknown or missing
    answer's full points; an answer the panel did not accept, what the unit's filed answer scores
    (``self_score``), since counting again finds at most what was filed (G20-A9)."""
    out = 0.0
    for i in d.indicators:
        r = f.inds[i]
        if _no_data(r):
            out += min(r.max, max(0.0, r.self_score or 0.0)) if rejected(f, r) else r.max
    return out


def known_share(f: Facts, d: DimensionResult) -> float | None:
    """The dimension's share on its answered indicators alone (None when none is answered)."""
    known = d.max - unknown_points(f, d)
    return d.score / known if known > 1e-9 else None


def lacks_data(f: Facts, d: DimensionResult) -> bool:
    """Below its floor for want of data, not on what the unit reported: most of its points are on
    unknown answers, or its answered indicators reach the floor. The report then says its data are
    unknown (数据不详), never that it is weak: unknown answers are counted as 0, not read as 0."""
    if d.floor_met is not False:
        return False
    # an answer the panel did not accept counts only with what its filing could bring (``open_points``):
    # the rest of its points are lost on what the unit filed, as an answered indicator's are
    unknown = open_points(f, d)
    # what another body decides and the unit has not been granted is out of the floor's basis, unknown or not
    unknown -= sum(r.max for i in d.floor_excludes if (r := f.inds.get(i)) is not None and r.state in ("unknown", "missing"))
    if unknown <= 1e-9:
        return False
    basis = d.floor_basis
    rest = basis - unknown
    known = d.score / rest if rest > 1e-9 else None
    # and whenever the unknown answers at full points would lift it to the floor: it is below the floor
    # only when its upper bound is (Hujiang's E at 40 % with 3 points unknown could reach 69.9 %)
    reachable = basis > 1e-9 and (d.score + unknown) / basis + 1e-9 >= f.floor
    return unknown > MOSTLY_UNKNOWN * basis + 1e-9 or known is None or known + 1e-9 >= f.floor or reachable


def floor_share_text(f: Facts, d: DimensionResult) -> str:
    """The share a dimension's floor is checked on, as a sentence naming its floor says it ("59.6%"),
    with what its basis leaves out where it leaves something out: a city's L on its own work, "50%（不计由
    联合国教科文组织决定而未获得的L1、L2共4分）", not the 17 % of all its points (G21-B3)."""
    from evaluator.engine import floor_left_out

    share = pct_below(d.floor_share or 0.0, f.floor)
    if not d.floor_excludes or d.floor_max is None:
        return share
    left = floor_left_out(f.fw, f.result.city.level, d)[0 if f.zh else 1]
    return f"{share}（{left}）" if f.zh else f"{share} ({left})"


def _by_points_lost(f: Facts, dims: list[DimensionResult]) -> list[DimensionResult]:
    """The most points lost (max - score) first, ties in the framework's order: the order the
    summary's main problems follow (``reports.context_summary``, "What a panel leads with")."""
    pos = {d.id: k for k, d in enumerate(f.result.dimensions)}
    # a floor checked on the unit's own work loses what that work left out of it (the engine's order)
    return sorted(dims, key=lambda d: (-round(d.floor_basis - d.score, 6), pos[d.id]))


def weak_dimensions(f: Facts) -> list[DimensionResult]:
    """The dimensions below their floor on what the unit reported, the most points lost first: the
    only ones the report calls weak (summary, 三, 五, 六, 八)."""
    return _by_points_lost(f, [d for d in f.result.dimensions if d.floor_met is False and not lacks_data(f, d)])


def zero_kind(f: Facts, dims: list[DimensionResult]) -> str:
    """Whose the answers counted as 0 in ``dims`` are, as a catalog key's suffix: '' when they are
    unknown or missing, '_rejected' when each is an answer the unit gave and the panel did not
    accept, '_mixed' when both. Liyang's reviewed summary and 八 read K "因数据不详的指标按0分计"
    for K2, the 6,200 accounts the county filed and the panel rejected (G20-A3); the panel's act
    is said as the panel's, as G19-A4 says it in the counts."""
    zero = [r for d in dims for i in d.indicators
            if (r := f.inds.get(i)) is not None and r.state in ("unknown", "missing")]
    panel = sum(1 for r in zero if rejected(f, r))
    return "" if not panel else "_rejected" if panel == len(zero) else "_mixed"


#: a dimension meeting the floor by less than this (the 0.1 of a point its share is printed to when
#: near the floor: "60.0%") is said to stand on it
ON_FLOOR = 0.0005


def on_floor(f: Facts) -> list[DimensionResult]:
    """The dimensions standing exactly on their floor, with no margin ("60.0%" of a 60 % floor), where
    every dimension reaches it (none weak, none short of data): 八 says them (G31A-2) and 六 names the
    least step that lifts each off it (G31A-5), one list for both so that the two never disagree."""
    if f.floor <= 0 or weak_dimensions(f) or data_dimensions(f):
        return []
    return sorted((d for d in f.result.dimensions if d.share is not None and f.floor <= d.share < f.floor + ON_FLOOR),
                  key=lambda d: (d.share, d.id))


def on_floor_dims(f: Facts, on: list[DimensionResult]) -> str:
    """'C 三级联动治理网络（60.0%）、E 数字平台、资源与沉浸式场景（60.0%）', as 八 names them."""
    from .context_format import dim_pct

    return f.sep.join(f.cat("open_on_floor_dim", dim=f.dim_label(d.id), pct=dim_pct(d, f.floor, max(1, f.dim_places)))
                      for d in on)


def data_dimensions(f: Facts) -> list[DimensionResult]:
    """The dimensions below their floor for want of data (``lacks_data``), the most points at stake first."""
    return _by_points_lost(f, [d for d in f.result.dimensions if lacks_data(f, d)])


def losing_indicators(f: Facts, ids: list[str] | None = None) -> list[IndicatorResult]:
    """Answered indicators that lost points, the most first: an unknown answer scores 0 but has lost
    nothing the report can name as a loss."""
    rs = f.answered if ids is None else [f.inds[i] for i in ids if f.inds[i].state == "answered"]
    return [r for r in sorted(rs, key=lambda r: (-(r.max - r.score), f.order[r.id])) if r.max - r.score > 0.005]


def margin_thresholds(f: Facts) -> list[tuple[IndicatorResult, float]]:
    """The survey rates whose threshold lies within their 95% margin of error, with the threshold
    (the validator's survey-margin warning): met or not, only a larger sample would settle it. A
    rate the panel's own survey gave carries the panel's sample from ``evaluator.verify`` (G22-R2);
    a verified rate that is not the survey's has no sample here, as it has none anywhere."""
    out = []
    for s in f.fw.recognition.survey:
        r = f.inds.get(s.indicator)
        if r is not None and r.state == "answered" and r.figure is not None and r.margin \
                and abs(r.figure - s.min) < r.margin:
            out.append((r, s.min))
    return out


def surveys_decide(f: Facts) -> bool:
    """Whether a survey line can decide the outcome: every other condition of the first outcome holds
    (the total reaches its line, no veto, no dimension below its floor, no other survey line plainly
    missed). Elsewhere a rate within its margin, met or not, changes nothing: Baisha at 75.1, ten points
    below the 示范 line, led its main problems, 五 and 六 with MY1 and MY2 "决定评估结论" (G26-T5);
    China's Pingzhou (76.2) and Lanchuan (24.3) with K4 and K5 likewise."""
    res, rec = f.result, f.fw.recognition
    if res.vetoes or res.total + 1e-9 < rec.total_min or any(d.floor_met is False for d in res.dimensions):
        return False
    within = {r.id for r, _ in margin_thresholds(f)}
    for s in rec.survey:
        r = f.inds.get(s.indicator)
        if r is None or r.state == "not_applicable" or r.id in within:
            continue
        if r.state != "answered" or r.figure is None or r.figure + 1e-9 < s.min:
            return False
    return True


def survey_later(f: Facts) -> str:
    """The clause a survey rate within its margin takes where it decides nothing (``surveys_decide``):
    why not, and that it stays a step before the first outcome is sought. '' where it decides."""
    if surveys_decide(f):
        return ""
    rec = f.fw.recognition
    key = "fd_survey_margin_later_total" if f.result.total + 1e-9 < rec.total_min else "fd_survey_margin_later_other"
    return f.cat(key, total=f.total_s, line=num(rec.total_min), outcome=rec.outcomes.recognised.get(f.lang))
