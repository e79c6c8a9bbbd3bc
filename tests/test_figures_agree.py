"""Figures that agree with the text and with each other, as a panel reader compares them.

One unit's total is the same figure in ``lcity score``, ``lcity sensitivity`` and the report; a
share printed in a table never reads as reaching a line the text says it misses; a refusal below
the deferral line says so.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import example, given, strategies as st

from .conftest import ROOT, lcity_here as lcity

FJORDVALE = ROOT / "tests" / "audit_frameworks" / "fjordvale"
BERGSUND = FJORDVALE / "bergsund-2025.yaml"


@pytest.fixture
def fjordvale(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(FJORDVALE))


# --- sensitivity prints the total score prints ----------------------------------------------------


def test_saltholms_total_is_58_4_in_sensitivity_as_in_cities_and_its_json(fjordvale):
    """Saltholm's exact total is 58.4499…: rounded twice (58.450, then 58.5) sensitivity said 58.5
    where cities, benchmark and the report say 58.4."""
    table = lcity("sensitivity", str(BERGSUND), "-n", "200", "--no-sobol", "--lang", "en").stdout
    row = next(line for line in table.splitlines() if line.startswith("Saltholm"))
    assert re.match(r"Saltholm Municipality \*\s+58\.4\s", row), row
    doc = json.loads(lcity("sensitivity", str(BERGSUND), "-n", "200", "--no-sobol", "-f", "json").stdout)
    salt = next(u for u in doc["units"] if u["name"].startswith("Saltholm"))
    assert f"{salt['scored']:.1f}" == "58.4"


@pytest.mark.parametrize("name", ["qingshi-district", "yunling-county", "jianglan-city"])
def test_sensitivity_prints_the_total_lcity_score_prints(name):
    path = ROOT / "examples" / f"{name}.yaml"
    score = lcity("score", str(path), "--lang", "en").stdout
    total = re.search(r"│ total\s+│\s+([0-9.]+)", score)
    assert total, score
    sens = lcity("sensitivity", str(path), "-n", "200", "--no-sobol", "--lang", "en").stdout
    unit = json.loads(lcity("score", str(path), "-f", "json").stdout)["city"]["name"]
    row = next(line for line in sens.splitlines() if line.startswith(unit))
    assert row[len(unit):].split()[0] == total.group(1), (row, total.group(0))


# --- a share in a table never reads as reaching a line the text says it misses -------------------

V2 = ROOT / "examples" / "v2" / "qingshi-district-2025.yaml"  # E: 8.99 of 10, 89.9 %
WANGHU = ROOT / "examples" / "districts" / "wanghu.yaml"  # D: 8.996 of 10, 89.96 %
CITIES = ROOT / "tests" / "audit_cities"


def _html_text(path, lang: str) -> str:
    import html as html_lib

    from evaluator.benchmark import benchmark
    from evaluator.pipeline import read_scored
    from reports.render import render_html

    result, loaded = read_scored(path)
    assessment, fw = loaded.require()
    page = render_html(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10")
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", " ", page)))


def _row(table: str, dim: str) -> list[str]:
    line = next(line for line in table.splitlines() if re.match(rf"[│|]?\s*{dim}\s+[│|]", line))
    return [c.strip() for c in re.split(r"[│|]", line) if c.strip()]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_score_prints_89_9_percent_not_90_for_a_dimension_the_report_leaves_out_of_90_or_more(lang):
    cells = _row(lcity("score", str(V2), "--lang", lang).stdout, "E")
    assert cells[-3:-1] == ["10", "89.9%"] and cells[-4] == "8.99", cells
    wanghu = _row(lcity("score", str(WANGHU), "--lang", lang).stdout, "D")
    assert wanghu[-4:-1] == ["8.996", "10", "89.96%"], wanghu
    # a share at or above no line takes the column's precision: one for every row (G1 audit #12)
    assert _row(lcity("score", str(V2), "--lang", lang).stdout, "J")[-2] == "93.0%"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_reports_results_table_prints_the_share_the_text_reads(lang):
    page = _html_text(V2, lang)
    assert " 10 8.99 89.9% " in page  # 三's table: points, score, share
    assert " 68.6% 89.9% 78.5% " in page  # the bar chart beside it, every share at the report's one precision
    assert ("得分8.99分（满分10分），得分率89.9%" if lang == "zh" else "Score 8.99 of 10 points (89.9%)") in page
    # and E is not among the dimensions the text puts at 90% or more
    dims = page.split("得分率达到90%及以上的维度：" if lang == "zh" else "Dimensions at 90% or more:")[1][:200]
    assert "E " not in dims.split("。" if lang == "zh" else ".")[0]
    wanghu = _html_text(WANGHU, lang)
    assert " 10 8.996 89.96% " in wanghu


def test_csv_prints_the_tables_share_and_json_keeps_the_full_value():
    import csv
    import io

    rows = list(csv.reader(io.StringIO(lcity("score", str(V2), "--lang", "en", "-f", "csv").stdout)))
    e = next(r for r in rows if r and r[0] == "E")
    assert e[2:5] == ["8.99", "10", "89.9%"], e
    doc = json.loads(lcity("score", str(V2), "-f", "json").stdout)
    share = next(d["share"] for d in doc["dimensions"] if d["id"] == "E")
    assert 0.899 <= share < 0.9 and len(repr(share)) > 6  # the unrounded share


@given(st.floats(min_value=0.0, max_value=1.0, allow_nan=False),
       st.sampled_from([(0.9,), (0.6, 0.9), (0.55, 0.9), (0.6,)]))
@example(0.8999996, (0.9,))  # past the last place allowed: "89.999", never "90.000"
@example(0.59999999, (0.6, 0.9))
def test_a_shown_share_is_never_on_a_line_it_is_under(share, lines):
    from evaluator.rounding import shown_points, shown_share

    text = shown_share(share, lines)
    for line in lines:
        if share + 1e-9 < line:
            assert float(text) < line * 100, (share, text, line)
            assert float(shown_points(share * 10, 10, lines)) < line * 10
    if all(share + 1e-9 >= line or share * 100 < line * 100 - 0.5 for line in lines):
        assert text == f"{share * 100:.0f}"  # whole percents where no line is within reach


def test_the_batch_ranking_prints_a_units_share_as_its_report_does(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("wanghu.yaml", "baiyang.yaml"):
        (src / name).write_bytes((ROOT / "examples" / "districts" / name).read_bytes())
    proc = lcity("batch", str(src), "-o", str(tmp_path / "out"), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(tmp_path / "out" / "ranking.pdf")).pages).split())
    assert "89.96%" in text  # wanghu D, 8.996 of 10, as its report's table prints it
    # one precision a column: baiyang's D (20 %) stands under wanghu's 89.96% as 20.00%, not as 20%
    from evaluator.engine import score
    from evaluator.reading import read

    baiyang = score(*read(ROOT / "examples" / "districts" / "baiyang.yaml").require())
    d = next(x for x in baiyang.dimensions if x.id == "D")
    assert f"{d.share * 100:.2f}%" in text


# --- a refusal below the deferral line says so -----------------------------------------------------


def test_score_says_a_refused_unit_is_below_the_deferral_line_in_both_languages():
    path = str(ROOT / "examples" / "yunling-county.yaml")
    zh = lcity("score", path, "--lang", "zh").stdout
    assert "总分33.9分，低于认定线85分，也低于暂缓认定线75分，故不予认定而非暂缓认定" in zh
    en = lcity("score", path, "--lang", "en").stdout
    assert ("total 33.9 is below the recognition line of 85 and also below the deferral line of 75: "
            "hence 'Not recognised', not 'Recognition deferred'") in en


def test_another_frameworks_refusal_names_its_own_outcomes(fjordvale):
    en = lcity("score", str(BERGSUND), "--lang", "en").stdout
    assert "and also below the 50 needed for 'Observer member': hence '" in re.sub(r"\s+", " ", en)


def test_a_deferred_unit_and_a_vetoed_one_are_not_said_to_be_below_the_deferral_line():
    deferred = lcity("score", str(ROOT / "examples" / "qingshi-district.yaml"), "--lang", "en").stdout
    assert "below the deferral line" not in deferred
    # one line says both lines (G12 #15), not the total twice
    assert "total 75.6 is below the recognition line of 85 but reaches the deferral line of 75: recognition deferred" \
        in deferred and "is at least 75" not in deferred


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_reports_summary_and_conclusion_say_why_not_deferred_once_each(lang):
    from evaluator.benchmark import benchmark
    from evaluator.pipeline import read_scored
    from reports.context import build_context

    result, loaded = read_scored(ROOT / "examples" / "yunling-county.yaml")
    assessment, fw = loaded.require()
    ctx = build_context(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10")
    said = "也低于暂缓认定线75分" if lang == "zh" else "also below the deferral line of 75"
    assert " ".join(ctx["conclusion"]["reasons"]).count(said) == 1, ctx["conclusion"]["reasons"]
    assert " ".join(ctx["summary"]["reasons"]).count(said) == 1, ctx["summary"]["reasons"]


# --- no catalog key nobody uses ---------------------------------------------------------------------


def test_the_removed_catalog_keys_are_gone_and_nothing_asks_for_them():
    import yaml

    gone = {"sum_total_robust", "sum_total_robust_unknowns", "sum_grade_probs", "sum_grade_outcome_probs",
            "body_of_unit", "concl_reason_not_deferred", "concl_reason_not_deferred_plain"}
    for path in (ROOT / "reports" / "catalogs").glob("*.yaml"):
        assert not gone & set(yaml.safe_load(path.read_text(encoding="utf-8"))), path
    code = "".join(p.read_text(encoding="utf-8") for folder in ("reports", "lcity", "evaluator")
                   for p in (ROOT / folder).rglob("*") if p.suffix in (".py", ".j2"))
    assert not [k for k in gone if re.search(rf"\b{k}\b", code)]
