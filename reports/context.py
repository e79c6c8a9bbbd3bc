"""Everything a report template shows, as plain data in one language: a pure function of its inputs.

``build_context(result, bench, framework, assessment, ...)`` turns a scored ``Result`` (and the
benchmark, the framework's texts and the assessment's own words) into a dict of strings, numbers,
lists and two SVG charts. The template only lays it out: every sentence is formatted here from the
message catalog (``reports/catalogs``) and the framework's zh/en texts, and no score is computed
here, only read from the Result.

An expert review, when there is one, is a plain dict (the review issue will build it from a review
file)::

    {
      "panel": [{"name": ..., "affiliation": ..., "title": ...}, ...],
      "process": {"dates": "2025-05-12 至 2025-05-14",        # any text
                  "material_review": "查阅创建档案 36 卷",         # text, or true
                  "site_visits": ["青石区社区学院", ...],         # list, text or a number
                  "symposia": ["部门座谈会", "居民座谈会"],
                  "survey": {"sample": 620, "method": "...", "awareness": 84, "satisfaction": 80},
                  "feedback": "..."},
      "findings": {"strengths": [...], "problems": [...], "recommendations": [...],
                   "conclusion": [...]},
      "verified": {"D1": {"score": 2.0, "reason": "..."}, ...},
    }

Each part is rendered only when present. Without a review the report is a self-assessment report:
the methods say that the panel's checks are still to come and the signature block has blank lines.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from markupsafe import Markup

from evaluator.assessment import Assessment
from evaluator.benchmark import LOW_COVERAGE, Benchmark
from evaluator.pathways import MIXED, NONE
from evaluator.result import IndicatorResult, Result
from evaluator.trend import Trend
from evaluator.rules import num
from indicators.cities import REFERENCE_CITIES
from indicators.models import Framework, Indicator

from .catalog import Catalog, load_catalog

#: An indicator is weak (a problem, with a recommendation) below this share of its points; the
#: framework's dimension floor is used when it has one.
DEFAULT_WEAK = 0.6
#: Strengths: indicators at or above this share, at most STRENGTHS_MAX of them.
STRONG = 0.9
STRENGTHS_MAX = 8
#: Verified scores differing from the self-assessed score by more than this share of the
#: indicator's available points are flagged.
DIFF_FLAG = 0.10
#: Blank signature lines when there is no panel yet.
BLANK_SIGNATURES = 5

_ANSWER_ID = re.compile(r"\s?[（(][a-z][a-z0-9_]*[)）]")


# --- small formatting helpers (pure) --------------------------------------------------------------


def pct(share: float | None, dash: str = "—") -> str:
    return dash if share is None else f"{share * 100:.0f}%"


def pts(x: float) -> str:
    return f"{x:.2f}"


def pick(obj: Any, field: str, lang: str) -> str:
    """``obj.field_zh`` in Chinese, ``obj.field`` in English (the Result's convention)."""
    if lang == "zh":
        return getattr(obj, f"{field}_zh")
    return getattr(obj, field)


def clean_reason(text: str, ind_id: str) -> str:
    """A Result reason without its leading indicator id and the raw answer ids in brackets."""
    text = re.sub(rf"^\s*{re.escape(ind_id)}\s*[:：]\s*", "", text)
    return _ANSWER_ID.sub("", text).strip()


def format_date(iso: str | None, cat: Catalog) -> str:
    if not iso:
        return cat["not_given"]
    y, m, d = (int(x) for x in iso.split("-"))
    return cat("date_fmt", y=y, month=cat["months"][m - 1], d=d)


def default_number(result: Result, assessment: Assessment) -> str:
    """LC-<city id>-<end year>-<first 8 hex of the input SHA-256>: the same input, the same number."""
    city = result.city.id or "city"
    digest = (result.provenance.input_sha256 or "0" * 8)[:8]
    return f"LC-{city}-{assessment.period.end}-{digest}"


def _unit(text: str, lang: str = "en") -> str:
    """A unit as it follows a number: in Chinese, and '%' in English, it sticks to the number;
    any other English unit follows a space."""
    text = text.strip()
    if not text:
        return ""
    return text if lang == "zh" or text.startswith("%") else f" {text}"


def qty(value: str, unit: str, lang: str) -> str:
    return f"{value}{_unit(unit, lang)}"


def paren(text: str, lang: str) -> str:
    return f"（{text}）" if lang == "zh" else f" ({text})"


def _text_list(value: Any) -> list[str]:
    if value is None or value is False:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None and str(v).strip()]
    return [str(value)]


# --- framework texts ------------------------------------------------------------------------------


def rule_text(ind: Indicator, cat: Catalog, lang: str) -> str:
    """The scoring rule of an indicator as a reader states it, e.g. 线性：2 元/人·年得 0 分，10 元/人·年得满分."""
    rule = ind.rule
    answer = ind.answer
    unit_obj = getattr(getattr(answer, "derive", None), "unit", None) or getattr(answer, "unit", None)
    unit = _unit(unit_obj.get(lang), lang) if unit_obj is not None else ""
    points = ind.points
    if rule.kind == "boolean":
        return cat["rule_boolean"]
    if rule.kind == "linear":
        return cat("rule_linear", floor=num(rule.floor), target=num(rule.target), unit=unit)
    if rule.kind == "steps":
        steps = [cat("rule_step", min=num(s.min), unit=unit, pts=num(round(s.share * points, 2))) for s in rule.steps]
        return cat("rule_steps", steps=cat["rule_sep"].join(steps))
    if rule.kind == "levels":
        levels = [cat("rule_level", choice=c.get(lang), pts=num(round(rule.shares.get(c.id, 0.0) * points, 2)))
                  for c in answer.choices]
        return cat("rule_levels", levels=cat["rule_sep"].join(levels))
    if rule.kind == "checklist":
        items = answer.items
        if rule.weights:
            total = sum(rule.weights.get(i.id, 0.0) for i in items) or 1.0
            parts = [cat("rule_checklist_item", item=i.get(lang),
                         pts=num(round(rule.weights.get(i.id, 0.0) / total * points, 2))) for i in items]
            return cat("rule_checklist_weighted", n=len(items), items=cat["rule_sep"].join(parts))
        return cat("rule_checklist", n=len(items), pts=num(round(points / len(items), 2)))
    return rule.kind


