"""The pathway classifier (issue 12): emphasis relative to the unit's own profile, every type
reachable with the same maximum, the declared strategy never deciding, and honest 'mixed' and
'undetermined' results with their reasons."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.pathways import plan_for, run
from evaluator.result import IndicatorResult
from indicators.loader import check_file, load_framework

from .conftest import ROOT, lcity_here as lcity

FW = load_framework("china-learning-city@2")
PLAN = plan_for(FW)
IDS = [i.id for i in FW.indicators()]
TYPES = [t.id for t in FW.pathways.types]
FEATURES = {t.id: {f.indicator: f for f in t.features} for t in FW.pathways.types}
ARCHETYPE = ROOT / "tests" / "archetypes" / "industry-east.yaml"


def _ind(iid: str, share: float | None, value=None) -> IndicatorResult:
    state = "answered" if share is not None else "unknown"
    return IndicatorResult(id=iid, dimension=iid[0], name=iid, name_zh=iid, state=state, value=value, rule="linear",
                           points=1.0, max=1.0, score=share or 0.0, share=share, reason="", reason_zh="")


def profile(shares: dict[str, float | None], base: float = 0.6) -> list[IndicatorResult]:
    """Every indicator at ``base`` unless given; item features answered with their items when at 1."""
    out = []
    for iid in IDS:
        s = shares.get(iid, base)
        value = None
        for feats in FEATURES.values():
            f = feats.get(iid)
            if f is not None and f.items:
                value = list(f.items) if s and s >= 1 else []
        out.append(_ind(iid, s, value))
    return out


def test_every_type_reaches_the_same_maximum():
    """All of a type's practices at full marks and everything else at 0: each type's emphasis is
    its ceiling, 1 minus the unit's own mean, whatever the type (weights are normalised per type;
    the own means differ only by how many indicators a type's practices fill)."""
    for t in TYPES:
        shares = {iid: 0.0 for iid in IDS}
        shares.update({iid: 1.0 for iid in FEATURES[t]})
        p = run(PLAN, profile(shares))
        assert p.type == t, p.reason
        top = next(s.score for s in p.scores if s.id == t)
        assert abs(top - (1 - p.own_mean)) < 1e-9 and top > 0.85


def test_a_unit_good_at_everything_is_mixed_not_every_type():
    p = run(PLAN, profile({}, base=1.0), declared=["international"])
    # every type level with the unit's own average: said plainly (G19-A5)
    assert p.type == "mixed" and "each type scores about its average" in p.reason and "balanced" in p.reason
    assert p.matches_declared is None and p.declared_types == ["internationalisation"]


def test_too_little_data_is_undetermined_with_the_reason():
    few = {iid: (1.0 if k < 5 else None) for k, iid in enumerate(IDS)}
    p = run(PLAN, profile(few))
    assert p.type == "undetermined" and "only 5 of" in p.reason and "仅作答5项" in p.reason_zh
    no_culture = {iid: None for iid in FEATURES["culture"]}
    p = run(PLAN, profile(no_culture))
    assert p.type == "undetermined" and "Cultural empowerment" in p.reason


def test_two_types_close_together_are_mixed():
    shares = {iid: 1.0 for iid in list(FEATURES["industry"]) + list(FEATURES["culture"])}
    p = run(PLAN, profile(shares))
    assert p.type == "mixed" and {p.leading, p.runner_up} == {"industry", "culture"}
    assert p.margin is not None and p.margin < FW.pathways.mixed_margin


@settings(max_examples=30, deadline=None)
@given(t=st.sampled_from(TYPES), declared=st.lists(st.sampled_from(["balance", "international", "industry", "culture"]),
                                                    max_size=3, unique=True),
       base=st.floats(0.2, 0.8))
def test_the_declared_strategy_never_decides(t, declared, base):
    shares = {iid: 1.0 for iid in FEATURES[t]}
    plain = run(PLAN, profile(shares, base))
    told = run(PLAN, profile(shares, base), declared=declared)
    assert told.type == plain.type == t
    assert told.scores == plain.scores and told.margin == plain.margin
    assert told.declared == declared
    assert told.matches_declared == (None if not told.declared_types else t in told.declared_types)


