"""ranking.pdf prints a one-year period as its year (audit G5, finding 12): "评估周期 2024–2025、
2025–2025" for Stonebeach's period 2025–2025 (tests/audit_frameworks/g5); cities and benchmark
already print "2025".
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reports.ranking import _one_year

from .conftest import ROOT, lcity_here as lcity

G5 = ROOT / "tests" / "audit_frameworks" / "g5"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))


def test_ranking_prints_a_one_year_period_as_its_year(tmp_path: Path):
    units = tmp_path / "units"
    units.mkdir()
    for name in ("beidao-2025.yaml", "stonebeach-2025.yaml"):
        shutil.copy(G5 / name, units / name)
    run = lcity("batch", str(units), "-o", str(tmp_path / "out"), "--lang", "zh")
    assert run.returncode == 0, run.stderr
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "out" / "ranking.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "评估周期 2024–2025、2025" in text
    assert "2025–2025" not in text


@pytest.mark.parametrize("period, shown", [("2025–2025", "2025"), ("2024–2025", "2024–2025"), ("2025", "2025")])
def test_one_year(period: str, shown: str):
    assert _one_year(period) == shown
