"""``lcity cities`` and ``lcity benchmark``: the reference units of a framework, and a unit compared with them.

The packaged china-learning-city framework brings the 12 Chinese GNLC cities; another framework
brings its own (``reference-units/`` beside its framework.yaml) or none, and then both commands say
so and exit 0."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..console import dump_json, err, escape, guarded, out, share as _share, write_json_text
from ..options import Lang, TableOrJson
from .score import load_scored

#: what a unit is when none of its framework's pathway types wins
NO_TYPE = {"mixed": ("混合型", "mixed"), "unclassified": ("未能分类", "unclassified")}


def _pathway(pid: str, zh: bool, fw=None) -> str:
    """A pathway type's name as its framework gives it (``fw.pathways``)."""
    names = fw.pathway_names() if fw is not None else {}
    if pid in names:
        return names[pid].get("zh" if zh else "en")
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


def _note_skipped(skipped, zh: bool) -> None:
    for s in skipped:
        err.print(("注：参照文件 {} 不符合该框架，未纳入比较：{}" if zh else
                   "Note: reference file {} is not valid under this framework and was left out: {}")
                  .format(escape(s.file), escape(s.reason)))


@guarded
def cities(
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="table or json")] = TableOrJson.table,
    lang: Annotated[Lang, typer.Option("--lang", help="language of the table")] = Lang.zh,
    loo: Annotated[bool, typer.Option("--loo", help="also show the leave-one-out nearest-city classifier")] = False,
    framework: Annotated[Optional[str], typer.Option(
        "--framework", help="whose reference units to list (default: the packaged China framework)")] = None,
) -> None:
    """List the reference units of a framework with score, grade, pathway and data coverage.

    By default the 12 reference cities of the packaged framework (China's GNLC members). Reference
    values come from the comparative study or cited public documents; what no source gives is
    'unknown' and scores 0, so read each total together with its coverage.

    Example: lcity cities --format json
    """
    from evaluator.benchmark import LOW_COVERAGE, cities_table, loo_nearest_city, reference_set_name, skipped_units
    from indicators.loader import DEFAULT_FRAMEWORK, load_framework

    fw = load_framework(framework or DEFAULT_FRAMEWORK)
    rows = cities_table(fw.ref)
    zh = lang == Lang.zh
    _note_skipped(skipped_units(fw.ref), zh)
    if not rows and fmt != TableOrJson.json:
        err.print(_no_units_message(fw.ref, zh))
        return
    if fmt == TableOrJson.json:
        dump_json([{"id": r.id, "name": r.name, "name_zh": r.name_zh, "total": round(r.total, 2),
                           "grade": r.grade, "grade_zh": r.grade_zh, "pathway": r.pathway,
                           "pathway_table3": r.pathway_table3, "coverage": round(r.coverage, 3),
                           "confidence": round(r.confidence, 3), "low_coverage": r.low_coverage, "rank": r.rank,
                           "dimensions": {k: (None if v is None else round(v, 3)) for k, v in r.shares.items()}}
                          for r in rows])
        return
    from rich.table import Table  # only for the table: JSON output never imports it

    set_zh, set_en = reference_set_name(fw.ref, fw)
    table = Table(title=f"{len(rows)} 个参照单位：{set_zh}" if zh else f"{len(rows)} reference units: {set_en}")
    table3 = any(r.pathway_table3 for r in rows)  # Table 3 of the comparative study types only China's 12
    for h in (("排名", "城市", "总分", "等级", "发展路径", "表3类型", "数据覆盖率") if zh else
              ("rank", "city", "total", "grade", "pathway", "Table 3", "coverage")):
        if h in ("表3类型", "Table 3") and not table3:
            continue
        table.add_column(h, justify="right" if h in ("总分", "数据覆盖率", "total", "coverage", "排名", "rank") else "left")
    for r in rows:
        cov = f"{r.coverage * 100:.0f}%" + (" [yellow]low[/yellow]" if r.low_coverage else "")
        cells = [str(r.rank), escape(r.name_zh if zh else r.name), f"{r.total:.1f}",
                 escape(r.grade_zh if zh else r.grade), escape(_pathway(r.pathway, zh, fw))]
        if table3:
            cells.append(escape(_pathway(r.pathway_table3 or "", zh, fw)))
        table.add_row(*cells, cov)
    out.print(table)
    err.print(("注:数据覆盖率低于 {:.0f}% 的城市标为 low,其总分主要反映公开资料不足,而非建设水平。" if zh else
               "Note: coverage below {:.0f}% is marked low: such totals mostly reflect missing public data, "
               "not the city's performance.").format(LOW_COVERAGE * 100))
    if loo and rows and not table3:
        err.print("表3仅为比较研究的12个中国城市分型，本框架无留一法分类。" if zh else
                  "Table 3 types only the comparative study's 12 Chinese cities: no leave-one-out classifier for this framework.")
    elif loo and rows:
        acc, loo_rows = loo_nearest_city(fw.ref)
        t = Table(title=f"Leave-one-out nearest-city classifier: accuracy {acc * 100:.0f}% ({sum(r['correct'] for r in loo_rows)}/{len(loo_rows)})")
        for h in ("city", "nearest", "distance", "predicted", "Table 3", "correct"):
            t.add_column(h)
        for r in loo_rows:
            t.add_row(r["city"], r["nearest"], f"{r['distance']:.3f}", r["predicted"], r["table3"], "✓" if r["correct"] else "×")
        out.print(t)


