"""A date a spreadsheet handed over as its day number is named in the hint, never read for the user.

A workbook cell formatted as a number shows Excel's and WPS's stored form of a date: 45931 for
2025-10-01 (G6, seen in passing). The file stays invalid until the user writes the date.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, strategies as st

from evaluator import dates

from .conftest import lcity_here as lcity


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_the_hint_names_the_day_a_serial_stands_for(day: dt.date) -> None:
    serial = (day - dt.date(1899, 12, 30)).days
    for given_as in (serial, str(serial)):
        message, hint = dates.check(given_as)
        assert "is not a date in the form YYYY-MM-DD" in message
        assert hint.startswith(f"{serial} is how a spreadsheet stores {day.isoformat()}")


@given(st.integers(min_value=0, max_value=10**7).filter(lambda n: not 32874 <= n <= 73415))
def test_other_numbers_get_the_usual_hint(n: int) -> None:
    assert dates.check(n)[1] == dates.HINT and dates.check(str(n))[1] == dates.HINT


def test_a_workbook_date_cell_holding_a_serial(tmp_path: Path) -> None:
    import openpyxl

    assert lcity("init", "-o", "form.xlsx", cwd=tmp_path).returncode == 0
    wb = openpyxl.load_workbook(tmp_path / "form.xlsx")
    ws = wb["基本情况"]
    row = next(r for r in ws.iter_rows() if r[1].value == "date")
    row[2].value = 45931
    wb.save(tmp_path / "form.xlsx")
    for lang, said in (("en", "45931 is how a spreadsheet stores 2025-10-01: write that date if it is the one meant"),
                       ("zh", "45931 是电子表格中 2025-10-01 这一天的存储形式：如指这一天，请照此写出")):
        got = lcity("validate", "form.xlsx", "--lang", lang, cwd=tmp_path)
        assert got.returncode == 1
        line = next(x for x in got.stdout.splitlines() + got.stderr.splitlines() if f"!C{row[2].row}:" in x)
        assert said in line
