"""Batch evaluation: score every assessment in a folder, rank them, write summaries and reports.

``run_batch(folder, out)`` is what ``lcity batch DIR -o OUT`` runs. It

1. finds the assessments: every ``*.yaml`` in the folder except reviews (``*.review*.yaml``). The
   reviews of ``x.yaml`` are found by name, ``x.review.yaml`` and ``x.review-*.yaml``, and applied
   together as one panel (median of reviewers, see ``evaluator.verify``);
2. plans every output (``summary.csv``, ``summary.json``, ``ranking.pdf`` and, with ``reports``,
   ``<stem>.pdf`` per assessment) and refuses to start if any of them exists, unless ``force``;
3. scores the files in parallel worker processes (``jobs``, default the number of cores). A file
   that fails validation (or whose review does) becomes a failure and the batch goes on;
4. renders the PDFs in the workers too, each under a time limit (``timeout`` seconds), so that one
   pathological file cannot hang the batch;
5. writes every file atomically (temporary file + rename): PDFs as they are ready, the ranking and
   the summaries at the end. A crash leaves complete files or none, never half a file.

Summary format (``summary.csv`` and ``summary.json`` hold the same rows)
----------------------------------------------------------------------
One row per file, columns ``SUMMARY_COLUMNS`` plus one column per dimension (``A`` .. ``L``: the
dimension's score in points). Scores are the verified ones when the unit was reviewed
(``reviewed`` true; ``self_total`` then keeps the self-assessed total). Scored rows come first,
sorted by rank (by total, rounded to 2 decimals, highest first; equal totals share a rank), then
by file name. ``status`` is

* ``ok``: scored (and, with ``reports``, its PDF written);
* ``report_failed``: scored, but its PDF could not be rendered (an error, or the time limit). The
  row keeps its scores and rank: the scores are valid, only the PDF is missing;
* ``invalid``: the file (or one of its reviews) could not be read or failed validation;
* ``timeout``: reading and scoring the file exceeded the time limit;
* ``error``: scoring failed unexpectedly (a bug in lcity: please report it).

Files that were not scored (``invalid``, ``timeout``, ``error``) are listed after the scored rows with empty
scores and ``rank``, and ``error`` holds their first error (``file:line:col: error rule: message``
as ``lcity validate`` prints it). In ``summary.json`` the scored rows are under ``units`` and every
file that failed at any stage is under ``failures`` (with all its problems), so a
``report_failed`` unit appears in both; the CSV rows are ``units`` followed by the ``failures``
that have no scores. ``summary.csv`` is UTF-8 with a byte-order mark, so that Excel and WPS open
the Chinese names correctly. Numbers are rounded (points to 2 decimals, confidence and coverage to
3) identically in both files; neither holds a timestamp, so the same folder gives the same files.

Time limit
----------
Each task in a worker (scoring one file, rendering one PDF) runs under ``time_limit``: a
``SIGALRM`` timer that raises ``TimeLimitExceeded`` in the worker. Code that never returns to the
interpreter (a native library stuck in a loop) cannot be interrupted that way, so the parent also
watches the clock: a task still running ``grace`` seconds after its limit has its worker process
killed, the pool is rebuilt and the other unfinished tasks are submitted again.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import signal
import threading
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, Callable, Iterator

from indicators.problems import InputError, Problem

from evaluator.result import Result

SUMMARY_CSV = "summary.csv"
SUMMARY_JSON = "summary.json"
RANKING_PDF = "ranking.pdf"
REVIEW_PATTERN = "*.review*.yaml"
DEFAULT_TIMEOUT = 120.0
#: columns of summary.csv before the dimension columns, and after them
SUMMARY_COLUMNS = ("rank", "file", "status", "id", "name", "name_zh", "level", "framework", "total", "self_total",
                   "grade", "recognition", "pathway", "confidence", "coverage", "reviewed", "warnings")
TRAILING_COLUMNS = ("error",)
#: used only by the tests: "stem:seconds[:hard],..." makes rendering that PDF sleep first ("ranking"
#: for the ranking report); ":hard" blocks SIGALRM meanwhile, like native code that never returns
TEST_DELAY_ENV = "LCITY_TEST_RENDER_DELAY"


# --- finding the files -------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One assessment file of the folder and the review files found for it by name."""

    path: Path
    reviews: tuple[Path, ...] = ()

    @property
    def stem(self) -> str:
        return self.path.name[: -len(".yaml")]


def is_review(name: str) -> bool:
    return fnmatch(name, REVIEW_PATTERN)


