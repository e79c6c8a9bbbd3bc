"""A reviewed report says when the panel's corrections change the self-assessed outcome, and which
single correction decides it (G18-A2); review validate and the report say when the panel's own
survey rate is not the one scored (G18-E3)."""

import html
import shutil

import pytest

from evaluator.pipeline import read_scored
from evaluator.review import Verified, load_reviews
from evaluator.verify import survey_indicators, verify
from indicators.loader import load_framework

from .conftest import EXAMPLES, ROOT, lcity, report_lines, squash

G18 = ROOT / "tests" / "audit_reports_g18"
CITY, REVIEW = G18 / "zhucheng-city.yaml", G18 / "zhucheng-city.review.yaml"
R1 = ROOT / "tests" / "audit_workflow_g18" / "r1.review.yaml"


def _zhucheng():
    result, loaded = read_scored(CITY, reviews=[REVIEW])
    return result, loaded


def test_the_change_of_outcome_names_the_corrections_and_each_one_that_alone_gives_it_back():
    result, _ = _zhucheng()
    change = result.review.outcome_change
    assert (change.self_outcome, change.outcome) == ("deferred", "refused")
    assert change.corrected == ["E3", "G3", "K2"]
    undone = {u.indicator: u for u in change.undone}
    # the margin is 0.35 points: undoing any one of the three corrections gives 暂缓认定 back
    assert all(u.restores and u.outcome == "deferred" and u.total >= 75 for u in undone.values())
    assert round(undone["K2"].total, 1) == 76.5
    assert undone["K2"].least == 117602 and undone["G3"].least == 657822 and undone["E3"].least == 32.1


@pytest.mark.parametrize("ind, least, below", [("K2", 117602, 117601), ("G3", 657822, 657821), ("E3", 32.1, 32.0)])
def test_the_least_figure_is_what_the_rules_give_at_it_and_one_step_below(ind, least, below):
    """Scored again through the panel's own path (a verified value for the one indicator, every other
    correction kept): the least figure gives 暂缓认定, a step below it does not."""
    _, loaded = _zhucheng()
    assessment, fw = loaded.require()
    for figure, outcome in ((least, "deferred"), (below, "refused")):
        reviews = load_reviews([REVIEW], loaded)
        reviews[0].verified[ind] = Verified(value=figure, reason="test")
        assert verify(assessment, fw, reviews).recognition.outcome == outcome


def test_an_unchanged_outcome_adds_nothing():
    result, _ = read_scored(EXAMPLES / "qingshi-district.yaml", reviews=[EXAMPLES / "qingshi-district.review.yaml"])
    assert result.self_assessed.recognition.outcome == result.recognition.outcome
    assert result.review.outcome_change is None
    lines = "".join(report_lines(EXAMPLES / "qingshi-district.yaml", "zh", [EXAMPLES / "qingshi-district.review.yaml"]))
    assert "自评结论为" not in lines and "一项即决定这一变化" not in lines


@pytest.fixture(scope="module")
def zhucheng_zh():
    return squash("".join(report_lines(CITY, "zh", [REVIEW])))


@pytest.fixture(scope="module")
def zhucheng_en():
    return html.unescape(" ".join(report_lines(CITY, "en", [REVIEW])))


def test_summary_and_conclusion_say_the_outcome_changed_and_what_decides_it_zh(zhucheng_zh):
    said = "自评结论为“暂缓认定”（自评77.5分）；经专家组核查更正E3、G3、K2，核定总分74.6分，结论改为“不予认定”。"
    assert zhucheng_zh.count(said) == 2  # 摘要 and 八、评估结论
    decides = ("其中E3、G3、K2任何一项单独按自评计（其余核定不变），即结论为“暂缓认定”：")
    assert zhucheng_zh.count(decides) == 2
    assert "如采信K2自评填报的390,000人，总分为76.5分（K2核定为117,602人及以上亦然）" in zhucheng_zh
    assert "E3按自评填报的38%而非核定的25%计，总分为75.3分" in zhucheng_zh


def test_summary_and_conclusion_say_the_outcome_changed_and_what_decides_it_en(zhucheng_en):
    text = " ".join(zhucheng_en.split())
    said = ("The self-assessed outcome was 'Recognition deferred' (self-assessed total 77.5); after the panel's "
            "verification (corrections of E3, G3, K2) the verified total is 74.6: the outcome is 'Not recognised'.")
    assert text.count(said) == 2
    assert text.count("Each of E3, G3, K2 alone decides this change") == 2
    assert "accepting the unit's filed 390,000 people for K2 gives a total of 76.5 " \
           "(as does a verified K2 of 117,602 people or more)" in text


def test_the_framework_says_which_indicators_score_the_survey_rates():
    for ref in ("china-learning-city@1", "china-learning-city@2"):
        assert survey_indicators(load_framework(ref)) == {"awareness": "K4", "satisfaction": "K5"}


def _r1(tmp_path, extra=""):
    shutil.copy(EXAMPLES / "qingshi-district.yaml", tmp_path / "q.yaml")
    text = R1.read_text(encoding="utf-8")
    if extra:
        text = text.replace("verified:\n", "verified:\n" + extra, 1)
    (tmp_path / "r1.review.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "q.yaml", tmp_path / "r1.review.yaml"


@pytest.mark.parametrize("lang, said", [
    ("zh", "r1.review.yaml:44:19: 警告 panel-survey: 专家组问卷调查的满意度（satisfaction）为 76%，而 K5 按自评 80% 计分（K5 未列入 verified）"),
    ("en", "r1.review.yaml:44:19: warning panel-survey: the panel's survey puts the satisfaction rate at 76% (satisfaction), "
           "but K5 is scored "
           "at the unit's 80% (K5 is not under verified)"),
])
def test_review_validate_warns_at_the_survey_line_when_the_panel_survey_is_not_scored(tmp_path, lang, said):
    q, r = _r1(tmp_path)
    run = lcity("--lang", lang, "review", "validate", q.name, r.name, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    out = " ".join((run.stdout + run.stderr).split())
    assert said in out
    assert out.count("panel-survey") == 1  # awareness 81.5 is K4's verified value: nothing to say


def test_no_survey_warning_once_the_rate_is_a_verified_value(tmp_path):
    q, r = _r1(tmp_path, "  K5:\n    value: 76\n    reason: 专家组问卷调查\n")
    run = lcity("--lang", "en", "review", "validate", q.name, r.name, cwd=tmp_path)
    assert run.returncode == 0 and "panel-survey" not in run.stdout + run.stderr


@pytest.mark.parametrize("lang, said", [
    ("zh", "K5居民满意度按自评80%计分；专家组居民问卷调查为76%（有效样本620份），未列为核定值。"),
    ("en", "K5 Resident satisfaction is scored at the unit's 80%; the panel's resident survey found 76% "
           "(620 valid responses), which the panel did not enter as a verified value."),
])
def test_the_report_says_which_survey_figure_it_scores(tmp_path, lang, said):
    q, r = _r1(tmp_path)
    lines = report_lines(q, lang, [r])
    text = squash("".join(lines)) if lang == "zh" else " ".join(html.unescape(" ".join(lines)).split())
    assert (squash(said) if lang == "zh" else said) in text
