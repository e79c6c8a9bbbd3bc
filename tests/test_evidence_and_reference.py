"""What `lcity validate` asks evidence for, how it words a survey's sample, and how the reference
units' figures are dated (helper F4).

* A "no" (false, 0, an empty checklist, a choice worth nothing) has nothing to prove present:
  framework v2 (``validation.evidence``) warns only for answers that claim something, unless an
  indicator's ``evidence_for_no`` asks for it, and then the warning says why; v1 never warns.
* A survey sample that is too small is named by whom the framework's surveys ask
  (``survey_population``; residents for China's recognition frameworks; plain "survey" otherwise).
* The reference units' tables show the years their figures are for, and the five cities whose
  "no local legislation" rested on lists of 2019 are unknown for their later periods.
"""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.loader import load_framework
from indicators.models import Text
from evaluator.checks import claims_something

from .conftest import ROOT, lcity_here as lcity

FJORDVALE = ROOT / "tests" / "audit_frameworks" / "fjordvale"


def _v2(answers: str, level: str = "city") -> str:
    return ("framework: china-learning-city@2\ncity:\n  name: {zh: 某市}\n  level: " + level + "\n"
            "  population: 5000000\n  streets: 10\n  communities: 98\n"
            "period: {start: 2024, end: 2025}\nanswers:\n" + answers)


def _validate(tmp_path, text: str, *args: str, env_path=None, name: str = "unit.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    if env_path is not None:
        import os
        import subprocess
        import sys
        env = dict(os.environ, COLUMNS="200", NO_COLOR="1", LCITY_FRAMEWORK_PATH=str(env_path))
        return subprocess.run([sys.executable, "-m", "lcity", "validate", str(path), *args], cwd=ROOT,
                              capture_output=True, text=True, env=env, timeout=120)
    return lcity("validate", str(path), *args)


def _lines(proc, rule: str) -> list[str]:
    return [line for line in proc.stdout.splitlines() if f" {rule}:" in line]


# --- 1. evidence for a "no" ---------------------------------------------------------------------

NO_ANSWERS = ("  L1:\n    value: false\n"          # boolean no
              "  A1:\n    value: none\n"           # a choice worth nothing
              "  A2:\n    value: []\n"             # an empty checklist
              "  C1:\n    value: 0\n")             # a count of nothing


def test_v2_asks_no_evidence_for_a_no_answer(tmp_path):
    proc = _validate(tmp_path, _v2(NO_ANSWERS))
    assert _lines(proc, "no-evidence") == [], proc.stdout


def test_v2_still_asks_evidence_for_answers_that_claim_something_zh_and_en(tmp_path):
    text = _v2("  L1:\n    value: true\n  A1:\n    value: plan\n  A2:\n    value: [leading_body]\n"
               "  C1:\n    value: 3\n  A3:\n    value: true\n    evidence: [政府工作报告]\n")
    en = _validate(tmp_path, text)
    flagged = sorted(line.split("no-evidence: ")[1].split()[0] for line in _lines(en, "no-evidence"))
    assert flagged == ["A1", "A2", "C1", "L1"]
    assert "counts half towards confidence" in en.stdout
    zh = _validate(tmp_path, text, "--lang", "zh")
    assert len(_lines(zh, "no-evidence")) == 4 and "未列佐证材料" in zh.stdout


def test_v1_never_warns_about_evidence(tmp_path):
    text = _v2("  L1:\n    value: true\n  C1:\n    value: 3\n").replace("@2", "@1")
    proc = _validate(tmp_path, text)
    assert "no-evidence" not in proc.stdout


def test_a_framework_that_asks_evidence_for_a_no_says_why(tmp_path):
    folder = tmp_path / "frameworks"
    shutil.copytree(FJORDVALE / "fjordvale-learning-region", folder / "fjordvale-learning-region")
    fw_file = folder / "fjordvale-learning-region" / "framework.yaml"
    text = fw_file.read_text(encoding="utf-8")
    # GOV4 (a safeguarding policy) is a veto: a "no" decides the outcome, so the network asks for the
    # letter that says there is none; ACC3 keeps the default
    text = text.replace("dimensions:\n", "validation: {evidence: true}\n\ndimensions:\n", 1)
    anchor = "      - id: GOV4\n"
    at = text.index(anchor)
    ev = text.index("        evidence:", at)
    text = (text[:ev] + "        evidence_for_no: {zh: 否决项，须有主管部门的书面说明, en: a veto item; the network asks for the "
            "authority's written statement}\n" + text[ev:])
    fw_file.write_text(text, encoding="utf-8")
    unit = (FJORDVALE / "kvarnby-2025.yaml").read_text(encoding="utf-8")
    unit = unit.replace('  GOV4: {value: true, evidence: ["Safeguarding policy"]}', "  GOV4: {value: false}")
    unit = unit.replace('  ACC3: {value: true, evidence: ["Catalogue"]}', "  ACC3: {value: false}")
    en = _validate(tmp_path, unit, env_path=folder)
    said = _lines(en, "no-evidence")
    assert len(said) == 1 and "GOV4" in said[0], en.stdout + en.stderr
    assert "asks evidence for a no here too" in said[0] and "a veto item" in said[0]
    zh = _validate(tmp_path, unit, "--lang", "zh", env_path=folder)
    assert "否决项，须有主管部门的书面说明" in "".join(_lines(zh, "no-evidence"))


@pytest.fixture(scope="module")
def v2():
    return load_framework("china-learning-city@2")


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=0.001, max_value=1e9, allow_nan=False) | st.integers(min_value=1, max_value=10**9))
def test_any_positive_figure_claims_something_and_zero_does_not(figure):
    fw = load_framework("china-learning-city@2")
    c1 = fw.indicator("C1")
    assert claims_something(c1, figure)
    assert not claims_something(c1, 0) and not claims_something(c1, 0.0)


