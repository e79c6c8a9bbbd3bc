"""``lcity trend`` of two one-year assessments (audit G15, finding 13): "评估周期 2023–2023、2025–2025",
"2023–2023 → 2025–2025：总分 +48.38 分". A one-year cycle is printed once, as cities, benchmark and
the ranking print it; a cycle of two years keeps both.
"""

from __future__ import annotations

import pytest

from .conftest import ROOT, lcity

G15 = ROOT / "tests" / "audit_frameworks" / "g15"


@pytest.mark.parametrize("lang, says", [
    ("zh", ["分维度得分变化（评估周期 2023、2025，按截止年份列示）", "2023 → 2025：总分 +48.38 分",
            "得分变化超过 0.01 分的指标（2023 → 2025）"]),
    ("en", ["Change by dimension (cycles 2023, 2025, shown by their last year)", "2023 → 2025: total +48.38 points",
            "Indicators whose score moved by more than 0.01 points (2023 → 2025)"]),
])
def test_a_one_year_cycle_is_printed_once(monkeypatch, lang: str, says: list[str]):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G15))
    run = lcity("trend", str(G15 / "haiwan-2023.yaml"), str(G15 / "haiwan-2025.yaml"), "--lang", lang)
    assert run.returncode == 0, run.stderr
    for line in says:
        assert line in run.stdout
    assert "2023–2023" not in run.stdout and "2025–2025" not in run.stdout


def test_a_two_year_cycle_keeps_both_years():
    run = lcity("trend", *(str(ROOT / "examples" / "trend" / f"qingshi-{y}.yaml") for y in (2021, 2023)))
    assert "2020–2021 → 2022–2023：总分" in run.stdout
