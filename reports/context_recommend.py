"""Section 六: recommendations that follow the unit's own answers.

Each recommendation says where the unit stands and what full points need (from the indicator's
rule, so it cannot ask for what the unit already has), then the framework's advice that applies
to that answer (``evaluator.advice``), then practices of reference units like it. When the planner's
task table is present it leads the section in effort order; the recommendations run by what they
serve instead: a veto's indicator, then those of dimensions below their floor and survey minimums,
then the most points lost (``condition_rank``).
"""

from __future__ import annotations

from typing import Any

from evaluator.advice import Advice, advise, falling, reference_profiles
from evaluator.rules import num
from evaluator.sampling import interval
from indicators.models import Indicator

from .context_facts import Facts
from .context_format import dim_pct, pct, pick, pts, qty, row_unit, unit_once
from .context_text import parent_owner, plain_text
from .context_sample import required

#: Recommendations written out in full; the rest are named in one sentence (the list says so).
RECS_MAX = 10
#: ... when the planner's task table leads the section and already gives every task's today → target.
RECS_MAX_PLAN = 6
#: Practices of reference units per recommendation.
MODELS_MAX = 2


def _inner_quotes(f: Facts, text: str) -> str:
    """Quotes inside a quoted requirement as single quotes: “获评全国‘百姓学习之星’”."""
    return text.replace("“", "‘").replace("”", "’") if f.zh else text


def _choice(ind: Indicator, choice_id: str, lang: str) -> str:
    return next((c.get(lang) for c in getattr(ind.answer, "choices", []) if c.id == choice_id), choice_id)


def _item(ind: Indicator, item_id: str, lang: str) -> str:
    return next((c.get(lang) for c in getattr(ind.answer, "items", []) if c.id == item_id), item_id)


def rejected(f: Facts, r: Any) -> bool:
    """An indicator the unit answered and the panel counts as unknown or missing: it did not accept
    the answer. Said as the panel's act, never as a figure the unit did not give (G18-A1)."""
    return bool(f.reviewed and r.verified and r.state in ("unknown", "missing") and r.self_value is not None)


def _count(n: int, zh: bool) -> str:
    return str(n) if zh else f"{n:,}"


def standing(f: Facts, a: Advice) -> str:
    """Where the unit stands on the indicator and what full points need, in one sentence."""
    cat, lang, r, ind, g = f.cat, f.lang, f.inds[a.indicator], f.fw_inds[a.indicator], a.gap
    unit = row_unit(f, r, lang)  # the framework's own unit: "1 hub" as it says one (G20-D8)
    if g.no_data:
        # an unknown answer a veto reads leaves the veto open: said before the framework's advice
        # ("未单列预算属一票否决项，应优先解决") reads as if it applied (G7 #15: Shiwan's D2)
        vetoes = [v.name.get(lang) for v in f.fw.recognition.vetoes if v.indicator == a.indicator]
        from evaluator.parent_figures import is_figure

        key = "rec_gap_nodata" if is_figure(ind.answer.type) else "rec_gap_noanswer"  # a choice has no figure to count
        survey = getattr(ind, "survey", None)
        if survey is not None:  # a rate a questionnaire finds is not counted: "count it" misled (G20-D6)
            key = "rec_gap_nosurvey"
        if rejected(f, r):  # the unit gave it; the panel did not accept it (G18-A1)
            key = "rec_gap_rejected"
        return cat(key, max=num(round(r.max, 2)), n=_count(required(f, a.indicator) or 0, f.zh)) + \
            "".join(cat("rec_gap_nodata_veto", veto=v) for v in vetoes)
    if getattr(ind, "period_record", False):  # the past, not a task (G24-T1): "满分要求“无事故”" asked the impossible
        return cat("rec_gap_period", now=_period_answer(f, ind, r, unit))
    if g.target is not None and r.figure is not None:
        from .context_questions import parent_figures

        # the city's figure is not where the unit stands: Nanhu's task read 'K2 …现为15.86%' (G12 #5)
        theirs = cat["rec_gap_parent_figure"] if any(x.id == r.id for x in parent_figures(f)) else ""
        key = "rec_gap_target_falling" if falling(ind.rule) else "rec_gap_target"  # "8% or lower" (G30T-1)
        return cat(key, now=qty(num(r.figure), unit, lang),
                   target=qty(num(g.target), unit_once(unit, lang), lang)) + theirs  # the unit's note once, after "now"
    if g.better:
        # full points another body grants (UNESCO's award) are not worked to: said beside the
        # requirement, as the task table says it (G7 #16: Jianglan's first improvement read as a task)
        decider = ind.decided_for(f.result.city.level) if hasattr(ind, "decided_for") else None
        return cat("rec_gap_better_decided" if decider is not None else "rec_gap_better",
                   now=plain_text(f, _choice(ind, str(r.value), lang)),
                   best=plain_text(f, _choice(ind, g.better[0], lang)),
                   who=decider.get(lang) if decider is not None else "")
    if g.missing:
        # each requirement set apart (in Chinese quoted): one may hold 、 itself
        return cat("rec_gap_missing", items=f.sep.join(cat("rec_gap_item", item=_inner_quotes(f, plain_text(f, _item(ind, m, lang))))
                                                       for m in g.missing))
    if g.boolean:
        return cat["rec_gap_boolean"]
    reasons = f.sep.join(t.rstrip("。.") for t in pick(r, "review_reasons", f.lang))
    return cat("rec_gap_panel", lost=pts(a.lost), reasons=reasons) if reasons else \
        cat("rec_gap_score", score=pts(r.score), max=pts(r.max))


