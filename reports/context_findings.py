"""Sections 四 (strengths), 五 (problems) and 六 (recommendations).

They read the same scores from opposite ends: the strongest indicators, then those below the
weak line (the framework's dimension floor), then what to do about the latter, with practices of
reference cities. The panel's own findings, when there is a review, follow the computed ones.
"""

from __future__ import annotations

from typing import Any

from evaluator.rules import num

from .context_facts import Facts
from .context_format import paren, pct, pick, pts
from .context_indicators import value_text
from .context_recommend import recommendations  # noqa: F401 - section 六, built there

#: Strengths: indicators at or above this share, at most STRENGTHS_MAX of them.
STRONG = 0.9
STRENGTHS_MAX = 8
#: When no indicator is strong, the best this many are shown instead.
STRENGTHS_FALLBACK = 3
#: Problems: at most this many indicators are named as losing most in a dimension below its floor.
LOSERS_MAX = 3
#: Recommendations: at most this many reference-city practices per indicator.
MODELS_MAX = 2


def strengths(f: Facts) -> dict[str, Any]:
    cat, result, lang, order = f.cat, f.result, f.lang, f.order
    answered = f.answered
    strong = sorted([r for r in answered if (r.share or 0) + 1e-9 >= STRONG],
                    key=lambda r: (-r.score, -(r.share or 0), order[r.id]))[:STRENGTHS_MAX]
    intro = cat("strengths_intro", min=num(STRONG * 100), city=f.city)
    if not strong:
        strong = sorted([r for r in answered if (r.share or 0) > 0],
                        key=lambda r: (-(r.share or 0), -r.score, order[r.id]))[:STRENGTHS_FALLBACK]
        intro = cat("strengths_fallback", min=num(STRONG * 100)) if strong else cat["strengths_nothing"]
    strong_dims = [d for d in result.dimensions if d.share is not None and d.share + 1e-9 >= STRONG]
    path = result.pathway
    pathway_feature = ""
    if path and path.type not in ("unclassified",) and path.leading:
        lead_ids = [path.leading] if path.type != "mixed" else [p for p in (path.leading, path.runner_up) if p]
        sigs = [pick(s, "label", lang) for s in path.signals if s.pathway in lead_ids]
        if sigs:
            pathway_feature = cat("strengths_pathway", city=f.city, name=pick(path, "name", lang),
                                  signals=f.sep.join(sigs))
    return {"strengths": {
        "intro": intro,
        "items": [{"ind": f.ind_label(r.id), "value": value_text(f.fw_inds[r.id], r, cat, lang),
                   "score": paren(f"{pts(r.score)}/{num(round(r.max, 2))}", lang), "note": r.note or ""} for r in strong],
        "dims": cat("strengths_dims", min=num(STRONG * 100), dims=f.sep.join(f.dim_label(d.id) for d in strong_dims))
        if strong_dims else "",
        "pathway": pathway_feature,
        "panel": f.review["findings"]["strengths"] if f.review else [],
    }}


def problems(f: Facts) -> dict[str, Any]:
    """Groups in a fixed order: vetoes, dimensions below their floor, survey minimums, weak
    indicators, missing data, then the panel's own problems; empty groups are left out."""
    cat, result, lang, sep = f.cat, f.result, f.lang, f.sep
    veto_names = {v.id: v.name.get(lang) for v in f.fw.recognition.vetoes}
    vetoes = [cat("problems_veto", name=veto_names.get(v, v)) for v in result.vetoes]
    floors = []
    for d in (d for d in result.dimensions if d.floor_met is False):
        losers = sorted((f.inds[i] for i in d.indicators if f.inds[i].state != "not_applicable"),
                        key=lambda r: (-(r.max - r.score), f.order[r.id]))
        losers = [r for r in losers if r.max - r.score > 0.005][:LOSERS_MAX]
        floors.append(cat("problems_floor", dim=f.dim_label(d.id), share=pct(d.share), floor=f.floor_pct,
                          inds=sep.join(cat("lost_fmt", ind=f.ind_label(r.id), lost=pts(r.max - r.score)) for r in losers)))
    survey = []
    for s in f.fw.recognition.survey:
        r = f.inds.get(s.indicator)
        if r is None or r.state == "not_applicable":
            continue
        if r.state != "answered" or r.figure is None:
            survey.append(cat("problems_survey_nodata", ind=f.ind_label(r.id), min=num(s.min)))
        elif r.figure + 1e-9 < s.min:
            survey.append(cat("problems_survey", ind=f.ind_label(r.id), figure=num(r.figure), min=num(s.min)))
    low = [{"text": cat("problems_low", ind=f.ind_label(r.id), score=pts(r.score), max=num(round(r.max, 2)),
                        share=pct(r.share), reason=f.reason(r)), "note": r.note or ""}
           for r in f.answered if (r.share or 0) + 1e-9 < f.weak]
    gaps = [cat("problems_unknown" if r.state == "unknown" else "problems_missing", ind=f.ind_label(r.id),
                max=num(round(r.max, 2)))
            for r in result.indicators if r.state in ("unknown", "missing")]
    groups = [(cat["problems_h_veto"], _plain_items(vetoes)),
              (cat["problems_h_floor"], _plain_items(floors)),
              (cat["problems_h_survey"], _plain_items(survey)),
              (cat["problems_h_low"], low),
              (cat["problems_h_data"], _plain_items(gaps))]
    if f.review and f.review["findings"]["problems"]:
        groups.append((cat["problems_h_panel"], _plain_items(f.review["findings"]["problems"])))
    groups = [(h, items) for h, items in groups if items]
    return {"problems": {
        "intro": cat["problems_intro"] if groups else cat("problems_none", floor=f.floor_pct),
        "groups": [{"num": cat["subnums"][k], "title": h, "items": items} for k, (h, items) in enumerate(groups)],
    }}


def _plain_items(texts: list[str]) -> list[dict[str, str]]:
    return [{"text": t, "note": ""} for t in texts]
