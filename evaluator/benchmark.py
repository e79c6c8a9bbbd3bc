"""Where a unit stands among the reference units of its framework, and whom to learn from.

Reference units belong to a framework: a unit is compared only with reference units whose own
``framework:`` line names the same framework id. The packaged ``china-learning-city`` framework
brings the 12 Chinese GNLC member cities (``indicators/reference-cities/*.yaml``); any framework
may bring its own in a folder ``reference-units/`` beside its ``framework.yaml`` (with an optional
``_set.yaml`` naming the set), or none, and then there is no benchmark (``reference_units`` 0).

Reference units are ordinary assessments scored by the same engine under the unit's framework, so
their totals mean exactly what a user's total means. A reference file written for an earlier
version of the framework (the 12 cities answer ``china-learning-city@1``) is moved to the unit's
version in memory by the same code as ``lcity upgrade`` (``evaluator.upgrade``): an answer is
carried over only where the version's crosswalk maps its indicator and the answer means the same;
every other indicator is ``unknown``, never filled in. The moved units are kept per framework
object, so a benchmark reads and scores them once per process. A reference file that is not valid
under the framework, or that no crosswalk leads from, is left out and listed in ``skipped``; it is
never scored by force. Their data are
sparse: what no public source gives is ``unknown`` and scores 0.

So nothing here pretends an unknown is a zero (issue 13):

* every total comes with its bounds (``Result.total_bounds``: unknowns at 0 and at full points),
  and a unit below its framework's ``recognition.min_coverage`` has no grade (``ratable`` False);
* a position is a **rank interval** over the unknowns: the best rank the unit could have (its
  unknowns at full points, everyone else's at 0) to the worst (the other way round). Every filling
  of the unknowns gives a rank inside it (``tests/test_benchmark_intervals.py``);
* per dimension, only reference units whose answers carry at least half of the dimension's points
  count (``n``, ``DOCUMENTED``); with none, there is no rank, median or best unit. Their median
  and best shares are taken on the indicators each answered (the rank interval still spans their
  unknowns): a city that answered one indicator of four is not set beside a complete unit;
* the unit's side is on the same basis: its share on the indicators of the dimension it answered
  (``known_share``), with how much of the dimension that is (``answered``), and the gap is taken
  from it, so identical answers give identical figures (its share as scored, unknowns at 0, stays
  ``share``). It is on their basis only where it answered the part they must (``comparable``):
  a county with 20 % of a dimension answered is not "on the same basis" as cities with 50 %;
* the unit is compared with each reference unit on the indicators both answered (``common``);
  peers are the nearest on those indicators, same level and region first;
* the caveat is part of the data (``caveat``/``caveat_zh``), so every renderer prints it.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from statistics import median

from pydantic import BaseModel, ConfigDict, Field

from indicators.cities import CHINA_FRAMEWORK_ID, CHINA_SET_NAME, REFERENCE_CITIES
from indicators.loader import PACKAGE_DIR, load_framework, resolve
from indicators.models import Exemplar, Framework, Indicator
from indicators.problems import InputError

from .result import Bounds, IndicatorResult, PathwayResult, Result
from .unit_word import own_word

REFERENCE_DIR = PACKAGE_DIR / "reference-cities"
#: the folder beside a framework.yaml that holds the framework's own reference units
UNITS_FOLDER = "reference-units"
#: the optional file of that folder naming the set (``name: {zh: ..., en: ...}``); not a unit
SET_FILE = "_set.yaml"
LOW_COVERAGE = 0.5  # only for frameworks read before recognition.min_coverage existed; rows use not ratable
#: peers need at least this many indicators both sides answered, else they are not compared
MIN_COMMON = 5
#: per dimension, a reference unit is compared when its answers carry at least this share of the
#: dimension's points: below it, its share says what public sources happen to mention, not the unit
DOCUMENTED = 0.5
#: the share below which a dimension counts as low when the framework draws no dimension floor
#: (``dimension_floor: 0``): the report's weak line (reports.context_facts.DEFAULT_WEAK), so the
#: benchmark and the report call the same dimensions low
NO_FLOOR_LINE = 0.6
#: added to the distance of a peer of another level, and of another region (a tenth of the largest gap)
LEVEL_PENALTY = 0.1
#: a gap (``Peer.gap``) at or above which a peer is not called similar: two units whose shares on
#: each indicator were drawn at random, independently and evenly from 0..1, would be this far apart
#: on average (the root of E[(x - y)^2] = 1/6). A nearest unit no closer than that is the nearest
#: of the reference units, not one whose profile resembles the unit's (G18-A9: a county 0.47 from
#: its "closest" peer, 49 % against 82 % overall)
SIMILAR_GAP = math.sqrt(1 / 6)
REGION_PENALTY = 0.1
#: Table 3 of the comparative study: the pathway type of each reference city.
TABLE3 = {
    "beijing": "balanced", "chengdu": "balanced", "taiyuan": "balanced",
    "shanghai": "internationalisation", "hangzhou": "internationalisation", "nanjing": "internationalisation",
    "guangzhou": "industry", "shenzhen": "industry", "suzhou": "industry",
    "wuhan": "culture", "changzhou": "culture", "xian": "culture",
}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Rank(Model):
    """A position that holds whatever the unknowns turn out to be."""

    best: int = Field(description="The best rank any filling of the unknowns gives (1 = first)")
    worst: int = Field(description="The worst rank any filling of the unknowns gives")
    of: int = Field(description="How many units are ranked, this one included")

    @property
    def exact(self) -> bool:
        return self.best == self.worst


class CityRow(Model):
    id: str
    framework: str = Field(default="", description="The framework (id@version) the unit is scored under")
    upgraded_from: str | None = Field(
        default=None, description="The version the reference file answers, when its answers were carried over "
        "to `framework` through the crosswalk (lcity upgrade); None for the unit itself and same-version files")
    name: str
    name_zh: str
    period: str = Field(default="", description="The years the unit's answers are for, as its file's period "
                        "gives them ('2011–2025'; one year once, '2024'): a reference unit's figures are read with their years")
    total: float
    total_bounds: Bounds
    ratable: bool = Field(description="coverage reaches the framework's min_coverage; False: no grade")
    grade: str
    grade_zh: str
    grade_id: str = Field(description="'not_ratable' when the unit is below the coverage threshold")
    pathway: str
    pathway_table3: str | None = Field(description="Type given by the comparative study's Table 3")
    coverage: float
    confidence: float
    low_coverage: bool = Field(description="Not ratable: below the framework's recognition.min_coverage")
    rank: Rank
    is_subject: bool = False
    shares: dict[str, float | None] = Field(default_factory=dict, description="dimension id -> share")
    answered: dict[str, float] = Field(default_factory=dict, description="dimension id -> the part of its points "
                                       "the unit answered (0..1): a share of 0 with nothing answered is no figure")


class DimensionBench(Model):
    id: str
    name: str
    name_zh: str
    share: float | None
    share_upper: float | None = Field(description="The unit's share with its unknowns at full points")
    score: float
    max: float
    n: int = Field(description="Reference units whose answers carry at least half of this dimension's points: "
                   "only they count for the rank, the median and the best")
    rank: Rank = Field(description="Rank interval among the unit and the n reference units with data here; a "
                       "reference unit that can tie with the unit may stand either side of it (100 % among units "
                       "that can reach 100 % is 1–5/8, not 1/8)")
    median_share: float | None = Field(description="Median, over the n reference units with data, of each one's share "
                                        "on the indicators of this dimension it answered; None when n = 0")
    best_share: float | None = Field(description="The highest such share (on answered indicators); None when n = 0")
    best_city: str = Field(description="'' when no reference unit with data scores above 0 in this dimension")
    best_cities: list[str] = Field(default_factory=list, description="Every reference unit at the best share "
                                   "(best_city first): a tie is not one unit's lead")
    best_city_name: str = Field(description="The unit(s) at the best share as a page names them: 'Shanghai', "
                                "'Shanghai, Beijing', 'Shanghai and 3 more'; '' when best_city is ''")
    best_city_name_zh: str = Field(description="The same in Chinese: '上海市'、'上海市、北京市'、'上海市等4个'")
    known_share: float | None = Field(default=None, description="The unit's share on the indicators of this "
                                      "dimension it answered: the basis the reference units' median and best are "
                                      "on, so a unit with a reference unit's answers reads equal to it; None when "
                                      "it answered none here")
    answered: float = Field(default=0.0, description="The share of this dimension's points the unit answered (0..1): "
                            "what known_share rests on")
    comparable: bool = Field(default=False, description="The unit's answers carry at least DOCUMENTED (half) of this "
                             "dimension's points, the part a reference unit needs to be compared here: only then is "
                             "known_share on the reference units' basis; below it, it rests on too little to set "
                             "beside their median and best")
    gap: float | None = Field(description="best share minus the unit's known_share (both on answered indicators), "
                              "0..1; None when no reference unit has data here (n = 0) or the unit answered nothing "
                              "here: nothing to compare, not a gap of 0")
    gap_points: float | None = Field(description="points the unit would gain at the best share; None with gap")


class Comparison(Model):
    """The unit against one reference unit on the indicators both answered."""

    id: str
    name: str
    name_zh: str
    period: str = Field(default="", description="The years the reference unit's answers are for ('2011–2025'; one "
                        "year once, '2024')")
    common: int = Field(description="Indicators both answered")
    common_points: float = Field(description="The unit's available points on those indicators")
    share: float | None = Field(description="The unit's share of the points on those indicators; None when common = 0")
    ref_share: float | None = Field(description="The reference unit's share on the same indicators")
    position: str = Field(description="above | below | undecided: whether the totals' bounds separate the two")


class Peer(Model):
    id: str
    name: str
    name_zh: str
    distance: float = Field(description="Root-mean-square gap of indicator shares on the indicators both answered "
                            "(0..1), plus LEVEL_PENALTY / REGION_PENALTY for another level / region")
    gap: float = Field(description="Root-mean-square gap of indicator shares on the indicators both answered "
                       "(0..1), without the penalties: how far apart the two are on what both answered")
    common: int = Field(description="Indicators both answered")
    same_level: bool
    same_region: bool
    total: float
    total_bounds: Bounds
    coverage: float
    low_coverage: bool


class ExemplarPractice(Model):
    city: str
    name: str
    name_zh: str
    indicator: str
    practice: str
    practice_zh: str


class WeakDimension(Model):
    id: str
    name: str
    name_zh: str
    share: float | None
    exemplars: list[ExemplarPractice] = Field(
        description="Models for what the unit lacks here: only indicators (or checklist items, or levels) "
        "that lose it points; empty when no model practice covers them")
    lost_in: list[str] = Field(default_factory=list, description="The indicators of this dimension that lose "
                               "the unit points, most points first: where a model would have to help")


class SkippedUnit(Model):
    file: str
    reason: str


class Benchmark(Model):
    city: str
    city_zh: str
    framework: str = Field(default="", description="The framework (id@version) both sides are scored with")
    reference_set: str = Field(default="", description="Name of the set of reference units")
    reference_set_zh: str = ""
    reference_units: int = Field(default=0, description="How many reference units the unit is compared with")
    total: float
    total_bounds: Bounds
    ratable: bool
    coverage: float
    rank: Rank = Field(description="Rank interval over the unknowns of every unit: a single rank only when "
                       "best == worst")
    of: int
    dimensions: list[DimensionBench]
    comparisons: list[Comparison] = Field(description="The unit against each reference unit on common indicators")
    peers: list[Peer]
    nearest_gap: float | None = Field(default=None, description="The smallest Peer.gap over every reference unit "
                                      "sharing MIN_COMMON answered indicators (not only the three listed); at or "
                                      "above SIMILAR_GAP none is similar")
    pathway: PathwayResult | None
    weakest: list[WeakDimension]
    weakest_open: list[str] = Field(default_factory=list, description="Dimensions lower than the weakest named (all "
                                    "of them when fewer than three are named) left out of weakest because their "
                                    "unknown answers at full points would lift them to the floor (low_line: "
                                    "without a floor, the weak line)")
    weakest_unanswered: list[str] = Field(default_factory=list, description="Dimensions left out of weakest because "
                                          "the unit answered none of their indicators")
    weakest_full: list[str] = Field(default_factory=list, description="Dimensions left out of weakest (fewer than "
                                    "three named) because their answered indicators lost no points and none is unknown")
    table: list[CityRow] = Field(description="The reference units and the unit, by rank interval")
    reference_coverage: float = Field(description="Mean coverage of the reference data")
    min_coverage: float = Field(default=0.0, description="The framework's threshold for a grade")
    not_ratable: int = Field(default=0, description="Reference units below min_coverage")
    caveat: str = Field(default="", description="What the comparison can and cannot say, to print with it")
    caveat_zh: str = ""
    level_note: str = Field(default="", description="When the unit is of another level than every reference unit "
                            "(a district among whole cities): that its total and ranks set its own level's answers "
                            "beside theirs, and which indicators it answers with its city's record; '' otherwise")
    level_note_zh: str = ""
    upgraded_from: list[str] = Field(
        default_factory=list, description="Versions the reference files answer when they are not the unit's: "
        "their answers were carried over through the framework's crosswalk, the rest is unknown")
    skipped: list[SkippedUnit] = Field(default_factory=list,
                                       description="Reference files left out: not valid under the framework")


def reference_files() -> list[Path]:
    """The packaged reference units of ``china-learning-city``: the 12 Chinese GNLC cities."""
    return [REFERENCE_DIR / f"{cid}.yaml" for cid in REFERENCE_CITIES if (REFERENCE_DIR / f"{cid}.yaml").exists()]


def low_line(fw: Framework) -> float:
    """The share a low dimension's unknown answers would have to lift it to before it could be named
    among the weakest: the framework's dimension floor, or NO_FLOOR_LINE when it has none. With a
    floor of 0 every dimension with an unknown answer 'could reach the floor', so none was named and
    the benchmark said "could lift it to the floor" of a framework without one (G1 audit #8)."""
    floor = float(fw.recognition.dimension_floor)
    return floor if floor > 0 else NO_FLOOR_LINE


def shown_period(period: str) -> str:
    """A period as a table prints it: '2023–2024', and one year once ('2024', not '2024–2024': G1
    audit #11). The assessment keeps both years; only what is shown folds them."""
    start, dash, end = period.partition("–")
    return start if dash and start == end else period


def told_apart(names: list[str], periods: list[str | None], suffix, files: list[str | None] | None = None) -> list[str]:
    """Each name as a list of units prints it: one that another row of another period shares (one
    unit's two assessment cycles, 青石区 twice) followed by its period as ``shown_period`` shows it, written by
    ``suffix`` in the reader's language ("青石区（2024–2025）"); any other name alone, so a list of
    different units carries no years. One rule for every list that names units side by side (the
    ranking report, ``lcity sensitivity``), so a unit is told apart the same way in each. Rows that
    still read alike (two towns named 新城区 assessed for one period, or copies of one file) are
    followed by their ``files``, as lcity batch names every row: they read as one unit twice (G11-11)."""
    cycles: dict[str, set] = {}
    for name, period in zip(names, periods):
        cycles.setdefault(name, set()).add(period)
    # only where the period tells rows apart: two copies of one file (one name, one period) would
    # read the same with it, and a unit alone then reads otherwise than in a list of copies
    shown = [f"{name}{suffix(shown_period(str(period)))}" if period and len(cycles[name]) > 1 else name
             for name, period in zip(names, periods)]
    from collections import Counter

    seen = Counter(shown)
    return [f"{s}{suffix(file)}" if seen[s] > 1 and file else s for s, file in zip(shown, files or [None] * len(shown))]


def _framework_ref_of(path: Path) -> str | None:
    """A reference file's top-level ``framework:`` line (``id@version`` or ``id``), without reading the rest."""
    try:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("framework:"):
                    return line.split(":", 1)[1].split(" #", 1)[0].strip().strip("'\"")
    except (OSError, UnicodeDecodeError):
        return None
    return None


def _framework_id_of(path: Path) -> str | None:
    """The framework id of a reference file's top-level ``framework:`` line."""
    ref = _framework_ref_of(path)
    return ref.partition("@")[0] if ref is not None else None


def _framework_path(framework_ref: str) -> Path | None:
    try:
        return resolve(framework_ref)
    except InputError:
        return None


def _units_in(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in (".yaml", ".yml") and not p.name.startswith(("_", "."))
                  and ".review" not in p.name and p.is_file())


def units_folder(framework_ref: str) -> Path | None:
    """The ``reference-units/`` folder beside the framework's file (it may not exist)."""
    path = _framework_path(framework_ref)
    return path.parent / UNITS_FOLDER if path is not None else None


def reference_unit_files(framework_ref: str) -> list[Path]:
    """Every reference file of the framework's id: the packaged 12 cities for china-learning-city,
    then the files of its ``reference-units/`` folder; only files whose ``framework:`` line names
    the same framework id."""
    ident = framework_ref.partition("@")[0]
    files = list(reference_files()) if ident == CHINA_FRAMEWORK_ID else []
    folder = units_folder(framework_ref)
    if folder is not None:
        files += [p for p in _units_in(folder) if p not in files]
    return [p for p in files if _framework_id_of(p) == ident]


def reference_set_name(framework_ref: str, fw: Framework | None = None) -> tuple[str, str]:
    """(zh, en) name of the framework's set of reference units: ``_set.yaml`` of its folder, the
    12 Chinese GNLC cities for china-learning-city, else "the reference units of <framework>"."""
    folder = units_folder(framework_ref)
    if folder is not None and (folder / SET_FILE).is_file():
        try:
            from indicators.safeyaml import load_file

            data = load_file(folder / SET_FILE).data
            name = data.get("name") if isinstance(data, dict) else None
            # one language is enough, as for a framework's own texts: a Chinese-only set's name was
            # passed over for "《…》的参照单位" (G29-T4); the missing half is the same words
            words = {k: v.strip() for k, v in (name.items() if isinstance(name, dict) else ())
                     if k in ("zh", "en") and isinstance(v, str) and v.strip()}
            if words:
                return words.get("zh", words.get("en")), words.get("en", words.get("zh"))
        except (InputError, OSError):
            pass
    if framework_ref.partition("@")[0] == CHINA_FRAMEWORK_ID:
        return CHINA_SET_NAME
    fw_zh, fw_en = (fw.name.zh, fw.name.en) if fw is not None else (framework_ref, framework_ref)
    return f"《{fw_zh}》的参照单位", f"the reference units of the {fw_en}"


#: framework object (by id; the object is kept alive beside its entry) -> (framework, results, skipped)
_CACHE: dict[int, tuple[Framework, tuple[Result, ...], tuple[SkippedUnit, ...]]] = {}
#: (framework ref, reference file name) -> the version the file answers, when it was moved through the crosswalk
_UPGRADED: dict[tuple[str, str], str] = {}
#: (reference unit id, indicator id, the model practice's words) -> the share of the indicator's
#: points that unit's public data earn, for the practices a framework names a reference unit for:
#: a model is no model for a unit that already stands as high on the indicator (``teaches``). The
#: practice's words tie the figure to its framework (two frameworks may share unit and indicator ids).
_MODEL_SHARES: dict[tuple[str, str, str], float] = {}


def _note_model_shares(fw: Framework, refs: list[Result]) -> None:
    shares = {(r.city.id, x.id): x.share for r in refs if r.city.id
              for x in r.indicators if x.state == "answered" and x.share is not None}
    for ind in fw.indicators():
        for ex in ind.exemplars:
            if (ex.city, ind.id) in shares:
                _MODEL_SHARES[(ex.city, ind.id, ex.practice.en)] = shares[(ex.city, ind.id)]


def _first_error(exc: InputError) -> str:
    errors = [p for p in exc.problems if p.severity == "error"] or exc.problems
    return errors[0].text() if errors else "invalid"


def _score_file(path: Path, fw: Framework) -> tuple[Result | None, SkippedUnit | None]:
    """One reference file scored under ``fw``: as it is when it answers ``fw``'s version (or names
    no version), else moved to ``fw`` through the crosswalk first (``evaluator.upgrade``)."""
    from indicators.safeyaml import load_text

    from .engine import score
    from .reading import read, read_marked
    from .upgrade import NoCrosswalk, upgraded_data

    ref = _framework_ref_of(path) or ""
    version = ref.partition("@")[2]
    try:
        if not version.isdigit() or int(version) == fw.version:
            loaded = read(path, framework=fw.ref)
            assessment, _ = loaded.require()
            return score(assessment, fw, sha256=loaded.sha256, file=path.name), None
        if int(version) > fw.version:
            return None, SkippedUnit(file=path.name, reason=f"{path.name} answers {ref}, a later version than "
                                     f"{fw.ref}: answers are never moved back to an earlier version")
        own = read(path)  # under the version it answers, so its answers are checked as written
        own.require()
        data = upgraded_data(own.framework, fw, own.marked.data)  # type: ignore[arg-type,union-attr]
        marked = load_text(json.dumps(data, ensure_ascii=False), path.name)
        loaded = read_marked(marked, framework=fw.ref, sha256=own.sha256)
        assessment, _ = loaded.require()
        return score(assessment, fw, sha256=loaded.sha256, file=path.name), None
    except InputError as exc:
        return None, SkippedUnit(file=path.name, reason=_first_error(exc))
    except NoCrosswalk as exc:
        return None, SkippedUnit(file=path.name, reason=f"{path.name} answers {ref}: {exc}")


def _reference_results_for(fw: Framework) -> tuple[tuple[Result, ...], tuple[SkippedUnit, ...]]:
    """The reference units of ``fw``'s id scored under ``fw`` (cached per framework object)."""
    hit = _CACHE.get(id(fw))
    if hit is not None and hit[0] is fw:
        return hit[1], hit[2]
    out, skipped = [], []
    for path in reference_unit_files(fw.ref):
        result, skip = _score_file(path, fw)
        if result is not None:
            out.append(result)
            ref = _framework_ref_of(path) or ""
            if "@" in ref and ref != fw.ref:
                _UPGRADED[(fw.ref, path.name)] = ref
        if skip is not None:
            skipped.append(skip)
    _CACHE[id(fw)] = (fw, tuple(out), tuple(skipped))
    _note_model_shares(fw, out)
    return tuple(out), tuple(skipped)


def reference_results(framework_ref: str = "china-learning-city@1") -> tuple[Result, ...]:
    """The reference units of the framework's id, scored under ``framework_ref`` (cached per
    framework object). A file written for an earlier version is moved to this one through the
    crosswalk first; a file not valid under it is left out (see ``skipped_units``), never scored
    by force."""
    return _reference_results_for(load_framework(framework_ref))[0]


def skipped_units(framework_ref: str) -> list[SkippedUnit]:
    """Reference files of the framework left out by ``reference_results`` (not valid under it)."""
    return list(_reference_results_for(load_framework(framework_ref))[1])


def _upgraded_from(r: Result) -> str | None:
    """The version a reference result's file answers, when it is not the version it was scored under."""
    return _UPGRADED.get((r.framework, r.provenance.input_file or ""))


def _shares(r: Result) -> list[float]:
    return [d.share if d.share is not None else 0.0 for d in r.dimensions]


def distance(a: Result, b: Result) -> float:
    """Euclidean distance of dimension-share profiles (unknowns at 0): the leave-one-out check of
    Table 3 uses it between reference cities; peers use ``common_distance``."""
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(_shares(a), _shares(b))))


