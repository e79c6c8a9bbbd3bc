"""G19 frameworks audit: the panel's own words checked as a panel lead reads them.

- D2: a sentence with two rates ("满意度约60%，知晓率不足50%") checks each figure against the
  indicator named nearest before it in its own clause, not every figure against the first one.
- D5: ``review validate`` names the panel's survey rate in words (知晓率, awareness rate), its
  YAML key only beside them.
"""

from __future__ import annotations

import pytest

from evaluator.claims import contradictions
from evaluator.pipeline import read_scored

from .conftest import ROOT, lcity, squash

G19D = ROOT / "tests" / "audit_frameworks_g19"
UNIT = G19D / "units" / "shimen-2025.yaml"


@pytest.fixture(autouse=True)
def _town_framework(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G19D / "fw"))


def _statements(review: str, *lang: str) -> list[str]:
    run = lcity(*lang, "review", "validate", str(UNIT), str(G19D / review))
    return [squash(ln) for ln in (run.stdout + run.stderr).splitlines() if "panel-statement" in ln]


def test_each_rate_of_a_two_rate_sentence_is_checked_against_its_own_indicator():
    # 村（居）民满意度约60%，知晓率不足50%。  E1 满意度 verified 71 %, E2 知晓率 verified 66 %
    said = _statements("repro-two-figures.review.yaml")
    assert len(said) == 2
    assert squash("“约60%”与 E1 的核定值 71% 相差超过约数本身的 ±10%") in said[0]
    assert squash("“不足50%”与 E2 的核定值 66% 不符") in said[1]
    assert not any(squash("“不足50%”与 E1") in s for s in said)


def test_a_wrong_second_figure_is_no_longer_missed():
    # 村（居）民知晓率约80%，满意度约60%。  both off by more than ±10 %
    said = _statements("repro-second-missed.review.yaml")
    assert len(said) == 2
    assert squash("“约80%”与 E2 的核定值 66%") in said[0]
    assert squash("“约60%”与 E1 的核定值 71%") in said[1]


def test_the_english_message_names_each_indicator_too():
    said = _statements("repro-two-figures.review.yaml", "--lang", "en")
    assert len(said) == 2
    assert "E1" in said[0] and "约60%" in said[0]
    assert "E2" in said[1] and "不足50%" in said[1]


@pytest.fixture(scope="module")
def verified():
    import os

    os.environ["LCITY_FRAMEWORK_PATH"] = str(G19D / "fw")
    try:
        result, _ = read_scored(UNIT, reviews=[G19D / "units" / "shimen-2025.review.yaml"])
    finally:
        del os.environ["LCITY_FRAMEWORK_PATH"]
    return result


@pytest.mark.parametrize("sentence, expected", [
    ("村（居）民满意度约60%，知晓率不足50%。", [("约60%", "E1"), ("不足50%", "E2")]),
    ("村（居）民知晓率约80%；满意度约60%。", [("约80%", "E2"), ("约60%", "E1")]),
    ("满意度约71%，知晓率约66%。", []),  # both right: nothing to resolve
    ("知晓率不足50%，满意度超过60%。", [("不足50%", "E2")]),  # 满意度 71 % is over 60 %: it stands
])
def test_contradictions_follow_the_clause_of_each_figure(verified, sentence, expected):
    found = [(c.claim, c.indicator) for c in contradictions(verified, [sentence])]
    assert found == expected


def test_a_sentence_naming_its_indicator_after_the_figure_is_still_checked(verified):
    found = [(c.claim, c.indicator) for c in contradictions(verified, ["不足50%的村（居）民知晓率"])]
    assert found == [("不足50%", "E2")]


def test_review_validate_names_the_survey_rate_in_words_not_its_key():
    run = lcity("review", "validate", str(UNIT), str(G19D / "repro-survey-gap.review.yaml"))
    line = next(squash(ln) for ln in (run.stdout + run.stderr).splitlines() if "panel-survey" in ln)
    assert squash("专家组问卷调查的知晓率（awareness）为 66%，而 E2 按自评 58% 计分") in line
    assert squash("调查的 awareness") not in line


def test_the_english_survey_message_says_awareness_rate():
    run = lcity("--lang", "en", "review", "validate", str(UNIT), str(G19D / "repro-survey-gap.review.yaml"))
    line = next(squash(ln) for ln in (run.stdout + run.stderr).splitlines() if "panel-survey" in ln)
    assert squash("the panel's survey puts the awareness rate at 66% (awareness), but E2 is scored at the unit's 58%") in line
