"""A cache of frameworks that have been read and checked, so that each ``lcity`` run need not do it again.

A framework file is data: once it has been parsed, validated and checked without a problem, the
resulting model is stored as JSON (never pickle: JSON cannot run code), under a name made of the
SHA-256 of the file's bytes and a fingerprint of the code that reads and checks frameworks. Any
change to the file or to that code gives a new name, so a stale entry is never used.

The cache is only ever a shortcut (``indicators.datacache``: where it is, how an entry is read and
written). When its folder is missing, unwritable or read-only, or an entry is corrupt, truncated,
of another model, not a regular file, or one another user wrote or can write, the framework is read
as if there were no cache, and the entry is rewritten atomically (a temporary file, then
``os.replace``) when that is possible.
"""

from __future__ import annotations

import hashlib
import sys
from functools import lru_cache
from pathlib import Path

import pydantic

from .datacache import cache_dir, read_entry, write_entry
from .models import Framework

__all__ = ["cache_dir", "entry_path", "fingerprint", "load", "store"]

PACKAGE_DIR = Path(__file__).resolve().parent

#: the modules whose code decides what a framework file becomes, or whether it is accepted
_CODE = ("models.py", "modelcheck.py", "frameworkcheck.py", "cities.py", "safeyaml.py", "problems.py",
         "loader.py", "fwcache.py", "frameworkcheck_totals.py")

#: counters for tests: entries read, entries written
hits = 0
writes = 0


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


def load(data: bytes) -> Framework | None:
    """The cached framework of these file bytes, or None (no entry, or one that cannot be used)."""
    global hits
    path = entry_path(data)
    if path is None:
        return None
    raw = read_entry(path)
    if raw is None:  # missing, unreadable, a FIFO, a device, a symlink, a huge file, another user's
        return None
    try:
        fw = Framework.model_validate_json(raw)
    except ValueError:  # truncated, corrupt, another model
        return None
    hits += 1
    return fw


def store(data: bytes, fw: Framework) -> None:
    """Writes the entry atomically; silently does nothing when the cache cannot be written."""
    global writes
    path = entry_path(data)
    if path is None:
        return
    if write_entry(path, fw.model_dump_json().encode("utf-8")):
        writes += 1
