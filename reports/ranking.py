"""The ranking report of a batch (``lcity batch``): every unit of a folder ranked on landscape pages.

Input is the plain, language-neutral dict made by ``lcity.batch_summary.ranking_context`` from the
batch's Results (renderers never recompute a score: totals, shares and labels come from the
Results). Totals and confidence arrive rounded once, as in ``summary.csv`` and ``summary.json``,
and are shown with exactly those decimals (``POINTS``, ``RATIOS``): never rounded a second time;
a total within 0.005 of a line of its framework is shown as the batch printed it (``total_shown``,
84.996 beside 暂缓认定, where 85.00 would read as recognised).
Shares are shown only here, rounded once from the unrounded share: whole percentages, or the
decimals that keep a share under a line it misses (59.6%, 89.9%), as the unit's report prints it.
This module only picks the language, formats numbers and draws the bar chart; the
template is ``templates/ranking.html.j2``, the labels are the ``rk_*`` keys of the catalogs, and
the PDF goes through ``reports.render.render_pdf`` (same fetcher, fonts and reproducibility as the
evaluation report: the same folder gives the same bytes).

Units of different frameworks are ranked separately (``lcity.batch_summary.rank_outcomes``): the
report has one group per framework, each with its own table, chart, recognition line and totals
on its own scale, and the outcomes are counted in the framework's own words (its recognition
outcome labels), never as "demonstration zones" of another framework. A framework that is not
about learning cities titles the ranking by its own name; one whose outcomes are no recognition
(认定) names its column and its dashed line by its own first outcome; and a framework with no
pathway types gets no pathway column.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from .catalog import load_catalog
from .context import format_date

TEMPLATE = "ranking.html.j2"
#: bars per chart: a chart is one SVG and cannot break across pages
BARS_PER_CHART = 36
#: failed files the ranking lists one by one; the rest are counted (all are in summary.csv/json):
#: 10,000 empty files in a folder made the ranking exceed its time limit and be lost
FAILURES_SHOWN = 100
#: decimals of the figures as rounded by the batch (totals in points; confidence)
POINTS = 2
RATIOS = 3


def _pick(d: dict, key: str, lang: str) -> str:
    """d[key + '_zh'] in Chinese, d[key] in English (falling back to the other one)."""
    zh, en = d.get(f"{key}_zh"), d.get(key)
    return (zh or en or "") if lang == "zh" else (en or zh or "")


def _speaks_recognition(fw: dict | None) -> bool:
    """The framework's outcomes are a recognition (认定): its own first outcome says so, as the engine
    and the unit's report decide. Otherwise its line and column are named by its own outcome."""
    label = (((fw or {}).get("outcomes") or {}).get("recognised") or {}).get("zh")
    return fw is None or label is None or "认定" in label


def _about_learning_cities(fw: dict | None) -> bool:
    """The framework evaluates learning cities (its name says so, the rule of the unit's report
    title); another body's index gets a ranking titled by its own name."""
    if fw is None:
        return True
    return "学习型城市" in (fw.get("name_zh") or "") or "learning cit" in (fw.get("name") or "").lower()


def _title(cat, fws: list[dict], parent: str | None, lang: str) -> str:
    """Learning-city frameworks keep the learning-city title; one other framework names itself; a
    batch mixing the two gets a title that belongs to neither."""
    if all(_about_learning_cities(f) for f in fws):
        key, values = "rk_title", {}
    elif len(fws) == 1:
        key, values = "rk_title_own", {"framework": _pick(fws[0], "name", lang)}
    else:
        key, values = "rk_title_any", {}
    return cat(key, parent=parent, **values) if parent else cat(f"{key}_plain", **values)


