"""Session 28, the lead's fixes: `lcity score` says a floor missed only for want of data as the
report's 八 says it (G27R-6)."""

from __future__ import annotations

from pathlib import Path

from .conftest import lcity_here as lcity

G27R = Path(__file__).parent / "audit_cities" / "g27r"
LANFENG = G27R / "lanfeng-county-elderly-gaps.yaml"  # D and G at 0 % on unknown answers, E/K/L/B weak on its figures


def _bullets(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("•")]


def test_score_says_a_floor_missed_for_want_of_data_as_the_report_does():
    zh = _bullets(lcity("score", str(LANFENG)).stdout)
    assert "• D维度得分率0%（失10分），低于60%的底线（该维度有数据不详的指标，按0分计；补齐后可能达到底线，尚不能判断其强弱）" in zh
    assert "• G维度得分率0%（失8分），低于60%的底线（该维度有数据不详的指标，按0分计；补齐后可能达到底线，尚不能判断其强弱）" in zh
    assert "• E维度得分率50%（失5.02分），低于60%的底线" in zh  # weak on its own figures: said as before
    en = _bullets(lcity("score", str(LANFENG), "--lang", "en").stdout)
    assert "• dimension D at 0% (10 points lost) is below the 60% floor (its unknown answers count as 0; answered, " \
           "they could lift it to the floor, so it cannot yet be judged weak)" in en
    assert "• dimension K at 53% (4.7 points lost) is below the 60% floor" in en


def test_the_json_keeps_the_rules_reasons():
    import json

    rec = json.loads(lcity("score", str(LANFENG), "--format", "json").stdout)["recognition"]
    assert "D维度得分率0%（失10分），低于60%的底线" in rec["reasons_zh"]


# --- G27R-9 / G27A-6: the summary's main strengths ----------------------------------------------

SHIWAN = G27R / "shiwan-district-line.yaml"
SONGXI = Path(__file__).parent / "audit_cities" / "g27a" / "songxi-district-balanced.yaml"


def _strengths(path: Path, lang: str = "zh") -> list[str]:
    from .conftest import report_lines, section

    head, end = ("主要优势", "主要问题") if lang == "zh" else ("Main strengths", "Main problems")
    return [ln.split(" ")[0] for ln in section(report_lines(path, lang), head, end)[1:]]


def test_a_one_point_yes_no_item_does_not_lead_the_strengths():
    # Shiwan (84.96) led with "E5 平台适老化与无障碍符合要求", 1 point of 100, on a "median" of one
    # reference city (Shanghai's E); Songxi, whose point is a community school in every street, too
    assert _strengths(SHIWAN) == ["A1", "A2", "A3"]
    assert _strengths(SONGXI) == ["C1", "A1", "A2"]
    assert _strengths(SONGXI, "en") == ["C1", "A1", "A2"]


def test_a_dimension_far_above_its_baseline_still_leads():
    # Shuguang's platforms (E, 10 of 10 points) before its policy (A, 8 of 8), as G25R-11 wanted
    assert _strengths(Path(__file__).parent / "audit_cities" / "g25r" / "shuguang-district-digital.yaml") == \
        ["E1", "E2", "E3"]
