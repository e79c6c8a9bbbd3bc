"""A pathway type none of whose practices is the unit's own drops out of the comparison (G9 #2).

Tidewater's 'Digital' type is made of ACC2 and ACC3, which a ward answers with its city's record:
every ward was 'Undetermined', "too few of the practices that define 'Digital' (0%) are answered".
Such a type is not the ward's to show (the guide's section 8 says so of practices that do not
apply), so the ward is compared on the types it can show.
"""

from __future__ import annotations

import pytest

from .conftest import ROOT, lcity_here as lcity

G9 = ROOT / "tests" / "audit_frameworks" / "g9"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G9))


def test_a_ward_is_compared_on_the_types_it_can_show():
    got = lcity("score", str(G9 / "eastgate-2025.yaml"), "--format", "json")
    assert got.returncode == 0, got.stderr
    import json

    pathway = json.loads(got.stdout)["pathway"]
    assert pathway["type"] == "mixed" and pathway["leading"] == "library"
    assert "too few of the practices that define 'Digital'" not in pathway["reason"]
    assert pathway["reason"].startswith("no clear emphasis: the practice puts 'Library-led' first")
    digital = next(s for s in pathway["scores"] if s["id"] == "digital")
    assert digital["score"] is None  # not ranked: none of its practices is the ward's own


def test_a_unit_that_answers_too_little_is_still_undetermined_and_says_so_in_good_english():
    got = lcity("score", str(G9 / "hollowbay-2025.yaml"), "--format", "json")
    assert got.returncode == 0, got.stderr
    import json

    pathway = json.loads(got.stdout)["pathway"]
    assert pathway["type"] == "undetermined"
    assert "(1 more is answered with the record of the province it belongs to" in pathway["reason"]


def test_status_json_gives_the_points_as_the_table_does():
    """G9 #13: GOV's 3 points, one of its indicators not asked of a ward, read 2.9999999999999996."""
    got = lcity("status", str(G9 / "eastgate-2025.yaml"), "--format", "json")
    assert got.returncode in (0, 1), got.stderr
    assert "9999999" not in got.stdout
    import json

    gov = next(d for d in json.loads(got.stdout)["dimensions"] if d["id"] == "GOV")
    assert gov["points"] == 3.0


@pytest.mark.parametrize("lang, title", [("zh", "自评表（tidewater-scorecard@1）"), ("en", "Self-assessment (tidewater-scorecard@1)")])
def test_the_schema_of_a_framework_about_something_else_is_not_called_a_learning_city_form(lang, title):
    """G9 #12: the zh schema of a scorecard of learning communities was titled 学习型城市建设自评表."""
    got = lcity("schema", "--framework", "tidewater-scorecard", "--lang", lang)
    assert got.returncode == 0, got.stderr
    import json

    assert json.loads(got.stdout)["title"] == title
