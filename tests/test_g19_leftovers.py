"""The G19 audits' leftovers, as a reader of each output sees them.

* G19-A5: a unit whose pathway finding says no type stands out (the leading type within about a
  point of its own average) is not told in 四（二） that its practices are "较为突出" / "the most
  marked": it reads "看不出侧重" / "各方面较为均衡" and "得分率高于本单位平均水平的做法包括"; a unit
  whose types do stand out keeps "较为突出的有".
* G19-C4: a panel conclusion giving another grade than the rules give is on the report's list to
  resolve before signing (八), as an outcome clash is, with the line that decides it.
* G19-B9: ranking.pdf says that a ranking mixes levels (a city among districts), as the terminal
  and summary.xlsx do; a ranking of one level says nothing.
* G19-B5: summary.csv, summary.json and summary.xlsx carry ``percent_slips``, the ids of the
  percentages typed as fractions that the grade or outcome turns on (empty when none), as the last
  column; summary.xlsx heads it in words and explains it in its notes.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from evaluator.benchmark import benchmark
from lcity.batch_summary import SUMMARY_COLUMNS
from reports.render import render_html

from .conftest import ROOT, lcity, plain, scored_reviewed

REPORTS = ROOT / "tests" / "audit_reports_g19"
CHENGHU = REPORTS / "chenghu-city.yaml"
HAIYAN = REPORTS / "haiyan-district.yaml"
EXAMPLE = ROOT / "examples" / "qingshi-district.yaml"
REVIEW = ROOT / "examples" / "qingshi-district.review.yaml"
SLIPPED = ROOT / "tests" / "audit_coordinator_g19" / "inputs" / "xicheng-wb-filled.xlsx"
CITY = ROOT / "examples" / "jianglan-city.yaml"
DISTRICTS = [ROOT / "examples" / "districts" / n for n in ("wanghu.yaml", "liutang.yaml")]


def _page(result, fw, assessment, lang: str) -> str:
    return plain(render_html(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-25"))


# --- G19-A5: practices are not "较为突出" when no type stands out -------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_unit_with_no_lead_is_not_told_its_practices_stand_out(lang):
    result, fw, assessment = scored_reviewed(CHENGHU)
    text = _page(result, fw, assessment, lang)
    if lang == "zh":
        assert "较为突出的有" not in text
        assert ("澄湖市的做法看不出侧重：没有哪一类发展路径的做法比本单位自身平均水平突出（居首一类也与平均水平相当）。"
                "得分率高于本单位平均水平的做法包括：社区学校覆盖街道和乡镇") in text
        # the pathway finding it agrees with
        assert "没有哪一类型的做法比本单位自身平均水平突出，居首的“均衡发展型”与平均水平也相差不到1个百分点" in text
    else:
        assert "the most marked are" not in text
        assert ("Chenghu City's practice shows no emphasis: no pathway type's practices stand out from the unit's own "
                "average (even the first is level with it). Practices scoring above that average include: "
                "Community schools in streets and townships alike") in text


@pytest.mark.parametrize("lang, says", [
    ("zh", "澄湖市的做法各方面较为均衡：没有哪一类发展路径的做法比本单位自身平均水平突出，看不出侧重。"
           "得分率高于本单位平均水平的做法包括："),
    ("en", "Chenghu City's practice is balanced across the board: no pathway type's practices stand out from the "
           "unit's own average, so there is no emphasis. Practices scoring above that average include: "),
])
def test_a_unit_level_with_its_average_in_every_type_reads_balanced(lang, says):
    result, fw, assessment = scored_reviewed(CHENGHU)
    path = result.pathway
    even = path.model_copy(update={"scores": [s.model_copy(update={"score": 0.004 * (-1) ** k})
                                              for k, s in enumerate(path.scores)]})
    text = _page(result.model_copy(update={"pathway": even}), fw, assessment, lang)
    assert says in text
    assert "较为突出的有" not in text and "the most marked are" not in text


@pytest.mark.parametrize("lang, says", [
    ("zh", "海晏区的做法兼具多种发展路径的特征，较为突出的有：对接国际"),
    ("en", "Haiyan District's practice combines features of several pathways; the most marked are: Connecting"),
])
def test_a_unit_whose_types_stand_out_keeps_its_wording(lang, says):
    result, fw, assessment = scored_reviewed(HAIYAN)
    text = _page(result, fw, assessment, lang)
    assert says in text
    paragraph = text[text.index(says):text.index(says) + 400]
    assert ("看不出侧重" if lang == "zh" else "no emphasis") not in paragraph


# --- G19-C4: a grade clash is on the list to resolve before signing -----------------------------------


def _reviewed(tmp_path: Path, conclusion: str):
    from evaluator.pipeline import read_scored

    shutil.copy(EXAMPLE, tmp_path / EXAMPLE.name)
    text = REVIEW.read_text(encoding="utf-8")
    m = re.search(r"^conclusion: *(.*)$", text, re.M)
    assert m
    review = tmp_path / "r.yaml"
    review.write_text(text[:m.start()] + f"conclusion: {conclusion}\n" + text[m.end() + 1:], encoding="utf-8")
    result, loaded = read_scored(tmp_path / EXAMPLE.name, reviews=[review])
    assessment, fw = loaded.require()
    return result, fw, assessment


@pytest.mark.parametrize("lang, intro, line", [
    ("zh", "专家组意见中的以下表述与专家组核定的数据或按规则得出的等级、评估结论不一致，请专家组在签字前核对后修改或说明：",
     "专家组结论中的等级“优秀”与计分规则核定的等级“合格”不一致（总分75.3分，低于“优秀”所需的90分）"),
    ("en", "These statements of the panel do not match the figures the panel verified or the grade or outcome the "
           "rules give; the panel should check and correct or explain them before signing:",
     "The panel's conclusion gives the grade “优秀”, the rules give “Pass” (total 75.3 is below the 90 needed for "
     "“Excellent”)"),
])
def test_a_conclusion_giving_a_higher_grade_is_listed_before_signing(tmp_path, lang, intro, line):
    text = _page(*_reviewed(tmp_path, "青石区基础扎实，但仍有明显短板，综合评定等级为优秀，建议暂缓认定，整改后复核。"), lang)
    assert intro in text
    assert line in text
    assert text.index(intro) < text.index(line)


@pytest.mark.parametrize("lang, line", [
    ("zh", "专家组结论中的等级“不合格”与计分规则核定的等级“合格”不一致（总分75.3分，达到“合格”所需的60分）"),
    ("en", "The panel's conclusion gives the grade “不合格”, the rules give “Pass” (total 75.3 reaches the 60 needed "
           "for “Pass”)"),
])
def test_a_conclusion_giving_a_lower_grade_is_listed_too(tmp_path, lang, line):
    text = _page(*_reviewed(tmp_path, "青石区综合评定等级为不合格，建议暂缓认定，整改后复核。"), lang)
    assert line in text


def test_a_conclusion_giving_the_rules_grade_is_not_listed(tmp_path):
    text = _page(*_reviewed(tmp_path, "青石区综合评定等级为合格，建议暂缓认定，整改后复核。"), "zh")
    assert "专家组结论中的等级" not in text
    en = _page(*_reviewed(tmp_path, "青石区综合评定等级为合格，建议暂缓认定，整改后复核。"), "en")
    assert "conclusion gives the grade" not in en


# --- G19-B9 and G19-B5: the batch's outputs ----------------------------------------------------------


def _batch(tmp_path: Path, files: list[Path], lang: str) -> Path:
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder / f.name)
    run = lcity("batch", str(folder), "-o", str(out), "--lang", lang, timeout=600)
    assert run.returncode == 0, run.stderr
    return out


def _pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_ranking_pdf_says_a_city_is_ranked_among_districts(tmp_path):
    out = _batch(tmp_path, [CITY, *DISTRICTS], "zh")
    text = _pdf_text(out / "ranking.pdf")
    assert _squash("注意：本排名中有不同层级或类型的单位（市、区）：其职责和规模可能不同，名次只能作为大致参照。") in _squash(text)
    # by the table, before its rows
    assert _squash(text).index("本排名中有不同层级") < _squash(text).index("江澜市")


def test_the_ranking_pdf_of_several_frameworks_names_the_one_that_mixes_levels(tmp_path):
    out = _batch(tmp_path, [CITY, DISTRICTS[0], SLIPPED], "en")
    text = _pdf_text(out / "ranking.pdf")
    assert re.search(r"Note: the ranking of China Learning City Evaluation Framework[^:]*mixes units of different "
                     r"levels or kinds \(city, district\): their remits and sizes may differ, so a rank is only a "
                     r"rough comparison\.", text), text[:1500]
    assert text.count("mixes units of different levels") == 1  # version 2 ranks one district
    # B5 in English: summary.xlsx heads the column in words and explains it
    import openpyxl

    wb = openpyxl.load_workbook(out / "summary.xlsx")
    rows = list(wb.worksheets[1].iter_rows(values_only=True))
    assert rows[0][-1] == "Percentages typed as fractions that decide the grade or outcome"
    notes = " ".join(str(r[1]) for r in wb.worksheets[2].iter_rows(values_only=True) if r[1])
    assert ("The column “Percentages typed as fractions that decide the grade or outcome” names the indicators whose "
            "answer looks like a percentage typed as a fraction (0.95 read as 0.95 %, not 95 %)") in notes


def test_a_ranking_of_one_level_says_nothing_of_levels_and_the_summaries_flag_the_slips(tmp_path):
    out = _batch(tmp_path, [*DISTRICTS, SLIPPED], "zh")
    assert "不同层级" not in _pdf_text(out / "ranking.pdf")

    # summary.csv: the last column, ids separated by spaces, empty for the others
    with open(out / "summary.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    head = rows[0]
    assert head[:len(SUMMARY_COLUMNS)] == list(SUMMARY_COLUMNS)  # the existing columns where they were
    assert head[-2:] == ["error", "percent_slips"]
    slips = {r[head.index("file")]: r[-1] for r in rows[1:]}
    assert slips == {"xicheng-wb-filled.xlsx": "D4 F2", "wanghu.yaml": "", "liutang.yaml": ""}

    doc = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert doc["columns"][-1] == "percent_slips"
    assert {u["file"]: u["percent_slips"] for u in doc["units"]} == {
        "xicheng-wb-filled.xlsx": "D4 F2", "wanghu.yaml": None, "liutang.yaml": None}

    import openpyxl

    wb = openpyxl.load_workbook(out / "summary.xlsx")
    rows_x = list(wb.worksheets[1].iter_rows(values_only=True))
    assert rows_x[0][-1] == "疑似把百分比写成小数、决定等级或结论的指标"
    by_name = {r[1]: r[-1] for r in rows_x[1:]}
    assert by_name == {"西城区": "D4 F2", "望湖区": None, "柳塘区": None}
    notes = " ".join(str(r[1]) for r in wb.worksheets[2].iter_rows(values_only=True) if r[1])
    assert ("“疑似把百分比写成小数、决定等级或结论的指标”一列列出的指标，其答案疑似把百分比写成了小数（如 0.95 按 0.95% 计，"
            "而不是 95%），按百分比计时该单位的等级或评估结论会不同") in notes


def test_a_batch_without_slips_has_the_column_empty_and_no_note(tmp_path):
    out = _batch(tmp_path, DISTRICTS, "zh")
    with open(out / "summary.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][-1] == "percent_slips" and all(r[-1] == "" for r in rows[1:])
    import openpyxl

    wb = openpyxl.load_workbook(out / "summary.xlsx")
    notes = " ".join(str(r[1]) for r in wb.worksheets[2].iter_rows(values_only=True) if r[1])
    assert "疑似把百分比写成小数" not in notes
