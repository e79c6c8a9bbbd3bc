"""``lcity validate``: every problem of the given assessments, with file:line:column."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from indicators.problems import InputError, Problem

from ..console import dump_json, err, escape, guarded, say
from ..options import TextOrJson


@guarded
def validate(
    files: Annotated[Optional[list[Path]], typer.Argument(help="assessment files to check")] = None,
    fmt: Annotated[TextOrJson, typer.Option("--format", "-f", help="text or json")] = TextOrJson.text,
    framework: Annotated[Optional[str], typer.Option("--framework", help="override the file's framework line")] = None,
    rules: Annotated[bool, typer.Option("--rules", help="list every rule id and what it checks, then stop")] = False,
) -> None:
    """Check self-assessments and report every problem with file:line:column.

    Exit code: 0 valid (warnings allowed), 1 invalid, 2 unreadable or unsafe.

    Example: lcity validate xicheng-2025.yaml (lcity validate --rules explains the rule ids)
    """
    if rules:
        from evaluator.checks import rule_docs

        docs = rule_docs()
        if fmt == TextOrJson.json:
            dump_json(docs)
        else:
            for rule_id, text in docs.items():
                say(f"{rule_id:18} {text}")
        return
    if not files:
        raise InputError([Problem("lcity validate", 1, 1, "error", "usage", "no file given",
                                  "e.g. lcity validate xicheng-2025.yaml", fatal=True)])

    all_problems: list[Problem] = []
    worst = 0
    for f in files:
        problems, code = check_file(f, framework)
        worst = max(worst, code)
        all_problems += problems
        if fmt == TextOrJson.text:
            for p in problems:
                say(p.text())
            n_err = sum(p.severity == "error" for p in problems)
            n_warn = len(problems) - n_err
            verdict = {0: "[green]valid[/green]", 1: "[red]invalid[/red]", 2: "[red]unreadable[/red]"}.get(
                code, "[red]internal error[/red]")
            err.print(f"{escape(str(f))}: {verdict} — {n_err} errors, {n_warn} warnings")
    if fmt == TextOrJson.json:
        dump_json({"valid": worst == 0, "exit_code": worst, "problems": [p.as_dict() for p in all_problems]})
    raise typer.Exit(worst)


def check_file(path: Path, framework: Optional[str]) -> tuple[list[Problem], int]:
    """Every problem of one file and its exit code (0, 1 or 2; 3 only for a bug in lcity).

    A valid file is also scored here, so that a file ``validate`` accepts is one that ``score``
    accepts; a crash in one file is reported for that file and the others are still checked.
    """
    from evaluator.pipeline import score
    from evaluator.reading import read

    try:
        loaded = read(path, framework=framework)
        if loaded.errors or not loaded.ok:
            return loaded.problems, 1
        score(*loaded.require())
        return loaded.problems, 0
    except InputError as exc:
        return exc.problems, 2 if exc.fatal else 1
    except Exception as exc:  # a bug: say so for this file and go on with the next
        if os.environ.get("LCITY_DEBUG"):
            raise
        return [Problem(str(path), 1, 1, "error", "internal-error",
                        f"lcity failed on this file ({type(exc).__name__}: {exc}); this is a bug, please report it",
                        "run again with LCITY_DEBUG=1 for details")], 3
