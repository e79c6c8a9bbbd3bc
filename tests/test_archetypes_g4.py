"""G4 audit: five archetype units (tests/audit_cities/g4/, EXPECTED.md written before lcity ran,
AUDIT.md after). The judgments the panel member and lcity agree on are asserted so that they stay;
the ones the panel member would not sign are strict xfails carrying lcity's words, so that fixing
one is noticed (the xfail then passes and must be turned into an assertion)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.pipeline import read_scored
from evaluator.checks import run_checks
from indicators.loader import load_framework
from indicators.safeyaml import load_text

from .conftest import assert_agreed, lcity_here, report_lines, section

G4 = Path(__file__).resolve().parent / "audit_cities" / "g4"
UNITS = ("haicheng-district-intl", "beiquan-district-line", "nanhu-district-cityrecord",
         "tongxi-district-review", "yunxi-county-tiny")


@cache
def scored(unit: str, review: bool = False):
    """The unit's Result (verified by its review file when ``review``) and its loaded assessment."""
    reviews = [G4 / f"{unit}.review.yaml"] if review else []
    return read_scored(G4 / f"{unit}.yaml", reviews=reviews)


@cache
def page(unit: str, lang: str = "zh", review: bool = False) -> list[str]:
    return report_lines(G4 / f"{unit}.yaml", lang, [G4 / f"{unit}.review.yaml"] if review else [])


def summary(unit: str, lang: str = "zh", review: bool = False) -> list[str]:
    return section(page(unit, lang, review), "评估摘要" if lang == "zh" else "Summary", "目" if lang == "zh" else "Contents")


# --- tongxi: the panel's survey defers a self-assessed recognition ------------------------------

def test_tongxi_review_defers_on_k4_with_the_panels_margin():
    """Self-assessed 87.8 and recognised; the panel's survey (520 questionnaires) finds K4 77.5 %:
    85.5, 良好, 暂缓认定. The deciding line gives the panel survey's margin (± 3.6: 73.9–81.1 holds
    80), as 一 does, and the summary names K4 once, with it (it stood twice, once as if certain)."""
    result, _ = scored("tongxi-district-review", True)
    own, _ = scored("tongxi-district-review")
    assert (own.recognition.outcome, round(own.total, 1)) == ("recognised", 87.8)
    assert (result.grade.id, result.recognition.outcome, round(result.total, 1)) == ("good", "deferred", 85.5)
    zh = summary("tongxi-district-review", review=True)
    assert "K4 居民对学习型城市建设的知晓度为77.5%，低于80%的要求，但门槛在±3.6个百分点的抽样误差范围内" in zh
    problems = section(zh, "主要问题", "专家组发现")
    assert sum(ln.startswith("K4 ") for ln in problems) == 1
    assert any(ln.startswith("K4 ") and "（±3.6个百分点，有效样本520份）" in ln and "73.9%—81.1%" in ln for ln in problems)
    en = summary("tongxi-district-review", "en", True)
    assert any("77.5%" in ln and "3.6" in ln for ln in en)


# --- what the panel member and lcity agree on ---------------------------------------------------

AGREED = {  # unit: (total, grade, outcome, pathway)
    "haicheng-district-intl": (44.1, "fail", "refused", "internationalisation"),
    "beiquan-district-line": (85.2, "good", "recognised", "mixed"),
    "yunxi-county-tiny": (85.6, "good", None, "mixed"),   # the outcome: see the xfail below
    "nanhu-district-cityrecord": (88.1, "good", "deferred", "mixed"),  # G4 #1 and #2, fixed (see below)
}


@pytest.mark.parametrize("unit", sorted(AGREED))
def test_totals_grades_outcomes_and_pathways_agreed(unit):
    """The totals equal the hand scorer's (EXPECTED.md); grade, outcome and pathway where signed."""
    r, _ = scored(unit)
    assert_agreed(r, *AGREED[unit])


def test_haicheng_international_but_weak_and_advised_on_its_weaknesses():
    """A port district strong in exchange (L, G1, G2, F5 all full) and thin elsewhere: the type is
    clear and said not to be praise; 六 leads with the community network, older people and community
    education, never with more exchange (L 100 %)."""
    lines = page("haicheng-district-intl")
    assert any("这一判定较为明确" in ln for ln in lines)
    assert any("所谓突出，是相对本单位自身较低的平均得分率（44%）而言，并不表示这些方面已达到较高水平" in ln for ln in lines)
    advice = section(lines, "以下建议针对", "七、")
    items = [ln.split(" ")[0] for ln in advice if re.match(r"^\d+\. [A-L]\d", ln)]
    if not items:  # numbered items may be tags of their own
        items = [ln.split(" ")[0] for ln in advice if re.match(r"^[A-L]\d ", ln)]
    assert items[:3] == ["C1", "I1", "F1"], items
    assert not any(i.startswith("L") for i in items[:10])


