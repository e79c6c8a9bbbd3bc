"""``lcity framework check`` lists every problem of a framework in one run, refuses figures that are
not finite (or absurdly large) at their place, and framework discovery survives hostile entries
(audit H3 item 8; audit H5 D1, D3, D5, D6, D12, D16).

Each test runs the CLI as a user would and asserts what they read: the file:line:column and the
words of each problem, the exit code, and that no command hangs or crashes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT, lcity_here as lcity
from .conftest import lcity as lcity_process  # a FIFO on the framework path: a process with a timeout

FJORDVALE = ROOT / "tests" / "audit_frameworks" / "fjordvale" / "fjordvale-learning-region" / "framework.yaml"
UKF = EXAMPLES / "frameworks" / "unesco-key-features" / "framework.yaml"
HARBOURTON = EXAMPLES / "frameworks" / "harbourton-2025.yaml"
CHINA_V1 = ROOT / "indicators" / "china-learning-city" / "framework.yaml"
CHINA_V2 = ROOT / "indicators" / "china-learning-city-2" / "framework.yaml"
QINGSHI = EXAMPLES / "qingshi-district.yaml"


def edited(tmp_path: Path, source: Path, *subs: tuple[str, str], name: str = "fw") -> Path:
    """A copy of a framework with text substitutions, each of which must apply once."""
    text = source.read_text(encoding="utf-8")
    for old, new in subs:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name / "framework.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def said(proc) -> str:
    return proc.stdout + proc.stderr


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


# --- H3#8: a slip of shape does not hide the other problems ----------------------------------------

def test_a_misspelt_key_does_not_hide_the_other_seven_problems_of_the_fjordvale_framework(tmp_path):
    fw = edited(tmp_path, FJORDVALE,
                ("    points: 30\n", "    points: 31\n"),
                ("      when: [false]", "      when: [no]"),
                ("from_parent: [municipality]", "from_parent: [district]"),
                ("{city: saltholm,", "{city: saltholmm,"),
                ("mixed_margin: 0.1", "mixed_margn: 0.1"),
                ("recognition:\n", "recognition:\n  veto_grade: dormnt\n"))
    proc = lcity("framework", "check", str(fw), "--lang", "en")
    out = said(proc)
    assert proc.returncode == 1, out
    expected = [
        ("points: 31", "points-mismatch", "dimension ACC declares 31 points"),
        ("when: [no]", "unknown-value", "'no' is not a possible answer of GOV4 (write false"),
        ("from_parent: [district]", "bad-level", "'district' is not a level of this framework"),
        ("saltholmm", "unknown-city", "'saltholmm'"),
        ("mixed_margn", "unknown-key", "did you mean 'mixed_margin'?"),
        ("veto_grade: dormnt", "bad-recognition", "did you mean 'dormant'?"),
    ]
    for needle, rule, words in expected:
        line = line_of(fw, needle)
        assert re.search(rf"framework.yaml:{line}:\d+: error {rule}: .*{re.escape(words)}", out), (needle, out)
    assert "total_points is 100 but the dimensions add up to 101" in out
    assert "7 errors" in out and "missing-key" not in out  # the misspelt key is one error, not also 'has no'


def test_the_same_holds_for_the_china_framework_in_chinese(tmp_path):
    """Not the audit's file only: a misspelt optional key and a points slip in china-learning-city@1."""
    fw = edited(tmp_path, CHINA_V1, ("  mixed_margin: 0.05", "  mixed_margn: 0.05"),
                ("        points: 3\n", "        points: 4\n"))
    proc = lcity("framework", "check", str(fw), "--lang", "zh")
    out = said(proc)
    assert proc.returncode == 1
    assert f":{line_of(fw, 'mixed_margn')}:3: 错误 unknown-key" in out
    assert "points-mismatch" in out and "合计" in out, out


