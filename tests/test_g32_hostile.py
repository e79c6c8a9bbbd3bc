"""Audit G32-H: hostile inputs (tests/audit_cities/g32h/AUDIT.md).

Each command is run as a user runs it (a process of its own), and the tests assert the exit code
and the words a user sees, in zh and en."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import ROOT

QINGSHI = ROOT / "examples" / "qingshi-district.yaml"


def _run(*args: str, cwd=ROOT, **env: str) -> subprocess.CompletedProcess:
    """``lcity ARGS`` in a process of its own, piped, with ``env`` added to the environment."""
    environ = dict(os.environ, NO_COLOR="1", **env)
    return subprocess.run([sys.executable, "-m", "lcity", *args], cwd=cwd, capture_output=True, text=True,
                          env=environ, timeout=120)


def _copy(tmp_path, old: str, new: str, name: str = "q.yaml"):
    text = QINGSHI.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# --- G32H-2: a count given as a date was told 'a year is written as its four digits: write 2023' ---


@pytest.mark.parametrize(("lang", "said", "hint"), [
    ("en", "error wrong-type: city.population: '2023-03-15' is not a whole number",
     "this is a figure, not a date: write it in plain digits; a spreadsheet cell formatted as a date"),
    ("zh", "错误 wrong-type: city.population：'2023-03-15' 不是整数",
     "这里应填数字，不是日期：请只填数字；电子表格中设为日期格式的单元格会把输入的数字显示成日期"),
])
def test_a_population_written_as_a_date_is_not_told_to_write_a_year(tmp_path, lang, said, hint):
    path = _copy(tmp_path, "population: 820000", "population: 2023-03-15")
    run = _run("validate", str(path), "--lang", lang)
    assert run.returncode == 1 and f"q.yaml:20:15: {said}" in run.stdout + run.stderr, run.stdout + run.stderr
    shown = run.stdout + run.stderr
    assert hint in shown and "write 2023" not in shown and "请改为 2023" not in shown


def test_a_date_formatted_count_cell_in_a_workbook_says_the_cell_shows_a_date(tmp_path):
    """Excel turns a cell into a date cell once a date was typed in it; 45000 people then read
    2023-03-15, and the hint said 'a year is written as its four digits alone: write 2023'."""
    openpyxl = pytest.importorskip("openpyxl")
    book = tmp_path / "q.xlsx"
    assert _run("convert", str(QINGSHI), "-o", str(book)).returncode == 0
    wb = openpyxl.load_workbook(book)
    sheet = wb["基本情况"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 2).value == "city.population")
    sheet.cell(row, 3).value = 45000
    sheet.cell(row, 3).number_format = "yyyy-mm-dd"
    wb.save(book)
    run = _run("validate", str(book), "--lang", "en")
    shown = run.stdout + run.stderr
    assert run.returncode == 1 and f"q.xlsx:基本情况!C{row}: error wrong-type: city.population: '2023-03-15'" in shown, shown
    assert "set the cell's format to Number" in shown and "write 2023" not in shown


def test_a_year_field_written_as_a_date_still_says_write_the_year(tmp_path):
    path = _copy(tmp_path, "reference_year: 2024", "reference_year: 2024-01-01")
    run = _run("validate", str(path), "--lang", "en")
    assert run.returncode == 1 and "a year is written as its four digits alone: write 2024" in run.stdout + run.stderr


# --- G32H-1: a control character written as an escape validated without a word ------------------


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "q.yaml:12:9: warning control-character: city.name.zh holds the invisible control character U+001B, "
           "which the report prints as '\\x1b' (delete the escape that wrote it"),
    ("zh", "q.yaml:12:9: 警告 control-character: city.name.zh 含有不可见的控制字符 U+001B，报告会把它印成“\\x1b”"
           "（请删去写出它的转义"),
])
def test_an_escape_in_the_units_name_is_warned_of_before_the_report_prints_it(tmp_path, lang, said):
    """'zh: "青石\\e[31m区\\a"' validated with 0 warnings; the report's cover then read
    '青石\\x1b[31m区\\x07学习型城市建设评估报告' and lcity convert refused the file."""
    path = _copy(tmp_path, "zh: 青石区", 'zh: "青石\\e[31m区\\a"')
    run = _run("validate", str(path), "--lang", lang)
    assert run.returncode == 0 and said in run.stdout + run.stderr, run.stdout + run.stderr
    assert "\x1b" not in run.stdout + run.stderr


def test_a_nul_or_a_bidi_override_in_a_note_or_evidence_is_warned_of_once_per_text(tmp_path):
    path = _copy(tmp_path, "    note: 本区适用省级条例，河西市尚未出台地方性法规",
                 '    note: "本区适用\\u0000省级条例\\u0000"\n    source: "\\u202e统计年鉴"')
    run = _run("validate", str(path), "--lang", "en")
    shown = run.stdout + run.stderr
    assert run.returncode == 0, shown
    assert "warning control-character: answers.B1.note holds the invisible control character U+0000" in shown
    assert "warning control-character: answers.B1.source holds the invisible control character U+202E" in shown
    assert shown.count("control-character") == 2


# --- G32H-3: report --number '　' or --body '   ' printed an empty field on the cover --------------


@pytest.mark.parametrize(("option", "value", "lang", "said"), [
    ("--number", "\u3000", "en", "lcity report: error usage: --number holds only spaces, which the cover and the "
                                 "PDF's metadata would show as an empty field (give the text itself, or leave --number out"),
    ("--body", "   ", "zh", "lcity report: 错误 usage: --body 只含空格，封面和 PDF 元数据中的这一项将是空白（请写出内容，或不写 --body"),
])
def test_a_report_option_of_spaces_only_is_refused_before_anything_is_written(tmp_path, option, value, lang, said):
    """The cover's 报告编号 (or 评估单位) was printed empty; --number '' keeps the default as before."""
    pdf = tmp_path / "r.pdf"
    run = _run("report", str(QINGSHI), "-o", str(pdf), option, value, "--lang", lang)
    assert run.returncode == 2 and said in run.stderr, run.stderr
    assert not pdf.exists()


# --- G32H-9: '本district' in a Chinese warning --------------------------------------------------


def test_a_unit_whose_name_ends_in_no_level_word_is_called_by_its_level_in_chinese(tmp_path):
    """A district of china-learning-city@1 named 青石经济开发园 (no 区 at the end) read
    '…以青石区为名，不是本district或所属上级…' and '请列出本district自己的文件'."""
    path = _copy(tmp_path, "    zh: 青石区\n", "    zh: 青石经济开发园\n")
    run = _run("validate", str(path), "--lang", "zh")
    shown = run.stdout + run.stderr
    assert run.returncode == 0 and "不是本区或所属上级（青石经济开发园、河西市、中原省）" in shown, shown
    assert "请列出本区自己的文件" in shown and "district" not in shown
