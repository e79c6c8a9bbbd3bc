"""Audit G29-A2: six more archetype units a panel meets (tests/audit_cities/g29a2/AUDIT.md), read as
a user reads them: a megacity close to Shanghai's public profile, a truthful small county, a strong
district held by its own veto, a district that declined since a recognised cycle, a district whose
declared culture its figures contradict, and a district whose panel verified its industry figures
down. G29A2-1 (models no better than the unit) and G29A2-3 (the self-assessed pathway call) fixed."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

from .conftest import lcity_here as lcity, report_lines, section

HERE = Path(__file__).parent / "audit_cities" / "g29a2"
G22R = Path(__file__).parent / "audit_cities" / "g22r"


def flat(text: str) -> str:
    return " ".join(text.split())


def score(unit: str, *args: str) -> str:
    return flat(lcity("score", str(HERE / f"{unit}.yaml"), *args).stdout)


@cache
def lines(unit: str, lang: str = "zh", reviewed: bool = False) -> tuple[str, ...]:
    reviews = [HERE / f"{unit}.review.yaml"] if reviewed else []
    return tuple(html.unescape(ln) for ln in report_lines(HERE / f"{unit}.yaml", lang, reviews))


def summary(unit: str, lang: str = "zh", reviewed: bool = False) -> str:
    zh = lang == "zh"
    return " ".join(section(list(lines(unit, lang, reviewed)), "评估摘要" if zh else "Summary", "目" if zh else "Contents"))


def advice(unit: str) -> str:
    """六's recommendations after the task table, as one line."""
    body = list(lines(unit))
    return " ".join(section(body[max(i for i, ln in enumerate(body) if ln.startswith("六、")):], "六、", "七、"))


@cache
def with_previous(lang: str) -> str:
    """澄江区 2025's summary as `lcity report … --previous chengjiang-district-2023.yaml` writes it."""
    from lcity.reporting import prepare
    from reports.render import render_html

    p = prepare(HERE / "chengjiang-district-2025.yaml", previous=[HERE / "chengjiang-district-2023.yaml"])
    text = render_html(p.result, p.bench, p.framework, p.assessment, lang=lang, date="2026-04-10",
                       robustness=p.robustness, warnings=p.loaded.problems, trend=p.trend)
    body = [html.unescape(ln.strip()) for ln in re.sub(r"<[^>]+>", "\n", text).splitlines() if ln.strip()]
    zh = lang == "zh"
    return " ".join(section(body, "评估摘要" if zh else "Summary", "目" if zh else "Contents"))


def test_every_unit_validates_without_error():
    for path in sorted(HERE.glob("*.yaml")):
        if ".review" in path.name:
            continue
        out = lcity("validate", str(path))
        assert out.returncode == 0, (path.name, out.stdout, out.stderr)


# --- 申江市: a megacity close to Shanghai, and G29A2-1 ---------------------------------------------


def test_the_shanghai_like_city_benchmarks_nearest_shanghai_and_is_internationalisation_led():
    out = flat(lcity("benchmark", str(HERE / "shenjiang-city-shanghailike.yaml")).stdout)
    assert "最相近的参照单位：上海市（距离 0.01，13 项共同指标）" in out
    assert "发展路径：国际化导向型（领先：国际化导向型" in out
    s = summary("shenjiang-city-shanghailike")
    assert "发展路径：国际化导向型。" in s and "这一判定较为明确" in s
    assert "总分84.2分，低于认定线85分，但达到暂缓认定线75分，故暂缓认定" in s


def test_a_city_is_not_told_to_learn_from_a_reference_city_no_better_than_itself():
    """G29A2-1: 申江市 has Shanghai's 145 experience sites (0.59 per 100,000 against Shanghai's 0.58),
    its 4.43 million platform users and its ad-hoc monitoring; 六 and lcity benchmark told it to learn
    from exactly these of Shanghai's. Shanghai's model stays where its figure is unknown (I1)."""
    rec = advice("shenjiang-city-shanghailike")
    assert "上海建成145个终身学习体验点" not in rec
    assert "上海学习网2019年注册用户达443万" not in rec
    assert "上海开展学习型城区监测" not in rec
    assert "可借鉴（上海市）：上海建成市级老年大学、区级老年大学、街镇老年学校和村居学习点四级老年教育网络" in rec
    assert "可借鉴（北京市）：北京自“十三五”以来每年对各区学习型城市建设开展监测" in rec
    out = flat(lcity("benchmark", str(HERE / "shenjiang-city-shanghailike.yaml")).stdout)
    weakest = out.partition("最弱的三个维度及可借鉴的做法")[2]
    assert "上海市（E4）" not in weakest and "武汉市（E4）" in weakest