def test_choices_claim_something_exactly_when_they_earn_points(v2):
    for ind in v2.indicators():
        shares = getattr(ind.rule, "shares", None)
        if shares:
            for choice, share in shares.items():
                assert claims_something(ind, choice) == (share > 0), (ind.id, choice)


# --- 2. the survey's population -----------------------------------------------------------------

def test_small_sample_names_the_china_survey_by_its_residents(tmp_path):
    text = _v2("  K5: {value: 92, sample_size: 120, evidence: [调查]}\n", level="district")
    en = _validate(tmp_path, text)
    assert "the resident survey needs at least 400 valid questionnaires" in en.stdout
    zh = _validate(tmp_path, text, "--lang", "zh")
    assert "居民问卷调查至少需要 400 份有效问卷" in zh.stdout


def _fjordvale_small_sample(tmp_path, population: str | None):
    folder = tmp_path / "frameworks"
    shutil.copytree(FJORDVALE / "fjordvale-learning-region", folder / "fjordvale-learning-region")
    if population is not None:
        fw_file = folder / "fjordvale-learning-region" / "framework.yaml"
        fw_file.write_text(fw_file.read_text(encoding="utf-8").replace(
            "total_points: 100\n", f"total_points: 100\nsurvey_population: {population}\n", 1), encoding="utf-8")
    unit = (FJORDVALE / "kvarnby-2025.yaml").read_text(encoding="utf-8")
    unit = unit.replace("  GOV2: {status: unknown}", "  GOV2: {value: 70, sample_size: 50, evidence: [Survey]}")
    assert "sample_size: 50" in unit
    return (_validate(tmp_path, unit, env_path=folder), _validate(tmp_path, unit, "--lang", "zh", env_path=folder))


def test_a_survey_of_nobody_named_is_a_plain_survey_never_residents(tmp_path):
    en, zh = _fjordvale_small_sample(tmp_path, None)
    line = "".join(_lines(en, "survey-sample"))
    assert "the survey needs at least 300 valid questionnaires; stratified by municipality" in line, en.stdout
    assert "resident" not in line
    zl = "".join(_lines(zh, "survey-sample"))
    assert "问卷调查至少需要 300 份有效问卷" in zl and "居民" not in zl


def test_a_frameworks_own_survey_population_names_the_survey(tmp_path):
    en, zh = _fjordvale_small_sample(tmp_path, "{zh: 学员, en: learner}")
    assert "the learner survey needs at least 300 valid questionnaires" in "".join(_lines(en, "survey-sample"))
    assert "学员问卷调查至少需要 300 份有效问卷" in "".join(_lines(zh, "survey-sample"))


def test_surveys_ask_follows_the_reports_rule():
    fj = load_framework(FJORDVALE / "fjordvale-learning-region" / "framework.yaml")
    assert fj.surveys_ask() is None
    assert fj.model_copy(update={"survey_population": Text(zh="学员", en="learner")}).surveys_ask().en == "learner"
    assert load_framework("china-learning-city@2").surveys_ask().zh == "居民"


# --- 3. reference figures with their years ------------------------------------------------------

def test_cities_table_csv_and_json_give_each_units_period():
    csv = lcity("cities", "--format", "csv", "--lang", "en")
    head, *rows = csv.stdout.splitlines()
    assert head.split(",")[:3] == ["rank", "city", "period"]
    hangzhou = next(r for r in rows if ",Hangzhou," in r)
    assert ",2011–2025," in hangzhou
    doc = json.loads(lcity("cities", "--format", "json").stdout)
    assert {u["id"]: u["period"] for u in doc["units"]}["xian"] == "2008–2021"
    table = lcity("cities", "--lang", "en")
    assert "period" in table.stdout and "2008–2021" in table.stdout
    assert "Each unit's figures are for the years of its period." in table.stdout
    zh = lcity("cities", "--lang", "zh")
    assert "评估期" in zh.stdout and "各单位的数字属于其评估期所列年份" in zh.stdout


