"""Validation of a framework with levels of its own (tests/audit_frameworks/aldmark: region,
municipality, village community), as audit G1 met it (finding 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT, lcity_here as lcity

ALDMARK = ROOT / "tests" / "audit_frameworks" / "aldmark"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(ALDMARK))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_village_of_900_is_not_told_of_districts_counties_and_wan(lang: str):
    """Little Marsh, a village community of 900, was warned 'fewer residents than any district,
    county or city has (at least 1,000) … (not 万人)': the framework has none of those levels."""
    run = lcity("validate", str(ALDMARK / "aldmark-learning-regions" / "reference-units" / "little-marsh.yaml"),
                "--lang", lang)
    assert run.returncode == 0, run.stdout + run.stderr
    out = run.stdout + run.stderr
    assert "profile-inconsistent" not in out
    assert "district" not in out and "区、县" not in out and "万人" not in out
    assert "0 warnings" in out or "0 个警告" in out


def test_a_china_unit_of_900_residents_is_still_warned(tmp_path: Path):
    """Under China's levels (district, county, city) 900 residents is a figure typed in 万: still a warning."""
    unit = tmp_path / "tiny.yaml"
    text = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
    start = text.index("population:")
    end = text.index("\n", start)
    unit.write_text(text[:start] + "population: 900" + text[end:], encoding="utf-8")
    run = lcity("validate", str(unit), "--lang", "en")
    assert "profile-inconsistent: city.population is 900: fewer residents than any district, county or city" \
        in run.stdout, run.stdout