def test_a_misspelt_key_of_a_china_v2_indicator_keeps_the_veto_check(tmp_path):
    """An unknown key inside an indicator (``evidnce``) is set aside, and a misspelt grade of the
    veto (a check that needs the whole model) is still found."""
    text = CHINA_V2.read_text(encoding="utf-8")
    first_evidence = re.search(r"\n(\s+)evidence: ", text)
    assert first_evidence
    fw = edited(tmp_path, CHINA_V2, (first_evidence.group(0), first_evidence.group(0).replace("evidence", "evidnce")),
                ("  veto_grade: fail\n", "  veto_grade: bujige\n"))
    proc = lcity("framework", "check", str(fw), "--lang", "en")
    out = said(proc)
    assert proc.returncode == 1
    assert "unknown key 'evidnce'" in out and "did you mean 'evidence'?" in out
    assert "recognition.veto_grade is 'bujige'" in out, out


def test_a_missing_required_key_is_said_without_guessing_the_rest(tmp_path):
    """When the shape cannot be read past (a required key missing outright), the run lists that
    problem, exits 1 and invents nothing."""
    fw = edited(tmp_path, UKF, ("total_points: 100\n", ""))
    proc = lcity("framework", "check", str(fw), "--lang", "en")
    assert proc.returncode == 1
    assert "has no 'total_points'" in said(proc)
    assert "Traceback" not in said(proc)


def test_no_written_for_a_yes_no_veto_is_told_to_write_false_in_chinese(tmp_path):
    fw = edited(tmp_path, FJORDVALE, ("      when: [false]", "      when: [no]"))
    proc = lcity("framework", "check", str(fw), "--lang", "zh")
    assert proc.returncode == 1
    assert "“no”不是 GOV4 可能的回答（请写 false：“no”会被读作文字" in said(proc), said(proc)


# --- H5-D1: checklist weights ------------------------------------------------------------------------

@pytest.mark.parametrize("weight, words", [
    (".nan", "the weight of 'coordinating_body' is '.nan', which is not a finite number"),
    (".inf", "the weight of 'coordinating_body' is '.inf', which is not a finite number"),
    ("1e300", "the weight of 'coordinating_body' is 1e300, more than 1,000"),
])
def test_a_checklist_weight_that_is_not_a_sane_number_is_refused_at_its_place(tmp_path, weight, words):
    fw = edited(tmp_path, UKF, ("coordinating_body: 2, civil_society", f"coordinating_body: {weight}, civil_society"))
    proc = lcity("framework", "check", str(fw), "--lang", "en")
    out = said(proc)
    assert proc.returncode == 1
    line = line_of(fw, f"coordinating_body: {weight}")
    col = fw.read_text(encoding="utf-8").splitlines()[line - 1].index(weight) + 1
    assert f"framework.yaml:{line}:{col}: error out-of-range: indicator F2: {words}" in out, out
    report = lcity("report", str(HARBOURTON), "--framework", str(fw), "-o", str(tmp_path / "r.pdf"))
    assert report.returncode in (1, 2) and "internal error" not in said(report)
    score = lcity("score", str(HARBOURTON), "--framework", str(fw), "--lang", "en")
    assert score.returncode in (1, 2) and "nan" not in score.stdout


def test_a_nan_weight_in_a_china_checklist_is_refused_in_chinese(tmp_path):
    fw = edited(tmp_path, CHINA_V1, ("        rule:\n          kind: checklist\n        points: 3\n",
                                     "        rule:\n          kind: checklist\n          weights: {leading_body: .nan}\n"
                                     "        points: 3\n"))
    proc = lcity("framework", "check", str(fw), "--lang", "zh")
    assert proc.returncode == 1
    assert f":{line_of(fw, 'leading_body: .nan')}:" in proc.stdout
    assert "指标 A2：“leading_body”的权重为“.nan”，不是有限的数" in said(proc), said(proc)


def test_a_checklist_whose_weights_are_all_zero_is_warned_of(tmp_path):
    fw = edited(tmp_path, UKF, ("coordinating_body: 2, civil_society: 1, private_sector: 1, education_providers: 1",
                                "coordinating_body: 0, civil_society: 0"))
    proc = lcity("framework", "check", str(fw), "--lang", "en")
    out = said(proc)
    assert proc.returncode == 0, out  # a warning: the framework still loads
    assert "warning rule-mismatch: indicator F2: every item weighs 0" in out
    assert "0 errors, 1 warning" in out


