"""Audit G25-T: an English-only framework of a (fictional) foreign network of learning towns, one
level (town), award outcomes (Learning Town Award / Commended / Not awarded), dimensions of 12, 7
and 4.5 points (23.5 in all), no veto, a 30 % floor, a learner survey line, every answer type
(tests/audit_cities/g25t/AUDIT.md), and the two items left open by G24-T (the profile table's
level label, the paper form's profile figures), as their users see them."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import framework_with_edit, lcity_here as lcity, report_lines, squash

HERE = Path(__file__).parent / "audit_cities" / "g25t"
FW_DIR = HERE / "fw"
FW = FW_DIR / "nordic-learning-towns" / "framework.yaml"
UNITS = {u: HERE / f"{u}-2025.yaml" for u in ("harrowby", "brackwater", "millbeck", "fennick")}
G24 = Path(__file__).parent / "audit_cities" / "g24t"
G24_FW = G24 / "fw" / "changhe-learning-enterprise"


@pytest.fixture(scope="module")
def installed():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LCITY_FRAMEWORK_PATH", str(FW_DIR))
        mp.setenv("COLUMNS", "80")
        yield


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def profile_pairs(lines: list[str]) -> list[str]:
    """The profile table's cells, from its first row ("名称" / "Name") on."""
    k = next(i for i, ln in enumerate(lines) if ln in ("名称", "Name"))
    return lines[k:k + 8]


def test_the_audit_framework_and_its_units_are_valid(installed):
    proc = lcity("framework", "check", str(FW), "--lang", "en")
    assert "valid — 0 errors, 0 warnings" in proc.stdout + proc.stderr
    for unit in UNITS.values():
        assert lcity("validate", str(unit)).returncode == 0, unit


# --- G24-T3 remainder: the profile table's level label ----------------------------------------

@pytest.fixture(scope="module")
def labelled_enterprise(tmp_path_factory) -> Path:
    """The G24-T enterprise framework with a label of its own for its levels."""
    dest = tmp_path_factory.mktemp("fw") / "changhe-learning-enterprise"
    framework_with_edit(G24_FW, dest, "\nlevels:\n", "\nlevel_label: {zh: 单位类型, en: Type of unit}\nlevels:\n")
    return dest.parent


def test_an_enterprise_profile_names_its_level_by_the_framework_label(labelled_enterprise, monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(labelled_enterprise))
    zh = profile_pairs(report_lines(G24 / "wuliu-2025.yaml", "zh"))
    en = profile_pairs(report_lines(G24 / "wuliu-2025.yaml", "en"))
    assert "单位类型" in zh and "行政层级" not in zh
    assert "Type of unit" in en and "Level" not in en


def test_a_china_profile_keeps_its_administrative_level():
    lines = profile_pairs(report_lines(Path(__file__).parents[1] / "examples" / "qingshi-district.yaml", "zh"))
    assert lines[:4] == ["名称", "青石区", "行政层级", "区"]


def test_the_framework_check_refuses_a_half_empty_level_label(tmp_path):
    path, line = framework_with_edit(G24_FW, tmp_path / "fw", "\nlevels:\n", "\nlevel_label: {zh: 单位类型, en: ''}\nlevels:\n")
    proc = lcity("framework", "check", str(path), "--lang", "en")
    assert proc.returncode == 1 and f"framework.yaml:{line + 1}:" in proc.stdout + proc.stderr


# --- G24-T6 remainder: the paper form asks the profile figures the framework divides by ---------

def form_head(form: Path) -> str:
    """The paper form's head, before its first dimension, as one run of text without spaces."""
    text = squash(pdf_text(form))
    return text[:re.search(r"\([\d.]+points\)|（[\d.]+分）", text).start()]


