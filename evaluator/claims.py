"""Figures in the panel's own sentences checked against the figures it verified.

A panel writes "人均不足6元" from memory of the self-assessment while the verified figure is 6.34
元; signed as it stands, the report contradicts itself. The sentence is not corrected (it is the
panel's), but listed for the panel to resolve, as disagreements between reviewers are.

A claim is a comparison word, a number and a unit ("不足6元", "below 70 %"); it is tied to the
answered indicator with the same unit whose name (and, to tell 社区教育参与率 from 老年教育参与率,
its dimension's name) shares the most words with the sentence, and contradicts it when the
indicator's figure does not stand as the claim says. An approximate figure ("约10%", "about 10 %",
"近" / "nearly") stands when the verified figure lies within ``APPROX`` (±10 %) of it, relative to the
claimed number: a panel rounding 13.33 % to "约13%" is right, "约10%" understates it by a quarter.

The panel's conclusion can also contradict the outcome the rules give ("建议暂缓认定" for a unit the
rules refuse): the outcome names are the framework's own (its recognition block), in zh and en.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indicators.models import Framework

from .result import IndicatorResult, Result

#: the outcomes a panel's conclusion can name, by the framework's own words for them
OUTCOMES = ("recognised", "deferred", "refused", "not_ratable")
#: a word just before an outcome's name that turns it round ("不宜认定为示范区", "not recognised")
_NEGATION = re.compile(r"(不|未|非|无|勿)[宜应能可予得]?$|\b(not|no|never|cannot be)\s+$", re.IGNORECASE)

#: comparison words: True when the figure is claimed to be below the number
_BELOW_ZH = ("不足", "低于", "少于", "不到", "未达到", "未达", "未满")
_ABOVE_ZH = ("超过", "高于", "多于", "达到", "不低于", "不少于", "逾")
_BELOW_EN = ("less than", "below", "under", "short of", "fewer than")
_ABOVE_EN = ("more than", "above", "over", "at least", "exceeds", "exceeding")

_NUM = r"(\d+(?:\.\d+)?)\s*(万)?\s*"
#: a counted unit; 个 of 个月 ("近3个月") is a span of time, not a count
_UNIT_ZH = r"(%|％|元|人|个(?!月)|项|门|所|次)"
_ZH = re.compile("(" + "|".join(_BELOW_ZH + _ABOVE_ZH) + r")\s*" + _NUM + _UNIT_ZH)
_EN = re.compile(r"\b(" + "|".join(_BELOW_EN + _ABOVE_EN) + r")\s+" + _NUM + r"(%|percent|yuan|people|projects)",
                 re.IGNORECASE)
_EN_UNITS = {"percent": "%", "yuan": "元", "people": "人", "projects": "个"}

#: approximation words; the longer first, so that 接近 is not read as 近
_APPROX_ZH = ("大约", "约为", "约合", "接近", "将近", "约", "近")
_APPROX_EN = ("approximately", "roughly", "around", "about", "nearly", "almost", "some")
_ZH_APPROX = re.compile("(" + "|".join(_APPROX_ZH) + r")\s*" + _NUM + _UNIT_ZH)
_EN_APPROX = re.compile(r"\b(" + "|".join(_APPROX_EN) + r")\s+" + _NUM + r"(%|percent|yuan|people|projects)",
                        re.IGNORECASE)
#: how far (relative to the claimed number) a verified figure may lie from an approximate claim
APPROX = 0.10


@dataclass(frozen=True)
class Contradiction:
    text: str
    indicator: str
    claim: str
    figure: float
    unit: str
    unit_zh: str
    approx: bool = False  # an approximate figure ("约10%") outside ±APPROX of the verified one


def _unit_head(unit_zh: str) -> str:
    """The counted unit of an indicator: 元 of 元/人·年, % of %."""
    return unit_zh.split("/")[0].strip()[:1] if unit_zh else ""


def _bigrams(text: str) -> set[str]:
    han = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {han[i:i + 2] for i in range(len(han) - 1)}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())}


def _overlap(sentence: str, name_zh: str, name: str) -> int:
    return len(_bigrams(sentence) & _bigrams(name_zh)) + len(_words(sentence) & _words(name))


def _best(sentence: str, candidates: list[IndicatorResult],
          dims: dict[str, tuple[str, str]] | None = None) -> IndicatorResult | None:
    """The candidate the sentence speaks of: the most words shared with the indicator's name (at
    least two), then with its dimension's name, which tells the qualifier ("老年教育参与率" is the
    older-learners dimension's, not community education's 社区教育参与率)."""
    dims = dims or {}

    def overlap(r: IndicatorResult) -> tuple[int, int]:
        own = _overlap(sentence, r.name_zh, r.name)
        return own, own + _overlap(sentence, *dims.get(r.dimension, ("", "")))

    scored = [(overlap(r), k, r) for k, r in enumerate(candidates)]
    scored = [t for t in scored if t[0][0] >= 2]
    return max(scored, key=lambda t: (t[0][1], t[0][0], -t[1]))[2] if scored else None


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


def approx_in(sentence: str) -> list[tuple[str, float, str]]:
    """(claim text, number, unit) for each approximate figure in the sentence ("约10%", "about 10 %")."""
    out = []
    for m in _ZH_APPROX.finditer(sentence):
        _, number, wan, unit = m.groups()
        out.append((m.group(0), float(number) * (10000 if wan else 1), "%" if unit == "％" else unit))
    for m in _EN_APPROX.finditer(sentence):
        _, number, wan, unit = m.groups()
        out.append((m.group(0), float(number), _EN_UNITS.get(unit.lower(), unit)))
    return out


def _wrong(figure: float, number: float, kind: str) -> bool:
    """The verified figure does not stand as the claim says: "below" needs it under the number,
    "above" at or over it, "approx" within APPROX of the number (13.33 is not "约10%")."""
    if kind == "approx":
        return abs(figure - number) > APPROX * abs(number) + 1e-9
    return figure + 1e-9 >= number if kind == "below" else figure + 1e-9 < number


def _claims(sentence: str) -> list[tuple[str, str, float, str, int]]:
    """(claim text, kind, number, unit, where it starts): comparisons first, then approximate figures."""
    found = [(claim, "below" if below else "above", number, unit, at)
             for claim, below, number, unit, at in _placed(claims_in(sentence), sentence)]
    return found + [(claim, "approx", number, unit, at)
                    for claim, number, unit, at in _placed(approx_in(sentence), sentence)]


def _placed(claims: list[tuple], sentence: str) -> list[tuple]:
    """Each claim with where its text starts in the sentence (a claim written twice: each place once)."""
    out, seen = [], {}
    for c in claims:
        at = sentence.find(c[0], seen.get(c[0], 0))
        seen[c[0]] = at + 1
        out.append((*c, max(at, 0)))
    return out


#: where a clause ends: Chinese and English sentence and clause marks (not a decimal point or a
#: thousands comma: 6.34 and 1,000 stay one number)
_CLAUSE_END = re.compile(r"[，；。！？：!?;:\n]|,(?!\d)|\.(?!\d)")


def _windows(sentence: str, at: int, spans: list[tuple[int, int]]) -> list[str]:
    """The texts a claim starting at ``at`` may name its indicator in, nearest first: since the
    claim before it in its clause, its clause up to it, the sentence up to it, the whole sentence
    (a name after the figure: "不足50%的居民知晓…"). G19-D2: "满意度约60%，知晓率不足50%" tied both
    figures to 满意度, the first indicator the sentence names."""
    ends = [m.end() for m in _CLAUSE_END.finditer(sentence, 0, at)]
    clause = ends[-1] if ends else 0
    since = max([end for start, end in spans if clause <= start and end <= at] or [clause])
    return [sentence[since:at], sentence[clause:at], sentence[:at], sentence]


def _best_near(sentence: str, at: int, spans: list[tuple[int, int]], candidates: list[IndicatorResult],
               dims: dict[str, tuple[str, str]]) -> IndicatorResult | None:
    """The indicator a claim speaks of: named in the nearest window before it (``_windows``); among
    those named there equally, the one whose dimension the whole sentence names."""
    for window in _windows(sentence, at, spans):
        scored = [((_overlap(window, r.name_zh, r.name),
                    _overlap(sentence, *dims.get(r.dimension, ("", "")))), k, r) for k, r in enumerate(candidates)]
        scored = [t for t in scored if t[0][0] >= 2]
        if scored:
            return max(scored, key=lambda t: (t[0][0] + t[0][1], t[0][0], -t[1]))[2]
    return None


def contradictions(result: Result, sentences: list[str]) -> list[Contradiction]:
    """The panel's sentences whose figures the verified Result does not bear out; each figure is
    checked against the indicator named nearest before it in its clause."""
    answered = [r for r in result.indicators if r.state == "answered" and r.figure is not None]
    dims = {d.id: (d.name_zh, d.name) for d in result.dimensions}
    out = []
    for s in sentences:
        found = _claims(s)
        spans = [(c[4], c[4] + len(c[0])) for c in found]
        for claim, kind, number, unit, at in sorted(found, key=lambda c: c[4]):
            r = _best_near(s, at, spans, [r for r in answered if _unit_head(r.unit_zh) == unit], dims)
            if r is not None and r.figure is not None and _wrong(r.figure, number, kind):
                out.append(Contradiction(text=s, indicator=r.id, claim=claim, figure=round(r.figure, 2),
                                         unit=r.unit, unit_zh=r.unit_zh, approx=kind == "approx"))
    return out


@dataclass(frozen=True)
class OutcomeClash:
    """The panel's conclusion names an outcome ("暂缓认定") that is not the one the rules give."""

    text: str
    said: str  # the outcome's id (recognised, deferred, refused, not_ratable)
    words: str  # the outcome's name as the panel wrote it
    outcome: str  # the outcome the rules give


