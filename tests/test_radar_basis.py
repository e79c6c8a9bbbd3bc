"""三's radar draws the reference median and best on their answered indicators; a unit with unknown
answers gets its shares on the same basis drawn too, beside its shares as scored, so the chart does
not compare unlike figures. A unit that answered everything keeps three series."""

from __future__ import annotations

import pytest

from .conftest import ROOT, lcity_here as lcity

R3 = ROOT / "tests" / "audit_readings3"


def _html(tmp_path, unit: str, lang: str) -> str:
    out = tmp_path / f"{lang}.html"
    proc = lcity("report", str(R3 / unit), "--lang", lang, "--html", str(out))
    assert proc.returncode == 0, proc.stderr
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, series", [("zh", "沪江市（已填报指标上的得分率）"),
                                          ("en", "Hujiang (on its answered indicators)")])
def test_a_unit_with_unknown_answers_is_drawn_on_the_references_basis_too(tmp_path, lang, series):
    assert series in _html(tmp_path, "c-hujiang-city.yaml", lang)


def test_a_unit_that_answered_everything_keeps_three_series(tmp_path):
    html = _html(tmp_path, "a-guian-district.yaml", "zh")
    assert "已填报指标上的得分率" not in html and "参照单位最高" in html
