"""The appendices: 附件1 score table, 附件2 benchmark, 附件3 coverage, 附件4 signatures.

附件2 compares the unit with the reference units of its own framework only, names that set (from
the framework's reference units), and says plainly when the framework has none."""

from __future__ import annotations

from typing import Any

from evaluator.benchmark import DOCUMENTED, LOW_COVERAGE
from evaluator.progress import asked_results
from evaluator.rounding import shown_bounds, shown_total, total_limits
from evaluator.rules import num

from .context_facts import Facts
from .context_front import body_label, signatures_key
from .context_format import format_date, paren, pct, pts, zh_punct
from .context_indicators import answer_text, pathway_names, rule_text
from .context_recommend import rejected
from .context_results import known_cell, thin
from .context_summary import nil_answer, nil_kind, panel_found

#: Verified scores differing from the self-assessed score by more than this share of the
#: indicator's available points are flagged.
DIFF_FLAG = 0.10
#: Blank signature lines when there is no panel yet.
BLANK_SIGNATURES = 5


def score_table(f: Facts) -> dict[str, Any]:
    """附件1: every indicator by dimension, with its rule, score, basis and evidence; with a review,
    the verified score beside the self-assessed one, flagged when they differ by more than DIFF_FLAG."""
    cat, result, lang = f.cat, f.result, f.lang
    verified = f.review["verified"] if f.review else {}
    groups = []
    n = 0
    for d in result.dimensions:
        rows = []
        for ind_id in d.indicators:
            n += 1
            r = f.inds[ind_id]
            i = f.fw_inds[ind_id]
            v = verified.get(ind_id)
            own = r.self_score if f.reviewed and r.self_score is not None else r.score
            if f.reviewed:
                flagged = r.flagged
            else:
                flagged = bool(v) and v["score"] is not None and r.max > 0 \
                    and abs(v["score"] - own) > DIFF_FLAG * r.max + 1e-9
            rows.append({
                "no": n, "id": ind_id, "name": f.ind_name(ind_id), "points": num(i.points),
                "adjusted": cat("adjusted_points", max=pts(r.max)) if r.state != "not_applicable" and abs(r.max - r.points) > 1e-9 else "",
                "rule": rule_text(i, cat, lang), "score": cat["score_na"] if r.state == "not_applicable" else pts(own),
                "verified": pts(v["score"]) if v and v["score"] is not None else "", "flag": flagged,
                # ▲ the panel raised the score, ▼ it cut it: one mark for both read as "raised"
                "mark": _diff_mark(cat, own, v["score"] if v and v["score"] is not None else r.score) if flagged else "",
                "verified_reason": _panel_reason(f, v[("reason_zh" if f.zh else "reason")] if v else "", f.reason(r)),
                "basis": _changed_answer(f, i, r) + f.reason(r), "evidence": f.sep.join(r.evidence), "state": r.state,
            })
        groups.append({"id": d.id, "name": f.dim_names[d.id], "score": paren(f"{pts(d.score)}/{num(d.points)}", lang),
                       "rows": rows})
    with_verified = bool(f.review and verified)
    dropped = [d for d in result.dimensions if d.max <= 0]
    note = ""
    if dropped and result.ratable:
        # the rows add up to the kept dimensions' points, the 合计 row to the scaled total: say so under
        # the table, as section 三 does (G22-T3)
        kept = [d for d in result.dimensions if d.max > 0]
        note = cat("app_scores_dropped", dims=f.sep.join(f.dim_label(d.id) for d in dropped),
                   score=num(round(sum(d.score for d in kept), 2)), kept=num(round(sum(d.max for d in kept), 2)),
                   max=num(result.max_total), total=shown_total(result.total, total_limits(f.fw), 2))
    total = shown_total(result.self_assessed.total if f.reviewed else result.total, total_limits(f.fw), 2)
    return {"scores": {
        "dropped_note": note or _rows_rounding_note(f, groups, total),
        "intro": cat("app_scores_intro", framework=f.framework_full),
        "review_intro": cat("app_scores_review_intro", pct=num(DIFF_FLAG * 100)) if with_verified else "",
        "groups": groups,
        "with_verified": with_verified,
        "total": {"points": num(f.fw.total_points),
                  # two decimals, or three where two would cross a line (84.996 is not "85.00")
                  "score": total,
                  "verified": shown_total(result.total, total_limits(f.fw), 2) if f.reviewed else ""},
    }}


