"""G18-E5 and G18-E10: the workbook form's drop-downs offer the options as an official reads them
(the labels, in the form's language), the reader takes a label typed or picked for its code, and the
workbook prints as a document (landscape, one page wide, the header row on every page) and says how
to fill it in."""

from __future__ import annotations

import json

import openpyxl
import pytest

from indicators.loader import load_framework
from indicators.xlsx import option_codes, option_entries

from .conftest import EXAMPLES, lcity_here as lcity

FW = "china-learning-city@2"
QINGSHI = EXAMPLES / "qingshi-district.yaml"


def _form(tmp_path, lang="zh"):
    book = tmp_path / f"form-{lang}.xlsx"
    made = lcity("init", "-o", str(book), "--lang", lang, "--city", "青石区" if lang == "zh" else "Qingshi District",
                 "--level", "district")
    assert made.returncode == 0, made.stderr
    return book


def _lists(wb, sheet, ref):
    """The entries the drop-down at ``ref`` offers (read from the hidden lists sheet it refers to)."""
    for dv in wb[sheet].data_validations.dataValidation:
        if ref in str(dv.sqref).split():
            name, cells = dv.formula1.split("!")
            col = cells.split(":")[0].strip("$").rstrip("0123456789").strip("$")
            ws = wb[name]
            return dv, [ws[f"{col}{r}"].value for r in range(1, ws.max_row + 1) if ws[f"{col}{r}"].value is not None]
    raise AssertionError(f"no drop-down at {ref}")


def _row(ws, ind):
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == ind)


def test_a_chinese_form_offers_the_chinese_labels(tmp_path):
    wb = openpyxl.load_workbook(_form(tmp_path))
    ws = wb["指标"]
    dv, a1 = _lists(wb, "指标", f"I{_row(ws, 'A1')}")
    assert a1 == ["无现行有效的规划或行动计划", "有规划或行动计划，但未列出可考核的量化目标",
                  "有规划或行动计划，并分解列出可考核的量化目标"]
    assert dv.errorStyle == "warning"  # a code typed as before is still let through (Excel warns)
    assert dv.formula1.startswith("lists!")  # a range, not an inline list of at most 255 characters
    _, status = _lists(wb, "指标", f"J{_row(ws, 'A1')}")
    assert status == ["不详", "不适用"]
    _, a2 = _lists(wb, "指标", f"I{_row(ws, 'A2')}")
    assert "成员单位不少于10个部门（单位）" in a2
    assert wb["lists"].sheet_state == "hidden" and wb["lists"].protection.sheet
    prompt = next(dv for dv in ws.data_validations.dataValidation if f"J{_row(ws, 'A1')}" in str(dv.sqref).split())
    assert "不详" in prompt.prompt and "not_applicable" not in prompt.prompt


def test_an_english_form_offers_the_english_labels(tmp_path):
    wb = openpyxl.load_workbook(_form(tmp_path, "en"))
    ws = wb["Indicators"]
    _, status = _lists(wb, "Indicators", f"J{_row(ws, 'A1')}")
    assert status == ["unknown", "not applicable"]
    fw = load_framework(FW)
    a1 = fw.indicator("A1").at_level("district", fw.unit_name("district"))
    _, entries = _lists(wb, "Indicators", f"I{_row(ws, 'A1')}")
    assert entries == [o.en for o in a1.answer.choices]


def test_entries_name_one_option_each():
    from indicators.models import Option

    same = [Option(id="a", zh="有", en="yes"), Option(id="b", zh="有", en="yes too"), Option(id="c", zh="a", en="c")]
    assert option_entries(same, "zh") == ["a（有）", "b（有）", "c（a）"]  # a shared label, another's code
    codes = option_codes(same)
    assert all(codes[e] == o.id for e, o in zip(option_entries(same, "zh"), same))
    assert "有" not in codes and codes["a"] == "a" and codes["yes too"] == "b"


def _typed(tmp_path, edits: dict[str, dict[str, object]], lang="zh"):
    """The worked example as a workbook with ``edits`` typed in: {indicator: {column letter: text}}."""
    book = tmp_path / f"typed-{lang}.xlsx"
    assert lcity("convert", str(QINGSHI), str(book), "--lang", lang).returncode == 0
    wb = openpyxl.load_workbook(book)
    ws = wb["指标" if lang == "zh" else "Indicators"]
    for ind, cells in edits.items():
        for col, text in cells.items():
            ws[f"{col}{_row(ws, ind)}"].value = text
    wb.save(book)
    return book


