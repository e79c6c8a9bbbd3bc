"""JSON Schemas that editors use to autocomplete and check files while they are typed.

Draft-07 keywords only (VS Code's YAML extension supports draft-07 fully and later drafts
partially), ``additionalProperties: false`` everywhere, and a description on every field. The
assessment schema is built per framework, so an editor offers the real indicator ids, shows each
question on hover and knows which answers take a number, a choice or a list.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel

from indicators.cities import CHINA_FRAMEWORK_ID
from indicators.models import Framework, Indicator

from .assessment import Assessment

DRAFT07 = "http://json-schema.org/draft-07/schema#"


def _draft07(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template="#/definitions/{model}")
    if "$defs" in schema:
        schema["definitions"] = schema.pop("$defs")
    out = {"$schema": DRAFT07, "title": title}
    out.update(schema)
    return out


def framework_schema() -> dict[str, Any]:
    return _draft07(Framework, "Learning-city indicator framework")


def review_schema() -> dict[str, Any]:
    from .review import Review

    return _draft07(Review, "Expert panel review of a learning-city self-assessment")


def _value_schema(ind: Indicator, lang: str) -> dict[str, Any]:
    ans = ind.answer
    if ans.type == "boolean":
        return {"type": "boolean", "description": _said(lang, "schema.boolean")}
    if ans.type == "choice":
        return {"type": "string", "enum": [c.id for c in ans.choices],
                "description": _sep(lang).join(f"{c.id}: {c.get(lang)}" for c in ans.choices)}
    if ans.type == "checklist":
        return {"type": "array", "uniqueItems": True,
                "items": {"type": "string", "enum": [i.id for i in ans.items]},
                "description": _sep(lang).join(f"{i.id}: {i.get(lang)}" for i in ans.items)}
    schema: dict[str, Any] = {"type": "integer" if ans.type == "count" else "number", "minimum": 0,
                              "description": ans.unit.get(lang)}
    if ans.type == "percent":
        schema["maximum"] = 100
    elif ans.max is not None:
        schema["maximum"] = ans.max
    return schema


def _any_level(fw: Framework, ind: Indicator) -> Indicator:
    """The indicator with ``{unit}`` read as any level ("本市/区/县", "your city, district or county")."""
    if not fw.levels:
        return ind
    from indicators.models import Text

    names = [lv.name for lv in fw.levels]
    unit = Text(zh="/".join(n.zh for n in names), en=", ".join(n.en for n in names[:-1]) + " or " + names[-1].en)
    return ind.at_level("", unit)


def _said(lang: str, key: str, **values: Any) -> str:
    from indicators.messages import render

    return render(lang, key, values)


def _describe(schema: dict[str, Any], lang: str) -> None:
    """Field descriptions in ``lang`` from the message catalog (``schema.<definition>.<field>``);
    a field the catalog does not name keeps the model's own description."""
    from indicators.messages import catalog

    cat = catalog(lang)
    places = [("Assessment", schema), *schema.get("definitions", {}).items()]
    for name, definition in places:
        for field, prop in definition.get("properties", {}).items():
            text = cat.get(f"schema.{name}.{field}")
            if text is not None and isinstance(prop, dict):
                prop["description"] = text


