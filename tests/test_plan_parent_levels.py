"""When a unit cannot reach its target alone, `lcity plan` includes the part of the unit whose record
it answers with, and names that unit by the framework's levels (G1 audit #19, the message H4 left:
an Aldmark village's municipality was "the city", its tasks marked "(the city's)")."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from indicators.loader import load_framework
from lcity.commands.plan import parent_note, parent_tag

ALDMARK = Path(__file__).resolve().parent / "audit_frameworks" / "aldmark" / "aldmark-learning-regions" / "framework.yaml"


def _plan(ids: list[str]) -> SimpleNamespace:
    return SimpleNamespace(alone=[("本单位的底线达不到", "the unit's floor is out of its reach")], held=[],
                           changes=[SimpleNamespace(indicator=i, parent=True) for i in ids])


@pytest.mark.parametrize("zh, says, tag", [
    (False, "The plan therefore includes the part of the municipality it belongs to, marked (the municipality's): "
            "gov_member, answered with that unit's record.", " (the municipality's)"),
    (True, "因此计划包含须由所在市镇完成的事项（标注“所在市镇”）：gov_member按所在市镇的情况填报。", "（所在市镇）"),
])
def test_a_villages_plan_names_its_municipality(zh: bool, says: str, tag: str):
    fw = load_framework(str(ALDMARK))
    assert says in parent_note(_plan(["gov_member"]), zh, fw, "village")
    assert parent_tag(zh, fw, "village", ["gov_member"]) == tag


@pytest.mark.parametrize("zh, says, tag", [
    (False, "The plan therefore includes the part of the city it belongs to, marked (the city's): L2, answered "
            "with that unit's record.", " (the city's)"),
    (True, "因此计划包含须由所在城市完成的事项（标注“所在城市”）：L2按所在城市的情况填报。", "（所在城市）"),
])
def test_chinas_district_plan_still_names_the_city(zh: bool, says: str, tag: str):
    fw = load_framework("china-learning-city")
    assert says in parent_note(_plan(["L2"]), zh, fw, "district")
    assert parent_tag(zh, fw, "district", ["L2"]) == tag


def test_without_levels_that_tell_the_words_are_neutral():
    assert "the part of the unit it belongs to, marked (the parent unit's)" in parent_note(_plan(["X1"]), False)
    assert parent_tag(True, None, None, ["X1"]) == "（所属上级单位）"
