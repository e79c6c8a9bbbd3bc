"""五's questions for the panel from ``lcity validate``'s warnings: a figure the checks doubt (a survey
rate on too small a sample, a figure far outside what real units show, a percentage typed as a
fraction, a profile figure that cannot be right) and a judgment the score takes at its word (a
"not applicable" without its reason). The warnings went to the terminal only, and the panel signs
the report: a score it was never told to doubt reads as checked.

One line per warning, naming the indicator by its id and name and the figure as the report writes
it (the Result's figure, not the terminal's), said as a question the panel settles before it
confirms the score. A question is left out once the panel has verified every indicator it is about
(it has then asked). A warning that the report already says elsewhere, or that no judgment rests
on, is not repeated (``SAID_ELSEWHERE``); a warning of a rule this module does not know is said in
validate's own words, when it names an indicator the report scores.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from evaluator.rules import num
from indicators.messages import say

from .context_facts import Facts
from .context_format import qty, row_unit
from .context_standing import margin_thresholds

#: Warnings 五 does not put to the panel, and why: each is said elsewhere in the report, or no
#: judgment rests on it.
SAID_ELSEWHERE = {
    "missing-answer": "五 lists unknown and missing data, with the points at stake",
    "survey-margin": "五 lists the survey thresholds within the margin of error",
    "funds-without-line": "五 puts it to the panel from the Result (context_findings.panel_questions)",
    "no-evidence": "附件3 lists the answers without evidence and 一 counts them",
    "low-coverage": "the grade says it: 数据不足，不予定级 / not ratable",
    "default-framework": "一 names the framework the answers were scored against",
    "not-for-level": "一 names the indicators excluded at the unit's level; the answer is not scored",
    "split-evidence": "how an evidence list was typed; no score rests on it",
}


def _ind(f: Facts, ind_id: Any) -> Any:
    """The indicator's result when the report scores it, else None."""
    return f.inds.get(ind_id) if isinstance(ind_id, str) else None


def _figure(f: Facts, r: Any) -> str:
    """The figure the rule scored, with its unit, as the report writes figures."""
    return qty(num(r.figure), row_unit(f, r, f.lang), f.lang)


def _profile_name(f: Facts, figure: str) -> str:
    """A profile figure by the name 二 (基本情况) gives it, or the framework's own name for it."""
    key = {"area_km2": "profile_area", "gdp_per_capita": "profile_gdp"}.get(figure, f"profile_{figure}")
    if key in f.cat:  # "Resident population" heads a row in 二; inside an English sentence it is lower-case
        return f.cat[key] if f.zh else f.cat[key][:1].lower() + f.cat[key][1:]
    spec = next((p for p in f.fw.profile_figures if p.id == figure), None)
    return spec.name.get(f.lang) if spec is not None else figure


def _labels(f: Facts, rs: list[Any]) -> str:
    """Indicators by id and name, joined by 、 — or by ； when a name holds 、 itself ("E4 沉浸式、
    体验式学习场景"), so that a reader can count them (as 三 joins items)."""
    labels = [f.ind_label(r.id) for r in rs]
    sep = f.cat["fd_clause_sep"] if any(f.sep.strip() in label for label in labels) else f.sep
    return sep.join(labels)


def _derived_from(f: Facts, figure: str) -> list[Any]:
    """The answered indicators whose scored figure is divided by the profile figure ``figure``."""
    out = []
    for r in f.answered:
        derive = getattr(f.fw_inds[r.id].answer, "derive", None)
        if derive is not None and derive.per == figure:
            out.append(r)
    return out


def _of_profile(f: Facts, key: str, figure: str, **values: Any) -> str | None:
    """A question about a profile figure: the indicators divided by it are named; None when the
    panel has verified them all, or none is scored on it."""
    rs = _derived_from(f, figure)
    if not rs or all(r.verified for r in rs):
        return None
    return f.cat(key, figure=_profile_name(f, figure), inds=_labels(f, rs), **values)


