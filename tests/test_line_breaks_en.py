"""An English paragraph is set as WeasyPrint sets it without our spans (G15 #11).

With a ``white-space: nowrap`` span round "60%" anywhere in it, WeasyPrint broke the paragraph's
first line after one word: the ranking paragraph of section 7 read "None" alone on a line, then
"of the 3 reference units has enough public data to be graded (coverage below 60%) …", in four of
five English reports of a third-party framework. A bare figure with its % among Latin text needs
no span (no line break falls between a number and its % there); beside Chinese text it keeps one.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from reports.render import keep_units

from .conftest import ROOT

G15 = ROOT / "tests" / "audit_frameworks" / "g15"


def test_a_bare_share_in_english_text_has_no_span_and_one_beside_chinese_keeps_it():
    html = keep_units("<p>None of the 3 units (coverage below 60%), 6.71 yuan/resident, ± 3.1 points</p>"
                      "<p>得分率97%，低于60%的</p><p>below 80 %</p>")
    assert "below 60%)" in html and '<span class="nb">60%</span>)' not in html
    assert '<span class="nb">6.71 yuan/resident</span>' in html and '<span class="nb">± 3.1 points</span>' in html
    assert '率<span class="nb">97%</span>，' in html and '于<span class="nb">60%</span>的' in html
    assert '<span class="nb">80 %</span>' in html  # a space before the sign is a break opportunity: kept


def test_a_formula_is_kept_on_one_line():
    """"√(p(1−p)/" ended a line of section 7 and "n)" began the next."""
    html = keep_units("<li>moves by its sampling error √(p(1−p)/n), n being</li><li>按抽样误差√(p(1−p)/n)浮动</li>")
    assert html.count('<span class="nb">√(p(1−p)/n)</span>') == 2


@pytest.fixture(scope="module")
def yucun_lines(tmp_path_factory) -> list[str]:
    pdf = tmp_path_factory.mktemp("g15-en") / "yucun-en.pdf"
    env = dict(os.environ, LCITY_FRAMEWORK_PATH=str(G15), NO_COLOR="1")
    made = subprocess.run([sys.executable, "-m", "lcity", "report", str(G15 / "yucun-2025.yaml"), "-o", str(pdf),
                           "--lang", "en"], cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    assert made.returncode == 0, made.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [ln.strip() for ln in text.splitlines()]


def test_the_ranking_paragraph_starts_with_a_full_line(yucun_lines: list[str]):
    k = next(i for i, ln in enumerate(yucun_lines) if ln.startswith("None") or ln.startswith("of the 3 reference"))
    assert yucun_lines[k].startswith("None of the 3 reference units"), yucun_lines[k - 1:k + 2]
    assert "None" not in [ln for ln in yucun_lines if len(ln.split()) == 1]
