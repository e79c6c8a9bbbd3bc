"""The uncertainty analysis of a panel-verified unit keeps the panel's score changes.

The expert panel may change an indicator's score directly (``score_change``: lanjiang's J4 loses
0.5 of its 1 point). The analysis re-scores figures when something moves them (a drawn unknown
answer, the scale's end-points, a survey's sampling error); it must add the panel's change to what
it re-scores, and leave alone what nothing moved. So: with every unknown answer at 0 and nothing
else varied it gives the verified Result's lower bound, and drawing the unknown answers of *other*
units never moves a unit's total.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator.assessment import Answer
from evaluator.benchmark import reference_results
from evaluator.pipeline import read, read_scored
from evaluator.pipeline import score as verified_score
from evaluator.review import Review
from evaluator.sensitivity import for_unit
from evaluator.uncertainty import build, evaluate
from reports.context import build_context

from .conftest import EXAMPLES

LANJIANG = EXAMPLES / "districts" / "lanjiang.yaml"
QINGSHI = EXAMPLES / "qingshi-district.yaml"


def _refs(r, fw):
    """The framework's reference units that for_unit ranks the unit with (they have unknowns)."""
    ids = [x.id for x in r.indicators]
    return [x for x in reference_results(fw.ref) if [i.id for i in x.indicators] == ids]


@pytest.fixture(scope="module")
def lanjiang():
    r, loaded = read_scored(LANJIANG, reviews=[LANJIANG.with_suffix(".review.yaml")])
    return r, loaded.framework, _refs(r, loaded.framework)


def test_lanjiang_is_the_case_a_panels_score_change_on_a_unit_without_unknowns(lanjiang):
    r, _, refs = lanjiang
    j4 = r.indicator("J4")
    assert j4.state == "answered" and j4.score == 0.5 and j4.self_score == 1.0
    assert r.unknown == r.missing == 0 and r.total_bounds.lower == r.total
    assert any(x.unknown + x.missing for x in refs)


def test_drawing_other_units_unknown_answers_leaves_a_reviewed_units_total_alone(lanjiang):
    """Was 89.962 in every draw for lanjiang's 89.462: the reference units' unknown J4 made the
    column's figures move, and lanjiang's J4 was scored again from its figure without the −0.5."""
    r, fw, refs = lanjiang
    p = build(fw, [r] + refs, ["lanjiang"] + [f"ref{k}" for k in range(len(refs))], ["unknowns"])
    got = evaluate(p, np.random.default_rng(1).random((50, len(p.names)))).total[:, 0]
    assert got.tolist() == [r.total] * 50


def test_the_reports_unknowns_at_0_interval_is_the_main_one_when_nothing_is_unknown(lanjiang):
    """lanjiang has no unknown answer: keeping unknown answers at 0 changes nothing, so both
    intervals are one (the same draws of the other sources), and they hold the verified total."""
    r, fw, _ = lanjiang
    u = for_unit(r, fw, samples=400, sobol=False).units[0]
    assert u.drawn is not None and u.drawn.total == u.result.total
    assert u.result.total.p05 <= r.total_bounds.lower <= u.result.total.p95


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_says_a_unit_without_unknowns_has_none_to_draw(lanjiang, lang):
    r, fw, _ = lanjiang
    loaded = read(LANJIANG)
    rob = for_unit(r, fw, samples=300, sobol=False)
    text = " ".join(build_context(r, None, fw, loaded.assessment, lang=lang, robustness=rob)["robustness"]["findings"])
    u = rob.units[0]
    assert text.count(f"{u.p05:.1f}") == 1  # the interval is said once, not twice as if it were another
    assert ("没有数据不详的指标" if lang == "zh" else "no unknown answers") in text


# --- any panel changes -----------------------------------------------------------------------------

class _Unit(tuple):
    """The worked example's assessment, framework, SHA-256 and reference units: a short repr, so
    that a failing example prints its draws and not half a megabyte of framework."""

    def __repr__(self) -> str:
        return "qingshi"


@pytest.fixture(scope="module")
def qingshi():
    loaded = read(QINGSHI)
    assessment, fw = loaded.require()
    return _Unit((assessment, fw, loaded.sha256, _refs(verified_score(assessment, fw), fw)))


def _review(sha: str, changes: dict[str, float]) -> Review:
    return Review.model_validate({
        "assessment": {"city": "青石区", "period": "2023–2024", "sha256": sha},
        "verified": {k: {"score_change": d, "reason": "核查"} for k, d in changes.items()}})


@st.composite
def panel(draw, fw):
    """Score changes on a few indicators (within their points, as the review's check allows), some
    of them on answers the unit left unknown."""
    inds = list(fw.indicators())
    picked = draw(st.lists(st.sampled_from(inds), min_size=1, max_size=6, unique_by=lambda i: i.id))
    changes = {i.id: draw(st.floats(-i.points, i.points, allow_nan=False).map(lambda x: round(x * 4) / 4))
               for i in picked}
    unknown = draw(st.lists(st.sampled_from(inds), max_size=4, unique_by=lambda i: i.id))
    return changes, [i.id for i in unknown]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_at_0_and_with_nothing_varied_the_analysis_gives_the_verified_lower_bound(qingshi, data):
    assessment, fw, sha, refs = qingshi
    changes, unknown = data.draw(panel(fw))
    answers = dict(assessment.answers)
    answers.update({k: Answer(status="unknown") for k in unknown})
    a = assessment.model_copy(update={"answers": answers})
    r = verified_score(a, fw, reviews=[_review(sha, changes)], sha256=sha)
    labels = ["u"] + [f"ref{k}" for k in range(len(refs))]
    lower = r.total_bounds.lower
    # unknown answers at 0, the framework's weights and scale: the engine's (lower) figure
    none = build(fw, [r] + refs, labels, [])
    assert evaluate(none, np.empty((2, 0))).total[:, 0] == pytest.approx([lower] * 2, abs=1e-9)
    # end-points moved by 0 and survey rates by a zero error: the same
    mid = build(fw, [r] + refs, labels, ["scale", "survey"])
    assert evaluate(mid, np.full((2, len(mid.names)), 0.5)).total[:, 0] == pytest.approx([lower] * 2, abs=1e-9)
    # unknown answers drawn (its own and the reference units'): between the verified bounds, and
    # exactly the lower bound when the unit has none
    drawn = build(fw, [r] + refs, labels, ["unknowns"])
    got = evaluate(drawn, np.random.default_rng(0).random((30, len(drawn.names)))).total[:, 0]
    if r.unknown + r.missing == 0:
        assert got == pytest.approx([lower] * 30, abs=1e-9)
    assert (got >= lower - 1e-9).all() and (got <= r.total_bounds.upper + 1e-9).all()
