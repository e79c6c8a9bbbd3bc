"""Findings written from the unit's facts: 三's paragraphs per dimension (主要成效), 四 (特色与亮点)
and 五 (存在问题). Section 六 is built in ``reports.context_recommend``.

A panel writes findings as sentences about what the unit has: its figures with their units, its
named projects and documents, how they stand against the framework's full-points line and the
reference units with data, and how they moved since the last assessment. Rule text, score tuples
and calculation traces stay in Appendix 1. Every indicator of a dimension is accounted for (an
indicator scoring 0, not applicable or without data is said so), and a capped list says it is.
What the city wrote (notes, evidence) is shown as written and labelled as the city's; what the
panel wrote is labelled as the panel's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median
from typing import Any

from evaluator.advice import falling
from evaluator.pathways import no_lead
from evaluator.result import HELD_ON, DimensionResult, IndicatorResult
from evaluator.rules import num
from indicators.models import Indicator, LevelsRule, LinearRule, StepsRule

from .context_facts import Facts
from .context_format import pct, pct_below, pick, qty, row_unit, unit_once, zh_punct
from .context_recommend import plain_text, recommendations, rejected, required  # noqa: F401 - section 六, built there
from .context_pathway import low_dimension_notes, practice_named
from .context_questions import doubtful_mark, strength_marks
from .context_review import veto_lines
from .context_text import from_parent, parent_owner
from .context_standing import (
    data_dimensions,
    known_share,
    losing_indicators,
    margin_thresholds,
    survey_later,
    surveys_decide,
    unknown_points,
    weak_dimensions,
)

#: Strengths: indicators at or above this share; at most STRENGTHS_MAX are named in 四.
STRONG = 0.9
STRENGTHS_MAX = 8
#: When no indicator is strong, the best this many are shown instead, if they reach HIGHLIGHT_MIN.
STRENGTHS_FALLBACK = 3
#: Nothing is called a strength or a highlight (四, the summary's main strengths, a pathway's
#: practices in 四) below this share of its points. Four fifths is the China frameworks' own line of
#: "good" (良好 from 80 of 100 points) applied to one indicator; below it the facts a report states
#: about an indicator are mostly what it lacks ("有规划，但未列出可考核的量化目标", "本市无此类条例"),
#: which no panel signs as a highlight. With nothing at this line, 四 says so plainly.
HIGHLIGHT_MIN = 0.8
#: Problems: at most this many indicators are named as losing most in a dimension below its floor.
LOSERS_MAX = 3
#: Evidence items named per dimension (the rest are counted; all are listed in Appendix 1).
EVIDENCE_MAX = 3


# --- facts of one indicator -------------------------------------------------------------------

def full_line(ind: Indicator) -> float | None:
    """The figure that earns full points (linear target, top step), None for other rules."""
    rule = ind.rule
    if isinstance(rule, LinearRule):
        return rule.target
    if isinstance(rule, StepsRule):
        top = max(s.share for s in rule.steps)
        return min(s.min for s in rule.steps if s.share >= top)
    return None


def fact(f: Facts, r: IndicatorResult) -> str:
    """What the unit has on one indicator, as a clause: its figure with its unit, its choice, the
    items it has; for a figure, how it stands against the full-points line."""
    cat, lang, ind = f.cat, f.lang, f.fw_inds[r.id]
    name = f.ind_name(r.id) if r.id in f.inds else pick(r, "name", lang)
    if r.state == "not_applicable":
        # where no indicator of the dimension applies, there is no other indicator of it to take the points
        dropped = any(d.id == r.dimension and d.max <= 0 for d in f.result.dimensions)
        return cat("fd_na_dim" if dropped else "fd_na", name=name)
    if r.state != "answered":
        if rejected(f, r):  # the unit gave it; the panel did not accept it (G19-A4, as G18-A1)
            return cat("fd_rejected", name=name)
        return cat("fd_unknown" if r.state == "unknown" else "fd_missing", name=name)
    answer = ind.answer
    if answer.type == "boolean":
        return cat("fd_yes" if r.value is True else "fd_no", name=name)
    if answer.type == "choice":
        label = next((c.get(lang) for c in answer.choices if c.id == r.value), str(r.value))
        return cat("fd_choice", name=name, choice=plain_text(f, label).rstrip("。."))
    if answer.type == "checklist":
        have = [plain_text(f, i.get(lang)) for i in answer.items if isinstance(r.value, list) and i.id in r.value]
        if not have:
            return cat("fd_checklist_none", name=name, n=len(answer.items))
        if len(have) == len(answer.items):
            return cat("fd_checklist_both" if len(have) == 2 else "fd_checklist_all", name=name, n=len(answer.items))
        return cat("fd_checklist", name=name, k=len(have), n=len(answer.items), items=item_list(f, have))
    if r.figure is None:
        return cat("fd_value", name=name, value=str(r.value))
    unit = row_unit(f, r, lang)  # the framework's own unit: "1 hub" as it says one (G20-D8)
    value = qty(num(r.figure), unit, lang)
    if r.margin is not None and r.sample_size:  # a survey rate is read with its margin of error
        value += cat("fd_margin", margin=f"{r.margin:.1f}", n=num(r.sample_size))
    line = full_line(ind)
    if line is None:
        return cat("fd_value", name=name, value=value)
    # a "lower is better" rule is short of its line above it: 19% of adults with no qualification
    # was praised as "reaching the full-points line of 8%" (G30T-1)
    down = falling(ind.rule)
    ending = "_falling" if down else ""
    if (r.figure - 1e-9 > line) if down else (r.figure + 1e-9 < line):
        # 90% of the points or more: "near" the line; below that, "below" it (never praised as strong)
        key = "fd_value_near" if (r.share or 0) + 1e-9 >= STRONG else "fd_value_below"
        return cat(key + ending, name=name, value=value, line=qty(num(line), unit_once(unit, lang), lang))  # the unit's note once
    text = cat("fd_value_full" + ending, name=name, value=value, line=qty(num(line), unit_once(unit, lang), lang))
    # at the line but short of full points: the panel took points off (its reason is shown as its own)
    return text + cat["fd_panel_cut"] if (r.share or 0) < 1 - 1e-6 and r.review_reasons else text


def item_list(f: Facts, items: list[str]) -> str:
    """Items joined by 、 — or by ； when one of them holds 、 itself ("安全、和谐、包容的社区"),
    so that a reader can count them."""
    sep = f.sep.strip()
    return (f.cat["fd_clause_sep"] if any(sep in i for i in items) else f.sep).join(items)


def _ref_figures(f: Facts) -> dict[str, list[float]]:
    """Figures of the reference units that answered each indicator (empty without a benchmark)."""
    if not f.ref_ok:
        return {}
    from evaluator.benchmark import reference_results

    try:
        refs = reference_results(f.fw.ref)
    except Exception:  # noqa: BLE001 - a framework given by path has no installed reference set
        return {}
    out: dict[str, list[float]] = {}
    for ref in refs:
        if ref.city.id == f.result.city.id:
            continue
        for r in ref.indicators:
            if r.state == "answered" and r.figure is not None:
                out.setdefault(r.id, []).append(r.figure)
    return out


def _ref_clause(f: Facts, r: IndicatorResult, refs: dict[str, list[float]]) -> str:
    figures = refs.get(r.id) or []
    if not figures or r.figure is None or r.state != "answered" or f.fw_inds[r.id].answer.type in (
            "boolean", "choice", "checklist"):
        return ""
    unit = row_unit(f, r, f.lang)
    if len(figures) == 1:
        return f.cat("fd_ref_one", value=qty(num(round(figures[0], 2)), unit, f.lang))
    return f.cat("fd_ref", n=len(figures), median=qty(num(round(median(figures), 2)), unit, f.lang))


def _trend_clause(f: Facts, dim_id: str) -> str:
    """How the dimension's share moved since the previous assessment ("" without a trend)."""
    trend = f.trend
    if trend is None or len(trend.assessments) < 2:
        return ""
    d = next((x for x in trend.dimensions if x.id == dim_id), None)
    if d is None or len(d.shares) < 2 or d.shares[-1] is None or d.shares[-2] is None:
        return ""
    before, now = d.shares[-2], d.shares[-1]
    step = trend.steps[-1] if trend.steps else None
    if step is not None and any(m.dimension == dim_id for m in step.unknown_in_one):  # 不详 in one of the two (G18-B4)
        return f.cat("fd_trend_unknown", period=trend.assessments[-2].period, before=pct(before), now=pct(now))
    return f.cat(_trend_key(pct(before), pct(now), now - before), period=trend.assessments[-2].period,
                 before=pct(before), now=pct(now))


