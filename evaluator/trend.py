"""Trends: how one city's scores changed over several assessment cycles.

A pure function over already-scored Results of the SAME city under the same framework, or
versions of one framework linked by crosswalks (see below). It never
re-scores: every figure here is a difference of figures in the Results, so a trend always agrees
with the individual ``lcity score`` totals.

What it gives (all in points of the framework's 0..100 scale, unrounded):

* ``assessments``: the series, one point per Result, sorted by the last year of its period;
* ``total`` and, per dimension, ``change`` between the first and the last assessment, and
  ``steps`` between consecutive assessments, each with its points per year;
* ``moved``: indicators with data in both assessments whose score changed by more than
  ``threshold`` points (0.01) between the first and the last assessment, with the value, state and
  score before and after; every step carries its own ``moved`` list too.
* ``unknown_in_one``: indicators unknown or missing (不详/未填) in one of the two assessments and
  with data in the other. Their difference is one of data, not of work: they are listed apart and
  never counted as a rise or a fall (G18-B4: a district whose E and F figures were not collected
  "fell a grade", with 9 indicators "down").

Unknown and missing answers count 0 in a total; a period with any has ``total_bounds`` (its total
with them at 0 and at full points) and ``dimensions_upper``, and a change involving such a period
carries its range (``low``, ``high``, and per year): the change of the lower bounds alone is not a
measured change. ``grade_known`` is False where a period's bounds straddle a grade line: whether
the grade changed cannot then be said. Across framework versions, an indicator answered the same
  in both whose score moved is marked ``reweighted``: the newer version scores that answer
  differently, so the move is neither progress nor decline.

Across versions of one framework (``china-learning-city@1`` then ``@2``) the series is compared
through the newer version's crosswalk (``replaces.indicators``): an indicator is compared with the
one it replaces, dimensions by id; the totals are each version's own 0..100 total. ``revised`` lists,
from the two framework files, the indicators whose answer, points, rule or dimension the revision
changed, or that it left out of the crosswalk, added or dropped: the same score on either side of
the revision is not the same achievement, and a reader of the dimension table must know which.

Points per year divide a change by the difference between the two periods' last years; when two
assessments end in the same year ``per_year`` is None (the CLI refuses such a pair).
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from indicators.messages import Msg
from indicators.models import Text, scored_unit
from indicators.problems import InputError, Problem

from .parent_figures import counting_change
from .result import Bounds, Label, Result, State

if TYPE_CHECKING:  # pragma: no cover
    from .reading import Loaded

THRESHOLD = 0.01
EPS = 1e-9  # a total within this of a line is on it, as the engine counts it


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TrendPoint(Model):
    """One assessment of the series, with the figures a line chart needs."""

    framework: str = Field(default="", description="id@version of the framework this assessment was scored with")
    file: str | None = Field(description="Assessment file, as given")
    period: str = Field(description="Assessment period, e.g. 2022–2023")
    start_year: int
    end_year: int = Field(description="Last year of the period: the x position of this point")
    total: float = Field(description="Total score 0..100 (the verified total when the Result was reviewed)")
    grade: Label
    recognition: str = Field(description="recognised | deferred | refused | not_ratable")
    recognition_name: str = Field(default="", description="The outcome in the framework's own words (en)")
    recognition_name_zh: str = Field(default="", description="The outcome in the framework's own words (zh)")
    confidence: float
    coverage: float
    reviewed: bool = Field(description="Scores verified by an expert review")
    dimensions: dict[str, float] = Field(description="dimension id -> score in points")
    shares: dict[str, float | None] = Field(description="dimension id -> score / available points (0..1)")
    unknown: int = Field(default=0, description="Indicators answered 'unknown' (不详) in this assessment")
    missing: int = Field(default=0, description="Indicators not answered (未填) in this assessment")
    total_bounds: Bounds | None = Field(default=None, description="The Result's total_bounds when this assessment "
                                        "has unknown or missing indicators: lower = the total (they count 0), upper "
                                        "= the total with each of them at its full points; None when it has none")
    dimensions_upper: dict[str, float] = Field(default_factory=dict, description="dimension id -> score with its "
                                               "unknown or missing indicators at full points, for the dimensions "
                                               "that have any (the score itself is the lower bound)")
    grade_upper: Label | None = Field(default=None, description="The grade the framework's lines give the upper "
                                      "bound when it is not `grade`: the unknowns could put the unit in any grade "
                                      "from `grade` to this one. None when they cannot change the grade (no "
                                      "unknowns, a veto, not ratable, or both bounds in one band)")


class Change(Model):
    """Change of one figure between two assessments: ``end - start`` over ``years`` years."""

    from_period: str
    to_period: str
    from_year: int = Field(description="Last year of the earlier period")
    to_year: int = Field(description="Last year of the later period")
    years: int = Field(description="to_year - from_year")
    start: float = Field(description="Figure in the earlier assessment")
    end: float = Field(description="Figure in the later assessment")
    change: float = Field(description="end - start, in points")
    per_year: float | None = Field(description="change / years; None when years is 0")
    low: float | None = Field(default=None, description="When either assessment has unknown or missing indicators "
                              "in this figure: the least the change can be (later lower bound - earlier upper "
                              "bound); `change` is then only the change of the lower bounds (unknowns at 0), not a "
                              "measured change. None when both are fully known")
    high: float | None = Field(default=None, description="The most the change can be (later upper bound - earlier "
                               "lower bound); None when both are fully known")
    per_year_low: float | None = Field(default=None, description="low / years (None when low is None or years is 0)")
    per_year_high: float | None = Field(default=None, description="high / years")


class IndicatorMove(Model):
    """An indicator whose score changed by more than the threshold between two assessments."""

    id: str
    dimension: str
    name: str
    name_zh: str
    from_state: State
    to_state: State
    from_value: Any = Field(description="Value as answered in the earlier assessment (None if not answered)")
    to_value: Any = Field(description="Value as answered in the later assessment")
    from_figure: float | None = Field(description="Figure the rule scored (derived per resident etc. where the "
                                      "framework says so) in the earlier assessment; None for choices, lists, yes/no")
    to_figure: float | None = Field(description="Figure the rule scored in the later assessment")
    unit: str = Field(description="Unit of the figures (en); '' when there is none")
    unit_zh: str
    from_score: float = Field(description="Points earned in the earlier assessment")
    to_score: float = Field(description="Points earned in the later assessment")
    change: float = Field(description="to_score - from_score, in points")
    max: float = Field(description="Points available in the later assessment")
    reweighted: bool = Field(default=False, description="The answer is the same in both assessments and only the "
                             "framework version changed: the score moved because the newer version scores that "
                             "answer differently (its points or rule), not because the unit changed")
    recounted: bool = Field(default=False, description="The later answer's own note says its figure is counted "
                            "another way than before (the counting-change warning): the move may be one of "
                            "definition, not of practice")


class DimensionTrend(Model):
    """One dimension across the series."""

    id: str
    name: str
    name_zh: str
    points: float = Field(description="Nominal points of the dimension")
    scores: list[float] = Field(description="Score in each assessment, in the order of Trend.assessments")
    shares: list[float | None] = Field(description="Share (0..1) in each assessment, same order")
    uppers: list[float | None] = Field(default_factory=list, description="Score in each assessment with its "
                                       "unknown or missing indicators at full points; None where it has none")
    change: Change = Field(description="First to last assessment")
    steps: list[Change] = Field(description="Between consecutive assessments")


class Step(Model):
    """Two consecutive assessments: the change of the total and the indicators that moved."""

    total: Change
    moved: list[IndicatorMove] = Field(description="Indicators with data in both assessments whose score moved: "
                                       "the rises and falls")
    unknown_in_one: list[IndicatorMove] = Field(default_factory=list, description="Indicators unknown or missing "
                                                "in one of the two assessments and with data in the other: listed "
                                                "apart, not counted as a rise or a fall")
    grade_known: bool = Field(default=True, description="False: the total bounds of one of the two assessments "
                              "straddle a grade line, so whether the grade changed cannot be said")


class Revision(Model):
    """An indicator whose meaning differs between two versions of the framework a series spans, read
    from the two framework files: the same score on either side of the revision is not the same
    achievement, so a reader of the trend is told which indicators these are."""

    id: str = Field(description="Id in the later version (the earlier id when the later version dropped it)")
    from_id: str | None = Field(description="Id in the earlier version; None for an indicator new in the later one")
    name: str
    name_zh: str
    from_framework: str = Field(description="The earlier version, id@version")
    to_framework: str = Field(description="The later version, id@version")
    changed: list[str] = Field(description="What differs (evaluator.trend.ASPECTS): answer_type, options "
                               "(choice or item ids), figure (the scored figure's unit or what it is divided by), "
                               "points, rule, dimension; empty for an indicator new or dropped")
    from_unit: Text | None = Field(default=None, description="The scored figure's unit in the earlier version, "
                                   "when ``figure`` changed (USD per adult)")
    to_unit: Text | None = Field(default=None, description="The scored figure's unit in the later version")
    status: str = Field(description="compared (the later version's crosswalk pairs it: its move is in the trend), "
                        "not_compared (the same id, left out of the crosswalk), new or dropped")
    from_points: float | None = Field(description="Points in the earlier version")
    to_points: float | None = Field(description="Points in the later version")
    from_score: float | None = Field(default=None, description="Score in the last assessment under the earlier "
                                     "version (not_compared, dropped); None otherwise")
    to_score: float | None = Field(default=None, description="Score in the first assessment under the later "
                                   "version (not_compared, new); None otherwise")


class Trend(Model):
    city_id: str | None
    city: str = Field(description="Name of the city or district (en, or zh when it has none)")
    city_zh: str
    framework: str = Field(description="id@version of the framework all assessments use")
    threshold: float = Field(description="An indicator 'moved' when its score changed by more than this many points")
    assessments: list[TrendPoint] = Field(description="The series, sorted by the last year of the period")
    total: Change = Field(description="Total score, first to last assessment")
    steps: list[Step] = Field(description="Between consecutive assessments, in order")
    dimensions: list[DimensionTrend]
    moved: list[IndicatorMove] = Field(description="Indicators with data in both the first and the last "
                                       "assessment whose score moved: the rises and falls")
    unknown_in_one: list[IndicatorMove] = Field(default_factory=list, description="Indicators unknown or missing "
                                                "(不详/未填) in one of the first and the last assessment and with data "
                                                "in the other, whether or not their score moved: listed apart, never "
                                                "counted as a rise or a fall")
    grade_known: bool = Field(default=True, description="False: the total bounds of the first or the last "
                              "assessment straddle a grade line, so whether the grade changed cannot be said")
    crosswalk: str | None = Field(default=None, description="When the series spans framework versions: which "
                                  "versions, compared through the newer one's crosswalk (replaces.indicators)")
    revised: list[Revision] = Field(default_factory=list, description="When the series spans framework versions: "
                                    "the indicators whose answer, points, rule or dimension differ "
                                    "between consecutive versions, or that one of them lacks")


class TrendError(ValueError):
    """The Results cannot form one series (different cities or frameworks, fewer than two)."""


def _years(r: Result) -> tuple[int, int]:
    start, _, end = r.city.period.partition("–")
    return int(start), int(end or start)


def same_city(a: Result, b: Result) -> bool:
    """Same unit: the same ``city.id`` when both have one, else the same Chinese name."""
    if a.city.id and b.city.id:
        return a.city.id == b.city.id
    return a.city.name_zh == b.city.name_zh


def _change(a: Result, b: Result, start: float, end: float, start_upper: float | None = None,
            end_upper: float | None = None) -> Change:
    """``end - start``; with an upper bound on either side (unknowns at full points), its range too."""
    ya, yb = _years(a)[1], _years(b)[1]
    years = yb - ya
    c = Change(from_period=a.city.period, to_period=b.city.period, from_year=ya, to_year=yb, years=years,
               start=start, end=end, change=end - start, per_year=(end - start) / years if years else None)
    if start_upper is not None or end_upper is not None:
        c.low = end - (start if start_upper is None else start_upper)
        c.high = (end if end_upper is None else end_upper) - start
        if years:
            c.per_year_low, c.per_year_high = c.low / years, c.high / years
    return c


OPEN = ("unknown", "missing")


def _upper(r: Result) -> float | None:
    """The total with every unknown or missing indicator at full points, when there are any."""
    if not (r.unknown or r.missing):
        return None
    return max(r.total, r.total_bounds.upper)


def _dims_upper(r: Result) -> dict[str, float]:
    """Dimension id -> its score with its unknown or missing indicators at full points (those that have any)."""
    out: dict[str, float] = {}
    for d in r.dimensions:
        extra = sum(max(0.0, i.max - i.score) for i in r.indicators if i.dimension == d.id and i.state in OPEN)
        if any(i.dimension == d.id and i.state in OPEN for i in r.indicators):
            out[d.id] = min(d.max, d.score + extra) if d.max > 0 else d.score + extra
    return out


def _grade_at(fw: Any, total: float) -> Label:
    for g in fw.grades:  # listed from the highest band down, as the engine reads them
        if total + EPS >= g.min:
            return Label(id=g.id, name=g.name.en, name_zh=g.name.zh)
    g = fw.grades[-1]
    return Label(id=g.id, name=g.name.en, name_zh=g.name.zh)


def _grade_upper(r: Result) -> Label | None:
    """The grade of the upper bound when the unknowns could change the grade (see TrendPoint.grade_upper)."""
    from indicators.loader import load_framework

    upper = _upper(r)
    if upper is None or not r.ratable or r.vetoes or r.grade.id == "not_ratable":
        return None
    try:
        fw = load_framework(r.framework)
    except InputError:
        return None
    top = _grade_at(fw, upper)
    return None if top.id == r.grade.id else top


def grade_lines(p: "TrendPoint") -> list[tuple[float, Label]]:
    """The grade lines (minimum, grade) inside an assessment's total bounds: what its unknowns could cross."""
    from indicators.loader import load_framework

    if p.grade_upper is None or p.total_bounds is None:
        return []
    fw = load_framework(p.framework)
    return [(g.min, Label(id=g.id, name=g.name.en, name_zh=g.name.zh)) for g in reversed(fw.grades)
            if p.total + EPS < g.min <= p.total_bounds.upper + EPS]