def _period_answer(f: Facts, ind: Any, r: Any, unit: Any) -> str:
    """A record of the period as the unit answered it: the choice's name, the figure or yes/no."""
    if isinstance(r.value, bool):
        return f.cat["plan_yes"] if r.value else f.cat["plan_no"]
    if r.figure is not None and not isinstance(r.value, str):
        return qty(num(r.figure), unit, f.lang)
    return plain_text(f, _choice(ind, str(r.value), f.lang))


def advice_text(f: Facts, a: Advice) -> str:
    """What to do, keyed to why the indicator falls short (``Advice.why``): the framework's advice
    for the answer; for a figure the unit does not know, its own note on why (where it gave one)
    and how to find the figure out; for an answer the panel did not accept, the panel's reason and
    evidence it can check. A figure nobody knows is not raised, and a rejected one is not low:
    Danxia, whose province gives no county breakdown, was told to link credits to 落户 (G18-A5)."""
    cat, r, ind = f.cat, f.inds[a.indicator], f.fw_inds[a.indicator]
    text = _filled(f, a) if a.text is not None else ""
    if a.why == "rejected":
        reasons = f.sep.join(t.rstrip("。.") for t in pick(r, "review_reasons", f.lang))
        said = cat("rec_evidence_reason", reasons=reasons) if reasons else ""
        return said + (text or _measured(f, ind, "rec_evidence"))
    if a.why == "no_data":
        note = (r.note or "").strip().rstrip("。.")
        said = cat("rec_note_why", note=note) if note else ""
        return said + (text or _measured(f, ind, "rec_find_out"))
    return text


def _measured(f: Facts, ind: Indicator, key: str) -> str:
    """The catalog's advice ``key`` with the indicator's measurement (what is counted, from where,
    counted once how), or its plain form where the framework gives none."""
    m = getattr(ind, "measurement", None)
    if m is None:
        return f.cat[f"{key}_plain"]

    def said(t: Any) -> str:
        text = t.get(f.lang).strip().rstrip("。.")
        return text[0].lower() + text[1:] if not f.zh and text[:1].isupper() and not text[1:2].isupper() else text

    dedup = f.cat("rec_measure_dedup", dedup=said(m.deduplication)) if m.deduplication is not None else ""
    return f.cat(key, what=said(m.numerator), source=said(m.data_source), dedup=dedup, date=said(m.reference_date))


def _filled(f: Facts, a: Advice) -> str:
    """The framework's advice with '{lacks:K6}' replaced by the related checklist's items the unit
    lacks, in its level's words (``Advice.fills``); a county's "至少3个区级示范项目" as its own,
    "县级示范项目", as its J4 is named (``plain_text``, G29R-2)."""
    text = plain_text(f, a.text.get(f.lang)) if a.text is not None else ""
    for key, ids in a.fills.items():
        other = key.split(":", 1)[1]
        ind = f.fw_inds.get(other)
        names = f.sep.join(cat_item for cat_item in (f.cat("rec_gap_item", item=_inner_quotes(f, plain_text(f, _item(ind, i, f.lang))))
                                                    for i in ids)) if ind is not None else ""
        text = text.replace("{" + key + "}", names)
    return text


