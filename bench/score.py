"""Scoring throughput, as a ratio to PyYAML parsing the same files, measured in the same run.

Prints assessments per second for (a) PyYAML's safe_load alone, (b) our safe loader with marks,
(c) reading + validation + checks, (d) the whole pipeline up to a Result, and each as a ratio to
(a). Machines here are shared and noisy, so only the ratios are worth comparing across runs.

    python bench/score.py            # N = 10,000 generated assessments
    python bench/score.py --n 2000
"""

from __future__ import annotations

import argparse
import random
import time

import yaml

from evaluator.engine import score
from evaluator.reading import read_marked
from indicators.loader import load_framework
from indicators.safeyaml import load_text


def generate(n: int, seed: int = 1) -> list[str]:
    """n distinct, valid assessments covering every answer type and state."""
    fw = load_framework("china-learning-city@1")
    rnd = random.Random(seed)
    docs = []
    for k in range(n):
        lines = [
            "framework: china-learning-city@1",
            "city:",
            f"  name: {{zh: 测试区{k}, en: Test District {k}}}",
            "  level: district",
            f"  population: {rnd.randint(200_000, 3_000_000)}",
            f"  population_60plus: {rnd.randint(30_000, 500_000)}",
            f"  employed: {rnd.randint(100_000, 1_500_000)}",
            f"  streets: {rnd.randint(5, 40)}",
            f"  communities: {rnd.randint(50, 400)}",
            "  reference_year: 2024",
            "period: {start: 2023, end: 2024}",
            "answers:",
        ]
        for ind in fw.indicators():
            state = rnd.random()
            if state < 0.06:
                lines += [f"  {ind.id}:", "    status: unknown"]
                continue
            if state < 0.09:
                lines += [f"  {ind.id}:", "    status: not_applicable", "    note: 不适用"]
                continue
            a = ind.answer
            if a.type == "boolean":
                value = rnd.choice(["true", "false"])
            elif a.type == "choice":
                value = rnd.choice([c.id for c in a.choices])
            elif a.type == "checklist":
                value = "[" + ", ".join(i.id for i in a.items if rnd.random() < 0.6) + "]"
            elif a.type == "percent":
                value = f"{rnd.uniform(0, 100):.1f}"
            else:
                value = str(rnd.randint(0, 2_000_000))
            lines += [f"  {ind.id}:", f"    value: {value}", "    evidence: [年度统计表]"]
        docs.append("\n".join(lines) + "\n")
    return docs


def timed(fn, docs) -> float:
    t0 = time.perf_counter()
    for d in docs:
        fn(d)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="number of generated assessments")
    args = ap.parse_args()
    docs = generate(args.n)
    fw = load_framework("china-learning-city@1")

    def full(text: str):
        loaded = read_marked(load_text(text))
        a, f = loaded.require()
        return score(a, f)

    full(docs[0])  # warm caches (framework, imports)
    results = {
        "PyYAML safe_load (C loader if present)": timed(lambda d: yaml.load(d, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), docs),
        "PyYAML safe_load (pure Python)": timed(lambda d: yaml.load(d, Loader=yaml.SafeLoader), docs),
        "our safe loader with marks": timed(load_text, docs),
        "read + validate + checks": timed(lambda d: read_marked(load_text(d)), docs),
        "whole pipeline to a Result": timed(full, docs),
    }
    base = results["PyYAML safe_load (pure Python)"]
    print(f"{args.n:,} generated assessments, {len(fw.indicators())} indicators each")
    print(f"{'stage':42} {'per second':>12} {'ratio to pure PyYAML':>22}")
    for name, secs in results.items():
        print(f"{name:42} {args.n / secs:12,.0f} {secs / base:22.2f}")
    score_only = results["whole pipeline to a Result"] - results["read + validate + checks"]
    print(f"{'scoring alone (pipeline minus reading)':42} {args.n / score_only:12,.0f} {score_only / base:22.2f}")


if __name__ == "__main__":
    main()