def _rows_rounding_note(f: Facts, groups: list[dict[str, Any]], total: str) -> str:
    """Under 附件1, where its rounded score rows do not add up to its 合计 row: Shiwan's rows add up to
    84.97 under a 合计 of 84.96, a hundredth from the recognition line (G27R-7's rest; 三 says the
    same of its dimension rows since e6d3022). Not-applicable rows ("—") are no figures."""
    from .context_results import rounding_note

    shown = [r["score"] for g in groups for r in g["rows"] if r["state"] != "not_applicable"]
    return rounding_note(f, shown, total, "app_scores_rounding_note")


def _changed_answer(f: Facts, ind: Any, r: Any) -> str:
    """Before the basis of an answer the panel changed, what the unit filed and what the panel
    verified: the basis computes from the panel's answer, and the self-assessed score beside it from
    the unit's, which no page showed (G18-E2: D1 5,500,000元 filed, 5,200,000元 verified)."""
    if not (f.reviewed and r.verified and r.self_value is not None and r.value is not None
            and r.self_value != r.value):
        return ""
    return f.cat("basis_self_vs_panel", own=answer_text(ind, r.self_value, f.cat, f.lang),
                 panel=answer_text(ind, r.value, f.cat, f.lang))


def rank_text(cat, rank) -> str:
    """'第1–9位/共13个' / '1–9 of 13': an interval whenever the unknowns allow more than one rank."""
    if rank.best == rank.worst:
        return cat("bm_pos_one", best=rank.best, of=rank.of)
    return cat("bm_pos_range", best=rank.best, worst=rank.worst, of=rank.of)


def bounds_text(b, limits: "tuple[float, ...]" = ()) -> str:
    """A total with its bounds: '17.3–90.3', one figure when no answer is unknown; each on the side
    of the framework's ``limits`` its total is on (89.96 beside 良好, not '90.0'), as the score table."""
    return shown_bounds(b.lower, b.upper, limits)


