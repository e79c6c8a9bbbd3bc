"""A pathway's note names whose record each practice was answered with (G9 #9).

Tidewater's ward answers GOV2 (the ordinance) with its province's record and ACC2/ACC3 (the
platform) with its city's. The note said all three were "the record of the unit it belongs to",
which is neither; the report's section 3 already names each owner.
"""

from __future__ import annotations

import json

import pytest

from .conftest import ROOT, lcity_here as lcity

G9 = ROOT / "tests" / "audit_frameworks" / "g9"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G9))


def test_practices_held_from_two_levels_name_each_owner():
    got = lcity("score", str(G9 / "eastgate-2025.yaml"), "--format", "json")
    assert got.returncode == 0, got.stderr
    pathway = json.loads(got.stdout)["pathway"]
    assert ("; GOV2 (Learning ordinance) is answered with the record of the province it belongs to; "
            "ACC2 (Online learning platform), ACC3 (Active platform users) are answered with the record of the city "
            "it belongs to, so they are not counted as the unit's own practice") in pathway["reason"]
    assert "the unit it belongs to" not in pathway["reason"]
    # the framework's Latin level names glossed, not set in Chinese as words ("所在province": G27-T7)
    assert "GOV2（Learning ordinance）按所属上级单位（province）的情况填报，ACC2（Online learning platform）、" \
           "ACC3（Active platform users）按所属上级单位（city）的情况填报，不计为本单位自身的做法" in pathway["reason_zh"]


def test_a_district_holding_its_citys_records_reads_as_before():
    """One owner: one clause, as before (a district of the China framework answering its city's award)."""
    from evaluator.engine import score
    from evaluator.reading import read

    hits = 0
    for path in sorted((ROOT / "examples").rglob("*.yaml")):
        try:
            a, fw = read(path).require()
        except Exception:
            continue
        r = score(a, fw)
        if r.pathway is not None and "answered with the record of" in r.pathway.reason:
            hits += 1
            assert r.pathway.reason.count("answered with the record of") == 1
            assert "of the city it belongs to, so" in r.pathway.reason
    assert hits, "an example district answers a practice with its city's record"
