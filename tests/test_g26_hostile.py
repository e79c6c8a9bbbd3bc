"""G26-H: the open items of audits G25-H and G25-T, and a fresh hostile round
(tests/audit_cities/g26h/AUDIT.md).

Each test runs the CLI as a user would and asserts what the user sees: the exit code and the
message (file, sheet!cell or line:col, rule id, what is wrong, how to fix it) in Chinese and English.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import lcity_here

ROOT = Path(__file__).resolve().parent.parent
QINGSHI = ROOT / "examples" / "qingshi-district.yaml"


def _workbook(tmp_path: Path, name: str = "qingshi.xlsx") -> Path:
    book = tmp_path / name
    proc = lcity_here("convert", str(QINGSHI), "-o", str(book))
    assert proc.returncode == 0, proc.stderr
    return book


# --- G25-H7: a hidden form sheet was read and scored though nobody sees it in Excel ----------------


def _hide(book: Path, sheet: str, state: str, dest: Path) -> Path:
    import openpyxl

    wb = openpyxl.load_workbook(book)
    wb[sheet].sheet_state = state
    wb.active = next(i for i, name in enumerate(wb.sheetnames) if name != sheet and name != "lists")
    wb.save(dest)
    return dest


def test_a_hidden_form_sheet_is_an_error_that_says_how_to_unhide_it(tmp_path):
    hidden = _hide(_workbook(tmp_path), "指标", "hidden", tmp_path / "hid.xlsx")
    en = lcity_here("validate", str(hidden), "--lang", "en")
    assert en.returncode == 1, en.stdout + en.stderr
    assert ("hid.xlsx:指标!A1: error sheet-hidden: the sheet '指标' is hidden: its answers cannot be seen when "
            "the workbook is opened in Excel or WPS, so lcity does not score them (unhide it and check its "
            "answers: right-click any sheet tab, choose Unhide and select '指标')") in en.stdout
    zh = lcity_here("validate", str(hidden), "--lang", "zh")
    assert zh.returncode == 1
    assert ("hid.xlsx:指标!A1: 错误 sheet-hidden: 工作表“指标”已隐藏：在 Excel 或 WPS 中打开工作簿时看不到其中的"
            "填报内容，lcity 不对其评分（请取消隐藏并核对填报内容：右键单击任一工作表标签，选择“取消隐藏”，再选“指标”）") in zh.stdout
    score = lcity_here("score", str(hidden), "--lang", "en")
    assert score.returncode == 1 and "sheet-hidden" in score.stdout + score.stderr
    assert "Traceback" not in score.stdout + score.stderr


def test_a_very_hidden_profile_sheet_says_where_excel_shows_it(tmp_path):
    hidden = _hide(_workbook(tmp_path), "基本情况", "veryHidden", tmp_path / "vhid.xlsx")
    en = lcity_here("validate", str(hidden), "--lang", "en")
    assert en.returncode == 1
    assert "vhid.xlsx:基本情况!A1: error sheet-hidden: the sheet '基本情况' is very hidden (Excel's Unhide does not list it)" in en.stdout
    assert "in Excel press Alt+F11, select '基本情况' under the workbook and set Visible to '-1 - xlSheetVisible'" in en.stdout
    zh = lcity_here("validate", str(hidden), "--lang", "zh")
    assert "错误 sheet-hidden: 工作表“基本情况”被设为深度隐藏（Excel 的“取消隐藏”中不列出）" in zh.stdout
    assert "在 Excel 中按 Alt+F11，在左侧选中“基本情况”" in zh.stdout


@pytest.mark.parametrize(("form", "sheet"), [("zh", "指标"), ("en", "Indicators")])
def test_only_a_hidden_form_sheet_is_said_not_the_forms_own_hidden_lists(tmp_path, form, sheet):
    book = tmp_path / f"{form}.xlsx"
    assert lcity_here("convert", str(QINGSHI), "-o", str(book), "--lang", form).returncode == 0
    proc = lcity_here("validate", str(book), "--lang", "en")
    assert proc.returncode == 0 and "sheet-hidden" not in proc.stdout  # the drop-down lists' sheet is hidden
    hidden = _hide(book, sheet, "hidden", tmp_path / f"{form}-hid.xlsx")
    proc = lcity_here("validate", str(hidden), "--lang", "en")
    assert proc.returncode == 1
    assert f"{form}-hid.xlsx:{sheet}!A1: error sheet-hidden: the sheet '{sheet}' is hidden" in proc.stdout


# --- G25-H9: lcity convert -o FOLDER was told its name must end in .xlsx, .yaml or .yml -----------


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "error not-a-file: the output is a folder; nothing was written (give the path of a file to write, "
           "or -o - for stdout)"),
    ("zh", "错误 not-a-file: 输出路径是一个文件夹，未写入任何内容（请给出要写入的文件路径，或用 -o - 输出到标准输出）"),
])
def test_convert_to_a_folder_says_it_is_a_folder_as_report_does(tmp_path, lang, said):
    folder = tmp_path / "out"
    folder.mkdir()
    for args in (("-o", str(folder)), (str(folder),)):
        proc = lcity_here("convert", str(QINGSHI), *args, "--lang", lang)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert f"{folder}:1:1: {said}" in proc.stderr
        assert ".yml" not in proc.stderr
    report = lcity_here("report", str(QINGSHI), "-o", str(folder), "--lang", lang)
    assert f"{folder}:1:1: {said}" in report.stderr
    assert list(folder.iterdir()) == []


def test_convert_to_another_suffix_still_names_the_suffixes(tmp_path):
    proc = lcity_here("convert", str(QINGSHI), "-o", str(tmp_path / "x.txt"), "--lang", "en")
    assert proc.returncode == 2
    assert "x.txt:1:1: error usage: OUT must end in .xlsx, .yaml or .yml" in proc.stderr


# --- G25-H10: lcity batch -o FILE printed an empty line before its error ------------------------


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "error unwritable: the output path exists and is not a folder (give a folder with -o)"),
    ("zh", "错误 unwritable: 输出路径已存在，且不是文件夹（请用 -o 指定一个文件夹）"),
])
def test_batch_to_an_existing_file_says_so_on_its_first_line(tmp_path, lang, said):
    folder = tmp_path / "units"
    folder.mkdir()
    (folder / "q.yaml").write_bytes(QINGSHI.read_bytes())
    taken = tmp_path / "q.yaml"
    taken.write_text("mine\n", encoding="utf-8")
    proc = lcity_here("batch", str(folder), "-o", str(taken), "--lang", lang)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [f"{taken}:1:1: {said}"]
    assert taken.read_text(encoding="utf-8") == "mine\n"
    missing = lcity_here("batch", str(tmp_path / "nosuch"), "-o", str(tmp_path / "out"), "--lang", lang)
    assert missing.returncode == 2 and missing.stderr.splitlines()[0].startswith(f"{tmp_path / 'nosuch'}:1:1: ")


# --- G25-H8: a name of 200 characters filled the cover's title and table over a page ---------------

LONG_ZH = "青石区" + "长名称测试" * 39 + "末尾"
LONG_EN = ("Qingshi District " + "Long Name Test " * 12 + "end")[:200]


@pytest.fixture(scope="module")
def long_named(tmp_path_factory) -> Path:
    text = QINGSHI.read_text(encoding="utf-8")
    text = text.replace("    zh: 青石区\n    en: Qingshi District\n", f"    zh: {LONG_ZH}\n    en: {LONG_EN}\n", 1)
    path = tmp_path_factory.mktemp("long") / "long.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("lang", "label", "full", "cover"), [
    ("zh", "评估对象", LONG_ZH, "青石区" + "长名称测试" * 6 + "长名…"),
    ("en", "Evaluated unit", LONG_EN, "Qingshi District" + " Long Name Test" * 3 + " Long…"),
])
def test_a_long_name_is_cut_on_the_cover_and_kept_whole_in_the_report(long_named, lang, label, full, cover):
    from .conftest import report_lines

    lines = report_lines(long_named, lang)
    at = lines.index(label)
    assert lines[at + 1] == cover
    title = "学习型城市建设评估报告" if lang == "zh" else " Learning City Evaluation Report"
    assert cover + title in lines[:at]
    assert all(full not in line for line in lines[at - 3:at + 2])
    assert sum(full in line for line in lines[at + 2:]) >= 5  # the summary, the facts, the conclusion …


def test_a_name_that_fits_is_printed_whole_on_the_cover():
    from reports.context_front import cover_name

    for name in ("青石区", "Qingshi District", "新疆维吾尔自治区伊犁哈萨克自治州察布查尔锡伯自治县",
                 "The Municipal District of Greater Example-upon-Thames"):
        assert cover_name(name) == name
    cut = cover_name("x" * 200)
    assert cut == "x" * (len(cut) - 1) + "…" and 55 <= len(cut) <= 70


# --- G25-T5 rest: the Chinese derive reason of an English-only framework read "1 hubs ÷ 3,500" ----

G25T = Path(__file__).parent / "audit_cities" / "g25t"


def test_the_chinese_explanation_of_an_english_only_framework_says_1_hub(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G25T / "fw"))
    proc = lcity_here("score", str(G25T / "millbeck-2025.yaml"), "--explain", "--lang", "zh", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    import json

    [acc1] = [i for i in json.loads(proc.stdout)["indicators"] if i["id"] == "ACC1"]
    assert "：1 hub ÷ 3,500（households）× 1,000 = 0.29 hubs per 1,000 households；" in acc1["reason_zh"]
    assert ": 1 hub ÷ 3,500 (households) × 1,000 = 0.29 hubs per 1,000 households; " in acc1["reason"]
    many = lcity_here("score", str(G25T / "harrowby-2025.yaml"), "--format", "json")
    [acc1] = [i for i in json.loads(many.stdout)["indicators"] if i["id"] == "ACC1"]
    assert "：40 hubs ÷ 18,000（households）× 1,000 = 2.22 hubs per 1,000 households；" in acc1["reason_zh"]


def test_a_chinese_unit_after_one_is_written_as_it_is():
    from evaluator.engine import qty
    from indicators.models import Text

    assert qty("1", Text(zh="个", en="sites"), 1, "zh") == "1 个"
    assert qty("1", Text(zh="sites", en="sites"), 1, "zh") == "1 site"
    assert qty("71.43", Text(zh="%", en="%"), 71.43, "zh") == "71.43%"


# --- the workbook's level row is labelled by the framework's level_label, as the paper form -------

G24_FW = Path(__file__).parent / "audit_cities" / "g24t" / "fw" / "changhe-learning-enterprise"


@pytest.mark.parametrize(("lang", "label", "other"), [("zh", "单位类型", "层级"), ("en", "Type of unit", "level of unit")])
def test_the_workbook_names_the_level_by_the_framework_label(tmp_path, monkeypatch, lang, label, other):
    import openpyxl

    from .conftest import framework_with_edit

    framework_with_edit(G24_FW, tmp_path / "fw" / G24_FW.name, "\nlevels:\n",
                        "\nlevel_label: {zh: 单位类型, en: Type of unit}\nlevels:\n")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "fw"))
    book = tmp_path / "form.xlsx"
    proc = lcity_here("init", "--framework", "changhe-learning-enterprise", "--level", "enterprise", "--format",
                      "xlsx", "--lang", lang, "-o", str(book))
    assert proc.returncode == 0, proc.stderr
    rows = {r[1]: r[0] for r in openpyxl.load_workbook(book).worksheets[0].iter_rows(values_only=True)}
    assert rows["city.level"] == label and other not in rows.values()
    plain = tmp_path / "plain.xlsx"
    assert lcity_here("convert", str(QINGSHI), "-o", str(plain), "--lang", lang).returncode == 0
    rows = {r[1]: r[0] for r in openpyxl.load_workbook(plain).worksheets[0].iter_rows(values_only=True)}
    assert rows["city.level"] == other  # a framework without level_label: as before


# --- G26-H1: lcity batch --timeout out of bounds was said in English inside a Chinese usage panel ---


@pytest.mark.parametrize(("lang", "said"), [
    ("zh", "'--timeout' 的值无效：应为 0.1 至 3600 之间的秒数，实际为 nan"),
    ("en", "Invalid value for '--timeout': must be a number of seconds from 0.1 to 3600, got nan"),
])
def test_batch_timeout_out_of_bounds_is_said_in_the_panels_language(tmp_path, lang, said):
    proc = lcity_here("batch", str(tmp_path), "-o", str(tmp_path / "out"), "--timeout", "nan", "--lang", lang)
    assert proc.returncode == 2
    assert said in " ".join(line.strip("│ ") for line in proc.stderr.splitlines())
    assert "Traceback" not in proc.stderr
