"""What the user sees on the terminal: two consoles, problems, exit codes, and the guard that
turns every user or machine condition into a message instead of a traceback.

Machine output (``--format json``) goes to stdout and nothing else does; messages, progress and
summaries go to stderr. Exit codes: 0 success (warnings allowed); 1 the input is invalid or has
findings; 2 a file cannot be read, is unsafe, would be overwritten, or the command was misused;
3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Callable, Optional

import typer
from rich.console import Console
from rich.markup import escape

from indicators.problems import InputError, Problem

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

def print_problems(problems: list[Problem]) -> None:
    for p in problems:
        colour = "red" if p.severity == "error" else "yellow"
        loc = escape(f"{p.file}:{p.line}:{p.col}:")
        hint = f" [dim]({escape(p.hint)})[/dim]" if p.hint else ""
        err.print(f"{loc} [{colour}]{p.severity}[/{colour}] {escape(p.rule)}: {escape(p.message)}{hint}")


def fail(problems: list[Problem]) -> None:
    print_problems(problems)
    raise typer.Exit(2 if any(p.fatal for p in problems) else 1)


def guarded(fn: Callable) -> Callable:
    """Turns user mistakes into messages and exit codes; never shows a traceback for them."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except InputError as exc:
            fail(exc.problems)
        except KeyboardInterrupt:
            err.print("interrupted")
            raise typer.Exit(130)
        except BrokenPipeError:
            raise typer.Exit(0)
        except Exception as exc:  # a bug, not a user mistake
            if os.environ.get("LCITY_DEBUG"):
                raise
            err.print(f"[red]internal error[/red]: {escape(type(exc).__name__)}: {escape(str(exc))}")
            err.print("[dim]This is a bug in lcity. Run again with LCITY_DEBUG=1 for details and report it.[/dim]")
            raise typer.Exit(3)

    return wrapper


def note_warnings(file: Path, loaded) -> None:
    warnings = [p for p in loaded.problems if p.severity == "warning"]
    if warnings:
        err.print(f"[yellow]{len(warnings)} warnings[/yellow] (unanswered indicators or missing profile figures); "
                  f"run [bold]lcity validate {escape(str(file))}[/bold] to see them")


def share(x: Optional[float]) -> str:
    return "—" if x is None else f"{x * 100:.0f}%"


