"""G21-B1 and G21-B2, the verdicts: a recognition the rules would give is held (暂缓认定, until the
panel checks) when it rests on answers without evidence or on a dimension the unit's own "not
applicable" took out of the score. Before, Jinsha District (evidence for A1 only) and Minghu
District with L2 and L3 "not applicable" both read 认定为示范区."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator.assessment import Assessment
from evaluator.engine import score
from evaluator.reading import read

from .conftest import lcity_here, squash

ROOT = Path(__file__).resolve().parent.parent
G21 = ROOT / "tests" / "audit_cities" / "g21"
JINSHA = G21 / "jinsha-district-noevidence.yaml"
MINGHU = G21 / "minghu-district-balanced.yaml"
LANJIANG = ROOT / "examples" / "districts" / "lanjiang.yaml"
RANK = {"refused": 0, "not_ratable": 0, "deferred": 1, "recognised": 2}


def _loaded(path: Path) -> tuple[Assessment, object]:
    return read(path).require()


def _with(assessment: Assessment, **changes: dict) -> Assessment:
    answers = dict(assessment.answers)
    for iid, update in changes.items():
        answers[iid] = answers[iid].model_copy(update=update)
    return assessment.model_copy(update={"answers": answers})


def _minghu_na(tmp_path: Path) -> Path:
    """Minghu with L2 and L3 marked not applicable, as Liuxi County marked them."""
    data = yaml.safe_load(MINGHU.read_text(encoding="utf-8"))
    for iid in ("L2", "L3"):
        data["answers"][iid] = {"status": "not_applicable", "note": "区级不承担外事工作，外事权限在市"}
    path = tmp_path / "minghu-na.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_recognition_on_answers_without_evidence_is_held_until_they_are_documented():
    a, fw = _loaded(JINSHA)
    r = score(a, fw)
    rec = r.recognition
    assert r.grade.name_zh == "优秀" and rec.outcome == "deferred" and rec.recognised_if_verified
    assert len(rec.unbacked) == 46 and "A1" not in rec.unbacked  # A1 lists its evidence
    assert rec.reasons_zh[0].startswith("A2、A3、B1…L3共46项未列佐证材料（计92.9分），尚未经专家组核实；不计这些分数，总分为3分")
    assert rec.reasons_zh[-1].endswith("暂缓认定，待补充佐证材料或经专家组核实")
    assert rec.reasons[-1].endswith("until the unit lists its evidence or the panel verifies these answers")
    # the panel's verification lifts the hold
    assert score(a, fw, verified=set(rec.unbacked)).recognition.outcome == "recognised"
    # and so does the unit listing its documents
    documented = _with(a, **{i: {"evidence": ["区政府工作报告（2025）"]} for i in rec.unbacked})
    assert score(documented, fw).recognition.outcome == "recognised"


def test_score_and_plan_say_what_the_hold_waits_for():
    out = squash(lcity_here("score", str(JINSHA), "--lang", "zh").stdout)
    assert "认定结论：暂缓认定" in out and "待补充佐证材料或经专家组核实" in out
    plan = lcity_here("plan", str(JINSHA), "--lang", "zh").stdout
    assert "已达到目标，无需调整" not in plan
    assert "认定的其他条件均已满足：A2、A3、B1…L3共46项得分的填报未列佐证材料，不计其得分则达不到认定条件，" \
           "须补充佐证材料或经专家组核实后方可认定。" in squash(plan)
    en = squash(lcity_here("plan", str(JINSHA), "--lang", "en").stdout)
    assert squash("46 answers (A2, A3, B1…L3) earning points list no evidence") in en


def test_undocumented_answers_that_do_not_decide_recognition_hold_nothing():
    a, fw = _loaded(LANJIANG)
    assert score(a, fw).recognition.outcome == "recognised"
    one = _with(a, A1={"evidence": []})
    r = score(one, fw)
    assert r.recognition.outcome == "recognised" and r.recognition.unbacked == []


def test_a_framework_that_asks_no_evidence_holds_nothing():
    a, fw = _loaded(JINSHA)
    lax = fw.model_copy(update={"validation": fw.validation.model_copy(update={"evidence": False})})
    assert score(a, lax).recognition.outcome == "recognised"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_listing_evidence_never_lowers_the_outcome(data):
    """Monotone: documenting more answers can lift a hold, never add one."""
    a, fw = _loaded(LANJIANG)
    ids = [i for i, x in a.answers.items() if x.status is None and x.evidence]
    bare = data.draw(st.sets(st.sampled_from(ids)), label="undocumented")
    fewer = data.draw(st.sets(st.sampled_from(sorted(bare))) if bare else st.just(set()), label="of them, still undocumented")
    more = score(_with(a, **{i: {"evidence": []} for i in bare}), fw).recognition
    less = score(_with(a, **{i: {"evidence": []} for i in fewer}), fw).recognition
    assert RANK[less.outcome] >= RANK[more.outcome]
    assert set(more.unbacked) <= bare


def test_a_dimension_emptied_by_the_units_own_not_applicable_holds_recognition(tmp_path):
    path = _minghu_na(tmp_path)
    a, fw = _loaded(path)
    r = score(a, fw)
    rec = r.recognition
    assert round(r.total, 1) == 91.5 and rec.outcome == "deferred" and rec.recognised_if_verified
    assert rec.own_not_applicable == ["L2", "L3"]
    assert "L维度中本级须填报的全部指标（L2、L3）均由本单位填报为不适用，该维度6分未计入评分，其60%的底线也未检查" in rec.reasons_zh
    assert rec.reasons_zh[-1].endswith("暂缓认定，待专家组核实不适用的理由")
    # the panel confirms the answers: recognised
    assert score(a, fw, verified={"L2", "L3"}).recognition.outcome == "recognised"
    plan = squash(lcity_here("plan", str(path), "--lang", "zh").stdout)
    assert "L2、L3由本单位填报为不适用，使其所在维度整体未计入评分、底线未检查，须经专家组核实不适用的理由后方可认定" in plan
    en = squash(lcity_here("plan", str(path), "--lang", "en").stdout)
    assert squash("the panel must confirm they do not apply before recognition") in en


def test_the_report_says_why_recognition_is_held(tmp_path):
    from .conftest import report_lines, section

    lines = report_lines(JINSHA, "zh")
    summary = squash(" ".join(section(lines, "评估摘要", "目")))
    assert "未列佐证材料的A2、A3、B1…L3决定认定结果，须先补充佐证材料或经专家组核实，故暂缓认定" in summary
    assert "超出常见范围" not in summary  # not the figures-beyond-range sentence it borrowed before
    lines = report_lines(_minghu_na(tmp_path), "en")
    summary = squash(" ".join(section(lines, "Summary", "Contents")).replace("&#39;", "'"))
    assert squash("the unit marked L2, L3 not applicable, which leaves their whole dimension out of the score, "
                  "and the panel must first confirm they do not apply, so recognition is deferred") in summary
