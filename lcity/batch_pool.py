"""The worker pool of ``lcity batch``: one pool started once, work sent in chunks, a time limit on
every file and every PDF, and workers that die with their parent.

Pool
----
``Pool`` wraps ``pebble.ProcessPool`` (workers from a forkserver that has imported the engine
and the renderer already). A *task* is one call (score one file, render one PDF); tasks are sent
in *chunks* (lists of tasks run one after the other by one worker), so that a batch of thousands
of small files costs a few dozen messages instead of thousands. Results come back per chunk and
are yielded task by task.

Time limits
-----------
Each task runs under ``time_limit`` (a ``SIGALRM`` timer in the worker): a task over its limit
becomes ``('timeout', seconds)`` and the worker goes on with the rest of its chunk. Code that never
returns to the interpreter (native code stuck in a loop, or the tests' ``hard`` delay, which blocks
SIGALRM) cannot be interrupted that way, so the worker also reports every task it starts (pid,
task, start time, over a thread-free queue) and the parent kills a worker whose current task is
still running ``grace`` seconds after its limit: that task is reported as timed out and the rest of
its chunk is sent again. So the per-file limit holds inside a chunk too. As a last resort pebble
kills a chunk that runs longer than ``len(chunk) * timeout + grace``; its tasks are then sent
again one per chunk, which finds the slow one. A worker that dies by itself (a crash in native
code) is handled the same way; a single task whose worker dies twice is given up as
``('error', ...)``.

Chunks are at most ``CHUNK`` tasks long and shrink towards the end of the batch (a quarter of the
remaining tasks per worker), so that no worker is left with a long last chunk while the others
are idle; a small batch (up to ``8 * jobs`` tasks) is sent one task per chunk.

Workers die with their parent
-----------------------------
A worker must not outlive the batch (``kill -9`` of ``lcity batch`` once left its workers running
for minutes). The worker initializer (``init_worker``) asks Linux to send it SIGKILL when its
parent dies (``prctl(PR_SET_PDEATHSIG)``; the parent of a worker is the forkserver, which exits
when the batch process dies), and starts a watcher thread that exits the worker once its parent
changes or the batch process is gone (the fallback where prctl is unavailable).
"""

from __future__ import annotations

import math
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from indicators.problems import InputError

#: tasks per chunk, at most
CHUNK = 20
#: used only by the tests: "stem:seconds[:hard],..." makes scoring / rendering that file sleep
#: first ("ranking" for the ranking report); ":hard" blocks SIGALRM meanwhile, like native code
#: that never returns to the interpreter
TEST_DELAY_ENV = "LCITY_TEST_RENDER_DELAY"
TEST_SCORE_DELAY_ENV = "LCITY_TEST_SCORE_DELAY"
#: used only by the tests: a FIFO to which a worker that starts a test delay writes one line,
#: "<pid> <parent-death signal> <temporary folder>", so a test can wait for it and check the
#: mechanism without a clock
TEST_PIDS_ENV = "LCITY_TEST_DELAY_PIDS"
PRELOAD = ["lcity.batch", "lcity.batch_warm", "lcity.batch_pool", "lcity.batch_summary", "lcity.reporting", "evaluator.pipeline",
           "evaluator.benchmark", "reports.render", "reports.context", "reports.ranking", "reports.charts"]


# --- the time limit ------------------------------------------------------------------------------


class TimeLimitExceeded(BaseException):
    """Raised in a task that ran out of time. A BaseException, so ``except Exception`` in a library
    cannot swallow it."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(f"exceeded the time limit of {seconds:g} s")


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raises TimeLimitExceeded in the block after ``seconds`` of wall-clock time.

    Uses SIGALRM, so it works in the main thread of a process (a pool worker runs its tasks there);
    elsewhere, or with no limit (None or 0), the block runs unlimited.
    """
    if not seconds or seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    armed = True

    def on_alarm(signum, frame):
        nonlocal armed
        if armed:
            armed = False
            raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def sleep_task(seconds: float, hard: bool = False) -> None:
    """Sleeps; with ``hard`` SIGALRM is blocked meanwhile, so only the pool's kill can stop it
    (like native code that never returns to the interpreter). Used by the tests' hook below."""
    if hard:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(seconds)


def test_delay(name: str, env: str = TEST_DELAY_ENV) -> None:
    """The tests' hook for an artificially slow task; a no-op unless the variable is set."""
    spec = os.environ.get(env)
    if not spec:
        return
    for part in spec.split(","):
        target, _, rest = part.partition(":")
        if target == name:
            seconds, _, mode = rest.partition(":")
            pids = os.environ.get(TEST_PIDS_ENV)
            if pids:
                fd = os.open(pids, os.O_WRONLY)
                import tempfile

                try:  # one write shorter than PIPE_BUF: lines of two workers never interleave
                    os.write(fd, f"{os.getpid()} {parent_death_signal_set()} {tempfile.gettempdir()}\n".encode())
                finally:
                    os.close(fd)
            sleep_task(float(seconds), mode == "hard")


