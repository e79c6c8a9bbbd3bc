"""``lcity batch`` under hostile input and environment (issue 10, and issue 9's pool): symlinks out
of the folder, files that are not assessments, *.yml names, two batches into one folder, a killed
batch, an unbounded --timeout, writes that fail, figures that must agree everywhere, and the pool's
time limits. Every case runs the CLI as a user would; none asserts the wall clock.
"""

from __future__ import annotations

import csv
import json
import os
import re
import resource
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from lcity.batch import Pool, figure, sleep_task
from lcity.batch_files import check_inside, discover
from lcity.batch_output import LOCK_NAME

from .conftest import EXAMPLES, ROOT, lcity

DISTRICTS = EXAMPLES / "districts"
SECRET = "TOPSECRET-7f3a9c"


def copy(src: Path, dest: Path) -> Path:
    dest.write_bytes(src.read_bytes())
    return dest


def rows_of(out: Path) -> list[dict]:
    return list(csv.DictReader((out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()))


def doc_of(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def leftovers(out: Path) -> list[str]:
    return [p.name for p in out.iterdir() if p.name.startswith(".")]


# --- nothing outside the folder is read, nothing foreign is echoed ---------------------------


def test_symlinks_out_of_the_folder_are_refused_and_listed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.yaml"
    secret.write_text(f"{SECRET}: 1\nframework: x\n", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    copy(DISTRICTS / "wanghu.yaml", folder / "wanghu.yaml")
    (folder / "leak.yaml").symlink_to(secret)                           # a file outside the folder
    (folder / "wanghu.review.yaml").symlink_to(secret)                  # a review, found by name, outside
    (folder / "up.yaml").symlink_to(Path("..") / "outside" / "secret.yaml")  # relative, same target
    (folder / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    os.mkfifo(folder / "pipe.yaml")                                     # reading it would block forever
    (folder / "dir.yaml").mkdir()
    (folder / "alias.yaml").symlink_to("wanghu.yaml")                   # inside the folder: read once, as wanghu (G24-H6)
    out = tmp_path / "out"
    proc = lcity("batch", str(folder), "-o", str(out), "--jobs", "2", timeout=180)
    assert proc.returncode == 0, proc.stderr
    everything = proc.stdout + proc.stderr + "".join(p.read_bytes().decode("latin-1") for p in out.iterdir())
    assert SECRET not in everything
    rows = rows_of(out)
    assert sorted(r["file"] for r in rows) == ["wanghu.yaml"]
    assert all(r["reviewed"] == "false" for r in rows)  # the review outside the folder was not applied
    skipped = {s["file"]: s["reason"] for s in doc_of(out)["skipped"]}
    assert set(skipped) == {"leak.yaml", "wanghu.review.yaml", "up.yaml", "dangling.yaml", "pipe.yaml", "dir.yaml",
                            "alias.yaml"}
    assert skipped["alias.yaml"] == "a symlink to wanghu.yaml in this folder; read once, as wanghu.yaml"
    assert "outside the folder" in skipped["leak.yaml"] and "outside the folder" in skipped["up.yaml"]
    assert "broken symlink" in skipped["dangling.yaml"]
    assert "FIFO" in skipped["pipe.yaml"] and "folder" in skipped["dir.yaml"]
    for name in skipped:
        assert re.search(rf"note .*{re.escape(name)}: skipped: ", proc.stderr), name


def test_a_framework_named_by_a_path_outside_the_folder_is_not_read(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "fw.yaml").write_text(f"{SECRET}: 1\n", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    text = (DISTRICTS / "wanghu.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^framework: .*$", f"framework: {outside / 'fw.yaml'}", text)
    (folder / "w.yaml").write_text(text, encoding="utf-8")
    copy(DISTRICTS / "linxi.yaml", folder / "linxi.yaml")
    out = tmp_path / "out"
    proc = lcity("batch", str(folder), "-o", str(out))
    assert proc.returncode == 1, proc.stderr
    raw = (out / "summary.json").read_text(encoding="utf-8") + (out / "summary.csv").read_text(encoding="utf-8")
    assert SECRET not in raw and SECRET not in proc.stderr
    (fail,) = doc_of(out)["failures"]
    assert fail["file"] == "w.yaml" and fail["status"] == "invalid"
    # a path on the framework line is refused as "not a framework id" and never opened
    assert any(p["line"] == 5 and p["file"].endswith("w.yaml") for p in fail["problems"]), fail["problems"]
    assert {r["file"]: r["status"] for r in rows_of(out)}["linxi.yaml"] == "ok"


def test_a_folder_of_only_outside_links_has_no_assessments(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.yaml").symlink_to(DISTRICTS / "wanghu.yaml")
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"))
    assert proc.returncode == 2 and "no assessment files" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_the_worker_checks_again_before_reading(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    inside = copy(DISTRICTS / "wanghu.yaml", folder / "w.yaml")
    assert check_inside(folder, inside) == ""
    inside.unlink()
    inside.symlink_to(DISTRICTS / "wanghu.yaml")  # swapped after discovery
    assert "outside the folder" in check_inside(folder, inside)


def test_a_file_that_is_not_an_assessment_is_quoted_only_as_a_short_escaped_excerpt(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    copy(DISTRICTS / "wanghu.yaml", folder / "wanghu.yaml")
    long_key = "K" * 200 + SECRET
    (folder / "keys.yaml").write_text(f'"\\e]0;PWNED\\a\\e[2J{long_key}": 1\nother: 2\nthird: 3\nfourth: 4\n',
                                      encoding="utf-8")
    (folder / "text.yaml").write_text(f"just a line of text {SECRET}\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = lcity("batch", str(folder), "-o", str(out))
    assert proc.returncode == 1
    raw = (out / "summary.json").read_text(encoding="utf-8") + (out / "summary.csv").read_text(encoding="utf-8")
    assert SECRET not in raw and SECRET not in proc.stderr
    assert "\x1b" not in proc.stderr and "\\u001b" not in raw and "\x1b" not in raw
    failures = {f["file"]: f for f in doc_of(out)["failures"]}
    assert failures["keys.yaml"]["status"] == "invalid"
    assert len(failures["keys.yaml"]["problems"]) <= 3
    assert all(len(p["message"]) <= 80 for f in failures.values() for p in f["problems"])


# --- *.yml and *.YAML, and what is skipped --------------------------------------------------------


def test_yml_and_uppercase_yaml_are_read_with_their_reviews(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    copy(DISTRICTS / "wanghu.yaml", folder / "wanghu.yml")
    copy(DISTRICTS / "beiling.yaml", folder / "beiling.YAML")
    copy(DISTRICTS / "beiling.review.yaml", folder / "beiling.review.Yml")
    (folder / "notes.txt").write_text("not yaml", encoding="utf-8")
    (folder / ".hidden.yaml").write_text("a: 1", encoding="utf-8")
    (folder / "sub").mkdir()
    out = tmp_path / "out"
    proc = lcity("batch", str(folder), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    rows = {r["file"]: r for r in rows_of(out)}
    assert set(rows) == {"wanghu.yml", "beiling.YAML"}
    assert rows["beiling.YAML"]["reviewed"] == "true" and rows["wanghu.yml"]["reviewed"] == "false"
    skipped = {s["file"]: s["reason"] for s in doc_of(out)["skipped"]}
    assert skipped == {"notes.txt": "not an assessment file (*.yaml, *.yml, *.xlsx)", ".hidden.yaml": "a hidden file",
                       "sub": "a folder (files in sub-folders are not read)"}
    assert "notes.txt: skipped: not an assessment file" in proc.stderr
    assert "3 entries skipped" in proc.stderr


def test_discovery_of_review_names_is_case_insensitive(tmp_path):
    for name in ("a.yaml", "a.review.YAML", "a.review-2.yml", "b.YML", "c.review.yaml"):
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    found = discover(tmp_path)
    assert [(u.file, [r.name for r in u.reviews]) for u in found.units] == [
        ("a.yaml", ["a.review-2.yml", "a.review.YAML"]), ("b.YML", [])]
    assert [p.name for p in found.orphan_reviews] == ["c.review.yaml"]


# --- one batch per output folder; workers die with the batch -------------------------------------


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return False


#: A hang guard only: every wait below ends on an event (a line in the FIFO, a process exit); this
#: bound is reached only if the mechanism under test is broken, and it is far beyond any load.
HANG_GUARD_MS = 600_000


def _wait_for_lines(fifo_fd: int, batch: subprocess.Popen, n: int) -> list[str]:
    """Reads n lines from the workers' FIFO, or stops when the batch process exits first."""
    poller = select.poll()
    poller.register(fifo_fd, select.POLLIN)
    batch_fd = os.pidfd_open(batch.pid)
    poller.register(batch_fd, select.POLLIN)
    data = b""
    try:
        while data.count(b"\n") < n:
            ready = {fd for fd, _ in poller.poll(HANG_GUARD_MS)}
            if fifo_fd in ready:
                data += os.read(fifo_fd, 4096)
            elif batch_fd in ready or not ready:
                break
    finally:
        os.close(batch_fd)
    return data.decode().splitlines()


def _wait_for_exits(pids: list[int]) -> list[int]:
    """Waits (on pidfds: the kernel says when each exits) for every pid; returns those still alive."""
    fds = {}
    for pid in pids:
        try:
            fds[os.pidfd_open(pid)] = pid
        except ProcessLookupError:
            continue
    poller = select.poll()
    for fd in fds:
        poller.register(fd, select.POLLIN)
    waiting = set(fds)
    try:
        while waiting:
            ready = {fd for fd, _ in poller.poll(HANG_GUARD_MS)}
            if not ready:
                break
            for fd in ready & waiting:
                poller.unregister(fd)
            waiting -= ready
    finally:
        for fd in fds:
            os.close(fd)
    return [fds[fd] for fd in waiting if _alive(fds[fd])]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and PR_SET_PDEATHSIG are Linux's")
def test_second_batch_is_refused_and_workers_die_with_a_killed_batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in ("wanghu", "baiyang"):
        copy(DISTRICTS / f"{n}.yaml", folder / f"{n}.yaml")
    out, fifo = tmp_path / "out", tmp_path / "started"
    os.mkfifo(fifo)
    fifo_fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # read-write: the workers' opens never block
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1", LCITY_TEST_SCORE_DELAY="wanghu:600,baiyang:600",
               LCITY_TEST_DELAY_PIDS=str(fifo))
    first = subprocess.Popen([sys.executable, "-m", "lcity", "batch", str(folder), "-o", str(out), "--jobs", "2"],
                             cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        lines = _wait_for_lines(fifo_fd, first, 2)
        assert len(lines) == 2, f"the workers never started their (hung) units: {lines}"
        workers = [int(line.split()[0]) for line in lines]
        # the mechanism: each worker asked the kernel for SIGKILL when its parent dies
        assert [int(line.split()[1]) for line in lines] == [signal.SIGKILL] * 2
        assert all(_alive(w) for w in workers) and first.pid not in workers

        second = lcity("batch", str(folder), "-o", str(out), "--force")
        assert second.returncode == 2, second.stderr
        assert f"another lcity batch (pid {first.pid}) is writing into this folder" in second.stderr
        assert not (out / "summary.csv").exists()

        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        left = _wait_for_exits(workers)
        assert left == [], f"workers still running after their batch was killed: {left}"
    finally:
        os.close(fifo_fd)
        if first.poll() is None:
            first.kill()
            first.wait()
    # the lock died with the batch: the next batch runs (the stale lock file does not block it)
    third = lcity("batch", str(folder), "-o", str(out))
    assert third.returncode == 0, third.stderr
    assert not (out / LOCK_NAME).exists()


# --- --timeout is bounded ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["inf", "1e12", "nan", "0", "-5", "3601"])
def test_timeout_out_of_bounds_is_a_usage_error(tmp_path, value):
    out = tmp_path / "out"
    proc = lcity("batch", str(DISTRICTS), "-o", str(out), "--timeout", value)
    assert proc.returncode == 2, proc.stderr
    assert "--timeout" in proc.stderr and "0.1 to 3600" in proc.stderr
    assert "Traceback" not in proc.stderr and not out.exists()


# --- writes that fail ----------------------------------------------------------------------------


def _limited(limit: int):
    def preexec():  # RLIMIT_FSIZE: a write beyond it fails with EFBIG ("File too large"), even as root
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return preexec


def _batch_with_file_limit(limit: int, *args: str) -> subprocess.CompletedProcess:
    # no bytecode written under the limit: a .pyc cut short would be kept and break later imports
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "lcity", "batch", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=180, preexec_fn=_limited(limit))


def test_a_pdf_that_cannot_be_written_marks_its_unit_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in ("wanghu", "linxi"):
        copy(DISTRICTS / f"{n}.yaml", folder / f"{n}.yaml")
    out = tmp_path / "out"
    (out / "wanghu.pdf").mkdir(parents=True)  # a folder where the PDF goes: the OS refuses the rename
    proc = lcity("batch", str(folder), "-o", str(out), "--reports", "--jobs", "2", "--force", timeout=240)
    assert proc.returncode == 1, proc.stderr
    rows = {r["file"]: r for r in rows_of(out)}
    bad = rows["wanghu.yaml"]
    assert bad["status"] == "report_failed" and bad["total"] != "" and bad["rank"] != ""
    assert bad["error"].startswith(f"{out / 'wanghu.pdf'}:1:1: 错误 ")  # the ranking's language (zh units)
    assert f"{folder / 'wanghu.yaml'}: report not written: {out / 'wanghu.pdf'}" in proc.stderr
    assert rows["linxi.yaml"]["status"] == "ok" and (out / "linxi.pdf").read_bytes().startswith(b"%PDF-")
    assert (out / "wanghu.pdf").is_dir() and (out / "ranking.pdf").is_file()
    assert leftovers(out) == []  # no temporary file, no lock


def test_a_full_disk_while_rendering_marks_the_units_and_the_summaries_are_written(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    copy(DISTRICTS / "wanghu.yaml", folder / "wanghu.yaml")
    out = tmp_path / "out"
    proc = _batch_with_file_limit(32 * 1024, str(folder), "-o", str(out), "--reports", "--jobs", "1")
    assert proc.returncode == 1, proc.stderr
    (row,) = rows_of(out)
    assert row["status"] == "report_failed" and row["total"] != ""
    # the fonts WeasyPrint copies into the temporary folder are the first to fail (G29H-2), said in the summaries' language
    assert "无法把报告所用字体写入此临时文件夹：文件过大" in row["error"]
    assert "无法把报告所用字体写入此临时文件夹：文件过大" in doc_of(out)["ranking"]["error"]
    assert sorted(p.name for p in out.iterdir()) == ["summary.csv", "summary.json", "summary.xlsx"]  # no partial PDF, no lock


def test_a_summary_that_cannot_be_written_is_exit_2_with_no_partial_file(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    copy(DISTRICTS / "wanghu.yaml", folder / "wanghu.yaml")
    out = tmp_path / "out"
    proc = _batch_with_file_limit(200, str(folder), "-o", str(out))
    assert proc.returncode == 2, proc.stderr
    assert f"{out / 'summary.csv'}:1:1: error unwritable: cannot write: File too large" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert list(out.iterdir()) == []


# --- one rounding for every output ---------------------------------------------------------------


def test_figures_are_rounded_once_half_up():
    assert figure(2.675) == 2.68 and round(2.675, 2) == 2.67  # Python's round sees 2.67499999...
    assert figure(17.4449) == 17.44 and figure(0.1235, 3) == 0.124
    assert f"{figure(17.45):.2f}" == "17.45" and f"{17.45:.1f}" == "17.4"  # the old second rounding


def test_ranking_pdf_shows_the_summary_figure_not_a_second_rounding():
    from reports.ranking import build_ranking_context

    unit = {"rank": 1, "file": "a.yaml", "name": "A", "name_zh": "甲", "level": "district", "total": 17.45,
            "grade": "g", "grade_zh": "g", "recognition": "refused", "recognition_name": "r",
            "recognition_name_zh": "r", "pathway": None, "pathway_name": None, "pathway_name_zh": None,
            "confidence": 0.125, "coverage": 1.0, "reviewed": False, "period": "2024", "parent": None,
            "date": None, "shares": {}}
    ctx = build_ranking_context({"units": [unit], "dimensions": [], "frameworks": [], "failures": [], "files": 1,
                                 "recognition_line": 60, "floor": 0.6})
    assert ctx["rows"][0]["total"] == "17.45" and ctx["rows"][0]["confidence"] == "0.125"


def test_every_output_shows_the_same_totals(tmp_path):
    from pypdf import PdfReader

    folder = tmp_path / "in"
    folder.mkdir()
    names = ["wanghu", "lanjiang", "beiling", "linxi", "dongbin"]
    for n in names:
        copy(DISTRICTS / f"{n}.yaml", folder / f"{n}.yaml")
    copy(DISTRICTS / "lanjiang.review.yaml", folder / "lanjiang.review.yaml")
    out = tmp_path / "out"
    proc = lcity("batch", str(folder), "-o", str(out), "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    rows, units = rows_of(out), doc_of(out)["units"]
    pdf = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(out / "ranking.pdf").pages))
    assert len(rows) == len(units) == len(names)
    for r, u in zip(rows, units):
        text = f"{u['total']:.2f}"
        assert r["total"] == str(u["total"]) and float(r["total"]) == u["total"]
        assert re.search(rf"^\s*{r['rank']}\s+{re.escape(text)}\s+{re.escape(r['name_zh'])} \({r['file']}\)$",
                         proc.stderr, re.M), (text, proc.stderr)
        at = pdf.find(r["name_zh"])
        assert at >= 0 and pdf.find(text, at) - at < 40, (r["name_zh"], text)


# --- the pool: per-task limits inside chunks, dead workers ----------------------------------------


def test_a_chunk_that_hangs_is_rerun_file_by_file_to_find_the_slow_one():
    pool = Pool(1, 0.5)
    try:
        tasks = [(("quick", k), sleep_task, (0.01,)) for k in range(7)]
        tasks.insert(3, (("hard",), sleep_task, (600, True)))  # SIGALRM blocked: only pebble's kill stops it
        pool.submit_many(tasks, 1)  # 8 tasks, 1 worker: chunks of 2, then 1
        got = {key: status for key, status, _ in pool.results()}
    finally:
        pool.close(kill=True)
    assert got == {("hard",): "timeout", **{("quick", k): "ok" for k in range(7)}}


def test_a_task_whose_worker_dies_is_tried_twice_then_reported():
    pool = Pool(1, 30)
    try:
        pool.submit(("dies",), os._exit, 3)
        pool.submit(("fine",), sleep_task, 0.01)
        got = {key: (status, value) for key, status, value in pool.results()}
    finally:
        pool.close(kill=True)
    assert got[("fine",)] == ("ok", None)
    status, value = got[("dies",)]
    assert status == "error" and "worker process died" in value


def test_a_hung_unit_is_reported_as_timed_out(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in ("wanghu", "baiyang"):
        copy(DISTRICTS / f"{n}.yaml", folder / f"{n}.yaml")
    out = tmp_path / "out"
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1", LCITY_TEST_SCORE_DELAY="baiyang:600")
    proc = subprocess.run([sys.executable, "-m", "lcity", "batch", str(folder), "-o", str(out), "--timeout", "1"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    assert proc.returncode == 1, proc.stderr
    rows = {r["file"]: r for r in rows_of(out)}
    assert rows["baiyang.yaml"]["status"] == "timeout" and rows["wanghu.yaml"]["status"] == "ok"
    assert "读取和评分超过时限 1 秒" in rows["baiyang.yaml"]["error"]  # the ranking's language (zh units)


def test_a_file_stuck_inside_a_chunk_is_killed_at_its_own_limit_and_the_chunk_goes_on():
    """The worker reports each task it starts; one stuck past its limit (SIGALRM blocked) has its
    worker killed, is reported as timed out, and the rest of its chunk runs again: the chunk's
    own, much longer limit (len(chunk) x timeout) is never reached."""
    pool = Pool(1, 0.5)
    pool.grace = 0.5
    try:
        tasks = [(("quick", k), sleep_task, (0.01,)) for k in range(40)]
        tasks.insert(5, (("hard",), sleep_task, (600, True)))
        pool.submit_many(tasks, 1)  # 41 tasks, 1 worker: chunks of 10, then shorter ones
        got = {key: status for key, status, _ in pool.results()}
    finally:
        pool.close(kill=True)
    assert got == {("hard",): "timeout", **{("quick", k): "ok" for k in range(40)}}
    assert pool.kills == [("hard",)]  # killed by the per-task watch, matched to the stuck task
