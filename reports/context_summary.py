"""The executive summary (one page after the cover) and the evaluative opening of 评估结论.

A reader who signs or files the report reads one page: the total with how far it could move (a
unit too thin in data to be rated: that outcome and its bounds first; a reviewed one: the self-
assessed and the verified total together), the grade and decision with the conditions that decided
it (a veto named wherever the grade it decided is), the observed pathway and whether it contradicts
the declared one, how much of it rests on data, three strengths, the main problems (what decided the
outcome, then the most points lost, the panel's own labelled as the panel's) and the tasks of the
plan (or, without one, the first recommendations of section 六), on the same basis. Every figure is
read from the Result (and the robustness analysis and the plan when the report has them); nothing
is rescored.

Fields other sessions add (``Facts.robustness``, ``Facts.plan``, ``Result.total_bounds``,
``Result.pathway.reason``) are read with ``getattr`` so the page works with whatever is present.

What a panel leads with: the order of the two lists a reader acts on, one rule.

* Main problems run by the points the shortfall costs the total. What decided the outcome comes
  first (a fired veto, then the dimensions below their floor, then the survey minimums); the
  dimensions below their floor run from the most points lost (max - score), ties in the
  framework's order; then the answered indicators losing the most points; then the dimensions
  short of data, the most points at stake first. Never by share: a share ranks a small
  dimension's zero above a large one's shortfall (Qingya led with L at 0 % of 6 points, which
  costs the total 6.0, before D at 15 % of 10, which costs 8.5; G3 audit #9). Section 五, the
  deciding line and every section that names the weak dimensions read the same order
  (``context_standing.weak_dimensions``).
* Key tasks are the tasks that carry the plan (``evaluator.plan.leverage`` chooses them: a veto's,
  a floor's or a survey line's, then the most points) listed as the plan orders its tasks, the
  task table's order (a veto first, a task after the one it presupposes, then the least effort
  first, so the suggested years run forward): the summary reads as the work order of section 六,
  not as a ranking the table contradicts (Lingang put I1, +3.4 points for 33 effort points, before
  I2, +2.0 for 4; G3 audit #10).
"""

from __future__ import annotations

import re
from typing import Any

from evaluator.engine import short_ids
from evaluator.result import HELD_ON
from evaluator.rules import num

from .context_facts import Facts
from .context_format import pick
from .context_pathway import certainty, declared_gap, mixed_relative
from .context_review import pending_text, stated_outcome_short, veto_lines
from .context_text import parent_owner
from evaluator.rounding import fixed, points_text, total_places

#: strengths and problems named on the summary page
SUMMARY_ITEMS = 3
#: a dimension at or above this share is named as a strength in the opening
STRONG_DIM = 0.9
#: dimensions named in the opening sentence
DIMS_NAMED = 3


def _total_range(f: Facts) -> str:
    """How far the total could move: the robustness interval with unknown answers at 0, as the total
    counts them; else the bounds the unknowns allow. An interval that drew the unknowns could leave
    out the unit's own total, and its "plausible values" are not the unit's figures."""
    cat = f.cat
    rob = getattr(f, "robustness", None)
    p05, p95 = getattr(rob, "p05", None), getattr(rob, "p95", None)
    # whose the answers counted as 0 are: an answer the panel did not accept is said as the panel's
    # act, not as 数据不详 (Liyang's K2, G20-A10)
    from .context_standing import zero_kind

    whose = zero_kind(f, f.result.dimensions)

    def pts(x: float) -> str:  # "0.68 to 0.74" of a 1-point framework, not "0.7 to 0.7" (G27-T1)
        return points_text(x, f.fw)

    if p05 is not None and p95 is not None:
        if f.result.unknown + f.result.missing:
            # only the interval the total is counted on: the one that draws "plausible values" for the
            # unknown answers is a guess the summary would publish as a finding (section 七 gives it,
            # labelled as such)
            said = cat("sum_rob_interval_zero" + whose, lo=pts(p05), hi=pts(p95))
        else:
            said = cat("rob_sum_interval", lo=pts(p05), hi=pts(p95))
        return _outside(f, said, p05, p95)
    bounds = getattr(f.result, "total_bounds", None)
    lo, hi = getattr(bounds, "lower", None), getattr(bounds, "upper", None)
    if lo is not None and hi is not None and hi - lo > 0.5 * 10.0 ** -total_places(f.fw):
        return cat("sum_total_bounds" + whose, lo=pts(lo), hi=pts(hi))
    return ""


def _outside(f: Facts, said: str, p05: float, p95: float) -> str:
    """The interval clause, with why it leaves out the score when it does: "100.0分 … 90%区间为98.5—
    99.5分" with no word why read as a slip (G30A-2). English closes the clause's bracket after it."""
    from .context_robustness import outside_text

    stem = outside_text(f, f.result.total, p05, p95)
    if not stem:
        return said
    why = f.cat["sum_" + stem]
    return said[:-1] + why + ")" if said.endswith(")") and f.lang == "en" else said + why


def _on_floor(f: Facts) -> str:
    """After "every dimension reaches the floor": the dimensions printed on it ("60.0%").
    石梁区's C and E at 60.0% read only '各维度得分率均达到60%的底线' in 八 while the summary said half
    the draws put C below it (G31A-2): a panel says a dimension standing on its floor has no margin.
    The list is ``context_standing.on_floor``'s, which 六 reads too."""
    from .context_standing import on_floor, on_floor_dims

    on = on_floor(f)
    if not on:
        return ""
    return f.cat("open_on_floor" if len(on) == 1 else "open_on_floor_n", dims=on_floor_dims(f, on), n=len(on))


def _grade_probabilities(f: Facts) -> str:
    """The grade by the rules and the share of draws that keep it (the outcome's beside it), never a
    likelihood of another grade alone; when most draws give another grade or outcome, why."""
    from .context_robustness import crossings_text, draw_pct, gap_text, nearest_line, shown_shares

    rob = getattr(f, "robustness", None)
    res = getattr(rob, "result", None)
    grades = getattr(res, "grades", None)
    if not grades:
        return ""
    r = f.result
    own = next((c.p for c in grades if c.id == r.grade.id), 0.0)
    shown = shown_shares(grades)  # rounded together, as 七 does: the grade's and the others' add to 100 (G31A-1)
    rest = [cat_pct(f, pick(c, "name", f.lang), c.p, shown[c.id]) for c in sorted(grades, key=lambda c: -c.p)
            if c.id != r.grade.id and c.p >= 0.005]
    others = f.cat("rob_others", probs=f.sep.join(rest)) if rest else ""
    grade = pick(r.grade, "name", f.lang)
    from .context_robustness import outcome_chances  # a held unit's own share, as 七 says it (G26-T6)

    chances, own_id = outcome_chances(f, res)
    mine = next((c for c in chances if c.id == own_id), None)
    pct = shown.get(r.grade.id, draw_pct(own))
    oshown = shown_shares(chances)
    if mine is not None:
        # a grade the veto decided is said to be the veto's wherever it is named (docs §8)
        key = "sum_rob_grade_veto" if f.veto_graded else "rob_sum_grade_outcome"
        text = f.cat(key, grade=grade, pct=pct, others=others,
                     outcome=pick(r.recognition, "name", f.lang), opct=oshown[mine.id])
    else:
        text = f.cat("rob_sum_grade", grade=grade, pct=pct, others=others)
    cut = nearest_line(f, r.total)
    # explained when a quarter of the draws or more give another grade: 52% beside 48% reads as a coin
    # toss, and the reader needs the line the total sits on (under half alone left such splits unsaid)
    contested = own < 0.75
    from .context_robustness import coverage_close
    if contested and not f.veto_graded and (why := coverage_close(f, res, own)):
        text += f.cat["gap"] + why  # the coverage line, not a grade line, splits the draws (G8 audit)
    elif contested and cut is not None and not f.veto_graded:
        text += f.cat["gap"] + f.cat("rob_sum_grade_close", total=f.total_s, gap=gap_text(f, abs(r.total - cut)), cut=f"{cut:g}")
    from .context_robustness import draw_pct, grade_above  # a grade the unknown answers at 0 decide, as 七 says it (G27R-5)

    if above := grade_above(f, rob):
        text += f.cat["gap"] + above
    from .context_veto import held_ids  # '100%的抽样中不变' beside '等级取决于核实结果' (G30R-2)

    if held := held_ids(f):
        text += f.cat["gap"] + f.cat("sum_rob_held" if re.search("[、,…]", held) else "sum_rob_held_one", ids=held)
    # a decision most draws do not reach is said to be a close call, not left for the reader to infer
    top = max(chances, key=lambda c: c.p) if chances else None
    if mine is not None and top is not None and top.id != mine.id and top.p > mine.p:
        # the reason is the condition the draws cross (a floor, a survey line, the total's line), not
        # "the total is near a line" when the total is 5 points from every line
        why = crossings_text(f, rob) or f.cat["sum_outcome_close_why"]
        text += f.cat["gap"] + f.cat("sum_outcome_close", decision=pick(r.recognition, "name", f.lang),
                                     pct=oshown[mine.id], other=pick(top, "name", f.lang), why=why)
    elif mine is not None and (near := _runner_up(chances, mine)) is not None:
        # most draws keep it, yet a quarter or more give another: 84.96 under an 85 line read "在58%的
        # 抽样中不变" and nothing more (G30A-4), as a contested grade is said (the 0.75 above)
        why = crossings_text(f, rob)  # names its own share of the draws; else the share is said here
        text += f.cat["gap"] + (f.cat("sum_outcome_near", why=why) if why else f.cat(
            "sum_outcome_near_other", other=pick(near, "name", f.lang), opct=oshown[near.id]))
    return text


