"""G10 audit (tests/audit_reports_g10/AUDIT.md): what an English-speaking GNLC coordinator reads in
whole English reports, and the Chinese beside it, as ``lcity report --html`` writes them."""
from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here

NANHU = ROOT / "tests" / "audit_cities" / "g4" / "nanhu-district-cityrecord.yaml"


@lru_cache(maxsize=None)
def _text(path: str, lang: str, *args: str) -> str:
    """The report's text as a reader reads it: tags dropped, entities read, whitespace as one space."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="g10-") as folder:
        out = Path(folder) / "r.html"
        run = lcity_here("report", path, *args, "--html", str(out), "--lang", lang, "--date", "2026-06-01")
        assert run.returncode == 0, run.stderr
        text = out.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_city_survey_is_not_said_to_be_run_by_the_district(lang):
    """#1: Nanhu's K4/K5 notes give the survey as Jiangning's (about 230 of 3,200 questionnaires
    from the district); section 1 said "a resident survey run by Nanhu District" (自行组织)."""
    text = _text(str(NANHU), lang)
    if lang == "en":
        assert "run by Nanhu District" not in text
        assert "use the results of a resident survey that, by the unit's own notes, is Jiangning's, " \
               "not Nanhu District's own (江宁市2025年学习型城市建设居民调查报告)." in text
    else:
        assert "采用南湖区自行组织的" not in text
        assert "按填报说明采用江宁市的居民问卷调查结果，不是南湖区自行组织的调查（江宁市2025年学习型城市建设居民调查报告）。" in text


def test_a_survey_the_unit_ran_is_still_its_own():
    """The words for a unit's own survey stay (Jianglan ran its own)."""
    text = _text(str(ROOT / "examples" / "jianglan-city.yaml"), "en")
    assert "use the results of a resident survey run by Jianglan City (" in text
    assert "by the unit's own notes" not in text.split("Survey rates")[0]


def test_figures_of_the_city_are_named_so_not_the_unit_above():
    """#2: "figures the unit gives as the unit above's data", "8 figures of the unit above" is no
    English; the summary and section 7 say whose figures they are, as section 5 does."""
    text = _text(str(NANHU), "en")
    summary = text.split("Contents")[0]
    assert "unit above" not in summary
    assert "figures that the unit's own notes give as the data of the city it belongs to (D3, E1, E3, G1, G3, K2, " \
           "K4, K5) decide it" in summary
    assert "8 figures of the city the unit belongs to, not the unit's own, for the panel to verify" in summary
    assert "are figures of the city the unit belongs to, not the unit's own, and whether their points stand" in text


def test_appendix_3_marks_a_not_applicable_note_as_the_units_words():
    """#4: Hefeng's Appendix 3 printed "H1 Universities opening resources to residents: 辖区内没有高等学校",
    Chinese after a bare colon; elsewhere a note is "the unit's note (as written)". zh unchanged."""
    hefeng = str(ROOT / "examples" / "districts" / "hefeng.yaml")
    en = _text(hefeng, "en").split("Not applicable:")[-1]
    assert en.lstrip().startswith("H1 Universities opening resources to residents; the unit's note (as written): "
                                  "辖区内没有高等学校 L1 GNLC membership; the unit's note (as written): 全球学习型城市网络")
    zh = _text(hefeng, "zh").split("不适用的指标：")[-1]
    assert zh.lstrip().startswith("H1 高校资源向社区开放：辖区内没有高等学校 L1 全球学习型城市网络成员：")


def test_one_truthful_no_reads_as_english():
    """#5: "41 of them backed by evidence or verified by the panel, the other 1 (a truthful 'no' or 0)
    needing no evidence" (qingshi reviewed, summary's data line)."""
    text = _text(str(ROOT / "examples" / "qingshi-district.yaml"), "en",
                 "--review", str(ROOT / "examples" / "qingshi-district.review.yaml"))
    assert "the other 1 (" not in text
    assert "42 were answered, 41 of them backed by evidence or verified by the panel, and 1 a truthful answer of " \
           "'no' or 0, which needs no evidence; unknown or not answered: 0" in text


def test_one_dimension_at_its_floor_reads_as_english():
    """Yunling: "Of the 12 dimensions, 1 reach the 60% floor." (a verb the count must agree with);
    now a count that needs no verb, whatever the number."""
    text = _text(str(ROOT / "examples" / "yunling-county.yaml"), "en")
    assert "1 reach the" not in text
    assert "Yunling County scores 33.9 of 100 points, grade 'Fail'. Dimensions reaching the 60% floor: 1 of 12. " \
           "Dimensions below the floor: D Funding" in text


