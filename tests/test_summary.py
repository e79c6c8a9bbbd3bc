"""The executive summary, the opening of 评估结论 and who the report says evaluated (issue 15
items 1 and 4): a self-assessment never says a panel judged it; a reviewed report names the panel's
organisation as the evaluating body (cover, PDF author, seal line) and the district's office as the
self-assessing body; a panel sentence contradicting a verified figure is listed."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from evaluator.benchmark import benchmark
from evaluator.claims import claims_in, contradictions
from evaluator.pipeline import read_scored
from reports.context import build_context
from reports.context_facts import facts
from reports.context_summary import _total_range, summary

from .conftest import EXAMPLES

QINGSHI = EXAMPLES / "qingshi-district.yaml"
REVIEW = EXAMPLES / "qingshi-district.review.yaml"
YUNLING = EXAMPLES / "yunling-county.yaml"


@lru_cache(maxsize=None)
def _scored(path: Path, review: Path | None):
    result, loaded = read_scored(path, reviews=[review] if review else [])
    assessment, fw = loaded.require()
    return result, benchmark(result, fw), fw, assessment


def _ctx(path: Path, review: Path | None, lang: str = "zh") -> dict:
    result, bench, fw, assessment = _scored(path, review)
    return build_context(result, bench, fw, assessment, lang=lang)


def test_a_self_assessment_does_not_pretend_a_panel_judged_it() -> None:
    ctx = _ctx(YUNLING, None)
    opening = " ".join(ctx["conclusion"]["opening"])
    assert opening.startswith("自评结果显示")
    assert "专家组认为" not in opening and "评估组认为" not in opening
    assert "尚未经专家组核查" in ctx["summary"]["kind"]
    en = " ".join(_ctx(YUNLING, None, "en")["conclusion"]["opening"])
    assert en.startswith("The self-assessment shows") and "panel finds" not in en


def test_the_panels_conclusion_is_the_reports_conclusion() -> None:
    ctx = _ctx(QINGSHI, REVIEW)
    assert ctx["conclusion"]["opening"][0].startswith("专家组认为")
    assert ctx["conclusion"]["panel"] == []  # not repeated as a bullet after the rules
    en = _ctx(QINGSHI, REVIEW, "en")["conclusion"]["opening"][0]
    assert en.startswith("The panel's conclusion, as written: ")


def test_the_evaluating_body_is_the_panels_organisation() -> None:
    ctx = _ctx(QINGSHI, REVIEW)
    panel, own = "河西市学习型城市建设评估专家组", "青石区学习型城市建设领导小组办公室"
    assert ctx["meta"]["author"] == panel
    assert ctx["cover"]["body"] == panel
    assert ctx["signatures"]["body"] == panel
    rows = dict(ctx["cover"]["rows"])
    assert rows["评估单位"] == panel and rows["自评单位"] == own
    en = _ctx(QINGSHI, REVIEW, "en")
    assert en["meta"]["author"] == "Hexi City Learning-City Evaluation Panel"
    assert dict(en["cover"]["rows"])["Self-assessed by"] == "Learning City Leading Group Office of Qingshi District"
    self_report = _ctx(QINGSHI, None)
    rows = dict(self_report["cover"]["rows"])  # a self-assessment names its office once, as 自评单位
    assert self_report["meta"]["author"] == own and rows["自评单位"] == own and "评估单位" not in rows


def test_a_panel_sentence_contradicting_a_verified_figure_is_listed() -> None:
    result, *_ = _scored(QINGSHI, REVIEW)
    found = contradictions(result, ["社区教育专项经费人均不足6元，且未建立稳定增长机制"])
    assert [(c.indicator, c.claim) for c in found] == [("D1", "不足6元")]
    assert contradictions(result, ["社区教育专项经费人均超过6元"]) == []
    assert contradictions(result, ["社区教育专项经费人均不足7元"]) == []
    lines = _ctx(QINGSHI, REVIEW)["conclusion"]["claims"]
    assert len(lines) == 1 and "6.34元/人·年" in lines[0]
    assert claims_in("satisfaction is below 70 %") == [("below 70 %", True, 70.0, "%")]


def test_the_summary_works_with_what_is_present() -> None:
    result, bench, fw, assessment = _scored(YUNLING, None)
    f = facts(result, bench, fw, assessment, lang="zh")
    s = summary(f)["summary"]
    assert s["total"].startswith("云岭县评估总得分33.9分")
    assert "数据不详的指标按0分计" in s["total"]  # bounds: the county has unknown indicators
    assert len(s["strengths"]) <= 3 and len(s["problems"]) == 3 and 1 <= len(s["tasks"]) <= 3

    class WithRobustness:  # a Facts as the robustness analysis will extend it
        def __init__(self, base):
            self._base, self.robustness = base, SimpleNamespace(p05=31.2, p95=36.8)

        def __getattr__(self, name):
            return getattr(self._base, name)

    assert "31.2—36.8" in _total_range(WithRobustness(f))


def test_a_review_without_an_organisation_is_the_panels_not_the_districts() -> None:
    beiling = EXAMPLES / "districts" / "beiling.yaml"
    ctx = _ctx(beiling, beiling.with_name("beiling.review.yaml"))
    assert ctx["meta"]["author"] == "评估专家组"
    assert dict(ctx["cover"]["rows"])["自评单位"] == "北岭区学习型城区建设领导小组办公室"
