"""What a unit should do about one indicator, worked out from its own answer.

A recommendation used to be one fixed text per indicator, written for a unit that scores nothing,
and so told a district that had single-listed its budget to single-list it. Here advice is chosen
by conditions on the answer (the framework's top-level ``advice:`` section) and, where the
framework has none for an indicator, said from the indicator's rule: the next target above the
unit's figure, the options above its own, the checklist items it has not ticked. The fixed text of
the indicator is used only for a unit that scores nothing on it, the case it was written for.

Model practices are picked from reference units like the unit: the same observed pathway type,
then the same region, then the same level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from indicators.models import (AdviceEntry, AdviceWhen, ChecklistRule, Exemplar, Framework, Indicator,
                               LevelsRule, LinearRule, StepsRule, Text)

from .checks import claims_something
from .result import IndicatorResult

EPS = 1e-9


@dataclass(frozen=True)
class Gap:
    """What full points need, in the rule's terms; every field is something the unit does not have yet."""

    #: a figure to reach (linear and steps rules), strictly above the unit's figure; below it for a
    #: falling rule (``falling``)
    target: float | None = None
    #: choice ids scoring more than the unit's answer, best first
    better: tuple[str, ...] = ()
    #: checklist items not ticked
    missing: tuple[str, ...] = ()
    #: a true/false indicator answered false
    boolean: bool = False
    #: no figure: the indicator is unknown or missing
    no_data: bool = False
    #: points taken off by the panel on a figure that itself reaches full points
    panel: bool = False


@dataclass(frozen=True)
class Advice:
    indicator: str
    gap: Gap
    #: the framework's advice that applies (a conditional entry, or the fixed text at zero), or None
    text: Text | None
    #: the condition the text was chosen under (None for the fixed text or no text)
    when: AdviceWhen | None = None
    lost: float = 0.0
    models: tuple[Exemplar, ...] = field(default=())
    #: what the indicator presupposes and the unit does not have yet (``unmet``): B2's enforcement
    #: check of a regulation B1 says does not exist is advice for after B1, not for now
    waits_for: tuple[str, ...] = ()
    #: why it falls short (``why``): "no_data" (the unit does not know the figure), "rejected" (the
    #: panel did not accept the answer it gave) or "low" (the answer scores below full)
    why: str = "low"
    #: "lacks:K6" -> the items of a related checklist (``AdviceWhen.related``) the unit has not
    #: ticked, for the text's '{lacks:K6}'
    fills: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def unmet(ind: Indicator, indicators: Mapping[str, Indicator], by_id: Mapping[str, IndicatorResult]) -> tuple[str, ...]:
    """The indicators ``ind`` presupposes (``Indicator.presupposes``) that apply to the unit and whose
    answer does not claim something (``claims_something``: yes, a figure above 0, a ticked item, a
    choice that earns points), unknown and missing answers included: the plan schedules ``ind`` after
    them and the recommendations say it follows them. One the unit does not answer at its level asks
    nothing."""
    out = []
    for pre in ind.presupposes:
        r, p = by_id.get(pre), indicators.get(pre)
        if r is None or p is None or r.state == "not_applicable":
            continue
        if r.state == "answered" and claims_something(p, r.value):
            continue
        out.append(pre)
    return tuple(out)


def at_full(r: IndicatorResult) -> bool:
    return r.state == "answered" and (r.share or 0) + 1e-6 >= 1


def needs_advice(r: IndicatorResult) -> bool:
    """An indicator is advised on when it loses points: answered below full, unknown or missing."""
    if r.state == "not_applicable" or r.max <= 0:
        return False
    return r.state in ("unknown", "missing") or not at_full(r)


def falling(rule: object) -> bool:
    """Whether ``rule`` (any kind, or None where there is no indicator) is a "lower is better" one:
    ``LinearRule.falling``, where the test lives, for every reader of a rule (G31C)."""
    return isinstance(rule, LinearRule) and rule.falling


