"""Where a score's time goes: each large part of ``evaluator.engine.score`` replaced by a stand-in
that returns its finished output, timed interleaved with the full score (CPU time of this thread,
best of many short loops), so that the share of each part holds on a shared, loaded machine where
cProfile's own overhead would weigh every small call too much.

    python bench/engine_parts.py            # examples/qingshi-district.yaml, 60 rounds
    python bench/engine_parts.py --rounds 150

Parts: building the pydantic models of the Result (76 for the typical example; the stand-in is a
plain object with a ``__dict__``), the pathway (``evaluator.pathways.run_at``), and the recognition
decision (``evaluator.engine._decide``). What is left is the indicators' and dimensions' scoring.
Not a test: it prints per-score times and shares, nothing passes or fails.
"""

from __future__ import annotations

import argparse
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from evaluator import engine, pathways
from evaluator.reading import read
from evaluator.result import DimensionResult
from engine_speed import TYPICAL

MODELS = ("_indicator_result", "_dimension_result", "_label", "_decision", "_city_info", "_provenance", "_result",
          "_bounds")
PATHWAY_MODELS = ("_evidence", "_score", "_result")


class _Plain:
    """A model's stand-in: its fields in ``__dict__``, and the two properties the decision reads."""

    __slots__ = ("__dict__",)
    floor_basis = DimensionResult.floor_basis
    floor_share = DimensionResult.floor_share


def _plain(values: dict[str, Any]) -> _Plain:
    m = _Plain()
    m.__dict__ = values
    return m


@contextmanager
def _replaced(pairs: list[tuple[Any, str, Any]]) -> Iterator[None]:
    saved = [(mod, name, getattr(mod, name)) for mod, name, _ in pairs]
    try:
        for mod, name, value in pairs:
            setattr(mod, name, value)
        yield
    finally:
        for mod, name, value in saved:
            setattr(mod, name, value)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", default=str(TYPICAL))
    ap.add_argument("--rounds", type=int, default=60)
    ap.add_argument("--n", type=int, default=200, help="scores per timed loop")
    args = ap.parse_args()
    a, fw = read(args.file).require()
    done = engine.score(a, fw)
    variants: dict[str, list[tuple[Any, str, Any]]] = {
        "the whole score": [],
        "pydantic models built (stand-in: plain objects)": [(engine, n, _plain) for n in MODELS]
        + [(pathways, n, _plain) for n in PATHWAY_MODELS],
        "pathway (pathways.run_at)": [(pathways, "run_at", lambda *x, **k: done.pathway)],
        "recognition decision (engine._decide)": [(engine, "_decide", lambda *x, **k: done.recognition)],
    }
    score: Callable[[], Any] = lambda: engine.score(a, fw)  # noqa: E731
    best = dict.fromkeys(variants, float("inf"))
    for _ in range(args.rounds):
        for name, pairs in variants.items():
            with _replaced(pairs):
                t0 = time.thread_time()
                for _ in range(args.n):
                    score()
                best[name] = min(best[name], (time.thread_time() - t0) / args.n)
    whole = best["the whole score"]
    print(f"the whole score: {whole * 1e6:.1f} us ({1 / whole:,.0f} per second of CPU)")
    for name, t in list(best.items())[1:]:
        print(f"{name}: {(whole - t) * 1e6:.1f} us, {(whole - t) / whole * 100:.0f}% of the score")


if __name__ == "__main__":
    main()
