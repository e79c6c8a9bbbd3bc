"""A rate's rule text reads with its "%" (audit N #20): "F2：92%（起点 60% 得 0，目标 100% 得满分）",
not "F2：92（起点 60 得 0，目标 100 得满分）", in ``score --explain`` and in the report's appendix (the
same reason string), in both languages; a figure in another unit (元/人·年, a count) stays bare.
"""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from evaluator.rules import apply, compile_rule, num
from indicators.loader import load_framework
from indicators.models import LinearRule, Step, StepsRule

from .conftest import EXAMPLES, lcity, lcity_here, plain

QINGSHI = EXAMPLES / "qingshi-district.yaml"
FW = load_framework("china-learning-city@1")


def test_explain_prints_a_rates_figure_floor_and_target_with_percent_in_chinese():
    out = lcity("score", str(QINGSHI), "--explain").stdout
    assert "F2：92%（起点 60% 得 0，目标 100% 得满分），按线性插值，得 80%（满分 2）" in out
    # a derived rate: the figure the rule scores is the derived percentage
    assert "= 84.75%；84.75%（起点 50% 得 0，目标 90% 得满分）" in out
    # other units keep their bare figures (their unit is printed by the derivation before them)
    assert "6.71（起点 2 得 0，目标 10 得满分）" in out
    assert "H2：2 达到 ≥2 档" in out
    assert not re.search(r"F2：92（", out)
    # the answer column reads the rate as the reason does; a count stays a count
    assert re.search(r"│ F2 15分钟学习圈\s+│ 已答\s+│ 92%\s+│", out), out
    assert re.search(r"│ E1 终身学习平台覆盖\s+│ 已答\s+│ 180,000\s+│", out)


def test_explain_prints_a_rates_figure_floor_and_target_with_percent_in_english():
    out = lcity_here("score", str(QINGSHI), "--explain", "--lang", "en").stdout
    assert "F2: 92% (floor 60% scores 0, target 100% scores full): linear between them, 80% of 2 points" in out
    assert "6.71 (floor 2 scores 0, target 10 scores full)" in out
    assert "H2: 2 reaches the ≥2 step" in out


def test_the_reports_appendix_reads_the_same_rate_with_percent(tmp_path):
    page = tmp_path / "q.html"
    assert lcity_here("report", str(QINGSHI), "--html", str(page)).returncode == 0
    text = plain(page.read_text(encoding="utf-8"))
    assert "92%（起点60%得0，目标100%得满分），按线性插值，得80%（满分2）" in text
    assert "92（起点60" not in text and "%%" not in text


def _rate(kind_rule):
    return FW.indicator("F2").model_copy(update={"rule": kind_rule})


@settings(max_examples=60, deadline=None)
@given(floor=st.integers(0, 80), width=st.integers(1, 20), value=st.floats(0, 100, allow_nan=False))
def test_every_linear_rate_reason_marks_figure_floor_and_target(floor, width, value):
    ind = _rate(LinearRule(kind="linear", floor=floor, target=floor + width))
    share, (zh, en) = apply(ind, value)
    assert zh.startswith(f"{num(value)}%（起点 {num(floor)}% 得 0，目标 {num(floor + width)}% 得满分）")
    assert en.startswith(f"{num(value)}% (floor {num(floor)}% scores 0, target {num(floor + width)}% scores full)")
    assert compile_rule(ind)(value) == (share, zh, en)  # the engine's compiled rule says the same


@settings(max_examples=40, deadline=None)
@given(first=st.integers(1, 50), value=st.integers(0, 100))
def test_every_steps_rate_reason_marks_the_figure_and_the_step(first, value):
    ind = _rate(StepsRule(kind="steps", steps=[Step(min=first, share=0.5), Step(min=first + 10, share=1.0)]))
    share, (zh, en) = apply(ind, value)
    if value < first:
        assert zh == f"{num(value)}% 未达到最低档 {num(first)}%，不得分"
        assert en == f"{num(value)}% is below the first step ({num(first)}%): no points"
    else:
        top = first + 10 if value >= first + 10 else first
        assert zh.startswith(f"{num(value)}% 达到 ≥{num(top)}% 档")
        assert en.startswith(f"{num(value)}% reaches the ≥{num(top)}% step")
    assert compile_rule(ind)(value) == (share, zh, en)
