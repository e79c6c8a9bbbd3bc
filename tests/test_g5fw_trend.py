"""lcity trend prints a derived figure as score does (audit G5, finding 3, and 18): Lanport's
learning budget per 1,000 residents (tests/audit_frameworks/g5) showed as '1.369e+04 元/千人'; a
percentage as '41.2 %' beside score's '41.2%'. Small figures keep their four significant digits.
"""

from __future__ import annotations

import pytest

from .conftest import ROOT, lcity_here as lcity

G5 = ROOT / "tests" / "audit_frameworks" / "g5"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))


@pytest.mark.parametrize("lang, budget, rate, places", [
    ("zh", ["7,757.6 元/千人", "13,690.5 元/千人"], ["30.5%", "41.2%"], ["0.7394 个/千人", "1.095 个/千人"]),
    ("en", ["7,757.6 dollars per 1,000 residents", "13,690.5 dollars per 1,000 residents"], ["30.5%", "41.2%"],
     ["0.7394 per 1,000 residents", "1.095 per 1,000 residents"]),
])
def test_trend_prints_large_figures_in_full_and_rates_as_score_does(lang, budget, rate, places):
    run = lcity("trend", str(G5 / "lanport-2023.yaml"), str(G5 / "lanport-2025.yaml"), "--lang", lang)
    assert run.returncode == 0, run.stderr
    text = " ".join(run.stdout.split())
    assert "e+0" not in run.stdout and " %" not in run.stdout
    for figure in (*budget, *rate, *places):
        assert figure in text, run.stdout
