"""The four speed figures of the fast path, each measured against a baseline in the same run.

Prints one stable line per figure, ``name: value``, that a script can read, followed by the
target the figure is held to (the machines are shared and noisy: compare ratios, not seconds):

    pipeline/libyaml: read + validate + score one typical assessment ÷ libyaml parse     (≤ 3)
    engine: parsed assessment -> Result, per second on one core                          (≥ 10,000)
    engine/python-reference: the same ÷ a fixed pure-Python workload of one score's shape (no target;
        the machines differ in speed from day to day, this ratio does not)
    startup: `lcity validate FILE` process ÷ `python -c "import yaml, pydantic"`, CPU   (≤ 1.5)
    startup/pydantic-floor: `python -c "import yaml, pydantic.main"` ÷ the same (no target: the
        part of the start-up ratio that is pydantic's BaseModel alone)
    batch/jobs2-vs-jobs1: scoring 1,000 units with 2 jobs ÷ 1 job (bench/batch.py)       (≥ 1.8)

    python bench/score.py                 # all four (the batch figure takes a minute or two)
    python bench/score.py --skip-batch
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from engine_speed import TYPICAL, measure, reference_rate  # noqa: E402
from pipeline_speed import measure_pipeline  # noqa: E402
from startup import FLOOR, measure_startup_and_floor  # noqa: E402


def batch_speedup(units: int) -> str:
    """The batch line of bench/batch.py (scoring only), run as its own process."""
    proc = subprocess.run([sys.executable, str(HERE / "batch.py"), "--n", str(units), "--scoring-only"],
                          capture_output=True, text=True, check=False)
    found = re.search(r"^batch/jobs2-vs-jobs1: ([0-9.]+)$", proc.stdout, re.M)
    return found.group(1) if found else f"not measured ({(proc.stderr or proc.stdout).strip()[-200:]})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=500, help="rounds for the pipeline ratio")
    ap.add_argument("--units", type=int, default=1000, help="units for the batch speed-up")
    ap.add_argument("--skip-batch", action="store_true", help="leave out the batch figure")
    args = ap.parse_args()
    text = TYPICAL.read_text(encoding="utf-8")
    print(f"pipeline/libyaml: {measure_pipeline(text, args.n):.2f}   (target <= 3)")
    rate = measure(5000)
    print(f"engine: {rate:,.0f} per second   (target >= 10,000)")
    print(f"engine/python-reference: {rate / reference_rate():.3f}   (no target: the engine's speed on this "
          f"machine's interpreter; compare across sessions)")
    ratio, ours, base, floor = measure_startup_and_floor()
    print(f"startup: {ratio:.2f}   (target <= 1.5; lcity validate {ours * 1000:.0f} ms CPU, "
          f"import yaml, pydantic {base * 1000:.0f} ms)")
    print(f"startup/pydantic-floor: {floor:.2f}   (no target: python -c '{FLOOR}' ÷ the same baseline, "
          "what any validation with a pydantic model starts from)")
    if not args.skip_batch:
        print(f"batch/jobs2-vs-jobs1: {batch_speedup(args.units)}   (target >= 1.8)")


if __name__ == "__main__":
    main()
