"""G26: the report-reading defects G25-R left open (tests/audit_cities/g25r/AUDIT.md, "## Status"),
each asserted as the district, the panel or a reader sees it: report text, CLI output."""

from __future__ import annotations

import html

from .conftest import ROOT, lcity_here, report_lines, squash

G25R = ROOT / "tests" / "audit_cities" / "g25r"
SONGHE = G25R / "songhe-county-elderly.yaml"
SONGHE_REVIEW = G25R / "songhe-county-elderly.review.yaml"
JINXIU = G25R / "jinxiu-district-veto.yaml"
LEAD_REVIEW = G25R / "jinxiu-district-veto.review.yaml"
MEMBER_REVIEW = G25R / "jinxiu-district-veto.review-member.yaml"


def _said(lines: list[str]) -> str:
    return html.unescape(squash(" ".join(lines)))


# G25R-4's rest: Jinxiu's lead found falsified data, the member did not. The reasons credit the veto
# to the lead (01fea9b), but the summary still said "先消除专家组认定的一票否决项" and the plan
# "专家组认定的否决项…不能通过改变答案消除", as if the panel had found it.

def test_the_summary_names_who_found_a_veto_only_one_reviewer_lists():
    zh = _said(report_lines(JINXIU, "zh", [LEAD_REVIEW, MEMBER_REVIEW]))
    assert squash("先消除黎志坚认定的一票否决项“提供虚假数据或材料”（评审专家2未认定此项，见“五、存在问题”）") in zh
    assert "先消除专家组认定" not in zh
    en = _said(report_lines(JINXIU, "en", [LEAD_REVIEW, MEMBER_REVIEW]))
    assert squash("First remove the veto 'Falsified data or materials' that 黎志坚 found and reviewer 2 did not") in en
    assert "thepanelfound(seesection5)" not in en


def test_the_reports_plan_names_who_found_it():
    zh = _said(report_lines(JINXIU, "zh", [LEAD_REVIEW, MEMBER_REVIEW]))
    assert squash("该目标无法达到：黎志坚认定、评审专家2未认定的否决项“提供虚假数据或材料”不能通过改变答案消除") in zh
    assert "专家组认定的否决项" not in zh


def test_a_veto_every_reviewer_lists_stays_the_panels():
    zh = _said(report_lines(JINXIU, "zh", [LEAD_REVIEW]))
    assert squash("先消除专家组认定的一票否决项“提供虚假数据或材料”（见“五、存在问题”）") in zh
    assert squash("专家组认定的否决项“提供虚假数据或材料”不能通过改变答案消除") in zh
    proc = lcity_here("plan", str(JINXIU), "--review", str(LEAD_REVIEW), "--lang", "en")
    assert "the veto 'Falsified data or materials' raised by the panel cannot be cleared" in " ".join(proc.stderr.split())


def test_lcity_plan_names_who_found_it():
    args = ("plan", str(JINXIU), "--review", str(LEAD_REVIEW), "--review", str(MEMBER_REVIEW))
    zh = " ".join(lcity_here(*args, "--lang", "zh").stderr.split())
    assert "目标“认定为示范区”无法达到：黎志坚认定、评审专家2未认定的否决项“提供虚假数据或材料”不能通过改变答案消除" in zh
    en = " ".join(lcity_here(*args, "--lang", "en").stderr.split())
    assert ("the veto 'Falsified data or materials' that 黎志坚 found and reviewer 2 did not cannot be cleared by "
            "changing answers") in en