def test_the_paper_form_asks_the_staff_an_enterprise_is_divided_by(tmp_path, monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G24 / "fw"))
    for lang, asked, never in (("zh", "在岗职工数人", "常住人口"), ("en", "Staffonthepayrollemployees", "Residentpopulation")):
        form = tmp_path / f"form-{lang}.pdf"
        proc = lcity("init", "--framework", "changhe-learning-enterprise", "--level", "enterprise",
                     "-o", str(form), "--lang", lang)
        assert proc.returncode == 0, proc.stderr
        head = form_head(form)
        assert asked in head and never not in head, head


def test_the_paper_form_of_a_town_asks_households_and_population(tmp_path, installed):
    form = tmp_path / "form.pdf"
    assert lcity("init", "--framework", "nlt-award", "-o", str(form)).returncode == 0
    head = form_head(form)
    assert "Residentpopulationpeople" in head and "Householdshouseholds" in head, head


def test_the_china_paper_form_asks_the_population_its_per_capita_figures_use(tmp_path):
    form = tmp_path / "form.pdf"
    assert lcity("init", "-o", str(form), "--level", "district").returncode == 0
    assert "常住人口人" in form_head(form)


# --- G25-T1: an award is no recognition ---------------------------------------------------------

@pytest.fixture(scope="module")
def brackwater(installed) -> dict[str, str]:
    """The borderline town's report text (a total short of the award, a survey on 150 of 200), zh and en."""
    return {lang: html.unescape(" ".join(report_lines(UNITS["brackwater"], lang))) for lang in ("zh", "en")}


def test_the_english_task_list_names_the_award_not_recognition(brackwater):
    en = brackwater["en"]
    assert "'Learning Town Award' still waits on the survey" in en
    assert "recognition" not in en.lower()


# --- G25-T2: a simple random sample is not asked to be drawn by strata ---------------------------

def test_a_simple_random_survey_is_not_told_to_sample_by_strata(brackwater, installed):
    assert "(at least the minimum sample, drawn at random) should settle them" in brackwater["en"]
    assert "by strata" not in brackwater["en"] and "分层" not in brackwater["zh"]
    assert "（不少于规定样本、随机抽样）" in brackwater["zh"]
    out = lcity("plan", str(UNITS["brackwater"]), "--lang", "en").stdout
    assert "drawnatrandom)shouldsettlethem" in squash(out)


# --- G25-T3: a Latin-letter grade name runs into its share in Chinese ----------------------------

def test_a_latin_grade_name_keeps_a_space_before_its_share_in_chinese(brackwater):
    assert "（其余：No award 2%）" in brackwater["zh"], brackwater["zh"][:2000]
    assert "No award2%" not in brackwater["zh"]


# --- G25-T4: one unit too thin to rate is "its total", not "their totals" -------------------------

def test_sensitivity_speaks_of_one_thin_unit_in_the_singular(installed):
    out = squash(lcity("sensitivity", str(HERE), "--no-sobol", "--lang", "en").stdout)
    assert "Fennickhastoolittledatatoberated" in out
    assert "thetablegivestheboundsofitstotal(" in out and "boundsoftheirtotals" not in out


# --- G25-T5: an English-only unit after exactly one in a Chinese report ---------------------------

def test_a_chinese_report_of_an_english_only_framework_says_1_hub(installed):
    """二（一）'s derived figures; the engine's reason in 附件1 ("1 hubs ÷ 3,500") is still open."""
    zh = html.unescape(" ".join(report_lines(UNITS["millbeck"], "zh")))
    assert "ACC1 Learning hubs 1 hub 0.29 hubs per 1,000 households" in zh


def test_the_paper_form_names_the_level_by_the_framework_label(labelled_enterprise, tmp_path, monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(labelled_enterprise))
    form = tmp_path / "form.pdf"
    assert lcity("init", "--framework", "changhe-learning-enterprise", "--level", "enterprise", "-o", str(form)).returncode == 0
    head = form_head(form)
    assert "单位类型企业" in head and "层级" not in head, head
