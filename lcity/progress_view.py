"""The progress table (``lcity status``, ``lcity validate --progress``) as plain lines on stdout."""

from __future__ import annotations

from indicators.messages import Msg, say as said

from .console import say


def progress_of(loaded, lang: str) -> tuple[list, object]:
    from evaluator.progress import progress, totals

    rows = progress(loaded.marked.data if loaded.marked is not None else {}, loaded.framework)
    return rows, totals(rows)


def _right(text: str, width: int) -> str:
    """``text`` right-aligned in ``width`` terminal cells: a Chinese character takes two (with
    ``str.rjust`` the headings 已填, 无数据 stood two cells right of their numbers)."""
    from rich.cells import cell_len

    return " " * max(width - cell_len(text), 0) + text


def _points(x: float) -> str:
    """Points as the table and its summary line both say them: two decimals at most, so that a
    framework's own 25.25 points read as it wrote them (one decimal gave 25.2)."""
    return f"{round(x, 2):g}"


def _name_room(lead: int) -> int | None:
    """The cells left for a dimension's name after ``lead`` on a terminal; None in a pipe (whole lines)."""
    from .console import out

    room = out.width - lead if out.is_terminal else None
    return room if room is not None and room >= 16 else None  # too narrow to fold words: the terminal wraps


def _folded(name: str, room: int | None) -> list[str]:
    """A name in lines of at most ``room`` cells (Chinese broken between characters, a closing
    mark never starting a line), whole when there is no terminal."""
    from .tables import _wrapped, cell_width

    if room is None or cell_width(name) <= room:
        return [name]
    for short in range(0, 6):  # a hung closing mark may overrun the line: wrap a little shorter
        lines = _wrapped(name, room - short, least=8)
        if max(map(cell_width, lines)) <= room:
            break
    return lines


def print_progress(file: str, loaded, lang: str) -> None:
    """The progress table as plain aligned lines: nothing is cut at any terminal width, and the
    name comes last so that wide (Chinese) characters cannot break the alignment."""
    rows, total = progress_of(loaded, lang)
    t = lambda key, **kw: said(Msg(key, **kw), lang)  # noqa: E731
    say(t("progress.title", file=file, fw=loaded.framework.ref))
    heads = [t(k) for k in ("progress.answered", "progress.unknown", "progress.missing", "progress.na",
                            "progress.points-open")]
    from rich.cells import cell_len

    # the points not answered yet, unknown or missing, as the summary line below counts them
    table = [(r, [str(c) for c in (r.answered, r.unknown, r.missing, r.na, _points(r.points_unanswered))])
             for r in [*rows, total]]
    # each column as wide as its heading or its widest figure (10 cells each made a 92-column table
    # of one-digit counts, new-user audit #14); the names fold under their column on a terminal
    widths = [max(cell_len(h), *(len(cells[k]) for _, cells in table)) for k, h in enumerate(heads)]
    # the id column as wide as the longest id: a framework's word ids (governance, participation)
    # pushed the figures 4 to 7 cells right of their headings in a 6-cell column
    idw = max(6, *(cell_len(r.id) + 1 for r, _ in table))
    lead = idw + sum(widths) + 2 * len(widths)
    room = _name_room(lead)
    say(" " * idw + "  ".join(_right(h, w) for h, w in zip(heads, widths)) + "  " + t("progress.dimension"))
    for r, cells in table:
        name = _folded(r.name.say(lang), room)
        say(r.id + " " * (idw - cell_len(r.id)) + "  ".join(_right(c, w) for c, w in zip(cells, widths)) + "  " + name[0])
        for more in name[1:]:
            say(" " * lead + more)
    say_folded(t("progress.summary-unanswered", total=total.total, answered=total.answered, unknown=total.unknown,
                 missing=total.missing, na=total.na, open=_points(total.points_unanswered),
                 points=f"{total.points:.4g}"))
    if total.open_ids:
        more = " …" if len(total.open_ids) > 8 else ""
        say_folded(t("progress.next", ids=", ".join(total.open_ids[:8]) + more))


def say_folded(text: str) -> None:
    """A sentence folded at a terminal's edge between words (or Chinese characters), not broken
    mid-word by the terminal; whole into a pipe, one line for a script."""
    for line in _folded(text, _name_room(0)):
        say(line)
