"""Input-method slips that depend on what an answer expects, each with a safe rewrite.

``是`` for a yes/no question, ``15%`` for a percentage, ``550万`` or ``12,000`` for a number,
``"12"`` (a number in quotes, which YAML reads as text), ``a，b`` inside a checklist: the value is
clear to a reader and there is exactly one right way to write it, so the message names the slip
at the exact character and ``lcity fix`` can rewrite it. Text-level slips (full-width colons,
spaces, brackets and digits) are found before YAML reads the file, in ``indicators.slips``.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from indicators.messages import Msg
from indicators.problems import Problem
from indicators.safeyaml import Marked

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
        return ("fullwidth-digit", text) if text != value else None
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


def source_span(m: Marked, line: int, col: int) -> str | None:
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


def value_slip(kind: str, value: Any, m: Marked, path: tuple) -> Problem | None:
    """A slip in the answer at ``path`` with its rewrite, or None."""
    if not isinstance(value, str):
        return None
    found = rewrite(kind, value, quoted=not m.is_plain(path))
    if found is None:
        return None
    slip, new = found
    line, col = m.where(path)
    old = source_span(m, line, col) if not m.is_plain(path) else m.raw_text(path)
    if old is None:
        return None
    return Problem(m.file, line, col, "error", "wrong-type",
                   Msg(f"slip.{slip}", line=line, col=col, old=old, new=new), Msg("hint.fix"),
                   fix=(line, col, old, new))


def item_slip(item: Any, items: list[str], m: Marked, path: tuple) -> Problem | None:
    """``a，b`` or ``a、b`` as one checklist item where both are items: at the full-width comma."""
    if not isinstance(item, str) or not m.is_plain(path):
        return None
    parts = re.split(r"\s*[，、]\s*", item)
    if len(parts) < 2 or not all(p in items for p in parts):
        return None
    line, col = m.where(path)
    at = min(i for i in (item.find("，"), item.find("、")) if i >= 0)
    where = col + at
    before = m.text.splitlines()[line - 1][:col - 1].rstrip()
    in_flow = before.endswith(("[", ","))
    fix = (line, where, item[at], ", ") if in_flow and len(parts) == 2 else None
    return Problem(m.file, line, where, "error", "unknown-choice",
                   Msg("slip.item-comma", line=line, col=where, old=item, new=","),
                   Msg("hint.fix") if fix else "", fix=fix)
