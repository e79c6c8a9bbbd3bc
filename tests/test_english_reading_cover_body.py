"""A cover without an issuing body does not print "not given" as one (audit_english #7): Marlow
Vale's form names no body, and its cover set "not given" in bold under the title, where a report
names who issued it. The facts table still says "Self-assessment prepared by: not given"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import EXAMPLES, lcity_here as lcity, report_page

KFLC = Path(__file__).parent / "audit_frameworks" / "unesco-kflc"


def _cover(tmp_path: Path, assessment: Path, lang: str) -> str:
    if assessment == EXAMPLES / "qingshi-district.yaml":
        page = report_page(lang)  # the session's copy of the same lcity report --html
    else:
        out = tmp_path / f"r-{lang}.html"
        run = lcity("report", str(assessment), "--html", str(out), "--lang", lang, cwd=tmp_path)
        assert run.returncode == 0, run.stderr
        page = out.read_text(encoding="utf-8")
    return page[page.index('class="cover-facts"'):page.index("</section>", page.index('class="cover-facts"'))]


@pytest.mark.parametrize(("lang", "word"), [("en", "not given"), ("zh", "未填写")])
def test_no_body_no_issuer_line(tmp_path, monkeypatch, lang, word) -> None:
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(KFLC / "kflc"))
    cover = _cover(tmp_path, KFLC / "marlow-vale-2025.yaml", lang)
    assert 'class="cover-body"' not in cover
    assert re.search(rf"<td>{word}</td>", cover)  # the facts table still says it
    assert 'class="cover-date">30 June 2025<' in cover or 'class="cover-date">2025年6月30日<' in cover


def test_a_named_body_still_heads_the_foot(tmp_path) -> None:
    cover = _cover(tmp_path, EXAMPLES / "qingshi-district.yaml", "en")
    assert '<p class="cover-body">Learning City Leading Group Office of Qingshi District</p>' in cover
