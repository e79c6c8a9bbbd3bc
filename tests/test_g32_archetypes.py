"""G32-A: archetype units no earlier audit covered (tests/audit_cities/g32a/AUDIT.md): a Shenzhen-like city on the
study's public figures only (one answer of 48), a Chengdu-like city, a port city that declares an international
pathway and truthfully has few international figures but a strong industry, an industry district whose
enterprise figures are all unknown, a district on every line at once (80.00, a floor at 60 %, both surveys on
their lines, five estimates), a county of 30,000 whose survey asked 60 people, and a district whose work shrank
on most indicators. What validate, score, benchmark and the report (zh and en) say of each, and how sure."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
import yaml

from .conftest import lcity_here

ROOT = Path(__file__).resolve().parent.parent
G32A = ROOT / "tests" / "audit_cities" / "g32a"
SHENWAN = G32A / "shenwan-city-shenzhenlike.yaml"
JINGUAN = G32A / "jinguan-city-chengdulike.yaml"
HAIGANG = G32A / "haigang-city-intl-declared-industry.yaml"
YECHUAN = G32A / "yechuan-district-industry-unknowns.yaml"
QIXIAN = G32A / "qixian-district-on-lines.yaml"
LINGKOU = G32A / "lingkou-county-tiny-survey60.yaml"
LUOXIA = (G32A / "luoxia-district-2024.yaml", G32A / "luoxia-district-2025.yaml")
UNITS = (SHENWAN, JINGUAN, HAIGANG, YECHUAN, QIXIAN, LINGKOU, *LUOXIA)


def _run(*args: str):
    run = lcity_here(*args, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    return run


@functools.lru_cache(maxsize=None)
def _text(path: Path, lang: str, previous: tuple = ()) -> str:
    """The report's text on one line, from the HTML ``lcity report`` typesets (dated 2026-04-10)."""
    import html

    from lcity.reporting import prepare
    from reports.render import render_html

    p = prepare(path, reviews=[], previous=list(previous))
    page = render_html(p.result, p.bench, p.framework, p.assessment, lang=lang, date="2026-04-10",
                       trend=p.trend, robustness=p.robustness, warnings=p.warnings)
    return re.sub(r"\s+", " ", html.unescape(" ".join(ln.strip() for ln in re.sub(r"<[^>]+>", "\n", page).splitlines()
                                                       if ln.strip())))


def _summary(text: str, lang: str) -> str:
    start, end = ("评估摘要", "目　　录") if lang == "zh" else ("Summary", "Contents")
    i = text.find(start)
    assert i >= 0
    j = text.find(end, i)
    return text[i:j if j > i else i + 4000]


# ---- every unit is a form a user could file ----------------------------------------------------------

