"""A district (county, borough) judged on its own work, not on its city's records.

Some answers a district gives are its city's record (an indicator's ``from_parent`` levels: under
china-learning-city@1 B1, L1 and L2, "区、县按所在城市填报"; under the third-party Tidewater index a
borough's x-accredited). And some indicators ask a district another thing than a city (a level
variant under ``by_level``: under china-learning-city@2 a district's L2 is its part in the city's
international exchange, not the city's UNESCO award), or nothing (``levels``).

Two defects followed from reading a district as if it were its city:

* the benchmark's models for the weakest dimensions offered the city-level practices of
  indicators the district does not have or answers for its city (Beijing's and Hangzhou's UNESCO
  awards to a county whose weak dimension is international exchange);
* the pathway counted the city's international recognition (L2) as the district's own practice,
  so a district of an award-winning city leaned 'internationalisation-oriented' for what its city
  did. It now weighs nothing in the district's type and the reason says so.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator import pathways
from evaluator.benchmark import benchmark
from evaluator.engine import score
from evaluator.reading import read

from .conftest import EXAMPLES, ROOT, lcity_here as lcity
from .test_kernel import FRAMEWORKS
from .test_kernel import assessment as any_assessment

BLIND = ROOT / "tests" / "archetypes_blind"
TIDEWATER = ROOT / "tests" / "data" / "third_party_tidewater"


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.fixture
def award_city_district(tmp_path: Path) -> Path:
    """Baiyang (a balanced county of the example set) as a district of a GNLC member city that won
    UNESCO's Learning City Award: L1 and L2 are the city's record; its own practice is unchanged."""
    text = (EXAMPLES / "districts" / "baiyang.yaml").read_text(encoding="utf-8")
    text = _replace(text, "  level: county", "  level: district")
    text = _replace(text, "  L1:\n    status: not_applicable\n    note: \"全球学习型城市网络只接收城市成员,区县不能单独加入\"",
                    "  L1:\n    value: true")
    text = _replace(text, "  L2:\n    value: none", "  L2:\n    value: award")
    path = tmp_path / "baiyang-district.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _scored(path: Path, framework: str | None = None):
    assessment, fw = read(path, framework=framework).require()
    return score(assessment, fw), fw


# --- the pathway -------------------------------------------------------------------------------


def test_the_citys_award_does_not_make_a_balanced_district_internationalisation_oriented(award_city_district):
    result, fw = _scored(award_city_district)
    path = pathways.classify(fw, result)
    assert path.type == "balanced", path.reason
    assert path.leading == "balanced"
    # the city's records are not the district's evidence, for any type
    assert not [e.indicator for e in path.evidence if fw.indicator(e.indicator).answered_for_parent("district")]
    assert "L2 (International recognition) is answered with the record of the city it belongs to" in path.reason
    assert "not counted as the unit's own practice" in path.reason
    assert "L2（国际认可）按所在城市的情况填报，不计为本单位自身的做法" in path.reason_zh


def test_the_same_answers_given_by_the_city_itself_count(award_city_district, tmp_path):
    """The rule is the level's from_parent, not the indicator: a city's own award is its practice."""
    city = tmp_path / "as-city.yaml"
    city.write_text(_replace(award_city_district.read_text(encoding="utf-8"), "  level: district", "  level: city"),
                    encoding="utf-8")
    result, fw = _scored(city)
    path = pathways.classify(fw, result)
    assert path.leading == "internationalisation", path.reason
    assert "L2" in [e.indicator for e in path.evidence]
    assert "answered with the record" not in path.reason


def test_the_citys_answers_are_out_of_the_districts_own_average(award_city_district):
    """The own average the practices are measured against is the district's own profile too."""
    result, fw = _scored(award_city_district)
    path = pathways.classify(fw, result)
    own = [r.share for r in result.indicators if r.state == "answered" and r.share is not None
           and not fw.indicator(r.id).answered_for_parent("district")]
    assert path.own_mean == pytest.approx(sum(own) / len(own))
    assert len(own) < sum(r.state == "answered" for r in result.indicators)


