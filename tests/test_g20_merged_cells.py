"""Audit G20-C7 (and the open part of G20-C3), tests/audit_hostile_g20/AUDIT.md: a workbook whose
answer, id or profile cells were merged (an ordinary tidy-up in Excel or WPS) is refused at the
merged cell, saying that the cells are merged, in validate, score and convert, in both languages.

The merged ranges are read from the sheet's XML in the same pass that checks where its cells stand
(indicators/xlsx_cells.py): openpyxl's streaming reader gives none. A hostile list of ranges (a
million of them, two over one cell, one naming no cells, a bomb of them) is said, never a traceback."""
from __future__ import annotations

import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import EXAMPLES, lcity_here

EXAMPLE = EXAMPLES / "qingshi-district.yaml"
VALUE, STATUS, EVIDENCE = 9, 10, 11


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    out = tmp_path_factory.mktemp("merged") / "base.xlsx"
    assert lcity_here("convert", str(EXAMPLE), str(out), "--lang", "zh").returncode == 0
    return out


def _row(ws, ident: str) -> int:
    return next(c.row for c in ws["A"] if c.value == ident)


def _edited(base, tmp_path, edit, name="merged.xlsx"):
    import openpyxl

    wb = openpyxl.load_workbook(base)
    edit(wb)
    out = tmp_path / name
    wb.save(out)
    return out


def _said(book, *args, lang="en", command="validate"):
    return lcity_here(command, str(book), *args, "--lang", lang)


def test_merged_value_cells_are_said_as_merged_at_the_merged_cell(base, tmp_path):
    """C1's and C2's value cells merged: Excel shows 12 in C2's row too; it was 'C2 has no value yet' at I8."""
    def edit(wb):
        ws = wb["指标"]
        r = _row(ws, "C1")
        ws.merge_cells(start_row=r, start_column=VALUE, end_row=r + 1, end_column=VALUE)

    book = _edited(base, tmp_path, edit)
    en = _said(book)
    assert en.returncode == 1
    assert ("merged.xlsx:指标!I7: error cell-refused: cells I7:I8 are merged; an answer needs its own cell "
            "(the merged cell shows I7's content only, and lcity reads the other cells of the range as empty) "
            "(unmerge them (Excel/WPS: select I7:I8, Home → Merge & Center → Unmerge Cells), then type each "
            "answer in its own cell)") in en.stdout
    assert "has no value yet" not in en.stdout and "Traceback" not in en.stdout + en.stderr
    zh = _said(book, lang="zh")
    assert zh.returncode == 1
    assert ("merged.xlsx:指标!I7: 错误 cell-refused: 单元格 I7:I8 被合并了；每个答案须占一个单独的单元格"
            "（合并后只显示 I7 的内容，lcity 把该区域的其余单元格读作空白）（请取消合并（Excel/WPS：选中 I7:I8，"
            "开始 → 合并后居中 → 取消单元格合并），再把每个答案分别填入各自的单元格）") in zh.stdout
    assert "无效——1 个错误，0 个警告" in zh.stdout + zh.stderr


def test_a_row_of_answer_cells_merged_is_refused_in_validate_score_and_convert(base, tmp_path):
    """C2's value, status and evidence merged (I8:K8): its evidence is no longer its own cell."""
    def edit(wb):
        ws = wb["指标"]
        r = _row(ws, "C2")
        ws.merge_cells(start_row=r, start_column=VALUE, end_row=r, end_column=EVIDENCE)

    book = _edited(base, tmp_path, edit)
    words = "merged.xlsx:指标!I8: error cell-refused: cells I8:K8 are merged; an answer needs its own cell"
    assert words in _said(book).stdout
    score = _said(book, command="score")
    assert score.returncode == 1 and words in score.stdout + score.stderr
    converted = lcity_here("convert", str(book), str(tmp_path / "out.yaml"), "--lang", "en")
    assert converted.returncode == 1 and words in converted.stdout + converted.stderr
    assert not (tmp_path / "out.yaml").exists()
    zh = lcity_here("convert", str(book), str(tmp_path / "out.yaml"), "--lang", "zh")
    assert zh.returncode == 1 and "单元格 I8:K8 被合并了" in zh.stdout + zh.stderr


