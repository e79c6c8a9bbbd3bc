"""G31C: consolidation and county words.

1. ``lcity score --explain`` and ``--format json`` said a county's A3 reason as the framework writes
   it once for every level ("具备 1/2 项（本区（市）现行国民经济和社会发展五年规划纲要）", "the
   city/district's current five-year plan") while the report's 附件1 said 本县 (``for_level``, which
   lived in evaluator/plan.py, which the engine cannot import). It lives in evaluator/levels.py now
   and the engine's reasons use it; the explained table's answers and names too.
2. "Lower is better" had three spellings (two ``_falls`` helpers and checks' inline ``floor >
   target``); it is ``LinearRule.falling`` now, read through ``evaluator.advice.falling``.
3. The trend header's yearly rate (``lcity/commands/batch.py _per_year``) parsed the printed change as
   ``evaluator.trend.shown_change`` does: ``evaluator.trend.shown_per_year`` beside it now.
4. The report's task table says an unknown "lower is better" figure is found out and lowered.
5. A figure the panel did not accept is counted again: a recount finds at most the filed figure, but
   under a "lower is better" rule at least it (the filing's error is then a figure too low).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hypothesis import given
from hypothesis import strategies as st

from .conftest import EXAMPLES, ROOT, lcity_here as lcity, report_lines, squash

def flat(said: str) -> str:
    return " ".join(said.split())


# --- 1. a county's reasons in the county's words -----------------------------------------------------

YUNLING = EXAMPLES / "yunling-county.yaml"


def _reasons(path: Path, ids: tuple[str, ...] = ("A2", "A3")) -> dict[str, tuple[str, str]]:
    run = lcity("score", str(path), "--format", "json")
    assert run.returncode == 0, run.stderr
    return {i["id"]: (i["reason_zh"], i["reason"]) for i in json.loads(run.stdout)["indicators"] if i["id"] in ids}


def test_a_countys_json_reasons_say_the_county():
    zh, en = _reasons(YUNLING)["A3"]
    assert "本县现行国民经济和社会发展五年规划纲要" in zh and "本区（市）" not in zh
    assert "The county's current five-year plan" in en and "city/district" not in en
    zh, en = _reasons(YUNLING)["A2"]
    assert "chaired by a leader of the county Party committee or government" in en


def test_a_county_level_city_says_its_own_word(tmp_path):
    """A county-level city (县级市) assessed at the county level calls itself 本市 (G25R-12), as its report does."""
    unit = tmp_path / "yunling-city.yaml"
    unit.write_text(YUNLING.read_text(encoding="utf-8").replace("zh: 云岭县", "zh: 云岭市", 1), encoding="utf-8")
    zh, en = _reasons(unit)["A3"]
    assert "本市现行国民经济和社会发展五年规划纲要" in zh and "本县" not in zh
    assert "The city's current five-year plan" in en


def test_a_district_and_a_city_say_their_own_level():
    assert "本区现行国民经济和社会发展五年规划纲要" in _reasons(EXAMPLES / "qingshi-district.yaml")["A3"][0]
    assert "本市现行国民经济和社会发展五年规划纲要" in _reasons(EXAMPLES / "jianglan-city.yaml")["A3"][0]


def test_a_districts_seniors_university_is_its_own_in_english_too():
    """A district's I2 read '本区至少建有一所老年大学' but 'Every district/county has at least one seniors'
    university (for a district: the district has one)': the filling note kept, the district not named."""
    zh, en = _reasons(EXAMPLES / "qingshi-district.yaml", ("I2",))["I2"]
    assert "本区至少建有一所老年大学" in zh and "The district has at least one seniors' university" in en
    zh, en = _reasons(EXAMPLES / "jianglan-city.yaml", ("I2",))["I2"]  # a city's districts each have one
    assert "每个区（县）至少建有一所老年大学" in zh and "Every district/county has at least one seniors' university;" in en
    assert "for a district:" not in en


# --- 1b. the explained table's answers and names ------------------------------------------------------


