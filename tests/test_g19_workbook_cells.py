"""G19-C3: a workbook cell must stand where its sheet says, or the workbook is refused at that cell.

A sheet's XML names a cell's row twice (``<row r="7">`` and ``<c r="I7">``). lcity streams a sheet
and placed a cell by the row it sits in; a spreadsheet (and openpyxl's full reader) by its own
reference. ``<c r="I8">`` inside row 7 replaced C1's answer 12 with 1, while the workbook showed 12
in I7 and ``validate`` called it valid. Now every such cell is a damaged workbook, named at its
cell (file:sheet!cell), with what is wrong and what to do, in English and Chinese; exit 2.
"""

from __future__ import annotations

import json
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.xlsx_cells import column_letters, misplaced

from .conftest import EXAMPLES, lcity, squash

I7 = '<c r="I7" s="5" t="n"><v>12</v></c>'
ROW7 = '<row r="7"'

#: name -> (text of the 指标 sheet's XML to replace, its replacement), as make_xlsx.py of the audit
VARIANTS = {
    "wrong_row_cell": (I7, I7 + '<c r="I8" s="5" t="n"><v>1</v></c>'),
    "bigref": (I7, I7 + '<c r="I9999999" s="5" t="n"><v>1</v></c>'),
    "dup_cell": (I7, I7 + '<c r="I7" s="5" t="n"><v>1</v></c>'),
    "col_past_end": (I7, I7 + '<c r="XFE7" s="5" t="n"><v>1</v></c>'),
}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    folder = tmp_path_factory.mktemp("g19c3")
    run = lcity("convert", str(EXAMPLES / "qingshi-district.yaml"), str(folder / "base.xlsx"), cwd=folder)
    assert run.returncode == 0, run.stderr
    return folder / "base.xlsx"


def _edited(base, out, edit) -> str:
    """``base`` with its 指标 sheet's XML passed through ``edit`` (a function of the text)."""
    with zipfile.ZipFile(base) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                text = data.decode("utf-8")
                new = edit(text)
                assert new != text
                data = new.encode("utf-8")
            zout.writestr(item, data)
    return out.name


def _variant(base, tmp_path, name) -> str:
    old, new = VARIANTS[name]
    return _edited(base, tmp_path / f"x_{name}.xlsx", lambda text: text.replace(old, new, 1))


def test_the_base_workbook_still_reads_and_scores_c1_as_12(base):
    run = lcity("score", base.name, "--format", "json", cwd=base.parent)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["total"] == pytest.approx(75.579, abs=0.01)


def test_a_cell_of_row_8_inside_row_7_is_refused_at_its_cell_not_scored(base, tmp_path):
    name = _variant(base, tmp_path, "wrong_row_cell")
    run = lcity("--lang", "en", "validate", name, cwd=tmp_path)
    assert run.returncode == 2
    said = squash(run.stdout + run.stderr)
    assert squash(f"{name}:指标!I8: error not-a-workbook: is a damaged workbook: cell I8 of sheet '指标' is "
                  "written inside row 7, so a spreadsheet and lcity could show it in different rows") in said
    assert squash("open the file in Excel or WPS, check what '指标'!I8 and the cells around it show, and save it "
                  "again as Excel Workbook (*.xlsx)") in said
    assert "valid — 0 errors" not in run.stdout
    score = lcity("score", name, "--format", "json", cwd=tmp_path)
    assert score.returncode == 2 and '"total"' not in score.stdout  # never 71.58 with C1 = 1


def test_the_same_in_chinese(base, tmp_path):
    name = _variant(base, tmp_path, "wrong_row_cell")
    run = lcity("--lang", "zh", "validate", name, cwd=tmp_path)
    assert run.returncode == 2
    said = squash(run.stdout + run.stderr)
    assert squash(f"{name}:指标!I8: 错误 not-a-workbook: 工作簿已损坏：工作表“指标”的单元格 I8 写在第 7 行之内，"
                  "电子表格软件与 lcity 可能把它显示在不同的行") in said
    assert squash("请用 Excel 或 WPS 打开该文件，核对“指标”!I8 及其附近单元格显示的内容") in said


