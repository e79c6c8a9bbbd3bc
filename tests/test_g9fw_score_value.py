"""`lcity score --explain` shows a truthfully empty checklist as "none", not a blank cell (audit
G9, finding 7): Greywater (tests/audit_frameworks/g9) answers PAR3 "Groups reached" with `[]`; the
value cell was empty, which reads as not answered, while the why column said "(none)".
"""

from __future__ import annotations

import pytest

from .conftest import ROOT, lcity_here as lcity

G9 = ROOT / "tests" / "audit_frameworks" / "g9"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G9))


@pytest.mark.parametrize("lang, none", [("en", "none"), ("zh", "无")])
def test_empty_checklist_reads_none(lang, none):
    run = lcity("score", str(G9 / "greywater-2025.yaml"), "--explain", "--format", "csv", "--lang", lang)
    assert run.returncode == 0, run.stderr
    row = next(line for line in run.stdout.splitlines() if line.startswith("PAR3 "))
    assert row.split(",")[2] == none


def test_a_ticked_checklist_still_lists_its_items():
    run = lcity("score", str(G9 / "eastgate-2025.yaml"), "--explain", "--format", "csv", "--lang", "en")
    row = next(line for line in run.stdout.splitlines() if line.startswith("PAR3 "))
    assert '"Older people, Carers"' in row
