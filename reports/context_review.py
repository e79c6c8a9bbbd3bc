"""An expert review as the report shows it: one plain dict, whichever way the review was given.

A review reaches the report either inside a verified Result (``evaluator.score(..., reviews=...)``)
or as a dict passed by the caller. Both become one shape, so the sections need not care::

    {
      "panel": [{"name": ..., "affiliation": ..., "title": ...}, ...],
      "process": {"dates": "2025-05-12 至 2025-05-14",        # any text
                  "material_review": "查阅创建档案 36 卷",         # text, or true
                  "site_visits": ["青石区社区学院", ...],         # list, text or a number
                  "symposia": ["部门座谈会", "居民座谈会"],
                  "survey": {"sample": 620, "method": "...", "awareness": 84, "satisfaction": 80},
                  "feedback": "..."},
      "findings": {"strengths": [...], "problems": [...], "recommendations": [...],
                   "conclusion": [...]},
      "verified": {"D1": {"score": 2.0, "reason": "..."}, ...},
    }

Each part is rendered only when present. Without a review the report is a self-assessment report:
the methods say that the panel's checks are still to come and the signature block has blank lines.
"""

from __future__ import annotations

import re
from typing import Any

from evaluator.result import Result
from evaluator.review import role_in
from evaluator.rounding import shown_below
from evaluator.rules import num
from indicators.models import Framework

from .catalog import Catalog
from .context_format import format_date, is_date, pick, pts, text_list, zh_punct

def review_from_result(result: Result) -> dict | None:
    """The review dict of a verified Result (``evaluator.score(..., reviews=...)``).

    The Result's scores are then the verified ones, and each indicator keeps its self-assessed
    score in ``self_score``; the report shows both, and its conclusion uses the verified figures.
    """
    rv = result.review
    if rv is None:
        return None
    process = dict(rv.process)
    # one panel conclusion (the lead's, or the only reviewer's); the others are members' opinions
    panel_conclusion = [rv.conclusion] if rv.conclusion else list(rv.conclusions[:1])
    return {
        "panel": [m.model_dump() for m in rv.panel],
        "process": process,
        "findings": {"strengths": rv.strengths, "problems": rv.problems,
                     "recommendations": rv.recommendations, "conclusion": panel_conclusion},
        "conclusion_by": None if rv.conclusion_lead else rv.conclusion_by,
        # a reviewer without a name, by the place of their review file (``reviewer_name``)
        "conclusion_by_place": None if rv.conclusion_lead else getattr(rv, "conclusion_by_place", None),
        "opinions": [{**o.model_dump(), "place": getattr(o, "place", None)} for o in rv.opinions],
        "verified": {r.id: {"score": r.score, "reason": "; ".join(r.review_reasons),
                            "reason_zh": "；".join(r.review_reasons_zh)}
                     for r in result.indicators if r.state != "not_applicable"},
    }


def _plain(value: Any) -> Any:
    """Pydantic models (a review as the review module reads it) become plain dicts and lists."""
    if hasattr(value, "model_dump"):
        return value.model_dump()
    return value


