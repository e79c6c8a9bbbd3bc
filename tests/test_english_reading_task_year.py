"""The recommendations' closing line names the year the task table's last task ends (audit_english
#1): Qingshi's table gives D2, a budget line that must stand in two budget years, the year 2027,
while the closing line counted effort alone and said "the last task ends in 2026". Both now read
the one list of task years (reports.context_plan.task_years); the Chinese line had the same defect."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest

from .conftest import report_page


def _text(tmp_path: Path, lang: str) -> str:
    """Qingshi's report page as ``lcity report --html`` writes it (the session's copy), tags dropped."""
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", report_page(lang)))


def _table_years(text: str) -> list[int]:
    """The years in the task table's Year column: a four-digit year closing a table row."""
    table = text[text.index("Task list" if "Task list" in text else "整改任务"):]
    return [int(y) for y in re.findall(r"\b(20\d\d)\s+(?=\S)", table[:table.index("Effort unit")])] \
        if "Effort unit" in table else []


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "At the task list's pace, the last task ends in 2027; the pace should be set against that deadline."),
    ("zh", "按上表任务清单的推进节奏，全部任务需至2027年完成")])
def test_the_closing_line_names_the_tables_last_year(tmp_path, lang, said) -> None:
    text = re.sub(r"\s+", " ", _text(tmp_path, lang))
    assert said in text
    assert "ends in 2026" not in text and "需至2026年" not in text


def test_the_named_year_is_the_latest_year_in_the_table(tmp_path) -> None:
    text = _text(tmp_path, "en")
    years = _table_years(text)
    said = int(re.search(r"the last task ends in (\d{4})", re.sub(r"\s+", " ", text)).group(1))
    assert years and said == max(years), (years, said)
