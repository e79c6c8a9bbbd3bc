"""Unknown answers are counted as 0, not read as 0: the report never calls a dimension weak, or an
indicator a loss, because its data are unknown; it says where the missing data could not change
the outcome, why the robustness interval sits above the total, and which survey thresholds lie
within their margin of error. It names each problem once.

An evaluator read the reports of six district archetypes (tests/archetypes_districts): the partial
district (19 of 47 answered) was told that its dimensions at 0 % with every indicator unknown were
its "main weaknesses below the floor", and that it "lost the most points" on unknown indicators,
on the same page that says unknown answers are not zeros.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from evaluator.benchmark import benchmark
from evaluator.pipeline import read_scored
from evaluator.result import Bounds
from evaluator.sensitivity import for_unit
from reports.context import build_context
from reports.context_facts import facts
from reports.context_standing import (
    data_dimensions,
    known_share,
    unknown_points,
    weak_dimensions,
)

HERE = Path(__file__).resolve().parent
DISTRICTS = HERE / "archetypes_districts"
PARTIAL = DISTRICTS / "dongyuan-district-partial.yaml"  # 19 of 47 answered, not ratable
INDUSTRY = DISTRICTS / "zhushan-district-industry.yaml"  # K4 81% ± 3.1 against 80%; F below its floor
STRONG = DISTRICTS / "jinghe-district-strong.yaml"
TIDEWATER = HERE / "data" / "third_party_tidewater"


@cache
def _scored(path: Path):
    result, loaded = read_scored(path, reviews=[])
    assessment, fw = loaded.require()
    return result, fw, assessment


@cache
def _robustness(path: Path):
    result, fw, _ = _scored(path)
    return for_unit(result, fw, samples=200, sobol=False)


def _context(path: Path, lang: str, robustness: bool = False, result=None) -> dict:
    scored, fw, assessment = _scored(path)
    result = result or scored
    return build_context(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10",
                         robustness=_robustness(path) if robustness else None)


def _all_unknown(result) -> set[str]:
    """The dimensions none of whose applicable indicators has data."""
    inds = {r.id: r for r in result.indicators}
    return {d.id for d in result.dimensions
            if all(inds[i].state in ("unknown", "missing") for i in d.indicators if inds[i].state != "not_applicable")}


def _unknown_ids(result) -> set[str]:
    return {r.id for r in result.indicators if r.state in ("unknown", "missing")}


def _group(ctx: dict, title: str) -> list[str]:
    return next((g["items"] for g in ctx["problems"]["groups"] if g["title"] == title), [])


# --- 1. a dimension whose lost points are unknown answers is short of data, not weak ---------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_dimension_without_data_is_named_a_weakness_or_a_floor_failure(lang):
    result, _, _ = _scored(PARTIAL)
    blank = _all_unknown(result)
    assert not result.ratable and {"E", "G", "H"} <= blank
    ctx = _context(PARTIAL, lang)
    floor_title = "未达底线的维度" if lang == "zh" else "Dimensions below the floor"
    floors = [it["text"] for it in _group(ctx, floor_title)]
    assert floors, "the district has dimensions below the floor on what it answered"
    assert not [t for t in floors if t.split(" ")[0] in blank]
    assert not [p for p in ctx["summary"]["problems"] if p.split(" ")[0] in blank]
    opening = ctx["conclusion"]["opening"][0]
    weak_clause = (re.search(r"[；.] ?([^；.]*?)得分率低于60%的底线，是当前的主要短板", opening) if lang == "zh" else
                   re.search(r"Below the 60% floor, and so where the main weaknesses lie: ([^.]*)\.", opening)).group(1)
    assert weak_clause and not any(f"{d} " in weak_clause for d in blank)
    # the dimensions without data are said to lack it, in 五 and in 八
    data_title = "数据不详或未填报" if lang == "zh" else "Unknown or missing data"
    data_items = [it["text"] for it in _group(ctx, data_title)]
    for d in blank:
        item = next(t for t in data_items if t.startswith(f"{d} "))
        assert ("是否达到60%的底线取决于补齐的数据" if lang == "zh" else "depends on the missing data") in item
    said = "尚不能据此判断其强弱" if lang == "zh" else "nothing can be said yet of strength or weakness there"
    assert said in opening and all(ctx_has(opening, d) for d in blank)


def ctx_has(text: str, dim: str) -> bool:
    return re.search(rf"(^|[；、，. ]){dim} ", text) is not None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lost_the_most_points_names_no_unknown_indicator(lang):
    result, _, _ = _scored(PARTIAL)
    unknown = _unknown_ids(result)
    opening = _context(PARTIAL, lang)["conclusion"]["opening"][0]
    # not ratable: the losses are said to be the answered indicators' (G14 #2)
    key = "已填报的指标中，失分最多的是" if lang == "zh" else "Of the answered indicators, most points are lost on "
    named = opening.split(key)[1].split("。" if lang == "zh" else ". ")[0]
    ids = re.findall(r"\b([A-L]\d)\b", named)
    assert len(ids) == 3 and not set(ids) & unknown, named
    # before: "失分最多的指标是I1、E1、G3", all three unknown
    assert "I1 老年人经常性参与老年教育、E1" not in opening


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sections_three_and_six_say_the_data_are_unknown(lang):
    ctx = _context(PARTIAL, lang)
    summary = ctx["results"]["summary"]
    below = summary.split("未达到底线的维度：" if lang == "zh" else "Dimensions below the floor: ")[1]
    below = below.split("。" if lang == "zh" else ". ")[0]
    assert "E " not in below and "L " in below
    short = "尚不能判断是否达到底线的维度：" if lang == "zh" else "whose floor cannot be judged yet: "
    assert short in summary
    e = next(d for d in ctx["results"]["dims"] if d["id"] == "E")
    assert ("因数据不详（按0分计）尚不能判断是否达到底线" if lang == "zh" else "not shown to be met") in e["line"]
    row = next(r for r in ctx["results"]["rows"] if r["id"] == "E")
    assert row["floor"] == ("数据不详" if lang == "zh" else "data unknown")
    # 六's practices for the lowest dimensions: a dimension without data is not called weak there
    recs = ctx["recommendations"]
    if any(d["title"].startswith("E ") or d["title"].startswith("G ") for d in recs["dims"]):
        assert recs["dims_title"] == ("得分率最低的维度可借鉴的做法与目标" if lang == "zh"
                                      else "Practices and targets to learn from in the lowest-scoring dimensions")
        g = next(d for d in recs["dims"] if d["title"].startswith(("E ", "G ")))
        assert ("数据不详" if lang == "zh" else "data unknown") in g["title"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_section_six_does_not_call_unknown_indicators_losses(lang):
    """六 addressed "28项失分指标" of which most had no data; it now says they lose points or lack data."""
    recs = _context(PARTIAL, lang)["recommendations"]
    text = recs["intro"] + recs["rest"]
    if lang == "zh":
        assert "失分或数据不详的指标" in text and "项失分指标" not in text
    else:
        assert "lose points or lack data" in text and "indicators that lose points are" not in text
    # a unit with every indicator answered keeps the plain words
    plain = _context(INDUSTRY, lang)["recommendations"]
    assert ("失分或数据不详" if lang == "zh" else "lack data") not in plain["intro"] + plain["rest"]


def test_the_rule_weak_only_on_answered_indicators_for_any_unit():
    """A dimension is weak when it is below its floor, at most half of its points unknown, its
    answered indicators below the floor too, and its unknown answers at full points could not lift it
    to the floor (readings3 #12); every other dimension below its floor lacks data."""
    for path in sorted(DISTRICTS.glob("*.yaml")):
        result, fw, assessment = _scored(path)
        f = facts(result, None, fw, assessment, lang="zh")
        weak, short = weak_dimensions(f), data_dimensions(f)
        assert {d.id for d in weak} | {d.id for d in short} == {d.id for d in result.dimensions if d.floor_met is False}
        for d in weak:
            assert unknown_points(f, d) <= d.max / 2 + 1e-9 and known_share(f, d) < f.floor
            assert (d.score + unknown_points(f, d)) / d.max < f.floor  # below the floor whatever the unknowns
        for d in short:
            known = known_share(f, d)
            upper = (d.score + unknown_points(f, d)) / d.max
            assert unknown_points(f, d) > d.max / 2 or known is None or known >= f.floor or upper >= f.floor


def test_a_third_party_framework_names_its_own_dimensions_short_of_data(monkeypatch):
    """Tidewater's Eastbank (ratable) has its 'equity' dimension below the floor with its answers
    unknown: its decision says so rather than counting it among the weak ones."""
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(TIDEWATER / "frameworks"))
    result, loaded = read_scored(TIDEWATER / "units" / "eastbank-2025.yaml", reviews=[])
    assessment, fw = loaded.require()
    ctx = build_context(result, benchmark(result, fw), fw, assessment, lang="en", date="2026-04-10")
    reasons = " | ".join(ctx["summary"]["reasons"])
    assert "with their unknown answers counted as 0 (1): equity" in reasons
    assert not re.search(r"dimensions below the \d+% floor \(\d\):[^|]*equity", reasons)