def _outcome_names(fw: Framework) -> list[tuple[str, str]]:
    """(outcome id, name) for every outcome of the framework's recognition block, in zh and en."""
    out = fw.recognition.outcomes
    return [(k, name) for k in OUTCOMES for name in (getattr(out, k).zh, getattr(out, k).en) if name]


def outcomes_said(sentence: str, fw: Framework) -> list[tuple[str, str]]:
    """(outcome id, words) for each outcome the sentence names and does not negate; a name inside a
    longer one ("recognised" in "not recognised") is that longer one's."""
    low = sentence.lower()
    spans = [(m.start(), m.end(), k) for k, name in _outcome_names(fw)
             for m in re.finditer(re.escape(name.lower()), low)]
    kept = [(a, b, k) for a, b, k in spans
            if not any(a2 <= a and b <= b2 and (b2 - a2) > (b - a) for a2, b2, _ in spans)]
    return [(k, sentence[a:b]) for a, b, k in sorted(set(kept)) if not _NEGATION.search(sentence[max(0, a - 12):a])]


def outcome_mentions(sentence: str, fw: Framework) -> list[str]:
    """Each outcome's name the sentence holds as written, negated or not ("认定为示范区" in
    "暂不认定为示范区"): it speaks of the outcome, whichever it gives."""
    low = sentence.lower()
    return [sentence[i:i + len(name)] for _, name in _outcome_names(fw) if (i := low.find(name.lower())) >= 0]


