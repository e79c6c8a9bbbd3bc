"""Advice and schedule notes fit the unit they are written for (AUDIT G18-A5, G18-A8).

A5: what section 六 advises for an indicator follows why it falls short. Danxia County does not know
its credit-bank figure because its province gives no county breakdown (its note): it is told how to
obtain the figure, not to link credits to 落户, which a county cannot decide. Zhucheng's K2 was not
accepted by the panel: it is told what evidence the panel can check. A unit whose figure is low is
told only the uses of a learning record (K6) it lacks, in its level's words.

A8: the task list's notes on the fewest years follow the level's question and the unit's answer: a
county that has its D2 budget line in both years lacks growth (the next budget), and a county's L2
(its part in the city's exchanges) waits for no international award.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from evaluator.benchmark import benchmark
from evaluator.pipeline import read_scored
from reports.context import build_context
from reports.context_facts import facts
from reports.context_recommend import advice_list, advice_text
from reports.render import render_html

HERE = Path(__file__).parent / "audit_reports_g18"
DANXIA = HERE / "danxia-county.yaml"
ZHUCHENG = HERE / "zhucheng-city.yaml"
ZHUCHENG_REVIEW = HERE / "zhucheng-city.review.yaml"


def _page(path: Path, lang: str, reviews: tuple[Path, ...] = ()) -> str:
    result, loaded = read_scored(path, reviews=list(reviews))
    assessment, fw = loaded.require()
    page = render_html(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-03-31")
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _item(path: Path, lang: str, ind: str, reviews: tuple[Path, ...] = ()) -> str:
    """One recommendation of 六 as the page prints it: where the unit stands, then the advice."""
    result, loaded = read_scored(path, reviews=list(reviews))
    assessment, fw = loaded.require()
    recs = build_context(result, benchmark(result, fw), fw, assessment, lang=lang)["recommendations"]
    item = next(r for r in recs["items"] if r["ind"].startswith(ind + " "))
    return f"{item['standing']} {item['advice']}"


def _variant(tmp_path: Path, src: Path, **answers: str) -> Path:
    """``src`` with some answers replaced: K2="value: 6200" replaces the K2 block's body."""
    text = src.read_text(encoding="utf-8")
    for ind, body in answers.items():
        text, n = re.subn(rf"(?m)^  {ind}:\n(?:    .*\n)+", f"  {ind}:\n    {body}\n", text, count=1)
        assert n == 1, ind
    out = tmp_path / src.name
    out.write_text(text, encoding="utf-8")
    return out


def _k2_advice(path: Path, lang: str) -> str:
    result, loaded = read_scored(path)
    assessment, fw = loaded.require()
    f = facts(result, benchmark(result, fw), fw, assessment, lang=lang)
    return next(advice_text(f, a) for a in advice_list(f) if a.indicator == "K2")


# --- G18-A5 ------------------------------------------------------------------------------------


def test_a_county_that_cannot_get_its_figure_is_told_how_to_obtain_it_zh() -> None:
    k2 = _item(DANXIA, "zh", "K2")
    assert "本单位的填报说明：“省学分银行未向县级提供分县统计”。" in k2
    assert "向学分银行管理中心书面申请按本地常住居民提取、按身份证号去重的基准年末人数" in k2
    assert "落户" not in k2 and "提高居民开户意愿" not in k2


def test_a_county_that_cannot_get_its_figure_is_told_how_to_obtain_it_en() -> None:
    k2 = _item(DANXIA, "en", "K2")
    assert "The unit's note (as written): “省学分银行未向县级提供分县统计”." in k2
    assert "ask the credit-bank centre in writing for the number of local residents with learning records" in k2
    assert "residence" not in k2 and "so that residents want an account" not in k2


def test_another_unknown_figure_is_found_out_as_the_indicator_measures_it() -> None:
    """Not K2 alone: E3, unknown with a note, is told how it is counted, not how to raise it."""
    zh = _item(DANXIA, "zh", "E3")
    assert "本单位的填报说明：“平台无学习记录统计功能”。按指标口径查明：年内至少完成一个课时学习记录的注册用户数" in zh
    assert "按用户画像推送课程" not in zh
    en = _item(DANXIA, "en", "E3")
    assert "Find it out as the indicator defines it:" in en


