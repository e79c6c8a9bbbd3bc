"""The fast engine builds its Result without validating it; what it builds must be what
validation would have built: same values, same types, same field order, same JSON.

Also: compiled rules say exactly what the rule functions say, the per-framework plan and the
memo of rule outcomes never leak one score into another, and a Result can be changed by its
reader (as ``evaluator.verify`` does) without touching the next one.
"""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from evaluator import engine, pathways, rules
from evaluator.assessment import Assessment
from evaluator.engine import score
from evaluator.pipeline import read_scored
from evaluator.reading import read
from evaluator.result import Result
from indicators.loader import load_framework

from .conftest import EXAMPLES, ROOT, example_assessments
from .strategies import value_for as any_value


def value_for(ind):
    """Whole numbers too: the fast paths must agree on ints and floats alike."""
    return any_value(ind, ints=True)


FW = load_framework("china-learning-city@1")
INDICATORS = FW.indicators()
CITY = {"name": {"zh": "测试区", "en": "Test District"}, "level": "district", "population": 800_000,
        "population_60plus": 150_000, "employed": 450_000, "streets": 12, "communities": 120, "area_km2": 30}
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EVERY_FILE = example_assessments() + sorted((ROOT / "indicators" / "reference-cities").glob("*.yaml"))
REVIEWED = [(a, r) for a in EVERY_FILE for r in [a.with_name(a.stem + ".review.yaml")] if r.exists()]


