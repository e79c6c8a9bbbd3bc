"""Section 七 稳健性分析 / Robustness: how far the total, grade, outcome and rank could move if the
framework's open choices (weights, scale end-points) and the survey samples had gone otherwise,
the unknown answers counted as the rules count them; then, apart, what the unknown answers and
another aggregation rule (a geometric mean) could change. The grade and outcome are said as the
rules give them, with the share of draws that agree.

The analysis is computed once, before the report (``lcity.reporting.prepare``), and reaches the
report as ``Facts.robustness`` (the unit's figures) and ``Facts.robustness_run`` (the whole run:
sources, draws, seed, the reference units ranked with it). Nothing is computed here; without an
analysis the section says so (the chapter keeps its place, so the chapters keep their numbers).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from evaluator.rounding import points_text, shown_total, total_limits, total_places, unrated_upper

from .context_facts import Facts
from .context_format import dim_pct, pick
from .context_questions import _labels as labels, against_method, counted_otherwise, doubtful, estimated, parent_figures

#: a share of draws below this is not named in the text (it would read "0%")
SHOWN_MIN = 0.005


def draw_pct(p: float) -> str:
    """A share of the draws in whole percent, never rounded to an end it does not reach: 锦屏区's grade
    held in 99.6 % of the draws and read "在100%的抽样中不变（其余：合格0%）" (G29A2-2); now ">99" and
    "<1". Half up elsewhere, as a reader rounds (f"{0.125 * 100:.0f}" gives "12")."""
    if 0 < p < 0.01:
        return "<1"
    if 0.99 < p < 1:
        return ">99"
    return str(int(p * 100 + 0.5 + 1e-9))


def draw_pcts(ps: list[float]) -> list[str]:
    """Shares of the same draws in whole percent, rounded together (largest remainder) so that shares
    making up all the draws add to 100: 丰源区's 970 and 1,030 of 2,000 draws, each rounded half up,
    read "良好 在49%的抽样中不变（其余：合格52%）" (G31A-1); now 48 % and 52 % (a tie goes to the larger
    share). The ends keep ``draw_pct``'s "<1" and ">99"."""
    raw = [round(p * 100, 6) for p in ps]
    whole = [int(x) for x in raw]
    left = int(round(sum(raw))) - sum(whole)
    order = sorted(range(len(ps)), key=lambda i: (-(raw[i] - whole[i]), -ps[i], i))
    for i in order[:max(0, left)]:
        whole[i] += 1
    return [draw_pct(p) if 0 < p < 0.01 or 0.99 < p < 1 else str(w) for p, w in zip(ps, whole)]


def shown_shares(items: Any) -> dict[str, str]:
    """Each grade's or outcome's share of the draws as shown, rounded together (``draw_pcts``), by id.
    Draws that give no grade (not rated: ``coverage_close`` says their share) are rounded with them,
    so that the grades and that share add to 100: Lanfeng's 74.35 %, 3.4 % and 22.25 % not rated read
    74 %, 3 % and 22 % (G27R-1); now 74 %, 4 % and 22 %."""
    items = list(items or [])
    ps = [c.p for c in items]
    rest = 1.0 - sum(ps)
    return dict(zip((c.id for c in items), draw_pcts(ps + [rest] if rest > 1e-9 else ps)))


def other_side(share: float) -> str:
    """The share of the draws not giving a result, so that it and the result's own add to 100."""
    return draw_pcts([share, 1 - share])[1]


def _pct(p: float) -> str:
    """A share that is not of the draws (a Sobol index and its interval, a coverage) in whole percent."""
    return f"{p * 100:.0f}"


def _chances(f: Facts, items: Any, shown: dict[str, str] | None = None) -> str:
    shown = shown if shown is not None else shown_shares(items)
    return f.sep.join(f.cat("rob_prob_item", name=before_figure(f, pick(c, "name", f.lang)), pct=shown[c.id])
                      for c in sorted(items, key=lambda c: -c.p) if c.p >= SHOWN_MIN)


