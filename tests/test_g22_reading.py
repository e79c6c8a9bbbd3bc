"""G22-R audit (tests/audit_cities/g22r/AUDIT.md): four archetype units read as a provincial panel
would, and what the report now says to them.

- The units score as the audit found them (so the findings below stay about these units).
- G22-R3: a reviewed unit's pathway call rests on the verified figures; where the panel corrected a
  practice that defines the leading or the declared type, 八（一） says which, with both figures
  (Jinwan: D4 41 % → 12 %, industry-driven on its own figures, mixed after the review).
- G22-R1: a survey rate's 95 % interval never runs past 100 %: Tongxi's K5 of 91 % on 45
  questionnaires read "95%置信区间79.1%—102.9%" in lcity plan and 六.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluator.sampling import interval, margin

from .conftest import lcity_here, report_lines, section, squash

G22 = Path(__file__).resolve().parent / "audit_cities" / "g22r"
JINWAN = G22 / "jinwan-district-industry.yaml"
JINWAN_REVIEW = G22 / "jinwan-district-industry.review.yaml"
TONGXI = G22 / "tongxi-district-smallsample.yaml"


@cache
def lines(unit: Path, lang: str, reviewed: bool = False) -> tuple[str, ...]:
    reviews = [unit.with_name(unit.stem + ".review.yaml")] if reviewed else []
    return tuple(ln.replace("&#39;", "'") for ln in report_lines(unit, lang, reviews))


def eight(unit: Path, lang: str, reviewed: bool = False) -> str:
    """八 Conclusion, squashed."""
    head, end = ("八、评估结论", "附件1") if lang == "zh" else ("8. Conclusion", "Appendix 1")
    ls = list(lines(unit, lang, reviewed))
    body = ls[max(i for i, ln in enumerate(ls) if ln.startswith(head)):]  # the section, not the contents line
    return squash(" ".join(section(body, head, end)))


# ---- the units as audited ------------------------------------------------------------------

@pytest.mark.parametrize("unit, review, total, outcome, pathway, says", [
    ("jinwan-district-industry", False, 90.3, "recognised", "industry", []),
    ("jinwan-district-industry", True, 89.4, "deferred", "mixed", ["差异较大的指标：D4、K4"]),
    ("qingyu-county-mid", False, 64.8, "refused", "balanced", ["总分上下界：64.8–76.3", "不详 6 项"]),
    ("haiyu-district-intl", False, 69.9, "refused", "internationalisation", ["F维度得分率15%"]),
    ("tongxi-district-smallsample", False, 90.2, "deferred", "mixed", ["只依据62份有效问卷", "只依据45份有效问卷"]),
])
def test_the_audit_units_score_as_audited(unit, review, total, outcome, pathway, says):
    args = ["score", str(G22 / f"{unit}.yaml")]
    if review:
        args += ["--review", str(G22 / f"{unit}.review.yaml")]
    data = json.loads(lcity_here(*args, "--format", "json").stdout)
    assert (round(data["total"], 1), data["recognition"]["outcome"], data["pathway"]["type"]) == (total, outcome, pathway)
    out = squash(lcity_here(*args, "--lang", "zh").stdout)
    for s in says:
        assert squash(s) in out, s


# ---- G22-R3: the panel's corrections beside the pathway call ---------------------------------

JINWAN_PANEL = {
    # G29A2-3: the self-assessed call is said, not "may differ"
    "zh": "按自评数据，实际做法显示为“产业驱动型”；以上判定依据专家组核定后的数据，结果不同：界定“产业驱动型”的做法中，"
          "D4 社会资金投入自评为41%，专家组核定为12%，得分率由100%降为60%。",
    "en": "The self-assessed figures show 'Industry-driven'; this call rests on the figures as verified by the panel, "
          "and differs: of the practices that define 'Industry-driven', D4 Non-government funding was "
          "self-assessed at 41% and verified by the panel at 12%, its share of the points falling from 100% to 60%.",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_reviewed_pathway_call_names_the_panels_correction_of_a_defining_practice(lang):
    """Jinwan: industry-driven on its own figures (+9, 10 ahead); mixed once the panel put D4 at
    12 % (a public skills-training subsidy counted as non-government money). 八 said only that the
    declared type leads 'but below the line', as though the unit's practice had not borne it out."""
    text = eight(JINWAN, lang, reviewed=True)
    assert squash(JINWAN_PANEL[lang]) in text
    # the call and the panel's line stand together, the call first
    call = "自述：产业驱动型；实际做法显示：混合型" if lang == "zh" else "Declared: Industry-driven; observed in practice: Mixed"
    assert text.index(squash(call)) < text.index(squash(JINWAN_PANEL[lang]))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_panel_line_without_a_review(lang):
    text = eight(JINWAN, lang)
    assert "判定依据专家组核定后的数据" not in text and "asverifiedbythepanelandmay" not in text


