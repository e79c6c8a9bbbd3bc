"""The libyaml fast path gives exactly what the pure-Python path gives, and keeps every limit.

Each test reads the same text twice, once through libyaml's events (``USE_LIBYAML = True``) and once
through the pure-Python reference path, and compares data, marks, key marks and raw text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicators import safeyaml
from indicators.problems import InputError

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(safeyaml._CParser is None, reason="PyYAML was built without libyaml")


def _files() -> list[Path]:
    patterns = ["examples/*.yaml", "examples/*/*.yaml", "indicators/*/framework.yaml",
                "indicators/reference-cities/*.yaml", "tests/fixtures/**/*.yaml"]
    return sorted({p for pattern in patterns for p in ROOT.glob(pattern)})


def outcome(text: str, fast: bool, file: str = "t.yaml"):
    """What load_text gives: a snapshot of the Marked, or the problems as text."""
    old = safeyaml.USE_LIBYAML
    safeyaml.USE_LIBYAML = fast
    try:
        m = safeyaml.load_text(text, file)
        # repr keeps nan comparable and tells 1 from 1.0 and True
        return ("ok", repr(m.data), m.marks, m.key_marks, m.raw, m.text, m.file)
    except InputError as exc:
        return ("error", [(p.text(), p.fatal) for p in exc.problems])
    finally:
        safeyaml.USE_LIBYAML = old


def fast_is_used(text: str) -> bool:
    """True when the fast path read text without handing it to the reference path."""
    before = safeyaml.fallbacks
    outcome(text, fast=True)
    return safeyaml.fallbacks == before


def assert_same(text: str) -> tuple:
    fast, pure = outcome(text, True), outcome(text, False)
    assert fast == pure
    return fast


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_file_reads_the_same_on_both_paths(path):
    text = path.read_text(encoding="utf-8")
    assert assert_same(text)[0] == "ok"
    assert fast_is_used(text), "the fast path should handle every shipped file itself"
    # with a byte-order mark, as some Windows editors write it
    assert_same("\ufeff" + text)
    # with Windows line ends
    assert_same(text.replace("\n", "\r\n"))


def test_the_files_under_test_exist():
    names = {p.name for p in _files()}
    assert {"qingshi-district.yaml", "framework.yaml", "beijing.yaml"} <= names


def test_chinese_columns_are_counted_in_characters():
    text = "城市: 西城区\n说明: '学习型城市'\n列表: [甲, 乙, {丙: 丁}]\n"
    m = assert_same(text)
    marks = m[2]
    assert marks[("说明",)] == (2, 5)
    assert marks[("列表", 2, "丙")] == (3, 16)


def test_bom_does_not_shift_columns():
    m = assert_same("\ufeffa: 1\nb: [x, y]\n")
    assert m[2][("a",)] == (1, 4) and m[3][("a",)] == (1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "country: NO\nflag: on\ntime: 12:30\ndate: 2024-01-01\nratio: 1e3\nversion: 1.10\ncode: 010\n",
        "a: 0x1F\nb: 0o17\nc: +5\nd: -.5\ne: .inf\nf: -.Inf\ng: .NaN\nh: ~\ni: Null\nj: TRUE\nk: yes\n",
        "a: !!str 5\nb: !!int '7'\nc: !!float 3\nd: !!null x\ne: !!bool true\nf: !!seq [1]\ng: !!map {x: 1}\n",
        "a: '1'\nb: \"true\"\nc: |\n  lit\n  text\nd: >-\n  folded\n  text\ne: |+\n  keep\n\n",
        "a:\nb: ''\nc: ~\n",
        "base: &b {x: 1, y: [1, 2]}\none: *b\nlist: [&s 3, *s, {q: *b}]\n",
        "- a\n- - b\n  - c\n- {d: e}\n-\n",
        "%YAML 1.1\n---\na: 1\n...\n",
        "'quoted key': 1\n\"double\": 2\n? explicit\n: value\n",
        "a: 'it''s'\nb: \"tab\\there\\u00e9\"\n",
        "",
        "# only a comment\n",
        "a: 1\n---\nb: 2\n",
    ],
)
def test_typing_and_marks_are_the_same(text):
    assert_same(text)


def test_yaml_1_2_typing_on_the_fast_path():
    m = safeyaml.load_text("country: NO\ncode: 010\nversion: 1.10\nratio: 1e3\nflag: on\n")
    assert m.data == {"country": "NO", "code": 10, "version": 1.1, "ratio": 1000.0, "flag": "on"}
    assert m.raw_text(("version",)) == "1.10" and m.is_plain(("version",))
    assert m.raw_text(("code",)) == "010"


@pytest.mark.parametrize(
    "text",
    [
        "[" * 60 + "]" * 60,
        "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "x\n",
        "\n".join("-  " * i for i in range(1100)),
    ],
    ids=["flow", "block-mapping", "block-sequence"],
)
def test_depth_limit_is_the_same(text):
    fast = assert_same(text)
    assert fast[0] == "error" and "too-deep" in fast[1][0][0]


def test_40000_brackets_are_refused_in_process():
    """libyaml's composer would crash the interpreter; its event stream stops at the limit instead."""
    with pytest.raises(InputError) as exc:
        safeyaml.load_text("[" * 40000 + "]" * 40000)
    assert exc.value.problems[0].rule == "too-deep"


