"""A provisional score of an unfinished self-assessment (``lcity score --partial``).

The template starts every answer as ``value: null``; until it is filled in, that placeholder is a
``no-answer`` error and the file cannot be scored. To show an official where they stand, the
placeholders are read as *missing* (0 points, lowering coverage and confidence) and every other
check still applies: a wrong value is still refused. The Result says ``provisional: true``.
"""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

from indicators.safeyaml import decode_bytes, load_text, read_bytes

from .pipeline import score
from .reading import STDIN, STDIN_NAME, Loaded, read_marked, read_stdin, read_workbook, shown_name


def without_placeholders(data: object) -> object:
    """``data`` with every answer that has neither a value nor a status left out."""
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return data
    out = copy.copy(data)
    out["answers"] = {k: a for k, a in data["answers"].items()
                      if not (isinstance(a, dict) and a.get("value") is None and a.get("status") is None)}
    return out


def read_partial(path: str | Path, *, framework: str | None = None) -> tuple["object", Loaded]:
    """(provisional Result, Loaded) of an unfinished file; InputError for any other mistake."""
    if str(path) == STDIN:  # lcity score - --partial: standard input, as every command that reads a form (G13 P2)
        name = STDIN_NAME
        data = read_stdin(name)
    else:
        name = shown_name(path)
        data = read_bytes(path, label=name)
    from indicators.xlsx import looks_like_workbook

    if looks_like_workbook(data, name):  # an unfinished workbook: its empty cells are not answers already
        loaded = read_workbook(data, name, framework=framework)
    else:
        marked = load_text(decode_bytes(data, name), name)
        marked.data = without_placeholders(marked.data)
        loaded = read_marked(marked, framework=framework, sha256=hashlib.sha256(data).hexdigest())
    assessment, fw = loaded.require()
    result = score(assessment, fw, sha256=loaded.sha256, file=shown_name(path))  # "-" for stdin, as score - says
    return result.model_copy(update={"provisional": True}), loaded