def _trend_key(before: str, now: str, change: float) -> str:
    """Up, down or the same as the reader sees the two shares printed: 澄江区's E, 93.3 % then 92.8 %
    (its population grew), read "本维度得分率由93%下降到93%" (G29A2-4); a change under half a point
    between 92.6 % and 92.4 % would have read "保持在92%" beside a previous 93%."""
    if before == now:
        return "fd_trend_same"
    return "fd_trend_up" if change > 0 else "fd_trend_down"


# --- 三: one paragraph per dimension ---------------------------------------------------------


def _notes(f: Facts, ids: list[str]) -> list[dict[str, str]]:
    """The city's notes as written and the panel's reasons, each labelled as whose it is."""
    out = []
    answers = f.assessment.answers
    for i in ids:
        own = answers.get(i)
        if own is not None and own.note:
            out.append({"label": f.cat("fd_note_city", ind=i), "text": own.note})
        for reason in pick(f.inds[i], "review_reasons", f.lang):  # lcity's words in the report's language
            out.append({"label": f.cat("fd_note_panel", ind=i), "text": zh_punct(reason) if f.zh else reason})
    return out


def _evidence(f: Facts, ids: list[str]) -> str:
    items = list(dict.fromkeys(e for i in ids for e in f.inds[i].evidence))
    if not items:
        return ""
    shown = items[:EVIDENCE_MAX]
    more = len(items) - len(shown)
    key = "fd_evidence_more" if more else "fd_evidence"
    return f.cat(key, items=f.sep.join(shown), more=more)


