"""``lcity score --explain`` at 80 columns with long Chinese names and long values (audit G15,
finding 5). The narrow layout gave all the room left to the column wanting least more (the value
list of a 12-item checklist), and the indicator column kept 6 cells: C1's 57-character name took 17
lines of three characters ("学习场", "所（社", …). Long names and long values now fold side by side.
"""

from __future__ import annotations

import pytest

from .conftest import ROOT, terminal_lines

G15 = ROOT / "tests" / "audit_frameworks" / "g15"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_long_name_and_a_long_value_share_the_width(lang: str):
    lines = terminal_lines("score", str(G15 / "yucun-2025.yaml"), "--explain", "--lang", lang,
                           LCITY_FRAMEWORK_PATH=str(G15))
    from rich.cells import cell_len

    assert all(cell_len(x) <= 80 for x in lines), max(lines, key=cell_len)
    start = next(k for k, x in enumerate(lines) if x.startswith("C1 "))
    end = next(k for k, x in enumerate(lines) if x.startswith("    C1"))
    assert end - start <= 6, "\n".join(lines[start:end])  # was 18 lines
    # the name's first line holds more than two characters after the id
    assert cell_len(lines[start].split("  ")[0]) >= 16, lines[start]
    # a short value stays whole on its row
    assert any(x.startswith("A2 ") and "有2名及以上专职人员" in x for x in lines)
    # no line of the value column starts with a comma
    assert not any(x.lstrip().startswith((",", "，")) for x in lines[start:end])
