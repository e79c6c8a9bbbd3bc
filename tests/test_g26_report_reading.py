"""G26: the report-reading defects G25-R left open (tests/audit_cities/g25r/AUDIT.md, "## Status"),
each asserted as the district, the panel or a reader sees it: report text, CLI output."""

from __future__ import annotations

import html
import json

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


# G25R-7: Songhe filed G1 as unknown ("创建名录2024年未公布"); the panel found 46 %. The reviewed summary
# counted 45 "填报了数据" of a county that filed 44, G1 among them, and 一 called it a correction only.

def test_a_figure_only_the_panel_gave_is_the_panels_finding():
    zh = _said(report_lines(SONGHE, "zh", [SONGHE_REVIEW]))
    assert squash("数据情况：适用的46项指标中，44项填报了数据，其中40项附有佐证材料或经专家组核定，其余4项为如实填报的"
                  "“无/0”，无需佐证；1项（G1）自评未给出数据，由专家组查明；1项数据不详或未填报；数据覆盖率98%。") in zh
    assert "45项填报了数据" not in zh
    assert squash("所更正的指标中，G1自评未给出数据，由专家组查明。另有1项（K4）经专家组核查，与自评一致。") in zh
    # the self-assessment's own counts were right, and stay so
    assert squash("44项填报了数据（其中40项附有佐证材料，4项为如实填报的“无/0”，得0分，无需佐证），2项填报为数据不详") in zh
    en = _said(report_lines(SONGHE, "en", [SONGHE_REVIEW]))
    assert squash("of the 46 applicable indicators, 44 were answered, 40 of them backed by evidence or verified by the "
                  "panel") in en
    assert squash("; 1 (G1) not given by the self-assessment and found by the panel; unknown or not answered: 1;") in en
    assert squash("Of those corrected, the panel's figure for G1 is its own finding: the self-assessment gave none.") in en


def test_an_unreviewed_report_counts_as_before():
    zh = _said(report_lines(SONGHE, "zh"))
    assert "由专家组查明" not in zh
    assert squash("数据情况：适用的46项指标中，44项填报了数据") in zh


# G25R-14: the English reasons that open a bullet started lower-case: "· the expert panel found: …",
# "· the total of 75.2 is below …" (summary) and "· dimension F at 27% …" (八). The engine's own text
# stays as it is, as it is also said mid-sentence.
SHUGUANG = G25R / "shuguang-district-digital.yaml"


def _after(lines: list[str], head: str, n: int) -> list[str]:
    k = lines.index(head)
    return [html.unescape(ln) for ln in lines[k + 1:k + 1 + n]]


def test_english_reason_bullets_open_with_a_capital():
    en = report_lines(SHUGUANG, "en")
    assert _after(en, "What decided it:", 2) == [
        "The total of 75.2 is below the recognition line of 85 but reaches the deferral line of 75: hence "
        "'Recognition deferred'",
        "Dimensions below the 60% floor (3, the most points lost first): F 27%; D 50%; L 42%"]
    assert _after(en, "Reasons:", 2) == [
        "Total 75.2 is below the recognition line of 85 but reaches the deferral line of 75: recognition deferred",
        "Dimension F at 27% (7.3 points lost) is below the 60% floor"]
    veto = report_lines(JINXIU, "en", [LEAD_REVIEW])
    assert _after(veto, "What decided it:", 1)[0].startswith("The expert panel found: falsified data or materials")
    assert _after(veto, "Reasons:", 1)[0].startswith("The expert panel found: falsified data or materials")


def test_the_engines_reasons_keep_their_case():
    proc = lcity_here("score", str(SHUGUANG), "--format", "json")
    reasons = json.loads(proc.stdout)["recognition"]["reasons"]
    assert reasons[0].startswith("total 75.2 is below")
    zh = report_lines(SHUGUANG, "zh")
    assert _after(zh, "主要依据：", 1)[0].startswith("总分75.2分")


# G25R-12: 澄浦市, a county-level city assessed at the county level, read "本县没有数据不详的指标" and
# "本县可位列第1至第13位"; its officials say 本市. What the framework does not ask of its level stays
# "县级单位不填报".
CHENGPU = G25R / "chengpu-countycity-intl.yaml"