def dimension_findings(f: Facts) -> dict[str, Any]:
    """三 (二): per dimension, what the unit achieved and where it falls short, in sentences."""
    refs = _ref_figures(f)
    out: dict[str, dict[str, Any]] = {}
    for d in f.result.dimensions:
        rs = [f.inds[i] for i in d.indicators]
        # strong (90% or more), partway (from the floor up), short (below the floor): a middling
        # share is not called a strong point
        good = [r for r in rs if r.state == "answered" and (r.share or 0) + 1e-9 >= STRONG]
        fair = [r for r in rs if r.state == "answered" and f.weak <= (r.share or 0) + 1e-9 < STRONG]
        short = [r for r in rs if r.state == "answered" and (r.share or 0) + 1e-9 < f.weak]
        nodata = [r for r in rs if r.state in ("unknown", "missing")]
        na = [r for r in rs if r.state == "not_applicable"]
        paras = []
        if d.max > 0 and d.score <= 1e-9:
            # no indicator with data has not "scored nothing": it is not known yet
            none_known = not any(r.state == "answered" for r in rs)
            paras.append(f.cat("fd_dim_nodata" if none_known and nodata else "fd_dim_zero", dim=f.dim_label(d.id)))
        for key, tier in (("fd_good", good), ("fd_fair", fair), ("fd_short", short)):
            if tier:
                # a choice short of full points says what full points need, as 五 does: Hecheng's L read
                # "有待提高的方面：国际认可：承办过学习型城市国际会议", an achievement under "to improve" (G28R-3)
                paras.append(f.cat(key, facts=_join(f, [fact(f, r) + ("" if tier is good else _best_clause(f, r))
                                                        + doubtful_mark(f, r.id) + _ref_clause(f, r, refs)
                                                        + _parent_own(f, r) for r in tier])))
        for r in nodata + na:
            paras.append(fact(f, r) + f.cat["fd_end"])
        ev = _evidence(f, [r.id for r in good + fair + short])
        if ev:
            paras.append(ev)
        tr = _trend_clause(f, d.id)
        if tr:
            paras.append(tr)
        # one paragraph per dimension: the sentences run on, as a panel writes them
        out[d.id] = {"paras": [_sentences(f, *paras)] if paras else [], "notes": _notes(f, d.indicators)}
    return {"findings_dims": out}


def _sentences(f: Facts, *texts: str) -> str:
    return ("" if f.zh else " ").join(t for t in texts if t)


def _join(f: Facts, clauses: list[str]) -> str:
    return f.cat["fd_clause_sep"].join(c for c in clauses if c)


# --- 四 ----------------------------------------------------------------------------------------


def own_answered(f: Facts) -> list[IndicatorResult]:
    """The answered indicators that are the unit's own work: not those it answers with the record of
    the unit it belongs to (``from_parent``), which are that unit's strength, not its own."""
    return [r for r in f.answered if not from_parent(f, r.id)]


def is_strong_dim(d: DimensionResult) -> bool:
    """A dimension called strong (四, 八): its unrounded share reaches STRONG, so that C at 7.17 of 8
    (89.6%, printed 90% in the table) is not said to be at "90% or more"."""
    return d.share is not None and d.floor_met is not False and d.share + 1e-9 >= STRONG


def strengths(f: Facts) -> dict[str, Any]:
    cat, result, order = f.cat, f.result, f.order
    answered = own_answered(f)
    strong_all = sorted([r for r in answered if (r.share or 0) + 1e-9 >= STRONG],
                        key=lambda r: (-r.max, order[r.id]))
    strong = strong_all[:STRENGTHS_MAX]
    intro = cat("fd_strengths_intro", min=num(STRONG * 100), city=f.city, n=len(strong_all))
    if not strong:
        # below STRONG, only what keeps HIGHLIGHT_MIN of its points; with none, said plainly
        strong = sorted([r for r in answered if (r.share or 0) + 1e-9 >= HIGHLIGHT_MIN],
                        key=lambda r: (-(r.share or 0), -r.score, order[r.id]))[:STRENGTHS_FALLBACK]
        intro = cat("strengths_fallback_floor", min=num(STRONG * 100), floor=num(HIGHLIGHT_MIN * 100)) if strong \
            else cat("strengths_none_floor", floor=num(HIGHLIGHT_MIN * 100))
    by_dim: dict[str, list[IndicatorResult]] = {}
    for r in sorted(strong, key=lambda r: order[r.id]):
        by_dim.setdefault(r.dimension, []).append(r)
    paras = [_sentences(f, cat("fd_strength_dim", dim=f.dim_label(dim),
                               facts=_join(f, [fact(f, r) + strength_marks(f, r.id)
                                               for r in rs])),
                        _evidence(f, [r.id for r in rs]))
             for dim, rs in by_dim.items()]
    rest = len(strong_all) - len(strong)
    strong_dims = [d for d in result.dimensions if is_strong_dim(d)]  # unrounded: 89.6% is not "90% or more"
    return {"strengths": {
        "intro": intro,
        "paras": paras,
        "rest": cat("fd_strengths_rest", n=rest, shown=len(strong)) if rest > 0 else "",
        "dims": cat("strengths_dims", min=num(STRONG * 100), dims=f.sep.join(f.dim_label(d.id) for d in strong_dims))
        if strong_dims else "",
        "pathway": _pathway_feature(f),
        "panel": f.review["findings"]["strengths"] if f.review else [],
    }}


