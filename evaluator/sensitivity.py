"""How sure a unit's total, grade, outcome and rank are, and which source of uncertainty decides it.

Monte Carlo: every factor of the enabled sources (``evaluator.uncertainty``) drawn at random,
every unit scored at each draw by the kernel; the total's median and 5–95 % interval, the share of
draws in each grade and outcome, and the rank among the units analysed together. The main figures
keep unknown answers at 0, as the rules score them: an interval that drew them could leave out the
unit's own total. With the ``unknowns`` source on, the same draws are scored again with the unknown
answers drawn over their plausible range (``drawn``): a second figure, "if the unknown answers took
plausible values". The aggregation rule is the framework's; the total under a weighted geometric
mean is given apart (``geometric``). A panel-verified unit is analysed as verified: the panel's
score changes stay in every draw (``evaluator.uncertainty``).

Ranks: among reference units that are below the framework's ``min_coverage`` (thin public data), a
rank drawn over values nobody published claims more than the data show; there the rank is withheld
and ``rank_open`` gives the position that holds for any value of the unknown answers, as
``lcity benchmark`` gives it.

Sobol: first-order and total-order indices of the total (SALib: Saltelli's design, Saltelli's
first-order and Jansen's total-order estimators), once with the sources as groups and once with
each dimension's weight as its own group. A report computes the same estimators on a NumPy design
(``sobol_with="numpy"``), since importing SALib would cost it more than the whole analysis. The factors of one source act together, so a source's index answers "how much of the spread
goes away if this source were known", which is the question a coordinator asks.

Reproducible: every random number comes from ``numpy.random.default_rng(seed)`` or SALib with the
same seed, and every figure is rounded before it is reported, so one seed gives one JSON.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np
from pydantic import BaseModel, Field

from . import kernel, uncertainty
from .rounding import stored
from .uncertainty import DEFAULT_SOURCES, SOURCES, Settings


class Interval(BaseModel):
    p05: float
    median: float
    p95: float


class Chance(BaseModel):
    id: str
    name: str
    name_zh: str
    p: float = Field(description="Share of the draws")


class Outcomes(BaseModel):
    """What the draws say: the total's interval, and (ratable units only) grade and outcome shares."""

    total: Interval
    grades: list[Chance] | None = Field(description="None when the unit is not ratable: no grade to estimate; "
                                        "they add up to less than 1 when some draws are not ratable (see outcomes)")
    recognition: float | None = Field(description="Share of draws recognised; None when not ratable")
    outcomes: list[Chance] | None
    held: float | None = Field(default=None, description="Where the framework names the held state "
                               "(recognition.outcomes.held): the share of the draws whose outcome is deferred only "
                               "because figures await verification (counted in deferred too); None otherwise")


class RankInterval(BaseModel):
    best: int = Field(description="5th percentile of the rank (1 = highest total)")
    median: int
    worst: int = Field(description="95th percentile of the rank")
    of: int = Field(description="Units ranked together")


class RankOpen(BaseModel):
    """A position that holds whatever the unknown answers turn out to be (``evaluator.benchmark``)."""

    best: int
    worst: int
    of: int


class Geometric(BaseModel):
    """The total under another aggregation rule, said apart from the draws."""

    total: float = Field(description="The total as the weighted geometric mean of the dimension shares, at the "
                         "framework's weights (a share below the framework's geometric_floor counts as it)")
    grade: str | None = Field(description="The grade band that total falls in; None when the unit is not ratable")
    name: str | None = None
    name_zh: str | None = None


class CutOff(BaseModel):
    kind: str = Field(description="grade | recognition | deferral")
    id: str
    name: str
    name_zh: str
    at: float = Field(description="The cut-off (points), inside the total's 5–95 % interval")
    changes: bool = Field(default=True, description="Crossing the line changes the grade (grade) or the decision "
                          "(recognition, deferral) in some draws; False when another condition decides it in "
                          "every draw (held_by): a dimension below its floor keeps 暂缓认定 on both sides of 85")
    held_by: list[str] = Field(default_factory=list, description="When changes is False: what decides the "
                               "conclusion in every draw instead (floor:<dimension>, survey:<indicator>, veto, "
                               "pending), as scored")


class Bounds(BaseModel):
    lower: float = Field(description="The total with every unknown answer at 0")
    upper: float = Field(description="The total with every unknown answer at full points")


class Crossing(BaseModel):
    """A recognition condition the draws put on both sides of its line: what makes a fragile decision
    fragile. A decision the draws split is decided by these, not by the total when the total is far
    from its line (a dimension at 59.95 % against the 60 % floor, a survey rate against its line)."""

    kind: str = Field(description="total (the recognition line) | deferral (the deferral line) | floor (a "
                      "dimension's floor) | survey (a survey threshold)")
    id: str = Field(description="the dimension (floor) or indicator (survey); the outcome id for total/deferral")
    name: str
    name_zh: str
    at: float = Field(description="The line: points (total, deferral), percent of the dimension's points (floor), "
                      "the survey figure (survey)")
    fails: float = Field(description="Share of the draws in which the condition fails")
    failed: bool = Field(description="The condition fails as scored (the rules' decision)")
    decides: float = Field(default=0.0, description="Share of the draws whose decision differs from the rules' "
                           "because of this condition alone: it is on the other side of its line from the rules' "
                           "reading, and putting it back alone gives the rules' decision")