def _runner_up(chances: list, mine: Any) -> Any:
    """The other outcome a quarter of the draws or more give, when the unit's own still leads."""
    rest = [c for c in chances if c.id != mine.id]
    top = max(rest, key=lambda c: c.p) if rest else None
    return top if top is not None and top.p >= 0.25 and mine.p >= top.p else None


def cat_pct(f: Facts, name: str, p: float, shown: str | None = None) -> str:
    from .context_robustness import before_figure, draw_pct

    return f.cat("sum_prob_item", name=before_figure(f, name), pct=shown if shown is not None else draw_pct(p))


def nil_answer(f: Facts, i: Any) -> bool:
    """An answer without evidence that claims nothing: a "no", 0, an empty checklist, a choice worth
    nothing (``evaluator.checks.claims_something``). It earns no points and has nothing to prove,
    so a weak county that answers truthfully is not read as short of evidence (readings3 #9)."""
    from evaluator.checks import claims_something

    return (i.state == "answered" and not (i.evidence or i.verified) and not i.score and i.id in f.fw_inds
            and not claims_something(f.fw_inds[i.id], i.value))


def nil_answers(f: Facts) -> int:
    """How many answers are ``nil_answer``: the summary, 一(三) and 附件3 count the same ones."""
    return sum(1 for i in f.result.indicators if nil_answer(f, i))


def nil_kind(f: Facts) -> str:
    """The catalog key's suffix naming the ``nil_answer``s by their indicators' kind: "_no" when every
    one answers a yes/no question ("否", not "无/0": the unit answered no, not 0, G31T-6); "" otherwise
    (“无/0”: figures, choices and lists, or a mix)."""
    kinds = {f.fw_inds[i.id].answer.type for i in f.result.indicators if nil_answer(f, i)}
    return "_no" if kinds == {"boolean"} else ""


def _coverage(f: Facts) -> str:
    r = f.result
    applicable = r.answered + r.unknown + r.missing
    found = panel_found(f)  # answered by the panel, not by the unit: not among the unit's figures (G25R-7)
    answered = r.answered - len(found)
    with_evidence = sum(1 for i in r.indicators if i.state == "answered" and (i.evidence or i.verified)) - len(found)
    nil = nil_answers(f)
    rest = answered - with_evidence - nil
    key = ("sum_nil_all" if not rest else "sum_nil_some") + ("_one" if nil == 1 else "") + nil_kind(f)
    said = f.cat(key, n=nil, rest=rest) if nil else ""
    if found:
        said += f.cat("sum_found_by_panel", k=len(found), ids=f.cat["and_sep"].join(found))
    refused = rejected_ids(f)
    if refused:  # the unit filed them; the panel did not accept them: said as the panel's act (G19-A4)
        return f.cat("sum_coverage_rejected", applicable=applicable, filed=answered + len(refused),
                     n=len(refused), ids=f.cat["and_sep"].join(refused), accepted=answered,
                     evidence=with_evidence, unknown=r.unknown + r.missing - len(refused),
                     cov=f"{r.coverage * 100:.0f}", nil=said) + _superseded(f)
    return f.cat("sum_coverage_review" if f.reviewed else "sum_coverage", answered=answered, applicable=applicable,
                 evidence=with_evidence, unknown=r.unknown + r.missing, cov=f"{r.coverage * 100:.0f}", nil=said) + _superseded(f)


def panel_found(f: Facts) -> list[str]:
    """The indicators of a reviewed report the unit gave no figure for (unknown, not answered) and
    the panel verified with one: the panel's finding, not a figure the unit filed. Songhe filed G1
    as unknown, the panel found 46 %, and the summary counted 45 "填报了数据" of a unit that filed
    44 (G25R-7)."""
    if not f.reviewed:
        return []
    return [i.id for i in f.result.indicators if i.state == "answered" and i.verified and i.self_value is None]


def rejected_ids(f: Facts) -> list[str]:
    """The indicators the unit answered and the panel did not accept, in the framework's order: a
    reviewed report counts them as filed by the unit and not accepted, never as "数据不详或未填报"
    (the summary and 附件3 count the same ones, G19-A4)."""
    from .context_recommend import rejected

    return [r.id for r in f.result.indicators if rejected(f, r)]


def _superseded(f: Facts) -> str:
    """A sentence when a newer version of the unit's framework is installed: Sanggan County filled in
    version 1 in 2026, under which a county answers L1 and L2 with its city's record and so can never
    be recognised by its own work; version 2 asks a county what it can do, and nothing said so (G8
    audit #4). '' when the framework is the newest of its id."""
    from indicators import loader

    fw = f.fw
    newer = max((ff.version for ff in loader.available() if ff.id == fw.id and ff.version > fw.version), default=None)
    if newer is None:
        return ""
    return f.cat["gap"] + f.cat("sum_superseded", framework=f.framework_name, version=fw.version, newer=newer)


def _pathway(f: Facts) -> str:
    path = f.result.pathway
    if path is None:
        return ""
    reason = getattr(path, "reason_zh" if f.zh else "reason", None)
    name = pick(path, "name", f.lang)
    if reason and not f.zh:
        reason = f.upper_first(reason)
    text = f.cat("sum_pathway_reason", name=name, reason=reason.rstrip("。.")) if reason else \
        f.cat("sum_pathway", name=name)
    sure = certainty(f, path, relative=False)  # the summary says how sure the type is, as 八 does
    text = text + f.cat["gap"] + sure if sure else text
    caveat = mixed_relative(f, path)  # "同样突出" at a low own average is relative to it (G21-B10)
    text = text + f.cat["gap"] + caveat if caveat else text
    from .context_pathway import mixed_near  # a mixed call short of a type by little, as 八 says it (G27R-4)

    near = mixed_near(f, path)
    text = text + f.cat["gap"] + near if near else text
    from .context_pathway_panel import summary_turn  # the panel's figures turned the call (G29A2-6)

    text = text + f.cat["gap"] + turned if (turned := summary_turn(f)) else text
    mismatch = _pathway_mismatch(f, path)
    return text + f.cat["gap"] + mismatch if mismatch else text


