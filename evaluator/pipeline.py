"""From a file (and its expert reviews) to a Result: the one path every command shares.

This module sits above the engine, the reader and the verification so that none of them needs to
import another one uphill: ``engine`` scores one answer set, ``verify`` combines reviewers,
``reading`` turns a file into models, and only here are they put in sequence.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from indicators.problems import InputError, Problem

from .engine import score as score_answers
from .reading import Loaded, read

if TYPE_CHECKING:
    from indicators.models import Framework

    from .assessment import Assessment
    from .result import Result
    from .review import Review


def score(assessment: "Assessment", framework: "Framework | None" = None, *, reviews: "list[Review] | None" = None,
          sha256: str = "", file: str | None = None) -> "Result":
    """Scores an assessment; with ``reviews`` the Result carries the panel's verified scores
    and keeps the self-assessed ones beside them (see ``evaluator.verify``)."""
    if framework is None:
        from indicators.loader import load_framework

        framework = load_framework(assessment.framework)
    if reviews:
        from .verify import verify  # reviews are the exception: keep lcity validate/score light

        return verify(assessment, framework, reviews, sha256=sha256, file=file)
    return score_answers(assessment, framework, sha256=sha256, file=file)


def _missing(paths: "list[Path]") -> "list[Problem]":
    """Review files that do not exist, as the reader would refuse them: said beside an unfinished
    assessment's problems, so one run lists everything to fix (lcity report --review named only the
    assessment's 47 unanswered indicators, not that the review file was missing)."""
    from indicators.messages import Msg

    return [Problem(str(p), 1, 1, "error", "unreadable", Msg("load.no-such-file"), Msg("hint.check-path"), fatal=True)
            for p in paths if str(p) != "-" and not p.exists()]


def read_scored(path: str | Path, *, reviews: "list[Path] | tuple" = (), framework: str | None = None,
                force: bool = False, label: str | None = None) -> "tuple[Result, Loaded]":
    """Reads, checks and scores one assessment, verified by its review files if any are given.

    Returns (Result, Loaded); raises InputError with every problem of the file and its reviews.
    ``force`` accepts reviews whose city, period or SHA-256 do not match.
    """
    loaded = read(path, framework=framework, label=label)
    try:
        assessment, fw = loaded.require()
    except InputError as exc:  # a review file that is not there is said in the same run, not after the fixes
        raise InputError(exc.problems + _missing([Path(r) for r in reviews])) from None
    if reviews:
        from .review import load_reviews
    found = load_reviews([Path(r) for r in reviews], loaded, force=force) if reviews else None
    return score(assessment, fw, sha256=loaded.sha256, file=label or str(path), reviews=found), loaded