def _pathway_feature(f: Facts) -> str:
    """The practices of the observed pathway the unit stands out in (the pathway's own evidence)."""
    path, lang = f.result.pathway, f.lang
    if not path or path.type in ("unclassified", "undetermined") or not path.leading:
        return ""
    lead_ids = [path.leading] if path.type != "mixed" else [p for p in (path.leading, path.runner_up) if p]
    evidence = getattr(path, "evidence", None)
    if evidence is not None:
        # a highlight only where the practice itself reaches HIGHLIGHT_MIN: above a weak unit's own
        # average, or at the dimension floor, is not yet a feature to name in 特色与亮点
        # each named by what the unit holds (G18-A6); one in a dimension below the floor said so (G18-B9)
        shown = [e for e in evidence
                 if e.pathway in lead_ids and e.vs_own > 0 and e.intensity + 1e-9 >= HIGHLIGHT_MIN]
        items = [practice_named(f.fw, f.fw_inds.get(e.indicator), e, lang) for e in shown]
        notes = low_dimension_notes(f.result, f.fw, shown, f.cat, {d.id for d in weak_dimensions(f)})
    else:
        items = [pick(s, "label", lang) for s in getattr(path, "signals", []) if s.pathway in lead_ids]
        notes = []
    if not items:
        return ""
    # a practice reads "what: how" and may hold 、 itself: "what (how)", set apart by ；
    signals = f.cat["fd_clause_sep"].join(_practices(f, items))
    level = no_lead(f.fw, path)
    if level:  # no type stands out (G19-A5): the practices are above the unit's average, not "较为突出"
        text = f.cat(f"fd_pathway_level_{level}", city=f.city, signals=signals)
    elif path.type == "mixed":  # no single type: name the practices, not a "Mixed pathway"
        text = f.cat("fd_pathway_mixed", city=f.city, signals=signals)
    else:
        from .context_pathway import not_firm

        key = "strengths_pathway_not_firm" if not_firm(f, path) else "strengths_pathway"
        text = f.cat(key, city=f.city, name=pick(path, "name", lang), signals=signals)
    return f.cat["gap"].join([text, *notes])


def _practices(f: Facts, items: list[str]) -> list[str]:
    """The practices as ``_practice`` words them, those under one name once with their hows together:
    Lanjiang's "以学习型组织建设为支撑（学习型组织覆盖面广）；以学习型组织建设为支撑（示范学习型组织）"
    named one practice twice (G7 #9); now "以学习型组织建设为支撑（学习型组织覆盖面广、示范学习型组织）"."""
    colon = "：" if f.zh else ": "
    hows: dict[str, list[str]] = {}
    for text in items:
        what, _, how = text.partition(colon)
        hows.setdefault(what, [])
        if how and how not in hows[what]:
            hows[what].append(how)
    return [_practice(f, what + colon + ("、" if f.zh else ", ").join(h) if h else what) for what, h in hows.items()]


def _practice(f: Facts, text: str) -> str:
    """"所有街道：社区学校全覆盖" as "所有街道（社区学校全覆盖）", so that a list of them reads as one."""
    colon = "：" if f.zh else ": "
    what, _, how = text.partition(colon)
    if not how:
        return text
    return f"{what}（{how}）" if f.zh else f"{what} ({how})"


# --- 五 ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One problem of 五: the item as the section words it, and the same problem as the summary
    names it (its subject first, as in the section, so a reader finds it there)."""

    text: str
    brief: str
    notes: list[dict[str, str]] = field(default_factory=list)


def _lost(r: IndicatorResult) -> float:
    return r.max - r.score


def _by_lost(f: Facts, rs: list[IndicatorResult]) -> list[IndicatorResult]:
    """Most points lost first; the framework's order between equals."""
    return sorted(rs, key=lambda r: (-_lost(r), f.order[r.id]))


def _stop(text: str) -> str:
    """A section item as a summary line: the same words without the closing stop."""
    return text.rstrip("。.")


