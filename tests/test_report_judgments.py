"""What the report judges: strengths, problems, the summary's conditions, a parent's record, the
pathway's wording, targets among the practices to learn from (audits H3 and H4).

Each test reads what a user reads: the report's text (rendered HTML without tags), its summary and
section lists, or the `lcity score` output, for the audit's own units (a third-party framework,
Fjordvale, whose levels are a region and its municipalities; five Chinese cities) and for a China
district (Qingshi answers B1, L1 and L2 with its city's record).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from evaluator.benchmark import benchmark
from indicators.loader import load_framework
from reports.context import build_context
from reports.render import render_html

from .conftest import EXAMPLES, ROOT, plain, scored_reviewed

FJORD = ROOT / "tests" / "audit_frameworks" / "fjordvale"
CITIES = ROOT / "tests" / "audit_cities"
QINGSHI = EXAMPLES / "qingshi-district.yaml"


@pytest.fixture(autouse=True)
def fjordvale_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(FJORD))


def ctx(path: Path, lang: str) -> dict:
    result, fw, assessment = scored_reviewed(path)
    return build_context(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10")


def text(path: Path, lang: str) -> str:
    result, fw, assessment = scored_reviewed(path)
    page = render_html(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10")
    return plain(page)


def lcity(*args: str) -> str:
    env = {**os.environ, "LCITY_FRAMEWORK_PATH": str(FJORD), "COLUMNS": "200"}
    run = subprocess.run([sys.executable, "-m", "lcity", *args], capture_output=True, text=True, env=env, cwd=ROOT)
    assert run.returncode == 0 and run.stdout, run.stderr
    return run.stdout


# --- H3#4: a parent's record is named by the framework's levels, never "the city" ----------------


def test_a_municipality_answers_with_its_regions_record_not_a_citys():
    for lang, says, never in (("en", "answered with the record of the region it belongs to", "city's record"),
                              ("zh", "按所在地区的情况填报", "所在城市")):
        out = lcity("score", str(FJORD / "lilleby-2025.yaml"), "--lang", lang)
        assert says in out and never not in out, out
        page = text(FJORD / "lilleby-2025.yaml", lang)
        assert says in page and never not in page


def test_a_chinese_district_still_answers_with_its_citys_record():
    zh, en = text(QINGSHI, "zh"), text(QINGSHI, "en")
    assert "按所在城市的情况填报" in zh  # B1 and L2 among the problems of 五 and in 八
    assert "answered with the record of the city it belongs to" in en


def test_the_parent_level_comes_from_the_framework_levels():
    from evaluator.pathways import parent_level, parent_owner

    v1, v2 = load_framework("china-learning-city@1"), load_framework("china-learning-city@2")
    assert parent_level(v1, "county", ["B1", "L1", "L2"]) == ("城市", "city")  # v1 names no levels
    assert parent_level(v2, "district", ["K1"]) == ("城市", "city")
    fjord = load_framework(FJORD / "fjordvale-learning-region" / "framework.yaml")
    assert parent_level(fjord, "municipality", ["WRK2"]) == ("地区", "region")
    # a unit of the top level has no level above it: the wording is neutral, not "the city"
    assert parent_owner(v2, "city", ["K1"]) == ("所属上级单位", "the unit it belongs to")


# --- H3#5: a parent's record is not the unit's strength, nor its recommendation ----------------------


def _named(items: list[str], ind: str) -> bool:
    return any(ind in i for i in items)


def test_a_regions_service_is_not_the_municipalitys_strength():
    for lang in ("en", "zh"):
        c = ctx(FJORD / "lilleby-2025.yaml", lang)
        assert not _named(c["summary"]["strengths"], "WRK2")
        name = "Recognition of prior learning" if lang == "en" else "先前学习认定"
        assert not _named(c["strengths"]["paras"], name)


def test_a_regions_service_is_not_the_municipalitys_recommendation():
    for lang in ("en", "zh"):
        c = ctx(FJORD / "sandhamn-2025.yaml", lang)
        assert not any(r["ind"].startswith("WRK2") for r in c["recommendations"]["items"])
        # the plan leaves it out and says so; the recommendations agree with it
        assert "9" in c["recommendations"]["intro"]


def test_a_chinese_districts_city_record_is_neither_strength_nor_task():
    for lang in ("zh", "en"):
        c = ctx(QINGSHI, lang)
        for ind in ("B1", "K1", "L1", "L2"):
            assert not _named(c["summary"]["strengths"], ind)
        recs = [r["ind"] for r in c["recommendations"]["items"]]
        assert not any(r.startswith(("B1", "K1")) for r in recs)
    # K1 (the credit bank) is the city's record for a district since china-learning-city@1 says so
    zh = ctx(QINGSHI, "zh")["recommendations"]["rest"]
    assert "B1、K1按所在城市的情况填报，本单位不能单独改变，未列入以上建议" in zh


# --- H4#7: nothing below 80% of its points is called a highlight --------------------------------------


def test_no_shortcoming_is_a_highlight():
    zh = ctx(CITIES / "shiqiao-2025.yaml", "zh")["strengths"]
    assert zh["intro"].startswith("本次评估暂无突出的特色与亮点指标") and not zh["paras"]
    page = text(CITIES / "shiqiao-2025.yaml", "zh")
    four = page.split("四、特色与亮点")[-1].split("五、存在问题")[0]
    for deficiency in ("但未列出可考核的量化目标", "本市无此类条例", "低于满分标准"):
        assert deficiency not in four
    en = ctx(CITIES / "shiqiao-2025.yaml", "en")["strengths"]
    assert en["intro"].startswith("This assessment shows no indicator that stands out")


@pytest.mark.parametrize("name", ["hening", "hailan", "jingong", "wenlan", "shiqiao"])
def test_every_strength_named_keeps_four_fifths_of_its_points(name):
    result, _, _ = scored_reviewed(CITIES / f"{name}-2025.yaml")
    c = ctx(CITIES / f"{name}-2025.yaml", "zh")
    named = [r for r in result.indicators if _named(c["summary"]["strengths"], r.id + " ")]
    assert all((r.share or 0) >= 0.9 - 1e-9 for r in named)
    four = " ".join(c["strengths"]["paras"])
    for r in result.indicators:
        if r.name_zh and f"：{r.name_zh}" in four or four.startswith(r.name_zh or "\0"):
            assert (r.share or 0) >= 0.8 - 1e-9, (r.id, r.share)


# --- H4#10, H3#19: the summary's conditions, each once; why refused and not deferred ----------------


def test_the_summary_says_each_condition_once_and_why_refused():
    reasons = ctx(CITIES / "hailan-2025.yaml", "zh")["summary"]["reasons"]
    assert sum("K4" in r for r in reasons) == 1, reasons
    assert any("±2.1个百分点" in r and "K4" in r for r in reasons)
    assert "总分73.2分，低于认定线85分，也低于暂缓认定线75分，故不予认定而非暂缓认定" in reasons
    assert "总分低于75分" not in reasons


def test_a_refused_unit_is_told_why_it_is_not_deferred():
    en = ctx(FJORD / "bergsund-2025.yaml", "en")
    assert any("also below the 50 needed for 'Observer member'" in r for r in en["conclusion"]["reasons"])
    assert any("also below the 50 needed for 'Observer member'" in r for r in en["summary"]["reasons"])
    zh = ctx(CITIES / "hailan-2025.yaml", "zh")["conclusion"]["reasons"]
    assert any("也低于暂缓认定线75分，故不予认定而非暂缓认定" in r for r in zh)
    # a deferred unit is told why it is not refused, in the same line as its total
    deferred = ctx(FJORD / "sandhamn-2025.yaml", "en")["summary"]["reasons"]
    assert any("but reaches the 50 needed for 'Observer member'" in r for r in deferred)


# --- H3#18: a unit without a grade is not "graded 'Not ratable'" ------------------------------------


def test_not_ratable_is_no_grade():
    page = text(FJORD / "kvarnby-2025.yaml", "en")
    # its total is the bounds its unknown answers allow (G19-A10), never a bare 28.0
    assert "total lies between 28.0 and 82.0 of 100 points (the lower figure with unknown answers counted as 0, the upper with them at full points); not ratable (no grade)" in page
    assert "grade 'Not ratable'" not in page and "Grade and decision: Not ratable" not in page
    zh = text(CITIES / "shiqiao-2025.yaml", "zh")
    assert "等级为“数据不足，不予定级”" not in zh


# --- H4#33: "90% or more" on the unrounded share ------------------------------------------------------


def test_a_dimension_at_89_6_percent_is_not_at_90_or_more():
    result, _, _ = scored_reviewed(CITIES / "wenlan-2025.yaml")
    c = next(d for d in result.dimensions if d.id == "C")
    assert 0.895 < c.share < 0.9
    opening = ctx(CITIES / "wenlan-2025.yaml", "zh")["conclusion"]["opening"][0]
    strong = opening.split("基础较好")[0]
    assert "C 三级联动治理网络" not in strong and "J 以评促建" in strong


# --- H4#13: a mixed pathway is what the practice shows, not a finding against the city -------------


def test_a_leading_type_below_the_line_is_said_plainly():
    out = lcity("score", str(CITIES / "hailan-2025.yaml"), "--lang", "zh")
    assert "实际做法以“国际化导向型”为首（高出本单位平均4个百分点，未达5个百分点的判定线），侧重不明显" in out
    assert "是因为后者低于本单位平均水平" in out  # the 16-point lead beside the 4-point emphasis
    block = ctx(CITIES / "hailan-2025.yaml", "zh")["conclusion"]["pathway"]
    assert not block["finding"].startswith("发现")
    assert "正是实际做法居首的类型" in block["finding"]
    en = lcity("score", str(CITIES / "hailan-2025.yaml"), "--lang", "en")
    assert "no clear emphasis: the practice puts 'Internationalisation-oriented' first" in en


# --- H4#20: a plan target is not shown as a practice ---------------------------------------------------


@pytest.mark.parametrize("ref", ["china-learning-city@1", "china-learning-city@2"])
def test_exemplars_that_are_plan_targets_say_so(ref):
    fw = load_framework(ref)
    for ind in fw.indicators():
        for e in ind.exemplars:
            if re.search(r"计划提出|计划为", e.practice.zh):
                assert "目标" in e.practice.zh and "未见公开资料" in e.practice.zh, (ind.id, e.practice.zh)
                assert "target" in e.practice.en and "no public source" in e.practice.en, (ind.id, e.practice.en)


def test_the_weakest_dimensions_show_beijings_target_as_a_target():
    page = text(CITIES / "hailan-2025.yaml", "zh")
    assert "北京2016—2020年行动计划提出的目标是建设50个职工继续教育基地" in page
    assert "北京2016—2020年行动计划提出建设50个" not in page
