"""The outcome a panel's conclusion gives, stated in the review (``conclusion_outcome``), against the
outcome the rules give (G20-A7).

Liyang's panel wrote "建议暂不认定为示范区，限期一年补齐数字平台短板后复核" (a deferral in substance) above
the report's "评估结论为“不予认定”": words cannot say which outcome a conclusion gives ("暂不认定为示范区"
holds "认定为示范区"), so the review says it by key; review validate warns where it is not the rules',
and the report says which is the panel's conclusion and which the rules' result.
"""

from __future__ import annotations

import html
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.pipeline import read_scored
from evaluator.review import OUTCOME_KEYS, stated_outcome
from indicators.loader import load_framework

from .conftest import ROOT, lcity_here as lcity, report_lines, squash

G20 = ROOT / "tests" / "audit_reports_g20"
LIYANG, REVIEW = G20 / "liyang-county.yaml", G20 / "liyang-county.review.yaml"  # total 64.0: 不予认定
HAILAN = ROOT / "tests" / "audit_cities" / "hailan-2025.yaml"


def _copy(tmp_path: Path, outcome: str | None, conclusion: str | None = None) -> tuple[Path, Path]:
    """Liyang's assessment and its panel's review, with ``conclusion_outcome: OUTCOME`` after the
    conclusion (and another conclusion, if given)."""
    a = tmp_path / LIYANG.name
    a.write_bytes(LIYANG.read_bytes())
    lines = REVIEW.read_text(encoding="utf-8").splitlines()
    if conclusion is not None:
        lines = [f"conclusion: {conclusion}" if t.startswith("conclusion:") else t for t in lines]
    if outcome is not None:
        lines.append(f"conclusion_outcome: {outcome}")
    r = tmp_path / "liyang.review.yaml"
    r.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return a, r


def _line(path: Path, start: str) -> int:
    return next(k for k, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if t.startswith(start))


# --- the field: keys and names of the framework's outcomes -----------------------------------------


CHINA = load_framework("china-learning-city@2")


def test_an_outcome_is_given_by_its_key_or_its_name_in_either_language():
    assert stated_outcome("deferred", CHINA) == "deferred"
    assert stated_outcome("暂缓认定", CHINA) == "deferred"
    assert stated_outcome("Recognition deferred", CHINA) == "deferred"
    assert stated_outcome(" Recognized as demonstration zone ", CHINA) == "recognised"
    assert stated_outcome("不予认定", CHINA) == "refused"
    assert stated_outcome("暂不认定", CHINA) is None  # the panel's words, not an outcome of the framework
    assert stated_outcome(None, CHINA) is None


def _spelled(word: str, draw_case: bool, wide: bool) -> str:
    """The word as a user may type it: upper case, full-width (an input method's Ａ), padded."""
    if draw_case:
        word = word.upper()
    if wide:
        word = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)
    return f"  {word} "


@settings(max_examples=60, deadline=None)
@given(key=st.sampled_from(OUTCOME_KEYS), form=st.sampled_from(["key", "zh", "en"]), upper=st.booleans(),
       wide=st.booleans())
def test_every_spelling_of_an_outcome_reads_as_its_key(key, form, upper, wide):
    name = getattr(CHINA.recognition.outcomes, key)
    word = {"key": key, "zh": name.zh, "en": name.en}[form]
    assert stated_outcome(_spelled(word, upper, wide), CHINA) == key


@settings(max_examples=80, deadline=None)
@given(st.text(min_size=1, max_size=20))
def test_a_word_that_is_no_outcome_reads_as_none(word):
    names = {unicodedata.normalize("NFKC", n).casefold().strip() for k in OUTCOME_KEYS
             for n in (k, getattr(CHINA.recognition.outcomes, k).zh, getattr(CHINA.recognition.outcomes, k).en)}
    plain = " ".join(unicodedata.normalize("NFKC", word).split()).casefold().replace("recognized", "recognised")
    if plain not in names:
        assert stated_outcome(word, CHINA) is None


# --- review validate ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, expected", [
    ("zh", "错误 unknown-outcome: conclusion_outcome 的“postponed”不是 china-learning-city@2 的评估结论（请填写其中之一："
           "recognised（认定为示范区）、deferred（暂缓认定）、refused（不予认定）、not_ratable（数据不足，不予定级））"),
    ("en", "error unknown-outcome: conclusion_outcome “postponed” is not a recognition outcome of china-learning-city@2 "
           "(write one of: recognised (Recognised as demonstration zone), deferred (Recognition deferred), "
           "refused (Not recognised), not_ratable (Not ratable))"),
])
def test_an_outcome_the_framework_does_not_have_is_an_error_at_its_value(tmp_path, lang, expected):
    a, r = _copy(tmp_path, "postponed")
    out = lcity("--lang", lang, "review", "validate", str(a), str(r))
    assert out.returncode == 1
    assert f"liyang.review.yaml:{_line(r, 'conclusion_outcome:')}:21: {expected}" in out.stdout + out.stderr
    assert "Traceback" not in out.stderr


def test_a_misspelt_outcome_is_named(tmp_path):
    a, r = _copy(tmp_path, "deffered")
    out = lcity("--lang", "en", "review", "validate", str(a), str(r))
    assert out.returncode == 1
    assert "(did you mean 'deferred'? write one of: recognised (Recognised as demonstration zone)," in out.stdout + out.stderr


def test_a_stated_outcome_that_agrees_adds_nothing(tmp_path):
    a, r = _copy(tmp_path, "refused")
    out = lcity("--lang", "en", "review", "validate", str(a), str(r), "--format", "json")
    rules = [p["rule"] for p in json.loads(out.stdout)["problems"] if p["file"].endswith("liyang.review.yaml")]
    assert rules == []


def test_the_stated_outcome_settles_words_that_seem_to_name_another(tmp_path):
    """"建议暂缓认定" read as a clash when the rules refuse: the panel that states refused (and words
    its conclusion as it will) is not told its words name another outcome."""
    a, r = _copy(tmp_path, "不予认定", conclusion="总分未达暂缓认定线，建议暂缓认定的意见不予采纳，评估结论为不予认定。")
    out = lcity("--lang", "en", "review", "validate", str(a), str(r), "--format", "json")
    rules = [p["rule"] for p in json.loads(out.stdout)["problems"] if p["file"].endswith("liyang.review.yaml")]
    assert "panel-outcome" not in rules


def test_a_conclusion_that_speaks_of_no_outcome_is_not_asked(tmp_path):
    a, r = _copy(tmp_path, None, conclusion="澧阳县文化赋能成效明显，数字化学习平台是突出短板。")
    out = lcity("--lang", "en", "review", "validate", str(a), str(r), "--format", "json")
    assert not [p for p in json.loads(out.stdout)["problems"] if p["rule"] == "no-conclusion-outcome"]


# --- the review form -------------------------------------------------------------------------------


# --- the report --------------------------------------------------------------------------------------


def _text(a: Path, r: Path, lang: str) -> str:
    return squash(html.unescape(" ".join(report_lines(a, lang, [r]))))


@pytest.mark.parametrize("outcome", ["refused", None])
def test_an_agreeing_or_absent_stated_outcome_adds_nothing_to_the_report(tmp_path, outcome):
    a, r = _copy(tmp_path, outcome)
    zh = _text(a, r, "zh")
    assert "专家组结论给出的评估结论" not in zh
    assert "panel'sconclusiongivestheoutcome" not in _text(a, r, "en")