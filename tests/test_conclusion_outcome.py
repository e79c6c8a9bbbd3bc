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


@pytest.mark.parametrize("lang, expected", [
    ("zh", "警告 panel-outcome: conclusion_outcome 写“暂缓认定”，按计分规则对核定数据得出的评估结论为“不予认定”"
           "（总分64.0分，低于“暂缓认定”所需的75分）"),
    ("en", "warning panel-outcome: conclusion_outcome gives “Recognition deferred”, the rules give “Not recognised” "
           "for the verified figures (total 64.0 is below the 75 needed for “Recognition deferred”)"),
])
def test_review_validate_warns_where_the_stated_outcome_is_not_the_rules(tmp_path, lang, expected):
    a, r = _copy(tmp_path, "deferred")
    out = lcity("--lang", lang, "review", "validate", str(a), str(r))
    assert out.returncode == 0, out.stderr
    said = out.stdout + out.stderr
    assert f"liyang.review.yaml:{_line(r, 'conclusion_outcome:')}:21: {expected}" in said
    assert "no-conclusion-outcome" not in said  # the field says what the words could not


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


@pytest.mark.parametrize("lang, expected", [
    ("zh", "警告 no-conclusion-outcome: 结论提到“认定为示范区”，但从文字无法确定给出的是哪一种评估结论（请在 conclusion_outcome "
           "中填写：recognised（认定为示范区）、deferred（暂缓认定）"),
    ("en", "warning no-conclusion-outcome: the conclusion speaks of “认定为示范区”, but which outcome it gives cannot be "
           "read from its words (say it under conclusion_outcome: recognised (Recognised as demonstration zone), "),
])
def test_words_that_speak_of_an_outcome_only_negated_ask_for_the_field(tmp_path, lang, expected):
    a, r = _copy(tmp_path, None)  # Liyang's review as the panel wrote it: "建议暂不认定为示范区"
    out = lcity("--lang", lang, "review", "validate", str(a), str(r))
    assert out.returncode == 0
    assert f"liyang.review.yaml:{_line(r, 'conclusion:')}:13: {expected}" in out.stdout + out.stderr


def test_a_conclusion_that_speaks_of_no_outcome_is_not_asked(tmp_path):
    a, r = _copy(tmp_path, None, conclusion="澧阳县文化赋能成效明显，数字化学习平台是突出短板。")
    out = lcity("--lang", "en", "review", "validate", str(a), str(r), "--format", "json")
    assert not [p for p in json.loads(out.stdout)["problems"] if p["rule"] == "no-conclusion-outcome"]


# --- the review form -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang, comment", [
    ("zh", "# 结论给出的评估结论（选填一项；报告据此说明是否与计分规则的结果一致）：recognised（认定为示范区） | "
           "deferred（暂缓认定） | refused（不予认定） | not_ratable（数据不足，不予定级）"),
    ("en", "# The outcome the conclusion gives (one of these; the report says whether the rules' result agrees): "
           "recognised (Recognised as demonstration zone) | deferred (Recognition deferred) | refused (Not recognised) "
           "| not_ratable (Not ratable)"),
])
def test_the_review_form_offers_the_field_with_the_frameworks_outcomes(tmp_path, lang, comment):
    a, _ = _copy(tmp_path, None)
    form = tmp_path / "form.review.yaml"
    made = lcity("review", "init", str(a), "-o", str(form), "--lang", lang)
    assert made.returncode == 0, made.stderr
    lines = form.read_text(encoding="utf-8").splitlines()
    k = lines.index("conclusion_outcome: null")
    assert lines[k - 1] == comment and lines[k - 2] == "conclusion: null"
    # the form as written is a valid review (unsigned: the reviewer's name is an error of its own)
    out = lcity("--lang", "en", "review", "validate", str(a), str(form), "--format", "json")
    assert not [p for p in json.loads(out.stdout)["problems"] if "outcome" in p["rule"]]


# --- the report --------------------------------------------------------------------------------------


def _text(a: Path, r: Path, lang: str) -> str:
    return squash(html.unescape(" ".join(report_lines(a, lang, [r]))))


def test_the_result_carries_the_panels_stated_outcome(tmp_path):
    a, r = _copy(tmp_path, "暂缓认定")
    result, _ = read_scored(a, reviews=[r])
    assert (result.review.conclusion_outcome, result.recognition.outcome) == ("deferred", "refused")
    assert json.loads(result.model_dump_json())["review"]["conclusion_outcome"] == "deferred"


def test_the_report_says_which_is_the_panels_conclusion_and_which_the_rules_result(tmp_path):
    a, r = _copy(tmp_path, "deferred")
    zh = _text(a, r, "zh")
    verdict = squash("综上，澧阳县学习型城市建设评估总得分64.0分，等级为“合格”，评估结论为“不予认定”。")
    stated = squash("专家组结论给出的评估结论为“暂缓认定”，与计分规则按核定数据得出的评估结论“不予认定”不同"
                    "（总分64.0分，低于“暂缓认定”所需的75分）。上句中的“不予认定”是计分规则的结果；“暂缓认定”是专家组的结论，"
                    "并非按计分规则得出。两者须经专家组核对统一后方可签署。")
    assert verdict + stated in zh  # said right after the verdict
    assert squash("评估结论为“不予认定”。专家组结论给出的评估结论为“暂缓认定”，与计分规则的结果不同（见“八、评估结论”）。") in zh
    en = _text(a, r, "en")
    assert squash("Decision: Not recognised. The panel's conclusion gives the outcome 'Recognition deferred', which "
                  "differs from the decision the rules give for the verified figures, 'Not recognised' (total 64.0 is "
                  "below the 75 needed for 'Recognition deferred'). 'Not recognised' above is the rules' result; "
                  "'Recognition deferred' is the panel's conclusion, not a result of the rules.") in en
    assert squash("The panel's conclusion gives the outcome 'Recognition deferred', which differs from the rules' "
                  "result (see '8. Conclusion').") in en
    # never the unit's: no sentence gives the county the panel's outcome
    assert "澧阳县暂缓认定" not in zh and "LiyangCountyisdeferred" not in en


@pytest.mark.parametrize("outcome", ["refused", None])
def test_an_agreeing_or_absent_stated_outcome_adds_nothing_to_the_report(tmp_path, outcome):
    a, r = _copy(tmp_path, outcome)
    zh = _text(a, r, "zh")
    assert "专家组结论给出的评估结论" not in zh
    assert "panel'sconclusiongivestheoutcome" not in _text(a, r, "en")


def test_the_panels_own_word_for_another_outcome_is_said_as_before_without_the_field(tmp_path):
    """Without conclusion_outcome a conclusion plainly naming another outcome is still listed (H4 #6),
    and with it the list no longer reads the conclusion's words: the field is said once, by the verdict."""
    from .test_panel_review_findings import _facts, _hailan
    from reports.context_review import claim_lines

    plain = _hailan(tmp_path)  # "建议暂缓认定" at 72.5
    assert any("计分规则结论“不予认定”" in line for line in claim_lines(_facts(HAILAN, plain, "zh")))
    stated = tmp_path / "stated.yaml"
    stated.write_text(plain.read_text(encoding="utf-8") + "conclusion_outcome: deferred\n", encoding="utf-8")
    f = _facts(HAILAN, stated, "zh")
    assert not any("计分规则结论" in line for line in claim_lines(f))
    from reports.context_conclusion import conclusion

    assert conclusion(f)["conclusion"]["stated"].startswith("专家组结论给出的评估结论为“暂缓认定”，与计分规则按核定数据得出的评估结论“不予认定”不同")
