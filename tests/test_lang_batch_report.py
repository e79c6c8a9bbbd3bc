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


class _RefusingSchedule(batch_pool.InlinePool):
    def submit_many(self, tasks, jobs):
        raise batch_pool.PoolFailed("BrokenProcessPool")  # the pool started, its workers did not


def test_pool_that_refuses_its_first_tasks_scores_in_process(tmp_path, monkeypatch):
    monkeypatch.setattr(batch_module, "start_pool", lambda jobs, timeout: _RefusingSchedule(timeout))
    notes = Notes()
    summary = run_batch(_folder(tmp_path), tmp_path / "out", jobs=2, ranking=False, listener=notes)
    assert [o.status for o in summary.outcomes] == ["ok"] and summary.exit_code == 0
    assert any("could not be started (BrokenProcessPool)" in n for n in notes.notes)


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


# --- 2. messages about the run in the user's language ---------------------------------------------

ZH = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


def _zh(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lcity", *args], cwd=cwd, capture_output=True, text=True,
                          env=dict(os.environ, COLUMNS="200", NO_COLOR="1", **ZH), timeout=300)


def test_review_mismatch_is_said_in_chinese():
    proc = _zh("score", "examples/jianglan-city.yaml", "--review", "examples/qingshi-district.review.yaml")
    assert proc.returncode == 1
    assert "评审针对“青石区”，而自评文件是“江澜市”的" in proc.stderr + proc.stdout
    assert "评审的评估周期为 2023–2024，而自评文件为 2022–2024" in proc.stderr + proc.stdout
    # the reviewed file is found beside the review, so the difference is named, not guessed (G18-E4)
    assert "内容不同：city.id、city.name" in proc.stderr + proc.stdout
    assert "review is of" not in proc.stderr + proc.stdout and "accepts it anyway" not in proc.stderr + proc.stdout


@pytest.mark.parametrize("args, said", [
    (("report", "examples/qingshi-district.yaml"), "未指定输出文件（请加 -o 报告.pdf"),
    (("report", "examples/qingshi-district.yaml", "-o", "-", "--html", "-"), "-o - 与 --html - 都指向标准输出"),
    (("score", "examples/qingshi-district.yaml", "--partial", "--review", "examples/qingshi-district.review.yaml"),
     "二者不能同时使用（请去掉 --review 或 --partial）"),
])
def test_usage_mistakes_are_said_in_chinese(args, said):
    proc = _zh(*args)
    assert proc.returncode == 2
    assert said in proc.stderr
    assert not any(w in proc.stderr for w in ("no output given", "both name stdout", "a review verifies"))


def test_report_notes_follow_lang_zh(tmp_path):
    text = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
    src = tmp_path / "nodate.yaml"
    src.write_text("\n".join(l for l in text.splitlines() if not l.startswith("date:")) + "\n", encoding="utf-8")
    proc = lcity("report", str(src), "--lang", "zh", "--html", str(tmp_path / "r.html"))
    assert proc.returncode == 0, proc.stderr
    assert f"注：{src} 未填写日期，也未指定 --date；报告按今天（" in proc.stderr
    assert "has no date" not in proc.stderr


def test_batch_refusals_are_said_in_chinese(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = _zh("batch", str(empty), "-o", str(tmp_path / "out"))
    assert proc.returncode == 2 and "该文件夹中没有自评文件（*.yaml、*.yml、*.xlsx）" in proc.stderr
    folder = _folder(tmp_path)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "summary.csv").write_text("x", encoding="utf-8")
    proc = _zh("batch", str(folder), "-o", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert "文件已存在，未写出任何文件（请用 -o 另选文件夹，或加 --force 替换上次批量评估的输出）" in proc.stderr


def test_batch_lock_and_write_refusals_have_chinese(tmp_path, monkeypatch):
    import errno

    from lcity import output
    from lcity.batch_output import OutputLock, write_output

    with OutputLock(tmp_path):
        with pytest.raises(InputError) as caught:
            OutputLock(tmp_path).acquire()
    assert f"另一个 lcity batch（进程号 {os.getpid()}）正在写入该文件夹" in caught.value.problems[0].text("zh")
    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output, "write_atomic", full_disk)
    with pytest.raises(InputError) as caught:
        write_output(tmp_path / "x.csv", "x", False)
    assert "无法写入：磁盘已满（请释放磁盘空间，或用 -o 另选文件夹）" in caught.value.problems[0].text("zh")  # G19-C15


# --- 3. English counts agree with their nouns -----------------------------------------------------