def walk(old_ref: str, new_ref: str) -> dict[str, str] | None:
    """Indicator id in ``old_ref`` -> the id that replaces it in ``new_ref`` (same framework id,
    later version), following each version's crosswalk; identity for the same framework; None when
    no chain of ``replaces`` leads from one to the other."""
    from indicators.loader import load_framework

    from .upgrade import NoCrosswalk, chain_between, crosswalk

    if old_ref == new_ref:
        return None
    oid, _, ov = old_ref.partition("@")
    nid, _, nv = new_ref.partition("@")
    if oid != nid or not (ov.isdigit() and nv.isdigit()) or int(ov) >= int(nv):
        return None
    try:
        old = load_framework(old_ref)
        return crosswalk(old, chain_between(old, load_framework(new_ref)))
    except (InputError, NoCrosswalk):
        return None


def comparable(a: str, b: str) -> bool:
    """Two frameworks whose scores a trend may compare: the same one, or versions with a crosswalk."""
    return a == b or walk(a, b) is not None or walk(b, a) is not None


def _counted_alike(before: str | None, after: str | None, before_end: int) -> bool:
    """Whether the counting change a later note tells of was already in the earlier figure, so the
    two are counted alike and their difference is the unit's: the earlier note says a change too and
    is the same note, or the change dates from a year the earlier period reaches ("自2025年起…" in
    both a 2024–2025 and a 2025–2026 cycle). Quyang's 2025 and 2026 E1 were marked ※ though both
    cycles counted every account (G11 audit)."""
    if not counting_change(before):
        return False
    if " ".join(before.split()) == " ".join((after or "").split()):
        return True
    since = re.search(r"(?:自|从)(\d{4})年(?:起|开始)|since (\d{4})", after or "", re.I)
    return since is not None and int(since.group(1) or since.group(2)) <= before_end