@pytest.mark.parametrize("typed", ["有规划或行动计划，并分解列出可考核的量化目标", " 有规划或行动计划，并分解列出可考核的量化目标 ",
                                   "plan_with_targets = 有规划或行动计划，并分解列出可考核的量化目标",
                                   "plan_with_targets（有规划或行动计划，并分解列出可考核的量化目标）",
                                   "Plan with quantified, assessable targets", "plan_with_targets"])
def test_a_choice_typed_as_the_form_prints_it_is_read_as_its_code(tmp_path, typed):
    fw = load_framework(FW)
    a1 = fw.indicator("A1").at_level("district", fw.unit_name("district"))
    english = next(o.en for o in a1.answer.choices if o.id == "plan_with_targets")
    typed = typed.replace("Plan with quantified, assessable targets", english)
    book = _typed(tmp_path, {"A1": {"I": typed}})
    out = lcity("validate", str(book), "--errors-only")
    assert out.returncode == 0, out.stdout + out.stderr
    yaml_out = tmp_path / "typed.yaml"
    assert lcity("convert", str(book), "-o", str(yaml_out)).returncode == 0
    assert 'value: "plan_with_targets"' in yaml_out.read_text(encoding="utf-8")


def test_a_label_that_is_no_option_is_still_named(tmp_path):
    book = _typed(tmp_path, {"A1": {"I": "有规划"}})
    out = lcity("validate", str(book))
    assert out.returncode == 1 and f"{book}:指标!I2: 错误 unknown-choice" in out.stdout


def test_status_labels_and_checklist_labels_are_read(tmp_path):
    fw = load_framework(FW)
    a2 = fw.indicator("A2").at_level("district", fw.unit_name("district"))
    labels = [o.zh for o in a2.answer.items]
    book = _typed(tmp_path, {"C1": {"I": None, "J": "不详", "L": "统计中"},
                             "J3": {"I": None, "J": "不适用", "L": "辖区内无高校"},
                             "A2": {"I": f"{labels[0]}\n{a2.answer.items[1].id}，{labels[2]}"}})
    out = lcity("score", str(book), "--format", "json")
    assert out.returncode == 0, out.stderr
    loaded = __import__("evaluator.reading", fromlist=["read"]).read(book)
    assert [p for p in loaded.problems if p.severity == "error"] == []
    answers = loaded.assessment.answers
    assert answers["C1"].status == "unknown" and answers["J3"].status == "not_applicable"
    assert answers["A2"].value == [o.id for o in a2.answer.items[:3]]
    en = _typed(tmp_path, {"C1": {"I": None, "J": "Not applicable", "L": "none"}}, lang="en")
    assert __import__("evaluator.reading", fromlist=["read"]).read(en).assessment.answers["C1"].status == "not_applicable"


def test_round_trip_keeps_the_answers_and_shows_labels(tmp_path):
    first = tmp_path / "q.xlsx"
    assert lcity("convert", str(QINGSHI), str(first)).returncode == 0
    wb = openpyxl.load_workbook(first)
    ws = wb["指标"]
    assert ws[f"I{_row(ws, 'A1')}"].value == "有规划或行动计划，并分解列出可考核的量化目标"
    back = tmp_path / "q.yaml"
    assert lcity("convert", str(first), "-o", str(back)).returncode == 0
    again = tmp_path / "q2.xlsx"
    assert lcity("convert", str(back), str(again)).returncode == 0
    scores = [json.loads(lcity("score", str(f), "--format", "json").stdout) for f in (QINGSHI, first, back, again)]
    assert len({s["total"] for s in scores}) == 1
    from evaluator.reading import read

    answers = [read(f).assessment.answers for f in (QINGSHI, first, back, again)]
    assert all(a == answers[0] for a in answers[1:])


def test_a_workbook_with_codes_still_reads(tmp_path):
    book = _typed(tmp_path, {"A1": {"I": "plan"}, "C1": {"I": None, "J": "unknown", "L": "统计中"},
                             "A2": {"I": "leading_body, ten_departments"}})
    from evaluator.reading import read

    loaded = read(book)
    assert [p for p in loaded.problems if p.severity == "error"] == []
    assert loaded.assessment.answers["A1"].value == "plan" and loaded.assessment.answers["C1"].status == "unknown"
    assert loaded.assessment.answers["A2"].value == ["leading_body", "ten_departments"]


