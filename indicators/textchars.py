"""Characters that are not text, and what a spreadsheet cannot store (audit G19-C6).

Unicode keeps 66 code points as *noncharacters* (U+FDD0–U+FDEF and the last two of every plane:
U+FFFE, U+FFFF, U+1FFFE …): never text, they turn up when text is converted with the wrong byte
order (U+FFFE is a byte-order mark read backwards). YAML refuses U+FFFE and U+FFFF typed as such but
accepts them written as an escape ("\\uFFFE"), and XML 1.0, the format inside an .xlsx, cannot hold
them at all: openpyxl wrote one into summary.xlsx and no spreadsheet could open the file. The readers
refuse a noncharacter at its place (``safeyaml``, ``xlsx``); the workbook writers never write one, nor
anything else XML 1.0 forbids (``cell_text``), whatever reached them.
"""

from __future__ import annotations

import re
from typing import Any

_PLANE_ENDS = "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(1, 17))
#: the 66 Unicode noncharacters
NONCHARACTER = re.compile(f"[\uFDD0-\uFDEF\uFFFE\uFFFF{_PLANE_ENDS}]")
#: what an .xlsx cell cannot store: characters XML 1.0 forbids (C0 controls but tab and line
#: breaks, surrogates, U+FFFE/U+FFFF) and the other noncharacters, which Excel's own files never hold
NOT_IN_CELL = re.compile(f"[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]|[\uFDD0-\uFDEF{_PLANE_ENDS}]")
#: what a report prints as an escape (``reports.render.shown``, ESC as \\x1b): C0 controls but tab and
#: line breaks, DEL and C1, bidi embeddings, overrides and isolates; a text written with an escape
#: ("\\e[31m", "\\u202e") carries them past the YAML reader, which refuses them typed raw (G32H-1)
SHOWN_AS_ESCAPE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: what stands in a cell for a character it cannot store: U+FFFD, the replacement character (�)
REPLACEMENT = "\uFFFD"


def code(ch: str) -> str:
    """U+FFFE, as a character is named in messages."""
    return f"U+{ord(ch):04X}"


def cell_text(value: Any) -> tuple[Any, int]:
    """``value`` as a workbook cell can store it, and how many characters were replaced by U+FFFD
    (a value that is not text is returned as it is)."""
    if not isinstance(value, str):
        return value, 0
    return NOT_IN_CELL.subn(REPLACEMENT, value)


def make_storable(wb) -> tuple[int, str | None]:
    """Replaces, in every cell of an openpyxl workbook about to be saved, each character a cell
    cannot store by U+FFFD: how many were replaced and the first of them (None when none was).
    openpyxl writes such a character as it is, and the file it saves cannot be opened again, by
    Excel, WPS or openpyxl itself. A cell keeps its type: text that starts with '=' stays text."""
    replaced, first = 0, None
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value, n = cell_text(cell.value)
                if n:
                    first = first or NOT_IN_CELL.search(cell.value).group()
                    kind = cell.data_type
                    cell.value = value
                    cell.data_type = kind
                    replaced += n
    return replaced, first