def test_alias_limit_is_the_same():
    ok = "a: &a x\n" + "".join(f"b{i}: *a\n" for i in range(safeyaml.MAX_ALIASES))
    assert assert_same(ok)[0] == "ok"
    assert fast_is_used(ok)
    too_many = ok + "z: *a\n"
    result = assert_same(too_many)
    assert result[0] == "error" and "too-many-aliases" in result[1][0][0]
    assert result[1][0][0].startswith(f"t.yaml:{safeyaml.MAX_ALIASES + 2}:4:")


def test_alias_bomb_costs_no_copies_on_the_fast_path():
    """The size of each anchored value is known, so the budget is checked before anything is copied."""
    from .test_safeyaml import BOMB

    before, copies = safeyaml.fallbacks, safeyaml.alias_copies
    assert safeyaml._fast_load(BOMB, "t.yaml") is None
    assert safeyaml.fallbacks == before + 1
    assert safeyaml.alias_copies == copies
    result = assert_same(BOMB)
    assert "too-large" in result[1][0][0]


def test_honest_aliases_are_copied_once_each():
    copies = safeyaml.alias_copies
    m = safeyaml.load_text("base: &b {x: 1, y: [1, 2]}\none: *b\ntwo: *b\n")
    assert safeyaml.alias_copies - copies == 2 * 5  # two aliases of a mapping holding 5 values in all
    m.data["one"]["y"].append(3)
    assert m.data["two"]["y"] == [1, 2] and m.data["base"]["y"] == [1, 2]


def test_nested_aliases_deeper_than_the_limit_are_refused():
    # each alias adds ~10 levels to the expanded data; the events themselves stay shallow
    lines = ["a0: &a0 " + "[" * 10 + "x" + "]" * 10]
    for i in range(1, 8):
        lines.append(f"a{i}: &a{i} " + "[" * 10 + f"*a{i - 1}" + "]" * 10)
    result = assert_same("\n".join(lines) + "\n")
    assert result[0] == "error" and "too-deep" in result[1][0][0]


def test_recursive_alias_is_refused_not_a_crash():
    result = assert_same("a: &a [1, *a]\n")
    assert result[0] == "error" and "recursive-alias" in result[1][0][0]


@pytest.mark.parametrize(
    "text",
    [
        "a: {b: , c}\n",
        "? x",
        "a: 1 \t\n",
        "a: [1, , 2]\n",
    ],
)
def test_libyaml_disagreements_go_to_the_reference_path(text):
    """Where libyaml marks or accepts differently from PyYAML, the reference path answers."""
    assert not fast_is_used(text)
    assert_same(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",
        "x: {b: 2, b: 3}\n",
        '"k": 1\nk: 2\n',
        "? [a]\n: 1\n",
        "a: !secret x\n",
        "a: !!python/object/apply:os.system ['true']\n",
        "a: !!int abc\n",
        "a: *nowhere\n",
        "a: &x 1\nb: &x 2\n",
        "a: 1\n b: 2\n",
        "a:\n\tb: 1\n",
        "a: 1 \t\n",
        "k: |#\n  x\n",
        "<<: {a: 1}\n",
        "a: 1e400\n",
        'a: "\\uD800"\n',
    ],
)
def test_problems_are_the_same(text):
    assert assert_same(text)[0] == "error"


# --- property tests -----------------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, width=64),
    st.text(max_size=20),
    st.sampled_from(["NO", "on", "010", "1.10", "12:30", "2024-01-01", "1e3", "~", "null", "", " ", "a: b",
                     "- x", "#", "'", '"', "西城区", "学习型城市 2.0", "<<", "*a", "&b", "!x", "|", ">"]),
)
keys = st.one_of(st.text(max_size=12), st.sampled_from(["id", "name", "城市", "NO", "1", "true", ""]))
data = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=5)),
    max_leaves=25,
)
dump_options = st.fixed_dictionaries(
    {
        "default_flow_style": st.sampled_from([False, None, True]),
        "allow_unicode": st.booleans(),
        "indent": st.sampled_from([2, 4]),
        "width": st.sampled_from([20, 80, 1000]),
        "explicit_start": st.booleans(),
        "sort_keys": st.booleans(),
    }
)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(data, dump_options)
def test_dumped_data_reads_the_same_on_both_paths(value, options):
    text = yaml.safe_dump(value, **options)
    assert assert_same(text)[0] == "ok"
    if "\t" not in text and not safeyaml._BLOCK_HEADER_COMMENT.search(text):
        assert fast_is_used(text)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(alphabet="[]{}:-,&*!|>'\"\n #ab1?.%\\u<~城", max_size=60))
def test_yaml_shaped_noise_reads_the_same_on_both_paths(text):
    assert_same(text)
