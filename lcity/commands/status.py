"""``lcity status``: how far a self-assessment is filled in, per dimension, and the points still open.

The same view is printed by ``lcity validate --progress`` after the problems. Counting works on a
file that is not valid yet (it reads the raw answers), so an official sees progress from the first
answer on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer


from ..console import dump_json, guarded
from ..options import MessageLang, TextOrJson
from ..progress_view import print_progress, progress_of, say_folded


@guarded
def status(
    file: Annotated[Path, typer.Argument(help="the self-assessment being filled in")],
    fmt: Annotated[TextOrJson, typer.Option("--format", "-f", help="text or json")] = TextOrJson.text,
    framework: Annotated[Optional[str], typer.Option("--framework", help="override the file's framework line")] = None,
    lang: MessageLang = None,
) -> None:
    """Show how far a self-assessment is filled in, and the points still open.

    Per dimension: answered, unknown, missing and not applicable.

    Works on an unfinished file; lcity validate --progress prints the same after the problems.

    Examples: lcity status xicheng-2025.yaml; lcity status xicheng-2025.yaml --lang zh --format json
    """
    from evaluator.progress import as_json

    from ..console import lang_for
    from .validate import check_file

    problems, code, loaded = check_file(file, framework)
    speak = lang.value if lang else lang_for(str(file))  # after reading: standard input's lang: too (G13 P1)
    if loaded is None or loaded.framework is None:
        from ..console import fail

        fail(problems, as_json=fmt == TextOrJson.json)
    if fmt == TextOrJson.json:
        rows, _ = progress_of(loaded, speak)
        dump_json(as_json(rows, speak))
        return
    print_progress("<stdin>" if str(file) == "-" else str(file), loaded, speak)  # as its problems name it
    for line in rating_lines(problems, speak):
        say_folded(line)


def rating_lines(problems, lang: str) -> list[str]:
    """``lcity validate``'s low-coverage warning, without its place: the unanswered points above
    count unknown answers too, and an official also needs to know how many of them must be
    answered before ``lcity score`` gives a grade (the same figure validate gives)."""
    from indicators.messages import say as said

    found = []
    for p in problems:
        if p.rule == "low-coverage":
            hint = said(p.hint, lang)
            found.append(said(p.message, lang) + (f"（{hint}）" if lang == "zh" else f" ({hint})"))
    return found
