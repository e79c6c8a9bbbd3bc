"""G31R: reports read as the district and the panel would (tests/audit_cities/g31r/AUDIT.md), and three
carried items. Each test asserts what a reader reads (report text or lcity output), zh and en where both
apply; the quotes in the docstrings are what was printed before the fix."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from .conftest import between, lcity, report_one_line

HERE = Path(__file__).parent / "audit_cities"
TONGXI, TONGXI_REVIEW = HERE / "g4" / "tongxi-district-review.yaml", HERE / "g4" / "tongxi-district-review.review.yaml"


# ---- carried (3): a reviewed plan scores with the panel's verified set, as verify does ------------------

@pytest.fixture(scope="module")
def tongxi_noted(tmp_path_factory) -> tuple[Path, Path]:
    """桐溪区 (g4) with the unit's own note on E1, '平台注册账号数，未按身份证号去重', and g4's review, which
    verifies E1 deduplicated (120,000), fingerprinted for the copy. Written here, not under audit_cities:
    tests/test_g29_archetypes holds every unit there free of the note-against-method warning."""
    d = tmp_path_factory.mktemp("g31r")
    unit = d / "tongxi-district-noted.yaml"
    text = TONGXI.read_text(encoding="utf-8")
    old = "E1: {value: 168000, evidence: [区终身学习平台注册统计]}"
    assert old in text
    unit.write_text(text.replace(old, old[:-1] + ', note: "平台注册账号数，未按身份证号去重"}'), encoding="utf-8")
    sha = hashlib.sha256(unit.read_bytes()).hexdigest()
    review = d / "tongxi-district-noted.review.yaml"
    r = re.sub(r"sha256: \w+", f"sha256: {sha}", TONGXI_REVIEW.read_text(encoding="utf-8"), count=1)
    review.write_text(r.replace('file: "tongxi-district-review.yaml"', f'file: "{unit.name}"'), encoding="utf-8")
    return unit, review


@pytest.mark.parametrize("lang, plan, gone", [
    ("zh", "完成以下1项任务即可达到目标，总分由85.5分提高到85.6分，工作量3点。",
     "E1按填报说明未按指标计算方法的口径统计"),
    ("en", "With the least effort, this one task reaches the target, raising the total from 85.5 to 85.6",
     "The figure of E1 is, by the unit's own note, counted otherwise"),
])
def test_a_reviewed_plan_does_not_hold_recognition_on_a_figure_the_panel_verified(tongxi_noted, lang, plan, gone):
    """The panel deduplicated E1 (168,000 accounts -> 120,000 residents) and deferred 桐溪区 on K4 alone;
    its score spares a verified figure the unit's own note check (verify, 70ead0e). The plan re-scored
    without the panel's verified set, held E1's points on the note the panel had answered, and 六 read
    '完成以下6项任务即可达到目标，总分由85.5分提高到87.3分，合计工作量17点' (D5, E2, G3, G4, K4, E4) and
    'E1按填报说明未按指标计算方法的口径统计；不计其分数也达到认定条件，但评估报告中宜按计算方法的口径填报'."""
    unit, review = tongxi_noted
    six = between(report_one_line(unit, lang, (review,)), "六、意见建议" if lang == "zh" else "6. Recommendations",
                   "七、稳健性分析" if lang == "zh" else "7. Robustness")
    assert plan in six
    assert gone not in six
    assert ("E2 在线学习资源" if lang == "zh" else "E2 Online") not in six.split("K4")[0]


def test_lcity_plan_with_the_review_plans_the_survey_alone(tongxi_noted):
    """lcity plan --review printed the same six tasks (17 effort points) for the same reason."""
    unit, review = tongxi_noted
    out = lcity("plan", str(unit), "--review", str(review), "--lang", "zh").stdout
    assert "现在：85.5 良好，暂缓认定  →  计划后：85.6 良好，认定为示范区" in out
    assert "合计工作量：3 点" in out
    assert "E2 在线学习资源" not in out


def test_the_plan_starts_where_the_panel_scored(tongxi_noted):
    """The plan's start is the panel's result (outcome and grade): 桐溪区 with its note started 'deferred'
    as the panel scored it, but with no figure verified, so that the plan read E1's note as the unit's."""
    from evaluator.pipeline import read_scored
    from evaluator.plan import reviewed_start

    for unit, review in (tongxi_noted, (TONGXI, TONGXI_REVIEW), (HERE / "g28r" / "hecheng-city-line.yaml",
                                                                  HERE / "g28r" / "hecheng-city-line.review.yaml")):
        res, loaded = read_scored(unit, reviews=[review])
        assessment, fw = loaded.require()
        start = reviewed_start(res, fw, assessment)[1]
        assert (start.recognition.outcome, start.grade.id) == (res.recognition.outcome, res.grade.id)
        assert {r.id for r in start.indicators if r.verified} == {r.id for r in res.indicators if r.verified}


# ---- carried (1), G30A: 六 of a unit at full points says no "recommendations below" -------------------

HEMING = HERE / "g28a" / "heming-district-allfull.yaml"
LINGGANG, LINGGANG_REVIEW = HERE / "g30r" / "linggang-district-review.yaml", HERE / "g30r" / "linggang-district-review.review.yaml"


@pytest.mark.parametrize("lang, said, gone", [
    ("zh", "鹤鸣区已达到最高等级“优秀”，评估结论为“认定为示范区”，没有更高的等级可作目标，故不列整改任务。 "
           "各项指标均已得满分，建议巩固现有成效，坚持每年监测，以评促建。", "以下建议用于巩固和提高现有水平"),
    ("en", "there is no higher grade to aim at, so no task list is given. Every indicator scores full points.",
     "the recommendations below are for keeping and raising the present level"),
])
def test_a_unit_at_full_points_is_not_promised_recommendations_below(lang, said, gone):
    """鹤鸣区 at 100.0 read '…故不列整改任务；以下建议用于巩固和提高现有水平。' over one sentence, '各项指标
    均已得满分，建议巩固现有成效…': there is nothing to raise and no list below."""
    six = between(report_one_line(HEMING, lang), "六、意见建议" if lang == "zh" else "6. Recommendations",
                   "七、稳健性分析" if lang == "zh" else "7. Robustness")
    assert said in six
    assert gone not in six


