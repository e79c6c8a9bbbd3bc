"""G27-H: a fresh hostile round (tests/audit_cities/g27h/AUDIT.md).

Each test runs the CLI as a user would and asserts what the user sees: the exit code and the
message (file, sheet!cell or line:col, rule id, what is wrong, how to fix it) in Chinese and English.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import lcity, lcity_here

ROOT = Path(__file__).resolve().parent.parent
QINGSHI = ROOT / "examples" / "qingshi-district.yaml"


def _workbook(tmp_path: Path, name: str = "qingshi.xlsx") -> Path:
    book = tmp_path / name
    proc = lcity_here("convert", str(QINGSHI), "-o", str(book))
    assert proc.returncode == 0, proc.stderr
    return book


def _edited(book: Path, dest: Path, edit) -> Path:
    import openpyxl

    wb = openpyxl.load_workbook(book)
    edit(wb)
    wb.save(dest)
    return dest


# --- G27H-1: a profile key that is a part of another stopped lcity with an internal error -----------


def _key_row(key: str, value, at: int | None = None):
    def edit(wb):
        ws = wb["基本情况"]
        row = ws.max_row + 1 if at is None else at
        if at is not None:
            ws.insert_rows(at)
        ws.cell(row, 2).value = key
        ws.cell(row, 3).value = value
    return edit


@pytest.mark.parametrize("key,value,at,where,other,part", [
    ("city.name", "X", 3, "B4", "city.name", "city.name"),  # above the form's city.name.zh: said there
    ("framework.x", "y", None, "B28", "framework", "framework"),
    ("period.start.x", "1", None, "B28", "period.start", "period.start"),
])
def test_a_profile_key_inside_another_is_an_error_at_its_row_not_an_internal_error(tmp_path, key, value, at,
                                                                                  where, other, part):
    book = _edited(_workbook(tmp_path), tmp_path / "clash.xlsx", _key_row(key, value, at))
    clashing = "city.name.zh" if at else key
    row = 3 if at else {"framework": 2, "period.start": 20}[other]
    for command in ("validate", "score", "convert"):
        args = ("-o", str(tmp_path / "back.yaml"), "--force") if command == "convert" else ()
        en = lcity_here(command, str(book), *args, "--lang", "en")
        out = en.stdout + en.stderr
        assert en.returncode == 1, out
        assert "internal-error" not in out and "Traceback" not in out
        assert (f"clash.xlsx:基本情况!{where}: error duplicate-key: the key '{clashing}' cannot be read beside "
                f"'{other}' in row {row}: {part} would be both one value and a group of values (the keys in column B "
                "are the form's own: restore the key lcity wrote in this row, or delete a row you added)") in out
    zh = lcity_here("validate", str(book), "--lang", "zh")
    assert zh.returncode == 1
    assert (f"clash.xlsx:基本情况!{where}: 错误 duplicate-key: 键“{clashing}”与第 {row} 行的“{other}”冲突，无法读取："
            f"{part} 不能既是一个值，又包含下级各项（B列的键是表单原有的：请把本行的键恢复为 lcity 写入的原样，"
            "或删除自行添加的行）") in zh.stdout


def test_a_scalar_city_key_is_said_once_not_at_every_row_under_it(tmp_path):
    book = _edited(_workbook(tmp_path), tmp_path / "city.xlsx", _key_row("city", "X", 3))
    en = lcity_here("validate", str(book), "--lang", "en")
    assert en.returncode == 1
    assert en.stdout.count("error duplicate-key") == 1
    assert "city.xlsx:基本情况!B4: error duplicate-key: the key 'city.name.zh' cannot be read beside 'city' in row 3" in en.stdout


# --- G27H-2: the form sheet in the other language beside the one read: its answers lost unsaid ---------


def _twin(other_answer):
    def edit(wb):
        src, ws = wb["指标"], wb.create_sheet("Indicators")
        for row in src.iter_rows():
            for cell in row:
                ws.cell(cell.row, cell.column).value = cell.value
        ws.cell(8, 9).value = other_answer  # C2: 100 in 指标
    return edit


def test_an_indicators_sheet_beside_zhibiao_with_other_answers_is_an_error(tmp_path):
    book = _edited(_workbook(tmp_path), tmp_path / "twin.xlsx", _twin(9))
    en = lcity_here("validate", str(book), "--lang", "en")
    assert en.returncode == 1, en.stdout
    assert ("twin.xlsx:Indicators!I8: error sheet-copy: sheet 'Indicators' is the form sheet '指标' in the other "
            "language, and its cells differ from it (differing cells: 1): Indicators!I8 holds 9, 指标!I8 holds 100; "
            "lcity reads only '指标' (move the answers you want into '指标', then delete the sheet 'Indicators': "
            "right-click its tab and choose Delete)") in en.stdout
    zh = lcity_here("validate", str(book), "--lang", "zh")
    assert ("twin.xlsx:Indicators!I8: 错误 sheet-copy: 工作表“Indicators”是另一语言的表单工作表“指标”，其单元格内容与之"
            "不同（不同的单元格：1 个）：Indicators!I8 为 9，指标!I8 为 100；lcity 只读取“指标”") in zh.stdout
    score = lcity_here("score", str(book), "--lang", "en")
    assert score.returncode == 1 and "sheet-copy" in score.stdout + score.stderr


def test_an_indicators_sheet_with_the_same_answers_is_a_warning_and_an_empty_one_nothing(tmp_path):
    book = _workbook(tmp_path)
    same = _edited(book, tmp_path / "same.xlsx", _twin(100))
    en = lcity_here("validate", str(same), "--lang", "en")
    assert en.returncode == 0
    assert ("same.xlsx:Indicators!A1: warning sheet-copy: sheet 'Indicators' is the form sheet '指标' in the other "
            "language, with the same answers; lcity reads only '指标'") in en.stdout
    zh = lcity_here("validate", str(same), "--lang", "zh")
    assert "工作表“Indicators”是另一语言的表单工作表“指标”，填报内容相同；lcity 只读取“指标”" in zh.stdout
    empty = _edited(book, tmp_path / "empty.xlsx", lambda wb: wb.create_sheet("Indicators"))
    proc = lcity_here("validate", str(empty), "--lang", "en")
    assert proc.returncode == 0 and (proc.stdout + proc.stderr).strip().endswith("/empty.xlsx: valid — 0 errors, 0 warnings")


# --- G27H-3: a workbook's framework line with a capital letter: its drop-down options said to be none --


@pytest.mark.parametrize("ref", ["China-Learning-City@1", "china-learning-city@１"])
def test_a_mistyped_framework_line_in_a_workbook_is_one_error_not_a_cascade_over_its_options(tmp_path, ref):
    def edit(wb):
        wb["基本情况"].cell(2, 3).value = ref
    book = _edited(_workbook(tmp_path), tmp_path / "fw.xlsx", edit)
    en = lcity_here("validate", str(book), "--lang", "en")
    assert en.returncode == 1
    assert (f"fw.xlsx:基本情况!C2: error unknown-framework: no framework '{ref}' is installed (did you mean "
            "'china-learning-city@1'?)") in en.stdout
    assert (f"fw.xlsx:基本情况!B2: warning default-framework: '{ref}' is not an installed framework, so the answers "
            "were checked against the default framework china-learning-city@1") in en.stdout
    assert "unknown-choice" not in en.stdout and "expects a list" not in en.stdout
    assert en.stdout.count("error ") == 1, en.stdout
    zh = lcity_here("validate", str(book), "--lang", "zh")
    assert "已按默认指标体系 china-learning-city@1 检查各项作答" in zh.stdout and "unknown-choice" not in zh.stdout


# --- G27H-4: lcity report --framework FILE said the framework has no reference units --------------------

LANSHAN = ROOT / "examples" / "frameworks" / "lanshan-community-learning"


@pytest.mark.parametrize("lang,said,absent", [
    ("en", "Benchmark against the reference units", "has no reference units"),
    ("zh", "参照单位对标表", "没有参照单位"),
])
def test_a_report_under_a_framework_file_benchmarks_against_its_reference_units(tmp_path, monkeypatch, lang,
                                                                                said, absent):
    monkeypatch.delenv("LCITY_FRAMEWORK_PATH", raising=False)
    page = tmp_path / "r.html"
    proc = lcity_here("report", str(LANSHAN / "yunxi-2025.yaml"), "--framework", str(LANSHAN / "framework.yaml"),
                      "--html", str(page), "--lang", lang)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert absent not in proc.stdout + proc.stderr
    text = page.read_text(encoding="utf-8")
    assert said in text and ("Qingyu" if lang == "en" else "青屿市") in text


# --- G27H-5: verify of a report under a framework not installed here read "differs" -----------------


def test_verify_of_a_report_under_a_framework_not_installed_here_says_it_cannot_check(tmp_path, monkeypatch):
    monkeypatch.delenv("LCITY_FRAMEWORK_PATH", raising=False)
    pdf = tmp_path / "yunxi.pdf"
    made = lcity_here("report", str(LANSHAN / "yunxi-2025.yaml"), "--framework", str(LANSHAN / "framework.yaml"),
                      "-o", str(pdf), "--lang", "en")
    assert made.returncode == 0, made.stdout + made.stderr
    en = lcity("verify", str(pdf), "--lang", "en")
    assert en.returncode == 2, en.stdout + en.stderr
    out = en.stdout + en.stderr
    assert "differs" not in out and "no longer score" not in out
    assert ("yunxi.pdf:1:1: error unknown-framework: cannot be checked here: the framework it was scored with, "
            "lanshan-community-learning@1, is not installed, so its inputs cannot be scored again (this says nothing "
            "against the report) (set LCITY_FRAMEWORK_PATH to the folder that holds lanshan-community-learning@1, "
            "then run lcity verify again") in out
    zh = lcity("verify", str(pdf), "--lang", "zh")
    assert zh.returncode == 2
    assert "无法在本机核验：报告所用的指标体系 lanshan-community-learning@1 未安装，无法重新计分（这并不说明报告有改动）" in zh.stdout + zh.stderr
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(LANSHAN.parent))
    there = lcity("verify", str(pdf), "--lang", "en")
    assert there.returncode == 0 and "agrees — total 91.4" in there.stdout + there.stderr


# --- G27H-6: a key that is a list or a mapping was refused without how to fix it ------------------------


@pytest.mark.parametrize("key_lines", ["  ? [a, b]\n  : 1\n", "  [a, b]: 1\n", "  {a: 1}: 1\n"])
def test_a_key_that_is_a_list_or_mapping_says_how_to_write_it(tmp_path, key_lines):
    text = QINGSHI.read_text(encoding="utf-8").replace("  population: 820000\n", key_lines + "  population: 820000\n")
    path = tmp_path / "ck.yaml"
    path.write_text(text, encoding="utf-8")
    en = lcity_here("validate", str(path), "--lang", "en")
    assert en.returncode == 1
    assert ("error complex-key: keys must be plain text (write one word or id before the colon, as in "
            "'population: 820000'; a line starting '? ', or a [list] or {mapping} before the colon, makes a key "
            "that is not text)") in en.stdout
    zh = lcity_here("validate", str(path), "--lang", "zh")
    assert ("错误 complex-key: 键只能是普通文字（请在冒号前只写一个键名，如“population: 820000”；以“? ”开头的行、"
            "冒号前的 [列表] 或 {映射} 都不是文字键）") in zh.stdout


# --- G27H-7: lcity trend named a workbook's line and column, not its cell ---------------------------------


def test_trend_names_the_cell_of_a_workbook_that_cannot_join_the_series(tmp_path):
    book = _workbook(tmp_path, "q.xlsx")
    en = lcity_here("trend", str(QINGSHI), str(book), "--lang", "en")
    assert en.returncode == 2
    assert ("q.xlsx:基本情况!C21: error same-period: this file and " in en.stdout + en.stderr)
    other = _edited(book, tmp_path / "other.xlsx", lambda wb: wb["基本情况"].cell(5, 3).__setattr__("value", "other"))
    zh = lcity_here("trend", str(QINGSHI), str(other), "--lang", "zh")
    assert zh.returncode == 2
    assert "other.xlsx:基本情况!C5: 错误 different-city: 本文件评估的是“青石区”（city.id 为“other”）" in zh.stdout + zh.stderr


# --- G27H-8: lcity init --level 区 was no level, with no word of the one meant ---------------------------


@pytest.mark.parametrize("typed,meant", [("区", "district"), ("县", "county"), ("市", "city")])
def test_init_with_a_level_named_in_chinese_names_its_id(tmp_path, typed, meant):
    zh = lcity_here("init", "-o", str(tmp_path / "i.yaml"), "--level", typed, "--lang", "zh")
    assert zh.returncode == 2
    assert (f"--level: 错误 unknown-level: “{typed}”不是 china-learning-city@2 的单位层级（city、district、county）"
            f"（是不是“{meant}”？）") in zh.stdout + zh.stderr
    en = lcity_here("init", "-o", str(tmp_path / "i.yaml"), "--level", typed, "--lang", "en")
    assert (f"--level: error unknown-level: '{typed}' is not a level of china-learning-city@2 (city, district, county) "
            f"(did you mean '{meant}'?)") in en.stdout + en.stderr
    assert not (tmp_path / "i.yaml").exists()


def test_init_with_no_level_near_lists_the_levels():
    zh = lcity_here("init", "-o", "-", "--level", "街道", "--lang", "zh")
    assert zh.returncode == 2
    assert "（请填写以下之一：city、district、county）" in zh.stdout + zh.stderr
