"""``lcity plan`` as a coordinator and a panel read it (G18-B11, G18-D4, G18-B3).

* B11: ``lcity batch`` plans a reviewed unit from the panel's verified answers (its ``plan_effort``),
  but ``lcity plan`` had no ``--review``: Lanjiang read "已达到目标" beside batch's 2.0, Beiling 118
  beside batch's 144. ``lcity plan FILE --review REVIEW`` now plans as batch and the report do, and
  says so.
* D4: Moss Ferry's plan asked PAR2 52 % → 62 % where its survey condition is 60 % and 60 % reaches
  the target at the same effort; its "next-best alternative" was the same seven tasks.
* B3: a unit too short of data to be rated is planned with each unknown figure at the level the
  target needs; the plan now says how many of its points rest on figures not yet known and how many
  must come out at full points.
"""

from __future__ import annotations

import csv
import json
import re
import shutil

import pytest

from .conftest import EXAMPLES, ROOT, lcity_here as lcity

DISTRICTS = EXAMPLES / "districts"
G18F = ROOT / "tests" / "audit_frameworks_g18"
MOSS = G18F / "moss-ferry-2025.yaml"
NOT_RATABLE = ROOT / "tests" / "audit_coordinator_g18" / "inputs" / "beiling-not-ratable.yaml"


def _ok(*args: str) -> str:
    proc = lcity(*args)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _json(*args: str) -> dict:
    return json.loads(_ok(*args, "--format", "json"))


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- G18-B11: lcity plan --review gives batch's plan_effort ------------------------------------


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    folder = tmp_path_factory.mktemp("units")
    for unit in ("lanjiang", "beiling"):
        for name in (f"{unit}.yaml", f"{unit}.review.yaml"):
            shutil.copy(DISTRICTS / name, folder / name)
    out = tmp_path_factory.mktemp("out")
    proc = lcity("batch", str(folder), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    rows = {r["file"]: r for r in csv.DictReader(open(out / "summary.csv", encoding="utf-8-sig"))}
    return rows


@pytest.mark.parametrize("unit", ["lanjiang", "beiling"])
def test_plan_with_review_gives_the_batch_summarys_effort(summary, unit):
    row = summary[f"{unit}.yaml"]
    assert row["reviewed"].lower() == "true"
    target = row["plan_target"]
    doc = _json("plan", str(DISTRICTS / f"{unit}.yaml"), "--review", str(DISTRICTS / f"{unit}.review.yaml"),
                "--target", target)
    assert doc["effort"] == float(row["plan_effort"])
    assert doc["before"]["total"] == pytest.approx(float(row["total"]), abs=0.01)  # the reviewed total
    assert doc["review"]["reviewers"] == 1
    # without the review the plan starts from the self-assessed answers: another figure, as the audit found
    own = _json("plan", str(DISTRICTS / f"{unit}.yaml"), "--target", target)
    assert own["review"] is None
    assert own["effort"] != doc["effort"]


def test_plan_with_review_keeps_the_panels_score_changes_and_says_so():
    args = ("plan", str(DISTRICTS / "lanjiang.yaml"), "--review", str(DISTRICTS / "lanjiang.review.yaml"),
            "--target", "excellent")
    zh = _ok(*args, "--lang", "zh")
    assert "现在：89.5 良好，认定为示范区  →  计划后：90.5 优秀" in zh
    assert "本计划以专家组核定的答案为起点测算（1份评审），与lcitybatch和报告的测算相同。" in _flat(zh)
    assert "专家组对分值的直接调整（合计-0.50分）" in _flat(zh)
    assert "已达到目标" not in zh and "总分≥90" in _flat(zh)  # the line the reported total must reach
    en = _ok(*args, "--lang", "en")
    assert "today: 89.5 Good" in en and "after the plan: 90.5 Excellent" in en
    assert "Planned from the answers the panel verified (1 review), as lcity batch and the report plan the unit." \
        in " ".join(en.split())
    assert "(-0.50 points in all)" in en
    doc = _json(*args)
    assert doc["review"] == {"reviewers": 1, "panel_delta": -0.5}
    assert doc["after"]["grade"] == "excellent" and doc["after"]["total"] == pytest.approx(90.46, abs=0.01)


def test_plan_help_names_review_with_an_example():
    text = " ".join(_ok("plan", "--help").split())
    assert "--review" in text and "--accept-mismatch" in text
    assert "lcity plan examples/districts/lanjiang.yaml --review examples/districts/lanjiang.review.yaml" in text


def test_plan_with_a_missing_review_file_says_so():
    proc = lcity("plan", str(DISTRICTS / "lanjiang.yaml"), "--review", str(DISTRICTS / "no-such.review.yaml"))
    assert proc.returncode != 0
    assert "no-such.review.yaml" in proc.stdout + proc.stderr


def test_readme_describes_plan_review():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "lcity plan examples/districts/lanjiang.yaml --review examples/districts/lanjiang.review.yaml" in readme


# --- G18-D4: no figure above what a condition needs; an alternative is other tasks --------------


@pytest.fixture
def g18(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G18F))