def _answered(r: Result) -> dict[str, float]:
    """indicator id -> share of its points, for the answered indicators that carry points."""
    return {i.id: i.score / i.max for i in r.indicators if i.state == "answered" and i.max > 1e-12}


def common_distance(a: Result, b: Result) -> tuple[float, int]:
    """(root-mean-square gap of indicator shares, number of indicators) over those both answered."""
    sa, sb = _answered(a), _answered(b)
    common = [k for k in sa if k in sb]
    if not common:
        return 1.0, 0
    return math.sqrt(sum((sa[k] - sb[k]) ** 2 for k in common) / len(common)), len(common)


def rank_interval(lower: float, upper: float, others: list[tuple[float, float]]) -> Rank:
    """Ranks a unit whose total lies in [lower, upper] among others given by their bounds.

    Best: the unit at its upper bound, the others at their lower bounds; worst: the other way round.
    Each unit's unknowns are its own, so both extremes can happen; ties share the better rank."""
    best = 1 + sum(lo > upper + 1e-9 for lo, _ in others)
    worst = 1 + sum(hi > lower + 1e-9 for _, hi in others)
    return Rank(best=best, worst=worst, of=len(others) + 1)


def _bounds(r: Result) -> tuple[float, float]:
    b = r.total_bounds
    return b.lower, max(b.lower, b.upper)


