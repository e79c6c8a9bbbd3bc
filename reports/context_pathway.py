"""Section 七（一）: the development pathway, declared beside observed.

The observed type (``Result.pathway``) is explained in the comparative study's own words (the
type's description in the framework), with the practices that decided it and how each compares
with the unit's own profile and with its peers; a declared type the practice does not bear out is
stated as a finding. The method paragraph comes from the framework (``pathways.method``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from evaluator.pathway_peers import SAME_REGION, with_peers
from evaluator.pathways import NEAR, equally_relative, low_own_average, near_average, practice_for, shown_types
from evaluator.result import PathwayEvidence, PathwayResult
from evaluator.rounding import shown_dimension_share
from evaluator.rules import num
from indicators.cities import CHINA_FRAMEWORK_ID

from .context_facts import Facts
from .context_format import pick
from .context_indicators import pathway_names, value_text
from .context_text import parent_owner

if TYPE_CHECKING:
    from collections.abc import Sequence

    from evaluator.result import Result
    from indicators.models import Framework, Indicator

    from .catalog import Catalog

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
    low = _low_dimension(f, e.indicator) if e.vs_own > 0 else None  # standing out in a weak dimension
    return f.cat("pw_evidence", ind=f.ind_label(e.indicator) if e.indicator in f.inds else e.indicator,
                 practice=pick(e, "practice", f.lang), value=value, share=_share_words(f, e, r),
                 diff=_diff(f, e.vs_own, e.intensity, path.own_mean), peer=peer) + \
        (f.cat("pw_evidence_low_dim", dim=low.id, share=shown_dimension_share(low.share, f.floor),
               floor=f.floor_pct) if low is not None and low.share is not None and f.floor > 0 else "")


def _share_words(f: Facts, e: PathwayEvidence, r: Any) -> str:
    """The practice's share as what it is: for a practice read from some items of a checklist, the
    share of those items, with the indicator's own share beside it; F6's local-curricula practice
    at "得分率100%" read as F6's score while F6 scores 50 % in Appendix 1 (G18-A6)."""
    share = f"{e.intensity * 100:.0f}"
    feat = feature_of(f.fw, e)
    ind = f.fw_inds.get(e.indicator)
    if feat is None or ind is None or r is None or r.share is None or ind.answer.type != "checklist" or \
            set(feat.items) >= {i.id for i in ind.answer.items}:
        return f.cat("pw_share", share=share)
    return f.cat("pw_share_one" if len(feat.items) == 1 else "pw_share_some", share=share, k=len(feat.items),
                 ind=e.indicator, whole=f"{r.share * 100:.0f}")


def feature_of(fw: Framework, e: PathwayEvidence) -> Any:
    """The framework's practice behind a piece of evidence when it is read from some items of its
    indicator (``items``); None for a practice that is the whole indicator."""
    if fw.pathways is None:
        return None
    return next((x for t in fw.pathways.types if t.id == e.pathway for x in t.features
                 if x.indicator == e.indicator and x.items and e.practice in _labels(fw, x)), None)


def _labels(fw: Framework, x: Any) -> set[str]:
    """The English labels a practice goes by, its own and each level's (``practice_for``)."""
    return {x.practice.en} | {practice_for(fw, x, level).en for level in fw.level_ids()}


def holdings(fw: Framework, ind: Indicator | None, e: PathwayEvidence, value: Any) -> tuple[list, list] | None:
    """(held, missing) items of a practice read from some checklist items, by ``value`` (the
    answer); None for any other practice."""
    if ind is None or ind.answer.type != "checklist":
        return None
    feat = feature_of(fw, e)
    if feat is None:
        return None
    held = value if isinstance(value, list) else []
    return [i for i in feat.items if i in held], [i for i in feat.items if i not in held]


def practice_named(fw: Framework, ind: Indicator | None, e: PathwayEvidence, lang: str) -> str:
    """A practice as a list of strengths names it: its label, or, where the unit holds only some
    of the checklist items it is read from, the indicator's name with the items it holds, so that a
    label naming two things is not credited for one (G18-A6)."""
    label = pick(e, "practice", lang)
    got = holdings(fw, ind, e, e.value)
    if ind is None or got is None or not got[0] or not got[1]:
        return label
    labels = {i.id: i.get(lang) for i in ind.answer.items}
    zh = lang == "zh"
    return ind.name.get(lang) + ("：" if zh else ": ") + ("、" if zh else ", ").join(
        labels.get(i, str(i)) for i in got[0])