def _pathway_mismatch(f: Facts, path: Any) -> str:
    """One sentence when the practice contradicts the declared pathway (a type the rule decided,
    not the declared one), as 八 finds it: a reader of the summary alone would otherwise take the
    observed type for the unit's own account. It names how the declared type's practices score
    against the unit's own average: "不一致" when they lie below it by the rule's own margin or
    more, "at the unit's own level, no emphasis" when within it (``declared_gap``, G21-B5: Liuxi's
    67 % against 69 % read as evidence against its declaration). "" when they agree, or when the rule
    reads a mixed or undetermined type (no finding against the declaration)."""
    declared_types = getattr(path, "declared_types", None) or []
    if path.type == "mixed" and not path.matches_declared:
        return _declared_in_mixed(f, path)
    if not declared_types or path.matches_declared or path.type in ("mixed", "undetermined"):
        return ""
    from .context_indicators import pathway_names

    names = pathway_names(f.fw, f.lang)
    declared = f.cat["and_sep"].join(names.get(t, t) for t in declared_types)
    observed = names.get(path.type, pick(path, "name", f.lang))
    gap = declared_gap(f, path)  # "不一致" with the gap only where the gap is the rule's margin or more (G21-B5)
    if gap is not None and gap["kind"] == "below":
        return f.cat("sum_pathway_mismatch", city=f.city, declared=declared, score=gap["score"], own=gap["own"])
    if gap is not None:
        return f.cat("sum_pathway_declared_level", city=f.city, declared=declared, observed=observed,
                     score=gap["score"], own=gap["own"], margin=gap["margin"])
    return f.cat("sum_pathway_mismatch_plain", city=f.city, declared=declared, observed=observed)


def _declared_in_mixed(f: Facts, path: Any) -> str:
    """A mixed unit's one declared type whose practices stand at the unit's own average, said beside
    the mixed call as no evidence against it: Songxi, declaring 均衡发展型 and strong everywhere, read
    only "混合型。实际做法以“文化赋能型”为首…侧重不明显", its declaration unsaid, where a panel writes that
    nothing stands out and that this does not contradict it (G27A-7). "" for several declared types,
    or a declared type above its own average by the rule's margin (八 says it); one below it by that
    margin is said to contradict the declaration (``context_pathway.mixed_declared_below``)."""
    declared, spec, own = getattr(path, "declared_types", None) or [], f.fw.pathways, getattr(path, "own_mean", None)
    score = next((sc.score for sc in path.scores if len(declared) == 1 and sc.id == declared[0]), None)
    if score is None or spec is None or own is None:
        return ""
    from .context_pathway import mixed_declared_below
    from .context_indicators import pathway_names

    if below := mixed_declared_below(f, path):  # the figures contradict it, as 八 now says (G31A-3)
        return f.cat("sum_pathway_mismatch", city=f.city, declared=pathway_names(f.fw, f.lang).get(declared[0], declared[0]),
                     score=below["score"], own=below["own"])
    shown, avg, margin = round((own + score) * 100), round(own * 100), spec.flat_min * 100
    if abs(shown - avg) >= margin:
        return ""
    return f.cat("sum_pathway_declared_mixed", city=f.city, declared=pathway_names(f.fw, f.lang).get(declared[0], declared[0]),
                 score=f"{shown}", own=f"{avg}", margin=f"{margin:g}")


def _decision(f: Facts) -> str:
    """The grade and the decision; said once where they are one ("数据不足，不予定级" both)."""
    grade, decision = pick(f.result.grade, "name", f.lang), pick(f.result.recognition, "name", f.lang)
    if f.veto_graded:
        return f.cat("sum_decision_veto", grade=grade, decision=decision)
    if not f.result.ratable:  # no grade: never "grade and decision: Not ratable"
        from .context_text import unrated_words

        from .context_text import rating_needs

        # and what it needs to be rated, as validate's low-coverage hint says (G27A-5)
        if grade == decision:  # the opening sentence already says 数据不足，不予定级
            return f.cat["sum_decision_unrated_short"] + rating_needs(f)
        return f.cat("sum_decision_unrated_decision", decision=decision, **unrated_words(f)) + rating_needs(f)
    return f.cat("sum_decision_one", grade=grade) if grade == decision else \
        f.cat("sum_decision", grade=grade, decision=decision)


def type_practices(f: Facts) -> frozenset[str]:
    """The indicators whose practices make the unit's observed pathway type; none when the type is
    mixed or undetermined. Among equally strong indicators the summary names these first, so that
    its strengths show what its pathway line says: Huining, 产业驱动型, listed A1, A2 and E1 as its
    main strengths and none of G3 (125.9 trainees per 100 employed), D3 or D4; Liyang, 文化赋能型,
    listed B1, C1 and J1 and none of its museums and heritage workshops (E4), its national learning
    brands (K3) or its local courses (F6) (G20-A5)."""
    p = f.result.pathway
    if p is None or p.type in ("mixed", "undetermined"):
        return frozenset()
    return frozenset(e.indicator for e in p.evidence if e.pathway == p.type)


def strengths_top(f: Facts, n: int = SUMMARY_ITEMS) -> list[str]:
    """The indicators with the highest share, the largest first; facts, not a score dump. Only the
    unit's own work (not what it answers with the record of the unit it belongs to), and only from
    section 四's line up (``STRONG``), so that the summary names nothing 四 does not. Among equal
    shares, the practices of its pathway type first, then what carries a typical indicator's weight
    (``_minor``), then what sets the unit apart (``_dimension_leads``): by points and framework order
    alone every good unit led with B1, C1 and A1, and Songhe, strong in its elders' learning, with
    none of it (G25R-11). Not a figure beyond the plausible range (``doubtful``), unverified."""
    from .context_findings import STRONG, fact, own_answered
    from .context_questions import doubtful, strength_marks

    mine = type_practices(f)
    lead = _dimension_leads(f)
    minor = _minor(f)
    # a figure beyond what real units show is no main strength until the panel has verified it: 三 and
    # 四 mark it, 五 asks the panel; the summary led Jingang with E1 at 160 % of its residents (G27A-1)
    beyond = {r.id for r in doubtful(f)}
    best = sorted((r for r in own_answered(f) if (r.share or 0) + 1e-9 >= STRONG and r.id not in beyond),
                  key=lambda r: (-(r.share or 0), r.id not in mine, r.points + 1e-9 < minor,
                                 -round(lead.get(r.dimension, 0.0), 9), -r.max, f.order[r.id]))[:n]
    return [f"{r.id} {fact(f, r)}{strength_marks(f, r.id)}" for r in best]


def _minor(f: Facts) -> float:
    """The framework's median indicator weight: an indicator worth less is a lesser item to lead the
    summary with. Shiwan (84.96), Songxi and Lanjiang led with "E5 平台适老化与无障碍符合要求", a yes/no
    worth 1 point of 100, ahead of their 4-point community schools (G27R-9, G27A-6)."""
    from statistics import median

    weights = [r.points for r in f.result.indicators if r.points > 0]
    return median(weights) if weights else 0.0