def gap(ind: Indicator, r: IndicatorResult) -> Gap:
    """What the indicator's rule needs for full points that the unit's answer does not give."""
    if r.state != "answered":
        return Gap(no_data=True)
    rule, value, figure = ind.rule, r.value, r.figure
    if isinstance(rule, LinearRule) and figure is not None:
        short = figure - EPS > rule.target if falling(rule) else figure + EPS < rule.target
        return Gap(target=rule.target) if short else Gap(panel=True)
    if isinstance(rule, StepsRule) and figure is not None:
        top = max(s.min for s in rule.steps if s.share + EPS >= max(x.share for x in rule.steps))
        return Gap(target=top) if figure + EPS < top else Gap(panel=True)
    if isinstance(rule, LevelsRule):
        own = rule.shares.get(str(value), 0.0)
        better = tuple(k for k, v in sorted(rule.shares.items(), key=lambda kv: -kv[1]) if v > own + EPS)
        return Gap(better=better) if better else Gap(panel=True)
    if isinstance(rule, ChecklistRule):
        ticked = set(value or [])
        options = [o.id for o in getattr(ind.answer, "items", [])]
        weights = rule.weights or {}
        missing = tuple(o for o in options if o not in ticked and weights.get(o, 1) > 0)
        return Gap(missing=missing) if missing else Gap(panel=True)
    if rule.kind == "boolean":
        return Gap(boolean=True) if value is not True else Gap(panel=True)
    return Gap(panel=True)


def why(r: IndicatorResult) -> str:
    """Why an indicator falls short: "rejected" where the panel did not accept the answer the unit
    gave (it counts as unknown or missing, and the unit's own value is kept), "no_data" where the
    unit does not know it, else "low". The remedy differs: evidence the panel can check, the
    figure found out, or the figure raised (G18-A5: a county that cannot get its credit-bank
    figure was told to link credits to 落户)."""
    if r.state in ("unknown", "missing"):
        return "rejected" if r.verified and r.self_value is not None else "no_data"
    return "low"


def holds(when: AdviceWhen, r: IndicatorResult, level: str, not_applicable: frozenset[str] = frozenset(),
          by_id: Mapping[str, IndicatorResult] | None = None) -> bool:
    """The condition of an advice entry holds for the unit's answer (every part given must);
    ``not_applicable``: the indicators the unit marked not applicable; ``by_id``: the unit's other
    results, for ``related`` conditions (one whose indicator has no result does not hold)."""
    if r.state not in when.states:
        return False
    if (why(r) == "rejected") != bool(when.rejected):
        return False
    for other, cond in when.related.items():
        o = (by_id or {}).get(other)
        if o is None or not holds(cond, o, level, not_applicable, by_id):
            return False
    if when.not_applicable and not set(when.not_applicable) <= not_applicable:
        return False
    if when.levels is not None and level not in when.levels:
        return False
    numeric = when.below is not None or when.at_least is not None
    if numeric and (r.state != "answered" or r.figure is None):
        return False
    if when.below is not None and not r.figure + EPS < when.below:
        return False
    if when.at_least is not None and not r.figure + EPS >= when.at_least:
        return False
    if when.answers and (r.state != "answered" or not _answer_in(r.value, when.answers)):
        return False
    if when.lacks and (r.state != "answered" or all(x in (r.value or []) for x in when.lacks)):
        return False
    return True


def _answer_in(value: object, answers: Sequence[str | bool]) -> bool:
    if isinstance(value, bool):
        return any(a is value for a in answers)
    return any(not isinstance(a, bool) and a == value for a in answers)


def choose_text(ind: Indicator, r: IndicatorResult, entries: Sequence[AdviceEntry] | None,
                level: str, not_applicable: frozenset[str] = frozenset(),
                by_id: Mapping[str, IndicatorResult] | None = None) -> tuple[Text | None, AdviceWhen | None]:
    """The framework's conditional advice, first match; else (no entry for the indicator, or none
    that holds) its fixed text when the unit scores nothing on it (the case that text was written
    for), or has part of the points and the framework says the text tells how to raise the figure
    (``advice_for_partial``). A conditional entry that holds for none of a unit's answers used to
    leave it with no advice at all: china-learning-city@1's H3 entries are for a unit without a
    university, and a district with one that answered "no" was told nothing.

    The fixed text says how to raise a figure: it is no advice for a figure nobody knows yet or one
    the panel did not accept (``why``). Those get an entry of theirs (``states: [unknown]``,
    ``rejected: true``) or none here, and the report says how to find the figure out or what
    evidence the panel can check."""
    for e in entries or ():
        if holds(e.when, r, level, not_applicable, by_id):
            return e.text, e.when
    if r.state in ("unknown", "missing"):
        return None, None
    if (r.score <= EPS or ind.advice_for_partial) and not gap(ind, r).panel:
        return ind.advice, None
    return None, None