def weak_dimension_ids(result: Result, fw: Framework) -> set[str]:
    """The dimensions below their floor on what the unit reported (``context_standing.lacks_data``
    leaves out those below it only for want of data, which the report does not call weak), for a
    printer without the report's facts (``lcity benchmark``)."""
    from .context_standing import lacks_data

    facts = _printer_facts(result, fw)
    return {d.id for d in result.dimensions if d.floor_met is False and not lacks_data(facts, d)}  # type: ignore[arg-type]


def _printer_facts(result: Result, fw: Framework) -> Any:
    """The few facts ``context_standing`` reads of a unit's data, for a printer without the report's."""
    from types import SimpleNamespace

    inds: dict[str, Any] = {}
    for r in result.indicators:
        inds.setdefault(r.id, r)
    return SimpleNamespace(inds=inds, floor=fw.recognition.dimension_floor, reviewed=result.review is not None)


def open_floor_words(result: Result, fw: Framework, lang: str) -> dict[str, str]:
    """Each dimension below its floor only for want of data -> the words the report's 八 puts after
    its floor reason ("（该维度有数据不详的指标，按0分计；补齐后可能达到底线…）"), for ``lcity score``,
    which printed "D维度得分率0%（失10分），低于60%的底线" in the voice of a weak dimension under a
    table marking D "?" (G27R-6)."""
    from .catalog import load_catalog
    from .context_standing import zero_kind

    cat = load_catalog(lang)
    facts = _printer_facts(result, fw)
    weak = weak_dimension_ids(result, fw)
    return {d.id: cat["concl_reason_open" + zero_kind(facts, [d])]  # type: ignore[arg-type]
            for d in result.dimensions if d.floor_met is False and d.id not in weak}


def _low_dimension(f: Facts, indicator: str) -> Any:
    """The dimension of ``indicator`` when it is below the recognition floor on what the unit
    reported, else None."""
    from .context_standing import weak_dimensions

    return next((d for d in weak_dimensions(f) if indicator in d.indicators), None)


def low_dimension_notes(result: Result, fw: Framework, evidence: Sequence[PathwayEvidence], cat: Catalog,
                        weak: set[str] | None = None) -> list[str]:
    """For practices named as a type's strength that lie in a dimension below the floor (``weak``,
    by default ``weak_dimension_ids``): that the type rests there on those practices alone and that
    the dimension as a whole is below the floor (G18-B9: Qingshi's L3 at 3 exchanges was named a
    strength beside dimension L at 50 % among its weakest), one sentence per type and dimension, in
    the order of the dimensions."""
    floor = fw.recognition.dimension_floor
    if floor <= 0:
        return []
    weak = weak_dimension_ids(result, fw) if weak is None else weak
    lang = cat.lang
    zh = lang == "zh"
    names = {t.id: t.name.get(lang) for t in fw.pathways.types} if fw.pathways else {}
    types = list(dict.fromkeys(e.pathway for e in evidence))
    level = result.city.level
    out = []
    for d in result.dimensions:
        if d.id not in weak or d.share is None:
            continue
        for tid in types:
            here = list({e.indicator: e for e in evidence if e.pathway == tid and e.indicator in d.indicators}.values())
            if not here:
                continue
            ids = [e.indicator for e in here]
            # each practice by what it is called (the part a list of strengths leads with) and its indicator
            practices = ("、" if zh else ", ").join(
                _quoted(cat, _what(practice_named(fw, _at(fw, e.indicator, level), e, lang), zh), e.indicator)
                for e in here)
            # the second such sentence does not open with "其中" / "Of these" again (G19-A10)
            key = ("pw_low_dim_one" if len(ids) == 1 else "pw_low_dim_some") + ("_more" if out else "")
            out.append(cat(key, type=names.get(tid, tid),
                           practices=practices, dim=f"{d.id} {d.name_zh if zh else d.name}",
                           ids=("、" if zh else ", ").join(ids), n=len(ids),
                           share=shown_dimension_share(d.share, floor), floor=num(round(floor * 100, 1))))
    return out


#: a quoted name inside an English label ("The '1 pattern + 2 systems' model"), not an apostrophe
_EN_INNER = re.compile(r"(?<!\w)'([^']+)'(?!\w)")