# --- 2. the robustness interval of a unit with unknowns says why it sits above the total -----------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_summary_of_a_unit_not_ratable_gives_no_interval_drawn_for_the_unknowns(lang):
    ctx = _context(PARTIAL, lang, robustness=True)
    total = ctx["summary"]["total"]
    # not ratable: the summary opens with that outcome and the bounds, and gives no interval drawn
    # from "plausible values" of the unknown answers (audit A1#7); section 七 gives it, labelled
    if lang == "zh":
        assert "数据不足，不予定级：总分介于" in total and "合理数值" not in total
    else:
        assert "Not ratable. The total lies between" in total and "plausible" not in total
    # section 七 gives the bounds, not an interval drawn over plausible values of the unknowns, which
    # would be the draws' assumption rather than knowledge of the unit (G19-B2, as for the reference cities)
    rob = " ".join(ctx["robustness"]["findings"])
    assert ("若不详指标取合理数值" if lang == "zh" else "If the unknown answers took plausible values") not in rob
    b = _bounds(PARTIAL)
    assert (f"总分可在{b[0]}至{b[1]}分之间" if lang == "zh" else f"Its total lies anywhere from {b[0]} to {b[1]} points") in rob


def _bounds(path) -> tuple[str, str]:
    from evaluator.pipeline import read_scored

    result, _ = read_scored(path)
    return f"{result.total_bounds.lower:.1f}", f"{result.total_bounds.upper:.1f}"