def reviews_of(stem: str, names: list[str]) -> list[str]:
    """Review file names for the assessment ``<stem>.yaml``: ``<stem>.review.yaml``, ``<stem>.review-*.yaml``."""
    return sorted(n for n in names if n == f"{stem}.review.yaml" or (n.startswith(f"{stem}.review-") and n.endswith(".yaml")))


def discover(folder: str | Path) -> tuple[list[Unit], list[Path]]:
    """The assessments of a folder (sorted by name) and the review files that match none of them."""
    folder = Path(folder)
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml") and not p.name.startswith(".")
                   and p.is_file())
    review_names = [n for n in names if is_review(n)]
    units, used = [], set()
    for n in names:
        if is_review(n):
            continue
        mine = reviews_of(n[: -len(".yaml")], review_names)
        used.update(mine)
        units.append(Unit(folder / n, tuple(folder / r for r in mine)))
    return units, [folder / n for n in review_names if n not in used]


def planned_outputs(units: list[Unit], out: Path, *, reports: bool, ranking: bool = True) -> list[Path]:
    names = [SUMMARY_CSV, SUMMARY_JSON] + ([RANKING_PDF] if ranking else [])
    if reports:
        names += [f"{u.stem}.pdf" for u in units]
    return [out / n for n in names]


def _usage(path: str | Path, rule: str, message: str, hint: str = "") -> Problem:
    return Problem(str(path), 1, 1, "error", rule, message, hint, fatal=True)


def prepare_output(out: Path, planned: list[Path], *, force: bool) -> None:
    """Creates OUT if needed; refuses (InputError, exit 2) when it is unusable or an output exists."""
    if out.exists() and not out.is_dir():
        raise InputError([_usage(out, "unwritable", "the output path exists and is not a folder",
                                 "give a folder with -o")])
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError([_usage(out, "unwritable", f"cannot create the output folder: {exc.strerror}")]) from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise InputError([_usage(out, "unwritable", "cannot write in the output folder")])
    seen = Counter(p.name for p in planned)
    clashes = [n for n, k in seen.items() if k > 1]
    if clashes:
        raise InputError([_usage(out / n, "name-clash", f"two outputs would be called '{n}'",
                                 "rename the assessment whose report would take the name of a summary file")
                          for n in clashes])
    existing = [p for p in planned if p.exists()]
    if existing and not force:
        raise InputError([_usage(p, "file-exists", "file already exists; nothing was written",
                                 "choose another folder with -o, or add --force to replace the batch's outputs")
                          for p in existing])


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
    """Sleeps; with ``hard`` SIGALRM is blocked meanwhile, so only the parent's watchdog can stop it
    (like native code that never returns to the interpreter). Used by the tests' hook below."""
    if hard:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(seconds)


def _test_delay(name: str) -> None:
    """The tests' hook (``LCITY_TEST_RENDER_DELAY``) for an artificially slow render; a no-op otherwise."""
    spec = os.environ.get(TEST_DELAY_ENV)
    if not spec:
        return
    for part in spec.split(","):
        target, _, rest = part.partition(":")
        if target == name:
            seconds, _, mode = rest.partition(":")
            sleep_task(float(seconds), mode == "hard")


# --- work done in the worker processes ----------------------------------------------------------

_started: Any = None  # the worker's queue for "task started" messages (see _Pool)


def _init_worker(queue) -> None:
    global _started
    _started = queue
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _run_task(key: tuple, timeout: float | None, fn: Callable, args: tuple) -> tuple[str, Any]:
    """Runs one task under the time limit: ('ok', value), ('timeout', seconds), ('input', problems)
    or ('error', text)."""
    if _started is not None:
        _started.put((key, os.getpid(), time.monotonic()))
    try:
        with time_limit(timeout):
            return "ok", fn(*args)
    except TimeLimitExceeded as exc:
        return "timeout", exc.seconds
    except InputError as exc:
        return "input", exc.problems
    except Exception as exc:  # a bug or a renderer failure: reported as this file's failure
        return "error", f"{type(exc).__name__}: {exc}"


def score_file(path: str, reviews: list[str]) -> tuple[Result, int]:
    """Reads, checks and scores one file with its reviews: (Result, number of warnings).

    Invalid input raises InputError with every problem (the file's, then the reviews').
    """
    from evaluator.pipeline import read_scored

    result, loaded = read_scored(path, reviews=[Path(r) for r in reviews])
    return result, sum(p.severity == "warning" for p in loaded.problems)