def _moved(a: Result, b: Result, threshold: float) -> tuple[list[IndicatorMove], list[IndicatorMove]]:
    """The indicators with data in both whose score moved, and those unknown or missing in one of
    the two and with data in the other (whether or not their score moved)."""
    if a.framework != b.framework:
        mapping = walk(a.framework, b.framework) or {}
        before = {mapping[i.id]: i for i in a.indicators if i.id in mapping}
    else:
        before = {i.id: i for i in a.indicators}
    moves, gaps = [], []
    for j in b.indicators:
        i = before.get(j.id)
        if i is None:
            continue
        gap = (i.state in OPEN) != (j.state in OPEN)
        if (i.state in OPEN) and (j.state in OPEN):
            continue  # no data either time: nothing to compare
        if gap or abs(j.score - i.score) > threshold:
            same = (a.framework != b.framework and i.state == j.state and i.value == j.value
                    and i.figure == j.figure)
            recounted = (j.state == "answered" and j.figure is not None and counting_change(j.note)
                         and not _counted_alike(i.note, j.note, _years(a)[1]))
            (gaps if gap else moves).append(IndicatorMove(reweighted=same, recounted=recounted,
                id=j.id, dimension=j.dimension, name=j.name, name_zh=j.name_zh, unit=j.unit, unit_zh=j.unit_zh,
                from_state=i.state, to_state=j.state, from_value=i.value, to_value=j.value,
                from_figure=i.figure, to_figure=j.figure,
                from_score=i.score, to_score=j.score, change=j.score - i.score, max=j.max))
    return moves, gaps


