"""G7's reading of four whole reports, zh and en (tests/audit_reports_g7/AUDIT.md): what a district
official and a panel secretary read in the report's text, sentence by sentence, for the findings
fixed in reports/."""

from __future__ import annotations

import atexit
import html
import re
import shutil
import tempfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import lcity_here

ROOT = Path(__file__).resolve().parent.parent
DISTRICTS = ROOT / "examples" / "districts"
SHIWAN = Path(__file__).resolve().parent / "audit_reports_g7" / "shiwan-district-unratable.yaml"
UNITS = {
    "lanjiang": (DISTRICTS / "lanjiang.yaml", DISTRICTS / "lanjiang.review.yaml"),
    "baiyang": (DISTRICTS / "baiyang.yaml", None),
    "jianglan": (ROOT / "examples" / "jianglan-city.yaml", None),
    "shiwan": (SHIWAN, None),
}
_OUT = Path(tempfile.mkdtemp(prefix="lcity-g7-"))
atexit.register(shutil.rmtree, _OUT, ignore_errors=True)


@cache
def page(unit: str, lang: str) -> str:
    """The report's HTML as ``lcity report`` writes it (only the HTML: ``--html`` without ``-o``)."""
    path, review = UNITS[unit]
    out = _OUT / f"{unit}-{lang}.html"
    args = ["report", str(path), "--html", str(out), "--lang", lang, "--force"]
    if review is not None:
        args += ["--review", str(review)]
    run = lcity_here(*args, cwd=_OUT)
    assert run.returncode == 0, run.stderr
    return out.read_text(encoding="utf-8")


