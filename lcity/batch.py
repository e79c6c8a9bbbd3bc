"""Batch evaluation: score every assessment in a folder, rank them, write summaries and reports.

``run_batch(folder, out)`` is what ``lcity batch DIR -o OUT`` runs. It

1. finds the assessments (``lcity.batch_files``): the regular files inside the folder named
   ``*.yaml`` or ``*.yml`` (any case), except reviews. The reviews of ``x.yaml`` are found by
   name, ``x.review.yaml`` and ``x.review-*.yaml``, and applied together as one panel (median of
   reviewers, see ``evaluator.verify``). Nothing outside the folder is read: a symlink that leaves
   it is skipped. Every entry not read is listed with the reason (stderr and ``summary.json``);
2. locks the output folder (one batch at a time, ``lcity.batch_output.OutputLock``), plans every
   output (``summary.csv``, ``summary.json``, ``ranking.pdf`` and, with ``reports``,
   ``<stem>.pdf`` per assessment) and refuses to start if any of them exists, unless ``force``;
3. scores the files in a pool of worker processes started once (``jobs``, default the number of
   cores), the files sent in chunks (``lcity.batch_pool``). A file that fails validation (or whose
   review does) becomes a failure and the batch goes on;
4. renders the PDFs in the workers too. Every file and every PDF has a time limit (``timeout``
   seconds, 0.1 to 3600), so that one pathological file cannot hang the batch;
5. writes every file atomically (temporary file + rename): PDFs as they are ready, the ranking and
   the summaries at the end. A PDF that cannot be written (read-only folder, full disk) marks its
   unit ``report_failed`` and the batch goes on; a summary that cannot be written stops the batch
   with exit code 2, naming the path and the OS's reason. No half-written file is ever left.

Summary format (``summary.csv`` and ``summary.json`` hold the same rows)
----------------------------------------------------------------------
One row per file, columns ``SUMMARY_COLUMNS`` plus one column per dimension (``A`` .. ``L``: the
dimension's score in points), then ``TRAILING_COLUMNS`` (``error``, then ``percent_slips``: the ids
of the percentages typed as fractions that the grade or outcome turns on; new columns go last).
Scores are the verified ones when the unit was reviewed (``reviewed`` true; ``self_total`` then
keeps the self-assessed total). Scored rows come first, sorted by rank (by total, rounded to 2
decimals, highest first; equal totals share a rank), then by file name. ``status`` is

* ``ok``: scored (and, with ``reports``, its PDF written);
* ``report_failed``: scored, but its PDF could not be rendered or written (an error, the time
  limit, or the OS refusing the write). The row keeps its scores and rank;
* ``invalid``: the file (or one of its reviews) could not be read or failed validation;
* ``timeout``: reading and scoring the file exceeded the time limit;
* ``error``: scoring failed unexpectedly (a bug in lcity: please report it).

Files that were not scored (``invalid``, ``timeout``, ``error``) are listed after the scored rows
with empty scores and ``rank``, and ``error`` holds their first error (``file:line:col: error
rule: message`` as ``lcity validate`` prints it). In ``summary.json`` the scored rows are under
``units`` and every file that failed at any stage is under ``failures`` (with its problems), so a
``report_failed`` unit appears in both; the CSV rows are ``units`` followed by the ``failures``
that have no scores. ``summary.json`` also lists ``skipped`` entries and ``orphan_reviews``.
``summary.csv`` is UTF-8 with a byte-order mark, so that Excel and WPS open the Chinese names
correctly. Numbers are rounded once (``lcity.batch_summary.figure``: points to 2 decimals,
confidence and coverage to 3) and every output shows those figures; neither file holds a
timestamp, so the same folder gives the same files.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import Any

from indicators.messages import Msg, say
from indicators.oserrors import os_reason
from indicators.problems import InputError, Problem

from .batch_files import Found, Skipped, Unit, check_inside, confined, discover, is_review, reviews_of
from .batch_output import (
    RANKING_PDF,
    SUMMARY_CSV,
    SUMMARY_JSON,
    SUMMARY_XLSX,
    OutputLock,
    check_planned,
    make_output_folder,
    planned_outputs,
    prepare_output,
    usage,
    write_output,
    write_summaries,
)
from .batch_pool import (
    MAX_TIMEOUT,
    MIN_TIMEOUT,
    TEST_DELAY_ENV,
    TEST_SCORE_DELAY_ENV,
    InlinePool,
    Pool,
    PoolFailed,
    TimeLimitExceeded,
    bounded_timeout,
    sleep_task,
    start_pool,
    test_delay,
    time_limit,
)
from .batch_summary import (
    SUMMARY_COLUMNS,
    TRAILING_COLUMNS,
    BatchSummary,
    Outcome,
    dimension_ids,
    failure_text,
    first_error,
    figure,
    points_text,
    rank_outcomes,
    add_robustness,
    ranking_context,
    safe_problems,
    summary_csv,
    summary_json,
    summary_row,
    unit_record,
)

__all__ = ["run_batch", "Listener", "BatchSummary", "Outcome", "Unit", "Skipped", "Found", "discover", "is_review",
           "reviews_of", "planned_outputs", "prepare_output", "time_limit", "TimeLimitExceeded", "sleep_task", "Pool",
           "summary_row", "summary_csv", "summary_json", "ranking_context", "figure", "points_text", "rank_outcomes",
           "dimension_ids", "SUMMARY_CSV", "SUMMARY_JSON", "SUMMARY_XLSX", "RANKING_PDF", "SUMMARY_COLUMNS", "TRAILING_COLUMNS",
           "TEST_DELAY_ENV", "TEST_SCORE_DELAY_ENV", "DEFAULT_TIMEOUT", "MIN_TIMEOUT", "MAX_TIMEOUT"]

DEFAULT_TIMEOUT = 120.0


# --- work done in the worker processes ----------------------------------------------------------


def _refuse_outside(folder: str, paths: list[str]) -> None:
    """Checks again, right before reading, that every file is a regular file inside the folder."""
    bad = [(p, why) for p in paths if (why := check_inside(folder, p))]
    if bad:
        raise InputError([Problem(p, 1, 1, "error", "unsafe-path", Msg("batch.not-read", reason=why), fatal=True) for p, why in bad])


def score_file(path: str, reviews: list[str], folder: str | None = None) -> tuple[dict[str, Any], int]:
    """Reads, checks and scores one file with its reviews: (its record, number of warnings).

    Invalid input raises InputError with every problem (the file's, then the reviews'), made safe
    to show (``safe_problems``).
    """
    from evaluator.pipeline import read_scored
    from evaluator.reading import label_for

    if folder is not None:
        _refuse_outside(folder, [path, *reviews])
    test_delay(Path(path).name.rsplit(".", 1)[0], TEST_SCORE_DELAY_ENV)
    try:
        with confined(folder or Path(path).parent):
            result, loaded = read_scored(path, reviews=[Path(r) for r in reviews], label=label_for(path))
    except InputError as exc:
        raise InputError(safe_problems(_read_past_slips(path, exc.problems, folder))) from None
    warnings = sum(p.severity == "warning" for p in loaded.problems)
    return unit_record(result, warnings, loaded.assessment), warnings


def render_unit(path: str, reviews: list[str], lang: str | None) -> bytes:
    """The PDF of one unit, made exactly as ``lcity report`` makes it."""
    from .reporting import unit_report_pdf

    test_delay(Path(path).name.rsplit(".", 1)[0])
    with confined(Path(path).parent):
        return unit_report_pdf(Path(path), [Path(r) for r in reviews], lang)


def unit_output_lang(o: Any, lang: str | None = None) -> str:
    """The language of one scored unit's report: ``lang`` (``batch --lang``), else the unit's own
    (its file's ``lang:``, its framework's language, zh: ``lcity.language``)."""
    from .language import declared_lang, framework_lang, output_lang

    if lang or declared_lang(o.unit.path):
        return output_lang(lang, o.unit.path)
    from indicators.loader import load_framework

    try:
        fw = load_framework(o.record["row"]["framework"]) if o.record is not None else None
    except InputError:  # a framework that is gone since it scored: the default
        fw = None
    return framework_lang(fw)


def _framework_of(o: Any) -> Any:
    """The framework a scored unit was scored by (None when it is gone since)."""
    from indicators.loader import load_framework

    try:
        return load_framework(o.record["row"]["framework"]) if o.record is not None else None
    except InputError:
        return None


def ranking_lang(outcomes: list[Any], lang: str | None = None) -> str:
    """The language of the ranking: ``lang`` (``batch --lang``), else that of every scored unit's
    report when they share one, else their framework's language, else zh (``common_lang``)."""
    from .language import common_lang

    scored = [o for o in outcomes if o.scored]
    return lang or common_lang([unit_output_lang(o) for o in scored], [_framework_of(o) for o in scored])


