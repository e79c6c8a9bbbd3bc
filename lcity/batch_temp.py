"""The batch's own temporary folder, removed however the batch ends.

WeasyPrint copies the report's fonts into a folder of its own under the temporary directory (22 MB
a report) and removes it when the report is done (``reports.render.font_configuration``). A worker
stopped mid-report never gets there: Ctrl-C or a ``kill`` of the batch stops its workers, and a
worker stuck past its time limit is killed (``lcity.batch_pool``), each leaving 22 MB in /tmp
(session 29: four such folders after one Ctrl-C). So the workers' temporary files go into one
folder of the batch's, ``lcity-batch-*``, which the batch removes when it ends, whatever its
workers did; a single ``lcity report`` or ``lcity demo`` renders inside such a folder too. A run
killed outright (SIGKILL, a power cut) cannot remove it: the next batch or report does, once
nothing holds the folder's lock (``flock`` on the folder, held by its run while it runs).
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import time
from contextlib import contextmanager
from typing import Iterator, Optional

PREFIX = "lcity-batch-"
#: the folder of the batch running in this process (``private_temp``), for its workers
_current: list[Optional[str]] = [None]
#: a folder younger than this is never taken for a stale one: its batch may not hold its lock yet
SETTLE_SECONDS = 60.0


def _lock(folder: str) -> int:
    """A descriptor of ``folder`` holding an exclusive lock on it; -1 when it is held elsewhere or
    cannot be taken (no flock on this file system: the folder is then never taken for stale)."""
    try:
        import fcntl

        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0))
    except (ImportError, OSError):
        return -1
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return -1
    return fd


def sweep_stale(where: Optional[str] = None, now: Optional[float] = None) -> None:
    """Removes the folders earlier batches of this user left in the temporary directory when they
    were killed: no batch holds their lock and they are older than ``SETTLE_SECONDS`` at ``now``
    (the clock's time unless given)."""
    where = where or tempfile.gettempdir()
    now = time.time() if now is None else now
    try:
        entries = [e for e in os.scandir(where) if e.name.startswith(PREFIX)]
    except OSError:
        return
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(st.st_mode) or (uid is not None and st.st_uid != uid) \
                or now - st.st_mtime < SETTLE_SECONDS:
            continue
        fd = _lock(entry.path)
        if fd < 0:
            continue
        try:
            shutil.rmtree(entry.path, ignore_errors=True)
        finally:
            os.close(fd)


def current() -> Optional[str]:
    """The temporary folder of the batch running in this process (None: none, or not made)."""
    return _current[0]


@contextmanager
def private_temp(here: bool = False) -> Iterator[Optional[str]]:
    """A new folder for the workers' temporary files, locked while the block runs and removed with
    everything in it when the block ends; None (the workers use the usual temporary directory)
    when it cannot be made there, where WeasyPrint will say why the reports cannot be rendered.
    ``here``: this process's own temporary files go there too while the block runs (a single
    ``lcity report`` killed outright mid-render then leaves a folder the next run removes, not a
    22 MB font folder nobody ever will)."""
    sweep_stale()
    try:
        folder = tempfile.mkdtemp(prefix=PREFIX)
    except OSError:
        yield None
        return
    fd = _lock(folder)
    _current[0] = folder
    before = tempfile.tempdir
    if here:
        tempfile.tempdir = folder
    try:
        yield folder
    finally:
        _current[0] = None
        if here:
            tempfile.tempdir = before
        shutil.rmtree(folder, ignore_errors=True)
        if fd >= 0:
            os.close(fd)