def test_evidence_says_how_each_practice_compares_with_the_unit_itself():
    shares = {iid: 1.0 for iid in FEATURES["balanced"]}
    p = run(PLAN, profile(shares))
    mine = [e for e in p.evidence if e.pathway == "balanced"]
    assert {e.indicator for e in mine} == set(FEATURES["balanced"])
    for e in mine:
        assert e.intensity == 1.0 and abs(e.vs_own - (1.0 - p.own_mean)) < 1e-9
        assert e.peer_median is None and e.peers == 0  # peers are added by pathway_peers, for the report


def test_score_json_gives_the_observed_type_and_the_declaration(tmp_path):
    proc = lcity("score", str(ARCHETYPE), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    p = json.loads(proc.stdout)["pathway"]
    assert {"type", "leading", "runner_up", "margin", "evidence", "declared", "reason"} <= set(p)
    assert "confidence" not in p and "signals" not in p
    assert p["type"] == "industry" and p["declared"] == ["industry"] and p["matches_declared"] is True
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(ARCHETYPE.read_text(encoding="utf-8").replace("leads_with: [industry]", "leads_with: [culture]"),
                     encoding="utf-8")
    p = json.loads(lcity("score", str(wrong), "--format", "json").stdout)["pathway"]
    assert p["type"] == "industry" and p["declared_types"] == ["culture"] and p["matches_declared"] is False


def test_a_practice_naming_an_unknown_indicator_or_item_is_a_framework_problem(tmp_path):
    src = (ROOT / "indicators" / "china-learning-city-2" / "framework.yaml").read_text(encoding="utf-8")
    bad = src.replace("    - indicator: G3\n", "    - indicator: G33\n", 1).replace(
        "items: [national_brands]", "items: [national_brand]", 1).replace("  - id: culture\n", "  - id: undetermined\n", 1)
    path = tmp_path / "framework.yaml"
    path.write_text(bad, encoding="utf-8")
    _, problems = check_file(Path(path))
    rules = {p.rule for p in problems}
    assert {"unknown-indicator", "unknown-value", "reserved-id"} <= rules, [p.text() for p in problems]


@given(st.floats(min_value=-1.0, max_value=1.0), st.sampled_from([0.05, 0.1, 0.5, 0.8]))
def test_a_figure_below_its_limit_never_reads_as_the_limit(x, limit):
    """The qingshi review said "no type stands 5 points above its average (the highest stands 5)":
    4.7 rounded to 5. A figure below the limit is written with the decimals that show it below."""
    from evaluator.pathways import _pts, _pts_below

    if x >= limit:
        return
    text = _pts_below(x, limit)
    places = len(text.split(".")[1]) if "." in text else 0
    assert float(text) < float(f"{limit * 100:.{places}f}") or abs(x - limit) < 5e-6
    assert places == 0 or _pts(x) == _pts(limit)  # decimals only where whole points would mislead


_ITEM = st.one_of(st.sampled_from(["a", "b", "c", "1", ""]), st.booleans(), st.integers(0, 2), st.floats(0, 2))


@given(items=st.lists(st.one_of(st.sampled_from(["a", "b", "c", "1"]), st.booleans()), min_size=1, max_size=5),
       value=st.one_of(_ITEM, st.lists(_ITEM, max_size=6), st.lists(st.lists(_ITEM, max_size=2), max_size=2)))
def test_a_practices_item_share_counts_each_item_held_by_a_value_of_its_type(items, value):
    """The share of a practice's items an answer holds, by set intersection where it can: the same as
    counting item by item (a yes is not the choice 1, an item listed twice counts twice, a nested
    list holds nothing)."""
    from evaluator.pathways import _Feature, _items_share

    f = _Feature(0, "t", "X1", list(items), 1.0, "p", "p")
    chosen = value if isinstance(value, list) else [value]
    by_item = sum(1 for item in items if any(v == item and type(v) is type(item) for v in chosen)) / len(items)
    assert _items_share(f, value) == by_item
