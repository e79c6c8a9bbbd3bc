"""The lead's fixes of session 24, as the unit reads them.

* G22-T5 (engine part): a framework whose first outcome is not 认定 (the district's
  《学习型社区星级评定细则》 grants 通过星级评定) is never told of 认定 in the reasons of its result:
  "“通过星级评定”的其他条件均已满足", "须经专家组核实后方可通过星级评定"; China's frameworks keep 认定.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT, lcity_here, report_lines

G22T = ROOT / "tests" / "audit_cities" / "g22t"


@pytest.fixture()
def star_rating(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G22T / "fw"))


def _report_text(path: Path, lang: str) -> str:
    """A report's text as one line, as the page reads it (entities and tags gone)."""
    import html as htmllib

    return " ".join(htmllib.unescape(" ".join(report_lines(path, lang))).split())


def _reasons(path: Path) -> dict:
    proc = lcity_here("score", str(path), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)["recognition"]


def test_a_held_unit_of_a_star_rating_framework_waits_for_its_own_outcome(star_rating):
    rec = _reasons(G22T / "nanhu-shequ-2025.yaml")
    assert rec["outcome"] == "deferred"
    assert "“通过星级评定”的其他条件均已满足：" in rec["reasons_zh"][-1]
    assert not any("认定" in r for r in rec["reasons_zh"])


def test_a_figure_to_verify_waits_for_the_frameworks_outcome(star_rating, tmp_path):
    text = (G22T / "dongyuan-jiedao-2025.yaml").read_text(encoding="utf-8")
    unit = tmp_path / "dongyuan.yaml"
    unit.write_text(text.replace("value: 473000,", "value: 47300000,", 1), encoding="utf-8")
    rec = _reasons(unit)
    assert rec["outcome"] == "deferred" and rec["pending"] == ["JF1"]
    assert rec["reasons_zh"][0].endswith("的填报超出常见范围，须经专家组核实后方可通过星级评定")
    assert rec["reasons"][0].endswith("must be verified by the panel before '通过星级评定'")
    assert not any("认定" in r for r in rec["reasons_zh"])


def test_chinas_framework_keeps_its_word():
    rec = _reasons(EXAMPLES / "qingshi-district.yaml")
    assert any("认定" in r for r in rec["reasons_zh"]) or rec["name_zh"].startswith("认定")


# ---- G23-T1: a plan never proposes undoing what happened in the period -------------------------

def _period_record_framework(folder: Path) -> Path:
    """The district's star-rating framework with its accident indicator MY3 marked as a record of
    the period (``period_record: true``), as a framework author would mark it."""
    import shutil

    fw = folder / "fw"
    shutil.copytree(G22T / "fw", fw)
    path = fw / "xiqiao-xuexi-shequ" / "framework.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "        advice: {zh: 落实学习场所安全责任制，定期检查。}\n"
    assert text.count(anchor) == 1
    path.write_text(text.replace(anchor, anchor + "        period_record: true\n"), encoding="utf-8")
    return fw


@pytest.fixture()
def accident(tmp_path, monkeypatch) -> Path:
    """东园街道 with an accident in the period: vetoed at 93.7 points."""
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(_period_record_framework(tmp_path)))
    unit = tmp_path / "dongyuan.yaml"
    text = (G22T / "dongyuan-jiedao-2025.yaml").read_text(encoding="utf-8")
    unit.write_text(text.replace("MY3: {value: true,", "MY3: {value: false,", 1), encoding="utf-8")
    return unit


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_plan_never_undoes_an_accident_of_the_period(accident, lang):
    proc = lcity_here("plan", str(accident), "--lang", lang)
    said = " ".join((proc.stdout + proc.stderr).split())
    assert "MY3 学习场所安全" not in said and "+5.00" not in said  # no "否 → 是" to clear the veto
    assert proc.returncode == 1, said
    assert "MY3" in said