def _outcome_counts(cat, units: list[dict], fw: dict | None, lang: str) -> str:
    """"<label> n" for each outcome, in the framework's words (its recognition outcome labels)."""
    counts: dict[str, int] = {}  # label -> units, in the order of the outcomes
    # not ratable (coverage below the framework's min_coverage) is counted only when it happens
    extra = ("not_ratable",) if any(u["recognition"] == "not_ratable" for u in units) else ()
    for k in ("recognised", "deferred", "refused", *extra):
        label = ((fw or {}).get("outcomes") or {}).get(k, {}).get(lang) if fw else None
        if not label:  # labels from the units themselves (or the catalog's plain words)
            label = next((_pick(u, "recognition_name", lang) for u in units if u["recognition"] == k), None) \
                or cat[f"rk_outcome_{k}"]
        # two outcomes in the same words are one to the reader: "按星级公布: 4", not "按星级公布: 4;
        # 按星级公布: 0" (a framework that only grades, G15 #8)
        counts[label] = counts.get(label, 0) + sum(1 for u in units if u["recognition"] == k and not _held(u, label, lang))
        for held in (u for u in units if u["recognition"] == k and _held(u, label, lang)):  # after the middle outcome
            name = _pick(held, "recognition_name", lang)
            counts[name] = counts.get(name, 0) + 1
    return cat["list_sep"].join(cat("rk_outcome_count", label=label, n=n) for label, n in counts.items())


def _held(u: dict, label: str, lang: str) -> bool:
    """A unit held at the middle outcome under words of the framework's own (``outcomes.held``): its
    outcome is ``deferred`` but its name is not the middle outcome's. Kingsmere, 'Accreditation on
    hold' in the table, was counted "Accredited with conditions: 2" in the line above it (G26-T6)."""
    name = _pick(u, "recognition_name", lang)
    return u["recognition"] == "deferred" and bool(name) and name != label


def _total(u: dict) -> str:
    """The total as the batch rounded it, with its upper bound when some answers are unknown; near
    a line of the framework as the batch printed it (``total_shown``: 84.996 beside 暂缓认定, where the
    data's 85.00 would read as recognised)."""
    lo, hi = u.get("total_lower"), u.get("total_upper")
    total = u.get("total_shown") or f"{u['total']:.{POINTS}f}"
    upper = u.get("total_upper_shown") or (f"{hi:.{POINTS}f}" if hi is not None else "")
    return total if lo is None or hi is None or hi - lo < 0.005 else f"{total}–{upper}"


def _caterpillars(cat, units: list[dict], lang: str, shown: dict[int, str] | None = None) -> list[Markup]:
    """Each ranked unit's rank interval from the batch's uncertainty analysis (rank_best..rank_worst,
    the dot at its rank as scored), by rank; none when the batch has no analysis. ``shown``: each
    unit's name as the table prints it (id of the unit -> name), its period beside a name two rows share."""
    shown = shown or {}
    from .charts_uncertainty import caterpillar_svg

    ranked = [u for u in units if u.get("rank") is not None and u.get("rank_best") is not None]
    out = []
    for start in range(0, len(ranked), BARS_PER_CHART):
        chunk = ranked[start:start + BARS_PER_CHART]
        rows = [(f"{u['rank']}. {shown.get(id(u)) or _pick(u, 'name', lang)}", u["rank_best"], u["rank"], u["rank_worst"])
                for u in chunk]
        title_ = cat["rank_caterpillar_title"] if start == 0 else cat("rk_chart_title_more", first=start + 1,
                                                                          last=start + len(chunk))
        out.append(Markup(caterpillar_svg(rows, len(ranked), title=title_, axis=cat["rank_caterpillar_axis"],
                                          width=640, no_data_text=cat["rk_no_units"])))
    return out


def _share(share: float | None, floor: float, dash: str, places: int = 0) -> str:
    """A unit's share as its own report prints it: whole percents, never on the floor it misses
    (59.6%) nor on the 90% the report's text says it misses (89.9%); with ``places``, the decimals
    of its column (one precision a column: "94.00%" above "89.96%", not "94%")."""
    from evaluator.rounding import shown_dimension_share_at

    return dash if share is None else shown_dimension_share_at(share, floor, places)


