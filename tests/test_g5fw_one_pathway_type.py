"""A framework with one pathway type (found while auditing G5): the unit has a leading type and no
runner-up, and lcity score printed '（领先：社区驱动型，次之：—，差距—个百分点）' / '(leading Community-led,
runner-up —, margin — percentage points)', a form left blank. It now says only the leader, as
lcity benchmark does; Bay Rim's three types keep the whole line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here as lcity

G5 = ROOT / "tests" / "audit_frameworks" / "g5"


@pytest.mark.parametrize("lang, says, never", [
    ("zh", "（领先：社区驱动型）", "次之：—"),
    ("en", " (leading Community-led)", "runner-up —"),
])
def test_one_pathway_type_prints_no_blank_runner_up(tmp_path: Path, monkeypatch, lang: str, says: str, never: str):
    text = (G5 / "bayrim-lc-rating" / "framework.yaml").read_text(encoding="utf-8")
    (tmp_path / "bayrim").mkdir()
    (tmp_path / "bayrim" / "framework.yaml").write_text(text[:text.index("    - id: skills")], encoding="utf-8")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path))
    run = lcity("score", str(G5 / "lanport-2025.yaml"), "--lang", lang)
    assert run.returncode == 0, run.stderr
    line = next(x for x in run.stdout.splitlines() if x.startswith(("发展路径", "Pathway")))
    assert says in line and never not in line, line


def test_three_types_keep_runner_up_and_margin(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))
    run = lcity("score", str(G5 / "lanport-2025.yaml"), "--lang", "zh")
    assert "（领先：技能驱动型，次之：数字驱动型，差距4个百分点）" in run.stdout
