"""G31-A: archetype units a panel meets (tests/audit_cities/g31a/AUDIT.md): an internationalisation-led city
that declares cultural empowerment, a city on Beijing's public figures, a strong district held back by its
survey alone, a district improving fast over three years but still below the line, two dimensions exactly
on their floors, and contradictory figures. What validate, score, benchmark, plan, trend and the report
(zh and en) say of each, and how sure they say it is."""

from __future__ import annotations

import functools
import json
import re
import shutil
from pathlib import Path

import pytest

from .conftest import lcity_here, report_lines, squash

ROOT = Path(__file__).resolve().parent.parent
G31A = ROOT / "tests" / "audit_cities" / "g31a"
XINGLAN = G31A / "xinglan-city-intl-declared-culture.yaml"
JINGCHUAN = G31A / "jingchuan-city-beijinglike.yaml"
QINGXI = G31A / "qingxi-district-survey-only.yaml"
SHILIANG = G31A / "shiliang-district-two-floors.yaml"
CUOCHUAN = G31A / "cuochuan-district-contradictions.yaml"
YUNLING = G31A / "yunling-county-culture-weakfunds.yaml"
FENGYUAN = tuple(G31A / f"fengyuan-district-{y}.yaml" for y in (2023, 2024, 2025))
UNITS = (XINGLAN, JINGCHUAN, QINGXI, SHILIANG, CUOCHUAN, YUNLING, *FENGYUAN)


