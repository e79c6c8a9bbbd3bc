"""The report read as a sentence-by-sentence proof: a framework's own sentence set inside the
report's (no capital mid-sentence, no double stop), verbs that agree with one indicator, words that
fit the unit's level, and no raw control character from the input in the PDF's text.

Reports are rendered to HTML in-process (reports.render.render_html) and read as text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from evaluator.benchmark import benchmark
from evaluator.pipeline import read_scored
from reports.render import render_html

from .conftest import ROOT

TIDEWATER = ROOT / "tests" / "data" / "third_party_tidewater"


def _text(path: Path, lang: str) -> str:
    result, loaded = read_scored(path)
    assessment, fw = loaded.require()
    page = render_html(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10")
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture(scope="module")
def tidewater(request) -> dict[str, str]:
    mp = pytest.MonkeyPatch()
    mp.setenv("LCITY_FRAMEWORK_PATH", str(TIDEWATER / "frameworks"))
    request.addfinalizer(mp.undo)
    return {lang: _text(TIDEWATER / "units" / "tidewater-2025.yaml", lang) for lang in ("zh", "en")}


def test_the_frameworks_next_step_reads_inside_the_closing_sentence(tidewater):
    en = tidewater["en"]
    assert "and submit an improvement plan within six months for a re-check." in en
    assert ".." not in en.replace("...", "")
    assert "，六个月内提交改进计划后复查。" in tidewater["zh"]
    assert "。。" not in tidewater["zh"]


def test_one_survey_indicator_takes_a_singular_verb(tidewater):
    assert "Residents' learning satisfaction uses the results of a resident survey" in tidewater["en"]
    assert "satisfaction use the results" not in tidewater["en"]
