"""Input-method slips found in the text itself, before YAML reads it, at the exact character.

A Chinese input method types full-width punctuation: ``value： true`` (a full-width colon) is not
a key for YAML, which then reports "could not find expected ':'" on the *next* line; ``【a，b】`` is
not a list; ``１２`` is not a number. These are found here, where the user typed them, and each
comes with a safe rewrite that ``lcity fix`` applies. Only places where YAML expects structure
are touched (after an indentation and a plain ``key``, a flow list of ids, a number written
alone): full-width punctuation inside names and notes is the user's text and stays as it is, on
every line of it: the lines of a block scalar (``note: |`` or ``>``), of a quoted string that runs
over several lines, and the continuation lines of a plain scalar (indented deeper than its key)
are text, never structure, and are not scanned.

Slips that depend on what the answer expects (``是`` for true, ``15%`` for a percentage,
``550万``, ``"12"`` quoted) are found by ``evaluator.checks``, which knows the indicator.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from .messages import Msg
from .problems import Problem


def fix_hint(file: str) -> Msg:
    """The hint of a slip ``lcity fix`` rewrites, with the file's own name to copy ("lcity fix 文件"
    read as a word to type); standard input has no file to write to."""
    import shlex

    if file in ("-", "<stdin>"):
        return Msg("hint.fix-stdin")
    return Msg("hint.fix-file", file=shlex.quote(file))


class Slip(NamedTuple):
    line: int  # 1-based
    col: int  # 1-based, in characters
    old: str
    new: str
    kind: str  # the catalog key of its message

    @property
    def rule(self) -> str:
        """The rule id a user sees: a missing space is not an input-method slip."""
        return "colon-space" if self.kind == "no-space-colon" else "full-width"

    def message(self) -> Msg:
        return Msg(f"slip.{self.kind}", line=self.line, col=self.col, old=self.old, new=self.new.strip())


_KEY = r"[A-Za-z_][A-Za-z0-9_.\-]*"
#: indentation (with full-width or no-break spaces), an optional '- ', a plain key, and a full-width colon
_COLON = re.compile(rf"^([ \u3000\u00a0]*(?:-[ \u3000\u00a0]+)?{_KEY}[ \u3000]*)(：)(.?)")
#: after a key and its colon (either width): full-width or no-break spaces, then the value
_VALUE = re.compile(rf"^[ \u3000\u00a0]*(?:-[ \u3000\u00a0]+)?{_KEY}[ \u3000]*[:：]([ \u3000\u00a0]*)(.*)$")
#: what a user sees as a blank: a space, a full-width (ideographic) space, a no-break space (U+00A0,
#: pasted from a web page or a word processor); YAML reads only the first as indentation
_BLANKS = " \u3000\u00a0"
_FLOW = re.compile(r"^([【［（(\[])([\sA-Za-z0-9_\-,，、]*)([】］）)\]])(\s+#.*)?$")
_WIDE_NUMBER = re.compile(r"^[0-9０-９.．]+(\s+#.*)?$")
_OPEN, _CLOSE = "【［（", "】］）"
#: the keys of an answer: typed with no space after the colon (``value:12``), YAML reads the whole
#: line as text and stops a line later; the key names make the slip certain
_ANSWER_KEYS = ("value", "status", "evidence", "note", "source", "sample_size")
_NO_SPACE = re.compile(rf"^( *)((?:{'|'.join(_ANSWER_KEYS)}) ?:)(?=[^\s:])(.*)$")


def _comment_free(line: str) -> bool:
    return not line.lstrip(_BLANKS).startswith("#")


def scan(text: str) -> list[Slip]:
    """Every structural slip in ``text``, in file order. The lines inside a scalar that runs over
    several lines (a block scalar, a multi-line quoted string, the continuation of a plain scalar)
    are the user's text and are skipped; the scan reads the text only (a slip can make the YAML
    unreadable), one pass, each line looked at a bounded number of times."""
    found: list[Slip] = []
    inside: _Inside | None = None
    for n, line in enumerate(text.splitlines(), start=1):
        if inside is not None:
            inside, is_text = _carry(inside, line)
            if is_text:
                continue
        if not _comment_free(line) or not line.strip():
            continue
        found += _line_slips(n, line)
        inside = _opens(line)
    return found


# --- which lines are text: the continuation of a scalar that runs over several lines ---

class _Inside(NamedTuple):
    kind: str  # "block" (| or >), "quoted" (a quote not closed yet), "plain" (a plain value)
    parent: int  # the column (in spaces, an ideographic space counting two) of its key or '- '
    quote: str = ""


_BLOCK_HEADER = re.compile(r"^[|>][0-9+\-]{0,2}[ \t]*(?:#.*)?$")
_KEY_ONLY = re.compile(rf"^{_KEY}$")


def _width(c: str) -> int:
    return 2 if c == "\u3000" else 1


def _spaces(line: str) -> int:
    """The indentation YAML sees: ASCII spaces only (an ideographic space is text to YAML)."""
    return len(line) - len(line.lstrip(" "))


def _close(s: str, start: int, quote: str) -> int:
    """The index of the quote that closes a ``quote``d scalar in ``s`` from ``start``, or -1."""
    i = start
    while True:
        j = s.find(quote, i)
        if j < 0:
            return -1
        if quote == '"':
            k = j
            while k > start and s[k - 1] == "\\":
                k -= 1
            if (j - k) % 2 == 0:
                return j
            i = j + 1
        elif s[j + 1:j + 2] == "'":  # '' is a quote inside a single-quoted scalar
            i = j + 2
        else:
            return j


def _comment_at(s: str) -> int:
    """Where a comment starts in ``s`` (a '#' at the start or after a space), or len(s)."""
    if s.startswith("#"):
        return 0
    j = s.find(" #")
    k = s.find("\t#")
    found = [x for x in (j, k) if x >= 0]
    return min(found) + 1 if found else len(s)


def _ascii_separator(s: str, end: int) -> int:
    """The first ':' before ``end`` that YAML reads as a key separator (followed by a space or the
    end of the line), or -1."""
    j = s.find(":", 0, end)
    while j >= 0:
        if j + 1 == len(s) or s[j + 1] in " \t":
            return j
        j = s.find(":", j + 1, end)
    return -1


def _separator(rest: str) -> int:
    """The index of the colon that ends the key at the start of ``rest`` (a half-width one, or a
    full-width one after a plain key: the slip this module finds), or -1 when there is no key."""
    if rest[:1] in ('"', "'"):  # a quoted key: "key": value
        j = _close(rest, 1, rest[0])
        if j < 0:
            return -1
        k = j + 1
        while k < len(rest) and rest[k] in _BLANKS:
            k += 1
        if rest[k:k + 1] == "：" or (rest[k:k + 1] == ":" and (k + 1 == len(rest) or rest[k + 1] in " \t")):
            return k
        return -1
    if rest[:1] in ("[", "{", "#", "|", ">", "&", "*", "!"):
        return -1
    end = _comment_at(rest)
    ascii_at = _ascii_separator(rest, end)
    wide_at = rest.find("：", 0, end)
    if wide_at >= 0 and (ascii_at < 0 or wide_at < ascii_at) and _KEY_ONLY.match(rest[:wide_at].rstrip(_BLANKS)):
        return wide_at
    return ascii_at


def _opens(line: str) -> _Inside | None:
    """The scalar a structural line starts that may run on over the lines below it, or None."""
    i, col = 0, 0
    while i < len(line) and line[i] in _BLANKS:
        col += _width(line[i])
        i += 1
    parent, dashed = col, False
    while line[i:i + 1] == "-" and (i + 1 == len(line) or line[i + 1] in _BLANKS + "\t"):
        parent, dashed = col, True  # a '- ' item: its text runs on below, deeper than the dash
        i += 1
        col += 1
        while i < len(line) and line[i] in _BLANKS + "\t":
            col += _width(line[i])
            i += 1
    rest = line[i:]
    sep = _separator(rest)
    if sep >= 0:
        parent = col  # a key: its value runs on below, deeper than the key
        value = rest[sep + 1:].lstrip(_BLANKS + "\t")
    elif dashed:
        value = rest
    else:
        return None  # not a key nor an item (a line of a flow list running over lines, ...)
    while value[:1] in ("&", "!"):  # an anchor or a tag before the value
        cut = value.find(" ")
        value = value[cut + 1:].lstrip(" \t") if cut >= 0 else ""
    if not value or value[0] in "#[{*":
        return None
    if value[0] in "|>":
        return _Inside("block", parent) if _BLOCK_HEADER.match(value) else None
    if value[0] in "\"'":
        return _Inside("quoted", parent, value[0]) if _close(value, 1, value[0]) < 0 else None
    if _comment_at(value) < len(value):  # a comment ends a plain scalar
        return None
    return _Inside("plain", parent)


def _carry(inside: _Inside, line: str) -> tuple[_Inside | None, bool]:
    """(what ``line`` leaves open, whether ``line`` is text of the scalar ``inside``)."""
    if line.startswith(("---", "...")) and line[3:4] in ("", " ", "\t"):
        return None, False  # a document marker ends every scalar
    if inside.kind == "quoted":
        return (inside, True) if _close(line, 0, inside.quote) < 0 else (None, True)
    if not line.strip(" \t"):
        return inside, True  # a blank line belongs to the scalar
    deeper = _spaces(line) > inside.parent
    if inside.kind == "block":
        return (inside, True) if deeper else (None, False)
    # plain: a deeper line runs the text on, unless YAML cannot read it as text (a '# comment'
    # line, a 'key: value', which are structure typed too deep and scanned as such)
    text = line[_spaces(line):]
    if not deeper or text.startswith("#") or _ascii_separator(text, _comment_at(text)) >= 0:
        return None, False
    return (inside, True) if _comment_at(text) == len(text) else (None, True)


def _line_slips(n: int, line: str) -> list[Slip]:
    out: list[Slip] = []
    indent = len(line) - len(line.lstrip(_BLANKS))
    # an ideographic space is as wide as two spaces: that is the indentation the user saw
    out += [Slip(n, i + 1, "\u3000", "  ", "fullwidth-space") for i in range(indent) if line[i] == "\u3000"]
    out += [Slip(n, i + 1, "\u00a0", " ", "nbsp") for i in range(indent) if line[i] == "\u00a0"]
    # a byte-order mark inside a file (two files joined, text pasted): invisible, and YAML reads it
    # as text, so the line's key lands at another indentation and the error lines later (G22-H5)
    lead = len(line) - len(line.lstrip(_BLANKS + "\ufeff"))
    out += [Slip(n, i + 1, "\ufeff", "", "bom") for i in range(lead) if line[i] == "\ufeff"]
    out += _no_space_slips(n, line)
    m = _COLON.match(line)
    if m:
        after = m.group(3)
        new = ":" if after in ("", " ", "\u3000", "\u00a0") else ": "
        out.append(Slip(n, m.start(2) + 1, "：", new, "fullwidth-colon"))
    v = _VALUE.match(line)
    if not v:
        return out
    gap_start = v.start(1)
    out += [Slip(n, gap_start + i + 1, c, " ", "fullwidth-space" if c == "\u3000" else "nbsp")
            for i, c in enumerate(v.group(1)) if c != " "]
    value, at = v.group(2), v.start(2)
    if value.startswith(('"', "'")):
        return out
    out += _flow_slips(n, value, at)
    if _WIDE_NUMBER.match(value):
        digits = value.split("#")[0].rstrip()
        if digits != unicodedata.normalize("NFKC", digits):
            out.append(Slip(n, at + 1, digits, unicodedata.normalize("NFKC", digits), "fullwidth-digit"))
    return out


def _no_space_slips(n: int, line: str) -> list[Slip]:
    """``value:12`` (or ``value :12``): an answer's key with no space after its colon, rewritten
    as ``value: 12`` (the comment after it, if any, left as it is)."""
    m = _NO_SPACE.match(line)
    if not m:
        return []
    rest = m.group(3)
    rest = rest[:_comment_at(rest)].rstrip(" \t") if " #" in rest or "\t#" in rest else rest.rstrip(" \t")
    key = m.group(2).rstrip(" :")
    return [Slip(n, len(m.group(1)) + 1, m.group(2) + rest, f"{key}: {rest}", "no-space-colon")]


def _flow_slips(n: int, value: str, at: int) -> list[Slip]:
    """``【a，b】``, ``[a，b]``, ``（a、b）``: a flow list of ids typed with full-width marks."""
    f = _FLOW.match(value)
    if not f or (f.group(1) in "([" and f.group(3) in ")]" and not any(c in f.group(2) for c in "，、")):
        return []
    if f.group(1) in "(（" and not any(c in f.group(2) for c in ",，、"):
        return []  # '(12)' is not a list
    out: list[Slip] = []
    if f.group(1) in _OPEN:
        out.append(Slip(n, at + 1, f.group(1), "[", "fullwidth-bracket"))
    elif f.group(1) == "(":
        out.append(Slip(n, at + 1, "(", "[", "fullwidth-bracket"))
    inner = f.group(2)
    for i, c in enumerate(inner):
        if c in "，、":
            nxt = inner[i + 1:i + 2]
            out.append(Slip(n, at + 2 + i, c, "," if nxt == " " else ", ", "fullwidth-comma"))
    close_at = at + 1 + len(f.group(1)) + len(inner) - 1
    if f.group(3) in _CLOSE or f.group(3) == ")":
        out.append(Slip(n, close_at + 1, f.group(3), "]", "fullwidth-bracket"))
    return out


def apply(text: str, slips: list[tuple[int, int, str, str]]) -> str:
    """``text`` with each (line, col, old, new) rewritten; a rewrite whose ``old`` is not found at
    its place (the file changed, or an earlier rewrite took those characters) is skipped, never
    guessed. ``old`` may run over several lines (the lines of an answer indented under its id,
    ``evaluator.answer_shape``): it is then one edit of that text, from (line, col)."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    edits = []
    for s in slips:
        n, col, old, new = s[0], s[1], s[2], s[3]
        if not 1 <= n <= len(lines) or col < 1:
            continue
        edits.append((starts[n - 1] + col - 1, old, new))
    for at, old, new in sorted(edits, key=lambda e: -e[0]):  # from the end: earlier places stay true
        if text[at:at + len(old)] == old:
            text = text[:at] + new + text[at + len(old):]
    return text