def _dim_bounds(r: Result, i: int) -> tuple[float, float] | None:
    """A dimension's share with its unknowns at 0 and at full points; None when it is not applicable."""
    d = r.dimensions[i]
    if d.share is None or d.max <= 1e-12:
        return None
    unknown = sum(x.max for x in r.indicators if x.dimension == d.id and x.state in ("unknown", "missing"))
    return d.share, min(1.0, d.share + unknown / d.max)


def _known_share(r: Result, dim_id: str) -> float:
    """A reference unit's share on the indicators of a dimension it answered: what public sources
    show it earns. Its share with unknowns at 0 would set a city whose policy no source quantifies
    at 12 % of "policy blueprint", a figure no evaluator would print beside a unit's own."""
    got = [(x.score, x.max) for x in r.indicators if x.dimension == dim_id and x.state == "answered"]
    most = sum(m for _, m in got)
    return sum(s for s, _ in got) / most if most > 1e-12 else 0.0


def _answered_part(r: Result, dim_id: str) -> tuple[float | None, float]:
    """(share on the answered indicators or None, answered share of the points) of one dimension.

    The unit's side of the per-dimension comparison is on the reference units' basis: with its
    unknowns at 0 a unit answering exactly Shanghai's figures read 49 % beside Shanghai's 98 %."""
    d = next(x for x in r.dimensions if x.id == dim_id)
    got = [(x.score, x.max) for x in r.indicators if x.dimension == dim_id and x.state == "answered" and x.max > 1e-12]
    most = sum(m for _, m in got)
    share = sum(s for s, _ in got) / most if most > 1e-12 else None
    return share, (min(1.0, most / d.max) if d.max > 1e-12 else 0.0)


