"""Issue 16, item 1: ``--help`` in Chinese, chosen by --lang or the locale when the app is built."""

from __future__ import annotations

import os
import subprocess
import sys

import typer.main

from lcity.cli import app
from lcity.helptext import entries, help_lang

from .conftest import ROOT


def _tree():
    root = typer.main.get_command(app)
    out = {}

    def walk(cmd, key):
        out[key] = cmd
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, name if key == "lcity" else f"{key}.{name}")

    walk(root, "lcity")
    return out


def test_every_command_has_chinese_help_and_every_entry_names_something():
    tree, zh = _tree(), entries("zh")
    assert sorted(set(tree) - set(zh)) == []
    params = {f"{k}.{p.name}" for k, c in tree.items() for p in c.params} | {
        f"any.{p.name}" for c in tree.values() for p in c.params}
    assert sorted(set(zh) - set(tree) - params) == []


def test_the_help_language_comes_from_the_command_line_then_the_locale():
    assert help_lang(["validate", "--lang", "zh"], {"LANG": "en_US.UTF-8"}) == "zh"
    assert help_lang(["validate", "--lang=en"], {"LANG": "zh_CN.UTF-8"}) == "en"
    assert help_lang(["validate"], {"LANG": "zh_CN.UTF-8"}) == "zh"
    assert help_lang(["validate"], {}) == "en"


def _help(*args, lang="C.UTF-8"):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    return subprocess.run([sys.executable, "-m", "lcity", *args], capture_output=True, text=True, cwd=ROOT,
                          env=dict(env, LANG=lang, COLUMNS="100", NO_COLOR="1")).stdout


def test_help_in_chinese_under_a_chinese_locale_and_english_otherwise():
    assert "检查自评表，逐条列出问题" in _help("validate", "--help", lang="zh_CN.UTF-8")
    assert "改正输入法造成的错误" in _help("--lang", "zh", "--help")
    english = _help("validate", "--help")
    assert "Check self-assessments" in english and "检查自评表" not in english


def test_the_usage_line_names_what_to_type_not_a_placeholder():
    """Typer writes arguments as ``{file}``; an official reads that as a template left unfilled."""
    env = {**os.environ, "COLUMNS": "80", "LANG": "en_US.UTF-8"}
    lines = {}
    for command in ("score", "validate", "batch", "trend"):
        out = subprocess.run([sys.executable, "-m", "lcity", command, "--help"], capture_output=True, text=True,
                             env=env, cwd=ROOT, check=False).stdout
        lines[command] = next(line.strip() for line in out.splitlines() if "Usage:" in line).replace("python -m ", "")
    assert lines == {"score": "Usage: lcity score [OPTIONS] FILE", "validate": "Usage: lcity validate [OPTIONS] [FILE…]",
                     "batch": "Usage: lcity batch [OPTIONS] FOLDER", "trend": "Usage: lcity trend [OPTIONS] FILE…"}
