"""``lcity batch``, ``trend``, ``report`` and ``score``: what a user sees when the machine refuses
worker processes, in Chinese as in English, with English counts that agree with their nouns."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from indicators.messages import say
from indicators.problems import InputError
from lcity import batch as batch_module
from lcity import batch_pool
from lcity.batch import Listener, run_batch

from .conftest import EXAMPLES, ROOT, lcity

DISTRICTS = EXAMPLES / "districts"


class Notes(Listener):
    def __init__(self) -> None:
        self.notes: list[str] = []

    def note(self, text: str) -> None:
        self.notes.append(text)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DISTRICTS / "lanjiang.yaml", folder)
    return folder


def _refusing_pool(*args, **kwargs):
    raise BrokenPipeError(32, "Broken pipe")  # as multiprocessing's resource tracker fails in a sandbox


# --- 1. the worker pool cannot start, or breaks -------------------------------------------------


def test_pool_that_cannot_start_scores_in_process_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(batch_pool, "Pool", _refusing_pool)
    notes = Notes()
    summary = run_batch(_folder(tmp_path), tmp_path / "out", jobs=2, ranking=False, listener=notes)
    assert [o.status for o in summary.outcomes] == ["ok"]
    assert summary.exit_code == 0
    assert (tmp_path / "out" / "summary.csv").is_file()
    said = [n for n in notes.notes if "worker processes could not be started" in n]
    assert said and "Broken pipe" in said[0]
    assert "无法启动工作进程" in say(said[0], "zh")


class _BrokenPool(batch_pool.InlinePool):
    def results(self):
        raise batch_pool.PoolFailed("A process in the process pool was terminated abruptly")
        yield  # pragma: no cover


def test_pool_that_breaks_mid_run_is_exit_2_naming_the_cause(tmp_path, monkeypatch):
    monkeypatch.setattr(batch_module, "start_pool", lambda jobs, timeout: _BrokenPool(timeout))
    with pytest.raises(InputError) as caught:
        run_batch(_folder(tmp_path), tmp_path / "out", jobs=2, ranking=False)
    (problem,) = caught.value.problems
    assert caught.value.fatal and problem.rule == "workers-failed"
    assert "terminated abruptly" in problem.message and "--force" in problem.hint
    assert "工作进程异常停止" in problem.text("zh")
    assert not (tmp_path / "out" / "summary.csv").exists()


def _cli_with(patch: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The CLI in a subprocess, with ``patch`` (Python) run first to simulate the machine."""
    code = f"import sys; {patch}; from lcity.cli import main; sys.argv = ['lcity', *sys.argv[1:]]; main()"
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, COLUMNS="200", NO_COLOR="1", **(env or {})), timeout=300)


def test_cli_pool_refused_is_not_a_silent_exit_0(tmp_path):
    patch = "import lcity.batch_pool as bp; bp.Pool = lambda *a, **k: (_ for _ in ()).throw(BrokenPipeError(32, 'Broken pipe'))"
    proc = _cli_with(patch, "batch", str(_folder(tmp_path)), "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert "worker processes could not be started (Broken pipe)" in proc.stderr
    assert "1 scored" in proc.stderr and (tmp_path / "out" / "summary.json").is_file()


def test_cli_pool_broken_mid_run_is_exit_2_not_3(tmp_path):
    patch = ("import lcity.batch as b, lcity.batch_pool as bp; "
             "b.start_pool = lambda j, t: type('P', (bp.InlinePool,), "
             "{'results': lambda self: (_ for _ in ()).throw(bp.PoolFailed('pool is not running'))})(t)")
    proc = _cli_with(patch, "batch", str(_folder(tmp_path)), "-o", str(tmp_path / "out"),
                     env={"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""})
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert "工作进程异常停止（pool is not running）" in proc.stderr


def test_every_file_failed_is_exit_1(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.yaml").write_text("framework: nope\nanswers: 1\n", encoding="utf-8")
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"))
    assert proc.returncode == 1, proc.stderr
    assert "0 scored" in proc.stderr