def test_beiquan_recognition_said_as_narrow():
    """0.2 above the line and K4 81 % ± 3.1: the summary gives the share of draws that recognise and
    the margin; a panel signs the recognition with that said beside it."""
    zh = summary("beiquan-district-line")
    assert any("高出0.2分" in ln for ln in zh)
    assert "K4 居民对学习型城市建设的知晓度为81%，达到80%的要求，但门槛在±3.1个百分点的抽样误差范围内" in zh


def test_yunxi_small_samples_are_put_to_the_panel():
    """96 and 88 questionnaires, the framework asks 400: 五 asks the panel about each, with its margin."""
    lines = page("yunxi-county-tiny")
    for ind, n in (("K4", 96), ("K5", 88)):
        assert any(ln.startswith(f"{ind} ") and f"只依据{n}份有效问卷，少于指标体系要求的400份" in ln for ln in lines)
    assert any("H1（本单位填报为不适用，填报说明：县内没有普通高校和职业院校）" in ln for ln in lines)


# --- what the panel member would not sign (strict xfails: lcity's words, the auditor's view) ----

def test_nanhu_not_recognised_on_its_citys_figures():
    """G4 #1: Nanhu was recognised on eight figures its own notes give as the city's (15.0 points; its
    own record 73.1). Recognition now waits on them (``Decision.borrowed``), as on a figure beyond
    the plausible range: the unit gives its own figures or the panel verifies them."""
    r, _ = scored("nanhu-district-cityrecord")
    assert r.recognition.outcome == "deferred" and r.recognition.recognised_if_verified
    assert r.recognition.borrowed == ["D3", "E1", "E3", "G1", "G3", "K2", "K4", "K5"]
    assert r.recognition.reasons_zh[-2] == ("D3、E1、E3、G1、G3、K2、K4、K5共8项按填报说明采用上级单位的数据（计15.0分），"
                                            "不是本单位自身的统计；不计这些分数，总分为73.1分，低于暂缓认定线75分")
    assert r.recognition.reasons_zh[-1].endswith("认定的其他条件均已满足：暂缓认定，待改填本单位自身的数据或经专家组核实")
    assert r.recognition.reasons[-1].endswith("until the unit gives its own figures or the panel verifies them")
    tongxi, _ = scored("tongxi-district-review")  # no figure of the city's: recognised as before
    assert tongxi.recognition.outcome == "recognised" and not tongxi.recognition.borrowed


def test_nanhu_pathway_not_on_a_city_figure():
    """G4 #2: Nanhu's 国际化导向型 (+5) counted G1, the city's coverage, as the district's practice.
    Figures its own notes give as its city's are left out as the city's records are."""
    r, _ = scored("nanhu-district-cityrecord")
    assert r.pathway.type == "mixed"
    assert "G1 (Learning-organisation coverage), G3 (Workforce continuing education) are answered with the record " \
           "of the city it belongs to" in r.pathway.reason


def test_yunxi_not_recognised_on_a_survey_below_the_minimum():
    """G4 #3: Yunxi was recognised on 96 and 88 questionnaires where the framework asks for 400: a
    survey condition met on a sample below survey.min_sample is not established (Decision.unsettled),
    so the unit the rules would recognise is deferred until a survey to the standard."""
    r, _ = scored("yunxi-county-tiny")
    assert r.recognition.outcome == "deferred" and r.recognition.unsettled == ["K4", "K5"]
    assert r.recognition.recognised_if_verified and not r.recognition.pending
    assert "K4为81%，但只依据96份有效问卷，少于指标体系要求的400份，尚不能确认达到80%的要求" in r.recognition.reasons_zh
    assert r.recognition.reasons_zh[-1].endswith("认定的其他条件均已满足：暂缓认定，待按标准完成调查")
    assert r.recognition.reasons[-1].endswith("until the survey is carried out to the standard")
    beiquan, _ = scored("beiquan-district-line")  # K4 on 610 questionnaires, within its margin: recognised as reported
    assert beiquan.recognition.outcome == "recognised" and not beiquan.recognition.unsettled


