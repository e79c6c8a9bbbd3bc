"""A unit below its framework's coverage threshold gets no grade and no outcome; every total has bounds.

The China frameworks set ``recognition.min_coverage: 0.8``; a framework that says nothing gets
``DEFAULT_MIN_COVERAGE``. Below it the unit is "数据不足，不予定级" / "Not ratable" in the Result,
the JSON, the terminal and the report, and its total is shown with the bounds the unknowns allow.
"""

from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

from evaluator.engine import score
from evaluator.reading import read, read_string
from indicators.loader import load_framework
from indicators.models import DEFAULT_MIN_COVERAGE, Recognition
from indicators.safeyaml import load_file

from .conftest import EXAMPLES, ROOT, lcity_here as lcity

YUNLING = EXAMPLES / "yunling-county.yaml"
JIANGLAN = EXAMPLES / "jianglan-city.yaml"


def _with_unknown(path, ids) -> str:
    """The assessment as JSON text (YAML reads it) with the given indicators' answers unknown."""
    data = load_file(path).data
    for k in ids:
        data["answers"][k] = {"status": "unknown"}
    return json.dumps(data, ensure_ascii=False)


def _sparse(path=YUNLING) -> str:
    """Two thirds of the dimensions unknown: far below the 80 % the China framework needs."""
    fw = load_framework("china-learning-city@1")
    gone = [i.id for d in fw.dimensions[4:] for i in d.indicators]
    return _with_unknown(path, gone)


def test_the_china_frameworks_set_the_threshold_and_others_get_the_default():
    assert load_framework("china-learning-city@1").recognition.min_coverage == 0.8
    assert load_framework("china-learning-city@2").recognition.min_coverage == 0.8
    rec = load_file(ROOT / "examples/frameworks/unesco-key-features/framework.yaml").data["recognition"]
    assert "min_coverage" not in rec  # this one says nothing, so the default applies
    assert Recognition.model_validate(rec).min_coverage == DEFAULT_MIN_COVERAGE and 0 < DEFAULT_MIN_COVERAGE < 1
    docs = (ROOT / "docs/frameworks.md").read_text(encoding="utf-8")
    assert "min_coverage" in docs and "not_ratable" in docs


def test_below_the_threshold_no_grade_no_outcome_in_the_result():
    a, fw = read_string(_sparse()).require()
    r = score(a, fw)
    assert r.coverage < 0.8 and r.ratable is False
    assert r.grade.id == "not_ratable" and r.grade.name_zh == "数据不足，不予定级" and r.grade.name == "Not ratable"
    assert r.recognition.outcome == "not_ratable"
    assert f"{r.coverage * 100:.0f}%" in r.recognition.reasons_zh[0] and "80%" in r.recognition.reasons[0]
    assert r.total_bounds.lower == r.total < r.total_bounds.upper <= 100


def test_below_the_threshold_in_json_and_in_the_terminal(tmp_path):
    f = tmp_path / "sparse.yaml"
    f.write_text(_sparse(), encoding="utf-8")
    doc = json.loads(lcity("score", str(f), "--format", "json").stdout)
    assert doc["ratable"] is False and doc["grade"]["id"] == "not_ratable"
    assert doc["recognition"]["outcome"] == "not_ratable"
    assert doc["total_bounds"]["lower"] == doc["total"] < doc["total_bounds"]["upper"]
    zh = lcity("score", str(f))
    assert zh.returncode == 0, zh.stderr
    assert "数据不足，不予定级" in zh.stdout and "总分上下界" in zh.stdout
    assert "不合格" not in zh.stdout  # the grade it would have had is not shown
    en = lcity("score", str(f), "--lang", "en")
    assert "Not ratable" in en.stdout and "Total bounds" in en.stdout


