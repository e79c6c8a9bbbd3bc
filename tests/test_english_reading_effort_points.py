"""The task list's opening sentence tells effort from score (audit_english #2): China's effort unit
is a bare "points" in English, and "raising the total from 75.6 to 85.1, for a total effort of 35
points" read as 35 score points; the unit was defined only after the table. English now says
"effort points" there; Chinese ("总分由75.6分提高到85.1分，合计工作量35点") already tells them apart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import report_text


def _plain(tmp_path: Path, lang: str) -> str:
    return report_text(tmp_path, lang)


def test_the_english_total_effort_is_in_effort_points(tmp_path) -> None:
    text = _plain(tmp_path, "en")
    # 55, not 49: K1 is the city's credit bank, not the district's task (G18-B7)
    # the unit's own effort, the city's L2 named apart ("by the unit itself" went with UNESCO's award,
    # since G31R-3 the plan hosts a conference: the city's costed work)
    assert re.search(r"raising the total from 75\.6 to 85\.0, for a total effort of 55 effort points", text)
    assert "That effort counts the unit's own work only" in text
    assert not re.search(r"total effort of \d+ points", text)


@pytest.mark.parametrize("lang", ["zh"])
def test_chinese_keeps_its_point(tmp_path, lang) -> None:
    text = _plain(tmp_path, lang)
    assert "合计工作量55点" in text.replace(" ", "") and "工作量点" not in text  # 55: K1 is the city's (G18-B7)