def _unknown_clause(f: Facts, d: DimensionResult) -> str:
    """"(另有E1、E2数据不详，按0分计)" for a weak dimension with unknown answers; "" without."""
    from .context_standing import rejected

    gaps = [f.inds[i] for i in d.indicators if f.inds[i].state in ("unknown", "missing")]
    if not gaps:
        return ""
    # an answer the panel did not accept is said as the panel's act, not as 数据不详: Liyang's K, below
    # its floor on what the county filed once K2's filing is read for what it scores (G20-A9)
    panel = [r for r in _by_lost(f, gaps) if rejected(f, r)]
    unknown = [r for r in _by_lost(f, gaps) if not rejected(f, r)]
    key = "fd_floor_unknown" + ("" if not panel else "_rejected" if not unknown else "_mixed")
    return f.cat(key, inds=f.sep.join(f.ind_label(r.id) for r in (unknown or panel)),
                 rejected=f.sep.join(f.ind_label(r.id) for r in panel),
                 points=num(round(sum(r.max for r in gaps), 2)))


def _floor_problem(f: Facts, d: DimensionResult) -> Problem:
    """A dimension below its floor on its answered indicators: its weak indicators' facts when it has
    some (so that 五 names the dimension once), else the indicators that lost most in it."""
    from .context_standing import floor_share_text

    cat, share = f.cat, floor_share_text(f, d)
    weak = _weak_indicators(f).get(d.id, [])
    extra = _unknown_clause(f, d)
    if weak:
        text = cat("fd_floor_low", dim=f.dim_label(d.id), share=share, floor=f.floor_pct,
                   facts=_low_facts(f, _by_lost(f, weak + _losing_more(f, d, weak))), unknown=extra)
    else:
        losers = losing_indicators(f, d.indicators)[:LOSERS_MAX]
        text = cat("fd_floor", dim=f.dim_label(d.id), share=share, floor=f.floor_pct,
                   inds=f.sep.join(f.ind_label(r.id) for r in losers))
        if extra:
            text = text.rstrip("。.") + extra + cat["fd_end"]
    return Problem(text, cat("sum_floor", dim=f.dim_label(d.id), share=share, floor=f.floor_pct),
                   _notes(f, [r.id for r in weak]))


def _losing_more(f: Facts, d: DimensionResult, weak: list[IndicatorResult]) -> list[IndicatorResult]:
    """The dimension's other answered indicators that lose more points than one of its weak ones: "points
    are lost mainly in" D4, D5 and D3 left out Yiyang's D1, at 62 % of its points yet losing the most
    (1.14 of 3; G8 #7)."""
    least = min(_lost(r) for r in weak)
    return [r for r in (f.inds[i] for i in d.indicators)
            if r.state == "answered" and r not in weak and _lost(r) > least + 1e-9]


def _data_problem(f: Facts, d: DimensionResult) -> Problem:
    """A dimension below its floor for want of data, said as such: how many of its points are
    unknown, its share on what was answered, and that the floor waits on the data."""
    cat = f.cat
    unknown, known = unknown_points(f, d), known_share(f, d)
    args = {"dim": f.dim_label(d.id), "unknown": num(round(unknown, 2)), "max": num(round(d.max, 2)),
            "share": pct_below(d.share or 0.0, f.floor), "known": pct(known), "floor": f.floor_pct}
    from .context_standing import zero_kind

    whose = zero_kind(f, [d])  # the panel's rejection, not 数据不详 (G20-A3)
    key = "fd_floor_data_none" if known is None else "fd_floor_data" + whose
    return Problem(cat(key, **args), cat("sum_floor_data" + whose, **args))


def survey_margins(f: Facts, skip: Any = ()) -> list[str]:
    """One sentence per survey threshold within its rate's margin of error, as 五 and 八 say it
    (but those in ``skip``: 八's reasons may have said it already, G12 #14). A rate on fewer
    questionnaires than the framework asks for says so and gives the unit's own step, to survey
    again at that sample: Yunxi's K4 read '是否确实达标需扩大样本才能确定' here and was asked of the
    panel again in 五（三）, the county's step said nowhere in 五 (G12 #13)."""
    out = []
    later = survey_later(f)  # below the line (or short of another condition) it decides nothing (G26-T5)
    for r, line in margin_thresholds(f):
        if r.id in skip:
            continue
        least = required(f, r.id)  # the framework's minimum for the people there are (G31T2)
        small = bool(least and r.sample_size and r.sample_size < least)
        key = ("fd_survey_margin_met" if r.figure + 1e-9 >= line else "fd_survey_margin_short") + ("_small" if small else "")
        out.append(f.cat(key, ind=f.ind_label(r.id), figure=num(round(r.figure, 1)), min=num(line),
                         margin=f"{r.margin:.1f}", n=num(r.sample_size) if r.sample_size else "—",
                         least=num(least) if least else "", unit=f.unit,
                         **_interval_words(r)) + later)
    return out


