"""Terminal-safe text: every control or invisible character a user's file can carry (escape
sequences, bidi overrides, zero-width characters, lone surrogates) shown as an escape instead of
sent to the terminal. Its own module, imported by ``lcity.console`` (which prints every line through
it) and by ``lcity.output`` (which quotes file names in its hints), so neither imports the other.
"""

from __future__ import annotations

import re
from typing import Any

#: C0 and C1 controls (tab and newline handled by the callers), DEL, bidi embeddings, overrides and
#: isolates, zero-width and other invisible format characters, line/paragraph separators, lone
#: surrogates, and Unicode noncharacters (U+FFFE, printed raw in a file name, G19-C6).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\u3164\ufeff\ufff9-\ufffb\ud800-\udfff\U000e0000-\U000e007f"
    "\ufdd0-\ufdef\ufffe\uffff" + "".join(chr(p * 0x10000 + 0xFFFE) + chr(p * 0x10000 + 0xFFFF) for p in range(1, 17))
    + "]"
)


def _escape_char(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8, as Python keeps it: the byte
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: Any, *, newlines: bool = False) -> str:
    """``text`` with every control or invisible character shown as an escape.

    Tabs are kept; newlines are kept only where ``newlines`` is true (multi-line help and notes),
    so one problem is always one line.
    """
    text = str(text)
    out = _UNSAFE.sub(_escape_char, text)
    if not newlines:
        out = out.replace("\n", "\\n").replace("\r", "\\r")
    return out


def visible_json(text: str) -> str:
    """A JSON document with the same data, its unsafe characters written as ``\\uXXXX`` escapes."""
    return _UNSAFE.sub(_json_escape, text)


def _json_escape(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # JSON writes characters beyond the BMP as a UTF-16 surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