def test_the_same_indicator_unmarked_is_still_planned(monkeypatch, tmp_path):
    """Without the mark the framework says nothing of the past: the plan may change the answer."""
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G22T / "fw"))
    unit = tmp_path / "dongyuan.yaml"
    text = (G22T / "dongyuan-jiedao-2025.yaml").read_text(encoding="utf-8")
    unit.write_text(text.replace("MY3: {value: true,", "MY3: {value: false,", 1), encoding="utf-8")
    proc = lcity_here("plan", str(unit))
    assert proc.returncode == 0 and "MY3 学习场所安全" in proc.stdout


# ---- G23-H5: a survey sample larger than the population it is drawn from --------------------------

@pytest.mark.parametrize("lang, said", [
    ("zh", "错误 sample-over-population: K4 依据的有效问卷为1,200,000份，多于本单位常住人口828,000人"),
    ("en", "error sample-over-population: K4 rests on 1,200,000 valid questionnaires, more than the unit's "
           "828,000 residents"),
])
def test_a_sample_larger_than_the_population_is_an_error_at_its_line(tmp_path, lang, said):
    text = (EXAMPLES / "v2" / "qingshi-district-2025.yaml").read_text(encoding="utf-8")
    assert text.count("    sample_size: 600\n") == 2
    unit = tmp_path / "q.yaml"
    unit.write_text(text.replace("    sample_size: 600\n", "    sample_size: 1200000\n", 1), encoding="utf-8")
    line = text.splitlines().index("    sample_size: 600") + 1
    proc = lcity_here("validate", str(unit), "--lang", lang)
    assert proc.returncode == 1
    assert f"q.yaml:{line}:18: {said}" in proc.stdout
    assert "± 0.0" not in proc.stdout and "±0.0" not in proc.stdout


def test_a_sample_within_the_population_is_not_told_of_it(tmp_path):
    proc = lcity_here("validate", str(EXAMPLES / "v2" / "qingshi-district-2025.yaml"))
    assert "sample-over-population" not in proc.stdout


@pytest.mark.parametrize("lang, said", [
    ("zh", "否决项“评价期内发生重大安全生产事故”源于 AQ1 所记录的评估期内已发生的情况，不能通过改变答案消除，在本评估期内始终有效"),
    ("en", "the veto 'A major safety accident in the period' rests on what AQ1 records as having happened in the "
           "assessment period, which no change of answer undoes: it stands for this period"),
])
def test_the_plan_says_why_a_period_veto_stands(monkeypatch, lang, said):
    """The learning-enterprise framework marks AQ1 (本期安全生产事故) as a record of the period; 华工
    had a major accident: no plan turns it into a minor one, and the target's quotes nest."""
    g24t = ROOT / "tests" / "audit_cities" / "g24t"
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(g24t / "fw"))
    proc = lcity_here("plan", str(g24t / "huagong-2025.yaml"), "--lang", lang)
    text = " ".join((proc.stdout + proc.stderr).split())
    assert proc.returncode == 1 and said in text
    assert "重大事故 → 轻微事故" not in text and "A major accident → A minor accident" not in text
    if lang == "zh":
        assert "目标“授予‘学习型企业’称号”无法达到" in text


def test_the_task_table_says_the_unit_once_as_the_summary_does(tmp_path):
    """G22-R7 in 六's table: "5个 → 8个（街道、乡镇）", as the summary's key task and lcity plan say it."""
    text = _report_text(ROOT / "tests" / "audit_cities" / "g22r" / "haiyu-district-intl.yaml", "zh")
    six = text[text.index("六、"):]
    assert "C1 街道（乡镇）社区学校覆盖 5个 → 8个（街道、乡镇）" in six
    assert "5个（街道、乡镇） →" not in text


# ---- G22-H7: a number that underflows to 0 -------------------------------------------------------

