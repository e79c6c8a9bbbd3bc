"""``lcity demo``: the whole job on the embedded example district, without replacing any file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ..console import err, escape, guarded, visible
from ..options import Lang, output_path
from .score import print_result

DEMO_EXAMPLE = "qingshi-district.yaml"


def _free_name(path: Path) -> Path:
    """path, or path with -2, -3 ... appended: the demo never replaces an existing file (nor a
    link, dangling or not: exists() follows it, and the write would then refuse it)."""
    if not os.path.lexists(path):
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not os.path.lexists(candidate):
            return candidate
        n += 1


@guarded
def demo(
    output: Annotated[Path, typer.Option("--output", "-o", parser=output_path, help="PDF report to write")] = Path("lcity-demo-report.pdf"),
    lang: Annotated[Lang, typer.Option("--lang", help="language of the table and the report")] = Lang.zh,
) -> None:
    """Validate, score and benchmark the embedded example district, and write its PDF report.

    The example (a fictional district, 青石区) ships inside the package. An existing file is never
    replaced: the demo picks the next free name (lcity-demo-report-2.pdf, ...).

    Example: lcity demo --lang en -o demo.pdf
    """
    import importlib.resources

    from indicators.messages import Msg

    from ..output import refuse_other_kind, write_atomic
    from ..reporting import prepare

    refuse_other_kind(output, "pdf")
    with importlib.resources.as_file(importlib.resources.files("lcity_examples") / DEMO_EXAMPLE) as example:
        # read, scored, benchmarked and rendered as lcity report does it (embedded inputs and all), so
        # the demo's PDF is a report like any other: lcity verify checks it (it carried no inputs)
        prepared = prepare(example)
        result, fw, assessment, bench = prepared.result, prepared.framework, prepared.assessment, prepared.bench
        _step(1, "validate", lang.value, Msg("demo.validated", file=DEMO_EXAMPLE, answers=len(assessment.answers),
                                             warnings=len(prepared.loaded.problems)))
        _step(2, "score", lang.value)
        print_result(result, fw, lang.value, explain=False)
        pos = str(bench.rank.best) if bench.rank.best == bench.rank.worst else f"{bench.rank.best}–{bench.rank.worst}"
        _step(3, "benchmark", lang.value, Msg("demo.benchmarked", pos=pos, of=bench.of, n=bench.of - 1,
                                               coverage=f"{bench.reference_coverage * 100:.0f}"))
        from reports.embedded import input_files
        from reports.render import make_fetcher, render_report

        target = _free_name(output)
        from ..batch_temp import private_temp

        with private_temp(here=True):  # the font folder goes with it, however the demo ends
            pdf = render_report(result, bench, fw, assessment, lang=lang.value, date=prepared.date,
                                fetcher=make_fetcher(), robustness=prepared.robustness, inputs=input_files(example),
                                warnings=prepared.warnings)
        write_atomic(target, pdf)
        _step(4, "report", lang.value, Msg("demo.wrote", file=visible(target), size=len(pdf) // 1024))


def _step(n: int, name: str, lang: str, rest=None) -> None:
    """One numbered step of the demo on stderr, in the language of its table and report: a Chinese
    table between English steps read as two programs (G25-H4)."""
    from indicators.messages import Msg, say

    tail = escape(say(rest, lang)) if rest is not None else ""
    err.print(f"[bold]{n}. {escape(say(Msg(f'demo.step-{name}'), lang))}[/bold]{tail}")
