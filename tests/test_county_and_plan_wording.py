"""A county reads as a county, a district is tasked only with what it can do, a national award is
not a small task, and an unknown figure is found out, not chosen.

An outside evaluator ran china-learning-city@2 on the district and county files of
tests/archetypes_districts and found:

* a county was asked about district work: J4 '区级示范项目', '本县确定并实施…的区级学习型城市建设示范项目',
  '本县被认定为区级（含）以上学习型社区', and its report advised '补足区级示范项目';
* a district's plan made the city's credit bank its task (K1 'provincial → city', effort 4, the
  district's education office responsible);
* a national Learning Star or brand project (K3 national_brands), which a national selection
  decides, was costed at 2 effort points and due next year;
* the report's task list read 'K4 不详 → 81%': nobody chooses what a survey will find.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evaluator.advice import advise
from evaluator.effort import resolve
from evaluator.engine import score
from evaluator.plan import for_report, parse_target, plan
from evaluator.reading import read
from indicators.loader import load_framework
from indicators.models import EffortEntry, EffortModel
from reports.context_facts import facts
from reports.context_plan import tasks

from .conftest import ROOT, lcity_here as lcity

FW = load_framework("china-learning-city@2")
ARCHETYPES = ROOT / "tests" / "archetypes_districts"
COUNTY = ARCHETYPES / "xuefeng-county-west.yaml"
PARTIAL = ARCHETYPES / "dongyuan-district-partial.yaml"  # 28 unknown indicators: not ratable

#: what a county must never be asked about: district-level work and recognition
DISTRICT_ZH = re.compile(r"区级|本区")
DISTRICT_EN = re.compile(r"district[- ]level|District demonstration|district standards|district budget|"
                         r"district sub-site|district Learning Star|the district has", re.IGNORECASE)


def _texts(obj, path: str = ""):
    """Every (path, zh, en) text a unit sees of an indicator, its answers and its measurement."""
    if obj is None:
        return
    if hasattr(obj, "zh") and hasattr(obj, "en") and isinstance(obj.zh, str):
        yield path, obj.zh, obj.en
    elif hasattr(type(obj), "model_fields"):
        for k in type(obj).model_fields:
            if k not in ("source", "exemplars", "by_level", "rationale"):
                yield from _texts(getattr(obj, k), f"{path}.{k}")
    elif isinstance(obj, (list, tuple)):
        for i, x in enumerate(obj):
            yield from _texts(x, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for k, x in obj.items():
            yield from _texts(x, f"{path}.{k}")


def _loaded(path: Path):
    loaded = read(path)
    assert loaded.assessment is not None and not loaded.errors, loaded.errors
    return loaded.assessment, loaded.framework


# --- 1. a county reads as a county ----------------------------------------------------------------


def test_every_indicator_a_county_is_asked_reads_as_a_county() -> None:
    unit = FW.unit_name("county")
    wrong = [(ind.id + p, zh, en) for _, rows in FW.at_level("county") for ind, applies in rows if applies
             for p, zh, en in _texts(ind.at_level("county", unit))
             if DISTRICT_ZH.search(zh) or DISTRICT_EN.search(en)]
    assert wrong == []


def test_the_county_form_asks_about_county_work() -> None:
    zh = lcity("init", "--level", "county", "--lang", "zh", "--city", "雪峰县")
    assert zh.returncode == 0, zh.stderr
    assert "J4 县级示范项目" in zh.stdout
    assert "本县确定并实施、且有成效数据（参与人数、产出成果等）的县级学习型城市建设示范项目有多少个？" in zh.stdout
    assert "本县被认定为县级（含）以上学习型社区（村）的社区（村）有多少个？" in zh.stdout
    assert "本县建有至少一所老年大学" in zh.stdout
    assert DISTRICT_ZH.findall(zh.stdout) == []
    en = lcity("init", "--level", "county", "--lang", "en", "--city", "Xuefeng")
    assert en.returncode == 0, en.stderr
    assert "J4 County demonstration projects" in en.stdout
    assert "recognised as learning communities/villages at county level or above" in en.stdout
    assert DISTRICT_EN.findall(en.stdout) == []
    district = lcity("init", "--level", "district", "--lang", "zh", "--city", "东园区").stdout
    assert "J4 区级示范项目" in district  # a district keeps its own wording
    assert "本区被认定为区级（含）以上学习型社区（村）的社区（村）有多少个？" in district


def test_a_county_short_of_demonstration_projects_is_advised_county_projects() -> None:
    assessment, fw = _loaded(COUNTY)
    result = score(assessment, fw)
    inds = {i.id: i for _, rows in fw.at_level("county") for i, _ in rows}
    j4 = next(a for a in advise(fw, inds, result.indicators, "county") if a.indicator == "J4")
    assert "补足县级示范项目" in j4.text.zh and "Add county demonstration projects" in j4.text.en


# --- 2. a district is tasked only with what it can do --------------------------------------------


def test_no_district_or_county_plan_makes_the_citys_record_its_own_task() -> None:
    """K1 'provincial → city' (本市建有并运行学分银行) was the district's task, effort 4."""
    tasked = []
    for path in sorted(ARCHETYPES.glob("*.yaml")):
        assessment, fw = _loaded(path)
        level = assessment.city.level
        p = for_report(score(assessment, fw), fw, assessment)
        for c in p.changes if p is not None else ():
            if not c.parent and (c.indicator == "K1" or fw.indicator(c.indicator).answered_for_parent(level)):
                tasked.append((path.stem, c.indicator))
    assert tasked == []