def _dimension_leads(f: Facts) -> dict[str, float]:
    """Dimension id -> the points by which the unit stands above a baseline there: the reference
    units' median share where at least the framework's ``min_peers`` of them give the dimension (on
    the indicators answered, as that median is), else the unit's own average share (its total over
    its points); times the dimension's points, so that a full 10-point dimension leads a full 6-point
    one. A "median" of one or two reference cities is no baseline: E's was Shanghai's alone (57 %),
    which put E first for every unit strong in platforms (G27A-6). Shuguang's platforms (E, 10 of 10)
    still lead its policy (A, 8 of 8). No reference value is assumed where the data give none."""
    r = f.result
    avg = r.total / r.max_total if r.max_total else 0.0
    above = {d.id: (d.share or 0.0) - avg for d in r.dimensions}
    spec = getattr(f.fw, "pathways", None)
    peers = spec.min_peers if spec is not None else 3
    for d in (f.bench.dimensions if f.bench is not None else ()):
        own = d.known_share if d.known_share is not None else d.share
        if d.n >= peers and d.median_share is not None and own is not None:
            above[d.id] = own - d.median_share
    return {d.id: above[d.id] * d.max for d in r.dimensions}


def zero_clause(f: Facts, d: Any) -> str:
    """After a dimension named below its floor: how many of its indicators are unknown and counted
    as 0 in that share, so that no floor judged on a 0 the unit never reported reads as measured."""
    from .context_recommend import rejected

    zero = [r for i in d.indicators if (r := f.inds.get(i)) is not None and r.state in ("unknown", "missing")]
    panel = sum(1 for r in zero if rejected(f, r))  # the panel's act, said as such (G20-A3)
    return ((f.cat("sum_floor_zero", n=len(zero) - panel) if len(zero) > panel else "")
            + (f.cat("sum_floor_zero_rejected", n=panel) if panel else ""))


def problems_top(f: Facts, n: int = SUMMARY_ITEMS) -> list[str]:
    """The main problems, in the order the module docstring states ("What a panel leads with"): what
    decided the outcome first, as section 五 names it and in its order
    (``context_findings.problem_groups``), then the answered indicators that lose the most points.
    A list of weak indicators by share beside a list of improvements by points would name D3 (0.67
    points lost) a main problem and I1 (1.23 lost) the first improvement; a panel reads that as a
    contradiction. Then the dimensions short of data (before the losses, for a unit that lacks the
    data to be rated: that gap decided its outcome); the panel's own problems last, said to be
    the panel's (they are its findings, not what the rules give)."""
    from .context_findings import problem_groups
    from .context_standing import data_dimensions, losing_indicators, weak_dimensions

    cat = f.cat
    from .context_standing import surveys_decide

    # a rate within its margin leads only where it can decide the outcome (G26-T5: Baisha at 75.1)
    conditions = {cat["problems_h_veto"], cat["problems_h_floor"], cat["problems_h_survey"]} \
        | ({cat["problems_h_survey_margin"]} if surveys_decide(f) else set())
    groups = problem_groups(f)
    if not groups:  # every indicator at its line or above: said so, as section 五 says it
        return []
    floors = {id(p): d for p, d in zip(next((items for h, items in groups if h == cat["problems_h_floor"]), []),
                                       weak_dimensions(f))}
    out = [p.brief + zero_clause(f, floors[id(p)]) if id(p) in floors else p.brief
           for h, items in groups if h in conditions for p in items]
    named = {d.id for d in weak_dimensions(f)}  # a floor item already names its dimension's losses
    vetoed = {v.indicator for v in f.fw.recognition.vetoes if v.id in f.result.vetoes}  # named as the veto
    data = [p.brief for h, items in groups if h == cat["problems_h_data"] for p in items]
    if not f.result.ratable:  # too thin in data to be rated: the data gap decided that, so it leads
        out, data = out + data, []  # (G14 #1: Qiaoling led with L2, 1 point lost, and 78 unknown after it)
    elif short := data_dimensions(f):  # a floor its unknown answers decide leads too, as 五 and the
        # deciding conditions say it: 澜州市 (G at 56 % with G3 unknown) read L2, I1, E4 and not G (G30R-5)
        out, data = out + data[:len(short)], data[len(short):]
        named |= {d.id for d in short}
    for r in losing_indicators(f):
        if len(out) >= n:
            break
        if r.dimension not in named and r.id not in vetoed:
            # the city's record the unit answers with is not its own problem to fix: said where it is
            # listed, as 五 and 六 say it (G7 #4: Lanjiang's L2 stood bare among the district's problems)
            parent = r.id in f.fw_inds and f.fw_inds[r.id].answered_for_parent(f.result.city.level)
            lost = dict(ind=f.ind_label(r.id), lost=num(round(r.max - r.score, 2)), max=num(round(r.max, 2)))
            # nor is what another body decides (Langang's L1, GNLC membership: UNESCO's, G27A-10)
            who = f.fw.indicator(r.id).decided_for(f.result.city.level) if not parent else None
            out.append(cat("sum_low", dim=f.dim_label(r.dimension),
                           inds=cat("sum_lost_parent", owner=parent_owner(f, [r.id]), **lost) if parent
                           else cat("sum_lost_decided", who=who.get(f.lang), **lost) if who is not None
                           else cat("sum_lost", **lost)))
    out = (out + data)[:n]
    panel = [cat["sum_panel_found"] + p.brief for h, items in groups if h == cat["problems_h_panel"] for p in items]
    return out + panel[:n]


def _steps(f: Facts, n: int) -> tuple[str, list[str]] | None:
    """The key tasks of the task table, titled for what they are: the tasks that carry the plan, in
    the table's order (module docstring, "What a panel leads with"); the table's first rows alone
    would be its cheapest. Where 六 plans the next grade first (``context_plan.stage``), the tasks
    that carry that plan, in its order, titled for that grade, the table's target said in a clause:
    a county at 24 points read "实现“认定为示范区”的关键任务" above a 六 that reaches 合格 first
    (G21-B9). None without a task table, or when the framework gives no effort model (every step
    then costs the same, and "least effort" would say nothing)."""
    from .context_plan import stage_block, tasks

    if getattr(f.fw, "effort", None) is None:
        return None
    plan = getattr(f, "plan", None)
    # where 六 plans the next grade first (a unit below every grade line), the key tasks are that
    # plan's, titled for that grade with the target beyond it in a clause (G21-B9)
    block = stage_block(f) if plan is not None else None
    if block is not None:
        plan = block["plan"]
    else:
        block = tasks(f, next_grade=False)["tasks"]
    rows = (block or {}).get("rows") or []
    if not rows:
        return None
    pos = {id(r): k for k, r in enumerate(rows)}  # the tasks that carry the plan, in the table's order
    cat, shown = f.cat, sorted((block.get("lead") or rows)[:n], key=lambda r: pos[id(r)])
    title = block.get("lead_title") or cat("sum_h_steps_total", target=plan.target.name.get(f.lang), scope="")
    if not f.result.ratable:  # its first task is the data a rating needs, as 六 opens (G27A-9); where 六
        # stages a rating and the first grade, that stage's tasks in its order (G28R-11, G29R)
        title = cat("sum_h_steps_unrated_stage", **block["words"]) if "words" in block else \
            cat("sum_h_steps_unrated", target=plan.target.name.get(f.lang))
    defined = _effort_unit(f)[1]
    outside = {c.indicator: c.decided_by for c in plan.changes if c.decided_by is not None}
    out = [first] if (first := _unknowns_first(f)) else []
    aims, once = _survey_aims(f, plan), _changes_once(f, plan)
    for r in shown:
        iid = r["task"].split(" ")[0]
        # the change as the task table says it, the unit's note once (G22-R7), with the plan's aim for
        # a survey rate within its margin of the line (G22-R9)
        r = {**r, "change": once.get(iid, r["change"]) + (f.cat["sum_step_aim_sep"] + aims[iid] if iid in aims else "")}
        who = outside.get(r["task"].split(" ")[0])
        if who is not None:  # another body decides it: no effort figure, so the unit is not defined here
            out.append(cat("sum_step_outside", task=r["task"], change=r["change"], points=r["points"],
                           who=who.get(f.lang)))
            continue
        found = r["task"].split(" ")[0] in block.get("lead_found", ())  # points only if the figure reaches it
        out.append(cat("sum_step_if" if found else "sum_step", task=r["task"], change=r["change"],
                       points=r["points"], effort=r["effort"], unit=_effort_unit(f, r["effort"])[0], defined=defined))
        defined = ""  # the first step with an effort figure says what one unit is
    return title, out[:n]  # the data first, where they come first, in the page's room for n lines