def render_unit(path: str, reviews: list[str], lang: str) -> bytes:
    """The PDF of one unit, made exactly as ``lcity report`` makes it."""
    from .reporting import unit_report_pdf

    _test_delay(Path(path).name[: -len(".yaml")])
    return unit_report_pdf(Path(path), [Path(r) for r in reviews], lang)


def render_ranking(context: dict, lang: str) -> bytes:
    """The ranking report (``reports.ranking``) of the data made by ``ranking_context``."""
    from reports.ranking import ranking_pdf

    _test_delay("ranking")
    return ranking_pdf(context, lang)


# --- the pool -----------------------------------------------------------------------------------


def _context():
    ctx = multiprocessing.get_context("forkserver")
    # workers fork from a server that has imported these already; harmless if it is already running
    ctx.set_forkserver_preload(["lcity.batch", "lcity.reporting", "evaluator.pipeline", "evaluator.benchmark", "reports.render",
                                "reports.context", "reports.ranking", "reports.charts"])
    return ctx


class _Pool:
    """A ProcessPoolExecutor whose tasks have a time limit that holds even when a worker is stuck.

    Workers report (task, pid, start time) when they start a task. A task that is still running
    ``grace`` seconds after its limit has its worker killed; that breaks the executor, so a new one
    is made and every unfinished task except the killed one is submitted again. A worker that dies
    by itself (a crash in native code) is handled the same way; a task running in it twice is
    given up.
    """

    MAX_ATTEMPTS = 2

    def __init__(self, jobs: int, timeout: float | None):
        self.ctx = _context()
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.grace = max(2.0, 0.1 * timeout) if timeout else None
        self.tasks: dict[tuple, tuple[Callable, tuple]] = {}
        self.futures: dict[Future, tuple] = {}
        self.running: dict[tuple, tuple[int, float]] = {}
        self.killed: set[tuple] = set()
        self.attempts: Counter = Counter()
        self.queue = None
        self.executor: ProcessPoolExecutor | None = None
        self._new_executor()

    def _new_executor(self) -> None:
        self.queue = self.ctx.Queue()
        self.executor = ProcessPoolExecutor(max_workers=self.jobs, mp_context=self.ctx,
                                            initializer=_init_worker, initargs=(self.queue,))
        self.running = {}

    def submit(self, key: tuple, fn: Callable, *args: Any) -> None:
        self.tasks[key] = (fn, args)
        assert self.executor is not None
        self.futures[self.executor.submit(_run_task, key, self.timeout, fn, args)] = key

    def _drain(self) -> None:
        while True:
            try:
                key, pid, t0 = self.queue.get_nowait()
            except Exception:  # queue.Empty, or a queue closed by a dead worker
                return
            if key in self.tasks:
                self.running[key] = (pid, t0)

    def _watch(self) -> None:
        if not self.timeout:
            return
        now = time.monotonic()
        for key, (pid, t0) in list(self.running.items()):
            if key not in self.killed and now - t0 > self.timeout + self.grace:
                self.killed.add(key)
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

    def results(self) -> Iterator[tuple[tuple, str, Any]]:
        """Yields (key, status, value) as tasks finish; tasks may be submitted meanwhile."""
        while self.futures:
            done, _ = wait(list(self.futures), timeout=0.2, return_when=FIRST_COMPLETED)
            self._drain()
            broken = False
            for fut in done:
                if isinstance(fut.exception(), BrokenProcessPool):
                    broken = True
                    continue
                key = self.futures.pop(fut)
                self.running.pop(key, None)
                self.tasks.pop(key, None)
                yield (key, *fut.result())
            if broken:
                yield from self._recover()
            else:
                self._watch()

    def _recover(self) -> Iterator[tuple[tuple, str, Any]]:
        old = self.executor
        assert old is not None
        wait(list(self.futures))  # a broken executor fails every pending future at once
        self._drain()
        old.shutdown(wait=True, cancel_futures=True)
        self.queue.close()
        self.queue.cancel_join_thread()
        suspects = {k for k in self.running if k not in self.killed}
        explained = any(k in self.killed for k in self.running) or bool(self.killed & set(self.futures.values()))
        pending = list(self.futures.items())
        self.futures = {}
        retry: list[tuple] = []
        for fut, key in pending:
            if not isinstance(fut.exception(), BrokenProcessPool):
                self.tasks.pop(key, None)
                yield (key, *fut.result())
            elif key in self.killed:
                self.tasks.pop(key, None)
                yield key, "timeout", self.timeout
            else:
                if not explained and (key in suspects or not suspects):
                    self.attempts[key] += 1
                if self.attempts[key] >= self.MAX_ATTEMPTS:
                    self.tasks.pop(key, None)
                    yield key, "error", "the worker process died while handling this file"
                else:
                    retry.append(key)
        self.killed.clear()
        self._new_executor()
        for key in retry:
            fn, args = self.tasks[key]
            self.submit(key, fn, *args)

    def close(self, *, kill: bool = False) -> None:
        if self.executor is None:
            return
        if kill:
            for p in list(getattr(self.executor, "_processes", {}).values()):
                try:
                    p.kill()
                except Exception:
                    pass
        self.executor.shutdown(wait=not kill, cancel_futures=True)
        self.queue.close()
        self.queue.cancel_join_thread()
        self.executor = None


