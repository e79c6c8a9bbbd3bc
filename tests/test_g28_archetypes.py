"""Audit G28-A: archetype units a panel meets (tests/audit_cities/g28a/AUDIT.md), read as a user
reads them, and the appendices beside a rank and a confidence that rest on figures the panel must
first verify (G27A-2, G27A-4's rest)."""

from __future__ import annotations

import html
from pathlib import Path

from .conftest import lcity_here as lcity, report_lines, section

HERE = Path(__file__).parent / "audit_cities" / "g28a"
G27A = Path(__file__).parent / "audit_cities" / "g27a"


def score(unit: str, *args: str) -> str:
    return " ".join(lcity("score", str(HERE / f"{unit}.yaml"), *args).stdout.split())


def joined(path: Path, lang: str) -> str:
    return html.unescape(" ".join(report_lines(path, lang)))


def summary(unit: str, lang: str = "zh") -> str:
    lines = report_lines(HERE / f"{unit}.yaml", lang)
    return html.unescape(" ".join(section(lines, "评估摘要" if lang == "zh" else "Summary", "目" if lang == "zh" else "Contents")))


# --- G27A-4's rest and G27A-2: the report's appendices ---------------------------------------------


def test_the_benchmark_appendix_says_what_of_the_total_waits_on_verification():
    """附件2 ranked Jingang '1–10' on 98.0 with no word that 14.5 of its points rest on figures
    beyond the plausible range (83.5 without them), which its summary and lcity benchmark say."""
    zh = joined(G27A / "jingang-district-inflated.yaml", "zh")
    assert "注：本区总分中14.5分来自超出常见范围、须经专家组核实的填报（E1、F1、I1、I3、K2）；不计其得分，" \
           "总分为83.5分，表中名次以核实后的总分为准。" in zh
    en = joined(G27A / "jingang-district-inflated.yaml", "en")
    assert "Note: 14.5 points of the district's total rest on figures beyond the plausible range that the panel " \
           "must verify (E1, F1, I1, I3, K2); without them the total is 83.5, and the rank in this table stands " \
           "only once they are verified." in en


def test_the_confidence_beside_figures_to_verify_says_what_it_does_not_measure():
    """附件3 read '可信度 100%' beside five figures beyond the plausible range (G27A-2): confidence is
    the share of evidenced points; it now says so beside them, and what the total is without them."""
    zh = joined(G27A / "jingang-district-inflated.yaml", "zh")
    assert "可信度只反映有无佐证材料，不反映数值本身是否可信：本区总分中14.5分来自超出常见范围、须经专家组核实的填报" \
           "（E1、F1、I1、I3、K2），虽有佐证材料，核实前不宜据此认定；不计其得分，总分为83.5分。" in zh
    en = joined(G27A / "jingang-district-inflated.yaml", "en")
    assert "Confidence says whether answers are backed by evidence, not whether the figures themselves are credible" in en


def test_a_unit_without_such_figures_reads_as_before():
    zh = joined(G27A / "songxi-district-balanced.yaml", "zh")
    assert "表中名次以核实后的总分为准" not in zh and "可信度只反映有无佐证材料" not in zh


# --- the G28-A archetypes: what a panel member would sign ------------------------------------------


def test_the_modest_truthful_county_reads_as_a_bare_pass():
    """Shiling: 60.3, 合格 by 0.3 points, said to be near its line; every gap filed as 'no/0' honestly."""
    zh = score("shiling-county-modest")
    assert "总分 │ 60.3" in zh and "等级：合格 认定结论：不予认定" in zh
    s = summary("shiling-county-modest")
    assert "总分60.3分与60分的等级线相差0.3分，抽样结果分布在线的两侧" in s
    assert "其余4项为如实填报的“无/ 0”" in s or "其余4项为如实填报的“无/0”" in s


def test_the_culture_district_with_weak_funding_is_culture_led_and_told_of_its_funding_first():
    s = summary("gudu-district-culture")
    assert "发展路径：文化赋能型。" in s and "这一判定较为明确" in s
    assert s.partition("主要问题：")[2].lstrip().startswith("D 多元经费保障：得分率18%，低于60%的底线")


