"""G25-H: hostile and careless input, session 25 (tests/audit_cities/g25h/AUDIT.md).

Each test runs the CLI as a user would and asserts what the user sees: the exit code, the message
(file, sheet!cell or line:col, rule id, what is wrong, how to fix it) in Chinese and English.
Workbooks are made from ``lcity convert`` of the example and edited at the XML a spreadsheet
program (or a crafted file) would hold.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from .conftest import lcity_here

ROOT = Path(__file__).resolve().parent.parent
QINGSHI = ROOT / "examples" / "qingshi-district.yaml"
FIXTURES = Path(__file__).resolve().parent / "audit_cities" / "g25h"
INDICATORS_PART = "xl/worksheets/sheet2.xml"


def _workbook(tmp_path: Path) -> Path:
    book = tmp_path / "qingshi.xlsx"
    proc = lcity_here("convert", str(QINGSHI), "-o", str(book))
    assert proc.returncode == 0, proc.stderr
    return book


def _edit_part(src: Path, dest: Path, part: str, old: str, new: str) -> Path:
    """A copy of the workbook ``src`` with ``old`` replaced by ``new`` once in its part ``part``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                assert old.encode() in data, old
                data = data.replace(old.encode(), new.encode(), 1)
            zout.writestr(info, data)
    return dest


# --- H1: a workbook cell holding 1e-400 was read as 0 in silence ----------------------------------

C2_CELL = '<c r="I8" s="5" t="n"><v>100</v>'


@pytest.mark.parametrize("stored", ['<c r="I8" s="5" t="n"><v>1e-400</v>', '<c r="I8" s="5"><v>1E-400</v>'])
def test_a_workbook_number_that_underflows_is_refused_at_its_cell(tmp_path, stored):
    book = _edit_part(_workbook(tmp_path), tmp_path / "tiny.xlsx", INDICATORS_PART, C2_CELL, stored)
    en = lcity_here("validate", str(book), "--lang", "en")
    assert en.returncode == 1, en.stdout + en.stderr
    shown = stored.split("<v>")[1].split("<")[0]
    assert (f"tiny.xlsx:指标!I8: error cell-refused: holds {shown}, a number too small to compute with: "
            "it would be read as 0") in en.stdout + en.stderr
    assert "type 0 if none is meant" in en.stdout + en.stderr
    zh = lcity_here("validate", str(book), "--lang", "zh")
    assert zh.returncode == 1
    assert f"tiny.xlsx:指标!I8: 错误 cell-refused: 其中的数字 {shown} 过小，无法计算：会被当作0" in zh.stdout + zh.stderr
    score = lcity_here("score", str(book), "--lang", "en")
    assert score.returncode == 1 and "指标!I8" in score.stdout + score.stderr
    assert "Traceback" not in score.stdout + score.stderr


def test_a_workbook_zero_and_a_small_number_still_read(tmp_path):
    book = _workbook(tmp_path)
    for i, stored in enumerate(("0", "0.0", "0E+0", "-0", "4.9e-324")):
        edited = _edit_part(book, tmp_path / f"ok{i}.xlsx", INDICATORS_PART, C2_CELL,
                            f'<c r="I8" s="5" t="n"><v>{stored}</v>')
        proc = lcity_here("validate", str(edited), "--lang", "en")
        assert "cell-refused" not in proc.stdout + proc.stderr, (stored, proc.stdout + proc.stderr)


# --- H2: a copied form sheet has its own rule id, sheet-copy (was duplicate-key) --------------------


def _copy_sheet(book: Path, sheet: str, name: str, edits: dict, dest: Path) -> Path:
    import openpyxl

    wb = openpyxl.load_workbook(book)
    copy = wb.copy_worksheet(wb[sheet])
    copy.title = name
    for cell, value in edits.items():
        copy[cell] = value
    wb.save(dest)
    return dest


def test_a_copied_form_sheet_is_said_as_sheet_copy(tmp_path):
    book = _workbook(tmp_path)
    differs = _copy_sheet(book, "指标", "指标 (2)", {"I7": 9}, tmp_path / "copied.xlsx")
    zh = lcity_here("validate", str(differs), "--lang", "zh")
    assert zh.returncode == 1
    assert "copied.xlsx:指标 (2)!I7: 错误 sheet-copy: 工作表“指标 (2)”是“指标”的副本，但填报内容不同" in zh.stdout
    same = _copy_sheet(book, "指标", "指标 (2)", {}, tmp_path / "same.xlsx")
    en = lcity_here("validate", str(same), "--lang", "en")
    assert en.returncode == 0
    assert "same.xlsx:指标 (2)!A1: warning sheet-copy: sheet '指标 (2)' is a copy of '指标' with the same answers" in en.stdout


@pytest.mark.parametrize("lang, said", [
    ("en", "sheet-copy             A workbook holding a copy of a form sheet"),
    ("zh", "sheet-copy             工作簿中有表单工作表的副本"),
])
def test_validate_rules_lists_sheet_copy(lang, said):
    proc = lcity_here("validate", "--rules", "--lang", lang)
    assert proc.returncode == 0
    assert said in proc.stdout


# --- H3: an output name holding a line break was printed raw in the closing "wrote" line -----------

BROKEN = "n\nl"


def _one_line(text: str, start: str) -> str:
    """The line of ``text`` that starts with ``start``; the name must be on it, escaped."""
    return next(x for x in text.splitlines() if x.startswith(start))


