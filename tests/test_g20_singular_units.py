"""G20-D8: a count's unit after exactly one, as a user reads it (tests/audit_frameworks_g20/AUDIT.md).

Lowfield Ward's plan, summary and task list read "1 hubs → 4 hubs" and "effort 1 days", its
profile's derived figures "1 hubs". A framework may now give a unit's English form for one
(``unit: {en: hubs, en_one: hub}``); without it lcity's rule puts the unit's noun in the singular.
Every place that prints a count with its unit goes through ``indicators.units``. Chinese has one
form and does not change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.models import Text, UnitText
from indicators.units import count_with_unit, singular_by_rule, unit_words

from .conftest import EXAMPLES, plain
from .conftest import lcity_here as lcity

HERE = Path(__file__).parent / "audit_frameworks_g20"
FW_DIR = HERE / "fw"
FW = FW_DIR / "clh-scorecard" / "framework.yaml"
LOWFIELD = HERE / "units" / "lowfield-2025.yaml"


@pytest.fixture
def installed(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(FW_DIR))
    monkeypatch.setenv("COLUMNS", "80")


def _framework(tmp_path: Path, *pairs: tuple[str, str]) -> Path:
    text = FW.read_text(encoding="utf-8")
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "clh" / "framework.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


#: ACC1 counted in a unit whose singular no rule finds, and the effort unit with its form for one
WITH_ONE = (("          unit: {en: hubs}", "          unit: {en: curricula, en_one: curriculum}"),
            ("unit: {en: effort days}", "unit: {en: effort days, en_one: effort day}"))


def _unit(tmp_path: Path, hubs: int) -> Path:
    """Lowfield Ward with ``hubs`` hubs open 25 hours a week (ACC1)."""
    text = LOWFIELD.read_text(encoding="utf-8")
    assert text.count("ACC1: {value: 1,") == 1
    path = tmp_path / f"lowfield-{hubs}.yaml"
    path.write_text(text.replace("ACC1: {value: 1,", f"ACC1: {{value: {hubs},"), encoding="utf-8")
    return path


def _words(proc) -> str:
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return " ".join(proc.stdout.replace("│", " ").split())


def _plan_row(proc, ind: str) -> str:
    """The "today → to reach" cell of ``ind``'s row in the task table, its folded lines joined again
    as a reader reads them at 80 columns."""
    assert proc.returncode == 0, proc.stdout + proc.stderr
    cell, current = [], False
    for line in proc.stdout.splitlines():
        cells = [c.strip() for c in line.strip().strip("│").split("│")] if line.startswith("│") else []
        if len(cells) < 2:
            current = False
            continue
        if re.match(r"^[A-Z]+[0-9]+ ", cells[0]) or cells[0] in ("total", "合计"):
            current = cells[0].startswith(ind + " ")
        if current and cells[1]:
            cell.append(cells[1])
    assert cell, proc.stdout
    return " ".join(cell)


def _report(tmp_path: Path, unit: Path, lang: str, framework: Path | None = None) -> str:
    out = tmp_path / f"{unit.stem}-{lang}-{framework is not None}.html"
    extra = ["--framework", str(framework)] if framework is not None else []
    proc = lcity("report", str(unit), "--lang", lang, "--html", str(out), "--force", *extra)
    assert proc.returncode == 0, proc.stderr
    return plain(out.read_text(encoding="utf-8"))


# --- the framework's form for one ----------------------------------------------------------------

def test_a_framework_with_en_one_checks_valid(tmp_path):
    fw = _framework(tmp_path, *WITH_ONE)
    proc = lcity("framework", "check", str(fw), "--lang", "en")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "valid — 0 errors, 0 warnings" in proc.stdout + proc.stderr


def test_plan_says_the_frameworks_form_after_one_and_the_plural_after_two(installed, tmp_path):
    fw = _framework(tmp_path, *WITH_ONE)
    one = lcity("plan", str(_unit(tmp_path, 1)), "--framework", str(fw), "--lang", "en")
    assert _plan_row(one, "ACC1") == "1 curriculum → 4 curricula"  # the rule alone read "1 curricula"
    two = lcity("plan", str(_unit(tmp_path, 2)), "--framework", str(fw), "--lang", "en")
    assert _plan_row(two, "ACC1") == "2 curricula → 4 curricula"
    assert "Total effort: 17 effort days" in _words(one)


def test_report_says_the_frameworks_form_after_one(installed, tmp_path):
    fw = _framework(tmp_path, *WITH_ONE)
    text = _report(tmp_path, _unit(tmp_path, 1), "en", fw)
    # the summary's key tasks, the task list and the profile's derived figures
    assert "QUA3 Evaluation of hubs (no → yes; +20.00 points, effort 1 day)" in text
    assert "ACC1 Hubs open 25 hours a week (1 curriculum → 4 curricula; +30.68 points, effort 2 days)" in text
    assert "ACC1 Hubs open 25 hours a week 1 curriculum → 4 curricula +30.68 2" in text
    assert "ACC1 Hubs open 25 hours a week 1 curriculum 0.43 hubs per 10,000 residents" in text
    assert "1 curricula →" not in text and "effort 1 days" not in text


def test_report_says_the_plural_after_two(installed, tmp_path):
    fw = _framework(tmp_path, *WITH_ONE)
    text = _report(tmp_path, _unit(tmp_path, 2), "en", fw)
    assert "ACC1 Hubs open 25 hours a week 2 curricula 0.85 hubs per 10,000 residents" in text
    assert "2 curricula → 4 curricula" in text
    assert "effort 1 day)" in text  # ACC1's one effort day (from 2 hubs it is one step)


def test_score_explains_with_the_frameworks_form_after_one(installed, tmp_path):
    fw = _framework(tmp_path, *WITH_ONE)
    text = _words(lcity("score", str(_unit(tmp_path, 1)), "--framework", str(fw), "--lang", "en", "--explain"))
    assert "ACC1: 1 curriculum ÷ 23,500" in text


# --- without it: lcity's rule -----------------------------------------------------------------------

def test_without_en_one_plan_and_score_use_the_rule(installed, tmp_path):
    one = lcity("plan", str(LOWFIELD), "--lang", "en")
    assert _plan_row(one, "ACC1") == "1 hub → 4 hubs"  # was "1 hubs → 4 hubs"
    two = lcity("plan", str(_unit(tmp_path, 2)), "--lang", "en")
    assert _plan_row(two, "ACC1") == "2 hubs → 4 hubs"
    explained = _words(lcity("score", str(LOWFIELD), "--lang", "en", "--explain"))
    assert "ACC1: 1 hub ÷ 23,500 (resident population) × 10,000 = 0.43 hubs per 10,000 residents" in explained
    explained = _words(lcity("score", str(_unit(tmp_path, 2)), "--lang", "en", "--explain"))
    assert "ACC1: 2 hubs ÷ 23,500 (resident population) × 10,000 = 0.85 hubs per 10,000 residents" in explained


def test_without_en_one_the_report_uses_the_rule(installed, tmp_path):
    text = _report(tmp_path, LOWFIELD, "en")
    assert "QUA3 Evaluation of hubs (no → yes; +20.00 points, effort 1 day)" in text  # was "effort 1 days"
    assert "ACC1 Hubs open 25 hours a week (1 hub → 4 hubs; +30.68 points, effort 2 days)" in text
    assert "ACC1 Hubs open 25 hours a week 1 hub 0.43 hubs per 10,000 residents" in text
    assert "1 hubs" not in text and "1 days" not in text


# --- framework check ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, said", [
    ("en", ("warning unused-en-one: en_one '% of staff member' of the unit '% of staff' is never printed: a "
            "percentage reads the same after 1 (1%) (leave en_one out; it is for a count's unit, printed after "
            "exactly one (unit: {en: hubs, en_one: hub}))")),
    ("zh", ("警告 unused-en-one: 单位“% of staff”的 en_one“% of staff member”不会被用到：百分数在1之后的写法不变（1%）"
            "（删去 en_one；它只用于计数的单位，在数量恰为1时显示（unit: {en: hubs, en_one: hub}））")),
])
def test_en_one_on_a_percentage_is_warned_at_its_line(tmp_path, lang, said):
    fw = _framework(tmp_path, ('unit: {en: "% of staff"}', 'unit: {en: "% of staff", en_one: "% of staff member"}'))
    proc = lcity("framework", "check", str(fw), "--lang", lang)
    out = " ".join((proc.stdout + proc.stderr).split())
    assert proc.returncode == 0, out  # a warning: the framework is valid
    line = next(n for n, t in enumerate(fw.read_text(encoding="utf-8").splitlines(), 1) if "en_one" in t)
    assert f"framework.yaml:{line}:" in out and said in out, out


def test_a_misspelt_en_one_is_named(tmp_path):
    fw = _framework(tmp_path, ("          unit: {en: hubs}", "          unit: {en: hubs, en_once: hub}"))
    proc = lcity("framework", "check", str(fw), "--lang", "en")
    out = " ".join((proc.stdout + proc.stderr).split())
    assert proc.returncode == 1
    assert "unknown key 'en_once'" in out and "did you mean 'en_one'?" in out, out


# --- the one function -------------------------------------------------------------------------------

numbers = st.one_of(st.integers(min_value=0, max_value=10**7),
                    st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False))
nouns = st.sampled_from(["hubs", "sites", "people", "communities/villages", "effort days", "hours per resident",
                         "curricula", "yuan", "staff", "person-times per 100 employed", "courses"])


@settings(max_examples=200, deadline=None)
@given(n=numbers, en=nouns, one=st.sampled_from([None, "hub", "curriculum", "day of work"]))
def test_one_takes_the_form_for_one_and_any_other_count_the_plural(n, en, one):
    unit = UnitText(zh="个", en=en, en_one=one)
    said = unit_words(unit, "en", n)
    if n == 1:
        assert said == (one if one else singular_by_rule(en))
    else:
        assert said == en
    assert unit_words(unit, "zh", n) == "个"  # Chinese has one form
    assert count_with_unit("1", unit, "zh", n) == "1个"


@pytest.mark.parametrize("unit, one", [
    ("hubs", "1 hub"), ("sites", "1 site"), ("people", "1 person"), ("communities/villages", "1 community/village"),
    ("alliances/agreements", "1 alliance/agreement"), ("effort days", "1 effort day"),
    ("hours per resident", "1 hour per resident"), ("person-times per 100 employed", "1 person-time per 100 employed"),
    ("staff per 10,000 residents", "1 staff per 10,000 residents"), ("yuan per resident per year", "1 yuan per resident per year"),
    ("businesses", "1 business"), ("% of wards", "1% of wards"), ("%", "1%"),
    ("points (one point is about a month of work)", "1 point (one point is about a month of work)"),
])
def test_the_rule_without_en_one(unit, one):
    assert count_with_unit("1", unit, "en") == one
    assert count_with_unit("2", unit, "en") == ("2" + ("" if unit.startswith("%") else " ") + unit)


def test_a_text_without_en_one_is_a_unit_too():
    assert count_with_unit("1", Text(zh="个", en="hubs"), "en", 1) == "1 hub"
    assert count_with_unit("4,000", Text(zh="人", en="people"), "zh", 4000) == "4,000人"


def test_a_percentage_reads_the_same_after_one_whatever_en_one_says():
    unit = UnitText(zh="%", en="% of wards", en_one="% of ward")
    assert count_with_unit("1", unit, "en", 1) == "1% of wards"
    assert count_with_unit("1", unit, "zh", 1) == "1%"


# --- Chinese does not change -------------------------------------------------------------------------

def test_chinas_framework_reads_as_before_in_chinese_and_singular_in_english(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    yunling = EXAMPLES / "yunling-county.yaml"
    assert _plan_row(lcity("plan", str(yunling), "--lang", "zh"), "J4") == "1个 → 3个"
    assert _plan_row(lcity("plan", str(yunling), "--lang", "en"), "J4") == "1 project → 3 projects"  # was "1 projects"


def test_the_profiles_derived_figures_say_one(installed, tmp_path):
    fw = _framework(tmp_path, *WITH_ONE)
    assert "ACC1 Hubs open 25 hours a week 1 curriculum 0.43 hubs per 10,000 residents" in _report(
        tmp_path, _unit(tmp_path, 1), "en", fw)
    assert "ACC1 Hubs open 25 hours a week 2 curricula 0.85 hubs per 10,000 residents" in _report(
        tmp_path, _unit(tmp_path, 2), "en", fw)
    assert "ACC1 Hubs open 25 hours a week 1 hub 0.43 hubs per 10,000 residents" in _report(tmp_path, LOWFIELD, "en")


def test_chinas_report_in_chinese_keeps_its_figures(tmp_path):
    text = _report(tmp_path, EXAMPLES / "yunling-county.yaml", "zh")
    assert "E4 沉浸式、体验式学习场景 1个 0.32个/10万人" in text
    assert "G2 示范学习型组织 1个 3.23个/百万人" in text
