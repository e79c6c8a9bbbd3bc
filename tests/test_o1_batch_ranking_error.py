"""``lcity batch``: the ranking report's own error follows the ranking's language in summary.json
and on the terminal, as each unit's error already does (summary.csv, summary.json's failures): a
Chinese batch whose ranking.pdf cannot be written read "error not-a-file: the output is a folder"
among Chinese lines."""

from __future__ import annotations

import json
import shutil

import pytest

from indicators.messages import Msg
from lcity.batch_summary import BatchSummary, first_error, summary_document

from .conftest import EXAMPLES, lcity

WORDS = {"zh": "错误 not-a-file: 输出路径是一个文件夹", "en": "error not-a-file: the output is a folder"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_ranking_that_cannot_be_written_is_said_in_the_rankings_language(tmp_path, lang):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    for name in ("qingshi-district.yaml", "yunling-county.yaml"):
        shutil.copy(EXAMPLES / name, folder / name)
    (out / "ranking.pdf").mkdir(parents=True)  # the ranking cannot be written there
    run = lcity("batch", str(folder), "-o", str(out), "--lang", lang, "--force")
    assert run.returncode == 1, run.stderr
    error = json.loads((out / "summary.json").read_text(encoding="utf-8"))["ranking"]["error"]
    assert error.startswith(f"{out / 'ranking.pdf'}:1:1: {WORDS[lang]}"), error
    other = WORDS["en" if lang == "zh" else "zh"]
    assert other not in error and other not in run.stderr
    assert WORDS[lang] in run.stderr.splitlines()[-1]  # the closing line says it too


def _summary(error) -> BatchSummary:
    return BatchSummary([], [], [], [], error, None, [])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_summary_json_says_a_ranking_timeout_in_its_language(lang):
    doc = summary_document(_summary(Msg("batch.ranking-timeout", seconds="30")), "in", lang)
    assert doc["ranking"]["error"] == ("排名报告生成超过时限 30 秒" if lang == "zh"
                                       else "the ranking report exceeded the time limit of 30 s")


def test_first_error_keeps_both_languages_and_reads_as_english():
    from indicators.problems import Problem

    p = Problem("x.pdf", 1, 1, "error", "unwritable", Msg("batch.cannot-write", error="Disk full"))
    said = first_error([p])
    assert str(said) == p.text("en") and said.say("zh") == p.text("zh") != p.text("en")
    assert summary_document(_summary(said), "in", "zh")["ranking"]["error"] == p.text("zh")
    assert summary_document(_summary(""), "in", "zh")["ranking"]["error"] is None
