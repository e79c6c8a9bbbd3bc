"""One record for every mistake the tool can find in a user's file.

Every check, from YAML syntax to a percentage over 100, yields a `Problem`, so that `validate`
prints them all in one run, sorted in file order, in one format (``file:line:col: severity rule:
message (hint)``) and the exit code can be derived from the worst of them.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Literal

from .messages import Msg, say

#: "note": said and not to be acted on (a review of the same assessment in another format, G18-E4)
Severity = Literal["error", "warning", "note"]
#: The profile sheet of a workbook (indicators.xlsx.PROFILE): its problems come before the indicators'.
_FIRST_SHEETS = frozenset({"", "基本情况", "Profile"})


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
    #: a safe rewrite ``lcity fix`` may apply: (line, column, text there now, text to write), 1-based
    fix: tuple[int, int, str, str] | None = field(default=None, compare=False)
    #: where in a workbook, e.g. ``Indicators!K12``, for a spreadsheet (then line/col are its row/column)
    cell: str = field(default="", compare=False)

    def place(self) -> str:
        """``file:line:col``, or ``file:Sheet!C12`` in a spreadsheet (the cell an official can find)."""
        return f"{self.file}:{self.cell}" if self.cell else f"{self.file}:{self.line}:{self.col}"

    def sort_key(self) -> tuple:
        """File order; in a workbook, sheet by sheet (the profile first), then row and column."""
        sheet = self.cell.partition("!")[0]
        return (self.file, sheet not in _FIRST_SHEETS, sheet, self.line, self.col, self.rule, self.message)

    def text(self, lang: str = "en") -> str:
        """One line, ``file:line:col: severity rule: message (hint)``, said in ``lang``."""
        hint = say(self.hint, lang)
        hint = (f"（{hint}）" if lang == "zh" else f" ({hint})") if hint else ""
        severity = say(Msg(f"severity.{self.severity}"), lang) if lang != "en" else self.severity
        # a command-line option (--framework) has no line and column: "--framework:1:1:" reads as a file's
        where = self.file if self.file.startswith("--") and not os.path.exists(self.file) else self.place()
        return f"{where}: {severity} {self.rule}: {say(self.message, lang)}{hint}"

    def as_dict(self, lang: str = "en") -> dict:
        out = {
            "file": self.file,
            "line": self.line,
            "column": self.col,
            "severity": self.severity,
            "rule": self.rule,
            "message": say(self.message, lang),
            "hint": say(self.hint, lang),
        }
        if self.cell:
            out["cell"] = self.cell
        if self.fix is not None:
            out["fix"] = {"line": self.fix[0], "column": self.fix[1], "old": self.fix[2], "new": self.fix[3]}
        return out


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
    # 'Ａ２' typed with an input method in full-width mode is 'A2' to the eye, and nothing like it
    # to difflib: the compatibility form (NFKC) of the word is looked up first
    plain = unicodedata.normalize("NFKC", str(word)).strip()
    match = [plain] if plain != str(word) and plain in pool else []
    match = match or difflib.get_close_matches(str(word), pool, n=1, cutoff=0.6)
    if not match:
        lowered = {c.lower(): c for c in pool}
        if plain.lower() in lowered:
            match = [lowered[plain.lower()]]
    return Msg("hint.did-you-mean", word=match[0]) if match else ""


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)
