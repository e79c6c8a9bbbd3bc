"""Regenerate the G20-C workbook inputs from the example (FICTIONAL district), with openpyxl.
Run from /work/main:  .venv/bin/python tests/audit_hostile_g20/make_xlsx.py
Writes tests/audit_hostile_g20/inputs/x_*.xlsx (not committed)."""
import datetime
import pathlib
import subprocess

import openpyxl

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "inputs"
OUT.mkdir(exist_ok=True)
BASE = OUT / "x_base.xlsx"
subprocess.run([str(HERE.parents[1] / ".venv/bin/lcity"), "convert", str(HERE.parents[1] / "examples/qingshi-district.yaml"),
                str(BASE), "--lang", "zh", "--force"], check=True, capture_output=True)


def row_of(ws, ident):
    for row in ws.iter_rows(min_row=2):
        if row[0].value == ident:
            return row[0].row
    raise KeyError(ident)


def prof_row(ws, key):
    for row in ws.iter_rows(min_row=1):
        if row[1].value == key:
            return row[0].row
    raise KeyError(key)


def make(name, edit):
    wb = openpyxl.load_workbook(BASE)
    edit(wb)
    wb.save(OUT / name)


VAL = 9  # column I: 填报值
make("x_formula_value.xlsx", lambda wb: wb["指标"].cell(row_of(wb["指标"], "C1"), VAL, "=6*2"))
make("x_formula_profile.xlsx", lambda wb: wb["基本情况"].cell(prof_row(wb["基本情况"], "city.population"), 3, "=820000"))
make("x_date_in_count.xlsx", lambda wb: wb["指标"].cell(row_of(wb["指标"], "C1"), VAL, datetime.datetime(1900, 1, 12)))
make("x_date_in_population.xlsx", lambda wb: wb["基本情况"].cell(prof_row(wb["基本情况"], "city.population"), 3,
                                                                 datetime.datetime(2024, 1, 1)))
make("x_date_cell_date.xlsx", lambda wb: wb["基本情况"].cell(prof_row(wb["基本情况"], "date"), 3, datetime.datetime(2025, 4, 15)))
make("x_date_only_cell_date.xlsx", lambda wb: wb["基本情况"].cell(prof_row(wb["基本情况"], "date"), 3, datetime.date(2025, 4, 15)))
make("x_time_in_count.xlsx", lambda wb: wb["指标"].cell(row_of(wb["指标"], "C1"), VAL, datetime.time(12, 0)))
make("x_bool_in_count.xlsx", lambda wb: wb["指标"].cell(row_of(wb["指标"], "C1"), VAL, True))
make("x_float_period.xlsx", lambda wb: wb["基本情况"].cell(prof_row(wb["基本情况"], "period.start"), 3, 2023.0))


def merged(wb):
    ws = wb["指标"]
    r = row_of(ws, "C1")
    ws.merge_cells(start_row=r, start_column=VAL, end_row=r + 1, end_column=VAL)  # C1 and C2's values merged


make("x_merged_values.xlsx", merged)


def merged_ids(wb):
    ws = wb["指标"]
    r = row_of(ws, "C1")
    ws.merge_cells(start_row=r, start_column=1, end_row=r + 1, end_column=1)


make("x_merged_ids.xlsx", merged_ids)


def hidden_dup_sheet(wb):
    cp = wb.copy_worksheet(wb["指标"])
    cp.title = "指标 (2)"
    cp.cell(row_of(cp, "C1"), VAL, 99)
    cp.sheet_state = "hidden"


make("x_hidden_copy_sheet.xlsx", hidden_dup_sheet)


def hidden_main(wb):
    wb["指标"].sheet_state = "hidden"


make("x_hidden_main_sheet.xlsx", hidden_main)


def hidden_row(wb):
    ws = wb["指标"]
    ws.row_dimensions[row_of(ws, "C1")].hidden = True


make("x_hidden_row.xlsx", hidden_row)


def very_hidden(wb):
    ws = wb.create_sheet("x")
    ws["A1"] = "C1"
    ws.sheet_state = "veryHidden"


make("x_very_hidden_extra.xlsx", very_hidden)


def big_strings(wb):
    ws = wb.create_sheet("notes")
    for i in range(1, 20001):
        ws.cell(i, 1, f"说明{i}" * 50)


make("x_big_shared_strings.xlsx", big_strings)


def long_note(wb):
    ws = wb["指标"]
    ws.cell(row_of(ws, "C1"), 12, "长" * 32767)


make("x_long_note_cell.xlsx", long_note)


def renamed_sheets(wb):
    wb["指标"].title = "Indicators"


make("x_sheet_renamed_en.xlsx", renamed_sheets)


def nan_cell(wb):
    ws = wb["指标"]
    ws.cell(row_of(ws, "C1"), VAL, float("inf"))


try:
    make("x_inf_cell.xlsx", nan_cell)
except Exception as e:  # openpyxl may refuse
    print("inf:", e)


def error_cell(wb):
    ws = wb["指标"]
    c = ws.cell(row_of(ws, "C1"), VAL, "#DIV/0!")
    c.data_type = "e"


make("x_error_cell.xlsx", error_cell)


def neg_zero(wb):
    ws = wb["指标"]
    ws.cell(row_of(ws, "C1"), VAL, 1e308 * 10 if False else 1.7976931348623157e308)


make("x_huge_cell.xlsx", neg_zero)