def benchmark_table(f: Facts) -> dict[str, Any]:
    """附件2: one row per unit of the benchmark (the subject among them) with bounds and rank
    intervals, each dimension against the reference units with data there, and the unit against
    each reference unit on the indicators both answered."""
    cat, bench, zh = f.cat, f.bench, f.zh
    ref_set = (bench.reference_set_zh if zh else bench.reference_set) if bench is not None else ""
    need = num(round(bench.min_coverage * 100)) if bench is not None else num(LOW_COVERAGE * 100)
    intro = cat("bm_app_intro", set=ref_set, need=need, cov=f.ref_cov)
    if bench is not None and bench.skipped:
        intro += cat("app_benchmark_skipped", files=f.sep.join(s.file for s in bench.skipped))
    table: dict[str, Any] = {"available": f.ref_ok, "intro": intro,
                             "th_city_share": cat("th_city_share", unit=f.unit),
                             # the rows are cities only when the subject is one; a district among
                             # reference cities, or a borough or village, heads the column "unit"
                             "th_unit": cat["th_city"] if f.result.city.level == "city" else cat["th_unit"]}
    if not f.ref_ok:
        # reference units belong to a framework: one that brings none gives no benchmark, said plainly
        table["text"] = cat("app_benchmark_none", framework=f.framework_name, unit=f.unit) \
            if bench is not None and bench.reference_units == 0 and not bench.skipped else cat["concl_bench_unavailable"]
        return {"bench": table}
    pnames = pathway_names(f.fw, f.lang)
    table["rows"] = [{
        "rank": (str(row.rank.best) if row.rank.best == row.rank.worst else f"{row.rank.best}–{row.rank.worst}"),
        "city": (row.name_zh if zh else row.name) if not row.is_subject else f.city,
        # the years the figures are for, as the unit's file gives them (a total alone reads as this year's)
        "period": row.period,
        "subject": row.is_subject, "total": bounds_text(row.total_bounds, total_limits(f.fw)), "grade": row.grade_zh if zh else row.grade,
        "pathway": pnames.get(row.pathway, row.pathway),
        "table3": pnames.get(row.pathway_table3, row.pathway_table3) if row.pathway_table3 else "—",
        "coverage": pct(row.coverage), "low": row.low_coverage,
    } for row in bench.table]
    # the comparative study's Table 3 types only the 12 Chinese reference cities under China's
    # framework: another framework's benchmark has no such column (docs/frameworks.md, section 8)
    table["table3"] = any(row.pathway_table3 for row in bench.table)
    table["th_total"] = cat["bm_th_total"]
    table["th_median"] = cat["bm_th_median"]
    # the unit's share on the indicators of the dimension it answered, the basis of the reference
    # median and best beside it (with unknowns at 0, a unit answering Shanghai's figures read 49 %
    # beside Shanghai's 98 %), and how much of the dimension that is
    # the part of each dimension answered, where the unit left some of it unknown (else all 100 %)
    partial = any(db.share is not None and db.answered < 1 - 1e-9 for db in bench.dimensions)
    # named as 三 names it ('已填报指标得分率'); a unit that answered everything has only its share
    table["th_city_share"] = cat("bm_th_known" if partial else "th_city_share", unit=f.unit)
    table["th_part"] = cat["bm_th_part"] if partial else ""
    own = {d.id: d for d in f.result.dimensions}
    table["dims"] = [{
        "id": db.id, "name": f.dim_names[db.id], "share": known_cell(db, own.get(db.id), f.floor, f.lang, f.dim_places),
        "part": "—" if db.share is None else pct(db.answered),
        # a dimension none of whose indicators applies to the unit drops out (max 0): no rank
        "rank": "—" if db.n == 0 or db.max <= 0 else (str(db.rank.best) if db.rank.best == db.rank.worst
                                       else f"{db.rank.best}–{db.rank.worst}") + f"/{db.rank.of}",
        # no reference unit with data here: nothing to compare, a bare '—' (not '—（n=0）')
        "median": cat("bm_median_n", median=pct(db.median_share), n=db.n) if db.n else "—", "best": pct(db.best_share),
        "best_city": (db.best_city_name_zh if zh else db.best_city_name) if db.best_city else "—",
    } for db in bench.dimensions]
    # the best reference is a city where the subject is one (the 12 reference cities); a district,
    # a municipality or another framework's unit heads the column by "reference unit"
    table["th_best_city"] = cat["th_best_city"] if f.result.city.level == "city" else cat["th_best_unit"]
    words = {"above": cat["bm_pos_above"], "below": cat["bm_pos_below"], "undecided": cat["bm_pos_undecided"]}
    table["common"] = {
        "heading": cat["bm_h_common"], "intro": cat("bm_common_intro", unit=f.unit),
        "th": [cat["bm_th_ref"], cat["bm_th_common"], cat("bm_th_unit_share", unit=f.unit), cat["bm_th_ref_share"],
               cat["bm_th_totals"]],
        "rows": [{"name": c.name_zh if zh else c.name, "common": c.common, "share": pct(c.share),
                  "ref_share": pct(c.ref_share), "position": words[c.position]} for c in bench.comparisons],
    }
    # no "0 of 3 … not rated"; and not "12个中有12个" when every one is (G7 #10)
    table["caveat"] = cat(("bm_caveat_every" if bench.not_ratable == bench.reference_units else "bm_caveat")
                          if bench.not_ratable else "bm_caveat_all",
                          cov=f.ref_cov, n=bench.reference_units, n_low=bench.not_ratable, need=need, unit=f.unit)
    if any(thin(db) for db in bench.dimensions):  # what the bracketed shares of the dimension table mean
        table["caveat"] += cat["gap"] + cat("bm_known_thin_note", need=pct(DOCUMENTED))
    if bench.level_note:  # a district among whole cities, and what it answers with its city's record (G16 #2)
        table["caveat"] += cat["gap"] + (bench.level_note_zh if zh else bench.level_note)
    if (note := pending_note(f, "app_bench_pending")):  # the rank rests on figures the panel must verify
        table["intro"] += cat["gap"] + note
    return {"bench": table}