#: what of an indicator's meaning a revision may change, in the order a reader is told. The
#: question's wording is not compared: a revision rewords questions ("本区（市）" became "本{unit}")
#: without changing what they ask; one that asks another thing is left out of the crosswalk
#: (``lcity upgrade`` asks it again), and is listed as not compared.
ASPECTS = ("answer_type", "options", "figure", "points", "rule", "dimension")


def _figure(answer: Any) -> tuple[Any, ...] | None:
    """The figure a number's rule scores: its unit, and what it is divided by (``derive``)."""
    unit = getattr(answer, "unit", None)
    if unit is None:
        return None
    d = getattr(answer, "derive", None)
    return (unit.en, unit.zh) if d is None else (d.unit.en, d.unit.zh, d.per, d.scale)


def _part(obj: Any, aspect: str) -> Any:
    """One aspect of an indicator, or of one of its level variants (None where the variant keeps
    the indicator's), without the labels' wording: an answer's choices by id, its unit and divisor."""
    if aspect == "rule":
        return None if obj.rule is None else obj.rule.model_dump()
    a = obj.answer
    if a is None:
        return None
    if aspect == "answer_type":
        return a.type
    if aspect == "options":
        return [o.id for o in (getattr(a, "choices", None) or getattr(a, "items", None) or [])]
    return _figure(a)


