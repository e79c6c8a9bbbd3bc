"""What a unit calls itself after 本 (本市, "this city"), read once for the checks, the plan and the
report: the end of its Chinese name says it where its level is one of China's own."""

from __future__ import annotations

#: the last character of a Chinese unit's name that says what it is, and its English word: a county-level
#: city (县级市) is 市 at the county level, an autonomous county 县, a banner (旗) of Inner Mongolia 旗
NAME_ENDS = {"市": "city", "县": "county", "区": "district", "旗": "banner"}
#: a China level's id and its Chinese word (本区)
_ZH_WORD = {"city": "市", "district": "区", "county": "县"}


def own_word(level_word: str | None, name_zh: str | None, zh: bool) -> str | None:
    """The end of the unit's Chinese name where that says what it is, else its level's word. 澄浦市,
    a county-level city assessed at the county level, read "本县没有数据不详的指标" (G25R-12); its
    officials say 本市. Only where the level is one of China's own (市, 区, 县): a framework's own
    levels (社区, an enterprise) keep their names."""
    if level_word not in ("市", "区", "县", "city", "district", "county") or not name_zh:
        return level_word
    end = name_zh.strip()[-1:]
    if end not in NAME_ENDS:
        # a framework that names no unit words gives the level's id ('district'): in Chinese its word,
        # not '本district' (G32H-9: 青石经济开发园, a district of china-learning-city@1)
        return _ZH_WORD.get(level_word, level_word) if zh else level_word
    return end if zh else NAME_ENDS[end]
