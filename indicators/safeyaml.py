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

Two paths give the same result. When PyYAML was built with libyaml, ``load_text`` first streams
libyaml's parse events through a single-pass, non-recursive builder (``_fast_build``) that handles
the happy path only: at the first thing it does not handle (any syntax error, a limit crossed, a
duplicate or merge key, an undefined or recursive alias, a bad number) it gives up, and the
pure-Python reference path (``_reference_load``) reads the text again and reports exactly what it
always did. libyaml's own composer (which recurses in C and crashes on deep nesting) is never
used, and its YAML 1.1 resolver neither: typing is done here with the regexes below. Set
``USE_LIBYAML = False`` to force the pure path (tests compare both).
"""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from .messages import Both, Msg, recognise
from .problems import InputError, Problem
from .textchars import NONCHARACTER
from .yamlsyntax import describe as describe_syntax

try:  # libyaml, when PyYAML was built with it
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - depends on the PyYAML build
    _CParser = None

#: Use libyaml's parser for speed when it is available; tests set this to False to compare paths.
USE_LIBYAML = _CParser is not None

MAX_BYTES = 2_000_000
#: A filled-in workbook may be larger than a YAML file: pictures pasted into it (a scanned document
#: as evidence) make a form of a few tens of kilobytes megabytes large. Only its answers are read:
#: openpyxl, read-only, never opens a picture, and the zip directory is checked before any part is
#: (indicators.xlsx), so this bounds only what is read into memory (G22-H4).
WORKBOOK_MAX_BYTES = 50_000_000
_ZIP_MAGIC = b"PK\x03\x04"
MAX_DEPTH = 50
MAX_ALIASES = 100
MAX_NODES = 200_000
#: The longest text one value may hold, in characters: a note, a document name or a question is at
#: most a few pages (the frameworks' longest is under 1,000); a single 2 MB word (a pasted file)
#: would keep the report's typesetter busy for many minutes before it wrote a page.
MAX_TEXT = 20_000

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
        self._open: set[str] = set()  # anchors of the lists and mappings being composed
        #: (id of the parent node, list index or id of the key node) -> the mark of an alias there
        self.alias_marks: dict[tuple[int, int], Any] = {}

    def scan_plain(self):
        """PyYAML's plain scalar, except that '?' inside [...] or {...} stays part of the text.

        PyYAML's pure scanner ends a plain scalar at '?' in flow context, so ``{en: Is it open?}``
        was a syntax error here while libyaml (and YAML 1.2) read it as the text ``Is it open?``.
        Only the character test changes: while the scalar is scanned, '?' is seen as an ordinary
        character and the text itself is then taken from the buffer as written.
        """
        if not self.flow_level:
            return super().scan_plain()
        self.peek = self._peek_in_plain
        try:
            return super().scan_plain()
        finally:
            del self.peek

    def _peek_in_plain(self, index=0):
        char = Reader.peek(self, index)
        return "x" if char == "?" else char

    def scan_flow_scalar_non_spaces(self, double, start_mark):
        """PyYAML's, with an escape past the last character (``"\\U00110000"``) said at its place as
        a syntax error: PyYAML's scanner calls chr() on it and ended lcity with a ValueError (G22-H1)."""
        try:
            return super().scan_flow_scalar_non_spaces(double, start_mark)
        except (ValueError, OverflowError):  # chr() of 0x110000 …, or of 0xFFFFFFFF
            mark = self.get_mark()  # just past the '\\U' whose eight digits name no character
            escape = "\\U" + self.prefix(8)
            at = yaml.Mark(mark.name, mark.index - 2, mark.line, max(mark.column - 2, 0), None, None)
            raise _Limit(at, "syntax", Msg("yaml.escape-past-unicode", escape=escape),
                         Msg("yaml.hint.escape-past-unicode")) from None

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise _Limit(event.start_mark, "too-many-aliases", f"more than {MAX_ALIASES} aliases (*name)",
                             "write values out instead of repeating anchors")
            if event.anchor in self._open:
                raise _Limit(event.start_mark, "recursive-alias",
                             f"alias *{event.anchor} points into the list or mapping that contains it",
                             "an alias can only repeat a value that is complete before it")
            node = super().compose_node(parent, index)
            if parent is not None and index is not None:  # a value or an item, not a key
                self.alias_marks[(id(parent), index if isinstance(index, int) else id(index))] = event.start_mark
            return node
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
            anchor = event.anchor
            if anchor is not None:
                self._open.add(anchor)
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1
                self._open.discard(anchor)
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


def _duplicate_hint(node: Any, key_node: Any, value_node: Any) -> Msg:
    """A key twice in one { } whose text reads as words with no value (``{zh: a, b c., en: a, b c.}``)
    is a text cut at its comma, written twice: quoting it is the fix, not deleting half (G18-D3)."""
    split = (node.flow_style and " " in key_node.value and key_node.style is None
             and isinstance(value_node, ScalarNode) and value_node.value == "" and value_node.style is None)
    return Msg("hint.flow-comma-twice") if split else Msg("hint.duplicate-key")


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _fatal(file: str, mark, rule: str, message: str, hint: str = "") -> InputError:
    line, col = _pos(mark) if mark is not None else (1, 1)
    return InputError([Problem(file, line, col, "error", rule, _said(message), _said(hint), fatal=True)])