def test_beiquan_reason_does_not_call_the_survey_met_outright():
    """G4 #6: the deciding reason said 调查指标达标 while the next line says only a larger sample would
    settle it; a threshold within the rate's margin (or a sample below the minimum) is met as reported."""
    for name in ("beiquan-district-line",):
        r, _ = scored(name)
        assert not any("调查指标达标" in s for s in r.recognition.reasons_zh)
        assert any("调查指标按填报值达标" in s for s in r.recognition.reasons_zh)
        assert any("survey thresholds met as reported" in s for s in r.recognition.reasons)
    from evaluator.engine import score
    from evaluator.reading import read

    jianglan = score(*read(G4.parent.parent.parent / "examples" / "jianglan-city.yaml").require())
    assert any(s.endswith("调查指标达标，无否决项") for s in jianglan.recognition.reasons_zh)  # well clear of 80 %


# --- nanhu: figures the unit's own notes call its city's (G4 #1, fixed in checks and the report) -

CITY_FIGURES = ["D3", "E1", "E3", "G1", "G3", "K2", "K4", "K5"]


def test_nanhu_validate_names_each_city_figure_at_its_note():
    """Each of the eight answers whose note says it is the city's figure is a warning at its line,
    quoting the note; K1 (a credit bank, which a district answers with its city's record as the
    framework asks) is not one. Exit 0: the file scores."""
    run = lcity_here("validate", str(G4 / "nanhu-district-cityrecord.yaml"))
    assert run.returncode == 0, run.stdout + run.stderr
    found = re.findall(r"nanhu-district-cityrecord\.yaml:(\d+):\d+: 警告 parent-figure: (\w\d) 的填报说明表明，这一数值是江宁市的数据",
                       run.stdout + run.stderr)
    assert [i for _, i in found] == CITY_FIGURES
    assert "K4 的填报说明表明，这一数值是江宁市的数据（“采用全市调查结果（全市有效问卷3200份，其中本区约230份）”），而不是本区自身的统计" \
        in run.stdout + run.stderr
    en = lcity_here("validate", "--lang", "en", str(G4 / "nanhu-district-cityrecord.yaml"))
    assert "warning parent-figure: E1's note says this figure is 江宁市's" in en.stdout + en.stderr


def test_nanhu_report_puts_the_city_figures_beside_the_outcome():
    """The summary's deciding conditions name the eight figures, their 15.0 points and the total
    without them (73.1, below the recognition line); 五 asks about each; 七 says its draws leave
    them as they are (recognition 100 % of draws was read as firm)."""
    zh = summary("nanhu-district-cityrecord")
    line = next(ln for ln in zh if "采用上级单位的数据" in ln)
    assert line.startswith("D3 企业职工教育培训经费提取、E1 终身学习平台覆盖") and "共8项" in line
    assert "共得15.0分，不计其得分，总分为73.1分，低于暂缓认定线75分：等级和评估结论都取决于核实结果" in line
    lines = page("nanhu-district-cityrecord")
    asked = [ln for ln in lines if "但填报说明或佐证材料表明这是江宁市的数据" in ln]
    assert [ln.split(" ")[0] for ln in asked] == CITY_FIGURES
    assert any("采用上级单位的数据，不是本单位自身的统计，其得分能否成立取决于核实结果" in ln for ln in lines)
    en = summary("nanhu-district-cityrecord", "en")
    assert any("8 figures of the city the unit belongs to, not the unit's own" in ln.replace("&#39;", "'") and "73.1" in ln
               and "deferral" in ln for ln in en)


def test_no_other_g4_unit_is_told_of_city_figures():
    for unit in UNITS:
        if unit != "nanhu-district-cityrecord":
            _, loaded = scored(unit)
            assert not [p for p in loaded.problems if p.rule == "parent-figure"], unit


FW = load_framework("china-learning-city@2")
BASE = yaml.safe_load((G4 / "beiquan-district-line.yaml").read_text(encoding="utf-8"))
PLAIN_NOTE = st.text(st.characters(whitelist_categories=("Lo", "Nd"), blacklist_characters="全折乘"), max_size=20)


def _warned(data: dict) -> list[str]:
    text = yaml.safe_dump(data, allow_unicode=True)
    marked = load_text(text, "unit.yaml")
    return [p.message.values["id"] for p in run_checks(marked.data, FW, marked) if p.rule == "parent-figure"]


