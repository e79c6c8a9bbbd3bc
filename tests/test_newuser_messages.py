"""What a new user reads first (tests/audit_newuser/AUDIT.md, helper FN2): ``validate --rules`` in
the user's language and folded to the terminal, errors before warnings, workbook words for a
workbook, a batch's broken files said in the batch's language, and tables at 80 columns."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here as lcity


def width(line: str) -> int:
    """Terminal cells of ``line`` (a Chinese character takes two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def at_terminal(*args: str, cols: int = 80, env: dict | None = None) -> list[str]:
    """``lcity ARGS`` at a real terminal of ``cols`` columns (``script`` gives it a tty), its lines."""
    command = " ".join([f"stty cols {cols};", sys.executable, "-m", "lcity", *args])
    proc = subprocess.run(["script", "-qec", command, "/dev/null"], capture_output=True, text=True, cwd=ROOT,
                          env=dict(os.environ, **(env or {}), NO_COLOR="1"), timeout=120)
    return [line.rstrip("\r") for line in proc.stdout.split("\n") if line.strip("\r")]


# --- 8. validate --rules: the user's language, no markup, folded at a terminal ---------------------


def test_rules_are_listed_in_chinese_with_lang_zh_and_every_rule_has_its_chinese_text():
    zh = json.loads(lcity("validate", "--rules", "--format", "json", "--lang", "zh").stdout)
    en = json.loads(lcity("validate", "--rules", "--format", "json").stdout)
    assert list(zh) == list(en)
    english_only = [rule for rule in zh if zh[rule] == en[rule]]
    assert english_only == [], "add these rules to lcity/help/rules.zh.yaml"
    text = lcity("--lang", "zh", "validate", "--rules").stdout
    assert "no-evidence            有所主张的填报" in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rules_show_no_double_backticks(lang):
    text = lcity("validate", "--rules", "--lang", lang).stdout
    assert "``" not in text
    assert ("city.level 须是" if lang == "zh" else "city.level is one of") in text


@pytest.mark.skipif(not Path("/usr/bin/script").exists(), reason="needs script(1) for a terminal")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rules_fold_to_an_80_column_terminal_and_stay_one_a_line_in_a_pipe(lang):
    lines = at_terminal("validate", "--rules", "--lang", lang)
    assert max(map(width, lines)) <= 80
    assert not any(line.lstrip().startswith(("）", "，", "。")) for line in lines)
    piped = lcity("validate", "--rules", "--lang", lang).stdout.splitlines()
    rules = json.loads(lcity("validate", "--rules", "--format", "json").stdout)
    assert len(piped) == len(rules) and len(lines) > len(rules)


# --- 10. a batch's broken file: the ranking's language, its first error by line ------------------


def _broken_batch(tmp_path: Path) -> Path:
    """Two units, one with an unknown choice on line 49 and a full-width colon further down."""
    folder = tmp_path / "units"
    folder.mkdir()
    for name in ("linxi", "hefeng"):
        (folder / f"{name}.yaml").write_text((ROOT / "examples" / "districts" / f"{name}.yaml").read_text("utf-8"), "utf-8")
    lines = (folder / "linxi.yaml").read_text("utf-8").splitlines(keepends=True)
    assert lines[48] == "    value: own_regulation\n"
    lines[48] = "    value: own_regulatio\n"
    later = next(k for k in range(120, len(lines)) if lines[k].startswith("    value: "))
    lines[later] = lines[later].replace("value: ", "value：", 1)
    (folder / "linxi.yaml").write_text("".join(lines), "utf-8")
    return folder


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_batchs_broken_file_is_said_in_the_rankings_language_with_its_first_error_by_line(tmp_path, lang):
    folder = _broken_batch(tmp_path)
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"), "--lang", lang)
    assert proc.returncode == 1, proc.stderr
    [row] = [r for r in (tmp_path / "out" / "summary.csv").read_text("utf-8").splitlines() if "linxi.yaml,invalid" in r]
    assert "linxi.yaml:49:12: " in row, row
    assert ("错误 unknown-choice" if lang == "zh" else "error unknown-choice") in row
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "out" / "ranking.pdf"), "-"],
                          capture_output=True, text=True).stdout
    assert ("linxi.yaml:49:12: 错误 unknown-choice" if lang == "zh" else "linxi.yaml:49:12: error unknown-choice") in text
    assert ("error full-width" not in text) and ("line 1" not in text if lang == "zh" else True)
    # the terminal says it too, the first error first and how many more
    assert ":49:12: " in proc.stderr and ("另有 1 个错误" if lang == "zh" else "and 1 more") in proc.stderr


# --- 12. a workbook's problems in the workbook's words: its columns, its drop-down ---------------