# --- one unit's outcome and the summary ---------------------------------------------------------


@dataclass
class Outcome:
    """What happened to one file of the batch."""

    unit: Unit
    status: str = "pending"  # ok | report_failed | invalid | timeout
    result: Result | None = None
    warnings: int = 0
    problems: list[Problem] = field(default_factory=list)
    error: str = ""
    stage: str = ""  # score | report, for failures
    rank: int | None = None
    pdf: Path | None = None

    @property
    def file(self) -> str:
        return self.unit.path.name

    @property
    def scored(self) -> bool:
        return self.result is not None

    @property
    def failed(self) -> bool:
        return self.status not in ("ok", "pending")


@dataclass
class BatchSummary:
    outcomes: list[Outcome]  # in summary order
    dimensions: list[str]
    written: list[Path]
    orphan_reviews: list[Path]
    ranking_error: str = ""
    ranking_file: str | None = None

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.failed]

    @property
    def exit_code(self) -> int:
        return 1 if self.failures or self.ranking_error else 0


def _first_error(problems: list[Problem]) -> str:
    errors = [p for p in problems if p.severity == "error"] or problems
    return errors[0].text() if errors else "invalid"


def rank_outcomes(outcomes: list[Outcome]) -> list[Outcome]:
    """Scored units by total (rounded to 2 decimals) then file name, with competition ranks
    (1, 2, 2, 4); then the files that were not scored, by file name."""
    scored = sorted((o for o in outcomes if o.scored), key=lambda o: (-round(o.result.total, 2), o.file))
    prev, rank = None, 0
    for i, o in enumerate(scored, 1):
        t = round(o.result.total, 2)
        if t != prev:
            rank, prev = i, t
        o.rank = rank
    rest = sorted((o for o in outcomes if not o.scored), key=lambda o: o.file)
    for o in rest:
        o.rank = None
    return scored + rest


def dimension_ids(outcomes: list[Outcome]) -> list[str]:
    ids: list[str] = []
    for o in outcomes:
        if o.result is not None:
            ids += [d.id for d in o.result.dimensions if d.id not in ids]
    return ids


def summary_row(o: Outcome, dims: list[str]) -> dict[str, Any]:
    """One row of summary.csv / summary.json (typed values; None where there is nothing)."""
    row: dict[str, Any] = dict.fromkeys((*SUMMARY_COLUMNS, *dims, *TRAILING_COLUMNS))
    row.update(rank=o.rank, file=o.file, status=o.status, error=o.error)
    r = o.result
    if r is None:
        return row
    row.update(
        id=r.city.id, name=r.city.name, name_zh=r.city.name_zh, level=r.city.level, framework=r.framework,
        total=round(r.total, 2), self_total=round(r.self_assessed.total, 2) if r.self_assessed else None,
        grade=r.grade.id, recognition=r.recognition.outcome, pathway=r.pathway.type if r.pathway else None,
        confidence=round(r.confidence, 3), coverage=round(r.coverage, 3), reviewed=r.review is not None,
        warnings=o.warnings)
    for d in r.dimensions:
        row[d.id] = round(d.score, 2)
    return row


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def summary_csv(summary: BatchSummary) -> str:
    columns = [*SUMMARY_COLUMNS, *summary.dimensions, *TRAILING_COLUMNS]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for o in summary.outcomes:
        row = summary_row(o, summary.dimensions)
        w.writerow([_cell(row[c]) for c in columns])
    return "\ufeff" + buf.getvalue()


