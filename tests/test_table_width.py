"""Tables drawn on an 80-column terminal are at most 80 cells wide.

Rich narrows only a table's widest wrapable column; when that column was already at its
whole-word minimum (an indicator's Chinese name), the plan table came out 85 cells wide at 80
and the terminal broke every row.
"""

from __future__ import annotations

import os

import pytest
from rich.cells import cell_len

from .conftest import EXAMPLES
from .test_zh_typography import _on_terminal

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")

BOX = tuple("┏┃┡│├└┗")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", [
    ("plan", "qingshi-district.yaml"),
    ("plan", "districts/baiyang.yaml"),
    ("score", "jianglan-city.yaml"),
])
def test_a_table_fits_an_80_column_terminal(command, lang):
    name, file = command
    shown = _on_terminal(name, str(EXAMPLES / file), "--lang", lang, columns=80)
    rows = [line for line in shown.splitlines() if line.startswith(BOX)]
    assert rows, shown
    assert max(cell_len(r) for r in rows) <= 80, "\n".join(r for r in rows if cell_len(r) > 80)


def test_each_condition_a_plan_task_serves_is_a_line_of_its_own():
    shown = _on_terminal("plan", str(EXAMPLES / "qingshi-district.yaml"), "--lang", "en", columns=120)
    assert "total ≥ 85; " not in shown
    lines = shown.splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith("│L2"))  # serves the total and L's floor
    assert lines[at].rstrip("│ ").endswith("total ≥ 85")
    assert lines[at + 1].rstrip("│ ").endswith("dimension L ≥ 60%")
