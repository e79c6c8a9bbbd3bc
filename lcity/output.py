"""Writing output files without ever clobbering or half-writing one.

Reports and summaries are written to a temporary file in the same folder and renamed into place,
so a crash leaves either the old file or the complete new one. An existing file is replaced only
with ``--force``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from indicators.problems import InputError, Problem


def refuse_existing(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise InputError(
            [Problem(str(path), 1, 1, "error", "file-exists", "file already exists; nothing was written",
                     "choose another name with -o, or add --force to replace it", fatal=True)]
        )


def write_atomic(path: str | Path, data: bytes | str, *, force: bool = False) -> Path:
    path = Path(path)
    refuse_existing(path, force)
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(
            [Problem(str(path), 1, 1, "error", "unwritable", f"folder '{folder}' does not exist",
                     "create it first, or give another -o path", fatal=True)]
        )
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        if not force and path.exists():  # appeared while we wrote
            raise InputError(
                [Problem(str(path), 1, 1, "error", "file-exists", "file already exists; nothing was written",
                         "add --force to replace it", fatal=True)]
            )
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path
