"""The improvements a unit can make to one indicator: discrete steps, each a full answer.

Each option is an answer the unit could give (a choice, a checklist item, true, a figure) that
scores at least as well as today's, with the points it adds to its dimension (exactly as the
engine scores it: the compiled rule on the figure the engine derives) and its effort. Only
answers a unit of its level can give are offered: its level's variant of the indicator, the
choices and items the framework lists, whole numbers for counts, at most 100 for a percentage,
at most the answer's ``max``, the ``at_most`` profile figure and the ``plausible`` maximum.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from indicators.models import Indicator

from .advice import falling
from .effort import Effort
from .rules import compile_rule

EPS = 1e-9


@dataclass(frozen=True)
class Option:
    """One improvement. Options of one ``group`` exclude each other (one answer per indicator);
    checklist items each have a group of their own, since items add up."""

    group: str
    indicator: str
    dimension: str
    value: Any  # the answer to give; for a checklist item, the item id
    share: float  # the indicator's share of its points with this answer (checklist: the item's share)
    gain: float  # points added to the dimension's score (after not-applicable spreading)
    effort: float
    steps: float
    figure: float | None = None
    meets_survey: bool = False
    fires_veto: bool = False
    #: finding out an unknown figure with the framework's standard survey (``Indicator.survey``):
    #: the questionnaire's key, so that the planner costs one survey for every indicator it answers
    #: (``effort`` is then only the raising beyond what the survey is planned to find); None otherwise
    survey: str | None = None
    #: a figure of a unit too short of data to be rated, found out by looking it up: one step of
    #: data collection whatever level it is found at (``looked_up``)
    looked_up: bool = False
    #: a levels indicator's choices the step passes, one per share above today's, up to ``value``:
    #: their own effort entries (``Effort.items``) cost and time the step
    passed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Today:
    """An indicator as the unit answered it, read from the engine's result."""

    state: str
    value: Any
    figure: float | None
    share: float
    max: float


def _figure_to_raw(ind: Indicator, figure: float, base: float | None, down: bool = False) -> float:
    """The answer that gives ``figure``, rounded toward full points: up, or down for a falling rule."""
    raw = figure if base is None else figure * base / ind.answer.derive.scale  # type: ignore[union-attr]
    turn = math.floor if down else math.ceil
    if ind.answer.type == "count":
        return float(turn(round(raw, 6)))
    return turn(round(raw * 100, 6)) / 100


def _cap(ind: Indicator, city: Any, base: float | None) -> tuple[float, float | None]:
    """(largest raw answer, largest derived figure) a unit can give."""
    ans = ind.answer
    raw = math.inf
    if ans.type == "percent":
        raw = 100.0
    if ans.max is not None:
        raw = min(raw, ans.max)
    if ans.at_most is not None:
        bound = city.figure(ans.at_most)
        if bound:
            raw = min(raw, float(bound))
    pl = ans.plausible
    fig_cap = pl.max if pl is not None and pl.max is not None else None
    if fig_cap is not None:
        fig_raw = fig_cap if base is None else fig_cap * base / ans.derive.scale  # type: ignore[union-attr]
        raw = min(raw, fig_raw)
    if ans.type == "count" and raw != math.inf:
        raw = float(math.floor(round(raw, 6)))
    elif raw != math.inf:
        raw = math.floor(round(raw * 100, 6)) / 100
    return raw, fig_cap


def questionnaire(ind: Indicator) -> str | None:
    """The key of the standard survey that answers ``ind`` (its ``survey`` block, the same for every
    indicator one questionnaire answers: K4 and K5 of the China frameworks); None without one."""
    return ind.survey.model_dump_json() if ind.survey is not None else None


