"""The lead's fixes of session 24, as the unit reads them.

* G22-T5 (engine part): a framework whose first outcome is not 认定 (the district's
  《学习型社区星级评定细则》 grants 通过星级评定) is never told of 认定 in the reasons of its result:
  "“通过星级评定”的其他条件均已满足", "须经专家组核实后方可通过星级评定"; China's frameworks keep 认定.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT, lcity_here

G22T = ROOT / "tests" / "audit_cities" / "g22t"


@pytest.fixture()
def star_rating(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G22T / "fw"))


def _reasons(path: Path) -> dict:
    proc = lcity_here("score", str(path), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["recognition"]


def test_a_held_unit_of_a_star_rating_framework_waits_for_its_own_outcome(star_rating):
    rec = _reasons(G22T / "nanhu-shequ-2025.yaml")
    assert rec["outcome"] == "deferred"
    assert "“通过星级评定”的其他条件均已满足：" in rec["reasons_zh"][-1]
    assert not any("认定" in r for r in rec["reasons_zh"])


def test_a_figure_to_verify_waits_for_the_frameworks_outcome(star_rating, tmp_path):
    text = (G22T / "dongyuan-jiedao-2025.yaml").read_text(encoding="utf-8")
    unit = tmp_path / "dongyuan.yaml"
    unit.write_text(text.replace("value: 473000,", "value: 47300000,", 1), encoding="utf-8")
    rec = _reasons(unit)
    assert rec["outcome"] == "deferred" and rec["pending"] == ["JF1"]
    assert rec["reasons_zh"][0].endswith("的填报超出常见范围，须经专家组核实后方可通过星级评定")
    assert rec["reasons"][0].endswith("must be verified by the panel before '通过星级评定'")
    assert not any("认定" in r for r in rec["reasons_zh"])


def test_chinas_framework_keeps_its_word():
    rec = _reasons(EXAMPLES / "qingshi-district.yaml")
    assert any("认定" in r for r in rec["reasons_zh"]) or rec["name_zh"].startswith("认定")