# --- values typed where a number or true/false is expected (used with what the value expects) ---

_NUMBER = re.compile(r"^[0-9]+(?:\.[0-9]+)?$")
_THOUSANDS = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")
_YES_NO = {"是": "true", "否": "false"}
_SCALE = {"万": 10_000, "亿": 100_000_000}


def plain_number(d: Decimal) -> str:
    """A Decimal in plain digits, without exponent or trailing zeros (5500000, 12.5)."""
    text = format(d, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _decimal(text: str) -> Decimal | None:
    if not _NUMBER.match(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex admits only digits
        return None


def rewrite(kind: str, value: str, quoted: bool) -> tuple[str, str] | None:
    """(slip kind, the value as it should be written) for a text typed where ``kind`` is expected."""
    text = unicodedata.normalize("NFKC", value).strip()
    if kind == "boolean":
        return ("yes-no", _YES_NO[text]) if text in _YES_NO else None
    if kind not in ("count", "number", "percent"):
        return None
    if _decimal(text) is not None:
        if quoted:
            return "quoted-number", plain_number(_decimal(text))
        if text == value:
            return None
        # '12　': ASCII digits and a full-width space around them, not full-width digits (G19-C20)
        return ("wide-space" if value.strip(_BLANKS + "\t") == text else "fullwidth-digit"), text
    if kind == "percent" and text.endswith("%") and _decimal(text[:-1].strip()) is not None:
        return "percent-sign", plain_number(_decimal(text[:-1].strip()))
    if text[-1:] in _SCALE:
        base = text[:-1].strip().replace(",", "")
        d = _decimal(base)
        if d is not None:
            return "wan", plain_number(d * _SCALE[text[-1]])
    if _THOUSANDS.match(text):
        return "thousands", plain_number(Decimal(text.replace(",", "")))
    return None


def source_span(m: Any, line: int, col: int) -> str | None:
    """The scalar as written at (line, col): with its quotes when quoted; None for a scalar that
    runs over more than one line (never rewritten)."""
    lines = m.text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    rest = lines[line - 1][col - 1:]
    if rest[:1] in ("'", '"'):
        end = rest.find(rest[0], 1)
        return rest[:end + 1] if end > 0 else None
    return None


def value_slip(kind: str, value: Any, m: Any, path: tuple) -> Problem | None:
    """A slip in the value at ``path`` of a ``Marked`` file (a ``kind`` of answer: boolean, count,
    number, percent) with its rewrite, or None."""
    if not isinstance(value, str):
        return None
    if hasattr(m, "cell"):  # a workbook's Marked (indicators.xlsx.SheetMarked) names cells, not lines
        return _cell_slip(kind, value, m, path)
    found = rewrite(kind, value, quoted=not m.is_plain(path))
    if found is None:
        return None
    slip, new = found
    line, col = m.where(path)
    old = source_span(m, line, col) if not m.is_plain(path) else m.raw_text(path)
    if old is None:
        return None
    return Problem(m.file, line, col, "error", "wrong-type",
                   Msg(f"slip.{slip}", line=line, col=col, old=old, new=new), fix_hint(m.file),
                   fix=(line, col, old, new))


def _cell_slip(kind: str, value: str, m: Any, path: tuple) -> Problem | None:
    """The same slip in a workbook cell: a cell has no line and column to name in the sentence and
    no text for ``lcity fix`` to rewrite, and text in a cell is not "a number in quotes" (a plain
    number typed as text is read as the number), so the message names what to type in the cell."""
    found = rewrite(kind, value, quoted=False)
    if found is None:
        return None
    slip, new = found
    return m.problem(path, "wrong-type", Msg(f"xlsx.slip.{slip}", old=value, new=new), Msg("xlsx.hint-slip"))


# --- a number or a year said in words, for the hint (never rewritten: the figure is the user's) ---

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int | None:
    """十二 -> 12, 三百零五 -> 305, 两千 -> 2000, 一万二千 -> 12000: a whole number written in
    Chinese numerals, below 10^8; None for anything else (G19-C20: "write 12" is the fix to offer)."""
    text = text.strip()
    if not text or any(c not in _DIGITS and c not in _UNITS and c != "万" for c in text):
        return None
    total, section, digit = 0, 0, None
    for c in text:
        if c in _DIGITS:
            if digit is not None and _DIGITS[c] != 0 and digit != 0:
                return None  # 十二三: two digits in a row is no numeral
            digit = _DIGITS[c]
        elif c in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[c]
            digit = None
        else:  # 万
            if section == 0 and digit is None:
                return None
            total += (section + (digit or 0)) * 10_000
            section, digit = 0, None
    value = total + section + (digit or 0)
    return value if value < 10**8 and (value > 0 or text in ("零", "〇")) else None


_YEAR = re.compile(r"^\s*([12][0-9]{3})\s*(?:年(?:\s*[0-9]{1,2}\s*月)?|[-/.][0-9]{1,2}(?:[-/.][0-9]{1,2})?)\s*$")


def year_of(text: str) -> str | None:
    """2023 from '2023年', '2023-01', '2023年1月': the year a whole-number year field was given as."""
    m = _YEAR.match(unicodedata.normalize("NFKC", text)) if isinstance(text, str) else None
    return m.group(1) if m else None

