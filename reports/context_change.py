"""What the panel's review changed of the self-assessment's grade and recognition outcome, and the
panel's survey rates the report does not score: said in the summary, the conclusion (八) and the
methods (三). The figures are the verified Result's (``evaluator.verify``): nothing is scored here.

G18-A2: Zhucheng's 77.5 (暂缓认定) became 74.6 (不予认定) after the panel corrected E3, G3 and K2,
and K2 alone decides it; the summary and the conclusion said neither. G18-E3: the panel's own survey
found 76 % satisfaction, K5 was scored at the unit's 80 %, and nothing said so."""

from __future__ import annotations

from typing import Any

from evaluator.rounding import shown_total, total_limits
from evaluator.rules import num

from .context_facts import Facts
from .context_indicators import answer_text


def _grade_name(f: Facts, grade_id: str) -> str:
    g = next((g for g in f.fw.grades if g.id == grade_id), None)
    return g.name.get(f.lang) if g is not None else grade_id


def _outcome_name(f: Facts, outcome: str) -> str:
    name = getattr(f.fw.recognition.outcomes, outcome, None)
    return name.get(f.lang) if name is not None else outcome


def _what(f: Facts, grade: str, outcome: str, change: Any, key: str, decision: Any = None) -> str:
    """The grade and/or the outcome, each only where the review changed it. ``decision``: the
    Decision whose outcome is said, by its own name: a held outcome is "deferred" by id and has a
    name of its own (``outcomes.held``); Kingsmere's reviewed report read "The self-assessed outcome
    was 'Accredited with conditions'" where it had been 'Accreditation on hold' (G28-T1)."""
    parts = []
    if change.self_grade != change.grade:
        parts.append(f.cat(f"chg_{key}_grade", grade=_grade_name(f, grade)))
    if change.self_outcome != change.outcome:
        named = getattr(decision, "name_zh" if f.zh else "name", None) if decision is not None else None
        parts.append(f.cat(f"chg_{key}_outcome", outcome=named or _outcome_name(f, outcome)))
    return f.cat["chg_and"].join(parts)


def _corrections(f: Facts, ids: list[str]) -> str:
    """The corrections that moved the score, "更正E3、G3、K2"; where some raised a score and others
    lowered it, the two kinds apart: Liutang's panel lowered D3, E1, F1 and J4 and raised I1 (it found
    more older learners than the district counted), and "更正D3、E1、F1、I1、J4" beside a grade that
    fell read as if every correction had lowered the district's figures (G27R-3)."""
    sep = f.cat["and_sep"]
    moved = [(i, (r.score or 0.0) - (r.self_score or 0.0)) for i in ids
             if (r := f.inds.get(i)) is not None and r.self_score is not None]
    down, up = [i for i, d in moved if d < -1e-9], [i for i, d in moved if d > 1e-9]
    if not (down and up) or len(down) + len(up) != len(ids):
        return f.cat("chg_by_corrections", ids=sep.join(ids))
    return f.cat("chg_by_corrections_both", down=sep.join(down), up=sep.join(up))


def outcome_change_lines(f: Facts) -> list[str]:
    """The self-assessed grade or outcome, the one after the panel's verification, the corrections
    that moved the score (ids), and each correction that alone decides the change: undone (the unit's
    own answer, every other correction kept) it gives the self-assessed one back, with that total,
    and the least figure that does so where the rules give one. [] when the review changed neither."""
    rv = getattr(f.result, "review", None)
    change = getattr(rv, "outcome_change", None)
    own = getattr(f.result, "self_assessed", None)
    if change is None or own is None:
        return []
    limits = total_limits(f.fw)
    how = [_corrections(f, change.corrected)] if change.corrected else []
    how += [_by_veto(f, change.vetoes)] if change.vetoes else []
    lines = [f.cat("chg_outcome", own=shown_total(own.total, limits), total=f.total_s,
                   before=_what(f, change.self_grade, change.self_outcome, change, "was", own.recognition),
                   after=_what(f, change.grade, change.outcome, change, "now", f.result.recognition),
                   how=f.cat["chg_how_sep"].join(how))]
    back = _what(f, change.self_grade, change.self_outcome, change, "back", own.recognition)
    items, ids = [], []
    for u in change.undone:
        r, ind = f.inds.get(u.indicator), f.fw_inds.get(u.indicator)
        if not u.restores or r is None or ind is None:
            continue
        values = {"id": u.indicator, "total": shown_total(u.total, limits)}
        if r.self_value is not None and r.state == "unknown":  # the panel did not accept the unit's figure
            item = f.cat("chg_item_rejected", own=answer_text(ind, r.self_value, f.cat, f.lang), **values)
        elif r.self_value is not None and r.verified and r.value is not None:
            item = f.cat("chg_item_value", own=answer_text(ind, r.self_value, f.cat, f.lang),
                         panel=answer_text(ind, r.value, f.cat, f.lang), **values)
        else:
            item = f.cat("chg_item_change", **values)
        if u.least is not None:
            least = int(u.least) if float(u.least).is_integer() and ind.answer.type != "percent" else u.least
            item += f.cat("chg_item_least", id=u.indicator, least=answer_text(ind, least, f.cat, f.lang))
        items.append(item)
        ids.append(u.indicator)
    if items:
        lead = "chg_decides_one" if len(items) == 1 else "chg_decides_many"
        lines.append(f.cat(lead, id=ids[0], ids=f.cat["and_sep"].join(ids), back=back,
                           items=f.cat["chg_item_sep"].join(items)))
    return lines


def survey_gap_lines(f: Facts) -> list[str]:
    """Each rate of the panel's own survey that differs from the figure scored for its indicator,
    the panel not having listed it as verified: "K5 居民满意度按自评80%计分，专家组问卷调查为76%"."""
    rv = getattr(f.result, "review", None)
    out = []
    for g in getattr(rv, "survey_gaps", None) or []:
        if g.indicator not in f.inds:
            continue
        n = f.cat("chg_survey_n", n=num(g.sample)) if g.sample else ""
        values = {"ind": f.ind_label(g.indicator), "panel": num(round(g.panel, 1)), "n": n, **f.survey_words}
        if g.scored is None:
            out.append(f.cat("chg_survey_gap_none", **values))
        else:
            out.append(f.cat("chg_survey_gap", scored=num(round(g.scored, 1)), **values))
    return out


def _by_veto(f: Facts, vetoes: list[str]) -> str:
    """How a veto changed the outcome: "认定一票否决项" where the panel found it; where only some
    reviewers list each of them, by whom ("黎志坚认定一票否决项"): 八 credited Jinxiu's split veto to
    the panel (G25R-4's rest)."""
    from evaluator.plan import split_vetoes

    split = split_vetoes(f.result)
    if not all(v in split for v in vetoes):
        return f.cat["chg_by_veto"]
    by = dict.fromkeys(split[v][0].get(f.lang) for v in vetoes)
    return f.cat("chg_by_veto_split", by=f.cat["and_sep"].join(by))

