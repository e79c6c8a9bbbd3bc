"""``lcity plan`` says its total effort in the framework's effort unit (``effort.unit``), in the
line under its table.

A framework states what its effort figures count (Tidewater: working days; China's frameworks:
effort points of about a month of the lead office's work). The table printed the figures alone, so
a total of 8 said nothing of whether it was days, months or money. A framework that states no
unit keeps the table as it was, with no such line.
"""

from __future__ import annotations

import pytest

from .conftest import EXAMPLES, ROOT, lcity_here as lcity

TIDEWATER = ROOT / "tests" / "data" / "third_party_tidewater"


def _after_table(text: str) -> list[str]:
    """The lines after the table's bottom edge (piped, so each is one line)."""
    lines = text.splitlines()
    return lines[next(i for i, ln in enumerate(lines) if ln.startswith("└")) + 1:]


def _rows_under(text: str) -> list[list[str]]:
    """The rows under the table's line (the total; the unit's own effort and another body's part)."""
    lines = text.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("├"))
    return [[c.strip() for c in ln.strip("│").split("│")] for ln in lines[start + 1:] if ln.startswith("│")]


def _total_row(text: str) -> list[str]:
    row = next(ln for ln in text.splitlines() if ln.startswith(("│total ", "│合计 ")))
    return [c.strip() for c in row.strip("│").split("│")]


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "Total effort: 8 working days"),
    ("zh", "合计工作量：8 工作日。"),
])
def test_plan_says_a_third_party_frameworks_effort_unit_under_its_table(monkeypatch, lang: str, line: str):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(TIDEWATER / "frameworks"))
    proc = lcity("plan", str(TIDEWATER / "units" / "tidewater-2025.yaml"), "--target", "beacon", "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    assert _total_row(proc.stdout) == ["total" if lang == "en" else "合计", "", "+4.90", "8", ""]
    assert _after_table(proc.stdout)[0] == line  # the table's total, then what it counts


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "The unit's own total effort: 55 points (one point is about a month of the lead office's dedicated work); "
           "not counted in it, what another body must do or decide: L2 (the city's, 6 points)"),
    ("zh", "本单位合计工作量：55 点（1点约为牵头部门一个月的专项工作量）；须由其他单位完成或决定的事项未计入："
           "L2（所在城市，6点）。"),  # the city's conference, costed: only the award is UNESCO's (G31R-3)
])
def test_plan_of_the_china_framework_reads_as_before_with_its_unit(lang: str, line: str):
    proc = lcity("plan", str(EXAMPLES / "qingshi-district.yaml"), "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    heads = ("指标", "现在 → 目标", "得分", "工作量", "服务于") if lang == "zh" else \
        ("indicator", "today → to reach", "points", "effort", "serves")
    head = next(ln for ln in proc.stdout.splitlines() if ln.startswith("┃"))
    assert [c.strip() for c in head.strip("┃").split("┃")] == list(heads)
    # L2 at "hosted a conference" (+1.50), not UNESCO's award (+3.00), as little of another body's
    # decision as will do (G7 audit #13); 55, not 49, since K1 is the city's credit bank (G18-B7),
    # given apart from L2, the city's and not costed (G18-B6)
    assert _total_row(proc.stdout) == ["total" if lang == "en" else "合计", "", "+9.42", "", ""]
    rows = _rows_under(proc.stdout)
    assert rows[1] == ["of which: the unit's own" if lang == "en" else "其中：本单位", "", "", "55", ""]
    assert rows[2] == ["another body's (L2)" if lang == "en" else "其他单位（L2）", "", "", "6", ""]  # the city's conference, costed (G31R-3)
    after = _after_table(proc.stdout)
    assert after[0] == line
    # the least effort lands on 85.0 itself: said, as the report says it beside its robustness (G18-B2)
    assert after[1].startswith("The plan lands exactly on the 85.0 the target needs, with no margin" if lang == "en"
                               else "完成计划后总分恰好达到目标所需的85.0分，没有余量")
    assert after[2].startswith("Next-best alternative: the unit's own effort 55" if lang == "en" else "次优方案：本单位工作量 55")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plan_of_a_framework_without_an_effort_unit_adds_no_line(monkeypatch, lang: str):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(EXAMPLES / "frameworks"))
    proc = lcity("plan", str(EXAMPLES / "frameworks" / "lanshan-community-learning" / "beiling-2025.yaml"), "--lang", lang,
                 "--target", "recognition")
    assert proc.returncode == 0, proc.stderr
    # too short of data to be rated: its unknown figures are found out at one point each (S5's three
    # checklist items share one), not built from nothing (34 before G14 #4); two decimals at most
    assert _total_row(proc.stdout)[3] == "9.67"
    after = _after_table(proc.stdout)
    assert after[0].startswith("The plan lands exactly on the 75.0" if lang == "en" else "完成计划后总分恰好达到目标所需的75.0分")
    assert after[1].startswith("Next-best alternative:" if lang == "en" else "次优方案：")
    assert "Total effort" not in proc.stdout and "合计工作量" not in proc.stdout
