"""The what-if planner can be trusted: a plan, applied and scored by the engine, reaches its target;
on a small framework it costs exactly what a brute-force search finds; an unreachable target says
which condition is out of reach."""

from __future__ import annotations

import copy
import itertools
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator.assessment import Assessment
from evaluator.engine import score
from evaluator.plan import Target, Unreachable, apply, new_answers, parse_target, plan, reaches
from evaluator.reading import read
from indicators.loader import load_framework
from indicators.models import Framework

from .conftest import EXAMPLES
from .strategies import value_for

PROPS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CITY = {"name": {"zh": "测试区"}, "level": "district", "population": 800_000, "population_60plus": 150_000,
        "employed": 450_000, "streets": 12, "communities": 120}


@st.composite
def unit(draw, fw: Framework):
    level = draw(st.sampled_from(fw.level_ids()))
    out = {}
    for _, rows in fw.at_level(level):
        for ind, _ in rows:
            state = draw(st.sampled_from(["answered"] * 4 + ["unknown", "not_applicable", "missing"]))
            if state == "answered":
                out[ind.id] = {"value": draw(value_for(ind, count_max=200_000, number_max=1e7))}
            elif state != "missing":
                out[ind.id] = {"status": state}
    city = dict(CITY, level=level)
    return Assessment.model_validate({"framework": fw.ref, "city": city, "period": {"start": 2023, "end": 2024},
                                      "answers": out})


TARGETS = st.one_of(st.just("recognition"), st.sampled_from(["良好", "good", "pass", "excellent"]),
                    st.integers(0, 100).map(str))


@pytest.mark.parametrize("ref", ["china-learning-city@1", "china-learning-city@2"])
@PROPS
@given(data=st.data(), text=TARGETS)
def test_applying_the_plan_reaches_the_target(ref, data, text):
    fw = load_framework(ref)
    a = data.draw(unit(fw))
    target = parse_target(fw, text)
    try:
        p = plan(a, fw, target)
    except Unreachable as exc:
        assert exc.reasons  # every refusal says why
        return
    after = score(apply(a, {c.indicator: c.after for c in p.changes}), fw)
    assert reaches(after, target)
    assert after.total == pytest.approx(p.after.total)
    assert p.effort == pytest.approx(sum(c.effort for c in p.changes))
    assert all(c.effort == 0 and c.years is None for c in p.outside)  # another body decides: no effort, no year
    for c in p.changes:  # only improvements
        assert c.points >= -1e-9
        assert after.indicator(c.indicator).score + 1e-9 >= p.before.indicator(c.indicator).score
    if p.alternative is not None:
        # next best in the planner's order: as few of the city's answers as will do, then as few
        # points as another body decides (an award), then effort (an alternative may cost less
        # effort when it asks more of the city, or rests more on an award)
        city_part = sum(c.parent for c in p.changes)
        alt_city_part = sum(c.parent for c in p.alternative.changes)
        outside, alt_outside = (sum(c.points for c in q.outside) for q in (p, p.alternative))
        assert (alt_city_part > city_part or alt_outside > outside + 1e-9
                or p.alternative.weighed + 1e-9 >= p.weighed)
        assert {(c.indicator, str(c.after)) for c in p.alternative.changes} != {(c.indicator, str(c.after)) for c in p.changes}


# --- brute force on a small framework -----------------------------------------------------------------

def _ind(iid, answer, rule, points, **extra):
    return {"id": iid, "name": {"zh": iid, "en": iid}, "question": {"zh": "?", "en": "?"}, "answer": answer,
            "rule": rule, "points": points, "evidence": ["document"], "source": {"documents": ["test"]},
            "advice": {"zh": "做", "en": "do"}, **extra}