def _meaning(ind: Any, aspect: str) -> Any:
    """An aspect of an indicator with its level variants' (a district's answer may be its own)."""
    return [_part(ind, aspect), sorted((lv, _part(var, aspect)) for lv, var in ind.by_level.items()
                                       if _part(var, aspect) is not None)]


def _differences(old: Any, new: Any, old_dim: str, new_dim: str) -> list[str]:
    """The aspects (``ASPECTS``) in which ``new`` differs from the indicator ``old`` it replaces."""
    def differs(aspect: str) -> bool:
        if aspect == "points":
            return abs(old.points - new.points) > 1e-9
        if aspect == "dimension":
            return old_dim != new_dim
        return _meaning(old, aspect) != _meaning(new, aspect)
    return [a for a in ASPECTS if differs(a)]


def revisions(old_ref: str, new_ref: str) -> list[Revision]:
    """The indicators whose meaning differs from ``old_ref`` to its later version ``new_ref``, in the
    later version's order (then those it dropped): each one the crosswalk pairs whose answer,
    points, rule or dimension changed; each one of the later version the crosswalk leaves
    out (not compared: changed under the same id, or new); each one of the earlier version it drops."""
    from indicators.loader import load_framework

    old, new = load_framework(old_ref), load_framework(new_ref)
    mapping = walk(old_ref, new_ref) or {}
    back = {n: o for o, n in mapping.items()}
    old_dims = {i.id: d.id for d in old.dimensions for i in d.indicators}
    out: list[Revision] = []
    for d in new.dimensions:
        for ind in d.indicators:
            was_id = back.get(ind.id, ind.id if ind.id in old_dims else None)
            was = old.indicator(was_id) if was_id is not None else None
            changed = _differences(was, ind, old_dims[was_id], d.id) if was is not None else []
            status = "compared" if ind.id in back else "not_compared" if was is not None else "new"
            if status != "compared" or changed:
                units = {"from_unit": scored_unit(was.answer), "to_unit": scored_unit(ind.answer)} if "figure" in changed else {}
                out.append(Revision(id=ind.id, from_id=was_id, name=ind.name.en, name_zh=ind.name.zh,
                                    from_framework=old_ref, to_framework=new_ref, changed=changed, status=status,
                                    from_points=was.points if was is not None else None, to_points=ind.points,
                                    **units))
    new_ids = {i.id for i in new.indicators()}
    for ind in old.indicators():
        if ind.id not in mapping and ind.id not in new_ids:
            out.append(Revision(id=ind.id, from_id=ind.id, name=ind.name.en, name_zh=ind.name.zh,
                                from_framework=old_ref, to_framework=new_ref, changed=[], status="dropped",
                                from_points=ind.points, to_points=None))
    return out


