"""G21-B3: a dimension's floor is checked on the points the unit's own work can earn.

At the city level, L1 (GNLC membership) and L2 (a UNESCO award, or an international conference the
city hosted) are UNESCO's to grant: 4 of L's 6 points. Before, no prefecture-level city outside the
network could reach the 60 % floor of L, whatever it did. What another body decides and the unit
has not been granted now counts in the score but not against the floor.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import lcity_here, report_lines, squash
from evaluator import kernel
from evaluator.engine import score
from evaluator.reading import read

HERE = Path(__file__).parent
LINJIANG = HERE / "audit_cities" / "g21" / "linjiang-city-level.yaml"
QINGSHI = HERE.parent / "examples" / "qingshi-district.yaml"


def _with(tmp_path: Path, src: Path, name: str, **answers: object) -> Path:
    """``src`` with the values of some answers changed (evidence listed, so nothing is held on it)."""
    data = yaml.safe_load(src.read_text(encoding="utf-8"))
    for ind, value in answers.items():
        a = data["answers"][ind]
        a["value"] = value
        a["status"] = None
        a.pop("status", None)
        a["evidence"] = a.get("evidence") or ["文件"]
    out = tmp_path / f"{name}.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def _dim(path: Path, ident: str = "L"):
    a, fw = read(path).require()
    r = score(a, fw)
    return r, next(d for d in r.dimensions if d.id == ident)


def test_a_city_with_three_exchanges_meets_the_l_floor_on_its_own_work():
    r, d = _dim(LINJIANG)
    assert (round(d.share, 3), d.floor_met, d.floor_max, d.floor_excludes) == (0.333, True, 2.0, ["L1", "L2"])
    assert not any("L维度" in x for x in r.recognition.reasons_zh)


def test_score_stars_the_floor_and_says_what_it_leaves_out():
    zh = lcity_here("score", str(LINJIANG))
    assert zh.returncode == 0
    assert "✓*" in zh.stdout
    assert squash("* L：底线按本单位自身工作可得的2分计（不计由联合国教科文组织决定而未获得的L1、L2共4分），得分率为100%") \
        in squash(zh.stdout)
    en = lcity_here("score", str(LINJIANG), "--lang", "en")
    assert squash("* L: the floor is checked on the 2 points the unit's own work can earn (leaving out the 4 points "
                  "of L1, L2 that UNESCO decides and the unit has not been granted): 100%") in squash(en.stdout)


def test_one_exchange_is_below_the_floor_at_half_not_a_sixth(tmp_path):
    path = _with(tmp_path, LINJIANG, "one", L3=1)
    r, d = _dim(path)
    assert d.floor_met is False and round(d.floor_share, 3) == 0.5
    assert "L维度得分率50%（不计由联合国教科文组织决定而未获得的L1、L2共4分；失1分），低于60%的底线" in r.recognition.reasons_zh
    assert any("dimension L at 50% (leaving out the 4 points of L1, L2 that UNESCO decides and the unit has not "
               "been granted; 1 point lost) is below the 60% floor" == x for x in r.recognition.reasons)


def test_what_was_granted_stays_in_the_floor(tmp_path):
    """A GNLC member with UNESCO's award and no exchange: nothing left out, 4 of 6 (67 %) meets the floor."""
    _, d = _dim(_with(tmp_path, LINJIANG, "award", L1=True, L2="award", L3=0))
    assert (d.floor_max, d.floor_excludes, d.floor_met, round(d.share, 3)) == (None, [], True, 0.667)
    # a member without the award: L2's 2 points are left out, its membership stays in: 2 of 4
    _, d = _dim(_with(tmp_path, LINJIANG, "member", L1=True, L2="none", L3=0))
    assert (d.floor_max, d.floor_excludes, d.floor_met) == (4.0, ["L2"], False)


def test_report_says_the_floor_basis_under_results(tmp_path):
    lines = report_lines(LINJIANG, "zh")
    text = squash("".join(lines))
    assert squash("L维度不计由联合国教科文组织决定而未获得的L1、L2共4分：底线按本单位自身工作可得的2分检查，得分率为100%。") in text
    assert squash("得分率33%；不计由联合国教科文组织决定而未获得的L1、L2共4分，底线按本单位自身工作可得的2分检查，"
                  "得分率为100%，达到底线。") in text


def test_the_plan_reaches_recognition_by_the_citys_own_work():
    out = lcity_here("plan", str(LINJIANG))
    assert out.returncode == 0
    assert "L1" not in out.stdout and "联合国教科文组织决定" not in out.stdout
    assert squash("计划后：85.1 良好，认定为示范区") in squash(out.stdout)


def test_a_district_under_the_levelled_framework_leaves_nothing_out():
    """A district's L2 asks its part in the city's exchanges, its own work: no floor basis of its own."""
    for path in (HERE / "audit_cities" / "g21").glob("*district*.yaml"):
        r = score(*read(path).require())
        assert all(d.floor_max is None and d.floor_excludes == [] for d in r.dimensions), path


def test_json_carries_the_fields_and_an_older_result_is_not_a_difference():
    from reports.verify_pdf import changed_leaves

    out = lcity_here("score", str(LINJIANG), "--format", "json")
    data = json.loads(out.stdout)
    dim = next(d for d in data["dimensions"] if d["id"] == "L")
    assert (dim["floor_max"], dim["floor_excludes"]) == (2.0, ["L1", "L2"])
    older = json.loads(out.stdout)
    for d in older["dimensions"]:
        del d["floor_max"], d["floor_excludes"]
    assert changed_leaves(older, data) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(l1=st.booleans(), l2=st.sampled_from(["none", "hosted", "award"]), l3=st.integers(0, 4))
def test_a_grant_never_lowers_the_floor_and_the_kernel_agrees(tmp_path, l1, l2, l3):
    """Monotone: being granted L1 or a higher L2 never turns a met floor into a missed one; and the
    uncertainty kernel, at the framework's weights, decides as the engine does."""
    path = _with(tmp_path, LINJIANG, f"p-{l1}-{l2}-{l3}", L1=l1, L2=l2, L3=l3)
    r, d = _dim(path)
    order = ["none", "hosted", "award"]
    for more_l1, more_l2 in ((True, l2), (l1, order[min(2, order.index(l2) + 1)])):
        _, up = _dim(_with(tmp_path, LINJIANG, f"q-{more_l1}-{more_l2}-{l3}", L1=more_l1, L2=more_l2, L3=l3))
        assert (up.floor_share or 0) + 1e-9 >= (d.floor_share or 0)
        assert not (d.floor_met and up.floor_met is False)
    a, fw = read(path).require()
    units = kernel.compile_units(fw, [r])
    got = kernel.score(units, 1)
    assert kernel.OUTCOMES[int(got.outcome[0, 0])] == r.recognition.outcome
    assert bool(got.fails["floor:L"][0, 0]) == (d.floor_met is False)
    assert np.isclose(got.dim_score[-1, 0, 0], d.score)


def test_a_reviewed_score_checks_the_floor_on_the_same_basis():
    """With a panel's verification or score changes the engine takes its general path: same basis."""
    a, fw = read(LINJIANG).require()
    plain, verified = score(a, fw), score(a, fw, verified={"L3"})
    assert [(d.floor_max, d.floor_excludes, d.floor_met) for d in plain.dimensions] == \
        [(d.floor_max, d.floor_excludes, d.floor_met) for d in verified.dimensions]
    lowered = score(a, fw, changes={"L3": (-1.0, "two of the exchanges were not the city's")}).dimensions[-1]
    assert (lowered.score, lowered.floor_max, lowered.floor_met) == (1.0, 2.0, False)