def test_a_unit_below_the_reference_city_is_still_pointed_at_it():
    """桐河县's K2 (8 %) is below Shanghai's 17 %: Shanghai's credit bank is still its model."""
    assert "可借鉴（上海市）：截至2021年4月，上海学分银行为430余万人建立个人学习档案" in advice("tonghe-county-fair")


# --- the other archetypes: what a panel member would sign -------------------------------------------


def test_the_truthful_small_county_reads_as_a_fair_pass():
    out = score("tonghe-county-fair")
    assert "总分 │ 64.2" in out and "等级：合格 认定结论：不予认定" in out and "可信度：1.00" in out
    s = summary("tonghe-county-fair")
    assert "按规则评定的等级“合格”在>99%的抽样中不变" in s
    assert "45项填报了数据，其中45项附有佐证材料" in s
    assert "自述为“均衡发展型”" in s and "与自述并不矛盾" in s


def test_a_strong_district_held_by_its_own_veto_is_refused_and_told_the_budget_line_first():
    out = score("yunjin-district-veto")
    assert "总分 │ 92.0" in out and "等级：不合格（一票否决） 认定结论：不予认定" in out
    s = summary("yunjin-district-veto")
    assert "决定结论的条件： 一票否决：近两个财政年度未连续单列学习型城市建设或终身教育专项预算" in s
    tasks = s.partition("关键任务")[2].partition("）：")[2]
    assert tasks.strip().startswith("D2 专项预算科目及增长")


def test_a_decline_from_a_recognised_cycle_is_said_with_the_outcome_it_lost():
    s = with_previous("zh")
    assert "与上次评估（2022–2023）相比，总分由94.3分变为78.0分（-16.3分），等级由“优秀”变为“合格”，" \
           "评估结论由“认定为示范区”变为“暂缓认定”；变化最大的维度：C 三级联动治理网络 -4.18分" in s
    assert "3个维度得分率低于60%的底线（按失分由多到少排列）：F 54%、C 48%、J 55%" in s
    en = with_previous("en")
    assert "from 'Recognised as demonstration zone' to 'Recognition deferred'" in en


def test_a_declared_culture_contradicted_by_industry_figures_is_said():
    s = summary("jinping-district-declared-culture")
    assert "发展路径：产业驱动型。" in s and "这一判定较为明确" in s
    assert "锦屏区自述为“文化赋能型”，与实际做法不一致：界定该类型的做法得分率为16%，低于本单位各项做法的平均水平83%。" in s


# --- 望海区: the panel verifies the industry figures down, and G29A2-3 -------------------------------


def test_the_reviewed_unit_is_deferred_on_its_verified_figures():
    s = summary("wanghai-district-review", reviewed=True)
    assert "望海区自评93.3分，专家组核定90.3分" in s
    assert "自评结论为“认定为示范区”（自评93.3分）；经专家组核查更正D3、D4、F1，核定总分90.3分，结论改为“暂缓认定”" in s
    assert "发展路径：混合型。" in s


def test_the_pathway_call_says_what_the_self_assessed_figures_showed():
    """G29A2-3: 八 read '以上判定依据专家组核定后的数据，可能与按自评数据所得的判定不同' where the
    self-assessed figures gave 产业驱动型 and the verified ones 混合型: known, not possible."""
    zh = " ".join(lines("wanghai-district-review", "zh", True))
    assert "按自评数据，实际做法显示为“产业驱动型”；以上判定依据专家组核定后的数据，结果不同：界定“产业驱动型”的做法中，" \
           "D3 企业职工教育培训经费提取自评为90%，专家组核定为58%，得分率由100%降为20%" in zh
    assert "可能与按自评数据所得的判定不同" not in zh
    en = " ".join(lines("wanghai-district-review", "en", True))
    assert "The self-assessed figures show 'Industry-driven'; this call rests on the figures as verified by the " \
           "panel, and differs: of the practices that define 'Industry-driven', D3" in en


def test_jinwans_call_reads_the_same_way():
    """G22-R3's Jinwan (the call turned from 产业驱动型 to 混合型 on D4) now says it as known."""
    body = " ".join(html.unescape(ln) for ln in report_lines(G22R / "jinwan-district-industry.yaml", "zh",
                                                              [G22R / "jinwan-district-industry.review.yaml"]))
    assert "按自评数据，实际做法显示为“产业驱动型”；以上判定依据专家组核定后的数据，结果不同" in body
