"""Leftovers of the last audit: a funds answer that contradicts the budget-line answer, the plan's
fewest years, a national award's effort in version 1, a city's J4 wording, the plan JSON's effort
unit, the status table's count of points still to fill, and where the rule descriptions live."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import EXAMPLES, lcity_here as lcity

#: the rules `lcity validate --rules` listed (in its order) before their descriptions moved from
#: lcity/commands/validate.py to evaluator/checks.py, each with the rule it follows
MOVED_AFTER = {
    "surrogate": "unsupported-tag", "merge-key": "surrogate", "unreadable": "syntax",
    "cell-refused": "workbook-layout", "sheet-copy": "cell-refused", "sheet-hidden": "sheet-copy",
    "not-an-assessment": "sheet-hidden", "invalid-framework": "unknown-framework",
    "survey-margin": "survey-sample", "not-a-review": "duplicate-review", "hash-mismatch": "not-a-review",
    "city-mismatch": "hash-mismatch", "period-mismatch": "city-mismatch", "unknown-veto": "period-mismatch",
    "no-reviewer": "unknown-veto", "different-city": "low-coverage", "different-framework": "different-city",
    "same-period": "different-framework",
}


# --- 7. every rule description beside the rules ----------------------------------------------------


def test_rule_descriptions_live_in_evaluator_checks_and_validate_rules_lists_them_as_before():
    from evaluator.checks import rule_docs
    from lcity.commands import validate

    assert not hasattr(validate, "MORE_RULES")  # no descriptions kept in the command
    proc = lcity("validate", "--rules", "--format", "json")
    listed = json.loads(proc.stdout)
    # the docstrings' ``double backticks`` are not shown (new-user audit #8)
    assert proc.returncode == 0 and listed == {k: v.replace("``", "") for k, v in rule_docs().items()}
    ids = list(listed)
    for rule_id, after in MOVED_AFTER.items():
        assert ids[ids.index(rule_id) - 1] == after, rule_id
    assert listed["hash-mismatch"].startswith("A review records the SHA-256 of the assessment it reviewed")
    text = lcity("validate", "--rules").stdout.splitlines()
    assert [line.split()[0] for line in text] == ids


# --- 6. lcity status: the points-open column counts what its summary line counts ------------------------


def _status_table(out: str) -> dict[str, list[str]]:
    """Rows of the status table by dimension id ('' for the total row): its five figures."""
    rows = {}
    for line in out.splitlines()[2:]:
        cells = line.split()
        if len(cells) >= 6 and cells[0].isalpha() and cells[1].isdigit():
            rows[cells[0]] = cells[1:6]
        elif len(cells) >= 5 and all(c.replace(".", "").isdigit() for c in cells[:5]):
            rows[""] = cells[:5]
    return rows


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_points_open_column_counts_unknown_and_missing_as_its_summary_does(lang, tmp_path):
    from evaluator.progress import progress, totals
    from evaluator.reading import read

    text = (EXAMPLES / "districts" / "baiyang.yaml").read_text(encoding="utf-8")  # three answers unknown
    path = tmp_path / "open.yaml"
    path.write_text(re.sub(r"\n  D3:\n(    .*\n)+", "\n", text, count=1), encoding="utf-8")  # and one missing
    loaded = read(path)
    rows = {r.id: r for r in progress(loaded.marked.data, loaded.framework)}
    assert rows["D"].missing == 1 and sum(r.unknown for r in rows.values()) == 3
    proc = lcity("status", str(path), "--lang", lang)
    table = _status_table(proc.stdout)
    for dim, r in rows.items():
        assert float(table[dim][4]) == pytest.approx(r.points_unanswered, abs=0.05), dim
    assert float(table["G"][4]) > 0 and table["G"][1] == "1"  # an unknown answer's points are open
    total = totals(list(rows.values()))
    shown = f"{round(total.points_unanswered, 1):g}"
    assert table[""][4] == shown
    summary = proc.stdout.splitlines()[len(rows) + 3]
    assert (f"尚有 {shown} 分未作答" if lang == "zh" else f"{shown} of 100 points not answered yet") in summary
    header = proc.stdout.splitlines()[1]
    assert ("待填分值" if lang == "zh" else "points open") in header


# --- 1. dedicated funds reported while the budget-line answer says there is no line ------------------

V1 = EXAMPLES / "qingshi-district.yaml"
V2 = EXAMPLES / "v2" / "qingshi-district-2025.yaml"


def _with_d2(path: Path, tmp_path: Path, d2: str, name: str) -> Path:
    """The example with D2 answered ``d2`` (its D1 stays a positive amount)."""
    text = path.read_text(encoding="utf-8")
    text, n = re.subn(r"(\n  D2:\n    value: )\"?\w+\"?", rf"\g<1>{d2}", text)
    assert n == 1
    out = tmp_path / name
    out.write_text(text, encoding="utf-8")
    return out


def _line_of(path: Path, key: str) -> int:
    """The line of ``  KEY:`` under answers, plus one: where its ``value:`` is."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines.index(f"  {key}:") + 2