def rank_range(u: dict) -> str:
    """"3–4" for a ranked unit whose rank the robustness draws do not settle (rank_best above
    rank_worst, as summary.csv gives them); empty otherwise. The ranking PDF prints it under the
    rank (its table printed 3 and 4 for two units whose intervals both ran 3–4, G16 #5) and
    ``lcity batch`` after the name."""
    best, worst = u.get("rank_best"), u.get("rank_worst")
    if u.get("rank") is None or best is None or worst is None or best == worst:
        return ""
    return f"{best}–{worst}"


def _recognition(cat, u: dict, lang: str) -> str:
    """A unit's outcome as its row prints it: a vetoed one says so. Shimen's '待达标 不予命名' at
    3.19–6.14 read as a low total, where `lcity batch` itself said '一票否决：待达标，不予命名' (G29-T3);
    a veto always decides the outcome, so the mark goes there, whatever decided the grade."""
    name = _pick(u, "recognition_name", lang)
    return cat("rk_vetoed", outcome=name) if u.get("vetoed") else name


def _group(cat, units: list[dict], dims: list[dict], fw: dict | None, lang: str, line, floor: float,
           points: float) -> dict[str, Any]:
    """The table, charts and notes of the units of one framework."""
    from .charts import bar_svg

    # the pathway column only for a framework that has pathway types (its units then carry one)
    pathways = any(u.get("pathway") for u in units)
    recognition = _speaks_recognition(fw)
    from evaluator.rounding import dimension_column_places

    places = [dimension_column_places([u["shares"].get(d["id"]) for u in units], floor) for d in dims]
    from evaluator.benchmark import told_apart

    rows = []
    names = told_apart([_pick(u, "name", lang) for u in units], [u.get("period") for u in units],
                       lambda period: cat("rk_name_period", period=period),  # one unit's two cycles (青石区 twice)
                       [u.get("file") for u in units])  # two towns named 新城区 for one period: their files (G11-11)
    # the charts name a unit as the table does: one unit's two cycles were "1. 海湾街道", "3. 海湾街道" (G15 #9)
    shown = {id(u): name for u, name in zip(units, names)}
    for u, name in zip(units, names):
        rows.append({
            "rank": u["rank"] if u["rank"] is not None else cat["dash"], "name": name,
            "range": rank_range(u), "file": u["file"], "total": _total(u),
            "grade": _pick(u, "grade", lang), "recognition": _recognition(cat, u, lang),
            "outcome": u["recognition"], "pathway": _pick(u, "pathway_name", lang) or cat["dash"],
            "confidence": f"{u['confidence']:.{RATIOS}f}", "reviewed": u["reviewed"],
            "shares": [_share(u["shares"].get(d["id"]), floor, cat["dash"], n) for d, n in zip(dims, places)],
            "low": [u["shares"].get(d["id"]) is not None and u["shares"][d["id"]] + 1e-9 < floor
                    and d["id"] not in u.get("open_floors", ()) for d in dims],
        })
    charts = []
    for start in range(0, len(units), BARS_PER_CHART):
        chunk = units[start:start + BARS_PER_CHART]
        labels = [f"{u['rank'] if u['rank'] is not None else cat['dash']}. {shown[id(u)]}" for u in chunk]
        title_ = cat["rk_chart_title"] if start == 0 else cat("rk_chart_title_more", first=start + 1,
                                                                 last=start + len(chunk))
        # red by outcome, as the caption says: a vetoed or floor-failed unit above the line is not recognised
        red = [u["recognition"] != "recognised" for u in chunk]
        charts.append(Markup(bar_svg(labels, [u["total"] for u in chunk], title=title_, max_value=points, unit="",
                                     decimals=2, texts=[u.get("total_shown") for u in chunk], highlight_below=line, width=640, no_data_text=cat["rk_no_units"],
                                     red=red)))
    return {
        "caterpillars": _caterpillars(cat, units, lang, shown),
        "heading": cat("rk_group_heading", framework=_pick(fw, "name", lang), ref=fw["ref"], n=len(units)) if fw else "",
        "outcomes": _outcome_counts(cat, units, fw, lang),
        "dims": [{"id": d["id"], "name": _pick(d, "name", lang)} for d in dims],
        "rows": rows,
        "pathways": pathways,
        "th_recognition": cat["rk_th_recognition" if recognition else "rk_th_recognition_plain"],
        "charts": charts,
        "chart_note": _chart_note(cat, fw, line, recognition, lang),
        # the rank intervals draw no survey error for a framework whose indicators name no survey
        "caterpillar_caption": cat["rank_caterpillar_caption"
                                   + ("_nosurvey" if fw is not None and fw.get("surveys", True) is False else "")],
        # no floor, no "below the 0% floor" (G15, as aldmark #7 in the report)
        "note_shares": (cat("rk_note_shares", floor=f"{floor * 100:.0f}") if floor > 0 else cat["rk_note_shares_nofloor"])
        + (cat["rk_note_shares_open"] if floor > 0 and any(u.get("open_floors") for u in units) else "")
        + (cat["bm_rk_note_bounds"] if any("–" in _total(u) for u in units) else "")
        + (cat["bm_rk_note_not_ratable"] if any(u.get("ratable") is False for u in units) else ""),
    }


