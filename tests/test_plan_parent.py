"""Answers a district gives with its city's record (an indicator's ``from_parent``): B1 (the
city's lifelong-learning regulation), K1 (the city's credit bank, G18-B7), L1 (GNLC membership)
and L2 (international recognition) under china-learning-city@1, whose questions say "区、县按所在城市填报".

A district cannot pass a regulation or win UNESCO's award by itself, so a plan never makes them
the district's tasks. When the district cannot reach its target without them (qingshi: dimension
L cannot reach its floor on L3 alone), the plan says so and includes the city's part, as few of
the city's answers as will do, each marked as the city's; the report says the same.
"""

from __future__ import annotations

import json

from evaluator.plan import parse_target, plan
from evaluator.reading import read

from .conftest import EXAMPLES, lcity_here as lcity
from .test_framework_check import _copy, _line_of

QINGSHI = EXAMPLES / "qingshi-district.yaml"


def _plan(path, target: str):
    a, fw = read(path).require()
    return plan(a, fw, parse_target(fw, target))


def test_the_framework_marks_the_four_city_records():
    _, fw = read(QINGSHI).require()
    marked = {i.id for i in fw.indicators() if i.from_parent}
    assert marked == {"B1", "K1", "L1", "L2"}  # K1, the city's credit bank, since G18-B7
    assert all(fw.indicator(i).answered_for_parent("district") for i in marked)
    assert not any(fw.indicator(i).answered_for_parent("city") for i in marked)


def test_out_of_the_districts_own_reach_the_plan_takes_only_the_citys_part_it_needs():
    p = _plan(QINGSHI, "recognition")
    assert p.after.recognition.outcome == "recognised"
    city = [c.indicator for c in p.changes if c.parent]
    assert city == ["L2"]  # the L floor cannot be met on L3 alone; B1 is not needed
    assert all(not c.parent for c in p.changes if c.indicator != "L2")
    assert p.alone and "L" in p.alone[0][1] and "50%" in p.alone[0][1]


def test_within_the_districts_reach_the_citys_records_are_left_out_and_named():
    p = _plan(QINGSHI, "80")
    assert p.after.total >= 80 - 1e-9
    assert not any(c.indicator in ("B1", "K1", "L1", "L2") for c in p.changes)
    assert not p.alone
    assert [i for i, _ in p.held] == ["B1", "K1", "L2"]  # L1 is not applicable to qingshi; these lose points


def test_a_city_plans_its_own_regulation():
    p = _plan(EXAMPLES / "jianglan-city.yaml", "recognition")
    assert not p.held and not p.alone
    assert not any(c.parent for c in p.changes)


def test_the_cli_marks_the_citys_part_and_says_why_in_both_languages():
    zh = lcity("plan", str(QINGSHI), "--lang", "zh")
    assert zh.returncode == 0, zh.stderr
    assert "L2 国际认可（所在城市）" in zh.stdout
    assert "仅靠本单位自身的工作无法达到目标：L维度得分率最高只能达到 50%" in zh.stdout
    en = lcity("plan", str(QINGSHI), "--lang", "en")
    assert "L2 International recognition (the city's)" in en.stdout
    # the next-best alternative marks it too (since G31R-3 hosting the conference is costed work, so
    # L2 no longer comes last, after the unit's own changes, as another body's decision does)
    alternative = next(line for line in en.stdout.splitlines() if line.startswith("Next-best alternative"))
    assert "L2 (the city's)" in alternative
    assert "The unit cannot reach the target by its own work" in en.stdout
    near = lcity("plan", str(QINGSHI), "--target", "80", "--lang", "zh")
    assert "未列入计划：B1、K1、L2按所在城市的情况填报，本单位不能单独改变。" in near.stdout
    doc = json.loads(lcity("plan", str(QINGSHI), "--format", "json").stdout)
    assert [c["indicator"] for c in doc["changes"] if c["parent"]] == ["L2"]
    assert doc["alone"] and doc["alone"][0]["text_zh"].startswith("L维度得分率最高只能达到")
    assert [h["id"] for h in doc["held"]] == ["B1", "K1"]  # L2 is a task (the city's), not left as it is (G13 P3)


def test_the_report_says_which_losses_and_tasks_are_the_citys():
    from .test_context_summary_agrees import _context

    zh, _, _ = _context(QINGSHI, None, "zh")
    rows = {row["task"]: row for row in zh["tasks"]["rows"]}
    assert rows["L2 国际认可（所在城市）"]["responsible"] == "所在城市：外事部门"
    assert "因此清单包含须由所在城市完成的事项" in zh["tasks"]["intro"]
    problems = " ".join(i["text"] for g in zh["problems"]["groups"] for i in g["items"])
    assert "，该项按所在城市的情况填报，本单位不能单独改变" in problems
    en, _, _ = _context(QINGSHI, None, "en")
    assert any(row["task"] == "L2 International recognition (the city's)" for row in en["tasks"]["rows"])


def test_an_unknown_level_in_from_parent_is_found_at_its_line(tmp_path):
    path = _copy(tmp_path, "parent", lambda t: t.replace("from_parent: [district, county]", "from_parent: [distrct]", 1))
    proc = lcity("framework", "check", str(path))
    assert proc.returncode == 1
    line = _line_of(path, "        from_parent: [distrct]")
    assert any(f"{path}:{line}:" in ln and "bad-level" in ln and "distrct" in ln for ln in proc.stdout.splitlines()), \
        proc.stdout


def test_a_district_is_not_told_to_learn_from_a_citys_record():
    """The benchmark's models to learn from, for a weak dimension, come from the practices the unit
    can take up: qingshi's weak L is not shown Beijing's or Hangzhou's UNESCO award (L2), its city's
    record; and since its exchanges (L3) are already full, no L3 model either (readings2 #6): the
    benchmark says where the points are lost instead."""
    from evaluator.benchmark import benchmark

    a, fw = read(QINGSHI).require()
    from evaluator.engine import score

    weak = {d.id: d for d in benchmark(score(a, fw), fw).weakest}
    assert "L" in weak and not weak["L"].exemplars and weak["L"].lost_in == ["L2"]
    assert all(e.indicator not in ("B1", "L1", "L2") for d in weak.values() for e in d.exemplars)
