"""Audit G20-D: an English-only "Community Learning Hubs Scorecard" of 250 points for regions,
municipalities and wards (tests/audit_frameworks_g20/AUDIT.md), as its author and its users see it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import lcity_here as lcity

HERE = Path(__file__).parent / "audit_frameworks_g20"
FW_DIR = HERE / "fw"
FW = FW_DIR / "clh-scorecard" / "framework.yaml"
UNITS = HERE / "units"


@pytest.fixture
def installed(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(FW_DIR))
    monkeypatch.setenv("COLUMNS", "80")


def _variant(tmp_path: Path, *pairs: tuple[str, str]) -> Path:
    text = FW.read_text(encoding="utf-8")
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "clh" / "framework.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- G20-D1: from_parent on a level with no level above it that answers the indicator ----------

def test_the_audit_framework_is_valid():
    proc = lcity("framework", "check", str(FW), "--lang", "en")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "valid — 0 errors, 0 warnings" in proc.stdout + proc.stderr


@pytest.mark.parametrize("lang, words", [
    ("en", ["error bad-level: indicator GOV1: from_parent lists 'region', but no level above 'region' "
            "answers GOV1 itself", "leave 'region' out of from_parent"]),
    ("zh", ["错误 bad-level: 指标 GOV1：from_parent 列出了“region”，但没有比“region”大、自行填报 GOV1 的层级",
            "从 from_parent 中去掉“region”"]),
])
def test_from_parent_on_the_largest_level_is_refused_at_its_place(tmp_path, lang, words):
    path = _variant(tmp_path, ("from_parent: [ward]", "from_parent: [region]"))
    proc = lcity("framework", "check", str(path), "--lang", lang)
    out = " ".join((proc.stdout + proc.stderr).split())
    assert proc.returncode == 1
    for w in words:
        assert w in out, out
    line = next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "from_parent" in t)
    assert f"framework.yaml:{line}:" in out


def test_from_parent_above_which_the_indicator_is_not_asked_is_refused(tmp_path):
    """ACC3 is asked of regions and municipalities only: a ward has no municipality's record of it,
    and a municipality (when regions are not asked it) none either."""
    path = _variant(tmp_path, ("        levels: [region, municipality]\n        evidence: [statistics]",
                               "        levels: [municipality, ward]\n        from_parent: [municipality]\n"
                               "        evidence: [statistics]"))
    proc = lcity("framework", "check", str(path), "--format", "json", "--lang", "en")
    assert proc.returncode == 1
    [found] = [p for p in json.loads(proc.stdout)["problems"] if p["rule"] == "bad-level"]
    assert "from_parent lists 'municipality'" in found["message"] and "ACC3" in found["message"]


def test_from_parent_on_a_lower_level_stays_valid(tmp_path):
    path = _variant(tmp_path, ("from_parent: [ward]", "from_parent: [municipality, ward]"))
    proc = lcity("framework", "check", str(path), "--lang", "en")
    assert proc.returncode == 0, proc.stdout + proc.stderr


# --- G20-D2: summary.xlsx heads the effort columns with the framework's effort unit --------------

def _sheet(folder: Path) -> tuple[list, str]:
    import openpyxl

    wb = openpyxl.load_workbook(folder / "summary.xlsx")
    heads = [c.value for c in wb.worksheets[1][1]]
    notes = " ".join(str(c.value) for row in wb.worksheets[2].iter_rows() for c in row if c.value)
    return heads, notes


@pytest.mark.parametrize("lang, heads, note, gone", [
    ("en", ["Plan effort (effort days)", "Own part of the effort (effort days)", "Effort of other bodies (effort days)"],
     "tasks other bodies (the unit it belongs to, or a body that decides) must do or decide", "(the city)"),
    ("zh", ["计划工作量（effort days）", "其中本单位工作量（effort days）", "其他单位工作量（effort days）"],
     "计划有赖其他单位（如所属的上级单位，或作出决定的机构）完成或决定的事项时", "如所在城市"),
])
def test_summary_xlsx_names_the_frameworks_effort_unit(installed, tmp_path, lang, heads, note, gone):
    proc = lcity("batch", str(UNITS), "-o", str(tmp_path / "out"), "--lang", lang)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    shown, notes = _sheet(tmp_path / "out")
    for h in heads:
        assert h in shown, shown
    assert not any("(points)" in str(h) or "（点）" in str(h) for h in shown)
    assert note in notes and gone not in notes


def test_effort_word_keeps_points_for_the_china_unit_and_mixed_units():
    from lcity.batch_sheet import effort_word

    china = {"zh": "点（1点约为牵头部门一个月的专项工作量）", "en": "points (one point is about a month of the lead office's dedicated work)"}
    assert effort_word([china["zh"]], "zh") == "点"
    assert effort_word([china["en"]], "en") == "points"
    assert effort_word([None], "en") == "points"
    assert effort_word(["effort days", china["en"]], "en") == "points"
    assert effort_word(["effort days", "effort days"], "en") == "effort days"


# --- G20-D3: no "declared" strategy where the framework's pathway types declare none --------------

@pytest.mark.parametrize("lang, line, gone", [
    ("en", "Pathway: observed Library-led network", "declared"),
    ("zh", "发展路径：实际做法显示：Library-led network", "自述"),
])
def test_score_says_only_the_observed_pathway(installed, lang, line, gone):
    proc = lcity("score", str(UNITS / "lowfield-2025.yaml"), "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    [head] = [ln for ln in proc.stdout.splitlines() if ln.startswith(line.split("：")[0].split(":")[0])]
    assert head.startswith(line) and gone not in head


def test_score_keeps_the_declared_strategy_where_the_framework_has_strategies():
    proc = lcity("score", "examples/jianglan-city.yaml", "--lang", "zh")
    assert "发展路径：自述：国际化导向型；实际做法显示：" in proc.stdout


@pytest.mark.parametrize("lang, said, gone", [
    ("en", "Observed in practice: Library-led network.", ["Declared:", "no strategy stated"]),
    ("zh", "实际做法显示：Library-led network。", ["自述：", "未填写主导策略"]),
])
def test_report_says_only_the_observed_pathway(installed, tmp_path, lang, said, gone):
    pdf = tmp_path / f"lowfield-{lang}.pdf"
    proc = lcity("report", str(UNITS / "lowfield-2025.yaml"), "--lang", lang, "-o", str(pdf))
    assert proc.returncode == 0, proc.stderr
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert said in text
    for g in gone:
        assert g not in text


# --- G20-D4: the task list's years follow the framework's yearly effort (effort.per_year) ---------

def _report_text(tmp_path: Path, lang: str, framework: Path | None = None) -> str:
    import subprocess

    pdf = tmp_path / f"lowfield-{lang}-{framework.parent.name if framework else 'installed'}.pdf"
    extra = ["--framework", str(framework)] if framework is not None else []
    proc = lcity("report", str(UNITS / "lowfield-2025.yaml"), "--lang", lang, "-o", str(pdf), "--force", *extra)
    assert proc.returncode == 0, proc.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def _task_years(text: str) -> set[str]:
    head, end = ("Task list", "Effort unit:") if "Effort unit:" in text else ("整改任务清单", "工作量单位：")
    table = text.split(end)[0].rsplit(head, 1)[1]
    return {y for y in ("2025", "2026", "2027", "2028") if y in table}


@pytest.mark.parametrize("lang, said", [
    ("en", "The suggested year assumes 220 effort days of work a year, as the framework states"),
    ("zh", "建议完成年度按指标体系规定的每年约完成220 effort days的节奏"),
])
def test_the_frameworks_yearly_effort_dates_the_tasks(installed, tmp_path, lang, said):
    text = _report_text(tmp_path, lang)
    assert said in text
    assert "a month's work" not in text and "一个月的工作" not in text
    assert _task_years(text) == {"2025"}  # 17 effort days: one year's work at 220 a year


def test_a_small_yearly_effort_spreads_the_tasks_and_no_figure_keeps_lcitys_default(installed, tmp_path):
    slow = _variant(tmp_path, ("  per_year: 220", "  per_year: 5"))
    text = _report_text(tmp_path, "en", slow)
    assert "assumes 5 effort days of work a year, as the framework states" in text
    assert _task_years(text) == {"2025", "2026", "2027", "2028"}
    (tmp_path / "clh").rename(tmp_path / "slow")
    none = _variant(tmp_path, ("  per_year: 220             # a hub officer's working days in a year\n", ""))
    text = _report_text(tmp_path, "en", none)
    assert "assumes about 24 effort days of work a year" in text and "the framework states no yearly capacity" in text


# --- G20-D5: the survey line a plan leaves open names the plan's rate as planned, not as surveyed ---

@pytest.mark.parametrize("lang, said, gone", [
    ("en", "the survey lines are not settled: PAR2 would be 76% after the plan (210 valid questionnaires, "
           "fewer than the 350 the framework asks for)", "PAR2 is 76%"),
    ("zh", "调查指标的达标尚不确定：PAR2按计划为76%（有效问卷210份，少于指标体系要求的350份）", "PAR2为76%"),
])
def test_plan_says_the_surveyed_rate_it_aims_at_as_planned(installed, lang, said, gone):
    proc = lcity("plan", str(UNITS / "lowfield-2025.yaml"), "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    out = " ".join(proc.stdout.split())
    assert "58% → 76%" in out and said in out.replace("\n", "") and gone not in out


def test_report_task_list_says_it_too(installed, tmp_path):
    text = _report_text(tmp_path, "en")
    assert "PAR2 would be 76% after the plan (210 valid questionnaires" in text


# --- G20-D6: an unknown survey rate is to be surveyed, not counted -------------------------------

def _hallmere_text(tmp_path: Path, lang: str) -> str:
    import subprocess

    pdf = tmp_path / f"hallmere-{lang}.pdf"
    proc = lcity("report", str(UNITS / "hallmere-2025.yaml"), "--lang", lang, "-o", str(pdf))
    assert proc.returncode == 0, proc.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


@pytest.mark.parametrize("lang, said, kept", [
    ("en", "PAR2 Resident satisfaction with hubs No survey figure was given, so it scores 0 (of 22.5). First run the "
           "survey with the standard questionnaire (at least 350 valid questionnaires) and file its results.",
     "PAR1 Learning hours per resident No figure was given, so it scores 0 (of 20). First count it as the indicator "
     "defines and file the evidence."),
    ("zh", "未提供调查结果，按0分计（满分22.5分）。应先按标准问卷开展调查（有效问卷不少于350份）并提供调查结果。",
     "数据不详或未填报，按0分计（满分20分）。应先按指标口径统计并提供佐证材料。"),
])
def test_an_unknown_survey_rate_is_to_be_surveyed(installed, tmp_path, lang, said, kept):
    text = _hallmere_text(tmp_path, lang)
    joined = text.replace(" ", "") if lang == "zh" else text
    assert (said.replace(" ", "") if lang == "zh" else said) in joined
    assert (kept.replace(" ", "") if lang == "zh" else kept) in joined


# --- G20-D7: a share written as a percentage says what to write ---------------------------------

@pytest.mark.parametrize("old, new, lang, said", [
    ("min_coverage: 0.65", "min_coverage: 65", "en",
     "recognition.min_coverage: '65' must be at most 1 (a share from 0 to 1, not a percentage: write 0.65 for 65%)"),
    ("dimension_floor: 0.4", "dimension_floor: 40", "zh",
     "recognition.dimension_floor：'40' 不能大于 1（这里填0到1之间的比例，不是百分数：40%应写作 0.4）"),
])
def test_a_share_written_as_a_percentage_gets_the_share_to_write(tmp_path, old, new, lang, said):
    path = _variant(tmp_path, (old, new))
    proc = lcity("framework", "check", str(path), "--lang", lang)
    assert proc.returncode == 1
    assert said in proc.stdout + proc.stderr


def test_a_share_far_above_100_gets_no_percentage_hint(tmp_path):
    path = _variant(tmp_path, ("min_coverage: 0.65", "min_coverage: 650"))
    proc = lcity("framework", "check", str(path), "--lang", "en")
    out = proc.stdout + proc.stderr
    assert "'650' must be at most 1" in out and "not a percentage" not in out


# --- G20-D10: a survey threshold on an indicator a level is not asked holds nothing for that level ---

@pytest.mark.parametrize("unit, lang, said, gone", [
    ("lowfield", "en", "every dimension reaches 40% of its points and no veto item applies;",
     ["GOV3 Ward hub plans at least 65%", "survey thresholds are met"]),
    ("lowfield", "zh", "各维度得分率均不低于40%，且无一票否决项的", ["GOV3 Ward hub plans不低于65%", "问卷调查指标"]),
    ("ashby", "en", "Resident survey thresholds: GOV3 Ward hub plans at least 65%.", []),
])
def test_report_lists_only_the_thresholds_the_units_level_is_held_to(installed, tmp_path, unit, lang, said, gone):
    import subprocess

    fw = _variant(tmp_path, ("{indicator: PAR2, min: 65", "{indicator: GOV3, min: 65"))
    pdf = tmp_path / f"{unit}-{lang}.pdf"
    proc = lcity("report", str(UNITS / f"{unit}-2025.yaml"), "--framework", str(fw), "--lang", lang, "-o", str(pdf))
    assert proc.returncode == 0, proc.stderr
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    basis = text.split("1. Basis and process" if lang == "en" else "一、评估依据")[-1][:1500]
    flat = basis.replace(" ", "") if lang == "zh" else basis
    assert (said.replace(" ", "") if lang == "zh" else said) in flat, basis
    for g in gone:
        assert (g.replace(" ", "") if lang == "zh" else g) not in flat
