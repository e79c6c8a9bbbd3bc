"""Checks of a framework's thresholds against its ``total_points``.

Grade bands (``grades[].min``) and the recognition lines (``recognition.total_min`` and
``deferred_min``) are written in points, on the same scale as ``total_points``. A framework whose
dimensions add up to something other than 100 must set its thresholds on that scale: a grade whose
``min`` is above ``total_points`` can never be reached, and neither can recognition whose line is
above it. Thresholds that would fit only a 100-point scale are the usual cause, so this module
says so.

Each function is one rule, as in ``indicators.frameworkcheck``; errors make the loader refuse the
framework, warnings are shown by ``lcity framework check`` only.
"""

from __future__ import annotations

from typing import Callable, Iterator

from .frameworkcheck import _indicator_paths, _options, control_character
from .models import Framework
from .messages import Msg
from .problems import Problem
from .safeyaml import Marked

Check = Callable[[Framework, Marked], Iterator[Problem]]
TOTAL_CHECKS: list[Check] = []
EPS = 1e-6


def _check(fn: Check) -> Check:
    TOTAL_CHECKS.append(fn)
    return fn


def _scale_hint(fw: Framework, value: float) -> Msg:
    if abs(fw.total_points - 100) > EPS and value <= 100 + EPS:
        scaled = value * fw.total_points / 100
        return Msg("hint.fw-scale", total=f"{fw.total_points:g}", value=f"{value:g}", scaled=f"{scaled:g}")
    return Msg("hint.fw-lower", total=f"{fw.total_points:g}")


@_check
def unreachable_grade(fw: Framework, m: Marked) -> Iterator[Problem]:
    """A grade whose ``min`` is above ``total_points`` can never be given."""
    for i, g in enumerate(fw.grades):
        if g.min > fw.total_points + EPS:
            yield m.problem(
                ("grades", i, "min"), "unreachable-threshold",
                Msg("fw.grade-unreachable", grade=g.id, min=f"{g.min:g}", total=f"{fw.total_points:g}"),
                _scale_hint(fw, g.min),
            )


@_check
def unreachable_recognition(fw: Framework, m: Marked) -> Iterator[Problem]:
    """Recognition (and deferral) lines above ``total_points`` can never be met."""
    rec = fw.recognition
    for key in ("total_min", "deferred_min"):
        value = getattr(rec, key)
        if value > fw.total_points + EPS:
            yield m.problem(
                ("recognition", key), "unreachable-threshold",
                Msg("fw.recognition-unreachable", key=key, value=f"{value:g}", total=f"{fw.total_points:g}"),
                _scale_hint(fw, value),
            )


@_check
def thresholds_on_another_scale(fw: Framework, m: Marked) -> Iterator[Problem]:
    """A framework of many more than 100 points whose every threshold is at most 100 was probably
    written for 100 points: its grades then come far too easily. A warning, not an error."""
    if fw.total_points <= 100 + EPS:
        return
    values = [g.min for g in fw.grades] + [fw.recognition.total_min, fw.recognition.deferred_min]
    top = max(values)
    if top > 0 and top <= 100 + EPS and top < 0.75 * fw.total_points:
        yield m.problem(
            ("total_points",), "threshold-scale",
            Msg("fw.threshold-scale", total=f"{fw.total_points:g}", top=f"{top:g}",
                percent=f"{top / fw.total_points * 100:.0f}"),
            Msg("hint.fw-threshold-scale", top=f"{top:g}", total=f"{fw.total_points:g}",
                scaled=f"{top * fw.total_points / 100:g}"),
            severity="warning",
        )


_check(control_character)  # a warning about the text, kept out of the loader's refusal


def check_totals(fw: Framework, marked: Marked) -> list[Problem]:
    """Every problem of the thresholds against total_points (errors and warnings)."""
    return [p for fn in TOTAL_CHECKS for p in fn(fw, marked)]


@_check
def unreachable_pathway_minimum(fw: Framework, m: Marked) -> Iterator[Problem]:
    """A pathway type is told only from at least ``pathways.min_answered`` answered indicators
    (10 unless given). A framework with fewer indicators than that (a short third-party one) would
    call every unit's pathway 'undetermined', whatever it answers."""
    if fw.pathways is None:
        return
    need, have = fw.pathways.min_answered, len(fw.indicators())
    if need > have:
        given = isinstance(m.data.get("pathways"), dict) and "min_answered" in m.data["pathways"]
        yield m.problem(
            ("pathways", "min_answered") if given else ("pathways",), "unreachable-threshold",
            Msg("fw.pathway-min-unreachable", need=need, have=have),
            Msg("hint.fw-pathway-min", have=have), key=not given,
        )


@_check
def checklist_weighs_nothing(fw: Framework, m: Marked) -> Iterator[Problem]:
    """A checklist whose items all weigh 0 (an item left out of ``weights`` weighs 0) can never
    score, whatever the unit ticks. A warning: the author may be drafting the weights."""
    for ind, path in _indicator_paths(fw):
        rule = ind.rule
        if rule.kind == "checklist" and rule.weights is not None:
            if all(rule.weights.get(k, 0) == 0 for k in _options(ind)):  # .nan is refused, not warned of
                yield m.problem(path + ("rule", "weights"), "rule-mismatch", Msg("fw.weights-all-zero", ind=ind.id),
                                Msg("hint.fw-weight-above-zero"), severity="warning")
