"""The plan, as the G19 audits read it (tests/audit_reports_g19, tests/audit_coordinator_g19,
tests/audit_frameworks_g19).

* G19-A1: a county's plan "reached recognition" while its own re-score ended at 暂缓认定: E1's note
  explained an unknown ("省平台未单独提供") and, kept on the figure the plan filled in, was read as
  the figure being the province's. The note no longer travels with the planned figure, "使用省级平台"
  (a platform) is no borrowed figure, and a plan is never presented as reaching what it does not.
* G19-A6: a look-up (查明) was dated the plan's last year, with the improvement task's office.
* G19-A3/A9: a figure the panel rejected is counted again (a look-up), not ignored for an expensive
  task; "本单位已认定" becomes "本单位已达到认定条件".
* G19-B1: a survey rate the plan sets on its line says how uncertain the survey makes that.
* G19-D1: the framework's own outcome words (命名), never a hard-coded 认定.
* G19-B6: a county's plan under china-learning-city@1 speaks of the county, not "本区（市）".
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from evaluator.engine import score
from evaluator.parent_figures import borrows
from evaluator.plan import apply, for_level, for_report
from evaluator.reading import read
from reports.context_facts import facts
from reports.context_plan import task_years, tasks

from .conftest import EXAMPLES, ROOT, lcity_here as lcity

R19 = ROOT / "tests" / "audit_reports_g19"
SHILING = R19 / "shiling-county.yaml"
CHENGHU = R19 / "chenghu-city.yaml"
CHENGHU_REVIEW = R19 / "chenghu-city.review.yaml"
LIUTANG = EXAMPLES / "districts" / "liutang.yaml"
F19 = ROOT / "tests" / "audit_frameworks_g19"
SHIMEN = F19 / "units" / "shimen-2025.yaml"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _loaded(path: Path):
    loaded = read(path)
    assert loaded.assessment is not None and not loaded.errors, loaded.errors
    return loaded.assessment, loaded.framework


def _report_tasks(path: Path, lang: str) -> dict:
    assessment, fw = _loaded(path)
    result = score(assessment, fw)
    p = for_report(result, fw, assessment)
    f = facts(result, None, fw, assessment, lang=lang, date="2026-06-01", plan=p)
    return tasks(f, next_grade=False)["tasks"], f


# --- G19-A1 -------------------------------------------------------------------------------------


def test_a_note_that_names_a_platform_is_no_borrowed_figure():
    assert not borrows("使用省级平台，县级用户数省平台未单独提供")
    assert not borrows("使用全市统一平台")
    # real borrowing is still read as such
    assert borrows("使用省级平台数据")
    assert borrows("采用全市调查结果")
    assert borrows("按全市开户率乘以本区常住人口折算")


def test_a_planned_figure_does_not_carry_the_note_that_explained_its_absence():
    assessment, _ = _loaded(SHILING)
    assert assessment.answers["E1"].status == "unknown" and assessment.answers["E1"].note
    planned = apply(assessment, {"E1": 46500, "D1": 668800})
    assert planned.answers["E1"].value == 46500 and planned.answers["E1"].note is None
    assert planned.answers["D1"].note == assessment.answers["D1"].note  # an answered figure keeps its own


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_county_plan_reaches_what_it_says(lang):
    run = lcity("plan", str(SHILING), "--target", "recognition", "--lang", lang)
    assert run.returncode == 0, run.stderr
    head = run.stdout.splitlines()[1]
    assert head.endswith("认定为示范区" if lang == "zh" else "Recognised as demonstration zone"), head
    assert "暂缓认定" not in head and "deferred" not in head.lower()
    doc = json.loads(lcity("plan", str(SHILING), "--target", "recognition", "--format", "json").stdout)
    assert doc["target"]["kind"] == "recognition"
    assert doc["after"]["outcome"] == "recognised" and doc["reaches_target"] is True
    assert doc["short_of_target"] is None


def test_the_written_plan_scores_as_the_plan_says(tmp_path: Path):
    out = tmp_path / "planned.yaml"
    run = lcity("plan", str(SHILING), "--target", "recognition", "-o", str(out))
    assert run.returncode == 0, run.stderr
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert "note" not in data["answers"]["E1"]  # the unknown's note is not the new figure's note
    assert "省平台未单独提供" in out.read_text(encoding="utf-8")  # kept, in the comment beside the value
    # the plan counts its tasks as documented and says so; the written file holds no such documents,
    # so its new answers without evidence hold recognition until they are listed (G21-B1)
    said = _flat(lcity("plan", str(SHILING), "--target", "recognition", "--lang", "zh").stdout)
    assert "本计划按完成任务并附佐证材料测算" in said
    assert "；请列出佐证材料" in out.read_text(encoding="utf-8")  # beside each new answer that has none (a Chinese form: G22-T11)
    scored = _flat(lcity("score", str(out), "--lang", "zh").stdout)
    assert "认定结论：暂缓认定" in scored and "待补充佐证材料或经专家组核实" in scored, scored
    for entry in data["answers"].values():
        if isinstance(entry, dict) and entry.get("value") is not None and not entry.get("evidence"):
            entry["evidence"] = ["任务完成后的工作台账"]
    documented = tmp_path / "documented.yaml"
    documented.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert "认定结论：认定为示范区" in _flat(lcity("score", str(documented), "--lang", "zh").stdout)


def test_a_plan_ending_at_another_outcome_says_so_and_is_not_called_reaching():
    """Should a plan's score end at another outcome than its target (the planner refuses such a
    plan now), the CLI, the JSON and the report say it plainly, and never '可达到目标'."""
    from dataclasses import replace

    from evaluator.plan import short_note, short_of_target

    assessment, fw = _loaded(SHILING)
    result = score(assessment, fw)
    p = for_report(result, fw, assessment)
    deferred = p.after.model_copy(update={"recognition": p.after.recognition.model_copy(update={
        "outcome": "deferred", "name": "Deferred", "name_zh": "暂缓认定", "reasons_zh": ["总分为82分，低于85分的认定要求"],
        "reasons": ["the total is 82, below the 85 required"], "borrowed": ["E1"]})})
    q = replace(p, after=deferred)
    assert short_of_target(q)
    assert short_note(q, True).startswith("按计划完成后的评分，结论为“暂缓认定”，未达到目标“认定为示范区”")
    assert "not the target" in short_note(q, False)
    f = facts(result, None, fw, assessment, lang="zh", date="2026-06-01", plan=q)
    intro = _flat(tasks(f, next_grade=False)["tasks"]["intro"])
    assert "可达到目标" not in intro and "即可" not in intro
    assert "未达到目标“认定为示范区”" in intro


# --- G19-A6 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_look_up_is_in_the_first_year_with_the_office_that_holds_the_record(lang):
    block, f = _report_tasks(SHILING, lang)
    years = task_years(f)
    first = min(y for y in years if y is not None)
    looked = [(row, y) for row, y, c in zip(block["rows"], years, f.plan.changes) if c.looked_up]
    assert len(looked) >= 20
    assert all(y == first for _, y in looked), [(r["task"], y) for r, y in looked if y != first]
    b2 = next(row for row, _ in looked if row["task"].startswith("B2"))
    assert b2["year"] == str(first)
    assert "人大" not in b2["responsible"] and "congress" not in b2["responsible"]
    assert b2["responsible"] == ("司法行政部门" if lang == "zh" else "justice bureau")
    b1 = next(row for row in block["rows"] if row["task"].startswith("B1"))  # an improvement keeps its office
    assert b1["year"] != str(first) or "人大" not in b1["responsible"]


# --- G19-A3 / G19-A9 ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang, recount", [("zh", "按专家组意见重新统计"), ("en", "count again as the panel asked")])
def test_a_figure_the_panel_rejected_is_counted_again(lang, recount):
    run = lcity("plan", str(CHENGHU), "--review", str(CHENGHU_REVIEW), "--target", "excellent", "--lang", lang)
    assert run.returncode == 0, run.stderr
    rows = [ln for ln in run.stdout.splitlines() if ln.startswith("│K2") or ln.startswith("│I1")]
    assert rows and rows[0].startswith("│K2"), run.stdout
    assert recount in _flat(run.stdout).replace("(", "（").replace(")", "）") or recount in run.stdout
    doc = json.loads(lcity("plan", str(CHENGHU), "--review", str(CHENGHU_REVIEW), "--target", "excellent",
                           "--format", "json").stdout)
    k2 = doc["changes"][0]
    assert k2["indicator"] == "K2" and k2["recount"] is True and k2["effort"] <= 1
    assert k2["after"] >= 607066  # the summary's own threshold for 优秀


def test_reviewed_report_plans_the_recount_without_promising_and_says_what_the_unit_meets(tmp_path: Path):
    pdf = tmp_path / "c.pdf"
    run = lcity("report", str(CHENGHU), "--review", str(CHENGHU_REVIEW), "--lang", "zh", "-o", str(pdf))
    assert run.returncode == 0, run.stderr
    text = _flat(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout)
    assert "本单位已认定" not in text
    assert "目标：优秀（总分90分，本单位已达到认定条件，按上一等级测算）" in text
    part = text[text.index("目标：优秀"):]
    assert "K2学分银行使用率查明（按专家组意见重新" in part[:1500]  # the table wraps the cell
    assert "即可达到目标" not in part[:600]


def test_english_target_line_says_the_unit_meets_the_conditions():
    from reports.context_facts import load_catalog

    said = load_catalog("en")["plan_target_grade"]
    assert "meets the conditions of recognition" in said and "is recognised" not in said
    assert "本单位已达到认定条件" in load_catalog("zh")["plan_target_grade"]


# --- G19-B1 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, words", [
    ("zh", "K4计划达到80%，恰在80%的要求线上；按400份问卷（未填报样本量，按此估计），95%置信水平下误差为±3.9个百分点，"
           "调查结果约有一半的可能低于80%：宜以84%以上为目标，或扩大样本。"),
    ("en", "The plan puts K4 at 80%, exactly on the 80% line; with 400 questionnaires (no sample size given: assumed) "
           "its 95% margin is ± 3.9 points, so a survey would find it below 80% about half the time"),
])
def test_a_survey_rate_set_on_its_line_says_the_survey_may_miss_it(lang, words):
    run = lcity("plan", str(LIUTANG), "--lang", lang)
    assert run.returncode == 0, run.stderr
    assert _flat(words) in _flat(run.stdout), run.stdout
    assert "80%" in next(ln for ln in run.stdout.splitlines() if ln.startswith("│K4"))  # the target is unchanged
    doc = json.loads(lcity("plan", str(LIUTANG), "--format", "json").stdout)
    (m,) = doc["survey_margins"]
    assert (m["indicator"], m["figure"], m["line"], m["margin"], m["sample"]) == ("K4", 80.0, 80.0, 3.9, 400)
    assert m["text_zh"].startswith("K4计划达到80%")
    block, _ = _report_tasks(LIUTANG, lang)
    assert _flat(words) in _flat(block["intro"])


# --- G19-D1 -------------------------------------------------------------------------------------


def test_a_naming_framework_plan_never_says_recognition_in_chinese(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(F19 / "fw"))
    run = lcity("plan", str(SHIMEN), "--target", "recognition", "--lang", "zh")
    assert run.returncode == 0, run.stderr
    text = _flat(run.stdout)
    assert "认定" not in text, run.stdout
    assert "“命名为省级学习型乡镇”的其他条件均已满足" in text
    assert "申请“命名为省级学习型乡镇”前宜按标准问卷" in text
    block, _ = _report_tasks(SHIMEN, "zh")
    assert "认定" not in block["intro"] + block["target"], block["intro"]
    assert "“命名为省级学习型乡镇”仍有待调查" in block["intro"]


# --- G19-B6 -------------------------------------------------------------------------------------


def test_a_county_plan_under_the_first_edition_speaks_of_the_county():
    run = lcity("plan", str(EXAMPLES / "yunling-county.yaml"), "--lang", "zh")
    assert run.returncode == 0, run.stderr
    assert "本区（市）" not in run.stdout and "区级填报时" not in run.stdout and "区级示范项目" not in run.stdout
    assert "评估基准年度本县政府工作报告" in run.stdout
    assert "J4 县级示范项目" in run.stdout
    block, _ = _report_tasks(EXAMPLES / "yunling-county.yaml", "zh")
    said = " ".join(r["task"] + r["change"] for r in block["rows"])
    assert "本区（市）" not in said and "区级示范项目" not in said


def test_level_words_keep_a_city_reading_of_its_districts():
    assert for_level("区级示范项目", True, "市") == "区级示范项目"  # a city's districts' projects
    assert for_level("区级示范项目", True, "县") == "县级示范项目"
    assert for_level("评估基准年度本区（市）政府工作报告", True, "区") == "评估基准年度本区政府工作报告"
    assert for_level("每个区（县）至少建有一所老年大学（区级填报时指本区建有老年大学）", True, "县") == "本县至少建有一所老年大学"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_points_resting_on_look_ups_are_said_as_the_table_adds_them_up(lang):
    """The sentence above the plan's table gave "计划增加的1.5分中，1.5分…" over a table whose only row
    and total read +1.46 (Chenghu, reviewed, to 优秀): both now to the hundredth."""
    target = "优秀" if lang == "zh" else "excellent"
    proc = lcity("plan", str(CHENGHU), "--review", str(CHENGHU_REVIEW), "--target", target, "--lang", lang)
    out = re.sub(r"\s+", " ", proc.stdout)
    total = re.search(r"(?:合计|total) │ │ \+([\d.]+)", out).group(1)
    said = re.search(r"计划增加的([\d.]+)分中，([\d.]+)分" if lang == "zh" else
                     r"Of the plan's \+([\d.]+) points, ([\d.]+) rest", out)
    assert total == "1.46" and said.groups() == ("1.46", "1.46"), out
    if lang == "en":
        assert "if the figure found is lower" in out