def ranking_note(outcomes: list[Any]) -> Any:
    """Which language the ranking of units of different languages is in, and why; None when they agree."""
    from .language import mixed_note

    scored = [o for o in outcomes if o.scored]
    fws = [_framework_of(o) for o in scored]
    return mixed_note([unit_output_lang(o) for o in scored], ranking_lang(outcomes), fws)


def render_ranking(context: dict, lang: str) -> bytes:
    """The ranking report (``reports.ranking``) of the data made by ``ranking_context``."""
    from reports.ranking import ranking_pdf

    test_delay("ranking")
    return ranking_pdf(context, lang)


# --- running a batch ----------------------------------------------------------------------------


class Listener:
    """Receives progress from ``run_batch``; the CLI shows it on stderr. Every method is optional."""

    def planned(self, units: int) -> None: ...

    def unit_done(self, outcome: Outcome) -> None: ...

    def failure(self, outcome: Outcome, text: str) -> None: ...

    def note(self, text: str) -> None: ...

    def skipped(self, entries: list[Skipped]) -> None: ...


def _find(folder: Path) -> Found:
    if folder.is_file():  # one assessment given where its folder belongs: it was told "no such folder" (G31H-4)
        raise InputError([usage(folder, "not-a-folder", Msg("batch.file-not-folder"),
                                Msg("hint.batch-file-not-folder", folder=shlex.quote(str(folder.parent)),
                                    file=shlex.quote(str(folder))))])
    if not folder.is_dir():
        raise InputError([usage(folder, "not-a-folder", Msg("batch.not-a-folder"), Msg("hint.batch-not-a-folder"))])
    try:
        found = discover(folder)
    except OSError as exc:
        raise InputError([usage(folder, "unreadable", Msg("batch.cannot-list", error=os_reason(exc)))]) from None
    if not found.units:
        raise InputError([usage(folder, "no-assessments", Msg("batch.no-assessments"),
                                Msg("hint.batch-no-assessments"))])
    return found


