"""Batch throughput: units per second for scoring only and for scoring with PDFs, with 1 and 2
worker processes, and the speed-up of 2 workers over 1, all measured in the same run.

"Scoring only" is a batch that writes the two summaries (no PDF at all); "with PDFs" is
``lcity batch --reports``: one report per unit plus the ranking report. Each figure is the wall
time of ``lcity.batch.run_batch`` into a fresh output folder, pool start-up included (the
fork server is warmed up once beforehand, as it would be after the first batch of a session).
Machines here are shared and noisy: compare the ratios, not the absolute figures.

    python3 bench/batch.py --scoring-only  # 1,000 units copied from examples/districts (the issue 9 figure)
    python3 bench/batch.py --n 64          # 64 units, scoring only and with PDFs
    python3 bench/batch.py --n 0           # the examples/districts folder as it is

The last lines are stable, for scripts (ratios measured in this run):

    batch/jobs2-vs-jobs1: 1.85              scoring only (the target of issue 9: >= 1.8 on 1,000 units)
    batch/pdf-jobs2-vs-jobs1: 1.70          with PDFs (not with --scoring-only)
    batch/machine-2proc-vs-1proc: 1.97      the ceiling: 2 processes of pure CPU work vs 1
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from lcity.batch import discover, run_batch

ROOT = Path(__file__).resolve().parent.parent
DISTRICTS = ROOT / "examples" / "districts"


def replicate(src: Path, n: int, dest: Path) -> Path:
    """n units in dest, copied round-robin from src (with their reviews, whose hashes still match)."""
    units = discover(src).units
    for k in range(n):
        u = units[k % len(units)]
        stem = f"{u.stem}-{k // len(units) + 1:03d}"
        shutil.copy(u.path, dest / f"{stem}.yaml")
        for r in u.reviews:
            shutil.copy(r, dest / r.name.replace(u.stem, stem, 1))
    return dest


def timed(folder: Path, *, jobs: int, pdfs: bool, timeout: float) -> tuple[float, int]:
    with tempfile.TemporaryDirectory(prefix="lcity-bench-out-") as out:
        t0 = time.perf_counter()
        summary = run_batch(folder, out, reports=pdfs, ranking=pdfs, jobs=jobs, timeout=timeout)
        secs = time.perf_counter() - t0
    failed = len(summary.failures)
    if failed:
        print(f"  warning: {failed} units failed")
    return secs, len(summary.outcomes)


def _burn(n: int) -> float:
    t0 = time.perf_counter()
    s = 0
    for i in range(n):
        s += i
    return time.perf_counter() - t0


def machine_speedup(n: int = 20_000_000) -> float:
    """How much faster 2 processes do 2 units of pure Python CPU work than 1 process does them in
    turn: the most any batch can gain from --jobs 2 on this machine (2.0 on two free cores)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("forkserver")) as pool:
        list(pool.map(_burn, [1000, 1000]))  # start the workers
        t0 = time.perf_counter()
        list(pool.map(_burn, [n, n]))
        two = time.perf_counter() - t0
    t0 = time.perf_counter()
    _burn(n)
    _burn(n)
    one = time.perf_counter() - t0
    return one / two


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="replicate the example files to N units (default 1000; 0: the folder as is)")
    ap.add_argument("--folder", type=Path, default=DISTRICTS, help="folder of assessments (default examples/districts)")
    ap.add_argument("--timeout", type=float, default=300, help="time limit per file and PDF, seconds")
    ap.add_argument("--repeat", type=int, default=3, help="scoring-only runs of each --jobs, interleaved; the best counts")
    ap.add_argument("--scoring-only", action="store_true", help="skip the PDF runs (for a large --n)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="lcity-bench-in-") as tmp:
        folder = replicate(args.folder, args.n, Path(tmp)) if args.n else args.folder
        n = len(discover(folder).units)
        print(f"{n} units from {args.folder}{' (replicated)' if args.n else ''}; {os.cpu_count()} CPU cores")
        warm = Path(tmp) / "warm"
        warm.mkdir()
        shutil.copy(discover(folder).units[0].path, warm)
        timed(warm, jobs=2, pdfs=True, timeout=args.timeout)  # start the fork server, load fonts once
        rows = {}
        modes = (False,) if args.scoring_only else (False, True)
        for pdfs in modes:
            best: dict[int, float] = {}
            for _ in range(args.repeat if not pdfs else 1):  # interleaved, the best of each: less noise
                for jobs in (1, 2):
                    secs, units = timed(folder, jobs=jobs, pdfs=pdfs, timeout=args.timeout)
                    best[jobs] = min(best.get(jobs, secs), secs)
                    print(f"  {'with PDFs' if pdfs else 'scoring only':13} --jobs {jobs}: {units} units in {secs:6.2f} s "
                          f"= {units / secs:8.2f} units/s", flush=True)
            for jobs, secs in best.items():
                rows[(pdfs, jobs)] = units / secs
    print(f"{'':13}   {'--jobs 1':>12} {'--jobs 2':>12} {'speed-up (2/1)':>15}")
    for pdfs in modes:
        one, two = rows[(pdfs, 1)], rows[(pdfs, 2)]
        print(f"{'with PDFs' if pdfs else 'scoring only':13} u/s {one:12.2f} {two:12.2f} {two / one:15.2f}")
    machine = machine_speedup()
    print(f"control: this machine runs 2 processes of pure CPU work {machine:.2f}x as fast as 1 "
          "(2.00 on two free cores): the ceiling for the speed-up above")
    print(f"batch/jobs2-vs-jobs1: {rows[(False, 2)] / rows[(False, 1)]:.2f}")
    if not args.scoring_only:
        print(f"batch/pdf-jobs2-vs-jobs1: {rows[(True, 2)] / rows[(True, 1)]:.2f}")
    print(f"batch/machine-2proc-vs-1proc: {machine:.2f}")


if __name__ == "__main__":
    main()
