"""``lcity cities`` and ``lcity benchmark``: the reference units of a framework, and a unit compared with them.

The packaged china-learning-city framework brings the 12 Chinese GNLC cities; another framework
brings its own (``reference-units/`` beside its framework.yaml) or none, and then both commands say
so and exit 0."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..console import dump_json, err, escape, guarded, out, share as _share, write_json_text
from ..language import output_lang, unit_lang
from ..folding import fit_to_terminal as _fit_to_terminal, folds as _folds, line as _line, title as _title
from ..options import Lang, TableOrJson
from .score import load_scored

#: what a unit is when none of its framework's pathway types wins
NO_TYPE = {"mixed": ("混合型", "Mixed"), "unclassified": ("未能分类", "Unclassified"),
           "undetermined": ("无法判定", "Undetermined")}


def _pathway(pid: str, zh: bool, fw=None) -> str:
    """A pathway type's name as its framework gives it (``fw.pathways``)."""
    names = fw.pathway_names() if fw is not None else {}
    if pid in names:
        return names[pid].get("zh" if zh else "en")
    if pid == "mixed" and fw is not None:  # "No clear emphasis" under a framework of one type
        return fw.mixed_name().get("zh" if zh else "en")
    pair = NO_TYPE.get(pid, (pid, pid))
    return pair[0] if zh else pair[1]


def _no_units_message(ref: str, zh: bool, subject: str | None = None) -> str:
    if zh:
        head = f"框架 {ref} 没有参照单位" + (f"，{subject}无可比较的对象，不做对标。" if subject else "。")
        return head + "框架可在其 framework.yaml 旁的 reference-units/ 文件夹中提供参照单位（见 docs/frameworks.md）。"
    head = f"The framework {ref} has no reference units" + (
        f": there is nothing to compare {subject} with, so there is no benchmark." if subject else ".")
    return head + (" A framework brings its reference units in a folder reference-units/ beside its "
                   "framework.yaml (see docs/frameworks.md).")


def rank_text(rank, zh: bool) -> str:
    """'第1–9位/共13个' / 'rank 1–9 of 13': an interval whenever the unknowns allow more than one rank."""
    pos = str(rank.best) if rank.best == rank.worst else f"{rank.best}–{rank.worst}"
    return f"第{pos}位/共{rank.of}个" if zh else f"rank {pos} of {rank.of}"


def bounds_text(b, fw=None) -> str:
    """A total's bounds, '17.3–90.3' (one figure when no answer is unknown), each on the side of
    ``fw``'s lines its total is on: 89.96 beside 良好 is '89.96', not '90.0', as ``lcity score`` prints it."""
    from evaluator.rounding import shown_bounds, total_limits

    return shown_bounds(b.lower, b.upper, total_limits(fw) if fw is not None else ())


def _bounds_json(b) -> dict:
    from evaluator.rounding import stored

    return {"lower": stored(b.lower, 2), "upper": stored(b.upper, 2)}


def _cities_caveat(rows, min_coverage: float, zh: bool, label: str = "数据不足，不予定级") -> str:
    """``label``: the framework's own words for a unit that is not ratable."""
    low = sum(r.low_coverage for r in rows)
    need = f"{min_coverage * 100:.0f}"
    if zh:
        first = (f"注：{len(rows)} 个参照单位中有 {low} 个数据覆盖率低于定级所需的 {need}%，为“{label}”。" if low else
                 f"注：{len(rows)} 个参照单位的数据覆盖率均达到定级所需的 {need}%。")  # "0 个……为数据不足" says nothing
        return (first +
                "未知项不按零分理解：总分附上下界（未知项计 0 分至满分），名次为未知项任意取值时可能的区间；"
                "覆盖率低的单位，其总分主要反映公开资料不足，而非建设水平。各单位的数字属于其评估期所列年份。")
    first = (f"Note: {low} of {len(rows)} reference units answer less than the {need}% of the points needed for a grade "
             "and are not rated." if low else
             f"Note: all {len(rows)} reference units answer at least the {need}% of the points needed for a grade.")
    return (first + " Unknown answers are not zeros: each total has its bounds (unknowns at 0 and at full "
            "points) and each rank is the range any values of the unknowns allow; a low-coverage total mostly "
            "reflects missing public data, not the unit's performance. Each unit's figures are for the years of its period.")


def _note_skipped(skipped, zh: bool) -> None:
    for s in skipped:
        err.print(("注：参照文件 {} 不符合该框架，未纳入比较：{}" if zh else
                   "Note: reference file {} is not valid under this framework and was left out: {}")
                  .format(escape(s.file), escape(s.reason)))


