"""What a vetoed unit's other conditions give: a panel writes it beside the veto.

A unit held by a veto alone read "决定结论的条件：• 一票否决：…" and in 八 "综上…因触发一票否决项，等级为
“不合格”" and nothing else (云锦区, 92.0, every floor and survey met; G29A2-8): a reader cannot tell
whether the veto is the one thing between the unit and recognition or one of several. The rules'
own decision without the veto (``evaluator.engine.decide`` with no veto) says which.
"""

from __future__ import annotations

from typing import Any

from evaluator.rules import num

from .context_facts import Facts


def _asked(f: Facts) -> list[Any]:
    """The answers earning points that 五 asks the panel about (beyond the plausible range, estimates,
    counted otherwise than the method or than before, the city's), in the framework's order."""
    from .context_questions import against_method, counted_otherwise, doubtful, estimated, parent_figures

    found = {r.id: r for get in (doubtful, estimated, against_method, counted_otherwise, parent_figures)
             for r in get(f) if r.score > 1e-9}
    return sorted(found.values(), key=lambda r: f.order.get(r.id, 0))


def held_ids(f: Facts) -> str:
    """The ids of ``_asked`` for the summary's robustness line: the draws move weights, scales and
    survey errors, never a figure the panel is asked about, so '在100%的抽样中不变' is not '核实后不变'.
    柏溪区 read '等级“优秀”在100%的抽样中不变' and five lines below '总分为87.6分，低于“优秀”的90分：等级取决于
    核实结果' (G30R-2). '' when none, or for a unit not rated."""
    if not f.result.ratable:
        return ""
    from evaluator.engine import short_ids

    return short_ids([r.id for r in _asked(f)], "、" if f.zh else ", ")


def _held(f: Facts) -> bool:
    """Figures 五 asks the panel about, or without evidence: the other conditions are met on the
    figures as filed, not surely."""
    from .context_questions import unbacked
    from .context_standing import margin_thresholds

    return bool(margin_thresholds(f) or _asked(f)) or any(r.score > 1e-9 for r in unbacked(f))  # G27R-2


def veto_alone(f: Facts) -> str:
    """'除一票否决项外，认定的其他条件均已满足（总分92.0分，达到85分）：一票否决是评估结论为“不予认定”的唯一
    原因' for a vetoed unit the rules would recognise without its veto; '' otherwise (a unit also short of
    a line hears that line in the reasons already)."""
    from evaluator.engine import decide

    r = f.result
    if not r.vetoes or not r.ratable or not f.speaks_recognition:
        return ""
    # only a veto the unit's own answer fires (D2's budget line): a veto the panel finds (falsified
    # data, an incident) puts the figures themselves in doubt, and its conclusion is the panel's to write
    answered = {v.id for v in f.fw.recognition.vetoes if getattr(v, "indicator", None)}
    if not set(r.vetoes) <= answered:
        return ""
    level = getattr(r.city, "level", None) or "city"
    try:
        without = decide(f.fw, r.total, r.dimensions, {i.id: i for i in r.indicators}, [], level)
    except (KeyError, ValueError):  # a framework the plan cannot read at this level: say nothing
        return ""
    if without.outcome != "recognised":
        return ""
    key = "veto_alone_as_filed" if _held(f) else "veto_alone"
    surveys = f.cat["veto_alone_surveys"] if f.fw.recognition.survey else ""
    return f.cat(key, total=f.total_s, line=num(f.fw.recognition.total_min), surveys=surveys,
                 outcome=_name(r.recognition, f.lang), recognised=_name(without, f.lang))


def _name(decision: Any, lang: str) -> str:
    return (decision.name_zh if lang == "zh" else decision.name) or decision.name
