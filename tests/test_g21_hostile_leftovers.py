"""Leftovers of the hostile-input audits G19-C and G20-C (tests/audit_hostile_g19/AUDIT.md,
tests/audit_hostile_g20/AUDIT.md, "## Status"), as a user sees them:

1. a workbook's zip directory is checked by one helper for the reader and for ``lcity batch``'s
   test of its own summary (``indicators.xlsx.sheet_names``): the same file gets the same verdict;
2. ``validate --rules`` says that merged cells are refused (cell-refused), in both languages;
3. a sheet the workbook lists whose part is missing from the zip is a damaged workbook, not "has no
   sheet named '指标' … do not rename its sheets";
4. ``lcity batch``'s summary.csv and summary.json never hold a file name's noncharacter (U+FFFE,
   U+FDD0) or control character raw, and summary.json gives back the exact name;
5. merged or cleared id cells are one error, with no second "C2 is not answered" at 指标!A1.

Every workbook here is FICTIONAL: the example Qingshi District converted and edited."""
from __future__ import annotations

import csv
import json
import shutil
import struct
import zipfile

import pytest

from .conftest import EXAMPLES, lcity, lcity_here, squash

EXAMPLE = EXAMPLES / "qingshi-district.yaml"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    out = tmp_path_factory.mktemp("g21") / "base.xlsx"
    assert lcity_here("convert", str(EXAMPLE), str(out), "--lang", "zh").returncode == 0
    return out


def _rezip(base, out, drop=(), add=()):
    """``base`` written again as ``out`` without the parts in ``drop`` and with ``add`` (name, bytes)."""
    with zipfile.ZipFile(base) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            if info.filename not in drop:
                zo.writestr(info, zi.read(info))
        for name, data in add:
            zo.writestr(name, data)
    return out


def _patch_central(path, part, offset, fmt, value):
    """Rewrites a field of ``part``'s central directory entry (what ``ZipFile.infolist`` reads)."""
    data = bytearray(path.read_bytes())
    name = part.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:
        n = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + n]) == name:
            struct.pack_into(fmt, data, at + offset, value)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


# --- 1. one check of the zip directory, for the reader and for batch's sheet names ------------------


def _hostile_zips(base, tmp_path):
    twice = tmp_path / "twice.xlsx"
    with zipfile.ZipFile(base) as zi, zipfile.ZipFile(twice, "w") as zo, \
            pytest.warns(UserWarning, match="Duplicate name"):
        for info in zi.infolist():
            zo.writestr(info, zi.read(info))
        zo.writestr("xl/worksheets/sheet2.xml", zi.read("xl/worksheets/sheet2.xml"))
    many = _rezip(base, tmp_path / "many.xlsx", add=[(f"x/{i}.xml", b"") for i in range(2_001)])
    encrypted = _patch_central(_rezip(base, tmp_path / "encrypted.xlsx"), "xl/workbook.xml", 8, "<H", 1)
    bomb = _patch_central(_rezip(base, tmp_path / "bomb.xlsx"), "xl/theme/theme1.xml", 24, "<I", 60_000_000)
    return {
        "twice": (twice, "not-a-workbook: is a damaged workbook: it holds two copies of xl/worksheets/sheet2.xml"),
        "many": (many, "workbook-too-large: holds 2,012 parts; a self-assessment workbook holds a few dozen"),
        "encrypted": (encrypted, "not-a-workbook: is an encrypted workbook (a password to open) or an old-format"),
        "bomb": (bomb, "workbook-too-large: unpacks to more than 50 MB"),
    }


@pytest.mark.parametrize("case", ["twice", "many", "encrypted", "bomb"])
def test_a_hostile_zip_directory_is_said_by_the_reader_and_is_no_summary_for_batch(base, tmp_path, case):
    from indicators.xlsx import sheet_names

    book, said = _hostile_zips(base, tmp_path)[case]
    run = lcity_here("validate", str(book), "--lang", "en")
    assert run.returncode == 2, run.stdout + run.stderr
    assert f"{book.name}:1:1: error {said}" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr
    assert sheet_names(book) is None  # batch never opens it to read its sheet names
    assert sheet_names(base) == ["基本情况", "指标", "lists"]


# --- 2. validate --rules says merged cells ------------------------------------------------------------


def test_rules_list_says_merged_cells_and_a_missing_sheet(tmp_path):
    en = lcity_here("validate", "--rules", "--lang", "en")
    assert en.returncode == 0
    assert ("cell-refused A workbook cell lcity does not read: a formula, an error value (#DIV/0!), an invisible "
            "control character, a number too large or text too long (type the value itself); merged cells over "
            "answers or indicator ids (an answer needs its own cell and a row its own id: unmerge them); a row "
            "with an answer but no indicator id.").replace(" ", "") in squash(en.stdout)
    assert squash("or a sheet its list of sheets names but the file lacks (save it again from Excel or WPS); "
                  "exit 2.") in squash(en.stdout)
    zh = lcity_here("validate", "--rules", "--lang", "zh")
    assert squash("cell-refused lcity 不读取的单元格：公式、错误值（#DIV/0!）、看不见的控制字符、过大的数字或过长的文本"
                  "（请直接填写数值本身）；合并了的答案单元格或指标编号单元格（每个答案须占一个单独的单元格，每行须有自己的"
                  "指标编号：请取消合并）；填有答案却没有指标编号的行。") in squash(zh.stdout)
    assert squash("或工作表清单中列出、文件中却缺少的工作表（请用 Excel 或 WPS 重新保存）；退出码 2。") in squash(zh.stdout)