def _unknowns_first(f: Facts) -> str:
    """The first key task where the grade rests on the unknown answers at 0 and their plausible
    values put every draw above a higher grade's line: the data, before any task. Qinghe (58.4,
    不合格, nine honest unknowns drawn at 62.3 to 70.0) was told to reach 合格 by B2 (+2.00 points),
    while the summary above said its grade would most likely change once the data were in (G28A-4).
    '' otherwise."""
    from .context_robustness import grade_above

    rob = getattr(f, "robustness", None)
    drawn = getattr(rob, "drawn", None)
    if drawn is None or not grade_above(f, rob):
        return ""
    z = drawn.total
    above = [g for g in sorted(f.fw.grades, key=lambda g: g.min) if rob.scored + 1e-9 < g.min <= z.p05 + 1e-9]
    if not above:  # the draws straddle the line: the data may or may not lift it, the tasks stand
        return ""
    return f.cat("sum_step_unknowns_first", n=f.result.unknown + f.result.missing, grade=above[0].name.get(f.lang))


def _survey_aims(f: Facts, plan: Any) -> dict[str, str]:
    """Indicator id -> the plan's aim for a survey rate it sets within its margin of the line
    (``evaluator.plan.survey_aim``, the words 六 and ``lcity plan`` give beside the same task)."""
    from evaluator.plan import survey_aim, survey_margins

    return {m["indicator"]: survey_aim(m, f.zh) for m in survey_margins(plan, f.fw)}


def _changes_once(f: Facts, plan: Any) -> dict[str, str]:
    """Indicator id -> a figure's change with the unit's note once (``change_once``), as 六's table
    says it (G22-R7)."""
    from .context_format import change_once

    return {c.indicator: said for c in getattr(plan, "changes", ())
            if (said := change_once(c, f.fw_inds.get(c.indicator), f.lang)) is not None}


def _effort_unit(f: Facts, figure: str | None = None) -> tuple[str, str]:
    """(the framework's effort unit, what one is) to follow the first step's effort: the summary
    comes before section 六, where the unit is explained ("工作量24点" read as an undefined 点).
    After ``figure`` "1" the unit is the one that follows one ("effort 1 day", G20-D8)."""
    import re

    from indicators.units import unit_words

    cat = f.cat
    unit = unit_words(f.fw.effort.unit, f.lang, figure=figure) if f.fw.effort.unit is not None else ""
    head, rest = (re.split(r"（|\s*\(", unit, maxsplit=1) + [""])[:2]
    rest = rest.rstrip("）)").strip()
    head = head.strip() or unit_words(cat["plan_effort_short"], f.lang, figure=figure)
    word = cat["sum_effort_word"]  # the step already says 工作量/effort: "工作量8工作量点" read twice
    if head.lower().startswith(word) and head[len(word):].strip():
        head = head[len(word):].strip()
    if f.zh and head[:1].isascii() and head[:1].isalpha():  # "工作量1 effort points", not "1effort" (G9 #6)
        head = f" {head}"
    if rest:
        return head, cat("sum_step_unit", what=rest)
    # a framework's own "effort points" say nothing of what one is (person-months do): say it here
    return head, cat["sum_step_unit_points"] if cat["sum_point_word"] in head.lower() else ""


def _steps_short(f: Facts) -> str:
    """When the panel's direct score changes leave the whole task list short of its target, said
    under the steps (section 六 says it beside the table); "" otherwise."""
    plan = getattr(f, "plan", None)
    if not getattr(plan, "changes", None) or not f.reviewed or getattr(f.fw, "effort", None) is None:
        return ""
    delta = f.result.total - plan.before.total
    if abs(delta) < 0.005 or plan.after.total + delta + 1e-9 >= plan.target.total:
        return ""
    return f.cat["sum_steps_short"]


def tasks_top(f: Facts, n: int = SUMMARY_ITEMS) -> tuple[str, list[str]]:
    """The summary's list of what to do and its heading: with a task table (and an effort model),
    its key tasks in its order (``_steps``); else the first recommendations of section 六, in its
    order, as before."""
    from .context_recommend import advice_list, standing

    steps = _steps(f, n)
    if steps is not None:
        return steps
    items = advice_list(f)  # in the task table's order when there is one, as 六 lists them
    vetoes = _panel_veto_first(f) + _held_first(f)
    return f.cat["sum_h_first_recs"], vetoes + [f"{f.ind_label(a.indicator)}{f.cat['colon']}{_first_step(f, a, standing)}"
                                                for a in items[:max(n - len(vetoes), 0)]]


def _panel_veto_first(f: Facts) -> list[str]:
    """A veto the panel found decides the outcome whatever else improves: the first improvement
    names it. Jinxiu, vetoed for falsified platform figures, read "首要改进事项：I1 …、K2 …、L2 …"
    and nothing of the veto (G25R-5). [] without a veto the panel found."""
    from evaluator.plan import split_vetoes

    from .context_review import panel_vetoes

    names = {v.id: v.name.get(f.lang) for v in f.fw.recognition.vetoes}
    split = split_vetoes(f.result)  # found by some reviewers only: theirs, not the panel's (G25R-4)
    return [f.cat("sum_first_split_veto", veto=names.get(v, v), by=split[v][0].get(f.lang),
                  not_by=split[v][1].get(f.lang)) if v in split
            else f.cat("sum_first_panel_veto", veto=names.get(v, v)) for v in panel_vetoes(f)]


#: the Decision's lists of figures that alone hold a recognition the rules would give, in the order the
#: summary's first improvement names them: the figures beyond the plausible range, then estimates (the
#: unit's own word that a figure is not counted), then the rest of ``evaluator.result.HELD_ON``, so a
#: kind added there is named here too (it needs its ``sum_first_held_<kind>`` words in the catalogs)
_HELD_FIRST = ("pending", "estimated", *(k for k in HELD_ON if k != "estimated"))


def _held_first(f: Facts) -> list[str]:
    """Figures on which alone a recognition the rules would give is held: the first improvement names
    them and what clears them. Songxi, deferred until its estimates D1 and E1 are counted, read
    "首要改进事项：K4 …；C2 …；F3 …", points that change nothing, and nothing of D1 or E1 (G28R-8).
    [] where nothing holds it (a reviewed report's verified figures hold nothing)."""
    rec = f.result.recognition
    if rec.outcome != "deferred" or not rec.recognised_if_verified:
        return []
    out = []
    for kind in _HELD_FIRST:
        ids = list(getattr(rec, kind, None) or [])
        if ids:
            out.append(f.cat(f"sum_first_held_{kind}" + ("_one" if len(ids) == 1 else ""), ids=_some_ids(f, ids)))
    return out


def _some_ids(f: Facts, ids: list[str], most: int = 4) -> str:
    """A list of indicator ids a summary line can hold: the first four and how many in all."""
    sep = "、" if f.zh else ", "  # ids, not clauses: "D1, E1", not the list separator's "D1; E1"
    if len(ids) <= most:
        return sep.join(ids)
    return f.cat("sum_first_held_more", ids=sep.join(ids[:most]), n=len(ids))


