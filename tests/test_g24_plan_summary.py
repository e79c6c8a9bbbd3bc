"""Session 24: the plan (``lcity plan``, 六), the summary and 五 of the G22 audits' open findings
(tests/audit_cities/g22r/AUDIT.md, tests/audit_cities/g22t/AUDIT.md): what a user reads.

* G22-T5: a star rating's English plan names its own outcome, never "recognition".
* G22-T2/T6: a framework without a dimension floor hears of no floor in the plan or ``lcity score``.
* G22-R5: every survey rate the outcome waits on is said among the deciding conditions and in 五's
  first group.
* G22-R7: the summary's key task says its change as the task table does, the unit once.
* G22-R9: the summary's key task aims a survey rate within its margin as the plan does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import lcity_here as lcity
from .conftest import report_lines, section, squash

AUDITS = Path(__file__).parent / "audit_cities"
G22T = AUDITS / "g22t"
G22R = AUDITS / "g22r"
BEIAN, NANHU = G22T / "beian-shequ-2025.yaml", G22T / "nanhu-shequ-2025.yaml"


@pytest.fixture(scope="module")
def star_rating():
    """The district's star-rating framework of the G22-T audit installed, at 80 columns."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LCITY_FRAMEWORK_PATH", str(G22T / "fw"))
        mp.setenv("COLUMNS", "80")
        yield


# ---- G22-T5: the English plan names the framework's outcome -----------------------------------

def test_a_star_ratings_english_plan_names_its_outcome(star_rating):
    out = " ".join(lcity("plan", str(BEIAN), "--lang", "en").stdout.split())
    assert "Every other condition of '通过星级评定' is met, but the survey lines are not settled" in out
    assert "Before '通过星级评定' is granted, a survey with the standard questionnaire" in out
    assert "recognition" not in out.lower()


def test_a_held_star_rating_plan_says_whose_conditions_wait(star_rating):
    out = " ".join(lcity("plan", str(NANHU), "--lang", "en").stdout.split())
    assert ("Every other condition of '通过星级评定' is met: the unit marked DW1 not applicable, which leaves its "
            "whole dimension out of the score: the panel must confirm it does not apply before '通过星级评定' is "
            "granted") in out
    assert "recognition" not in out.lower()


# ---- G22-T2/T6: no floor words where the framework sets no floor ------------------------------

@pytest.mark.parametrize("lang, floor", [("zh", "底线"), ("en", "floor")])
def test_the_plan_of_a_framework_without_a_floor_speaks_of_none(star_rating, lang, floor):
    out = lcity("plan", str(NANHU), "--lang", lang).stdout
    assert "DW1" in out and floor not in out


def test_six_of_a_framework_without_a_floor_speaks_of_none(star_rating):
    ls = report_lines(NANHU, "zh")
    body = ls[max(i for i, ln in enumerate(ls) if ln.startswith("六、意见建议")):]
    six = " ".join(section(body, "六、意见建议", "七、"))
    assert "DW1由本单位填报为不适用，使其所在维度整体未计入评分，须经专家组核实不适用的理由后方可通过星级评定" in six
    assert "底线" not in six


def test_score_gives_no_floor_without_one(star_rating):
    proc = lcity("score", str(BEIAN))
    assert proc.returncode == 0 and "底线" not in proc.stdout, proc.stdout
    rows = lcity("score", str(BEIAN), "--format", "csv").stdout.splitlines()
    assert rows[0].endswith(",底线") and all(r.endswith(",") for r in rows[1:8]), rows  # the column kept, empty
