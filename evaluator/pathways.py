"""Which of the study's development pathways a unit is on, read from where it puts its emphasis.

A type is defined in framework data (``pathways`` in framework.yaml) by the practices the study
names as distinctive of it, each read from one indicator and citing the study's sentence. What a
unit does well overall says nothing about its type: a strong all-round city would otherwise fit
every type. So each practice's intensity (the indicator's share of its points, 0..1) is compared
with the unit's *own* mean share over all its answered indicators. A type's emphasis is the
weighted mean of those differences over its answered practices, with the weights of each type
normalised, so every type can reach the same maximum.

Peers (``pathway_peers``: the framework's reference units of the unit's level, and region when
enough of them answered) are shown beside each practice, and do not move the type: the public
data of the 12 reference cities answer at most 6 of them for any practice and none for most,
too few for a baseline that decides, and a type that moved with whichever reference files exist
would not be the unit's own.

The declared strategy (``strategy.leads_with``) is reported beside the type and never enters it.
Too little data gives ``undetermined``; a flat profile or two types close together give ``mixed``,
each with the reason.

An answer a unit gives with the record of the city it belongs to (an indicator's ``from_parent``
levels: a district answers its city's GNLC membership or UNESCO award) is the city's practice, not
the unit's. It weighs nothing in the unit's pathway: a practice read from it is left out of its type
as a practice of another level is (neither answered nor applicable), and the answer is left out of
the unit's own mean and of the count of its answers. So a district of an award-winning city is not
told it leans internationalisation-oriented for what its city did, and a district of a city without
an award is not held back by it either. Where the city's record would have stood out (above the
unit's own average), the reason says it was not counted, so that the reader looking for the city's
award among the evidence learns why it is not there.

Classification runs on every score, so each framework's types and practices are compiled once
(``plan_for``) and ``run`` only reads the indicator results. The engine goes further
(``Positions``, ``run_at``): its result order is fixed per level plan, so it reads each practice's
result by position and hands over the answered shares it collected while scoring.
"""

from __future__ import annotations

from statistics import median
from typing import TYPE_CHECKING, Any

from indicators.messages import agree
from indicators.models import Feature, Framework, Text

from .parent_figures import borrows, may_be_parents
from .result import IndicatorResult, PathwayEvidence, PathwayResult, PathwayScore
from .rounding import shown_below, shown_margin
from .trusted import constructor, per_framework

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from .result import Result

EPS = 1e-9
UNDETERMINED = ("无法判定", "Undetermined")
NONE = UNDETERMINED  # the name the report's label helpers import
RESERVED = ("mixed", "undetermined")

class _Feature:
    __slots__ = ("type", "indicator", "items", "weight", "practice", "practice_zh", "evidence", "keyed", "at")

    def __init__(self, type_: int, type_id: str, indicator: str, items: list, weight: float, practice: str,
                 practice_zh: str) -> None:
        self.type, self.indicator, self.items, self.weight = type_, indicator, items, weight
        self.practice, self.practice_zh = practice, practice_zh
        #: its items with their types, as a set: which items an answer holds is one intersection
        #: (None where an item is listed twice, which then counts twice)
        keyed = frozenset((type(i), i) for i in items)
        self.keyed = keyed if len(keyed) == len(items) else None
        #: its PathwayEvidence fields without the unit's values (copied, then filled in, per score)
        self.evidence = {
            "pathway": type_id, "indicator": indicator, "name": None, "name_zh": None, "practice": practice,
            "practice_zh": practice_zh, "value": None, "intensity": None, "vs_own": None, "peer_median": None,
            "peers": 0, "vs_peers": None, "weight": weight,
        }
        #: level -> the evidence fields where a unit of that level is asked another thing and the
        #: practice is named for it (``practice_for``); empty for most practices
        self.at: dict[str, dict] = {}