def _plan_order(plan: Any) -> dict[str, int]:
    """Indicator id -> position of its first task in the planner's table (empty without a plan)."""
    order: dict[str, int] = {}
    tasks = getattr(plan, "tasks", None) or getattr(plan, "changes", None) or []  # the planner's Plan.changes
    for k, task in enumerate(tasks):
        ids = getattr(task, "indicators", None) or [getattr(task, "indicator", None)]
        for i in ids:
            if isinstance(i, str):
                order.setdefault(i, k)
    return order


def _parent_tasks(f: Facts) -> set[str]:
    """Indicators the unit answers with the record of the unit it belongs to that the plan still
    lists (as that unit's part: the target is out of the unit's own reach)."""
    changes = getattr(getattr(f, "plan", None), "changes", None) or ()
    return {c.indicator for c in changes if getattr(c, "parent", False)}


def held_advice(f: Facts) -> list[str]:
    """Indicators that lose points but that the unit answers with the record of the unit it belongs
    to (``from_parent``), and that the plan does not list: not the unit's to change, so neither its
    recommendation nor its task (the plan leaves them out too)."""
    from .context_text import from_parent

    keep = _parent_tasks(f)
    return [r.id for r in f.result.indicators
            if from_parent(f, r.id) and r.id not in keep and r.state != "not_applicable" and r.max > 0
            and (r.state != "answered" or r.score + 1e-6 < r.max)]


def advice_list(f: Facts) -> list[Advice]:
    """The unit's advice by what it serves (``condition_rank``: a veto's indicator, then a floor's
    or a survey line's), then the most points lost; without the indicators it answers with the record of the unit it belongs to, unless the
    plan lists them as that unit's part."""
    result = f.result
    profiles = reference_profiles(f.fw) if f.ref_ok else {}
    path = result.pathway
    unit = (path.type if path else None, result.city.region, result.city.level)
    items = advise(f.fw, f.fw_inds, result.indicators, result.city.level, profiles, unit, result.city.id, MODELS_MAX)
    held = set(held_advice(f))
    items = [a for a in items if a.indicator not in held]
    rank = condition_rank(f)
    pos = {a.indicator: k for k, a in enumerate(items)}
    group = {0: 0, 1: 1, 2: 1, 3: 1}  # a veto; a floor, a survey line or a survey that cannot settle it; the rest
    items.sort(key=lambda a: (group.get(rank.get(a.indicator, -1), 2), -round(a.lost, 6), pos[a.indicator]))
    return _after_prerequisites(items)


def _after_prerequisites(items: list[Advice]) -> list[Advice]:
    """Advice for an indicator whose prerequisite the unit lacks (``Advice.waits_for``) right after
    the prerequisite's, where that is listed later: a panel advises the regulation, then its
    enforcement check, whatever points each loses."""
    out = list(items)
    for a in [x for x in items if x.waits_for]:
        k = out.index(a)
        before = [j for j, b in enumerate(out) if b.indicator in a.waits_for]
        if before and max(before) > k:
            out.pop(k)
            out.insert(max(before), a)  # the prerequisite moved up by one: this lands right after it
    return out


def condition_rank(f: Facts) -> dict[str, int]:
    """Indicator id -> 0 when its answer fires a veto, 1 when it lies in a dimension below its floor,
    2 when it is a survey indicator short of (or without data for) its recognition minimum; others
    are absent (both groups after the veto are one rank when sorting: ``advice_list``).

    The recommendations run by what they serve: what decides the outcome first, then the points. The
    task table runs by effort, and its first rows (a course list, a 5 % step) are not why a unit fails;
    a panel reading 六 looks for the failing dimensions first."""
    return {i: min(kinds) for i, kinds in _conditions(f).items()}


def _conditions(f: Facts) -> dict[str, set[int]]:
    """Indicator id -> every condition it misses (0 veto, 1 floor, 2 survey line), for the intro's
    list of them: K4 short of its survey line in a dimension below its floor misses both."""
    rec, result = f.fw.recognition, f.result
    out: dict[str, set[int]] = {}
    fired = set(result.vetoes)
    for v in rec.vetoes:
        if v.id in fired and getattr(v, "indicator", None):
            out.setdefault(v.indicator, set()).add(0)
    for d in result.dimensions:
        if d.floor_met is False:
            for i in d.indicators:
                out.setdefault(i, set()).add(1)
    for s in rec.survey:
        r = f.inds.get(s.indicator)
        if r is not None and r.state != "not_applicable" and (r.figure is None or r.figure + 1e-9 < s.min):
            out.setdefault(s.indicator, set()).add(2)
    from .context_standing import surveys_decide

    # met on a sample that cannot establish it (3), where that can decide the outcome: below the
    # line (or short of another condition) it is an ordinary loss of points (G26-T5)
    for i in unsure_surveys(f) if surveys_decide(f) else ():
        if 2 not in out.get(i, set()):
            out.setdefault(i, set()).add(3)
    return out


