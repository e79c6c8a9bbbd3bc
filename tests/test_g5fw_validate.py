"""An English warning names no Chinese number word (audit G5, finding 6): Stonebeach's 0 % of
trained organisers (tests/audit_frameworks/g5, a framework that counts in dollars per 1,000
residents) was told "check the unit of QL-7_2 (%, not 万 or thousands)". The Chinese message
keeps 万, a number word of the language it is written in.
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
    assert "(check the unit of QL-7_2 (%) and the number of zeros)" in text
    assert "万" not in text


def test_the_chinese_warning_keeps_its_own_number_word():
    run = lcity("validate", str(G5 / "stonebeach-2025.yaml"), "--lang", "zh")
    assert "请检查 QL-7_2 的单位（%，不是万或千）" in run.stdout + run.stderr
