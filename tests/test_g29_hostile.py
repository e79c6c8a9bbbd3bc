"""Audit G29-H: hostile inputs, and nothing left behind (tests/audit_cities/g29h/AUDIT.md).

Every command is run as a user runs it (a subprocess, its own TMPDIR where it matters); the tests
assert the exit code, the words on the terminal in zh and en, and what is left in the temporary
directory and beside the output."""

from __future__ import annotations

import os
import resource
import select
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here

EXAMPLES = ROOT / "examples"
QINGSHI = EXAMPLES / "qingshi-district.yaml"
YUNLING = EXAMPLES / "yunling-county.yaml"
HANG_GUARD_MS = 120_000


def _env(tmp: Path, **extra: str) -> dict:
    return dict(os.environ, TMPDIR=str(tmp), COLUMNS="200", NO_COLOR="1", **extra)


def _units(tmp_path: Path) -> Path:
    folder = tmp_path / "units"
    folder.mkdir()
    shutil.copy(QINGSHI, folder / "qingshi.yaml")
    shutil.copy(YUNLING, folder / "yunling.yaml")
    return folder


_SHORT_TMPS: list[str] = []


@pytest.fixture(autouse=True)
def _remove_short_tmps():
    yield
    while _SHORT_TMPS:
        shutil.rmtree(_SHORT_TMPS.pop(), ignore_errors=True)


def _own_tmp(tmp_path: Path) -> Path:
    """The batch's TMPDIR: a short folder of its own, not one under tmp_path. multiprocessing puts its
    forkserver's socket in TMPDIR, and a socket's path may hold 107 bytes: under pytest-xdist's
    tmp_path (/tmp/pytest-of-root/pytest-136/popen-gw0/test_…0/tmp/pymp-…/listener-…, 108) the workers
    could not start and the batch scored in-process, so these tests failed in the CI once the run
    number reached three digits."""
    import tempfile

    tmp = tempfile.mkdtemp(prefix="g29h-")
    _SHORT_TMPS.append(tmp)
    return Path(tmp)


# --- G28H-4: a batch's own summary.xlsx in the folder read by a batch into another folder ---------


def test_a_summary_left_in_the_folder_is_skipped_by_a_batch_into_another(tmp_path):
    folder = _units(tmp_path)
    first = lcity_here("batch", str(folder), "-o", str(folder), "--jobs", "1", "--lang", "en")
    assert first.returncode == 0, first.stderr
    (folder / "summary.xlsx").rename(folder / "2025年汇总.xlsx")  # kept under another name, too
    shutil.copy(folder / "2025年汇总.xlsx", folder / "summary.xlsx")
    en = lcity_here("batch", "units", "-o", "out", "--jobs", "1", "--lang", "en", cwd=tmp_path)
    assert en.returncode == 0, en.stderr
    assert "note units/summary.xlsx: skipped: a summary written by lcity batch, not an assessment\n" in en.stderr
    assert "note units/2025年汇总.xlsx: skipped: a summary written by lcity batch, not an assessment\n" in en.stderr
    assert "FAILED" not in en.stderr and "2 scored" in en.stderr
    zh = lcity_here("batch", "units", "-o", "out-zh", "--jobs", "1", "--lang", "zh", cwd=tmp_path)
    assert zh.returncode == 0, zh.stderr
    assert "注意 units/summary.xlsx：已跳过：是 lcity batch 写出的汇总表，不是自评表\n" in zh.stderr


def test_a_summary_this_run_replaces_is_still_said_so(tmp_path):
    folder = _units(tmp_path)
    assert lcity_here("batch", str(folder), "-o", str(folder), "--jobs", "1").returncode == 0
    again = lcity_here("batch", str(folder), "-o", str(folder), "--jobs", "1", "--force", "--lang", "en")
    assert again.returncode == 0, again.stderr
    assert "summary.xlsx: skipped: a summary written by lcity batch, not an assessment (it is replaced by this run's)" \
        in again.stderr


# --- G29H-1: a batch stopped while its workers render leaves their font folders -------------------