def before_figure(f: Facts, name: str) -> str:
    """A name as Chinese text puts it before a figure: "合格2%", but a name in Latin letters keeps a
    space ("No award 2%", not "No award2%": G25-T3), a grade named with a sign too ("A+ 4%", not
    "A+4%", which reads as a sum: G30-T)."""
    last = name[-1:]
    return name + " " if f.zh and last.isascii() and last.strip() and last not in "%" else name


def _sources(f: Facts, run: Any) -> list[str]:
    # the unknown answers are not varied in the figures these sources move (they count as 0, as
    # scored): their drawn interval is its own sentence, second, not one of the choices varied
    # nor the survey error of a framework whose indicators name no survey (nothing of it is drawn)
    surveyed = f.fw.has_surveys()
    # nor the scale of linear rules a framework has none of (every answer yes or no: G31T); nothing moved
    linear = _has_linear(f.fw)
    return [f.cat("rob_source_item", name=f.cat[f"rob_source_{s.id}"], range=pick(s, "range", f.lang))
            for s in run.sources if s.on and s.id != "unknowns" and (surveyed or s.id != "survey")
            and (linear or s.id != "scale")]


def _has_linear(fw: Any) -> bool:
    """Whether any indicator, at any level, is scored by a linear rule: the only rules whose floor and
    full-points line the draws move (``evaluator.uncertainty``)."""
    rules = [r for i in fw.indicators() for r in (i.rule, *(v.rule for v in i.by_level.values()))]
    return any(r is not None and r.kind == "linear" for r in rules)


def outcome_chances(f: Facts, res: Any) -> tuple[list[Any], str]:
    """The outcomes the draws give, and the id of the unit's own among them. Where the analysis counts
    the held state apart (``Outcomes.held``: the framework names it), the draws held back from the first
    outcome only by unsettled figures are an outcome of their own, and the middle outcome keeps the rest
    (Kingsmere: 'Accreditation on hold' 93 %, 'Accredited with conditions' 7 %, not the first in 100 %)."""
    chances = list(getattr(res, "outcomes", None) or [])
    rec = f.result.recognition
    held = getattr(res, "held", None)
    words = getattr(f.fw.recognition.outcomes, "held", None)
    if not held or words is None:
        return chances, rec.outcome
    from evaluator.sensitivity import Chance

    at = next((j for j, c in enumerate(chances) if c.id == "deferred"), None)
    if at is None:
        return chances, rec.outcome
    chances[at] = chances[at].model_copy(update={"p": max(0.0, chances[at].p - held)})
    chances.insert(at + 1, Chance(id="held", name=words.en, name_zh=words.zh, p=held))
    return chances, "held" if getattr(rec, "recognised_if_verified", False) else rec.outcome


def _others(f: Facts, items: Any, own: str) -> str:
    """The other grades or outcomes the draws give, after the one the rules give; '' when none."""
    rest = [c for c in items if c.id != own]
    probs = _chances(f, rest, shown_shares(items))  # rounded with the own share: together they make 100
    return f.cat("rob_others", probs=probs) if probs else ""


def nearest_line(f: Facts, total: float) -> float | None:
    """The grade line nearest the total: the one other weights move it across."""
    lines = [g.min for g in f.fw.grades if g.min > 0]
    return min(lines, key=lambda m: abs(total - m)) if lines else None


def coverage_close(f: Facts, res: Any, own: float) -> str:
    """Why draws leave the grade when most of them leave it for "not ratable", not for another grade:
    the data coverage sits on the framework's ``min_coverage`` and other weights move it below.
    Sanggan's 80.0 % put 49 % of its draws below the line, and the report said its total of 63.1
    lay 3.1 points from the 60-point line, which only 5 % of the draws crossed (G8 audit). '' else."""
    nr = next((c.p for c in getattr(res, "outcomes", None) or [] if c.id == "not_ratable"), 0.0)
    least = getattr(f.fw.recognition, "min_coverage", None)
    if least is None or nr < 0.005 or nr * 2 < 1 - own:
        return ""
    grades = list(getattr(res, "grades", None) or [])  # rounded with the grades' shares, as ``shown_shares``
    pct = draw_pcts([c.p for c in grades] + [nr])[-1] if grades and abs(sum(c.p for c in grades) + nr - 1) < 1e-6 \
        else draw_pct(nr)
    return f.cat("rob_coverage_close", cov=f"{f.result.coverage * 100:.0f}%", least=f"{least * 100:.0f}%", pct=pct)


