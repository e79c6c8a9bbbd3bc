"""A unit is benchmarked against reference units scored under its own framework version.

The 12 reference cities answer ``china-learning-city@1``. A unit of ``@2`` is compared with them
moved to ``@2`` through the framework's crosswalk, by the same code as ``lcity upgrade``: an
answer carried over only where the crosswalk maps its indicator and the answer means the same,
everything else ``unknown``, never invented."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from evaluator.benchmark import REFERENCE_DIR, reference_results
from evaluator.engine import score
from evaluator.reading import read
from indicators.loader import load_framework

ROOT = Path(__file__).resolve().parents[1]
V2_UNIT = ROOT / "examples" / "v2" / "qingshi-district-2025.yaml"
V1_UNIT = ROOT / "examples" / "qingshi-district.yaml"


def lcity(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lcity", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=300, env=env)


def test_a_v2_unit_is_compared_with_the_12_cities_scored_under_v2():
    proc = lcity("benchmark", str(V2_UNIT), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["framework"] == "china-learning-city@2"
    assert doc["reference_units"] == 12 and doc["of"] == 13 and doc["skipped"] == []
    assert doc["upgraded_from"] == ["china-learning-city@1"]
    refs = [r for r in doc["table"] if not r["is_subject"]]
    assert len(refs) == 12
    assert {r["framework"] for r in doc["table"]} == {"china-learning-city@2"}
    assert {r["upgraded_from"] for r in refs} == {"china-learning-city@1"}
    # coverage is reported under @2: the mean of the 12 cities' @2 coverage, lower than under @1
    # because @2 asks more than the data carried over from @1 can answer
    mean = sum(r["coverage"] for r in refs) / 12
    assert abs(doc["reference_coverage"] - mean) < 1e-9 and 0 < mean < 1
    v1 = {r.city.id: r for r in reference_results("china-learning-city@1")}
    assert all(r["coverage"] <= v1[r["id"]].coverage + 1e-9 for r in refs)
    # the dimensions compared are @2's
    fw2 = load_framework("china-learning-city@2")
    assert [d["id"] for d in doc["dimensions"]] == [d.id for d in fw2.dimensions]
    proc = lcity("benchmark", str(V2_UNIT), "--lang", "en")
    assert proc.returncode == 0, proc.stderr


def test_what_the_crosswalk_does_not_carry_is_unknown_and_the_rest_as_answered():
    fw1, fw2 = load_framework("china-learning-city@1"), load_framework("china-learning-city@2")
    carried = {new for old, new in (fw2.replaces.indicators.items() if fw2.replaces else ())}
    new_only = {i.id for i in fw2.indicators()} - carried
    assert new_only, "the test needs indicators that @2 adds"
    v1 = {r.city.id: r for r in reference_results(fw1.ref)}
    v2 = reference_results(fw2.ref)
    assert len(v2) == 12
    for r in v2:
        assert r.framework == fw2.ref
        before = {i.id: i for i in v1[r.city.id].indicators}
        for ind in r.indicators:
            if ind.id in new_only:
                # never invented: the indicator has no answer in a file written for @1
                assert ind.state == "unknown" and ind.value is None and ind.score == 0, (r.city.id, ind.id)
            else:
                old_id = next(o for o, n in fw2.replaces.indicators.items() if n == ind.id)  # type: ignore[union-attr]
                assert ind.value == before[old_id].value, (r.city.id, ind.id)
                assert ind.state == before[old_id].state or (ind.state, before[old_id].state) == ("unknown", "missing")
    # cached per framework: the same results, not scored again
    assert reference_results(fw2.ref) is reference_results(fw2.ref) or reference_results(fw2.ref) == v2


def test_an_v1_unit_is_compared_as_before():
    proc = lcity("benchmark", str(V1_UNIT), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["framework"] == "china-learning-city@1" and doc["reference_units"] == 12
    assert doc["upgraded_from"] == []
    assert {r["framework"] for r in doc["table"]} == {"china-learning-city@1"}
    assert all(r["upgraded_from"] is None for r in doc["table"])
    fw1 = load_framework("china-learning-city@1")
    direct = {}
    for path in sorted(REFERENCE_DIR.glob("*.yaml")):
        a, _ = read(path).require()
        direct[a.city.id] = score(a, fw1).total
    assert {r["id"]: r["total"] for r in doc["table"] if not r["is_subject"]} == direct


def test_cities_lists_the_12_under_v2():
    proc = lcity("cities", "--framework", "china-learning-city@2", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)["units"]
    assert len(rows) == 12
    v2 = {r.city.id: r for r in reference_results("china-learning-city@2")}
    assert {r["id"]: r["total"] for r in rows} == {k: round(v.total, 2) for k, v in v2.items()}
    proc = lcity("cities", "--framework", "china-learning-city@2")
    assert proc.returncode == 0 and "12" in proc.stdout


V1 = """\
id: twover
version: {version}
name: {{zh: 两版框架, en: A framework in two versions}}
description: {{zh: 测试用, en: For tests}}
source: a test
total_points: 20
{replaces}dimensions:
  - id: A
    name: {{zh: 甲, en: A}}
    points: 20
    indicators:
      - id: A1
        name: {{zh: 规划, en: Plan}}
        question: {{zh: 有规划吗？, en: Is there a plan?}}
        answer: {{type: boolean}}
        rule: {{kind: boolean}}
        points: 10
        evidence: [document]
        source: {{documents: [a test document]}}
        advice: {{zh: 制定规划, en: Adopt a plan}}
      - id: {second}
        name: {{zh: 节, en: Festival}}
        question: {{zh: 有学习节吗？, en: Is there a festival?}}
        answer: {{type: boolean}}
        rule: {{kind: boolean}}
        points: 10
        evidence: [document]
        source: {{documents: [a test document]}}
        advice: {{zh: 举办, en: Hold one}}