def text(unit: str, lang: str) -> str:
    """What a reader reads: tags dropped, entities read, whitespace as one space."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page(unit, lang))))


def between(t: str, start: str, end: str, last: bool = False) -> str:
    """From ``start`` (its last occurrence with ``last``: a heading after the table of contents) to ``end``."""
    i = t.rindex(start) if last else t.index(start)
    return t[i:t.index(end, i + len(start))]


def ids(t: str) -> list[str]:
    """The indicator ids a list names (the bullets are the stylesheet's, not text)."""
    return re.findall(r"(?<![A-Za-z0-9])[A-L]\d(?![0-9])", t)


# --- #1: 附件3 lists a truthful "no"/0 apart from answers that lack evidence -----------------------

def test_appendix3_lists_truthful_nil_answers_apart_from_those_without_evidence():
    """Baiyang's summary: 8 with evidence, 11 truthful "无/0" needing none, 19 without evidence; 附件3
    listed all 30 under "填报了数据但未列佐证材料" (A1 none, A2 [] …), contradicting it."""
    zh = text("baiyang", "zh")
    assert "11项为如实填报的“无/0”，无需佐证，19项未附佐证材料" in zh
    nil = between(zh, "如实填报“无/0”、得0分、无需佐证的指标：", "填报了数据但未列佐证材料的指标：")
    noev = between(zh, "填报了数据但未列佐证材料的指标：", "附件4")
    assert len(ids(nil)) == 11 and len(ids(noev)) == 19
    assert "A1 学习型城市建设规划" in nil and "A1 学习型城市建设规划" not in noev
    assert "D1 人均社区教育" in noev
    en = text("baiyang", "en")
    nil_en = between(en, "Answered 'no' or 0 truthfully (no points, no evidence needed):", "Answered without evidence:")
    assert ids(nil_en) == ids(nil)


def test_appendix3_reviewed_district_lists_no_indicator_as_lacking_evidence():
    """Lanjiang (reviewed): I2 = [] is its one truthful nil answer; 附件3 said it lacked evidence."""
    zh = text("lanjiang", "zh")
    assert "其余1项为如实填报的“无/0”，无需佐证" in zh
    assert "如实填报“无/0”、得0分、无需佐证的指标： I2 老年教育办学网络 填报了数据但未列佐证材料的指标： 无 " in zh


# --- #2: a practice's difference from the unit's average adds up with the two shares printed -------

def test_pathway_evidence_differences_add_up_with_the_printed_shares():
    """Lanjiang's 八（一）: against "平均得分率90%", D4 at 92% read "高于本单位平均3个百分点" and G2 at
    94% "5个百分点" (rounded from 89.6 %); each line's difference is now the printed shares' difference.
    Since K1 is the city's record for a district (china-learning-city@1), the own average is 89.3 %
    ("89%"): G1 at 95.7 % is 6.4 points above it unrounded, but printed "96%" against "89%" says 7."""
    zh = text("lanjiang", "zh")
    assert "与本单位已作答指标的平均得分率89%相比" in zh
    lines = re.findall(r"得分率(\d+)%，(高于|低于)本单位平均(\d+)个百分点", zh)
    assert len(lines) == 6
    for share, word, d in lines:
        assert int(share) - 89 == (int(d) if word == "高于" else -int(d)), (share, word, d)
    assert "58.3%，得分率96%，高于本单位平均7个百分点" in zh
    en = text("lanjiang", "en")
    assert "58.3%, 96% of the points, 7 percentage points above the unit's own average" in en


@given(st.floats(0, 1), st.floats(0, 1))
def test_printed_difference_is_the_difference_of_the_printed_shares(share: float, own: float):
    from types import SimpleNamespace

    from reports.catalog import load_catalog
    from reports.context_pathway import _diff

    said = _diff(SimpleNamespace(cat=load_catalog("zh")), share - own, share, own)
    shown = round(share * 100) - round(own * 100)
    if shown == 0:
        assert said == "与本单位平均持平"
    else:
        assert said == ("高于" if shown > 0 else "低于") + f"本单位平均{abs(shown)}个百分点"
    # never "above" for a practice under the average, nor "below" for one over it
    assert not (share < own and "高于" in said) and not (share > own and "低于" in said)


# --- #3: the summary's key tasks say that a "查明" task's points need the figure found --------------

def test_summary_key_tasks_to_find_out_a_figure_say_their_points_are_conditional():
    """Shiwan (not ratable): "F1 …（查明（统计核实；需达到390,000人次）；+4.00分…）" promised the points (found out: one effort point, G14 #4);
    六 says "若下表中“查明”的数值达到所列水平"; the summary's step now says it too."""
    summary = between(text("shiwan", "zh"), "评估摘要", "目 录")
    assert "F1 社区教育参与率：查明（统计核实；需达到390,000人次）；若查明的数值达到该水平，+4.00分，工作量1点" in summary
    assert "I1 老年人经常性参与老年教育：查明（统计核实；需达到40,800人）；若查明的数值达到该水平，+4.00分，工作量1点" in summary
    en = between(text("shiwan", "en"), "Summary", "Contents")
    # no parentheses inside parentheses (G7 #12): the step is "task: change; points", not "task (change (how); points)"
    assert "F1 Participation in community education: measure it (count it; 390,000 person-times needed); +4.00 points if the figure found reaches it, effort 1" in en
    # a step whose figure is known promises its points as before
    assert "H3 研究与监测合作伙伴（否 → 是；+3.00分，工作量3点）" in text("baiyang", "zh")


# --- #4: the summary says that a problem answered with the city's record is not the unit's own -----

def test_summary_problem_answered_with_the_citys_record_says_so():
    """Lanjiang's summary listed "L2 国际认可失分1.5分（满分3分）" among the district's problems while
    五 and 六 say L2 is the city's record, which the district cannot change."""
    summary = between(text("lanjiang", "zh"), "评估摘要", "目 录")
    assert "L 国际交流合作：L2 国际认可失分1.5分（满分3分；按所在城市的情况填报，本单位不能单独改变）" in summary
    assert "D 多元经费保障：D1 人均社区教育（终身教育）财政经费失分1.2分（满分4分）" in summary
    en = between(text("lanjiang", "en"), "Summary", "Contents")
    assert ("L2 International recognition (1.5 of 3 points lost; answered with the record of the city it "
            "belongs to, which the unit cannot change by itself)") in en
    # a city's L2 lost only UNESCO's award (it hosted a conference): said to be UNESCO's (G27A-10)
    assert "L 国际交流合作：L2 国际认可失分1分（满分2分；由联合国教科文组织决定，不是本单位自身工作所能达到的）" \
        in between(text("jianglan", "zh"), "评估摘要", "目 录")


# --- #5: no geometric-mean total resting on dimensions that are 0 % only for want of data -----------

def test_geometric_mean_is_not_given_when_dimensions_are_zero_for_want_of_data():
    """Shiwan: "若改用加权几何平均数…总分为13.8分" with D, E, F, I at 0 % because their answers are
    unknown (counted 0): the 13.8 came from the 1 % floor set for a zero share, not from the data."""
    zh = text("shiwan", "zh")
    assert "总分为13.8分" not in zh
    assert ("加权几何平均数（本指标体系不采用的规则）在此不作计算：D、E、F、I维度的得分率因数据不详按0分计为0%，"
            "几何平均数将取决于为0%设定的计算下限，而非填报的数据。") in zh
    assert "dimensions D, E, F, I are at 0% only because their unknown answers count as 0" in text("shiwan", "en")
    # a unit whose dimensions are all reported keeps the comparison
    assert "若改用加权几何平均数（本指标体系不采用的规则，薄弱维度影响更大），总分为92.6分，等级为“优秀”。" in text("jianglan", "zh")


# --- #6: a not-ratable unit's distribution chart draws no grade line --------------------------------

def test_not_ratable_distribution_chart_draws_no_grade_or_outcome_line():
    """Shiwan's Figure 3 drew "合格 60" beside its draws while the same page says "不予定级，故不给出各等级
    和评估结论的概率"; a rated unit keeps its lines."""
    rob = between(text("shiwan", "zh"), "七、稳健性分析", "八、评估结论", last=True)
    assert "不予定级，故不给出各等级和评估结论的概率" in rob
    assert "合格" not in rob and "认定线" not in rob
    assert "总分的抽样分布与90%区间（数据不足，不予定级，不标等级与结论分界线）" in rob
    en = between(text("shiwan", "en"), "7. Robustness", "8. Conclusion", last=True)
    assert "Pass" not in en and "(not ratable: no grade or outcome cut-offs are drawn)" in en
    rated = between(text("jianglan", "zh"), "七、稳健性分析", "八、评估结论", last=True)
    assert "认定线" in rated and "总分的抽样分布、90%区间与等级、结论分界线" in rated


# --- #7: above every floor, the dimensions whose further models 六 lists are not called weak --------

def test_recommendations_do_not_call_a_dimension_above_its_floor_weak():
    """Jianglan (92.7, every dimension above its floor): "薄弱维度可借鉴的做法与目标 G 学习型组织建设
    （得分率89%）" while E (86%) and L (83%) are lower; G was left because E's and L's models were
    already named in the recommendations above."""
    recs = between(text("jianglan", "zh"), "六、意见建议", "七、稳健性分析", last=True)
    assert "薄弱维度" not in recs
    assert "得分率较低的维度中，上述建议未列出的其他可借鉴做法 G 学习型组织建设（得分率89%）：" in recs
    en = between(text("jianglan", "en"), "6. Recommendations", "7. Robustness", last=True)
    assert "More practices to learn from in the lower-scoring dimensions, beyond those named above" in en


# --- #16: full points another body grants are said to be its decision where they are recommended ----

def test_first_improvement_that_unesco_grants_says_so():
    """Jianglan (top grade): "首要改进事项：• L2 国际认可：现为“承办过…”；满分要求“获得联合国教科文组织
    学习型城市奖”。" named as a task what only UNESCO grants (the task table says so for Baiyang)."""
    zh = text("jianglan", "zh")
    said = "满分要求“获得联合国教科文组织学习型城市奖”，由联合国教科文组织决定，本单位的工作只能为之创造条件。"
    assert said in between(zh, "评估摘要", "目 录") and said in between(zh, "六、意见建议", "七、稳健性分析", last=True)
    assert "full points need “Received the UNESCO Learning City Award”, which UNESCO decides: the unit's work can only prepare for it." in text("jianglan", "en")
    # a requirement the unit reaches by its own work reads as before
    assert "现为“无现行有效的规划或行动计划”；满分要求“有规划或行动计划，并分解列出可考核的量化目标”。" in text("baiyang", "zh")


# --- #8: the panel's direct score changes are said to be what they are ------------------------------

def test_panels_direct_score_change_is_not_called_an_answer():
    """Lanjiang (reviewed, J4 −0.5): "专家组对分值的直接调整（合计-0.50分）不是答案" read as "is not the
    solution"; it is not a reported figure a task could change."""
    assert "专家组对分值的直接调整（合计-0.50分）不是填报的数据，任务改变不了，测算中保持不变，上述总分已计入该调整。" in text("lanjiang", "zh")
    assert "不是答案" not in text("lanjiang", "zh")
    assert ("The panel's direct score changes (-0.50 points in all) are not reported figures that a task could "
            "change: the plan keeps them as they are") in text("lanjiang", "en")


# --- #10: "all of them" when every reference unit is too thin to grade -----------------------------

def test_every_reference_unit_too_thin_is_said_as_all_of_them():
    """七, 八 and 附件2 read "12个参照单位中有12个公开数据不足以定级" / "12个中有12个低于定级所需的80%"
    (en "12 of the 12 reference units", "12 of 12 units"): every one of them, said the long way."""
    zh = text("lanjiang", "zh")
    assert "12个参照单位中有12个" not in zh and "12个中有12个" not in zh
    assert "12个参照单位的公开数据均不足以定级（覆盖率低于80%），其未知指标可取任意值，故不给出抽样名次" in zh
    assert zh.count("平均数据覆盖率11%，12个参照单位均低于定级所需的80%，数据不足，不予定级") == 2  # 八 and 附件2 (11.2% under @1 since G16 #1 made 12 lower-bound counts unknown)
    en = text("lanjiang", "en")
    assert "12 of the 12" not in en and "12 of 12 units" not in en
    assert "None of the 12 reference units has enough public data to be graded (coverage below 80%)" in en
    assert "all 12 units are below the 80% needed for a grade and are not rated" in en


# --- #9: one practice named once in 四（二）, its several hows together ------------------------------

def test_pathway_features_name_each_practice_once():
    """Lanjiang's 四（二）: "以学习型组织建设为支撑（学习型组织覆盖面广）；以学习型组织建设为支撑（示范学习型组织）"."""
    zh = text("lanjiang", "zh")
    assert "以学习型组织建设为支撑（学习型组织覆盖面广、示范学习型组织）" in zh
    assert zh.count("以学习型组织建设为支撑（") == 1
    en = text("lanjiang", "en")
    assert "Supported by learning organisations (wide coverage of learning organisations, model learning organisations)" in en


# --- #17: the bar chart does not draw red a dimension whose floor the unknowns leave open ----------

def _bar_chart(unit: str, lang: str) -> str:
    """The SVG of 三's bar chart (the one with the floor's dashed line)."""
    svgs = re.findall(r"<svg.*?</svg>", page(unit, lang), re.S)
    return next(s for s in svgs if "stroke-dasharray" in s and ("底线" in s or "floor" in s))


def test_bar_chart_leaves_dimensions_with_open_floors_uncoloured():
    """Shiwan: 三's table gives K (54 %, 77 % on its answered part), D, E, F, I "数据不详" under 底线, 五 says
    whether they reach the floor depends on the missing data; Figure 2 drew them red "低于60%底线"."""
    from reports.charts import RED

    zh = text("shiwan", "zh")
    assert "各维度得分率（红色为低于60%底线的维度；因数据不详尚不能判断的维度不标红色）" in zh
    assert f'fill="{RED}"/>' not in _bar_chart("shiwan", "zh")  # no red bar: every dimension below 60 % has unknowns
    assert "a dimension whose unknown answers leave the floor open is not red" in text("shiwan", "en")
    # Baiyang: D (20 %, all answered) is below on what it reported: still red, caption as before
    assert f'fill="{RED}"/>' in _bar_chart("baiyang", "zh")
    assert "各维度得分率（红色为低于60%底线的维度）" in text("baiyang", "zh")


# --- #15: an unknown answer a veto reads is said to leave the veto open ------------------------------

def test_unknown_answer_that_decides_a_veto_says_the_veto_is_open():
    """Shiwan's D2 (budget line) is unknown; 六 advised "…未单列预算属一票否决项，应优先解决" (the
    framework's advice) as if the veto applied, and no sentence said the veto is open."""
    recs = between(text("shiwan", "zh"), "六、意见建议", "七、稳健性分析", last=True)
    d2 = between(recs, "D2 专项预算科目及增长 数据不详", "D3 企业职工教育培训经费提取 数据不详")
    # D2 is a choice: found out, not counted (G18-D7)
    assert ("数据不详或未填报，按0分计（满分2分）。应先按指标口径查明实际情况并提供佐证材料。该项决定一票否决项“近两个财政年度未连续单列"
            "学习型城市建设或终身教育专项预算”是否触发，数据查明前既不能认定触发，也不能排除。") in d2
    en = text("shiwan", "en")
    assert "It decides whether the veto “No dedicated learning-city or lifelong-education budget line in one or both of the last two fiscal years” applies: until the answer is known, that can be neither found nor ruled out." in en
    # an unknown answer no veto reads reads as before
    d1 = between(recs, "D1 人均社区教育（终身教育）财政经费 数据不详", "F1 社区教育参与率 数据不详")
    assert "一票否决" not in d1


# --- #18: a county without a university is not told to work with "local" universities ------------

@pytest.mark.parametrize("lang, never, says", [
    ("zh", ("辖区高校", "本地高校"), "市内或省内高校"),
    ("en", ("local universities", "a local university"), "universities in the city or province"),
])
def test_a_unit_without_a_university_is_pointed_to_the_city_or_province(lang, never, says):
    """Baiyang marks H1 not applicable (辖区内没有高等学校); under china-learning-city@1 its task table
    still read '教育行政部门会同辖区高校' and 六 '与本地高校…签订监测研究协议'. @1 now has @2's advice
    and responsible_if_not_applicable for H2 and H3."""
    t = text("baiyang", lang)
    assert not any(w in t for w in never), [w for w in never if w in t]
    assert says in t
