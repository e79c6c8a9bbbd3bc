"""The lead's fixes of session 25, as the unit reads them.

* A record of the period (``period_record``: AQ1, the accidents of the period) left unknown: the
  planner proposes no answer for it and counts none of its points, so the limits it reports hold only
  until the record is given. Jingmi with AQ1 unknown was told "AQ维度得分率最高只能达到 38%" as if the
  title were out of reach for good; it is now told why and what to do.
"""

from __future__ import annotations

import json

import pytest

from .conftest import ROOT, lcity_here

G24T = ROOT / "tests" / "audit_cities" / "g24t"
RECORD_ZH = "AQ1 记录评估期内已经发生的情况，目前不详，计划不替它选择答案，也不计它的分数：请如实填报后再作计划"
RECORD_EN = ("AQ1 records what happened in the assessment period and is not known: the plan chooses no answer "
             "for it and counts none of its points: give the record as it is, then plan again")


@pytest.fixture()
def enterprise(monkeypatch, tmp_path):
    """Jingmi (no accident) with AQ1 not answered, under the learning-enterprise framework."""
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G24T / "fw"))
    text = (G24T / "jingmi-2025.yaml").read_text(encoding="utf-8")
    known = "  AQ1: {value: none, evidence: [安全生产台账]}"
    assert known in text
    unit = tmp_path / "jingmi.yaml"
    unit.write_text(text.replace(known, "  AQ1: {status: unknown}", 1), encoding="utf-8")
    return unit


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang, words", [("zh", RECORD_ZH), ("en", RECORD_EN)])
def test_an_unknown_record_qualifies_an_unreachable_target(enterprise, lang, words):
    proc = lcity_here("plan", str(enterprise), "--lang", lang)
    assert proc.returncode == 1
    said = _flat(proc.stderr)
    assert "unreachable-target" in said and "AQ" in said
    assert _flat(words) in said
    assert "Traceback" not in said


