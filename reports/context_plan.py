"""Section 六's 整改任务清单: the least-effort plan to the unit's next target, as a task table.

The target is recognition when the unit is not recognised, else the next grade up; the table
says which. Tasks are the plan's changes (``evaluator.plan``), cheapest first, each with today's
answer and the answer to reach, the points, the effort, the condition it serves, the type of
unit the framework makes responsible, and a suggested completion year. ``Facts.plan`` holds the
plan itself, so any section (the summary's first tasks) reads the same figures.

An answer the unit does not know is not a thing it can choose: nobody decides what a survey will
find. Such a task reads as finding the figure out (by a survey, a count or the records) with the
answer the target needs, and a unit too short of data to be rated is told that collecting it
comes first.
"""

from __future__ import annotations

import re
from typing import Any

from evaluator.advice import falling
from evaluator.levels import for_level
from evaluator.outcome_words import outcome_words_en
from evaluator.plan import (
    clears_veto,
    effort_text,
    finds_out,
    leverage,
    outcome_words,
    outside_note,
    pending_note,
    reached_note,
    record_sentences,
    short_note,
    short_of_target,
    survey_margin_note,
    survey_margins,
    survey_note,
    unknown_note,
    unknown_today,
)
from evaluator.rounding import fixed, points_text, shown_total, total_limits
from evaluator.rules import num
from indicators.units import unit_words

from .context_facts import Facts
from .context_format import qty, unit_suffix, zh_tight
from .context_text import parent_owner, plain_text
from .context_years import _fewest_years, task_years, year_capacity

def _total(f: Facts, total: float) -> str:
    """A total before or after the plan as the score table prints it: 89.96 (良好) is not "90.0"
    beside 优秀's line of 90, so "由89.96分提高到90.1分" says the plan crosses it."""
    return shown_total(total, total_limits(f.fw))


def _answer(value: Any, f: Facts, iid: str) -> str:
    """An answer as the report words it: choice and item names, not ids."""
    if value is None:
        return f.cat["plan_unknown"]
    ind = f.fw_inds.get(iid)
    names: dict[Any, str] = {}
    for o in (getattr(ind.answer, "choices", None) or getattr(ind.answer, "items", None) or []) if ind else []:
        names[o.id] = for_level(plain_text(f, o.zh if f.zh else o.en), f.zh, f.level_word or f.unit, f.unit)  # the unit's own level, no filling notes
    if isinstance(value, bool):
        return f.cat["plan_yes"] if value else f.cat["plan_no"]
    if isinstance(value, list):
        return f.sep.join(names.get(v, str(v)) for v in value) or f.cat["plan_none"]
    if isinstance(value, (int, float)):
        unit = getattr(ind.answer, "unit", None) if ind else None
        return qty(num(value), unit, f.lang) if unit else num(value)  # "66%", "4,000人" as in the text
    return names.get(value, str(value))




def _how(f: Facts, iid: str) -> str:
    """How an unknown answer is found out: the framework's resident survey, a count, another
    survey (of enterprises, say), or the records."""
    ind = f.fw_inds.get(iid)
    evidence = set(getattr(ind, "evidence", None) or [])
    if ind is not None and ind.survey is not None:
        return f.survey_heading("plan_how_survey")
    if "statistics" in evidence:
        return f.cat["plan_how_count"]
    return f.cat["plan_how_other_survey" if "survey" in evidence else "plan_how_records"]


def _same_survey(f: Facts, c: Any) -> str | None:
    """'与K4同一次居民调查' for the second and later tasks one standard survey finds out (its effort
    is counted once, on the first: K5's row reads 0 and says why); None for any other task."""
    first = next((x.indicator for x in f.plan.changes if c.survey and x.survey == c.survey), None)
    if first is None or first == c.indicator:
        return None
    if f.fw.survey_population is None and f.fw.surveys_ask() is not None:  # as Facts.survey_heading
        return f.cat("plan_how_survey_with", first=first)
    return f.cat("plan_how_survey_with_of", first=first, **f.survey_words)


