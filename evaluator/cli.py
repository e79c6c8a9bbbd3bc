"""The ``lcity`` command line: a thin layer over the Python API, one command per function.

Conventions: machine output (``--format json``) goes to stdout and nothing else does; messages,
progress and summaries go to stderr. Exit codes: 0 success (warnings allowed); 1 the input is
invalid or has findings; 2 a file cannot be read, is unsafe, would be overwritten, or the command
was misused; 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Callable, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from indicators.problems import InputError, Problem

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

app = typer.Typer(
    name="lcity",
    help="Learning-city self-assessment and evaluation engine.\n\n"
    "Quick start: lcity init -o my-district.yaml --city 西城区, fill it in, then "
    "lcity validate my-district.yaml.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


class TableOrJson(str, Enum):
    table = "table"
    json = "json"


def print_problems(problems: list[Problem]) -> None:
    for p in problems:
        colour = "red" if p.severity == "error" else "yellow"
        loc = escape(f"{p.file}:{p.line}:{p.col}:")
        hint = f" [dim]({escape(p.hint)})[/dim]" if p.hint else ""
        err.print(f"{loc} [{colour}]{p.severity}[/{colour}] {escape(p.rule)}: {escape(p.message)}{hint}")


def fail(problems: list[Problem]) -> None:
    print_problems(problems)
    raise typer.Exit(2 if any(p.fatal for p in problems) else 1)


def guarded(fn: Callable) -> Callable:
    """Turns user mistakes into messages and exit codes; never shows a traceback for them."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except InputError as exc:
            fail(exc.problems)
        except KeyboardInterrupt:
            err.print("interrupted")
            raise typer.Exit(130)
        except BrokenPipeError:
            raise typer.Exit(0)
        except Exception as exc:  # a bug, not a user mistake
            if os.environ.get("LCITY_DEBUG"):
                raise
            err.print(f"[red]internal error[/red]: {escape(type(exc).__name__)}: {escape(str(exc))}")
            err.print("[dim]This is a bug in lcity. Run again with LCITY_DEBUG=1 for details and report it.[/dim]")
            raise typer.Exit(3)

    return wrapper


# --- frameworks -----------------------------------------------------------------------------


@app.command()
@guarded
def frameworks(
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="table or json")] = TableOrJson.table,
) -> None:
    """List the indicator frameworks found (packaged, and in LCITY_FRAMEWORK_PATH).

    Example: lcity frameworks
    """
    from indicators.loader import available, load_framework

    rows = []
    for ff in available():
        try:
            fw = load_framework(ff.path)
            rows.append({"id": fw.id, "version": fw.version, "ref": fw.ref, "name": fw.name.en,
                         "name_zh": fw.name.zh, "dimensions": len(fw.dimensions),
                         "indicators": len(fw.indicators()), "points": fw.total_points,
                         "path": str(ff.path), "problems": 0})
        except InputError as exc:
            rows.append({"id": ff.id, "version": ff.version, "ref": ff.ref, "name": "(invalid)",
                         "name_zh": "", "dimensions": 0, "indicators": 0, "points": 0,
                         "path": str(ff.path), "problems": len(exc.problems)})
    if fmt == TableOrJson.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title="Frameworks")
    for col in ("framework", "name", "dimensions", "indicators", "points", "path"):
        table.add_column(col)
    for r in rows:
        name = f"{r['name_zh']} / {r['name']}" if r["name_zh"] else f"[red]{r['name']}: {r['problems']} problems[/red]"
        table.add_row(escape(r["ref"]), name, str(r["dimensions"]), str(r["indicators"]),
                      f"{r['points']:g}", escape(r["path"]))
    out.print(table)


# --- schema ---------------------------------------------------------------------------------


class SchemaKind(str, Enum):
    assessment = "assessment"
    framework = "framework"
    review = "review"


