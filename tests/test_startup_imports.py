"""What a command that succeeds loads: mechanism, not the clock (issue 9's start-up figure is
measured in bench/score.py). Typer's error and help printer (``typer.rich_utils``, which brings
Rich's markdown, pretty and traceback modules) is set up only for a run that prints an error or a
help page; a valid file's check never needs it."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("typer.rich_utils", "markdown_it", "rich.traceback", "weasyprint", "jinja2")

_PROBE = """
import atexit, runpy, sys
atexit.register(lambda: print("LOADED", *[m for m in {heavy!r} if m in sys.modules], file=sys.stderr))
sys.argv = ["lcity", *{args!r}]
runpy.run_module("lcity", run_name="__main__")
"""


def _run(*args: str) -> tuple[int, str, str, list[str]]:
    code = _PROBE.format(heavy=HEAVY, args=list(args))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**__import__("os").environ, "COLUMNS": "80", "LANG": "C.UTF-8"})
    loaded = [line for line in proc.stderr.splitlines() if line.startswith("LOADED")][-1].split()[1:]
    return proc.returncode, proc.stdout, proc.stderr, loaded


def test_a_valid_file_is_checked_without_the_error_printer():
    code, _, err, loaded = _run("validate", "examples/qingshi-district.yaml")
    assert code == 0 and "examples/qingshi-district.yaml: valid" in err
    assert loaded == [], loaded


def test_a_usage_error_is_still_printed_by_typer_in_english_and_chinese():
    code, _, err, loaded = _run("validat", "x.yaml")
    assert code == 2 and "No such command 'validat'. Did you mean 'validate'?" in err
    assert "typer.rich_utils" in loaded
    code, _, err, _ = _run("--lang", "zh", "score", "--bogus")
    assert code == 2 and "没有选项 --bogus" in err and "No such option" not in err


def test_a_usage_error_under_json_names_the_command_not_the_interpreter():
    code, out, _, _ = _run("score", "--format", "json")
    assert code == 2
    assert '"hint": "lcity score --help"' in out


def test_help_and_version_still_exit_0():
    code, out, _, _ = _run("validate", "--help")
    assert code == 0 and "validate" in out and "FILE" in out
    code, out, _, _ = _run("--version")
    assert code == 0 and out.startswith("lcity ")
