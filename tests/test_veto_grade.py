"""A veto (一票否决) fails the evaluation whatever the total, where the framework says so
(``recognition.veto_grade``), and every place that names the grade says why.

A district with 94 points and no dedicated budget line was graded 优秀 beside 不予认定, which no
panel signs; the report's own outcome rule read as if it would be deferred.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluator.benchmark import benchmark
from evaluator.engine import score
from evaluator.kernel import compile_units
from evaluator.kernel import score as kernel_score
from evaluator.reading import read
from reports.context import build_context

from .conftest import lcity_here as lcity
from .test_framework_check import _copy, _line_of

VETOED = Path(__file__).resolve().parent / "archetypes_districts" / "rongwan-district-veto.yaml"


@pytest.fixture(scope="module")
def vetoed():
    assessment, fw = read(VETOED).require()
    return assessment, fw, score(assessment, fw)


def test_a_vetoed_unit_is_graded_fail_whatever_its_total(vetoed):
    _, fw, r = vetoed
    assert r.vetoes == ["no_budget_line"]
    assert r.total > 90 and r.ratable
    assert (r.grade.id, r.grade.name_zh) == ("fail", "不合格")
    assert r.recognition.outcome == "refused"


def test_without_veto_grade_the_grade_stays_the_band_of_the_total(vetoed):
    assessment, fw, r = vetoed
    rec = fw.recognition.model_copy(update={"veto_grade": None})
    other = fw.model_copy(update={"recognition": rec})
    r2 = score(assessment, other)
    assert r2.grade.id == "excellent" and r2.recognition.outcome == "refused"


def test_the_uncertainty_kernel_gives_the_veto_grade_in_every_draw(vetoed):
    _, fw, r = vetoed
    units = compile_units(fw, [r])
    got = kernel_score(units, 50)
    fail = [g.id for g in fw.grades].index("fail")
    assert (got.grade == fail).all()


def test_score_says_the_veto_decided_the_grade():
    proc = lcity("score", str(VETOED), "--lang", "zh")
    assert proc.returncode == 0, proc.stderr
    assert "等级：不合格（一票否决）" in proc.stdout
    en = lcity("score", str(VETOED), "--lang", "en")
    assert "Grade: Fail (veto)" in en.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_says_why_and_states_the_veto_rule(vetoed, lang):
    assessment, fw, r = vetoed
    ctx = build_context(r, benchmark(r, fw), fw, assessment, lang=lang)
    text = json.dumps(ctx, ensure_ascii=False, default=str)
    if lang == "zh":
        assert "因触发一票否决项，等级为“不合格”" in text
        assert "不论总分多少，均评为“不合格”，结论为“不予认定”" in text
        assert "等级为“优秀”" not in text
    else:
        assert "because a veto item applies" in text
        assert "graded 'Fail' and 'Not recognised', whatever its total" in text


def test_a_veto_grade_that_is_not_a_grade_is_located(tmp_path):
    path = _copy(tmp_path, "vg", lambda t: t.replace("veto_grade: fail", "veto_grade: failed", 1))
    proc = lcity("framework", "check", str(path))
    assert proc.returncode == 1
    line = _line_of(path, "  veto_grade:")
    hits = [l for l in proc.stdout.splitlines() if f"{path}:{line}:" in l]
    assert hits and "bad-recognition" in hits[0] and "failed" in hits[0], proc.stdout
    assert "fail" in proc.stdout.split("failed", 1)[1]  # the grades it could be, or the nearest one


def test_a_grade_target_plans_to_clear_the_veto(vetoed):
    from evaluator.plan import parse_target, plan, reaches

    assessment, fw, r = vetoed
    target = parse_target(fw, "good")
    assert not reaches(r, target)  # 94 points, graded fail by the veto: not yet 良好
    p = plan(assessment, fw, target)
    assert [c.indicator for c in p.changes] == ["D2"]
    assert p.after.grade.id == "excellent" and not p.after.vetoes
    assert reaches(r, parse_target(fw, "90"))  # a total target is the total alone


@pytest.mark.parametrize("lang, veto, threshold", [
    ("zh", "# 一票否决：答 none 即触发“近两个财政年度未连续单列学习型城市建设或终身教育专项预算”，不论总分，评为“不合格”，结论为“不予认定”",
     "# 门槛：“认定为示范区”要求不低于 80%"),
    ("en", "# Veto: answering none raises 'No dedicated learning-city or lifelong-education budget line in one or both of the last "
     "two fiscal years': graded 'Fail' and 'Not recognised', whatever the total",
     "# Threshold: 'Recognised as demonstration zone' needs at least 80%"),
])
def test_the_form_says_which_answers_decide_beyond_their_points(lang, veto, threshold):
    form = lcity("init", "--lang", lang).stdout
    lines = form.splitlines()
    d2 = lines.index("  D2:")
    assert lines[d2 - 1].strip() == veto
    k4 = lines.index("  K4:")
    assert lines[k4 - 1].strip().startswith(threshold)


def test_the_batch_ranking_marks_a_vetoed_unit(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    for name in ("rongwan-district-veto.yaml", "hanmo-district-culture.yaml"):
        (folder / name).write_bytes((VETOED.parent / name).read_bytes())
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"), "--lang", "zh")
    assert proc.returncode == 0, proc.stderr
    line = next(l for l in proc.stderr.splitlines() if "rongwan-district-veto.yaml" in l)
    assert line.endswith("一票否决：不合格，不予认定")
    other = next(l for l in proc.stderr.splitlines() if "hanmo-district-culture.yaml" in l)
    assert "一票否决" not in other


def _thinned(assessment, keep: int):
    """The vetoed district with all but its first ``keep`` answers (and D2) given as unknown."""
    answers = dict(assessment.answers)
    for k, ind in enumerate(sorted(answers)):
        if ind != "D2" and k >= keep:
            answers[ind] = answers[ind].model_copy(update={"value": None, "status": "unknown", "evidence": []})
    return assessment.model_copy(update={"answers": answers})


def test_a_veto_is_not_hidden_behind_missing_data(vetoed):
    """A city with no budget line and half its answers unknown read 数据不足，不予定级 while the same
    veto on a complete form read 不合格: withholding other data softened a veto that rests on an
    answered fact."""
    assessment, fw, _ = vetoed
    thin = _thinned(assessment, 10)
    r = score(thin, fw)
    assert r.coverage < fw.recognition.min_coverage  # would not be ratable without the veto
    assert r.vetoes == ["no_budget_line"] and r.ratable
    assert r.grade.id == "fail" and r.recognition.outcome == "refused"
    assert fw.graded_by_veto(r)
    got = kernel_score(compile_units(fw, [r]), 50)  # the uncertainty kernel agrees in every draw
    assert (got.grade == [g.id for g in fw.grades].index("fail")).all()
    # without a veto grade (a third party's framework) missing data still leaves it unrated
    rec = fw.recognition.model_copy(update={"veto_grade": None})
    r2 = score(thin, fw.model_copy(update={"recognition": rec}))
    assert not r2.ratable and r2.grade.id == "not_ratable" and r2.recognition.outcome == "refused"
