"""Section 七: the total, grade and recognition decision, the pathway, the rank among reference
cities, the confidence, and the panel's conclusion and disagreements when there is a review."""

from __future__ import annotations

from typing import Any

from evaluator.benchmark import MIN_COMMON, SIMILAR_GAP
from evaluator.rules import num

from .context_appendices import rank_text
from .context_facts import Facts
from .context_format import pick
from .context_pathway import pathway_block
from .context_pathway_panel import panel_corrections
from .context_review import claim_lines, disagreement_lines, opinion_lines, pending_text, stated_outcome_text
from .context_summary import opening


def conclusion(f: Facts) -> dict[str, Any]:
    cat, result, lang, rev = f.cat, f.result, f.lang, f.review
    opening_text, panel_opens = opening(f)
    return {"conclusion": {
        "opening": opening_text,
        "claims": claim_lines(f),
        "total": _total(f),
        "outcome": result.recognition.outcome,
        # a refused unit is told why it is not deferred by the rules' own reason (the total's line)
        "reasons": _reasons(f),
        "notes": _notes(f),
        "pathway": {**pathway_block(f), "panel": panel_corrections(f)},
        "bench": _bench(f),
        "confidence": cat("concl_confidence", cov=f"{result.coverage * 100:.0f}", conf=f"{result.confidence * 100:.0f}"),
        "self_note": "" if rev else cat[f.rk("concl_self_note")],
        "panel": rev["findings"]["conclusion"] if rev and not panel_opens else [],
        # the other reviewers' conclusions by name, and, where their answers give another grade or
        # outcome, that the conclusion awaits the panel (said beside the verdict, not after it)
        "opinions": opinion_lines(f),
        "pending": pending_text(f),
        # the panel's stated outcome where the rules give another: which is whose, beside the verdict
        "stated": stated_outcome_text(f),
        "disagreements": disagreement_lines(result, cat, lang),
        "disagreement_intro": cat("concl_disagree_intro" if pending_text(f) else "concl_disagree_intro_settled",
                                  pct=num(result.review.disagreement_threshold * 100)) if result.review else "",
    }}


def _reasons(f: Facts) -> list[str]:
    """The rules' reasons, a floor a dimension misses for want of data said as such: yunling's 八 read
    "K…数据不详…尚不能据此判断其强弱" and three lines below "K维度得分率32%，低于60%的底线" (readings3 #6);
    one reading of K (``lacks_data``, as the paragraph above and 三 say it) on the whole page."""
    from .context_standing import data_dimensions, zero_kind

    reasons = list(f.result.recognition.reasons_zh if f.zh else f.result.recognition.reasons)
    # the engine's words (evaluator.engine): "K维度得分率32%，…" / "dimension K at 32% is …"; an answer
    # the panel did not accept is said as the panel's (G20-A3)
    starts = {(f"{d.id}维度得分率" if f.zh else f"dimension {d.id} at "): f.cat["concl_reason_open" + zero_kind(f, [d])]
              for d in data_dimensions(f)}
    from .context_veto import veto_alone  # as the summary says it (G29A2-8)

    reasons += [alone] if (alone := veto_alone(f)) else []
    return [f.bullet(r + next((w for s, w in starts.items() if r.startswith(s)), "")) for r in reasons]


def _total(f: Facts) -> str:
    """The closing sentence on the total, the grade and the decision; a unit too thin in data to be
    rated is said to have no grade (never "graded 'Not ratable'"), with the bounds its unknown
    answers allow rather than one total read as if it were rated."""
    cat, result, lang = f.cat, f.result, f.lang
    grade, decision = pick(result.grade, "name", lang), pick(result.recognition, "name", lang)
    if not result.ratable and not f.veto_graded:
        from .context_text import unrated_words

        bounds = getattr(result, "total_bounds", None)
        lo, hi = getattr(bounds, "lower", None), getattr(bounds, "upper", None)
        if grade == decision and lo is not None and hi is not None:  # the bounds, as the summary opens
            words = unrated_words(f)
            return cat("concl_total_unrated_bounds", city=f.city, lo=f"{lo:.1f}", hi=f"{hi:.1f}",
                       grade=words["grade" if f.zh else "Grade"]) + _floor_above(f, lo)
        key = "concl_total_unrated" if grade == decision else "concl_total_unrated_decision"
        return cat(key, city=f.city, total=f.total_s, decision=decision, **unrated_words(f))
    key = "concl_total_veto" if f.veto_graded else \
        ("concl_total" if f.about_learning_cities else "concl_total_plain") + ("_one" if grade == decision else "")
    return cat(key, city=f.city, total=f.total_s, grade=grade, decision=decision)