def test_a_unit_at_the_top_with_advice_left_keeps_the_recommendations_below():
    """临港区, reviewed 91.9 优秀 认定: recommendations follow, and 六 says what they are for."""
    six = between(report_one_line(LINGGANG, "zh", (LINGGANG_REVIEW,)), "六、意见建议", "七、稳健性分析")
    assert "没有更高的等级可作目标，故不列整改任务；以下建议用于巩固和提高现有水平。" in six


# ---- G31R-1: a strength resting on an answer without evidence says so ------------------------------------

TAOXI = Path(__file__).parent.parent / "examples" / "districts" / "taoxi.yaml"


@pytest.mark.parametrize("lang, said", [
    ("zh", "主要优势： K3 学习活动周与品牌激励：两项要求均已具备（未附佐证材料） H3 研究与监测合作伙伴符合要求 "
           "A3 纳入经济社会发展全局：两项要求均已具备（未附佐证材料）"),
    ("en", "Main strengths: K3 Learning week and recognition: both requirements met (no evidence listed) "
           "H3 Research and monitoring partner: in place A3 Mainstreaming into development planning: both "
           "requirements met (no evidence listed)"),
])
def test_a_main_strength_without_evidence_is_marked(lang, said):
    """桃溪县 (15 answers without evidence) read '主要优势： K3 …两项要求均已具备 H3 … A3 …两项要求均已具备'
    and 四 the same, the two without evidence unmarked, while 附件3 lists them as resting on the unit's word."""
    text = report_one_line(TAOXI, lang)
    assert said in text
    four = between(text, "四、特色与亮点" if lang == "zh" else "4. Strengths", "五、存在问题" if lang == "zh" else "5. Problems")
    assert four.count("（未附佐证材料）" if lang == "zh" else "(no evidence listed)") == 2


def test_a_strength_with_evidence_is_not_marked():
    """H3 has its agreement listed; 临港区's strengths all have evidence: no mark anywhere."""
    assert "（未附佐证材料）" not in report_one_line(LINGGANG, "zh", (LINGGANG_REVIEW,))


# ---- G31R-2: key tasks that clear no veto, floor or survey line are not titled as if they did ---------------

LANZHOU = HERE / "g30r" / "lanzhou-city-2025.yaml"
HECHENG, HECHENG_REVIEW = HERE / "g28r" / "hecheng-city-line.yaml", HERE / "g28r" / "hecheng-city-line.review.yaml"


@pytest.mark.parametrize("lang, said", [
    ("zh", "实现“优秀”的关键任务（增加得分最多的任务，按整改任务清单的先后排列）： G3 从业人员继续教育"),
    ("en", "The key tasks towards 'Excellent' (those adding the most points; in the order of the task list): G3 "),
])
def test_key_tasks_to_a_grade_say_what_they_are(lang, said):
    """河澄市 (reviewed 89.7, recognised, planned to 优秀 with G3 alone, serving the total) read '实现“优秀”的关键
    任务（消除否决项、达到维度底线和调查要求的任务及增加得分最多的任务…）': no veto, floor or survey line is in it."""
    assert said in report_one_line(HECHENG, lang, (HECHENG_REVIEW,))


def test_key_tasks_that_meet_a_floor_keep_the_full_title():
    assert "实现“认定为示范区”的关键任务（消除否决项、达到维度底线和调查要求的任务及增加得分最多的任务" in report_one_line(LANZHOU, "zh")
# ---- carried (2), G30R-4: at equal effort the plan finds out the unknown figure first ------------------

def test_at_equal_effort_the_plan_finds_out_the_unknown_figure_first():
    """澜州市: G at 56 % with G3 unknown (counted 0), '是否达到60%的底线取决于补齐的数据'. The plan read 'G1 学习型
    组织覆盖面 55% → 59%' (2 effort points), with '次优方案：工作量 2，调整 1 项（G3）'. Finding G3 out is costed
    from nothing, the most it can take, and settles what the report says it cannot tell: it comes first.
    云岭县's plan, which already finds out D3 and K2, keeps its other choices (E1 30,000 → 77,500)."""
    out = lcity("plan", str(LANZHOU), "--lang", "zh").stdout
    assert "G3 从业人员继续教育" in out and "查明现状并提高" in out
    assert "次优方案：工作量 2，调整 1 项（G1），总分 87.9。" in out
    en = lcity("plan", str(LANZHOU), "--lang", "en").stdout
    assert "Next-best alternative: effort 2, 1 change (G1), total 87.9" in en
    yunling = lcity("plan", str(Path(__file__).parent.parent / "examples" / "yunling-county.yaml"), "--lang", "zh").stdout
    assert "30,000人 → 77,500人" in yunling


@pytest.mark.parametrize("lang, task", [("zh", "G3 从业人员继续教育"), ("en", "G3 ")])
def test_the_report_puts_the_look_up_in_the_summary_and_the_task_table(lang, task):
    text = report_one_line(LANZHOU, lang)
    six = between(text, "六、意见建议" if lang == "zh" else "6. Recommendations",
                   "七、稳健性分析" if lang == "zh" else "7. Robustness")
    assert task in six
    assert ("G1 学习型组织覆盖面" if lang == "zh" else "G1 ") not in six.split(task)[0]


