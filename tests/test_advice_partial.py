"""What to do about a figure the unit has part of (G14 #9).

A recommendation for a participation rate of 30 % where 60 % earns full points said only "Now
30.61%; full points at 60%." and nothing to do: an indicator's own advice was given only to a unit
that scores nothing on it. A framework now marks the advice that says how to raise a figure
(``advice_for_partial``); advice that says how to begin ("merge the sites into one platform") is
still kept from a unit that has begun. And a conditional entry that holds for none of a unit's
answers no longer leaves it with no advice at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator.advice import advise, choose_text
from evaluator.pipeline import read_scored
from indicators.loader import load_framework

from .conftest import EXAMPLES
from .test_recommendations import _report_text

JINCHUAN = Path(__file__).parent / "audit_cities" / "g14" / "jinchuan-county-industry.yaml"


def _advice(path: Path) -> tuple[dict, dict, dict]:
    result, loaded = read_scored(path)
    _, fw = loaded.require()
    level = result.city.level
    inds = {i.id: i.at_level(level, fw.unit_name(level)) for i in fw.indicators()}
    by_id = {r.id: r for r in result.indicators}
    return {a.indicator: a for a in advise(fw, inds, result.indicators, level)}, inds, by_id


def test_a_rate_part_of_the_way_gets_the_advice_that_raises_it() -> None:
    advice, inds, by_id = _advice(JINCHUAN)
    for i in ("F1", "C1", "C2", "F2"):
        assert by_id[i].state == "answered" and 0 < by_id[i].score < by_id[i].max, i
        assert inds[i].advice_for_partial
        assert advice[i].text == inds[i].advice, i


def test_advice_on_how_to_begin_is_kept_from_a_unit_that_has_begun() -> None:
    advice, inds, by_id = _advice(JINCHUAN)
    partial = [i for i, a in advice.items() if by_id[i].state == "answered" and by_id[i].score > 1e-9
               and not inds[i].advice_for_partial and a.when is None]
    assert "E1" in partial  # "merge the learning sites into one platform", for a county whose platform reaches 30 %
    for i in partial:
        assert advice[i].text is None, i


@pytest.mark.parametrize("lang,now,todo", [
    ("en", "Now 30.61% (community training rate); full points at 60%.", "Draw up a yearly community-education course menu"),
    ("zh", "现为30.61%（社区居民培训率），达到60%可得满分。", "按人群需求调查结果编制社区教育年度课程菜单"),
])
def test_the_report_says_what_to_do_after_where_the_rate_stands(lang: str, now: str, todo: str) -> None:
    text = " ".join(_report_text(JINCHUAN, (), lang).split())
    assert now in text
    after = text[text.index(now):]
    assert after.index(todo) < 200, after[:300]


def test_an_entry_that_holds_for_no_answer_falls_back_to_the_indicator_advice() -> None:
    """china-learning-city@1's H3 entries are for a unit without a university (H1 not applicable);
    a district with universities that answered "no" was told nothing."""
    fw = load_framework("china-learning-city@1")
    result, _ = read_scored(EXAMPLES / "qingshi-district.yaml")
    h3 = next(r for r in result.indicators if r.id == "H3")
    said_no = h3.model_copy(update={"state": "answered", "value": False, "score": 0.0, "share": 0.0})
    ind = fw.indicator("H3")
    assert fw.advice.get("H3")  # the entries exist, and none holds for a unit with H1 applicable
    text, when = choose_text(ind, said_no, fw.advice.get("H3"), "district", frozenset())
    assert (text, when) == (ind.advice, None)
    text, when = choose_text(ind, said_no, fw.advice.get("H3"), "district", frozenset({"H1"}))
    assert when is not None and "市内或省内" in text.zh
