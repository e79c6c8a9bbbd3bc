"""Section 5's opening says plainly how the summary's main problems are chosen (audit_english #6):
"The summary's main problems name first those that decide the outcome (the first of these), then
the indicators losing the most points, the most first (the basis of its first improvements;
scoring in Appendix 1)." had nested brackets and a "these" with no referent."""

from __future__ import annotations


from .conftest import report_text


def test_the_problems_intro_reads_as_a_sentence(tmp_path) -> None:
    text = report_text(tmp_path, "en")
    assert ("The summary's main problems start the same way, with those that decide the outcome (the first "
            "items below); after them, it names the indicators that lose the most points, whether or not their "
            "scores are low enough to be listed here (the summary's first improvements rest on them).") in text
    assert "follow the same order" not in text  # G14 #8: they need not (Jishan's summary names I1, 5 does not)
    assert "(the first of these)" not in text
