"""Audit G31-H: hostile inputs (tests/audit_cities/g31h/AUDIT.md).

Each command is run as a user runs it (a process of its own: the environment is read at start),
and the tests assert the exit code and the words a user sees, in zh and en."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import ROOT, on_terminal

QINGSHI = ROOT / "examples" / "qingshi-district.yaml"


def _run(*args: str, cwd=ROOT, **env: str) -> subprocess.CompletedProcess:
    """``lcity ARGS`` in a process of its own, piped, with ``env`` added to the environment."""
    environ = dict(os.environ, NO_COLOR="1", **env)
    return subprocess.run([sys.executable, "-m", "lcity", *args], cwd=cwd, capture_output=True, text=True,
                          env=environ, timeout=120)


# --- G31H-1: COLUMNS=0, COLUMNS=1, COLUMNS=² ----------------------------------------------------


@pytest.mark.parametrize(("lang", "said"), [("en", "missing.yaml:1:1: error unreadable: no such file"),
                                            ("zh", "missing.yaml:1:1: 错误 unreadable")])
def test_columns_zero_still_shows_the_error_that_stopped_the_command(lang, said):
    """COLUMNS=0 made every line zero cells wide: exit 2 and not a word said."""
    run = _run("score", "missing.yaml", "--lang", lang, COLUMNS="0")
    assert run.returncode == 2
    assert run.stderr.startswith(said), run.stderr


def test_columns_zero_still_shows_the_score_the_usage_and_the_help():
    score = _run("score", str(QINGSHI), "--lang", "en", COLUMNS="0")
    assert score.returncode == 0 and "Policy blueprint and leadership" in score.stdout and "Grade: Pass" in score.stdout
    usage = _run("score", "--lang", "en", COLUMNS="0")
    assert usage.returncode == 2 and "Missing argument 'file'" in usage.stderr, usage.stderr
    helped = _run("--help", COLUMNS="0")
    assert helped.returncode == 0 and "validate" in helped.stdout and "Usage: " in helped.stdout
    invalid = _run("validate", str(ROOT / "tests" / "missing.yaml"), "--lang", "zh", COLUMNS="0")
    assert invalid.returncode == 2 and "missing.yaml" in invalid.stdout + invalid.stderr


@pytest.mark.parametrize("name", ["COLUMNS", "LINES"])
def test_a_digit_python_cannot_read_as_a_number_is_not_a_traceback(name):
    """COLUMNS=² (isdigit() yes, int() no) was Rich's ValueError traceback, exit 1."""
    run = _run("score", str(QINGSHI), "--lang", "en", **{name: "²"})
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr and "Grade: Pass" in run.stdout


@pytest.mark.parametrize("columns", ["0", "²"])
def test_columns_zero_on_a_terminal_is_the_terminal_width(columns):
    shown = on_terminal("score", str(QINGSHI), "--lang", "en", columns=80, code=None, COLUMNS=columns)
    assert "│ A   │ Policy blueprint and leadership" in shown, shown[:400]


def test_columns_one_is_drawn_as_the_narrowest_readable_width():
    """COLUMNS=1 printed the unit's name and every figure one letter a line."""
    shown = on_terminal("score", str(QINGSHI), "--lang", "en", columns=80, code=None, COLUMNS="1")
    lines = shown.splitlines()
    assert lines[0].startswith("Qingshi District"), lines[:3]
    assert "  score: 8.00" in lines and "  share: 100%" in lines, lines[:20]
    assert all(len(line.rstrip()) <= 20 for line in lines[:lines.index("L") + 6])


def test_sane_terminal_size_reads_what_rich_would_misread():
    from lcity.console import sane_terminal_size

    for given, kept in [("0", None), ("1", "20"), ("19", "20"), ("20", "20"), ("132", "132"), ("²", None),
                        ("٨٠", "80"), ("-5", "-5"), ("abc", "abc"), ("", "")]:
        environ = {"COLUMNS": given, "LINES": given}
        sane_terminal_size(environ)
        assert environ.get("COLUMNS") == kept, (given, environ)
    environ = {"LINES": "1"}
    sane_terminal_size(environ)
    assert environ == {"LINES": "1"}


# --- G31H-3: a PDF or workbook on a standard output that cannot take it ---------------------------