def normalise_review(review: dict | None, fw: Framework) -> dict | None:
    """A review dict with every part present (empty when absent) and plain types.

    Accepts the shape documented at the top of this module, and also the review module's own
    ``Review.model_dump()`` shape (``process.start``/``end``, visits and symposia as dicts, the
    conclusion as a top-level text).
    """
    review = _plain(review)
    if review is None:
        return None
    if not isinstance(review, dict):
        raise TypeError("review must be a dict or None")
    panel = []
    for m in review.get("panel") or []:
        m = _plain(m)
        m = m if isinstance(m, dict) else {"name": str(m)}
        panel.append({k: str(m.get(k) or "") for k in ("name", "affiliation", "title")})
    findings = dict(_plain(review.get("findings")) or {})
    if review.get("conclusion") and not findings.get("conclusion"):
        findings["conclusion"] = review["conclusion"]
    verified: dict[str, dict] = {}
    known = {i.id for i in fw.indicators()}
    for ind_id, v in (_plain(review.get("verified")) or {}).items():
        if ind_id not in known:
            raise ValueError(f"verified score for unknown indicator {ind_id!r}")
        v = _plain(v)
        v = v if isinstance(v, dict) else {"score": v}
        score = v.get("score")
        reason = str(v.get("reason") or "")
        verified[ind_id] = {"score": None if score is None else float(score), "reason": reason,
                            "reason_zh": str(v.get("reason_zh") or reason)}
    process = dict(_plain(review.get("process")) or {})
    if (process.get("start") or process.get("end")) and not process.get("dates"):
        process["dates"] = (process.get("start"), process.get("end"))
    process.pop("start", None)
    process.pop("end", None)
    return {
        "panel": panel,
        "process": process,
        "findings": {k: text_list(findings.get(k)) for k in ("strengths", "problems", "recommendations", "conclusion")},
        "verified": verified,
        # whose the conclusion is when no lead wrote it, and the other reviewers' conclusions by name
        "conclusion_by": review.get("conclusion_by") or None,
        "conclusion_by_place": review.get("conclusion_by_place") or None,
        "opinions": [o for o in (_plain(x) for x in review.get("opinions") or [])
                     if isinstance(o, dict) and o.get("text")],
    }


#: In a visit, symposium or similar entry given as a dict: the main text, then the details.
_MAIN_KEYS = ("unit", "topic", "name", "title")


def _process_item(item: Any, cat: Catalog) -> str:
    if not isinstance(item, dict):
        return str(item)
    main = next((str(item[k]) for k in _MAIN_KEYS if item.get(k)), "")
    details = [format_date(v, cat) if is_date(v) else str(v)
               for k, v in item.items() if k not in _MAIN_KEYS and v not in (None, "", [])]
    if not details:
        return main
    # a detail may be a list itself (区财政局、民政局): the details are set apart by ；
    inner = cat["fd_clause_sep"].join(details)
    return f"{main}（{inner}）" if cat.lang == "zh" else f"{main} ({inner})"


def process_value(key: str, value: Any, cat: Catalog) -> str:
    """One part of the review process (dates, visits, the survey...) as one line of text."""
    if value is True:
        return cat["yes"]
    if key == "dates" and isinstance(value, (list, tuple)):
        start, end = (list(value) + [None, None])[:2]
        if start and end and start != end:
            return cat("date_range", start=format_date(start, cat) if is_date(start) else start,
                       end=format_date(end, cat) if is_date(end) else end)
        one = start or end
        return format_date(one, cat) if is_date(one) else str(one)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return cat("count_items", n=num(value))
    if isinstance(value, dict):
        parts = []
        for k, v in value.items():
            if v in (None, "", []):
                continue
            if k == "sample":
                parts.append(cat("survey_sample", n=num(v) if isinstance(v, (int, float)) else v))
            elif k in ("method", "awareness", "satisfaction"):
                shown = f"{num(v)}%" if isinstance(v, (int, float)) and k != "method" else str(v)
                parts.append(f"{cat['survey_' + k]}{cat['colon']}{shown}")
            else:
                parts.append(f"{k}{cat['colon']}{v}")
        # English labels after "; " are lower case ("620 valid responses; method (as written): …"): the
        # first one is capitalised where it opens the line (G10: "; Method: 按街道分层随机抽样")
        if parts and cat.lang != "zh":
            parts[0] = parts[0][:1].upper() + parts[0][1:]
        return cat["fd_clause_sep"].join(parts)  # "调查方式：…；知晓度：…", not one run joined by 、
    if isinstance(value, (list, tuple)):
        return cat["list_sep"].join(_process_item(v, cat) for v in value if v not in (None, "", {}))
    return str(value)


