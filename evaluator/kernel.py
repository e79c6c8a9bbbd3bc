"""Scoring many samples of many units at once: the engine's arithmetic on NumPy arrays.

Uncertainty analysis scores every unit tens of thousands of times with other weights, other scale
end-points or other answers. The engine builds a full Result with reasons each time; here the
part that depends on the answers (each indicator's share of its points) is an array, and the rest
(not-applicable points spread over the dimension, dimension scores, the total, the grade band and
the recognition conditions) is done for all samples × units in one pass.

It must give exactly the engine's figures, not nearly: ``tests/test_kernel.py`` scores random
assessments under random weights both ways and compares every dimension score and total bit for
bit. So every sum is taken in the engine's order (left to right over indicators, then over
dimensions), one column at a time, never with NumPy's pairwise ``sum``; and every product and
quotient is the engine's, in its order. Only the comparisons with ``EPS`` are the engine's too.

Shapes: S samples, U units, I indicator columns (the framework's indicators in order), D
dimensions. A per-indicator input may be given once for every sample (``(U,)``) or per sample
(``(S, U)``); weights once (``(I,)``/``(D,)``) or per sample (``(S, I)``/``(S, D)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from .engine import EPS
from .result import HELD_ON

#: recognition outcomes by index, as the kernel returns them
OUTCOMES = ("recognised", "deferred", "refused", "not_ratable")
#: the grade index of a sample whose coverage is below the framework's min_coverage
NOT_RATABLE = -1


@dataclass(frozen=True)
class Units:
    """What the kernel needs of a framework and of the units scored under it, as arrays.

    Built from each unit's engine Result (``compile_units``): the states and shares are the
    engine's own, so at the framework's weights the kernel starts from exactly what it scored.
    """

    names: tuple[str, ...]          # U unit labels
    columns: tuple[str, ...]        # I indicator ids, framework order
    dimension_ids: tuple[str, ...]  # D
    dim: np.ndarray                 # (I,) dimension index of each column
    points: np.ndarray              # (I,) nominal indicator points
    dim_points: np.ndarray          # (D,) nominal dimension points
    applicable: np.ndarray          # (U, I) bool: neither not applicable nor off the unit's level
    answered: np.ndarray            # (U, I) bool
    share: np.ndarray               # (U, I) share of its points the rule gave (0 when not answered)
    figure: np.ndarray              # (U, I) the figure the rule scored, NaN when none
    vetoed: np.ndarray              # (U,) bool: a veto fired (answers do not change under sampling)
    total_points: float
    floor: float
    grade_mins: tuple[float, ...]   # in the framework's order, highest band first
    grade_ids: tuple[str, ...]
    veto_grade: int | None          # index of the grade a fired veto gives whatever the total (None: the total's band)
    total_min: float
    deferred_min: float
    survey: tuple[tuple[int, float], ...]  # (column or -1, minimum) of each survey threshold
    min_coverage: float = 0.0
    #: (U,) bool: figures beyond the plausible range that no panel verified (``Decision.pending``), or
    #: survey rates met on fewer questionnaires than the framework's minimum (``Decision.unsettled``),
    #: or figures the unit's notes give as its city's or as counted another way that decide recognition
    #: (``Decision.borrowed``, ``Decision.recounted``), answers without evidence that decide it
    #: (``Decision.unbacked``), figures its notes give as estimates (``Decision.estimated``) or a dimension the
    #: unit's own "not applicable" left out (``Decision.own_not_applicable``):
    #: recognition waits on them in every draw, as in the engine (answers as given are not drawn)
    pending: np.ndarray | None = None
    #: (U, I) bool: columns whose answer another body decides at the unit's level (``decided_by``): what
    #: a unit has not been granted of them is left out of its dimension's floor basis, as in the engine
    outside: np.ndarray | None = None

    @property
    def size(self) -> int:
        return len(self.names)


def compile_units(framework: Any, results: Sequence[Any], names: Sequence[str] | None = None) -> Units:
    """The arrays of units already scored by the engine under ``framework``."""
    if not results:
        raise ValueError("no units to compile")
    columns = tuple(r.id for r in results[0].indicators)
    dims = [d.id for d in framework.dimensions]
    dim_of = {i.id: k for k, d in enumerate(framework.dimensions) for i in d.indicators}
    pts = {i.id: i.points for i in framework.indicators()}
    u, n = len(results), len(columns)
    applicable = np.zeros((u, n), bool)
    answered = np.zeros((u, n), bool)
    share = np.zeros((u, n))
    figure = np.full((u, n), np.nan)
    for k, r in enumerate(results):
        if tuple(x.id for x in r.indicators) != columns:
            raise ValueError(f"{r.city.name}: indicators differ from the first unit's")
        for j, x in enumerate(r.indicators):
            applicable[k, j] = x.state != "not_applicable"
            answered[k, j] = x.state == "answered"
            if x.state == "answered":
                share[k, j] = x.share
                if x.figure is not None:
                    figure[k, j] = x.figure
    rec = framework.recognition
    col = {c: j for j, c in enumerate(columns)}
    ind_of = {i.id: i for i in framework.indicators()}
    outside = np.array([[ind_of[c].decided_for(r.city.level) is not None for c in columns] for r in results], bool)
    return Units(
        names=tuple(names) if names is not None else tuple(r.city.name for r in results),
        columns=columns, dimension_ids=tuple(dims),
        dim=np.array([dim_of[c] for c in columns], int),
        points=np.array([pts[c] for c in columns], float),
        dim_points=np.array([d.points for d in framework.dimensions], float),
        applicable=applicable, answered=answered, share=share, figure=figure,
        vetoed=np.array([bool(r.vetoes) for r in results]),
        total_points=float(framework.total_points), floor=float(rec.dimension_floor),
        grade_mins=tuple(float(g.min) for g in framework.grades), grade_ids=tuple(g.id for g in framework.grades),
        veto_grade=next((k for k, g in enumerate(framework.grades) if g.id == rec.veto_grade), None),
        total_min=float(rec.total_min), deferred_min=float(rec.deferred_min),
        survey=tuple((col.get(s.indicator, -1), float(s.min)) for s in rec.survey),
        min_coverage=float(getattr(rec, "min_coverage", 0.0)),
        pending=np.array([any(getattr(r.recognition, k, None) for k in ("pending", "unsettled", *HELD_ON))
                          for r in results]),
        outside=outside if outside.any() and rec.floor_on_own_work else None,
    )


@dataclass(frozen=True)
class Scores:
    """Every sample of every unit: what the engine would put in each Result."""

    dim_score: np.ndarray  # (D, S, U)
    dim_max: np.ndarray    # (D, S, U)
    total: np.ndarray      # (S, U)
    grade: np.ndarray      # (S, U) index into Units.grade_ids, NOT_RATABLE below the coverage threshold
    outcome: np.ndarray    # (S, U) index into OUTCOMES
    coverage: np.ndarray   # (S, U) share of the applicable points answered
    #: the recognition conditions each sample fails, by condition: "total", "floor:<dimension id>",
    #: "survey:<indicator id>" -> (S, U) bool; what a report needs to name the line a fragile
    #: decision crosses (a dimension's floor, a survey line or the total's line)
    fails: dict[str, np.ndarray] | None = None


def _col(x: np.ndarray | None, j: int) -> Any:
    """Column j of a per-sample (S, I) array as (S, 1), or of a fixed (I,) array as a scalar."""
    if x.ndim == 1:  # type: ignore[union-attr]
        return x[j]  # type: ignore[index]
    return x[:, j:j + 1]  # type: ignore[index]


def score(units: Units, samples: int, *, shares: dict[int, np.ndarray] | None = None,
          points: np.ndarray | None = None, dim_points: np.ndarray | None = None,
          survey_figures: dict[int, np.ndarray] | None = None, geometric: np.ndarray | None = None,
          geometric_floor: float = 0.01) -> Scores:
    """Scores ``samples`` samples of every unit.

    ``shares`` replaces the share of some columns (column -> (U,) or (S, U)); ``points`` and
    ``dim_points`` the framework's weights; ``survey_figures`` the figure a survey threshold reads
    (column -> (S, U), NaN = no figure); ``geometric`` (S,) bool marks samples whose total is the
    weighted geometric mean of the dimension shares (each at least ``geometric_floor``) instead of
    the engine's weighted arithmetic mean.
    """
    s, u = samples, units.size
    shares = shares or {}
    p = units.points if points is None else points
    dp = units.dim_points if dim_points is None else dim_points
    app = units.applicable.astype(float)
    nd = len(units.dimension_ids)
    dim_score = np.empty((nd, s, u))
    dim_max = np.empty((nd, s, u))
    ans = (units.applicable & units.answered).astype(float)
    covered = np.zeros((s, u))  # coverage's numerator and denominator, summed in the engine's order
    weight = np.zeros((s, u))
    fshare: dict[int, np.ndarray] = {}  # the floor's share of a dimension with columns another body decides
    for d in range(nd):
        cols = np.flatnonzero(units.dim == d)
        outs = []
        nominal = np.zeros((s, u))
        for j in cols:  # sum(points of applicable indicators), left to right
            nominal = nominal + _col(p, j) * app[:, j]
        ok = nominal > EPS
        with np.errstate(divide="ignore", invalid="ignore"):
            factor = np.where(ok, _col(dp, d) / nominal, 0.0)
        acc = np.zeros((s, u))
        for j in cols:  # score = share × (points × factor), summed left to right
            sh = shares.get(j)
            if sh is None:
                sh = units.share[:, j]
            sh = np.where(units.applicable[:, j], sh, 0.0)
            m = _col(p, j) * factor
            if units.outside is not None and units.outside[:, j].any():
                outs.append((j, m, sh))
            acc = acc + sh * m
            weight = weight + m * app[:, j]
            covered = covered + m * ans[:, j]
        dim_score[d] = acc
        dim_max[d] = np.where(ok, np.broadcast_to(_col(dp, d), (s, u)), 0.0)
        if outs:
            fshare[d] = _floor_share(units, acc, dim_max[d], outs)
    raw = np.zeros((s, u))
    mx = np.zeros((s, u))
    for d in range(nd):
        raw = raw + dim_score[d]
        mx = mx + dim_max[d]
    tp = units.total_points
    with np.errstate(divide="ignore", invalid="ignore"):
        total = np.where(mx > EPS, raw / mx * tp, 0.0)
        dshare = np.where(dim_max > EPS, dim_score / dim_max, np.nan)
    floor_share = dshare.copy() if fshare else dshare
    for d, f in fshare.items():
        floor_share[d] = np.where(np.isnan(dshare[d]), np.nan, f)
    if geometric is not None and geometric.any():
        w = np.where(dim_max > EPS, dim_max, 0.0) / np.where(mx > EPS, mx, 1.0)
        logs = np.log(np.maximum(np.nan_to_num(dshare, nan=1.0), geometric_floor))
        geo = tp * np.exp((w * logs).sum(axis=0))
        total = np.where(geometric[:, None], geo, total)
    total = np.minimum(tp, np.maximum(0.0, total))
    coverage = covered / np.where(weight == 0.0, 1.0, weight)
    ratable = coverage + EPS >= units.min_coverage
    if units.veto_grade is not None:  # a veto grades the unit whatever its missing data, as in the engine
        ratable = ratable | units.vetoed
    grade = np.where(ratable, _grades(units, total), NOT_RATABLE)
    # a veto still refuses a unit that is not ratable: it rests on what is known
    fails: dict[str, np.ndarray] = {}
    outcome = np.where(ratable, _outcomes(units, total, floor_share, survey_figures, fails), np.where(units.vetoed, 2, 3))
    return Scores(dim_score, dim_max, total, grade, outcome, coverage, fails)


def _floor_share(units: Units, score: np.ndarray, dmax: np.ndarray, outs: list) -> np.ndarray:
    """A dimension's share as its floor checks it (``evaluator.engine._floor_basis``): over its points
    less what the unit has not been granted of the columns another body decides, subtracted left to
    right as the engine does; the plain share where nothing is left out, NaN (never fails) where
    nothing is left that the unit's own work can earn."""
    basis = dmax
    cut = np.zeros(score.shape, bool)
    for j, m, sh in outs:
        lost = m - sh * m
        use = units.outside[:, j] & units.applicable[:, j] & (lost > EPS)  # type: ignore[index]
        basis = np.where(use, basis - lost, basis)
        cut = cut | use
    with np.errstate(divide="ignore", invalid="ignore"):
        left = np.where(basis > EPS, score / basis, np.nan)
        plain = np.where(dmax > EPS, score / dmax, np.nan)
    return np.where(cut, left, plain)


