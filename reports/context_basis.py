"""Sections 一 (basis and process of the evaluation) and 二 (profile of the city).

Both describe the evaluation before any score is shown: what the framework asks, which materials
and methods were used, and the city's own figures as the assessment gives them.
"""

from __future__ import annotations

import re
from typing import Any

from evaluator.rules import num
from indicators.models import PROFILE_FIGURES

from .context_facts import Facts, own_level_word
from .context_format import pick, qty
from .context_indicators import value_text
from .context_review import process_rows, process_value

#: At most this many policy documents are listed among the materials.
POLICY_DOCS_MAX = 12


def asked_thresholds(fw: Any, level: str | None) -> list[Any]:
    """The survey thresholds that hold for a unit of ``level``: one on an indicator its level is not
    asked (GOV3, asked of municipalities) holds nothing for it, as the engine scores it; a ward's
    report listed "GOV3 Ward hub plans at least 65%" among its thresholds (G20-D10)."""
    inds = {i.id: i for i in fw.indicators()}
    return [s for s in fw.recognition.survey
            if level is None or s.indicator not in inds or inds[s.indicator].applies(level)]


def basis(f: Facts) -> dict[str, Any]:
    """一: the framework and recognition rules, the materials read and the methods used."""
    cat, fw, result, rev = f.cat, f.fw, f.result, f.review
    survey_items = [cat("basis_survey_item", indicator=f.ind_label(s.indicator) if s.indicator in f.inds else s.indicator,
                        min=num(s.min)) for s in asked_thresholds(fw, result.city.level)]
    paras = [
        cat("basis_framework", framework=f.framework_full, dims=len(fw.dimensions), inds=len(f.fw_inds),
            points=num(fw.total_points)),
        fw.description.get(f.lang),
        _sources(f),
        _recognition_rule(f),
    ]
    if survey_items:
        paras.append(cat("basis_survey_rule", items=f.sep.join(survey_items), **f.survey_words))
    if fw.recognition.vetoes:
        paras.append(_veto_rule(f))

    evidence_all = [e for r in result.indicators for e in r.evidence]
    policy_docs: list[str] = []
    # the indicators the framework has answered by documents alone (China's plans, regulations and
    # mechanisms; another framework's own), not China's dimensions A and B by letter. The strategy's
    # evidence is a statement of the unit's own ("行动纲要：对标…"), shown in 二 beside the strategy,
    # and not listed as a document here.
    documentary = {i.id for i in f.fw.indicators() if set(i.evidence) == {"document"}}
    for e in [e for r in result.indicators if r.id in documentary for e in r.evidence]:
        if e not in policy_docs:
            policy_docs.append(e)
    own = _own_counts(f)
    materials = {
        "text": _materials(f, answered=own["answered"] if own else result.answered,
                           evidence=own["items"] if own else len(evidence_all)),
        "policy": policy_docs[:POLICY_DOCS_MAX],
        # a capped list says so
        "policy_more": cat("basis_policy_more", n=len(policy_docs) - POLICY_DOCS_MAX)
        if len(policy_docs) > POLICY_DOCS_MAX else "",
    }
    process = _shown_process(f, rev["process"]) if rev else {}
    return {"basis": {"paras": paras, "materials": materials, "methods": _methods(f, process),
                      "process": _process_rows(f, process) if rev else []}}


def _shown_process(f: Facts, process: dict) -> dict:
    """The review's process as the report shows it: the rates of another framework's panel survey
    named by the indicators they are, as ``lcity review validate``'s survey warning names them
    (G19-D5): "PAR3 Hub awareness: 30%", not the review's keys "awareness: 30%" (G20-D11). China's
    keep 知晓度 and 满意度, the words of its K4 and K5."""
    from evaluator.verify import survey_keys
    from indicators.cities import CHINA_FRAMEWORK_ID

    survey = process.get("survey")
    if f.fw.id == CHINA_FRAMEWORK_ID or not isinstance(survey, dict):
        return process
    named = {k: i for k, i in survey_keys(f.fw).items() if i in f.inds}  # "PART1: 31.5" too (G27-T6)
    if not any(k in survey for k in named):
        return process
    shown = {}
    for key, value in survey.items():
        rate = isinstance(value, (int, float)) and not isinstance(value, bool)
        if key in named and rate:  # a key the catalog does not know is shown as given: the name, then the rate
            shown[f.ind_label(named[key])] = f"{num(value)}%"
        else:
            shown[key] = value
    return {**process, "survey": shown}