@app.command()
@guarded
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="assessment, framework or review")] = SchemaKind.assessment,
    framework: Annotated[str, typer.Option("--framework", help="framework id@version or path")] = "china-learning-city@1",
    lang: Annotated[Lang, typer.Option("--lang", help="language of descriptions")] = Lang.en,
) -> None:
    """Print a JSON Schema (draft-07) for editor autocompletion.

    Example: lcity schema assessment > assessment.schema.json, then put
    '# yaml-language-server: $schema=assessment.schema.json' at the top of your YAML file.
    """
    from . import schema as schemas

    if kind == SchemaKind.framework:
        doc = schemas.framework_schema()
    elif kind == SchemaKind.review:
        doc = schemas.review_schema()
    else:
        from indicators.loader import load_framework

        doc = schemas.assessment_schema(load_framework(framework), lang.value)
    print(json.dumps(doc, ensure_ascii=False, indent=2))


# --- init -----------------------------------------------------------------------------------


@app.command()
@guarded
def init(
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="file to write (default: print)")] = None,
    city: Annotated[Optional[str], typer.Option("--city", help="name of the city or district, e.g. 西城区")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="language of the comments")] = Lang.zh,
    framework: Annotated[str, typer.Option("--framework", help="framework id@version or path")] = "china-learning-city@1",
    force: Annotated[bool, typer.Option("--force", help="replace an existing file")] = False,
) -> None:
    """Write a commented self-assessment template to fill in.

    Example: lcity init -o xicheng-2025.yaml --city 西城区 --lang zh
    """
    from indicators.loader import load_framework, resolve

    from .output import refuse_existing, write_atomic
    from .template import render_template

    fw = load_framework(framework)
    fw_path = resolve(framework) if not framework.endswith((".yaml", ".yml")) else Path(framework)
    schema_file = fw_path.resolve().parent / "assessment.schema.json"
    text = render_template(fw, city=city, lang=lang.value, schema_path=schema_file if schema_file.exists() else None)
    if output is None:
        sys.stdout.write(text)
        return
    refuse_existing(output, force)
    write_atomic(output, text, force=force)
    err.print(f"wrote {escape(str(output))}: {len(fw.indicators())} indicators to answer. "
              f"Next: fill it in, then run [bold]lcity validate {escape(str(output))}[/bold]")


# --- validate -------------------------------------------------------------------------------


@app.command()
@guarded
def validate(
    files: Annotated[Optional[list[Path]], typer.Argument(help="assessment files to check")] = None,
    fmt: Annotated[TextOrJson, typer.Option("--format", "-f", help="text or json")] = TextOrJson.text,
    framework: Annotated[Optional[str], typer.Option("--framework", help="override the file's framework line")] = None,
    rules: Annotated[bool, typer.Option("--rules", help="list every rule id and what it checks, then stop")] = False,
) -> None:
    """Check self-assessments and report every problem with file:line:column.

    Exit code: 0 valid (warnings allowed), 1 invalid, 2 unreadable or unsafe.

    Example: lcity validate xicheng-2025.yaml (lcity validate --rules explains the rule ids)
    """
    from .reading import read

    if rules:
        from .checks import rule_docs

        docs = rule_docs()
        if fmt == TextOrJson.json:
            print(json.dumps(docs, ensure_ascii=False, indent=2))
        else:
            for rule_id, text in docs.items():
                print(f"{rule_id:18} {text}")
        return
    if not files:
        raise InputError([Problem("lcity validate", 1, 1, "error", "usage", "no file given",
                                  "e.g. lcity validate xicheng-2025.yaml", fatal=True)])

    all_problems: list[Problem] = []
    worst = 0
    for f in files:
        try:
            loaded = read(f, framework=framework)
            problems = loaded.problems
            code = 1 if loaded.errors or not loaded.ok else 0
        except InputError as exc:
            problems = exc.problems
            code = 2 if exc.fatal else 1
        worst = max(worst, code)
        all_problems += problems
        if fmt == TextOrJson.text:
            for p in problems:
                print(p.text())
            n_err = sum(p.severity == "error" for p in problems)
            n_warn = len(problems) - n_err
            verdict = "[green]valid[/green]" if code == 0 else ("[red]invalid[/red]" if code == 1 else "[red]unreadable[/red]")
            err.print(f"{escape(str(f))}: {verdict} — {n_err} errors, {n_warn} warnings")
    if fmt == TextOrJson.json:
        print(json.dumps({"valid": worst == 0, "exit_code": worst,
                          "problems": [p.as_dict() for p in all_problems]}, ensure_ascii=False, indent=2))
    raise typer.Exit(worst)


