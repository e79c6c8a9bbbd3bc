"""Section 三: the scores by dimension, with the radar and bar charts and, if given, the trend."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from evaluator.benchmark import DOCUMENTED, DimensionBench
from evaluator.result import DimensionResult
from evaluator.rules import num

from .catalog import Catalog
from .context_facts import Facts
from .context_format import dim_pct, dim_pts, paren, pct, pct_below, pick, pts
from .context_indicators import value_text
from .context_trend import trend_block


def results(f: Facts) -> dict[str, Any]:
    from reports.charts import bar_svg, radar_svg

    cat, result, city = f.cat, f.result, f.city
    dbench = {d.id: d for d in f.bench.dimensions} if f.ref_ok else {}
    below = [d for d in result.dimensions if d.floor_met is False]
    met = [d for d in result.dimensions if d.floor_met]
    from evaluator.rounding import unrated_upper

    from .context_text import unrated_words

    key = "results_summary_veto" if f.veto_graded else "results_summary" if result.ratable else "results_summary_unrated"
    # a unit not rated: its total is the bounds its unknown answers allow, never a bare figure (G19-A10)
    bounded = unrated_upper(result, f.fw) is not None
    key += "_bounds" if bounded else ""
    key += "_nofloor" if f.floor <= 0 else ""  # no dimension floor: "4 of 4 reach the 0% floor" says nothing
    grade = pick(result.grade, "name", f.lang) if result.ratable else unrated_words(f)["grade"]
    summary = cat(key, city=city, total=f.total_s, max=num(result.max_total), grade=grade,
                  upper=f"{result.total_bounds.upper:.1f}", dims=len(result.dimensions), met=len(met), floor=f.floor_pct)
    from .context_standing import data_dimensions, lacks_data, weak_dimensions, zero_kind

    # below the floor on what was reported, and below it only because unknown answers count as 0
    short = data_dimensions(f)
    if below and len(short) < len(below):
        summary += cat["gap"] + cat("results_below", dims=f.sep.join(f.dim_label(d.id) for d in weak_dimensions(f)))
    if short:
        summary += cat["gap"] + cat("results_below_data" + zero_kind(f, short), dims=f.sep.join(f.dim_label(d.id) for d in short))
    for d in result.dimensions:  # a floor checked on the unit's own work says so where the table shows its share
        own = _own_floor(f, d)
        if own is not None:
            summary += cat["gap"] + cat("results_floor_own", **own)
    dropped = [d for d in result.dimensions if d.max <= 0]
    if dropped and result.ratable:
        # the table's scores add up to less than the total: say that the rest was scaled, and from what
        kept = [d for d in result.dimensions if d.max > 0]
        summary += cat["gap"] + cat("results_dropped", dims=f.sep.join(f.dim_label(d.id) for d in dropped), city=city,
                                    score=num(round(sum(d.score for d in kept), 2)),
                                    kept=num(round(sum(d.max for d in kept), 2)), max=num(result.max_total),
                                    total=f.total_s)
    if result.total_bounds.upper - result.total_bounds.lower >= 0.05 and not bounded:  # every total with its bounds
        summary += cat["gap"] + cat("bm_bounds", lower=f"{result.total_bounds.lower:.1f}",
                                    upper=f"{result.total_bounds.upper:.1f}")
    if not result.ratable:
        summary += cat["gap"] + cat(f.rk("bm_not_ratable"), cov=f"{result.coverage * 100:.0f}",
                                    need=num(round(f.fw.recognition.min_coverage * 100)))
        from .context_summary import outcome_fixed

        fixed = outcome_fixed(f)  # the missing data could not change the outcome: said beside 不予定级
        if fixed:
            summary += cat["gap"] + fixed
    dim_rows = []
    dim_sections = []
    for n, d in enumerate(result.dimensions, 1):
        db = dbench.get(d.id)
        nodata = lacks_data(f, d)
        floor_state = cat["floor_na"] if d.floor_met is None else (cat["floor_met"] if d.floor_met else cat["floor_not_met"])
        whose = zero_kind(f, [d]) if nodata else ""  # the panel's rejection, not 数据不详 (G20-A3)
        line_state = cat["floor_not_met_data" + whose] if nodata else floor_state
        own = _own_floor(f, d)
        dim_rows.append({
            "no": n, "id": d.id, "name": f.dim_names[d.id], "points": num(d.points), "score": dim_pts(d, f.floor),
            "share": dim_pct(d, f.floor, f.dim_places), "median": cat("bm_median_n", median=pct(db.median_share), n=db.n) if db and db.n else "—",
            "best": pct(db.best_share) if db else "—",
            "floor": cat["floor_data_short" + whose] if nodata else floor_state,
            # the unit on the reference figures' basis (its answered indicators), beside its share as scored
            "known": known_cell(db, d, f.floor, f.lang, f.dim_places) if db else "—",
            "below": d.floor_met is False,
        })
        dim_sections.append({
            "num": cat["subnums"][n - 1] if n <= len(cat["subnums"]) else f"{n}.",
            "id": d.id, "name": f.dim_names[d.id],
            "line": cat("dim_line" if f.floor > 0 else "dim_line_nofloor", score=dim_pts(d, f.floor),
                        max=num(round(d.max, 2)), share=dim_pct(d, f.floor, f.dim_places), floor_state=line_state)
            if own is None else cat("dim_line_own", score=dim_pts(d, f.floor), max=num(round(d.max, 2)),
                                    share=dim_pct(d, f.floor, f.dim_places), floor_state=line_state,
                                    basis=own["basis"], own=own["own"], left=own["left_plain"]),
            "bench": _dim_bench_line(f, db), "items": _dim_items(f, d), "below": d.floor_met is False,
        })
    # Chinese dimension names fit the charts; English ones are too long, so English charts show the
    # letters and a note points at the table that names them (no label is ever cut short).
    axes = [f"{d.id} {f.dim_names[d.id]}" if f.zh else d.id for d in result.dimensions]
    series = [(city, [d.share for d in result.dimensions])]
    if f.ref_ok:
        # only reference units with data in a dimension count; where none has any, the point is hollow (None)
        series.append((cat["bm_series_median"], [dbench[d.id].median_share for d in result.dimensions]))
        series.append((cat["bm_series_best"], [dbench[d.id].best_share for d in result.dimensions]))
        if any(differs(db) for db in dbench.values()):
            # the unit on the basis the reference figures are on (its answered indicators), beside its
            # share as scored: the table prints both, and the chart compared unlike figures
            # only where it answered the part a reference unit must: below it the point would be set
            # beside their median on too little (a county's E at 100 % on 20 % of its points)
            series.append((cat("bm_series_known", city=city),
                           [dbench[d.id].known_share if d.id in dbench and dbench[d.id].comparable else None
                            for d in result.dimensions]))
    from .context_format import radar_drawn

    drawn = radar_drawn(f.fw)
    radar = radar_svg(axes, series, title=cat["chart_radar_title" if f.ref_ok else "chart_radar_title_alone"],
                      size=520 if f.zh else 340, no_data_text=cat["no_data"]) if drawn else ""
    # a dimension below its floor only because unknown answers count as 0 is not drawn red: the table
    # says "数据不详" and 五 that the floor is open (G7 #17: Shiwan's K at 54 % stood red, D-F and I too)
    open_ids = {d.id for d in short}
    red = [d.floor_met is False and d.id not in open_ids for d in result.dimensions] if open_ids and f.floor > 0 else None
    if red is None and f.floor > 0 and any(d.floor_excludes for d in result.dimensions):
        # a share under the line whose floor, checked on the unit's own work, is met: red only where it is not
        red = [d.floor_met is False for d in result.dimensions]
    bars = bar_svg(axes, [None if d.share is None else d.share * 100 for d in result.dimensions], red=red,
                   title=cat("chart_bar_title" if f.floor > 0 else "chart_bar_title_nofloor", floor=f.floor_pct),
                   max_value=100, unit="%", highlight_below=f.floor * 100 if f.floor > 0 else None, width=600 if f.zh else 520, no_data_text=cat["no_data"],
                   decimals=0,  # whole percents, as the table beside it prints them
                   texts=[None if d.share is None else dim_pct(d, f.floor, f.dim_places) for d in result.dimensions])
    radar_caption = cat("bm_radar_caption" if f.ref_ok else "chart_radar_caption_alone", city=city)
    return {"results": {
        "summary": summary,
        "rows": dim_rows,
        # the reference median and best columns only where there are reference units to compare with
        "ref_cols": f.ref_ok,
        # no "Floor: met" column where the framework sets no floor (dimension_floor: 0, G10: Hollin)
        "floor_col": f.floor > 0,
        # the unit's share on its answered indicators, only where it has unknown answers beside answered
        # ones somewhere (else it is the share column): the basis the median and best are on
        "known_col": f.ref_ok and any(differs(db) for db in dbench.values()),
        "th_known": cat["bm_th_known_short"],
        "total": {"points": num(result.max_total), "score": f.total_s},
        "rounding_note": "" if dropped else rounding_note(f, [r["score"] for r in dim_rows], f.total_s),
        "radar": Markup(radar) if drawn else None,
        "radar_caption": f"{cat('figure_fmt', n=1)} {radar_caption}",
        "bars": Markup(bars),
        "bars_caption": f"{cat('figure_fmt', n=2 if drawn else 1)} "
                        f"{cat(('chart_bar_caption_open' if open_ids else 'chart_bar_caption') if f.floor > 0 else 'chart_bar_caption_nofloor', floor=f.floor_pct)}",
        "letters_note": "" if f.zh else _ids_note(cat, [d.id for d in result.dimensions]),
        "ref_note": _ref_note(f, any(differs(db) for db in dbench.values())),
        "dims": dim_sections,
        "trend": trend_block(f.trend, cat, f.lang, city, f.fw) if f.trend is not None else None,
    }}


def rounding_note(f: Facts, shown: list[str], total: str, key: str = "results_rounding_note") -> str:
    """Under a table whose rounded rows do not add up to the total printed below them, what each is:
    Shiwan's dimension rows add up to 84.97, its 合计 reads 84.96, a hundredth from the recognition line
    the panel chair is checking (G27R-7). '' when they agree or a row is no figure."""
    from decimal import Decimal, InvalidOperation

    if not shown:
        return ""
    try:
        added, printed = sum(Decimal(s) for s in shown), Decimal(total)
    except (InvalidOperation, TypeError):
        return ""
    # at the total's own places: rows of 8.47 and 7.74 under a total of "86.8" are one figure rounded twice
    if added.quantize(printed, rounding="ROUND_HALF_UP") == printed:
        return ""
    places = max(len(s.partition(".")[2]) for s in shown)
    return f.cat(key, places=places, added=f"{added:f}", total=total)


def _ids_note(cat: Catalog, ids: list[str]) -> str:
    """The note under the charts: single-letter ids are "the letters A to L"; a framework whose ids
    are words ("reach-and-access") has them called ids, not letters."""
    key = "chart_letters_note" if all(len(i) == 1 for i in ids) else "chart_ids_note"
    return cat(key, letters=letters(cat, ids))


def letters(cat: Catalog, ids: list[str]) -> str:
    """The dimension ids the charts show, as the note under them names them: a run of consecutive
    letters as a range ("A to L"), any other set listed ("F, B and W")."""
    if len(ids) > 2 and all(len(i) == 1 and i.isalpha() for i in ids) and \
            [ord(i) for i in ids] == list(range(ord(ids[0]), ord(ids[0]) + len(ids))):
        return cat("letters_range", first=ids[0], last=ids[-1])
    if len(ids) < 2:
        return "".join(ids)
    return cat["letters_join"].join(ids[:-1]) + cat["letters_join_last"] + ids[-1]


def _ref_note(f: Facts, known_col: bool) -> str:
    """The note under 三's table: how the reference figures are taken, and, where the table has the
    unit's column on their basis, what that column and the share column each count."""
    if not f.ref_ok:
        return _no_reference_note(f)
    note = f.cat("bm_ref_caveat", cov=f.ref_cov) if f.ref_low else ""
    if known_col:
        note += (f.cat["gap"] if note else "") + f.cat("bm_known_note", unit=f.unit)
        if any(thin(db) for db in f.bench.dimensions):  # the bracketed cells: what the brackets mean
            note += f.cat["gap"] + f.cat("bm_known_thin_note", need=pct(DOCUMENTED))
    return note


