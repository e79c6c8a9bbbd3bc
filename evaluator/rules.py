"""Rule kinds: small pure functions that turn an answer into a share of an indicator's points.

The framework says which kind an indicator uses and with which parameters (``indicators.models``);
this registry says what each kind does. Adding an indicator needs no code; adding a kind is one
parameter model there plus one function here. Each function returns the share in [0, 1] and the
reason in both report languages, naming the value it was given.

The engine does not call these functions one answer at a time: ``compile_rule`` turns an
indicator's rule into a closure once per framework, with every part of the reason that does not
depend on the answer already formatted. A kind may register a compiler (``@compiler``); a kind
without one is compiled into a call of its registered function, so adding a kind still needs only
the function. Compiled rules give exactly the share and the reasons of the function they stand for
(``tests/test_engine_fast.py`` checks this for every kind).
"""

from __future__ import annotations

import math

from typing import Any, Callable

from indicators.models import (
    BooleanRule,
    ChecklistRule,
    Indicator,
    LevelsRule,
    LinearRule,
    StepsRule,
    scored_unit,
)

from .rounding import STRONG_SHARE, shown_share

Reason = tuple[str, str]  # (zh, en)
RuleFn = Callable[[Any, Any, Indicator], tuple[float, Reason]]
RULES: dict[str, RuleFn] = {}
Compiled = Callable[[Any], tuple[float, str, str]]  # value -> (share, reason zh, reason en)
COMPILERS: dict[str, Callable[[Any, Indicator], Compiled]] = {}


def kind(name: str) -> Callable[[RuleFn], RuleFn]:
    def register(fn: RuleFn) -> RuleFn:
        RULES[name] = fn
        return fn

    return register


def compiler(name: str) -> Callable[[Callable[[Any, Indicator], Compiled]], Callable[[Any, Indicator], Compiled]]:
    def register(fn: Callable[[Any, Indicator], Compiled]) -> Callable[[Any, Indicator], Compiled]:
        COMPILERS[name] = fn
        return fn

    return register


def num(x: float) -> str:
    """A number as a person would write it in a report: 12,500 / 7.69 / 0.5."""
    if type(x) is int:
        if -1e15 < x < 1e15:
            return f"{x:,}"
    elif x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}"
    if abs(x) >= 100:
        return f"{x:,.1f}"
    if 1e-6 <= abs(x) < 0.005:  # two significant digits: a figure that is not 0 never reads as 0 (G18-E9: 0.00014)
        places = 1 - math.floor(math.log10(abs(x)))
        return f"{x:.{places}f}".rstrip("0").rstrip(".")
    return f"{x:,.2f}".rstrip("0").rstrip(".")


#: the lines the reports draw across an indicator's share: 80 % (the least a highlight needs) and
#: 90 % ("strong"): a share under one is never printed as reaching it (89.51 % is "89.5%", not "90%")
INDICATOR_LINES = (0.8, STRONG_SHARE)


def mark(ind: Indicator) -> str:
    """"%" when the figure a rule scores is a percentage (a ``percent`` answer, or one derived into
    "%"), else "": a rate's figure and its floor, target or step read "92%", "floor 60%", as the
    question asked it, not as bare numbers a reader could take for counts."""
    unit = scored_unit(ind.answer)
    return "%" if unit is not None and (unit.en.startswith("%") or unit.zh.startswith("%")) else ""


def pct(share: float) -> str:
    """An indicator's share as its reason prints it: whole percents, with the decimal that keeps it
    under a line of ``INDICATOR_LINES`` it misses (``rounding.shown_share``)."""
    return f"{shown_share(share, INDICATOR_LINES)}%"


@kind("boolean")
def boolean(rule: BooleanRule, value: bool, ind: Indicator) -> tuple[float, Reason]:
    if value:
        return 1.0, ("回答“是”，得满分", "answered yes: 100%")  # before " of N points" (G10 #26)
    return 0.0, ("回答“否”，不得分", "answered no: 0%")


@kind("levels")
def levels(rule: LevelsRule, value: str, ind: Indicator) -> tuple[float, Reason]:
    share = rule.shares[value]
    label = next(c for c in ind.answer.choices if c.id == value)  # type: ignore[union-attr]
    return share, (f"选择“{label.zh}”（{value}），得 {pct(share)}", f"chose '{label.en}' ({value}): {pct(share)}")


@kind("linear")
def linear(rule: LinearRule, value: float, ind: Indicator) -> tuple[float, Reason]:
    raw = (value - rule.floor) / (rule.target - rule.floor)
    share = min(1.0, max(0.0, raw))
    m = mark(ind)
    span_zh = f"起点 {num(rule.floor)}{m} 得 0，目标 {num(rule.target)}{m} 得满分"
    span_en = f"floor {num(rule.floor)}{m} scores 0, target {num(rule.target)}{m} scores full"
    if raw >= 1:
        note = ("达到目标", "target reached")
    elif raw <= 0:
        note = ("未超过起点", "not above the floor")
    else:
        note = ("按线性插值", "linear between them")
    return share, (f"{num(value)}{m}（{span_zh}），{note[0]}，得 {pct(share)}",
                   f"{num(value)}{m} ({span_en}): {note[1]}, {pct(share)}")


@kind("steps")
def steps(rule: StepsRule, value: float, ind: Indicator) -> tuple[float, Reason]:
    reached = [s for s in rule.steps if value >= s.min]
    m = mark(ind)
    if not reached:
        first = rule.steps[0]
        return 0.0, (f"{num(value)}{m} 未达到最低档 {num(first.min)}{m}，不得分",
                     f"{num(value)}{m} is below the first step ({num(first.min)}{m}): no points")
    top = reached[-1]
    return top.share, (f"{num(value)}{m} 达到 ≥{num(top.min)}{m} 档，得 {pct(top.share)}",
                       f"{num(value)}{m} reaches the ≥{num(top.min)}{m} step: {pct(top.share)}")