class _Plan:
    """A framework's pathway types and their practices, weights normalised per type."""

    __slots__ = ("types", "features", "strategies", "mixed_margin", "flat_min", "min_answered", "min_coverage",
                 "min_peers", "rows", "score_tpl", "inherited", "owners", "mixed", "levels", "kinds", "lendable_at",
                 "owner_of", "of_indicator", "names_of")

    def __init__(self, fw: Framework) -> None:
        spec = fw.pathways
        assert spec is not None
        self.mixed_margin, self.flat_min = spec.mixed_margin, spec.flat_min
        self.min_answered, self.min_coverage, self.min_peers = spec.min_answered, spec.min_coverage, spec.min_peers
        self.types = [(t.id, t.name.en, t.name.zh) for t in spec.types]
        named = fw.mixed_name()  # "Mixed", or "No clear emphasis" where there is one type only
        self.mixed = (named.zh, named.en)
        self.strategies = {t.strategy.id: t.id for t in spec.types if t.strategy is not None}
        self.features: list[_Feature] = []
        for k, t in enumerate(spec.types):
            total = sum(f.weight for f in t.features)
            for f in t.features:
                feature = _Feature(k, t.id, f.indicator, list(f.items), float(f.weight / total),
                                   f.practice.en, f.practice.zh)
                for level in fw.level_ids():
                    named = practice_for(fw, f, level)
                    if named != f.practice:
                        feature.at[level] = {**feature.evidence, "practice": named.en, "practice_zh": named.zh}
                self.features.append(feature)
        #: indicator id -> the practices read from it; type id -> (zh, en) name: looked up on every score
        self.of_indicator: dict[str, list[_Feature]] = {}
        for f in self.features:
            self.of_indicator.setdefault(f.indicator, []).append(f)
        self.names_of = {t[0]: (t[2], t[1]) for t in reversed(self.types)}  # the first of an id, as before
        #: (index, feature, its type's index, weight, has items) of each practice, for the loop
        #: that runs on every score
        self.rows = [(k, f, f.type, f.weight, bool(f.items)) for k, f in enumerate(self.features)]
        #: each type's PathwayScore fields but for the unit's score and coverage
        self.score_tpl = [{"id": t[0], "name": t[1], "name_zh": t[2], "score": None, "coverage": 0.0}
                          for t in self.types]
        #: level -> the indicators its units answer with their city's record (``from_parent``); a
        #: level with none is absent, so the units of most levels take the fast path
        self.inherited: dict[str, frozenset[str]] = {}
        for ind in fw.indicators():
            for level in ind.from_parent:
                self.inherited[level] = self.inherited.get(level, frozenset()) | {ind.id}
        #: level -> whose record its units give there, (zh, en), as the reason names it
        self.owners = {level: parent_owner(fw, level, ids) for level, ids in self.inherited.items()}
        #: (level, practice's indicator) -> whose record a unit of that level gives for it, where the
        #: practices a level answers so belong to different levels (G9 #9: a ward gives the province's
        #: ordinance and the city's platform)
        self.owner_of = {(level, f.indicator): parent_owner(fw, level, [f.indicator])
                         for level in fw.level_ids() for f in self.features}
        #: each practice's indicator: (answer type, levels answering it with their city's record), for
        #: ``lendable``: a figure a unit below the top level gives as its city's is not its own
        #: practice either (G4 #2, Nanhu's G1)
        self.levels = fw.level_ids()
        self.kinds = {f.indicator: (fw.indicator(f.indicator).answer.type, tuple(fw.indicator(f.indicator).from_parent))
                      for f in self.features}
        self.lendable_at: dict[str, frozenset[str]] = {}

    def lendable(self, level: str) -> frozenset[str]:
        """The practices a unit of ``level`` may give as its city's figure (``may_be_parents``)."""
        got = self.lendable_at.get(level)
        if got is None:
            got = self.lendable_at[level] = frozenset(i for i, (kind, theirs) in self.kinds.items()
                                                      if may_be_parents(self.levels, level, kind, theirs))
        return got


def practice_for(fw: Framework, feature: Feature, level: str) -> Text:
    """What a practice is called for a unit of ``level``: its own label for that level where the
    framework gives one (``by_level``); else, where the indicator's level variant asks another thing
    (its own answer) that the practice's items are not all part of, the indicator's name for that
    level; else the practice's label. A district credited with "对标国际标准：获国际认可或承办国际
    会议" for taking part in its city's exchanges was credited with its city's achievement (G19-A2)."""
    own = feature.by_level.get(level)  # type: ignore[call-overload]
    if own is not None:
        return own.practice
    try:
        ind = fw.indicator(feature.indicator)
    except KeyError:
        return feature.practice
    variant = ind.by_level.get(level)  # type: ignore[call-overload]
    if variant is None or variant.answer is None or (feature.items and set(feature.items) <= _answers(variant.answer)):
        return feature.practice
    return ind.at_level(level, fw.unit_name(level)).name


def _answers(answer: Any) -> set:
    """The items or choice values an answer can hold (a practice's ``items`` are some of them)."""
    if answer.type == "boolean":
        return {True, False}
    return {o.id for o in (getattr(answer, "items", None) or getattr(answer, "choices", None) or [])}


def _plan(fw: Framework) -> _Plan | None:
    return _Plan(fw) if fw.pathways is not None else None


plan_for = per_framework(_plan)

_evidence = constructor(PathwayEvidence)
_score = constructor(PathwayScore)
_result = constructor(PathwayResult)