def gap_text(f: Facts, gap: float) -> str:
    """A distance to a line in points, "less than 0.1" where one decimal would print 0.0 (with the
    decimals of the framework's scale: "less than 0.01" of a 1-point framework, G27-T1)."""
    places = total_places(f.fw)
    if gap >= 0.5 * 10.0 ** -places:
        return f"{gap:.{places}f}"
    return f.cat["rob_gap_small"].replace("0.1", f"{10.0 ** -places:.{places}f}")


def crossed(f: Facts, u: Any) -> list[Any]:
    """The recognition conditions the draws put on both sides of their lines (``Crossing``, most evenly
    split first), when the decision itself is split: what a fragile decision turns on. A total 5 points
    above its line does not make a decision fragile; a dimension at 59.95 % against its 60 % floor
    does. [] for a decision every draw gives, a unit not ratable, or a grade a veto decided."""
    res = getattr(u, "result", None)
    if not getattr(res, "outcomes", None) or not u.ratable or f.veto_graded:
        return []
    chances, key = outcome_chances(f, res)
    own = next((c.p for c in chances if c.id == key), 0.0)
    if own >= 1.0:
        return []
    return [c for c in getattr(u, "crossed", None) or []
            if SHOWN_MIN <= c.fails <= 1 - SHOWN_MIN and getattr(c, "decides", 0.0) >= SHOWN_MIN]


def crossing_text(f: Facts, c: Any) -> str:
    """One condition a fragile decision turns on, with the figure as scored, its line, the share of
    draws on the other side of it and, where fewer, the share it alone changes the decision in
    ("K4为81%，达到80%的要求，但27%的抽样低于该要求，13%的抽样因此改变结论")."""
    cat, r = f.cat, f.result
    pct = draw_pct(1 - c.fails if c.failed else c.fails)  # the draws on the other side of the line from the rules'
    turns = _turns(cat, pct, draw_pct(c.decides))

    side = "below" if c.failed else "above"
    if c.kind == "floor":
        d = next((d for d in r.dimensions if d.id == c.id), None)
        share = dim_pct(d, f.fw.recognition.dimension_floor, f.dim_places) if d is not None else "—"
        if d is not None and d.floor_excludes:  # checked on the unit's own work (G21-B3): that share, and why
            from .context_standing import floor_share_text

            share = floor_share_text(f, d)
        return cat(f"rob_cross_floor_{side}", dim=f.dim_label(c.id), share=share, line=f"{c.at:g}", pct=pct, turns=turns)
    if c.kind == "survey":
        i = next((i for i in r.indicators if i.id == c.id), None)
        value = "—" if i is None or i.figure is None else f"{i.figure:g}"
        return cat(f"rob_cross_survey_{side}", name=f.ind_label(c.id), value=value, line=f"{c.at:g}", pct=pct,
                   turns=turns)
    outcomes = f.fw.recognition.outcomes  # a framework that recognises nothing names its lines by its outcomes
    key = "rob_line_deferral" if c.kind == "deferral" else "rob_line_recognition"
    if f.speaks_recognition:  # the chart's label ("Recognition") in the middle of a sentence
        line = cat[key] if f.zh else cat[key][:1].lower() + cat[key][1:]
    else:  # an outcome's name is no line's name ("达到85分的命名为…" G26-T1): the points it needs
        line = (outcomes.deferred if c.kind == "deferral" else outcomes.recognised).get(f.lang)
        side = f"named_{side}"
    return cat(f"rob_cross_total_{side}", total=f.total_s, line=line, at=f"{c.at:g}",
               gap=gap_text(f, abs(r.total - c.at)), pct=pct, turns=turns)


