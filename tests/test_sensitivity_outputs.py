"""Where the uncertainty analysis is shown: the report's section 七, the batch summary columns and
the ranking report's caterpillar plot, and the two SVG charts themselves."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from evaluator.pipeline import read_scored
from evaluator.sensitivity import for_unit
from lcity.batch_files import Unit
from lcity.batch_summary import ROBUST_COLUMNS, Outcome, add_robustness, rank_outcomes, ranking_context, unit_record
from reports.charts_uncertainty import caterpillar_svg, distribution_svg
from reports.context import build_context

from .conftest import EXAMPLES

SVG = "{http://www.w3.org/2000/svg}"
EVIL = "<b onload=x>&"


def parsed(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    assert "href" not in svg and "<script" not in svg
    return root


def texts(root: ET.Element, cls: str) -> list[str]:
    return [t.text or "" for t in root.iter(SVG + "text") if t.get("class") == cls]


def test_distribution_chart_marks_the_cut_offs_in_range_and_escapes_text():
    svg = distribution_svg([0, 2, 10, 30, 12, 3], 70, 1, title=EVIL, cutoffs=[("良好", 75), ("优秀", 90), (EVIL, 72)],
                           scored=73.2, interval=(71.5, 73.0, 74.6), legend=("90%区间", "中位数", "评估得分"),
                           axis="总分（分）")
    root = parsed(svg)
    labels = texts(root, "label")
    assert "良好 75" in labels and f"{EVIL} 72" in labels and "优秀 90" not in labels  # 90 is off the range shown
    assert texts(root, "legend") == ["90%区间", "中位数", "评估得分"]
    assert svg == distribution_svg([0, 2, 10, 30, 12, 3], 70, 1, title=EVIL, cutoffs=[("良好", 75), ("优秀", 90), (EVIL, 72)],
                                   scored=73.2, interval=(71.5, 73.0, 74.6), legend=("90%区间", "中位数", "评估得分"),
                                   axis="总分（分）")


def test_caterpillar_draws_one_row_per_unit_and_survives_no_data():
    root = parsed(caterpillar_svg([("1. 望湖区", 1, 1, 1), ("2. 新桥区", 2, 2, 3), (EVIL, 2, 3, 3)], 18, title="名次区间"))
    assert texts(root, "label")[:3] == ["1. 望湖区", "2. 新桥区", EVIL]
    assert len(list(root.iter(SVG + "circle"))) == 3
    assert texts(parsed(caterpillar_svg([], 0, title="t", no_data_text="无数据")), "nodata") == ["无数据"]
    assert texts(parsed(distribution_svg([], 0, 1, title="t", no_data_text="无数据")), "nodata") == ["无数据"]


@pytest.fixture(scope="module")
def qingshi():
    r, loaded = read_scored(EXAMPLES / "qingshi-district.yaml")
    return r, loaded, for_unit(r, loaded.framework, samples=300, sobol=False)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_section_says_the_interval_the_chances_and_the_rank(qingshi, lang):
    r, loaded, rob = qingshi
    ctx = build_context(r, None, loaded.framework, loaded.assessment, lang=lang, robustness=rob)
    sec = ctx["robustness"]
    unit = rob.units[0]
    assert not unit.reference and unit.ratable
    text = " ".join(sec["findings"])
    assert f"{unit.p05:.1f}" in text and f"{unit.p95:.1f}" in text
    assert "<svg" in sec["chart"] and sec["sources"]
    assert ("稳健性分析" if lang == "zh" else "Robustness") in dict(ctx["toc"]).get("sec-robustness", "")
    # the summary's reader sees the same interval
    assert unit.grade_probabilities and abs(sum(unit.grade_probabilities.values()) - 1) < 1e-3


def test_a_report_without_the_analysis_keeps_the_chapter_and_says_so(qingshi):
    r, loaded, _ = qingshi
    ctx = build_context(r, None, loaded.framework, loaded.assessment, lang="zh")
    assert ctx["robustness"] == {"missing": ctx["t"]["rob_missing"]}


def test_batch_rows_carry_the_interval_and_the_rank_interval():
    outcomes = []
    for name in ("wanghu", "xinqiao", "baiyang"):
        path = EXAMPLES / "districts" / f"{name}.yaml"
        r, _ = read_scored(path)
        outcomes.append(Outcome(Unit(path, (), path.name), status="ok", record=unit_record(r, 0)))
    add_robustness(outcomes, samples=300)
    ordered = rank_outcomes(outcomes)
    for o in ordered:
        row = o.record["row"]
        assert all(row[k] is not None for k in ROBUST_COLUMNS)
        assert row["p05"] <= row["median"] <= row["p95"]
        assert 1 <= row["rank_best"] <= row["rank_worst"] <= 3
    units = ranking_context(type("S", (), {"outcomes": ordered, "failures": []})(), "districts")["units"]
    assert all(u["rank_best"] is not None for u in units)


def test_the_chinese_table_names_its_sources_in_chinese_with_full_width_punctuation():
    from .conftest import lcity_here as lcity

    proc = lcity("sensitivity", str(EXAMPLES / "qingshi-district.yaml"), "--samples", "200", "--lang", "zh")
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    assert "不确定性来源（200 次抽样，随机数序列 0）：" in text
    for name in ("权重：", "量程：", "不详：", "调查："):
        assert f"  {name}" in text
    assert "  汇总：" not in text  # the framework's aggregation rule is not varied unless named
    assert "weights:" not in text and "青石区: " not in text