@pytest.mark.parametrize(("lang", "reads", "never"), [
    ("zh", ["A3：具备 1/2 项（本县现行国民经济和社会发展五年规划纲要），得 50%（满分 2）", "│ 本县现行国民经济", "J4 县级示范项目"],
     ["本区（市）", "区级示范项目"]),
    ("en", ["A3: 1 of 2 items present (The county's current five-year plan for economic and social development)",
            "│ The county's current five-year plan", "J4 County demonstration projects"],
     ["city/district", "District demonstration"]),
])
def test_a_countys_explained_table_says_the_county(monkeypatch, lang, reads, never):
    """The reason, the answer beside it (the item's label) and the indicator's name: one unit, one word."""
    monkeypatch.setenv("COLUMNS", "400")
    said = flat(lcity("score", str(YUNLING), "--explain", "--lang", lang).stdout)
    assert all(r in said for r in reads) and not any(n in said for n in never)


# --- 2. one test of "lower is better" -----------------------------------------------------------------


@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6))
def test_a_linear_rule_falls_where_its_full_points_lie_below_its_zero(floor, target):
    from evaluator.advice import falling
    from indicators.models import LinearRule

    rule = LinearRule(kind="linear", floor=floor, target=target)
    assert rule.falling == (floor > target) == falling(rule)


def test_falling_has_one_definition():
    """The CLI's and the report's ``_falls`` are gone: both read ``evaluator.advice.falling``."""
    import lcity.commands.plan as cli_plan
    import reports.context_plan as report_plan
    from evaluator.advice import falling

    assert not hasattr(cli_plan, "_falls") and not hasattr(report_plan, "_falls")
    assert falling(None) is False and report_plan.falling is falling


# --- 3. the trend header's yearly rate beside the change it divides -------------------------------------


@pytest.mark.parametrize(("change", "years", "rate"), [
    ("+1.5", 1, "+1.5"), ("+1.5", 2, "+0.75"), ("+43.7", 4, "+10.93"), ("-16.3", 2, "-8.15"),
    ("-0.01", 4, "+0.00"), ("+1,234.5", 3, "+411.50"), ("—", 2, "—"), ("+1.5", 0, "—"),
])
def test_the_yearly_rate_is_the_printed_change_over_its_years(change, years, rate):
    from evaluator.trend import shown_per_year

    assert shown_per_year(change, years) == rate


# --- 4. the report's plan lowers an unknown falling figure ----------------------------------------------

G30T = ROOT / "tests" / "audit_cities" / "g30t"


@pytest.fixture
def charter(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G30T / "fw"))
    from indicators import loader

    loader._load_path.cache_clear()


@pytest.mark.parametrize(("lang", "said", "never"), [
    ("en", "find out where it stands and lower it (21.2% of adults aged 25-64 or lower needed; effort costed from nothing)",
     "raise it"),
    ("zh", "查明现状并降低（需降至21.2% of adults aged 25-64及以下；工作量按从零做起估算）", "提高"),
])
def test_the_reports_task_table_lowers_an_unknown_falling_figure(charter, tmp_path, lang, said, never):
    """Port Ellery with od-2 (adults with no qualification, full points at 8 % or lower) unknown: 六's
    task table (reports/context_plan.py ``_change``) had no test of its own for these words (8e8d82e
    tested ``lcity plan``'s)."""
    text = (G30T / "port-ellery-2025.yaml").read_text(encoding="utf-8")
    unit = tmp_path / "port-ellery.yaml"
    unit.write_text(text.replace("  od-2: {value: 11, evidence: [Census 2021 table TS067]}", "  od-2: {status: unknown}"),
                    encoding="utf-8")
    assert unit.read_text(encoding="utf-8") != text
    lines = report_lines(unit, lang)
    six = max(k for k, ln in enumerate(lines) if ln.startswith(("六、", "6. ")))
    cell = lines[lines.index("od-2 Adults without a qualification", six) + 1]
    assert squash(said) == squash(cell) and never not in cell


