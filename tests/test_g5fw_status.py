"""lcity status gives a framework's fractional points as written (audit G5, finding 13): Wuling's
AC-2_2 of 25.25 points (tests/audit_frameworks/g5) was "25.2" open, the total "660.2" (660.25).
"""

from __future__ import annotations

import pytest

from .conftest import ROOT, lcity_here as lcity

G5 = ROOT / "tests" / "audit_frameworks" / "g5"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))


def test_status_prints_quarter_points_as_written():
    run = lcity("status", str(G5 / "wuling-2025.yaml"), "--lang", "en")
    assert run.returncode == 0, run.stderr
    ac = next(x for x in run.stdout.splitlines() if x.startswith("AC "))
    assert ac.split()[5] == "25.25", ac
    assert "660.25 of the 1000 points" in " ".join(run.stdout.split()) or "660.25" in run.stdout
    assert "25.2 " not in ac and "660.2 " not in run.stdout
