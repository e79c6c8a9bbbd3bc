"""``lcity status``'s summary, next-to-fill and coverage lines fold at an 80-column terminal between
words (or Chinese characters): they ran 98-173 columns and the terminal broke them mid-word; into a
pipe each stays one line, for a script."""

from __future__ import annotations

import pytest

from .conftest import ROOT, lcity_here as lcity
from .test_third_party_kflc import _on_terminal, _width

KFLC = ROOT / "tests" / "audit_frameworks" / "unesco-kflc"


@pytest.mark.parametrize("unit, lang", [("yunling-2025.yaml", "zh"), ("yunling-2025.yaml", "en")])
def test_status_lines_fold_at_80_columns(unit, lang, monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(KFLC / "kflc"))
    lines = _on_terminal("status", str(KFLC / unit), "--lang", lang)
    text = "\n".join(lines)
    assert ("已填报的指标占总分的 48%" if lang == "zh" else "48%") in text, text
    # the title names the file by its path, which is not folded
    assert not [line for line in lines if _width(line) > 80 and "yunling-2025.yaml" not in line]


def test_status_lines_stay_whole_into_a_pipe(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(KFLC / "kflc"))
    proc = lcity("status", str(KFLC / "yunling-2025.yaml"), "--lang", "zh")
    assert "共 13 项：已填 6 项，无数据 7 项，待填 0 项，不适用 0 项；120 分中尚有 62 分未作答（无数据或待填）" in proc.stdout