def test_report_names_an_output_with_a_line_break_escaped(tmp_path):
    pdf, html = tmp_path / f"{BROKEN}.pdf", tmp_path / f"{BROKEN}.html"
    proc = lcity_here("report", str(QINGSHI), "-o", str(pdf), "--html", str(html), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    line = _one_line(proc.stderr, "wrote ")
    assert "n\\nl.pdf (" in line and "n\\nl.html: total 75.6, Pass, Recognition deferred" in line
    assert pdf.exists() and html.exists()  # the file keeps the name it was given


def test_batch_names_an_output_folder_with_a_line_break_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "q.yaml").write_bytes(QINGSHI.read_bytes())
    out = tmp_path / f"out{BROKEN}"
    proc = lcity_here("batch", str(folder), "-o", str(out), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    line = _one_line(proc.stderr, "1 file: 1 scored")
    assert "outn\\nl/summary.csv" in line and "outn\\nl/summary.xlsx" in line
    zh = lcity_here("batch", str(folder), "-o", str(tmp_path / f"zh{BROKEN}"), "--lang", "zh")
    assert "zhn\\nl/summary.csv" in _one_line(zh.stderr, "共 1 个文件")


def test_demo_names_an_output_with_a_line_break_escaped(tmp_path):
    proc = lcity_here("demo", "-o", str(tmp_path / f"{BROKEN}.pdf"), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "n\\nl.pdf (" in _one_line(proc.stderr, "4. ")


# --- H4: lcity demo spoke English around a Chinese table, whatever --lang ----------------------------


def test_demo_speaks_chinese_by_default_and_english_when_asked(tmp_path):
    zh = lcity_here("demo", "-o", str(tmp_path / "d.pdf"))
    assert zh.returncode == 0, zh.stderr
    assert "1. 校验 examples/qingshi-district.yaml：有效（43 项填报，0 条警告）" in zh.stderr
    assert "2. 评分" in zh.stderr
    assert "3. 对标：在 12 个参照城市中排第 1–13 位（共 13 个单位，" in zh.stderr
    assert "4. 报告：已写出 " in zh.stderr and "下一步：lcity init -o my-district.yaml --city <名称>" in zh.stderr
    for english in ("validate", "answers", "warnings", "benchmark", "among the", "wrote", "Next:"):
        assert english not in zh.stderr, english
    en = lcity_here("demo", "-o", str(tmp_path / "e.pdf"), "--lang", "en")
    assert "1. validate examples/qingshi-district.yaml: valid (43 answers, 0 warnings)" in en.stderr
    assert "3. benchmark: rank 1–13 of 13 among the 12 reference cities, whatever their unknowns" in en.stderr
    assert "Next: lcity init -o my-district.yaml --city <name>" in en.stderr


# --- H5: a city.id of 5,000 characters validated; the report number printed it over eight pages ------


def test_a_city_id_longer_than_a_slug_is_refused_at_its_place(tmp_path):
    form = tmp_path / "long.yaml"
    form.write_text(QINGSHI.read_text(encoding="utf-8").replace("  id: qingshi\n", "  id: " + "q" * 5000 + "\n", 1),
                    encoding="utf-8")
    en = lcity_here("validate", str(form), "--lang", "en")
    assert en.returncode == 1
    assert ("long.yaml:10:7: error out-of-range: city.id: 'qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq… (5,000 characters)' "
            "is longer than 64 characters (shorten it)") in en.stdout
    zh = lcity_here("validate", str(form), "--lang", "zh")
    assert "long.yaml:10:7: 错误 out-of-range: city.id：" in zh.stdout and "超过 64 个字符（请缩短）" in zh.stdout
    report = lcity_here("report", str(form), "-o", str(tmp_path / "r.pdf"), "--lang", "en")
    assert report.returncode == 1 and not (tmp_path / "r.pdf").exists()
    ok = tmp_path / "ok.yaml"
    ok.write_text(form.read_text(encoding="utf-8").replace("q" * 5000, "q" * 64), encoding="utf-8")
    assert lcity_here("validate", str(ok), "--lang", "en").returncode == 0


# --- H6: a workbook given as the review was "not valid UTF-8" ---------------------------------------


@pytest.mark.parametrize("command", [("review", "validate"), ("score",), ("report",)])
def test_a_workbook_given_as_a_review_is_named_as_no_review(tmp_path, command):
    book = _workbook(tmp_path)
    args = [*command, str(QINGSHI), str(book)] if command[0] == "review" else \
        [*command, str(QINGSHI), "--review", str(book)] + (["-o", str(tmp_path / "r.pdf")] if command == ("report",) else [])
    en = lcity_here(*args, "--lang", "en")
    assert en.returncode == 2, en.stdout + en.stderr
    said = en.stdout + en.stderr
    assert ("qingshi.xlsx:1:1: error not-a-review: this is a workbook (.xlsx), not an expert review file "
            "(a review is a YAML file that starts with assessment: naming the file it reviews)") in said
    assert "UTF-8" not in said and "Traceback" not in said
    zh = lcity_here(*args, "--lang", "zh")
    assert "qingshi.xlsx:1:1: 错误 not-a-review: 这是工作簿（.xlsx），不是专家评审文件" in zh.stdout + zh.stderr