@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.stem)
def test_the_units_validate(path: Path):
    run = lcity_here("validate", str(path), cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


# ---- G32A-2: a mixed call's two figures of one gap agree ---------------------------------------------

@pytest.mark.parametrize("lang, head, reason", [
    ("zh", "差距0.4个百分点", "相差0.4个百分点，不足5个百分点"),
    ("en", "margin 0.4 percentage points", "0.4 percentage points apart, less than 5"),
])
def test_a_mixed_call_says_the_gap_between_the_two_types_as_its_heading_does(lang, head, reason):
    """齐线区: industry and international stand out 0.4 points apart. The heading read "差距0.4个百分点" and the
    reason under it "相差0个百分点，不足5个百分点" (G32A-2): one gap, two figures."""
    out = re.sub(r"\s+", " ", _run("score", str(QIXIAN), "--lang", lang).stdout)
    assert head in out and reason in out, out[-600:]
    assert "相差0个百分点" not in out and " 0 percentage points apart" not in out


# ---- G32A-3: a pathway that rests on figures put to the panel says so ----------------------------------

@pytest.mark.parametrize("lang, words", [
    ("zh", ["发展路径：文化赋能型。", "这一判定取决于尚待专家组核实的填报", "E4 沉浸式、体验式学习场景",
            "K4 居民对学习型城市建设的知晓度", "不计这些做法，其余已作答的做法不足以判定类型"]),
    ("en", ["This call rests on figures the panel is asked to verify", "E4 ", "K4 ",
            "without them too few of the type's practices are left to call it"]),
])
def test_a_pathway_resting_on_two_sites_and_a_60_person_survey_is_not_called_clear(lang, words):
    """岭口县 (30,000 residents): culture-led on E4 (two sites give full points; 五 asks the panel to check them)
    and K4 (88 % of 60 people at a market day; 400 needed), two of its four culture practices. The summary and
    八 read "这一判定较为明确" (G32A-3); without those two, what is left is too thin to call a type."""
    text = _text(LINGKOU, lang)
    summary = _summary(text, lang)
    for w in words:
        assert w in summary, (w, summary[:1500])
    assert "这一判定较为明确" not in text and "This is a clear call" not in text
    eight = text[text.find("八、评估结论" if lang == "zh" else "8. Conclusion"):]
    assert words[1] in eight


def test_a_pathway_that_holds_without_its_unsettled_practices_says_it_holds(tmp_path: Path):
    """The same county with its college (H1, 70 %) answered: without E4 and K4 culture still leads, so the call
    stays "较为明确" and says it holds without them."""
    data = yaml.safe_load(LINGKOU.read_text(encoding="utf-8"))
    data["answers"]["H1"] = {"value": 70, "evidence": ["县职业技术学院开放记录"], "note": None}
    unit = tmp_path / "lingkou-with-college.yaml"
    unit.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    text = _text(unit, "zh")
    assert "这一判定较为明确" in text
    assert "界定这一类型的突出做法中，E4 沉浸式、体验式学习场景、K4 居民对学习型城市建设的知晓度的填报尚待专家组核实" \
           "（见“五、存在问题”）；不计这些做法，判定仍为“文化赋能型”。" in text
    en = _text(unit, "en")
    assert "without them the call is still 'Cultural empowerment'" in en


def test_a_clear_call_on_settled_figures_is_unchanged():
    """海港市: industry clear on counted figures (G3, D3, D4, G4), none put to the panel: no caveat."""
    text = _text(HAIGANG, "zh")
    assert "这一判定较为明确" in text and "尚待专家组核实的填报" not in text and "不计这些做法" not in text


# ---- agreements: what the product says and an evaluator would sign -----------------------------------

def test_a_city_on_shenzhens_public_figures_is_not_rated_and_its_declared_type_not_confirmed():
    """深湾市: L1 is the one figure the study gives; 47 unknown. No grade, no outcome, the type undetermined and the
    declared industry type said to be unconfirmed; no reference city named nearest on one common indicator."""
    text = _text(SHENWAN, "zh")
    assert "深湾市数据不足，不予定级：总分介于2.0—100.0分之间" in text
    assert "发展路径：无法判定。仅作答1项指标（共48项），至少需要10项才能看出侧重。" in text
    assert "深湾市自述的“产业驱动型”因数据不足，无法由实际做法核实。" in text
    bench = re.sub(r"\s+", " ", _run("benchmark", str(SHENWAN)).stdout)
    assert "最相近的参照单位：无，与任何参照单位共同作答的指标都不足 5 项" in bench


def test_a_port_city_declaring_international_is_read_as_industry_from_its_figures():
    """海港市 declares 国际化导向型 with no GNLC membership, no award and one forum; its industry figures stand out."""
    summary = _summary(_text(HAIGANG, "zh"), "zh")
    assert "发展路径：产业驱动型。" in summary
    assert "海港市自述为“国际化导向型”，与实际做法不一致：界定该类型的做法得分率为27%，低于本单位各项做法的平均水平70%" in summary


def test_an_industry_district_without_its_enterprise_figures_is_not_called_industry():
    """冶川区 declares industry; D3, D4, G1–G4 are with the city's offices. Undetermined, and 八 says the
    declaration cannot be checked; G and D are not judged weak on unknowns."""
    text = _text(YECHUAN, "zh")
    assert "发展路径：无法判定。界定“产业驱动型”（0%）的做法作答不足（至少需要50%），无法比较各类型。" in text
    assert "冶川区自述的“产业驱动型”因数据不足，无法由实际做法核实。" in text
    assert "2个维度因数据不详的指标按0分计，得分率低于60%的底线：G 0%、D 59%" in text


def test_a_district_on_every_line_says_what_rests_on_its_estimates_and_its_floor():
    """齐线区: 80.00 with five estimates: the summary says grade and outcome rest on them; 八 says C stands on its
    floor; both surveys are said to be within their margins."""
    text = _text(QIXIAN, "zh")
    summary = _summary(text, "zh")
    assert "共5项按填报说明为估算数" in summary and "等级和评估结论都取决于核实结果" in summary
    assert "C 三级联动治理网络（60.0%）恰在底线上，没有余量" in text
    assert "80%的门槛在95%置信区间（76.1%—83.9%）之内" in text and "70%的门槛在95%置信区间（65.5%—74.5%）之内" in text


def test_a_county_surveying_60_people_is_told_the_surveys_do_not_show_the_thresholds_met():
    text = _text(LINGKOU, "zh")
    assert "K4为88%，但只依据60份有效问卷，少于指标体系要求的400份，尚不能确认达到80%的要求" in text
    assert "请本县按标准问卷重新调查（有效问卷不少于400份）" in text


def test_a_district_whose_work_shrank_is_told_the_grade_it_lost():
    text = _text(LUOXIA[1], "zh", previous=(LUOXIA[0],))
    assert "总分由90.3分变为81.8分（-8.5分），等级由“优秀”变为“良好”" in text


# ---- G32A-5: the yearly rate of a change is the change printed beside it, per year --------------------

@pytest.mark.parametrize("lang, words", [
    ("zh", "总分由90.3分变为81.8分，变化-8.5分，年均-8.5分。"),
    ("en", "The total went from 90.3 to 81.8, a change of -8.5 points, -8.5 a year."),
])
def test_a_one_year_change_and_its_yearly_rate_are_one_figure(lang, words):
    """落霞区, 2024 to 2025: "变化-8.5分，年均-8.4分" (G32A-5): the change was the printed totals subtracted
    (G29A2-5), the rate the exact totals' -8.44."""
    assert words in _text(LUOXIA[1], lang, previous=(LUOXIA[0],))