def moot_text(f: Facts, c: Any) -> str:
    """A cut-off inside the interval that changes no conclusion, with what decides it in every draw
    instead ("认定线（85分）位于90%区间之内，但L 国际交流合作得分率低于60%的底线…")."""
    cat, rec = f.cat, f.fw.recognition
    surveys = {s.indicator: s.min for s in rec.survey}
    why = []
    for key in getattr(c, "held_by", None) or []:
        kind, _, ident = key.partition(":")
        if kind == "floor":
            why.append(cat("rob_moot_floor", dim=f.dim_label(ident), line=f"{rec.dimension_floor * 100:g}"))
        elif kind == "survey" and ident in surveys:
            why.append(cat("rob_moot_survey", name=f.ind_label(ident), line=f"{surveys[ident]:g}"))
        elif kind in ("veto", "pending"):
            why.append(cat[f"rob_moot_{kind}"])
    cut = cat("rob_cut_item", name=pick(c, "name", f.lang), at=f"{c.at:g}")
    return cat("rob_near_moot", cuts=cut, why=cat["rob_moot_sep"].join(why)) if why else \
        cat("rob_near_one", cuts=cut)


def _turns(cat: Any, across: str, decides: str) -> str:
    """How often a condition on the other side of its line changes the decision by itself: in every
    such draw ("、结论随之改变"), or in fewer, said with its own share. One figure for both read as the
    share across the line: Beiquan's K4 was '13%的抽样低于' where 27 % of the draws put it below 80 %
    and 13 % changed the decision (G4 #10)."""
    return cat["rob_cross_turns_all"] if across == decides else cat("rob_cross_turns_some", pct=decides)


def crossings_text(f: Facts, u: Any) -> str:
    """The conditions a fragile decision turns on, one after another ("；" in Chinese: each holds a
    "，" of its own, so "、" would run them into one clause); '' when none."""
    return f.cat["rob_cross_sep"].join(crossing_text(f, c) for c in crossed(f, u))


def _grade(f: Facts, u: Any) -> list[str]:
    """The grade and the outcome by the rules, each with the share of the draws that give it; when
    fewer than half give the grade, one sentence says why (the total sits near a line) and that the
    rules' grade stands: a likelihood is never put on a grade without the grade the rules give."""
    cat, res, r = f.cat, u.result, f.result
    share = u.grade_share if u.grade_share is not None else next((c.p for c in res.grades if c.id == r.grade.id), 0.0)
    shown = shown_shares(res.grades)
    out = [cat("rob_grade_rules", grade=pick(r.grade, "name", f.lang), pct=shown.get(r.grade.id, draw_pct(share)),
               others=_others(f, res.grades, r.grade.id))]
    cut = nearest_line(f, u.scored)
    # a coverage on its line is said wherever it takes the grade from a twentieth of the draws: Lanfeng's
    # "74%的抽样得出该等级（其余：合格3%）" left 23 % unsaid and was then called robust (G27R-1)
    if share < 0.95 and not f.veto_graded and (why := coverage_close(f, res, share)):
        out[-1] += cat["gap"] + why
    elif share < 0.5 and cut is not None and not f.veto_graded:
        out[-1] += cat["gap"] + cat("rob_grade_close", total=shown_total(u.scored, total_limits(f.fw)), gap=gap_text(f, abs(u.scored - cut)),
                                    cut=f"{cut:g}", pct=other_side(share))
    chances, key = outcome_chances(f, res)
    own = next((c.p for c in chances if c.id == key), 0.0)
    out.append(cat("rob_outcome_rules", outcome=pick(r.recognition, "name", f.lang), pct=shown_shares(chances).get(key, draw_pct(own)),
                   others=_others(f, chances, key)))
    return out