def walk(a, b, where="result"):
    """Asserts that two model trees hold equal values of identical types, fields in declaration order."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, BaseModel):
        fields = list(type(a).model_fields)
        assert list(a.__dict__) == fields, f"{where}: fields out of order or missing"
        assert list(b.__dict__) == fields
        assert a.__pydantic_extra__ is None and a.__pydantic_private__ is None
        for name in fields:
            walk(a.__dict__[name], b.__dict__[name], f"{where}.{name}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for k, (x, y) in enumerate(zip(a, b)):
            walk(x, y, f"{where}[{k}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for k in a:
            walk(a[k], b[k], f"{where}[{k!r}]")
    else:
        assert a == b or (a != a and b != b), f"{where}: {a!r} != {b!r}"


def same_as_validated(r: Result) -> None:
    """The Result is what validating its own fields gives, and serialises the same way."""
    validated = Result.model_validate(r.model_dump())
    walk(r, validated)
    assert r == validated
    assert r.model_dump_json() == validated.model_dump_json()
    assert r.model_dump() == validated.model_dump()
    json.loads(r.model_dump_json())


@pytest.mark.parametrize("path", EVERY_FILE, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_example_result_equals_its_validated_self(path: Path):
    loaded = read(path)
    a, fw = loaded.require()
    r = score(a, fw, sha256=loaded.sha256, file=str(path))
    same_as_validated(r)
    assert score(a, fw, sha256=loaded.sha256, file=str(path)).model_dump_json() == r.model_dump_json()


@pytest.mark.parametrize("path, review", REVIEWED, ids=lambda p: p.name if isinstance(p, Path) else p)
def test_reviewed_results_equal_their_validated_selves(path: Path, review: Path):
    r, _ = read_scored(path, reviews=[review])
    assert r.review is not None and r.self_assessed is not None
    Result.model_validate(r.model_dump())
    assert Result.model_validate(r.model_dump()).model_dump_json() == r.model_dump_json()


def test_verified_changes_and_vetoes_equal_their_validated_selves():
    loaded = read(EXAMPLES / "qingshi-district.yaml")
    a, fw = loaded.require()
    ids = [i.id for i in fw.indicators()]
    r = score(a, fw, verified=set(ids[::3]), vetoes=[fw.recognition.vetoes[0].id, "panel-only"],
              changes={ids[0]: (-1.5, "原因"), ids[5]: (2, "why"), ids[7]: (-100.0, "too much")})
    same_as_validated(r)
    assert r.recognition.outcome == "refused"
    assert "panel changed the score by -1.5" in r.indicator(ids[0]).reason


# --- random answer sets ---------------------------------------------------------------------------


@st.composite
def assessments(draw):
    answers = {}
    for ind in INDICATORS:
        state = draw(st.sampled_from(["answered"] * 4 + ["unknown", "not_applicable", "missing"]))
        if state == "answered":
            entry = {"value": draw(value_for(ind))}
            if draw(st.booleans()):
                entry["evidence"] = ["年度统计表"]
            answers[ind.id] = entry
        elif state != "missing":
            answers[ind.id] = {"status": state}
    city = dict(CITY)
    for figure in draw(st.lists(st.sampled_from(["population", "employed", "streets"]), unique=True, max_size=2)):
        del city[figure]  # derived indicators then cannot be derived
    leads = draw(st.lists(st.sampled_from(["balance", "international", "industry", "culture"]), unique=True, max_size=2))
    return Assessment.model_validate({"framework": FW.ref, "city": city, "period": {"start": 2023, "end": 2024},
                                      "strategy": {"leads_with": leads}, "answers": answers})


@PROPS
@given(assessments())
def test_random_results_validate_stay_in_bounds_and_repeat(a):
    r = score(a, FW)
    same_as_validated(r)
    assert 0 <= r.total <= 100
    assert 0 <= r.coverage <= 1 and 0 <= r.confidence <= 1
    assert r.answered + r.not_applicable + r.unknown + r.missing == len(INDICATORS)
    assert score(a, FW).model_dump_json() == r.model_dump_json()


@PROPS
@given(assessments(), assessments())
def test_a_warm_memo_changes_nothing(a, b):
    """Scoring b first (filling the plan's memos) does not change a's Result."""
    engine.plan_for.cache.clear()
    pathways.plan_for.cache.clear()
    cold = score(a, FW).model_dump_json()
    score(b, FW)
    assert score(a, FW).model_dump_json() == cold


@pytest.mark.parametrize("path", [EXAMPLES / "qingshi-district.yaml", EXAMPLES / "jianglan-city.yaml"], ids=lambda p: p.name)
def test_a_rescored_units_pathway_is_new_models_equal_to_a_fresh_one(path: Path):
    """The second score of a unit gives the type of the first, as a fresh classification of the same
    results does, and shares no model with it (a report that edits one Result must not edit another)."""
    a, fw = read(path).require()
    pathways.plan_for.cache.clear()
    first, second = score(a, fw), score(a, fw)
    assert second.pathway.model_dump_json() == first.pathway.model_dump_json()
    pathways.plan_for.cache.clear()  # a plan compiled afresh
    fresh = pathways.run(pathways.plan_for(fw), first.indicators, first.strategy, level=first.city.level)
    assert fresh.model_dump_json() == first.pathway.model_dump_json()
    assert second.pathway is not first.pathway
    assert not {id(x) for x in first.pathway.evidence + first.pathway.scores} & \
        {id(x) for x in second.pathway.evidence + second.pathway.scores}
    assert first.pathway.evidence, "the example shows the practices behind its type"


def test_equal_values_of_other_types_keep_their_own_figure_and_value():
    """1, 1.0 and -0.0/0.0 are equal dictionary keys; the memo must not swap what is shown."""
    ind = next(i for i in INDICATORS if i.answer.type == "percent" and getattr(i.answer, "derive", None) is None)

    def one(value):
        a = Assessment.model_validate({"framework": FW.ref, "city": CITY, "period": {"start": 2023, "end": 2024},
                                       "answers": {ind.id: {"value": value}}})
        return score(a, FW).indicator(ind.id)

    for first, second in [(50, 50.0), (50.0, 50), (0.0, -0.0), (-0.0, 0.0), (0, 0.0)]:
        engine.plan_for.cache.clear()
        one(first)
        got = one(second)
        engine.plan_for.cache.clear()
        fresh = one(second)
        assert got.model_dump_json() == fresh.model_dump_json()
        assert type(got.value) is type(second)


# --- compiled rules ------------------------------------------------------------------------------------


@pytest.mark.parametrize("ind", INDICATORS, ids=lambda i: f"{i.id}-{i.rule.kind}")
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_compiled_rule_says_what_the_rule_function_says(ind, data):
    value = data.draw(value_for(ind))
    if getattr(ind.answer, "derive", None) is not None:
        value = value / 1000  # a derived figure
    share, (zh, en) = rules.apply(ind, value)
    assert rules.compile_rule(ind)(value) == (share, zh, en)
    assert rules._generic(ind.rule, ind)(value) == (share, zh, en)


def test_every_rule_kind_is_compiled():
    assert set(rules.COMPILERS) == set(rules.RULES)


def test_num_is_unchanged_for_ints_floats_and_bools():
    for x, text in [(0, "0"), (12500, "12,500"), (-3, "-3"), (7.69, "7.69"), (0.5, "0.5"), (100.0, "100"),
                    (123.45, "123.5"), (True, "1"), (10**16, "10,000,000,000,000,000.0"), (2.0**60, "1,152,921,504,606,846,976.0")]:
        assert rules.num(x) == text


# --- a Result belongs to its reader -------------------------------------------------------------------


def test_changing_a_result_does_not_change_the_next_one():
    a, fw = read(EXAMPLES / "qingshi-district.yaml").require()
    before = score(a, fw).model_dump_json()
    r = score(a, fw)
    for ind in r.indicators:
        ind.reason += " changed"
        ind.evidence.append("added")
        ind.review_reasons.append("added")
        ind.self_score = 1.0  # as evaluator.verify does
    for d in r.dimensions:
        d.indicators.append("X")
        d.not_applicable.append("X")
    r.grade.name = "changed"
    r.recognition.reasons.append("added")
    r.vetoes.append("added")
    r.strategy.append("culture")
    r.city.name = "changed"
    if r.pathway is not None:
        r.pathway.evidence.clear()
        r.pathway.scores[0].score = 2.0
    assert "self_score" in r.indicators[0].model_fields_set
    assert score(a, fw).model_dump_json() == before
    copy = r.indicators[0].model_copy(update={"reason": "copied"})
    assert copy.reason == "copied" and r.indicators[0].reason != "copied"


def test_plans_follow_the_framework_object():
    a, fw = read(EXAMPLES / "qingshi-district.yaml").require()
    want = score(a, fw).model_dump_json()
    copy = fw.model_copy(deep=True)
    assert engine.plan_for(copy) is not engine.plan_for(fw)
    assert score(a, copy).model_dump_json() == want
    n = len(engine.plan_for.cache)
    del copy
    gc.collect()
    assert len(engine.plan_for.cache) == n - 1


@PROPS
@given(assessments())
def test_the_fast_path_gives_what_the_general_path_gives(a):
    """Dimensions with the unit's own not-applicable answers are scored by the fast path through a
    variant of the dimension; the general path (taken whenever a panel's change is given, here one
    that touches no indicator) must give the same Result to the last digit and word."""
    fast = score(a, FW)
    general = score(a, FW, changes={"no-such-indicator": (0.0, "")})
    assert fast.model_dump_json() == general.model_dump_json()
    walk(fast, general)


def test_a_declared_not_applicable_indicator_reads_as_the_units_own_choice():
    loaded = read(EXAMPLES / "qingshi-district.yaml")
    a, fw = loaded.require()
    r = score(a, fw)
    l1 = r.indicator("L1")
    assert l1.state == "not_applicable" and l1.max == 0.0
    assert l1.reason.startswith("L1 marked not applicable")
    assert "L1" in r.dimension("L").not_applicable
    others = [i for i in r.indicators if i.dimension == "L" and i.id != "L1"]
    assert sum(i.max for i in others) == pytest.approx(r.dimension("L").points)
