"""The output folder of ``lcity batch``: planned outputs, the lock, and writes that fail cleanly.

* ``prepare_output`` creates the folder if needed and refuses (exit 2) when it is unusable, when
  two outputs would have the same name, or when an output exists and ``--force`` is not given.
* ``OutputLock`` makes one batch at a time write into a folder: ``fcntl.flock`` on
  ``OUT/.lcity-batch.lock``, which records the pid of the batch holding it. A second batch into
  the same folder stops at once (exit 2) and names the first one's pid. The lock belongs to the
  open file, so it is released by the kernel even when the batch is killed; the file is removed
  when the batch ends normally.
* ``write_output`` writes atomically (``lcity.output.write_atomic``) and turns an OS error
  (read-only folder, full disk, file size limit) into an InputError naming the path and the OS's
  reason, with no partial file left behind.
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections import Counter
from pathlib import Path

from indicators.messages import Msg
from indicators.oserrors import os_reason
from indicators.problems import InputError, Problem

SUMMARY_CSV = "summary.csv"
SUMMARY_JSON = "summary.json"
SUMMARY_XLSX = "summary.xlsx"  # the summary for officials (lcity.batch_sheet)
RANKING_PDF = "ranking.pdf"
LOCK_NAME = ".lcity-batch.lock"


def usage(path: str | Path, rule: str, message: str, hint: str = "") -> Problem:
    return Problem(str(path), 1, 1, "error", rule, message, hint, fatal=True)


def planned_outputs(stems: list[str], out: Path, *, reports: bool, ranking: bool = True) -> list[Path]:
    names = [SUMMARY_CSV, SUMMARY_JSON, SUMMARY_XLSX] + ([RANKING_PDF] if ranking else [])
    if reports:
        names += [f"{s}.pdf" for s in stems]
    return [out / n for n in names]


def make_output_folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise InputError([usage(out, "unwritable", Msg("batch.output-not-folder"), Msg("hint.batch-output-not-folder"))])
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError([usage(out, "unwritable", Msg("batch.cannot-create-output", error=os_reason(exc)))]) from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise InputError([usage(out, "unwritable", Msg("batch.cannot-write-output"))])


def check_planned(out: Path, planned: list[Path], *, force: bool) -> None:
    """Refuses (InputError, exit 2) when two outputs clash or an output exists without ``force``."""
    seen = Counter(p.name for p in planned)
    clashes = [n for n, k in seen.items() if k > 1]
    if clashes:
        raise InputError([usage(out / n, "name-clash", Msg("batch.name-clash", name=n), Msg("hint.batch-name-clash"))
                          for n in clashes])
    existing = [p for p in planned if os.path.lexists(p)]
    if existing and not force:
        raise InputError([usage(p, "file-exists", Msg("batch.file-exists"), Msg("hint.batch-file-exists"))
                          for p in existing])


def prepare_output(out: Path, planned: list[Path], *, force: bool) -> None:
    """Creates OUT if needed; refuses (InputError, exit 2) when it is unusable or an output exists."""
    make_output_folder(out)
    check_planned(out, planned, force=force)


class OutputLock:
    """An exclusive, non-blocking lock on an output folder (see the module's docstring)."""

    def __init__(self, out: Path):
        self.path = Path(out) / LOCK_NAME
        self.fd: int | None = None

    def acquire(self) -> "OutputLock":
        for _ in range(50):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
            except OSError as exc:
                reason = Msg("batch.lock-symlink") if exc.errno == errno.ELOOP else os_reason(exc)
                raise InputError([usage(self.path, "unwritable", Msg("batch.lock-create", error=reason))]) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                holder = _read_pid(fd)
                os.close(fd)
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise InputError([usage(self.path, "unwritable", Msg("batch.lock-failed", error=os_reason(exc)))]) from None
                who = Msg("batch.locked-pid", pid=holder) if holder else Msg("batch.locked-unknown")
                raise InputError([usage(self.path.parent, "locked", Msg("batch.locked", who=who),
                                        Msg("hint.batch-locked"))]) from None
            # the previous holder may have removed the file between our open and our lock
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.path, follow_symlinks=False))
            except OSError:
                same = False
            if not same:
                os.close(fd)
                continue
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            self.fd = fd
            return self
        raise InputError([usage(self.path, "unwritable", Msg("batch.lock-changing"))])

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            if os.path.samestat(os.fstat(self.fd), os.stat(self.path, follow_symlinks=False)):
                os.unlink(self.path)
        except OSError:
            pass
        os.close(self.fd)
        self.fd = None

    def __enter__(self) -> "OutputLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def write_summaries(items: list, force: bool) -> list[Path]:
    """The summaries written all or none (``lcity.output.write_together``): a full disk never
    leaves this run's summary.csv beside an earlier run's summary.xlsx (G29H-3). Links are
    handled as ``write_output`` does."""
    from .output import write_together

    if force:
        for path, _ in items:
            if os.path.islink(path):
                os.unlink(path)
    return write_together(items, force=force)


def write_output(path: Path, data: bytes | str, force: bool) -> Path:
    """Writes one output atomically; an OS error becomes an InputError (exit 2) with the path and
    the OS's reason. No partial file is left."""
    from .output import write_atomic

    try:
        if force and os.path.islink(path):
            # --force replaces outputs of an earlier run; a link is none, and writing through it
            # (write_atomic follows a link under force) would replace a file outside the folder:
            # the link goes, the output takes its name (a link put back meanwhile is refused)
            os.unlink(path)
            return write_atomic(path, data, force=False)
        return write_atomic(path, data, force=force)
    except OSError as exc:
        reason = os_reason(exc)
        raise InputError([usage(path, "unwritable", Msg("batch.cannot-write", error=reason),
                                Msg("hint.batch-cannot-write"))]) from None
