"""One record for every mistake the tool can find in a user's file.

Every check, from YAML syntax to a percentage over 100, yields a `Problem`, so that `validate`
prints them all in one run, sorted in file order, in one format (``file:line:col: severity rule:
message (hint)``) and the exit code can be derived from the worst of them.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=False)
class Problem:
    file: str
    line: int
    col: int
    severity: Severity
    rule: str
    message: str
    hint: str = ""
    #: True for problems that mean the file could not be read safely at all (exit code 2).
    fatal: bool = field(default=False, compare=False)

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.col, self.rule, self.message)

    def text(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.file}:{self.line}:{self.col}: {self.severity} {self.rule}: {self.message}{hint}"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "severity": self.severity,
            "rule": self.rule,
            "message": self.message,
            "hint": self.hint,
        }


class InputError(Exception):
    """Raised when a file cannot be used; carries every problem found, in file order."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__("\n".join(p.text() for p in self.problems))

    @property
    def fatal(self) -> bool:
        return any(p.fatal for p in self.problems)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A hint naming the closest candidate, or '' when nothing is close."""
    pool = [str(c) for c in candidates]
    match = difflib.get_close_matches(str(word), pool, n=1, cutoff=0.6)
    if not match:
        lowered = {c.lower(): c for c in pool}
        if str(word).lower() in lowered:
            match = [lowered[str(word).lower()]]
    return f"did you mean '{match[0]}'?" if match else ""


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)
