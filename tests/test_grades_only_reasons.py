"""A framework that only grades (a total line of 0, no floor: binhai-star-rating@1, G15) gets reasons
that say so, and its levels are named as its units are called (G15 #4, #6)."""

from __future__ import annotations

import pytest

from .conftest import ROOT, lcity_here as lcity

G15 = ROOT / "tests" / "audit_frameworks" / "g15"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G15))


@pytest.mark.parametrize("lang, said, not_said", [
    ("zh", "• 总分75.0分（指标体系未设总分线）", "达到0分"),
    ("en", "• total 75.0 (the framework sets no total line)", "reaches 0"),
])
def test_a_rating_without_a_line_says_it_sets_none(lang, said, not_said):
    out = lcity("score", str(G15 / "yucun-2025.yaml"), "--lang", lang).stdout
    assert said in out and not_said not in out


def test_the_china_frameworks_line_is_said_as_before():
    out = lcity("score", str(ROOT / "examples" / "jianglan-city.yaml")).stdout
    assert "• 总分92.7分，达到85分，各维度均达到60%的底线" in out


def test_a_level_is_named_as_its_units_are_called_in_english():
    out = lcity("score", str(G15 / "yucun-2025.yaml"), "--explain", "--lang", "en").stdout
    assert "does not apply to a shequ" not in out and "does not apply to a 社区" in " ".join(out.split())
