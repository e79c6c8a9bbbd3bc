"""The planner's framework semantics (G3 audit #5, #6, #8): a task that presupposes another
(``presupposes``), a choice that is another body's act (``decided_by`` on a choice), and one
standard survey found out as one task.

Properties over random answers to both packaged China frameworks, and what ``lcity framework
check`` says of a framework whose ``presupposes`` name an unknown indicator or go round in a cycle.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluator.checks import claims_something
from evaluator.effort import resolve
from evaluator.plan import Unreachable, parse_target, plan
from indicators.loader import PACKAGE_DIR, load_framework
from reports.context_plan import task_years

from .conftest import lcity_here as lcity
from .test_plan import PROPS, TARGETS, unit


def _planned(ref: str, data, text: str):
    fw = load_framework(ref)
    a = data.draw(unit(fw))
    try:
        return fw, a, plan(a, fw, parse_target(fw, text))
    except Unreachable:
        return fw, a, None


@pytest.mark.parametrize("ref", ["china-learning-city@1", "china-learning-city@2"])
@PROPS
@given(data=st.data(), text=TARGETS)
def test_a_task_never_precedes_what_it_presupposes_and_never_targets_another_bodys_act(ref, data, text):
    fw, a, p = _planned(ref, data, text)
    if p is None:
        return
    level = a.city.level
    inds = {i.id: i for _, rows in fw.at_level(level) for i, ok in rows if ok}
    order = [c.indicator for c in p.changes]
    after = {c.indicator: c.after for c in p.changes}
    years = task_years(SimpleNamespace(plan=p, date="2026-03-30", assessment=a, fw=fw))
    when = dict(zip(order, years))
    for c in p.changes:
        ind = inds[c.indicator]
        choices = {o.id: o for o in getattr(ind.answer, "choices", None) or getattr(ind.answer, "items", None) or []}
        values = c.after if isinstance(c.after, list) else [c.after]
        before = c.before if isinstance(c.before, list) else [c.before]
        assert not any(choices[v].decided_by for v in values if v in choices and v not in before), c
        for pre in ind.presupposes:
            r = p.before.indicator(pre) if pre in inds else None
            if r is None or r.state == "not_applicable" or (r.state == "answered" and claims_something(inds[pre], r.value)):
                continue
            assert pre in after and claims_something(inds[pre], after[pre]), (c.indicator, pre, order)
            assert order.index(pre) < order.index(c.indicator) and pre in c.waits_for
            found = {x.indicator for x in p.changes if x.looked_up}
            if when[pre] is not None and when[c.indicator] is not None:
                if c.indicator in found and pre in found:  # two figures found out together, in one year
                    assert when[c.indicator] == when[pre]
                else:
                    assert when[c.indicator] > when[pre]  # the report's table: a later year, never the same


@pytest.mark.parametrize("ref", ["china-learning-city@1", "china-learning-city@2"])
@PROPS
@given(data=st.data())
def test_one_survey_is_one_task_costed_once_and_done_first(ref, data):
    fw, _, p = _planned(ref, data, "recognition")
    if p is None:
        return
    found = [c for c in p.changes if c.survey]
    if not found:
        return
    lead = [c for c in p.changes if not any(s.startswith("veto:") for s in c.serves)]
    assert lead[:len(found)] == found  # first, after a veto only
    first = found[0]
    per_step = {c.indicator: resolve(fw, fw.indicator(c.indicator)).per_step for c in found}
    for c in found:
        raise_only = c.steps * per_step[c.indicator]
        survey = per_step[first.survey[0]] if c is first else 0.0
        assert c.effort == pytest.approx(raise_only + survey), c
        assert set(c.survey) == {x.indicator for x in found}


def test_lcity_plan_json_lists_what_a_task_waits_for():
    """Shiqiao (B1 the province's regulation, E1 and E3 unknown, too short of data to be rated)
    planned to 合格: E3, the platform's active learners, is found out after E1, the platform, and
    names it; every task a task waits for comes before it."""
    import json

    shiqiao = Path(__file__).resolve().parent / "audit_cities" / "shiqiao-2025.yaml"
    run = lcity("plan", str(shiqiao), "--target", "合格", "--format", "json")
    assert run.returncode == 0, run.stderr
    changes = json.loads(run.stdout)["changes"]
    order = [c["indicator"] for c in changes]
    waits = {c["indicator"]: c["waits_for"] for c in changes}
    assert waits["E3"] == ["E1"] and order.index("E1") < order.index("E3")
    for c in changes:
        assert all(order.index(w) < order.index(c["indicator"]) for w in c["waits_for"]), c


def _framework(tmp_path: Path, edit) -> Path:
    src = PACKAGE_DIR / "china-learning-city-2" / "framework.yaml"
    out = tmp_path / "fw" / "framework.yaml"
    out.parent.mkdir()
    shutil.copy(src, out)
    out.write_text(edit(out.read_text(encoding="utf-8")), encoding="utf-8")
    return out


@pytest.mark.parametrize("lang, unknown, cycle", [
    ("en", "error unknown-indicator: B2 presupposes 'B9', which is not an indicator of this framework",
     "error presupposes-cycle: K2 presupposes itself through K2 → K1 → K2: no task of a plan could come first"),
    ("zh", "错误 unknown-indicator: B2的前提指标“B9”不是本框架的指标",
     "错误 presupposes-cycle: K2经由 K2 → K1 → K2 以自身为前提"),
])
def test_framework_check_refuses_an_unknown_prerequisite_and_a_cycle_at_their_line(tmp_path, lang, unknown, cycle):
    path = _framework(tmp_path, lambda text: text.replace("    presupposes: [B1]", "    presupposes: [B9]", 1))
    lines = path.read_text(encoding="utf-8").split("\n")
    k1 = next(i for i, ln in enumerate(lines) if ln == "  - id: K1")
    points = next(i for i in range(k1, len(lines)) if lines[i].startswith("    points: "))
    lines.insert(points + 1, "    presupposes: [K2]")
    path.write_text("\n".join(lines), encoding="utf-8")
    run = lcity("framework", "check", str(path), "--lang", lang)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    out = run.stdout + run.stderr
    b9 = next(i for i, ln in enumerate(lines) if ln == "    presupposes: [B9]") + 1
    assert re.search(rf"framework\.yaml:{b9}:19: {re.escape(unknown)}", out), out
    assert re.search(rf"framework\.yaml:\d+:19: {re.escape(cycle)}", out), out


def test_lowering_a_figure_to_find_out_never_leaves_a_task_without_its_prerequisite():
    """The planner lowers each figure to find out while the engine says the target is still
    reached; the engine does not know what presupposes what, so the plan's own rule is asked too."""
    from evaluator.plan import _keeps_prerequisites

    p = SimpleNamespace(requires=[([1], [2, 3])])  # option 1 needs option 2 or 3
    assert not _keeps_prerequisites(p, [1]) and not _keeps_prerequisites(p, [0, 1])
    assert _keeps_prerequisites(p, [1, 3]) and _keeps_prerequisites(p, [0]) and _keeps_prerequisites(p, [])
