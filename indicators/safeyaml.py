"""The one place where the tool reads YAML: safe, bounded, and with a line and column for every value.

Why not ``yaml.safe_load``:

* it keeps no positions, and a district official needs ``file:41:7`` to find a mistake;
* it silently keeps the last of two duplicate keys;
* its YAML 1.1 typing turns ``NO`` into ``False``, ``010`` into ``8``, ``12:30`` into ``750`` and
  ``1.10`` into ``1.1`` — the user never typed those values;
* it has no limits: a 306-byte alias bomb expands to hundreds of megabytes when walked, deep
  nesting raises ``RecursionError`` in the pure-Python loader and crashes the C loader outright.

So this module composes the node graph with YAML 1.2 core typing while bounding depth, aliases
and tags on every event (before anything deep is built); and builds plain Python data itself,
recording the mark and raw text of every node. Only the standard tags are accepted and nothing is
ever constructed from a tag, so ``!!python/object`` cannot run code.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from .problems import InputError, Problem

MAX_BYTES = 2_000_000
MAX_DEPTH = 50
MAX_ALIASES = 100
MAX_NODES = 200_000

STANDARD = "tag:yaml.org,2002:"
ALLOWED_TAGS = {STANDARD + t for t in ("str", "int", "float", "bool", "null", "seq", "map")}

Path_ = tuple  # a path of keys and list indexes from the document root


class _Limit(Exception):
    """Raised inside composition when the input crosses a safety limit."""

    def __init__(self, mark, rule: str, message: str, hint: str):
        super().__init__(message)
        self.mark, self.rule, self.message, self.hint = mark, rule, message, hint


class _Loader(Reader, Scanner, Parser, Composer, BaseResolver):
    """PyYAML's pure-Python pipeline up to the node graph, with YAML 1.2 core typing and limits.

    The limits are checked on each event before composing it, so hostile input is refused after
    reading only as far as the first offending node, in a single pass.
    """

    def __init__(self, stream: str):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _Limit(event.start_mark, "too-many-aliases", f"more than {MAX_ALIASES} aliases (*name)",
                             "write values out instead of repeating anchors")
            return super().compose_node(parent, index)
        tag = getattr(event, "tag", None)
        if tag is not None:
            full = tag if tag.startswith("tag:") else tag.replace("!!", STANDARD, 1)
            if full not in ALLOWED_TAGS:
                shown = tag.replace(STANDARD, "!!", 1)
                raise _Limit(event.start_mark, "unsupported-tag", f"tag '{shown}' is not allowed; nothing was executed",
                             "remove the tag: assessments hold plain text, numbers, lists and mappings")
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise _Limit(event.start_mark, "too-deep", f"nesting deeper than {MAX_DEPTH} levels",
                             "an assessment needs only a few levels; check for stray '[' or '-'")
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
        return super().compose_node(parent, index)


_Loader.add_implicit_resolver(
    STANDARD + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(
    STANDARD + "null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Loader.add_implicit_resolver(
    STANDARD + "int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Loader.add_implicit_resolver(
    STANDARD + "float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


@dataclass
class Marked:
    """Plain data from a YAML file plus where each piece of it was written."""

    data: Any
    file: str
    text: str
    #: path -> (line, col), 1-based, of each value node
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: path -> (line, col) of the mapping key that introduces the value at path
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: path -> (source text, style) of each scalar; style None means plain (unquoted)
    raw: dict[Path_, tuple[str, str | None]] = field(default_factory=dict)

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of path, or of its nearest ancestor that exists (a missing key)."""
        path = tuple(path)
        while True:
            if key and path in self.key_marks:
                return self.key_marks[path]
            if path in self.marks:
                return self.marks[path]
            if not path:
                return (1, 1)
            path = path[:-1]

    def raw_text(self, path: Path_) -> str | None:
        entry = self.raw.get(tuple(path))
        return entry[0] if entry else None

    def is_plain(self, path: Path_) -> bool:
        entry = self.raw.get(tuple(path))
        return bool(entry) and entry[1] is None

    def problem(
        self, path: Path_, rule: str, message: str, hint: str = "", *, key=False, severity="error"
    ) -> Problem:
        line, col = self.where(path, key=key)
        return Problem(self.file, line, col, severity, rule, message, hint)


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _fatal(file: str, mark, rule: str, message: str, hint: str = "") -> InputError:
    line, col = _pos(mark) if mark is not None else (1, 1)
    return InputError([Problem(file, line, col, "error", rule, message, hint, fatal=True)])


