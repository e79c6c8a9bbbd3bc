"""Several reviewers: the panel's verified figure is the median with every reviewer counted (one who
does not list an indicator accepts the self-assessed answer, as the review form says), each reason
is credited to its reviewer, the panel lead's conclusion is the panel's and the others are members'
opinions by name, and a disagreement that changes the grade or the decision is said beside the
conclusion, not settled silently. Audit A3 items 4–7 and 17 (tests/audit_readings3/AUDIT.md)."""

from __future__ import annotations

import html as htmllib
import json
import re
import shutil
from pathlib import Path
from statistics import median

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from .conftest import ROOT, lcity_here as lcity

HERE = ROOT / "tests" / "audit_readings3"
UNIT = "d-meichuan-district.yaml"
R1, R2 = "d-meichuan-district.review-1.yaml", "d-meichuan-district.review-2.yaml"


def visible(page: str) -> str:
    """The report's text as a reader sees it: no tags, no spaces, no soft breaks."""
    text = htmllib.unescape(re.sub(r"<[^>]+>", "", page))
    return re.sub(r"[\s\u200b\u00ad]+", "", text)


@pytest.fixture()
def unit(tmp_path: Path) -> Path:
    """The audit's 梅川区 with its two reviews (组长 林若溪 accepts G1, 成员 何志平 cuts it to 30 %)."""
    for name in (UNIT, R1, R2):
        shutil.copy(HERE / name, tmp_path / name)
    return tmp_path


def cut_g1(unit: Path, value: int) -> None:
    """何志平 verifies G1 at ``value`` instead of 30."""
    p = unit / R2
    p.write_text(p.read_text(encoding="utf-8").replace("    value: 30\n", f"    value: {value}\n"), encoding="utf-8")


