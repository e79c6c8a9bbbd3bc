"""Start-up cost: one ``lcity validate FILE`` process ÷ one ``python -c "import yaml, pydantic"``.

Both are run as separate processes, interleaved, at least 5 times each; the figure is the ratio of
the medians of their CPU time (user + system of the child), which a busy shared machine disturbs
less than wall time. Bytecode caches are allowed (a user's installed package has them): the
``PYTHONDONTWRITEBYTECODE`` of a development shell is removed and one warm-up run of each writes
them.

    python bench/startup.py                 # validate examples/qingshi-district.yaml, 9 runs each
    python bench/startup.py --runs 15 -- score examples/jianglan-city.yaml
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPICAL = ROOT / "examples" / "qingshi-district.yaml"


def _cpu_of(cmd: list[str], env: dict) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


#: what any command that validates with a pydantic model must import: ``import pydantic`` alone
#: loads pydantic-core but not ``BaseModel`` (pydantic imports it lazily, on first use)
FLOOR = "import yaml, pydantic.main"


def measure_startup_and_floor(args: list[str] | None = None, runs: int = 9) -> tuple[float, float, float, float]:
    """(ratio, lcity median s, baseline median s, floor ratio) for ``lcity ARGS`` against importing
    yaml and pydantic. The floor, ``python -c FLOOR`` ÷ the same baseline in the same interleaved
    runs, is how much of the ratio pydantic's ``BaseModel`` takes before any of lcity's code runs."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    lcity = [sys.executable, "-m", "lcity", *(args or ["validate", str(TYPICAL)])]
    base = [sys.executable, "-c", "import yaml, pydantic"]
    floor = [sys.executable, "-c", FLOOR]
    _cpu_of(lcity, env), _cpu_of(base, env), _cpu_of(floor, env)  # warm-up: bytecode caches, compiled framework cache
    ours, theirs, floors = [], [], []
    for _ in range(max(5, runs)):
        theirs.append(_cpu_of(base, env))
        ours.append(_cpu_of(lcity, env))
        floors.append(_cpu_of(floor, env))
    o, b, f = statistics.median(ours), statistics.median(theirs), statistics.median(floors)
    return o / b, o, b, f / b


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=9, help="runs of each command (at least 5)")
    ap.add_argument("command", nargs="*", help="lcity arguments (default: validate the typical example)")
    ns = ap.parse_args()
    ratio, ours, base, floor = measure_startup_and_floor(ns.command or None, ns.runs)
    print(f"startup: {ratio:.2f}  (lcity {ours * 1000:.0f} ms CPU, python -c 'import yaml, pydantic' {base * 1000:.0f} ms)")
    print(f"startup/pydantic-floor: {floor:.2f}  (python -c '{FLOOR}' ÷ the same baseline)")


if __name__ == "__main__":
    main()
