"""What a batch reports: one record per scored file, rounded once, and the outputs made from it.

Figures are rounded once, here (``figure``), in the worker that scored the file: points to 2
decimals, confidence and coverage to 3, half up on the decimal value. ``summary.csv``,
``summary.json``, the terminal and the ranking PDF all show these same rounded figures (the PDF
shows them to the same number of decimals), so a unit cannot be 17.4 in one and 17.5 in another;
only a total within 0.005 of a line of its framework is printed with the decimals that keep it on
its grade's side (``total_shown``: 84.996, where the data's 85.00 would read as recognised).
Ranks are made from the rounded totals too.

The worker sends back this record, plain data, instead of the whole Result: the parent of a large
batch only sorts and writes.

Units of different frameworks (or versions of one) are never ranked together: each framework is a
group with its own ranking (``rank`` counts within the unit's ``framework``), the groups come one
after the other (by framework reference), ``summary.json`` lists them under ``frameworks``, and
the ranking report has one table and chart per group. In such a batch the dimension columns are
named ``<framework>:<dimension>`` (``china-learning-city@1:A``), since two frameworks may use the
same dimension id for different things.

Text that came from a file (names, messages quoting the file) is written with every control and
invisible character shown as an escape (``visible``) on the terminal, in ``summary.csv`` and in the
ranking report; these two write a Unicode noncharacter (U+FFFE, U+FDD0) as the terminal does too
(``q\\ufffez.yaml``, ``shown_name``), so no cell holds a character a spreadsheet may refuse. ``summary.json``
is read by scripts, so it carries each file name as it is (``json_name``): JSON escapes its control
characters itself, and every invisible one and every noncharacter is written as a ``\\uXXXX`` escape
too (``"q\\ufffez.yaml"``, which a JSON reader gives back as the exact name), so the document is
still safe to print and the name still finds the file. For a file that is not an
assessment at all (not a YAML mapping, a syntax error, no ``city`` and no ``framework``) only its
first few problems are kept, each cut to a short excerpt, so that the summary never copies such a file.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indicators.problems import Problem

from .batch_files import Skipped, Unit

POINTS = 2  # decimals of points (totals, dimension scores)
#: the uncertainty analysis of the units ranked together (``add_robustness``): the total's median and
#: 5–95 % interval, the share of draws recognised, and the rank interval among the group's ratable units
ROBUST_COLUMNS = ("median", "p05", "p95", "p_recognition", "rank_best", "rank_worst")
#: draws of a batch's analysis (random-number stream 0: a batch gives the same figures every time it is run)
ROBUST_SAMPLES = 2000
#: a group with more units is not analysed: its files are read again in the parent, one by one
ROBUST_MAX_UNITS = 200
RATIOS = 3  # decimals of confidence and coverage
#: columns of summary.csv before the dimension columns, and after them
SUMMARY_COLUMNS = ("rank", "file", "status", "id", "name", "name_zh", "level", "framework", "total", "self_total",
                   "grade", "recognition", "pathway", "confidence", "coverage", "reviewed", "warnings",
                   "total_lower", "total_upper", "ratable", *ROBUST_COLUMNS, "points_to_next_grade",
                   "next_grade_reason", "plan_target", "plan_effort", "plan_effort_reason", "plan_own_effort",
                   "plan_outside", "plan_outside_effort")
#: ``percent_slips`` (G19-B5) came after ``error``: columns are added at the end, so that a script
#: reading the columns by position keeps reading the same ones
TRAILING_COLUMNS = ("error", "percent_slips")
#: a problem of a file that is not an assessment keeps at most this many characters of its message
EXCERPT = 80
#: such a file keeps at most this many problems
FOREIGN_PROBLEMS = 3
#: any message keeps at most this many characters
MESSAGE_MAX = 400


def figure(x: float | None, digits: int = POINTS) -> float | None:
    """``x`` rounded to ``digits`` decimals, half up on its decimal value: THE rounding of a batch."""
    if x is None:
        return None
    from evaluator.rounding import half_up

    return float(half_up(x, digits))


def points_text(x: float | None) -> str:
    """A rounded figure of points as every batch output shows it."""
    return "" if x is None else f"{x:.{POINTS}f}"


# --- text that came from a file ------------------------------------------------------------------

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\u3164\ufeff\ufff9-\ufffb\ud800-\udfff]"
)


def visible(text: Any) -> str:
    """``text`` with controls, invisible characters and lone surrogates shown as escapes, one line."""
    s = _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                    str(text))
    return s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def json_name(key: str, name: str) -> dict[str, str]:
    """``{key: name}`` as ``summary.json`` carries a file name: the real name, not the escaped one
    the terminal shows, so that a script can find the file.

    A name that is not UTF-8 (a byte copied from a GBK system, which Python keeps as a lone
    surrogate) cannot be a JSON string as it is: ``key`` then holds the name with each such byte
    as U+FFFD, readable, and ``<key>_bytes`` the name's exact bytes in base64, to open the file."""
    try:
        name.encode("utf-8")
        return {key: name}
    except UnicodeEncodeError:
        try:
            raw = os.fsencode(name)
        except UnicodeEncodeError:  # a lone surrogate that is not a byte of a name (not from the OS)
            raw = name.encode("utf-8", "surrogatepass")
        return {key: raw.decode("utf-8", "replace"), f"{key}_bytes": base64.b64encode(raw).decode("ascii")}


