"""The workbook of a framework without surveys hides its "valid questionnaires" column (audit G5,
finding 19): Bay Rim (tests/audit_frameworks/g5) asks no survey, yet its sheet offered
"有效问卷数（sample_size）" to fill in. Hidden, not removed: the round trip keeps every score.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here as lcity

G5 = ROOT / "tests" / "audit_frameworks" / "g5"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))


def _sample_column_hidden(book: Path) -> bool:
    import openpyxl
    from openpyxl.utils import get_column_letter

    ws = openpyxl.load_workbook(book).worksheets[1]
    col = next(c.column for c in ws[1] if c.value and "sample_size" in str(c.value))
    return bool(ws.column_dimensions[get_column_letter(col)].hidden)


def test_a_framework_without_surveys_hides_the_questionnaire_column(tmp_path: Path):
    book = tmp_path / "beidao.xlsx"
    assert lcity("convert", str(G5 / "beidao-2025.yaml"), str(book)).returncode == 0
    assert _sample_column_hidden(book)
    back = tmp_path / "beidao.yaml"
    assert lcity("convert", str(book), str(back)).returncode == 0
    a = lcity("score", str(G5 / "beidao-2025.yaml"), "--format", "json").stdout
    b = lcity("score", str(back), "--format", "json").stdout
    import json
    assert json.loads(a)["total"] == json.loads(b)["total"]


def test_a_china_form_keeps_it(tmp_path: Path):
    book = tmp_path / "qingshi.xlsx"
    assert lcity("convert", str(ROOT / "examples" / "qingshi-district.yaml"), str(book)).returncode == 0
    assert not _sample_column_hidden(book)
