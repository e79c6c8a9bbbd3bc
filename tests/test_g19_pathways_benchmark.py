"""What a user reads about the pathway and the benchmark after the G19 audit.

* G19-A2: a district's L2 asks its part in its city's exchanges; its practice is named so, never
  "获国际认可或承办国际会议" (the city-level meaning), in 四（二）, 七（一） and ``lcity benchmark``; in
  both packaged frameworks no practice of a level whose question asks another thing keeps a label
  of another level's question.
* G19-A5: a balanced city whose leading type is within a point of its own average is told that no
  type stands out, never "高出本单位平均0个百分点" or "只是因为后者低于本单位平均水平", nor that its
  declared type is "正是实际做法居首的类型".
* G19-B7: the benchmark's weakest dimensions are ones that lost points; a thin unit's 100 %
  dimensions are said to have lost none, and the heading does not promise three.
* G19-A10: a practice whose name is a quotation is quoted once, and the second note on a weak
  dimension does not open with "其中" again; ``lcity benchmark`` prints no bounds of one figure.

Reports are rendered to HTML in-process and read as text; the benchmark runs as a user runs it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator.benchmark import benchmark
from evaluator.pathways import practice_for
from indicators.loader import load_framework
from reports.render import render_html

from .conftest import lcity, plain, scored_reviewed

HERE = Path(__file__).resolve().parent
G19 = HERE / "audit_reports_g19"
HAIYAN = G19 / "haiyan-district.yaml"
CHENGHU = G19 / "chenghu-city.yaml"
CHENGHU_REVIEW = G19 / "chenghu-city.review.yaml"
THIN = HERE / "audit_coordinator_g19" / "inputs" / "thinlan-city-thin.yaml"


def _text(path: Path, lang: str, review: Path | None = None) -> str:
    result, fw, assessment = scored_reviewed(path, review)
    return plain(render_html(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10"))


@pytest.fixture(scope="module")
def haiyan() -> dict[str, str]:
    return {lang: _text(HAIYAN, lang) for lang in ("zh", "en")}


@pytest.fixture(scope="module")
def chenghu_reviewed() -> dict[str, str]:
    return {lang: _text(CHENGHU, lang, CHENGHU_REVIEW) for lang in ("zh", "en")}


def _bench(path: Path, lang: str) -> str:
    run = lcity("benchmark", str(path), "--lang", lang)
    assert run.returncode == 0, run.stderr
    return run.stdout


# --- G19-A2: a practice label fits the level's question ----------------------------------------


def test_district_is_not_credited_with_its_citys_recognition(haiyan):
    zh, en = haiyan["zh"], haiyan["en"]
    assert "获国际认可或承办国际会议" not in zh
    assert "international recognition or an international conference hosted" not in en
    assert "参与城市国际交流（参与所在城市的国际交流活动、接待境外考察团组或开展结对合作）" in zh  # 四（二）
    assert "L2 参与城市国际交流（参与城市国际交流：" in zh  # 七（一）'s evidence
    assert "Taking part in the city's international exchange (the city's exchanges" in en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_benchmark_names_the_districts_own_practice(lang):
    out = _bench(HAIYAN, lang)
    if lang == "zh":
        assert "L2 参与城市国际交流：参与所在城市的国际交流活动" in out
        assert "获国际认可" not in out
    else:
        assert "L2 Taking part in the city's international exchange" in out
        assert "international recognition" not in out


@pytest.mark.parametrize("ref", ["china-learning-city@1", "china-learning-city@2"])
def test_every_level_variant_with_its_own_answer_has_a_fitting_label(ref):
    """A practice whose indicator asks a level another thing (its own answer) is named for that
    level, unless it is read from items that level's answer still holds (K3's national brands)."""
    fw = load_framework(ref)
    for t in fw.pathways.types:
        for f in t.features:
            ind = fw.indicator(f.indicator)
            for level, variant in ind.by_level.items():
                if variant.answer is None:
                    assert practice_for(fw, f, level) == f.practice
                    continue
                held = {o.id for o in getattr(variant.answer, "items", None) or getattr(variant.answer, "choices", None) or []}
                if f.items and set(f.items) <= held:
                    assert practice_for(fw, f, level) == f.practice, (f.indicator, level)
                else:
                    assert practice_for(fw, f, level) != f.practice, (f.indicator, level)


def test_a_city_keeps_the_city_label():
    fw = load_framework("china-learning-city@2")
    l2 = next(f for t in fw.pathways.types for f in t.features if f.indicator == "L2")
    assert practice_for(fw, l2, "city").zh == "对标国际标准：获国际认可或承办国际会议"
    assert practice_for(fw, l2, "county").zh.startswith("参与城市国际交流")


# --- G19-A5: a leading type level with the unit's own average --------------------------------


def test_balanced_city_is_told_no_type_stands_out(chenghu_reviewed):
    zh, en = chenghu_reviewed["zh"], chenghu_reviewed["en"]
    assert "高出本单位平均0个百分点" not in zh
    assert "只是因为后者低于本单位平均水平" not in zh
    assert "没有哪一类型的做法比本单位自身平均水平突出，居首的“均衡发展型”与平均水平也相差不到1个百分点" in zh
    assert "0 percentage points above" not in en
    assert "only because" not in en
    assert "no type's practices stand out from the unit's own average" in en


def test_declared_type_is_not_said_to_lead_when_none_does(chenghu_reviewed):
    zh, en = chenghu_reviewed["zh"], chenghu_reviewed["en"]
    assert "正是实际做法居首的类型" not in zh
    assert "澄湖市自述为“均衡发展型”；实际做法中没有哪一类型高出本单位平均水平1个百分点以上，自述的类型也不例外" in zh
    assert "is the type its practice puts first" not in en
    assert "Chenghu City declares 'Balanced development'; in its practice no type stands 1 percentage point or more" in en


def test_score_prints_the_same_plain_reason():
    run = lcity("score", str(CHENGHU), "--review", str(CHENGHU_REVIEW))
    assert run.returncode == 0, run.stderr
    assert "没有哪一类型的做法比本单位自身平均水平突出" in run.stdout
    assert "高出本单位平均0个百分点" not in run.stdout


def test_a_real_lead_below_the_line_keeps_its_figure():
    """Haiyan's types are 4 points apart, well off its average: the figures stay."""
    run = lcity("score", str(HAIYAN))
    assert "相差4个百分点，不足5个百分点" in run.stdout
    assert "没有哪一类型" not in run.stdout