def _interval_words(r: IndicatorResult) -> dict[str, str]:
    """A survey rate's 95 % interval as 五 prints it: within 0–100 %, Wilson's where rate ± margin would
    pass 100 % ("79.1%—96.4%", not "79.1%—102.9%": G22-R1); rate ± margin without a sample size."""
    from evaluator.sampling import interval

    lo, hi = interval(r.figure, r.sample_size, r.margin) if r.sample_size else (r.figure - r.margin, r.figure + r.margin)
    return {"lo": num(round(lo, 1)), "hi": num(round(hi, 1))}


def problem_groups(f: Facts) -> list[tuple[str, list[Problem]]]:
    """The problems of 五, chosen and ordered once: the section lists them all, the summary names
    the first few (``context_summary.problems_top``), so the two cannot disagree.

    Groups run by their bearing on the outcome: vetoes, dimensions below their floor, survey
    minimums, weak indicators, missing data, then the panel's own problems; empty groups are left
    out. Inside a group the more serious come first: dimensions from the most points lost (the
    rule in ``context_summary``, "What a panel leads with"), weak indicators (one item per
    dimension) from the most points lost, missing data from the most points at stake; vetoes and
    survey minimums in the framework's order, the panel's as written."""
    cat, result, lang = f.cat, f.result, f.lang
    veto_names = {v.id: v.name.get(lang) for v in f.fw.recognition.vetoes}
    panel = veto_lines(f)  # a veto the panel found is said as its finding, with its reason
    vetoes = [_plain(_sentence(f, panel[v]) if v in panel else cat("problems_veto", name=veto_names.get(v, v)))
              for v in result.vetoes]
    floors = [_floor_problem(f, d) for d in weak_dimensions(f)]
    survey = []
    # a shortfall within its margin of error is said once, with its margin, in the next group
    # (Tongxi's K4 stood twice in the summary's three main problems, once as if certain)
    in_margin = {r.id for r, _ in margin_thresholds(f)}
    for s in f.fw.recognition.survey:
        r = f.inds.get(s.indicator)
        if r is None or r.state == "not_applicable" or r.id in in_margin:
            continue
        if r.state != "answered" or r.figure is None:
            survey.append(_plain(cat("problems_survey_nodata", ind=f.ind_label(r.id), min=num(s.min))))
        elif r.figure + 1e-9 < s.min:
            survey.append(_plain(cat("problems_survey", ind=f.ind_label(r.id), figure=num(r.figure), min=num(s.min))))
    # a survey rate within its margin is said there, with its note and the unit's step, and nowhere
    # else in 五: Yunxi's K5 stood in （一）, （二） and （三） (G12 #13)
    margins = [Problem(t, _margin_brief(f, t), _notes(f, [r.id]))
               for (r, _), t in zip(margin_thresholds(f), survey_margins(f))]
    # and beside them every other rate the outcome waits on (G22-R5: Tongxi's K5, 91 % on 45)
    joined = unsettled_joined(f)
    margins += [Problem(t, _margin_brief(f, t), _notes(f, [r.id])) for r, t in joined]
    said = in_margin | {r.id for r, _ in joined}
    low = (cat["problems_h_low"], _weak_dims(f, skip={d.id for d in weak_dimensions(f)}, said=said))
    asked = (cat["problems_h_question"], panel_questions(f, {r.id for r, _ in joined}))
    # the questions hold recognition (figures beyond range, the city's, counted another way, a survey
    # rate on too few questionnaires): they decide the outcome, and the intro says those come first;
    # Nanhu's came after its low scores (G12 #3), Qingshi's K4 on 350 questionnaires likewise (G22-R5)
    rec = getattr(result, "recognition", None)
    deciding = any(getattr(rec, k, None) for k in ("pending", *HELD_ON)) \
        or bool({r.id for r in waiting_surveys(f)} - said)  # asked there, not in the first group
    decide = surveys_decide(f)
    return [(h, items) for h, items in (
        (cat["problems_h_veto"], vetoes),
        (cat["problems_h_floor"], floors),
        (cat["problems_h_survey"], survey),
        # a rate within its margin that decides nothing comes after the lost points (G26-T5)
        (cat["problems_h_survey_margin"], margins if decide else []),
        *((asked, low) if deciding else (low, asked)),
        (cat["problems_h_survey_margin"], [] if decide else margins),
        (cat["problems_h_data"], [_data_problem(f, d) for d in data_dimensions(f)] + _gaps(f)),
        (cat["problems_h_panel"], [_plain(t) for t in (f.review["findings"]["problems"] if f.review else [])]),
    ) if items]


def waiting_surveys(f: Facts) -> list[IndicatorResult]:
    """The survey rates the outcome waits on (``recognition.unsettled``: met on fewer questionnaires
    than the framework asks for), in the framework's order; none below the total's line, where a
    survey decides nothing (as ``context_summary._survey_reasons`` reads a rate within its margin)."""
    rec = getattr(f.result, "recognition", None)
    ids = set(getattr(rec, "unsettled", None) or ())
    if not ids or f.result.total + 1e-9 < f.fw.recognition.total_min:
        return []
    return [r for s in f.fw.recognition.survey if s.indicator in ids and (r := f.inds.get(s.indicator)) is not None]