@guarded
def cities(
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="table, json or csv (the table as CSV)")] = TableOrJson.table,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="language of the table (default: the framework's "
                                                 "language, else zh)")] = None,
    loo: Annotated[bool, typer.Option("--loo", help="also show the leave-one-out nearest-city classifier against "
                                      "Table 3 (china-learning-city only: another framework is refused, exit 2)")] = False,
    framework: Annotated[Optional[str], typer.Option(
        "--framework", help="whose reference units to list, scored under it (default: the framework lcity init "
        "writes new files for, china-learning-city@2)")] = None,
    pathways: Annotated[bool, typer.Option(
        "--pathways", help="each unit's Table 3 type beside the type its data show (declared strategy ignored), "
        "with the exact and leading-type rates")] = False,
) -> None:
    """List the reference units of a framework with score, grade, pathway and data coverage.

    By default the 12 reference cities of the packaged framework (China's GNLC members as of February 2024). Reference
    values come from the comparative study or cited public documents; what no source gives is
    'unknown' and scores 0, so read each total together with its coverage.

    Example: lcity cities --format json

    Example: lcity cities --pathways --lang en
    """
    with framework_file_installed(framework):
        _cities(fmt, lang, loo, framework, pathways)


def _cities(fmt: TableOrJson, lang: Optional[Lang], loo: bool, framework: str | None, pathways: bool) -> None:
    from evaluator.benchmark import CHINA_FRAMEWORK_ID, cities_table, reference_set_name, skipped_units
    from indicators.loader import load_framework

    from lcity.form_files import FORM_FRAMEWORK

    # the framework new files are written for (lcity init): a unit's benchmark then shows the same
    # reference totals as this table (under @1 Shanghai read 27.4 here and 26.0 in the benchmark)
    fw = load_framework(framework or FORM_FRAMEWORK)
    if loo and not pathways and fw.id != CHINA_FRAMEWORK_ID:  # asked for what this framework cannot give
        from indicators.messages import Msg
        from indicators.problems import InputError, Problem

        raise InputError([Problem("--loo", 1, 1, "error", "usage", Msg("cities.loo-no-table3", fw=fw.ref),
                                  Msg("hint.cities-loo-no-table3", fw=framework or fw.ref), fatal=True)])
    if pathways:
        from lcity.pathway_table import print_pathways

        return print_pathways(fw, fmt == TableOrJson.json, output_lang(lang, None, fw) == "zh")
    rows = cities_table(fw.ref)
    zh = output_lang(lang, None, fw) == "zh"
    _note_skipped(skipped_units(fw.ref), zh)
    if not rows and fmt != TableOrJson.json:
        err.print(_no_units_message(fw.ref, zh))
        return
    need = fw.recognition.min_coverage
    if fmt == TableOrJson.json:
        from evaluator.rounding import stored  # 58.4499… is 58.44 here, as the table's 58.4

        dump_json({
            "framework": fw.ref, "min_coverage": need,
            "caveat": _cities_caveat(rows, need, False) if rows else "",
            "caveat_zh": _cities_caveat(rows, need, True, fw.recognition.outcomes.not_ratable.zh) if rows else "",
            "units": [{"id": r.id, "name": r.name, "name_zh": r.name_zh, "period": r.period, "total": stored(r.total, 2),
                       "total_bounds": _bounds_json(r.total_bounds), "ratable": r.ratable,
                       "grade": r.grade, "grade_zh": r.grade_zh, "grade_id": r.grade_id, "pathway": r.pathway,
                       "pathway_table3": r.pathway_table3, "coverage": round(r.coverage, 3),
                       "confidence": round(r.confidence, 3), "low_coverage": r.low_coverage,
                       "rank": r.rank.model_dump(),
                       # a dimension no source says anything about is null, not 0.0: Beijing's D read as
                       # funding at 0 % where every D answer is unknown (G16 #3); a sourced 0 stays 0.0
                       "dimensions": {k: (None if v is None or not r.answered.get(k) else round(v, 3))
                                      for k, v in r.shares.items()},
                       "dimensions_answered": {k: round(v, 3) for k, v in r.answered.items()}}
                      for r in rows]})
        return
    from rich.table import Table  # only for the table: JSON output never imports it

    set_zh, set_en = reference_set_name(fw.ref, fw)
    # which framework scored them (the same files give other totals under another version), on a
    # line of its own so that the Chinese title still fits 80 columns
    table = Table(title=_title(f"{len(rows)} 个参照单位：{set_zh}\n按 {fw.ref} 评分" if zh else
                               f"{len(rows)} reference units: {set_en}\nscored under {fw.ref}"))
    table3 = any(r.pathway_table3 for r in rows)  # Table 3 of the comparative study types only China's 12
    # the total as scored is the lower bound (unknowns at 0): one column says both
    typed = fw.pathways is not None  # a framework without pathway types gets no pathway column
    unit = ("城市" if zh else "city") if table3 else ("单位" if zh else "unit")
    # the years the figures are for, as each file's period gives them (a total without its years
    # reads as this year's): on a terminal under the unit's name, so the row still fits 80 columns;
    # piped or as CSV in a column of its own
    stacked = _folds()
    if stacked:  # the two cells of the outer edges' padding let a six-hanzi type (国际化导向型) stay whole
        table.pad_edge = False
    for h in (("名次", unit, "评估期", "总分（上下界）", "等级", "发展路径", "表3类型", "覆盖率") if zh else
              ("rank", unit, "period", "total (bounds)", "grade", "pathway", "Table 3", "coverage")):
        if h in ("表3类型", "Table 3") and not table3 or h in ("发展路径", "pathway") and not typed:
            continue
        if h in ("评估期", "period") and stacked:
            continue
        if h == unit and stacked:
            h = f"{unit}（评估期）" if zh else f"{unit} (period)"
        right = h in ("总分（上下界）", "覆盖率", "total (bounds)", "coverage", "名次", "rank", "评估期", "period")
        table.add_column(h, justify="right" if right else "left", no_wrap=right)
    for r in rows:
        cov = f"{r.coverage * 100:.0f}%" + ((" [yellow]低[/yellow]" if zh else " [yellow]low[/yellow]") if r.low_coverage else "")
        pos = str(r.rank.best) if r.rank.best == r.rank.worst else f"{r.rank.best}–{r.rank.worst}"
        name = escape(r.name_zh if zh else r.name)
        when = r.period or "—"
        cells = [pos] + ([f"{name}\n{when}"] if stacked else [name, when]) + [bounds_text(r.total_bounds, fw),
                 escape(r.grade_zh if zh else r.grade)] + ([escape(_pathway(r.pathway, zh, fw))] if typed else [])
        if table3:
            cells.append(escape(_pathway(r.pathway_table3 or "", zh, fw)))
        table.add_row(*cells, cov)
    heads = [c.header for c in table.columns]  # what folds first on a narrow terminal
    _fit_to_terminal(table, [heads.index(h) for h in ("总分（上下界）", "total (bounds)", "等级", "grade", "表3类型",
                                                      "Table 3", "发展路径", "pathway", unit, f"{unit}（评估期）",
                                                      f"{unit} (period)") if h in heads])
    out.print(table)
    # with the table, so `lcity cities > file` keeps it; folded between words at a terminal's edge
    _line(_cities_caveat(rows, need, zh, fw.recognition.outcomes.not_ratable.zh))
    if loo and rows and table3:
        _print_loo(fw, rows, zh)


