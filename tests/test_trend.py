"""Trends: the change of one city's scores over several assessments (``lcity trend``)."""

from __future__ import annotations

import json
import shutil

import pytest

from evaluator.engine import score
from evaluator.reading import read
from evaluator.trend import THRESHOLD, TrendError, trend

from .conftest import EXAMPLES, lcity_here as lcity

YEARS = (2021, 2023, 2025)
FILES = [EXAMPLES / "trend" / f"qingshi-{y}.yaml" for y in YEARS]


@pytest.fixture(scope="module")
def scores() -> list[dict]:
    """Each file scored on its own, as a user would: lcity score --format json."""
    out = []
    for f in FILES:
        proc = lcity("score", str(f), "--format", "json")
        assert proc.returncode == 0, proc.stderr
        out.append(json.loads(proc.stdout))
    return out


@pytest.fixture(scope="module")
def cli_trend() -> dict:
    proc = lcity("trend", *map(str, reversed(FILES)), "--format", "json")  # any order: sorted by period
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_the_examples_improve_year_on_year(scores):
    totals = [s["total"] for s in scores]
    assert totals == sorted(totals) and totals[0] < totals[-1]
    assert [s["city"]["period"] for s in scores] == ["2020–2021", "2022–2023", "2024–2025"]


def test_changes_are_differences_of_the_individual_totals(scores, cli_trend):
    t = cli_trend
    assert [p["period"] for p in t["assessments"]] == [s["city"]["period"] for s in scores]
    assert [p["total"] for p in t["assessments"]] == pytest.approx([s["total"] for s in scores])
    first, last = scores[0], scores[-1]
    assert t["total"]["change"] == pytest.approx(last["total"] - first["total"])
    assert t["total"]["years"] == 4
    assert t["total"]["per_year"] == pytest.approx((last["total"] - first["total"]) / 4)
    for step, (a, b) in zip(t["steps"], zip(scores, scores[1:])):
        assert step["total"]["change"] == pytest.approx(b["total"] - a["total"])
        assert step["total"]["years"] == 2
        assert step["total"]["per_year"] == pytest.approx((b["total"] - a["total"]) / 2)
    for d in t["dimensions"]:
        own = [next(x for x in s["dimensions"] if x["id"] == d["id"]) for s in scores]
        assert d["scores"] == pytest.approx([x["score"] for x in own])
        assert d["change"]["change"] == pytest.approx(own[-1]["score"] - own[0]["score"])
        assert [c["change"] for c in d["steps"]] == pytest.approx(
            [b["score"] - a["score"] for a, b in zip(own, own[1:])])


def test_moved_indicators_are_listed_with_from_and_to(scores, cli_trend):
    first = {i["id"]: i for i in scores[0]["indicators"]}
    last = {i["id"]: i for i in scores[-1]["indicators"]}
    expected = {k for k in last if abs(last[k]["score"] - first[k]["score"]) > THRESHOLD}
    moved = {m["id"]: m for m in cli_trend["moved"]}
    gaps = {m["id"]: m for m in cli_trend["unknown_in_one"]}  # 不详 in one period: apart, not a rise (G18-B4)
    assert set(moved) | set(gaps) == expected and set(gaps) == {"E3"}
    assert "L1" not in moved and "J2" not in moved  # not applicable / unchanged
    d1 = moved["D1"]  # funds: 3.6 M yuan -> 7.2 M yuan, per resident 4.52 -> 8.70
    assert (d1["from_value"], d1["to_value"]) == (3_600_000, 7_200_000)
    assert d1["from_figure"] == pytest.approx(3_600_000 / 796_000)
    assert d1["to_figure"] == pytest.approx(7_200_000 / 828_000)
    assert d1["change"] == pytest.approx(last["D1"]["score"] - first["D1"]["score"])
    e3 = gaps["E3"]  # unknown in 2021, answered in 2025
    assert (e3["from_state"], e3["to_state"], e3["from_value"], e3["to_value"]) == ("unknown", "answered", None, 38.0)
    b1 = moved["B1"]
    assert (b1["from_value"], b1["to_value"]) == ("provincial_only", "own_regulation")
    # each step lists its own movers
    mid = {i["id"]: i for i in scores[1]["indicators"]}
    step2 = {m["id"] for m in cli_trend["steps"][1]["moved"]}
    assert step2 == {k for k in last if abs(last[k]["score"] - mid[k]["score"]) > THRESHOLD}
    assert "H1" not in step2  # 66 % in 2023 and in 2025


def test_table_in_english(scores):
    proc = lcity("trend", *map(str, FILES), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    first, last = scores[0]["total"], scores[-1]["total"]
    upper = scores[0]["total_bounds"]["upper"]  # 2021 has E3 unknown: its total as bounds (G18-B4)
    assert f"total {first:.1f}–{upper:.1f} → {last:.1f}" in text
    assert f"{last - upper:+.2f} to" in text and f"{last - first:+.2f}" in text
    assert "2020–2021 → 2022–2023" in text and "indicators moved" in text
    assert "D1 Public" in text


def test_pure_function_sorts_and_refuses_single_results():
    results = []
    for f in FILES:
        loaded = read(f)
        a, fw = loaded.require()
        results.append(score(a, fw, file=str(f)))
    t = trend(list(reversed(results)))
    assert [p.end_year for p in t.assessments] == [2021, 2023, 2025]
    assert t.total.change == pytest.approx(results[-1].total - results[0].total)
    assert t.city_zh == "青石区" and t.framework == "china-learning-city@1"
    with pytest.raises(TrendError):
        trend(results[:1])
    other = read(EXAMPLES / "districts" / "lanjiang.yaml")
    a, fw = other.require()
    with pytest.raises(TrendError, match="different units"):
        trend([results[0], score(a, fw)])


def test_refuses_files_of_different_cities():
    other = EXAMPLES / "districts" / "lanjiang.yaml"
    proc = lcity("trend", str(FILES[0]), str(other))
    assert proc.returncode == 2
    assert "different-city" in proc.stderr
    assert "澜江区" in proc.stderr and "青石区" in proc.stderr
    assert f"{other}:10:9:" in proc.stderr  # city.name.zh of the odd one out
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_refuses_two_assessments_of_the_same_period(tmp_path):
    copy = tmp_path / "again.yaml"
    shutil.copy(FILES[1], copy)
    proc = lcity("trend", str(FILES[1]), str(copy))
    assert proc.returncode == 2
    assert "same-period" in proc.stderr and "both end in 2023" in proc.stderr


def test_invalid_file_is_reported_with_its_location(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(FILES[0].read_text(encoding="utf-8").replace("  level: district", "  level: distrct"),
                   encoding="utf-8")
    proc = lcity("trend", str(bad), str(FILES[1]))
    assert proc.returncode == 1
    line = next(i for i, t in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1) if "distrct" in t)
    assert f"{bad}:{line}:10:" in proc.stderr
