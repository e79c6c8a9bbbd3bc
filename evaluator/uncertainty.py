"""Sources of uncertainty as uniform factors, and what one draw of them does to every unit.

Each source is a set of factors, each uniform on [0, 1]: the same description serves the Monte
Carlo analysis (factors drawn at random) and the Sobol analysis (factors from SALib's design). A
factor is turned into a perturbation by its inverse distribution function:

* ``weights``: one factor per dimension; the dimension weights are Dirichlet(α × w) around the
  framework's weights w (gamma quantiles of the factors, normalised), α the framework's
  ``uncertainty.weights_concentration``;
* ``scale``: two factors per linear indicator; its floor and target each move by up to
  ± ``uncertainty.endpoint_share`` of its span (shared by every unit: the framework's scale is one);
* ``unknowns``: one factor per unit and unknown or missing indicator; the answer is drawn over its
  plausible range (the framework's ``plausible`` figures, else the rule's own span; a yes/no
  answer is yes or no with equal chance, a choice any of its choices, a checklist's share uniform);
* ``survey``: one factor per unit and surveyed rate (an indicator with a ``survey`` block, or one a
  survey threshold of the recognition rule names); the rate moves by a normal sampling error
  √(p(1−p)/n) (n the answer's ``sample_size``, else the framework's ``min_sample``; for a rate
  whose framework sets no minimum and whose unit gave no sample, ``ASSUMED_SAMPLE``, said in
  the sources' words); near 0 % or 100 % the Wilson interval's,
  ``evaluator.sampling.margin``);
* ``aggregation``: one factor; the dimensions are combined by a weighted geometric mean instead
  of the arithmetic one with probability ``uncertainty.geometric_probability``. Not a default
  source (``DEFAULT_SOURCES``): the framework's rule is the arithmetic mean, and mixing another rule
  into the draws pulled every unbalanced unit's median below its total and put a likelihood on a
  grade the rules do not give. The geometric mean is reported apart (``geometric``), or drawn when
  asked for by name.

A panel-verified unit keeps the expert panel's score changes (``score_change``, applied by the
engine after the rule): only what a draw moves is scored again (a drawn answer, a moved survey
rate, a linear rule whose end-points moved), and the panel's change is added to it as the engine
adds it; everything else keeps the engine's own share, so with nothing moved the draws give the
verified Result's figures, and another unit's drawn answer never moves this unit's total.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
from scipy.special import gammaincinv, ndtri

from indicators.models import Uncertainty

from . import kernel
from .sampling import margin

SOURCES = ("weights", "scale", "unknowns", "survey", "aggregation")
#: what the framework's rule leaves open: the analysis varies these unless told otherwise; the
#: aggregation rule is the framework's own and is not varied (it is reported apart, ``geometric``)
DEFAULT_SOURCES = ("weights", "scale", "unknowns", "survey")


#: the sample size a surveyed rate is drawn with when neither the answer (``sample_size``) nor the
#: framework (``survey.min_sample``) gives one: a rate a survey threshold names without a ``survey``
#: block, as china-learning-city@1's K4 and K5, answered without a sample_size: their
#: survey thresholds were then never drawn, and a recognition 0.2 points above the 80 % line read
#: as certain (G18-B1). 400 is the ``min_sample`` china-learning-city@2 sets for the same standard
#: resident survey (K4, K5; the S19 thresholds), and it keeps the 95 % margin within ± 5 points at
#: any rate (1.96 × √(0.25/400) = 4.9); docs/frameworks.md ("Uncertainty")
ASSUMED_SAMPLE = 400


_DEFAULT = {k: f.default for k, f in Uncertainty.model_fields.items() if k != "source"}


@dataclass(frozen=True)
class Settings:
    """The ranges used: the framework's ``uncertainty:`` section, else the defaults of
    ``indicators.models.Uncertainty`` (one place for them, documented in docs/frameworks.md)."""

    weights_concentration: float = _DEFAULT["weights_concentration"]
    endpoint_share: float = _DEFAULT["endpoint_share"]
    geometric_probability: float = _DEFAULT["geometric_probability"]
    geometric_floor: float = _DEFAULT["geometric_floor"]


def settings_of(framework: Any) -> Settings:
    u = getattr(framework, "uncertainty", None)
    if u is None:
        return Settings()
    return Settings(u.weights_concentration, u.endpoint_share, u.geometric_probability, u.geometric_floor)


@dataclass(frozen=True)
class Rule:
    """An indicator's rule as one unit's level scores it, for re-scoring a figure."""

    kind: str
    floor: float = 0.0
    target: float = 1.0
    steps: tuple[tuple[float, float], ...] = ()
    choices: tuple[float, ...] = ()
    low: float = 0.0   # range an unknown figure is drawn over
    high: float = 1.0


def _rule(ind: Any) -> Rule:
    r, a = ind.rule, ind.answer
    plaus = getattr(a, "plausible", None)
    if r.kind == "linear":
        lo, hi = min(r.floor, r.target), max(r.floor, r.target)
    elif r.kind == "steps":
        mins = [s.min for s in r.steps]
        lo, hi = min(0.0, mins[0]), mins[-1] * 1.25 if mins[-1] > 0 else mins[-1] + 1
    else:
        lo, hi = 0.0, 1.0
    if plaus is not None and plaus.min is not None and plaus.max is not None:
        lo, hi = plaus.min, plaus.max
    if getattr(a, "type", None) == "percent":
        lo, hi = max(lo, 0.0), min(hi, 100.0)
    return Rule(kind=r.kind, floor=getattr(r, "floor", 0.0), target=getattr(r, "target", 1.0),
                steps=tuple((s.min, s.share) for s in getattr(r, "steps", ())),
                choices=tuple(r.shares.get(c.id, 0.0) for c in a.choices) if r.kind == "levels" else (),
                low=float(lo), high=float(hi))


def linear_share(fig: np.ndarray, floor: Any, target: Any) -> np.ndarray:
    """The linear rule's share, as ``evaluator.rules`` computes it."""
    return np.minimum(1.0, np.maximum(0.0, (fig - floor) / (target - floor)))


