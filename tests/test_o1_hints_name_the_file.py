"""A hint names the user's own file, ready to copy into a shell (audit N #20): "lcity status
'松岭 县.yaml'", not "lcity status 文件" / "FILE", and a name with a space or a bracket in quotes so
that pasting it runs the command on that file. Each message is asserted as the user reads it."""

from __future__ import annotations

import re
import shlex
import shutil

import pytest

from .conftest import EXAMPLES, ROOT, lcity, lcity_here

MARGIN = ROOT / "tests" / "archetypes_districts" / "xuefeng-county-west.yaml"  # one warning


def _spaced(tmp_path, source, name="松岭 县 (2025).yaml"):
    where = tmp_path / name
    shutil.copy(source, where)
    return where


def _no_placeholder(text: str) -> None:
    assert not re.search(r"lcity \w+ (文件|FILE)\b", text), text
    assert "文件.xlsx" not in text and "FILE.xlsx" not in text, text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_report_partial_hint_names_the_file_quoted(tmp_path, lang):
    form = _spaced(tmp_path, EXAMPLES / "qingshi-district.yaml")
    run = (lcity if lang == "zh" else lcity_here)("report", str(form), "--partial", "-o", str(tmp_path / "r.pdf"),
                                                   "--lang", lang)
    assert run.returncode == 2
    quoted = shlex.quote(str(form))
    assert quoted.startswith("'")
    assert f"lcity status {quoted}" in run.stderr and f"lcity score {quoted} --partial" in run.stderr, run.stderr
    _no_placeholder(run.stderr)
    assert "（请先填完表格（" not in run.stderr  # no brackets in brackets


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fix_on_a_workbook_names_the_workbook_and_the_yaml_to_convert_to(tmp_path, lang):
    book = tmp_path / "青石 区.xlsx"
    assert lcity_here("convert", str(EXAMPLES / "qingshi-district.yaml"), str(book)).returncode == 0
    run = (lcity if lang == "zh" else lcity_here)("fix", str(book), "--lang", lang)
    assert run.returncode == 2
    assert f"lcity validate {shlex.quote(str(book))}" in run.stderr, run.stderr
    assert f"lcity convert {shlex.quote(str(book))} {shlex.quote(str(tmp_path / '青石 区.yaml'))}" in run.stderr
    _no_placeholder(run.stderr)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fix_says_which_file_to_validate_for_what_is_left(tmp_path, lang):
    form = _spaced(tmp_path, EXAMPLES / "qingshi-district.yaml")
    text = form.read_text(encoding="utf-8")
    form.write_text(text.replace("reference_year:", "reference_year：", 1).replace("city:", "city_typo:", 1),
                    encoding="utf-8")
    run = (lcity if lang == "zh" else lcity_here)("fix", str(form), "--lang", lang)
    assert run.returncode == 1, run.stderr
    assert f"lcity validate {shlex.quote(str(form))}" in run.stderr.splitlines()[-1], run.stderr


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_warnings_note_names_the_file_quoted(tmp_path, lang):
    form = _spaced(tmp_path, MARGIN, "xuefeng (west).yaml")
    run = (lcity if lang == "zh" else lcity_here)("score", str(form), "--lang", lang)
    [note] = [ln for ln in run.stderr.splitlines() if "lcity validate" in ln]
    assert note.endswith(f"lcity validate {shlex.quote(str(form))}" + (" 查看" if lang == "zh" else " for the details"))


def test_a_batch_failure_line_names_the_file_to_validate_quoted(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    form = _spaced(folder, EXAMPLES / "yunling-county.yaml", "松岭 县.yaml")
    text = form.read_text(encoding="utf-8")
    form.write_text(text.replace("reference_year:", "reference_year：", 1).replace("city:", "city_typo:", 1),
                    encoding="utf-8")
    shutil.copy(EXAMPLES / "qingshi-district.yaml", folder)
    run = lcity("batch", str(folder), "-o", str(tmp_path / "out"), "--lang", "zh")
    [line] = [ln for ln in run.stderr.splitlines() if "另有" in ln]
    assert line.endswith(f"请运行 lcity validate {shlex.quote(str(form))}）"), line
