"""Speed of the what-if planner (issue 14): the time of one plan, after start-up, on one core.

For every unit of a folder (default ``examples/districts``), the plan to recognition is made
``--repeat`` times; the median of each unit is kept. Prints one stable line per figure, then the
slowest units:

    plan/median_ms: median over the units of one plan with its next-best alternative (lcity plan)
    plan/max_ms: the slowest unit's plan with its alternative                           (≤ 200)
    plan/no_alternative_median_ms, plan/no_alternative_max_ms: the plan alone (reports, batch)
    score/ms: scoring one assessment (the engine), for comparison

Start-up (importing SciPy, loading the framework) is done once before timing, as in a batch.
Pin it to one core with ``taskset -c 0 python bench/plan.py``.

    python bench/plan.py
    python bench/plan.py examples/districts --repeat 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from evaluator.engine import score  # noqa: E402
from evaluator.plan import Unreachable, parse_target, plan  # noqa: E402
from evaluator.reading import read  # noqa: E402


def _timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def _plan(a, fw, alternative: bool) -> None:
    try:
        plan(a, fw, parse_target(fw, "recognition"), alternative=alternative)
    except Unreachable:
        pass


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", default=str(ROOT / "examples" / "districts"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    units = []
    for f in sorted(Path(args.folder).glob("*.yaml")):
        if ".review" in f.name:
            continue
        a, fw = read(f).require()
        units.append((f.name, a, fw))
    name, a, fw = units[0]
    _plan(a, fw, True)  # start-up: SciPy, HiGHS, the framework's compiled rules
    with_alt, alone = {}, {}
    for name, a, fw in units:
        with_alt[name] = _timed(lambda: _plan(a, fw, True), args.repeat)
        alone[name] = _timed(lambda: _plan(a, fw, False), args.repeat)
    scoring = statistics.median(_timed(lambda: score(a, fw), 50) for _, a, fw in units)
    print(f"units: {len(units)} ({args.folder})")
    print(f"plan/median_ms: {statistics.median(with_alt.values()):.1f}")
    print(f"plan/max_ms: {max(with_alt.values()):.1f}")
    print(f"plan/no_alternative_median_ms: {statistics.median(alone.values()):.1f}")
    print(f"plan/no_alternative_max_ms: {max(alone.values()):.1f}")
    print(f"score/ms: {scoring:.2f}")
    print("slowest (with alternative):", ", ".join(f"{n} {t:.0f} ms" for n, t in
                                                   sorted(with_alt.items(), key=lambda x: -x[1])[:3]))


if __name__ == "__main__":
    main()