def test_merged_id_cells_say_which_rows_lost_their_id(base, tmp_path):
    def edit(wb):
        ws = wb["指标"]
        r = _row(ws, "C1")
        ws.merge_cells(start_row=r, start_column=1, end_row=r + 2, end_column=1)

    book = _edited(base, tmp_path, edit)
    en = _said(book)
    assert en.returncode == 1
    assert ("merged.xlsx:指标!A7: error cell-refused: cells A7:A9 are merged, so rows 8–9 have no indicator id "
            "of their own: their answers belong to no indicator and are not read") in en.stdout
    assert "no indicator id in A8" not in en.stdout  # one mistake, one problem
    assert "单元格 A7:A9 被合并了，第 8–9 行因此没有自己的指标编号" in _said(book, lang="zh").stdout


def test_a_value_hidden_under_a_merged_cell_is_never_scored(base, tmp_path):
    """A file can keep C2's 100 in I8 under a merged I7:I8, where a spreadsheet shows C1's 12."""
    book = _with_merges(base, tmp_path, b'<mergeCells count="1"><mergeCell ref="I7:I8"/></mergeCells>')
    score = _said(book, command="score")
    assert score.returncode == 1 and "cells I7:I8 are merged" in score.stdout + score.stderr


def test_merges_that_hide_nothing_stay_valid(base, tmp_path):
    """Merged dimension cells (column B) and a profile value merged with its explanation column."""
    def edit(wb):
        ws = wb["指标"]
        r = _row(ws, "C1")
        ws.merge_cells(start_row=r, start_column=2, end_row=r + 3, end_column=2)
        ws.merge_cells(start_row=1, start_column=VALUE, end_row=1, end_column=EVIDENCE)  # the header row
        prof = wb["基本情况"]
        row = next(c.row for c in prof["B"] if c.value == "city.population")
        prof.merge_cells(start_row=row, start_column=3, end_row=row, end_column=4)

    book = _edited(base, tmp_path, edit)
    proc = _said(book)
    assert proc.returncode == 0, proc.stdout
    assert "merged" not in proc.stdout


def test_a_profile_value_merged_down_is_said_at_the_profile_cell(base, tmp_path):
    def edit(wb):
        prof = wb["基本情况"]
        row = next(c.row for c in prof["B"] if c.value == "city.population")
        prof.merge_cells(start_row=row, start_column=3, end_row=row + 1, end_column=3)
        edit.row = row

    book = _edited(base, tmp_path, edit)
    proc = _said(book)
    row = edit.row
    assert proc.returncode == 1
    assert f"merged.xlsx:基本情况!C{row}: error cell-refused: cells C{row}:C{row + 1} are merged" in proc.stdout
    # the figure below (city.population_60plus) is hidden by the merge: one problem, not a second one at B3
    assert "missing-profile" not in proc.stdout and "invalid — 1 error, 0 warnings" in proc.stdout + proc.stderr


# --- hostile lists of merged ranges -------------------------------------------------------------------

def _with_merges(base, tmp_path, merges: bytes, name="hostile.xlsx", compression=zipfile.ZIP_DEFLATED):
    """The base workbook with its Indicators sheet's merged ranges replaced by ``merges`` (XML)."""
    book = _edited(base, tmp_path, lambda wb: wb["指标"].merge_cells("B7:B8"), "one.xlsx")
    out = tmp_path / name
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(out, "w", compression) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                old = b'<mergeCells count="1"><mergeCell ref="B7:B8" /></mergeCells>'
                assert old in data, data[-600:]
                data = data.replace(old, merges)
            dst.writestr(item.filename, data)
    return out


def test_many_harmless_ranges_and_one_that_hides_an_answer(base, tmp_path):
    ranges = b"".join(b'<mergeCell ref="D%d:E%d"/>' % (r, r) for r in range(2, 9_002))
    book = _with_merges(base, tmp_path, b'<mergeCells>' + ranges + b'<mergeCell ref="J8:J9"/></mergeCells>')
    proc = _said(book)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "hostile.xlsx:指标!J8: error cell-refused: cells J8:J9 are merged" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr and "internal error" not in proc.stdout + proc.stderr


def test_a_sheet_listing_a_million_merged_ranges_is_refused_unread(base, tmp_path):
    """1.9 million ranges (45 MB unpacked, 130 kB packed): openpyxl's reader alone took minutes and
    over a gigabyte on them; the count is passed at the 10,001st and the sheet refused there."""
    book = _with_merges(base, tmp_path, b"<mergeCells>" + b'<mergeCell ref="D2:E2"/>' * 1_900_000 + b"</mergeCells>")
    for lang, words in (("en", "hostile.xlsx:指标!A1: error workbook-too-large: sheet '指标' lists more than 10,000 "
                               "merged ranges; a self-assessment form has a handful at most"),
                        ("zh", "hostile.xlsx:指标!A1: 错误 workbook-too-large: 工作表“指标”列出的合并单元格超过 10,000 处；"
                               "自评表至多只有几处")):
        proc = _said(book, lang=lang)
        assert proc.returncode == 2 and words in proc.stdout, proc.stdout + proc.stderr


