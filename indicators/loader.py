"""Finding and loading frameworks, refusing any that is broken.

Frameworks are data files named ``framework.yaml``: the ones shipped in this package, plus any in
the folders listed in the ``LCITY_FRAMEWORK_PATH`` environment variable, so a second framework
(UNESCO's Key Features, a province's own table) is loadable without a code change.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .frameworkcheck import check_framework
from .frameworkcheck_totals import check_totals
from .models import Framework
from .modelcheck import validate_past_slips
from .problems import InputError, Problem, did_you_mean
from .messages import Msg, join
from . import fwcache
from .safeyaml import MAX_BYTES, decode_bytes, load_text, read_bytes

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_FRAMEWORK = "china-learning-city@1"


@dataclass(frozen=True)
class FrameworkFile:
    id: str
    version: int
    path: Path

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"


def search_dirs() -> list[Path]:
    """The packaged folder, then each ``LCITY_FRAMEWORK_PATH`` folder once: a folder named twice
    (or by another spelling, a link, the packaged one) would be scanned again for every framework
    looked up, each time for nothing."""
    dirs = [PACKAGE_DIR]
    seen = {os.path.realpath(PACKAGE_DIR)}
    for entry in os.environ.get("LCITY_FRAMEWORK_PATH", "").split(os.pathsep):
        if entry.strip():
            folder = Path(entry).expanduser()
            real = os.path.realpath(folder)
            if real not in seen:
                seen.add(real)
                dirs.append(folder)
    return dirs


def missing_path_folders() -> list[str]:
    """The entries of ``LCITY_FRAMEWORK_PATH`` that name no folder (a mistyped name, a file): when
    a framework is not found, that is the cause to name, not the form's framework line."""
    return [entry for entry in os.environ.get("LCITY_FRAMEWORK_PATH", "").split(os.pathsep)
            if entry.strip() and not Path(entry).expanduser().is_dir()]


def _scalar(text: str) -> str:
    """The value of a top-level ``key: value`` line: without a trailing comment or quotes."""
    value = text.split(":", 1)[1]
    for i, ch in enumerate(value):  # a YAML comment starts at '#' after a space (or at the start)
        if ch == "#" and (i == 0 or value[i - 1] in " \t"):
            value = value[:i]
            break
    return value.strip().strip("'\"").strip()


def _peek(path: Path) -> tuple[str, int] | None:
    """Reads only id and version, so listing frameworks stays cheap and survives broken files.

    ``version: 2  # a note`` is version 2. A file with an id but no readable version is listed as
    version 0, so that loading it reports what is wrong instead of the framework disappearing.
    None when the id cannot be read: not a regular file (a FIFO would wait for a writer forever,
    /dev/zero fill the memory), larger than any framework, not UTF-8, or no ``id:`` line.
    """
    ident: str | None = None
    version: int | None = None
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        with path.open("rb") as fh:  # the first lines only: a 30 MB line is never read whole
            for raw in fh.read(_PEEK_BYTES).splitlines():
                line = raw.decode("utf-8")
                if line.startswith("id:"):
                    ident = _scalar(line) or None
                elif line.startswith("version:"):
                    try:
                        version = int(_scalar(line))
                    except ValueError:
                        version = 0
                if ident and version is not None:
                    return ident, version
    except (OSError, UnicodeDecodeError):
        return None
    if ident:
        return ident, version or 0
    return None


#: How much of a framework file is read to find its id and version (they are at its top).
_PEEK_BYTES = 64 * 1024


def _unreadable_entry(path: Path, taken: set[str]) -> FrameworkFile:
    """A framework file whose id cannot be read, listed under its folder's name (version 0) so that
    ``lcity frameworks`` lists it as invalid and loading it says why, instead of leaving it out."""
    ident = path.parent.name or "framework"
    while f"{ident}@0" in taken:
        ident += "_"
    return FrameworkFile(ident, 0, path)


def available() -> list[FrameworkFile]:
    found: dict[str, FrameworkFile] = {}
    for d in search_dirs():
        if not d.is_dir():
            continue
        for path in sorted(d.glob("*/framework.yaml")) + sorted(d.glob("framework.yaml")):
            head = _peek(path)
            ff = FrameworkFile(head[0], head[1], path) if head else _unreadable_entry(path, set(found))
            found.setdefault(ff.ref, ff)
    return sorted(found.values(), key=lambda f: (f.id, f.version))


def _could_be_id(ref: str) -> bool:
    """Whether ``ref`` reads as 'id' or 'id@version' (a file of that name in the working folder
    does not make it a path)."""
    import re

    return re.fullmatch(r"[A-Za-z][A-Za-z0-9_\-]*(@[0-9]+)?", ref) is not None


