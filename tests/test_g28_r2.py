"""G28R (second part): leftovers of tests/audit_cities/g28r/AUDIT.md — G28R-9, an English note that the
survey was handed out on site, and Zhuyuan's plan for a unit too short of data to be rated. Each test
asserts what a user reads (validate's line, the plan, the report), zh and en."""

from __future__ import annotations

import pytest

from .conftest import ROOT, lcity_here

G28R = ROOT / "tests" / "audit_cities" / "g28r"
G28R2 = ROOT / "tests" / "audit_cities" / "g28r2"
SONGXI = G28R / "songxi-county-en.yaml"
ZHUYUAN = G28R / "zhuyuan-county-sparse.yaml"


# ---- G28R-9: "Questionnaires handed out at the learning-week venues" -----------------------------

@pytest.mark.parametrize("lang, says", [
    ("en", "songxi-county-en.yaml:221:12: warning survey-on-site: K4's survey (“Questionnaires handed out at the"),
    ("zh", "songxi-county-en.yaml:221:12: 警告 survey-on-site: K4 的调查（“Questionnaires handed out at the"),
])
def test_songxi_survey_handed_out_at_the_venues_is_warned(lang, says):
    """Songxi's K4 (82 % on 420, 'handed out at the learning-week venues') read as a random sample:
    validate said only its margin; the Chinese '活动周现场发放' was warned (G22-R6)."""
    run = lcity_here("validate", SONGXI.name, "--lang", lang, cwd=G28R)
    assert run.returncode == 0, run.stderr
    assert says in run.stdout
    assert run.stdout.count("survey-on-site") == 1


def test_a_note_saying_the_opposite_is_not_warned():
    """The same unit whose K4 note says the sample was drawn, 'not handed out at the learning-week venues'."""
    run = lcity_here("validate", "songxi-county-drawn.yaml", "--lang", "en", cwd=G28R2)
    assert run.returncode == 0, run.stderr
    assert "survey-on-site" not in run.stdout
    assert "warning survey-margin: K4" in run.stdout  # the margin is still said


@pytest.mark.parametrize("text, warned", [
    ("Questionnaires handed out at the learning-week venues", True),
    ("Distributed at the stalls during the learning festival", True),
    ("Collected at the events in all nine towns", True),
    ("Residents filled in the questionnaire at the venue", True),
    ("Handed out on site at the community schools", True),
    ("Questionnaires given out at our information booths", True),
    ("Filled in by scanning a QR code", True),
    ("No sampling frame was at hand, so questionnaires were handed out at the venues", True),
    ("Questionnaires were not handed out on site", False),
    ("Random sample of 420 households drawn from the register rather than at the venues", False),
    ("Stratified random sample by town, not handed out at the venues", False),
    ("Drawn at random from the household register; none were handed out at events", False),
    ("Handed out not at the venues but to households drawn at random", False),
    ("Handed to households drawn at random, instead of at the venues", False),
    ("Stratified random sample of 420 households, interviewed at home by the statistics bureau", False),
    ("Resident questionnaire, learning week 2025 (420 valid)", False),
    ("2025年桐溪区居民学习型城区建设问卷（活动周现场发放）", True),
    ("并非随机抽样，而是活动周现场发放", True),
    ("按街道分层随机抽样，非现场发放", False),
    ("问卷未在活动现场发放，而是入户调查", False),
])
def test_which_english_and_chinese_notes_say_on_site(text, warned):
    from evaluator.checks import says_on_site

    assert (says_on_site({"note": text, "evidence": []}) is not None) is warned


# ---- Zhuyuan (not ratable, 26.7–56.7): the first stage, not recognition in 28 tasks -------------