def _numeric(ind: Indicator, today: Today, city: Any, eff: Effort, dim: str, survey_min: float | None,
             veto: list) -> list[Option]:
    ans, rule = ind.answer, ind.rule
    base = None
    if ans.derive is not None:
        base = city.figure(ans.derive.per)
        if not base:
            return []  # the figure cannot be derived: no answer would score
    run = compile_rule(ind)
    cap, _ = _cap(ind, city, base)
    f0 = today.figure if today.state == "answered" else None
    # an unknown figure the standard survey answers is found out by that survey, costed once for its
    # questionnaire (the planner adds it); the survey is planned to find the survey line the target
    # sets (recognition: K4 80 %), not the floor, so only a figure above that line costs steps:
    # nobody raises a figure that nobody has measured yet
    asked = questionnaire(ind) if today.state != "answered" else None
    found = survey_min if asked is not None and survey_min is not None else None
    # a "lower is better" rule (floor 30 %, target 8 %) is worked downward: its steps were run
    # upward from 15 % and dropped, so the plan never lowered it (G30T-1)
    down = falling(rule)
    sign = -1.0 if down else 1.0
    if rule.kind == "linear":
        # whole steps from today's figure (from the floor when there is none) toward the target;
        # the last may be a part step, and counts as one
        size = (rule.target - rule.floor) / eff.steps
        start = f0 if f0 is not None else rule.floor
        k0 = max(0, math.floor((rule.floor - start) / size)) if (rule.floor - start) * sign > 0 else 0
        targets = []
        k = max(1, k0)
        while k <= k0 + eff.steps + 1:
            fig = start + size * k
            fig = max(fig, rule.target) if down else min(fig, rule.target)
            targets.append(fig)
            if (fig - rule.target) * sign >= 0:
                break
            k += 1
    else:
        targets = [s.min for s in rule.steps]
        reached = lambda f: sum(1 for s in rule.steps if f is not None and f >= s.min)  # noqa: E731
        start_idx = reached(f0)
    if survey_min is not None:
        targets.append(survey_min)
    out: dict[float, Option] = {}
    for want in sorted(set(targets)):
        raw = _figure_to_raw(ind, want, base, down)
        for _ in range(3):  # rounding may leave the derived figure a hair short of the step
            fig = raw if base is None else raw / base * ans.derive.scale  # type: ignore[union-attr]
            if (fig - want) * sign + EPS >= 0 or raw > cap:
                break
            raw += (1.0 if ans.type == "count" else 0.01) * sign
        raw = min(raw, cap)
        if raw < 0:
            continue
        value: Any = int(raw) if ans.type == "count" or raw == int(raw) else raw
        fig = value if base is None else value / base * ans.derive.scale  # type: ignore[union-attr]
        share = run(fig)[0]
        meets = survey_min is not None and fig + EPS >= survey_min
        better = share > today.share + EPS or (meets and not (f0 is not None and f0 + EPS >= survey_min))  # type: ignore[operator]
        if not better or (f0 is not None and (fig - f0) * sign <= 0) or value in out:
            continue
        if rule.kind == "linear":
            steps = float(max(1, math.ceil(round((fig - start) / size, 6))))
            if found is not None:
                steps = float(max(0, math.ceil(round((fig - found) / size, 6))))
        else:
            steps = float(max(1, reached(fig) - start_idx))
            if found is not None:
                steps = float(max(0, reached(fig) - reached(found)))
        out[value] = Option(ind.id, ind.id, dim, value, share, (share - today.share) * today.max,
                            steps * eff.per_step, steps, float(fig), meets, value in veto, asked)
    return list(out.values())


def _levels(ind: Indicator, today: Today, eff: Effort, dim: str, veto: list) -> list[Option]:
    shares = ind.rule.shares  # type: ignore[union-attr]
    ranks = sorted(set(shares.values()))
    now = ranks.index(shares[today.value]) if today.state == "answered" and today.value in shares else 0
    out = []
    for c in ind.answer.choices:  # type: ignore[union-attr]
        s = shares.get(c.id)
        if s is None or c.id in veto or c.decided_by is not None:  # another body's act is no target
            continue
        fixes = today.state == "answered" and today.value in veto
        if s > today.share + EPS or (fixes and s + EPS >= today.share and c.id != today.value):
            steps = float(max(1, ranks.index(s) - now))
            passed = _passed(ind, c.id, ranks[now + 1:ranks.index(s)], eff)
            cost = sum(eff.item(x)[0] for x in passed) if eff.items else steps * eff.per_step
            out.append(Option(ind.id, ind.id, dim, c.id, s, (s - today.share) * today.max, cost, steps,
                              passed=passed))
    return out


def _passed(ind: Indicator, target: str, between: list[float], eff: Effort) -> tuple[str, ...]:
    """The choices a levels step passes: for each share strictly between today's and the target's
    the cheapest choice at that share (the framework's order breaks ties), then the target."""
    shares = ind.rule.shares  # type: ignore[union-attr]
    out = []
    for level in between:
        at = [c.id for c in ind.answer.choices if shares.get(c.id) == level]  # type: ignore[union-attr]
        if at:
            out.append(min(at, key=lambda x: eff.item(x)[0]))
    return (*out, target)


def _checklist(ind: Indicator, today: Today, eff: Effort, dim: str) -> list[Option]:
    items = ind.answer.items  # type: ignore[union-attr]
    weights = ind.rule.weights or {i.id: 1.0 for i in items}  # type: ignore[union-attr]
    total = sum(weights.get(i.id, 0.0) for i in items)
    have = set(today.value) if today.state == "answered" and isinstance(today.value, list) else set()
    out = []
    for it in items:
        w = weights.get(it.id, 0.0)
        if it.id in have or w <= 0 or not total or it.decided_by is not None:  # another body's act is no target
            continue
        s = w / total
        cost, _ = eff.item(it.id)  # a national award costs more than a yearly event
        out.append(Option(f"{ind.id}:{it.id}", ind.id, dim, it.id, s, s * today.max, cost, 1.0))
    return out


