"""Audit G28-T: an English-only metropolitan lifelong-learning accreditation of 1,000 points with
weights that are not round (287.5, 262.5, 240, 210), grades named by numbers (Tier 1 … Tier 4), three
levels of its own (metropolitan area, ward, parish), a veto on a safeguarding policy, a household
survey with two rates and outcomes that name the held state (tests/audit_cities/g28t/AUDIT.md), as
its users see it."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from .conftest import lcity_here as lcity, report_lines

HERE = Path(__file__).parent / "audit_cities" / "g28t"
FW_DIR = HERE / "fw"
FW = FW_DIR / "thornbury-accreditation" / "framework.yaml"
UNITS = {u: HERE / f"{u}-2025.yaml" for u in ("ashford", "kingsmere", "lowfield", "northgate")}


@pytest.fixture
def installed(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(FW_DIR))
    monkeypatch.setenv("COLUMNS", "80")


def text(path: Path, lang: str = "en", reviews: tuple = ()) -> str:
    return html.unescape(" ".join(report_lines(path, lang, reviews)))


def test_the_audit_framework_and_units_are_valid(installed):
    proc = lcity("framework", "check", str(FW))
    assert "valid — 0 errors, 0 warnings" in proc.stdout + proc.stderr
    for unit in UNITS.values():
        assert lcity("validate", str(unit)).returncode == 0, unit


def test_the_units_get_what_the_framework_rules_give(installed):
    said = {u: lcity("score", str(p)).stdout for u, p in UNITS.items()}
    assert "Grade: Tier 1    Outcome: Accredited" in said["ashford"]
    assert "Grade: Tier 2    Outcome: Accreditation on hold" in said["kingsmere"]
    assert "Grade: Tier 4 (veto)    Outcome: Not accredited" in said["lowfield"]
    assert "Grade: Tier 3    Outcome: Accredited with conditions" in said["northgate"]


# --- G26-T6 rest: the held state in the robustness lines -------------------------------------------

def _held_and_deferred(path: Path) -> tuple[float, float]:
    out = lcity("sensitivity", str(path), "--no-sobol", "--format", "json").stdout
    unit = next(u for u in json.loads(out)["units"] if not u["reference"])
    deferred = next(c["p"] for c in unit["result"]["outcomes"] if c["id"] == "deferred")
    return unit["result"]["held"], deferred


def test_the_draws_count_the_held_state_apart_from_the_middle_title(installed):
    """Kingsmere is held on PART1 34 % ± 5.3 (310 of 500 questionnaires) against a 30 % line: a draw
    below 30 % gives the middle title proper, so the held share is below the middle outcome's 100 %."""
    held, deferred = _held_and_deferred(UNITS["kingsmere"])
    assert deferred == 1.0  # the outcome ids keep their meaning: every draw is deferred
    assert 0.8 < held < 0.99
    held, _ = _held_and_deferred(UNITS["northgate"])
    assert held == 0.0  # the middle title by the rules: no draw is held


def test_the_report_says_the_held_share_in_the_summary_and_section_7(installed):
    en = text(UNITS["kingsmere"])
    held, _ = _held_and_deferred(UNITS["kingsmere"])
    pct = f"{held * 100:.0f}"
    assert f"the outcome by the rules, 'Accreditation on hold', in {pct}%" in en
    assert (f"By the rules the outcome is 'Accreditation on hold'; {pct}% of the draws give it "
            f"(the others: Accredited with conditions {100 - int(pct)}%)") in en
    assert "'Accreditation on hold', in 100%" not in en
    # no cut-off of the total is crossed, but the outcome does not hold in every draw
    assert "the grade and the outcome hold under these choices" not in en
    assert "No grade or outcome cut-off on the total lies inside the 90% interval: the grade holds" in en
    zh = text(UNITS["kingsmere"], "zh")
    assert f"评估结论“Accreditation on hold”在{pct}%的抽样中不变" in zh


