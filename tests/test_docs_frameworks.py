"""docs/frameworks.md must not fall behind: its example loads and scores as it says, and every rule
id the framework checks can report is explained there."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import ROOT, lcity_here as lcity

GUIDE = ROOT / "docs" / "frameworks.md"


def _block(name: str) -> str:
    text = GUIDE.read_text(encoding="utf-8")
    m = re.search(rf"<!-- example: {name} -->\s*```yaml\n(.*?)```", text, re.S)
    assert m, f"docs/frameworks.md has no '<!-- example: {name} -->' yaml block"
    return m.group(1)


def test_the_guides_minimal_framework_loads_and_scores_as_the_guide_says(tmp_path, monkeypatch):
    folder = tmp_path / "my-frameworks" / "mini-lc"
    folder.mkdir(parents=True)
    (folder / "framework.yaml").write_text(_block("framework"), encoding="utf-8")
    proc = lcity("framework", "check", str(folder / "framework.yaml"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 errors, 0 warnings" in proc.stderr
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "my-frameworks"))
    proc = lcity("frameworks", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert "mini-lc@1" in [r["ref"] for r in json.loads(proc.stdout)]  # 'version: 1  # first edition'
    unit = tmp_path / "riverside.yaml"
    unit.write_text(_block("assessment"), encoding="utf-8")
    assert lcity("validate", str(unit)).returncode == 0
    proc = lcity("score", str(unit), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)
    scores = {i["id"]: i["score"] for i in r["indicators"]}
    assert scores == {"P1": pytest.approx(10), "P2": pytest.approx(7.2)}
    assert r["total"] == pytest.approx(17.2)
    assert (r["grade"]["name"], r["recognition"]["name"]) == ("Good", "On track")
    proc = lcity("benchmark", str(unit), "--format", "json")
    assert proc.returncode == 0 and json.loads(proc.stdout)["reference_units"] == 0


def test_every_rule_id_of_the_framework_checks_is_in_the_guide():
    guide = GUIDE.read_text(encoding="utf-8")
    ids: set[str] = set()
    for name in ("frameworkcheck.py", "frameworkcheck_totals.py"):
        ids |= set(re.findall(r'"([a-z]+(?:-[a-z]+)+)"', (ROOT / "indicators" / name).read_text(encoding="utf-8")))
    missing = sorted(i for i in ids if f"`{i}`" not in guide)
    assert not missing, f"explain these rule ids in docs/frameworks.md section 10: {missing}"


def test_the_guide_names_every_answer_type_rule_kind_and_profile_figure():
    from indicators.models import PROFILE_FIGURES, RULE_FITS

    guide = GUIDE.read_text(encoding="utf-8")
    for word in [*RULE_FITS, *{t for fits in RULE_FITS.values() for t in fits}, *PROFILE_FIGURES,
                 "LCITY_FRAMEWORK_PATH", "reference-units/", "_set.yaml", "total_points"]:
        assert f"`{word}`" in guide or word in guide, word
