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
