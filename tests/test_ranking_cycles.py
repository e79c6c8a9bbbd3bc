"""A unit ranked twice in one batch (two assessment cycles in one folder): the ranking's rows name
each one's cycle, so that '青石区' at 5 and '青石区' at 9 are not read as two districts or one
listed twice by mistake. A unit ranked once keeps its name alone."""

from __future__ import annotations

import shutil

from pypdf import PdfReader

from .conftest import EXAMPLES, lcity


def test_a_unit_ranked_twice_names_its_cycles(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("qingshi-2021.yaml", "qingshi-2023.yaml"):
        shutil.copy(EXAMPLES / "trend" / name, folder / name)
    shutil.copy(EXAMPLES / "districts" / "wanghu.yaml", folder / "wanghu.yaml")
    run = lcity("batch", str(folder), "-o", str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(tmp_path / "out" / "ranking.pdf")).pages).split())
    assert "青石区（2020–2021）" in text and "青石区（2022–2023）" in text, text[:1500]
    assert "望湖区（" not in text