# --- 3. a sheet whose part is missing from the zip ----------------------------------------------------


@pytest.mark.parametrize("part, sheet", [("xl/worksheets/sheet2.xml", "指标"), ("xl/worksheets/sheet1.xml", "基本情况")])
def test_a_sheet_missing_from_the_zip_is_a_damaged_workbook_not_a_renamed_sheet(base, tmp_path, part, sheet):
    book = _rezip(base, tmp_path / "lost.xlsx", drop={part})
    en = lcity_here("validate", str(book), "--lang", "en")
    assert en.returncode == 2
    assert (f"lost.xlsx:1:1: error not-a-workbook: is a damaged workbook: its list of sheets names '{sheet}', "
            "but that sheet itself is missing from the file (it was not renamed: its contents are not in this "
            "file) (save the workbook again from Excel or WPS where it was filled in, and use that copy; "
            f"repairing this file does not bring '{sheet}' back; if its answers are lost, fill in a new form "
            "made by lcity init --format xlsx)") in en.stdout
    assert "workbook-layout" not in en.stdout and "do not rename its sheets" not in en.stdout
    assert "Traceback" not in en.stdout + en.stderr
    zh = lcity_here("validate", str(book), "--lang", "zh")
    assert zh.returncode == 2
    assert (f"lost.xlsx:1:1: 错误 not-a-workbook: 工作簿已损坏：其工作表清单中有“{sheet}”，但文件中缺少这张工作表"
            "本身（不是改了名：它的内容不在这个文件中）（请在填报所用的电脑上用 Excel 或 WPS 重新保存该工作簿，改用"
            f"重新保存的文件；修复这个文件找不回“{sheet}”；如果填报内容已经丢失，请用 lcity init --format xlsx "
            "生成新表重新填写）") in zh.stdout
    for command in (("score", str(book)), ("convert", str(book), str(tmp_path / "out.yaml"))):
        run = lcity_here(*command, "--lang", "en")
        assert run.returncode == 2 and "its list of sheets names" in run.stdout + run.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_a_sheet_missing_from_the_zip_fails_its_unit_in_batch(base, tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    _rezip(base, folder / "lost.xlsx", drop={"xl/worksheets/sheet2.xml"})
    shutil.copy(EXAMPLE, folder / "q.yaml")
    run = lcity("batch", str(folder), "-o", str(tmp_path / "out"), "--lang", "en")
    assert run.returncode == 1, run.stderr
    said = squash(run.stdout + run.stderr)
    assert squash("FAILED") in said and squash("lost.xlsx:1:1: error not-a-workbook: is a damaged workbook: its list "
                                               "of sheets names '指标'") in said
    failures = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))["failures"]
    assert [f["file"] for f in failures] == ["lost.xlsx"] and "its list of sheets names" in failures[0]["error"]


def test_a_renamed_sheet_is_still_said_as_renamed(base, tmp_path):
    import openpyxl

    wb = openpyxl.load_workbook(base)
    wb["指标"].title = "Sheet2"
    wb.save(tmp_path / "renamed.xlsx")
    run = lcity_here("validate", str(tmp_path / "renamed.xlsx"), "--lang", "en")
    assert run.returncode == 2
    assert "error workbook-layout: has no sheet named '指标' or 'Indicators'" in run.stdout
    assert "do not rename its sheets" in run.stdout


def test_the_hidden_lists_sheet_missing_is_no_error(base, tmp_path):
    """lcity reads the profile and the indicators only; the drop-down lists are not its data."""
    book = _rezip(base, tmp_path / "nolists.xlsx", drop={"xl/worksheets/sheet3.xml"})
    run = lcity_here("validate", str(book), "--lang", "en")
    assert run.returncode == 0 and "nolists.xlsx: valid — 0 errors, 0 warnings" in run.stdout + run.stderr


# --- 4. file names with noncharacters and control characters in summary.csv and summary.json ---------

NAMES = {  # the name on disk -> as summary.csv shows it (the terminal's escapes)
    "q\ufffez.yaml": "q\\ufffez.yaml",
    "f\ufdd0.yaml": "f\\ufdd0.yaml",
    "e\x1b[31mred.yaml": "e\\x1b[31mred.yaml",
    "c\x85.yaml": "c\\x85.yaml",
    "plain.yaml": "plain.yaml",
}