def _small_sample(f: Facts, v: dict) -> str | None:
    """A rate on too small a sample: the unit's step (survey again at the framework's sample) beside
    the panel's. Not asked when its threshold lies within the margin: 五（一） says it there, with the
    same step; Yunxi's K4 and K5 were asked in both (G12 #13)."""
    r = _ind(f, v.get("id"))
    if r is None or r.figure is None or not r.sample_size or any(m.id == r.id for m, _ in margin_thresholds(f)):
        return None
    return f.cat("q_small_sample", ind=f.ind_label(r.id), id=r.id, figure=_figure(f, r), n=num(r.sample_size),
                 least=num(v.get("least", 0)), margin=f"{r.margin:.1f}" if r.margin is not None else v.get("moe", "—"),
                 unit=f.unit)


def _no_sample(f: Facts, v: dict) -> str | None:
    r = _ind(f, v.get("id"))
    survey = getattr(f.fw_inds.get(r.id), "survey", None) if r is not None else None
    if r is None or r.figure is None or survey is None:
        return None
    from .context_sample import required  # the framework's minimum for the people there are (G31T2)

    return f.cat("q_no_sample", ind=f.ind_label(r.id), id=r.id, figure=_figure(f, r), least=num(required(f, r.id)))


def _implausible(high: bool) -> Callable[[Facts, dict], str | None]:
    def said(f: Facts, v: dict) -> str | None:
        r = _ind(f, v.get("id"))
        plausible = getattr(f.fw_inds[r.id].answer, "plausible", None) if r is not None else None
        bound = getattr(plausible, "max" if high else "min", None)
        if r is None or r.figure is None or bound is None:
            return None
        unit = row_unit(f, r, f.lang)
        derive = getattr(f.fw_inds[r.id].answer, "derive", None)
        key = ("q_implausible_high" if high else "q_implausible_low") + ("_per" if derive is not None else "")
        raw = ""
        if derive is not None and isinstance(r.value, (int, float)):  # the quantity as typed, and what it gave
            raw = qty(num(r.value), f.fw_inds[r.id].answer.unit, f.lang)
        return f.cat(key, ind=f.ind_label(r.id), id=r.id, figure=_figure(f, r), bound=qty(num(bound), unit, f.lang),
                     per=_profile_name(f, derive.per) if derive is not None else "", raw=raw)
    return said


def _over_population(f: Facts, v: dict) -> str | None:
    """A share of a population above 100 % is asked as what it is: more people than the population,
    which a count of residents, each once, cannot be; "a wrong number of zeros" is not its cause."""
    r = _ind(f, v.get("id"))
    derive = getattr(f.fw_inds[r.id].answer, "derive", None) if r is not None else None
    if r is None or r.figure is None or derive is None or not isinstance(r.value, (int, float)):
        return None
    base = f.assessment.city.figure(derive.per)
    if not base:
        return None
    raw = qty(num(r.value), f.fw_inds[r.id].answer.unit, f.lang)
    return f.cat("q_over_population", ind=f.ind_label(r.id), id=r.id, figure=_figure(f, r), raw=raw,
                 per=_profile_name(f, derive.per), base=num(base))


def _fraction(f: Facts, v: dict) -> str | None:
    r = _ind(f, v.get("id"))
    if r is None or r.figure is None:
        return None
    return f.cat("q_fraction_percent", ind=f.ind_label(r.id), id=r.id, figure=_figure(f, r),
                 meant=qty(num(round(r.figure * 100, 2)), "%", f.lang))


def _na_no_note(f: Facts, v: dict) -> str | None:
    r = _ind(f, v.get("id"))
    if r is None or r.state != "not_applicable":
        return None
    return f.cat("q_na_no_note", ind=f.ind_label(r.id), id=r.id)


