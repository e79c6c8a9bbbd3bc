"""CLI wording a third party and a new user trip over (helper F3): the profile figure of a derived
answer named in the reader's language in ``score --explain``; counts that agree with their noun
("1 problem"); a too-large file's hint naming what the file is (assessment, framework, review).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lcity.commands.score import _unbracketed, explained

from .conftest import ROOT, lcity, lcity_here

FJORDVALE = ROOT / "tests" / "audit_frameworks" / "fjordvale"
QINGSHI = ROOT / "examples" / "qingshi-district.yaml"

#: a bracket opened inside another one, or a pair of brackets side by side: "（常住人口（人））"
NESTED = re.compile(r"[（(][^（()）]*[（(]|[)）][)）]|[（(][)）]")
#: a field id in brackets, as the engine writes it after the figure it divides by
FIELD_ID = re.compile(r"÷ [\d,.]+\s?[（(][a-z][a-z0-9_]*[)）]")


def _why_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if "÷" in line]


@pytest.fixture
def fjordvale(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(FJORDVALE))


def test_explain_zh_names_the_population_in_chinese(fjordvale):
    """``（population）`` in a Chinese explanation: a Chinese official cannot tell what 200,000 is."""
    proc = lcity("score", str(FJORDVALE / "norrvik-2025.yaml"), "--explain", "--lang", "zh")
    assert proc.returncode == 0, proc.stderr
    why = _why_lines(proc.stdout)
    assert any("30 个 ÷ 200,000（常住人口）× 10,000 = 1.5 个/万人" in line for line in why), why
    assert any("÷ 95,000（从业人员）× 1,000" in line for line in why), why
    # the framework's own profile figure (adults) by its own zh label
    assert any("÷ 105,000（25至64岁居民数）× 10,000" in line for line in why), why
    for line in why:
        assert not FIELD_ID.search(line), line
        assert not NESTED.search(line), line


def test_explain_en_names_the_framework_own_figure_by_its_label(fjordvale):
    proc = lcity_here("score", str(FJORDVALE / "norrvik-2025.yaml"), "--explain", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    why = _why_lines(proc.stdout)
    assert any("180 tutors ÷ 105,000 (residents aged 25-64) × 10,000" in line for line in why), why
    assert any("÷ 200,000 (resident population) × 10,000" in line for line in why), why
    for line in why:
        assert not FIELD_ID.search(line), line


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_explain_china_framework_streets_have_no_nested_brackets(lang):
    """街道（乡镇）: the built-in names carry no brackets of their own inside the explanation's."""
    proc = lcity("score", str(QINGSHI), "--explain", "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    why = _why_lines(proc.stdout)
    expected = "÷ 12（街道、乡镇总数）× 100" if lang == "zh" else "÷ 12 (streets and townships) × 100"
    assert any(expected in line for line in why), why
    for line in why:
        assert not FIELD_ID.search(line), line
        assert not NESTED.search(line), line


def test_explain_json_keeps_the_engine_reason(fjordvale):
    """The JSON is for scripts: its reason keeps the field id, as before."""
    proc = lcity_here("score", str(FJORDVALE / "norrvik-2025.yaml"), "--format", "json")
    assert "÷ 200,000 (population) × 10,000" in proc.stdout


_ids = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
_labels = st.text(alphabet=st.sampled_from("常住人口街道乡镇 abcAB()（）-"), min_size=1, max_size=12)


@given(per=_ids, label=_labels, lang=st.sampled_from(["zh", "en"]),
       base=st.integers(min_value=1, max_value=10**9))
def test_explained_names_any_known_figure_without_nesting(per, label, lang, base):
    """Whatever a framework calls its figure, the explanation names it once, in one pair of brackets."""
    name = _unbracketed(label, lang)
    assert not re.search(r"[()（）]", name)
    reason = (f"X1：5 人 ÷ {base:,}（{per}）× 100 = 1%；1 达到 ≥1 档" if lang == "zh"
              else f"X1: 5 people ÷ {base:,} ({per}) × 100 = 1%; 1 reaches the ≥1 step")
    shown = explained(reason, {per: name}, lang)
    assert f"÷ {base:,}" in shown
    assert f"({per})" not in shown and f"（{per}）" not in shown or name == per
    inside = shown.split("÷", 1)[1].split("×", 1)[0]
    assert len(re.findall(r"[(（]", inside)) == 1 and len(re.findall(r"[)）]", inside)) == 1, shown


def test_explained_leaves_an_unknown_figure_as_written():
    reason = "X1：5 人 ÷ 10（households）× 100 = 50%"
    assert explained(reason, {"population": "常住人口"}, "zh") == reason
