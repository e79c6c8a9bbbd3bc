"""Validation of self-assessments: every mistake at its exact line and column, in one run."""

from __future__ import annotations

import json

from hypothesis import example, given, settings, strategies as st

from evaluator.reading import read_string

from .conftest import EXAMPLES, example_assessments, lcity_here as lcity, problems_of

HEAD = """framework: china-learning-city@1
city:
  name: {zh: 测试区, en: Test District}
  level: district
  population: 500000
  reference_year: 2024
period: {start: 2023, end: 2024}
answers:
"""  # 8 lines; answers start on line 9


def test_examples_validate_without_errors():
    for path in example_assessments()[:3] + [EXAMPLES / "qingshi-district.yaml"]:
        proc = lcity("validate", str(path))
        assert proc.returncode == 0, (path, proc.stdout, proc.stderr)
        assert "valid" in proc.stderr


def test_unknown_key_in_answer_with_did_you_mean():
    text = HEAD + "  A1:\n    vlaue: plan\n"
    found = [p for p in read_string(text).problems if p.rule == "unknown-key"]
    assert [(p.line, p.col) for p in found] == [(10, 5)]
    assert "'vlaue'" in found[0].message
    assert found[0].hint == "did you mean 'value'?"


def test_unknown_top_level_key():
    text = HEAD.replace("period:", "perod:")
    rules = problems_of(text)
    assert (7, 1, "unknown-key") in rules
    assert (1, 1, "missing-key") not in rules  # one mistake, said once where it is typed
    [p] = [p for p in read_string(text).problems if p.rule == "unknown-key"]
    assert p.hint == "did you mean 'period'?"


def test_wrong_type_quotes_the_users_own_text():
    text = HEAD.replace("population: 500000", "population: 50万")
    loaded = read_string(text)
    [p] = [p for p in loaded.problems if p.rule == "wrong-type"]
    assert (p.line, p.col) == (5, 15)
    assert "'50万'" in p.message


def test_wrong_answer_type_quotes_raw_text():
    text = HEAD + "  B2:\n    value: yes\n  D1:\n    value: 1,200,000\n"
    loaded = read_string(text)
    found = {p.rule: p for p in loaded.problems if p.severity == "error"}
    by_line = {(p.line, p.col): p for p in loaded.problems if p.severity == "error"}
    assert (10, 12) in by_line and "'yes'" in by_line[(10, 12)].message
    assert "true or false" in by_line[(10, 12)].hint
    assert (12, 12) in by_line and "'1,200,000'" in by_line[(12, 12)].message
    assert "wrong-type" in found


def test_unknown_indicator_id_with_did_you_mean():
    text = HEAD + "  A9:\n    value: true\n  a1:\n    value: plan\n"
    found = [p for p in read_string(text).problems if p.rule == "unknown-indicator"]
    assert [(p.line, p.col) for p in found] == [(9, 3), (11, 3)]
    assert found[1].hint == "did you mean 'A1'?"


def test_unknown_choice_gets_did_you_mean():
    text = HEAD + "  B1:\n    value: own_regulaton\n"
    [p] = [p for p in read_string(text).problems if p.rule == "unknown-choice"]
    assert (p.line, p.col) == (10, 12)
    assert p.hint == "did you mean 'own_regulation'?"


def test_checklist_item_location():
    text = HEAD + "  A2:\n    value: [leading_body, ten_department]\n"
    [p] = [p for p in read_string(text).problems if p.rule == "unknown-choice"]
    assert (p.line, p.col) == (10, 27)
    assert "ten_departments" in p.hint


def test_missing_answers_are_warnings_with_points_at_stake():
    loaded = read_string(HEAD + "  A1:\n    value: plan\n")
    missing = [p for p in loaded.problems if p.rule == "missing-answer"]
    assert len(missing) == 42
    assert all(p.severity == "warning" and (p.line, p.col) == (8, 1) for p in missing)
    assert any("B1" in p.message and "4 points at stake" in p.message for p in missing)
    assert loaded.ok  # warnings alone leave the file usable


def test_duplicate_key_names_both_lines():
    text = HEAD + "  A1:\n    value: plan\n  A1:\n    value: none\n"
    rules = problems_of(text)
    assert rules == [(11, 3, "duplicate-key")]


def test_syntax_error_location():
    text = HEAD + "  A1:\n    value: plan\n   B2: true\n"
    assert problems_of(text) == [(11, 4, "syntax")]


def test_ranges_and_future_years():
    text = HEAD.replace("reference_year: 2024", "reference_year: 2099") + (
        "  K4:\n    value: 130\n  E2:\n    value: -5\n  C1:\n    value: 3.5\n"
    )
    rules = problems_of(text)
    assert (6, 19, "future-date") in rules
    assert (10, 12, "out-of-range") in rules  # percentage over 100
    assert (12, 12, "out-of-range") in rules  # negative count
    assert (14, 12, "wrong-type") in rules  # a count must be whole


