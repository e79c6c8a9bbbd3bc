"""The command line on a framework unlike China's (tests/audit_frameworks/aldmark: word ids such as
``governance`` and ``participation``, outcomes of several words), as audit G1 ran it: each test
is one of its findings, asserted on what the user sees, piped or on an 80-column terminal.
"""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT, lcity_here as lcity, terminal_lines

ALDMARK = ROOT / "tests" / "audit_frameworks" / "aldmark"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(ALDMARK))


def on_terminal(*args: str) -> list[str]:
    """The lines an 80-column terminal shows (a pseudo-terminal, colours off)."""
    return terminal_lines(*args, LCITY_FRAMEWORK_PATH=str(ALDMARK))


# --- 5: trend cut a period's outcome at 80 columns ("Charter not a") ------------------------------

def test_trend_folds_an_outcome_instead_of_cutting_it():
    """The period columns did not wrap: "Charter not awarded" printed as "Charter not a"."""
    lines = on_terminal("trend", str(ALDMARK / "aldwick-2023.yaml"), str(ALDMARK / "aldwick-2025.yaml"))
    table = lines[:lines.index(next(x for x in lines if x.startswith("└")))]
    cells = [[c.strip() for c in x.split("│")[1:-1]] for x in table if x.startswith("│")]
    at = next(k for k, c in enumerate(cells) if c[0] == "outcome")
    outcome = [cells[at], *(c for c in cells[at + 1:] if not c[0])]  # the row and its folded lines
    assert " ".join(c[2] for c in outcome).split() == ["Charter", "not", "awarded"], table
    assert all(len(x) <= 80 for x in lines)


# --- 6: status put word ids' figures under the wrong headings ------------------------------------

@pytest.mark.parametrize("terminal", [False, True])
def test_status_figures_stand_under_their_headings(terminal: bool):
    """The id column was 6 cells: "participation       0 …" ran 7 cells right of "answered"."""
    unit = str(ALDMARK / "greyhaven-2025.yaml")
    lines = on_terminal("status", unit) if terminal else lcity("status", unit).stdout.splitlines()
    head = next(x for x in lines if "answered" in x and "unknown" in x)
    ends = [m.end() for m in re.finditer(r"answered|unknown|missing|n/a|points open", head)]
    rows = {x.split()[0]: x for x in lines if x.split()[:1] and x.split()[0] in
            ("governance", "access", "participation", "quality") and re.search(r"\d", x)}
    assert len(rows) == 4, lines
    for row in rows.values():
        assert [m.end() for m in re.finditer(r"\d+", row)][:5] == ends, (head, row)


# --- 9: cities said "0 of 3 reference units … are not rated" ---------------------------------------

@pytest.mark.parametrize("lang, says, never", [
    ("en", "Note: all 3 reference units answer at least the 75% of the points needed for a grade.", "0 of 3"),
    ("zh", "注：3 个参照单位的数据覆盖率均达到定级所需的 75%。", "中有 0 个"),
])
def test_cities_note_when_every_reference_unit_is_rated(lang: str, says: str, never: str):
    """Every aldmark reference unit reaches min_coverage: the note counted "0 of 3 … not rated"."""
    run = lcity("cities", "--framework", "aldmark-learning-regions", "--lang", lang)
    assert run.returncode == 0, run.stderr
    assert says in run.stdout and never not in run.stdout


def test_cities_note_of_china_still_counts_the_units_not_rated():
    run = lcity("cities", "--lang", "zh")
    assert "注：12 个参照单位中有 12 个数据覆盖率低于定级所需的 80%" in run.stdout
