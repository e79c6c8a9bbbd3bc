"""G18-D9: Sobol indices shown within 0–1, the estimate and its interval kept in the JSON, the sources
they were computed with said, and section 七 never claiming more than all of the variance.
G18-B16: a district ranked among the reference cities by ``lcity sensitivity`` gets benchmark's level note."""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from evaluator.sensitivity import SobolIndex, saltelli_design, shown, sobol_conf, sobol_indices

from .conftest import ROOT, lcity_here

G18 = ROOT / "tests" / "audit_frameworks_g18"
CARROW = G18 / "carrow-vale-2025.yaml"
BEILING = ROOT / "examples" / "districts" / "beiling.yaml"


def _run(*args: str, env: dict | None = None) -> str:
    """The CLI's standard output, as a pipe receives it (``env``: set by the fixture already)."""
    got = lcity_here(*args)
    assert got.returncode == 0, got.stderr
    return got.stdout


@pytest.fixture
def g18(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G18))
    return {"LCITY_FRAMEWORK_PATH": str(G18)}


def _sobol_rows(text: str) -> dict[str, list[float]]:
    """The Sobol table's figures per unit, as a reader sees them."""
    lines = text.splitlines()
    at = next(k for k, line in enumerate(lines) if "Sobol" in line)
    rows = {}
    for line in lines[at + 3:]:
        if not line.strip() or not line.startswith(("Carrow", "Moss", "Northfell")):
            break
        name, _, rest = line.partition("  ")
        rows[name.strip()] = [float(x) for x in rest.split()[:-2]]
    return rows


def test_alone_shows_one_and_says_the_estimate_and_its_interval(g18):
    out = _run("sensitivity", str(CARROW), "--lang", "en", env=g18)
    assert _sobol_rows(out)["Carrow Vale Region"] == [1.0, 0.0]
    assert "1.01" not in out.split("Sobol")[1].split("Sources (")[0].splitlines()[3]
    flat = " ".join(out.split())
    assert "estimated with weights and scale varied together" in flat
    assert "Carrow Vale Region's weights estimate is 1.01 (95% confidence interval 0.92–1.10)" in flat
    assert "the table shows 1.00" in flat


def test_folder_names_its_sources_and_every_shown_index_is_a_share(g18):
    out = _run("sensitivity", str(G18), "--lang", "zh", env=g18)
    flat = "".join(out.split())
    assert "是在同时变动权重、量程、调查的情况下估计的" in flat
    assert "单独分析一个单位，或在文件夹中与有调查比率的单位一起分析），估计值会略有不同" in flat
    lines = out.splitlines()
    at = next(k for k, line in enumerate(lines) if "Sobol" in line)
    for line in lines[at + 3:at + 6]:
        for cell in line.split()[1:]:
            if cell.replace(".", "").isdigit():
                assert 0.0 <= float(cell) <= 1.0, line


def test_json_keeps_the_raw_estimate_and_its_interval(g18):
    got = json.loads(_run("sensitivity", str(CARROW), "--format", "json", env=g18))
    assert got["sobol_sources"] == ["weights", "scale"]
    w = next(s for s in got["units"][0]["sobol"] if s["factor"] == "weights")
    assert w["total"] == 1.0 and w["total_raw"] == 1.01 and w["total_conf"] == pytest.approx(0.087)
    for s in got["units"][0]["sobol"]:
        for key in ("first", "total"):
            assert s[key] is None or 0.0 <= s[key] <= 1.0
            assert s[key] == shown(s[f"{key}_raw"])


def test_report_says_nearly_all_never_more(g18, tmp_path):
    for lang, said in (("en", "(nearly all of its variance; 95% confidence interval 95–100%)"),
                       ("zh", "（约占全部方差，95%置信区间为95%至100%）")):
        html = tmp_path / f"carrow-{lang}.html"
        _run("report", str(CARROW), "-o", str(tmp_path / f"carrow-{lang}.pdf"), "--html", str(html),
             "--lang", lang, env=g18)
        text = html.read_text(encoding="utf-8")
        assert said in text
        assert "100% of its variance" not in text and "约100%" not in text


def test_report_below_all_gives_the_share_with_its_interval(tmp_path):
    html = tmp_path / "beiling.html"
    _run("report", str(BEILING), "-o", str(tmp_path / "beiling.pdf"), "--html", str(html))
    assert "总分的波动主要来自维度权重（约91%的方差与之有关，95%置信区间为83%至100%）" in html.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, note", [
    ("zh", "北岭区为区，参照单位均为城市：总分和名次是把本区按区级问题作答的结果与各城市按市级问题作答的结果放在一起，只能作为大致参照"),
    ("en", "Beiling District is a district and the reference units are all cities: its total and ranks set its "
           "answers to a district's questions beside theirs to a city's, so read them as a rough guide"),
])
def test_district_among_cities_gets_the_benchmarks_level_note(lang, note):
    out = _run("sensitivity", str(BEILING), "--lang", lang, "--samples", "400")
    flat = ("".join if lang == "zh" else " ".join)(out.split())
    want = ("".join if lang == "zh" else " ".join)(note.split())
    assert want in flat
    assert flat.index(want) < flat.index("*参照单位" if lang == "zh" else "* reference unit")
    bench = _run("benchmark", str(BEILING), "--lang", lang)
    assert want in ("".join if lang == "zh" else " ".join)(bench.split())


def test_level_note_in_the_json_and_not_for_a_city():
    got = json.loads(_run("sensitivity", str(BEILING), "--format", "json", "--samples", "400", "--no-sobol"))
    own = got["units"][0]
    assert own["level_note_zh"].startswith("北岭区为区，参照单位均为城市：")
    assert own["level_note"].startswith("Beiling District is a district and the reference units are all cities")
    assert all(u["level_note"] == "" for u in got["units"][1:])
    city = json.loads(_run("sensitivity", str(ROOT / "examples" / "jianglan-city.yaml"), "--format", "json",
                           "--samples", "400", "--no-sobol"))
    assert city["units"][0]["level_note"] == ""


@settings(max_examples=30, deadline=None)
@given(raw=st.floats(-0.5, 1.5, allow_nan=False))
def test_every_shown_index_is_within_zero_and_one(raw):
    s = SobolIndex(factor="weights", first=shown(raw), total=shown(raw), first_raw=raw, total_raw=raw)
    assert 0.0 <= s.total <= 1.0 and 0.0 <= s.first <= 1.0
    assert s.total == raw or raw < 0.0 or raw > 1.0


@settings(max_examples=15, deadline=None)
@given(a=st.floats(0.0, 3.0), b=st.floats(0.0, 3.0), seed=st.integers(0, 1000))
def test_report_estimator_gives_intervals_about_its_estimate(a, b, seed):
    x = saltelli_design(2, ["p", "q"], 256, seed)
    y = a * x[:, 0] + b * x[:, 1] ** 2 + 0.01 * x[:, 0] * x[:, 1] + 1e-3
    first, total = sobol_indices(y, 2)
    first_conf, total_conf = sobol_conf(y, 2, seed)
    assert np.all(first_conf >= 0) and np.all(total_conf >= 0) and np.all(total_conf < 0.5)
    shown_totals = [shown(float(t)) for t in total]
    assert all(0.0 <= t <= 1.0 for t in shown_totals)


def test_no_level_note_without_references():
    from evaluator.sensitivity import _level_notes

    units = [SimpleNamespace(city=SimpleNamespace(level="district"))]
    assert _level_notes(None, units, [False], 0) == {}
