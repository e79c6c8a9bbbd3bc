"""G21 audit leftovers (tests/audit_cities/g21/AUDIT.md, "## Status"), as the unit reads them.

* G21-B9: a unit below every grade line is planned in 六 to the next grade first ("先以上一等级为
  目标：达到“合格”…"); its summary's key tasks now aim there too, with the target beyond it in a
  clause, instead of "实现“认定为示范区”的关键任务" for a county at 24 points. A unit whose next
  target is recognition keeps its wording.
* G21-B10 in ``lcity score``: the pathway line of a mixed unit whose two types "stand out equally"
  at a low own average carries the report's caveat, under the report's own predicate
  (``evaluator.pathways.equally_relative``).
"""

from __future__ import annotations

import re

import pytest

from .conftest import (
    EXAMPLES,
    lcity_here,
    report_lines,
    section,
    squash,
    terminal_lines,
)
from .test_g21_wording import G21, RELATIVE, text

LANCHUAN = G21 / "lanchuan-county-truthful.yaml"

# ---- G21-B9: the summary's key tasks aim where 六 starts ----------------------------------------

LANCHUAN_TITLE = {
    "zh": "实现“合格”的关键任务（先以上一等级为目标：达到“合格”（总分60分）的最省力途径是完成22项任务，总分由24.3分"
          "提高到60.0分，此处列其中增加得分最多的任务，按该途径所列的先后排列；进一步实现“认定为示范区”，整改任务清单"
          "按其全部条件列出33项任务，总分提高到85.0分，见“六、意见建议”）：",
    "en": "The key tasks towards 'Pass' (the next grade first: the least-effort way to 'Pass' (a total of 60) is 22 "
          "tasks, raising the total from 24.3 to 60.0; listed here are those adding the most points, in that route's "
          "order. For 'Recognised as demonstration zone' beyond it, the task list sets out 33 tasks meeting all its "
          "conditions, raising the total to 85.0; see section 6):",
}
LANCHUAN_STEP = {
    "zh": "H3 研究与监测合作伙伴（否 → 是；+3.00分，工作量3点，1点约为牵头部门一个月的专项工作量）",
    "en": "H3 Research and monitoring partner (no → yes; +3.00 points, effort 3 points, one point is about a month "
          "of the lead office's dedicated work)",
}
SIX_STAGE = {
    "zh": re.compile(r"先以上一等级为目标：达到“合格”（总分60分）的最省力途径是完成22项任务（([A-L0-9、]+)）"),
    "en": re.compile(r"Thenextgradefirst:theleast-effortwayto'Pass'\(atotalof60\)is22tasks\(([A-L0-9,]+)\)"),
}
RECOGNITION_TITLE = {
    "zh": "实现“认定为示范区”的关键任务（消除否决项、达到维度底线和调查要求的任务及增加得分最多的任务，按整改任务清单的"
          "先后排列）：",
    "en": "The key tasks towards 'Recognised as demonstration zone' (those clearing a veto, meeting a dimension floor "
          "or a survey line, then those adding the most points; in the order of the task list):",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_county_at_24_points_is_given_the_key_tasks_to_pass_first(lang):
    """Lanchuan, 24.3 points: p. 2 read "实现“认定为示范区”的关键任务…：H3…、C1…、I1…" while 六 stages 合格
    first. Now p. 2 aims at 合格 with 六's own staged plan, and names recognition beyond it in a clause."""
    summary, whole = text("lanchuan-county-truthful", lang)
    assert squash(LANCHUAN_TITLE[lang]) in summary
    assert squash(LANCHUAN_STEP[lang]) in summary
    assert squash(RECOGNITION_TITLE[lang]) not in summary
    six = SIX_STAGE[lang].search(whole)
    assert six is not None, "六 stages 合格 first"
    staged = re.split("[、,]", six.group(1))
    title = squash(LANCHUAN_TITLE[lang])
    listed = re.findall(r"([A-L][0-9])", summary[summary.index(title) + len(title):])
    # the summary's tasks are tasks of the route 六 names, in the order 六 lists them
    assert listed[:3] == ["H3", "L3", "L2"]
    assert all(t in staged for t in listed[:3])
    assert [staged.index(t) for t in listed[:3]] == sorted(staged.index(t) for t in listed[:3])


@pytest.mark.parametrize("lang, says", [
    ("zh", "实现“合格”的关键任务（先以上一等级为目标：达到“合格”（总分60分）的最省力途径是完成1项任务，总分由57.4分"
           "提高到60.6分；进一步实现“认定为示范区”，整改任务清单按其全部条件列出22项任务，总分提高到85.0分，见“六、"
           "意见建议”）："),
    ("en", "The key task towards 'Pass' (the next grade first: the least-effort way to 'Pass' (a total of 60) is one "
           "task, raising the total from 57.4 to 60.6. For 'Recognised as demonstration zone' beyond it, the task list "
           "sets out 22 tasks meeting all its conditions, raising the total to 85.0; see section 6):"),
])
def test_one_task_to_the_next_grade_is_said_as_one(lang, says):
    """Liuxi, 57.4 points: H3 alone takes it to 合格, as 六 says ("完成1项任务（H3）")."""
    summary, whole = text("liuxi-county-gaps", lang)
    assert squash(says) in summary
    assert ("先以上一等级为目标：达到“合格”（总分60分）的最省力途径是完成1项任务（H3）" if lang == "zh" else
            "Thenextgradefirst:theleast-effortwayto'Pass'(atotalof60)isonetask(H3)") in whole


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_unit_whose_next_target_is_recognition_keeps_its_wording(lang):
    """Qingshi, 75.6 points (合格, 暂缓认定): 六 plans recognition straight away; so does the summary."""
    lines = report_lines(EXAMPLES / "qingshi-district.yaml", lang)
    head, end = ("评估摘要", "目") if lang == "zh" else ("Summary", "Contents")
    summary = squash(" ".join(section(lines, head, end)).replace("&#39;", "'"))
    assert squash(RECOGNITION_TITLE[lang]) in summary
    assert "先以上一等级为目标" not in summary and "thenextgradefirst" not in summary


def test_the_summary_and_six_share_one_plan_to_the_next_grade(monkeypatch):
    """六's sentence and the summary's key tasks read one staged plan: the planner runs once for it."""
    import evaluator.plan
    from lcity.reporting import prepare
    from reports.context import build_context

    p = prepare(LANCHUAN)
    runs = []
    real = evaluator.plan.plan
    monkeypatch.setattr(evaluator.plan, "plan", lambda *a, **k: runs.append(1) or real(*a, **k))
    ctx = build_context(p.result, p.bench, p.framework, p.assessment, lang="zh", plan=p.plan)
    assert len(runs) == 1
    assert ctx["summary"]["tasks_title"].startswith("实现“合格”的关键任务")
    assert ctx["tasks"]["next_grade"].startswith("先以上一等级为目标：达到“合格”")


# ---- G21-B10 in lcity score -----------------------------------------------------------------------

SCORE_LINE = {
    "zh": "  “文化赋能型”与“产业驱动型”的做法同样突出：相差3个百分点，不足5个百分点。所谓突出，是相对本单位自身较低的"
          "平均得分率（24%）而言，并不表示这些方面已达到较高水平。",
    "en": "  'Cultural empowerment' and 'Industry-driven' stand out about equally: 3 percentage points apart, less than "
          "5. Standing out is measured against the unit's own low average share (24%); it does not mean these "
          "practices are at a high level.",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_score_says_standing_out_equally_is_relative_to_a_low_average(lang):
    """Lanchuan, own average 24 %: `lcity score` printed the rule's "同样突出" bare; piped, the line is whole."""
    run = lcity_here("score", str(LANCHUAN), "--lang", lang)
    assert run.returncode == 0, run.stderr
    assert SCORE_LINE[lang] + "\n" in run.stdout
    # the report's sentence, word for word (its summary page and 八 say the same)
    assert squash(RELATIVE[lang]) == squash(SCORE_LINE[lang])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_score_folds_the_caveat_under_its_line_at_80_columns(lang):
    lines = terminal_lines("score", str(LANCHUAN), "--lang", lang)
    assert all(len(ln) <= 80 for ln in lines if ln.isascii())
    start = next(k for k, ln in enumerate(lines) if ln.startswith(("  “文化赋能型”", "  'Cultural")))
    said = "".join(ln.strip() for ln in lines[start:start + 6])
    assert squash(SCORE_LINE[lang]) in squash(said)
    assert all(ln.startswith("  ") for ln in lines[start:start + 3])  # folded under its own text


@pytest.mark.parametrize("unit", ["minghu-district-balanced", "liuxi-county-gaps", "jinsha-district-noevidence"])
def test_score_adds_no_caveat_where_the_report_gives_none(unit):
    """Minghu is mixed at a high own average; Liuxi's type is decided; Jinsha stands high: no caveat."""
    for lang in ("zh", "en"):
        run = lcity_here("score", str(G21 / f"{unit}.yaml"), "--lang", lang)
        assert run.returncode == 0, run.stderr
        assert "所谓突出" not in run.stdout and "Standing out is measured" not in run.stdout


def test_score_and_report_use_one_predicate():
    """The report's summary caveat and score's line follow ``evaluator.pathways.equally_relative``."""
    from evaluator.pathways import equally_relative
    from lcity.reporting import prepare
    from reports.context_facts import facts
    from reports.context_pathway import mixed_relative

    for unit in ("lanchuan-county-truthful", "minghu-district-balanced", "liuxi-county-gaps"):
        p = prepare(G21 / f"{unit}.yaml")
        f = facts(p.result, p.bench, p.framework, p.assessment, lang="zh", plan=p.plan)
        assert bool(mixed_relative(f, p.result.pathway)) == equally_relative(p.framework, p.result.pathway)
        assert equally_relative(p.framework, p.result.pathway) == (unit == "lanchuan-county-truthful")


# ---- a reviewer without a name, in a Chinese report ------------------------------------------------

READINGS3 = G21.parent.parent / "audit_readings3"
MEICHUAN, R1, R2 = "d-meichuan-district.yaml", "d-meichuan-district.review-1.yaml", "d-meichuan-district.review-2.yaml"


def _unnamed_second_reviewer(tmp_path):
    """梅川区 with two reviews, the second reviewer's name left as the form's null (a named panel signs)."""
    import shutil

    for name in (MEICHUAN, R1, R2):
        shutil.copy(READINGS3 / name, tmp_path / name)
    p = tmp_path / R2
    text = p.read_text(encoding="utf-8")
    assert text.count("  name: 何志平\n") == 1
    p.write_text(text.replace("  name: 何志平\n", "  name: null\n"), encoding="utf-8")
    return tmp_path / MEICHUAN, [tmp_path / R1, tmp_path / R2]


def _with_places(result, places: dict[str, int | None]):
    """The Result with ``place`` set on each Opinion and ReviewerScore of the reviewers named in
    ``places`` (None: as a Result made before verify gave the structured marker)."""
    def mark(x):
        return x.model_copy(update={"place": places[x.reviewer]}) if x.reviewer in places else x

    rv = result.review
    rv = rv.model_copy(update={
        "opinions": [mark(o) for o in rv.opinions],
        "unsettled_by": [mark(s) for s in rv.unsettled_by],
        "disagreements": [d.model_copy(update={"scores": [mark(s) for s in d.scores]}) for d in rv.disagreements]})
    return result.model_copy(update={"review": rv})


@pytest.mark.parametrize("lang, opinion, scores", [
    ("zh", "评审专家2（成员）：同意认定为示范区", "林若溪 1.50、评审专家2 0.50"),
    ("en", "Reviewer 2 (member): 同意认定为示范区", "林若溪 1.50; reviewer 2 0.50"),  # a bullet opens with a capital (G25R-2)
])
def test_a_reviewer_without_a_name_is_named_by_place_in_the_reports_language(tmp_path, lang, opinion, scores):
    """A reviewer whose name is null is 'reviewer 2' in the Result; a Chinese report printed it as is.
    With the Result's structured place the report says 评审专家2 (en: reviewer 2) in 八's opinions and
    disagreements; a named reviewer is named as before, and so is an unnamed one in a Result made
    before the place (its ``reviewer`` as written)."""
    from evaluator.benchmark import benchmark
    from evaluator.pipeline import read_scored
    from reports.context import build_context

    unit, reviews = _unnamed_second_reviewer(tmp_path)
    result, loaded = read_scored(unit, reviews=reviews)
    assessment, fw = loaded.require()
    assert [o.reviewer for o in result.review.opinions] == ["reviewer 2"]  # the Result's fallback, unchanged
    assert [o.place for o in result.review.opinions] == [2]
    assert [s.place for s in result.review.disagreements[0].scores] == [None, 2]
    said = build_context(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10")["conclusion"]
    assert [o for o in said["opinions"] if o.startswith(opinion)] and scores in said["disagreements"][0]
    before = _with_places(result, {"reviewer 2": None})
    plain = build_context(before, benchmark(before, fw), fw, assessment, lang=lang, date="2026-04-10")["conclusion"]
    # without the marker (a Result of an earlier verify): named as the Result names them, as before
    assert ("林若溪 1.50、reviewer 2 0.50" if lang == "zh" else scores) in plain["disagreements"][0]


def test_a_chinese_report_never_prints_the_english_fallback(tmp_path):
    """The Result carries each unnamed reviewer's place (Opinion, ReviewerScore, conclusion_by_place),
    and verify writes the Chinese reasons with 评审专家2: no "reviewer 2" on any page of a Chinese report."""
    unit, reviews = _unnamed_second_reviewer(tmp_path)
    lines = report_lines(unit, "zh", reviews)
    page = "\n".join(lines)
    assert "评审专家2（成员）：同意认定为示范区" in page
    assert "reviewer 2" not in page
