"""``lcity batch`` and ``lcity trend``: thin CLI layers over ``lcity.batch`` and ``evaluator.trend``."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from evaluator.rounding import fixed
from indicators.messages import Msg, agree, say
from indicators.problems import InputError, Problem

from ..console import err, guarded, out, write_json_text
from ..folding import fit_to_terminal, line as folded
from ..options import Lang, TableOrJson, output_folder


# --- batch ------------------------------------------------------------------------------------


def _bounded_timeout(value: float) -> float:
    """--timeout's bounds, said in the language of the usage panel around it (G26-H1: "'--timeout' 的值
    无效：must be a number of seconds…" mixed the two)."""
    import sys

    from ..batch_pool import MAX_TIMEOUT, MIN_TIMEOUT
    from ..helptext import help_lang

    if not math.isfinite(value) or not MIN_TIMEOUT <= value <= MAX_TIMEOUT:
        raise typer.BadParameter(say(Msg("batch.timeout-bounds", low=f"{MIN_TIMEOUT:g}", high=f"{MAX_TIMEOUT:g}",
                                         value=repr(value)), help_lang(sys.argv)))
    return value


#: skipped entries and ranked units shown on stderr, at most (all are in summary.json)
SHOW_SKIPPED = 10
SHOW_RANKED = 10