def _run(*args: str):
    run = lcity_here(*args, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    return run


def _json(path: Path) -> dict:
    return json.loads(_run("score", str(path), "--format", "json").stdout)


@functools.lru_cache(maxsize=None)
def _text(path: Path, lang: str) -> str:
    return squash(" ".join(report_lines(path, lang)))


def _after(text: str, start: str, n: int = 700) -> str:
    i = text.find(squash(start))
    assert i >= 0, start
    return text[i:i + n]


# ---- every unit is a form a user could file ----------------------------------------------------------

@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.stem)
def test_the_units_validate(path: Path):
    run = lcity_here("validate", str(path), cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


# ---- 星澜市: internationalisation-led figures, 'cultural empowerment' declared --------------------------

def test_the_pathway_comes_from_the_figures_not_the_declaration_and_says_how_sure():
    r = _json(XINGLAN)
    assert r["pathway"]["type"] == "internationalisation" and r["pathway"]["declared_types"] == ["culture"]
    zh = _text(XINGLAN, "zh")
    assert squash("发展路径：国际化导向型。") in zh
    assert squash("这一判定较为明确：高出本单位自身平均水平和领先其他类型的幅度，均在判定所需幅度（5个百分点）的两倍以上。"
                  "星澜市自述为“文化赋能型”，与实际做法不一致：界定该类型的做法得分率为28%，低于本单位各项做法的平均水平79%。") in zh
    en = _text(XINGLAN, "en")
    assert squash("This is a clear call") in en and squash("declares &#39;Cultural empowerment&#39;, which its practice "
                                                           "does not bear out") in en


# ---- 云岭县: a culture county on thin funding ---------------------------------------------------------

def test_a_culture_county_on_thin_funding_is_culture_clearly_and_refused_on_its_funding_floor():
    r = _json(YUNLING)
    assert r["pathway"]["type"] == "culture" and r["recognition"]["outcome"] == "refused"
    zh = _text(YUNLING, "zh")
    assert squash("发展路径：文化赋能型。“文化赋能型”的做法比本单位自身平均水平高出30个百分点") in zh
    assert squash("这一判定较为明确") in zh
    assert squash("3个维度得分率低于60%的底线（按失分由多到少排列）：D 18%、I 53%、L 42%") in zh
    # the province's credit bank is not said to be the county's own work
    assert squash("K1（仅可使用省级学分银行）由省决定，不是本县自身的工作。") in zh


# ---- 京川市: Beijing's seven public figures ------------------------------------------------------------

def test_a_unit_on_beijings_figures_is_told_beijing_is_nearest_on_seven_indicators_with_an_honest_rank():
    out = squash(_run("benchmark", str(JINGCHUAN), "--lang", "zh").stdout)
    assert "名次第1–13位/共13个" in out
    assert "最相近的参照单位：北京市（距离0.00，7项共同指标）" in out
    eight = _after(_text(JINGCHUAN, "zh"), "（二）对标位次", 400)
    assert "京川市可位列第1至第13位中的任一位" in eight
    # G31A-7: the likeness rests on the 16.5 points Beijing's seven public answers carry, and says so
    assert "北京市（共同作答7项，分值共16.5分，相差0个百分点）" in eight
    assert squash("Beijing (7 indicators both answered, worth 16.5 points, 0 percentage points apart)") in _text(JINGCHUAN, "en")
    # its pathway is read from its figures: Beijing's own Table 3 type, said to be a clear call
    assert squash("发展路径：均衡发展型。") in _text(JINGCHUAN, "zh")


# ---- 青溪区: strong everywhere, held back by its survey alone ----------------------------------------

def test_a_unit_held_back_only_by_its_survey_is_deferred_on_it_and_planned_on_it_alone():
    r = _json(QINGXI)
    assert r["total"] > 90 and r["recognition"]["outcome"] == "deferred"
    summary = _after(_text(QINGXI, "zh"), "决定结论的条件", 200)
    assert summary.startswith(squash("决定结论的条件：K4居民对学习型城市建设的知晓度为72%，低于80%的要求"))
    plan = squash(_run("plan", str(QINGXI), "--lang", "zh").stdout)
    assert "72%→80%" in plan and "计划后：90.7优秀，认定为示范区" in plan
    assert "宜以83%以上为目标，或扩大样本" in plan


# ---- 石梁区: C and E exactly on their floors ----------------------------------------------------------

def test_two_dimensions_exactly_on_the_floor_meet_it_and_the_recognition_is_said_to_be_fragile():
    r = _json(SHILIANG)
    shares = {d["id"]: d["share"] for d in r["dimensions"]}
    assert shares["C"] == pytest.approx(0.6, abs=1e-9) and shares["E"] == pytest.approx(0.6, abs=1e-9)
    assert r["recognition"]["outcome"] == "recognised"
    zh = _text(SHILIANG, "zh")
    assert squash("C三级联动治理网络得分率60.0%，达到60%的底线，但51%的抽样低于该底线") in zh


@pytest.mark.parametrize("lang, words", [
    ("zh", "各维度得分率均达到60%的底线，其中C 三级联动治理网络（60.0%）、E 数字平台、资源与沉浸式场景（60.0%）"
           "恰在底线上，没有余量：这2个维度中任何一项指标再失分，该维度都将低于底线；"),
    ("en", "Every dimension reaches the 60% floor, but C Three-tier governance network (60.0%); E Digital platforms, "
           "resources and immersive scenarios (60.0%) stand on it with no margin: a point lost in any of these "
           "2 dimensions puts that dimension below the floor."),
])
def test_the_conclusion_says_which_dimensions_stand_on_the_floor(lang, words):
    """G31A-2: 石梁区's 八 read only '各维度得分率均达到60%的底线' with C and E at 60.0% and half the draws
    putting C below it; a panel says that those two have no margin."""
    assert squash(words) in _text(SHILIANG, lang)


def test_a_dimension_clear_of_the_floor_is_not_said_to_stand_on_it():
    assert "恰在底线上" not in _text(QINGXI, "zh")


@pytest.mark.parametrize("lang, summary, eight", [
    ("zh", "石梁区自述为“均衡发展型”，与实际做法不一致：界定该类型的做法得分率为74%，低于本单位各项做法的平均水平87%。",
     "归为“混合型”。界定“均衡发展型”的做法得分率为74%，低于本单位各项做法的平均水平87%，差距不小于判定所用的5个百分点："
     "自述与实际做法不一致。"),
    ("en", "石梁区 declares &#39;Balanced development&#39;, which its practice does not bear out: the practices that "
           "define that type reach 74% of their points, below the unit&#39;s own average of 87%.",
     "The practices that define &#39;Balanced development&#39; reach 74% of their points, below the unit&#39;s own "
     "average of 87% by at least the 5 points the rule uses: the practice does not bear out the declaration."),
])
def test_a_mixed_call_says_when_the_figures_contradict_the_declared_type(lang, summary, eight):
    """G31A-3: 石梁区, mixed, declared 均衡发展型 with those practices 13 points below its own average; the
    summary said nothing of the declaration and 八 only that the practice put 国际化导向型 first."""
    text = _text(SHILIANG, lang)
    assert squash(summary) in text and squash(eight) in text


def test_a_mixed_call_whose_declared_type_is_at_the_units_level_still_reads_as_no_contradiction():
    text = _text(QINGXI, "zh")
    assert squash("青溪区自述为“均衡发展型”：界定该类型的做法得分率为88%，在本单位各项做法平均水平（91%）上下5个百分点之内，"
                  "与自述并不矛盾。") in text
    assert "自述与实际做法不一致" not in text


# ---- 错川区: figures that contradict each other -------------------------------------------------------

def test_impossible_shares_are_refused_at_their_line_and_column(tmp_path: Path):
    bad = tmp_path / "cuochuan.yaml"
    text = CUOCHUAN.read_text(encoding="utf-8")
    text = text.replace("  E3:\n    value: 41", "  E3:\n    value: 112", 1).replace("  D4:\n    value: 16", "  D4:\n    value: 120", 1)
    bad.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    run = lcity_here("validate", str(bad), "--lang", "zh", cwd=ROOT)
    assert run.returncode == 1
    for ind, value in (("D4", "120"), ("E3", "112")):
        line = next(i for i, ln in enumerate(lines, 1) if ln == f"  {ind}:") + 1
        assert f"{bad}:{line}:12: 错误 out-of-range: {ind}：'{value}'% 超过 100" in run.stdout + run.stderr


def test_more_seniors_than_residents_aged_60_is_put_to_the_panel_and_holds_the_outcome():
    run = lcity_here("validate", str(CUOCHUAN), "--lang", "zh", cwd=ROOT)
    said = squash(run.stdout + run.stderr)
    assert re.search(r"cuochuan-district-contradictions\.yaml:\d+:12:警告implausible-value:I1折算为116\.83%", said)
    assert "而按人去重统计的居民人数不可能多于60岁及以上常住人口" in said
    assert "city.employed（512,000）大于city.population（492,000）" in said
    r = _json(CUOCHUAN)
    assert r["recognition"]["outcome"] == "deferred"
    summary = _text(CUOCHUAN, "zh")
    assert squash("共得6.0分，不计其得分，总分为80.4分，低于认定线85分：评估结论取决于核实结果") in summary


# ---- 丰源区: three years of fast improvement, still below the line ----------------------------------

def test_the_trend_says_the_pace_of_each_step_and_the_outcome_of_each_year():
    out = squash(_run("trend", *map(str, FENGYUAN), "--lang", "zh").stdout)
    assert "丰源区：总分58.5→80.0（+21.5分，2年，每年+10.75分）" in out
    assert "2022–2023→2023–2024：总分+14.15分" in out and "2023–2024→2024–2025：总分+7.41分" in out
    assert "不予认定│不予认定│暂缓认定" in out


def test_the_report_over_three_years_says_what_changed_and_what_still_holds_it(tmp_path: Path):
    html = tmp_path / "f.html"
    args = ["report", str(FENGYUAN[2]), "--previous", str(FENGYUAN[0]), "--previous", str(FENGYUAN[1]),
            "--lang", "zh", "--html", str(html), "-o", str(tmp_path / "f.pdf")]
    _run(*args)
    text = squash(re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8")))
    assert squash("丰源区共有3次评估（2022–2023、2023–2024、2024–2025）。总分由58.5分变为80.0分，变化+21.5分，年均+10.8分。") in text
    assert squash("评估结论由“不予认定”变为“暂缓认定”") in text
    assert squash("K4居民对学习型城市建设的知晓度为78%，低于80%的要求，但门槛在±2.9个百分点的抽样误差范围内") in text
    shutil.rmtree(tmp_path, ignore_errors=True)