def assessment_schema(fw: Framework, lang: str = "en") -> dict[str, Any]:
    # "learning city" only where the framework is about one, as the form's own title (G9 #12)
    key = "schema.title" if "学习型城市" in fw.name.zh else "schema.title-other"
    schema = _draft07(Assessment, _said(lang, key, fw=fw.ref))
    schema["title"] = _said(lang, key, fw=fw.ref)  # pydantic's own title ("Assessment") came last
    _describe(schema, lang)
    answer_def = schema["definitions"]["Answer"]
    props: dict[str, Any] = {}
    for base in fw.indicators():
        ind = _any_level(fw, base)
        entry = copy.deepcopy(answer_def)
        entry["title"] = f"{ind.id} {ind.name.get(lang)}"
        levels = _sep(lang) + _said(lang, "schema.levels-only", levels="/".join(base.levels)) if base.levels is not None else ""
        inner = f"{_said(lang, 'schema.points', points=f'{ind.points:g}')}{levels}"
        entry["description"] = f"{ind.question.get(lang)}（{inner}）" if lang == "zh" else f"{ind.question.get(lang)} ({inner})"
        value = _value_schema(ind, lang)
        variants = []
        for level, variant in base.by_level.items():  # a level that answers otherwise (e.g. a district's B1)
            if variant.answer is not None:
                v = _value_schema(base.at_level(level), lang)
                v["description"] = f"{level}: " + v.get("description", "")
                if v not in variants:
                    variants.append(v)
        entry["properties"]["value"] = {"anyOf": [value, *variants, {"type": "null"}],
                                        "description": value.get("description", "")}
        props[ind.id] = entry
    schema["properties"]["answers"] = {
        "type": "object",
        "description": _said(lang, "schema.answers"),
        "properties": props,
        "additionalProperties": False,
    }
    schema["properties"]["framework"]["examples"] = [fw.ref]
    defs = schema["definitions"]
    # the framework's own data: its levels, its profile figures, its strategies, its name languages
    city = defs["City"]["properties"]
    city["level"]["enum"] = list(fw.level_ids())
    figures = {f.id: {"type": "integer" if f.integer else "number", "exclusiveMinimum": 0,
                      "description": f"{f.name.get(lang)} ({f.unit.get(lang)})"} for f in fw.profile_figures}
    city["figures"] = {"type": "object", "description": city["figures"].get("description", ""),
                       "properties": figures, "additionalProperties": False}
    strategies = fw.strategies()
    leads = defs["Strategy"]["properties"]["leads_with"]
    leads["items"] = {"type": "string", "enum": list(strategies)}
    leads["description"] = _sep(lang).join(f"{k}: {t.get(lang)}" for k, t in strategies.items()) or "this framework names no strategies"
    names = defs["Names"]
    names["anyOf"] = [{"required": ["zh"]}, {"required": ["en"]}]
    if fw.validation.name_languages:
        names["required"] = list(fw.validation.name_languages)
    if fw.id != CHINA_FRAMEWORK_ID:
        _own_profile(schema, fw, lang)
    return schema


#: profile fields only China's frameworks ask (their reference cities are compared by province,
#: region, GDP in yuan, streets and communities): another framework's schema offers them only where
#: its rules use them, as its form (``lcity init``) asks them only then
CHINA_PROFILE = ("parent", "parent_en", "province", "province_en", "region", "streets", "communities",
                 "gdp_per_capita")


def rule_figures(fw: Framework) -> set[str]:
    """The profile figures the framework's rules divide by or cap with (``derive.per``, ``at_most``, at
    every level): the schema offers them, the report's profile table shows them."""
    used: set[str] = set()
    for i in fw.indicators():
        for answer in [i.answer, *(v.answer for v in i.by_level.values() if v.answer is not None)]:
            derive = getattr(answer, "derive", None)
            if derive is not None:
                used.add(derive.per)
            if getattr(answer, "at_most", None):
                used.add(answer.at_most)
    return used


def _own_profile(schema: dict[str, Any], fw: Framework, lang: str) -> None:
    """The schema of another framework's form in its own terms: China's profile fields left out
    (``CHINA_PROFILE``), its levels named, and examples that are not a Beijing district's
    (``schema.any.*`` in the catalog, where China's say "e.g. xicheng", "西城区…办公室")."""
    from indicators.messages import catalog

    defs = schema["definitions"]
    city = defs["City"]["properties"]
    used = rule_figures(fw)
    for key in CHINA_PROFILE:
        if key not in used:
            city.pop(key, None)
    if fw.levels:
        levels = _sep(lang).join(lv.id if lv.name.get(lang).lower() == lv.id else
                                 f"{lv.id}（{lv.name.get(lang)}）" if lang == "zh" else f"{lv.id} ({lv.name.get(lang)})"
                                 for lv in fw.levels)
        city["level"]["description"] = _said(lang, "schema.any.City.level", levels=levels)
    cat = catalog(lang)
    places = [("Assessment", schema), *defs.items()]
    for name, definition in places:
        for field, prop in definition.get("properties", {}).items():
            text = cat.get(f"schema.any.{name}.{field}")
            if text is not None and isinstance(prop, dict) and not (name == "City" and field == "level"):
                prop["description"] = text.format(fw=fw.ref)


def _sep(lang: str) -> str:
    """Between the options of a hover text: a Chinese reader's semicolon in Chinese."""
    return "；" if lang == "zh" else "; "
