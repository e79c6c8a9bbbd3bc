"""``lcity plan``: the least-effort changes that take an assessment to a grade, a total or recognition."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from indicators.messages import Both, Msg, join
from indicators.problems import InputError, Problem
from indicators.quotes import quoted

from ..console import escape, guarded, note_warnings, out, visible, write_json_text
from ..folding import line as folded
from ..language import unit_lang
from ..options import Lang, output_path


def grade_named_like(fw: Any, target: str) -> Any:
    """The grade a bare number may have meant: the first (highest) whose name, in either language,
    is that number or ends with it ("Level 5" for 5 or 5.0; in Chinese also before 级, 星 or 档:
    "5级"), else None. Such a number is still a total, as --target's help says (a total of 5 is a
    target like any other); only the user who typed 5 for "Level 5" must be told (audit G5 #11:
    "已达到目标，无需调整" alone)."""
    import re

    try:
        number = float(target.strip())
    except ValueError:
        return None
    for g in fw.grades:
        for name in (g.name.en, g.name.zh):
            tail = re.search(r"(?<![\d.])(\d+(?:\.\d+)?)\s*[级星档]?\s*$", name)
            if tail and float(tail.group(1)) == number:
                return g
            # a grade named by its stars (★★★★★, ★★★☆☆) is that many to a user who types 5 (G15 #10)
            if name.strip() and set(name.strip()) <= {"★", "☆"} and name.count("★") == number:
                return g
    return None


def _note_total_like_grade(fw: Any, target: str, goal: Any, zh: bool) -> None:
    """A bare number read as a total where a grade's name ends with it, said on stderr in the
    table's language with the grade's own --target (by id: it has no space to quote)."""
    from indicators.messages import say as said

    from ..console import err

    g = grade_named_like(fw, target) if goal.kind == "total" else None
    if g is None:
        return
    note = said(Msg("plan.total-like-grade", target=visible(target.strip()), total=f"{goal.total:g}",
                    grade=Both(visible(g.name.zh), visible(g.name.en)), id=g.id), "zh" if zh else "en")
    # on a terminal folded between words, whole into a pipe or a log (as note_warnings)
    err.print(escape(note), soft_wrap=not err.is_terminal)


def _next_grade_if_grades_only(assessment: Any, fw: Any, goal: Any, zh: bool, reviewed: Any = None) -> Any:
    """Without --target, recognition; under a framework that only grades (a first outcome every unit
    without a veto has: no total to reach, no dimension floor, no survey line), the next grade up, as
    the report's task list plans it, said on stderr. A star rating whose every unit is '按星级公布'
    planned a 未评星级 unit of 8.6 points to what it had, '已达到目标，无需调整', while its report
    planned it to ★ (G15 #2). A rule a unit can fail keeps recognition, with what its plan says of
    a recognition not settled yet (a survey, the city's figures: G4 #5)."""
    from evaluator.engine import score
    from evaluator.plan import next_target
    from indicators.messages import say as said

    from ..console import err

    rec = fw.recognition
    if rec.total_min > 0 or rec.dimension_floor > 0 or rec.survey:  # a rule a unit can fail: its own target
        return goal
    result = reviewed if reviewed is not None else score(assessment, fw)
    nxt = next_target(fw, result) if result.recognition.outcome == "recognised" else None
    if nxt is None:
        return goal
    first = rec.outcomes.recognised
    note = said(Msg("plan.default-next-grade", outcome=Both(visible(first.zh), visible(first.en)),
                    grade=Both(visible(nxt.name.zh), visible(nxt.name.en)), total=f"{nxt.total:g}"),
                "zh" if zh else "en")
    err.print(escape(note), soft_wrap=not err.is_terminal)
    return nxt


def _first_stage_if_unrated(assessment: Any, fw: Any, goal: Any, zh: bool, reviewed: Any = None) -> Any:
    """Without --target, a unit too short of data to be rated and below every grade line even so is
    planned to the first stage the report's key tasks and 六 plan (``evaluator.plan.first_stage``:
    the data a rating needs and the nearest grade), and told so on stderr with how to plan for
    recognition. Zhuyuan (26.7–56.7) read a plan straight for 认定为示范区 in 28 tasks, half of its
    points resting on figures not yet known, while its report's key tasks aimed at 合格 (G28R-11,
    f32acab); the plan now starts where the report does (G30A). Any other unit keeps ``goal``."""
    from evaluator.engine import score
    from evaluator.plan import first_stage, parse_target
    from indicators.messages import say as said

    from ..console import err

    if goal.kind != "recognition":
        return goal
    result = reviewed if reviewed is not None else score(assessment, fw)
    bounds = getattr(result, "total_bounds", None)
    g = None if result.ratable or bounds is None else first_stage(fw, result, goal.total)
    if g is None:
        return goal
    note = said(Msg("plan.default-first-stage-planned", lo=shown(bounds.lower, fw), hi=shown(bounds.upper, fw),
                    grade=Both(visible(g.name.zh), visible(g.name.en)), total=f"{g.min:g}",
                    recognition=Both(visible(goal.name.zh), visible(goal.name.en))), "zh" if zh else "en")
    err.print(escape(note), soft_wrap=not err.is_terminal)
    return parse_target(fw, g.id)


def bad_target(fw: Any, target: str) -> InputError:
    """A --target the framework has no such target for, answered with the framework's own grades,
    its recognition line and its total (a hint naming the China framework's 良好 and 85 is no help
    to a unit of a 37.5-point framework graded Beacon/Established/Emerging)."""
    from evaluator.rounding import total_places

    grades = join(Both(f"{g.id}（{g.name.zh}）", f"{g.id} or {g.name.zh}") for g in fw.grades)
    middle = fw.grades[len(fw.grades) // 2] if fw.grades else None
    example = Both(middle.name.zh, middle.id) if middle else "recognition"
    rec = fw.recognition.outcomes.recognised
    return InputError([Problem("--target", 1, 1, "error", "usage",
                               Msg("plan.bad-target", target=target, fw=fw.ref, grades=grades,
                                   total=f"{fw.total_points:g}", recognised=Both(rec.zh, rec.en),
                                   line=f"{fw.recognition.total_min:g}"),
                               # 80 of 100; 0.8 of a 1-point framework, not "--target 1", its whole scale (G27-T4)
                               Msg("plan.hint-target", grade=example, total=f"{round(fw.total_points * 0.8, total_places(fw) - 1):g}"),
                               fatal=True)])


class PlanFormat(str, Enum):
    table = "table"
    json = "json"


def answer_text(value: Any, zh: bool = False, labels: dict[str, str] | None = None, unit: Any = "") -> str:
    """An answer as an official reads it: a choice or checklist item by its label in the framework
    (``labels``: id -> label; the id where the framework has none), 是/否 or yes/no, whole numbers
    without '.0', a figure with its unit (``unit``, the framework's or a text: 95%, 4,000人, "1 hub"
    and "4 hubs", indicators.units.count_with_unit)."""
    named = labels or {}
    if value is None:
        return "不详" if zh else "unknown"
    if isinstance(value, bool):
        return ("是" if value else "否") if zh else ("yes" if value else "no")
    if isinstance(value, list):
        return ("、" if zh else ", ").join(named.get(str(v), str(v)) for v in value) or "—"
    if isinstance(value, float):
        text = f"{value:,.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"
    elif isinstance(value, int):
        text = f"{value:,}"
    else:
        return named.get(str(value), str(value))
    if not unit:
        return text
    from indicators.units import count_with_unit

    return count_with_unit(text, unit, "zh" if zh else "en", value)


def _labelled(fw: Any, indicator: str, zh: bool, level: str | None = None) -> tuple[dict[str, str], Any]:
    """The indicator's choice and item labels and its figure's unit, in the table's language, by
    the unit's ``level`` (a district reads 所在城市建有…, as its form says, not the city's 本市建有…)."""
    if fw is None:
        return {}, ""
    from ..tables import option_labels

    lang = "zh" if zh else "en"
    try:
        ind = fw.indicator(indicator)
    except (KeyError, ValueError):
        return {}, ""
    unit = getattr(ind.answer, "unit", None)  # the framework's: its English after one with it (G20-D8)
    return option_labels(fw, lang, level).get(indicator, {}), unit if unit is not None and unit.get(lang) else ""


def change_text(c: Any, zh: bool, fw: Any = None, level: str | None = None, own: str | None = None) -> str:
    """Today's answer → the answer to reach; for a checklist, the items to add (+ a, b), by their
    labels and with units when the framework is given. An unknown answer is found out, not chosen:
    查明（需达到81%）, not 不详 → 81."""
    from evaluator.advice import falling
    from evaluator.levels import for_level, level_name
    from evaluator.plan import finds_out, unknown_today

    labels, unit = _labelled(fw, c.indicator, zh, level)
    words = level_name(fw, level, zh)  # the unit's level: 本县, not 本区（市） (G19-B6)
    labels = {k: for_level(v, zh, words, own) for k, v in labels.items()}  # own: 本市 of a county-level city
    say = lambda v: answer_text(v, zh, labels, unit)  # noqa: E731
    if unknown_today(c):
        need = say(c.after)
        rule = next((i.rule for i in (fw.indicators() if fw is not None else ()) if i.id == c.indicator), None)
        if _figure(c.after) and falling(rule):  # lower is better: found out and lowered (G30T2)
            return _lowered_text(c, need, zh)
        if not finds_out(c) and c.after is True:  # a yes/no is not raised: found out, put in place if no (G31T-4)
            return ("查明现状，如为“否”则予以落实（目标：是；工作量按从零做起估算）" if zh else
                    "find out where it stands and, if the answer is no, put it in place (to reach: yes; effort "
                    "costed from nothing)")
        if not finds_out(c):  # a rated unit's unknown, raised as work costed from nothing (G20-A6)
            return (f"查明现状并提高（{'需达到' if _figure(c.after) else '目标：'}{need}；工作量按从零做起估算）" if zh else
                    f"find out where it stands and raise it ({'' if _figure(c.after) else 'to reach: '}{need}"
                    f"{' needed' if _figure(c.after) else ''}; effort costed from nothing)")
        if getattr(c, "recount", False):  # the panel did not accept the figure: counted again (G19-A3)
            return (f"按专家组意见重新统计（需达到{need}）" if zh else
                    f"count again as the panel asked ({'to reach: ' if not _figure(c.after) else ''}{need}"
                    f"{' needed' if _figure(c.after) else ''})")
        if isinstance(c.after, (int, float)) and not isinstance(c.after, bool):
            return f"查明（需达到{need}）" if zh else f"measure it ({need} needed)"
        return f"查明（目标：{need}）" if zh else f"find out (to reach: {need})"
    if isinstance(c.after, list):
        have = set(c.before) if isinstance(c.before, list) else set()
        return "+ " + say([v for v in c.after if v not in have])
    if unit and _figure(c.before) and _figure(c.after):  # the unit's note once: "5个 → 8个（街道、乡镇）" (G22-R7)
        from reports.context_format import unit_once

        return f"{answer_text(c.before, zh, labels, unit_once(unit, 'zh' if zh else 'en'))} → {say(c.after)}"
    return f"{say(c.before)} → {say(c.after)}"


def _lowered_text(c: Any, need: str, zh: bool) -> str:
    """An unknown "lower is better" figure: found out and lowered to the line or below it."""
    from evaluator.plan import finds_out

    if not finds_out(c):
        return (f"查明现状并降低（需降至{need}及以下；工作量按从零做起估算）" if zh else
                f"find out where it stands and lower it ({need} or lower needed; effort costed from nothing)")
    if getattr(c, "recount", False):
        return f"按专家组意见重新统计（需降至{need}及以下）" if zh else f"count again as the panel asked ({need} or lower needed)"
    return f"查明（需降至{need}及以下）" if zh else f"measure it ({need} or lower needed)"


def _figure(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def condition_text(cid: str, conditions: dict[str, Any], zh: bool) -> str:
    c = conditions.get(cid)
    return (c.zh if zh else c.en) if c is not None else cid


def change_dict(c: Any, conditions: dict[str, Any]) -> dict[str, Any]:
    return {
        "indicator": c.indicator, "dimension": c.dimension, "name": c.name.en, "name_zh": c.name.zh,
        "state": c.state, "before": c.before, "after": c.after, "points": round(c.points, 4),
        "effort": round(c.effort, 2), "steps": c.steps, "serves": list(c.serves),
        "serves_text": [condition_text(s, conditions, False) for s in c.serves],
        "serves_text_zh": [condition_text(s, conditions, True) for s in c.serves],
        "responsible": c.responsible.en if c.responsible else None,
        "responsible_zh": c.responsible.zh if c.responsible else None,
        "parent": c.parent,
        "years": c.years,  # the fewest years it takes however much work goes in (framework data); null: work only
        # who decides it when it is not within the unit's control (an award): no effort, no year counted; null: the unit
        "decided_by": c.decided_by.en if c.decided_by is not None else None,
        "decided_by_zh": c.decided_by.zh if c.decided_by is not None else None,
        # the tasks of the plan it presupposes (an enforcement check waits for its regulation): it comes after them
        "waits_for": list(c.waits_for),
        # the indicators one standard survey finds out with it (K4 and K5): one survey, costed once, on the first
        "survey": list(c.survey),
        # a figure the panel did not accept, counted again from the unit's records (G19-A3)
        "recount": getattr(c, "recount", False),
        # its points rest on what is found (a look-up, a recount, a survey); false for work, also for a
        # rated unit's unknown figure, which is raised as work costed from nothing (G20-A6)
        "finds_out": _finds_out(c),
    }


def panel_delta(p: Any, reviewed: Any = None) -> float:
    """The panel's direct score changes (points of the total) a reviewed plan holds fixed: the
    reviewed total less the score of the verified answers the plan starts from; 0.0 without review."""
    if reviewed is None:
        return 0.0
    delta = reviewed.total - p.before.total
    return delta if abs(delta) >= 0.005 else 0.0


def with_panel(r: Any, fw: Any, delta: float) -> Any:
    """A planned Result as the reviewed unit's total reads it: ``delta`` (the panel's direct score
    changes) added to its total, and the grade that total falls in unless a veto decided it."""
    if not delta:
        return r
    total = r.total + delta
    grade = r.grade
    if fw is not None and getattr(r, "ratable", True) and not fw.graded_by_veto(r):
        band = next((g for g in sorted(fw.grades, key=lambda g: -g.min) if total + 1e-9 >= g.min), None)
        if band is not None:
            grade = r.grade.model_copy(update={"id": band.id, "name": band.name.en, "name_zh": band.name.zh})
    return r.model_copy(update={"total": total, "grade": grade})


def review_note(p: Any, reviewed: Any, zh: bool) -> str:
    """What a plan with --review starts from: the panel's verified answers, as lcity batch and the
    report plan the unit, with the panel's direct score changes kept (G18-B11)."""
    n = reviewed.review.reviewers if reviewed.review is not None else 0
    delta = panel_delta(p, reviewed)
    from evaluator.rounding import fixed

    if zh:
        held = (f"专家组对分值的直接调整（合计{fixed(delta, sign='+')}分）不是填报的数据，任务改变不了，测算中保持不变，"
                "上述总分已计入该调整。") if delta else ""
        return f"本计划以专家组核定的答案为起点测算（{n}份评审），与 lcity batch 和报告的测算相同。" + held
    held = (f" The panel's direct score changes ({fixed(delta, sign='+')} points in all) are not reported figures "
            "a task could change: the plan keeps them as they are, and the totals above include them.") if delta else ""
    return (f"Planned from the answers the panel verified ({n} review{'s' if n != 1 else ''}), as lcity batch and "
            "the report plan the unit." + held)


def plan_dict(p: Any, reviewed: Any = None, fw: Any = None) -> dict[str, Any]:
    """The plan as JSON: what ``--format json`` prints and what a script reads. With ``reviewed``
    (--review) the totals are the reviewed ones, the panel's direct score changes included."""
    conditions = dict(p.conditions)
    delta = panel_delta(p, reviewed)

    def state(r: Any) -> dict[str, Any]:
        r = with_panel(r, fw, delta)
        return {"total": round(r.total, 4), "grade": r.grade.id, "grade_name": r.grade.name,
                "grade_name_zh": r.grade.name_zh, "outcome": r.recognition.outcome}

    points, found, full = unknown_stake(p)
    from evaluator.plan import short_note, short_of_target, survey_margin_note, survey_margins

    doc = {
        "target": {"kind": p.target.kind, "total": p.target.total, "name": p.target.name.en, "name_zh": p.target.name.zh},
        "before": state(p.before), "after": state(p.after), "effort": round(p.effort, 2),
        # the unit's own effort, and the tasks another body must do or decide, given apart (G18-B6)
        **_effort_parts(p),
        # what an effort point stands for, as the table says under it (null: the framework states none)
        "effort_unit": p.unit.en if p.unit is not None else None,
        "effort_unit_zh": p.unit.zh if p.unit is not None else None,
        "conditions": [{"id": k, "text": v.en, "text_zh": v.zh} for k, v in p.conditions],
        "changes": [change_dict(c, conditions) for c in p.changes],
        "alternative": None,
        "held": [{"id": i, "name": n.en, "name_zh": n.zh} for i, n in p.held],
        "alone": [{"text": en, "text_zh": zh} for zh, en in p.alone],
        # a figure under a minimum the framework cites that the plan cannot raise, and why
        "below": [{"text": en, "text_zh": zh} for zh, en in p.below],
        "records": [{"text": en, "text_zh": zh} for zh, en in p.records],
        # the target holds only if the figures still to be found reach the levels listed
        "if_found": any(_finds_out(c) for c in p.changes),
        # the points that rest on figures not yet known, and those that must come out at full points (G18-B3)
        "unknown": {"points": round(points, 2), "indicators": list(found), "full": list(full)},
        # --review: the plan starts from the panel's verified answers (null: the unit's own answers)
        # whether the engine's score of the planned answers reaches the target, and if not why (G19-A1)
        "reaches_target": not short_of_target(p),
        "short_of_target": {"text": short_note(p, False), "text_zh": short_note(p, True)} if short_of_target(p) else None,
        # survey lines the plan meets within the survey's 95 % margin: the targets stay, the doubt is said (G19-B1)
        "survey_margins": [dict(m, text=survey_margin_note(_only(p, m), False, fw),
                                text_zh=survey_margin_note(_only(p, m), True, fw)) for m in survey_margins(p, fw)],
        "review": None if reviewed is None else {
            "reviewers": reviewed.review.reviewers if reviewed.review is not None else 0,
            "panel_delta": round(delta, 2)},
    }
    if p.alternative is not None:
        a = p.alternative
        doc["alternative"] = {"effort": round(a.effort, 2), **_effort_parts(a), "after": state(a.after),
                              "changes": [change_dict(c, conditions) for c in a.changes]}
    return doc


def _only(p: Any, m: dict[str, Any]) -> Any:
    """The plan as ``survey_margin_note`` reads it for one survey line ``m`` alone."""
    from dataclasses import replace

    return replace(p, changes=tuple(c for c in p.changes if c.indicator == m["indicator"]))


def unknown_stake(p: Any) -> tuple[float, tuple[str, ...], tuple[str, ...]]:
    from evaluator.plan import unknown_stake as stake

    return stake(p)


def _effort_parts(p: Any) -> dict[str, Any]:
    """``effort`` split: the unit's own (``effort_own``), and the tasks another body must do or
    decide (``others``: the city's part, an award) with their effort as the framework costs them
    (``effort_others``: the city's regulation; an award carries none)."""
    return {"effort_own": round(p.own_effort, 2), "effort_others": round(p.others_effort, 2),
            "others": [c.indicator for c in p.others]}


def _finds_out(c: Any) -> bool:
    """A task whose points rest on a figure found out (查明): what it will be is not the plan's to promise."""
    from evaluator.plan import finds_out

    return finds_out(c)


def veto_words(r: Any, fw: Any, zh: bool) -> str:
    """'（一票否决：…）' / ' (veto: …)' after a grade a veto decided (87.1 points and 不合格), as
    ``lcity score`` says why; empty when the total's band gave the grade."""
    if fw is None or not fw.graded_by_veto(r):
        return ""
    names = {v.id: v.name for v in fw.recognition.vetoes}
    said = [(names[v].zh if zh else names[v].en) if v in names else v for v in r.vetoes]
    return f"（一票否决：{'；'.join(said)}）" if zh else f" (veto: {'; '.join(said)})"


def _standing(r: Any, zh: bool, fw: Any = None) -> str:
    """Total, grade and outcome; a not-ratable unit's grade and outcome are the same words, said
    once; a grade a veto decided names the veto."""
    grade, outcome = (r.grade.name_zh, r.recognition.name_zh) if zh else (r.grade.name, r.recognition.name)
    grade += veto_words(r, fw, zh)
    words = grade if grade == outcome else f"{grade}{'，' if zh else ', '}{outcome}"
    return f"{shown(r.total, fw)} {words}"


def shown(total: float, fw: Any = None) -> str:
    """A total as ``lcity score`` prints it: on the side of the framework's lines its grade is on
    (89.96 beside 良好 when 优秀 starts at 90, not "90.0")."""
    from evaluator.rounding import total_text

    return total_text(total, fw)


def _parent_named(fw: Any, level: str | None, ids: list[str]) -> tuple[str, str] | None:
    from evaluator.pathways import parent_level

    return parent_level(fw, level, ids) if fw is not None and level is not None else None


def parent_tag(zh: bool, fw: Any, level: str | None, ids: list[str]) -> str:
    """The mark of a task that is the part of the unit the answer's record belongs to, named by the
    framework's levels (G1 audit #19): "（所在城市）" / " (the city's)" for a Chinese district, " (the
    municipality's)" for an Aldmark village, neutral where the levels cannot tell."""
    named = _parent_named(fw, level, ids)
    if zh:
        return f"（所在{named[0]}）" if named else "（所属上级单位）"
    return f" (the {named[1]}'s)" if named else " (the parent unit's)"


def parent_note(p: Any, zh: bool, fw: Any = None, level: str | None = None) -> str:
    """What the plan does with the answers the unit gives with its city's record: left out, or (when
    the unit cannot reach the target by itself) included as the city's part, with why. Left out, the
    owner is named by ``fw``'s levels, as the report's plan_held_owner names it ("the municipality it
    belongs to" for an Aldmark village, G1 audit #19); without them, the city."""
    from indicators.messages import Msg, join, say as said

    lang = "zh" if zh else "en"
    if p.alone:
        ids = [c.indicator for c in p.changes if c.parent]
        reasons = ("；" if zh else "; ").join(z if zh else e for z, e in p.alone)
        from evaluator.pathways import parent_owner

        owner_zh, owner_en = parent_owner(fw, level, ids)  # the words the pathway reason and the report use
        return said(Msg("plan.alone", reasons=reasons, ids=join(ids), owner=owner_zh if zh else owner_en,
                        tag=parent_tag(zh, fw, level, ids).strip(" （）()")), lang)
    if p.held:
        ids = [i for i, _ in p.held]
        if fw is None or level is None:
            return said(Msg("plan.held", ids=join(ids)), lang)
        from evaluator.pathways import parent_owner

        owner_zh, owner_en = parent_owner(fw, level, ids)
        return said(Msg("plan.held-owner", ids=join(ids), owner=owner_zh if zh else owner_en), lang)
    return ""


def effort_total_line(p: Any, zh: bool, fw: Any = None) -> str:
    """The plan's total effort in the framework's unit, said under the table: the table's "8" alone
    says nothing of whether it is working days, months or money. Empty when the framework states
    no unit (its figures are then plain effort points, one per step unless it gives others) and no
    task is another body's. A plan that rests on tasks another body must do or decide (the city's
    regulation, UNESCO's award) gives the unit's own effort and names those tasks apart, each with
    its effort or why it has none (G18-B6)."""
    from evaluator.plan import effort_text

    from indicators.messages import say as said

    from indicators.units import unit_words

    lang = "zh" if zh else "en"
    if not p.others:
        if p.unit is None:
            return ""
        one = effort_text(p.effort)  # "1 effort day" as the framework says one, or by rule (G20-D8)
        return said(Msg("plan.effort-total", effort=one, unit=Both(p.unit.zh, unit_words(p.unit, "en", figure=one))),
                    lang)
    one = effort_text(p.own_effort)
    unit = Both(p.unit.zh, unit_words(p.unit, "en", figure=one)) if p.unit is not None else \
        Both("点", unit_words("effort points", "en", figure=one))
    return said(Msg("plan.effort-own", effort=one, unit=unit,
                    others=others_text(p, zh, fw)), lang)


def _short_unit(p: Any, zh: bool, figure: str | None = None) -> str:
    """The effort unit without its explanation, to follow a figure: "点", "points" ("point" after
    ``figure`` "1": the framework's English for one, or lcity's rule, G20-D8)."""
    import re

    from indicators.units import unit_words

    lang = "zh" if zh else "en"
    text = unit_words(p.unit, lang, figure=figure) if p.unit is not None else ""
    head = re.split(r"（|\s*\(", text, maxsplit=1)[0].strip()
    return head or unit_words("点" if zh else "effort points", lang, figure=figure)


def others_text(p: Any, zh: bool, fw: Any = None) -> str:
    """The tasks of a plan another body must do or decide, each with whose it is and its effort:
    'B1（所在城市，24点）、L2（所在城市；由联合国教科文组织决定，不计工作量）'."""
    from evaluator.plan import effort_text

    level = p.before.city.level if getattr(p.before, "city", None) is not None else None
    out = []
    for c in p.others:
        unit = _short_unit(p, zh, effort_text(c.effort))
        whose = parent_tag(zh, fw, level, [c.indicator]).strip(" （）()") if c.parent else ""
        if c.decided_by is not None:
            cost = f"由{c.decided_by.zh}决定，不计工作量" if zh else f"decided by {c.decided_by.en}, not costed"
        else:
            cost = f"{effort_text(c.effort)}{unit}" if zh else f"{effort_text(c.effort)} {unit}"
        if whose:
            cost = f"{whose}{'；' if c.decided_by is not None else '，'}{cost}" if zh else \
                f"{whose}{'; ' if c.decided_by is not None else ', '}{cost}"
        out.append(f"{c.indicator}（{cost}）" if zh else f"{c.indicator} ({cost})")
    return ("、" if zh else ", ").join(out)


def on_the_line(p: Any, delta: float = 0.0, fw: Any = None) -> bool:
    """The least effort lands the total on the target's line itself (85.0 for 85), as the planner's
    cheapest plan often does: the report's plan section warns of it beside its robustness figures,
    and the command, which has none, must not promise the target without a word (G18-B2). "On the
    line" is within half a step of the total's last decimal: 0.05 of 100 points, 0.005 of 1 (G27-T1)."""
    from evaluator.rounding import total_places

    total = getattr(p.target, "total", None)
    near = 0.5 * 10.0 ** -total_places(fw)
    return bool(p.changes) and total is not None and 0 <= p.after.total + delta - total < near


def _columns() -> int | None:
    """COLUMNS when the user set it (COLUMNS=80 lcity plan … | less): piped output is otherwise as
    wide as the longest row (312 characters of choice labels), and cells fold to it as on a terminal."""
    import os

    try:
        n = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        return None
    return n if n >= 40 else None


def print_plan(p: Any, name: str, zh: bool, fw: Any = None, reviewed: Any = None) -> None:
    from evaluator.plan import effort_text, unknown_note
    from evaluator.rounding import fixed

    conditions = dict(p.conditions)
    delta = panel_delta(p, reviewed)
    # with --review the totals are the reviewed ones: the panel's direct score changes included
    b, a = (reviewed if reviewed is not None else p.before), with_panel(p.after, fw, delta)
    head = (f"{escape(visible(name))}：目标 {escape(p.target.name.zh)}" if zh
            else f"{escape(visible(name))}: target {escape(p.target.name.en)}")
    out.print(f"[bold]{head}[/bold]")
    after = "计划后：" if zh else "after the plan: "
    if any(_finds_out(c) for c in p.changes):  # finding a figure out cannot promise what it will be
        after = ("若下表中“查明”的数值达到所列水平，计划后：" if zh
                 else "if the figures to find out reach the levels listed, after the plan: ")
    out.print(f"{'现在：' if zh else 'today: '}{escape(_standing(b, zh, fw))}  →  {after}{escape(_standing(a, zh, fw))}",
              soft_wrap=False)  # folded at a terminal's edge, whole into a pipe
    if reviewed is not None:
        folded(review_note(p, reviewed, zh))
    from evaluator.plan import short_note, survey_margin_note

    if short := short_note(p, zh):  # the engine's outcome is not the target: said first (G19-A1)
        folded(short)
    stake = unknown_note(p, zh)  # how much rests on figures not yet known (G18-B3)
    if stake:
        folded(stake)
    from evaluator.levels import for_level, level_words
    from evaluator.plan import evidence_note, outside_note, pending_note, reached_note
    from indicators.messages import agree

    if not p.changes:
        folded(pending_note(p, zh) if p.awaits else
               reached_note(p, zh, fw))
        return
    level = b.city.level if getattr(b, "city", None) is not None else None
    heads = ("指标", "现在 → 目标", "得分", "工作量", "服务于") if zh else ("indicator", "today → to reach", "points", "effort", "serves")
    rows = []
    words, own = level_words(fw, level, getattr(getattr(b, "city", None), "name_zh", None), zh)  # 本市 of a county-level city (G25R-12)
    for c in p.changes:
        nm = for_level(c.name.zh if zh else c.name.en, zh, words, own) \
            + (parent_tag(zh, fw, level, [c.indicator]) if c.parent else "")
        effort = "—" if c.decided_by is not None else effort_text(c.effort)  # not the unit's work: no effort counted
        rows.append([f"{c.indicator} {visible(nm)}", visible(change_text(c, zh, fw, level, own)),
                     fixed(c.points, sign="+"), effort, "\n".join(condition_text(s, conditions, zh) for s in c.serves)])
    total = [["合计" if zh else "total", "", fixed(p.points, sign="+"), effort_text(p.effort), ""]]
    if p.others:  # the unit's own effort and the tasks another body must do or decide, apart (G18-B6)
        ids = ("、" if zh else ", ").join(c.indicator for c in p.others)
        costed = any(c.decided_by is None for c in p.others)
        total = [["合计" if zh else "total", "", fixed(p.points, sign="+"), "", ""],
                 ["其中：本单位" if zh else "of which: the unit's own", "", "", effort_text(p.own_effort), ""],
                 [f"其他单位（{ids}）" if zh else f"another body's ({ids})", "", "",
                  effort_text(p.others_effort) if costed else "—", ""]]
    out.print(plan_table(heads, rows, total, out.width if out.is_terminal else _columns(), _units(fw)))
    total_line = effort_total_line(p, zh, fw)
    if total_line:
        folded(total_line)
    if on_the_line(p, delta, fw):
        from indicators.messages import say as said

        folded(said(Msg("plan.no-margin", target=shown(p.target.total, fw)), "zh" if zh else "en"))
    from evaluator.plan import survey_note

    survey_line = survey_note(p, zh)  # one survey finds K4 and K5: the row of K5 at 0 says why
    if survey_line:
        folded(survey_line)
    if thin := survey_margin_note(p, zh, fw):  # a survey line met within the survey's own error (G19-B1)
        folded(thin)
    if p.alternative is not None:
        alt = p.alternative
        ids = ("、" if zh else ", ").join(c.indicator + (parent_tag(zh, fw, level, [c.indicator]) if c.parent else "")
                                        for c in alt.changes)
        differs = visible(alternative_differs(p, zh, fw))
        # the unit's own effort, as the plan's total line gives it (G18-B6)
        effort = (f"本单位工作量 {effort_text(alt.own_effort)}" if zh else f"the unit's own effort {effort_text(alt.own_effort)}") \
            if alt.others else (f"工作量 {effort_text(alt.effort)}" if zh else f"effort {effort_text(alt.effort)}")
        folded(f"次优方案：{effort}，调整 {len(alt.changes)} 项（{ids}），总分 {shown(alt.after.total + delta, fw)}"
               + (f"；不同之处：{differs}。" if differs else "。") if zh
               else agree(f"Next-best alternative: {effort}, {len(alt.changes)} changes ({ids}), "
                          f"total {shown(alt.after.total + delta, fw)}") + (f"; differs in {differs}" if differs else ""))
    from evaluator.plan import record_sentences
    from reports.context_plan import survey_left

    for line in (outside_note(p, zh), *((z if zh else e) for z, e in p.below),
                 *record_sentences(p.records, zh), parent_note(p, zh, fw, level),
                 pending_note(p, zh), survey_left(p, zh, fw), evidence_note(p, zh, fw)):
        if line:
            folded(line)  # between words or Chinese characters at a terminal's edge, whole into a pipe


#: the columns whose cells are figures: never wrapped
_FIGURES = (2, 3)


def _units(fw: Any) -> tuple[str, ...]:
    """Every unit a figure of the framework is written with (人次, 元, 个), longest first: a
    number and its unit stay on one line."""
    if fw is None:
        return ()
    found = set()
    for ind in fw.indicators():
        for a in (ind.answer, *(v.answer for v in (getattr(ind, "by_level", None) or {}).values() if v.answer is not None)):
            u = getattr(a, "unit", None)
            if u is not None:
                found.update(x for x in (u.zh, u.en) if x)
    return tuple(sorted(found, key=len, reverse=True))


def cell_lines(text: str, width: int, units: tuple[str, ...] = ()) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken at spaces or between Chinese
    characters, never inside a number with its unit (125,400人次, 1,064,000元, 87%) or a Latin
    word, and no line starting with a closing mark such as '，' (it hangs at the end of the line
    before). Rich folds a Chinese cell anywhere: '125,4 | 00人次', '| ，但未列出'."""
    import re

    from rich.cells import cell_len

    from ..tables import NO_LINE_END, hang_punctuation

    unit = "|".join(re.escape(u) for u in units if not u.isascii())
    number = r"[+\-]?\d[\d,.]*(?:%|" + unit + ")?" if unit else r"[+\-]?\d[\d,.]*%?"
    # '≥ 60%' is one figure; a Latin word breaks only after its hyphen (Learning- / organisation)
    token = re.compile(r"\s+|(?:[≥≤<>]\s?)?" + number + r"|[A-Za-z][\w'’.]*[\-/]?|\S")
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for tok in token.findall(para):
            if tok.isspace():
                line += " " if line else ""
                continue
            while cell_len(tok) > width:  # longer than the column (a URL): folded, as nothing else can be
                if line:
                    lines.append(line.rstrip())
                    line = ""
                cut = max(1, next(k for k in range(len(tok), 0, -1) if cell_len(tok[:k]) <= width))
                lines.append(tok[:cut])
                tok = tok[cut:]
            if line and cell_len(line + tok) > width:
                lines.append(line.rstrip())
                line = ""
            line += tok
        lines.append(line.rstrip())
    for k in range(len(lines) - 1):  # an opening mark never ends a line: it goes down with its word
        while lines[k] and lines[k][-1] in NO_LINE_END and lines[k + 1]:
            lines[k], lines[k + 1] = lines[k][:-1], lines[k][-1] + lines[k + 1]
    return hang_punctuation([x for x in lines if x] or [""])


def _widths(cells: list[list[str]], width: int) -> list[int]:
    """Column widths that fit ``width`` cells of table: the figures whole, then each text column
    its natural width if all fit, else a fair share (max-min: what a short column leaves goes to
    the longer ones)."""
    from rich.cells import cell_len

    n = len(cells[0])
    want = [max(cell_len(x) for row in cells for x in (row[k].split("\n") or [""])) for k in range(n)]
    room = width - (n + 1) - (2 * n - 2)  # the borders, and one space of padding inside them
    got = [want[k] if k in _FIGURES else 0 for k in range(n)]
    text = [k for k in range(n) if k not in _FIGURES]
    left = room - sum(got)
    if sum(want[k] for k in text) <= left:
        for k in text:
            got[k] = want[k]
        return got
    # water-filling: the narrowest wants first, each at most an even share of what is left, so a
    # short column ("total ≥ 85") stays whole and the long ones share the rest evenly
    todo = sorted(text, key=lambda k: want[k])
    for i, k in enumerate(todo):
        got[k] = max(6, min(want[k], left // (len(todo) - i)))
        left -= got[k]
    return got


def _room(text: str, width: int) -> int:
    """The width to break ``text`` at: short by the widest run of closing marks it has, which hangs
    at the end of a line (GB/T 15834) and so grows it; the whole width otherwise. Two cells (one
    mark) were kept before: '…交流）、' hung '）、', four cells, and Rich folded the '、' onto a line of
    its own."""
    import re

    from rich.cells import cell_len

    from ..tables import NO_LINE_START

    marks = "".join(sorted(NO_LINE_START))
    runs = re.findall("[" + re.escape(marks) + "]+", text)
    return max(4, width - max(cell_len(r) for r in runs)) if runs else width


def plan_table(heads: tuple[str, ...], rows: list[list[str]], total: list[list[str]], width: int | None,
               units: tuple[str, ...] = ()) -> Any:
    """The plan's task table at ``width`` cells (None: as wide as its rows, for a pipe without
    COLUMNS): text cells broken here (``cell_lines``), figures never, so Rich draws every line as
    given. Cells are plain text (escaped here). ``total``: the rows under the line (the total; the
    unit's own effort and another body's part, when the plan has such tasks)."""
    from rich.table import Table

    from ..console import escape

    t = Table(show_lines=False, pad_edge=False)
    widths = _widths([list(heads), *rows, *total], width) if width else None
    for k, h in enumerate(heads):
        # figures never wrap; text is broken here, and Rich folds only what still does not fit
        t.add_column(h, no_wrap=k in _FIGURES or widths is None, overflow="fold", width=widths[k] if widths else None,
                     justify="right" if k in _FIGURES else "left")
    for row in [*rows, None, *total]:
        if row is None:
            t.add_section()
            continue
        cells = row if widths is None or None in widths else [
            row[k] if k in _FIGURES else "\n".join(cell_lines(row[k], _room(row[k], widths[k]), units))
            for k in range(len(row))]
        t.add_row(*(escape(x) for x in cells))
    return t


def alternative_differs(p: Any, zh: bool, fw: Any = None) -> str:
    """Where an alternative of the very same indicators differs from the plan: each answer it
    reaches otherwise (F1 175,800 → 185,100). With the same items, effort and total the line read
    as the plan itself; alternatives of other indicators show it in their list."""
    mine = {c.indicator: c.after for c in p.changes}
    alt = p.alternative.changes
    theirs = {c.indicator for c in alt}
    if not theirs <= set(mine):  # it holds tasks of its own: its list shows them
        return ""
    level = p.before.city.level if getattr(p.before, "city", None) is not None else None
    sep = "、" if zh else "; "
    # the plan's tasks less some: the list read as the plan's own, at the same effort and total
    # (Songhe reviewed: the alternative is the plan without D1, with D3, F1 raised higher and I1
    # lower, G25R-15); what it leaves out is said first, then each task it takes elsewhere
    left = [i for i in mine if i not in theirs]
    dropped = ([f"不做{'、'.join(left)}" if zh else f"{', '.join(left)} (not done)"] if left else [])
    return sep.join(dropped + [f"{c.indicator} {change_text(c, zh, fw, level)}" for c in alt if mine[c.indicator] != c.after])


def applied_yaml(text: str, values: dict[str, Any], before: dict[str, Any], data: Any = None,
                 city: frozenset[str] = frozenset(), zh: bool = False) -> str:
    """The assessment's own text with the plan's answers written in: comments, order and layout
    kept (ruamel.yaml round trip); each changed value says what it was, and whether it is the
    city's part of the plan (``city``), in the plan's language (``zh``: a Chinese form gets
    Chinese notes, G22-T11). An assessment read from a workbook has no YAML text: its data is
    written as YAML."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if not text.strip() and isinstance(data, dict):
        buf = io.StringIO()
        plain = YAML()
        plain.indent(mapping=2, sequence=4, offset=2)
        plain.dump(data, buf)
        text = buf.getvalue()

    from ruamel.yaml.util import load_yaml_guess_indent

    _, seq, offset = load_yaml_guess_indent(text)
    nested = [len(ln) - len(ln.lstrip(" ")) for ln in text.splitlines()
              if ln.startswith(" ") and ln.strip() and not ln.lstrip().startswith(("#", "-"))]
    mapping = min(nested) if nested else 2
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=mapping, sequence=seq or mapping, offset=offset or 0)
    doc = yaml.load(text)
    answers = doc.get("answers")
    if answers is None:
        answers = doc["answers"] = CommentedMap()
    for iid, v in values.items():
        if isinstance(v, list):
            seq = CommentedSeq(v)
            seq.fa.set_flow_style()
            v = seq
        entry = answers.get(iid)
        if not isinstance(entry, dict):
            entry = answers[iid] = CommentedMap()
        why = None
        if "status" in entry:
            del entry["status"]
            # the note said why there was no figure: it does not describe the one planned (G19-A1)
            why = entry.pop("note", None)
        entry["value"] = v
        was = answer_text(before.get(iid), zh)
        if zh:
            note = f"lcity plan（所在城市的部分）：原为{was}" if iid in city else f"lcity plan：原为{was}"
        else:
            note = f"lcity plan (the city's part): was {was}" if iid in city else f"lcity plan: was {was}"
        if why:
            note += f"（{why}）" if zh else f" ({why})"
        if not entry.get("evidence"):  # the plan counted the task as documented (``evaluator.plan.PLANNED``)
            note += "；请列出佐证材料" if zh else "; list its evidence"
        else:  # the evidence listed was for the answer it had (a 60-questionnaire survey of 66 %, not 90 %)
            note += "；请核对佐证材料是否反映新的填报值" if zh else "; check that its evidence shows the new answer"
        # a flow-style answer (K1: {value: 3, evidence: [...]}) is one line: the note goes at its end
        _note(answers, iid, note) if entry.fa.flow_style() else _note(entry, "value", note)
    buf = io.StringIO()
    yaml.dump(doc, buf)
    return buf.getvalue()


def _note(mapping: Any, key: str, text: str) -> None:
    """An end-of-line comment on ``key`` of ``mapping``, beside the user's own comment there (the
    note first: "# lcity plan: was 52; checked by Li"). Comment lines after the last key of a
    mapping belong to that key in ruamel.yaml: they are kept, after the note."""
    held = mapping.ca.items.get(key)
    tok = held[2] if held and len(held) > 2 else None
    if tok is None:
        mapping.yaml_add_eol_comment(text, key)
        added = mapping.ca.items[key][2]
        if not added.value.startswith(" "):  # after a flow mapping ruamel leaves one space: two, as elsewhere
            added.value = " " + added.value
    elif tok.value.startswith("\n"):  # no comment on the value's own line: only the lines after it
        tok.value = f"  # {text}" + tok.value
    else:  # the user's comment on that line: kept, after the note
        tok.value = f"# {text}; " + tok.value.lstrip()[1:].lstrip()


@guarded
def plan(
    file: Annotated[Path, typer.Argument(help="self-assessment YAML file (never changed)")],
    target: Annotated[Optional[str], typer.Option("--target", "-t", help="recognition, a grade (良好 or good) or a total (85); without it, recognition, or the next grade up under a framework that only grades, "
                                                                  "or, for a unit not yet ratable below every grade line, the data a rating needs and the nearest grade (the report's first stage)")] = None,
    effort: Annotated[Optional[Path], typer.Option("--effort", help="YAML file of local efforts: the shape of "
                                                   "a framework's effort: section (docs/frameworks.md)")] = None,
    fmt: Annotated[PlanFormat, typer.Option("--format", "-f", help="table or json")] = PlanFormat.table,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", parser=output_path, help="write the assessment with the plan "
                                                   "applied to this file (- for stdout)")] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="language of the table (default: the file's lang:, "
                                                 "else the framework's language, else zh)")] = None,
    framework: Annotated[Optional[str], typer.Option("--framework", help="override the file's framework line")] = None,
    force: Annotated[bool, typer.Option("--force", help="replace an existing output file")] = False,
    review: Annotated[Optional[list[Path]], typer.Option(
        "--review", help="expert review file of FILE; repeat for several reviewers: plan from the answers the panel "
        "verified, as lcity score --review scores them and lcity batch and the report plan them")] = None,
    accept_mismatch: Annotated[bool, typer.Option(
        "--accept-mismatch", help="accept a review whose city, period or SHA-256 does not match")] = False,
) -> None:
    """Plan the least-effort changes that reach a target: per change the indicator, today's answer and the answer to reach, the points, the effort and the condition it serves.

    Changes only improve an answer, and only to answers a unit of its level can give. The plan is exact (a mixed-integer programme) and checked by scoring the changed assessment. A target out of reach exits 1 and says which condition and what its maximum is.

    With --review the plan starts from the answers the panel verified, its direct score changes kept as they are (the totals shown include them), as lcity batch's plan_effort and the report's task list plan a reviewed unit.

    Examples: lcity plan examples/qingshi-district.yaml --target recognition;
    lcity plan my.yaml --target 良好 --format json;
    lcity plan my.yaml --target 85 -o my-plan.yaml;
    lcity plan my.yaml --effort local-costs.yaml;
    lcity plan examples/districts/lanjiang.yaml --review examples/districts/lanjiang.review.yaml --target excellent
    """
    from evaluator.effort import load_override
    from evaluator.plan import BadTarget, Unreachable, parse_target
    from evaluator.plan import plan as make_plan
    from evaluator.reading import read

    from ..output import check_outputs, is_stdout, refuse_lookalike, write_atomic

    check_outputs([output], [file, effort], force, options=("-o",))  # a missing folder: before the plan is searched (G30H-6)
    refuse_lookalike(output, ext=".yaml")  # 'plan.yaml ' is no YAML file to an editor (G11-7)
    if output is not None and output.suffix.lower() in (".xlsx", ".xls"):
        raise InputError([Problem(str(output), 1, 1, "error", "usage", Msg("plan.output-not-workbook"),
                                  Msg("plan.hint-output-not-workbook", file=visible(output.with_suffix(".yaml").name)),
                                  fatal=True)])
    reviewed = None  # the Result the panel verified (--review), which the plan starts from
    if review:
        from evaluator.pipeline import read_scored
        from evaluator.reading import label_for

        from ..console import note_reviews

        reviewed, loaded = read_scored(file, reviews=review, framework=framework, force=accept_mismatch,
                                       label=label_for(file))
        note_reviews(reviewed)
    else:
        loaded = read(file, framework=framework)
    assessment, fw = loaded.require()
    zh = unit_lang(lang, loaded) == "zh"  # --lang, the file's lang:, the framework's language, zh
    note_warnings(file, loaded)
    try:
        goal = parse_target(fw, "recognition" if target is None else target)
    except BadTarget:
        raise bad_target(fw, str(target)) from None
    if target is None:
        goal = _next_grade_if_grades_only(assessment, fw, goal, zh, reviewed)
        goal = _first_stage_if_unrated(assessment, fw, goal, zh, reviewed)
    else:
        _note_total_like_grade(fw, target, goal, zh)
    override = load_override(effort, fw) if effort is not None else None
    try:
        if reviewed is not None:  # as lcity batch and the report plan a reviewed unit (G18-B11)
            from evaluator.plan import plan_reviewed

            p = plan_reviewed(reviewed, fw, assessment, goal, override=override)
        else:
            p = make_plan(assessment, fw, goal, override=override)
    except Unreachable as exc:
        # in the language of the line it stands in (the messages'), as its label and hint are
        reasons_zh, reasons_en = "；".join(r[0] for r in exc.reasons), "; ".join(r[1] for r in exc.reasons)
        said = Both(f"目标{quoted(goal.name.zh)}无法达到：{reasons_zh}",
                    f"the target '{goal.name.en}' cannot be reached: {reasons_en}")
        hint = Msg("plan.hint-unreachable-veto" if exc.vetoed else "plan.hint-unreachable")
        if exc.counts_first or exc.profile_first:  # not out of reach: waiting on the unit's counts (G32A-4, -1)
            first = "count" if exc.counts_first else "profile"
            said = Msg(f"plan.{first}-first", target=Both(quoted(goal.name.zh), f"'{goal.name.en}'"),
                       reasons=Both(reasons_zh, reasons_en))
            hint = Msg(f"plan.hint-{first}-first")
        raise InputError([Problem(str(file), 1, 1, "error", "unreachable-target", said, hint)]) from None
    if output is not None:
        values = {c.indicator: c.after for c in p.changes}
        before = {c.indicator: c.before for c in p.changes}
        text = applied_yaml(loaded.marked.text, values, before, loaded.marked.data,  # type: ignore[union-attr]
                            frozenset(c.indicator for c in p.changes if c.parent), zh=zh)
        write_atomic(output, text, force=force)
        if is_stdout(output):
            return
    if fmt == PlanFormat.json:
        import json

        write_json_text(json.dumps(plan_dict(p, reviewed, fw), ensure_ascii=False, indent=2))
    else:
        name = assessment.city.name.get("zh" if zh else "en")
        print_plan(p, name, zh, fw, reviewed)
