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