def steps_share(fig: np.ndarray, steps: Sequence[tuple[float, float]]) -> np.ndarray:
    out = np.zeros(np.shape(fig))
    for smin, sh in steps:  # the last step reached, in the framework's order
        out = np.where(fig >= smin, sh, out)
    return out


def rule_share(rl: Rule, fig: np.ndarray) -> np.ndarray:
    """The share a linear or steps rule gives a figure (at the framework's end-points)."""
    return steps_share(fig, rl.steps) if rl.kind == "steps" else linear_share(fig, rl.floor, rl.target)


def _changed(x: Any, rl: Rule) -> float:
    """The panel's score change of one indicator as a share of its points, 0 when there is none.

    A Result does not carry the change itself, so it is read back from what the engine did: the
    share it gave (the rule's share plus the change, kept within 0..1) less the rule's own share of
    the figure; for an unknown or missing answer (the rule gave 0), the share itself. Exact unless
    the change was cut at 0 or at full points (then it is the part of the change that counted).
    Only a reviewed Result can hold a change, and only a verified indicator of it.
    """
    if not x.verified or x.state == "not_applicable" or not x.max:
        return 0.0
    share = x.share or 0.0
    if x.state != "answered":
        return share
    if rl.kind not in ("linear", "steps") or x.figure is None:
        return 0.0  # never scored again: a drawn answer is always an unknown one
    d = share - float(rule_share(rl, np.float64(x.figure)))
    return d if abs(d) > 1e-12 else 0.0


@dataclass
class Design:
    """The units, their rules and every factor of the enabled sources."""

    units: kernel.Units
    rules: list[list[Rule]]                 # [unit][column]
    sample_n: np.ndarray                    # (U, I) survey sample size, 0 when not a survey rate
    settings: Settings
    sources: tuple[str, ...]
    #: (U, I) the expert panel's score change as a share of the indicator's points (0 where none)
    changed: np.ndarray
    #: (U, I) the engine's share of every applicable indicator, a panel's change on an unknown
    #: answer included (``Units.share`` holds 0 for every answer that is not given)
    share: np.ndarray
    names: list[str] = field(default_factory=list)   # factor names
    groups: list[str] = field(default_factory=list)  # factor group (a source, or weight:<dim>)
    at: dict[str, Any] = field(default_factory=dict)  # where each source's factors are
    #: (U,) what a unit's own factors draw their random numbers by (``draws``): its data, not its label
    streams: tuple[str, ...] = ()
    #: the stream of each factor, aligned with ``names``
    keys: list[str] = field(default_factory=list)
    #: surveyed indicators drawn with ``ASSUMED_SAMPLE`` for some unit (no sample size as scored, no
    #: minimum sample in the framework), in the framework's order
    assumed: tuple[str, ...] = ()
    #: (unit, column) -> the finite population correction √((N − n)/(N − 1)) of a rate the engine gave
    #: the finite population's margin (``survey.drawn_from``, ``finite_share``); absent elsewhere
    finite: dict[tuple[int, int], float] = field(default_factory=dict)
    #: the surveyed indicators ``finite`` corrects for some unit, in the framework's order
    finite_for: tuple[str, ...] = ()


