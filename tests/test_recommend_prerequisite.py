"""Section 六 and a prerequisite the unit lacks (G3 audit, left open by the planner's fix of #5).

Jiangzhou has no local regulation (B1 none); the plan no longer asks for an enforcement check (B2)
before one exists, and 六 must not either: B2's advice comes right after B1's and says it follows
B1. A unit that has B1 (qingshi: the province's regulation covers it) is advised on B2 as before.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from hypothesis import given, strategies as st

from evaluator.advice import Advice, unmet
from evaluator.engine import score
from evaluator.reading import read
from reports.context_recommend import _after_prerequisites

from .conftest import lcity_here, report_text

JIANGZHOU = Path(__file__).resolve().parent / "audit_cities" / "g3" / "jiangzhou-city-no-law.yaml"


@cache
def section_six(lang: str, tmp: str) -> str:
    out = Path(tmp) / f"jz-{lang}.html"
    run = lcity_here("report", str(JIANGZHOU), "-o", str(Path(tmp) / f"jz-{lang}.pdf"), "--html", str(out),
                     "--lang", lang)
    assert run.returncode == 0, run.stderr
    import html

    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8"))))
    start = text.index("六、" if lang == "zh" else "6. ")
    return text[start:]


def test_b2_follows_b1_in_the_recommendations_of_a_unit_without_a_regulation(tmp_path_factory):
    tmp = str(tmp_path_factory.mktemp("jz"))
    zh, en = section_six("zh", tmp), section_six("en", tmp)
    assert "B2 法规贯彻实施（以B1为前提，待B1完成后开展）" in zh
    assert "B2 Enforcement of the regulation (to follow B1, which it presupposes)" in en
    for text in (zh, en):
        b1, b2 = text.index("B1 "), text.index("B2 ")
        assert b1 < b2
        assert re.findall(r"\b[A-L]\d \S", text[b1 + 3:b2]) == []  # right after: no other advice between


def test_a_unit_with_its_regulation_is_advised_on_enforcement_without_the_tag(tmp_path):
    assert "以B1为前提" not in report_text(tmp_path, "zh")
    assert "which it presupposes" not in report_text(tmp_path, "en")


def test_unmet_names_what_the_unit_lacks_and_nothing_it_has():
    loaded = read(JIANGZHOU)
    assessment, fw = loaded.require()
    r = score(assessment, fw)
    by_id = {x.id: x for x in r.indicators}
    inds = {i.id: i.at_level(r.city.level, fw.unit_name(r.city.level)) for i in fw.indicators()}
    assert unmet(inds["B2"], inds, by_id) == ("B1",)
    qs = read(Path(__file__).resolve().parent.parent / "examples" / "qingshi-district.yaml")
    qa, qfw = qs.require()
    q = score(qa, qfw)
    assert unmet(inds["B2"], inds, {x.id: x for x in q.indicators}) == ()


def _advice(ident: str, waits: tuple[str, ...] = ()) -> Advice:
    return Advice(indicator=ident, gap=None, text=None, waits_for=waits)  # type: ignore[arg-type]


@given(st.permutations(["A", "B", "C", "D", "E"]), st.sampled_from(["A", "B", "C", "D", "E"]),
       st.sampled_from(["A", "B", "C", "D", "E"]))
def test_a_dependent_advice_never_precedes_its_prerequisite_and_nothing_is_lost(order, dependent, prerequisite):
    if dependent == prerequisite:
        return
    items = [_advice(i, (prerequisite,) if i == dependent else ()) for i in order]
    out = _after_prerequisites(items)
    assert sorted(a.indicator for a in out) == sorted(order)
    ids = [a.indicator for a in out]
    assert ids.index(dependent) > ids.index(prerequisite)
    if order.index(dependent) > order.index(prerequisite):
        assert ids == list(order)  # already after: left where the points put it
    else:
        assert ids.index(dependent) == ids.index(prerequisite) + 1
