"""Audit G20-C (tests/audit_hostile_g20/AUDIT.md): hostile and careless input, new angles, asserted
as the user sees them: the exit code, the message, what it tells them to do."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import EXAMPLES, ROOT, lcity_here

EXAMPLE = EXAMPLES / "qingshi-district.yaml"


def _run(*args: str, env: dict | None = None, cwd=None) -> subprocess.CompletedProcess:
    environ = dict(os.environ, COLUMNS="200", NO_COLOR="1")
    environ.pop("SOURCE_DATE_EPOCH", None)
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "lcity", *args], cwd=cwd or ROOT, capture_output=True,
                          text=True, env=environ, timeout=300)


# --- G20-C1: a SOURCE_DATE_EPOCH lcity refuses never ends a run in an internal error ----------------

@pytest.mark.parametrize("epoch", ["soon", "1e3", "", "99999999999999999999"])
def test_a_malformed_source_date_epoch_never_stops_plan(epoch):
    proc = _run("plan", str(EXAMPLE), "--lang", "en", env={"SOURCE_DATE_EPOCH": epoch})
    assert proc.returncode == 0, proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    assert "Qingshi District: target" in proc.stdout


def test_a_dated_form_reports_under_a_malformed_epoch_and_an_undated_one_is_refused_by_name(tmp_path):
    dated = _run("report", str(EXAMPLE), "-o", str(tmp_path / "r.pdf"), "--lang", "en",
                 env={"SOURCE_DATE_EPOCH": "soon"})
    assert dated.returncode == 0, dated.stderr
    assert "wrote" in dated.stdout + dated.stderr and (tmp_path / "r.pdf").stat().st_size > 0
    undated = tmp_path / "u.yaml"
    undated.write_text(EXAMPLE.read_text(encoding="utf-8").replace('date: "2025-04-15"\n', ""), encoding="utf-8")
    refused = _run("report", str(undated), "-o", str(tmp_path / "u.pdf"), "--lang", "en",
                   env={"SOURCE_DATE_EPOCH": "soon"})
    assert refused.returncode == 2
    assert "SOURCE_DATE_EPOCH 'soon' is not a whole number of seconds" in refused.stderr
    assert "internal error" not in refused.stderr and not (tmp_path / "u.pdf").exists()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30) | st.integers(min_value=-10**30, max_value=10**30).map(str))
def test_after_the_shield_every_library_can_read_what_is_left(value):
    """NumPy, Matplotlib and fontTools read the variable with int(): whatever is left must be one."""
    from evaluator.dates import REFUSED_EPOCH, DateError, from_epoch, shield_epoch

    if "\x00" in value:
        return  # an environment cannot hold NUL
    environ = {"SOURCE_DATE_EPOCH": value}
    shield_epoch(environ)
    if "SOURCE_DATE_EPOCH" in environ:
        assert environ["SOURCE_DATE_EPOCH"] == value and int(value) >= 0
        from_epoch(value)
    else:
        try:
            accepted = bool(value.strip()) and from_epoch(value) is not None
        except DateError:
            accepted = False
        assert not accepted
        assert environ.get(REFUSED_EPOCH, "") == (value if value.strip() else "")


# --- G20-C3: a workbook row with an answer but no id (merged or cleared id cell) is said, not dropped ----

def _workbook_with(tmp_path, edit):
    import openpyxl

    base = tmp_path / "base.xlsx"
    assert lcity_here("convert", str(EXAMPLE), str(base), "--lang", "zh").returncode == 0
    wb = openpyxl.load_workbook(base)
    ws = wb["指标"]
    row = next(c.row for c in ws["A"] if c.value == "C1")
    edit(ws, row)
    out = tmp_path / "edited.xlsx"
    wb.save(out)
    return out, row + 1


@pytest.mark.parametrize("how", ["merged", "cleared"])
def test_a_row_whose_id_is_gone_is_an_error_at_its_id_cell_in_both_languages(tmp_path, how):
    def edit(ws, row):
        if how == "merged":  # C1's and C2's id cells merged: C2's row keeps its value 100 and evidence
            ws.merge_cells(start_row=row, start_column=1, end_row=row + 1, end_column=1)
        else:
            ws.cell(row + 1, 1).value = None

    book, lost = _workbook_with(tmp_path, edit)
    en = lcity_here("validate", str(book), "--lang", "en")
    zh = lcity_here("validate", str(book), "--lang", "zh")
    assert en.returncode == 1 and zh.returncode == 1
    if how == "merged":  # the merge is read from the sheet and said for certain (G20-C7), at the merged cell
        top = lost - 1
        assert (f"edited.xlsx:指标!A{top}: error cell-refused: cells A{top}:A{lost} are merged, so row {lost} has "
                f"no indicator id of its own: its answers belong to no indicator and are not read") in en.stdout
        assert f"select A{top}:A{lost}, Home → Merge & Center → Unmerge Cells" in en.stdout
        assert f"单元格 A{top}:A{lost} 被合并了，第 {lost} 行因此没有自己的指标编号" in zh.stdout
        assert "取消单元格合并" in zh.stdout and "no indicator id in A" not in en.stdout
        return
    assert (f"edited.xlsx:指标!A{lost}: error cell-refused: row {lost} holds an answer in I{lost}, K{lost} "
            f"but no indicator id in A{lost}, so it belongs to no indicator and is not read") in en.stdout
    assert "unmerge them first" in en.stdout
    assert f"第 {lost} 行的 I{lost}, K{lost} 填有答案，但 A{lost} 中没有指标编号，这一行不属于任何指标，不会被读取" in zh.stdout
    assert "请在 A" in zh.stdout and "取消合并" in zh.stdout
    converted = lcity_here("convert", str(book), str(tmp_path / "out.yaml"), "--lang", "en")
    assert converted.returncode == 1 and not (tmp_path / "out.yaml").exists()


def test_an_empty_row_without_id_stays_unsaid(tmp_path):
    book, _ = _workbook_with(tmp_path, lambda ws, row: ws.cell(ws.max_row + 3, 12, "   "))
    assert lcity_here("validate", str(book), "--lang", "en").returncode == 0


# --- G20-C2: a profile figure written in quotes converts, as it validates, scores and reports -------

@pytest.mark.parametrize("old,new", [("  population: 820000\n", '  population: "820000"\n'),
                                     ("  start: 2023\n  end: 2024\n", "  start: '2023'\n  end: \"2024\"\n"),
                                     ("  area_km2: 86.5\n", '  area_km2: " 86.5"\n')])
def test_a_quoted_profile_figure_converts_both_ways(tmp_path, old, new):
    form = tmp_path / "quoted.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    form.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert lcity_here("validate", str(form), "--lang", "en").returncode == 0
    book = tmp_path / "quoted.xlsx"
    proc = lcity_here("convert", str(form), str(book), "--lang", "en")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "convert-loss" not in proc.stdout + proc.stderr and book.exists()
    back = tmp_path / "back.yaml"
    assert lcity_here("convert", str(book), str(back), "--lang", "en").returncode == 0
    assert "75.6" in lcity_here("score", str(back), "--lang", "en").stdout


def test_a_quoted_answer_figure_still_does_not_convert_silently(tmp_path):
    form = tmp_path / "answer.yaml"
    form.write_text(EXAMPLE.read_text(encoding="utf-8").replace("  C1:\n    value: 12\n", '  C1:\n    value: "12"\n', 1),
                    encoding="utf-8")
    proc = lcity_here("convert", str(form), str(tmp_path / "a.xlsx"), "--lang", "en")
    assert proc.returncode != 0 and not (tmp_path / "a.xlsx").exists()


# --- G20-C4: a refused --date or SOURCE_DATE_EPOCH is said in the user's language ---------------------

@pytest.mark.parametrize("lang,words", [
    ("zh", "lcity report: 错误 usage: --date“0000-01-01”的年份 0 不在 1990–2100 之间（请检查年份，按“年-月-日”写，如 2025-06-30）"),
    ("en", "lcity report: error usage: --date '0000-01-01' has the year 0, outside 1990–2100 (check the year: write YYYY-MM-DD, e.g. 2025-06-30)"),
])
def test_a_bad_date_option_is_said_in_the_users_language(tmp_path, lang, words):
    proc = lcity_here("report", str(EXAMPLE), "-o", str(tmp_path / "r.pdf"), "--date", "0000-01-01", "--lang", lang)
    assert proc.returncode == 2 and words in proc.stdout + proc.stderr
    assert not (tmp_path / "r.pdf").exists()


@pytest.mark.parametrize("lang,words", [
    ("zh", "SOURCE_DATE_EPOCH“soon”不是自 1970-01-01 起的整秒数（请取消设置 SOURCE_DATE_EPOCH，"),
    ("en", "SOURCE_DATE_EPOCH 'soon' is not a whole number of seconds since 1970-01-01 (unset SOURCE_DATE_EPOCH, "),
])
def test_a_bad_source_date_epoch_is_said_in_the_users_language(tmp_path, lang, words):
    undated = tmp_path / "u.yaml"
    undated.write_text(EXAMPLE.read_text(encoding="utf-8").replace('date: "2025-04-15"\n', ""), encoding="utf-8")
    proc = _run("report", str(undated), "-o", str(tmp_path / "u.pdf"), "--lang", lang, env={"SOURCE_DATE_EPOCH": "soon"})
    assert proc.returncode == 2 and words in proc.stderr


# --- G20-C5: batch -o FOLDER-READ never replaces an input; its own earlier summary is skipped ---------

def test_batch_into_its_own_folder_never_replaces_an_assessment_named_summary_xlsx(tmp_path):
    import hashlib
    import shutil

    folder = tmp_path / "units"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "q.yaml")
    assert lcity_here("convert", str(EXAMPLES / "districts" / "beiling.yaml"), str(folder / "summary.xlsx")).returncode == 0
    before = hashlib.sha256((folder / "summary.xlsx").read_bytes()).hexdigest()
    for lang, words in (("en", "error output-is-input: the output would replace an input of this command (summary.xlsx)"),
                        ("zh", "错误 output-is-input: 输出会覆盖本命令的输入文件（summary.xlsx）")):
        proc = lcity_here("batch", str(folder), "-o", str(folder), "--force", "--lang", lang)
        assert proc.returncode == 2
        assert words in proc.stdout + proc.stderr and "units-results" in proc.stdout + proc.stderr
    assert hashlib.sha256((folder / "summary.xlsx").read_bytes()).hexdigest() == before
    assert sorted(p.name for p in folder.iterdir()) == ["q.yaml", "summary.xlsx"]


def test_a_batch_run_again_into_its_own_folder_skips_its_earlier_summary(tmp_path):
    import shutil

    folder = tmp_path / "units"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "q.yaml")
    shutil.copy(EXAMPLES / "districts" / "beiling.yaml", folder / "beiling.yaml")
    assert lcity_here("batch", str(folder), "-o", str(folder), "--lang", "en").returncode == 0
    again = lcity_here("batch", str(folder), "-o", str(folder), "--force", "--lang", "zh")
    assert again.returncode == 0, again.stdout + again.stderr
    out = again.stdout + again.stderr
    assert "summary.xlsx：已跳过：是 lcity batch 写出的汇总表，不是自评表" in out
    assert "失败" not in out and "共 2 个文件：2 个已评分" in out


# --- G20-C9: an empty --date is refused, not taken as no date ------------------------------------------

@pytest.mark.parametrize("lang,words", [
    ("en", "lcity report: error usage: --date '' is not a date in the form YYYY-MM-DD (write a real date as YYYY-MM-DD"),
    ("zh", "lcity report: 错误 usage: --date“”不是“年-月-日”格式的日期"),
])
def test_an_empty_date_option_is_refused(tmp_path, lang, words):
    proc = lcity_here("report", str(EXAMPLE), "-o", str(tmp_path / "r.pdf"), "--date", "", "--lang", lang)
    assert proc.returncode == 2 and words in proc.stdout + proc.stderr
    assert not (tmp_path / "r.pdf").exists()


# --- G20-C6: a number cell past the largest double is named as too large, not as 'inf' -----------------

def test_a_number_cell_past_the_largest_double_is_said_as_too_large(tmp_path):
    import zipfile

    book, _ = _workbook_with(tmp_path, lambda ws, row: ws.cell(row, 9, 12345678))
    patched = tmp_path / "huge.xlsx"
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, data.replace(b"<v>12345678</v>", b"<v>1.8E+309</v>"))
    en = lcity_here("validate", str(patched), "--lang", "en")
    assert en.returncode == 1 and "'inf'" not in en.stdout
    assert "huge.xlsx:指标!I7: error cell-refused: holds a number too large to compute with" in en.stdout
    zh = lcity_here("validate", str(patched), "--lang", "zh")
    assert "错误 cell-refused: 其中的数字过大，无法计算" in zh.stdout


# --- G20-C8: a formula in a Profile cell is one problem, at its cell ------------------------------------

def test_a_formula_in_a_profile_cell_is_one_problem_at_that_cell(tmp_path):
    import openpyxl

    base = tmp_path / "base.xlsx"
    assert lcity_here("convert", str(EXAMPLE), str(base), "--lang", "zh").returncode == 0
    wb = openpyxl.load_workbook(base)
    ws = wb["基本情况"]
    row = next(c.row for c in ws["B"] if c.value == "city.population")
    ws.cell(row, 3).value = "=820000"
    wb.save(tmp_path / "f.xlsx")
    for lang, head, tail in (("en", "error cell-refused: holds a formula (=820000)", "invalid — 1 error, 0 warnings"),
                             ("zh", "错误 cell-refused: 含有公式（=820000）", "无效——1 个错误，0 个警告")):
        proc = lcity_here("validate", str(tmp_path / "f.xlsx"), "--lang", lang)
        assert proc.returncode == 1
        assert f"f.xlsx:基本情况!C{row}: {head}" in proc.stdout
        assert "missing-profile" not in proc.stdout and tail in proc.stdout + proc.stderr
