"""Rule kinds: small pure functions that turn an answer into a share of an indicator's points.

The framework says which kind an indicator uses and with which parameters (``indicators.models``);
this registry says what each kind does. Adding an indicator needs no code; adding a kind is one
parameter model there plus one function here. Each function returns the share in [0, 1] and the
reason in both report languages, naming the value it was given.
"""

from __future__ import annotations

from typing import Any, Callable

from indicators.models import (
    BooleanRule,
    ChecklistRule,
    Indicator,
    LevelsRule,
    LinearRule,
    StepsRule,
)

Reason = tuple[str, str]  # (zh, en)
RuleFn = Callable[[Any, Any, Indicator], tuple[float, Reason]]
RULES: dict[str, RuleFn] = {}


def kind(name: str) -> Callable[[RuleFn], RuleFn]:
    def register(fn: RuleFn) -> RuleFn:
        RULES[name] = fn
        return fn

    return register


def num(x: float) -> str:
    """A number as a person would write it in a report: 12,500 / 7.69 / 0.5."""
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}"
    if abs(x) >= 100:
        return f"{x:,.1f}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def pct(share: float) -> str:
    return f"{share * 100:.0f}%"


@kind("boolean")
def boolean(rule: BooleanRule, value: bool, ind: Indicator) -> tuple[float, Reason]:
    if value:
        return 1.0, ("回答“是”,得满分", "answered true: full points")
    return 0.0, ("回答“否”,不得分", "answered false: no points")


@kind("levels")
def levels(rule: LevelsRule, value: str, ind: Indicator) -> tuple[float, Reason]:
    share = rule.shares[value]
    label = next(c for c in ind.answer.choices if c.id == value)  # type: ignore[union-attr]
    return share, (f"选择“{label.zh}”（{value}），得 {pct(share)}", f"chose '{label.en}' ({value}): {pct(share)}")


@kind("linear")
def linear(rule: LinearRule, value: float, ind: Indicator) -> tuple[float, Reason]:
    raw = (value - rule.floor) / (rule.target - rule.floor)
    share = min(1.0, max(0.0, raw))
    span_zh = f"起点 {num(rule.floor)} 得 0，目标 {num(rule.target)} 得满分"
    span_en = f"floor {num(rule.floor)} scores 0, target {num(rule.target)} scores full"
    if raw >= 1:
        note = ("达到目标", "target reached")
    elif raw <= 0:
        note = ("未超过起点", "not above the floor")
    else:
        note = ("按线性插值", "linear between them")
    return share, (f"{num(value)}（{span_zh}），{note[0]}，得 {pct(share)}",
                   f"{num(value)} ({span_en}): {note[1]}, {pct(share)}")


@kind("steps")
def steps(rule: StepsRule, value: float, ind: Indicator) -> tuple[float, Reason]:
    reached = [s for s in rule.steps if value >= s.min]
    if not reached:
        first = rule.steps[0]
        return 0.0, (f"{num(value)} 未达到最低档 {num(first.min)}，不得分",
                     f"{num(value)} is below the first step ({num(first.min)}): no points")
    top = reached[-1]
    return top.share, (f"{num(value)} 达到 ≥{num(top.min)} 档，得 {pct(top.share)}",
                       f"{num(value)} reaches the ≥{num(top.min)} step: {pct(top.share)}")


@kind("checklist")
def checklist(rule: ChecklistRule, value: list[str], ind: Indicator) -> tuple[float, Reason]:
    items = ind.answer.items  # type: ignore[union-attr]
    weights = rule.weights or {i.id: 1.0 for i in items}
    total = sum(weights.get(i.id, 0.0) for i in items)
    present = [i for i in items if i.id in value]
    got = sum(weights.get(i.id, 0.0) for i in present)
    share = got / total if total else 0.0
    names_zh = "、".join(i.zh for i in present) or "无"
    names_en = ", ".join(i.en for i in present) or "none"
    return share, (f"具备 {len(present)}/{len(items)} 项（{names_zh}），得 {pct(share)}",
                   f"{len(present)} of {len(items)} items present ({names_en}): {pct(share)}")


def apply(ind: Indicator, value: Any) -> tuple[float, Reason]:
    """Share earned by a (validated, already derived) value under the indicator's rule."""
    return RULES[ind.rule.kind](ind.rule, value, ind)