@kind("checklist")
def checklist(rule: ChecklistRule, value: list[str], ind: Indicator) -> tuple[float, Reason]:
    items = ind.answer.items  # type: ignore[union-attr]
    weights = rule.weights or {i.id: 1.0 for i in items}
    total = sum(weights.get(i.id, 0.0) for i in items)
    present = [i for i in items if i.id in value]
    got = sum(weights.get(i.id, 0.0) for i in present)
    share = got / total if total else 0.0
    names_zh = "、".join(i.zh for i in present) or "无"
    names_en = "; ".join(i.en for i in present) or "none"  # items hold commas (G10 #6)
    return share, (f"具备 {len(present)}/{len(items)} 项（{names_zh}），得 {pct(share)}",
                   f"{len(present)} of {len(items)} items present ({names_en}): {pct(share)}")


def apply(ind: Indicator, value: Any) -> tuple[float, Reason]:
    """Share earned by a (validated, already derived) value under the indicator's rule."""
    return RULES[ind.rule.kind](ind.rule, value, ind)


# --- compiled rules: the same functions, with everything static formatted once ---------------


def _generic(rule: Any, ind: Indicator) -> Compiled:
    fn = RULES[rule.kind]

    def run(value: Any) -> tuple[float, str, str]:
        share, (zh, en) = fn(rule, value, ind)
        return (share if type(share) is float else float(share)), zh, en

    return run


@compiler("boolean")
def _boolean(rule: BooleanRule, ind: Indicator) -> Compiled:
    yes = (1.0, *boolean(rule, True, ind)[1])
    no = (0.0, *boolean(rule, False, ind)[1])

    def run(value: Any) -> tuple[float, str, str]:
        return yes if value else no

    return run


@compiler("levels")
def _levels(rule: LevelsRule, ind: Indicator) -> Compiled:
    table: dict[str, tuple[float, str, str]] = {}
    for c in getattr(ind.answer, "choices", None) or []:
        if c.id in rule.shares and c.id not in table:
            share, (zh, en) = levels(rule, c.id, ind)
            table[c.id] = (float(share), zh, en)
    slow = _generic(rule, ind)

    def run(value: Any) -> tuple[float, str, str]:
        if type(value) is str:
            hit = table.get(value)
            if hit is not None:
                return hit
        return slow(value)  # not a known choice: the function raises as it always did

    return run


@compiler("linear")
def _linear(rule: LinearRule, ind: Indicator) -> Compiled:
    floor, span = rule.floor, rule.target - rule.floor
    m = mark(ind)
    span_zh = f"起点 {num(rule.floor)}{m} 得 0，目标 {num(rule.target)}{m} 得满分"
    span_en = f"floor {num(rule.floor)}{m} scores 0, target {num(rule.target)}{m} scores full"
    reached = (f"{m}（{span_zh}），达到目标，得 ", f"{m} ({span_en}): target reached, ")
    below = (f"{m}（{span_zh}），未超过起点，得 ", f"{m} ({span_en}): not above the floor, ")
    between = (f"{m}（{span_zh}），按线性插值，得 ", f"{m} ({span_en}): linear between them, ")

    def run(value: Any) -> tuple[float, str, str]:
        raw = (value - floor) / span
        share = min(1.0, max(0.0, raw))
        zh, en = reached if raw >= 1 else below if raw <= 0 else between
        v, p = num(value), pct(share)
        return share, f"{v}{zh}{p}", f"{v}{en}{p}"

    return run


@compiler("steps")
def _steps(rule: StepsRule, ind: Indicator) -> Compiled:
    first = rule.steps[0]
    m = mark(ind)
    none_zh = f"{m} 未达到最低档 {num(first.min)}{m}，不得分"
    none_en = f"{m} is below the first step ({num(first.min)}{m}): no points"
    table = [(s.min, s.share, f"{m} 达到 ≥{num(s.min)}{m} 档，得 {pct(s.share)}",
              f"{m} reaches the ≥{num(s.min)}{m} step: {pct(s.share)}") for s in rule.steps]

    def run(value: Any) -> tuple[float, str, str]:
        top = None
        for step in table:  # the last step reached, in the framework's order
            if value >= step[0]:
                top = step
        v = num(value)
        if top is None:
            return 0.0, v + none_zh, v + none_en
        return top[1], v + top[2], v + top[3]

    return run


@compiler("checklist")
def _checklist(rule: ChecklistRule, ind: Indicator) -> Compiled:
    items = ind.answer.items  # type: ignore[union-attr]
    weights = rule.weights or {i.id: 1.0 for i in items}
    total = sum(weights.get(i.id, 0.0) for i in items)
    table = [(i.id, weights.get(i.id, 0.0), i.zh, i.en) for i in items]
    of = f"/{len(items)} 项（"
    of_en = f" of {len(items)} items present ("

    def run(value: Any) -> tuple[float, str, str]:
        present = [t for t in table if t[0] in value]
        got = sum(t[1] for t in present)
        share = got / total if total else 0.0
        names_zh = "、".join(t[2] for t in present) or "无"
        names_en = "; ".join(t[3] for t in present) or "none"
        p = pct(share)
        return share, f"具备 {len(present)}{of}{names_zh}），得 {p}", f"{len(present)}{of_en}{names_en}): {p}"

    return run


def compile_rule(ind: Indicator) -> Compiled:
    """The indicator's rule as a closure: value -> (share, reason zh, reason en)."""
    make = COMPILERS.get(ind.rule.kind)
    return make(ind.rule, ind) if make is not None else _generic(ind.rule, ind)