@settings(max_examples=40, deadline=None)
@given(ind=st.sampled_from(["D1", "E1", "F1", "G1", "K4", "A1", "C3", "K1", "K6"]), note=PLAIN_NOTE,
       city=st.booleans())
def test_a_city_figure_note_is_asked_only_of_a_figure_below_the_city(ind, note, city):
    """A note saying '采用全市…' is a question on a district's figure (number, count, percent); never
    on a choice, a checklist or a yes/no (they say what exists), never on a city's own form, and a
    note without such words is never one."""
    data = yaml.safe_load(yaml.safe_dump(BASE))
    if city:
        data["city"]["level"] = "city"
    data["answers"][ind]["note"] = note
    assert _warned(data) == []
    data["answers"][ind]["note"] = note + "采用全市统计数据"
    figure = FW_TYPES[ind] in ("number", "count", "percent")
    assert _warned(data) == ([ind] if figure and not city else [])


FW_TYPES = {i.id: i.answer.type for i in FW.indicators()}


# --- yunxi, beiquan: 六 names the survey first when it cannot settle its line (G4 #4, fixed) ------

def _recommended(unit: str, lang: str = "zh") -> list[str]:
    lines = page(unit, lang)
    return section(lines, "以下建议针对" if lang == "zh" else "The recommendations", "七、" if lang == "zh" else "7.")


def test_yunxi_is_advised_the_standard_survey_first():
    """Recognised on 96 and 88 questionnaires: 六's first items are K5 and K4, each saying the sample
    is below the 400 asked and its interval holds the line, and asking for the standard survey
    (it led with G3 and L2, the survey only named in the list of the rest)."""
    zh = _recommended("yunxi-county-tiny")
    assert "先列决定评估结论的指标（样本不足或门槛在抽样误差范围内的调查指标）" in zh[0]
    heads = [ln.split(" ")[0] for ln in zh if re.match(r"^[A-L]\d ", ln)]
    assert heads[:2] == ["K5", "K4"]
    assert any(ln.endswith("该比率只依据96份有效问卷（指标体系要求不少于400份），95%置信区间73.2%—88.8%包含80%的认定要求："
                           "应先按标准问卷重新调查（以街道（乡镇）为层，按常住人口比例分配样本，层内随机抽取18岁及以上常住居民，"
                           "有效问卷不少于400份），才能确定是否达到要求。") for ln in zh)
    en = _recommended("yunxi-county-tiny", "en")
    assert any("The rate rests on 96 valid questionnaires (the framework asks for at least 400); its 95% confidence "
               "interval, 73.2% to 88.8%, holds the 80% line of recognition" in ln for ln in en)


def test_beiquan_is_advised_a_larger_sample_first():
    """K4 81 % on 610 questionnaires (± 3.1): the first recommendation is to settle it."""
    zh = _recommended("beiquan-district-line")
    heads = [ln.split(" ")[0] for ln in zh if re.match(r"^[A-L]\d ", ln)]
    assert heads[0] == "K4"
    assert any("95%置信区间77.9%—84.1%（有效样本610份）包含80%的认定要求：认定前宜按标准问卷扩大样本复核" in ln for ln in zh)


def test_a_settled_survey_is_not_pushed_forward():
    """Haicheng's K4 (76 %, short of 80 within its margin) stays a survey shortfall, not 'unsure';
    Nanhu's K4 (85 % on 3,200) is no condition at all."""
    assert "样本不足或门槛在抽样误差范围内" not in _recommended("haicheng-district-intl")[0]
    assert "样本不足或门槛在抽样误差范围内" not in _recommended("nanhu-district-cityrecord")[0]


# --- lcity plan: a recognition reached on a survey that cannot settle it (G4 #5, fixed) ---------