def _process_rows(f: Facts, process: dict) -> list[dict]:
    """The process table; a framework whose panels hold no symposium (it recognises nothing, as
    the methods above say, G18-D8) calls the review's symposia meetings (G20-D11)."""
    rows = process_rows(process, f.cat, f.survey_heading("process_survey"))
    if not f.speaks_recognition:
        for row in rows:
            if row["label"] == f.cat["process_symposia"]:
                row["label"] = f.cat["process_symposia_plain"]
    return rows


def _sources(f: Facts) -> str:
    """How many public documents the indicators cite: the framework's references they cite by id
    when it keeps a references list (a document cited at several sections is one document);
    without one, only the citations can be counted ("引用…N处"), each source line once."""
    refs = {r for i in f.fw.indicators() for r in i.source.refs}
    if f.fw.references and refs:
        return f.cat("basis_sources", docs=len(refs))
    citations = {d for i in f.fw.indicators() for d in i.source.documents}
    return f.cat("basis_sources_citations", n=len(citations))


def _own_counts(f: Facts) -> dict[str, int] | None:
    """In a reviewed report, what the unit's own file gave for the indicators that apply: answered,
    unknown, missing, answered with evidence, evidence items. The Result counts the panel's answers,
    and a figure the panel did not accept is unknown there; the unit gave it, and the methods and
    materials say what the unit filed (G18-A1: "1项填报为数据不详" of a city that filed K2 with
    evidence). None in a self-assessment report, whose Result is the unit's file."""
    if not f.reviewed:
        return None
    got = {"answered": 0, "unknown": 0, "missing": 0, "with_evidence": 0, "items": 0}
    for r in f.result.indicators:
        if r.state == "not_applicable":
            continue
        a = f.assessment.answers.get(r.id)
        if a is not None and a.value is not None:
            got["answered"] += 1
            got["with_evidence"] += bool(a.evidence)
            got["items"] += len(a.evidence)
        elif a is not None and a.status == "unknown":
            got["unknown"] += 1
        elif a is None or a.status is None:
            got["missing"] += 1
    return got


def _materials(f: Facts, *, answered: int, evidence: int) -> str:
    """Who filed the data file: the unit's file, prepared by the body that prepared it (a city's
    own office, or an outside panel that filled it in), or by the unit itself when none is named."""
    body = _submitter(f)
    if body:
        # an office's name takes the article in English ("prepared by the Shiling County Education Bureau")
        # ... but not a name in Chinese characters, which is quoted as written ("prepared by 望湖区…办公室")
        latin = body[:1].isascii() and body[:1].isalpha()
        the = "" if f.zh or not latin or body[:4].lower() == "the " else "the "
        return f.cat("basis_materials", city=f.city, body=body, answered=answered, evidence=evidence, the=the)
    return f.cat("basis_materials_unit", city=f.city, answered=answered, evidence=evidence)


def _veto_rule(f: Facts) -> str:
    """The veto items and what one does: the outcome rule above counts a vetoed unit of 94 points
    as deferred if read literally, so this says that a veto refuses (and fails it) whatever the total."""
    rec = f.fw.recognition
    items = f.sep.join(v.name.get(f.lang) for v in rec.vetoes)
    refused = rec.outcomes.refused.get(f.lang)
    grade = f.fw.veto_grade()
    if grade is None:
        return f.cat("basis_vetoes", items=items, refused=refused)
    return f.cat("basis_vetoes_grade", items=items, refused=refused, grade=grade.name.get(f.lang))