def _change(c: Any, f: Facts) -> str:
    """Today's answer → the answer to reach; for a checklist, only the items to add. An unknown
    answer is found out first: '查明（开展调查；需达到81%）', not '不详 → 81%'."""
    if unknown_today(c):
        need = _answer(c.after, f, c.indicator)
        key = "plan_measure" if isinstance(c.after, (int, float)) and not isinstance(c.after, bool) else "plan_find_out"
        # lower is better: found out and lowered to 8 % or less, not "raised" to it (G30T2)
        lower = "_falling" if key == "plan_measure" and falling(getattr(f.fw_inds.get(c.indicator), "rule", None)) else ""
        if not finds_out(c) and c.after is True:  # a yes/no is not raised: found out, put in place if no (G31T-4)
            return f.cat["plan_find_out_put_in_place"]
        if not finds_out(c):  # a rated unit's unknown, raised as work costed from nothing (G20-A6)
            return f.cat(key + "_raise" + lower, after=need)
        how = f.cat["plan_how_recount"] if getattr(c, "recount", False) else _same_survey(f, c) or _how(f, c.indicator)
        return f.cat(key + lower, how=how, after=need)
    if isinstance(c.after, list):
        have = set(c.before) if isinstance(c.before, list) else set()
        return f.cat("plan_add", items=_answer([v for v in c.after if v not in have], f, c.indicator))
    from .context_format import change_once

    return change_once(c, f.fw_inds.get(c.indicator), f.lang) \
        or f"{_answer(c.before, f, c.indicator)} → {_answer(c.after, f, c.indicator)}"


def _responsible(c: Any, f: Facts) -> str:
    """The framework's responsible office; for the city's part of a plan, the city's office."""
    who = c.responsible.get(f.lang) if c.responsible is not None else f.cat["dash"]
    return f.cat("plan_city_responsible", who=who) if c.parent else who


def _thin_margin(f: Facts, p: Any, delta: float) -> str:
    """The plan's total above its target by less than half the robustness interval's width: the least
    effort lands just over the line, and '即可达到目标' would promise what 七's draws put in doubt.
    Yuntai's one task took 84.3 to 85.3, 0.3 over 85, with 七 giving 82.9—85.6 (G12 #16)."""
    rob = getattr(f, "robustness", None)
    # the spread the settings alone give (unknown answers at 0): also for a unit not yet ratable, whose
    # total is otherwise given by its bounds (G19-B2), since the planned unit answers them
    total = getattr(getattr(rob, "result", None), "total", None)
    p05, p95 = getattr(total, "p05", None), getattr(total, "p95", None)
    if p05 is None or p95 is None or not p.changes:
        return ""
    gap = p.after.total + delta - p.target.total
    half = (p95 - p05) / 2
    if gap < 0 or gap >= half:
        return ""
    # a plan landing on the line reads "exactly reaches", not "only 0.0 above" (Qiaoling's 85.0)
    # (with the decimals of the framework's scale: 0.015 over a 1-point line is "0.02", not "0.0", G27-T1)
    gap_s, half_s = points_text(gap, f.fw), points_text(half, f.fw)
    key = "plan_thin_margin_exact" if float(gap_s) == 0 else "plan_thin_margin"
    return f.cat(key, gap=gap_s, target=num(p.target.total), half=half_s)


def _recognition_thin(f: Facts) -> str:
    """A recognised unit planned to the next grade whose total is above the recognition line by less
    than half the robustness interval's width: "本单位已达到认定条件" alone reads as settled where
    七's draws put the outcome below the line as often as not. 界岭区 (85.00, recognised in 44 % of
    the draws) read "目标：优秀（…本单位已达到认定条件，按上一等级测算）" and nothing of its margin
    (G30A-1). Said as ``_thin_margin`` says a plan's own margin; "" in any other case."""
    r, rob = f.result, getattr(f, "robustness", None)
    total = getattr(getattr(rob, "result", None), "total", None)
    p05, p95 = getattr(total, "p05", None), getattr(total, "p95", None)
    if r.recognition.outcome != "recognised" or not r.ratable or p05 is None or p95 is None:
        return ""
    line, half = f.fw.recognition.total_min, (p95 - p05) / 2
    gap = r.total - line
    if line <= 0 or gap < -1e-9 or gap >= half:
        return ""
    gap_s, half_s = points_text(max(gap, 0.0), f.fw), points_text(half, f.fw)
    rec = f.fw.recognition.outcomes.recognised
    key = "plan_recognition_thin_exact" if float(gap_s) == 0 else "plan_recognition_thin"
    return f.cat(key, outcome=rec.zh if f.zh else rec.en, line=num(line), gap=gap_s, half=half_s)