def test_benchmark_gives_each_reference_units_period_beside_its_share():
    qingshi = str(ROOT / "examples" / "qingshi-district.yaml")
    csv = lcity("benchmark", qingshi, "--format", "csv", "--lang", "en").stdout
    block = csv[csv.index("reference unit,"):].splitlines()
    assert block[0] == "reference unit,period,common,unit's share,their share,totals"
    assert any(line.startswith("Hangzhou,2011–2025,") for line in block)
    zh = lcity("benchmark", qingshi, "--lang", "zh").stdout
    assert "评估期" in zh and "2008–2021" in zh
    doc = json.loads(lcity("benchmark", qingshi, "--format", "json").stdout)
    assert {c["id"]: c["period"] for c in doc["comparisons"]}["shanghai"] == "2011–2024"


def test_a_third_party_frameworks_reference_units_carry_their_own_period(tmp_path):
    import os
    import subprocess
    import sys
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1", LCITY_FRAMEWORK_PATH=str(FJORDVALE))
    proc = subprocess.run([sys.executable, "-m", "lcity", "cities", "--framework", "fjordvale-learning-region",
                           "--format", "json"], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    periods = {u["id"]: u["period"] for u in json.loads(proc.stdout)["units"]}
    assert periods["tornvik"] == "2023–2024"


@pytest.mark.parametrize("lang, city, head", [("zh", "杭州市", "评估期"), ("en", "Hangzhou", "Period")])
def test_report_benchmark_appendix_dates_each_row(lang, city, head):
    from evaluator.benchmark import benchmark
    from evaluator.pipeline import read_scored
    from reports.context_appendices import benchmark_table
    from reports.context_facts import facts
    from reports.render import render_html

    path = ROOT / "examples" / "qingshi-district.yaml"
    result, loaded = read_scored(path)
    assessment, fw = loaded.require()
    bench = benchmark(result, fw)
    table = benchmark_table(facts(result, bench, fw, assessment, lang=lang))["bench"]
    periods = {row["city"]: row["period"] for row in table["rows"]}
    assert periods[city] == "2011–2025"
    page = render_html(result, bench, fw, assessment, lang=lang)
    part = page[page.index('id="app-benchmark"'):]
    part = part[:part.index("</table>")]
    assert f'<span class="small">{head}</span>' in part
    assert f'{city}<br><span class="small nowrap">2011–2025</span>' in part


# --- 4. B1 of the five cities whose "none" rested on lists of 2019 --------------------------------

FIVE = ("changzhou", "guangzhou", "hangzhou", "nanjing", "shenzhen")


@pytest.mark.parametrize("city", FIVE)
def test_b1_is_unknown_and_dated_where_the_lists_predate_the_period(city):
    data = yaml.safe_load((ROOT / "indicators" / "reference-cities" / f"{city}.yaml").read_text(encoding="utf-8"))
    b1 = data["answers"]["B1"]
    assert b1.get("status") == "unknown" and "value" not in b1
    assert "As of 2019" in b1["note"] and f"to {data['period']['end']}" in b1["note"]
    assert data["period"]["end"] > 2019


def test_beijings_none_states_the_dates_of_its_sources():
    data = yaml.safe_load((ROOT / "indicators" / "reference-cities" / "beijing.yaml").read_text(encoding="utf-8"))
    assert data["answers"]["B1"]["value"] == "none"
    assert "as of 2019" in data["answers"]["B1"]["note"] and "as of 2024" in data["answers"]["B1"]["note"]


def test_readme_quotes_the_reference_figures_the_command_gives():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for ref, cov, tot in (("china-learning-city@1", "2–33 %", "2.0–27.4"), ("china-learning-city@2", "2.0–31.5 %", "2.0–26.0")):
        units = json.loads(lcity("cities", "--framework", ref, "--format", "json").stdout)["units"]
        lo, hi = min(u["coverage"] for u in units) * 100, max(u["coverage"] for u in units) * 100
        assert cov == (f"{lo:.0f}–{hi:.0f} %" if ref.endswith("@1") else f"{lo:.1f}–{hi:.1f} %")
        t_lo, t_hi = min(u["total"] for u in units), max(u["total"] for u in units)
        assert tot == f"{t_lo:.1f}–{t_hi:.1f}"
        assert cov in readme and tot in readme
