"""Issue 10, value level: a file that validates is a file that scores, reports and batches.

Every hostile value below is refused by ``validate`` (exit 1, file:line:col, the user's text
quoted, a hint), never by a crash in ``score`` (exit 3).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from evaluator import checks, dates
from evaluator.pipeline import score
from evaluator.reading import read, read_string
from evaluator.review import load_reviews, read_review
from indicators.loader import load_framework
from indicators.problems import InputError
from indicators.safeyaml import Marked

from .conftest import EXAMPLES, lcity_here as lcity

ASSESSMENT = EXAMPLES / "qingshi-district.yaml"
TEXT = ASSESSMENT.read_text(encoding="utf-8")
FW = load_framework("china-learning-city@1")


def errors(text: str) -> list:
    try:
        return read_string(text, file="t.yaml").errors
    except InputError as exc:
        return exc.problems


def one_error(text: str):
    found = errors(text)
    assert len(found) == 1, [p.text() for p in found]
    return found[0]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def swap(old: str, new: str, text: str = TEXT) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# --- numbers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("old,new,words", [
    ("population: 820000", "population: 3000000000", "larger than any real population"),
    ("area_km2: 86.5", "area_km2: .inf", "not a finite number"),
    ("area_km2: 86.5", "area_km2: .nan", "not a finite number"),
    ("gdp_per_capita: 112000", "gdp_per_capita: 1.0e+300", "larger than any real GDP"),
    ("streets: 12", "streets: 1.5", "not a whole number"),
    ("population: 820000", "population: true", "is true or false, not a number"),
])
def test_profile_figures_must_be_finite_and_sane(old, new, words):
    text = swap(old, new)
    p = one_error(text)
    wrong_type = "whole" in words or "true" in words
    assert (p.line, p.rule) == (line_of(text, new), "wrong-type" if wrong_type else "out-of-range")
    assert words in p.message and p.hint
    assert "should" not in p.message and "Input" not in p.message


@pytest.mark.parametrize("answer,value,words", [
    ("E1", "1.7e308", "larger than any real figure"),       # a count whose derived figure overflows
    ("E2", "10000000000000", "larger than any real figure"),  # 1e13 courses
    ("D1", "1e16", "larger than any real figure"),         # 1e16 yuan
    ("D1", ".inf", "not a finite number"),
    ("D1", "-.inf", "not a finite number"),
    ("D1", ".nan", "not a number"),
    ("K4", ".nan", "not a number"),
])
def test_answers_must_be_finite_and_sane(answer, value, words):
    start = TEXT.index(f"  {answer}:\n")
    line_start = TEXT.index("value: ", start)
    old = TEXT[line_start:TEXT.index("\n", line_start)]
    text = TEXT[:line_start] + f"value: {value}" + TEXT[line_start + len(old):]
    p = one_error(text)
    assert p.rule == "out-of-range" and words in p.message and p.hint
    assert p.line == line_of(text, f"value: {value}") and p.col == 12


def test_huge_integers_are_refused_by_the_checks_themselves():
    """The loader refuses literals that overflow a float; the checks do not rely on it."""
    big = 10 ** 400
    for ind_id in ("D1", "E1", "K4"):
        rule, message, hint = checks.check_value(FW.indicator(ind_id), big, str(big))
        assert rule == "out-of-range" and "(401 characters)" in message and hint
    marked = Marked(data={}, file="t.yaml", text="")
    assert checks.derived_problem(FW.indicator("E2"), 10 ** 12, {"population": 1}, marked, ()) is None
    e2 = FW.indicator("E2")
    derive = e2.answer.derive.model_copy(update={"scale": 1e300})
    fw_big = e2.model_copy(update={"answer": e2.answer.model_copy(update={"derive": derive})})
    p = checks.derived_problem(fw_big, 10 ** 12, {"population": 1}, marked, ("answers", "E2", "value"))
    assert p is not None and p.rule == "out-of-range" and "too large" in p.message


def test_negative_zero_scores():
    text = swap("  E5:\n    value: true", "  E5:\n    value: true").replace("value: 12\n", "value: -0\n", 1)
    loaded = read_string(text)
    assert loaded.ok, [p.text() for p in loaded.errors]
    a, fw = loaded.require()
    assert score(a, fw).total >= 0


def test_hostile_number_from_the_cli_is_exit_1_with_location(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(swap("population: 820000", "population: 3000000000"), encoding="utf-8")
    proc = lcity("validate", str(path))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    out = proc.stdout + proc.stderr
    line = 1 + path.read_text(encoding="utf-8").split("population: 3000000000")[0].count("\n")
    assert f"{path}:{line}:15" in out and "3000000000" in out and "Traceback" not in out
    proc = lcity("score", str(path))
    assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr


# --- checklists ------------------------------------------------------------------------------------


def test_mapping_inside_a_checklist_is_one_clear_problem():
    text = swap("  I2:\n    value: [district_university, street_schools]",
                "  I2:\n    value: [district_universit:, street_schools]")
    p = one_error(text)
    assert p.rule == "wrong-type" and (p.line, p.col) == (line_of(text, "[district_universit:"), 13)
    assert "'district_universit:'" in p.message and "mapping" in p.message
    assert "remove the ':'" in p.hint and "did you mean 'district_university'?" in p.hint


@pytest.mark.parametrize("value,rule,words", [
    ("[[leading_body], two_meetings]", "wrong-type", "list inside the list"),
    ("[{a: b}, two_meetings]", "wrong-type", "mapping"),
    ("[leading_body, leading_body]", "duplicate-item", "listed twice"),
    ("[leading_body, 7]", "unknown-choice", "'7' is not one of its items"),
    ("[leading_bodi]", "unknown-choice", "'leading_bodi'"),
])
def test_checklist_items_are_checked_one_by_one(value, rule, words):
    text = swap("value: [leading_body, ten_departments, two_meetings]", f"value: {value}")
    p = one_error(text)
    assert p.rule == rule and words in p.message and p.hint


# --- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value,words", [
    ("2025-13-45", "has no month 13"),
    ("2025-02-30", "2025-02 has 28 days"),
    ("2025-W01-1", "ISO week date"),
    ("20250630", "not a date in the form YYYY-MM-DD"),
    ("1899-01-01", "outside 1990–2100"),
    ("2025-6-1", "not a date in the form YYYY-MM-DD"),
])
def test_assessment_date_is_a_real_day_reported_once(value, words):
    text = swap('date: "2025-04-15"', f'date: "{value}"')
    p = one_error(text)
    assert (p.line, p.col, p.rule) == (line_of(text, "date: \""), 7, "wrong-type")
    assert f"'{value}'" in p.message and words in p.message and "YYYY" in p.hint
    assert "pattern" not in p.message and "\\d" not in p.message


def test_dates_module():
    assert dates.parse("2024-02-29") == dt.date(2024, 2, 29)
    assert dates.option(" 2025-06-30 ") == "2025-06-30"
    for bad in ("2025-W01-1", "2025-001", "2025-06-30T00:00", "2025-02-29", "", "9999-12-31"):
        with pytest.raises(dates.DateError) as exc:
            dates.option(bad)
        assert exc.value.message.startswith("--date '") and exc.value.hint
    assert dates.from_epoch("1700000000") == dt.date(2023, 11, 14)
    assert dates.from_epoch("0") == dt.date(1970, 1, 1)
    for bad in ("-1", "1e9", "abc", "99999999999999999999999", " "):
        with pytest.raises(dates.DateError) as exc:
            dates.from_epoch(bad)
        assert "SOURCE_DATE_EPOCH" in exc.value.message and "unset" in exc.value.hint


# --- names -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("old,new", [
    ("zh: 青石区", "zh: '   '"),
    ("zh: 青石区", 'zh: "\\u200b\\u200d\\u2060"'),
    ("en: Qingshi District", 'en: "\\u3164"'),
    ("evaluating_body: 青石区学习型城市建设领导小组办公室", 'evaluating_body: "\\u202e "'),
])
def test_names_need_visible_text(old, new):
    text = swap(old, new)
    p = one_error(text)
    assert p.rule == "blank-text" and p.line == line_of(text, new) and "visible" in p.hint


# --- messages --------------------------------------------------------------------------------------


@pytest.mark.parametrize("old,new,words,hint", [
    ("population: 820000", "population: 82万", "'82万' uses 万/亿; write the full number, 820000", "lcity fix"),  # issue 16: a slip with its rewrite
    ("level: district", "level: distrct", "is not a level of china-learning-city@1 (city, district, county)", "did you mean 'district'?"),
    ("framework: china-learning-city@1", "framework: 'china learning city'", "no framework 'china learning city'",
     "did you mean 'china-learning-city@2'?"),
    ("  id: qingshi", "  id: Qing Shi", "is not a short id", "lowercase"),
    ("population: 820000", "population: 0", "must be greater than 0", ""),
    ("reference_year: 2024", "reference_year: 1900", "must be at least 1,990", ""),
])
def test_model_errors_in_plain_words(old, new, words, hint):
    p = one_error(swap(old, new))
    assert words in p.message and hint in p.hint
    assert "Input should" not in p.message and "^" not in p.message


# --- reviews ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def loaded():
    return read(ASSESSMENT)


def review(sha: str, verified: str = "", extra: str = "", name: str = "评审甲") -> str:
    return (f"assessment:\n  city: 青石区\n  period: 2023–2024\n  sha256: {sha}\n"
            f"reviewer: {{name: {name}}}\nverified:\n{verified}" + extra
            + "conclusion: 专家组意见见上。\n")  # a review has the panel's words (G19-C1: none is a warning)


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("verified,rule,words", [
    ("  I2:\n    value: [district_universit:, street_schools]\n    reason: 核查\n", "wrong-type", "mapping"),
    ("  A2:\n    value: [leading_body, leading_body]\n    reason: 核查\n", "duplicate-item", "twice"),
    ("  A2:\n    value: [leading_bodi]\n    reason: 核查\n", "unknown-choice", "'leading_bodi'"),
    ("  A2:\n    value: [[leading_body]]\n    reason: 核查\n", "wrong-type", "list inside"),
    ("  J4:\n    score_change: .nan\n    reason: 核查\n", "out-of-range", "not a finite number"),
    ("  J4:\n    score_change: .inf\n    reason: 核查\n", "out-of-range", "not a finite number"),
    ("  E1:\n    value: 1.7e308\n    reason: 核查\n", "out-of-range", "larger than any real figure"),
    ("  D1:\n    value: .nan\n    reason: 核查\n", "out-of-range", "not a number"),
    ("  D1:\n    value: 5200000\n    reason: '  '\n", "blank-text", "shows nothing"),
])
def test_reviews_get_the_assessment_checks(tmp_path, loaded, verified, rule, words):
    path = write(tmp_path, "r.yaml", review(loaded.sha256, verified))
    _, problems = read_review(path, loaded)
    errs = [p for p in problems if p.severity == "error"]
    assert len(errs) == 1, [p.text() for p in problems]
    assert errs[0].rule == rule and words in errs[0].message and errs[0].line >= 7
    with pytest.raises(InputError):
        load_reviews([path], loaded)


@pytest.mark.parametrize("value,words", [("2025-13-45", "no month 13"), ("2025-02-30", "28 days"),
                                         ("2025-W01-1", "ISO week")])
def test_review_dates_are_real_days_reported_once(tmp_path, loaded, value, words):
    text = review(loaded.sha256, "  {}\n", f'date: "{value}"\nprocess:\n  site_visits:\n'
                                          f'    - {{date: "{value}", unit: 社区学院}}\n').replace("verified:\n  {}\n", "verified: {}\n")
    _, problems = read_review(write(tmp_path, "r.yaml", text), loaded)
    assert [(p.line, p.rule) for p in problems] == [(7, "wrong-type"), (10, "wrong-type")], [p.text() for p in problems]
    assert all(words in p.message and f"'{value}'" in p.message for p in problems)


def test_review_dates_in_order_and_not_in_the_future(tmp_path, loaded, monkeypatch):
    monkeypatch.setattr(checks, "today", lambda: dt.date(2025, 6, 1))
    text = review(loaded.sha256, "  {}\n", 'process:\n  start: "2025-05-21"\n  end: "2025-05-19"\n'
                                          '  symposia:\n    - {date: "2025-07-01", topic: 座谈}\n')
    _, problems = read_review(write(tmp_path, "r.yaml", text.replace("verified:\n  {}\n", "verified: {}\n")), loaded)
    assert {(p.line, p.rule) for p in problems} == {(9, "period-order"), (11, "future-date")}


def test_review_score_change_beyond_the_points_is_a_warning(tmp_path, loaded):
    path = write(tmp_path, "r.yaml", review(loaded.sha256, "  J4:\n    score_change: -5\n    reason: 无成效数据\n"))
    _, problems = read_review(path, loaded)
    assert [(p.severity, p.rule) for p in problems] == [("warning", "out-of-range")]
    assert "0–1 points" in problems[0].hint


def test_whole_number_median_keeps_the_type(tmp_path, loaded):
    a, fw = loaded.require()
    paths = [write(tmp_path, f"r{i}.yaml", review(loaded.sha256, f"  C1:\n    value: {v}\n    reason: 核对{i}\n",
                                                  name=f"专家{i}"))
             for i, v in enumerate([11, 12])]
    r = score(a, fw, reviews=load_reviews(paths, loaded), sha256=loaded.sha256)
    c1 = r.indicator("C1")
    assert c1.value == 11 and isinstance(c1.value, int)
    assert "较低的中位数" in c1.note and "11、12" in c1.note


def test_same_review_twice_is_refused(tmp_path, loaded):
    path = write(tmp_path, "r.yaml", review(loaded.sha256, "  K4:\n    value: 80\n    reason: 抽样\n"))
    with pytest.raises(InputError) as exc:
        load_reviews([path, path], loaded)
    [p] = exc.value.problems
    assert p.rule == "duplicate-review" and "given twice" in p.message
    copy = write(tmp_path, "copy.yaml", path.read_text(encoding="utf-8"))
    with pytest.raises(InputError) as exc:
        load_reviews([path, copy], loaded)
    [p] = exc.value.problems
    assert p.rule == "duplicate-review" and f"the same file as {path}" in p.message
    other = write(tmp_path, "r2.yaml", review(loaded.sha256, "  K4:\n    value: 70\n    reason: 复核\n"))
    with pytest.raises(InputError) as exc:
        load_reviews([path, other], loaded)
    [p] = exc.value.problems
    assert p.rule == "duplicate-review" and "'评审甲'" in p.message and (p.line, p.col) == (5, 18)


def test_review_hash_pattern_in_plain_words(tmp_path, loaded):
    _, problems = read_review(write(tmp_path, "r.yaml", review("4a6b44", "  {}\n")), loaded)
    [p] = problems
    assert (p.line, p.col, p.rule) == (4, 11, "wrong-type")
    assert p.message == "assessment.sha256: '4a6b44' is not a SHA-256 checksum (64 characters, 0–9 and a–f)"
    assert "sha256sum" in p.hint


def test_review_problems_from_the_cli(tmp_path, loaded):
    path = write(tmp_path, "r.yaml", review(loaded.sha256, "  J4:\n    score_change: .nan\n    reason: 核查\n"))
    proc = lcity("review", "validate", str(ASSESSMENT), str(path))
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert f"{path}:8:19" in out and "'.nan'" in out and "Traceback" not in out