def _quoted(cat: Catalog, what: str, ind: str) -> str:
    """A practice's name in quotation marks, once: a name that is a quotation itself (“1个格局+2个体系”)
    is not quoted again (““1个格局+2个体系””), and quotes inside an English name become the inner
    kind ('The “1 pattern + 2 systems” model', not 'The '1 pattern + 2 systems' model')."""
    if cat.lang == "zh":
        if what.startswith("“") and what.endswith("”") and "“" not in what[1:-1]:
            return cat("pw_low_dim_practice_named", what=what, ind=ind)
        return cat("pw_low_dim_practice", what=what.replace("“", "‘").replace("”", "’"), ind=ind)
    return cat("pw_low_dim_practice", what=_EN_INNER.sub(r"“\1”", what), ind=ind)


def _what(text: str, zh: bool) -> str:
    """A practice's name before its "how": "对接国际" of "对接国际：开展国际交流合作"."""
    return text.partition("：" if zh else ": ")[0]


def _at(fw: Framework, indicator: str, level: str) -> Indicator | None:
    try:
        return fw.indicator(indicator).at_level(level, fw.unit_name(level))
    except KeyError:
        return None


def _practice_items(f: Facts, e: PathwayEvidence, r: Any) -> str:
    """A practice that is some items of a checklist, said by those items, held or not: K3's brand
    practice reads "未具备：…全国“百姓学习之星”…", not the activity week the unit has beside a 0 %
    (readings3 #8). '' for a practice that is the whole indicator."""
    ind = f.fw_inds.get(e.indicator)
    got = holdings(f.fw, ind, e, r.value) if r is not None else None
    if got is None or ind is None:
        return ""
    labels = {i.id: i.get(f.lang) for i in ind.answer.items}
    yes = [labels.get(i, str(i)) for i in got[0]]
    no = [labels.get(i, str(i)) for i in got[1]]
    parts = ([f.cat("pw_items_held", items=f.sep.join(yes))] if yes else []) + \
        ([f.cat("pw_items_missing", items=f.sep.join(no))] if no else [])
    return ("；" if f.zh else "; ").join(parts)


def _gives_city_records(f: Facts) -> bool:
    """The unit answered some indicators with its city's record (``from_parent``): the pathway
    leaves them out of its own average, so the evidence's introduction says so."""
    level = f.result.city.level
    return any(ind.answered_for_parent(level) and (r := f.inds.get(i)) is not None and r.state == "answered"
               for i, ind in f.fw_inds.items())


def declared_gap(f: Facts, path: Any) -> dict[str, str] | None:
    """How the one declared type's practices stand against the unit's own average where the rule
    decided another type, in the whole points a reader sees: ``kind`` "below" when they lie below
    it by at least the margin the rule asks of a type that stands out (``pathways.flat_min``), so
    that the practice contradicts the declaration; "level" when they lie within that margin of it,
    at the unit's own level, with no emphasis, which is no evidence against the declaration (G21-B5:
    Liuxi's 67 % against an average of 69 % read "与实际做法不一致"). None where there is no such
    comparison: several declared types, no score, or a declared type standing out above the margin."""
    declared = getattr(path, "declared_types", None) or []
    spec = f.fw.pathways
    own = getattr(path, "own_mean", None)
    if len(declared) != 1 or spec is None or own is None or path.matches_declared or \
            path.type in ("mixed", "undetermined"):
        return None
    return _gap_words(path, declared[0], own, spec.flat_min)


def _gap_words(path: Any, declared: str, own: float, flat_min: float) -> dict[str, str] | None:
    """``declared_gap``'s comparison itself, in the whole points a reader sees."""
    score = next((sc.score for sc in path.scores if sc.id == declared), None)
    if score is None:
        return None
    shown, avg = round((own + score) * 100), round(own * 100)
    margin = flat_min * 100
    words = {"score": f"{shown}", "own": f"{avg}", "margin": f"{margin:g}"}
    if shown < avg and avg - shown + 1e-9 >= margin:
        return {"kind": "below", **words}
    if abs(shown - avg) < margin:
        return {"kind": "level", **words}
    return None