def unit_stream(result: Any, label: str) -> str:
    """What a unit's own random numbers are drawn by: its data as scored (level, and each
    indicator's state, answer, figure and share), else its label. Labels differ between commands (a
    report names a unit by its id, ``sensitivity`` by its file name, a batch by its path) and
    between copies of one file; the data do not, so a unit answering exactly what a reference city
    publishes gets that city's range. A reviewed unit's data are its verified answers."""
    inds = getattr(result, "indicators", None)
    if not inds:
        return f"label:{label}"
    data = repr((getattr(getattr(result, "city", None), "level", None),
                 [(x.id, x.state, x.value, x.figure, x.share) for x in inds]))
    return "data:" + hashlib.sha256(data.encode("utf-8")).hexdigest()


def build(framework: Any, results: Sequence[Any], labels: Sequence[str], sources: Sequence[str],
          settings: Settings | None = None) -> Design:
    units = kernel.compile_units(framework, results, labels)
    settings = settings or settings_of(framework)
    by_level: dict[str, dict[str, Rule]] = {}
    survey_min = framework.survey_rates()
    assumed: set[str] = set()
    rules, sample_n = [], np.zeros(units.applicable.shape)
    changed = np.zeros(units.applicable.shape)
    finite: dict[tuple[int, int], float] = {}
    corrected: set[str] = set()
    for k, r in enumerate(results):
        lv = r.city.level
        if lv not in by_level:
            by_level[lv] = {i.id: _rule(i) for d, inds in framework.at_level(lv) for i, _ in inds}
        rules.append([by_level[lv][c] for c in units.columns])
        for j, x in enumerate(r.indicators):
            if x.id in survey_min and x.state == "answered" and x.figure is not None:
                sample_n[k, j] = x.sample_size or survey_min[x.id] or ASSUMED_SAMPLE
                if not (x.sample_size or survey_min[x.id]):
                    assumed.add(x.id)
                elif x.sample_size and (c := finite_share(x)) is not None:
                    finite[(k, j)] = c
                    corrected.add(x.id)
            if getattr(r, "review", None) is not None:
                changed[k, j] = _changed(x, rules[k][j])
    share = np.where(units.answered | ~units.applicable, units.share, changed)
    streams = tuple(unit_stream(r, label) for r, label in zip(results, labels))
    p = Design(units, rules, sample_n, settings, tuple(s for s in SOURCES if s in sources), changed, share,
               streams=streams, assumed=tuple(c for c in units.columns if c in assumed), finite=finite,
               finite_for=tuple(c for c in units.columns if c in corrected))
    _factors(p)
    return p


def _add(p: Design, source: str, name: str, group: str, own: tuple[int, str] | None = None) -> int:
    """A factor's column. A factor of one unit (``own``: the unit's row and the indicator id) draws
    from a stream keyed by the unit's data and the indicator, not by its name: names carry the
    file's label, and two files with the same data must draw alike."""
    p.names.append(name)
    p.groups.append(group)
    p.keys.append(name if own is None else f"{source}:{p.streams[own[0]]}:{own[1]}")
    return len(p.names) - 1


def draws(p: Design, samples: int, seed: int) -> np.ndarray:
    """(samples × factors) uniform draws, each factor's column from a random stream of its own,
    keyed by ``seed`` and the factor (a dimension's weight, an indicator's end-point, a unit's own
    unknown answer or survey rate by the unit's data): a unit's draws, and so its plausible range,
    are the same whichever units it is analysed with (its report, ``lcity sensitivity``, a batch),
    and two files holding the same data get the same range. The first n draws of a longer run are
    the n draws of a shorter one."""
    x = np.empty((samples, len(p.keys)))
    for i, key in enumerate(p.keys):
        tag = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "little")
        x[:, i] = np.random.default_rng([seed, tag]).random(samples)
    return x