def _keep_inputs(found: Found, planned: list[Path], folder: Path) -> None:
    """No output of this batch is one of the files it reads: ``-o`` naming the folder read, with
    an assessment workbook there named ``summary.xlsx``, replaced it with the summary under
    ``--force`` (G20-C5). A summary an earlier run wrote there is skipped, not read as a failing
    assessment; any other input there is refused (exit 2) before anything is written. A summary
    lcity wrote, under any name, is skipped too when it is no output of this run: one left in the
    folder read by ``-o`` that folder failed the next batch into another (G28H-4)."""
    from .batch_files import Skipped

    clashing = {Path(os.path.realpath(p)) for p in planned if os.path.lexists(p)}
    for unit in list(found.units):
        clash = Path(os.path.realpath(unit.path)) in clashing
        if not clash and unit.path.suffix.lower() != ".xlsx":
            continue
        if _is_summary_workbook(unit.path):  # this run's to replace, or an earlier run's into another folder (G28H-4)
            found.units.remove(unit)
            found.skipped.append(Skipped(unit.file, Msg("batch.skip.own-summary" if clash else "batch.skip.summary")))
            continue
        if not clash:
            continue
        raise InputError([usage(unit.path, "output-is-input", Msg("out.is-input", input=unit.file),
                                Msg("hint.batch-output-is-input", folder=folder.name or str(folder)))])
    if not found.units:
        raise InputError([usage(folder, "no-assessments", Msg("batch.no-assessments"),
                                Msg("hint.batch-no-assessments"))])