def _recognition_rule(f: Facts) -> str:
    """The recognition rule in the framework's own words: its outcome labels, and only the
    conditions it has (a framework without survey thresholds or veto items names neither); a
    framework that only grades (no total to reach, no floor, no survey line) is said to."""
    cat, rec = f.cat, f.fw.recognition
    # a total of at least 0 is no condition either (a framework that only grades, G15 #3)
    conditions = [cat("rule_total", total_min=num(rec.total_min))] if rec.total_min > 0 else []
    if f.floor > 0:  # "every dimension reaches 0% of its points" is no condition
        conditions.append(cat("rule_floor", floor=f.floor_pct))
    if asked_thresholds(f.fw, f.result.city.level):
        conditions.append(cat("rule_survey", **f.survey_words))
    if rec.vetoes:
        conditions.append(cat["rule_no_veto"])
    labels = {k: getattr(rec.outcomes, k).get(f.lang) for k in ("recognised", "deferred", "refused")}
    if not conditions:  # only grades: no line to reach
        return cat("basis_recognition_grades_only", recognised=labels["recognised"])
    # one condition is not joined as the last of several ("when and the total reaches 50", G15 #3)
    joined = (cat["rule_join"].join(conditions[:-1]) + cat["rule_join_last"] if len(conditions) > 1 else "") + conditions[-1]
    rule = cat(f.rk("basis_recognition"), conditions=joined, deferred_min=num(rec.deferred_min), **labels)
    if rec.outcomes.held is not None:  # the framework's words for a unit held back (G26-T6)
        rule += cat("basis_recognition_held", recognised=labels["recognised"], held=rec.outcomes.held.get(f.lang))
    return rule


def _surveyed(f: Facts) -> tuple[list, list]:
    """The answered indicators evidenced by a survey: those of the framework's survey (its survey
    rates, where the framework names whom its surveys ask and has such rates), and the others. A
    partners' rating round (a 1–5 rating, evidence ``survey``) is no "adult survey run by the
    borough" beside the participation rate that is (G27-T3); China's K4 and K5 are both rates."""
    found = [i for i in f.fw.indicators() if i.evidence == ["survey"] and f.inds[i.id].state == "answered"]
    rates = set(f.fw.survey_rates())
    if f.fw.survey_population is None or not any(i.id in rates for i in found):
        return found, []
    return [i for i in found if i.id in rates], [i for i in found if i.id not in rates]


def _methods(f: Facts, process: dict) -> list[str]:
    cat, rev = f.cat, f.review
    methods = [_self_method(f)]
    if rev:
        if process.get("material_review"):
            detail = "" if process["material_review"] is True else process_value("material_review", process["material_review"], cat)
            methods.append(cat(f.rk("method_material"), detail=detail).strip())
        if process.get("site_visits"):
            methods.append(cat("method_site", detail=process_value("site_visits", process["site_visits"], cat)))
        if process.get("symposia"):
            methods.append(cat(f.rk("method_symposia"), detail=process_value("symposia", process["symposia"], cat)))
        if process.get("survey"):
            methods.append(cat("method_survey", detail=process_value("survey", process["survey"], cat),
                               **f.survey_words))
    survey_inds, others = _surveyed(f)
    if survey_inds and not (rev and process.get("survey")):
        ev = [e for i in survey_inds for e in f.inds[i.id].evidence]
        ev = list(dict.fromkeys(ev))
        # without a survey report filed the sentence says so, not "(未填写)" after the results
        key = "method_survey_self" if ev else "method_survey_self_bare"
        # a survey the unit's own notes give as its city's was not run by the unit (G10 #1: Nanhu's
        # K4/K5 are Jiangning's survey, "run by Nanhu District" said otherwise)
        from .context_questions import parent_figures

        city = f.assessment.city
        parent = (getattr(city, "parent_en", None) if not f.zh else None) or getattr(city, "parent", None)
        if parent and {i.id for i in survey_inds} & {r.id for r in parent_figures(f)}:
            key = key.replace("_self", "_parent")
        # one indicator takes the singular verb ("satisfaction … uses the results")
        methods.append(cat(key + "_one" if len(survey_inds) == 1 else key,
                           indicators=cat["and_sep"].join(f.ind_label(i.id) for i in survey_inds),
                           city=f.city, evidence=f.sep.join(ev), parent=parent or "", **f.survey_words))
    if others:
        ev = list(dict.fromkeys(e for i in others for e in f.inds[i.id].evidence))
        key = "method_survey_other" + ("" if ev else "_bare") + ("_one" if len(others) == 1 else "")
        methods.append(cat(key, indicators=cat["and_sep"].join(f.ind_label(i.id) for i in others),
                           city=f.city, evidence=f.sep.join(ev)))
    rates = _survey_rates(f)
    if rates:
        methods.append(cat("method_survey_rates", items=f.sep.join(rates)))
    if rev:  # the panel's own survey rate that the report does not score, said beside the rates (G18-E3)
        from .context_change import survey_gap_lines

        methods += survey_gap_lines(f)
    methods.append(_weights(f))
    if rev and rev["panel"]:
        methods.append(_panel_method(f, len(rev["panel"])))
    if not rev:
        # no survey checks to wait for where no indicator of the framework rests on a survey
        # China's panel steps (座谈交流, the panel's findings final) only where the framework recognises (G18-D8)
        methods.append(cat[f.rk("method_pending" if f.fw.has_surveys() else "method_pending_nosurvey")])
    return methods