def outcome_clashes(result: Result, fw: Framework, sentences: list[str]) -> list[OutcomeClash]:
    """The panel's sentences that name an outcome and never the one the rules give (a sentence
    naming both, "不予认定而非暂缓认定", weighs them itself and is left to it)."""
    rule = result.recognition.outcome
    out = []
    for s in sentences:
        said = outcomes_said(s, fw)
        if said and rule not in {k for k, _ in said}:
            out.append(OutcomeClash(text=s, said=said[0][0], words=said[0][1], outcome=rule))
    return out


#: the total as a panel writes it: "总分为82.3分", "核定总分82分", "总分约83分"; "a total of 82.3 (points)",
#: "total score of about 83". A line ("总分达到85分", "a total of at least 85") is no figure of the unit's.
_TOTAL_ZH = re.compile(r"总分(?:为|是)?\s*(约|大约|近|接近)?\s*(\d+(?:\.\d+)?)\s*分")
_TOTAL_EN = re.compile(r"\btotal(?: score)?(?: of| is| was)?\s+(about |around |nearly |approximately )?(\d+(?:\.\d+)?)"
                       r"(?!\s*(?:%|percent))", re.IGNORECASE)


@dataclass(frozen=True)
class TotalClaim:
    """A panel sentence's total ("经核定总分为82.3分") that is neither the verified total nor the
    self-assessed one, each rounded as the panel wrote it (G26-T2)."""

    text: str
    claim: str
    said: float  # the total the sentence gives
    total: float  # the verified total


def _total_stands(number: float, written: str, approx: bool, totals: list[float]) -> bool:
    """The number is one of ``totals`` rounded to the places the panel wrote (half up), or, written as
    an approximation ("约83分"), within one point of it."""
    from decimal import Decimal

    from .rounding import half_up

    places = len(written.partition(".")[2])
    return any((approx and abs(t - number) <= 1 + 1e-9) or half_up(t, places) == Decimal(written) for t in totals)


def total_claims(result: Result, sentences: list[str]) -> list[TotalClaim]:
    """The panel's sentences that give the unit's total as a figure the Result does not have: a
    signed report would print "经核定总分为82.3分" in the panel's conclusion beside "总分82.5分" in the
    rules' (G26-T2). The self-assessed total is a figure of the unit too ("自评85.3分，核定82.5分")."""
    totals = [result.total] + ([result.self_assessed.total] if result.self_assessed is not None else [])
    out = []
    for s in sentences:
        for m in [*_TOTAL_ZH.finditer(s), *_TOTAL_EN.finditer(s)]:
            approx, written = m.groups()
            if not _total_stands(float(written), written, bool(approx), totals):
                out.append(TotalClaim(text=s, claim=m.group(0).strip(), said=float(written), total=result.total))
    return out
