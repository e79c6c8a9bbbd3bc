"""G21 audit: eight archetype units an expert panel meets (tests/audit_cities/g21/, AUDIT.md). The
judgments the panel member signs are asserted so that they stay; the fixed findings are asserted
as the user now sees them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from evaluator.pipeline import read_scored

from .conftest import assert_agreed, report_lines, section, squash

G21 = Path(__file__).resolve().parent / "audit_cities" / "g21"
LIYANG = Path(__file__).resolve().parent / "audit_reports_g20" / "liyang-county.yaml"


@cache
def scored(unit: str):
    return read_scored(G21 / f"{unit}.yaml")[0]


@pytest.mark.parametrize("unit, total, grade, outcome, pathway", [
    ("jianggang-district-industry", 63.6, "pass", "refused", "industry"),
    ("chengyang-city-culture", 55.4, "fail", "refused", "culture"),
    ("lanchuan-county-truthful", 24.3, "fail", "refused", "mixed"),
    ("haichuan-city-declared-intl", 75.3, "pass", "deferred", "balanced"),
    ("minghu-district-balanced", 89.5, "good", "deferred", "mixed"),
])
def test_totals_grades_outcomes_and_pathways_agreed(unit, total, grade, outcome, pathway):
    assert_agreed(scored(unit), total, grade, outcome, pathway)


@pytest.mark.parametrize("lang, deciding, asked", [
    ("zh", "共46项填报未列佐证材料，须经专家组逐项核查（见附件3）：共得92.9分，不计其得分，总分为3.0分，"
           "低于暂缓认定线75分：等级和评估结论都取决于核实结果",
     "46项得分的填报未列佐证材料（A2、A3、B1、B2、C1、", ),
    ("en", "46 answers with no evidence listed, for the panel to check one by one (see Appendix 3); they carry 92.9 "
           "points, and without them the total is 3.0, below the deferral line of 75: the grade and the outcome "
           "depend on the verification",
     "46 answers that earn points list no evidence (A2, A3, B1, B2, C1, "),
])
def test_a_recognition_on_answers_without_evidence_says_what_rests_on_them(lang, deciding, asked):
    """G21-B1: Jinsha listed evidence for A1 only; 95.9, 认定为示范区, and 五 read '未发现需要指出的问题'."""
    lines = report_lines(G21 / "jinsha-district-noevidence.yaml", lang)
    head, end = ("评估摘要", "目") if lang == "zh" else ("Summary", "Contents")
    summary = squash(" ".join(section(lines, head, end)).replace("&#39;", "'"))
    assert squash(deciding) in summary
    five = [i for i, ln in enumerate(lines) if ln.startswith("五、存在问题" if lang == "zh" else "5. Problems")][-1]
    body = squash(" ".join(lines[five:five + 6]).replace("&#39;", "'"))
    assert squash(asked) in body
    assert "未发现需要指出的问题" not in body
    # the strengths name what sets Jinsha apart (its funds, D, 10 of 10 points, G27A-6), each still
    # marked as unverified
    marked = "D1 人均社区教育（终身教育）财政经费为10.86元/人·年，达到10元/人·年的满分标准（未列佐证材料，待核实）" \
        if lang == "zh" else "D1 Public community/lifelong-education funds per resident: 10.86 yuan per resident per " \
        "year, reaching the full-points line of 10 yuan per resident per year (no evidence listed; to be verified)"
    assert squash(marked) in summary


def test_a_documented_unit_is_not_asked_about_evidence():
    text = squash(" ".join(report_lines(G21 / "minghu-district-balanced.yaml", "zh")))
    assert "须经专家组逐项核查" not in text and "请专家组逐项核查佐证材料" not in text


@pytest.mark.parametrize("lang, says", [
    ("zh", "就已作答的做法看，高出本单位自身平均水平和领先其他类型的幅度均在判定所需幅度（5个百分点）的两倍以上；"
           "但界定这一类型的做法中，D3 企业职工教育培训经费提取、D4 社会资金投入数据不详（占该类型做法权重的44%），"
           "补齐数据后判定可能改变。"),
    ("en", "On the answered practices the call is clear, both margins more than twice what the rule needs (5 "
           "percentage points); but of the practices that define this type, D3 Enterprise employee-training funds; "
           "D4 Non-government funding have no data (44% of the type's weight), and the call may change once they are known."),
])
def test_a_type_called_on_half_its_practices_says_which_are_unknown(lang, says):
    """G21-B4: Liuxi's 产业驱动型 rested on G3 and G4; D3 and D4 (market-oriented funding) were
    unknown, and the report read '这一判定较为明确'."""
    assert scored("liuxi-county-gaps").pathway.type == "industry"
    lines = report_lines(G21 / "liuxi-county-gaps.yaml", lang)
    text = squash(" ".join(lines).replace("&#39;", "'"))
    assert squash(says) in text
    assert "这一判定较为明确" not in text and "This is a clear call" not in text


def test_a_type_whose_practices_are_all_answered_is_still_a_clear_call():
    text = squash(" ".join(report_lines(G21 / "jianggang-district-industry.yaml", "zh")))
    assert "这一判定较为明确" in text and "补齐数据后判定可能改变" not in text
