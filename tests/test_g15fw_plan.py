"""``lcity plan`` under a star rating that recognises every unit (audit G15, findings 2 and 10).

binhai-star-rating@1 grades only: its recognition rule is vacuous (every unit is '按星级公布'). Without
--target the plan went to recognition, which a 未评星级 unit of 8.6 points already had: "已达到目标，
无需调整", while its report's task list planned it to ★. Now, under a framework that only grades, the
plan goes to the next grade up, as the report does, and a note says so; a framework whose rule a unit
can fail keeps recognition as the target. And `--target 5` for ★★★★★ gets the
note the guide promises for grades named by numbers.
"""

from __future__ import annotations

import pytest

from .conftest import ROOT, lcity

G15 = ROOT / "tests" / "audit_frameworks" / "g15"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G15))


@pytest.mark.parametrize("lang, head, note", [
    ("zh", "石桥社区：目标 ★", "注意：本指标体系只评等级（未被一票否决的单位均为“按星级公布”）；未指定 --target 时，按上一等级“★”（总分 30 分）测算"),
    ("en", "石桥社区: target ★", "note: this framework only grades (every unit without a veto is '按星级公布'): without "
                               "--target the plan goes to the next grade up, '★' (a total of 30)"),
])
def test_a_recognised_unit_is_planned_to_its_next_grade(lang: str, head: str, note: str):
    run = lcity("plan", str(G15 / "shiqiao-2025.yaml"), "--lang", lang)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(head)
    assert "无需调整" not in run.stdout and "nothing to change" not in run.stdout
    assert ("32.3 ★" if lang == "zh" else "after the plan: 32.3 ★") in run.stdout
    assert note in " ".join(run.stderr.split())


def test_the_plan_and_the_report_plan_to_the_same_target():
    """The report's task list (evaluator.plan.next_target) and `lcity plan --format json` agree."""
    import json

    from evaluator.engine import score
    from evaluator.plan import next_target
    from evaluator.reading import read

    loaded = read(G15 / "shiqiao-2025.yaml")
    assessment, fw = loaded.require()
    target = next_target(fw, score(assessment, fw))
    run = lcity("plan", str(G15 / "shiqiao-2025.yaml"), "--format", "json")
    assert json.loads(run.stdout)["target"] == {"kind": "grade", "total": target.total, "name": "★", "name_zh": "★"}
    assert target.total == 30


def test_at_the_top_grade_there_is_nothing_to_plan_and_no_note():
    run = lcity("plan", str(G15 / "haiwan-2025.yaml"))
    assert run.returncode == 0
    assert "已达到目标，无需调整" in run.stdout
    assert "注意" not in run.stderr


def test_an_explicit_recognition_target_is_kept():
    run = lcity("plan", str(G15 / "shiqiao-2025.yaml"), "--target", "recognition")
    assert "目标 按星级公布" in run.stdout and "已达到目标，无需调整" in run.stdout
    assert "注意" not in run.stderr


def test_an_unrecognised_china_unit_is_still_planned_to_recognition(monkeypatch):
    monkeypatch.delenv("LCITY_FRAMEWORK_PATH")
    run = lcity("plan", str(ROOT / "examples" / "qingshi-district.yaml"))
    assert run.stdout.startswith("青石区：目标 认定为示范区")
    assert "按上一等级" not in run.stderr


@pytest.mark.parametrize("lang, says", [
    ("en", "note: --target 5 is read as a total of 5 points; for the grade '★★★★★' write --target S5"),
    ("zh", "注意：--target 5 按总分 5 分理解；如指等级“★★★★★”，请写 --target S5"),
])
def test_a_number_of_stars_is_read_as_a_total_and_said_so(lang: str, says: str):
    run = lcity("plan", str(G15 / "yucun-2025.yaml"), "--target", "5", "--lang", lang)
    assert run.returncode == 0, run.stderr
    assert says in " ".join(run.stderr.split())
    run = lcity("plan", str(G15 / "yucun-2025.yaml"), "--target", "S5", "--lang", lang)
    assert "is read as a total" not in run.stderr and "按总分" not in run.stderr