PROCESS_KEYS = ("dates", "material_review", "site_visits", "symposia", "survey", "feedback")


def process_rows(process: dict, cat: Catalog, survey: str | None = None) -> list[dict]:
    """The review's process as table rows; ``survey`` labels the survey row in the framework's words
    ("Panel survey"; China's "Resident survey" when None), as the methods above the table name it."""
    rows = []
    for key in PROCESS_KEYS:
        if process.get(key) not in (None, False, "", []):
            label = survey if key == "survey" and survey else cat[f"process_{key}"]
            rows.append({"label": label, "value": process_value(key, process[key], cat)})
    for key, value in process.items():  # keys the catalog does not know: shown as given
        if key not in PROCESS_KEYS and value not in (None, False, "", []):
            rows.append({"label": str(key), "value": process_value(key, value, cat)})
    return rows


def reviewer_name(cat: Catalog, who: Any) -> str:
    """A reviewer as the report names them (an Opinion or ReviewerScore of the Result, or an opinion
    of the review dict): their name; a reviewer who left it as the form's null, by the place of their
    review file in the report's language ("评审专家2" / "reviewer 2"), read from the Result's
    structured ``place``, never from the English fallback ("reviewer 2") the Result keeps in
    ``reviewer``, which a Chinese report printed as it was. ``place`` is read with ``getattr``: a
    Result made before it (or without it) names the reviewer as its ``reviewer`` says."""
    place = who.get("place") if isinstance(who, dict) else getattr(who, "place", None)
    name = who.get("reviewer") if isinstance(who, dict) else who.reviewer
    return cat("reviewer_unnamed", n=place) if place else name


def opinion_lines(f: Any) -> list[str]:
    """The other reviewers' conclusions, each under its author's name (and role), as written: the
    panel signs one conclusion, the lead's; a member's is their opinion, not a second conclusion."""
    rev = f.review or {}
    out = []
    for o in rev.get("opinions") or []:
        role = role_in(o["role"], f.lang) if o.get("role") else ""
        name = reviewer_name(f.cat, o)
        if o.get("place"):  # "reviewer 2" opens the bullet: "Reviewer 2 (member): …" (G25R-2)
            name = name[:1].upper() + name[1:]
        who = f"{name}（{role}）" if f.zh and role else (f"{name} ({role})" if role else name)
        out.append(f.cat("concl_opinion_item", name=who, text=zh_punct(o["text"]) if f.zh else o["text"]))
    return out


def _named_result(f: Any, total: float | None, grade: str | None, outcome: str | None) -> str:
    from evaluator.rounding import shown_total, total_limits

    names = {g.id: g.name.get(f.lang) for g in f.fw.grades}
    shown = shown_total(total or 0.0, total_limits(f.fw), 1)
    decision = _outcome_name(f, outcome) if outcome else ""
    return f.cat("concl_pending_result", total=shown, grade=names.get(grade or "", grade or ""), decision=decision)


def pending_text(f: Any) -> str:
    """Where the reviewers' answers give different grades or outcomes, the sentence said beside the
    conclusion: what each reviewer's answer gives, and that the conclusion (on the panel's median)
    awaits the panel's discussion. Empty when any reviewer's answers give the same grade and outcome."""
    rv = f.result.review
    if rv is None or rv.settled and not any(d.decisive for d in rv.disagreements):
        return ""
    sep = f.cat["fd_clause_sep"]
    decisive = [d for d in rv.disagreements if d.decisive]
    if decisive:
        parts = [f.cat("concl_pending_ind", ind=f.ind_label(d.indicator),
                       views=sep.join(f.cat("concl_pending_view", name=reviewer_name(f.cat, s),
                                            result=_named_result(f, s.total, s.grade, s.outcome))
                                      for s in d.scores))
                 for d in decisive]
    else:
        parts = [f.cat("concl_pending_own", name=reviewer_name(f.cat, s), result=_named_result(f, s.total, s.grade, s.outcome))
                 for s in rv.unsettled_by]
    return f.cat("concl_pending", views=sep.join(parts))


