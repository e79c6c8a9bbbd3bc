"""Wording a panel member would not sign in the G3 archetype reports (tests/audit_cities/g3/AUDIT.md),
checked in the page a reader reads: ``render_html`` of what ``lcity report`` scores, as plain text."""

from __future__ import annotations

from pathlib import Path

from evaluator.benchmark import benchmark
from reports.render import render_html

from .conftest import plain, scored_reviewed

G3 = Path(__file__).resolve().parent / "audit_cities" / "g3"


def page(name: str, lang: str) -> str:
    result, fw, assessment = scored_reviewed(G3 / name)
    return plain(render_html(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10"))


# --- G3 #7: two declared types, one leads: the report said both were "the type its practice puts first"


def test_of_two_declared_types_only_the_leading_one_is_said_to_lead():
    zh = page("jiangzhou-city-no-law.yaml", "zh")
    assert "自述的“均衡发展型、产业驱动型”中，“均衡发展型”是实际做法居首的类型" in zh
    assert "“均衡发展型、产业驱动型”正是实际做法居首的类型" not in zh
    en = page("jiangzhou-city-no-law.yaml", "en")
    assert "'Balanced development' is the type its practice puts first" in en
    assert "is the type its practice puts first" not in en.split("Of Jiangzhou's declared")[0]


def test_one_declared_type_that_leads_keeps_its_sentence():
    """A single declared type that leads a mixed profile still reads as before (hailan, H4#13)."""
    zh = page("../hailan-2025.yaml", "zh")
    assert "正是实际做法居首的类型" in zh
