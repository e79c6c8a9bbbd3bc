"""A framework with one pathway type (found while auditing G5): the unit has a leading type and no
runner-up, and lcity score printed '（领先：社区驱动型，次之：—，差距—个百分点）' / '(leading Community-led,
runner-up —, margin — percentage points)', a form left blank, and called a unit whose one type does
not stand out '混合型' (mixed), with nothing to mix. It now reads '侧重不明显' / 'No clear emphasis',
with no leader beside it; Bay Rim's three types keep the whole line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here as lcity

G5 = ROOT / "tests" / "audit_frameworks" / "g5"


@pytest.mark.parametrize("lang, says, never", [
    ("zh", "实际做法显示：侧重不明显", "次之：—"),
    ("en", "observed No clear emphasis", "runner-up —"),
])
def test_one_pathway_type_prints_no_blank_runner_up(tmp_path: Path, monkeypatch, lang: str, says: str, never: str):
    text = (G5 / "bayrim-lc-rating" / "framework.yaml").read_text(encoding="utf-8")
    (tmp_path / "bayrim").mkdir()
    (tmp_path / "bayrim" / "framework.yaml").write_text(text[:text.index("    - id: skills")], encoding="utf-8")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path))
    run = lcity("score", str(G5 / "lanport-2025.yaml"), "--lang", lang)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    at = next(k for k, x in enumerate(lines) if x.startswith(("发展路径", "Pathway")))
    line, reason = lines[at], lines[at + 1]
    # one type: nothing to mix ("混合型"), no leader to name beside it, nothing "put first"
    assert says in line and never not in line and "领先" not in line and "leading" not in line, line
    assert "混合型" not in line and "Mixed" not in line, line
    assert "为首" not in reason and "first" not in reason, reason
    assert ("“社区驱动型”的做法低于本单位平均" in reason) if lang == "zh" else \
        ("no clear emphasis: the practices of 'Community-led' stand" in reason), reason


def test_three_types_keep_runner_up_and_margin(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))
    run = lcity("score", str(G5 / "lanport-2025.yaml"), "--lang", "zh")
    assert "（领先：技能驱动型，次之：数字驱动型，差距4个百分点）" in run.stdout