def disagreement_lines(result: Result, cat: Catalog, lang: str) -> list[str]:
    """Indicators on which the reviewers' own scores spread beyond the threshold, for discussion."""
    if result.review is None:
        return []
    names = {r.id: pick(r, "name", lang) for r in result.indicators}
    # "1.00 point apart", not "1.00 points"
    return [cat("concl_disagree_item_one" if pts(d.spread) == "1.00" else "concl_disagree_item",
                ind=f"{d.indicator} {names.get(d.indicator, '')}",
                scores=cat["list_sep"].join(f"{reviewer_name(cat, s)} {pts(s.score)}" for s in d.scores),
                spread=pts(d.spread))
            for d in result.review.disagreements]


def _outcome_name(f: Any, outcome: str) -> str:
    """An outcome's name in the report's language: the framework's own word for it."""
    return getattr(f.fw.recognition.outcomes, outcome).get(f.lang)


def _rule_why(f: Any, said: str) -> str:
    """The figures behind the rules' outcome, against the one the panel wrote: a veto, which decides
    alone; a deferral the total does not reach, the total against the deferral line; otherwise the
    rules' own reasons."""
    r = f.result
    rec = f.fw.recognition
    if said == "deferred" and r.recognition.outcome == "refused" and not r.vetoes and r.total + 1e-9 < rec.deferred_min:
        return f.cat("concl_outcome_below", total=shown_below(r.total, rec.deferred_min, 1),
                     line=num(rec.deferred_min), outcome=_outcome_name(f, "deferred"))
    if r.vetoes:  # a veto decides whatever the figures: it alone is why (its reason is in 主要依据)
        names = {v.id: v.name.get(f.lang) for v in rec.vetoes}
        return f.cat("concl_outcome_veto", items=f.sep.join(names.get(v, v) for v in r.vetoes))
    return f.cat["fd_clause_sep"].join(r.recognition.reasons_zh if f.zh else r.recognition.reasons)


def stated_outcome_short(f: Any) -> str:
    """The summary's sentence after its decision line where the panel's stated outcome differs from
    the rules' (``stated_outcome_text`` says it in full beside the verdict in 八)."""
    if not stated_outcome_text(f):
        return ""
    said = _outcome_name(f, f.result.review.conclusion_outcome)
    return f.cat("sum_stated_outcome", said=said, sec=f.cat["sec_conclusion"])


def stated_outcome_text(f: Any) -> str:
    """Beside the verdict, when the panel's review says by ``conclusion_outcome`` that its conclusion
    gives another outcome than the rules give (G20-A7: "建议暂不认定为示范区，限期一年…复核" above
    "评估结论为“不予认定”"): which is the panel's conclusion and which the rules' result, with the
    figures that decide the rules'. Empty when it agrees, or is not given."""
    rv = f.result.review
    said = getattr(rv, "conclusion_outcome", None) if rv is not None else None
    rule = f.result.recognition.outcome
    if not said or said == rule or not hasattr(f.fw.recognition.outcomes, said):
        return ""
    why = _rule_why(f, said)
    if not f.zh:  # the English sentence quotes the outcomes as its verdict does ('Not recognised')
        why = why.replace("“", "'").replace("”", "'")
    return f.cat("concl_stated_outcome", said=_outcome_name(f, said), outcome=_outcome_name(f, rule), why=why)


def outcome_lines(f: Any) -> list[str]:
    """The panel's conclusion naming another outcome than the rules give ("建议暂缓认定" for a unit
    the rules refuse), with the figures that decide it: the first thing to resolve before signing.
    A panel conclusion whose outcome the review states (``conclusion_outcome``) is not read for one:
    ``stated_outcome_text`` says it beside the verdict."""
    from evaluator.claims import outcome_clashes

    rv = f.result.review
    if rv is None:
        return []
    read = rv.conclusions[1:] if getattr(rv, "conclusion_outcome", None) else rv.conclusions
    return [f.cat("concl_outcome_item", said=c.words, outcome=_outcome_name(f, c.outcome), why=_rule_why(f, c.said))
            for c in outcome_clashes(f.result, f.fw, read)]