def resolve(ref: str) -> Path:
    """Turns 'id', 'id@version' or a file path into the framework file to load."""
    candidate = Path(ref)
    if ref.endswith((".yaml", ".yml")) and candidate.exists():
        return candidate
    if (candidate / "framework.yaml").is_file():  # a framework's folder, as lcity frameworks shows it
        return candidate / "framework.yaml"
    if candidate.exists() and not _could_be_id(ref):  # /etc/passwd is a file, not an id to look up
        said = "fw.not-a-framework-folder" if candidate.is_dir() else "fw.not-a-framework-file"
        raise InputError([Problem(ref, 1, 1, "error", "not-a-framework", Msg(said, ref=ref),
                                  Msg("hint.fw-framework-file"), fatal=True)])
    ident, _, version = ref.partition("@")
    matches = [f for f in available() if f.id == ident and (not version or str(f.version) == version)]
    if not matches:
        known = [f.ref for f in available()]
        missing = missing_path_folders()
        message = (Msg("shape.no-framework-path", ref=ref, folders=join(missing)) if missing
                   else Msg("shape.no-framework", ref=ref))
        hint = (Msg("shape.hint-path-missing", refs=join(known)) if missing
                else did_you_mean(ref, known) or Msg("shape.installed-own", refs=join(known)))
        raise InputError([Problem("<framework>", 1, 1, "error", "unknown-framework", message, hint, fatal=True)])
    return max(matches, key=lambda f: f.version).path


@lru_cache(maxsize=16)
def _load_path(path: Path) -> Framework:
    data = read_bytes(path, kind="framework")
    cached = fwcache.load(data)
    if cached is not None:
        return cached
    marked = load_text(decode_bytes(data, str(path)), str(path))
    fw, problems = _every_problem(marked)
    problems = [p for p in problems if p.severity == "error"]
    if problems or fw is None:
        raise InputError(problems or [Problem(str(path), 1, 1, "error", "invalid-framework", Msg("shape.invalid-framework"))])
    fwcache.store(data, fw)  # only a framework without a single problem is ever cached
    return fw


def load_framework(ref: str | Path = DEFAULT_FRAMEWORK) -> Framework:
    """Loads and checks a framework by reference or path; raises InputError listing every problem.

    A framework read and checked once is kept as JSON in the user's cache (see ``fwcache``), keyed
    by the file's bytes and the code's fingerprint, so later runs skip parsing and checking it.
    """
    path = Path(ref) if isinstance(ref, Path) else resolve(ref)
    return _load_path(path.resolve())


def check_file(path: Path) -> tuple[Framework | None, list[Problem]]:
    """Every problem of one framework file, warnings included, in file order (``lcity framework
    check``). Raises InputError only when the file cannot be read at all (missing, unsafe YAML)."""
    from .problems import sort_problems

    marked = load_text(decode_bytes(read_bytes(path, kind="framework"), str(path)), str(path))
    fw, problems = _every_problem(marked)
    return fw, sort_problems(problems)


def _one_language(marked) -> None:
    """A framework that declares its one language (``language: en``) may give each text in that
    language only: the other half of every text is then the same words, as an author without
    Chinese would copy them by hand (G18-D1: 73 errors "has no 'zh'" for one fact, and each copy
    was a chance of the unquoted-comma slip). Both halves stay required otherwise. A text's copied
    half points where its original is written, so a problem with it is found there."""
    data = marked.data
    if not isinstance(data, dict) or data.get("language") not in ("zh", "en"):
        return
    have = data["language"]
    other = "zh" if have == "en" else "en"
    stack: list[tuple[object, tuple]] = [(data, ())]
    while stack:  # no recursion: the file's nesting is the user's
        node, path = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get(have), str) and other not in node:
                node[other] = node[have]
                for table in (marked.marks, marked.key_marks, marked.raw):
                    if path + (have,) in table:
                        table[path + (other,)] = table[path + (have,)]
            stack.extend((v, path + (k,)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, path + (i,)) for i, v in enumerate(node))


def _every_problem(marked) -> tuple[Framework | None, list[Problem]]:
    """The framework (None when its shape is wrong) and every problem of the file, warnings
    included. A slip of shape (a misspelt key) does not hide the rest: the checks of points,
    levels, answers and exemplars run on the file as read past it (``validate_past_slips``), so
    one run of ``lcity framework check`` lists them all."""
    _one_language(marked)
    fw, problems, read, read_marked = validate_past_slips(Framework, marked)
    if read is not None:
        seen = {(p.line, p.col, p.rule) for p in problems}
        problems = problems + [p for p in check_framework(read, read_marked) + check_totals(read, read_marked)
                               if (p.line, p.col, p.rule) not in seen]
    return fw, problems
