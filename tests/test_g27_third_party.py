"""Audit G27-T: an English-only national learning-cities self-review in the style of UNESCO's Key
Features of Learning Cities (levels city / borough), whose outcomes are three levels of maturity
(Mature / Developing / Emerging), with no veto, weights as decimals summing to 1, dimensions of 4, 3,
2 and 1 indicators, yes/no, per-capita figures, a share of employers, an adult-survey rate and
Likert-style ratings; and a variant whose middle outcome is a title of its own
(tests/audit_cities/g27t/AUDIT.md), as its users see it."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from .conftest import lcity_here as lcity, report_lines

HERE = Path(__file__).parent / "audit_cities" / "g27t"
FW_DIR = HERE / "fw"
FW = FW_DIR / "kestrel-maturity" / "framework.yaml"
UNITS = {u: HERE / f"{u}-2025.yaml" for u in ("aldergate", "brenmouth", "corriebank", "dunmere")}
REVIEW = HERE / "brenmouth-2025.review.yaml"


@pytest.fixture
def installed(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(FW_DIR))
    monkeypatch.setenv("COLUMNS", "80")


def text(path: Path, lang: str = "en", reviews: tuple = ()) -> str:
    return html.unescape(" ".join(report_lines(path, lang, reviews)))


def test_the_audit_frameworks_units_and_review_are_valid(installed):
    for fw in ("kestrel-maturity", "kestrel-award"):
        proc = lcity("framework", "check", str(FW_DIR / fw / "framework.yaml"))
        assert "valid — 0 errors, 0 warnings" in proc.stdout + proc.stderr
    for unit in UNITS.values():
        assert lcity("validate", str(unit)).returncode == 0, unit
    assert lcity("review", "validate", str(UNITS["brenmouth"]), str(REVIEW)).returncode == 0


# --- G27-T1: a total of a 1-point framework was written to one decimal --------------------------

def test_score_writes_a_one_point_total_to_the_hundredth(installed):
    out = lcity("score", str(UNITS["aldergate"])).stdout
    assert "total 0.88 reaches 0.7, every dimension reaches the 40% floor" in out
    assert "│  0.88 │      1 │" in out
    assert "total 0.9 " not in out


def test_the_robustness_section_and_its_chart_are_on_the_framework_scale(installed):
    en = text(UNITS["brenmouth"])
    assert "the median total is 0.71 and the 90% interval (5th to 95th percentile) runs from 0.68 to 0.74" in en
    assert "Its total of 0.71 lies 0.01 points from the 0.7-point line" in en
    assert "runs from 0.7 to 0.7" not in en
    # the cut-offs of the chart name the lines as the framework gives them, 0.45 not "0.5"
    assert "Moderate 0.45" in en or "Strong 0.7" in en
    assert "Moderate 0.5 " not in en


def test_sensitivity_gives_a_one_point_framework_its_hundredths_and_fine_bins(installed):
    table = lcity("sensitivity", str(UNITS["aldergate"]), "--no-sobol").stdout
    assert "0.88 (0.86–0.90)" in table
    got = json.loads(lcity("sensitivity", str(UNITS["aldergate"]), "--no-sobol", "--format", "json").stdout)
    hist = got["units"][0]["histogram"]
    assert hist["width"] == 0.01 and sum(1 for c in hist["counts"] if c) > 3


def test_a_hundred_point_framework_keeps_one_decimal_and_one_point_bins():
    from evaluator.rounding import total_places, total_text
    from evaluator.sensitivity import bin_width
    from indicators.loader import load_framework

    china = load_framework()
    assert total_places(china) == 1 and bin_width(china) == 1.0
    assert total_text(85.34, china) == "85.3" and total_text(84.96, china) == "84.96"


# --- G27-T2: "a adult survey"; G27-T3: a partners' rating round read as the adult survey ---------

def test_the_methods_name_the_adult_survey_with_its_article_and_only_its_rate(installed):
    en = text(UNITS["brenmouth"])
    assert ("Adult survey: ACC2 Adult participation in learning uses the results of an adult survey run by "
            "Brenmouth (Residents' panel survey 2025).") in en
    assert "a adult survey" not in en
    assert ("Other surveys: GOV4 Quality of coordination (partners' rating), WRK2 Employer engagement (partners' "
            "rating) use the results of other surveys run by Brenmouth (Partners' rating round, May 2025") in en
    zh = text(UNITS["brenmouth"], "zh")
    assert "其他调查：GOV4 Quality of coordination (partners' rating)、WRK2 Employer engagement" in zh


@pytest.mark.parametrize("word, article", [("adult", "an"), ("resident", "a"), ("user", "a"), ("employee", "an"),
                                           ("household", "a"), ("居民", "")])
def test_the_article_before_a_survey_population(word, article):
    from reports.context_facts import indefinite

    assert indefinite(word) == article


# --- G26-T6: a framework whose middle outcome is a title names a unit held back from the first ----

AWARD = HERE / "award" / "brenmouth-award-2025.yaml"


def test_a_held_unit_is_named_by_the_framework_s_held_words_not_its_middle_title(installed):
    out = lcity("score", str(AWARD)).stdout
    assert "Outcome: Designation as Learning City of Excellence held over" in out
    assert ("total 0.71 reaches 0.7 and every other condition is met: Designation as Learning City of "
            "Excellence held over until the survey is carried out to the standard") in out
    assert "Outcome: Designated Learning City" not in out
    got = json.loads(lcity("score", str(AWARD), "--format", "json").stdout)["recognition"]
    assert (got["outcome"], got["recognised_if_verified"]) == ("deferred", True)
    en = text(AWARD)
    assert "Grade: Strong. Decision: Designation as Learning City of Excellence held over." in en


def test_without_held_words_the_middle_outcome_is_kept(installed):
    out = lcity("score", str(UNITS["brenmouth"])).stdout
    assert "Outcome: Developing" in out
    assert "every other condition is met: developing until the survey is carried out to the standard" in out


def test_a_unit_the_rules_place_at_the_middle_title_keeps_it(installed, tmp_path):
    lower = tmp_path / "brenmouth-lower.yaml"
    lower.write_text(AWARD.read_text(encoding="utf-8").replace("GOV1: {value: true,", "GOV1: {value: false,"),
                     encoding="utf-8")
    assert "Outcome: Designated Learning City" in lcity("score", str(lower)).stdout


def test_plan_takes_the_middle_title_as_its_target(installed, tmp_path):
    award = tmp_path / "corriebank-award.yaml"
    award.write_text(UNITS["corriebank"].read_text(encoding="utf-8").replace("kestrel-maturity@1", "kestrel-award@1"),
                     encoding="utf-8")
    out = lcity("plan", str(award), "--target", "Designated Learning City").stdout
    assert "Corriebank: target Designated Learning City" in out
    assert "after the plan: 0.47 Moderate, Designated Learning City" in out
    got = json.loads(lcity("plan", str(UNITS["corriebank"]), "--target", "deferred", "--format", "json").stdout)
    assert got["target"] == {"kind": "outcome", "total": 0.45, "name": "Developing", "name_zh": "Developing"}


# --- G27-T4: the plan's hint and its on-the-line note on a 1-point scale --------------------------

def test_the_plan_hint_names_a_total_inside_a_one_point_scale(installed):
    err = lcity("plan", str(UNITS["corriebank"]), "--target", "Blah").stderr
    assert "(e.g. --target recognition, --target moderate or --target 0.8)" in err


def test_a_plan_two_hundredths_above_the_line_is_not_said_to_land_on_it(installed):
    out = lcity("plan", str(UNITS["corriebank"]), "--target", "Developing").stdout
    assert "lands exactly on the 0.45" not in out


def test_score_gives_bounds_and_a_dropped_dimension_on_the_framework_scale(installed):
    assert "Total bounds: 0.18–0.38 (lower: unknown answers score 0" in lcity("score", str(UNITS["corriebank"])).stdout
    out = lcity("score", str(UNITS["dunmere"])).stdout
    assert "the other dimensions' 0.46 of 0.85 points are scaled to the 1-point total, 0.54" in out


# --- G27-T5: convert blamed a line break for an evidence title a comma had split -------------------

def test_convert_says_a_comma_split_the_evidence_title(installed, tmp_path):
    src = tmp_path / "comma.yaml"
    src.write_text(UNITS["corriebank"].read_text(encoding="utf-8").replace(
        "[\"Partners' rating round, 2025\"]", "[Partners' rating round, 2025]"), encoding="utf-8")
    proc = lcity("convert", str(src), str(tmp_path / "comma.xlsx"))
    assert proc.returncode != 0 and not (tmp_path / "comma.xlsx").exists()
    said = proc.stdout + proc.stderr
    assert "'2025' is read as a number or a date, not a document's title: in a one-line list [a, b] a comma" in said
    assert "cannot hold a line break" not in said


def test_the_reviewed_plan_gives_its_margin_on_the_framework_scale(installed):
    en = text(UNITS["brenmouth"], "en", (REVIEW,))
    assert "with no margin against the ±0.03 the robustness analysis finds the total may move" in en
    assert "±0.0 " not in en


def test_the_outcome_rule_says_what_a_held_unit_is_called(installed):
    en = text(AWARD)
    assert ("'Not designated' otherwise. A unit that meets every condition of 'Learning City of Excellence' on "
            "figures not yet settled (") in en
    assert "is 'Designation as Learning City of Excellence held over' until they are settled." in en
    zh = text(AWARD, "zh")
    assert "，结论为“Designation as Learning City of Excellence held over”，待数据确认后再定。" in zh
    assert "until they are settled" not in text(UNITS["brenmouth"])