def _is_summary_workbook(path: Path) -> bool:
    """Whether ``path`` is a summary.xlsx lcity batch wrote: its sheets are the summary's, in
    either language (read as every workbook is, by ``indicators.xlsx``)."""
    from indicators.xlsx import sheet_names

    names = sheet_names(path) or []
    return any(names[:1] == [say(Msg("sheet.about"), lang)] and len(names) == 3 for lang in ("zh", "en"))


def run_batch(folder: str | Path, out: str | Path, *, reports: bool = False, jobs: int | None = None,
              lang: str | None = None, force: bool = False, timeout: float | None = DEFAULT_TIMEOUT,
              ranking: bool = True, listener: Listener | None = None) -> BatchSummary:
    """Scores every assessment in ``folder`` and writes the summaries (and PDFs) into ``out``.

    Raises InputError (fatal: exit code 2) before doing anything when the folder has no
    assessments, the output folder is unusable or locked by another batch, an output exists and
    ``force`` is not given, or ``timeout`` is out of bounds; and at the end when a summary cannot
    be written. Failures of single files do not raise: they are in the returned summary
    (exit_code 1).
    """
    if str(out) == "-":  # "-o -" is standard output for the other commands: here it would be a folder named "-"
        raise InputError([usage("-o", "usage", Msg("batch.output-dash"), Msg("hint.batch-output-dash"))])
    folder, out = Path(folder), Path(out)
    listener = listener or Listener()
    timeout = bounded_timeout(timeout)
    found = _find(folder)
    units = found.units
    make_output_folder(out)
    with OutputLock(out):
        planned = planned_outputs([u.stem for u in units], out, reports=reports, ranking=ranking)
        _keep_inputs(found, planned, folder)
        check_planned(out, planned, force=force)
        if found.skipped:
            listener.skipped(found.skipped)
        for r in found.orphan_reviews:
            listener.note(Msg("batch.orphan-review", file=str(r), stem=r.name.split('.review')[0]))
        from .batch_temp import private_temp

        with private_temp():  # the workers' temporary files (font folders) go with it, however they end
            return _run(folder, out, found, reports=reports, jobs=jobs or os.cpu_count() or 1, lang=lang, force=force,
                        timeout=timeout, ranking=ranking, listener=listener)


