"""Chinese help and usage errors, then English ones, in one process: ``lcity.helptext.unspeak``
puts Typer's and Click's own words back (the suite runs command lines in-process, both languages)."""

from __future__ import annotations

from .conftest import lcity_here


def test_english_help_after_chinese_help_in_the_same_process():
    zh = lcity_here("score", "--help", "--lang", "zh")
    assert zh.returncode == 0
    assert "用法" in zh.stdout and "Usage:" not in zh.stdout
    en = lcity_here("score", "--help")
    assert en.returncode == 0
    assert "Usage:" in en.stdout and "用法" not in en.stdout


def test_english_usage_error_after_a_chinese_one():
    zh = lcity_here("score", "--no-such-option", "--lang", "zh")
    assert zh.returncode == 2 and "No such option" not in zh.stderr
    en = lcity_here("score", "--no-such-option")
    assert en.returncode == 2 and "No such option" in en.stderr


def test_range_words_back_in_english():
    lcity_here("sensitivity", "--help", "--lang", "zh")
    en = lcity_here("sensitivity", "--help")
    assert "至" not in en.stdout