def _first_step(f: Facts, a: Any, standing: Any) -> str:
    """What the summary says to do first on an indicator: for a survey rate that cannot settle its
    recognition line, the survey, as 六 says first; Yunxi's read 'K5 居民满意度：现为72%，达到90%可得
    满分' for a rate on 88 questionnaires whose line (70%) is what holds recognition (G12 #12)."""
    from .context_questions import _figure
    from .context_recommend import required, unsure_surveys

    unsure = unsure_surveys(f).get(a.indicator)
    survey = getattr(f.fw_inds.get(a.indicator), "survey", None)
    outcome = _outcome_names(f)["outcome"]
    if unsure is None or survey is None:
        short = _short_of_line(f, a.indicator)
        # the line the outcome needs, not the full-points figure: Wrackton, deferred on sk-1 alone
        # (51 %, line 55 %), read "Now 51%; full points at 85%" (G30T-8)
        return standing(f, a) if short is None else f.cat(
            f.rk("sum_first_survey_line"), fig=_figure(f, short[0]), min=num(short[1]), outcome=outcome)
    r, line, small = unsure
    # a framework that recognises nothing names its outcome (G30T-8: it got the full-points figure)
    return f.cat(f.rk("sum_rec_survey_small" if small else "sum_rec_survey_margin"), fig=_figure(f, r),
                 min=num(line), n=num(r.sample_size) if r.sample_size else "—", least=num(required(f, a.indicator)),
                 outcome=outcome)


def _short_of_line(f: Facts, ind_id: str) -> tuple[Any, float] | None:
    """A survey rate below the line of the first outcome where the survey lines alone keep it from
    the unit (the total reaches its line, no veto, no dimension below its floor): the rate's result
    and its line; else None."""
    res, rec = f.result, f.fw.recognition
    if res.recognition.outcome == "recognised" or res.vetoes or res.total + 1e-9 < rec.total_min \
            or any(d.floor_met is False for d in res.dimensions):
        return None
    r = f.inds.get(ind_id)
    line = next((s.min for s in f.fw.recognition.survey if s.indicator == ind_id), None)
    if r is None or line is None or r.state != "answered" or r.figure is None or r.figure + 1e-9 >= line:
        return None
    return r, line


def deciding(f: Facts) -> list[str]:
    """The conditions that decided the outcome, each said once, one line each, the dimensions below
    the floor in one line (a unit below the floor in ten dimensions still gets a one-page summary).
    A vetoed unit's veto comes first, as the engine says it; a unit too thin in data to be rated
    keeps the engine's own reasons.

    The total is said in one line with the line it misses and, below recognition, the deferral line
    on the side it falls: a refused unit is told why it is not deferred ("也低于暂缓认定线75分，故不予
    认定而非暂缓认定"), as a deferred one is told why it is not refused. A survey threshold inside its
    rate's margin of error is said once, with the margin in the same line."""
    cat, r, rec = f.cat, f.result, f.fw.recognition
    outcome = r.recognition.outcome
    reasons = list(r.recognition.reasons_zh if f.zh else r.recognition.reasons)
    if outcome not in ("recognised", "deferred", "refused"):
        return [f.bullet(line) for line in reasons]
    from .context_standing import data_dimensions, floor_share_text, weak_dimensions, zero_kind

    out = reasons[:len(r.vetoes)]  # the engine names each fired veto first, in order
    names = _outcome_names(f)
    deferral = rec.deferred_min < rec.total_min  # the framework has a deferral line below recognition
    folded = False  # the total's line already says why the outcome is not the other one
    if r.total + 1e-9 < rec.total_min:
        key = "sum_reason_total"
        if not r.vetoes and deferral and outcome in ("refused", "deferred"):
            key, folded = f"sum_reason_total_{outcome}", True
        out.append(cat(f.rk(key), total=f.total_s, line=num(rec.total_min), min=num(rec.deferred_min), **names))
    # the most points lost first, as the main problems below (and section 五) name them; a dimension
    # below its floor only because its unknown answers count as 0 is said to be so, not weak
    for key, below in (("sum_reason_floors", weak_dimensions(f)), ("sum_reason_floors_data", data_dimensions(f))):
        if below:
            order = {"order": cat["sum_floors_order"] if len(below) > 1 else ""} if key == "sum_reason_floors" else {}
            whose = zero_kind(f, below) if key == "sum_reason_floors_data" else ""
            out.append(cat(key + whose, n=len(below), floor=f.floor_pct, **order,
                           dims=f.sep.join(f"{d.id} {floor_share_text(f, d)}"
                                           + (zero_clause(f, d) if key == "sum_reason_floors" else "") for d in below)))
    out.extend(_survey_reasons(f))
    if r.recognition.recognised_if_verified:  # met every condition: the figures beyond the plausible range wait
        # (or a survey rate met on too few questionnaires waits on a survey to the standard)
        # (or figures the unit's notes give as its city's, or as counted another way, decide it:
        # G4 #1 Nanhu, G8 #2 Quyang)
        # (or answers without evidence, or the unit's own "not applicable" for a whole dimension: G21-B1, B2)
        # one indicator marked not applicable is "its whole dimension", not "their" (G22-T5's Nanhu: DW1)
        one = lambda key, n: f"{key}_one" if n == 1 and f"{key}_one" in cat else key  # noqa: E731
        own = [(kind, short_ids(ids, "、" if f.lang == "zh" else ", "), len(ids))  # ids, not items
               for kind in HELD_ON
               if (ids := getattr(r.recognition, kind, None) or [])]
        if own and not r.recognition.pending and not r.recognition.unsettled:
            kind, ids, n = own[0]
            out.append(cat(f.rk(one(f"sum_reason_{kind}", n)), total=f.total_s, line=num(rec.total_min),
                           ids=ids, outcome=names["outcome"]))
            own = own[1:]
        else:
            key = "sum_reason_pending" if not r.recognition.unsettled else \
                "sum_reason_pending_unsettled" if r.recognition.pending else "sum_reason_unsettled"
            if len(r.recognition.unsettled) > 1 and key != "sum_reason_pending":  # "survey rates rest on" (G22-R5)
                key += "_many"
            out.append(cat(f.rk(key), total=f.total_s, line=num(rec.total_min), outcome=names["outcome"]))
        for kind, ids, n in own:
            out.append(cat(one(f"sum_reason_{kind}_also", n), ids=ids))
    elif not r.vetoes and not folded and (outcome != "refused" or deferral):
        # a veto refuses whatever the total: "the total is below 75" would not be why; a total that
        # reached the recognition line is said to reach it ("总分不低于75分" read as if it had only
        # reached the deferral line: Henglan, 85.3, held by its L floor, G25R-13)
        key = "sum_reason_deferred_reached" if outcome == "deferred" and deferral else f"sum_reason_{outcome}"
        # "均已满足" after a rate met within its margin (G27R-2) or on answers without evidence (G29R-3)
        from .context_plan import as_filed_key  # or on the panel's verified rate (G30T-4)

        key += as_filed_key(f)
        out.append(cat(f.rk(key), min=num(rec.deferred_min), line=num(rec.total_min),
                       outcome=names["outcome"], total=f.total_s))
    from .context_questions import doubtful_reason
    from .context_veto import veto_alone  # the veto the one thing between the unit and recognition (G29A2-8)

    out += [alone] if (alone := veto_alone(f)) else []
    # figures 五 asks the panel to verify, and what rests on them; each line opens a bullet
    return [f.bullet(line) for line in out + doubtful_reason(f)]


