"""G29R: reports read as the district and the panel chair would (tests/audit_cities/g29r/AUDIT.md), and
three carried items. Each test asserts what a reader reads in the report, zh and en; the quotes in
the docstrings are what the report printed before the fix."""
from __future__ import annotations

import html
from pathlib import Path

import pytest

from .conftest import report_lines, report_one_line, section, squash

HERE = Path(__file__).parent / "audit_cities"
G29R = HERE / "g29r"
JINHE, JINHE_BEFORE = G29R / "jinhe-city-2025.yaml", G29R / "jinhe-city-2022.yaml"
TANGHE = G29R / "tanghe-county-raised.yaml"
TANGHE_REVIEW = G29R / "tanghe-county-raised.review.yaml"
ZHUYUAN = HERE / "g28r" / "zhuyuan-county-sparse.yaml"
KINGSMERE = HERE / "g28t" / "kingsmere-2025.yaml"


# ---- G29R-1: a unit that lost its recognition is not "尚未认定" --------------------------------------

@pytest.mark.parametrize("lang, said, old", [
    ("zh", "目标：认定为示范区（本单位上次评估（2020–2022）的结论为“认定为示范区”，本期未达认定条件；按认定的全部条件测算）。",
     "本单位尚未认定"),
    ("en", "Target: Recognised as demonstration zone (the unit was 'Recognised as demonstration zone' at its last "
           "evaluation (2020–2022) and does not meet the conditions this period; the plan meets every condition of "
           "recognition).", "this unit is not yet recognised"),
])
def test_a_unit_that_lost_its_recognition_is_not_called_not_yet_recognised(lang, said, old):
    """Jinhe (92.7 认定为示范区 in 2020–2022, 82.1 暂缓认定 now) read '目标：认定为示范区（本单位尚未认定，
    按认定的全部条件测算）' in 六 under a summary saying its outcome went from 认定为示范区 to 暂缓认定."""
    text = squash(report_one_line(JINHE, lang, previous=(JINHE_BEFORE,)))
    assert squash(said) in text and squash(old) not in text
    # without the earlier period nothing says it was recognised, and the words stay as they were
    assert squash(old) in squash(report_one_line(JINHE, lang))


# ---- G29R-2: a county's J4 under china@1 is its county's projects everywhere ----------------------------

@pytest.mark.parametrize("lang", ["zh"])
def test_a_county_reads_its_own_level_in_every_section(lang):
    """Tanghe County (china@1) read 'J4 区级示范项目为2个' in 三 and 五, '4. J4 区级示范项目' and '确定至少3个
    区级示范项目' in 六, '（每个区（县）至少建有一所老年大学）' in 三 and 五, and 'J4 区级示范项目' in 附件1, while
    the summary and 六's task table said 'J4 县级示范项目' (evaluator.plan.for_level, G19-B6)."""
    lines = report_lines(TANGHE, lang, (TANGHE_REVIEW,))
    text = squash(html.unescape(" ".join(lines)))
    for said in ("J4 县级示范项目为2个", "有待提高的方面：县级示范项目为2个", "确定至少3个县级示范项目",
                 "具备2项要求中的1项（本县至少建有一所老年大学）"):
        assert squash(said) in text, said
    assert squash("区级示范项目为") not in text and squash("J4 区级示范项目") not in text
    assert "每个区（县）" not in squash(" ".join(section(lines, "五、存在问题", "六、")))
    # the practices of reference cities keep their own words (Shanghai's 区级老年大学 are its districts')
    assert squash("上海建有18所区级老年大学") in text
    # a city keeps the name the framework gives its level (by_level: 市级示范项目)
    assert squash("J4 市级示范项目") in squash(" ".join(report_lines(HERE.parent.parent / "examples" / "jianglan-city.yaml")))


# ---- G29R-3: a recognition resting on answers without evidence is met "as filed" ----------------------

@pytest.mark.parametrize("lang, deciding, six", [
    ("zh", "总分达到85分，各项认定条件按填报值均已满足", "目标：优秀（总分90分，本单位按填报值已达到认定条件，按上一等级测算）"),
    ("en", "The total reaches 85 and every condition of recognition is met on the figures as filed",
     "this unit meets the conditions of recognition on its figures as filed"),
])
def test_a_recognition_resting_on_unbacked_answers_is_met_as_filed(lang, deciding, six):
    """Tanghe (85.3, recognised after its panel's review; H1 and L3, 4.6 points, with no evidence) read
    '总分达到85分，且各项认定条件均已满足' and '本单位已达到认定条件' beside '…不计其得分，总分为80.8分，低于认定线
    85分：评估结论取决于核实结果'."""
    text = squash(html.unescape(" ".join(report_lines(TANGHE, lang, (TANGHE_REVIEW,)))))
    assert squash(deciding) in text and squash(six) in text
    assert squash("且各项认定条件均已满足") not in text and squash("本单位已达到认定条件") not in text


# ---- carried G28R-11: a not-ratable unit's summary aims at its first stage ------------------------------

@pytest.mark.parametrize("lang, said", [
    ("zh", "首先补齐数据以便定级；实现“合格”最关键的待查明指标（先以定级和“合格”为目标：最省力途径是完成13项任务，"
           "总分由26.7分提高到60.0分；按该途径的先后排列，整改任务清单另列实现“认定为示范区”的28项任务，见“六、意见建议”）："),
    ("en", "First complete the data so that the unit can be rated; the figures to find out that matter most for 'Pass' "
           "(a rating and 'Pass' first: the least-effort way is 13 tasks, raising the total from 26.7 to 60.0; in that "
           "way's order. For 'Recognised as demonstration zone' the task list sets out 28 tasks; see section 6):"),
])
def test_a_unit_not_ratable_below_every_line_is_aimed_at_its_first_stage(lang, said):
    """Zhuyuan (26.7–56.7, not ratable; even full data leaves it below 合格) read '首先补齐数据以便定级；实现
    “认定为示范区”最关键的待查明指标' above a 六 that stages a rating and 合格 first (G28R-11)."""
    head, end = ("评估摘要", "目") if lang == "zh" else ("Summary", "Contents")
    summary = squash(html.unescape(" ".join(section(report_lines(ZHUYUAN, lang), head, end))))
    assert squash(said) in summary


# ---- carried G28T: a Latin name before a figure keeps its space -----------------------------------------

def test_a_latin_survey_name_keeps_a_space_before_its_rate(monkeypatch):
    """Kingsmere's zh methods read 'PART1 Household participation in learning31.5%（有效样本540份…）'."""
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(HERE / "g28t" / "fw"))
    text = " ".join(html.unescape(" ".join(report_lines(KINGSMERE, "zh", (KINGSMERE.with_suffix(".review.yaml"),)))).split())
    assert "PART1 Household participation in learning 31.5%（有效样本540份，误差±3.9个百分点）" in text
    assert "PART2 Learner satisfaction 74%（有效样本540份" in text
    assert "learning31.5%" not in text
