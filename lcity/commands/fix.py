"""``lcity fix``: rewrite input-method slips (full-width punctuation, 是/否, 15%, 550万, "12") in place.

Only rewrites with exactly one right answer are made, as text edits at the characters where the
slips were typed, so every comment, blank line and indentation stays as the user wrote it. The
diff is always shown; the file changes only with ``--write``, atomically, never silently.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Annotated, Optional

import typer

from indicators.messages import Msg, pick_lang, say as said

from ..console import chosen_lang, err, escape, guarded, say, typed
from ..options import MessageLang

#: rounds of fixing: text slips first, then the slips seen once the text reads as YAML
_ROUNDS = 3


def _problems(text: str, file: str, framework: Optional[str]) -> list:
    from evaluator.reading import read_string
    from indicators.problems import InputError

    try:
        return read_string(text, file=file, framework=framework).problems
    except InputError as exc:
        return exc.problems


def planned(text: str, file: str, framework: Optional[str]) -> tuple[str, int, list]:
    """The fixed text, how many rewrites it took, and the problems left for the user."""
    from indicators.slips import apply, scan

    count = 0
    for _ in range(_ROUNDS):
        slips = [s[:4] for s in scan(text)] or [p.fix for p in _problems(text, file, framework) if p.fix is not None]
        fixed = apply(text, slips)
        if fixed == text:
            break
        count += len(slips)
        text = fixed
    return text, count, [p for p in _problems(text, file, framework) if p.fix is None]


@guarded
def fix(
    file: Annotated[Path, typer.Argument(help="the self-assessment to fix")],
    write: Annotated[bool, typer.Option("--write", help="make the rewrites in the file (default: only show the diff)")] = False,
    framework: Annotated[Optional[str], typer.Option("--framework", help="override the file's framework line")] = None,
    lang: MessageLang = None,
) -> None:
    """Rewrite input-method slips: a diff first, the file changed only with --write.

    Safe rewrites: full-width colons, commas, spaces, brackets and digits, 是/否 for true/false,
    15% for 15, 550万 for 5500000, "12" for 12. Comments and layout are kept.

    Exit code: 0 nothing left to fix by hand, 1 problems remain (run lcity validate), 2 unreadable.

    Examples: lcity fix xicheng-2025.yaml (shows a diff); lcity fix xicheng-2025.yaml --write
    """
    from indicators.safeyaml import decode_bytes, read_bytes
    from indicators.xlsx import looks_like_workbook

    from ..output import rewrite_in_place

    from ..stdin import is_stdin, read_input

    if write and is_stdin(file):  # standard input has no file to write back to
        from indicators.problems import InputError, Problem

        raise InputError([Problem("<stdin>", 1, 1, "error", "usage", Msg("hostile.fix-stdin-write"),
                                  Msg("hostile.hint-fix-stdin-write"), fatal=True)])
    data, name = read_input(file, read_bytes)  # read once: the text fixed is the text checked
    piped = is_stdin(file)
    file = Path(name) if piped else file  # messages and the diff name <stdin>
    if looks_like_workbook(data, str(file)):  # a workbook holds cells, not text to rewrite
        from indicators.problems import InputError, Problem

        raise InputError([Problem(str(file), 1, 1, "error", "usage", Msg("xlsx.fix-workbook"),
                                  Msg("xlsx.hint-fix-workbook", file=typed(file), yaml=typed(file.with_suffix(".yaml"))),
                                  fatal=True)])
    text = decode_bytes(data, str(file))
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""  # written back as it was
    speak = pick_lang(lang.value if lang else chosen_lang[0], text)
    fixed, count, left = planned(text, str(file), framework)
    t = lambda key, **kw: said(Msg(key, **kw), speak)  # noqa: E731
    if fixed == text:
        err.print(escape(t("fix.none", file=str(file))))
    else:
        for line in difflib.unified_diff(text.splitlines(keepends=True), fixed.splitlines(keepends=True),
                                         f"{file}", f"{file} (fixed)"):
            say(line.rstrip("\n"))
        if write:
            rewrite_in_place(file, bom + fixed.encode("utf-8"))
            err.print(escape(t("fix.wrote", file=str(file), n=count)))
        else:
            err.print(escape(t("hostile.fix-would-stdin" if piped else "fix.would", file=str(file), n=count)))
    errors = [p for p in left if p.severity == "error"]
    if errors:
        err.print(escape(t("fix.left", file="-" if piped else typed(file), n=len(errors))))
    raise typer.Exit(1 if errors else 0)