def unsure_surveys(f: Facts) -> dict[str, tuple[Any, float, bool]]:
    """Survey indicators whose recognition line the rate meets (or misses) without the survey
    establishing it: the line within the rate's 95 % margin of error, or a sample below the
    framework's minimum. Id -> (the rate's result with its sample and margin, the line, whether
    the sample is below the minimum). Yunxi was recognised on 96 and 88 questionnaires and Beiquan
    with K4 1.0 point above 80 % (± 3.1), and 六 never named the survey: its first items were
    G3 and D1 (G4 audit #4)."""
    from .context_standing import margin_thresholds

    out = {r.id: (r, line, False) for r, line in margin_thresholds(f)}
    for s in f.fw.recognition.survey:
        r, survey = f.inds.get(s.indicator), getattr(f.fw_inds.get(s.indicator), "survey", None)
        if r is not None and r.state == "answered" and r.figure is not None and survey is not None \
                and r.sample_size and r.sample_size < required(f, r.id):
            out[r.id] = (out[r.id][0] if r.id in out else r, s.min, True)
    return out


def whole_step(f: Facts, i: str) -> str:
    """What 六 says of a survey rate whose sample is below the framework's minimum but meets it as
    corrected for the few people there are to ask (``few_to_ask``): why 120 of 131 settle the rate, on
    the unit's own count of them; "" in any other case (G31T2)."""
    r, survey = f.inds.get(i), getattr(f.fw_inds.get(i), "survey", None)
    if r is None or survey is None or r.state != "answered" or not r.sample_size:
        return ""
    from evaluator.sampling import margin as wide  # the margin of as many from a large population

    few, need = few_to_ask(f, r), required(f, i)
    if few is None or need is None or r.sample_size < need:
        return ""
    line = next((s.min for s in f.fw.recognition.survey if s.indicator == i), None)
    said = f.cat("q_rec_survey_whole", n=num(r.sample_size), least=num(survey.min_sample),
                 min=num(line) if line is not None else "", unit=f.unit,
                 margin=f"{wide(r.figure, r.sample_size):.1f}", **few) if line is not None else ""
    return said + f.cat("q_rec_survey_whole_need", least=num(survey.min_sample), need=num(need), **few)


def few_to_ask(f: Facts, r: Any) -> dict[str, str] | None:
    """Where the unit has fewer people to survey than the framework's minimum sample (the profile
    figure its ``survey.drawn_from`` names) and asked nearly all of them: how many there are, the share
    that answered and the margin a finite population allows, for the step that would otherwise ask
    for a sample larger than the population; None otherwise."""
    from evaluator.sampling import drawn_population, finite_margin

    survey = getattr(f.fw_inds.get(r.id), "survey", None)
    n = r.sample_size
    pop = drawn_population(survey, f.assessment.city.figure) if survey is not None else None
    if pop is None or not n or r.figure is None or pop >= survey.min_sample or n > pop:
        return None
    spec = next((p for p in f.fw.profile_figures if p.id == survey.drawn_from), None)
    what = spec.unit.get(f.lang) if spec is not None else ("常住居民" if f.zh else "residents")
    return {"pop": num(pop), "what": what, "share": f"{n / pop * 100:.0f}",
            "fpc": f"{finite_margin(r.figure, n, pop):.1f}"}


