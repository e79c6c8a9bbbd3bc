"""The total under a geometric mean is printed on the side of the framework's lines its grade is on:
84.96 beside a grade below the 85-point line reads "84.96", never "85.0" (as ``lcity score`` prints
a total), in ``lcity sensitivity`` and in the report's robustness appendix."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.rounding import total_limits
from indicators.loader import load_framework
from lcity.commands import sensitivity as cmd
from reports.context_robustness import _geometric

FW = load_framework("china-learning-city@1")
LINES = total_limits(FW)


def _unit(total: float) -> SimpleNamespace:
    geo = SimpleNamespace(total=total, grade="good", name="Good", name_zh="良好")
    return SimpleNamespace(geometric=geo, reference=False, name="Nanyuan", name_zh="南苑区", period=None, vetoes=[],
                           ratable=True, grade="good")


def _figure(line: str) -> float:
    return float(line.split("：")[1].split("（")[0]) if "：" in line else float(line.split(": ")[1].split(" (")[0])


@settings(max_examples=60, deadline=None)
@given(line=st.sampled_from(LINES), below=st.floats(min_value=5e-4, max_value=0.049))  # 3 decimals at most, as a total
def test_sensitivity_never_rounds_a_geometric_total_onto_a_line(line, below):
    import io
    from contextlib import redirect_stdout

    for zh in (True, False):
        buf = io.StringIO()
        with redirect_stdout(buf):
            cmd._print_geometric(SimpleNamespace(units=[_unit(line - below)], sources=[]), zh, FW)
        row = [r for r in buf.getvalue().splitlines() if "Nanyuan" in r or "南苑区" in r][0]
        assert _figure(row) < line, row


def test_the_report_prints_the_same_figure():
    facts = SimpleNamespace(fw=FW, lang="zh", cat=lambda key, **kw: f"{key}:{kw['total']}")
    assert _geometric(facts, _unit(84.96)) == ["rob_geometric:84.96"]
    assert _geometric(facts, _unit(72.3)) == ["rob_geometric:72.3"]