test_delay.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


# --- in the worker ------------------------------------------------------------------------------

PR_SET_PDEATHSIG = 1


PR_GET_PDEATHSIG = 2


def parent_death_signal_set() -> int:
    """The signal Linux sends this process when its parent dies (0: none, or not Linux)."""
    if not sys.platform.startswith("linux"):
        return 0
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        sig = ctypes.c_int(0)
        return sig.value if libc.prctl(PR_GET_PDEATHSIG, ctypes.byref(sig), 0, 0, 0) == 0 else 0
    except (OSError, AttributeError):
        return 0


def _parent_death_signal() -> bool:
    """Asks Linux to SIGKILL this process when its parent dies. False where that is unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie (killed, not yet reaped) is dead too
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _watch_parent(ppid: int, batch_pid: int, every: float = 0.5) -> None:
    while True:
        time.sleep(every)
        if os.getppid() != ppid or not _alive(batch_pid):
            os._exit(70)


_started: Any = None  # the worker's channel for "task started" messages (see Pool)


def init_worker(batch_pid: int, started: Any = None, temp: str | None = None,
                framework_path: str | None = None) -> None:
    """Pool initializer: Ctrl-C is the parent's to handle, the worker dies with its parent, it
    reports every task it starts on ``started`` (a thread-free SimpleQueue: no feeder thread that
    could take the worker's SIGALRM), and its temporary files go into ``temp``, the batch's own
    folder (``private_temp``), which the batch removes however its workers end. The worker looks
    for frameworks where the batch does (``framework_path``, the batch's LCITY_FRAMEWORK_PATH): a
    worker is forked from the fork server, whose environment is the one of the first batch of the
    process, so a later batch with another path had its third-party units refused."""
    global _started
    _started = started
    if framework_path is None:
        os.environ.pop("LCITY_FRAMEWORK_PATH", None)
    else:
        os.environ["LCITY_FRAMEWORK_PATH"] = framework_path
    if temp:
        import tempfile

        tempfile.tempdir = temp
        os.environ["TMPDIR"] = temp
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the pool stops a worker with it: no "interrupted" from it (G24-H4)
    ppid = os.getppid()
    _parent_death_signal()
    if not _alive(batch_pid):  # the parent died before prctl took effect
        os._exit(70)
    # the watcher must never receive SIGALRM (it would not interrupt the task's sleep in the main
    # thread): block every signal while it is started, so it inherits the mask
    old = signal.pthread_sigmask(signal.SIG_BLOCK, set(signal.valid_signals()))
    try:
        threading.Thread(target=_watch_parent, args=(ppid, batch_pid), name="lcity-parent-watch",
                         daemon=True).start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def run_one(fn: Callable, args: tuple, timeout: float | None) -> tuple[str, Any]:
    """Runs one task under the time limit: ('ok', value), ('timeout', seconds), ('input', problems)
    or ('error', text)."""
    try:
        with time_limit(timeout):
            return "ok", fn(*args)
    except TimeLimitExceeded as exc:
        return "timeout", exc.seconds
    except InputError as exc:
        return "input", exc.problems
    except Exception as exc:  # a bug or a renderer failure: reported as this file's failure
        return "error", f"{type(exc).__name__}: {exc}"


def run_chunk(tasks: list[tuple[Any, Callable, tuple]], timeout: float | None) -> list[tuple[Any, str, Any]]:
    """Runs the tasks of one chunk in turn, each under its own time limit."""
    done = []
    for key, fn, args in tasks:
        if _started is not None:
            _started.put((key, os.getpid(), time.monotonic()))
        done.append((key, *run_one(fn, args, timeout)))
    return done


# --- in the parent ------------------------------------------------------------------------------


#: a Unix socket's path holds at most 107 bytes (108 with its NUL); multiprocessing puts its forkserver
#: socket at "<folder>/pymp-XXXXXXXX/listener-XXXXXXXX", 32 bytes after the temporary folder
SOCKET_PATH_MAX = 107
SOCKET_TAIL = 32
#: short system folders multiprocessing may use instead of a TMPDIR too long for its socket
SHORT_FOLDERS = ("/tmp", "/var/tmp", "/dev/shm")


def _fits(folder: str) -> bool:
    return len(os.fsencode(folder)) + SOCKET_TAIL <= SOCKET_PATH_MAX


def socket_folder() -> str | None:
    """Where multiprocessing may put its sockets: the temporary folder when its path is short enough,
    else the first writable short system folder (what CPython itself does from 3.14), None when
    there is none. With TMPDIR about 76 characters long or more the forkserver's socket cannot be
    made and every worker fails to start."""
    import tempfile

    usual = tempfile.gettempdir()
    if _fits(usual):
        return usual
    for folder in SHORT_FOLDERS:
        if _fits(folder) and os.path.isdir(folder) and os.access(folder, os.W_OK | os.X_OK):
            return folder
    return None


def claim_socket_folder() -> None:
    """Settles multiprocessing's own temporary folder (it keeps the first one it makes for the whole
    process, and removes it at exit) in a folder whose path leaves room for a socket, before the
    forkserver starts; PoolFailed, with the reason a user can act on, when there is none."""
    import multiprocessing.util
    import tempfile

    from indicators.messages import Msg

    folder = socket_folder()
    if folder is None:
        raise PoolFailed(Msg("batch.temp-too-long", folder=tempfile.gettempdir(),
                             length=len(os.fsencode(tempfile.gettempdir())), most=SOCKET_PATH_MAX - SOCKET_TAIL))
    previous = tempfile.tempdir
    tempfile.tempdir = folder
    try:
        multiprocessing.util.get_temp_dir()
    finally:
        tempfile.tempdir = previous


def mp_context():
    ctx = multiprocessing.get_context("forkserver")
    # workers fork from a server that has imported these already; harmless if it is already running
    ctx.set_forkserver_preload(PRELOAD)
    return ctx


def chunk_size(tasks: int, jobs: int) -> int:
    """Tasks per chunk: 1 for a small batch (exact per-task limits), up to CHUNK for a large one."""
    return max(1, min(CHUNK, tasks // (4 * max(1, jobs))))


class PoolFailed(Exception):
    """The worker processes could not be started, or stopped working: the machine's doing (no
    semaphores, a process limit, a sandbox), not a file's. ``lcity.batch`` then scores in-process
    (``InlinePool``) or stops with exit code 2; never a traceback, never blamed on a file."""


class InlinePool:
    """The same interface as ``Pool``, running every task in this process, one after the other,
    under the SIGALRM time limit. The fallback when worker processes cannot be started: slower,
    and a task stuck in native code cannot be stopped, but the batch gets done."""

    def __init__(self, timeout: float | None):
        self.timeout = timeout
        self.queue: list[tuple[Any, Callable, tuple]] = []
        self.kills: list[Any] = []

    def submit(self, key: Any, fn: Callable, *args: Any) -> None:
        self.queue.append((key, fn, args))

    def submit_many(self, tasks: list[tuple[Any, Callable, tuple]], jobs: int) -> None:
        self.queue.extend(tasks)

    def submit_chunk(self, tasks: list[tuple[Any, Callable, tuple]]) -> None:
        self.queue.extend(tasks)

    def results(self) -> Iterator[tuple[Any, str, Any]]:
        while self.queue:
            key, fn, args = self.queue.pop(0)
            yield (key, *run_one(fn, args, self.timeout))

    def close(self, *, kill: bool = False) -> None:
        self.queue.clear()


def start_pool(jobs: int, timeout: float | None) -> "Pool":
    """A ``Pool``, or PoolFailed (with the system's reason) when its processes cannot be started."""
    claim_socket_folder()
    try:
        return Pool(jobs, timeout)
    except (OSError, RuntimeError, ValueError) as exc:  # BrokenPipeError from the resource tracker, EAGAIN, ...
        raise PoolFailed(exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__) from exc


class Pool:
    """A pebble ProcessPool of ``jobs`` workers whose tasks have a time limit (see the module)."""

    MAX_ATTEMPTS = 2

    def __init__(self, jobs: int, timeout: float | None):
        from pebble import ProcessPool

        from .batch_temp import current

        temp = current()  # the batch's own temporary folder (None: the usual one)
        self.timeout = timeout
        self.grace = max(2.0, 0.1 * timeout) if timeout else 0.0
        ctx = mp_context()
        self.started = ctx.SimpleQueue()
        self.pool = ProcessPool(max_workers=max(1, jobs), initializer=init_worker,
                                initargs=(os.getpid(), self.started, temp, os.environ.get("LCITY_FRAMEWORK_PATH")),
                                context=ctx)
        self.done: queue.SimpleQueue = queue.SimpleQueue()
        self.pending = 0
        self.attempts: dict[Any, int] = {}
        self.running: dict[int, tuple[Any, float]] = {}  # worker pid -> (task, start) of its current task
        self.finished: set[Any] = set()
        self.killed: dict[int, Any] = {}  # worker pid -> the task it was killed for
        self.kills: list[Any] = []  # every task whose worker _watch killed (for the tests)
        self.closed = False

    def submit(self, key: Any, fn: Callable, *args: Any) -> None:
        """One task in a chunk of its own."""
        self.submit_chunk([(key, fn, args)])

    def submit_many(self, tasks: list[tuple[Any, Callable, tuple]], jobs: int) -> None:
        """The tasks in chunks that shrink towards the end (guided scheduling: no worker is left
        with a long last chunk while the others are idle)."""
        i = 0
        while i < len(tasks):
            size = chunk_size(len(tasks) - i, jobs)
            self.submit_chunk(tasks[i:i + size])
            i += size

    def submit_chunk(self, tasks: list[tuple[Any, Callable, tuple]]) -> None:
        limit = (len(tasks) * self.timeout + self.grace) if self.timeout else None
        try:
            future = self.pool.schedule(run_chunk, args=(tasks, self.timeout), timeout=limit)
        except (OSError, RuntimeError) as exc:  # the pool is no longer running (its manager died)
            raise PoolFailed(str(exc) or type(exc).__name__) from exc
        self.pending += 1
        future.add_done_callback(lambda f, tasks=tasks: self.done.put((f, tasks)))

    def results(self) -> Iterator[tuple[Any, str, Any]]:
        """Yields (key, status, value) as tasks finish; tasks may be submitted meanwhile."""
        from concurrent.futures import BrokenExecutor
        from concurrent.futures import TimeoutError as FutureTimeout

        from pebble import ProcessExpired

        while self.pending:
            try:
                future, tasks = self.done.get(timeout=0.25)
            except queue.Empty:
                self._watch()
                continue
            self.pending -= 1
            self._drain()
            self.finished.update(t[0] for t in tasks)
            for pid, (key, _) in list(self.running.items()):
                if key in self.finished:
                    del self.running[pid]
            try:
                yield from future.result()
                continue
            except ProcessExpired as exc:
                if exc.pid in self.killed:  # killed by _watch: that task timed out, the others run again
                    slow = self.killed.pop(exc.pid)
                    rest = [t for t in tasks if t[0] != slow]
                    if len(rest) < len(tasks):
                        yield slow, "timeout", self.timeout
                        self.finished.add(slow)
                        self.finished.difference_update(t[0] for t in rest)
                        if rest:
                            self.submit_chunk(rest)
                        continue
                if len(tasks) > 1:
                    self.finished.difference_update(t[0] for t in tasks)
                    for t in tasks:
                        self.submit_chunk([t])
                    continue
                key = tasks[0][0]
                self.attempts[key] = self.attempts.get(key, 0) + 1
                if self.attempts[key] >= self.MAX_ATTEMPTS:
                    yield key, "error", f"the worker process died while handling this file (exit code {exc.exitcode})"
                else:
                    self.finished.discard(key)
                    self.submit_chunk(tasks)
            except FutureTimeout:
                if len(tasks) > 1:  # find the slow one: every task on its own
                    self.finished.difference_update(t[0] for t in tasks)
                    for t in tasks:
                        self.submit_chunk([t])
                else:
                    yield tasks[0][0], "timeout", self.timeout
            except BrokenExecutor as exc:  # the pool itself broke: no file is to blame
                raise PoolFailed(str(exc) or type(exc).__name__) from exc
            except Exception as exc:  # a task or result that cannot be sent (pickling)
                for key, _, _ in tasks:
                    yield key, "error", f"{type(exc).__name__}: {exc}"

    def _drain(self) -> None:
        while not self.started.empty():
            try:
                key, pid, t0 = self.started.get()
            except (EOFError, OSError):
                return
            if key not in self.finished:
                self.running[pid] = (key, t0)

    def _watch(self) -> None:
        """Kills a worker whose current task is past its limit and its grace: the SIGALRM limit did
        not stop it, so it is stuck where Python cannot interrupt it."""
        self._drain()
        if not self.timeout:
            return
        now = time.monotonic()
        for pid, (key, t0) in list(self.running.items()):
            if pid not in self.killed and now - t0 > self.timeout + self.grace:
                self.killed[pid] = key
                self.kills.append(key)
                del self.running[pid]
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

    def close(self, *, kill: bool = False) -> None:
        if self.closed:
            return
        self.closed = True
        if kill:
            self.pool.stop()
        else:
            self.pool.close()
        self.pool.join()
        self.started.close()


def bounded_timeout(value: float | None) -> float | None:
    """The time limit, or a usage error (InputError, exit 2) when it is not a finite 0.1–3600 s."""
    if value is None:
        return None
    if not isinstance(value, (int, float)) or not math.isfinite(value) or not MIN_TIMEOUT <= value <= MAX_TIMEOUT:
        from indicators.messages import Msg
        from indicators.problems import Problem

        raise InputError([Problem("--timeout", 1, 1, "error", "usage",
                                  Msg("batch.timeout-range", low=f"{MIN_TIMEOUT:g}", high=f"{MAX_TIMEOUT:g}",
                                      value=repr(value)), Msg("hint.batch-timeout-range"), fatal=True)])
    return float(value)


MIN_TIMEOUT = 0.1
MAX_TIMEOUT = 3600.0
