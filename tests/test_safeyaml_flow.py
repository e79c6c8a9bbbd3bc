"""A '?' inside [...] or {...} is part of the text on both reading paths.

PyYAML's pure scanner ended a plain scalar at '?' in flow context, so a file that went to the pure
path (a duplicate key, a tab) was refused with a syntax error on an unrelated line such as
``{en: Is it open?}`` and its real problem (the duplicate key) was never said.
"""

from __future__ import annotations


import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators import safeyaml
from indicators.problems import InputError

from .conftest import ROOT, lcity_here as lcity


@pytest.fixture(params=[True, False], ids=["libyaml", "pure"])
def path(request, monkeypatch):
    monkeypatch.setattr(safeyaml, "USE_LIBYAML", request.param and safeyaml._CParser is not None)
    return request.param


@pytest.mark.parametrize(
    "text, data",
    [
        ("q: {en: Is it open?}\n", {"q": {"en": "Is it open?"}}),
        ("q: [a?, b]\n", {"q": ["a?", "b"]}),
        ("q: {a: x ? y}\n", {"q": {"a": "x ? y"}}),
        ("q: {a: b?c, d: e}\n", {"q": {"a": "b?c", "d": "e"}}),
        ("q: {a?: 1}\n", {"q": {"a?": 1}}),
    ],
)
def test_a_question_mark_in_flow_is_text(path, text, data):
    assert safeyaml.load_text(text).data == data


def test_a_duplicate_key_is_reported_not_a_syntax_error_on_a_question(path):
    with pytest.raises(InputError) as exc:
        safeyaml.load_text("id: a\nid: b\nq: {en: Is it open?}\n", "dk.yaml")
    [problem] = exc.value.problems
    assert (problem.line, problem.col, problem.rule) == (2, 1, "duplicate-key")
    assert "lines 1 and 2" in problem.text()


def test_framework_check_names_the_duplicate_key(tmp_path):
    f = tmp_path / "dk.yaml"
    f.write_text("id: a\nid: b\nq: {en: Is it open?}\n", encoding="utf-8")
    proc = lcity("framework", "check", str(f))
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "dk.yaml:2:1" in out and "duplicate-key" in out and "lines 1 and 2" in out
    assert "syntax" not in out


def test_validate_names_the_duplicate_key_in_an_assessment(tmp_path):
    text = (ROOT / "examples" / "yunling-county.yaml").read_text(encoding="utf-8")
    text = text.replace("  name:\n    zh: 云岭县\n    en: Yunling County\n",
                        "  name: {zh: 云岭县, en: Is it Yunling?}\n", 1)
    text = text.replace("  streets: 14\n", "  streets: 14\n  streets: 15\n", 1)
    f = tmp_path / "a.yaml"
    f.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  streets: 15") + 1
    proc = lcity("validate", str(f))
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert f"a.yaml:{line}:3" in out and "duplicate-key" in out
    assert "syntax" not in out


words = st.text(alphabet="ab?城 ", min_size=1, max_size=12).filter(
    lambda s: s.strip() == s and not s.startswith("?"))


@pytest.mark.skipif(safeyaml._CParser is None, reason="PyYAML was built without libyaml")
@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(words, words), min_size=1, max_size=4, unique_by=lambda kv: kv[0]))
def test_the_pure_path_reads_flow_questions_as_libyaml_does(pairs):
    """Any '?' libyaml keeps inside a flow mapping, the pure path keeps too."""
    text = "q: {" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}\n"
    expected = yaml.load(text, Loader=yaml.CSafeLoader)
    old = safeyaml.USE_LIBYAML
    safeyaml.USE_LIBYAML = False
    try:
        assert safeyaml.load_text(text).data == expected
    finally:
        safeyaml.USE_LIBYAML = old
