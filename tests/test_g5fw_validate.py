"""An English warning names no Chinese number word (audit G5, finding 6): Stonebeach's 0 % of
trained organisers (tests/audit_frameworks/g5, a framework that counts in dollars per 1,000
residents) was told "check the unit of QL-7_2 (%, not 万 or thousands)". A figure below its
plausible range is now asked whether it counts everything (a partial count, not a unit slip);
one above it keeps the unit hint, and in Chinese its 万, a number word of that language.
"""

from __future__ import annotations

import pytest

from .conftest import ROOT, lcity_here as lcity

G5 = ROOT / "tests" / "audit_frameworks" / "g5"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))


def test_an_english_implausible_value_warning_names_no_chinese_unit():
    run = lcity("validate", str(G5 / "stonebeach-2025.yaml"), "--lang", "en")
    assert run.returncode == 0, run.stderr
    text = run.stdout + run.stderr
    assert "warning implausible-value: QL-7_2: 0 % is below 5" in text
    # a figure below the range: a partial count more often than a unit slip (the G5 audit's open item)
    assert "(check that QL-7_2 counts everything it should (in %); if the figure is right, say why in its note: the warning stays, as a question the panel verifies)" in text
    assert "万" not in text and "number of zeros" not in text


def test_the_chinese_warning_keeps_its_own_number_word():
    run = lcity("validate", str(G5 / "stonebeach-2025.yaml"), "--lang", "zh")
    assert "请检查 QL-7_2 是否统计完整（单位：%）；如数字属实，请在该项的 note 中说明" in run.stdout + run.stderr
    high = lcity("validate", str(ROOT / "tests" / "audit_cities" / "g3" / "fengming-district-contradictory.yaml"), "--lang", "zh")
    assert "请检查 D1 的单位（元，不是万或千）和 city.population" in high.stdout + high.stderr  # above the range: as before


def test_a_low_figure_that_earns_nothing_is_not_said_to_have_points_that_wait(monkeypatch, tmp_path):
    """Stonebeach's 0 % tutor training earns no points: section 7 said 'whether their points stand
    depends on that check' of it, and 'beyond' what real units show of a figure below them."""
    import html
    import re

    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))
    out = tmp_path / "stonebeach.html"
    run = lcity("report", str(G5 / "stonebeach-2025.yaml"), "--html", str(out), "--lang", "en", "--date", "2026-06-01")
    assert run.returncode == 0, run.stderr
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8"))))
    assert "whether their points stand depends on that check" not in text
    assert "(outside the range real units show; to be verified)" in text
    assert "beyond what real units show" not in text
