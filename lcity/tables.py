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


#: a CSV cell a spreadsheet would run as a formula (OWASP "CSV injection"): = @ tab CR, or + - not
#: followed by a plain number ("+1.00" and "-0.5" stay figures)
_FORMULA = re.compile(r"^[=@\t\r]|^[+-](?![\d.,]+%?$)")


def csv_safe(text: str) -> str:
    """A cell as text a spreadsheet shows, never runs: a unit named '=HYPERLINK(…)' or a file
    named '=cmd|…' was written as typed, and summary.csv opens in Excel by its BOM. The JSON
    keeps the real value."""
    return "'" + text if _FORMULA.match(text) else text


def table_csv(table) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([[csv_safe(c) for c in row] for row in table_rows(table)])
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
    return fw.speaks_recognition()


def outcome_heading(fw, zh: bool) -> str:
    """What the outcome line of ``lcity score`` is called in the framework's terms."""
    if speaks_recognition(fw):
        return "认定结论" if zh else "Recognition"
    return "评估结论" if zh else "Outcome"


def _without(table, note: int):
    """A borderless grid of ``table``'s columns but ``note``, with its header and cells (markup kept)."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    kept = [c for k, c in enumerate(table.columns) if k != note]
    for column in kept:
        grid.add_column(justify=column.justify, overflow="fold", no_wrap=column.no_wrap)
    grid.add_row(*(f"[bold]{_plain(c.header)}[/bold]" for c in kept))
    for i in range(table.row_count):
        grid.add_row(*(c._cells[i] if i < len(c._cells) else "" for c in kept))
    return grid


def _one_row(cells: list, widths: list[int], template) -> Any:
    """One row of the narrow layout: the cells at the widths the whole listing was laid out with,
    so the rows line up as one table's would."""
    from rich.table import Table

    row = Table.grid(padding=(0, 2))
    for width, column in zip(widths, template.columns):
        row.add_column(justify=column.justify, overflow="fold", width=width, no_wrap=column.no_wrap)
    row.add_row(*cells)
    return row


def fits(console, table) -> bool:
    """Whether ``table`` fits the terminal with every cell on one line (never folded)."""
    if csv_mode() or not console.is_terminal:
        return True
    frame = len(table.columns) * 3 + 1 if table.show_edge else len(table.columns) * 3 - 1
    return sum(_natural(c) for c in table.columns) + frame <= console.width


#: punctuation that never starts a line of Chinese (the line-start rule of GB/T 15834): Rich
#: wraps Chinese anywhere, so a line can begin with "）"
NO_LINE_START = frozenset("，。、；：！？）》」』】〕”’),;:!?")  # the ASCII marks too: an English value list of Chinese items


def hang_punctuation(lines: list[str]) -> list[str]:
    """Wrapped lines with each line-starting closing mark hung at the end of the line before, as
    Chinese typesetting does (the line before grows by that mark, which is why callers wrap a
    little short of the terminal)."""
    done: list[str] = []
    for line in lines:
        while done and line and line[0] in NO_LINE_START:
            done[-1], line = done[-1] + line[0], line[1:]
        if line or not done:
            done.append(line)
    return done


#: what cannot be broken inside a line: a run of Latin letters, digits and signs; Chinese breaks
#: between any two characters (and its punctuation hangs, ``hang_punctuation``)
_UNBREAKABLE = re.compile(r"[^\s\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+|\S")

#: a no-break space (U+00A0) glues what it stands between into one token, printed as a plain space:
#: "H\u00a0校地联盟…" keeps a dimension's id with its name where a line folds ('…；H' above '校地联盟…'
#: read as two things, G13 P4); any other space is a place to break
_TOKENS = re.compile(rf"(?:{_UNBREAKABLE.pattern})(?:\u00a0(?:{_UNBREAKABLE.pattern}))*|[^\S\u00a0]+|\u00a0")


#: opening marks, which never end a line of Chinese (GB/T 15834)
NO_LINE_END = frozenset("（《「『【〔“‘(")


def _runs(column) -> int:
    """A column's longest unbreakable run (``_UNBREAKABLE``), capped at ``LONGEST_WORD``."""
    from rich.cells import cell_len

    return min(LONGEST_WORD, max((cell_len(w) for t in (_plain(c) for c in column._cells)
                                  for w in _UNBREAKABLE.findall(t)), default=1))


