"""Hostile and careless input, round G22-H (tests/audit_cities/g22h/AUDIT.md), as a user sees it:

1. (G22-H1) a YAML escape past the last Unicode character (``"\\U00110000"``, ``"\\UFFFFFFFF"``) in
   an assessment or a review is a syntax error at the escape, exit 2; it ended every command that
   reads the file in "internal error: ValueError: chr() arg not in range(0x110000)", exit 3;
2. (G22-H2) a workbook saved by Excel as "Strict Open XML Spreadsheet" is said to be that, with the
   Save As to choose, and that its answers are not lost; it was "a damaged workbook … if its answers
   are lost, fill in a new form";
3. (G22-H3) ``lcity report FILE -o -`` on a terminal is refused before rendering, exit 2; it wrote
   800 KB of PDF bytes raw to the terminal. Piped or redirected it still writes the PDF;
4. (G22-H4) a filled-in workbook with a scanned document pasted into it (2.5 MB) is read; it was
   refused as "more than the limit of 2,000,000 (an assessment is a few hundred lines; check that
   this is the right file)". Past 50 MB the pictures are named, and pictures are no decompression bomb;
5. (G22-H5) a byte-order mark (U+FEFF) before a key inside the file is named at its line, and lcity
   fix deletes it; it gave a syntax error three lines further down telling to line the key up.

Every file here is FICTIONAL: the example Qingshi District, edited."""
from __future__ import annotations

import zipfile

import pytest

from .conftest import EXAMPLES, lcity, lcity_here

EXAMPLE = EXAMPLES / "qingshi-district.yaml"
REVIEW = EXAMPLES / "qingshi-district.review.yaml"


# --- G22-H1: an escape past U+10FFFF -----------------------------------------------------------------


def _with_note(tmp_path, note: str, name: str = "q.yaml"):
    text = EXAMPLE.read_text(encoding="utf-8")
    old = "    note: 人均约6.7元，高于国家2元底线，但仍低于目标\n"
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, f'    note: "{note}"\n', 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    return path, line


@pytest.mark.parametrize("escape", ["\\U00110000", "\\UFFFFFFFF", "\\U7FFFFFFF"])
def test_escape_past_unicode_is_said_at_the_escape(tmp_path, escape):
    path, line = _with_note(tmp_path, "经费" + escape)
    r = lcity_here("--lang", "en", "validate", str(path))
    assert r.returncode == 2, r.stderr
    col = len('    note: "经费') + 1
    said = r.stdout + r.stderr
    assert (f"{path}:{line}:{col}: error syntax: the escape {escape} names no character: "
            "the last character is \\U0010FFFF (check its digits, or write the character itself "
            "instead of the escape)") in said
    assert "internal error" not in said and "Traceback" not in said


def test_escape_past_unicode_in_chinese(tmp_path):
    path, line = _with_note(tmp_path, "\\U00110000")
    r = lcity_here("--lang", "zh", "validate", str(path))
    assert r.returncode == 2, r.stderr
    assert (f"{path}:{line}:12: 错误 syntax: 转义 \\U00110000 不对应任何字符：最后一个字符是 \\U0010FFFF"
            "（请检查其中的数字，或直接写出这个字符，不用转义）") in r.stdout


@pytest.mark.parametrize("command", [
    ("score",), ("status",), ("plan",), ("benchmark",), ("sensitivity", "-n", "200"), ("upgrade",),
    ("trend", str(EXAMPLE)),
])
def test_every_command_reading_the_file_says_it(tmp_path, command):
    path, line = _with_note(tmp_path, "\\U00110000")
    args = (command[0], str(path), *command[1:])
    r = lcity_here("--lang", "en", *args)
    said = r.stdout + r.stderr
    assert r.returncode in (1, 2), (args, r.returncode, said)
    assert "names no character" in said, said
    assert "internal error" not in said and "ValueError" not in said


def test_fix_leaves_it_to_validate(tmp_path):
    path, _ = _with_note(tmp_path, "\\U00110000")
    before = path.read_bytes()
    r = lcity_here("--lang", "en", "fix", str(path), "--write")
    assert r.returncode in (1, 2), r.stderr
    assert f"1 problem left for you to fix: run lcity validate {path}" in r.stderr
    assert "internal error" not in r.stdout + r.stderr
    assert path.read_bytes() == before


def test_convert_writes_nothing(tmp_path):
    path, _ = _with_note(tmp_path, "\\U00110000")
    out = tmp_path / "q.xlsx"
    r = lcity_here("--lang", "en", "convert", str(path), str(out))
    assert r.returncode == 2, r.stderr
    assert "names no character" in r.stderr
    assert not out.exists()


