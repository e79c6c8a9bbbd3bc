"""Sections 一, 五 and 六 as a panel reads them before signing (tests/audit_readings2/AUDIT.md items
3, 8, 9, 10, 11, 20, 21, 24): recommendations by what they serve, a plan that does not promise what a
survey will find, a heading that does not call unknown "未达标", a validate warning put to the panel,
a review credited for what its record holds, the reason a unit's indicator is out, a word for a unit
at the top, and the shorter way to the next grade beside the plan to recognition.

Reports are rendered to HTML in-process (reports.render.render_html) and read as text, section by
section (the chapter after its last heading: the first is its line in the contents).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from evaluator.benchmark import benchmark
from evaluator.pipeline import read_scored
from reports.render import render_html

from .conftest import ROOT

UNITS = ROOT / "tests" / "audit_readings2"


def _text(name: str, lang: str = "zh", reviews: tuple[Path, ...] = ()) -> str:
    result, loaded = read_scored(UNITS / name, reviews=list(reviews))
    assessment, fw = loaded.require()
    page = render_html(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10")
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    page = re.sub(r"</(p|li|h\d|tr)>", "\n", page)
    return re.sub(r"[ \t]+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _chapter(text: str, head: str, nxt: str) -> str:
    start = text.rindex(head)
    return text[start:text.index(nxt, start)]


@pytest.fixture(scope="module")
def b() -> str:
    return _text("b-jiangchuan-city.yaml")


@pytest.fixture(scope="module")
def a() -> str:
    return _text("a-chaohui-district.yaml")


@pytest.fixture(scope="module")
def c() -> str:
    return _text("c-qinglan-county.yaml")


def _numbered(recs: str) -> list[str]:
    """The ids of the recommendations written out, in order (before the sentence naming the rest)."""
    body = recs[recs.index("以下建议针对"):]
    body = body[:body.index("限于篇幅")] if "限于篇幅" in body else body
    return re.findall(r"^ *([A-L][0-9]) ", body, flags=re.M)


def test_the_failing_dimensions_lead_the_recommendations_not_the_effort_order(b):
    recs = _chapter(b, "六、意见建议", "七、")
    shown = _numbered(recs)
    # C 25 %, F 9 %, D 44 % are why 江川市 fails: their indicators are written out, not left to "其余"
    assert {"C1", "F1", "F4", "D1"} <= set(shown), shown
    assert shown[0] == "C1"  # the most points lost among the floors' indicators
    assert "F6" not in shown[:4] and "H1" not in shown[:4]  # the table's cheapest rows are not the lead
    assert "任务按工作量由小到大排列" in recs  # the task table keeps its effort order, and says so
    assert "不同于上表按工作量排列的顺序" in recs and "顺序与上表任务一致" not in recs
    assert "（未达底线的维度、未达要求的调查指标）" in recs  # only the conditions this unit misses
    assert "否决项" not in recs.split("限于篇幅")[0].split("以下建议针对")[1].split("；")[0]


def test_a_zero_dimension_leads_a_contradicted_units_recommendations():
    recs = _chapter(_text("d-lingang-district.yaml"), "六、意见建议", "七、")
    shown = _numbered(recs)
    assert shown[:2] == ["L2", "L3"], shown  # L at 0 %: first, not fifth


def test_a_veto_comes_first_and_a_questioned_answer_is_put_to_the_panel():
    en = _text("e-lanhu-district.yaml", "en")
    recs = en[en.rindex("6. Recommendations"):]
    first = re.search(r"^ *([A-L][0-9]) ", recs[recs.index("The recommendations below"):], flags=re.M)
    assert first and first.group(1) == "D2"
    assert "(a veto" in recs
    problems = en[en.rindex("5. Problems"):en.rindex("6. Recommendations")]
    assert "Answers for the panel to check" in problems
    assert ("D1 Public community/lifelong-education funds per resident is scored as dedicated funds (2.25 of 3 "
            "points), but D2 Dedicated budget line and its growth answers 'No dedicated line") in problems
    assert "paid from the general education budget" in problems  # the unit's note, as written


def test_no_question_where_the_budget_line_is_there(b):
    # 江川市 single-lists its budget line: its funds raise no question
    assert "请专家组核实的填报" not in b


def test_an_unknown_survey_rate_is_not_called_failed(c, b):
    problems = _chapter(c, "五、存在问题", "六、意见建议")
    assert "居民调查指标未达标或无数据" in problems
    assert "K5 居民满意度：无调查数据" in problems
    # a rate that was measured and falls short keeps the plain heading
    assert "居民调查指标未达标\n" in _chapter(b, "五、存在问题", "六、意见建议").replace(" \n", "\n")


def test_a_plan_of_figures_to_find_out_does_not_promise_the_target(c):
    plan = _chapter(c, "整改任务清单", "工作量单位")
    assert "即可达到目标" not in plan
    assert "若下表中“查明”的数值达到所列水平，完成以下28项任务可达到目标，总分由29.7分提高到85.0分，合计工作量64点" in plan


def test_the_reviewed_basis_credits_what_the_review_records():
    text = _text("a-chaohui-district.yaml", reviews=(UNITS / "a-chaohui-district.review.yaml",))
    basis = _chapter(text, "一、评估依据与过程", "二、")
    assert ("由3位专家组成的专家组审核了全部47项适用指标的自评数据，核减1项（F1），其余46项认可自评数据"
            "（评审记录只列出须更正的指标，未列出的即认可自评）") in basis
    assert "核查了1项指标" not in basis


def test_a_not_applicable_indicator_gives_its_own_reason(a, b, c):
    assert "J3（本单位填报为不适用，填报说明：首次评估）" in b
    assert "L1（指标体系规定区级单位不填报）" in a
    assert "J3（本单位填报为不适用，填报说明：首次评估）、L1（指标体系规定县级单位不填报）" in c
    for text in (a, b, c):
        assert "或本级单位不填报" not in text


def test_a_unit_at_the_top_is_told_so_in_the_plan_part(a):
    recs = _chapter(a, "六、意见建议", "七、")
    assert "朝晖区已达到最高等级“优秀”，评估结论为“认定为示范区”，没有更高的等级可作目标，故不列整改任务" in recs
    assert "工作量单位" not in recs  # no empty table and no table note


def test_a_failing_unit_sees_the_way_to_the_next_grade_beside_the_plan_to_recognition(b):
    recs = _chapter(b, "六、意见建议", "七、")
    assert ("先以上一等级为目标：达到“合格”（总分60分）的最省力途径是完成2项任务（J4、H3），"
            "总分由57.0分提高到60.3分") in recs
    assert recs.index("先以上一等级为目标") < recs.index("以下建议针对")


def test_english_reads_the_same_way():
    en = _text("a-chaohui-district.yaml", "en")
    assert "L1 (the framework does not ask it of a district)" in en
    assert "is already in the top grade, 'Excellent'" in en


@pytest.mark.parametrize("name", ["b-jiangchuan-city.yaml", "c-qinglan-county.yaml", "d-lingang-district.yaml",
                                  "e-lanhu-district.yaml"])
def test_every_recommendation_list_runs_conditions_first_then_points(name):
    """The order 六 claims in its intro holds for every unit: a veto's indicator, then those of a
    floor or survey line, each group by points lost (unknown answers by their points at stake)."""
    from reports.context_recommend import advice_list, condition_rank

    from .test_report_sections import report_facts

    f = report_facts(UNITS / name)
    rank = condition_rank(f)
    items = advice_list(f)
    groups = [{0: 0, 1: 1, 2: 1}.get(rank.get(a.indicator, -1), 2) for a in items]
    assert groups == sorted(groups), [(a.indicator, g) for a, g in zip(items, groups)]
    for g in set(groups):
        lost = [a.lost for a, k in zip(items, groups) if k == g]
        assert lost == sorted(lost, reverse=True)
    if f.result.vetoes:
        assert groups[0] == 0