def _print_loo(fw, rows, zh: bool) -> None:
    """The leave-one-out classifier's table, in the table's language: the cities and the Table 3
    types by their names (a Chinese table read 'guangzhou', 'internationalisation')."""
    from rich.table import Table

    from evaluator.benchmark import loo_nearest_city
    from indicators.messages import Msg, say

    from lcity.tables import csv_mode

    acc, loo_rows = loo_nearest_city(fw.ref)
    names = {r.id: (r.name_zh if zh else r.name) or r.id for r in rows}
    lang = "zh" if zh else "en"
    t = Table(title=escape(say(Msg("cities.loo-title", accuracy=f"{acc * 100:.0f}", n=len(loo_rows),
                                   correct=sum(r["correct"] for r in loo_rows)), lang)))
    for h in (("城市", "最近的城市", "距离", "推断类型", "表3类型", "一致") if zh else
              ("city", "nearest", "distance", "predicted", "Table 3", "correct")):
        t.add_column(h, justify="right" if h in ("距离", "distance") else "left")
    yes, no = (("是", "否") if zh else ("yes", "no")) if csv_mode() else ("✓", "×")
    for r in loo_rows:
        t.add_row(escape(names.get(r["city"], r["city"])), escape(names.get(r["nearest"], r["nearest"])),
                  f"{r['distance']:.3f}", escape(_pathway(r["predicted"] or "", zh, fw) or "—"),
                  escape(_pathway(r["table3"] or "", zh, fw) or "—"), yes if r["correct"] else no)
    out.print(t)


@contextmanager
def framework_file_installed(framework: str | None) -> Iterator[None]:
    """While a benchmark runs, a framework given by its file (--framework path/framework.yaml) is
    found by its id too, so that its ``reference-units/`` folder beside it is found as
    docs/frameworks.md section 9 says (without this, it "had no reference units"). An installed
    framework of the same id and version still comes first. The framework's folder, which --framework
    takes as well, is the same: given as a folder, its units were "none" and `lcity cities` and
    `sensitivity` refused the framework as not installed (G29-T5)."""
    path = Path(framework) if framework and framework.endswith((".yaml", ".yml")) else None
    if path is None and framework and (Path(framework) / "framework.yaml").is_file():
        path = Path(framework) / "framework.yaml"
    if path is None or not path.is_file():
        yield
        return
    before = os.environ.get("LCITY_FRAMEWORK_PATH")
    os.environ["LCITY_FRAMEWORK_PATH"] = os.pathsep.join(filter(None, [before, str(path.resolve().parent)]))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("LCITY_FRAMEWORK_PATH", None)
        else:
            os.environ["LCITY_FRAMEWORK_PATH"] = before


