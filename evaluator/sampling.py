"""The sampling error of a surveyed rate: one figure for the engine's reason, the checks' warning
and the robustness draws, so that what a report says of a rate and how far the draws move it agree."""

from __future__ import annotations

import math
import re
from typing import Callable

#: the fewest answers on each side (yes and no) for which the usual ± 1.96·√(p(1−p)/n) holds
NORMAL_ENOUGH = 5


def _normal_enough(rate: float, n: int) -> bool:
    """At least ``NORMAL_ENOUGH`` answers on each side, counted on the smaller side alike for a rate
    and its complement: 0.005 % and 99.995 % of 100,000 both have 5 (p and 1 − p in floats did not
    agree, and the two got different margins)."""
    fewer = min(1.0, max(0.0, min(rate, 100 - rate) / 100))
    return n * fewer + 1e-9 >= NORMAL_ENOUGH  # 99.995 is 99.99499… in floats: its 5 answers are 4.99999…


def margin(rate: float, n: int) -> float:
    """95 % margin of error of a percentage from a simple random sample of n, in percentage points.
    The usual normal-approximation margin where the sample has at least ``NORMAL_ENOUGH`` answers
    on each side; else the farther end of the Wilson interval from the rate. A rate of 100 % from 60
    answers had a margin of ± 0.0, as though 60 residents settled it beyond doubt (G15 #15); its
    Wilson interval is 94.0–100 %, so ± 6.0."""
    p = min(1.0, max(0.0, rate / 100))
    if _normal_enough(rate, n):
        return 1.96 * math.sqrt(p * (1 - p) / n) * 100
    z2 = 1.96 ** 2 / n
    centre = (p + z2 / 2) / (1 + z2)
    half = 1.96 / (1 + z2) * math.sqrt(p * (1 - p) / n + z2 / (4 * n))
    return max(p - (centre - half), centre + half - p) * 100


def interval(rate: float, n: int, given: float | None = None) -> tuple[float, float]:
    """The 95 % interval of a percentage from a simple random sample of n, in percent, as ``margin``
    reads it: rate ± margin where the normal approximation holds (kept within 0–100), else the
    Wilson interval itself, which is not symmetric about the rate. Tongxi's K5 of 91 % on 45
    questionnaires has the margin ± 11.9 (the Wilson interval's farther end) and read "95%置信区间
    79.1%—102.9%", a share above 100 % (G22-R1); its interval is 79.1 %–96.4 %. ``given``: the
    margin the engine gave the rate; narrower than ``margin``'s, it is a finite population's
    (``finite_margin``), and the interval is rate ± it (60 of Skerry's 131 young people, G31T2)."""
    if given is not None and given < margin(rate, n) - 1e-9:
        return max(0.0, rate - given), min(100.0, rate + given)
    p = min(1.0, max(0.0, rate / 100))
    if _normal_enough(rate, n):
        m = margin(rate, n)
        return max(0.0, rate - m), min(100.0, rate + m)
    z2 = 1.96 ** 2 / n
    centre = (p + z2 / 2) / (1 + z2)
    half = 1.96 / (1 + z2) * math.sqrt(p * (1 - p) / n + z2 / (4 * n))
    return max(0.0, centre - half) * 100, min(1.0, centre + half) * 100


def finite_margin(rate: float, n: int, population: int) -> float:
    """``margin`` with the finite population correction √((N − n)/(N − 1)): a survey that asked 120 of
    an isle's 131 young people leaves 11 unasked, and its rate is known to about ± 2.4 points, not the
    ± 8.2 of 120 drawn from a large population (G30T, G31T). 0 when everyone was asked."""
    if population <= 1 or n >= population:
        return 0.0
    return margin(rate, n) * math.sqrt((population - n) / (population - 1))


def drawn_population(survey: object, figure: "Callable[[str], float | None]") -> int | None:
    """How many people a unit's survey is drawn from: the profile figure the framework's
    ``survey.drawn_from`` names, as the unit gives it (``figure``: ``City.figure``); None when the
    framework names none or the unit gives none."""
    name = getattr(survey, "drawn_from", None)
    value = figure(name) if name else None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        return None
    return int(value)


#: a sample named in words in a note or an evidence item: "有效样本620份", "问卷1,200份", "620 valid questionnaires"
NAMED = re.compile(r"(?:有效)?(?:样本|问卷)(?:量|数)?[：:为]?\s*[0-9][0-9,，]*\s*份"
                   r"|\b[0-9][0-9,]*\s+valid\s+(?:questionnaires|responses|answers)\b", re.I)


def named_count(words: str) -> int:
    """The count in ``named_sample``'s words: "有效样本1,200份" is 1200, for a sentence in English."""
    return int(re.sub(r"[^0-9]", "", words))


def named_sample(texts: "list[str | None]") -> str | None:
    """The words in which a note or evidence item names a survey's sample, for a rate filed without
    ``sample_size``: the report points to them, and computes no margin from free text the unit did not
    file as its sample. Qingshi's K4 read "（未填报样本量，无法计算误差）" one line below its own evidence
    "2024年居民问卷调查(有效样本620份)", as if the figure were nowhere to be found."""
    for t in texts:
        found = NAMED.search(t) if isinstance(t, str) else None
        if found:
            return found.group(0)
    return None


def required_sample(least: int, population: int | None) -> int:
    """The framework's minimum sample ``least`` (n0) corrected for a finite population of
    ``population`` people (Cochran: ⌈n0 / (1 + (n0 − 1)/N)⌉, never above N); n0 itself when the
    population is unknown. One rule for the engine, the checks, the plan and the report: Skerry asked
    120 of its 131 young people, and every page held it to 200, a sample the isle cannot draw (G31T2);
    200 from a large population buys the margin that 80 of 131 buy, so 80 is what 200 means there."""
    if population is None or population <= 0 or least <= 1:
        return least
    return min(population, math.ceil(least / (1 + (least - 1) / population) - 1e-9))


def unit_sample(survey: object, figure: "Callable[[str], float | None]") -> int | None:
    """``required_sample`` of a unit: the survey's ``min_sample`` corrected for the population its
    ``drawn_from`` names, as the unit gives it (``figure``: ``City.figure``); None without a survey."""
    least = getattr(survey, "min_sample", None)
    if least is None:
        return None
    return required_sample(least, drawn_population(survey, figure))