class SobolIndex(BaseModel):
    """An index as shown: a share of the total's variance, so within 0–1. The estimators can give a
    figure just outside (1.01: sampling noise of the design, G18-D9), kept as ``first_raw`` /
    ``total_raw`` with the half-width of its 95 % confidence interval (``first_conf`` / ``total_conf``:
    the interval is raw ± conf, bootstrap over the design's base rows, 100 resamples)."""

    factor: str = Field(description="a source id, or weight:<dimension id>")
    first: float | None = Field(description="First-order index S1 as shown, within 0–1 (None when the total does "
                                "not vary)")
    total: float | None = Field(description="Total-order index ST as shown, within 0–1")
    first_conf: float | None = Field(default=None, description="Half-width of the 95 % confidence interval of "
                                     "first_raw (first_raw ± first_conf); None when not computed")
    total_conf: float | None = Field(default=None, description="Half-width of the 95 % confidence interval of "
                                     "total_raw (total_raw ± total_conf); None when not computed")
    first_raw: float | None = Field(default=None, description="The estimator's S1, which sampling noise can put "
                                    "outside 0–1")
    total_raw: float | None = Field(default=None, description="The estimator's ST, which sampling noise can put "
                                    "outside 0–1 (1.01 for a unit whose variance one source makes)")


class Histogram(BaseModel):
    start: float
    width: float
    counts: list[int]


class UnitRobustness(BaseModel):
    unit: str
    name: str
    name_zh: str
    period: str | None = Field(default=None, description="The period assessed (2024–2025): which cycle a unit is "
                               "when a folder holds two of one city")
    file: str | None = None
    reference: bool = Field(default=False, description="A reference unit, analysed beside the unit")
    ratable: bool
    scored: float = Field(description="The total as scored (framework weights, unknowns at 0; a reviewed unit's "
                          "panel-verified total)")
    grade: str = Field(default="", description="The grade by the rules (the Result's), whose share of the draws "
                       "grade_share gives")
    grade_share: float | None = Field(default=None, description="Share of the draws giving the grade by the rules; "
                                      "None when the unit is not ratable")
    verified: bool = Field(default=False, description="Scored as verified by an expert panel's reviews: the "
                           "figures are the verified ones, the panel's score changes kept in every draw")
    reviewers: int = Field(default=0, description="Reviews applied (0: the self-assessed figures)")
    self_assessed: float | None = Field(default=None, description="The self-assessed total (verified units only)")
    unknowns: str = Field(description="zero: the main figures keep unknown answers at 0, as the rules score them")
    vetoes: list[str] = Field(default_factory=list, description="The vetoes that fired for the unit as scored "
                              "(ids): under a framework with a veto_grade they decided its grade, which a table then says")
    result: Outcomes = Field(description="The draws' figures; for a unit below min_coverage (total_bounds set) "
                             "only the grade-free total with unknown answers at 0, which no table or report "
                             "shows: its total is known only within total_bounds")
    total_bounds: Bounds | None = Field(default=None, description="Set for a unit (a reference unit or the unit "
                                        "analysed) below the framework's min_coverage instead of a drawn interval "
                                        "(drawn is then None): its total "
                                        "lies anywhere between these, whatever values nobody published take, as "
                                        "lcity cities and lcity benchmark give it")
    drawn: Outcomes | None = Field(default=None, description="The same draws with the unknown answers drawn over "
                                   "their plausible range: what the figures would be if the unknown answers took "
                                   "plausible values (present when the unknowns source is on)")
    rank: RankInterval | None = Field(description="None for a unit left out of the ranking (not ratable, when only "
                                      "ratable units are ranked), or when the rank is withheld (rank_open)")
    rank_open: RankOpen | None = Field(default=None, description="Set instead of rank when reference units ranked "
                                       "with the unit are below the framework's min_coverage: the position that "
                                       "holds for every value their unknown answers could take (lcity benchmark's)")
    geometric: Geometric | None = Field(default=None, description="The total under a weighted geometric mean of "
                                        "the dimension shares, an aggregation rule the framework does not use")
    level_note: str = Field(default="", description="When the unit is of another level than every reference "
                            "unit ranked with it (a district among cities): lcity benchmark's level note, to be "
                            "read before its rank")
    level_note_zh: str = ""
    near: list[CutOff] = Field(description="Cut-offs inside the total's 5–95 % interval")
    crossed: list[Crossing] = Field(default_factory=list, description="Recognition conditions that fail in some "
                                    "draws and hold in others and alone change the decision in some draws "
                                    "(ratable units without a veto; Crossing.decides), the total's lines first: "
                                    "the lines a fragile decision turns on")
    sobol: list[SobolIndex]
    histogram: Histogram = Field(description="The total's distribution in the main figures, 1-point bins (finer for a framework of fewer than 10 points)")

    # shortcuts for readers of the headline figures (the batch's columns): None for a unit whose total
    # is known only within its bounds (total_bounds), which no drawn interval describes
    @property
    def p05(self) -> float | None:
        return None if self.total_bounds is not None else self.result.total.p05

    @property
    def median(self) -> float | None:
        return None if self.total_bounds is not None else self.result.total.median

    @property
    def p95(self) -> float | None:
        return None if self.total_bounds is not None else self.result.total.p95

    @property
    def grade_probabilities(self) -> dict[str, float] | None:
        """grade id -> share of draws; None when the unit is not ratable."""
        return None if self.result.grades is None else {c.id: c.p for c in self.result.grades}

    @property
    def recognition_probability(self) -> float | None:
        return self.result.recognition


class SourceInfo(BaseModel):
    id: str
    on: bool
    range: str
    range_zh: str
    assumed_sample: int | None = Field(default=None, description="survey: the sample size assumed for the rates "
                                       "of assumed_for, which neither the unit (sample_size) nor the framework "
                                       "(survey.min_sample) gives one for; None when every rate drawn has one")
    assumed_for: list[str] = Field(default_factory=list, description="survey: the indicators drawn with "
                                   "assumed_sample for some unit")