def _items_share(feature: _Feature, value: Any) -> float:
    """The fraction of the practice's items (checklist items or choice values) the answer holds;
    an item is held by a value equal to it and of its type (a yes is not the choice 1)."""
    chosen = value if isinstance(value, list) else [value]
    if feature.keyed is not None:
        try:
            return len(feature.keyed & {(type(v), v) for v in chosen}) / len(feature.items)
        except TypeError:  # an unhashable value, which no item equals: compared one by one
            pass
    hits = sum(1 for item in feature.items if any(v == item and type(v) is type(item) for v in chosen))
    return hits / len(feature.items)


def intensity(feature: _Feature, ind: IndicatorResult) -> float | None:
    """How strongly an answered indicator shows the practice, 0..1; None when it is not answered."""
    if ind.state != "answered":
        return None
    if not feature.items:
        return float(ind.share) if ind.share is not None else None
    return _items_share(feature, ind.value)


def _pts(x: float) -> str:
    return f"{x * 100:.0f}"


def _pts_below(x: float, limit: float) -> str:
    """``x`` (below ``limit``) in points, never reading as the limit itself: "none stands 5 points
    above" beside "the highest stands 5" was a contradiction when the figure was 4.5."""
    return shown_below(x * 100, limit * 100)


def _decide(plan: _Plan, answered: int, total: int, ranked: list[tuple[float, int]], coverage: list[float],
            inherited: int = 0, owner: tuple[str, str] = ("所属上级单位", "the unit it belongs to"),
            applies: Sequence[float] | None = None) -> tuple[str, str, str]:
    """(type, reason in English, reason in Chinese) from the ranked emphases; ``inherited``: the
    answers given with the record of the unit it belongs to (``owner``, as the reason names it),
    which ``answered`` and ``total`` leave out; ``applies``: each type's practice weight that
    applies to the unit. A type none of whose practices applies (all answered with the city's
    record, or not asked of the level) is not the unit's to show, so it cannot be too thinly
    answered: every ward of the G9 framework was undetermined for a type made only of its city's
    records."""
    names = plan.types
    if answered < plan.min_answered:
        if inherited:
            return ("undetermined",
                    f"only {answered} of the unit's own {total} indicators are answered ({inherited} more "
                    f"{'is' if inherited == 1 else 'are'} answered "
                    f"with the record of {owner[1]}, which is not the unit's own practice); at least {plan.min_answered} "
                    "are needed to see an emphasis",
                    f"本单位自身的{total}项指标中仅作答{answered}项（另有{inherited}项按{owner[0]}的情况填报，不是本单位自身的做法），"
                    f"至少需要{plan.min_answered}项才能看出侧重")
        return ("undetermined",
                f"only {answered} of {total} indicators are answered; at least {plan.min_answered} are needed to see an emphasis",
                f"仅作答{answered}项指标（共{total}项），至少需要{plan.min_answered}项才能看出侧重")
    thin = [k for k, c in enumerate(coverage) if c + EPS < plan.min_coverage and (applies is None or applies[k] > EPS)]
    if thin:
        en = ", ".join(f"'{names[k][1]}' ({_pts_below(coverage[k], plan.min_coverage)}%)" for k in thin)
        zh = "、".join(f"“{names[k][2]}”（{_pts_below(coverage[k], plan.min_coverage)}%）" for k in thin)
        need = _pts(plan.min_coverage)
        return ("undetermined",
                f"too few of the practices that define {en} are answered (at least {need}% needed), so the types cannot be compared",
                f"界定{zh}的做法作答不足（至少需要{need}%），无法比较各类型")
    (s1, k1), (s2, k2) = ranked[0], ranked[1] if len(ranked) > 1 else (0.0, -1)
    if s1 + EPS < plan.flat_min:
        return ("mixed", *_no_emphasis(plan, s1, k1, s2, k2, [s for s, _ in ranked]))
    if k2 >= 0 and s1 - s2 + EPS < plan.mixed_margin:
        # the gap as the heading's margin prints it: 0.4, not "相差0个百分点" beside "差距0.4个百分点" (G32A-2)
        apart = shown_margin(s1 - s2, plan.mixed_margin)
        return ("mixed",
                agree(f"'{names[k1][1]}' and '{names[k2][1]}' stand out about equally: {apart} percentage points apart, "
                      f"less than {_pts(plan.mixed_margin)}"),
                f"“{names[k1][2]}”与“{names[k2][2]}”的做法同样突出：相差{apart}个百分点，"
                f"不足{_pts(plan.mixed_margin)}个百分点")
    behind = (f", {_pts(s1 - s2)} percentage points ahead of '{names[k2][1]}'", f"，领先“{names[k2][2]}”{_pts(s1 - s2)}个百分点") \
        if k2 >= 0 else ("", "")
    return (names[k1][0],
            f"the practices of '{names[k1][1]}' stand {_pts(s1)} percentage points above the unit's own average{behind[0]}",
            f"“{names[k1][2]}”的做法比本单位自身平均水平高出{_pts(s1)}个百分点{behind[1]}")


