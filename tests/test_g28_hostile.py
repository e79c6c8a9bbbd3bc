"""G28-H: a fresh hostile round (tests/audit_cities/g28h/AUDIT.md).

Each test runs the CLI as a user would and asserts what the user sees: the exit code and the
message (file, sheet!cell or line:col, rule id, what is wrong, how to fix it) in Chinese and English.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import lcity_here

ROOT = Path(__file__).resolve().parent.parent
QINGSHI = ROOT / "examples" / "qingshi-district.yaml"


def _line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


# --- carried (G27-H Status): an alias answer was said at the anchor's line ------------------------


@pytest.mark.parametrize("tab", [False, True], ids=["libyaml", "reference"])  # a Tab comment takes the other reader
@pytest.mark.parametrize("anchor,alias", [
    (("  A1:\n    value: plan_with_targets", "  A1: &a1\n    value: plan_with_targets"),
     ("  B2:\n    value: true\n    evidence: [区人大常委会2024年专题调研报告]", "  B2: *a1")),
    (("  A1:\n    value: plan_with_targets", "  A1:\n    value: &v plan_with_targets"),
     ("  B2:\n    value: true", "  B2:\n    value: *v")),
], ids=["answer", "value"])
def test_a_problem_of_an_alias_is_said_at_the_alias_not_at_the_anchor(tmp_path, anchor, alias, tab):
    text = QINGSHI.read_text(encoding="utf-8").replace(*anchor, 1).replace(*alias, 1)
    if tab:
        text = text.replace("framework:", "#\tTab\nframework:", 1)
    f = tmp_path / "alias.yaml"
    f.write_text(text, encoding="utf-8")
    star = text.index(alias[1]) + alias[1].index("*")
    line, col = text[:star].count("\n") + 1, star - text.rindex("\n", 0, star)
    proc = lcity_here("validate", str(f), "--lang", "en")
    assert proc.returncode == 1
    assert f"alias.yaml:{line}:{col}: error wrong-type: B2 expects true or false, got 'plan_with_targets'" \
        in proc.stdout, proc.stdout
    assert f":{_line_of(text, 'plan_with_targets')}:" not in proc.stdout


# --- G28H-2: a PDF, a picture, an archive or a Word document given as the form ------------------


def _zip(path: Path, parts: dict[str, str]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return path


@pytest.mark.parametrize("name,head,en,zh", [
    ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "is a PDF document, not a YAML text file",
     "是 PDF 文档，不是 YAML 文本文件"),
    ("scan.yaml", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "is a picture (PNG), not a YAML text file",
     "是图片（PNG），不是 YAML 文本文件"),
    ("photo.yaml", b"\xff\xd8\xff\xe0\0\x10JFIF", "is a picture (JPEG)", "是图片（JPEG）"),
    ("forms.yaml.gz", b"\x1f\x8b\x08\0\0\0\0\0", "is a compressed archive (gzip)", "是压缩包（gzip）"),
])
def test_a_pdf_picture_or_archive_is_named_as_what_it_is_not_as_an_encoding(tmp_path, name, head, en, zh):
    f = tmp_path / name
    f.write_bytes(head + bytes(range(256)) * 4)
    for lang, said in (("en", f"{name}:1:1: error unreadable: {en}"), ("zh", f"{name}:1:1: 错误 unreadable: {zh}")):
        proc = lcity_here("validate", str(f), "--lang", lang)
        assert proc.returncode == 2 and said in proc.stdout, proc.stdout
        assert "UTF-8" not in proc.stdout and "GBK" not in proc.stdout
    if name == "report.pdf":
        assert "lcity verify" in proc.stdout
    proc = lcity_here("score", str(QINGSHI), "--review", str(f), "--lang", "en")
    assert proc.returncode == 2 and f"{name}:1:1: error unreadable: {en}" in proc.stderr, proc.stderr


@pytest.mark.parametrize("name,parts,en,zh", [
    ("answers.docx", {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"},
     "is a Word document, not a workbook lcity wrote", "是 Word 文档，不是 lcity 生成的工作簿"),
    ("form.ods", {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"},
     "is an OpenDocument spreadsheet (.ods), which lcity cannot read", "是 OpenDocument 电子表格（.ods），lcity 无法读取"),
    ("forms.xlsx", {"qingshi.yaml": "framework: x\n"}, "is a compressed archive (zip)", "是压缩包（zip）"),
])
def test_a_zip_without_a_workbook_is_named_not_said_damaged(tmp_path, name, parts, en, zh):
    f = _zip(tmp_path / name, parts)
    for lang, said in (("en", f"{name}:1:1: error not-a-workbook: {en}"),
                       ("zh", f"{name}:1:1: 错误 not-a-workbook: {zh}")):
        proc = lcity_here("validate", str(f), "--lang", lang)
        assert proc.returncode == 2 and said in proc.stdout, proc.stdout
        assert "damaged" not in proc.stdout and "损坏" not in proc.stdout


def test_a_pdf_named_as_a_workbook_is_a_pdf(tmp_path):
    f = tmp_path / "form.xlsx"
    f.write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    proc = lcity_here("validate", str(f), "--lang", "en")
    assert proc.returncode == 2
    assert "form.xlsx:1:1: error not-a-workbook: is a PDF document" in proc.stdout, proc.stdout


# --- G26-H4 (carried): rows or an answer column hidden in the workbook -------------------------------


def _workbook(tmp_path: Path, edit, name: str = "hidden.xlsx") -> Path:
    import openpyxl

    book = tmp_path / "qingshi.xlsx"
    if not book.exists():
        assert lcity_here("convert", str(QINGSHI), "-o", str(book)).returncode == 0
    wb = openpyxl.load_workbook(book)
    edit(wb)
    wb.save(tmp_path / name)
    return tmp_path / name


def _hide_rows(*rows, sheet="指标"):
    def edit(wb):
        for r in rows:
            wb[sheet].row_dimensions[r].hidden = True
    return edit


def test_a_hidden_answer_row_is_a_warning_at_its_cell_naming_the_indicator(tmp_path):
    book = _workbook(tmp_path, _hide_rows(7, 8, 20))
    proc = lcity_here("validate", str(book), "--lang", "en")
    assert proc.returncode == 0, proc.stdout
    assert ("hidden.xlsx:指标!I7: warning sheet-hidden: 3 rows of '指标' holding answers are hidden (C1, C2, F2): "
            "lcity reads and scores them, but Excel and WPS do not show them (show the hidden rows and check the "
            "answers in them: clear any filter (Data → Clear), or select the rows around them, right-click and "
            "choose Unhide)") in proc.stdout, proc.stdout
    zh = lcity_here("validate", str(book), "--lang", "zh").stdout
    assert "hidden.xlsx:指标!I7: 警告 sheet-hidden: 工作表“指标”中有 3 行填报内容被隐藏（C1、C2、F2）" in zh, zh


def test_many_hidden_rows_are_one_warning_and_a_hidden_profile_row_or_column_is_named(tmp_path):
    def edit(wb):
        _hide_rows(*range(3, 12))(wb)
        _hide_rows(20, sheet="基本情况")(wb)
        wb["指标"].column_dimensions["K"].hidden = True
    book = _workbook(tmp_path, edit)
    out = lcity_here("validate", str(book), "--lang", "en").stdout
    warnings = [line for line in out.splitlines() if "sheet-hidden" in line]
    assert len(warnings) == 3, out
    assert "hidden.xlsx:指标!I3: warning sheet-hidden: 9 rows of '指标' holding answers are hidden " \
           "(A2, A3, B1, B2, C1 and 4 more)" in out
    assert "hidden.xlsx:基本情况!C20: warning sheet-hidden: row 20 of '基本情况' (period.start) holds an answer " \
           "and is hidden" in out
    assert "hidden.xlsx:指标!K2: warning sheet-hidden: column K ('佐证材料（evidence，每行一份）') of '指标' is " \
           "hidden and holds answers in" in out
    zh = lcity_here("validate", str(book), "--lang", "zh").stdout
    assert "（A2、A3、B1、B2、C1等，另有 4 行）" in zh and "已隐藏，其中" in zh, zh


def test_the_form_lcity_writes_and_an_empty_hidden_row_say_nothing(tmp_path):
    def edit(wb):
        ws = wb["指标"]
        ws.cell(7, 1).value = None  # a row with no answer left: nothing unseen is scored
        for c in range(9, 15):
            ws.cell(7, c).value = None
        ws.row_dimensions[7].hidden = True
    book = _workbook(tmp_path, edit)
    out = lcity_here("validate", str(book), "--lang", "en").stdout
    assert "sheet-hidden" not in out, out
    plain = tmp_path / "qingshi.xlsx"
    assert "sheet-hidden" not in lcity_here("validate", str(plain), "--lang", "en").stdout


# --- G28H-6: a damaged zip directory or deflate stream ended lcity with an internal error -------------


def _damaged(tmp_path: Path, how: str) -> Path:
    import zipfile

    book = tmp_path / "qingshi.xlsx"
    assert lcity_here("convert", str(QINGSHI), "-o", str(book)).returncode == 0
    data = bytearray(book.read_bytes())
    if how == "zip-version":  # the first directory entry asks for zip version 6.4
        data[data.find(b"PK\x01\x02") + 6] = 64
    else:  # ten bytes of workbook.xml's deflate stream flipped
        info = zipfile.ZipFile(book).getinfo("xl/workbook.xml")
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
        for k in range(10):
            data[start + 5 + k] ^= 0xFF
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(data))
    return damaged


@pytest.mark.parametrize("how", ["zip-version", "deflate"])
def test_a_damaged_zip_is_a_damaged_workbook_not_an_internal_error(tmp_path, how):
    damaged = _damaged(tmp_path, how)
    for args in ((), ("--lang", "zh")):  # without --lang the workbook's language was guessed first: exit 3
        proc = lcity_here("validate", str(damaged), *args)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert "internal" not in proc.stdout + proc.stderr
    assert "damaged.xlsx:1:1: 错误 not-a-workbook: 工作簿已损坏" in proc.stdout, proc.stdout
    proc = lcity_here("validate", str(damaged))
    assert "damaged.xlsx:1:1: error not-a-workbook: is a damaged workbook" in proc.stdout, proc.stdout


# --- G28H-5: a framework file whose id and version are already installed was ignored unsaid -----------


def test_a_framework_file_that_another_one_shadows_is_named_by_lcity_frameworks(tmp_path, monkeypatch):
    lanshan = ROOT / "examples" / "frameworks" / "lanshan-community-learning" / "framework.yaml"
    for folder, ident in (("copy", "china-learning-city"), ("mine", "lanshan-community-learning"),
                          ("again", "lanshan-community-learning")):
        (tmp_path / "path" / folder).mkdir(parents=True)
        text = lanshan.read_text(encoding="utf-8").replace("id: lanshan-community-learning", f"id: {ident}", 1)
        (tmp_path / "path" / folder / "framework.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "path"))
    proc = lcity_here("frameworks", "--lang", "en", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "note path/copy/framework.yaml: china-learning-city@1 is already installed from " in proc.stderr
    assert "indicators/china-learning-city/framework.yaml; this file is not used (if it is another framework " \
           "or a new version, change its id or version)" in proc.stderr, proc.stderr
    assert "note path/mine/framework.yaml: lanshan-community-learning@1 is already installed from " \
           "path/again/framework.yaml" in proc.stderr, proc.stderr
    zh = lcity_here("frameworks", "--lang", "zh", cwd=tmp_path).stderr
    assert "注意 path/copy/framework.yaml：china-learning-city@1 已由 " in zh and "本文件未被使用" in zh, zh
    monkeypatch.delenv("LCITY_FRAMEWORK_PATH")
    assert "note" not in lcity_here("frameworks", "--lang", "en", cwd=tmp_path).stderr


# --- G27-T5 rest (carried): an evidence item YAML read as a number, a yes/no or nothing ----------------


def test_an_evidence_item_read_as_a_number_or_nothing_is_a_warning_at_the_item(tmp_path):
    text = QINGSHI.read_text(encoding="utf-8").replace(
        "evidence: [区人大常委会2024年专题调研报告]", "evidence: [2024, true, \"2025\", 区人大常委会2024年专题调研报告]", 1)
    text = text.replace("    evidence: [《中原省终身教育促进条例》]", "    evidence:\n      -\n      - 《中原省终身教育促进条例》", 1)
    f = tmp_path / "ev.yaml"
    f.write_text(text, encoding="utf-8")
    line = _line_of(text, "evidence: [2024")
    col = text.splitlines()[line - 1].index("2024") + 1
    empty = _line_of(text, "      -\n")
    proc = lcity_here("validate", str(f), "--lang", "en")
    assert proc.returncode == 0, proc.stdout
    assert (f"ev.yaml:{line}:{col}: warning evidence-not-text: B2: evidence item 1, 2024, is read as a number or a "
            "yes/no, not as a document's title (write the title of the document (in quotes if it is a number, as in "
            "\"2024\"), or delete the item)") in proc.stdout, proc.stdout
    assert "B2: evidence item 2, true, is read as a number or a yes/no" in proc.stdout
    assert "item 3" not in proc.stdout  # "2025" in quotes is a title
    assert f"ev.yaml:{empty}:8: warning evidence-not-text: B1: evidence item 1 is empty" in proc.stdout
    zh = lcity_here("validate", str(f), "--lang", "zh").stdout
    assert "警告 evidence-not-text: B2：第1项佐证材料 2024 被读作数字或是/否，而不是文件名称（请写明文件名称" in zh, zh
    assert "evidence-not-text      一项佐证材料被 YAML 读作数字" in lcity_here("--lang", "zh", "validate", "--rules").stdout


def test_a_workbook_with_hidden_answer_rows_still_converts(tmp_path):
    book = _workbook(tmp_path, _hide_rows(7))
    proc = lcity_here("convert", str(book), str(tmp_path / "back.yaml"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "value: 12" in (tmp_path / "back.yaml").read_text(encoding="utf-8")