# --- H5-D5: uncertainty settings -------------------------------------------------------------------

@pytest.mark.parametrize("setting, words", [
    ("weights_concentration: 1e-300", "uncertainty.weights_concentration: '1e-300' must be at least 10"),
    ("weights_concentration: .inf", "uncertainty.weights_concentration: '.inf' is not a finite number"),
    ("weights_concentration: 1e9", "uncertainty.weights_concentration: '1e9' must be at most 1,000,000"),
    ("geometric_floor: 1e-300", "uncertainty.geometric_floor: '1e-300' must be at least 0.001"),
    ("geometric_floor: .nan", "uncertainty.geometric_floor: '.nan' is not a finite number"),
])
def test_an_uncertainty_setting_that_is_not_sane_is_refused_at_its_place(tmp_path, setting, words):
    key = setting.split(":")[0]
    default = {"weights_concentration": "weights_concentration: 200", "geometric_floor": "geometric_floor: 0.01"}[key]
    fw = edited(tmp_path, CHINA_V2, (default, setting))
    proc = lcity("framework", "check", str(fw), "--lang", "en")
    out = said(proc)
    assert proc.returncode == 1
    line = line_of(fw, setting)
    assert f"framework.yaml:{line}:" in out and words in out, out


# --- H5-D6: effort per step -----------------------------------------------------------------------

@pytest.mark.parametrize("per_step, words", [
    (".inf", "'.inf' is not a finite number"),
    ("1e308", "'1e308' must be at most 1,000"),
    ("99999999999999999999999", "'99999999999999999999999' must be at most 1,000"),
])
def test_an_effort_file_with_an_endless_per_step_is_refused_where_it_is_written(tmp_path, per_step, words):
    effort = tmp_path / "effort.yaml"
    effort.write_text(f'defaults:\n  levels: {{per_step: {per_step}, rationale: {{zh: "x", en: "x"}}}}\n',
                      encoding="utf-8")
    proc = lcity("plan", str(QINGSHI), "--effort", str(effort), "--target", "90", "--lang", "en")
    out = said(proc)
    assert proc.returncode == 1, out
    assert f"effort.yaml:2:22: error out-of-range: defaults.levels.per_step: {words}" in out, out
    assert "unreachable" not in out and "internal error" not in out


def test_the_largest_effort_allowed_still_plans(tmp_path):
    """1,000 per step is allowed, and a costly target is still reachable (not 'unreachable-target')."""
    effort = tmp_path / "effort.yaml"
    effort.write_text('defaults:\n  levels: {per_step: 1000, rationale: {zh: "x", en: "x"}}\n', encoding="utf-8")
    proc = lcity("plan", str(QINGSHI), "--effort", str(effort), "--target", "90", "--lang", "en")
    assert proc.returncode == 0, said(proc)
    assert "after the plan" in proc.stdout


def test_an_endless_effort_in_the_china_framework_is_refused_by_check(tmp_path):
    fw = edited(tmp_path, CHINA_V1, ("    boolean: {per_step: 3,", "    boolean: {per_step: .inf,"))
    proc = lcity("framework", "check", str(fw), "--lang", "en")
    assert proc.returncode == 1
    assert f":{line_of(fw, 'per_step: .inf')}:" in proc.stdout
    assert "effort.defaults.boolean.per_step: '.inf' is not a finite number" in said(proc), said(proc)


# --- H5-D16: advice threshold, and --framework with a file that is no framework --------------------

def test_a_non_finite_advice_threshold_is_refused(tmp_path):
    fw = edited(tmp_path, UKF, ("total_points: 100\n", "total_points: 100\nadvice:\n"
                                "  F2: [{when: {below: .nan}, text: {zh: 建议, en: advice}}]\n"))
    proc = lcity("framework", "check", str(fw), "--lang", "en")
    assert proc.returncode == 1
    assert f"framework.yaml:{line_of(fw, 'below: .nan')}:" in proc.stdout
    assert "advice.F2[0].when.below: '.nan' is not a finite number" in said(proc)