def _na_whole_dimension(f: Facts, v: dict) -> str | None:
    """A dimension the unit's own not-applicable answers left out of the score, floor and all
    (G21-B2): its indicators by name, each with the unit's reason as written."""
    rs = [r for r in (_ind(f, i) for i in _ids(v.get("ids"))) if r is not None and r.state == "not_applicable"]
    if not rs or all(r.verified for r in rs):
        return None
    notes = []
    for r in rs:
        own = f.assessment.answers.get(r.id)
        note = (own.note or "").strip() if own is not None else ""
        if note and note not in notes:
            notes.append(note)
    return f.cat("q_na_whole_dimension" if f.floor > 0 else "q_na_whole_dimension_nofloor", dim=str(v.get("dim", "")), inds=_labels(f, rs), points=str(v.get("points", "")),
                 notes=f.cat["fd_clause_sep"].join(notes) if notes else "—")


def _profile_figure(f: Facts, v: dict) -> str | None:
    figure = str(v.get("key", ""))
    value = f.assessment.city.figures.get(figure) if getattr(f.assessment.city, "figures", None) else None
    if value is None:
        return None
    return _of_profile(f, "q_profile_figure", figure, value=num(value))


def _profile_employed(f: Facts, v: dict) -> str | None:
    city = f.assessment.city
    return _of_profile(f, "q_profile_employed", "employed", employed=num(city.employed), pop=num(city.population),
                       population=_profile_name(f, "population"))


def _profile_tiny(f: Facts, v: dict) -> str | None:
    return _of_profile(f, "q_profile_tiny", "population", pop=num(f.assessment.city.population),
                       least=str(v.get("least", "")))


def _missing_profile(f: Facts, v: dict) -> str | None:
    where = str(v.get("where", ""))
    figure = where.rpartition(".")[2]
    rs = [_ind(f, i) for i in _ids(v.get("ids"))]
    rs = [r for r in rs if r is not None and not r.verified]
    if not rs:
        return None
    return f.cat("q_missing_profile", figure=_profile_name(f, figure), inds=_labels(f, rs))


def _parent_figure(f: Facts, v: dict) -> str | None:
    """A figure the unit's own note or evidence says is its city's: the panel asks for the unit's own."""
    r = _ind(f, v.get("id"))
    if r is None or r.figure is None:
        return None
    city = f.assessment.city
    parent = (getattr(city, "parent_en", None) if not f.zh else None) or say(v.get("parent"), f.lang)
    return f.cat("q_parent_figure", ind=f.ind_label(r.id), id=r.id, figure=_figure(f, r), quote=say(v.get("quote"), f.lang),
                 parent=parent, unit=f.unit)


def _counting_change(f: Facts, v: dict) -> str | None:
    """A figure whose own note says it is counted another way: the note whole (validate cuts it at
    60 characters, Quyang's E1 then read '按原口径…为6200…' for 62000人) and the unit's own next step,
    to give it as the framework counts it, beside the panel's (G12 #9, #10)."""
    r = _ind(f, v.get("id"))
    own = f.assessment.answers.get(r.id) if r is not None else None
    if r is None or r.figure is None or own is None or not own.note:
        return None
    # f.unit, the word the rest of the report uses ("本区"): a framework that names no levels (china@1)
    # read "但本的填报说明…请本按指标体系的口径改填F1" (G28R-1)
    return f.cat("q_counting_change", ind=f.ind_label(r.id), id=r.id, figure=_figure(f, r), note=own.note.strip(),
                 unit=f.unit)


def _against_method(f: Facts, v: dict) -> str | None:
    """A figure whose own note says it is counted otherwise than the indicator's method: the note
    whole, the method's words it breaks and the unit's next step, to give it as the method counts it,
    beside the panel's, as a counting change is asked. Bailu's 三 quoted "平台注册账号数，未按身份证号去重"
    under E1 and nothing asked (G28A-2)."""
    r = _ind(f, v.get("id"))
    own = f.assessment.answers.get(r.id) if r is not None else None
    if r is None or r.figure is None or own is None or not own.note:
        return None
    key = "q_against_method_whole" if v.get("whole") else "q_against_method"
    return f.cat(key, ind=f.ind_label(r.id), id=r.id, figure=_figure(f, r), note=own.note.strip(),
                 method=say(v.get("method"), f.lang), unit=f.unit)


