"""Findings are written from the unit's facts (issue 15 item 2) and attributed to whoever wrote them
(item 4): every indicator of a dimension is accounted for, a zero-scored dimension says so, no rule
text, score tuple or calculation trace reaches the prose, filling instructions do not leak, a
capped list says it is capped, and notes are labelled as the unit's or the panel's."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from evaluator.benchmark import benchmark
from evaluator.pipeline import read_scored
from evaluator.plan import for_level
from reports.context import build_context

from .conftest import EXAMPLES

QINGSHI = EXAMPLES / "qingshi-district.yaml"
REVIEW = EXAMPLES / "qingshi-district.review.yaml"
YUNLING = EXAMPLES / "yunling-county.yaml"
JIANGLAN = EXAMPLES / "jianglan-city.yaml"

#: what belongs in Appendix 1, not in findings: rule text, calculation traces, score tuples
TRACES = {
    "zh": ["按线性插值", "起点", "得满分", "（满分 ", "达到 ≥", "回答“是”", r"\d+\.\d\d/\d", "填报时", "本区（市）"],
    # "floor 30 scores 0" is a rule's text; "the 60% floor" of a dimension is the findings' own word
    "en": ["linear between", r"floor \d", "scores full", "answered yes", "answered true", r"\d+\.\d\d/\d", "pts"],
}



@lru_cache(maxsize=None)
def _ctx(path: Path, review: Path | None, lang: str) -> dict:
    result, loaded = read_scored(path, reviews=[review] if review else [])
    assessment, fw = loaded.require()
    return build_context(result, benchmark(result, fw), fw, assessment, lang=lang)


@lru_cache(maxsize=None)
def _result(path: Path, review: Path | None):
    return read_scored(path, reviews=[review] if review else [])[0]


CASES = [(QINGSHI, None), (QINGSHI, REVIEW), (YUNLING, None), (JIANGLAN, None)]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path,review", CASES, ids=["qingshi", "qingshi+review", "yunling", "jianglan"])
def test_every_indicator_of_every_dimension_is_accounted_for(path, review, lang) -> None:
    ctx, result = _ctx(path, review, lang), _result(path, review)
    dims = ctx["findings_dims"]
    for d in result.dimensions:
        text = " ".join(dims[d.id]["paras"])
        for ind_id in d.indicators:
            r = result.indicator(ind_id)
            name = r.name_zh if lang == "zh" else r.name
            # a county's J4 under a framework written once for every level is its 县级示范项目 (G29R-2)
            said = {name, for_level(name, lang == "zh", "县")} if result.city.level == "county" else {name}
            assert any(n in text for n in said), f"{path.name} {d.id}: {ind_id} {name} is not accounted for"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path,review", CASES, ids=["qingshi", "qingshi+review", "yunling", "jianglan"])
def test_no_rule_text_or_calculation_trace_in_the_findings(path, review, lang) -> None:
    ctx = _ctx(path, review, lang)
    prose = [p for d in ctx["findings_dims"].values() for p in d["paras"]]
    prose += ctx["strengths"]["paras"]
    prose += [it["text"] for g in ctx["problems"]["groups"] for it in g["items"]]
    for p in prose:
        for trace in TRACES[lang]:
            assert not re.search(trace, p), f"{trace!r} in: {p}"


def test_a_zero_scored_dimension_says_so() -> None:
    """The county's B dimension scores 0; its section lists B1 as well as B2 (not applicable)."""
    ctx = _ctx(YUNLING, None, "zh")
    b = " ".join(ctx["findings_dims"]["B"]["paras"])
    assert "B 地方立法与制度保障得0分" in b
    assert "终身学习地方性法规" in b and "法规贯彻实施不适用于本单位" in b


def test_figures_stand_against_the_full_points_line_with_units() -> None:
    ctx = _ctx(QINGSHI, REVIEW, "zh")
    d = " ".join(ctx["findings_dims"]["D"]["paras"])
    assert "人均社区教育（终身教育）财政经费为6.34元/人·年，低于满分标准10元/人·年" in d


def test_notes_are_labelled_as_the_units_or_the_panels() -> None:
    notes = _ctx(QINGSHI, REVIEW, "zh")["findings_dims"]["D"]["notes"]
    assert any(n["label"] == "D1填报说明（原文）：" and n["text"].startswith("人均约6.7元") for n in notes)  # the district's
    assert any(n["label"] == "D1专家组核查意见：" and n["text"].startswith("经核对2024年") for n in notes)  # the panel's
    en = _ctx(QINGSHI, REVIEW, "en")["findings_dims"]["D"]["notes"]
    assert any(n["label"].startswith("D1, the panel's finding") for n in en)
    assert not any("City's note" in n["label"] for n in en)


def test_a_capped_strength_list_says_so() -> None:
    s = _ctx(QINGSHI, None, "zh")["strengths"]
    assert s["rest"] and "另有" in s["rest"]
