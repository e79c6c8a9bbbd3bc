"""A dimension none of whose indicators applies to the unit is not ranked (audit G5, finding 1).

Beidao (tests/audit_frameworks/g5) marks both indicators of WK not applicable: the dimension drops
out of its score. ``lcity benchmark`` and the report's appendix 2 ranked it last ("WK … — 4/4"), a
place for a dimension the unit is not asked about. A dimension whose answers are all unknown
(Wuling's DG) keeps its rank interval: there the unit could stand anywhere.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here as lcity

G5 = ROOT / "tests" / "audit_frameworks" / "g5"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))


def row(lines: list[str], dim: str) -> list[str]:
    line = next(x for x in lines if x.startswith(f"│ {dim} "))
    return [c.strip() for c in line.split("│")[1:-1]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_benchmark_gives_no_rank_to_a_dimension_that_does_not_apply(lang: str):
    run = lcity("benchmark", str(G5 / "beidao-2025.yaml"), "--lang", lang)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    wk = row(lines, "WK")
    assert wk[1] == "—" and wk[2] == "—", wk          # share and rank
    assert row(lines, "DG")[2] == "1/4"               # a dimension that applies keeps its rank


def test_benchmark_keeps_the_rank_interval_of_an_unknown_dimension():
    run = lcity("benchmark", str(G5 / "wuling-2025.yaml"), "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert row(run.stdout.splitlines(), "DG")[3] == "1–4/4"


def test_report_appendix_gives_no_rank_to_a_dimension_that_does_not_apply(tmp_path: Path):
    out = tmp_path / "beidao.html"
    run = lcity("report", str(G5 / "beidao-2025.yaml"), "--html", str(out), "--lang", "en", "--date", "2025-12-01")
    assert run.returncode == 0, run.stderr
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8"))))
    appendix = text[text.rindex("Benchmark against the reference units"):]
    assert re.search(r"WK Work and skills — — 54% \(n=3\)", appendix), appendix[:1500]
    assert "WK Work and skills — 4/4" not in appendix


def test_benchmark_json_gives_no_rank_to_a_dimension_that_does_not_apply():
    import json

    run = lcity("benchmark", str(G5 / "beidao-2025.yaml"), "--format", "json")
    assert run.returncode == 0, run.stderr
    dims = {d["id"]: d for d in json.loads(run.stdout)["dimensions"]}
    assert dims["WK"]["rank"] is None and dims["WK"]["share"] is None
    assert dims["DG"]["rank"] == {"best": 1, "worst": 1, "of": 4}


def test_a_unit_without_a_region_has_its_peers_at_the_distance_of_their_answers():
    """Bay Rim's towns name no region: every peer distance had 0.1 added for 'another region'
    (audit G5, left open); a unit of the China framework with a region keeps the penalty for a
    peer of another region."""
    import json

    from evaluator.benchmark import REGION_PENALTY, common_distance, reference_results
    from evaluator.engine import score
    from evaluator.reading import read

    doc = json.loads(lcity("benchmark", str(G5 / "lanport-2025.yaml"), "--format", "json").stdout)
    unit = score(*read(G5 / "lanport-2025.yaml").require())
    assert not unit.city.region and doc["peers"] and all(not p["same_region"] for p in doc["peers"])
    by_id = {r.city.id: r for r in reference_results(unit.framework)}
    for p in doc["peers"]:  # same level (the framework has one), no region: the distance of the answers alone
        assert p["distance"] == pytest.approx(common_distance(unit, by_id[p["id"]])[0]), p
    china = json.loads(lcity("benchmark", str(ROOT / "examples" / "qingshi-district.yaml"), "--format", "json").stdout)
    other = [p for p in china["peers"] if not p["same_region"]]
    assert all(p["distance"] >= REGION_PENALTY for p in other)  # a unit with a region: the penalty stays
