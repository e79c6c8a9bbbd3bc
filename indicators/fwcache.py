"""A cache of frameworks that have been read and checked, so that each ``lcity`` run need not do it again.

A framework file is data: once it has been parsed, validated and checked without a problem, the
resulting model is stored as JSON (never pickle: JSON cannot run code), under a name made of the
SHA-256 of the file's bytes and a fingerprint of the code that reads and checks frameworks. Any
change to the file or to that code gives a new name, so a stale entry is never used.

The cache is only ever a shortcut. When its folder is missing, unwritable or read-only, or an entry
is corrupt, truncated, of another model, not a regular file, or one another user wrote or can
write, the framework is read as if there were no cache, and the entry is rewritten atomically (a
temporary file, then ``os.replace``) when that is possible.

Where: ``$LCITY_CACHE_DIR``, else ``$XDG_CACHE_HOME/lcity``, else ``~/.cache/lcity``.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import pydantic

from .models import Framework

PACKAGE_DIR = Path(__file__).resolve().parent

#: the modules whose code decides what a framework file becomes, or whether it is accepted
_CODE = ("models.py", "modelcheck.py", "frameworkcheck.py", "cities.py", "safeyaml.py", "problems.py",
         "loader.py", "fwcache.py", "frameworkcheck_totals.py")

#: counters for tests: entries read, entries written
hits = 0
writes = 0


def cache_dir() -> Path | None:
    """The folder of the cache, or None when no home folder can be found."""
    explicit = os.environ.get("LCITY_CACHE_DIR", "").strip()
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "lcity"
    try:
        return Path.home() / ".cache" / "lcity"
    except (RuntimeError, KeyError, OSError):
        return None


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Changes whenever the code that reads frameworks, or the versions it runs on, change."""
    h = hashlib.sha256()
    try:
        from importlib.metadata import version

        h.update(version("learning-city-evaluator").encode())
    except Exception:  # not installed (run from a checkout): the code hash below is enough
        pass
    h.update(f"pydantic {pydantic.VERSION} python {sys.version_info[:2]}".encode())
    for name in _CODE:
        try:
            h.update((PACKAGE_DIR / name).read_bytes())
        except OSError:
            h.update(b"missing " + name.encode())
    return h.hexdigest()[:16]


def entry_path(data: bytes) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(data).hexdigest()
    return folder / f"framework-{key}-{fingerprint()}.json"


#: The largest entry read: the packaged frameworks' entries are under 200 KB; a file far larger is
#: not one lcity wrote, and reading it whole (a link to /dev/zero) would fill the memory.
MAX_ENTRY_BYTES = 20_000_000


def _entry_bytes(path: Path) -> bytes | None:
    """The entry's bytes when it is a regular file of a sane size that only this user can have
    written, else None. Opened without following a symlink and without blocking, then checked on
    the open file: a FIFO put in the cache folder would wait for a writer forever, and every command
    reads its framework here; an entry's name is predictable, so one planted by another user (a
    shared LCITY_CACHE_DIR) would score everybody with the grades and lines it chose."""
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        if hasattr(os, "geteuid") and (info.st_uid != os.geteuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
            return None  # another user wrote it, or could have: its grades and lines are not to be trusted
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            return fh.read(MAX_ENTRY_BYTES + 1)
    finally:
        if fd >= 0:
            os.close(fd)


def load(data: bytes) -> Framework | None:
    """The cached framework of these file bytes, or None (no entry, or one that cannot be used)."""
    global hits
    path = entry_path(data)
    if path is None:
        return None
    try:
        raw = _entry_bytes(path)
        if raw is None or len(raw) > MAX_ENTRY_BYTES:  # a FIFO, a device, a symlink, a huge file
            return None
        fw = Framework.model_validate_json(raw)
    except (OSError, ValueError):  # missing, unreadable, truncated, corrupt, another model
        return None
    hits += 1
    return fw


def store(data: bytes, fw: Framework) -> None:
    """Writes the entry atomically; silently does nothing when the cache cannot be written."""
    global writes
    path = entry_path(data)
    if path is None:
        return
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".framework-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(fw.model_dump_json().encode("utf-8"))
        os.replace(tmp, path)
        tmp = None
        writes += 1
    except OSError:
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
