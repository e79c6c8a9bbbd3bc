"""Hostile and careless input, round G22-H (tests/audit_cities/g22h/AUDIT.md), as a user sees it:

1. (G22-H1) a YAML escape past the last Unicode character (``"\\U00110000"``, ``"\\UFFFFFFFF"``) in
   an assessment or a review is a syntax error at the escape, exit 2; it ended every command that
   reads the file in "internal error: ValueError: chr() arg not in range(0x110000)", exit 3;
2. (G22-H2) a workbook saved by Excel as "Strict Open XML Spreadsheet" is said to be that, with the
   Save As to choose, and that its answers are not lost; it was "a damaged workbook … if its answers
   are lost, fill in a new form".

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