#: a leading type closer than this to the unit's own average (1 point) does not stand out at all:
#: "高出本单位平均0个百分点" is no lead (G19-A5)
NEAR = 0.01


def near_average(lead: float, flat_min: float) -> bool:
    """Whether the leading type's emphasis ``lead`` is within about a point of the unit's own
    average (and below the emphasis line): then no type stands out, and none is said to lead."""
    return abs(lead) + EPS < min(NEAR, flat_min)


def no_lead(fw: Framework, path: PathwayResult | None) -> str | None:
    """How a mixed unit's practices stand when no type leads them (G19-A5, as its reason says it):
    "even" where every type is within about a point of the unit's own average, "first" where the
    leading one is and the others stand lower, None where a type stands out (or two stand out alike,
    or the type is not mixed). The report's 特色与亮点 then does not call the practices it lists
    "较为突出" beside a reason that says nothing stands out."""
    if path is None or path.type != "mixed" or fw.pathways is None or len(path.scores) < 2:
        return None
    flat_min = fw.pathways.flat_min
    scores = [s.score for s in path.scores if s.score is not None]
    lead = next((s.score for s in path.scores if s.id == path.leading), None)
    if lead is None or not near_average(lead, flat_min):
        return None
    return "even" if all(near_average(x, flat_min) for x in scores) else "first"


def shown_types(path: PathwayResult, flat_min: float) -> list[str]:
    """The types whose practices are the evidence: none when nothing stands out (a flat profile);
    for a mixed unit whose leading type stands out, the two types that stand out alike."""
    if path.type == "undetermined":
        return []
    if path.type != "mixed":
        return [path.type]
    lead = next((sc.score for sc in path.scores if sc.id == path.leading), None)
    if lead is None or lead < flat_min:
        return []
    return [t for t in (path.leading, path.runner_up) if t]


def low_own_average(fw: Framework, path: PathwayResult | None) -> bool:
    """The unit's own average share is below the framework's dimension floor: what "stands out" on
    its pathway stands out against a low average, not at a high level (the report's 八 says so of a
    decided type)."""
    floor = fw.recognition.dimension_floor
    return path is not None and path.own_mean is not None and floor > 0 and path.own_mean < floor


def equally_relative(fw: Framework, path: PathwayResult | None) -> bool:
    """A mixed unit whose two leading types both stand out (the rule's "同样突出" / "stand out about
    equally") at a low own average (``low_own_average``): that standing out is relative to the unit's
    low average, and every line that prints the rule's reason says so. One predicate for the
    report's summary and 八 (``reports.context_pathway.mixed_relative``) and ``lcity score``'s
    pathway line (G21-B10: Lanchuan County at an own average of 24 %)."""
    if path is None or path.type != "mixed" or fw.pathways is None:
        return False
    return bool(shown_types(path, fw.pathways.flat_min)) and low_own_average(fw, path)


def _no_emphasis(plan: _Plan, s1: float, k1: int, s2: float, k2: int,
                 scores: Sequence[float] = ()) -> tuple[str, str]:
    """Why a unit whose leading type stays below the emphasis line is mixed, as what its practice
    shows, not as a verdict on it: the type it puts first, how far above its own average, and the
    line it misses ("实际做法以“国际化导向型”为首（高出本单位平均4个百分点，未达5个百分点的判定
    线），侧重不明显"). A lead over the runner-up larger than that (16 points against 4) would read
    as a contradiction beside it, so it is said to come from the runner-up standing below the average."""
    names, line = plan.types, _pts(plan.flat_min)
    first_en, first_zh = names[k1][1], names[k1][2]
    if len(names) == 1:  # one type: nothing to put first, only its distance from the line
        return _one_type(first_en, first_zh, s1, line, plan.flat_min)
    if near_average(s1, plan.flat_min):
        return _level_with_average(first_en, first_zh, scores, plan.flat_min)
    if s1 >= 0:
        above = _pts_below(s1, plan.flat_min)
        en = (f"no clear emphasis: the practice puts '{first_en}' first, {above} percentage points above the unit's own "
              f"average, short of the {line} points that mark an emphasis")
        zh = f"实际做法以“{first_zh}”为首（高出本单位平均{above}个百分点，未达{line}个百分点的判定线），侧重不明显"
    else:
        en = (f"no clear emphasis: the practice puts '{first_en}' first, yet even it stands {_pts(-s1)} percentage points "
              f"below the unit's own average (an emphasis needs {line} above it)")
        zh = f"实际做法以“{first_zh}”为首，但也低于本单位平均{_pts(-s1)}个百分点（判定线为高出{line}个百分点），侧重不明显"
    if k2 >= 0 and s2 < -EPS and _pts(s1 - s2) != "0":
        # the runner-up's own figure is not printed: two rounded figures would not add up to the lead;
        # a lead under the line between types is not rounded up to it ("leads by 5" beside "short of
        # the 5 points" for 4.8, G14 #5)
        lead = _pts_below(s1 - s2, plan.mixed_margin) if s1 - s2 + EPS < plan.mixed_margin else _pts(s1 - s2)
        en += (f"; it leads '{names[k2][1]}' by {lead} percentage points only because '{names[k2][1]}' "
               "stands below the average")
        zh += f"；它领先位居第二的“{names[k2][2]}”{lead}个百分点，只是因为后者低于本单位平均水平"
    return en, zh


