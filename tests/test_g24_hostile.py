"""G24-H: hostile and careless input, session 24 (tests/audit_cities/g24h/AUDIT.md).

H1  a workbook whose form sheet was copied (Excel names the copy "指标 (2)") with other answers in
    the copy: one sheet was read, unsaid. Now an error at the copy's first differing cell.
H2  ``lcity trend`` of two units with the same name (different city.id): "this file assesses
    '青石区', … assesses '青石区'". Now both city.ids are named.
H3/H4  Ctrl-C or SIGTERM during batch, report, sensitivity, or while lcity still imports its
    libraries: one line in the user's language, exit 130 (SIGINT) or 143 (SIGTERM), no
    traceback, no output file and no batch lock left behind. Signals are sent once the process
    shows a marker (a worker's line on a FIFO, an import reported by ``-X importtime``), never
    after a sleep; nothing here measures time.
H6  a batch folder holding one file under two names (a hard link, a symlink to a sibling): it was
    skipped under both (hard link) or ranked against itself (symlink). Now read once.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import lcity

ROOT = Path(__file__).resolve().parent.parent
QINGSHI = ROOT / "examples" / "qingshi-district.yaml"
YUNLING = ROOT / "examples" / "yunling-county.yaml"
TREND = ROOT / "examples" / "trend"
#: a guard against a hung child only (ms): the tests wait for markers, never for a time
HANG_GUARD_MS = 120_000


# --- H1: a copied form sheet -------------------------------------------------------------------


def _workbook(tmp_path: Path) -> Path:
    book = tmp_path / "qingshi.xlsx"
    proc = lcity("convert", str(QINGSHI), "-o", str(book))
    assert proc.returncode == 0, proc.stderr
    return book


def _copy_sheet(book: Path, sheet: str, name: str, edits: dict[str, object], dest: Path) -> Path:
    import openpyxl

    wb = openpyxl.load_workbook(book)
    copy = wb.copy_worksheet(wb[sheet])
    copy.title = name
    for cell, value in edits.items():
        copy[cell] = value
    wb.save(dest)
    return dest


def test_a_copied_indicators_sheet_with_other_answers_is_an_error_at_its_cell(tmp_path):
    book = _copy_sheet(_workbook(tmp_path), "指标", "指标 (2)", {"I7": 9, "I8": 99}, tmp_path / "copied.xlsx")
    zh = lcity("validate", str(book))
    assert zh.returncode == 1, zh.stderr
    line = next(x for x in (zh.stdout + zh.stderr).splitlines() if "副本" in x)
    assert "copied.xlsx:指标 (2)!I7: 错误 sheet-copy:" in line
    assert "工作表“指标 (2)”是“指标”的副本，但填报内容不同（不同的单元格：2 个）" in line
    assert "指标 (2)!I7 为 9，指标!I7 为 12；lcity 只读取“指标”" in line
    assert "再删除工作表“指标 (2)”" in line
    en = lcity("validate", str(book), "--lang", "en")
    assert en.returncode == 1
    assert ("sheet '指标 (2)' is a copy of '指标' with other answers (differing cells: 2): 指标 (2)!I7 holds 9, "
            "指标!I7 holds 12; lcity reads only '指标'") in en.stdout
    assert "Traceback" not in zh.stderr + en.stderr
    scored = lcity("score", str(book))
    assert scored.returncode == 1 and "指标 (2)!I7" in scored.stderr


def test_an_identical_copy_is_a_warning_only(tmp_path):
    book = _copy_sheet(_workbook(tmp_path), "指标", "指标 (2)", {}, tmp_path / "same.xlsx")
    proc = lcity("validate", str(book), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert ("same.xlsx:指标 (2)!A1: warning sheet-copy: sheet '指标 (2)' is a copy of '指标' with the same answers; "
            "lcity reads only '指标'") in proc.stdout


@pytest.mark.parametrize("name", ["基本情况(2)", "基本情况_2"])
def test_a_copied_profile_sheet_as_wps_or_libreoffice_names_it(tmp_path, name):
    import openpyxl

    book = _workbook(tmp_path)
    ws = openpyxl.load_workbook(book)["基本情况"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 2).value == "city.population")
    copied = _copy_sheet(book, "基本情况", name, {f"C{row}": 12345}, tmp_path / "profile.xlsx")
    proc = lcity("validate", str(copied))
    assert proc.returncode == 1, proc.stderr
    assert f"profile.xlsx:{name}!C{row}: 错误 sheet-copy:" in proc.stdout
    assert f"{name}!C{row} 为 12345，基本情况!C{row} 为 820000" in proc.stdout


# --- H2: two units of one name in a trend ------------------------------------------------------


def test_trend_names_the_city_ids_of_two_units_with_one_name(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    shutil.copy(TREND / "qingshi-2021.yaml", a)
    b.write_text((TREND / "qingshi-2023.yaml").read_text(encoding="utf-8").replace("  id: qingshi\n",
                                                                                    "  id: qingshi-north\n", 1),
                 encoding="utf-8")
    en = lcity("trend", str(a), str(b), "--lang", "en")
    assert en.returncode == 2, en.stderr
    assert ("this file assesses 'Qingshi District' with city.id 'qingshi-north', " f"{a} assesses another unit "
            "of the same name, city.id 'qingshi'") in en.stderr
    assert "give this one city.id: qingshi too" in en.stderr
    assert "b.yaml:7:7:" in en.stderr  # at the city.id that differs
    zh = lcity("trend", str(a), str(b), "--lang", "zh")
    assert "本文件评估的是“青石区”（city.id 为“qingshi-north”）" in zh.stderr
    assert "评估的是另一个同名单位（city.id 为“qingshi”）" in zh.stderr
    assert zh.stdout == en.stdout == ""


# --- H3/H4: interrupted ------------------------------------------------------------------------


def _units(tmp_path: Path) -> Path:
    folder = tmp_path / "units"
    folder.mkdir()
    shutil.copy(QINGSHI, folder / "qingshi.yaml")
    shutil.copy(YUNLING, folder / "yunling.yaml")
    return folder


def _batch_stopped(tmp_path: Path, sig: int, delay: str, *args: str) -> tuple[subprocess.CompletedProcess, Path]:
    """A batch whose unit (or ranking) hangs in the tests' delay hook, stopped by ``sig`` once the
    hook has written its line on a FIFO (the run is then inside the long part)."""
    folder, out, fifo = _units(tmp_path), tmp_path / "out", tmp_path / "started"
    os.mkfifo(fifo)
    fifo_fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1", LCITY_TEST_SCORE_DELAY=delay, LCITY_TEST_RENDER_DELAY=delay,
               LCITY_TEST_DELAY_PIDS=str(fifo))
    proc = subprocess.Popen([sys.executable, "-m", "lcity", "batch", str(folder), "-o", str(out), *args], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        poller = select.poll()
        poller.register(fifo_fd, select.POLLIN)
        assert poller.poll(HANG_GUARD_MS), "the batch never reached its hanging unit"
        proc.send_signal(sig)
        stdout, stderr = proc.communicate(timeout=HANG_GUARD_MS / 1000)
    finally:
        os.close(fifo_fd)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr), out


def _no_leftovers(out: Path) -> None:
    left = sorted(p.name for p in out.iterdir()) if out.exists() else []
    assert left == [], f"left in the output folder: {left}"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_during_a_batch_says_interrupted_and_leaves_nothing(tmp_path, jobs):
    proc, out = _batch_stopped(tmp_path, signal.SIGINT, "yunling:600", "--jobs", jobs, "--lang", "en")
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr.rstrip().splitlines()[-1] == "interrupted: no file was left half-written"
    assert "Traceback" not in proc.stderr and "leaked" not in proc.stderr
    _no_leftovers(out)


def test_sigterm_during_a_batch_exits_143_in_chinese_and_leaves_no_lock(tmp_path):
    proc, out = _batch_stopped(tmp_path, signal.SIGTERM, "yunling:600", "--jobs", "2", "--lang", "zh")
    assert proc.returncode == 143, proc.stderr
    assert proc.stderr.rstrip().splitlines()[-1] == "已中断：没有留下写了一半的文件"
    assert "Traceback" not in proc.stderr and "leaked" not in proc.stderr
    _no_leftovers(out)


def test_sigterm_while_the_ranking_is_rendered_leaves_no_output(tmp_path):
    proc, out = _batch_stopped(tmp_path, signal.SIGTERM, "ranking:600", "--jobs", "2", "--lang", "en")
    assert proc.returncode == 143, proc.stderr
    assert "interrupted" in proc.stderr and "Traceback" not in proc.stderr
    _no_leftovers(out)
    # and the next batch into the same folder runs: no stale lock
    again = lcity("batch", str(tmp_path / "units"), "-o", str(out), "--jobs", "1")
    assert again.returncode == 0, again.stderr


def _stopped_at_import(sig: int, marker: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """``lcity ARGS`` stopped by ``sig`` as soon as ``-X importtime`` reports that ``marker`` was
    imported (a module the command imports on its way: its start-up, or the part that takes long)."""
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-X", "importtime", "-m", "lcity", *args], cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        seen = []
        # read from the descriptor itself (a buffered reader would keep what comes after), in chunks:
        # read byte-wise, a loaded machine fell so far behind the import lines that the command had
        # finished before the signal came (test_sensitivity_stopped_says_it_once printed its table)
        while True:
            chunk = os.read(proc.stderr.fileno(), 65536)
            if not chunk:
                break
            seen.append(chunk)
            if marker.encode() in b"".join(seen[-2:]):
                break
        proc.send_signal(sig)
        stdout, stderr = proc.communicate(timeout=HANG_GUARD_MS / 1000)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    text = (b"".join(seen) + stderr).decode("utf-8", "replace")
    said = [x for x in text.splitlines() if not x.startswith("import time:")]
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout.decode("utf-8", "replace"), "\n".join(said))


@pytest.mark.parametrize("sig, code, lang, line", [
    (signal.SIGINT, 130, "en", "interrupted: no file was left half-written"),
    (signal.SIGTERM, 143, "zh", "已中断：没有留下写了一半的文件"),
])
def test_a_report_stopped_while_rendering_leaves_no_pdf(tmp_path, sig, code, lang, line):
    pdf = tmp_path / "qingshi.pdf"
    proc = _stopped_at_import(sig, "| weasyprint", "report", str(QINGSHI), "-o", str(pdf), "--lang", lang)
    assert proc.returncode == code, proc.stderr
    assert proc.stderr.strip() == line
    assert list(tmp_path.iterdir()) == []  # neither the PDF nor a .part file


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_ctrl_c_while_lcity_imports_its_libraries_is_one_line(sig, code):
    proc = _stopped_at_import(sig, "| typer", "report", str(QINGSHI), "-o", "/nonexistent-g24/x.pdf", "--lang", "en")
    assert proc.returncode == code, proc.stderr
    assert proc.stderr.strip() == "interrupted: no file was left half-written"


def test_sensitivity_stopped_says_it_once():
    proc = _stopped_at_import(signal.SIGTERM, "| SALib.sample.sobol", "sensitivity", str(QINGSHI), "--lang", "en")
    assert proc.returncode == 143, proc.stderr
    assert proc.stderr.strip() == "interrupted: no file was left half-written"
    assert proc.stdout == ""


# --- H6: one file, two names, in a batch folder ------------------------------------------------


def _summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_a_hard_link_inside_the_folder_is_read_once(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    shutil.copy(QINGSHI, folder / "a.yaml")
    shutil.copy(YUNLING, folder / "y.yaml")
    os.link(folder / "a.yaml", folder / "b.yaml")
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert ("b.yaml: skipped: the same file as a.yaml (a hard link: one file, two names); read once, as a.yaml"
            in proc.stderr)
    assert "a.yaml: skipped" not in proc.stderr and "ranked 2 times" not in proc.stderr
    summary = _summary(tmp_path / "out")
    assert sorted(u["file"] for u in summary["units"]) == ["a.yaml", "y.yaml"]
    assert {s["file"] for s in summary["skipped"]} == {"b.yaml"}


def test_a_symlink_to_a_sibling_is_read_once_under_the_files_own_name(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    shutil.copy(QINGSHI, folder / "b.yaml")
    shutil.copy(YUNLING, folder / "y.yaml")
    (folder / "a-link.yaml").symlink_to("b.yaml")
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1", "--lang", "zh")
    assert proc.returncode == 0, proc.stderr
    assert "a-link.yaml：已跳过：指向本文件夹内 b.yaml 的符号链接；只读取一次，按 b.yaml 计" in proc.stderr
    summary = _summary(tmp_path / "out")
    assert sorted(u["file"] for u in summary["units"]) == ["b.yaml", "y.yaml"]


def test_a_symlink_out_of_the_folder_is_still_refused(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    shutil.copy(YUNLING, folder / "y.yaml")
    (folder / "q.yaml").symlink_to(QINGSHI)
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1", "--lang", "en")
    assert "q.yaml: skipped: a symlink to a file outside the folder" in proc.stderr
    assert [u["file"] for u in _summary(tmp_path / "out")["units"]] == ["y.yaml"]