def _submitter(f: Facts) -> str:
    """The body that prepared the self-assessment file: its own body, else (unreviewed) the body on
    the cover; "" when none is named. Never the "not given" placeholder ("未填写提交自评数据
    文件"), and never the panel of a reviewed report, which did not file it. It is named only as
    the body that prepared the file: the unit assessed itself, whoever filled in the form."""
    return f.self_body or (f.body if not f.reviewed and f.body else "")


def _self_method(f: Facts) -> str:
    """What the self-assessment gave, counted: answered, with evidence, unknown, not answered. The
    unit assessed itself (a panel that filled in the form for it did not assess itself)."""
    r = f.result
    inds = [i for i in r.indicators if i.state != "not_applicable"]
    evidence = sum(1 for i in inds if i.state == "answered" and i.evidence)  # the unit's own, not the panel's (newuser #11)
    answered, unknown, missing = r.answered, r.unknown, r.missing
    own = _own_counts(f)
    if own:  # what the unit filed, not what the panel accepted
        answered, unknown, missing, evidence = own["answered"], own["unknown"], own["missing"], own["with_evidence"]
    from .context_summary import nil_answers, nil_kind  # a truthful "no"/0 needs no evidence (readings3 #9)

    nil = nil_answers(f)
    if nil:
        rest = answered - evidence - nil
        key = ("method_self_counts_nil_one" if nil == 1 else "method_self_counts_nil") + nil_kind(f)  # "plus 1 truthful 'no'", not "1 of them"
        return f.cat(key, city=f.city, applicable=len(inds), answered=answered, evidence=evidence,
                     nil=nil, rest=f.cat("method_self_rest", n=rest) if rest > 0 else "", unknown=unknown, missing=missing)
    return f.cat("method_self_counts", city=f.city, applicable=len(inds), answered=answered,
                 evidence=evidence, no_evidence=answered - evidence, unknown=unknown, missing=missing)


def _panel_method(f: Facts, n: int) -> str:
    """What the panel checked and changed, counted from the verified Result."""
    inds = [i for i in f.result.indicators if i.state != "not_applicable" or i.verified]
    confirmed = [i for i in inds if _confirmed(i)]
    verified = [i for i in inds if i.verified and i not in confirmed]
    changed = [i for i in inds if i.self_score is not None and abs(i.self_score - i.score) > 0.005]
    said = _panel_corrections(f, n, inds, verified, changed, len(inds) - len(verified) - len(confirmed)) \
        if verified else f.cat("method_panel_none", n=n)
    from .context_summary import panel_found

    found = panel_found(f)  # a figure the unit did not give: the panel's finding, not a correction of it (G25R-7)
    said += f.cat("method_panel_found", ids=f.cat["and_sep"].join(found)) if found else ""
    return said + (f.cat("method_panel_confirmed", k=len(confirmed), ids=f.cat["and_sep"].join(i.id for i in confirmed))
                   if confirmed else "")