def _survey_step(f: Facts, i: str) -> str:
    """What 六 says first of a survey rate that cannot settle its line: survey again, at the
    framework's sample, before its figure is relied on."""
    r, line, small = unsure_surveys(f)[i]
    survey = f.fw_inds[i].survey
    margin = r.margin or 0.0
    within = abs(r.figure - line) < margin
    key = ("q_rec_survey_small" if within else "q_rec_survey_small_clear") if small else "q_rec_survey_margin"
    if survey is None:  # a threshold on a rate the framework gives no questionnaire for (version 1)
        key = "q_rec_survey_margin_plain"
    if not f.speaks_recognition:  # another body's outcome: its own words, never 认定 (G4's 六 in Lanshan's report)
        key += "_other"
    # the interval the margin is the half-width of, never past 0 % or 100 % (G22-R1: "74.5%—101.5%")
    lo, hi = interval(r.figure, r.sample_size, r.margin) if r.sample_size else \
        (max(0.0, r.figure - margin), min(100.0, r.figure + margin))
    return f.cat(key, n=num(r.sample_size) if r.sample_size else "—", min=num(line),
                 outcome=f.fw.recognition.outcomes.recognised.get(f.lang),
                 least=num(required(f, i)) if survey is not None else "",
                 lo=num(round(lo, 1)), hi=num(round(hi, 1)),
                 how="" if survey is None else survey.stratify.zh.split("；")[0] if f.zh else survey.stratify.en.split(";")[0].lower())


def recommendations(f: Facts) -> dict[str, Any]:
    cat, lang, zh = f.cat, f.lang, f.zh
    units = f.fw.exemplar_names()
    items = advice_list(f)
    plan = getattr(f, "plan", None)
    rank = condition_rank(f)
    # with the task table every task's today → target is already given: fewer written out, but never
    # fewer than the indicators that decide the outcome (up to the full ten)
    serving = sum(1 for a in items if a.indicator in rank)
    cap = max(RECS_MAX_PLAN, min(serving, RECS_MAX)) if _plan_order(plan) else RECS_MAX
    shown, rest = items[:cap], items[cap:]
    recs = []
    shown_models: set[str] = set()
    parent_part = _parent_tasks(f)
    unsure = unsure_surveys(f)
    for a in shown:
        models = []
        for ex in a.models:
            zh_name, en_name = units[ex.city]
            models.append(cat("rec_model", city=zh_name if zh else en_name, practice=ex.practice.get(lang)))
            shown_models.add(ex.city)
        tag = cat("rec_parent_tag", owner=parent_owner(f, [a.indicator])) if a.indicator in parent_part else ""
        if a.waits_for:
            tag += cat("rec_waits_tag", ids=f.sep.join(a.waits_for))
        survey_step = _survey_step(f, a.indicator) if a.indicator in unsure else whole_step(f, a.indicator)
        recs.append({"ind": f.ind_label(a.indicator) + tag, "dim": f.dim_label(f.inds[a.indicator].dimension),
                     "lost": pts(a.lost), "standing": standing(f, a) + survey_step,
                     "advice": advice_text(f, a), "models": models})
    weak_dims = []
    any_short = any_below = False
    if f.bench is not None and f.ref_ok:
        from .context_standing import lacks_data

        for w in f.bench.weakest:
            practices = [cat("rec_model", city=e.name_zh if zh else e.name, practice=e.practice_zh if zh else e.practice)
                         for e in w.exemplars if e.city not in shown_models]
            dim = next((d for d in f.result.dimensions if d.id == w.id), None)
            answered = dim is not None and any(f.inds[i].state == "answered" for i in dim.indicators if i in f.inds)
            # a dimension with no answers is not "lowest": it has no model to copy yet (readings3 #12)
            if practices and w.share is not None and w.share + 1e-9 < 1 and answered:
                share = dim_pct(dim, f.floor, f.dim_places) if dim is not None else pct(w.share)
                # the benchmark ranks by share with unknown answers at 0: such a dimension is low for
                # want of data, and its title says so rather than calling it weak
                short = dim is not None and lacks_data(f, dim)
                if dim is not None and not short and dim.floor_met is not False and dim.share is not None \
                        and dim.share + 1e-9 >= f.result.total / f.result.max_total:
                    continue  # above its floor and the unit's own average: not "lower-scoring" (G14 #10:
                    # Jinchuan, 76.5 in all, had I at 80 % under that title)
                any_short = any_short or short
                any_below = any_below or (dim is not None and dim.floor_met is False)
                weak_dims.append({"title": cat("recs_dim_data" if short else "recs_dim", dim=f.dim_label(w.id),
                                               share=share),
                                  "models": practices})
    ordered = any(a.indicator in rank for a in items)
    intro_key = "recs_intro_cond" if ordered else "recs_intro_lost"
    if ordered and _plan_order(plan):
        intro_key += "_plan"  # the table above runs by effort: say why this list does not
    # the conditions this unit misses, in the framework's terms (a framework without vetoes or
    # surveys never reads of them)
    listed = {a.indicator for a in items}
    kinds = sorted({k for i, ks in _conditions(f).items() if i in listed for k in ks})
    conds = cat["and_sep"].join(cat[("recs_cond_veto", "recs_cond_floor", "recs_cond_survey", "q_recs_cond_survey_unsure")[k]]
                                for k in kinds)
    rest_key = "recs_rest_cond" if ordered else "recs_rest"
    rest_text = cat(_with_unknown(rest_key, rest), n=len(rest), shown=len(shown),
                    inds=f.sep.join(f.ind_label(a.indicator) for a in rest)) if rest else ""
    held = _held_note(f)
    if held:
        rest_text = rest_text + cat["gap"] + held if rest_text else held
    return {"recommendations": {
        "intro": cat(_with_unknown(intro_key, items), n=len(items), conds=conds) if recs else
        cat(f.rk("recs_none_full" if not held else "recs_none_own")),  # 以评促建 is China's own (G18-D5)
        # and no closing after it for a recognised unit: "巩固现有成效，针对上述薄弱环节持续改进" repeated it
        # and named weak links there are none of (Heming, every indicator at full points; G30A-3)
        "items": recs,
        "rest": rest_text,
        "dims": weak_dims,
        # above every floor, the dimensions listed are the lowest ones whose models 六 has not named
        # yet, not weak ones: Jianglan's G at 89 % stood as "薄弱维度" below E 86 % and L 83 % (G7 #7)
        "dims_title": cat["recs_h_dims_low" if any_short else "recs_h_dims" if any_below else "recs_h_dims_other"],
        "closing": _closing(f) if recs or f.result.recognition.outcome != "recognised" else "",
        "panel": f.review["findings"]["recommendations"] if f.review else [],
    }}


