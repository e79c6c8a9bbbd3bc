"""Which of the paper's four development pathways a city is on, and why.

The types and their signals are framework data (``pathways`` in framework.yaml, each type citing
the paper's own sentence). A signal is either the city's own statement of what it leads with
(the assessment's ``strategy`` section) or an indicator result. A type's score is the share of its
signal weight that fired; the leading type wins unless the runner-up is within ``mixed_margin``,
in which case the city is ``mixed`` (both are reported).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from indicators.models import Framework, Signal as SignalSpec

from .result import PathwayResult, PathwayScore, Signal

if TYPE_CHECKING:
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


def classify(fw: Framework, assessment: "Assessment", result: "Result") -> PathwayResult:
    spec = fw.pathways
    assert spec is not None
    scores: list[PathwayScore] = []
    signals: list[Signal] = []
    for t in spec.types:
        total = sum(s.weight for s in t.signals)
        got = 0.0
        for s in t.signals:
            if fired(s, assessment, result):
                got += s.weight
                signals.append(Signal(id=s.id, pathway=t.id, weight=s.weight, label=s.label.en, label_zh=s.label.zh))
        scores.append(PathwayScore(id=t.id, name=t.name.en, name_zh=t.name.zh, score=got / total if total else 0.0))
    ranked = sorted(scores, key=lambda s: (-s.score, [t.id for t in spec.types].index(s.id)))
    first = ranked[0]
    second = ranked[1] if len(ranked) > 1 else None
    margin = first.score - (second.score if second else 0.0)
    if first.score <= EPS:
        kind, (zh, en) = "unclassified", NONE
    elif margin + EPS < spec.mixed_margin:
        kind, (zh, en) = "mixed", MIXED
    else:
        kind, zh, en = first.id, first.name_zh, first.name
    return PathwayResult(
        type=kind, name=en, name_zh=zh, leading=first.id if first.score > EPS else None,
        runner_up=second.id if second and second.score > EPS else None,
        margin=margin, confidence=first.score, scores=scores, signals=signals,
    )
