"""The what-if planner: the least-effort set of answer changes that reaches a target.

Evaluations exist to drive construction (以评促建): after a score, a unit asks what the least is
that it must change, and where, to reach 良好 or to be recognised. With the unit's
not-applicable answers kept as they are, every quantity the engine decides on (the total, each
dimension's score, a survey figure, a veto answer) is a sum over independent answer choices, so
the question is an exact mixed-integer programme: one binary per discrete improvement
(``evaluator.plan_options``), at most one answer per indicator, least total effort subject to
every condition of the target. SciPy's ``milp`` (HiGHS) solves it in milliseconds.

Ties are broken deterministically: the options are listed in framework order and HiGHS's
branch and bound is deterministic, so the same input always gives the same plan. (A
lexicographic second objective, fewest changes, made a plan 10-100 times slower on units far
from their target, where many plans tie.) The next-best alternative is the best
plan that does not make every change of the first one the same way. A plan is never trusted on
the solver's word: it is applied to the assessment and scored by the engine, and the solver's
tolerance is tightened until the engine agrees.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from indicators.models import LEVEL_IDS, EffortModel, Framework, Text, scored_unit

from .advice import unmet
from .assessment import Answer, Assessment
from .checks import claims_something
from .effort import resolve
from .engine import EPS, rests_on, score, short_ids
from .levels import for_level as for_level, level_name as level_name  # the plan's callers import them from here
from .outcome_words import outcome_words, outcome_words_en
from .plan_options import Option, Today, options, recounted
from .result import Result
from .rounding import half_up, shown_below
from .rules import num


class Unreachable(Exception):
    """The target cannot be reached by a unit of this level; ``reasons`` say which condition and
    what its maximum is, as (zh, en) pairs."""

    def __init__(self, reasons: list[tuple[str, str]]):
        self.reasons = reasons
        super().__init__("; ".join(en for _, en in reasons))

    @property
    def vetoed(self) -> bool:
        """A veto no answer clears is among the reasons: it decides the period's outcome, so a lower
        target is no way out and the hint must say what clears it (G31T-5)."""
        return any(isinstance(r, VetoStands) for r in self.reasons)

    @property
    def profile_first(self) -> bool:
        """A condition waits on a profile figure the unit did not give (``ProfileFirst``)."""
        return any(isinstance(r, ProfileFirst) for r in self.reasons)

    @property
    def counts_first(self) -> bool:
        """The target waits on the unit's own estimates being counted (``CountFirst``): a lower
        target is not what the unit needs, counting them is."""
        return any(isinstance(r, CountFirst) for r in self.reasons)


class VetoStands(tuple):
    """A reason (zh, en) that a fired veto stands: no change of answer clears it."""


class ProfileFirst(tuple):
    """A reason (zh, en) that a condition cannot be weighed while the unit's profile lacks a figure
    its indicators are divided by (``_lacking_bases``): not out of reach, unknown."""


class CountFirst(tuple):
    """A reason (zh, en) that the target waits on figures the unit's own notes give as estimates or
    as counted otherwise than the indicator's method: recognition does not rest on them until they
    are counted (``Decision.estimated``, ``against_method``, ``recounted``), and counted as filed
    the target is within reach. Said as "无法达到：各项条件无法同时满足", a unit at 80.0 with five
    figures projected from nine months was told recognition was out of its reach (G32A-4)."""


class BadTarget(ValueError):
    """A --target that names no grade, no total and not recognition."""


@dataclass(frozen=True)
class Target:
    kind: str  # recognition | outcome (the middle outcome, at least) | grade | total
    total: float  # the total the target needs (recognition: the recognition line)
    name: Text
    #: a grade target under a framework whose vetoes set the grade (recognition.veto_grade): the
    #: grades that reach it; a vetoed unit of 94 points is graded fail, so its total alone reaches nothing
    grades: tuple[str, ...] = ()
    #: the panel's direct score changes (points of the total) the answers are planned around
    #: (``held_fixed``): ``total`` is what the answers need, ``total + panel`` the reported line
    panel: float = 0.0

    @property
    def id(self) -> str:
        return self.kind if self.kind != "total" else f"{self.total:g}"


def parse_target(fw: Framework, text: str) -> Target:
    """``recognition`` (认定), the middle outcome (``deferred`` or its name: a title of its own under
    some frameworks, "Designated Learning City"), a grade by id or name in zh/en, or a total such as 85."""
    t = text.strip()
    rec_name = fw.recognition.outcomes.recognised
    if t.lower() in ("recognition", "recognised", "recognized", rec_name.en.lower()) or t in ("认定", rec_name.zh):
        rec = fw.recognition.outcomes.recognised
        return Target("recognition", fw.recognition.total_min, rec)
    mid = fw.recognition.outcomes.deferred  # a title of its own under some frameworks (G26-T6)
    if t.lower() in ("deferred", mid.en.lower()) or t == mid.zh:
        return Target("outcome", fw.recognition.deferred_min, mid)
    for g in fw.grades:
        if t.lower() in (g.id.lower(), g.name.en.lower()) or t == g.name.zh:
            return _grade_target(fw, g)
    try:
        total = float(t)
    except ValueError:
        total = float("nan")
    if total == total and 0 <= total <= fw.total_points:
        total += 0.0  # a typed -0 is the total 0 (printed "0", not "-0")
        return Target("total", total, Text(zh=f"总分 {total:g}", en=f"a total of {total:g}"))
    grades = ", ".join(f"{g.id} ({g.name.en or g.name.zh})" for g in fw.grades)
    raise BadTarget(f"'{text}' is not recognition, the middle outcome (deferred, {mid.en or mid.zh}), "
                    f"a grade ({grades}) or a total between 0 and {fw.total_points:g}")


def next_target(fw: Framework, result: Result) -> Target | None:
    """What a report plans for: recognition if not recognised, else the next grade up."""
    if result.recognition.outcome != "recognised":
        return parse_target(fw, "recognition")
    above = [g for g in fw.grades if g.min > result.total + EPS]
    if not above:
        return None
    g = min(above, key=lambda g: g.min)
    return _grade_target(fw, g)


def first_stage(fw: Framework, result: Result, beyond: float) -> Any:
    """The grade a unit below every grade line (不合格 by its total, not by a veto) is planned to
    first, when it lies below ``beyond`` (the target's total): the next grade up from its total.
    A unit too short of data to be rated counts from its lower bound, the total its answers give:
    Zhuyuan (26.7–56.7, not ratable) was planned straight for 认定为示范区 in 28 tasks, though even
    full data leaves it below 合格 this period; a panel asks first for the data a rating needs and
    the nearest grade (G28R, after G21-B9). None in any other case.

    A rated unit that passes is not staged (G29A2-7, decided G30A): under the China framework the
    grade above 合格 is 良好 at 80, five points below the recognition line (85) and above the
    deferral line (75), so a plan to it is most of the plan to recognition and changes no outcome
    (桐河县, 64.2: 16 of the 21 tasks and 69 of the 119 effort points, led by the same L3, E1 and
    L2). The one step below recognition, 暂缓认定 at 75, is no target a panel sets: it is the
    outcome of a unit that has not yet met recognition's conditions."""
    if result.vetoes:
        return None
    above = [g for g in fw.grades if g.min > result.total + EPS]
    passing = [g.min for g in fw.grades if g.min > 0]
    if not above or not passing or result.total + EPS >= min(passing):
        return None
    g = min(above, key=lambda g: g.min)
    return None if g.min + EPS >= beyond else g


def _grade_target(fw: Framework, g: Any) -> Target:
    ok = tuple(h.id for h in fw.grades if h.min + EPS >= g.min) if fw.recognition.veto_grade else ()
    return Target("grade", g.min, g.name, ok)


@dataclass(frozen=True)
class Change:
    """One task of a plan: an indicator, today's answer, the answer to reach."""

    indicator: str
    dimension: str
    name: Text
    state: str  # today's state: answered, unknown or missing
    before: Any
    after: Any
    points: float  # points added to the total
    effort: float
    steps: float
    serves: tuple[str, ...]  # conditions it helps meet: total, floor:<dim>, veto:<id>, survey:<indicator>
    responsible: Text | None
    rationale: Text | None
    parent: bool = False  # the city's record, which the unit answers with (the city's part of the plan)
    #: the fewest years the change takes however much work goes in (the framework's ``years``: a
    #: budget line stands in two budget years, a national award waits for a yearly selection), and
    #: why; None for a change that only takes work
    years: int | None = None
    years_why: Text | None = None
    #: who decides the answer when it is not the unit's work to reach (the framework's
    #: ``decided_by``: UNESCO grants its award): the task is not within the unit's control, so it
    #: carries no effort and no year (the solver still weighs it at its effort, so that a plan
    #: prefers what the unit can do); None for a task within the unit's control
    decided_by: Text | None = None
    #: the tasks of this plan it presupposes (the framework's ``presupposes``: an enforcement check
    #: waits for the regulation): it comes after them in the plan, and in a later year
    waits_for: tuple[str, ...] = ()
    #: the indicators of this plan the same standard survey finds out (K4 and K5 of one
    #: questionnaire): one task, costed once, on the first of them; empty for any other change
    survey: tuple[str, ...] = ()
    #: a figure of a unit too short of data to be rated, found out by looking it up: data
    #: collection in the plan's first year, not work that waits on budget years
    looked_up: bool = False
    #: a figure the panel did not accept (a reviewed plan), counted again as the panel asked: a
    #: look-up of the unit's own records, not work from the floor up (G19-A3)
    recount: bool = False


@dataclass(frozen=True)
class Plan:
    target: Target
    before: Result
    after: Result
    changes: tuple[Change, ...]
    effort: float
    conditions: tuple[tuple[str, Text], ...]  # unmet today: (id, description)
    alternative: "Plan | None" = None
    unit: Text | None = None  # what an effort point stands for
    #: when the target is out of reach (a report still shows it): why, as (zh, en) pairs
    unreachable: tuple[tuple[str, str], ...] = ()
    #: indicators that lose points but that the unit answers with its city's record
    #: (``from_parent``), left as they are: (id, name)
    held: tuple[tuple[str, Text], ...] = ()
    #: the target is out of the unit's own reach (why, as (zh, en) pairs): the plan includes the
    #: city's part, the changes marked ``parent``
    alone: tuple[tuple[str, str], ...] = ()
    #: figures below a minimum the framework cites (a national standard) that no answer the unit
    #: can give raises to it: why the plan leaves them there, as (zh, en) pairs
    below: tuple[tuple[str, str], ...] = ()
    #: the effort the planner minimised: ``effort`` and, at the framework's effort, the tasks another
    #: body decides (an award is no free step: the plan prefers what the unit can do itself)
    weighed: float = 0.0
    #: what the framework's survey is called (居民调查 / resident survey), for ``survey_note``
    survey_name: Text | None = None
    #: the framework's dimension floor (0: none), for the notes that speak of a floor (``_floor_words``)
    floor: float = 0.0
    #: records of the period (``period_record``) the unit has not answered: why the plan counts no
    #: points from them, as (zh, en) pairs (``unknown_records``)
    records: tuple[tuple[str, str], ...] = ()
    #: each survey rate's minimum sample where the unit's count of the people it is drawn from
    #: corrects the framework's (``evaluator.sampling.unit_sample``, the engine's rule): (id, sample)
    samples: tuple[tuple[str, int], ...] = ()

    @property
    def outside(self) -> tuple[Change, ...]:
        """The tasks not within the unit's control (an award, a membership): the plan's total
        effort leaves them out, and the target depends on them."""
        return tuple(c for c in self.changes if c.decided_by is not None)

    @property
    def others(self) -> tuple[Change, ...]:
        """The tasks another body must do or decide: the city's part (``parent``: its regulation,
        its credit bank) and what another body decides (``decided_by``: UNESCO's award). The plan
        rests on them, but they are not the unit's work (G18-B5, G18-B6)."""
        return tuple(c for c in self.changes if c.parent or c.decided_by is not None)

    @property
    def own_effort(self) -> float:
        """The unit's own effort: the plan's tasks without ``others``. ``effort`` also counts the
        city's part where the framework costs it (B1's regulation), never another body's decision."""
        return sum(c.effort for c in self.changes if not c.parent and c.decided_by is None)

    @property
    def others_effort(self) -> float:
        """The effort of ``others`` as the framework costs it (the city's regulation); a decision of
        another body (an award) carries none."""
        return sum(c.effort for c in self.others if c.decided_by is None)

    @property
    def points(self) -> float:
        return self.after.total - self.before.total

    @property
    def pending(self) -> tuple[str, ...]:
        """The figures the panel must verify before the planned recognition holds: beyond the
        plausible range, so no task of the unit's can stand in for that check."""
        rec = self.after.recognition
        return tuple(rec.pending) if self.target.kind == "recognition" and rec.recognised_if_verified else ()

    @property
    def unbacked(self) -> tuple[str, ...]:
        """The answers without evidence the planned recognition rests on (``Decision.unbacked``): the
        unit lists its evidence or the panel verifies them, which no change of answers replaces."""
        rec = self.after.recognition
        held = self.target.kind == "recognition" and rec.recognised_if_verified
        return tuple(getattr(rec, "unbacked", None) or ()) if held else ()

    @property
    def own_na(self) -> tuple[str, ...]:
        """The unit's own not-applicable answers that leave a whole dimension out of the planned
        recognition (``Decision.own_not_applicable``): the panel confirms them or they are answered."""
        rec = self.after.recognition
        held = self.target.kind == "recognition" and rec.recognised_if_verified
        return tuple(getattr(rec, "own_not_applicable", None) or ()) if held else ()

    @property
    def awaits(self) -> bool:
        """Whether the planned recognition waits on a check by the panel that no task replaces."""
        return bool(self.pending or self.unbacked or self.own_na)


# --- the problem --------------------------------------------------------------------------------


@dataclass
class _Problem:
    opts: list[Option]
    groups: list[list[int]]
    rows: list[tuple[np.ndarray, float, str]]  # coefficient row, lower bound, condition id
    k: float  # total points per dimension point
    conditions: list[tuple[str, Text]] = field(default_factory=list)
    order: dict[str, int] = field(default_factory=dict)
    held: tuple[tuple[str, Text], ...] = ()
    #: a unit below the framework's min_coverage: (the points its unknown or missing indicators
    #: would add to the answered weight, and their options) per indicator, and the weight needed.
    #: A grade needs the unit ratable, so the plan answers enough of them (查明 tasks)
    cover: list[tuple[float, list[int]]] = field(default_factory=list)
    cover_need: float = 0.0
    unknowns: frozenset[str] = frozenset()
    #: indicator id -> the minimum (a national standard) its figure must reach in a plan to recognition
    minimums: dict[str, float] = field(default_factory=dict)
    below: tuple[tuple[str, str], ...] = ()
    #: (a dependent indicator's options, the options of one indicator it presupposes that make that
    #: one claim something): none of the first unless one of the second (``presupposes``)
    requires: list[tuple[list[int], list[int]]] = field(default_factory=list)
    #: one per standard survey that finds out unknown figures: (its effort, its options): any of
    #: them costs the survey, once (``Option.survey``)
    surveys: list[tuple[float, list[int]]] = field(default_factory=list)
    #: the indicators another body decides for the unit's level (UNESCO's award): no effort of the
    #: unit's, so the least-effort plan would take all the points they offer (``_solve``)
    outside: frozenset[str] = frozenset()
    #: the figures the panel did not accept, planned as a re-count (``plan_reviewed``)
    recount: frozenset[str] | dict[str, Any] = frozenset()
    #: the figures the panel verified (``panel_verified``): the plan's answers are scored with them
    #: verified, as the panel's own score is (``_rescored``)
    verified: frozenset[str] = frozenset()


def _today(r: Any) -> Today:
    return Today(r.state, r.value, r.figure, r.share or 0.0, r.max)


def _veto_stands(ind: Any, iid: str, vname: Text) -> tuple[str, str]:
    """Why a fired veto cannot be cleared (zh, en): an answer that records what happened in the
    period (``period_record``: an accident) is the past, which no answer changes (G23-T1); any other
    has no answer that clears it."""
    if ind is not None and ind.period_record:
        return VetoStands((f"否决项“{vname.zh}”源于 {iid} 所记录的评估期内已发生的情况，不能通过改变答案消除，在本评估期内始终有效",
                           f"the veto '{vname.en}' rests on what {iid} records as having happened in the assessment "
                           f"period, which no change of answer undoes: it stands for this period"))
    return VetoStands((f"否决项“{vname.zh}”无法通过改变 {iid} 的答案消除",
                       f"the veto '{vname.en}' cannot be cleared by any answer to {iid}"))


def _build(fw: Framework, assessment: Assessment, result: Result, target: Target,
           override: EffortModel | None, parent: bool = False, recount: frozenset[str] | dict[str, Any] = frozenset()) -> tuple[_Problem, list[tuple[str, str]], dict[str, Any]]:
    """The options and the conditions; also the reasons a condition is out of reach. Answers the
    unit gives with its city's record are changed only with ``parent`` (the city's part of a plan)."""
    level = assessment.city.level
    by_id = {r.id: r for r in result.indicators}
    inds = {i.id: (i, d.id) for d, rows in fw.at_level(level) for i, applies in rows if applies}
    rec = fw.recognition
    recognition = target.kind == "recognition"
    survey = {s.indicator: s.min for s in rec.survey} if recognition else {}
    # a veto refuses recognition and the middle outcome, and fails a grade where the framework says so
    vetoed = recognition or target.kind == "outcome" or bool(target.grades)
    vetoes = {v.indicator: (v.id, list(v.when), v.name) for v in rec.vetoes if v.indicator} if vetoed else {}
    look_up = _coverage_needed(fw, result, target) > 0.0  # its unknown figures are found out, not built
    opts: list[Option] = []
    efforts: dict[str, Any] = {}
    order = {}
    held: list[tuple[str, Text]] = []
    for n, (iid, (ind, dim)) in enumerate(inds.items()):
        r = by_id.get(iid)
        order[iid] = n
        if r is None or r.state == "not_applicable":
            continue
        if ind.answered_for_parent(level):  # the city's record: not the unit's to change
            if r.score + EPS < r.max:
                held.append((iid, ind.name))
            if not parent:
                continue
        eff = efforts[iid] = resolve(fw, ind, override, level)
        veto = vetoes.get(iid, (None, [], None))[1]
        # a figure the panel did not accept is counted again from the unit's records (G19-A3)
        again = iid in recount and r.state in ("unknown", "missing") and not look_up
        mine = options(ind, _today(r), assessment.city, eff, dim, survey_min=survey.get(iid), veto=veto,
                       look_up=look_up)
        if again:  # counted again finds at most the filed figure; a level above it is work (G20-A1)
            mine = recounted(mine, recount.get(iid) if isinstance(recount, dict) else None, eff, ind=ind,
                             today=_today(r), city=assessment.city, dim=dim)
        opts += mine
    max_total = sum(d.max for d in result.dimensions)
    k = fw.total_points / max_total if max_total > EPS else 0.0
    n = len(opts)
    groups: dict[str, list[int]] = {}
    for j, o in enumerate(opts):
        groups.setdefault(o.group, []).append(j)
    rows: list[tuple[np.ndarray, float, str]] = []
    conditions: list[tuple[str, Text]] = []
    unreachable: list[tuple[str, str]] = []
    gain = np.array([o.gain for o in opts]) if n else np.zeros(0)
    best_gain = sum(max(gain[j] for j in g) for g in groups.values()) if n else 0.0
    # figures the unit's own notes give as the unit above's or counted another way: recognition
    # does not rest on them (the engine defers), so a plan to recognition reaches its lines without
    # their points, or it would end 暂缓认定 while presented as reaching the target (G19-A1)
    lent = _not_own(fw, result, inds) if recognition else {}
    own_gain = np.array([0.0 if o.indicator in lent else o.gain for o in opts]) if n else np.zeros(0)
    if recognition and lent and result.total + EPS >= target.total:
        rest = result.total - sum(lent.values()) * k
        if rest + EPS < target.total:  # the line is met only with the borrowed points
            need = target.total / k - sum(d.score for d in result.dimensions) + sum(lent.values()) if k else float("inf")
            rows.append((own_gain * k, need * k - 1e-7, "total"))
            conditions.append(("total", _total_condition(target)))
    if result.total + EPS < target.total:
        need = target.total / k - sum(d.score for d in result.dimensions) if k else float("inf")
        need += sum(lent.values())
        rows.append((own_gain * k, need * k - 1e-7, "total"))
        conditions.append(("total", _total_condition(target)))
        best = min(fw.total_points, result.total + best_gain * k)
        if best + EPS < target.total:
            most = shown_below(best, target.total, 1)  # 89.96 below a target of 90, not "90.0"
            lacking = _lacking_bases(fw, inds, by_id, assessment.city)
            if best + _left(by_id, lacking) * k + EPS < target.total:
                lacking = {}  # out of reach even with every such indicator at its full points
            unreachable.append(_profile_first(fw, lacking, "总分", "the total", f"目标{target.total:g}分",
                                              f"the target of {target.total:g} points") if lacking else
                               (f"总分最高只能达到 {most} 分，低于目标 {target.total:g} 分",
                                f"the total can reach at most {most} points, below the target of {target.total:g} points"))
    if recognition:
        for d in result.dimensions:
            theirs = sum(v for i, v in lent.items() if inds[i][1] == d.id)
            basis = d.floor_basis  # the points the unit's own work can earn: what another body decides left out
            if d.floor_met is False or (theirs > EPS and d.score - theirs + EPS < rec.dimension_floor * basis):
                need = rec.dimension_floor * basis - d.score + theirs
                row = np.array([o.gain if o.dimension == d.id and o.indicator not in lent else 0.0 for o in opts])
                rows.append((row, need - 1e-9, f"floor:{d.id}"))
                own = "自身工作" if d.floor_max is not None else ""  # its floor leaves out what another body decides
                conditions.append((f"floor:{d.id}", Text(zh=f"{d.id}维度{own}得分率 ≥ {rec.dimension_floor * 100:.0f}%",
                                                         en=f"dimension {d.id}{' own work' if own else ''} ≥ "
                                                            f"{rec.dimension_floor * 100:.0f}%")))
                top = sum(max(row[j] for j in g) for g in groups.values()) if n else 0.0
                if d.score - theirs + top + EPS < rec.dimension_floor * basis:
                    got = (d.score - theirs + top) / basis * 100 if basis > EPS else 0.0
                    lacking = _lacking_bases(fw, inds, by_id, assessment.city, d.id)
                    if d.score - theirs + top + _left(by_id, lacking) + EPS < rec.dimension_floor * basis:
                        lacking = {}  # out of reach even with every such indicator at its full points
                    unreachable.append(_profile_first(fw, lacking, f"{d.id}维度得分率", f"dimension {d.id}",
                                                      f"{rec.dimension_floor * 100:.0f}%的底线",
                                                      f"the {rec.dimension_floor * 100:.0f}% floor") if lacking else
                                       (f"{d.id}维度得分率最高只能达到 {got:.0f}%，低于 {rec.dimension_floor * 100:.0f}% 的底线",
                                        f"dimension {d.id} can reach at most {got:.0f}%, below the {rec.dimension_floor * 100:.0f}% floor"))
    for iid, (vid, when, vname) in vetoes.items():
        a = assessment.answers.get(iid)
        if a is not None and a.status is None and a.value in when:
            row = np.array([1.0 if o.indicator == iid and not o.fires_veto else 0.0 for o in opts])
            rows.append((row, 1.0, f"veto:{vid}"))
            conditions.append((f"veto:{vid}", Text(zh=f"消除否决项：{vname.zh}", en=f"clear the veto: {vname.en}")))
            if not row.any():
                unreachable.append(_veto_stands(inds.get(iid, (None, None))[0], iid, vname))
    if recognition:
        # whom the framework's surveys ask (China: residents; another framework its own population)
        named = fw.survey_name()
        said = (named.zh, named.en)
        for s in rec.survey:
            r = by_id.get(s.indicator)
            if r is None or r.state == "not_applicable" or s.indicator not in inds:
                continue
            if r.state == "answered" and r.figure is not None and r.figure + EPS >= s.min:
                continue
            row = np.array([1.0 if o.indicator == s.indicator and o.meets_survey else 0.0 for o in opts])
            rows.append((row, 1.0, f"survey:{s.indicator}"))
            conditions.append((f"survey:{s.indicator}", Text(zh=f"{s.indicator}（{said[0]}）≥ {s.min:g}%",
                                                             en=f"{s.indicator} ({said[1]}) ≥ {s.min:g}%")))
            if not row.any():
                top = max([o.figure for o in opts if o.indicator == s.indicator and o.figure is not None] or [r.figure or 0.0])
                unreachable.append((f"{s.indicator} 最高只能填报 {top:g}%，低于 {s.min:g}% 的要求",
                                    f"{s.indicator} can reach at most {top:g}%, below the required {s.min:g}%"))
    minimums, below = _minimums(inds, by_id, opts, conditions, rows, recognition)
    cover, need_w, unknowns = _coverage(fw, result, target, opts)
    if need_w > EPS:
        pct = f"{rec.min_coverage * 100:.0f}%"
        conditions.append(("coverage", Text(zh=f"数据覆盖率 ≥ {pct}（查明未知指标）",
                                            en=f"data coverage ≥ {pct} (find out unknown indicators)")))
        top = sum(w for w, js in cover if js)
        if top + EPS < need_w:
            weight = sum(r.max for r in result.indicators if r.state != "not_applicable") or 1.0
            got = (result.coverage * weight + top) / weight * 100
            unreachable.append((f"数据覆盖率最高只能达到 {got:.0f}%，低于定级所需的 {pct}",
                                f"data coverage can reach at most {got:.0f}%, below the {pct} needed to rate the unit"))
    requires = _requires(inds, by_id, opts)
    surveys = _surveys(opts, efforts)
    # an indicator whose choices name who decides them (L2: UNESCO's award, the city's conference) is
    # outside only through those choices, which no option targets (plan_options._levels)
    outside = frozenset(i for i, (ind, _) in inds.items()
                        if ind.decided_for(level) is not None and not ind.choices_decided())
    return (_Problem(opts, list(groups.values()), rows, k, conditions, order, tuple(held), cover, need_w, unknowns,
                     minimums, below, requires, surveys, outside, recount),
            unreachable, efforts)


def _lacking_bases(fw: Framework, inds: dict[str, Any], by_id: dict[str, Any], city: Any,
                   dim: str | None = None) -> dict[str, list[str]]:
    """profile figure -> the indicators (of ``dim``, or all) that are divided by it and still lose
    points while the unit's profile leaves it out: no answer of theirs can be scored, so the
    planner offers them nothing, which is the profile's gap, not the most they can reach."""
    out: dict[str, list[str]] = {}
    for iid, (ind, d) in inds.items():
        derive = getattr(ind.answer, "derive", None)
        r = by_id.get(iid)
        if derive is None or (dim is not None and d != dim) or r is None or r.state == "not_applicable":
            continue
        if not city.figure(derive.per) and r.score + EPS < r.max:
            out.setdefault(derive.per, []).append(iid)
    return out


def _left(by_id: dict[str, Any], lacking: dict[str, list[str]]) -> float:
    """The dimension points the indicators ``_lacking_bases`` found still lose: the most a profile
    filled in could let a plan add."""
    return sum(by_id[i].max - by_id[i].score for ids in lacking.values() for i in ids)


def _profile_first(fw: Framework, lacking: dict[str, list[str]], what_zh: str, what_en: str,
                   need_zh: str, need_en: str) -> "ProfileFirst":
    """The reason a condition cannot be weighed while the profile lacks the figures its indicators
    are divided by: 深湾市, filing no number of streets or communities, was told its C "最高只能达到
    25%" and recognition out of reach (G32A-1)."""
    from indicators.profile_names import basis_names

    zh_names, en_names = basis_names(fw, "zh"), basis_names(fw, "en")
    ids = [i for group in lacking.values() for i in group]
    figures = list(lacking)
    return ProfileFirst((f"{what_zh}能否达到{need_zh}尚无法测算：{'、'.join(ids)}按本单位的"
                         f"{'和'.join(zh_names.get(f, f) for f in figures)}折算，而概况中未填写"
                         f"（city 中的 {'、'.join(figures)}）",
                         f"whether {what_en} can reach {need_en} cannot be worked out yet: {', '.join(ids)} "
                         f"{'are' if len(ids) != 1 else 'is'} divided by the unit's "
                         f"{'; '.join(en_names.get(f, f) for f in figures)}, which the profile does not give "
                         f"({', '.join(figures)} under city)"))


def _count_first(fw: Framework, assessment: Assessment, before: Result, target: Target,
                 override: EffortModel | None, recount: Any, verified: frozenset[str]) -> CountFirst | None:
    """The reason a recognition out of reach gives when the unit's own uncounted figures are what
    hold it: with them counted as filed (their notes gone, their documents the plan's) a plan
    reaches it. None when there are none, or the target stays out of reach even then."""
    if target.kind != "recognition" or recount:
        return None
    level = assessment.city.level
    inds = {i.id: (i, d.id) for d, rows in fw.at_level(level) for i, applies in rows if applies}
    ids = _uncounted(fw, before, inds)
    if not ids:
        return None
    answers = dict(assessment.answers)
    for iid in ids:
        answers[iid] = answers[iid].model_copy(update={"note": None, "evidence": [PLANNED]})
    counted = assessment.model_copy(update={"answers": answers})
    try:
        plan(counted, fw, target, override=override, alternative=False, verified=verified)
    except Unreachable:
        return None
    named = "、".join(ids)
    return CountFirst((f"{named}共{len(ids)}项为估算数或未按指标口径统计，核实前认定不以其为依据；"
                       f"按指标口径统计核实后（核实数不低于填报数时），该目标可以达到",
                       f"{len(ids)} figure{'s' if len(ids) != 1 else ''} ({', '.join(ids)}) "
                       f"{'are' if len(ids) != 1 else 'is'} given as estimates or counted otherwise than the "
                       f"indicator's method, and recognition does not rest on "
                       f"{'them' if len(ids) != 1 else 'it'} until counted; once counted by the method (at no "
                       f"less than filed), the target is within reach"))


def _uncounted(fw: Framework, result: Result, inds: dict[str, Any]) -> list[str]:
    """The unit's own figures that recognition does not rest on until counted: those its notes give
    as estimates, as counted otherwise than the method, or as counted another way than last year;
    not the unit above's figures (``parent_figure_ids``), which no count of its own replaces."""
    from .checks import parent_figure_ids
    from .parent_figures import counting_change, is_figure

    answered = [r for r in result.indicators if r.state == "answered" and not r.verified and r.id in inds]
    theirs = set(parent_figure_ids(fw, result.city.level, [(r.id, r.note, list(r.evidence)) for r in answered]))
    own = {r.id for r in answered if is_figure(inds[r.id][0].answer.type) and counting_change(r.note)}
    own |= set(_estimates(fw, answered)) | set(_against_method_ids(fw, answered))
    return [r.id for r in answered if r.id in own and r.id not in theirs]


def _not_own(fw: Framework, result: Result, inds: dict[str, Any]) -> dict[str, float]:
    """indicator id -> its score (dimension points) for each figure the unit's own note or evidence
    gives as the unit above's (``parent_figure_ids``), as counted another way (``counting_change``)
    or as an estimate (``_estimates``) and no panel has verified: the figures the engine holds
    recognition on (``Decision.borrowed``, ``recounted``, ``estimated``)."""
    from .checks import parent_figure_ids
    from .parent_figures import counting_change, is_figure

    answered = [r for r in result.indicators if r.state == "answered" and not r.verified and r.id in inds]
    theirs = set(parent_figure_ids(fw, result.city.level, [(r.id, r.note, list(r.evidence)) for r in answered]))
    theirs |= {r.id for r in answered if is_figure(inds[r.id][0].answer.type) and counting_change(r.note)}
    theirs |= set(_estimates(fw, answered))
    theirs |= set(_against_method_ids(fw, answered))
    return {r.id: r.score for r in answered if r.id in theirs}


def _against_method_ids(fw: Framework, answered: list[Any]) -> list[str]:
    """The ids of the answered figures whose own notes say they are counted otherwise than the
    indicator's method (``Decision.against_method`` where they decide recognition), in the order given."""
    from .note_checks import against_method, at_whole, method_text

    methods = {i.id: method_text(i.measurement) for i in fw.indicators() if getattr(i, "measurement", None) is not None}
    return [r.id for r in answered if r.id in methods
            and against_method(r.note, methods[r.id], at_whole(r.unit, r.figure)) is not None]


def _estimates(fw: Framework, answered: list[Any]) -> list[str]:
    """The ids of the answered figures whose own words give them as estimates (``Decision.estimated``
    where they decide recognition), in the order given."""
    from .note_checks import says_estimate
    from .parent_figures import is_figure

    types = {i.id: i.answer.type for i in fw.indicators()}
    rates = fw.survey_rates()
    return [r.id for r in answered if is_figure(types.get(r.id, ""))
            and says_estimate(r.note, r.evidence, r.id in rates, r.sample_size)]


def _requires(inds: dict[str, Any], by_id: dict[str, Any], opts: list[Option]) -> list[tuple[list[int], list[int]]]:
    """The presuppositions a plan must respect (``Indicator.presupposes``): an enforcement check of
    a regulation (B2) is planned only where the regulation (B1) claims something (``claims_something``:
    yes, a figure above 0, a ticked item, a choice that earns points) in the unit's answers or in the
    same plan. A prerequisite that does not apply to the unit asks nothing; one the unit cannot
    change (its city's record) and does not have leaves the dependent out of the plan."""
    out = []
    own = {iid: ind for iid, (ind, _) in inds.items()}
    for iid, ind in own.items():
        mine = [j for j, o in enumerate(opts) if o.indicator == iid]
        if not mine:
            continue
        for pre in unmet(ind, own, by_id):
            pind = own[pre]
            out.append((mine, [j for j, o in enumerate(opts) if o.indicator == pre
                               and (o.group != o.indicator or claims_something(pind, o.value))]))
    return out


def _surveys(opts: list[Option], efforts: dict[str, Any]) -> list[tuple[float, list[int]]]:
    """One entry per standard survey that would find out unknown figures: one step of the first
    indicator it answers (K4's 3 points: a survey of 400 questionnaires), whatever the number of
    indicators, and its options. Its figures are found together, so the survey is costed once."""
    found: dict[str, tuple[float, list[int]]] = {}
    for j, o in enumerate(opts):
        if o.survey is not None:
            found.setdefault(o.survey, (efforts[o.indicator].per_step, []))[1].append(j)
    return list(found.values())


def _minimums(inds: dict[str, Any], by_id: dict[str, Any], opts: list[Option], conditions: list[tuple[str, Text]],
              rows: list[tuple[np.ndarray, float, str]], recognition: bool) -> tuple[dict[str, float], tuple[tuple[str, str], ...]]:
    """A figure below a minimum the framework cites (D1 at 1.5元/人 under the 2元 national
    standard) is raised to it in any plan to recognition, even where cheaper routes reach the
    total: a panel does not recognise a unit that falls short of a national standard its own report
    cites. Adds the conditions and rows; returns the minimums, and why a figure no answer the unit
    can give raises to its minimum stays below it (the plan says so instead)."""
    found: dict[str, float] = {}
    below: list[tuple[str, str]] = []
    if not recognition:
        return found, ()
    for iid, (ind, _) in inds.items():
        m, r = ind.minimum, by_id.get(iid)
        if m is None or r is None or r.state != "answered" or r.figure is None or r.figure + EPS >= m.figure:
            continue
        unit = scored_unit(ind.answer)
        zh_u, en_u = (unit.zh, f" {unit.en}") if unit is not None else ("", "")
        if zh_u[:1].isascii() and zh_u[:1].isalpha():  # "3 dollars per resident", not "3dollars" (G9 #6)
            zh_u = f" {zh_u}"
        row = np.array([1.0 if o.indicator == iid and o.figure is not None and o.figure + EPS >= m.figure else 0.0
                        for o in opts])
        if not row.any():
            below.append((f"{iid} 为 {r.figure:g}{zh_u}，低于{m.name.zh}{m.figure:g}{zh_u}，本单位可填报的答案都达不到",
                          f"{iid} is {r.figure:g}{en_u}, below {m.name.en} of {m.figure:g}{en_u}, and no answer "
                          f"the unit can give reaches it"))
            continue
        found[iid] = m.figure
        rows.append((row, 1.0, f"minimum:{iid}"))
        conditions.append((f"minimum:{iid}", Text(zh=f"{iid} ≥ {m.figure:g}{zh_u}（{m.name.zh}）",
                                                  en=f"{iid} ≥ {m.figure:g}{en_u} ({m.name.en})")))
    return found, tuple(below)


def _coverage(fw: Framework, result: Result, target: Target,
              opts: list[Option]) -> tuple[list[tuple[float, list[int]]], float, frozenset[str]]:
    """What a unit below min_coverage must answer to be rated: a grade or recognition needs it
    ratable, and a total alone does not make it so (数据不足，不予定级 at 60 points is not 合格).
    Per unknown or missing indicator its weight and its options (any of them answers it), and the
    answered weight still needed; nothing when the target is a bare total or coverage suffices."""
    unknowns = frozenset(r.id for r in result.indicators if r.state in ("unknown", "missing"))
    need = _coverage_needed(fw, result, target)
    if not need:
        return [], 0.0, unknowns
    by: dict[str, list[int]] = {}
    for j, o in enumerate(opts):
        if o.indicator in unknowns:
            by.setdefault(o.indicator, []).append(j)
    cover = [(r.max, by.get(r.id, [])) for r in result.indicators if r.id in unknowns]
    return cover, need - 1e-9, unknowns


def _coverage_needed(fw: Framework, result: Result, target: Target) -> float:
    """The answered weight a unit below min_coverage still needs to be rated for ``target``; 0.0
    when it is rated already, or when the target is a bare total (which needs no rating)."""
    if target.kind == "total":
        return 0.0
    weight = sum(r.max for r in result.indicators if r.state != "not_applicable")
    need = fw.recognition.min_coverage * weight - result.coverage * weight
    return need if need > EPS * max(1.0, weight) else 0.0


#: Efforts are compared in whole hundredths of an effort point, divided by their greatest common
#: divisor: an objective in small integers lets HiGHS prune by rounding its bound, which keeps a
#: plan in milliseconds.
RESOLUTION = 100
#: the largest cost handed to HiGHS (it takes 1e20 for infinite): a plan whose efforts are huge
#: but finite is still a plan, compared on a scale HiGHS can read
MAX_COST = 1e12


def _solve(p: _Problem, cuts: list[tuple[list[int], int]], tighten: float, with_cover: bool = True) -> list[int] | None:
    """The least-effort choice of options, or None. Among plans of equal effort the result is
    HiGHS's, which is deterministic: options are listed in framework order, so the same input
    always gives the same plan."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    n0 = len(p.opts)
    if n0 == 0:
        return [] if not p.rows and not (with_cover and p.cover) else None
    cover = [(w, js) for w, js in p.cover if js] if with_cover else []
    ns = len(p.surveys)  # one more binary per standard survey: run by the plan, costed once
    n = n0 + ns + len(cover)  # one more binary per unknown indicator: answered by the plan
    hundredths = [max(1, round(e * RESOLUTION)) for e in [o.effort for o in p.opts] + [e for e, _ in p.surveys]]
    cost = np.array(hundredths, dtype=float) / math.gcd(*hundredths)
    if cost.max() > MAX_COST:  # a huge but finite effort: HiGHS reads a cost of 1e20 as infinite
        cost = np.maximum(cost * (MAX_COST / cost.max()), 1e-6)
    city = {i for i, _ in p.held}
    if city:  # the city's part, when a plan needs it: as few of its answers as will do, then least effort
        cost[:n0] += np.array([cost.sum() + 1.0 if o.indicator in city else 0.0 for o in p.opts])
    if p.outside:  # what another body decides (an award): as few of its points as will do, before any effort,
        # so that a plan rests on a conference the city may host, not on UNESCO's award (G7 audit #13)
        cost[:n0] += np.array([(cost.sum() + 1.0) * o.gain if o.indicator in p.outside else 0.0 for o in p.opts])
    cost = np.concatenate([cost, np.zeros(len(cover))])
    a: list[np.ndarray] = []
    lo: list[float] = []
    hi: list[float] = []
    for g in p.groups:
        if len(g) > 1:
            row = np.zeros(n)
            row[g] = 1.0
            a.append(row), lo.append(-np.inf), hi.append(1.0)
    for row, lb, _ in p.rows:
        a.append(np.concatenate([row, np.zeros(ns + len(cover))])), lo.append(lb + tighten * max(1.0, abs(lb))), hi.append(np.inf)
    for m, (_, js) in enumerate(p.surveys):  # an option that finds a figure out runs its survey
        for j in js:
            row = np.zeros(n)
            row[j], row[n0 + m] = 1.0, -1.0
            a.append(row), lo.append(-np.inf), hi.append(0.0)
    for mine, pre in p.requires:  # no dependent option unless the prerequisite claims something
        for j in mine:
            row = np.zeros(n)
            row[j] = 1.0
            row[pre] -= 1.0
            a.append(row), lo.append(-np.inf), hi.append(0.0)
    if cover:  # the answered weight reaches min_coverage; an indicator counts once one of its options is picked
        c0 = n0 + ns
        row = np.zeros(n)
        row[c0:] = [w for w, _ in cover]
        a.append(row), lo.append(p.cover_need + tighten * max(1.0, p.cover_need)), hi.append(np.inf)
        for m, (_, js) in enumerate(cover):
            row = np.zeros(n)
            row[c0 + m], row[js] = 1.0, -1.0
            a.append(row), lo.append(-np.inf), hi.append(0.0)
    for cut, count in cuts:  # fewer than ``count`` of these: not that plan again (``_same_work``)
        row = np.zeros(n)
        row[cut] = 1.0
        a.append(row), lo.append(-np.inf), hi.append(count - 1.0)
    cons = [LinearConstraint(np.array(a), np.array(lo), np.array(hi))] if a else []
    res = milp(cost, constraints=cons, integrality=np.ones(n), bounds=Bounds(0, 1),
               options={"presolve": True, "mip_rel_gap": 0.0})
    if res.x is None:
        return None
    return _finding_out_first(p, cost, cons, n, n0, res.x)


def _finding_out_first(p: _Problem, cost: np.ndarray, cons: list[Any], n: int, n0: int, x: np.ndarray) -> list[int]:
    """Among plans of the same least effort, one that finds out more of the unit's unknown figures
    (G30R-4: 澜州市, G below its floor for want of G3, was told to raise G1 at the same 2 effort points
    as finding G3 out). The look-up's effort is costed from nothing, the most it can take, and what it
    finds settles what the report says it cannot tell. The solver's plan stays unless another of the
    same effort finds out more, so other ties of equal effort are left as they were."""
    chosen = [j for j in range(n0) if x[j] > 0.5]
    # an unknown figure of a rated unit, raised as work costed from nothing; not a look-up (``looked_up``)
    # whose points rest on what is found, which is no cheaper for it (Zhuyuan's K4 '查明（需达到90%）')
    mask = np.array([1.0 if j < n0 and p.opts[j].indicator in p.unknowns and not p.opts[j].looked_up else 0.0
                     for j in range(n)])
    have = sum(mask[j] for j in chosen)
    if {p.opts[j].indicator for j in range(n0) if mask[j]} <= {p.opts[j].indicator for j in chosen if mask[j]}:
        return chosen  # each such figure already planned (or none): the plan as the solver gave it
    from scipy.optimize import Bounds, LinearConstraint, milp

    least = float(cost @ x)
    same = LinearConstraint(cost.reshape(1, -1), -np.inf, least + 1e-6 * max(1.0, least))
    res = milp(-mask, constraints=[*cons, same], integrality=np.ones(n), bounds=Bounds(0, 1),
               options={"presolve": True, "mip_rel_gap": 0.0})
    if res.x is None or float(mask @ res.x) <= have + 0.5:
        return chosen
    return [j for j in range(n0) if res.x[j] > 0.5]


# --- applying a plan ---------------------------------------------------------------------------


def new_answers(fw: Framework, assessment: Assessment, picked: list[Option]) -> dict[str, Any]:
    """indicator id -> the new value, checklist items merged into today's list in framework order."""
    out: dict[str, Any] = {}
    level = assessment.city.level
    inds = {i.id: i for _, rows in fw.at_level(level) for i, _ in rows}
    items: dict[str, set[str]] = {}
    for o in picked:
        if o.group != o.indicator:
            items.setdefault(o.indicator, set()).add(o.value)
        else:
            out[o.indicator] = o.value
    for iid, add in items.items():
        a = assessment.answers.get(iid)
        have = set(a.value) if a is not None and a.status is None and isinstance(a.value, list) else set()
        keep = have | add
        out[iid] = [it.id for it in inds[iid].answer.items if it.id in keep]  # type: ignore[union-attr]
    return out


def apply(assessment: Assessment, values: dict[str, Any]) -> Assessment:
    """The assessment with the plan's answers: evidence and notes kept, a status replaced. The note
    of an answer the unit did not know explained why there was no figure ("省平台未单独提供"): it
    does not describe the figure the plan finds, so it is not carried to it (G19-A1: read as the
    figure's own note, it made the county's planned E1 the province's, and its plan ended deferred).
    Nor is a note that part of the count is not yet there ("8个街道中3个街道的社区学校2025年未开班"): the
    plan's 8 of 8 would read as the full count it contradicts, held (``Decision.against_method``)."""
    from .note_checks import says_unfinished

    answers = dict(assessment.answers)
    for iid, v in values.items():
        old = answers.get(iid)
        if old is None:
            answers[iid] = Answer(value=v, evidence=[PLANNED])
            continue
        update: dict[str, Any] = {"value": v, "status": None}
        if old.status is not None or says_unfinished(old.note):  # a gap the plan closes (G29A-2: Haiyu's C1)
            update["note"] = None
        if not old.evidence:
            update["evidence"] = [PLANNED]
        answers[iid] = old.model_copy(update=update)
    return assessment.model_copy(update={"answers": answers})


#: the evidence a planned answer is scored with: a task is done when its result is documented, so a
#: plan is not held for answers without evidence that its own tasks produce (``Decision.unbacked``);
#: ``evidence_note`` tells the unit to list it, and a written plan file holds none
PLANNED = "(lcity plan: the task's own documents)"


def evidence_note(p: Any, zh: bool, fw: Any) -> str:
    """The planned answers that have no evidence yet, in a framework that asks for it: the plan's
    score counts them as documented, the unit's file will not until it lists the documents (an
    undocumented answer that decides recognition holds it, G21-B1)."""
    if fw is None or not fw.validation.evidence or not p.changes or getattr(p.target, "kind", None) != "recognition":
        return ""
    if p.after.recognition.outcome != "recognised":
        return ""
    before = {r.id: r for r in p.before.indicators}
    ids = [c.indicator for c in p.changes if (r := before.get(c.indicator)) is None or not r.evidence]
    ids = list(dict.fromkeys(ids))
    if not ids or not rests_on(fw, p.after, ids):
        return ""  # recognised on the unit's documented answers without them: the report lists them
    listed = short_ids(ids, "、" if zh else ", ")
    if zh:
        return f"本计划按完成任务并附佐证材料测算：{listed}的新填报须列出佐证材料，否则其得分不足以支持评估结论。"
    return (f"The plan counts each task as done and documented: list the evidence for the new answers of {listed}, "
            "or their points cannot carry the outcome.")


def reaches(result: Result, target: Target) -> bool:
    """Whether ``result`` meets the target. Figures beyond the plausible range wait on the panel's
    verification, which no change of answers does: a plan reaches recognition when that is all that
    is left (``Decision.recognised_if_verified``), and says so (``pending``)."""
    if target.kind == "recognition":
        return result.recognition.outcome == "recognised" or result.recognition.recognised_if_verified
    if target.kind == "outcome":  # the middle outcome or better: a total above its line, no veto, rated
        return result.recognition.outcome in ("recognised", "deferred")
    if target.grades and result.ratable and result.grade.id not in target.grades:
        return False  # graded below it whatever the total: a veto decided the grade
    if target.kind == "grade" and not result.ratable:
        return False  # 数据不足，不予定级: no grade at all, whatever the total
    return result.total + EPS >= target.total


def reached_by_plan(result: Result, target: Target) -> bool:
    """Whether the score of a plan's answers reaches ``target`` as a plan may claim: ``reaches``,
    but recognition never rests on figures the unit's own notes give as the unit above's, as
    counted another way or as estimates (``Decision.borrowed``/``recounted``/``estimated``): changing
    answers can always avoid them, and a plan ending 暂缓认定 on them was presented as reaching recognition (G19-A1)."""
    if not reaches(result, target):
        return False
    rec = result.recognition
    return target.kind != "recognition" or not (getattr(rec, "borrowed", None) or getattr(rec, "recounted", None)
                                                or getattr(rec, "estimated", None) or getattr(rec, "against_method", None))


# --- the planner --------------------------------------------------------------------------------


def _serves(o: Option, conditions: list[tuple[str, Text]], vetoes: dict[str, str],
            unknowns: frozenset[str] = frozenset(), minimums: dict[str, float] | None = None) -> tuple[str, ...]:
    out = []
    least = (minimums or {}).get(o.indicator)
    for cid, _ in conditions:
        if cid == f"minimum:{o.indicator}" and least is not None and o.figure is not None and o.figure + EPS >= least:
            out.append(cid)
        elif cid == "coverage" and o.indicator in unknowns:
            out.append(cid)
        elif cid == "total" and o.gain > EPS:
            out.append(cid)
        elif cid == f"floor:{o.dimension}" and o.gain > EPS:
            out.append(cid)
        elif cid == f"survey:{o.indicator}" and o.meets_survey:
            out.append(cid)
        elif cid.startswith("veto:") and vetoes.get(o.indicator) == cid[5:] and not o.fires_veto:
            out.append(cid)
    return tuple(out)


def _changes(fw: Framework, assessment: Assessment, before: Result, p: _Problem, picked: list[Option],
             values: dict[str, Any], efforts: dict[str, Any]) -> tuple[Change, ...]:
    level = assessment.city.level
    inds = {i.id: i for _, rows in fw.at_level(level) for i, _ in rows}
    vetoes = {v.indicator: v.id for v in fw.recognition.vetoes if v.indicator}
    by_id = {r.id: r for r in before.indicators}
    absent = [r.id for r in before.indicators if r.state == "not_applicable"]  # names no partner the unit lacks
    out = []
    for iid in sorted({o.indicator for o in picked}, key=lambda i: p.order[i]):
        mine = [o for o in picked if o.indicator == iid]
        r = by_id[iid]
        serves = tuple(dict.fromkeys(s for o in mine for s in _serves(o, p.conditions, vetoes, p.unknowns, p.minimums)))
        eff = efforts[iid]
        ind = inds[iid]
        # a checklist's added items, or the choices a levels step passes (D2's line, its growth)
        items = [o.value for o in mine if o.group != o.indicator] or [x for o in mine for x in o.passed]
        looked = all(o.looked_up for o in mine)
        again = looked and iid in p.recount
        years, why = eff.fewest_years(items if items else None) if not looked else (None, None)
        decided = ind.decided_answer(level, values[iid])  # hosting a conference is work; the award is UNESCO's
        effort = sum(o.effort for o in mine)
        if decided is not None:  # granted by another body: no effort of the unit's, no year it could promise
            effort, years, why = 0.0, None, None
        planned = {o.indicator for o in picked}
        waits = tuple(i for i in ind.presupposes if i in planned)
        if looked:  # a figure found out waits only for what does not exist yet: checking an existing
            # regulation's enforcement is the first year's data collection (G19-A6)
            waits = tuple(i for i in waits if not _claims_today(inds[i], assessment.answers.get(i)))
        asked = mine[0].survey
        together = tuple(o.indicator for o in picked if asked is not None and o.survey == asked)
        out.append(Change(iid, mine[0].dimension, ind.name, r.state, r.value if r.state == "answered" else None,
                          values[iid], sum(o.gain for o in mine) * p.k, effort,
                          sum(o.steps for o in mine), serves,
                          _record_office(eff.responsible_for(absent)) if looked else eff.responsible_for(absent),
                          eff.look_up_why if looked else eff.rationale,
                          ind.answered_for_parent(level), years, why, decided, waits, together, looked, again))
    # a veto comes first whatever its effort (a panel clears it before anything else counts), then a
    # standard survey that finds figures out (what it finds decides what else is needed), then the
    # least effort first, and last what another body decides (it comes when it comes); a task never
    # before one it presupposes: the report's schedule follows this order
    ordered = _after_prerequisites(sorted(out, key=lambda c: (not clears_veto(c), not c.survey, c.decided_by is not None,
                                                             c.effort, p.order[c.indicator])))
    return _survey_once(ordered, p)


def _record_office(who: Text | None) -> Text | None:
    """The office a look-up goes to: the responsible office without what its English says the
    improvement is carried to ("justice bureau (to the people's congress)", 司法行政部门（提请同级人大）):
    checking a record is asked of the office that holds it, not proposed to the congress (G19-A6).
    A parenthesis naming a section that holds the records (教育行政部门（学分银行管理中心）) stays."""
    if who is None:
        return None
    m = re.search(r"\s*\(to [^()]*\)\s*$", who.en)
    if m is None:
        return who
    zh = re.sub(r"[（(][^（）()]*[）)]\s*$", "", who.zh)
    return Text(zh=zh, en=who.en[:m.start()])


def _claims_today(ind: Any, a: Answer | None) -> bool:
    """Whether today's answer to a prerequisite claims something (``claims_something``)."""
    return a is not None and a.status is None and a.value is not None and claims_something(ind, a.value)


def _after_prerequisites(changes: list[Change]) -> tuple[Change, ...]:
    """``changes`` in their order, except that a task waits until every task it presupposes
    (``Change.waits_for``) has come: an enforcement check is never listed before its regulation."""
    done: set[str] = set()
    out: list[Change] = []
    waiting = list(changes)
    while waiting:
        c = next(c for c in waiting if all(a in done for a in c.waits_for))  # the framework check refuses cycles
        waiting.remove(c)
        out.append(c)
        done.add(c.indicator)
    return tuple(out)


def _survey_once(changes: tuple[Change, ...], p: _Problem) -> tuple[Change, ...]:
    """The standard survey's effort on the first of the tasks it finds out (one survey, one task):
    the others of its questionnaire carry only what raising their figure would cost."""
    cost = {p.opts[js[0]].survey: e for e, js in p.surveys if js}
    out = []
    for c in changes:
        key = next((o.survey for o in p.opts if o.indicator == c.indicator and o.survey is not None), None)
        if c.survey and key in cost:
            c = replace(c, effort=c.effort + cost.pop(key))
        out.append(c)
    return tuple(out)


def survey_cost(p: _Problem, picked: list[Option]) -> float:
    """The standard surveys a choice of options runs, each costed once."""
    asked = {o.survey for o in picked if o.survey is not None}
    return sum(e for e, js in p.surveys if js and p.opts[js[0]].survey in asked)


def clears_veto(c: Change) -> bool:
    """The change clears a veto the target cannot stand."""
    return any(s.startswith("veto:") for s in c.serves)


def leverage(changes: tuple[Change, ...], n: int) -> list[Change]:
    """The ``n`` tasks that carry the plan, for a summary: a veto's first, then those that meet a
    condition the total cannot (a dimension floor, a survey line), then the most points; the table
    keeps its order by effort, but its first rows (+0.2 points) say nothing of what a target
    11.8 points away needs."""
    def key(c: Change) -> tuple:
        binding = any(s.startswith(("floor:", "survey:")) for s in c.serves)
        return (not clears_veto(c), not binding, -c.points, c.effort)
    return sorted(changes, key=key)[:n]


def _one(fw: Framework, assessment: Assessment, before: Result, target: Target, p: _Problem,
         efforts: dict[str, Any], cuts: list[tuple[list[int], int]], lowest: bool = True) -> tuple[list[int], Plan] | None:
    """The best plan (within the cuts), checked by the engine; None when there is none. A unit
    below min_coverage is first planned without the coverage condition: when that plan leaves it
    rated anyway it is the least effort there is, and the same plan as before the condition."""
    for with_cover in ((False, True) if p.cover else (True,)):
        found = _checked(fw, assessment, before, target, p, efforts, cuts, with_cover, lowest)
        if found is not None:
            return found
    return None


def _checked(fw: Framework, assessment: Assessment, before: Result, target: Target, p: _Problem,
             efforts: dict[str, Any], cuts: list[tuple[list[int], int]], with_cover: bool,
             lowest: bool = True) -> tuple[list[int], Plan] | None:
    """The solver's plan once the engine agrees it reaches the target, the tolerance tightened until it does."""
    for tighten in (0.0, 1e-7, 1e-6, 1e-5):
        chosen = _solve(p, cuts, tighten, with_cover)
        if chosen is None:
            return None
        picked = [p.opts[j] for j in chosen]
        values = new_answers(fw, assessment, picked)
        after = _rescored(fw, assessment, p, values)
        if reached_by_plan(after, target):
            chosen, picked, values, after = _lowest_found(fw, assessment, target, p, chosen, (picked, values, after),
                                                          look_ups=lowest)
            if lowest:
                picked, values, after = _least_found(fw, assessment, before, target, p, (picked, values, after))
            changes = _changes(fw, assessment, before, p, picked, values, efforts)
            # the unit's effort: what another body decides (an award) is not worked for, so not counted
            return chosen, Plan(target, before, after, changes, sum(c.effort for c in changes),
                                tuple(p.conditions), unit=(fw.effort.unit if fw.effort else None),
                                # left as they are: not those the plan asks of the city (G13 P3)
                                held=tuple(h for h in p.held if h[0] not in {c.indicator for c in changes}),
                                below=p.below, weighed=sum(o.effort for o in picked) + survey_cost(p, picked),
                                survey_name=fw.survey_name(), floor=fw.recognition.dimension_floor)
    return None


def _rescored(fw: Framework, assessment: Assessment, p: _Problem, values: dict[str, Any]) -> Result:
    """The engine's score of the plan's answers. A reviewed plan's figures the panel verified stay
    verified where the plan leaves them, as in the panel's own score (``verify``, 70ead0e): scored
    without, a verified figure whose note says it is counted otherwise than the method held the
    recognition the panel's score grants. A figure the plan changes is the unit's again."""
    kept = p.verified - set(values)
    return score(apply(assessment, values), fw, verified=set(kept) or None)


def _group_of(p: _Problem) -> dict[int, list[int]]:
    """Each option's group: the levels of one indicator, or one checklist item alone."""
    return {j: g for g in p.groups for j in g}


def _lowest_found(fw: Framework, assessment: Assessment, target: Target, p: _Problem, chosen: list[int],
                  now: tuple[list[Option], dict[str, Any], Result],
                  look_ups: bool = True) -> tuple[list[int], list[Option], dict[str, Any], Result]:
    """The plan with each answer at the lowest level that still reaches the target and every
    condition of it, each in the plan's order, checked by the engine. Finding a figure out
    (``Option.looked_up``) costs the same at every level, so the solver is indifferent among them;
    the plan should ask of the records no more than the target needs ("find out (to reach: 60 %)",
    not the top level). Only with ``look_ups``. So too a level of equal effort: two steps of 5
    points from 52 % reach 62 % or the survey's 60 %, and the solver's pick of 62 % asked a figure 2
    points above the condition it serves, whatever the effort (G18-D4)."""
    group_of = _group_of(p)
    for j in list(chosen):
        o = p.opts[j]
        if o.looked_up:
            if not look_ups:
                continue
            lower = sorted((k for k in group_of[j] if k != j and p.opts[k].share < o.share), key=lambda k: p.opts[k].share)
            candidates: list[int | None] = [None] if o.group != o.indicator else list(lower)  # an item is dropped, a level lowered
        elif o.group == o.indicator:  # a level of the same effort (or less) that asks less
            candidates = sorted((k for k in group_of[j] if k != j and p.opts[k].effort <= o.effort + 1e-9
                                 and _asks_less(p.opts[k], o)),
                                key=lambda k: (p.opts[k].share, p.opts[k].figure if p.opts[k].figure is not None else 0.0))
        else:
            continue
        for k in candidates:
            trial = [x for x in chosen if x != j] + ([k] if k is not None else [])
            if not _keeps_prerequisites(p, trial) or not _keeps_minimums(p, trial):  # what the engine's check does not know
                continue
            if not o.looked_up and not _keeps_rows(p, trial):  # the solver's own conditions first: most levels fail them
                continue
            picked = [p.opts[x] for x in trial]
            values = new_answers(fw, assessment, picked)
            after = _rescored(fw, assessment, p, values)
            # the total the answers need: recognition's line is the engine's, but a reviewed plan's
            # target is held above it by the panel's direct score changes (``held_fixed``)
            if reached_by_plan(after, target) and after.total + EPS >= min(target.total, now[2].total):
                chosen, now = sorted(trial), (picked, values, after)
                break
    return (chosen, *now)


def _least_found(fw: Framework, assessment: Assessment, before: Result, target: Target, p: _Problem,
                 now: tuple[list[Option], dict[str, Any], Result]) -> tuple[list[Option], dict[str, Any], Result]:
    """The plan with each figure to find out (``Option.looked_up``) on a rising line (``linear``)
    at the least figure with which the plan, every other answer as planned, still reaches the
    target and every condition of it: found by scoring, so it is what the rules give. The
    framework's next step above it is no level the records must show: Chenghu's recount of K2 read
    "需达到620,800人" while the report's summary, by the same rules, said 607,066 was enough (G19-A3).
    A whole number for a count or a whole figure, else one decimal, as the summary's least figure
    (``verify._least``); the figure a step below is scored too, so the one shown does reach the
    target. Improvements the unit carries out keep their level: a step is a piece of work."""
    picked, values, after = now
    level = assessment.city.level
    rows = {r.id: r for r in before.indicators}
    for o in list(picked):
        ind = fw.indicator(o.indicator).at_level(level)
        rule = ind.rule
        if (not o.looked_up or o.group != o.indicator or o.meets_survey or o.figure is None
                or isinstance(o.value, bool) or not isinstance(o.value, (int, float))
                or ind.answer.type not in ("count", "number", "percent")
                or getattr(rule, "kind", None) != "linear" or not rule.target > rule.floor):
            continue
        step = 1.0 if ind.answer.type == "count" or (ind.answer.type == "number" and isinstance(o.value, int)) else 0.1
        least = p.minimums.get(o.indicator)

        def at(n: int, o: Option = o, least: float | None = least,
               step: float = step, values: dict[str, Any] = values) -> tuple[Any, dict[str, Any], Result] | None:
            v: Any = round(n * step) if step == 1.0 else round(n * step, 1)
            vals = {**values, o.indicator: v}
            res = _rescored(fw, assessment, p, vals)
            row = next(r for r in res.indicators if r.id == o.indicator)
            if least is not None and (row.figure is None or row.figure + EPS < least):
                return None
            if not (reached_by_plan(res, target) and res.total + EPS >= min(target.total, now[2].total)):
                return None
            return v, vals, res

        lo, hi = 0, math.floor(round(o.value / step, 6))
        if at(lo) is not None or at(hi) is None:
            continue  # not a rising line through the target here: the level stays
        while hi - lo > 1:
            mid = (lo + hi) // 2
            lo, hi = (lo, mid) if at(mid) is not None else (mid, hi)
        found = at(hi)
        assert found is not None
        v, values, after = found
        row = next(r for r in after.indicators if r.id == o.indicator)
        was = rows[o.indicator]
        tight = replace(o, value=v, figure=float(row.figure) if row.figure is not None else o.figure,
                        share=row.share or 0.0, gain=row.score - was.score)
        picked = [tight if x is o else x for x in picked]
    return picked, values, after


def _asks_less(a: Option, b: Option) -> bool:
    """Option ``a`` asks less of the unit than ``b`` of the same indicator: a lower share, or the
    same share at a lower figure."""
    if a.share + EPS < b.share:
        return True
    return abs(a.share - b.share) <= EPS and a.figure is not None and b.figure is not None and a.figure + EPS < b.figure


def _keeps_rows(p: _Problem, chosen: list[int]) -> bool:
    """Whether every condition the solver was given (the total, the floors, the survey lines, the
    vetoes, the minimums) still holds for ``chosen``: a cheap test before the engine's."""
    return all(row[chosen].sum() + 1e-6 >= lb for row, lb, _ in p.rows)


def _keeps_minimums(p: _Problem, chosen: list[int]) -> bool:
    """Whether the national minimums the plan must keep (``_minimums``'s rows) still hold: the
    engine's check does not know them."""
    return all(row[chosen].sum() + 1e-9 >= lb for row, lb, cid in p.rows if cid.startswith("minimum:"))


def _alternative(fw: Framework, assessment: Assessment, before: Result, target: Target, p: _Problem,
                 efforts: dict[str, Any], chosen: list[int], tries: int = 4) -> Plan | None:
    """The next-best plan that asks other work of the unit than ``chosen``, or None when the solver
    finds none in ``tries``: the same figures found out with other checklist items (I2's
    street schools without its university) are the same work, not an alternative."""
    cuts = [_same_work(p, chosen)]
    for _ in range(tries):
        # figures to find out not lowered: the solver's own next-best, whose effort is at least the
        # plan's (lowering a figure a survey finds can drop the survey's cost, and make it cheaper
        # than the plan); a level of equal effort is, as in the plan
        found = _one(fw, assessment, before, target, p, efforts, cuts, lowest=False)
        if found is None:
            return None
        if not _asks_the_same(p, chosen, found[0]):
            return found[1]
        cuts.append(_same_work(p, found[0]))
    return None


def _asks_the_same(p: _Problem, a: list[int], b: list[int]) -> bool:
    """Two plans of the same indicators: they differ only in a level or in what they find out, which
    is no alternative (Moss Ferry's "next-best" was the plan's seven tasks with PAR2 at 60 % instead
    of 62 %, at the same effort: G18-D4)."""
    return {p.opts[j].indicator for j in a} == {p.opts[j].indicator for j in b}


def _same_work(p: _Problem, chosen: list[int]) -> tuple[list[int], int]:
    """The cut that keeps ``chosen`` out of the next-best alternative, and with it every plan that
    asks the same work of the unit: an indicator is one task at whichever level it is raised to or
    found out at, so for each such option every level of its indicator counts as it (at most one
    level of an indicator is picked, so a plan picks ``len(chosen)`` of these only when it asks the
    same). Cut on the options
    alone, the alternative of a unit too short of data to be rated was its own plan before the
    figures were lowered: "Next-best alternative: effort 27.25, 28 changes", the plan's 27.25 and 28."""
    group_of = _group_of(p)
    cut: list[int] = []
    for j in chosen:
        o = p.opts[j]
        if o.group == o.indicator:  # any level of the same indicator is the same task (G18-D4)
            cut += list(group_of[j])
        else:
            cut.append(j)
    return cut, len(chosen)


def _keeps_prerequisites(p: _Problem, chosen: list[int]) -> bool:
    """Whether every planned task that presupposes another still has that one planned to claim
    something (``_requires``), as the solver's own constraints ask."""
    have = set(chosen)
    return all(not have.intersection(mine) or have.intersection(pre) for mine, pre in p.requires)


def plan(assessment: Assessment, fw: Framework, target: Target, *, override: EffortModel | None = None,
         alternative: bool = True, before: Result | None = None, recount: frozenset[str] | dict[str, Any] = frozenset(),
         verified: frozenset[str] = frozenset()) -> Plan:
    """The least-effort plan that reaches ``target`` (and the next-best alternative); raises
    Unreachable with every condition that is out of reach, and its maximum. ``recount``: figures
    the panel did not accept, planned as a re-count of the unit's records (``plan_reviewed``);
    ``verified``: the figures the panel verified (``panel_verified``)."""
    before = before if before is not None else score(assessment, fw, verified=set(verified) or None)
    p, unreachable, efforts = _build(fw, assessment, before, target, override, recount=recount)
    p.verified = verified
    if reaches(before, target):
        return Plan(target, before, before, (), 0.0, (), unit=(fw.effort.unit if fw.effort else None),
                    floor=fw.recognition.dimension_floor, samples=_samples(fw, assessment))
    found = None if unreachable else _one(fw, assessment, before, target, p, efforts, [])
    alone: tuple[tuple[str, str], ...] = ()
    if found is None and p.held:  # out of the unit's own reach: plan with the city's part, and say so
        alone = tuple(unreachable) or (CONFLICT,)
        p, unreachable, efforts = _build(fw, assessment, before, target, override, parent=True, recount=recount)
        p.verified = verified
        found = None if unreachable else _one(fw, assessment, before, target, p, efforts, [])
    records = unknown_records(fw, before, assessment.city.level)
    if unreachable or found is None:
        first = _count_first(fw, assessment, before, target, override, recount, verified)
        raise Unreachable([first, *records] if first else [*(unreachable or [CONFLICT]), *records])
    chosen, best = found
    if alternative and chosen:
        alt = _alternative(fw, assessment, before, target, p, efforts, chosen)
        if alt is not None:
            best = replace(best, alternative=alt)
    return replace(best, alone=alone, records=tuple(records), samples=_samples(fw, assessment))


def _least(p: Any, ind_id: str, survey: Any) -> int:
    """The sample the unit's rate ``ind_id`` needs (``Plan.samples``): 80 of Skerry's 131 young
    people, not the framework's 200 (G31T2); the framework's ``survey.min_sample`` where no count
    corrects it, or ``p`` is not a Plan (``reports.context_plan._Standing`` carries no samples)."""
    return dict(getattr(p, "samples", ())).get(ind_id, survey.min_sample)


def _samples(fw: Framework, assessment: Assessment) -> tuple[tuple[str, int], ...]:
    """``Plan.samples``: the survey rates whose minimum sample the unit's own count of the people
    surveyed corrects (``survey.drawn_from``); () for a framework that names no such count."""
    from .sampling import unit_sample

    out = []
    for i in fw.indicators():
        if i.survey is not None and i.survey.drawn_from:
            need = unit_sample(i.survey, assessment.city.figure)
            if need is not None and need != i.survey.min_sample:
                out.append((i.id, need))
    return tuple(out)


def unknown_records(fw: Framework, result: Result, level: str) -> list[tuple[str, str]]:
    """What the plan says of a record of the period (``period_record``: an accident) the unit left
    unknown: what happened is fixed, so the planner neither proposes an answer for it nor counts its
    points, and a limit it reports ("AQ can reach at most 38%") holds only until the record is given
    (G24: jingmi with AQ1 unknown was told its target could not be reached at all)."""
    by_id = {r.id: r for r in result.indicators}
    ids = [i.id for _, rows in fw.at_level(level) for i, applies in rows
           if applies and i.period_record and i.id in by_id and by_id[i.id].state in ("unknown", "missing")]
    if not ids:
        return []
    zh, en = "、".join(ids), ", ".join(ids)
    if len(ids) == 1:
        said = (f"{en} records what happened in the assessment period and is not known: the plan chooses no "
                f"answer for it and counts none of its points: give the record as it is, then plan again")
    else:
        said = (f"{en} record what happened in the assessment period and are not known: the plan chooses no "
                f"answer for them and counts none of their points: give the records as they are, then plan again")
    return [(f"{zh} 记录评估期内已经发生的情况，目前不详，计划不替它选择答案，也不计它的分数：请如实填报后再作计划", said)]


def record_sentences(records: list[tuple[str, str]], zh: bool) -> list[str]:
    """Each record note as a whole sentence in the reader's language: the CLI and the report both
    print them before the plan's own note, and must end them alike."""
    return [f"{z}。" if zh else f"{e}." for z, e in records]


def _total_condition(target: Target) -> Text:
    """The total line as the report gives it everywhere: planned around a panel's -0.5, the answers
    must reach 85.5, but the totals the plan shows include the panel's changes, so the condition
    they serve is the line of 85 (a bare 85.5 beside every other page's 85 read as another line)."""
    line = round(target.total + target.panel, 2)
    return Text(zh=f"总分 ≥ {line:g}", en=f"total ≥ {line:g}")


def held_fixed(fw: Framework, target: Target, delta: float) -> Target:
    """The target the answers must reach when the panel's direct score changes (``delta`` points of
    the total: not answers, the planner cannot change them) stay as they are: a panel's -0.5 means
    the answers must reach 85.5 for the reported total to reach 85. The target itself when the
    panel changed no score."""
    if abs(delta) < 0.005:
        return target
    return replace(target, total=min(fw.total_points, max(0.0, target.total - delta)), panel=round(delta, 2))


CONFLICT = ("各项条件无法同时满足", "the conditions of the target cannot all be met together")


def verified_assessment(assessment: Assessment, result: Result) -> Assessment:
    """The answers a reviewed Result was scored on (the panel's values where it changed them), so
    that a reviewed report plans from the figures it shows. The panel's score changes are not
    answers and are not carried."""
    answers = dict(assessment.answers)
    for r in result.indicators:
        own = answers.get(r.id)
        # a rate the panel verified rests on the panel's work, not on the unit's 180 questionnaires:
        # planned on the unit's sample, it read as short of min_sample and the plan as deferred (G9 audit)
        n = r.sample_size if r.verified or own is None else own.sample_size
        if r.state == "answered" and (own is None or own.status is not None or own.value != r.value
                                      or own.sample_size != n):
            answers[r.id] = Answer(value=r.value, sample_size=n) if own is None else \
                own.model_copy(update={"value": r.value, "status": None, "sample_size": n})
        elif r.state == "unknown" and own is not None and own.status is None and r.value is None:
            answers[r.id] = own.model_copy(update={"value": None, "status": "unknown"})
    return assessment.model_copy(update={"answers": answers})


def reviewed_start(result: Result, fw: Framework, assessment: Assessment) -> tuple[Assessment, Result]:
    """Where a reviewed unit's plan starts: the answers the panel verified (``verified_assessment``)
    and their score. The panel's direct score changes are the reviewed total less that score, held
    fixed by ``held_fixed``. The unit's own answers and their score when ``result`` is not reviewed."""
    if result.review is not None:
        assessment = verified_assessment(assessment, result)
    return assessment, score(assessment, fw, verified=set(panel_verified(result)) or None)


def panel_verified(result: Result) -> frozenset[str]:
    """The figures the panel of a reviewed ``result`` verified: a plan scores them verified, as
    ``verify`` scores the panel's result (checks a verified figure is spared do not hold it)."""
    return frozenset(r.id for r in result.indicators if r.verified) if result.review is not None else frozenset()


def _split_veto_pattern(lang: str) -> list[re.Pattern[str]]:
    """The recognition reasons ``verify`` gives a veto only some reviewers found (the catalog's
    review.split-veto*), as patterns that read back who found it and who did not."""
    from indicators.messages import catalog

    out = []
    for key in ("review.split-veto", "review.split-veto-why", "review.split-veto-plain", "review.split-veto-why-plain"):
        text = catalog(lang).get(key)
        if text is None:
            continue
        parts = re.split(r"(\{\w+\})", text)
        out.append(re.compile("".join(
            {"{by}": "(?P<by>.+?)", "{not_by}": "(?P<not_by>.+?)", "{reason}": ".*"}.get(p, ".+?") if p.startswith("{")
            else re.escape(p) for p in parts if p)))
    return out


def split_vetoes(result: Result) -> dict[str, tuple[Text, Text]]:
    """Veto id -> (who found it, who did not), for each veto of a reviewed result that only some
    reviewers listed, read from the reason ``verify`` credited it with ("黎志坚认定：…；评审专家2未
    认定此项", G25R-4): such a veto is theirs, not the panel's, and a summary or a plan that said
    "专家组认定的否决项" misled (G25R-4's rest). Empty for a veto every reviewer listed."""
    rec = result.recognition
    if result.review is None or result.review.reviewers < 2:
        return {}
    out: dict[str, tuple[Text, Text]] = {}
    for k, vid in enumerate(result.vetoes):
        if k >= len(rec.reasons) or k >= len(rec.reasons_zh):
            continue
        zh = next((m for p in _split_veto_pattern("zh") if (m := p.fullmatch(rec.reasons_zh[k]))), None)
        en = next((m for p in _split_veto_pattern("en") if (m := p.fullmatch(rec.reasons[k]))), None)
        if zh and en:
            out[vid] = (Text(zh=zh["by"], en=en["by"]), Text(zh=zh["not_by"], en=en["not_by"]))
    return out


def panel_vetoes(fw: Framework, result: Result, target: Target) -> list[tuple[str, str]]:
    """Why a reviewed unit cannot reach ``target``: a veto the panel raised (not an answer's) fails
    recognition, and a grade where the framework's vetoes set it; no answer clears it. A veto only
    some reviewers found is named as theirs (``split_vetoes``)."""
    answer_vetoes = {v.id for v in fw.recognition.vetoes if v.indicator}
    raised = [v for v in result.vetoes if v not in answer_vetoes]
    reasons: list[tuple[str, str]] = []
    if (target.kind in ("recognition", "outcome") or target.grades) and raised:  # a veto the panel raised fails the grade too
        names = {v.id: v.name for v in fw.recognition.vetoes}
        found = "认定" if fw.speaks_recognition() else "查明"  # no 认定 where none is made (G20-D11)
        split = split_vetoes(result)
        for v in raised:
            n = names.get(v)
            zh, en = n.zh if n else v, n.en if n else v
            if v in split:
                by, not_by = split[v]
                reasons.append(VetoStands((f"{by.zh}{found}、{not_by.zh}未{found}的否决项“{zh}”不能通过改变答案消除",
                                           f"the veto '{en}' that {by.en} found and {not_by.en} did not cannot be "
                                           f"cleared by changing answers")))
                continue
            reasons.append(VetoStands((f"专家组{found}的否决项“{zh}”不能通过改变答案消除",
                                       f"the veto '{en}' raised by the panel cannot be cleared by changing answers")))
    return reasons


def plan_reviewed(result: Result, fw: Framework, assessment: Assessment, target: Target, *,
                  override: EffortModel | None = None, alternative: bool = True) -> Plan:
    """The plan of a unit as the panel verified it (``result`` scored with its reviews), as a
    reviewed report and ``lcity batch`` plan it and ``lcity plan --review`` shows it (G18-B11):
    from the verified answers, with the panel's direct score changes held fixed. Raises Unreachable
    as ``plan`` does, and for a veto the panel raised."""
    own = assessment
    assessment, before = reviewed_start(result, fw, assessment)
    reasons = panel_vetoes(fw, result, target)
    if reasons:
        raise Unreachable(reasons)
    return replace(plan(assessment, fw, held_fixed(fw, target, result.total - before.total), override=override,
                        alternative=alternative, before=before, recount=rejected(own, result),
                        verified=panel_verified(result)), target=target)


def rejected(assessment: Assessment, result: Result) -> dict[str, Any]:
    """The figures the unit gave that the panel did not accept (a reviewed result reads them as
    unknown), each with the answer the unit filed: the panel asks for them to be counted again,
    which is a look-up of the unit's own records, not work from the floor up. Chenghu's K2 (610,000
    accounts, not residents) decided 优秀 by the report's own summary, yet its plan asked 81,600 more
    older learners (G19-A3). The filed answer bounds what a recount can find (G20-A1,
    ``plan_options.recounted``)."""
    if result.review is None:
        return {}
    out: dict[str, Any] = {}
    for r in result.indicators:
        a = assessment.answers.get(r.id)
        if r.state == "unknown" and a is not None and a.status is None and a.value is not None:
            out[r.id] = a.value
    return out


def for_report(result: Result, fw: Framework, assessment: Assessment) -> Plan | None:
    """The plan a report shows: to recognition if not recognised, else to the next grade up; None
    when there is no higher target. Out of reach: a Plan without changes, with the reasons. A
    reviewed result is planned from its verified answers; a veto the panel raised cannot be
    cleared by any answer."""
    target = next_target(fw, result)
    if target is None:
        return None
    try:
        return plan_reviewed(result, fw, assessment, target, alternative=False)
    except Unreachable as exc:
        reasons = list(exc.reasons)
    before = reviewed_start(result, fw, assessment)[1]
    return Plan(target, before, before, (), 0.0, (), unreachable=tuple(reasons))


def unknown_today(c: Any) -> bool:
    """Today's answer of a task is not known (unknown, missing): it is found out, never chosen."""
    return c.state in ("unknown", "missing") or c.before is None


def finds_out(c: Any) -> bool:
    """A task whose points rest on what is found (查明): a look-up, a recount of a figure the panel
    did not accept, or the survey of an unknown rate. An unknown figure of a unit already rated is
    not one: it counts as 0, and the plan raises it as work costed from nothing, so its effort buys
    the level whatever the count finds. Huining's I1 read '查明（统计核实；需达到35,400人）', 30 effort
    points, 2035, under '查明的数值若较低，计划达不到目标' (G20-A6)."""
    return unknown_today(c) and bool(getattr(c, "looked_up", False) or getattr(c, "recount", False)
                                     or getattr(c, "survey", ()))


def unknown_stake(p: Any) -> tuple[float, tuple[str, ...], tuple[str, ...]]:
    """The plan's points that rest on figures not known today (its 查明 tasks): (their points, the
    indicators, those of them that must reach their rule's full points). A unit too short of data
    to be rated is planned with each unknown figure at the level the target needs; finding one out
    costs one step whatever it turns out to be, so the least effort puts most of the points there
    (Beiling: 32.5 of +41.3 points on 14 look-ups, 12 of them at full points: G18-B3)."""
    after = {r.id: r for r in getattr(p.after, "indicators", ())}
    found = [c for c in p.changes if finds_out(c)]
    full = tuple(c.indicator for c in found if c.indicator in after and after[c.indicator].max > EPS
                 and after[c.indicator].score + 1e-6 >= after[c.indicator].max)
    return sum(c.points for c in found), tuple(c.indicator for c in found), full


def _hundredths(x: float) -> str:
    """Points to the hundredth, as the plan's table gives each task's points and their total ("+1.46",
    "+372.25"), without the zeros it pads: rounded to a tenth, "计划增加的1.5分" stood above a table
    whose only row and total read +1.46, and ``rules.num``'s one decimal from 100 up gave "Of the
    plan's +372.2 points" above a total of +372.25 (G28-T, G29R)."""
    return f"{half_up(x, 2):,f}".rstrip("0").rstrip(".")


def unknown_note(p: Any, zh: bool) -> str:
    """How much of the plan rests on figures not yet known, and how many must come out at full
    points: '其中32.5分取决于尚未查明的14项数值，其中12项须达到满分；查明的数值若较低，计划达不到目标。'
    "" when no task finds a figure out."""
    points, ids, full = unknown_stake(p)
    if not ids:
        return ""
    pts, gained = _hundredths(points), _hundredths(p.points)
    if zh:
        if len(ids) == 1:
            most = f"（{ids[0]}）" + ("，须达到满分" if full else "")
        else:
            most = f"，其中{len(full)}项须达到满分（{'、'.join(full)}）" if full else ""
        return f"计划增加的{gained}分中，{pts}分取决于尚未查明的{len(ids)}项数值{most}；查明的数值若较低，计划达不到目标。"
    n = f"{len(ids)} figure{'s' if len(ids) != 1 else ''}"
    if len(ids) == 1:
        most = f" ({ids[0]})" + (", which must reach full points" if full else "")
    elif not full:
        most = ""
    else:
        most = f", {len(full)} of which must reach full points ({', '.join(full)})"
    found = "the figure found is" if len(ids) == 1 else "the figures found are"
    return (f"Of the plan's +{gained} points, {pts} rest on {n} not yet known{most}; if {found} "
            "lower, the plan does not reach the target.")


def pending_note(p: Any, zh: bool) -> str:
    """The figures the panel must verify before the planned recognition holds (``Plan.pending``):
    alone when every other condition is already met, else after the tasks. No task stands in for
    the check, and a figure the check lowers is scored again."""
    if not p.awaits:
        return ""
    named = _outcome_zh(p) if zh else _outcome_en(p)
    notes = [_unbacked_note(p, zh, named), _own_na_note(p, zh, named)]
    if not p.pending:
        first = (f"{named['it']}的其他条件均已满足：" if zh else f"Every other condition of {named['it']} is met: ") \
            if not p.changes else ("完成以上任务后，" if zh else "With these tasks done, ")
        text = ("" if zh else " ").join(n for n in notes if n)
        return first + (text if zh else text[:1].lower() + text[1:])
    ids = ("、" if zh else ", ").join(p.pending)
    more = "".join((n if zh else " " + n) for n in notes if n)
    return _pending_only(p, zh, named, ids) + more


def _unbacked_note(p: Any, zh: bool, named: dict[str, str]) -> str:
    """Answers without evidence that decide the planned recognition (G21-B1)."""
    if not p.unbacked:
        return ""
    n, ids = len(p.unbacked), short_ids(p.unbacked, "、" if zh else ", ")
    if zh:
        return (f"{ids}{f'共{n}项' if n > 1 else ''}得分的填报未列佐证材料，不计其得分则达不到{named['conditions']}，"
                f"须补充佐证材料或经专家组核实后方可{named['act']}。")
    return (f"{f'{n} answers' if n > 1 else 'the answer'} ({ids}) earning points list{'' if n > 1 else 's'} no evidence, "
            f"and without {'their' if n > 1 else 'its'} points {named['met']}: list the evidence or "
            f"have the panel verify {'them' if n > 1 else 'it'} {named['before']}.")


def _own_na_note(p: Any, zh: bool, named: dict[str, str]) -> str:
    """The unit's own not-applicable answers that take a whole dimension out of the planned
    recognition (G21-B2)."""
    if not p.own_na:
        return ""
    ids = short_ids(p.own_na, "、" if zh else ", ")
    if zh:
        return (f"{ids}由本单位填报为不适用，使其所在维度整体未计入评分{_floor_words(p, zh)}，须经专家组核实不适用的理由后方可"
                f"{named['act']}；专家组认为适用的，应如实填报后重新评分。")
    one = len(p.own_na) == 1
    return (f"the unit marked {ids} not applicable, which leaves {'its' if one else 'their'} whole dimension out of the "
            f"score{_floor_words(p, zh)}: the panel must confirm {'it does' if one else 'they do'} not apply "
            f"{named['before']}; if it finds {'it does' if one else 'they do'}, answer {'it' if one else 'them'} "
            "and score again.")


def _pending_only(p: Any, zh: bool, named: dict[str, str], ids: str) -> str:
    """The figures beyond the plausible range the planned recognition waits on."""
    if not p.changes:
        return (f"{named['it']}的其他条件均已满足：{ids}的填报超出常见范围，须经专家组核实属实后方可{named['act']}，"
                "这一步无法由本单位修改答案代替；若核实后数值下调，应按核实数值重新评分。" if zh else
                f"Every other condition of {named['it']} is met: the figures of {ids} are beyond the plausible range "
                f"and must be verified by the panel {named['before']}; no change of answers can stand in for that "
                "check, and if verification lowers them the unit is scored again on the verified figures.")
    return (f"完成以上任务后，{ids}的填报仍须经专家组核实属实方可{named['act']}（其数值超出常见范围）。" if zh else
            f"With these tasks done, the figures of {ids} must still be verified by the panel {named['before']} "
            "(they are beyond the plausible range).")


def _outcome_zh(p: Any) -> dict[str, str]:
    """``outcome_words`` of the outcome a plan to recognition aims at."""
    return outcome_words(_aimed(p).zh)


def _outcome_en(p: Any) -> dict[str, str]:
    """``outcome_words_en`` of the outcome a plan to recognition aims at."""
    name = _aimed(p)
    return outcome_words_en(name.zh, name.en)


def _aimed(p: Any) -> Text:
    """The name of the outcome a plan to recognition aims at; empty for a plan to a grade."""
    name = getattr(getattr(p, "target", None), "name", None)
    if name is None or getattr(p.target, "kind", None) != "recognition":
        return Text(zh="", en="")
    return name


def _floor_words(p: Any, zh: bool) -> str:
    """"、底线未检查" / " and its floor unchecked" where the framework has a dimension floor; nothing
    where it sets none (docs/frameworks.md §8: reports do not speak of one; G22-T2, T6)."""
    if float(getattr(p, "floor", 0.0) or 0.0) <= EPS:
        return ""
    return "、底线未检查" if zh else " and its floor unchecked"


def _figures_of(ids: str, n: int) -> str:
    return f"the {n} figures {ids} are, by their notes," if n > 1 else f"the figure of {ids} is, by its note,"


def _unit_says_note(kind: str, ids_: list[str], zh: bool, deciding: bool, named: dict[str, str],
                    en: dict[str, str], after: bool) -> str:
    """What a plan with nothing to change says of the figures whose own words set them apart from a
    count by the indicator's method: ``kind`` "estimate", an estimate (G25R-8, ``Decision.estimated``),
    or "method", counted otherwise than the method (G29A-2, ``Decision.against_method``). Where they
    decide recognition (``deciding``), giving them as counts by the method, or the panel's check, is
    the step left; where they do not, the report should still give them so. ``after``: a sentence
    stands before it (an English one then needs a space). One text for both (D1: two near-twins)."""
    if not ids_:
        return ""
    ids, n = ("、" if zh else ", ").join(ids_), len(ids_)
    many = n > 1
    them = "them" if many else "it"
    counts = "counts" if many else "a count"
    w = {"estimate": ("自述为估算数，不是实际统计数", "须改填实际统计数", "宜改填实际统计数",
                      f", by the unit's own words, {'estimates' if many else 'an estimate'}, not {counts}",
                      f"replace {them} by {counts}", f"give {counts}"),
         "method": ("按填报说明未按指标计算方法的口径统计", "须按计算方法的口径改填", "宜按计算方法的口径填报",
                    f", by the unit's own {'notes' if many else 'note'}, counted otherwise than the framework's method",
                    f"give {them} as the method counts {them}", f"give {them} as the method counts {them}")}[kind]
    if zh:
        what = f"{ids}{f'共{n}项' if many else ''}{w[0]}"
        return (f"{what}：{named['before']}{w[1]}或经专家组核实，这是尚需完成的一步。" if deciding else
                f"{what}；不计{'这些' if many else '其'}分数也达到{named['conditions']}，但评估报告中{w[2]}。")
    head = (" " if after else "") + (f"The figures {ids} are" if many else f"The figure of {ids} is") + w[3]
    if deciding:
        return f"{head}: {en['before']}, {w[4]} or have the panel verify {them}; that is the step left."
    return f"{head}; the unit is recognised without {'their' if many else 'its'} points too, but its report should {w[5]}."


def reached_note(p: Any, zh: bool, fw: Any = None, planned: bool = False) -> str:
    """A plan with nothing to change: the target is reached. For recognition, a survey line met only
    on the rate as reported is said beside it (its 95 % margin holds the line, or the rate rests
    on fewer questionnaires than the framework's minimum): Yunxi, recognised on 96 questionnaires,
    and Beiquan, with K4 1.0 point above 80 % (± 3.1), read "已达到目标，无需调整" while the
    robustness draws recognised them in 32 % and 44 % (G4 audit #5). The survey is the step left.
    ``planned``: the answers are those after a plan's tasks (``survey_left``), so a rate is the one the
    plan aims at, not one the unit has: "PAR2 would be 76% after the plan", not "PAR2 is 76%" beside
    its 58 % as surveyed (G20-D5)."""
    done = "已达到目标，无需调整。" if zh else "The target is already reached: nothing to change."
    if fw is None or getattr(p.target, "kind", None) != "recognition":
        return done
    lines = []
    named, en = _outcome_zh(p), _outcome_en(p)
    for s in fw.recognition.survey:
        r = next((x for x in p.before.indicators if x.id == s.indicator), None)
        survey = getattr(next((i for i in fw.indicators() if i.id == s.indicator), None), "survey", None)
        if r is None or r.state != "answered" or r.figure is None or r.figure + 1e-9 < s.min or not r.sample_size:
            continue
        margin = r.margin or 0.0
        # short of the sample the engine asked of the unit (``Decision.unsettled``: 80 of Skerry's 131
        # young people, not the framework's 200, G31T2), as the engine decided it
        small = survey is not None and r.id in (getattr(p.before.recognition, "unsettled", None) or ())
        if not small and abs(r.figure - s.min) >= margin:
            continue
        from .sampling import interval  # within 0–100 %, Wilson's where rate ± margin is not (G22-R1)

        fig, lo, hi, line = (num(round(x, 1)) for x in (r.figure, *interval(r.figure, r.sample_size, r.margin), s.min))
        within = abs(r.figure - s.min) < margin
        if zh:
            least = f"，少于指标体系要求的{_least(p, r.id, survey)}份" if small else ""
            holds = f"，包含{line}%的{named['line']}" if within else ""
            verb = "按计划为" if planned else "为"
            lines.append(f"{s.indicator}{verb}{fig}%（有效问卷{r.sample_size}份{least}），95%置信区间{lo}%—{hi}%{holds}")
        else:
            least = f", fewer than the {_least(p, r.id, survey)} the framework asks for" if small else ""
            holds = f", which holds the {line}% line" if within else ""
            verb = "would be" if planned else "is"
            after = " after the plan" if planned else ""
            lines.append(f"{s.indicator} {verb} {fig}%{after} ({r.sample_size} valid questionnaires{least}), "
                         f"95% interval {lo}% to {hi}%{holds}")
    from .checks import parent_figure_ids

    theirs = parent_figure_ids(fw, p.before.city.level, [(r.id, r.note, list(r.evidence)) for r in p.before.indicators
                                                         if r.state == "answered" and not r.verified])
    city = ""
    # figures of the unit above read as the unit's (G4 audit #1: Nanhu, eight of them); recognition
    # waits on them only where they decide it (``Decision.borrowed``)
    lent = bool(getattr(p.before.recognition, "borrowed", None))
    recounted = bool(getattr(p.before.recognition, "recounted", None))  # likewise (``Decision.recounted``)
    if theirs:
        ids = ("、" if zh else ", ").join(theirs)
        n = len(theirs)
        # "the unit above" is no English (G10 #3): a district's or county's city under China's levels
        owner = "city it belongs to" if fw.level_ids() == LEVEL_IDS else "unit it belongs to"
        if lent:
            city = (f"{ids}{f'共{n}项' if n > 1 else ''}按填报说明采用上级单位的数据，不是本单位自身的统计：{named['before']}须改填本单位的数字"
                    "或经专家组核实，这是尚需完成的一步。" if zh else
                    f"{_figures_of(ids, n)} data of the {owner}, not the unit's own: {en['before']}, give the unit's own "
                    f"figure{'s' if n > 1 else ''} or have the panel verify {'them' if n > 1 else 'it'}; that is the step left.")
        else:
            city = (f"{ids}{f'共{n}项' if n > 1 else ''}按填报说明采用上级单位的数据；不计这些分数也达到{named['conditions']}，"
                    "但评估报告中宜改填本单位自身的数字。" if zh else
                    f"{_figures_of(ids, n)} data of the {owner}; the unit is recognised without {'their' if n > 1 else 'its'} "
                    f"points too, but its report should give its own figure{'s' if n > 1 else ''}.")
    # figures whose own note says they are counted another way than the framework counts them
    # (G8 audit: Quyang, recognised with online views in F1 and attendances in I1)
    from .parent_figures import counting_change, is_figure

    types = {i.id: i.answer.type for i in fw.indicators()}
    counted = [r.id for r in p.before.indicators if r.state == "answered" and not r.verified
               and is_figure(types.get(r.id, "")) and counting_change(r.note)]
    if counted and not recounted:
        ids, n = ("、" if zh else ", ").join(counted), len(counted)
        city += (f"{ids}{f'共{n}项' if n > 1 else ''}按填报说明改变了统计口径；不计这些分数也达到{named['conditions']}，但评估报告中宜按指标体系的口径填报。"
                 if zh else (" " if city else "")
                 + f"{'The figures ' + ids + ' are' if n > 1 else 'The figure of ' + ids + ' is'}, by "
                 f"{'their notes' if n > 1 else 'its note'}, counted another way than before; the unit is recognised "
                 f"without {'their' if n > 1 else 'its'} points too, but its report should give "
                 f"{'them' if n > 1 else 'it'} as the framework counts.")
    elif counted:
        ids, n = ("、" if zh else ", ").join(counted), len(counted)
        city += (f"{ids}{f'共{n}项' if n > 1 else ''}按填报说明改变了统计口径，与指标体系的计算方法不一致：{named['before']}须按指标体系的口径"
                 "改填或经专家组核实，这是尚需完成的一步。" if zh else (" " if city else "")
                 + f"{'The figures ' + ids + ' are' if n > 1 else 'The figure of ' + ids + ' is'}, by "
                 f"{'their notes' if n > 1 else 'its note'}, counted another way than the framework counts "
                 f"{'them' if n > 1 else 'it'}: {en['before']}, give {'them' if n > 1 else 'it'} as the framework "
                 f"counts or have the panel verify {'them' if n > 1 else 'it'}; that is the step left.")
    own = [r for r in p.before.indicators if r.state == "answered" and not r.verified]
    estimated = bool(getattr(p.before.recognition, "estimated", None))
    city += _unit_says_note("estimate", _estimates(fw, own), zh, estimated, named, en, bool(city))
    against = bool(getattr(p.before.recognition, "against_method", None))  # G29A-2
    city += _unit_says_note("method", _against_method_ids(fw, own), zh, against, named, en, bool(city))
    if not lines and not city:
        return done
    # deferred until the survey (``Decision.unsettled``: a sample below the minimum) or the unit's
    # own figures rather than recognised as reported: the target itself is not reached yet
    lent = lent or recounted or estimated or against
    waits = bool(getattr(p.before.recognition, "unsettled", None)) or lent
    if not lines:
        if not lent:
            return done + ("" if zh else " ") + city
        # "…is met, but the figures …": the sentence goes on ("but The figures", G27)
        return (f"{named['it']}的其他条件均已满足，但" + city if zh else
                f"Every other condition of {en['it']} is met, but " + city[:1].lower() + city[1:])
    strata = _by_strata(fw)
    if zh:
        lead = "计划完成后可按填报值达到目标，但" if planned else "已按填报值达到目标，但"  # G26-T4: after a plan's tasks
        return ((f"{named['it']}的其他条件均已满足，但" if waits else lead) + "调查指标的达标尚不确定：" + "；".join(lines)
                + f"。{named['before']}宜按标准问卷（不少于规定样本、{'分层' if strata else ''}随机抽样）重新调查或扩大样本复核，这是尚需完成的一步。" + city)
    lead = "After the plan the target is reached on the rates as reported, but" if planned else \
        "The target is reached on the rates as reported, but"
    return ((f"Every other condition of {en['it']} is met, but" if waits else lead)
            + " the survey lines are not settled: " + "; ".join(lines)
            + f". {en['before'][:1].upper() + en['before'][1:]}, a survey with the standard questionnaire (at least the minimum sample, drawn "
            f"at random{' by strata' if strata else ''}) should settle them: that is the step left." + (" " + city if city else ""))


def _by_strata(fw: Any) -> bool:
    """Whether the framework's surveys draw their sample by strata (China's: 以街道（乡镇）为层), as the
    plan's "drawn at random by strata" says; a survey whose ``stratify`` says a simple random sample of
    learners is not told to stratify (G25-T2). True where no survey block says how (china@1's K4, K5)."""
    blocks = [i.survey for i in fw.indicators() if getattr(i, "survey", None) is not None]
    return not blocks or any("层" in b.stratify.zh or "strat" in b.stratify.en.lower() for b in blocks)


def short_of_target(p: Any) -> bool:
    """Whether the engine's score of a plan with tasks ends at another outcome than the plan's
    target (recognition), for a reason no other note of the plan says (the panel's verification:
    ``pending_note``; a survey below the framework's sample: ``survey_left``). The planner refuses
    such plans (``reached_by_plan``); should one get through, it must not read as reaching (G19-A1)."""
    rec = getattr(p.after, "recognition", None)
    if getattr(p.target, "kind", None) != "recognition" or not p.changes or rec is None or rec.outcome == "recognised":
        return False
    return not (p.awaits or getattr(rec, "unsettled", None))


def short_note(p: Any, zh: bool) -> str:
    """What ``short_of_target`` says: '按计划完成后的评分，结论为“暂缓认定”，未达到目标“认定为示范区”：…'."""
    if not short_of_target(p):
        return ""
    rec = p.after.recognition
    if zh:
        why = "；".join(rec.reasons_zh)
        return f"按计划完成后的评分，结论为“{rec.name_zh}”，未达到目标“{p.target.name.zh}”" + (f"：{why}。" if why else "。")
    why = "; ".join(rec.reasons)
    return f"Scored with these tasks done, the outcome is '{rec.name}', not the target '{p.target.name.en}'" + (f": {why}." if why else ".")


def survey_margins(p: Any, fw: Any) -> list[dict[str, Any]]:
    """The survey lines of recognition a plan meets with less room than the survey's own error:
    a rate the plan sets (raises, or finds out at the level the line needs) within its 95 % margin
    of the line. Liutang's plan put K4 at 80.0 % on the 80 % line, where a survey of 400 finds
    less about half the time, and said nothing (G19-B1). The margin is the engine's
    (``evaluator.sampling.margin``) at the unit's own sample, else the framework's ``min_sample``,
    else the sample the uncertainty analysis assumes (400). Empty for any other plan."""
    if getattr(p.target, "kind", None) != "recognition" or not p.changes or fw is None:
        return []
    from .sampling import margin
    from .uncertainty import ASSUMED_SAMPLE

    # the rates the plan raises: a figure still to be found out rests on its survey anyway (``unknown_note``)
    planned = {c.indicator for c in p.changes if c.state == "answered" and c.before is not None}
    after = {r.id: r for r in p.after.indicators}
    out = []
    for s in fw.recognition.survey:
        r = after.get(s.indicator)
        if s.indicator not in planned or r is None or r.state != "answered" or r.figure is None \
                or s.indicator in (getattr(p.after.recognition, "unsettled", None) or ()):  # ``survey_left`` says it
            continue
        survey = getattr(next((i for i in fw.indicators() if i.id == s.indicator), None), "survey", None)
        n = r.sample_size or (_least(p, s.indicator, survey) if survey is not None else None) or ASSUMED_SAMPLE
        m = margin(r.figure, n)
        gap = r.figure - s.min
        if gap < 0 or gap >= m:
            continue
        out.append({"indicator": s.indicator, "figure": round(r.figure, 2), "line": s.min, "margin": round(m, 1),
                    "sample": n, "assumed": not r.sample_size})
    return out


def survey_margin_note(p: Any, zh: bool, fw: Any) -> str:
    """``survey_margins`` said: 'K4计划达到80%，恰在80%的要求线上；按400份问卷，95%置信水平下误差为±3.9个百分点，
    调查结果约有一半的可能低于80%：宜以84%以上为目标，或扩大样本。' The targets stay as planned."""
    out = []
    for m in survey_margins(p, fw):
        fig, line, mg = num(m["figure"]), num(m["line"]), f"{m['margin']:.1f}"
        on = m["figure"] - m["line"] < 0.05
        n = num(m["sample"])
        if zh:
            where = f"恰在{line}%的要求线上" if on else f"仅高出{line}%的要求线{num(round(m['figure'] - m['line'], 1))}个百分点"
            sample = f"按{n}份问卷{'（未填报样本量，按此估计）' if m['assumed'] else ''}"
            odds = "约有一半的可能" if on else "有相当的可能"
            out.append(f"{m['indicator']}计划达到{fig}%，{where}；{sample}，95%置信水平下误差为±{mg}个百分点，"
                       f"调查结果{odds}低于{line}%：{survey_aim(m, zh)}。")
        else:
            gap = round(m["figure"] - m["line"], 1)  # "1 point", not "1 points" (G31H)
            where = f"exactly on the {line}% line" if on else \
                f"only {num(gap)} {'point' if gap == 1 else 'points'} above the {line}% line"
            sample = f"{n} questionnaires{' (no sample size given: assumed)' if m['assumed'] else ''}"
            odds = "about half the time" if on else "quite possibly"
            out.append(f"The plan puts {m['indicator']} at {fig}%, {where}; with {sample} its 95% margin is ± {mg} points, "
                       f"so a survey would find it below {line}% {odds}: {survey_aim(m, zh)}.")
    return ("" if zh else " ").join(out)


def survey_aim(m: dict[str, Any], zh: bool) -> str:
    """What to aim at for a rate ``survey_margins`` finds within its margin of the line: the line plus
    the margin, or a larger sample ('宜以84%以上为目标，或扩大样本'). One text for the plan, 六 and the
    summary's key task, which aimed K4 at exactly 80 % while 六 said this beside it (G22-R9)."""
    aim = num(math.ceil(m["line"] + m["margin"]))
    return f"宜以{aim}%以上为目标，或扩大样本" if zh else f"aim at {aim}% or more, or survey a larger sample"


def survey_note(p: Any, zh: bool) -> str:
    """The tasks one standard survey finds out together (K4 and K5 of one questionnaire): one
    survey, run first and costed once, on the first of them; a figure it finds short of the level
    listed is raised afterwards, a task of its own then. Empty when no survey finds two figures."""
    name = p.survey_name or Text(zh="调查", en="survey")
    out, seen = [], set()
    for c in p.changes:  # the first task of its survey carries the survey's effort (``_survey_once``)
        if len(c.survey) > 1 and frozenset(c.survey) not in seen:
            seen.add(frozenset(c.survey))
            found = [x.indicator for x in p.changes if x.survey == c.survey]
            ids = "、".join(found) if zh else ", ".join(found[:-1]) + " and " + found[-1]
            out.append(f"{ids}由同一次{name.zh}查明：调查只做一次，先于其他任务，工作量只计一次（计入{c.indicator}）；"
                       "调查所得若低于所列水平，提升该数值是另一项任务。" if zh else
                       f"{ids} are found out by one {name.en}: run once, before the other tasks, and costed once "
                       f"(with {c.indicator}); a figure it finds below the level listed is raised afterwards, "
                       "as a task of its own.")
    return (" " if not zh else "").join(out)


def outside_note(p: Any, zh: bool) -> str:
    """The tasks another body decides (a UNESCO award, GNLC membership): not within the unit's
    control, so neither their effort nor a year is counted, and the target depends on them."""
    if not p.outside:
        return ""
    ids = ("、" if zh else ", ").join(c.indicator for c in p.outside)
    who = ("、" if zh else ", ").join(dict.fromkeys((c.decided_by.zh if zh else c.decided_by.en) for c in p.outside))
    if zh:
        return (f"{ids}不在本单位控制范围内（由{who}决定）：不计工作量，不排完成年度；"
                f"目标能否达到取决于{who}的决定。")
    return (f"{ids}: not within the unit's control (decided by {who}): no effort and no completion year counted; "
            f"reaching the target depends on {who}'s decision.")


def effort_text(effort: float) -> str:
    """An effort as ``lcity plan`` and the report both print it: to two decimals at most (a
    checklist found out shares one step among its items, a third each, which would print as
    9.66667), with the report's thousands separator (1,096, not 1096)."""
    return num(round(effort, 2))
