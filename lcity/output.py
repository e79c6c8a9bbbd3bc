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
from contextlib import suppress
from pathlib import Path
from typing import Any, Callable, Iterable

from indicators.messages import Msg
from indicators.problems import InputError, Problem

STDOUT = "-"


def os_reason(exc: OSError):
    """Why the system refused, in both languages (``indicators.oserrors``: every reason in words,
    an unknown one as the system's words inside the user's language)."""
    from indicators.oserrors import os_reason as said

    return said(exc)


def os_fix(exc: OSError, default):
    """What to do about ``exc`` when its reason says it (a shorter name), else ``default``."""
    from indicators.oserrors import os_fix as fix

    return fix(exc, default)


def _refuse(path: Path | str, rule: str, message: str, hint: str) -> InputError:
    return InputError([Problem(str(path), 1, 1, "error", rule, message, hint, fatal=True)])


def is_stdout(path: str | Path | None) -> bool:
    return path is not None and str(path) == STDOUT


#: how a binary output begins (a PDF, a workbook): bytes a terminal would take as its own commands
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04")


def refuse_terminal(path: str | Path | None, kind: str) -> None:
    """Refuses ``-o -`` for a binary output (``kind``: "PDF" or "workbook") when standard output is
    a terminal: its bytes would reach the terminal raw, control sequences and all, and print
    screens of noise (G22-H4). Piped or redirected (``-o - > r.pdf``, ``-o - | …``) it is written."""
    if not is_stdout(path):
        return
    try:
        terminal = sys.stdout.isatty()
    except (AttributeError, ValueError, OSError):  # a closed or replaced stdout is no terminal
        terminal = False
    if terminal:
        from indicators.messages import Both

        said = Both("工作簿", "workbook") if kind == "workbook" else Both(" PDF ", "PDF")
        raise _refuse("-o -", "usage", Msg("out.binary-terminal", kind=said), Msg("hint.out-binary-terminal"))


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
        raise _refuse(path, "unwritable", Msg("out.cannot-use", reason=os_reason(exc)),
                      os_fix(exc, Msg("hint.out-another-path"))) from None
    if not stat.S_ISREG(st.st_mode):
        raise _refuse(path, "not-a-file", Msg("out.is-folder" if stat.S_ISDIR(st.st_mode) else "out.not-regular"),
                      Msg("hint.out-not-a-file"))
    if not force:
        raise _refuse(path, "file-exists", Msg("out.exists"), Msg("hint.out-exists"))


def _missing(ins: list[Path]) -> list[Problem]:
    """The inputs that are not there, said with a refused output: one run names both (lcity upgrade
    last-year.yaml -o this-year.yaml said only that this-year.yaml existed, not that last-year.yaml
    was missing)."""
    return [Problem(str(i), 1, 1, "error", "unreadable", Msg("load.no-such-file"), Msg("hint.check-path"), fatal=True)
            for i in ins if not is_stdout(i) and not os.path.lexists(i)]


def check_outputs(outputs: Iterable[Path | None], inputs: Iterable[Path | None], force: bool,
                  options: Iterable[str] | None = None) -> None:
    """Before any work: no output is an input, two outputs differ, and each may be written.
    With ``options`` (the option that gave each output), an output whose folder is missing is
    refused too, before the seconds of rendering a report rather than after them (G30H-1)."""
    if options is not None:
        for o, option in zip(outputs, options):
            if o is not None and not is_stdout(o):
                refuse_missing_folder(Path(o), option)
    outs = [Path(o) for o in outputs if o is not None and not is_stdout(o)]
    ins = [Path(i) for i in inputs if i is not None]
    for o in outs:
        for i in ins:
            if same_file(o, i):
                raise _refuse(o, "output-is-input", Msg("out.is-input", input=str(i)), Msg("hint.out-is-input"))
        try:
            refuse_existing(o, force)
        except InputError as exc:
            raise InputError(_missing(ins) + exc.problems) from None
    for n, o in enumerate(outs):
        if any(same_file(o, other) for other in outs[n + 1:]):
            raise _refuse(o, "usage", Msg("out.same"), Msg("hint.out-same"))


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


