"""A not-ratable unit of a framework that recognises nothing (G15, seen again after unesco-kflc #10):
the report's section 3 said "no grade and no recognition outcome" / "也不作认定结论" for a star
rating whose outcomes are '按星级公布' / '不予公布'. It now says "no outcome" / "也不作评估结论";
China's reports keep 认定.
"""

from __future__ import annotations

import html
import re

import pytest

from .conftest import ROOT, lcity

G15 = ROOT / "tests" / "audit_frameworks" / "g15"


def text_of(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.mark.parametrize("lang, says, never", [
    ("en", "Data coverage of 43% is below the 60% needed for a grade: not ratable, so there is no grade and no "
           "outcome.", "no recognition outcome"),
    ("zh", "数据覆盖率43%低于定级所需的60%：数据不足，不予定级，也不作评估结论。", "认定结论"),
])
def test_a_not_ratable_unit_of_a_star_rating_is_given_no_outcome_not_no_recognition(monkeypatch, tmp_path, lang,
                                                                                      says, never):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G15))
    out = tmp_path / "r.html"
    run = lcity("report", str(G15 / "yunfan-2025.yaml"), "--html", str(out), "--lang", lang)
    assert run.returncode == 0, run.stderr
    text = text_of(out.read_text(encoding="utf-8"))
    assert says in text and never not in text