# --- reference cities and benchmark ---------------------------------------------------------

PATHWAY_NAMES = {"balanced": ("均衡发展型", "balanced"), "internationalisation": ("国际化导向型", "internationalisation"),
                 "industry": ("产业驱动型", "industry"), "culture": ("文化赋能型", "culture"),
                 "mixed": ("混合型", "mixed"), "unclassified": ("未能分类", "unclassified")}


def _pathway(pid: str, zh: bool) -> str:
    names = PATHWAY_NAMES.get(pid, (pid, pid))
    return names[0] if zh else names[1]


@app.command()
@guarded
def cities(
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="table or json")] = TableOrJson.table,
    lang: Annotated[Lang, typer.Option("--lang", help="language of the table")] = Lang.zh,
    loo: Annotated[bool, typer.Option("--loo", help="also show the leave-one-out nearest-city classifier")] = False,
) -> None:
    """List the 12 reference cities (China's GNLC members) with score, grade, pathway and data coverage.

    Reference values come from the seed paper or cited public documents; what no source gives is
    'unknown' and scores 0, so read each total together with its coverage.

    Example: lcity cities --format json
    """
    from .benchmark import LOW_COVERAGE, cities_table, loo_nearest_city

    rows = cities_table()
    if fmt == TableOrJson.json:
        print(json.dumps([{"id": r.id, "name": r.name, "name_zh": r.name_zh, "total": round(r.total, 2),
                           "grade": r.grade, "grade_zh": r.grade_zh, "pathway": r.pathway,
                           "pathway_table3": r.pathway_table3, "coverage": round(r.coverage, 3),
                           "confidence": round(r.confidence, 3), "low_coverage": r.low_coverage, "rank": r.rank,
                           "dimensions": {k: (None if v is None else round(v, 3)) for k, v in r.shares.items()}}
                          for r in rows], ensure_ascii=False, indent=2))
        return
    zh = lang == Lang.zh
    table = Table(title="12 个参照城市(全球学习型城市网络中国成员)" if zh else "The 12 reference cities (China's GNLC members)")
    for h in (("排名", "城市", "总分", "等级", "发展路径", "表3类型", "数据覆盖率") if zh else
              ("rank", "city", "total", "grade", "pathway", "Table 3", "coverage")):
        table.add_column(h, justify="right" if h in ("总分", "数据覆盖率", "total", "coverage", "排名", "rank") else "left")
    for r in rows:
        cov = f"{r.coverage * 100:.0f}%" + (" [yellow]low[/yellow]" if r.low_coverage else "")
        table.add_row(str(r.rank), escape(r.name_zh if zh else r.name), f"{r.total:.1f}",
                      escape(r.grade_zh if zh else r.grade), _pathway(r.pathway, zh),
                      _pathway(r.pathway_table3 or "", zh), cov)
    out.print(table)
    err.print(("注:数据覆盖率低于 {:.0f}% 的城市标为 low,其总分主要反映公开资料不足,而非建设水平。" if zh else
               "Note: coverage below {:.0f}% is marked low: such totals mostly reflect missing public data, "
               "not the city's performance.").format(LOW_COVERAGE * 100))
    if loo:
        acc, loo_rows = loo_nearest_city()
        t = Table(title=f"Leave-one-out nearest-city classifier: accuracy {acc * 100:.0f}% ({sum(r['correct'] for r in loo_rows)}/{len(loo_rows)})")
        for h in ("city", "nearest", "distance", "predicted", "Table 3", "correct"):
            t.add_column(h)
        for r in loo_rows:
            t.add_row(r["city"], r["nearest"], f"{r['distance']:.3f}", r["predicted"], r["table3"], "✓" if r["correct"] else "×")
        out.print(t)