def _outcome_names(f: Facts) -> dict[str, str]:
    """The framework's names of its outcomes, for the lines that say why one and not another."""
    o = f.fw.recognition.outcomes
    return {"outcome": o.recognised.get(f.lang), "deferred": o.deferred.get(f.lang), "refused": o.refused.get(f.lang)}


def _survey_reasons(f: Facts) -> list[str]:
    """Each survey threshold the outcome turned on, once: inside its rate's margin of error (met or
    not) with the margin in the line, else below it as a plain shortfall."""
    from .context_findings import waiting_surveys
    from .context_standing import margin_thresholds

    margins = {r.id: (r, line) for r, line in margin_thresholds(f)}
    waiting = {r.id for r in waiting_surveys(f)}
    # a rate met within its margin is a caveat on recognition, not a reason: below the recognition
    # line it decides nothing and is said among the problems only (G14 #7: Pingzhou, 76.2, listed K4's
    # 83 % ± 3.0 among what decided 'deferred')
    below = f.result.total + 1e-9 < f.fw.recognition.total_min
    out = []
    for s in f.fw.recognition.survey:
        ir = f.inds.get(s.indicator)
        if ir is None or ir.state != "answered" or ir.figure is None:
            continue
        if ir.id in margins:
            r, line = margins[ir.id]
            if not (below and r.figure + 1e-9 >= line):
                out.append(_margin_line(f, r, line))
        elif ir.figure + 1e-9 < s.min:
            out.append(f.cat("sum_reason_survey", ind=f.ind_label(ir.id), figure=num(round(ir.figure, 1)), min=num(s.min)))
        elif ir.id in waiting:  # met on too few questionnaires: named, as 八 names it (G22-R5: Tongxi's K5)
            out.append(_unsettled_line(f, ir, s.min))
    return out


def _unsettled_line(f: Facts, r: Any, line: float) -> str:
    """'K5 居民满意度为91%，达到70%的要求，但只依据45份有效问卷（指标体系要求不少于400份），95%置信区间79.1%—96.4%'."""
    from .context_findings import _interval_words

    from .context_recommend import required  # the framework's minimum for the people there are (G31T2)

    least = required(f, r.id) or 0
    return f.cat("sum_survey_unsettled", ind=f.ind_label(r.id), figure=num(round(r.figure, 1)), min=num(line),
                 n=num(r.sample_size or 0), least=num(least), **_interval_words(r))


def _margin_line(f: Facts, r: Any, line: float) -> str:
    said = f.cat("sum_survey_margin_met" if r.figure + 1e-9 >= line else "sum_survey_margin_short",
                 ind=f.ind_label(r.id), figure=num(round(r.figure, 1)), min=num(line), margin=f"{r.margin:.1f}")
    return said + (f.cat["sum_survey_on_site"] if _on_site(f, r) else "")


def _on_site(f: Facts, r: Any) -> bool:
    """The unit's own survey was handed out on site ("活动周现场发放", validate's survey-on-site): the
    margin beside it, computed as for a random sample, says nothing of that bias (G22-R6). A rate the
    panel verified is the panel's figure, not the unit's survey."""
    from evaluator.checks import says_on_site

    a = f.assessment.answers.get(r.id)
    if a is None or getattr(r, "verified", False):
        return False
    return says_on_site({"note": a.note, "evidence": list(a.evidence or [])}) is not None


def since_previous(f: Facts) -> str:
    """With earlier assessments of the unit (``--previous``), how the total and the decision moved
    since the last of them and the dimensions that moved most, beside the decision: a re-evaluation
    is read first for what changed (G14 #3: Tangchuan lost its recognition, 86.8 → 80.6, and
    the summary and 八 said nothing of it; only 三's table did). "" without a previous assessment."""
    t = getattr(f, "trend", None)
    if t is None or len(t.assessments) < 2:
        return ""
    from evaluator.trend import period_total_text, shown_change

    a, b = t.assessments[-2], t.assessments[-1]
    # a dimension with unknown or missing indicators in either period has no measured change: not
    # among those that "moved most" (G18-B4: a drop to 不详 read as a loss)
    moved = sorted(((b.dimensions[d] - a.dimensions[d], d) for d in b.dimensions if d in a.dimensions
                    and d not in a.dimensions_upper and d not in b.dimensions_upper),
                   key=lambda m: (-abs(m[0]), m[1]))
    dims = [f.cat("sum_since_dim", dim=f.dim_label(d), change=fixed(c, sign="+")) for c, d in moved[:2] if abs(c) >= 0.005]
    name = "recognition_name_zh" if f.zh else "recognition_name"
    grade = "name_zh" if f.zh else "name"
    step = t.steps[-1] if t.steps else None
    grade_known = step is None or step.grade_known
    outcome = (f.cat("sum_since_grade", old=getattr(a.grade, grade), new=getattr(b.grade, grade))
               if a.grade.id != b.grade.id and grade_known else "") \
        + (f.cat("sum_since_grade_unknown") if not grade_known else "") \
        + (f.cat("sum_since_outcome", old=getattr(a, name) or a.recognition, new=getattr(b, name) or b.recognition)
           if a.recognition != b.recognition else "")
    before, after = period_total_text(a, f.fw), period_total_text(b, f.fw)
    if a.total_bounds is not None or b.total_bounds is not None:  # bounds, and the change as a range
        if a.total_bounds is not None:
            before += f"–{points_text(a.total_bounds.upper, f.fw)}"
        if b.total_bounds is not None:
            after += f"–{points_text(b.total_bounds.upper, f.fw)}"
        c = step.total if step is not None else None
        low, high = (c.low, c.high) if c is not None and c.low is not None else (b.total - a.total, b.total - a.total)
        change = f.cat("sum_since_range", low=_signed(low, f), high=_signed(high, f))
        return f.cat("sum_since", period=a.period, before=before, after=after, change=change,
                     outcome=outcome, dims=("、" if f.zh else ", ").join(dims) or "—") + f.cat("sum_since_unknown") \
            + _since_recounted(f, step)
    change = shown_change(before, after) or _signed(b.total - a.total, f)
    return f.cat("sum_since", period=a.period, before=before, after=after, change=change,
                 outcome=outcome, dims=("、" if f.zh else ", ").join(dims) or "—") + _since_recounted(f, step)


def _since_recounted(f: Facts, step: Any) -> str:
    """After the change since the last period: how much of it is on figures this period's own notes
    say are counted another way, and the change without them. Qinghe's summary read "总分由67.7分变为
    85.5分（+17.8分）" with F1's online views added to its training count unsaid, while 三（三）marked F1
    ※ (G28R-10). "" where no figure is counted another way."""
    from .context_trend import recounted_words

    words = recounted_words(step.moved, step.total, f.cat, f.lang) if step is not None else {}
    return f.cat("sum_since_recounted", **words) if words else ""


def _signed(x: float, f: Facts) -> str:
    """A change of the total with its sign, in the decimals of the framework's scale (G27-T1)."""
    return f"{x:+.{total_places(f.fw)}f}"


def outcome_fixed(f: Facts) -> str:
    """For a unit too thin in data to be rated, whether the missing data could change the outcome:
    when even every unknown answer at full points leaves the total below the lowest line that is not
    a refusal, the reader is told beside "不予定级" that even complete data cannot reach that line
    this period, in the framework's own outcome name: the reach of the missing data, never a
    verdict of a unit the report does not rate (G19-A7: "不作评估结论" then "评估结论都将是…").
    "" otherwise."""
    r, rec = f.result, f.fw.recognition
    if r.ratable or r.vetoes:
        return ""
    deferral = rec.deferred_min < rec.total_min
    line = rec.deferred_min if deferral else rec.total_min
    upper = getattr(r.total_bounds, "upper", None)
    if upper is None or upper + 1e-9 >= line:
        return ""
    outcomes = rec.outcomes
    return f.cat("sum_outcome_fixed", n=r.unknown + r.missing, upper=points_text(upper, f.fw), line=num(line),
                 outcome=(outcomes.deferred if deferral else outcomes.recognised).get(f.lang))