def _confirmed(i: Any) -> bool:
    """An indicator the panel listed and found as the unit filed it (Songhe's K4, 81 % re-checked on
    its 430 questionnaires, "与自评一致"): a confirmation, not one of the corrections (G25R-6)."""
    return bool(i.verified) and i.state == "answered" and i.self_value is not None and i.self_value == i.value \
        and i.self_score is not None and abs(i.self_score - i.score) <= 0.005


def _panel_corrections(f: Facts, n: int, inds: list, verified: list, changed: list, rest: int) -> str:
    """The panel's corrections and the indicators accepted as self-assessed."""
    # the review file lists only the indicators the panel corrects; every other one is accepted as
    # self-assessed (the form says so). "核查了1项" would read as if the panel looked at one indicator
    # and took the rest on trust: say what the record holds, the whole set reviewed, the corrections
    # named, the rest accepted, and no more (a site visit or a survey is in the process list).
    ids = f.cat["and_sep"]
    if {i.id for i in changed} == {i.id for i in verified}:
        lower = all(i.score < (i.self_score or 0) for i in changed)
        return f.cat("method_panel_reviewed_lower" if lower else "method_panel_reviewed", n=n, total=len(inds),
                     verified=len(verified), ids=ids.join(i.id for i in verified), rest=rest)
    # none of the corrections moves a score (a figure on the same step, a rejected figure that scored
    # nothing): "其中0项得分随之改变（—）" read as a value missing (G20-A10)
    key = "method_panel_reviewed_some" if changed else "method_panel_reviewed_unchanged"
    return f.cat(key, n=n, total=len(inds), verified=len(verified),
                 ids=ids.join(i.id for i in verified), changed=len(changed),
                 changed_ids=ids.join(i.id for i in changed), rest=rest)


def _survey_rates(f: Facts) -> list[str]:
    """Each answered survey rate with its sample and 95 % margin of error, from the answer's
    sample_size: a rate the panel verified at its own survey's figure carries that survey's sample
    (``evaluator.verify``, G22-R2); another verified rate has none to give (the survey's 600 beside
    a K4 the panel set at 79 % claimed a sample nobody drew)."""
    from evaluator.engine import margin
    from evaluator.sampling import named_count, named_sample

    from .context_robustness import before_figure  # "learning 31.5%", not "learning31.5%" (G28T, G29R)

    thresholds = {s.indicator for s in f.fw.recognition.survey}
    out = []
    for i in f.fw.indicators():
        r = f.inds.get(i.id)
        resident_survey = i.survey is not None or i.id in thresholds or r is not None and r.sample_size
        if r is None or r.state != "answered" or r.figure is None or not resident_survey:
            continue
        n = r.sample_size
        m = r.margin if r.margin is not None else (margin(r.figure, n) if n else None)
        if n and m is not None:
            out.append(f.cat("survey_rate", ind=before_figure(f, f.ind_label(i.id)), figure=num(round(r.figure, 1)), n=num(n),
                             margin=f"{m:.1f}"))
        elif named := named_sample([*r.evidence, r.note]):  # quoted in Chinese, its count in English
            out.append(f.cat("survey_rate_no_n_named", ind=before_figure(f, f.ind_label(i.id)), figure=num(round(r.figure, 1)),
                             named=named if f.zh else num(named_count(named))))
        else:
            out.append(f.cat("survey_rate_no_n", ind=before_figure(f, f.ind_label(i.id)), figure=num(round(r.figure, 1))))
    return out


