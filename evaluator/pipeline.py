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


def _review_problems(paths: "list[Path]", loaded: "Loaded | None", force: bool) -> "list[Problem]":
    """Every problem of each review file, as ``lcity review validate`` says it (not there, not
    readable, not YAML, not a review's fields; against the assessment as far as it could be read),
    said beside the assessment's own problems so one run lists everything to fix: lcity report
    --review named only an unfinished assessment's 47 unanswered indicators, not that the review
    file was missing (new-user audit #23), nor a review's errors when the assessment was not YAML."""
    from .reading import Loaded
    from .review import read_review

    seen = loaded if loaded is not None else Loaded("", None, None)  # nothing to check the review against
    problems: list[Problem] = []
    for p in paths:
        try:
            problems += read_review(p, seen, force=force)[1]
        except InputError as exc:
            problems += exc.problems
    return problems


def read_scored(path: str | Path, *, reviews: "list[Path] | tuple" = (), framework: str | None = None,
                force: bool = False, label: str | None = None) -> "tuple[Result, Loaded]":
    """Reads, checks and scores one assessment, verified by its review files if any are given.

    Returns (Result, Loaded); raises InputError with every problem of the file and its reviews.
    ``force`` accepts reviews whose city, period or SHA-256 do not match.
    """
    loaded = None
    try:
        loaded = read(path, framework=framework, label=label)
        assessment, fw = loaded.require()
    except InputError as exc:  # the reviews' problems are said in the same run, not after the fixes
        raise InputError(exc.problems + _review_problems([Path(r) for r in reviews], loaded, force)) from None
    if reviews:
        from .review import load_reviews
    found = load_reviews([Path(r) for r in reviews], loaded, force=force) if reviews else None
    return score(assessment, fw, sha256=loaded.sha256, file=label or str(path), reviews=found), loaded