def _json_row(row: dict[str, Any], name: str) -> dict[str, Any]:
    """A summary row for ``summary.json``: ``file`` the real name (``json_name``), the rest as in the CSV."""
    out: dict[str, Any] = {}
    for k, v in row.items():
        if k == "file":
            out.update(json_name("file", name))
        else:
            out[k] = v
    return out


def _cut(text: Any, limit: int) -> Any:
    """``text`` made safe to show and at most ``limit`` characters of what came from the file.

    A catalog message (``Msg``, ``Both``, ``Joined``) keeps its own words whole and its other
    language: only the values it quotes from the file are cut (G19-C12: "is not an .xlsx workbook
    (… a wor…)", English inside a Chinese batch, cut mid-word with the fix lost). Other text is
    cut at a word where there is one near the limit."""
    from indicators.messages import Both, Joined, Msg

    if isinstance(text, Msg):
        return Msg(text.key, **{k: _cut(v, limit) for k, v in text.values.items()})
    if isinstance(text, Both):
        return Both(_cut(text.zh, limit), _cut(text.en, limit))
    if isinstance(text, Joined):
        return Joined([_cut(p, limit) for p in text.parts], text.seps)
    if not isinstance(text, str):
        return text
    shown = visible(text)
    if len(shown) <= limit:
        return shown
    cut = shown[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 2 // 3 else cut).rstrip(" ,;:") + "…"


def looks_foreign(problems: list[Problem]) -> bool:
    """True for a file that is not an assessment at all: not a YAML mapping, not YAML, not text,
    or a mapping with neither ``city`` nor ``framework``."""
    missing = {p.message for p in problems if p.rule == "missing-key"}
    no_keys = any("'city'" in m for m in missing) and any("'framework'" in m for m in missing)
    top = any(p.rule == "wrong-type" and p.line == 1 and p.col == 1 and "mapping" in p.message for p in problems)
    unreadable = any(p.fatal or p.rule in ("syntax", "encoding", "binary", "too-large") for p in problems)
    return no_keys or top or unreadable


def safe_problems(problems: list[Problem]) -> list[Problem]:
    """The problems as a summary may show them (see the module's docstring)."""
    foreign = looks_foreign(problems)
    limit = EXCERPT if foreign else MESSAGE_MAX
    if foreign:  # its errors first, by line, before the cut: a warning is not why it failed (G17-2)
        from indicators.problems import sort_problems

        ordered = sort_problems(problems)
        problems = [p for p in ordered if p.severity == "error"] + [p for p in ordered if p.severity != "error"]
    keep = problems[:FOREIGN_PROBLEMS] if foreign else problems
    return [Problem(visible(p.file), p.line, p.col, p.severity, p.rule, _cut(p.message, limit), _cut(p.hint, limit),
                    fatal=p.fatal, cell=visible(p.cell)) for p in keep]


# --- the record of one scored file (made in the worker) -----------------------------------------


def plan_columns(result: Any, framework: Any, assessment: Any) -> dict[str, Any]:
    """Two different targets, each named (summary.csv mixed them under two bare names):

    * ``points_to_next_grade``: points between the total and the next grade band up. Empty, with
      ``next_grade_reason`` saying why, where a next band means nothing: ``top_grade``;
      ``not_ratable`` (too few answers for any grade); ``vetoed`` (a veto refuses the unit, or sets
      its grade, whatever its total);
    * ``plan_effort``: the effort of the least-effort plan to ``plan_target``, the target the unit's
      report plans for: ``recognition`` (the framework's first outcome) until it is reached, then
      the next grade's id, when the unit can do the whole plan itself. Empty, with
      ``plan_effort_reason`` saying why: ``no_target`` (nothing higher to plan for);
      ``unreachable``; ``count_first`` (within reach once the unit's estimated figures are counted);
      ``profile_first`` (not to be worked out while the profile lacks a figure indicators are divided by);
      ``outside`` (the plan rests on tasks another body must do or decide: the
      city's regulation, UNESCO's award; a sort by effort must not put such a unit first, G18-B5);
    * ``plan_own_effort``: the unit's own part of that plan's effort (also when it rests on others);
    * ``plan_outside``: the ids of the plan's tasks another body must do or decide, space-separated;
    * ``plan_outside_effort``: their effort as the framework costs them (the city's regulation);
      empty when none of them is costed (another body's decision, such as an award, carries none)."""
    from evaluator.engine import EPS
    from evaluator.plan import for_report

    above = [g.min for g in framework.grades if g.min > result.total + EPS]
    reason = ("not_ratable" if not result.ratable else "vetoed" if result.vetoes else
              "top_grade" if not above else None)
    p = for_report(result, framework, assessment) if assessment is not None else None
    target = getattr(p.target, "id", None) if p is not None else None
    if p is not None and p.target.kind == "grade":
        target = next((g.id for g in framework.grades if abs(g.min - p.target.total) <= EPS), target)
    planned = p is not None and not p.unreachable
    others = p.others if planned else ()
    from evaluator.plan import CountFirst, ProfileFirst

    waits = [k for k, kind in (("count_first", CountFirst), ("profile_first", ProfileFirst))
             if p is not None and any(isinstance(r, kind) for r in p.unreachable)]
    why = (None if assessment is None else "no_target") if p is None else \
        (waits[0] if waits else "unreachable") if p.unreachable else "outside" if others else None
    return {"points_to_next_grade": figure(min(above) - result.total) if reason is None else None,
            "next_grade_reason": reason, "plan_target": target,
            "plan_effort": figure(p.effort) if planned and not others else None,
            "plan_effort_reason": why,
            "plan_own_effort": figure(p.own_effort) if planned else None,
            "plan_outside": " ".join(c.indicator for c in others) or None,
            "plan_outside_effort": figure(p.others_effort) if any(c.decided_by is None for c in others) else None}


def unit_record(result: Any, warnings: int, assessment: Any = None) -> dict[str, Any]:
    """Everything the batch shows about a scored unit, rounded once (plain, picklable data)."""
    from evaluator.engine import VERSION
    from evaluator.rounding import shown_total, total_limits
    from indicators.loader import load_framework

    r = result
    fw = load_framework(r.framework)
    rec = fw.recognition
    row = {
        "id": r.city.id, "name": r.city.name, "name_zh": r.city.name_zh, "level": r.city.level, "framework": r.framework,
        "total": figure(r.total), "self_total": figure(r.self_assessed.total) if r.self_assessed else None,
        "grade": r.grade.id, "recognition": r.recognition.outcome, "pathway": r.pathway.type if r.pathway else None,
        "confidence": figure(r.confidence, RATIOS), "coverage": figure(r.coverage, RATIOS),
        "reviewed": r.review is not None, "warnings": warnings,
        # the total's bounds (unknowns at 0 / at full points); not ratable: no grade, no outcome, no rank
        "total_lower": figure(r.total_bounds.lower), "total_upper": figure(r.total_bounds.upper), "ratable": r.ratable,
    }
    row.update(plan_columns(r, fw, assessment))
    # the percentages typed as fractions (0.95 for 95 %) the grade or outcome turns on, as the
    # terminal names them (G19-B5): space-separated ids, as plan_outside; empty when none
    slips = _deciding_slips(r, fw, assessment)
    row["percent_slips"] = " ".join(slips) or None
    grade_names = {g.id: g.name for g in fw.grades}
    target = row["plan_target"]
    target_name = grade_names.get(target) or (rec.outcomes.recognised if target == "recognition" else None)
    level_name = fw.unit_name(r.city.level)
    for d in r.dimensions:
        # a dimension none of whose indicators applies to the unit drops out (max 0): an empty cell,
        # as ranking.pdf prints '—', not 0.0, which a script reads as "scored nothing"
        row[d.id] = figure(d.score) if d.max > 0 else None
    return {
        "row": row,
        "dimensions": [(d.id, d.name_zh, d.name) for d in r.dimensions],
        "framework": {"ref": r.framework, "name_zh": r.framework_name_zh, "name": r.framework_name,
                      "line": rec.total_min, "floor": rec.dimension_floor, "points": fw.total_points,
                      # the ranking names a veto and a survey error only where the framework has them
                      "vetoes": bool(rec.vetoes), "surveys": fw.has_surveys(),
                      # the framework's own words for its outcomes (e.g. "recognised as a demonstration zone")
                      "outcomes": {k: {"zh": getattr(rec.outcomes, k).zh, "en": getattr(rec.outcomes, k).en}
                                   for k in ("recognised", "deferred", "refused", "not_ratable")}},
        "version": VERSION,
        "reviewers": r.review.reviewers if r.review is not None else 0,
        # what summary.xlsx says in words (lcity.batch_sheet): the framework's own names, in both languages
        "sheet": {"points": {d.id: d.points for d in r.dimensions},
                  "level": {"zh": level_name.zh, "en": level_name.en} if level_name is not None else None,
                  "plan_target": {"zh": target_name.zh, "en": target_name.en} if target_name is not None else None},
        "ranking": {
            # the total as printed (terminal, ranking PDF): the data's 2 decimals, or more where 2 would
            # put it across a line of the framework (84.996 and 暂缓认定 is "84.996", not "85.00")
            "total_shown": shown_total(r.total, total_limits(fw), POINTS),
            "total_upper_shown": shown_total(r.total_bounds.upper, total_limits(fw), POINTS),
            "grade": r.grade.name, "grade_zh": r.grade.name_zh, "vetoed": bool(r.vetoes),
            "recognition_name": r.recognition.name, "recognition_name_zh": r.recognition.name_zh,
            "pathway_name": r.pathway.name if r.pathway else None,
            "pathway_name_zh": r.pathway.name_zh if r.pathway else None,
            "period": r.city.period, "parent": r.city.parent, "parent_en": r.city.parent_en, "date": r.city.date,
            # shares are shown only as percentages in the PDF: passed unrounded, rounded once there
            "shares": {d.id: d.share for d in r.dimensions},
            # below the floor as scored, but only for want of data: its unknown answers could carry it
            # over, so not red (the unit's report says 数据不详 there, not a floor missed; G32T-7)
            "open_floors": _open_floors(r, fw),
            # percentages typed as fractions (0.95 for 95 %) that turn the grade or outcome (G19-B5)
            "fraction_slips": slips,
        },
    }


def _open_floors(result: Any, fw: Any) -> list[str]:
    """The dimensions below their floor only for want of data (``reports.context_pathway.weak_dimension_ids``
    leaves them out of the weak ones)."""
    from reports.context_pathway import weak_dimension_ids

    weak = weak_dimension_ids(result, fw)
    return [d.id for d in result.dimensions if d.floor_met is False and d.id not in weak]


def _deciding_slips(result: Any, fw: Any, assessment: Any) -> list[str]:
    """The ids of the percentages typed as fractions whose reading as percentages would give the
    unit another grade or outcome (``evaluator.percent_slips``); the batch names the unit for them."""
    if assessment is None:
        return []
    from evaluator.percent_slips import fraction_slips

    slips = fraction_slips(assessment, fw, result)
    return list(slips.typed) if slips is not None and slips.other is not None else []


# --- outcomes and the summary --------------------------------------------------------------------


@dataclass
class Outcome:
    """What happened to one file of the batch."""

    unit: Unit
    status: str = "pending"  # ok | report_failed | invalid | timeout | error
    record: dict[str, Any] | None = None
    warnings: int = 0
    problems: list[Problem] = field(default_factory=list)
    error: str = ""
    stage: str = ""  # score | report, for failures
    rank: int | None = None
    pdf: Path | None = None

    @property
    def file(self) -> str:
        return self.unit.file

    @property
    def scored(self) -> bool:
        return self.record is not None

    @property
    def failed(self) -> bool:
        return self.status not in ("ok", "pending")

    @property
    def total(self) -> float | None:
        return self.record["row"]["total"] if self.record else None


@dataclass
class BatchSummary:
    outcomes: list[Outcome]  # in summary order
    dimensions: list[str]
    written: list[Path]
    orphan_reviews: list[Path]
    ranking_error: str = ""
    ranking_file: str | None = None
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.failed]

    @property
    def exit_code(self) -> int:
        return 1 if self.failures or self.ranking_error else 0


