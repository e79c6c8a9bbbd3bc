"""Where lcity keeps what it has already worked out from its own packaged data, and how an entry is
read and written safely. Used by ``fwcache`` (checked frameworks) and ``messages`` (merged message
catalogs); light on purpose (no pydantic, no YAML), since every command reads its messages.

An entry is only ever a shortcut: its name carries a hash of everything it was made from, so a
stale one is never used, and any entry that cannot be trusted or read is ignored (the data is then
worked out again, as if there were no cache).

Where: ``$LCITY_CACHE_DIR``, else ``$XDG_CACHE_HOME/lcity``, else ``~/.cache/lcity``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: The largest entry read: lcity's own entries are under 200 KB; a file far larger is not one lcity
#: wrote, and reading it whole (a link to /dev/zero) would fill the memory.
MAX_ENTRY_BYTES = 20_000_000


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


def read_entry(path: Path) -> bytes | None:
    """The entry's bytes when it is a regular file of a sane size that only this user can have
    written, else None (also when it is missing or unreadable). Opened without following a symlink
    and without blocking, then checked on the open file: a FIFO put in the cache folder would wait
    for a writer forever, and an entry's name is predictable, so one planted by another user (a
    shared LCITY_CACHE_DIR) would score everybody with the grades and lines, or say the words, it chose."""
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        if hasattr(os, "geteuid") and (info.st_uid != os.geteuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)):
            return None  # another user wrote it, or could have: not to be trusted
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            raw = fh.read(MAX_ENTRY_BYTES + 1)
        return raw if len(raw) <= MAX_ENTRY_BYTES else None
    except OSError:
        return None
    finally:
        if fd >= 0:
            os.close(fd)


def write_entry(path: Path, data: bytes) -> bool:
    """Writes the entry atomically (a temporary file in the same folder, then ``os.replace``), so
    that a reader sees it whole or not at all; False, and nothing left behind, when the cache
    cannot be written (no folder, read-only, full)."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        stem = path.name.split("-", 1)[0]
        fd, tmp = tempfile.mkstemp(prefix=f".{stem}-", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        tmp = None
        return True
    except OSError:
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
