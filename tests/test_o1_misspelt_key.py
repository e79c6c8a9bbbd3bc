"""A misspelt required key is one mistake, said once where it is typed, naming the key it stands for
(audit T #14): ``dimension_flor`` gave "recognition has no 'dimension_floor'" at ``recognition:``
and "unknown key 'dimension_flor' … (did you mean 'dimension_floor'?)" at the key. Now only the
second, in ``lcity framework check`` (text, zh and en, and JSON) and in ``lcity validate`` of a form."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings, strategies as st

from evaluator.reading import read_string

from .conftest import EXAMPLES, ROOT, framework_with_edit, lcity, lcity_here

KFLC = ROOT / "tests" / "audit_frameworks" / "unesco-kflc" / "kflc" / "unesco-kflc"


@pytest.fixture
def misspelt(tmp_path):
    return framework_with_edit(KFLC, tmp_path / "unesco-kflc", "  dimension_floor: 0.45\n", "  dimension_flor: 0.45\n")


@pytest.mark.parametrize("lang,said", [
    ("en", "error unknown-key: unknown key 'dimension_flor' in recognition (did you mean 'dimension_floor'?)"),
    ("zh", "错误 unknown-key: recognition 中没有“dimension_flor”这一项（是不是“dimension_floor”？）"),
])
def test_framework_check_says_a_misspelt_key_once_at_the_key(misspelt, lang, said):
    fw, line = misspelt
    run = (lcity_here if lang == "en" else lcity)("framework", "check", str(fw), "--lang", lang)
    assert run.returncode == 1
    problems = [ln for ln in (run.stdout + run.stderr).splitlines() if re.match(rf"{re.escape(str(fw))}:\d", ln)]
    assert problems == [f"{fw}:{line}:3: {said}"], run.stdout + run.stderr
    assert "missing-key" not in run.stdout + run.stderr


def test_framework_check_json_has_one_problem_with_the_expected_key(misspelt):
    fw, line = misspelt
    run = lcity_here("framework", "check", str(fw), "--format", "json")
    [p] = json.loads(run.stdout)["problems"]
    assert (p["line"], p["rule"], p["hint"]) == (line, "unknown-key", "did you mean 'dimension_floor'?")


def test_validate_says_a_misspelt_required_key_of_a_form_once(tmp_path):
    form = tmp_path / "q.yaml"
    text = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
    form.write_text(text.replace("\n  level:", "\n  levl:", 1), encoding="utf-8")
    run = lcity_here("validate", str(form), "--lang", "en")
    problems = [ln for ln in (run.stdout + run.stderr).splitlines() if re.match(rf"{re.escape(str(form))}:\d", ln)]
    assert len(problems) == 1 and problems[0].endswith("error unknown-key: unknown key 'levl' in city "
                                                      "(did you mean 'level'?)"), problems


HEAD = """framework: china-learning-city@1
city:
  name: {zh: 测试区, en: Test District}
  level: district
  population: 500000
period: {start: 2023, end: 2024}
answers: {}
"""
REQUIRED = {"framework": 1, "city": 2, "level": 4, "period": 6}  # key: its line in HEAD


@settings(max_examples=40, deadline=None)
@given(key=st.sampled_from(sorted(REQUIRED)), data=st.data())
def test_any_one_letter_slip_of_a_required_key_is_one_problem_naming_it(key, data):
    at = data.draw(st.integers(1, len(key) - 1))  # a letter dropped, never the first
    slip = key[:at] + key[at + 1:]
    text = HEAD.replace(f"{key}:", f"{slip}:", 1)
    shape = [p for p in read_string(text).problems if p.rule in ("unknown-key", "missing-key")]
    assert [(p.line, p.rule, str(p.hint)) for p in shape] == [(REQUIRED[key], "unknown-key", f"did you mean '{key}'?")]
