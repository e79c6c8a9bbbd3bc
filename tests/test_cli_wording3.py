"""CLI wording a third party and a new user trip over (helper F3): the profile figure of a derived
answer named in the reader's language in ``score --explain``; counts that agree with their noun
("1 problem"); a too-large file's hint naming what the file is (assessment, framework, review).
"""

from __future__ import annotations

import re
from itertools import pairwise

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


# --- counts agree with their noun; frameworks at 80 columns, narrower, and piped ------------------


@pytest.fixture
def broken_framework(tmp_path, monkeypatch) -> str:
    """A framework path holding one framework with exactly one problem (its total is 99, not 100)."""
    source = (FJORDVALE / "fjordvale-learning-region" / "framework.yaml").read_text(encoding="utf-8")
    text = source.replace("id: fjordvale-learning-region", "id: broken-one", 1)
    text = re.sub(r"(?m)^total_points: .*$", "total_points: 99", text, count=1)
    folder = tmp_path / "fw" / "broken"
    folder.mkdir(parents=True)
    (folder / "framework.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "fw"))
    return str(folder / "framework.yaml")


def test_frameworks_says_1_problem(broken_framework):
    proc = lcity_here("frameworks", "--lang", "en")
    assert proc.returncode == 1
    assert "invalid: 1 problem " in proc.stdout or "invalid: 1 problem│" in proc.stdout.replace(" ", ""), proc.stdout
    assert "1 problems" not in proc.stdout + proc.stderr
    assert "is invalid: 1 problem;" in proc.stderr


def test_framework_check_says_1_error(broken_framework):
    proc = lcity_here("framework", "check", broken_framework, "--lang", "en")
    assert proc.returncode == 1
    assert "invalid — 1 error, 0 warnings" in proc.stderr, proc.stderr


@pytest.mark.parametrize(("lang", "columns"), [("en", 80), ("zh", 80), ("en", 60), ("zh", 50)])
def test_frameworks_on_a_terminal_never_squeezes_a_column_to_a_letter(broken_framework, lang, columns):
    """At 50 columns the Chinese name was wrapped to 10 cells in a column of 8, which Rich cut again:
    中国学习 / 型 / 城市建设 / 评 / 估指标体 / 系; a path longer than the terminal was folded at its
    edge, two pieces to copy."""
    from .test_cli_polish import on_terminal

    code, text = on_terminal("frameworks", "--lang", lang, columns=columns)
    assert code == 1, text
    lines = text.splitlines()
    # the path of each framework whole on a line of its own, however long (the terminal wraps it)
    assert "    " + broken_framework in lines, text
    table = [x for x in lines if "framework.yaml" not in x and "lcity framework check" not in x]
    assert max(_width(x) for x in table) <= columns, text
    # a wrapped cell ends in at most one lone character, never a column of them
    lone = [k for k, x in enumerate(table) if len(x.strip()) == 1]
    assert len(lone) <= 3 and all(b - a > 1 for a, b in pairwise(lone)), text
    assert "1 problems" not in text


def test_frameworks_piped_keeps_each_row_whole(broken_framework):
    proc = lcity("frameworks", "--lang", "en")
    rows = [x for x in proc.stdout.splitlines() if x.startswith("│")]
    assert len(rows) == 3, proc.stdout  # three frameworks, one line each
    assert any(broken_framework in x and "invalid: 1 problem" in x for x in rows), proc.stdout


def _width(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line.rstrip())


# --- a file over the size cap: the hint names what the file is -----------------------------------


@pytest.fixture(scope="module")
def huge(tmp_path_factory):
    """A YAML file over the 2 MB cap (comments only: its content is never read)."""
    path = tmp_path_factory.mktemp("huge") / "huge.yaml"
    path.write_text("# x\n" + ("#" + "a" * 99 + "\n") * 21000, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("args", "en", "zh"), [
    (("framework", "check", "{f}"), "(a framework file is a few thousand lines;", "（指标体系文件只有几千行；"),
    (("validate", "{f}"), "(an assessment is a few hundred lines;", "（一份自评表只有几百行；"),
    (("review", "validate", str(QINGSHI), "{f}"), "(an expert review is a few hundred lines;", "（一份专家评审表只有几百行；"),
    (("score", str(QINGSHI), "--review", "{f}"), "(an expert review is a few hundred lines;", "（一份专家评审表只有几百行；"),
])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_too_large_hint_names_what_the_file_is(huge, args, en, zh, lang):
    """A 2 MB framework was told "an assessment is a few hundred lines"."""
    proc = lcity(*(a.format(f=huge) for a in args), "--lang", lang)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    said = proc.stdout + proc.stderr
    assert f"{huge}:1:1:" in said and "too-large" in said, said
    assert (en if lang == "en" else zh) in said, said
    if "validate" not in args[:1]:
        assert "assessment" not in said and "自评表" not in said, said
    assert "Traceback" not in said


def test_too_large_hint_for_a_framework_given_to_score(huge):
    proc = lcity("score", str(QINGSHI), "--framework", huge, "--lang", "en")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "a framework file is a few thousand lines" in proc.stdout + proc.stderr


def test_read_bytes_refuses_a_kind_it_does_not_know(tmp_path):
    from indicators.safeyaml import read_bytes

    small = tmp_path / "s.yaml"
    small.write_text("a: 1\n", encoding="utf-8")
    assert read_bytes(small, kind="review") == b"a: 1\n"
    with pytest.raises(ValueError):
        read_bytes(small, max_bytes=1, kind="workbook")