def test_a_framework_without_held_words_keeps_one_middle_outcome():
    """China's 暂缓认定 is the held state: no share apart (``held`` is None)."""
    from evaluator.sensitivity import _held_share
    from indicators.loader import load_framework

    fw = load_framework("china-learning-city@1")
    assert _held_share(fw, None, 0) is None  # type: ignore[arg-type]


# --- G26-T6 rest: the ranking's outcome counts -----------------------------------------------------

def test_the_ranking_counts_a_held_unit_under_its_own_words(installed, tmp_path):
    """The table said 'Accreditation on hold' for Kingsmere, the line above it "Accredited with
    conditions: 2"."""
    import subprocess

    for unit in UNITS.values():
        (tmp_path / unit.name).write_bytes(unit.read_bytes())
    out = tmp_path / "out"
    proc = lcity("batch", str(tmp_path), "-o", str(out), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    pdf = subprocess.run(["pdftotext", "-layout", str(out / "ranking.pdf"), "-"], capture_output=True, text=True).stdout
    ranking = " ".join(pdf.split())
    assert "Accredited: 1; Accredited with conditions: 1; Accreditation on hold: 1; Not accredited: 1" in ranking


# --- G27-T6: the panel's own survey of a rate recorded under the framework's own id ---------------

REVIEW = HERE / "kingsmere-2025.review.yaml"


def test_a_panel_rate_under_its_indicator_id_backs_the_verified_figure_with_the_panel_sample(installed):
    assert lcity("review", "validate", str(UNITS["kingsmere"]), str(REVIEW)).returncode == 0
    en = text(UNITS["kingsmere"], "en", (REVIEW,))
    assert "PART1 Household participation in learning 31.5% (540 valid responses, ±3.9 percentage points)" in en
    assert "31.5% (no sample size given" not in en
    zh = text(UNITS["kingsmere"], "zh", (REVIEW,))
    assert "（no sample size" not in zh and "未填报样本量" not in zh


def _review_with(tmp_path: Path, line: str) -> Path:
    path = tmp_path / "kingsmere-2025.review.yaml"
    path.write_text(REVIEW.read_text(encoding="utf-8").replace("    PART1: 31.5\n", line), encoding="utf-8")
    return path


def test_a_rate_under_a_word_that_is_no_key_is_refused_with_the_indicator_it_names(installed, tmp_path):
    review = _review_with(tmp_path, "    participation: 31.5\n")
    proc = lcity("review", "validate", str(UNITS["kingsmere"]), str(review))
    assert proc.returncode == 1
    said = proc.stdout + proc.stderr
    assert ("error unknown-key: 'participation' in process.survey is not a rate of this panel's survey under "
            "thornbury-accreditation@1") in said
    assert "(PART1, PART2) (did you mean 'PART1'?)" in said
    review = _review_with(tmp_path, "    PLACE1: 31.5\n")  # an indicator, but no survey rate
    assert lcity("review", "validate", str(UNITS["kingsmere"]), str(review)).returncode == 1


def test_a_panel_rate_by_id_that_differs_from_the_scored_figure_is_put_to_the_panel(installed, tmp_path):
    review = _review_with(tmp_path, "    PART1: 31.5\n    PART2: 70\n")
    text_ = review.read_text(encoding="utf-8")  # PART2 no longer verified, nor under satisfaction
    start = text_.index("  PART2:\n    value: 74")
    review.write_text(text_[:start] + text_[text_.index("  PLACE1:", start):], encoding="utf-8")
    review.write_text(review.read_text(encoding="utf-8").replace("    satisfaction: 74\n", ""), encoding="utf-8")
    proc = lcity("review", "validate", str(UNITS["kingsmere"]), str(review))
    said = " ".join((proc.stdout + proc.stderr).split())
    assert ("warning panel-survey: the panel's survey puts the Learner satisfaction at 70% (PART2), but PART2 "
            "is scored at the unit's 76%") in said