class Robustness(BaseModel):
    framework: str
    samples: int
    sobol_base: int = Field(description="Base sample size N of the Sobol design (N × (groups + 2) runs per design)")
    stream: int = Field(description="The random-number stream drawn from: the same stream gives the same figures")
    sources: list[SourceInfo]
    thin_references: int = Field(default=0, description="Reference units ranked here that are below the "
                                 "framework's min_coverage; when any is, ranks are withheld (rank_open)")
    min_coverage: float = Field(default=0.0, description="The framework's recognition.min_coverage")
    sobol_sources: list[str] = Field(default_factory=list, description="The sources the Sobol design varied "
                                     "together (the indices' groups): a unit's indices are estimated with these, "
                                     "so the same unit analysed with other units (a folder that adds survey rates) "
                                     "gets another design and slightly different estimates")
    units: list[UnitRobustness]


def _r(x: float, nd: int = 3) -> float:
    return float(round(float(x), nd)) + 0.0  # + 0.0: no -0.0 in the JSON


def describe(settings: Settings, assumed: Sequence[str] = (), finite: Sequence[str] = ()) -> dict[str, tuple[str, str]]:
    """Each source's default range, in words (en, zh): what a report's reader needs to know of it,
    in the words an evaluator uses (the indicator system's weights, not the "framework's").
    ``assumed``: the surveyed indicators drawn with ``uncertainty.ASSUMED_SAMPLE`` (the framework sets
    no sample for them, and the engine keeps a unit's ``sample_size`` only for a rate with a ``survey``
    block), named with the sample assumed: the words say what is drawn."""
    s = settings
    share = f"{s.endpoint_share * 100:g}%"
    n = uncertainty.ASSUMED_SAMPLE
    survey_en = ("each survey rate moves by its sampling error √(p(1−p)/n), n being the valid sample answered "
                 "or, where none is given, the framework's minimum sample")
    survey_zh = "各项调查比率按抽样误差√(p(1−p)/n)浮动，n为填报的有效样本量，未填报的取指标体系规定的最低样本量"
    if assumed:
        survey_en += (f"; the framework sets no minimum sample for {', '.join(assumed)} and no sample size was given, "
                      f"so these rates are drawn as from "
                      f"an assumed {n} valid questionnaires (a sample that keeps the 95% margin within ±5 points "
                      f"at any rate)")
        survey_zh += (f"；指标体系未规定{'、'.join(assumed)}的样本量，且未填报有效样本量，这些比率按假定的{n}份有效问卷计"
                      f"（在任何比率下95%置信区间均不超过±5个百分点的样本量）")
    if finite:  # the engine's finite population margin (survey.drawn_from), as the score states it (G31T2)
        survey_en += (f"; for {', '.join(finite)}, the error is corrected for the number of people the survey is drawn "
                      f"from, as the unit gives it (× √((N−n)/(N−1)), the margin the score states)")
        survey_zh += f"；{'、'.join(finite)}按本单位填报的被调查人群总数作有限总体校正（乘以√((N−n)/(N−1))，与评分所列误差一致）"
    survey_en += "; near 0% or 100%, where that error would be about 0, the Wilson interval's is used"
    survey_zh += "；比率接近0%或100%时，上式的误差接近0，改用威尔逊区间的误差"
    return {
        "weights": (f"drawn from a Dirichlet distribution centred on the framework's dimension weights "
                    f"(concentration α = {s.weights_concentration:g})",
                    f"以指标体系规定的各维度权重为中心，按狄利克雷分布随机取值（集中度α为{s.weights_concentration:g}）"),
        "scale": (f"the floor and the full-points line of each linear rule each move by up to ±{share} of its span",
                  f"各线性评分规则的起点和满分标准分别在其区间宽度的±{share}以内浮动"),
        "unknowns": ("counted as 0, as the score counts them; a second interval draws them over their plausible "
                     "range (what the total would be if the unknown answers took plausible values)",
                     "按评分口径一律计0分；另给出在合理范围内随机取值的第二个区间（若不详指标取合理数值，总分可能的范围）"),
        "survey": (survey_en, survey_zh),
        "aggregation": (f"asked for by name (the framework's rule is the arithmetic mean): with probability "
                        f"{s.geometric_probability:g}, the dimensions' shares are combined by a weighted geometric "
                        f"mean instead of the weighted arithmetic mean",
                        f"（按要求加入；指标体系的规则为加权算术平均）以{s.geometric_probability:g}的概率改用各维度"
                        f"得分率的加权几何平均数汇总总分"),
    }


def _chances(counts: np.ndarray, ids: Sequence[tuple[str, str, str]], n: int) -> list[Chance]:
    return [Chance(id=i, name=en, name_zh=zh, p=_r(c / n, 4)) for (i, en, zh), c in zip(ids, counts)]


def _outcomes(fw: Any, sc: kernel.Scores, k: int, ratable: bool) -> Outcomes:
    t = sc.total[:, k]
    n = t.size
    p05, med, p95 = np.percentile(t, [5, 50, 95])
    out = Outcomes(total=Interval(p05=_r(p05), median=_r(med), p95=_r(p95)), grades=None, recognition=None, outcomes=None)
    if not ratable:
        return out
    grades = [(g.id, g.name.en, g.name.zh) for g in fw.grades]
    g = sc.grade[:, k]
    out.grades = _chances(np.array([(g == i).sum() for i in range(len(grades))]), grades, n)
    names = fw.recognition.outcomes
    ids = [(o, getattr(names, o).en, getattr(names, o).zh) for o in kernel.OUTCOMES[:3]]
    o = sc.outcome[:, k]
    out.outcomes = _chances(np.array([(o == i).sum() for i in range(3)]), ids, n)
    out.held = _held_share(fw, sc, k)
    # other weights change the coverage too: a unit near the threshold is not ratable in some draws
    unrated = int((o == 3).sum())
    if unrated:
        nr = getattr(names, "not_ratable", None)
        out.outcomes.append(Chance(id="not_ratable", name=nr.en if nr else "Not ratable",
                                   name_zh=nr.zh if nr else "数据不足，不予定级", p=_r(unrated / n, 4)))
    out.recognition = _r((o == 0).sum() / n, 4)
    return out