def _documented(r: Result, i: int) -> bool:
    """Whether a reference unit's answers carry enough of a dimension's points to compare it there."""
    d = r.dimensions[i]
    if d.max <= 1e-12:
        return False
    answered = sum(x.max for x in r.indicators if x.dimension == d.id and x.state == "answered")
    return answered + 1e-9 >= DOCUMENTED * d.max


def _row(r: Result, rank: Rank, subject: bool = False) -> CityRow:
    cid = r.city.id or ""
    return CityRow(
        id=cid, framework=r.framework, upgraded_from=None if subject else _upgraded_from(r), name=r.city.name,
        name_zh=r.city.name_zh, period=shown_period(r.city.period), total=r.total, total_bounds=r.total_bounds, ratable=r.ratable,
        grade=r.grade.name, grade_zh=r.grade.name_zh, grade_id=r.grade.id,
        pathway=r.pathway.type if r.pathway else "",
        pathway_table3=TABLE3.get(cid) if not subject and r.framework.partition("@")[0] == CHINA_FRAMEWORK_ID else None,
        coverage=r.coverage, confidence=r.confidence, low_coverage=not r.ratable, rank=rank,
        is_subject=subject, shares={d.id: d.share for d in r.dimensions},
        answered={d.id: _answered_part(r, d.id)[1] for d in r.dimensions},
    )


