"""Section 八（一）: the panel's corrections of the practices that define a pathway type.

The pathway call of a reviewed unit rests on the verified figures. Where the panel corrected a
practice that defines the type the practice puts first, or the type the unit declared, the report
says so beside the call, with both figures and the practice's share of the points before and after:
Jinwan District's self-assessment showed 产业驱动型 (9 points above its own average, 10 ahead); the
panel verified D4 at 12 % instead of 41 %, the call became 混合型, and 八 read only "自述的“产业驱动型”
正是实际做法居首的类型，但其侧重未达判定线", as though the unit's own practice had not borne out its
declaration (G22-R3). A score change (``score_change``) corrects no figure and is not named here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .context_indicators import answer_text, pathway_names

if TYPE_CHECKING:
    from evaluator.result import IndicatorResult, PathwayResult
    from indicators.models import Indicator

    from .context_facts import Facts


def _corrected(r: IndicatorResult | None) -> bool:
    """The panel changed this answer's figure or status, and with it its score."""
    return bool(r is not None and r.verified and r.self_score is not None and r.max
                and abs(r.self_score - r.score) >= 0.005
                and not (r.state == "answered" and r.value == r.self_value))


def _item(f: Facts, ind: Indicator, r: IndicatorResult) -> str:
    none = f.cat["pw_panel_none"]
    own = answer_text(ind, r.self_value, f.cat, f.lang) if r.self_value is not None else none
    panel = answer_text(ind, r.value, f.cat, f.lang) if r.state == "answered" and r.value is not None else none
    return f.cat("pw_panel_item", ind=f.ind_label(r.id), own=own, panel=panel,
                 before=f"{(r.self_score or 0.0) / r.max * 100:.0f}", after=f"{r.score / r.max * 100:.0f}",
                 move=f.cat["pw_panel_down" if r.score < (r.self_score or 0.0) else "pw_panel_up"])


def self_assessed_type(f: Facts) -> str | None:
    """The type the self-assessed figures give, classified by the same rule as the verified ones
    (each corrected answer put back at its self-assessed figure and score); None without a review."""
    from evaluator.pathways import classify

    res = f.result
    if not f.reviewed or getattr(res, "self_assessed", None) is None:
        return None
    own = [r.model_copy(update={"state": "answered", "value": r.self_value, "score": r.self_score,
                                "share": r.self_score / r.max})
           if _corrected(r) and r.self_value is not None else r for r in res.indicators]
    path = classify(f.fw, res.model_copy(update={"indicators": own}))
    return path.type if path is not None else None


def panel_corrections(f: Facts, path: PathwayResult | None = None) -> str:
    """'按自评数据，实际做法显示为“产业驱动型”；以上判定依据专家组核定后的数据，结果不同：界定“产业驱动型”的做法中，
    D3 …自评为90%，专家组核定为58%，得分率由100%降为20%。' for the observed, leading and declared types
    (each practice named once); '' without a review or when the panel corrected none of them.
    It said '可能与按自评数据所得的判定不同' whether or not the call differed: 望海区's self-assessed figures
    showed 产业驱动型 and the verified ones 混合型, which is known, not possible (G29A2-3)."""
    path = path if path is not None else f.result.pathway
    spec = f.fw.pathways
    if spec is None or path is None or not f.reviewed:
        return ""
    names = pathway_names(f.fw, f.lang)
    kinds = {k.id: k for k in spec.types}
    parts, said = [], set()
    for tid in dict.fromkeys([path.type, path.leading or "", *path.declared_types]):
        if tid not in kinds:
            continue
        items = []
        for feat in kinds[tid].features:
            r, ind = f.inds.get(feat.indicator), f.fw_inds.get(feat.indicator)
            if ind is None or feat.indicator in said or not _corrected(r):
                continue
            said.add(feat.indicator)
            items.append(_item(f, ind, r))  # type: ignore[arg-type]
        if items:
            parts.append(f.cat("pw_panel_type", name=names.get(tid, tid), items=f.cat["pw_panel_sep"].join(items)))
    if not parts:
        return ""
    own = self_assessed_type(f)
    if own is None:
        return f.cat("pw_panel", parts=f.cat["pw_panel_sep"].join(parts))
    key = "pw_panel_same" if own == path.type else "pw_panel_changed"
    return f.cat(key, own=names.get(own, own), parts=f.cat["pw_panel_sep"].join(parts))


def summary_turn(f: Facts) -> str:
    """The summary's word that the panel's figures turned the pathway call: 望海区 (产业驱动型 on its own
    figures, 混合型 on the verified ones) read "发展路径：混合型。…" with no word of it on the summary
    page; only 八（一） said so (G29A2-6). '' without a review or where both figures give one call."""
    path = f.result.pathway
    own = self_assessed_type(f)
    if path is None or own is None or own == path.type or f.fw.pathways is None:
        return ""
    kinds = {k.id: k for k in f.fw.pathways.types}
    ids = list(dict.fromkeys(feat.indicator for tid in (own, path.type) if tid in kinds
                             for feat in kinds[tid].features if _corrected(f.inds.get(feat.indicator))))
    if not ids:
        return ""
    names = pathway_names(f.fw, f.lang)
    key = "sum_pw_turned_declared" if own in (getattr(path, "declared_types", None) or []) else "sum_pw_turned"
    return f.cat(key, own=names.get(own, own), now=names.get(path.type, path.type),
                 ids="、".join(ids) if f.zh or len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1])
