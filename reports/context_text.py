"""Framework texts as the report's sentences state them: the unit's own level, no notes to whoever
fills the form in. Shared by the findings, the recommendations and the task table."""

from __future__ import annotations

import re

from .context_facts import Facts

#: a framework text's instruction to whoever fills the form in, e.g. （区级填报时指本区建有老年大学）
_FILLING_NOTE = re.compile(r"（[^（）]*填报[^（）]*）|\([^()]*\b(?:answer|fill)[^()]*\)")


def plain_text(f: Facts, text: str) -> str:
    """A framework's option text as a finding states it: no filling instructions, and "本区（市）"
    (written for either level) as the unit's own level."""
    text = _FILLING_NOTE.sub("", text)
    if f.zh:
        text = text.replace("本区（市）", f"本{f.unit}").replace("本市（区）", f"本{f.unit}")
    else:
        text = text.replace("city/district", f.unit)
    return text.strip()