def test_the_share_on_answered_indicators_is_a_sentence_of_its_own():
    """Yunling's K: "…Shanghai, at 94%.On the indicators of this dimension it answered, this county's
    share is 46% …, on the basis of the reference figures: a reference unit too is compared only…"."""
    text = _text(str(ROOT / "examples" / "yunling-county.yaml"), "en")
    assert "%.On the" not in text
    assert "Shanghai, at 94%. On the indicators of this dimension it answered, this county's share is 46% " \
           "(answered part of the points: 70%), the same basis as the reference units': they too count in the " \
           "comparison only with at least 50% of the dimension's points answered." in text
    zh = _text(str(ROOT / "examples" / "yunling-county.yaml"), "zh")
    assert "。本县在该维度已填报指标上的得分率为46%" in zh


def test_the_citys_part_and_the_effort_unit_read_as_english():
    """Yunling: "B1 Local lifelong-learning law (for the city it belongs to to do)"; and the pace note's
    "if one unit is about a month's work", where "unit" is also the word for the county itself."""
    text = _text(str(ROOT / "examples" / "yunling-county.yaml"), "en")
    assert "to to do" not in text
    assert "B1 Local lifelong-learning law (a task for the city it belongs to) Now “No such regulation applies”" in text
    assert "(if one unit of effort is about a month's work, two people or offices on it all year;" in text


def test_the_panels_survey_method_is_marked_as_written():
    """Qingshi reviewed, 1.(3) and (4): "620 valid responses; Method: 按街道分层随机抽样; Awareness: 81.5%":
    Chinese with no word saying it is the panel's own, and capitals after semicolons."""
    text = _text(str(ROOT / "examples" / "qingshi-district.yaml"), "en",
                 "--review", str(ROOT / "examples" / "qingshi-district.review.yaml"))
    assert "; Method: " not in text
    assert "Resident survey: 620 valid responses; method (as written): 按街道分层随机抽样; awareness: 81.5%; " \
           "satisfaction: 76%" in text
    zh = _text(str(ROOT / "examples" / "qingshi-district.yaml"), "zh",
               "--review", str(ROOT / "examples" / "qingshi-district.review.yaml"))
    assert "有效样本620份；调查方式：按街道分层随机抽样；知晓度：81.5%；满意度：76%" in zh


def test_the_rankings_file_count_reads_as_english(tmp_path):
    """ranking.pdf's first line ended "18 files, 0 of which could not be processed."; now counted as
    its outcomes are: "…; files: 2; not processed: 0." """
    from pypdf import PdfReader

    src = tmp_path / "in"
    src.mkdir()
    for name in ("lanjiang.yaml", "baiyang.yaml"):
        (src / name).write_bytes((ROOT / "examples" / "districts" / name).read_bytes())
    proc = lcity_here("batch", str(src), "-o", str(tmp_path / "out"), "--lang", "en", "--jobs", "1")
    assert proc.returncode == 0, proc.stderr
    first = " ".join(PdfReader(str(tmp_path / "out" / "ranking.pdf")).pages[0].extract_text().split())
    assert "of which could not" not in first
    assert "Not recognised: 1; files: 2; not processed: 0." in first


def test_mixed_pathway_sentence_has_one_colon():
    """#12: "Jianglan City's practice shows no single type, so it is 'Mixed': no clear emphasis: the
    practice puts…" (two colons in one sentence)."""
    text = _text(str(ROOT / "examples" / "jianglan-city.yaml"), "en")
    assert "'Mixed': no clear emphasis:" not in text
    assert "Jianglan City's practice shows no single type, so it is 'Mixed'; no clear emphasis: the practice puts " \
           "'Balanced development' first" in text


def test_the_reviewed_total_has_one_bracket():
    """#14: "verified by the panel 75.3 (of 100 points) (robustness analysis, 90% interval: …)"."""
    text = _text(str(ROOT / "examples" / "qingshi-district.yaml"), "en",
                 "--review", str(ROOT / "examples" / "qingshi-district.review.yaml"))
    assert "(of 100 points) (" not in text
    assert "Qingshi District: self-assessed 75.6 points, verified by the panel 75.3 of 100 points (robustness " \
           "analysis, 90% interval:" in text