def test_a_score_change_is_not_named_as_a_corrected_figure():
    """Qingshi's review corrects D1 (a balanced-type practice) and changes J4's score by −0.5 with
    its figure unchanged: only D1 is named, with both figures."""
    ex = Path(__file__).resolve().parents[1] / "examples"
    ls = report_lines(ex / "qingshi-district.yaml", "zh", [ex / "qingshi-district.review.yaml"])
    said = [ln for ln in ls if "判定依据专家组核定后的数据" in ln]
    assert said == [("以上判定依据专家组核定后的数据，与按自评数据所得的判定相同（“国际化导向型”）：界定“均衡发展型”的做法中，"
                     "D1 人均社区教育（终身教育）财政经费自评为5,500,000元，专家组核定为5,200,000元，得分率由59%降为54%。")]


# ---- G22-R1: a survey's interval stays within 0–100 % ---------------------------------------

@given(rate=st.floats(min_value=0, max_value=100), n=st.integers(min_value=1, max_value=5000))
def test_a_survey_interval_holds_the_rate_and_stays_within_0_and_100(rate, n):
    lo, hi = interval(rate, n)
    assert 0 <= lo <= rate + 1e-9 and rate - 1e-9 <= hi <= 100
    # the margin the report prints beside the rate is the interval's farther end (or the clipped half-width)
    assert max(rate - lo, hi - rate) <= margin(rate, n) + 1e-9


def test_tongxi_k5_interval():
    lo, hi = interval(91, 45)
    assert (round(lo, 1), round(hi, 1)) == (79.1, 96.4)
    assert [round(x, 1) for x in interval(88, 62)] == [79.9, 96.1]  # the normal approximation, as before


@pytest.fixture(scope="module")
def tongxi_40(tmp_path_factory) -> Path:
    """Tongxi with K4's 88 % on 40 questionnaires: 4.8 'no' answers, so its margin is the Wilson
    interval's farther end (± 13.5) and rate ± margin would run to 101.5 %."""
    p = tmp_path_factory.mktemp("g22") / "tongxi-40.yaml"
    p.write_text(TONGXI.read_text(encoding="utf-8").replace("sample_size: 62", "sample_size: 40"), encoding="utf-8")
    return p


@pytest.mark.parametrize("lang, says", [
    ("zh", "该比率只依据40份有效问卷（指标体系要求不少于400份），95%置信区间74.5%—94.8%包含80%的认定要求"),
    ("en", ("The rate rests on 40 valid questionnaires (the framework asks for at least 400); its 95% confidence "
            "interval, 74.5% to 94.8%, holds the 80% line of recognition")),
])
def test_six_gives_the_interval_within_100_percent(tongxi_40, lang, says):
    ls = report_lines(tongxi_40, lang)
    head, end = ("六、意见建议", "七、稳健性分析") if lang == "zh" else ("6. Recommendations", "7. Robustness")
    body = ls[max(i for i, ln in enumerate(ls) if ln.startswith(head)):]
    six = squash(" ".join(section(body, head, end)).replace("&#39;", "'"))
    assert squash(says) in six


