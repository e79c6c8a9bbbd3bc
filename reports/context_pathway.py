"""Section 七（一）: the development pathway, declared beside observed.

The observed type (``Result.pathway``) is explained in the comparative study's own words (the
type's description in the framework), with the practices that decided it and how each compares
with the unit's own profile and with its peers; a declared type the practice does not bear out is
stated as a finding. The method paragraph comes from the framework (``pathways.method``).
"""

from __future__ import annotations

from typing import Any

from evaluator.pathway_peers import SAME_REGION, with_peers
from evaluator.result import PathwayEvidence, PathwayResult
from indicators.cities import CHINA_FRAMEWORK_ID

from .context_facts import Facts
from .context_format import pick
from .context_indicators import pathway_names, value_text
from .context_text import parent_owner

#: practices listed as evidence, in all (shared by the types shown)
EVIDENCE_MAX = 6


def _diff(f: Facts, d: float, share: float | None = None, own: float | None = None) -> str:
    """The practice against the unit's own average, in the whole points the line prints for both:
    "得分率92%，高于本单位平均3个百分点" beside an average printed as 90% did not add up (G7 #2).
    Rounding keeps order, so the difference of the rounded shares never says above for below."""
    points = round(share * 100) - round(own * 100) if share is not None and own is not None else \
        round(d * 100)
    if points == 0:
        return f.cat["pw_level"]
    return f.cat("pw_above" if points > 0 else "pw_below", d=abs(points))


def _evidence_line(f: Facts, path: PathwayResult, e: PathwayEvidence) -> str:
    peer = ""
    if e.peer_median is not None:
        peers = f.cat["pw_peers_region" if path.peer_set == SAME_REGION[0] else "pw_peers_level"]
        peer = f.cat("pw_peer", peers=peers, median=f"{e.peer_median * 100:.0f}", n=e.peers)
    r = f.inds.get(e.indicator)
    value = _practice_items(f, e, r) or (value_text(f.fw_inds[e.indicator], r, f.cat, f.lang)
                                          if r is not None and e.indicator in f.fw_inds else str(e.value))
    return f.cat("pw_evidence", ind=f.ind_label(e.indicator) if e.indicator in f.inds else e.indicator,
                 practice=pick(e, "practice", f.lang), value=value, share=f"{e.intensity * 100:.0f}",
                 diff=_diff(f, e.vs_own, e.intensity, path.own_mean), peer=peer)


def _practice_items(f: Facts, e: PathwayEvidence, r: Any) -> str:
    """A practice that is some items of a checklist, said by those items, held or not: K3's brand
    practice reads "未具备：…全国“百姓学习之星”…", not the activity week the unit has beside a 0 %
    (readings3 #8). '' for a practice that is the whole indicator."""
    ind = f.fw_inds.get(e.indicator)
    if r is None or ind is None or ind.answer.type != "checklist" or f.fw.pathways is None:
        return ""
    feat = next((x for t in f.fw.pathways.types if t.id == e.pathway for x in t.features
                 if x.indicator == e.indicator and x.practice.en == e.practice and x.items), None)
    if feat is None:
        return ""
    held = r.value if isinstance(r.value, list) else []
    labels = {i.id: i.get(f.lang) for i in ind.answer.items}
    yes = [labels.get(i, str(i)) for i in feat.items if i in held]
    no = [labels.get(i, str(i)) for i in feat.items if i not in held]
    parts = ([f.cat("pw_items_held", items=f.sep.join(yes))] if yes else []) + \
        ([f.cat("pw_items_missing", items=f.sep.join(no))] if no else [])
    return ("；" if f.zh else "; ").join(parts)


def _gives_city_records(f: Facts) -> bool:
    """The unit answered some indicators with its city's record (``from_parent``): the pathway
    leaves them out of its own average, so the evidence's introduction says so."""
    level = f.result.city.level
    return any(ind.answered_for_parent(level) and (r := f.inds.get(i)) is not None and r.state == "answered"
               for i, ind in f.fw_inds.items())


def _shown_types(path: PathwayResult, flat_min: float) -> list[str]:
    """The types whose practices are the evidence: none when nothing stands out (a flat profile)."""
    if path.type == "undetermined":
        return []
    if path.type != "mixed":
        return [path.type]
    lead = next((sc.score for sc in path.scores if sc.id == path.leading), None)
    if lead is None or lead < flat_min:
        return []
    return [t for t in (path.leading, path.runner_up) if t]


def _finding(f: Facts, path: PathwayResult, names: dict[str, str], declared: str) -> str:
    if not path.declared_types:
        return ""
    if path.matches_declared:
        return _match(f, path, names)
    observed = names.get(path.type, path.type)
    if path.type == "undetermined":
        return f.cat("pw_finding_open", city=f.city, declared=declared)
    if path.type == "mixed":
        # mixed is what the rule reads, not a finding against the declaration: the emphasis line is
        # measured against the unit's own average, so a unit good all round rarely shows one type
        if path.leading and path.leading in path.declared_types:
            if len(path.declared_types) > 1:  # only one of the declared types can lead (G3 jiangzhou)
                return f.cat("pw_mixed_declared_one_leads", city=f.city, declared=declared,
                             lead=names.get(path.leading, path.leading), observed=observed)
            return f.cat("pw_mixed_declared_leads", city=f.city, declared=declared, observed=observed)
        lead = names.get(path.leading, path.leading) if path.leading else observed
        return f.cat("pw_finding_unconfirmed", city=f.city, declared=declared, observed=observed, lead=lead)
    return f.cat("pw_finding_mismatch", city=f.city, declared=declared, observed=observed)