def test_the_panel_rejected_figure_gets_advice_on_evidence_zh() -> None:
    k2 = _item(ZHUCHENG, "zh", "K2", (ZHUCHENG_REVIEW,))
    assert "专家组不予采信的理由：“所附学分银行账户统计为系统导出截图，未按身份证号去重且无原始数据，佐证不予采信”。" in k2
    assert "附原始数据（或可抽查的名单）和统计口径说明，提请专家组复核；提高使用率的措施待数据核实后再定。" in k2
    assert "落户" not in k2 and "提高居民开户意愿" not in k2


def test_the_panel_rejected_figure_gets_advice_on_evidence_en() -> None:
    k2 = _item(ZHUCHENG, "en", "K2", (ZHUCHENG_REVIEW,))
    assert "The panel's reason for not accepting it (as written): “所附学分银行账户统计" in k2
    assert "measures to raise uptake wait until the figure is verified" in k2
    assert "so that residents want an account" not in k2


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_low_figure_is_raised_with_the_uses_the_city_lacks(lang: str) -> None:
    """Zhucheng (self-assessed, 15 %) already links records to employment and residence (K6): only the
    use it lacks, credit redemption, is proposed."""
    text = _k2_advice(ZHUCHENG, lang)
    if lang == "zh":
        assert text.endswith("本单位学习成果的用途中尚未具备“学分或学习积分可兑换公共服务或权益（如图书借阅、场馆预约、文化消费券）”（K6）。")
        assert "落户" not in text and "职业技能等级证书" not in text
    else:
        assert text.endswith("of the uses K6 lists, the unit does not yet have Credits or learning points can be "
                             "redeemed for public services or benefits (library loans, venue bookings, culture vouchers).")
        assert "residence" not in text


def test_a_low_county_figure_names_the_uses_in_the_county_words(tmp_path: Path) -> None:
    path = _variant(tmp_path, DANXIA, K2="value: 9300")
    zh = _k2_advice(path, "zh")
    assert "“学习记录与本地就业服务、评优评先等公共服务或政策挂钩（落户等由城市决定的政策不计）”" in zh
    assert "积分落户" not in zh and "学分或学习积分可兑换" not in zh  # Danxia has credit redemption
    en = _k2_advice(path, "en")
    assert "(not city policies such as residence)" in en and "Credits or learning points" not in en


def test_a_unit_with_every_use_is_told_about_use_not_links(tmp_path: Path) -> None:
    path = _variant(tmp_path, DANXIA, K2="value: 9300",
                    K6="value: [credit_redemption, skill_certification, public_service_link]")
    assert _k2_advice(path, "zh").startswith("学习成果的兑换、技能认证和政策挂钩已经具备（K6），差距在于使用：")
    assert _k2_advice(path, "en").startswith("Learning outcomes can already be redeemed, certified and counted "
                                             "towards policies (K6); what is short is use:")


# --- G18-A8 ------------------------------------------------------------------------------------


def test_the_county_notes_fit_its_answers_zh() -> None:
    text = _page(DANXIA, "zh")
    assert ("D2的建议完成年度按至少1年安排：专项科目已在两个年度单列的，所缺的是增长：增幅按近三年平均计，"
            "须在下一年度预算中提高专项经费增幅，使其不低于同期教育经费总体增幅。") in text
    assert "须连续两个财政年度单列" not in text
    assert "L2的建议完成年度" not in text and "国际奖项还须等待评选周期" not in text


def test_the_county_notes_fit_its_answers_en() -> None:
    text = _page(DANXIA, "en")
    assert "what is missing is its growth, averaged over three years: the next budget must raise it" in text
    assert "counts only once it has stood in two fiscal years" not in text
    assert "an international award waits for its selection round" not in text


def test_a_county_without_the_line_is_told_it_takes_two_budget_years(tmp_path: Path) -> None:
    text = _page(_variant(tmp_path, DANXIA, D2="value: none"), "zh")
    assert "D2的建议完成年度按至少2年安排：专项科目在下一年度预算编制中单列，且须连续两个财政年度单列才算达到。" in text
    assert "所缺的是增长" not in text