def _ranked_rows(units: list[Result], subject: Result | None = None) -> list[CityRow]:
    """Every unit with its rank interval among the others, best intervals first; no order among
    units whose intervals are the same (then by id)."""
    bounds = [_bounds(r) for r in units]
    rows = [_row(r, rank_interval(*bounds[i], [b for j, b in enumerate(bounds) if j != i]), subject=r is subject)
            for i, r in enumerate(units)]
    return sorted(rows, key=lambda row: (row.rank.best, row.rank.worst, not row.is_subject, row.id))


def cities_table(framework_ref: str = "china-learning-city@1") -> list[CityRow]:
    """The reference units with bounds, grade (none below the threshold) and rank intervals."""
    return _ranked_rows(list(reference_results(framework_ref)))


def _own_indicators(fw: Framework, result: Result) -> dict[str, list[Indicator]]:
    """Dimension id -> the indicators the unit can act on, as its level asks them.

    A district is shown what a district can carry out: each indicator at its level (a variant that
    asks another thing, e.g. a district's part in its city's international exchange instead of the
    city's UNESCO award, brings its own models or none, never the city's), and not the indicators
    its level does not have, those it answers with its city's record (``from_parent``: the city's
    to change, not its own) or those it said do not apply to it."""
    level = result.city.level
    off = {r.id for r in result.indicators if r.state == "not_applicable"}
    return {d.id: [ind for ind, applies in inds if applies and ind.id not in off and not ind.answered_for_parent(level)]
            for d, inds in fw.at_level(level)}


#: points below which an indicator counts as full (float sums of shares)
EPS = 1e-9


def teaches(ex: Exemplar, ind: Indicator, r: IndicatorResult) -> bool:
    """Whether a model practice shows a unit something it lacks on this indicator.

    A model is named only where the unit loses points: an indicator at full points needs none (a
    district with its L3 full was pointed at Shanghai's L3 partnership). Where the practice says
    what it shows (``shows``), the unit must lack it: a checklist item it did not tick, or a choice
    above its own (a city whose budget line is there, short of growth, learns nothing from a city
    that has the line). Unknown answers lose points, so any model of the indicator serves.

    Nor is a unit pointed at a reference unit whose own public figure on the indicator earns no
    more than the unit's: 申江市, with 145 experience sites for 24.5 million residents (0.59 per
    100,000), was told to learn from Shanghai's 145 sites (0.58), its 4.43 million platform users from
    Shanghai's 4.43 million, its ad-hoc monitoring from Shanghai's, which is ad hoc too (G29A2-1).
    The reference figures are known once the reference units have been scored in this process
    (``reference_results``, which the report's benchmark and models ask for first)."""
    if r.state == "not_applicable" or r.max - r.score <= EPS:
        return False
    theirs = _MODEL_SHARES.get((ex.city, ind.id, ex.practice.en))
    if theirs is not None and r.state == "answered" and r.max > EPS and theirs <= r.score / r.max + EPS:
        return False
    if not ex.shows or r.state != "answered":
        return True
    if ind.answer.type == "checklist":
        have = set(r.value) if isinstance(r.value, (list, tuple, set)) else set()
        return any(item not in have for item in ex.shows)
    shares = getattr(ind.rule, "shares", None)
    if isinstance(shares, dict) and all(s in shares for s in ex.shows):
        own = shares.get(r.value) if isinstance(r.value, str) else None
        return own is None or own + EPS < max(shares[s] for s in ex.shows)
    return True