def value_text(ind: Indicator, r: IndicatorResult, cat: Catalog, lang: str) -> str:
    """What the city reported, in words: the choice, the items present, or the scored figure."""
    answer = ind.answer
    v = r.value
    if answer.type == "boolean":
        return cat["yes_value"] if v else cat["no_value"]
    if answer.type == "choice":
        label = next((c.get(lang) for c in answer.choices if c.id == v), str(v))
        return label
    if answer.type == "checklist":
        present = [i.get(lang) for i in answer.items if isinstance(v, list) and i.id in v]
        return cat["list_sep"].join(present) if present else cat["none_value"]
    if r.figure is not None:
        return qty(num(round(r.figure, 2)), pick(r, "unit", lang), lang)
    if isinstance(v, (int, float)):
        return qty(num(v), answer.unit.get(lang), lang)
    return str(v)


def pathway_names(fw: Framework, lang: str) -> dict[str, str]:
    names = {"mixed": MIXED[0] if lang == "zh" else MIXED[1],
             "unclassified": NONE[0] if lang == "zh" else NONE[1], "": "—"}
    if fw.pathways:
        for t in fw.pathways.types:
            names[t.id] = t.name.get(lang)
    return names


# --- review ---------------------------------------------------------------------------------------


def review_from_result(result: Result) -> dict | None:
    """The review dict of a verified Result (``evaluator.score(..., reviews=...)``).

    The Result's scores are then the verified ones, and each indicator keeps its self-assessed
    score in ``self_score``; the report shows both, and its conclusion uses the verified figures.
    """
    rv = result.review
    if rv is None:
        return None
    process = dict(rv.process)
    return {
        "panel": [m.model_dump() for m in rv.panel],
        "process": process,
        "findings": {"strengths": rv.strengths, "problems": rv.problems,
                     "recommendations": rv.recommendations, "conclusion": rv.conclusions},
        "verified": {r.id: {"score": r.score, "reason": "; ".join(r.review_reasons)}
                     for r in result.indicators if r.state != "not_applicable"},
    }


def _plain(value: Any) -> Any:
    """Pydantic models (a review as the review module reads it) become plain dicts and lists."""
    if hasattr(value, "model_dump"):
        return value.model_dump()
    return value


def normalise_review(review: dict | None, fw: Framework) -> dict | None:
    """A review dict with every part present (empty when absent) and plain types.

    Accepts the shape documented at the top of this module, and also the review module's own
    ``Review.model_dump()`` shape (``process.start``/``end``, visits and symposia as dicts, the
    conclusion as a top-level text).
    """
    review = _plain(review)
    if review is None:
        return None
    if not isinstance(review, dict):
        raise TypeError("review must be a dict or None")
    panel = []
    for m in review.get("panel") or []:
        m = _plain(m)
        m = m if isinstance(m, dict) else {"name": str(m)}
        panel.append({k: str(m.get(k) or "") for k in ("name", "affiliation", "title")})
    findings = dict(_plain(review.get("findings")) or {})
    if review.get("conclusion") and not findings.get("conclusion"):
        findings["conclusion"] = review["conclusion"]
    verified: dict[str, dict] = {}
    known = {i.id for i in fw.indicators()}
    for ind_id, v in (_plain(review.get("verified")) or {}).items():
        if ind_id not in known:
            raise ValueError(f"verified score for unknown indicator {ind_id!r}")
        v = _plain(v)
        v = v if isinstance(v, dict) else {"score": v}
        score = v.get("score")
        verified[ind_id] = {"score": None if score is None else float(score), "reason": str(v.get("reason") or "")}
    process = dict(_plain(review.get("process")) or {})
    if (process.get("start") or process.get("end")) and not process.get("dates"):
        process["dates"] = (process.get("start"), process.get("end"))
    process.pop("start", None)
    process.pop("end", None)
    return {
        "panel": panel,
        "process": process,
        "findings": {k: _text_list(findings.get(k)) for k in ("strengths", "problems", "recommendations", "conclusion")},
        "verified": verified,
    }


#: In a visit, symposium or similar entry given as a dict: the main text, then the details.
_MAIN_KEYS = ("unit", "topic", "name", "title")


def _process_item(item: Any, cat: Catalog) -> str:
    if not isinstance(item, dict):
        return str(item)
    main = next((str(item[k]) for k in _MAIN_KEYS if item.get(k)), "")
    details = [format_date(v, cat) if _is_date(v) else str(v)
               for k, v in item.items() if k not in _MAIN_KEYS and v not in (None, "", [])]
    if not details:
        return main
    inner = cat["list_sep"].join(details)
    return f"{main}（{inner}）" if cat.lang == "zh" else f"{main} ({inner})"


