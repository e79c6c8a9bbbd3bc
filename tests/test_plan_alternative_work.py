"""The next-best alternative asks other work of the unit, not the plan's own (G14, after #4).

For a unit too short of data to be rated, every task of Qiaoling's plan finds a figure out, and
finding a figure out costs one step at whichever level or with whichever checklist items. The
alternative used to be the plan itself before its figures were lowered: "Next-best alternative:
effort 27.25, 28 changes (…)", the same 28 indicators. It now finds out at least one other figure.
"""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import lcity_here

QIAOLING = Path(__file__).parent / "audit_cities" / "g14" / "qiaoling-city-sparse.yaml"


def test_the_alternative_of_a_plan_that_only_finds_out_finds_out_something_else():
    done = lcity_here("plan", str(QIAOLING), "--format", "json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    mine = {c["indicator"] for c in doc["changes"]}
    alt = doc["alternative"]
    assert alt is not None
    assert {c["indicator"] for c in alt["changes"]} != mine
    assert alt["effort"] >= doc["effort"] - 1e-9
