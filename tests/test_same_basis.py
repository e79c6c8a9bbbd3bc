"""A unit and the reference cities compared on one basis (audit_readings3 items 11, 13, 18).

沪江市 (tests/audit_readings3/c-hujiang-city.yaml) answers exactly what Shanghai publishes. Its
benchmark read 49 % beside Shanghai's 98 % in C, 40 % beside 57 % in E: the unit's share counted its
unknowns as 0, the reference cities' only their answered indicators. `lcity cities` listed Shanghai
at 27.4 (framework @1) while the unit's benchmark, under the @2 that `lcity init` writes, said 26.0;
and `lcity sensitivity` gave the unit a range "if the unknown answers took plausible values" and
Shanghai, with the same answers, none.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator.benchmark import _dimension, _documented, _known_share, benchmark, reference_results
from evaluator.engine import score
from evaluator.pipeline import read_scored
from evaluator.reading import read_string

from .conftest import ROOT, lcity_here as lcity

HUJIANG = ROOT / "tests" / "audit_readings3" / "c-hujiang-city.yaml"
V2 = "china-learning-city@2"


@cache
def _scored(path: Path = HUJIANG):
    result, loaded = read_scored(path, reviews=[])
    assessment, fw = loaded.require()
    return result, fw, assessment


def _shanghai():
    return next(r for r in reference_results(V2) if r.city.id == "shanghai")


# --- 11. the per-dimension comparison -----------------------------------------------------------------


def test_a_unit_with_shanghais_answers_reads_shanghais_share_in_every_dimension_shanghai_is_counted_in():
    result, fw, _ = _scored()
    bench = benchmark(result, fw)
    shanghai = _shanghai()
    counted = 0
    for i, d in enumerate(bench.dimensions):
        if not _documented(shanghai, i):
            continue
        counted += 1
        assert d.known_share == pytest.approx(_known_share(shanghai, d.id))
        if "shanghai" in d.best_cities:  # Shanghai leads here: the unit is level with it, no gap
            assert d.gap == pytest.approx(0.0) and d.gap_points == pytest.approx(0.0)
    assert counted >= 4  # B, C, E, K, L at least
    by_id = {d.id: d for d in bench.dimensions}
    # the figures the audit read: C 49 % -> 98 %, E 40 % -> 57 %, K 51 % -> 93 %, each with Shanghai's
    assert round(by_id["C"].known_share * 100) == round(by_id["C"].best_share * 100) == 98
    assert round(by_id["E"].share * 100) == 40 and round(by_id["E"].known_share * 100) == 57
    assert by_id["A"].known_share is None and by_id["A"].gap is None  # nothing answered: nothing compared


@pytest.mark.parametrize("city", ["beijing", "shanghai", "hangzhou", "chengdu", "wuhan", "taiyuan", "changzhou",
                                  "shenzhen", "xian", "guangzhou", "nanjing", "suzhou"])
def test_any_reference_citys_answers_as_a_unit_read_that_citys_figures(city):
    """The unit's side and the reference side are one rule: each city's own result, given as a unit,
    reads in every dimension the share that city is counted with."""
    refs = list(reference_results(V2))
    own = next(r for r in refs if r.city.id == city)
    twin = own.model_copy(update={"city": own.city.model_copy(update={"id": f"{city}-twin"})})
    for i, dim in enumerate(own.dimensions):
        d = _dimension(twin, i, refs)
        if _documented(own, i):
            assert d.known_share == pytest.approx(_known_share(own, dim.id))
            assert d.gap == pytest.approx(max(0.0, d.best_share - d.known_share))


def _answers():
    from indicators.safeyaml import load_file

    data = json.loads(json.dumps(load_file(HUJIANG).data, ensure_ascii=False))  # plain dicts, a copy
    return data, sorted(k for k, v in data["answers"].items() if isinstance(v, dict) and "value" in v)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_whatever_shanghais_answers_a_unit_leaves_unknown_it_reads_equal_to_a_reference_with_the_same(data):
    """Property: a unit and a reference unit holding the same answers read the same share in every
    dimension the reference is counted in, whatever part of the answers both leave unknown."""
    doc, answered = _answers()
    dropped = data.draw(st.lists(st.sampled_from(answered), unique=True, max_size=len(answered) - 1))
    for k in dropped:
        doc["answers"][k] = {"status": "unknown"}
    fw = _scored()[1]
    assessment, _ = read_string(json.dumps(doc, ensure_ascii=False), framework=V2).require()
    unit = score(assessment, fw)
    ref = unit.model_copy(update={"city": unit.city.model_copy(update={"id": "reference"})})
    for i, dim in enumerate(unit.dimensions):
        d = _dimension(unit, i, [ref])
        if d.n:
            assert d.known_share == pytest.approx(d.best_share) == pytest.approx(d.median_share)
            assert d.gap == pytest.approx(0.0)
        if d.known_share is not None and all(x.state == "answered" for x in unit.indicators
                                             if x.dimension == dim.id and x.max > 1e-12):
            assert d.known_share == pytest.approx(dim.share) and d.answered == pytest.approx(1.0)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_benchmark_table_says_its_basis_and_gives_the_unit_shanghais_figures(lang):
    out = lcity("benchmark", str(HUJIANG), "--lang", lang).stdout
    title = "得分率均按已填报的指标计算" if lang == "zh" else "shares on the indicators answered"
    assert title in out
    row = next(line for line in out.splitlines() if re.search(r"│ C ", line))
    cells = [c.strip() for c in row.strip("│").split("│")]
    # share on answered indicators, part answered, rank, median, best, gap
    assert cells[1] == "98%" and cells[2] == "50%" and cells[5].endswith("98%") and cells[6] == "0.0", cells
    assert "49%" not in row
    note = "各方得分率（本单位的也是）均按其已填报的指标计算" if lang == "zh" else "the unit's too, is on the indicators each answered"
    assert note in out


def test_the_benchmark_json_keeps_the_share_as_scored_beside_the_share_on_answered_indicators():
    doc = json.loads(lcity("benchmark", str(HUJIANG), "--format", "json").stdout)
    c = next(d for d in doc["dimensions"] if d["id"] == "C")
    assert round(c["share"], 3) == 0.488 and round(c["known_share"], 3) == 0.977 and c["answered"] == pytest.approx(0.5)
    assert c["gap"] == 0.0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_reports_results_table_and_appendix_2_put_the_unit_on_the_reference_basis(lang):
    from reports.context import build_context

    result, fw, assessment = _scored()
    ctx = build_context(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10")
    res = ctx["results"]
    assert res["known_col"]
    c = next(r for r in res["rows"] if r["id"] == "C")
    assert c["share"] == "49%" and c["known"] == "98%" and c["best"] == "98%"  # scored share kept for the floor
    assert ("“已填报指标得分率”为本市在该维度已填报指标上的得分率" if lang == "zh" else
            "\"Share on answered\" is this city's share on the indicators of the dimension it answered") in res["ref_note"]
    line = next(d["bench"] for d in res["dims"] if d["id"] == "C")
    assert ("本市在该维度已填报指标上的得分率为98%（已填报的分值占比50%），与参照单位口径相同" if lang == "zh" else
            "this city's share is 98% (answered part of the points: 50%), the same basis as the reference units'") in line
    bench = ctx["bench"]
    dims = {d["id"]: d for d in bench["dims"]}
    assert dims["C"]["share"] == "98%" and dims["C"]["part"] == "50%" and dims["C"]["best"] == "98%"
    assert dims["A"]["share"] == "—" and dims["A"]["part"] == "0%"
    assert bench["th_city_share"] == ("本市已填报指标得分率" if lang == "zh" else "This city's share on answered")
    assert ("各方得分率（本市的也是）均按其已填报的指标计算" if lang == "zh" else
            "this city's too, is on the indicators each answered") in bench["caveat"]


def test_a_complete_units_report_table_has_no_second_share_column():
    result, fw, assessment = _scored(ROOT / "tests" / "audit_readings3" / "a-guian-district.yaml")
    ctx = build_context_of(result, fw, assessment)
    assert not ctx["results"]["known_col"]
    d = next(r for r in ctx["bench"]["dims"] if r["id"] == "D")
    assert d["share"] == "59.9%"  # as the score table prints 59.95 % below the floor
    assert ctx["bench"]["th_part"] == ""  # every dimension answered: no column of 100 %


def build_context_of(result, fw, assessment):
    from reports.context import build_context

    return build_context(result, benchmark(result, fw), fw, assessment, lang="zh", date="2026-04-10")


# --- 13. lcity cities scores the reference cities under the framework new files use ---------------


def test_a_complete_units_benchmark_has_no_column_of_100_percent_answered():
    out = lcity("benchmark", str(ROOT / "examples" / "qingshi-district.yaml"), "--lang", "en").stdout
    head = next(line for line in out.splitlines() if line.startswith("┃"))
    assert "share" in head and "answered" not in head


def test_cities_defaults_to_the_framework_init_writes_and_names_it_in_the_title():
    from lcity.form_files import FORM_FRAMEWORK

    doc = json.loads(lcity("cities", "--format", "json").stdout)
    assert doc["framework"] == FORM_FRAMEWORK == V2
    shanghai = next(u for u in doc["units"] if u["id"] == "shanghai")
    result, fw, _ = _scored()
    row = next(r for r in benchmark(result, fw).table if r.id == "shanghai")
    assert shanghai["total"] == pytest.approx(row.total, abs=0.005)  # one Shanghai, not 27.4 and 26.0
    zh = lcity("cities", "--lang", "zh").stdout
    assert zh.splitlines()[1].strip() == f"按 {V2} 评分"  # under the title, before the table
    assert lcity("cities", "--lang", "en").stdout.splitlines()[1].strip() == f"scored under {V2}"
    old = lcity("cities", "--framework", "china-learning-city@1", "--lang", "zh").stdout
    assert old.splitlines()[1].strip() == "按 china-learning-city@1 评分" and "27.4" in old


# --- 18. the range for plausible values: every unit with unknown answers, reference units too -----


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sensitivity_gives_shanghai_the_plausible_values_range_it_gives_the_unit(lang):
    """Since G18-B8 a reference unit below min_coverage shows the bounds of its total, not a range drawn
    over values nobody published, and since G19-B2 so does the unit itself when it is too thin to be
    rated: Shanghai's bounds are those of Hujiang, which answers exactly what Shanghai publishes (one
    set of data, one set of bounds), and neither gets a range drawn over plausible values."""
    out = lcity("sensitivity", str(HUJIANG), "--no-sobol", "--samples", "400", "--lang", lang).stdout
    head = "若不详指标取合理数值" if lang == "zh" else "If the unknown answers took plausible values"
    assert head not in out
    result, _ = read_scored(HUJIANG)
    assert not result.ratable
    bounds = f"{result.total_bounds.lower:.1f}–{result.total_bounds.upper:.1f}"
    for name in (("上海市 *", "沪江市") if lang == "zh" else ("Shanghai *", "Hujiang")):
        row = next(line for line in out.splitlines() if line.startswith(name))
        assert (("上下界 " if lang == "zh" else "bounds ") + bounds) in row
    flat = " ".join(out.split())
    assert "零点几分" not in flat and "a few tenths" not in flat