def _why_out(f: Facts, r) -> str:
    """Why one indicator is out of the unit's total, from what the inputs record: the framework
    does not ask it of the unit's level, the panel found it not applicable (its reason), or the
    unit answered so (its note as written, or that it gave none). "不适用于本单位（或本级单位不填报）"
    left the panel to guess which, for a J3 the unit's own note explains (首次评估)."""
    cat = f.cat
    ind = next((i for i in f.fw.indicators() if i.id == r.id), None)
    if ind is not None and not ind.applies(f.result.city.level):
        return cat("weights_why_level", id=r.id, unit=f.level_word or f.unit)  # 县级单位 of a 县级市 too
    if r.verified and r.review_reasons:
        return cat("weights_why_panel", id=r.id, reason=f.sep.join(t.rstrip("。.") for t in pick(r, "review_reasons", f.lang)))
    own = f.assessment.answers.get(r.id)
    note = (getattr(own, "note", None) or "").strip()
    if note:
        return cat("weights_why_note", id=r.id, note=note.rstrip("。."))
    return cat("weights_why_bare", id=r.id)


def _weights(f: Facts) -> str:
    """The method's weights: each indicator's effective weight where it differs from its nominal
    points, after the points of not-applicable (or not-for-this-level) indicators were spread."""
    result, cat = f.result, f.cat
    k = result.max_total / (f.fw.total_points or 1)
    changed = [r for r in result.indicators if abs(r.weight - r.points * k) > 0.005]
    # "the framework states the rationale of each" only of a framework that gives rationales
    bare = "_bare" if not any(i.rationale for i in f.fw.indicators()) else ""
    if not changed:
        return cat["weights_unchanged" + bare]
    out = [r for r in changed if r.state == "not_applicable"]
    up = [r for r in changed if r.state != "not_applicable"]
    parts = [cat["weights_rule" + bare]]
    if out:
        parts.append(cat("weights_out_why", items=f.sep.join(_why_out(f, r) for r in out)))
    dropped = [d for d in result.dimensions if d.max <= 0]
    if dropped:  # no indicator of it applies: its points went to the other dimensions, not within it
        parts.append(cat("weights_out_dims", dims=f.sep.join(f.dim_label(d.id) for d in dropped)))
    if up:
        parts.append(cat("weights_effective", items=f.sep.join(
            cat("weights_item", id=r.id, weight=num(round(r.weight, 2)), points=num(r.points)) for r in up)))
    if up:
        return "".join(parts)
    return "".join(parts).rstrip("；; ") + ("。" if f.zh else ".")


