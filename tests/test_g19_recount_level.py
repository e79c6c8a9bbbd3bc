"""G19-A3 leftover: a figure the plan finds out (a recount the panel asked for, a look-up of a
unit too short of data to be rated) is asked at the least figure with which the plan still reaches
its target, not at the framework's next scoring step. Chenghu's reviewed plan read "需达到620,800人"
while the same report's summary said "K2核定为607,066人及以上亦然": two figures for one question."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from evaluator.engine import score
from evaluator.pipeline import read_scored
from evaluator.plan import (
    apply,
    parse_target,
    plan,
    plan_reviewed,
    reached_by_plan,
    reviewed_start,
)
from evaluator.reading import read

from .conftest import ROOT
from .conftest import lcity_here as lcity

R19 = ROOT / "tests" / "audit_reports_g19"
CHENGHU, CHENGHU_REVIEW = R19 / "chenghu-city.yaml", R19 / "chenghu-city.review.yaml"
PARTIAL = ROOT / "tests" / "archetypes_districts" / "dongyuan-district-partial.yaml"


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _chenghu():
    result, loaded = read_scored(CHENGHU, reviews=[CHENGHU_REVIEW])
    assessment, fw = loaded.require()
    return result, assessment, fw


def _summary_least() -> int:
    """The least K2 the reviewed report's summary names (``verify._least``: found by re-scoring)."""
    result, _, _ = _chenghu()
    undone = {u.indicator: u for u in result.review.outcome_change.undone}
    return int(undone["K2"].least)


def test_the_summary_least_figure_is_607066():
    assert _summary_least() == 607066


def test_the_planned_recount_is_the_summary_figure_and_its_answers_reach_the_target():
    result, assessment, fw = _chenghu()
    target = parse_target(fw, "excellent")
    p = plan_reviewed(result, fw, assessment, target, alternative=False)
    k2 = next(c for c in p.changes if c.indicator == "K2")
    assert k2.recount and k2.after == _summary_least()
    start, _ = reviewed_start(result, fw, assessment)
    values = {c.indicator: c.after for c in p.changes}
    at = score(apply(start, values), fw)
    assert at.grade.id == "excellent" and at.total >= 90.0
    below = score(apply(start, {**values, "K2": k2.after - 1}), fw)  # one person fewer does not
    assert below.grade.id != "excellent" and below.total < 90.0
    assert round(p.after.total, 4) == round(at.total, 4)
    assert abs(k2.points - (at.total - p.before.total)) < 1e-6  # the row's points are the plan's


@pytest.mark.parametrize("lang, words, figure", [("zh", "按专家组意见重新", "607,066人"),
                                                  ("en", "count again as the", "(607,066")])
def test_the_plan_command_asks_the_summary_figure(lang, words, figure):
    run = lcity("plan", str(CHENGHU), "--review", str(CHENGHU_REVIEW), "--target", "excellent", "--lang", lang)
    assert run.returncode == 0, run.stderr
    row = "\n".join(ln for ln in run.stdout.splitlines() if ln.startswith("│"))  # the table, its cells wrapped
    assert words in row and figure in row, run.stdout
    assert "620,800" not in run.stdout


def test_the_plan_json_asks_the_summary_figure():
    run = lcity("plan", str(CHENGHU), "--review", str(CHENGHU_REVIEW), "--target", "excellent", "--format", "json")
    doc = json.loads(run.stdout)
    k2 = next(c for c in doc["changes"] if c["indicator"] == "K2")
    assert k2["recount"] is True and k2["after"] == 607066
    assert doc["after"]["grade"] == "excellent" and doc["after"]["total"] >= 90.0 and doc["reaches_target"] is True


@pytest.mark.parametrize("lang, summary, task", [
    ("zh", "K2核定为607,066人及以上亦然", "需达到607,066人"),
    ("en", "verifiedK2of607,066peopleormore", "607,066peopleneeded"),
])
def test_the_report_task_list_and_summary_name_one_figure(tmp_path: Path, lang, summary, task):
    pdf = tmp_path / f"c-{lang}.pdf"
    run = lcity("report", str(CHENGHU), "--review", str(CHENGHU_REVIEW), "--lang", lang, "-o", str(pdf))
    assert run.returncode == 0, run.stderr
    text = _flat(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    assert summary in text and task in text
    assert "620,800" not in text


def test_a_look_up_of_an_unratable_unit_is_asked_at_the_least_figure_too():
    """Dongyuan (too short of data to be rated): E1 is found out at the least figure that keeps the
    plan at its target; one fewer and the plan's answers fall short."""
    loaded = read(PARTIAL)
    assessment, fw = loaded.assessment, loaded.framework
    target = parse_target(fw, "recognition")
    p = plan(assessment, fw, target, alternative=False)
    e1 = next(c for c in p.changes if c.indicator == "E1")
    assert e1.looked_up and e1.after == 134972
    values = {c.indicator: c.after for c in p.changes}
    assert reached_by_plan(score(apply(assessment, values), fw), target)
    assert not reached_by_plan(score(apply(assessment, {**values, "E1": e1.after - 1}), fw), target)
