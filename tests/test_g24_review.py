"""Reviewed reports, session 24 (tests/audit_cities/g22r and g22t AUDIT.md, "## Status").

* G22-R2: a rate the panel verified at its own survey's figure rests on the panel's sample
  (``process.survey.sample``): ``score --review``, ``plan --review`` and 六 count its 600
  questionnaires, where they read "按400份问卷（未填报样本量，按此估计）". A verified rate that is not the
  survey's figure is backed by no sample.
"""

from __future__ import annotations

import json
import re
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


# ---- G22-T9: score --review flags what the review touched, and says what moved with it ------------

G22T = ROOT / "tests" / "audit_cities" / "g22t"
NANHU = G22T / "nanhu-shequ-2025.yaml"

#: 南湖社区's panel: DW1 confirmed not applicable, HD2 not applicable -> 0 (the audit's review)
NANHU_REVIEW = """\
assessment: {{city: 南湖社区, period: "2025–2025", sha256: {sha}, file: nanhu-shequ-2025.yaml}}
reviewer: {{name: 王立新, affiliation: 西桥区社区教育学院, title: 副教授, role: 组长}}
panel:
  - {{name: 王立新, affiliation: 西桥区社区教育学院, title: 副教授, role: 组长}}
  - {{name: 陈雅琴, affiliation: 西桥区教育局, title: 科长, role: 成员}}
date: 2025-12-10
process: {{material_review: true}}
verified:
  DW1: {{status: not_applicable, reason: 经核实，社区教师由所在街道统一派驻，社区不单独配备}}
  HD2: {{value: 0, reason: 社区成立已满两年，可以申报品牌项目而未申报，不属于不适用}}
conclusion: 专家组认为，南湖社区学习活动开展扎实。
"""


