"""Properties of scoring that must hold for any valid assessment (hypothesis), plus decisions."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator.assessment import Assessment
from evaluator.engine import score
from evaluator.rules import num
from indicators.loader import load_framework

from .conftest import EXAMPLES, lcity_here as lcity
from .strategies import value_for

FW = load_framework("china-learning-city@1")
INDICATORS = FW.indicators()
CITY = {"name": {"zh": "测试区"}, "level": "district", "population": 800_000, "population_60plus": 150_000,
        "employed": 450_000, "streets": 12, "communities": 120}
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def answers(draw):
    out = {}
    for ind in INDICATORS:
        state = draw(st.sampled_from(["answered", "answered", "answered", "unknown", "not_applicable", "missing"]))
        if state == "answered":
            entry = {"value": draw(value_for(ind))}
            if draw(st.booleans()):
                entry["evidence"] = ["doc"]
            out[ind.id] = entry
        elif state in ("unknown", "not_applicable"):
            out[ind.id] = {"status": state}
    return out


def make(ans: dict) -> Assessment:
    return Assessment.model_validate({"framework": FW.ref, "city": CITY, "period": {"start": 2023, "end": 2024},
                                      "answers": ans})


@PROPS
@given(answers())
def test_total_and_dimensions_stay_within_bounds(ans):
    r = score(make(ans), FW)
    assert 0 <= r.total <= 100 + 1e-9
    assert 0 <= r.confidence <= r.coverage + 1e-9 <= 1 + 1e-9
    for d in r.dimensions:
        assert -1e-9 <= d.score <= d.max + 1e-9
        assert d.max == pytest.approx(d.points) or d.max == 0
    for i in r.indicators:
        assert -1e-9 <= i.score <= i.max + 1e-9


def improved(ind, value):
    """A better answer than `value`, or None when none exists."""
    a = ind.answer
    if a.type == "boolean":
        return True if value is False else None
    if a.type == "choice":
        shares = ind.rule.shares
        better = [c for c in shares if shares[c] > shares[value]]
        return better[0] if better else None
    if a.type == "checklist":
        rest = [i.id for i in a.items if i.id not in value]
        return value + rest[:1] if rest else None
    if a.type == "percent":
        return min(100.0, value + 7.5) if value < 100 else None
    return value + 1000 if a.type == "count" else value * 1.5 + 1


@PROPS
@given(answers(), st.randoms(use_true_random=False))
def test_improving_one_answer_never_lowers_total_or_dimension(ans, rnd):
    answered = [i for i in INDICATORS if "value" in ans.get(i.id, {})]
    if not answered:
        return
    ind = rnd.choice(answered)
    better = improved(ind, ans[ind.id]["value"])
    if better is None:
        return
    before = score(make(ans), FW)
    ans2 = {**ans, ind.id: {**ans[ind.id], "value": better}}
    after = score(make(ans2), FW)
    dim = FW.dimension_of(ind.id).id
    assert after.total >= before.total - 1e-9
    assert after.dimension(dim).score >= before.dimension(dim).score - 1e-9


@PROPS
@given(answers(), st.randoms(use_true_random=False))
def test_answering_an_unknown_never_lowers_the_total(ans, rnd):
    unknown = [i for i in INDICATORS if ans.get(i.id, {}).get("status") == "unknown"]
    if not unknown:
        return
    ind = rnd.choice(unknown)
    value = {"boolean": False, "choice": None, "checklist": []}.get(ind.answer.type, 0)
    if value is None:
        value = next(iter(ind.rule.shares))
    before = score(make(ans), FW)
    after = score(make({**ans, ind.id: {"value": value}}), FW)
    assert after.total >= before.total - 1e-9


@PROPS
@given(answers(), st.randoms(use_true_random=False))
def test_not_applicable_keeps_the_dimension_maximum(ans, rnd):
    answered = [i for i in INDICATORS if "value" in ans.get(i.id, {})]
    if not answered:
        return
    ind = rnd.choice(answered)
    dim = FW.dimension_of(ind.id)
    others = [i.id for i in dim.indicators if i.id != ind.id]
    if all(ans.get(o, {}).get("status") == "not_applicable" for o in others):
        return  # the whole dimension would be not applicable
    after = score(make({**ans, ind.id: {"status": "not_applicable"}}), FW)
    assert after.dimension(dim.id).max == pytest.approx(dim.points)
    assert after.indicator(ind.id).state == "not_applicable"
    assert ind.id in after.dimension(dim.id).not_applicable


@PROPS
@given(answers(), st.randoms(use_true_random=False))
def test_order_of_answers_does_not_matter_and_scoring_is_deterministic(ans, rnd):
    items = list(ans.items())
    rnd.shuffle(items)
    a = score(make(ans), FW).model_dump_json()
    b = score(make(dict(items)), FW).model_dump_json()
    assert a == b
    assert a == score(make(ans), FW).model_dump_json()


@PROPS
@given(answers())
def test_every_reason_names_its_input(ans):
    r = score(make(ans), FW)
    for i in r.indicators:
        assert i.id in i.reason and i.id in i.reason_zh
        if i.state == "answered":
            v = i.value
            if isinstance(v, bool):
                assert ("answered yes" if v else "answered no") in i.reason
            elif isinstance(v, (int, float)):
                assert num(v) in i.reason
            elif isinstance(v, str):
                assert v in i.reason
            else:
                assert f"{len(v)} of" in i.reason


def test_state_counts_and_confidence_definition():
    ans = {"A1": {"value": "plan", "evidence": ["doc"]}, "A2": {"value": ["leading_body"]},
           "A3": {"status": "unknown"}, "B1": {"status": "not_applicable"}}
    r = score(make(ans), FW)
    assert (r.answered, r.unknown, r.not_applicable, r.missing) == (2, 1, 1, 39)
    weights = {i.id: i.max for i in r.indicators}
    applicable = sum(i.max for i in r.indicators if i.state != "not_applicable")
    assert r.confidence == pytest.approx((weights["A1"] * 1 + weights["A2"] * 0.5) / applicable)
    assert r.coverage == pytest.approx((weights["A1"] + weights["A2"]) / applicable)


EXPECTED = {
    "jianglan-city.yaml": ("excellent", "recognised"),
    "qingshi-district.yaml": ("pass", "deferred"),
    "yunling-county.yaml": ("fail", "refused"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_examples_score_to_the_grade_their_header_states(name):
    import json

    proc = lcity("score", str(EXAMPLES / name), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert (doc["grade"]["id"], doc["recognition"]["outcome"]) == EXPECTED[name]
    assert {"framework", "city", "total", "grade", "recognition", "confidence", "dimensions", "indicators"} <= set(doc)
    assert {"id", "score", "points"} <= set(doc["dimensions"][0])
    assert {"id", "state", "score", "points", "reason"} <= set(doc["indicators"][0])
    header = (EXAMPLES / name).read_text(encoding="utf-8").split("framework:")[0]
    assert doc["grade"]["name_zh"] in header


def test_veto_refuses_whatever_the_total():
    from evaluator.reading import read

    loaded = read(EXAMPLES / "jianglan-city.yaml")
    a, fw = loaded.require()
    a.answers["D2"].value = "none"
    r = score(a, fw)
    assert r.total > 85 and r.recognition.outcome == "refused"
    assert "no_budget_line" in r.vetoes
    assert any("veto" in reason for reason in r.recognition.reasons)


def test_floor_reason_names_the_dimension():
    from evaluator.reading import read

    a, fw = read(EXAMPLES / "qingshi-district.yaml").require()
    r = score(a, fw)
    assert any(reason.startswith("dimension D at 47%") and "below the 60% floor" in reason
               for reason in r.recognition.reasons)


def test_unknown_survey_figure_blocks_recognition():
    from evaluator.reading import read

    a, fw = read(EXAMPLES / "jianglan-city.yaml").require()
    a.answers["K4"].value = None
    a.answers["K4"].status = "unknown"
    r = score(a, fw)
    assert r.recognition.outcome != "recognised"
    assert any("K4" in reason for reason in r.recognition.reasons)


def test_score_cli_table_and_explain():
    proc = lcity("score", str(EXAMPLES / "qingshi-district.yaml"), "--explain", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "Grade: Pass" in proc.stdout and "Recognition: Recognition deferred" in proc.stdout
    assert "D1" in proc.stdout and "5,500,000" in proc.stdout
    zh = lcity("score", str(EXAMPLES / "qingshi-district.yaml"))
    assert "等级：合格    认定结论：暂缓认定" in zh.stdout


def _half_width_in_chinese(stdout: str) -> list[str]:
    """The lines of score's text output that hold Chinese and a half-width ':', ';', ',' or '(' (table
    borders aside): Chinese labels take full-width punctuation."""
    import re

    lines = [ln for ln in stdout.splitlines() if re.search("[\u4e00-\u9fff]", ln) and not re.search("[│┃]", ln)]
    return [ln for ln in lines if re.search(r"[:;,(]", ln)]


def test_score_in_chinese_labels_with_full_width_punctuation(tmp_path):
    """Every label line in Chinese: bounds, grade and outcome, coverage, the panel and its disagreements."""
    county = lcity("score", str(EXAMPLES / "yunling-county.yaml"), "--lang", "zh")
    assert county.returncode == 0, county.stderr
    assert "总分上下界：33.9–38.9（下界：未知项按0分计；上界：未知项计满分）" in county.stdout
    assert "等级：不合格    认定结论：不予认定" in county.stdout
    assert "可信度：0.77    数据覆盖率：95%（已答 38 项，不详 2 项，未填 0 项，不适用 3 项）" in county.stdout
    review = EXAMPLES / "qingshi-district.review.yaml"
    second = tmp_path / "b.review.yaml"
    second.write_text(review.read_text(encoding="utf-8").replace("name: 周明远", "name: 李晓岚", 1)
                      .replace("value: 81.5", "value: 62"), encoding="utf-8")
    panel = lcity("score", str(EXAMPLES / "qingshi-district.yaml"), "--review", str(review), "--review", str(second))
    assert panel.returncode == 0, panel.stderr
    assert "专家核定：2 份评审；自评总分 75.6；差异较大的指标：" in panel.stdout
    assert "  专家分歧 K4：周明远 " in panel.stdout and "、李晓岚 " in panel.stdout
    for run in (county, panel):
        assert _half_width_in_chinese(run.stdout) == []
    en = lcity("score", str(EXAMPLES / "yunling-county.yaml"), "--lang", "en")
    assert "Grade: Fail" in en.stdout and "Total bounds: 33.9–38.9 (lower: unknown answers" in en.stdout
    assert "(38 answered, 2 unknown, 0 missing, 3 not applicable)" in en.stdout


def test_score_invalid_input_exit_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text((EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8").replace("value: provincial_only", "value: provincal"), encoding="utf-8")
    proc = lcity("score", str(bad))
    assert proc.returncode == 1
    assert "unknown-choice" in proc.stderr and "did you mean 'provincial_only'?" in proc.stderr


@given(st.floats(min_value=0, max_value=100, allow_nan=False), st.sampled_from([60, 75, 80, 85]))
def test_a_figure_below_a_limit_never_reads_as_reaching_it(x, limit):
    """"总分85.0分，低于认定线85分" and "得分率60%，低于60%的底线" were possible for 84.96 and 59.6 %."""
    from evaluator.rounding import shown_below

    if x >= limit:
        return
    text = shown_below(x, limit, 1)
    assert float(text) < limit or limit - x < 5e-4
    assert len(text.split(".")[1]) >= 1


def test_reasons_write_a_near_miss_as_a_miss():
    from evaluator.engine import decide
    from evaluator.result import DimensionResult

    fw = load_framework("china-learning-city@1")
    dim = DimensionResult.model_construct(id="D", name="d", name_zh="d", points=10.0, max=10.0, score=5.96,
                                          share=0.596, floor_met=False, indicators=[], not_applicable=[])
    got = decide(fw, 84.96, [dim], {}, [], level="district")
    assert "总分84.96分，低于认定线85分，但达到暂缓认定线75分，故暂缓认定" in got.reasons_zh  # one line (G12 #15)
    assert "D维度得分率59.6%（失4.04分），低于60%的底线" in got.reasons_zh
    assert "dimension D at 59.6% (4.04 points lost) is below the 60% floor" in got.reasons


@given(st.floats(min_value=0.1, max_value=3.0))
@settings(max_examples=25, deadline=None)
def test_a_panel_change_on_an_unknown_figure_does_not_raise_its_upper_bound(delta):
    """The upper bound puts every unknown at full points; a panel's points for an unknown figure are
    inside those full points, not on top of them (qingshi, A1 unknown, +1 gave 76.58 for 75.58)."""
    from evaluator.reading import read

    a, fw = read(EXAMPLES / "qingshi-district.yaml").require()
    answers = dict(a.answers)
    answers["A1"] = answers["A1"].model_copy(update={"status": "unknown", "value": None})
    a = a.model_copy(update={"answers": answers})
    plain = score(a, fw)
    changed = score(a, fw, changes={"A1": (delta, "panel")})
    assert changed.total > plain.total
    assert changed.total_bounds.upper == pytest.approx(plain.total_bounds.upper, abs=1e-9)
    assert changed.total_bounds.lower == pytest.approx(changed.total, abs=1e-12)


def test_score_prints_the_table_of_a_framework_given_by_its_file(monkeypatch):
    """The table named its outcome column and lines by loading the framework again by its ref,
    which fails for a framework that is only a file ('no framework … is installed')."""
    monkeypatch.delenv("LCITY_FRAMEWORK_PATH", raising=False)
    lanshan = EXAMPLES / "frameworks" / "lanshan-community-learning"
    proc = lcity("score", str(lanshan / "yunxi-2025.yaml"), "--framework", str(lanshan / "framework.yaml"),
                 "--lang", "zh")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "评估结论：列入年度社区学习榜单" in proc.stdout and "unknown-framework" not in proc.stdout + proc.stderr


def test_a_no_without_evidence_does_not_lower_the_confidence():
    """validate asks evidence only for answers that claim something; the confidence figure agrees:
    a "no" (false, 0, [], a choice worth nothing) is believed without a document, a "yes" is not."""
    from evaluator.engine import score
    from evaluator.reading import read

    assessment, fw = read(EXAMPLES / "qingshi-district.yaml").require()

    def with_answer(iid: str, value) -> float:
        answers = dict(assessment.answers)
        answers[iid] = answers[iid].model_copy(update={"value": value, "evidence": []})
        return score(assessment.model_copy(update={"answers": answers}), fw).confidence

    kind = {i.id: i.answer.type for i in fw.indicators()}
    boolean = next(i for i, k in kind.items() if k == "boolean" and i in assessment.answers)
    backed = score(assessment, fw).confidence
    no, yes = with_answer(boolean, False), with_answer(boolean, True)
    assert yes < no, (boolean, yes, no)
    original = assessment.answers[boolean]
    if original.evidence:
        assert no == backed  # a no without a document counts as a yes with one