@pytest.mark.parametrize("lang, said", [
    ("en", "error number-too-small: the number 1e-400 is too small to compute with: it would be read as 0"),
    ("zh", "错误 number-too-small: 数字 1e-400 过小，无法计算：会被当作0"),
])
def test_a_number_that_underflows_is_an_error_at_its_place(tmp_path, lang, said):
    text = (EXAMPLES / "v2" / "qingshi-district-2025.yaml").read_text(encoding="utf-8")
    assert text.count("    value: 7200000\n") == 1
    line = text.splitlines().index("    value: 7200000") + 1
    unit = tmp_path / "u.yaml"
    unit.write_text(text.replace("    value: 7200000\n", "    value: 1e-400\n"), encoding="utf-8")
    proc = lcity_here("validate", str(unit), "--lang", lang)
    assert proc.returncode == 1 and f"u.yaml:{line}:12: {said}" in proc.stdout


def test_a_written_zero_with_an_exponent_is_still_zero(tmp_path):
    text = (EXAMPLES / "v2" / "qingshi-district-2025.yaml").read_text(encoding="utf-8")
    unit = tmp_path / "z.yaml"
    unit.write_text(text.replace("    value: 7200000\n", "    value: 0.0e-5\n"), encoding="utf-8")
    proc = lcity_here("validate", str(unit))
    assert "number-too-small" not in proc.stdout


def test_a_year_in_the_future_is_one_error(tmp_path):
    text = (EXAMPLES / "v2" / "qingshi-district-2025.yaml").read_text(encoding="utf-8")
    assert text.count("  reference_year: 2025\n") == 1
    unit = tmp_path / "y.yaml"
    unit.write_text(text.replace("  reference_year: 2025\n", "  reference_year: 2999\n"), encoding="utf-8")
    proc = lcity_here("validate", str(unit))
    assert proc.returncode == 1
    assert "error future-date: city.reference_year 2999 is in the future" in proc.stdout
    assert "out-of-range" not in proc.stdout and "1 error" in proc.stdout + proc.stderr


def test_the_engines_reasons_nest_the_outcomes_quotes(monkeypatch):
    """G24-T2 in the engine: an outcome named with quotes of its own is quoted with single marks inside."""
    g24t = ROOT / "tests" / "audit_cities" / "g24t"
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(g24t / "fw"))
    rec = _reasons(g24t / "wuliu-2025.yaml")
    said = "".join(rec["reasons_zh"])
    assert "低于“授予‘学习型企业’称号”所需的175分" in said
    assert "““" not in said and "“授予“" not in said


@pytest.mark.parametrize("lang, said", [
    ("zh", "AQ1 本期安全生产事故：现为“重大事故”：这是评估期内已经发生的情况，无法补救；以下措施着眼于下一评估期"),
    ("en", "Now “A major accident”: this is what happened in the assessment period and cannot be made good"),
])
def test_the_recommendation_never_asks_to_undo_the_period(monkeypatch, tmp_path, lang, said):
    """The report's advice on a record of the period: not "满分要求“无事故”" for an accident that happened."""
    g24t = ROOT / "tests" / "audit_cities" / "g24t"
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(g24t / "fw"))
    text = _report_text(g24t / "huagong-2025.yaml", lang)
    assert said in text
    assert "现为“重大事故”；满分要求“无事故”" not in text and "full points need “No accident”" not in text


@pytest.mark.parametrize("lang, said", [
    ("zh", "K4 居民对学习型城市建设的知晓度为88%，达到80%的要求，但门槛在±8.1个百分点的抽样误差范围内；且问卷为现场发放，"
           "这一误差范围按随机抽样计算，不能说明由此产生的偏差"),
    ("en", "but the threshold lies within the ±8.1-point margin of error; and the questionnaires were handed out on "
           "site, so that margin, computed as for a random sample, says nothing of the bias this brings"),
])
def test_the_summary_says_an_on_site_surveys_margin_is_no_measure_of_its_bias(tmp_path, lang, said):
    """G22-R6 remainder: Tongxi's summary gave K4's random-sample margin with no word that its
    questionnaires were handed out at the learning week; 五（三） and validate already said it."""
    text = _report_text(ROOT / "tests" / "audit_cities" / "g22r" / "tongxi-district-smallsample.yaml", lang)
    assert said in text
