"""Workbooks and ``lcity convert`` after the second red-team round (audit-r2.md, D2–D6): what a user
sees when a note holds a line separator, a name holds a line break, a Profile row holds an answer,
a dotted key runs too deep or a cell holds a number typed with an input-method slip; and that
``lcity upgrade`` and ``lcity review init`` write their schema beside the form, as ``lcity init`` does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators.problems import InputError

from .conftest import EXAMPLES, lcity_here as lcity

QINGSHI = EXAMPLES / "qingshi-district.yaml"
NOTE = "note: 本区适用省级条例，河西市尚未出台地方性法规"
openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """The Qingshi example as a workbook, as ``lcity convert`` writes it."""
    path = tmp_path_factory.mktemp("wb") / "base.xlsx"
    assert lcity("convert", str(QINGSHI), str(path), "--lang", "en").returncode == 0
    return path


def edited(base: Path, out: Path, sheet: str, edit) -> Path:
    wb = openpyxl.load_workbook(base)
    edit(wb[sheet])
    wb.save(out)
    return out


def row_of(ws, col: int, value: str) -> int:
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, col).value == value)


# --- D2: text YAML folds (U+0085, U+2028, U+2029) survives YAML → XLSX → YAML ----------------------------
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("ab 第一段#:'\"\\-\t\n") + ["\x85", "\u2028", "\u2029", "\u200b"]),
               min_size=1, max_size=12).filter(lambda s: s.strip(" \t\n\x85\u2028\u2029\u200b")))
def test_a_note_survives_yaml_to_workbook_and_back(note):
    """Either both ways keep the note exactly, or convert refuses it by name: never a file that
    reads back as other text."""
    from indicators.safeyaml import load_text
    from lcity.convert import convert

    text = QINGSHI.read_text(encoding="utf-8").replace(NOTE, "note: " + json.dumps(note), 1)
    try:
        workbook, _ = convert(text.encode("utf-8"), "q.yaml", "xlsx", lang="en")
    except InputError as exc:  # refused on the way in: named at the note
        assert all(p.rule == "convert-loss" and "B1" in str(p.message) for p in exc.problems), exc.problems
        return
    yaml_back, _ = convert(workbook, "q.xlsx", "yaml", lang="en")  # a workbook lcity wrote converts back
    back = load_text(yaml_back.decode("utf-8"), "back.yaml").data
    assert back["answers"]["B1"]["note"] == note


def test_a_line_separator_in_a_note_is_written_as_an_escape_and_validates(tmp_path):
    yaml_in = tmp_path / "ls.yaml"
    yaml_in.write_text(QINGSHI.read_text(encoding="utf-8").replace(NOTE, 'note: "第一段\\L第二段\\P第三段"', 1),
                       encoding="utf-8")
    workbook, back = tmp_path / "ls.xlsx", tmp_path / "back.yaml"
    assert lcity("convert", str(yaml_in), str(workbook), "--lang", "en").returncode == 0
    assert lcity("convert", str(workbook), str(back), "--lang", "en").returncode == 0
    text = back.read_text(encoding="utf-8")
    assert '"第一段\\u2028第二段\\u2029第三段"' in text  # one line, readable, no raw separator
    assert "\u2028" not in text and "\u2029" not in text
    assert lcity("validate", str(back), "--lang", "en").returncode == 0


# --- D3: a line break in a file name stays on one line of output --------------------------------------------
def test_a_file_name_with_a_line_break_is_one_line_of_output(base, tmp_path):
    hostile = tmp_path / "nl\ncity: {}.xlsx"
    hostile.write_bytes(base.read_bytes())
    back = tmp_path / "nl\nback.yaml"
    proc = lcity("convert", str(hostile), str(back), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "nl\\nback.yaml" in proc.stderr and "nl\nback" not in proc.stderr
    assert "# converted from nl\\x0acity: {}.xlsx (lcity convert)" in back.read_text(encoding="utf-8")
    bad = edited(base, tmp_path / "nl\nbad.xlsx", "Indicators",
                 lambda ws: ws.cell(row_of(ws, 1, "D1"), 9, "550万"))
    proc = lcity("validate", str(bad), "--lang", "en")
    assert proc.returncode == 1
    assert len((proc.stdout + proc.stderr).strip().splitlines()) == 2, proc.stdout + proc.stderr


# --- D4: a key too deep for YAML is named at its cell --------------------------------------------------------
@pytest.mark.parametrize("parts, refused", [(49, False), (50, True)])
def test_a_dotted_key_too_deep_for_yaml_is_named_at_its_cell(base, tmp_path, parts, refused):
    deep = edited(base, tmp_path / "deep.xlsx", "Profile",
                  lambda ws: ws.cell(row_of(ws, 2, "city.name.en"), 2, "city." + ".".join(["a"] * parts)))
    out = tmp_path / "deep.yaml"
    proc = lcity("convert", str(deep), str(out), "--lang", "en")
    if not refused:
        assert proc.returncode == 0 and out.exists(), proc.stderr
        return
    assert proc.returncode == 1 and not out.exists()
    assert "deep.xlsx:Profile!B4: error too-deep: this key nests deeper than 50 levels" in proc.stderr, proc.stderr


# --- D5: an answer typed in the Profile sheet is refused, by validate and by convert -------------------------
def test_an_answer_in_the_profile_sheet_is_refused_where_it_was_typed(base, tmp_path):
    def add_row(ws):
        ws.insert_rows(5)
        ws.cell(5, 1, "B1")
        ws.cell(5, 2, "answers.B1.value")
        ws.cell(5, 3, "own_regulation")

    hostile = edited(base, tmp_path / "ans.xlsx", "Profile", add_row)
    proc = lcity("validate", str(hostile), "--lang", "en")
    assert proc.returncode == 1
    assert ("ans.xlsx:Profile!B5: error unknown-key: 'answers.B1.value' sets an answer, but answers are read "
            "from the Indicators sheet only") in proc.stdout
    assert "enter it in the row of B1 on the Indicators sheet, then delete this row" in proc.stdout
    zh = lcity("validate", str(hostile), "--lang", "zh")
    assert "请在“指标”工作表 B1 所在行填写" in zh.stdout
    out = tmp_path / "ans.yaml"
    proc = lcity("convert", str(hostile), str(out), "--lang", "en")
    assert proc.returncode == 1 and not out.exists()  # converting would drop what was typed
    assert "ans.xlsx:Profile!B5: error unknown-key" in proc.stderr


# --- D6: a number slip in a cell is named with the figure to type --------------------------------------------
@pytest.mark.parametrize("sheet, key_col, key, value_col, typed, said", [
    ("Indicators", 1, "D1", 9, "５５０００００", "'５５０００００' is written in full-width digits; type 5500000"),
    ("Indicators", 1, "D1", 9, "5,500,000", "'5,500,000' has thousands separators; type 5500000"),
    ("Profile", 2, "city.population", 3, "82万", "'82万' uses 万/亿; type the full number, 820000"),
])
def test_a_number_slip_in_a_cell_names_the_figure_to_type(base, tmp_path, sheet, key_col, key, value_col, typed, said):
    slip = edited(base, tmp_path / "slip.xlsx", sheet, lambda ws: ws.cell(row_of(ws, key_col, key), value_col, typed))
    proc = lcity("validate", str(slip), "--lang", "en")
    assert proc.returncode == 1
    assert said in proc.stdout, proc.stdout
    assert "correct the cell in Excel or WPS" in proc.stdout
    assert "line " not in proc.stdout  # a cell has no line and column to name


# --- upgrade writes its schema beside the form, as init does -------------------------------------------------
def test_upgrade_names_a_schema_beside_the_form(tmp_path):
    out = tmp_path / "q2.yaml"
    assert lcity("upgrade", str(QINGSHI), "-o", str(out), "--lang", "en").returncode == 0
    first = out.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=china-learning-city-2.en.schema.json"
    schema = json.loads((tmp_path / "china-learning-city-2.en.schema.json").read_text(encoding="utf-8"))
    assert "answers" in schema["properties"]
    printed = lcity("upgrade", str(QINGSHI), "--lang", "en").stdout
    assert "$schema" not in printed  # printed, there is no folder to put a schema in


def test_review_init_names_a_schema_beside_the_form(tmp_path):
    out = tmp_path / "q.review.yaml"
    assert lcity("review", "init", str(QINGSHI), "-o", str(out), "--lang", "en").returncode == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=review.schema.json"
    assert json.loads((tmp_path / "review.schema.json").read_text(encoding="utf-8"))["properties"]
    assert "$schema" not in lcity("review", "init", str(QINGSHI), "--lang", "en").stdout


def test_a_full_width_date_names_the_date_to_write(base, tmp_path):
    """In a cell and in YAML alike: the same date in half-width digits, not only "not a date"."""
    slip = edited(base, tmp_path / "date.xlsx", "Profile", lambda ws: ws.cell(row_of(ws, 2, "date"), 3, "２０２５-０４-１５"))
    yaml_in = tmp_path / "date.yaml"
    yaml_in.write_text(QINGSHI.read_text(encoding="utf-8").replace('date: "2025-04-15"', 'date: "２０２５-０４-１５"', 1),
                       encoding="utf-8")
    for path, where in ((slip, "date.xlsx:Profile!C24:"), (yaml_in, "date.yaml:34:7:")):
        en = lcity("validate", str(path), "--lang", "en")
        assert en.returncode == 1
        assert (f"{where} error wrong-type: date: '２０２５-０４-１５' is written in full-width digits "
                "(write it in half-width digits: 2025-04-15)") in en.stdout, en.stdout
        assert "请改用半角数字：2025-04-15" in lcity("validate", str(path), "--lang", "zh").stdout
