"""``-`` for standard input wherever lcity reads an assessment.

An official can pipe a form (``cat x.yaml | lcity validate -``); the bytes are read once, with the
same size cap as a file, and named ``<stdin>`` in messages.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

STDIN = "-"
STDIN_NAME = "<stdin>"


def is_stdin(path: str | Path | None) -> bool:
    return path is not None and str(path) == STDIN


def read_stdin(max_bytes: int | None = None) -> bytes:
    """All of stdin, at most ``max_bytes`` (one more is read to tell that it is too large)."""
    from indicators.problems import InputError, Problem
    from indicators.safeyaml import MAX_BYTES

    limit = max_bytes or MAX_BYTES
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InputError([Problem(STDIN_NAME, 1, 1, "error", "too-large", f"more than the limit of {limit:,} bytes",
                                  "an assessment is a few hundred lines; check that this is the right input",
                                  fatal=True)])
    return data


def read_input(path: Path, read_bytes: Callable) -> tuple[bytes, str]:
    """The bytes of ``path`` (stdin for ``-``) and the name to give in messages."""
    if is_stdin(path):
        return read_stdin(), STDIN_NAME
    return read_bytes(path, label=str(path)), str(path)
