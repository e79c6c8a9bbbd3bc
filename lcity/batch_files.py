"""Which files of a folder ``lcity batch`` reads, and which it skips (and why).

A batch reads only regular files that are inside its folder:

* assessments are the entries whose name ends in ``.yaml`` or ``.yml`` in any case (``x.YAML``,
  ``x.Yml``), except reviews and hidden files;
* the reviews of ``x.yaml`` are found by name: ``x.review.yaml`` and ``x.review-*.yaml`` (any of
  the same extensions), and are applied together as one panel;
* a symlink is resolved; it is read only when its target is a regular file inside the folder
  (it is then read through the target's path inside the folder). A symlink that leaves the
  folder, is broken, or points to something that is not a regular file (a FIFO, a device, a
  folder) is skipped, and so is any such entry that is not a symlink;
* a file with more than one name (a hard link) is skipped: its other name may be outside the
  folder, and nothing in the folder can tell, so a copy is asked for instead;
* everything else (other files, sub-folders, hidden YAML files, reviews of no assessment) is
  skipped too. Every skipped entry is listed with its reason (``Skipped``): on stderr and in
  ``summary.json``. Hidden entries that are not YAML (``.git``, ``.DS_Store``) are not listed.

The worker checks a file again right before reading it (``check_inside``), so a file swapped for
a symlink after discovery is refused too. And while it reads and scores a unit it is confined
(``confined``): an audit hook refuses to open any YAML file outside the folder, the installed
packages and the framework folders the user set in ``LCITY_FRAMEWORK_PATH``, so that a file of the folder cannot make the batch read one outside it (``framework:
/elsewhere/x.yaml`` names a framework file by path) and copy its content into the summary.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from indicators.messages import Msg
from indicators.oserrors import os_reason

#: names that are YAML files (case-insensitive)
#: assessments: YAML files, and workbooks written by lcity init --format xlsx (Excel, WPS)
YAML_NAME = re.compile(r"^(?P<stem>.+)\.(?:ya?ml|xlsx)$", re.IGNORECASE | re.DOTALL)  # a line break in a name too
#: reviews: <stem>.review.yaml, <stem>.review-<anything>.yaml
REVIEW_NAME = re.compile(r"^(?P<stem>.+?)\.review(?:-[^/]*)?\.(?:ya?ml)$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Unit:
    """One assessment file of the folder and the review files found for it by name.

    ``path`` is the path that is read (inside the folder); ``name`` the entry's own name in the
    folder (a symlink's name, when the entry is a symlink to another file of the folder).
    """

    path: Path
    reviews: tuple[Path, ...] = ()
    name: str = ""

    @property
    def file(self) -> str:
        return self.name or self.path.name

    @property
    def stem(self) -> str:
        m = YAML_NAME.match(self.file)
        return m.group("stem") if m else self.file


@dataclass(frozen=True)
class Skipped:
    """An entry of the folder that the batch did not read, and why."""

    name: str
    reason: str  # a catalog message (Msg): English in summary.json, the user's language on the terminal

    def as_dict(self) -> dict[str, str]:
        return {"file": self.name, "reason": self.reason}


@dataclass
class Found:
    units: list[Unit] = field(default_factory=list)
    orphan_reviews: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def is_yaml(name: str) -> bool:
    return YAML_NAME.match(name) is not None


def is_lock_file(name: str) -> bool:
    """The file Excel or WPS (``~$NAME.xlsx``) or LibreOffice (``.~lock.NAME#``) keeps beside a
    workbook while it is open: the normal state of a folder a coordinator is working on, not a unit."""
    return name.startswith("~$") or (name.startswith(".~lock.") and name.endswith("#"))


def is_review(name: str) -> bool:
    return REVIEW_NAME.match(name) is not None


def review_stem(name: str) -> str:
    m = REVIEW_NAME.match(name)
    return m.group("stem") if m else name


def reviews_of(stem: str, names: list[str]) -> list[str]:
    """Review file names for the assessment ``<stem>.yaml``: ``<stem>.review.yaml``, ``<stem>.review-*.yaml``."""
    return sorted(n for n in names if is_review(n) and review_stem(n) == stem)


def resolve_inside(folder_real: Path, entry: Path) -> tuple[Path | None, str]:
    """(the real path of ``entry``, "") when it is a regular file inside ``folder_real``; else
    (None, the reason it is not read)."""
    try:
        st = entry.lstat()
    except OSError as exc:
        return None, Msg("batch.skip.unreadable", error=os_reason(exc))
    if stat.S_ISLNK(st.st_mode):
        try:
            real = Path(os.path.realpath(entry, strict=True))
        except (OSError, RuntimeError):
            return None, Msg("batch.skip.broken-link")
        if real != folder_real and folder_real not in real.parents:
            return None, Msg("batch.skip.outside")
        try:
            st = real.stat()
        except OSError as exc:
            return None, Msg("batch.skip.unreadable", error=os_reason(exc))
        if not stat.S_ISREG(st.st_mode):
            return None, Msg("batch.skip.link-to", kind=_kind(st.st_mode))
        if st.st_nlink > 1 and not _all_names_here(real.parent, folder_real, st):
            return None, Msg("batch.skip.hard-link", n=st.st_nlink)
        return real, ""
    if not stat.S_ISREG(st.st_mode):
        return None, Msg("batch.skip.special", kind=_kind(st.st_mode))
    if st.st_nlink > 1 and not _all_names_here(folder_real, folder_real, st):
        # the same file under another name, which may be outside the folder
        return None, Msg("batch.skip.hard-link", n=st.st_nlink)
    return folder_real / entry.name, ""


def _all_names_here(parent: Path, folder_real: Path, st: os.stat_result) -> bool:
    """Whether every name of the hard-linked file ``st`` is an entry of the batch folder itself:
    then nothing outside the folder can be read through it, and it is read once (G24-H6); a name
    that may be elsewhere (fewer names here than the file has) keeps it skipped."""
    if parent != folder_real:
        return False
    try:
        here = sum(1 for e in os.scandir(parent) if _same(e, st))
    except OSError:
        return False
    return here >= st.st_nlink


def _same(entry: os.DirEntry, st: os.stat_result) -> bool:
    try:
        mine = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    return stat.S_ISREG(mine.st_mode) and (mine.st_dev, mine.st_ino) == (st.st_dev, st.st_ino)


def check_inside(folder: str | Path, path: str | Path) -> str:
    """'' when ``path`` is (still) a regular file inside ``folder``; else the reason it is not."""
    folder_real = Path(os.path.realpath(folder))
    real, why = resolve_inside(folder_real, Path(path))
    if real is None:
        return why
    if real != folder_real and folder_real not in real.parents:
        return Msg("batch.outside-folder")
    return ""


def _kind(mode: int) -> Msg:
    if stat.S_ISDIR(mode):
        return Msg("batch.kind.folder")
    if stat.S_ISFIFO(mode):
        return Msg("batch.kind.fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Msg("batch.kind.device")
    if stat.S_ISSOCK(mode):
        return Msg("batch.kind.socket")
    return Msg("batch.kind.special")


def discover(folder: str | Path) -> Found:
    """The assessments of a folder (sorted by name), the review files that match none of them,
    and every entry that is not read, with its reason."""
    folder = Path(folder)
    folder_real = Path(os.path.realpath(folder))
    found = Found()
    readable: dict[str, Path] = {}  # entry name -> path to read (inside the folder)
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        name = entry.name
        if is_lock_file(name):
            found.skipped.append(Skipped(name, Msg("batch.skip.lock-file")))
            continue
        if name.startswith("."):
            if is_yaml(name):
                found.skipped.append(Skipped(name, Msg("batch.skip.hidden")))
            continue
        if not is_yaml(name):
            found.skipped.append(Skipped(name, Msg("batch.skip.folder") if entry.is_dir(follow_symlinks=False)
                                         else Msg("batch.skip.not-assessment")))
            continue
        real, why = resolve_inside(folder_real, folder / name)
        if real is None:
            found.skipped.append(Skipped(name, why))
            continue
        # read through the folder's own path, so messages name the folder the user gave
        readable[name] = folder / real.relative_to(folder_real)
    _once(readable, found)
    by_stem: dict[str, list[str]] = {}
    for name in readable:
        if is_review(name):
            by_stem.setdefault(review_stem(name), []).append(name)
    used: set[str] = set()
    for name, path in readable.items():
        if is_review(name):
            continue
        stem = YAML_NAME.match(name).group("stem")  # type: ignore[union-attr]
        mine = sorted(by_stem.get(stem, []))
        used.update(mine)
        found.units.append(Unit(path, tuple(readable[r] for r in mine), name))
    found.orphan_reviews = [folder / n for n in readable if is_review(n) and n not in used]
    return found


def _once(readable: dict[str, Path], found: Found) -> None:
    """One name per file: a hard link or a symlink to a sibling gave the same unit twice, ranked
    against itself (or, skipped as a hard link, not at all). The name kept is the file's own (not a
    symlink), the first in name order; the others are skipped, naming it (G24-H6)."""
    by_file: dict[tuple[int, int], list[str]] = {}
    for name, path in readable.items():
        try:
            st = os.stat(path)
        except OSError:
            continue
        by_file.setdefault((st.st_dev, st.st_ino), []).append(name)
    for names in by_file.values():
        if len(names) < 2:
            continue
        keep = min(names, key=lambda n: (readable[n].name != n, n))
        for name in names:
            if name != keep:
                link = readable[name].name != name  # read through its target's name: a symlink
                found.skipped.append(Skipped(name, Msg("batch.skip.symlink-twice" if link else "batch.skip.hard-link-twice",
                                                       file=keep)))
                del readable[name]


# --- confining a worker's reads to the folder ------------------------------------------------

_allowed: tuple[str, ...] | None = None  # real folders a confined worker may open YAML files in
_hooked = False


@lru_cache(maxsize=1)
def _package_folders() -> tuple[str, ...]:
    import evaluator
    import indicators
    import reports

    import lcity

    return tuple(os.path.dirname(os.path.realpath(m.__file__)) for m in (indicators, evaluator, reports, lcity)
                 if getattr(m, "__file__", None))


def _framework_folders() -> tuple[str, ...]:
    """The folders of LCITY_FRAMEWORK_PATH: frameworks (and their reference units) that the user
    installed there are read by id, like the packaged ones; a file of the batch cannot add one."""
    from indicators.loader import search_dirs

    return tuple(os.path.realpath(d) for d in search_dirs()[1:])


def _audit(event: str, args: tuple) -> None:
    if event != "open" or _allowed is None or not args or isinstance(args[0], int) or args[0] is None:
        return
    try:
        name = os.fsdecode(args[0])
    except TypeError:
        return
    if not name.lower().endswith((".yaml", ".yml")):
        return
    real = os.path.realpath(name)
    if any(real == a or real.startswith(a + os.sep) for a in _allowed):
        return
    from indicators.problems import InputError, Problem

    raise InputError([Problem(name, 1, 1, "error", "unsafe-path", Msg("batch.outside-batch-folder"),
                              Msg("hint.batch-outside-batch-folder"), fatal=True)])


@contextmanager
def confined(folder: str | Path) -> Iterator[None]:
    """Within the block, opening a YAML file outside ``folder`` and the installed packages raises
    InputError (see the module's docstring). For the batch's worker processes."""
    global _allowed, _hooked
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked = True
    previous = _allowed
    _allowed = (os.path.realpath(folder), *_package_folders(), *_framework_folders())
    try:
        yield
    finally:
        _allowed = previous
