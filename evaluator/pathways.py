"""Which of the paper's four development pathways a city is on, and why.

The types and their signals are framework data (``pathways`` in framework.yaml, each type citing
the paper's own sentence). A signal is either the city's own statement of what it leads with
(the assessment's ``strategy`` section) or an indicator result. A type's score is the share of its
signal weight that fired; the leading type wins unless the runner-up is within ``mixed_margin``,
in which case the city is ``mixed`` (both are reported).

Classification runs on every score, so each framework's types and signals are compiled once
(``plan_for``) and ``run`` only tests the signals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from indicators.models import Framework, Signal as SignalSpec

from .result import IndicatorResult, PathwayResult, PathwayScore, Signal
from .trusted import constructor, per_framework, template

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .assessment import Assessment
    from .result import Result

EPS = 1e-9
MIXED = ("混合型", "Mixed")
NONE = ("未能分类", "Unclassified")


def fired(sig: SignalSpec, assessment: "Assessment", result: "Result") -> bool:
    if sig.strategy is not None:
        return sig.strategy in assessment.strategy.leads_with
    ind = next((r for r in result.indicators if r.id == sig.indicator), None)
    if ind is None or ind.state != "answered":
        return False
    if sig.min_share is not None and (ind.share or 0.0) + EPS < sig.min_share:
        return False
    if sig.values:
        value = ind.value
        if isinstance(value, list):
            return any(v in value for v in sig.values)
        return any(v == value and type(v) is type(value) for v in sig.values)
    return True


class _Plan:
    """A framework's pathway types with everything static computed once. A signal names its
    indicator by position in the framework's order (``Framework.indicators()``)."""

    __slots__ = ("types", "ids", "mixed_margin")

    def __init__(self, fw: Framework) -> None:
        spec = fw.pathways
        assert spec is not None
        self.ids = [i.id for i in fw.indicators()]
        position: dict[str, int] = {}
        for k, i in enumerate(self.ids):
            position.setdefault(i, k)  # the first indicator with the id, as a search would find
        self.mixed_margin = spec.mixed_margin
        order: dict[str, int] = {}
        for k, t in enumerate(spec.types):
            order.setdefault(t.id, k)  # list.index: the first type with the id
        self.types = []
        for t in spec.types:
            total = sum(s.weight for s in t.signals)
            signals = []
            for s in t.signals:
                tpl = template(Signal, id=s.id, pathway=t.id, weight=s.weight, label=s.label.en, label_zh=s.label.zh)
                pos = None if s.strategy is not None else position.get(s.indicator, -1)  # type: ignore[arg-type]
                signals.append((s.strategy, pos, s.min_share, list(s.values), s.weight, tpl))
            self.types.append((t.id, t.name.en, t.name.zh, total, order[t.id], signals))


def _plan(fw: Framework) -> _Plan | None:
    return _Plan(fw) if fw.pathways is not None else None


plan_for = per_framework(_plan)

_signal = constructor(Signal)
_score = constructor(PathwayScore)
_result = constructor(PathwayResult)


def run(plan: _Plan, leads_with: list[str], indicators: "Sequence[IndicatorResult | None]") -> PathwayResult:
    """``classify`` over a compiled plan; ``indicators`` in the framework's order (``plan.ids``)."""
    scores: list[PathwayScore] = []
    signals: list[Signal] = []
    ranking = []
    for tid, name_en, name_zh, total, order, sigs in plan.types:
        got = 0.0
        for strategy, pos, min_share, values, weight, tpl in sigs:
            if strategy is not None:
                hit = strategy in leads_with
            else:
                ind = indicators[pos] if pos >= 0 else None
                if ind is None or ind.state != "answered":
                    hit = False
                elif min_share is not None and (ind.share or 0.0) + EPS < min_share:
                    hit = False
                elif values:
                    value = ind.value
                    if isinstance(value, list):
                        hit = any(v in value for v in values)
                    else:
                        hit = any(v == value and type(v) is type(value) for v in values)
                else:
                    hit = True
            if hit:
                got += weight
                signals.append(_signal(tpl.copy()))
        share = got / total if total else 0.0
        ranking.append((-share, order, len(scores)))
        scores.append(_score({"id": tid, "name": name_en, "name_zh": name_zh, "score": share}))
    ranking.sort()  # by score, then the framework's order of types (a stable sort of the scores)
    first = scores[ranking[0][2]]
    second = scores[ranking[1][2]] if len(ranking) > 1 else None
    margin = first.score - (second.score if second else 0.0)
    if first.score <= EPS:
        kind, (zh, en) = "unclassified", NONE
    elif margin + EPS < plan.mixed_margin:
        kind, (zh, en) = "mixed", MIXED
    else:
        kind, zh, en = first.id, first.name_zh, first.name
    return _result({
        "type": kind, "name": en, "name_zh": zh, "leading": first.id if first.score > EPS else None,
        "runner_up": second.id if second and second.score > EPS else None,
        "margin": margin, "confidence": first.score, "scores": scores, "signals": signals,
    })


def classify(fw: Framework, assessment: "Assessment", result: "Result") -> PathwayResult:
    plan = plan_for(fw)
    assert plan is not None
    first: dict[str, IndicatorResult] = {}
    for r in result.indicators:
        first.setdefault(r.id, r)
    return run(plan, assessment.strategy.leads_with, [first.get(i) for i in plan.ids])
