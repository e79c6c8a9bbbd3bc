"""docs/frameworks.md answers what the author of the G5 framework (Bay Rim, 1,000 points, one level,
grades "Level 5" … "Level 1") found unclear, and what it quotes is what lcity says: a flow text
holding {unit} is quoted (section 2), a dimension every indicator of which is not applicable drops
out and the total is scaled (section 3), plausible.min warns about an honest 0 (section 4), a bare
number given to plan --target is a total and the plan says which grade was maybe meant (section
8), one level is fine (section 11). Each quotation is taken from the guide and checked against the
command it quotes, so the guide fails here when the product's words change.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here as lcity

GUIDE = ROOT / "docs" / "frameworks.md"
G5 = ROOT / "tests" / "audit_frameworks" / "g5"


def _guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _flat(text: str) -> str:
    return " ".join(text.split())


def _mini(tmp_path: Path, question: str) -> Path:
    """The guide's own mini-lc (section 12) with one level, the town, and P1 asked by ``question``."""
    block = re.search(r"<!-- example: framework -->\s*```yaml\n(.*?)```", _guide(), re.S).group(1)
    old = re.search(r"        question:\n          zh: [^\n]*\n          en: [^\n]*\n", block).group(0)
    text = block.replace(old, f"        {question}\n", 1).replace(
        "total_points: 20\n", "total_points: 20\nlevels: [{id: town, name: {zh: 镇, en: town}}]\n", 1)
    path = tmp_path / "mini-lc" / "framework.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_quoted_unit_text_of_the_guide_loads_and_its_unquoted_twin_fails_as_the_guide_says(tmp_path, monkeypatch):
    [line] = re.findall(r'^question: \{zh: "本\{unit\}[^\n]*$', _guide(), re.M)
    good = _mini(tmp_path, line)
    run = lcity("framework", "check", str(good), "--lang", "en")
    assert run.returncode == 0, run.stdout + run.stderr
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path))
    form = tmp_path / "form.yaml"
    assert lcity("init", "--framework", "mini-lc@1", "-o", str(form), "--lang", "zh").returncode == 0
    assert "本镇是否已通过有具体目标的终身学习行动计划？" in form.read_text(encoding="utf-8")  # 本{unit} → 本镇

    unquoted = line.replace('zh: "本{unit}是否已通过有具体目标的终身学习行动计划？"', "zh: 本{unit}是否已通过有具体目标的终身学习行动计划？")
    assert unquoted != line
    run = lcity("framework", "check", str(_mini(tmp_path, unquoted)), "--lang", "en")
    assert run.returncode in (1, 2) and "Traceback" not in run.stderr
    said = _flat(run.stdout + run.stderr)
    quoted = re.search(r'stops there: "(syntax error: [^"]*?) … (put a value[^"]*?)"\.', _flat(_guide()))
    assert quoted, "section 2 quotes framework check's words"
    assert quoted.group(1) in said and quoted.group(2) in said, said


def _block_after(heading: str) -> str:
    """The first plain code block after the paragraph that starts with ``heading``."""
    text = _guide()
    at = text.index(heading)
    return re.search(r"```\n(.*?)```", text[at:], re.S).group(1)


def test_the_dropped_dimension_line_the_guide_quotes_is_what_score_prints(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))
    [line] = _block_after("**A dimension that does not apply at all.**").strip().splitlines()
    run = lcity("score", str(G5 / "beidao-2025.yaml"), "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert line in _flat(run.stdout), run.stdout
    # held until the panel confirms the unit's own "not applicable" (G21-B2), as the guide says
    assert "Grade: Level 4    Outcome: Title held over" in run.stdout
    assert "until the panel confirms that the indicators do not apply" in _flat(run.stdout)


def test_the_outcome_the_guide_says_a_dropped_dimension_changes(tmp_path, monkeypatch):
    """'had it answered the two indicators with nothing (a count of 0, the choice none), its total would be
    642.9 with WK at 0 %, below the floor: a grade lower and the middle outcome'."""
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))
    text = (G5 / "beidao-2025.yaml").read_text(encoding="utf-8")
    text = re.sub(r"  WK-5_1: \{status: not_applicable[^\n]*", "  WK-5_1: {value: 0}", text)
    text = re.sub(r"  WK-5_2: \{status: not_applicable[^\n]*", "  WK-5_2: {value: none}", text)
    unit = tmp_path / "beidao-wk.yaml"
    unit.write_text(text, encoding="utf-8")
    assert "a count\nof 0, the choice `none`), its total would be 642.9" in _guide()
    run = lcity("score", str(unit), "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert "Grade: Level 3    Outcome: Title held over" in run.stdout
    assert "dimension WK at 0% (87.5 points lost) is below the 40% floor" in run.stdout
    assert "│  642.9 │" in run.stdout


def test_the_plausible_min_warning_the_guide_quotes_is_what_validate_says(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))
    [line] = _block_after("**`plausible.min` warns about honest small figures too.**").strip().splitlines()
    run = lcity("validate", str(G5 / "stonebeach-2025.yaml"), "--lang", "en")
    assert run.returncode == 0, run.stderr  # valid: a warning only
    assert line in _flat(run.stdout + run.stderr)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_plan_notes_the_guide_quotes_are_what_plan_says(lang: str, monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))
    lines = [x.strip() for x in _block_after("* **Grades named by numbers.**").strip().splitlines()]
    [line] = [x for x in lines if x.startswith("note:" if lang == "en" else "注意")]
    run = lcity("plan", str(G5 / "beidao-2025.yaml"), "--target", "5", "--lang", lang)
    assert run.returncode == 0, run.stderr
    assert line in _flat(run.stderr)
    for target in ("L5", "Level 5", "五级"):  # what the guide tells users to write instead
        assert f"`--target {target}`" in _guide() or f'`--target "{target}"`' in _guide()
        run = lcity("plan", str(G5 / "beidao-2025.yaml"), "--target", target, "--lang", lang)
        assert "already reached" not in run.stdout and "已达到目标" not in run.stdout
        assert ("Level 5" if lang == "en" else "五级") in run.stdout + run.stderr


def test_one_level_speaks_of_the_unit_by_its_name(tmp_path, monkeypatch):
    """Section 11: 'Every assessment still gives level: town (lcity init writes it, and a file without it
    is missing-key)' and the question '本市镇是否…'."""
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))
    guide = _flat(_guide())
    assert "**One level is fine.**" in guide and "the question \"本市镇是否…\"" in guide
    form = tmp_path / "town.yaml"
    assert lcity("init", "--framework", "bayrim-lc-rating@1", "-o", str(form)).returncode == 0
    text = form.read_text(encoding="utf-8")
    assert "  level: town" in text and "本市镇是否" in text
    unit = tmp_path / "no-level.yaml"
    unit.write_text("\n".join(x for x in (G5 / "lanport-2025.yaml").read_text(encoding="utf-8").splitlines()
                              if not x.startswith("  level:")), encoding="utf-8")
    run = lcity("validate", str(unit), "--lang", "en")
    assert run.returncode == 1 and "missing-key" in run.stdout + run.stderr
