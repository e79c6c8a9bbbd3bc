"""``lcity framework check`` names a pathway practice's label for a level the framework does not
have (``pathways.types[].features[].by_level``): misspelt, it would never be used, and the district
would again be credited with its city's practice (G19-A2)."""

from __future__ import annotations

import json

from indicators.loader import PACKAGE_DIR

from .conftest import lcity_here as lcity

V2 = PACKAGE_DIR / "china-learning-city-2" / "framework.yaml"


def test_a_practice_label_for_an_unknown_level_is_named_at_its_key(tmp_path, monkeypatch):
    text = V2.read_text(encoding="utf-8").replace("\nid: china-learning-city\n", "\nid: practice-levels\n", 1)
    marker = "        district: &l2_practice"
    assert text.count(marker) == 1
    path = tmp_path / "frameworks" / "practice-levels" / "framework.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text.replace(marker, "        distrct: &l2_practice"), encoding="utf-8")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "frameworks"))
    proc = lcity("framework", "check", str(path), "--format", "json")
    assert proc.returncode == 1
    [found] = [p for p in json.loads(proc.stdout)["problems"] if "distrct" in p["message"]]
    assert "did you mean 'district'" in found["hint"] or "district" in found["hint"]
    assert path.read_text(encoding="utf-8").splitlines()[found["line"] - 1].strip().startswith("distrct:")


def test_the_packaged_frameworks_name_only_their_levels():
    for ref in ("china-learning-city@1", "china-learning-city@2"):
        proc = lcity("framework", "check", ref, "--format", "json")
        assert proc.returncode == 0, proc.stdout