def first_problem(problems: list[Problem]) -> Problem | None:
    """A file's first error in the order of its lines, as ``lcity validate`` lists them (a slip on
    line 106 was named "first" before an unknown choice on line 80); its first warning if none."""
    from indicators.problems import sort_problems

    ordered = sort_problems(problems)
    return next((p for p in ordered if p.severity == "error"), ordered[0] if ordered else None)


def first_error(problems: list[Problem]) -> str:
    """The first error's line in both languages (``Both``: English as a ``str``), so that what is
    said of it later (the ranking report's own error in summary.json, on the terminal) follows the
    language it is said in, as a unit's error does."""
    from indicators.messages import Both

    first = first_problem(problems)
    return Both(first.text("zh"), first.text("en")) if first is not None else "invalid"


def failure_text(o: Outcome, lang: str) -> str:
    """Why a file failed, said in ``lang``: its first error by line, else the run's message (a
    timeout, a bug). The ranking report and summary.csv say it in the ranking's language, as the
    terminal says it in the file's (an English line in a Chinese ranking read as a foreign error)."""
    from indicators.messages import say

    first = first_problem(o.problems) if o.status in ("invalid", "report_failed") else None
    return first.text(lang) if first is not None else (say(o.error, lang) if o.error else o.error)


def framework_of(o: Outcome) -> str:
    """The framework reference (id@version) a scored unit was scored with; '' for a file not scored."""
    return o.record["row"]["framework"] if o.record is not None else ""


