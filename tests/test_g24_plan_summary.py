"""Session 24: the plan (``lcity plan``, 六), the summary and 五 of the G22 audits' open findings
(tests/audit_cities/g22r/AUDIT.md, tests/audit_cities/g22t/AUDIT.md): what a user reads.

* G22-T5: a star rating's English plan names its own outcome, never "recognition".
* G22-T2/T6: a framework without a dimension floor hears of no floor in the plan or ``lcity score``.
* G22-R5: every survey rate the outcome waits on is said among the deciding conditions and in 五's
  first group.
* G22-R7: the summary's key task says its change as the task table does, the unit once.
* G22-R9: the summary's key task aims a survey rate within its margin as the plan does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import lcity_here as lcity
from .conftest import report_lines, section, squash

AUDITS = Path(__file__).parent / "audit_cities"
G22T = AUDITS / "g22t"
G22R = AUDITS / "g22r"
BEIAN, NANHU = G22T / "beian-shequ-2025.yaml", G22T / "nanhu-shequ-2025.yaml"


@pytest.fixture(scope="module")
def star_rating():
    """The district's star-rating framework of the G22-T audit installed, at 80 columns."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LCITY_FRAMEWORK_PATH", str(G22T / "fw"))
        mp.setenv("COLUMNS", "80")
        yield


# ---- G22-T5: the English plan names the framework's outcome -----------------------------------

def test_a_star_ratings_english_plan_names_its_outcome(star_rating):
    out = " ".join(lcity("plan", str(BEIAN), "--lang", "en").stdout.split())
    assert "Every other condition of '通过星级评定' is met, but the survey lines are not settled" in out
    assert "Before '通过星级评定' is granted, a survey with the standard questionnaire" in out
    assert "recognition" not in out.lower()


def test_a_held_star_rating_plan_says_whose_conditions_wait(star_rating):
    out = " ".join(lcity("plan", str(NANHU), "--lang", "en").stdout.split())
    assert ("Every other condition of '通过星级评定' is met: the unit marked DW1 not applicable, which leaves its "
            "whole dimension out of the score: the panel must confirm it does not apply before '通过星级评定' is "
            "granted") in out
    assert "recognition" not in out.lower()


# ---- G22-T2/T6: no floor words where the framework sets no floor ------------------------------

@pytest.mark.parametrize("lang, floor", [("zh", "底线"), ("en", "floor")])
def test_the_plan_of_a_framework_without_a_floor_speaks_of_none(star_rating, lang, floor):
    out = lcity("plan", str(NANHU), "--lang", lang).stdout
    assert "DW1" in out and floor not in out


def test_six_of_a_framework_without_a_floor_speaks_of_none(star_rating):
    ls = report_lines(NANHU, "zh")
    body = ls[max(i for i, ln in enumerate(ls) if ln.startswith("六、意见建议")):]
    six = " ".join(section(body, "六、意见建议", "七、"))
    assert "DW1由本单位填报为不适用，使其所在维度整体未计入评分，须经专家组核实不适用的理由后方可通过星级评定" in six
    assert "底线" not in six


def test_score_gives_no_floor_without_one(star_rating):
    proc = lcity("score", str(BEIAN))
    assert proc.returncode == 0 and "底线" not in proc.stdout, proc.stdout
    rows = lcity("score", str(BEIAN), "--format", "csv").stdout.splitlines()
    assert rows[0].endswith(",底线") and all(r.endswith(",") for r in rows[1:8]), rows  # the column kept, empty


# ---- G22-R5: every rate the outcome waits on, among the deciding conditions and in 五（一） -------

TONGXI = G22R / "tongxi-district-smallsample.yaml"


def _summary_reasons(ls: list[str], lang: str) -> list[str]:
    head, end = ("决定结论的条件：", "发展路径：") if lang == "zh" else ("What decided it:", "Development pathway:")
    k = ls.index(head)
    return ls[k + 1:next(i for i in range(k + 1, len(ls)) if ls[i].startswith(end))]


def _five(ls: list[str], lang: str) -> list[str]:
    head, end = ("五、存在问题", "六、意见建议") if lang == "zh" else ("5. Problems", "6. Recommendations")
    body = ls[max(i for i, ln in enumerate(ls) if ln.startswith(head)):]
    return section(body, head, end)


@pytest.mark.parametrize("lang, k5, closing", [
    ("zh", "K5 居民满意度为91%，达到70%的要求，但只依据45份有效问卷（指标体系要求不少于400份），95%置信区间79.1%—96.4%",
     "调查比率所依据的有效问卷少于指标体系的要求"),
    ("en", ("K5 Resident satisfaction: 91% meets the required 70%, but rests on only 45 valid questionnaires "
            "(the framework asks for at least 400), 95% interval 79.1% to 96.4%"),
     "survey rates rest on fewer valid questionnaires than the framework requires"),
])
def test_the_summary_names_every_rate_the_outcome_waits_on(lang, k5, closing):
    reasons = _summary_reasons(report_lines(TONGXI, lang), lang)
    assert [r[:3] for r in reasons[:2]] == ["K4 ", "K5 "], reasons
    assert reasons[1] == k5 and closing in reasons[2], reasons


