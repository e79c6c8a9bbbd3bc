"""G32W: report wording and survey-margin consistency, the open findings of G31A and G31T2
(tests/audit_cities/g32w/AUDIT.md). Shares of the draws that add to 100; a survey line's margin in
``lcity score`` as in the report; 六 on dimensions standing on their floor, as 八 says them; 六's
survey uncertainty said once; the robustness draws moving a rate by the finite population's margin
the engine states; the sample named after a plan being the unit's corrected one."""

from __future__ import annotations

import functools
import html
import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from .conftest import lcity_here as lcity, report_lines, squash
from .test_g31_third_party import _small_isle

ROOT = Path(__file__).resolve().parents[1]
G31A = ROOT / "tests" / "audit_cities" / "g31a"
FENGYUAN = G31A / "fengyuan-district-2025.yaml"
QINGXI = G31A / "qingxi-district-survey-only.yaml"
SHILIANG = G31A / "shiliang-district-two-floors.yaml"


@functools.lru_cache(maxsize=None)
def _text(path: Path, lang: str) -> str:
    return squash(html.unescape(" ".join(report_lines(path, lang))))


def _six(text: str, lang: str) -> str:
    """六 (recommendations) up to 七."""
    start, end = ("六、意见建议", "七、稳健性分析") if lang == "zh" else ("6. Recommendations", "7. Robustness")
    i = text.rfind(squash(start), 0, text.rfind(squash(end)))
    assert i >= 0, start
    return text[i:text.rfind(squash(end))]


# ---- 1. G31A-1: shares of the draws that add to 100 -------------------------------------------------


def test_two_shares_of_2000_draws_on_a_half_add_to_100():
    """丰源区: 970 and 1,030 of 2,000 draws, each rounded half up, read 49 % and 52 %."""
    from reports.context_robustness import draw_pcts

    assert draw_pcts([0.485, 0.515]) == ["48", "52"]
    assert draw_pcts([0.125, 0.875]) == ["12", "88"]
    assert draw_pcts([0.004, 0.996]) == ["<1", ">99"]  # the ends as draw_pct says them (G29A2-2)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 2000), min_size=2, max_size=5).filter(lambda xs: sum(xs) > 0))
def test_shares_of_the_same_draws_always_add_to_100(counts):
    from reports.context_robustness import draw_pcts

    total = sum(counts)
    shown = draw_pcts([c / total for c in counts])
    if all(s.isdigit() for s in shown):
        assert sum(int(s) for s in shown) == 100, (counts, shown)
    for c, s in zip(counts, shown):  # each within a point of its share
        if s.isdigit():
            assert abs(int(s) - 100 * c / total) < 1, (counts, shown)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fengyuans_grade_shares_add_to_100_in_the_summary_and_in_seven(lang):
    text = _text(FENGYUAN, lang)
    said = {"zh": ("“良好”在48%的抽样中不变（其余：合格52%）", "“良好”，48%的抽样得出该等级（其余：合格52%）",
                   "52%的抽样落在该线另一侧"),
            "en": ("'Good', holds in 48% of the draws (the others: Pass 52%)",
                   "48% of the draws give it (the others: Pass 52%)", "put 52% of the draws on its other side")}[lang]
    for words in said:
        assert squash(words) in text, (lang, words)
    assert "49%" not in text.replace(squash("得49%"), "").replace(squash("49% of"), ""), lang


# ---- 2. G31A-4: lcity score gives a survey line's margin --------------------------------------------