def unsettled_joined(f: Facts) -> list[tuple[IndicatorResult, str]]:
    """The rates of ``waiting_surveys`` clear of their margin that 五 says in its first group, beside
    the rates within it, with the unit's step: Tongxi's K5 (91 % on 45) stood among the questions
    after the low scores while K4 led 五 and 八 named both (G22-R5). Without a rate within its
    margin there is no such group: the rate is asked among the questions, which then come first
    (``problem_groups``), where validate's survey-sample warning puts it."""
    in_margin = {r.id for r, _ in margin_thresholds(f)}
    if not in_margin:
        return []
    out = []
    for r in waiting_surveys(f):
        least = required(f, r.id)  # the framework's minimum for the people there are (G31T2)
        if r.id in in_margin or r.figure is None or not r.sample_size or not least:
            continue
        line = next(s.min for s in f.fw.recognition.survey if s.indicator == r.id)
        out.append((r, f.cat("fd_survey_unsettled", ind=f.ind_label(r.id), figure=num(round(r.figure, 1)),
                             min=num(line), n=num(r.sample_size), least=num(least), unit=f.unit, **_interval_words(r))))
    return out


def _margin_brief(f: Facts, text: str) -> str:
    """A survey margin as the summary's main problems name it: without the unit's step to survey
    again, which the summary's first improvements give (``sum_rec_survey_small``) two lines below."""
    if f.cat["fd_survey_margin_step"] not in text:
        return _stop(text)
    return text.rpartition("：" if f.zh else ": ")[0]


def _weak_indicators(f: Facts) -> dict[str, list[IndicatorResult]]:
    """Dimension id -> its answered indicators below the weak line, the most points lost first."""
    weak: dict[str, list[IndicatorResult]] = {}
    for r in f.answered:
        if (r.share or 0) + 1e-9 < f.weak:
            weak.setdefault(r.dimension, []).append(r)
    return {k: _by_lost(f, rs) for k, rs in weak.items()}


def _low_facts(f: Facts, rs: list[IndicatorResult]) -> str:
    """The facts of weak indicators run on, as 五 words them."""
    refs = _ref_figures(f)
    return _join(f, [f"{r.id} {fact(f, r)}{_best_clause(f, r)}{_ref_clause(f, r, refs)}{_parent_clause(f, r)}"
                     for r in rs])


def _weak_dims(f: Facts, skip: set[str] = frozenset(), said: set[str] = frozenset()) -> list[Problem]:  # type: ignore[assignment]
    """One item per dimension with weak indicators: their facts run on, the most points lost first,
    their notes after; the dimension losing most on them first. A dimension below its floor (``skip``)
    has its weak indicators in its own floor item: listed here as well it would be named twice; so
    has an indicator an earlier group of 五 already says (``said``: a survey rate within its margin)."""
    cat = f.cat
    weak = {k: kept for k, rs in _weak_indicators(f).items() if k not in skip
            if (kept := [r for r in rs if r.id not in said])}
    pos = {d.id: k for k, d in enumerate(f.result.dimensions)}
    out = []
    for dim, rs in sorted(weak.items(), key=lambda kv: (-sum(_lost(r) for r in kv[1]), pos[kv[0]])):
        rs = _by_lost(f, rs)
        named = [cat("sum_lost", ind=f.ind_label(r.id), lost=num(round(_lost(r), 2)), max=num(round(r.max, 2)))
                 for r in rs[:LOSERS_MAX]]
        out.append(Problem(
            cat("fd_low_dim", dim=f.dim_label(dim), facts=_low_facts(f, rs)),
            cat("sum_low_more" if len(rs) > len(named) else "sum_low", dim=f.dim_label(dim), inds=f.sep.join(named),
                n=len(rs)),
            _notes(f, [r.id for r in rs])))
    return out


def _parent_clause(f: Facts, r: IndicatorResult) -> str:
    """A loss the unit cannot mend by itself says so: it answers with the record of the unit it
    belongs to there (its city, its region: the framework's levels name it)."""
    return f.cat("fd_parent", owner=parent_owner(f, [r.id])) if from_parent(f, r.id) else ""


def _parent_own(f: Facts, r: IndicatorResult) -> str:
    """In 三 (主要成效), an answer given with the record of the unit it belongs to is marked as that
    unit's record, not the unit's own achievement."""
    return f.cat("fd_parent_own", owner=parent_owner(f, [r.id])) if from_parent(f, r.id) else ""


def _gaps(f: Facts) -> list[Problem]:
    """Indicators without data, the most points at stake first."""
    gaps = _by_lost(f, [r for r in f.result.indicators if r.state in ("unknown", "missing")])
    return [_plain(f.cat("problems_rejected" if rejected(f, r) else "problems_unknown" if r.state == "unknown"
                         else "problems_missing", ind=f.ind_label(r.id), max=num(round(r.max, 2))))
            for r in gaps]