def test_plan_says_the_survey_is_the_step_left():
    """Yunxi (96 and 88 questionnaires) and Beiquan (K4 81 % ± 3.1) are recognised on the rates as
    reported: the plan says so and names the survey as the step left, not '已达到目标，无需调整'
    (the robustness draws recognise them in 32 % and 44 %); Nanhu's surveys are settled."""
    zh = lcity_here("plan", str(G4 / "yunxi-county-tiny.yaml")).stdout
    assert "已达到目标，无需调整" not in zh
    assert "认定的其他条件均已满足，但调查指标的达标尚不确定：K4为81%（有效问卷96份，少于指标体系要求的400份），" \
           "95%置信区间73.2%—88.8%，包含80%的认定要求；K5为72%（有效问卷88份" in zh.replace("\n", "")
    assert "这是尚需完成的一步" in zh.replace("\n", "")
    en = lcity_here("plan", "--lang", "en", str(G4 / "yunxi-county-tiny.yaml")).stdout.replace("\n", " ")
    assert "Every other condition of recognition is met, but the survey lines are not settled: K4 is 81% " \
           "(96 valid questionnaires, fewer than the 400 the framework asks for)" in " ".join(en.split())
    bq = lcity_here("plan", str(G4 / "beiquan-district-line.yaml")).stdout.replace("\n", "")
    assert "K4为81%（有效问卷610份），95%置信区间77.9%—84.1%，包含80%的认定要求" in bq
    assert "调查指标的达标尚不确定" not in lcity_here("plan", str(G4 / "nanhu-district-cityrecord.yaml")).stdout.replace("\n", "")
    # a grade target is not about the survey
    assert "无需调整" in lcity_here("plan", "--target", "良好", str(G4 / "yunxi-county-tiny.yaml")).stdout


def test_plan_names_the_city_figures_recognition_waits_on():
    """Nanhu's plan said '已达到目标，无需调整' on eight figures its notes call the city's."""
    zh = lcity_here("plan", str(G4 / "nanhu-district-cityrecord.yaml")).stdout.replace("\n", "")
    assert "认定的其他条件均已满足，但D3、E1、E3、G1、G3、K2、K4、K5共8项按填报说明采用上级单位的数据，不是本单位自身的统计：" \
           "认定前须改填本单位的数字或经专家组核实，这是尚需完成的一步。" in zh
    assert "已按填报值达到目标" not in zh  # recognition waits on them (Decision.borrowed): not reached
    en = " ".join(lcity_here("plan", "--lang", "en", str(G4 / "nanhu-district-cityrecord.yaml")).stdout.split())
    assert "Every other condition of recognition is met, but the 8 figures D3, E1, E3, G1, G3, K2, K4, K5 are, by " \
           "their notes, data of the city it belongs to, not the unit's own" in en


# --- yunxi: full points from one or two items in a small county (G4 #9, fixed) ------------------

def test_yunxi_full_points_from_one_or_two_items_are_put_to_the_panel():
    """38,000 residents: 2 learning sites are 5.26 per 100,000 (full points at 3), 1 model
    organisation is 26 per million (full at 5). validate says so at each line; 五 asks the panel;
    F4's 8 staff (more than two people) and every other unit in G4 are not asked."""
    run = lcity_here("validate", str(G4 / "yunxi-county-tiny.yaml"))
    text = run.stdout + run.stderr
    assert run.returncode == 0
    assert "yunxi-county-tiny.yaml:49:15: 警告 few-items: E4 填报2个，按常住人口（38,000）折算为5.26个/10万人，" \
           "达到满分标准3个/10万人：满分只取决于这2个" in text
    assert "yunxi-county-tiny.yaml:58:15: 警告 few-items: G2 填报1个" in text
    assert text.count("few-items") == 2
    lines = page("yunxi-county-tiny")
    assert any(ln.startswith("E4 ") and "满分只取决于这2个。请专家组核实后再确认E4的得分。" in ln for ln in lines)
    for unit in UNITS:
        if unit != "yunxi-county-tiny":
            assert not [p for p in scored(unit)[1].problems if p.rule == "few-items"], unit


@settings(max_examples=40, deadline=None)
@given(count=st.integers(0, 6), population=st.integers(20000, 2000000))
def test_few_items_asked_exactly_when_one_or_two_reach_full_points(count, population):
    """E4 (sites per 100,000, full at 3): asked when 1 or 2 sites reach 3 per 100,000, never for 0
    or 3 and more, never below full points."""
    data = yaml.safe_load(yaml.safe_dump(BASE))
    data["city"]["population"] = population
    data["city"]["population_60plus"] = min(data["city"]["population_60plus"], population // 4)
    data["city"]["employed"] = min(data["city"]["employed"], population // 2)
    data["answers"]["E4"]["value"] = count
    text = yaml.safe_dump(data, allow_unicode=True)
    marked = load_text(text, "unit.yaml")
    asked = [p.message.values["id"] for p in run_checks(marked.data, FW, marked) if p.rule == "few-items"]
    full = count / population * 100000 + 1e-9 >= 3
    assert ("E4" in asked) == (1 <= count <= 2 and full)