def _left_out(result: Result, fw: Framework, n: int = 3) -> dict[str, list[str]]:
    """The dimensions below the weakest named that ``_weakest`` leaves out, by why: a reader of the
    table above it sees them lower (c-qinglan's B 50 %, G 33 % under 'L 42 %, J 66 %, A 75 %'; readings3
    #10) and must be told they are left out on purpose, not missed."""
    n = weakest_most(len(result.dimensions), n)
    named = {w.id for w in _weakest(result, fw, n)}
    shares = [d.share for d in result.dimensions if d.id in named and d.share is not None]
    bar = max(shares) if len(named) >= n and shares else float("inf")
    answered = {r.dimension for r in result.indicators if r.state == "answered"}
    low = [d for d in result.dimensions if d.id not in named and d.share is not None and d.share + EPS < bar]
    lost = _lost_on_answers(result)
    unknown = {r.dimension for r in result.indicators if r.state in ("unknown", "missing")}
    # a dimension that lost nothing on its answers and has no unknown one is not weak at all: said
    # apart, not as one its unknowns could lift
    full = [d.id for d in low if d.id in answered and d.id not in lost and d.id not in unknown]
    return {"weakest_unanswered": [d.id for d in low if d.id not in answered],
            "weakest_open": [d.id for d in low if d.id in answered and d.id not in full],
            "weakest_full": full}


def _lost_on_answers(result: Result) -> set[str]:
    """The dimensions whose answered indicators lost points: only they can be called weak. A thin
    unit's A and B at 100 % were listed among its "three weakest dimensions" (G19-B7)."""
    return {r.dimension for r in result.indicators if r.state == "answered" and r.max - r.score > EPS}


def weakest_most(dimensions: int, n: int = 3) -> int:
    """How many dimensions "the weakest" may name: never all of them. A framework of three dimensions
    had all three named, one at 93 % (G29-T): the weakest of three are the two below the best."""
    return min(n, max(1, dimensions - 1))


def _weakest(result: Result, fw: Framework, n: int = 3) -> list[WeakDimension]:
    # a dimension is "weakest" on what the unit answered: not with no answers (its 0 % is unknowns
    # counted as 0, and there is no model to copy yet), nor when its unknown answers at full points
    # would lift it to the floor, or without a floor to the weak line (Hujiang's E at 40 % could reach
    # 69.9 %; readings3 #12)
    n = weakest_most(len(result.dimensions), n)
    floor = low_line(fw)
    unknown = {d.id: sum(r.max for r in result.indicators if r.dimension == d.id and r.state in ("unknown", "missing"))
               for d in result.dimensions}
    answered = {r.dimension for r in result.indicators if r.state == "answered"}
    losing_dims = _lost_on_answers(result)
    dims = [d for d in result.dimensions if d.share is not None and d.id in answered and d.id in losing_dims
            and not (unknown[d.id] > EPS and d.max > EPS and (d.score + unknown[d.id]) / d.max + EPS >= floor)]
    dims.sort(key=lambda d: (d.share, -(d.max - d.score)))
    out = []
    own = _own_indicators(fw, result) if dims else {}
    units = fw.exemplar_names()
    by_id = {r.id: r for r in result.indicators}
    order = {r.id: k for k, r in enumerate(result.indicators)}
    for d in dims[:n]:
        lost = {r.id: r.max - r.score for r in result.indicators if r.dimension == d.id}
        practices: list[ExemplarPractice] = []
        seen: set[str] = set()
        for ind in sorted(own.get(d.id, []), key=lambda i: -lost.get(i.id, 0.0)):
            r = by_id.get(ind.id)
            for ex in ind.exemplars:
                if ex.city in seen or ex.city == result.city.id or r is None or not teaches(ex, ind, r):
                    continue
                seen.add(ex.city)
                zh, en = units.get(ex.city, (ex.city, ex.city))
                practices.append(ExemplarPractice(city=ex.city, name=en, name_zh=zh, indicator=ind.id,
                                                  practice=ex.practice.en, practice_zh=ex.practice.zh))
        losing = sorted((k for k, v in lost.items() if v > EPS and by_id[k].state != "not_applicable"),
                        key=lambda k: (-lost[k], order[k]))
        out.append(WeakDimension(id=d.id, name=d.name, name_zh=d.name_zh, share=d.share, exemplars=practices[:2],
                                 lost_in=losing))
    return out


def _dimension(result: Result, i: int, refs: list[Result]) -> DimensionBench:
    """One dimension against the reference units that answered something in it."""
    d = result.dimensions[i]
    with_data = [r for r in refs if _dim_bounds(r, i) is not None and _documented(r, i)]
    ref_shares = [_known_share(r, d.id) for r in with_data]
    own = _dim_bounds(result, i) or (0.0, 0.0)
    others = [_dim_bounds(r, i) for r in with_data]
    rank = rank_interval(*own, others)  # type: ignore[arg-type]
    # a tie is not a lead: a reference unit that can reach the unit's share may stand before it
    rank = Rank(best=rank.best, worst=1 + sum(hi + EPS >= own[0] for _, hi in others), of=rank.of)  # type: ignore[misc]
    best_share = max(ref_shares) if ref_shares else None
    tied = [r for r, x in zip(with_data, ref_shares) if best_share and x + EPS >= best_share]
    known, answered = _answered_part(result, d.id) if d.share is not None else (None, 0.0)
    gap = max(0.0, best_share - known) if best_share is not None and known is not None else None
    return DimensionBench(
        id=d.id, name=d.name, name_zh=d.name_zh, share=d.share, share_upper=None if d.share is None else own[1],
        score=d.score, max=d.max, n=len(with_data), rank=rank, known_share=known, answered=answered,
        comparable=known is not None and _documented(result, i),
        median_share=median(ref_shares) if ref_shares else None, best_share=best_share,
        best_city=tied[0].city.id or "" if tied else "", best_cities=[r.city.id or "" for r in tied],
        best_city_name=_names([r.city.name for r in tied], False), best_city_name_zh=_names([r.city.name_zh for r in tied], True),
        gap=gap, gap_points=None if gap is None else gap * d.max,
    )