def _one_year(period: str) -> str:
    start, dash, end = str(period).partition("–")
    return start if dash and start == end else str(period)


def _chart_note(cat, fw: dict | None, line, recognition: bool, lang: str) -> str:
    """What the dashed line is: China's recognition line, or what another framework's first outcome needs."""
    if line is None:
        return ""
    veto = "" if fw is None or fw.get("vetoes", True) else "_noveto"  # no "a veto" among the reasons for red
    if line <= 0 and fw is not None:  # only grades: no line to speak of, "the 0 points needed" (G15 #4)
        return cat("rk_chart_note_noline" + veto, outcome=fw["outcomes"]["recognised"].get(lang))
    # no "a dimension below its floor" in a framework that sets none (G22-T2)
    veto = ("_nofloor" if fw is not None and not fw.get("floor", 1) else "") + veto
    if recognition:
        return cat("rk_chart_note" + veto, line=f"{line:g}")
    return cat("rk_chart_note_plain" + veto, line=f"{line:g}", outcome=fw["outcomes"]["recognised"].get(lang))


def _framework_names(cat, fws: list[dict], lang: str) -> list[str]:
    """Each framework's name, with its version where two frameworks of the batch share a name
    (versions 1 and 2 of China's framework): "…（第1版）；…（第2版）", never one name twice."""
    names = [_pick(f, "name", lang) for f in fws]
    out = []
    for fw, name in zip(fws, names):
        version = fw.get("version") or str(fw.get("ref", "")).partition("@")[2]
        out.append(cat("rk_fw_version", name=name, version=version) if names.count(name) > 1 and version else name)
    return out


def _parent(units: list[dict[str, Any]], lang: str) -> str | None:
    """The one parent city every unit names, in the ranking's language: its English name in an
    English ranking (``parent_en``); a Chinese name only in a Chinese one, else no parent in the title."""
    zh_names = {u.get("parent") for u in units}
    if lang == "zh":
        return next(iter(zh_names)) if len(zh_names) == 1 else None
    en_names = {u.get("parent_en") or (u.get("parent") if u.get("parent") and u["parent"].isascii() else None)
                for u in units}
    return next(iter(en_names)) if len(en_names) == 1 else None


