"""Input-method slips that depend on what an answer expects, each with a safe rewrite (the value
rewrites themselves live in ``indicators.slips``, where the profile's numbers use them too).

``是`` for a yes/no question, ``15%`` for a percentage, ``550万`` or ``12,000`` for a number,
``"12"`` (a number in quotes, which YAML reads as text), ``a，b`` inside a checklist: the value is
clear to a reader and there is exactly one right way to write it, so the message names the slip
at the exact character and ``lcity fix`` can rewrite it. Text-level slips (full-width colons,
spaces, brackets and digits) are found before YAML reads the file, in ``indicators.slips``.
"""

from __future__ import annotations

import re
from typing import Any

from indicators.messages import Msg
from indicators.problems import Problem
from indicators.safeyaml import Marked
from indicators.slips import fix_hint, value_slip

__all__ = ["item_slip", "value_slip"]


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
                   fix_hint(m.file) if fix else "", fix=fix)