def _names(names: list[str], zh: bool) -> str:
    """Units tied at a dimension's best share as a page names them: all of up to three, else the
    first and how many ('上海市等4个', 'Shanghai and 3 more'). Naming one of five at 100 % read as
    if it alone led."""
    if len(names) <= 3:
        return ("、" if zh else ", ").join(names)
    return f"{names[0]}等{len(names)}个" if zh else f"{names[0]} and {len(names) - 1} more"


def _comparison(result: Result, ref: Result) -> Comparison:
    own = {i.id: i for i in result.indicators if i.state == "answered" and i.max > 1e-12}
    theirs = {i.id: i for i in ref.indicators if i.state == "answered" and i.max > 1e-12}
    common = [k for k in own if k in theirs]
    pts = sum(own[k].max for k in common)
    share = sum(own[k].score for k in common) / pts if common else None
    ref_pts = sum(theirs[k].max for k in common)
    ref_share = sum(theirs[k].score for k in common) / ref_pts if common and ref_pts > 0 else None
    (lo, hi), (rlo, rhi) = _bounds(result), _bounds(ref)
    position = "above" if lo > rhi + 1e-9 else "below" if hi < rlo - 1e-9 else "undecided"
    return Comparison(id=ref.city.id or "", name=ref.city.name, name_zh=ref.city.name_zh, period=shown_period(ref.city.period),
                      common=len(common),
                      common_points=pts, share=share, ref_share=ref_share, position=position)


def _peers(result: Result, refs: list[Result], n: int = 3) -> list[Peer]:
    """The nearest reference units on the indicators both answered, same level and region first
    (by a penalty); a unit sharing fewer than MIN_COMMON answered indicators is not a peer."""
    found = []
    for r in refs:
        gap, common = common_distance(result, r)
        if common < MIN_COMMON:
            continue
        same_level = r.city.level == result.city.level
        same_region = bool(r.city.region) and r.city.region == result.city.region
        # a unit that names no region has none to share: no penalty, so its peers' distances are the
        # distances of their answers (G5 audit: 0.1 was added to every distance of a framework without regions)
        regional = bool(result.city.region) and not same_region
        dist = gap + (0 if same_level else LEVEL_PENALTY) + (REGION_PENALTY if regional else 0)
        found.append(Peer(id=r.city.id or "", name=r.city.name, name_zh=r.city.name_zh, distance=dist, gap=gap,
                          common=common,
                          same_level=same_level, same_region=same_region, total=r.total, total_bounds=r.total_bounds,
                          coverage=r.coverage, low_coverage=not r.ratable))
    return sorted(found, key=lambda p: (p.distance, p.id))[:n]


def _nearest_gap(result: Result, refs: list[Result]) -> float | None:
    """The smallest gap, without penalties, to any reference unit that shares MIN_COMMON answered
    indicators: whether any is similar is a claim about all of them, not the three listed first."""
    gaps = [gap for gap, common in (common_distance(result, r) for r in refs) if common >= MIN_COMMON]
    return min(gaps) if gaps else None


def _caveat(rank: Rank, refs: list[Result], min_coverage: float) -> tuple[str, str]:
    """The sentence every renderer prints beside the comparison (en, zh)."""
    n = len(refs)
    cov = f"{100 * sum(r.coverage for r in refs) / n:.0f}" if n else "0"
    low = sum(not r.ratable for r in refs)
    need = f"{min_coverage * 100:.0f}"
    pos_en = f"rank {rank.best}" if rank.exact else f"rank {rank.best}–{rank.worst}"
    pos_zh = f"第{rank.best}位" if rank.exact else f"第{rank.best}–{rank.worst}位"
    # "0 of 3 are below …" says nothing: the clause only when some are (G1 audit #9)
    below_en = f"; {low} of {n} are below the {need}% needed for a grade" if low else ""
    below_zh = f"，{n} 个中有 {low} 个低于定级所需的 {need}%" if low else ""
    en = (f"The reference units' public data cover {cov}% of the points on average{below_en}. Unknown answers "
          "are not zeros: each total is shown with its bounds, and "
          f"the position ({pos_en} of {rank.of}) holds for every value the unknowns could take. Per dimension, "
          "only reference units whose public data cover at least half of its points are compared; every share there, "
          "the unit's too, is on the indicators each answered, with the unit's answered part of the points beside it; where "
          "that part is under half, its share rests on too little to compare with them.")
    zh = (f"参照单位的公开数据平均覆盖 {cov}% 的分值{below_zh}。未知项不按零分理解："
          f"总分均附上下界，名次（{pos_zh}/共{rank.of}个）对未知项的任何取值都成立。分维度只比较公开数据覆盖该维度至少一半分值的参照单位；各方得分率（本单位的也是）均按其已填报的指标计算，本单位已填报的分值占比列在旁边；本单位已填报的分值不足该维度一半的，其得分率依据太少，不与参照单位比较。")
    return en, zh


#: a level as the level note names it: (zh, en singular, en plural)
LEVEL_WORDS = {"city": ("市", "a city", "cities"), "district": ("区", "a district", "districts"),
               "county": ("县", "a county", "counties")}