def build_ranking_context(data: dict[str, Any], lang: str = "zh") -> dict[str, Any]:
    """The template context: every text already in the report's language.

    ``groups`` holds one entry per framework (one in a batch of a single framework); the keys
    ``rows``, ``dims``, ``charts``, ``chart_note`` and ``note_shares`` are those of the first group."""
    cat = load_catalog(lang)
    units = data["units"]
    parent = _parent(units, lang)
    fws = data["frameworks"]
    title = _title(cat, fws, parent, lang)
    fw_names = _framework_names(cat, fws, lang)
    framework = cat["list_sep"].join(fw_names) or cat["not_given"]
    # a one-year period is its year ("2025", not "2025–2025"), as cities and benchmark print it
    periods = sorted({_one_year(u["period"]) for u in units if u.get("period")})

    groups = []
    if len(fws) > 1:
        for fw in fws:
            members = [u for u in units if u.get("framework") == fw["ref"]]
            groups.append(_group(cat, members, fw.get("dimensions") or [], fw, lang, fw.get("line"),
                                 fw.get("floor", 0.0), fw.get("points", 100.0)))
    else:
        fw = fws[0] if fws else None
        groups.append(_group(cat, units, data["dimensions"], fw, lang, data.get("recognition_line"),
                             data.get("floor", 0.0), (fw or {}).get("points", 100.0)))
        groups[0]["heading"] = ""
    if len(groups) > 1:
        outcomes = cat["rk_group_sep"].join(f"{name}{cat['colon']}{g['outcomes']}"
                                           for name, g in zip(fw_names, groups))
    else:
        outcomes = groups[0]["outcomes"]
    status = {"invalid": cat["rk_status_invalid"], "timeout": cat["rk_status_timeout"], "error": cat["rk_status_error"]}
    first = groups[0]
    return {
        "lang": lang,
        "html_lang": "zh-CN" if lang == "zh" else "en",
        "t": cat,
        "title": title,
        # no unit scored: no framework, period or date read from any, so none is said to be '未填写' (G31H-7)
        "subtitle": cat("rk_subtitle", framework=framework, n=len(units),
                        periods=cat["list_sep"].join(periods) or cat["not_given"]) if units else cat["rk_subtitle_none"],
        "date": format_date(data.get("date"), cat) if units or data.get("date") else "",
        "summary": cat("rk_summary", outcomes=outcomes, failed=len(data["failures"]), files=data["files"]),
        "groups": groups,
        "separate": cat["rk_note_separate"] if len(groups) > 1 else "",
        "levels": _levels_notes(cat, data.get("mixed_levels") or [], fws, fw_names, lang),
        "dims": first["dims"],
        "rows": first["rows"],
        "any_reviewed": any(u["reviewed"] for u in units),
        "any_range": any(rank_range(u) for u in units),
        "note_reviewed": cat["rk_note_reviewed" if all(_speaks_recognition(f) for f in fws)
                             else "rk_note_reviewed_plain"],
        "charts": first["charts"],
        "chart_note": first["chart_note"],
        "note_shares": first["note_shares"],
        "failures": [{"file": f["file"], "status": status.get(f["status"], f["status"]),
                      "error": f.get("error_zh") or f["error"] if lang == "zh" else f["error"]}
                     for f in data["failures"][:FAILURES_SHOWN]],
        "failures_more": cat("rk_failures_more", n=f"{len(data['failures']) - FAILURES_SHOWN:,}")
        if len(data["failures"]) > FAILURES_SHOWN else "",
        "generator": cat("generator", version=data.get("version", "")),
    }


def _levels_notes(cat, mixed: list[dict], fws: list[dict], fw_names: list[str], lang: str) -> list[str]:
    """The note on a ranking that puts units of different levels together (a city among districts,
    G19-B9), as ``lcity batch`` says it on the terminal and summary.xlsx in its notes: by the table,
    where the ranks are read; naming the framework only where the batch ranks several."""
    names = {fw["ref"]: name for fw, name in zip(fws, fw_names)}
    sep = "、" if lang == "zh" else ", "
    out = []
    for m in mixed:
        levels = sep.join(m["levels_zh"] if lang == "zh" else m["levels"])
        out.append(cat("rk_note_levels_fw", framework=names.get(m["ref"], m["ref"]), levels=levels)
                   if len(fws) > 1 else cat("rk_note_levels", levels=levels))
    return out


def ranking_html(data: dict[str, Any], lang: str = "zh") -> str:
    from .render import environment

    return environment().get_template(TEMPLATE).render(**build_ranking_context(data, lang))


def ranking_pdf(data: dict[str, Any], lang: str = "zh", *, fetcher=None) -> bytes:
    """The ranking report as PDF bytes; its creation date is the latest assessment date of the batch."""
    from .render import render_pdf

    # the template carries its own (landscape) styles: the evaluation report's stylesheet is not used
    return render_pdf(ranking_html(data, lang), created=data.get("date"), fetcher=fetcher, stylesheet="")
