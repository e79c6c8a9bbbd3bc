"""``lcity plan`` as a user runs it: the table, JSON, the applied file, local efforts, and every
refusal with its exit code and the place of the mistake."""

from __future__ import annotations

import json

from .conftest import EXAMPLES, lcity_here as lcity

QINGSHI = str(EXAMPLES / "qingshi-district.yaml")


def test_json_plan_reaches_recognition_and_lists_each_change():
    proc = lcity("plan", QINGSHI, "--target", "recognition", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["target"]["kind"] == "recognition"
    assert doc["before"]["outcome"] == "deferred" and doc["after"]["outcome"] == "recognised"
    assert doc["changes"] and doc["effort"] == sum(c["effort"] for c in doc["changes"])
    efforts = [c["effort"] for c in doc["changes"] if c["decided_by"] is None]
    assert efforts == sorted(efforts)  # cheapest first; what another body decides (no effort) last
    for c in doc["changes"]:
        assert c["points"] > 0 and c["serves"] and c["before"] != c["after"]
    assert doc["alternative"]["effort"] >= doc["effort"]


def test_the_applied_file_keeps_comments_and_scores_recognised(tmp_path):
    out = tmp_path / "qingshi-plan.yaml"
    proc = lcity("plan", QINGSHI, "-o", str(out), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    original = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
    comments = [ln for ln in original.splitlines() if ln.lstrip().startswith("#")]
    assert all(c in text for c in comments)  # every comment line kept
    # L2: the district cannot do without it, and asks as little of UNESCO as will do (a conference, not its award)
    assert "value: hosted  # lcity plan (the city's part): was none" in text
    assert "# lcity plan: was provincial_only" not in text  # B1 is the city's record, and not needed
    r = json.loads(lcity("score", str(out), "--format", "json").stdout)
    assert r["recognition"]["outcome"] == "recognised"


def test_the_input_is_never_overwritten():
    proc = lcity("plan", QINGSHI, "-o", QINGSHI)
    assert proc.returncode == 2 and "output-is-input" in proc.stderr


def test_grade_names_in_either_language_and_a_total_are_targets():
    for target in ("良好", "good", "80"):
        doc = json.loads(lcity("plan", QINGSHI, "--target", target, "--format", "json").stdout)
        assert doc["after"]["total"] >= 80 - 1e-9


def test_a_bad_target_is_a_usage_error():
    proc = lcity("plan", QINGSHI, "--target", "platinum")
    assert proc.returncode == 2
    assert "'platinum' is not recognition, a grade" in proc.stderr and "良好" in proc.stderr


def test_an_unreachable_target_exits_1_with_the_condition_and_its_maximum(tmp_path):
    proc = lcity("plan", QINGSHI, "--target", "100.5")
    assert proc.returncode == 2  # above the framework's 100 points: a usage error
    # without the population, the per-resident indicators cannot be derived: 100 is out of reach
    text = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8").replace("  population: 820000\n", "")
    unit = tmp_path / "no-population.yaml"
    unit.write_text(text, encoding="utf-8")
    proc = lcity("plan", str(unit), "--target", "100", "--lang", "en")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "unreachable-target" in proc.stderr
    assert "the total can reach at most" in proc.stderr and "below the target of 100" in proc.stderr


def test_local_efforts_change_the_plan(tmp_path):
    base = json.loads(lcity("plan", QINGSHI, "--format", "json").stdout)
    first = base["changes"][0]["indicator"]
    costs = tmp_path / "costs.yaml"
    costs.write_text(f"indicators:\n  {first}: {{per_step: 50}}\n", encoding="utf-8")
    doc = json.loads(lcity("plan", QINGSHI, "--effort", str(costs), "--format", "json").stdout)
    assert first not in [c["indicator"] for c in doc["changes"]]
    assert doc["after"]["outcome"] == "recognised"


def test_a_bad_effort_file_points_at_the_line(tmp_path):
    costs = tmp_path / "costs.yaml"
    costs.write_text("defaults:\n  linear: {per_step: -1}\nindicators:\n  Z9: {per_step: 2}\n", encoding="utf-8")
    proc = lcity("plan", QINGSHI, "--effort", str(costs))
    assert proc.returncode == 1
    assert f"{costs}:2:" in proc.stderr  # per_step must be positive
    assert f"{costs}:4:3: error unknown-indicator: 'Z9' is not an indicator of china-learning-city@1" in proc.stderr


def test_help_has_examples():
    proc = lcity("plan", "--help")
    assert proc.returncode == 0 and "lcity plan" in proc.stdout and "--target" in proc.stdout


def test_batch_summary_has_points_to_next_grade_and_plan_effort(tmp_path):
    import csv
    import shutil

    folder = tmp_path / "units"
    folder.mkdir()
    for name in ("yuntai.yaml", "wanghu.yaml"):
        shutil.copy(EXAMPLES / "districts" / name, folder / name)
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    rows = {r["file"]: r for r in csv.DictReader(open(tmp_path / "out" / "summary.csv", encoding="utf-8-sig"))}
    plan = json.loads(lcity("plan", str(folder / "yuntai.yaml"), "--format", "json").stdout)
    assert float(rows["yuntai.yaml"]["plan_effort"]) == plan["effort"]  # deferred: the plan to recognition
    assert float(rows["yuntai.yaml"]["points_to_next_grade"]) == round(90 - float(rows["yuntai.yaml"]["total"]), 2)
    assert rows["wanghu.yaml"]["points_to_next_grade"] == "" and rows["wanghu.yaml"]["plan_effort"] == ""  # top grade
    doc = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert {"points_to_next_grade", "plan_effort"} <= set(doc["columns"])


def test_a_workbook_plans_and_its_applied_file_is_yaml(tmp_path):
    book = tmp_path / "yuntai.xlsx"
    assert lcity("convert", str(EXAMPLES / "districts" / "yuntai.yaml"), str(book)).returncode == 0
    out = tmp_path / "yuntai-plan.yaml"
    proc = lcity("plan", str(book), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(lcity("score", str(out), "--format", "json").stdout)["recognition"]["outcome"] == "recognised"
    proc = lcity("plan", str(book), "-o", str(tmp_path / "plan.xlsx"))
    assert proc.returncode == 2 and "not a workbook" in proc.stderr