def frameworks_of(outcomes: list[Outcome]) -> list[str]:
    """The frameworks of the scored units, in the order their groups are listed (by reference)."""
    return sorted({framework_of(o) for o in outcomes if o.scored})


def level_name(o: Outcome, lang: str) -> str:
    """The unit's level in ``lang``: the framework's name for it, else lcity's (市, district), else its id."""
    from indicators.messages import Msg, say

    level = o.record["row"].get("level")  # type: ignore[index]
    said = ((o.record.get("sheet") or {}).get("level") or {}).get(lang)  # type: ignore[union-attr]
    if said:
        return said
    return say(Msg(f"sheet.level-{level}"), lang) if level in ("city", "district", "county") else str(level)


def mixed_levels(outcomes: list[Outcome], lang: str) -> list[tuple[str, list[str]]]:
    """Each framework whose ranked units are of more than one level (a city among districts), with
    the levels' names in ``lang``: they are ranked together, which the ranking's readers are told
    (G19-B9), as benchmark and sensitivity say a district compared with cities is a rough guide."""
    found: list[tuple[str, list[str]]] = []
    for ref in frameworks_of(outcomes):
        names: dict[str, str] = {}
        for o in outcomes:
            if o.scored and o.rank is not None and framework_of(o) == ref:
                level = o.record["row"].get("level")  # type: ignore[index]
                names.setdefault(str(level), level_name(o, lang))
        if len(names) > 1:
            found.append((ref, list(names.values())))
    return found