@guarded
def benchmark(
    file: Annotated[Path, typer.Argument(help="self-assessment: .yaml, or .xlsx from lcity init --format xlsx; - reads stdin")],
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="table, json or csv (the table as CSV)")] = TableOrJson.table,
    lang: Annotated[Optional[Lang], typer.Option("--lang", help="language of the table (default: the file's lang:, "
                                                 "else the framework's language, else zh)")] = None,
    framework: Annotated[Optional[str], typer.Option("--framework", help="override the file's framework line")] = None,
) -> None:
    """Rank a unit among the reference units of its framework, overall and per dimension; peers, pathway, models to learn from.

    A unit is compared only with reference units of the same framework (the packaged China
    framework: its 12 reference cities). A framework without reference units gives no benchmark:
    the command says so and exits 0 (JSON: "reference_units": 0).

    Example: lcity benchmark examples/qingshi-district.yaml --lang en
    """
    from evaluator.benchmark import benchmark as run_benchmark

    result, loaded = load_scored(file, framework)
    with framework_file_installed(framework):
        bench = run_benchmark(result, loaded.framework)
    zh = unit_lang(lang, loaded) == "zh"
    _note_skipped(bench.skipped, zh)
    if fmt == TableOrJson.json:
        if not bench.reference_units:  # nobody to rank against: no rank (a script read '1 of 1' as first)
            import json

            doc = bench.model_dump(mode="json")
            doc["rank"] = doc["of"] = None
            for row in doc["dimensions"] + doc["table"]:
                row["rank"] = None
            return write_json_text(json.dumps(doc, ensure_ascii=False, indent=2))
        if any(d.max <= 0 for d in bench.dimensions):
            import json

            # a dimension none of whose indicators applies to the unit drops out: no rank (it was
            # 'best 4, worst 4 of 4', last, for a dimension the unit is not asked about)
            doc = bench.model_dump(mode="json")
            for row in doc["dimensions"]:
                if row["max"] <= 0:
                    row["rank"] = None
            return write_json_text(json.dumps(doc, ensure_ascii=False, indent=2))
        write_json_text(bench.model_dump_json(indent=2))
        return
    name = bench.city_zh if zh else bench.city
    if bench.reference_units == 0:
        out.print(_no_units_message(bench.framework, zh, name), soft_wrap=False)  # folded at a terminal's edge
        return
    _benchmark_table(bench, zh, loaded.framework, result)


def _level_with_average(p, fw) -> bool:
    """The leading type of pathway ``p`` stands within about a point of the unit's own average."""
    from evaluator.pathways import near_average

    lead = next((sc.score for sc in p.scores if sc.id == p.leading), None)
    spec = fw.pathways if fw is not None else None
    return p.type == "mixed" and spec is not None and lead is not None and len(spec.types) > 1 \
        and near_average(lead, spec.flat_min)


def _practice_named(fw, result, e, zh: bool) -> str:
    """A practice that stands out, by what the unit holds (``reports.context_pathway.practice_named``)."""
    if fw is None or result is None:
        return e.practice_zh if zh else e.practice
    from reports.context_pathway import practice_named

    level = result.city.level
    try:
        ind = fw.indicator(e.indicator).at_level(level, fw.unit_name(level))
    except KeyError:
        ind = None
    return practice_named(fw, ind, e, "zh" if zh else "en")


def _print_peers(peers, zh: bool, nearest: float | None = None) -> None:
    """The nearest reference units, each with its distance and how many indicators both answered,
    and a line saying what the distance is (a bare 0.52 told the reader nothing); when even the
    nearest is no closer than random shares would be, a line says none is similar (G18-A9)."""
    from evaluator.benchmark import LEVEL_PENALTY, MIN_COMMON, REGION_PENALTY, SIMILAR_GAP

    if not peers:
        _line(f"最相近的参照单位：无，与任何参照单位共同作答的指标都不足 {MIN_COMMON} 项" if zh else
              f"Nearest peers: none, no reference unit answered {MIN_COMMON} or more of the same indicators")
        return
    if zh:
        listed = "、".join(f"{p.name_zh}（距离 {p.distance:.2f}，{p.common} 项共同指标）" for p in peers)
        _line(f"最相近的参照单位：{listed}", hang=2)
        _line(f"  距离：双方都作答的指标上得分率之差的均方根（0 至 1，越小越相近）；层级不同加 {LEVEL_PENALTY:g}，"
              f"地区不同加 {REGION_PENALTY:g}", hang=4)
    else:
        listed = ", ".join(f"{p.name} (distance {p.distance:.2f}, {p.common} common indicators)" for p in peers)
        _line(f"Nearest peers: {listed}", hang=2)
        _line(f"  distance: the root-mean-square gap of the shares on the indicators both answered (0 to 1, "
              f"smaller is closer), plus {LEVEL_PENALTY:g} for another level and {REGION_PENALTY:g} for another region",
              hang=4)
    if nearest is not None and nearest + 1e-9 >= SIMILAR_GAP:
        _line(f"  没有得分结构相近的参照单位：不计层级和地区，差距最小的也有 {nearest:.2f}，不小于两组随机得分率之间的平均差距"
              f"（约 {SIMILAR_GAP:.2f}）" if zh else
              f"  none scores similarly: without the level and region terms the nearest is {nearest:.2f} apart, no closer "
              f"than two random sets of shares are on average (about {SIMILAR_GAP:.2f})", hang=4)