def test_escape_in_a_key_and_in_a_review(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    key = tmp_path / "key.yaml"
    key.write_text(text.replace("  C1:\n", '  "C1\\U00110000":\n    value: 1\n  C1:\n', 1), encoding="utf-8")
    line = text[: text.index("  C1:\n")].count("\n") + 1
    r = lcity_here("--lang", "en", "validate", str(key))
    assert r.returncode == 2
    assert f"{key}:{line}:6: error syntax: the escape \\U00110000 names no character" in r.stdout

    review = tmp_path / "r.yaml"
    rtext = REVIEW.read_text(encoding="utf-8")
    review.write_text(rtext.replace("  title: 教授\n", '  title: "\\U00200000"\n', 1), encoding="utf-8")
    rline = rtext[: rtext.index("  title: 教授\n")].count("\n") + 1
    r = lcity_here("--lang", "en", "score", str(EXAMPLE), "--review", str(review))
    assert r.returncode == 2, r.stderr
    assert f"{review}:{rline}:11: error syntax: the escape \\U00200000 names no character" in r.stdout + r.stderr


def test_the_last_character_is_still_read(tmp_path):
    """U+10FFFF itself is a noncharacter (said as such, G19-C6); U+10FFFD is an ordinary one."""
    path, _ = _with_note(tmp_path, "经费\\U0010FFFD")
    r = lcity_here("--lang", "en", "validate", str(path))
    assert r.returncode == 0, r.stderr


# --- G22-H2: a Strict Open XML workbook ---------------------------------------------------------------


@pytest.fixture(scope="module")
def strict(tmp_path_factory):
    """The example's workbook as Excel's Save As "Strict Open XML Spreadsheet" writes it: the same
    parts, with the strict namespaces."""
    folder = tmp_path_factory.mktemp("g22h")
    base = folder / "base.xlsx"
    assert lcity_here("convert", str(EXAMPLE), str(base), "--lang", "zh").returncode == 0
    out = folder / "strict.xlsx"
    with zipfile.ZipFile(base) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            data = zi.read(info)
            data = data.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                                b"http://purl.oclc.org/ooxml/spreadsheetml/main")
            data = data.replace(b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                                b"http://purl.oclc.org/ooxml/officeDocument/relationships")
            zo.writestr(info, data)
    return out


def test_strict_workbook_is_named_in_chinese(strict):
    r = lcity_here("--lang", "zh", "validate", str(strict))
    assert r.returncode == 2
    assert (f"{strict}:1:1: 错误 not-a-workbook: 工作簿保存成了“Strict Open XML 电子表格”格式，lcity 无法读取这种格式"
            "（其中的填报内容没有丢失）（请在 Excel 中打开它，用“文件 > 另存为”重新保存，保存类型选“Excel 工作簿(*.xlsx)”，"
            "不要选“Strict Open XML 电子表格”；在 WPS 中另存为“Excel 工作簿”；然后使用新保存的文件）") in r.stdout
    assert "已损坏" not in r.stdout and "重新填写" not in r.stdout


def test_strict_workbook_is_named_in_english(strict):
    r = lcity_here("--lang", "en", "validate", str(strict))
    assert r.returncode == 2
    assert ("error not-a-workbook: is saved as a Strict Open XML Spreadsheet, a format lcity cannot read "
            "(the answers in it are not lost) (open it in Excel and save it again with File > Save As, type "
            "'Excel Workbook (*.xlsx)', not 'Strict Open XML Spreadsheet'; WPS: Save As 'Excel Workbook'; "
            "then use that copy)") in r.stdout
    assert "damaged" not in r.stdout


def test_strict_workbook_in_score_convert_and_batch(strict, tmp_path):
    r = lcity_here("--lang", "en", "score", str(strict))
    assert r.returncode == 2 and "Strict Open XML Spreadsheet" in r.stdout + r.stderr
    out = tmp_path / "out.yaml"
    r = lcity_here("--lang", "en", "convert", str(strict), str(out))
    assert r.returncode == 2 and "Strict Open XML Spreadsheet" in r.stdout + r.stderr
    assert not out.exists()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "strict.xlsx").write_bytes(strict.read_bytes())
    (folder / "q.yaml").write_bytes(EXAMPLE.read_bytes())
    r = lcity("--lang", "zh", "batch", str(folder), "-o", str(tmp_path / "out"))
    assert r.returncode in (0, 1), r.stderr
    assert "Strict Open XML 电子表格" in r.stderr
    assert "75.58" in r.stdout + r.stderr  # the other file is still scored and ranked


# --- G22-H3: a PDF written with -o - onto a terminal ------------------------------------------------