def grade_lines(f: Any) -> list[str]:
    """The panel's conclusion giving another grade than the rules give for the verified total
    ("综合评定等级为优秀" for a 合格 unit, G19-C4), with the line that decides it: listed beside the
    outcome clashes, as ``review validate`` warns at it (``evaluator.review.grades_said``). A
    conclusion naming the rules' grade too weighs them itself and is left to it."""
    from evaluator.review import grades_said

    r, rv = f.result, f.result.review
    if rv is None or r.grade is None:
        return []
    lines = {g.id: g for g in f.fw.grades}
    rule = pick(r.grade, "name", f.lang)
    out = []
    for sentence in rv.conclusions:
        said = grades_said(sentence or "", f.fw)
        if not said or r.grade.id in {k for k, _ in said} or said[0][0] not in lines:
            continue
        g = lines[said[0][0]]
        if f.veto_graded:  # a veto decides the grade whatever the total
            names = {v.id: v.name.get(f.lang) for v in f.fw.recognition.vetoes}
            why = f.cat("concl_outcome_veto", items=f.sep.join(names.get(v, v) for v in r.vetoes))
        elif not r.ratable or r.grade.id not in lines:  # not rated: the rules' own reasons
            why = f.cat["fd_clause_sep"].join(r.recognition.reasons_zh if f.zh else r.recognition.reasons)
        elif r.total + 1e-9 < g.min:  # the panel gives a higher grade than the total reaches
            why = f.cat("concl_outcome_below", total=shown_below(r.total, g.min, 1), line=num(g.min),
                        outcome=g.name.get(f.lang))
        else:  # a lower one: the total reaches the rules' grade
            why = f.cat("concl_grade_reached", total=f"{r.total:.1f}", line=num(lines[r.grade.id].min), grade=rule)
        out.append(f.cat("concl_grade_item", said=said[0][1], grade=rule, why=why))
    return out


#: the counted units a panel's Chinese claim can carry, in English (个/项/门/所 count things: bare)
_CLAIM_UNITS = {"%": "%", "元": " yuan", "人": " people", "次": " times"}


def claim_gloss(claim: str) -> str:
    """What a Chinese claim says, for an English reader (audit_english #10): "“不足6元” does not
    match … 6.34 yuan" left the reader unable to see the clash; now "“不足6元” (below 6 yuan)".
    Read with the checker's own parser, so the gloss says what was checked: "above" claims are
    checked as at least the number. "" for an English claim or one the parser does not read."""
    from evaluator.claims import approx_in, claims_in

    if not re.search(r"[\u4e00-\u9fff]", claim):
        return ""
    found = [("below" if below else "at least", n, u) for _, below, n, u in claims_in(claim)]
    found += [("about", n, u) for _, n, u in approx_in(claim)]
    if not found:
        return ""
    word, number, unit = found[0]
    return f" ({word} {num(number)}{_CLAIM_UNITS.get(unit, '')})"


def _claim_unit(f: Any, c: Any) -> str:
    """The English unit after a contradicted claim's figure: the framework's own, "1 hub" as it says
    one (G20-D8), where it is the unit the claim names; else the claim's, by lcity's rule."""
    from indicators.models import scored_unit
    from indicators.units import unit_words

    ind = getattr(f, "fw_inds", {}).get(c.indicator)
    own = scored_unit(ind.answer) if ind is not None else None
    return unit_words(own if own is not None and own.en == c.unit else c.unit, "en", c.figure)


