"""The framework's own words for an indicator: its scoring rule, a reported value, pathway names.

Several sections (results, strengths, the score table, the benchmark table) state these the same
way, so they are written once here from the framework's zh/en texts and the catalog.
"""

from __future__ import annotations

from typing import Any

from evaluator.pathways import NONE
from evaluator.result import IndicatorResult
from evaluator.rules import num
from indicators.models import Framework, Indicator, scored_unit

from .catalog import Catalog
from .context_format import option_points, pick, qty, unit_once, unit_suffix


def rule_text(ind: Indicator, cat: Catalog, lang: str) -> str:
    """The scoring rule of an indicator as a reader states it, e.g. 线性：2 元/人·年得 0 分，10 元/人·年得满分."""
    rule = ind.rule
    answer = ind.answer
    unit_obj = scored_unit(answer)
    unit = unit_suffix(unit_obj.get(lang), lang) if unit_obj is not None else ""
    points = ind.points
    if rule.kind == "boolean":
        return cat["rule_boolean"]
    if rule.kind == "linear":
        short = unit_suffix(unit_once(unit_obj.get(lang)), lang) if unit_obj is not None else ""
        if short != unit:  # "30%（社区居民培训率）得0分，60%得满分": the unit's note once
            return cat("rule_linear_noted", floor=num(rule.floor), target=num(rule.target), unit=unit, short=short)
        return cat("rule_linear", floor=num(rule.floor), target=num(rule.target), unit=unit)
    if rule.kind == "steps":
        # "≥ 1 alliance/agreement": the threshold and its unit as one quantity, singular at one
        steps = [cat("rule_step", min=qty(num(s.min), unit_obj, lang) if unit_obj is not None else num(s.min),
                     unit="", pts=option_points(s.share * points)) for s in rule.steps]
        return cat("rule_steps", steps=cat["rule_sep"].join(steps))
    if rule.kind == "levels":
        levels = [cat("rule_level", choice=c.get(lang), pts=option_points(rule.shares.get(c.id, 0.0) * points))
                  for c in answer.choices]
        return cat("rule_levels", levels=cat["rule_sep"].join(levels))
    if rule.kind == "checklist":
        items = answer.items
        if rule.weights:
            total = sum(rule.weights.get(i.id, 0.0) for i in items) or 1.0
            parts = [cat("rule_checklist_item", item=i.get(lang),
                         pts=option_points(rule.weights.get(i.id, 0.0) / total * points)) for i in items]
            return cat("rule_checklist_weighted", n=len(items), items=cat["rule_sep"].join(parts))
        return cat("rule_checklist", n=len(items), pts=option_points(points / len(items)))
    return rule.kind


def value_text(ind: Indicator, r: IndicatorResult, cat: Catalog, lang: str) -> str:
    """What the city reported, in words: the choice, the items present, or the scored figure."""
    if r.figure is not None and ind.answer.type not in ("boolean", "choice", "checklist"):
        unit = scored_unit(ind.answer)  # the framework's own: "1 hub" as it says one (G20-D8)
        return qty(num(r.figure), unit if unit is not None and unit.get(lang) == pick(r, "unit", lang) else pick(r, "unit", lang), lang)
    return answer_text(ind, r.value, cat, lang)


def answer_text(ind: Indicator, v: Any, cat: Catalog, lang: str) -> str:
    """An answer as filed, in words: the choice, the items present, or the figure in the answer's
    own unit (5,500,000元, before any figure is derived from it)."""
    answer = ind.answer
    if answer.type == "boolean":
        return cat["yes_value"] if v else cat["no_value"]
    if answer.type == "choice":
        label = next((c.get(lang) for c in answer.choices if c.id == v), str(v))
        return label
    if answer.type == "checklist":
        present = [i.get(lang) for i in answer.items if isinstance(v, list) and i.id in v]
        return cat["list_sep"].join(present) if present else cat["none_value"]
    if isinstance(v, (int, float)):
        return qty(num(v), answer.unit, lang)
    return str(v)


def pathway_names(fw: Framework, lang: str) -> dict[str, str]:
    names = {"mixed": fw.mixed_name().get(lang),
             "unclassified": NONE[0] if lang == "zh" else NONE[1],
             "undetermined": NONE[0] if lang == "zh" else NONE[1], "": "—"}
    if fw.pathways:
        for t in fw.pathways.types:
            names[t.id] = t.name.get(lang)
    return names