def mixed_declared_below(f: Facts, path: Any) -> dict[str, str] | None:
    """A mixed call's one declared type (not the one put first) whose practices lie below the unit's
    own average by the rule's margin or more: the figures contradict the declaration even though no
    type stands out. 石梁区 declared 均衡发展型 with those practices at 74 % against its own 87 % and
    read only that the practice put 国际化导向型 first, short of the line (G31A-3). None otherwise."""
    declared = getattr(path, "declared_types", None) or []
    own, spec = getattr(path, "own_mean", None), f.fw.pathways
    if path.type != "mixed" or len(declared) != 1 or own is None or spec is None or path.leading in declared:
        return None
    gap = _gap_words(path, declared[0], own, spec.flat_min)
    return gap if gap is not None and gap["kind"] == "below" else None


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
        below = mixed_declared_below(f, path)  # the figures against the declaration, said after the call
        after = f.cat["gap"] + f.cat("pw_mixed_declared_below", declared=declared, **below) if below else ""
        if _level_with_average(f, path):  # no type leads: the declared one is not "the type put first"
            return f.cat("pw_finding_near", city=f.city, declared=declared, observed=observed,
                         near=f"{min(NEAR, f.fw.pathways.flat_min) * 100:g}") + after
        if path.leading and path.leading in path.declared_types:
            if len(path.declared_types) > 1:  # only one of the declared types can lead (G3 jiangzhou)
                return f.cat("pw_mixed_declared_one_leads", city=f.city, declared=declared,
                             lead=names.get(path.leading, path.leading), observed=observed)
            return f.cat("pw_mixed_declared_leads", city=f.city, declared=declared, observed=observed)
        lead = names.get(path.leading, path.leading) if path.leading else observed
        return f.cat("pw_finding_unconfirmed", city=f.city, declared=declared, observed=observed, lead=lead) + after
    gap = declared_gap(f, path)
    if gap is not None:  # the declared type's practices against the unit's own average (G21-B5)
        return f.cat("pw_finding_mismatch_gap" if gap["kind"] == "below" else "pw_finding_declared_level",
                     city=f.city, declared=declared, observed=observed, score=gap["score"], own=gap["own"],
                     margin=gap["margin"])
    return f.cat("pw_finding_mismatch", city=f.city, declared=declared, observed=observed)


def _level_with_average(f: Facts, path: PathwayResult) -> bool:
    """The leading type stands within about a point of the unit's own average (``near_average``)."""
    spec = f.fw.pathways
    lead = next((sc.score for sc in path.scores if sc.id == path.leading), None)
    return spec is not None and lead is not None and len(spec.types) > 1 and near_average(lead, spec.flat_min)


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
    slack = _slack(f, path)
    if not slack:
        return ""
    need = (f"{spec.flat_min * 100:.0f}" if abs(spec.flat_min - spec.mixed_margin) < 1e-9 else
            cat("pw_sure_need_two", own=f"{spec.flat_min * 100:.0f}", lead=f"{spec.mixed_margin * 100:.0f}"))
    tight = min(slack, key=lambda s: s[0])
    gaps = _unknown_practices(f, path)
    unsettled = unsettled_practices(f, path)
    turns = _turns_without(f, path, unsettled)
    if turns is not None:  # the call rests on figures put to the panel: said as resting on them (G32A-3)
        items = _unsettled_items(f, unsettled)
        text = cat("pw_sure_unsettled_thin", items=items) if turns == "undetermined" else \
            cat("pw_sure_unsettled_turns", items=items, other=pathway_names(f.fw, f.lang).get(turns, turns))
        return text + (cat("pw_sure_unknown", **gaps) if gaps else "") + (relative_to_own(f, path) if relative else "")
    if tight[0] < 0:
        text = cat("pw_sure_narrow", what=tight[1], need=need) + (cat("pw_sure_unknown", **gaps) if gaps else "")
    else:  # "clear" only of what is answered when the type's practices are partly unknown (G21-B4)
        text = cat("pw_sure_clear_answered", need=need, **gaps) if gaps else cat("pw_sure_clear", need=need)
    if unsettled:  # it holds without them: said, so that "较为明确" is not read as resting on them
        text += cat("pw_sure_unsettled_holds", items=_unsettled_items(f, unsettled),
                    name=pathway_names(f.fw, f.lang).get(path.type, path.type))
    return text + (relative_to_own(f, path) if relative else "")