def profile(f: Facts) -> dict[str, Any]:
    """二: the city's figures, the ones the engine derived from them, and its strategy."""
    cat, lang = f.cat, f.lang
    c = f.assessment.city
    derived = []
    for i in f.fw.indicators():
        r = f.inds[i.id]
        if getattr(i.answer, "derive", None) is not None and r.state == "answered" and r.figure is not None:
            reported, noted = qty(num(r.value), i.answer.unit, lang), False
            if f.reviewed and r.verified and isinstance(r.self_value, (int, float)) and r.self_value != r.value:
                # the panel's figure is what the derived value comes from; the unit's is said beside it (G18-E2)
                reported = cat("reported_verified", panel=reported,
                               own=qty(num(r.self_value), i.answer.unit, lang))
                noted = True  # may wrap between words: kept on one line it ran off the page (G32T-4)
            derived.append({"id": i.id, "name": i.name.get(lang), "reported": reported, "noted": noted,
                            "derived": value_text(i, r, cat, lang)})
    own = f.fw.strategies()  # a framework's own strategies are named by its pathway types' strategy labels
    strategy_labels = [cat[f"strategy_{s}"] if f"strategy_{s}" in cat else own[s].get(lang) if s in own else s
                       for s in f.assessment.strategy.leads_with]
    # China's strategies have catalog names ("balanced ... development") that fit "{city} states that
    # it leads with {items}"; another framework's are its strategy labels, already whole statements
    # ("The city says it leads with ..."), so they stand on their own.
    stated = [s for s in f.assessment.strategy.leads_with if f"strategy_{s}" in cat]
    if strategy_labels and not stated:
        # "城市自述以…" / "The city says…": the unit by its name, as every other sentence names it
        text = re.sub(r"^(城市|The city)", lambda _: f.city, cat["and_sep"].join(strategy_labels)) + ("。" if f.zh else ".")
    elif strategy_labels:
        text = cat("strategy_text", city=f.city, items=cat["and_sep"].join(strategy_labels))
    else:
        text = cat("strategy_none", city=f.city)
    evidence = f.assessment.strategy.evidence
    said = cat("strategy_evidence", items=f.sep.join(evidence)) if evidence else ""
    if said and not f.zh and _document_numbers(evidence):  # said in words: the English text quotes no Chinese of its own
        said += " " + cat("strategy_docno")
    strategy = {"text": text, "evidence": said}
    if not own and not strategy_labels and not evidence:
        # a framework that declares no strategies gives no way to state one (validate refuses it):
        # "未填写主导策略" would read as a gap in the submission (G19-D3), so the sub-section is left out
        strategy = None
    rows = _profile_rows(f)
    return {"profile": {
        "intro": cat("profile_intro", city=f.city, year=c.reference_year) if c.reference_year
        else cat("profile_intro_noyear", city=f.city),
        "pairs": [rows[i:i + 2] for i in range(0, len(rows), 2)],
        "derived": derived,
        "derived_intro": _derived_intro(f),
        # the source of a figure the table leaves out (streets in a framework that counts none) is left out too
        "sources": [f"{_figure_label(f, k)}{cat['colon']}{v}" for k, v in c.sources.items()
                    if k not in PROFILE_FIGURES or k in figures_used(f.fw) | ALWAYS_SHOWN],
        "strategy": strategy,
    }}


def _derived_intro(f: Facts) -> str:
    """The line above the derived figures, naming what they are divided by: "如按常住人口折算为人均值"
    told an enterprise whose figures are per employee (在岗职工数) of a resident population it never
    gave (G24-T3). A framework whose derived figures divide by the population keeps that example;
    another names its own divisors, from its profile, in the report's language."""
    pers: list[str] = []
    for i in f.fw.indicators():
        derive = getattr(i.answer, "derive", None)
        if derive is not None and derive.per not in pers:
            pers.append(derive.per)
    if not pers or "population" in pers:
        return f.cat["profile_derived_intro"]
    names = [_figure_label(f, k) for k in pers]
    if not f.zh:  # "the profile's staff on the payroll": a name in the middle of a sentence
        names = [n[:1].lower() + n[1:] if n[1:2].islower() else n for n in names]
    return f.cat("profile_derived_intro_per", figures=f.cat["and_sep"].join(names))


#: the profile field a source line names -> the catalog label of the row it is the source of
_FIGURE_LABELS = {"name": "profile_name", "level": "profile_level", "parent": "profile_parent",
                  "province": "profile_province", "region": "profile_region", "population": "profile_population",
                  "population_60plus": "profile_population_60plus", "employed": "profile_employed",
                  "streets": "profile_streets", "communities": "profile_communities", "area_km2": "profile_area",
                  "gdp_per_capita": "profile_gdp", "reference_year": "profile_year"}


#: A Chinese government document number (文号): issuing office, year in 〔〕 (or [] / 【】), serial, 号
DOC_NO = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[【]\d{4}[〕\]】]\d+号")


def _document_numbers(items: list[str]) -> list[str]:
    """The 文号 in the titles filed ("青政办〔2023〕7号"), each once: an English reader sees an
    untranslated code after the title and cannot tell it is the document's official number
    (audit_english #3), so the English profile says what one is."""
    seen: list[str] = []
    for item in items:
        for m in DOC_NO.findall(item):
            if m not in seen:
                seen.append(m)
    return seen


def _figure_label(f: Facts, key: str) -> str:
    """A source line's figure by the name its row has in the table ("常住人口", not "population");
    a framework's own figure by its name; anything else as written."""
    if key in _FIGURE_LABELS:
        return f.cat[_FIGURE_LABELS[key]]
    own = {fig.id: fig.name.get(f.lang) for fig in f.fw.profile_figures}
    return own.get(key) or key