def _at_full_line(f: Facts, v: dict) -> str | None:
    """Figures lying on their full-points lines (``at-full-line``): the panel asks for the ledgers of
    those no panel has verified. Heming read 100.0, 认定为示范区, with 14 figures on their lines and
    nothing asked (G28A-1)."""
    rs = [r for r in (_ind(f, i) for i in _ids(v.get("ids"))) if r is not None and not r.verified]
    if len(rs) < 2:
        return None
    return f.cat("q_at_full_line", n=len(rs), reached=str(v.get("reached", "")),
                 inds=("、" if f.zh else ", ").join(r.id for r in rs), unit=f.unit)


def _ids(value: Any) -> list[str]:
    """The indicator ids a message lists (``indicators.messages.join`` of ids, or one id)."""
    parts = getattr(value, "parts", None)
    return [str(i) for i in parts] if parts is not None else [str(value)] if value is not None else []


#: How 五 asks each warning, by the message the check raised (``indicators/messages``).
ASKED: dict[str, Callable[[Facts, dict], str | None]] = {
    "check.small-sample": _small_sample,
    "check.no-sample": _no_sample,
    "check.implausible-high": _implausible(True),
    "check.implausible-low": _implausible(False),
    "check.implausible-low-derived": _implausible(False),  # a figure typed per resident (G18-E9): asked alike
    "check.share-over-population": _over_population,
    "check.fraction-percent": _fraction,
    "check.na-without-note": _na_no_note,
    "check.na-whole-dimension": _na_whole_dimension,
    "check.na-whole-dimension-nofloor": _na_whole_dimension,
    "check.implausible-figure": _profile_figure,
    "check.profile-employed-over-all": _profile_employed,
    "check.profile-tiny-population": _profile_tiny,
    "check.missing-profile-warning": _missing_profile,
    "check.parent-figure": _parent_figure,
    "check.counting-change": _counting_change,
    "check.note-against-method": _against_method,
    "check.at-full-line": _at_full_line,
    "check.note-against-method-whole": lambda f, v: _against_method(f, {**v, "whole": True}),
}


def _in_own_words(f: Facts, p: Any, v: dict) -> str | None:
    """A warning of a rule not listed here, in validate's words, when it names a scored indicator
    and was raised in the assessment itself (not in a framework file given by path)."""
    r = _ind(f, v.get("id"))
    if r is None or r.verified or (f.file_name and PurePath(p.file).name != f.file_name):
        return None
    text = say(_whole_quotes(f, r.id, p.message), f.lang).rstrip("。.")
    return f.cat("q_other", ind=f.ind_label(r.id), id=r.id, text=text)


def _whole_quotes(f: Facts, ind_id: str, message: Any) -> Any:
    """``message`` with the unit's own words it quotes whole: validate cuts a quote at 60 characters
    for a terminal's line, and the report has room for them. Songxi's 五 asked the panel about
    "D1's note says the figure is an estimate ('Budget figure; the final accounts for 2025 are not yet
    publi… (88 characters)')" (G28R-7)."""
    from indicators.messages import Msg

    values, own = getattr(message, "values", None), f.assessment.answers.get(ind_id)
    if not values or own is None:
        return message
    texts = [t.strip() for t in [own.note or "", *own.evidence] if t and t.strip()]
    whole = {k: next((t for t in texts if t.startswith(str(v.values.get("start", "")))), None)
             for k, v in values.items() if getattr(v, "key", None) == "shape.shortened"}
    whole = {k: t for k, t in whole.items() if t}
    return Msg(message.key, **{**values, **whole}) if whole else message


