"""Section 7 speaks of one cut-off as one (audit_english #13): "These cut-offs lie inside the 90%
interval, so the corresponding conclusions depend on the choices above: Recognition deferred (75
points)." named a single line in the plural. Chinese ("以下分界线…") has no number and is unchanged."""

from __future__ import annotations

import html as htmllib
import re

from .conftest import EXAMPLES, lcity


def test_a_single_cutoff_reads_in_the_singular(tmp_path) -> None:
    out = tmp_path / "q.html"
    run = lcity("report", str(EXAMPLES / "qingshi-district.yaml"), "--html", str(out), "--lang", "en", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    text = re.sub(r"\s+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8"))))
    assert ("This cut-off lies inside the 90% interval, so the conclusion it decides depends on the choices "
            "above: Recognition deferred (75 points).") in text
    assert "These cut-offs lie" not in text
