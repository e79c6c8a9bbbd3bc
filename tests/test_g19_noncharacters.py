"""G19-C6: a Unicode noncharacter (U+FFFE …) is named where it is written, and no workbook lcity
writes holds a character a spreadsheet cannot store.

Before: ``note: "a\\uFFFEb"`` validated, ``batch`` wrote a summary.xlsx no spreadsheet (nor openpyxl,
which wrote it) could open, exit 0, and ``convert`` called the YAML file "a damaged workbook".
"""

from __future__ import annotations

import io
import json
import re

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.problems import InputError
from indicators.safeyaml import load_text
from indicators.textchars import NONCHARACTER, make_storable

from .conftest import EXAMPLES, ROOT, lcity, squash

FFFE = ROOT / "tests" / "audit_hostile_g19" / "inputs" / "y_note_uFFFE.yaml"


def test_validate_names_the_escape_at_its_line_and_column_in_english_and_chinese():
    en = lcity("--lang", "en", "validate", str(FFFE))
    assert en.returncode == 1
    assert squash("y_note_uFFFE.yaml:56:13: error noncharacter: the text holds U+FFFE (written \\uFFFE), a Unicode "
                  "noncharacter: it is not text; a spreadsheet cell cannot store it and a report cannot show it "
                  "(delete \\uFFFE from the text") in squash(en.stdout)
    zh = lcity("--lang", "zh", "validate", str(FFFE))
    assert zh.returncode == 1
    assert squash("y_note_uFFFE.yaml:56:13: 错误 noncharacter: 文字中含有 U+FFFE（写作 \\uFFFE），它是 Unicode 非字符，"
                  "不是文字：电子表格单元格无法存放，报告也无法显示（请从文字中删去 \\uFFFE") in squash(zh.stdout)


def test_convert_of_the_yaml_file_names_the_character_not_a_damaged_workbook(tmp_path):
    run = lcity("--lang", "en", "convert", str(FFFE), str(tmp_path / "f.xlsx"))
    said = squash(run.stdout + run.stderr)
    assert run.returncode == 1 and not (tmp_path / "f.xlsx").exists()
    assert squash("y_note_uFFFE.yaml:56:13: error noncharacter") in said
    assert "damagedworkbook" not in said and "指标!A1" not in said


@pytest.mark.parametrize("text, at, code", [
    ('a: "x\\uFFFF"\n', (1, 6), "U+FFFF"),
    ('"k\\uFDD0": 1\n', (1, 3), "U+FDD0"),  # a key
    ('a:\n  - "ok"\n  - "\\U0001FFFE"\n', (3, 6), "U+1FFFE"),
    ('a: \'x\ufdd0\'\n', (1, 6), "U+FDD0"),  # typed, not escaped
    ('a: x\ufffe\n', (1, 5), "U+FFFE"),
    ('# comment \ufdef\na: 1\n', (1, 11), "U+FDEF"),
])
def test_every_noncharacter_is_named_at_its_place(text, at, code):
    with pytest.raises(InputError) as err:
        load_text(text, "t.yaml")
    p = err.value.problems[0]
    assert (p.line, p.col, p.rule) == (*at, "noncharacter") and code in p.message


def test_other_escapes_still_read():
    assert load_text('a: "x\\x85y\\u00e9\\uFFFD"\n', "t.yaml").data == {"a": "x\x85y\u00e9\ufffd"}


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(categories=("L", "N")), max_size=8),
       st.sampled_from(["FFFE", "FFFF", "FDD0", "FDEF"]), st.text(alphabet="abc 青石区", max_size=8))
def test_an_escaped_noncharacter_anywhere_in_a_quoted_text_is_named_at_its_escape(before, hexa, after):
    text = f'name: "{before}\\u{hexa}{after}"\n'
    with pytest.raises(InputError) as err:
        load_text(text, "t.yaml")
    p = err.value.problems[0]
    assert p.rule == "noncharacter" and (p.line, p.col) == (1, 8 + len(before))


def test_validate_rules_lists_noncharacter_in_both_languages():
    en = lcity("--lang", "en", "validate", "--rules")
    assert squash("noncharacter Text holding a Unicode noncharacter (U+FFFE, U+FFFF, U+FDD0-U+FDEF)") in squash(en.stdout)
    zh = lcity("--lang", "zh", "validate", "--rules")
    assert squash("noncharacter 文字中含有 Unicode 非字符（U+FFFE、U+FFFF、U+FDD0—U+FDEF）") in squash(zh.stdout)


