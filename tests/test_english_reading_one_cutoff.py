"""Section 7 speaks of one cut-off as one (audit_english #13): "These cut-offs lie inside the 90%
interval, so the corresponding conclusions depend on the choices above: Recognition deferred (75
points)." named a single line in the plural. Chinese ("以下分界线…") has no number and is unchanged."""

from __future__ import annotations


from .conftest import report_text


def test_a_single_cutoff_reads_in_the_singular(tmp_path) -> None:
    text = report_text(tmp_path, "en")
    assert ("This cut-off lies inside the 90% interval, so the conclusion it decides depends on the choices "
            "above: Recognition deferred (75 points).") in text
    assert "These cut-offs lie" not in text