def _process_value(key: str, value: Any, cat: Catalog) -> str:
    if value is True:
        return cat["yes"]
    if key == "dates" and isinstance(value, (list, tuple)):
        start, end = (list(value) + [None, None])[:2]
        if start and end and start != end:
            return cat("date_range", start=format_date(start, cat) if _is_date(start) else start,
                       end=format_date(end, cat) if _is_date(end) else end)
        one = start or end
        return format_date(one, cat) if _is_date(one) else str(one)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return cat("count_items", n=num(value))
    if isinstance(value, dict):
        parts = []
        for k, v in value.items():
            if v in (None, "", []):
                continue
            if k == "sample":
                parts.append(cat("survey_sample", n=num(v) if isinstance(v, (int, float)) else v))
            elif k in ("method", "awareness", "satisfaction"):
                shown = f"{num(v)}%" if isinstance(v, (int, float)) and k != "method" else str(v)
                parts.append(f"{cat['survey_' + k]}{cat['colon']}{shown}")
            else:
                parts.append(f"{k}{cat['colon']}{v}")
        return cat["list_sep"].join(parts)
    if isinstance(value, (list, tuple)):
        return cat["list_sep"].join(_process_item(v, cat) for v in value if v not in (None, "", {}))
    return str(value)


def _is_date(value: Any) -> bool:
    return isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value) is not None


PROCESS_KEYS = ("dates", "material_review", "site_visits", "symposia", "survey", "feedback")


def process_rows(process: dict, cat: Catalog) -> list[dict]:
    rows = []
    for key in PROCESS_KEYS:
        if process.get(key) not in (None, False, "", []):
            rows.append({"label": cat[f"process_{key}"], "value": _process_value(key, process[key], cat)})
    for key, value in process.items():  # keys the catalog does not know: shown as given
        if key not in PROCESS_KEYS and value not in (None, False, "", []):
            rows.append({"label": str(key), "value": _process_value(key, value, cat)})
    return rows


def disagreement_lines(result: Result, cat: Catalog, lang: str) -> list[str]:
    """Indicators on which the reviewers' own scores spread beyond the threshold, for discussion."""
    if result.review is None:
        return []
    names = {r.id: pick(r, "name", lang) for r in result.indicators}
    return [cat("concl_disagree_item", ind=f"{d.indicator} {names.get(d.indicator, '')}",
                scores=cat["list_sep"].join(f"{s.reviewer} {pts(s.score)}" for s in d.scores),
                spread=pts(d.spread))
            for d in result.review.disagreements]


# --- trend (earlier assessments given with --previous) --------------------------------------------

TREND_MOVED_MAX = 10


def trend_block(trend: "Trend", cat: Catalog, lang: str, city: str, fw: Framework) -> dict[str, Any]:
    """The "change over time" part of section 三: a line chart, a table by period, the movers."""
    from reports.charts import line_svg

    points = trend.assessments
    years = [str(p.end_year) for p in points]
    biggest = sorted(trend.dimensions, key=lambda d: -abs(d.change.change))[:3]
    series = [(cat["trend_series_total"], [p.total for p in points])]
    series += [(f"{d.id} {pick(d, 'name', lang)}" if lang == "zh" else d.id,
                [None if s is None else s * 100 for s in d.shares]) for d in biggest]
    chart = line_svg(years, series, title=cat["trend_chart_title"], y_max=100, no_data_text=cat["no_data"])
    periods = cat["list_sep"].join(p.period for p in points)
    change = f"{trend.total.change:+.1f}"
    if trend.total.per_year is None:
        summary = cat("trend_summary_same_year", city=city, n=len(points), periods=periods,
                      first=f"{trend.total.start:.1f}", last=f"{trend.total.end:.1f}", change=change)
    else:
        summary = cat("trend_summary", city=city, n=len(points), periods=periods, first=f"{trend.total.start:.1f}",
                      last=f"{trend.total.end:.1f}", change=change, per_year=f"{trend.total.per_year:+.1f}")
    rows = [{"period": p.period, "total": f"{p.total:.1f}", "grade": pick(p.grade, "name", lang),
             "decision": getattr(fw.recognition.outcomes, p.recognition).get(lang)} for p in points]
    dims = [{"id": d.id, "name": pick(d, "name", lang), "first": pts(d.change.start), "last": pts(d.change.end),
             "change": f"{d.change.change:+.2f}",
             "per_year": "—" if d.change.per_year is None else f"{d.change.per_year:+.2f}"} for d in trend.dimensions]
    moved = sorted(trend.moved, key=lambda m: (-abs(m.change), m.id))[:TREND_MOVED_MAX]
    movers = [cat("trend_moved_item", ind=f"{m.id} {pick(m, 'name', lang)}", before=pts(m.from_score),
                  after=pts(m.to_score), change=f"{m.change:+.2f}") for m in moved]
    return {"summary": summary, "chart": Markup(chart),
            "caption": f"{cat('figure_fmt', n=3)} {cat['trend_caption']}",
            "rows": rows, "dims": dims, "moved": movers}


# --- the context ----------------------------------------------------------------------------------