def test_a_workbook_cell_holding_a_noncharacter_is_refused_at_its_cell(tmp_path):
    assert lcity("convert", str(EXAMPLES / "qingshi-district.yaml"), str(tmp_path / "q.xlsx")).returncode == 0
    wb = openpyxl.load_workbook(tmp_path / "q.xlsx")
    wb["指标"]["L7"] = "a\ufdd0b"  # XML can hold U+FDD0; it is still no text
    wb.save(tmp_path / "q.xlsx")
    en = lcity("--lang", "en", "validate", "q.xlsx", cwd=tmp_path)
    assert en.returncode == 1
    assert squash("q.xlsx:指标!L7: error cell-refused: holds U+FDD0, a Unicode noncharacter, which is not text "
                  "(retype the cell's text") in squash(en.stdout)
    zh = lcity("--lang", "zh", "validate", "q.xlsx", cwd=tmp_path)
    assert squash("q.xlsx:指标!L7: 错误 cell-refused: 含有 Unicode 非字符 U+FDD0，它不是文字") in squash(zh.stdout)


def test_batch_writes_a_summary_xlsx_that_opens_and_says_what_it_replaced(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    (folder / "wanghu.yaml").write_bytes((EXAMPLES / "districts" / "wanghu.yaml").read_bytes())
    (folder / "q\ufffez.yaml").write_bytes((EXAMPLES / "qingshi-district.yaml").read_bytes())  # in its name
    text = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
    (folder / "q2.yaml").write_text(text.replace("    zh: 青石区", '    zh: "青石\\uFFFE区"', 1), encoding="utf-8")
    run = lcity("--lang", "zh", "batch", "units", "-o", "out", cwd=tmp_path)
    said = run.stdout + run.stderr
    assert run.returncode == 1, said  # one unit failed
    assert "q\\ufffez.yaml" in said and "\ufffe" not in said  # the terminal shows it escaped
    assert squash("q2.yaml:12:12: 错误 noncharacter: 文字中含有 U+FFFE（写作 \\uFFFE）") in squash(said)
    wb = openpyxl.load_workbook(tmp_path / "out" / "summary.xlsx")  # it opens
    cells = [v for ws in wb for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)]
    assert not any(NONCHARACTER.search(v) for v in cells)
    assert "q\ufffdz.yaml" in cells
    note = re.search(r"本工作簿中有(\d+)个电子表格无法存放的字符（如U\+FFFE，即Unicode非字符或控制字符）显示为替换字符U\+FFFD（菱形中的问号）",
                     squash(" ".join(cells)))
    assert note and int(note.group(1)) >= 1  # the file name, in as many columns as show it
    units = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))["units"]
    assert "q\ufffez.yaml" in {u["file"] for u in units}  # the other files keep the name as it was read


def test_make_storable_replaces_and_keeps_text_text():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "a\ufffeb"
    ws["A2"] = "=\uffff1"
    ws["A2"].data_type = "s"  # text that starts with '=', as the writers store it
    ws["A3"] = 12
    assert make_storable(wb) == (2, "\ufffe")
    buf = io.BytesIO()
    wb.save(buf)
    back = openpyxl.load_workbook(io.BytesIO(buf.getvalue())).active
    assert (back["A1"].value, back["A2"].value, back["A2"].data_type, back["A3"].value) == ("a\ufffdb", "=\ufffd1", "s", 12)


@pytest.mark.parametrize("lang, said", [("en", "--city holds U+FFFE, a Unicode noncharacter (not text"),
                                        ("zh", "--city 含有 Unicode 非字符 U+FFFE（不是文字")])
def test_a_noncharacter_in_an_option_is_named_as_such_not_as_a_control_character(tmp_path, lang, said):
    run = lcity("init", "-o", str(tmp_path / "a.yaml"), "--city", "西\uFFFE城区", "--level", "district", "--lang", lang)
    assert run.returncode == 2 and said in run.stderr and "control character U+FFFE" not in run.stderr, run.stderr
    assert not (tmp_path / "a.yaml").exists()
    body = lcity("report", str(EXAMPLES / "qingshi-district.yaml"), "-o", str(tmp_path / "q.pdf"), "--body",
                 "河西\uFFFF市", "--lang", lang)
    assert body.returncode == 2 and "U+FFFF" in body.stderr and ("noncharacter" in body.stderr or "非字符" in body.stderr)
    # a real control character keeps its name
    esc = lcity("init", "-o", str(tmp_path / "b.yaml"), "--city", "西\x1b城区", "--level", "district", "--lang", "en")
    assert "invisible control character U+001B" in esc.stderr