def _level_with_average(first_en: str, first_zh: str, scores: Sequence[float], flat_min: float) -> tuple[str, str]:
    """Why a unit whose leading type is level with its own average is mixed: no type's practices
    stand out from that average. Where every type is within about a point of it, the practice is
    even across the types; where some stand lower, that is not said to be a lead of the first."""
    near = f"{min(NEAR, flat_min) * 100:g}"
    if all(near_average(x, flat_min) for x in scores):
        return (f"no type's practices stand out from the unit's own average: each type scores about its average "
                f"(less than {near} percentage point from it), balanced across the board, with no emphasis",
                f"没有哪一类型的做法比本单位自身平均水平突出，各类型的做法得分率都与本单位平均水平相当（相差不到{near}个百分点），"
                "各方面较为均衡，看不出侧重")
    return (f"no type's practices stand out from the unit's own average: even the first, '{first_en}', is less than "
            f"{near} percentage point from it, and the others stand lower, so there is no emphasis",
            f"没有哪一类型的做法比本单位自身平均水平突出，居首的“{first_zh}”与平均水平也相差不到{near}个百分点，"
            "其余类型更低，看不出侧重")


def _one_type(name_en: str, name_zh: str, s1: float, line: str, flat_min: float) -> tuple[str, str]:
    """Why a unit of a framework with one pathway type shows no emphasis: that type's practices
    against the unit's own average and the line ("puts 'X' first" has nothing to put it before)."""
    if s1 >= 0:
        above = _pts_below(s1, flat_min)
        return (f"no clear emphasis: the practices of '{name_en}' stand {above} percentage points above the unit's "
                f"own average, short of the {line} points that mark an emphasis",
                f"“{name_zh}”的做法比本单位平均高出{above}个百分点，未达{line}个百分点的判定线，侧重不明显")
    return (f"no clear emphasis: the practices of '{name_en}' stand {_pts(-s1)} percentage points below the unit's "
            f"own average (an emphasis needs {line} above it)",
            f"“{name_zh}”的做法低于本单位平均{_pts(-s1)}个百分点（判定线为高出{line}个百分点），侧重不明显")


def _lent(plan: _Plan, by_id: Mapping[str, dict], level: str | None) -> frozenset[str]:
    """The practices a unit below the top level answered with a figure its own note or evidence
    gives as its city's (``evaluator.parent_figures``): Nanhu's G1, the city's coverage, made it
    internationalisation-oriented by 5 points (G4 #2)."""
    if level is None:
        return frozenset()
    return frozenset(i for i in plan.lendable(level) if (d := by_id.get(i)) is not None and d["state"] == "answered"
                     and borrows(d["note"], d["evidence"]))


def run(plan: _Plan, indicators: Sequence[IndicatorResult | None], declared: Sequence[str] = (),
        peers: Mapping[int, Sequence[tuple[str, float]]] | None = None, unit: str | None = None,
        peer_set: str | None = None, level: str | None = None) -> PathwayResult:
    """The observed type of a unit of ``level`` from its indicator results (any order; the first
    result of an id counts). ``peers`` (from ``pathway_peers``; the unit itself, ``unit``, left
    out) only annotates the evidence. The answers a unit of ``level`` gives with its city's record
    (``from_parent``) are not its own practice and weigh nothing (see the module's docstring)."""
    # the result models are read through __dict__: a Result's fields are plain values there
    by_id = {r.id: r.__dict__ for r in reversed(indicators) if r is not None}  # reversed: the first of an id wins
    inherited = plan.inherited.get(level) if level is not None else None
    held: list[dict] = []
    if inherited:
        held = [d for i, d in by_id.items() if i in inherited and d["state"] == "answered"][::-1]  # framework order
        by_id = {i: d for i, d in by_id.items() if i not in inherited}
    lent = _lent(plan, by_id, level)
    if lent:  # figures its own notes give as its city's: not its own practice either
        held += [d for i, d in reversed(by_id.items()) if i in lent]
        by_id = {i: d for i, d in by_id.items() if i not in lent}
    shares = [d["share"] for d in by_id.values() if d["state"] == "answered" and d["share"] is not None]
    get = by_id.get if shares else {}.get
    found = [get(f.indicator) for f in plan.features]
    return _classify(plan, found, shares, len(by_id), declared, peers, unit, peer_set, held, level)