def choose_models(exemplars: Iterable[Exemplar], profiles: dict[str, tuple[str | None, str | None, str | None]],
                  unit: tuple[str | None, str | None, str | None], own_id: str | None, n: int = 2) -> tuple[Exemplar, ...]:
    """Exemplars ordered by likeness of their unit to this one: (pathway type, region, level)
    matches counted from the left, then the framework's order; the unit itself left out."""
    pool = [e for e in exemplars if e.city != own_id]

    def likeness(k_e: tuple[int, Exemplar]) -> tuple:
        k, e = k_e
        prof = profiles.get(e.city, (None, None, None))
        return (-sum(1 << (2 - i) for i in range(3) if unit[i] is not None and prof[i] == unit[i]), k)

    return tuple(e for _, e in sorted(enumerate(pool), key=likeness)[:n])


def reference_profiles(fw: Framework) -> dict[str, tuple[str | None, str | None, str | None]]:
    """(pathway type, region, level) of each reference unit of the framework; empty when it has none
    installed. For the China reference cities the type is the comparative study's Table 3: their
    public data are too thin for the classifier (it finds them undetermined), and the study's own
    reading of each city is the better ground for naming a model."""
    from .benchmark import CHINA_FRAMEWORK_ID, TABLE3, reference_results  # scored only when asked for

    try:
        refs = reference_results(fw.ref)
    except Exception:  # noqa: BLE001 - a framework given by path has no installed reference set
        return {}
    study = fw.id == CHINA_FRAMEWORK_ID

    def kind(r) -> str | None:
        if study and r.city.id in TABLE3:
            return TABLE3[r.city.id]
        return r.pathway.type if r.pathway else None

    return {r.city.id: (kind(r), r.city.region, r.city.level) for r in refs if r.city.id}


def advise(fw: Framework, indicators: dict[str, Indicator], result_inds: Iterable[IndicatorResult], level: str,
           profiles: dict[str, tuple[str | None, str | None, str | None]] | None = None,
           unit: tuple[str | None, str | None, str | None] = (None, None, None), own_id: str | None = None,
           models: int = 2) -> list[Advice]:
    """Advice for every indicator that loses points, the most points lost first (framework order
    breaks ties). ``indicators`` are the framework's indicators at the unit's level."""
    from .benchmark import teaches  # a model of what the unit already has is no model (readings2 #6)

    units = fw.exemplar_names()
    result_inds = list(result_inds)
    by_id = {r.id: r for r in result_inds}
    absent = frozenset(r.id for r in result_inds if r.state == "not_applicable")  # partners the unit lacks
    out = []
    for k, r in enumerate(result_inds):
        if not needs_advice(r):
            continue
        ind = indicators[r.id]
        text, when = choose_text(ind, r, fw.advice.get(r.id), level, absent, by_id)
        ex = [e for e in ind.exemplars if e.city in units and teaches(e, ind, r)]
        out.append((-(r.max - r.score), k, Advice(
            indicator=r.id, gap=gap(ind, r), text=text, when=when, lost=r.max - r.score,
            models=choose_models(ex, profiles or {}, unit, own_id, models),
            waits_for=unmet(ind, indicators, by_id), why=why(r),
            fills=_fills(when, indicators, by_id))))
    return [a for *_, a in sorted(out, key=lambda t: (t[0], t[1]))]


def _fills(when: AdviceWhen | None, indicators: Mapping[str, Indicator],
           by_id: Mapping[str, IndicatorResult]) -> dict[str, tuple[str, ...]]:
    """'lacks:K6' -> the items of K6, as the unit's level asks it, that the unit has not ticked,
    for each related checklist the condition names: K2's advice proposes only those uses of a
    learning record the unit does not have, in its level's words (a county's K6 leaves 落户 to the city)."""
    out: dict[str, tuple[str, ...]] = {}
    for other in (when.related if when is not None else {}):
        ind, r = indicators.get(other), by_id.get(other)
        items = getattr(getattr(ind, "answer", None), "items", None)
        if ind is None or r is None or not items:
            continue
        have = set(r.value or []) if r.state == "answered" and isinstance(r.value, list) else set()
        out[f"lacks:{other}"] = tuple(i.id for i in items if i.id not in have)
    return out