@pytest.mark.parametrize("lang,words", [
    ("zh", "• K4为78%，低于80%的要求，但门槛在±2.9个百分点的抽样误差范围内"),
    ("en", "• K4 at 78% is below the required 80%, but the threshold lies within the ±2.9-point margin of error"),
])
def test_score_says_the_margin_of_a_survey_line_as_the_report_does(lang, words):
    run = lcity("score", str(FENGYUAN), "--lang", lang, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert squash(words) in squash(run.stdout), run.stdout
    summary = {"zh": "K4 居民对学习型城市建设的知晓度为78%，低于80%的要求，但门槛在±2.9个百分点的抽样误差范围内",
               "en": "but the threshold lies within the ±2.9-point margin of error"}[lang]
    assert squash(summary) in _text(FENGYUAN, lang), lang  # the report's own words, the same margin


def test_score_gives_no_margin_to_a_survey_line_missed_by_more_than_it():
    """云岭县's K4 is 86 %, met; 丰源区 2023's K4 is missed by more than its margin, or met: no clause."""
    for path in (G31A / "fengyuan-district-2023.yaml", G31A / "yunling-county-culture-weakfunds.yaml"):
        run = lcity("score", str(path), cwd=ROOT)
        assert "抽样误差范围内" not in run.stdout, (path.name, run.stdout)


# ---- 3. G31A-5: 六 says the dimensions on their floor, as 八 does ------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_six_names_the_dimensions_on_their_floor_and_the_least_step_for_each(lang):
    text = _text(SHILIANG, lang)
    six = _six(text, lang)
    words = {"zh": ("C 三级联动治理网络（60.0%）、E 数字平台、资源与沉浸式场景（60.0%）恰在60%的底线上，没有余量",
                    "C维度为C1 街道（乡镇）社区学校覆盖 17个 → 18个（街道、乡镇），+0.40分，工作量3点，上表任务C1也提高C维度得分",
                    "E维度为E3 平台活跃学习者 10% → 14%，+0.20分，工作量3点，上表任务均不在E维度，宜将这一步列入计划"),
             "en": ("stand exactly on the 60% floor, with no margin",
                    "for C, C1 Community schools in streets and townships: 17 streets/townships → 18 streets/townships, "
                    "+0.40 points, 3 effort points, and the table's C1 raises C too",
                    "for E, E3 Active platform learners: 10% → 14%, +0.20 points, 3 effort points, and no task in the "
                    "table is in E, so this step is worth adding")}[lang]
    for said in words:
        assert squash(said) in six, (lang, said)
    # 八 names the same two dimensions as standing on the floor
    eight = text[text.rfind(squash("七、稳健性分析" if lang == "zh" else "7. Robustness")):]
    assert squash({"zh": "C 三级联动治理网络（60.0%）、E 数字平台、资源与沉浸式场景（60.0%）恰在底线上，没有余量",
                   "en": "stand on it with no margin"}[lang]) in eight, lang


def test_six_says_nothing_of_a_floor_where_no_dimension_stands_on_it():
    for lang in ("zh", "en"):
        six = _six(_text(QINGXI, lang), lang)
        assert squash({"zh": "恰在", "en": "stand exactly on the"}[lang] + "60%") not in six


# ---- 4. G31A-6: 六 says the survey uncertainty once ------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_six_says_k4s_survey_uncertainty_once(lang):
    six = _six(_text(QINGXI, lang), lang)
    kept, dropped = {"zh": ("K4计划达到80%，恰在80%的要求线上；按780份问卷，95%置信水平下误差为±2.8个百分点，调查结果约有一半的可能"
                            "低于80%：宜以83%以上为目标，或扩大样本。", "95%置信区间77.2%—82.8%"),
                     "en": ("The plan puts K4 at 80%, exactly on the 80% line; with 780 questionnaires its 95% margin is "
                            "± 2.8 points, so a survey would find it below 80% about half the time: aim at 83% or more, "
                            "or survey a larger sample.", "95% interval 77.2% to 82.8%")}[lang]
    assert six.count(squash(kept)) == 1, (lang, six[:1500])
    assert squash(dropped) not in six, lang


def test_plan_says_k4s_survey_uncertainty_once():
    for lang, kept, dropped in (("zh", "宜以83%以上为目标", "95%置信区间"), ("en", "aim at 83% or more", "95% interval")):
        run = lcity("plan", str(QINGXI), "--lang", lang, cwd=ROOT)
        said = squash(run.stdout)
        assert said.count(squash(kept)) == 1 and squash(dropped) not in said, (lang, run.stdout)


# ---- 5. G31T2: the robustness draws move a rate by the finite population's margin -------------------


@pytest.fixture
def isle(tmp_path, monkeypatch):
    """Skerry with its boat calling (no veto), 120 of its 131 young people asked: sk-1 at 58 % against
    the 55 % line, ± 2.6 on the finite population (± 8.8 from a large one)."""
    _, unit = _small_isle(tmp_path)
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "fw"))
    monkeypatch.setenv("COLUMNS", "80")
    text = unit.read_text(encoding="utf-8")
    for old, new in (("od-1: {value: closed", "od-1: {value: monthly"), ("sk-1: {value: 70,", "sk-1: {value: 58,")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    near = tmp_path / "near.yaml"
    near.write_text(text, encoding="utf-8")
    return near


def test_the_draws_move_the_isles_rate_by_the_margin_the_score_states(isle):
    run = lcity("sensitivity", str(isle), "--no-sobol", "--format", "json")
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    unit = next(u for u in got["units"] if not u["reference"])
    below = next(c for c in unit["crossed"] if c["id"] == "sk-1")
    # ± 2.6 (se 1.33): 58 % falls below 55 % in about 1 % of the draws; ± 8.8 put it there in about 25 %
    assert below["fails"] < 0.05, below
    survey = next(s for s in got["sources"] if s["id"] == "survey")
    assert "sk-1, the error is corrected for the number of people the survey is drawn from" in survey["range"], survey
    assert "sk-1按本单位填报的被调查人群总数作有限总体校正" in survey["range_zh"], survey


def test_chinas_frameworks_draw_no_finite_correction():
    """No ``survey.drawn_from``: the engine's margin is the large population's, nothing is corrected."""
    from evaluator.pipeline import read_scored
    from evaluator.uncertainty import build

    for path in (ROOT / "examples" / "qingshi-district.yaml", FENGYUAN, QINGXI):
        result, loaded = read_scored(path)
        design = build(loaded.framework, [result], [path.stem], ("survey",))
        assert design.finite == {} and design.finite_for == (), path.name


# ---- 6. G31T2: after a plan, the sample the unit needs, not the framework's 200 -----------------------


def test_after_a_plan_the_survey_left_names_the_isles_80(tmp_path, monkeypatch):
    """Skerry closed (a veto the plan lifts) with 60 of its 131 young people asked: after the plan the
    survey is short of the 80 the framework's 200 comes to for 131 people, not of 200."""
    _, unit = _small_isle(tmp_path)
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "fw"))
    monkeypatch.setenv("COLUMNS", "80")
    sixty = tmp_path / "sixty.yaml"
    sixty.write_text(unit.read_text(encoding="utf-8").replace("sample_size: 120", "sample_size: 60"), encoding="utf-8")
    run = lcity("plan", str(sixty))
    said = squash(run.stdout)
    assert squash("sk-1 would be 70% after the plan (60 valid questionnaires, fewer than the 80 the framework asks "
                  "for)") in said, run.stdout
    assert "fewer than the 200" not in run.stdout
    text = squash(" ".join(report_lines(sixty, "en")))
    assert squash("fewer than the 80 the framework asks for") in text and "fewer than the 200" not in text