def _held_share(fw: Any, sc: kernel.Scores, k: int) -> float | None:
    """Where the framework names the held state (``recognition.outcomes.held``: its middle outcome is a
    title of its own), the share of the draws held back from the first outcome only by figures awaiting
    verification: Kingsmere, held on a survey of 310 of 500 questionnaires at 34 % against a 30 % line,
    read "'Accreditation on hold' in 100 %" where a draw below 30 % gives 'Accredited with conditions'
    (G26-T6). None for a framework without the words (China's 暂缓认定 is the held state itself)."""
    if getattr(fw.recognition.outcomes, "held", None) is None:
        return None
    pending = (sc.fails or {}).get("pending")
    if pending is None:
        return 0.0
    held = np.asarray(pending)[:, k] & (sc.outcome[:, k] == kernel.OUTCOMES.index("deferred"))
    for key, arr in sc.fails.items():  # type: ignore[union-attr]
        if key != "pending":
            held = held & ~np.asarray(arr)[:, k]
    return _r(held.sum() / sc.outcome.shape[0], 4)


def ranks(total: np.ndarray) -> np.ndarray:
    """(S, U) rank of each unit in each draw: 1 + the number of units with a higher total (equal
    totals share a rank, as the batch ranks). Sorted per draw: S × U log U, not S × U²."""
    u = total.shape[1]
    ordered = np.sort(total, axis=1)
    out = np.empty(total.shape, int)
    for s in range(total.shape[0]):
        out[s] = 1 + u - np.searchsorted(ordered[s], total[s], side="right")
    return out


def _near(fw: Any, iv: Interval) -> list[CutOff]:
    rec = fw.recognition
    cuts = [("grade", g.id, g.name.en, g.name.zh, g.min) for g in fw.grades if g.min > 0]
    o = rec.outcomes
    cuts.append(("recognition", "recognised", o.recognised.en, o.recognised.zh, rec.total_min))
    if rec.deferred_min < rec.total_min:
        cuts.append(("deferral", "deferred", o.deferred.en, o.deferred.zh, rec.deferred_min))
    return [CutOff(kind=k, id=i, name=en, name_zh=zh, at=_r(at)) for k, i, en, zh, at in cuts
            if iv.p05 < at <= iv.p95]


#: a share of draws below this changes nothing worth saying (the table and the report print it as "0%")
CHANGES_MIN = 0.005


def _changes(fw: Any, near: list[CutOff], sc: kernel.Scores, k: int, result: Any,
             crossed: list[Crossing]) -> list[CutOff]:
    """Marks each cut-off inside the interval by whether crossing it changes a conclusion in some draws
    (G18-B10): a grade line changes the grade unless a veto decides it; the recognition and deferral
    lines change the decision only where the total alone turns it (``Crossing.decides``). Qingshi at
    86.3 with dimension L at 50 % is deferred on both sides of 85 in every draw: its recognition line
    was flagged as though recognition hung on it. A line that changes nothing names what decides
    instead (``held_by``): the conditions failing in (nearly) every draw, or the veto."""
    if not near:
        return near
    vetoed = bool(getattr(result, "vetoes", None))
    held = ["veto"] if vetoed else []
    for key, arr in (sc.fails or {}).items():
        if key != "total" and float(np.asarray(arr)[:, k].mean()) >= 1 - CHANGES_MIN:
            held.append(key)
    grade_ids = [g.id for g in fw.grades]
    own = getattr(getattr(result, "grade", None), "id", None)
    t, g = np.asarray(sc.total[:, k]), np.asarray(sc.grade[:, k])
    decides = {c.kind: c.decides for c in crossed}
    out = []
    for c in near:
        if c.kind == "grade":
            if own not in grade_ids or vetoed and own == getattr(fw.recognition, "veto_grade", None):
                changes = False
            else:
                other = (t + kernel.EPS >= c.at) != (float(result.total) + kernel.EPS >= c.at)
                changes = float((other & (g != grade_ids.index(own))).mean()) >= CHANGES_MIN
            why = ["veto"] if vetoed and not changes else []
        else:
            changes = decides.get("total" if c.kind == "recognition" else "deferral", 0.0) >= CHANGES_MIN
            why = held
        out.append(c if changes else c.model_copy(update={"changes": False, "held_by": list(why)}))
    return out


#: the decision code of a unit held back from the first outcome only by figures awaiting verification,
#: where the framework names that state (``recognition.outcomes.held``); the kernel counts it as deferred
HELD = len(kernel.OUTCOMES)


def _decision(fails: dict[str, np.ndarray], vetoed: bool = False, held: bool = False) -> np.ndarray:
    """The kernel's decision from the conditions each draw fails (``kernel._outcomes``): recognised
    when nothing fails, else deferred when the deferral line holds, else refused. With ``held``, a
    draw that fails only on the figures awaiting verification (``pending``) is ``HELD``, a decision of
    its own: the framework's held words, not its middle title."""
    keys = [key for key in fails if key != "deferral"]
    any_fail = np.any([fails[key] for key in keys], axis=0) if keys else np.zeros_like(fails["deferral"])
    deferral = fails.get("deferral", fails.get("total", np.zeros_like(any_fail)))  # no deferral line: the total's
    out = np.where(any_fail | vetoed, np.where(deferral | vetoed, 2, 1), 0)
    if held and "pending" in fails:
        others = [fails[key] for key in keys if key != "pending"]
        only = np.asarray(fails["pending"], bool) & ~(np.any(others, axis=0) if others else False) & ~vetoed
        out = np.where(only, HELD, out)
    return out


