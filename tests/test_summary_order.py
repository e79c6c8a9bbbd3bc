"""What a panel leads with (G3 audit #9, #10): the report summary's main problems run by the points
the shortfall costs the total, the dimensions below their floor first, the most points lost first;
its key tasks are listed as the plan orders its tasks (the task table's order). The rule is stated
once, in reports.context_summary's module docstring."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.benchmark import benchmark
from evaluator.engine import score
from evaluator.pipeline import read_scored
from evaluator.reading import read_string
from reports.context_facts import facts
from reports.context_summary import deciding, problems_top
from reports.render import render_html

G3 = Path(__file__).resolve().parent / "audit_cities" / "g3"


def _summary_page(html: str) -> list[str]:
    """The summary section's lines, as a reader sees them (tags dropped)."""
    section = re.search(r'<section class="summary".*?</section>', html, re.S).group(0)
    text = re.sub(r"<[^>]+>", "\n", section)
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


@cache
def _page(unit: str, lang: str) -> list[str]:
    """The summary page of the unit's report, from the HTML ``lcity report`` typesets (no PDF made)."""
    result, loaded = read_scored(G3 / f"{unit}.yaml")
    assessment, fw = loaded.require()
    return _summary_page(render_html(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10"))


def _after(lines: list[str], head: str, n: int = 3) -> list[str]:
    k = next(i for i, ln in enumerate(lines) if ln.startswith(head))
    return lines[k + 1:k + 1 + n]


def test_qingya_leads_with_the_dimensions_that_cost_the_most_points():
    """A western county at 43.4: D (15 % of 10 points, 8.5 lost), E (23 % of 10, 7.7) and K (33 % of
    10, 6.7) lead, not L at 0 % of 6 (6.0 lost), which the lowest-share order put first."""
    zh = _page("qingya-county-west", "zh")
    assert _after(zh, "主要问题") == ["D 多元经费保障：得分率15%，低于60%的底线（其中2项指标数据不详，按0分计）",
                                     "E 数字平台、资源与沉浸式场景：得分率23%，低于60%的底线",
                                     "K 市民参与与激励：得分率33%，低于60%的底线（其中1项指标数据不详，按0分计）"]
    floors = next(ln for ln in zh if ln.startswith("8个维度得分率低于60%的底线"))
    assert floors.startswith("8个维度得分率低于60%的底线（按失分由多到少排列）：D 15%") and floors.endswith("H 25%、B 33%")
    en = _page("qingya-county-west", "en")
    assert [ln.split(":")[0] for ln in _after(en, "Main problems")] == [
        "D Funding from diverse sources", "E Digital platforms, resources and immersive scenarios",
        "K Citizen participation and incentives"]
    assert any(ln.startswith("Dimensions below the 60% floor (8, the most points lost first): D 15%") for ln in en)


def test_lingang_key_tasks_run_in_the_task_tables_order():
    """Lingang's key tasks: the seniors' university and teaching points (I2, +2.0 points for 4 effort
    points) before the older learners (I1, +3.4 for 33), as the task table schedules them."""
    zh = _page("lingang-devzone-industry", "zh")
    head = "实现“认定为示范区”的关键任务（消除否决项、达到维度底线和调查要求的任务及增加得分最多的任务，按整改任务清单的先后排列）："
    assert head in zh
    assert [ln.split(" ")[0] for ln in _after(zh, head)] == ["I2", "F1", "I1"]
    assert "+2.00分，工作量4点" in _after(zh, head)[0] and "+3.40分，工作量33点" in _after(zh, head)[2]
    en = _page("lingang-devzone-industry", "en")
    head = next(ln for ln in en if ln.startswith("The key tasks towards"))
    assert head.endswith("(those clearing a veto, meeting a dimension floor or a survey line, then those adding the "
                         "most points; in the order of the task list):")
    assert [ln.split(" ")[0] for ln in _after(en, head)] == ["I2", "F1", "I1"]
    assert _after(en, "Main problems")[0].startswith("F Community education as the hub: 13% of its points")


# --- the property: the floor items run from the most points lost, whatever the answers --------------

QINGYA = yaml.safe_load((G3 / "qingya-county-west.yaml").read_text(encoding="utf-8"))
ANSWERED = sorted(k for k, a in QINGYA["answers"].items() if isinstance(a, dict) and "value" in a)


def _nothing(value):
    """The answer that earns nothing of the same type: no, 0, an empty list (a choice stays)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return 0
    if isinstance(value, list):
        return []
    return value


@settings(max_examples=40, deadline=None)
@given(st.sets(st.sampled_from(ANSWERED)))
def test_the_summarys_floor_problems_run_from_the_most_points_lost(emptied):
    data = yaml.safe_load((G3 / "qingya-county-west.yaml").read_text(encoding="utf-8"))
    for key in emptied:
        data["answers"][key]["value"] = _nothing(data["answers"][key]["value"])
    assessment, fw = read_string(yaml.safe_dump(data, allow_unicode=True), file="u.yaml").require()
    result = score(assessment, fw)
    f = facts(result, None, fw, assessment, lang="zh", date="2026-04-10")
    lost = {d.id: d.max - d.score for d in result.dimensions}
    items = [m.group(1) for p in problems_top(f, n=len(result.dimensions))
             if (m := re.match(r"^([A-Z]) [^：]+：得分率\d+%，低于\d+%的底线", p))]
    assert [round(lost[d], 6) for d in items] == sorted((round(lost[d], 6) for d in items), reverse=True), items
    line = next((r for r in deciding(f) if re.match(r"^\d+个维度得分率低于", r)), "")
    listed = re.findall(r"(?:：|、)([A-Z]) \d", line)
    assert listed == items  # the deciding line names them in the same order
    assert [round(lost[d], 6) for d in listed] == sorted((round(lost[d], 6) for d in listed), reverse=True), line
