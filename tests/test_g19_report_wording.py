"""Findings of the G19 report audits fixed in the report's wording, asserted as a reader sees them:
a figure the panel did not accept is one the unit filed (A4), a unit not rated is told what the
missing data can reach, not a verdict (A7), its total is its bounds wherever it is stated (A10),
a framework without strategies has no "stated strategy" section (D3), and a rule prints the points
its option scores (A8)."""

from __future__ import annotations

import re
from functools import cache

import pytest

from evaluator.benchmark import benchmark
from evaluator.pipeline import read_scored
from reports.context import build_context

from .conftest import ROOT, lcity

REPORTS = ROOT / "tests" / "audit_reports_g19"
TOWNS = ROOT / "tests" / "audit_frameworks_g19"


@cache
def _scored(name: str, review: bool = False):
    reviews = [REPORTS / name.replace(".yaml", ".review.yaml")] if review else []
    result, loaded = read_scored(REPORTS / name, reviews=reviews)
    assessment, fw = loaded.require()
    return result, fw, assessment


@cache
def _context(name: str, lang: str, review: bool = False) -> dict:
    result, fw, assessment = _scored(name, review)
    return build_context(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-25")


def _squash(text: str) -> str:
    return " ".join(str(text).split())


# --- G19-A4: the panel did not accept K2; the city filed 48 -----------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_reviewed_summary_counts_the_rejected_figure_as_filed_and_not_accepted(lang):
    ctx = _context("chenghu-city.yaml", lang, review=True)
    said = _squash(ctx["summary"]["coverage"])
    if lang == "zh":
        assert "适用的48项指标中，48项填报了数据，专家组不予采信1项（K2）；采信的47项中，47项附有佐证材料或经专家组核定" in said
        assert "1项数据不详或未填报" not in said and "0项数据不详或未填报" in said
    else:
        assert "of the 48 applicable indicators, 48 were answered and the panel did not accept 1 (K2)" in said
        assert "unknown or not answered: 0;" in said


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_appendix_3_has_a_row_and_a_list_for_what_the_panel_did_not_accept(lang):
    cov = _context("chenghu-city.yaml", lang, review=True)["coverage"]
    rows = dict(cov["rows"])
    if lang == "zh":
        assert (rows["已填报"], rows["其中：专家组不予采信"], rows["数据不详"], rows["未填报"], rows["指标总数"]) == \
            ("48", "1", "0", "0", "48")
        lists = dict(cov["lists"])
        assert lists["自评填报、专家组不予采信的指标（理由见附件1）："] == ["K2 学分银行使用率"]
        assert lists["数据不详或未填报的指标："] == ["无"]
    else:
        assert (rows["Answered"], rows["of which not accepted by the panel"], rows["Unknown"]) == ("48", "1", "0")
        assert dict(cov["lists"])["Unknown or not answered:"] == ["none"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_dimension_paragraph_says_the_panel_did_not_accept_k2(lang):
    para = _squash(" ".join(_context("chenghu-city.yaml", lang, review=True)["findings_dims"]["K"]["paras"]))
    if lang == "zh":
        assert "学分银行使用率自评填报的数据未被专家组采信，按0分计" in para and "学分银行使用率数据不详" not in para
    else:
        assert "Credit-bank uptake: the panel did not accept the answer the unit gave, so it scores 0" in para
        assert "is unknown and scores 0" not in para


def test_a_self_assessed_report_still_counts_what_the_unit_filed():
    said = _squash(_context("chenghu-city.yaml", "zh")["summary"]["coverage"])
    assert "专家组" not in said and "48项填报了数据" in said


# --- G19-A7: no verdict stated for a unit not rated ---------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_unit_not_rated_is_told_what_complete_data_can_reach_not_a_conclusion(lang):
    ctx = _context("shiling-county.yaml", lang)
    decision = _squash(ctx["summary"]["decision"])
    if lang == "zh":
        assert "不作评估结论" in decision
        assert "即使补齐数据，本期也达不到“暂缓认定”所需的75分：数据不详或未填报的27项指标全部得满分，总分也只有63.0分。" \
            in decision
        assert "评估结论都将是" not in decision and "不予认定" not in decision
    else:
        assert ("Even with the data complete, this period cannot reach the 75 points that 'Recognition deferred' "
                "needs: with all 27 indicators without data at full points, the total would be only 63.0.") in decision
        assert "the outcome would be" not in decision and "Not recognised" not in decision
    for part in ("results", "conclusion"):
        text = _squash(str(ctx[part]))
        assert "评估结论都将是" not in text and "the outcome would be" not in text


# --- G19-A10: a unit not rated has bounds, not a total ------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_section_3_opens_with_the_bounds_of_a_unit_not_rated(lang):
    said = _squash(_context("shiling-county.yaml", lang)["results"]["summary"])
    if lang == "zh":
        assert said.startswith("石岭县评估总分介于13.0—63.0分之间（满分100分；")
        assert "评估总得分13.0分" not in said
    else:
        assert said.startswith("Shiling County's total lies between 13.0 and 63.0 of 100 points")
        assert "scores 13.0" not in said
    # a rated unit keeps its total
    assert _squash(_context("chenghu-city.yaml", "zh")["results"]["summary"]).startswith("澄湖市评估总得分90.9分")


def test_the_run_line_and_verify_print_the_bounds_of_a_unit_not_rated(tmp_path):
    for lang, wrote, agrees in (("zh", "：总分 13.0—63.0，数据不足，不予定级", "：一致——总分 13.0—63.0，数据不足，不予定级"),
                                ("en", ": total 13.0–63.0, Not ratable", ": agrees — total 13.0–63.0, Not ratable")):
        pdf = tmp_path / f"shiling-{lang}.pdf"
        run = lcity("report", str(REPORTS / "shiling-county.yaml"), "--lang", lang, "-o", str(pdf))
        assert run.returncode == 0, run.stderr
        assert wrote in _squash(run.stderr) and "总分 13.0，" not in run.stderr and "total 13.0," not in run.stderr
        check = lcity("verify", str(pdf), "--lang", lang)
        assert check.returncode == 0, check.stdout + check.stderr
        first = check.stdout.splitlines()[0]
        assert agrees in first, first
        # the printed totals are still found and compared, in section 3 too
        assert ("3 处" if lang == "zh" else "in 3 places") in check.stdout


# --- G19-D3: no stated strategy where the framework has none ------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_framework_without_strategies_has_no_stated_strategy_section(monkeypatch, lang):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(TOWNS / "fw"))
    result, loaded = read_scored(TOWNS / "units" / "baisha-2025.yaml", reviews=[])
    assessment, fw = loaded.require()
    assert not fw.strategies()
    ctx = build_context(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-25")
    assert ctx["profile"]["strategy"] is None
    from reports.render import render_template

    html = render_template(ctx)
    profile = html[html.index('id="sec-profile"'):]
    profile = profile[:profile.index("</section>")]
    assert "发展策略自述" not in profile and "Stated strategy" not in profile
    assert "未填写主导策略" not in profile and "states no leading strategy" not in profile
    # the next sub-section takes the first number
    assert re.search(r"<h3>(（一）|\(1\) ?)", profile), profile[:400]


def test_a_framework_with_strategies_keeps_the_section():
    ctx = _context("shiling-county.yaml", "zh")
    assert ctx["profile"]["strategy"]["text"]


# --- G19-A8: the rule prints what the option scores -----------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a1s_rule_prints_the_points_its_score_column_shows(lang):
    from reports.catalog import load_catalog
    from reports.context_indicators import rule_text

    result, fw, _ = _scored("shiling-county.yaml")
    a1 = result.indicator("A1")
    assert f"{a1.score:.2f}" == "2.01"
    text = rule_text(fw.indicator("A1"), load_catalog(lang), lang)
    assert ("“有规划或行动计划，但未列出可考核的量化目标”得2.01分" if lang == "zh" else "quantified targets' scores 2.01;") in text
    assert "得2分" not in text
    j1 = rule_text(fw.indicator("J1"), load_catalog(lang), lang)
    assert "0.99" in j1
