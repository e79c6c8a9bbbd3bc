"""Checks on a framework that a pydantic model alone cannot place at a line.

Each function is one rule: its name is the rule id with dashes, its docstring says what it
protects against, and it yields Problems. A framework with any problem is refused, because every
score computed from it would be suspect.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from typing import Callable, Iterator

from .modelcheck import _dotted
from .models import MAX_WEIGHT, PROFILE_FIGURES, RULE_FITS, Framework, Indicator
from .messages import Msg, join
from .problems import Problem, did_you_mean
from .safeyaml import Marked

Check = Callable[[Framework, Marked], Iterator[Problem]]
CHECKS: list[Check] = []
EPS = 1e-6


def check(fn: Check) -> Check:
    CHECKS.append(fn)
    return fn


def _indicator_paths(fw: Framework):
    for d_i, dim in enumerate(fw.dimensions):
        for i_i, ind in enumerate(dim.indicators):
            yield ind, ("dimensions", d_i, "indicators", i_i)


#: The catalog key of each kind of id, as duplicate_id names it.
_WHAT = {
    "dimension": "fw.what-dimension", "indicator": "fw.what-indicator", "grade": "fw.what-grade",
    "veto": "fw.what-veto", "level": "fw.what-level", "profile figure": "fw.what-profile-figure",
    "exemplar unit": "fw.what-exemplar-unit", "pathway": "fw.what-pathway", "declared strategy": "fw.what-strategy",
}


@check
def duplicate_id(fw: Framework, m: Marked) -> Iterator[Problem]:
    """Ids are how answers, reviews and reports refer to things: each must be unique."""
    groups = {
        "dimension": [(d.id, ("dimensions", i, "id")) for i, d in enumerate(fw.dimensions)],
        "indicator": [(ind.id, p + ("id",)) for ind, p in _indicator_paths(fw)],
        "grade": [(g.id, ("grades", i, "id")) for i, g in enumerate(fw.grades)],
        "veto": [(v.id, ("recognition", "vetoes", i, "id")) for i, v in enumerate(fw.recognition.vetoes)],
        "level": [(lv.id, ("levels", i, "id")) for i, lv in enumerate(fw.levels)],
        "profile figure": [(f.id, ("profile_figures", i, "id")) for i, f in enumerate(fw.profile_figures)],
        "exemplar unit": [(u.id, ("exemplar_units", i, "id")) for i, u in enumerate(fw.exemplar_units or [])],
    }
    for ind, p in _indicator_paths(fw):
        opts = getattr(ind.answer, "choices", None) or getattr(ind.answer, "items", None) or []
        key = "choices" if hasattr(ind.answer, "choices") else "items"
        groups[f"option of {ind.id}"] = [(o.id, p + ("answer", key, j, "id")) for j, o in enumerate(opts)]
    if fw.pathways:
        groups["pathway"] = [(t.id, ("pathways", "types", i, "id")) for i, t in enumerate(fw.pathways.types)]
        groups["declared strategy"] = [(t.strategy.id, ("pathways", "types", i, "strategy", "id"))
                                       for i, t in enumerate(fw.pathways.types) if t.strategy is not None]
    for i, f in enumerate(fw.profile_figures):
        if f.id in PROFILE_FIGURES:  # every assessment has it already: it is no figure of the framework's own
            yield m.problem(("profile_figures", i, "id"), "duplicate-id",
                            Msg("fw.figure-built-in", ident=f.id, figures=join(PROFILE_FIGURES)),
                            Msg("hint.fw-figure-built-in", ident=f.id))
    for what, entries in groups.items():
        what = (Msg("fw.what-option", ind=what[len("option of "):]) if what.startswith("option of ")
                else Msg(_WHAT[what]))
        first: dict[str, tuple] = {}
        for ident, path in entries:
            if ident in first:
                line = m.where(first[ident])[0]
                yield m.problem(path, "duplicate-id", Msg("fw.duplicate-id", what=what, ident=ident, line=line))
            else:
                first[ident] = path


@check
def points_add_up(fw: Framework, m: Marked) -> Iterator[Problem]:
    """Dimension points are the sum of their indicators, and the total is the sum of dimensions."""
    total = 0.0
    for d_i, dim in enumerate(fw.dimensions):
        s = sum(i.points for i in dim.indicators)
        total += dim.points
        if abs(s - dim.points) > EPS:
            yield m.problem(
                ("dimensions", d_i, "points"),
                "points-mismatch",
                Msg("fw.dim-points", dim=dim.id, declared=f"{dim.points:g}", sum=f"{s:g}"),
                Msg("hint.fw-dim-points", dim=dim.id, declared=f"{dim.points:g}", sum=f"{s:g}"),
            )
    if abs(total - fw.total_points) > EPS:
        yield m.problem(
            ("total_points",),
            "points-mismatch",
            Msg("fw.total-points", declared=f"{fw.total_points:g}", sum=f"{total:g}"),
            Msg("hint.fw-total-points", declared=f"{fw.total_points:g}", sum=f"{total:g}"),
        )


def _options(ind: Indicator) -> list[str]:
    opts = getattr(ind.answer, "choices", None) or getattr(ind.answer, "items", None) or []
    return [o.id for o in opts]


def _level_views(fw: Framework):
    """Each indicator as the framework states it, then as each level with a variant sees it."""
    for ind, p in _indicator_paths(fw):
        yield ind, p, p
        for level, variant in ind.by_level.items():
            vp = p + ("by_level", level)
            if variant.answer is not None or variant.rule is not None:
                yield ind.at_level(level), (vp if variant.rule is not None else p), (vp if variant.answer is not None else p)


@check
def rule_fits_answer(fw: Framework, m: Marked) -> Iterator[Problem]:
    """A rule must be able to score every answer its indicator accepts, and nothing else, at every
    level (a level variant's answer is scored by its own rule, or by the indicator's)."""
    for ind, p, ap in _level_views(fw):
        rule, ans = ind.rule, ind.answer
        rp = p + ("rule",)
        if ans.type not in RULE_FITS[rule.kind]:
            yield m.problem(
                rp + ("kind",),
                "rule-mismatch",
                Msg("fw.rule-answer", ind=ind.id, kind=rule.kind, type=ans.type),
                Msg("hint.fw-rule-scores", kind=rule.kind, types=join(RULE_FITS[rule.kind])),
            )
            continue
        if rule.kind == "levels":
            choices = _options(ind)
            for c in choices:
                if c not in rule.shares:
                    yield m.problem(rp + ("shares",), "rule-mismatch", Msg("fw.no-share", ind=ind.id, choice=c))
            for c, share in rule.shares.items():
                if c not in choices:
                    yield m.problem(
                        rp + ("shares", c), "rule-mismatch",
                        Msg("fw.not-choice", ind=ind.id, choice=c), did_you_mean(c, choices), key=True,
                    )
                if not 0 <= share <= 1:
                    yield m.problem(rp + ("shares", c), "rule-mismatch", Msg("fw.share-range", ind=ind.id, share=share))
        elif rule.kind == "linear":
            if rule.target == rule.floor:
                yield m.problem(rp, "rule-mismatch", Msg("fw.floor-target", ind=ind.id))
            if ans.type == "percent" and not (0 <= min(rule.floor, rule.target) and max(rule.floor, rule.target) <= 100):
                yield m.problem(rp, "rule-mismatch", Msg("fw.percent-range", ind=ind.id))
        elif rule.kind == "steps":
            mins = [s.min for s in rule.steps]
            shares = [s.share for s in rule.steps]
            if mins != sorted(mins) or len(set(mins)) != len(mins):
                yield m.problem(rp + ("steps",), "rule-mismatch", Msg("fw.steps-rise", ind=ind.id))
            elif shares != sorted(shares):  # named apart, with the way to a "sweet spot" (G15 #12)
                k = next(k for k in range(1, len(shares)) if shares[k] < shares[k - 1])
                yield m.problem(rp + ("steps", k, "share"), "rule-mismatch",
                                Msg("fw.steps-share-falls", ind=ind.id, share=f"{shares[k]:g}", min=f"{mins[k]:g}",
                                    before=f"{shares[k - 1]:g}", at=f"{mins[k - 1]:g}"),
                                Msg("fw.hint-steps-share-falls"))
        elif rule.kind == "checklist" and rule.weights:
            items = _options(ind)
            for k, w in rule.weights.items():
                if k not in items:
                    yield m.problem(
                        rp + ("weights", k), "rule-mismatch",
                        Msg("fw.not-item", ind=ind.id, item=k), did_you_mean(k, items), key=True,
                    )
                if w < 0:
                    yield m.problem(rp + ("weights", k), "rule-mismatch", Msg("fw.weight-negative", ind=ind.id, weight=w))
                elif not w <= MAX_WEIGHT:  # .nan and .inf too: the share would be nan, and the report crash
                    written = m.raw_text(rp + ("weights", k)) or f"{w:g}"
                    yield m.problem(rp + ("weights", k), "out-of-range",
                                    Msg("fw.weight-not-finite" if not math.isfinite(w) else "fw.weight-too-large",
                                        ind=ind.id, item=k, weight=written, most=f"{MAX_WEIGHT:,g}"),
                                    Msg("hint.fw-weight-relative"))


@check
def indicator_has_source(fw: Framework, m: Marked) -> Iterator[Problem]:
    """An evaluator must be able to say where every indicator, and every threshold, comes from."""
    for ind, p in _indicator_paths(fw):
        if not ind.source.paper and not ind.source.documents:
            yield m.problem(
                p + ("source",), "no-source",
                Msg("fw.no-source", ind=ind.id),
                Msg("hint.fw-add-source"),
            )
        if ind.rule.kind in ("linear", "steps") and not ind.source.thresholds:
            yield m.problem(
                p + ("source",), "no-source",
                Msg("fw.no-thresholds", ind=ind.id),
                Msg("hint.fw-cite-thresholds"),
            )


@check
def unknown_city(fw: Framework, m: Marked) -> Iterator[Problem]:
    """Exemplars point users at a unit's practice; the unit must be one of the framework's
    ``exemplar_units`` (without that list, one of the 12 Chinese reference cities)."""
    units = fw.exemplar_names()
    what = "fw.unknown-exemplar-unit" if fw.exemplar_units is not None else "fw.unknown-reference-city"
    for ind, p in _indicator_paths(fw):
        for e_i, ex in enumerate(ind.exemplars):
            if ex.city not in units:
                yield m.problem(
                    p + ("exemplars", e_i, "city"), "unknown-city",
                    Msg(what, ind=ind.id, city=ex.city),
                    did_you_mean(ex.city, units) or (Msg("hint.fw-declare-unit") if fw.exemplar_units is not None
                                                     else Msg("hint.fw-declare-units")),
                )


@check
def exemplar_shows(fw: Framework, m: Marked) -> Iterator[Problem]:
    """An exemplar's ``shows`` names what of the answer the practice shows: items of a checklist or
    choices of a choice answer. A misspelt id would point every unit at the practice, whatever it
    has, the very thing ``shows`` is there to stop."""
    for ind, p in _indicator_paths(fw):
        options = getattr(ind.answer, "items", None) or getattr(ind.answer, "choices", None)
        ids = [o.id for o in options or []]
        for e_i, ex in enumerate(ind.exemplars):
            for s_i, shown in enumerate(ex.shows):
                if not ids:
                    yield m.problem(p + ("exemplars", e_i, "shows"), "exemplar-shows",
                                    Msg("fw.shows-no-options", ind=ind.id, type=ind.answer.type),
                                    Msg("hint.fw-shows-options"))
                    break
                if shown not in ids:
                    yield m.problem(p + ("exemplars", e_i, "shows", s_i), "exemplar-shows",
                                    Msg("fw.shows-unknown", ind=ind.id, shown=shown),
                                    did_you_mean(shown, ids) or Msg("hint.fw-shows-ids", ids=", ".join(ids)))


@check
def unknown_figure(fw: Framework, m: Marked) -> Iterator[Problem]:
    """``derive.per`` and ``at_most`` divide by (or bound by) a profile figure an assessment can
    give: one of the five every assessment has, or one the framework declares in ``profile_figures``."""
    figures = fw.figure_ids()
    for ind, p in _indicator_paths(fw):
        answers = [(ind.answer, p + ("answer",))] + [(v.answer, p + ("by_level", lv, "answer"))
                                                    for lv, v in ind.by_level.items() if v.answer is not None]
        for ans, ap in answers:
            derive = getattr(ans, "derive", None)
            named = [(derive.per, ap + ("derive", "per"))] if derive is not None else []
            if getattr(ans, "at_most", None):
                named.append((ans.at_most, ap + ("at_most",)))
            if ans is ind.answer and ind.survey is not None and ind.survey.drawn_from is not None:
                named.append((ind.survey.drawn_from, p + ("survey", "drawn_from")))
            for fig, path in named:
                if fig not in figures:
                    yield m.problem(path, "unknown-figure",
                                    Msg("fw.unknown-figure", ind=ind.id, figure=fig),
                                    did_you_mean(fig, figures) or Msg("hint.fw-declare-figure"))
    for i, f in enumerate(fw.profile_figures):
        pl = f.plausible
        if pl is not None and pl.min is not None and pl.max is not None and pl.min >= pl.max:
            yield m.problem(("profile_figures", i, "plausible"), "bad-answer",
                            Msg("fw.figure-plausible", figure=f.id))


#: Pathway types the Result gives when no declared type wins.
RESERVED_PATHWAYS = ("mixed", "undetermined", "unclassified")


@check
def pathway_types(fw: Framework, m: Marked) -> Iterator[Problem]:
    """A pathway type's id is the framework's own, but ``mixed`` and ``unclassified`` are what a
    unit is when no type wins, so no type may take them."""
    for t_i, t in enumerate(fw.pathways.types if fw.pathways else ()):
        if t.id in RESERVED_PATHWAYS:
            yield m.problem(("pathways", "types", t_i, "id"), "reserved-id",
                            Msg("fw.reserved-pathway", id=t.id), Msg("hint.fw-another-id"))


@check
def grades_cover_range(fw: Framework, m: Marked) -> Iterator[Problem]:
    """Every total from 0 to 100 must get exactly one grade."""
    mins = [g.min for g in fw.grades]
    if mins != sorted(mins, reverse=True):
        yield m.problem(("grades",), "bad-grades", Msg("fw.grades-order"), Msg("hint.fw-grades-order"))
    if 0 not in mins:
        yield m.problem(("grades",), "bad-grades", Msg("fw.grades-zero"), Msg("hint.fw-grades-zero"))
    dup = [v for v, n in Counter(mins).items() if n > 1]
    if dup:
        yield m.problem(("grades",), "bad-grades", Msg("fw.grades-share", min=f"{dup[0]:g}"), Msg("hint.fw-grades-share"))


@check
def effort_refers(fw: Framework, m: Marked) -> Iterator[Problem]:
    """An effort entry (``effort.indicators``, for lcity plan) for an indicator the framework lacks
    would silently never apply."""
    if fw.effort is None:
        return
    ids = [i.id for i in fw.indicators()]
    for ind_id, entry in fw.effort.indicators.items():
        if ind_id not in ids:
            yield m.problem(("effort", "indicators", ind_id), "unknown-indicator",
                            Msg("fw.effort-unknown", ind=ind_id),
                            did_you_mean(ind_id, ids), key=True)
            continue
        for other in entry.responsible_if_not_applicable:  # else the named partner never changes
            if other not in ids:
                yield m.problem(("effort", "indicators", ind_id, "responsible_if_not_applicable", other),
                                "unknown-indicator", Msg("fw.unknown-indicator", ind=other),
                                did_you_mean(other, ids), key=True)
        ind = fw.indicator(ind_id)
        answers = [ind.answer] + [v.answer for v in ind.by_level.values() if v.answer is not None]
        # a checklist's items, or a levels indicator's choices (D2's growth costs otherwise than its line)
        known = list(dict.fromkeys(it.id for a in answers
                                   for it in (getattr(a, "items", None) or getattr(a, "choices", None) or [])))
        for item in entry.items:
            if item not in known:
                yield m.problem(("effort", "indicators", ind_id, "items", item), "unknown-value",
                                Msg("fw.effort-unknown-item", ind=ind_id, item=item),
                                did_you_mean(item, known) or Msg("hint.effort-items", items=", ".join(known) or "-"), key=True)


@check
def presupposes_refers(fw: Framework, m: Marked) -> Iterator[Problem]:
    """``presupposes`` orders a plan's tasks (the regulation before its enforcement check): an id
    the framework lacks would silently never hold, so the indicator could never be planned, and a
    cycle (B2 presupposes B1, B1 presupposes B2) leaves no task to do first."""
    ids = [i.id for i in fw.indicators()]
    needs = {i.id: [p for p in i.presupposes if p in ids] for i in fw.indicators()}
    for ind, path in _indicator_paths(fw):
        for j, other in enumerate(ind.presupposes):
            at = path + ("presupposes", j)
            if other not in ids:
                yield m.problem(at, "unknown-indicator", Msg("fw.presupposes-unknown", ind=ind.id, other=other),
                                did_you_mean(other, ids) or Msg("hint.fw-presupposes-ids", ind=ind.id))
                continue
            loop = _loop(needs, other, ind.id)
            if loop is not None:
                yield m.problem(at, "presupposes-cycle", Msg("fw.presupposes-cycle", ind=ind.id,
                                                             loop=" → ".join([ind.id, *loop])),
                                Msg("hint.fw-presupposes-cycle", ind=ind.id, other=other))


def _loop(needs: dict[str, list[str]], start: str, goal: str) -> list[str] | None:
    """The chain of ``presupposes`` from ``start`` back to ``goal`` (start first, goal last), or None."""
    seen: set[str] = set()
    stack = [(start, [start])]
    while stack:
        at, chain = stack.pop()
        if at == goal:
            return chain
        if at in seen:
            continue
        seen.add(at)
        stack.extend((n, chain + [n]) for n in reversed(needs.get(at, [])))
    return None


@check
def advice_refers(fw: Framework, m: Marked) -> Iterator[Problem]:
    """Conditional advice (top-level ``advice:``) is given only when its condition holds: an entry
    for an indicator the framework lacks, or naming an answer the indicator cannot take, would
    silently never apply."""
    ids = {i.id: i for i in fw.indicators()}
    for ind_id, entries in fw.advice.items():
        if ind_id not in ids:
            yield m.problem(("advice", ind_id), "unknown-indicator",
                            Msg("fw.advice-unknown", ind=ind_id),
                            did_you_mean(ind_id, ids))
            continue
        allowed = _possible_answers(ids[ind_id])
        level_ids = fw.level_ids()
        for e_i, e in enumerate(entries):
            for v_i, level in enumerate(e.when.levels or ()):
                if level not in level_ids:
                    yield m.problem(("advice", ind_id, e_i, "when", "levels", v_i), "bad-level",
                                    Msg("fw.unknown-level", ind=ind_id, level=level),
                                    did_you_mean(level, level_ids) or Msg("hint.fw-levels", levels=join(level_ids)))
            for v_i, other in enumerate(e.when.not_applicable):  # else the advice for a unit without it never shows
                if other not in ids:
                    yield m.problem(("advice", ind_id, e_i, "when", "not_applicable", v_i), "unknown-indicator",
                                    Msg("fw.unknown-indicator", ind=other), did_you_mean(other, ids))
            for key in ("answers", "lacks"):
                for v_i, v in enumerate(getattr(e.when, key)):
                    if v not in allowed:
                        yield m.problem(("advice", ind_id, e_i, "when", key, v_i), "unknown-value",
                                        Msg("fw.not-answer", value=_as_written(v), ind=ind_id),
                                        _answer_hint(v, allowed))
            for other, cond in e.when.related.items():  # a condition on another answer (K2's on K6's)
                at = ("advice", ind_id, e_i, "when", "related", other)
                if other not in ids:
                    yield m.problem(at, "unknown-indicator", Msg("fw.unknown-indicator", ind=other),
                                    did_you_mean(other, ids), key=True)
                    continue
                theirs = _possible_answers(ids[other])
                for key in ("answers", "lacks"):
                    for v_i, v in enumerate(getattr(cond, key)):
                        if v not in theirs:
                            yield m.problem(at + (key, v_i), "unknown-value",
                                            Msg("fw.not-answer", value=_as_written(v), ind=other),
                                            _answer_hint(v, theirs))


def _possible_answers(ind: Indicator) -> list:
    """Every answer some unit can give: the indicator's choices or items, those of its level
    variants (a village's own choices), and true/false where any of them is a yes/no question.
    A veto, a pathway practice or an advice entry may name any of them: the engine compares the
    answer as given, whatever the unit's level."""
    answers = [ind.answer] + [v.answer for v in ind.by_level.values() if v.answer is not None]
    out: list = []
    for ans in answers:
        for o in getattr(ans, "choices", None) or getattr(ans, "items", None) or []:
            if o.id not in out:
                out.append(o.id)
    if any(a.type == "boolean" for a in answers):
        out += [True, False]
    return out


#: Words YAML 1.1 read as booleans and YAML 1.2 (this loader) reads as text: an author who writes
#: ``when: [no]`` for a yes/no indicator means false.
_YAML11_BOOLS = {"yes": True, "y": True, "on": True, "no": False, "n": False, "off": False}


def _answer_hint(value: object, allowed: list) -> object:
    """How to write an answer that is not possible: 'write false' for a yes/no indicator given
    ``no`` (read as text here), else the closest possible answer."""
    if isinstance(value, str) and value.strip().lower() in _YAML11_BOOLS:
        meant = _YAML11_BOOLS[value.strip().lower()]
        if meant in allowed and not any(isinstance(a, str) and a == value for a in allowed):
            return Msg("hint.fw-write-bool", value=value, bool=_as_written(meant))
    return did_you_mean(str(value), [str(a) for a in allowed])


def _as_written(value: object) -> object:
    """An answer as the author wrote it in YAML: ``true``, not Python's ``True``."""
    return str(value).lower() if isinstance(value, bool) else value


def _largest_answer(ind: Indicator) -> float | None:
    """The largest figure an answer can give, when the framework bounds it: a percentage is at
    most 100, and any numeric answer at most its ``max``. A derived figure (``derive``) is on
    another scale: no bound."""
    if getattr(ind.answer, "derive", None) is not None:
        return None
    tops = [t for t in (getattr(ind.answer, "max", None), 100.0 if ind.answer.type == "percent" else None)
            if t is not None]
    return min(tops) if tops else None


@check
def references_exist(fw: Framework, m: Marked) -> Iterator[Problem]:
    """Recognition rules and pathway features must refer to indicators and values that exist."""
    ids = {i.id: i for i in fw.indicators()}

    def check_ref(path, indicator_id, values, key="values"):
        if indicator_id not in ids:
            yield m.problem(
                path + ("indicator",), "unknown-indicator",
                Msg("fw.unknown-indicator", ind=indicator_id), did_you_mean(indicator_id, ids),
            )
            return
        allowed = _possible_answers(ids[indicator_id])
        for v_i, v in enumerate(values):
            if v not in allowed:
                yield m.problem(
                    path + (key, v_i), "unknown-value",
                    Msg("fw.not-answer", value=_as_written(v), ind=indicator_id),
                    _answer_hint(v, allowed),
                )

    rec = fw.recognition
    for s_i, s in enumerate(rec.survey):
        yield from check_ref(("recognition", "survey", s_i), s.indicator, [])
        if s.indicator in ids and ids[s.indicator].answer.type not in ("percent", "number", "count"):
            yield m.problem(("recognition", "survey", s_i), "rule-mismatch", Msg("fw.survey-numeric", ind=s.indicator))
        elif s.indicator in ids and (top := _largest_answer(ids[s.indicator])) is not None and s.min > top + EPS:
            yield m.problem(("recognition", "survey", s_i, "min"), "rule-mismatch",
                            Msg("fw.survey-unreachable", ind=s.indicator, min=f"{s.min:g}", top=f"{top:g}"),
                            Msg("hint.fw-survey-unreachable"))
    yield from _review_survey(fw, m)
    for v_i, v in enumerate(rec.vetoes):
        if v.indicator:
            yield from check_ref(("recognition", "vetoes", v_i), v.indicator, v.when, "when")
    if rec.deferred_min > rec.total_min:
        yield m.problem(("recognition", "deferred_min"), "bad-recognition", Msg("fw.deferred-above"))
    grade_ids = [g.id for g in fw.grades]
    if rec.veto_grade is not None and rec.veto_grade not in grade_ids:
        yield m.problem(("recognition", "veto_grade"), "bad-recognition",
                        Msg("fw.veto-grade", grade=rec.veto_grade, grades=join(grade_ids)),
                        did_you_mean(rec.veto_grade, grade_ids))
    if fw.pathways:
        for t_i, t in enumerate(fw.pathways.types):
            for f_i, f in enumerate(t.features):
                yield from check_ref(("pathways", "types", t_i, "features", f_i), f.indicator, f.items, "items")


def _review_survey(fw: Framework, m: Marked) -> Iterator[Problem]:
    """``review_survey`` names the panel's rate that measures an indicator's figure: only a survey rate
    (a percent with a survey block or a survey threshold) can be one, and each rate only once."""
    rates = fw.survey_rates()
    taken: dict[str, str] = {}
    for ind, path in _indicator_paths(fw):
        key = ind.review_survey
        if key is None:
            continue
        if ind.id not in rates or ind.answer.type != "percent":
            yield m.problem(path + ("review_survey",), "rule-mismatch", Msg("fw.review-survey-not-rate", ind=ind.id),
                            Msg("hint.fw-review-survey-not-rate", ind=ind.id))
        elif key in taken:
            yield m.problem(path + ("review_survey",), "rule-mismatch",
                            Msg("fw.review-survey-twice", ind=ind.id, key=key, other=taken[key]),
                            Msg("hint.fw-review-survey-twice"))
        else:
            taken[key] = ind.id


def _practice_levels(fw: Framework, m: Marked, level_ids: tuple[str, ...]) -> Iterator[Problem]:
    """A pathway practice's own label for a level (``by_level``) must name a level of the framework,
    else it is silently never used."""
    for t_i, t in enumerate(fw.pathways.types if fw.pathways else ()):
        for f_i, f in enumerate(t.features):
            for level in f.by_level:
                if level not in level_ids:
                    yield m.problem(("pathways", "types", t_i, "features", f_i, "by_level", level), "bad-level",
                                    Msg("fw.unknown-level", ind=f.indicator, level=level),
                                    did_you_mean(level, level_ids) or Msg("hint.fw-levels", levels=join(level_ids)),
                                    key=True)


def _parentless(ind: Indicator, level_ids: tuple[str, ...]) -> list[tuple[int, str]]:
    """The levels of ``from_parent`` (with their place in the list) above which no level answers
    the indicator itself: the largest level (``from_parent: [region]`` with levels region,
    municipality, ward), or one whose every larger level is left out by ``levels`` or answers with
    a record of its own parent. A unit of such a level has nobody's record to give; lcity scored its
    own answer yet called it "the record of the unit it belongs to, not the unit's own work" and
    left it out of the unit's pathway (G20-D1)."""
    out = []
    for j, level in enumerate(ind.from_parent):
        if level not in level_ids:
            continue  # named as an unknown level above
        above = level_ids[:level_ids.index(level)]
        if not any(ind.applies(lv) and lv not in ind.from_parent for lv in above):
            out.append((j, level))
    return out


@check
def levels_known(fw: Framework, m: Marked) -> Iterator[Problem]:
    """A level variant must be for a level the indicator applies to; ``{unit}`` in a question
    needs the framework's ``levels`` names; a count bounded by a profile figure must be a count."""
    level_ids = fw.level_ids()
    for ind, p in _indicator_paths(fw):
        for j, level in enumerate(ind.levels or ()):
            if level not in level_ids:
                yield m.problem(p + ("levels", j), "bad-level", Msg("fw.unknown-level", ind=ind.id, level=level),
                                did_you_mean(level, level_ids) or Msg("hint.fw-levels", levels=join(level_ids)))
        for level in ind.by_level:
            if level not in level_ids:
                yield m.problem(p + ("by_level", level), "bad-level", Msg("fw.unknown-level", ind=ind.id, level=level),
                                did_you_mean(level, level_ids) or Msg("hint.fw-levels", levels=join(level_ids)), key=True)
        for j, level in enumerate(ind.from_parent):
            if level not in level_ids:
                yield m.problem(p + ("from_parent", j), "bad-level", Msg("fw.unknown-level", ind=ind.id, level=level),
                                did_you_mean(level, level_ids) or Msg("hint.fw-levels", levels=join(level_ids)))
        for j, level in _parentless(ind, level_ids):
            yield m.problem(p + ("from_parent", j), "bad-level",
                            Msg("fw.parent-none", ind=ind.id, level=level, levels=join(level_ids)),
                            Msg("hint.fw-parent-none", ind=ind.id, level=level))
        if ind.levels is not None:
            for level in ind.by_level:
                if level not in ind.levels:
                    yield m.problem(p + ("by_level", level), "bad-level",
                                    Msg("fw.variant-level", ind=ind.id, level=level),
                                    Msg("hint.fw-applies-to", levels=join(ind.levels)), key=True)
        texts = [ind.question, ind.name] + [v.question for v in ind.by_level.values() if v.question] + \
                [v.name for v in ind.by_level.values() if v.name]
        if any("{unit}" in t.zh or "{unit}" in t.en for t in texts if t is not None):
            missing = [lv for lv in level_ids if fw.unit_name(lv) is None]
            if missing:
                yield m.problem(p + ("question",), "bad-level",
                                Msg("fw.unit-unnamed", ind=ind.id, levels=join(missing)),
                                Msg("hint.fw-add-levels"))
        answers = [(ind.answer, p + ("answer",))] + [(v.answer, p + ("by_level", lv, "answer"))
                                                    for lv, v in ind.by_level.items() if v.answer is not None]
        for ans, ap in answers:
            if getattr(ans, "at_most", None) and ans.type != "count":
                yield m.problem(ap + ("at_most",), "bad-answer",
                                Msg("fw.at-most-count", ind=ind.id, type=ans.type))
            pl = getattr(ans, "plausible", None)
            if pl is not None and pl.min is not None and pl.max is not None and pl.min >= pl.max:
                yield m.problem(ap + ("plausible",), "bad-answer", Msg("fw.answer-plausible", ind=ind.id))
    yield from _practice_levels(fw, m, level_ids)
    if fw.replaces is not None:
        yield from _replaces_earlier(fw, m)
        ids = {i.id for i in fw.indicators()}
        for old, new in fw.replaces.indicators.items():
            if new not in ids:
                yield m.problem(("replaces", "indicators", old), "unknown-indicator",
                                Msg("fw.unknown-indicator", ind=new), did_you_mean(new, ids))


def _replaces_earlier(fw: Framework, m: Marked) -> Iterator[Problem]:
    """``replaces`` names the version this one follows: an earlier version of the same id. A
    framework replacing itself, a later version or another id gives lcity upgrade and lcity trend a
    crosswalk that leads nowhere (or in a circle), so it is refused where it is written."""
    ident, _, version = fw.replaces.framework.partition("@")
    if ident != fw.id or int(version) >= fw.version:
        yield m.problem(("replaces", "framework"), "bad-replaces",
                        Msg("fw.replaces-not-earlier", ref=fw.replaces.framework, this=fw.ref),
                        Msg("hint.fw-replaces-earlier", id=fw.id, version=fw.version - 1)
                        if fw.version > 1 else Msg("hint.fw-replaces-first"))


_CITED = __import__("re").compile(r"\[([A-Za-z][A-Za-z0-9_\-]*)\]")


@check
def references_cited(fw: Framework, m: Marked) -> Iterator[Problem]:
    """With a ``references`` list, every indicator's source cites at least one of its ids, every
    cited id exists (in ``refs`` or written ``[id]`` in a source text), and reference ids are unique."""
    if not fw.references:
        for ind, p in _indicator_paths(fw):
            if ind.source.refs:
                yield m.problem(p + ("source", "refs"), "unknown-reference",
                                Msg("fw.refs-no-list", ind=ind.id))
        return
    known: dict[str, int] = {}
    for r_i, ref in enumerate(fw.references):
        if ref.id in known:
            yield m.problem(("references", r_i, "id"), "duplicate-id", Msg("fw.reference-twice", id=ref.id))
        known.setdefault(ref.id, r_i)

    def cited(path, text):
        for rid in _CITED.findall(text or ""):
            if rid not in known:
                yield m.problem(path, "unknown-reference", Msg("fw.cited-unknown", id=rid),
                                did_you_mean(rid, known))

    for ind, p in _indicator_paths(fw):
        if not ind.source.refs:
            yield m.problem(p + ("source",), "no-source", Msg("fw.cites-none", ind=ind.id),
                            Msg("hint.fw-add-refs"))
        for j, rid in enumerate(ind.source.refs):
            if rid not in known:
                yield m.problem(p + ("source", "refs", j), "unknown-reference",
                                Msg("fw.ref-unknown", ind=ind.id, id=rid), did_you_mean(rid, known))
        yield from cited(p + ("source", "thresholds"), ind.source.thresholds)
    yield from cited(("source",), fw.source)
    yield from cited(("recognition", "source"), fw.recognition.source)
    for s_i, s in enumerate(fw.recognition.survey):
        yield from cited(("recognition", "survey", s_i, "source"), s.source)
    if fw.pathways:
        yield from cited(("pathways", "source"), fw.pathways.source)
        for t_i, t in enumerate(fw.pathways.types):
            yield from cited(("pathways", "types", t_i, "source"), t.source)
            for f_i, f in enumerate(t.features):
                yield from cited(("pathways", "types", t_i, "features", f_i, "source"), f.source)


#: Characters a terminal or a PDF viewer acts on instead of showing: C0 controls other than tab and
#: line feed (ESC, BEL, CR ...), DEL, C1 controls, and the bidirectional overrides and isolates that
#: reorder what is shown (U+202E makes 'fdp.exe' read as 'exe.pdf').
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_NAMES = {0x1B: "ESC", 0x07: "BEL", 0x0D: "CR", 0x08: "BS", 0x00: "NUL", 0x7F: "DEL"}


def _texts(value: object, path: tuple) -> Iterator[tuple[tuple, str, bool]]:
    """Every text in the framework as (path, text, is a key), so that names, labels and ids are all seen."""
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(k, str):
                yield path + (k,), k, True
            yield from _texts(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, path + (i,))
    elif isinstance(value, str):
        yield path, value, False


def _code(char: str) -> str:
    point = ord(char)
    name = _CONTROL_NAMES.get(point) or unicodedata.name(char, "")
    return f"U+{point:04X}" + (f" {name}" if name else "")


def control_character(fw: Framework, m: Marked) -> Iterator[Problem]:
    """A framework's names and labels are printed in the terminal and in every report: an escape
    sequence (ESC [31m, ESC ]0;...BEL) would recolour or retitle the user's terminal, a CR would
    overwrite the line it is on, and a bidirectional override would show text other than what is
    stored. None of them is ever meant in a label, so its author is told at the text. A warning,
    run by ``frameworkcheck_totals`` (shown by ``lcity framework check``, not refused on loading):
    every output already shows such characters escaped, and forms made from the framework read back."""
    for path, text, is_key in _texts(m.data, ()):
        bad = _CONTROL.search(text)
        if bad:
            yield m.problem(path, "control-character",
                            Msg("fw.control-character", path=_dotted(path), code=_code(bad.group()),
                                at=bad.start() + 1),
                            Msg("hint.fw-control-character"), key=is_key, severity="warning")


def _units(fw: Framework) -> Iterator[tuple[tuple, object]]:
    """Every unit of the framework (answers, derived figures, level variants, profile figures, effort)
    with its path in the file."""
    for ind, p in _indicator_paths(fw):
        answers = [(ind.answer, p + ("answer",))] + [(v.answer, p + ("by_level", lv, "answer"))
                                                      for lv, v in ind.by_level.items() if v.answer is not None]
        for answer, ap in answers:
            if getattr(answer, "unit", None) is not None:
                yield ap + ("unit",), answer.unit
            if getattr(answer, "derive", None) is not None:
                yield ap + ("derive", "unit"), answer.derive.unit
    for i, fig in enumerate(fw.profile_figures):
        yield ("profile_figures", i, "unit"), fig.unit
    if fw.effort is not None and fw.effort.unit is not None:
        yield ("effort", "unit"), fw.effort.unit


@check
def unused_en_one(fw: Framework, m: Marked) -> Iterator[Problem]:
    """A unit's English form for one (``en_one``) is printed after exactly one ("1 hub"); a
    percentage reads the same after 1 ("1% of wards"), so ``en_one`` on one is never used, and its
    author expects a text lcity will not print. A warning: the framework scores as written."""
    for path, unit in _units(fw):
        one = getattr(unit, "en_one", None)
        if one and unit.en.lstrip().startswith("%"):
            yield m.problem(path + ("en_one",), "unused-en-one", Msg("fw.unused-en-one", one=one, unit=unit.en),
                            Msg("hint.fw-unused-en-one"), key=True, severity="warning")


def check_framework(fw: Framework, marked: Marked) -> list[Problem]:
    return [p for fn in CHECKS for p in fn(fw, marked)]
