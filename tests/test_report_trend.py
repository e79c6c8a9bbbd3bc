"""`lcity report --previous`: a trend section built from the same figures `lcity trend` prints."""

from __future__ import annotations

import json
import re

from .conftest import EXAMPLES, lcity_here as lcity

SERIES = [EXAMPLES / "trend" / f"qingshi-{y}.yaml" for y in (2021, 2023, 2025)]


def test_report_gains_a_trend_section_that_agrees_with_lcity_trend(tmp_path):
    html = tmp_path / "t.html"
    proc = lcity("report", str(SERIES[2]), "--previous", str(SERIES[0]), "--previous", str(SERIES[1]),
                 "--html", str(html))
    assert proc.returncode == 0, proc.stderr
    page = html.read_text(encoding="utf-8")
    assert "历年变化" in page and 'class="grid trend"' in page
    trend = json.loads(lcity("trend", *map(str, SERIES), "--format", "json").stdout)
    for point in trend["assessments"]:  # 2021 has E3 不详: its total as bounds (G18-B4)
        shown = f"{point['total']:.1f}" + (f"–{point['total_bounds']['upper']:.1f}" if point["total_bounds"] else "")
        assert f"<td>{point['period']}</td><td class=\"num\">{shown}</td>" in re.sub(r"\s+<", "<", page)
    assert f"{trend['total']['low']:+.1f}至{trend['total']['high']:+.1f}分" in page


def test_previous_of_another_city_is_refused(tmp_path):
    proc = lcity("report", str(SERIES[2]), "--previous", str(EXAMPLES / "yunling-county.yaml"),
                 "--html", str(tmp_path / "x.html"))
    assert proc.returncode == 2 and "different-city" in proc.stderr
    assert not (tmp_path / "x.html").exists()