def decisive_shares(fails: dict[str, np.ndarray], rules: dict[str, bool], outcome: np.ndarray,
                    decided: int, held: bool = False) -> dict[str, float]:
    """Each condition's share of the draws in which it alone turns the decision away from the rules':
    the draw puts it on the other side of its line from the rules' reading, the draw's decision is not
    the rules', and putting this condition back (the others as drawn) gives the rules' decision. A
    condition that fails in every draw, or that never changes the decision alone (D and L below their
    floors keep 暂缓认定 whatever K does), gets 0: naming it would claim a dependence the draws do not
    show. The recognition and deferral lines are one total: putting the total above the recognition
    line puts it above the deferral line, and below the deferral line puts it below the recognition one.
    With ``held`` (the framework names the held state), a draw held only by the unsettled figures is
    its own decision (``HELD``): Baisha, held on a satisfaction rate of 78.5 % on 420 of 600
    questionnaires against a 75 % line, is the middle title proper in the draws below 75 %, and that
    condition alone turns them (G29-T1)."""
    n = outcome.size
    rated = outcome != kernel.OUTCOMES.index("not_ratable")
    if held:
        deferred = kernel.OUTCOMES.index("deferred")
        outcome = np.where((outcome == deferred) & (_decision(fails, held=True) == HELD), HELD, outcome)
    changed = rated & (outcome != decided)
    out = {}
    for key, arr in fails.items():
        state = np.asarray(arr, bool)
        other = state != bool(rules.get(key, False))
        if not (changed & other).any():
            out[key] = 0.0
            continue
        back = dict(fails)
        back[key] = np.full(n, bool(rules.get(key, False)))
        if key == "total" and not rules.get(key) and "deferral" in back:
            back["deferral"] = np.zeros(n, bool)
        if key == "deferral" and rules.get(key) and "total" in back:
            back["total"] = np.ones(n, bool)
        out[key] = float((changed & other & (_decision(back, held=held) == decided)).mean())
    return out


def _crossed(fw: Any, sc: kernel.Scores, k: int, result: Any) -> list[Crossing]:
    """The recognition conditions the decision turns on (``kernel.Scores.fails``): those the draws put
    on both sides of their lines and that alone change the decision in some draws (``decisive_shares``),
    each with the share of draws failing it and the share it alone changes; the total's lines first,
    then the one that changes the decision most often."""
    if not sc.fails or getattr(result, "vetoes", None) or not bool(getattr(result, "ratable", True)):
        return []
    rec = fw.recognition
    o = rec.outcomes
    dims = {d.id: d for d in fw.dimensions}
    inds = {i.id: i for i in fw.indicators()}
    scored_dims = {d.id: d for d in getattr(result, "dimensions", None) or []}
    scored_inds = {i.id: i for i in getattr(result, "indicators", None) or []}
    floor = float(rec.dimension_floor)
    surveys = {s.indicator: float(s.min) for s in rec.survey}
    fails = {key: np.asarray(arr)[:, k] for key, arr in sc.fails.items()}
    if rec.deferred_min < rec.total_min:
        fails["deferral"] = np.asarray(sc.total[:, k] + kernel.EPS < rec.deferred_min)
    conditions = {}
    for key in fails:
        kind, _, ident = key.partition(":")
        if kind == "pending":  # figures awaiting verification: the same in every draw, never a crossing
            continue
        if kind == "total":
            c = (o.recognised.en, o.recognised.zh, rec.total_min, "recognised", float(result.total) + kernel.EPS < rec.total_min)
        elif kind == "deferral":
            c = (o.deferred.en, o.deferred.zh, rec.deferred_min, "deferred", float(result.total) + kernel.EPS < rec.deferred_min)
        elif kind == "floor":
            d, got = dims[ident], scored_dims.get(ident)
            c = (d.name.en, d.name.zh, floor * 100, ident, getattr(got, "floor_met", None) is False)
        else:
            i, got = inds[ident], scored_inds.get(ident)
            fig = getattr(got, "figure", None)
            c = (i.name.en, i.name.zh, surveys.get(ident, 0.0), ident,
                 fig is None or float(fig) + kernel.EPS < surveys.get(ident, 0.0))
        conditions[key] = c
    rules = {key: bool(c[4]) for key, c in conditions.items()}
    if "pending" in fails:
        rules["pending"] = True
    recognition = getattr(result, "recognition", None)
    outcome_id = getattr(recognition, "outcome", None)
    decided = kernel.OUTCOMES.index(outcome_id) if outcome_id in kernel.OUTCOMES else int(_decision(
        {key: np.array([v]) for key, v in rules.items()})[0])
    held = getattr(o, "held", None) is not None and "pending" in fails
    if held and outcome_id == "deferred" and bool(getattr(recognition, "recognised_if_verified", False)):
        decided = HELD  # the framework's held words are the rules' decision, not its middle title
    decides = decisive_shares(fails, rules, np.asarray(sc.outcome[:, k]), decided, held)
    out = []
    for key, c in conditions.items():
        share = float(fails[key].mean())
        if not 0.0 < share < 1.0 or decides[key] <= 0.0:
            continue
        kind = key.partition(":")[0]
        out.append(Crossing(kind=kind, id=c[3], name=c[0], name_zh=c[1], at=_r(c[2]), fails=_r(share, 4),
                            failed=bool(c[4]), decides=_r(decides[key], 4)))
    return sorted(out, key=lambda c: (c.kind not in ("total", "deferral"), -c.decides))