def warning_questions(f: Facts) -> list[str]:
    """The questions for the panel from the assessment's warnings, one line each, in the
    framework's order of the indicators they are about (the profile's first: every figure divided
    by it rests on them); none twice."""
    out: dict[str, int] = {}
    order = f.order
    for p in f.warnings:
        if p.rule in SAID_ELSEWHERE:
            continue
        key, values = getattr(p.message, "key", None), getattr(p.message, "values", None) or {}
        r = _ind(f, values.get("id"))
        if r is not None and r.verified:
            continue  # the panel has verified it: it has asked
        ask = ASKED.get(key) if key else None
        text = ask(f, values) if ask is not None else _in_own_words(f, p, values)
        if text and text not in out:
            out[text] = order.get(r.id, len(order)) if r is not None else -1
    rs = unbacked(f)
    if _rests_on(f, rs):  # the outcome rests on answers without evidence (G21-B1): asked first
        points = sum(x.score for x in rs)
        ids = ("、" if f.zh else ", ").join(x.id for x in rs) if len(rs) > 5 else _labels(f, rs)
        out[f.cat("q_unbacked", n=len(rs), inds=ids, points=f"{points:.1f}",
                  share=num(round(points / f.result.total * 100)) if f.result.total > 0 else "0")] = -2
    return sorted(out, key=lambda t: out[t])


def doubtful(f: Facts) -> list[Any]:
    """The answered indicators whose figure ``lcity validate`` finds beyond what real units show
    (``implausible-value``) and no panel has verified, in the framework's order. 五 asks the panel
    about each; the summary must say so too, beside the outcome and the strengths that rest on them:
    a district with 117 % of its over-60s in seniors' education read "认定为示范区" with that figure
    as a main strength, the question only on page 12 (G3 audit, fengming)."""
    ids = {(getattr(p.message, "values", None) or {}).get("id") for p in f.warnings if p.rule == "implausible-value"}
    found = [r for i in ids if (r := _ind(f, i)) is not None and r.state == "answered" and not r.verified]
    return sorted(found, key=lambda r: f.order.get(r.id, 0))


def parent_figures(f: Facts) -> list[Any]:
    """The answered indicators whose note or evidence says the figure is the unit's city's
    (``parent-figure``) and no panel has verified, in the framework's order: Nanhu was recognised on
    eight of them, 15.0 of its 88.1 points, with nothing on the summary page saying so (G4 audit)."""
    ids = {(getattr(p.message, "values", None) or {}).get("id") for p in f.warnings if p.rule == "parent-figure"}
    found = [r for i in ids if (r := _ind(f, i)) is not None and r.state == "answered" and not r.verified]
    return sorted(found, key=lambda r: f.order.get(r.id, 0))


def counted_otherwise(f: Facts) -> list[Any]:
    """The answered indicators whose own note says the figure is now counted another way
    (``counting-change``) and no panel has verified, in the framework's order: Quyang's second cycle
    was recognised with online views in F1 and attendances in I1, I1 a main strength, nothing on the
    summary page saying so (G8 audit)."""
    ids = {(getattr(p.message, "values", None) or {}).get("id") for p in f.warnings if p.rule == "counting-change"}
    found = [r for i in ids if (r := _ind(f, i)) is not None and r.state == "answered" and not r.verified]
    return sorted(found, key=lambda r: f.order.get(r.id, 0))


def estimated(f: Facts) -> list[Any]:
    """The answered indicators whose own note or evidence gives the figure as an estimate
    (``estimated-figure``) and no panel has verified, in the framework's order: 五 asks the panel
    about each, so a strength or a robust outcome resting on one says so too (G25R-8)."""
    ids = {(getattr(p.message, "values", None) or {}).get("id") for p in f.warnings if p.rule == "estimated-figure"}
    found = [r for i in ids if (r := _ind(f, i)) is not None and r.state == "answered" and not r.verified]
    return sorted(found, key=lambda r: f.order.get(r.id, 0))


