"""G21-B2 (tests/audit_cities/g21/AUDIT.md): a unit's own "not applicable" that empties a whole
dimension the framework asks of its level is warned by validate and put to the panel in the
report (五, and the summary's deciding conditions where the unit is recognised)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evaluator.pipeline import read_scored

from .conftest import lcity_here, report_lines, section, squash

G21 = Path(__file__).resolve().parent / "audit_cities" / "g21"
LIYANG = Path(__file__).resolve().parent / "audit_reports_g20" / "liyang-county.yaml"


def _without_international(tmp_path: Path, unit: str = "minghu-district-balanced") -> Path:
    """The unit with L2 and L3 marked not applicable, as Liuxi County marked them."""
    text = (G21 / f"{unit}.yaml").read_text(encoding="utf-8")
    for k in ("L2", "L3"):
        text, n = re.subn(rf"  {k}:\n    value: .*\n    evidence: .*\n    note: .*\n",
                          f"  {k}:\n    status: not_applicable\n    evidence: []\n    note: 区级不承担外事工作，外事权限在市\n", text)
        assert n == 1
    out = tmp_path / f"{unit}-na.yaml"
    out.write_text(text, encoding="utf-8")
    return out


@pytest.mark.parametrize("lang, says", [
    ("zh", "liuxi-county-gaps.yaml:642:13: 警告 na-whole-dimension: L 国际交流合作维度中本级须填报的全部指标（L2、L3）"
           "均标为不适用（not_applicable）：该维度6分不计入评分，总分按其余维度折算，其60%的底线也不再检查"),
    ("en", "liuxi-county-gaps.yaml:642:13: warning na-whole-dimension: every indicator of L International exchange "
           "asked of this level (L2, L3) is marked not_applicable: the dimension's 6 points leave the score"),
])
def test_a_whole_dimension_marked_not_applicable_is_a_warning(lang, says):
    """G21-B2: Liuxi County marked L2 and L3 not applicable ('县级不承担外事工作'); L left the score,
    the total was rescaled over 94 points and L's floor was never checked; validate said nothing."""
    run = lcity_here("validate", "liuxi-county-gaps.yaml", "--lang", lang, cwd=G21)
    assert run.returncode == 0, run.stderr
    assert says in run.stdout
    assert run.stdout.count("na-whole-dimension") == 1


@pytest.mark.parametrize("path", [G21 / "minghu-district-balanced.yaml", G21 / "lanchuan-county-truthful.yaml", LIYANG])
def test_one_not_applicable_indicator_of_a_dimension_is_no_such_warning(path):
    """Lanchuan's H1 (no college in the county) and Liyang's L2 leave the rest of their dimension scored."""
    run = lcity_here("validate", str(path), "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert "na-whole-dimension" not in run.stdout


@pytest.mark.parametrize("lang, deciding, asked", [
    ("zh", "L 国际交流合作维度中本级须填报的全部指标（L2 参与城市国际交流、L3 国际交流合作活动）由本单位填报为不适用，"
           "该维度6分未计入评分，其60%的底线也未检查：须经专家组核实这些指标确不适用，“认定为示范区”方能成立",
     "L维度中本级须填报的全部指标（L2 参与城市国际交流、L3 国际交流合作活动）均由本单位填报为不适用"
     "（理由：区级不承担外事工作，外事权限在市），该维度6分未计入评分，总分按其余维度折算，其底线也未检查：请专家组核实"),
    ("en", "Every indicator of L International exchange asked of this level (L2 Part in the city's international "
           "exchange; L3 International exchange activity) is marked not applicable by the unit, so the dimension's 6 "
           "points are left out of the score and its 60% floor is not checked: 'Recognised as demonstration zone' "
           "stands only once the panel has checked that they do not apply",
     "Every indicator of dimension L asked of this level (L2 Part in the city's international exchange; L3 "
     "International exchange activity) is marked not applicable by the unit (the unit's note, as written: "
     "区级不承担外事工作，外事权限在市)"),
])
def test_a_recognition_resting_on_a_dimension_marked_not_applicable_says_so(tmp_path, lang, deciding, asked):
    """G21-B2: Minghu, deferred at 89.5 with L at 58 %, reads 91.5 and recognised once L2 and L3 are
    'not applicable'; the summary's deciding conditions and 五 now put those answers to the panel."""
    path = _without_international(tmp_path)
    r = read_scored(path)[0]
    # held until the panel confirms the answers (the engine's rule since G21-B2's second part)
    assert r.recognition.outcome == "deferred" and r.recognition.recognised_if_verified
    assert r.recognition.own_not_applicable == ["L2", "L3"]
    lines = report_lines(path, lang)
    head, end = ("评估摘要", "目") if lang == "zh" else ("Summary", "Contents")
    summary = squash(" ".join(section(lines, head, end)).replace("&#39;", "'"))
    assert squash(deciding) in summary
    problems = squash(" ".join(lines).replace("&#39;", "'"))
    assert squash(asked) in problems


def test_the_same_district_answering_what_it_did_is_deferred_and_not_asked():
    lines = report_lines(G21 / "minghu-district-balanced.yaml", "zh")
    text = squash(" ".join(lines))
    assert "由本单位填报为不适用" not in text
    assert read_scored(G21 / "minghu-district-balanced.yaml")[0].recognition.outcome == "deferred"