def test_the_workbook_prints_as_a_document(tmp_path):
    wb = openpyxl.load_workbook(_form(tmp_path))
    ws = wb["指标"]
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0  # as many pages long as it takes
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_margins.left < 0.75 and "&P" in ws.oddFooter.center.text
    assert ws.column_dimensions["O"].hidden and ws["O1"].value == "type"  # the reader's codes, never printed
    profile = wb["基本情况"]
    assert profile.print_title_rows == "$1:$1" and profile.print_area.endswith("$D$28")


def test_the_workbook_says_how_to_fill_it_in(tmp_path):
    for lang, sheet, words in (("zh", "基本情况", "请填写黄色单元格"), ("en", "Profile", "Fill in the yellow cells")):
        wb = openpyxl.load_workbook(_form(tmp_path, lang))
        ws = wb[sheet]
        assert words in ws["F2"].value and ws["F1"].value in ("填写说明", "How to fill in")
        key = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == "strategy.leads_with")
        assert ws.cell(key, 3).value is None  # no literal '[]'
        assert "balance" in ws.cell(key, 4).value  # what to write, beside it
        assert ws.cell(key, 3).fill.fgColor.rgb.endswith("FFF9E0")  # a yellow cell, as the instructions say
        prompt = [dv for dv in ws.data_validations.dataValidation if ws.cell(key, 3).coordinate in str(dv.sqref).split()]
        assert prompt and "balance" in prompt[0].prompt


def test_an_empty_strategy_reads_as_none_declared(tmp_path):
    book = _form(tmp_path)
    from evaluator.reading import read

    assert read(book).assessment.strategy.leads_with == []


def _profile_cell(ws, key):
    return next(f"C{r}" for r in range(1, ws.max_row + 1) if ws[f"B{r}"].value == key)


@pytest.mark.parametrize("lang, level, region", [("zh", ["市", "区", "县"], ["东部", "中部", "西部"]),
                                                 ("en", ["city", "district", "county"], ["east", "central", "west"])])
def test_the_profile_offers_level_and_region_by_name(tmp_path, lang, level, region):
    """The profile's 层级 and 所在地区 drop-downs were the codes (district, east) in a Chinese workbook,
    and the 区 an official typed, as the sheet's own hint names it, made the form a city's (G19-B4)."""
    book = _form(tmp_path, lang)
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    assert _lists(wb, ws.title, _profile_cell(ws, "city.level"))[1] == level
    assert _lists(wb, ws.title, _profile_cell(ws, "city.region"))[1] == region
    assert ws[_profile_cell(ws, "city.level")].value == level[1]


def test_a_level_and_region_typed_by_name_are_read_as_their_codes(tmp_path):
    book = _form(tmp_path, "zh")
    wb = openpyxl.load_workbook(book)
    ws = wb.worksheets[0]
    ws[_profile_cell(ws, "city.level")] = "县"
    ws[_profile_cell(ws, "city.region")] = " 西部 "
    wb.save(book)
    out = tmp_path / "back.yaml"
    proc = lcity("convert", str(book), str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    text = out.read_text(encoding="utf-8")
    assert 'level: "county"' in text and 'region: "west"' in text
    checked = json.loads(lcity("validate", str(book), "--format", "json").stdout)
    assert not [p for p in checked["problems"] if "city.level" in p.get("path", "") or "层级" in p["message"]
                or "region" in p.get("path", "")]
    # a county's form: B1 asks the county's work plan, not the city's regulation
    assert not [p for p in checked["problems"] if p["message"].startswith("B1") and p["rule"] != "no-answer"]


def test_a_district_converted_to_a_chinese_workbook_scores_the_same(tmp_path):
    book = tmp_path / "q.xlsx"
    assert lcity("convert", str(QINGSHI), str(book), "--lang", "zh").returncode == 0
    ws = openpyxl.load_workbook(book).worksheets[0]
    assert ws[_profile_cell(ws, "city.level")].value == "区" and ws[_profile_cell(ws, "city.region")].value == "中部"
    a = json.loads(lcity("score", str(QINGSHI), "--format", "json").stdout)
    b = json.loads(lcity("score", str(book), "--format", "json").stdout)
    assert (a["total"], a["grade"], a["city"]["level"]) == (b["total"], b["grade"], b["city"]["level"])
