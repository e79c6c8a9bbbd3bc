"""``lcity --help`` wholly in Chinese when the help language is zh: every command's and option's
text (``lcity/help/zh.yaml``), and Typer's and Click's own words (``lcity/help/typer/zh.yaml``):
"Usage:", the panel titles, ``[default: …]``, ``[required]``, ``--help``, number ranges and usage
errors. An official who reads Chinese should not meet an English sentence in the help."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import typer.main

from lcity.cli import app
from lcity.helptext import entries, error_in, typer_words

from .conftest import ROOT


def _commands(root=None) -> list[tuple[str, tuple[str, ...], object]]:
    """(catalog key, command line, Click command) of lcity and of every command and subcommand."""
    out = []

    def walk(cmd, key, argv):
        out.append((key, argv, cmd))
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, name if key == "lcity" else f"{key}.{name}", (*argv, name))

    walk(root or typer.main.get_command(app), "lcity", ())
    return out


COMMANDS = _commands()

#: the commands' names: English where they follow ``lcity`` (or their group's name)
COMMAND_NAMES = {key.split(".")[-1] for key, _, _ in COMMANDS if key != "lcity"}
#: English tokens that stay English in Chinese help: option values, YAML keys and values, and a few
#: names of things (shell, Sobol, JSON Schema draft-07, the YAML language server's comment)
KEEP = {"zh", "en", "table", "json", "csv", "text", "yaml", "xlsx", "pdf", "city", "district", "county",
        "recognition", "good", "weights", "scale", "unknowns", "survey", "aggregation", "sobol", "true", "false",
        "null", "unknown", "value", "date", "uncertainty", "effort", "provisional", "shell", "schema", "draft",
        "assessment", "framework", "review", "yaml-language-server"}

_WORD = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")


def english_runs(text: str) -> list[str]:
    """Runs of three or more English words in ``text``. A word is letters only (a path, a file
    name, an option, a number or a ``zh|en`` is not one); a metavar (in capitals, FILE, or in
    braces, ``{file}``, ``[files]...``), a command's name after ``lcity``, a word in ``KEEP`` and any
    non-ASCII character (Chinese, full-width punctuation, the panel borders) end a run."""
    runs: list[str] = []
    for piece in re.split(r"[^\x00-\x7f]+", text):
        run: list[str] = []
        after_lcity = False
        for token in [*piece.split(), ""]:
            word = token.strip("'\"()[]{}<>,.;:!?*=")
            command = word == "lcity" or (after_lcity and word in COMMAND_NAMES)
            after_lcity = command
            metavar = word.isupper() or token[:1] in "{[" and token.rstrip(".").endswith(("}", "]"))
            if (_WORD.fullmatch(word) and not token.startswith("-") and not metavar and not command
                    and word.lower() not in KEEP):
                run.append(word)
                continue
            if len(run) >= 3:
                runs.append(" ".join(run))
            run = []
    return runs


#: Typer's and Click's English words, none of which may be left in the Chinese help
TYPER_ENGLISH = ("Usage:", "Options", "Arguments", "Commands", "[default:", "[required]", "Show this message",
                 "at least", "at most", "[OPTIONS]", "COMMAND [ARGS]", "Try '", "Error")


def _run(*args: str, lang: str = "zh_CN.UTF-8") -> subprocess.CompletedProcess:
    """lcity in a subprocess, as a user runs it, under ``lang`` and at 100 columns."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANGUAGE"}
    return subprocess.run([sys.executable, "-m", "lcity", *args], capture_output=True, text=True, cwd=ROOT,
                          env=dict(env, LANG=lang, COLUMNS="100", NO_COLOR="1"), timeout=120)


def test_the_checker_finds_english_prose_and_passes_what_is_typed():
    assert english_runs("│ --samples  -n  N [200 至 50000]  Monte Carlo draws │") == ["Monte Carlo draws"]
    assert english_runs("Show this message and exit.") == ["Show this message and exit"]
    assert english_runs("示例：lcity sensitivity examples/districts --samples 10000 --stream 7 --format json") == []
    assert english_runs("用法：lcity review validate [选项] {assessment} {reviews}...") == []
    assert english_runs("│ --format -f table|json|csv  table、json 或 csv [默认：table] │") == []
    assert english_runs("a file, or a folder") == ["a file or a folder"]  # a comma does not end a run
    assert english_runs("check the report file") == ["check the report file"]  # command names only after lcity


def test_every_parameter_of_every_command_has_a_chinese_text():
    zh = entries("zh")
    assert [key for key, _, _ in COMMANDS if key not in zh] == []
    missing = [f"{key}.{param.name}" for key, _, cmd in COMMANDS for param in cmd.params
               if f"{key}.{param.name}" not in zh and f"any.{param.name}" not in zh]
    assert missing == []


def test_the_chinese_help_names_the_same_things_to_type_as_the_english():
    """FILE, FOLDER, N, zh|en: the metavar follows from the parameter and, for a path, from its help
    text (a folder or a file), so the Chinese text must say 文件夹 where the English says folder."""
    from lcity.help_words import install, words_for
    from lcity.helptext import translate

    install()
    english, chinese = typer.main.get_command(app), typer.main.get_command(app)
    translate(chinese, "zh")

    def metavars(root):
        return {f"{key}.{param.name}": words_for(param) for key, _, cmd in _commands(root) for param in cmd.params}

    assert metavars(chinese) == metavars(english)