def _said(text: str) -> str:
    """The limit checks word their refusals in English, next to the check (``yaml.limit.*`` in the
    catalog holds the same words): said here in the user's language, the checks left as they are."""
    if type(text) is str and text:
        return recognise(text, "yaml.limit.") or text
    return text


def _line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a character index of text."""
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


_WIDE = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _wide_encoding(data: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' when the bytes are text in one of those encodings, else None."""
    for bom, name in _WIDE:
        if data.startswith(bom):
            return name
    # Without a BOM: YAML is mostly ASCII (keys, spaces, line ends), so UTF-16 text is full of NUL
    # bytes; say UTF-16 only when the bytes also decode to printable text with YAML's marks in it.
    if data.count(0) * 8 < len(data):
        return None
    for codec, name in (("utf-32-le", "UTF-32"), ("utf-32-be", "UTF-32"),
                        ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16")):
        try:
            decoded = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if (("\n" in decoded or ":" in decoded) and "\x00" not in decoded
                and not yaml.reader.Reader.NON_PRINTABLE.search(decoded)):
            return name
    return None


def _surrogate_problem(file: str, line: int, col: int, code: int, pair: str | None = None) -> Problem:
    if pair:
        return Problem(file, line, col, "error", "surrogate",
                       Msg("yaml.surrogate-pair", escapes=f"\\u{code:04X}\\u{_low(pair):04X}"),
                       Msg("yaml.hint.surrogate-pair", char=pair, escape=f"\\U{ord(pair):08X}"))
    return Problem(file, line, col, "error", "surrogate", Msg("yaml.surrogate", escape=f"\\u{code:04X}"),
                   Msg("yaml.hint.surrogate"))


#: a \u or \U escape, not itself escaped by a backslash before it
_CODE_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*(\\(?:u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}))")


def _noncharacter_problem(file: str, text: str, start: int, end: int, ch: str, *, fatal: bool = False) -> Problem:
    """A noncharacter (U+FFFE …) in a scalar or a key that spans ``text[start:end]``, at the escape
    that wrote it ("\\uFFFE"), or at the character itself when it is typed raw (G19-C6): YAML
    refuses U+FFFE typed but took it escaped, and the summary.xlsx written from it could not be
    opened."""
    code = f"U+{ord(ch):04X}"
    for m in _CODE_ESCAPE.finditer(text, start, end):
        if int(m.group(1)[2:], 16) == ord(ch):
            line, col = _line_col(text, m.start(1))
            return Problem(file, line, col, "error", "noncharacter",
                           Msg("yaml.noncharacter", code=code, escape=m.group(1)),
                           Msg("yaml.hint.noncharacter", escape=m.group(1)), fatal=fatal)
    at = text.find(ch, start, end if end > start else len(text))
    line, col = _line_col(text, at if at >= 0 else start)
    return Problem(file, line, col, "error", "noncharacter", Msg("yaml.noncharacter-raw", code=code),
                   Msg("yaml.hint.noncharacter-raw"), fatal=fatal)


def _low(char: str) -> int:
    """The low surrogate of a character outside the BMP."""
    return 0xDC00 + ((ord(char) - 0x10000) & 0x3FF)


#: what a file read here is, as its caller knows it: the too-large hint says how long such a file is
FILE_KINDS = ("assessment", "framework", "review", "other")


def read_text(path: str | Path, *, max_bytes: int = MAX_BYTES, label: str | None = None,
              kind: str = "assessment") -> str:
    """Reads a user file as UTF-8 with a size cap, turning every OS error into a Problem."""
    return decode_bytes(read_bytes(path, max_bytes=max_bytes, label=label, kind=kind), label or str(path))


def _size_hint(kind: str) -> Msg:
    """The hint under a file over the size cap, naming what the file is (``kind``, passed by the
    caller, never guessed from the content, which was not read): a framework is thousands of
    lines, an assessment or a review a few hundred; a 2 MB framework hint said "an assessment"."""
    if kind not in FILE_KINDS:
        raise ValueError(f"kind must be one of {', '.join(FILE_KINDS)}, not {kind!r}")
    return Msg("yaml.limit.hint-file-size" if kind == "assessment" else f"yaml.limit.hint-file-size-{kind}")


