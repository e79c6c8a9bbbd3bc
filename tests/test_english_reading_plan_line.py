"""A reviewed report's task table names the recognition line every other page gives (English reading
#9): the panel's -0.5 is held fixed, so the answers must reach 85.5, but the totals the plan shows
include the panel's change, and the column said "total ≥ 85.5" beside every other page's 85."""

from __future__ import annotations

import pytest

from evaluator.plan import Target, _total_condition
from indicators.models import Text

from .conftest import EXAMPLES, report_text


@pytest.mark.parametrize("lang, line", [("en", "total ≥ 85"), ("zh", "总分 ≥ 85")])
def test_the_reviewed_plan_serves_the_reported_line(tmp_path, lang, line):
    text = report_text(tmp_path, lang, "--review", str(EXAMPLES / "qingshi-district.review.yaml"))
    assert f"{line} " in text or f"{line};" in text or f"{line}、" in text
    assert "85.5" not in text


def test_the_condition_adds_the_panels_change_back():
    name = Text(zh="认定", en="recognised")
    assert _total_condition(Target("recognition", 85.5, name, panel=-0.5)).en == "total ≥ 85"
    assert _total_condition(Target("recognition", 84.25, name, panel=0.75)).zh == "总分 ≥ 85"
    assert _total_condition(Target("recognition", 85.0, name)).en == "total ≥ 85"
