"""G18-B12, B13: the spreadsheets a coordinator hands to officials.

``lcity batch`` writes ``summary.xlsx`` beside the machine-readable ``summary.csv`` / ``summary.json``
(whose columns and ids stay as they are): headings and values in words in the batch's language, each
dimension headed with its maximum, numbers as numbers, a frozen header, a first sheet saying what the
file is and a notes sheet with the caveats; the robustness analysis's number of draws is in
summary.json and the workbook. ``lcity sensitivity --format csv`` gives one value per cell, the marks
in columns of their own, and its number of draws.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from indicators.loader import load_framework
from lcity.batch_summary import SUMMARY_COLUMNS, TRAILING_COLUMNS

from .conftest import EXAMPLES, lcity

DISTRICTS = EXAMPLES / "districts"
#: a unit recognised, one excellent by a hair (†), one deferred on a floor, one reviewed, one vetoed
UNITS = ("wanghu", "xinqiao", "qingshi", "lanjiang", "baiyang")
FW = load_framework("china-learning-city@1")


def _folder(root: Path) -> Path:
    folder = root / "units"
    folder.mkdir()
    for n in UNITS:
        shutil.copy(DISTRICTS / f"{n}.yaml", folder)
        if (DISTRICTS / f"{n}.review.yaml").exists():
            shutil.copy(DISTRICTS / f"{n}.review.yaml", folder)
    # a unit whose name a spreadsheet would run as a formula, and a file that is not an assessment
    text = (DISTRICTS / "wanghu.yaml").read_text(encoding="utf-8")
    (folder / "formula.yaml").write_text(text.replace("id: wanghu", "id: formula")
                                         .replace("zh: 望湖区", "zh: \"=1+1\"").replace("en: Wanghu District", "en: \"=1+1\""),
                                         encoding="utf-8")
    (folder / "broken.yaml").write_text("framework: china-learning-city@1\ncity: [\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module", params=["zh", "en"])
def batch(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"sheets-{request.param}")
    out = root / "out"
    run = lcity("batch", str(_folder(root)), "-o", str(out), "--lang", request.param, "--jobs", "2")
    assert run.returncode == 1, run.stderr  # broken.yaml fails; the others are scored
    assert "summary.xlsx" in run.stderr  # the closing line names it
    with (out / "summary.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    doc = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    wb = openpyxl.load_workbook(out / "summary.xlsx")
    return request.param, out, rows, doc, wb


def _table(ws) -> tuple[list[str], list[dict[str, object]]]:
    values = list(ws.iter_rows(values_only=True))
    head = list(values[0])
    return head, [dict(zip(head, r)) for r in values[1:]]


WORDS = {"zh": {"rank": "排名", "name": "单位", "total": "总分", "grade": "等级", "recognition": "认定结论",
                "median": "中位数", "p05": "第5百分位", "p95": "第95百分位", "p_recognition": "认定概率",
                "rank_best": "最好名次", "rank_worst": "最差名次", "file": "文件", "status": "状态"},
         "en": {"rank": "Rank", "name": "Unit", "total": "Total", "grade": "Grade", "recognition": "Recognition",
                "median": "Median", "p05": "5th percentile", "p95": "95th percentile",
                "p_recognition": "Probability of recognition", "rank_best": "Best rank", "rank_worst": "Worst rank",
                "file": "File", "status": "Status"}}
SHEETS = {"zh": ("说明", "汇总", "注意事项"), "en": ("About", "Summary", "Notes")}


def _dimension_head(d, lang: str) -> str:
    return f"{d.id} {d.name.zh}（满分{d.points:g}）" if lang == "zh" else f"{d.id} {d.name.en} (out of {d.points:g})"


def test_the_csv_and_json_keep_their_ids(batch):
    lang, out, rows, doc, _ = batch
    dims = [d.id for d in FW.dimensions]
    head = (out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert head == [*SUMMARY_COLUMNS, *dims, *TRAILING_COLUMNS]
    assert doc["columns"] == head
    wanghu = next(r for r in rows if r["file"] == "wanghu.yaml")
    assert (wanghu["grade"], wanghu["recognition"], wanghu["pathway"]) == ("excellent", "recognised", "mixed")
    # B13: the robustness columns say how many draws they rest on, and the random-number stream
    assert doc["robustness"] == {"draws": 2000, "stream": 0, "units": 6}


def test_the_workbook_speaks_the_batch_language(batch):
    lang, _, rows, _, wb = batch
    assert wb.sheetnames == list(SHEETS[lang])
    head, _ = _table(wb[SHEETS[lang][1]])
    for word in WORDS[lang].values():
        assert word in head, (word, head)
    ids = {"rank", "file", "total", "p05", "p95", "rank_worst", "p_recognition", "next_grade_reason", "plan_effort"}
    assert not ids & set(head), head  # no programme id as a heading
    for d in FW.dimensions:  # each dimension with its name and maximum: "A 政策蓝图与组织领导（满分8）"
        assert _dimension_head(d, lang) in head, head
    if lang == "zh":
        assert "D 多元经费保障（满分10）" in head


def test_numbers_are_numbers_and_equal_the_csv(batch):
    lang, _, rows, _, wb = batch
    w = WORDS[lang]
    _, table = _table(wb[SHEETS[lang][1]])
    by_file = {r[w["file"]]: r for r in table}
    for row in rows:
        if row["status"] != "ok":
            continue
        got = by_file[row["file"]]
        for column in ("total", "median", "p05", "p95", "p_recognition", "rank", "rank_best", "rank_worst"):
            v = got[w[column]]
            assert isinstance(v, (int, float)) and not isinstance(v, bool), (column, v)
            assert v == pytest.approx(float(row[column])), (column, row["file"])
        for d in FW.dimensions:
            v = got[_dimension_head(d, lang)]
            assert isinstance(v, (int, float)) and v == pytest.approx(float(row[d.id]))
    # the numbers keep a number format: shares as percentages, points with 2 decimals
    ws = wb[SHEETS[lang][1]]
    head = [c.value for c in ws[1]]
    assert ws.cell(row=2, column=head.index(w["p_recognition"]) + 1).number_format == "0.0%"
    assert ws.cell(row=2, column=head.index(w["total"]) + 1).number_format == "0.00"


def test_values_are_the_framework_names(batch):
    lang, _, rows, _, wb = batch
    w = WORDS[lang]
    _, table = _table(wb[SHEETS[lang][1]])
    by_file = {r[w["file"]]: r for r in table}
    grades = {g.id: getattr(g.name, lang) for g in FW.grades}
    outcomes = FW.recognition.outcomes
    pathways = {k: getattr(v, lang) for k, v in FW.pathway_names().items()} | {"mixed": getattr(FW.mixed_name(), lang)}
    seen = set()
    for row in rows:
        if row["status"] != "ok":
            continue
        got = by_file[row["file"]]
        assert got[w["grade"]] == grades[row["grade"]]
        assert got[w["recognition"]] == getattr(getattr(outcomes, row["recognition"]), lang)
        assert got["发展路径" if lang == "zh" else "Pathway"] == pathways[row["pathway"]]
        seen |= {got[w["grade"]], got[w["recognition"]]}
    if lang == "zh":
        assert {"优秀", "暂缓认定", "认定为示范区"} <= seen
        assert by_file["wanghu.yaml"]["发展路径"] == "混合型"
        assert by_file["qingshi.yaml"]["未给出计划工作量的原因"] and by_file["qingshi.yaml"]["计划工作量（点）"] is None
        assert by_file["lanjiang.yaml"]["专家核定"] == "是"
    # a name that reads as a formula is text, and the file that failed is listed with its error in words
    formula = by_file["formula.yaml"]
    assert formula[w["name"]] == "=1+1"
    broken = by_file["broken.yaml"]
    assert broken[w["status"]] == ("文件有误，未评分" if lang == "zh" else "file has errors, not scored")
    assert broken[w["total"]] is None and broken["错误" if lang == "zh" else "Error"]
    ws = wb[SHEETS[lang][1]]
    assert all(c.data_type != "f" for r in ws.iter_rows() for c in r)


def test_the_header_is_frozen_and_columns_fit(batch):
    lang, _, _, _, wb = batch
    ws = wb[SHEETS[lang][1]]
    assert ws.freeze_panes == "C2"
    name_col = [c.value for c in ws[1]].index(WORDS[lang]["name"]) + 1
    from openpyxl.utils import get_column_letter

    assert ws.column_dimensions[get_column_letter(name_col)].width >= 8


def test_the_first_sheet_says_what_the_file_is_and_the_notes_the_caveats(batch):
    lang, _, _, _, wb = batch
    about = " ".join(str(c) for r in wb[SHEETS[lang][0]].iter_rows(values_only=True) for c in r if c is not None)
    notes = " ".join(str(c) for r in wb[SHEETS[lang][2]].iter_rows(values_only=True) for c in r if c is not None)
    if lang == "zh":
        assert "lcity batch" in about and "summary.csv" in about
        assert "2026-" in about  # the date of the data
        assert "2000 次抽样（随机数序列 0）" in about
        assert "“不详”不是0分" in notes and "总分上界" in notes
        assert "lcity sensitivity 默认抽样 10000 次" in notes
    else:
        assert "lcity batch" in about and "2,000 draws (random-number stream 0)" in about
        assert "Unknown is not zero" in notes and "lcity sensitivity draws 10,000" in notes
    assert "seed" not in (about + notes).lower() and "种子" not in about + notes


# --- lcity sensitivity --format csv -------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sensitivity_csv_has_one_value_per_cell(lang):
    run = lcity("sensitivity", str(DISTRICTS), "-n", "300", "--no-sobol", "--lang", lang, "--format", "csv")
    assert run.returncode == 0, run.stderr
    rows = list(csv.reader(io.StringIO(run.stdout.split("\n\n")[0])))
    head, body = rows[0], rows[1:]
    assert len(body) == 18 and {len(r) for r in rows} == {len(head)}
    col = {h: k for k, h in enumerate(head)}
    names = ("总分", "中位数", "第5百分位", "第95百分位", "等级抽样占比（%）", "认定概率（%）", "最好名次", "最差名次",
             "抽样次数") if lang == "zh" else \
        ("total", "median", "p05", "p95", "grade share of draws (%)", "P(recognition) (%)", "rank best", "rank worst",
         "draws")
    for r in body:
        for h in names:
            float(r[col[h]])  # a number alone: no interval, no percent sign, no mark
        assert r[col[names[-1]]] == "300"
        marks = [h for h in head if h[:1] in "*✓‡†⚑" and not h.endswith(("分界线", "lines"))]
        assert len(marks) == 5 and all(r[col[h]] in (("是", "否") if lang == "zh" else ("yes", "no")) for h in marks)
        assert not any(m in r[col[h]] for h in head if h[:1] not in "*✓‡†⚑" for m in "✓⚑‡†")
    grades = {getattr(g.name, lang) for g in FW.grades}
    assert {r[col["等级" if lang == "zh" else "grade"]] for r in body} <= grades
    by = {r[0]: r for r in body}
    beiling = by["北岭区" if lang == "zh" else "Beiling District"]
    assert beiling[col["✓专家核定" if lang == "zh" else "✓ verified by experts"]] == ("是" if lang == "zh" else "yes")
    baiyang = by["白杨县" if lang == "zh" else "Baiyang County"]
    assert baiyang[col["‡一票否决决定等级" if lang == "zh" else "‡ grade decided by a veto"]] == ("是" if lang == "zh" else "yes")


def test_sensitivity_sobol_csv_gives_the_top_weight_and_its_index_apart():
    run = lcity("sensitivity", str(DISTRICTS / "wanghu.yaml"), "-n", "300", "--lang", "en", "--format", "csv")
    assert run.returncode == 0, run.stderr
    sobol = list(csv.reader(io.StringIO(run.stdout.split("\n\n")[1])))
    assert sobol[0][-2:] == ["top weight", "top weight's index"]
    first = sobol[1]
    assert first[-2] in {d.id for d in FW.dimensions} and float(first[-1]) >= 0