@pytest.mark.parametrize("merges,cell", [
    (b'<mergeCells><mergeCell ref="I7:I9"/><mergeCell ref="I8:K8"/></mergeCells>', "I8:K8"),  # two over I8
    (b'<mergeCells><mergeCell ref="I7:I8"/><mergeCell ref="I7:I8"/></mergeCells>', "I7:I8"),  # one given twice
    (b'<mergeCells><mergeCell ref="A0:B2"/></mergeCells>', "A0:B2"),  # names no cells
    (b'<mergeCells><mergeCell ref="I7:XFE8"/></mergeCells>', "I7:XFE8"),  # past the last column
    (b'<mergeCells><mergeCell/></mergeCells>', "''"),
])
def test_merged_ranges_no_spreadsheet_writes_are_a_damaged_workbook(base, tmp_path, merges, cell):
    book = _with_merges(base, tmp_path, merges)
    for lang, words in (("en", "error not-a-workbook: is a damaged workbook: sheet '指标' lists merged cells "),
                        ("zh", "错误 not-a-workbook: 工作簿已损坏：工作表“指标”列出的合并单元格")):
        proc = _said(book, lang=lang)
        out = proc.stdout + proc.stderr
        assert proc.returncode == 2, out
        assert words in out and (cell.strip("'") in out)
        assert "Traceback" not in out and "internal error" not in out


def test_a_bomb_of_merged_ranges_is_refused_before_it_is_unpacked(base, tmp_path):
    ranges = b'<mergeCell ref="D2:E2"/>' * 2_200_000  # 52 MB unpacked, some 100 kB packed
    book = _with_merges(base, tmp_path, b"<mergeCells>" + ranges + b"</mergeCells>")
    assert book.stat().st_size < 1_000_000
    proc = _said(book)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 2 and "workbook-too-large" in out and "Traceback" not in out


def test_a_sheet_part_missing_is_said_as_a_damaged_workbook(base, tmp_path):
    """Not as a renamed sheet (G20-C7's leftover; tests/test_g21_hostile_leftovers.py has the words)."""
    book = tmp_path / "missing.xlsx"
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(book, "w") as dst:
        for item in src.infolist():
            if item.filename != "xl/worksheets/sheet2.xml":
                dst.writestr(item, src.read(item.filename))
    for lang in ("en", "zh"):
        proc = _said(book, lang=lang)
        out = proc.stdout + proc.stderr
        assert proc.returncode == 2, out
        assert ("not-a-workbook" in out and ("its list of sheets names '指标'" in out or "其工作表清单中有“指标”" in out)
                and "workbook-layout" not in out and "Traceback" not in out and "internal error" not in out)


# --- the rule, on ranges alone ----------------------------------------------------------------------

_CELLS = st.tuples(st.integers(1, 40), st.integers(1, 20))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_CELLS, _CELLS), max_size=8))
def test_a_range_is_refused_exactly_when_it_hides_a_cell_the_reader_reads(corners):
    from indicators.xlsx import READ_COLUMNS, _merge_reads
    from indicators.xlsx_cells import MergedRanges, cell_range, column_letters, range_name

    read = READ_COLUMNS["indicators"]
    merges = MergedRanges(_merge_reads(read))
    for (ra, ca), (rb, cb) in corners:
        ref = f"{column_letters(cb)}{rb}:{column_letters(ca)}{ra}"  # corners in either order
        at = cell_range(ref)
        assert at == (min(ra, rb), min(ca, cb), max(ra, rb), max(ca, cb))
        assert cell_range(range_name(at)) == at
        before = len(merges.refused)
        merges.see(ref)
        if merges.damaged is not None:
            return  # two ranges over one read cell: the whole sheet is refused
        hidden = [(r, c) for r in range(max(at[0], 2), at[2] + 1) for c in read if at[1] <= c <= at[3]]
        refused = bool(hidden) and hidden != [(at[0], at[1])]
        assert (len(merges.refused) > before) == refused
        if refused:
            assert merges.refused[-1] == (range_name(at), at)
