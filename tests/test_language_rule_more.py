"""One language rule for review, plan and sensitivity, as score and report follow it.

A form's table or document is in ``--lang``, else the file's ``lang:``, else the framework's
``language:``, else zh (lcity.language); the messages about a run (review validate) are in ``--lang``,
else the file's ``lang:``, else the locale, else en, as lcity validate says them. A review form
has no ``lang:`` line: the assessment it reviews speaks for it.

The units are the worked example Qingshi District (青石区) with a ``lang:`` line put in front.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from .conftest import EXAMPLES, lcity_here as lcity

QINGSHI = EXAMPLES / "qingshi-district.yaml"


def unit(folder: Path, name: str, lang: str | None) -> Path:
    """Qingshi District's self-assessment, declaring ``lang`` (None: no lang: line)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = QINGSHI.read_text(encoding="utf-8")
    path.write_text((f"lang: {lang}\n" if lang else "") + text, encoding="utf-8")
    return path


def _locale(monkeypatch, value: str) -> None:
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", value)


# --- review init: the form in the unit's language, the unit named in it ---------------------------


@pytest.mark.parametrize("declared, option, city, title", [
    ("en", [], "Qingshi District", "# Expert panel review — China Learning City Evaluation Framework"),
    ("zh", [], "青石区", "# 专家组评审记录 — 中国学习型城市建设评估指标体系"),
    (None, [], "青石区", "# 专家组评审记录"),  # a China framework declares no language: zh
    ("zh", ["--lang", "en"], "Qingshi District", "# Expert panel review"),
    ("en", ["--lang", "zh"], "青石区", "# 专家组评审记录"),
])
def test_review_init_writes_the_form_in_the_units_language_naming_the_unit_in_it(tmp_path, declared, option,
                                                                                 city, title):
    path = unit(tmp_path, "unit.yaml", declared)
    run = lcity("review", "init", str(path), *option)
    assert run.returncode == 0, run.stderr
    assert title in run.stdout
    assert f'  city: "{city}"' in run.stdout.splitlines()


def test_an_english_review_form_is_valid_for_its_unit_and_verifies_it(tmp_path):
    """The form names the unit 'Qingshi District': review validate and score --review accept it."""
    path = unit(tmp_path, "unit.yaml", "en")
    form = tmp_path / "unit.review.yaml"
    assert lcity("review", "init", str(path), "-o", str(form)).returncode == 0
    unfilled = lcity("review", "validate", str(path), str(form))
    assert unfilled.returncode == 1 and "no-reviewer" in unfilled.stdout  # as written: nobody signed it (G19-C1)
    form.write_text(_signed(form.read_text(encoding="utf-8")), encoding="utf-8")
    run = lcity("review", "validate", str(path), str(form))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 review: valid" in run.stderr
    scored = lcity("score", str(path), "--review", str(form))
    assert scored.returncode == 0, scored.stderr
    assert "Verified by 1 review" in scored.stdout


# --- review validate: its messages follow the reviewed assessment's lang:, else the locale --------


def _signed(text: str) -> str:
    """The form as a panel fills it: a reviewer's name and a conclusion (an untouched form is an
    error since G19-C1: a report signed by nobody)."""
    return text.replace("  name: null", "  name: Zhou Mingyuan", 1).replace("conclusion: null", "conclusion: Agreed.")


def _review_with_unknown_indicator(tmp_path: Path, path: Path) -> Path:
    form = tmp_path / "bad.review.yaml"
    text = lcity("review", "init", str(path)).stdout
    assert "verified:\n" in text
    form.write_text(_signed(text).replace("verified:\n", "verified:\n  ZZ9: {value: 1, reason: checked}\n"),
                    encoding="utf-8")
    return form


@pytest.mark.parametrize("declared, locale, option, expected", [
    ("en", "zh_CN.UTF-8", [], "en"),   # an English unit's review, a Chinese machine: English
    ("zh", "C.UTF-8", [], "zh"),       # a Chinese unit's review, an English machine: Chinese
    (None, "zh_CN.UTF-8", [], "zh"),   # no lang: the locale
    (None, "C.UTF-8", [], "en"),
    ("zh", "C.UTF-8", ["--lang", "en"], "en"),
    ("en", "zh_CN.UTF-8", ["--lang", "zh"], "zh"),
])
def test_review_validate_speaks_the_reviewed_units_language(tmp_path, monkeypatch, declared, locale, option,
                                                            expected):
    path = unit(tmp_path, "unit.yaml", declared)
    form = _review_with_unknown_indicator(tmp_path, path)
    _locale(monkeypatch, locale)
    run = lcity("review", "validate", str(path), str(form), *option)
    assert run.returncode == 1
    where = f"{form}:"
    line = next(x for x in run.stdout.splitlines() if x.startswith(where))
    if expected == "en":
        assert "error unknown-indicator: 'ZZ9' is not an indicator of china-learning-city@1" in line, line
        assert "1 review: invalid" in run.stderr
    else:
        assert "错误 unknown-indicator: “ZZ9”不是 china-learning-city@1 的指标" in line, line
        assert "1 份评审文件：无效" in run.stderr
    doc = json.loads(lcity("review", "validate", str(path), str(form), *option, "--format", "json").stdout)
    message = doc["problems"][0]["message"]
    assert ("不是" in message) == (expected == "zh"), message