def rank_outcomes(outcomes: list[Outcome]) -> list[Outcome]:
    """Scored units grouped by framework (groups by framework reference), and within a group by
    rounded total then file name, with competition ranks (1, 2, 2, 4) counted within the group;
    then the files that were not scored, by file name. Units of different frameworks are never
    ranked against each other. A unit that is not ratable (coverage below the framework's
    min_coverage) gets no rank: it follows the ranked units of its group, by total."""
    ordered: list[Outcome] = []
    for ref in frameworks_of(outcomes):
        group = sorted((o for o in outcomes if o.scored and framework_of(o) == ref),
                       key=lambda o: (o.record["row"].get("ratable") is False, -o.total, o.file))  # type: ignore[index]
        prev, rank = None, 0
        for i, o in enumerate(group, 1):
            if o.record["row"].get("ratable") is False:  # type: ignore[index]
                o.rank = None
                continue
            if o.total != prev:
                rank, prev = i, o.total
            o.rank = rank
        ordered += group
    rest = sorted((o for o in outcomes if not o.scored), key=lambda o: o.file)
    for o in rest:
        o.rank = None
    return ordered + rest


def add_robustness(outcomes: list[Outcome], samples: int = ROBUST_SAMPLES, seed: int = 0) -> None:
    """Adds the uncertainty analysis (``evaluator.sensitivity``) to each scored unit's record, per
    framework group: the files are read and scored again here, in the parent, since the analysis
    needs every unit of the group at once. Ranks are among the group's ratable units, as the batch
    ranks them; a unit that is not ratable gets its interval only. Never stops a batch: a group that
    cannot be analysed keeps these columns empty."""
    from evaluator.pipeline import read_scored
    from evaluator.sensitivity import analyse

    for ref in frameworks_of(outcomes):
        group = [o for o in outcomes if o.scored and framework_of(o) == ref and "median" not in o.record["row"]]
        if not group or len(group) > ROBUST_MAX_UNITS:
            continue
        try:
            scored = [read_scored(o.unit.path, reviews=list(o.unit.reviews)) for o in group]
            got = analyse(scored[0][1].framework, [r for r, _ in scored], [o.file for o in group], samples=samples,
                          seed=seed, sobol=False, rank_only_ratable=True)
        except Exception:  # noqa: BLE001 - the analysis adds columns; it must never cost the batch its summary
            continue
        for o, u in zip(group, got.units):
            o.record["robustness"] = {"draws": samples, "stream": seed}  # type: ignore[index]
            o.record["row"].update(  # type: ignore[index]
                median=figure(u.median), p05=figure(u.p05), p95=figure(u.p95),
                p_recognition=figure(u.recognition_probability, RATIOS),
                rank_best=u.rank.best if u.rank is not None else None,
                rank_worst=u.rank.worst if u.rank is not None else None)