def _batch_rendering(tmp_path: Path, delay: str, *args: str, stop: int | None = None):
    """``lcity batch --reports`` whose unit's report hangs in the tests' delay hook. Once the hook
    has said which worker it is in (a line on a FIFO), a folder standing for the 22 MB of fonts
    WeasyPrint had copied by then is made in that worker's temporary folder, as WeasyPrint makes
    it (``tempfile.mkdtemp``, under the worker's TMPDIR); then the batch is stopped by ``stop`` or
    left to its time limit. Returns the run and what is left in the batch's TMPDIR."""
    folder, out, fifo, tmp = _units(tmp_path), tmp_path / "out", tmp_path / "started", _own_tmp(tmp_path)
    os.mkfifo(fifo)
    fifo_fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
    env = _env(tmp, LCITY_TEST_RENDER_DELAY=delay, LCITY_TEST_DELAY_PIDS=str(fifo))
    proc = subprocess.Popen([sys.executable, "-m", "lcity", "batch", str(folder), "-o", str(out), "--reports", *args],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        poller = select.poll()
        poller.register(fifo_fd, select.POLLIN)
        assert poller.poll(HANG_GUARD_MS), "the batch never reached its hanging report"
        worker_tmp = Path(os.read(fifo_fd, 4096).decode().rstrip("\n").split(" ", 2)[2])
        (worker_tmp / "weasyprint-fonts").mkdir()
        (worker_tmp / "weasyprint-fonts" / "font").write_bytes(b"\0" * 1024)
        if stop is not None:
            proc.send_signal(stop)
        stdout, stderr = proc.communicate(timeout=HANG_GUARD_MS / 1000)
    finally:
        os.close(fifo_fd)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr), sorted(p.name for p in tmp.iterdir())


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_a_batch_stopped_mid_report_leaves_nothing_in_the_temporary_folder(tmp_path, stop):
    run, left = _batch_rendering(tmp_path, "yunling:600", "--jobs", "1", "--lang", "en", stop=stop)
    assert run.returncode == (130 if stop == signal.SIGINT else 143), run.stderr
    assert "interrupted: no file was left half-written" in run.stderr
    assert "Traceback" not in run.stderr
    assert [name for name in left if not name.startswith("pymp-")] == []  # multiprocessing's own goes at its exit
    # nothing half-written: qingshi's report, finished before the stop, may stand if the batch wrote
    # it before the signal came (a race the fresh-clone CI lost once); yunling's never, nor a temp file
    out = tmp_path / "out"
    kept = sorted(p.name for p in out.iterdir()) if out.exists() else []
    assert set(kept) <= {"qingshi.pdf"}, kept
    assert all((out / name).read_bytes().rstrip().endswith(b"%%EOF") for name in kept)


def test_a_report_past_its_time_limit_leaves_nothing_in_the_temporary_folder(tmp_path):
    """The worker stuck where SIGALRM cannot reach is killed by the pool: its fonts went with it."""
    run, left = _batch_rendering(tmp_path, "yunling:600:hard", "--jobs", "1", "--timeout", "2", "--lang", "en")
    assert run.returncode == 1, run.stderr
    assert "report not written" in run.stderr and "time limit" in run.stderr
    assert [name for name in left if not name.startswith("pymp-")] == []


def test_a_batch_killed_outright_has_its_folder_removed_by_the_next(tmp_path):
    """SIGKILL leaves the batch no chance to clean up: the next batch of this user removes the
    folder once nothing holds its lock; a folder a running batch holds, or a new one, stays."""
    from lcity import batch_temp

    tmp = _own_tmp(tmp_path)
    stale, fresh, held = (tmp / f"lcity-batch-{name}" for name in ("stale", "fresh", "held"))
    for folder in (stale, fresh, held):
        (folder / "weasyprint-x").mkdir(parents=True)
    made = 1_000_000_000.0  # the folders' times and the sweep's "now" are given: no clock is read
    for folder in (stale, held):
        os.utime(folder, (made, made))
    now = made + batch_temp.SETTLE_SECONDS
    os.utime(fresh, (now - 1, now - 1))
    fd = batch_temp._lock(str(held))
    try:
        batch_temp.sweep_stale(str(tmp), now=now)
    finally:
        os.close(fd)
    assert sorted(p.name for p in tmp.iterdir()) == ["lcity-batch-fresh", "lcity-batch-held"]


# --- G29H-2: the temporary folder full while a report's fonts are copied there --------------------


def _small_files() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))  # 1 MB: a report, not its fonts


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_report_whose_fonts_cannot_be_written_names_the_temporary_folder(tmp_path, lang):
    tmp = _own_tmp(tmp_path)
    run = subprocess.run([sys.executable, "-m", "lcity", "report", str(QINGSHI), "-o", str(tmp_path / "r.pdf"),
                          "--lang", lang], cwd=ROOT, env=_env(tmp), capture_output=True, text=True, timeout=300,
                         preexec_fn=_small_files)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and not run.stderr.startswith("lcity:1:1")
    said = {"en": f"{tmp}:1:1: error unwritable: cannot write the report's fonts into this temporary folder: ",
            "zh": f"{tmp}:1:1: 错误 unwritable: 无法把报告所用字体写入此临时文件夹："}[lang]
    assert said in run.stderr
    assert ("no report was written" if lang == "en" else "未写出报告") in run.stderr
    assert list(tmp.iterdir()) == [] and not (tmp_path / "r.pdf").exists()


