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

The same pass reads the sheet's merged ranges (``<mergeCell ref="I7:I8"/>``, after the rows), which
openpyxl's streaming reader does not give: a spreadsheet shows a merged range as one cell holding
its top-left cell's content, so an answer cell merged with another one shows a figure in a row
that lcity reads as empty (audit G20-C7, G20-C3). ``MergedRanges`` keeps only the ranges that
cover cells the reader reads (the reader says which), each read cell at most once: a sheet that
lists a million ranges costs their parsing, not their memory, and two ranges over one cell (no
spreadsheet writes that) are a damaged sheet. A sheet listing more than ``MAX_MERGES`` is
refused as soon as the count is passed, before openpyxl's reader (which builds an object for each
range, over a gigabyte for a million) reads them.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Iterator

from .messages import Msg

#: the last row and column (XFD) of an Excel sheet
LAST_ROW = 1_048_576
LAST_COL = 16_384

#: merged ranges a sheet may list: a form has a handful; a sheet listing more is refused when the
#: count is passed, before any reader (openpyxl's included) has spent time or memory on the rest
MAX_MERGES = 10_000

_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,9})$")
_SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ROW_TAG = f"{{{_SHEET_NS}}}row"
_MERGE_TAG = f"{{{_SHEET_NS}}}mergeCell"
_VALUE_TAG = f"{{{_SHEET_NS}}}v"
_COL_TAG = f"{{{_SHEET_NS}}}col"


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


def cell_range(ref: str) -> tuple[int, int, int, int] | None:
    """(first row, first column, last row, last column) of a range such as I7:K8 (or one cell, I7),
    corners in either order; None when it names no cells of a sheet."""
    parts = ref.split(":") if isinstance(ref, str) else []
    if not 1 <= len(parts) <= 2:
        return None
    a, b = _cell_ref(parts[0]), _cell_ref(parts[-1])
    if a is None or b is None:
        return None
    (r1, r2), (c1, c2) = sorted((a[0], b[0])), sorted((a[1], b[1]))
    if r1 < 1 or c1 < 1 or r2 > LAST_ROW or c2 > LAST_COL:
        return None
    return r1, c1, r2, c2


def range_name(at: tuple[int, int, int, int]) -> str:
    """I7:K8, the name Excel gives a range (I7 for one cell)."""
    first, last = f"{column_letters(at[1])}{at[0]}", f"{column_letters(at[3])}{at[2]}"
    return first if first == last else f"{first}:{last}"


class MergedRanges:
    """The merged ranges of a sheet that the reader refuses, as the sheet's XML lists them.

    ``reads(r1, c1, r2, c2)`` gives the cells (row, column) of a range that the reader reads when
    it refuses the range, and nothing when it does not (a range over cells it never reads, or one
    whose only read cell is its top-left one, which holds what the merged cell shows). The cells are
    kept in ``covered`` (at most once each, so at most the reader's own cells); a cell two ranges
    cover, or a range that names no cells, makes the sheet ``damaged`` (the range, as written)."""

    def __init__(self, reads: Callable[[int, int, int, int], Iterable[tuple[int, int]]]):
        self.reads = reads
        self.refused: list[tuple[str, tuple[int, int, int, int]]] = []
        self.covered: dict[tuple[int, int], str] = {}
        self.damaged: str | None = None
        self.seen = 0

    @property
    def too_many(self) -> bool:
        return self.seen > MAX_MERGES

    def see(self, ref: str | None) -> None:
        self.seen += 1
        if self.damaged is not None or self.too_many:
            return
        at = cell_range(ref or "")
        if at is None:
            self.damaged = str(ref or "")[:40]
            return
        cells = list(self.reads(*at))
        if not cells:
            return
        name = range_name(at)
        if any(cell in self.covered for cell in cells):
            self.damaged = name
            return
        self.covered.update(dict.fromkeys(cells, name))
        self.refused.append((name, at))