ALDMARK = ROOT / "tests" / "audit_frameworks" / "aldmark"


def _aldmark_page(lang: str) -> str:
    import os
    import subprocess
    import tempfile

    env = {**os.environ, "LCITY_FRAMEWORK_PATH": str(ALDMARK)}
    with tempfile.TemporaryDirectory(prefix="g10-") as folder:
        out = Path(folder) / "r.html"
        run = subprocess.run([str(ROOT / ".venv" / "bin" / "lcity"), "report", str(ALDMARK / "hollin-2025.yaml"),
                              "--review", str(ALDMARK / "hollin-2025.review.yaml"), "--html", str(out),
                              "--lang", lang, "--date", "2026-06-01"], capture_output=True, text=True, env=env)
        assert run.returncode == 0, run.stderr
        return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, floor", [("en", ">Floor<"), ("zh", ">底线<")])
def test_no_floor_column_where_the_framework_sets_no_floor(lang, floor):
    """Hollin (Aldmark, dimension_floor: 0): the dimension table had a "Floor" column reading "met" in
    every row, a floor the framework does not have; a framework with a floor keeps the column."""
    page = _aldmark_page(lang)
    table = page[page.index('class="grid dims"'):]
    table = table[:table.index("</table>")]
    assert floor not in table and 'class="c-floor"' not in table
    china = _text(str(ROOT / "examples" / "jianglan-city.yaml"), "en")
    assert "Ref. best Floor" in china or "Floor 1 A Policy" in china


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_plan_with_no_task_says_what_is_left(lang):
    """Nanhu: section 6 read "With the least effort, these 0 tasks reach the target, raising the total from
    88.1 to 88.1, for a total effort of 0 effort points" while recognition is deferred on the city's
    figures; now the step left, as lcity plan says it."""
    text = _text(str(NANHU), lang)
    if lang == "en":
        start = text.index("Target: Recognised as demonstration zone")
        six = text[start:text.index("7. Robustness", start)]
        assert "0 tasks" not in six and "88.1 to 88.1" not in six
        assert "Every other condition of recognition is met, but the 8 figures D3, E1, E3, G1, G3, K2, K4, K5" in six
    else:
        start = text.index("目标：认定为示范区")
        six = text[start:text.index("七、", start)]
        assert "0项任务" not in six and "由88.1分提高到88.1分" not in six
        assert "认定的其他条件均已满足，但D3、E1、E3、G1、G3、K2、K4、K5共8项" in six


def test_the_robustness_page_says_full_points_line_as_every_other_page():
    """#13: section 7 said "the floor and the full-marks line of each linear rule"; every other page
    says "full-points line"."""
    text = _text(str(ROOT / "examples" / "jianglan-city.yaml"), "en")
    assert "full-marks" not in text
    assert "Scale end-points: the floor and the full-points line of each linear rule each move by up to ±10% of " \
           "its span" in text


def test_checklist_items_are_told_apart():
    """#6: Appendix 1 "3 of 3 items present (A leading group …, chaired by a leader of the city/district
    Party committee or government, At least 10 member departments or bodies, At least 2 plenary …)":
    items that hold commas, joined by commas."""
    text = _text(str(ROOT / "examples" / "jianglan-city.yaml"), "en")
    assert "or government, At least 10" not in text
    assert "3 of 3 items present (A leading group or steering committee for the learning city, chaired by a leader " \
           "of the city Party committee or government; At least 10 member departments or bodies; At least 2 " \
           "plenary or working meetings a year, with minutes)" in text


def test_a_yes_no_answer_reads_as_its_share_of_the_points():
    """#26: Appendix 1 "Answered yes: full points of 2 points" (and "answered no: no points of 2 points"),
    the rule's words with the engine's " of N points" after them; now as every other rule: "100% of 2 points"."""
    text = _text(str(ROOT / "examples" / "yunling-county.yaml"), "en")
    assert "nswered yes: full points of" not in text and "nswered no: no points of" not in text
    assert "Answered yes: 100% of 2 points" in text


def test_a_not_ratable_units_floor_count_needs_no_verb():
    """#17 for a unit not rated (Shiwan, G7): the same count as a rated unit's section 3 opening."""
    text = _text(str(ROOT / "tests" / "audit_reports_g7" / "shiwan-district-unratable.yaml"), "en")
    assert "dimensions, " not in text.split("3. Results by dimension")[-1][:400]
    assert "(no grade). Dimensions reaching the 60% floor: " in text
