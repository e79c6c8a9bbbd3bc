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
