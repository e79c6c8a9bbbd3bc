"""A derived figure's reason writes its "× scale" step only when the scale does something: the
English reading (tests/audit_english/AUDIT.md #5) read "5,500,000 yuan ÷ 820,000 × 1 = 6.71" as
a factor gone missing."""

from __future__ import annotations

from evaluator.engine import score
from evaluator.reading import read

from .conftest import EXAMPLES


def _reasons(indicator: str) -> tuple[str, str]:
    """The engine's reason in both languages (the base by its field; score --explain and the report
    name it in words: "resident population", 常住人口)."""
    result = score(*read(EXAMPLES / "qingshi-district.yaml").require())
    found = next(i for i in result.indicators if i.id == indicator)
    return found.reason, found.reason_zh


def test_a_scale_of_one_is_not_written():
    en, zh = _reasons("D1")
    assert "D1: 5,500,000 yuan ÷ 820,000 (population) = 6.71 yuan per resident per year" in en
    assert "D1：5,500,000 元 ÷ 820,000（population）= 6.71 元/人·年" in zh
    assert "× 1 " not in en + zh


def test_a_scale_that_does_something_is_still_written():
    en, zh = _reasons("E2")
    assert "÷ 820,000 (population) × 10,000 = 8.54 courses per 10,000 residents" in en
    assert "÷ 820,000（population）× 10,000 = 8.54" in zh