def _no_reference_note(f: Facts) -> str:
    """Why the table and the charts show the unit alone: its framework brings no reference units
    (said plainly), or the reference data could not be used."""
    bench = f.bench
    if bench is not None and bench.reference_units == 0 and not bench.skipped:
        return f.cat("ref_none", framework=f.framework_name, unit=f.unit)
    return f.cat("ref_unavailable", unit=f.unit)


def _dim_items(f: Facts, d: DimensionResult) -> list[dict[str, str]]:
    """The indicators of one dimension that scored, with what the city reported, and those not applicable."""
    cat = f.cat
    items = []
    for ind_id in d.indicators:
        r = f.inds[ind_id]
        if r.state == "not_applicable":
            items.append({"text": cat("na_item_dim" if d.max <= 0 else "na_item", name=f.ind_label(ind_id)),
                          "note": r.note or ""})
        elif r.state == "answered" and (r.share or 0) > 0:
            items.append({"text": f"{f.ind_label(ind_id)}{cat['colon']}{value_text(f.fw_inds[ind_id], r, cat, f.lang)}"
                                  + paren(f"{pts(r.score)}/{num(round(r.max, 2))}", f.lang),
                          "note": r.note or ""})
    return items


def _own_floor(f: Facts, d: DimensionResult) -> dict[str, str] | None:
    """The words of a floor checked on the points the unit's own work can earn (G21-B3), or None when
    the floor is checked on the dimension's share as the table shows it."""
    if not d.floor_excludes or d.floor_max is None or d.floor_met is None or f.floor <= 0:
        return None
    from evaluator.engine import floor_left_out

    named = floor_left_out(f.fw, f.result.city.level, d, True)[0 if f.zh else 1]
    plain = floor_left_out(f.fw, f.result.city.level, d)[0 if f.zh else 1]
    own = d.floor_share or 0.0
    return {"left": named[:1].upper() + named[1:], "left_plain": plain, "basis": num(round(d.floor_basis, 2)),
            "own": pct_below(own, f.floor) if d.floor_met is False else pct(own)}


