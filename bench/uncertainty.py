"""The scoring kernel against the engine, on the uncertainty analysis's own work.

The work: 10,000 draws of the dimension weights (Dirichlet around the framework's) and of the
linear rules' end-points (± the framework's share of their span), each scoring the 18 units of
``examples/districts`` (the assessments, without reviews). Weights and end-points are the sources
the engine can be given too (as a copy of the framework); unknown answers, survey error and
geometric aggregation are the kernel's alone.

* kernel: ``evaluator.uncertainty.evaluate`` on all draws at once (turning the uniform factors
  into weights and end-points, and scoring), best of 3 runs, on one core (set
  ``OPENBLAS_NUM_THREADS=1``, which this script does before NumPy is imported);
* engine: for a subset of the draws (``--engine-draws``, default 100), a copy of the framework
  with that draw's weights and end-points and ``evaluator.engine.score`` of every unit; the time
  per draw is extrapolated to all draws (said so in the output). The engine's totals for the
  subset are compared with the kernel's (they agree to 1e-9: the end-points are computed in a
  different order of operations, so the last bit may differ).

    python bench/uncertainty.py
    python bench/uncertainty.py --samples 10000 --engine-draws 200
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DISTRICTS = ROOT / "examples" / "districts"


def load(folder: Path = DISTRICTS):
    from evaluator.pipeline import read_scored

    paths = sorted(p for p in folder.glob("*.yaml") if ".review" not in p.name)
    results, assessments, fw = [], [], None
    for p in paths:
        r, loaded = read_scored(p)
        results.append(r)
        assessments.append(loaded.assessment)
        fw = loaded.framework
    return fw, results, assessments, [p.stem for p in paths]


def _moved(rule, lo: float, hi: float):
    span = abs(rule.target - rule.floor)
    return rule.model_copy(update={"floor": rule.floor + lo * span, "target": rule.target + hi * span})


def framework_at(fw, problem, x_row: np.ndarray):
    """A copy of the framework with one draw's dimension weights and end-points."""
    from evaluator.uncertainty import dimension_points

    dp = dimension_points(problem, x_row[None, :])[0]
    e = problem.settings.endpoint_share
    moves = {problem.units.columns[j]: (e * (2 * x_row[ff] - 1), e * (2 * x_row[ft] - 1))
             for j, ff, ft in problem.at["scale"]}
    dims = []
    for d, points in zip(fw.dimensions, dp):
        inds = []
        for i in d.indicators:
            update = {}
            if i.id in moves and i.rule.kind == "linear":
                update["rule"] = _moved(i.rule, *moves[i.id])
                update["by_level"] = {lv: v.model_copy(update={"rule": _moved(v.rule, *moves[i.id])})
                                      if v.rule is not None and v.rule.kind == "linear" else v
                                      for lv, v in i.by_level.items()}
            inds.append(i.model_copy(update=update) if update else i)
        dims.append(d.model_copy(update={"points": float(points), "indicators": inds}))
    return fw.model_copy(update={"dimensions": dims})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", type=int, default=10_000)
    ap.add_argument("--engine-draws", type=int, default=100, help="draws scored by the engine (extrapolated)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    try:
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    except (AttributeError, OSError):
        pass
    from evaluator.engine import score
    from evaluator.uncertainty import build, evaluate

    fw, results, assessments, labels = load()
    problem = build(fw, results, labels, ["weights", "scale"])
    x = np.random.default_rng(args.seed).random((args.samples, len(problem.names)))
    evaluate(problem, x[:10])  # warm
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        got = evaluate(problem, x)
        best = min(best, time.perf_counter() - t0)
    n = min(args.engine_draws, args.samples)
    score(assessments[0], fw)  # warm the engine's caches and imports
    t0 = time.perf_counter()
    worst = scoring = 0.0
    for s in range(n):
        copy = framework_at(fw, problem, x[s])
        t1 = time.perf_counter()
        totals = [score(a, copy).total for a in assessments]
        scoring += time.perf_counter() - t1
        worst = max(worst, *(abs(t - got.total[s, k]) for k, t in enumerate(totals)))
    per_draw = (time.perf_counter() - t0) / n
    engine = per_draw * args.samples
    u = len(assessments)
    print(f"units: {u} ({DISTRICTS.relative_to(ROOT)}, without reviews); draws: {args.samples:,}; "
          f"sources: dimension weights, linear end-points")
    print(f"kernel: {best:.3f} s for {args.samples:,} draws × {u} units (best of 3, one core)")
    print(f"engine: {per_draw * 1000:.1f} ms per draw × {args.samples:,} draws = {engine:.1f} s "
          f"(measured on {n} draws × {u} units and extrapolated; includes copying the framework per draw)")
    print(f"  of which in evaluator.engine.score: {scoring / n * 1000:.1f} ms per draw (a new framework object "
          f"builds its scoring plan on first use; the rest copies the framework)")
    print(f"ratio: kernel is {engine / best:.0f}× faster than the engine one draw at a time "
          f"({scoring / n * args.samples / best:.0f}× counting evaluator.engine.score alone)")
    print(f"agreement on the measured draws: largest |engine − kernel| total difference {worst:.2e} points")


if __name__ == "__main__":
    main()
