"""A broken assessment or framework file is explained wholly in the user's language.

The YAML parser's own English ("mapping values are not allowed here") is recognised by the
catalog (indicators/yamlsyntax.py) and said in Chinese with what to do; the quoted character or
name is kept as the parser wrote it. Every complaint the installed PyYAML and libyaml can make is
checked to be recognised, so a Chinese user never reads the parser's English unless PyYAML
changes its words (then the words are kept, inside a Chinese sentence).
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from indicators import safeyaml
from indicators.loader import check_file
from indicators.messages import catalog, say
from indicators.problems import InputError
from indicators.yamlsyntax import CONTEXT, PROBLEM, describe, recognise

ROOT = Path(__file__).resolve().parents[1]
BROKEN = ROOT / "tests" / "data" / "broken_yaml"
FRAMEWORK = ROOT / "examples" / "frameworks" / "unesco-key-features" / "framework.yaml"

#: ASCII words a Chinese message may hold: names of formats, tools and the user's own keys
ALLOWED = {"YAML", "Tab", "URI", "UTF", "ASCII", "base64", "SHA", "sha256sum", "lcity", "review", "init",
           "frameworks", "parent", "china", "learning", "city", "key", "features", "xicheng", "TAG"}


def english_words(text: str) -> set[str]:
    """ASCII words of a message outside quotes (the user's text, a token) and outside key names."""
    bare = re.sub(r"'[^']*'|\"[^\"]*\"|“[^”]*”|\\[A-Za-z]", " ", text)
    return {w for w in re.findall(r"[A-Za-z]{3,}", bare) if w not in ALLOWED}


def problems_of(path: Path, libyaml: bool = True) -> list:
    old = safeyaml.USE_LIBYAML
    safeyaml.USE_LIBYAML = libyaml and old
    try:
        safeyaml.load_text(safeyaml.read_text(path), path.name)
    except InputError as exc:
        return exc.problems
    finally:
        safeyaml.USE_LIBYAML = old
    return []


# --- every complaint the installed parsers can make is recognised --------------------------------

_SAMPLES = {"%r": ["'x'"], "%d": ["2"], "%s": ["anchor", "alias", "tag", "directive", "block", "flow",
                                              "scalar", "sequence", "mapping", "x"]}


def _format_strings(node: ast.AST) -> str | None:
    """The format string of a message argument: a literal, or a literal % something."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant):
        return node.left.value
    return None


def _pyyaml_messages() -> list[tuple[str, str]]:
    """(prefix, format string) of every context and problem in PyYAML's scanner, parser, composer
    and safe constructor (the Python-object constructors of the unsafe loaders are never used)."""
    found = []
    base = Path(yaml.__file__).parent
    for name in ("scanner.py", "parser.py", "composer.py", "constructor.py"):
        tree = ast.parse((base / name).read_text(encoding="utf-8"))
        for call in ast.walk(tree):
            if not (isinstance(call, ast.Call) and getattr(call.func, "id", "").endswith("Error")):
                continue
            args = call.args
            if len(args) < 3:
                continue
            context, problem = _format_strings(args[0]), _format_strings(args[2])
            if (context and "Python" in context) or (problem and "instance state" in problem):
                continue
            found += [(CONTEXT, context)] if context else []
            found += [(PROBLEM, problem)] if problem else []
    return found


def _fills(fmt: str) -> list[str]:
    texts = [fmt]
    for spec, values in _SAMPLES.items():
        texts = [t.replace(spec, v, 1) if spec in t else t for t in texts for v in values]
        while any(spec in t for t in texts):
            texts = [t.replace(spec, v, 1) for t in texts for v in values]
    return texts


def test_every_pyyaml_message_is_recognised():
    messages = _pyyaml_messages()
    assert len(messages) > 60  # scanner, parser, composer and constructor were all read
    unknown = [fmt for prefix, fmt in messages if all(recognise(t, prefix)[0] is None for t in _fills(fmt))]
    assert unknown == []


def _libyaml_messages() -> list[str]:
    """libyaml's C message strings, as compiled into PyYAML's extension module."""
    cyaml = pytest.importorskip("yaml._yaml")
    data = Path(cyaml.__file__).read_bytes()
    strings = {s.decode() for s in re.findall(rb"(?<=\x00)([ -~]{6,})(?=\x00)", data)}
    prefixes = ("while ", "did not find", "found ", "could not find", "mapping ", "block sequence",
                "control characters", "invalid Unicode character", "duplicate %TAG", "incompatible %YAML")
    return sorted(s for s in strings if s.startswith(prefixes) and "&&" not in s)


def test_every_libyaml_message_is_recognised():
    messages = _libyaml_messages()
    assert len(messages) > 50
    unknown = [m for m in messages if recognise(m, CONTEXT if m.startswith("while ") else PROBLEM)[0] is None]
    assert unknown == []


@pytest.mark.parametrize("path", sorted(BROKEN.glob("*.yaml")), ids=lambda p: p.stem)
def test_libyaml_says_each_broken_file_in_words_the_catalog_knows(path):
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML without libyaml")
    try:
        yaml.load(path.read_text(encoding="utf-8-sig"), Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as exc:
        message, hint = describe(exc, path.read_text(encoding="utf-8-sig"))
        zh = say(message, "zh")
        assert "解析器原文" not in zh and "解析器提示" not in zh, zh
        assert not english_words(zh + say(hint, "zh")), zh


def test_libyaml_names_the_tab_it_cannot_read():
    text = "city:\n\tid: x\n"
    with pytest.raises(yaml.MarkedYAMLError) as exc:
        yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    message, hint = describe(exc.value, text)
    assert "Tab" in say(message, "zh") and "空格" in say(hint, "zh")


def test_unknown_words_are_kept_inside_a_chinese_sentence():
    mark = SimpleNamespace(line=2, column=4)
    exc = SimpleNamespace(problem="frobnicated the widget", problem_mark=mark,
                          context="while juggling", context_mark=SimpleNamespace(line=0, column=0))
    message, hint = describe(exc)
    zh = say(message, "zh")
    assert "frobnicated the widget" in zh and "while juggling" in zh and zh.startswith("YAML 语法错误")
    assert "第1行第1列" in zh and say(hint, "zh")
    assert str(message) == "syntax error: frobnicated the widget (while juggling: line 1, column 1)"


# --- each broken file, as a district official reads it ---------------------------------------

#: file -> (line, column, words the Chinese message must hold, words its hint must hold)
EXPECTED = {
    "tab": (3, 1, ["Tab", "'\\t'"], ["空格"]),
    "bom_tab": (3, 1, ["Tab"], ["空格"]),
    "tab_after_value": (3, 14, ["Tab"], ["空格"]),
    "unclosed_quote": (5, 1, ["引号", "第3行第7列"], ["引号"]),
    "unclosed_single_quote": (4, 1, ["引号", "第3行第7列"], ["引号"]),
    "bad_indent": (4, 9, ["“: ”"], ["对齐"]),
    "bad_indent_list": (5, 3, ["缩进", "'-'", "第3行第3列"], ["对齐"]),
    "colon_in_value": (4, 14, ["“: ”"], ["引号"]),
    "long_line": (2, 2008, ["“: ”"], ["引号"]),
    "long_line_quote": (3, 1, ["引号", "第2行第8列"], ["引号"]),
    "long_alias": (3, 7, ["锚点", "共 3,000 个字符"], ["引号"]),
    "missing_colon": (5, 3, ["冒号", "第4行第3列"], ["“: ”"]),
    "duplicate_anchor": (3, 4, ["锚点", "'x'", "第2行第4列"], ["改名"]),
    "unknown_alias": (3, 7, ["'qingshi'", "锚点"], ["引号"]),
    "unclosed_bracket": (3, 1, ["文件结尾", "第2行第9列"], ["]"]),
    "at_sign": (2, 10, ["'@'"], ["引号"]),
    "second_document": (2, 1, ["第二份文档"], ["---"]),
}


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_a_broken_file_says_where_what_and_how_in_chinese(stem):
    line, col, words, hint_words = EXPECTED[stem]
    [p] = problems_of(BROKEN / f"{stem}.yaml")
    assert (p.line, p.col, p.rule) == (line, col, "syntax")
    zh, zh_hint = say(p.message, "zh"), say(p.hint, "zh")
    assert zh.startswith("YAML 语法错误：") and all(w in zh for w in words), zh
    assert all(w in zh_hint for w in hint_words), zh_hint
    assert not english_words(zh) and not english_words(zh_hint), (zh, zh_hint)
    assert len(zh) < 200 and len(str(p.message)) < 250  # a long line or name is never quoted whole
    assert str(p.message).startswith("syntax error: ") and not re.search(r"[\u4e00-\u9fff]", str(p.hint))


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_both_parsers_give_the_same_problem(stem):
    assert problems_of(BROKEN / f"{stem}.yaml", libyaml=True) == problems_of(BROKEN / f"{stem}.yaml", libyaml=False)


def test_english_keeps_the_parsers_words():
    [p] = problems_of(BROKEN / "colon_in_value.yaml")
    assert str(p.message) == "syntax error: mapping values are not allowed here"
    assert "quotes" in p.hint
    [p] = problems_of(BROKEN / "unclosed_quote.yaml")
    assert str(p.message) == ("syntax error: found unexpected end of stream "
                              "(while scanning a quoted scalar: line 3, column 7)")


def test_the_full_width_colon_is_the_slips_business():
    problems = problems_of(BROKEN / "full_width_colon.yaml")
    assert problems == [] or any(p.rule == "full-width" for p in problems)


def test_reading_problems_are_said_in_chinese():
    cases = ["a: \"\\ud800\"\n", "a: 1\n<<: {b: 2}\n", "a: 1" + "0" * 500 + "\n"]
    for text in cases:
        with pytest.raises(InputError) as exc:
            safeyaml.load_text(text, "t.yaml")
        for p in exc.value.problems:
            assert not english_words(say(p.message, "zh") + say(p.hint, "zh")), p
    with pytest.raises(InputError) as exc:
        safeyaml.decode_bytes(b"a: \xff\n", "t.yaml")
    assert say(exc.value.problems[0].message, "zh") == "字节 0xff 不是有效的 UTF-8 编码"


# --- the command line, in both languages ---------------------------------------------------------

def _lcity(*args: str, lang_env: str = "zh_CN.UTF-8") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    return subprocess.run([sys.executable, "-m", "lcity", *args], check=False, capture_output=True, text=True,
                          env=dict(env, LANG=lang_env, COLUMNS="200"), cwd=ROOT)


def test_validate_json_message_follows_the_language_and_the_rule_stays():
    path = str(BROKEN / "unclosed_quote.yaml")
    zh = json.loads(_lcity("validate", path, "--format", "json").stdout)["problems"]
    en = json.loads(_lcity("validate", path, "--format", "json", "--lang", "en").stdout)["problems"]
    [z], [e] = zh, en
    assert (z["rule"], z["line"], z["column"]) == (e["rule"], e["line"], e["column"]) == ("syntax", 5, 1)
    assert z["message"] == "YAML 语法错误：文件已经结束，引号还没有闭合；开头的引号在第3行第7列"
    assert e["message"] == "syntax error: found unexpected end of stream (while scanning a quoted scalar: line 3, column 7)"


def test_validate_text_in_chinese():
    out = _lcity("validate", str(BROKEN / "tab.yaml"))
    assert out.returncode == 2
    assert "tab.yaml:3:1: 错误 syntax: YAML 语法错误：这里有一个 Tab 制表符 '\\t'" in out.stdout
    assert not english_words(out.stdout.split("syntax:", 1)[1])


# --- framework files -------------------------------------------------------------------------------

_FRAMEWORK_BREAKS = {
    "unknown-key": ("total_points: 100", "total_points: 100\ntotal_pionts: 100"),
    "missing-key": ("total_points: 100\n", ""),
    "wrong-type": ("total_points: 100", "total_points: 一百"),
    "missing-id": ("  - id: F\n    name: {zh: 建设", "  - name: {zh: 建设"),
    "list": ('name: {zh: "联合国', 'name: ["联合国'),
    "pattern": ("id: unesco-key-features", "id: 学习城市"),
}


@pytest.mark.parametrize("rule", sorted(_FRAMEWORK_BREAKS))
def test_framework_shape_problems_are_chinese_with_their_place(tmp_path, rule):
    old, new = _FRAMEWORK_BREAKS[rule]
    text = FRAMEWORK.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    if rule == "list":
        text = text.replace('self-assessment"}', 'self-assessment"]', 1)
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check_file(path)
    errors = [p for p in problems if p.severity == "error"]
    assert errors
    for p in errors:
        zh = say(p.message, "zh") + say(p.hint, "zh")
        assert p.line > 1 or rule == "missing-key"
        assert not english_words(re.sub(r"[a-z_]+(\.[a-z_]+|\[\d+\])*", " ", zh)), zh
        assert re.search(r"[\u4e00-\u9fff]", say(p.message, "zh")), zh


def test_catalog_entries_of_the_parser_match_in_both_languages():
    en, zh = catalog("en"), catalog("zh")
    keys = [k for k in en if k.startswith(("yaml.", "shape."))]
    assert keys and all(k in zh for k in keys)


# --- the assessment's own validators (English in evaluator/) are said in Chinese too -------------

@pytest.mark.parametrize("old, new, zh", [
    ("  streets: 12", "  streets: true", "是 true 或 false，不是数字"),
    ("  population: 820000", "  population: 999999999999", "超过了任何真实的人口数（最多 2,000,000,000）"),
    ("    en: Qingshi District", "    en: '  '", "看不到内容"),
    ('date: "2025-04-15"', 'date: "2025-02-30"', "不是真实的日期：2025-02 只有 28 天"),
])
def test_validator_words_are_said_in_chinese(old, new, zh):
    from evaluator.reading import read_string

    text = (ROOT / "examples" / "qingshi-district.yaml").read_text(encoding="utf-8")
    assert old in text
    errors = [p for p in read_string(text.replace(old, new, 1)).problems if p.severity == "error"]
    [p] = [p for p in errors if zh in say(p.message, "zh")]
    assert not english_words(re.sub(r"[a-z_]+(\.[a-z_]+)*", " ", say(p.message, "zh") + say(p.hint, "zh")))
    assert not re.search(r"[\u4e00-\u9fff]", str(p.message).split(":", 1)[1].replace("西城区", ""))


def _sample(node: ast.AST) -> str | None:
    """A literal, or an f-string with every value filled by '7'."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "7" for v in node.values)
    return None


def test_every_validator_wording_is_in_the_catalog():
    """The English of evaluator/assessment.py and evaluator/dates.py, as the catalog knows it: a
    change of wording there must come with its entry here, or Chinese users would read English."""
    from indicators.messages import recognise as known

    found = []
    for name in ("assessment.py", "dates.py"):
        tree = ast.parse((ROOT / "evaluator" / name).read_text(encoding="utf-8"))
        # dates.py: what an assessment's dates can raise (_parse), not SOURCE_DATE_EPOCH's problems
        roots = [tree] if name == "assessment.py" else [
            n for n in tree.body if isinstance(n, ast.Assign) or getattr(n, "name", "") == "_parse"]
        for node in (n for r in roots for n in ast.walk(r)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_error", "DateError"):
                found += [("shape.custom.", _sample(node.args[1]))]
                found += [("shape.custom-hint.", _sample(a)) for a in node.args[2:3]]
                found += [("shape.custom-hint.", _sample(k.value)) for k in node.keywords if k.arg == "hint"]
            if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "HINT":
                found += [("shape.custom-hint.", _sample(node.value))]
    found = [(prefix, text) for prefix, text in found if text]
    assert len(found) > 12
    assert [text for prefix, text in found if known(text.replace("{", "(").replace("}", ")"), prefix) is None
            and known(text, prefix) is None] == []


@pytest.mark.parametrize("text, rule, zh", [
    ("a: !!python/object/apply:os.system ['ls']\n", "unsupported-tag", "不允许使用标签“!!python/object/apply:os.system”"),
    ("a: &x [*x]\n", "recursive-alias", "别名 *x 指向了包含它自己的列表或映射"),
    ("a: " + "[" * 60 + "]" * 60 + "\n", "too-deep", "嵌套超过 50 层"),
    ("a: &a [1]\n" + "".join(f"b{i}: *a\n" for i in range(120)), "too-many-aliases", "别名（*名称）超过 100 个"),
])
def test_refusals_of_the_limit_checks_are_said_in_chinese(text, rule, zh):
    with pytest.raises(InputError) as exc:
        safeyaml.load_text(text, "t.yaml")
    [p] = exc.value.problems
    assert p.rule == rule and p.fatal and say(p.message, "zh").startswith(zh)
    assert re.search(r"[\u4e00-\u9fff]", say(p.hint, "zh")) and not english_words(say(p.hint, "zh"))


def test_every_limit_refusal_of_safeyaml_is_in_the_catalog():
    """The English literals and f-strings safeyaml passes to _fatal or _Limit are all known."""
    from indicators.messages import recognise as known

    tree = ast.parse(Path(safeyaml.__file__).read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_fatal", "_Limit"):
            first = 3 if node.func.id == "_fatal" else 2
            found += [_sample(a) for a in node.args[first:first + 2]]
    found = [t for t in found if t and t != "unexpected YAML node"]  # the last: unreachable
    assert len(found) > 10
    assert [t for t in found if known(t, "yaml.limit.") is None] == []