def _grid_widths(grid, width: int) -> list[int]:
    """Column widths for the narrow layout: a column that never wraps (a score, a state) at its
    full width; the others at their longest unbreakable run, then given what is left, those that
    want least more first, each at most an equal share of what is left (so a short value stays
    whole, and a long name and a long value fold side by side). Rich's own layout
    measures a Chinese sentence as one word and then cut every column, the scores too."""
    columns = grid.columns
    want = [_natural(c) for c in columns]
    room = width - 2 * (len(columns) - 1)
    widths = [w if c.no_wrap else min(w, max(_runs(c), 4)) for c, w in zip(columns, want)]
    extra = room - sum(widths)
    needy = sorted((k for k in range(len(columns)) if want[k] > widths[k]), key=lambda k: (want[k] - widths[k], k))
    for n, k in enumerate(needy):
        # an equal share of what is left at most: given all of it, the column wanting less (a list of
        # values) left a long name 6 cells, three characters a line (G15 #5)
        given = max(0, min(want[k] - widths[k], extra // (len(needy) - n)))
        widths[k] += given
        extra -= given
    return widths


def _unbreakable_width(grid) -> int:
    """The width ``grid`` needs with each column at its longest unbreakable run (capped at
    ``LONGEST_WORD``) and its padding."""
    runs = [_natural(c) if c.no_wrap else _runs(c) for c in grid.columns]
    return sum(runs) + 2 * (len(runs) - 1)


def _wrapped(text: str, width: int, least: int = 10) -> list[str]:
    """``text`` in lines of at most ``width`` cells: broken at spaces, or between two Chinese
    characters (Rich breaks only at spaces, so a Chinese sentence went whole onto a line of its
    own and was then cut anywhere); a run of Latin letters and digits is kept whole where it fits.
    A closing mark that would start a line takes the character before it down with it (GB/T 15834's
    push-in): hung at the end of a full line, '），' made it 82 cells on an 80-column terminal,
    which broke it again at its last space."""
    from rich.cells import cell_len

    width = max(width, least)
    lines: list[str] = []
    toks: list[str] = []  # the current line, token by token
    for token in _TOKENS.findall(text):
        if token.isspace():
            if toks:
                toks.append(" ")
            continue
        if cell_len(token) > width:  # longer than a line (a URL): on lines of its own, folded
            if toks:
                lines.append("".join(toks).rstrip())
            toks = []
            while cell_len(token) > width:
                cut = max(1, next(k for k in range(len(token), 0, -1) if cell_len(token[:k]) <= width))
                lines.append(token[:cut])
                token = token[cut:]
        if toks and cell_len("".join(toks) + token) > width:
            carry = _pushed_down(toks) if token[0] in NO_LINE_START else []
            # an opening mark never ends a line: it goes down here, where the next line is still measured
            # (moved down after the wrap, '（' made '（高出本单位平均2个百分点，未' 29 cells in 28, G31T)
            while not carry and len(toks) > 1 and toks[-1] in NO_LINE_END:
                carry.insert(0, toks.pop())
            lines.append("".join(toks).rstrip())
            toks = carry
        toks.append(token)
    lines.append("".join(toks).rstrip())
    lines = [x for x in lines if x] or [""]
    for k in range(len(lines) - 1):  # an opening mark never ends a line: it goes down with its word
        while lines[k] and lines[k][-1] in NO_LINE_END:
            lines[k], lines[k + 1] = lines[k][:-1], lines[k][-1] + lines[k + 1]
    # only where nothing could go down; a no-break space is a space to the reader
    return [x.replace("\u00a0", " ") for x in hang_punctuation([x for x in lines if x] or [""])]


def _pushed_down(toks: list[str]) -> list[str]:
    """The tokens at the end of a full line that go down with the closing mark that follows it: the
    closing marks already there and the word or character before them, taken from ``toks`` (which
    keeps the rest); of a word alone on its line, its last character. None when even that would
    leave the line empty (a line one character wide: the mark then hangs)."""
    k = len(toks)
    while k and (toks[k - 1].isspace() or toks[k - 1][:1] in NO_LINE_START):
        k -= 1
    if k == 1 and len(toks[0]) > 1:  # one word fills the line (a folded URL): its last character goes down,
        word = toks[0]                # with the closing marks it ends in ('…1”' then '、': '1”、' starts the next)
        j = len(word) - 1
        while j > 0 and word[j] in NO_LINE_START:
            j -= 1
        if j == 0:  # nothing but marks after its first character: the marks hang
            return []
        carry = [word[j:], *toks[1:]]
        del toks[1:]
        toks[0] = word[:j]
        return carry
    if k <= 1:
        return []
    carry = toks[k - 1:]
    del toks[k - 1:]
    return carry


def _folded(row: list, widths: list[int], grid) -> list:
    """A row's Chinese cells broken into lines here (``_wrapped``: no line starts with '，'), as
    Rich breaks them anywhere; a cell without Chinese, or in a column that never wraps, as it is."""
    done = []
    for cell, width, column in zip(row, widths, grid.columns):
        text = _plain(cell)
        if column.no_wrap or not _HAN.search(text) or cell_width(text) <= width:
            done.append(cell)
        else:
            from rich.text import Text

            # room for a hung mark; a narrow column (a name at 50 columns) is wrapped to its own
            # width, not to 10 cells that Rich then cut again ("中国学习" / "型" / "城市建设" / "评")
            room = width - 4 if width >= 14 else width - 2
            done.append(Text("\n".join(_wrapped(text, room, least=2))))
    return done


def cell_width(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def print_with_notes(console, table, note: int, whole: bool = False) -> None:
    """``table``, its column ``note`` (a long text: the why of ``score --explain``, a path) put on
    its own line under each row where the table does not fit the terminal. Drawn side by side at
    80 columns, that column got what the others left (14 cells: ten lines per indicator) or one
    (``lcity frameworks``: a path one letter per line). Piped, as CSV, or where it fits, the table
    is drawn as it is; on a terminal too narrow even for the other columns, one block per row
    (``print_blocks``). ``whole``: the note is one thing to copy (a path), printed unbroken on its
    line, which the terminal wraps softly: a path folded at the edge was two lines to copy."""
    from rich.console import Group
    from rich.text import Text

    if fits(console, table):
        console.print(table)
        return
    rows = table_rows(table)
    grid = _without(table, note)
    if _unbreakable_width(grid) > console.width:
        if table.title:
            console.print(table.title)
        print_blocks(console, rows[1:], rows[0])
        return
    widths = _grid_widths(grid, console.width)
    header, *cells = [[c._cells[i] for c in grid.columns] for i in range(grid.row_count)]
    parts: list = [Text(_plain(table.title), style="italic")] if table.title else []
    parts += [_one_row(header, widths, grid), Text("─" * min(console.width, sum(widths) + 2 * (len(widths) - 1)), style="dim")]
    for row, plain in zip(cells, rows[1:]):
        parts.append(_one_row(_folded(row, widths, grid), widths, grid))
        if plain[note] and whole and cell_width(plain[note]) + 4 > console.width:
            console.print(Group(*parts), soft_wrap=False)
            console.print(Text("    " + plain[note]), soft_wrap=True)  # unbroken: the terminal wraps it
            parts = []
        elif plain[note]:
            parts += [Text("    " + line) for line in _wrapped(plain[note], console.width - (8 if _HAN.search(plain[note]) else 5))]
    if parts:
        console.print(Group(*parts), soft_wrap=False)


def option_labels(fw, lang: str, level: str | None = None) -> dict[str, dict[str, str]]:
    """indicator id -> {choice or checklist item id: its label in ``lang``}, from the framework and
    each level's variant of an indicator, so that a table shows 本市自建, not ``own_regulation``
    (an id is what the file holds, not what an official reads). With a unit's ``level``, its own
    variant's label comes first: a district reads 所在城市建有…, as its form and report say, not
    the city's 本市建有…."""
    found: dict[str, dict[str, str]] = {}
    for ind in fw.indicators():
        variants = getattr(ind, "by_level", None) or {}
        own = variants.get(level) if level is not None else None
        answers = [getattr(own, "answer", None), ind.answer, *(getattr(v, "answer", None) for v in variants.values())]
        for answer in answers:
            for option in (getattr(answer, "choices", None) or getattr(answer, "items", None) or []):
                found.setdefault(ind.id, {}).setdefault(option.id, option.get(lang))
    return found


def label_of(labels: dict[str, dict[str, str]], indicator: str, value: Any) -> str:
    """A choice id as its label (the id itself when the framework has none for it)."""
    return labels.get(indicator, {}).get(str(value), str(value))
