"""The spreadsheet round trip: a workbook from lcity init, filled in as an official would in Excel,
is read by validate and score exactly like a YAML file, with problems placed at Sheet!C12."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import openpyxl
import pytest

from evaluator.reading import read, read_workbook
from indicators.loader import load_framework

from .conftest import EXAMPLES, ROOT, lcity_here as lcity

FW = "china-learning-city@2"


def _fill_like_an_official(path, *, slip: str | None = None) -> None:
    """Types an answer into every yellow cell, as Excel stores it: 是 from the drop-down, ids with a
    full-width comma, a percentage typed as 85% (Excel keeps 0.85 shown as a percentage)."""
    wb = openpyxl.load_workbook(path)
    profile = wb["基本情况"]
    figures = {"city.population": 650000, "city.population_60plus": 130000, "city.employed": 380000,
               "city.streets": 10, "city.communities": 100, "city.area_km2": 120.5, "city.gdp_per_capita": 98000,
               "city.region": "east", "evaluating_body": "西城区学习型城区建设领导小组办公室", "date": "2026-04-10"}
    for row in range(2, profile.max_row + 1):
        key = profile.cell(row, 2).value
        if key in figures:
            profile.cell(row, 3).value = figures[key]
    sheet = wb["指标"]
    head = {sheet.cell(1, c).value: c for c in range(1, sheet.max_column + 1)}
    column = {name.split("（")[0]: col for name, col in head.items()}
    value_col, type_col, ev_col, sample_col = column["填报值"], column["type"], column["佐证材料"], column["有效问卷数"]
    fw = load_framework(FW)
    for row in range(2, sheet.max_row + 1):
        ind = fw.indicator(sheet.cell(row, 1).value).at_level("district", fw.unit_name("district"))
        kind = sheet.cell(row, type_col).value
        cell = sheet.cell(row, value_col)
        if kind == "boolean":
            cell.value = "是"
        elif kind == "choice":
            cell.value = ind.answer.choices[0].id
        elif kind == "checklist":
            cell.value = "，".join(o.id for o in ind.answer.items[:2])
        elif kind == "percent":
            cell.value, cell.number_format = 0.85, "0%"
        else:
            cell.value = 3
        sheet.cell(row, ev_col).value = "区政府文件\n统计年报"
        if ind.survey is not None:
            sheet.cell(row, sample_col).value = 1200
    if slip:
        row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, type_col).value == "count")
        sheet.cell(row, value_col).value = slip
    wb.save(path)


def test_a_workbook_filled_in_excel_validates_and_scores(tmp_path):
    book = tmp_path / "西城区.xlsx"
    made = lcity("init", "--format", "xlsx", "-o", str(book), "--city", "西城区", "--level", "district")
    assert made.returncode == 0, made.stderr
    blank = lcity("validate", str(book))
    assert blank.returncode == 1
    assert f"{book}:指标!I2: 错误 no-answer" in blank.stdout  # the value cell of the first indicator, in Chinese
    _fill_like_an_official(book)
    checked = lcity("validate", str(book))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    scored = lcity("score", str(book), "--format", "json")
    assert scored.returncode == 0, scored.stderr
    result = json.loads(scored.stdout)
    assert result["missing"] == 0 and result["total"] > 0
    loaded = read(book)
    c1 = loaded.assessment.answers["C1"]
    assert c1.value == 3 and c1.evidence == ["区政府文件", "统计年报"]
    percents = [i.id for i in loaded.framework.indicators() if i.answer.type == "percent" and i.id in
                loaded.assessment.answers and loaded.assessment.answers[i.id].value is not None]
    assert percents and all(loaded.assessment.answers[i].value == 85 for i in percents)


def test_a_slip_in_a_cell_is_reported_at_that_cell(tmp_path):
    book = tmp_path / "x.xlsx"
    assert lcity("init", "-o", str(book), "--city", "西城区").returncode == 0  # the format from the name
    _fill_like_an_official(book, slip="约3个")
    out = lcity("validate", str(book))
    assert out.returncode == 1
    lines = [line for line in out.stdout.splitlines() if " 错误 " in line]
    assert len(lines) == 1 and lines[0].startswith(f"{book}:指标!I"), out.stdout
    as_json = json.loads(lcity("validate", str(book), "--format", "json").stdout)
    (problem,) = [p for p in as_json["problems"] if p["severity"] == "error"]
    assert problem["cell"].startswith("指标!I") and problem["column"] == 9


def test_the_workbook_protects_questions_and_offers_lists(tmp_path):
    book = tmp_path / "form.xlsx"
    assert lcity("init", "-o", str(book), "--lang", "en", "--city", "Xicheng District").returncode == 0
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames[:2] == ["Profile", "Indicators"] and wb["lists"].sheet_state == "hidden"
    sheet = wb["Indicators"]
    assert sheet.protection.sheet
    assert sheet.cell(2, 5).protection.locked and not sheet.cell(2, 9).protection.locked  # question / value
    kinds = {dv.type for dv in sheet.data_validations.dataValidation}
    assert {"list", "whole", "decimal"} <= kinds
    numbers = [dv for dv in sheet.data_validations.dataValidation if dv.type in ("whole", "decimal")]
    assert all(dv.showErrorMessage for dv in numbers)  # Excel refuses a wrong number as it is typed
    percent = next(dv for dv in numbers if dv.formula2 == "100")
    assert (percent.operator, percent.formula1) == ("between", "0")
    assert sheet.cell(1, 5).value == "question" and sheet.cell(2, 1).value == "A1"


def test_validate_reads_a_workbook_from_stdin(tmp_path):
    book = tmp_path / "q.xlsx"
    assert lcity("convert", str(EXAMPLES / "v2" / "qingshi-district-2025.yaml"), str(book)).returncode == 0
    run = subprocess.run([sys.executable, "-m", "lcity", "validate", "-"], input=book.read_bytes(),
                         capture_output=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr.decode()


@pytest.mark.parametrize("data, rule", [(b"PK\x03\x04 not really a zip", "not-a-workbook")])
def test_a_damaged_workbook_is_refused_with_a_message(data, rule, tmp_path):
    from indicators.problems import InputError

    with pytest.raises(InputError) as exc:
        read_workbook(data, "bad.xlsx")
    assert exc.value.problems[0].rule == rule and exc.value.fatal


def test_batch_reads_workbooks_in_its_folder(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    assert lcity("convert", str(EXAMPLES / "v2" / "qingshi-district-2025.yaml"), str(folder / "qingshi.xlsx")).returncode == 0
    out = tmp_path / "out"
    run = lcity("batch", str(folder), "-o", str(out))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "qingshi.xlsx" in (out / "summary.csv").read_text(encoding="utf-8")


def _zip(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_a_decompression_bomb_is_refused_before_it_is_unpacked():
    from indicators.problems import InputError

    bomb = _zip({"xl/worksheets/sheet1.xml": b"\0" * 60_000_000})
    assert len(bomb) < 200_000
    with pytest.raises(InputError) as exc:
        read_workbook(bomb, "bomb.xlsx")
    assert exc.value.problems[0].rule == "workbook-too-large" and exc.value.fatal


def test_a_renamed_sheet_or_a_row_given_twice_is_named(tmp_path):
    from indicators.problems import InputError

    book = tmp_path / "x.xlsx"
    assert lcity("init", "-o", str(book), "--city", "西城区").returncode == 0
    wb = openpyxl.load_workbook(book)
    sheet = wb["指标"]
    sheet.cell(3, 1).value = "A1"  # the row of A2 now claims to be A1
    wb.save(book)
    loaded = read(book)
    twice = [p for p in loaded.problems if p.rule == "duplicate-key"]
    assert [p.cell for p in twice] == ["指标!A3"]
    wb["基本情况"].title = "Sheet1"
    wb.save(book)
    with pytest.raises(InputError) as exc:
        read(book)
    assert exc.value.problems[0].rule == "workbook-layout" and "lcity init --format xlsx" in exc.value.problems[0].hint


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    text = (EXAMPLES / "v2" / "qingshi-district-2025.yaml").read_text(encoding="utf-8")
    text = text.replace('    evidence: ["社区教育经费来源统计表"]', '    evidence: ["社区教育经费来源统计表"]\n    note: "=SUM(A1:A9)"', 1)
    from lcity.convert import convert

    book, _ = convert(text.encode("utf-8"), "q.yaml", "xlsx")
    loaded = read_workbook(book, "q.xlsx")
    assert loaded.assessment.answers["D4"].note == "=SUM(A1:A9)"
    cell = next(c for row in openpyxl.load_workbook(io.BytesIO(book))["指标"].iter_rows() for c in row
                if c.value == "=SUM(A1:A9)")
    assert cell.data_type == "s"


def test_fix_on_a_workbook_says_what_to_do_instead(tmp_path):
    book = tmp_path / "x.xlsx"
    assert lcity("init", "-o", str(book), "--city", "西城区").returncode == 0
    out = lcity("fix", str(book))
    assert out.returncode == 2 and "lcity convert" in out.stderr and "UTF-8" not in out.stderr