@pytest.mark.parametrize("lang, words", [("en", "'/etc/passwd' is a file, but not a framework file"),
                                         ("zh", "“/etc/passwd”是一个文件，但不是指标体系文件")])
def test_a_framework_option_naming_a_file_that_is_not_yaml_says_so(lang, words):
    proc = lcity("score", str(QINGSHI), "--framework", "/etc/passwd", "--lang", lang)
    assert proc.returncode == 2
    assert words in said(proc) and "is installed" not in said(proc) and "未安装" not in said(proc)


def test_a_framework_folder_is_read_as_its_framework_yaml():
    proc = lcity("score", str(HARBOURTON), "--framework", str(UKF.parent), "--lang", "en")
    assert proc.returncode == 0, said(proc)
    assert "Harbourton" in proc.stdout


# --- H5-D3 / D12: discovery survives entries that cannot be read -------------------------------------

def hostile_path(tmp_path: Path, monkeypatch) -> Path:
    """A framework folder on LCITY_FRAMEWORK_PATH holding a FIFO, a link to /dev/zero, a non-UTF-8
    file and a 3 MB one-line file, each named framework.yaml."""
    root = tmp_path / "fws"
    for name in ("fifo", "zero", "latin", "huge"):
        (root / name).mkdir(parents=True)
    os.mkfifo(root / "fifo" / "framework.yaml")
    (root / "zero" / "framework.yaml").symlink_to("/dev/zero")
    (root / "latin" / "framework.yaml").write_bytes(b"id: \xff\xfe\nversion: 1\n")
    (root / "huge" / "framework.yaml").write_bytes(b"x" * 3_000_000)
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(root))
    return root


def test_frameworks_lists_every_unreadable_framework_file_as_invalid(tmp_path, monkeypatch):
    root = hostile_path(tmp_path, monkeypatch)
    proc = lcity_process("frameworks", "--lang", "en", timeout=60)
    out = said(proc)
    assert proc.returncode == 1, out
    for name in ("fifo", "zero", "latin", "huge"):
        assert f"{name}@0 ({root / name / 'framework.yaml'}) is invalid: 1 problem" in proc.stderr, out
    assert "china-learning-city@1" in proc.stdout


def test_each_unreadable_framework_file_says_why(tmp_path, monkeypatch):
    root = hostile_path(tmp_path, monkeypatch)
    for name, words in (("fifo", "not a regular file"), ("zero", "not a regular file"),
                        ("latin", "byte 0xff is not valid UTF-8"), ("huge", "more than the limit")):
        proc = lcity_process("framework", "check", str(root / name / "framework.yaml"), "--lang", "en", timeout=60)
        assert proc.returncode in (1, 2) and words in said(proc), (name, said(proc))


def test_unreadable_entries_in_the_framework_path_stop_no_command(tmp_path, monkeypatch):
    hostile_path(tmp_path, monkeypatch)
    for args in (("score", str(QINGSHI)), ("validate", str(QINGSHI))):
        proc = lcity_process(*args, timeout=60)
        assert proc.returncode == 0, said(proc)


def test_a_misspelt_optional_key_is_read_as_meant_and_invents_no_second_problem(tmp_path):
    """``document:`` for ``documents:`` is one problem, not also 'names no public document'."""
    fw = edited(tmp_path, UKF, ("          documents:", "          document:"))
    proc = lcity("framework", "check", str(fw), "--lang", "en")
    out = said(proc)
    assert proc.returncode == 1
    assert "unknown key 'document'" in out and "did you mean 'documents'?" in out
    assert "no-source" not in out and "1 error," in out, out


def test_a_flood_of_unknown_keys_is_listed_without_reading_past_it(tmp_path):
    """Hundreds of shape errors are no slip: they are listed, and the run does not guess the rest."""
    junk = "".join(f"junk{i}: 1\n" for i in range(300))
    fw = edited(tmp_path, UKF, ("total_points: 100\n", "total_points: 100\n" + junk))
    proc = lcity("framework", "check", str(fw), "--format", "json")
    import json

    problems = json.loads(proc.stdout)["problems"]
    assert proc.returncode == 1 and len(problems) == 300
    assert {p["rule"] for p in problems} == {"unknown-key"}