def read_bytes(path: str | Path, *, max_bytes: int = MAX_BYTES, label: str | None = None,
               kind: str = "assessment") -> bytes:
    """The bytes of a user file, with a size cap, turning every OS error into a Problem. ``kind``
    (``FILE_KINDS``) is what the caller reads it as: the too-large hint names it."""
    p = Path(path)
    name = label or str(path)
    try:
        size = p.stat().st_size
        if not p.is_file():
            workbook = str(path).lower().endswith((".xlsx", ".xlsm"))  # a folder or FIFO so named (G17-9)
            raise _fatal(name, None, "unreadable", "not a regular file",
                         Msg("xlsx.hint-workbook-path") if workbook else "give the path of a .yaml file")
        if size > max_bytes and kind == "assessment" and _starts_with(p, _ZIP_MAGIC):
            if size > WORKBOOK_MAX_BYTES:
                raise _fatal(name, None, "too-large",
                             Msg("xlsx.file-too-large", size=f"{size:,}", limit=f"{WORKBOOK_MAX_BYTES:,}"),
                             Msg("xlsx.hint-file-too-large"))
            max_bytes = WORKBOOK_MAX_BYTES
        if size > max_bytes:
            raise _fatal(
                name,
                None,
                "too-large",
                f"file is {size:,} bytes, more than the limit of {max_bytes:,}",
                _size_hint(kind),
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise _fatal(name, None, "unreadable", Msg("load.no-such-file"), Msg("hint.check-path")) from None
    except IsADirectoryError:
        raise _fatal(name, None, "unreadable", Msg("load.directory"), Msg("hint.yaml-path")) from None
    except PermissionError:
        raise _fatal(name, None, "unreadable", Msg("load.permission"), Msg("hint.permissions")) from None
    except OSError as exc:  # a loop of links, a name too long, a network share gone: said with the fix
        from .oserrors import os_fix, os_reason

        raise _fatal(name, None, "unreadable", os_reason(exc), os_fix(exc, Msg("hint.os-other"))) from None
    return data


def _starts_with(p: Path, magic: bytes) -> bool:
    """True when the regular file ``p`` begins with ``magic`` (a workbook's zip header)."""
    with p.open("rb") as fh:
        return fh.read(len(magic)) == magic


#: what a file is when its first bytes say it is no text at all: (offset, bytes, kind, name)
_OTHER_FORMATS = (
    (0, b"%PDF-", "pdf", "PDF"), (0, b"\x89PNG\r\n\x1a\n", "image", "PNG"), (0, b"\xff\xd8\xff", "image", "JPEG"),
    (0, b"GIF87a", "image", "GIF"), (0, b"GIF89a", "image", "GIF"), (0, b"II*\x00", "image", "TIFF"),
    (0, b"MM\x00*", "image", "TIFF"), (8, b"WEBP", "image", "WebP"), (4, b"ftypheic", "image", "HEIC"),
    (0, b"\x1f\x8b", "archive", "gzip"), (0, b"7z\xbc\xaf\x27\x1c", "archive", "7z"),
    (0, b"Rar!\x1a\x07", "archive", "RAR"), (0, b"\xfd7zXZ\x00", "archive", "xz"),
)


def other_format(data: bytes) -> tuple[str, str] | None:
    """(kind, name) of a file that is a PDF, a picture or a compressed archive, by its first bytes,
    or None. Given instead of a form (the report itself, a scan of the paper questionnaire, the
    zipped forms), it was "not valid UTF-8 (save the file as UTF-8)" or "perhaps GBK, Big5 or
    Shift-JIS": a fix that cannot work (G28H-2)."""
    for at, magic, kind, label in _OTHER_FORMATS:
        if data[at:at + len(magic)] == magic:
            return kind, label
    return None


def other_format_problem(data: bytes, name: str, rule: str = "unreadable") -> InputError | None:
    """The error for a file ``other_format`` recognises (what it is and what lcity reads), or None."""
    found = other_format(data)
    if found is None:
        return None
    kind, label = found
    return _fatal(name, None, rule, Msg(f"load.format-{kind}", kind=label), Msg(f"hint.format-{kind}"))


def decode_bytes(data: bytes, name: str) -> str:
    """The text of a file's bytes, which must be UTF-8 (a BOM is allowed); else a Problem at the bad byte."""
    other = other_format_problem(data, name)
    if other is not None:
        raise other
    wide = _wide_encoding(data)
    if wide:
        raise _fatal(name, None, "encoding", Msg("load.wide-encoding", encoding=wide), Msg("hint.save-utf8"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = data.rfind(b"\n", 0, start) + 1
        line = data.count(b"\n", 0, start) + 1
        col = len(data[line_start:start].decode("utf-8", "replace")) + 1
        bad = data[start:start + 3]
        if len(bad) == 3 and bad[0] == 0xED and 0xA0 <= bad[1] <= 0xBF and 0x80 <= bad[2] <= 0xBF:
            code = ((bad[0] & 0x0F) << 12) | ((bad[1] & 0x3F) << 6) | (bad[2] & 0x3F)
            raise InputError([_surrogate_problem(name, line, col, code)]) from None
        byte = f"0x{data[start]:02x}"
        message, hint = Msg("yaml.bad-utf8", byte=byte), Msg("yaml.hint.save-utf8")
        guess = _legacy_cjk(data)
        if guess == "gbk":
            import shlex

            target = shlex.quote(str(Path(name).with_name(f"{Path(name).stem or 'assessment'}-utf8.yaml")))
            message, hint = Msg("yaml.gbk", byte=byte), Msg("yaml.hint.gbk", file=shlex.quote(name), target=target)
        elif guess == "unsure":
            message, hint = Msg("yaml.legacy-cjk", byte=byte), Msg("yaml.hint.legacy-cjk")
        raise InputError([Problem(name, line, col, "error", "encoding", message, hint, fatal=True)]) from None


#: GBK is named only when at least this many characters read as common simplified Chinese
_SURE_GBK_HANZI = 8


def _legacy_cjk(data: bytes) -> str | None:
    """Which legacy encoding a non-UTF-8 file is in, as far as can be known for sure: "gbk" when
    its bytes read as GB2312's hanzi and punctuation only (Big5 or Shift-JIS bytes read as GBK give
    kana, rare or private-use characters such as 籓芖 almost at once), "unsure" when they read as
    some Chinese text but not that plainly, None when they do not look Chinese at all. Naming the
    wrong one would send the user to an iconv command that garbles every name."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return None
    hanzi = 0
    for ch in text:
        if ch < "\x80":
            continue
        code = ch.encode("gb18030")
        if len(code) != 2 or code[1] < 0xA1:  # outside GB2312's rows: GBK's rare additions
            return "unsure"
        if 0xB0 <= code[0] <= 0xF7:
            hanzi += 1
        elif not 0xA1 <= code[0] <= 0xA3:  # kana, Greek, Cyrillic, pinyin, box drawing: what Big5/Shift-JIS bytes become
            return "unsure"
    return "gbk" if hanzi >= _SURE_GBK_HANZI else "unsure"


def _slip_problems(text: str, file: str, mark) -> list[Problem]:
    """When YAML stops at ``mark``, the input-method slips up to there: a full-width colon makes
    YAML complain a line *later*, so the slip, at its own character, is what the user must see."""
    from .slips import fix_hint, scan

    stop = mark.line + 1 if mark is not None else 1 << 30
    found = [s for s in scan(text) if s.line <= stop]
    if not found:
        return []
    problems = [Problem(file, s.line, s.col, "error", s.rule, s.message(), fix_hint(file),
                        fix=(s.line, s.col, s.old, s.new)) for s in found]
    line, col = _pos(mark) if mark is not None else (1, 1)
    problems.append(Problem(file, line, col, "error", "syntax", Msg("slip.syntax-cause", line=line), ""))
    return problems


# --- typing of scalars (shared by both paths) ------------------------------------------------

_RESOLVERS: dict = _Loader.yaml_implicit_resolvers
_STR, _NULL, _BOOL, _INT, _FLOAT = (STANDARD + t for t in ("str", "null", "bool", "int", "float"))
_SURROGATE = re.compile("[\ud800-\udfff]")
# a \u or \U escape of a surrogate, not itself escaped by a backslash before it
_SURROGATE_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*(\\(?:u[dD][89a-fA-F][0-9a-fA-F]{2}|U0000[dD][89a-fA-F][0-9a-fA-F]{2}))")
#: a float's significant digits cannot exceed this many before it overflows; longer ints are refused unparsed
_MAX_INT_DIGITS = 400


class _Bad(Exception):
    """A scalar whose text cannot become the value its tag says (rule, message, hint)."""


def _resolve(value: str, plain: bool) -> str:
    """The YAML 1.2 core tag of an untagged scalar: the same lookup as BaseResolver.resolve."""
    if plain:
        for tag, regexp in _RESOLVERS.get(value[:1], ()):
            if regexp.match(value):
                return tag
    return _STR


def _too_large(value: str) -> _Bad:
    shown = value if len(value) <= 24 else Msg("yaml.shortened", start=value[:12], n=len(value))
    return _Bad("number-too-large", Msg("yaml.number-too-large", shown=shown), Msg("yaml.hint.number-too-large"))


def _convert(tag: str, value: str) -> Any:
    """The Python value of a scalar with a resolved tag; raises _Bad when the text does not fit."""
    if tag == _STR:
        return value
    if tag == _NULL:
        if value not in ("", "~", "null", "Null", "NULL"):  # '!!null true' emptied the answer unsaid (G30H-3)
            raise ValueError(value)
        return None
    if tag == _BOOL:
        if value.lower() not in ("true", "false"):  # '!!bool 是' was read as false, unsaid (G30H-3)
            raise ValueError(value)
        return value.lower() == "true"
    if tag == _INT:
        if value.startswith("0x"):
            n = int(value, 16)
        elif value.startswith("0o"):
            n = int(value[2:], 8)
        else:
            if len(value.lstrip("+-").lstrip("0")) > _MAX_INT_DIGITS:
                raise _too_large(value)
            n = int(value)
        try:
            float(n)
        except OverflowError:
            raise _too_large(value) from None
        return n
    if tag == _FLOAT:
        low = value.lower().lstrip("+")
        if low in (".inf", "-.inf"):
            return -math.inf if low.startswith("-") else math.inf
        if low == ".nan":
            return math.nan
        f = float(value)
        if math.isinf(f):
            raise _too_large(value)
        if f == 0 and any(c in "123456789" for c in re.split("[eE]", value)[0]):
            # 1e-400 underflows to 0: a typo read as "none at all" in silence (G22-H7)
            shown = value if len(value) <= 24 else Msg("yaml.shortened", start=value[:12], n=len(value))
            raise _Bad("number-too-small", Msg("yaml.number-too-small", shown=shown),
                       Msg("yaml.hint.number-too-small"))
        return f
    return value


def _too_long(file: str, mark, value: str) -> Problem:
    line, col = _pos(mark)
    return Problem(file, line, col, "error", "too-large",
                   Msg("hostile.text-too-long", n=f"{len(value):,}", limit=f"{MAX_TEXT:,}"),
                   Msg("hostile.hint-text-too-long"), fatal=True)


def _scalar(node: ScalarNode, file: str, text: str, problems: list[Problem]) -> Any:
    tag, value = node.tag, node.value
    if len(value) > MAX_TEXT:
        problems.append(_too_long(file, node.start_mark, value))
        return value[:MAX_TEXT]
    if _SURROGATE.search(value):
        problems.append(_surrogate_at(file, text, node))
        return value
    bad = NONCHARACTER.search(value)
    if bad:
        problems.append(_noncharacter_problem(file, text, node.start_mark.index, node.end_mark.index, bad.group()))
        return value
    try:
        return _convert(tag, value)
    except ValueError:
        kind = tag.rsplit(':', 1)[-1]  # 'population: !!int 八十二万' said no fix (G30H-3)
        raise _fatal(
            file, node.start_mark, "wrong-type", Msg("yaml.cannot-read-as", value=value, type=kind),
            Msg(f"hint.yaml-cannot-read-as-{kind}" if kind in ("bool", "null") else "hint.yaml-cannot-read-as", type=kind)
        ) from None
    except _Bad as bad:
        rule, message, hint = bad.args
        line, col = _pos(node.start_mark)
        problems.append(Problem(file, line, col, "error", rule, message, hint))
        return value


def _surrogate_at(file: str, text: str, node: ScalarNode) -> Problem:
    """A problem at the escape that produced the first surrogate of a scalar (or at the scalar)."""
    value = node.value
    i = _SURROGATE.search(value).start()
    code = ord(value[i])
    pair = None
    if 0xD800 <= code <= 0xDBFF and i + 1 < len(value) and 0xDC00 <= ord(value[i + 1]) <= 0xDFFF:
        pair = value[i:i + 2].encode("utf-16", "surrogatepass").decode("utf-16")
    start, end = node.start_mark.index, node.end_mark.index
    for m in _SURROGATE_ESCAPE.finditer(text, start, end):
        if int(m.group(1)[2:], 16) == code:
            line, col = _line_col(text, m.start(1))
            break
    else:
        line, col = _pos(node.start_mark)
    return _surrogate_problem(file, line, col, code, pair)


# --- the reference (pure-Python) path -----------------------------------------------------------


def _build(text: str, root: Node, file: str, alias_marks: dict | None = None) -> Marked:
    """The Marked of a node graph. ``alias_marks`` (``_Loader.alias_marks``) places every part of
    a value written as an alias (``B2: *a1``) at the alias: PyYAML gives it the anchor's node, whose
    marks are A1's lines, where nobody looks for B2."""
    marked = Marked(data=None, file=file, text=text)
    budget = [MAX_NODES]
    problems: list[Problem] = []
    aliases = alias_marks or {}

    def alias_at(parent: Node, slot: int, at: tuple[int, int] | None) -> tuple[int, int] | None:
        mark = aliases.get((id(parent), slot))
        return at or (_pos(mark) if mark is not None else None)

    def build(node: Node, path: Path_, at: tuple[int, int] | None = None) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise _fatal(
                file,
                node.start_mark,
                "too-large",
                f"the document expands to more than {MAX_NODES:,} values (alias bomb?)",
                "write values out instead of nesting anchors",
            )
        if len(path) > MAX_DEPTH:  # only reachable through aliases inside aliases
            raise _fatal(file, node.start_mark, "too-deep", f"nesting deeper than {MAX_DEPTH} levels",
                         "write values out instead of nesting anchors")
        marked.marks.setdefault(path, at or _pos(node.start_mark))
        if isinstance(node, ScalarNode):
            marked.raw.setdefault(path, (node.value, node.style))
            return _scalar(node, file, text, problems)
        if isinstance(node, SequenceNode):
            return [build(item, path + (i,), alias_at(node, i, at)) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            out: dict[str, Any] = {}
            seen: dict[str, ScalarNode] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    line, col = _pos(key_node.start_mark)
                    problems.append(
                        Problem(file, line, col, "error", "complex-key", Msg("yaml.complex-key"),
                                Msg("yaml.hint.complex-key"))  # how to fix it was not said (G27H-6)
                    )
                    continue
                key = key_node.value
                if key == "<<" and key_node.style is None:
                    line, col = _pos(key_node.start_mark)
                    problems.append(
                        Problem(file, line, col, "error", "merge-key", Msg("yaml.merge-key"),
                                Msg("yaml.hint.merge"))
                    )
                    continue
                if _SURROGATE.search(key):
                    problems.append(_surrogate_at(file, text, key_node))
                    continue
                bad = NONCHARACTER.search(key)
                if bad:
                    problems.append(_noncharacter_problem(file, text, key_node.start_mark.index,
                                                          key_node.end_mark.index, bad.group()))
                    continue
                if len(key) > MAX_TEXT:
                    problems.append(_too_long(file, key_node.start_mark, key))
                    continue
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
                            Msg("load.duplicate-key", key=key, first=first, line=line),
                            _duplicate_hint(node, key_node, value_node),
                        )
                    )
                    continue
                seen[key] = key_node
                marked.key_marks[path + (key,)] = at or _pos(key_node.start_mark)
                out[key] = build(value_node, path + (key,), alias_at(node, id(key_node), at))
            return out
        raise _fatal(file, node.start_mark, "syntax", "unexpected YAML node")  # pragma: no cover

    marked.data = build(root, ())
    if problems:
        raise InputError(problems)
    return marked


def _check_printable(text: str, file: str) -> None:
    """The pure Reader's check, done once up front so that both paths refuse the same characters."""
    m = yaml.reader.Reader.NON_PRINTABLE.search(text)
    odd = NONCHARACTER.search(text)  # U+FFFE/U+FFFF are unprintable too; U+FDD0 … are not, and no text either
    if odd and (not m or odd.start() <= m.start()):
        raise InputError([_noncharacter_problem(file, text, odd.start(), odd.end(), odd.group(), fatal=True)])
    if not m:
        return
    line, col = _line_col(text, m.start())
    code = ord(m.group())
    if 0xD800 <= code <= 0xDFFF:
        raise InputError([_surrogate_problem(file, line, col, code)])
    raise InputError([Problem(file, line, col, "error", "syntax",
                              Msg("yaml.control-char", code=f"U+{code:04X}"),
                              Msg("yaml.hint.control"),
                              fatal=True)])


_DOCUMENT_MARKER = re.compile(r"^(?:---|\.\.\.)(?:[ \t]|$)", re.MULTILINE)
_FIRST_CONTENT = re.compile(r"^([ ]+)[^ #\n]", re.MULTILINE)


_DOCUMENT_START = re.compile(r"^---(?:[ \t]|$)", re.MULTILINE)
_DOCUMENT_END = re.compile(r"^\.\.\.(?:[ \t]|$)", re.MULTILINE)


def _document_end(said: tuple, text: str) -> tuple:
    """A second document after a '...' line (YAML's end of a document) in a file with no '---':
    said as that line, not as a '---' the file does not have (G19-C20)."""
    end = _DOCUMENT_END.search(text)
    if end is None or _DOCUMENT_START.search(text):
        return said
    line = text.count("\n", 0, end.start()) + 1
    return (Msg("hostile.syntax-document-end", line=line), Msg("hostile.hint-document-end", line=line))


def _indented_start(said: tuple, text: str, mark) -> tuple:
    """The parser's "expected a document start" in a file with no '---': its first lines are indented
    (a key pasted with its spaces), so the parser closed them as a whole document at the first line
    that starts further left. Said as what to change; the parser's hint about a second document
    (remove the '---' line) named a line the file does not have."""
    message, hint = said
    if getattr(hint, "key", None) != "hint.syntax-second-document" or mark is None:
        return said
    if _DOCUMENT_MARKER.search(text):
        return _document_end(said, text)
    first = _FIRST_CONTENT.search(text)
    head = text[: first.start()] if first else ""
    if first is None or head.strip("\n\r\t ") and not all(
            line.lstrip().startswith("#") or not line.strip() for line in head.splitlines()):
        return said
    line = head.count("\n") + 1
    return (Msg("hostile.syntax-indented-start", line=mark.line + 1, first=line),
            Msg("hostile.hint-indented-start", first=line, n=len(first.group(1))))


def _reference_load(text: str, file: str) -> Marked:
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except _Limit as exc:
        raise _fatal(file, exc.mark, exc.rule, exc.message, exc.hint) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        slips = _slip_problems(text, file, mark)
        if slips:
            raise InputError(slips) from None
        raise _fatal(file, mark, "syntax", *_indented_start(describe_syntax(exc, text), text, mark)) from None
    except yaml.YAMLError as exc:
        raise _fatal(file, None, "syntax", Msg("yaml.syntax", problem=Msg("yaml.unknown", text=str(exc)))) from None
    except RecursionError:
        raise _fatal(file, None, "too-deep", Msg("yaml.too-deep-to-read")) from None
    finally:
        loader.dispose()
    if root is None:
        raise _fatal(file, None, "empty", Msg("load.empty"), Msg("hint.init"))
    return _build(text, root, file, loader.alias_marks)


# --- the fast path: libyaml events, one pass, no recursion, happy path only ----------------------


class _Fallback(Exception):
    """The fast path met something only the reference path reports; read the text again with it."""


_NOKEY = object()  # a mapping frame waiting for its next key
_OPEN = object()  # an anchor whose list or mapping is not complete yet

_BLOCK_HEADER_COMMENT = re.compile(r"[|>][-+0-9]{0,2}#")

#: how many times the fast path gave up and the reference path read the text (for tests)
fallbacks = 0
#: how many values the fast path copied to expand aliases (for tests: an alias bomb costs none)
alias_copies = 0


def _fast_build(get, text: str, file: str) -> Marked:
    """Builds the same Marked as _reference_load + _build from a stream of parse events.

    Raises _Fallback at the first thing it does not handle: the reference path then reports it.
    """
    get()  # StreamStartEvent
    if type(get()) is not DocumentStartEvent:
        raise _Fallback  # an empty stream
    marks: dict = {}
    key_marks: dict = {}
    raw: dict = {}
    anchors: dict = {}
    # frames: [container, path, is_mapping, pending key, anchor, budget before it, flow style]
    stack: list = []
    budget = MAX_NODES
    aliases = 0
    root = None
    resolvers = _RESOLVERS
    allowed = ALLOWED_TAGS
    convert = _convert

    def copy(value, src, dst, at):
        """A fresh copy of an anchored value at dst, every part of it marked at the alias ``at``:
        a problem of ``B2: *a1`` is said on B2's line, where the user looks for B2, not A1's."""
        global alias_copies
        if len(dst) > MAX_DEPTH:
            raise _Fallback
        alias_copies += 1
        marks[dst] = at
        if type(value) is dict:
            out = {}
            for k, v in value.items():
                key_marks[dst + (k,)] = at
                out[k] = copy(v, src + (k,), dst + (k,), at)
            return out
        if type(value) is list:
            return [copy(v, src + (i,), dst + (i,), at) for i, v in enumerate(value)]
        entry = raw.get(src)
        if entry is not None:
            raw[dst] = entry
        return value

    last_empty = False  # the last value read was an empty plain scalar
    pending = []  # aliases, copied once the whole document is read: (container, slot, anchor, path)
    while True:
        ev = get()
        cls = type(ev)
        if cls is MappingEndEvent or cls is SequenceEndEvent:
            frame = stack.pop()
            if frame[4] is not None:  # its size is the number of values built since it started
                anchors[frame[4]] = (frame[1], frame[0], frame[5] - budget)
            continue
        if cls is DocumentEndEvent:
            break
        if stack:
            top = stack[-1]
            if top[2]:
                if top[3] is _NOKEY:  # this node is a key
                    if cls is not ScalarEvent or ev.anchor is not None or ev.tag is not None and ev.tag not in allowed:
                        raise _Fallback
                    key = ev.value
                    if len(key) > MAX_TEXT or key in top[0] or not ev.style and (key == "<<" or key == ""):
                        raise _Fallback  # a duplicate, a merge key, or an empty key (libyaml marks it elsewhere)
                    if ev.style == '"' and NONCHARACTER.search(key):
                        raise _Fallback  # an escaped noncharacter: the reference path names it
                    top[3] = key
                    mark = ev.start_mark
                    key_marks[top[1] + (key,)] = (mark.line + 1, mark.column + 1)
                    continue
                path = top[1] + (top[3],)
            else:
                path = top[1] + (len(top[0]),)
        else:
            top = None
            path = ()
        if cls is ScalarEvent:
            budget -= 1
            if budget < 0:
                raise _Fallback
            tag = ev.tag
            value = ev.value
            if len(value) > MAX_TEXT:
                raise _Fallback  # the reference path names it at its place
            if ev.style == '"' and NONCHARACTER.search(value):
                raise _Fallback  # an escaped noncharacter ("\\uFFFE"): the reference path names it
            if not value and not ev.style:
                if top is not None and top[6]:
                    raise _Fallback  # an empty value in [...] or {...}: libyaml marks it at the next token
                last_empty = True
            else:
                last_empty = False
            if tag is None:
                if ev.implicit[0]:
                    for rtag, regexp in resolvers.get(value[:1], ()):
                        if regexp.match(value):
                            try:
                                value = convert(rtag, value)
                            except (ValueError, _Bad):
                                raise _Fallback from None
                            break
            elif tag in allowed:
                try:
                    value = convert(tag, value)
                except (ValueError, _Bad):
                    raise _Fallback from None
            else:
                raise _Fallback
            mark = ev.start_mark
            marks[path] = (mark.line + 1, mark.column + 1)
            raw[path] = (ev.value, ev.style or None)
            if ev.anchor is not None:
                if ev.anchor in anchors:
                    raise _Fallback
                anchors[ev.anchor] = (path, value, 1)
            frame = None
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            budget -= 1
            if budget < 0 or len(stack) >= MAX_DEPTH or ev.tag is not None and ev.tag not in allowed:
                raise _Fallback
            mark = ev.start_mark
            marks[path] = (mark.line + 1, mark.column + 1)
            is_map = cls is MappingStartEvent
            value = {} if is_map else []
            anchor = ev.anchor
            if anchor is not None:
                if anchor in anchors:
                    raise _Fallback
                anchors[anchor] = _OPEN
            frame = [value, path, is_map, _NOKEY, anchor, budget + 1, ev.flow_style]
            last_empty = False
        elif cls is AliasEvent:
            aliases += 1
            target = anchors.get(ev.anchor, _OPEN)
            if aliases > MAX_ALIASES or target is _OPEN or target[2] > budget:
                raise _Fallback  # too many, undefined, recursive, or over the budget: refused below
            if top is None:
                raise _Fallback
            budget -= target[2]
            mark = ev.start_mark
            pending.append((top[0], top[3] if top[2] else len(top[0]), target, path, (mark.line + 1, mark.column + 1)))
            value = None
            frame = None
            last_empty = False
        else:  # pragma: no cover - no other event can stand for a node
            raise _Fallback
        if top is None:
            root = value
        elif top[2]:
            top[0][top[3]] = value
            top[3] = _NOKEY
        else:
            top[0].append(value)
        if frame is not None:
            stack.append(frame)
    if last_empty and not text.endswith(("\n", "\r")):
        raise _Fallback  # libyaml marks an empty value at the end of the text on a line of its own
    if type(get()) is not StreamEndEvent:
        raise _Fallback  # a second document
    # In document order, so that an alias inside an anchored value is filled before that value is copied.
    for container, slot, (src, value, _), dst, at in pending:
        container[slot] = copy(value, src, dst, at)
    return Marked(data=root, file=file, text=text, marks=marks, key_marks=key_marks, raw=raw)


def _fast_load(text: str, file: str) -> Marked | None:
    """The Marked of text read through libyaml, or None when the reference path must read it."""
    global fallbacks
    # PyYAML refuses some tabs that libyaml accepts (after a plain scalar), and '|#' as a block
    # scalar header followed by a comment: keep one behaviour.
    if "\t" in text or _BLOCK_HEADER_COMMENT.search(text):
        fallbacks += 1
        return None
    try:
        parser = _CParser(text)
    except Exception:  # pragma: no cover - e.g. text libyaml cannot take
        fallbacks += 1
        return None
    try:
        return _fast_build(parser.get_event, text, file)
    except Exception:  # a syntax error, a limit, anything unusual: the reference path reports it
        fallbacks += 1
        return None
    finally:
        parser.dispose()


#: characters YAML reads as line breaks and editors do not (NEL, line and paragraph separators)
_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _on_editor_lines(text: str, file: str) -> Marked:
    """Loads text holding a character YAML counts as a line break (U+2028 pasted into a name), with
    every position said in the lines an editor shows: YAML's count put every error after it lines
    too far down."""
    starts = [0] + [m.end() for m in _YAML_BREAK.finditer(text)]

    def move(line: int, col: int) -> tuple[int, int]:
        if not 1 <= line <= len(starts):
            return line, col
        return _line_col(text, min(len(text), starts[line - 1] + max(col, 1) - 1))

    def moved(p: Problem) -> Problem:
        if p.file != file or p.cell or not p.line:
            return p
        line, col = move(p.line, p.col)
        message = p.message
        if isinstance(message, Msg) and {"line", "col"} <= message.values.keys():  # "(while parsing …: line 5)"
            at = move(message.values["line"], message.values["col"])
            message = Msg(message.key, **{**message.values, "line": at[0], "col": at[1]})
        return replace(p, line=line, col=col, message=message)

    try:
        marked = _load_checked(text, file)
    except InputError as exc:
        raise _invisible_breaks(text, file, exc) or InputError([moved(p) for p in exc.problems]) from None
    marked.marks = {k: move(*v) for k, v in marked.marks.items()}
    marked.key_marks = {k: move(*v) for k, v in marked.key_marks.items()}
    return marked


#: the names of the characters YAML reads as line breaks and editors show as nothing
_BREAK_NAMES = {"\x85": Both("下一行符 NEL", "next line, NEL"), "\u2028": Both("行分隔符", "line separator"),
                "\u2029": Both("段落分隔符", "paragraph separator")}
#: at most this many such characters are named; the rest go with the same fix
_MAX_BREAKS_NAMED = 10


def _invisible_breaks(text: str, file: str, exc: InputError) -> InputError | None:
    """The characters to delete, at their places, when they are what made the text unreadable:
    one pasted into a comment or a plain value ends the line there for YAML, and the syntax error
    then lands lines further down with a fix about something else ("remove the '---' line"). They
    are the cause when the text reads without a syntax error once they are spaces (None if not)."""
    if not any(p.rule == "syntax" for p in exc.problems):
        return None
    try:
        _load_checked(_YAML_ONLY_BREAKS.sub(" ", text), file)
    except InputError as again:
        if any(p.rule == "syntax" for p in again.problems):
            return None
    problems = []
    for m in list(_YAML_ONLY_BREAKS.finditer(text))[:_MAX_BREAKS_NAMED]:
        line, col = _line_col(text, m.start())
        ch = m.group()
        problems.append(Problem(file, line, col, "error", "invisible-break",
                                Msg("yaml.invisible-break", code=f"U+{ord(ch):04X}", name=_BREAK_NAMES[ch]),
                                Msg("yaml.hint.invisible-break"), fatal=True))
    return InputError(problems)


def load_text(text: str, file: str = "<string>") -> Marked:
    """Parses YAML text into marked plain data; raises InputError with every problem found."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise _fatal(file, None, "too-large", f"more than {MAX_BYTES:,} bytes")
    _check_printable(text, file)
    if _YAML_ONLY_BREAKS.search(text):
        return _on_editor_lines(text, file)
    return _load_checked(text, file)


def _load_checked(text: str, file: str) -> Marked:
    if USE_LIBYAML and _CParser is not None:
        marked = _fast_load(text, file)
        if marked is not None:
            return marked
    return _reference_load(text, file)


def load_file(path: str | Path, *, label: str | None = None, max_bytes: int = MAX_BYTES,
              kind: str = "assessment") -> Marked:
    name = label or str(path)
    return load_text(read_text(path, max_bytes=max_bytes, label=name, kind=kind), name)