class Positions:
    """Where one engine plan puts each practice's indicator among its results, computed once per
    plan: the engine's result order is fixed, so ``run_at`` reads the results by position instead
    of building a look-up by id on every score."""

    __slots__ = ("at", "count", "unique", "first", "held", "figures")

    def __init__(self, plan: _Plan, ids: Sequence[str]) -> None:
        first: dict[str, int] = {}
        for k, i in enumerate(ids):
            first.setdefault(i, k)
        self.at = [first.get(f.indicator) for f in plan.features]
        self.count = len(first)
        #: every id once: the answered shares in result order are the ones ``run`` averages
        self.unique = len(first) == len(ids)
        self.first = first
        #: level -> (positions of the results its units give with their city's record, in order,
        #: as a set; ``at`` without them), made on a level's first score
        self.held: dict[str, tuple[list[int], frozenset[int], list[int | None]]] = {}
        #: level -> the positions of the practices its units may give as their city's figure
        self.figures: dict[str, list[int]] = {}

    def figures_at(self, plan: _Plan, level: str) -> list[int]:
        """The positions of the practices a unit of ``level`` may give as its city's (``_Plan.lendable``)."""
        got = self.figures.get(level)
        if got is None:
            lendable = plan.lendable(level)
            got = self.figures[level] = [k for i, k in self.first.items() if i in lendable]
        return got

    def held_at(self, plan: _Plan, level: str) -> tuple[list[int], frozenset[int], list[int | None]]:
        got = self.held.get(level)
        if got is None:
            inherited = plan.inherited[level]
            ks = sorted(k for i, k in self.first.items() if i in inherited)
            drop = frozenset(ks)
            got = self.held[level] = (ks, drop, [None if k in drop else k for k in self.at])
        return got


def run_at(plan: _Plan, pos: Positions, indicators: Sequence[IndicatorResult], shares: list[float],
           declared: Sequence[str] = (), level: str | None = None) -> PathwayResult:
    """``run`` for results in the order ``pos`` was compiled for, with ``shares`` the non-None
    shares of the answered ones in that order (the engine collects them as it scores). For a unit
    of a ``level`` that answers some indicators with its city's record, those results are left out
    as ``run`` leaves them out (their positions worked out once per level), and its own shares
    collected again without them, in the same order, so that both give the same figures."""
    if not pos.unique or (level is not None and _lends(plan, pos, indicators, level)):
        return run(plan, indicators, declared, level=level)
    if level is not None and level in plan.inherited:
        ks, drop, at = pos.held_at(plan, level)
        held = [d for d in (indicators[k].__dict__ for k in ks) if d["state"] == "answered"]
        shares = _without(shares, indicators, [k for k in ks if indicators[k].__dict__["share"] is not None
                                               and indicators[k].__dict__["state"] == "answered"])
        n_ids = pos.count - len(ks)
    else:
        at, held, n_ids = pos.at, [], pos.count
    shares = shares[::-1]  # the order run() sums them in: a float sum depends on it
    found = [None if k is None else indicators[k].__dict__ for k in at] if shares else [None] * len(at)
    return _classify(plan, found, shares, n_ids, declared, held=held, level=level)


def _lends(plan: _Plan, pos: Positions, indicators: Sequence[IndicatorResult], level: str) -> bool:
    """Whether one of the practices answered with a figure is given as the city's (``_lent``)."""
    for k in pos.figures_at(plan, level):
        d = indicators[k].__dict__
        if d["state"] == "answered" and borrows(d["note"], d["evidence"]):
            return True
    return False


def _counted(indicators: Sequence[IndicatorResult], start: int, stop: int) -> int:
    """How many results in [start, stop) gave an answered share: each one put a share in the
    engine's list."""
    n = 0
    for k in range(start, stop):
        d = indicators[k].__dict__
        if d["state"] == "answered" and d["share"] is not None:
            n += 1
    return n


def _without(shares: list[float], indicators: Sequence[IndicatorResult], ks: list[int]) -> list[float]:
    """The engine's shares (result order) without those of the results at ``ks`` (answered, with a
    share): each one's place found by counting from the nearer end, so that a city's record among
    the last indicators (L1, L2) costs a few steps, not a walk over all of them."""
    out = list(shares)
    n = len(indicators)
    for k in sorted(ks, reverse=True):  # from the last: deleting it leaves earlier places as they were
        at = _counted(indicators, 0, k) if k < n - k else len(shares) - 1 - _counted(indicators, k + 1, n)
        del out[at]
    return out


