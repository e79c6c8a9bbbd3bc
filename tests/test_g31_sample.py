"""G31T2: one required sample for a finite population. A framework's ``survey.drawn_from`` names the
profile figure that counts the people a survey is drawn from (G31T); the framework's ``min_sample``
corrected for that population (Cochran, ``evaluator.sampling.required_sample``) is the sample every
page asks for, and the rate's margin is the finite population's. Skerry asked 120 of its 131 young
people: the engine held it as "fewer than the 200 the framework requires" (± 8.2), the plan and the
report asked for 200. A unit of a framework without ``drawn_from`` (China's) is scored as before."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from .conftest import lcity_here as lcity, report_lines, squash
from .test_g31_third_party import _small_isle

ROOT = Path(__file__).resolve().parents[1]


# --- the rule ----------------------------------------------------------------------------------------


def test_the_isles_200_is_80_of_131():
    from evaluator.sampling import required_sample

    assert required_sample(200, 131) == 80
    assert required_sample(200, None) == 200 and required_sample(400, 10 ** 9) == 400


@settings(max_examples=200, deadline=None)
@given(n0=st.integers(1, 5000), n=st.integers(1, 10 ** 7), more=st.integers(0, 10 ** 7))
def test_the_required_sample_never_asks_more_than_the_framework_or_the_population(n0, n, more):
    from evaluator.sampling import required_sample

    got, bigger = required_sample(n0, n), required_sample(n0, n + more)
    assert 1 <= got <= n0 and got <= n
    assert got <= bigger <= n0  # a larger population never asks for fewer
    assert got >= math.ceil(n0 * n / (n + n0 - 1)) - 1  # Cochran's n0 / (1 + (n0 - 1)/N), rounded up


@settings(max_examples=100, deadline=None)
@given(n0=st.integers(1, 5000))
def test_the_required_sample_is_the_frameworks_for_an_unknown_or_vast_population(n0):
    from evaluator.sampling import required_sample

    assert required_sample(n0, None) == n0
    assert required_sample(n0, 10 ** 12) == n0


# --- the isle: 120 of 131 ----------------------------------------------------------------------------


@pytest.fixture
def isle(tmp_path, monkeypatch):
    """Skerry (120 of its 131 young people answered sk-1), and the same isle with its library boat
    calling monthly (no veto), whose recognition the survey decides."""
    _, unit = _small_isle(tmp_path)
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "fw"))
    monkeypatch.setenv("COLUMNS", "80")
    text = unit.read_text(encoding="utf-8")
    assert text.count("od-1: {value: closed") == 1
    (tmp_path / "open.yaml").write_text(text.replace("od-1: {value: closed", "od-1: {value: monthly"), encoding="utf-8")
    return unit, tmp_path / "open.yaml"


def _json(unit: Path, *extra: str) -> dict:
    run = lcity("score", str(unit), "--format", "json", *extra)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_the_isle_is_not_held_on_its_survey_and_its_margin_is_the_finite_one(isle):
    """Before: 'Charter renewal deferred', 'sk-1 at 70% rests on 120 valid questionnaires, fewer than
    the 200 the framework requires' and '± 8.2 percentage points at 95%, 120 valid responses'."""
    _, open_ = isle
    got = _json(open_)
    rec = got["recognition"]
    assert rec["outcome"] == "recognised" and not rec["unsettled"], rec
    assert "survey thresholds met" in rec["reasons"][0] and "200" not in " ".join(rec["reasons"]), rec
    sk = next(i for i in got["indicators"] if i["id"] == "sk-1")
    assert f"{sk['margin']:.1f}" == "2.4"
    assert sk["reason"].endswith("(± 2.4 percentage points at 95%, 120 valid responses of 131 people)"), sk["reason"]
    assert sk["reason_zh"].endswith("（95% 置信水平下误差 ± 2.4 个百分点，有效样本 120 份，共 131 人）"), sk["reason_zh"]
    run = lcity("score", str(open_), "--explain")
    said = squash(run.stdout)
    assert squash("± 2.4 percentage points at 95%, 120 valid responses of 131 people") in said, run.stdout
    assert "8.2" not in run.stdout and "fewer than the 200" not in run.stdout


def test_a_sample_short_of_the_corrected_minimum_is_still_held(isle, tmp_path):
    """60 of 131 is short of the 80 the framework's 200 comes to: held, and the reason names 80."""
    _, open_ = isle
    text = open_.read_text(encoding="utf-8")
    (tmp_path / "sixty.yaml").write_text(text.replace("sample_size: 120", "sample_size: 60"), encoding="utf-8")
    rec = _json(tmp_path / "sixty.yaml")["recognition"]
    assert rec["outcome"] != "recognised", rec
    said = " ".join(rec["reasons"])
    assert "rests on 60 valid questionnaires, fewer than the 80 the framework requires" in said, said


