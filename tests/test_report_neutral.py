"""A report right for any framework, and honest about who did what in a self-assessment.

China's framework brings things another framework has none of (the comparative study's Table 3,
the 12 reference cities, resident surveys, streets and communities); a self-assessment report is
the unit's own, signed by no panel. Reports are rendered to HTML in-process and read as text, as a
reader sees them: the China frameworks (city, district, reviewed) and a third party's (Fjordvale,
tests/audit_frameworks/fjordvale) side by side.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from evaluator.benchmark import benchmark
from indicators.models import Text
from reports.charts import RED
from reports.context import build_context
from reports.ranking import build_ranking_context
from reports.render import render_html

from .conftest import EXAMPLES, ROOT, plain, scored_reviewed

FJORDVALE = ROOT / "tests" / "audit_frameworks" / "fjordvale"
SANDHAMN = FJORDVALE / "sandhamn-2025.yaml"
HENING = ROOT / "tests" / "audit_cities" / "hening-2025.yaml"  # China v2, a city, self-assessment
JINGONG = ROOT / "tests" / "audit_cities" / "jingong-2025.yaml"  # China v1
QINGSHI = EXAMPLES / "qingshi-district.yaml"
QINGSHI_REVIEW = EXAMPLES / "qingshi-district.review.yaml"


@pytest.fixture(autouse=True)
def _fjordvale_installed(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(FJORDVALE))


@cache
def _text(path: Path, lang: str, review: Path | None = None, fw_update: tuple = ()) -> str:
    result, fw, assessment = scored_reviewed(path, review)
    if fw_update:
        fw = fw.model_copy(update=dict(fw_update))
    return plain(render_html(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10"))


def _context(path: Path, lang: str, review: Path | None = None, **kw) -> dict:
    result, fw, assessment = scored_reviewed(path, review)
    return build_context(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10", **kw)


# --- H3#2: the comparative study's Table 3 column only where Table 3 types the reference units ---


def test_a_third_party_benchmark_has_no_table3_column():
    assert "Comparative study Table 3" not in _text(SANDHAMN, "en")
    assert "论文表3类型" not in _text(SANDHAMN, "zh")
    # China's reference cities keep it, v1 and v2
    assert "论文表3类型" in _text(HENING, "zh")
    assert "Comparative study Table 3" in _text(JINGONG, "en")


# --- H3#3: the unit assessed itself; the body that prepared the file is named as such -----------


def test_the_unit_assesses_itself_whoever_prepared_the_file():
    en = _context(SANDHAMN, "en")["basis"]
    assert en["methods"][0].startswith("Self-assessment: Sandhamn Municipality assessed itself against the framework.")
    assert "panel assessed itself" not in " ".join(en["methods"])
    assert en["materials"]["text"].startswith(
        "The self-assessment data file of Sandhamn Municipality was prepared by the Fjordvale Network peer-review panel")
    assert "panel submitted" not in en["materials"]["text"]
    zh = _context(HENING, "zh")["basis"]
    assert zh["methods"][0].startswith("自评估：和宁市对照指标体系自评")
    assert zh["materials"]["text"].startswith("和宁市的自评数据文件由和宁市学习型城市建设领导小组办公室提交")
    # a reviewed report: the unit assessed itself, its office filed the file, never the panel
    rev = _context(QINGSHI, "zh", QINGSHI_REVIEW)["basis"]
    assert rev["methods"][0].startswith("自评估：青石区对照指标体系自评")
    assert "专家组提交" not in rev["materials"]["text"]


# --- H3#10: the survey's population comes from the framework -------------------------------------


def test_a_survey_of_learners_is_not_called_a_resident_survey():
    en = _text(SANDHAMN, "en")
    assert "resident survey" not in en.lower() and "resident-survey" not in en.lower()
    assert "Survey thresholds: GOV2 Learner satisfaction at least 60%." in en
    assert "uses the results of a survey run by Sandhamn Municipality" in en
    zh = _text(SANDHAMN, "zh")
    assert "居民调查" not in zh and "居民问卷调查" not in zh
    # a framework that names its population is named by it
    learner = (("survey_population", Text(zh="学员", en="learner")),)
    assert "the learner survey thresholds are met" in _text(SANDHAMN, "en", fw_update=learner)
    assert "学员问卷调查指标要求：" in _text(SANDHAMN, "zh", fw_update=learner)
    # China's recognition frameworks survey residents
    assert "居民问卷调查指标要求：K4" in _text(HENING, "zh")
    assert "the resident survey thresholds are met" in _text(HENING, "en")


# --- H3#12: the best reference unit, and the plan's name -----------------------------------------


def test_the_best_reference_is_a_unit_unless_the_units_are_cities():
    en = _context(SANDHAMN, "en")["bench"]
    assert en["th_best_city"] == "Best reference unit"
    assert _context(HENING, "zh")["bench"]["th_best_city"] == "最高城市"
    assert _context(QINGSHI, "zh")["bench"]["th_best_city"] == "最高参照单位"  # a district among cities


def test_an_english_report_asks_for_an_improvement_plan_not_a_rectification():
    # (China's indicator J3 is named "Rectification loop" by its framework: a name, not the report's words)
    assert "rectification plan" not in _text(SANDHAMN, "en")
    assert "rectification plan" not in _text(HENING, "en")
    assert "should draw up an improvement plan" in _text(SANDHAMN, "en")


# --- H3#9: the profile shows the figures the framework uses ---------------------------------------


def test_the_profile_shows_only_the_figures_the_framework_uses():
    rows = dict(r for pair in _context(SANDHAMN, "en")["profile"]["pairs"] for r in pair)
    # Sandhamn's file gives streets, communities and residents aged 60+; Fjordvale counts none of them
    assert "Streets and townships" not in rows and "Communities and villages" not in rows
    assert "Residents aged 60 and over" not in rows and "Share aged 60+" not in " ".join(rows)
    assert rows["Employed population"] == "19,000 people"  # WRK1 is per 1,000 employed
    assert rows["Residents aged 25-64"] == "21,000 residents"  # its own profile figure
    zh = dict(r for pair in _context(HENING, "zh")["profile"]["pairs"] for r in pair)
    assert {"街道（乡镇）", "社区（村）", "所在区域", "人均地区生产总值"} <= set(zh)


# --- H3#14: the ranking chart colours by outcome --------------------------------------------------


def _unit(name: str, total: float, outcome: str, rank: int) -> dict:
    return {"rank": rank, "file": f"{name}.yaml", "name": name, "name_zh": name, "level": "city", "total": total,
            "total_lower": None, "total_upper": None, "ratable": True, "grade": "g", "grade_zh": "g",
            "recognition": outcome, "recognition_name": outcome, "recognition_name_zh": outcome,
            "pathway": None, "pathway_name": None, "pathway_name_zh": None, "confidence": 0.9, "coverage": 0.9,
            "reviewed": False, "period": "2025", "parent": None, "date": None, "shares": {},
            "framework": "x@1"}


def _bar_fills(svg: str) -> list[str]:
    return re.findall(r'<rect x="[^"]+" y="[^"]+" width="[^"]+" height="14" fill="([^"]+)"', svg)


def test_a_vetoed_unit_above_the_line_is_red_and_the_caption_says_why():
    units = [_unit("Norrvik", 84.1, "recognised", 1), _unit("Lilleby", 80.9, "refused", 2),
             _unit("Ostmark", 78.5, "deferred", 3)]
    fw = {"ref": "x@1", "name": "Fjordvale", "name_zh": "峡湾", "outcomes": {
        "recognised": {"zh": "正式成员", "en": "Full member"}, "deferred": {"zh": "观察成员", "en": "Observer member"},
        "refused": {"zh": "不予接纳", "en": "Not admitted"}}}
    ctx = build_ranking_context({"units": units, "dimensions": [], "frameworks": [fw], "failures": [], "files": 3,
                                 "recognition_line": 65, "floor": 0.4}, "en")
    fills = _bar_fills(str(ctx["charts"][0]))
    assert fills[0] != RED and fills[1] == RED and fills[2] == RED
    assert "below it are shown in red" not in ctx["chart_note"]
    assert "units whose outcome is not 'Full member' are shown in red, whatever their total" in ctx["chart_note"]


# --- H4#27: two versions of one framework are told apart ------------------------------------------


def test_the_ranking_lead_names_each_version():
    name = "中国学习型城市建设评估指标体系"
    fws = [{"ref": f"china-learning-city@{v}", "name": "China", "name_zh": name, "line": 85, "floor": 0.6,
            "points": 100.0, "dimensions": []} for v in (1, 2)]
    units = [{**_unit("甲市", 50.0, "refused", 1), "framework": "china-learning-city@1"},
             {**_unit("乙市", 60.0, "refused", 1), "framework": "china-learning-city@2"}]
    ctx = build_ranking_context({"units": units, "dimensions": [], "frameworks": fws, "failures": [], "files": 2},
                                "zh")
    assert f"{name}（第1版）：" in ctx["summary"] and f"{name}（第2版）：" in ctx["summary"]
    assert f"《{name}（第1版）、{name}（第2版）》" in ctx["subtitle"]


# --- H4#16: documents counted as documents --------------------------------------------------------


def test_the_basis_counts_documents_not_citation_strings():
    fw = scored_reviewed(HENING)[1]
    cited = {r for i in fw.indicators() for r in i.source.refs}
    lines = {d for i in fw.indicators() for d in i.source.documents}
    assert 0 < len(cited) <= len(fw.references) < len(lines)  # (62 documents, 120 citation lines)
    v2 = _context(HENING, "zh")["basis"]["paras"][2]
    assert f"共引用公开文件{len(cited)}份" in v2 and f"{len(lines)}份" not in v2
    v1_fw = scored_reviewed(JINGONG)[1]  # v1 keeps no references list: its citations are counted, and said so
    n = len({d for i in v1_fw.indicators() for d in i.source.documents})
    v1 = _context(JINGONG, "zh")["basis"]["paras"][2]
    assert f"共引用公开文件{n}处" in v1 and f"{n}份" not in v1


# --- H4#28: the strategy's statement is no document ----------------------------------------------


def test_the_main_documents_are_documents_only():
    ctx = _context(HENING, "zh")
    strategy = scored_reviewed(HENING)[2].strategy.evidence
    assert strategy and not set(strategy) & set(ctx["basis"]["materials"]["policy"])
    assert ctx["basis"]["materials"]["policy"][0].startswith("《和宁市学习型城市建设三年行动计划")


# --- H4#32: a self-assessment carries no panel signature and names its own office 自评单位 -----------


def test_a_self_assessment_has_no_panel_signatures_and_names_its_office_as_such():
    zh = _text(HENING, "zh")
    assert "评估单位 和宁市学习型城市建设领导小组办公室" not in zh
    assert "自评单位 和宁市学习型城市建设领导小组办公室" in zh
    assert "专家组组长（签字）" not in zh and "附件4 专家组签名" not in zh and "评估单位（盖章）" not in zh
    assert "附件4 自评单位盖章" in zh and "自评单位（盖章）： 和宁市学习型城市建设领导小组办公室" in zh
    en = _text(SANDHAMN, "en")
    assert "Head of the panel (signature)" not in en and "Evaluating body" not in en
    assert "Self-assessment prepared by Fjordvale Network peer-review panel" in en
    # the reviewed report keeps the panel's block and its evaluating body
    rev = _text(QINGSHI, "zh", QINGSHI_REVIEW)
    assert "附件4 专家组签名" in rev and "专家组组长（签字）" in rev
    assert "评估单位（盖章）： 河西市学习型城市建设评估专家组" in rev
    assert "评估单位 河西市学习型城市建设评估专家组" in rev


# --- H4#26: the closing line claims only what verify checks ---------------------------------------


def test_the_closing_line_says_what_verify_checks():
    zh = _text(HENING, "zh")
    assert "数据或结论有任何改动都会被逐项指出" not in zh
    assert "并核对报告所印的总分、等级和评估结论" in zh and "不在核对之列" in zh
    en = _text(SANDHAMN, "en")
    assert "any change to the data or the conclusions is named item by item" not in en
    assert "is not checked" in en
