"""Issue 16, item 1: every message in Chinese and English, and the language rule.

The catalog holds the same keys with the same placeholders in both languages; every key the code
uses exists; the language comes from --lang, else the file's ``lang:``, else the locale, else en.
"""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest

from indicators.messages import Both, Msg, catalog, check_catalogs, file_lang, locale_lang, pick_lang, say
from indicators.problems import Problem

from .conftest import ROOT, lcity_here as lcity

SOURCES = [p for pkg in ("indicators", "evaluator", "lcity") for p in (ROOT / pkg).rglob("*.py")]


def test_both_catalogs_have_the_same_keys_and_placeholders():
    assert check_catalogs() == []


def test_every_key_the_code_uses_is_in_both_catalogs():
    used = set()
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r'Msg\(\s*"([a-z0-9.\-]+)"', text))
        # keys chosen by a condition: Msg("a" if x else "b", ...)
        used |= set(re.findall(r'"((?:check|value|hint|slip|item|model|pred|load|why|verdict|progress|score|fix|init|'
                               r'note|schema)\.[a-z0-9.\-]+[a-z0-9])"', text))
        used |= {f"slip.{k}" for k in re.findall(r'Slip\([^)]*"(fullwidth-[a-z]+)"\)', text)}
    assert len(used) > 60
    for lang in ("zh", "en"):
        assert sorted(used - set(catalog(lang))) == [], lang


def test_a_message_is_english_text_and_can_be_said_in_chinese():
    m = Msg("slip.fullwidth-colon", line=85, col=10, old="：", new=":")
    assert m == "line 85, column 10 is a full-width colon '：'; write a half-width ':'"
    assert say(m, "zh") == "第85行第10列是全角冒号“：”，请改为半角“:”"
    assert pickle.loads(pickle.dumps(m)).say("zh") == say(m, "zh")  # batch workers send problems back


def test_names_follow_the_language():
    m = Msg("check.missing-answer", id="K2", name=Both("学分银行", "Credit-bank uptake"), points="2")
    assert "K2 (Credit-bank uptake) is not answered" in m
    assert say(m, "zh") == "K2（学分银行）未作答：涉及 2 分"


def test_problem_text_in_chinese():
    p = Problem("a.yaml", 3, 5, "error", "no-answer", Msg("check.no-answer", id="A1"), Msg("hint.no-answer"))
    assert p.text() == "a.yaml:3:5: error no-answer: A1 has no value yet (fill in 'value:', or write " \
                       "'status: unknown' or 'status: not_applicable')"
    assert p.text("zh").startswith("a.yaml:3:5: 错误 no-answer: A1 尚未填写 value（请填写 value:")
    assert p.as_dict("zh")["message"] == "A1 尚未填写 value"


@pytest.mark.parametrize("env, lang", [
    ({"LANG": "zh_CN.UTF-8"}, "zh"), ({"LANG": "en_GB.UTF-8"}, "en"), ({"LANG": "C.UTF-8"}, "en"),
    ({"LC_ALL": "zh_TW", "LANG": "en_US"}, "zh"), ({"LC_MESSAGES": "en_US", "LANG": "zh_CN"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, None), ({}, None)])
def test_locale(env, lang):
    assert locale_lang(env) == lang


def test_the_language_rule_in_order():
    zh_file = "framework: x\nlang: zh  # 语言\n"
    assert file_lang(zh_file) == "zh" and file_lang("lang: 'en'\n") == "en" and file_lang("  lang: zh\n") is None
    assert pick_lang("en", zh_file, {"LANG": "zh_CN.UTF-8"}) == "en"  # --lang first
    assert pick_lang(None, zh_file, {"LANG": "en_US.UTF-8"}) == "zh"  # then the file
    assert pick_lang(None, "framework: x\n", {"LANG": "zh_CN.UTF-8"}) == "zh"  # then the locale
    assert pick_lang(None, None, {}) == "en"  # then English


@pytest.fixture(scope="module")
def unfinished(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("form")
    proc = lcity("init", "-o", str(folder / "form.yaml"), "--city", "西城区", "--lang", "zh")
    assert proc.returncode == 0, proc.stderr
    return folder / "form.yaml"


def test_init_records_the_language_and_writes_the_schema_beside_the_form(unfinished):
    text = unfinished.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first == "# yaml-language-server: $schema=china-learning-city-2.zh.schema.json"  # relative: travels
    assert re.search(r"^lang: zh\b", text, re.M)
    schema = json.loads((unfinished.parent / "china-learning-city-2.zh.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "学习型城市建设自评表（china-learning-city@2）"
    assert schema["definitions"]["City"]["properties"]["population"]["description"] == "常住人口（人）"
    assert "分" in schema["properties"]["answers"]["properties"]["A1"]["description"]


def test_validate_speaks_the_files_language_and_flags_override_it(unfinished):
    zh = lcity("validate", str(unfinished))
    assert zh.returncode == 1
    assert "错误 no-answer: A1 尚未填写 value" in zh.stdout and "无效" in zh.stderr
    en = lcity("validate", str(unfinished), "--lang", "en")
    assert "error no-answer: A1 has no value yet" in en.stdout and "invalid" in en.stderr


def test_the_locale_decides_when_the_file_does_not(tmp_path, unfinished):
    plain = tmp_path / "plain.yaml"
    plain.write_text(re.sub(r"^lang: zh.*\n", "", unfinished.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    for locale, word in (("zh_CN.UTF-8", "尚未填写"), ("C.UTF-8", "has no value yet")):
        proc = subprocess.run([sys.executable, "-m", "lcity", "validate", str(plain), "-f", "json"],
                              capture_output=True, text=True, env=dict(env, LANG=locale), cwd=ROOT)
        assert word in json.loads(proc.stdout)["problems"][0]["message"], locale


def test_schema_command_in_both_languages():
    zh = json.loads(lcity("schema", "--framework", "china-learning-city@2", "--lang", "zh").stdout)
    en = json.loads(lcity("schema", "--framework", "china-learning-city@2", "--lang", "en").stdout)
    assert zh["definitions"]["Answer"]["properties"]["note"]["description"] == "说明，会写入报告"
    assert en["definitions"]["Answer"]["properties"]["note"]["description"] == "Free text shown in the report"
