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
    # Tidewater names no survey population and recognises nothing (认定): a plain "survey"
    assert "Residents' learning satisfaction uses the results of a survey" in tidewater["en"]
    assert "satisfaction use the results" not in tidewater["en"]


def _text_runs(pdf: Path) -> list[tuple[float, str]]:
    """Each shown text run of the first page with its x position (points from the left edge)."""
    from pypdf import PdfReader

    page = PdfReader(pdf).pages[0]
    runs: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((cm[0] * tm[4] + cm[2] * tm[5] + cm[4], text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


def test_the_ranking_legend_stays_on_the_page(tmp_path):
    from .conftest import EXAMPLES, lcity_here as lcity

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "jianglan-city.yaml").write_bytes((EXAMPLES / "jianglan-city.yaml").read_bytes())
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / "out" / "ranking.pdf"
    from pypdf import PdfReader

    width = float(PdfReader(pdf).pages[0].mediabox.width)
    runs = _text_runs(pdf)
    assert any("International exchange" in t for _, t in runs)
    off = [t for x, t in runs if x > width - 20]
    assert not off, f"text starts past the right margin: {off}"


def test_dimension_ids_that_are_words_are_not_called_letters(tidewater):
    en = tidewater["en"]
    assert "the letters reach" not in en
    assert "labelled by their ids: reach-and-access, quality_x and equity." in en


@pytest.mark.parametrize("lang, rank, word, wrong", [("zh", "位次", "单位", "城市"), ("en", "Rank", "Unit", "City")])
def test_the_benchmark_table_of_a_district_heads_its_units_column_unit(lang, rank, word, wrong):
    from .conftest import EXAMPLES

    text = _text(EXAMPLES / "qingshi-district.yaml", lang)
    assert f"{rank} {word} " in text
    assert f"{rank} {wrong} " not in text
    city = _text(EXAMPLES / "jianglan-city.yaml", lang)
    assert f"{rank} {wrong} " in city


def test_scoring_reasons_say_one_in_the_singular_and_set_chinese_figures_close():
    from .conftest import EXAMPLES

    en = _text(EXAMPLES / "yunling-county.yaml", "en")
    assert "1 site ÷ 310,000 × 100,000 = 0.32 sites per 100,000 residents" in en
    assert "1 organisation ÷ 310,000" in en and "1 organisations" not in en and "1 sites" not in en
    assert "= 71.43%; 71.43% (floor 60% scores 0" in en
    zh = _text(EXAMPLES / "yunling-county.yaml", "zh")
    assert "10个（街道、乡镇） ÷ 14 × 100 = 71.43%；71.43%（起点60%得0，目标100%得满分），按线性插值，得29%（满分4）" in zh
    assert not re.search(r"\d× ", zh) and "100 %" not in zh


def test_a_control_character_in_a_name_reaches_the_pdf_as_an_escape(tmp_path):
    from pypdf import PdfReader

    from .conftest import EXAMPLES, lcity_here as lcity

    text = (EXAMPLES / "jianglan-city.yaml").read_text(encoding="utf-8")
    unit = tmp_path / "esc.yaml"
    unit.write_text(text.replace("    en: Jianglan City\n", '    en: "Jianglan\\e[31m City"\n', 1), encoding="utf-8")
    out = tmp_path / "esc.pdf"
    proc = lcity("report", str(unit), "-o", str(out), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    reader = PdfReader(out)
    title = reader.metadata.title
    assert "\x1b" not in title and "Jianglan\\x1b[31m City" in title
    page = reader.pages[0].extract_text()
    assert "\x1b" not in page and "Jianglan\\x1b[31m City" in page


def test_a_districts_own_l2_is_not_shown_the_citys_unesco_awards():
    from indicators.loader import load_framework

    from .conftest import EXAMPLES

    l2 = load_framework("china-learning-city@2").indicator("L2")
    assert [e.city for e in l2.at_level("city").exemplars] == ["beijing", "hangzhou"]
    assert l2.at_level("district").exemplars == []
    zh = _text(EXAMPLES / "v2" / "qingshi-district-2025.yaml", "zh")
    l2_item = zh.split("L2 参与城市国际交流", 1)[1].split("限于篇幅", 1)[0]
    assert "联合国教科文组织学习型城市奖" not in l2_item and "可借鉴（北京市）" not in l2_item
    en = _text(EXAMPLES / "v2" / "qingshi-district-2025.yaml", "en")
    assert "UNESCO Learning City Award" not in en


def test_a_third_party_report_lists_the_documents_its_own_framework_asks_for(tidewater):
    listed = tidewater["en"].split("Main documents among them", 1)[1].split("(3) Methods", 1)[0]
    assert "Tidewater Library Plan 2024" not in listed  # the strategy's evidence is shown beside the strategy
    # digital_inclusion and x-accredited are answered by documents alone in the Tidewater framework
    assert "Service catalogue" in listed and "Alliance certificate 2023" in listed
    assert "Enrolment statistics" not in listed and "Resident survey 2025" not in listed
