"""The vectorised kernel gives exactly the engine's figures: every dimension score, every total,
every grade and recognition outcome, for random assessments under random weights and random
scale end-points (the engine scoring a copy of the framework with those weights and end-points)."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator.assessment import Assessment
from evaluator.engine import score
from evaluator.kernel import NOT_RATABLE, OUTCOMES, compile_units
from evaluator.kernel import score as kernel_score
from evaluator.uncertainty import linear_share
from indicators.loader import load_framework

from .conftest import example_assessments
from .strategies import value_for as any_value


def value_for(ind):
    """Whole numbers too: the fast paths must agree on ints and floats alike."""
    return any_value(ind, ints=True)


FRAMEWORKS = [load_framework("china-learning-city@1"), load_framework("china-learning-city@2")]
CITY = {"name": {"zh": "测试区", "en": "Test District"}, "population": 800_000,
        "population_60plus": 150_000, "employed": 450_000, "streets": 12, "communities": 120, "area_km2": 30}
PROPS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def assessment(draw, fw):
    level = draw(st.sampled_from(list(fw.level_ids())))
    answers = {}
    often = draw(st.sampled_from([4, 16, 60]))  # some units below the coverage threshold, most above
    for ind in fw.indicators():
        ind = ind.at_level(level)
        state = draw(st.sampled_from(["answered"] * often + ["unknown", "not_applicable", "missing"]))
        if state == "answered":
            entry = {"value": draw(value_for(ind))}
            if ind.survey is not None and draw(st.booleans()):
                entry["sample_size"] = draw(st.integers(30, 5000))
            answers[ind.id] = entry
        elif state != "missing":
            answers[ind.id] = {"status": state}
    city = dict(CITY, level=level)
    for figure in draw(st.lists(st.sampled_from(["population", "employed", "streets"]), unique=True, max_size=1)):
        del city[figure]
    return Assessment.model_validate({"framework": fw.ref, "city": city, "period": {"start": 2023, "end": 2024},
                                      "answers": answers})


@st.composite
def weights(draw, fw):
    """Dimension points, indicator points and linear end-points of one sample."""
    pos = st.floats(0.5, 40, allow_nan=False)
    dims = [draw(pos) for _ in fw.dimensions]
    inds = {i.id: draw(st.floats(0.25, 10, allow_nan=False)) for i in fw.indicators()}
    ends = {i.id: (draw(st.floats(-0.3, 0.3)), draw(st.floats(-0.3, 0.3)))
            for i in fw.indicators() if i.rule.kind == "linear"}
    return dims, inds, ends


def _moved(rule, by):
    span = rule.target - rule.floor
    return rule.model_copy(update={"floor": rule.floor + by[0] * span, "target": rule.target + by[1] * span})


def reweighted(fw, dims, inds, ends):
    """A copy of the framework with other weights and end-points (level variants moved alike)."""
    out = []
    for d, points in zip(fw.dimensions, dims):
        new = []
        for i in d.indicators:
            update = {"points": inds[i.id]}
            if i.id in ends:
                update["rule"] = _moved(i.rule, ends[i.id])
                update["by_level"] = {lv: v.model_copy(update={"rule": _moved(v.rule, ends[i.id])})
                                      if v.rule is not None and v.rule.kind == "linear" else v
                                      for lv, v in i.by_level.items()}
            new.append(i.model_copy(update=update))
        out.append(d.model_copy(update={"points": points, "indicators": new}))
    return fw.model_copy(update={"dimensions": out})


def assert_same(units, got, results, s):
    for k, r in enumerate(results):
        assert got.total[s, k] == r.total, (s, k)
        g = got.grade[s, k]
        assert (r.grade.id if g == NOT_RATABLE else units.grade_ids[g]) == r.grade.id
        assert (g == NOT_RATABLE) == (not r.ratable)
        assert got.coverage[s, k] == r.coverage
        assert OUTCOMES[got.outcome[s, k]] == r.recognition.outcome
        for d, dim in enumerate(r.dimensions):
            assert got.dim_score[d, s, k] == dim.score, (s, k, dim.id)
            assert got.dim_max[d, s, k] == dim.max


@PROPS
@given(data=st.data(), which=st.sampled_from([0, 1]))
def test_kernel_agrees_exactly_with_the_engine_under_random_weights(data, which):
    fw = FRAMEWORKS[which]
    units_given = [data.draw(assessment(fw)) for _ in range(3)]
    samples = [data.draw(weights(fw)) for _ in range(3)]
    base = [score(a, fw) for a in units_given]
    units = compile_units(fw, base)
    ids = units.columns
    points = np.array([[w[1][c] for c in ids] for w in samples])
    dim_points = np.array([w[0] for w in samples])
    shares = {}
    for j, c in enumerate(ids):  # linear rules re-scored at each sample's end-points
        if c not in samples[0][2]:
            continue
        col = np.broadcast_to(units.share[:, j], (len(samples), units.size)).copy()
        for s, w in enumerate(samples):
            copy = reweighted(fw, *w)
            for k, a in enumerate(units_given):
                rule = next(i for d, inds in copy.at_level(a.city.level) for i, _ in inds if i.id == c).rule
                if units.answered[k, j] and rule.kind == "linear":
                    col[s, k] = linear_share(units.figure[k, j], rule.floor, rule.target)
        shares[j] = col
    got = kernel_score(units, len(samples), shares=shares, points=points, dim_points=dim_points)
    for s, w in enumerate(samples):
        copy = reweighted(fw, *w)
        assert_same(units, got, [score(a, copy) for a in units_given], s)


def test_kernel_agrees_with_the_engine_on_every_example():
    from evaluator.pipeline import read_scored

    by_fw: dict[str, list] = {}
    for path in example_assessments():
        r, loaded = read_scored(path)
        by_fw.setdefault(loaded.framework.ref, [loaded.framework, []])[1].append(r)
    seen = set()
    for fw, results in by_fw.values():
        units = compile_units(fw, results)
        assert_same(units, kernel_score(units, 2), results, 1)
        seen |= {r.recognition.outcome for r in results}
    assert {"recognised", "deferred", "refused"} <= seen

