"""``lcity trend`` and the report's trend section with unknown data (audit G18-B4).

Qingshi 2025 against the same district's 2026 assessment with every E and F figure 不详 read
"总分 86.3 → 68.6（-17.7 分，每年 -17.73 分）", 良好 → 合格, "0 项指标上升，9 项下降": missing
data as decline. A period with unknowns now gives its total as bounds, a change as a range, an
indicator that went to or came from 不详 apart ("数据不详，不计升降"), and no grade change where a
period's bounds straddle a grade line.
"""

from __future__ import annotations

import json
import re

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st
from rich.cells import cell_len

from evaluator.engine import score
from evaluator.reading import read
from evaluator.trend import trend
from indicators.messages import say

from .conftest import EXAMPLES, ROOT, lcity_here as lcity, terminal_lines

BEFORE = EXAMPLES / "trend" / "qingshi-2025.yaml"
AFTER = ROOT / "tests" / "audit_coordinator_g18" / "inputs" / "qingshi-2026-EF-unknown.yaml"
SERIES = [EXAMPLES / "trend" / f"qingshi-{y}.yaml" for y in (2021, 2023, 2025)]
EF = {"E1", "E2", "E3", "E4", "E5", "F1", "F2", "F3", "F4"}


def test_zh_gives_bounds_ranges_and_no_fall():
    proc = lcity("trend", str(BEFORE), str(AFTER))
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    assert "青石区：总分 86.3 → 68.6–88.6（变化 -17.7 至 +2.3 分，1 年，每年 -17.7 至 +2.3 分）" in text
    assert "每年 -17.73 分" not in text  # no rate from a lower bound alone
    assert "2026（9 项）" in text and "下界：不详项按 0 分计" in text
    # the dimension rows: E and F as bounds, their change as a range, not a loss of 8.99
    rows = text.splitlines()
    k = next(i for i, x in enumerate(rows) if x.startswith("│ E "))
    assert "0.00–10.00" in rows[k] and "-8.99～" in rows[k] and "+1.01" in rows[k + 1]  # the range on two lines
    assert "合格～良好" in text and "等级变化无法确定：2026 总分 68.6–88.6，跨越“良好”的 80 分线" in text
    assert "一期数据不详的指标：数据不详，不计升降" in text
    assert "0 项指标变化，9 项一期数据不详（不计升降）" in text
    assert "0 项指标上升，0 项下降；9 项指标一期数据不详，不计升降" in proc.stderr
    assert "9 项下降" not in proc.stderr


def test_en_at_80_columns():
    lines = terminal_lines("trend", str(BEFORE), str(AFTER), "--lang", "en")
    assert all(cell_len(x) <= 80 for x in lines), max(lines, key=cell_len)
    text = " ".join(x.strip() for x in lines)
    assert "total 86.3 → 68.6–88.6 (a change of -17.7 to +2.3 points over 1 year, -17.7 to +2.3 a year)" in text
    assert "whether the grade changed cannot be said" in text and "the 80-point line of 'Good'" in text
    k = next(i for i, x in enumerate(lines) if x.startswith("│ grade"))
    assert "Pass to" in lines[k] and "Good" in lines[k] + lines[k + 1]  # the grade as a range, folded in its cell
    assert "Unknown in one period, not counted as a rise or fall (2024–2025 → 2026)" in text
    assert "0 indicators up, 0 down; 9 indicators unknown in one period: not counted as a rise or fall" in text
    # piped: the same words, one line each
    piped = lcity("trend", str(BEFORE), str(AFTER), "--lang", "en")
    assert "9 indicators unknown in one period (not counted as a rise or fall)" in piped.stdout
    assert "9 down" not in piped.stderr


