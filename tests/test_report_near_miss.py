"""A report never writes a near miss as if it were met: 59.6 % is not "60%, below the 60% floor",
84.96 is not "85.0, below the line of 85"; and a one-task plan is not "these 1 tasks"."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluator.benchmark import benchmark
from evaluator.pipeline import read_scored
from reports.context import build_context
from reports.context_format import pct_below

from .conftest import EXAMPLES


def _text(ctx) -> str:
    """Every sentence of the context, charts (SVG coordinates) left out."""
    return re.sub(r"<svg.*?</svg>", "", json.dumps(ctx, ensure_ascii=False, default=str), flags=re.S)


def test_pct_below_keeps_a_miss_a_miss():
    assert pct_below(0.596, 0.6) == "59.6%"
    assert pct_below(0.55, 0.6) == "55%"
    assert pct_below(0.59996, 0.6) == "59.996%"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_dimension_just_under_its_floor_and_a_total_just_under_the_line(lang):
    result, loaded = read_scored(EXAMPLES / "qingshi-district.yaml")
    assessment, fw = loaded.require()
    dims = list(result.dimensions)
    k = next(i for i, d in enumerate(dims) if d.floor_met is False)
    d = dims[k]
    dims[k] = d.model_copy(update={"share": 0.596, "score": 0.596 * d.max})
    near = result.model_copy(update={"dimensions": dims, "total": 84.96})
    text = _text(build_context(near, benchmark(near, fw), fw, assessment, lang=lang, date="2026-04-10"))
    assert "59.6%" in text
    assert f"{d.id} 60%" not in text and "得分率60%" not in text and ": 60% of its points" not in text
    assert "84.96" in text and "85.0" not in text


def test_a_one_task_plan_is_said_as_one_task():
    for path in sorted((EXAMPLES / "districts").glob("*.yaml")):
        if path.name.endswith(".review.yaml"):
            continue
        result, loaded = read_scored(path)
        assessment, fw = loaded.require()
        ctx = build_context(result, benchmark(result, fw), fw, assessment, lang="en", date="2026-04-10")
        text = _text(ctx)
        assert "these 1 tasks" not in text and "all 1 tasks" not in text, path.name


@given(st.floats(min_value=0, max_value=100, allow_nan=False),
       st.lists(st.sampled_from([50.0, 60.0, 70.0, 75.0, 80.0, 85.0, 90.0]), min_size=1, max_size=4))
def test_a_total_is_never_printed_on_the_other_side_of_a_line(x, lines):
    from evaluator.rounding import shown_total

    text = shown_total(x, lines)
    assert len(text.split(".")[1]) >= 1
    for line in lines:
        if abs(x - line) > 5e-4:
            assert (x >= line) == (float(text) >= line), (x, text, line)
