"""G19-B2: a unit too thin to be rated gets the bounds of its total, never a drawn interval, in
``lcity sensitivity`` (table, JSON), the batch's robustness columns and the report's section 七, as
the reference cities already did (G18-B8)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluator.pipeline import read_scored
from evaluator.sensitivity import analyse

from .conftest import lcity_here as lcity

HERE = Path(__file__).resolve().parent
THIN = HERE / "audit_coordinator_g19" / "inputs" / "thinlan-city-thin.yaml"


@pytest.fixture(scope="module")
def thin():
    result, loaded = read_scored(THIN)
    assert not result.ratable
    return result, loaded.framework


def test_the_analysis_gives_a_thin_unit_its_bounds_and_no_drawn_interval(thin):
    thin, fw = thin
    u = analyse(fw, [thin], ["thin"], samples=200, sobol=False).units[0]
    assert (u.total_bounds.lower, u.total_bounds.upper) == pytest.approx((thin.total_bounds.lower, thin.total_bounds.upper), abs=1e-3)
    assert u.drawn is None and u.median is None and u.p05 is None and u.p95 is None


def test_sensitivity_prints_the_bounds_and_names_the_unit(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    for lang, bounds, named in (("zh", "上下界 33.8–98.8", "薄澜市和12个参照单位的数据不足以定级"),
                                ("en", "bounds 33.8–98.8", "Thinlan City and 12 reference units have too little data")):
        proc = lcity("sensitivity", str(THIN), "--no-sobol", "--lang", lang)
        assert proc.returncode == 0, proc.stderr
        out = " ".join(proc.stdout.split())
        assert bounds in out and (named in out if lang == "en" else named in "".join(proc.stdout.split()))
        assert "若不详指标取合理数值" not in out and "plausible values" not in out.split("Sources")[0]
    data = json.loads(lcity("sensitivity", str(THIN), "--no-sobol", "--format", "json").stdout)
    unit = next(u for u in data["units"] if not u["reference"])
    assert unit["total_bounds"] == pytest.approx({"lower": 33.796, "upper": 98.796}, abs=1e-3) and unit["drawn"] is None


def test_a_ratable_unit_keeps_its_drawn_interval():
    result, loaded = read_scored(HERE.parent / "examples" / "qingshi-district.yaml")
    u = analyse(loaded.framework, [result], ["q"], samples=200, sobol=False).units[0]
    assert u.total_bounds is None and u.p05 <= u.median <= u.p95