def _total(f: Facts) -> str:
    """The opening sentence. A unit too thin in data to be rated opens with that outcome and the
    bounds its unknown answers allow (lower–upper), never with a bare total as if it were rated; a
    reviewed one gives the self-assessed and the verified total together."""
    r = f.result
    bounds = getattr(r, "total_bounds", None)
    lo, hi = getattr(bounds, "lower", None), getattr(bounds, "upper", None)
    if not r.ratable and not f.veto_graded and lo is not None and hi is not None:
        from .context_text import unrated_words

        return f.cat("sum_total_unrated", city=f.city, n=r.unknown + r.missing, lo=points_text(lo, f.fw), hi=points_text(hi, f.fw),
                     max=num(round(r.max_total, 2)), grade=unrated_words(f)["grade" if f.zh else "Grade"])
    own = getattr(r, "self_assessed", None)
    if f.reviewed and own is not None:
        # both totals in one sentence (自评X分，专家组核定Y分): the panel's correction is read on the
        # page the panel signs, not only in 附件1
        from evaluator.rounding import shown_total, total_limits

        return f.cat("sum_total_review", city=f.city, own=shown_total(own.total, total_limits(f.fw)), total=f.total_s,
                     max=num(round(r.max_total, 2)), range=_total_range(f))
    return f.cat("sum_total", city=f.city, total=f.total_s, max=num(round(r.max_total, 2)), range=_total_range(f))


def summary(f: Facts) -> dict[str, Any]:
    from .context_change import outcome_change_lines  # what the review changed of the outcome (G18-A2)

    cat = f.cat
    tasks_title, tasks = tasks_top(f)
    problems = problems_top(f)
    reasons = deciding(f)
    return {"summary": {
        "kind": cat["sum_kind_review"] if f.reviewed else cat["sum_kind_self"],
        "total": _total(f),
        "grade_probs": _grade_probabilities(f),
        "decision": _decision(f) + (f.cat["gap"] + stated if (stated := stated_outcome_short(f)) else "")
        + (f.cat["gap"] + fixed if (fixed := outcome_fixed(f)) else "")
        + (f.cat["gap"] + pending if (pending := pending_text(f)) else "")
        + (f.cat["gap"] + since if (since := since_previous(f)) else "")
        + "".join(f.cat["gap"] + line for line in outcome_change_lines(f)),
        "reasons": reasons,
        "pathway": _pathway(f),
        "coverage": _coverage(f),
        "strengths": strengths_top(f),
        "problems": problems,
        # nothing to name: said so, as section 五 says it (a missing heading would read as an omission)
        # the line an indicator is weak below (60 % where the framework sets no floor), not the floor
        "problems_none": "" if problems else cat("sum_none", floor=num(round(f.weak * 100, 1))),
        "tasks_title": tasks_title,
        "tasks": tasks,
        "tasks_note": _steps_short(f),
    }}


def opening(f: Facts) -> tuple[list[str], bool]:
    """The evaluative paragraph that opens 评估结论, and whether it is the panel's own.

    A panel's conclusion is the report's conclusion: its words open the section. A reviewed report
    without one opens with a paragraph said as the panel's finding on the verified figures; a
    self-assessment says what its own figures show, never that a panel judged it."""
    if f.review and f.review["findings"]["conclusion"]:
        texts = list(f.review["findings"]["conclusion"])
        by, place = f.review.get("conclusion_by"), f.review.get("conclusion_by_place")
        if place:  # a reviewer without a name, by the place of their review file (context_review.reviewer_name)
            return [f.cat("open_member_label_unnamed", n=place) + t for t in texts], True
        if by:  # several reviewers and none named lead: the conclusion is said to be whose it is
            return [f.cat("open_member_label", name=by) + t for t in texts], True
        # the panel's words as written, said to be the panel's unless they say so themselves
        label = f.cat["open_panel_label"]
        return [t if f.zh and t.startswith(f.cat["open_panel_self"]) else label + t for t in texts], True
    cat, result = f.cat, f.result
    dims = [d for d in result.dimensions if d.share is not None]
    from .context_findings import is_strong_dim  # unrounded: C at 89.6% is not "90% or more"

    strong_all = sorted((d for d in dims if is_strong_dim(d)), key=lambda d: (-d.share, d.id))
    strong = strong_all[:DIMS_NAMED]
    from .context_standing import data_dimensions, losing_indicators, weak_dimensions

    # weak on what the unit reported; a dimension whose lost points are unknown answers is said to
    # lack data, and an unknown answer is not a loss (it is counted as 0, not read as 0)
    weak, short = weak_dimensions(f), data_dimensions(f)
    losers = losing_indicators(f)[:DIMS_NAMED]
    names = lambda ds: f.sep.join(f.dim_label(d.id) for d in ds)
    # the first three of more are said to be among them ("等5个维度"), not as if they were all
    clauses = [cat("open_strong" if len(strong_all) == len(strong) else "open_strong_more", city=f.city,
                   dims=names(strong), n=len(strong_all), min=num(STRONG_DIM * 100)) if strong
               else cat("open_no_strong", city=f.city, min=num(STRONG_DIM * 100))]
    if weak:
        clauses.append(cat("open_weak", dims=names(weak), floor=f.floor_pct))
    if short:
        clauses.append(cat("open_data_dims", dims=names(short), floor=f.floor_pct))
    if not weak and not short and f.floor > 0:  # with no floor there is none to reach
        clauses.append(cat("open_floors_met", floor=f.floor_pct) + _on_floor(f))
    if losers:  # a unit not rated for want of data loses its points mostly to what is unknown, not
        # to these: said of the answered ones (G14 #2: Qiaoling 'most points are lost on L2', 78 unknown)
        clauses.append(cat("open_losers" if result.ratable else "open_losers_answered",
                           inds=f.sep.join(f.ind_label(r.id) for r in losers)))
        level = result.city.level
        city_part = [r.id for r in losers if (i := f.fw_inds.get(r.id)) is not None and i.answered_for_parent(level)]
        if city_part:  # a loss the unit cannot mend by itself is not its shortcoming to fix
            from .context_text import parent_owner

            clauses[-1] += cat("open_losers_parent", ids=("、" if f.zh else ", ").join(city_part),
                               owner=parent_owner(f, city_part))
    if not f.zh:  # in English each clause is a sentence (the lists inside them are joined with semicolons)
        clauses = [f.upper_first(c) for c in clauses]
    sentences = [cat["open_join"].join(clauses) + cat["fd_end"]]
    if result.vetoes:
        # a veto decides the outcome on its own: it is named, not counted after the weaknesses ("另有1项")
        names = {v.id: v.name.get(f.lang) for v in f.fw.recognition.vetoes}
        panel = veto_lines(f)  # the panel's finding with its reason, as the conditions say it
        own = [v for v in result.vetoes if v not in panel]
        if own:
            sentences.append(cat("open_veto", n=len(own), items=(cat["and_sep"]).join(names.get(v, v) for v in own)))
        sentences += [panel[v] + ("。" if f.zh else ".") for v in result.vetoes if v in panel]
    if result.unknown + result.missing:
        sentences.append(cat("open_unknown", n=result.unknown + result.missing))
    if since := since_previous(f):  # a re-evaluation's conclusion says what changed since the last one
        sentences.append(since)
    lead = cat["open_lead_review"] if f.reviewed else cat["open_lead_self"]
    return [lead + ("" if f.zh else " ").join(sentences)], False
