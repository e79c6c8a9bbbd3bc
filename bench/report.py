"""How long a PDF report takes, and how much of it is WeasyPrint.

Renders the example report N times in one process and prints, per report:

* full: context + Jinja2 + WeasyPrint, from a scored Result to PDF bytes;
* weasyprint alone: the same final HTML rendered to PDF again (same process, same run);
* context + Jinja2 alone: the HTML without the PDF;
* scoring + benchmark: reading the YAML, scoring it and ranking it among the reference cities;

and the ratios full / WeasyPrint and context+Jinja / WeasyPrint. A warm-up render comes first (the
first render in a process pays for Fontconfig). No pass or fail.

    python3 bench/report.py                  # 5 reports of examples/qingshi-district.yaml, zh
    python3 bench/report.py --n 10 --lang en --example examples/yunling-county.yaml
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evaluator.benchmark import benchmark  # noqa: E402
from evaluator.engine import score  # noqa: E402
from evaluator.reading import read  # noqa: E402
from reports.render import render_html, render_pdf  # noqa: E402


def timed(fn, n: int) -> tuple[list[float], object]:
    """Seconds of each of n calls, and the last result."""
    out = None
    times = []
    for _ in range(n):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return times, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5, help="reports to render (default 5)")
    ap.add_argument("--example", default=str(ROOT / "examples" / "qingshi-district.yaml"))
    ap.add_argument("--lang", default="zh", choices=("zh", "en"))
    args = ap.parse_args()
    n = max(1, args.n)

    def scored():
        loaded = read(args.example)
        assessment, fw = loaded.require()
        result = score(assessment, fw, sha256=loaded.sha256, file=args.example)
        return result, benchmark(result, fw), fw, assessment

    result, bench, fw, assessment = scored()  # warm-up: caches the reference cities
    created = assessment.date

    def html():
        return render_html(result, bench, fw, assessment, lang=args.lang)

    def full():
        return render_pdf(html(), created=created)

    final_html = html()
    warm = render_pdf(final_html, created=created)  # warm-up: Fontconfig, font parsing

    # interleaved, so that drift in machine load hits both alike
    t_full, t_weasy = [], []
    for _ in range(n):
        t, pdf = timed(full, 1)
        t_full += t
        t, pdf2 = timed(lambda: render_pdf(final_html, created=created), 1)
        t_weasy += t
    t_html, _ = timed(html, n)
    t_score, _ = timed(scored, n)
    assert pdf == pdf2 == warm, "the same HTML gave different PDF bytes"

    try:
        from io import BytesIO

        from pypdf import PdfReader

        pages = f"{len(PdfReader(BytesIO(pdf)).pages)} pages"
    except ImportError:  # pypdf is a test dependency
        pages = "pages not counted"
    full_s, weasy_s, html_s, score_s = (statistics.median(t) for t in (t_full, t_weasy, t_html, t_score))
    print(f"report: {Path(args.example).name}, lang {args.lang}, {n} runs each, median seconds per report; "
          f"PDF {len(pdf) // 1024} KB, {pages}")
    print(f"  full (context + Jinja2 + WeasyPrint) : {full_s:6.3f} s")
    print(f"  WeasyPrint alone, same final HTML    : {weasy_s:6.3f} s")
    print(f"  context + Jinja2 alone               : {html_s:6.3f} s")
    print(f"  scoring + benchmark (not in 'full')  : {score_s:6.3f} s  (reference cities cached after the first)")
    print(f"  ratio full / WeasyPrint              : {full_s / weasy_s:6.2f}")
    print(f"  ratio context+Jinja2 / WeasyPrint    : {html_s / weasy_s:6.3f}")


if __name__ == "__main__":
    main()