def test_the_industry_district_near_every_margin_is_deferred_and_its_surveys_are_not_taken_as_met():
    zh = score("tieshan-district-margins")
    assert "总分 │ 84.7" in zh and "等级：良好 认定结论：暂缓认定" in zh and "L维度得分率58%" in zh
    plan = " ".join(lcity("plan", str(HERE / "tieshan-district-margins.yaml")).stdout.split())
    assert "计划后：86.2 良好，暂缓认定" in plan and "K5按计划为72%（有效问卷350份，少于指标体系要求的400份）" in plan


def test_the_county_with_honest_unknowns_is_told_its_grade_rests_on_them():
    s = summary("qinghe-county-unknowns")
    assert "等级“不合格”取决于按0分计的9项数据不详的指标，补齐数据后很可能改变" in s


# --- the summary's pathway line and key tasks (G27A-7, G27A-9, G28A-4) -----------------------------


def test_a_mixed_unit_declaring_the_type_it_shows_at_its_own_level_is_told_it_does_not_contradict_it():
    """G27A-7: Songxi declares 均衡发展型 and is strong everywhere; the summary read only '混合型。实际做法以
    “文化赋能型”为首…侧重不明显', its declaration unsaid."""
    lines = report_lines(G27A / "songxi-district-balanced.yaml", "zh")
    zh = html.unescape(" ".join(section(lines, "评估摘要", "目")))
    assert "松溪区自述为“均衡发展型”：界定该类型的做法得分率为93%，在本单位各项做法平均水平（91%）上下5个百分点之内，" \
           "与自述并不矛盾。" in zh
    en = html.unescape(" ".join(section(report_lines(G27A / "songxi-district-balanced.yaml", "en"), "Summary", "Contents")))
    assert "declares 'Balanced development': the practices that define that type reach 93% of their points, within 5 " \
           "percentage points of the unit's own average of 91%, which does not contradict the declaration." in en


def test_an_unrated_unit_is_told_to_complete_its_data_first():
    """G27A-9: Beitang (16 of 100 points answered) read '实现“认定为示范区”的关键任务' above tasks that are
    all 'find the figure out'; 六 opens with the data, and now the summary's heading does too. G29R
    (G28R-11): the figures are those of the first stage 六 plans, a rating and 合格, as for a rated unit
    below every grade line (G21-B9), with recognition's task list named beside it."""
    zh = html.unescape(" ".join(section(report_lines(G27A / "beitang-district-nodata.yaml", "zh"), "评估摘要", "目")))
    assert "首先补齐数据以便定级；实现“合格”最关键的待查明指标（先以定级和“合格”为目标：最省力途径是完成28项任务，" \
           "总分由16.0分提高到60.0分；按该途径的先后排列，整改任务清单另列实现“认定为示范区”的31项任务，见“六、意见建议”）：" \
           " F1 社区教育参与率：查明" in zh
    en = html.unescape(" ".join(section(report_lines(G27A / "beitang-district-nodata.yaml", "en"), "Summary", "Contents")))
    assert "First complete the data so that the unit can be rated; the figures to find out that matter most for " \
           "'Pass' (a rating and 'Pass' first: the least-effort way is 28 tasks, raising the total from 16.0 to 60.0; " \
           "in that way's order. For 'Recognised as demonstration zone' the task list sets out 31 tasks; see section 6):" in en


def test_a_grade_resting_on_honest_unknowns_puts_the_data_before_any_task():
    """G28A-4: Qinghe (58.4, 不合格; its nine unknowns drawn at plausible values give 62.3 to 70.0) was
    told to reach 合格 by B2 alone, under a line saying its grade would most likely change with the data."""
    s = summary("qinghe-county-unknowns")
    tasks = s.partition("关键任务")[2]
    assert "首先补齐9项数据不详的指标（列于附件“数据覆盖与可信度”）：按其合理数值，总分已在“合格”线以上，" \
           "补齐数据本身就很可能改变等级" in tasks
    assert tasks.index("首先补齐9项") < tasks.index("B2 法规贯彻实施")
    en = summary("qinghe-county-unknowns", "en")
    assert "First supply the 9 indicators without data (listed in the appendix on data coverage): at their plausible " \
           "values the total already lies above the line of 'Pass'" in en
    # a grade the draws straddle keeps its tasks as they were (Shiling, 60.3, no unknowns)
    assert "首先补齐" not in summary("shiling-county-modest")