#: profile figures a report shows whenever the assessment gives them: the unit's size, which every
#: framework's per-resident figures and the density rest on
ALWAYS_SHOWN = frozenset({"population"})


def figures_used(fw) -> set[str]:
    """The profile figures a framework's rules divide by or cap with (``derive.per``, ``at_most``,
    at every level), and its own ``profile_figures``: the figures its profile table shows."""
    from evaluator.schema import rule_figures

    return {p.id for p in fw.profile_figures} | rule_figures(fw)


def _profile_rows(f: Facts) -> list[tuple[str, str]]:
    """(label, value) of each figure the assessment gives and the framework uses; figures it leaves
    out are not shown, nor China's streets and communities in a framework that counts neither.
    China's descriptive rows (province, region, area, GDP) appear only when the assessment gives
    them, which an assessment of another framework's form is never asked to."""
    cat, lang = f.cat, f.lang
    c = f.assessment.city
    used = figures_used(f.fw) | ALWAYS_SHOWN
    own_level = f.fw.unit_name(c.level)  # a framework's own level is named by its levels list
    # China's word ("县", "County") only where the framework's own name says the same: an English
    # county council is not a 县 (G32T-1)
    level = own_level_word(f.fw, c.level, cat, lang) or (
        cat[f"level_{c.level}"] if f"level_{c.level}" in cat else own_level.get(lang) if own_level else c.level)
    # the framework's own word for its levels (an enterprise has no 行政层级, G24-T3)
    label = f.fw.level_label.get(lang) if f.fw.level_label is not None else cat["profile_level"]
    rows: list[tuple[str, str]] = [(cat["profile_name"], f.city), (label, level)]
    # English reports use the profile's English names where it gives them; else the name as written
    parent = (c.parent_en if lang == "en" else None) or c.parent
    province = (c.province_en if lang == "en" else None) or c.province
    if parent:
        rows.append((cat["profile_parent"], parent))
    if province:
        rows.append((cat["profile_province"], province))
    if c.region:
        rows.append((cat["profile_region"], cat[f"region_{c.region}"]))
    if c.population:
        # one number form in the whole report: digits with separators (not 82万 beside 168,000)
        rows.append((cat["profile_population"], qty(num(c.population), cat["unit_people"], lang)))
    if c.population_60plus and "population_60plus" in used:
        rows.append((cat["profile_population_60plus"], qty(num(c.population_60plus), cat["unit_people"], lang)))
    if c.employed and "employed" in used:
        rows.append((cat["profile_employed"], qty(num(c.employed), cat["unit_people"], lang)))
    if c.streets and "streets" in used:
        rows.append((cat["profile_streets"], qty(num(c.streets), cat["unit_count"], lang)))
    if c.communities and "communities" in used:
        rows.append((cat["profile_communities"], qty(num(c.communities), cat["unit_count"], lang)))
    if c.area_km2:
        rows.append((cat["profile_area"], qty(num(c.area_km2), cat["unit_km2"], lang)))
    if c.gdp_per_capita:
        rows.append((cat["profile_gdp"], qty(num(c.gdp_per_capita), cat["unit_yuan"], lang)))
    for fig in f.fw.profile_figures:  # the framework's own profile figures (city.figures)
        if c.figures.get(fig.id):
            rows.append((fig.name.get(lang), qty(num(c.figures[fig.id]), fig.unit, lang)))
    if c.population and c.area_km2:
        rows.append((cat["profile_density"], qty(num(round(c.population / c.area_km2)), cat["unit_per_km2"], lang)))
    if c.population and c.population_60plus and "population_60plus" in used:
        rows.append((cat["profile_share_60"], f"{c.population_60plus / c.population * 100:.1f}%"))
    if c.reference_year:
        rows.append((cat["profile_year"], str(c.reference_year)))
    return rows
