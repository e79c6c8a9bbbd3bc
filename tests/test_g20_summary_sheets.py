"""lcity batch tells its own earlier summary.xlsx from an assessment named summary.xlsx by its sheet
names (G20-C5), read as every workbook is: indicators.xlsx.sheet_names, openpyxl's parser of the
workbook part behind the same zip checks a form gets (it was a regex over the zip's XML). What the
user sees: lcity's own summary is skipped with a note; anything else there, a damaged or hostile
file included, is an input that the batch refuses to write over (exit 2, the file unchanged)."""
from __future__ import annotations

import hashlib
import shutil
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import EXAMPLES, lcity_here

EXAMPLE = EXAMPLES / "qingshi-district.yaml"


def _folder(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "q.yaml")
    return folder


def _summary_like(path, sheets):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = sheets[0]
    for name in sheets[1:]:
        wb.create_sheet(name)
    wb.save(path)
    return path


def test_a_workbook_with_the_summarys_sheets_in_another_order_is_an_input_not_the_summary(tmp_path):
    folder = _folder(tmp_path)
    book = _summary_like(folder / "summary.xlsx", ["Summary", "About", "Notes"])
    before = hashlib.sha256(book.read_bytes()).hexdigest()
    proc = lcity_here("batch", str(folder), "-o", str(folder), "--force", "--lang", "en")
    assert proc.returncode == 2
    assert "error output-is-input: the output would replace an input of this command (summary.xlsx)" in proc.stdout + proc.stderr
    assert hashlib.sha256(book.read_bytes()).hexdigest() == before


def test_the_summarys_sheets_read_from_a_workbook_part_elsewhere_are_still_its_own(tmp_path):
    """A summary whose workbook part is not xl/workbook.xml (the manifest says where it is): the
    regex looked only at xl/workbook.xml; openpyxl's reader follows the manifest."""
    folder = _folder(tmp_path)
    made = _summary_like(tmp_path / "made.xlsx", ["About", "Summary", "Notes"])
    moved = folder / "summary.xlsx"
    with zipfile.ZipFile(made) as src, zipfile.ZipFile(moved, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename).replace(b"/xl/workbook.xml", b"/xl/book.xml")
            name = {"xl/workbook.xml": "xl/book.xml", "xl/_rels/workbook.xml.rels": "xl/_rels/book.xml.rels"}.get(
                item.filename, item.filename)
            dst.writestr(name, data.replace(b'Target="xl/workbook.xml"', b'Target="xl/book.xml"'))
    proc = lcity_here("batch", str(folder), "-o", str(folder), "--force", "--lang", "zh")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "summary.xlsx：已跳过：是 lcity batch 写出的汇总表，不是自评表" in proc.stdout + proc.stderr


@pytest.mark.parametrize("kind", ["bomb", "cut-short", "no-workbook-part", "entities"])
def test_a_hostile_summary_xlsx_is_never_taken_for_lcitys_own(tmp_path, kind):
    folder = _folder(tmp_path)
    made = _summary_like(tmp_path / "made.xlsx", ["About", "Summary", "Notes"])
    book = folder / "summary.xlsx"
    if kind == "cut-short":
        book.write_bytes(made.read_bytes()[:-200])
    else:
        with zipfile.ZipFile(made) as src, zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "xl/workbook.xml":
                    if kind == "no-workbook-part":
                        continue
                    if kind == "entities":
                        data = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "About">]>'
                                + data.split(b"?>", 1)[-1].replace(b'name="About"', b'name="&a;"'))
                dst.writestr(item.filename, data)
            if kind == "bomb":
                dst.writestr("xl/padding.xml", b"<a/>" * 13_000_000)  # 52 MB unpacked
    before = hashlib.sha256(book.read_bytes()).hexdigest()
    proc = lcity_here("batch", str(folder), "-o", str(folder), "--force", "--lang", "en")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 2, out
    assert "output-is-input" in out and "Traceback" not in out and "internal error" not in out
    assert hashlib.sha256(book.read_bytes()).hexdigest() == before


_NAME = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="[]:*?/\\'"),
                min_size=1, max_size=31).filter(lambda s: s.strip() == s and s)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_NAME, min_size=1, max_size=4, unique_by=str.casefold))
def test_sheet_names_are_read_as_a_spreadsheet_names_them(tmp_path, names):
    from indicators.xlsx import sheet_names

    try:
        book = _summary_like(tmp_path / "n.xlsx", names)
    except ValueError:  # a name openpyxl will not write
        return
    assert sheet_names(book) == names


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_sheet_names_of_any_bytes_is_a_list_or_none(tmp_path, data):
    from indicators.xlsx import sheet_names

    (tmp_path / "b.xlsx").write_bytes(b"PK\x03\x04" + data)
    assert sheet_names(tmp_path / "b.xlsx") is None
