"""G20-D9: the Result counts the unit's own not-applicable answers in ``not_applicable`` and the
indicators the framework does not ask of the unit's level in ``not_asked`` (before not_asked existed the JSON
added the two: a ward read "not_applicable": 2 where its text said "0 not applicable, 2 not asked").
A report made before the change still verifies: its embedded Result's ``not_applicable`` is the sum."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator.assessment import Assessment
from evaluator.engine import score
from indicators.loader import load_framework
from reports.embedded import RESULT
from reports.verify_pdf import compare_results

from .conftest import EXAMPLES, ROOT, lcity_here as lcity
from .strategies import value_for
from .test_verify import tamper

G20 = ROOT / "tests" / "audit_frameworks_g20"
LOWFIELD = G20 / "units" / "lowfield-2025.yaml"
QINGSHI_2 = EXAMPLES / "v2" / "qingshi-district-2025.yaml"
FW2 = load_framework("china-learning-city@2")


@pytest.fixture
def installed(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G20 / "fw"))
    monkeypatch.setenv("COLUMNS", "80")


def test_a_ward_counts_no_not_applicable_answer_and_two_indicators_not_asked(installed):
    run = lcity("score", str(LOWFIELD), "--format", "json")
    assert run.returncode == 0, run.stderr
    r = json.loads(run.stdout)
    assert (r["answered"], r["not_applicable"], r["not_asked"], r["unknown"], r["missing"]) == (10, 0, 2, 0, 0)
    # the text says the same counts
    text = lcity("score", str(LOWFIELD))
    assert "(10 answered, 0 unknown, 0 missing, 0 not applicable, 2 not asked of a ward)" in text.stdout


def test_a_countys_own_not_applicable_answers_are_counted_as_before():
    run = lcity("score", str(EXAMPLES / "yunling-county.yaml"), "--format", "json")
    r = json.loads(run.stdout)
    assert (r["not_applicable"], r["not_asked"]) == (3, 0)


@st.composite
def districts(draw):
    """A district under china-learning-city@2 (L1 not asked of it) with any mix of answers, its own
    not-applicable ones among them (also for L1, which the framework leaves out all the same)."""
    answers = {}
    for ind in FW2.indicators():
        kind = draw(st.sampled_from(["value", "value", "not_applicable", "unknown", "missing"]))
        if kind == "value":
            answers[ind.id] = {"value": draw(value_for(ind.at_level("district", FW2.unit_name("district"))))}
        elif kind != "missing":
            answers[ind.id] = {"status": kind, "note": "none here"}
    city = {"name": {"zh": "测试区", "en": "Test District"}, "level": "district", "parent": "测试市",
            "population": 800_000, "population_60plus": 150_000, "employed": 450_000, "streets": 12,
            "communities": 120, "area_km2": 30}
    return Assessment.model_validate({"framework": FW2.ref, "city": city, "period": {"start": 2024, "end": 2025},
                                      "answers": answers})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(districts())
def test_the_counts_add_up_and_not_asked_is_the_levels_in_both_engine_paths(a):
    off = FW2.not_asked("district")
    own_na = {k for k, v in a.answers.items() if v.status == "not_applicable" and k not in off}
    for r in (score(a, FW2), score(a, FW2, changes={"no-such-indicator": (0.0, "")})):
        assert r.not_asked == len(off) == 1
        assert r.not_applicable == len(own_na)
        assert r.answered + r.not_applicable + r.not_asked + r.unknown + r.missing == len(r.indicators)
        assert r.unknown == sum(i.state == "unknown" for i in r.indicators)


def test_an_embedded_result_without_not_asked_is_compared_with_the_sum():
    printed = {"framework": "f@1", "total": 50.0, "grade": {"id": "pass"}, "recognition": {"outcome": "deferred"},
               "indicators": [], "answered": 10, "not_applicable": 2}
    rescored = {**printed, "not_applicable": 0, "not_asked": 2}
    assert compare_results(printed, rescored) == []
    printed["not_applicable"] = 1  # an edited count still differs
    assert compare_results(printed, rescored) == [
        "the embedded Result differs from the re-scored one in not_applicable"]
    # a Result that carries not_asked is compared as it is
    assert compare_results({**rescored, "not_applicable": 2}, rescored) == [
        "the embedded Result differs from the re-scored one in not_applicable"]


@pytest.fixture(scope="module")
def district_report(tmp_path_factory) -> Path:
    pdf = tmp_path_factory.mktemp("not-asked") / "qingshi-2025.pdf"
    run = lcity("report", str(QINGSHI_2), "--lang", "en", "-o", str(pdf))
    assert run.returncode == 0, run.stderr
    return pdf


def _as_before(data: bytes) -> bytes:
    """The embedded Result as lcity wrote it before not_asked existed: no not_asked, counted in not_applicable."""
    r = json.loads(data)
    r["not_applicable"] += r.pop("not_asked")
    return json.dumps(r, ensure_ascii=False).encode()


def test_a_report_made_before_the_change_still_verifies(district_report, tmp_path):
    r = json.loads(lcity("score", str(QINGSHI_2), "--format", "json").stdout)
    assert (r["not_applicable"], r["not_asked"]) == (0, 1)  # L1 is not asked of a district
    old = tamper(district_report, tmp_path / "old.pdf", RESULT, _as_before)
    run = lcity("verify", str(old), "--lang", "en")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.startswith(f"{old}: agrees — total ")
    # an old report whose count was edited does not
    def edited(data: bytes) -> bytes:
        r = json.loads(_as_before(data))
        r["not_applicable"] = 0
        return json.dumps(r, ensure_ascii=False).encode()

    bad = tamper(district_report, tmp_path / "edited.pdf", RESULT, edited)
    run = lcity("verify", str(bad), "--lang", "en")
    assert run.returncode == 1
    assert "  - the embedded Result differs from the re-scored one in not_applicable" in run.stdout