#: a declared type confirmed by fewer of its practices above the unit's own average than this is
#: said to rest on few practices
MATCH_PRACTICES = 2


def _match(f: Facts, path: PathwayResult, names: dict[str, str]) -> str:
    """The practice agrees with the declared type, said as firmly as the evidence allows: one practice
    of four above the unit's own average (a county at 15.7 points) confirms little, and a narrow
    classification is said to be narrow here too (readings3 #8)."""
    own = [e for e in path.evidence if e.pathway == path.type]
    above = [e for e in own if e.vs_own > 0]
    name = names.get(path.type, path.type)
    if own and len(above) < MATCH_PRACTICES:
        items = f.sep.join(f.ind_label(e.indicator) if e.indicator in f.inds else e.indicator for e in above)
        key = "pw_finding_match_few" if above else "pw_finding_match_none"
        return f.cat(key, name=name, n=len(own), k=len(above), items=items)
    spec = f.fw.pathways
    lead = next((sc.score for sc in path.scores if sc.id == path.type), None)
    narrow = spec is not None and lead is not None and (
        lead < 2 * spec.flat_min or (path.margin is not None and path.runner_up and path.margin < 2 * spec.mixed_margin))
    return f.cat("pw_finding_match_narrow", name=name) if narrow else f.cat["pw_finding_match"]


def certainty(f: Facts, path: PathwayResult, relative: bool = True) -> str:
    """How sure the observed type is, for a type the rule decided (not mixed, not undetermined):
    narrow when either margin the rule needs (above the unit's own average, ahead of the runner-up)
    is passed by less than the margin itself; and (``relative``, in 八; the summary has no room for
    it) for a unit whose own average is below the dimension floor, that "standing out" is relative
    to that low average."""
    spec = f.fw.pathways
    if spec is None or path.type in ("mixed", "undetermined"):
        return ""
    cat = f.cat
    lead = next((sc.score for sc in path.scores if sc.id == path.type), None)
    if lead is None:
        return ""
    slack = [(lead - spec.flat_min - spec.flat_min, cat["pw_sure_what_own"])]
    if path.margin is not None and path.runner_up:
        runner = pathway_names(f.fw, f.lang).get(path.runner_up, path.runner_up)
        slack.append((path.margin - spec.mixed_margin - spec.mixed_margin, cat("pw_sure_what_lead", runner=runner)))
    need = (f"{spec.flat_min * 100:.0f}" if abs(spec.flat_min - spec.mixed_margin) < 1e-9 else
            cat("pw_sure_need_two", own=f"{spec.flat_min * 100:.0f}", lead=f"{spec.mixed_margin * 100:.0f}"))
    tight = min(slack, key=lambda s: s[0])
    text = cat("pw_sure_narrow", what=tight[1], need=need) if tight[0] < 0 else cat("pw_sure_clear", need=need)
    if relative and path.own_mean is not None and f.floor > 0 and path.own_mean < f.floor:
        text += cat("pw_sure_relative", own=f"{path.own_mean * 100:.0f}")
    return text


def pathway_block(f: Facts) -> dict[str, Any]:
    """The pathway block of 七; ``text`` is empty when the framework has no pathways."""
    block: dict[str, Any] = {"text": "", "versus": "", "evidence": [], "evidence_intro": "", "finding": "", "method": ""}
    path = f.result.pathway
    if path is None:
        return block
    path = with_peers(f.result, f.fw) or path
    cat, lang = f.cat, f.lang
    names = pathway_names(f.fw, lang)
    strategies = f.fw.strategies()
    declared = cat["and_sep"].join(names.get(t, t) for t in path.declared_types) or cat["and_sep"].join(
        strategies[s].get(lang) if s in strategies else s for s in path.declared) or cat["pw_declared_none"]
    observed = names.get(path.type, pick(path, "name", lang))
    reason = pick(path, "reason", lang).rstrip("。.")
    block["versus"] = cat("pw_versus", declared=declared, observed=observed)
    if path.type == "undetermined":
        block["text"] = cat("pw_undetermined", city=f.city, reason=reason)
    elif path.type == "mixed":
        block["text"] = cat("pw_mixed", city=f.city, reason=reason)
    else:
        spec = next((t for t in f.fw.pathways.types if t.id == path.type), None) if f.fw.pathways else None
        key = "pw_observed" if f.fw.id == CHINA_FRAMEWORK_ID else "pw_observed_own"  # the study's words
        block["text"] = cat(key, city=f.city, name=observed, reason=reason[:1].upper() + reason[1:],
                            description=spec.description.get(lang) if spec else "")
        sure = certainty(f, path)
        if sure:
            block["text"] += cat["gap"] + sure
    shown = _shown_types(path, f.fw.pathways.flat_min if f.fw.pathways else 0.0)
    lines = []
    for tid in shown:
        own = sorted((e for e in path.evidence if e.pathway == tid), key=lambda e: -e.vs_own)
        lines += [_evidence_line(f, path, e) for e in own[:EVIDENCE_MAX // len(shown)]]
    if lines and path.own_mean is not None:
        block["evidence"] = lines
        intro = "pw_evidence_intro_own" if _gives_city_records(f) else "pw_evidence_intro"
        block["evidence_intro"] = cat(intro, own=f"{path.own_mean * 100:.0f}", owner=parent_owner(f))
    block["finding"] = _finding(f, path, names, declared)
    method = f.fw.pathways.method if f.fw.pathways else None
    block["method"] = method.get(lang) if method else ""
    return block
