"""An English report says what the panel's Chinese figure claims (audit_english #10): Qingshi's
reviewed report listed "“不足6元” does not match the verified figure of D1 …, 6.34 yuan per
resident per year", and an English reader could not see that 不足6元 means "below 6 yuan". The
gloss is read with the checker's own parser (evaluator.claims); Chinese reports are unchanged."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reports.context_review import claim_gloss

from .conftest import EXAMPLES, report_text


def _plain(tmp_path: Path, lang: str) -> str:
    return report_text(tmp_path, lang, "--review", str(EXAMPLES / "qingshi-district.review.yaml"))


def test_the_english_mismatch_line_glosses_the_chinese_claim(tmp_path) -> None:
    text = _plain(tmp_path, "en")
    assert ("“不足6元” (below 6 yuan) does not match the verified figure of D1 Public community/lifelong-education "
            "funds per resident, 6.34 yuan per resident per year") in text


def test_the_chinese_line_is_as_before(tmp_path) -> None:
    text = _plain(tmp_path, "zh").replace(" ", "")
    assert "其中“不足6元”与D1人均社区教育（终身教育）财政经费核定值6.34元/人·年不符" in text
    assert "(below 6 yuan)" not in text


@given(word=st.sampled_from([("不足", "below"), ("低于", "below"), ("超过", "at least"), ("约", "about")]),
       n=st.integers(1, 999), unit=st.sampled_from([("元", " yuan"), ("%", "%"), ("人", " people")]))
def test_a_chinese_claim_reads_in_english(word, n, unit) -> None:
    assert claim_gloss(f"{word[0]}{n}{unit[0]}") == f" ({word[1]} {n}{unit[1]})"


def test_an_english_claim_needs_no_gloss() -> None:
    assert claim_gloss("below 70%") == "" and claim_gloss("about 10 %") == ""