def test_a_workbooks_problems_name_its_columns_not_yaml_keys(tmp_path):
    import openpyxl

    book = tmp_path / "西城区-2025.xlsx"
    assert lcity("init", "-o", str(book), "--city", "西城区", "--level", "district").returncode == 0
    wb = openpyxl.load_workbook(book)
    sheet = wb["指标"]
    head = {str(sheet.cell(1, c).value).split("（")[0]: c for c in range(1, sheet.max_column + 1)}
    sheet.cell(2, head["填报值"]).value = "是"  # A1 answered, without evidence
    sheet.cell(3, head["状态"]).value = "not_applicable"  # A2 not applicable, without a reason
    wb.save(book)
    zh = lcity("validate", str(book)).stdout
    [a1] = [line for line in zh.splitlines() if "no-evidence" in line]
    assert "指标!" in a1 and "“佐证材料”列" in a1 and "evidence: [" not in a1
    [a2] = [line for line in zh.splitlines() if "na-without-note" in line]
    assert "“说明”列" in a2 and "note " not in a2
    [a3] = [line for line in zh.splitlines() if "no-answer" in line and "A3 " in line]
    assert "尚未填写“填报值”" in a3 and "“状态”列的下拉列表" in a3
    assert "value:" not in zh and "status:" not in zh
    en = lcity("validate", str(book), "--lang", "en").stdout
    assert "the 'value' column" in en and "the 'evidence' column" in en and "value:" not in en
    # a YAML form keeps its keys
    form = tmp_path / "xicheng.yaml"
    assert lcity("init", "-o", str(form), "--city", "西城区", "--level", "district").returncode == 0
    assert "请填写 value:，或写 status: unknown" in lcity("validate", str(form)).stdout


# --- 13. validate: errors first; many warnings counted by kind; --errors-only --------------------


def _errors_among_warnings(tmp_path: Path, errors: int = 2) -> Path:
    """Qingshi's 2025 form without its evidence (47 no-evidence warnings) and with ``errors``
    unknown choices late in the file (B1; then, with 2, D2 as well)."""
    text = (ROOT / "examples" / "v2" / "qingshi-district-2025.yaml").read_text("utf-8")
    text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("    evidence:"))
    text = text.replace("value: implementing_rules", "value: implementing_rule", 1)
    path = tmp_path / "qingshi.yaml"
    path.write_text(text, "utf-8")
    return path


def test_errors_come_first_and_a_flood_of_one_kind_of_warning_is_counted_in_one_line(tmp_path):
    path = _errors_among_warnings(tmp_path)
    text = path.read_text("utf-8").replace("value: 95.0\n", "value: 0.95\n", 1)  # one fraction typed for a %
    path.write_text(text, "utf-8")
    lines = lcity("validate", str(path), "--lang", "en").stdout.splitlines()
    assert " error unknown-choice: B1 " in lines[0]
    warnings = [line for line in lines if " warning " in line]
    assert [w.split(" warning ")[1].split(":")[0] for w in warnings] == ["fraction-percent"], lines  # a rare kind stays
    assert lines[-1].startswith("… and 47 more warnings not listed: answers without evidence (no-evidence): 47 (")
    assert "lcity validate" in lines[-1] and "--format json" in lines[-1]
    zh = lcity("validate", str(path), "--lang", "zh").stdout.splitlines()
    assert zh[-1].startswith("……另有 47 个警告未列出：未注明证据的答案（no-evidence）47 个（先改正上面的错误")
    # JSON still lists every one; once the error is fixed, text lists every warning
    doc = json.loads(lcity("validate", str(path), "--format", "json").stdout)
    assert len(doc["problems"]) == 49
    path.write_text(path.read_text("utf-8").replace("implementing_rule\n", "implementing_rules\n"), "utf-8")
    fixed = lcity("validate", str(path), "--lang", "en").stdout.splitlines()
    assert len(fixed) == 48 and sum(" warning no-evidence: " in line for line in fixed) == 47


def test_errors_only_lists_the_errors_and_counts_the_warnings(tmp_path):
    path = _errors_among_warnings(tmp_path)
    proc = lcity("validate", str(path), "--errors-only", "--lang", "en")
    assert proc.returncode == 1
    [error, count] = proc.stdout.splitlines()
    assert " error unknown-choice: B1 " in error
    assert count == "47 warnings not listed (--errors-only): answers without evidence (no-evidence): 47"
    assert "invalid — 1 error, 47 warnings" in proc.stderr  # the verdict still counts them
    doc = json.loads(lcity("validate", str(path), "--errors-only", "--format", "json").stdout)
    assert [p["rule"] for p in doc["problems"]] == ["unknown-choice"]


# --- 14. lcity status at an 80-column terminal ------------------------------------------------------