def read_text(path: str | Path, *, max_bytes: int = MAX_BYTES, label: str | None = None) -> str:
    """Reads a user file as UTF-8 with a size cap, turning every OS error into a Problem."""
    p = Path(path)
    name = label or str(path)
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise _fatal(name, None, "unreadable", "not a regular file", "give the path of a .yaml file")
        if size > max_bytes:
            raise _fatal(
                name,
                None,
                "too-large",
                f"file is {size:,} bytes, more than the limit of {max_bytes:,}",
                "an assessment is a few hundred lines; check that this is the right file",
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise _fatal(name, None, "unreadable", "no such file", "check the path") from None
    except IsADirectoryError:
        raise _fatal(name, None, "unreadable", "is a directory", "give the path of a .yaml file") from None
    except PermissionError:
        raise _fatal(name, None, "unreadable", "permission denied", "check the file's permissions") from None
    except OSError as exc:
        raise _fatal(name, None, "unreadable", exc.strerror or str(exc)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            [
                Problem(
                    name,
                    line,
                    col,
                    "error",
                    "encoding",
                    f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
                    "save the file as UTF-8 (most editors: 'Save with encoding')",
                    fatal=True,
                )
            ]
        ) from None


def _syntax_hint(problem: str) -> str:
    if "tab" in problem or "\t" in problem or "\\t" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "put text containing ': ' in quotes"
    if "could not find expected ':'" in problem:
        return "each line inside a mapping needs 'key: value'"
    if "another document" in problem:
        return "a file holds one assessment: remove the '---' line and what follows, or split the file"
    if "found character '@'" in problem or "found character '`'" in problem:
        return "put text starting with @ or ` in quotes"
    return "check indentation and quoting on this line and the one before"


def _scalar(node: ScalarNode, file: str) -> Any:
    tag, value = node.tag, node.value
    try:
        if tag == STANDARD + "null":
            return None
        if tag == STANDARD + "bool":
            return value.lower() == "true"
        if tag == STANDARD + "int":
            if value.startswith("0x"):
                return int(value, 16)
            if value.startswith("0o"):
                return int(value[2:], 8)
            return int(value)
        if tag == STANDARD + "float":
            low = value.lower().lstrip("+")
            if low in (".inf", "-.inf"):
                return -math.inf if low.startswith("-") else math.inf
            if low == ".nan":
                return math.nan
            return float(value)
    except ValueError:
        raise _fatal(
            file, node.start_mark, "wrong-type", f"'{value}' cannot be read as {tag.rsplit(':', 1)[-1]}"
        ) from None
    return value


def _build(text: str, root: Node, file: str) -> Marked:
    marked = Marked(data=None, file=file, text=text)
    budget = [MAX_NODES]
    problems: list[Problem] = []

    def build(node: Node, path: Path_) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise _fatal(
                file,
                node.start_mark,
                "too-large",
                f"the document expands to more than {MAX_NODES:,} values (alias bomb?)",
                "write values out instead of nesting anchors",
            )
        marked.marks.setdefault(path, _pos(node.start_mark))
        if isinstance(node, ScalarNode):
            marked.raw.setdefault(path, (node.value, node.style))
            return _scalar(node, file)
        if isinstance(node, SequenceNode):
            return [build(item, path + (i,)) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            out: dict[str, Any] = {}
            seen: dict[str, ScalarNode] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    line, col = _pos(key_node.start_mark)
                    problems.append(
                        Problem(file, line, col, "error", "complex-key", "keys must be plain text")
                    )
                    continue
                key = key_node.value
                if key in seen:
                    first = seen[key].start_mark.line + 1
                    line, col = _pos(key_node.start_mark)
                    problems.append(
                        Problem(
                            file,
                            line,
                            col,
                            "error",
                            "duplicate-key",
                            f"key '{key}' appears twice: lines {first} and {line}",
                            "keep one of them; YAML would silently use the last",
                        )
                    )
                    continue
                seen[key] = key_node
                marked.key_marks[path + (key,)] = _pos(key_node.start_mark)
                out[key] = build(value_node, path + (key,))
            return out
        raise _fatal(file, node.start_mark, "syntax", "unexpected YAML node")  # pragma: no cover

    marked.data = build(root, ())
    if problems:
        raise InputError(problems)
    return marked


def load_text(text: str, file: str = "<string>") -> Marked:
    """Parses YAML text into marked plain data; raises InputError with every problem found."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise _fatal(file, None, "too-large", f"more than {MAX_BYTES:,} bytes")
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise InputError([Problem(file, line, col, "error", "syntax",
                                  f"character U+{exc.character:04X} is not allowed in YAML",
                                  "remove the control character (often pasted from another program)",
                                  fatal=True)]) from None
    try:
        root = loader.get_single_node()
    except _Limit as exc:
        raise _fatal(file, exc.mark, exc.rule, exc.message, exc.hint) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise _fatal(file, mark, "syntax", f"syntax error: {problem}", _syntax_hint(problem)) from None
    except yaml.YAMLError as exc:
        raise _fatal(file, None, "syntax", f"syntax error: {exc}") from None
    except RecursionError:
        raise _fatal(file, None, "too-deep", "nesting too deep to read") from None
    finally:
        loader.dispose()
    if root is None:
        raise _fatal(file, None, "empty", "the file holds no YAML document", "run 'lcity init' for a template")
    return _build(text, root, file)


def load_file(path: str | Path, *, label: str | None = None, max_bytes: int = MAX_BYTES) -> Marked:
    name = label or str(path)
    return load_text(read_text(path, max_bytes=max_bytes, label=name), name)
