"""The 12 reference cities, pathway classification against Table 3, and benchmarking."""

from __future__ import annotations

import json
import re

import pytest

from evaluator.benchmark import TABLE3, benchmark, cities_table, loo_nearest_city, reference_files, reference_results
from evaluator.engine import score
from evaluator.reading import read
from indicators.cities import REFERENCE_CITIES
from indicators.safeyaml import load_file

from .conftest import EXAMPLES, lcity

SOURCE_TAG = re.compile(r"(Comparative study|Table [123]|§|S\d+|https?://|UIL|UNESCO|statistic|census|communiqu)", re.I)


def test_all_twelve_reference_files_exist():
    assert sorted(p.stem for p in reference_files()) == sorted(REFERENCE_CITIES)


@pytest.mark.parametrize("city", sorted(REFERENCE_CITIES))
def test_reference_city_validates_scores_and_cites_every_value(city):
    path = reference_files()[0].parent / f"{city}.yaml"
    loaded = read(path)
    assert loaded.ok, [p.text() for p in loaded.errors]
    a, fw = loaded.require()
    assert set(a.answers) == {i.id for i in fw.indicators()}, "every indicator is answered or marked unknown"
    for ind_id, ans in a.answers.items():
        if ans.value is not None:
            assert ans.source and SOURCE_TAG.search(ans.source), f"{city} {ind_id} has no usable source"
        assert ans.status != "not_applicable"
    raw = load_file(path).data["city"]
    for figure in ("population", "population_60plus", "employed", "streets", "communities", "gdp_per_capita"):
        if raw.get(figure) is not None:
            assert raw.get("sources", {}).get(figure), f"{city}: city.{figure} has no source"
    assert a.strategy.source and "Table 3" in a.strategy.source
    r = score(a, fw)
    assert 0 <= r.total <= 100


def test_classification_matches_table3_for_all_twelve():
    got = {r.city.id: r.pathway.type for r in reference_results()}
    assert got == TABLE3


def test_leave_one_out_figure_is_computed_honestly():
    acc, rows = loo_nearest_city()
    assert len(rows) == 12 and 0 <= acc <= 1
    assert acc == sum(r["correct"] for r in rows) / 12
    for r in rows:
        assert r["nearest"] != r["city"]


def test_cities_cli_json():
    proc = lcity("cities", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert sorted(r["id"] for r in rows) == sorted(REFERENCE_CITIES)
    for r in rows:
        assert {"id", "name", "total", "grade", "pathway", "coverage"} <= set(r)
        assert r["pathway"] in ("balanced", "internationalisation", "industry", "culture")
        assert 0 <= r["coverage"] <= 1


def test_cities_table_ranks_follow_scores():
    rows = cities_table()
    for a, b in zip(rows, rows[1:]):
        assert a.total >= b.total
        assert (a.rank < b.rank) == (a.total > b.total + 1e-9)


def test_benchmark_ranks_are_consistent_with_scores():
    a, fw = read(EXAMPLES / "yunling-county.yaml").require()
    r = score(a, fw)
    b = benchmark(r, fw)
    better = sum(x.total > r.total + 1e-9 for x in reference_results())
    assert b.rank == better + 1 and b.of == 13
    for d in b.dimensions:
        shares = [x.dimension(d.id).share or 0 for x in reference_results()]
        assert d.rank == sum(s > (d.share or 0) + 1e-9 for s in shares) + 1
        assert d.best_share == pytest.approx(max(shares))
    assert len(b.peers) == 3 and len(b.weakest) == 3


def test_city_identical_to_a_reference_city_has_it_as_nearest_peer():
    path = reference_files()[0].parent / "wuhan.yaml"
    text = path.read_text(encoding="utf-8").replace("id: wuhan", "id: wuhan-copy").replace("zh: 武汉市", "zh: 武汉副本")
    from evaluator.reading import read_string

    a, fw = read_string(text).require()
    b = benchmark(score(a, fw), fw)
    assert b.peers[0].id == "wuhan" and b.peers[0].distance == 0


def test_benchmark_cli_json_and_table():
    proc = lcity("benchmark", str(EXAMPLES / "qingshi-district.yaml"), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert {"rank", "of", "dimensions", "peers", "pathway"} <= set(doc)
    assert {"type", "runner_up", "margin", "signals"} <= set(doc["pathway"])
    assert doc["pathway"]["type"] == "balanced"
    weak = doc["weakest"]
    assert len(weak) == 3 and all(w["exemplars"] for w in weak)
    text = lcity("benchmark", str(EXAMPLES / "qingshi-district.yaml"), "--lang", "en")
    assert "Nearest peers" in text.stdout and "low coverage" in text.stdout
    assert "coverage below 50%" in text.stderr