def write_atomic(path: str | Path, data: bytes | str, *, force: bool = False, mode: int | None = None,
                 option: str = "-o") -> Path:
    """Writes ``data`` to ``path`` (or stdout for ``-``); raises InputError (exit 2) on any failure.
    ``mode``: the new file's permission bits (default: the umask's), see ``rewrite_in_place``;
    ``option``: the option that named ``path``, for the hint of a missing folder."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if is_stdout(path):
        if data[:4] in _BINARY_MAGIC:  # whatever command writes it: never a PDF or a workbook raw on a terminal
            refuse_terminal(path, "PDF" if data[:4] == b"%PDF" else "workbook")
        _to_stdout(data)
        return Path(STDOUT)
    path = _target(path, force, option)

    def appeared() -> None:
        if not force and os.path.lexists(path):  # appeared while we wrote
            raise _refuse(path, "file-exists", Msg("out.exists"), Msg("hint.out-force"))
        refuse_existing(path, True)

    _put(path, data, mode, appeared)
    return path


def _to_stdout(data: bytes) -> None:
    """``data`` on standard output; a failure is a StdoutError, said as ``<stdout>`` (exit 2).

    ``report -o - >&-`` was an internal error (exit 3: the stand-in for a closed stdout has no
    bytes side) after "wrote -", and ``report -o - > /dev/full`` blamed the temporary folder and
    told the user to set TMPDIR (G31H-3)."""
    import errno

    from .console import StdoutError

    out = getattr(sys.stdout, "buffer", None)
    try:
        if out is None:  # started with standard output closed
            raise OSError(errno.EBADF, "the file is closed")
        sys.stdout.flush()
        out.write(data)
        out.flush()
    except BrokenPipeError:  # the reader left (| head -c 10): said as any closed pipe is
        raise
    except OSError as exc:
        raise StdoutError(exc.errno, exc.strerror) from None


def _target(path: str | Path, force: bool, option: str = "-o") -> Path:
    """The file to write for ``path`` (a link's target under ``force``), refused (InputError, exit 2)
    when it exists without ``force``, is no regular file, or its folder is missing."""
    path = Path(path)
    if path.is_symlink() and force:  # replace what the link points at, not the user's link
        path = path.resolve()
    refuse_existing(path, force)
    refuse_missing_folder(path, option)
    return path


def refuse_missing_folder(path: Path, option: str = "-o") -> None:
    """Refuses (exit 2) an output whose folder does not exist, naming the option that gave it:
    ``report -o r.pdf --html missing/r.html`` was told to "give another -o path" (G30H-1)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        hint = Msg("hint.out-no-folder") if option == "-o" else Msg("hint.out-no-folder-option", option=option)
        raise _refuse(path, "unwritable", Msg("out.no-folder", folder=str(folder)), hint)


#: names of files that are not YAML text: a form written under one would not open where its name says
NOT_YAML_NAMES = (".xlsx", ".xls", ".xlsm", ".et", ".pdf", ".docx", ".doc")


def refuse_not_yaml_name(output: Path | None, *, workbook_hint: bool = False) -> None:
    """Refuses (exit 2, nothing written) an ``-o`` whose name says a workbook or a PDF for a
    command that writes YAML text (review init, init's YAML form): Excel/WPS would say the file is
    damaged, and the next step the command prints would name it."""
    # init writes a workbook or a PDF form under those names: the name meant is the one to use there
    refuse_lookalike(output, ext=None if workbook_hint else ".yaml")
    if output is None or is_stdout(output) or output.suffix.lower() not in (*NOT_YAML_NAMES, ".json"):
        return
    from .escapes import visible

    # -o b.json: an editor checks a .json file as JSON and marks the YAML form broken (G19-C16)
    said = Msg("out.yaml-not-json") if output.suffix.lower() == ".json" else Msg("out.yaml-not-that", suffix=output.suffix)
    raise _refuse(output, "usage", said,
                  Msg("hint.out-yaml-not-that", file=visible(output.with_suffix(".yaml").name),
                      workbook=Msg("hint.out-yaml-workbook") if workbook_hint else ""))


#: the kind of file a name's suffix promises (the suffixes a user would open with another program)
_KIND_OF_SUFFIX = {".pdf": "pdf", ".html": "html", ".htm": "html", ".yaml": "yaml", ".yml": "yaml",
                   ".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".xls": "xlsx", ".xlsm": "xlsx", ".et": "xlsx",
                   ".docx": "docx", ".doc": "docx", ".txt": "text", ".md": "text"}
_SUFFIX_OF_KIND = {"pdf": ".pdf", "html": ".html"}


def refuse_other_kind(output: Path | None, kind: str, option: str = "-o") -> None:
    """Refuses (exit 2, nothing written) an output whose name promises another kind of file than
    the one written there: ``report -o r.yaml`` wrote a PDF that an editor, or lcity validate,
    would then open as YAML. A name without a known suffix is the user's choice and is kept."""
    refuse_lookalike(output, option, _SUFFIX_OF_KIND[kind])
    if output is None or is_stdout(output):
        return
    said = _KIND_OF_SUFFIX.get(output.suffix.lower())
    if said is None or said == kind:
        return
    from .escapes import visible

    raise _refuse(output, "usage", Msg("out.other-kind", option=option, kind=Msg(f"out.kind-{kind}"),
                                       suffix=visible(output.suffix)),
                  Msg("hint.out-other-kind", ext=_SUFFIX_OF_KIND[kind],
                      file=visible(output.with_suffix(_SUFFIX_OF_KIND[kind]).name)))


def _lookalike(name: str) -> tuple[str, list[str], str] | None:
    """(the suffix ``name`` looks like it ends in, why it does not, the name meant) for a name whose
    ending reads as a known kind of file but is not one to a file manager: 'r.pdf ' (a trailing
    space), 'r.pdf.' (a trailing dot), 'r.ｐｄｆ' or 'r．pdf' (full-width letters or dot, which NFKC
    reads as ASCII); None for any other name, 'r.PDF' and 'Ｒ.pdf' included (G11-7)."""
    import unicodedata

    stripped = name
    while stripped and (stripped[-1].isspace() or unicodedata.normalize("NFKC", stripped[-1]) in (" ", ".")):
        stripped = stripped[:-1]
    suffix = Path(unicodedata.normalize("NFKC", stripped)).suffix.lower() if stripped else ""
    if suffix not in _KIND_OF_SUFFIX or (stripped == name and Path(name).suffix.lower() == suffix):
        return None
    tail = name[len(stripped):]
    why = (["space"] if any(c.isspace() or unicodedata.normalize("NFKC", c) == " " for c in tail) else []) \
        + (["dot"] if any(unicodedata.normalize("NFKC", c) == "." for c in tail) else [])
    ending = stripped[-len(suffix):]
    if ending != unicodedata.normalize("NFKC", ending) or not ending.isascii():
        why.append("wide")
    meant = stripped[:-len(suffix)] if unicodedata.normalize("NFKC", ending).lower() == suffix else \
        str(Path(unicodedata.normalize("NFKC", stripped)).with_suffix(""))
    return suffix, why, meant


def refuse_lookalike(output: Path | None, option: str = "-o", ext: str | None = None) -> None:
    """Refuses (exit 2, nothing written) an output name that looks like a known kind of file and is
    not one: 'r.pdf ' and 'r.ｐｄｆ' were written without a word, and no viewer opens them by their
    name (G11-7). The hint gives the name meant, ending in ``ext`` (the kind the command writes)
    or, without one, in the suffix the name looks like."""
    if output is None or is_stdout(output):
        return
    seen = _lookalike(Path(output).name)
    if seen is None:
        return
    suffix, why, meant = seen
    from .escapes import visible

    # 'p.yml ' for a YAML writer means p.yml; 'r.yaml ' for a PDF writer means the PDF's name
    keep = ext is None or _KIND_OF_SUFFIX.get(ext) == _KIND_OF_SUFFIX[suffix]
    fixed = Path(output).with_name(meant + (suffix if keep else ext))
    raise _refuse(output, "usage", Msg("out.lookalike", option=option, name=visible(Path(output).name), suffix=suffix,
                                       why=Msg(f"out.lookalike-{why[0]}" if len(why) == 1 else "out.lookalike-mixed")),
                  Msg("hint.out-lookalike", file=visible(str(fixed))))


#: what every JSON Schema lcity writes beside a form holds near its start (json.dumps, indent 2)
_SCHEMA_MARK = b'"$schema": "http://json-schema.org/draft-07/schema#"'


def write_companion(path: str | Path, data: bytes | str) -> Msg | None:
    """Writes a file lcity keeps beside a form (its JSON Schema) and returns None; returns why not
    (a link, another file) and leaves the name alone when something lcity did not write is there.
    A link planted beside the form would otherwise have its target replaced, wherever it points
    (write_atomic follows a link under --force), and a file of the user's of that name would be
    lost without --force. The new file goes in by rename, which replaces a name, never follows it."""
    path = Path(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError:
        return Msg("out.companion-other")
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            return Msg("out.companion-link")
        if stat.S_ISDIR(st.st_mode):  # a folder is no "other file" (G19-C16)
            return Msg("out.companion-folder")
        if not stat.S_ISREG(st.st_mode):
            return Msg("out.companion-special")
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as fh:
                head = fh.read(4096)
        except OSError:
            return Msg("out.companion-other")
        if not head.lstrip().startswith(b"{") or _SCHEMA_MARK not in head:
            return Msg("out.companion-other")
    if isinstance(data, str):
        data = data.encode("utf-8")
    # appeared while we wrote: not ours
    return _put(path, data, None, lambda: Msg("out.companion-other") if st is None and os.path.lexists(path) else None)


def _put(path: Path, data: bytes, mode: int | None, appeared: Callable[[], Msg | None]) -> Msg | None:
    """``data`` written to a temporary file beside ``path`` and renamed over it (a rename replaces a
    name, never follows it), the temporary file removed on any failure. ``appeared`` is asked just
    before the rename, when something may have taken the name meanwhile: it raises, or returns why
    the name is left alone (returned). ``mode``: the new file's permission bits (default: the umask's)."""
    tmp = None
    try:
        tmp = _stage(path, data)
        if mode is not None:
            os.chmod(tmp, mode)
        why = appeared()
        if why is not None:
            return why
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise _refuse(path, "unwritable", Msg("out.cannot-write", reason=os_reason(exc)),
                      os_fix(exc, Msg("hint.out-cannot-write"))) from None
    finally:
        if tmp is not None:
            with suppress(OSError):
                os.unlink(tmp)
    return None


def write_together(items: list[tuple[Path, Any]], *, force: bool = False, options: dict | None = None) -> list[Path]:
    """Files that belong together (a batch's three summaries, a report's PDF and HTML) written all
    or none: each into a
    temporary file beside it, and only when every one is complete are they renamed into place. A
    full disk at the third summary of a ``--force`` run left the new summary.csv and summary.json
    beside the earlier run's summary.xlsx, and an official opened last run's figures (G29H-3).
    ``items``: (path, bytes or text, or a function making them); ``options``: the option that named
    a path, where not -o. Raises InputError (exit 2) naming the file that could not be written;
    then no file has changed."""
    staged: list[tuple[Path, str]] = []
    try:
        for path, data in items:
            path = _target(path, force, (options or {}).get(path, "-o"))
            data = data() if callable(data) else data  # made only once the files before it are staged
            try:
                staged.append((path, _stage(path, data.encode("utf-8") if isinstance(data, str) else data)))
            except OSError as exc:
                from indicators.messages import Both

                names = [Path(p).name for p, _ in items]
                raise _refuse(path, "unwritable", Msg("out.cannot-write-together", reason=os_reason(exc),
                                                      files=Both("、".join(names), ", ".join(names))),
                              os_fix(exc, Msg("hint.out-cannot-write"))) from None
        for path, _ in staged:
            if not force and os.path.lexists(path):  # appeared while we wrote
                raise _refuse(path, "file-exists", Msg("out.exists"), Msg("hint.out-force"))
        for path, tmp in staged:
            os.replace(tmp, path)
        done, staged = [p for p, _ in staged], []
        return done
    finally:
        for _, tmp in staged:
            with suppress(OSError):
                os.unlink(tmp)


def _stage(path: Path, data: bytes) -> str:
    """``data`` in a new, complete temporary file beside ``path`` (the umask's mode); its name. On
    any failure the temporary file is removed and the error raised."""
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent if str(path.parent) else ".")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        staged, tmp = tmp, None
        return staged
    finally:
        if tmp is not None:
            with suppress(OSError):
                os.unlink(tmp)


def rewrite_in_place(path: str | Path, data: bytes) -> Path:
    """Replaces a user's own file with new contents (``lcity fix --write``), atomically like
    ``write_atomic``. A file without any write permission bit is refused (the user protected it;
    renaming over it would succeed anyway, even as root), and the new file keeps the old one's
    permission bits, so a private 0600 form stays private. A symlink's target is rewritten and the
    link kept, as editors do: the user named the file."""
    path = Path(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _refuse(path, "unwritable", Msg("out.cannot-use", reason=os_reason(exc)),
                      os_fix(exc, Msg("hint.out-another-path"))) from None
    if not stat.S_ISREG(st.st_mode):
        raise _refuse(path, "not-a-file", Msg("out.not-regular"), Msg("hint.out-not-a-file"))
    if not st.st_mode & 0o222:
        raise _refuse(path, "read-only", Msg("hostile.read-only"), Msg("hostile.hint-read-only"))
    return write_atomic(path, data, force=True, mode=stat.S_IMODE(st.st_mode))
