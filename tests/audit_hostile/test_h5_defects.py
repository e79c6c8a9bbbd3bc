"""Red-team round H5 (hostile input): each test states what a user should see of one defect the round
found (see audit-h5.md beside this file). Each was written as a strict xfail before the fix and its mark
removed with the fix; all 16 are fixed."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from ..conftest import EXAMPLES, lcity

QINGSHI = EXAMPLES / "qingshi-district.yaml"
UKF = EXAMPLES / "frameworks" / "unesco-key-features" / "framework.yaml"
HARBOURTON = EXAMPLES / "frameworks" / "harbourton-2025.yaml"
TREND = EXAMPLES / "trend"
V2 = EXAMPLES / "v2" / "qingshi-district-2025.yaml"


def no_crash(proc) -> None:
    """The house rule: exit 0, 1 or 2, never 3, never a traceback."""
    assert proc.returncode in (0, 1, 2), proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "internal error" not in proc.stderr


def hostile_framework(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the UNESCO example framework with one text substitution."""
    text = UKF.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "ukf" / "framework.yaml"
    path.parent.mkdir()
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# --- D1: .nan / .inf checklist weights pass framework check, then score prints nan and report crashes
@pytest.mark.parametrize("weight", [".nan", ".inf"])
def test_a_checklist_weight_that_is_not_finite_is_refused_by_framework_check(tmp_path, weight):
    fw = hostile_framework(tmp_path, "coordinating_body: 2, civil_society", f"coordinating_body: {weight}, civil_society")
    check = lcity("framework", "check", str(fw))
    assert check.returncode == 1 and "F2" in check.stdout + check.stderr


def test_a_framework_with_a_nan_weight_never_crashes_report(tmp_path):
    fw = hostile_framework(tmp_path, "coordinating_body: 2, civil_society", "coordinating_body: .nan, civil_society")
    no_crash(lcity("report", str(HARBOURTON), "--framework", str(fw), "-o", str(tmp_path / "r.pdf"), "--lang", "en"))


# --- D2: a later period on an older framework version ------------------------------------------------
def test_trend_with_a_newer_period_on_an_older_framework_is_an_input_error(tmp_path):
    """H5-D2: trend exited 3 (TrendError) when a later file used an older framework version."""
    older_framework_2024 = tmp_path / "q-2024-v2.yaml"
    older_framework_2024.write_text(V2.read_text(encoding="utf-8").replace("  end: 2025", "  end: 2024", 1),
                                    encoding="utf-8")
    proc = lcity("trend", str(TREND / "qingshi-2023.yaml"), str(older_framework_2024), str(TREND / "qingshi-2025.yaml"),
                 "--lang", "en")
    no_crash(proc)
    assert proc.returncode == 2 and "qingshi-2025.yaml:" in proc.stdout + proc.stderr
    assert "lcity upgrade" in proc.stdout + proc.stderr


# --- D6: an effort file with an infinite or overflowing per_step ----------------------------------------
@pytest.mark.parametrize("per_step", [".inf", "1e308"])
def test_an_effort_file_with_an_endless_per_step_is_refused_at_its_place(tmp_path, per_step):
    kinds = ("levels", "boolean", "checklist", "steps", "linear")
    effort = tmp_path / "effort.yaml"
    effort.write_text("defaults:\n" + "".join(
        f'  {k}: {{per_step: {per_step}, rationale: {{zh: "x", en: "x"}}}}\n' for k in kinds), encoding="utf-8")
    proc = lcity("plan", str(QINGSHI), "--effort", str(effort), "--target", "90")
    no_crash(proc)
    assert proc.returncode in (1, 2) and "effort.yaml:2:" in proc.stderr + proc.stdout