def _run(folder: Path, out: Path, found: Found, *, reports: bool, jobs: int, lang: str | None, force: bool,
         timeout: float | None, ranking: bool, listener: Listener) -> BatchSummary:
    units = found.units
    outcomes = {u.file: Outcome(u) for u in units}
    listener.planned(len(units))
    written: list[Path] = []
    ranking_error = ""
    ranking_bytes: bytes | None = None
    jobs = max(1, min(jobs, len(units)))
    tasks = [(("score", u.file), score_file, (str(u.path), [str(r) for r in u.reviews], str(folder))) for u in units]
    pool = _start_pool(jobs, timeout, tasks, listener)
    try:
        to_score = len(units)
        for (kind, *rest), status, value in pool.results():
            if kind == "ranking":
                if status == "ok":
                    ranking_bytes = value
                else:
                    ranking_error = _task_error(status, value, "ranking")
                    listener.note(Msg("batch.ranking-not-written", file=str(out / RANKING_PDF), error=ranking_error))
                continue
            o = outcomes[rest[0]]
            if kind == "score":
                to_score -= 1
                _scored(o, status, value)
                if o.failed:
                    listener.failure(o, _failure_line(o))
                    listener.unit_done(o)
                elif reports:
                    pool.submit(("render", o.file), render_unit, str(o.unit.path), [str(r) for r in o.unit.reviews], lang)
                else:
                    listener.unit_done(o)
                if to_score == 0:  # every unit scored: the uncertainty analysis of each group
                    add_robustness(list(outcomes.values()))
                if to_score == 0 and ranking:
                    partial = BatchSummary(rank_outcomes(list(outcomes.values())), [], [], found.orphan_reviews)
                    pool.submit(("ranking",), render_ranking, ranking_context(partial, str(folder)),
                                ranking_lang(list(outcomes.values()), lang))
            else:  # render
                if status == "ok":
                    try:
                        o.pdf = write_output(out / f"{o.unit.stem}.pdf", value, force)
                        written.append(o.pdf)
                    except InputError as exc:
                        status, value = "input", exc.problems
                if status != "ok":
                    o.status, o.stage = "report_failed", "report"
                    o.error = _task_error(status, value, "report")
                    if status == "input":
                        o.problems = list(value)
                    listener.failure(o, _said(Msg("batch.report-not-written", file=str(o.unit.path), error=o.error), o))
                listener.unit_done(o)
    except PoolFailed as exc:  # the workers stopped mid-run: the machine's doing, exit 2, not a bug
        _close_quietly(pool)
        raise InputError([usage(out, "workers-failed", Msg("batch.workers-failed", error=str(exc)),
                                Msg("hint.batch-workers-failed"))]) from None
    except BaseException:
        _close_quietly(pool)
        raise
    pool.close()
    ordered = rank_outcomes(list(outcomes.values()))
    if ranking_bytes is not None:
        try:
            written.append(write_output(out / RANKING_PDF, ranking_bytes, force))
        except InputError as exc:
            ranking_error = first_error(exc.problems)
            listener.note(Msg("batch.ranking-not-written", file=str(out / RANKING_PDF), error=ranking_error))
            ranking_bytes = None
    if force:
        _drop_earlier(out, [u.stem for u in units] if reports else [], ranking, written, listener)
    summary = BatchSummary(ordered, dimension_ids(ordered), written, found.orphan_reviews, ranking_error,
                           RANKING_PDF if ranking_bytes is not None else None, found.skipped)
    # the summaries: a failure here is exit 2 (InputError), with no partial file
    said_in = ranking_lang(ordered, lang)  # the summaries say errors as the ranking report does
    from .batch_sheet import summary_xlsx  # the same rows for officials, in words (G18-B12)

    written += write_summaries([(out / SUMMARY_CSV, lambda: summary_csv(summary, said_in)),
                                (out / SUMMARY_JSON, lambda: summary_json(summary, str(folder), said_in)),
                                (out / SUMMARY_XLSX, lambda: summary_xlsx(summary, str(folder), said_in))], force)
    return summary


def _drop_earlier(out: Path, stems: list[str], ranking: bool, written: list[Path], listener: Listener) -> None:
    """Under ``--force``, the PDFs an earlier run wrote that this run was to replace and could not
    (its render failed or timed out, the disk was full, the unit no longer scores) are removed, and
    each is named: a q.pdf or ranking.pdf with the earlier run's figures stayed beside this run's
    summaries, which said the report was not written (G29H-6). Only regular files are removed."""
    import stat

    done = {Path(p).name for p in written}
    for name in [f"{s}.pdf" for s in stems] + ([RANKING_PDF] if ranking else []):
        path = out / name
        try:
            if name in done or not stat.S_ISREG(os.lstat(path).st_mode):
                continue
            os.unlink(path)
        except OSError:
            continue
        listener.note(Msg("batch.earlier-removed", file=str(path)))