def _grades(units: Units, total: np.ndarray) -> np.ndarray:
    """The first band (in the framework's order) whose minimum the total reaches, else the last."""
    g = np.full(total.shape, len(units.grade_mins) - 1)
    for k in range(len(units.grade_mins) - 1, -1, -1):
        g = np.where(total + EPS >= units.grade_mins[k], k, g)
    if units.veto_grade is not None:  # a veto fails the evaluation whatever the draw's total, as in the engine
        g = np.where(np.broadcast_to(units.vetoed, total.shape), units.veto_grade, g)
    return g


def _outcomes(units: Units, total: np.ndarray, dshare: np.ndarray,
              survey_figures: dict[int, np.ndarray] | None, failed: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """The engine's decision: recognised when nothing fails; else deferred above the deferral line
    without a veto; else refused. ``failed`` (when given) receives each condition's failures."""
    failed = {} if failed is None else failed
    vetoed = np.broadcast_to(units.vetoed, total.shape)
    failed["total"] = total + EPS < units.total_min
    ok = ~vetoed & ~failed["total"]
    below = dshare + EPS < units.floor  # NaN (no dimension max) never fails
    for d, dim_id in enumerate(units.dimension_ids):
        failed[f"floor:{dim_id}"] = below[d]
    ok &= ~np.any(below, axis=0)
    for j, smin in units.survey:
        if j < 0:
            continue
        fig = (survey_figures or {}).get(j)
        if fig is None:
            fig = np.where(units.answered[:, j], units.figure[:, j], np.nan)
        fails = units.applicable[:, j] & (np.isnan(fig) | (fig + EPS < smin))
        failed[f"survey:{units.columns[j]}"] = np.broadcast_to(fails, total.shape)
        ok &= ~fails
    if units.pending is not None and units.pending.any():
        failed["pending"] = np.broadcast_to(units.pending, total.shape)
        ok &= ~failed["pending"]
    deferred = ~vetoed & (total + EPS >= units.deferred_min)
    return np.where(ok, 0, np.where(deferred, 1, 2))
