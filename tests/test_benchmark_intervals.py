"""Positions that hold whatever the unknowns are: rank intervals, totals' bounds, the caveat on stdout.

A reference city that answers 20 % of the points could be first or last; a rank that treats its
unknowns as zeros ("1/13") says something nobody should sign. ``rank_interval`` gives the best and
worst rank over every filling of every unit's unknowns; these tests fill them at random and check
that the rank always falls inside, and that both ends are reached.
"""

from __future__ import annotations

import json
import random
import re

from hypothesis import HealthCheck, given, settings, strategies as st

from evaluator.benchmark import benchmark, rank_interval, reference_results
from evaluator.engine import score
from evaluator.reading import read

from .conftest import EXAMPLES, lcity_here as lcity

YUNLING = EXAMPLES / "yunling-county.yaml"


def _rank(value: float, others: list[float]) -> int:
    return 1 + sum(o > value + 1e-9 for o in others)


bounds = st.tuples(st.floats(0, 100), st.floats(0, 100)).map(sorted).map(tuple)


@settings(max_examples=200, deadline=None)
@given(bounds, st.lists(bounds, max_size=15), st.randoms(use_true_random=False))
def test_every_filling_ranks_inside_the_interval(own, others, rnd):
    r = rank_interval(own[0], own[1], others)
    assert 1 <= r.best <= r.worst <= r.of == len(others) + 1
    for _ in range(20):
        t = rnd.uniform(*own)
        ts = [rnd.uniform(lo, hi) for lo, hi in others]
        assert r.best <= _rank(t, ts) <= r.worst
    # both ends are reached: the unit at its upper bound and the others at their lower ones, and back
    assert _rank(own[1], [lo for lo, _ in others]) == r.best
    assert _rank(own[0], [hi for _, hi in others]) == r.worst


def _filled(result, rnd: random.Random) -> float:
    """The total with every unknown or missing answer given a random share of its points."""
    return result.total + sum(rnd.random() * i.weight for i in result.indicators if i.state in ("unknown", "missing"))


def test_bounds_of_real_units_are_ordered_and_span_their_unknown_points():
    a, fw = read(YUNLING).require()
    units = [score(a, fw), *reference_results()]
    for r in units:
        b = r.total_bounds
        unknown = sum(i.weight for i in r.indicators if i.state in ("unknown", "missing"))
        assert b.lower == r.total <= b.upper <= r.max_total
        assert abs(b.upper - min(r.max_total, b.lower + unknown)) < 1e-6


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.large_base_example])
@given(st.randoms(use_true_random=False))
def test_yunling_ranks_inside_its_interval_for_every_filling_of_the_unknowns(rnd):
    a, fw = read(YUNLING).require()
    unit = score(a, fw)
    refs = reference_results()
    b = benchmark(unit, fw)
    t = _filled(unit, rnd)
    assert unit.total_bounds.lower - 1e-9 <= t <= unit.total_bounds.upper + 1e-9
    assert b.rank.best <= _rank(t, [_filled(r, rnd) for r in refs]) <= b.rank.worst


def test_benchmark_prints_an_interval_not_one_rank_and_the_caveat_on_stdout():
    """Piped (as `lcity benchmark ... > file` is): the interval and the caveat are in stdout."""
    zh = lcity("benchmark", str(YUNLING))
    assert zh.returncode == 0, zh.stderr
    assert "名次 第1–13位/共13个" in zh.stdout
    assert not re.search(r"(?<![\d–])1/13", zh.stdout)
    assert "未知项不按零分理解" in zh.stdout and "参照单位的公开数据平均覆盖" in zh.stdout
    # a dimension no reference city has data for has nothing to compare: '—', not '—（n=0）' and a gap of 0.0
    assert "n=0" not in zh.stdout and re.search(r"│ —\s+│ —\s+│ —\s+│ —\s+│", zh.stdout)
    assert "(n=" not in zh.stdout and "中位数（n）" in zh.stdout
    en = lcity("benchmark", str(YUNLING), "--lang", "en")
    assert "rank 1–13 of 13" in en.stdout and "Unknown answers are not zeros" in en.stdout
    assert "n=0" not in en.stdout and "median (n)" in en.stdout
    doc = json.loads(lcity("benchmark", str(YUNLING), "--format", "json").stdout)
    assert doc["rank"] == {"best": 1, "worst": 13, "of": 13}
    assert "not zeros" in doc["caveat"] and doc["caveat_zh"]
    assert {c["id"] for c in doc["comparisons"]} == {r.city.id for r in reference_results()}
    assert all(d["median_share"] is None for d in doc["dimensions"] if d["n"] == 0)


def test_cities_shows_no_grade_below_the_threshold_and_keeps_the_caveat_on_stdout():
    proc = lcity("cities")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("数据不足，不予定级") >= 12 and "不合格" not in proc.stdout
    assert "11.5–95.0" in proc.stdout  # Beijing's total with its bounds (under @2, the framework init writes)
    assert "未知项不按零分理解" in proc.stdout
    en = lcity("cities", "--lang", "en")
    assert "Not ratable" in en.stdout and "Unknown answers are not zeros" in en.stdout


def test_radar_reference_line_is_not_pulled_to_the_centre():
    from reports.charts import radar_svg

    svg = radar_svg(list("ABCDEF"), [("unit", [0.5] * 6), ("median", [0.4, None, 0.5, 0.5, None, 0.3])], title="t")
    # the median line is two runs (C-D and F-A); no segment runs to B or E
    assert svg.count("<polyline") == 2 and svg.count("<polygon") == 5 + 1  # 5 guides, the unit's polygon
