"""Hostile and damaged inputs on the newer paths: workbooks, report PDFs, rewriting a file in place,
standard input. Each is run as a user would run it (a subprocess), and must end in a message that
names the file and the place (``F.xlsx:指标!I3``), exit 1 or 2, no traceback, and an input file
that is byte for byte what it was. Every hostile file is made here, in ``tmp_path``.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import resource
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.problems import InputError

from .conftest import EXAMPLES, ROOT, lcity

SOURCE = EXAMPLES / "v2" / "qingshi-district-2025.yaml"
VALUE = "I"  # the answer column of the Indicators sheet (indicators.xlsx.COL["value"])
NOTE = "L"


@pytest.fixture(scope="module")
def book() -> bytes:
    """The worked example as a workbook, made as lcity convert makes it."""
    from lcity.convert import convert

    data, _ = convert(SOURCE.read_bytes(), SOURCE.name, "xlsx", lang="zh")
    return data


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def rezip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def indicators_part(parts: dict[str, bytes]) -> str:
    """The zip member of the Indicators sheet (指标), found through the workbook's relations."""
    workbook = parts["xl/workbook.xml"].decode()
    rid = re.search(r'<sheet[^>]*name="指标"[^>]*r:id="([^"]+)"', workbook).group(1)
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    target = re.search(rf'<Relationship[^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or \
        re.search(rf'<Relationship[^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    return "xl/" + target.group(1).lstrip("/").removeprefix("xl/")


def with_cell(data: bytes, ref: str, xml: str) -> bytes:
    """The workbook with the cell ``ref`` of the Indicators sheet replaced by raw XML, as another
    tool (or an attacker) could write it."""
    parts = members(data)
    name = indicators_part(parts)
    sheet = parts[name].decode()
    cell = re.compile(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)')
    assert cell.search(sheet), ref
    parts[name] = cell.sub(xml.replace("@", ref), sheet, count=1).encode()
    return rezip(parts)


def with_workbook_xml(data: bytes, edit) -> bytes:
    parts = members(data)
    parts["xl/workbook.xml"] = edit(parts["xl/workbook.xml"])
    return rezip(parts)


def understated(data: bytes, member: str, size: int) -> bytes:
    """The zip with ``member``'s unpacked size given as ``size`` in its directory and local header:
    a bomb that lies about what it unpacks to."""
    import struct

    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", out, at + 28)[0]
        if bytes(out[at + 46:at + 46 + length]) == member.encode():
            struct.pack_into("<I", out, at + 24, size)
            struct.pack_into("<I", out, struct.unpack_from("<I", out, at + 42)[0] + 22, size)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def edited(data: bytes, edit) -> bytes:
    """The workbook changed through openpyxl, as a user changes it in Excel."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    edit(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def row_of(ws, column: int, value: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, column).value == value)


def _merge_answers(wb) -> None:
    wb["指标"].merge_cells(f"{VALUE}3:{VALUE}5")


def _date_as_number(wb) -> None:
    ws = wb["基本情况"]
    ws.cell(row_of(ws, 2, "date"), 3).value = 46000  # a date typed where the cell is formatted General


def _bidi_in_a_count(wb) -> None:
    ws = wb["指标"]
    ws.cell(row_of(ws, 15, "count"), 9).value = "1\u202e2"


def hostile_workbooks(book: bytes) -> dict[str, tuple[bytes, int, str, str]]:
    """name → (bytes, exit code, where the message points, a word of the message)."""
    parts = members(book)
    sheet = indicators_part(parts)
    bomb = dict(parts)
    bomb[sheet] = parts[sheet] + b" " * 60_000_000  # 60 MB of spaces: a few tens of kB zipped
    many_rows = dict(parts)
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(60, 10_100))
    many_rows[sheet] = parts[sheet].replace(b"</sheetData>", rows + b"</sheetData>")
    far = dict(parts)  # one cell at the last row Excel has: the sheet "claims" a million rows
    far[sheet] = parts[sheet].replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    lol = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
           b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    return {
        "bomb": (rezip(bomb), 2, "1:1", "50 MB"),
        "lying-bomb": (understated(rezip(bomb), sheet, 1000), 2, "1:1", "cannot be read"),
        "rows": (rezip(many_rows), 2, "指标!A10001", "10,000 rows"),
        "entities": (with_workbook_xml(book, lambda x: lol + x.replace(b'name="', b'name="&c;', 1)), 2, "1:1", "entity"),
        "external-entity": (with_workbook_xml(book, lambda x: b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM '
                                              b'"file:///etc/passwd">]>' + x.replace(b'name="', b'name="&e;', 1)),
                            2, "1:1", "entity"),
        "formula-cached": (with_cell(book, f"{VALUE}3", '<c r="@"><f>1+1</f><v>2</v></c>'), 1, f"指标!{VALUE}3", "formula"),
        "formula-div0": (with_cell(book, f"{VALUE}3", '<c r="@" t="e"><f>1/0</f><v>#DIV/0!</v></c>'), 1,
                         f"指标!{VALUE}3", "formula (=1/0)"),
        "hyperlink": (with_cell(book, f"{VALUE}3", '<c r="@" t="str"><f>HYPERLINK("http://x.invalid","x")</f><v>x</v></c>'),
                      1, f"指标!{VALUE}3", "formula"),
        "dde": (with_cell(book, f"{NOTE}2", "<c r=\"@\"><f>cmd|' /C calc'!A0</f></c>"), 1, f"指标!{NOTE}2", "formula"),
        "error-value": (with_cell(book, f"{VALUE}3", '<c r="@" t="e"><v>#N/A</v></c>'), 1, f"指标!{VALUE}3", "#N/A"),
        "control-char": (with_cell(book, f"{NOTE}3", '<c r="@" t="inlineStr"><is><t>a_x001B_]0;PWNED_x0007_</t></is></c>'),
                         1, f"指标!{NOTE}3", "U+001B"),
        "control-in-id": (with_cell(book, "A4", '<c r="@" t="inlineStr"><is><t>A3\x7f</t></is></c>'), 1, "指标!A4",
                          "U+007F"),
        "broken-xml": (with_cell(book, f"{VALUE}3", '<c r="@"><v>1</v>'), 2, "指标!A1", "cannot be read"),
        "renamed-pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 2, "1:1", "is a PDF document"),  # was "not a zip" (G28H-2)
        "empty": (b"", 2, "1:1", "not a zip"),
        "truncated": (book[: len(book) // 2], 2, "1:1", "its end is missing"),  # reworded by G17-9: a cut download, not "not a zip"
        "encrypted": (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 4096, 2, "1:1", "encrypted"),
        "merged": (edited(book, _merge_answers), 1, f"指标!{VALUE}3", f"cells {VALUE}3:{VALUE}5 are merged"),  # was "no value yet" at I4 (G20-C7)
        "date-as-number": (edited(book, _date_as_number), 1, "基本情况!C", "not a date"),
        "bidi": (edited(book, _bidi_in_a_count), 1, f"指标!{VALUE}", "\\u202e"),
        "far-cell": (rezip(far), 0, "", ""),  # read in a fraction of a second: only the form's rows are read
    }


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory, book):
    folder = tmp_path_factory.mktemp("hostile")
    cases = hostile_workbooks(book)
    for name, (data, *_rest) in cases.items():
        (folder / f"{name}.xlsx").write_bytes(data)
    return folder, cases


def test_each_hostile_workbook_gets_a_message_at_its_sheet_and_cell(hostile_folder):
    folder, cases = hostile_folder
    before = {p.name: digest(p) for p in folder.iterdir()}
    run = lcity("validate", "--lang", "en", *sorted(f"{name}.xlsx" for name in cases), cwd=folder, timeout=300)
    shown = run.stdout + run.stderr
    assert "Traceback" not in shown and run.returncode == 2, shown
    for name, (_data, code, where, word) in cases.items():
        verdict = {0: "valid", 1: "invalid", 2: "unreadable"}[code]
        assert f"{name}.xlsx: {verdict}" in shown, (name, shown)
        if word:
            lines = [line for line in shown.splitlines() if line.startswith(f"{name}.xlsx:{where}")]
            assert any(word in line for line in lines), (name, where, word, shown)
    assert "\x1b" not in shown and "\x07" not in shown  # the refused cell is named, its text not echoed
    assert {p.name: digest(p) for p in folder.iterdir()} == before


def test_hostile_workbooks_in_a_batch_folder_fail_one_by_one(hostile_folder, tmp_path):
    folder, _cases = hostile_folder
    (folder / "outside.xlsx").symlink_to(Path("/etc/passwd"))
    try:
        run = lcity("batch", str(folder), "-o", str(tmp_path / "out"), "--lang", "en", timeout=300)
    finally:
        (folder / "outside.xlsx").unlink()
    shown = run.stdout + run.stderr
    assert "Traceback" not in shown and run.returncode in (0, 1), shown
    assert "outside.xlsx: skipped" in shown and "root:" not in shown
    assert f"formula-div0.xlsx:指标!{VALUE}3: error cell-refused" in shown
    assert "bomb.xlsx:1:1: error workbook-too-large" in shown


def test_score_and_convert_refuse_a_formula_at_its_cell_and_write_nothing(hostile_folder, tmp_path):
    folder, _ = hostile_folder
    src = folder / "formula-div0.xlsx"
    before = digest(src)
    scored = lcity("score", str(src), "--lang", "zh")
    assert scored.returncode == 1 and f"formula-div0.xlsx:指标!{VALUE}3" in scored.stderr + scored.stdout
    assert "公式" in scored.stderr + scored.stdout and "Traceback" not in scored.stderr
    out = tmp_path / "x.yaml"
    converted = lcity("convert", str(src), str(out), "--lang", "en")
    assert converted.returncode == 1 and "formula (=1/0)" in converted.stderr and not out.exists()
    assert digest(src) == before


def test_a_number_stored_as_text_is_the_number_it_shows(book, tmp_path):
    from evaluator.reading import read_workbook

    assert read_workbook(book, "q.xlsx").ok
    loaded = read_workbook(with_cell(book, f"{VALUE}7", '<c r="@" t="inlineStr"><is><t> 12 </t></is></c>'), "q.xlsx")
    answer = next(a for a in loaded.assessment.answers.values() if a.value == 12)
    assert answer is not None and not loaded.errors


def as_another_tool(data: bytes) -> bytes:
    """The workbook as WPS or Excel save it: text in a shared-strings part (some of it as rich-text
    runs) instead of in the cells, and a rich run for the first string."""
    parts = members(data)
    strings: list[str] = []

    def shared(match: re.Match) -> str:
        ref, style, text = match.groups()
        strings.append(text)
        return f'<c r="{ref}"{style} t="s"><v>{len(strings) - 1}</v></c>'

    inline = re.compile(r'<c r="([A-Z]+[0-9]+)"((?:\s+s="[0-9]+")?)\s*t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>', re.DOTALL)
    for name in [n for n in parts if n.startswith("xl/worksheets/")]:
        parts[name] = inline.sub(shared, parts[name].decode()).encode()
    items = [f"<si><t xml:space=\"preserve\">{s}</t></si>" for s in strings]
    if items:  # a rich-text run, as WPS writes a cell with two fonts
        items[0] = f"<si><r><rPr><b/></rPr><t>{strings[0][:1]}</t></r><r><t>{strings[0][1:]}</t></r></si>"
    parts["xl/sharedStrings.xml"] = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                                     f'count="{len(items)}" uniqueCount="{len(items)}">{"".join(items)}</sst>').encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sharedStrings+xml"/></Types>'))
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"</Relationships>", (
        b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        b'Target="sharedStrings.xml" Id="rId99"/></Relationships>'))
    return rezip(parts)


def test_a_workbook_saved_by_another_tool_reads_the_same(book):
    from evaluator.reading import read_workbook

    other = as_another_tool(book)
    assert b"inlineStr" not in other and b"sharedStrings" in other
    mine, theirs = read_workbook(book, "q.xlsx"), read_workbook(other, "q.xlsx")
    assert theirs.ok and theirs.assessment == mine.assessment


def test_a_workbook_with_macros_is_read_and_its_macros_never_are(book, tmp_path):
    parts = members(book)
    parts["xl/vbaProject.bin"] = bytes.fromhex("D0CF11E0A1B11AE1") + b"Sub AutoOpen()"
    path = tmp_path / "q.xlsm"
    path.write_bytes(rezip(parts))
    run = lcity("validate", str(path), "--lang", "en")
    assert run.returncode == 0 and f"{path}: valid" in run.stderr + run.stdout


def test_parts_openpyxl_drops_print_no_python_warning(book, tmp_path):
    """Excel writes a list validation that points at another sheet as an x14 extension; openpyxl
    warns that it drops it. lcity reads none of it, and says nothing about it."""
    parts = members(book)
    sheet = indicators_part(parts)
    parts[sheet] = parts[sheet].replace(b"</worksheet>", (
        b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"><x14:dataValidations xmlns:x14="http://'
        b'schemas.microsoft.com/office/spreadsheetml/2009/9/main" count="0"/></ext></extLst></worksheet>'))
    path = tmp_path / "q.xlsx"
    path.write_bytes(rezip(parts))
    run = lcity("validate", str(path), "--lang", "en")
    assert run.returncode == 0 and "Warning" not in run.stderr and "site-packages" not in run.stderr, run.stderr


def test_a_yaml_file_named_xlsx_is_refused_as_not_a_workbook(tmp_path):
    path = tmp_path / "form.xlsx"
    path.write_bytes(SOURCE.read_bytes())
    run = lcity("validate", str(path), "--lang", "en")
    assert run.returncode == 2 and f"{path}:1:1: error not-a-workbook" in run.stdout + run.stderr


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_damaged_workbook_is_an_input_error_never_a_crash(book, data):
    """Bytes of a real workbook with some of them changed: read, or refused with a message."""
    from evaluator.reading import read_workbook

    raw = bytearray(book)
    for _ in range(data.draw(st.integers(1, 8))):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    try:
        read_workbook(bytes(raw), "f.xlsx")
    except InputError as exc:
        assert exc.problems and all(p.file == "f.xlsx" for p in exc.problems)


# --- lcity verify ---------------------------------------------------------------------------------


def pdf_with(files: dict[str, bytes], *, encrypt: str | None = None, compress: bool = False) -> bytes:
    """A one-page PDF carrying ``files`` as embedded files (what lcity report embeds), made with pypdf."""
    from pypdf import PdfWriter
    from pypdf.generic import StreamObject

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    for name, data in files.items():
        writer.add_attachment(name, data)
    if compress:
        for i, obj in enumerate(writer._objects):
            if isinstance(obj, StreamObject) and obj.get("/Type") == "/EmbeddedFile" and "/Filter" not in obj:
                writer._objects[i] = obj.flate_encode(level=1)
    if encrypt:
        writer.encrypt(encrypt)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


ALIAS_BOMB = (b"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
              b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
              b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n")


def hostile_pdfs() -> dict[str, tuple[bytes, int, str]]:
    """name → (bytes, exit code, a word of what is said); all exit 1: not a report, or one that differs."""
    result = b'{"framework": "china-learning-city@2"}'
    return {
        "not-a-pdf": (b"framework: china-learning-city@2\n", 1, "%PDF-"),
        "empty": (b"", 1, "%PDF-"),
        "truncated": (pdf_with({"assessment.yaml": b"x: 1"})[:300], 1, "not a readable PDF"),
        "foreign": (pdf_with({}), 1, "no embedded"),
        "encrypted": (pdf_with({"assessment.yaml": b"x: 1", "result.json": result}, encrypt="secret"), 1, "encrypted"),
        "bomb": (pdf_with({"assessment.yaml": b"\0" * 80_000_000, "result.json": result}, compress=True), 1,
                 "decompression bomb"),
        "big-embedded": (pdf_with({"assessment.yaml": b"#" * 6_000_000, "result.json": result}, compress=True), 1,
                         "larger than 5,000,000 bytes"),
        "alias-bomb": (pdf_with({"assessment.yaml": ALIAS_BOMB, "result.json": result}), 1, "alias bomb"),
        "python-tag": (pdf_with({"assessment.yaml": b"!!python/object/apply:os.system ['false']\n",
                                 "result.json": result}), 1, "nothing was executed"),
        "deep-json": (pdf_with({"assessment.yaml": SOURCE.read_bytes(), "result.json": b"[" * 100_000}), 1,
                      "result.json is not a Result"),
    }


def said_about(shown: str, name: str) -> str:
    """The lines about one file: those starting with its name, and the "  - " lines under them."""
    out, mine = [], False
    for line in shown.splitlines():
        if not line.startswith("  "):
            mine = line.startswith(f"{name}:")
        if mine:
            out.append(line)
    return "\n".join(out)


def test_hostile_pdfs_are_named_and_never_crash(tmp_path):
    cases = hostile_pdfs()
    for name, (data, _code, _word) in cases.items():
        (tmp_path / f"{name}.pdf").write_bytes(data)
    before = {p.name: digest(p) for p in tmp_path.iterdir()}
    run = lcity("verify", *sorted(f"{name}.pdf" for name in cases), cwd=tmp_path, timeout=300)
    shown = run.stdout + run.stderr
    assert run.returncode == 1 and "Traceback" not in shown, shown
    for name, (_data, _code, word) in cases.items():
        assert word in said_about(shown, f"{name}.pdf"), (name, shown)
    assert {p.name: digest(p) for p in tmp_path.iterdir()} == before


def test_verify_speaks_the_users_language_about_a_non_pdf(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"hello")
    env = dict(os.environ, LANG="zh_CN.UTF-8", COLUMNS="200", NO_COLOR="1")
    run = subprocess.run([sys.executable, "-m", "lcity", "verify", "x.pdf"], cwd=tmp_path, capture_output=True,
                         text=True, env=env, timeout=120)
    assert run.returncode == 1 and "x.pdf:1:1: 错误 not-a-report: 不是可读取的 PDF（文件开头没有 %PDF-）" in run.stderr


# --- lcity fix --write and lcity plan -o -----------------------------------------------------------


def slipped_text() -> str:
    text = SOURCE.read_text(encoding="utf-8")
    assert "population: " in text
    return text.replace("population: ", "population：", 1)  # a full-width colon: one safe rewrite


def test_fix_write_keeps_a_bom_crlf_and_the_files_permissions(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + slipped_text().replace("\n", "\r\n").encode("utf-8"))
    path.chmod(0o600)
    run = lcity("fix", str(path), "--write", "--lang", "en")
    assert run.returncode == 0, run.stderr
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "population：".encode() not in data
    assert data.count(b"\r\n") == data.count(b"\n") > 100
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_fix_write_refuses_a_read_only_file_and_leaves_it(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(slipped_text(), encoding="utf-8")
    path.chmod(0o444)
    before = digest(path)
    run = lcity("fix", str(path), "--write", "--lang", "en")
    assert run.returncode == 2 and f"{path}:1:1: error read-only" in run.stderr and "chmod u+w" in run.stderr
    assert digest(path) == before and sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_fix_write_through_a_symlink_rewrites_the_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "real.yaml"
    target.write_text(slipped_text(), encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target.name)
    assert lcity("fix", str(link), "--write").returncode == 0
    assert link.is_symlink() and "population：" not in target.read_text(encoding="utf-8")


def _small_disk():
    # every write past 4 kB fails: a full disk. The process must not write bytecode: CPython ignores
    # SIGXFSZ and does not check a short write, so a .pyc cut at 4,096 bytes would be renamed into
    # __pycache__ and break every later import of that module (a CI run: "marshal data too short")
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.parametrize("command", ["fix", "plan"])
def test_a_full_disk_loses_nothing(tmp_path, command):
    path = tmp_path / "a.yaml"
    path.write_text(slipped_text() if command == "fix" else SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    before = digest(path)
    args = ["fix", str(path), "--write"] if command == "fix" else ["plan", str(path), "-o", str(tmp_path / "p.yaml")]
    run = subprocess.run([sys.executable, "-m", "lcity", *args, "--lang", "en"], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, preexec_fn=_small_disk,
                         env=dict(os.environ, NO_COLOR="1", PYTHONDONTWRITEBYTECODE="1"))  # see _small_disk
    assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
    assert "nothing was written" in run.stderr
    assert digest(path) == before and sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


def test_plan_never_writes_over_its_input_even_through_a_link(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_bytes(SOURCE.read_bytes())
    (tmp_path / "link.yaml").symlink_to("a.yaml")
    before = digest(path)
    for out in ("a.yaml", "link.yaml"):
        run = lcity("plan", str(path), "-o", str(tmp_path / out), "--force")
        assert run.returncode == 2 and "output-is-input" in run.stderr
    assert digest(path) == before


# --- standard input -------------------------------------------------------------------------------


def test_an_endless_stream_on_stdin_stops_at_the_limit():
    endless = subprocess.Popen(["yes"], stdout=subprocess.PIPE)
    try:
        run = subprocess.run([sys.executable, "-m", "lcity", "validate", "-", "--lang", "en"], stdin=endless.stdout,
                             capture_output=True, text=True, cwd=ROOT, timeout=120)
    finally:
        endless.kill()
        endless.wait()
    assert run.returncode == 2 and "<stdin>:1:1: error too-large" in run.stdout + run.stderr
    assert "2,000,000 bytes" in run.stdout + run.stderr


@pytest.mark.parametrize("command", ["validate", "score"])
@pytest.mark.parametrize("data, word", [(bytes(range(256)) * 40, "not valid UTF-8"),
                                        (b"PK\x03\x04" + bytes(range(256)), "its end is missing"),
                                        (bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512, "encrypted")])
def test_binary_garbage_on_stdin_is_named(command, data, word):
    run = subprocess.run([sys.executable, "-m", "lcity", command, "-", "--lang", "en"], input=data,
                         capture_output=True, cwd=ROOT, timeout=120)
    shown = (run.stdout + run.stderr).decode("utf-8", "replace")
    assert run.returncode == 2 and "Traceback" not in shown and "<stdin>:" in shown and word in shown, shown


# --- writing a workbook from text that holds a control character ----------------------------------


def test_a_control_character_a_cell_cannot_hold_is_named_not_a_crash(tmp_path):
    text = SOURCE.read_text(encoding="utf-8")
    old = '    evidence: ["社区教育经费来源统计表"]\n'
    assert old in text
    src = tmp_path / "q.yaml"
    src.write_text(text.replace(old, old + '    note: "a\\e]0;PWNED\\a"\n', 1), encoding="utf-8")
    line = src.read_text(encoding="utf-8").splitlines().index('    note: "a\\e]0;PWNED\\a"') + 1
    run = lcity("convert", str(src), str(tmp_path / "q.xlsx"), "--lang", "en")
    assert run.returncode == 1 and f"{src}:{line}:11: error convert-loss" in run.stderr and "U+001B" in run.stderr
    assert not (tmp_path / "q.xlsx").exists() and "\x1b" not in run.stderr
    init = lcity("init", "-o", str(tmp_path / "i.xlsx"), "--city", "x\x1b]0;PWNED\x07", "--lang", "en")
    assert init.returncode == 2 and "U+001B" in init.stderr and not (tmp_path / "i.xlsx").exists()


@pytest.mark.parametrize("args", [("validate", "f.yaml"), ("score", "f.yaml"), ("fix", "f.yaml", "--write"),
                                  ("verify", "f.pdf")])
def test_a_fifo_given_as_a_file_is_refused_without_waiting_for_a_writer(tmp_path, args):
    """Nothing opens a named pipe: opening one blocks until something writes to it (the message's
    language used to be looked up in it, after the reader had refused it)."""
    os.mkfifo(tmp_path / args[1])
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1")
    run = subprocess.run([sys.executable, "-m", "lcity", *args], cwd=tmp_path, capture_output=True, text=True,
                         env=env, timeout=60)
    assert run.returncode in (1, 2) and f"{args[1]}:1:1:" in run.stdout + run.stderr and "regular file" in run.stdout + run.stderr


def test_a_file_saved_in_gbk_is_named_as_such_with_the_way_out(tmp_path):
    """Chinese Windows editors save in GBK by default: the official is told which setting to change
    (or given the command that converts it), at the first byte UTF-8 cannot read; nothing is written."""
    text = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
    gbk = tmp_path / "青石 2025.yaml"
    gbk.write_bytes(text.encode("gb18030"))
    before = gbk.read_bytes()
    for lang, words in (("en", "saved in GBK (GB18030)"), ("zh", "GBK（GB18030）编码保存")):
        proc = lcity("validate", str(gbk), "--lang", lang)
        assert proc.returncode == 2, proc.stderr
        assert words in proc.stdout and "iconv -f GB18030 -t UTF-8" in proc.stdout
        assert f"'{gbk}'" in proc.stdout  # quoted: the name has a space
        assert re.search(r":\d+:\d+: ", proc.stdout)
    assert gbk.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == [gbk.name]
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"city: caf\xe9\n")  # not Chinese: the plain UTF-8 message
    proc = lcity("validate", str(latin), "--lang", "en")
    assert proc.returncode == 2 and "GBK" not in proc.stdout and "not valid UTF-8" in proc.stdout


def test_a_cell_whose_style_is_missing_is_a_damaged_workbook_not_a_crash(book):
    """Found by the property above: a damaged styles part lists fewer cell formats than the sheets
    use; openpyxl reads a cell's format only when asked, and then fails with an IndexError."""
    import re

    from evaluator.reading import read_workbook

    parts = members(book)
    styles = parts["xl/styles.xml"].decode()
    start, end = styles.index("<cellXfs"), styles.index("</cellXfs>")
    first = re.search(r"<xf [^>]*?(/>|>.*?</xf>)", styles[start:end]).group(0)
    parts["xl/styles.xml"] = (styles[:start] + f'<cellXfs count="1">{first}' + styles[end:]).encode()
    with pytest.raises(InputError) as caught:
        read_workbook(rezip(parts), "f.xlsx")
    assert [p.rule for p in caught.value.problems] == ["not-a-workbook"]
    assert caught.value.problems[0].file == "f.xlsx"
