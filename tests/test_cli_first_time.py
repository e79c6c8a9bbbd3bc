"""A first-time official's run over the six district/county archetypes (tests/archetypes_districts):
the warnings note names the warnings there are, ``lcity --lang`` sets the tables as the command's
own ``--lang`` does, status counts unknown answers as unanswered as validate does, trend's errors
speak the user's language, and a report's closing line says "not ratable" once."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from .conftest import ROOT, example_assessments, lcity_here as lcity

DISTRICTS = ROOT / "tests" / "archetypes_districts"
PARTIAL = DISTRICTS / "dongyuan-district-partial.yaml"  # 19 of 47 answered, 28 unknown: not ratable
MARGIN = DISTRICTS / "xuefeng-county-west.yaml"  # its only warning: K4's rate within its margin of the threshold


def _stderr_note(proc) -> str:
    [line] = [ln for ln in proc.stderr.splitlines() if "lcity validate" in ln]
    return line


# --- 1. the warnings note names the warnings there are ---------------------------------------------


@pytest.mark.parametrize("command", ["score", "plan", "benchmark"])
def test_a_lone_survey_margin_warning_is_not_called_an_unanswered_indicator(command):
    zh = _stderr_note(lcity(command, str(MARGIN)))
    assert zh == f"1 个警告（调查比率的达标门槛在误差范围内）；运行 lcity validate {MARGIN} 查看", zh
    assert "未作答" not in zh and "基本情况" not in zh
    en = _stderr_note(lcity("--lang", "en", command, str(MARGIN)))
    assert en.startswith("1 warning (survey rates with a threshold within their margin of error); run lcity validate")
    assert "unanswered" not in en and "profile" not in en


def test_the_note_lists_each_kind_of_warning_present_once(tmp_path):
    text = MARGIN.read_text(encoding="utf-8")
    gone = [ln for ln in text.splitlines() if ln.startswith("  E5: ") or ln.startswith("  F3: ")]
    assert len(gone) == 2
    for line in gone:
        text = text.replace(line + "\n", "")
    path = tmp_path / "xuefeng.yaml"
    path.write_text(text, encoding="utf-8")
    note = _stderr_note(lcity("score", str(path)))
    assert note.startswith("3 个警告（未作答的指标、调查比率的达标门槛在误差范围内）；"), note
    listed = {p["rule"] for p in json.loads(lcity("validate", str(path), "-f", "json").stdout)["problems"]}
    assert listed == {"missing-answer", "survey-margin"}


def _warning_rules() -> set[str]:
    """The rules the assessment's checks can give as warnings (``severity="warning"`` in the call)."""
    found = set()
    for path in (ROOT / "evaluator" / "checks.py", ROOT / "evaluator" / "reading.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "problem" and len(node.args) >= 2:
                warning = any(k.arg == "severity" and getattr(k.value, "value", None) == "warning"
                              for k in node.keywords)
                if warning and isinstance(node.args[1], ast.Constant):
                    found.add(node.args[1].value)
    return found


def test_every_kind_of_warning_has_words_in_both_languages():
    from indicators.messages import catalog

    rules = _warning_rules() | {"low-coverage"}
    assert {"survey-margin", "missing-answer", "missing-profile"} <= rules
    for lang in ("zh", "en"):
        assert {r for r in rules if f"warning-kind.{r}" not in catalog(lang)} == set(), lang


# --- 1b. validate --rules lists every rule a user's file can be given --------------------------------


def _emitted_rules(paths: list[Path]) -> set[str]:
    """Every rule id written as text where a Problem is made: ``Problem(file, line, col, severity,
    RULE, …)``, ``marked.problem(path, RULE, …)`` and the readers' ``_fatal(file, mark, RULE, …)``."""
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", "")
            at = {"Problem": 4, "problem": 1, "_fatal": 2}.get(name)
            if at is not None and len(node.args) > at and isinstance(node.args[at], ast.Constant):
                found.add(node.args[at].value)
    return found


def test_validate_rules_lists_every_rule_of_the_checks_and_readers():
    sources = [p for folder in ("evaluator", "indicators") for p in sorted((ROOT / folder).glob("*.py"))]
    framework_rules = _emitted_rules([p for p in sources if p.name.startswith("frameworkcheck")])
    file_rules = _emitted_rules([p for p in sources if not p.name.startswith("frameworkcheck")])
    assert {"survey-margin", "survey-sample", "missing-answer", "unreadable", "different-city"} <= file_rules
    proc = lcity("validate", "--rules", "--format", "json")
    listed = set(json.loads(proc.stdout))
    assert file_rules - listed == set()
    # a framework file's own rules (lcity framework check) are the table of docs/frameworks.md
    table = (ROOT / "docs" / "frameworks.md").read_text(encoding="utf-8")
    assert {r for r in framework_rules if f"`{r}`" not in table} == set()
    text = lcity("validate", "--rules").stdout.splitlines()
    [line] = [ln for ln in text if ln.startswith("survey-margin ")]
    assert "margin of error" in line
    starts = {ln.index(ln.split()[1]) for ln in text}
    assert len(starts) == 1, "the descriptions start in one column"


# --- 2. lcity --lang COMMAND is lcity COMMAND --lang ------------------------------------------------


@pytest.mark.parametrize("command", ["score", "plan", "benchmark"])
@pytest.mark.parametrize("where", ["before", "after"])
def test_the_global_lang_sets_the_table_as_the_commands_own_does(command, where):
    args = ["--lang", "en", command, str(MARGIN)] if where == "before" else [command, str(MARGIN), "--lang", "en"]
    proc = lcity(*args)
    assert proc.returncode == 0, proc.stderr
    assert "Xuefeng County" in proc.stdout and "雪峰县" not in proc.stdout, proc.stdout
    assert not re.search(r"[\u4e00-\u9fff]", proc.stdout), proc.stdout
    assert _stderr_note(proc).startswith("1 warning (")


def test_the_commands_own_lang_wins_over_the_global_one():
    proc = lcity("--lang", "en", "score", str(MARGIN), "--lang", "zh")
    assert "雪峰县" in proc.stdout and "Xuefeng County" not in proc.stdout
    assert _stderr_note(proc).startswith("1 个警告（")  # the messages follow the same --lang as the table
    proc = lcity("--lang", "zh", "score", str(MARGIN))  # a zh file under an English locale: Chinese as asked
    assert "雪峰县" in proc.stdout and _stderr_note(proc).startswith("1 个警告（")


def test_the_global_lang_reaches_a_command_of_a_group(tmp_path):
    review = tmp_path / "r.yaml"
    own = tmp_path / "own.yaml"
    assert lcity("--lang", "en", "review", "init", str(MARGIN), "-o", str(review)).returncode == 0
    assert lcity("review", "init", str(MARGIN), "-o", str(own), "--lang", "en").returncode == 0
    assert review.read_text(encoding="utf-8") == own.read_text(encoding="utf-8")
    zh = tmp_path / "z.yaml"
    assert lcity("review", "init", str(MARGIN), "-o", str(zh)).returncode == 0
    assert review.read_text(encoding="utf-8") != zh.read_text(encoding="utf-8")


# --- 3. status counts unknown answers as unanswered, as validate does --------------------------------


def test_status_says_the_points_still_unanswered_and_agrees_with_validate():
    shown = lcity("status", str(PARTIAL))
    assert shown.returncode == 0, shown.stderr
    assert "共 47 项：已填 19 项，无数据 28 项，待填 0 项，不适用 0 项；100 分中尚有 53.5 分未作答（无数据或待填）" \
        in shown.stdout, shown.stdout
    more = re.search(r"再填报至少 ([\d.]+) 分的指标即可定级", lcity("validate", str(PARTIAL)).stdout).group(1)
    assert f"再填报至少 {more} 分的指标即可定级" in shown.stdout and more == "33.5"
    en = lcity("status", str(PARTIAL), "--lang", "en").stdout
    assert "53.5 of 100 points not answered yet (unknown or missing)" in en
    assert "answer indicators worth at least 33.5 more points" in en
    data = json.loads(lcity("status", str(PARTIAL), "-f", "json").stdout)
    assert data["total"]["points_unanswered"] == pytest.approx(53.5, abs=0.05)


def test_a_ratable_file_gets_no_rating_line():
    shown = lcity("status", str(MARGIN)).stdout
    assert "100 分中尚有 4 分未作答" in shown and "即可定级" not in shown


@pytest.mark.parametrize("path", [*sorted(DISTRICTS.glob("*.yaml")), *example_assessments()],
                         ids=lambda p: p.name)
def test_the_unanswered_points_are_what_the_score_does_not_count_as_answered(path):
    from evaluator.pipeline import read_scored
    from evaluator.progress import progress, totals

    result, loaded = read_scored(path)
    applicable = [i for i in result.indicators if i.state != "not_applicable"]
    unanswered = sum(i.weight for i in applicable) - sum(i.weight for i in applicable if i.state == "answered")
    rows = progress(loaded.marked.data, loaded.framework)
    assert totals(rows).points_unanswered == pytest.approx(unanswered, abs=1e-6)


# --- 4. trend's errors in the user's language --------------------------------------------------------


def test_trend_of_two_units_says_so_in_chinese_and_in_english():
    files = [str(DISTRICTS / "hanmo-district-culture.yaml"), str(DISTRICTS / "rongwan-district-veto.yaml")]
    zh = lcity("--lang", "zh", "trend", *files)
    assert zh.returncode == 2
    assert "different-city: 本文件评估的是“榕湾区”，" in zh.stderr and "评估的是“翰墨区”（变化趋势只比较同一单位" in zh.stderr
    assert not re.search(r"this file|assesses|a trend", zh.stderr), zh.stderr
    en = lcity("trend", *files, "--lang", "en")
    # the names as the files write them at the place named (city.name.zh)
    assert "different-city: this file assesses '榕湾区', " in en.stderr and "assesses '翰墨区' (a trend" in en.stderr
    assert not re.search(r"[\u4e00-\u9fff]", en.stderr.replace("榕湾区", "").replace("翰墨区", "")), en.stderr
    same = lcity("trend", files[0], files[0])  # the file's own lang: zh
    assert "same-period: 本文件与" in same.stderr and "的评估期都截至 2025 年（每个评估期只给一份自评）" in same.stderr


# --- 5. a report's closing line -----------------------------------------------------------------------


def test_a_report_of_a_unit_not_ratable_says_so_once(tmp_path):
    zh = lcity("report", str(PARTIAL), "-o", str(tmp_path / "d.pdf"))
    assert zh.returncode == 0, zh.stderr
    last = zh.stderr.splitlines()[-1]
    # a unit not rated: its total is the bounds its unknown answers allow (G19-A10)
    assert last.endswith("：总分 20.5—74.0，数据不足，不予定级") and last.count("不予定级") == 1, last
    # the closing line is the same whatever is written: the English run writes the HTML alone (no PDF to lay out)
    en = lcity("report", str(PARTIAL), "--html", str(tmp_path / "e.html"), "--lang", "en")
    last = en.stderr.splitlines()[-1]
    assert last.endswith(": total 20.5–74.0, Not ratable") and last.count("Not ratable") == 1, last


def test_a_report_of_a_vetoed_unit_says_why_94_points_are_a_fail(tmp_path):
    vetoed = DISTRICTS / "rongwan-district-veto.yaml"
    # the closing line is the one a PDF run ends with (test above): the HTML alone, no PDF to lay out
    zh = lcity("report", str(vetoed), "--html", str(tmp_path / "v.html"))
    assert zh.stderr.splitlines()[-1].endswith("：总分 94.0，因触发一票否决项为不合格，不予认定"), zh.stderr
    en = lcity("report", str(vetoed), "--html", str(tmp_path / "w.html"), "--lang", "en")
    assert en.stderr.splitlines()[-1].endswith(": total 94.0, Fail because a veto item applies, Not recognised")


# --- 6. plan's next-best alternative says how it differs ----------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_next_best_alternative_differs_in_its_tasks_and_the_line_lists_them(lang):
    """A next-best alternative of the same items at other targets was the same plan offered twice
    (G18-D4: "differs in PAR2 52% → 60%"); an alternative now differs in which tasks it holds.
    Baiyang's plan to 合格 has one: the line lists the alternative's own changes."""
    baiyang = ROOT / "examples" / "districts" / "baiyang.yaml"
    doc = json.loads(lcity("plan", str(baiyang), "--target", "pass", "-f", "json").stdout)
    mine = {c["indicator"] for c in doc["changes"]}
    other = [c["indicator"] for c in doc["alternative"]["changes"]]
    assert set(other) != mine  # other work, not the same tasks at other levels
    proc = lcity("plan", str(baiyang), "--target", "pass", "--lang", lang)
    [line] = [ln for ln in proc.stdout.splitlines() if ln.startswith(("次优方案", "Next-best"))]
    listed = re.split("；不同之处：|; differs in ", line)[0]
    assert sorted(re.findall(r"\b([A-L]\d)\b", listed)) == sorted(other), line
    if set(other) < mine:  # the plan's tasks less some: the line says which it leaves out (G25R-15)
        left = sorted(mine - set(other))
        assert ("不做" + "、".join(left) if lang == "zh" else ", ".join(left) + " (not done)") in line, line
