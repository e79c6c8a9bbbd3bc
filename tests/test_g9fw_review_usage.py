"""`lcity review validate` names its two arguments (audit G9, finding 10): its usage read
"FILE FILE…", and a review given alone was told "Missing argument 'reviews'", without saying that
the assessment comes first."""

from __future__ import annotations

from .conftest import ROOT, lcity_here as lcity

REVIEW = ROOT / "tests" / "audit_frameworks" / "g9" / "eastgate-2025.review.yaml"


def test_a_review_alone_is_told_what_is_missing():
    run = lcity("--lang", "en", "review", "validate", str(REVIEW))
    assert run.returncode == 2
    assert "review validate [OPTIONS] ASSESSMENT REVIEW…" in run.stderr
    assert "Missing argument 'REVIEW…'" in run.stderr
    assert "'reviews'" not in run.stderr


def test_help_names_them():
    run = lcity("--lang", "en", "review", "validate", "-h")
    assert run.returncode == 0
    assert "ASSESSMENT REVIEW…" in run.stdout