def _held_note(f: Facts) -> str:
    """The indicators left out of the recommendations because the unit answers them with the
    record of the unit it belongs to, said once in section 六 (the task table's note says it when
    the table leads the section)."""
    held = held_advice(f)
    if not held:
        return ""
    plan = getattr(f, "plan", None)
    said = {i for i, _ in getattr(plan, "held", ())}  # the task table's note names these (plan_held)
    if said and not getattr(plan, "alone", ()) and not getattr(plan, "unreachable", ()) and set(held) <= said:
        return ""
    return f.cat("recs_held", ids=("、" if f.zh else ", ").join(held), owner=parent_owner(f, held))


def _with_unknown(key: str, items: list[Advice]) -> str:
    """The catalog key for a list of indicators: "失分或数据不详的指标" when some of them have no
    data (an unknown answer is counted as 0, it has not lost its points)."""
    return f"{key}_unknown" if any(a.gap.no_data for a in items) else key


def _closing(f: Facts) -> str:
    """The last recommendation: what the unit does next, in the framework's words where it has them."""
    outcome = f.result.recognition.outcome
    nxt = f.fw.recognition.outcomes.deferred_next
    if outcome == "deferred" and nxt is not None:
        text = f.cat("recs_deadline_deferred_rule", city=f.city, next=_clause(nxt.get(f.lang), f.lang))
        last = _last_task_year(f)
        if last is not None and last > _start(f):  # the rule's deadline and the task list's pace disagree
            from .context_years import year_capacity

            text += f.cat["gap"] + f.cat("recs_deadline_pace", year=last, capacity=year_capacity(f.fw))
        return text
    key = f"recs_deadline_{outcome}"
    return f.cat(f.rk(key), city=f.city) if key in f.cat else ""


def _clause(text: str, lang: str) -> str:
    """A framework's sentence ("Submit a plan within six months.") set inside the catalog's own
    sentence: without its closing stop (the catalog ends the sentence), and in English with a small
    first letter unless the word is an acronym ("EU", "UNESCO")."""
    text = text.strip().rstrip(".。")
    if lang == "en" and text[:1].isupper() and not text[1:2].isupper():
        text = text[0].lower() + text[1:]
    return text


def _start(f: Facts) -> int:
    from .context_years import _start_year

    return _start_year(f)


def _last_task_year(f: Facts) -> int | None:
    """The latest suggested year in the task list, as its table prints them (None without tasks or
    when every task is another body's decision): a task that takes N years at least ends later than
    its effort alone says."""
    from .context_years import task_years

    plan = getattr(f, "plan", None)
    if not getattr(plan, "changes", None):
        return None
    years = [y for y in task_years(f) if y is not None]
    return max(years) if years else None