SMALL_DATA = {
    "id": "small", "version": 1, "name": {"zh": "小", "en": "small"}, "description": {"zh": "小", "en": "small"},
    "source": "test", "total_points": 40,
    "dimensions": [
        {"id": "P", "name": {"zh": "P", "en": "P"}, "points": 20, "indicators": [
            _ind("B", {"type": "boolean"}, {"kind": "boolean"}, 6),
            _ind("L", {"type": "choice", "choices": [{"id": c, "zh": c, "en": c} for c in ("none", "some", "full")]},
                 {"kind": "levels", "shares": {"none": 0, "some": 0.5, "full": 1}}, 8),
            _ind("C", {"type": "checklist", "items": [{"id": c, "zh": c, "en": c} for c in ("x", "y", "z")]},
                 {"kind": "checklist", "weights": {"x": 1, "y": 2, "z": 1}}, 6)]},
        {"id": "Q", "name": {"zh": "Q", "en": "Q"}, "points": 20, "indicators": [
            _ind("S", {"type": "count", "unit": {"zh": "个", "en": "sites"}},
                 {"kind": "steps", "steps": [{"min": 2, "share": 0.4}, {"min": 5, "share": 0.8}, {"min": 9, "share": 1}]}, 10),
            _ind("R", {"type": "percent", "unit": {"zh": "%", "en": "%"}}, {"kind": "linear", "floor": 20, "target": 100}, 10)]}],
    "grades": [{"id": "good", "min": 30, "name": {"zh": "良好", "en": "Good"}},
               {"id": "pass", "min": 20, "name": {"zh": "合格", "en": "Pass"}},
               {"id": "fail", "min": 0, "name": {"zh": "不合格", "en": "Fail"}}],
    "recognition": {"total_min": 32, "deferred_min": 25, "dimension_floor": 0.6, "source": "test",
                    "survey": [{"indicator": "R", "min": 70, "source": "test"}],
                    "vetoes": [{"id": "nothing", "name": {"zh": "无", "en": "nothing"}, "indicator": "L", "when": ["none"]}],
                    "outcomes": {"recognised": {"zh": "认定", "en": "recognised"}, "deferred": {"zh": "暂缓", "en": "deferred"},
                                 "refused": {"zh": "不予", "en": "refused"}}},
    "effort": {"defaults": {"linear": {"per_step": 3, "steps": 4}},
               "indicators": {"B": {"per_step": 5}, "L": {"per_step": 2.5}, "C": {"per_step": 1.5}, "S": {"per_step": 2}}},
}
SMALL = Framework.model_validate(SMALL_DATA)


def _choices(ind, ans):
    """Every answer at least as good as today's, with its effort: an independent enumeration."""
    now = ans.get("value") if ans and "value" in ans else None
    eff = {"B": 5, "L": 2.5, "C": 1.5, "S": 2, "R": 3}[ind.id]
    if ind.id == "B":
        return [(now, 0.0)] + ([(True, eff)] if now is not True else [])
    if ind.id == "L":
        rank = {"none": 0, "some": 1, "full": 2}
        r0 = rank.get(now, 0)
        return [(now, 0.0)] + [(c, eff * max(1, rank[c] - r0)) for c in rank if rank[c] > r0 or (now == "none" and c != "none")]
    if ind.id == "C":
        have = set(now or [])
        rest = [i for i in "xyz" if i not in have]
        out = []
        for k in range(len(rest) + 1):
            for add in itertools.combinations(rest, k):
                out.append((now if not add else [i for i in "xyz" if i in have | set(add)], eff * len(add)))
        return out
    if ind.id == "S":
        steps = [2, 5, 9]
        idx = sum(1 for s in steps if now is not None and now >= s)
        return [(now, 0.0)] + [(s, eff * max(1, k + 1 - idx)) for k, s in enumerate(steps) if k + 1 > idx]
    start = now if now is not None else 20.0
    out = [(now, 0.0)]
    k = 1
    while True:  # steps of (100 - 20) / 4 from today's figure, the last one capped at the target
        v = min(start + 20.0 * k, 100.0)
        out.append((math.ceil(round(v * 100, 6)) / 100, eff * k))
        if v >= 100:
            break
        k += 1
    extra = 70.0  # the survey threshold is a figure the unit may aim at, too
    if now is None or now < extra:
        out.append((extra, eff * max(1, math.ceil(round((extra - start) / 20.0, 6)))))
    return out


def _looked_up(ind, ans, look: bool):
    """``_choices``, where a unit too short of data to be rated finds an unknown figure out: one
    effort point at any level (SMALL sets no ``look_up``), a checklist's items sharing it."""
    out = _choices(ind, ans)
    if not look or (ans and "value" in ans):
        return out
    if ind.id == "C":
        return [(v, len(v) / 3 if e > 0 else 0.0) for v, e in out]
    return [(v, 1.0 if e > 0 else 0.0) for v, e in out]