@pytest.mark.parametrize("lang, note, head", [
    ("zh", "注意：本单位数据不足，不予定级（总分26.7—56.7分，下限低于各等级线）：未指定 --target 时，与报告的整改任务清单相同，"
           "先按第一步测算：补齐定级所需的数据并达到“合格”（总分 60 分）；按“认定为示范区”的全部条件测算请写 --target recognition",
     "竹源县：目标 合格"),
    ("en", "note: too little is known to rate the unit (a total of 26.7–56.7, its lower bound below every grade line): "
           "without --target the plan goes to the first stage, as the report's task list does: the data a rating needs "
           "and 'Pass' (a total of 60); to plan for all the conditions of 'Recognised as demonstration zone' write "
           "--target recognition",
     "Zhuyuan County: target Pass"),
])
def test_plan_of_a_unit_not_ratable_names_its_first_stage(lang, note, head):
    """lcity plan gave Zhuyuan only a plan straight for recognition (28 tasks, 26.7 → 85.0), though even
    full data leaves it below 合格. Since G30A its default is the first stage the report's key tasks
    aim at (the data a rating needs and 合格), said on stderr with how to plan for recognition; the
    plan to recognition is --target recognition, without the note."""
    run = lcity_here("plan", ZHUYUAN.name, "--lang", lang, cwd=G28R)
    assert run.returncode == 0, run.stderr
    assert note in " ".join(run.stderr.split())
    assert head in run.stdout
    assert ("计划后：60.0 合格" if lang == "zh" else "after the plan: 60.0 Pass") in run.stdout
    staged = lcity_here("plan", ZHUYUAN.name, "--lang", lang, "--target", "pass", cwd=G28R)
    assert staged.stdout == run.stdout
    assert "first stage" not in staged.stderr and "第一步" not in staged.stderr
    whole = lcity_here("plan", ZHUYUAN.name, "--lang", lang, "--target", "recognition", cwd=G28R)
    assert ("目标 认定为示范区" if lang == "zh" else "target Recognised") in whole.stdout
    assert "first stage" not in whole.stderr and "第一步" not in whole.stderr


def test_plan_of_a_rated_unit_says_no_stage():
    """A ratable unit is planned to recognition as before, with no note (Songxi, 85.6)."""
    run = lcity_here("plan", SONGXI.name, "--lang", "en", cwd=G28R)
    assert "first stage" not in run.stderr
    assert "target Recognised" in run.stdout


@pytest.mark.parametrize("lang, six, steps", [
    ("zh", "先以定级和“合格”为目标：补齐定级所需的数据并达到“合格”（总分60分）的最省力途径是完成13项任务"
           "（D1、D3、D4、E1、E2、E3、F1、G3、I3、K2、K5、H3、J1），总分由26.7分提高到60.0分，工作量17点。"
           "这只使本单位得以定级并达到该等级",
     "首先补齐数据以便定级；实现“合格”最关键的待查明指标（先以定级和“合格”为目标：最省力途径是完成13项任务"),
    ("en", "A rating and 'Pass' first: the least-effort way to the data a rating needs and to 'Pass' (a total of 60) "
           "is 13 tasks (D1, D3, D4, E1, E2, E3, F1, G3, I3, K2, K5, H3, J1), raising the total from 26.7 to 60.0, "
           "for an effort of 17 effort points. This makes the unit ratable",
     "First complete the data so that the unit can be rated; the figures to find out that matter most for "
     "'Pass' (a rating and 'Pass' first: the least-effort way is 13 tasks"),
])
def test_report_plans_a_unit_not_ratable_to_a_rating_and_pass_first(lang, six, steps):
    """六 keeps its table to recognition (the long view) and says the first stage beside it, as for a
    rated unit below every grade line (G21-B9); the summary's key tasks name the data first (G27A-9), and
    since G29R those of that first stage, not recognition's (G28R-11)."""
    import html

    from .conftest import report_lines, squash

    text = html.unescape(squash(" ".join(report_lines(ZHUYUAN, lang))))
    assert squash(six) in text
    assert squash(steps) in text
    assert squash("先以上一等级为目标") not in text and squash("The next grade first") not in text
