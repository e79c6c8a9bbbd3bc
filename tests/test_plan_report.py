"""The report's 整改任务清单 (section 六) and a third-party framework's plan, as a reader sees them."""

from __future__ import annotations

import pytest

from evaluator.engine import score
from evaluator.plan import apply, parse_target, plan
from evaluator.reading import read
from indicators.loader import load_framework
from reports.context import build_context

from .conftest import EXAMPLES, ROOT


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_task_table_plans_recognition_for_a_deferred_unit(lang):
    a, fw = read(EXAMPLES / "qingshi-district.yaml").require()
    result = score(a, fw)
    ctx = build_context(result, None, fw, a, lang=lang)
    t = ctx["tasks"]
    assert ("认定为示范区" if lang == "zh" else "Recognised as demonstration zone") in t["target"]
    decided = {c.indicator for c in plan(a, fw, parse_target(fw, "recognition"), alternative=False).outside}
    efforts = [float(r["effort"]) for r in t["rows"] if r["task"].split()[0] not in decided]
    assert t["rows"] and efforts == sorted(efforts)  # cheapest first; what another body decides (no effort) last
    p = plan(a, fw, parse_target(fw, "recognition"), alternative=False)
    assert [r["task"].split()[0] for r in t["rows"]] == [c.indicator for c in p.changes]
    # a year for the unit's own work; none for what another body decides (a UNESCO award)
    assert all(r["year"].isdigit() != (r["task"].split()[0] in decided) for r in t["rows"])


def test_a_recognised_unit_is_planned_to_the_next_grade_and_the_table_names_the_responsible_unit():
    a, fw = read(EXAMPLES / "v2" / "qingshi-district-2025.yaml").require()
    result = score(a, fw)
    assert result.recognition.outcome == "recognised"
    t = build_context(result, None, fw, a, lang="zh")["tasks"]
    assert "优秀" in t["target"] and t["responsible"]
    assert all(r["responsible"] != "—" for r in t["rows"])  # china-learning-city@2 names one for every indicator


def test_a_third_party_framework_without_efforts_still_plans():
    fw = load_framework(str(ROOT / "examples" / "frameworks" / "unesco-key-features" / "framework.yaml"))
    a, _ = read(EXAMPLES / "frameworks" / "harbourton-2025.yaml",
                framework=str(ROOT / "examples" / "frameworks" / "unesco-key-features" / "framework.yaml")).require()
    target = parse_target(fw, "recognition")
    p = plan(a, fw, target)
    assert p.changes and all(c.effort >= 1 for c in p.changes)  # one point per step
    after = score(apply(a, {c.indicator: c.after for c in p.changes}), fw)
    assert after.recognition.outcome == "recognised"


def test_framework_check_refuses_an_effort_for_an_unknown_indicator(tmp_path):
    from .conftest import lcity_here as lcity

    text = (ROOT / "indicators" / "china-learning-city-2" / "framework.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "framework.yaml"
    bad.write_text(text.replace("\n    K6: {per_step", "\n    K66: {per_step"), encoding="utf-8")
    proc = lcity("framework", "check", str(bad))
    assert proc.returncode == 1
    assert "unknown-indicator: an effort for 'K66', which is not an indicator of this framework" in proc.stdout + proc.stderr