def _classify(plan: _Plan, found: list[dict | None], shares: list[float], n_ids: int, declared: Sequence[str],
              peers: Mapping[int, Sequence[tuple[str, float]]] | None = None, unit: str | None = None,
              peer_set: str | None = None, held: Sequence[dict] = (), level: str | None = None) -> PathwayResult:
    """The type from the result fields of each practice's indicator (``found``, aligned with
    ``plan.features``), the unit's answered shares and its number of indicators; ``held``: the
    answers the unit gave with its city's record, left out of all three."""
    own = sum(shares) / len(shares) if shares else 0.0
    n_types = len(plan.types)
    got = [0.0] * n_types
    weight = [0.0] * n_types
    applicable = [0.0] * n_types  # a practice the unit's level has and that applies to it
    seen: list[tuple[_Feature, int, dict, float]] = []
    for (k, f, t, w, items), d in zip(plan.rows, found):
        if d is None:
            continue
        state = d["state"]
        if state == "not_applicable":
            continue
        applicable[t] += w
        if state != "answered":
            continue
        x = _items_share(f, d["value"]) if items else d["share"]
        if x is None:
            continue
        got[t] += w * (x - own)
        weight[t] += w
        seen.append((f, k, d, float(x)))
    emphasis = [got[k] / weight[k] if weight[k] > EPS else None for k in range(n_types)]
    # highest emphasis first, ties by type order (the indices are distinct, so no two keys are equal)
    ranked = [(emphasis[k], k) for _, k in sorted((-e, k) for k, e in enumerate(emphasis) if e is not None)]
    shown = {k for _, k in ranked[:2]}  # the evidence that decides: the leading and the runner-up type
    evidence: list[PathwayEvidence] = []
    for f, k, d, x in seen:
        if f.type not in shown:
            continue
        e = (f.at.get(level, f.evidence) if f.at else f.evidence).copy()
        e["name"] = d["name"]
        e["name_zh"] = d["name_zh"]
        e["value"] = d["value"]
        e["intensity"] = x
        e["vs_own"] = x - own
        if peers:
            others = [v for uid, v in peers.get(k, ()) if uid != unit]
            e["peers"] = n = len(others)
            if n >= plan.min_peers:
                e["peer_median"] = pm = float(median(others))
                e["vs_peers"] = x - pm
        evidence.append(_evidence(e))
    coverage = [weight[k] / applicable[k] if applicable[k] > EPS else 0.0 for k in range(n_types)]
    owner = plan.owners.get(level, ("所属上级单位", "the unit it belongs to")) if level is not None else \
        ("所属上级单位", "the unit it belongs to")
    kind, reason, reason_zh = _decide(plan, len(shares), n_ids, ranked, coverage, len(held), owner, applicable)
    reason = agree(reason)  # "1 percentage point", as every English message says a count of one
    if held:
        reason, reason_zh = _held_note(plan, held, own, reason, reason_zh, owner, level)
    zh, en = plan.mixed if kind == "mixed" else UNDETERMINED if kind == "undetermined" else plan.names_of[kind]
    # an undetermined unit has no leader: with too few answers the emphases cannot be compared
    # (they stay in ``scores``, each with its coverage, for whoever wants to see them)
    lead = ranked[0] if ranked and kind != "undetermined" else None
    second = ranked[1] if len(ranked) > 1 and kind != "undetermined" else None
    declared_types = [plan.strategies[s] for s in declared if s in plan.strategies]
    return _result({
        "type": kind, "name": en, "name_zh": zh, "reason": reason, "reason_zh": reason_zh,
        "leading": plan.types[lead[1]][0] if lead else None,
        "runner_up": plan.types[second[1]][0] if second else None,
        "margin": float(lead[0] - second[0]) if lead and second else None,
        "own_mean": float(own) if shares else None,
        "peer_set": peer_set if peers else None,
        "scores": _scores(plan, emphasis, coverage),
        "evidence": evidence, "declared": list(declared), "declared_types": declared_types,
        "matches_declared": None if not declared_types or kind in RESERVED else kind in declared_types,
    })


def _held_note(plan: _Plan, held: Sequence[dict], own: float, reason: str, reason_zh: str,
               owner: tuple[str, str] = ("所属上级单位", "the unit it belongs to"), level: str | None = None) -> tuple[str, str]:
    """The reason, naming the practices the unit answered with the record of the unit it belongs to
    (``owner``: its city, a Fjordvale municipality's region, as the framework's levels name it; each
    practice's own where they belong to different levels, ``_Plan.owner_of``) where they would have
    stood out (above its own average): the credit a reader looks for and does not find. Such a record
    below that (no award) is left out without a word, as a practice of another level is: naming it
    would lengthen every such district's summary to explain a credit nobody expects."""
    shown = [d for d in held if any(_stands_out(f, d, own) for f in plan.of_indicator.get(d["id"], ()))]
    if not shown:
        return reason, reason_zh
    groups: dict[tuple[str, str], list[dict]] = {}
    for d in shown:
        groups.setdefault(plan.owner_of.get((level, d["id"]), owner), []).append(d)
    en_parts, zh_parts = [], []
    for (owner_zh, owner_en), ds in groups.items():
        en = ", ".join(f"{d['id']} ({d['name']})" for d in ds)
        zh = "、".join(f"{d['id']}（{d['name_zh']}）" for d in ds)
        en_parts.append(f"{en} {'is' if len(ds) == 1 else 'are'} answered with the record of {owner_en}")
        zh_parts.append(f"{zh}按{owner_zh}的情况填报")
    it = "it is" if len(shown) == 1 else "they are"
    return (f"{reason}; {'; '.join(en_parts)}, so {it} not counted as the unit's own practice",
            f"{reason_zh}；{'，'.join(zh_parts)}，不计为本单位自身的做法")