@guarded
def batch(
    folder: Annotated[Path, typer.Argument(help="folder of self-assessments (*.yaml, *.yml, *.xlsx); reviews are found by name")],
    output: Annotated[Path, typer.Option("--output", "-o", parser=output_folder, help="folder to write summary.csv, summary.json, "
                                         "summary.xlsx, ranking.pdf and the reports into (created if missing)")],
    reports: Annotated[bool, typer.Option("--reports", help="also write one PDF report per unit (<name>.pdf)")] = False,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, max=256,
                                                help="worker processes (default: number of CPU cores)")] = None,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="language of the PDF reports, the ranking and summary.xlsx "
                                                 "(default: each file's lang:, else its framework's language, else zh)")] = None,
    force: Annotated[bool, typer.Option("--force", help="replace outputs left in the output folder by an earlier run")] = False,
    timeout: Annotated[float, typer.Option("--timeout", callback=_bounded_timeout,
                                           help="time limit in seconds (0.1 to 3600) for each file and each PDF")] = 120.0,
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="table (the ranking on stderr), or csv / json: "
                                             "also print summary.csv / summary.json on stdout")] = TableOrJson.table,
) -> None:
    """Score every assessment in a folder, rank them, and write summaries and reports.

    Reviews are found by name: x.review.yaml and x.review-*.yaml are applied to x.yaml as one panel.
    Only regular files inside the folder are read; a symlink that leaves it is skipped.
    Every entry that is not read is listed with the reason, on stderr and in summary.json.
    A file that fails validation is listed (on stderr and in the summary) and the batch goes on.
    Nothing in the output folder is replaced without --force; every file is written atomically.
    One batch at a time writes into a folder; a second one stops with exit code 2.

    Outputs: summary.csv and summary.json for programs (column names and values are ids, the same
    in every language); summary.xlsx for people: the same rows in the batch's language (--lang),
    headings and values in words (the framework's names of grades, outcomes and pathways), each
    dimension headed with its maximum, numbers as numbers, and sheets saying what the file is and
    how to read it (unknowns are not zeros; totals have bounds). The robustness columns come from
    2,000 draws, as in a unit's report (summary.json: robustness); lcity sensitivity draws 10,000
    by default, so its figures may differ slightly.

    Exit code: 0 every file scored (and rendered); 1 some file failed; 2 nothing could be done
    (no assessments, outputs exist, the output folder is unwritable or in use, a summary could not be written).

    Example: lcity batch examples/districts -o out/ --reports --jobs 2
    """
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..batch import SUMMARY_CSV, SUMMARY_JSON, Listener, Outcome, points_text, run_batch

    speak = _run_lang(folder)  # messages about the run
    console = err.console  # Progress needs the Rich console itself, not the lazy wrapper
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=console, transient=False)

    class Show(Listener):
        task: Any = None

        def planned(self, units: int) -> None:
            what = ("评分并生成报告" if reports else "评分") if speak == "zh" else \
                "scoring" + (" and rendering" if reports else "")
            self.task = progress.add_task(what, total=units)
            progress.start()  # only now: a refused output or folder is said with no empty bar before it (G25-H10)

        def unit_done(self, outcome: Outcome) -> None:
            progress.advance(self.task)

        def failure(self, outcome: Outcome, text: str) -> None:
            from ..console import lang_for

            label = "失败" if lang_for(str(outcome.unit.path)) == "zh" else "FAILED"
            progress.console.print(f"[red]{label}[/red] {escape(text)}")

        def note(self, text: str) -> None:
            from indicators.messages import say as said

            from ..console import visible

            label = said(Msg("batch.note"), speak)
            progress.console.print(f"[yellow]{escape(label)}[/yellow] {escape(visible(said(text, speak)))}",
                                   soft_wrap=not progress.console.is_terminal)  # folded on a terminal, whole piped

        def skipped(self, entries) -> None:
            """Each entry not read, one line each in the user's language: its name made visible
            (a line break or an escape in a file name cannot split or colour the line)."""
            from indicators.messages import say as said

            for s in entries[:SHOW_SKIPPED]:
                self.note(said(Msg("batch.skipped-note", file=str(folder / s.name), reason=s.reason), speak))
            if len(entries) > SHOW_SKIPPED:
                self.note(said(Msg("batch.skipped-more", n=len(entries) - SHOW_SKIPPED), speak))

    try:
        summary = run_batch(folder, output, reports=reports, jobs=jobs, lang=lang.value if lang else None, force=force,
                            timeout=timeout, listener=Show())
    finally:
        if progress.live.is_started:  # Progress.stop prints an empty line even when it never started
            progress.stop()
    from ..batch import ranking_lang, ranking_note
    from ..console import visible

    zh = speak == "zh"  # messages about the run: --lang, else the files' lang:, else the locale
    # the ranking's names and outcomes: the ranking report's language
    ranking_zh = ranking_lang(summary.outcomes, lang.value if lang else None) == "zh"
    mixed_langs = None if lang else ranking_note(summary.outcomes)  # one zh form among en ones: say which
    if mixed_langs:
        err.print(f"[yellow]{'注意' if zh else 'Note'}[/yellow]{'：' if zh else ': '}{escape(say(mixed_langs, speak))}",
                  soft_wrap=not err.is_terminal)
    ranked = [o for o in summary.outcomes if o.scored]
    mixed = len({o.record["row"]["framework"] for o in ranked}) > 1  # ranked separately, one group per framework
    group = None
    for o in ranked[:SHOW_RANKED]:
        row = o.record["row"]
        if mixed and row["framework"] != group:
            group = row["framework"]
            err.print(f"[bold]{escape(group)}[/bold] " + ("（分别排名）" if zh else "(ranked separately)"))
        rank = "—" if o.rank is None else o.rank  # not ratable: no rank
        # not ratable: in the framework's own words when the row carries them
        label = (o.record.get("ranking") or {}).get("recognition_name_zh" if ranking_zh else "recognition_name") \
            or ("数据不足，不予定级" if ranking_zh else "not ratable")
        unrated = f"  {escape(label)}" if row.get("ratable") is False else ""
        if (o.record.get("ranking") or {}).get("vetoed"):  # ranked by its total, but refused whatever it is
            ranking = o.record["ranking"]
            unrated += "  " + escape(f"一票否决：{ranking['grade_zh']}，{ranking['recognition_name_zh']}" if ranking_zh
                                     else f"veto: {ranking['grade']}, {ranking['recognition_name']}")
        # names in the language of the reports (--lang, default zh), as the ranking PDF gives them
        name = (row["name_zh"] or row["name"]) if ranking_zh else (row["name"] or row["name_zh"])
        where = f"（{escape(visible(o.file))}）" if zh else f" ({escape(visible(o.file))})"
        shown = (o.record.get("ranking") or {}).get("total_shown") or points_text(row["total"])  # 84.996, not 85.00
        err.print(f"{rank:>4}  {shown:>6}  {escape(visible(name or ''))}"
                  f"{where}" + unrated)  # one line each, whatever the name holds
    if len(ranked) > SHOW_RANKED:
        more = len(ranked) - SHOW_RANKED
        where = escape(str(output / SUMMARY_CSV))
        err.print(f"      …… 另有 {more} 个，见 {where}" if zh else f"      ... {more} more in {where}")
    unsettled = _unsettled_ranks(ranked[:SHOW_RANKED], ranking_zh)
    if unsettled:  # a single rank would claim an order the robustness draws do not keep (G16 #5)
        listed = ("、" if zh else ", ").join(escape(visible(u)) for u in unsettled)
        err.print(f"[yellow]注意[/yellow]：以下名次在稳健性抽样中不确定（名次区间）：{listed}；各单位的名次区间见 summary.csv 的 "
                  "rank_best、rank_worst 列" if zh else
                  f"[yellow]Note[/yellow]: these ranks are not settled in the robustness draws (range of ranks): "
                  f"{listed}; every unit's range is in the rank_best and rank_worst columns of summary.csv",
                  soft_wrap=not err.is_terminal)
    from ..batch_summary import mixed_levels

    for ref, levels in mixed_levels(ranked, speak):  # a city among districts (G19-B9)
        levels_said = ("、" if zh else ", ").join(levels)
        err.print(f"[yellow]{'注意' if zh else 'Note'}[/yellow]{'：' if zh else ': '}"
                  + escape(say(Msg("sheet.note-levels", levels=levels_said, framework=ref), speak)),
                  soft_wrap=not err.is_terminal)
    slipped = [o for o in ranked if (o.record.get("ranking") or {}).get("fraction_slips")]
    if slipped:  # a decision that turns on a percentage typed as a fraction (G19-B5)
        sep = "、" if zh else ", "
        listed = sep.join(escape(visible(f"{o.file}（{sep.join(o.record['ranking']['fraction_slips'])}）" if zh else
                                         f"{o.file} ({sep.join(o.record['ranking']['fraction_slips'])})"))
                          for o in slipped)
        err.print(f"[yellow]{'注意' if zh else 'Note'}[/yellow]{'：' if zh else ': '}"
                  + escape(say(Msg("batch.fraction-slips", units=listed), speak)), soft_wrap=not err.is_terminal)
    for files in _same_unit(ranked):
        listed = ("、" if zh else ", ").join(escape(visible(f)) for f in files)
        err.print(f"[yellow]注意[/yellow]：以下文件评估的是同一单位、同一评估期，在排名中出现了{len(files)}次：{listed}" if zh else
                  f"[yellow]Note[/yellow]: these files assess the same unit and period and are ranked {len(files)} "
                  f"times: {listed}")
    err.print(_closing_line(summary, output, reports, zh), soft_wrap=not err.is_terminal)  # folded at a terminal's edge
    if fmt != TableOrJson.table:  # the summary as written, for a script reading stdout
        from ..console import stdout

        summary_file = output / (SUMMARY_CSV if fmt == TableOrJson.csv else SUMMARY_JSON)
        if summary_file.is_file():
            stdout.write(summary_file.read_text(encoding="utf-8").lstrip("\ufeff"))
    raise typer.Exit(summary.exit_code)