def _median_n(median: str, n: int, zh: bool) -> str:
    """A dimension's reference median with how many reference units it is of: '24%（n=3）' in a
    Chinese table (full-width brackets, as the report's catalog writes it), '24% (n=3)' in English."""
    return f"{median}（n={n}）" if zh else f"{median} (n={n})"


#: the fewest cells the dimension names fold into before the best reference folds too
NAMES_MIN = 12


def _fit_names(table, needs: list[int], best_words: list[int], at: int = 4) -> None:
    """On a terminal, the dimension names fold into what the other columns leave at their full
    width; on a very narrow one the best reference folds too ('武汉市' over '100%'). Rich, left to
    itself, cut every column evenly (at 80 columns the English names kept 50 cells and the gap
    column was cut to nothing; a best reference read '武汉市 100'), or drew the table wider than
    the terminal. Piped, nothing folds: full names, one row per line."""
    if not _folds():
        return
    room = out.width - (len(table.columns) * 3 + 1) - sum(needs[1:])
    if room < NAMES_MIN:
        best = table.columns[at]  # the best reference's column
        best.min_width, best.no_wrap, best.overflow = None, False, "fold"
        room += needs[at] - max(best_words, default=needs[at])
    table.columns[0].max_width = max(4, room)


def _could_reach(fw, zh: bool, listed: bool) -> str:
    """Why a low dimension with unknown answers is not named among the weakest: its unknowns could
    lift it to the framework's floor, or, under a framework without one, to the weak line the
    report uses (evaluator.benchmark.low_line). '… to the floor' of a framework with
    ``dimension_floor: 0`` named a floor there is none of (G1 audit #8)."""
    from evaluator.benchmark import low_line

    floor = float(fw.recognition.dimension_floor) if fw is not None else 0.0
    line = f"{low_line(fw) * 100:g}%" if fw is not None else ""
    if floor > 0 or fw is None:
        if listed:
            return (f"有数据不详的指标，补齐后可能达到{line}的底线" if zh else
                    f"unknown answers that could lift them to the {line} floor")
        return ("得分率低的维度都有数据不详的指标，补齐后可能达到底线" if zh else
                "every low dimension has unknown answers that could lift it to the floor")
    if listed:
        return (f"有数据不详的指标，补齐后得分率可能达到{line}" if zh else
                f"unknown answers that could lift them to {line} of their points")
    return (f"得分率低的维度都有数据不详的指标，补齐后得分率可能达到{line}" if zh else
            f"every low dimension has unknown answers that could lift it to {line} of its points")


def _print_left_out(bench, zh: bool, fw) -> None:
    """Under the weakest dimensions' heading, the lower dimensions of the table above that the list
    leaves out and why: without it c-qinglan's 'L 42%, J 66%, A 75%' read as the lowest while B 50%
    and G 33% stood above it (readings3 #10)."""
    open_, none = getattr(bench, "weakest_open", []), getattr(bench, "weakest_unanswered", [])
    full = getattr(bench, "weakest_full", [])
    if not (open_ or none or full):
        return
    sep = "、" if zh else ", "
    parts = ([f"{sep.join(open_)}（{_could_reach(fw, zh, True)}）" if zh else
              f"{sep.join(open_)} ({_could_reach(fw, zh, True)})"] if open_ else []) \
        + ([f"{sep.join(none)}（没有已填报的指标）" if zh else f"{sep.join(none)} (no answers)"] if none else []) \
        + ([f"{sep.join(full)}（未失分）" if zh else f"{sep.join(full)} (no points lost)"] if full else [])
    _line("  " + (("未列入：" + "；".join(parts)) if zh else ("not listed: " + "; ".join(parts))), hang=4)


def _pending_note(result, zh: bool, fw) -> None:
    """The points of the total that rest on figures beyond the plausible range (``recognition.pending``),
    said beside the rank: Jingang ranked "第1–10位" on 720,000 platform users among 450,000 residents,
    the summary's "不计其得分，总分为83.5分" nowhere in ``lcity benchmark`` (G27A-4)."""
    rec = getattr(result, "recognition", None)
    ids = list(getattr(rec, "pending", None) or ())
    if not ids:
        return
    from evaluator.rounding import shown_total, total_limits

    pts = sum(r.score for r in result.indicators if r.id in ids)
    rest = shown_total(result.total - pts, total_limits(fw)) if fw is not None else f"{result.total - pts:.1f}"
    shown = f"{round(pts, 2):g}"
    _line(f"注：总分中{shown}分来自超出常见范围、须经专家组核实的填报（{'、'.join(ids)}）；不计其得分，总分为{rest}分，"
          "名次以核实后的总分为准。" if zh else
          f"Note: {shown} points of the total rest on figures beyond the plausible range that the panel must verify "
          f"({', '.join(ids)}); without them the total is {rest}, and the rank stands only once they are verified.")


