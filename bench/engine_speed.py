"""Engine throughput: a parsed Assessment -> Result, on one core.

``measure(n)`` reads one example once (reading is not timed), then scores it n times with
``evaluator.engine.score`` and returns scores per second (best of 3 runs). Machines here are
shared and noisy; compare figures taken in the same run.

    python bench/engine_speed.py                     # examples/qingshi-district.yaml, n = 5000
    python bench/engine_speed.py --n 2000 examples/jianglan-city.yaml examples/districts/*.yaml
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from evaluator.engine import score
from evaluator.reading import read
from indicators.problems import InputError

ROOT = Path(__file__).resolve().parent.parent
TYPICAL = ROOT / "examples" / "qingshi-district.yaml"


def measure(n: int = 5000, path: str | Path = TYPICAL, repeat: int = 3) -> float:
    """Scores per second for one parsed assessment (best of ``repeat`` loops of ``n`` scores)."""
    loaded = read(path)
    assessment, framework = loaded.require()
    score(assessment, framework)  # warm per-framework caches and imports
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(n):
            score(assessment, framework)
        best = min(best, time.perf_counter() - t0)
    return n / best


def reference_rate(n: int = 5000, repeat: int = 3) -> float:
    """Rounds per second of a fixed pure-Python workload with the shape of one score of the typical
    example: 43 indicator rows of 26 fields and 12 dimension rows of 10 (each a dict copied, five
    fields set, two lists appended to, one object made), then one result of 25 fields.

    The engine figure is absolute (scores per second), and the shared machines here differ by half
    or more in interpreter speed from one session to the next; the ratio of the two figures, taken in
    the same run, says whether the engine itself got faster or slower. It also says how far the
    engine is from merely building its output: at 1.0 it would be as fast as this loop."""
    indicator = {f"k{i}": i for i in range(26)}
    dimension = {f"k{i}": i for i in range(10)}
    result = {f"k{i}": i for i in range(25)}

    class Row:
        __slots__ = ("d",)

        def __init__(self, d: dict) -> None:
            self.d = d

    def rows(template: dict, count: int, out: list, a: list, b: list) -> None:
        for i in range(count):
            d = template.copy()
            d["k3"] = d["k1"] * 0.5
            d["k4"] = i
            d["k5"] = []
            d["k6"] = None
            d["k7"] = []
            a.append(d["k2"])
            b.append(d["k3"])
            out.append(Row(d))

    def one() -> Row:
        inds: list = []
        dims: list = []
        a: list = []
        b: list = []
        rows(indicator, 43, inds, a, b)
        rows(dimension, 12, dims, a, b)
        d = result.copy()
        d["k1"], d["k2"], d["k3"] = inds, dims, sum(b)
        return Row(d)

    for _ in range(n):  # warm-up: its first loops ran at half speed (allocator and CPU clock warming up)
        one()
    best = float("inf")
    for _ in range(repeat + 2):
        t0 = time.perf_counter()
        for _ in range(n):
            one()
        best = min(best, time.perf_counter() - t0)
    return n / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", help="assessment files (default: the typical example)")
    ap.add_argument("--n", type=int, default=5000, help="scores per timed loop")
    args = ap.parse_args()
    files = args.files or [str(TYPICAL)]
    for f in files:
        label = "" if len(files) == 1 and not args.files else f" ({Path(f).name})"
        try:
            rate = measure(args.n, f)
        except InputError:  # a review file or a broken assessment in a glob: not scored, so not timed
            print(f"engine{label}: skipped (not a valid assessment: lcity validate {f})")
            continue
        print(f"engine{label}: {rate:,.0f} per second")


if __name__ == "__main__":
    main()
