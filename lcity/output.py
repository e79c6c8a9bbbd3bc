"""Writing output files without ever clobbering an input, a device or a half-written file.

Reports and summaries are written to a temporary file in the same folder and renamed into place,
so a crash, a full disk or a killed process leaves either the old file or the complete new one.
An existing file is replaced only with ``--force``, and never when it is one of the command's own
inputs (compared by device and inode, so a symlink or a second path to the same file counts) or
not a regular file (``-o /dev/full --force`` must not delete the device node). ``-o -`` writes to
stdout. New files get the user's umask, as any other program's would.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Iterable

from indicators.problems import InputError, Problem

STDOUT = "-"


def _refuse(path: Path | str, rule: str, message: str, hint: str) -> InputError:
    return InputError([Problem(str(path), 1, 1, "error", rule, message, hint, fatal=True)])


def is_stdout(path: str | Path | None) -> bool:
    return path is not None and str(path) == STDOUT


def same_file(a: Path, b: Path) -> bool:
    """True when a and b name the same file (through symlinks and hard links)."""
    try:
        sa, sb = os.stat(a), os.stat(b)
    except (OSError, ValueError):
        try:
            return Path(a).resolve() == Path(b).resolve()
        except (OSError, RuntimeError, ValueError):
            return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def refuse_existing(path: Path, force: bool) -> None:
    """Refuses an output that exists (without --force) or is not a regular file (ever)."""
    if is_stdout(path):
        return
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _refuse(path, "unwritable", f"cannot use this path: {exc.strerror}", "give another -o path") from None
    if not stat.S_ISREG(st.st_mode):
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file (a device, pipe or socket)"
        raise _refuse(path, "not-a-file", f"the output is {kind}; nothing was written",
                      "give the path of a file to write, or -o - for stdout")
    if not force:
        raise _refuse(path, "file-exists", "file already exists; nothing was written",
                      "choose another name with -o, or add --force to replace it")


def check_outputs(outputs: Iterable[Path | None], inputs: Iterable[Path | None], force: bool) -> None:
    """Before any work: no output is an input, two outputs differ, and each may be written."""
    outs = [Path(o) for o in outputs if o is not None and not is_stdout(o)]
    ins = [Path(i) for i in inputs if i is not None]
    for o in outs:
        for i in ins:
            if same_file(o, i):
                raise _refuse(o, "output-is-input", f"the output would replace an input of this command ({i})",
                              "choose another output name; lcity never writes over its inputs")
        refuse_existing(o, force)
    for n, o in enumerate(outs):
        if any(same_file(o, other) for other in outs[n + 1:]):
            raise _refuse(o, "usage", "two outputs name the same file", "give each output its own name")


def _umask() -> int:
    """The process's umask, read without changing it where the kernel says it (Linux ≥ 4.7), so a
    thread creating a file meanwhile never gets a wrong mode; elsewhere set and restored."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, data: bytes | str, *, force: bool = False) -> Path:
    """Writes ``data`` to ``path`` (or stdout for ``-``); raises InputError (exit 2) on any failure."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if is_stdout(path):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return Path(STDOUT)
    path = Path(path)
    if path.is_symlink() and force:  # replace what the link points at, not the user's link
        path = path.resolve()
    refuse_existing(path, force)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise _refuse(path, "unwritable", f"folder '{folder}' does not exist", "create it first, or give another -o path")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        if not force and os.path.lexists(path):  # appeared while we wrote
            raise _refuse(path, "file-exists", "file already exists; nothing was written", "add --force to replace it")
        refuse_existing(path, True)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise _refuse(path, "unwritable", f"cannot write: {reason}; nothing was written",
                      "check the folder's permissions and free space, or write elsewhere") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return path
