"""What a new user meets when following README.md on a fresh clone (tests/audit_newuser/AUDIT.md):
the demo's PDF is a report like any other, the templates survive the edits their comments invite,
and the counts a user reads agree."""

from __future__ import annotations

from pathlib import Path

from .conftest import EXAMPLES, lcity


def test_the_demo_report_is_the_report_lcity_report_writes_and_verifies(tmp_path: Path) -> None:
    """The first PDF a new user gets carries its inputs: lcity verify re-scores it (exit 0), and it
    is byte for byte the PDF `lcity report` writes for the same example (audit #1: it was not)."""
    demo = lcity("demo", cwd=tmp_path, timeout=300)
    assert demo.returncode == 0, demo.stderr
    pdf = tmp_path / "lcity-demo-report.pdf"
    verified = lcity("verify", str(pdf), "--lang", "en", cwd=tmp_path)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "lcity-demo-report.pdf: agrees — total 75.6" in verified.stdout + verified.stderr
    report = lcity("report", str(EXAMPLES / "qingshi-district.yaml"), "-o", "r.pdf", cwd=tmp_path, timeout=300)
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "r.pdf").read_bytes() == pdf.read_bytes()