def _revised(series: list[Result]) -> list[Revision]:
    """Every revision between consecutive versions in the series, with the scores of what is not
    compared: the last assessment under the earlier version, the first under the later one."""
    out: list[Revision] = []
    for p, q in pairwise(series):
        if p.framework == q.framework:
            continue
        before = {i.id: i.score for i in p.indicators}
        after = {i.id: i.score for i in q.indicators}
        for r in revisions(p.framework, q.framework):
            if r.status != "compared":
                r.from_score = before.get(r.from_id) if r.status != "new" else None
                r.to_score = after.get(r.id) if r.status != "dropped" else None
            out.append(r)
    return out


def _point(r: Result) -> TrendPoint:
    start, end = _years(r)
    return TrendPoint(
        framework=r.framework, file=r.provenance.input_file, period=r.city.period, start_year=start, end_year=end, total=r.total,
        grade=r.grade, recognition=r.recognition.outcome, recognition_name=r.recognition.name,
        recognition_name_zh=r.recognition.name_zh, confidence=r.confidence, coverage=r.coverage,
        reviewed=r.review is not None, dimensions={d.id: d.score for d in r.dimensions},
        shares={d.id: d.share for d in r.dimensions}, unknown=r.unknown, missing=r.missing,
        total_bounds=Bounds(lower=r.total, upper=_upper(r)) if _upper(r) is not None else None,
        dimensions_upper=_dims_upper(r), grade_upper=_grade_upper(r))


def trend(results: list[Result], *, threshold: float = THRESHOLD) -> Trend:
    """The trend of one city over two or more Results (any order; sorted here by period end year).

    Raises TrendError when fewer than two Results are given or when they are of different cities
    or frameworks.
    """
    if len(results) < 2:
        raise TrendError("a trend needs at least two assessments")
    first = results[0]
    for r in results[1:]:
        if not same_city(first, r):
            raise TrendError(f"assessments of different units: '{first.city.name_zh}' and '{r.city.name_zh}'")
        if r.framework != first.framework and not comparable(first.framework, r.framework):
            raise TrendError(f"assessments use different frameworks: {first.framework} and {r.framework}")
    series = sorted(results, key=lambda r: (_years(r)[1], _years(r)[0], r.provenance.input_file or ""))
    a, z = series[0], series[-1]
    for p, q in zip(series, series[1:]):
        if p.framework != q.framework and walk(p.framework, q.framework) is None:
            raise TrendError(f"{q.framework} comes after {p.framework} in the series, but has no crosswalk from it")
    pairs = list(zip(series, series[1:]))
    dims = []
    for d in z.dimensions:  # the latest version's dimensions, compared by id
        if not all(any(x.id == d.id for x in r.dimensions) for r in series):
            continue
        scores = [r.dimension(d.id).score for r in series]
        uppers = [_dims_upper(r).get(d.id) for r in series]
        dims.append(DimensionTrend(
            id=d.id, name=d.name, name_zh=d.name_zh, points=d.points, scores=scores,
            shares=[r.dimension(d.id).share for r in series], uppers=uppers,
            change=_change(a, z, scores[0], scores[-1], uppers[0], uppers[-1]),
            steps=[_change(p, q, p.dimension(d.id).score, q.dimension(d.id).score, u, v)
                   for (p, q), (u, v) in zip(pairs, pairwise(uppers))]))
    versions = list(dict.fromkeys(r.framework for r in series))
    cross = None
    if len(versions) > 1:
        cross = (f"{' then '.join(versions)}: indicators compared through the crosswalk of "
                 f"{versions[-1]}; each total is on its own version's 0..100 scale")
    points = [_point(r) for r in series]
    steps = []
    for (p, q), (pp, qp) in zip(pairs, pairwise(points)):
        moved, gaps = _moved(p, q, threshold)
        steps.append(Step(total=_change(p, q, p.total, q.total, _upper(p), _upper(q)), moved=moved,
                          unknown_in_one=gaps, grade_known=pp.grade_upper is None and qp.grade_upper is None))
    moved, gaps = _moved(a, z, threshold)
    return Trend(
        city_id=z.city.id, city=z.city.name or z.city.name_zh, city_zh=z.city.name_zh, framework=z.framework,
        threshold=threshold, assessments=points,
        total=_change(a, z, a.total, z.total, _upper(a), _upper(z)),
        steps=steps, dimensions=dims, moved=moved, unknown_in_one=gaps,
        grade_known=points[0].grade_upper is None and points[-1].grade_upper is None,
        crosswalk=cross, revised=_revised(series) if cross else [])