def robustness_of(outcomes: list[Outcome]) -> dict[str, Any] | None:
    """The draws and random-number stream of the robustness columns (``add_robustness``), and how many
    units have them; None when no unit was analysed (a group too large, an analysis that failed)."""
    runs = [o.record["robustness"] for o in outcomes if o.record is not None and o.record.get("robustness")]
    if not runs:
        return None
    return {"draws": runs[0]["draws"], "stream": runs[0]["stream"], "units": len(runs)}


def dimension_key(framework: str, dim: str, mixed: bool) -> str:
    """The column of a dimension: its id, or ``<framework>:<id>`` in a batch of several frameworks."""
    return f"{framework}:{dim}" if mixed else dim


def dimension_ids(outcomes: list[Outcome]) -> list[str]:
    mixed = len(frameworks_of(outcomes)) > 1
    ids: list[str] = []
    seen: set[str] = set()
    for o in outcomes:
        if o.record is not None:
            for d, _, _ in o.record["dimensions"]:
                key = dimension_key(framework_of(o), d, mixed)
                if key not in seen:
                    seen.add(key)
                    ids.append(key)
    return ids


def summary_row(o: Outcome, dims: list[str], lang: str = "en") -> dict[str, Any]:
    """One row of summary.csv / summary.json (typed values; None where there is nothing); the
    error in ``lang`` (summary.csv: the ranking's language; summary.json: English, for programs)."""
    row: dict[str, Any] = dict.fromkeys((*SUMMARY_COLUMNS, *dims, *TRAILING_COLUMNS))
    error = failure_text(o, lang) if o.error else o.error
    row.update(rank=o.rank, file=visible(o.file), status=o.status, error=visible(error) if error else error)
    if o.record is not None:
        dims_of_unit = {d for d, _, _ in o.record["dimensions"]}
        row.update({k: v for k, v in o.record["row"].items() if k in row and k not in dims_of_unit})
        for d in dims_of_unit:
            for key in (d, f"{framework_of(o)}:{d}"):
                if key in dims:
                    row[key] = o.record["row"][d]
        for k in ("id", "name", "name_zh"):
            if isinstance(row[k], str):
                row[k] = visible(row[k])
    return row