def _outcome_holds(f: Facts, res: Any) -> bool:
    """Whether (nearly) every draw gives the unit's outcome. A held unit whose unsettled survey rate
    falls below its line in some draws gets the middle outcome proper there, with no cut-off of the
    total crossed: "the grade and the outcome hold" beside "the others: Accredited with conditions 7%"
    contradicted the line above it (G26-T6)."""
    if not getattr(res, "outcomes", None):
        return True
    chances, key = outcome_chances(f, res)
    return next((c.p for c in chances if c.id == key), 0.0) >= 1 - SHOWN_MIN


def _unrated(res: Any) -> float:
    """The share of the draws whose coverage falls below the rating line (outcome "not_ratable")."""
    return next((c.p for c in getattr(res, "outcomes", None) or [] if c.id == "not_ratable"), 0.0)


def grade_above(f: Facts, u: Any) -> str:
    """Where the interval with the unknown answers drawn reaches a grade above the one the rules give:
    Lanfeng's 55.8 (不合格) with seven unknown answers at 0 drew 60.4 to 69.0, all above the 60-point
    line of 合格, and nothing said its grade rests on them (G27R-5). '' when the interval stays in the
    grade, for a unit not rated, and for a grade a veto decided."""
    drawn = getattr(u, "drawn", None)
    if drawn is None or not u.ratable or f.veto_graded or not (f.result.unknown + f.result.missing):
        return ""
    z = drawn.total
    lines = sorted((g.min, i) for i, g in enumerate(f.fw.grades) if u.scored + 1e-9 < g.min <= z.p95 + 1e-9)
    if not lines:
        return ""
    at, i = lines[0]
    places = 1 if (f.fw.total_points or 100) >= 10 else 2
    return f.cat("rob_unknowns_grade_above" if z.p05 + 1e-9 >= at else "rob_unknowns_grade_across",
                 lo=f"{z.p05:.{places}f}", hi=f"{z.p95:.{places}f}", line=f"{at:g}",
                 grade=f.fw.grades[i].name.get(f.lang), own=pick(f.result.grade, "name", f.lang),
                 n=f.result.unknown + f.result.missing)


def _geometric(f: Facts, u: Any) -> list[str]:
    g = getattr(u, "geometric", None)
    if g is None:
        return []
    # a dimension at 0 % only because unknown answers count as 0 puts the geometric mean on the
    # kernel's floor for a zero share, not on anything reported (G7 #5: Shiwan's D, E, F gave 13.8)
    dims = getattr(getattr(f, "result", None), "dimensions", [])
    blank = [d.id for d in dims if d.max > 0 and d.score == 0
             and any((r := f.inds.get(i)) is not None and r.state in ("unknown", "missing") for i in d.indicators)]
    if blank:
        return [f.cat("rob_geometric_unknown", dims=("、" if f.zh else ", ").join(blank))]
    total = shown_total(g.total, total_limits(f.fw))  # on the side of the line its grade is on
    if g.grade is None:
        return [f.cat("rob_geometric_nr", total=total)]
    return [f.cat("rob_geometric", total=total, grade=pick(g, "name", f.lang))]


def _rank(f: Facts, u: Any, run: Any) -> list[str]:
    """The rank among the units drawn with it; among reference units too thin to be graded, the rank
    that holds for any value of their unknown answers (Appendix 2's), and why no drawn rank."""
    cat = f.cat
    refs = sum(1 for x in run.units if x.reference)
    opened = getattr(u, "rank_open", None)
    if opened is not None and opened.of > 1:
        key = "rob_rank_open_exact" if opened.best == opened.worst else "rob_rank_open"
        if run.thin_references == refs:  # "12个参照单位中有12个" said all of them the long way (G7 #10)
            key += "_every"
        return [cat(key, thin=run.thin_references, n=refs, min=_pct(run.min_coverage), unit=f.unit,
                    best=opened.best, worst=opened.worst, of=opened.of)]
    r = u.rank
    if r is None or r.of <= 1:  # ranked alone: "1st of 1" says nothing
        return []
    rank = cat("rob_rank_one", best=r.best) if r.best == r.worst else cat("rob_rank_range", best=r.best, worst=r.worst)
    out = [cat("rob_rank", unit=f.unit, n=refs, rank=rank, of=r.of) if refs else cat("rob_rank_alone", rank=rank, of=r.of)]
    # a reader comparing this page with 八 and 附件2 must be told why the two differ
    b = f.bench.rank if refs and f.ref_ok and f.bench is not None else None
    if b is not None and b.of == r.of and (b.best < r.best or b.worst > r.worst):
        out.append(cat("rob_rank_bounds", unit=f.unit, best=b.best, worst=b.worst))
    return out