# --- 5. a recount under a falling rule finds at least the filed figure ----------------------------------


def _od2():
    from indicators.loader import load_framework

    return load_framework("harbour-charter@3").indicator("od-2")


def test_a_recount_of_a_falling_figure_looks_up_only_levels_at_or_above_the_filing(charter):
    from evaluator.effort import Effort
    from evaluator.plan_options import Option, recounted

    eff = Effort(per_step=3.0, steps=4, responsible=None, rationale=None, source="uniform", look_up=1.0)
    opts = [Option("od-2", "od-2", "open_doors", v, 0.5, 1.0, 12.0, 4.0, float(v)) for v in (27.8, 20, 8)]
    out = {o.value: o for o in recounted(opts, 15, eff, ind=_od2())}
    assert out[27.8].looked_up and out[20].looked_up and out[20].effort == 1.0  # worse than filed: found by recounting
    assert not out[8].looked_up and out[8].effort == 12.0  # better than filed: work


def test_a_reviewed_plan_counts_a_rejected_falling_figure_again(charter, tmp_path):
    """Wrackton's panel does not accept od-2 (15 %); 27.8 % or lower is enough for the charter. A
    recount finds 15 % or more: reaching 27.8 % is a look-up (effort 1), not work. The planner read
    every level above the filing as work and planned another indicator instead."""
    review = (G30T / "wrackton-2025.review.yaml").read_text(encoding="utf-8")
    mine = tmp_path / "wrackton-2025.review.yaml"
    mine.write_text(review.replace("verified:\n", "verified:\n  od-2:\n    status: unknown\n    reason: \"The census "
                                   "table counts residents aged 16-64, not 25-64.\"\n", 1), encoding="utf-8")
    assert mine.read_text(encoding="utf-8") != review
    run = lcity("plan", str(G30T / "wrackton-2025.yaml"), "--review", str(mine), "--format", "json")
    assert run.returncode == 0, run.stderr
    od2 = [c for c in json.loads(run.stdout)["changes"] if c["indicator"] == "od-2"]
    assert len(od2) == 1 and od2[0]["recount"] and od2[0]["effort"] == 1.0 and 15 <= od2[0]["after"] <= 27.8
    said = flat(lcity("plan", str(G30T / "wrackton-2025.yaml"), "--review", str(mine)).stdout)
    assert "count again as the panel asked (27.8% of adults aged 25-64 or lower needed)" in said


# --- 6. one note for estimates and figures counted otherwise than the method (D1) -----------------------


@pytest.mark.parametrize(("kind", "ids", "zh", "deciding", "after", "said"), [
    ("estimate", ["K4", "F1"], True, True, False, "K4、F1共2项自述为估算数，不是实际统计数：认定前须改填实际统计数或经专家组核实，这是尚需完成的一步。"),
    ("method", ["K4"], True, False, False,
     "K4按填报说明未按指标计算方法的口径统计；不计其分数也达到各项条件，但评估报告中宜按计算方法的口径填报。"),
    ("estimate", ["K4"], False, True, True, " The figure of K4 is, by the unit's own words, an estimate, not a count: before "
     "recognition, replace it by a count or have the panel verify it; that is the step left."),
    ("method", ["K4", "F1"], False, False, False, "The figures K4, F1 are, by the unit's own notes, counted otherwise than the "
     "framework's method; the unit is recognised without their points too, but its report should give them as the method "
     "counts them."),
])
def test_a_plan_says_estimates_and_figures_counted_otherwise_in_one_form(kind, ids, zh, deciding, after, said):
    """``_estimate_note`` and ``_method_note`` were near-twins; ``_unit_says_note`` says both, word for
    word as they did (all 32 combinations of kind, one or two ids, language, deciding and a sentence
    before were compared with the previous functions)."""
    from evaluator.plan import _unit_says_note

    assert _unit_says_note(kind, ids, zh, deciding, {"before": "认定前", "conditions": "各项条件"},
                           {"before": "before recognition"}, after) == said