def options(ind: Indicator, today: Today, city: Any, eff: Effort, dim: str, *, survey_min: float | None = None,
            veto: list | None = None, look_up: bool = False) -> list[Option]:
    """Every improvement of one applicable indicator, in the framework's order of answers. With
    ``look_up`` (a unit too short of data to be rated) an unknown or missing figure is costed as
    finding it out (``looked_up``), not as building it from nothing."""
    if ind.period_record:  # what happened in the period is not undone by a plan (G23-T1)
        return []
    veto = veto or []
    kind = ind.rule.kind
    if kind == "boolean":
        if today.state == "answered" and today.value is True:
            return []
        out = [Option(ind.id, ind.id, dim, True, 1.0, (1.0 - today.share) * today.max, eff.per_step, 1.0,
                      fires_veto=True in veto)]
    elif kind == "levels":
        out = _levels(ind, today, eff, dim, veto)
    elif kind == "checklist":
        out = _checklist(ind, today, eff, dim)
    else:
        out = _numeric(ind, today, city, eff, dim, survey_min, veto)
    return looked_up(out, eff) if look_up and today.state != "answered" else out


def recounted(opts: list[Option], claimed: Any, eff: Effort, *, ind: Indicator | None = None,
              today: Today | None = None, city: Any = None, dim: str = "") -> list[Option]:
    """The options of a figure the panel did not accept, which the panel asks to be counted again:
    a recount of the unit's records finds at most what the unit filed (the panel's reason is that
    the filing counted too much), so only a level at or below the filed figure is a look-up
    (``looked_up``); a level above it is work, costed as any improvement. Liyang filed 6,200
    credit-bank accounts, which the panel rejected; its plan asked '按专家组意见重新统计（需达到
    97,158人）' at one effort point, a level fifteen times what the rejected filing claimed (G20-A1).
    Only a filed number bounds a recount; a choice, a yes or a list is re-checked as filed. Under a
    "lower is better" rule (``LinearRule.falling``) the filing's error is a figure too low: a recount
    finds at least it, and a level below it is the work (G31C)."""
    if isinstance(claimed, bool) or not isinstance(claimed, (int, float)):
        return looked_up(opts, eff)
    sign = -1.0 if ind is not None and falling(ind.rule) else 1.0  # a falling rule's worse figures are higher
    within = [o for o in opts if isinstance(o.value, (int, float)) and o.value * sign <= claimed * sign + EPS]
    filed = _filed(ind, today, city, dim, claimed) if ind is not None and today is not None else None
    if filed is not None and all(o.value != filed.value for o in within):
        within.append(filed)  # the filed figure itself, found again: between the framework's steps
    rest = [o for o in opts if all(o is not w for w in within)]
    return sorted(looked_up(within, eff), key=lambda o: o.value * sign) + rest


def _filed(ind: Indicator, today: Today, city: Any, dim: str, value: float) -> Option | None:
    """The option of finding a filed figure again as filed (``recounted``), scored by the rule as
    ``_numeric`` scores a step; None when it adds nothing or cannot be derived."""
    ans = ind.answer
    base = None
    if getattr(ans, "derive", None) is not None:
        base = city.figure(ans.derive.per)
        if not base:
            return None
    fig = value if base is None else value / base * ans.derive.scale
    share = compile_rule(ind)(fig)[0]
    if share <= today.share + EPS:
        return None
    return Option(ind.id, ind.id, dim, value, share, (share - today.share) * today.max, 0.0, 1.0, float(fig))


def looked_up(opts: list[Option], eff: Effort) -> list[Option]:
    """The options of a figure nobody has counted yet, for a unit that must first be ratable: one
    step of data collection (the framework's ``effort.look_up``) finds it out, at whatever level it
    stands. Costed as building each level from nothing, Qiaoling's 38 unknowns came to 367 effort
    points and a schedule to 2038; B1 "check the records" was two years of the justice bureau's
    work (G14 #4). A checklist's items share the one step; a figure the standard survey finds out
    keeps the survey's costing (``Option.survey``). Which level the plan needs is the planner's
    (``evaluator.plan``: the lowest that still reaches the target)."""
    items = [o for o in opts if o.group != o.indicator]
    each = eff.look_up / len(items) if items else eff.look_up
    return [o if o.survey is not None else replace(o, effort=each, steps=1.0, looked_up=True) for o in opts]
