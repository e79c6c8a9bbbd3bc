"""Where each cell of a workbook's sheet stands, checked before its values are read (audit G19-C3).

A sheet's XML gives every row as ``<row r="7">`` and every cell inside it as ``<c r="I7">``: the
row number twice. A spreadsheet program writes the two alike, rows top to bottom and the cells of
a row left to right. A crafted file need not: ``<c r="I8">`` written inside row 7, a cell past
Excel's last row, the same cell twice. openpyxl's streaming reader (which lcity uses, so that a
sheet claiming a million rows costs nothing) places such a cell by the ``<row>`` it sits in, its
full reader by the cell's own reference, and Excel "repairs" the file in a way of its own: the
value lcity scored was not the value a reviewer saw in the cell. A sheet whose cells do not stand
where they say is refused at that cell, as a damaged workbook, never read one way or the other.

``misplaced`` is the rule, on the references alone (a pure function); ``check_sheet`` streams a
sheet's XML through it, placing a cell without a reference as openpyxl does (after the last one).
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from .messages import Msg

#: the last row and column (XFD) of an Excel sheet
LAST_ROW = 1_048_576
LAST_COL = 16_384

_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,9})$")
_SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ROW_TAG = f"{{{_SHEET_NS}}}row"


def column_letters(col: int) -> str:
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell_ref(ref: str) -> tuple[int, int] | None:
    """(row, column) of a reference such as I7, or None when it is none (openpyxl reports those)."""
    m = _REF.match(ref.strip())
    if not m:
        return None
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def _row_number(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        try:
            value = float(text)
        except ValueError:
            return None
        return int(value) if value.is_integer() else None


def misplaced(rows: Iterable[tuple[str | None, list[str | None]]], sheet: str) -> tuple[str, Msg] | None:
    """The first cell (its name, such as I8) that does not stand where its sheet says, with what is
    wrong, or None. ``rows`` gives each ``<row>``'s ``r`` and the ``r`` of each cell in it, in
    file order (None where there is none: the next row, the next column, as openpyxl reads it).
    References that are no cell name at all are left to openpyxl's reader, which refuses them."""
    last_row = 0
    for row_r, cells in rows:
        row = _row_number(row_r) if row_r is not None else last_row + 1
        if row is None:
            return None
        if row < 1 or row > LAST_ROW:
            return f"A{row}", Msg("xlsx.row-past-end", sheet=sheet, row=f"{row:,}", last=f"{LAST_ROW:,}")
        if row <= last_row:
            key = "xlsx.xml-row-twice" if row == last_row else "xlsx.row-out-of-order"
            return f"A{row}", Msg(key, sheet=sheet, row=row, after=last_row)
        last_row = row
        last_col = 0
        for cell_r in cells:
            if cell_r is None:
                at = (row, last_col + 1)
            else:
                at = _cell_ref(cell_r)
                if at is None:
                    return None
            name = f"{column_letters(at[1])}{at[0]}"
            if at[0] > LAST_ROW or at[1] > LAST_COL or at[0] < 1:
                return name, Msg("xlsx.cell-past-end", sheet=sheet, cell=name, last=f"XFD{LAST_ROW}")
            if at[0] != row:
                return name, Msg("xlsx.cell-other-row", sheet=sheet, cell=name, row=row)
            if at[1] <= last_col:
                if at[1] == last_col:
                    return name, Msg("xlsx.cell-twice", sheet=sheet, cell=name)
                return name, Msg("xlsx.cell-out-of-order", sheet=sheet, cell=name,
                                 after=f"{column_letters(last_col)}{row}")
            last_col = at[1]
    return None


def _rows(source) -> Iterator[tuple[str | None, list[str | None]]]:
    """Each ``<row>`` of a sheet's XML (a file object) with the references of its children, streamed
    with the same parser openpyxl uses (defusedxml when installed): openpyxl reads every child of a
    row as a cell."""
    from openpyxl.xml.functions import iterparse

    for _, element in iterparse(source):
        if element.tag == _ROW_TAG:
            yield element.get("r"), [child.get("r") for child in element]
            element.clear()


def check_sheet(ws) -> tuple[str, Msg] | None:
    """``misplaced`` of a read-only openpyxl worksheet, read from its XML part; None for a sheet of
    another kind (one that was not streamed has no XML left to look at)."""
    source = getattr(ws, "_get_source", None)
    if source is None:
        return None
    with source() as src:
        return misplaced(_rows(src), ws.title)