def shown_name(text: Any) -> str:
    """``text`` as ``visible`` makes it, and a Unicode noncharacter (U+FFFE, U+FDD0, which a file's
    name may hold) written as the terminal writes it (``q\\ufffez.yaml``), never raw: summary.csv
    and the ranking report show a name as the terminal does; summary.json holds it exactly (G19-C6)."""
    from indicators.textchars import NONCHARACTER

    return NONCHARACTER.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) < 0x10000
                            else f"\\U{ord(m.group()):08x}", visible(text))


def _cell(v: Any) -> str:
    """A summary.csv cell: no character a spreadsheet may refuse (``shown_name``), no formula."""
    from .tables import csv_safe

    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return csv_safe(shown_name(v))


def summary_csv(summary: BatchSummary, lang: str = "en") -> str:
    columns = [*SUMMARY_COLUMNS, *summary.dimensions, *TRAILING_COLUMNS]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for o in summary.outcomes:
        row = summary_row(o, summary.dimensions, lang)
        w.writerow([_cell(row[c]) for c in columns])
    return "\ufeff" + buf.getvalue()


def summary_document(summary: BatchSummary, folder: str, lang: str = "en") -> dict[str, Any]:
    """summary.json's document; its ``error`` texts in ``lang`` (the ranking's), as summary.csv says
    them, so the two agree, and the ranking report's own error too; ``problems`` keep their English
    messages beside the rule ids."""
    from indicators.messages import say

    dims = summary.dimensions
    return {
        **json_name("folder", folder),
        "files": len(summary.outcomes),
        "scored": sum(o.scored for o in summary.outcomes),
        "failed": len(summary.failures),
        # one group per framework: ranks count within a group, never across frameworks
        "frameworks": [{"framework": visible(ref), "units": sum(1 for o in summary.outcomes if framework_of(o) == ref)}
                       for ref in frameworks_of(summary.outcomes)],
        "columns": [*SUMMARY_COLUMNS, *dims, *TRAILING_COLUMNS],
        "units": [_json_row(summary_row(o, dims, lang), o.file) for o in summary.outcomes if o.scored],
        "failures": [{**json_name("file", o.file), "status": o.status, "stage": o.stage,
                      "error": visible(failure_text(o, lang)),
                      "problems": [p.as_dict() for p in o.problems]} for o in summary.failures],
        # the robustness columns' analysis: its number of draws and random-number stream, so that a
        # figure of lcity sensitivity (10,000 draws by default) is not read as contradicting them (G18-B13)
        "robustness": robustness_of(summary.outcomes),
        "ranking": {"file": summary.ranking_file, "error": visible(say(summary.ranking_error, lang)) or None},
        "orphan_reviews": [json_name("file", p.name)["file"] for p in summary.orphan_reviews],
        "skipped": [{**json_name("file", s.name), "reason": s.reason} for s in summary.skipped],
    }