def _run_lang(folder: Path) -> str:
    """The language of the messages about a batch: ``--lang``, else the ``lang:`` every assessment
    of the folder records (a folder of Chinese forms is spoken about in Chinese), else the locale,
    else English (``console.lang_for``)."""
    from ..batch_files import discover
    from ..console import chosen_lang, lang_for

    if chosen_lang[0]:
        return chosen_lang[0]
    try:
        units = discover(folder).units
    except OSError:  # the batch itself reports an unreadable folder
        units = []
    found = {lang_for(str(u.path)) for u in units}
    return found.pop() if len(found) == 1 else lang_for("")


STATUS_ZH = {"invalid": "无效", "timeout": "超时", "error": "出错", "unreadable": "无法读取", "report_failed": "报告未写出"}


def _unsettled_ranks(ranked: list, zh: bool) -> list[str]:
    """"禾丰县（3–4）" for each ranked unit whose rank the robustness draws move (rank_best below
    rank_worst): the list prints one rank per unit, by the total as scored."""
    from reports.ranking import rank_range  # the PDF's rule, so that both name the same units

    out = []
    for o in ranked:
        row = o.record["row"]
        shown = rank_range({**row, "rank": o.rank})
        if shown:
            name = (row["name_zh"] or row["name"]) if zh else (row["name"] or row["name_zh"])
            out.append(f"{name or o.file}（{shown}）" if zh else f"{name or o.file} ({shown})")
    return out