def test_a_county_level_city_is_this_city_at_the_county_level():
    zh = report_lines(CHENGPU, "zh")
    said = _said(zh)
    assert "本市没有数据不详的指标" in said and "本县没有数据不详的指标" not in said
    assert "本市可位列第1至第13位" in said
    assert "本市得分率" in said
    assert "指标体系规定县级单位不填报的指标：" in zh and "L1（指标体系规定县级单位不填报）" in said
    en = _said(report_lines(CHENGPU, "en"))
    assert squash("This city has no unknown answers") in en and "Thiscountyhas" not in en
    assert squash("Not asked of a county by the framework:") in en


def test_a_county_keeps_its_word():
    said = _said(report_lines(SONGHE, "zh"))
    assert "本县得分率" in said and "本市得分率" not in said


def test_the_unit_word_follows_the_name_only_for_chinas_levels():
    from evaluator.unit_word import own_word

    assert own_word("县", "澄浦市", True) == "市" and own_word("county", "澄浦市", False) == "city"
    assert own_word("县", "松鹤县", True) == "县" and own_word("县", "某某自治县", True) == "县"
    assert own_word("县", "某某旗", True) == "旗" and own_word("county", "某某旗", False) == "banner"
    assert own_word("区", "浦东新区", True) == "区"
    assert own_word("县", "某某", True) == "县"  # a name that says nothing: the level
    assert own_word("社区", "某某市", True) == "社区"  # a framework's own level keeps its name
    assert own_word("enterprise", "某某市", False) == "enterprise"


# G25R-15: Songhe reviewed, lcity plan's next-best alternative listed 25 of the plan's 26 tasks at the
# same effort and total, as if it were the plan less D1. It leaves D1 out and takes D3 and F1 higher and
# I1 lower: the line now says so.
def test_an_alternative_of_fewer_of_the_plans_tasks_says_how_it_differs():
    args = ("plan", str(SONGHE), "--review", str(SONGHE_REVIEW))
    zh = " ".join(lcity_here(*args, "--lang", "zh").stdout.split())
    line = zh[zh.index("次优方案"):].split("。")[0]
    assert "；不同之处：不做D1、I1 18,200人 → 21,160人、D3 查明现状并提高（需达到90%" in line, line
    en = " ".join(lcity_here(*args, "--lang", "en").stdout.split())
    line = en[en.index("Next-best alternative"):]
    assert "; differs in D1 (not done); I1 18,200 people → 21,160 people; D3 find out where it stands" in line, line[:400]
    doc = json.loads(lcity_here(*args, "--format", "json").stdout)
    mine = {c["indicator"]: c["effort"] for c in doc["changes"]}
    theirs = {c["indicator"] for c in doc["alternative"]["changes"]}
    assert set(mine) - theirs == {"D1"} and mine["D1"] > 0  # it leaves out a task of real effort


# G25R-11: every good unit's summary led its strengths with B1, C1 and A1 (full points, the most points,
# the framework's order). Among equal shares, the dimension that stands furthest above the reference
# units' median (else above the unit's own average) now comes first: what sets the unit apart.

def _strengths(path, lang="zh", reviews=()):
    lines = report_lines(path, lang, list(reviews))
    head = "主要优势：" if lang == "zh" else "Main strengths:"
    k = lines.index(head)
    return [ln.split(" ")[0] for ln in lines[k + 1:k + 4]]


def test_strengths_name_what_sets_the_unit_apart():
    assert _strengths(SHUGUANG) == ["E1", "E2", "E3"]  # its platforms, 43 points above the reference median
    assert _strengths(SONGHE) == ["I2", "I3", "I4"]  # its elders' learning, far above its own average
    assert _strengths(SHUGUANG, "en") == ["E1", "E2", "E3"]
    assert _strengths(ROOT / "examples" / "qingshi-district.yaml")[0] == "L3"  # its pathway's practice first, as before


def test_the_strengths_are_the_same_each_time():
    from evaluator.benchmark import benchmark
    from reports.context_facts import facts
    from reports.context_summary import strengths_top

    from .conftest import scored_reviewed

    result, fw, assessment = scored_reviewed(SHUGUANG)
    bench = benchmark(result, fw)
    def made():  # no plan: the strengths do not read it
        return strengths_top(facts(result, bench, fw, assessment, lang="zh", plan=False))

    once = made()
    assert [s.split(" ")[0] for s in once] == ["E1", "E2", "E3"]
    assert all(made() == once for _ in range(3))