def test_a_district_with_too_few_answers_of_its_own_is_told_which_were_left_out():
    """Ten answers, three of them the city's: seven of the district's own are too few to see an emphasis."""
    fw = read(EXAMPLES / "qingshi-district.yaml").require()[1]
    plan = pathways.plan_for(fw)
    given = {"B1": 1.0, "L1": 1.0, "L2": 1.0, "A1": 0.5, "A2": 0.5, "C1": 1.0, "C2": 1.0, "D3": 1.0, "D4": 1.0,
             "G3": 1.0}
    rows = [_ind(fw, i.id, given.get(i.id)) for i in fw.indicators()]
    as_city = pathways.run(plan, rows, level="city")
    as_district = pathways.run(plan, rows, level="district")
    assert not as_city.reason.startswith("only")  # ten answers are enough to count for a city
    assert as_district.type == "undetermined"
    assert as_district.reason.startswith("only 7 of the unit's own")
    assert "3 more are answered with the record of the city it belongs to" in as_district.reason
    assert "另有3项按所在城市的情况填报" in as_district.reason_zh


def _ind(fw, iid: str, share: float | None):
    from evaluator.result import IndicatorResult

    ind = fw.indicator(iid)
    state = "answered" if share is not None else "unknown"
    return IndicatorResult(id=iid, dimension=fw.dimension_of(iid).id, name=ind.name.en, name_zh=ind.name.zh,
                           state=state, rule="linear", points=1.0, max=1.0, score=share or 0.0, share=share,
                           reason="", reason_zh="")


def test_the_engines_fast_path_agrees_with_run_at_every_level(award_city_district):
    """run_at (the engine's, by position) and run (by id) give the same type, evidence and figures."""
    from evaluator.engine import plan_for as engine_plans

    result, fw = _scored(award_city_district)
    plan = pathways.plan_for(fw)
    pos = engine_plans(fw).at("district").pathway_at
    shares = [r.share for r in result.indicators if r.state == "answered" and r.share is not None]
    for level in ("city", "district", "county"):
        fast = pathways.run_at(plan, pos, result.indicators, shares, (), level)
        slow = pathways.run(plan, result.indicators, level=level)
        assert fast.model_dump() == slow.model_dump()


def test_lcity_score_gives_the_district_its_own_type(award_city_district):
    """What a user sees: lcity score's pathway is the district's own, in both languages."""
    shown = lcity("score", str(award_city_district), "--format", "json")
    assert shown.returncode == 0, shown.stderr
    path = json.loads(shown.stdout)["pathway"]
    assert path["type"] == "balanced", path["reason"]
    assert "L2" not in [e["indicator"] for e in path["evidence"]]
    text = lcity("score", str(award_city_district), "--lang", "en").stdout
    assert "observed Balanced development" in text
    assert "is answered with the record of the city it belongs to" in text


