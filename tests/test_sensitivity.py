"""lcity sensitivity: reproducible, honest about units it cannot rate, readable at 80 columns."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from evaluator.pipeline import read_scored
from evaluator.sensitivity import analyse, ranks
from evaluator.uncertainty import build, evaluate

from .conftest import EXAMPLES, ROOT, lcity_here as lcity

DISTRICTS = EXAMPLES / "districts"


@pytest.fixture(scope="module")
def districts():
    paths = sorted(p for p in DISTRICTS.glob("*.yaml") if ".review" not in p.name)
    scored = [read_scored(p) for p in paths]
    return scored[0][1].framework, [r for r, _ in scored], [p.stem for p in paths]


def test_the_same_seed_gives_byte_identical_json():
    args = ("sensitivity", str(DISTRICTS), "--samples", "300", "--stream", "0", "--format", "json")  # 0: a falsy seed
    first, second = lcity(*args), lcity(*args)
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert data["stream"] == 0 and data["samples"] == 300 and len(data["units"]) == 18
    unit = data["units"][0]
    assert unit["result"]["total"]["p05"] <= unit["result"]["total"]["median"] <= unit["result"]["total"]["p95"]
    # the indices explain the interval they stand beside (unknown answers at 0, the framework's own
    # aggregation): the aggregation rule is not varied unless named, the unknowns have their own interval
    # survey too: china-learning-city@1 sets no min_sample for K4/K5, and their sampling error is drawn
    # with the assumed sample the sources name (G18-B1; it was silently not drawn)
    assert {s["factor"] for s in unit["sobol"] if not s["factor"].startswith("weight:")} == {"weights", "scale", "survey"}
    assert any(s["factor"].startswith("weight:") for s in unit["sobol"])
    assert unit["rank"]["of"] == 18 and 1 <= unit["rank"]["best"] <= unit["rank"]["worst"] <= 18


def test_another_seed_gives_other_draws(districts):
    fw, results, labels = districts
    a = analyse(fw, results, labels, samples=300, seed=1, sobol=False)
    b = analyse(fw, results, labels, samples=300, seed=2, sobol=False)
    assert a.model_dump_json() != b.model_dump_json()


def test_probabilities_add_up_and_intervals_hold_the_median(districts):
    fw, results, labels = districts
    got = analyse(fw, results, labels, samples=500, seed=3, sobol=False)
    for u in got.units:
        for block in (u.result, u.drawn):
            unrated = sum(c.p for c in block.outcomes if c.id == "not_ratable")
            assert abs(sum(c.p for c in block.grades) + unrated - 1) < 1e-3
            assert abs(sum(c.p for c in block.outcomes) - 1) < 1e-3
            assert block.total.p05 <= block.total.median <= block.total.p95
        assert sum(u.histogram.counts) == 500
        for c in u.near:
            assert u.result.total.p05 < c.at <= u.result.total.p95


def test_without_variation_every_draw_is_the_engines_total(districts):
    """A weights source so concentrated that the weights do not move: the kernel's draws are the
    engine's totals, and the ranks are the ranks of the engine's totals."""
    fw, results, labels = districts
    p = build(fw, results, labels, ["weights"])
    x = np.full((3, len(p.names)), 0.5)
    p.settings = type(p.settings)(weights_concentration=1e12)
    got = evaluate(p, x)
    assert np.allclose(got.total, [r.total for r in results], atol=1e-4)
    order = ranks(np.array([[r.total for r in results]]))[0]
    assert [int(order[k]) for k in range(len(results))] == [
        1 + sum(o.total > r.total for o in results) for r in results]


def test_a_unit_that_is_not_ratable_gets_no_grade_probabilities():
    run = lcity("sensitivity", str(EXAMPLES / "yunling-county.yaml"), "--samples", "200", "--no-sobol",
                "--format", "json")
    assert run.returncode == 0, run.stderr
    units = json.loads(run.stdout)["units"]
    refs = [u for u in units if u["reference"]]
    assert refs and units[0]["reference"] is False
    for u in units:
        if not u["ratable"]:
            assert u["result"]["grades"] is None and u["result"]["recognition"] is None
    assert any(not u["ratable"] for u in units)


def test_a_wrong_source_is_a_usage_error_without_a_traceback():
    run = lcity("sensitivity", str(DISTRICTS), "--sources", "weights,colour")
    assert run.returncode == 2
    assert "colour" in run.stderr and "Traceback" not in run.stderr


def test_the_table_fits_80_columns():
    env = dict(os.environ, COLUMNS="80", NO_COLOR="1")
    run = subprocess.run([sys.executable, "-m", "lcity", "sensitivity", str(DISTRICTS), "--samples", "200",
                          "--lang", "en"], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "Robustness" in run.stdout and "Wanghu" in run.stdout and "Sobol" in run.stdout
    assert max(len(line) for line in run.stdout.splitlines()) <= 80


def test_at_the_middle_of_their_ranges_scale_and_survey_change_nothing():
    """End-points moved by 0 and survey rates by a zero error give the engine's figures exactly."""
    paths = [EXAMPLES / "v2" / "qingshi-district-2025.yaml", EXAMPLES / "qingshi-district.yaml"]
    scored = [read_scored(p) for p in paths]
    for r, loaded in scored:
        p = build(loaded.framework, [r], ["u"], ["scale", "survey"])
        assert p.at["scale"]
        got = evaluate(p, np.full((2, len(p.names)), 0.5))
        assert got.total[1, 0] == r.total
        assert [got.dim_score[d, 1, 0] for d in range(len(r.dimensions))] == [d.score for d in r.dimensions]
    v2 = build(scored[0][1].framework, [scored[0][0]], ["u"], ["survey"])
    assert v2.at["survey"]  # the 2025 example answers survey rates with their sample sizes


def test_the_reports_sobol_estimators_are_salibs(districts):
    """The report computes Sobol indices without SALib: same design layout, same estimators."""
    from SALib.analyze import sobol as salib

    from evaluator.sensitivity import _groups, saltelli_design, sobol_indices

    fw, results, labels = districts
    p = build(fw, results[:4], labels[:4], ["weights", "scale", "unknowns", "aggregation"])
    groups = _groups(p, "source")
    x = saltelli_design(len(groups), groups, 64, seed=3)
    y = evaluate(p, x).total[:, 0]
    problem = {"num_vars": len(groups), "names": p.names, "bounds": [[0, 1]] * len(groups), "groups": groups}
    ref = salib.analyze(problem, y, calc_second_order=False, num_resamples=2, seed=1)
    first, total = sobol_indices(y, len(set(groups)))
    assert np.allclose(first, ref["S1"], atol=1e-12) and np.allclose(total, ref["ST"], atol=1e-12)
