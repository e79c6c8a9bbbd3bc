"""How often each blind archetype keeps its pathway type when its figures move by up to ±10 %.

Run: .venv/bin/python tests/archetypes_blind/perturb.py [--draws 10] [--spread 0.10]

Every numeric answer (counts, yuan, percentages; not choices, checklists or true/false) is
multiplied by its own factor drawn uniformly from [1 - spread, 1 + spread], from one fixed random
stream (seed 20261130), so the figures are the same on every run. Counts stay whole numbers and
within their bound (streets, communities), percentages stay at or under 100. Each perturbed file
is scored as a user would, `lcity score - --format json` with the file on standard input.
"""

from __future__ import annotations

import argparse
import copy
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FRAMEWORK = ROOT / "indicators" / "china-learning-city-2" / "framework.yaml"
SEED = 20261130


def answer_kinds() -> dict[str, dict]:
    """Indicator id -> its answer block (type, at_most), from the published framework."""
    fw = yaml.safe_load(FRAMEWORK.read_text(encoding="utf-8"))
    return {ind["id"]: ind["answer"] for dim in fw["dimensions"] for ind in dim["indicators"]}


def moved(value: float, factor: float, answer: dict, city: dict) -> float | int:
    """One answer times its factor, kept to what the form accepts for that indicator."""
    new = value * factor
    if answer["type"] == "percent":
        return round(min(new, 100.0), 1)
    if answer["type"] == "count":
        new = max(0, round(new))
        bound = answer.get("at_most")
        return min(new, city[bound]) if bound else new
    return round(new) if isinstance(value, int) else round(new, 2)


def perturbed(doc: dict, kinds: dict, rng: np.random.Generator, spread: float) -> dict:
    out = copy.deepcopy(doc)
    for ident, node in out["answers"].items():
        value = node.get("value") if isinstance(node, dict) else None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        node["value"] = moved(value, rng.uniform(1 - spread, 1 + spread), kinds[ident], out["city"])
    return out


def pathway_of(doc: dict) -> dict:
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    run = subprocess.run([sys.executable, "-m", "lcity", "score", "-", "--format", "json"],
                         input=text, capture_output=True, text=True, cwd=ROOT)
    if run.returncode != 0:
        return {"type": f"error (exit {run.returncode})", "margin": None}
    return json.loads(run.stdout)["pathway"]


def expected(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0].split(":", 1)[1].strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=10)
    parser.add_argument("--spread", type=float, default=0.10)
    args = parser.parse_args()
    kinds = answer_kinds()
    rng = np.random.default_rng(SEED)
    print(f"{'file':36} {'expected':21} held  types seen (margins min..max)")
    held_all = 0
    files = sorted(HERE.glob("*.yaml"))
    for path in files:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        want = expected(path)
        got = [pathway_of(perturbed(doc, kinds, rng, args.spread)) for _ in range(args.draws)]
        held = sum(p["type"] == want for p in got)
        held_all += held
        seen = sorted({p["type"] for p in got})
        margins = [p["margin"] for p in got if p.get("margin") is not None]
        span = f"{min(margins):.3f}..{max(margins):.3f}" if margins else "-"
        print(f"{path.name:36} {want:21} {held:>2}/{args.draws}  {','.join(seen)} ({span})")
    print(f"total: {held_all}/{args.draws * len(files)} draws keep the expected type")


if __name__ == "__main__":
    main()