def _level_note(result: Result, refs: list[Result], fw: Framework) -> tuple[str, str]:
    """(en, zh) sentence for a unit of another level than every reference unit: a district ranked
    among the 12 whole cities was told its rank (1–13 of 13) and never that it is a district answering
    a district's questions (china-learning-city@2 drops L1 for it, B1 asks its implementing rules)
    beside cities answering a city's, nor that L2 is its city's record, not its work (G16 #2)."""
    level = result.city.level
    levels = {r.city.level for r in refs}
    if not refs or level in levels or len(levels) != 1 or level not in LEVEL_WORDS:
        return "", ""
    (theirs,) = levels
    own_zh, own_en, _ = LEVEL_WORDS[level]
    their_zh, _, their_en = LEVEL_WORDS.get(theirs, (theirs, theirs, theirs))
    their_zh = "城市" if theirs == "city" else their_zh  # "参照单位均为城市", not "均为市"
    by_id = {ind.id: ind for d in fw.dimensions for ind in d.indicators}
    inherited = [r.id for r in result.indicators if r.state != "not_applicable"
                 and r.id in by_id and by_id[r.id].answered_for_parent(level)]
    name, name_zh = result.city.name, result.city.name_zh
    # a county-level city (澄浦市) is a county-level unit, and its own word is 本市 (G25R-12)
    mine = own_word(own_zh, name_zh, True) or own_zh
    kind = own_zh if mine == own_zh else f"{own_zh}级单位"
    is_en = own_en if mine == own_zh else f"{own_en}-level unit"  # "a county-level unit", not "a county"
    en = (f"{name} is {is_en} and the reference units are all {their_en}: its total and ranks set its answers to "
          f"{own_en}'s questions beside theirs to {LEVEL_WORDS.get(theirs, ('', theirs))[1]}'s, so read them as a "
          "rough guide and compare indicator by indicator (on the indicators both answered).")
    zh = (f"{name_zh}为{kind}，参照单位均为{their_zh}：总分和名次是把本{mine}按{own_zh}级问题作答的结果与各{their_zh}按"
          f"{LEVEL_WORDS.get(theirs, (theirs,))[0]}级问题作答的结果放在一起，只能作为大致参照，宜逐项对照（共同作答指标上的比较）。")
    # an answer that is another body's act says whose (Liyang's K1 'only a provincial credit bank' is
    # the province's, not its city's record: G20-A10); the others are its city's record
    decided = {}
    for r in result.indicators:
        if r.id in inherited:
            answer = by_id[r.id].at_level(level).answer
            chosen = next((c for c in getattr(answer, "choices", None) or [] if c.id == r.value), None)
            if chosen is not None and chosen.decided_by is not None:
                decided[r.id] = chosen
    city_ids = [i for i in inherited if i not in decided]
    if city_ids:
        ids_en = city_ids[0] if len(city_ids) == 1 else ", ".join(city_ids[:-1]) + " and " + city_ids[-1]
        ids_zh = "、".join(city_ids)
        en += f" It answers {ids_en} with its city's record, not with its own work."
        zh += f"{ids_zh}按所在城市的情况填报，不是本{mine}自身的工作。"
    for i, c in decided.items():
        en += f" Its answer to {i} ('{c.en}') is decided by {c.decided_by.en}, not by its own work."
        zh += f"{i}（{c.zh}）由{c.decided_by.zh}决定，不是本{mine}自身的工作。"
    return en, zh


def level_note(result: Result, refs: list[Result], fw: Framework) -> tuple[str, str]:
    """(en, zh): the note on a unit of another level than every reference unit ('' when none), as
    ``lcity benchmark`` prints it; ``lcity sensitivity`` ranks the unit among the same units."""
    return _level_note(result, refs, fw)


def benchmark(result: Result, fw: Framework | None = None) -> Benchmark:
    """Places a scored unit among the reference units of its framework, overall and per dimension,
    on common ground: rank intervals over the unknowns, per-dimension figures from the reference
    units with data there, pairwise comparisons on the indicators both answered.

    With no reference units (the framework brings none) the unit ranks 1 of 1 and
    ``reference_units`` is 0: callers say there is nothing to compare with."""
    fw = fw or load_framework(result.framework)
    if _framework_path(result.framework) is not None:
        own = fw if fw.ref == result.framework else load_framework(result.framework)
        all_refs, skipped_t = _reference_results_for(own)
        refs = [r for r in all_refs if r.city.id != result.city.id or result.city.id is None]
        skipped = list(skipped_t)
    else:  # a framework given by a path that is not installed: no set of reference units to find
        refs, skipped = [], []
    set_zh, set_en = reference_set_name(result.framework, fw)
    rank = rank_interval(*_bounds(result), [_bounds(r) for r in refs])
    table = _ranked_rows(refs + [result], subject=result)
    caveat, caveat_zh = _caveat(rank, refs, fw.recognition.min_coverage) if refs else ("", "")
    level_note, level_note_zh = _level_note(result, refs, fw)
    return Benchmark(
        city=result.city.name, city_zh=result.city.name_zh, framework=result.framework,
        reference_set=set_en, reference_set_zh=set_zh, reference_units=len(refs),
        total=result.total, total_bounds=result.total_bounds, ratable=result.ratable, coverage=result.coverage,
        rank=rank, of=rank.of,
        dimensions=[_dimension(result, i, refs) for i in range(len(result.dimensions))],
        comparisons=[_comparison(result, r) for r in refs],
        peers=_peers(result, refs), nearest_gap=_nearest_gap(result, refs),
        pathway=result.pathway, weakest=_weakest(result, fw), **_left_out(result, fw), table=table,
        reference_coverage=sum(r.coverage for r in refs) / len(refs) if refs else 0.0,
        min_coverage=fw.recognition.min_coverage, not_ratable=sum(not r.ratable for r in refs),
        caveat=caveat, caveat_zh=caveat_zh, level_note=level_note, level_note_zh=level_note_zh, skipped=skipped,
        upgraded_from=sorted({row.upgraded_from for row in table if row.upgraded_from}),
    )


def loo_nearest_city(framework_ref: str = "china-learning-city@1") -> tuple[float, list[dict]]:
    """Leave-one-out accuracy of 'same pathway as the nearest other reference city' vs Table 3.
    Table 3 types only the China framework's 12 cities: for another framework, (0.0, [])."""
    if framework_ref.partition("@")[0] != CHINA_FRAMEWORK_ID:
        return 0.0, []
    refs = list(reference_results(framework_ref))
    rows = []
    for r in refs:
        others = [o for o in refs if o is not r]
        nearest = min(others, key=lambda o: (distance(r, o), o.city.id or ""))
        predicted = TABLE3.get(nearest.city.id or "")
        actual = TABLE3.get(r.city.id or "")
        rows.append({"city": r.city.id, "nearest": nearest.city.id, "distance": round(distance(r, nearest), 4),
                     "predicted": predicted, "table3": actual, "correct": predicted == actual})
    acc = sum(row["correct"] for row in rows) / len(rows) if rows else 0.0
    return acc, rows
