"""Scoring: answers -> indicator points -> dimension scores -> total, grade and recognition.

Answer states stay distinct all the way through:

* answered: the rule scores the value (derived per resident etc. where the framework says so);
* not_applicable: excluded; its points are spread over the other applicable indicators of its
  dimension in proportion to their points, so the dimension keeps its maximum (XCCDF removes
  not-applicable rules from numerator and denominator alike). Spreading over every applicable
  indicator, not only the answered ones, is what keeps the score monotone: answering an unknown
  indicator can never lower the total;
* unknown and missing: score 0, stay in the denominator, and lower the confidence figure.

Confidence = Σ (available points × c) / Σ available points over applicable indicators, where c is
1 for an answered value backed by evidence (or verified by a review) or that claims nothing (a
"no": false, 0, an empty checklist, a choice worth nothing, which ``validate`` does not ask
evidence for either), 0.5 for an answered value that claims something without evidence, 0 for
unknown or missing. Coverage is the same with c = 1 for any answer.

Speed: uncertainty analysis scores one unit tens of thousands of times, so everything that
depends only on the framework (names, units, points, compiled rules, the static parts of every
reason, the recognition thresholds) is computed once per framework into a plan (``plan_for``),
and the Result is built from trusted values without validating it again (``evaluator.trusted``).
The scoring walks the plan; the arithmetic and the text are those of the plain rules. The usual
indicator (applies, nothing derived, no survey margin) is its memoised finished result plus the
answer's own fields; sums are added up in the order ``sum()`` would use, so every float is the same
bit for bit as the plain way of computing it.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from indicators.models import LEVEL_IDS, Framework, Indicator
from indicators.quotes import quoted
from indicators.units import unit_words
from indicators.messages import agree

from . import pathways
from .assessment import Assessment
from .levels import in_own_words, worded
from .outcome_words import outcome_words, outcome_words_en
from .note_checks import against_method, at_whole, estimate_words, method_text, says_estimate, says_no_survey
from .parent_figures import counting_change, is_figure, may_be_parents, parent_words
from .result import (
    NOT_RATABLE,
    Bounds,
    CityInfo,
    Decision,
    DimensionResult,
    IndicatorResult,
    Label,
    Provenance,
    Result,
)
from .rounding import shown_below, shown_total, total_limits
from .sampling import drawn_population, finite_margin, margin, unit_sample
from .rules import compile_rule, num
from .trusted import constructor, per_framework, template

VERSION = "0.2.0"
EPS = 1e-9


def qty(figure: str, unit: Any, value: Any = None, lang: str = "en") -> str:
    """A figure with its unit as a reason sentence says it: "%" set close ("71.43%"); with ``value``
    (the number itself) ``unit`` is the framework's unit and reads in ``lang`` as every text of
    lcity reads it (``indicators.units``: its ``en_one`` after one, "1 site" by rule, G20-D8; in
    Chinese an English-only framework's unit too, "1 hub", G25-T5); without it, ``unit`` is the
    Chinese words, written as they are."""
    text = unit_words(unit, lang, value) if value is not None else (unit if isinstance(unit, str) else unit.zh)
    if text.startswith("%"):
        return f"{figure}{text}"
    return f"{figure} {text}" if text else figure


def derive(ind: Indicator, value: Any, assessment: Assessment) -> tuple[float | None, tuple[str, str]]:
    """The figure a rule scores, and how it was obtained from the raw answer."""
    spec = getattr(ind.answer, "derive", None)
    if spec is None or value is None or isinstance(value, (bool, str, list)):
        return (value if not isinstance(value, (bool, str, list)) else None), ("", "")
    base = assessment.city.figure(spec.per)
    if not base:
        return None, (f"无法折算：缺少基本情况 city.{spec.per}", f"cannot derive: city.{spec.per} is missing")
    figure = value / base * spec.scale
    return figure, (
        f"{qty(num(value), ind.answer.unit, value, 'zh')} ÷ {num(base)}（{spec.per}）{times(spec.scale)[0]}= "
        f"{qty(num(figure), spec.unit, figure, 'zh')}",
        f"{qty(num(value), ind.answer.unit, value)} ÷ {num(base)} ({spec.per}){times(spec.scale)[1]} = "
        f"{qty(num(figure), spec.unit, figure)}",
    )


def times(scale: float) -> tuple[str, str]:
    """The "× scale" step of a derivation as its reason writes it (zh, en), or nothing when the
    scale is 1: "5,500,000 yuan ÷ 820,000 × 1 = 6.71" read as if a factor were missing."""
    if scale == 1:
        return "", ""
    return f"× {num(scale)} ", f" × {num(scale)}"


# --- the plan: what a framework fixes, computed once ------------------------------------------

_indicator_result = constructor(IndicatorResult)
_dimension_result = constructor(DimensionResult)
_label = constructor(Label)
_decision = constructor(Decision)
_city_info = constructor(CityInfo)
_provenance = constructor(Provenance)
_result = constructor(Result)
_bounds = constructor(Bounds)

MEMO = 512  # rule outcomes remembered per indicator (answers repeat when a unit is re-scored)


class _Indicator:
    """One indicator's static fields and reasons, its compiled rule and a memo of its outcomes.

    ``tpl`` is the IndicatorResult before not-applicable points are spread. When every indicator
    of the dimension is applicable (the usual case) the spread is fixed, so ``missing`` and
    ``unknown`` are the finished results and the memo keeps finished answered ones.
    """

    __slots__ = ("id", "points", "tpl", "rule", "derive", "reasons_missing", "reasons_na", "reasons_unknown", "reasons_out",
                 "underived", "prefix_en", "prefix_zh", "suffix_en", "suffix_zh", "mx", "raised_en", "raised_zh",
                 "missing", "unknown", "memo", "off", "survey", "plain", "plausible", "answer_type", "from_parent", "drawn")

    def __init__(self, ind: Indicator, dim_id: str, off: tuple[str, str] | None = None,
                 declared_na: bool = False, surveyed: bool = False) -> None:
        unit = getattr(ind.answer, "unit", None)
        spec = getattr(ind.answer, "derive", None)
        derived_unit = getattr(spec, "unit", None) or unit
        np = num(ind.points)
        self.id = ind.id
        self.points = ind.points
        self.tpl = template(
            IndicatorResult, id=ind.id, dimension=dim_id, name=ind.name.en, name_zh=ind.name.zh, rule=ind.rule.kind,
            points=ind.points, max=ind.points, unit=derived_unit.en if derived_unit else "",
            unit_zh=derived_unit.zh if derived_unit else "", verified=False, score=0.0, share=0.0, flagged=False,
        )
        self.rule = compile_rule(ind)
        # (scale, per, the "× scale" step as text (zh, en), raw unit zh, raw unit en, derived unit zh, derived unit en)
        self.derive = None if spec is None else (spec.scale, spec.per, times(spec.scale), ind.answer.unit.zh,
                                                 ind.answer.unit, spec.unit.zh, spec.unit)
        pl = "point" if np == "1" else "points"  # "of 1 point", "of 2 points"
        self.reasons_missing = (f"{ind.id} not answered: 0 of {np} {pl}", f"{ind.id} 未填报：0 分（满分 {np}）")
        self.reasons_na = (f"{ind.id} marked not applicable: its {np} {pl} are spread over the rest of dimension {dim_id}",
                           f"{ind.id} 标注为不适用：其 {np} 分按比例分配给{dim_id}维度其他指标")
        given = "no figure given" if is_figure(ind.answer.type) else "no answer given"  # a choice has no figure (G18-D7)
        self.reasons_unknown = (f"{ind.id} unknown ({given}): 0 of {np} {pl}", f"{ind.id} 数据不详：0 分（满分 {np}）")
        #: the end of a not-applicable reason when no indicator of the dimension applies: there is no
        #: rest of the dimension to spread its points over (G5 audit: Beidao's WK)
        self.reasons_out = (f"no indicator of dimension {dim_id} applies, so the dimension is left out and its "
                            "points go to the other dimensions in proportion",
                            f"{dim_id}维度的指标均不适用，该维度不计，其分值按比例分配给其他维度")
        self.underived = None if spec is None else (f" but cannot derive: city.{spec.per} is missing: 0 points",
                                                    f"，但无法折算：缺少基本情况 city.{spec.per}：0 分")
        self.prefix_en, self.prefix_zh = f"{ind.id}: ", f"{ind.id}："
        self.suffix_en, self.suffix_zh = f" of {np} {pl}", f"（满分 {np}）"
        self.memo: dict[Any, tuple[float, str, str, dict[str, Any] | None, bool | None]] = {}
        self.mx: float | None = None  # set by _Dimension when the spread is fixed
        self.raised_en = self.raised_zh = ""
        self.missing = self.unknown = None
        # a rate from a resident survey (a ``survey`` block, or named by a survey threshold of the
        # recognition rule, as china-learning-city@1 names K4 and K5): its sample and margin are kept
        self.survey = ind.survey is not None or surveyed
        #: the survey block whose ``drawn_from`` names the people it is drawn from: its margin is then
        #: the finite population's (G31T2); None for every other indicator
        self.drawn = ind.survey if ind.survey is not None and ind.survey.drawn_from else None
        self.answer_type = ind.answer.type  # a quantity a unit might give as its city's (``borrowed``)
        self.from_parent = tuple(ind.from_parent)
        pl_ = getattr(ind.answer, "plausible", None)
        self.plausible = None if pl_ is None else (pl_.min, pl_.max)  # of the figure the rule scores
        #: for an indicator that does not apply to the unit's level: its finished not-applicable row
        self.off: dict[str, Any] | None = None
        if off is not None:
            d = self.tpl.copy()
            d["state"] = "not_applicable"
            d["max"] = 0.0
            d["share"] = None
            d["reason"] = agree(f"{ind.id} does not apply to a {off[0]}: its {np} points are spread over the rest of "
                                f"dimension {dim_id}")
            d["reason_zh"] = f"{ind.id} 不适用于{off[1]}级单位：其 {np} 分按比例分配给{dim_id}维度其他指标"
            self.off = d
        elif declared_na:  # in a dimension variant for the unit's own not-applicable answers
            d = self.tpl.copy()
            d["state"] = "not_applicable"
            d["max"] = 0.0
            d["share"] = None
            d["reason"], d["reason_zh"] = self.reasons_na
            self.off = d
        #: applies, scores the answer as given (nothing derived) and has no survey margin: the usual
        #: indicator, whose answered result is its memoised outcome plus the answer's own fields
        self.plain = self.off is None and self.derive is None and not self.survey

    def fix_spread(self, factor: float) -> None:
        """The finished results when every indicator of the dimension is applicable."""
        self.mx = self.points * factor
        if abs(factor - 1) > EPS:
            self.raised_en, self.raised_zh = _raised(self.mx)
        self.missing = self.finish("missing", 0.0, *self.reasons_missing)
        self.unknown = self.finish("unknown", 0.0, *self.reasons_unknown)

    def finish(self, state: str, share: float, reason: str, reason_zh: str) -> dict[str, Any]:
        d = self.tpl.copy()
        mx = self.mx
        d["state"] = state
        d["max"] = mx
        d["weight"] = mx  # of a total of total_points; rescaled in score() when a dimension drops out
        d["score"] = (share or 0.0) * mx  # type: ignore[operator]
        d["share"] = share
        d["reason"] = reason + self.raised_en
        d["reason_zh"] = reason_zh + self.raised_zh
        return d


class _Dimension:
    __slots__ = ("id", "name", "name_zh", "points", "inds", "ids", "fixed", "maxes", "spreads", "off_ids",
                 "not_asked", "source", "variants", "result", "surveyed", "outside", "outside_ids")

    def __init__(self, dim: Any, inds: list[tuple[Indicator, bool]] | None = None, unit: tuple[str, str] = ("", ""),
                 declared_na: tuple[bool, ...] | None = None, surveyed: frozenset[str] = frozenset(),
                 outside: frozenset[str] = frozenset()) -> None:
        self.id, self.name, self.name_zh, self.points = dim.id, dim.name.en, dim.name.zh, dim.points
        if inds is None:
            inds = [(i, True) for i in dim.indicators]
        na = declared_na or (False,) * len(inds)
        self.surveyed = surveyed
        self.inds = [_Indicator(ind, dim.id, None if applies else unit, own_na, ind.id in surveyed)
                     for (ind, applies), own_na in zip(inds, na)]
        self.source = (dim, inds, unit)
        self.outside_ids = outside
        #: positions of the applicable indicators whose answer another body decides (``decided_by``:
        #: UNESCO admits GNLC members): what they have not been granted is left out of the floor's basis
        self.outside = tuple(k for k, i in enumerate(self.inds) if i.off is None and i.id in outside)
        #: declared-not-applicable pattern -> this dimension with those indicators excluded (None
        #: when nothing of it is left to score): see ``variant``
        self.variants: dict[tuple[bool, ...], _Dimension | None] = {}
        self.ids = tuple(i.id for i in self.inds)
        #: indicators that do not apply to the unit's level: excluded like not_applicable, always
        self.off_ids = [i.id for i in self.inds if i.off is not None]
        #: of those, the ones the framework does not ask of the unit's level (the rest, in a variant, are
        #: the unit's own not-applicable answers): counted apart in the Result (G20-D9)
        self.not_asked = frozenset(ind.id for ind, applies in inds if not applies)
        nominal = sum(i.points for i in self.inds if i.off is None)
        self.fixed = nominal > EPS  # with every indicator applicable, the spread is fixed
        if self.fixed:
            for i in self.inds:
                if i.off is None:
                    i.fix_spread(self.points / nominal)
        self.maxes = [i.mx for i in self.inds if i.off is None]
        #: its DimensionResult when every indicator left applies, but for what the answers change
        self.result = template(DimensionResult, id=self.id, name=self.name, name_zh=self.name_zh, points=self.points,
                               max=self.points)
        # not-applicable pattern -> (max, reason, reason_zh) of each applicable indicator
        self.spreads: dict[tuple[bool, ...], list[tuple[float, str, str]] | None] = {}


    def variant(self, given: list[Any]) -> _Dimension | None:
        """This dimension as a unit that marked some of its indicators not applicable has it: those
        excluded as a level's are, so its spread is fixed too and the engine's fast path scores it
        (districts commonly mark one or two). Built once per pattern of such answers."""
        pattern = tuple([ip.off is None and a is not None and a.status == "not_applicable"
                         for ip, a in zip(self.inds, given)])
        got = self.variants.get(pattern, False)
        if got is False:
            dim, inds, unit = self.source
            got = _Dimension(dim, inds, unit, pattern, self.surveyed, self.outside_ids)
            if not got.fixed:
                got = None
            if len(self.variants) >= VARIANTS:
                self.variants.clear()
            self.variants[pattern] = got
        return got


VARIANTS = 64  # not-applicable patterns remembered per dimension


def _raised(mx: float) -> tuple[str, str]:
    return (f"; available points raised to {num(round(mx, 2))} by not-applicable items",
            f"；因不适用指标，可得分调整为 {num(round(mx, 2))}")


class Plan:
    """Everything about a framework that scoring needs and that no answer changes, for units of
    one level (city, district, county): the indicators as that level answers them, and those that
    do not apply to it excluded."""

    __slots__ = ("dims", "ref", "name", "name_zh", "total_points", "floor", "grades", "veto_grade", "vetoes", "veto_names",
                 "total_min", "total_min_s", "deferred_min", "deferred_min_s", "floor_s", "survey", "outcomes",
                 "pathways", "pathway_at", "survey_at", "min_coverage", "min_coverage_s", "not_ratable", "limits",
                 "plausible", "survey_least", "figures", "levels", "owner_en", "evidence", "deciders", "rates",
                 "methods", "worded", "reworded", "survey_drawn")

    def __init__(self, fw: Framework, level: str | None = None) -> None:
        surveyed = frozenset(fw.survey_rates())
        #: the survey rates: one whose note says no survey produced it is an estimate (``_estimated``)
        self.rates = surveyed
        #: who decides each indicator that is not the unit's own work to reach, at this level
        self.deciders = {i.id: who for i in fw.indicators()
                         if (who := (i.decided_by if level is None else i.decided_for(level))) is not None}
        # left out of the floors only where the framework says so (china-learning-city@2, G21-B3)
        outside = frozenset(self.deciders) if fw.recognition.floor_on_own_work else frozenset()
        if level is None:
            self.dims = [_Dimension(d, surveyed=surveyed, outside=outside) for d in fw.dimensions]
        else:
            unit = fw.unit_name(level)
            names = (unit.en if unit else level, unit.zh if unit else level)  # the level as its units are called (G15 #6: "a shequ")
            self.dims = [_Dimension(d, inds, names, surveyed=surveyed, outside=outside) for d, inds in fw.at_level(level)]
        last = {i.id: k for k, i in enumerate(i for d in self.dims for i in d.inds)}
        self.ref, self.name, self.name_zh, self.total_points = fw.ref, fw.name.en, fw.name.zh, fw.total_points
        rec = fw.recognition
        self.floor = rec.dimension_floor
        self.grades = [(g.min, {"id": g.id, "name": g.name.en, "name_zh": g.name.zh}) for g in fw.grades]
        #: the grade a fired veto gives whatever the total (None: the framework leaves the grade to the total)
        self.veto_grade = next((label for _, label in self.grades if label["id"] == rec.veto_grade), None)
        self.vetoes = [(v.id, v.indicator, list(v.when)) for v in rec.vetoes if v.indicator]
        names: dict[str, Any] = {v.id: v.name for v in rec.vetoes}
        self.veto_names = {k: (f"一票否决：{n.zh}", f"veto: {n.en}") for k, n in names.items()}
        self.total_min, self.total_min_s = rec.total_min, num(rec.total_min)
        self.deferred_min, self.deferred_min_s = rec.deferred_min, num(rec.deferred_min)
        self.floor_s = f"{rec.dimension_floor * 100:.0f}%"
        named = fw.survey_name()  # by whom the surveys ask: China's residents, another framework's own population
        zh_s, en_s = named.zh, named.en
        self.survey = [(s.indicator, s.min, num(s.min),
                        (f"{s.indicator}（{zh_s}）无数据，无法确认是否达到 {num(s.min)}%",
                         f"{s.indicator} ({en_s}) has no figure, so the {num(s.min)}% threshold is not shown to be met"))
                       for s in rec.survey]
        #: the smallest sample each surveyed indicator's rate rests on (``survey.min_sample``)
        self.survey_least = [_least_sample(fw, s.indicator) for s in rec.survey]
        #: each surveyed indicator's survey block where one names the people it is drawn from
        #: (``survey.drawn_from``): the unit's own minimum then depends on its figure (G31T2); None
        #: where none does, so that scoring does nothing more for such a framework
        drawn = [_drawn_survey(fw, s.indicator) for s in rec.survey]
        self.survey_drawn = drawn if any(d is not None for d in drawn) else None
        # where each surveyed indicator's result is in the Result (the last with the id, as a dict keeps it)
        self.survey_at = [last.get(s.indicator, -1) for s in rec.survey]
        self.outcomes = {k: (getattr(rec.outcomes, k).en, getattr(rec.outcomes, k).zh)
                         for k in ("recognised", "deferred", "refused")}
        # a unit held at the middle outcome on unsettled figures: the framework's own words where its
        # middle outcome is a title such a unit is not to be given (recognition.outcomes.held, G26-T6)
        held = rec.outcomes.held or rec.outcomes.deferred
        self.outcomes["held"] = (held.en, held.zh)
        self.pathways = pathways.plan_for(fw)
        #: where each practice's indicator is in this plan's results
        self.pathway_at = None if self.pathways is None else pathways.Positions(
            self.pathways, [i.id for d in self.dims for i in d.inds])
        self.limits = total_limits(fw)
        self.min_coverage = rec.min_coverage
        self.min_coverage_s = f"{rec.min_coverage * 100:.0f}%"
        nr = rec.outcomes.not_ratable
        self.not_ratable = {"id": NOT_RATABLE, "name": nr.en, "name_zh": nr.zh}
        #: (position in the results, low, high) of every indicator with a plausible range (``pending``)
        self.plausible = [(k, *i.plausible) for k, i in enumerate(i for d in self.dims for i in d.inds)
                          if i.plausible is not None]
        #: (position in the results, answer type, levels answering with their city's record) of every
        #: figure, which a unit may give as its city's or count another way (``borrowed``), and the levels
        self.figures = [(k, i.answer_type, i.from_parent) for k, i in enumerate(i for d in self.dims for i in d.inds)
                        if is_figure(i.answer_type)]
        #: each figure's method words (numerator, deduplication), which a note may say it is counted
        #: otherwise than (``_against_method``)
        self.methods = {i.id: method_text(i.measurement) for i in fw.indicators()
                        if getattr(i, "measurement", None) is not None}
        self.levels = levels = fw.level_ids()
        #: the unit above, in English: a district's or county's city under China's levels
        self.owner_en = "city it belongs to" if levels == LEVEL_IDS else "unit it belongs to"
        #: whether the framework asks for evidence (``validation.evidence``): then an answer earning
        #: points without any is a claim, and recognition may not rest on claims (``unbacked``)
        self.evidence = fw.validation.evidence
        #: where the results quote an option text the unit's level rewords, and what it reworded (``in_own_words``)
        self.worded = worded(fw, level, [i.id for d in self.dims for i in d.inds])
        self.reworded: dict[Any, Any] = {}



class Plans:
    """The plan of each level. A framework whose indicators say nothing about levels has one plan
    for all of them; one that does has a plan per level, each built once."""

    __slots__ = ("one", "levels")

    def __init__(self, fw: Framework) -> None:
        leveled = any(i.levels is not None or i.by_level for i in fw.indicators())
        self.one = None if leveled else Plan(fw)
        self.levels = {lv: Plan(fw, lv) for lv in fw.level_ids()} if leveled else {}

    def at(self, level: str) -> Plan:
        return self.one if self.one is not None else self.levels[level]  # type: ignore[return-value]


plan_for = per_framework(Plans)


# --- scoring ------------------------------------------------------------------------------------


def _grade(plan: Plan, total: float, vetoed: bool = False) -> Label:
    """The band the total falls in; a fired veto fails the evaluation whatever the total (一票否决),
    when the framework says which grade that is."""
    if vetoed and plan.veto_grade is not None:
        return _label(plan.veto_grade.copy())
    for gmin, label in plan.grades:  # listed from the highest band down
        if total + EPS >= gmin:
            return _label(label.copy())
    return _label(plan.grades[-1][1].copy())


def _vetoes(plan: Plan, answers: dict[str, Any], extra: list[str]) -> list[str]:
    fired = list(extra)
    for vid, indicator, when in plan.vetoes:
        if vid not in fired:
            ans = answers.get(indicator)
            if ans is not None and ans.status is None and ans.value in when:
                fired.append(vid)
    return fired


def _said(plan: Plan) -> dict[str, str]:
    """The Chinese phrases for the framework's first outcome: a framework that grants 通过星级评定
    is never told of 认定 (G22-T5)."""
    return outcome_words(plan.outcomes["recognised"][1])


def _below_line(plan: Plan, t: str, below_deferral: bool, deferred: bool = False) -> tuple[str, str]:
    """Why a total below the first outcome's line does not reach it (zh, en); ``below_deferral``: the
    total misses the deferral line too and nothing else refuses the unit, so the line says that is
    why it is refused rather than deferred, as the report's summary says it; ``deferred``: it reaches
    the deferral line and nothing refuses it, so the one line says both (G12 #15: "总分84.3分，低于认定
    线85分" beside "总分84.3分，不低于75分，暂缓认定" said the total twice)."""
    label_en, label_zh = plan.outcomes["recognised"]
    china = "认定" in label_zh  # China's frameworks: recognition (认定) has its line
    if china:
        zh, en = f"总分{t}分，低于认定线{plan.total_min_s}分", f"total {t} is below the recognition line of {plan.total_min_s}"
    else:  # another body's framework: its own word for the first outcome
        zh, en = (f"总分{t}分，低于{quoted(label_zh)}所需的{plan.total_min_s}分",
                  f"total {t} is below the {plan.total_min_s} needed for '{label_en}'")
    (deferred_en, deferred_zh), (refused_en, refused_zh) = plan.outcomes["deferred"], plan.outcomes["refused"]
    if deferred:
        said = _mid_sentence(deferred_en)
        if china:
            return (f"{zh}，但达到暂缓认定线{plan.deferred_min_s}分，故{deferred_zh}",
                    f"{en} but reaches the deferral line of {plan.deferred_min_s}: {said}")
        return (f"{zh}，但不低于{quoted(deferred_zh)}所需的{plan.deferred_min_s}分，故为{quoted(deferred_zh)}",
                f"{en} but reaches the {plan.deferred_min_s} needed for '{deferred_en}': {said}")
    if not below_deferral:
        return zh, en
    if china:
        return (f"{zh}，也低于暂缓认定线{plan.deferred_min_s}分，故{refused_zh}而非{deferred_zh}",
                f"{en} and also below the deferral line of {plan.deferred_min_s}: "
                f"hence '{refused_en}', not '{deferred_en}'")
    return (f"{zh}，也低于{quoted(deferred_zh)}所需的{plan.deferred_min_s}分，故为{quoted(refused_zh)}而非{quoted(deferred_zh)}",
            f"{en} and also below the {plan.deferred_min_s} needed for '{deferred_en}': "
            f"hence '{refused_en}', not '{deferred_en}'")


def _pending(plan: Plan, inds: list[IndicatorResult], verified: set[str] | None) -> list[tuple[IndicatorResult, str, str]]:
    """The answered indicators whose figure lies beyond the framework's plausible range, earns points
    and no panel has verified (119 % of residents on the platform, 353.8 yuan per resident where
    real units give at most 100), each with its figure beside the bound it passes, zh and en.
    ``lcity validate`` warns of each; recognition waits on their verification."""
    out = []
    for k, lo, hi in plan.plausible:
        d = inds[k].__dict__
        fig = d["figure"]
        if d["state"] != "answered" or fig is None or d["score"] <= EPS or (verified and d["id"] in verified):
            continue
        low = lo is not None and fig < lo
        if low or (hi is not None and fig > hi):
            zh_u, en_u = d["unit_zh"], d["unit"]
            sep = "" if en_u in ("", "%") else " "
            bound = lo if low else hi
            out.append((inds[k],
                        f"{d['id']}（{num(fig)}{zh_u}，常见范围{'不低于' if low else '至'}{num(bound)}{zh_u}）",
                        f"{d['id']} ({num(fig)}{sep}{en_u}, plausible {'from' if low else 'up to'} {num(bound)}{sep}{en_u})"))
    return out


def _borrowed(plan: Plan, inds: list[IndicatorResult], verified: set[str] | None, level: str,
              k: float) -> list[tuple[IndicatorResult, float, str]]:
    """The figures earning points that the unit's own note or evidence gives as the unit above's
    ("parent") or as counted another way than before ("recount", ``evaluator.parent_figures``) and
    no panel has verified, each with the points of the total it carries and its kind. A city's
    figures are its own; a level that answers an indicator with its city's record (``from_parent``)
    is not asked for its own."""
    out = []
    for at, kind, theirs in plan.figures:
        d = inds[at].__dict__
        if d["state"] != "answered" or d["score"] <= EPS or (verified and d["id"] in verified):
            continue
        if may_be_parents(plan.levels, level, kind, theirs) and parent_words(d["note"], d["evidence"]) is not None:
            out.append((inds[at], d["score"] * k, "parent"))
        elif counting_change(d["note"]):
            out.append((inds[at], d["score"] * k, "recount"))
        elif _estimated(plan, d):
            out.append((inds[at], d["score"] * k, "estimate"))
        elif _against_method(plan, d):
            out.append((inds[at], d["score"] * k, "method"))
    if plan.evidence:
        said = {r.id for r, _, _ in out}
        out.extend((r, r.score * k, "unbacked") for r in unbacked(inds, verified) if r.id not in said)
    return out


def _estimated(plan: Plan, d: dict[str, Any]) -> bool:
    """Whether the answer's own note or evidence says its figure is an estimate, not a count
    (``note_checks.says_estimate``, as the ``estimated-figure`` warning reads it): "按预算数估算，决算尚未出",
    or a survey rate with no sample whose note says no survey produced it ("未单独调查，参照K4估计").
    An evaluator does not recognise a unit on figures it says it has not counted (G25R-8: Henglan
    reached 85.3 on five of them with confidence 1.00)."""
    return says_estimate(d["note"], d["evidence"], d["id"] in plan.rates, d["sample_size"])


def _against_method(plan: Plan, d: dict[str, Any]) -> bool:
    """Whether the answer's own note says its figure is counted otherwise than the framework's method
    (``note_checks.against_method``, as the ``note-against-method`` warning reads it): "平台注册账号数，
    未按身份证号去重", "含线上课程学习人次" beside "线上课程不计入", "2个街道社区学校尚在建设" beside 9 of 9.
    Bailu was recognised at 92.6 on six of them (G28A-2): an evaluator asks for the recount first."""
    method = plan.methods.get(d["id"])
    return method is not None and against_method(d["note"], method, at_whole(d["unit"], d["figure"])) is not None


def unbacked(inds: Sequence[IndicatorResult], verified: set[str] | None = None) -> list[IndicatorResult]:
    """The answers that earn points with no evidence listed and no panel's verification: claims no
    document supports (``lcity validate`` warns ``no-evidence``; blank evidence items are dropped when
    the assessment is read). Jinsha District read 95.9, 认定为示范区, on 46 such answers of 47:
    without them its total is 3.0 (G21-B1). The report's 附件3 and 五 list the same answers."""
    return [r for r in inds if r.state == "answered" and r.score > EPS and not r.evidence
            and not r.verified and not (verified and r.id in verified)]


def _emptied(plan: Plan, dims: list[DimensionResult], inds: list[IndicatorResult]) -> list[tuple[DimensionResult, list[IndicatorResult]]]:
    """The dimensions left out of the score because the unit itself marked every indicator they ask
    of its level not applicable, with those answers, where no panel has verified them all: the
    unit's own word then drops the dimension's points and its floor. Minghu District, deferred at
    89.5 with L at 58 %, read 91.5 and recognised with L2 and L3 "not applicable" (G21-B2)."""
    out = []
    for dp, d in zip(plan.dims, dims):
        if d.share is not None or not d.not_applicable:
            continue
        own = [i for i in d.not_applicable if i not in dp.not_asked]
        rows = [r for r in inds if r.dimension == d.id and r.id in own]
        if rows and not all(r.verified for r in rows):
            out.append((d, rows))
    return out


#: how each kind of figure that is not the unit's own record as the framework counts it is named
#: in the reasons (zh, en), and what recognition then waits for
_NOT_OWN = {
    "parent": ("按填报说明采用上级单位的数据", "are, by the unit's own notes, data of the {owner}",
               "is, by the unit's own note, data of the {owner}", "不是本单位自身的统计", "not its own record"),
    "recount": ("按填报说明改变了统计口径", "are, by the unit's own notes, counted another way than before",
                "is, by the unit's own note, counted another way than before", "与指标体系的计算方法不一致",
                "not as the framework counts them"),
    "unbacked": ("未列佐证材料", "have no evidence listed", "has no evidence listed", "尚未经专家组核实",
                 "not verified by the panel"),
    "estimate": ("按填报说明为估算数", "are, by the unit's own notes, estimates", "is, by the unit's own note, an estimate",
                 "不是实际统计数", "not counted records"),
    "method": ("按填报说明未按指标计算方法的口径统计", "are, by the unit's own notes, counted otherwise than the framework's method",
               "is, by the unit's own note, counted otherwise than the framework's method", "核实前不宜据此认定",
               "no basis for recognition until verified"),
}


def short_ids(ids: Sequence[str], sep: str) -> str:
    """Indicator ids in a sentence: all of them up to eight, else the first three and the last
    ("A2、A3、A4…L3"): Jinsha's 46 undocumented answers would fill the screen."""
    return sep.join(ids) if len(ids) <= 8 else sep.join(ids[:3]) + "…" + ids[-1]


def _ids(rs: Sequence[IndicatorResult], sep: str) -> str:
    return short_ids([r.id for r in rs], sep)


def _not_own_reason(theirs: Sequence[tuple[IndicatorResult, float, str]], lent: tuple[str, str],
                    owner: str = "unit it belongs to") -> tuple[str, str]:
    """The reason (zh, en) that names the figures recognition turns on, kind by kind, and what the
    unit would be without them; ``owner``: what the unit above is called in English ("city it
    belongs to" under China's levels: "the unit above" is no English, G10 #3)."""
    zh, en = [], []
    for kind, (said_zh, are_en, is_en, not_zh, not_en) in _NOT_OWN.items():
        group = [(r, p) for r, p, k in theirs if k == kind]
        if not group:
            continue
        n = len(group)
        pts = f"{sum(p for _, p in group):.1f}"  # as the report gives what rests on them: "共得15.0分"
        ids_zh, ids_en = _ids([r for r, _ in group], "、"), _ids([r for r, _ in group], ", ")
        if any(not _said_in_note(kind, r.note) for r, _ in group):  # said by an evidence title
            said_zh = said_zh.replace("按填报说明", "按填报说明或佐证材料")
            are_en, is_en = (x.replace("own notes", "own notes or evidence").replace("own note,", "own evidence,")
                             for x in (are_en, is_en))
        zh.append(f"{ids_zh}{f'共{n}项' if n > 1 else ''}{said_zh}（计{pts}分），{not_zh}")
        what = ("answers", "the answer of") if kind == "unbacked" else ("figures", "the figure of")
        en.append(f"{n} {what[0]} ({ids_en}) {are_en.format(owner=owner)} ({pts} points), {not_en}" if n > 1 else
                  f"{what[1]} {ids_en} {is_en.format(owner=owner)} ({pts} points), "
                  f"{not_en.replace('them', 'it').replace('counted records', 'a counted record')}")
    one = len(theirs) == 1  # "without it", 不计其分数 (G11 #6)
    return ("；".join(zh) + f"；{'不计其分数' if one else '不计这些分数'}，{lent[0]}",
            "; ".join(en) + f"; without {'it' if one else 'them'} {lent[1]}")


def _said_in_note(kind: str, note: str | None) -> bool:
    """Whether the answer's note itself says what makes its figure not the unit's own record (the
    city's, an estimate), rather than one of its evidence titles: the reason then names the evidence."""
    if kind == "parent":
        return parent_words(note, ()) is not None
    if kind == "estimate":
        return estimate_words(note, []) is not None or says_no_survey(note)
    return True


def _without_borrowed(plan: Plan, total: float, dims: list[DimensionResult],
                      borrowed: Sequence[tuple[IndicatorResult, float]],
                      unbacked: frozenset[str] | set[str] = frozenset()) -> tuple[str, str] | None:
    """Why the unit would not be recognised on its own figures (zh, en), or None when the borrowed
    ones do not decide it: a truthful note such as "依托全市统一平台" on a figure the unit does not need
    holds nothing up. Nanhu's eight city figures carried 15.0 of its 88.1 points (G4 audit #1)."""
    ids = {r.id for r, _ in borrowed}
    rest = total - sum(p for _, p in borrowed)
    if rest + EPS < plan.total_min:
        # the lowest line it falls below: 73.1 is under the deferral line of 75 too (G12 #2)
        deferral = rest + EPS < plan.deferred_min < plan.total_min
        line = plan.deferred_min if deferral else plan.total_min
        t = shown_below(rest, line, 1) if float(num(round(rest, 1)).replace(",", "")) >= line else num(round(rest, 1))
        if deferral:
            label_zh = plan.outcomes["deferred"][1]
            return (f"总分为{t}分，低于{label_zh}线{plan.deferred_min_s}分",
                    f"the total is {t}, below the deferral line of {plan.deferred_min_s}")
        return f"总分为{t}分，低于{plan.total_min_s}分的{_said(plan)['line']}", f"the total is {t}, below the {plan.total_min_s} required"
    for d in dims:
        basis = d.floor_basis  # the points the unit's own work can earn (G21-B3)
        if d.share is None or basis <= EPS:
            continue
        own = d.score - sum(r.score for r, _ in borrowed if r.dimension == d.id)
        if own / basis + EPS < plan.floor:
            got = f"{shown_below(own / basis * 100, plan.floor * 100)}%"
            return (f"{d.id}维度得分率为{got}，低于{plan.floor_s}的底线",
                    f"dimension {d.id} is at {got}, below the {plan.floor_s} floor")
    for indicator, _, smin_s, _ in plan.survey:
        if indicator in unbacked:
            return (f"{indicator}的调查结果未列佐证材料，无法确认达到{smin_s}%的要求",
                    f"{indicator} lists no evidence of its survey to show the {smin_s}% threshold is met")
        if indicator in ids:
            return (f"{indicator}没有本单位的调查结果，无法确认达到{smin_s}%的要求",
                    f"{indicator} has no survey of the unit's own to show the {smin_s}% threshold is met")
    return None


def rests_on(fw: Framework, result: Result, ids: Sequence[str]) -> bool:
    """Whether ``result``'s recognition turns on the points of the indicators ``ids``: without them
    the total, a dimension's floor or a survey threshold would not be met (as ``_without_borrowed``
    judges the figures recognition is held on)."""
    plan = plan_for(fw).at(result.city.level)
    max_total = sum(d.max for d in result.dimensions)
    k = plan.total_points / max_total if max_total > EPS else 0.0
    rs = [(r, r.score * k) for r in result.indicators if r.id in ids and r.state == "answered"]
    return bool(rs) and _without_borrowed(plan, result.total, result.dimensions, rs) is not None


def left_out(deciders: dict[str, Any], d: DimensionResult, named: bool = False) -> tuple[str, str]:
    """What a dimension's floor leaves out (zh, en): "不计由联合国教科文组织决定而未获得的L1、L2共4分", or
    ("", "") when nothing. ``named`` starts with the dimension ("L维度不计…", "dimension L leaves out …")."""
    ids = list(d.floor_excludes)
    if not ids or d.floor_max is None:
        return "", ""
    whos = list(dict.fromkeys((deciders[i].zh, deciders[i].en) for i in ids if i in deciders)) or [("其他机构", "another body")]
    pts = num(round(d.max - d.floor_max, 2))
    who_zh, who_en = "、".join(w[0] for w in whos), " or ".join(w[1] for w in whos)
    zh = f"不计由{who_zh}决定而未获得的{'、'.join(ids)}{'共' if len(ids) > 1 else '的'}{pts}分"
    en = agree(f"leaving out the {pts} points of {', '.join(ids)} that {who_en} decides and the unit has not been granted")
    if named:
        return f"{d.id}维度{zh}", agree(f"dimension {d.id} {en.replace('leaving out', 'leaves out', 1)}")
    return zh, en


def floor_left_out(fw: Framework, level: str, d: DimensionResult, named: bool = False) -> tuple[str, str]:
    """``left_out`` for a dimension of a Result scored under ``fw`` at ``level``."""
    return left_out(plan_for(fw).at(level).deciders, d, named)


def _mid_sentence(name: str) -> str:
    """A framework's outcome name inside a sentence: "deferred" for "Deferred", but a name with a
    capital further on ("Quality Mark deferred") or in capitals ("AWARD") is a name, written as the
    framework wrote it (its own words, used verbatim: G18-D6)."""
    if name[1:2].islower() and not any(w[:1].isupper() for w in name.split()[1:]):
        return name[:1].lower() + name[1:]
    return name


def _decide(plan: Plan, total: float, dims: list[DimensionResult], surveyed: list[IndicatorResult | None],
            vetoes: list[str], pending: Sequence[tuple[IndicatorResult, str, str]] = (),
            borrowed: Callable[[], Sequence[tuple[IndicatorResult, float, str]]] | None = None,
            emptied: Callable[[], Sequence[tuple[DimensionResult, list[IndicatorResult]]]] | None = None,
            leasts: Sequence[int | None] | None = None) -> Decision:
    """``leasts``: the unit's own minimum samples (``_unit_least``), the framework's when None."""
    leasts = plan.survey_least if leasts is None else leasts
    en: list[str] = []
    zh: list[str] = []
    for v in vetoes:
        why = plan.veto_names.get(v)
        if why is None:
            why = (f"一票否决：{v}", f"veto: {v}")
        zh.append(why[0])
        en.append(why[1])
    ok = not vetoes
    t = shown_total(total, plan.limits)  # 84.96, not "85.0, below the line of 85"
    if total + EPS < plan.total_min:
        ok = False
        line_zh, line_en = _below_line(plan, t, not vetoes and total + EPS < plan.deferred_min < plan.total_min,
                                       not vetoes and total + EPS >= plan.deferred_min)
        zh.append(line_zh)
        en.append(line_en)
    # below the floor: the most points lost first (ties in the framework's order), as the report's
    # summary and problems name them: a panel leads with what costs most, not the lowest share
    for d in sorted((d for d in dims if d.floor_met is False), key=lambda d: -round(d.floor_basis - d.score, 6)):
        if d.floor_met is False:
            ok = False
            got = f"{shown_below(d.floor_share * 100, plan.floor * 100)}%"  # 59.6%, not "60%, below the 60% floor"
            lost = num(round(d.floor_basis - d.score, 2))  # the order's reason, said beside each
            out_zh, out_en = left_out(plan.deciders, d)
            zh.append(f"{d.id}维度得分率{got}（{out_zh + '；' if out_zh else ''}失{lost}分），低于{plan.floor_s}的底线")
            en.append(agree(f"dimension {d.id} at {got} ({out_en + '; ' if out_en else ''}{lost} points lost) "
                            f"is below the {plan.floor_s} floor"))
    unsettled: list[tuple[IndicatorResult, int]] = []  # rates met on fewer questionnaires than the framework's minimum
    for (indicator, smin, smin_s, missing), least, r in zip(plan.survey, leasts, surveyed):
        if r is None or r.state == "not_applicable":
            continue
        if r.state != "answered" or r.figure is None:
            ok = False
            zh.append(missing[0])
            en.append(missing[1])
        elif r.figure + EPS < smin:
            ok = False
            fig = num(r.figure)
            if float(fig.replace(",", "")) >= smin:  # 79.996 would read as "80, below the required 80"
                fig = shown_below(r.figure, smin, 2)
            zh.append(f"{indicator}为{fig}%，低于{smin_s}%的要求")
            en.append(f"{indicator} at {fig}% is below the required {smin_s}%")
        elif least is not None and r.sample_size is not None and r.sample_size < least:
            # met on 96 questionnaires where the framework asks for 400: not established (G4 #3, Yunxi)
            unsettled.append((r, least))
            zh.append(f"{indicator}为{num(r.figure)}%，但只依据{num(r.sample_size)}份有效问卷，少于指标体系要求的"
                      f"{num(least)}份，尚不能确认达到{smin_s}%的要求")
            en.append(f"{indicator} at {num(r.figure)}% rests on {num(r.sample_size)} valid questionnaires, fewer than "
                      f"the {num(least)} the framework requires, so the {smin_s}% threshold is not shown to be met")
    # figures the unit's own notes give as the city's, on which recognition turns (G4 #1)
    # (asked only of a unit the rules would recognise: reading the notes of every figure costs as much
    # as scoring a dimension, and most units are not)
    lent, theirs = None, ()
    if ok and borrowed is not None:
        theirs = borrowed()
        lent = _without_borrowed(plan, total, dims, [(r, p) for r, p, _ in theirs],
                                 {r.id for r, _, k in theirs if k == "unbacked"}) if theirs else None
    if lent is not None:
        reason_zh, reason_en = _not_own_reason(theirs, lent, plan.owner_en)
        zh.append(reason_zh)
        en.append(reason_en)
    # a dimension the unit's own "not applicable" answers took out of the score, floor and all (G21-B2)
    dropped = emptied() if ok and emptied is not None else ()
    for d, rows in dropped:
        pts = num(d.points)
        zh.append(f"{d.id}维度中本级须填报的全部指标（{_ids(rows, '、')}）均由本单位填报为不适用，该维度{pts}分未计入评分"
                  + (f"，其{plan.floor_s}的底线也未检查" if plan.floor > EPS else ""))
        en.append(f"every indicator of dimension {d.id} asked of this level ({_ids(rows, ', ')}) is marked not applicable "
                  f"by the unit itself: its {pts} points leave the score"
                  + (f" and its {plan.floor_s} floor is not checked" if plan.floor > EPS else ""))
    # recognised by the rules, on figures nobody has verified, rates no standard survey has settled
    # or figures that are not the unit's own
    held = ok and bool(pending or unsettled or lent or dropped)
    if pending:
        ok = False
        zh.append("、".join(p[1] for p in pending) + f"的填报超出常见范围，须经专家组核实后方可{_said(plan)['act']}")
        en.append(", ".join(p[2] for p in pending) + (" is" if len(pending) == 1 else " are")
                  + " beyond the plausible range and must be verified by the panel before "
                  + outcome_words_en(plan.outcomes["recognised"][1], plan.outcomes["recognised"][0])["it"])
    if unsettled or lent or dropped:
        ok = False
    if held:
        outcome = "deferred"
        label_en, label_zh = plan.outcomes["held"]
        wait_zh, wait_en = _waits(bool(pending), bool(unsettled), {k for _, _, k in theirs} if lent is not None else set(),
                                  bool(dropped))
        reached_zh, reached_en = _reached(plan, t)
        zh.append(f"{reached_zh}，{_said(plan)['it']}的其他条件均已满足：{label_zh}，{wait_zh}")
        en.append(f"{reached_en} and every other condition is met: "
                  + _mid_sentence(label_en)
                  + f" {wait_en}")
    elif ok:
        outcome = "recognised"
        floors = plan.floor > 0  # a framework without a dimension floor: no floor to have reached
        # met on the rate as reported, where its margin or a sample below the framework's minimum
        # leaves that open: "达标" beside the report's "需扩大样本才能确定" read as a contradiction (G4 #6)
        loose = _surveys_loose(plan, surveyed, leasts)
        reached_zh, reached_en = _reached(plan, t)
        outs = [left_out(plan.deciders, d, True) for d in dims if d.floor_excludes and d.floor_met] if floors else []
        zh.append(reached_zh + (f"，各维度均达到{plan.floor_s}的底线" if floors else "")
                  + "".join(f"（{z}）" for z, _ in outs)
                  + (_LOOSE_ZH[loose] if plan.survey else "")
                  + ("，无否决项" if plan.veto_names else ""))
        en.append(reached_en + (f", every dimension reaches the {plan.floor_s} floor" if floors else "")
                  + "".join(f" ({e})" for _, e in outs)
                  + (_LOOSE_EN[loose] if plan.survey else "")
                  + (", no veto" if plan.veto_names else ""))
    elif not vetoes and total + EPS >= plan.deferred_min:
        # the framework's own word for the outcome (China's 暂缓认定, another framework's label); a
        # total below the first line has said so already, with the deferral line it reaches
        outcome = "deferred"
        label_en, label_zh = plan.outcomes[outcome]
        if total + EPS >= plan.total_min:  # the total reached the first line; another condition held it
            # ("总分85.3分，不低于75分" read as if only the deferral line were reached: Henglan, G25R-13)
            reached_zh, reached_en = _reached(plan, t)
            zh.append(f"{reached_zh}，但{_said(plan)['it']}的其他条件未全部满足：{label_zh}")
            en.append(f"{reached_en}, but not every other condition is met: " + _mid_sentence(label_en))
    else:
        outcome = "refused"
    name, name_zh = plan.outcomes["held" if held else outcome]
    return _decision({"outcome": outcome, "name": name, "name_zh": name_zh, "reasons": en, "reasons_zh": zh,
                      "pending": [p[0].id for p in pending], "recognised_if_verified": held,
                      "unsettled": [u[0].id for u in unsettled],
                      "borrowed": [r.id for r, _, k in theirs if k == "parent"] if lent is not None else [],
                      "recounted": [r.id for r, _, k in theirs if k == "recount"] if lent is not None else [],
                      "unbacked": [r.id for r, _, k in theirs if k == "unbacked"] if lent is not None else [],
                      "own_not_applicable": [r.id for _, rows in dropped for r in rows],
                      "estimated": [r.id for r, _, k in theirs if k == "estimate"] if lent is not None else [],
                      "against_method": [r.id for r, _, k in theirs if k == "method"] if lent is not None else []})


def _reached(plan: Plan, t: str) -> tuple[str, str]:
    """The total against the first outcome's line (zh, en); a framework that sets none (a line of 0:
    a rating that only grades) says so, not "total 75.0 reaches 0" (G15 #4)."""
    if plan.total_min > EPS:
        return f"总分{t}分，达到{plan.total_min_s}分", f"total {t} reaches {plan.total_min_s}"
    return f"总分{t}分（指标体系未设总分线）", f"total {t} (the framework sets no total line)"


def _waits(pending: bool, unsettled: bool, not_own: set[str] | frozenset[str] = frozenset(),
           dropped: bool = False) -> tuple[str, str]:
    """What a unit that meets every other condition waits on (zh, en): the panel's verification of
    figures beyond the plausible range, a survey to the framework's standard, the unit's own
    figures for those it gave as its city's or counted another way, or several of these."""
    zh, en = [], []
    if pending:
        zh.append("上述数值核实")
        en.append("these figures are verified")
    if "unbacked" in not_own:
        zh.append("补充佐证材料或经专家组核实")
        en.append("the unit lists its evidence or the panel verifies these answers")
        not_own = not_own - {"unbacked"}
    if not_own == {"parent"}:
        zh.append("改填本单位自身的数据或经专家组核实")
        en.append("the unit gives its own figures or the panel verifies them")
    elif not_own == {"recount"}:
        zh.append("按指标体系的口径改填或经专家组核实")
        en.append("the unit gives these figures as the framework counts them or the panel verifies them")
    elif not_own == {"estimate"}:
        zh.append("改填实际统计数或经专家组核实")
        en.append("the unit gives counted figures for its estimates or the panel verifies them")
    elif not_own == {"method"}:
        zh.append("按计算方法的口径改填或经专家组核实")
        en.append("the unit gives these figures as the framework's method counts them or the panel verifies them")
    elif not_own:
        zh.append("改填本单位按指标体系口径统计的数据或经专家组核实")
        en.append("the unit gives its own figures, counted as the framework counts them, or the panel verifies them")
    if dropped:
        zh.append("专家组核实不适用的理由")
        en.append("the panel confirms that the indicators do not apply")
    if unsettled:
        zh.append("按标准完成调查")
        en.append("the survey is carried out to the standard")
    if len(zh) == 1:
        return "待" + zh[0], "until " + en[0]
    return "待" + "、".join(zh[:-1]) + "并" + zh[-1], "until " + ", ".join(en[:-1]) + " and " + en[-1]


def _drawn_survey(fw: Framework, indicator: str) -> Any:
    """The indicator's survey block if it names the people it is drawn from, else None."""
    try:
        survey = fw.indicator(indicator).survey
    except KeyError:
        return None
    return survey if survey is not None and survey.drawn_from else None


def _unit_least(plan: Plan, city: Any) -> list[int | None]:
    """``plan.survey_least`` for one unit: each minimum sample corrected for the population the
    survey is drawn from, as the unit gives it (``evaluator.sampling.required_sample``). Skerry's 120
    of its 131 young people met the 80 that the framework's 200 comes to for 131 people, and was held
    as "fewer than the 200 the framework requires" (G31T2)."""
    assert plan.survey_drawn is not None
    return [least if d is None else unit_sample(d, city.figure)
            for least, d in zip(plan.survey_least, plan.survey_drawn)]


def _least_sample(fw: Framework, indicator: str) -> int | None:
    try:
        survey = fw.indicator(indicator).survey
    except KeyError:  # a recognition condition on an indicator the framework does not list: checked elsewhere
        return None
    return survey.min_sample if survey is not None else None


#: the survey thresholds in a recognition's reason, by ``_surveys_loose``
_LOOSE_ZH = {None: "，调查指标达标", "reported": "，调查指标按填报值达标", "verified": "，调查指标按专家组核定值达标"}
_LOOSE_EN = {None: ", survey thresholds met", "reported": ", survey thresholds met as reported",
             "verified": ", survey thresholds met on the panel's verified rates"}


def _surveys_loose(plan: Plan, surveyed: list[IndicatorResult | None], leasts: Sequence[int | None]) -> str | None:
    """Whether a survey threshold counts as met only on the rate as given: the threshold lies within
    the rate's 95 % margin of error, or the rate rests on fewer questionnaires than the framework's
    minimum. "reported" where such a rate is the unit's own, "verified" where each is the panel's
    (a reviewed score read "调查指标按填报值达标" beside the panel's 76.4 % on 650 questionnaires, G29-T);
    None where no threshold is that close."""
    found = None
    for (_, smin, _, _), least, r in zip(plan.survey, leasts, surveyed):
        if r is None or r.state != "answered" or r.figure is None:
            continue
        if (r.margin is not None and abs(r.figure - smin) < r.margin) or \
                (r.sample_size is not None and least is not None and r.sample_size < least):
            if not r.verified:
                return "reported"
            found = "verified"
    return found


def _not_ratable(plan: Plan, coverage: float, bounds: Bounds) -> tuple[Label, Decision]:
    """No grade and no outcome: the unknowns could put the total anywhere between its bounds."""
    cov = f"{coverage * 100:.0f}%"
    lo, hi = f"{bounds.lower:.1f}", f"{bounds.upper:.1f}"
    nr = plan.not_ratable
    return _label(nr.copy()), _decision({
        "outcome": NOT_RATABLE, "name": nr["name"], "name_zh": nr["name_zh"],
        "reasons": [f"data coverage {cov} is below the {plan.min_coverage_s} needed to rate a unit: "
                    f"the total lies between {lo} and {hi}"],
        "reasons_zh": [f"数据覆盖率{cov}，低于定级所需的{plan.min_coverage_s}，总分介于{lo}至{hi}分之间"],
        "pending": [], "recognised_if_verified": False, "unsettled": [], "borrowed": [], "recounted": [],
        "unbacked": [], "own_not_applicable": [], "estimated": [], "against_method": []})


def decide(fw: Framework, total: float, dims: list[DimensionResult], inds: dict[str, IndicatorResult],
           vetoes: list[str], level: str = "city") -> Decision:
    """The recognition decision, with every reason that decided it."""
    plan = plan_for(fw).at(level)
    return _decide(plan, total, dims, [inds.get(s[0]) for s in plan.survey], vetoes)


def _outcome(ip: _Indicator, value: Any, base: tuple[Any] | None) -> tuple[float, str, str, dict[str, Any] | None, bool | None]:
    """What the rule makes of an answered value (derived with ``base`` if the framework derives it):
    (share, reason, reason_zh before spreading, the finished result when the spread is fixed, and
    then whether it claims something, ``_claims``)."""
    key = (value if type(value) is not list else tuple(value)) if base is None else (value, base[0])
    try:
        hit = ip.memo.get(key)
    except TypeError:  # unhashable: something the rule will refuse, or score without a memo
        key = hit = None
    if hit is not None:
        return hit
    if base is None:
        share, why_zh, why_en = ip.rule(value)
        reason, reason_zh = f"{ip.prefix_en}{why_en}{ip.suffix_en}", f"{ip.prefix_zh}{why_zh}{ip.suffix_zh}"
    else:
        scale, per, scale_s, unit_zh, unit_en, dunit_zh, dunit_en = ip.derive  # type: ignore[misc]
        figure = value / base[0] * scale
        share, why_zh, why_en = ip.rule(figure)
        v, f, b = num(value), num(figure), num(base[0])
        reason = (f"{ip.prefix_en}{qty(v, unit_en, value)} ÷ {b} ({per}){scale_s[1]} = {qty(f, dunit_en, figure)}; "
                  f"{why_en}{ip.suffix_en}")
        # the unit objects with their numbers: "1 hub" in Chinese too when the framework is English only
        reason_zh = (f"{ip.prefix_zh}{qty(v, unit_en, value, 'zh')} ÷ {b}（{per}）{scale_s[0]}= "
                     f"{qty(f, dunit_en, figure, 'zh')}；{why_zh}{ip.suffix_zh}")
    done = ip.finish("answered", share, reason, reason_zh) if ip.mx is not None else None
    # whether the answer claims something a document could prove, fixed by the value and its score
    hit = (share, reason, reason_zh, done, _claims(value, done["score"]) if done is not None else None)
    if key is not None:
        if len(ip.memo) >= MEMO:
            ip.memo.clear()
        ip.memo[key] = hit
    return hit


def _row(ip: _Indicator, ans: Any, city: Any, bases: dict[str, tuple[Any]], fixed: bool) -> dict[str, Any]:
    """The fields of one IndicatorResult: finished when ``fixed`` (every indicator of the dimension
    applicable), else before not-applicable points are spread (score = share × points)."""
    if ip.off is not None:
        d = ip.off.copy()
        d["evidence"] = list(ans.evidence) if ans is not None else []
        d["note"] = ans.note if ans is not None else None
        d["review_reasons"] = []
        d["review_reasons_zh"] = []
        return d
    if ans is None:
        if fixed:
            d = ip.missing.copy()  # type: ignore[union-attr]
        else:
            d = ip.tpl.copy()
            d["state"] = "missing"
            d["reason"], d["reason_zh"] = ip.reasons_missing
        d["evidence"] = []
        d["review_reasons"] = []
        d["review_reasons_zh"] = []
        return d
    value = ans.value
    status = ans.status
    if status == "not_applicable":
        d = ip.tpl.copy()
        d["state"] = "not_applicable"
        d["max"] = 0.0
        d["share"] = None
        d["reason"], d["reason_zh"] = ip.reasons_na
    elif status == "unknown" or value is None:
        if fixed:
            d = ip.unknown.copy()  # type: ignore[union-attr]
        else:
            d = ip.tpl.copy()
            d["state"] = "unknown"
            d["reason"], d["reason_zh"] = ip.reasons_unknown
    else:
        dv = ip.derive
        base = None
        if dv is not None:
            if isinstance(value, (bool, str, list)):
                return _underived(ip, ans, value, fixed, " but : 0 points", "，但：0 分")
            base = bases.get(dv[1])
            if base is None:
                b = city.figure(dv[1])
                base = bases[dv[1]] = (b,)  # its text only when a reason is written (_outcome)
            if not base[0]:
                return _underived(ip, ans, value, fixed, *ip.underived)  # type: ignore[misc]
        share, reason, reason_zh, done, _ = _outcome(ip, value, base)
        if fixed:
            d = done.copy()  # type: ignore[union-attr]
        else:
            d = ip.tpl.copy()
            d["state"] = "answered"
            d["score"] = share * ip.points
            d["share"] = share
            d["reason"] = reason
            d["reason_zh"] = reason_zh
        d["value"] = value
        scored = value if base is None else value / base[0] * dv[0]  # type: ignore[index]
        if isinstance(scored, (int, float)) and not isinstance(scored, bool):
            d["figure"] = float(scored)
        if ip.survey:
            _margin(d, ans.sample_size, ip.drawn and drawn_population(ip.drawn, city.figure))
    d["evidence"] = list(ans.evidence)
    d["note"] = ans.note
    d["review_reasons"] = []
    d["review_reasons_zh"] = []
    return d


def _underived(ip: _Indicator, ans: Any, value: Any, fixed: bool, but_en: str, but_zh: str) -> dict[str, Any]:
    """An answered figure the framework derives but cannot: unknown, 0 points."""
    v = num(value)
    reason, reason_zh = f"{ip.prefix_en}answered {v}{but_en}", f"{ip.prefix_zh}填报 {v}{but_zh}"
    if fixed:
        d = ip.finish("unknown", 0.0, reason, reason_zh)
    else:
        d = ip.tpl.copy()
        d["state"] = "unknown"
        d["reason"], d["reason_zh"] = reason, reason_zh
    d["value"] = value
    d["evidence"] = list(ans.evidence)
    d["note"] = ans.note
    d["review_reasons"] = []
    d["review_reasons_zh"] = []
    return d


def _margin(d: dict[str, Any], n: Any, population: int | None = None) -> None:
    """Adds a survey rate's sample size and margin of error to its result and reason. With the
    ``population`` it is drawn from (``survey.drawn_from``) the margin is the finite population's and
    the reason names it: 120 answers of an isle's 131 young people are ± 2.4 points, not the ± 8.2 of
    120 drawn from a large population (G31T2). More answers than people is left to the checks."""
    fig = d.get("figure")
    if not n or fig is None:
        return
    finite = population is not None and n <= population
    m = finite_margin(fig, n, population) if finite else margin(fig, n)  # type: ignore[arg-type]
    d["sample_size"] = n
    d["margin"] = m
    # the sample as the report writes it ('1,240 valid responses', '有效样本1,240份'): 'n = 1240' beside
    # it read as another figure (G1 audit #15)
    if finite:
        d["reason"] += f" (± {m:.1f} percentage points at 95%, {num(n)} valid responses of {num(population)} people)"
        d["reason_zh"] += f"（95% 置信水平下误差 ± {m:.1f} 个百分点，有效样本 {num(n)} 份，共 {num(population)} 人）"
        return
    d["reason"] += f" (± {m:.1f} percentage points at 95%, {num(n)} valid responses)"
    d["reason_zh"] += f"（95% 置信水平下误差 ± {m:.1f} 个百分点，有效样本 {num(n)} 份）"


def _spread(dp: _Dimension, rows: list[dict[str, Any]]) -> float:
    """Spreads not-applicable points over the applicable indicators; returns the dimension max."""
    pattern = tuple([d["state"] == "not_applicable" for d in rows])
    spread = dp.spreads.get(pattern, False)
    if spread is False:
        spread = None
        nominal = sum(d["points"] for d in rows if d["state"] != "not_applicable")
        if nominal > EPS:
            factor = dp.points / nominal
            raise_ = abs(factor - 1) > EPS
            spread = []
            for d in rows:
                if d["state"] != "not_applicable":
                    mx = d["points"] * factor
                    spread.append((mx, *_raised(mx)) if raise_ else (mx, "", ""))
        if len(dp.spreads) >= MEMO:
            dp.spreads.clear()
        dp.spreads[pattern] = spread
    if spread is None:
        for ip, d in zip(dp.inds, rows):  # nothing left of the dimension: its points leave it
            if d["state"] == "not_applicable":
                d["reason"] = f"{d['reason'].partition(': ')[0]}: {ip.reasons_out[0]}"
                d["reason_zh"] = f"{d['reason_zh'].partition('：')[0]}：{ip.reasons_out[1]}"
        return 0.0
    applicable = [d for d in rows if d["state"] != "not_applicable"]
    for d, (mx, en, zh) in zip(applicable, spread):  # type: ignore[arg-type]
        d["max"] = d["weight"] = mx
        d["score"] = (d["share"] or 0.0) * mx
        if en:
            d["reason"] += en
            d["reason_zh"] += zh
    return dp.points


def _adjust(rows: list[dict[str, Any]], changes: dict[str, tuple[float, str]]) -> None:
    """Applies the panel's score changes (points), kept within 0..max of each indicator."""
    for d in rows:
        if d["id"] in changes and d["state"] != "not_applicable":
            delta, why = changes[d["id"]]
            new = min(d["max"], max(0.0, d["score"] + delta))
            d["reason"] += f"; panel changed the score by {delta:+g} to {num(round(new, 2))}: {why}"
            d["reason_zh"] += f"；专家组调整{delta:+g}分，调整后为{num(round(new, 2))}分：{why}"
            d["score"] = new
            d["share"] = new / d["max"] if d["max"] else 0.0


def _claims(value: Any, points: float) -> bool:
    """Whether an answer claims something a document could prove: it earns points, or it is yes, a
    figure other than 0 or a non-empty checklist (``evaluator.checks.claims_something`` asks evidence for
    the same answers). A "no" is believed without one, so it does not lower the confidence."""
    if points:
        return True
    kind = type(value)
    if kind is list:
        return bool(value)
    if kind is int or kind is float:
        return value != 0
    return value is True  # yes; a no (false) or a choice the rule gives nothing (none) claims nothing


def _fixed_dimension(dp: _Dimension, get: Any, city: Any, bases: dict[str, tuple[Any]],
                     results: list[IndicatorResult], answered_w: list[float], backed_w: list[float],
                     shares: list[float]) -> tuple[float, int] | None:
    """Scores a dimension whose indicators are all applicable from finished results, appending to
    the lists given; returns (score, missing), or None (with the lists as they were) when one of
    its indicators is not applicable after all. The engine's hot loop, hence written inline."""
    marks = len(results), len(answered_w), len(backed_w), len(shares)
    total = 0  # added up in order, as sum() would
    missing = 0
    make = _indicator_result
    for ip, a in zip(dp.inds, map(get, dp.ids)):
        if ip.off is not None:
            d = _row(ip, a, city, bases, True)
            total += 0.0
            results.append(make(d))
            continue
        if a is None:
            d = ip.missing.copy()  # type: ignore[union-attr]
            d["evidence"] = []
            missing += 1
        else:
            given = a.__dict__  # the answer's fields: read once, not through four attribute look-ups
            status = given["status"]
            v = given["value"]
            if status is None and v is not None:
                tv = type(v)
                dv = ip.derive
                if dv is None:
                    try:
                        hit = ip.memo.get(v if tv is not list else tuple(v))
                    except TypeError:
                        hit = None
                    if hit is None:
                        hit = _outcome(ip, v, None)
                    d = hit[3].copy()  # type: ignore[union-attr]
                    if tv is float or tv is int or (tv is not bool and isinstance(v, (int, float))):
                        d["figure"] = float(v)
                    if ip.plain:  # the usual case (nothing derived, no survey margin) finished in as few steps as it takes
                        d["value"] = v
                        d["evidence"] = ev = list(given["evidence"])
                        d["note"] = given["note"]
                        d["review_reasons"] = []
                        d["review_reasons_zh"] = []
                        mx = d["max"]
                        answered_w.append(mx)
                        backed_w.append(mx if ev or not hit[4] else mx * 0.5)  # mx * 1.0 is mx
                        share = d["share"]
                        if share is not None:
                            shares.append(share)
                        total += d["score"]
                        results.append(make(d))
                        continue
                else:
                    per = dv[1]
                    base = bases.get(per)
                    if base is None:
                        b = city.figure(per)
                        base = bases[per] = (b,)
                    if not base[0] or not (tv is float or tv is int):
                        d = _row(ip, a, city, bases, True)  # underived, or a number of another type
                        if d["state"] == "unknown":
                            total += d["score"]
                            results.append(make(d))
                            continue
                    else:
                        hit = ip.memo.get((v, base[0]))
                        if hit is None:
                            hit = _outcome(ip, v, base)
                        d = hit[3].copy()  # type: ignore[union-attr]
                        d["figure"] = float(v / base[0] * dv[0])
                d["value"] = v
                d["evidence"] = ev = list(given["evidence"])
                d["note"] = given["note"]
                if ip.survey:
                    _margin(d, given["sample_size"], ip.drawn and drawn_population(ip.drawn, city.figure))
                mx = d["max"]
                answered_w.append(mx)
                backed_w.append(mx if ev or not _claims(v, d["score"]) else mx * 0.5)  # mx * 1.0 is mx
                share = d["share"]
                if share is not None:
                    shares.append(share)
            elif status == "not_applicable":
                del results[marks[0]:], answered_w[marks[1]:], backed_w[marks[2]:], shares[marks[3]:]
                return None
            else:
                d = ip.unknown.copy()  # type: ignore[union-attr]
                d["evidence"] = list(given["evidence"])
                d["note"] = given["note"]
        d["review_reasons"] = []
        d["review_reasons_zh"] = []
        total += d["score"]
        results.append(make(d))
    return total, missing


def _floor_basis(dmax: float, rows: list[dict[str, Any]]) -> tuple[float | None, list[str]]:
    """The points a dimension's floor is measured against, and the indicators left out of them.

    An indicator whose answer another body decides (``decided_by``: UNESCO admits GNLC members and
    grants its award) counts in the score, but what the unit has not been granted of it does not
    count against the floor: the floor asks a minimum of the unit's own work, and a prefecture-level
    city could otherwise never reach the L floor, whatever it did (G21-B3). What it has been granted
    stays in, so a grant never lowers the floor's share. ``(None, [])`` when nothing is left out."""
    basis = dmax
    out: list[str] = []
    for d in rows:  # subtracted left to right, as evaluator.kernel does
        lost = d["max"] - d["score"]
        if lost > EPS:
            basis -= lost
            out.append(d["id"])
    return (basis, out) if out else (None, out)


def _floor_met(share: float | None, dscore: float, fmax: float | None, floor: float) -> bool | None:
    """Whether the dimension reaches the floor: its share, or its score over ``fmax`` when the floor's
    basis leaves points out; None (not checked) when it has no points, or none the unit's own work can earn."""
    if share is None:
        return None
    if fmax is None:
        return share + EPS >= floor
    return dscore / fmax + EPS >= floor if fmax > EPS else None


def score(assessment: Assessment, framework: Framework | None = None, *, sha256: str = "",
          file: str | None = None, verified: set[str] | None = None, vetoes: list[str] | None = None,
          changes: dict[str, tuple[float, str]] | None = None) -> Result:
    """Scores one assessment as its unit gave it. Pure: the same input always gives the same Result.

    Verified scoring (with expert reviews) is ``evaluator.pipeline.score``, which calls this once
    per reviewer; keeping reviews out of here keeps the engine at the bottom of the import graph.
    """
    if framework is None:
        from indicators.loader import load_framework

        framework = load_framework(assessment.framework)
    city = assessment.city
    plan = plan_for(framework).at(city.level)
    answers = assessment.answers
    get = answers.get
    bases: dict[str, tuple[Any]] = {}
    floor = plan.floor
    dims: list[DimensionResult] = []
    inds: list[IndicatorResult] = []
    applicable: list[float] = []  # max of every applicable indicator, in order
    answered_w: list[float] = []
    backed_w: list[float] = []
    shares: list[float] = []  # of the answered indicators, for the pathway's own mean
    missing = not_applicable = not_asked = 0
    open_scored = 0.0  # points a panel gave to unknown or missing indicators (their upper bound holds them)
    dmaxes: list[float] = []
    dscores: list[float] = []
    fast = not verified and not changes
    for dp in plan.dims:
        if fast and dp.fixed:
            start = len(inds)
            got = _fixed_dimension(dp, get, city, bases, inds, answered_w, backed_w, shares)
            if got is None:  # the unit marked one of its indicators not applicable
                own = dp.variant(list(map(get, dp.ids)))
                if own is not None:
                    dp = own
                    got = _fixed_dimension(dp, get, city, bases, inds, answered_w, backed_w, shares)
            if got is not None:
                dscore = got[0]
                missing += got[1]
                applicable += dp.maxes
                dmaxes.append(dp.points)
                dscores.append(dscore)
                share = dscore / dp.points if dp.points > EPS else None
                not_asked += len(dp.not_asked)
                not_applicable += len(dp.off_ids) - len(dp.not_asked)
                d = dp.result.copy()  # the fields no answer changes, in declaration order
                d["score"] = dscore
                d["share"] = share
                if dp.outside and floor > EPS:  # a framework without a floor has none to check on a basis
                    fmax, fex = _floor_basis(dp.points, [inds[start + k].__dict__ for k in dp.outside])
                    d["floor_met"] = _floor_met(share, dscore, fmax, floor)
                    d["floor_max"] = fmax
                else:
                    fex = []
                    d["floor_met"] = None if share is None else share + EPS >= floor
                d["indicators"] = list(dp.ids)
                d["not_applicable"] = list(dp.off_ids)
                d["floor_excludes"] = fex
                dims.append(_dimension_result(d))
                continue
        given = list(map(get, dp.ids))
        fixed = dp.fixed
        if fixed:
            for a in given:
                if a is not None and a.status == "not_applicable":
                    fixed = False
                    break
        rows = [_row(ip, a, city, bases, fixed) for ip, a in zip(dp.inds, given)]
        dmax = dp.points if fixed else _spread(dp, rows)
        if verified:
            for d in rows:
                d["verified"] = d["id"] in verified
        if changes:
            _adjust(rows, changes)
        scores = []
        na_ids = []
        for d in rows:
            inds.append(_indicator_result(d))
            scores.append(d["score"])
            state = d["state"]
            if state == "not_applicable":
                if d["id"] in dp.not_asked:
                    not_asked += 1
                else:
                    not_applicable += 1
                na_ids.append(d["id"])
                continue
            mx = d["max"]
            applicable.append(mx)
            if state == "answered":
                answered_w.append(mx)
                backed_w.append(mx * (1.0 if (d["evidence"] or d["verified"] or not _claims(d["value"], d["score"]))
                                      else 0.5))
                if d["share"] is not None:
                    shares.append(d["share"])
            elif state == "missing":
                missing += 1
            if state != "answered" and d["score"]:  # a panel's change to an unknown figure: already counted
                open_scored += d["score"]
        dscore = sum(scores)
        dmaxes.append(dmax)
        dscores.append(dscore)
        share = dscore / dmax if dmax > EPS else None
        fmax, fex = _floor_basis(dmax, [d for d in rows if d["id"] in dp.outside_ids and d["state"] != "not_applicable"]) \
            if dp.outside_ids and floor > EPS else (None, [])
        dims.append(_dimension_result({
            "id": dp.id, "name": dp.name, "name_zh": dp.name_zh, "points": dp.points, "max": dmax, "score": dscore,
            "share": share, "floor_met": _floor_met(share, dscore, fmax, floor),
            "indicators": [d["id"] for d in rows], "not_applicable": na_ids, "floor_max": fmax, "floor_excludes": fex,
        }))
    answered = len(answered_w)
    max_total = sum(dmaxes)
    raw_total = sum(dscores)
    total = raw_total / max_total * plan.total_points if max_total > EPS else 0.0
    total = min(plan.total_points, max(0.0, total))
    k = plan.total_points / max_total if max_total > EPS else 0.0
    if abs(k - 1) > EPS:  # effective weight: what each indicator can earn of the total, after spreading
        for r in inds:
            f = r.__dict__
            f["weight"] = f["max"] * k
    available, answered_points = sum(applicable), sum(answered_w)
    weight = available or 1.0
    coverage = answered_points / weight
    # upper bound: every unknown or missing indicator at its full (spread) points
    open_points = available - answered_points - open_scored if open_scored else available - answered_points
    upper = min(plan.total_points, max(total, total + open_points * k))
    bounds = _bounds({"lower": total, "upper": upper})
    if plan.worded:
        in_own_words(plan.worded, plan.reworded, framework, city, inds)
    surveyed = [None if k < 0 else inds[k] for k in plan.survey_at]
    fired_vetoes = _vetoes(plan, answers, vetoes or [])
    name = city.name
    city_info = _city_info({
        "id": city.id, "name": name.en or name.zh, "name_zh": name.zh or name.en, "level": city.level, "parent": city.parent,
        "parent_en": city.parent_en,
        "province": city.province, "region": city.region, "population": city.population,
        "area_km2": _float(city.area_km2), "gdp_per_capita": _float(city.gdp_per_capita),
        "reference_year": city.reference_year,
        "period": f"{assessment.period.start}–{assessment.period.end}",
        "evaluating_body": assessment.evaluating_body, "date": assessment.date,
    })
    if isinstance(sha256, str) and (file is None or isinstance(file, str)):
        provenance = _provenance({"tool": "lcity", "version": VERSION, "framework": plan.ref,
                                  "input_sha256": sha256, "input_file": file})
    else:  # validated, so a wrong type is refused as it always was
        provenance = Provenance(tool="lcity", version=VERSION, framework=plan.ref, input_sha256=sha256, input_file=file)
    pathway = None
    if plan.pathways is not None:
        pathway = pathways.run_at(plan.pathways, plan.pathway_at, inds, shares, assessment.strategy.leads_with,
                                  city.level)
    # a veto that fails the evaluation (recognition.veto_grade) rests on an answered fact: leaving
    # other answers unknown must not turn 不合格 into 数据不足
    ratable = coverage + EPS >= plan.min_coverage or bool(fired_vetoes and plan.veto_grade is not None)
    leasts = None if plan.survey_drawn is None else _unit_least(plan, city)  # nothing more without drawn_from
    if ratable:
        grade = _grade(plan, total, bool(fired_vetoes))
        decision = _decide(plan, total, dims, surveyed, fired_vetoes, _pending(plan, inds, verified) if plan.plausible else [],
                           lambda: _borrowed(plan, inds, verified, city.level, k),
                           lambda: _emptied(plan, dims, inds), leasts)
    else:  # a veto still refuses: it rests on what is known, not on the missing data
        grade, decision = _not_ratable(plan, coverage, bounds)
        if fired_vetoes:
            decision = _decide(plan, total, dims, surveyed, fired_vetoes, leasts=leasts)
    return _result({
        "framework": plan.ref, "framework_name": plan.name, "framework_name_zh": plan.name_zh,
        "city": city_info, "total": total, "max_total": plan.total_points, "total_bounds": bounds,
        "ratable": ratable, "provisional": False, "grade": grade, "recognition": decision,
        "confidence": sum(backed_w) / weight, "coverage": coverage,
        "answered": answered, "not_applicable": not_applicable, "not_asked": not_asked,
        "unknown": len(inds) - answered - not_applicable - not_asked - missing, "missing": missing,
        "vetoes": fired_vetoes, "dimensions": dims, "indicators": inds, "pathway": pathway,
        "strategy": list(assessment.strategy.leads_with), "self_assessed": None, "review": None,
        "provenance": provenance,
    })


def _float(x: Any) -> Any:
    return float(x) if type(x) is int else x
