"""The report with an expert review: self-assessed and verified side by side, the panel signs."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from .conftest import EXAMPLES, lcity_here as lcity

ASSESSMENT = EXAMPLES / "qingshi-district.yaml"
REVIEW = EXAMPLES / "qingshi-district.review.yaml"


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture(scope="module")
def reviewed(reviewed_qingshi):
    """``lcity report ASSESSMENT --review REVIEW -o pdf --html html``, run once per session (conftest)."""
    pdf, html, proc = reviewed_qingshi["pdf"], reviewed_qingshi["html"], reviewed_qingshi["proc"]
    assert proc.returncode == 0, proc.stderr
    return pdf.read_bytes(), html.read_text(encoding="utf-8"), proc


def test_verified_scores_beside_self_assessed(reviewed):
    pdf, html, _ = reviewed
    assert "自评得分" in html and "核定得分" in html
    text = text_of(pdf)
    assert "75.58" in text  # self-assessed total
    assert "75.30" in text  # verified total
    assert html.count('class="flag"') >= 3  # D2, J4, K5 differ by more than 10 % of their points


def test_conclusion_uses_the_verified_scores_and_the_panel_signs(reviewed):
    pdf, _, proc = reviewed
    text = text_of(pdf)
    assert "75.3" in text and "暂缓认定" in text
    for name in ("周明远", "李晓岚", "王建国", "陈思雨"):
        assert name in text
    assert "专家组认为" in text  # the panel's conclusion in its own words
    assert "2025年5月22日" in text  # dated by the review
    assert "total 75.3" in proc.stderr


def test_review_of_another_file_is_refused(tmp_path):
    changed = tmp_path / "q.yaml"
    changed.write_text(ASSESSMENT.read_text(encoding="utf-8").replace("value: 66", "value: 67"), encoding="utf-8")
    out = tmp_path / "x.pdf"
    proc = lcity("report", str(changed), "--review", str(REVIEW), "-o", str(out))
    assert proc.returncode == 1 and "hash-mismatch" in proc.stderr and not out.exists()
    forced = lcity("report", str(changed), "--review", str(REVIEW), "-o", str(out), "--accept-mismatch")
    assert forced.returncode == 0 and out.exists()


def test_two_reviewers_who_disagree_are_listed_for_discussion(tmp_path):
    text = REVIEW.read_text(encoding="utf-8")
    second = tmp_path / "b.review.yaml"
    second.write_text(text.replace("name: 周明远", "name: 李晓岚", 1).replace("value: 81.5", "value: 62"),
                      encoding="utf-8")
    html = tmp_path / "two.html"
    proc = lcity("report", str(ASSESSMENT), "--review", str(REVIEW), "--review", str(second), "--html", str(html))
    assert proc.returncode == 0, proc.stderr
    page = html.read_text(encoding="utf-8")
    assert "提请专家组讨论" in page and "K4" in page and "周明远" in page and "李晓岚" in page
    cli = lcity("score", str(ASSESSMENT), "--review", str(REVIEW), "--review", str(second), "--lang", "en")
    assert cli.returncode == 0 and "reviewers disagree on K4" in cli.stdout
