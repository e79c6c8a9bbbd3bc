"""A share of a population above 100 % (G3 audit #4): validate says what it is, more people than the
population it is a share of, and stays a warning (exit 0: a file that validates must score; the
official explains the figure in a note and the panel verifies it before recognition)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.reading import read_string

from .conftest import lcity_here as lcity


def _unit(population: int, older: int, answers: str) -> str:
    return ("framework: china-learning-city@2\ncity:\n  name: {zh: 某区}\n  level: district\n"
            f"  population: {population}\n  population_60plus: {older}\n  employed: {population // 2}\n"
            "  streets: 10\n  communities: 98\nperiod: {start: 2024, end: 2025}\nanswers:\n" + answers)


def _said(text: str, ind: str, lang: str = "zh") -> list[tuple[str, str]]:
    """(severity, message with hint) of the implausible-value problems at ``ind``'s answer."""
    loaded = read_string(text, file="t.yaml")
    return [(p.severity, p.text(lang)) for p in loaded.problems
            if p.rule == "implausible-value" and f": {ind}" in p.text(lang)]


@settings(max_examples=60, deadline=None)
@given(population=st.integers(10_000, 3_000_000), ratio=st.floats(0.05, 3.0))
def test_a_share_above_the_population_is_said_to_be_more_people_and_stays_a_warning(population, ratio):
    registered = max(1, round(population * ratio))
    said = _said(_unit(population, population // 5, f"  E1: {{value: {registered}, evidence: [平台统计]}}\n"), "E1")
    above = registered * 100 / population > 100
    assert bool(said) == above, said  # E1's plausible range stops at 100 %: below it, nothing to say
    for severity, text in said:
        assert severity == "warning"
        assert "多于作为分母的常住人口（city.population：" in text and "不可能多于常住人口" in text, text
        assert "请在该项的 note 中说明，认定前由专家组核实" in text and "超出常见范围" not in text


def test_older_learners_above_the_older_population_name_that_population():
    said = _said(_unit(200_000, 40_000, "  I1: {value: 48000, evidence: [学员统计]}\n"), "I1", "en")
    assert said == [("warning", said[0][1])]
    assert "I1: 48,000 people is 120 % of city.population_60plus (40,000): more people than the residents aged 60 " \
           "and over it is a share of" in said[0][1]


def test_a_rate_of_person_times_above_100_is_not_a_share():
    """F1 counts person-times per 100 residents (plausible up to 500): 150 is a busy district, not
    more people than live there."""
    assert _said(_unit(200_000, 40_000, "  F1: {value: 300000, evidence: [培训台账]}\n"), "F1") == []
    said = _said(_unit(200_000, 40_000, "  F1: {value: 1200000, evidence: [培训台账]}\n"), "F1", "en")
    assert said and "above 500, outside the range real units show" in said[0][1] and "more people" not in said[0][1]


def test_validate_exits_0_and_the_file_scores():
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "u.yaml"
        path.write_text(_unit(100_000, 20_000, "  E1: {value: 130000, evidence: [平台统计]}\n"), encoding="utf-8")
        run = lcity("validate", str(path), "--lang", "en")
        assert run.returncode == 0, run.stdout + run.stderr
        assert "warning implausible-value: E1: 130,000 people is 130 % of city.population (100,000)" in run.stdout + run.stderr
        assert lcity("score", str(path)).returncode == 0