def _on_terminal(*args: str, cwd=None) -> tuple[int, str]:
    """(exit code, what the terminal shows) of ``lcity ARGS`` run on an 80-column pseudo-terminal."""
    import os
    import re
    import subprocess
    import sys

    from .conftest import ROOT

    environ = dict(os.environ, COLUMNS="80", LINES="50", NO_COLOR="1", TERM="xterm")
    script = (f"import pty, sys; sys.exit(pty.spawn([{sys.executable!r}, '-m', 'lcity', "
              + ", ".join(repr(a) for a in args) + "]) >> 8)")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, env=environ, cwd=cwd or ROOT,
                          timeout=600)
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", proc.stdout.decode("utf-8", "replace")).replace("\r", "")
    return proc.returncode, shown


def test_report_refuses_to_print_a_pdf_on_the_terminal():
    code, shown = _on_terminal("--lang", "en", "report", str(EXAMPLE), "-o", "-")
    assert code == 2, shown
    assert ("-o -: error usage: -o - writes the PDF to standard output, which is this terminal: its bytes "
            "would fill the screen with noise; nothing was written (give a file name (-o report.pdf), or send "
            "standard output on: -o - > report.pdf, or -o - | another-program)") in " ".join(shown.split())
    assert "%PDF" not in shown


def test_report_refuses_it_in_chinese():
    code, shown = _on_terminal("--lang", "zh", "report", str(EXAMPLE), "-o", "-")
    assert code == 2, shown
    assert ("-o -: 错误 usage: -o - 把 PDF 写到标准输出，而标准输出就是这个终端：其二进制内容会在屏幕上显示为乱码；"
            "未写入任何内容（请给出文件名（-o report.pdf），或把标准输出转走：-o - > report.pdf，或 -o - | 其他程序）"
            ) in "".join(shown.split("\n"))
    assert "%PDF" not in shown


def test_a_piped_pdf_is_still_written(tmp_path):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "lcity", "report", str(EXAMPLE), "-o", "-"], capture_output=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(b"%PDF")


def test_the_html_copy_still_goes_to_the_terminal(tmp_path):
    code, shown = _on_terminal("--lang", "en", "report", str(EXAMPLE), "-o", str(tmp_path / "r.pdf"), "--html", "-")
    assert code == 0, shown[-2000:]
    assert "<!DOCTYPE html>" in shown
    assert (tmp_path / "r.pdf").read_bytes()[:4] == b"%PDF"


def test_write_atomic_never_puts_a_workbook_on_a_terminal(monkeypatch, capsys):
    """The net under every command: a PDF or a workbook's bytes are refused for a terminal stdout."""
    import sys

    from indicators.problems import InputError
    from lcity.output import write_atomic

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    for data in (b"PK\x03\x04rest", b"%PDF-1.7\n"):
        with pytest.raises(InputError) as caught:
            write_atomic("-", data)
        assert caught.value.problems[0].rule == "usage"
    assert capsys.readouterr().out == ""


# --- G22-H4: a workbook with pictures pasted into it -----------------------------------------------


def _with_pictures(base, out, sizes):
    """``base`` with incompressible pictures of ``sizes`` bytes under xl/media/, as a scanned
    document pasted into a cell as evidence leaves them."""
    import os

    with zipfile.ZipFile(base) as zi, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            zo.writestr(info, zi.read(info))
        for k, size in enumerate(sizes, 1):
            zo.writestr(zipfile.ZipInfo(f"xl/media/image{k}.jpeg"), b"\xff\xd8\xff\xe0" + os.urandom(size),
                        compress_type=zipfile.ZIP_STORED)
    return out


@pytest.fixture(scope="module")
def base_xlsx(tmp_path_factory):
    out = tmp_path_factory.mktemp("g22h4") / "base.xlsx"
    assert lcity_here("convert", str(EXAMPLE), str(out), "--lang", "zh").returncode == 0
    return out


def test_a_workbook_with_a_scanned_document_is_read(base_xlsx, tmp_path):
    form = _with_pictures(base_xlsx, tmp_path / "form.xlsx", [2_500_000])
    for lang, said in (("en", "form.xlsx: valid — 0 errors, 0 warnings"), ("zh", "form.xlsx：有效——0 个错误，0 个警告")):
        r = lcity_here("--lang", lang, "validate", str(form), cwd=tmp_path)
        assert r.returncode == 0, r.stdout + r.stderr
        assert said in r.stderr
    r = lcity_here("score", str(form), "--format", "json")
    assert r.returncode == 0
    import json

    assert round(json.loads(r.stdout)["total"], 1) == 75.6


