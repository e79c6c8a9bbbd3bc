"""Quotation marks inside quotation marks.

Reports and messages quote names: 低于“{outcome}”所需的175分. A framework's own name may hold
quotation marks of its own (授予“学习型企业”称号, The “learning team” scheme), and the sentence
then read 低于“授予“学习型企业”称号”所需的175分, where a reader cannot tell which mark closes
which (G24-T2). Chinese and English typography alternate the marks instead: double outside,
single inside, double again inside that (“…‘…’…”). ``nest`` does that to a finished sentence, so
every template that quotes a name gets it without being rewritten; ``quoted`` quotes one name.
"""

from __future__ import annotations

OPEN, CLOSE = "“", "”"
#: the marks at each depth: depth 0 double, 1 single, 2 double again, ...
_MARKS = ((OPEN, CLOSE), ("‘", "’"))


def _depths(text: str) -> list[int] | None:
    """The depth of each double mark in ``text`` (in order), or None when they do not pair up
    (a lone “ in a note as written): such a text is left as it is, never half-changed."""
    depth, out = 0, []
    for ch in text:
        if ch == OPEN:
            out.append(depth)
            depth += 1
        elif ch == CLOSE:
            depth -= 1
            if depth < 0:
                return None
            out.append(depth)
    return out if depth == 0 else None


def nest(text: str) -> str:
    """``text`` with quotation marks inside quotation marks alternating (“a‘b’c”); a text with no
    nested marks, or with marks that do not pair up, comes back unchanged."""
    if text.count(OPEN) < 2:
        return text
    depths = _depths(text)
    if depths is None or max(depths, default=0) == 0:
        return text
    out, k = [], 0
    for ch in text:
        if ch in (OPEN, CLOSE):
            marks = _MARKS[depths[k] % 2]
            out.append(marks[0] if ch == OPEN else marks[1])
            k += 1
        else:
            out.append(ch)
    return "".join(out)


def quoted(name: str) -> str:
    """“name”, with the marks inside it made single: “授予‘学习型企业’称号”."""
    return nest(f"{OPEN}{name}{CLOSE}")
