"""Whether an answer says its figure is the unit above's: the words the ``parent-figure`` check
warns of, the engine's deferral and ``lcity plan`` all read.

A district that fills in its city's survey result or the city's rate apportioned by population
gives a figure that is not its own record. The words are read from the answer's own note and
evidence titles, so a figure is only ever held for what the unit itself wrote about it.
"""

from __future__ import annotations

import functools
import re

#: Words in a note or an evidence title that say a figure is borrowed from the whole city (or
#: prefecture, province) or apportioned from the city's by a share, not a count of the unit's own:
#: "采用全市调查结果", "按全市注册率乘以本区常住人口折算", "city-wide survey", "apportioned by population".
#: The verb decides, not the word 全市: "依托全市统一平台" or "占全市的三成" beside the district's own
#: count is the district's figure (G8 audit: Baitang was deferred on four of its own figures).
PARENT_FIGURE_WORDS = re.compile(
    r"(?:采用|使用|引用|沿用|套用)(?:了)?(?:全市|全州|全盟|全省|全地区|市级|省级)"
    r"|(?:全市|全州|全省|市级)[^，。；]{0,10}(?:调查|抽样)?结果"
    r"|按[^，。；]{0,12}(?:比例|比率|注册率|开户率|覆盖率|占比)[^，。；]{0,12}折算|乘以本[区县]|占比折算"
    r"|city-?wide (?:survey|figure|rate|result)|the city's (?:figure|survey|rate)|apportioned|pro rata", re.I)
#: the answer kinds a figure is typed in: a choice or checklist says what exists, not how much
FIGURE_TYPES = ("number", "count", "percent")


@functools.lru_cache(maxsize=4096)
def _says_parent(text: str) -> bool:
    """Memoised: the engine asks it of the same notes in every draw of an uncertainty analysis."""
    return PARENT_FIGURE_WORDS.search(text) is not None


def parent_words(note: str | None, evidence: list[str] | tuple = ()) -> tuple[str, str] | None:
    """Where an answer says its figure is the unit above's (``PARENT_FIGURE_WORDS``): ("note", the
    note) or ("evidence", the first such title); None when it does not. ``lcity plan`` reads the
    same words (``evaluator.plan.reached_note``)."""
    if note and _says_parent(note):
        return "note", note
    text = next((e for e in evidence if isinstance(e, str) and _says_parent(e)), None)
    return ("evidence", text) if text is not None else None
