"""Each section of the report, built on its own from a real example, says what a reader expects."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from evaluator.benchmark import benchmark
from evaluator.pipeline import read_scored
from evaluator.trend import series
from reports.context import SECTIONS, build_context, default_number
from reports.context_appendices import benchmark_table, coverage, score_table, signatures
from reports.context_basis import basis, profile
from reports.context_conclusion import conclusion
from reports.context_facts import Facts, facts
from reports.context_findings import STRENGTHS_MAX, STRONG, problems, recommendations, strengths
from reports.context_front import contents, cover
from reports.context_results import results

from .conftest import EXAMPLES

QINGSHI = EXAMPLES / "qingshi-district.yaml"
REVIEW = EXAMPLES / "qingshi-district.review.yaml"
TREND = EXAMPLES / "trend"


def report_facts(path: Path, *, reviews: tuple[Path, ...] = (), lang: str = "zh", with_bench: bool = True,
                 previous: tuple[Path, ...] = (), date: str = "2025-06-30") -> Facts:
    result, loaded = read_scored(path, reviews=list(reviews))
    assessment, fw = loaded.require()
    trend = series(list(previous), current=(result, loaded)) if previous else None
    bench = benchmark(result, fw) if with_bench else None
    return facts(result, bench, fw, assessment, lang=lang, date=date, trend=trend)


@pytest.fixture(scope="module")
def zh() -> Facts:
    return report_facts(QINGSHI)


@pytest.fixture(scope="module")
def en() -> Facts:
    return report_facts(QINGSHI, lang="en")


@pytest.fixture(scope="module")
def reviewed() -> Facts:
    return report_facts(QINGSHI, reviews=(REVIEW,), date="2025-05-22")


# --- the shared facts ----------------------------------------------------------------------------


def test_facts_are_read_once_and_cannot_be_changed_by_a_section(zh):
    assert zh.city == "青石区" and zh.lang == "zh" and zh.review is None and not zh.reviewed
    assert zh.ind_label("D1").startswith("D1 ") and zh.dim_label("D") == f"D {zh.dim_names['D']}"
    with pytest.raises(dataclasses.FrozenInstanceError):
        zh.city = "elsewhere"  # type: ignore[misc]


def test_sections_fill_the_whole_context_without_overwriting_each_other(zh):
    seen: list[str] = []
    for section in SECTIONS:
        keys = list(section(zh))
        assert keys and not set(keys) & set(seen), section.__name__
        seen += keys
    context = build_context(zh.result, zh.bench, zh.fw, zh.assessment, lang="zh", date="2025-06-30")
    assert set(context) == set(seen) | {"lang", "t", "inline_css", "review"}


# --- cover and contents ---------------------------------------------------------------------------


def test_cover_names_the_city_and_the_report_number(zh):
    part = cover(zh)
    number = default_number(zh.result, zh.assessment)
    assert part["cover"]["title"] == "青石区学习型城市建设评估报告"
    assert ("评估对象", "青石区") in part["cover"]["rows"] and ("报告编号", number) in part["cover"]["rows"]
    assert part["cover"]["date"] == "2025年6月30日" and part["cover"]["kind"] == "自评估报告"
    assert part["running"] == {"city": "青石区", "number": number}
    assert part["meta"]["lang"] == "zh-CN" and part["meta"]["created"] == "2025-06-30"


def test_cover_in_english_and_of_a_reviewed_report(en, reviewed):
    assert "Qingshi" in cover(en)["cover"]["title"] and cover(en)["meta"]["lang"] == "en"
    assert cover(reviewed)["cover"]["kind"] != cover(en)["cover"]["kind"]


def test_contents_lists_eight_sections_then_the_appendices(zh):
    toc = contents(zh)["toc"]
    assert toc[0][0] == "sec-summary"  # the one-page summary after the contents (issue 15 item 1)
    toc = toc[1:]
    assert toc[0][0] == "sec-basis" and toc[6][0] == "sec-robustness" and toc[7][0] == "sec-conclusion"
    assert [a for a, _ in toc[8:]][:4] == ["app-scores", "app-benchmark", "app-coverage", "app-signatures"]


# --- 一 basis, 二 profile -----------------------------------------------------------------------------


def test_basis_of_a_self_assessment_says_the_panel_is_still_to_come(zh):
    part = basis(zh)["basis"]
    assert zh.framework_full in part["paras"][0]
    assert "尚未经专家组核查" in part["methods"][-1]
    assert part["process"] == []


def test_basis_of_a_reviewed_report_lists_the_review_process(reviewed):
    part = basis(reviewed)["basis"]
    assert part["process"] and all(row["label"] and row["value"] for row in part["process"])
    assert not any("尚未经专家组核查" in m for m in part["methods"])


def test_profile_starts_with_the_name_and_level(zh):
    part = profile(zh)["profile"]
    assert part["pairs"][0] == [("名称", "青石区"), ("行政层级", "区")]
    assert "2024" in part["intro"]


# --- 三 results ---------------------------------------------------------------------------------------


def test_results_have_one_row_per_dimension_and_mark_those_below_the_floor(zh):
    part = results(zh)["results"]
    assert [row["id"] for row in part["rows"]] == [d.id for d in zh.result.dimensions]
    assert [row["id"] for row in part["rows"] if row["below"]] == ["D", "K", "L"]
    assert "D 多元经费保障" in part["summary"] and "75.6" in part["summary"]
    assert str(part["radar"]).startswith("<svg") and str(part["bars"]).startswith("<svg")
    assert part["trend"] is None


def test_results_with_earlier_assessments_show_the_trend():
    f = report_facts(TREND / "qingshi-2025.yaml", previous=(TREND / "qingshi-2021.yaml", TREND / "qingshi-2023.yaml"))
    trend = results(f)["results"]["trend"]
    assert len(trend["rows"]) == 3 and str(trend["chart"]).startswith("<svg")


# --- 四 strengths, 五 problems, 六 recommendations -------------------------------------------------


def test_strengths_are_the_indicators_at_or_above_the_strong_share_by_dimension(zh):
    """Written from facts by dimension (issue 15): no score tuples; a capped list says so."""
    part = strengths(zh)["strengths"]
    strong = [r for r in zh.result.indicators if r.state == "answered" and (r.share or 0) + 1e-9 >= STRONG]
    assert part["intro"].startswith(f"青石区有{len(strong)}项指标得分率达到90%")
    assert part["paras"][0].startswith("A 政策蓝图与组织领导：")
    assert "C1 街道（乡镇）社区学校覆盖" not in part["paras"][0] and "（4.00/4）" not in " ".join(part["paras"])
    assert len(strong) > STRENGTHS_MAX and part["rest"]


def test_problems_name_the_dimensions_below_the_floor_and_their_biggest_losses(zh):
    groups = problems(zh)["problems"]["groups"]
    floor = next(g for g in groups if g["title"] == "未达底线的维度")
    # the most points lost first (D 5.3, K 4.3, L 3.0), as the summary names them (test_context_summary_agrees.py)
    assert [item["text"][:1] for item in floor["items"]] == ["D", "K", "L"]
    assert "失分主要在D1 人均社区教育（终身教育）财政经费" in floor["items"][0]["text"]
    assert [g["num"] for g in groups] == ["（一）", "（二）", "（三）", "（四）", "（五）"][:len(groups)]


def test_recommendations_cover_the_indicators_losing_points_most_points_lost_first(zh):
    """Every indicator below full points gets one, what decides the outcome first (a veto's, a
    floor's or a survey line's indicator), then the most points lost, at most ten written out (the
    rest named); each says where the unit stands (issue 15 item 3; readings2 AUDIT.md item 3)."""
    part = recommendations(zh)["recommendations"]
    items = part["items"]
    from reports.context_recommend import RECS_MAX, RECS_MAX_PLAN, _plan_order as has_plan, condition_rank, held_advice

    # the indicators answered with the city's record and not the unit's part (B1, and K1 since c1d3ec8)
    # get no recommendation: named once after the list instead
    held = held_advice(zh)
    assert held == ["B1", "K1"] and "B1、K1按所在城市的情况填报" in part["rest"]
    losing = [r for r in zh.result.indicators
              if r.state != "not_applicable" and r.max - r.score > 1e-6 and r.id not in held]
    rank = condition_rank(zh)
    serving = sum(1 for r in losing if r.id in rank)
    cap = max(RECS_MAX_PLAN, min(serving, RECS_MAX)) if has_plan(getattr(zh, "plan", None)) else RECS_MAX
    assert len(items) == min(cap, len(losing)) and (part["rest"] != "") == (len(losing) > cap)
    groups = [0 if i["ind"].split()[0] in rank else 1 for i in items]
    assert groups == sorted(groups)  # the conditions' indicators first
    for g in (0, 1):
        lost = [float(i["lost"]) for i, k in zip(items, groups) if k == g]
        assert lost == sorted(lost, reverse=True)
    assert all(i["standing"] for i in items) and all(len(i["models"]) <= 2 for i in items)


# --- 七 conclusion ------------------------------------------------------------------------------------


def test_conclusion_names_the_total_grade_and_decision(zh, en):
    part = conclusion(zh)["conclusion"]
    assert part["total"] == "综上，青石区学习型城市建设评估总得分75.6分，等级为“合格”，评估结论为“暂缓认定”。"
    assert part["self_note"] and part["panel"] == [] and part["bench"]["available"]
    assert "Pass" in conclusion(en)["conclusion"]["total"]


def test_conclusion_of_a_reviewed_report_uses_the_verified_total_and_the_panel_words(reviewed):
    part = conclusion(reviewed)["conclusion"]
    assert "75.3" in part["total"] and part["self_note"] == ""
    # the panel's conclusion opens the section (issue 15 item 4), not a bullet after the rules
    assert part["opening"][0].startswith("专家组认为") and part["panel"] == []


# --- appendices ---------------------------------------------------------------------------------------


def test_appendix1_has_one_numbered_row_per_indicator(zh):
    part = score_table(zh)["scores"]
    rows = [row for g in part["groups"] for row in g["rows"]]
    assert [row["no"] for row in rows] == list(range(1, len(zh.result.indicators) + 1))
    assert part["total"] == {"points": "100", "score": "75.58", "verified": ""} and not part["with_verified"]
    assert next(row for row in rows if row["id"] == "L1")["score"] == zh.cat["score_na"]


def test_appendix1_of_a_reviewed_report_flags_the_changed_scores(reviewed):
    part = score_table(reviewed)["scores"]
    assert part["with_verified"] and part["total"]["score"] == "75.58" and part["total"]["verified"] == "75.30"
    flagged = {row["id"] for g in part["groups"] for row in g["rows"] if row["flag"]}
    assert {"D2", "J4", "K5"} <= flagged


def test_appendix2_has_one_row_per_city_of_the_benchmark(zh):
    part = benchmark_table(zh)["bench"]
    assert len(part["rows"]) == len(zh.bench.table) == zh.bench.of
    assert [row["city"] for row in part["rows"] if row["subject"]] == ["青石区"]
    assert [d["id"] for d in part["dims"]] == [d.id for d in zh.result.dimensions]


def test_appendix2_without_a_benchmark_says_so():
    f = report_facts(QINGSHI, with_bench=False)
    part = benchmark_table(f)["bench"]
    assert not part["available"] and part["text"] and "rows" not in part


def test_appendix3_counts_add_up_to_every_indicator(zh):
    rows = dict(coverage(zh)["coverage"]["rows"])
    counted = sum(int(rows[k]) for k in ("已填报", "不适用", "数据不详", "未填报"))
    assert counted == int(rows["指标总数"]) == len(zh.result.indicators)


@pytest.mark.parametrize(("lang", "not_asked", "keys"), [
    ("zh", "县级单位不填报", ("已填报", "不适用", "数据不详", "未填报", "指标总数")),
    ("en", "Not asked of a county", ("Answered", "Not applicable", "Unknown", "Not answered", "Indicators")),
])
def test_appendix3_of_a_county_counts_the_indicator_its_level_is_not_asked(lang, not_asked, keys):
    """Danxia (G18-A4): 47 indicators and "not applicable 1" matched none of the report's own counts (48
    indicators; J3 marked not applicable by the county, L1 not asked of a county): each is said apart."""
    f = report_facts(Path(__file__).parent / "audit_reports_g18" / "danxia-county.yaml", lang=lang, with_bench=False)
    part = coverage(f)["coverage"]
    rows = dict(part["rows"])
    assert (rows[keys[1]], rows[not_asked]) == ("1", "1")
    assert sum(int(rows[k]) for k in (*keys[:4], not_asked)) == int(rows[keys[4]]) == 48
    lists = dict(part["lists"])
    assert [label for label, items in part["lists"] if any(i.startswith("L1 ") for i in items)] == \
        [next(label for label in lists if label.startswith(("指标体系规定县级", "Not asked of a county")))]


def test_appendix4_has_blank_lines_until_the_panel_signs(zh, reviewed):
    own = signatures(zh)["signatures"]  # a self-assessment: no panel lines, the office's seal only
    assert not own["panel"] and own["rows"] == [] and own["date"] == "" and own["body_label"] == "自评单位（盖章）："
    signed = signatures(reviewed)["signatures"]
    assert not signed["blank"] and "周明远" in [m["name"] for m in signed["rows"]]
    assert signed["date"] == "2025年5月22日"
