"""The command line on a framework unlike China's (tests/audit_frameworks/aldmark: word ids such as
``governance`` and ``participation``, outcomes of several words), as audit G1 ran it: each test
is one of its findings, asserted on what the user sees, piped or on an 80-column terminal.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from .conftest import ROOT, lcity_here as lcity

ALDMARK = ROOT / "tests" / "audit_frameworks" / "aldmark"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(ALDMARK))


def on_terminal(*args: str) -> list[str]:
    """The lines an 80-column terminal shows (a pseudo-terminal, colours off)."""
    env = dict(os.environ, COLUMNS="80", LINES="50", NO_COLOR="1", TERM="xterm", LCITY_FRAMEWORK_PATH=str(ALDMARK))
    script = (f"import pty, sys; sys.exit(pty.spawn([{sys.executable!r}, '-m', 'lcity', "
              + ", ".join(repr(a) for a in args) + "]) >> 8)")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, cwd=ROOT, timeout=300)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", proc.stdout.decode("utf-8", "replace")).replace("\r", "")
    return text.split("\n")


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
