"""Reviewed reports, session 24 (tests/audit_cities/g22r and g22t AUDIT.md, "## Status").

* G22-R2: a rate the panel verified at its own survey's figure rests on the panel's sample
  (``process.survey.sample``): ``score --review``, ``plan --review`` and 六 count its 600
  questionnaires, where they read "按400份问卷（未填报样本量，按此估计）". A verified rate that is not the
  survey's figure is backed by no sample.
"""

from __future__ import annotations

import json
import shutil

import pytest

from .conftest import ROOT, lcity_here, report_lines, section, squash

G22R = ROOT / "tests" / "audit_cities" / "g22r"
JINWAN = G22R / "jinwan-district-industry.yaml"
JINWAN_REVIEW = G22R / "jinwan-district-industry.review.yaml"


def _part(lines: list[str], head: str, end: str) -> str:
    """A section of the report's body (not its table of contents), squashed: from the last line
    starting with ``head`` to the next starting with ``end``."""
    body = lines[max(i for i, ln in enumerate(lines) if ln.startswith(head)):]
    return squash(" ".join(section(body, head, end)))


def _k4(unit, review) -> dict:
    """K4 of ``unit`` scored with ``review``, as ``score --review --format json`` gives it."""
    run = lcity_here("score", str(unit), "--review", str(review), "--format", "json")
    assert run.returncode == 0, run.stderr
    return next(i for i in json.loads(run.stdout)["indicators"] if i["id"] == "K4")


# ---- G22-R2: the panel's survey keeps its sample ---------------------------------------------------


def test_a_rate_verified_at_the_panels_survey_figure_has_the_panels_sample():
    """Jinwan's K4, verified at the survey's 78.5 % of 600: it was ``sample_size: null, margin: null``."""
    k4 = _k4(JINWAN, JINWAN_REVIEW)
    assert k4["verified"] and k4["figure"] == 78.5
    assert k4["sample_size"] == 600 and round(k4["margin"], 1) == 3.3
    assert "（95% 置信水平下误差 ± 3.3 个百分点，有效样本 600 份）" in k4["reason_zh"]


@pytest.mark.parametrize("lang, says, not_said", [
    ("zh", "K4计划达到80%，恰在80%的要求线上；按600份问卷，95%置信水平下误差为±3.2个百分点", "未填报样本量"),
    ("en", "The plan puts K4 at 80%, exactly on the 80% line; with 600 questionnaires its 95% margin is ± 3.2 points",
     "no sample size given"),
])
def test_plan_review_counts_the_panels_questionnaires(lang, says, not_said):
    run = lcity_here("plan", str(JINWAN), "--review", str(JINWAN_REVIEW), "--lang", lang)
    assert run.returncode == 0, run.stderr
    assert squash(says) in squash(run.stdout)
    assert not_said not in run.stdout


@pytest.mark.parametrize("lang, head, end, says", [
    ("zh", "六、意见建议", "七、", "按600份问卷，95%置信水平下误差为±3.2个百分点"),
    ("en", "6. Recommendations", "7. ", "with 600 questionnaires its 95% margin is ± 3.2 points"),
])
def test_six_counts_the_panels_questionnaires(lang, head, end, says):
    six = _part(report_lines(JINWAN, lang, [JINWAN_REVIEW]), head, end)
    assert squash(says) in six
    assert "未填报样本量" not in six and "nosamplesizegiven" not in six


def test_a_verified_rate_that_is_not_the_surveys_figure_has_no_sample(tmp_path):
    """The panel puts K4 at 79 %, its survey said 78.5 %: 79 rests on no questionnaires the review names,
    so neither the result nor 五 gives it the survey's 600 (context_standing's ``_with_panel_sample`` did)."""
    unit, review = tmp_path / JINWAN.name, tmp_path / JINWAN_REVIEW.name
    shutil.copy(JINWAN, unit)
    text = JINWAN_REVIEW.read_text(encoding="utf-8")
    assert text.count("    value: 78.5\n") == 1
    review.write_text(text.replace("    value: 78.5\n", "    value: 79\n"), encoding="utf-8")
    k4 = _k4(unit, review)
    assert k4["figure"] == 79 and k4["sample_size"] is None and k4["margin"] is None
    five = _part(report_lines(unit, "zh", [review]), "五、存在问题", "六、意见建议")
    assert "K4居民对学习型城市建设的知晓度：79%，低于80%的要求" in five
    assert "79%（±3.3个百分点，有效样本600份）" not in five


def test_the_verified_answer_has_the_sample_only_at_the_surveys_figure():
    """The verified answer rests on the panel's questionnaires only where it is their rate."""
    import yaml

    from evaluator.assessment import Answer
    from evaluator.pipeline import read_scored
    from evaluator.review import Review
    from evaluator.verify import _answer_of

    result, loaded = read_scored(JINWAN, reviews=[JINWAN_REVIEW])
    _, fw = loaded.require()

    data = yaml.safe_load(JINWAN_REVIEW.read_text(encoding="utf-8"))
    review = Review.model_validate(data)
    own = Answer(value=80, sample_size=300)
    assert _answer_of(review, "K4", own, fw).sample_size == 600
    data["verified"]["K4"]["value"] = 77
    assert _answer_of(Review.model_validate(data), "K4", own, fw).sample_size is None
    assert result.indicator("K4").sample_size == 600