def _floor_steps(f: Facts, p: Any) -> str:
    """The dimensions 八 says stand on their floor with no margin (``context_standing.on_floor``), and
    for each the least step that lifts it off (``evaluator.floor_margin.least_steps``), with whether a
    task of the table already raises it. 石梁区 (C and E at 60.0 %): 八 warned, 六 named only the
    total's margin and gave E no task (G31A-5). '' where no dimension stands on its floor."""
    from .context_standing import on_floor, on_floor_dims

    on = on_floor(f)
    if not on:
        return ""
    from types import SimpleNamespace

    from evaluator.floor_margin import least_steps

    steps = least_steps(f.fw, f.assessment, p.before, p.target, [d.id for d in on])
    cat, items = f.cat, []
    for d in on:
        if d.id not in steps:
            continue
        o, points = steps[d.id]
        r = f.inds.get(o.indicator)
        before = r.value if r is not None else None
        after = [*before, o.value] if isinstance(before, list) else o.value
        task = SimpleNamespace(indicator=o.indicator, before=before, after=after, state=getattr(r, "state", "answered"),
                               looked_up=o.looked_up, recount=False, survey=())
        ind = f.fw_inds.get(o.indicator)
        name = for_level(ind.name.get(f.lang), f.zh, f.level_word or f.unit, f.unit) if ind is not None else ""
        effort = f"{effort_text(o.effort)}{'' if f.zh else ' '}{_effort_words(p, f, effort_text(o.effort))}"
        ids = [c.indicator for c in p.changes if c.dimension == d.id]
        tail = cat("plan_floor_in_plan", ids=f.sep.join(ids), dim=d.id) if ids else cat("plan_floor_not_in_plan", dim=d.id)
        items.append(cat("plan_floor_step", dim=d.id, task=f"{o.indicator} {name}".strip(), change=_change(task, f),
                         points=fixed(points, sign="+"),
                         effort=effort, tail=tail))
    head = cat("plan_on_floor" if len(on) == 1 else "plan_on_floor_n", dims=on_floor_dims(f, on), floor=f.floor_pct, n=len(on))
    if not items:
        return head
    return head + cat["gap"] + cat("plan_floor_steps" if len(on) > 1 else "plan_floor_steps_one",
                                   items=cat["plan_floor_sep"].join(items))


def _unit_short(p: Any, f: Facts, figure: str | None = None) -> str:
    """The framework's effort unit without its explanation ("点" of "点（1点约为…）", "person-months"),
    to follow a figure (``figure``: "1 effort day", the framework's ``en_one`` or lcity's rule,
    G20-D8): a third party's person-months are never called effort points."""
    text = unit_words(p.unit, f.lang, figure=figure) if p.unit is not None else ""
    head = re.split(r"（|\s*\(", text or "", maxsplit=1)[0].strip()
    return head or unit_words(f.cat["plan_effort_short"], f.lang, figure=figure)


def _effort_words(p: Any, f: Facts, figure: str | None = None) -> str:
    """The effort unit in a sentence that also counts score points: China's unit is a bare
    "points" in English, so "raising the total from 75.6 to 85.1, for a total effort of 35 points"
    read as 35 score points (audit_english #2); English says "effort points" there. Chinese tells
    them apart already (85.1分, 工作量35点)."""
    per = _unit_short(p, f, figure)
    if not f.zh and per in ("points", "point"):
        return unit_words(f.cat["plan_effort_short"], f.lang, figure=figure)  # "1 effort point"
    return per


