"""Whether an answer says its figure is not the unit's own record as the framework counts it: the
unit above's (``parent-figure``), or counted another way (``counting-change``). The checks warn of
them; the engine holds recognition where it turns on them; ``lcity plan`` names them.

A district that fills in its city's survey result or the city's rate apportioned by population
gives a figure that is not its own record. The words are read from the answer's own note and
evidence titles, so a figure is only ever held for what the unit itself wrote about it.
"""

from __future__ import annotations

import functools
import re
from typing import Any

#: Words in a note or an evidence title that say a figure is borrowed from the whole city (or
#: prefecture, province) or apportioned from the city's by a share, not a count of the unit's own:
#: "采用全市调查结果", "按全市注册率乘以本区常住人口折算", "city-wide survey", "apportioned by population";
#: of a framework's own levels, the unit above named as such, with its data: "采用上级单位数据", "采用公司本部的统计"
#: (not "采用上级下发的问卷"),
#: "the parent company's figure" (G24-T7: a branch's figure so noted was counted as its own practice).
#: The verb decides, not the word 全市: "依托全市统一平台" or "占全市的三成" beside the district's own
#: count is the district's figure (G8 audit: Baitang was deferred on four of its own figures).
#: The words just after the verb may name a platform the unit uses ("使用省级平台，县级用户数省平台未单独
#: 提供"): using the province's platform is not giving its figure, any more than "依托全市统一平台" is. A note
#: that says so explains why the unit has no figure of its own (G19-A1: a county's unknown E1, filled by its
#: plan, was then held as the province's figure); "使用省级平台数据" still reads as borrowing.
PARENT_FIGURE_WORDS = re.compile(
    r"(?:采用|使用|引用|沿用|套用)(?:了)?(?:全市|全州|全盟|全省|全地区|市级|省级|(?:上级单位|上级|总部|公司本部|本部|集团公司|集团|母公司|总公司)(?=[^，。；]{0,4}(?:数据|数字|统计|调查|结果|台账|记录)))(?!(?:统一)?(?:平台|系统|网站|学分银行)(?:[，。；,;]|$))"
    r"|(?:全市|全州|全省|市级)[^，。；]{0,10}(?:调查|抽样)?结果"
    r"|按[^，。；]{0,12}(?:比例|比率|注册率|开户率|覆盖率|占比)[^，。；]{0,12}折算|乘以本[区县]|占比折算"
    r"|city-?wide (?:survey|figure|rate|result)|the city's (?:figure|survey|rate)|apportioned|pro rata"
    r"|the parent (?:company|unit|organi[sz]ation|body)'s (?:figure|survey|rate|data|record)", re.I)
#: the answer kinds a figure is typed in: a choice or checklist says what exists, not how much
FIGURE_TYPES = ("number", "count", "percent")


def is_figure(answer_type: str) -> bool:
    """Whether an indicator of this answer type is a quantity (``FIGURE_TYPES``): only a quantity
    can be the unit above's figure or one counted another way."""
    return answer_type in FIGURE_TYPES


def may_be_parents(levels: tuple[str, ...] | list[str], level: str | None, answer_type: str,
                   from_parent: tuple[str, ...] | list[str] | None) -> bool:
    """Whether a figure a unit of ``level`` gives may be the unit above's, when its own note or
    evidence says so: the unit is below the top of the framework's ``levels``, the indicator is a
    figure, and its level does not answer it with the city's record anyway (``from_parent``: that
    record is expected, and weighs nothing in its pathway). The check and ``lcity plan``, the
    engine's hold on recognition and the pathway ask this one rule, so that they cannot drift."""
    return bool(levels) and level is not None and level != levels[0] and is_figure(answer_type) \
        and level not in (from_parent or ())


#: what, just before the words, denies them: "未采用全市数据，均为本区统计", "没有使用全市抽样结果",
#: "not the city-wide survey", "did not use the city's figure" say the figure IS the unit's own (G11
#: audit: each deferred a district's recognition on a figure its note said was its own)
_DENIED = re.compile(r"(?:未|没有?|不|并未|并非|非|无|从未|未曾|不是|不曾)(?:曾|再|直接|发生|作出?|做|进行)?(?:统计)?\s*$"
                     r"|\b(?:not|never|no|without|instead\s+of|rather\s+than)\b(?:\s+[\w'’-]+){0,2}\s*$", re.I)
#: opening and closing quotation marks: words quoted ("“采用全市”一说有误") are mentioned, not said
_QUOTES = (("“", "”"), ("「", "」"), ("『", "』"), ("‘", "’"))


def _quoted(before: str) -> bool:
    """Whether a text ending in ``before`` is inside quotation marks at that point."""
    if any(before.count(o) > before.count(c) for o, c in _QUOTES):
        return True
    return before.count('"') % 2 == 1


def says(words: re.Pattern, text: str) -> bool:
    """Whether ``text`` says ``words`` of itself: a match neither denied just before it (``_DENIED``)
    nor inside quotation marks. A note is the unit's own account of its figure, so a denial counts
    as much as an assertion."""
    for m in words.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        if not _DENIED.search(before) and not _quoted(text[:m.start()]):
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _says_parent(text: str) -> bool:
    """Memoised: the engine asks it of the same notes in every draw of an uncertainty analysis."""
    return says(PARENT_FIGURE_WORDS, text)


def parent_words(note: str | None, evidence: list[str] | tuple = ()) -> tuple[str, str] | None:
    """Where an answer says its figure is the unit above's (``PARENT_FIGURE_WORDS``): ("note", the
    note) or ("evidence", the first such title); None when it does not. ``lcity plan`` reads the
    same words (``evaluator.plan.reached_note``)."""
    if note and _says_parent(note):
        return "note", note
    text = next((e for e in evidence if isinstance(e, str) and _says_parent(e)), None)
    return ("evidence", text) if text is not None else None


def borrows(note: str | None, evidence: list[str] | tuple = ()) -> bool:
    """``parent_words(note, evidence) is not None`` without building the pair: the pathway of a
    district asks it of every figure it answered on every score, and ``_says_parent`` already
    remembers each text."""
    if note and _says_parent(note):
        return True
    for e in evidence:
        if isinstance(e, str) and _says_parent(e):
            return True
    return False


#: Words in a note that say a figure is counted another way than before (or than the framework
#: says): "自2025年起将线上课程点播人次计入", "统计口径调整为全部注册账户", "counting basis changed".
#: Quyang's second cycle gained 6.8 of its 10.4 points this way, and was recognised on it (G8 audit).
COUNTING_CHANGE_WORDS = re.compile(
    r"口径(?:调整|变化|变更|改变|有变|改为)|(?:调整|改变|变更)(?:了)?统计口径|(?:自|从)\d{4}年(?:起|开始)[^。；;]{0,24}(?:计入|改为|调整为|纳入统计)"
    r"|counting (?:rule|basis|definition)s? (?:changed|was changed)|(?:changed|new) (?:counting|definition)"
    r"|counted (?:differently|another way)|now (?:also )?counted as",
    re.I)


def counting_change(note: Any) -> bool:
    """Whether an answer's note says its figure is counted another way than before (``COUNTING_CHANGE_WORDS``)."""
    return isinstance(note, str) and _says_recounted(note)


@functools.lru_cache(maxsize=4096)
def _says_recounted(text: str) -> bool:
    return says(COUNTING_CHANGE_WORDS, text)