# --- from files ---------------------------------------------------------------------------------


def _same_name(one: "Loaded", first: "Loaded", a, b) -> Problem:
    """Two units of one name (two 新城区 of two cities, a district split in two) told apart by their
    city.id: "this file assesses '青石区', … assesses '青石区'" named no difference (G24-H2)."""
    from indicators.messages import both

    line, col = one.marked.where(("city", "id"))
    return Problem(one.path, line, col, "error", "different-city",
                   Msg("trend.same-name-other-unit", name=both(b.name), id=b.id, first=first.path, first_id=a.id),
                   Msg("hint.trend-same-name-other-unit", id=a.id), fatal=True)


def check_series(loaded: list["Loaded"]) -> list[Problem]:
    """Why these (valid) assessments cannot form one series: another city, another framework, or
    two assessments ending in the same year. Each problem points at the odd file's line, or at its
    cell in a workbook: 'q.xlsx:21:3' named no cell Excel shows (G27H-7)."""
    return _in_cells(_series_problems(loaded), loaded)


def _in_cells(problems: list[Problem], loaded: list["Loaded"]) -> list[Problem]:
    """The problems of a workbook placed at its cells (基本情况!C21), as every other problem is."""
    marked = {one.path: one.marked for one in loaded}
    return [marked[p.file].place([p])[0] if hasattr(marked.get(p.file), "place") else p for p in problems]


def _series_problems(loaded: list["Loaded"]) -> list[Problem]:
    problems: list[Problem] = []
    first = loaded[0]
    for one in loaded[1:]:
        a, b = first.assessment.city, one.assessment.city
        same = (a.id == b.id) if (a.id and b.id) else (a.name.main == b.name.main)
        if not same and a.id and b.id and a.name.main == b.name.main:
            problems.append(_same_name(one, first, a, b))
        elif not same:
            line, col = one.marked.where(("city", "name", "zh"))
            problems.append(Problem(one.path, line, col, "error", "different-city",
                                    Msg("trend.different-city", name=b.name.main, first=first.path,
                                        first_name=a.name.main),
                                    Msg("hint.trend-different-city"), fatal=True))
        elif one.framework.ref != first.framework.ref and not comparable(first.framework.ref, one.framework.ref):
            line, col = one.marked.where(("framework",))
            problems.append(Problem(one.path, line, col, "error", "different-framework",
                                    Msg("trend.different-framework", fw=one.framework.ref, first=first.path,
                                        first_fw=first.framework.ref),
                                    Msg("hint.trend-different-framework"), fatal=True))
    if problems:
        return problems
    by_year: dict[int, str] = {}
    for one in sorted(loaded, key=lambda x: (x.assessment.period.end, x.assessment.period.start)):
        end = one.assessment.period.end
        if end in by_year:
            line, col = one.marked.where(("period", "end"))
            problems.append(Problem(one.path, line, col, "error", "same-period",
                                    Msg("trend.same-period", other=by_year[end], end=end),
                                    Msg("hint.trend-same-period"), fatal=True))
        by_year.setdefault(end, one.path)
    return problems or _backwards(loaded)


