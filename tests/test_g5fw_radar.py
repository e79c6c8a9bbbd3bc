"""No radar chart for a framework of one or two dimensions (found while auditing G5: the guide's
own mini-lc, docs/frameworks.md section 12, has one dimension). Its report drew a "radar" that was a
lone point on one axis, as Figure 1; the bar chart beside it shows every share. Figures are then
numbered from the bar chart. Bay Rim's eight dimensions keep the radar.
"""

from __future__ import annotations

import html
import re
from pathlib import Path


from .conftest import ROOT, lcity_here as lcity


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))))


def test_a_one_dimension_framework_has_no_radar(tmp_path: Path, monkeypatch):
    doc = (ROOT / "docs" / "frameworks.md").read_text(encoding="utf-8")
    blocks = dict(re.findall(r"<!-- example: (\w+) -->\n```yaml\n(.*?)```", doc, re.S))
    (tmp_path / "mini-lc").mkdir()
    (tmp_path / "mini-lc" / "framework.yaml").write_text(blocks["framework"], encoding="utf-8")
    unit = tmp_path / "riverside.yaml"
    unit.write_text(blocks["assessment"], encoding="utf-8")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path))
    out = tmp_path / "r.html"
    run = lcity("report", str(unit), "--html", str(out), "--lang", "en", "--date", "2025-12-01")
    assert run.returncode == 0, run.stderr
    raw = out.read_text(encoding="utf-8")
    assert 'class="chart radar"' not in raw
    text = _text(out)
    assert "Figure 1. Dimension shares" in text
    assert "Figure 2. The total's distribution" in text
    assert "radar" not in text.lower()


def test_an_eight_dimension_framework_keeps_it(tmp_path: Path, monkeypatch):
    g5 = ROOT / "tests" / "audit_frameworks" / "g5"
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(g5))
    out = tmp_path / "b.html"
    run = lcity("report", str(g5 / "lanport-2025.yaml"), "--html", str(out), "--lang", "en", "--date", "2025-12-01")
    assert run.returncode == 0, run.stderr
    assert 'class="chart radar"' in out.read_text(encoding="utf-8")
    text = _text(out)
    assert "Figure 2. Dimension shares" in text and "Figure 3. The total's distribution" in text