def test_batch_closing_line_says_1_file(tmp_path):
    proc = lcity("batch", str(_folder(tmp_path)), "-o", str(tmp_path / "out"), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "1 file: 1 scored." in proc.stderr and "1 files" not in proc.stderr


def _tidewater_pair(tmp_path: Path) -> list[str]:
    """Two assessments of Tidewater (a framework of 37.5 points), two years apart."""
    unit = ROOT / "tests/data/third_party_tidewater/units/tidewater-2025.yaml"
    text = unit.read_text(encoding="utf-8")
    earlier = tmp_path / "tidewater-2024.yaml"
    earlier.write_text(text.replace("period: {start: 2024, end: 2025}", "period: {start: 2023, end: 2024}"),
                       encoding="utf-8")
    assert earlier.read_text(encoding="utf-8") != text
    return [str(earlier), str(unit)]


TIDEWATER = {"LCITY_FRAMEWORK_PATH": str(ROOT / "tests/data/third_party_tidewater/frameworks")}


def _trend(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lcity", "trend", *args], cwd=ROOT, capture_output=True, text=True,
                          env=dict(os.environ, COLUMNS="80", NO_COLOR="1", **TIDEWATER), timeout=300)


def test_trend_over_1_year_and_1_indicator(tmp_path):
    proc = _trend(*_tidewater_pair(tmp_path), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "points over 1 year," in proc.stdout and "1 years" not in proc.stdout
    assert "0 indicators moved" in proc.stdout


# --- 4. trend: the total's points are the framework's, names whole ---------------------------------


def test_trend_total_points_are_the_frameworks_and_names_are_whole(tmp_path):
    proc = _trend(*_tidewater_pair(tmp_path), "--lang", "en")  # piped: stdout is not a terminal
    assert proc.returncode == 0, proc.stderr
    total = next(line for line in proc.stdout.splitlines() if "total " in line and "│" in line)
    assert "37.5" in total.split("│")[2] and "100" not in total
    assert "reach-and-access Reach and access" in proc.stdout and "…" not in proc.stdout
    zh = _trend(*_tidewater_pair(tmp_path), "--lang", "zh")
    assert "总分 25.1 → 25.1（+0.0 分，1 年，每年 +0.0 分）" in zh.stdout


def test_batch_pdf_failures_are_said_in_chinese(tmp_path):
    """A report over its time limit (the tests' delay hook) is named in Chinese on the terminal,
    and in summary.json's error text as in summary.csv (c3e852a: the two summaries agree)."""
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1", LCITY_TEST_RENDER_DELAY="lanjiang:60", **ZH)
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "lcity", "batch", str(_folder(tmp_path)), "-o", str(out),
                           "--reports", "--timeout", "1"],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert "：报告未写出：报告生成超过时限 1 秒" in proc.stderr
    assert "（报告未写出 1）" in proc.stderr and "summary.csv、" in proc.stderr
    assert "报告生成超过时限 1 秒" in (out / "summary.json").read_text(encoding="utf-8")


def test_trend_and_timeout_refusals_are_said_in_chinese():
    from lcity.batch_pool import bounded_timeout

    proc = _zh("trend", "examples/trend/qingshi-2021.yaml")
    assert proc.returncode == 2 and "变化趋势至少需要同一城市的两份自评文件" in proc.stderr
    with pytest.raises(InputError) as caught:
        bounded_timeout(0.0)
    assert "--timeout 应在 0.1 至 3600 秒之间，实际为 0.0（例如 --timeout 120）" in caught.value.problems[0].text("zh")


def test_a_broken_pipe_that_is_not_stdout_is_reported_not_a_silent_exit_0():
    """Only a reader leaving stdout (``| head -1``) ends a run quietly with 0; a pipe breaking
    anywhere else (here inside scoring) is a machine failure: exit 2 and what broke."""
    patch = ("import evaluator.pipeline as p; "
             "p.score = lambda *a, **k: (_ for _ in ()).throw(BrokenPipeError(32, 'Broken pipe'))")
    proc = _cli_with(patch, "score", str(ROOT / "examples" / "qingshi-district.yaml"))
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Broken pipe" in proc.stderr or "broken pipe" in proc.stderr.lower()
    closed = subprocess.run(["bash", "-o", "pipefail", "-c",
                             f"{sys.executable} -m lcity score examples/qingshi-district.yaml --explain | head -1"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert closed.returncode == 0 and "Traceback" not in closed.stderr


def test_a_review_s_own_problems_are_said_in_chinese(tmp_path):
    """A panel working in Chinese reads its review's mistakes in Chinese: dates, vetoes, duplicates."""
    text = (EXAMPLES / "qingshi-district.review.yaml").read_text(encoding="utf-8")
    text = text.replace("vetoes: []", "vetoes: [no_budgte]").replace('  start: "2025-05-19"', '  start: "2025-05-29"')
    one, two = tmp_path / "r1.yaml", tmp_path / "r2.yaml"
    one.write_text(text, encoding="utf-8")
    two.write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "lcity", "score", str(EXAMPLES / "qingshi-district.yaml"),
                           "--review", str(one), "--review", str(two), "--lang", "zh"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert "核查结束日期（2025-05-21）早于开始日期（2025-05-29）（请交换这两个日期）" in proc.stderr
    assert "“no_budgte”不是 china-learning-city@1 的否决项" in proc.stderr
    assert f"此核查文件与 {one} 内容相同" in proc.stderr
    assert "the review ends" not in proc.stderr and "is not a veto item" not in proc.stderr