def underflows(text: str | None) -> bool:
    """Whether a number cell's stored text (``<v>1e-400</v>``) names a figure other than 0 that a
    computer reads as 0: the reader would score it as none at all, in silence (G25-H1)."""
    if not text:
        return False
    try:
        value = float(text)
    except ValueError:
        return False
    return value == 0 and any(c in "123456789" for c in re.split("[eE]", text)[0])


class Underflows(dict):
    """The number cells of a sheet whose stored text underflows to 0: (row, column) -> the text.
    Cells without a reference are placed as openpyxl places them (after the last one)."""

    def see_row(self, row_r: str | None, row: Any) -> None:
        self.row = _row_number(row_r) if row_r is not None else getattr(self, "row", 0) + 1
        col = 0
        for cell in row:
            at = _cell_ref(cell.get("r") or "")
            col = at[1] if at is not None else col + 1
            if cell.get("t", "n") != "n" or self.row is None:
                continue
            stored = cell.find(_VALUE_TAG)
            if stored is not None and underflows(stored.text):
                self[(self.row, col)] = stored.text.strip()[:24]


class Hidden:
    """The rows and columns a sheet hides (``<row r="12" hidden="1">``, ``<col min="9" max="9"
    hidden="1">``), which openpyxl's streaming reader does not give: a filter (Data → Filter), a
    collapsed group or Hide leaves answers that lcity reads and scores but Excel does not show
    (G26-H4). Columns only up to ``last_col``: a range over the whole sheet costs nothing."""

    def __init__(self, last_col: int = 16):
        self.rows: set[int] = set()
        self.cols: set[int] = set()
        self.last_col = last_col

    def see(self, element: Any) -> None:
        if element.get("hidden") not in ("1", "true"):
            return
        if element.tag == _ROW_TAG:
            row = _row_number(element.get("r") or "")
            if row is not None:
                self.rows.add(row)
            return
        low, high = _row_number(element.get("min") or ""), _row_number(element.get("max") or "")
        if low is not None and high is not None:
            self.cols.update(range(max(low, 1), min(high, self.last_col) + 1))


def _rows(source, merges: MergedRanges | None = None, tiny: Underflows | None = None,
          hidden: Hidden | None = None) -> Iterator[tuple[str | None, list[str | None]]]:
    """Each ``<row>`` of a sheet's XML (a file object) with the references of its children, streamed
    with the same parser openpyxl uses (defusedxml when installed): openpyxl reads every child of a
    row as a cell. Each ``<mergeCell>`` is given to ``merges``, each row to ``tiny`` (the numbers
    that underflow). A row or range read is dropped from its parent at once, so memory stays flat
    however many the sheet lists."""
    from openpyxl.xml.functions import iterparse

    parents: list = []
    for event, element in iterparse(source, events=("start", "end")):
        if event == "start":
            parents.append(element)
            continue
        parents.pop()
        if element.tag == _ROW_TAG:
            if tiny is not None:
                tiny.see_row(element.get("r"), element)
            if hidden is not None:
                hidden.see(element)
            yield element.get("r"), [child.get("r") for child in element]
        elif element.tag == _MERGE_TAG:
            if merges is not None:
                merges.see(element.get("ref"))
                if merges.too_many:
                    return  # the sheet is refused: the rest is not read
        elif element.tag == _COL_TAG:
            if hidden is not None:
                hidden.see(element)
            continue
        else:
            continue
        if parents:
            parents[-1].clear()  # the row (range) and those before it: sheetData (mergeCells) keeps none


def check_sheet(ws, merges: MergedRanges | None = None, tiny: Underflows | None = None,
                hidden: Hidden | None = None) -> tuple[str, Msg] | None:
    """``misplaced`` of a read-only openpyxl worksheet, read from its XML part, with its merged
    ranges given to ``merges``, its numbers that underflow to ``tiny`` and its hidden rows and
    columns to ``hidden`` in the same pass; None for a sheet of another kind (one that was not
    streamed has no XML left to look at)."""
    source = getattr(ws, "_get_source", None)
    if source is None:
        return None
    with source() as src:
        rows = _rows(src, merges, tiny, hidden)
        found = misplaced(rows, ws.title)
        if found is None:
            for _ in rows:  # the ranges follow the rows: read to the end
                pass
        return found
