"""Validation of the pathway classifier (issue 12 item 4): archetypes written from the study's
text, the 12 reference cities with their declared strategy ignored, and stability under noise.

The figures are printed by ``lcity cities --pathways`` (reference cities) and by
``python -m pytest tests/test_pathways_validation.py -q -s`` (archetypes and noise)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from evaluator.benchmark import TABLE3, reference_results
from evaluator.engine import score
from evaluator.reading import read

from .conftest import EXAMPLES, lcity_here as lcity

ARCHETYPES = Path(__file__).parent / "archetypes"
FILES = sorted(ARCHETYPES.glob("*.yaml"))
TYPES = ("balanced", "internationalisation", "industry", "culture")
NUMERIC = ("count", "number", "percent")


def _expected(path: Path) -> str:
    return path.stem.split("-")[0]


def _load(path: Path):
    loaded = read(path)
    assessment, _ = loaded.require()
    return assessment, loaded.framework


def noisy(assessment, fw, rng: random.Random, spread: float = 0.10):
    """The assessment with every numeric answer multiplied by a factor in [1 - spread, 1 + spread]."""
    kinds = {i.id: i.answer for i in fw.indicators()}
    answers = {}
    for iid, ans in assessment.answers.items():
        spec = kinds.get(iid)
        v = ans.value
        if spec is not None and spec.type in NUMERIC and isinstance(v, (int, float)) and not isinstance(v, bool):
            x = v * rng.uniform(1 - spread, 1 + spread)
            if spec.type == "percent":
                x = min(x, 100.0)
            v = max(0, round(x)) if spec.type == "count" else x
            ans = ans.model_copy(update={"value": v})
        answers[iid] = ans
    return assessment.model_copy(update={"answers": answers})


def test_there_are_two_archetypes_per_type_each_citing_the_study():
    for t in TYPES:
        mine = [p for p in FILES if _expected(p) == t]
        assert len(mine) >= 2, t
        for p in mine:
            head = p.read_text(encoding="utf-8").split("framework:")[0]
            assert "Table 3" in head or "§V" in head, p.name


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_an_archetype_is_classified_as_its_type(path):
    assessment, fw = _load(path)
    p = score(assessment, fw).pathway
    assert p.type == _expected(path), p.reason
    assert p.leading == p.type and p.margin >= fw.pathways.mixed_margin


def test_a_wrong_declaration_never_decides():
    for path in FILES:
        assessment, fw = _load(path)
        truth = score(assessment, fw).pathway.type
        for s in ("balance", "international", "industry", "culture"):
            told = assessment.model_copy(update={"strategy": assessment.strategy.model_copy(update={"leads_with": [s]})})
            p = score(told, fw).pathway
            assert p.type == truth and p.declared == [s]
            assert p.matches_declared == (p.declared_types == [truth])


def _classified(paths):
    """(path, assessment, framework, pathway) of the units with a type (margin above the mixed threshold)."""
    out = []
    for path in paths:
        assessment, fw = _load(path)
        base = score(assessment, fw).pathway
        if base.type in TYPES and base.margin is not None and base.margin >= fw.pathways.mixed_margin:
            out.append((path, assessment, fw, base))
    return out


def noise_rate(paths, draws: int, seed: int = 12) -> tuple[int, int]:
    """(draws keeping the type, draws) over the units whose margin is above the mixed threshold."""
    rng = random.Random(seed)
    kept = total = 0
    for _, assessment, fw, base in _classified(paths):
        for _ in range(draws):
            kept += score(noisy(assessment, fw, rng), fw).pathway.type == base.type
            total += 1
    return kept, total


def test_ten_percent_noise_keeps_the_type_in_nearly_all_draws():
    """Measured: 316/320 draws (98.8 %) with seed 12; the draws that change go to 'mixed' and come
    from the strong archetypes, whose margins are 9 points (mixed threshold 5)."""
    kept, total = noise_rate(FILES, draws=40)
    print(f"\n±10 % noise on numeric answers: {kept}/{total} draws keep the type ({kept / total:.1%})")
    assert total == len(FILES) * 40 and kept / total >= 0.95


CLEAR = [c for c in _classified(FILES) if c[3].margin >= 2 * c[2].pathways.mixed_margin]


#: found by hypothesis (session 15): the fifth clear archetype, internationalisation by 14.3 points,
#: is 'mixed' (4.8 apart) when a few of its figures are 6–9 % high: a step rule's jump moves the
#: emphasis of a type by more than the noise itself, so a clear call is not safe from every ±10 %
_MIXED_BY_NOISE = [
    1.09375, 1.0625, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0625, 1.0, 1.0, 1.0625, 1.0, 1.0, 1.0, 1.0,
    1.0, 1.0, 1.0, 1.0625, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
    1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
    1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0
]


@settings(max_examples=25, deadline=None)
@example(which=min(4, len(CLEAR) - 1), factors=_MIXED_BY_NOISE)
@given(which=st.integers(0, len(CLEAR) - 1), factors=st.lists(st.floats(0.9, 1.1), min_size=64, max_size=64))
def test_a_clear_type_never_turns_into_another_under_ten_percent_noise(which, factors):
    """A unit whose margin is at least twice the mixed threshold keeps its type, or at worst is
    called 'mixed', whatever the ±10 % errors in its numeric answers: noise may leave a call open,
    never name another type. (Keeping the type always is not true: see ``_MIXED_BY_NOISE``.)"""
    _, assessment, fw, base = CLEAR[which]
    rng = iter(factors * 2)

    class Fixed(random.Random):
        def uniform(self, a, b):
            return next(rng)

    assert score(noisy(assessment, fw, Fixed()), fw).pathway.type in (base.type, "mixed")


def test_reference_cities_with_strategy_ignored():
    """Table 3 vs what the public data of each city shows. The files are too sparse for a type
    (Table 3 is the study's judgement of the whole city; the data are a few sourced figures), so
    each is 'undetermined' with its reason; the leading type is reported for information."""
    results = reference_results("china-learning-city@2")
    exact = sum(r.pathway.type == TABLE3[r.city.id] for r in results)
    leading = sum(r.pathway.leading == TABLE3[r.city.id] and (r.pathway.margin or 0) > 1e-9 for r in results)
    print(f"\nreference cities, strategy ignored: exact {exact}/12, leading type {leading}/12")
    assert len(results) == 12
    assert all(r.pathway.type == "undetermined" for r in results)  # never forced into a type
    stripped = [r.pathway for r in results]
    assert all(p.reason for p in stripped)


def test_cities_pathways_prints_table3_observed_leading_margin():
    proc = lcity("cities", "--pathways", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Table 3" in out and "observed" in out and "leading" in out and "margin" in out
    assert "exact" in out and "/12" in out
    assert "Beijing" in out and "Undetermined" in out and "0/12" in out  # the type's name, as the framework gives it


def test_cities_pathways_json_carries_the_rates_and_the_reasons():
    import json

    proc = lcity("cities", "--pathways", "--format", "json", "--framework", "china-learning-city@2")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["typed"] == 12 and doc["exact"] == sum(c["type"] == c["table3"] for c in doc["cities"])
    assert all(c["reason"] and c["reason_zh"] and c["declared"] == [c["table3"]] for c in doc["cities"])


def test_cities_pathways_for_a_framework_without_reference_units_says_so(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(EXAMPLES / "frameworks"))
    proc = lcity("cities", "--pathways", "--framework", "unesco-key-features", "--lang", "en")
    assert proc.returncode == 0 and "no reference units" in proc.stderr and "Table 3" not in proc.stdout
