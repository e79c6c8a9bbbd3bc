"""Fingerprints of every Result the engine makes of the assessments we keep, to show that a speed-up
changed nothing a user could see.

Scores every YAML assessment under examples/ and tests/audit_cities/ (recursively; files that do not
validate, and review files, are skipped) with ``evaluator.engine.score`` and prints one line per
file: the sha256 of the Result's canonical JSON (sorted keys) and of its JSON in field order. Each
file is scored twice, before and after every other file (warm memos must give the same Result), and
a file with a review beside it (``X.review.yaml`` naming ``X.yaml``) is scored verified too (the
engine's slow path). A few ``lcity score --format json`` outputs are fingerprinted as well.
Assessments of tests/audit_cities/g22t and g24t and of examples/frameworks are read with their own
frameworks (``LCITY_FRAMEWORK_PATH`` set to their ``fw`` folder, as tests/test_g22_third_party.py does,
or to examples/frameworks, as tests/test_report_reading.py does), each group in its own process.

    python bench/result_fingerprint.py > /tmp/before.txt
    ... change the engine ...
    python bench/result_fingerprint.py > /tmp/after.txt && diff /tmp/before.txt /tmp/after.txt

Exit 1 when a file's second score differs from its first.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: folders whose assessments are read with frameworks of their own: folder -> LCITY_FRAMEWORK_PATH
OWN_FRAMEWORK = {"tests/audit_cities/g22t": "tests/audit_cities/g22t/fw",
                 "tests/audit_cities/g24t": "tests/audit_cities/g24t/fw",
                 "examples/frameworks": "examples/frameworks"}
CLI_SAMPLES = ("examples/qingshi-district.yaml", "examples/jianglan-city.yaml",
               "tests/audit_cities/g4/tongxi-district-review.yaml")


def _files() -> dict[str, list[str]]:
    """The assessment files by the LCITY_FRAMEWORK_PATH they are read with ("" for none)."""
    groups: dict[str, list[str]] = {}
    for top in ("examples", "tests/audit_cities", "indicators/reference-cities"):
        for p in sorted((ROOT / top).rglob("*.yaml")):
            rel = p.relative_to(ROOT).as_posix()
            if rel.endswith(".review.yaml") or "/fw/" in rel:
                continue
            own = next((g for g in OWN_FRAMEWORK if rel.startswith(g + "/")), None)
            groups.setdefault(str(ROOT / OWN_FRAMEWORK[own]) if own else "", []).append(rel)
    return groups


def _digest(result: object) -> str:
    data = result.model_dump(mode="json")  # type: ignore[attr-defined]
    canon = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    ordered = result.model_dump_json()  # type: ignore[attr-defined]
    return (hashlib.sha256(canon.encode()).hexdigest()[:16] + " "
            + hashlib.sha256(ordered.encode()).hexdigest()[:16])


def _review_for(rel: str) -> Path | None:
    p = ROOT / rel
    for cand in (p.with_name(p.stem + ".review.yaml"),):
        if cand.exists():
            return cand
    return None


def _varied(score, a, fw):  # type: ignore[no-untyped-def]
    """One fingerprint per way of changing one answer at a time (all of them, in turn): left out,
    unknown, not applicable, and the figure or yes/no of another indicator of the same answer type: the paths
    the typical example does not take (spreading, variants, memo misses)."""
    ids = [i.id for i in fw.indicators()]
    kinds: dict[str, list] = {}
    for i in fw.indicators():
        got = a.answers.get(i.id)
        if got is not None and got.status is None and type(got.value) in (int, float, bool):  # a choice is its own
            kinds.setdefault(i.answer.type, []).append(got.value)
    for mode in ("missing", "unknown", "not_applicable", "swapped"):
        h = hashlib.sha256()
        for k, iid in enumerate(ids):
            answers = dict(a.answers)
            if mode == "missing":
                answers.pop(iid, None)
            elif mode == "swapped":
                pool = kinds.get(fw.indicator(iid).answer.type, [])
                if not pool or iid not in answers:
                    continue
                answers[iid] = answers[iid].model_copy(update={"value": pool[k % len(pool)], "status": None})
            else:
                old = answers.get(iid)
                answers[iid] = (old.model_copy(update={"value": None, "status": mode}) if old is not None
                                else type(next(iter(a.answers.values())))(status=mode))
            h.update(_digest(score(a.model_copy(update={"answers": answers}), fw)).encode())
        yield mode, h.hexdigest()[:16]


#: assessments scored once per changed answer (``_varied``)
VARIED = ("examples/qingshi-district.yaml", "examples/jianglan-city.yaml", "examples/yunling-county.yaml",
          "tests/audit_cities/g4/tongxi-district-review.yaml", "tests/audit_cities/g24t/jiancai-2025.yaml")


def worker(files: list[str]) -> int:
    """Prints the fingerprints of ``files`` (this process's LCITY_FRAMEWORK_PATH)."""
    from evaluator.engine import score
    from evaluator.pipeline import read_scored
    from evaluator.reading import read
    from indicators.problems import InputError

    loaded = {}
    for rel in files:
        try:
            got = read(ROOT / rel)
            got.require()
        except InputError:
            print(f"{rel}: skipped (does not validate)")
            continue
        loaded[rel] = got
    first = {}
    for rel, got in loaded.items():
        a, fw = got.require()
        first[rel] = _digest(score(a, fw, sha256=got.sha256, file=rel))
        print(f"{rel}: {first[rel]}")
        review = _review_for(rel)
        if review is not None:
            try:
                result, _ = read_scored(ROOT / rel, reviews=[review], label=rel)
                print(f"{rel} --review: {_digest(result)}")
            except InputError:
                print(f"{rel} --review: refused")
    for rel in VARIED:
        if rel in loaded:
            for mode, digest in _varied(score, *loaded[rel].require()):
                print(f"{rel} every answer {mode}: {digest}")
    bad = 0
    for rel, got in loaded.items():  # again, with every memo warm from the other files
        a, fw = got.require()
        again = _digest(score(a, fw, sha256=got.sha256, file=rel))
        if again != first[rel]:
            print(f"{rel}: SECOND SCORE DIFFERS {again}")
            bad += 1
    return 1 if bad else 0


def cli_samples() -> None:
    lcity = Path(sys.executable).with_name("lcity")
    for rel in CLI_SAMPLES:
        proc = subprocess.run([str(lcity), "score", rel, "--format", "json"], cwd=ROOT, capture_output=True, check=False)
        print(f"lcity score {rel} --format json: exit {proc.returncode} "
              f"{hashlib.sha256(proc.stdout).hexdigest()[:16]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--worker", nargs="*", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker is not None:
        return worker(args.worker)
    rc = 0
    for fw_path, files in _files().items():
        env = dict(os.environ)
        env.pop("LCITY_FRAMEWORK_PATH", None)
        if fw_path:
            env["LCITY_FRAMEWORK_PATH"] = fw_path
        sys.stdout.flush()
        proc = subprocess.run([sys.executable, __file__, "--worker", *files], cwd=ROOT, env=env, check=False)
        rc = rc or proc.returncode
    cli_samples()
    return rc


if __name__ == "__main__":
    sys.exit(main())
