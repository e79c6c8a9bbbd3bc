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
from .reading import Loaded, read_marked


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
    data = read_bytes(path)
    marked = load_text(decode_bytes(data, str(path)), str(path))
    marked.data = without_placeholders(marked.data)
    loaded = read_marked(marked, framework=framework, sha256=hashlib.sha256(data).hexdigest())
    assessment, fw = loaded.require()
    result = score(assessment, fw, sha256=loaded.sha256, file=str(path))
    return result.model_copy(update={"provisional": True}), loaded