def summary_document(summary: BatchSummary, folder: str) -> dict[str, Any]:
    dims = summary.dimensions
    return {
        "folder": folder,
        "files": len(summary.outcomes),
        "scored": sum(o.scored for o in summary.outcomes),
        "failed": len(summary.failures),
        "columns": [*SUMMARY_COLUMNS, *dims, *TRAILING_COLUMNS],
        "units": [summary_row(o, dims) for o in summary.outcomes if o.scored],
        "failures": [{"file": o.file, "status": o.status, "stage": o.stage, "error": o.error,
                      "problems": [p.as_dict() for p in o.problems]} for o in summary.failures],
        "ranking": {"file": summary.ranking_file, "error": summary.ranking_error or None},
        "orphan_reviews": [p.name for p in summary.orphan_reviews],
    }


def summary_json(summary: BatchSummary, folder: str) -> str:
    return json.dumps(summary_document(summary, folder), ensure_ascii=False, indent=2) + "\n"


# --- the ranking report's data ------------------------------------------------------------------


def ranking_context(summary: BatchSummary, folder: str) -> dict[str, Any]:
    """Plain data for the ranking report (picklable, language-neutral: the template picks names)."""
    units, fw_names = [], {}
    for o in summary.outcomes:
        r = o.result
        if r is None:
            continue
        fw_names.setdefault(r.framework, (r.framework_name_zh, r.framework_name))
        units.append({
            "rank": o.rank, "file": o.file, "name": r.city.name, "name_zh": r.city.name_zh, "level": r.city.level,
            "total": round(r.total, 2), "grade": r.grade.name, "grade_zh": r.grade.name_zh,
            "recognition": r.recognition.outcome, "recognition_name": r.recognition.name,
            "recognition_name_zh": r.recognition.name_zh,
            "pathway": r.pathway.type if r.pathway else None,
            "pathway_name": r.pathway.name if r.pathway else None,
            "pathway_name_zh": r.pathway.name_zh if r.pathway else None,
            "confidence": round(r.confidence, 3), "coverage": round(r.coverage, 3),
            "reviewed": r.review is not None, "period": r.city.period, "parent": r.city.parent,
            "date": r.city.date,
            "shares": {d.id: (None if d.share is None else round(d.share, 4)) for d in r.dimensions},
        })
    dims: dict[str, tuple[str, str]] = {}
    for o in summary.outcomes:
        if o.result is not None:
            for d in o.result.dimensions:
                dims.setdefault(d.id, (d.name_zh, d.name))
    dates = sorted(u["date"] for u in units if u["date"])
    line, floor = None, 0.0
    if fw_names:  # the recognition line and dimension floor of the (first) framework, for the chart
        from indicators.loader import load_framework

        rec = load_framework(next(iter(fw_names))).recognition
        line, floor = rec.total_min, rec.dimension_floor
    from evaluator.engine import VERSION

    return {
        "version": VERSION,
        "recognition_line": line,
        "floor": floor,
        "folder": folder,
        "units": units,
        "dimensions": [{"id": k, "name_zh": v[0], "name": v[1]} for k, v in dims.items()],
        "frameworks": [{"ref": k, "name_zh": v[0], "name": v[1]} for k, v in fw_names.items()],
        "failures": [{"file": o.file, "status": o.status, "error": o.error} for o in summary.failures if not o.scored],
        "files": len(summary.outcomes),
        "date": dates[-1] if dates else None,
    }


# --- running a batch ----------------------------------------------------------------------------


class Listener:
    """Receives progress from ``run_batch``; the CLI shows it on stderr. Every method is optional."""

    def planned(self, units: int) -> None: ...

    def unit_done(self, outcome: Outcome) -> None: ...

    def failure(self, outcome: Outcome, text: str) -> None: ...

    def note(self, text: str) -> None: ...