def test_plan_and_five_never_give_an_interval_past_100_percent(tongxi_40):
    plan = lcity_here("plan", str(TONGXI), "--lang", "zh")
    assert plan.returncode == 0, plan.stderr
    assert "102.9%" not in plan.stdout and "79.1%—96.4%" in squash(plan.stdout)
    report = " ".join(report_lines(tongxi_40, "zh"))  # 五 and the plan's line atop 六
    assert not re.search(r"10[0-9](\.\d)?%", report.replace("100%", ""))


# ---- G22-R4: 0 % for a rate whose note says there is nothing to count -----------------------

QINGYU = G22 / "qingyu-county-mid.yaml"


@pytest.mark.parametrize("lang, says", [
    ("zh", "qingyu-county-mid.yaml:415:12: 警告 zero-none-to-count: H1 填报为0%，但说明“县内仅1所中职学校参照统计，无高校”"
           "表明本单位没有这一比率所计的对象：分母为0，比率无从计算；按0%计分，会把本单位没有对象可做的工作算作未做的工作"
           "（本单位确实没有这类对象的，请把 H1 改为 status: not_applicable 并在 note 中写明理由，其分值将按比例分配给"
           "同一维度的其他指标，由专家组核实；有这类对象的，请按实际比例填报）"),
    ("en", "qingyu-county-mid.yaml:415:12: warning zero-none-to-count: H1 is answered 0%, but its note "
           "(“县内仅1所中职学校参照统计，无高校”) says the unit has none of what the rate counts: its denominator is 0 "
           "and the rate cannot be worked out"),
])
def test_a_zero_share_of_institutions_the_unit_has_none_of_is_a_warning(lang, says):
    """Qingyu County answered H1 (the share of its universities and colleges that open to residents)
    0 % with the note '无高校': 八 then named H1 among its three largest losses."""
    run = lcity_here("validate", QINGYU.name, "--lang", lang, cwd=G22)
    assert run.returncode == 0, run.stderr
    assert says in run.stdout
    assert run.stdout.count("zero-none-to-count") == 1


def test_score_and_five_say_it():
    run = lcity_here("score", QINGYU.name, "--lang", "zh", cwd=G22)
    assert "1 个警告（说明为“没有计数对象”的0%）" in run.stderr
    whole = squash(" ".join(lines(QINGYU, "zh")))
    assert squash("H1 高校资源向社区开放：H1 填报为0%，但说明“县内仅1所中职学校参照统计，无高校”表明本单位没有这一比率所计的"
                  "对象") in whole


@pytest.mark.parametrize("note, warned", [
    ("县内仅1所中职学校参照统计，无高校", True),
    ("县内没有高等学校和高等职业院校", True),
    ("No university is located in the county", True),
    ("高校均未开放", False),  # there are some; none opened: a real 0 %
    ("There is no platform, so no users.", False),  # the unit's own work not done
    ("县内无中小学", False),
    (None, False),
])
def test_which_notes_say_there_is_nothing_to_count(note, warned):
    from evaluator.checks import says_none_to_count

    assert says_none_to_count(note) is warned


def test_a_real_zero_or_another_answer_is_not_warned(tmp_path):
    """Only a 0 % beside such a note: not a share above 0, not a count, not a not-applicable answer."""
    text = QINGYU.read_text(encoding="utf-8")
    for old, new in (("value: 0\n", "value: 10\n"), ("县内仅1所中职学校参照统计，无高校", "县内2所高职院校均未开放")):
        p = tmp_path / f"q{len(old)}.yaml"
        assert old in text
        p.write_text(text.replace(old, new, 1), encoding="utf-8")
        run = lcity_here("validate", str(p), "--lang", "en")
        assert "zero-none-to-count" not in run.stdout, run.stdout


# ---- G22-R6: a survey handed out on site ----------------------------------------------------