@pytest.mark.skipif(not Path("/usr/bin/script").exists(), reason="needs script(1) for a terminal")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_status_table_fits_80_columns_and_lines_up(lang):
    import re

    form = ROOT / "tests" / "archetypes_districts" / "dongyuan-district-partial.yaml"
    lines = at_terminal("status", str(form), "--lang", lang)
    end = next(k for k, line in enumerate(lines) if line.startswith(("共 ", "19 of")))
    table = lines[1:end]
    assert max(map(width, table)) <= 80, table
    heads = table[0]
    name_at = width(heads[:heads.index("维度" if lang == "zh" else "dimension")])
    folded = [line for line in table[1:] if re.match(r"^ {40,}\S", line)]
    assert all(len(line) - len(line.lstrip()) == name_at for line in folded)  # under the name's column
    assert len(table) - 1 - len(folded) == 13  # 12 dimensions and the total
    if lang == "en":
        assert folded, "English names longer than the room left fold"
    piped = lcity("status", str(form), "--lang", lang).stdout.splitlines()
    piped_end = next(k for k, line in enumerate(piped) if line.startswith(("共 ", "19 of")))
    assert piped_end - 1 == len(table) - len(folded), "into a pipe each dimension is one line"


# --- 18. an English report of a form without English names says which fields to add ---------------


def test_an_english_report_names_the_english_fields_the_form_lacks(tmp_path):
    text = (ROOT / "examples" / "v2" / "qingshi-district-2025.yaml").read_text("utf-8")
    assert "evaluating_body_en:" in text or "evaluating_body:" in text
    lines = [line for line in text.splitlines(keepends=True)
             if not line.lstrip().startswith(("parent_en:", "province_en:", "evaluating_body_en:"))]
    form = tmp_path / "qingshi.yaml"
    form.write_text("".join(lines), "utf-8")
    en = lcity("report", str(form), "--lang", "en", "--html", str(tmp_path / "q.html"))
    assert en.returncode == 0, en.stderr
    [note] = [line for line in en.stderr.splitlines() if "shows these in Chinese" in line]
    assert "city.parent_en (now '" in note and "evaluating_body_en (now '" in note
    assert "city.name.en" not in note  # the form gives the English name
    zh = lcity("report", str(form), "--lang", "zh", "--html", str(tmp_path / "q-zh.html"))
    assert "仍为中文" not in zh.stderr and "shows these in Chinese" not in zh.stderr
    # with the English given, nothing to say
    given = text.replace("\n  parent: ", "\n  parent_en: Hexi\n  province_en: Zhongyuan\n  parent: ", 1)
    given = given.replace("\nevaluating_body: ", "\nevaluating_body_en: Qingshi Learning District Office\nevaluating_body: ", 1)
    form.write_text(given, "utf-8")
    full = lcity("report", str(form), "--lang", "en", "--html", str(tmp_path / "full.html"))
    assert full.returncode == 0, full.stderr
    assert "shows these in Chinese" not in full.stderr


# --- 20. wording: the bounds, the fix hint with the file's name, the effort unit defined ----------


def test_the_fix_hint_names_the_file_to_fix(tmp_path):
    form = tmp_path / "松岭 县.yaml"
    text = (ROOT / "examples" / "v2" / "qingshi-district-2025.yaml").read_text("utf-8")
    form.write_text(text.replace("value: implementing_rules", "value：implementing_rules", 1), "utf-8")
    zh = lcity("validate", str(form), "--lang", "zh").stdout
    assert f"可运行 lcity fix '{form}' --write 自动改正" in zh and "lcity fix 文件" not in zh
    en = lcity("validate", "-", "--lang", "en", input=form.read_text("utf-8")).stdout
    assert "lcity fix - shows the rewrites as a diff" in en and "lcity fix FILE" not in en


def test_the_summarys_first_step_says_what_an_effort_point_is(tmp_path):
    for lang, defined in (("zh", "点，1点约为牵头部门一个月的专项工作量）"), ("en", "points, one point is about a month")):
        page = tmp_path / f"q-{lang}.html"
        proc = lcity("report", str(ROOT / "examples" / "v2" / "qingshi-district-2025.yaml"), "--lang", lang,
                     "--html", str(page))
        assert proc.returncode == 0, proc.stderr
        text = page.read_text("utf-8")
        assert text.count(defined) == 1, lang


def test_score_says_which_bound_is_which():
    form = ROOT / "tests" / "archetypes_districts" / "dongyuan-district-partial.yaml"
    zh = lcity("score", str(form), "--partial", "--lang", "zh").stdout
    assert "（下界：未知项按0分计；上界：未知项计满分）" in zh and "至计满分" not in zh
    en = lcity("score", str(form), "--partial", "--lang", "en").stdout
    assert "(lower: unknown answers score 0; upper: they score full points)" in en
