"""Fitting what ``cities``, ``benchmark`` and the pathway table print to the terminal's width:
tables that fold their columns where words and Chinese phrases may break, and notes folded between
words. Piped or as CSV, nothing folds. A module of its own so that the commands that print such
tables share it without importing each other."""

from __future__ import annotations

import re

from .console import escape, out


def folds() -> bool:
    """A table drawn on a terminal, where it must fit the terminal's width (piped or as CSV, no)."""
    from lcity.tables import csv_mode

    return out.is_terminal and not csv_mode()


#: where a cell may fold: at a space, after a hyphen or after Chinese punctuation ('数据不足，' over
#: '不予定级'); a heading also before its brackets ('总分' over '（上下界）')
_SEGMENT = re.compile(r"[^\s，、；：-]+[，、；：-]*")


def _frame(table) -> int:
    """The cells a table adds to its columns' text, as Rich lays it out: its edges and the rules
    between columns, and each column's padding. A table without edges whose padding collapses (lcity
    sensitivity's) adds 2 a column, not the 3 of a boxed one: counted as 3, its tables were taken
    for 7 cells wider than they are, and at 80 columns 'Beiling District ✓' (examples/districts) and
    the heading 等级（抽样占比） folded in tables that fit."""
    n = len(table.columns)
    left, right = table.padding[3], table.padding[1]
    if table.collapse_padding:  # two neighbours' padding is one
        left = 0
    rules = (n + 1 if table.show_edge else n - 1) if table.box else 0
    return rules + n * (left + right) - (0 if table.pad_edge else left + right)


def fit_to_terminal(table, order: list[int]) -> None:
    """On a terminal, the columns of ``order`` fold, in that order, until the table fits its width:
    each at its longest segment, so a word or a Chinese phrase folds where it may (a heading before
    its brackets); only when that is not enough are words folded anywhere, the widest text column
    first (a figure never). Left to Rich and ``lcity.tables.fit``, the cities table was drawn 85 to
    88 cells wide at 80 columns (each row broken again by the terminal) and '国际化导向型' was cut
    into '国际化导向' and '型'. Piped or as CSV, nothing folds."""
    from rich.cells import cell_len

    from lcity.tables import table_rows

    if not folds():
        return
    columns = [list(column) for column in zip(*table_rows(table))]
    widths = [max(map(_longest, column)) for column in columns]  # a cell of two lines is as wide as its longer
    excess = sum(widths) + _frame(table) - out.width
    for i in order:
        if excess <= 0:
            break
        head = columns[i][0].replace("（", "\n（").replace(" (", "\n(")
        texts = [line for text in (head, *columns[i][1:]) for line in text.split("\n")]
        floor = max(cell_len(w) for text in texts for w in _SEGMENT.findall(text) or [""])
        words = max(cell_len(w) for text in texts for w in text.split() or [""])
        narrower = max(floor, widths[i] - excess)
        if words > narrower:  # a word (or a Chinese phrase) folds only where it may
            narrower = floor
        if narrower < widths[i]:
            if narrower < cell_len(columns[i][0]):
                table.columns[i].header = head
            excess, widths[i] = excess - (widths[i] - narrower), narrower
    text = [i for i in order if not table.columns[i].no_wrap]  # a figure is never cut
    while excess > 0 and any(widths[i] > 4 for i in text):  # still too wide: fold inside words, the widest first
        widest = max(text, key=lambda i: widths[i])
        excess, widths[widest] = excess - 1, widths[widest] - 1
    for column, width in zip(table.columns, widths):
        column.min_width = column.max_width = width  # as laid out here, not cut again evenly by Rich
    _fold_chinese(table, [i for i in text if widths[i] < max(map(_longest, columns[i]))], widths)


def _longest(text: str) -> int:
    """The cells of a cell's longest line (a range drawn on two lines, '-8.99 to' over '+1.01')."""
    from rich.cells import cell_len

    return max(map(cell_len, text.split("\n")))


def _fold_chinese(table, folded: list[int], widths: list[int]) -> None:
    """The Chinese cells of the columns that fold, broken here between characters by lcity.tables'
    _wrapped, as ``score`` breaks them: Rich broke them anywhere, so a line of the trend table began
    with '）' or '、' ('（获得感' / '）', G15 #14). A cell with markup is left to Rich."""
    from rich.cells import cell_len

    from lcity.tables import _HAN, _wrapped

    for i in folded:
        column, width = table.columns[i], widths[i]
        cells = list(column._cells)
        for k, cell in enumerate(cells):
            if not isinstance(cell, str) or "[" in cell or "\\" in cell or not _HAN.search(cell):
                continue
            if cell_len(cell) > width:
                lines = _wrapped(cell, width, least=2)
                if any(cell_len(x) > width for x in lines):  # a mark hung past the edge: a little narrower
                    lines = _wrapped(cell, width - 2 if width >= 6 else width, least=2)
                cells[k] = "\n".join(lines)
        column._cells = cells


def line(text: str, hang: int | None = None, head: str = "") -> None:
    """A line of plain text (no markup) under the tables: on a terminal folded by lcity.tables'
    _wrapped, between words and between Chinese characters, its further lines indented by ``hang``
    (else as the first); piped, whole, one line for a script. Rich folds only at spaces: the
    terminal broke a 300-column note mid-word (G1 audit #14), and '    → ' stood alone above a
    Chinese model practice that Rich moved whole to the next line. ``head``: markup printed before
    the text on its first line (a coloured "注"), folded as its plain text."""
    from rich.text import Text

    plain = Text.from_markup(head).plain
    if not folds():
        out.print(head + escape(text), soft_wrap=False)
        return
    from lcity.tables import _wrapped

    whole = plain + text
    lead = len(whole) - len(whole.lstrip(" "))
    more = lead if hang is None else hang
    # at least 20 cells a line, but never wider than a narrow terminal (20-40 columns, G30H-5)
    lines = _wrapped(whole.strip(), out.width - max(lead, more), least=min(20, max(8, out.width - max(lead, more))))
    for k, line in enumerate(lines):
        if k == 0 and plain.strip() and line.startswith(plain.strip()):
            out.print(" " * lead + head.strip() + escape(line[len(plain.strip()):]), soft_wrap=False)
            continue
        out.print(" " * (lead if k == 0 else more) + escape(line), soft_wrap=False)


def title(text: str) -> str:
    """A table's title as a terminal shows it: each of its lines folded between words or Chinese
    characters to the terminal's width (Rich does not fold a title, so the terminal broke a
    127-column one mid-word); piped, as it is."""
    if not folds():
        return text
    from lcity.tables import _wrapped

    return "\n".join(part for line in text.split("\n") for part in _wrapped(line, out.width, least=20))