def _findings(f: Facts, u: Any, run: Any) -> list[str]:
    """Leads with the interval as the rules score (unknown answers at 0); the interval with them
    drawn comes second, as what answering them could change, never as a finding on the data."""
    cat, res = f.cat, u.result
    iv = res.total
    bounds = f.result.total_bounds
    # a unit not rated is not said to score its lower bound: its total is the bounds (G19-A10)
    key = "rob_total" if u.ratable or unrated_upper(f.result, f.fw) is None else "rob_total_unrated"
    out = [cat(key, city=f.city, scored=shown_total(u.scored, total_limits(f.fw)), median=points_text(iv.median, f.fw),
               lo=points_text(iv.p05, f.fw), hi=points_text(iv.p95, f.fw), upper=shown_total(bounds.upper, total_limits(f.fw)))]
    if u.ratable and (outside := outside_text(f, u.scored, iv.p05, iv.p95)):
        out.append(cat("rob_" + outside, scored=shown_total(u.scored, total_limits(f.fw))))  # 100.0 beside "98.5 to 99.5" is said, not left to puzzle (G30A-2)
    if said := _unknowns(f, u):
        out.append(said)
    if not u.ratable:
        b = f.result.total_bounds  # where the total lies, whatever the unknown answers are (G19-B2)
        out.append(cat("rob_not_ratable", unit=f.unit, cov=_pct(f.result.coverage),
                       min=_pct(f.fw.recognition.min_coverage), lower=shown_total(b.lower, total_limits(f.fw)),
                       upper=shown_total(b.upper, total_limits(f.fw))))
    else:
        out += _grade(f, u)
    turns = crossings_text(f, u) if u.ratable else ""
    # a line whose crossing changes nothing (a dimension below its floor decides in every draw) is
    # neither "sensitive" nor absent: said apart with what decides instead (G18-B10)
    near = [c for c in u.near if getattr(c, "changes", True)]
    moot = [c for c in u.near if not getattr(c, "changes", True)]
    if near and u.ratable:
        cuts = f.sep.join(cat("rob_cut_item", name=pick(c, "name", f.lang), at=f"{c.at:g}") for c in near)
        # one cut-off is not "these cut-offs … the corresponding conclusions" (audit_english #13)
        out.append(cat("rob_near_one" if len(near) == 1 else "rob_near", cuts=cuts))
    elif u.ratable and (unrated := _unrated(res)) >= 0.05 and not moot:  # not "robust" (G27R-1)
        out.append(cat("rob_not_near_unrated", pct=draw_pct(unrated)))
    elif u.ratable and not turns and not moot and _outcome_holds(f, res):
        out.append(cat["rob_not_near"])
    elif u.ratable and not moot:  # the total is far from every line, yet a floor or a survey line splits the decision
        out.append(cat["rob_not_near_total"])
    if above := grade_above(f, u):  # the grade the unknown answers at 0 give (G27R-5)
        out.append(above)
    if moot and u.ratable:
        out += [moot_text(f, c) for c in moot]
    if u.ratable and (doubted := [r for r in doubtful(f) if r.score > 1e-9]):
        # the draws never move a figure validate doubts: "robust" must not read as "checked" (G3 #3);
        # one that earns nothing (Stonebeach's 0 %) has no points whose standing the check decides
        out.append(cat("rob_doubtful", inds=labels(f, doubted)))
    if u.ratable and (theirs := parent_figures(f)):  # the city's figures read as the unit's (G4 audit, nanhu)
        out.append(cat("q_rob_parent", inds=labels(f, theirs)))
    if u.ratable and (recounted := counted_otherwise(f)):  # '100%的抽样中不变' is not 'checked' (G12 #20, quyang)
        out.append(cat("q_rob_counting", inds=labels(f, recounted)))
    if u.ratable and (guessed := [r for r in estimated(f) if r.score > 1e-9]):  # likewise an estimate (G25R-8)
        out.append(cat("q_rob_estimated_one" if len(guessed) == 1 else "q_rob_estimated", inds=labels(f, guessed)))
    if u.ratable and (otherwise := [r for r in against_method(f) if r.score > 1e-9]):  # and a note against the method (G30R)
        out.append(cat("q_rob_against_method_one" if len(otherwise) == 1 else "q_rob_against_method", inds=labels(f, otherwise)))
    if turns:
        key = "rob_turns_one" if len(crossed(f, u)) == 1 else "rob_turns"
        out.append(cat(key, outcome=pick(f.result.recognition, "name", f.lang), conditions=turns))
    out += _geometric(f, u)
    return out + _rank(f, u, run)