# --- 3. the missing data cannot change a refusal ---------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_not_ratable_unit_whose_best_case_stays_below_every_line_is_told_so(lang):
    result, _, _ = _scored(PARTIAL)
    assert result.total_bounds.upper < 75
    ctx = _context(PARTIAL, lang)
    # the reach of the missing data, never a verdict of a unit not rated (G19-A7)
    said = ("即使补齐数据，本期也达不到“暂缓认定”所需的75分：数据不详或未填报的28项指标全部得满分，"
            "总分也只有74.0分。") if lang == "zh" else \
        ("Even with the data complete, this period cannot reach the 75 points that 'Recognition deferred' needs: "
         "with all 28 indicators without data at full points, the total would be only 74.0.")
    assert said in ctx["summary"]["decision"]
    assert said in ctx["conclusion"]["notes"]
    assert said in ctx["results"]["summary"]
    # a best case that reaches the deferral line leaves the outcome open: nothing is said
    open_case = result.model_copy(update={"total_bounds": Bounds(lower=result.total_bounds.lower, upper=80.0)})
    other = _context(PARTIAL, lang, result=open_case)
    assert "即使补齐数据" not in other["summary"]["decision"] and not other["conclusion"]["notes"]


def test_a_framework_without_recognition_names_its_own_outcomes(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(TIDEWATER / "frameworks"))
    result, loaded = read_scored(TIDEWATER / "units" / "greyport-2025.yaml", reviews=[])
    assessment, fw = loaded.require()
    assert not result.ratable and result.total_bounds.upper >= fw.recognition.deferred_min
    ctx = build_context(result, benchmark(result, fw), fw, assessment, lang="zh", date="2026-04-10")
    assert "即使补齐数据" not in ctx["summary"]["decision"]  # vetoed: the veto is said instead
    # without its veto, 20.6 could still be deferred; at most 15.0 could not
    free = result.model_copy(update={"vetoes": []})
    ctx = build_context(free, benchmark(free, fw), fw, assessment, lang="zh", date="2026-04-10")
    assert "即使补齐数据" not in ctx["summary"]["decision"]
    low = free.model_copy(update={"total_bounds": Bounds(lower=result.total_bounds.lower, upper=15.0)})
    for lang, said in (("zh", "即使补齐数据，本期也达不到“暂缓授予”所需的18.5分："),
                       ("en", "this period cannot reach the 18.5 points that 'Commons mark deferred' needs:")):
        ctx = build_context(low, benchmark(low, fw), fw, assessment, lang=lang, date="2026-04-10")
        assert said in ctx["summary"]["decision"]
        assert "认定" not in said