def build_context(
    result: Result,
    bench: Benchmark | None,
    framework: Framework,
    assessment: Assessment,
    *,
    lang: str = "zh",
    body: str | None = None,
    date: str | None = None,
    number: str | None = None,
    review: dict | None = None,
    inline_css: str | None = None,
    trend: "Trend | None" = None,
) -> dict[str, Any]:
    """The template context of one report. Pure: the same arguments give the same dict."""
    from reports.charts import bar_svg, radar_svg

    cat = load_catalog(lang)
    fw = framework
    zh = lang == "zh"
    reviewed = result.review is not None  # the Result's scores are the verified ones
    rev = normalise_review(review if review is not None else review_from_result(result), fw)
    inds = {r.id: r for r in result.indicators}
    fw_inds = {i.id: i for i in fw.indicators()}
    dim_names = {d.id: pick(d, "name", lang) for d in result.dimensions}
    floor = fw.recognition.dimension_floor
    weak = floor if floor > 0 else DEFAULT_WEAK
    floor_pct = num(round(floor * 100, 1))
    city = pick(result.city, "name", lang)
    unit = cat[f"unit_{result.city.level}"] if f"unit_{result.city.level}" in cat else cat["unit_city"]
    body_text = body or assessment.evaluating_body or result.city.evaluating_body or ""
    body_shown = body_text or cat["not_given"]
    report_date = date or assessment.date
    number = number or default_number(result, assessment)
    period = cat("period_fmt", start=assessment.period.start, end=assessment.period.end)
    framework_name = fw.name.get(lang)
    framework_full = cat("framework_fmt", name=framework_name, version=fw.version)
    sha = result.provenance.input_sha256
    file_name = PurePath(result.provenance.input_file).name if result.provenance.input_file else ""
    sep = cat["list_sep"]

    def ind_label(ind_id: str) -> str:
        return f"{ind_id} {pick(inds[ind_id], 'name', lang)}"

    def dim_label(dim_id: str) -> str:
        return f"{dim_id} {dim_names[dim_id]}"

    def reason(r: IndicatorResult) -> str:
        text = clean_reason(pick(r, "reason", lang), r.id)
        return text if zh else text[:1].upper() + text[1:]

    ref_ok = bench is not None and bench.of > 1
    ref_cov = f"{bench.reference_coverage * 100:.0f}" if ref_ok else "0"
    n_low = sum(1 for row in bench.table if row.low_coverage and not row.is_subject) if ref_ok else 0
    ref_low = ref_ok and (bench.reference_coverage < LOW_COVERAGE or n_low > 0)

    # --- cover, metadata, contents -----------------------------------------------------------------
    title = cat("title", city=city)
    cover = {
        "title": title,
        "kind": cat["kind_review"] if rev else cat["kind_self"],
        "rows": [
            (cat["cover_city"], city),
            (cat["cover_period"], period),
            (cat["cover_framework"], framework_full),
            (cat["cover_body"], body_shown),
            (cat["cover_date"], format_date(report_date, cat)),
            (cat["cover_number"], number),
        ],
        "sha256": sha,
        "body": body_shown,
        "date": format_date(report_date, cat),
        "number": number,
    }
    meta = {
        "title": title,
        "author": body_text,
        "subject": cat("subject", city=city, period=period, framework=framework_name),
        "keywords": cat("keywords", city=city, framework=framework_name),
        "generator": cat("generator", version=result.provenance.version),
        "created": report_date or "",
        "lang": "zh-CN" if zh else "en",
    }
    toc = [(sid, cat[key]) for sid, key in (
        ("sec-basis", "sec_basis"), ("sec-profile", "sec_profile"), ("sec-results", "sec_results"),
        ("sec-strengths", "sec_strengths"), ("sec-problems", "sec_problems"),
        ("sec-recommendations", "sec_recommendations"), ("sec-conclusion", "sec_conclusion"),
        ("app-scores", "app_scores"), ("app-benchmark", "app_benchmark"),
        ("app-coverage", "app_coverage"), ("app-signatures", "app_signatures"))]

    # --- 一 basis and process ----------------------------------------------------------------------
    docs = {d for i in fw.indicators() for d in i.source.documents}
    survey_items = [cat("basis_survey_item", indicator=ind_label(s.indicator) if s.indicator in inds else s.indicator,
                        min=num(s.min)) for s in fw.recognition.survey]
    basis_paras = [
        cat("basis_framework", framework=framework_full, dims=len(fw.dimensions), inds=len(fw_inds),
            points=num(fw.total_points)),
        fw.description.get(lang),
        cat("basis_sources", docs=len(docs)),
        cat("basis_recognition", total_min=num(fw.recognition.total_min), floor=floor_pct,
            deferred_min=num(fw.recognition.deferred_min)),
    ]
    if survey_items:
        basis_paras.append(cat("basis_survey_rule", items=sep.join(survey_items)))
    if fw.recognition.vetoes:
        basis_paras.append(cat("basis_vetoes", items=sep.join(v.name.get(lang) for v in fw.recognition.vetoes)))

    evidence_all = [e for r in result.indicators for e in r.evidence]
    policy_docs: list[str] = []
    for e in list(assessment.strategy.evidence) + [e for r in result.indicators
                                                   if r.dimension in ("A", "B") for e in r.evidence]:
        if e not in policy_docs:
            policy_docs.append(e)
    materials = {
        "text": cat("basis_materials", body=body_shown, file=file_name or "—", answered=result.answered,
                    evidence=len(evidence_all)),
        "policy": policy_docs[:12],
    }

    methods = [cat("method_self", body=body_shown)]
    process = rev["process"] if rev else {}
    if rev:
        if process.get("material_review"):
            detail = "" if process["material_review"] is True else _process_value("material_review", process["material_review"], cat)
            methods.append(cat("method_material", detail=detail).strip())
        if process.get("site_visits"):
            methods.append(cat("method_site", detail=_process_value("site_visits", process["site_visits"], cat)))
        if process.get("symposia"):
            methods.append(cat("method_symposia", detail=_process_value("symposia", process["symposia"], cat)))
        if process.get("survey"):
            methods.append(cat("method_survey", detail=_process_value("survey", process["survey"], cat)))
    survey_inds = [i for i in fw.indicators() if i.evidence == ["survey"] and inds[i.id].state == "answered"]
    if survey_inds and not (rev and process.get("survey")):
        ev = [e for i in survey_inds for e in inds[i.id].evidence]
        ev = list(dict.fromkeys(ev))
        methods.append(cat("method_survey_self", indicators=cat["and_sep"].join(ind_label(i.id) for i in survey_inds),
                           city=city, evidence=sep.join(ev) or cat["not_given"]))
    if rev and rev["panel"]:
        methods.append(cat("method_panel", n=len(rev["panel"])))
    if not rev:
        methods.append(cat["method_pending"])
    basis = {"paras": basis_paras, "materials": materials, "methods": methods,
             "process": process_rows(process, cat) if rev else []}

    # --- 二 profile --------------------------------------------------------------------------------
    c = assessment.city
    profile_rows: list[tuple[str, str]] = [(cat["profile_name"], city),
                                           (cat["profile_level"], cat[f"level_{c.level}"])]
    if c.parent:
        profile_rows.append((cat["profile_parent"], c.parent))
    if c.province:
        profile_rows.append((cat["profile_province"], c.province))
    if c.region:
        profile_rows.append((cat["profile_region"], cat[f"region_{c.region}"]))
    if c.population:
        shown = qty(num(round(c.population / 10000, 1)), cat["unit_wan_people"], lang) if zh \
            else qty(num(c.population), cat["unit_people"], lang)
        profile_rows.append((cat["profile_population"], shown))
    if c.population_60plus:
        profile_rows.append((cat["profile_population_60plus"], qty(num(c.population_60plus), cat["unit_people"], lang)))
    if c.employed:
        profile_rows.append((cat["profile_employed"], qty(num(c.employed), cat["unit_people"], lang)))
    if c.streets:
        profile_rows.append((cat["profile_streets"], qty(num(c.streets), cat["unit_count"], lang)))
    if c.communities:
        profile_rows.append((cat["profile_communities"], qty(num(c.communities), cat["unit_count"], lang)))
    if c.area_km2:
        profile_rows.append((cat["profile_area"], qty(num(c.area_km2), cat["unit_km2"], lang)))
    if c.gdp_per_capita:
        profile_rows.append((cat["profile_gdp"], qty(num(c.gdp_per_capita), cat["unit_yuan"], lang)))
    if c.population and c.area_km2:
        profile_rows.append((cat["profile_density"], qty(num(round(c.population / c.area_km2)), cat["unit_per_km2"], lang)))
    if c.population and c.population_60plus:
        profile_rows.append((cat["profile_share_60"], f"{c.population_60plus / c.population * 100:.1f}%"))
    if c.reference_year:
        profile_rows.append((cat["profile_year"], str(c.reference_year)))
    derived = []
    for i in fw.indicators():
        r = inds[i.id]
        if getattr(i.answer, "derive", None) is not None and r.state == "answered" and r.figure is not None:
            derived.append({"id": i.id, "name": i.name.get(lang),
                            "reported": qty(num(r.value), i.answer.unit.get(lang), lang),
                            "derived": value_text(i, r, cat, lang)})
    strategy_labels = [cat[f"strategy_{s}"] for s in assessment.strategy.leads_with]
    strategy = {
        "text": cat("strategy_text", city=city, items=cat["and_sep"].join(strategy_labels)) if strategy_labels
        else cat("strategy_none", city=city),
        "evidence": cat("strategy_evidence", items=sep.join(assessment.strategy.evidence))
        if assessment.strategy.evidence else "",
    }
    profile = {
        "intro": cat("profile_intro", city=city, year=c.reference_year) if c.reference_year
        else cat("profile_intro_noyear", city=city),
        "pairs": [profile_rows[i:i + 2] for i in range(0, len(profile_rows), 2)],
        "derived": derived,
        "sources": [f"{k}{cat['colon']}{v}" for k, v in c.sources.items()],
        "strategy": strategy,
    }

    # --- 三 results --------------------------------------------------------------------------------
    dbench = {d.id: d for d in bench.dimensions} if ref_ok else {}
    below = [d for d in result.dimensions if d.floor_met is False]
    met = [d for d in result.dimensions if d.floor_met]
    summary = cat("results_summary", city=city, total=f"{result.total:.1f}", max=num(result.max_total),
                  grade=pick(result.grade, "name", lang), dims=len(result.dimensions), met=len(met), floor=floor_pct)
    if below:
        summary += cat["gap"] + cat("results_below", dims=sep.join(dim_label(d.id) for d in below))
    dim_rows = []
    dim_sections = []
    for n, d in enumerate(result.dimensions, 1):
        db = dbench.get(d.id)
        floor_state = cat["floor_na"] if d.floor_met is None else (cat["floor_met"] if d.floor_met else cat["floor_not_met"])
        dim_rows.append({
            "no": n, "id": d.id, "name": dim_names[d.id], "points": num(d.points), "score": pts(d.score),
            "share": pct(d.share), "median": pct(db.median_share) if db else "—",
            "best": pct(db.best_share) if db else "—", "floor": floor_state, "below": d.floor_met is False,
        })
        items = []
        for ind_id in d.indicators:
            r = inds[ind_id]
            i = fw_inds[ind_id]
            if r.state == "not_applicable":
                items.append({"text": cat("na_item", name=ind_label(ind_id)), "note": r.note or ""})
            elif r.state == "answered" and (r.share or 0) > 0:
                items.append({"text": f"{ind_label(ind_id)}{cat['colon']}{value_text(i, r, cat, lang)}"
                                      + paren(f"{pts(r.score)}/{num(round(r.max, 2))}", lang),
                              "note": r.note or ""})
        bench_line = ""
        if db:
            if db.best_share > 0 and db.best_city:
                best_city = db.best_city_name_zh if zh else db.best_city_name
                bench_line = cat("dim_bench", median=pct(db.median_share), best=pct(db.best_share), city=best_city)
            else:
                bench_line = cat("dim_bench_nobest", median=pct(db.median_share), best=pct(db.best_share))
        dim_sections.append({
            "num": cat["subnums"][n - 1] if n <= len(cat["subnums"]) else f"{n}.",
            "id": d.id, "name": dim_names[d.id],
            "line": cat("dim_line", score=pts(d.score), max=num(round(d.max, 2)), share=pct(d.share),
                        floor_state=floor_state),
            "bench": bench_line, "items": items, "below": d.floor_met is False,
        })
    # Chinese dimension names fit the charts; English ones are too long, so English charts show the
    # letters and a note points at the table that names them (no label is ever cut short).
    axes = [f"{d.id} {dim_names[d.id]}" if zh else d.id for d in result.dimensions]
    series = [(city, [d.share for d in result.dimensions])]
    if ref_ok:
        series.append((cat["series_median"], [dbench[d.id].median_share for d in result.dimensions]))
        series.append((cat["series_best"], [dbench[d.id].best_share for d in result.dimensions]))
    radar = radar_svg(axes, series, title=cat["chart_radar_title" if ref_ok else "chart_radar_title_alone"],
                      size=520 if zh else 340, no_data_text=cat["no_data"])
    bars = bar_svg(axes, [None if d.share is None else d.share * 100 for d in result.dimensions],
                   title=cat("chart_bar_title", floor=floor_pct), max_value=100, unit="%",
                   highlight_below=floor * 100, width=600 if zh else 520, no_data_text=cat["no_data"])
    results = {
        "summary": summary,
        "rows": dim_rows,
        "total": {"points": num(result.max_total), "score": f"{result.total:.1f}"},
        "radar": Markup(radar),
        "radar_caption": f"{cat('figure_fmt', n=1)} {cat('chart_radar_caption' if ref_ok else 'chart_radar_caption_alone', city=city)}",
        "bars": Markup(bars),
        "bars_caption": f"{cat('figure_fmt', n=2)} {cat('chart_bar_caption', floor=floor_pct)}",
        "letters_note": cat["chart_letters_note"],
        "ref_note": (cat("ref_caveat", cov=ref_cov) if ref_low else "") if ref_ok else cat("ref_unavailable", unit=unit),
        "dims": dim_sections,
        "trend": trend_block(trend, cat, lang, city, fw) if trend is not None else None,
    }

    # --- 四 strengths ------------------------------------------------------------------------------
    answered = [r for r in result.indicators if r.state == "answered"]
    order = {r.id: k for k, r in enumerate(result.indicators)}
    strong = sorted([r for r in answered if (r.share or 0) + 1e-9 >= STRONG],
                    key=lambda r: (-r.score, -(r.share or 0), order[r.id]))[:STRENGTHS_MAX]
    strengths_intro = cat("strengths_intro", min=num(STRONG * 100), city=city)
    if not strong:
        strong = sorted([r for r in answered if (r.share or 0) > 0],
                        key=lambda r: (-(r.share or 0), -r.score, order[r.id]))[:3]
        strengths_intro = cat("strengths_fallback", min=num(STRONG * 100)) if strong else cat["strengths_nothing"]
    strong_dims = [d for d in result.dimensions if d.share is not None and d.share + 1e-9 >= STRONG]
    path = result.pathway
    pathway_feature = ""
    if path and path.type not in ("unclassified",) and path.leading:
        lead_ids = [path.leading] if path.type != "mixed" else [p for p in (path.leading, path.runner_up) if p]
        sigs = [pick(s, "label", lang) for s in path.signals if s.pathway in lead_ids]
        if sigs:
            pathway_feature = cat("strengths_pathway", city=city, name=pick(path, "name", lang),
                                  signals=sep.join(sigs))
    strengths = {
        "intro": strengths_intro,
        "items": [{"ind": ind_label(r.id), "value": value_text(fw_inds[r.id], r, cat, lang),
                   "score": paren(f"{pts(r.score)}/{num(round(r.max, 2))}", lang), "note": r.note or ""} for r in strong],
        "dims": cat("strengths_dims", min=num(STRONG * 100), dims=sep.join(dim_label(d.id) for d in strong_dims))
        if strong_dims else "",
        "pathway": pathway_feature,
        "panel": rev["findings"]["strengths"] if rev else [],
    }

    # --- 五 problems -------------------------------------------------------------------------------
    veto_names = {v.id: v.name.get(lang) for v in fw.recognition.vetoes}
    vetoes = [cat("problems_veto", name=veto_names.get(v, v)) for v in result.vetoes]
    floors = []
    for d in below:
        losers = sorted((inds[i] for i in d.indicators if inds[i].state != "not_applicable"),
                        key=lambda r: (-(r.max - r.score), order[r.id]))
        losers = [r for r in losers if r.max - r.score > 0.005][:3]
        floors.append(cat("problems_floor", dim=dim_label(d.id), share=pct(d.share), floor=floor_pct,
                          inds=sep.join(cat("lost_fmt", ind=ind_label(r.id), lost=pts(r.max - r.score)) for r in losers)))
    survey = []
    for s in fw.recognition.survey:
        r = inds.get(s.indicator)
        if r is None or r.state == "not_applicable":
            continue
        if r.state != "answered" or r.figure is None:
            survey.append(cat("problems_survey_nodata", ind=ind_label(r.id), min=num(s.min)))
        elif r.figure + 1e-9 < s.min:
            survey.append(cat("problems_survey", ind=ind_label(r.id), figure=num(r.figure), min=num(s.min)))
    low = [{"text": cat("problems_low", ind=ind_label(r.id), score=pts(r.score), max=num(round(r.max, 2)),
                        share=pct(r.share), reason=reason(r)), "note": r.note or ""}
           for r in answered if (r.share or 0) + 1e-9 < weak]
    gaps = [cat("problems_unknown" if r.state == "unknown" else "problems_missing", ind=ind_label(r.id),
                max=num(round(r.max, 2)))
            for r in result.indicators if r.state in ("unknown", "missing")]
    problem_groups = [(cat["problems_h_veto"], [{"text": t, "note": ""} for t in vetoes]),
                      (cat["problems_h_floor"], [{"text": t, "note": ""} for t in floors]),
                      (cat["problems_h_survey"], [{"text": t, "note": ""} for t in survey]),
                      (cat["problems_h_low"], low),
                      (cat["problems_h_data"], [{"text": t, "note": ""} for t in gaps])]
    if rev and rev["findings"]["problems"]:
        problem_groups.append((cat["problems_h_panel"], [{"text": t, "note": ""} for t in rev["findings"]["problems"]]))
    problem_groups = [(h, items) for h, items in problem_groups if items]
    problems = {
        "intro": cat["problems_intro"] if problem_groups else cat("problems_none", floor=floor_pct),
        "groups": [{"num": cat["subnums"][k], "title": h, "items": items} for k, (h, items) in enumerate(problem_groups)],
    }

    # --- 六 recommendations ------------------------------------------------------------------------
    weak_inds = [r for r in result.indicators
                 if r.state in ("unknown", "missing") or (r.state == "answered" and (r.share or 0) + 1e-9 < weak)]
    weak_inds.sort(key=lambda r: (-(r.max - r.score), order[r.id]))
    shown_models: set[tuple[str, str]] = set()
    recs = []
    for r in weak_inds:
        i = fw_inds[r.id]
        models = []
        for ex in i.exemplars:
            if ex.city == result.city.id or ex.city not in REFERENCE_CITIES:
                continue
            zh_name, en_name = REFERENCE_CITIES[ex.city]
            models.append(cat("rec_model", city=zh_name if zh else en_name, practice=ex.practice.get(lang)))
            shown_models.add((ex.city, r.id))
            if len(models) == 2:
                break
        recs.append({"ind": ind_label(r.id), "dim": dim_label(r.dimension), "lost": pts(r.max - r.score),
                     "advice": i.advice.get(lang), "models": models})
    weak_dims = []
    if bench is not None:
        for w in bench.weakest:
            practices = [cat("rec_model", city=e.name_zh if zh else e.name, practice=e.practice_zh if zh else e.practice)
                         for e in w.exemplars if (e.city, e.indicator) not in shown_models]
            if practices and w.share is not None and w.share + 1e-9 < 1:
                weak_dims.append({"title": cat("recs_dim", dim=dim_label(w.id), share=pct(w.share)),
                                  "models": practices})
    outcome = result.recognition.outcome
    recommendations = {
        "intro": cat["recs_intro"] if recs else cat("recs_none", floor=floor_pct),
        "items": recs,
        "dims": weak_dims,
        "closing": cat(f"recs_deadline_{outcome}", city=city),
        "panel": rev["findings"]["recommendations"] if rev else [],
    }

    # --- 七 conclusion -----------------------------------------------------------------------------
    pnames = pathway_names(fw, lang)
    pathway_block: dict[str, Any] = {"text": "", "signals": []}
    if path:
        descriptions = {t.id: t.description.get(lang) for t in (fw.pathways.types if fw.pathways else [])}
        if path.type == "unclassified":
            pathway_block["text"] = cat["concl_pathway_none"]
        elif path.type == "mixed":
            pathway_block["text"] = cat("concl_pathway_mixed", city=city, a=pnames.get(path.leading or "", ""),
                                        b=pnames.get(path.runner_up or "", ""),
                                        margin=num(round((fw.pathways.mixed_margin if fw.pathways else 0) * 100, 1)))
            pathway_block["signals"] = [pick(s, "label", lang) for s in path.signals
                                        if s.pathway in (path.leading, path.runner_up)]
        else:
            pathway_block["text"] = cat("concl_pathway", city=city, name=pick(path, "name", lang),
                                        score=f"{path.confidence * 100:.0f}", description=descriptions.get(path.type, ""))
            pathway_block["signals"] = [pick(s, "label", lang) for s in path.signals if s.pathway == path.type]
    bench_block: dict[str, Any] = {"available": ref_ok}
    if ref_ok:
        bench_block["rank"] = cat("concl_rank", city=city, rank=bench.rank, of=bench.of)
        bench_block["peers"] = cat("concl_peers", peers=sep.join(p.name_zh if zh else p.name for p in bench.peers)) \
            if bench.peers else ""
        bench_block["caveat"] = cat("concl_caveat", cov=ref_cov, n_low=n_low, low=num(LOW_COVERAGE * 100)) if ref_low else ""
    else:
        bench_block["text"] = cat["concl_bench_unavailable"]
    conclusion = {
        "total": cat("concl_total", city=city, total=f"{result.total:.1f}", grade=pick(result.grade, "name", lang),
                     decision=pick(result.recognition, "name", lang)),
        "outcome": outcome,
        "reasons": list(result.recognition.reasons_zh if zh else result.recognition.reasons),
        "pathway": pathway_block,
        "bench": bench_block,
        "confidence": cat("concl_confidence", cov=f"{result.coverage * 100:.0f}", conf=f"{result.confidence:.2f}"),
        "self_note": "" if rev else cat["concl_self_note"],
        "panel": rev["findings"]["conclusion"] if rev else [],
        "disagreements": disagreement_lines(result, cat, lang),
        "disagreement_intro": cat("concl_disagree_intro",
                                  pct=num(result.review.disagreement_threshold * 100)) if result.review else "",
    }

    # --- 附件1 indicator score table ----------------------------------------------------------------
    verified = rev["verified"] if rev else {}
    groups = []
    n = 0
    for d in result.dimensions:
        rows = []
        for ind_id in d.indicators:
            n += 1
            r = inds[ind_id]
            i = fw_inds[ind_id]
            v = verified.get(ind_id)
            own = r.self_score if reviewed and r.self_score is not None else r.score
            if reviewed:
                flagged = r.flagged
            else:
                flagged = bool(v) and v["score"] is not None and r.max > 0 \
                    and abs(v["score"] - own) > DIFF_FLAG * r.max + 1e-9
            if r.state == "not_applicable":
                score = cat["score_na"]
            else:
                score = pts(own)
            rows.append({
                "no": n, "id": ind_id, "name": i.name.get(lang), "points": num(i.points),
                "adjusted": cat("adjusted_points", max=pts(r.max)) if r.state != "not_applicable" and abs(r.max - r.points) > 1e-9 else "",
                "rule": rule_text(i, cat, lang), "score": score,
                "verified": pts(v["score"]) if v and v["score"] is not None else "", "flag": flagged,
                "verified_reason": v["reason"] if v else "",
                "basis": reason(r), "evidence": sep.join(r.evidence), "state": r.state,
            })
        groups.append({"id": d.id, "name": dim_names[d.id], "score": paren(f"{pts(d.score)}/{num(d.points)}", lang),
                       "rows": rows})
    scores_table = {
        "intro": cat("app_scores_intro", framework=framework_full),
        "review_intro": cat("app_scores_review_intro", pct=num(DIFF_FLAG * 100)) if rev and verified else "",
        "groups": groups,
        "with_verified": bool(rev and verified),
        "total": {"points": num(fw.total_points),
                  "score": f"{result.self_assessed.total:.2f}" if reviewed else f"{result.total:.2f}",
                  "verified": f"{result.total:.2f}" if reviewed else ""},
    }

    # --- 附件2 benchmark ----------------------------------------------------------------------------
    bench_table: dict[str, Any] = {"available": ref_ok,
                                   "intro": cat("app_benchmark_intro", low=num(LOW_COVERAGE * 100), cov=ref_cov),
                                   "th_city_share": cat("th_city_share", unit=unit)}
    if ref_ok:
        bench_table["rows"] = [{
            "rank": row.rank,
            "city": (row.name_zh if zh else row.name) if not row.is_subject else city,
            "subject": row.is_subject, "total": f"{row.total:.1f}", "grade": row.grade_zh if zh else row.grade,
            "pathway": pnames.get(row.pathway, row.pathway),
            "table3": pnames.get(row.pathway_table3, row.pathway_table3) if row.pathway_table3 else "—",
            "coverage": pct(row.coverage), "low": row.low_coverage,
        } for row in bench.table]
        bench_table["dims"] = [{
            "id": db.id, "name": dim_names[db.id], "share": pct(db.share), "rank": f"{db.rank}/{db.of}",
            "median": pct(db.median_share), "best": pct(db.best_share),
            "best_city": (db.best_city_name_zh if zh else db.best_city_name) if db.best_share > 0 else "—",
        } for db in bench.dimensions]
    else:
        bench_table["text"] = cat["concl_bench_unavailable"]

    # --- 附件3 coverage -----------------------------------------------------------------------------
    na_list = [ind_label(r.id) + (f"{cat['colon']}{r.note}" if r.note else "")
               for r in result.indicators if r.state == "not_applicable"]
    gap_list = [f"{ind_label(r.id)}（{cat['state_' + r.state]}）" if zh else f"{ind_label(r.id)} ({cat['state_' + r.state]})"
                for r in result.indicators if r.state in ("unknown", "missing")]
    noev_list = [ind_label(r.id) for r in answered if not r.evidence and not r.verified]
    coverage = {
        "intro": cat["app_coverage_intro"],
        "rows": [(cat["cov_answered"], str(result.answered)), (cat["cov_not_applicable"], str(result.not_applicable)),
                 (cat["cov_unknown"], str(result.unknown)), (cat["cov_missing"], str(result.missing)),
                 (cat["cov_total"], str(len(result.indicators))),
                 (cat["cov_coverage"], f"{result.coverage * 100:.0f}%"),
                 (cat["cov_confidence"], f"{result.confidence:.2f}")],
        "definition": cat["cov_definition"],
        "lists": [(cat["cov_list_na"], na_list or [cat["cov_none"]]),
                  (cat["cov_list_gap"], gap_list or [cat["cov_none"]]),
                  (cat["cov_list_noevidence"], noev_list or [cat["cov_none"]])],
    }

    # --- 附件4 signatures ---------------------------------------------------------------------------
    panel = rev["panel"] if rev else []
    signatures = {
        "intro": cat["app_signatures_intro_review"] if panel else cat["app_signatures_intro_self"],
        "rows": panel or [{"name": "", "affiliation": "", "title": ""} for _ in range(BLANK_SIGNATURES)],
        "blank": not panel,
        "body": body_shown,
        "date": format_date(report_date, cat) if panel else "",
    }

    return {
        "lang": lang,
        "t": cat,
        "meta": meta,
        "inline_css": Markup(inline_css) if inline_css else None,
        "running": {"city": city, "number": number},
        "cover": cover,
        "toc": toc,
        "basis": basis,
        "profile": profile,
        "results": results,
        "strengths": strengths,
        "problems": problems,
        "recommendations": recommendations,
        "conclusion": conclusion,
        "scores": scores_table,
        "bench": bench_table,
        "coverage": coverage,
        "signatures": signatures,
        "review": rev is not None,
    }


def css_string(text: str) -> str:
    """A catalog text as a CSS string literal (for the page footer's generated content)."""
    out = ['"']
    for ch in str(text):
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch in "\n\r\f" or ch == "<" or ord(ch) < 0x20:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


__all__ = ["build_context", "default_number", "rule_text", "format_date", "css_string", "normalise_review"]