def pending_note(f: Facts, key: str) -> str:
    """What of the total rests on figures beyond the plausible range the panel has still to verify
    (``recognition.pending``), and the total without them, by catalog ``key``; "" when none does.
    Jingang ranked 第1–10位 in 附件2 and read 可信度 100 % in 附件3 on 720,000 platform users among
    450,000 residents, where the summary already says "不计其得分，总分为83.5分" and ``lcity
    benchmark`` since G27A-4 (G27A-2, G27A-4)."""
    ids = list(getattr(f.result.recognition, "pending", None) or ())
    if not ids:
        return ""
    held = sum(r.score for r in f.result.indicators if r.id in ids)
    return f.cat(key, pts=num(round(held, 2)), ids=("、" if f.zh else ", ").join(ids), unit=f.unit,
                 rest=shown_total(f.result.total - held, total_limits(f.fw)))


def coverage(f: Facts) -> dict[str, Any]:
    """附件3: how much of the framework was answered, and which indicators lack an answer or evidence."""
    cat, result = f.cat, f.result
    # the unit's note is its own words, said so as everywhere else (G10 #4: Chinese after a bare colon)
    # an indicator the framework does not ask of the unit's level (L1 of a county) is not one the
    # unit marked not applicable, nor one of its indicators: as ``lcity status`` counts (G14 #11)
    asked = asked_results(result, f.fw)
    # listed apart and counted in the total, so that the rows add up to the report's own count of
    # indicators and section 1's "L1 (the framework does not ask it of a county)" is found here (G18-A4)
    asked_ids = {r.id for r in asked}
    not_asked = [f.ind_label(r.id) for r in result.indicators if r.id not in asked_ids]
    na_list = [cat("cov_na_note", name=f.ind_label(r.id), note=r.note) if r.note else f.ind_label(r.id)
               for r in asked if r.state == "not_applicable"]
    # an answer the panel did not accept is one the unit filed: counted with the filed ones and named
    # as the panel's act, not as "数据不详" (G19-A4), so the rows still add up to the total
    refused = [r for r in result.indicators if rejected(f, r)]
    gap_list = [f.ind_label(r.id) + paren(cat["state_" + r.state], f.lang)
                for r in result.indicators if r.state in ("unknown", "missing") and r not in refused]
    refused_list = [f.ind_label(r.id) for r in refused]
    found = panel_found(f)
    unknown = result.unknown - sum(r.state == "unknown" for r in refused)
    missing = result.missing - sum(r.state == "missing" for r in refused)
    # a truthful "no"/0 needs no evidence (the summary's count): listed apart, not as lacking it (G7 #1)
    nil_list = [f.ind_label(r.id) for r in f.answered if nil_answer(f, r)]
    noev_list = [f.ind_label(r.id) for r in f.answered if not r.evidence and not r.verified and not nil_answer(f, r)]
    return {"coverage": {
        "intro": cat["app_coverage_intro"],
        "rows": [(cat["cov_answered"], str(result.answered + len(refused) - len(found))),
                 *([(cat["cov_rejected"], str(len(refused)))] if refused else []),
                 # no figure from the unit, one from the panel: the panel's finding, not a filed figure (G25R-7)
                 *([(cat["cov_panel_found"], str(len(found)))] if found else []),
                 # the Result's own counts (G20-D9): the unit's not-applicable answers, and apart from them
                 # the indicators its level is not asked
                 (cat["cov_not_applicable"], str(result.not_applicable)),
                 *([(cat("cov_not_asked", unit=f.level_word or f.unit), str(result.not_asked))] if not_asked else []),
                 (cat["cov_unknown"], str(unknown)), (cat["cov_missing"], str(missing)),
                 (cat["cov_total"], str(len(result.indicators))),
                 (cat["cov_coverage"], f"{result.coverage * 100:.0f}%"),
                 # a percent, as the conclusion quotes it ("…的得分占98%（即可信度）")
                 (cat["cov_confidence"], f"{result.confidence * 100:.0f}%")],
        # a share of evidenced points says nothing of figures the panel must first verify (G27A-2)
        "definition": cat["cov_definition"] + ((cat["gap"] + note) if (note := pending_note(f, "app_cov_pending")) else ""),
        "lists": [(cat["cov_list_na"], na_list or [cat["cov_none"]]),
                  *([(cat("cov_list_not_asked", unit=f.level_word or f.unit), not_asked)] if not_asked else []),
                  *([(cat["cov_list_rejected"], refused_list)] if refused else []),
                  *([(cat["cov_list_panel_found"], [f.ind_label(i) for i in found])] if found else []),
                  (cat["cov_list_gap"], gap_list or [cat["cov_none"]]),
                  *([(cat["cov_list_nil" + nil_kind(f)], nil_list)] if nil_list else []),
                  (cat["cov_list_noevidence"], noev_list or [cat["cov_none"]]),
                  *([(cat["cov_list_method"], said)] if (said := against_method_list(f)) else [])],
    }}