def _floor_above(f: Facts, lo: float) -> str:
    """A not-ratable unit's lower bound already past a grade's line on the total: 云杉区 (68.8 to
    98.3, the 合格 line at 60) left the reader to compare the bounds with the lines (G30A-5). Only
    the total is said: the grade, once rated, also follows the framework's other conditions."""
    lines = [g for g in f.fw.grades if g.min > 0 and lo + 1e-9 >= g.min]
    if not lines:
        return ""
    g = max(lines, key=lambda g: g.min)
    return f.cat["gap"] + f.cat("concl_unrated_floor_above", lo=f"{lo:.1f}", min=num(g.min), grade=g.name.get(f.lang))


def _notes(f: Facts) -> list[str]:
    """Beside the reasons: whether the missing data could change the outcome of a unit too thin in
    data to be rated, and each survey threshold that lies within its rate's margin of error (the
    decision the panel signs rests on it)."""
    from .context_findings import survey_margins
    from .context_summary import outcome_fixed

    fixed = outcome_fixed(f)
    # a rate the reasons already hold as unsettled ('K4为81%，但只依据96份有效问卷…') is not said again (G12 #14)
    said = getattr(getattr(f.result, "recognition", None), "unsettled", None) or ()
    from .context_change import outcome_change_lines  # what the review changed of the outcome (G18-A2)

    return outcome_change_lines(f) + ([fixed] if fixed else []) + survey_margins(f, skip=set(said))


def _peers_text(f: Facts, peers: list, nearest: float | None) -> str:
    """The nearest reference units, each with how far apart and on how many indicators: "最接近" with
    no figure beside it read as a likeness the data did not show (G18-A9: a county 47 points from its
    nearest). When even the nearest is no closer than random shares would be, none is called similar."""
    cat = f.cat
    far = nearest is not None and nearest + 1e-9 >= SIMILAR_GAP
    # "差距最小的是…" lists them by their gap; "最接近（同层级、同地区优先）" in the benchmark's order
    listed = sorted(peers, key=lambda p: p.gap) if far else peers
    items = f.sep.join(_peer_item(f, p) for p in listed)
    if far:
        return cat("bm_peers_far", peers=items, line=f"{SIMILAR_GAP * 100:.0f}")
    return cat("bm_peers", peers=items)


def _peer_item(f: Facts, p: Any) -> str:
    """One nearest unit with the points its common indicators carry: 京川市 read "北京市（共同作答7项，相差0个
    百分点）", a likeness on the 16.5 of 100 points Beijing publishes, which the count alone did not say (G31A-7)."""
    pts = next((c.common_points for c in getattr(f.bench, "comparisons", None) or [] if c.id == p.id), None)
    words = dict(name=p.name_zh if f.zh else p.name, n=p.common, gap=f"{p.gap * 100:.0f}",
                 other="" if p.same_level else f.cat["bm_peer_other_level"])
    return f.cat("bm_peer_item_pts", pts=num(round(pts, 1)), **words) if pts else f.cat("bm_peer_item", **words)


def _bench(f: Facts) -> dict[str, Any]:
    cat, bench = f.cat, f.bench
    block: dict[str, Any] = {"available": f.ref_ok, "none": False}
    if not f.ref_ok:
        # a framework that brings no reference units is said plainly, as in 三 and 附件2
        none = bench is not None and bench.reference_units == 0 and not bench.skipped
        block["text"] = cat("app_benchmark_none", framework=f.framework_name, unit=f.unit) if none \
            else cat["concl_bench_unavailable"]
        # 八 leaves out a subsection that could only say so: 三 and 附件2 say it (G22-T8)
        block["none"] = none
        return block
    # a rank interval over the unknowns; a single rank only when no value of them could change it
    r = bench.rank
    if r.best == 1 and r.worst == r.of and r.of > 1:  # "first to last whatever the unknowns" says nothing
        block["rank"] = cat("bm_rank_open", city=f.city, of=r.of)
    else:
        block["rank"] = cat("bm_rank_exact" if r.best == r.worst else "bm_rank", city=f.city, pos=rank_text(cat, r))
    if bench.level_note:  # a district ranked among whole cities is told so beside its rank (G16 #2)
        block["rank"] += cat["gap"] + (bench.level_note_zh if f.zh else bench.level_note)
    block["peers"] = _peers_text(f, bench.peers, bench.nearest_gap) if bench.peers else cat("bm_no_peers", unit=f.unit, n=MIN_COMMON)
    # no "0 of 3 … not rated"; and not "12个中有12个" when every one is (G7 #10)
    block["caveat"] = cat(("bm_caveat_every" if bench.not_ratable == bench.reference_units else "bm_caveat")
                          if bench.not_ratable else "bm_caveat_all",
                          cov=f.ref_cov, n=bench.reference_units, n_low=bench.not_ratable,
                          need=num(round(bench.min_coverage * 100)), unit=f.unit)
    return block