def _histogram(t: np.ndarray, width: float = 1.0) -> Histogram:
    """The draws' totals in bins of ``width`` points: 1 point, or a step of the last decimal a
    total of a small framework is written with (0.01 of a 1-point framework, whose every draw fell
    in one 1-point bin: G27-T1)."""
    lo, hi = math.floor(float(t.min()) / width), math.floor(float(t.max()) / width) + 1
    counts, _ = np.histogram(t, bins=hi - lo, range=(lo * width, hi * width))
    return Histogram(start=round(lo * width, 9), width=width, counts=[int(c) for c in counts])


def bin_width(framework: Any) -> float:
    """The histogram's bin: about 1 % of the framework's points, at most 1 point. A 100-point
    framework keeps its 1-point bins; a 10-point one drew its whole 8.1–8.6 interval as one bar
    of 8 to 9 and labelled its 6.05 line "6" (G29-T2), so its bins are 0.1 wide."""
    import math

    points = float(getattr(framework, "total_points", 0) or 0)
    if points <= 0 or not math.isfinite(points):
        return 1.0
    return min(1.0, 10.0 ** math.floor(math.log10(points / 100) + 1e-9))


def sobol_base(samples: int) -> int:
    """The Sobol design's base size: a power of two near samples / 32 (at least 64, at most 4096)."""
    n = max(64, min(4096, samples // 32))
    return 1 << (n - 1).bit_length()


def _sobol(p: uncertainty.Design, base: int, seed: int, by: str, skip: Sequence[bool] = ()) -> dict[str, list[tuple]]:
    """Indices of each unit's total: groups by source (``by`` = source) or each dimension's weight
    as its own group with the other sources grouped (``by`` = weight)."""
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as sample

    groups = _groups(p, by)
    k = len(groups)
    if k < 2 or len(set(groups)) < 2:  # SALib needs two groups; one source explains all there is
        return {}
    problem = {"num_vars": k, "names": list(p.names), "bounds": [[0.0, 1.0]] * k, "groups": groups}
    x = sample.sample(problem, base, calc_second_order=False, scramble=True, seed=seed + 1)
    totals = uncertainty.evaluate(p, x).total
    order = list(dict.fromkeys(groups))
    out: dict[str, list[tuple]] = {}
    for u, name in enumerate(p.units.names):
        if u < len(skip) and skip[u]:
            continue
        y = totals[:, u]
        if float(np.var(y)) <= 1e-18:
            out[name] = [(g, None, None, None, None) for g in order]
            continue
        with np.errstate(all="ignore"):
            # seed + 1: SALib seeds its bootstrap only with a true value, and 0 is a valid --seed
            r = analyze.analyze(problem, y, calc_second_order=False, num_resamples=100, print_to_console=False,
                                seed=seed + 1)
        out[name] = [(g, *(None if not np.isfinite(v) else _r(v) for v in (r["S1"][i], r["ST"][i], r["S1_conf"][i],
                                                                         r["ST_conf"][i])))
                     for i, g in enumerate(order)]
    return out


def _groups(p: uncertainty.Design, by: str) -> list[str]:
    return [("weights" if by == "source" and g.startswith("weight:") else g) for g in p.groups]


def saltelli_design(k: int, groups: Sequence[str], base: int, seed: int) -> np.ndarray:
    """Saltelli's design in SALib's layout (per base row: A, then A with each group's columns
    from B, then B), from NumPy's generator instead of a scrambled Sobol' sequence."""
    rng = np.random.default_rng(seed + 1)
    a, b = rng.random((base, k)), rng.random((base, k))
    order = list(dict.fromkeys(groups))
    blocks = [a]
    for g in order:
        ab = a.copy()
        cols = [i for i, x in enumerate(groups) if x == g]
        ab[:, cols] = b[:, cols]
        blocks.append(ab)
    blocks.append(b)
    return np.stack(blocks, axis=1).reshape(base * (len(order) + 2), k)


def sobol_indices(y: np.ndarray, n_groups: int) -> tuple[np.ndarray, np.ndarray]:
    """First-order (Saltelli 2010) and total-order (Jansen) indices of output ``y`` of a design in
    SALib's layout: the estimators of ``SALib.analyze.sobol`` (standardised output, same
    formulas), without importing SALib and SciPy's statistics, which costs a report more than a
    second. ``tests/test_sensitivity.py`` checks them against SALib on the same design."""
    y = (y - y.mean()) / y.std()
    step = n_groups + 2
    a, b = y[0::step], y[step - 1::step]
    ab = np.stack([y[j + 1::step] for j in range(n_groups)], axis=1)
    var = np.var(np.r_[a, b])
    first = np.mean(b[:, None] * (ab - a[:, None]), axis=0) / var
    total = 0.5 * np.mean((a[:, None] - ab) ** 2, axis=0) / var
    return first, total


def sobol_conf(y: np.ndarray, n_groups: int, seed: int, resamples: int = 100) -> tuple[np.ndarray, np.ndarray]:
    """Half-widths of the 95 % confidence intervals of ``sobol_indices``, as SALib gives them: 1.96
    standard deviations of the estimates over ``resamples`` bootstrap resamples of the base rows."""
    y = (y - y.mean()) / y.std()
    step = n_groups + 2
    a, b = y[0::step], y[step - 1::step]
    ab = np.stack([y[j + 1::step] for j in range(n_groups)], axis=1)
    r = np.random.default_rng(seed + 2).integers(len(a), size=(len(a), resamples))
    ar, br, abr = a[r], b[r], ab[r]  # (base, resamples), the groups last
    var = np.var(np.concatenate([ar, br]), axis=0)[:, None]
    first = np.mean(br[..., None] * (abr - ar[..., None]), axis=0) / var
    total = 0.5 * np.mean((ar[..., None] - abr) ** 2, axis=0) / var
    return 1.959964 * first.std(axis=0, ddof=1), 1.959964 * total.std(axis=0, ddof=1)


def shown(x: float | None) -> float | None:
    """An index as shown: a share of the variance, within 0–1 (the estimate may fall just outside)."""
    return None if x is None else min(1.0, max(0.0, x)) + 0.0


def _sobol_numpy(p: uncertainty.Design, base: int, seed: int, by: str,
                 skip: Sequence[bool] = ()) -> dict[str, list[tuple]]:
    """The report's Sobol indices: ``_sobol`` without SALib, with bootstrap confidence intervals."""
    groups = _groups(p, by)
    order = list(dict.fromkeys(groups))
    if len(order) < 2:
        return {}
    totals = uncertainty.evaluate(p, saltelli_design(len(groups), groups, base, seed)).total
    out: dict[str, list[tuple]] = {}
    for u, name in enumerate(p.units.names):
        if u < len(skip) and skip[u]:
            continue
        y = totals[:, u]
        if float(np.var(y)) <= 1e-18:
            out[name] = [(g, None, None, None, None) for g in order]
            continue
        first, total = sobol_indices(y, len(order))
        first_conf, total_conf = sobol_conf(y, len(order), seed)
        out[name] = [(g, _r(f), _r(t), _r(fc), _r(tc))
                     for g, f, t, fc, tc in zip(order, first, total, first_conf, total_conf)]
    return out


def _verification(result: Any) -> dict[str, Any]:
    """Whether a unit's figures are the panel-verified ones: a reader of the JSON must not take a
    verified interval for the self-assessed one (they differ by the panel's changes)."""
    review, own = getattr(result, "review", None), getattr(result, "self_assessed", None)
    if review is None:
        return {}
    return {"verified": True, "reviewers": int(review.reviewers),
            "self_assessed": stored(own.total) if own is not None else None}


def _geometric(fw: Any, sc: kernel.Scores, k: int) -> Geometric:
    g = int(sc.grade[0, k])
    grade = fw.grades[g] if g != kernel.NOT_RATABLE else None
    return Geometric(total=stored(sc.total[0, k]), grade=grade.id if grade else None,
                     name=grade.name.en if grade else None, name_zh=grade.name.zh if grade else None)


def _rank_open(results: Sequence[Any], ranked: np.ndarray, k: int) -> RankOpen:
    """The unit's position among the others ranked with it, over every value of everyone's
    unknown answers (``evaluator.benchmark.rank_interval`` on the totals' bounds)."""
    from .benchmark import rank_interval

    def bounds(r: Any) -> tuple[float, float]:
        b = getattr(r, "total_bounds", None)
        lo = float(b.lower) if b is not None else float(r.total)
        return lo, max(lo, float(b.upper)) if b is not None else lo

    others = [bounds(r) for j, r in enumerate(results) if ranked[j] and j != k]
    got = rank_interval(*bounds(results[k]), others)
    return RankOpen(best=got.best, worst=got.worst, of=got.of)


def _share_of(res: Outcomes, grade_id: str) -> float | None:
    if res.grades is None:
        return None
    return next((c.p for c in res.grades if c.id == grade_id), 0.0)


def analyse(framework: Any, results: Sequence[Any], labels: Sequence[str], *,
            sources: Sequence[str] = DEFAULT_SOURCES, samples: int = 10_000, seed: int = 0,
            files: Sequence[str | None] | None = None, references: Sequence[bool] | None = None,
            settings: Settings | None = None, sobol: bool = True, rank_only_ratable: bool = False,
            sobol_references: bool = True, sobol_with: str = "salib", base: int | None = None) -> Robustness:
    """The uncertainty and sensitivity analysis of units scored under one framework, ranked together
    (all of them, on their totals with unknown answers at 0; or, with ``rank_only_ratable``, the
    ratable ones only, as ``lcity batch`` ranks). The main figures and the Sobol indices vary the
    enabled sources other than the unknown answers; the unknown answers, when their source is on, are
    drawn on the same draws for the second figures (``drawn``). ``base``: the Sobol design's base size
    (by default ``sobol_base(samples)``)."""
    settings = settings or uncertainty.settings_of(framework)
    sources = tuple(s for s in SOURCES if s in sources)
    with_unknowns = "unknowns" in sources
    full_p = uncertainty.build(framework, results, labels, sources, settings)
    x = uncertainty.draws(full_p, samples, seed)
    if with_unknowns:  # the same draws of the other sources, so the two figures differ by the unknowns alone
        main_p = uncertainty.build(framework, results, labels, [s for s in sources if s != "unknowns"], settings)
        keep = [i for i, g in enumerate(full_p.groups) if g != "unknowns"]
        assert [full_p.names[i] for i in keep] == main_p.names  # both list the factors in SOURCES order
        main, drawn = uncertainty.evaluate(main_p, x[:, keep]), uncertainty.evaluate(full_p, x)
    else:
        main_p, main, drawn = full_p, uncertainty.evaluate(full_p, x), None
    geo = uncertainty.geometric(main_p)
    refs = [bool(v) for v in references] if references else [False] * len(results)
    ranked = np.array([not rank_only_ratable or bool(getattr(r, "ratable", True)) for r in results])
    thin = sum(1 for k, r in enumerate(results) if ranked[k] and refs[k] and not bool(getattr(r, "ratable", True)))
    rk = np.zeros(main.total.shape, int)
    if ranked.any():
        rk[:, ranked] = ranks(main.total[:, ranked])
    base = base or sobol_base(samples)
    skip = refs if sobol_references is False else []
    how = _sobol if sobol_with == "salib" else _sobol_numpy
    by_source = how(main_p, base, seed, "source", skip) if sobol else {}
    by_weight = how(main_p, base, seed, "weight", skip) if sobol and "weights" in sources else {}
    units = []
    for k, r in enumerate(results):
        ratable = bool(getattr(r, "ratable", True))
        res = _outcomes(framework, main, k, ratable)
        lo, med, hi = np.percentile(rk[:, k], [5, 50, 95], method="inverted_cdf")
        rows = by_source.get(labels[k], []) + [t for t in by_weight.get(labels[k], []) if t[0].startswith("weight:")]
        # shown within 0–1, the estimate beside it (a total-order index of 1.01 is noise, G18-D9)
        sob = [SobolIndex(factor=g, first=shown(a), total=shown(b), first_conf=c, total_conf=d, first_raw=a,
                          total_raw=b) for g, a, b, c, d in rows]
        grade_id = getattr(getattr(r, "grade", None), "id", "") or ""
        drawn_rank = RankInterval(best=int(lo), median=int(med), worst=int(hi), of=int(ranked.sum()))
        cross = _crossed(framework, main, k, r)
        # a unit too thin to be rated (a reference unit, or the unit itself): its total lies anywhere between
        # its bounds, and an interval drawn with its unknown answers at 0 (or at guessed values) claims more
        # than the data show, as a drawn rank among such units would (G18-B8, G19-B2): its bounds instead,
        # as lcity cities and lcity score give them
        b = getattr(r, "total_bounds", None) if not ratable else None
        bounds = Bounds(lower=stored(b.lower), upper=stored(b.upper)) if b is not None else None
        units.append(UnitRobustness(
            unit=labels[k], name=r.city.name, name_zh=r.city.name_zh, period=getattr(r.city, "period", None),
            file=files[k] if files else None, reference=refs[k],
            ratable=ratable, scored=stored(r.total), grade=grade_id, grade_share=_share_of(res, grade_id),
            **_verification(r), unknowns="zero", result=res, vetoes=[str(v) for v in (getattr(r, "vetoes", None) or [])],
            drawn=_outcomes(framework, drawn, k, ratable) if drawn is not None and bounds is None else None,
            total_bounds=bounds,
            rank=drawn_rank if ranked[k] and not thin else None,
            rank_open=_rank_open(results, ranked, k) if ranked[k] and thin else None,
            geometric=_geometric(framework, geo, k),
            **_level_notes(framework, results, refs, k),
            near=_changes(framework, _near(framework, res.total), main, k, r, cross), crossed=cross, sobol=sob,
            histogram=_histogram(main.total[:, k], bin_width(framework))))
    assumed = full_p.assumed if "survey" in sources else ()
    words = describe(settings, assumed, full_p.finite_for if "survey" in sources else ())
    return Robustness(
        framework=framework.ref, samples=samples, sobol_base=base if sobol else 0, stream=seed,
        sources=[SourceInfo(id=s, on=s in sources, range=words[s][0], range_zh=words[s][1],
                            **({"assumed_sample": uncertainty.ASSUMED_SAMPLE, "assumed_for": list(assumed)}
                               if s == "survey" and assumed else {}))
                 for s in SOURCES],
        thin_references=thin, min_coverage=float(getattr(framework.recognition, "min_coverage", 0.0)),
        sobol_sources=list(dict.fromkeys(_groups(main_p, "source"))) if by_source else [], units=units)


def _level_notes(framework: Any, results: Sequence[Any], refs: Sequence[bool], k: int) -> dict[str, str]:
    """lcity benchmark's level note for a unit ranked among reference units of another level (a
    district among the 12 cities, ranked 1–13 of 13 with no word of it, G18-B16); {} else."""
    others = [r for j, r in enumerate(results) if refs[j]]
    if refs[k] or not others:
        return {}
    from .benchmark import level_note

    try:
        en, zh = level_note(results[k], others, framework)
    except AttributeError:  # a result without a level or indicators has no note, not a failure
        return {}
    return {"level_note": en, "level_note_zh": zh} if en else {}


#: draws of the analysis a report carries: enough for a stable 90 % interval (± about 0.5 points at
#: the tails), few enough that the report stays fast; the random-number stream is fixed, so a
#: report is reproducible
REPORT_SAMPLES = 2000
REPORT_SEED = 0
#: the Sobol design's base size in a report: the draws' 2,000 would give 64, at which the shares moved
#: by half between random streams (a unit's survey share 0.11-0.22, the weight that "matters most"
#: flipping between two dimensions) and first-order indices exceeded total ones; 512 is the base
#: ``lcity sensitivity``'s 10,000 draws use, so the report and the command name the same factors
REPORT_SOBOL_BASE = 512


def for_unit(result: Any, framework: Any, *, samples: int = REPORT_SAMPLES, seed: int = REPORT_SEED,
             sobol: bool = True) -> Robustness:
    """The analysis of one unit, ranked with its framework's reference units (if it has any)."""
    from .benchmark import reference_results

    try:
        refs = list(reference_results(framework.ref))
    except Exception:  # noqa: BLE001 - a broken reference file must not stop the analysis of the unit
        refs = []
    own = result.provenance.input_sha256
    refs = [r for r in refs if [x.id for x in r.indicators] == [x.id for x in result.indicators]
            and not (own and r.provenance.input_sha256 == own)]  # a reference unit is not ranked with itself
    label = result.city.id or "unit"
    labels = [label] + [f"ref:{r.city.id or r.city.name}" for r in refs]
    return analyse(framework, [result] + refs, labels, samples=samples, seed=seed,
                   files=[result.provenance.input_file] + [None] * len(refs),
                   references=[False] + [True] * len(refs), sobol=sobol, sobol_references=False,
                   sobol_with="numpy", base=REPORT_SOBOL_BASE)