grades:
  - {{id: good, min: 5, name: {{zh: 好, en: Good}}}}
  - {{id: poor, min: 0, name: {{zh: 差, en: Poor}}}}
recognition:
  total_min: 15
  deferred_min: 5
  dimension_floor: 0.5
  outcomes:
    recognised: {{zh: 通过, en: Passed}}
    deferred: {{zh: 暂缓, en: Deferred}}
    refused: {{zh: 不通过, en: Not passed}}
  source: this framework's proposal
"""

UNIT = ("framework: twover@{v}\ncity:\n  id: {id}\n  name: {{zh: {id}}}\n  level: city\n"
        "period: {{start: 2023, end: 2024}}\nanswers:\n  A1: {{value: true}}\n  {second}: {{value: true}}\n")


def _two_versions(tmp_path: Path, crosswalk: bool) -> tuple[dict, Path]:
    import os

    root = tmp_path / "fws"
    (root / "twover-1" / "reference-units").mkdir(parents=True)
    (root / "twover-2").mkdir()
    (root / "twover-1" / "framework.yaml").write_text(V1.format(version=1, replaces="", second="A2"), "utf-8")
    replaces = "replaces:\n  framework: twover@1\n  indicators: {A1: A1}\n" if crosswalk else ""
    (root / "twover-2" / "framework.yaml").write_text(V1.format(version=2, replaces=replaces, second="A3"), "utf-8")
    units = root / "twover-1" / "reference-units"
    (units / "old.yaml").write_text(UNIT.format(v=1, id="old", second="A2"), "utf-8")
    (units / "later.yaml").write_text(UNIT.format(v=2, id="later", second="A3"), "utf-8")
    env = {**os.environ, "LCITY_FRAMEWORK_PATH": str(root)}
    return env, root


def test_a_reference_unit_is_moved_through_the_crosswalk_never_back(tmp_path):
    env, root = _two_versions(tmp_path, crosswalk=True)
    # the reference units live beside version 1; a unit of version 2 finds them through its id
    (root / "twover-2" / "reference-units").mkdir()
    for f in (root / "twover-1" / "reference-units").iterdir():
        (root / "twover-2" / "reference-units" / f.name).write_bytes(f.read_bytes())
    me = tmp_path / "me.yaml"
    me.write_text(UNIT.format(v=2, id="me", second="A3"), "utf-8")
    proc = lcity("benchmark", str(me), "--format", "json", env=env)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    rows = {r["id"]: r for r in doc["table"]}
    assert doc["reference_units"] == 2 and doc["skipped"] == []
    # old.yaml: A1 carried over (10 points), A2 removed in v2, so A3 is unknown (0): never invented
    assert rows["old"]["framework"] == "twover@2" and rows["old"]["upgraded_from"] == "twover@1"
    assert rows["old"]["total"] == 10 and rows["old"]["coverage"] == 0.5
    assert rows["later"]["total"] == 20 and rows["later"]["upgraded_from"] is None
    # a unit of version 1 is not compared with a file written for version 2: never moved back
    me1 = tmp_path / "me1.yaml"
    me1.write_text(UNIT.format(v=1, id="me1", second="A2"), "utf-8")
    proc = lcity("benchmark", str(me1), "--format", "json", env=env)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["reference_units"] == 1 and [s["file"] for s in doc["skipped"]] == ["later.yaml"]
    assert "later version" in doc["skipped"][0]["reason"]


def test_without_a_crosswalk_an_earlier_reference_unit_is_left_out(tmp_path):
    env, root = _two_versions(tmp_path, crosswalk=False)
    (root / "twover-2" / "reference-units").mkdir()
    src = root / "twover-1" / "reference-units" / "old.yaml"
    (root / "twover-2" / "reference-units" / "old.yaml").write_bytes(src.read_bytes())
    me = tmp_path / "me.yaml"
    me.write_text(UNIT.format(v=2, id="me", second="A3"), "utf-8")
    proc = lcity("benchmark", str(me), "--format", "json", env=env)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["reference_units"] == 0 and [s["file"] for s in doc["skipped"]] == ["old.yaml"]
    assert "replaces" in doc["skipped"][0]["reason"]
