"""Which indicator a panel's own survey rate (a review's process.survey) is set beside: declared with
``review_survey`` on the indicator, else found by the rate's English or Chinese name; checked by
``lcity framework check``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluator.verify import survey_indicators
from indicators.loader import PACKAGE_DIR, load_framework

from .conftest import lcity_here as lcity

CHINA = PACKAGE_DIR / "china-learning-city" / "framework.yaml"
K4_NAME = 'name: {zh: "居民知晓度和认同度", en: "Resident awareness and recognition"}'
K5_NAME = 'name: {zh: "居民满意度", en: "Resident satisfaction"}'
E3_NAME = 'name: {zh: "平台活跃学习者", en: "Active platform learners"}'


def _copy(tmp_path: Path, name: str, edit) -> Path:
    folder = tmp_path / "frameworks" / name
    folder.mkdir(parents=True)
    text = CHINA.read_text(encoding="utf-8").replace("id: china-learning-city\n", f"id: {name}\n", 1)
    path = folder / "framework.yaml"
    path.write_text(edit(text), encoding="utf-8")
    return path


def _undeclared(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if "review_survey:" not in line) + "\n"


def test_the_packaged_frameworks_declare_their_rates():
    for ref in ("china-learning-city@1", "china-learning-city@2"):
        fw = load_framework(ref)
        assert {i.id: i.review_survey for i in fw.indicators() if i.review_survey} == {"K4": "awareness", "K5": "satisfaction"}
        assert survey_indicators(fw) == {"awareness": "K4", "satisfaction": "K5"}


def test_a_chinese_name_is_enough_without_a_declaration(tmp_path):
    """A framework written in Chinese, whose English names say nothing of satisfaction, still has its
    satisfaction rate found (the match used to read the English name only)."""
    path = _copy(tmp_path, "zh-names", lambda t: _undeclared(t).replace(
        K5_NAME, 'name: {zh: "居民满意度", en: "Residents\' view of the services"}'))
    assert survey_indicators(load_framework(path)) == {"awareness": "K4", "satisfaction": "K5"}


def test_a_declaration_wins_over_a_name(tmp_path):
    """K4 declared the panel's satisfaction rate: K5, named for satisfaction, is not taken beside it,
    and awareness (no longer named by an undeclared rate) goes to none rather than to a guess."""
    def edit(t: str) -> str:
        t = _undeclared(t)
        return t.replace(K4_NAME, K4_NAME + "\n        review_survey: satisfaction")
    assert survey_indicators(load_framework(path := _copy(tmp_path, "declared", edit))) == {"satisfaction": "K4"}
    assert path.exists()


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace(E3_NAME, E3_NAME + "\n        review_survey: awareness"), "is not a survey rate"),
    (lambda t: t.replace('review_survey: awareness', 'review_survey: satisfaction'), "both say they are the panel's satisfaction rate"),
])
def test_framework_check_names_a_wrong_declaration_at_its_line(tmp_path, monkeypatch, edit, message):
    path = _copy(tmp_path, "wrong", edit)
    assert path.read_text(encoding="utf-8").count("review_survey:") == 3 - ("both" in message)  # the edit took
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "frameworks"))
    proc = lcity("framework", "check", str(path), "--format", "json")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    found = [p for p in json.loads(proc.stdout)["problems"] if message in p["message"]]
    assert found, proc.stdout
    line = found[0]["line"]
    assert "review_survey:" in path.read_text(encoding="utf-8").splitlines()[line - 1]