def test_the_credit_bank_is_the_citys_record_for_a_district_and_a_county() -> None:
    k1 = FW.indicator("K1")
    assert k1.answered_for_parent("district") and k1.answered_for_parent("county")
    assert not k1.answered_for_parent("city")
    for level in ("district", "county"):
        asked = k1.at_level(level, FW.unit_name(level))
        city = next(c for c in asked.answer.choices if c.id == "city")
        assert city.zh.startswith("所在城市") and "本市" not in city.zh
        assert "按所在城市的情况填报" in asked.question.zh


def test_a_partial_districts_plan_says_the_credit_bank_is_the_citys() -> None:
    assessment, fw = _loaded(PARTIAL)
    p = for_report(score(assessment, fw), fw, assessment)
    assert "K1" in [i for i, _ in p.held]
    assert "K1" not in [c.indicator for c in p.changes]


# --- 3. a national award is not a small task -----------------------------------------------------


def test_a_national_award_costs_a_years_work_and_at_least_two_years() -> None:
    effort = resolve(FW, FW.indicator("K3"))
    cost, entry = effort.item("national_brands")
    assert cost >= 12 and entry is not None and entry.years >= 2
    assert "全国" in entry.rationale.zh and "national" in entry.rationale.en
    assert effort.item("learning_week")[0] == effort.per_step  # a yearly event stays a small step


def test_the_report_does_not_promise_a_national_award_next_year() -> None:
    """Everything else made nearly free: the award alone would fit the first year, but a yearly
    national selection cannot be won sooner than its horizon."""
    assessment, fw = _loaded(COUNTY)
    cheap = EffortEntry(per_step=0.01)
    override = EffortModel(defaults={k: cheap for k in ("boolean", "levels", "checklist", "steps", "linear")},
                           indicators={i.id: cheap for i in fw.indicators()})
    p = plan(assessment, fw, parse_target(fw, "99"), override=override, alternative=False)
    assert p.effort < 24  # a year's work by the report's pace: only the horizon pushes the award later
    k3 = next(c for c in p.changes if c.indicator == "K3")
    assert "national_brands" in k3.after and k3.effort >= 12
    for lang, why in (("zh", "至少2年"), ("en", "at least 2 years")):
        f = facts(score(assessment, fw), None, fw, assessment, lang=lang, date="2026-06-01", plan=p)
        block = tasks(f)["tasks"]
        row = next(r for r in block["rows"] if r["task"].startswith("K3 "))
        assert int(row["year"]) >= 2027
        assert why in block["note"]


# --- 4. an unknown figure is found out, not chosen ------------------------------------------------


# K4 at its survey line (80 %): one survey finds K4 and K5, nothing is raised before it is measured;
# E1 (E3 presupposes it since G3 audit #5) is the counted figure found out
@pytest.mark.parametrize("lang, intro, k4, e3", [
    ("zh", "数据不足，暂不能定级：首先应按各指标的计算方法收集并核实这些数据", "查明（开展居民调查；需达到80%）",
     "查明（统计核实；需达到134,972人）"),
    ("en", "too many to rate it: collecting and checking these figures", "measure it (resident survey; 80% needed)",
     "measure it (count it; 134,972 people needed)"),
], ids=["zh", "en"])
def test_a_not_ratable_units_plan_reads_as_collecting_data(lang: str, intro: str, k4: str, e3: str) -> None:
    assessment, fw = _loaded(PARTIAL)
    result = score(assessment, fw)
    assert result.ratable is False
    f = facts(result, None, fw, assessment, lang=lang, date="2026-06-01",
              plan=for_report(result, fw, assessment))
    block = tasks(f)["tasks"]
    assert block["intro"].startswith("本单位有28项指标数据不详" if lang == "zh" else "28 indicators of this unit are unknown")
    assert intro in block["intro"]
    rows = {r["task"].split()[0]: r["change"] for r in block["rows"]}
    assert rows["K4"] == k4 and rows["E1"] == e3
    unknown = "不详" if lang == "zh" else "unknown"
    assert [c for c in rows.values() if c.startswith(unknown)] == []


def test_an_effort_for_an_item_the_indicator_lacks_is_located(tmp_path: Path) -> None:
    text = (ROOT / "indicators" / "china-learning-city-2" / "framework.yaml").read_text(encoding="utf-8")
    assert "\n        national_brands:\n          per_step: 12" in text
    bad = tmp_path / "framework.yaml"
    bad.write_text(text.replace("\n        national_brands:\n          per_step: 12",
                                "\n        national_brand:\n          per_step: 12"), encoding="utf-8")
    line = text[:text.index("\n        national_brands:\n          per_step: 12")].count("\n") + 2
    out = lcity("framework", "check", str(bad))
    assert out.returncode == 1
    assert (f"framework.yaml:{line}:9: error unknown-value: an effort for item 'national_brand' of K3, which is "
            "not an item of K3 (did you mean 'national_brands'?)") in out.stdout + out.stderr


def test_the_plan_command_finds_an_unknown_figure_out() -> None:
    zh = lcity("plan", str(PARTIAL), "--target", "recognition", "--lang", "zh")
    assert "查明（需达到134,972人）" in zh.stdout and "查明（目标：是）" in zh.stdout
    assert "不详 →" not in zh.stdout
    en = lcity("plan", str(PARTIAL), "--target", "recognition", "--lang", "en")
    assert "measure it (134,972 people needed)" in en.stdout and "unknown →" not in en.stdout