def problems(f: Facts) -> dict[str, Any]:
    """五 (存在问题): every problem of ``problem_groups``, in its order, under its group's heading."""
    groups = problem_groups(f)
    return {"problems": {
        # with nothing to list, the line an indicator is weak below (60 % where the framework sets no floor)
        "intro": f.cat("fd_problems_intro", floor=f.floor_pct) if groups
        else f.cat("problems_none", floor=num(round(f.weak * 100, 1))),
        "groups": [{"num": f.cat["subnums"][k], "title": _heading(f, h),
                    "items": [{"text": p.text, "notes": p.notes} for p in items]}
                   for k, (h, items) in enumerate(groups)],
    }}


def panel_questions(f: Facts, said: set[str] | frozenset[str] = frozenset()) -> list[Problem]:
    """Answers that ``lcity validate`` questions and the score takes at their word, as questions
    for the panel: the funds pair (``_funds_question``), then the other warnings a judgment rests
    on (``reports.context_questions``), one line each; a survey sample already said in 五's first
    group (``said``, ``unsettled_joined``) is not asked again."""
    from dataclasses import replace

    from .context_questions import warning_questions

    if said:
        f = replace(f, warnings=tuple(w for w in f.warnings if not (
            w.rule == "survey-sample" and (getattr(w.message, "values", None) or {}).get("id") in said)))
    return _funds_question(f) + [_plain(t) for t in warning_questions(f)]


def _funds_question(f: Facts) -> list[Problem]:
    """The unit's dedicated funds (D1) scored as such while its budget-line answer (D2) says there
    is no dedicated line (the check ``funds-without-line``, its pair of indicators from
    ``evaluator.checks.FUNDS_AND_LINE``). The warning goes to the terminal only; the panel signs
    the report, and a score it was never told to doubt reads as checked. Said with both notes as
    written; left out once the panel has verified either answer (it has then asked). Worked out
    from the Result, so it is asked even where the report is made without the warnings."""
    from evaluator.checks import FUNDS_AND_LINE

    pair = FUNDS_AND_LINE.get(f.fw.id)
    if pair is None:
        return []
    funds_id, line_id, no_line = pair
    funds, line = f.inds.get(funds_id), f.inds.get(line_id)
    if funds is None or line is None or funds.state != "answered" or line.state != "answered":
        return []
    if not isinstance(funds.value, (int, float)) or isinstance(funds.value, bool) or funds.value <= 0 \
            or line.value != no_line or funds.score <= 0 or funds.verified or line.verified:
        return []
    ind = f.fw_inds.get(line_id)
    label = next((c.get(f.lang) for c in getattr(ind.answer, "choices", None) or [] if c.id == no_line), no_line)
    text = f.cat("problems_funds_line", funds=f.ind_label(funds_id), funds_id=funds_id, line=f.ind_label(line_id),
                 choice=plain_text(f, label).rstrip("。."), score=num(round(funds.score, 2)),
                 max=num(round(funds.max, 2)))
    return [Problem(text, _stop(text), _notes(f, [funds_id, line_id]))]


def _heading(f: Facts, title: str) -> str:
    """A group's heading as 五 prints it: the survey group says "未达标或无数据" when one of its rates
    has no data (an unknown rate has not failed its line). ``problem_groups`` keeps the plain
    heading, the key other sections pick the group by."""
    if title == f.cat["problems_h_survey_margin"]:  # with a rate on too few questionnaires beside them (G22-R5)
        return f.survey_heading("problems_h_survey_unsettled" if unsettled_joined(f) else "problems_h_survey_margin")
    if title != f.cat["problems_h_survey"]:
        return title
    nodata = any(r is not None and r.state in ("unknown", "missing")
                 for r in (f.inds.get(s.indicator) for s in f.fw.recognition.survey))
    return f.survey_heading("problems_h_survey_nodata" if nodata else "problems_h_survey")


def _best_clause(f: Facts, r: IndicatorResult) -> str:
    """For a choice short of full points, what full points need: the choice alone ("两个年度均单列
    专项预算") reads as an achievement in a list of problems."""
    ind = f.fw_inds[r.id]
    rule = ind.rule
    if ind.answer.type != "choice" or not isinstance(rule, LevelsRule) or not rule.shares:
        return ""
    best = max(rule.shares, key=lambda c: rule.shares[c])
    if best == r.value:
        return ""
    label = next((c.get(f.lang) for c in ind.answer.choices if c.id == best), best)
    return f.cat("fd_choice_best", best=plain_text(f, label).rstrip("。."))


def _sentence(f: Facts, text: str) -> str:
    """A reason line as a sentence of the section: its full stop."""
    stop = "。" if f.zh else "."
    text = text if f.zh else f.upper_first(text)  # a reason line starts lower-case mid-list
    return text if text.endswith(stop) else text + stop


def _plain(text: str) -> Problem:
    """A problem the summary names in the section's own words."""
    return Problem(text, _stop(text))