# --- 4. a survey threshold within the margin of error is said where the decision is ----------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_survey_threshold_within_the_margin_is_said_in_the_report(lang):
    ctx = _context(INDUSTRY, lang)
    sentence = ("K4 居民对学习型城市建设的知晓度：81%（±3.1个百分点，有效样本620份），达到80%的要求，"
                "但80%的门槛在95%置信区间（77.9%—84.1%）之内，是否确实达标需扩大样本才能确定。") if lang == "zh" else \
        ("K4 Residents' awareness of the learning city: 81% (±3.1 percentage points, 620 valid responses) meets "
         "the required 80%, but the 80% threshold lies within the 95% confidence interval (77.9% to 84.1%): "
         "only a larger sample would settle whether it is really met.")
    title = "门槛在抽样误差范围内的居民调查指标" if lang == "zh" else "Survey thresholds within the margin of error"
    # at 80.4, below the recognition line, a rate met within its margin decides nothing: said so
    # beside it (G26-T5), and neither among what decided 'deferred' (G14 #7) nor as a main problem
    later = ("总分80.4分，低于“认定为示范区”所需的85分，这一门槛目前不影响评估结论，申请“认定为示范区”前须先复核。"
             if lang == "zh" else " The total of 80.4 is below the 85 points 'Recognised as demonstration zone' needs: "
             "this threshold does not bear on the outcome for now, and is to be settled before 'Recognised as "
             "demonstration zone' is sought.")
    assert [it["text"] for it in _group(ctx, title)] == [sentence + later]
    assert sentence + later in ctx["conclusion"]["notes"]
    assert not any(p.startswith("K4") for p in ctx["summary"]["problems"])
    short = "但门槛在±3.1个百分点的抽样误差范围内" if lang == "zh" else "the threshold lies within the ±3.1-point margin"
    assert not any(short in r for r in ctx["summary"]["reasons"])
    # a rate far from its threshold (K5 at 78% ± 3.9 against 70%) is not named
    assert not any("K5" in it["text"] for it in _group(ctx, title))


# --- 5. each problem once ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(DISTRICTS.glob("*.yaml")), ids=lambda p: p.stem)
def test_section_five_names_each_dimension_once_among_its_scored_problems(path):
    """zhushan's F was listed under 未达底线的维度 and again under 得分偏低的指标: a dimension below
    its floor now carries its weak indicators' facts in its own item."""
    ctx = _context(path, "zh")
    dims = {d.id for d in _scored(path)[0].dimensions}
    groups = [g for g in ctx["problems"]["groups"] if g["title"] in ("未达底线的维度", "得分偏低的指标")]
    firsts = [it["text"].split(" ")[0] for g in groups for it in g["items"] if it["text"].split(" ")[0] in dims]
    assert len(firsts) == len(set(firsts)), firsts


def test_zhushans_f_is_listed_once_with_its_weak_indicators():
    ctx = _context(INDUSTRY, "zh")
    items = [it["text"] for g in ctx["problems"]["groups"] for it in g["items"] if it["text"].startswith("F ")]
    assert len(items) == 1
    assert "低于60%的底线" in items[0] and "F4 社区教育专职队伍为0.79人/万人，低于满分标准2人/万人" in items[0]


# --- 6. the English basis reads "(such as joining UNESCO's network" in the PDF's text ----------------


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_english_basis_has_no_stray_space_inside_brackets(tmp_path):
    """pdftotext read "(join" as "( join" (the j tucks under the bracket in the report's serif):
    the framework's sentence now reads "(such as joining ...)"."""
    from reports.render import render_html, render_pdf

    result, fw, assessment = _scored(STRONG)
    html = render_html(result, benchmark(result, fw), fw, assessment, lang="en", date="2026-04-10")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(html, created=assessment.date))
    text = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "6", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "UNESCO's network" in text
    assert not re.findall(r"\( [a-z]", text)