def survey_left(p: Any, zh: bool, fw: Any) -> str:
    """The survey a plan to recognition still leaves (G9 audit #1): the tasks raise a surveyed rate
    above its line, but the rate rests on fewer questionnaires than the framework's ``min_sample``,
    so the engine defers (``Decision.unsettled``) and the plan ends at the middle outcome. Said as
    ``reached_note`` says it of a plan with nothing to change ("Every other condition of recognition
    is met, but the survey lines are not settled: PAR1 is 67% (180 valid questionnaires, fewer than
    the 250 …) … that is the step left"), or a rate the tasks leave within its margin of the line
    (G26-T4); empty when the plan's outcome waits on no survey."""
    after = getattr(p, "after", None)
    if getattr(p.target, "kind", None) != "recognition" or not p.changes or after is None:
        return ""
    done = reached_note(p, zh)  # the plain "target reached" sentence, never what is meant here
    # a rate the tasks put within its margin of the line is said once, by ``survey_margin_note`` (its
    # margin, the odds and what to aim at): 青溪区's 六 said K4 twice, "K4按计划为80%（有效问卷780份），95%
    # 置信区间77.2%—82.8%，包含80%的认定要求。…" and then "K4计划达到80%，恰在80%的要求线上；…" (G31A-6)
    said = {m["indicator"] for m in survey_margins(p, fw)}
    note = reached_note(_Standing(p, after, said), zh, fw, planned=True)
    # after the tasks, never "已达到目标，无需调整" before what the unit's notes still ask: 澜州市 read
    # "完成以下1项任务即可达到目标…。已达到目标，无需调整。E1自述为估算数…" (G30R)
    return "" if note == done else note[len(done):].lstrip() if note.startswith(done) else note


