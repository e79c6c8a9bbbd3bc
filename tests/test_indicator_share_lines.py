"""An indicator's share in its reason never reads as reaching a line the report draws that it misses:
Nanyuan's F1 at 89.51 % read "得 90%" while the strengths counted only indicators truly at 90 % or more."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, strategies as st

from evaluator.engine import score
from evaluator.reading import read
from evaluator.rules import INDICATOR_LINES, pct

ROOT = Path(__file__).resolve().parent.parent


@given(st.floats(min_value=0.0, max_value=1.0, allow_nan=False))
def test_a_share_under_a_line_is_printed_under_it(share):
    shown = float(pct(share).rstrip("%"))
    for line in INDICATOR_LINES:
        if share + 1e-9 < line:
            assert shown < line * 100, (share, shown)
    assert abs(shown - share * 100) <= 0.5 + 1e-9


def test_nanyuans_f1_reads_89_5_not_90():
    a, fw = read(ROOT / "examples" / "districts" / "nanyuan.yaml").require()
    f1 = next(i for i in score(a, fw).indicators if i.id == "F1")
    assert 0.895 < f1.share < 0.9
    assert "得 89.5%（满分 4）" in f1.reason_zh and "得 90%" not in f1.reason_zh
    assert "89.5%" in f1.reason
