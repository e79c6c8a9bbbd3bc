"""``lcity report --review`` (and ``lcity score --review``) say a review file's problems in the
reviewed assessment's language, as ``lcity review validate`` does (README, "Language"): a review
has no ``lang:`` line of its own, so the assessment's ``lang:`` speaks for it, whatever the locale;
``--lang`` still wins."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import EXAMPLES, lcity_here

REVIEW = EXAMPLES / "qingshi-district.review.yaml"


def assessment(tmp_path, lang: str):
    """Qingshi's assessment with a ``lang:`` line: the line changes the file, so the example review's
    SHA-256 no longer matches it (a hash-mismatch error in the review file, which names the
    difference: the reviewed file lies beside the review, G18-E4)."""
    path = tmp_path / f"qingshi-{lang}.yaml"
    path.write_text(f"lang: {lang}\n" + (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8"),
                    encoding="utf-8")
    return path


def review_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if "qingshi-district.review.yaml:" in line]
    assert len(lines) == 1, stderr
    return lines[0]


def test_report_speaks_chinese_about_the_review_of_a_chinese_form_in_an_english_locale(tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    proc = lcity_here("report", str(assessment(tmp_path, "zh")), "--review", str(REVIEW),
                      "--html", str(tmp_path / "r.html"))
    assert proc.returncode == 1
    line = review_line(proc.stderr)
    assert "错误 hash-mismatch" in line and "校验值" in line and "请核对该评审是否属于本自评文件" in line
    assert not (tmp_path / "r.html").exists()


def test_report_speaks_english_about_the_review_of_an_english_form_in_a_chinese_locale(tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    proc = lcity_here("report", str(assessment(tmp_path, "en")), "--review", str(REVIEW),
                      "--html", str(tmp_path / "r.html"))
    assert proc.returncode == 1
    line = review_line(proc.stderr)
    assert "error hash-mismatch: the review is of qingshi-district.yaml (" in line
    assert not re.search(r"[\u4e00-\u9fff]", line.partition("hash-mismatch")[2]), line


def test_lang_option_still_wins(tmp_path):
    proc = lcity_here("report", str(assessment(tmp_path, "zh")), "--review", str(REVIEW), "--lang", "en",
                      "--html", str(tmp_path / "r.html"))
    assert proc.returncode == 1
    assert "error hash-mismatch: the review is of qingshi-district.yaml (" in review_line(proc.stderr)


@pytest.mark.parametrize("lang, words", [("zh", "评审针对的自评文件 qingshi-district.yaml（校验值"),
                                         ("en", "the review is of qingshi-district.yaml (")])
def test_score_json_says_the_review_problem_in_the_assessments_language(tmp_path, monkeypatch, lang, words):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8" if lang == "en" else "en_US.UTF-8")
    proc = lcity_here("score", str(assessment(tmp_path, lang)), "--review", str(REVIEW), "--format", "json")
    assert proc.returncode == 1
    problems = json.loads(proc.stdout)["problems"]
    assert [p["rule"] for p in problems] == ["hash-mismatch"]
    assert words in problems[0]["message"]
    assert problems[0]["message"].endswith("内容不同：lang 不一致" if lang == "zh" else "differs from it in lang")


def test_review_validate_says_it_the_same_way(tmp_path, monkeypatch):
    """The rule the report now follows is review validate's: the same line, word for word."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    form = assessment(tmp_path, "zh")
    validated = lcity_here("review", "validate", str(form), str(REVIEW))
    reported = lcity_here("report", str(form), "--review", str(REVIEW), "--html", str(tmp_path / "r.html"))
    said = [line for line in validated.stdout.splitlines() + validated.stderr.splitlines()
            if "qingshi-district.review.yaml:" in line]
    assert said == [review_line(reported.stderr)]