def against_method(f: Facts) -> list[Any]:
    """The answered indicators whose own note says the figure is counted otherwise than the
    indicator's method (``note-against-method``) and no panel has verified, in the framework's
    order: 五 asks the panel about each, and the summary says what rests on them (G28A-2)."""
    ids = {(getattr(p.message, "values", None) or {}).get("id") for p in f.warnings if p.rule == "note-against-method"}
    found = [r for i in ids if (r := _ind(f, i)) is not None and r.state == "answered" and not r.verified]
    return sorted(found, key=lambda r: f.order.get(r.id, 0))


def doubtful_mark(f: Facts, ind_id: str) -> str:
    """The mark after a strength whose figure is one of ``doubtful`` (or ``counted_otherwise``, or
    ``parent_figures``): marked, not left out, as a strength the panel has not verified after a veto
    is (``context_review.unverified_mark``). Nanhu's 三 and 四 read the city's 27.93 % as 本区
    "达到25%的满分标准" unmarked while 五 asked the panel about it (G12 #6)."""
    if any(r.id == ind_id for r in doubtful(f)):
        return f.cat["strength_doubtful"]
    if any(r.id == ind_id for r in counted_otherwise(f)):
        return f.cat["strength_counting"]
    if any(r.id == ind_id for r in parent_figures(f)):
        return f.cat["strength_parent"]
    if any(r.id == ind_id for r in estimated(f)):
        return f.cat["strength_estimated"]
    if any(r.id == ind_id for r in against_method(f)):
        return f.cat["strength_against_method"]
    rs = unbacked(f)  # an outcome that rests on answers without evidence: its strengths are claims (G21-B1)
    return f.cat["q_strength_unbacked"] if any(r.id == ind_id for r in rs) and _rests_on(f, rs) else ""


def strength_marks(f: Facts, ind_id: str) -> str:
    """Every mark after one of the unit's strengths: the review's (``context_review.unverified_mark``)
    then the figure's (``doubtful_mark``), without saying "no evidence" twice: Jinsha's D1, on which
    (with 45 other unevidenced answers) its outcome rests, read "满分标准（未附佐证材料）（未列佐证材料，
    待核实）" once G31R-1 marked every unevidenced strength."""
    from .context_review import unverified_mark

    own, doubt = unverified_mark(f, ind_id), doubtful_mark(f, ind_id)
    if own == f.cat["strength_unbacked"] and doubt == f.cat["q_strength_unbacked"]:
        own = ""
    return own + doubt


def doubtful_reason(f: Facts) -> list[str]:
    """Lines for the summary's deciding conditions: the doubtful figures (beyond what real units
    show), then the figures the unit says are its city's, each group with the points it carries,
    the total without them and which line (grade, recognition) it then falls below: arithmetic on
    the scored points only (no other rule re-read), so the reader sees how much of the outcome waits
    on the panel's check. Nothing for a unit not rated or failed by a veto."""
    return (_reason_without(f, doubtful(f), "sum_reason_doubtful") + _reason_without(f, parent_figures(f), "q_reason_parent")
            + _reason_without(f, counted_otherwise(f), "q_reason_counting")
            + _reason_without(f, estimated(f), "q_reason_estimated")
            + _reason_without(f, against_method(f), "q_reason_against_method") + _na_dimension_reason(f)
            + (_reason_without(f, rs, "q_reason_unbacked", ids=True) if _rests_on(f, rs := unbacked(f)) else []))


def unbacked(f: Facts) -> list[Any]:
    """The answers that earn points with no evidence listed and no panel's verification (half
    confidence each, 附件3 lists them)."""
    from evaluator.engine import unbacked as unbacked_answers

    return unbacked_answers(f.result.indicators)


def _rests_on(f: Facts, rs: list[Any]) -> bool:
    """Whether the outcome turns on the points of ``rs``: without them the total falls below the line
    of the unit's outcome (G21-B1: Jinsha's 95.9, 认定为示范区, on 46 answers of 47 without
    evidence). Where only the grade or nothing turns on them, 附件3 lists them and 一 counts them."""
    r = f.result
    if not rs or not r.ratable or r.vetoes:
        return False
    rest = r.total - sum(x.score for x in rs)
    return any(rest + 1e-9 < line <= r.total + 1e-9 for line, _ in _outcome_lines(f) if line > 0)