def _brute(a: Assessment, target: Target) -> float | None:
    from evaluator.plan import _coverage_needed

    inds = [i for d in SMALL.dimensions for i in d.indicators]
    given = {k: v.model_dump(exclude_none=True) for k, v in a.answers.items()}
    look = _coverage_needed(SMALL, score(a, SMALL), target) > 0.0
    best = None
    for combo in itertools.product(*(_looked_up(i, given.get(i.id), look) for i in inds)):
        values = {i.id: v for i, (v, e) in zip(inds, combo) if e > 0}
        effort = sum(e for _, e in combo)
        if best is not None and effort >= best - 1e-9:
            continue
        r = score(apply(a, values), SMALL)
        if all(r.indicator(i).score + 1e-9 >= score(a, SMALL).indicator(i).score for i in values) and reaches(r, target):
            best = effort
    return best


@st.composite
def small_unit(draw):
    out = {}
    for iid, values in (("B", st.booleans()), ("L", st.sampled_from(["none", "some", "full"])),
                        ("C", st.lists(st.sampled_from("xyz"), unique=True)), ("S", st.integers(0, 10)),
                        ("R", st.integers(0, 100))):
        state = draw(st.sampled_from(["answered", "answered", "unknown"]))
        out[iid] = {"value": draw(values)} if state == "answered" else {"status": "unknown"}
    return Assessment.model_validate({"framework": "small@1", "city": CITY, "period": {"start": 2023, "end": 2024},
                                      "answers": out})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=small_unit(), text=st.one_of(st.just("recognition"), st.sampled_from(["good", "pass"]), st.integers(0, 40).map(str)))
def test_the_plan_costs_what_a_brute_force_search_finds(a, text):
    target = parse_target(SMALL, text)
    best = _brute(a, target)
    try:
        p = plan(a, SMALL, target)
    except Unreachable:
        assert best is None
        return
    assert best is not None
    assert p.weighed == pytest.approx(best)


def test_an_unreachable_target_names_the_condition_and_its_maximum():
    data = copy.deepcopy(SMALL_DATA)
    data["dimensions"][1]["indicators"][1]["answer"]["max"] = 60  # R cannot be answered above 60 %
    fw = Framework.model_validate(data)
    a = Assessment.model_validate({"framework": "small@1", "city": CITY, "period": {"start": 2023, "end": 2024},
                                   "answers": {"B": {"value": True}, "L": {"value": "full"}, "C": {"value": ["x", "y", "z"]},
                                               "S": {"value": 9}, "R": {"value": 40}}})
    with pytest.raises(Unreachable) as exc:
        plan(a, fw, parse_target(fw, "recognition"))
    assert [en for _, en in exc.value.reasons] == ["R can reach at most 60%, below the required 70%"]
    with pytest.raises(Unreachable) as exc:
        plan(a, fw, parse_target(fw, "40"))
    assert [en for _, en in exc.value.reasons] == ["the total can reach at most 35.0 points, below the target of 40 points"]
    assert [zh for zh, _ in exc.value.reasons] == ["总分最高只能达到 35.0 分，低于目标 40 分"]


def test_a_target_already_reached_needs_no_change():
    a, fw = read(EXAMPLES / "districts" / "lanjiang.yaml").require()
    p = plan(a, fw, parse_target(fw, "recognition"))
    assert p.changes == () and p.effort == 0


def _units():
    return [EXAMPLES / "qingshi-district.yaml", EXAMPLES / "yunling-county.yaml"] + sorted(
        f for f in (EXAMPLES / "districts").glob("*.yaml") if ".review" not in f.name)


@pytest.mark.parametrize("path", _units(), ids=lambda p: p.stem)
def test_every_example_unit_gets_a_plan_whose_applied_file_is_recognised(path):
    a, fw = read(path).require()
    target = parse_target(fw, "recognition")
    p = plan(a, fw, target, alternative=False)
    values = new_answers(fw, a, [])  # nothing picked: nothing changes
    assert values == {}
    after = score(apply(a, {c.indicator: c.after for c in p.changes}), fw)
    assert after.recognition.outcome == "recognised"
