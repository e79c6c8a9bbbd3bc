"""`lcity framework check`, `lcity frameworks` with a broken framework, and the loader's header peek."""

from __future__ import annotations

import json
from pathlib import Path


from indicators.loader import PACKAGE_DIR, available

from .conftest import lcity_here as lcity

CHINA = PACKAGE_DIR / "china-learning-city" / "framework.yaml"


def _copy(tmp_path: Path, name: str, edit) -> Path:
    """A copy of the packaged framework under another id, changed by `edit` (text -> text)."""
    folder = tmp_path / "frameworks" / name
    folder.mkdir(parents=True)
    text = CHINA.read_text(encoding="utf-8").replace("id: china-learning-city\n", f"id: {name}\n", 1)
    path = folder / "framework.yaml"
    path.write_text(edit(text), encoding="utf-8")
    return path


def _line_of(path: Path, start: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(start))


def test_a_comment_on_the_version_line_keeps_the_framework(tmp_path, monkeypatch):
    _copy(tmp_path, "noted", lambda t: t.replace("\nversion: 1\n", "\nversion: 1  # first edition\n", 1))
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "frameworks"))
    assert "noted@1" in [f.ref for f in available()]
    proc = lcity("frameworks", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    row = next(r for r in json.loads(proc.stdout) if r["ref"] == "noted@1")
    assert row["problems"] == 0 and row["indicators"] > 0


def test_an_unreadable_version_is_listed_as_invalid_not_hidden(tmp_path, monkeypatch):
    _copy(tmp_path, "badver", lambda t: t.replace("\nversion: 1\n", "\nversion: one\n", 1))
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "frameworks"))
    proc = lcity("frameworks")
    assert proc.returncode == 1
    assert "badver" in proc.stdout + proc.stderr
    assert "lcity framework check" in proc.stderr


def test_a_broken_framework_makes_frameworks_exit_1_and_says_how_to_see_the_problems(tmp_path, monkeypatch):
    path = _copy(tmp_path, "broken", lambda t: t.replace("\ntotal_points: 100\n", "\ntotal_points: 90\n", 1))
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "frameworks"))
    proc = lcity("frameworks")
    assert proc.returncode == 1
    assert f"lcity framework check {path}" in proc.stderr.replace("\n", "")
    proc = lcity("frameworks", "--format", "json")
    assert proc.returncode == 1
    rows = {r["ref"]: r for r in json.loads(proc.stdout)}
    assert rows["broken@1"]["problems"] >= 1 and rows["china-learning-city@1"]["problems"] == 0


def test_framework_check_of_the_packaged_framework_is_clean():
    proc = lcity("framework", "check", str(CHINA))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "valid" in proc.stderr
    proc = lcity("framework", "check", str(CHINA), "--format", "json")
    doc = json.loads(proc.stdout)
    assert doc["valid"] is True and doc["problems"] == [] and doc["framework"] == "china-learning-city@1"


def test_framework_check_lists_every_problem_with_its_location(tmp_path):
    def edit(t: str) -> str:
        t = t.replace("\ntotal_points: 100\n", "\ntotal_points: 60\n", 1)
        return t.replace("\ndescription:\n", "\ndescriptoin:\n", 1)
    path = _copy(tmp_path, "many", edit)
    proc = lcity("framework", "check", str(path), "--format", "json")
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    assert doc["valid"] is False
    rules = {(p["line"], p["rule"]) for p in doc["problems"]}
    assert (_line_of(path, "descriptoin:"), "unknown-key") in rules
    # the model fails first (unknown key), so the cross-field checks wait for it to be fixed
    fixed = path.read_text(encoding="utf-8").replace("\ndescriptoin:\n", "\ndescription:\n", 1)
    path.write_text(fixed, encoding="utf-8")
    proc = lcity("framework", "check", str(path))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert any(f"{path}:{_line_of(path, 'total_points:')}:" in l and "points-mismatch" in l for l in lines)
    unreachable = [l for l in lines if "unreachable-threshold" in l]
    # grades 90 and 80 and the recognition lines 85 and 75 are above 60 points; 60 itself is reachable
    assert len(unreachable) == 4, lines
    assert all(l.startswith(f"{path}:") for l in lines)


def test_thresholds_above_total_points_make_the_loader_refuse_the_framework(tmp_path, monkeypatch):
    """A framework of 60 points whose grades were written for 100."""
    folder = tmp_path / "frameworks" / "small"
    folder.mkdir(parents=True)
    (folder / "framework.yaml").write_text(SMALL.format(excellent=90, total_min=55, deferred_min=40), encoding="utf-8")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "frameworks"))
    proc = lcity("framework", "check", str(folder / "framework.yaml"))
    assert proc.returncode == 1
    assert "grade 'excellent' needs 90 points but the framework has only 60" in proc.stdout
    assert proc.stdout.startswith(f"{folder / 'framework.yaml'}:{_line_of(folder / 'framework.yaml', '  - {id: excellent')}:")
    assert "90 % of 60 is 54" in proc.stdout
    proc = lcity("frameworks")
    assert proc.returncode == 1
    (folder / "framework.yaml").write_text(SMALL.format(excellent=54, total_min=45, deferred_min=40), encoding="utf-8")
    assert lcity("framework", "check", str(folder / "framework.yaml")).returncode == 0
    assert lcity("frameworks").returncode == 0


def test_framework_check_of_a_missing_or_unsafe_file_exits_2(tmp_path):
    assert lcity("framework", "check", str(tmp_path / "nope.yaml")).returncode == 2
    bad = tmp_path / "framework.yaml"
    bad.write_text("id: !!python/object:os.system x\n", encoding="utf-8")
    assert lcity("framework", "check", str(bad)).returncode == 2


SMALL = """\
id: small
version: 1
name: {{zh: 小框架, en: Small framework}}
description: {{zh: 测试用, en: For tests}}
source: a test
total_points: 60
dimensions:
  - id: A
    name: {{zh: 甲, en: A}}
    points: 60
    indicators:
      - id: A1
        name: {{zh: 规划, en: Plan}}
        question: {{zh: 有规划吗?, en: Is there a plan?}}
        answer: {{type: boolean}}
        rule: {{kind: boolean}}
        points: 60
        evidence: [document]
        source: {{documents: [a test document]}}
        advice: {{zh: 制定规划, en: Adopt a plan}}
grades:
  - {{id: excellent, min: {excellent}, name: {{zh: 优秀, en: Excellent}}}}
  - {{id: fail, min: 0, name: {{zh: 不合格, en: Fail}}}}
recognition:
  total_min: {total_min}
  deferred_min: {deferred_min}
  dimension_floor: 0.5
  outcomes:
    recognised: {{zh: 通过, en: Passed}}
    deferred: {{zh: 暂缓, en: Deferred}}
    refused: {{zh: 不通过, en: Not passed}}
  source: this framework's proposal
"""