@app.command()
@guarded
def benchmark(
    file: Annotated[Path, typer.Argument(help="self-assessment YAML file")],
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="table or json")] = TableOrJson.table,
    lang: Annotated[Lang, typer.Option("--lang", help="language of the table")] = Lang.zh,
    framework: Annotated[Optional[str], typer.Option("--framework", help="override the file's framework line")] = None,
) -> None:
    """Rank a city among the 12 reference cities, overall and per dimension; peers, pathway, models to learn from.

    Example: lcity benchmark examples/qingshi-district.yaml --lang en
    """
    from .benchmark import benchmark as run_benchmark

    result, _ = load_scored(file, framework)
    bench = run_benchmark(result)
    if fmt == TableOrJson.json:
        print(bench.model_dump_json(indent=2))
        return
    zh = lang == Lang.zh
    name = bench.city_zh if zh else bench.city
    out.print(f"[bold]{escape(name)}[/bold]: {'总分' if zh else 'total'} {bench.total:.1f}, "
              f"{'排名' if zh else 'rank'} {bench.rank}/{bench.of} ({'百分位' if zh else 'percentile'} {bench.percentile:.0f})")
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
                  f"({'次之' if zh else 'runner-up'} {_pathway(p.runner_up or '', zh) or '—'}, "
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
        err.print(("注:{} 个参照城市的数据覆盖率低于 50%,其排名仅供参考。" if zh else
                   "Note: {} reference cities have data coverage below 50%; their ranks are indicative only.").format(len(low)))


# --- expert review --------------------------------------------------------------------------

review_app = typer.Typer(help="Expert panel reviews: write a review form, check a review.\n\nExample: lcity review init x.yaml -o x.review.yaml, fill it in, then lcity review validate x.yaml x.review.yaml", no_args_is_help=True)
app.add_typer(review_app, name="review")


@review_app.command("init")
@guarded
def review_init(
    assessment: Annotated[Path, typer.Argument(help="the self-assessment to review")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="review file to write (default: print)")] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="language of the comments")] = Lang.zh,
    force: Annotated[bool, typer.Option("--force", help="replace an existing file")] = False,
) -> None:
    """Write a review form for an assessment, naming it by city, period and SHA-256.

    Example: lcity review init xicheng-2025.yaml -o xicheng-2025.review.yaml
    """
    from indicators.loader import resolve

    from .output import refuse_existing, write_atomic
    from .reading import read
    from .review import period_text
    from .template import render_review_template

    loaded = read(assessment)
    a, fw = loaded.require()
    schema_file = resolve(fw.ref).resolve().parent.parent / "review.schema.json"
    text = render_review_template(fw, city=a.city.name.zh, period=period_text(loaded), sha256=loaded.sha256,
                                  file=assessment.name, self_answers=a.answers, lang=lang.value,
                                  schema_path=schema_file if schema_file.exists() else None)
    if output is None:
        sys.stdout.write(text)
        return
    refuse_existing(output, force)
    write_atomic(output, text, force=force)
    err.print(f"wrote {escape(str(output))}. Next: record the panel's work, then run "
              f"[bold]lcity report {escape(str(assessment))} --review {escape(str(output))} -o report.pdf[/bold]")


@review_app.command("validate")
@guarded
def review_validate(
    assessment: Annotated[Path, typer.Argument(help="the self-assessment reviewed")],
    reviews: Annotated[list[Path], typer.Argument(help="one or more review files")],
    force: Annotated[bool, typer.Option("--force", help="accept a review whose city, period or SHA-256 does not match")] = False,
    fmt: Annotated[TextOrJson, typer.Option("--format", "-f", help="text or json")] = TextOrJson.text,
) -> None:
    """Check review files against their assessment, with file:line:col for every problem.

    Example: lcity review validate xicheng-2025.yaml xicheng-2025.review.yaml
    """
    from .reading import read
    from .review import read_review

    loaded = read(assessment)
    loaded.require()
    problems: list[Problem] = []
    for r in reviews:
        try:
            problems += read_review(r, loaded, force=force)[1]
        except InputError as exc:
            problems += exc.problems
    code = 2 if any(p.fatal for p in problems) else (1 if any(p.severity == "error" for p in problems) else 0)
    if fmt == TextOrJson.json:
        print(json.dumps({"valid": code == 0, "exit_code": code, "problems": [p.as_dict() for p in problems]},
                         ensure_ascii=False, indent=2))
    else:
        for p in problems:
            print(p.text())
        err.print(f"{len(reviews)} review(s): " + ("[green]valid[/green]" if code == 0 else "[red]invalid[/red]"))
    raise typer.Exit(code)


# --- demo -----------------------------------------------------------------------------------

DEMO_EXAMPLE = "qingshi-district.yaml"


