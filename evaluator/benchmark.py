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
sparse: what no public source gives is ``unknown`` and scores 0. Every table therefore shows each
unit's coverage next to its rank, and a unit whose coverage is below ``LOW_COVERAGE`` is flagged
rather than hidden.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from statistics import median

from pydantic import BaseModel, ConfigDict, Field

from indicators.cities import CHINA_FRAMEWORK_ID, CHINA_SET_NAME, REFERENCE_CITIES
from indicators.loader import PACKAGE_DIR, load_framework, resolve
from indicators.models import Framework
from indicators.problems import InputError

from .result import PathwayResult, Result

REFERENCE_DIR = PACKAGE_DIR / "reference-cities"
#: the folder beside a framework.yaml that holds the framework's own reference units
UNITS_FOLDER = "reference-units"
#: the optional file of that folder naming the set (``name: {zh: ..., en: ...}``); not a unit
SET_FILE = "_set.yaml"
LOW_COVERAGE = 0.5
#: Table 3 of the comparative study: the pathway type of each reference city.
TABLE3 = {
    "beijing": "balanced", "chengdu": "balanced", "taiyuan": "balanced",
    "shanghai": "internationalisation", "hangzhou": "internationalisation", "nanjing": "internationalisation",
    "guangzhou": "industry", "shenzhen": "industry", "suzhou": "industry",
    "wuhan": "culture", "changzhou": "culture", "xian": "culture",
}


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CityRow(Model):
    id: str
    framework: str = Field(default="", description="The framework (id@version) the unit is scored under")
    upgraded_from: str | None = Field(
        default=None, description="The version the reference file answers, when its answers were carried over "
        "to `framework` through the crosswalk (lcity upgrade); None for the unit itself and same-version files")
    name: str
    name_zh: str
    total: float
    grade: str
    grade_zh: str
    pathway: str
    pathway_table3: str | None = Field(description="Type given by the comparative study's Table 3")
    coverage: float
    confidence: float
    low_coverage: bool
    rank: int
    is_subject: bool = False
    shares: dict[str, float | None] = Field(default_factory=dict, description="dimension id -> share")


class DimensionBench(Model):
    id: str
    name: str
    name_zh: str
    share: float | None
    score: float
    max: float
    rank: int
    of: int
    percentile: float
    median_share: float
    best_share: float
    best_city: str = Field(description="'' when no reference city scores above 0 in this dimension")
    best_city_name: str
    best_city_name_zh: str
    gap: float = Field(description="best share minus the city's share, 0..1")
    gap_points: float = Field(description="points the city would gain at the best city's share")


class Peer(Model):
    id: str
    name: str
    name_zh: str
    distance: float = Field(description="Euclidean distance between dimension-share profiles (0..√12)")
    total: float
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
    exemplars: list[ExemplarPractice]


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
    rank: int
    of: int
    percentile: float = Field(description="Share of the reference cities scoring below (ties half), 0..100")
    dimensions: list[DimensionBench]
    peers: list[Peer]
    pathway: PathwayResult | None
    weakest: list[WeakDimension]
    table: list[CityRow] = Field(description="The 12 reference cities and the city, by total")
    reference_coverage: float = Field(description="Mean coverage of the reference data")
    upgraded_from: list[str] = Field(
        default_factory=list, description="Versions the reference files answer when they are not the unit's: "
        "their answers were carried over through the framework's crosswalk, the rest is unknown")
    skipped: list[SkippedUnit] = Field(default_factory=list,
                                       description="Reference files left out: not valid under the framework")


def reference_files() -> list[Path]:
    """The packaged reference units of ``china-learning-city``: the 12 Chinese GNLC cities."""
    return [REFERENCE_DIR / f"{cid}.yaml" for cid in REFERENCE_CITIES if (REFERENCE_DIR / f"{cid}.yaml").exists()]


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
            if isinstance(name, dict) and isinstance(name.get("zh"), str) and isinstance(name.get("en"), str):
                return name["zh"], name["en"]
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
    return math.sqrt(sum((x - y) ** 2 for x, y in zip(_shares(a), _shares(b))))


def _rank(value: float, others: list[float]) -> tuple[int, float]:
    """1-based rank among others plus the value (ties share the better rank), and percentile."""
    above = sum(o > value + 1e-9 for o in others)
    below = sum(o < value - 1e-9 for o in others)
    ties = len(others) - above - below
    pct = 100.0 * (below + 0.5 * ties) / len(others) if others else 0.0
    return above + 1, pct