@pytest.mark.parametrize("lang, words", [("zh", RECORD_ZH + "。"), ("en", RECORD_EN + ".")])
def test_a_reachable_plan_says_it_counts_nothing_from_the_unknown_record(enterprise, lang, words):
    proc = lcity_here("plan", str(enterprise), "--target", "220", "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    assert _flat(words) in _flat(proc.stdout)
    assert "AQ1" not in proc.stdout.split(words[:3])[0]  # no task proposes an answer for the record


def test_the_plan_json_carries_the_note(enterprise):
    proc = lcity_here("plan", str(enterprise), "--target", "220", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    plan = json.loads(proc.stdout)
    assert [r["text_zh"] for r in plan["records"]] == [RECORD_ZH]
    assert "AQ1" not in [c["indicator"] for c in plan["changes"]]


def test_a_known_record_brings_no_note(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G24T / "fw"))
    proc = lcity_here("plan", str(G24T / "jingmi-2025.yaml"), "--target", "220", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["records"] == []


def test_the_reports_reasons_are_clauses_apart(enterprise, tmp_path):
    """Two reasons a target is out of reach, each a clause with its own commas, are set apart by "；"
    (they were joined by the list's "、": "低于50%的底线、AQ1记录评估期内…")."""
    from .conftest import report_lines

    text = " ".join(report_lines(enterprise, "zh"))
    assert "低于50%的底线；AQ1记录评估期内已经发生的情况" in text


# Qingshi's K4 and K5 were filed without sample_size, their evidence "2024年居民问卷调查(有效样本620份)":
# 一 read "K4 居民知晓度和认同度84%（未填报样本量，无法计算误差）" one line below that evidence.
def test_a_rate_without_sample_size_points_to_the_sample_its_evidence_names():
    from .conftest import EXAMPLES, report_lines

    zh = " ".join(report_lines(EXAMPLES / "qingshi-district.yaml", "zh"))
    assert "K4 居民知晓度和认同度84%（佐证写有“有效样本620份”，但未填报样本量sample_size，故未计算误差）" in zh
    assert "未填报样本量，无法计算误差" not in zh
    en = " ".join(report_lines(EXAMPLES / "qingshi-district.yaml", "en"))
    assert ("K4 Resident awareness and recognition 84% (the evidence names a sample of 620, but no sample size "
            "was filed, so no margin of error is computed)") in en


@pytest.mark.parametrize("text, named", [
    ("2024年居民问卷调查(有效样本620份)", "有效样本620份"), ("问卷1,200份", "问卷1,200份"),
    ("survey of 2024, 620 valid questionnaires", "620 valid questionnaires"),
    ("区总工会企业抽样调查", None), ("2024年活动记录", None), (None, None)])
def test_the_words_that_name_a_sample(text, named):
    from evaluator.sampling import named_sample

    assert named_sample([text]) == named
    if named:
        from evaluator.sampling import named_count

        assert named_count(named) in (620, 1200)


# G25R-4: Jinxiu's panel lead found falsified data; the member's review lists no veto ("不构成提供虚假数据").
# The veto decides, as any reviewer's does, but the reasons said "专家组认定：提供虚假数据或材料" as if the
# panel had found it, and nothing of the dissent or of the result without it.
G25R = ROOT / "tests" / "audit_cities" / "g25r"
JINXIU = [str(G25R / "jinxiu-district-veto.yaml"), "--review", str(G25R / "jinxiu-district-veto.review.yaml"),
          "--review", str(G25R / "jinxiu-district-veto.review-member.yaml")]


def test_a_veto_one_reviewer_found_is_theirs_and_leaves_the_review_unsettled():
    proc = lcity_here("score", *JINXIU, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    rec = out["recognition"]
    assert rec["outcome"] == "refused"  # any reviewer's veto decides, as before
    assert rec["reasons_zh"][0].startswith("黎志坚认定：提供虚假数据或材料（理由：")
    assert rec["reasons_zh"][0].endswith("触发一票否决；评审专家2未认定此项")
    assert rec["reasons"][0].endswith("which triggers a veto; reviewer 2 did not find it")
    assert not any(r.startswith("专家组认定") for r in rec["reasons_zh"])
    # the member's own view (no veto) gives another grade and outcome: said beside the conclusion
    review = out["review"]
    assert review["settled"] is False
    assert [(s["place"], s["grade"], s["outcome"]) for s in review["unsettled_by"]] == [(2, "excellent", "recognised")]
    text = " ".join(lcity_here("score", *JINXIU).stdout.split())
    assert "各评审专家的核定导致不同的等级或结论，结论须经专家组讨论统一核定值后确定" in text


def test_the_report_says_the_conclusion_waits_for_the_panel():
    from .conftest import report_lines

    zh = " ".join(report_lines(G25R / "jinxiu-district-veto.yaml", "zh",
                               [G25R / "jinxiu-district-veto.review.yaml", G25R / "jinxiu-district-veto.review-member.yaml"]))
    assert "按评审专家2的核定，总分为92.0分（优秀，认定为示范区）" in zh
    assert "须经专家组讨论统一核定值后确定" in zh
    assert "按任一位专家的评分，等级和评估结论均不变" not in zh


def test_a_veto_every_reviewer_found_stays_the_panels():
    one = lcity_here("score", *JINXIU[:3], "--format", "json")
    assert one.returncode == 0, one.stderr
    assert json.loads(one.stdout)["recognition"]["reasons_zh"][0].startswith("专家组认定：提供虚假数据或材料")


@pytest.mark.parametrize("lang, words", [
    ("zh", "警告 panel-disagreement: 否决项 falsified_data 由黎志坚列出，评审专家2未列出：它仍决定评估结论，但各位专家的结论因此不同"),
    ("en", "warning panel-disagreement: veto falsified_data is listed by 黎志坚 and not by reviewer 2: it still decides "
           "the outcome, but the reviewers' conclusions differ")])
def test_review_validate_warns_at_the_veto_one_reviewer_lists(lang, words):
    proc = lcity_here("review", "validate", "--lang", lang, str(G25R / "jinxiu-district-veto.yaml"),
                      str(G25R / "jinxiu-district-veto.review.yaml"), str(G25R / "jinxiu-district-veto.review-member.yaml"))
    assert proc.returncode == 0, proc.stderr
    said = " ".join((proc.stdout + proc.stderr).split())
    assert "jinxiu-district-veto.review.yaml:51:5: " + words in said


# A SIGTERM while `lcity sensitivity` started landed in scipy's Sobol tables, read by a Cython function
# that ignores exceptions: Python printed "Exception ignored … lcity.console.Terminated" with its
# traceback and the run went on (test_g24_hostile, under load). The signal is now sent again.
def test_a_signal_a_c_extension_swallowed_is_sent_again():
    import signal
    import time
    import types

    from lcity.console import Terminated, on_unraisable

    got: list[int] = []
    old = signal.signal(signal.SIGTERM, lambda s, f: got.append(s))
    try:
        on_unraisable(types.SimpleNamespace(exc_type=Terminated, exc_value=Terminated(), exc_traceback=None,
                                            err_msg=None, object=None))
        for _ in range(200):  # the handler runs between two bytecodes of this thread
            if got:
                break
            time.sleep(0.001)
    finally:
        signal.signal(signal.SIGTERM, old)
    assert got == [signal.SIGTERM]


def test_another_unraisable_exception_is_reported_as_python_does(monkeypatch, capsys):
    import gc
    import sys

    from lcity.console import on_unraisable

    class Breaks:
        def __del__(self):
            raise ValueError("boom")

    monkeypatch.setattr(sys, "unraisablehook", on_unraisable)
    Breaks()
    gc.collect()
    assert "ValueError: boom" in capsys.readouterr().err