def _free_name(path: Path) -> Path:
    """path, or path with -2, -3 ... appended: the demo never replaces an existing file."""
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1


@app.command()
@guarded
def demo(
    output: Annotated[Path, typer.Option("--output", "-o", help="PDF report to write")] = Path("lcity-demo-report.pdf"),
    lang: Annotated[Lang, typer.Option("--lang", help="language of the table and the report")] = Lang.zh,
) -> None:
    """Validate, score and benchmark the embedded example district, and write its PDF report.

    The example (a fictional district, 青石区) ships inside the package. An existing file is never
    replaced: the demo picks the next free name (lcity-demo-report-2.pdf, ...).

    Example: lcity demo --lang en -o demo.pdf
    """
    import importlib.resources

    from .benchmark import benchmark as run_benchmark
    from .output import write_atomic
    from .pipeline import read_scored

    with importlib.resources.as_file(importlib.resources.files("lcity_examples") / DEMO_EXAMPLE) as example:
        result, loaded = read_scored(example, label=f"examples/{DEMO_EXAMPLE}")
        assessment, fw = loaded.require()
        err.print(f"[bold]1. validate[/bold] examples/{DEMO_EXAMPLE}: [green]valid[/green] "
                  f"({len(assessment.answers)} answers, {len(loaded.problems)} warnings)")
        err.print("[bold]2. score[/bold]")
        print_result(result, lang.value, explain=False)
        bench = run_benchmark(result, fw)
        err.print(f"[bold]3. benchmark[/bold]: rank {bench.rank} of {bench.of} among the 12 reference cities "
                  f"(their public data cover {bench.reference_coverage * 100:.0f}% of the points on average)")
        from reports.render import render_report

        target = _free_name(output)
        pdf = render_report(result, bench, fw, assessment, lang=lang.value)
        write_atomic(target, pdf)
        err.print(f"[bold]4. report[/bold]: wrote [bold]{escape(str(target))}[/bold] ({len(pdf) // 1024} KB). "
                  "Next: lcity init -o my-district.yaml --city <name>")




# --- score ----------------------------------------------------------------------------------


def note_warnings(file: Path, loaded) -> None:
    warnings = [p for p in loaded.problems if p.severity == "warning"]
    if warnings:
        err.print(f"[yellow]{len(warnings)} warnings[/yellow] (unanswered indicators or missing profile figures); "
                  f"run [bold]lcity validate {escape(str(file))}[/bold] to see them")


def load_scored(file: Path, framework: Optional[str] = None, reviews: Optional[list[Path]] = None,
                force: bool = False):
    """Reads, checks and scores a file (verified by reviews if given); invalid input raises
    InputError (exit 1 or 2). Points at `lcity validate` when there are warnings."""
    from .pipeline import read_scored

    result, loaded = read_scored(file, reviews=reviews or [], framework=framework, force=force)
    note_warnings(file, loaded)
    return result, loaded


def _share(x: Optional[float]) -> str:
    return "—" if x is None else f"{x * 100:.0f}%"