@pytest.mark.parametrize("lang, says", [
    ("zh", "tongxi-district-smallsample.yaml:587:12: 警告 survey-on-site: K4 的调查（“2025年桐溪区居民学习型城区建设问卷"
           "（活动周现场发放）”）是在活动或现场发放问卷，不是指标体系规定的抽样：到场的多是参与学习活动、了解学习型城市建设的"
           "居民，这一比率可能偏高；比率旁的误差范围按随机抽样计算，不能说明这种偏差（请按标准问卷和规定的抽样方法重新调查："
           "以街道（乡镇）为层，按常住人口比例分配样本，层内随机抽取18岁及以上常住居民；报告将请专家组核实调查的抽样方法）"),
    ("en", "tongxi-district-smallsample.yaml:587:12: warning survey-on-site: K4's survey (“2025年桐溪区居民学习型城区建设"
           "问卷（活动周现场发放）”) was handed out at an event or on site, not drawn as the framework asks"),
])
def test_a_survey_handed_out_at_an_event_is_a_warning(lang, says):
    """Tongxi's K4 and K5 come from questionnaires handed out at its learning week: the ± 8.1 the
    report gave beside 88 % is a random sample's margin and says nothing of who came."""
    run = lcity_here("validate", TONGXI.name, "--lang", lang, cwd=G22)
    assert run.returncode == 0, run.stderr
    assert says in run.stdout
    assert run.stdout.count("survey-on-site") == 2  # K4 and K5


def test_five_asks_the_panel_about_the_sampling():
    whole = squash(" ".join(lines(TONGXI, "zh")))
    for k in ("K4", "K5"):
        assert squash(f"{k} 的调查（“2025年桐溪区居民学习型城区建设问卷（活动周现场发放）”）是在活动或现场发放问卷") in whole
        assert f"请专家组核实后再确认{k}的得分" in whole


@pytest.mark.parametrize("text, warned", [
    ("2025年桐溪区居民学习型城区建设问卷（活动周现场发放）", True),
    ("学习节期间扫码填写的问卷", True),
    ("Questionnaires handed out at the learning week", True),
    ("2025年金湾区居民学习型城区建设调查报告（委托东澄大学社会调查中心）", False),
    ("按街道分层随机抽样，入户现场调查", False),  # a drawn sample, visited at home
    ("On-site test record of the platform's elderly mode", True),  # the words match; the rule asks survey rates only
])
def test_which_survey_texts_say_on_site(text, warned):
    from evaluator.checks import says_on_site

    assert (says_on_site({"evidence": [text], "note": None}) is not None) is warned


def test_a_platform_test_on_site_is_no_survey(tmp_path):
    """E5's 'on-site test' of the platform is not a survey rate: no warning."""
    text = JINWAN.read_text(encoding="utf-8").replace("2025年10月平台适老化现场测试记录", "On-site test record, October 2025")
    p = tmp_path / "j.yaml"
    p.write_text(text, encoding="utf-8")
    run = lcity_here("validate", str(p), "--lang", "en")
    assert "survey-on-site" not in run.stdout


# ---- G22-R8: one dimension or several, the English opening of 8 agrees ------------------------

def test_the_english_conclusion_agrees_with_one_weak_dimension():
    """Qingyu: 'L International exchange fall below the 60% floor and are the main weaknesses'."""
    text = " ".join(lines(G22 / "qingyu-county-mid.yaml", "en"))
    assert "Below the 60% floor, and so where the main weaknesses lie: L International exchange." in text
    assert ("Unknown answers (counted as 0) in K Citizen participation and incentives; D Funding from diverse sources; "
            "I Elderly education and digital inclusion; E Digital platforms, resources and immersive scenarios; "
            "G Learning organisations: whether the 60% floor is reached there depends on the missing data") in text
    assert " fall below the " not in text and "have unknown answers (counted as 0)" not in text


def test_a_survey_whose_evidence_is_not_a_list_is_an_error_not_a_crash(tmp_path):
    """The survey-on-site check read any evidence as a list: a number there (the fuzz test's 1e308)
    was a traceback instead of the schema's located error."""
    text = TONGXI.read_text(encoding="utf-8")
    start = text.index("\n  K4:")
    at = text.index("evidence:", start)
    bad = tmp_path / "t.yaml"
    bad.write_text(text[:at] + "evidence: 1e308" + text[text.index("\n", at):], encoding="utf-8")
    run = lcity_here("validate", str(bad), "--lang", "en")
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stdout + run.stderr and "error" in run.stdout