def _same_unit(ranked: list) -> list[list[str]]:
    """Files that assess one unit for one period under one framework: a copy left in the folder
    ranks the unit twice and pushes every unit below it down a place, so the run names them."""
    seen: dict[tuple, list[str]] = {}
    for o in ranked:
        row, ranking = o.record["row"], o.record.get("ranking") or {}
        key = (row["framework"], row.get("id") or row["name_zh"] or row["name"], ranking.get("period"))
        seen.setdefault(key, []).append(o.file)
    return [files for files in seen.values() if len(files) > 1]


def _closing_line(summary: Any, output: Path, reports: bool, zh: bool) -> str:
    """The batch's last line: what was scored, what failed, what was written."""
    from rich.markup import escape

    from ..batch import RANKING_PDF, SUMMARY_CSV, SUMMARY_JSON, SUMMARY_XLSX

    scored = sum(1 for o in summary.outcomes if o.scored)
    counts = sorted(Counter(o.status for o in summary.failures).items())
    pdfs = sum(1 for o in summary.outcomes if o.pdf is not None)
    from ..console import visible

    paths = [escape(visible(output / n)) for n in [SUMMARY_CSV, SUMMARY_JSON, SUMMARY_XLSX]
             + ([RANKING_PDF] if summary.ranking_file else [])]
    names = ", ".join(paths)
    skipped = len(summary.skipped)
    if zh:
        names = "、".join(paths)  # a Chinese list
        fails = "，".join(f"{STATUS_ZH.get(k, k)} {v}" for k, v in counts)
        return (f"共 {len(summary.outcomes)} 个文件：{scored} 个已评分"
                + (f"，[red]{len(summary.failures)} 个失败[/red]（{fails}）" if summary.failures else "")
                + (f"，跳过 {skipped} 项" if skipped else "")
                + f"。已写出 {names}" + (f" 和 {pdfs} 份报告" if reports else "") + "。"
                + (f" [red]排名报告未写出[/red]：{escape(say(summary.ranking_error, 'zh'))}" if summary.ranking_error else ""))
    fails = ", ".join(f"{k} {v}" for k, v in counts)
    # agree(): "1 file", "1 unit" (the catalogs' plural rule: a count of one agrees with its noun)
    return agree(f"{len(summary.outcomes)} files: {scored} scored"
            + (f", [red]{len(summary.failures)} failed[/red] ({fails})" if summary.failures else "")
            + (f", {skipped} entr{'y' if skipped == 1 else 'ies'} skipped" if skipped else "")
            + f". Wrote {names}" + (f" and the reports of {pdfs} units" if reports else "") + "."
            + (f" [red]The ranking report was not written[/red]: {escape(summary.ranking_error)}"
               if summary.ranking_error else ""))


# --- trend ------------------------------------------------------------------------------------


