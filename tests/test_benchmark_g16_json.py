"""`lcity cities --format json` gives no figure for a dimension no source says anything about (G16 #3).

Beijing's `"dimensions"` read `"C": 0.0, "D": 0.0, "E": 0.0, …` although beijing.yaml answers none of
their indicators (D1: "No figure for the city's special community/lifelong-education funds (yuan) was
found"): a program reading the JSON saw Beijing's funding at 0 %. Such a dimension is `null` now, a
sourced 0 (Beijing's B: B1 `none`, Table 1) stays 0.0, and `dimensions_answered` says how much of
each dimension the figures rest on.
"""

from __future__ import annotations

import json
from functools import cache

import pytest
import yaml

from .conftest import ROOT, lcity_here as lcity

CITIES = ROOT / "indicators" / "reference-cities"


@cache
def _units(framework: str = "china-learning-city@2") -> dict[str, dict]:
    doc = json.loads(lcity("cities", "--framework", framework, "--format", "json").stdout)
    return {u["id"]: u for u in doc["units"]}


def test_beijing_has_no_funding_share_and_keeps_its_sourced_zero_for_legislation():
    beijing = _units()["beijing"]
    assert beijing["dimensions"]["D"] is None and beijing["dimensions_answered"]["D"] == 0
    assert beijing["dimensions"]["B"] == 0.0 and beijing["dimensions_answered"]["B"] > 0.5
    assert beijing["dimensions"]["L"] == pytest.approx(0.667)


@pytest.mark.parametrize("framework", ["china-learning-city@1", "china-learning-city@2"])
def test_a_dimension_is_null_exactly_where_the_file_answers_none_of_its_indicators(framework):
    from indicators.loader import load_framework

    fw = load_framework(framework)
    for cid, unit in _units(framework).items():
        for dim, share in unit["dimensions"].items():
            part = unit["dimensions_answered"][dim]
            assert 0 <= part <= 1
            assert (share is None) == (part == 0), (cid, dim)
    # under @1, the version the files answer, null means: every indicator of it is unknown in the file
    if framework.endswith("@1"):
        for cid, unit in _units(framework).items():
            answers = yaml.safe_load((CITIES / f"{cid}.yaml").read_text(encoding="utf-8"))["answers"]
            for d in fw.dimensions:
                answered = any("value" in answers.get(i.id, {}) for i in d.indicators)
                assert (unit["dimensions"][d.id] is None) == (not answered), (cid, d.id)