def test_a_borough_of_an_accredited_city_is_not_library_led_for_it(tmp_path, monkeypatch):
    """Any framework, any level names: a Tidewater borough answers x-accredited with its city's
    record (from_parent: [borough]); as a practice of a type it weighs nothing for the borough."""
    fws = tmp_path / "frameworks"
    shutil.copytree(TIDEWATER / "frameworks", fws)
    fw_file = fws / "tidewater" / "framework.yaml"
    text = _replace(fw_file.read_text(encoding="utf-8"),
                    "        - {indicator: open-hours, weight: 1, practice: {zh: 长时间开放, en: Long opening hours}, "
                    "source: \"Charter, section 2\"}\n",
                    "        - {indicator: open-hours, weight: 1, practice: {zh: 长时间开放, en: Long opening hours}, "
                    "source: \"Charter, section 2\"}\n"
                    "        - {indicator: x-accredited, weight: 4, practice: {zh: 联盟认证, en: The Alliance's "
                    "accreditation}, source: \"Charter, section 3\"}\n")
    fw_file.write_text(text, encoding="utf-8")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(fws))
    unit = tmp_path / "eastbank.yaml"
    unit.write_text((TIDEWATER / "units" / "eastbank-2025.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result, fw = _scored(unit)
    assert fw.indicator("x-accredited").answered_for_parent("borough")
    path = pathways.classify(fw, result)
    assert "x-accredited" not in [e.indicator for e in path.evidence]
    assert "x-accredited (Learning city accreditation) is answered with the record of the metro it belongs to" in path.reason
    library = next(s for s in path.scores if s.id == "library_led")
    metro = pathways.run(pathways.plan_for(fw), result.indicators, level="metro")
    assert library.score < next(s.score for s in metro.scores if s.id == "library_led")


# --- the weakest dimensions' models ------------------------------------------------------------


def _models(path: Path, framework: str | None = None):
    result, fw = _scored(path, framework)
    return result, fw, {w.id: w.exemplars for w in benchmark(result, fw).weakest}


# (Xinqiao's L is all unknown: not "weakest" and no model to copy on no answers, readings3 #12)
@pytest.mark.parametrize("path", [BLIND / "bal_county_weak_qingping.yaml",
                                  BLIND / "ind_county_weak_dongtang.yaml"], ids=lambda p: p.stem)
def test_a_weak_international_exchange_gets_models_a_district_can_follow(path):
    """china-learning-city@2: L1 (GNLC membership) is a city's only; a district's L2 asks its part in
    the city's exchanges. A district weak in L is shown exchange projects (L3), not UNESCO awards."""
    _, _, models = _models(path)
    assert "L" in models, list(models)
    shown = models["L"]
    assert shown and {e.indicator for e in shown} == {"L3"}
    assert not [e for e in shown if "Award" in e.practice or "GNLC members' conference" in e.practice]


def _at_level_practices(fw, level: str) -> dict[str, set[str]]:
    unit = fw.unit_name(level)
    return {i.id: {e.practice.en for e in i.at_level(level, unit).exemplars} for i in fw.indicators()}


ALL_UNITS = sorted([*BLIND.glob("*.yaml"), *EXAMPLES.glob("*.yaml"), *(EXAMPLES / "districts").glob("*.yaml"),
                    *(EXAMPLES / "v2").glob("*.yaml")])


@pytest.mark.parametrize("path", [p for p in ALL_UNITS if ".review" not in p.name], ids=lambda p: p.stem)
def test_no_model_is_of_the_citys_records_or_of_another_levels_question(path):
    """Every unit: each model is one its level's indicator names, never one of an indicator its
    level answers for its city, does not have, or the unit marked not applicable."""
    result, fw, models = _models(path)
    level = result.city.level
    own = _at_level_practices(fw, level)
    off = {r.id for r in result.indicators if r.state == "not_applicable"}
    for dim, shown in models.items():
        for e in shown:
            ind = fw.indicator(e.indicator)
            assert not ind.answered_for_parent(level), (dim, e.indicator)
            assert ind.applies(level) and e.indicator not in off, (dim, e.indicator)
            assert e.practice in own[e.indicator], (dim, e.indicator, e.practice)


def test_a_tidewater_borough_and_village_get_models_of_their_own_level(tmp_path, monkeypatch):
    """A third-party framework with levels metro/borough/village: the borough is not shown the model
    of the accreditation its city holds, the village not the metro's model of a question its
    variant asks otherwise."""
    fws = tmp_path / "frameworks"
    shutil.copytree(TIDEWATER / "frameworks", fws)
    fw_file = fws / "tidewater" / "framework.yaml"
    text = fw_file.read_text(encoding="utf-8")
    text = _replace(text, "        from_parent: [borough]\n",
                    "        from_parent: [borough]\n"
                    "        exemplars:\n"
                    "          - {city: port-aven, practice: {zh: 港城获联盟认证。, en: Port Aven holds the Alliance's "
                    "accreditation.}}\n")
    text = _replace(text, "          - {city: port-aven, practice: {zh: 在每个渡口设置流动分馆。, en: A pop-up branch at every "
                    "ferry pier.}}\n        advice: {zh: 在人口密集的街区开设图书馆分馆。, en: Open library branches in the "
                    "densest neighbourhoods.}\n",
                    "          - {city: port-aven, practice: {zh: 在每个渡口设置流动分馆。, en: A pop-up branch at every "
                    "ferry pier.}}\n        advice: {zh: 在人口密集的街区开设图书馆分馆。, en: Open library branches in the "
                    "densest neighbourhoods.}\n"
                    "        by_level:\n          village:\n"
                    "            name: {zh: 流动图书服务, en: Mobile library service}\n")
    fw_file.write_text(text, encoding="utf-8")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(fws))
    units = tmp_path / "units"
    shutil.copytree(TIDEWATER / "units", units)
    # a model is named only where the unit loses points (readings2 #6): the borough's branches and the
    # metro's accreditation fall short here, so that each may be shown the models its level has
    for name, old, new in (("eastbank-2025.yaml", "lib_branches: {value: 5,", "lib_branches: {value: 1,"),
                           ("tidewater-2025.yaml", "x-accredited: {value: true,", "x-accredited: {value: false,")):
        unit = units / name
        unit.write_text(_replace(unit.read_text(encoding="utf-8"), old, new), encoding="utf-8")
    # every dimension is 'weakest' with three of them: each shows all the models its level has
    borough, _, models = _models(units / "eastbank-2025.yaml")
    assert borough.city.level == "borough"
    shown = [e.practice for ex in models.values() for e in ex]
    assert "Port Aven holds the Alliance's accreditation." not in shown
    assert "A pop-up branch at every ferry pier." in shown
    metro, _, models = _models(units / "tidewater-2025.yaml")
    assert metro.city.level == "metro"
    assert "Port Aven holds the Alliance's accreditation." in [e.practice for ex in models.values() for e in ex]
    village, _, models = _models(units / "north-marsh-2025.yaml")
    assert village.city.level == "village"
    shown = [e.practice for ex in models.values() for e in ex]
    assert "A pop-up branch at every ferry pier." not in shown
    assert "Port Aven holds the Alliance's accreditation." not in shown


def test_the_benchmark_cli_shows_a_county_the_exchange_models():
    """What a user sees in lcity benchmark, in both languages."""
    path = BLIND / "bal_county_weak_qingping.yaml"
    en = lcity("benchmark", str(path), "--lang", "en")
    assert en.returncode == 0, en.stderr
    assert "[L3]" in en.stdout and "[L2]" not in en.stdout and "[L1]" not in en.stdout
    assert "Learning City Award" not in en.stdout.split("whom to learn from", 1)[1]
    zh = lcity("benchmark", str(path), "--lang", "zh")
    assert "（L3）" in zh.stdout and "（L2）" not in zh.stdout


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_fast_path_drops_the_citys_shares_exactly_as_run_does(data):
    """Any mix of answered, unknown and not-applicable city records at any place: the engine's
    shares without the city's give the same type, figures and evidence as ``run``."""
    from evaluator.engine import plan_for

    fw = FRAMEWORKS[0]  # v1: one plan for every level, the city's records among the unit's results
    a = data.draw(any_assessment(fw))
    result = score(a, fw)
    if result.pathway is None:
        return
    plan = plan_for(fw).at(a.city.level).pathways
    slow = pathways.run(plan, result.indicators, a.strategy.leads_with, level=a.city.level)
    assert result.pathway.model_dump() == slow.model_dump()


def test_a_weak_dimension_held_by_the_city_is_not_said_to_have_no_models_at_all():
    """yunling (a county) loses B on its city's regulation: the framework does name models for B,
    only none a county carries out, and the benchmark says that."""
    zh = lcity("benchmark", str(EXAMPLES / "yunling-county.yaml"), "--lang", "zh").stdout
    assert "框架未列出该维度的参照案例" not in zh
    assert "失分在 B1，指标体系未列出本单位这一层级在这一指标上可借鉴的做法" in zh