def score_json(unit: Path) -> dict:
    proc = lcity("score", str(unit / UNIT), "--review", str(unit / R1), "--review", str(unit / R2), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    return data.get("result", data)


def report_text(unit: Path, lang: str) -> str:
    out = unit / f"d.{lang}.html"
    proc = lcity("report", str(unit / UNIT), "--review", str(unit / R1), "--review", str(unit / R2),
                 "--lang", lang, "--html", str(out))
    assert proc.returncode == 0, proc.stderr
    return visible(out.read_text(encoding="utf-8"))


def test_an_unlisted_indicator_counts_as_acceptance_in_the_median(unit):
    r = score_json(unit)
    g1 = next(i for i in r["indicators"] if i["id"] == "G1")
    # 林若溪 accepts the self-assessed 50 %, 何志平 verifies 30 %: the median is 40 %, not 30 %
    assert g1["self_value"] == 50 and g1["value"] == 40 and g1["score"] == pytest.approx(1.0)
    assert round(r["total"], 1) == 85.6
    [reason] = g1["review_reasons_zh"]
    assert "核定为30%（何志平）" in reason and "林若溪未列出此项，即认可自评" in reason and "取中位数：40%" in reason
    [d] = r["review"]["disagreements"]
    assert d["indicator"] == "G1" and not d["decisive"] and r["review"]["settled"]
    assert [(s["reviewer"], s["accepted"]) for s in d["scores"]] == [("林若溪", True), ("何志平", False)]


def test_reasons_are_one_entry_per_indicator_with_each_reviewers_name(unit):
    page = report_text(unit, "zh")
    assert page.count("D2专家组核查意见") == page.count("D2专家组核查意见：查阅2023—2025年区级预算")
    assert "低报（林若溪）；预算表显示" in page and "同意按line_growing核定（何志平）" in page
    assert "F1专家组核查意见：线上点击" not in page  # the second reviewer's reason is not a second entry
    # the lead's conclusion is the panel's; the member's is his opinion, by name
    assert page.count("专家组结论：") == 0 and "专家组认为，梅川区学习型城区建设基础扎实" in page
    assert "其他评审专家的意见（原文）：何志平（成员）：同意认定为示范区" in page
    # a settled disagreement is not left "for discussion" after the conclusion is drawn
    assert "提请专家组讨论后确定" not in page and "按任一位专家的评分，等级和评估结论均不变" in page
    # ▲ for a raise (D2 1.00 → 2.00), ▼ for a cut (F1 3.00 → 1.59)
    assert "▲2.00" in page and "▼1.59" in page and "▲1.59" not in page


def test_english_report_names_the_members_opinion_and_marks_quotes(unit):
    page = report_text(unit, "en")
    assert "Thepanel'sconclusion,aswritten:专家组认为" in page
    assert page.count("Thepanel'sconclusion,aswritten:") == 1
    assert "Theotherreviewers'opinions(aswritten):" in page and "何志平(member):同意认定为示范区" in page  # the role is lcity's word
    assert "Thepanelfound(aswritten):社区教育参与人次" in page and "Thepanelfound:" not in page
    assert "▲marksaraiseand▼acut" in page and "▼1.59" in page


def test_a_disagreement_that_changes_the_decision_is_said_beside_the_conclusion(unit):
    cut_g1(unit, 20)  # 何志平's G1 alone would take the total to 84.6, below the 85 recognition line
    r = score_json(unit)
    assert not r["review"]["settled"] and r["review"]["disagreements"][0]["decisive"]
    page = report_text(unit, "zh")
    pending = "评审专家的核定尚未统一，且影响等级或评估结论"
    assert page.count(pending) == 2  # in the summary and in 八, beside the decision
    assert "按何志平的核定，总分为84.6分（良好，暂缓认定）" in page
    assert "须经专家组讨论统一核定值后确定" in page and "提请专家组讨论后确定" in page
    en = report_text(unit, "en")
    assert "Thereviewers'verificationsarenotyetsettled" in en and "with何志平's,atotalof84.6(Good,Recognitiondeferred)" in en


def validate(*args: str):
    proc = lcity("review", "validate", *args, "--lang", "en")
    return proc, proc.stdout + proc.stderr


def test_review_validate_warns_at_the_indicator_the_reviewers_score_apart(unit):
    args = (str(unit / UNIT), str(unit / R1), str(unit / R2))
    proc, said = validate(*args)
    assert proc.returncode == 0, said
    assert f"{R2}:45:3: warning panel-disagreement: the reviewers score G1 apart" in said
    assert "林若溪 1.50 (not listed: accepts the self-assessed answer), 何志平 0.50" in said
    assert "same grade and outcome" in said
    cut_g1(unit, 20)
    proc, said = validate(*args)
    assert proc.returncode == 0 and "the grade or the outcome changes with them" in said
    assert "settle this figure in the panel before signing" in said
    _, one = validate(str(unit / UNIT), str(unit / R2))
    assert "panel-disagreement" not in one  # one reviewer cannot disagree with himself


def test_without_a_lead_the_conclusion_is_named_as_its_authors(unit):
    for name in (R1, R2):
        p = unit / name
        p.write_text(p.read_text(encoding="utf-8").replace("  role: 组长\n", "  role: 成员\n"), encoding="utf-8")
    r = score_json(unit)
    assert r["review"]["conclusion_by"] == "林若溪" and not r["review"]["conclusion_lead"]
    page = report_text(unit, "zh")
    assert "评审专家林若溪的结论：专家组认为" in page and "何志平（成员）：同意认定为示范区" in page


@pytest.fixture(scope="module")
def loaded_d():
    from evaluator.reading import read
    from evaluator.review import load_reviews

    loaded = read(HERE / UNIT)
    reviews = load_reviews([HERE / R1, HERE / R2], loaded)
    return loaded, reviews


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(g1=st.integers(min_value=0, max_value=100))
def test_the_median_counts_every_reviewer_and_settled_means_no_reviewer_changes_the_outcome(loaded_d, g1):
    from evaluator.verify import verify

    loaded, (r1, r2) = loaded_d
    a, fw = loaded.require()
    verified = dict(r2.verified)
    verified["G1"] = verified["G1"].model_copy(update={"value": g1})
    r2 = r2.model_copy(update={"verified": verified})
    result = verify(a, fw, [r1, r2], sha256=loaded.sha256)
    assert result.indicator("G1").value == median([a.answers["G1"].value, g1])
    own = verify(a, fw, [r2], sha256=loaded.sha256)  # 何志平's answers alone
    lead = verify(a, fw, [r1], sha256=loaded.sha256)
    same = all((x.grade.id, x.recognition.outcome) == (result.grade.id, result.recognition.outcome)
               for x in (own, lead))
    assert result.review.settled == same