def _factors(p: Design) -> None:
    u = p.units
    if "weights" in p.sources:
        p.at["weights"] = [_add(p, "weights", f"w:{d}", f"weight:{d}") for d in u.dimension_ids]
    if "scale" in p.sources:
        cols = [j for j in range(len(u.columns)) if any(rs[j].kind == "linear" for rs in p.rules)]
        p.at["scale"] = [(j, _add(p, "scale", f"floor:{u.columns[j]}", "scale"),
                          _add(p, "scale", f"target:{u.columns[j]}", "scale")) for j in cols]
    if "unknowns" in p.sources:
        todo = np.argwhere(u.applicable & ~u.answered)
        p.at["unknowns"] = [(int(k), int(j), _add(p, "unknowns", f"unknown:{u.names[k]}:{u.columns[j]}", "unknowns",
                                                 (int(k), u.columns[j])))
                            for k, j in todo]
    if "survey" in p.sources:
        todo = np.argwhere(p.sample_n > 0)
        p.at["survey"] = [(int(k), int(j), _add(p, "survey", f"survey:{u.names[k]}:{u.columns[j]}", "survey",
                                               (int(k), u.columns[j])))
                          for k, j in todo]
    if "aggregation" in p.sources:
        p.at["aggregation"] = _add(p, "aggregation", "aggregation", "aggregation")


def dimension_points(p: Design, x: np.ndarray) -> np.ndarray | None:
    """(S, D) dimension points of each draw: Dirichlet(α × w) by gamma quantiles, on the
    framework's scale of points; None when weights do not vary."""
    if "weights" not in p.at:
        return None
    u = p.units
    w = u.dim_points / u.dim_points.sum()
    g = gammaincinv(p.settings.weights_concentration * w, np.clip(x[:, p.at["weights"]], 1e-12, 1 - 1e-12))
    return g / g.sum(axis=1, keepdims=True) * u.dim_points.sum()


def _unknowns(p: Design, x: np.ndarray, figs: dict, answered: np.ndarray,
              moved: np.ndarray) -> dict[int, np.ndarray]:
    """Draws every unknown answer: a figure over its plausible range (into ``figs``), or a share
    directly for yes/no, choice and checklist answers (returned, the panel's change added); marks
    them answered and moved."""
    u, s = p.units, x.shape[0]
    drawn: dict[int, np.ndarray] = {}
    for k, j, f in p.at.get("unknowns", ()):
        rl, col = p.rules[k][j], x[:, f]
        if rl.kind in ("linear", "steps"):
            figs.setdefault(j, np.broadcast_to(u.figure[:, j], (s, u.size)).copy())[:, k] = rl.low + col * (rl.high - rl.low)
        else:
            if rl.kind == "boolean":
                v = (col >= 0.5).astype(float)
            elif rl.kind == "levels":
                v = np.asarray(rl.choices)[np.minimum((col * len(rl.choices)).astype(int), len(rl.choices) - 1)]
            else:
                v = col
            drawn.setdefault(j, np.broadcast_to(p.share[:, j], (s, u.size)).copy())[:, k] = _plus(v, p.changed[k, j])
        answered[k, j] = moved[k, j] = True
    return drawn


def _plus(share: np.ndarray, change: float) -> np.ndarray:
    """A share with the panel's change added, kept within 0..1 as the engine keeps the score."""
    return share if change == 0.0 else np.minimum(1.0, np.maximum(0.0, share + change))


def finite_share(x: Any) -> float | None:
    """The finite population correction of a scored survey rate, as the engine applied it: the share of
    the large-population margin (``sampling.margin``) that the engine's margin is, where the framework
    names the people the survey is drawn from (``survey.drawn_from``) and the engine gave the rate
    ``sampling.finite_margin``. None where the engine's margin is the large population's (every rate of
    China's frameworks), so that their draws are computed exactly as before."""
    given, n = getattr(x, "margin", None), getattr(x, "sample_size", None)
    if given is None or not n:
        return None
    full = margin(x.figure, n)
    if full <= 0 or given >= full - 1e-9:
        return None
    return given / full


def _survey(p: Design, x: np.ndarray, figs: dict, moved: np.ndarray) -> None:
    """Moves every surveyed rate by its sampling error (into ``figs``): the finite population's where
    the engine gave it (``Design.finite``). Skerry's 120 of its 131 young people were drawn at ± 8.2
    points while the engine, validation and 三 said ± 2.4 (G31T2); now the draws move them by ± 2.4."""
    u, s = p.units, x.shape[0]
    for k, j, f in p.at.get("survey", ()):
        base = u.figure[k, j]
        se = margin(base, p.sample_n[k, j]) / 1.96  # a rate of 100 % from 60 answers is not certain either
        if (k, j) in p.finite:
            se *= p.finite[(k, j)]
        noisy = np.clip(base + se * ndtri(np.clip(x[:, f], 1e-12, 1 - 1e-12)), 0.0, 100.0)
        figs.setdefault(j, np.broadcast_to(u.figure[:, j], (s, u.size)).copy())[:, k] = noisy
        moved[k, j] = True


