"""A "sweet spot" written as steps whose share falls (audit G15, finding 12): `lcity framework check`
said "steps must rise in both min and share" (the guide says a share may not *fall*: equal shares are
fine) and gave no way to what the author wants. The falling share is named at its place, with the
step before it, and the hint points to a choice of bands scored by levels.
"""

from __future__ import annotations

import pytest

from .conftest import ROOT, lcity

FW = ROOT / "tests" / "audit_frameworks" / "g15" / "binhai-star-rating" / "framework.yaml"
STEPS = """        rule:
          kind: steps
          steps:
            - {min: 1, share: 0.5}
            - {min: 4, share: 1}
"""


def framework(tmp_path, steps: str):
    text = FW.read_text(encoding="utf-8")
    assert text.count(STEPS) == 1
    out = tmp_path / "framework.yaml"
    out.write_text(text.replace(STEPS, steps), encoding="utf-8")
    return out, text[:text.index(STEPS)].count("\n")


@pytest.mark.parametrize("lang, says, hint", [
    ("en", "error rule-mismatch: indicator D3: a step's share may not fall: 0.6 from 9, after 1 from 4",
     "is asked as a choice of bands, scored by a levels rule whose shares may go down again"),
    ("zh", "错误 rule-mismatch: 指标 D3：各档的 share 不能下降：9 起为 0.6，低于 4 起的 1",
     "请改为按区间设选项（choice），用 levels 规则计分，其 shares 可以先升后降"),
])
def test_a_falling_share_is_named_at_its_place_with_the_way_to_a_sweet_spot(tmp_path, lang, says, hint):
    path, before = framework(tmp_path, STEPS + "            - {min: 9, share: 0.6}\n")
    run = lcity("--lang", lang, "framework", "check", str(path))
    assert run.returncode == 1
    said = " ".join((run.stdout + run.stderr).split())
    assert f"framework.yaml:{before + 6}:" in said  # the line of the falling step's share
    assert says in said and hint in said
    assert "rise in both" not in said


def test_equal_shares_are_fine_and_a_min_that_does_not_rise_is_said_alone(tmp_path):
    path, _ = framework(tmp_path, STEPS + "            - {min: 9, share: 1}\n")
    assert lcity("framework", "check", str(path)).returncode == 0
    path, _ = framework(tmp_path, STEPS + "            - {min: 3, share: 1}\n")
    run = lcity("--lang", "en", "framework", "check", str(path))
    said = " ".join((run.stdout + run.stderr).split())
    assert "indicator D3: the steps' min must rise from step to step" in said
    assert "share may not fall" not in said