#: the rules of ``lcity validate`` whose warning puts an answered figure to the panel: few items
#: behind a per-capita full score, a survey below its minimum sample, a figure beyond what real units
#: show, an estimate, the city's figure, a figure counted another way or otherwise than the method
UNSETTLED_RULES = frozenset({"few-items", "survey-sample", "implausible-value", "estimated-figure",
                             "parent-figure", "counting-change", "note-against-method"})


def unsettled_practices(f: Facts, path: PathwayResult) -> list[str]:
    """The practices of the observed type that stand out (above the unit's own average) on a figure
    ``lcity validate`` puts to the panel (``UNSETTLED_RULES``) and no panel has verified, in the
    framework's order: 岭口县 (30,000 residents) was "文化赋能型", "这一判定较为明确", on its E4 of
    two heritage sites (full points on two, 五 asks the panel to check them) and its K4 of 88 % from
    60 people at a market day (400 needed), with no word that two of its four practices rest on
    them (G32A-3)."""
    if f.fw.pathways is None or path.type in ("mixed", "undetermined"):
        return []
    ids = {(getattr(p.message, "values", None) or {}).get("id") for p in f.warnings if p.rule in UNSETTLED_RULES}
    out = []
    for e in path.evidence:
        r = f.inds.get(e.indicator)
        if e.pathway == path.type and e.vs_own > 0 and e.indicator in ids and r is not None \
                and r.state == "answered" and not r.verified and e.indicator not in out:
            out.append(e.indicator)
    return sorted(out, key=lambda i: f.order.get(i, 0))


def _unsettled_items(f: Facts, ids: list[str]) -> str:
    return f.sep.join(f.ind_label(i) for i in ids)


def _turns_without(f: Facts, path: PathwayResult, ids: list[str]) -> str | None:
    """The type the unit's figures show with the practices ``ids`` not counted (as if unknown), when
    that is not ``path``'s type: its id ("mixed", "undetermined" when what is left is too thin to
    judge); None when nothing is left out or the call holds."""
    if not ids:
        return None
    from evaluator.pathways import classify

    rs = [r.model_copy(update={"state": "unknown", "share": None}) if r.id in ids else r for r in f.result.indicators]
    again = classify(f.fw, f.result.model_copy(update={"indicators": rs}))
    if again is None or again.type == path.type:
        return None
    return again.type


def _slack(f: Facts, path: PathwayResult) -> list[tuple[float, str]]:
    """By how much each margin the rule needs (above the unit's own average, ahead of the runner-up)
    is passed beyond the margin itself, with its words; [] where the type has no score."""
    spec, cat = f.fw.pathways, f.cat
    lead = next((sc.score for sc in path.scores if sc.id == path.type), None)
    if spec is None or lead is None:
        return []
    slack = [(lead - spec.flat_min - spec.flat_min, cat["pw_sure_what_own"])]
    if path.margin is not None and path.runner_up:
        runner = pathway_names(f.fw, f.lang).get(path.runner_up, path.runner_up)
        slack.append((path.margin - spec.mixed_margin - spec.mixed_margin, cat("pw_sure_what_lead", runner=runner)))
    return slack


def not_firm(f: Facts, path: PathwayResult) -> bool:
    """A decided type that ``certainty`` calls "把握不大" (a margin passed by less than itself) or
    rests on its answered practices only: 四's highlight must not state it flatly ("松鹤县呈现
    “产业驱动型”特征" beside the summary's "这一判定把握不大", G25R-3)."""
    if f.fw.pathways is None or path.type in ("mixed", "undetermined"):
        return False
    slack = _slack(f, path)
    return bool(slack) and (min(s[0] for s in slack) < 0 or bool(_unknown_practices(f, path))
                            or _turns_without(f, path, unsettled_practices(f, path)) is not None)


def relative_to_own(f: Facts, path: PathwayResult) -> str:
    """For a unit whose own average is below the dimension floor: that "standing out" is relative to
    that low average ("所谓突出，是相对本单位自身较低的平均得分率（24%）而言…"); '' otherwise."""
    if not low_own_average(f.fw, path):
        return ""
    return f.cat("pw_sure_relative", own=f"{path.own_mean * 100:.0f}")


def mixed_relative(f: Facts, path: PathwayResult) -> str:
    """The caveat of ``relative_to_own`` for a mixed unit whose two leading types both stand out
    (the rule's "同样突出"), under the same threshold as a decided type's in 八: Lanchuan County, at
    an own average of 24 %, read "“文化赋能型”与“产业驱动型”的做法同样突出" on its summary page
    with nothing to say that this is relative to a low average (G21-B10). '' for any other unit.
    ``lcity score`` prints the same caveat under the same predicate (``evaluator.pathways.equally_relative``)."""
    if not equally_relative(f.fw, path):
        return ""
    return relative_to_own(f, path)