def test_pictures_past_the_unpacked_limit_are_no_bomb(base_xlsx, tmp_path):
    """Pictures are never opened: 30 MB of them is no decompression bomb; convert reads the answers."""
    form = _with_pictures(base_xlsx, tmp_path / "form.xlsx", [10_000_000] * 3)
    out = tmp_path / "form.yaml"
    r = lcity_here("--lang", "en", "convert", str(form), str(out))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "value: 5500000" in out.read_text(encoding="utf-8")


def test_a_workbook_past_50_mb_is_said_as_its_pictures(base_xlsx, tmp_path):
    form = _with_pictures(base_xlsx, tmp_path / "form.xlsx", [9_000_000] * 6)
    size = f"{form.stat().st_size:,}"
    r = lcity_here("--lang", "en", "validate", str(form))
    assert r.returncode == 2
    assert (f"{form}:1:1: error too-large: the workbook is {size} bytes, more than the limit of 50,000,000: "
            "pictures or files pasted into it make it so large (lcity reads only the answers) (keep the evidence "
            "as files beside the workbook and name them in the evidence column; delete the pictures from the "
            "workbook, or save a copy without them, and give lcity that copy)") in r.stdout
    assert "a few hundred lines" not in r.stdout
    r = lcity_here("--lang", "zh", "validate", str(form))
    assert r.returncode == 2
    assert (f"错误 too-large: 工作簿有 {size} 字节，超过上限 50,000,000 字节：通常是粘贴进去的图片或文件使它这么大"
            "（lcity 只读取填报内容）（请把佐证材料作为单独的文件保存在工作簿旁边，并在“佐证材料”列写明文件名；"
            "从工作簿中删除图片，或另存一份不含图片的副本，再用这份文件）") in r.stdout


def test_a_yaml_file_keeps_its_limit(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * 2_100_000 + "\n", encoding="utf-8")
    r = lcity_here("--lang", "en", "validate", str(big))
    assert r.returncode == 2
    assert "error too-large: file is 2,100,003 bytes, more than the limit of 2,000,000" in r.stdout


def test_a_sheet_that_unpacks_past_the_limit_is_still_a_bomb(base_xlsx, tmp_path):
    """Only pictures are left out of the unpacked sum: a sheet part claiming 60 MB is refused as before."""
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(base_xlsx) as zi, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            zo.writestr(info, zi.read(info))
        zo.writestr("xl/worksheets/sheet9.xml", b"<a>" + b" " * 60_000_000 + b"</a>")
    r = lcity_here("--lang", "en", "validate", str(bomb))
    assert r.returncode == 2
    assert "error workbook-too-large: unpacks to more than 50 MB" in r.stdout


# --- G22-H5: a byte-order mark inside the file -------------------------------------------------------


def _with_bom_before(tmp_path, key_line: str, name: str = "q.yaml"):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert key_line in text
    path = tmp_path / name
    path.write_text(text.replace(key_line, "\ufeff" + key_line, 1), encoding="utf-8")
    return path, text[: text.index(key_line)].count("\n") + 1


def test_a_bom_before_an_indented_key_is_named_at_its_line(tmp_path):
    path, line = _with_bom_before(tmp_path, "  C1:\n")
    r = lcity_here("--lang", "en", "validate", str(path))
    assert r.returncode == 1, r.stdout
    assert (f"{path}:{line}:1: error full-width: line {line}, column 1 holds an invisible byte-order mark "
            "(U+FEFF, left where two files were joined or text was pasted); delete it") in r.stdout
    assert "line this up" not in r.stdout  # was: a syntax error three lines further down, about indentation
    r = lcity_here("--lang", "zh", "validate", str(path))
    assert (f"{path}:{line}:1: 错误 full-width: 第{line}行第1列有一个看不见的字节顺序标记（U+FEFF，常见于拼接文件或粘贴的文字），"
            "请删除它") in r.stdout


def test_fix_deletes_it_and_nothing_else(tmp_path):
    path, _ = _with_bom_before(tmp_path, "period:\n")
    r = lcity_here("--lang", "en", "fix", str(path), "--write")
    assert r.returncode == 0, r.stderr
    assert path.read_bytes() == EXAMPLE.read_bytes()
    assert lcity_here("validate", str(path)).returncode == 0


def test_a_bom_in_the_users_text_or_at_the_start_stays_theirs(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    note = tmp_path / "note.yaml"
    note.write_text(text.replace("    note: 人均约6.7元", "    note: \ufeff人均约6.7元", 1), encoding="utf-8")
    start = tmp_path / "start.yaml"
    start.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    for path in (note, start):
        r = lcity_here("--lang", "en", "validate", str(path))
        assert r.returncode == 0, r.stdout
        r = lcity_here("--lang", "en", "fix", str(path))
        assert "nothing to rewrite" in r.stderr