# --- G19-B7: the weakest dimensions lost points ------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_thin_unit_lists_no_full_dimension_among_the_weakest(lang):
    out = _bench(THIN, lang)
    part = out[out.index("最弱" if lang == "zh" else "Weakest dimensions"):]
    if lang == "zh":
        assert "最弱的三个维度" not in out
        assert "A、B（未失分）" in part
        assert "可列为最弱的维度只有1个：L" in part
        assert "本维度未失分" not in part
        assert "A 政策蓝图与组织领导（100%）" not in part
    else:
        assert "Three weakest dimensions" not in out
        assert "A, B (no points lost)" in part
        assert "only 1 dimension can be named among the weakest: L" in part
        assert "no points lost here" not in part


def test_weakest_in_json_lost_points():
    import json

    run = lcity("benchmark", str(THIN), "--format", "json")
    doc = json.loads(run.stdout)
    assert [w["id"] for w in doc["weakest"]] == ["L"]
    assert all(w["lost_in"] for w in doc["weakest"])
    assert doc["weakest_full"] == ["A", "B"]


def test_three_weakest_still_three_where_three_lost_points():
    out = _bench(HAIYAN, "zh")
    assert "最弱的三个维度及可借鉴的做法" in out
    assert "可列为最弱的维度只有" not in out


# --- G19-A10: quotation marks, repeated 其中, bounds of one figure ---------------------------


def test_quoted_practice_is_quoted_once(haiyan):
    zh, en = haiyan["zh"], haiyan["en"]
    assert "““" not in zh and "””" not in zh
    assert "同样，“1个格局+2个体系”（F5）所在的F 社区教育支点维度" in zh
    assert "。其中“资源整合、购买服务”（D4）" in zh
    assert "'The '1 pattern" not in en
    assert "Likewise, 'The “1 pattern + 2 systems” model' (F5) lies in F" in en


def test_benchmark_quotes_once():
    out = _bench(HAIYAN, "zh")
    assert "““" not in out
    assert "其中“1个格局+2个体系”（F5）所在的F" in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_benchmark_prints_bounds_only_when_two(lang):
    chenghu, haiyan = _bench(CHENGHU, lang), _bench(HAIYAN, lang)
    if lang == "zh":
        assert "澄湖市：总分 90.9，名次" in chenghu and "上下界" not in chenghu.splitlines()[1]
        assert "海晏区：总分 70.4（上下界 70.4–74.4）" in haiyan
    else:
        assert "Chenghu City: total 90.9, rank" in chenghu
        assert "Haiyan District: total 70.4 (bounds 70.4–74.4)" in haiyan


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_benchmark_does_not_call_practices_outstanding_where_no_type_is(lang):
    out = _bench(CHENGHU, lang)
    if lang == "zh":
        assert "没有哪一类型的做法比本单位自身平均水平突出" in out
        assert "高于本单位平均水平的做法：C1" in out and "突出的做法：" not in out
    else:
        assert "no type's practices stand out from the unit's own average" in out
        assert "practices above the unit's own average: C1" in out and "practices that stand out" not in out
        assert "margin 1 percentage point)" in out