def mixed_near(f: Facts, path: PathwayResult) -> str:
    """A mixed call that misses a type by less than half of each margin the rule needs is as unsure as a
    type called by less: Moxi's culture practice stood 8 points above its own average and 3 ahead of the
    balanced type (5 needed), and its K4, one of that type's practices, is a survey rate of 83 % ± 5.5;
    八 said only "相差3个百分点，不足5个百分点" (G27R-4). The type's survey practices are named with
    their margins. '' for any other unit."""
    spec = f.fw.pathways
    lead = next((sc.score for sc in path.scores if sc.id == path.leading), None)
    if spec is None or path.type != "mixed" or lead is None or path.margin is None or not path.runner_up:
        return ""
    short_own, short_lead = max(0.0, spec.flat_min - lead), max(0.0, spec.mixed_margin - path.margin)
    if not (short_own or short_lead) or short_own >= spec.flat_min / 2 or short_lead >= spec.mixed_margin / 2:
        return ""
    names = pathway_names(f.fw, f.lang)
    text = f.cat("pw_mixed_near", lead=names.get(path.leading, path.leading))
    surveys = [f.inds[e.indicator] for e in path.evidence if e.pathway == path.leading and e.indicator in f.inds
               and f.inds[e.indicator].margin and f.inds[e.indicator].figure is not None]
    if surveys:
        text += f.cat("pw_mixed_near_survey", items=f.sep.join(
            f.cat("pw_mixed_near_item", ind=f.ind_label(r.id), figure=num(round(r.figure, 1)), margin=f"{r.margin:.1f}")
            for r in surveys))
    return text


def _unknown_practices(f: Facts, path: PathwayResult) -> dict[str, str]:
    """The observed type's practices with no data, and their share of its weight: the rule decides
    on the answered half (or more) of a type's practices, and a call made on half of them is not
    "clear" without saying so (G21-B4: Liuxi's 产业驱动型 rested on G3 and G4, its market-funding
    practices D3 and D4 unknown)."""
    spec = f.fw.pathways
    kind = next((t for t in spec.types if t.id == path.type), None) if spec is not None else None
    if kind is None:
        return {}
    weights = {e.indicator: e.weight for e in kind.features if e.indicator in f.inds
               and f.inds[e.indicator].state != "not_applicable"}
    gaps = [k for k in weights if f.inds[k].state in ("unknown", "missing")]
    if not gaps or not sum(weights.values()):
        return {}
    share = sum(weights[k] for k in gaps) / sum(weights.values())
    return {"items": f.sep.join(f.ind_label(k) for k in gaps), "share": f"{share * 100:.0f}"}


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
    # a framework none of whose types declares a strategy gives a unit no way to state one: its
    # "Declared: no strategy stated" read as a gap in the submission (G19-D3, G20-D3)
    block["versus"] = (cat("pw_versus", declared=declared, observed=observed) if strategies else
                       cat("pw_observed_only", observed=observed))
    if path.type == "undetermined":
        block["text"] = cat("pw_undetermined", city=f.city, reason=reason)
    elif path.type == "mixed":
        block["text"] = cat("pw_mixed", city=f.city, reason=reason)
        caveat = mixed_relative(f, path)  # "同样突出" relative to a low own average, as for a decided type
        if caveat:
            block["text"] += cat["gap"] + caveat
        if near := mixed_near(f, path):  # a mixed call short of a type by little is no firmer (G27R-4)
            block["text"] += cat["gap"] + near
    else:
        spec = next((t for t in f.fw.pathways.types if t.id == path.type), None) if f.fw.pathways else None
        key = "pw_observed" if f.fw.id == CHINA_FRAMEWORK_ID else "pw_observed_own"  # the study's words
        block["text"] = cat(key, city=f.city, name=observed, reason=reason[:1].upper() + reason[1:],
                            description=spec.description.get(lang) if spec else "")
        sure = certainty(f, path)
        if sure:
            block["text"] += cat["gap"] + sure
    shown = shown_types(path, f.fw.pathways.flat_min if f.fw.pathways else 0.0)
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