def summary_json(summary: BatchSummary, folder: str, lang: str = "en") -> str:
    """The JSON document: one line per unit, failure and skipped entry (fast to write for
    thousands of units with the C encoder, easy to read and to diff). Invisible characters the
    encoder keeps as they are (bidi overrides, C1 controls) are written as ``\\uXXXX`` escapes:
    the same data, safe to print."""
    from .console import visible_json

    doc = summary_document(summary, folder, lang)
    dump = json.JSONEncoder(ensure_ascii=False).encode
    lines = ["{"]
    for i, (key, value) in enumerate(doc.items()):
        comma = "," if i < len(doc) - 1 else ""
        if isinstance(value, list) and value:
            items = ",\n".join(f"    {dump(v)}" for v in value)
            lines.append(f"  {dump(key)}: [\n{items}\n  ]{comma}")
        else:
            lines.append(f"  {dump(key)}: {dump(value)}{comma}")
    lines.append("}")
    return visible_json("\n".join(lines)) + "\n"


# --- the ranking report's data ------------------------------------------------------------------


def ranking_context(summary: BatchSummary, folder: str) -> dict[str, Any]:
    """Plain data for the ranking report (picklable, language-neutral: the template picks names).

    ``units`` carry their ``framework``; ``frameworks`` describe each group (name, recognition line,
    dimension floor, total points, outcome labels, dimensions) in the order of ``rank_outcomes``.
    """
    units: list[dict[str, Any]] = []
    fws: dict[str, dict[str, Any]] = {}
    dims: dict[str, tuple[str, str]] = {}
    fw_dims: dict[str, dict[str, tuple[str, str]]] = {}
    version = ""
    for o in summary.outcomes:
        rec = o.record
        if rec is None:
            continue
        row, extra = rec["row"], rec["ranking"]
        ref = rec["framework"]["ref"]
        fws.setdefault(ref, rec["framework"])
        version = version or rec["version"]
        for d, zh, en in rec["dimensions"]:
            dims.setdefault(d, (zh, en))
            fw_dims.setdefault(ref, {}).setdefault(d, (zh, en))
        units.append({
            "rank": o.rank, "file": shown_name(o.file), "name": row["name"], "name_zh": row["name_zh"],
            "level": row["level"], "total": row["total"], "recognition": row["recognition"],
            "total_lower": row.get("total_lower"), "total_upper": row.get("total_upper"), "ratable": row.get("ratable", True),
            **{k: row.get(k) for k in ROBUST_COLUMNS},
            "pathway": row["pathway"], "confidence": row["confidence"], "coverage": row["coverage"],
            "reviewed": row["reviewed"], "framework": ref, **extra,
        })
    dates = sorted(u["date"] for u in units if u["date"])
    first = next(iter(fws.values()), None)  # the recognition line and dimension floor of the (first) framework
    return {
        "version": version,
        "recognition_line": first["line"] if first else None,
        "floor": first["floor"] if first else 0.0,
        "folder": visible(folder),
        "units": units,
        "dimensions": [{"id": k, "name_zh": v[0], "name": v[1]} for k, v in dims.items()],
        "frameworks": [{"ref": k, "name_zh": v["name_zh"], "name": v["name"], "line": v["line"], "floor": v["floor"],
                        "points": v.get("points", 100.0), "outcomes": v.get("outcomes", {}),
                        "vetoes": v.get("vetoes", True), "surveys": v.get("surveys", True),
                        "dimensions": [{"id": d, "name_zh": n[0], "name": n[1]} for d, n in fw_dims[k].items()]}
                       for k, v in fws.items()],
        "failures": [{"file": shown_name(o.file), "status": o.status, "error": shown_name(failure_text(o, "en")),
                      "error_zh": shown_name(failure_text(o, "zh"))}  # the report picks its language's
                     for o in summary.failures if not o.scored],
        "files": len(summary.outcomes),
        "date": dates[-1] if dates else None,
        # a city ranked among districts (G19-B9): the ranking says so, as the terminal and the notes sheet
        "mixed_levels": [{"ref": ref, "levels_zh": zh, "levels": en}
                         for (ref, zh), (_, en) in zip(mixed_levels(summary.outcomes, "zh"),
                                                        mixed_levels(summary.outcomes, "en"))],
    }