# --- G27A-3, G28A-3: notes that say a figure is counted otherwise than the method ------------------


def test_notes_that_count_otherwise_than_the_method_are_listed_beside_the_confidence():
    """Bailu read 92.6, 认定为示范区, 可信度 100 %, with its notes quoted in 三 and nothing asked: 2 of its 9
    street schools 'under construction' beside 9 of 9, platform accounts 'not de-duplicated', online
    learning counted in F1 (the method leaves it out), degree education in D1, training visits for
    persons in I3, 5 of 8 items remedied beside J3 100 %. 附件3 now lists them, each note whole."""
    zh = joined(HERE / "bailu-district-notes.yaml", "zh")
    listed = zh.partition("填报说明表明与指标计算方法口径不一致的指标（虽有佐证材料、计入可信度，核实前不宜据此认定）：")[2][:400]
    for said in ("C1 街道（乡镇）社区学校覆盖：“9个街道中2个街道社区学校尚在建设，计划2026年开班”",
                 "D1 人均社区教育（终身教育）财政经费：“含社区学院新校区基建投入和开放大学学历教育经费”",
                 "E1 终身学习平台覆盖：“平台注册账号数，未按身份证号去重”", "F1 社区教育参与率：“含线上课程学习人次”",
                 "I3 老年人数字技能培训：“按培训人次统计”", "J3 问题整改闭环：“上次评估意见8条，已整改5条，其余3条正在整改”"):
        assert said in listed, said
    assert "G3" not in listed and "K4" not in listed  # teachers are employed; a survey's frame is another question
    en = joined(HERE / "bailu-district-notes.yaml", "en")
    assert "Answers whose own notes say they are counted otherwise than the indicator's method" in en
    assert "Learning-platform reach: '平台注册账号数，未按身份证号去重'" in en
    assert "口径不一致" not in joined(G27A / "songxi-district-balanced.yaml", "zh")


def test_what_only_resembles_counting_otherwise_is_left_alone():
    from evaluator.note_checks import against_method

    funds = "年度决算中社区教育（终身教育）专项经费实际支出，元；不含学历教育、中小学和幼儿园经费"
    assert against_method("人均约8.8元", funds) is None
    assert against_method("不含学历教育经费", funds) is None
    assert against_method("已按身份证号去重", "按身份证号去重") is None
    assert against_method("计划2026年将线上课程纳入统计", "线上课程不计入") is None
    assert against_method("1个街道社区学校2025年停办", "按街道计数，不按学校计数", full=False) is None
    assert against_method("2个社区学校尚在建设", "按街道计数，不按学校计数", full=False) is None  # 7 of 9 says so itself
    assert against_method("含线上课程学习人次", "Online courses not counted; 线上课程不计入") == "含线上课程学习人次"
    assert against_method("platform accounts, not de-duplicated", "de-duplicated by ID number") is not None


def test_a_city_close_to_wuhans_public_profile_finds_wuhan_its_nearest_peer():
    """汉阳江市 answers Wuhan's nine public figures as Wuhan does (B1, B2, C1 151 of 160, E2 6,500, H2 10, J1,
    K3, L1; L2 hosted, not the award) and is culture-led, Wuhan's type in the study's Table 3."""
    zh = " ".join(lcity("benchmark", str(HERE / "hanyangjiang-city-wuhanlike.yaml")).stdout.split())
    assert "最相近的参照单位：武汉市（距离 0.19，9 项共同指标）" in zh
    assert "发展路径：文化赋能型" in zh
    en = " ".join(lcity("benchmark", str(HERE / "hanyangjiang-city-wuhanlike.yaml"), "--lang", "en").stdout.split())
    assert "Nearest peers: Wuhan (distance 0.19, 9 common indicators)" in en