def _report_to(stdout_target, lang: str) -> subprocess.CompletedProcess:
    """``lcity report QINGSHI -o -`` with standard output closed (None) or a file opened for it."""
    environ = dict(os.environ, NO_COLOR="1")
    args = [sys.executable, "-m", "lcity", "report", str(QINGSHI), "-o", "-", "--lang", lang]
    if stdout_target is None:  # lcity report … -o - >&-
        return subprocess.run(args, stdout=None, stderr=subprocess.PIPE, text=True, env=environ, timeout=300,
                              preexec_fn=lambda: os.close(1))
    return subprocess.run(args, stdout=stdout_target, stderr=subprocess.PIPE, text=True, env=environ, timeout=300)


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "<stdout>:1:1: error unwritable: cannot write: the file is closed (standard output)"),
    ("zh", "<stdout>:1:1: 错误 unwritable: 无法写入：文件已关闭（标准输出）"),
])
def test_a_pdf_on_a_closed_standard_output_is_said_not_an_internal_error(lang, said):
    """report -o - >&- was 'internal error: AttributeError … buffer' (exit 3), after 'wrote -'."""
    run = _report_to(None, lang)
    assert run.returncode == 2, run.stderr
    assert run.stderr.startswith(said), run.stderr
    assert "internal error" not in run.stderr and "wrote" not in run.stderr and "写出" not in run.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_pdf_on_a_full_standard_output_names_standard_output_not_the_temporary_folder():
    """report -o - > /dev/full blamed 'a temporary file in /tmp, or the output' and said to set TMPDIR."""
    with open("/dev/full", "wb") as full:
        run = _report_to(full, "en")
    assert run.returncode == 2, run.stderr
    assert run.stderr.startswith("<stdout>:1:1: error unwritable: cannot write: No space left on device "
                                 "(standard output)"), run.stderr
    assert "TMPDIR" not in run.stderr and "temporary" not in run.stderr


# --- G31H-4: lcity batch given one file -----------------------------------------------------------


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "units/q.yaml:1:1: error not-a-folder: is a file, not a folder (give the folder that holds the "
           "assessments (lcity batch units), or score this one file with lcity score units/q.yaml)"),
    ("zh", "units/q.yaml:1:1: 错误 not-a-folder: 这是文件，不是文件夹（请指定存放自评文件的文件夹（lcity batch units），"
           "或用 lcity score units/q.yaml 为这一份文件评分）"),
])
def test_a_batch_of_one_file_says_it_is_a_file_not_that_no_folder_exists(tmp_path, lang, said):
    """'lcity batch units/q.yaml' was told 'no such folder' of a file that is there."""
    import shutil

    (tmp_path / "units").mkdir()
    shutil.copy(QINGSHI, tmp_path / "units" / "q.yaml")
    run = _run("batch", "units/q.yaml", "-o", "out", "--lang", lang, cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.strip() == said, run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["units"]  # no out/
    missing = _run("batch", "nowhere", "-o", "out", "--lang", "en", cwd=tmp_path)
    assert missing.returncode == 2 and "error not-a-folder: no such folder" in missing.stderr


# --- G31H-5: lcity init --city of spaces only -----------------------------------------------------


@pytest.mark.parametrize(("lang", "city", "said"), [
    ("en", "   ", "lcity init: error usage: --city holds only spaces; the form would have no name for the unit "
                  "(give the unit's name, e.g. --city 西城区, or leave --city out and write the name into the form)"),
    ("zh", "\u3000", "lcity init: 错误 usage: --city 只含空格，自评表将没有单位名称（请给出单位名称，如 --city 西城区；"
                     "或不写 --city，之后在自评表中填写名称）"),
])
@pytest.mark.parametrize("name", ["f.yaml", "f.xlsx"])
def test_init_refuses_a_city_of_spaces_and_writes_nothing(tmp_path, lang, city, said, name):
    """--city '   ' wrote a form whose name failed its own validation (blank-text) at once."""
    run = _run("init", "-o", name, "--city", city, "--lang", lang, cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.strip() == said, run.stderr
    assert list(tmp_path.iterdir()) == []


# --- G31H-8: -o new/ for a command that writes one file -------------------------------------------


@pytest.mark.parametrize(("args", "lang", "said"), [
    (("plan", str(QINGSHI), "-o", "new/"), "en",
     "'new/' ends in '/', so it names a folder, but this command writes one file: give the file's name"),
    (("report", str(QINGSHI), "-o", "reports/"), "zh", "“reports/”以“/”结尾，表示文件夹，而本命令写出的是一个文件"),
    (("init", "-o", "forms/"), "en", "'forms/' ends in '/'"),
])
def test_an_output_ending_in_a_slash_is_refused_not_written_as_a_file(tmp_path, args, lang, said):
    """'plan -o new/' wrote the plan as a file named 'new'; 'report -o reports/' a PDF named 'reports'."""
    run = _run(*args, "--lang", lang, cwd=tmp_path, COLUMNS="200")
    assert run.returncode == 2
    assert said in run.stderr, run.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_batch_folder_may_end_in_a_slash(tmp_path):
    import shutil

    (tmp_path / "units").mkdir()
    shutil.copy(QINGSHI, tmp_path / "units" / "q.yaml")
    run = _run("batch", "units/", "-o", "out/", "--lang", "en", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "out" / "summary.csv").is_file()
