"""A surveyed rate's margin of error (``evaluator.sampling.margin``): the usual ± 1.96·√(p(1−p)/n)
where the sample has enough answers on each side, else the Wilson interval's farther end. A rate of
100 % from 60 answers read "± 0.0 percentage points" (G15 #15)."""
import math
from pathlib import Path

from hypothesis import given, settings, strategies as st

from evaluator.sampling import NORMAL_ENOUGH, margin

from .conftest import lcity

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
RATE = st.floats(0, 100, allow_nan=False)
N = st.integers(1, 100_000)


@settings(max_examples=300, deadline=None)
@given(rate=RATE, n=N)
def test_a_margin_is_never_zero_and_never_more_than_the_scale(rate, n):
    m = margin(rate, n)
    assert 0 < m <= 100


@settings(max_examples=300, deadline=None)
@given(rate=RATE, n=N)
def test_yes_and_no_have_the_same_margin(rate, n):
    assert math.isclose(margin(rate, n), margin(100 - rate, n), rel_tol=1e-9, abs_tol=1e-9)


@settings(max_examples=300, deadline=None)
@given(rate=RATE, n=N)
def test_with_enough_answers_on_each_side_it_is_the_usual_margin(rate, n):
    p = rate / 100
    if n * p >= NORMAL_ENOUGH and n * (1 - p) >= NORMAL_ENOUGH:
        assert math.isclose(margin(rate, n), 1.96 * math.sqrt(p * (1 - p) / n) * 100, rel_tol=1e-12)


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 10_000))
def test_a_larger_sample_of_a_certain_looking_rate_is_surer(n):
    assert margin(100, n + 1) < margin(100, n)


def test_a_rate_of_100_percent_from_60_answers_is_not_certain():
    text = ("framework: china-learning-city@2\ncity:\n  name: {zh: 某市}\n  level: district\n"
            "  population: 500000\n  streets: 10\n  communities: 98\nperiod: {start: 2024, end: 2025}\nanswers:\n"
            "  K4: {value: 100, sample_size: 60, evidence: [居民调查]}\n")
    run = lcity("score", "-", "--explain", "--lang", "en", input=text)
    said = " ".join(run.stdout.split())
    assert "± 0.0" not in said, run.stdout
    assert "± 6.0 percentage points at 95%, 60 valid responses" in said, run.stdout
