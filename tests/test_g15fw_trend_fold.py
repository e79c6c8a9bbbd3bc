"""``lcity trend`` at 80 columns with long Chinese names (audit G15, finding 14): Rich broke the
names anywhere, so lines began with '）' or '、' ("（获得感" / "）", "、社区学习成果展示及居民"), and a
dimension's id stood alone above its name. The cells of the columns that fold are now broken as
``score`` breaks them: between characters, never before a closing mark.
"""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from .conftest import ROOT, terminal_lines

G15 = ROOT / "tests" / "audit_frameworks" / "g15"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_line_of_a_cell_starts_with_a_closing_mark(lang: str):
    lines = terminal_lines("trend", str(G15 / "haiwan-2023.yaml"), str(G15 / "haiwan-2025.yaml"), "--lang", lang,
                           LCITY_FRAMEWORK_PATH=str(G15))
    assert all(cell_len(x) <= 80 for x in lines), max(lines, key=cell_len)
    cells = [c.strip() for x in lines if x.startswith("│") for c in x.strip("│").split("│")]
    starts = [c for c in cells if c and c[0] in "）、，。；：,;"]
    assert cells and not starts, starts
    # the dimension's id stays with the first characters of its name
    assert any(c.startswith("I 特色品牌") for c in cells)
    assert "I" not in cells
