"""A dimension below its floor names where its points are lost, the most first, even where the
indicator losing most is not itself below the weak line (G8 #7: Yiyang's D1, 62 % of its points and
1.14 of 3 lost, was left out of "失分主要在D4…；D5…；D3…", which lose 1.12, 1.0 and 0.75)."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT, report_lines

YIYANG = ROOT / "tests" / "audit_cities" / "g8" / "yiyang-city-floor.yaml"


@pytest.mark.parametrize("lang, head, first, then", [
    ("zh", "D 多元经费保障：得分率59.9%", "失分主要在D1 ", ["D4 ", "D5 ", "D3 "]),
    ("en", "D Funding from diverse sources: 59.9% of its points", "points are lost mainly in D1 ", ["D4 ", "D5 ", "D3 "]),
])
def test_the_floor_item_names_the_indicator_losing_most_first(lang, head, first, then):
    lines = report_lines(YIYANG, lang)
    items = [ln for ln in lines if ln.startswith(head) and ("失分主要在" in ln or "lost mainly" in ln)]
    assert items, f"五 has the floor item of D in {lang}"
    text = re.sub(r"\s+", " ", items[0])
    at = text.index(first)
    places = [text.index(i, at + 1) for i in then]
    assert places == sorted(places), text


def test_a_floor_item_without_a_greater_loser_reads_as_before():
    """Qingshi's D: its weak indicators are where it loses most; nothing else is added."""
    lines = report_lines(ROOT / "examples" / "qingshi-district.yaml", "zh")
    floor = [re.sub(r"\s+", " ", ln) for ln in lines if "低于60%的底线" in ln and "失分主要在" in ln]
    for ln in floor:
        named = re.findall(r"[；在]([A-L]\d) ", ln)
        assert named and len(named) == len(set(named)), ln
