"""A framework text as the unit's level reads it ("本区（市）" of a county is 本县), for the engine's
reasons, the planner and the report alike. Below all three (it imports only ``unit_word``): the
engine could not import it from evaluator.plan, which imports the engine (G31C)."""

from __future__ import annotations

import re
from typing import Any

from .unit_word import own_word

#: China's levels as a plan's texts name them (zh, en), for a framework whose levels have no names
_LEVEL_NAMES = {"city": ("市", "city"), "district": ("区", "district"), "county": ("县", "county")}
#: a filling instruction inside an option's text: "（区级填报时指本区建有老年大学）"
_FILLING = re.compile(r"（[^（）]*填报[^（）]*）|\([^()]*\b(?:answer|fill)[^()]*\)")


def level_name(fw: Any, level: str | None, zh: bool) -> str | None:
    """What the framework calls a unit of ``level`` (县, county), None when it does not say."""
    own = fw.unit_name(level) if fw is not None and level is not None else None
    if own is not None:
        return own.zh if zh else own.en
    pair = _LEVEL_NAMES.get(level or "")
    return (pair[0] if zh else pair[1]) if pair else None


def level_words(fw: Any, level: str | None, name_zh: str | None, zh: bool) -> tuple[str | None, str | None]:
    """``for_level``'s ``unit`` and ``own`` for a unit: its level's word (县) and what it calls itself
    (市 of a county-level city, ``own_word``), as the engine's reasons, lcity score and lcity plan say them."""
    unit = level_name(fw, level, zh)
    return unit, own_word(unit, name_zh, zh)


def for_level(text: str, zh: bool, unit: str | None, own: str | None = None) -> str:
    """A framework text in a plan row as the unit's level reads it: a framework written once for
    every level (china-learning-city@1) says "本区（市）", "区级示范项目" and "（区级填报时指本区…）";
    a county's task list is its departments' work order, in the county's words (G19-B6). ``unit`` is
    the level's word (县级示范项目), ``own`` what the unit calls itself (本市 of a county-level
    city, ``evaluator.unit_word.own_word``), the level's word when not given."""
    if not unit:
        return text
    own = own or unit
    text = _FILLING.sub("", text)
    if zh:
        text = text.replace("本区（市）", f"本{own}").replace("本市（区）", f"本{own}")
        text = text.replace("区（市）", own)  # "区（市）政府工作报告" of a county is its 县政府工作报告 (G30R)
        if unit != "市":
            text = text.replace("每个区（县）", f"本{own}")
        if unit not in ("市", "区"):  # a city's 区级 projects are its districts': a county's are its own
            text = text.replace("区级", f"{unit}级")
    else:
        words = {zh_: en_ for zh_, en_ in _LEVEL_NAMES.values()}  # "县" given here is a county too
        unit, own = words.get(unit, unit), words.get(own, own)
        text = text.replace("city/district", own)
        if unit != "city":  # a district's I2 is its own too, as 本区至少建有… says (G31C)
            text = text.replace("Every district/county has", f"The {own} has").replace("every district/county has", f"the {own} has")
        text = re.sub(r"\s*\(for a district: [^()]*\)", "", text)  # a filling note, dropped as （区级填报时…） is
        if unit not in ("city", "district"):  # a county's J4 in its own words, as in Chinese (G30R)
            text = (text.replace("District demonstration", f"{unit[:1].upper()}{unit[1:]} demonstration")
                    .replace("district demonstration", f"{unit} demonstration").replace("district-level", f"{unit}-level"))
    return text.strip()


def worded(fw: Any, level: str | None, ids: list[str]) -> list[int]:
    """The positions in a unit's results (``ids``, in order) of the indicators whose reasons quote
    an option text written for every level ("本区（市）现行…五年规划纲要", "the city/district Party
    committee"): the engine says them in the unit's words (``in_own_words``). Found once per framework
    and level."""
    at = fw.indicators() if level is None else [i for _, inds in fw.at_level(level) for i, _ in inds]
    said = {i.id for i in at for o in (*(getattr(i.answer, "items", None) or ()), *(getattr(i.answer, "choices", None) or ()))
            if (o.zh and for_level(o.zh, True, "县") != o.zh) or (o.en and for_level(o.en, False, "county") != o.en)}
    return [k for k, i in enumerate(ids) if i in said]


def in_own_words(at: list[int], memo: dict[Any, Any], fw: Any, city: Any, inds: list[Any]) -> None:
    """The reasons at ``at`` (``worded``) in the unit's words: a county's A3 read "具备 1/2 项（本区（市）
    现行国民经济和社会发展五年规划纲要）" in ``score --explain`` and JSON while its report's 附件1 said
    本县 (G31C). The engine scores a unit thousands of times (uncertainty): the level's words are
    found once per unit and a reworded reason once, in ``memo`` (the framework plan's)."""
    name = city.name.zh
    got = memo.get((city.level, name))
    if got is None:
        if len(memo) >= 512:
            memo.clear()
        got = memo[(city.level, name)] = [(key, zh, *level_words(fw, city.level, name, zh), {})
                                          for key, zh in (("reason_zh", True), ("reason", False))]
    for k in at:
        f = inds[k].__dict__
        for key, zh, unit, own, said in got:
            text = f[key]
            new = said.get(text)
            if new is None:
                if len(said) >= 512:
                    said.clear()
                new = said[text] = for_level(text, zh, unit, own)
            f[key] = new