def against_method_list(f: Facts) -> list[str]:
    """The answers earning points whose own notes say they are counted otherwise than the framework's
    method (``note_checks.against_method``), each with its note whole, as 五 quotes what the unit
    wrote: evidence listed, so each counts as backed in the confidence beside them. Bailu read 可信度
    100 % with 'C1 … 2个街道社区学校尚在建设', 'E1 … 未按身份证号去重', 'F1 含线上课程学习人次' and 'D1 含…学历
    教育经费' quoted in 三 and nothing asked (G27A-3, G28A-3)."""
    from evaluator.note_checks import against_method, at_whole

    out = []
    for r in f.answered:
        ind = f.fw_inds.get(r.id)
        m = getattr(ind, "measurement", None)
        if r.score <= 0 or not r.note or m is None:
            continue
        # both languages: the note is in the form's, whatever the report's
        method = " ".join(f"{x.zh or ''} {x.en or ''}" for x in (m.numerator, m.deduplication) if x is not None)
        # 'at its whole' as the warning and the engine read it (a share at 100 %), not full points (G30R)
        if against_method(r.note, method, full=at_whole(r.unit, r.figure)):
            out.append(f.ind_label(r.id) + (f"：“{r.note.strip()}”" if f.zh else f": '{r.note.strip()}'"))
    return out


def signatures(f: Facts) -> dict[str, Any]:
    """附件4: in an expert evaluation report the panel's names (blank lines where the review names
    none) and the evaluating body's seal; in a self-assessment report no panel signature at all (a
    chair who signed it would sign the unit's own figures), only the seal of the body that prepared
    it, 自评单位."""
    cat = f.cat
    panel = f.review["panel"] if f.review else []
    if not f.review:
        return {"signatures": {
            "heading": cat[signatures_key(f)], "intro": cat["app_signatures_intro_self"], "panel": False,
            "rows": [], "blank": True, "body": f.body if f.body else "",
            "body_label": cat["sign_body" if body_label(f) == "cover_body" else "sign_body_self"], "date": "",
        }}
    return {"signatures": {
        "heading": cat[signatures_key(f)], "panel": True,
        "intro": cat["app_signatures_intro_review"] if panel else cat["app_signatures_intro_pending"],
        "rows": panel or [{"name": "", "affiliation": "", "title": ""} for _ in range(BLANK_SIGNATURES)],
        "blank": not panel,
        "body": f.body_shown, "body_label": cat["sign_body"],
        "date": format_date(f.date, cat) if panel else "",
    }}


def _diff_mark(cat, own: float, verified: float) -> str:
    """▲ where the verified score is above the self-assessed one, ▼ where it is below."""
    return cat["diff_mark"] if verified > own else cat["diff_mark_down"]


def _panel_reason(f: Facts, reason: str, basis: str) -> str:
    """The panel's reason under 专家组核定, in the report's punctuation; not a second time when the
    basis beside it already quotes it (a score change carries its reason)."""
    if not reason or reason in basis:
        return ""
    return zh_punct(reason) if f.zh else reason