def _start_pool(jobs: int, timeout: float | None, tasks: list, listener: Listener) -> Pool | InlinePool:
    """The worker pool with the scoring tasks sent; when the system refuses to start worker
    processes or to take the first tasks (no semaphores, a process limit, a sandbox), every file
    is scored in this process instead, and a note says so: the batch still gets done, and its exit
    code is the files' (never 3, never a silent 0)."""
    pool = None
    try:
        pool = start_pool(jobs, timeout)
        pool.submit_many(tasks, jobs)
        return pool
    except PoolFailed as exc:
        _ignore_broken_tracker()
        if pool is not None:
            _close_quietly(pool)
        listener.note(Msg("batch.no-workers", error=exc.args[0] if exc.args else type(exc).__name__))
        inline = InlinePool(timeout)
        inline.submit_many(tasks, jobs)
        return inline


def _ignore_broken_tracker() -> None:
    """After the worker processes failed, multiprocessing's clean-up at exit cannot reach its
    (dead) resource tracker either and would print a traceback per semaphore: those are dropped,
    every other unraisable error is shown as before."""
    import sys

    previous = sys.unraisablehook

    def hook(unraisable) -> None:
        if not isinstance(unraisable.exc_value, BrokenPipeError):
            previous(unraisable)

    sys.unraisablehook = hook


def _close_quietly(pool: Pool | InlinePool) -> None:
    """Stops the workers; a pool that is already broken may fail to stop, which changes nothing."""
    try:
        pool.close(kill=True)
    except Exception:
        pass


def _task_error(status: str, value: Any, what: str) -> str:
    """Why a PDF (``what``: report or ranking) was not made: a catalog message (English in the
    summaries, the user's language on the terminal), or the first problem of its input."""
    if status == "timeout":
        return Msg(f"batch.{what}-timeout", seconds=f"{value:g}")
    if status == "input":
        return first_error(list(value))
    return Msg(f"batch.{what}-error", error=str(value))


def _scored(o: Outcome, status: str, value: Any) -> None:
    o.stage = "score"
    if status == "ok":
        o.record, o.warnings = value
        o.status, o.stage = "ok", ""
    elif status == "input":
        o.status, o.problems = "invalid", list(value)
        o.error = first_error(o.problems)
    elif status == "timeout":
        o.status, o.error = "timeout", Msg("batch.timeout", file=str(o.unit.path), seconds=f"{value:g}")
    else:
        o.status, o.error = "error", Msg("batch.bug", file=str(o.unit.path), error=str(value))


def _read_past_slips(path: str, problems: list[Problem], folder: str | None) -> list[Problem]:
    """A file's problems as ``lcity validate`` finds them: when an input-method slip (a full-width
    colon) stopped the YAML, the rest of the file is read as if it were fixed, so that the errors
    before and after it are found too (the batch named the slip on line 106 as the file's error and
    never saw the unknown choice on line 80); the reviews' problems are kept."""
    if not any(p.rule in ("full-width", "colon-space") and p.file == path for p in problems):
        return problems
    from .commands.validate import check_file

    with confined(folder or Path(path).parent):
        own, _, _ = check_file(Path(path), None)
    return own + [p for p in problems if p.file != path]


def _failure_line(o: Outcome) -> str:
    """The one stderr line for a file that failed: its first error by line, and how many more there
    are, in the file's language (``--lang``, its ``lang:`` line, the locale), as ``lcity validate`` says it."""
    from .console import lang_for, typed

    lang = lang_for(str(o.unit.path))
    errors = [p for p in o.problems if p.severity == "error"]
    first = failure_text(o, lang)
    if len(errors) > 1:
        return say(Msg("batch.more-errors", first=first, n=len(errors) - 1, file=typed(o.unit.path)), lang)
    return first


def _said(msg: Msg, o: Outcome) -> str:
    """A message about one file in that file's language (as ``_failure_line``)."""
    from .console import lang_for

    return say(msg, lang_for(str(o.unit.path)))
