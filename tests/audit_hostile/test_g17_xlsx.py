"""Red-team round G17 (audit-g17.md beside this file): workbooks edited the way a careless official
or a hostile sender would. Each test states what the user should see."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_g6_defects import QINGSHI, lcity, no_crash


@pytest.fixture(scope="module")
def base_xlsx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("g17xlsx") / "base.xlsx"
    proc = lcity("convert", str(QINGSHI), str(out))
    assert proc.returncode == 0, proc.stderr
    return out


def edited(base: Path, out: Path, edit) -> Path:
    import openpyxl

    wb = openpyxl.load_workbook(base)
    edit(wb["指标"])
    wb.save(out)
    return out


def row_of(ws, ind: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == ind)


# --- G17-5 ------------------------------------------------------------------------------------

def test_a_number_in_an_id_cell_is_an_error_at_its_cell(base_xlsx, tmp_path):
    """C1's id overwritten with 3, its value 12 left: the row was skipped and the file 'valid'
    (a warning at 指标!A1), scored 4 points lower; now the row is an unknown indicator at its cell."""
    def edit(ws):
        ws.cell(row_of(ws, "C1"), 1).value = 3

    proc = lcity("validate", str(edited(base_xlsx, tmp_path / "id.xlsx", edit)), "--lang", "en")
    no_crash(proc)
    said = proc.stdout + proc.stderr
    assert proc.returncode == 1, said
    assert "指标!I7: error unknown-indicator: '3' is not an indicator" in said, said


# --- G17-6 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("row", [10_002, 20_000])
def test_a_row_far_below_the_limit_is_refused(base_xlsx, tmp_path, row):
    """A second C1 row far down the sheet, which Excel shows, was never read (the limit looked at
    row 10,001 only) and the file was valid; now it is the too-large error at that row."""
    def edit(ws):
        ws.cell(row, 1).value = "C1"
        ws.cell(row, 9).value = 999999

    proc = lcity("validate", str(edited(base_xlsx, tmp_path / "far.xlsx", edit)), "--lang", "en")
    no_crash(proc)
    said = proc.stdout + proc.stderr
    assert proc.returncode == 2, said
    assert f"指标!A{row}: error workbook-too-large" in said, said


# --- G17-7 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, name, says", [
    ("xlsx", "x.xlsm", "-o writes an Excel/WPS workbook (.xlsx), but a name ending in '.xlsm'"),
    ("xlsx", "x.pdf", "give a name ending in .xlsx, such as x.xlsx"),
    ("xlsx", "x.yaml", "a name ending in '.yaml' promises another kind of file"),
    ("pdf", "x.xlsx", "-o writes a printable PDF questionnaire, but a name ending in '.xlsx'"),
])
def test_init_refuses_a_name_of_another_kind(tmp_path, fmt, name, says):
    proc = lcity("init", "--format", fmt, "-o", name, "--lang", "en", cwd=tmp_path)
    no_crash(proc)
    said = " ".join((proc.stdout + proc.stderr).split())
    assert proc.returncode == 2 and says in said, said
    assert not (tmp_path / name).exists()


def test_init_still_writes_a_workbook_under_its_own_name(tmp_path):
    proc = lcity("init", "--format", "xlsx", "-o", "x.xlsx", "--lang", "en", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "x.xlsx").read_bytes()[:2] == b"PK"


# --- G17-9 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("make, says", [
    (lambda base: base[: len(base) // 2], "is not a whole .xlsx workbook: it starts as one but its end is missing"),
    (lambda base: base[:-10], "an incomplete download, copy or e-mail attachment?"),
    (lambda base: QINGSHI.read_bytes(), "is a text file, not an .xlsx workbook (if it is a YAML self-assessment, "
                                        "give it a name ending in .yaml (form.yaml)"),
])
def test_a_cut_or_renamed_workbook_is_said_as_what_it_is(base_xlsx, tmp_path, make, says):
    """A download cut short and a YAML form renamed .xlsx were both 'not a zip file: perhaps an old
    .xls, a WPS .et file or a workbook with a password to open', which sent the user to Save As."""
    bad = tmp_path / "form.xlsx"
    bad.write_bytes(make(base_xlsx.read_bytes()))
    proc = lcity("validate", str(bad), "--lang", "en")
    no_crash(proc)
    said = " ".join((proc.stdout + proc.stderr).split())
    assert proc.returncode == 2 and says in said, said
    assert "old .xls" not in said


def test_a_workbook_of_thousands_of_parts_is_not_said_to_be_large(base_xlsx, tmp_path):
    import zipfile

    many = tmp_path / "many.xlsx"
    with zipfile.ZipFile(base_xlsx) as src, zipfile.ZipFile(many, "w") as out:
        for name in src.namelist():
            out.writestr(name, src.read(name))
        for i in range(2_500):
            out.writestr(f"x/{i}", b"")
    proc = lcity("validate", str(many), "--lang", "zh")
    no_crash(proc)
    said = proc.stdout + proc.stderr
    assert proc.returncode == 2 and "个部件；自评工作簿只有几十个" in said, said
    assert "50 MB" not in said


@pytest.mark.parametrize("lang, says", [("en", "give the path of the .xlsx workbook file itself"),
                                        ("zh", "请给出 .xlsx 工作簿文件本身的路径")])
def test_a_folder_named_as_a_workbook_is_not_sent_to_a_yaml_file(tmp_path, lang, says):
    (tmp_path / "form.xlsx").mkdir()
    proc = lcity("validate", str(tmp_path / "form.xlsx"), "--lang", lang)
    no_crash(proc)
    said = proc.stdout + proc.stderr
    assert proc.returncode == 2 and says in said and ".yaml" not in said, said
