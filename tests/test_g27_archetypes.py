"""Audit G27-A: archetype units a panel recognises at once, and the leftover G26-T5, as a user reads
them (tests/audit_cities/g27a/AUDIT.md)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from .conftest import lcity_here as lcity, report_lines, section

HERE = Path(__file__).parent / "audit_cities" / "g27a"
G26T = Path(__file__).parent / "audit_cities" / "g26t"


def text(path: Path, lang: str) -> str:
    return html.unescape(" ".join(report_lines(path, lang)))


def body(lines: list[str]) -> list[str]:
    """The report after its table of contents (whose lines repeat the section titles)."""
    k = [i for i, ln in enumerate(lines) if ln.startswith(("一、", "1 "))]
    return lines[k[1]:] if len(k) > 1 else lines


# --- G26-T5: a survey line within its margin where the total alone decides -------------------------


@pytest.fixture
def baisha_mid(monkeypatch, tmp_path):
    """白沙镇 at 75.1 (合格, ten points below the 示范 line), MY1 77 % and MY2 82 % on 310
    questionnaires, both lines within their margins (the G26-T audit's variant)."""
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G26T / "fw"))
    src = (G26T / "baisha-zhen-2025.yaml").read_text(encoding="utf-8")
    out = tmp_path / "baisha-mid.yaml"
    out.write_text(src.replace("ZZ2: {value: full", "ZZ2: {value: annual").replace("JF1: {value: 290000", "JF1: {value: 200000")
                   .replace("SZ1: {value: 10500", "SZ1: {value: 7000"), encoding="utf-8")
    return out


def test_a_survey_line_below_the_total_line_is_not_what_decides(baisha_mid):
    """G26-T5: the main problems, 五's first group and 六's first recommendations led with MY1 and MY2
    '决定评估结论'; at 75.1 whichever side of 75 % and 80 % the rates lie, the outcome stays 合格:
    the total decides it."""
    lines = report_lines(baisha_mid, "zh")
    problems = section(lines, "主要问题", "首要改进事项")
    assert not any("MY1" in ln for ln in problems) and problems[1].startswith("SZ 数字化学习")
    five = section(body(lines), "五、存在问题", "六、意见建议")
    heads = [ln for ln in five if ln.startswith("（")]
    assert heads[:2] == ["（一）得分偏低的指标", "（二）门槛在抽样误差范围内的居民问卷调查指标"], heads
    zh = "".join(five)
    assert "总分75.1分，低于“命名为社区教育示范街道（乡镇）”所需的85分，这一门槛目前不影响评估结论，" \
           "申请“命名为社区教育示范街道（乡镇）”前须先复核。" in zh
    six = "".join(section(body(lines), "六、意见建议", "七、"))
    assert "先列决定评估结论的指标" not in six and "以下建议针对10项失分指标，按失分多少排序" in six
    en = text(baisha_mid, "en")
    assert "The total of 75.1 is below the 85 points 'Named a model community-education street (township)' " \
           "needs: this threshold does not bear on the outcome for now" in en


def test_a_survey_line_at_the_total_line_still_leads():
    """Where every other condition holds the rate within its margin decides, and leads as before:
    Beiquan at 85.2 with K4 at 81 % (± 3.1)."""
    lines = report_lines(Path(__file__).parent / "audit_cities" / "g4" / "beiquan-district-line.yaml", "zh")
    problems = section(lines, "主要问题", "首要改进事项")
    assert problems[1].startswith("K4 居民对学习型城市建设的知晓度：81%")
    assert "目前不影响评估结论" not in "".join(lines)


# --- the G27-A archetypes: what a panel member would sign, as the user reads it --------------------


def score(unit: str, *args: str) -> str:
    return " ".join(lcity("score", str(HERE / f"{unit}.yaml"), *args).stdout.split())


def summary(unit: str, lang: str = "zh") -> str:
    lines = report_lines(HERE / f"{unit}.yaml", lang)
    return html.unescape(" ".join(section(lines, "评估摘要" if lang == "zh" else "Summary", "目" if lang == "zh" else "Contents")))


def test_the_documented_balanced_district_gets_the_top_grade_and_nothing_to_do():
    """Songxi: every answer documented, every dimension above its floor, surveys on 800 clear of
    their lines: 优秀, 认定为示范区, confidence 1.00; the plan has nothing to add; the benchmark
    gives a rank interval, never a first place on the reference cities' 11 % of public data."""
    zh = score("songxi-district-balanced")
    assert "总分 │ 92.0" in zh and "等级：优秀 认定结论：认定为示范区" in zh and "可信度：1.00" in zh
    assert "已达到目标，无需调整。" in lcity("plan", str(HERE / "songxi-district-balanced.yaml")).stdout
    bench = " ".join(lcity("benchmark", str(HERE / "songxi-district-balanced.yaml")).stdout.split())
    assert "松溪区：总分 92.0，名次 第1–13位/共13个" in bench and "只能作为大致参照" in bench


