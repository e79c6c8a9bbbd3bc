"""The commands run on a third-party framework modelled on UNESCO's Key Features of Learning Cities
(tests/audit_frameworks/unesco-kflc: unesco-kflc@1, city level only, ``language: en``, no pathways,
no reference units), as audit T ran them: each test is one of its defects, asserted on what the user
sees. China's packaged framework must read as before; the framework here must read as its own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here as lcity

KFLC = ROOT / "tests" / "audit_frameworks" / "unesco-kflc"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", f"{KFLC / 'kflc'}:{KFLC / 'kflc-v2'}")


@pytest.fixture
def units(tmp_path: Path) -> Path:
    """The five units (and the earlier period) copied, so nothing is written into the checkout."""
    out = tmp_path / "units"
    out.mkdir()
    for unit in KFLC.glob("*-2025.yaml"):
        shutil.copy(unit, out / unit.name)
    return out


# --- 1: a survey's margin of error is in percentage points of the rate, not score points ----------

def test_survey_margin_reads_as_percentage_points_beside_the_indicator_points(units: Path):
    """``WB2: 30 … 50% of 8 points (± 4.0 points at 95 %, n = 500)`` read as half the indicator."""
    proc = lcity("score", str(units / "marlow-vale-2025.yaml"), "--explain")
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stdout.splitlines() if "WB2:" in x)
    assert "± 4.0 percentage points at 95 %, n = 500" in line, line
    assert "± 4.0 points" not in proc.stdout


def test_small_sample_warning_says_percentage_points(units: Path):
    """validate's small-sample warning: ``WB2: 30 % ± 12.7 points (n = 50, 95 %)``."""
    form = units / "marlow-vale-2025.yaml"
    text = form.read_text(encoding="utf-8")
    assert "sample_size: 500" in text
    form.write_text(text.replace("sample_size: 500", "sample_size: 50", 1), encoding="utf-8")
    proc = lcity("validate", str(form), "--lang", "en")
    assert "percentage points (n = 50, 95 %)" in proc.stdout, proc.stdout
    assert " points (n = 50" not in proc.stdout.replace("percentage points (n = 50", "")
