"""The cover and the summary page say what a panel would sign (audit readings2, A1 #1 #7 #12 #13
#14 #18 #19): a report number of the unit's own, a not-ratable unit opened with that outcome and its
bounds, the panel's findings and totals said to be the panel's, problems and first improvements on
one basis, idiomatic loss wording, the declared pathway the practice contradicts, and a veto named
with the grade it decided.

Each test reads the summary page (or the cover) as text, from the report's HTML made in-process.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from evaluator.benchmark import benchmark
from evaluator.sensitivity import for_unit
from reports.context_format import default_number
from reports.render import render_html

from .conftest import ROOT, plain, scored_reviewed

UNITS = ROOT / "tests" / "audit_readings2"
A, B, C, D, E = (UNITS / f"{n}.yaml" for n in ("a-chaohui-district", "b-jiangchuan-city", "c-qinglan-county",
                                               "d-lingang-district", "e-lanhu-district"))
A_REVIEW = UNITS / "a-chaohui-district.review.yaml"


@cache
def _page(path: Path, lang: str, review: Path | None = None, number: str | None = None) -> str:
    result, fw, assessment = scored_reviewed(path, review)
    rob = for_unit(result, fw, samples=200, sobol=False)
    return render_html(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10",
                       robustness=rob, number=number)


def _summary(path: Path, lang: str, review: Path | None = None) -> str:
    page = _page(path, lang, review)
    return plain(re.search(r'<section class="summary" id="sec-summary">.*?</section>', page, re.DOTALL).group(0))


def _items(summary: str, head: str, next_head: str) -> str:
    return summary.split(head, 1)[1].split(next_head, 1)[0]


# --- #1 the report number ---------------------------------------------------------------------------

def test_a_unit_without_an_id_is_numbered_by_its_name_never_the_placeholder():
    numbers = {}
    for path in (A, B, C, D, E):
        result, _, assessment = scored_reviewed(path)
        numbers[path.stem] = default_number(result, assessment)
    assert numbers["a-chaohui-district"] == "LC-chaohui-district-2025"
    assert numbers["b-jiangchuan-city"] == "LC-jiangchuan-2025"
    assert len(set(numbers.values())) == 5  # five units, five numbers
    assert not any("LC-city-" in n for n in numbers.values())
    # the cover, the running header and the reviewed report's -R
    page = _page(A, "zh")
    assert "LC-chaohui-district-2025" in plain(page) and "LC-city" not in page
    assert "LC-chaohui-district-2025-R" in plain(_page(A, "zh", A_REVIEW))


def test_a_unit_named_only_in_chinese_is_numbered_by_its_chinese_name():
    result, _, assessment = scored_reviewed(C)
    city = assessment.city.model_copy(update={"name": assessment.city.name.model_copy(update={"en": None})})
    assert default_number(result, assessment.model_copy(update={"city": city})) == "LC-青岚县-2025"


def test_a_given_number_still_replaces_the_default():
    text = plain(_page(A, "zh", number="青学评〔2025〕3号"))
    assert "青学评〔2025〕3号" in text and "LC-chaohui-district" not in text


# --- #7 a unit that is not ratable ------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_unit_not_ratable_opens_with_that_outcome_and_its_bounds(lang):
    s = _summary(C, lang)
    body = s.split("评估摘要" if lang == "zh" else "Summary", 1)[1]
    first = body.split("。" if lang == "zh" else ". ", 2)[1]  # after the "rests on" line
    if lang == "zh":
        assert first.strip().startswith("青岚县数据不足，不予定级：")
        assert "总分介于29.7—83.7分之间" in s
        assert "合理数值" not in s
        assert "青岚县评估总得分29.7分" not in s  # no bare total as if rated
        # B (33 % with its unknown answer at 0) could still reach its floor with it: not called below it
        assert "B 地方立法与制度保障：得分率33%，低于60%的底线" not in s
        assert "L 国际交流合作：得分率42%，低于60%的底线" in s
    else:
        assert first.strip().startswith("Qinglan County: Not ratable")
        assert "lies between 29.7 and 83.7" in s
        assert "plausible" not in s
        assert "(1 of its indicators unknown, counted as 0)" not in s and "B Local" not in s
        assert "L International exchange: 42% of its points, below the 60% floor" in s


def test_the_conclusion_of_a_unit_not_ratable_gives_its_bounds():
    text = plain(_page(C, "zh"))
    assert "综上，青岚县数据不足，不予定级：总分介于29.7—83.7分之间" in text
    assert "综上，青岚县评估总得分29.7分" not in text


# --- #12 the reviewed summary -----------------------------------------------------------------------

def test_the_reviewed_summary_gives_both_totals_and_labels_the_panels_findings():
    s = _summary(A, "zh", A_REVIEW)
    assert "朝晖区自评91.7分，专家组核定90.8分（满分100分）" in s
    problems = _items(s, "主要问题：", "首要改进事项：")
    assert "专家组发现：社区教育参与人次统计口径不严" in problems
    assert "专家组发现：老年人经常性参与老年教育的比例约24%" in problems
    # nothing the panel wrote appears unlabelled
    assert problems.count("专家组发现：") == 2
    en = _summary(A, "en", A_REVIEW)
    assert "self-assessed 91.7 points, verified by the panel 90.8" in en
    assert "The panel found (as written): " in en  # the panel's Chinese quoted as written (readings3 #17)


# --- #13 problems and first improvements on one basis ------------------------------------------------

def test_the_main_problems_and_the_first_improvements_name_the_same_indicators():
    s = _summary(A, "zh")
    problems = _items(s, "主要问题：", "首要改进事项：")
    steps = s.split("首要改进事项：", 1)[1]
    ids = lambda text: re.findall(r"\b([A-L]\d)\b", text)
    assert ids(problems) == ids(steps) == ["I1", "L2", "K2"]  # I1 loses 1.23 points, D3 0.67
    assert "D3" not in problems


# --- #14 the loss said in idiomatic words ------------------------------------------------------------

def test_a_loss_is_said_as_points_lost():
    zh, en = _summary(A, "zh"), _summary(A, "en")
    assert "I1 老年人经常性参与老年教育失分1.23分（满分4分）" in zh
    assert not re.search(r"[^分]失\d", zh)
    assert "I1 Older people regularly in education (1.23 of 4 points lost)" in en
    assert "loses 1.23 of 4" not in en


# --- #19 a declared pathway the practice contradicts -------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_summary_says_the_declared_pathway_is_not_what_the_practice_shows(lang):
    s = _summary(D, lang)
    if lang == "zh":
        assert "临港区自述为“国际化导向型”，与实际做法不一致：界定该类型的做法得分率为17%，低于本单位各项做法的平均水平72%。" in s
    else:
        assert "Lingang District declares" in s and "which its practice does not bear out" in s
    # a unit whose practice matches what it declares is not told otherwise
    assert "自述" not in _summary(A, "zh")


# --- #18 a grade decided by a veto ------------------------------------------------------------------

def test_every_summary_sentence_naming_a_vetoed_grade_names_the_veto():
    s = _summary(E, "en")
    sentences = [x for x in re.split(r"(?<=[.;])\s+", s) if re.search(r"\bFail\b", x)]
    assert sentences
    for x in sentences:
        assert "veto" in x, x
    # the veto's own indicator is named once, as the veto, not again as a loss of points
    problems = _items(s, "Main problems:", "The key tasks")
    assert "a veto item applies" in problems and "D2" not in problems
