"""A count with its unit, as every text of lcity prints it: "1 hub", "4 hubs", "95%", "4,000人".

A framework gives each unit in both languages (``unit: {en: hubs, zh: 个}``); English needs a
second form after exactly one, which a framework may give (``en_one: hub``, G20-D8: "1 hubs →
4 hubs", "effort 1 days"). Without it, the English rule below singularises the unit's leading
noun ("1 site", "1 person", "1 community/village", "1 hour per resident"). Chinese has one form
and is never changed. The engine's reasons, the reports and the CLI all go through
``unit_words`` so that a count reads the same everywhere.
"""

from __future__ import annotations

from typing import Any

#: words that end a unit's leading noun phrase: "hours | per resident", "% | of wards"
_ENDS_HEAD = frozenset({"per", "of", "in", "on", "for", "with", "a", "an", "the", "by", "to", "at", "from",
                        "each", "every", "aged", "who", "that", "which"})
_IRREGULAR = {"people": "person", "children": "child", "men": "man", "women": "woman", "staff": "staff"}


def one_of(word: str) -> str:
    """An English count noun in the singular: "sites" -> "site", "people" -> "person",
    "communities" -> "community", "businesses" -> "business"; a word that does not look plural
    stays as it is ("staff", "yuan", "series" aside, which no framework counts in)."""
    low = word.lower()
    if low in _IRREGULAR:
        one = _IRREGULAR[low]
        return one.capitalize() if word[:1].isupper() else one
    if not low.endswith("s") or low.endswith(("ss", "us", "is")) or len(low) < 3:
        return word
    if low.endswith("ies") and len(low) > 4:
        return word[:-3] + "y"
    if low.endswith(("sses", "ches", "shes", "xes", "zzes")):
        return word[:-2]
    return word[:-1]


def _looks_plural(word: str) -> bool:
    return one_of(word) != word


def singular_by_rule(unit: str) -> str:
    """The English rule for a unit after exactly one, where the framework gives no ``en_one``: the
    last plural-looking word of the unit's leading noun phrase (before "per", "of", a bracket ...)
    in the singular, each half of "a/b" alike: "effort days" -> "effort day", "hours per resident"
    -> "hour per resident", "communities/villages" -> "community/village"."""
    words = unit.split(" ")
    head = 0
    while head < len(words) and words[head] and words[head].lower() not in _ENDS_HEAD \
            and not words[head].startswith(("(", "（")):
        head += 1
    for k in range(head - 1, -1, -1):
        parts = words[k].split("/")
        if any(_looks_plural(p) for p in parts):
            words[k] = "/".join(one_of(p) for p in parts)
            break
    return " ".join(words)


def _is_one(value: Any, figure: str | None) -> bool:
    if value is not None:
        return not isinstance(value, bool) and isinstance(value, (int, float)) and value == 1
    return figure is not None and figure.strip() in ("1", "1.0")


def unit_words(unit: Any, lang: str, value: Any = None, figure: str | None = None) -> str:
    """The words of ``unit`` (a framework unit, any object with ``get(lang)``, or a plain string)
    as they follow the number ``value`` (or the printed ``figure`` when the number is not at hand)
    in ``lang``: in English after exactly one, the framework's ``en_one`` if it gives one, else
    the unit by ``singular_by_rule``; the unit as written otherwise (and always in Chinese)."""
    if unit is None:
        return ""
    text = unit if isinstance(unit, str) else unit.get(lang)
    if not text or not _is_one(value, figure):
        return text
    # an English-only framework's Chinese text is its English one ("1 hubs" in a Chinese report, G25-T5)
    if lang == "zh" and text != getattr(unit, "en", None):
        return text
    if text.lstrip().startswith("%"):  # "1% of wards": a percentage reads the same (en_one is warned unused)
        return text
    one = getattr(unit, "en_one", None)
    if one:
        return one
    return singular_by_rule(text) if text.isascii() else text


def unit_gap(words: str, lang: str) -> str:
    """What goes between a number and its unit: nothing before "%" and, in Chinese, before a
    Chinese unit ("95%", "4,000人"); a space before any other unit ("31,000 dollars" in a Chinese
    sentence too, G9 #6)."""
    words = words.strip()
    if not words:
        return ""
    latin = words[0].isascii() and words[0].isalpha()
    return "" if (lang == "zh" and not latin) or words.startswith("%") else " "


def count_with_unit(figure: str, unit: Any, lang: str, value: Any = None) -> str:
    """``figure`` (the number as printed: "1", "4,000") followed by ``unit`` as it reads after that
    number in ``lang`` ("1 hub", "4 hubs", "95%", "4,000人"); ``value`` is the number itself,
    else the printed figure decides whether it is one."""
    words = unit_words(unit, lang, value, figure).strip()
    return f"{figure}{unit_gap(words, lang)}{words}"
