"""What a percentage typed as a fraction (0.95 for 95 %) does to the unit's score and outcome.

``checks.fraction_percent`` warns of every percentage of 1 or less; said only as a count on
stderr, the warning went unseen beside a decision it had turned (G19-B5: F2 0.95 read as 0.95 %
made 暂缓认定 a 不予认定). This module rescores the assessment with those answers read as
percentages, so the command printing the decision can name the slips that change a score, and
say the other outcome when the grade or the decision would differ. Pure: no text is formatted here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from indicators.models import Framework

    from .assessment import Assessment
    from .result import Result


@dataclass
class FractionSlips:
    """The suspected slips that matter: the answers (id -> the value typed) whose points would
    change read ×100, and, when the grade or the outcome would then differ, that other result."""

    typed: dict[str, float] = field(default_factory=dict)
    other: "Result | None" = None

    def meant(self, ind_id: str) -> float:
        return round(self.typed[ind_id] * 100, 10)


def suspected(assessment: "Assessment", fw: "Framework") -> dict[str, float]:
    """The percentage answers of more than 0 and at most 1 (as ``checks.fraction_percent`` warns)."""
    found: dict[str, float] = {}
    for ind_id, ans in assessment.answers.items():
        value = getattr(ans, "value", None)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
            continue
        try:
            ind = fw.indicator(ind_id)
        except (KeyError, LookupError, ValueError):
            continue
        if ind.answer.type == "percent":
            found[ind_id] = float(value)
    return found


def _as_percent(assessment: "Assessment", typed: dict[str, float]) -> "Assessment":
    answers: dict[str, Any] = dict(assessment.answers)
    for ind_id, value in typed.items():
        answers[ind_id] = answers[ind_id].model_copy(update={"value": round(value * 100, 10)})
    return assessment.model_copy(update={"answers": answers})


def _points(result: "Result") -> dict[str, float]:
    return {r.id: r.score for r in result.indicators}


def fraction_slips(assessment: "Assessment", fw: "Framework", result: "Result") -> FractionSlips | None:
    """The slips among ``suspected`` answers that change a score, or None when none does.

    ``result`` is the assessment's own result (self-assessed: a reviewed result is left alone, its
    verified figures decide). The rescored result is kept only when it differs in grade or outcome."""
    typed = suspected(assessment, fw)
    if not typed or result.review is not None:
        return None
    from .engine import score

    other = score(_as_percent(assessment, typed), fw)
    before, after = _points(result), _points(other)
    changed = {i: v for i, v in typed.items() if abs(after.get(i, 0.0) - before.get(i, 0.0)) >= 0.05}
    if not changed:
        return None
    if changed != typed:  # the other outcome is said of the slips that matter only
        other = score(_as_percent(assessment, changed), fw)
    differs = (other.grade.name != result.grade.name or other.recognition.outcome != result.recognition.outcome)
    return FractionSlips(changed, other if differs else None)