def _row(r: Result, rank: int, subject: bool = False) -> CityRow:
    cid = r.city.id or ""
    return CityRow(
        id=cid, framework=r.framework, upgraded_from=None if subject else _upgraded_from(r), name=r.city.name, name_zh=r.city.name_zh, total=r.total, grade=r.grade.name, grade_zh=r.grade.name_zh,
        pathway=r.pathway.type if r.pathway else "",
        pathway_table3=TABLE3.get(cid) if not subject and r.framework.partition("@")[0] == CHINA_FRAMEWORK_ID else None,
        coverage=r.coverage, confidence=r.confidence, low_coverage=r.coverage < LOW_COVERAGE, rank=rank,
        is_subject=subject, shares={d.id: d.share for d in r.dimensions},
    )


def cities_table(framework_ref: str = "china-learning-city@1") -> list[CityRow]:
    refs = reference_results(framework_ref)
    totals = [r.total for r in refs]
    rows = [_row(r, _rank(r.total, [t for j, t in enumerate(totals) if j != i])[0]) for i, r in enumerate(refs)]
    return sorted(rows, key=lambda row: (row.rank, row.id))


def _weakest(result: Result, fw: Framework, n: int = 3) -> list[WeakDimension]:
    dims = [d for d in result.dimensions if d.share is not None]
    dims.sort(key=lambda d: (d.share, -(d.max - d.score)))
    out = []
    for d in dims[:n]:
        fdim = next(x for x in fw.dimensions if x.id == d.id)
        lost = {r.id: r.max - r.score for r in result.indicators if r.dimension == d.id}
        practices: list[ExemplarPractice] = []
        seen: set[str] = set()
        units = fw.exemplar_names()
        for ind in sorted(fdim.indicators, key=lambda i: -lost.get(i.id, 0.0)):
            for ex in ind.exemplars:
                if ex.city in seen or ex.city == result.city.id:
                    continue
                seen.add(ex.city)
                zh, en = units.get(ex.city, (ex.city, ex.city))
                practices.append(ExemplarPractice(city=ex.city, name=en, name_zh=zh, indicator=ind.id,
                                                  practice=ex.practice.en, practice_zh=ex.practice.zh))
        out.append(WeakDimension(id=d.id, name=d.name, name_zh=d.name_zh, share=d.share, exemplars=practices[:2]))
    return out


def benchmark(result: Result, fw: Framework | None = None) -> Benchmark:
    """Ranks a scored unit among the reference units of its framework, overall and per dimension.

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
    rank, pct = _rank(result.total, [r.total for r in refs])
    dims: list[DimensionBench] = []
    for i, d in enumerate(result.dimensions):
        ref_shares = [_shares(r)[i] for r in refs]
        best_i = max(range(len(refs)), key=lambda j: (ref_shares[j], -j)) if refs else None
        share = d.share if d.share is not None else 0.0
        d_rank, d_pct = _rank(share, ref_shares)
        best_share = ref_shares[best_i] if best_i is not None else 0.0
        # a "best" city at 0 % only means no reference city has sourced data for this dimension
        best = refs[best_i] if best_i is not None and best_share > 0 else None
        dims.append(DimensionBench(
            id=d.id, name=d.name, name_zh=d.name_zh, share=d.share, score=d.score, max=d.max,
            rank=d_rank, of=len(refs) + 1, percentile=d_pct,
            median_share=median(ref_shares) if ref_shares else 0.0, best_share=best_share,
            best_city=best.city.id if best else "", best_city_name=best.city.name if best else "",
            best_city_name_zh=best.city.name_zh if best else "",
            gap=max(0.0, best_share - share), gap_points=max(0.0, best_share - share) * d.max,
        ))
    peers = sorted(refs, key=lambda r: (distance(result, r), r.city.id or ""))[:3]
    everyone = refs + [result]
    totals = [r.total for r in everyone]
    table = [
        _row(r, _rank(r.total, [t for j, t in enumerate(totals) if j != i])[0], subject=r is result)
        for i, r in enumerate(everyone)
    ]
    table.sort(key=lambda row: (row.rank, not row.is_subject, row.id))
    return Benchmark(
        city=result.city.name, city_zh=result.city.name_zh, framework=result.framework,
        reference_set=set_en, reference_set_zh=set_zh, reference_units=len(refs),
        total=result.total, rank=rank, of=len(refs) + 1,
        percentile=pct, dimensions=dims,
        peers=[Peer(id=p.city.id or "", name=p.city.name, name_zh=p.city.name_zh, distance=distance(result, p),
                    total=p.total, coverage=p.coverage, low_coverage=p.coverage < LOW_COVERAGE) for p in peers],
        pathway=result.pathway, weakest=_weakest(result, fw), table=table,
        reference_coverage=sum(r.coverage for r in refs) / len(refs) if refs else 0.0,
        skipped=skipped,
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