def _backwards(loaded: list["Loaded"]) -> list[Problem]:
    """A later period on an older framework version (v2 in 2024, then v1 in 2025): a crosswalk leads
    only from an older version to a newer one, so the series cannot be compared; said at the later
    file's framework line, with the way out (upgrade it), not an internal error."""
    series = sorted(loaded, key=lambda x: (x.assessment.period.end, x.assessment.period.start))
    for p, q in zip(series, series[1:]):
        before, after = p.framework.ref, q.framework.ref
        if before != after and walk(before, after) is None:
            line, col = q.marked.where(("framework",))
            return [Problem(q.path, line, col, "error", "framework-order",
                            Msg("trend.framework-order", fw=after, before=before, first=p.path),
                            Msg("hint.trend-framework-order", file=q.path, fw=before), fatal=True)]
    return []


def read_series(paths: list[Path], current: tuple[Result, "Loaded"] | None = None) -> list[Result]:
    """Reads, checks and scores each file, plus an already scored ``current`` assessment (e.g. the
    verified Result a report is about). Raises InputError with every problem: invalid files
    (exit 1), or files that do not form one series (exit 2)."""
    from .engine import score
    from .reading import read

    loaded: list[Loaded] = []
    problems: list[Problem] = []
    for f in paths:
        try:
            one = read(f)
        except InputError as exc:
            problems += exc.problems
            continue
        if not one.ok:
            problems += [p for p in one.problems if p.severity == "error"] or one.problems
        loaded.append(one)
    if problems:
        raise InputError(problems)
    everything = ([current[1]] if current else []) + loaded  # the odd ones out are the earlier files
    problems = check_series(everything)
    if problems:
        raise InputError(problems)
    results = []
    for one in loaded:
        a, fw = one.require()
        results.append(score(a, fw, sha256=one.sha256, file=one.path))
    if current:
        results.append(current[0])
    return results


def series(paths: list[Path], current: tuple[Result, "Loaded"] | None = None, *,
           threshold: float = THRESHOLD) -> Trend:
    """The trend of the assessments in ``paths`` (and ``current``, if given): ``lcity trend`` and
    ``lcity report --previous``."""
    return trend(read_series(list(paths), current), threshold=threshold)


def _printed(text: str) -> Any:
    """A figure as printed ("1,234.5", "+1.5") as a Decimal, exact as the reader reads it; None when
    it is not a plain figure (bounds, a dash)."""
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def shown_change(before: str, after: str) -> str | None:
    """The change between two totals as printed ("94.3", "78.0"), signed, as a reader works it out
    from them: "-16.3". The change of the exact totals (94.326 - 77.961) printed "-16.4" beside those
    two figures (G29A2-5). None when a total is not a plain figure (bounds, a dash)."""
    a, b = _printed(after), _printed(before)
    return None if a is None or b is None else format(a - b, "+,f")


def shown_per_year(change: str, years: int) -> str:
    """The yearly rate of a change as the header printed it ("+1.5" over 1 year is "+1.5" a year,
    over 2 years "+0.75"): the rate of the exact totals read "+1.5 分，1 年，每年 +1.54 分" (G29-T),
    a figure the reader cannot get from the line it stands in. A change not printed as a plain
    figure keeps the dash, as does a pair of one year (no rate; ``lcity trend`` refuses it)."""
    from decimal import ROUND_HALF_UP, Decimal

    x = _printed(change)
    if x is None or years < 1:
        return "—"
    if years == 1:
        return format(x, "+,f")
    rate = (x / years).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)  # 43.7 / 4 = 10.925 is "10.93", as a reader rounds it
    return format(rate if rate else abs(rate), "+,f")  # a rate that rounds to nothing is "+0.00", not "-0.00"


def period_total_text(point: Any, fw: Any = None, places: int = 1) -> str:
    """A period's total as that period's own report printed it: on the side of its own framework
    version's lines its grade is on (89.96 beside 良好 is not "90.0"). A version no longer installed
    is read against ``fw``'s lines (the current one), or none when ``fw`` is not given."""
    from indicators.loader import load_framework

    from .rounding import total_text

    own = fw
    if point.framework and (fw is None or point.framework != fw.ref):
        try:
            own = load_framework(point.framework)
        except InputError:
            own = fw
    return total_text(point.total, own, places)
