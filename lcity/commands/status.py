"""``lcity status``: how far a self-assessment is filled in, per dimension, and the points still open.

The same view is printed by ``lcity validate --progress`` after the problems. Counting works on a
file that is not valid yet (it reads the raw answers), so an official sees progress from the first
answer on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from indicators.messages import Msg, pick_lang, say as said

from ..console import dump_json, guarded, say
from ..options import MessageLang, TextOrJson


def progress_of(loaded, lang: str) -> tuple[list, object]:
    from evaluator.progress import progress, totals

    rows = progress(loaded.marked.data if loaded.marked is not None else {}, loaded.framework)
    return rows, totals(rows)


def print_progress(file: str, loaded, lang: str) -> None:
    """The progress table as plain aligned lines: nothing is cut at any terminal width, and the
    name comes last so that wide (Chinese) characters cannot break the alignment."""
    rows, total = progress_of(loaded, lang)
    t = lambda key, **kw: said(Msg(key, **kw), lang)  # noqa: E731
    say(t("progress.title", file=file, fw=loaded.framework.ref))
    heads = [t(k) for k in ("progress.answered", "progress.unknown", "progress.missing", "progress.na",
                            "progress.points-open")]
    say("      " + "  ".join(f"{h:>10}" for h in heads) + "  " + t("progress.dimension"))
    for r in [*rows, total]:
        cells = [r.answered, r.unknown, r.missing, r.na, f"{r.points_open:.4g}"]
        say(f"{r.id:<6}" + "  ".join(f"{c!s:>10}" for c in cells) + "  " + r.name.say(lang))
    say(t("progress.summary", total=total.total, answered=total.answered, unknown=total.unknown,
          missing=total.missing, na=total.na, open=f"{total.points_open:.4g}", points=f"{total.points:.4g}"))
    if total.open_ids:
        more = " …" if len(total.open_ids) > 8 else ""
        say(t("progress.next", ids=", ".join(total.open_ids[:8]) + more))


@guarded
def status(
    file: Annotated[Path, typer.Argument(help="the self-assessment being filled in")],
    fmt: Annotated[TextOrJson, typer.Option("--format", "-f", help="text or json")] = TextOrJson.text,
    framework: Annotated[Optional[str], typer.Option("--framework", help="override the file's framework line")] = None,
    lang: MessageLang = None,
) -> None:
    """Show how far a self-assessment is filled in: answered, unknown, missing and not applicable
    per dimension, and the points still open.

    Works on an unfinished file; lcity validate --progress prints the same after the problems.

    Examples: lcity status xicheng-2025.yaml; lcity status xicheng-2025.yaml --lang zh --format json
    """
    from evaluator.progress import as_json

    from .validate import check_file, file_text

    speak = pick_lang(lang.value if lang else None, file_text(file))
    problems, code, loaded = check_file(file, framework)
    if loaded is None or loaded.framework is None:
        from ..console import fail

        fail(problems, as_json=fmt == TextOrJson.json)
    if fmt == TextOrJson.json:
        rows, _ = progress_of(loaded, speak)
        dump_json(as_json(rows, speak))
        return
    print_progress(str(file), loaded, speak)