def test_batch_summaries_keep_odd_file_names_escaped_and_recoverable(tmp_path):
    folder, out = tmp_path / "units", tmp_path / "out"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(EXAMPLE, folder / name)
    run = lcity("batch", str(folder), "-o", str(out), "--lang", "en")
    assert run.returncode == 0, run.stderr
    shown = run.stdout + run.stderr
    for name, escaped in NAMES.items():
        assert f"({escaped})" in shown
    raw_chars = ("\ufffe", "\ufdd0", "\x1b", "\x85")

    text = (out / "summary.csv").read_text(encoding="utf-8-sig")
    assert not any(ch in text for ch in raw_chars)
    rows = list(csv.DictReader(text.splitlines()))
    assert sorted(r["file"] for r in rows) == sorted(NAMES.values())  # as the terminal shows them

    raw = (out / "summary.json").read_text(encoding="utf-8")
    assert not any(ch in raw for ch in raw_chars)  # escaped in the JSON sense: safe to print
    assert '"file": "q\\ufffez.yaml"' in raw and '"file": "e\\u001b[31mred.yaml"' in raw
    units = json.loads(raw)["units"]
    assert sorted(u["file"] for u in units) == sorted(NAMES)  # the exact names, back from JSON
    for u in units:  # what the field is for: a coordinator opens the file by it
        assert (folder / u["file"]).read_bytes() == EXAMPLE.read_bytes()
        assert "file_bytes" not in u


def test_batch_summaries_escape_a_noncharacter_in_a_failed_file_name(tmp_path):
    folder, out = tmp_path / "units", tmp_path / "out"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "q.yaml")
    (folder / "b\ufffe.yaml").write_text("city: [\n", encoding="utf-8")
    run = lcity("batch", str(folder), "-o", str(out), "--lang", "en")
    assert run.returncode == 1
    text = (out / "summary.csv").read_text(encoding="utf-8-sig")
    assert "\ufffe" not in text
    failed = next(r for r in csv.DictReader(text.splitlines()) if r["status"] != "ok")
    assert failed["file"] == "b\\ufffe.yaml" and "b\\ufffe.yaml:2:1: error syntax" in failed["error"]
    doc = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [f["file"] for f in doc["failures"]] == ["b\ufffe.yaml"]
    from pypdf import PdfReader  # the ranking report shows the names as the terminal does, too

    pdf = squash("".join(page.extract_text() for page in PdfReader(out / "ranking.pdf").pages))
    assert "\ufffe" not in pdf and "\ufffd" not in pdf
    assert squash("b\\ufffe.yaml") in pdf and squash("b\\ufffe.yaml:2:1: error syntax") in pdf


# --- 5. merged or cleared id cells: one error, no "not answered" beside it ---------------------------


def _row(ws, ident: str) -> int:
    return next(c.row for c in ws["A"] if c.value == ident)


def _edited(base, tmp_path, edit, name="ids.xlsx"):
    import openpyxl

    wb = openpyxl.load_workbook(base)
    edit(wb)
    wb.save(tmp_path / name)
    return tmp_path / name


def test_merged_id_cells_are_one_error_without_a_missing_answer_warning(base, tmp_path):
    def edit(wb):
        ws = wb["指标"]
        r = _row(ws, "C1")
        ws.merge_cells(start_row=r, start_column=1, end_row=r + 1, end_column=1)

    book = _edited(base, tmp_path, edit)
    en = lcity_here("validate", str(book), "--lang", "en")
    assert en.returncode == 1
    assert "ids.xlsx:指标!A7: error cell-refused: cells A7:A8 are merged, so row 8 has no indicator id" in en.stdout
    assert "missing-answer" not in en.stdout and "is not answered" not in en.stdout
    assert "ids.xlsx: invalid — 1 error, 0 warnings" in en.stdout + en.stderr
    zh = lcity_here("validate", str(book), "--lang", "zh")
    assert "单元格 A7:A8 被合并了，第 8 行因此没有自己的指标编号" in zh.stdout
    assert "missing-answer" not in zh.stdout and "ids.xlsx：无效——1 个错误，0 个警告" in zh.stdout + zh.stderr


def test_a_cleared_id_cell_is_one_error_and_an_indicator_truly_left_out_still_warns(base, tmp_path):
    def edit(wb):
        ws = wb["指标"]
        ws.cell(_row(ws, "C2"), 1).value = None  # its answer stays: refused at A8
        e1 = _row(ws, "E1")
        for col in (1, 9, 10, 11, 12, 13, 14):  # E1's id and answer cleared: E1 is left out
            ws.cell(e1, col).value = None

    book = _edited(base, tmp_path, edit)
    en = lcity_here("validate", str(book), "--lang", "en")
    assert en.returncode == 1
    assert "ids.xlsx:指标!A8: error cell-refused: row 8 holds an answer in I8, K8 but no indicator id in A8" in en.stdout
    assert "C2 (Learning points in communities and villages) is not answered" not in en.stdout
    assert "warning missing-answer: E1 (" in en.stdout  # no error says E1's row: its warning stays
    assert "ids.xlsx: invalid — 1 error, 1 warning" in en.stdout + en.stderr
