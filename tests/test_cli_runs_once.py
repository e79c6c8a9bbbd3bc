"""A process that runs several command lines builds only each run's command.

``lcity.cli._run`` registered the commands on one module-level app on every run, so a process that
ran many command lines (the test suite's in-process runner, an embedding tool) made Typer build a
growing list of commands each time: after a few hundred runs one ``validate`` took seconds.
"""

from __future__ import annotations

import typer.main

from .conftest import EXAMPLES, lcity_here as lcity


def _built(monkeypatch, *args: str) -> list[str]:
    names: list[str] = []
    real = typer.main.get_command_from_info

    def counting(*a, **k):
        info = k.get("command_info", a[0] if a else None)
        names.append(getattr(info.callback, "__name__", "?"))
        return real(*a, **k)

    monkeypatch.setattr(typer.main, "get_command_from_info", counting)
    got = lcity(*args)
    monkeypatch.setattr(typer.main, "get_command_from_info", real)
    assert got.returncode in (0, 1), got.stderr
    return names


def test_each_run_builds_only_its_command(monkeypatch):
    example = str(EXAMPLES / "qingshi-district.yaml")
    first = _built(monkeypatch, "validate", example)
    for _ in range(5):
        lcity("--help")  # every command, for the help of the whole program
        lcity("score", example)
    again = _built(monkeypatch, "validate", example)
    assert first == again == ["validate"]


def test_runs_wrap_the_help_printer_once():
    """Each run registered its commands again, and with them wrapped Typer's help printer around the
    wrapper of the run before: after some hundreds of in-process runs, a help page exceeded Python's
    recursion limit (a fresh-clone run failed test_g9fw_review_usage so)."""
    from typer import core

    for _ in range(3):
        lcity("validate", "-h")
    for cls in (core.TyperCommand, core.TyperGroup):
        method = cls.__dict__["format_help"]
        assert getattr(method, "joining", False)
        inner = method.__closure__[0].cell_contents if method.__closure__ else None
        assert not getattr(inner, "joining", False), f"{cls.__name__}.format_help is wrapped twice"
    run = lcity("--lang", "en", "review", "validate", "-h")
    assert run.returncode == 0 and "Usage" in run.stdout