def claim_lines(f: Any) -> list[str]:
    """The panel's sentences (strengths, problems, conclusion) whose figures the verified figures do
    not bear out, for the panel to resolve before signing; recommendations state targets, not facts.
    A conclusion naming another outcome or grade than the rules give comes first. An approximate figure
    ("约10%") is listed when the verified one lies outside its tolerance, which the line states.
    ``f`` is the report's Facts (not imported here: context_facts imports this module)."""
    from evaluator.claims import APPROX, contradictions, total_claims

    rv = f.result.review
    if rv is None:
        return []
    sentences = [*rv.strengths, *rv.problems, *rv.conclusions]
    return outcome_lines(f) + grade_lines(f) + [
        f.cat("concl_claim_approx_item" if c.approx else "concl_claim_item", text=c.text, claim=c.claim,
              gloss="" if f.zh else claim_gloss(c.claim), ind=f.ind_label(c.indicator), figure=f"{num(c.figure)}{c.unit_zh if f.zh else ' ' + _claim_unit(f, c)}",
              tolerance=num(APPROX * 100))
        for c in contradictions(f.result, sentences)] + [
        f.cat("concl_claim_total_item", text=t.text, claim=t.claim, total=f.total_s,
              gloss="" if f.zh or not re.search(r"[\u4e00-\u9fff]", t.claim) else f" (a total of {num(t.said)})")
        # "经核定总分为82.3分" for 82.5 (G26-T2)
        for t in total_claims(f.result, sentences)]


def panel_vetoes(f: Any) -> list[str]:
    """The vetoes of a reviewed report that the panel found, not the unit's answers: a veto the
    framework ties to no answer (falsified materials, an incident) or whose answer, as verified,
    does not fire it."""
    if f.result.review is None:
        return []
    items = {v.id: v for v in f.fw.recognition.vetoes}
    found = []
    for vid in f.result.vetoes:
        v = items.get(vid)
        r = f.inds.get(v.indicator) if v is not None and v.indicator else None
        if r is None or r.state != "answered" or r.value not in v.when:
            found.append(vid)
    return found


def veto_lines(f: Any) -> dict[str, str]:
    """Veto id -> the line the recognition reasons give it, for every veto the panel found: the
    panel's finding with its reason ("专家组认定：提供虚假数据或材料（理由：…），触发一票否决"), to be
    said the same wherever the report names the veto (summary, 五（一）, 八)."""
    r = f.result
    reasons = r.recognition.reasons_zh if f.zh else r.recognition.reasons
    mine = set(panel_vetoes(f))
    return {vid: reasons[k] for k, vid in enumerate(r.vetoes) if vid in mine and k < len(reasons)}


def unverified_mark(f: Any, ind_id: str) -> str:
    """The mark after one of the unit's strengths that rests on its own answer alone, once the panel
    found a veto: the panel accepted unlisted answers without checking them one by one, and a veto
    such as falsified materials withdraws that trust. Empty for an indicator the panel verified, and
    in a report without a veto the panel found. (Marked rather than left out: the mark is true
    whatever veto the panel found, so one rule serves every framework, and a veto unrelated to the
    data, an incident, does not hide the unit's real strengths.)"""
    r = f.inds.get(ind_id)
    if r is None or r.verified:
        return ""
    if panel_vetoes(f):
        return f.cat["strength_unverified"]
    return f.cat["strength_unbacked"] if ind_id in _unbacked_ids(f) else ""


def _unbacked_ids(f: Any) -> frozenset[str]:
    """The answers that earn points with no evidence and no panel's check (附件3 lists them): a strength
    resting on one says so. 桃溪县's summary named K3 and A3 (no evidence, 15 such answers) as its main
    strengths with no word of it (G31R-1)."""
    if "unbacked_ids" not in f.memo:
        from evaluator.engine import unbacked  # as 附件3's list (context_questions.unbacked), below the report's modules

        f.memo["unbacked_ids"] = frozenset(x.id for x in unbacked(f.result.indicators))
    return f.memo["unbacked_ids"]
