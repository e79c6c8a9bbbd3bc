"""Every dimension share in one report takes one precision (G1 audit #12, the report's half that H4
left: appendix 2 and 三 printed Aldwick's "98%" above "89.7%"), and no share lands on a line it is
under at the precision of its column."""

from __future__ import annotations

import html
import re
from pathlib import Path

from hypothesis import given, strategies as st

from evaluator.rounding import column_places

from .conftest import ROOT, lcity_here, report_text

ALDMARK = ROOT / "tests" / "audit_frameworks" / "aldmark"


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))))


def test_aldwicks_report_prints_every_dimension_share_with_one_decimal(tmp_path, monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(ALDMARK))
    page = tmp_path / "aldwick.html"
    run = lcity_here("report", str(ALDMARK / "aldwick-2025.yaml"), "--lang", "en", "-o", str(tmp_path / "a.pdf"),
                     "--html", str(page))
    assert run.returncode == 0, run.stderr
    text = _text(page)
    for share in ("97.5%", "84.0%", "75.4%", "89.7%"):
        assert share in text
    assert not re.search(r"\b98% ", text)  # 97.5 % no longer rounded whole beside 89.7 %


def test_qingshis_shares_stay_whole_percents(tmp_path):
    zh = report_text(tmp_path, "zh")
    assert not re.search(r"\b\d{2}\.0%", zh)  # no decimals where no share needs one


@given(st.lists(st.tuples(st.floats(0, 1), st.sampled_from([(), (0.9,), (0.6, 0.9), (0.6,)])), min_size=1, max_size=8))
def test_a_column_at_its_places_never_puts_a_share_on_a_line_it_is_under(rows):
    places = column_places(rows)
    for share, lines in rows:
        printed = float(f"{share * 100:.{places}f}")
        for line in lines:
            if share + 1e-9 < line:
                assert printed < line * 100, (share, line, places)
