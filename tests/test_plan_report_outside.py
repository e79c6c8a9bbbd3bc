"""The report's task table and intro treat a step another body decides (UNESCO's award, GNLC
membership: ``decided_by`` in the framework) as the CLI plan does: no effort, no year, and an
intro that does not promise the target "by completing" them (readings2 #5, report side)."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import on_every_point

ROOT = Path(__file__).resolve().parent.parent
JIANGCHUAN = ROOT / "tests" / "audit_readings2" / "b-jiangchuan-city.yaml"


def _report_text(tmp_path: Path, lang: str) -> tuple[str, str]:
    """Jiangchuan under a framework whose floors count every point, so that its plan needs GNLC
    membership (the packaged framework checks L's floor on the city's own work: G21-B3)."""
    out = tmp_path / f"b-{lang}.html"
    b = on_every_point(JIANGCHUAN, tmp_path)
    env = {**os.environ, "LCITY_FRAMEWORK_PATH": str(tmp_path / "fw")}
    proc = subprocess.run([sys.executable, "-m", "lcity", "report", str(b), "--html", str(out), "--lang", lang],
                          capture_output=True, text=True, cwd=ROOT, env=env)
    assert proc.returncode == 0, proc.stderr
    raw = out.read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))
    return raw, text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_outside_steps_have_no_effort_or_year_and_the_intro_names_them(tmp_path, lang):
    raw, text = _report_text(tmp_path, lang)
    rows = re.findall(r"<tr>(?:(?!</tr>).)*?>L[12] (?:(?!</tr>).)*</tr>", raw, re.S)
    # UNESCO's award (L2) is never planned; the city's conference is its own work, costed and scheduled
    # (G31R-3), and GNLC membership (L1) is UNESCO's: no effort, no year
    assert len(rows) == 2 and ">L2 " in rows[0] and ">L1 " in rows[1], rows
    cells = [[html.unescape(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)] for row in rows]
    assert cells[0][3] == "6" and cells[0][-1] != "—", cells[0]  # effort, year
    assert cells[1][3] == "—" and cells[1][-1] == "—", cells[1]
    if lang == "zh":
        assert "即可达到目标" not in text
        assert "以下22项任务全部实现时可达到目标" in text
        assert "L1不在本单位控制范围内（由联合国教科文组织决定）" in text
    else:
        assert "these 22 tasks reach the target" not in text
        assert "the target is reached when all 22 tasks below come about" in text
        assert "L1: not within the unit's control (decided by UNESCO)" in text
