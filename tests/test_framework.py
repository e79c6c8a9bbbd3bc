"""The framework as data: the shipped one is sound, and a broken one is refused at its line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indicators.loader import PACKAGE_DIR, available, load_framework
from indicators.problems import InputError

from .conftest import lcity_here as lcity

FRAMEWORK = PACKAGE_DIR / "china-learning-city" / "framework.yaml"


@pytest.fixture(scope="module")
def fw():
    return load_framework("china-learning-city@1")


def test_shipped_framework_shape(fw):
    assert fw.ref == "china-learning-city@1"
    assert [d.id for d in fw.dimensions] == list("ABCDEFGHIJKL")
    assert 38 <= len(fw.indicators()) <= 48
    assert sum(d.points for d in fw.dimensions) == pytest.approx(100)
    for ind in fw.indicators():
        assert ind.name.zh and ind.name.en and ind.question.zh and ind.question.en
        assert ind.advice.zh and ind.advice.en
        assert ind.source.paper or ind.source.documents
        assert ind.evidence


def test_national_floor_of_two_yuan_is_cited(fw):
    d1 = fw.indicator("D1")
    assert d1.rule.kind == "linear" and d1.rule.floor == 2
    assert "2" in d1.source.thresholds and "S19" in " ".join(d1.source.documents + [d1.source.thresholds])


def test_decisions_are_data(fw):
    assert [g.name.zh for g in fw.grades] == ["优秀", "良好", "合格", "不合格"]
    rec = fw.recognition
    assert {s.indicator: s.min for s in rec.survey} == {"K4": 80, "K5": 70}
    assert {"falsified_data", "no_budget_line"} <= {v.id for v in rec.vetoes}
    assert rec.outcomes.recognised.zh == "认定为示范区"
    assert [t.id for t in fw.pathways.types] == ["balanced", "internationalisation", "industry", "culture"]


def _broken(tmp_path: Path, old: str, new: str, count: int = 1) -> tuple[Path, str]:
    text = FRAMEWORK.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, count)
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def _line_of(text: str, needle: str, nth: int = 1) -> int:
    idx = -1
    for _ in range(nth):
        idx = text.index(needle, idx + 1)
    return text.count("\n", 0, idx) + 1


def _problems(path: Path):
    with pytest.raises(InputError) as exc:
        load_framework(path)
    return exc.value.problems


def test_duplicate_indicator_id(tmp_path):
    path, text = _broken(tmp_path, "- id: A2\n", "- id: A1\n")
    [p] = [p for p in _problems(path) if p.rule == "duplicate-id"]
    assert p.line == _line_of(text, "- id: A1\n", 2)
    assert "indicator id 'A1' is used twice" in p.message


def test_points_that_do_not_add_up(tmp_path):
    fw_text = FRAMEWORK.read_text(encoding="utf-8")
    # raise B1's points by one: dimension B no longer adds up, and neither does the total
    start = fw_text.index("- id: B1\n")
    pts = fw_text.index("points: 4", start)
    text = fw_text[:pts] + "points: 5" + fw_text[pts + len("points: 4"):]
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    problems = [p for p in _problems(path) if p.rule == "points-mismatch"]
    assert any("dimension B declares 6 points but its indicators add up to 7" in p.message for p in problems)


def test_rule_that_does_not_fit_the_answer(tmp_path):
    fw_text = FRAMEWORK.read_text(encoding="utf-8")
    start = fw_text.index("- id: B2\n")
    kind = fw_text.index("kind: boolean", start)
    text = fw_text[:kind] + "kind: checklist" + fw_text[kind + len("kind: boolean"):]
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    [p] = [p for p in _problems(path) if p.rule == "rule-mismatch"]
    assert p.line == _line_of(text, "kind: checklist", text[:kind].count("kind: checklist") + 1)
    assert "rule 'checklist' cannot score a 'boolean' answer" in p.message


def test_unknown_exemplar_city(tmp_path):
    path, text = _broken(tmp_path, "city: wuhan", "city: wuhn")
    [p] = [p for p in _problems(path) if p.rule == "unknown-city"]
    assert p.line == _line_of(text, "city: wuhn")
    assert p.hint == "did you mean 'wuhan'?"


def test_indicator_without_source(tmp_path):
    fw_text = FRAMEWORK.read_text(encoding="utf-8")
    start = fw_text.index("- id: C3\n")
    src = fw_text.index("source:", start)
    end = fw_text.index("exemplars:", src) if "exemplars:" in fw_text[src:src + 2000] else fw_text.index("advice:", src)
    indent = fw_text.rfind("\n", 0, src) + 1
    text = fw_text[:src] + "source: {}\n" + fw_text[indent:indent] + " " * (src - indent) + fw_text[end:]
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    problems = [p for p in _problems(path) if p.rule == "no-source"]
    assert len(problems) == 1 and "C3" in problems[0].message


def test_unknown_key_in_framework(tmp_path):
    path, text = _broken(tmp_path, "total_points: 100", "total_point: 100")
    rules = {(p.rule, p.line) for p in _problems(path)}
    assert ("unknown-key", _line_of(text, "total_point: 100")) in rules


def test_second_framework_loads_without_code(tmp_path, monkeypatch):
    folder = tmp_path / "frameworks" / "mini"
    folder.mkdir(parents=True)
    (folder / "framework.yaml").write_text(MINI, encoding="utf-8")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "frameworks"))
    assert "mini-unesco@1" in [f.ref for f in available()]
    fw = load_framework("mini-unesco@1")
    assert fw.total_points == 10
    proc = lcity("frameworks", "--format", "json")
    assert proc.returncode == 0
    assert "china-learning-city@1" in [r["ref"] for r in json.loads(proc.stdout)]


MINI = """
id: mini-unesco
version: 1
name: {zh: 迷你框架, en: Mini framework}
description: {zh: 测试用, en: For tests}
source: UNESCO Key Features of Learning Cities (test excerpt)
total_points: 10
dimensions:
  - id: P
    name: {zh: 政治意愿, en: Political will}
    points: 10
    indicators:
      - id: P1
        name: {zh: 市长承诺, en: Mayoral commitment}
        question: {zh: "市长是否签署？", en: "Did the mayor sign?"}
        answer: {type: boolean}
        rule: {kind: boolean}
        points: 10
        evidence: [document]
        source: {documents: ["UNESCO GNLC application form"]}
        advice: {zh: 请市长签署, en: Ask the mayor to sign}
grades:
  - {id: good, min: 5, name: {zh: 好, en: Good}}
  - {id: poor, min: 0, name: {zh: 差, en: Poor}}
recognition:
  total_min: 5
  deferred_min: 4
  dimension_floor: 0.5
  outcomes:
    recognised: {zh: 通过, en: Passed}
    deferred: {zh: 暂缓, en: Deferred}
    refused: {zh: 不通过, en: Not passed}
  source: test
"""
