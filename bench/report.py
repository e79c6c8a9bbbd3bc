"""How long a PDF report takes, and how much of it is WeasyPrint.

Renders the example report N times in one process and prints, per report:

* full: ``render_report`` as ``lcity report`` calls it, from a scored Result to PDF bytes: context,
  Jinja2, the number-and-unit spans, tagged PDF/A-3b with the assessment and the Result embedded;
* weasyprint alone: WeasyPrint called directly on the same final HTML with the same stylesheets and
  the same PDF options (tagged PDF/A-3b): what any WeasyPrint report of this document costs;
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
from reports.embedded import input_files  # noqa: E402
from reports.render import (ASSETS_DIR, PDF_VARIANT, font_configuration, font_face_css, keep_units,  # noqa: E402
                            render_html, render_report, stylesheet_text, w3c_created)


def weasyprint_alone(html: str, created: str) -> bytes:
    """WeasyPrint on its own: the final HTML (spans included), our stylesheets, the same PDF options."""
    from weasyprint import CSS, HTML

    with font_configuration() as fonts:  # as the product: WeasyPrint's font folder removed at once
        base = ASSETS_DIR.as_uri() + "/"
        sheets = [CSS(string=font_face_css(), base_url=base, font_config=fonts),
                  CSS(string=stylesheet_text(), base_url=base, font_config=fonts)]
        document = HTML(string=html, base_url=base).render(stylesheets=sheets, font_config=fonts,
                                                           presentational_hints=False)
        document.metadata.created = document.metadata.modified = w3c_created(created)
        return document.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)


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

    inputs = input_files(Path(args.example))

    def full():
        return render_report(result, bench, fw, assessment, lang=args.lang, inputs=inputs)

    final_html = keep_units(html())
    warm = full()  # warm-up: Fontconfig, font parsing
    weasyprint_alone(final_html, created)

    # interleaved, so that drift in machine load hits both alike
    t_full, t_weasy = [], []
    for _ in range(n):
        t, pdf = timed(full, 1)
        t_full += t
        t, _ = timed(lambda: weasyprint_alone(final_html, created), 1)
        t_weasy += t
    t_html, _ = timed(html, n)
    t_score, _ = timed(scored, n)
    assert pdf == warm, "the same inputs gave different PDF bytes"

    try:
        from io import BytesIO

        from pypdf import PdfReader

        pages = f"{len(PdfReader(BytesIO(pdf)).pages)} pages"
    except ImportError:  # pypdf is a test dependency
        pages = "pages not counted"
    full_s, weasy_s, html_s, score_s = (statistics.median(t) for t in (t_full, t_weasy, t_html, t_score))
    print(f"report: {Path(args.example).name}, lang {args.lang}, {n} runs each, median seconds per report; "
          f"PDF {len(pdf) // 1024} KB, {pages}")
    print(f"  full (lcity report's render_report)  : {full_s:6.3f} s")
    print(f"  WeasyPrint alone, same final HTML    : {weasy_s:6.3f} s")
    print(f"  context + Jinja2 alone               : {html_s:6.3f} s")
    print(f"  scoring + benchmark (not in 'full')  : {score_s:6.3f} s  (reference cities cached after the first)")
    print(f"  ratio full / WeasyPrint              : {full_s / weasy_s:6.2f}")
    print(f"  ratio context+Jinja2 / WeasyPrint    : {html_s / weasy_s:6.3f}")


if __name__ == "__main__":
    main()