def test_problems_come_in_file_order():
    text = HEAD.replace("level: district", "level: town") + "  A1:\n    value: plan\n  A9:\n    value: 1\n"
    lines = [(line, col) for line, col, _ in problems_of(text)]
    assert lines == sorted(lines)


def test_placeholder_and_value_with_status():
    text = HEAD + "  A1:\n    value: null\n  A3:\n    value: [five_year_plan]\n    status: unknown\n"
    rules = problems_of(text)
    assert (9, 3, "no-answer") in rules
    assert (13, 13, "value-and-status") in rules


def test_text_fields_keep_what_was_typed():
    text = HEAD + "  A1:\n    value: plan\n    note: 1.10\n  A3:\n    value: []\n    note: NO\n"
    loaded = read_string(text)
    assert loaded.ok
    assert loaded.assessment.answers["A1"].note == "1.10"
    assert loaded.assessment.answers["A3"].note == "NO"


def test_missing_profile_figure_warns_which_indicators():
    text = HEAD.replace("  population: 500000\n", "") + "  D1:\n    value: 1000000\n"
    [p] = [p for p in read_string(text).problems if p.rule == "missing-profile"]
    assert p.severity == "warning" and "D1" in p.message and "population" in p.message


def test_cli_exit_codes_and_json(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(HEAD + "  A1:\n    value: plann\n", encoding="utf-8")
    proc = lcity("validate", str(bad))
    assert proc.returncode == 1
    assert f"{bad}:10:12: error unknown-choice:" in proc.stdout
    proc = lcity("validate", str(bad), "--format", "json")
    doc = json.loads(proc.stdout)
    assert doc["valid"] is False and doc["exit_code"] == 1
    assert {"file", "line", "column", "severity", "rule", "message", "hint"} <= set(doc["problems"][0])
    unreadable = lcity("validate", str(tmp_path / "nope.yaml"))
    assert unreadable.returncode == 2 and "no such file" in unreadable.stderr + unreadable.stdout
    usage = lcity("validate", "--format", "xml", str(bad))
    assert usage.returncode == 2
    assert "Traceback" not in proc.stderr + unreadable.stderr + usage.stderr


def test_unknown_framework_is_reported_at_its_line():
    text = HEAD.replace("china-learning-city@1", "china-learning-cty@1")
    [p] = [p for p in read_string(text).problems if p.rule == "unknown-framework"]
    assert (p.line, p.col) == (1, 12)
    assert "china-learning-city@1" in p.hint


def test_every_reported_rule_is_documented_by_validate_rules():
    from evaluator.checks import rule_docs

    bad = [
        HEAD + "  A1:\n    vlaue: plan\n  A9:\n    value: 1\n  B1:\n    value: own\n  A2:\n    value: [leading_body, leading_body]\n"
               "  K4:\n    value: 130\n  C1:\n    value: 2.5\n  B2:\n    value: true\n    status: unknown\n  A3:\n    value: null\n",
        HEAD.replace("reference_year: 2024", "reference_year: 2099").replace("end: 2024", "end: 2020"),
        "a: 1\na: 2\n", "a: !!python/object:os.system x\n", "[" * 60 + "]" * 60, "", "a:\n\tb: 1\n",
        HEAD.replace("china-learning-city@1", "nope@1"),
    ]
    seen = {rule for text in bad for _, _, rule in problems_of(text)}
    assert len(seen) >= 15
    assert seen <= set(rule_docs()), seen - set(rule_docs())
    proc = lcity("validate", "--rules", "--format", "json")
    from lcity.commands.validate import all_rule_docs  # rule_docs and the reader's, review's and trend's rules

    assert proc.returncode == 0 and set(json.loads(proc.stdout)) == set(all_rule_docs()) >= set(rule_docs())


def _answered_ids() -> list[str]:
    from indicators.safeyaml import load_file

    answers = load_file(EXAMPLES / "yunling-county.yaml").data["answers"]
    return sorted(k for k, a in answers.items() if isinstance(a, dict) and a.get("value") is not None)


_YUNLING_ANSWERED = _answered_ids()


def _partly_unknown(tmp_path, gone: list[str], name: str = "sparse.yaml"):
    """yunling-county.yaml as YAML with the given indicators' answers 'status: unknown'."""
    import yaml

    from indicators.safeyaml import load_file

    data = load_file(EXAMPLES / "yunling-county.yaml").data
    for key in gone:
        data["answers"][key] = {"status": "unknown"}
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _answers_line(path) -> int:
    return path.read_text(encoding="utf-8").splitlines().index("answers:") + 1


def _far_too_few() -> list[str]:
    """Every indicator of the last eight of twelve dimensions: far below the 80 % the framework needs."""
    from indicators.loader import load_framework

    return [i.id for d in load_framework("china-learning-city@1").dimensions[4:] for i in d.indicators]


def test_too_little_answered_is_a_warning_saying_score_will_not_rate(tmp_path, monkeypatch):
    sparse = _partly_unknown(tmp_path, _far_too_few())
    line = _answers_line(sparse)
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    zh = lcity("validate", str(sparse))
    assert zh.returncode == 0, zh.stderr  # a warning: the file is valid
    assert zh.stdout.splitlines() == [
        f"{sparse}:{line}:1: 警告 low-coverage: 已填报的指标占总分的 30%（100 分中的 30 分），低于本框架定级所需的 80%："
        "评分将给出“数据不足，不予定级”（再填报至少 50 分的指标即可定级；写 status: unknown 的指标不算已填报）"]
    assert "0 个错误，1 个警告" in zh.stderr
    en = lcity("validate", str(sparse), "--lang", "en")
    assert en.returncode == 0 and "0 errors, 1 warning" in en.stderr
    assert en.stdout.splitlines() == [
        f"{sparse}:{line}:1: warning low-coverage: the answered indicators carry 30% of the points (30 of 100), "
        "below the 80% this framework needs to rate a unit: lcity score will say 'Not ratable' "
        "(answer indicators worth at least 50 more points; 'status: unknown' does not count as answered)"]
    doc = json.loads(lcity("validate", str(sparse), "--format", "json", "--lang", "en").stdout)
    assert doc["valid"] is True and doc["exit_code"] == 0
    assert [(p["line"], p["column"], p["severity"], p["rule"]) for p in doc["problems"]] == [
        (line, 1, "warning", "low-coverage")]
    scored = lcity("score", str(sparse))
    assert "数据不足，不予定级" in scored.stdout  # what the warning said score would say


def test_answering_the_points_the_warning_asks_for_makes_the_unit_ratable(tmp_path):
    """30 % answered, 'at least 50 more points': with 50 points answered again the unit is rated,
    and validate has nothing to say about coverage."""
    from indicators.loader import load_framework

    gone = _far_too_few()
    points = {i.id: i.points for i in load_framework("china-learning-city@1").indicators()}
    back, got = [], 0.0
    for key in gone:
        if got >= 50:
            break
        back.append(key)
        got += points[key]
    still = _partly_unknown(tmp_path, [k for k in gone if k not in back], "still.yaml")
    proc = lcity("validate", str(still), "--format", "json", "--lang", "en")
    assert proc.returncode == 0
    assert "low-coverage" not in {p["rule"] for p in json.loads(proc.stdout)["problems"]}
    assert json.loads(lcity("score", str(still), "--format", "json").stdout)["ratable"] is True


@settings(max_examples=20, deadline=None)
@given(st.sets(st.sampled_from(sorted(_YUNLING_ANSWERED)), max_size=len(_YUNLING_ANSWERED)))
@example(set()).via("every answer kept: rated")
@example(set(_YUNLING_ANSWERED)).via("no answer left: not rated")
def test_validate_warns_exactly_when_score_will_not_rate(tmp_path_factory, gone):
    from evaluator.pipeline import score
    from lcity.commands.validate import check_file, read_forgiving

    path = _partly_unknown(tmp_path_factory.mktemp("coverage"), sorted(gone))
    problems, code, _ = check_file(path, None)
    _, loaded = read_forgiving(path, None)
    result = score(*loaded.require())
    assert code == 0
    assert ("low-coverage" in {p.rule for p in problems}) == (not result.ratable)


def test_the_examples_answer_enough_to_be_rated():
    for path in example_assessments():
        proc = lcity("validate", str(path), "--format", "json", "--lang", "en")
        assert "low-coverage" not in {p["rule"] for p in json.loads(proc.stdout)["problems"]}, path


def test_low_coverage_is_documented_by_validate_rules():
    proc = lcity("validate", "--rules")
    [line] = [ln for ln in proc.stdout.splitlines() if ln.startswith("low-coverage ")]
    assert "min_coverage" in line and "Not ratable" in line


def test_a_comma_that_split_an_evidence_item_is_pointed_out_where_it_split():
    """'调查报告(有效样本2,400份)' unquoted in [...] became two documents; quoted, it is one."""
    text = HEAD + "  K4:\n    value: 88\n    evidence: [旧报告, 调查报告(有效样本2,400份), 附件（一）]\n"
    found = [p for p in read_string(text).problems if p.rule == "split-evidence"]
    assert [(p.line, p.col, p.severity) for p in found] == [(11, 21, "warning")]
    assert "'调查报告(有效样本2' and '400份)'" in str(found[0].message)
    assert '"调查报告(有效样本2,400份)"' in str(found[0].hint)
    quoted = text.replace("调查报告(有效样本2,400份)", '"调查报告(有效样本2,400份)"')
    assert [p for p in read_string(quoted).problems if p.rule == "split-evidence"] == []