def outside_text(f: Facts, scored: float, lo: float, hi: float) -> str:
    """The catalog key's stem when the total as scored lies outside its own 90 % interval as written
    ("100.0" beside "98.5 to 99.5", G30A-2), else '': figures on or past a line that caps their points
    (full points, a step's minimum) can only lose points when the draws move the lines, never gain,
    so every draw may fall below the score; "full" when the total is the framework's whole scale."""
    shown = [round(x, total_places(f.fw)) for x in (scored, lo, hi)]
    if shown[0] > shown[2]:
        full = scored >= (getattr(f.fw, "total_points", 0) or float("inf")) - 1e-9
        return "outside_above_full" if full else "outside_above"
    return "outside_below" if shown[0] < shown[1] else ""


def _unknowns(f: Facts, u: Any) -> str:
    """The interval if the unknown answers took plausible values; for a unit without unknown answers,
    why there is none (the same draws would give the interval just said)."""
    drawn = getattr(u, "drawn", None)
    if not (f.result.unknown + f.result.missing):
        return f.cat("rob_unknowns_none", unit=f.unit)
    if drawn is None:  # the analysis left the unknown answers at 0 only
        return ""
    z = drawn.total
    return f.cat("rob_unknowns_drawn", lo=points_text(z.p05, f.fw), hi=points_text(z.p95, f.fw))


#: a total-order index at or above this is said as "about all of the variance": the estimate's own
#: noise (a 95 % interval of about ±0.05 to ±0.1) cannot tell 0.97 from 1, and 1.01 is no share (G18-D9)
ALL_OF_IT = 0.95


def _within(x: float) -> float:
    return max(0.0, min(1.0, x))


def _share(f: Facts, s: Any) -> str:
    """A source's share of the variance as the estimate supports it: "约52%的方差与之有关，95%置信区间为
    45%至59%", or "约占全部方差" at 0.95 and above, never more than 100 % (1.01 read "约101%"
    before the clip and "about 100%" after); with the interval where the analysis computed one."""
    st = _within(s.total)
    raw = s.total if getattr(s, "total_raw", None) is None else s.total_raw
    conf = getattr(s, "total_conf", None)
    ci = "" if conf is None else f.cat("rob_sobol_ci", lo=_pct(_within(raw - conf)), hi=_pct(_within(raw + conf)))
    return f.cat("rob_sobol_share_all" if st >= ALL_OF_IT else "rob_sobol_share", st=_pct(st), ci=ci)


