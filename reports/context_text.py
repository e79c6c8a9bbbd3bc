"""Framework texts as the report's sentences state them: the unit's own level, no notes to whoever
fills the form in. Shared by the findings, the recommendations and the task table."""

from __future__ import annotations

import re

from .context_facts import Facts

#: a framework text's instruction to whoever fills the form in, e.g. （区级填报时指本区建有老年大学）
_FILLING_NOTE = re.compile(r"（[^（）]*填报[^（）]*）|\([^()]*\b(?:answer|fill)[^()]*\)")


def plain_text(f: Facts, text: str) -> str:
    """A framework's option text as a finding states it: no filling instructions, and "本区（市）"
    (written for either level) as the unit's own level; a county's "区级示范项目" and "每个区（县）" are its
    own, "县级示范项目" and "本县", as 六's task table says them (``evaluator.plan.for_level``, G29R-2)."""
    from evaluator.plan import for_level

    text = for_level(_FILLING_NOTE.sub("", text), f.zh, f.level_word or f.unit, f.unit)
    if f.zh:
        text = text.replace("本区（市）", f"本{f.unit}").replace("本市（区）", f"本{f.unit}")
        if f.level_word and f.level_word != f.unit:  # a county's variant says 本县: a county-level city is 本市 (G25R-12)
            text = text.replace(f"本{f.level_word}", f"本{f.unit}")
    else:
        text = text.replace("city/district", f.unit)
    return text.strip()


def unrated_words(f: Facts) -> dict[str, str]:
    """The name a unit too thin in data to be rated gets, as a sentence says it: ``grade`` inside a
    sentence ("not ratable", 数据不足，不予定级), ``Grade`` opening one. It is no grade, so no
    sentence calls it "grade 'Not ratable'"."""
    name = f.result.grade.name_zh if f.zh else f.result.grade.name
    inside = name if f.zh or name[1:2].isupper() else name[:1].lower() + name[1:]
    return {"grade": inside, "Grade": name[:1].upper() + name[1:]}


def rating_needs(f: Facts) -> str:
    """What a unit too thin in data to be rated needs to be rated, as ``lcity validate``'s low-coverage
    hint counts it: Beitang (16 points answered of 100) read only "不定等级，不作评估结论", the 64
    points it must still answer said nowhere in its report (G27A-5). '' for a rated unit."""
    import math

    if f.result.ratable:
        return ""
    need = f.fw.recognition.min_coverage
    applicable = [i for i in f.result.indicators if i.state != "not_applicable"]
    available = sum(i.weight for i in applicable)
    answered = sum(i.weight for i in applicable if i.state == "answered")
    more = max(0.1, math.ceil((need * available - answered) * 10 - 1e-6) / 10)
    unknown = sum(1 for i in applicable if i.state in ("unknown", "missing"))
    return f.cat("sum_rating_needs", more=f"{more:g}", answered=f"{round(answered, 1):g}", need=f"{need * 100:.0f}%",
                 n=unknown)


def from_parent(f: Facts, ind_id: str) -> bool:
    """The unit answers this indicator with the record of the unit it belongs to (``from_parent``):
    the answer is not the unit's own work, so it is neither its strength nor its task."""
    ind = f.fw_inds.get(ind_id)
    return ind is not None and ind.answered_for_parent(f.result.city.level)


def parent_owner(f: Facts, ids: list[str] | None = None) -> str:
    """Whose record the unit gives for the indicators ``ids`` (``from_parent``; all of them when
    None), named by the framework's levels: "所在城市" / "the city it belongs to" for a Chinese
    district, "the region it belongs to" for a Fjordvale municipality, and "the unit it belongs to"
    where the levels cannot tell. Never "the city" for a framework whose levels are not cities."""
    from evaluator.pathways import parent_owner as owner

    level = f.result.city.level
    if ids is None:
        ids = [i for i, ind in f.fw_inds.items() if ind.answered_for_parent(level)]
    zh, en = owner(f.fw, level, ids) if ids else owner(None, None, ())  # the pathway reason's own words
    return zh if f.zh else en
