"""How a learning city is measured: reading assessments, rules, scoring, pathways, benchmarks.

The Python API mirrors the ``lcity`` commands::

    import evaluator
    problems = evaluator.validate("xicheng-2025.yaml")          # lcity validate
    result = evaluator.score("xicheng-2025.yaml")                # lcity score --format json
    result = evaluator.score("x.yaml", reviews=["x.review.yaml"])  # verified scores
    from evaluator.benchmark import benchmark
    bench = benchmark(result)                                    # lcity benchmark

Every function returns pydantic models or Problems; nothing prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from indicators.problems import Problem

    from .assessment import Assessment
    from .result import Result
    from .review import Review


def validate(path: str | Path) -> "list[Problem]":
    """Every problem of an assessment file, in file order (an unreadable file gives one fatal problem)."""
    from indicators.problems import InputError

    from .reading import read

    try:
        return read(path).problems
    except InputError as exc:
        return exc.problems


def score(assessment: "Assessment | str | Path", reviews: "Iterable[Review | str | Path]" = (), *,
          force: bool = False) -> "Result":
    """Scores an assessment (a model or a file). With reviews, the Result holds verified scores.

    Raises ``indicators.problems.InputError`` (with every problem) when the input is invalid.
    """
    from indicators.loader import load_framework

    from .pipeline import score as _score
    from .pipeline import read_scored
    from .review import Review

    reviews = list(reviews)
    if isinstance(assessment, (str, Path)):
        if any(isinstance(r, Review) for r in reviews):
            raise TypeError("with an assessment file, pass review files too")
        return read_scored(assessment, reviews=[Path(r) for r in reviews], force=force)[0]
    if any(not isinstance(r, Review) for r in reviews):
        raise TypeError("with an Assessment model, pass Review models (file paths need the assessment file)")
    return _score(assessment, load_framework(assessment.framework), reviews=reviews or None)