@guarded
def trend(
    files: Annotated[list[Path], typer.Argument(help="two or more assessments of the same city, any order")],
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="table, json or csv (the table as CSV)")] = TableOrJson.table,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="language of the table (default: the latest file's "
                                                 "lang:, else its framework's language, else zh)")] = None,
) -> None:
    """Show how a city's scores changed between assessments, per dimension and in total.

    Points per year, the grade and the outcome of each assessment, and which indicators moved
    (score change beyond 0.01 points, with the values before and after).

    The files are sorted by their period; they must be of the same city, under one framework or
    versions of one framework whose newer version has a crosswalk (replaces:). Across versions, an
    indicator answered the same whose score moved is counted as re-weighted, not as up or down.

    Example: lcity trend examples/trend/qingshi-2021.yaml examples/trend/qingshi-2023.yaml examples/trend/qingshi-2025.yaml
    """
    from evaluator.trend import series

    if len(files) < 2:
        raise InputError([Problem(str(files[0]) if files else "-", 1, 1, "error", "too-few-files",
                                  Msg("trend.too-few-files"), Msg("hint.trend-too-few-files"), fatal=True)])
    t = series(files)
    if fmt == TableOrJson.json:
        write_json_text(t.model_dump_json(indent=2))
        return
    from indicators.loader import load_framework

    from ..language import output_lang

    latest = t.assessments[-1].file
    print_trend(t, output_lang(lang, latest, load_framework(t.framework)))


def _labels(framework_ref: str, lang: str) -> dict[str, dict[str, str]]:
    """indicator id -> {choice id: label} for choice answers, from the framework."""
    from indicators.loader import load_framework

    labels: dict[str, dict[str, str]] = {}
    for ind in load_framework(framework_ref).indicators():
        for c in getattr(ind.answer, "choices", None) or []:
            labels.setdefault(ind.id, {})[c.id] = getattr(c, lang)
    return labels


def _value(ind_id: str, v: Any, figure: float | None, unit: Any, state: str, zh: bool,
           labels: dict[str, dict[str, str]], items: dict[str, int]) -> str:
    if state != "answered":
        return {"unknown": "不详", "missing": "未填", "not_applicable": "不适用"}[state] if zh else state.replace("_", " ")
    if figure is not None:
        # four significant digits show a small figure's change (0.7394 → 1.095 per 1,000), but 13,690.5
        # in '.4g' is '1.369e+04': from 1,000 up, the figure as score --explain prints it; '41.2%' as there
        from evaluator.rules import num

        from indicators.units import unit_words

        shown = num(figure) if abs(figure) >= 1000 else f"{figure:,.4g}"
        unit = unit_words(unit, "zh" if zh else "en", figure)  # "1 hub", as the framework says one (G20-D8)
        return f"{shown}{'' if unit.startswith('%') else ' '}{unit}".strip()
    if isinstance(v, bool):
        return ("是" if v else "否") if zh else ("yes" if v else "no")
    if isinstance(v, list):
        n = items.get(ind_id, len(v))
        return f"{len(v)}/{n} 项" if zh else f"{len(v)} of {n}"
    if isinstance(v, str) and v in labels.get(ind_id, {}):
        return labels[ind_id][v]
    if isinstance(v, float):
        return f"{v:,.10g}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def _signed(x: float, digits: int = 2) -> str:
    return fixed(x, digits, sign="+")


def _shown(p, places: int = 1) -> str:
    """An assessment's total as ``lcity score`` printed it for that period."""
    from evaluator.trend import period_total_text

    return period_total_text(p, None, places)


def _bounded(p, places: int = 1) -> str:
    """An assessment's total, as lower–upper bounds when it has unknown or missing indicators."""
    if p.total_bounds is None:
        return _shown(p, places)
    return f"{_shown(p, places)}–{p.total_bounds.upper:.{places}f}"


def _span(c, lang: str, per_year: bool = False, digits: int = 2, cell: bool = False) -> str:
    """A change, or its range when one of its two assessments has unknowns (never the change of the
    lower bounds alone as if it were measured); ``cell``: the range on two lines, for a table."""
    low, high, x = (c.per_year_low, c.per_year_high, c.per_year) if per_year else (c.low, c.high, c.change)
    if low is None or high is None:
        return "—" if x is None else _signed(x, digits)
    return say(Msg("trend.range-cell" if cell else "trend.range", low=_signed(low, digits), high=_signed(high, digits)), lang)