@pytest.mark.parametrize("example", [V1, V2], ids=["v1", "v2"])
def test_positive_funds_with_no_budget_line_is_a_warning_at_d1s_value_in_both_languages(example, tmp_path):
    path = _with_d2(example, tmp_path, "none", "none.yaml")
    line = _line_of(path, "D1")
    en = lcity("validate", str(path), "--lang", "en", "--format", "json")
    [p] = [p for p in json.loads(en.stdout)["problems"] if p["rule"] == "funds-without-line"]
    assert (p["line"], p["column"], p["severity"]) == (line, 12, "warning")
    assert "D1 reports" in p["message"] and "D2 answers 'No dedicated line" in p["message"]
    zh = lcity("validate", str(path), "--lang", "zh")
    said = zh.stdout + zh.stderr
    assert f"none.yaml:{line}:12: 警告 funds-without-line: D1 填报专项经费" in said
    assert "D2 答“未单列专项预算" in said
    assert (en.returncode, zh.returncode) == (0, 0)  # a warning: the file is still valid


def test_the_warning_does_not_block_scoring_and_needs_both_answers(tmp_path):
    none = _with_d2(V1, tmp_path, "none", "none.yaml")
    assert lcity("validate", str(none)).returncode == 0
    scored = lcity("score", str(none), "--format", "json")
    assert scored.returncode == 0 and json.loads(scored.stdout)["total"] > 0
    line = _with_d2(V1, tmp_path, "line", "line.yaml")
    assert "funds-without-line" not in lcity("validate", str(line), "--format", "json").stdout
    zero = tmp_path / "zero.yaml"
    zero.write_text(re.sub(r"(\n  D1:\n    value: )\d+", r"\g<1>0", none.read_text(encoding="utf-8")), encoding="utf-8")
    assert "funds-without-line" not in lcity("validate", str(zero), "--format", "json").stdout


def test_the_rule_is_listed_by_validate_rules():
    listed = json.loads(lcity("validate", "--rules", "--format", "json").stdout)
    assert "funds-without-line" in listed and "budget-line answer (D2)" in listed["funds-without-line"]


# --- 5. the plan JSON says its effort unit, as the table does -----------------------------------------


def _keys(doc: dict) -> set[str]:
    """Every key of a JSON object, nested objects and lists of objects included."""
    found = set()
    for key, value in doc.items():
        found.add(key)
        for inner in value if isinstance(value, list) else [value]:
            if isinstance(inner, dict):
                found |= _keys(inner)
    return found


def test_plan_json_carries_the_frameworks_effort_unit_and_every_field_is_documented():
    from indicators.loader import load_framework

    fw = load_framework("china-learning-city@1")
    table = lcity("plan", str(V1), "--lang", "en")
    doc = json.loads(lcity("plan", str(V1), "--format", "json").stdout)
    assert (doc["effort_unit"], doc["effort_unit_zh"]) == (fw.effort.unit.en, fw.effort.unit.zh)
    # the plan rests on L2, the city's: the unit's own total is said, the city's part apart (G18-B6)
    assert f"The unit's own total effort: {doc['effort_own']:g} {doc['effort_unit']}" in table.stdout
    documented = (EXAMPLES.parent / "docs" / "plan-json.md").read_text(encoding="utf-8")
    assert {k for k in _keys(doc) if f"`{k}`" not in documented} == set()