@pytest.mark.parametrize("variant, cell, en", [
    ("bigref", "I9999999", "cell I9999999 of sheet '指标' lies past the last cell a sheet has (XFD1048576)"),
    ("col_past_end", "XFE7", "cell XFE7 of sheet '指标' lies past the last cell a sheet has (XFD1048576)"),
    ("dup_cell", "I7", "cell I7 of sheet '指标' is given twice, and the two may hold different values"),
])
def test_a_cell_past_the_sheet_or_given_twice_is_a_damaged_workbook(base, tmp_path, variant, cell, en):
    name = _variant(base, tmp_path, variant)
    run = lcity("--lang", "en", "validate", name, cwd=tmp_path)
    assert run.returncode == 2
    assert squash(f"{name}:指标!{cell}: error not-a-workbook: is a damaged workbook: {en}") in squash(run.stdout)
    converted = lcity("convert", name, "out.yaml", cwd=tmp_path)
    assert converted.returncode == 2 and not (tmp_path / "out.yaml").exists()


def test_a_row_given_twice_or_out_of_order_is_refused(base, tmp_path):
    """openpyxl's streaming reader drops a row that comes again or after a later one; its full
    reader and a spreadsheet keep it: the two would read other answers."""
    def twice(text):
        start = text.index(ROW7)
        end = text.index("</row>", start) + len("</row>")
        return text[:end] + text[start:end].replace(I7, '<c r="I7" s="5" t="n"><v>1</v></c>') + text[end:]

    def swapped(text):
        start7 = text.index(ROW7)
        start8 = text.index('<row r="8"')
        end8 = text.index("</row>", start8) + len("</row>")
        return text[:start7] + text[start8:end8] + text[start7:start8] + text[end8:]

    run = lcity("--lang", "en", "validate", _edited(base, tmp_path / "twice.xlsx", twice), cwd=tmp_path)
    assert run.returncode == 2
    assert squash("twice.xlsx:指标!A7: error not-a-workbook: is a damaged workbook: row 7 of sheet '指标' is given "
                  "twice") in squash(run.stdout)
    run = lcity("--lang", "zh", "validate", _edited(base, tmp_path / "swapped.xlsx", swapped), cwd=tmp_path)
    assert run.returncode == 2
    assert squash("swapped.xlsx:指标!A7: 错误 not-a-workbook: 工作簿已损坏：工作表“指标”的第 7 行写在第 8 行之后"
                  "；电子表格软件按从上到下的顺序写各行") in squash(run.stdout)


def test_cells_without_a_reference_are_placed_as_openpyxl_places_them(base, tmp_path):
    """The r attribute of a cell is optional: without it the cell is the next column of its row."""
    def bare(text):
        start = text.index(ROW7)
        end = text.index("</row>", start)
        row = text[start:end]
        import re

        return text[:start] + re.sub(r'<c r="[A-Z]+7"', "<c", row) + text[end:]

    run = lcity("score", _edited(base, tmp_path / "bare.xlsx", bare), "--format", "json", cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads(run.stdout)["total"] == pytest.approx(75.579, abs=0.01)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3), st.lists(st.integers(1, 3), max_size=5)), max_size=8),
       st.booleans())
def test_rows_and_cells_written_in_order_where_they_say_are_never_refused(steps, refs):
    rows, row = [], 0
    for gap, cols in steps:
        row += gap
        col, cells = 0, []
        for step in cols:
            col += step
            cells.append(f"{column_letters(col)}{row}" if refs else None)
        if not refs:  # without references every cell is the next column
            cells = [None] * len(cols)
        rows.append((str(row), cells))
    assert misplaced(rows, "s") is None


@given(st.integers(1, 50), st.integers(1, 50), st.integers(1, 30))
def test_a_cell_naming_another_row_is_always_found(row, other, col):
    if other == row:
        other += 1
    found = misplaced([(str(row), [f"{column_letters(col)}{other}"])], "s")
    assert found is not None and found[0] == f"{column_letters(col)}{other}"
    assert found[1].key == "xlsx.cell-other-row"