def test_an_assessments_and_its_reviews_problems_are_said_in_one_language(tmp_path, monkeypatch):
    """A Chinese unit whose own file has a warning (more employed than residents), and a review with
    an error, on an English machine: both lines in Chinese (they were Chinese for the unit, English
    for the review)."""
    path = unit(tmp_path, "unit.yaml", "zh")
    text = path.read_text(encoding="utf-8")
    assert "  employed: 470000\n" in text
    path.write_text(text.replace("  employed: 470000\n", "  employed: 900000\n", 1), encoding="utf-8")
    form = _review_with_unknown_indicator(tmp_path, path)
    _locale(monkeypatch, "C.UTF-8")
    run = lcity("review", "validate", str(path), str(form))
    lines = [x for x in run.stdout.splitlines() if re.match(r"\S+:\d+:\d+: ", x)]
    assert len(lines) >= 2 and {x.split(":")[0] for x in lines} >= {str(path), str(form)}, run.stdout
    for x in lines:
        assert re.search(r":\d+:\d+: (错误|警告) ", x), x


# --- plan: the table in the unit's language ------------------------------------------------------


@pytest.mark.parametrize("declared, before, after, expected", [
    ("en", [], [], "en"),
    ("zh", [], [], "zh"),
    (None, [], [], "zh"),
    ("en", [], ["--lang", "zh"], "zh"),
    ("zh", [], ["--lang", "en"], "en"),
    ("en", ["--lang", "zh"], [], "zh"),  # lcity --lang zh plan …: the global option counts as the command's
])
def test_plan_follows_the_units_language(tmp_path, declared, before, after, expected):
    path = unit(tmp_path, "unit.yaml", declared)
    run = lcity(*before, "plan", str(path), *after)
    assert run.returncode == 0, run.stderr
    first = run.stdout.splitlines()[0]
    if expected == "en":
        assert first == "Qingshi District: target Recognised as demonstration zone", first
        # the plan rests on L2, the city's: the unit's own total, the city's part apart (G18-B6)
        assert "The unit's own total effort: " in run.stdout and "合计工作量" not in run.stdout
    else:
        assert first == "青石区：目标 认定为示范区", first
        assert "本单位合计工作量：" in run.stdout and "total effort" not in run.stdout


# --- sensitivity: the table in the unit's language; a folder's in its units' common one -----------

_EN_HEAD = re.compile(r"^unit\s+total\s+median \(5–95%\)")


def _sensitivity(target: Path, *more: str):
    run = lcity("sensitivity", str(target), "--samples", "200", "--no-sobol", *more)
    assert run.returncode == 0, run.stderr
    return run.stdout


def _is_english(stdout: str) -> bool:
    english = any(_EN_HEAD.match(line) for line in stdout.splitlines())
    assert english != ("Qingshi District" not in stdout), stdout  # the unit named in the table's language
    return english


@pytest.mark.parametrize("declared, more, english", [
    ("en", [], True), ("zh", [], False), (None, [], False), ("en", ["--lang", "zh"], False), ("zh", ["--lang", "en"], True),
])
def test_sensitivity_of_a_file_follows_its_language(tmp_path, declared, more, english):
    assert _is_english(_sensitivity(unit(tmp_path, "unit.yaml", declared), *more)) == english


def test_sensitivity_of_a_folder_follows_its_units_common_language(tmp_path):
    same = tmp_path / "same"
    unit(same, "a.yaml", "en")
    shutil.copy(same / "a.yaml", same / "b.yaml")
    (same / "b.yaml").write_text((same / "a.yaml").read_text(encoding="utf-8").replace("id: qingshi", "id: qingshi-b", 1),
                                 encoding="utf-8")
    assert _is_english(_sensitivity(same))
    mixed = tmp_path / "mixed"
    unit(mixed, "a.yaml", "en")
    unit(mixed, "b.yaml", "zh")
    text = (mixed / "b.yaml").read_text(encoding="utf-8").replace("id: qingshi", "id: qingshi-b", 1)
    (mixed / "b.yaml").write_text(text, encoding="utf-8")
    assert not _is_english(_sensitivity(mixed))  # no common language: zh
    assert _is_english(_sensitivity(mixed, "--lang", "en"))