def test_plan_json_effort_unit_is_null_when_the_framework_states_none():
    folder = EXAMPLES / "frameworks" / "lanshan-community-learning"
    proc = lcity("plan", str(folder / "beiling-2025.yaml"), "--framework", str(folder / "framework.yaml"),
                 "--format", "json")
    doc = json.loads(proc.stdout)
    assert proc.returncode == 0 and doc["effort_unit"] is None and doc["effort_unit_zh"] is None


# --- 3. version 1's national award costs what version 2's does ----------------------------------------


def test_v1_k3_national_award_has_v2s_per_item_effort_and_both_frameworks_pass_the_check():
    from evaluator.effort import resolve
    from indicators.loader import load_framework

    v1, v2 = load_framework("china-learning-city@1"), load_framework("china-learning-city@2")
    e1, e2 = resolve(v1, v1.indicator("K3")), resolve(v2, v2.indicator("K3"))
    assert e1.items == e2.items and e1.per_step == e2.per_step and e1.rationale == e2.rationale
    cost, item = e1.item("national_brands")
    assert cost == 12 and item is not None and item.years == 2
    assert e1.item("learning_week")[0] == 2
    for fw in ("china-learning-city", "china-learning-city-2"):
        path = EXAMPLES.parent / "indicators" / fw / "framework.yaml"
        proc = lcity("framework", "check", str(path))
        assert proc.returncode == 0 and "0 errors, 0 warnings" in proc.stdout + proc.stderr


def test_v1_plan_no_longer_buys_a_national_award_for_two_points():
    doc = json.loads(lcity("plan", str(V1), "--format", "json").stdout)
    k3 = [c for c in doc["changes"] if c["indicator"] == "K3" and "national_brands" in c["after"]]
    assert all(c["effort"] >= 12 for c in k3)


# --- 4. a city's J4 reads 市级, not 区级 ---------------------------------------------------------------


def _j4_block(form: str) -> str:
    """The J4 entry of a form written by lcity init: its comment lines and its key."""
    lines = form.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.lstrip().startswith("# J4 "))
    end = next(i for i, ln in enumerate(lines) if ln.strip() == "J4:")
    return "\n".join(lines[start:end + 1])


@pytest.mark.parametrize("version", ["1", "2"])
def test_the_city_form_asks_for_city_demonstration_projects(version, tmp_path):
    forms = {}
    for level, lang in (("city", "zh"), ("city", "en"), ("district", "zh")):
        out = tmp_path / f"{level}-{lang}.yaml"
        proc = lcity("init", "--level", level, "--framework", f"china-learning-city@{version}", "--lang", lang,
                     "-o", str(out), "--city", "测试")
        assert proc.returncode == 0, proc.stderr
        forms[level, lang] = _j4_block(out.read_text(encoding="utf-8"))
    assert "J4 市级示范项目" in forms["city", "zh"] and "的市级学习型城市建设示范项目" in forms["city", "zh"]
    assert "区级" not in forms["city", "zh"]
    assert "J4 City demonstration projects" in forms["city", "en"] and "district" not in forms["city", "en"].lower()
    assert "J4 区级示范项目" in forms["district", "zh"]  # a district keeps its own wording


def test_a_city_report_names_j4_city_projects_and_a_county_keeps_its_own():
    from evaluator.advice import choose_text
    from evaluator.engine import score
    from indicators.loader import load_framework
    from reports.render import render_html

    from .conftest import scored

    result, assessment, fw = scored(EXAMPLES / "jianglan-city.yaml")  # a city, under version 1
    assert assessment.city.level == "city"
    for lang, name, district in (("zh", "J4 市级示范项目", "区级示范项目"), ("en", "J4 City demonstration projects",
                                                                    "District demonstration projects")):
        text = " ".join(re.sub(r"<[^>]+>", " ", render_html(result, None, fw, assessment, lang=lang)).split())
        assert name in text and district not in text
    v2 = load_framework("china-learning-city@2")
    for level, word in (("city", "市级"), ("district", "区级"), ("county", "县级")):
        [j4] = [i for _, rows in v2.at_level(level) for i, _ in rows if i.id == "J4"]
        assert j4.name.zh == f"{word}示范项目" and word in j4.question.zh and word in j4.advice.zh
        low = next(r for r in score(assessment, fw).indicators if r.id == "J4").model_copy(
            update={"value": 1, "figure": 1.0, "score": 0.0, "share": 0.0})
        text, _ = choose_text(j4, low, v2.advice.get("J4"), level)
        assert f"补足{word}示范项目" in text.zh