class _Standing:
    """A plan as ``reached_note`` reads it: the target, the answers it starts from (here the answers
    after the plan's tasks) and the samples the unit's rates need (``Plan.samples``: 80 of Skerry's
    131 young people, not the framework's 200; without them the sentence named 200, G31T2). The rates
    in ``said`` are left to ``survey_margin_note``: their samples are withheld here, so that
    ``reached_note`` does not say their interval a second time."""

    __slots__ = ("target", "before", "samples")

    def __init__(self, p: Any, after: Any, said: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        self.target, self.samples = p.target, getattr(p, "samples", ())
        self.before = after if not said else after.model_copy(update={"indicators": [
            r.model_copy(update={"sample_size": None}) if r.id in said else r for r in after.indicators]})


def met_within_margin(f: Facts) -> bool:
    """A recognised unit with a survey rate that meets its line inside its margin of error: it meets
    the conditions of recognition on its figures as filed, not surely. Moxi (K4 83 % on 180
    questionnaires, ± 5.5 about the 80 % line) read "总分达到85分，且各项认定条件均已满足" and
    "本单位已达到认定条件" beside "是否确实达标需扩大样本才能确定" (G27R-2)."""
    from .context_standing import margin_thresholds

    return f.result.recognition.outcome == "recognised" and any(
        r.figure + 1e-9 >= line for r, line in margin_thresholds(f))


def _recognised_before(f: Facts) -> dict[str, str] | None:
    """The period and outcome of the unit's last evaluation (``--previous``) where it was recognised:
    a unit that lost its recognition is not "尚未认定". Jinhe (92.7 认定为示范区 in 2020–2022, 82.1
    暂缓认定 now) read "目标：认定为示范区（本单位尚未认定…）" under a summary saying its outcome went
    from 认定为示范区 to 暂缓认定 (G29R-1). None without an earlier recognised assessment."""
    t = getattr(f, "trend", None)
    if t is None or len(t.assessments) < 2 or t.assessments[-2].recognition != "recognised":
        return None
    a = t.assessments[-2]
    was = (a.recognition_name_zh if f.zh else a.recognition_name) or f.plan.target.name.get(f.lang)
    return {"period": a.period, "was": was}


def recognised_as_filed(f: Facts) -> bool:
    """A recognised unit that meets the conditions on its figures as filed, not surely: a survey rate
    met within its margin (``met_within_margin``), or a recognition that rests on answers with no
    evidence and no panel's verification. Tanghe (85.3, recognised by its panel's review; H1 and L3,
    4.6 points, without evidence) read "总分达到85分，且各项认定条件均已满足" and "本单位已达到认定条件"
    beside "…总分为80.8分，低于认定线85分：评估结论取决于核实结果" (G29R-3)."""
    if met_within_margin(f):
        return True
    from .context_questions import _rests_on, unbacked

    return f.result.recognition.outcome == "recognised" and _rests_on(f, unbacked(f))


def as_filed_key(f: Facts) -> str:
    """The suffix of a "conditions met" sentence: "_as_filed" where ``recognised_as_filed``, but
    "_as_verified" where every such rate is the panel's and nothing rests on unbacked answers:
    Wrackton filed sk-1 at 51 %, the panel verified 57 % (line 55 %), and the summary read "met on
    the figures as filed" (G30T-4; ``lcity score`` says it so since 68bb3c5); '' when met surely."""
    if not recognised_as_filed(f):
        return ""
    from .context_questions import _rests_on, unbacked
    from .context_standing import margin_thresholds

    met = [r for r, line in margin_thresholds(f) if r.figure + 1e-9 >= line]
    panel = f.reviewed and met and all(r.verified for r in met) and not _rests_on(f, unbacked(f))
    return "_as_verified" if panel else "_as_filed"


def tasks(f: Facts, next_grade: bool = True) -> dict[str, Any]:
    """六's task table. ``next_grade=False`` leaves out the sentence on the way to the next grade,
    which runs the planner a second time: the summary, which reads only the rows, asks without it."""
    p = f.plan
    if p is None:
        return {"tasks": _at_top(f)}
    cat = f.cat
    target = p.target.name.get(f.lang)
    conditions = dict(p.conditions)
    block: dict[str, Any] = {"title": cat["plan_title"], "rows": [], "note": ""}
    if p.target.kind == "recognition":
        lost = _recognised_before(f)
        block["target"] = cat("plan_target_recognition_lost", target=target, **lost) if lost else \
            cat(f.rk("plan_target_recognition"), target=target)
    else:
        key = "plan_target_grade" + as_filed_key(f)
        block["target"] = cat(f.rk(key), target=target, min=num(p.target.total))
        if p.changes and not p.unreachable and (thin := _recognition_thin(f)):
            block["target"] += cat["gap"] + thin
    if p.changes and not p.unreachable and (floors := _floor_steps(f, p)):
        block["target"] += cat["gap"] + floors
    if p.unreachable:
        # reasons are clauses with commas of their own: "；" between them, not the list's "、"
        from evaluator.plan import CountFirst, ProfileFirst

        # not out of reach: waiting on the unit's own counts or on its profile (G32A-4, G32A-1)
        key = "plan_count_first" if any(isinstance(r, CountFirst) for r in p.unreachable) else \
            "plan_profile_first" if any(isinstance(r, ProfileFirst) for r in p.unreachable) else "plan_unreachable"
        block["intro"] = cat(key,
                             reasons=("；" if f.zh else "; ").join(zh_tight(zh) if f.zh else en
                                                                  for zh, en in p.unreachable))
        return {"tasks": block}
    if p.awaits and not p.changes:  # every other condition is met: the panel's check is the one step left
        block["intro"] = pending_note(p, f.zh)
        return {"tasks": block}
    if not p.changes:  # no task to do: what is left, if anything, is no task (G10: Nanhu read "these 0 tasks
        block["intro"] = reached_note(p, f.zh, f.fw)  # reach the target, … from 88.1 to 88.1", still deferred)
        return {"tasks": block}
    slow: list[str] = []
    for c, year in zip(p.changes, task_years(f)):
        outside = year is None
        years, why = _fewest_years(c)
        if years and not outside and why is not None:
            said = why.get(f.lang).rstrip(".。 ")  # the catalog's sentence ends it: "show.." (G32T-9)
            slow.append(cat("plan_slow", id=c.indicator, years=years, why=said))
        served = [conditions.get(s) for s in c.serves]
        block["rows"].append({
            **_row(c, f, outside),
            "serves": f.sep.join((s.zh if f.zh else s.en) for s in served if s is not None),
            "responsible": _responsible(c, f),
            "year": "—" if outside else str(year),
        })
    block["responsible"] = any(c.responsible is not None for c in p.changes)
    # the tasks that carry the plan, for the summary (a veto's, a floor's or a survey line's, then
    # the most points): the table's first rows are the cheapest, which may add 0.2 of 11.8 points
    by_id = {c.indicator: row for c, row in zip(p.changes, block["rows"])}
    lead = leverage(p.changes, len(p.changes))
    block["lead"] = [by_id[c.indicator] for c in lead]
    # none of them clears a veto, a floor or a survey line (a grade's plan): the title says points only
    only_points = all(s == "total" for c in lead for s in c.serves)
    block["lead_title"] = cat("plan_lead_title_points" if only_points else "plan_lead_title", target=target)
    # a "查明" task's points hold only if the figure found reaches the level listed: the summary's
    # step says so, as 六's intro does (G7 #3: Shiwan's "F1 …查明…；+4.00分" promised them)
    block["lead_found"] = {c.indicator for c in lead if finds_out(c)}
    unit = p.unit.get(f.lang) if p.unit is not None else cat["plan_effort_unit"]
    # the panel's direct score changes are not answers: the plan cannot see them, and counted after
    # the tasks they may leave the whole list short of its target (then the intro must not open with
    # "these tasks reach the target" and close with "they do not")
    delta = f.result.total - p.before.total if f.reviewed else 0.0
    adjusted = abs(delta) >= 0.005
    short = adjusted and p.after.total + delta + 1e-9 < p.target.total
    key = ("plan_intro_one" if len(p.changes) == 1 else "plan_intro") + ("_counted" if short else "")
    left = survey_left(p, f.zh, f.fw)
    if short_of_target(p):  # the engine's score of the tasks ends at another outcome: never "可达到目标" (G19-A1)
        key = ("plan_intro_one" if len(p.changes) == 1 else "plan_intro") + "_scored"
    elif left and not short and getattr(p.after.recognition, "unsettled", None):
        # the tasks raise the total, but recognition still waits on the survey (a sample below the
        # minimum); a rate within its margin of a large enough sample is said after the intro (G26-T4)
        key += "_survey"
    elif not short and p.outside:
        # a task another body decides (UNESCO's award) is not done by working: "完成…即可达到" would
        # promise it; the target is reached when every task comes about, said before the list
        key += "_outside"
    elif not short and any(finds_out(c) for c in p.changes):
        # finding a figure out cannot promise what it will be: the target holds only if the figures
        # found reach the levels the table lists, said before the list ("即可达到" would promise it)
        key += "_if"
    # the totals the report shows: with the panel's direct score changes, which the plan holds fixed
    per = _unit_short(p, f)
    sep = "" if f.zh and not per.isascii() else " "  # 482点, 6 person-months
    # the unit's own effort: the tasks another body must do or decide are named apart (G18-B6)
    effort = f"{effort_text(p.own_effort)}{sep}{_effort_words(p, f, effort_text(p.own_effort))}"
    # the framework's own outcome words (命名为省级学习型乡镇仍有待调查, not 认定: G19-D1)
    rec = f.fw.recognition.outcomes.recognised  # an award is no recognition in English either (G25-T1)
    outcome = outcome_words(rec.zh)["it"] if f.zh else outcome_words_en(rec.zh, rec.en)["it"]
    block["intro"] = cat(key, n=len(p.changes), before=_total(f, p.before.total + delta),
                         after=_total(f, p.after.total + delta), effort=effort, outcome=outcome)
    if p.others:
        block["intro"] += cat["gap"] + _others(p, f)
    if stake := unknown_note(p, f.zh):  # how much rests on figures not yet known, how many at full points (G18-B3)
        block["intro"] += cat["gap"] + stake
    if left:
        block["intro"] += cat["gap"] + left
    if said := short_note(p, f.zh):
        block["intro"] += cat["gap"] + said
    if thin_survey := survey_margin_note(p, f.zh, f.fw):  # a survey line met within its own error (G19-B1)
        block["intro"] += cat["gap"] + thin_survey
    if not short and (thin := _thin_margin(f, p, delta)):
        block["intro"] += cat["gap"] + thin
    if p.outside:  # "完成以下N项任务即可达到目标" must not hide that one of them is another body's decision
        block["intro"] += cat["gap"] + outside_note(p, f.zh)
    vetoed = [c.indicator for c in p.changes if clears_veto(c)]
    if vetoed:  # first whatever its effort: the table is otherwise by effort, and says so
        block["intro"] += cat["gap"] + cat("plan_veto_first", ids=("、" if f.zh else ", ").join(vetoed))
    if survey_note(p, f.zh):  # first whatever its effort, and K5's row at 0: one survey finds K4 and K5
        block["intro"] += cat["gap"] + survey_note(p, f.zh)
    # "每年约完成24 effort points": a unit in Latin letters keeps its space in Chinese (G9 #6)
    pace = year_capacity(f.fw)
    block["note"] = cat("plan_note_pace_own" if getattr(f.fw.effort, "per_year", None) else "plan_note_pace",
                        unit=unit, capacity=f"{pace:,g}",
                        short=unit_suffix(per, "zh") if f.zh else per)
    if slow:
        block["note"] += cat["gap"] + cat["gap"].join(slow)
    if not f.result.ratable:  # too little is known to rate the unit: finding it out comes first
        missing = [r.id for r in f.result.indicators if r.state in ("unknown", "missing")]
        block["intro"] = cat("plan_data_first", n=len(missing), ids=("、" if f.zh else ", ").join(missing)) + \
            cat["gap"] + block["intro"]
    ids = "、" if f.zh else ", "  # a list of ids, not of clauses
    if p.alone:
        block["intro"] += cat["gap"] + cat("plan_alone", reasons=f.sep.join(zh_tight(zh) if f.zh else en for zh, en in p.alone),
                                           ids=ids.join(c.indicator for c in p.changes if c.parent))
    elif p.held:
        held = [i for i, _ in p.held]  # "the municipality it belongs to" for a village, not "the city"
        block["note"] = cat("plan_held_owner", ids=ids.join(held), owner=parent_owner(f, held)) + cat["gap"] + block["note"]
    if p.records:  # a record of the period left unknown: the plan counts none of its points
        block["note"] = "".join(s if f.zh else f"{s} " for s in record_sentences(p.records, f.zh)) + block["note"]
    if p.awaits:  # the tasks meet every other condition; the figures still wait on the panel
        block["intro"] += cat["gap"] + pending_note(p, f.zh)
    block["next_grade"] = _next_grade(f) if next_grade else ""
    if f.reviewed:
        block["note"] += cat["plan_note_reviewed"]
        if adjusted:
            # the panel's score changes stay as they are: the plan reaches the target with them counted
            block["intro"] += cat["gap"] + cat("plan_intro_held", delta=fixed(delta, sign="+"))
            if short:
                block["intro"] += cat["gap"] + cat("plan_intro_short", target=num(p.target.total))
    return {"tasks": block}


def _row(c: Any, f: Facts, outside: bool) -> dict[str, str]:
    """A task as the table and the summary's key tasks write it: the task, today's answer → the
    answer to reach, its points and its effort ("—" for a task another body decides)."""
    return {"task": f"{c.indicator} {for_level(c.name.get(f.lang), f.zh, f.level_word or f.unit, f.unit)}" + (f.cat["plan_city_tag"] if c.parent else ""),
            "change": _change(c, f),
            "points": fixed(c.points, sign="+"), "effort": "—" if outside else effort_text(c.effort)}


def stage(f: Facts) -> tuple[Any, Any] | None:
    """The next grade 六 plans first and the least-effort plan to it, as (grade, plan): for a unit
    planned to recognition whose total is below every grade line (不合格 by its total, not by a
    veto), when that grade is below the target's total. None when 六 stages nothing, or the planner
    finds no way. Worked out once per report (``Facts.memo``): 六's sentence on the next grade and
    the summary's key tasks read the same plan, so that the summary aims where 六 starts (G21-B9:
    Lanchuan, 24.3 points, read "实现“认定为示范区”的关键任务" above a 六 that reaches 合格 first)."""
    if "stage" not in f.memo:
        f.memo["stage"] = _stage(f)
    return f.memo["stage"]


def _stage(f: Facts) -> tuple[Any, Any] | None:
    p, r, fw = f.plan, f.result, f.fw
    if p is None or p.target.kind != "recognition" or not p.changes:
        return None
    from evaluator.plan import Unreachable, first_stage, panel_verified, parse_target, plan, verified_assessment

    # a unit not yet ratable too, from its lower bound: its plan to a grade finds the data a rating
    # needs first (Zhuyuan, 26.7–56.7, was planned straight for recognition)
    g = first_stage(fw, r, p.target.total)  # None: the recognition plan is already the plan to it
    if g is None:
        return None

    assessment = verified_assessment(f.assessment, r) if f.reviewed else f.assessment
    try:
        q = plan(assessment, fw, parse_target(fw, g.id), alternative=False, before=p.before,
                 verified=panel_verified(r))
    except (Unreachable, ValueError):
        return None
    return (g, q) if q.changes else None


def stage_block(f: Facts) -> dict[str, Any] | None:
    """The summary's key tasks where 六 stages the next grade first (``stage``): that plan's tasks as
    the table writes a task, the tasks that carry it (``leverage``: for a grade, those adding the
    most points) and a title that names the grade, what 六 says of it and the target beyond it with
    the task list's count (G21-B9). None where 六 stages nothing: the summary then aims at the
    table's target, as before."""
    staged = stage(f)
    if staged is None:  # a unit not ratable is staged too: its data and the first grade (G28R-11)
        return None
    g, q = staged
    p, cat = f.plan, f.cat
    rows = [_row(c, f, c.decided_by is not None) for c in q.changes]
    by_id = {c.indicator: row for c, row in zip(q.changes, rows)}
    lead = leverage(q.changes, len(q.changes))
    delta = f.result.total - p.before.total if f.reviewed else 0.0  # as 六's intro counts the target's totals
    words = dict(grade=g.name.get(f.lang), min=num(g.min), n=len(q.changes), before=_total(f, q.before.total),
                 after=_total(f, q.after.total), target=p.target.name.get(f.lang), all=len(p.changes),
                 target_after=_total(f, p.after.total + delta))
    return {"rows": rows, "lead": [by_id[c.indicator] for c in lead], "plan": q, "words": words,
            "lead_title": cat("plan_stage_title_one" if len(q.changes) == 1 else "plan_stage_title", **words),
            "lead_found": {c.indicator for c in lead if finds_out(c)}}


def _at_top(f: Facts) -> dict[str, Any] | None:
    """No plan because there is nothing higher to plan for: the unit is recognised and its total is
    in the top grade. Said in one sentence, so that a panel does not read a missing task list as a
    missing part; None in any other case without a plan."""
    r = f.result
    if r.recognition.outcome != "recognised" or not r.ratable or any(g.min > r.total + 1e-9 for g in f.fw.grades):
        return None
    from .context_format import pick
    from .context_recommend import advice_list

    # with no advice left 六 has one closing sentence, not recommendations "below" (Heming at 100.0, G30A)
    key = "plan_at_top" if advice_list(f) else "plan_at_top_none"
    return {"title": f.cat["plan_title"], "rows": [], "note": "", "target": "",
            "intro": f.cat(key, city=f.city, grade=pick(r.grade, "name", f.lang),
                           outcome=pick(r.recognition, "name", f.lang))}


def _next_grade(f: Facts) -> str:
    """For a unit planned to recognition whose total is below every grade line (不合格 by its total,
    not by a veto): the least-effort way to the next grade up, in one sentence beside the plan to
    recognition. 20 tasks over ten years to recognition is the long view; a panel first asks what
    lifts the unit out of 不合格 (J4 and H3 for 江川市: 5 points, 5 effort points). "" when it does not
    apply or the planner finds no way."""
    staged = stage(f)  # the same plan the summary's key tasks aim at (G21-B9)
    if staged is None:
        return ""
    g, q = staged
    per = _unit_short(q, f)
    sep = "" if f.zh and not per.isascii() else " "
    ids = ("、" if f.zh else ", ").join(c.indicator for c in q.changes)
    key = "plan_next_grade_one" if len(q.changes) == 1 else "plan_next_grade"
    if not f.result.ratable:  # no grade to be "the next" of: the rating comes with it
        key = key.replace("plan_next_grade", "plan_next_grade_unrated")
    said = f.cat(key, grade=g.name.get(f.lang), min=num(g.min), n=len(q.changes), ids=ids,
                 before=_total(f, q.before.total), after=_total(f, q.after.total),
                 effort=f"{effort_text(q.own_effort)}{sep}{_effort_words(q, f, effort_text(q.own_effort))}")
    return said + f.cat["gap"] + _others(q, f) if q.others else said


def _others(p: Any, f: Facts) -> str:
    """The sentence that names the tasks of a plan another body must do or decide, each with whose
    it is and its effort, which the plan's effort figure leaves out: 'B1（所在城市，24点）、L2
    （所在城市；不计工作量）' (G18-B6: 本单位合计工作量 counted the city's regulation)."""
    per = _unit_short(p, f)
    sep = "" if f.zh and not per.isascii() else " "
    items = []
    for c in p.others:
        cost = f.cat["plan_others_decided"] if c.decided_by is not None else \
            f"{effort_text(c.effort)}{sep}{_effort_words(p, f, effort_text(c.effort))}"
        items.append(f.cat("plan_others_parent" if c.parent else "plan_others_item", id=c.indicator,
                           owner=parent_owner(f, [c.indicator]), cost=cost))
    return f.cat("plan_others", others=("、" if f.zh else ", ").join(items))