def test_below_the_threshold_in_the_report():
    from evaluator.benchmark import benchmark
    from reports.render import render_html

    a, fw = read_string(_sparse()).require()
    r = score(a, fw)
    html = render_html(r, benchmark(r, fw), fw, a, lang="zh", date="2025-01-01")
    assert "等级为“数据不足，不予定级”" not in html and "数据不足，不予定级" in html  # no grade: not "graded 不予定级"
    assert "数据不足，不予定级，也不作认定结论" in html and "总分介于" in html
    assert "等级为“不合格”" not in html
    assert "数据覆盖率达到定级要求后再行评估" in html  # the closing recommendation: complete the data first


def test_a_ratable_unit_keeps_its_grade_and_exact_bounds():
    a, fw = read(JIANGLAN).require()
    r = score(a, fw)
    assert r.ratable and r.grade.id != "not_ratable" and r.recognition.outcome != "not_ratable"
    assert r.total_bounds.lower == r.total_bounds.upper == r.total  # every indicator answered


_IDS = [i.id for i in load_framework("china-learning-city@1").indicators()]


@settings(max_examples=25, deadline=None)
@given(st.sets(st.sampled_from(_IDS), max_size=len(_IDS)))
def test_bounds_hold_the_true_total_and_the_grade_follows_the_threshold(gone):
    """Hiding answers of a complete assessment: its true total stays inside the bounds, the lower
    bound is the total as scored, and the unit is graded exactly when its coverage reaches 80 %."""
    full_a, fw = read(JIANGLAN).require()
    full = score(full_a, fw)
    a, _ = read_string(_with_unknown(JIANGLAN, sorted(gone))).require()
    r = score(a, fw)
    assert r.total_bounds.lower == r.total <= full.total + 1e-9 <= r.total_bounds.upper + 2e-9
    assert r.total_bounds.upper <= fw.total_points + 1e-9
    assert r.ratable == (r.coverage + 1e-9 >= 0.8)
    assert (r.grade.id == "not_ratable") == (not r.ratable)
    assert (r.recognition.outcome == "not_ratable") == (not r.ratable and not r.vetoes)


def test_batch_gives_a_not_ratable_unit_no_grade_and_no_rank(tmp_path):
    import shutil

    from reports.ranking import build_ranking_context

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "districts" / "wanghu.yaml", folder / "wanghu.yaml")
    (folder / "sparse.yaml").write_text(_sparse(), encoding="utf-8")
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    rows = {u["file"]: u for u in doc["units"]}
    sparse, wanghu = rows["sparse.yaml"], rows["wanghu.yaml"]
    assert sparse["rank"] is None and sparse["grade"] == "not_ratable" and sparse["recognition"] == "not_ratable"
    assert sparse["ratable"] is False and sparse["total_lower"] == sparse["total"] < sparse["total_upper"]
    assert wanghu["rank"] == 1 and wanghu["ratable"] is True
    assert "数据不足，不予定级" in proc.stderr  # batch speaks Chinese unless --lang en
    unit = {"rank": None, "file": "s.yaml", "name": "S", "name_zh": "甲", "level": "district", "total": 10.1,
            "total_lower": 10.1, "total_upper": 80.1, "ratable": False, "grade": "Not ratable",
            "grade_zh": "数据不足，不予定级", "recognition": "not_ratable", "recognition_name": "Not ratable",
            "recognition_name_zh": "数据不足，不予定级", "pathway": None, "pathway_name": None, "pathway_name_zh": None,
            "confidence": 0.26, "coverage": 0.3, "reviewed": False, "period": "2024", "parent": None,
            "date": None, "shares": {}}
    ctx = build_ranking_context({"units": [unit], "dimensions": [], "frameworks": [], "failures": [], "files": 1,
                                 "recognition_line": 85, "floor": 0.6})
    row = ctx["rows"][0]
    assert row["rank"] == "—" and row["grade"] == "数据不足，不予定级" and row["total"] == "10.10–80.10"
    assert "不参加排名" in ctx["note_shares"] and "数据不足，不予定级 1" in ctx["summary"]