def _cell(score: float, upper: float | None) -> str:
    return fixed(score) if upper is None else f"{fixed(score)}–{fixed(upper)}"


def _grade_cell(p, zh: bool, lang: str) -> str:
    from rich.markup import escape

    g = p.grade.name_zh if zh else p.grade.name
    if p.grade_upper is None:
        return escape(g)
    top = p.grade_upper.name_zh if zh else p.grade_upper.name
    return escape(say(Msg("trend.range", low=g, high=top), lang))


def print_trend(t, lang: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    from evaluator.benchmark import shown_period as one  # a one-year cycle once: '2025', not '2025–2025' (G15 #13)
    from evaluator.trend import shown_change, shown_per_year as _per_year

    zh = lang == "zh"
    first, last = t.assessments[0], t.assessments[-1]
    name = t.city_zh if zh else t.city
    years = t.total.years
    if t.total.low is None:
        change = shown_change(_shown(first), _shown(last)) or _signed(t.total.change, 1)  # as a reader subtracts them
        out.print(f"[bold]{escape(name)}[/bold]" + ("：" if zh else ": ") + (
            f"总分 {_shown(first)} → {_shown(last)}（{change} 分，{years} 年，"
            f"每年 {_per_year(change, years)} 分）" if zh else
            agree(f"total {_shown(first)} → {_shown(last)} ({change} points over {years} years, "
                  f"{_per_year(change, years)} a year)")))
    else:  # a period with unknowns: its total as bounds, the change and the rate as ranges (G18-B4)
        c = t.total
        folded(("：" if zh else ": ") + agree(say(Msg(
            "trend.bounds-head", first=_bounded(first), last=_bounded(last), low=_signed(c.low, 1),
            high=_signed(c.high, 1), years=years,
            py_low="—" if c.per_year_low is None else _per_year(_signed(c.low, 1), years),
            py_high="—" if c.per_year_high is None else _per_year(_signed(c.high, 1), years)), lang)),
            head=f"[bold]{escape(name)}[/bold]")
    open_periods = [p for p in t.assessments if p.total_bounds is not None]
    if open_periods:
        which = ("、" if zh else ", ").join(agree(say(Msg("trend.bounds-which", period=one(p.period),
                                                           n=p.unknown + p.missing), lang)) for p in open_periods)
        folded(("：" if zh else ": ") + say(Msg("trend.bounds-note", which=which), lang),
               head="[yellow]注[/yellow]" if zh else "[yellow]Note[/yellow]")
    if t.crosswalk:  # the change is partly the framework's: say so before any figure is read
        versions = "、".join(sorted({p.framework for p in t.assessments})) if zh else \
            ", ".join(sorted({p.framework for p in t.assessments}))
        folded(f"：各期采用不同版本的指标体系（{versions}），指标按新版的对照表对应；"
               "分数变化可能有一部分来自指标体系修订，而非建设进展。" if zh else
               f": the assessments use different versions of the framework ({versions}), matched through the "
               "newer version's crosswalk; part of the change may come from the revision of the framework, not from progress.",
               head="[yellow]注[/yellow]" if zh else "[yellow]Note[/yellow]")
    if t.revised:  # and which indicators it changed, from the two framework files (as the report says)
        from reports.catalog import load_catalog
        from reports.context_trend import revision_lines

        cat = load_catalog(lang)
        intro, lines = revision_lines(t, cat, lang)
        out.print(f"[bold]{escape(cat['trend_revised_h'])}[/bold]")
        folded(intro)
        for line in lines:
            folded(f"  - {line}", hang=4)
    periods = ("、" if zh else ", ").join(one(p.period) for p in t.assessments)
    table = Table(title=(f"分维度得分变化（评估周期 {periods}，按截止年份列示）" if zh else
                         f"Change by dimension (cycles {periods}, shown by their last year)"))
    # a long name wraps inside its cell instead of being cut (piped output is 80 columns wide)
    table.add_column("维度" if zh else "dimension", overflow="fold", ratio=1)
    table.add_column("满分" if zh else "points", justify="right", no_wrap=True)
    for p in t.assessments:  # a grade or an outcome ("Charter not awarded") folds between words, never cut
        table.add_column(str(p.end_year), justify="right", overflow="fold", min_width=6)
    table.add_column("变化" if zh else "change", justify="right", no_wrap=True, min_width=6)
    table.add_column("每年" if zh else "per year", justify="right", no_wrap=True, min_width=6)
    for d in t.dimensions:
        uppers = d.uppers or [None] * len(d.scores)
        table.add_row(f"{d.id} {escape(d.name_zh if zh else d.name)}", f"{d.points:g}",
                      *(_cell(s, u) for s, u in zip(d.scores, uppers)), escape(_span(d.change, lang, cell=True)),
                      escape(_span(d.change, lang, per_year=True, cell=True)))
    table.add_section()
    from indicators.loader import load_framework

    total_points = load_framework(t.framework).total_points  # the framework's own scale, not always 100
    table.add_row("总分" if zh else "total", f"{total_points:g}", *(f"[bold]{_bounded(p, 2)}[/bold]" for p in t.assessments),
                  f"[bold]{escape(_span(t.total, lang, cell=True))}[/bold]", escape(_span(t.total, lang, per_year=True, cell=True)))
    grades = [_grade_cell(p, zh, lang) for p in t.assessments]
    table.add_row("等级" if zh else "grade", "", *grades, "", "")
    outcomes = [escape((p.recognition_name_zh if zh else p.recognition_name) or p.recognition) for p in t.assessments]
    table.add_row(say(Msg("trend.outcome-row"), lang), "", *outcomes, "", "")  # the change that matters most
    fit_to_terminal(table, [0, *range(2, 2 + len(t.assessments))])  # 86 cells at 80 columns, left to Rich
    out.print(table)
    if not t.grade_known or not all(s.grade_known for s in t.steps):  # a grade line inside a period's bounds
        from evaluator.trend import grade_lines

        details = [say(Msg("trend.grade-unknown-one", period=one(p.period), low=_shown(p), high=f"{p.total_bounds.upper:.1f}",
                           grade=g.name_zh if zh else g.name, min=f"{m:g}"), lang)
                   for p in t.assessments for m, g in grade_lines(p)]
        folded(("：" if zh else ": ") + say(Msg("trend.grade-unknown", details=("；" if zh else "; ").join(details)), lang),
               head="[yellow]注[/yellow]" if zh else "[yellow]Note[/yellow]")
    for s in t.steps:
        c = s.total
        folded(agree(("{a} → {b}：总分 {d} 分，每年 {y} 分，{n} 项指标变化" if zh else
                      "{a} → {b}: total {d} points, {y} a year, {n} indicators moved").format(
            a=one(c.from_period), b=one(c.to_period), d=_span(c, lang), y=_span(c, lang, per_year=True),
            n=len(s.moved)) + (say(Msg("trend.step-unknown", n=len(s.unknown_in_one)), lang) if s.unknown_in_one else "")))
    if not t.moved and not t.unknown_in_one:
        out.print("首末两次评估之间没有指标得分变化" if zh else "No indicator's score changed between the first and the last assessment.")
        return
    mt = Table(title=(f"得分变化超过 {t.threshold:g} 分的指标（{one(first.period)} → {one(last.period)}）" if zh else
                      f"Indicators whose score moved by more than {t.threshold:g} points ({one(first.period)} → {one(last.period)})"))
    for h, right in ((("指标", False), ("原值", True), ("新值", True), ("原得分", True), ("新得分", True), ("变化", True))
                     if zh else (("indicator", False), ("from", True), ("to", True), ("from score", True),
                                 ("to score", True), ("change", True))):
        mt.add_column(h, justify="right" if right and h not in ("原值", "新值", "from", "to") else "left", overflow="fold")
    why = t.crosswalk is not None  # across versions: whether the answer or the framework moved the score
    if why:
        mt.add_column(say(Msg("trend.why-head"), lang), overflow="fold")
    from indicators.loader import load_framework

    labels = _labels(t.framework, lang)
    items = {i.id: len(i.answer.items) for i in load_framework(t.framework).indicators()
             if getattr(i.answer, "items", None)}
    from indicators.models import scored_unit

    own = {i.id: scored_unit(i.answer) for i in load_framework(t.framework).indicators()}

    def unit_of(m: Any) -> Any:
        """The framework's unit where it is the one the trend names (its English for one with it)."""
        text, u = (m.unit_zh if zh else m.unit), own.get(m.id)
        return u if u is not None and u.get(lang) == text else text

    for m in t.moved:
        unit = unit_of(m)
        mt.add_row(f"{m.id} {escape(m.name_zh if zh else m.name)}" + (" ※" if m.recounted else ""),
                   escape(_value(m.id, m.from_value, m.from_figure, unit, m.from_state, zh, labels, items)),
                   escape(_value(m.id, m.to_value, m.to_figure, unit, m.to_state, zh, labels, items)),
                   fixed(m.from_score), fixed(m.to_score),
                   _change_cell(m), *([say(Msg("trend.why-reweighted" if m.reweighted else "trend.why-answer"), lang)]
                                      if why else []))
    if t.moved:
        fit_to_terminal(mt, [0, 1, 2, *([6] if why else [])])
        out.print(mt)
    else:
        folded(say(Msg("trend.none-moved-known"), lang))
    if t.unknown_in_one:  # to or from 不详: a difference of data, listed apart and never a rise or a fall (G18-B4)
        gt = Table(title=say(Msg("trend.unknown-title", a=one(first.period), b=one(last.period)), lang))
        for h, right in ((("指标", False), ("原值", False), ("新值", False), ("原得分", True), ("新得分", True))
                         if zh else (("indicator", False), ("from", False), ("to", False), ("from score", True),
                                     ("to score", True))):
            gt.add_column(h, justify="right" if right else "left", overflow="fold")
        for m in t.unknown_in_one:
            unit = unit_of(m)
            gt.add_row(f"{m.id} {escape(m.name_zh if zh else m.name)}",
                       escape(_value(m.id, m.from_value, m.from_figure, unit, m.from_state, zh, labels, items)),
                       escape(_value(m.id, m.to_value, m.to_figure, unit, m.to_state, zh, labels, items)),
                       fixed(m.from_score), fixed(m.to_score))
        fit_to_terminal(gt, [0, 1, 2])
        out.print(gt)
    err.print(agree(say(moved_summary(t), lang)), soft_wrap=not err.is_terminal)  # folded at a terminal's edge
    recounted = [m for m in t.moved if m.recounted]
    if recounted:  # a gain on a new way of counting is not progress (G8 #5: Quyang's F1, I1, E1)
        ids = ("、" if zh else ", ").join(m.id for m in recounted)
        moved = sum(m.change for m in recounted)
        err.print(say(Msg("trend.recounted", ids=ids, n=len(recounted), change=_signed(moved),
                          rest=_signed(t.total.change - moved)), lang), soft_wrap=not err.is_terminal)


def moved_summary(t) -> Msg:
    """How many indicators rose and fell (first to last): only those with data in both; those unknown
    in one of the two are counted apart, never as a rise or a fall."""
    answered = [m for m in t.moved if not m.reweighted]
    n_up = sum(m.change > 0 for m in answered)
    same = len(t.moved) - len(answered)
    counts = dict(up=n_up, down=len(answered) - n_up)
    summary = (Msg("trend.moved-summary-reweighted", same=same, fw=t.framework, **counts) if same else
               Msg("trend.moved-summary", **counts))
    if t.unknown_in_one:
        return Msg("trend.summary-with-unknown", moved=summary, unknown=Msg("trend.unknown-summary", n=len(t.unknown_in_one)))
    return summary


def _change_cell(m) -> str:
    """A move's points: green up, red down; yellow when only the framework's scoring moved it."""
    colour = "yellow" if m.reweighted else "green" if m.change > 0 else "red"
    return f"[{colour}]{_signed(m.change)}[/{colour}]"