def test_json_fields():
    t = json.loads(lcity("trend", str(BEFORE), str(AFTER), "--format", "json").stdout)
    first, last = t["assessments"]
    assert first["total_bounds"] is None and first["grade_upper"] is None
    assert last["total_bounds"]["lower"] == last["total"] and round(last["total_bounds"]["upper"], 1) == 88.6
    assert last["unknown"] == 9 and set(last["dimensions_upper"]) == {"E", "F"}
    assert last["grade"]["id"] == "pass" and last["grade_upper"]["id"] == "good"
    assert t["grade_known"] is False and t["steps"][0]["grade_known"] is False
    assert t["moved"] == [] and {m["id"] for m in t["unknown_in_one"]} == EF
    assert round(t["total"]["low"], 2) == -17.73 and round(t["total"]["high"], 2) == 2.27
    e = next(d for d in t["dimensions"] if d["id"] == "E")
    assert e["uppers"] == [None, 10.0] and e["change"]["high"] > 0
    d = next(d for d in t["dimensions"] if d["id"] == "D")
    assert d["change"]["low"] is None  # fully known in both: a plain change


def test_the_shipped_series_does_not_count_a_found_figure_as_progress():
    proc = lcity("trend", *map(str, SERIES))
    assert proc.returncode == 0, proc.stderr
    assert "37 项指标上升，0 项下降；1 项指标一期数据不详，不计升降" in proc.stderr
    assert "青石区：总分 40.6–42.6 → 86.3（变化 +43.7 至 +45.7 分" in proc.stdout
    gap = next(x for x in proc.stdout.splitlines() if x.startswith("│ E3 "))
    assert "不详" in gap and "38%" in gap
    t = json.loads(lcity("trend", *map(str, SERIES), "--format", "json").stdout)
    assert "E3" not in {m["id"] for m in t["moved"]}
    assert t["grade_known"] is True  # 40.6–42.6 stays below the 60-point line


def test_report_trend_section(tmp_path):
    html = tmp_path / "r.html"
    proc = lcity("report", str(AFTER), "--previous", str(BEFORE), "--html", str(html))
    assert proc.returncode == 0, proc.stderr
    page = re.sub(r"\s+<", "<", html.read_text(encoding="utf-8"))
    assert "总分由86.3分变为68.6–88.6分，变化在-17.7至+2.3分之间，年均-17.7至+2.3分" in page
    assert "等级变化无法确定" in page and "等级由“良好”变为“合格”" not in page
    assert "一期数据不详的指标（数据不详，不计升降）" in page and "E1 终身学习平台覆盖：2.96分→不详" in page
    assert "-8.99～+1.01" in page and "合格～良好" in page
    assert "两期都有数据的指标，得分均无明显变化。" in page


# --- the property: 不详 later never adds a rise or a fall ---------------------------------------------

_EARLIER = None


def _earlier():
    global _EARLIER
    if _EARLIER is None:
        one = read(SERIES[1])
        a, fw = one.require()
        _EARLIER = score(a, fw, file=str(SERIES[1]))
    return _EARLIER


def _counts(t, lang: str = "en") -> tuple[int, int]:
    """The rises and falls as the user reads them on stderr."""
    from lcity.commands.batch import moved_summary

    up, down = re.match(r"(\d+) indicators up, (\d+) down", say(moved_summary(t), lang)).groups()
    return int(up), int(down)


_DOC = yaml.safe_load(SERIES[2].read_text(encoding="utf-8"))
_IDS = sorted(k for k, v in _DOC["answers"].items() if isinstance(v, dict) and v.get("status") is None)


def _later(tmp_path, unknown: set[str]):
    doc = yaml.safe_load(SERIES[2].read_text(encoding="utf-8"))
    for k in unknown:
        doc["answers"][k] = {"status": "unknown"}
    path = tmp_path / f"later-{len(unknown)}-{abs(hash(frozenset(unknown)))}.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    one = read(path)
    a, fw = one.require()
    return score(a, fw, file=str(path))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(unknown=st.sets(st.sampled_from(_IDS), min_size=1, max_size=8))
def test_unknown_later_never_adds_a_rise_or_a_fall(tmp_path, unknown):
    base = trend([_earlier(), _later(tmp_path, set())])
    made = trend([_earlier(), _later(tmp_path, unknown)])
    (up0, down0), (up1, down1) = _counts(base), _counts(made)
    assert up1 <= up0 and down1 <= down0
    assert not unknown & {m.id for m in made.moved}  # each is listed apart, not among the rises and falls
    assert {m.id for m in made.unknown_in_one} <= unknown | {m.id for m in base.unknown_in_one}