def run_batch(folder: str | Path, out: str | Path, *, reports: bool = False, jobs: int | None = None,
              lang: str = "zh", force: bool = False, timeout: float | None = DEFAULT_TIMEOUT,
              ranking: bool = True, listener: Listener | None = None) -> BatchSummary:
    """Scores every assessment in ``folder`` and writes the summaries (and PDFs) into ``out``.

    Raises InputError (fatal: exit code 2) before doing anything when the folder has no
    assessments, the output folder is unusable, or an output exists and ``force`` is not given.
    Failures of single files do not raise: they are in the returned summary (exit_code 1).
    """
    folder, out = Path(folder), Path(out)
    listener = listener or Listener()
    if not folder.is_dir():
        raise InputError([_usage(folder, "not-a-folder", "no such folder", "give the folder that holds the assessments")])
    units, orphans = discover(folder)
    if not units:
        raise InputError([_usage(folder, "no-assessments", "no assessment files (*.yaml) in this folder",
                                 "reviews (*.review*.yaml) are applied to the assessment they are named after")])
    prepare_output(out, planned_outputs(units, out, reports=reports, ranking=ranking), force=force)
    for r in orphans:
        listener.note(f"{r}: no assessment '{r.name.split('.review')[0]}.yaml' in the folder; review ignored")
    jobs = jobs or os.cpu_count() or 1
    outcomes = {u.stem: Outcome(u) for u in units}
    listener.planned(len(units))
    written: list[Path] = []
    ranking_error = ""
    ranking_pdf: bytes | None = None
    pool = _Pool(min(jobs, len(units) + (1 if ranking else 0)), timeout)
    try:
        for u in units:
            pool.submit(("score", u.stem), score_file, str(u.path), [str(r) for r in u.reviews])
        to_score = len(units)
        for (kind, *rest), status, value in pool.results():
            if kind == "ranking":
                if status == "ok":
                    ranking_pdf = value
                else:
                    ranking_error = _task_error(status, value, "the ranking report")
                    listener.note(f"{out / RANKING_PDF}: not written: {ranking_error}")
                continue
            o = outcomes[rest[0]]
            if kind == "score":
                to_score -= 1
                _scored(o, status, value, timeout)
                if o.failed:
                    listener.failure(o, _failure_line(o))
                    listener.unit_done(o)
                elif reports:
                    pool.submit(("render", o.unit.stem), render_unit, str(o.unit.path),
                                [str(r) for r in o.unit.reviews], lang)
                else:
                    listener.unit_done(o)
                if to_score == 0 and ranking:
                    partial = BatchSummary(rank_outcomes(list(outcomes.values())), [], [], orphans)
                    pool.submit(("ranking",), render_ranking, ranking_context(partial, str(folder)), lang)
            else:  # render
                if status == "ok":
                    try:
                        o.pdf = write_atomic_force(out / f"{o.unit.stem}.pdf", value, force)
                        written.append(o.pdf)
                    except InputError as exc:
                        status, value = "input", exc.problems
                if status != "ok":
                    o.status, o.stage = "report_failed", "report"
                    o.error = _task_error(status, value, "the report")
                    if status == "input":
                        o.problems = list(value)
                    listener.failure(o, f"{o.unit.path}: report not written: {o.error}")
                listener.unit_done(o)
    except BaseException:
        pool.close(kill=True)
        raise
    pool.close()
    ordered = rank_outcomes(list(outcomes.values()))
    summary = BatchSummary(ordered, dimension_ids(ordered), written, orphans, ranking_error,
                           RANKING_PDF if ranking_pdf is not None else None)
    if ranking_pdf is not None:
        written.append(write_atomic_force(out / RANKING_PDF, ranking_pdf, force))
    written.append(write_atomic_force(out / SUMMARY_CSV, summary_csv(summary), force))
    written.append(write_atomic_force(out / SUMMARY_JSON, summary_json(summary, str(folder)), force))
    return summary


def write_atomic_force(path: Path, data: bytes | str, force: bool) -> Path:
    from .output import write_atomic

    return write_atomic(path, data, force=force)


def _task_error(status: str, value: Any, what: str) -> str:
    if status == "timeout":
        return f"{what} exceeded the time limit of {value:g} s"
    if status == "input":
        return _first_error(list(value))
    return f"{what} could not be rendered: {value}"


def _scored(o: Outcome, status: str, value: Any, timeout: float | None) -> None:
    o.stage = "score"
    if status == "ok":
        o.result, o.warnings = value
        o.status, o.stage = "ok", ""
    elif status == "input":
        o.status, o.problems = "invalid", list(value)
        o.error = _first_error(o.problems)
    elif status == "timeout":
        o.status, o.error = "timeout", f"{o.unit.path}: reading and scoring exceeded the time limit of {value:g} s"
    else:
        o.status, o.error = "error", f"{o.unit.path}: could not be scored (a bug in lcity, please report it): {value}"


def _failure_line(o: Outcome) -> str:
    """The one stderr line for a file that failed: its first error, and how many more there are."""
    errors = [p for p in o.problems if p.severity == "error"]
    if len(errors) > 1:
        more = len(errors) - 1
        return f"{o.error} (and {more} more error{'s' if more > 1 else ''}: run lcity validate {o.unit.path})"
    return o.error
