"""``lcity upgrade``: move an assessment to the newest version of its framework."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from indicators.problems import InputError, Problem

from ..console import err, escape, guarded, stdout
from ..options import Lang


@guarded
def upgrade(
    file: Annotated[Path, typer.Argument(help="the assessment to upgrade (never changed)")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="file to write (default: print)")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="language of the comments of new questions")] = Lang.zh,
    force: Annotated[bool, typer.Option("--force", help="replace an existing output file")] = False,
) -> None:
    """Move an assessment to the newest version of its framework.

    Answers are carried over where the indicator is the same.
    New indicators, and those whose question changed, are left as value: null with their questions as comments.
    Answers with no counterpart are listed on standard error. The input file is never changed.

    Example: lcity upgrade xicheng-2024.yaml -o xicheng-2025.yaml
    """
    from indicators.loader import available, load_framework, resolve
    from evaluator.reading import read

    from ..output import check_outputs, is_stdout, write_atomic
    from ..template import render_upgrade

    check_outputs([output], [file], force)
    loaded = read(file)
    if loaded.framework is None or not isinstance(loaded.marked.data, dict):  # type: ignore[union-attr]
        raise InputError([p for p in loaded.problems if p.severity == "error"] or loaded.problems)
    old = loaded.framework
    newest = max((f for f in available() if f.id == old.id), key=lambda f: f.version)
    if newest.version <= old.version:
        err.print(f"{escape(str(file))} already uses {old.ref}, the newest version of its framework; nothing written")
        return
    chain = [load_framework(f"{old.id}@{v}") for v in range(old.version + 1, newest.version + 1)
             if any(f.id == old.id and f.version == v for f in available())]
    new = chain[-1]
    try:
        text, report = render_upgrade(old, new, chain, loaded.marked.data, lang=lang.value,  # type: ignore[union-attr]
                                      schema_path=_schema(resolve(new.ref)))
    except ValueError as exc:
        raise InputError([Problem(str(file), 1, 1, "error", "no-crosswalk", str(exc),
                                  "the newer framework needs a 'replaces:' crosswalk", fatal=True)]) from None
    if output is None or is_stdout(output):
        stdout.write(text)
    else:
        write_atomic(output, text, force=force)
    where = "standard output" if output is None or is_stdout(output) else escape(str(output))
    err.print(f"{escape(str(file))} ({old.ref}) -> {where} ({new.ref}): {len(report['carried'])} answers carried over, "
              f"{len(report['asked'])} to answer (value: null)")
    if report["changed"]:
        err.print(f"  question or answer changed, to answer again: {', '.join(report['changed'])}")
    if report["removed"]:
        err.print(f"  removed in {new.ref} (not carried over): {', '.join(report['removed'])}")
    if report["not_for_level"]:
        err.print(f"  not asked of this unit's level in {new.ref}: {', '.join(report['not_for_level'])}")
    if output is not None and not is_stdout(output):
        err.print(f"Next: fill in the new questions, then run [bold]lcity validate {escape(str(output))}[/bold]")


def _schema(fw_path: Path) -> Path | None:
    schema = fw_path.resolve().parent / "assessment.schema.json"
    return schema if schema.exists() else None