@guarded
def benchmark(
    file: Annotated[Path, typer.Argument(help="self-assessment YAML file")],
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="table or json")] = TableOrJson.table,
    lang: Annotated[Lang, typer.Option("--lang", help="language of the table")] = Lang.zh,
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
    bench = run_benchmark(result, loaded.framework)
    zh = lang == Lang.zh
    _note_skipped(bench.skipped, zh)
    if fmt == TableOrJson.json:
        write_json_text(bench.model_dump_json(indent=2))
        return
    name = bench.city_zh if zh else bench.city
    if bench.reference_units == 0:
        out.print(_no_units_message(bench.framework, zh, name))
        return
    out.print(("参照单位：{}（{} 个）" if zh else "Reference units: {} ({})").format(
        escape(bench.reference_set_zh if zh else bench.reference_set), bench.reference_units))
    out.print(f"[bold]{escape(name)}[/bold]: {'总分' if zh else 'total'} {bench.total:.1f}, "
              f"{'排名' if zh else 'rank'} {bench.rank}/{bench.of} ({'百分位' if zh else 'percentile'} {bench.percentile:.0f})")
    from rich.table import Table  # only for the table: JSON output never imports it

    t = Table(title="分维度排名" if zh else "By dimension")
    for i, h in enumerate(("维度", "得分率", "排名", "参照中位数", "最佳城市", "最佳得分率", "差距(分)") if zh else
                          ("dimension", "share", "rank", "ref. median", "best city", "best share", "gap (points)")):
        t.add_column(h, no_wrap=True, overflow="ellipsis", max_width=28 if i == 0 else None)
    for d in bench.dimensions:
        t.add_row(f"{d.id} {escape(d.name_zh if zh else d.name)}", _share(d.share), f"{d.rank}/{d.of}",
                  _share(d.median_share), escape((d.best_city_name_zh if zh else d.best_city_name) or "—"),
                  _share(d.best_share), f"{d.gap_points:.2f}")
    out.print(t)
    peers = ", ".join(f"{p.name_zh if zh else p.name} ({p.distance:.2f}{', low coverage' if p.low_coverage else ''})"
                      for p in bench.peers)
    out.print(f"{'最相近的参照城市' if zh else 'Nearest peers'}: {escape(peers)}")
    if bench.pathway:
        p = bench.pathway
        sigs = "; ".join(s.label_zh if zh else s.label for s in p.signals if s.pathway == (p.leading or ""))
        out.print(f"{'发展路径' if zh else 'Pathway'}: [bold]{escape(p.name_zh if zh else p.name)}[/bold] "
                  f"({'次之' if zh else 'runner-up'} {escape(_pathway(p.runner_up or '', zh, loaded.framework)) or '—'}, "
                  f"{'差距' if zh else 'margin'} {p.margin:.2f}, {'置信度' if zh else 'confidence'} {p.confidence:.2f})")
        if sigs:
            out.print(f"  {'依据' if zh else 'signals'}: {escape(sigs)}")
    out.print("[bold]" + ("最弱的三个维度及可借鉴的参照城市" if zh else "Three weakest dimensions and whom to learn from") + "[/bold]")
    for w in bench.weakest:
        out.print(f"  {w.id} {escape(w.name_zh if zh else w.name)} ({_share(w.share)})")
        for e in w.exemplars:
            out.print(f"    → {escape(e.name_zh if zh else e.name)} [{e.indicator}]: {escape(e.practice_zh if zh else e.practice)}")
        if not w.exemplars:
            out.print("    → " + ("框架未列出该维度的参照案例" if zh else "the framework names no model city for this dimension"))
    low = [r for r in bench.table if r.low_coverage and not r.is_subject]
    if low:
        err.print(("注:{} 个参照单位的数据覆盖率低于 50%,其排名仅供参考。" if zh else
                   "Note: {} reference units have data coverage below 50%; their ranks are indicative only.").format(len(low)))