def _sobol(f: Facts, u: Any) -> tuple[str, str | None]:
    """The sentence naming the sources that move the total most, and a bar chart of them."""
    from reports.charts import bar_svg

    rows = [s for s in u.sobol if not s.factor.startswith("weight:") and s.total is not None]
    if not rows:
        return "", None
    names = [f.cat[f"rob_source_{s.factor}"] for s in rows]
    values = [_within(s.total) * 100 for s in rows]
    top = max(range(len(rows)), key=lambda k: values[k])
    weights = [s for s in u.sobol if s.factor.startswith("weight:") and s.total is not None]
    heavy = max(weights, key=lambda s: s.total, default=None)
    text = f.cat("rob_sobol", source=names[top], share=_share(f, rows[top]))
    if heavy is not None and _pct(_within(heavy.total)) != "0":  # "matters most (0%)" says nothing (G32T-8)
        w = _within(heavy.total)
        key = "rob_sobol_weight_all" if w >= ALL_OF_IT else "rob_sobol_weight"
        text += f.cat(key, dim=f.dim_label(heavy.factor[7:]), st=_pct(w))
    chart = bar_svg(names, values, title=f.cat["rob_sobol_title"], max_value=100, unit="%", decimals=0)
    return text, chart


def robustness(f: Facts) -> dict[str, Any]:
    u = getattr(f, "robustness", None)
    run = getattr(f, "robustness_run", None)
    if u is None or run is None:  # the heading stays, so that the chapters keep their numbers
        return {"robustness": {"missing": f.cat["rob_missing"]}}
    cat = f.cat
    from reports.charts_uncertainty import distribution_svg

    fw = f.fw
    cutoffs = [(g.name.get(f.lang), g.min) for g in fw.grades if g.min > 0]
    outcomes = fw.recognition.outcomes  # a framework that recognises nothing names its lines by its outcomes
    worded = f.speaks_recognition
    cutoffs.append((cat["rob_line_recognition"] if worded else outcomes.recognised.get(f.lang),
                    fw.recognition.total_min))
    if fw.recognition.deferred_min < fw.recognition.total_min:
        cutoffs.append((cat["rob_line_deferral"] if worded else outcomes.deferred.get(f.lang),
                        fw.recognition.deferred_min))
    if not f.result.ratable:  # no grade, no outcome: a "合格 60" line beside the draws read as its line (G7 #6)
        cutoffs = []
    elif f.result.vetoes:  # a veto decides the outcome whatever the total, and a veto grade the grade: Dongtang's
        # chart drew "Three stars 54" across its draws, a line its 'No star' never depends on (G31T)
        cutoffs = [] if f.veto_graded else cutoffs[:sum(g.min > 0 for g in fw.grades)]  # the grade lines only
    iv = u.result.total
    chart = distribution_svg(u.histogram.counts, u.histogram.start, u.histogram.width, title=cat["rob_chart_title"],
                             cutoffs=cutoffs, scored=u.scored, interval=(iv.p05, iv.median, iv.p95),
                             top=f.result.max_total, axis=cat["rob_chart_axis"],
                             legend=(cat["rob_legend_band"], cat["rob_legend_median"], cat["rob_legend_scored"]))
    sobol_text, sobol_chart = _sobol(f, u)
    from .context_format import radar_drawn

    n = (4 if f.trend is not None else 3) - (0 if radar_drawn(f.fw) else 1)
    return {"robustness": {
        "missing": None,
        "intro": cat("rob_intro", n=f"{run.samples:,}", stream=run.stream),
        "sources": _sources(f, run),
        "findings": _findings(f, u, run),
        "chart": Markup(chart),
        "caption": f"{cat('figure_fmt', n=n)} "
                   f"{cat['rob_chart_caption' if f.result.ratable else 'rob_chart_caption_nr']}",
        "sobol": sobol_text,
        "sobol_chart": Markup(sobol_chart) if sobol_chart else None,
        "sobol_caption": f"{cat('figure_fmt', n=n + 1)} {cat['rob_sobol_caption']}",
        "note": cat["rob_note"] if getattr(fw, "uncertainty", None) is not None else cat["rob_note_defaults"],
    }}