@pytest.fixture(scope="module")
def nanhu_review(tmp_path_factory):
    """南湖社区 and its panel's review, under the third-party framework of tests/audit_cities/g22t."""
    import hashlib

    folder = tmp_path_factory.mktemp("g24-nanhu")
    unit = folder / NANHU.name
    shutil.copy(NANHU, unit)
    review = folder / "nanhu.review.yaml"
    review.write_text(NANHU_REVIEW.format(sha=hashlib.sha256(NANHU.read_bytes()).hexdigest()), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LCITY_FRAMEWORK_PATH", str(G22T / "fw"))
        mp.setenv("COLUMNS", "80")
        yield unit, review


@pytest.mark.parametrize("lang, head, moved", [
    ("zh", "专家核定：1 份评审；自评总分 91.8；差异较大的指标：—", "  HD1 评审未列出，得分随核定更正而改变"),
    ("en", "Verified by 1 review; self-assessed total 91.8; flagged: —",
     "  HD1: not listed by the review; its score changed with the panel's corrections"),
])
def test_score_review_says_hd1_moved_with_the_corrections_not_flagged(nanhu_review, lang, head, moved):
    """HD1's 10.50 -> 7.00 comes from HD2's points no longer spread onto it: score --review read
    "差异较大的指标：HD1", an indicator the panel never touched."""
    unit, review = nanhu_review
    run = lcity_here("score", str(unit), "--review", str(review), "--lang", lang)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert head in lines and moved in lines
    assert lines.index(moved) == lines.index(head) + 1


def test_the_result_keeps_flagged_for_what_the_review_lists(nanhu_review):
    unit, review = nanhu_review
    run = lcity_here("score", str(unit), "--review", str(review), "--format", "json")
    assert run.returncode == 0, run.stderr
    rv = json.loads(run.stdout)["review"]
    assert rv["flagged"] == [] and rv["moved"] == ["HD1"]
    # the report's method counts the same: "核定更正2项（DW1、HD2），其中1项得分随之改变（HD1）"
    lines = report_lines(unit, "zh", [review])
    assert any("核定更正2项（DW1、HD2），其中1项得分随之改变（HD1）" in ln for ln in lines)


def test_a_listed_indicator_whose_score_moved_is_flagged_as_before():
    """Jinwan: the panel corrected D4 and K4, both listed, both flagged; nothing moved besides."""
    from evaluator.pipeline import read_scored

    result, _ = read_scored(JINWAN, reviews=[JINWAN_REVIEW])
    assert result.review.flagged == ["D4", "K4"] and result.review.moved == []


# ---- lcity verify of a report made before moved and place --------------------------------------


def _as_made_before(new: dict) -> dict:
    """A Result as an lcity before ``review.moved`` and the reviewers' ``place`` wrote it."""
    import copy

    old = copy.deepcopy(new)
    rv = old["review"]
    order = [i["id"] for i in old["indicators"]]
    rv["flagged"] = sorted(rv["flagged"] + rv.pop("moved"), key=order.index)
    rv.pop("conclusion_by_place")
    for o in rv["opinions"] + rv["unsettled_by"] + [s for d in rv["disagreements"] for s in d["scores"]]:
        o.pop("place")
    for i in old["indicators"]:  # the Chinese reasons named an unnamed reviewer as the English do
        i["review_reasons_zh"] = [re.sub(r"评审专家(\d)", r"reviewer \1", t) for t in i["review_reasons_zh"]]
    return old


def test_verify_compares_an_earlier_reports_flagged_with_flagged_and_moved(nanhu_review):
    from evaluator.pipeline import read_scored
    from reports.verify_pdf import changed_leaves

    unit, review = nanhu_review
    result, _ = read_scored(unit, reviews=[review])
    new = result.model_dump(mode="json")
    old = _as_made_before(new)
    assert old["review"]["flagged"] == ["HD1"]
    assert changed_leaves(new, new) == [] and changed_leaves(old, new) == []
    edited = _as_made_before(new)
    edited["review"]["flagged"] = []
    assert changed_leaves(edited, new) == ["review.flagged"]
    # a report made after the change is compared as it is: moved edited away is a difference
    assert changed_leaves({**new, "review": {**new["review"], "moved": []}}, new) == ["review.moved"]


def test_verify_compares_an_earlier_reports_reviewers_without_their_place(tmp_path):
    """梅川区, the second reviewer unnamed: a report made before ``place`` lists its opinions, scores and
    the unsettled without it; re-scored they carry it, and the report still agrees."""
    from evaluator.pipeline import read_scored
    from reports.verify_pdf import changed_leaves

    from .test_g22_leftovers import _unnamed_second_reviewer

    unit, reviews = _unnamed_second_reviewer(tmp_path)
    result, _ = read_scored(unit, reviews=reviews)
    new = result.model_dump(mode="json")
    assert [o["place"] for o in new["review"]["opinions"]] == [2]
    old = _as_made_before(new)
    assert any("（reviewer 2）" in t for i in old["indicators"] for t in i["review_reasons_zh"])
    assert changed_leaves(old, new) == []
    # a name edited in the earlier report is still found
    old["review"]["opinions"][0]["reviewer"] = "reviewer 3"
    assert changed_leaves(old, new) == ["review.opinions"]


def test_a_new_reviewed_report_agrees(nanhu_review, tmp_path):
    unit, review = nanhu_review
    pdf = tmp_path / "nanhu-zh.pdf"
    made = lcity_here("report", str(unit), "--review", str(review), "-o", str(pdf))
    assert made.returncode == 0, made.stderr
    run = lcity_here("verify", str(pdf))
    assert run.returncode == 0 and "：一致——总分 87.9" in run.stdout, run.stdout + run.stderr


@pytest.mark.parametrize("lang, says", [
    ("zh", "  专家分歧 G1：林若溪 1.50、评审专家2 0.50（不改变等级和结论）"),
    ("en", "  reviewers disagree on G1: 林若溪 1.50, reviewer 2 0.50 (changes neither the grade nor the outcome)"),
])
def test_score_review_names_an_unnamed_reviewer_in_its_language(tmp_path, lang, says):
    """`lcity score --review` in Chinese printed "林若溪 1.50、reviewer 2 0.50"."""
    from .test_g22_leftovers import _unnamed_second_reviewer

    unit, reviews = _unnamed_second_reviewer(tmp_path)
    run = lcity_here("score", str(unit), "--review", str(reviews[0]), "--review", str(reviews[1]), "--lang", lang)
    assert run.returncode == 0, run.stderr
    assert says in run.stdout.splitlines()
    assert lang == "en" or "reviewer 2" not in run.stdout