def _outcome_lines(f: Facts) -> list[tuple[float, str]]:
    """The total's lines the outcome turns on, each with its name's key: the deferral line always, the
    recognition line only where nothing but held figures stands between the unit and recognition.
    Qinghe, deferred by L below its floor, read "F1 … 不计其得分，总分为81.5分，低于认定线85分：评估结论
    取决于核实结果": at 81.5 it is deferred just the same (G28R-2)."""
    r, rec = f.result, f.fw.recognition
    lines = [(rec.deferred_min, "q_line_deferral")]
    if r.recognition.outcome == "recognised" or r.recognition.recognised_if_verified:
        lines.append((rec.total_min, "q_line_recognition"))
    return lines


def _na_dimension_reason(f: Facts) -> list[str]:
    """A recognition that rests on a dimension the unit's own not-applicable answers left out of the
    score, floor and all, until the panel has checked them (G21-B2: Minghu with L2 and L3 'not
    applicable' read 91.5, recognised, L never held to its floor)."""
    r = f.result
    if not r.ratable or r.vetoes or not (r.recognition.outcome == "recognised" or r.recognition.recognised_if_verified):
        return []
    out = []
    for p in f.warnings:
        key, values = getattr(p.message, "key", None), getattr(p.message, "values", None) or {}
        if key not in ("check.na-whole-dimension", "check.na-whole-dimension-nofloor"):
            continue
        rs = [x for x in (_ind(f, i) for i in _ids(values.get("ids"))) if x is not None and x.state == "not_applicable"]
        if not rs or all(x.verified for x in rs):
            continue
        dim = str(values.get("dim", ""))
        out.append(f.cat("q_reason_na_dimension" if f.floor > 0 else "q_reason_na_dimension_nofloor", dim=f.dim_label(dim), inds=_labels(f, rs), points=str(values.get("points", "")),
                         floor=f.floor_pct, outcome=f.fw.recognition.outcomes.recognised.get(f.lang)))
    return out


def _reason_without(f: Facts, rs: list[Any], key: str, ids: bool = False) -> list[str]:
    """The deciding line ``key`` for the figures ``rs``: their points and the total without them."""
    r = f.result
    points = sum(x.score for x in rs)
    if not rs or points <= 0 or not r.ratable or r.vetoes:
        return []
    rest = r.total - points
    grades = sorted(f.fw.grades, key=lambda g: -g.min)
    below = next((g for g in grades if rest + 1e-9 >= g.min), grades[-1])
    # the lowest line the total without them falls below: Nanhu's 73.1 is under the deferral line
    # of 75 too, which decides more than "below the recognition line" (G4 audit)
    outcome = next(((line, key) for line, key in _outcome_lines(f) if rest + 1e-9 < line <= r.total + 1e-9), None)
    grade_line = next((g.min for g in grades if g.id == r.grade.id), None) if below.id != r.grade.id else None
    if outcome and grade_line is not None:
        effect = f.cat("q_doubtful_both", line_name=f.cat[outcome[1]], line=num(outcome[0]))
    elif outcome:
        effect = f.cat("q_doubtful_outcome", line_name=f.cat[outcome[1]], line=num(outcome[0]))
    elif grade_line is not None:
        effect = f.cat("q_doubtful_grade", grade=r.grade.name_zh if f.zh else r.grade.name, line=num(grade_line))
    else:
        effect = f.cat["q_doubtful_none"]
    # many answers are named by their ids, as 附件3 lists them by name
    inds = ("、" if f.zh else ", ").join(x.id for x in rs) if ids and len(rs) > 5 else _labels(f, rs)
    key = f"{key}_one" if len(rs) == 1 and f"{key}_one" in f.cat else key  # not "共1项", "1 figures"
    return [f.cat(key, inds=inds, n=len(rs), points=f"{points:.1f}", rest=f"{rest:.1f}", effect=effect)]