#: what a level is called when a framework names none (china-learning-city@1: city, district,
#: county), as the owner of a record a unit answers with
_LEVEL_WORDS = {"city": ("城市", "city"), "district": ("区", "district"), "county": ("县", "county")}
#: a one-character level name reads as a word after 所在: 所在城市, not 所在市
_ZH_WORDS = {"市": "城市"}


def parent_level(fw: Framework, level: str, ids: Iterable[str]) -> tuple[str, str] | None:
    """(zh, en) name of the level whose record a unit of ``level`` gives for the indicators ``ids``
    (``from_parent``), from the framework's ``levels:``: the nearest level listed above the unit's
    whose units answer those indicators themselves (a county answers with its city's record when
    the district does too). None when the framework's order cannot tell, or the indicators point
    to different levels: the wording is then neutral ("the unit it belongs to")."""
    order = [lv.id for lv in fw.levels] if fw.levels else list(_LEVEL_WORDS)
    if level not in order:
        return None
    found: set[str] = set()
    for i in ids:
        try:
            ind = fw.indicator(i)
        except KeyError:
            return None
        above = [lv for lv in reversed(order[:order.index(level)]) if not ind.answered_for_parent(lv)]
        if not above:
            return None
        found.add(above[0])
    if len(found) != 1:
        return None
    parent = found.pop()
    name = fw.unit_name(parent)
    if name is None:
        return _LEVEL_WORDS.get(parent)
    return _ZH_WORDS.get(name.zh, name.zh), name.en


def parent_owner(fw: Framework | None, level: str | None, ids: Iterable[str]) -> tuple[str, str]:
    """Whose record the unit gives, as the reason text says it: ("所在城市", "the city it belongs to"),
    ("所在地区", "the region it belongs to"), or neutral ("所属上级单位", "the unit it belongs to")."""
    named = parent_level(fw, level, ids) if fw is not None and level is not None else None
    if named is None:
        return "所属上级单位", "the unit it belongs to"
    # an English-only framework's level in Chinese: "所在province" is not how Chinese sets a Latin word;
    # the framework's own word glossed, so that a province's record is not read as a city's (G27-T7)
    zh = f"所在{named[0]}" if any("\u3400" <= ch <= "\u9fff" for ch in named[0]) else f"所属上级单位（{named[0]}）"
    return zh, f"the {named[1]} it belongs to"


def _stands_out(feature: _Feature, d: dict, own: float) -> bool:
    x = _items_share(feature, d["value"]) if feature.items else d["share"]
    return x is not None and x > own + EPS


def _scores(plan: _Plan, emphasis: list[float | None], coverage: list[float]) -> list[PathwayScore]:
    out = []
    for tpl, e, c in zip(plan.score_tpl, emphasis, coverage):
        d = tpl.copy()
        d["score"] = e
        d["coverage"] = c
        out.append(_score(d))
    return out


def classify(fw: Framework, result: Result, peers: Mapping[int, Sequence[tuple[str, float]]] | None = None,
             peer_set: str | None = None) -> PathwayResult | None:
    """The type of a scored unit, again: with the evidence compared with peers, or after its answers changed."""
    plan = plan_for(fw)
    if plan is None:
        return None
    return run(plan, result.indicators, result.strategy, peers, result.city.id, peer_set, result.city.level)


def intensities(fw: Framework, result: Result) -> dict[int, float]:
    """Feature index -> the unit's intensity on it, for the practices it answered (a peer's row of a
    baseline); not those it answered with its city's record, which are not its own practice."""
    plan = plan_for(fw)
    if plan is None:
        return {}
    inherited = plan.inherited.get(result.city.level, frozenset())
    by_id: dict[str, Any] = {}
    for r in result.indicators:
        if r.id not in inherited:
            by_id.setdefault(r.id, r)
    out = {}
    for k, f in enumerate(plan.features):
        ind = by_id.get(f.indicator)
        x = intensity(f, ind) if ind is not None else None
        if x is not None:
            out[k] = x
    return out