def test_the_plan_asks_for_no_survey_of_200_and_a_short_sample_for_80(isle, tmp_path):
    """Before: 'After the plan the target is reached on the rates as reported, but the survey lines are
    not settled: sk-1 would be 70% after the plan (120 valid questionnaires, fewer than the 200 the
    framework asks for), 95% interval 61.8% to 78.2%' and 'after the plan: … Charter renewal deferred'."""
    unit, open_ = isle
    run = lcity("plan", str(unit))
    said = squash(run.stdout)
    assert squash("after the plan: 35.1 A+, Charter Town") in said and "survey lines are not settled" not in run.stdout
    assert "fewer than the 200" not in run.stdout, run.stdout
    text = open_.read_text(encoding="utf-8")
    (tmp_path / "sixty.yaml").write_text(text.replace("sample_size: 120", "sample_size: 60"), encoding="utf-8")
    run = lcity("plan", str(tmp_path / "sixty.yaml"))
    # the finite population's interval (70 ± 8.6), not 58.4 % to 81.6 % of 60 from a large population
    assert squash("sk-1 is 70% (60 valid questionnaires, fewer than the 80 the framework asks for), 95% interval "
                  "61.4% to 78.6%") in squash(run.stdout), run.stdout


def test_validation_counts_the_isle_as_enough_on_its_own_count_of_young_people(isle, tmp_path):
    unit, open_ = isle
    said = " ".join(lcity("validate", str(unit)).stdout.split() + lcity("validate", str(unit)).stderr.split())
    assert "survey-population" in said and "± 2.4 percentage points (n = 120" in said, said
    assert "the framework's 200 comes to 80, which the survey meets" in said and "8.2" not in said, said
    zh = lcity("validate", str(unit), "--lang", "zh")
    assert "指标体系要求的 200 份相当于 80 份，本次调查已达到" in " ".join((zh.stdout + zh.stderr).split())
    text = open_.read_text(encoding="utf-8")
    (tmp_path / "sixty.yaml").write_text(text.replace("sample_size: 120", "sample_size: 60"), encoding="utf-8")
    run = lcity("validate", str(tmp_path / "sixty.yaml"))
    said = " ".join((run.stdout + run.stderr).split())
    assert "the sample is below the minimum of 80 (the youth survey needs at least 80 valid questionnaires: the " \
           "framework's 200, corrected for the unit's 131 young people (finite population correction)" in said, said


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_report_gives_the_finite_margin_and_asks_for_no_200(isle, lang):
    """附件1 (the reason), 三 (the survey rates' margins) and 六 (sk-1's item) of Skerry's report."""
    unit, _ = isle
    text = squash(" ".join(report_lines(unit, lang)))
    words = {"en": ("(± 2.4 percentage points at 95%, 120 valid responses of 131 people)",
                    "sk-1 Young people in training 70% (120 valid responses, ±2.4 percentage points)",
                    "minimum of 200 valid questionnaires comes to 80 (finite population correction), which the "
                    "survey meets.",
                    ("at least 200", "fewer than the 200 the framework requires", "survey lines are not settled")),
             "zh": ("（95%置信水平下误差 ± 2.4个百分点，有效样本120份，共131人）",
                    "sk-1 Young people in training 70%（有效样本120份，误差±2.4个百分点）",
                    "按可调查的young people131人作有限总体校正，指标体系要求的200份有效问卷相当于80份，本次调查已达到。",
                    ("不少于200份", "调查指标的达标尚不确定"))}[lang]
    for said in words[:3]:
        assert squash(said) in text, (lang, said)
    for never in words[3]:
        assert squash(never) not in text, (lang, never)
    assert "±8.2" not in text.replace(squash("而非从大总体抽样时的±8.2"), "").replace(squash("not the ±8.2"), "")


def test_a_framework_without_drawn_from_asks_its_own_minimum():
    """China's framework names no count of the people surveyed: the engine does nothing more per unit
    (no plan.survey_drawn), and every unit's required sample is the framework's min_sample."""
    from evaluator.engine import plan_for
    from evaluator.sampling import unit_sample

    from .conftest import scored

    for name in ("jianglan-city", "qingshi-district", "yunling-county"):
        result, _, fw = scored(ROOT / "examples" / f"{name}.yaml")
        assert plan_for(fw).at(result.city.level).survey_drawn is None
        for ind in fw.indicators():
            if ind.survey is not None:
                assert unit_sample(ind.survey, lambda _: 131) == ind.survey.min_sample
        for r in result.indicators:
            assert "people)" not in r.reason and "人）" not in r.reason_zh
