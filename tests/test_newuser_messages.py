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