def known_pct(db: DimensionBench, d: DimensionResult | None, floor: float, places: int = 0) -> str:
    """The unit's share on the indicators of a dimension it answered, the basis of the reference
    median and best: where it answered all of them it is its share, printed as the score table
    prints it ("59.9%" below the floor); else on the side of the 90 % line the text draws; at least
    ``places`` decimals, the report's for dimension shares (``Facts.dim_places``)."""
    from evaluator.rounding import shown_share_at

    if db.known_share is None:
        return "—"
    if d is not None and d.share is not None and abs(db.known_share - d.share) <= 1e-12:
        return dim_pct(d, floor, places)
    return f"{shown_share_at(db.known_share, places=places)}%"


def known_cell(db: DimensionBench, d: DimensionResult | None, floor: float, lang: str, places: int = 0) -> str:
    """known_pct as a table cell: in brackets where the unit answered less of the dimension than a
    reference unit needs to be compared (``comparable`` False), so the cell is not read against the
    median and best beside it (a county's E at 100 % on 20 % of the points beside Shanghai's 57 %)."""
    text = known_pct(db, d, floor, places)
    return paren(text, lang).strip() if thin(db) else text


def thin(db: DimensionBench | None) -> bool:
    """Whether the unit answered something in a dimension with reference units to compare, but less
    of it than they must (``DOCUMENTED``): its share on answered rests on too little to compare."""
    return bool(db and db.n and db.known_share is not None and not db.comparable)


