"""Audit G24-T: a bilingual third-party "learning enterprise" framework of 250 points, six
dimensions, levels 企业 / 分公司, a staff-based profile (在岗职工数, no resident population) and a
veto on a major safety accident in the period (tests/audit_cities/g24t/AUDIT.md), as its users see it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from indicators.quotes import nest, quoted
from reports.context_format import pct_below

from .conftest import lcity_here as lcity, report_lines, squash

HERE = Path(__file__).parent / "audit_cities" / "g24t"
FW_DIR = HERE / "fw"
FW = FW_DIR / "changhe-learning-enterprise" / "framework.yaml"
UNITS = {u: HERE / f"{u}-2025.yaml" for u in ("jingmi", "wuliu", "huagong", "jiancai", "ruanjian")}
WULIU_2024 = HERE / "trend" / "wuliu-2024.yaml"


@pytest.fixture(scope="module")
def installed():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LCITY_FRAMEWORK_PATH", str(FW_DIR))
        mp.setenv("COLUMNS", "80")
        yield


@pytest.fixture(scope="module")
def wuliu_lines(installed) -> dict[str, list[str]]:
    """The middling branch's report (recognition missed, a minor accident), zh and en."""
    return {lang: report_lines(UNITS["wuliu"], lang) for lang in ("zh", "en")}


def test_the_audit_framework_and_its_units_are_valid(installed):
    proc = lcity("framework", "check", str(FW), "--lang", "en")
    assert "valid — 0 errors, 0 warnings" in proc.stdout + proc.stderr
    for unit in (*UNITS.values(), WULIU_2024):
        assert lcity("validate", str(unit)).returncode == 0, unit


def test_a_major_accident_in_the_period_vetoes(installed):
    out = lcity("score", str(UNITS["huagong"])).stdout
    assert "等级：未达标（一票否决）" in out and "一票否决：评价期内发生重大安全生产事故" in out


# --- G24-T2: a quoted name that holds quotation marks of its own -------------------------------

def test_nested_quotes_alternate():
    assert nest("低于“授予“学习型企业”称号”所需的175分") == "低于“授予‘学习型企业’称号”所需的175分"
    assert quoted("授予“学习型企业”称号") == "“授予‘学习型企业’称号”"
    assert nest("“a“b“c”b”a”") == "“a‘b“c”b’a”"
    assert nest("“a”与“b”") == "“a”与“b”"  # side by side, not nested: unchanged
    assert nest("说明：“未闭合“引号”") == "说明：“未闭合“引号”"  # marks that do not pair up: as written


@given(st.text(alphabet="ab“”", max_size=30))
def test_nest_changes_only_the_marks(text):
    out = nest(text)
    assert len(out) == len(text)
    assert out.replace("‘", "“").replace("’", "”") == text


def test_report_quotes_an_outcome_that_holds_quotes(wuliu_lines):
    zh = squash(" ".join(wuliu_lines["zh"]))
    assert "低于“授予‘学习型企业’称号”所需的175分" in zh
    assert "“授予“学习型企业”称号”" not in zh


def test_verify_agrees_with_a_report_whose_outcome_holds_quotes(installed, tmp_path):
    pdf = tmp_path / "jingmi-zh.pdf"
    assert lcity("report", str(UNITS["jingmi"]), "--lang", "zh", "-o", str(pdf)).returncode == 0
    proc = lcity("verify", str(pdf))
    assert proc.returncode == 0 and "一致——总分 239.7，示范，授予“学习型企业”称号" in proc.stdout


# --- G24-T3/T4/T6: a staff-based profile --------------------------------------------------------

def test_derived_figures_are_said_per_employee_not_per_resident(wuliu_lines):
    zh, en = (squash(" ".join(wuliu_lines[lg])) for lg in ("zh", "en"))
    assert "以下指标由填报的原始数量按基本情况中的在岗职工数折算，折算值即评分所用数值：" in zh
    assert "常住人口" not in zh
    assert squash("derived from the raw quantities reported, divided by the profile") in en
    assert squash("s staff on the payroll; the derived figure is the one scored:") in en
    assert "perresident" not in en and "Residentpopulation" not in en


def test_the_form_asks_no_resident_population(installed, tmp_path):
    for lang in ("zh", "en"):
        out = tmp_path / f"form-{lang}.yaml"
        assert lcity("init", "--framework", "changhe-learning-enterprise", "--lang", lang, "-o", str(out),
                     "--level", "enterprise").returncode == 0
        text = out.read_text(encoding="utf-8")
        assert "population" not in text and "常住人口" not in text
        assert "staff" in text
    book = tmp_path / "form.xlsx"
    assert lcity("init", "--framework", "changhe-learning-enterprise", "-o", str(book)).returncode == 0
    import openpyxl

    keys = [r[1] for r in openpyxl.load_workbook(book)["基本情况"].iter_rows(values_only=True)]
    assert "city.figures.staff" in keys and "city.population" not in keys


def test_a_framework_without_figures_of_its_own_still_asks_the_population(tmp_path):
    out = tmp_path / "china.yaml"
    assert lcity("init", "--framework", "china-learning-city@2", "-o", str(out)).returncode == 0
    assert "population:" in out.read_text(encoding="utf-8")


# --- G24-T7: a branch's figure noted as the unit above's is not its own practice ---------------

def test_a_figure_noted_as_the_parents_is_not_counted_as_own(installed, tmp_path):
    text = UNITS["wuliu"].read_text(encoding="utf-8")
    for k in ("ZL2", "JF2", "PX2", "PX3", "CX1", "CX2", "AQ2"):
        text = "\n".join(f"  {k}: {{status: unknown}}" if ln.startswith(f"  {k}:") else ln for ln in text.splitlines())
    text = text.replace("PX1: {value: 228, evidence: [培训签到表]}",
                        "PX1: {value: 228, evidence: [培训签到表], note: 采用上级单位数据}")
    unit = tmp_path / "wuliu.yaml"
    unit.write_text(text, encoding="utf-8")
    out = squash(lcity("score", str(unit)).stdout)
    assert "本单位自身的13项指标中仅作答6项（另有2项按所在企业的情况填报" in out


# --- G24-T8: a share below the floor, as precise as the score table ----------------------------

def test_a_share_below_the_floor_takes_the_tables_places():
    assert pct_below(1 / 3, 0.5) == "33%"
    assert pct_below(1 / 3, 0.5, places=2) == "33.33%"
    assert pct_below(0.59996, 0.6, places=2) == "59.996%"


# --- G24-T9: the robustness note names no file of the source tree ------------------------------

def test_robustness_note_names_no_source_file(wuliu_lines):
    for lang in ("zh", "en"):
        text = " ".join(wuliu_lines[lang])
        assert "docs/frameworks.md" not in text
    assert "以上采用lcity的默认设定，即上文所列各项的变动范围。" in squash(" ".join(wuliu_lines["zh"]))
    assert "defaults, those listed above." in " ".join(wuliu_lines["en"])


def test_trend_of_the_branch(installed):
    proc = lcity("trend", str(WULIU_2024), str(UNITS["wuliu"]))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "长和精密物流分公司" in proc.stdout


def test_pdftotext_available():
    assert subprocess.run(["pdftotext", "-v"], capture_output=True).returncode == 0
