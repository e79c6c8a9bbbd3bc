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
    """Points as the table and its summary line both say them: one decimal at most."""
    return f"{round(x, 1):g}"


def print_progress(file: str, loaded, lang: str) -> None:
    """The progress table as plain aligned lines: nothing is cut at any terminal width, and the
    name comes last so that wide (Chinese) characters cannot break the alignment."""
    rows, total = progress_of(loaded, lang)
    t = lambda key, **kw: said(Msg(key, **kw), lang)  # noqa: E731
    say(t("progress.title", file=file, fw=loaded.framework.ref))
    heads = [t(k) for k in ("progress.answered", "progress.unknown", "progress.missing", "progress.na",
                            "progress.points-open")]
    from rich.cells import cell_len

    width = max(10, *(cell_len(h) for h in heads))  # "points open" is 11 wide
    say("      " + "  ".join(_right(h, width) for h in heads) + "  " + t("progress.dimension"))
    for r in [*rows, total]:
        # the points not answered yet, unknown or missing, as the summary line below counts them
        cells = [r.answered, r.unknown, r.missing, r.na, _points(r.points_unanswered)]
        say(f"{r.id:<6}" + "  ".join(_right(str(c), width) for c in cells) + "  " + r.name.say(lang))
    say(t("progress.summary-unanswered", total=total.total, answered=total.answered, unknown=total.unknown,
          missing=total.missing, na=total.na, open=_points(total.points_unanswered),
          points=f"{total.points:.4g}"))
    if total.open_ids:
        more = " …" if len(total.open_ids) > 8 else ""
        say(t("progress.next", ids=", ".join(total.open_ids[:8]) + more))
