"""Each rule kind at its boundaries, and derived figures (per resident, per 10,000, ...)."""

from __future__ import annotations

import pytest

from evaluator.assessment import Assessment
from evaluator.engine import score
from evaluator.rules import RULES, apply
from indicators.loader import load_framework
from indicators.models import RULE_FITS

FW = load_framework("china-learning-city@1")


def assess(answers: dict, **city) -> Assessment:
    profile = {"name": {"zh": "测试区"}, "level": "district", "population": 1_000_000,
               "population_60plus": 200_000, "employed": 500_000, "streets": 10, "communities": 100}
    profile.update(city)
    return Assessment.model_validate({"framework": FW.ref, "city": profile,
                                      "period": {"start": 2023, "end": 2024}, "answers": answers})


def ind_result(answers: dict, ind_id: str, **city):
    return score(assess(answers, **city), FW).indicator(ind_id)


def test_every_rule_kind_has_a_function():
    assert set(RULES) == set(RULE_FITS)


@pytest.mark.parametrize("value, share", [(True, 1.0), (False, 0.0)])
def test_boolean(value, share):
    assert apply(FW.indicator("B2"), value)[0] == share


def test_levels_every_choice():
    ind = FW.indicator("B1")
    assert [apply(ind, c)[0] for c in ("none", "provincial_only", "own_regulation")] == [0.0, 0.5, 1.0]


@pytest.mark.parametrize(
    "value, share",
    [(0, 0.0), (1.99, 0.0), (2, 0.0), (6, 0.5), (10, 1.0), (25, 1.0)],
    ids=["zero", "below-floor", "exactly-floor", "middle", "exactly-target", "above-target"],
)
def test_linear_boundaries(value, share):
    ind = FW.indicator("D1")  # floor 2 yuan (national minimum), target 10 yuan per resident
    assert apply(ind, value)[0] == pytest.approx(share)


@pytest.mark.parametrize("value, share", [(0, 0.0), (0.99, 0.0), (1, 0.5), (1.5, 0.5), (2, 1.0), (9, 1.0)])
def test_steps_boundaries(value, share):
    assert apply(FW.indicator("H2"), value)[0] == share


@pytest.mark.parametrize(
    "items, share",
    [([], 0.0), (["leading_body"], 1 / 3), (["leading_body", "two_meetings"], 2 / 3),
     (["leading_body", "ten_departments", "two_meetings"], 1.0)],
)
def test_checklist(items, share):
    assert apply(FW.indicator("A2"), items)[0] == pytest.approx(share)


def test_derived_per_resident():
    r = ind_result({"D1": {"value": 6_000_000}}, "D1")  # 6 yuan per resident: half-way
    assert r.figure == pytest.approx(6.0)
    assert r.score == pytest.approx(2.0)
    assert "6,000,000" in r.reason and "1,000,000" in r.reason


def test_derived_per_10000_and_per_100000():
    e2 = ind_result({"E2": {"value": 1000}}, "E2")  # 10 courses per 10,000 residents: target
    assert e2.figure == pytest.approx(10.0) and e2.share == 1.0
    e4 = ind_result({"E4": {"value": 5}}, "E4")  # 0.5 sites per 100,000: floor
    assert e4.figure == pytest.approx(0.5) and e4.share == 0.0


def test_share_of_a_profile_figure():
    r = ind_result({"C1": {"value": 8}}, "C1")  # 8 of 10 streets = 80 %: half-way between 60 and 100
    assert r.figure == pytest.approx(80.0) and r.share == pytest.approx(0.5)


def test_missing_profile_figure_makes_the_indicator_unknown():
    r = ind_result({"I1": {"value": 5000}}, "I1", population_60plus=None)
    assert r.state == "unknown" and r.score == 0
    assert "population_60plus" in r.reason


def test_zero_population_is_a_validation_error():
    from evaluator.reading import read_string

    text = (
        "framework: china-learning-city@1\ncity:\n  name: {zh: 零人区}\n  level: district\n"
        "  population: 0\nperiod: {start: 2023, end: 2024}\nanswers: {}\n"
    )
    [p] = [p for p in read_string(text).problems if p.severity == "error"]
    assert (p.line, p.col, p.rule) == (5, 15, "out-of-range")


def test_zero_base_in_the_engine_scores_zero_not_a_crash():
    a = assess({"D1": {"value": 1000}})
    a.city.population = 0  # bypassing validation on purpose
    r = score(a, FW).indicator("D1")
    assert r.state == "unknown" and r.score == 0
