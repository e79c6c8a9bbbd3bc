"""A flood of one mistake: a broken or hostile file can hold thousands of unknown keys. As text, a
rule with more than ``FLOOD_AT`` (100) problems in one file has its first ``MAX_PER_RULE`` (20)
printed, then one line counts the rest and names the command that lists every one; the summary
still counts them all, the exit code is unchanged, and ``--format json`` lists every problem. An
unfilled form (one problem per blank indicator, 43–48) is listed in full."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, strategies as st

from indicators.problems import Problem
from lcity.console import FLOOD_AT, MAX_PER_RULE, More, capped

from .conftest import EXAMPLES, lcity, lcity_here

A1 = "  A1:\n    value: plan_with_targets\n"


def flooded(folder: Path, n: int, name: str = "answers.yaml") -> Path:
    """The valid worked example with ``n`` unknown keys in its first answer (nothing else wrong)."""
    text = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
    assert A1 in text
    path = folder / name
    path.write_text(text.replace(A1, A1 + "".join(f"    zz{k}: 1\n" for k in range(n)), 1), encoding="utf-8")
    return path


def unknown_key_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if " unknown-key: " in line]


def test_a_flood_prints_twenty_then_counts_the_rest(tmp_path):
    path = flooded(tmp_path, 1025)
    proc = lcity_here("validate", str(path), "--lang", "en")
    assert proc.returncode == 1
    shown = unknown_key_lines(proc.stdout)
    assert len(shown) == MAX_PER_RULE == 20
    assert shown[0].startswith(f"{path}:45:5: error unknown-key: unknown key 'zz0' in answers.A1")
    assert "'zz19'" in shown[-1]  # the first twenty in file order
    more = f"… and 1,005 more 'unknown-key' problems in {path} (lcity validate {path} --format json lists every one)"
    assert proc.stdout.splitlines()[-1] == more
    assert len(proc.stdout.splitlines()) == 21
    assert f"{path}: invalid — 1,025 errors, 0 warnings" in proc.stderr


def test_the_flood_in_chinese(tmp_path):
    path = flooded(tmp_path, 500)
    proc = lcity("validate", str(path), "--lang", "zh")
    assert proc.returncode == 1
    assert len(unknown_key_lines(proc.stdout)) == 20
    assert proc.stdout.splitlines()[-1] == (
        f"……{path} 中另有 480 个“unknown-key”问题（lcity validate {path} --format json 列出全部）")
    assert f"{path}：无效——500 个错误，0 个警告" in proc.stderr


def test_json_lists_every_problem(tmp_path):
    path = flooded(tmp_path, 500)
    proc = lcity_here("validate", str(path), "--format", "json")
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    assert doc["exit_code"] == 1
    assert [p["rule"] for p in doc["problems"]] == ["unknown-key"] * 500
    assert doc["problems"][-1]["message"] == "unknown key 'zz499' in answers.A1"
    assert "more" not in proc.stderr


def test_a_few_problems_are_all_printed(tmp_path):
    path = flooded(tmp_path, 5)
    proc = lcity_here("validate", str(path))
    assert proc.returncode == 1
    assert len(unknown_key_lines(proc.stdout)) == 5
    assert len(proc.stdout.splitlines()) == 5
    assert "…" not in proc.stdout
    assert "5 errors" in proc.stderr


def test_up_to_the_flood_every_problem_is_printed(tmp_path):
    path = flooded(tmp_path, FLOOD_AT)
    proc = lcity_here("validate", str(path))
    assert len(unknown_key_lines(proc.stdout)) == FLOOD_AT == 100
    assert "more" not in proc.stdout
    one_over = lcity_here("validate", str(flooded(tmp_path, FLOOD_AT + 1, "over.yaml")))
    assert len(unknown_key_lines(one_over.stdout)) == 20
    assert one_over.stdout.splitlines()[-1].startswith("… and 81 more 'unknown-key' problems in ")


def test_each_file_has_its_own_count(tmp_path):
    big, small = flooded(tmp_path, 130, "big.yaml"), flooded(tmp_path, 3, "small.yaml")
    proc = lcity_here("validate", str(big), str(small))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == 20 + 1 + 3
    assert lines[20].startswith(f"… and 110 more 'unknown-key' problems in {big} (lcity validate {big} --format json")
    assert all(line.startswith(f"{small}:") for line in lines[21:])
    assert "130 errors" in proc.stderr and "3 errors" in proc.stderr


def test_a_command_stopped_by_a_flood_counts_the_rest_too(tmp_path):
    """score (and every command) prints the problems that stopped it on stderr, capped the same
    way; the command to list them all is the one that was run, with --format json."""
    path = flooded(tmp_path, 300)
    proc = lcity_here("score", str(path), "--format", "table")
    assert proc.returncode == 1
    assert len(unknown_key_lines(proc.stderr)) == 20
    assert proc.stderr.splitlines()[-1] == (
        f"… and 280 more 'unknown-key' problems in {path} (lcity score {path} --format json lists every one)")
    listed = lcity_here("score", str(path), "--format", "json")
    assert len(json.loads(listed.stdout)["problems"]) == 300


def test_a_file_name_with_control_characters_is_shown_escaped(tmp_path):
    path = flooded(tmp_path, 105, "bad\x1b[31mname.yaml")
    proc = lcity_here("validate", str(path))
    assert "\x1b" not in proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[-1].startswith(
        f"… and 85 more 'unknown-key' problems in {tmp_path}/bad\\x1b[31mname.yaml (lcity validate ")


problem = st.builds(lambda f, r, line: Problem(f, line, 1, "error", r, "m"),
                    st.sampled_from(["a.yaml", "b.yaml"]), st.sampled_from(["x", "y", "z"]), st.integers(1, 9))


@given(st.lists(problem, max_size=40), st.integers(1, 5), st.integers(0, 8))
def test_capped_shows_each_problem_once_and_counts_every_other(problems, limit, flood):
    out = list(capped(problems, limit, flood))
    shown = [p for p in out if isinstance(p, Problem)]
    more = [m for m in out if isinstance(m, More)]
    assert out == shown + more  # the counts come last
    ids = [id(p) for p in shown]
    assert ids == [id(p) for p in problems if id(p) in set(ids)]  # in their order, each once
    assert len(ids) == len(set(ids))
    assert len(shown) + sum(m.n for m in more) == len(problems)
    for m in more:
        total = sum((p.file, p.rule) == (m.file, m.rule) for p in problems)
        assert total > max(flood, limit) and m.n == total - limit
    for key in {(p.file, p.rule) for p in problems} - {(m.file, m.rule) for m in more}:
        assert sum((p.file, p.rule) == key for p in shown) == sum((p.file, p.rule) == key for p in problems)


def test_an_unfilled_form_lists_every_blank_indicator(tmp_path):
    """The form lcity init writes has a placeholder for each indicator: all are listed, none counted."""
    form = tmp_path / "form.yaml"
    made = lcity_here("init", "-o", str(form), "--city", "西城区", "--framework", "china-learning-city@2")
    assert made.returncode == 0, made.stderr
    proc = lcity_here("validate", str(form))
    assert proc.returncode == 1
    assert proc.stdout.count(" no-answer: ") > MAX_PER_RULE
    assert "more" not in proc.stdout


def test_the_count_line_names_the_rule_with_thousands_separators():
    line = More("answers.yaml", "unknown-key", 89980).text("en", "lcity validate answers.yaml --format json")
    assert line == ("… and 89,980 more 'unknown-key' problems in answers.yaml "
                    "(lcity validate answers.yaml --format json lists every one)")
    zh = More("answers.yaml", "unknown-key", 89980).text("zh", "lcity validate answers.yaml --format json")
    assert zh == ("……answers.yaml 中另有 89,980 个“unknown-key”问题"
                  "（lcity validate answers.yaml --format json 列出全部）")


def test_framework_check_and_review_validate_cap_a_flood_too(tmp_path):
    """Every command that lists problems on stdout caps a flood the same way, naming itself with
    --format json (its JSON lists every one)."""
    extra = "".join(f"zz{k}: 1\n" for k in range(150))
    fw = tmp_path / "fw.yaml"
    fw.write_text((EXAMPLES / "frameworks" / "unesco-key-features" / "framework.yaml").read_text(encoding="utf-8")
                  + extra, encoding="utf-8")
    checked = lcity_here("framework", "check", str(fw))
    assert checked.returncode == 1 and len(unknown_key_lines(checked.stdout)) == 20
    assert checked.stdout.splitlines()[-1] == (
        f"… and 130 more 'unknown-key' problems in {fw} (lcity framework check {fw} --format json lists every one)")
    assert "150 errors" in checked.stderr
    assert len(json.loads(lcity_here("framework", "check", str(fw), "--format", "json").stdout)["problems"]) == 150

    review = tmp_path / "r.review.yaml"
    review.write_text((EXAMPLES / "qingshi-district.review.yaml").read_text(encoding="utf-8") + extra, encoding="utf-8")
    assessment = EXAMPLES / "qingshi-district.yaml"
    reviewed = lcity_here("review", "validate", str(assessment), str(review))
    assert reviewed.returncode == 1 and len(unknown_key_lines(reviewed.stdout)) == 20
    assert reviewed.stdout.splitlines()[-1] == (
        f"… and 130 more 'unknown-key' problems in {review} "
        f"(lcity review validate {assessment} {review} --format json lists every one)")


def test_report_names_the_command_that_lists_a_reviews_problems(tmp_path):
    """report has no --format json: the count names lcity review validate for a review, lcity
    validate for the assessment."""
    extra = "".join(f"zz{k}: 1\n" for k in range(150))
    review = tmp_path / "r.review.yaml"
    review.write_text((EXAMPLES / "qingshi-district.review.yaml").read_text(encoding="utf-8") + extra, encoding="utf-8")
    assessment = EXAMPLES / "qingshi-district.yaml"
    proc = lcity_here("report", str(assessment), "--review", str(review), "-o", str(tmp_path / "r.pdf"))
    assert proc.returncode == 1 and not (tmp_path / "r.pdf").exists()
    assert proc.stderr.splitlines()[-1] == (
        f"… and 130 more 'unknown-key' problems in {review} "
        f"(lcity review validate {assessment} {review} --format json lists every one)")
    path = flooded(tmp_path, 200)
    proc = lcity_here("report", str(path), "-o", str(tmp_path / "a.pdf"))
    assert proc.stderr.splitlines()[-1] == (
        f"… and 180 more 'unknown-key' problems in {path} (lcity validate {path} --format json lists every one)")
