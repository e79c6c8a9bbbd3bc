"""--target N under grades whose names end with a number (audit G5, finding 11; brief H8): Bay Rim's
grades are "Level 5" (五级) … "Level 1" (一级), ids L5 … L1. A bare number is a total, as --target's
help says, and stays one (a total of 5 is a valid target, so no error); the plan says, in the
language of its table (--lang, else the file's lang:, else the framework's language), that N was
read as a total of N points and names the grade the user may have meant by its id.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from .conftest import ROOT, lcity_here as lcity

G5 = ROOT / "tests" / "audit_frameworks" / "g5"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))


def _said(run) -> str:
    return " ".join(run.stderr.split())


@pytest.mark.parametrize("unit, args, says", [
    # Beidao gives no lang: the framework's language (zh) speaks
    ("beidao-2025.yaml", (), "注意：--target 5 按总分 5 分理解；如指等级“五级”，请写 --target L5"),
    ("beidao-2025.yaml", ("--lang", "en"), "note: --target 5 is read as a total of 5 points; "
                                           "for the grade 'Level 5' write --target L5"),
    # Stonebeach is filled in with lang: en
    ("stonebeach-2025.yaml", (), "note: --target 5 is read as a total of 5 points; "
                                 "for the grade 'Level 5' write --target L5"),
    ("stonebeach-2025.yaml", ("--lang", "zh"), "注意：--target 5 按总分 5 分理解；如指等级“五级”，请写 --target L5"),
])
def test_the_note_is_in_the_language_of_the_plan(unit: str, args: tuple[str, ...], says: str):
    run = lcity("plan", str(G5 / unit), "--target", "5", *args)
    assert run.returncode == 0, run.stderr
    assert says in _said(run)
    zh = "注意" in says
    assert ("总分 5" if zh else "a total of 5") in run.stdout  # the plan itself still plans a total
    assert ("note:" not in run.stderr) if zh else ("注意" not in run.stderr)


@pytest.mark.parametrize("target, total, grade, gid", [
    ("1", "1 point", "Level 1", "L1"),  # one point, not "1 points"
    ("3.0", "3 points", "Level 3", "L3"),
    (" 4 ", "4 points", "Level 4", "L4"),
])
def test_every_numbered_grade_is_named_by_its_id(target: str, total: str, grade: str, gid: str):
    run = lcity("plan", str(G5 / "beidao-2025.yaml"), "--target", target, "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert (f"note: --target {target.strip()} is read as a total of {total}; "
            f"for the grade '{grade}' write --target {gid}") in _said(run)


@pytest.mark.parametrize("target", ["750", "15", "0", "L5", "Level 5", "五级", "recognition"])
def test_no_note_where_no_grade_is_named_by_the_number(target: str):
    run = lcity("plan", str(G5 / "beidao-2025.yaml"), "--target", target, "--lang", "en")
    assert run.returncode in (0, 1), run.stderr  # 0 reached or planned; 1 out of reach
    assert "is read as a total" not in run.stderr


def test_json_stays_json_and_the_note_goes_to_stderr():
    run = lcity("plan", str(G5 / "beidao-2025.yaml"), "--target", "5", "--format", "json", "--lang", "en")
    assert run.returncode == 0, run.stderr
    json.loads(run.stdout)
    assert "write --target L5" in run.stderr and "--target L5" not in run.stdout


def test_the_grade_by_its_id_is_planned_as_the_grade():
    """What the note tells the user to write does what they meant: Level 5 is 850 of 1,000 points."""
    run = lcity("plan", str(G5 / "beidao-2025.yaml"), "--target", "L5", "--lang", "en")
    assert run.returncode in (0, 1), run.stderr
    assert "Level 5" in run.stdout + run.stderr and "already reached" not in run.stdout


def test_a_china_total_gets_no_note():
    run = lcity("plan", str(ROOT / "examples" / "qingshi-district.yaml"), "--target", "85", "--lang", "en")
    assert "is read as a total" not in run.stderr


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.integers(-5, 2000).map(str), st.floats(0, 1000, allow_nan=False).map(lambda x: f"{x:g}"),
                 st.text(max_size=6)))
def test_a_grade_is_named_exactly_when_its_name_ends_with_the_number(text: str):
    from indicators.loader import load_framework
    from lcity.commands.plan import grade_named_like

    fw = load_framework(G5 / "bayrim-lc-rating" / "framework.yaml")
    g = grade_named_like(fw, text)
    try:
        number = float(text)
    except ValueError:
        number = None
    if number in (1, 2, 3, 4, 5):
        assert g is not None and g.id == f"L{number:g}" and g.name.en == f"Level {number:g}"
    else:
        assert g is None


def test_a_name_in_either_language_that_is_or_ends_with_the_number(tmp_path: Path):
    """A grade named "5级" in Chinese (and "Top" in English) is found by 5 too; "Level 5 plus" is not
    (the number must end the name), nor "Level 15" by 5."""
    from indicators.loader import load_framework
    from lcity.commands.plan import grade_named_like

    text = (G5 / "bayrim-lc-rating" / "framework.yaml").read_text(encoding="utf-8")
    text = (text.replace("{zh: 五级, en: Level 5}", "{zh: 5级, en: Top}")
                .replace("{zh: 四级, en: Level 4}", "{zh: 四级, en: Level 4 plus}")
                .replace("{zh: 三级, en: Level 3}", "{zh: 三级, en: Level 15}"))
    assert "en: Top}" in text and "Level 4 plus" in text and "Level 15" in text
    (tmp_path / "bayrim-lc-rating").mkdir()
    (tmp_path / "bayrim-lc-rating" / "framework.yaml").write_text(text, encoding="utf-8")
    fw = load_framework(tmp_path / "bayrim-lc-rating" / "framework.yaml")
    assert grade_named_like(fw, "5").id == "L5"
    assert grade_named_like(fw, "4") is None
    assert grade_named_like(fw, "15").id == "L3"
    assert grade_named_like(fw, "2").id == "L2"
