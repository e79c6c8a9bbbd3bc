"""G25-R: archetype units read as an evaluator of Beijing's demonstration-zone evaluations reads
them (tests/audit_cities/g25r/AUDIT.md). Each test asserts what the district or the panel sees in
the report or on the terminal."""

from __future__ import annotations

import html
import json

from .conftest import ROOT, lcity_here, report_lines, section, squash

G25R = ROOT / "tests" / "audit_cities" / "g25r"
SONGHE = G25R / "songhe-county-elderly.yaml"
SONGHE_REVIEW = G25R / "songhe-county-elderly.review.yaml"
JINXIU = G25R / "jinxiu-district-veto.yaml"
JINXIU_REVIEWS = (G25R / "jinxiu-district-veto.review.yaml", G25R / "jinxiu-district-veto.review-member.yaml")


def _text(lines: list[str]) -> str:
    return squash(" ".join(lines))


def _body(lines: list[str], head: str, end: str) -> list[str]:
    """``section`` of the report's body, not of its table of contents (the last line starting with ``head``)."""
    k = max(i for i, ln in enumerate(lines) if ln.startswith(head))
    return section(lines[k:], head, end)


# G25R-1: the panel re-checked the county's 430 questionnaires and confirmed K4 at 81 %; the
# reviewed report read "K4 …81%（未填报样本量，无法计算误差）" and dropped the ± 3.7 the unit's own
# report gave, as if the county had given no sample.
def test_a_survey_rate_the_panel_confirms_keeps_the_units_sample():
    proc = lcity_here("score", str(SONGHE), "--review", str(SONGHE_REVIEW), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    k4 = next(i for i in json.loads(proc.stdout)["indicators"] if i["id"] == "K4")
    assert k4["sample_size"] == 430
    zh = _text(report_lines(SONGHE, "zh", [SONGHE_REVIEW]))
    assert "未填报样本量" not in zh.split("K4居民对学习型城市建设的知晓度81%")[1][:30]
    assert "81%（±3.7个百分点，有效样本430份）" in zh
    en = html.unescape(" ".join(report_lines(SONGHE, "en", [SONGHE_REVIEW])))
    assert "K4 Residents' awareness of the learning city 81% (430 valid responses, ±3.7 percentage points)" in en


# G25R-2: the English report's bullet of an unnamed member's conclusion began with a lowercase
# "reviewer 2 (member): …".
def test_an_unnamed_reviewers_bullet_starts_with_a_capital():
    lines = report_lines(JINXIU, "en", JINXIU_REVIEWS)
    bullets = [ln for ln in lines if "(member):" in ln]
    assert bullets and all(not ln.lstrip("• ").startswith("reviewer") for ln in bullets), bullets
    assert any(ln.lstrip("• ").startswith("Reviewer 2 (member):") for ln in bullets), bullets


# G25R-3: 四（二）"发展路径特征" of an ageing county read "松鹤县呈现“产业驱动型”特征：产业创新需求
# 倒逼教育升级…" as a highlight, while the summary and 八 say the same call is "把握不大" and rests on
# the answered practices only (D3 unknown, 22 % of the type's weight). 四 now says the call is not firm.
def test_a_highlight_pathway_says_a_call_that_is_not_firm_is_not_firm():
    zh = _body(report_lines(SONGHE, "zh"), "四、特色与亮点", "五、存在问题")
    feature = _text(section(zh, "（二）发展路径特征", "五、"))
    assert "松鹤县呈现“产业驱动型”特征" not in feature
    assert "松鹤县的做法以“产业驱动型”为首，但这一判定把握不大（见“八、评估结论”）" in feature
    en = html.unescape(" ".join(_body(report_lines(SONGHE, "en"), "4. Strengths", "5. Problems")))
    assert "shows the features of the 'Industry-driven' pathway" not in en
    assert "Songhe County's practices lean most towards the 'Industry-driven' pathway, but the call is not firm (see section 8)" in en


def test_a_firm_pathway_highlight_keeps_its_plain_words():
    zh = _text(_body(report_lines(ROOT / "tests" / "audit_cities" / "g21" / "jianggang-district-industry.yaml", "zh"),
                       "四、特色与亮点", "五、存在问题"))
    assert "呈现“产业驱动型”特征" in zh and "把握不大" not in zh


# G25R-5: Jinxiu, vetoed by the panel for falsified platform figures, read under 首要改进事项
# "I1 …、K2 …、L2 …": raise elderly enrolment and credit-bank use, nothing of the veto that decides
# its outcome. The summary's first item now names the panel's veto.
def test_a_vetoed_units_first_improvement_is_the_veto():
    zh = report_lines(JINXIU, "zh", JINXIU_REVIEWS)
    recs = section(zh, "首要改进事项", "目")[1:]
    # only the lead lists it: theirs, not the panel's (G26, G25R-4's rest)
    assert recs[0].startswith("先消除黎志坚认定的一票否决项“提供虚假数据或材料”"), recs
    assert "在此之前，其他整改都不能改变评估结论" in recs[0]
    assert len(recs) == 3 and recs[1].startswith("I1 ")  # the summary still names three items
    en = html.unescape(" ".join(report_lines(JINXIU, "en", JINXIU_REVIEWS)))
    first = en.split("First improvements:")[1]
    assert first.lstrip().startswith("First remove the veto 'Falsified data or materials' that 黎志坚 found"), first[:200]


def test_a_unit_without_a_panel_veto_keeps_its_improvements():
    zh = report_lines(JINXIU, "zh")
    assert not any("先消除专家组认定的一票否决项" in ln for ln in zh)


# G25R-6: Songhe reviewed, 一 read "核定更正4项（C2、G1、I1、K4）" — the panel re-checked K4 on the
# county's 430 questionnaires and found it as filed ("与自评一致"): a confirmation, not a correction.
def test_a_figure_the_panel_confirms_is_not_counted_as_corrected():
    zh = _text(report_lines(SONGHE, "zh", [SONGHE_REVIEW]))
    assert "4项（C2、G1、I1、K4）" not in zh
    assert "更正3项（C2、G1、I1）" in zh
    assert "另有1项（K4）经专家组核查，与自评一致" in zh
    en = html.unescape(" ".join(report_lines(SONGHE, "en", [SONGHE_REVIEW])))
    assert "corrected 3 (C2, G1, I1)" in en
    assert "The review also lists 1 more (K4), which the panel checked and found as self-assessed." in en


# G25R-13: Henglan reached the recognition line (85.3) and was held by its L floor; the summary's
# deciding conditions closed with "总分不低于75分，但未同时满足认定条件", as if the total had only
# reached the deferral line.
def test_a_deferred_unit_above_the_recognition_line_is_said_to_reach_it():
    unit = G25R / "henglan-district-estimates.yaml"
    zh = _text(report_lines(unit, "zh"))
    assert "总分不低于75分，但未同时满足认定条件" not in zh and "不低于75分，暂缓认定" not in zh
    assert "总分85.3分，达到认定线85分，但未同时满足其他认定条件" in zh
    assert "总分85.3分，达到85分，但认定的其他条件未全部满足：暂缓认定" in zh  # 八's 主要依据, the engine's reason
    en = html.unescape(" ".join(report_lines(unit, "en")))
    assert "the total is at least 75, but" not in en and "is at least 75: " not in en
    assert "The total of 85.3 reaches the recognition line of 85, but not every other condition of recognition is met" in en
    assert "Total 85.3 reaches 85, but not every other condition is met: recognition deferred" in en