def _weak_share(d, zh: bool) -> str | None:
    """A weakest dimension's share on the basis of the table above it, where the unit left some of it
    unknown: "D (15%)" under a table reading D 19% on the answered indicators was the same dimension
    counted two ways, the first with its unknowns as zeros, which the note below says they are not.
    None where the unit answered all of it (both bases agree)."""
    if d is None or d.known_share is None or d.answered >= 1 - 1e-9:
        return None
    from evaluator.rounding import shown_share

    known, part = f"{shown_share(d.known_share)}%", _share(d.answered)
    return (f"已填报指标得分率 {known}，已填报 {part} 的分值" if zh
            else f"{known} on the answered indicators, {part} of its points answered")


def _benchmark_table(bench, zh: bool, fw, result=None) -> None:
    """The terminal view of a benchmark: headline with bounds and rank interval, dimensions with how
    many reference units have data, the comparison on common indicators, peers, weakest dimensions,
    and the caveat, all on stdout."""
    from rich.table import Table  # only for the table: JSON output never imports it

    name = bench.city_zh if zh else bench.city
    out.print(("参照单位：{}（{} 个）" if zh else "Reference units: {} ({})").format(
        escape(bench.reference_set_zh if zh else bench.reference_set), bench.reference_units), soft_wrap=False)
    grade = ("，数据不足，不予定级（覆盖率 {:.0f}%）" if zh else "; not ratable (coverage {:.0f}%)").format(
        bench.coverage * 100) if not bench.ratable else ""
    from evaluator.rounding import shown_dimension_share, shown_total, total_limits

    # the total, its bounds and the unit's shares as ``lcity score`` and the report print them: 89.96
    # (良好, below 优秀's 90) is not "90.0", D at 59.95 % (below the 60 % floor) is not "60%"
    total = shown_total(bench.total, total_limits(fw)) if fw is not None else f"{bench.total:.1f}"
    floor = fw.recognition.dimension_floor if fw is not None else 0.0

    def own(share):  # the unit's own dimension share
        return _share(share) if share is None else shown_dimension_share(share, floor)

    # bounds only where an unknown answer makes them two figures: "90.9（上下界 90.9）" said nothing (G19-A10)
    bounds = bounds_text(bench.total_bounds, fw)
    bounds = "" if "–" not in bounds else (f"（上下界 {bounds}）" if zh else f" (bounds {bounds})")
    out.print(f"[bold]{escape(name)}[/bold]{'：总分' if zh else ': total'} {total}" + bounds
              + grade + (f"，名次 [bold]{rank_text(bench.rank, True)}[/bold]" if zh else
                         f", [bold]{rank_text(bench.rank, False)}[/bold]"), soft_wrap=False)
    if bench.level_note:  # a district among whole cities: said before any rank is read (G16 #2)
        _line(bench.level_note_zh if zh else bench.level_note)
    _pending_note(result, zh, fw)
    # one basis on both sides: each share on the indicators of the dimension it answered (the unit's
    # with the part of the dimension that is); with its unknowns at 0, a unit answering exactly what
    # Shanghai publishes read 49 % beside Shanghai's 98 %
    title = ("分维度比较（得分率均按已填报的指标计算；只计该维度有数据的参照单位）" if zh else
             "By dimension (shares on the indicators answered; reference units with data there)")
    from rich.cells import cell_len

    if _folds() and cell_len(title) > out.width:  # Rich does not fold a title: the terminal broke it mid-word
        title = title.replace("（", "\n（", 1) if zh else title.replace("; ", ";\n", 1)
    t = Table(title=title)
    from rich.cells import cell_len

    from evaluator.rounding import shown_share

    # the part of each dimension the unit answered, beside its share, where it left some unknown
    partial = any(d.share is not None and d.answered < 1 - 1e-9 for d in bench.dimensions)
    # the same pair of terms as the report's 三 and 附件2: the share on the answered indicators, and
    # the answered part of the points it rests on (a heading '已填报' read as the one or the other);
    # on a terminal each heading takes two lines, piped one
    sep = "\n" if _folds() else ""
    heads = (("维度", f"已填报指标{sep}得分率", f"已填报的{sep}分值占比", "名次", "中位数（n）", "最佳参照", "差距") if zh else
             ("dimension", f"share on{sep or ' '}answered", f"answered{sep or ' '}part", "rank", "median (n)",
              "best reference", "gap"))
    if not partial:
        heads = (heads[0], "得分率" if zh else "share") + heads[3:]

    def thin(d) -> bool:  # answered something, but less of the dimension than a reference unit must
        return bool(d.n and d.known_share is not None and not d.comparable)

    def known(d) -> str:  # the unit's share on its answered indicators: its share where it answered all
        if d.known_share is None:
            return "—"
        if d.share is not None and abs(d.known_share - d.share) <= 1e-12:
            return own(d.share)
        text = f"{shown_share(d.known_share)}%"
        # in brackets, and no gap, where it rests on too little to set beside the reference figures
        return (f"（{text}）" if zh else f"({text})") if thin(d) else text

    rows = []
    for d in bench.dimensions:
        # no rank where there is nothing to place (no reference data), or nothing of the dimension
        # is asked of the unit (every indicator not applicable: it drops out, its max is 0)
        rank = "—" if d.n == 0 or d.max <= 0 else (f"{d.rank.best}" if d.rank.exact else f"{d.rank.best}–{d.rank.worst}") + f"/{d.rank.of}"
        best = (d.best_city_name_zh if zh else d.best_city_name)
        # no reference unit with data here: nothing to compare, so no median, best or gap ('—', not 0.0)
        part = ("—" if d.share is None else _share(d.answered),) if partial else ()
        rows.append((f"{d.id} {escape(d.name_zh if zh else d.name)}", known(d), *part, rank,
                     _median_n(_share(d.median_share), d.n, zh) if d.n else "—",
                     f"{escape(best)} {_share(d.best_share)}" if best else "—",
                     "—" if d.gap_points is None or thin(d) else f"{d.gap_points:.1f}"))
    needs = [max(*(cell_len(x) for x in h.split("\n")), *(cell_len(r[i]) for r in rows)) for i, h in enumerate(heads)]
    for i, h in enumerate(heads):  # the figures keep their width; the dimension names fold (_fit_names)
        t.add_column(h, no_wrap=i != 0, overflow="fold" if i == 0 else "ellipsis", min_width=None if i == 0 else needs[i])
    best = len(heads) - 2
    _fit_names(t, needs, [cell_len(w) for text in (heads[best], *(r[best] for r in rows)) for w in text.split()], best)
    if _folds() and t.columns[0].max_width:  # a Chinese name folds between characters, its id kept on its
        from lcity.tables import _wrapped  # first line (Rich put 'A' alone above '政策蓝图与组织')

        width = t.columns[0].max_width
        rows = [("\n".join(_wrapped(r[0], width - 1, least=4)), *r[1:]) for r in rows]
    for r in rows:
        t.add_row(*r)
    out.print(t)
    if any(thin(d) for d in bench.dimensions):
        from evaluator.benchmark import DOCUMENTED

        need = f"{DOCUMENTED * 100:.0f}%"
        ids = ("、" if zh else ", ").join(d.id for d in bench.dimensions if thin(d))
        _line(f"{ids}：已填报的分值占比不到该维度的{need}（参照单位计入比较须达到的比例），括号中的得分率依据太少，"
              "不与参照单位比较，不计差距。" if zh else
              f"{ids}: the answered part of the points is below the {need} of the dimension a reference "
              "unit needs to be compared; the share in brackets rests on too little to compare with them, "
              "and no gap is given.")
    c = Table(title="共同作答指标上的比较" if zh else "On the indicators both answered")
    # each reference unit's share is for the years of its period: a column of its own, or under the
    # unit's name on a terminal too narrow for that column (long names: 'Saltholm Municipality')
    heads = (("参照单位", "评估期", "共同指标", "本单位得分率", "参照得分率", "总分区间") if zh else
             ("reference unit", "period", "common", "unit's share", "their share", "totals"))
    from rich.cells import cell_len

    words = {"above": ("高于", "above"), "below": ("低于", "below"), "undecided": ("有重叠", "overlap")}
    cells = [[escape(x.name_zh if zh else x.name), x.period or "—", str(x.common), _share(x.share),
              _share(x.ref_share), words[x.position][0 if zh else 1]] for x in bench.comparisons]
    wide = sum(max(cell_len(t) for t in column) for column in zip(heads, *cells)) + 3 * len(heads) + 1
    stacked = _folds() and wide > out.width
    for h in heads:
        if h in ("评估期", "period") and stacked:
            continue
        first = h in ("参照单位", "reference unit")
        c.add_column((f"{h}（评估期）" if zh else f"{h} (period)") if first and stacked else h, no_wrap=True,
                     justify="left" if first else "right")
    for name, when, *rest in cells:
        c.add_row(*([f"{name}\n{when}"] if stacked else [name, when]), *rest)
    out.print(c)
    _print_peers(bench.peers, zh, bench.nearest_gap)
    if bench.pathway:
        p = bench.pathway
        stand = [e for e in p.evidence if e.pathway == (p.leading or "") and e.vs_own > 0]
        # each with its indicator, which the note on a dimension below the floor names
        sigs = ("；" if zh else "; ").join(f"{e.indicator} {_practice_named(fw, result, e, zh)}" for e in stand)
        # only what the classification found: with no pathway signal there is no leader, runner-up or
        # margin to print ('无法判定（领先：—，次之：—，差距—个百分点）' read as a form left blank)
        lead = escape(_pathway(p.leading or '', zh, fw))
        second = escape(_pathway(p.runner_up or '', zh, fw))
        from evaluator.rounding import pathway_margin

        margin = None if p.margin is None or p.type == "undetermined" else pathway_margin(p.margin, fw)
        parts = ([f"领先：{lead}" if zh else f"leading {lead}"] if lead else []) \
            + ([f"次之：{second}" if zh else f"runner-up {second}"] if lead and second else []) \
            + ([f"差距{margin}个百分点" if zh else f"margin {margin} percentage point{'' if margin == '1' else 's'}"]
               if lead and second and margin else [])
        detail = (f"（{'，'.join(parts)}）" if zh else f" ({', '.join(parts)})") if parts else ""
        out.print(f"发展路径：[bold]{escape(p.name_zh)}[/bold]{detail}" if zh
                  else f"Pathway: [bold]{escape(p.name)}[/bold]{detail}", soft_wrap=False)
        _line(f"  {p.reason_zh if zh else p.reason}")
        if sigs:
            # where no type stands out from the unit's average (G19-A5), its practices above that
            # average are not called "突出" right under the sentence that says none stands out
            level = _level_with_average(p, fw)
            label = ("高于本单位平均水平的做法：" if level else "突出的做法：") if zh else \
                ("practices above the unit's own average: " if level else "practices that stand out: ")
            _line(f"  {label}{sigs}", hang=4)
            # a practice in a dimension below the floor is not that dimension's strength (G18-B9)
            if fw is not None and result is not None:
                from reports.catalog import load_catalog
                from reports.context_pathway import low_dimension_notes

                for note in low_dimension_notes(result, fw, stand, load_catalog("zh" if zh else "en")):
                    _line(f"  {note}", hang=4)
    models = fw is None or any(i.exemplars for i in fw.indicators())
    # "three" only when three are named: a dimension that lost no points is not among the weakest (G19-B7);
    # "only N" only when fewer are named than the framework's dimensions allow (two of three, G29-T)
    from evaluator.benchmark import weakest_most

    most = weakest_most(len(result.dimensions)) if result is not None else 3
    three = len(bench.weakest) >= 3
    heading = ("最弱的三个维度" if three else "最弱的维度") if zh else \
        ("Three weakest dimensions" if three else "Weakest dimensions")
    if not models:  # a framework that names no model practices at all: said once, not per dimension
        out.print("[bold]" + heading + "[/bold]"
                  + ("（本框架未列出可借鉴的做法）" if zh else " (the framework names no model practices)"), soft_wrap=False)
    else:
        out.print("[bold]" + heading + ("及可借鉴的做法" if zh else " and whom to learn from") + "[/bold]", soft_wrap=False)
    open_or_none = getattr(bench, "weakest_open", []) or getattr(bench, "weakest_unanswered", [])
    if bench.weakest or not open_or_none:  # with none named for want of data, the line below says why
        _print_left_out(bench, zh, fw)
    if bench.weakest and len(bench.weakest) < most:
        ids = ("、" if zh else ", ").join(w.id for w in bench.weakest)
        _line("  " + (f"可列为最弱的维度只有{len(bench.weakest)}个：{ids}" if zh else
                      f"only {len(bench.weakest)} {'dimension' if len(bench.weakest) == 1 else 'dimensions'} "
                      f"can be named among the weakest: {ids}"), hang=4)
    if not bench.weakest and open_or_none:  # every low dimension is low for want of data (readings3 #12)
        _line("  " + ("尚无法判断：" if zh else "none can be named yet: ") + _could_reach(fw, zh, False), hang=4)
    elif not bench.weakest:
        _line("  " + ("各维度在已填报的指标上均未失分" if zh else "no dimension lost points on the answered indicators"), hang=4)
    for w in bench.weakest:
        share = _weak_share(next((d for d in bench.dimensions if d.id == w.id), None), zh) or own(w.share)
        out.print(f"  {w.id} {escape(w.name_zh)}（{share}）" if zh
                  else f"  {w.id} {escape(w.name)} ({share})", soft_wrap=False)
        for e in w.exemplars:
            _line(f"    → {e.name_zh}（{e.indicator}）：{e.practice_zh}" if zh
                  else f"    → {e.name} [{e.indicator}]: {e.practice}", hang=6)
        if not w.exemplars and models:
            # the models of indicators at full points are not named: say where the points are lost and
            # that no model covers them (a district's losses may all be answers its city gives)
            lost = "、".join(w.lost_in) if zh else ", ".join(w.lost_in)
            if not w.lost_in:
                _line("    → " + ("本维度未失分" if zh else "no points lost here"), hang=6)
            else:
                one = len(w.lost_in) == 1
                _line("    → " + (f"失分在 {lost}，指标体系未列出本单位这一层级在{'这一指标' if one else '这些指标'}上可借鉴的做法"
                                   if zh else f"the points are lost on {lost}; the framework names no model practice "
                                   f"for {'it' if one else 'them'} that a unit of this level can carry out"), hang=6)
    _line(("注：" if zh else "Note: ") + (bench.caveat_zh if zh else bench.caveat))
