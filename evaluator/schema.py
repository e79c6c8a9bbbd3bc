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
    schema = _draft07(Assessment, _said(lang, "schema.title", fw=fw.ref))
    schema["title"] = _said(lang, "schema.title", fw=fw.ref)  # pydantic's own title ("Assessment") came last
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
    return schema


def _sep(lang: str) -> str:
    """Between the options of a hover text: a Chinese reader's semicolon in Chinese."""
    return "；" if lang == "zh" else "; "