# --- G29H-3: summaries all or none ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_summaries_that_cannot_all_be_written_change_none(tmp_path, monkeypatch, lang):
    """The disk full at summary.xlsx: this run's summary.csv and summary.json are not put beside
    an earlier run's summary.xlsx (lcity batch's summaries go through write_together)."""
    import errno

    from indicators.messages import say
    from indicators.problems import InputError
    from lcity import output

    names = ["summary.csv", "summary.json", "summary.xlsx"]
    for name in names:
        (tmp_path / name).write_text("earlier run", encoding="utf-8")
    stage = output._stage

    def full_at_xlsx(path, data):
        if path.name == "summary.xlsx":
            raise OSError(errno.ENOSPC, "No space left on device")
        return stage(path, data)

    monkeypatch.setattr(output, "_stage", full_at_xlsx)
    with pytest.raises(InputError) as caught:
        output.write_together([(tmp_path / name, "this run") for name in names], force=True)
    (problem,) = caught.value.problems
    assert problem.file == str(tmp_path / "summary.xlsx") and problem.rule == "unwritable"
    said = {"en": "cannot write: No space left on device; none of summary.csv, summary.json, summary.xlsx was "
                  "written, and those an earlier run wrote, if any, are unchanged",
            "zh": "无法写入：磁盘已满；summary.csv、summary.json、summary.xlsx均未写出，此前运行写出的同名文件（如有）保持不变"}
    assert say(problem.message, lang) == said[lang]
    assert sorted(p.name for p in tmp_path.iterdir()) == names  # no .part file
    assert {(tmp_path / name).read_text(encoding="utf-8") for name in names} == {"earlier run"}
    monkeypatch.setattr(output, "_stage", stage)
    output.write_together([(tmp_path / name, "this run") for name in names], force=True)
    assert {(tmp_path / name).read_text(encoding="utf-8") for name in names} == {"this run"}


# --- G29H-4: a write error that names no file names the temporary folder --------------------------


def _small_limit(kb: int):
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (kb * 1024, kb * 1024))

    return limit


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_workbook_whose_temporary_sheet_cannot_be_written_names_the_temporary_folder(tmp_path, lang):
    """openpyxl writes each sheet to a temporary file first: its error names no file."""
    tmp = _own_tmp(tmp_path)
    run = subprocess.run([sys.executable, "-m", "lcity", "convert", str(QINGSHI), "-o", str(tmp_path / "q.xlsx"),
                          "--lang", lang], cwd=ROOT, env=_env(tmp), capture_output=True, text=True, timeout=300,
                         preexec_fn=_small_limit(5))
    assert run.returncode == 2, run.stderr
    said = {"en": f"(while writing a temporary file in {tmp}, or the output)",
            "zh": f"（在 {tmp} 中写临时文件或写输出文件时）"}[lang]
    assert said in run.stderr and "Traceback" not in run.stderr
    assert list(tmp.iterdir()) == [] and list(tmp_path.iterdir()) == []


def test_a_full_temporary_folder_is_said_to_be_one_place_to_free(tmp_path, monkeypatch):
    import errno
    import tempfile

    from indicators.messages import say
    from lcity.console import os_problem

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    problem = os_problem(OSError(errno.ENOSPC, "No space left on device"))
    assert say(problem.message, "en") == (f"cannot write: No space left on device (while writing a temporary file in "
                                          f"{tmp_path}, or the output)")
    assert say(problem.hint, "en").startswith("free some space on the disk that holds the temporary folder or the "
                                              "output, or name a folder on a disk with space in TMPDIR")
    piped = os_problem(OSError(errno.ENOSPC, "No space left on device"), "<stdin>")  # lcity verify -
    assert say(piped.message, "zh") == f"无法写入：磁盘已满（在 {tmp_path} 中写临时文件时）"


# --- G29H-5: a report's PDF and HTML both or neither ----------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_report_whose_html_cannot_be_written_leaves_no_pdf(tmp_path, lang):
    run = lcity_here("report", str(QINGSHI), "-o", "r.pdf", "--html", "missing/r.html", "--lang", lang, cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    assert run.stderr.startswith("missing/r.html:1:1: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no r.pdf, no .part file
    both = lcity_here("report", str(QINGSHI), "-o", "r.pdf", "--html", "r.html", "--lang", lang, cwd=tmp_path)
    assert both.returncode == 0, both.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "r.pdf"]


# --- G29H-6: --force removes the earlier run's PDF this run could not replace ----------------------


def test_a_forced_batch_removes_the_earlier_report_of_a_unit_it_could_not_report(tmp_path):
    folder = _units(tmp_path)
    first = lcity_here("batch", "units", "-o", "out", "--reports", "--jobs", "2", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "out" / "qingshi.pdf").exists()
    (folder / "qingshi.yaml").write_text("city: [\n", encoding="utf-8")  # no longer scores: no report this run
    en = lcity_here("batch", "units", "-o", "out", "--reports", "--jobs", "2", "--force", "--lang", "en", cwd=tmp_path)
    assert en.returncode == 1, en.stderr
    assert ("note out/qingshi.pdf: removed: it was an earlier run's, with that run's figures, and this run could not "
            "write its own") in en.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["ranking.pdf", "summary.csv", "summary.json",
                                                                     "summary.xlsx", "yunling.pdf"]
    shutil.copy(QINGSHI, folder / "qingshi.yaml")
    assert lcity_here("batch", "units", "-o", "out", "--reports", "--jobs", "2", "--force", cwd=tmp_path).returncode == 0
    (folder / "qingshi.yaml").write_text("city: [\n", encoding="utf-8")
    zh = lcity_here("batch", "units", "-o", "out", "--reports", "--jobs", "2", "--force", "--lang", "zh", cwd=tmp_path)
    assert "注意 out/qingshi.pdf：已删除：该文件是此前运行写出的，载有当时的数据，本次运行未能写出新的文件" in zh.stderr