# --- 2. a step the framework says takes N years is never suggested sooner -----------------------------


def _report_rows(path: Path, lang: str = "zh", target: str = "recognition", override=None):
    """The report's task table (整改任务清单) of the plan to ``target``, as of mid-2026."""
    from evaluator.engine import score
    from evaluator.plan import parse_target, plan
    from evaluator.reading import read
    from reports.context_facts import facts
    from reports.context_plan import tasks

    assessment, fw = read(path).require()
    p = plan(assessment, fw, parse_target(fw, target), override=override, alternative=False)
    f = facts(score(assessment, fw), None, fw, assessment, lang=lang, date="2026-06-01", plan=p)
    block = tasks(f)["tasks"]
    return p, {r["task"].split()[0]: r for r in block["rows"]}, block["note"]


@pytest.mark.parametrize("example", [V1, V2], ids=["v1", "v2"])
def test_a_budget_line_is_not_suggested_for_next_year(example, tmp_path):
    from evaluator.effort import resolve
    from evaluator.reading import read

    path = _with_d2(example, tmp_path, "none", "none.yaml")
    _, fw = read(path).require()
    eff = resolve(fw, fw.indicator("D2"))
    assert eff.years == 2 and "两个财政年度" in eff.rationale.zh
    p, rows, note = _report_rows(path)
    [d2] = [c for c in p.changes if c.indicator == "D2"]
    assert (d2.before, d2.years) == ("none", 2)
    assert int(rows["D2"]["year"]) == 2028  # work starts in mid-2026: two budget years after it end in 2028
    assert "D2的建议完成年度按至少2年安排：" in note
    _, rows_en, note_en = _report_rows(path, "en")
    assert int(rows_en["D2"]["year"]) == 2028 and "D2 is given at least 2 years: a budget line" in note_en
    doc = json.loads(lcity("plan", str(path), "--format", "json").stdout)
    assert [c["years"] for c in doc["changes"] if c["indicator"] == "D2"] == [2]


def test_every_step_of_an_entry_with_years_waits_and_work_alone_does_not_hurry_it(tmp_path):
    """Everything made nearly free: by effort every task would fit the first year; only the
    framework's years push the budget line (entry) and the national award (item) later."""
    from evaluator.effort import resolve
    from evaluator.reading import read
    from indicators.models import EffortEntry, EffortModel

    path = _with_d2(V2, tmp_path, "none", "none.yaml")
    _, fw = read(path).require()
    cheap = EffortEntry(per_step=0.01)
    override = EffortModel(defaults={k: cheap for k in ("boolean", "levels", "checklist", "steps", "linear")},
                           indicators={i.id: cheap for i in fw.indicators()})
    assert resolve(fw, fw.indicator("D2"), override).years == 2  # an override of the cost keeps the calendar
    p, rows, _ = _report_rows(path, target="99", override=override)
    assert p.effort < 24
    slow = {"D2": 2, "B1": 3, "L2": 2}  # a budget line, a local regulation, a biennial UNESCO award
    assert int(rows["D2"]["year"]) == 2028
    assert all(int(r["year"]) == 2026 + slow.get(k, 0) for k, r in rows.items())
    assert [c.years for c in p.changes if c.indicator not in slow] == [None] * sum(c.indicator not in slow for c in p.changes)
    own = EffortModel(indicators={"D2": EffortEntry(per_step=0.01, years=1)})
    assert resolve(fw, fw.indicator("D2"), own).years == 1  # a unit that knows better says so