def differs(db: DimensionBench | None) -> bool:
    """Whether the unit's share on its answered indicators is not its share as scored (it has
    unknown answers in a dimension it also answered): then both are printed."""
    return bool(db and db.known_share is not None and db.share is not None and abs(db.known_share - db.share) > 1e-12)


def _dim_bench_line(f: Facts, db: DimensionBench | None) -> str:
    """The median and best share of the reference units with data in one dimension, and how many
    they are ("" without a benchmark)."""
    if not db:
        return ""
    if db.n == 0:
        return f.cat["bm_dim_none"]
    # the unit's own figure on the same basis, where it is not its share as scored (unknowns at 0)
    # said to be on the reference units' basis only where it answered the part they must (DOCUMENTED):
    # "口径相同" for a county with 20 % of E answered beside cities with at least 50 % claimed too much
    key = "bm_dim_known_thin" if thin(db) else "bm_dim_known"
    # after the sentence before it: a space in English ("…at 94%. On the indicators…", G10: "94%.On")
    own = f.cat["gap"] + f.cat(key, unit=f.unit, share=known_pct(db, None, f.floor), part=pct(db.answered),
                               need=pct(DOCUMENTED)) if differs(db) or thin(db) else ""
    # one unit is not a median: "1 reference units have …: median 57%, best 57%" (audit_english #4)
    one = "_one" if db.n == 1 else ""
    if db.best_city:
        best_city = db.best_city_name_zh if f.zh else db.best_city_name
        return f.cat("bm_dim" + one, n=db.n, median=pct(db.median_share), best=pct(db.best_share), city=best_city) + own
    return f.cat("bm_dim_nobest" + one, n=db.n, median=pct(db.median_share), best=pct(db.best_share)) + own