def _endpoints(p: Design, x: np.ndarray) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Column -> (S, U) floors and targets of the linear rules, each moved within its share."""
    e = p.settings.endpoint_share
    ends = {}
    for j, ff, ft in p.at.get("scale", ()):
        lin = np.array([rs[j].kind == "linear" for rs in p.rules])
        fl = np.array([rs[j].floor for rs in p.rules])
        tg = np.array([rs[j].target for rs in p.rules])
        span = np.abs(tg - fl)
        ends[j] = (np.where(lin, fl + e * span * (2 * x[:, ff:ff + 1] - 1), fl),
                   np.where(lin, tg + e * span * (2 * x[:, ft:ft + 1] - 1), tg))
    return ends


def _rescored(p: Design, s: int, figs: dict, ends: dict, shares: dict, answered: np.ndarray,
              moved: np.ndarray) -> None:
    """The share of every numeric answer whose figure or end-points moved (into ``shares``), the
    panel's change added. An answer that nothing moved keeps the engine's share: scoring it again
    from its figure would drop the panel's change (or cut it at 0 or full points twice)."""
    u = p.units
    for j in sorted(set(figs) | set(ends)):
        fig = figs.get(j, u.figure[:, j])
        col = np.broadcast_to(shares.get(j, p.share[:, j]), (s, u.size)).copy()
        for k in range(u.size):
            rl = p.rules[k][j]
            if not (answered[k, j] and rl.kind in ("linear", "steps")):
                continue
            moves_end = j in ends and rl.kind == "linear"
            if not (moved[k, j] or moves_end):
                continue
            fk = fig[:, k] if np.ndim(fig) == 2 else np.full(s, fig[k])
            if moves_end:
                sh = linear_share(fk, ends[j][0][:, k], ends[j][1][:, k])
            else:
                sh = rule_share(rl, fk)
            col[:, k] = _plus(sh, p.changed[k, j])
        shares[j] = col


def evaluate(p: Design, x: np.ndarray) -> kernel.Scores:
    """Scores every unit at each row of ``x`` (S × factors, each in [0, 1])."""
    u, s = p.units, x.shape[0]
    figs: dict[int, np.ndarray] = {}  # column -> (S, U) figures that differ from the answers as given
    answered = u.answered.copy()
    moved = np.zeros(answered.shape, bool)  # (U, I) answers a draw moves: drawn, or a survey rate
    shares = _unknowns(p, x, figs, answered, moved)
    _survey(p, x, figs, moved)
    _rescored(p, s, figs, _endpoints(p, x), shares, answered, moved)
    for j in np.flatnonzero((p.share != u.share).any(axis=0)):  # a panel's points on an unknown answer
        shares.setdefault(int(j), p.share[:, j])
    survey_figs = {}
    for j, _ in u.survey:
        if j >= 0 and (j in figs or (~u.answered[:, j] & answered[:, j]).any()):
            survey_figs[j] = np.where(answered[:, j], figs.get(j, u.figure[:, j]), np.nan)
    geometric = None
    if "aggregation" in p.at:
        geometric = x[:, p.at["aggregation"]] < p.settings.geometric_probability
    return kernel.score(u, s, shares=shares, dim_points=dimension_points(p, x), survey_figures=survey_figs,
                        geometric=geometric, geometric_floor=p.settings.geometric_floor)


def geometric(p: Design) -> kernel.Scores:
    """Every unit scored once at the framework's own weights, end-points and answers (a panel's
    changes kept), its total the weighted geometric mean of the dimension shares instead of the
    framework's arithmetic mean: the alternative rule, said apart from the draws ("under a
    geometric mean the total would be X") instead of mixed into them."""
    u = p.units
    shares = {int(j): p.share[:, j] for j in np.flatnonzero((p.share != u.share).any(axis=0))}
    return kernel.score(u, 1, shares=shares, geometric=np.ones(1, bool), geometric_floor=p.settings.geometric_floor)
