"""summary.csv and summary.json leave a dimension that does not apply to a unit empty (audit G5,
finding 2): Beidao (tests/audit_frameworks/g5) marks both WK indicators not applicable; ranking.pdf
printed '—' for it, but the summaries gave 0.0, which a script reads as a dimension scored 0.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here as lcity

G5 = ROOT / "tests" / "audit_frameworks" / "g5"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))


def test_summaries_leave_a_dimension_that_does_not_apply_empty(tmp_path: Path):
    units = tmp_path / "units"
    units.mkdir()
    for name in ("beidao-2025.yaml", "stonebeach-2025.yaml"):
        shutil.copy(G5 / name, units / name)
    run = lcity("batch", str(units), "-o", str(tmp_path / "out"), "--lang", "en")
    assert run.returncode == 0, run.stderr
    rows = {r["id"]: r for r in csv.DictReader((tmp_path / "out" / "summary.csv").open(encoding="utf-8-sig"))}
    assert rows["beidao"]["WK"] == ""                    # does not apply
    assert rows["beidao"]["GV"] == "85.0"
    assert rows["stonebeach"]["WK"] == "0.0"             # applies, and scored nothing
    units_json = {u["id"]: u for u in json.loads((tmp_path / "out" / "summary.json").read_text())["units"]}
    assert units_json["beidao"]["WK"] is None
    assert units_json["stonebeach"]["WK"] == 0.0
