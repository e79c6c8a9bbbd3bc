"""An English ranking names the parent city in English or not at all (it said 'Ranking of the Units
of 河西市'); a Chinese one keeps the Chinese name."""

from __future__ import annotations

from reports.ranking import _parent

from .conftest import EXAMPLES, lcity_here as lcity


def test_the_parent_is_named_in_the_rankings_language():
    both = [{"parent": "河西市", "parent_en": "Hexi City"}] * 2
    assert _parent(both, "zh") == "河西市" and _parent(both, "en") == "Hexi City"
    only_zh = [{"parent": "河西市", "parent_en": None}] * 2
    assert _parent(only_zh, "zh") == "河西市" and _parent(only_zh, "en") is None
    mixed = [{"parent": "河西市", "parent_en": "Hexi City"}, {"parent": "山南市", "parent_en": "Shannan"}]
    assert _parent(mixed, "en") is None and _parent(mixed, "zh") is None


def test_batch_carries_the_english_parent(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("lanjiang.yaml", "baiyang.yaml"):
        (src / name).write_bytes((EXAMPLES / "districts" / name).read_bytes())
    proc = lcity("batch", str(src), "-o", str(tmp_path / "out"), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    from pypdf import PdfReader

    first = PdfReader(str(tmp_path / "out" / "ranking.pdf")).pages[0].extract_text()
    assert "Ranking of the Units of Hexi City" in " ".join(first.split())
    assert "河西市" not in first
