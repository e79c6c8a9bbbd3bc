"""``-`` for standard input wherever lcity reads an assessment (``cat x.yaml | lcity validate -``).

The reading itself is ``evaluator.reading.read_stdin`` (bounded like a file, named ``<stdin>``),
so validate, score and report get it through ``evaluator.reading.read``; this helper is for the
commands that need the bytes (convert).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from evaluator.reading import STDIN, STDIN_NAME, read_stdin


def is_stdin(path: str | Path | None) -> bool:
    return path is not None and str(path) == STDIN


def read_input(path: Path, read_bytes: Callable) -> tuple[bytes, str]:
    """The bytes of ``path`` (stdin for ``-``) and the name to give in messages."""
    if is_stdin(path):
        return read_stdin(), STDIN_NAME
    return read_bytes(path, label=str(path)), str(path)