def test_every_typer_word_names_a_typer_constant_or_a_click_error():
    from typer import rich_utils

    from lcity.helptext import ERRORS

    words = typer_words("zh")
    constants = [k for k in words if k.isupper()]
    assert constants and all(isinstance(getattr(rich_utils, k, None), str) for k in constants)
    errors = {f"error.{key}" for key, _ in ERRORS}
    assert sorted(k for k in words if k.startswith("error.") and not k.startswith("error.kind_")) == sorted(errors)
    assert typer_words("en") == {}


@pytest.mark.parametrize("argv", [argv for _, argv, _ in COMMANDS], ids=lambda argv: " ".join(argv) or "lcity")
def test_the_chinese_help_of_every_command_has_no_english_sentence(argv):
    shown = _run(*argv, "--help")
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert out.lstrip().startswith("用法："), out[:200]
    assert "显示本帮助后退出" in out and "选项" in out
    assert english_runs(out) == []
    assert [w for w in TYPER_ENGLISH if w in out] == []


def test_number_ranges_and_defaults_are_in_chinese_and_stay_english_otherwise():
    zh = _run("sensitivity", "--help").stdout
    assert "N [200 至 50000]" in zh and "N [至少 0]" in zh and "[默认：10000]" in zh and "[必填]" in zh
    assert "蒙特卡洛抽样次数" in zh
    en = _run("sensitivity", "--help", lang="C.UTF-8").stdout
    assert "N [200 to 50000]" in en and "N [at least 0]" in en and "[default: 10000]" in en and "[required]" in en
    assert "Usage: " in en and "lcity sensitivity [OPTIONS]" in en and "用法" not in en


def test_a_folder_argument_is_named_folder_in_both_languages():
    assert "FOLDER" in _run("batch", "--help").stdout
    assert "FOLDER" in _run("batch", "--help", lang="C.UTF-8").stdout


def test_a_usage_error_is_in_chinese_and_exits_2():
    shown = _run("validate", "--bogus")
    assert shown.returncode == 2
    err = shown.stderr
    assert "用法：" in err and "lcity validate [选项]" in err and "lcity validate -h 查看帮助。" in err
    assert "错误" in err and "没有选项 --bogus" in err
    assert english_runs(err) == [] and [w for w in TYPER_ENGLISH if w in err] == []
    assert "Traceback" not in err


def test_the_same_usage_error_stays_english_without_a_chinese_locale():
    shown = _run("validate", "--bogus", lang="C.UTF-8")
    assert shown.returncode == 2
    assert "No such option: --bogus" in shown.stderr and "Usage: " in shown.stderr
    assert "lcity validate [OPTIONS]" in shown.stderr and "lcity validate -h' for help." in shown.stderr


def test_lang_zh_on_the_command_line_gives_chinese_errors_too():
    shown = _run("--lang", "zh", "scor", lang="C.UTF-8")
    assert shown.returncode == 2
    assert "没有命令 'scor'。是否要输入 'score'？" in shown.stderr


@pytest.mark.parametrize("english, chinese", [
    ("No such option: --bogus", "没有选项 --bogus"),
    ("No such option: --formt (Possible options: --format)", "没有选项 --formt（可用的选项：--format）"),
    ("No such command 'scor'. Did you mean 'score'?", "没有命令 'scor'。是否要输入 'score'？"),
    ("Missing argument 'file'.", "缺少参数 'file'。"),
    ("Missing option '--output' / '-o'.", "缺少选项 '--output' / '-o'。"),
    ("Got unexpected extra argument(s) (a b)", "多余的参数：a b"),
    ("Option '--framework' requires an argument.", "选项 '--framework' 需要一个值。"),
    ("Invalid value for '--lang': Value error, 'fr' is not one of 'zh', 'en'.",
     "'--lang' 的值无效：'fr' 不在可选值之内（'zh', 'en'）。"),
    ("Invalid value for '--samples' / '-n': Input should be greater than or equal to 200",
     "'--samples' / '-n' 的值无效：应不小于 200"),
    ("Invalid value for '--jobs' / '-j': Input should be a valid integer, unable to parse string as an integer",
     "'--jobs' / '-j' 的值无效：应为整数"),
    ("Invalid value for 'folder': Directory 'x.yaml' is a file.", "'folder' 的值无效：'x.yaml' 是文件，这里需要文件夹。"),
])
def test_click_usage_errors_in_chinese(english, chinese):
    said = error_in(typer_words("zh"), english)
    assert said == chinese
    assert english_runs(said) == []


def test_a_message_click_does_not_word_passes_through_unchanged():
    words = typer_words("zh")
    assert error_in(words, "找不到文件 x.yaml") == "找不到文件 x.yaml"


_PIECES = st.sampled_from(["学", "习", "城", "市", "，", "。", "（", "）", "、", "“", "”", " ", "  ", "lcity", "--lang",
                           "西城区-2025.yaml", "x.review.yaml", "a", "zh|en", "\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_chinese_line_breaks_cover_the_text_and_never_break_before_closing_punctuation(text):
    from lcity.helptext import _CLOSE, _OPEN, chinese_words

    words = [w for _, _, w in chinese_words(text)]
    assert "".join(words) == (text if text.strip() else "")
    for before, after in zip(words, words[1:]):
        assert not (after[0] in _CLOSE and not before[-1].isspace()), (before, after)  # no line starts with ），。
        assert not (before.rstrip()[-1:] in _OPEN and not before[-1].isspace()), (before, after)  # none ends with （
    assert not any("西城区-2025.yaml" in a + b and "西城区-2025.yaml" not in a and "西城区-2025.yaml" not in b
                   for a, b in zip(words, words[1:]))  # a file name stays whole