def print_result(result, lang: str, explain: bool) -> None:
    zh = lang == "zh"
    name = result.city.name_zh if zh else result.city.name
    table = Table(title=f"{escape(name)} — {escape(result.framework_name_zh if zh else result.framework_name)}")
    heads = ("维度", "名称", "得分", "满分", "得分率", "底线") if zh else ("dim", "name", "score", "points", "share", "floor")
    for h in heads:
        table.add_column(h, justify="right" if h in ("得分", "满分", "得分率", "score", "points", "share") else "left")
    for d in result.dimensions:
        floor = "—" if d.floor_met is None else ("✓" if d.floor_met else "[red]✗[/red]")
        table.add_row(d.id, escape(d.name_zh if zh else d.name), f"{d.score:.2f}", f"{d.max:g}", _share(d.share), floor)
    table.add_section()
    table.add_row("", "总分" if zh else "total", f"[bold]{result.total:.1f}[/bold]", f"{result.max_total:g}", "", "")
    out.print(table)
    grade = result.grade.name_zh if zh else result.grade.name
    decision = result.recognition.name_zh if zh else result.recognition.name
    colour = {"recognised": "green", "deferred": "yellow", "refused": "red"}[result.recognition.outcome]
    out.print(f"{'等级' if zh else 'Grade'}: [bold]{escape(grade)}[/bold]    "
              f"{'认定结论' if zh else 'Recognition'}: [bold {colour}]{escape(decision)}[/bold {colour}]")
    for r in (result.recognition.reasons_zh if zh else result.recognition.reasons):
        out.print(f"  • {escape(r)}")
    out.print(f"{'可信度' if zh else 'Confidence'}: {result.confidence:.2f}    "
              f"{'数据覆盖率' if zh else 'Coverage'}: {result.coverage * 100:.0f}%    "
              f"({result.answered} {'已答' if zh else 'answered'}, {result.unknown} {'不详' if zh else 'unknown'}, "
              f"{result.missing} {'未填' if zh else 'missing'}, {result.not_applicable} {'不适用' if zh else 'not applicable'})")
    if result.review is not None:
        rv, own = result.review, result.self_assessed
        out.print(f"{'专家核定' if zh else 'Verified by'} {rv.reviewers} {'份评审' if zh else 'review(s)'}; "
                  f"{'自评总分' if zh else 'self-assessed total'} {own.total:.1f}; "
                  f"{'差异较大的指标' if zh else 'flagged'}: {', '.join(rv.flagged) or '—'}")
        for d in rv.disagreements:
            scores = ", ".join(f"{escape(s.reviewer)} {s.score:.2f}" for s in d.scores)
            out.print(f"  {'专家分歧' if zh else 'reviewers disagree on'} {d.indicator}: {scores}")
    if result.pathway:
        p = result.pathway
        out.print(f"{'发展路径' if zh else 'Pathway'}: [bold]{escape(p.name_zh if zh else p.name)}[/bold] "
                  f"({'领先' if zh else 'leading'} {p.leading or '—'}, {'次之' if zh else 'runner-up'} {p.runner_up or '—'}, "
                  f"{'差距' if zh else 'margin'} {p.margin:.2f})")
    if explain:
        t = Table(title="指标明细" if zh else "Indicators", show_lines=False)
        for h in (("指标", "状态", "填报值", "得分", "依据") if zh else ("indicator", "state", "value", "score", "why")):
            t.add_column(h, overflow="fold")
        states = {"answered": "已答", "unknown": "不详", "missing": "未填", "not_applicable": "不适用"}
        for i in result.indicators:
            value = "" if i.value is None else (", ".join(map(str, i.value)) if isinstance(i.value, list) else str(i.value))
            t.add_row(f"{i.id} {escape(i.name_zh if zh else i.name)}", states[i.state] if zh else i.state,
                      escape(value), f"{i.score:.2f}/{i.max:.2f}", escape(i.reason_zh if zh else i.reason))
        out.print(t)


@app.command()
@guarded
def score(
    file: Annotated[Path, typer.Argument(help="self-assessment YAML file")],
    fmt: Annotated[TableOrJson, typer.Option("--format", "-f", help="table or json")] = TableOrJson.table,
    explain: Annotated[bool, typer.Option("--explain", help="one line per indicator: value, rule, points, why")] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="language of the table")] = Lang.zh,
    framework: Annotated[Optional[str], typer.Option("--framework", help="override the file's framework line")] = None,
    review: Annotated[Optional[list[Path]], typer.Option(
        "--review", help="expert review file; repeat for several reviewers (verified scores, the panel's median)")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="accept a review whose city, period or SHA-256 does not match")] = False,
) -> None:
    """Score a self-assessment: dimensions, total, grade, recognition decision, confidence.

    Examples: lcity score examples/qingshi-district.yaml --explain;
    lcity score my.yaml --format json > result.json;
    lcity score examples/qingshi-district.yaml --review examples/qingshi-district.review.yaml
    """
    result, _ = load_scored(file, framework, reviews=review, force=force)
    if fmt == TableOrJson.json:
        print(result.model_dump_json(indent=2))
    else:
        print_result(result, lang.value, explain)


# Commands that live in their own modules (they import helpers from this one).
from .report_command import report as _report  # noqa: E402
app.command("report")(_report)
from .batch_command import batch as _batch, trend as _trend  # noqa: E402
app.command("batch")(_batch)
app.command("trend")(_trend)


def main() -> None:  # console-script entry point
    app()
