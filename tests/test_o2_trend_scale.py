"""The report's trend chart is drawn on the framework's own scale: a 120-point framework's total of
113.8 was clamped at the top of a 0..100 axis and the caption said "(of 100)"/"（满分100分）"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import EXAMPLES, lcity_here as lcity

KFLC = Path(__file__).parent / "audit_frameworks" / "unesco-kflc"


def _chart(tmp_path: Path, current: Path, previous: Path, lang: str) -> tuple[list[str], str]:
    """The trend chart's axis and point labels, and its caption."""
    html = tmp_path / f"t-{lang}.html"
    run = lcity("report", str(current), "--previous", str(previous), "--html", str(html), "--lang", lang,
                cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    page = html.read_text(encoding="utf-8")
    start = page.index('<figure class="chart line">')
    figure = page[start:page.index("</figure>", start)]
    caption = re.sub(r"<[^>]+>", "", figure[figure.index("<figcaption>"):])
    return re.findall(r">([\d.]+)</text>", figure), caption


@pytest.mark.parametrize(("lang", "caption"), [("zh", "历年总分（满分120分）"), ("en", "Total score by year (of 120)")])
def test_a_120_point_frameworks_total_is_drawn_on_its_own_scale(tmp_path, monkeypatch, lang, caption) -> None:
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(KFLC / "kflc"))
    text = (KFLC / "chenghu-2025.yaml").read_text(encoding="utf-8")
    earlier = tmp_path / "chenghu-2023.yaml"
    earlier.write_text(text.replace("period: {start: 2024, end: 2025}", "period: {start: 2022, end: 2023}")
                       .replace('date: "2025-10-15"', 'date: "2023-10-15"'), encoding="utf-8")
    labels, shown = _chart(tmp_path, KFLC / "chenghu-2025.yaml", earlier, lang)
    assert labels[:6] == ["0", "24", "48", "72", "96", "120"], labels  # the axis reaches 120
    assert "113.8" in labels  # the total, printed at its point inside the plot
    assert caption in shown


def test_chinas_chart_stays_on_100(tmp_path) -> None:
    labels, shown = _chart(tmp_path, EXAMPLES / "trend" / "qingshi-2025.yaml", EXAMPLES / "trend" / "qingshi-2023.yaml", "en")
    assert labels[-1] != "120" and "100" in labels and "(of 100)" in shown
