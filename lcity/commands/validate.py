"""``lcity validate``: every problem of the given assessments, with file:line:column."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape

from indicators.problems import InputError, Problem

from ..console import err, guarded
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
    from evaluator.reading import read

    if rules:
        from evaluator.checks import rule_docs

        docs = rule_docs()
        if fmt == TextOrJson.json:
            print(json.dumps(docs, ensure_ascii=False, indent=2))
        else:
            for rule_id, text in docs.items():
                print(f"{rule_id:18} {text}")
        return
    if not files:
        raise InputError([Problem("lcity validate", 1, 1, "error", "usage", "no file given",
                                  "e.g. lcity validate xicheng-2025.yaml", fatal=True)])

    all_problems: list[Problem] = []
    worst = 0
    for f in files:
        try:
            loaded = read(f, framework=framework)
            problems = loaded.problems
            code = 1 if loaded.errors or not loaded.ok else 0
        except InputError as exc:
            problems = exc.problems
            code = 2 if exc.fatal else 1
        worst = max(worst, code)
        all_problems += problems
        if fmt == TextOrJson.text:
            for p in problems:
                print(p.text())
            n_err = sum(p.severity == "error" for p in problems)
            n_warn = len(problems) - n_err
            verdict = "[green]valid[/green]" if code == 0 else ("[red]invalid[/red]" if code == 1 else "[red]unreadable[/red]")
            err.print(f"{escape(str(f))}: {verdict} — {n_err} errors, {n_warn} warnings")
    if fmt == TextOrJson.json:
        print(json.dumps({"valid": worst == 0, "exit_code": worst,
                          "problems": [p.as_dict() for p in all_problems]}, ensure_ascii=False, indent=2))
    raise typer.Exit(worst)
