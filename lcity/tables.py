"""Tables that never hide data: folded to a terminal's width, at full width into a pipe, or CSV.

Rich draws a table at the console's width and by default cuts a cell that does not fit with '…'
— the framework id a user must copy (``china-learn…``), a rank (``1…``). Here, every table that
lcity prints on stdout goes through ``prepare``:

* on a terminal, columns fold instead of cutting, and when the longest word of every column fits
  side by side, no column is made narrower than its longest word (so words are not broken);
* into a pipe or a file, there is no width to fit: the console is made wide enough for any table
  (``lcity frameworks | cat`` shows the whole id, one row per line, for grep and cut);
* with ``--format csv`` (``set_mode``), a table is written as CSV instead of being drawn, and the
  other lines a command prints (its notes) go to stderr, so stdout is the CSV alone (several tables
  of one command are separated by an empty line).

One mechanism for every command, in ``lcity.console``, so no command needs to fit its own tables.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

#: The width of stdout when it is not a terminal: wider than any table lcity prints.
PIPE_WIDTH = 100_000
#: A word longer than this may still be folded on a terminal (a long path, a URL).
LONGEST_WORD = 32

_mode = ["table"]
_WORD = re.compile(r"\S+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def set_mode(fmt: Any) -> None:
    """``csv`` when the command was given ``--format csv`` (called by ``console.guarded``)."""
    _mode[0] = "csv" if getattr(fmt, "value", fmt) == "csv" else "table"


def csv_mode() -> bool:
    return _mode[0] == "csv"


def stdout_width(stream) -> int | None:
    """None (Rich asks the terminal) on a terminal; else wide enough that nothing is cut."""
    try:
        return None if stream.isatty() else PIPE_WIDTH
    except (AttributeError, ValueError, OSError):
        return PIPE_WIDTH


def _plain(cell: Any) -> str:
    from rich.text import Text

    if isinstance(cell, Text):
        return cell.plain
    if isinstance(cell, str):
        return Text.from_markup(cell).plain
    return "" if cell is None else str(cell)


def table_rows(table) -> list[list[str]]:
    """The header and the cells of a Rich table, as the plain text a user sees."""
    columns = table.columns
    rows = [[_plain(c.header) for c in columns]]
    for i in range(table.row_count):
        rows.append([_plain(c._cells[i]) if i < len(c._cells) else "" for c in columns])
    return rows


def table_csv(table) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(table_rows(table))
    return buf.getvalue()


def _longest_word(column) -> int:
    from rich.cells import cell_len

    texts = [_plain(column.header)] + [_plain(c) for c in column._cells]
    return max((cell_len(w) for t in texts for w in _WORD.findall(t)), default=1)


def fit(table, width: int) -> None:
    """Folds instead of cutting; keeps words whole where they fit side by side, the leftmost
    columns first (the id, the rank and the name are where a table starts)."""
    for column in table.columns:
        if column.overflow == "ellipsis":
            column.overflow = "fold"
    words = [min(_longest_word(c), LONGEST_WORD) for c in table.columns]
    frame = len(words) * 3 + 1 if table.show_edge else len(words) * 3 - 1
    floor = [min(w, 4) for w in words]
    budget = width - frame - sum(floor)
    for column, word, low in zip(table.columns, words, floor):
        if word - low > budget:
            continue
        budget -= word - low
        if column.min_width is None or column.min_width < word:
            column.min_width = word
    _share_out(table, width)


def _natural(column) -> int:
    """The widest line of the column's header and cells, unwrapped."""
    from rich.cells import cell_len

    texts = [_plain(column.header)] + [_plain(c) for c in column._cells]
    return max((cell_len(line) for t in texts for line in t.splitlines() or [""]), default=1)


def _share_out(table, width: int) -> None:
    """Widths that add up to the terminal's: Rich narrows only the widest wrapable column, so a
    table whose widest column is already at its whole-word minimum came out wider than the
    terminal (the plan table: 85 cells at 80). Every column gets its minimum; what is left goes
    first to the columns that want least more, so that short cells ("total ≥ 85") stay whole and
    the long one (a name) folds."""
    columns = table.columns
    if not columns or table.expand:
        return
    left, right = table.padding[3], table.padding[1]
    borders = len(columns) + 1 if table.show_edge else len(columns) - 1
    pads = len(columns) * (left + right) - (0 if table.pad_edge else left + right)
    room = width - borders - pads
    want = [_natural(c) for c in columns]
    low = [min(c.min_width or 1, w) for c, w in zip(columns, want)]
    if sum(want) <= room or sum(low) > room:
        return  # it fits as it is, or cannot fit whatever the widths: Rich folds as before
    extra = room - sum(low)
    widths = list(low)
    for k in sorted(range(len(columns)), key=lambda k: (want[k] - low[k], k)):
        given = min(want[k] - low[k], extra)
        widths[k] += given
        extra -= given
    for column, w in zip(columns, widths):
        column.width = w


_csv_started = [False]


def prepare(console, objects: tuple, write) -> tuple | None:
    """What the stdout console should draw of ``objects``; None when they were written as CSV
    with ``write`` (the console's safe stdout writer)."""
    from rich.table import Table

    tables = [o for o in objects if isinstance(o, Table)]
    if csv_mode():
        if not tables:
            return objects  # the caller sends the notes to stderr
        for table in tables:
            if _csv_started[0]:
                write("\n")
            write(table_csv(table))
            _csv_started[0] = True
        return None
    if console.is_terminal:
        for table in tables:
            fit(table, console.width)
    else:
        for table in tables:
            table.expand = False  # at PIPE_WIDTH an expanded table would be 100,000 columns wide
            for column in table.columns:
                if column.overflow == "ellipsis":
                    column.overflow = "fold"
    return objects


def too_narrow(console, table) -> bool:
    """Whether a terminal is too narrow for ``table`` without breaking words (then a command may
    print its rows as blocks instead, e.g. ``score --explain``); never in a pipe or in CSV."""
    if csv_mode() or not console.is_terminal:
        return False
    words = [min(_longest_word(c), LONGEST_WORD) for c in table.columns]
    return sum(words) + len(words) * 3 + 1 > console.width


def print_blocks(console, rows: list[list[str]], heads: list[str]) -> None:
    """Rows as blocks: the first cell in bold, then one wrapped line per other cell, indented;
    wrapped by Rich at word boundaries to the terminal's width."""
    from rich.padding import Padding
    from rich.text import Text

    for row in rows:
        console.print(Text(row[0], style="bold"), soft_wrap=False)
        for head, cell in zip(heads[1:], row[1:]):
            if cell:
                sep = "：" if _HAN.search(head) else ": "  # after a Chinese heading, a full-width colon
                console.print(Padding(Text(f"{head}{sep}{cell}"), (0, 0, 0, 4), expand=False), soft_wrap=False)


def speaks_recognition(fw) -> bool:
    """The framework's first outcome is a recognition (认定), as its own label says; otherwise
    tables name outcomes by the framework's labels, never 认定 / recognition (as reports do)."""
    return "认定" in fw.recognition.outcomes.recognised.zh


def outcome_heading(fw, zh: bool) -> str:
    """What the outcome line of ``lcity score`` is called in the framework's terms."""
    if speaks_recognition(fw):
        return "认定结论" if zh else "Recognition"
    return "评估结论" if zh else "Outcome"
