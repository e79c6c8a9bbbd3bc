"""Read + validate + score one assessment, as a ratio to libyaml parsing the same text.

``measure_pipeline(text, n)`` times, interleaved in the same loop so that both see the same machine
load, (a) ``evaluator.reading.read_string(text)`` + ``Loaded.require()`` +
``evaluator.pipeline.score(assessment, framework)`` and (b) ``yaml.load(text, Loader=yaml.CSafeLoader)``,
and returns median(a) ÷ median(b). The framework is loaded and the caches warmed before timing.
The target (issue 9) is at most 3.

    python bench/pipeline_speed.py                        # examples/qingshi-district.yaml, n = 500
    python bench/pipeline_speed.py --n 2000 examples/jianglan-city.yaml
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import yaml

from evaluator.pipeline import score
from evaluator.reading import read_string

ROOT = Path(__file__).resolve().parent.parent
TYPICAL = ROOT / "examples" / "qingshi-district.yaml"


def _pipeline(text: str):
    loaded = read_string(text)
    assessment, framework = loaded.require()
    return score(assessment, framework)


def _libyaml(text: str):
    return yaml.load(text, Loader=yaml.CSafeLoader)


def measure_pipeline(text: str, n: int = 500) -> float:
    """median(read + require + score) ÷ median(CSafeLoader parse) over ``n`` interleaved rounds."""
    for _ in range(max(5, n // 20)):  # warm-up: framework cache, per-framework plans, imports
        _pipeline(text)
        _libyaml(text)
    clock = time.perf_counter
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(n):
        t0 = clock()
        _pipeline(text)
        t1 = clock()
        _libyaml(text)
        t2 = clock()
        ours.append(t1 - t0)
        theirs.append(t2 - t1)
    return statistics.median(ours) / statistics.median(theirs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file", nargs="?", default=str(TYPICAL), help="assessment file (default: the typical example)")
    ap.add_argument("--n", type=int, default=500, help="interleaved rounds")
    args = ap.parse_args()
    text = Path(args.file).read_text(encoding="utf-8")
    print(f"pipeline/libyaml: {measure_pipeline(text, args.n):.2f}")


if __name__ == "__main__":
    main()