def test_the_industry_district_is_read_as_industry_driven_and_told_to_mend_community_education():
    s = summary("yechuan-district-industry")
    assert "发展路径：产业驱动型。" in s and "这一判定较为明确" in s
    assert "主要优势： G3 从业人员继续教育为175.6人次/百名从业人员" in s
    assert "主要问题： F 社区教育支点：得分率9%，低于60%的底线 C 三级联动治理网络：得分率25%" in s
    tasks = s.partition("关键任务")[2]
    assert tasks.index("I1 老年人经常性参与老年教育") < tasks.index("C1 街道（乡镇）社区学校覆盖") < tasks.index("F1 社区教育参与率")


def test_the_international_city_is_read_as_such_and_not_held_to_unescos_decisions():
    zh = score("langang-city-intl")
    assert "实际做法显示：国际化导向型" in zh
    assert "L：底线按本单位自身工作可得的3分计（不计由联合国教科文组织决定而未获得的L1、L2共3分）" in zh
    s = summary("langang-city-intl")
    assert "发展路径：国际化导向型。" in s and "L3 国际交流合作活动为7项" in s


def test_the_cultural_district_is_read_as_culture_led_with_its_heritage_as_strengths():
    s = summary("wenxi-district-culture")
    assert "发展路径：文化赋能型。" in s
    strengths = s.partition("主要优势：")[2].partition("主要问题：")[0]
    assert "E4 沉浸式、体验式学习场景为12.68个/10万人" in strengths and "K3 学习活动周与品牌激励" in strengths
    en = summary("wenxi-district-culture", "en")
    assert "Cultural empowerment" in en


def test_a_unit_without_data_is_not_failed_and_is_told_what_a_rating_needs():
    """Beitang answers 6 indicators (16 points): 数据不足，不予定级, never 不合格; the report now says
    what validate said, the 64 points still to answer (G27A-5)."""
    zh, en = score("beitang-district-nodata"), score("beitang-district-nodata", "--lang", "en")
    assert "等级：数据不足，不予定级 认定结论：数据不足，不予定级" in zh and "不合格" not in zh
    assert "Grade: Not ratable" in en and "Fail" not in en
    assert "不定等级，不作评估结论。再填报至少64分的指标即可定级（已填报的指标共16分，定级须达到可得分值的80%；" \
           "数据不详或未填报的41项指标列于附件“数据覆盖与可信度”）。" in summary("beitang-district-nodata")
    assert "No grade and no decision. Answering indicators worth at least 64 more points would allow a rating" \
           in summary("beitang-district-nodata", "en")


def test_an_inflating_unit_is_held_and_its_total_without_the_impossible_figures_is_given():
    zh = score("jingang-district-inflated")
    assert "认定结论：暂缓认定" in zh
    assert "E1（160%，常见范围至100%）" in zh and "须经专家组核实后方可认定" in zh
    assert "只依据120份有效问卷，少于指标体系要求的400份" in zh
    s = summary("jingang-district-inflated")
    assert "共得14.5分，不计其得分，总分为83.5分，低于认定线85分：等级和评估结论都取决于核实结果" in s


def test_a_main_problem_another_body_decides_says_so():
    """G27A-10: Langang's main problems listed 'L1 全球学习型城市网络成员失分2分' bare, as if the city's own
    work could mend it; GNLC membership is UNESCO's decision (its floor already leaves it out)."""
    zh = summary("langang-city-intl").partition("主要问题：")[2].partition("关键任务")[0]
    assert "L1 全球学习型城市网络成员失分2分（满分2分；由联合国教科文组织决定，不是本单位自身工作所能达到的）" in zh
    en = summary("langang-city-intl", "en").partition("Main problems:")[2]
    assert "L1 GNLC membership (2 of 2 points lost; decided by UNESCO, beyond what the unit's own work can reach)" in en


def test_the_benchmark_says_what_of_the_total_waits_on_verification():
    """G27A-4: Jingang ranked '第1–10位' with no word that 14.5 of its 98.0 points rest on figures
    beyond the plausible range (83.5 without them), which its report's summary says."""
    zh = " ".join(lcity("benchmark", str(HERE / "jingang-district-inflated.yaml"), "--lang", "zh").stdout.split())
    assert "金港区：总分 98.0，名次 第1–10位/共13个" in zh
    assert "注：总分中14.5分来自超出常见范围、须经专家组核实的填报（E1、F1、I1、I3、K2）；不计其得分，总分为83.5分，" \
           "名次以核实后的总分为准。" in zh
    en = " ".join(lcity("benchmark", str(HERE / "jingang-district-inflated.yaml"), "--lang", "en").stdout.split())
    assert "Note: 14.5 points of the total rest on figures beyond the plausible range that the panel must verify " \
           "(E1, F1, I1, I3, K2); without them the total is 83.5, and the rank stands only once they are verified." in en
    assert "注：总分中" not in lcity("benchmark", str(HERE / "songxi-district-balanced.yaml"), "--lang", "zh").stdout
