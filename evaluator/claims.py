"""Figures in the panel's own sentences checked against the figures it verified.

A panel writes "人均不足6元" from memory of the self-assessment while the verified figure is 6.34
元; signed as it stands, the report contradicts itself. The sentence is not corrected (it is the
panel's), but listed for the panel to resolve, as disagreements between reviewers are.

A claim is a comparison word, a number and a unit ("不足6元", "below 70 %"); it is tied to the
answered indicator with the same unit whose name shares the most words with the sentence, and
contradicts it when the indicator's figure does not stand as the claim says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .result import IndicatorResult, Result

#: comparison words: True when the figure is claimed to be below the number
_BELOW_ZH = ("不足", "低于", "少于", "不到", "未达到", "未达", "未满")
_ABOVE_ZH = ("超过", "高于", "多于", "达到", "不低于", "不少于", "逾")
_BELOW_EN = ("less than", "below", "under", "short of", "fewer than")
_ABOVE_EN = ("more than", "above", "over", "at least", "exceeds", "exceeding")

_NUM = r"(\d+(?:\.\d+)?)\s*(万)?\s*"
_ZH = re.compile("(" + "|".join(_BELOW_ZH + _ABOVE_ZH) + r")\s*" + _NUM + r"(%|％|元|人|个|项|门|所|次)")
_EN = re.compile(r"\b(" + "|".join(_BELOW_EN + _ABOVE_EN) + r")\s+" + _NUM + r"(%|percent|yuan|people|projects)",
                 re.IGNORECASE)
_EN_UNITS = {"percent": "%", "yuan": "元", "people": "人", "projects": "个"}


@dataclass(frozen=True)
class Contradiction:
    text: str
    indicator: str
    claim: str
    figure: float
    unit: str
    unit_zh: str


def _unit_head(unit_zh: str) -> str:
    """The counted unit of an indicator: 元 of 元/人·年, % of %."""
    return unit_zh.split("/")[0].strip()[:1] if unit_zh else ""


def _bigrams(text: str) -> set[str]:
    han = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {han[i:i + 2] for i in range(len(han) - 1)}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())}


def _best(sentence: str, candidates: list[IndicatorResult]) -> IndicatorResult | None:
    def overlap(r: IndicatorResult) -> int:
        return len(_bigrams(sentence) & _bigrams(r.name_zh)) + len(_words(sentence) & _words(r.name))

    scored = [(overlap(r), k, r) for k, r in enumerate(candidates)]
    scored = [t for t in scored if t[0] >= 2]
    return max(scored, key=lambda t: (t[0], -t[1]))[2] if scored else None


def claims_in(sentence: str) -> list[tuple[str, bool, float, str]]:
    """(claim text, claimed below, number, unit) for each comparison with a number in the sentence."""
    out = []
    for m in _ZH.finditer(sentence):
        word, number, wan, unit = m.groups()
        value = float(number) * (10000 if wan else 1)
        out.append((m.group(0), word in _BELOW_ZH, value, "%" if unit == "％" else unit))
    for m in _EN.finditer(sentence):
        word, number, wan, unit = m.groups()
        out.append((m.group(0), word.lower() in _BELOW_EN, float(number), _EN_UNITS.get(unit.lower(), unit)))
    return out


def contradictions(result: Result, sentences: list[str]) -> list[Contradiction]:
    """The panel's sentences whose figures the verified Result does not bear out."""
    answered = [r for r in result.indicators if r.state == "answered" and r.figure is not None]
    out = []
    for s in sentences:
        for claim, below, number, unit in claims_in(s):
            same_unit = [r for r in answered if _unit_head(r.unit_zh) == unit]
            r = _best(s, same_unit)
            if r is None or r.figure is None:
                continue
            wrong = r.figure + 1e-9 >= number if below else r.figure + 1e-9 < number
            if wrong:
                out.append(Contradiction(text=s, indicator=r.id, claim=claim, figure=round(r.figure, 2),
                                         unit=r.unit, unit_zh=r.unit_zh))
    return out