def test_moss_ferry_asks_the_survey_condition_not_above_it(g18):
    doc = _json("plan", str(MOSS))
    par2 = next(c for c in doc["changes"] if c["indicator"] == "PAR2")
    assert par2["after"] == 60 and "survey:PAR2" in par2["serves"]
    assert doc["after"]["total"] >= doc["target"]["total"]
    text = _ok("plan", str(MOSS), "--lang", "en")
    assert "52% → 60%" in text and "62%" not in text


def test_moss_ferry_alternative_is_other_tasks_or_none(g18):
    doc = _json("plan", str(MOSS))
    alt = doc["alternative"]
    assert alt is not None
    assert {c["indicator"] for c in alt["changes"]} != {c["indicator"] for c in doc["changes"]}
    assert alt["effort"] >= doc["effort"]
    text = " ".join(_ok("plan", str(MOSS), "--lang", "en").split())
    assert "Next-best alternative: effort 9," in text and "differs in" not in text


@pytest.mark.parametrize("unit", ["beiling", "xinqiao", "yuntai", "songling"])
def test_an_alternative_never_has_the_plans_tasks_alone(unit):
    path = DISTRICTS / f"{unit}.yaml"
    doc = _json("plan", str(path))
    if doc["alternative"] is not None:
        assert {c["indicator"] for c in doc["alternative"]["changes"]} != {c["indicator"] for c in doc["changes"]}


# --- G18-B3: how much of a plan rests on figures not yet known ---------------------------------


def test_not_ratable_plan_says_how_many_points_rest_on_unknown_figures():
    zh = _flat(_ok("plan", str(NOT_RATABLE), "--target", "recognition", "--lang", "zh"))
    assert ("计划增加的41.29分中，32.48分取决于尚未查明的14项数值，其中12项须达到满分"
            "（D2、D3、D4、E1、E2、E3、E5、F1、F2、F3、F4、G1）；查明的数值若较低，计划达不到目标。") in zh
    en = " ".join(_ok("plan", str(NOT_RATABLE), "--target", "recognition", "--lang", "en").split())
    assert ("Of the plan's +41.29 points, 32.48 rest on 14 figures not yet known, 12 of which must reach full points "
            "(D2, D3, D4, E1, E2, E3, E5, F1, F2, F3, F4, G1); if the figures found are lower, the plan does not "
            "reach the target.") in en


def test_not_ratable_plan_json_gives_the_unknown_stake():
    doc = _json("plan", str(NOT_RATABLE), "--target", "recognition")
    u = doc["unknown"]
    assert u["points"] == pytest.approx(32.5, abs=0.05)
    assert len(u["indicators"]) == 14 and len(u["full"]) == 12 and set(u["full"]) <= set(u["indicators"])
    found = [c for c in doc["changes"] if c["state"] in ("unknown", "missing")]
    assert {c["indicator"] for c in found} == set(u["indicators"])
    assert sum(c["points"] for c in found) == pytest.approx(u["points"], abs=0.05)


def test_a_plan_without_unknown_figures_says_nothing_of_them():
    doc = _json("plan", str(EXAMPLES / "qingshi-district.yaml"), "--target", "80")
    assert doc["unknown"] == {"points": 0.0, "indicators": [], "full": []}
    assert "尚未查明" not in _ok("plan", str(EXAMPLES / "qingshi-district.yaml"), "--target", "80", "--lang", "zh")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_reports_plan_section_says_how_much_rests_on_unknown_figures(lang):
    from evaluator.pipeline import read_scored
    from evaluator.plan import for_report
    from reports.context_facts import facts
    from reports.context_plan import tasks

    result, loaded = read_scored(NOT_RATABLE)
    assessment, fw = loaded.require()
    p = for_report(result, fw, assessment)
    intro = tasks(facts(result, None, fw, assessment, lang=lang, date="2026-06-01", plan=p))["tasks"]["intro"]
    if lang == "zh":
        assert "计划增加的41.29分中，32.48分取决于尚未查明的14项数值，其中12项须达到满分" in intro
    else:
        assert "Of the plan's +41.29 points, 32.48 rest on 14 figures not yet known, 12 of which must reach full points" \
            in intro
