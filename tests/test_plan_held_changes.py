"""A plan's JSON never lists an indicator both as left as it is (``held``) and as a task
(``changes``): Qingshi's plan to recognition asks the city for L2 and listed L2 under held too (G13 P3)."""

from __future__ import annotations

import json

from .conftest import EXAMPLES, lcity_here as lcity


def test_held_and_changes_never_share_an_indicator():
    got = lcity("plan", str(EXAMPLES / "qingshi-district.yaml"), "--target", "recognition", "--format", "json")
    assert got.returncode == 0, got.stderr
    doc = json.loads(got.stdout)
    changed = {c["indicator"] for c in doc["changes"]}
    assert "L2" in changed
    assert not changed & {h["id"] for h in doc["held"]}
    assert [h["id"] for h in doc["held"]] == ["B1", "K1"]  # K1, the city's credit bank (G18-B7)
