"""The reports of two new archetypes, as the G20-A audit read them (tests/audit_reports_g20):
an industry-driven district (Huining) and a cultural-empowerment county reviewed by a panel (Liyang).

* G20-A1: a figure the panel rejected was planned as a recount at any level, at one effort point:
  Liyang filed 6,200 credit-bank accounts, the panel rejected them as counting too much, and the
  plan and the report's key tasks asked "按专家组意见重新统计（需达到97,158人）" at one point. A
  recount finds at most what the unit filed; a level above it is work, costed as any improvement.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from evaluator.effort import Effort
from evaluator.plan_options import Option, recounted

from .conftest import ROOT, lcity_here as lcity, shared_report

R20 = ROOT / "tests" / "audit_reports_g20"
LIYANG = R20 / "liyang-county.yaml"
LIYANG_REVIEW = R20 / "liyang-county.review.yaml"
HUINING = R20 / "huining-district.yaml"
R19 = ROOT / "tests" / "audit_reports_g19"


def _flat(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _cells(table: str) -> dict[str, list[list[str]]]:
    """A terminal table's rows by their indicator id: each column's lines, as wrapped."""
    rows: dict[str, list[list[str]]] = {}
    last = None
    for line in table.splitlines():
        if not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if cells[0]:
            last = rows.setdefault(cells[0].split()[0], [[] for _ in cells])
        for k, c in enumerate(cells):
            if last is not None and c:
                last[k].append(c)
    return rows


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout


def _report(source: Path, lang: str, review: Path | None = None) -> Path:
    """The PDF ``lcity report SOURCE [--review REVIEW] --lang LANG -o PDF`` wrote (exit 0): made once a
    session for both workers (conftest.shared_report), as five of this module's nine reports were the
    same report again."""
    made = shared_report(source, lang, review)
    assert made["proc"].returncode == 0, made["proc"].stderr
    return made["pdf"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_rejected_figure_is_not_recounted_above_what_the_unit_filed(lang):
    run = lcity("plan", str(LIYANG), "--review", str(LIYANG_REVIEW), "--lang", lang)
    assert run.returncode == 0, run.stderr
    flat = _flat(run.stdout)
    assert "97,158" not in flat
    assert "按专家组意见重新统计" not in flat and "countagainasthepanelasked" not in flat
    doc = json.loads(lcity("plan", str(LIYANG), "--review", str(LIYANG_REVIEW), "--format", "json").stdout)
    for c in doc["changes"]:
        if c["recount"]:  # a recount never asks more than the 6,200 the county filed
            assert c["indicator"] != "K2" or c["after"] <= 6200


def test_a_rejected_figure_the_filing_reaches_is_still_a_recount():
    doc = json.loads(lcity("plan", str(R19 / "chenghu-city.yaml"), "--review", str(R19 / "chenghu-city.review.yaml"),
                           "--target", "excellent", "--format", "json").stdout)
    k2 = doc["changes"][0]
    assert k2["indicator"] == "K2" and k2["recount"] is True and k2["effort"] <= 1
    assert 607066 <= k2["after"] <= 610000  # the summary's least figure, within the 610,000 filed


def test_the_reviewed_report_key_tasks_do_not_ask_a_recount_beyond_the_filing(tmp_path: Path):
    text = _flat(_pdf_text(_report(LIYANG, "zh", LIYANG_REVIEW)))
    summary = text[text.index("实现“认定为示范区”的关键任务"):][:400]
    assert "K2" not in summary and "97,158" not in text


def _opt(value: float) -> Option:
    return Option("K2", "K2", "K", value, 0.5, 1.0, 12.0, 4.0, float(value))


def test_recounted_looks_up_only_levels_within_the_filing():
    eff = Effort(per_step=3.0, steps=4, responsible=None, rationale=None, source="uniform", look_up=1.0)
    out = {o.value: o for o in recounted([_opt(100), _opt(200), _opt(300)], 200, eff)}
    assert out[100].looked_up and out[200].looked_up and out[100].effort == 1.0
    assert not out[300].looked_up and out[300].effort == 12.0  # above the filing: work
    assert all(o.looked_up for o in recounted([_opt(100)], True, eff))  # a yes is re-checked as filed


@pytest.fixture(scope="module")
def liyang_reviewed() -> dict[str, str]:
    return {lang: _flat(_pdf_text(_report(LIYANG, lang, LIYANG_REVIEW))) for lang in ("zh", "en")}


@pytest.fixture(scope="module")
def zhucheng_reviewed() -> dict[str, str]:
    """Zhucheng's reviewed report (G18): K2's 610,000-odd accounts rejected, K at 49 %; the filed
    figure would score 1.81 of 2.5 points, enough to lift K to 67 %: its floor is open."""
    g18 = ROOT / "tests" / "audit_reports_g18"
    return {lang: _flat(_pdf_text(_report(g18 / "zhucheng-city.yaml", lang, g18 / "zhucheng-city.review.yaml")))
            for lang in ("zh", "en")}


@pytest.mark.parametrize("lang, says, never", [
    ("zh", ["1个维度因专家组不予采信的自评数据按0分计，得分率低于60%的底线：K49%",
            "K维度得分率49%（失5.1分），低于60%的底线（该维度有专家组不予采信的自评数据",
            "满分10分中有2.5分的指标自评数据未被专家组采信",
            "有专家组不予采信的自评数据（按0分计）、尚不能判断是否达到底线的维度：K"],
     ["1个维度因数据不详的指标按0分计", "（该维度有数据不详的指标，按0分计", "2.5分的指标数据不详或未填报"]),
    ("en", ["Dimensionsbelowthe60%floorwiththeanswersthepaneldidnotacceptcountedas0(1):K49%",
            "answersthepaneldidnotacceptcountas0;verifiedagainasthepanelasked",
            "whoseanswersthepaneldidnotaccept,soitscores49%withthemat0"],
     ["dimensionsbelowthe60%floorwiththeirunknownanswerscountedas0"]),
])
def test_a_dimension_short_for_a_rejected_answer_names_the_panel_not_unknown_data(zhucheng_reviewed, lang, says, never):
    """G20-A3, on a filing that could lift the dimension to its floor (Zhucheng's K2; Liyang's K2
    scores nothing even as filed, G20-A9)."""
    text = zhucheng_reviewed[lang]
    for s in says:
        assert s in text, s
    for s in never:
        assert s not in text, s


def test_a_self_assessment_still_says_unknown_data():
    text = _flat(_pdf_text(_report(HUINING, "zh")))
    assert "2个维度因数据不详的指标按0分计，得分率低于60%的底线：I20%、K43%" in text
    assert "采信" not in text


@pytest.mark.parametrize("lang, says", [
    ("zh", "一票否决：近两个财政年度未连续单列学习型城市建设或终身教育专项预算"),
    ("en", "veto: No dedicated learning-city or lifelong-education budget line in one or both of the last two fiscal years"),
])
def test_the_budget_veto_does_not_say_neither_year_had_a_line(lang, says):
    """G20-A2: Huining's D2 is 'none' (its note: a line in 2024, none in 2025); the veto read
    '近两个财政年度未单列…专项预算', as if neither year had one."""
    run = lcity("score", str(HUINING), "--lang", lang)
    assert run.returncode == 0, run.stderr
    assert _flat(says) in _flat(run.stdout)
    assert "近两个财政年度未单列" not in run.stdout and "lineinthelasttwofiscalyears" not in _flat(run.stdout)


@pytest.mark.parametrize("lang, says", [
    ("zh", "警告 na-not-done: L2 标为不适用（not_applicable），但说明“县未参与国际交流”是说本单位没有开展这项工作"),
    ("en", "warning na-not-done: L2 is marked not_applicable, but its note (“县未参与国际交流”) says the unit has not done it"),
])
def test_not_applicable_for_work_not_done_is_a_warning(lang, says):
    """G20-A4: Liyang marked L2 not applicable 'because the county took part in no international
    exchange'; L's 6 points then rested on L3 alone and the plan's first key task was three
    international projects. H1 (no university) and J3 (first evaluation) are not applicable."""
    run = lcity("validate", str(LIYANG), "--lang", lang)
    assert run.returncode == 0, run.stderr
    out = run.stdout + run.stderr
    assert says in out
    assert "H1 " not in out.split("na-not-done")[0][-5:] and out.count("na-not-done") == 1


def test_a_report_made_before_the_veto_was_reworded_still_verifies(tmp_path: Path):
    """G20-A2's consequence: a report whose embedded decision reads the veto's former name agrees,
    with a note on the wording; its figures and outcome are what verify checks."""
    from reports.embedded import RESULT

    from .test_verify import tamper

    pdf = _report(HUINING, "zh")  # tamper() writes a copy: the shared PDF is only read

    def older(data: bytes) -> bytes:
        result = json.loads(data)
        rec = result["recognition"]
        rec["reasons_zh"] = [r.replace("未连续单列", "未单列") for r in rec["reasons_zh"]]
        rec["reasons"] = [r.replace(" in one or both of the last", " in the last") for r in rec["reasons"]]
        return json.dumps(result, ensure_ascii=False).encode()

    old = tamper(pdf, tmp_path / "old.pdf", RESULT, older)
    run = lcity("verify", str(old), "--lang", "zh")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "一致——总分 46.7，不合格，不予认定" in run.stdout
    assert "措辞不同（分数相同）：recognition.reasons、recognition.reasons_zh" in run.stdout + run.stderr


@pytest.mark.parametrize("note, warned", [
    ("人均约1.5元；2025年由区教育局一般公用经费列支，2024年单列专项，2025年未单列", False),
    ("人均约1.5元", True),
])
def test_funds_without_line_ends_when_the_note_says_how_the_budget_stood(tmp_path: Path, note, warned):
    """G20-A8: the warning asks for a note on a line in only one year and the funds' source; once
    written (Huining's D1), validate no longer repeats it."""
    text = HUINING.read_text(encoding="utf-8")
    start = text.index("  D1:\n")
    end = text.index("  D2:\n")
    block = text[start:end]
    old = next(ln for ln in block.splitlines() if ln.strip().startswith("note:"))
    src = tmp_path / "h.yaml"
    src.write_text(text[:start] + block.replace(old, f"    note: {note}") + text[end:], encoding="utf-8")
    run = lcity("validate", str(src))
    assert run.returncode == 0, run.stderr
    assert ("funds-without-line" in run.stdout + run.stderr) is warned


@pytest.mark.parametrize("unit, review, lang, says", [
    # among the type's practices, those of the dimension furthest above its baseline first (G25R-11)
    (HUINING, None, "zh", ["主要优势：•G3从业人员继续教育为125.9人次/百名从业人员", "•G4全员全组织覆盖与差异化服务",
                           "•D3企业职工教育培训经费提取为96%"]),
    # (E4, 2 points, before F6 and K3, 1.5 each: the lesser items last, G27R-9)
    (LIYANG, LIYANG_REVIEW, "en", ["Mainstrengths:•E4Immersiveandexperiencelearningsites",
                                   "•F6Socialparticipationandlocalcurriculaincommunityeducation",
                                   "•K3Learningweekandrecognition"]),
])
def test_the_summary_strengths_show_what_the_pathway_line_says(unit, review, lang, says):
    """G20-A5: an industry-driven district's main strengths were A1, A2 and E1, a cultural county's
    B1, C1 and J1; among equally strong indicators the observed type's practices come first."""
    text = _flat(_pdf_text(_report(unit, lang, review)))
    for s in says:
        assert s in text, s


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_rated_units_unknown_figure_is_planned_as_work_not_as_a_look_up(lang):
    """G20-A6: Huining (rated) has I1, I3 and K2 unknown. The plan raises them as work costed from
    nothing (30 effort points for I1), so the row says so, and nothing says the plan fails "if the
    figure found is lower": its effort buys the level whatever the count finds."""
    proc = lcity("plan", str(HUINING), "--lang", lang, "--format", "json")
    doc = json.loads(proc.stdout)
    assert doc["if_found"] is False and doc["unknown"] == {"points": 0, "indicators": [], "full": []}
    i1 = next(c for c in doc["changes"] if c["indicator"] == "I1")
    assert i1["state"] == "unknown" and i1["effort"] == 30 and i1["finds_out"] is False
    text = lcity("plan", str(HUINING), "--lang", lang).stdout
    change = " ".join(_cells(text)["I1"][1])
    if lang == "zh":
        assert _flat(change) == "查明现状并提高（需达到35,400人；工作量按从零做起估算）", change
        assert "查明的数值若较低" not in text and "若下表中“查明”的数值" not in text
    else:
        assert change == "find out where it stands and raise it (35,400 people needed; effort costed from nothing)", change
        assert "if the figure found is lower" not in text and "if the figures found are lower" not in text


def test_an_unratable_units_unknowns_are_still_look_ups():
    """Beiling (not rated: too many unknowns) finds its figures out first: 查明, one step each, and
    the plan holds only if what is found reaches the levels listed."""
    unit = ROOT / "tests" / "audit_coordinator_g18" / "inputs" / "beiling-not-ratable.yaml"
    doc = json.loads(lcity("plan", str(unit), "--format", "json", "--target", "recognition").stdout)
    assert doc["if_found"] is True and len(doc["unknown"]["indicators"]) == 14
    assert all(c["finds_out"] for c in doc["changes"] if c["indicator"] in doc["unknown"]["indicators"])
    text = _flat(lcity("plan", str(unit)).stdout)
    assert "查明现状并提高" not in text and "查明（" in text


@pytest.mark.parametrize("lang, says", [
    ("zh", "核定更正2项（E4、K2），得分均未因此改变，其余"),
    ("en", _flat("corrected 2 (E4, K2), none of which changes its score; the other")),
])
def test_corrections_that_change_no_score_are_said_so_not_as_zero_and_a_dash(liyang_reviewed, lang, says):
    """G20-A10: Liyang's panel corrected E4 (41 -> 29, the same step) and rejected K2 (it scored
    nothing): 一 read "其中0项得分随之改变（—）", a dash where a reader looks for a missing value."""
    text = liyang_reviewed[lang]
    assert says in text, text[:3000]
    assert "其中0项得分随之改变" not in text and "0 of which now score differently" not in text


@pytest.mark.parametrize("lang, says, never", [
    ("zh", ["5个维度得分率低于60%的底线（按失分由多到少排列）：E25%、L0%、D42%（其中1项指标数据不详，按0分计）、"
            "K50%（其中1项指标的自评数据未被专家组采信，按0分计）、F55%",
            "K市民参与与激励：得分率50%，低于60%的底线（另有K2学分银行使用率的自评数据未被专家组采信，共2.5分，按0分计）",
            "未达到底线的维度：E数字平台、资源与沉浸式场景、L国际交流合作、D多元经费保障、K市民参与与激励、F社区教育支点。"],
     ["可能达到底线", "取决于按专家组意见重新核实的数据", "尚不能判断是否达到底线的维度：K"]),
    ("en", ["Dimensionsbelowthe60%floor(5,themostpointslostfirst):E25%;L0%;D42%(1ofitsindicatorsunknown,countedas0);"
            "K50%(1ofitsindicatorsnotacceptedbythepanel,countedas0);F55%",
            "KCitizenparticipationandincentives:50%ofitspoints,belowthe60%floor,withK2Credit-bankuptakenot"
            "acceptedbythepanel(2.5pointsscored0)"],
     ["theycouldliftittothefloor", "whosefloorcannotbejudgedyet", "dependsonthefiguresverifiedagain"]),
])
def test_a_rejected_filing_that_scores_nothing_leaves_no_floor_open(liyang_reviewed, lang, says, never):
    """G20-A9: the panel rejected Liyang's 6,200 credit-bank accounts (1.3 % of residents, below the
    rule's 2 % start): even accepted as filed, K2 scores 0 and K stays at 50 %. The report read K as
    a dimension whose floor 按专家组意见重新核实后可能达到底线; a recount finds at most the filing
    (G20-A1), so K is below its floor on what the county filed, K2 named as the panel's rejection."""
    text = liyang_reviewed[lang]
    for s in says:
        assert s in text, s
    for s in never:
        assert s not in text, s


@pytest.mark.parametrize("lang, liyang, zhucheng, never", [
    ("zh", "分（数据不详或专家组不予采信的指标按0分计）", "分（专家组不予采信的自评数据按0分计）", "分（数据不详的指标按0分计）"),
    ("en", "unknownanswersandthosenotacceptedbythepanelcountedas0)", ",answersnotacceptedbythepanelcountedas0)",
     ",unknownanswerscountedas0)"),
])
def test_the_robustness_line_says_the_panel_did_not_accept_an_answer(liyang_reviewed, zhucheng_reviewed, lang,
                                                                     liyang, zhucheng, never):
    """G20-A10: the summary's robustness interval read '（数据不详的指标按0分计）' where Liyang's
    zeros are D3 (unknown) and K2 (rejected by the panel), and Zhucheng's only zero is K2."""
    assert liyang in liyang_reviewed[lang] and never not in liyang_reviewed[lang]
    assert zhucheng in zhucheng_reviewed[lang] and never not in zhucheng_reviewed[lang]


@pytest.mark.parametrize("lang, says, never", [
    ("zh", "K1（仅可使用省级学分银行）由省决定，不是本县自身的工作。", "K1按所在城市的情况填报，不是本县自身的工作"),
    ("en", "Its answer to K1 ('Only a provincial credit bank') is decided by the province, not by its own work.",
     "It answers K1 with its city's record"),
])
def test_a_provincial_credit_bank_is_not_called_the_citys_record(lang, says, never):
    """G20-A10: Liyang's K1 is 'only a provincial credit bank'; the level note of benchmark (and of the
    report's 八 and Appendix 2) read 'K1按所在城市的情况填报，不是本县自身的工作'."""
    run = lcity("benchmark", str(LIYANG), "--lang", lang)
    assert run.returncode == 0, run.stderr
    assert _flat(says) in _flat(run.stdout) and _flat(never) not in _flat(run.stdout)