@pytest.mark.parametrize("lang, head, k5", [
    ("zh", "（一）样本不足或门槛在抽样误差范围内的居民调查指标",
     "K5 居民满意度：91%（95%置信区间79.1%—96.4%），达到70%的要求，但只依据45份有效问卷，少于指标体系要求的400份，"
     "尚不能确认达标：请本区按标准问卷重新调查（有效问卷不少于400份）。"),
    ("en", "(1) Survey rates on too few questionnaires or with thresholds within the margin of error",
     "K5 Resident satisfaction: 91% (95% interval 79.1% to 96.4%) meets the required 70%, but rests on only 45 valid "
     "questionnaires, fewer than the 400 the framework asks for, so it is not shown to be met: the district should "
     "survey again with the standard questionnaire (at least 400 valid questionnaires)."),
])
def test_five_says_both_rates_in_its_first_group_and_k5_once(lang, head, k5):
    five = _five(report_lines(TONGXI, lang), lang)
    k = five.index(head)
    assert [ln[:3] for ln in five[k + 1:k + 3]] == ["K4 ", "K5 "] and five[k + 2] == k5, five[k:k + 4]
    # its sample is not asked again among the questions; the on-site question stays there
    rest = " ".join(five[k + 3:])
    assert "45份有效问卷" not in rest and "45 valid questionnaires" not in rest
    assert "K5 的调查" in rest or "K5's survey" in rest.replace("&#39;", "'")


def test_a_rate_clear_of_its_margin_alone_is_asked_first(tmp_path):
    """Qingshi's K4 at 84 % on 350 questionnaires, the only condition left: asked of the panel (and the
    district) in 五（一）, before the low scores, and named among the deciding conditions."""
    from .conftest import EXAMPLES

    form = tmp_path / "qingshi-350.yaml"
    form.write_text((EXAMPLES / "v2" / "qingshi-district-2025.yaml").read_text(encoding="utf-8")
                    .replace("    sample_size: 600\n", "    sample_size: 350\n", 1), encoding="utf-8")
    ls = report_lines(form, "zh")
    five = _five(ls, "zh")
    assert five[2] == "（一）请专家组核实的填报" and five[3].startswith("K4 ") and "350份" in five[3], five[:4]
    assert sum(ln.startswith("K4 ") for ln in five) == 1
    assert any(r.startswith("K4 ") and "350份" in r for r in _summary_reasons(ls, "zh"))


# ---- G22-R7 and R9: the summary's key task as the task table says it --------------------------

def test_the_key_task_gives_the_unit_once():
    ls = report_lines(G22R / "haiyu-district-intl.yaml", "zh")
    assert "C1 街道（乡镇）社区学校覆盖（5个 → 8个（街道、乡镇）；+3.75分，工作量30点）" in ls


def test_the_plans_table_gives_the_unit_once():
    out = lcity("plan", str(G22R / "haiyu-district-intl.yaml"), "--lang", "zh").stdout
    assert "5个 →" in out and "8个（街道、乡镇）" in out and "5个（街道、乡镇）" not in out


@pytest.mark.parametrize("lang, says", [
    ("zh", "K4 居民对学习型城市建设的知晓度（78.5% → 80%，宜以84%以上为目标，或扩大样本；+0.07分，工作量3点"),
    ("en", "K4 Residents' awareness of the learning city (78.5% → 80%, aim at 84% or more, or survey a larger sample; "
           "+0.07 points, effort 3 points"),
])
def test_the_key_task_aims_a_survey_rate_as_the_plan_does(lang, says):
    ls = report_lines(G22R / "jinwan-district-industry.yaml", lang, [G22R / "jinwan-district-industry.review.yaml"])
    assert any(ln.replace("&#39;", "'").startswith(says) for ln in ls)
    plan = lcity("plan", str(G22R / "jinwan-district-industry.yaml"), "--review",
                 str(G22R / "jinwan-district-industry.review.yaml"), "--lang", lang).stdout
    aim = "宜以84%以上为目标，或扩大样本" if lang == "zh" else "aim at 84% or more, or survey a larger sample"
    assert aim in squash(plan) if lang == "zh" else aim in " ".join(plan.split())


def test_one_indicator_not_applicable_is_its_dimension_in_the_summary(star_rating):
    """Nanhu marked DW1 alone not applicable: 'its whole dimension … confirm it does not apply'."""
    ls = [ln.replace("&#39;", "'") for ln in report_lines(NANHU, "en")]
    assert ("The total of 91.8 reaches 65 and every other condition of '通过星级评定' is met; the unit marked DW1 not "
            "applicable, which leaves its whole dimension out of the score, and the panel must first confirm it does "
            "not apply") in ls