# --- D4: CSV formula injection ----------------------------------------------------------------------
def test_summary_csv_never_starts_a_cell_with_a_formula_character(tmp_path):
    """H5-D4: summary.csv cells starting with = + @ were written as they are (Excel runs them)."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = (EXAMPLES / "districts" / "beiling.yaml").read_text(encoding="utf-8")
    (folder / "beiling.yaml").write_text(text.replace("    zh: 北岭区", '    zh: "=HYPERLINK(\\"http://x.example\\",\\"点击\\")"', 1),
                                         encoding="utf-8")
    shutil.copy(EXAMPLES / "districts" / "dongbin.yaml", folder / "=cmd.yaml")
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"), "-j", "1")
    no_crash(proc)
    rows = list(csv.reader(io.StringIO((tmp_path / "out" / "summary.csv").read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@")], cells


# --- D8: Rich emoji shortcodes in user text ------------------------------------------------------------
def test_a_city_name_with_colon_words_is_shown_as_typed(tmp_path):
    """H5-D8: ':x:' in user text was shown as an emoji by Rich."""
    path = tmp_path / "a.yaml"
    path.write_text(QINGSHI.read_text(encoding="utf-8").replace("    zh: 青石区", '    zh: "青石区 :x: :ok:"', 1),
                    encoding="utf-8")
    proc = lcity("score", str(path))
    assert proc.returncode == 0
    assert "青石区 :x: :ok:" in proc.stdout


# --- D9: U+2028 / U+0085 shift the reported line numbers -------------------------------------------------
@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x85"])
def test_a_line_separator_in_a_quoted_text_does_not_move_the_error_location(tmp_path, sep):
    """PyYAML counts U+2028/U+2029/U+0085 as line breaks, editors do not: every position after one
    was said lines too far down. The error must read as it does without the character."""
    path = tmp_path / "a.yaml"
    path.write_text(f'framework: china-learning-city@1\nnote: "a{sep}b{sep}c"\ncity: {{name: {{zh: x}}\n', encoding="utf-8")
    proc = lcity("validate", str(path), "--lang", "en")
    assert proc.returncode == 2
    out = proc.stdout + proc.stderr
    assert "a.yaml:4:1:" in out and "line 3, column 7" in out, out  # the flow mapping opened on line 3


def test_a_line_separator_pasted_into_a_name_keeps_later_positions_right(tmp_path):
    text = QINGSHI.read_text(encoding="utf-8").replace("  population: 820000", "  population: -5", 1)
    at = next(k for k, ln in enumerate(text.splitlines(), 1) if ln.startswith("  population:"))
    path = tmp_path / "a.yaml"
    path.write_text(text.replace("zh: 青石区", "zh: \"青石区\u2028学习\"", 1), encoding="utf-8")
    proc = lcity("validate", str(path), "--lang", "en")
    assert f"a.yaml:{at}:15:" in proc.stdout, proc.stdout


# --- D13: a float in exponent form for an integer field ------------------------------------------------
def test_a_population_in_exponent_form_is_said_in_plain_words(tmp_path):
    """H5-D13: '1e20' gave pydantic's raw English text inside the Chinese message, with no fix hint."""
    path = tmp_path / "a.yaml"
    path.write_text(QINGSHI.read_text(encoding="utf-8").replace("  population: 820000", "  population: 1e20", 1),
                    encoding="utf-8")
    proc = lcity("validate", str(path), "--lang", "zh")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1
    assert "unable to parse" not in out and "原文" not in out


# --- D7: profile figures that contradict each other ---------------------------------------------------
def test_more_older_residents_than_residents_is_at_least_a_warning(tmp_path):
    """H5-D7: population 1 with 168,000 residents aged 60+ validated silently (total 75.6 -> 81.3)."""
    path = tmp_path / "a.yaml"
    path.write_text(QINGSHI.read_text(encoding="utf-8").replace("  population: 820000", "  population: 1", 1),
                    encoding="utf-8")
    proc = lcity("validate", str(path), "--lang", "en")
    assert "0 errors, 0 warnings" not in proc.stdout + proc.stderr


# --- D10: the same unit twice in a batch ----------------------------------------------------------------
def test_a_unit_given_twice_in_a_batch_is_named(tmp_path):
    """H5-D10: one unit in two files was ranked twice without a word."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("beiling.yaml", "dongbin.yaml"):
        shutil.copy(EXAMPLES / "districts" / name, folder / name)
    shutil.copy(EXAMPLES / "districts" / "dongbin.yaml", folder / "dongbin-copy.yaml")
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"), "-j", "1")
    no_crash(proc)
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    ranks = {u["file"]: u["rank"] for u in summary["units"]}
    told = proc.stderr.replace(str(tmp_path), "").lower()  # the folder's own name is no warning
    said = any(word in told for word in ("twice", "duplicate", "same unit", "more than one file"))
    assert said or ranks["beiling.yaml"] == 2, ranks


# --- D5: uncertainty settings that pass framework check and give nonsense -------------------------
@pytest.mark.parametrize("alpha", [".inf", "1e-300"])
def test_an_uncertainty_concentration_that_is_not_a_sane_number_is_refused(tmp_path, alpha):
    fw = hostile_framework(tmp_path, "total_points: 100\n", "total_points: 100\nuncertainty: {weights_concentration: "
                           + alpha + ', endpoint_share: 0.1, geometric_probability: 0.5, geometric_floor: 0.01, source: "x"}\n')
    check = lcity("framework", "check", str(fw))
    assert check.returncode == 1 and "weights_concentration" in check.stdout + check.stderr


# --- D3: a FIFO named framework.yaml in LCITY_FRAMEWORK_PATH stops every command -----------------
def test_a_fifo_in_the_framework_path_does_not_stop_scoring(tmp_path, monkeypatch):
    import os

    folder = tmp_path / "fws" / "evil"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "framework.yaml")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "fws"))
    proc = lcity("score", str(QINGSHI), timeout=30)
    assert proc.returncode == 0


# --- D12: a framework file that cannot be read is left out of `lcity frameworks` without a word ------
def test_a_framework_file_that_is_not_utf8_is_listed_as_invalid(tmp_path, monkeypatch):
    folder = tmp_path / "fws" / "evil"
    folder.mkdir(parents=True)
    (folder / "framework.yaml").write_bytes(b"id: \xff\xfe\nversion: 1\n")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "fws"))
    proc = lcity("frameworks")
    assert proc.returncode == 1 and "evil" in proc.stdout + proc.stderr
