"""Issue 10: hostile or odd input becomes one clear problem at its line and column, never a crash later.

Every case runs on both paths (libyaml events and pure Python) and must give the same problems.
Hostile inputs are generated here, in code; nothing binary is committed.
"""

from __future__ import annotations

import codecs

import pytest

from indicators import safeyaml
from indicators.problems import InputError
from indicators.safeyaml import load_file, load_text


@pytest.fixture(params=[True, False], ids=["libyaml", "pure"])
def path(request, monkeypatch):
    if request.param and safeyaml._CParser is None:
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(safeyaml, "USE_LIBYAML", request.param)
    return request.param


def problems(text: str):
    with pytest.raises(InputError) as exc:
        load_text(text, "t.yaml")
    return exc.value.problems


def where(text: str):
    return [(p.line, p.col, p.rule) for p in problems(text)]


# --- surrogates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ('name: "\\uD800"\n', (1, 8)),
        ('name: "abc \\udfff def"\n', (1, 12)),
        ('a:\n  b: "城市\\uDBFF"\n', (2, 9)),
        ('a: "x\\\\uD800 \\uDC01"\n', (1, 14)),  # the first is an escaped backslash, not an escape
        ('a: "\\U0000D800"\n', (1, 5)),
        ('a: "first line\n  \\uD800"\n', (2, 3)),
    ],
)
def test_escaped_surrogate_in_a_value(path, text, expected):
    [p] = problems(text)
    assert (p.line, p.col, p.rule) == (*expected, "surrogate")
    assert "unpaired surrogate \\u" in p.message
    assert "retype" in p.hint
    assert not p.fatal


def test_escaped_surrogate_in_a_key(path):
    [p] = problems('a:\n  "k\\uD800": 1\n')
    assert (p.line, p.col, p.rule) == (2, 5, "surrogate")


def test_surrogate_pair_escape_names_the_character(path):
    [p] = problems('emoji: "\\uD83D\\uDE00"\n')
    assert (p.line, p.col, p.rule) == (1, 9, "surrogate")
    assert "\\uD83D\\uDE00" in p.message
    assert "😀" in p.hint


def test_raw_surrogate_in_text(path):
    [p] = problems("a: x\nb: y\ud800z\n")
    assert (p.line, p.col, p.rule) == (2, 5, "surrogate")


def test_surrogate_bytes_in_a_file(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_bytes("城市: 西\n说明: ab".encode() + b"\xed\xa0\x80" + b"\n")
    with pytest.raises(InputError) as exc:
        load_file(f)
    [p] = exc.value.problems
    assert (p.line, p.col, p.rule) == (2, 7, "surrogate")
    assert "\\uD800" in p.message


# --- numbers too large ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "literal",
    [str(10**400), "-" + str(10**400), "0x" + "f" * 400, "9" * 5000, "1e400", "-1e400", "1.5E+999", "!!float 1e309",
     "!!int " + str(10**400)],
    ids=["int", "negative-int", "hex", "5000-digits", "float", "negative-float", "float-E", "tagged-float",
         "tagged-int"],
)
def test_numbers_too_large_for_a_float_are_refused(path, literal):
    [p] = problems(f"a: 1\nvalue: {literal}\n")
    assert (p.line, p.col, p.rule) == (2, 8, "number-too-large")
    assert len(p.message) < 120, "a 5000-digit number is not quoted in full"
    assert not p.fatal


@pytest.mark.parametrize("literal, value", [(".inf", float("inf")), ("-.Inf", float("-inf")), ("1e308", 1e308),
                                             (str(2**1000), 2**1000), ("0x" + "f" * 200, 16**200 - 1)])
def test_numbers_that_fit_still_load(path, literal, value):
    assert load_text(f"v: {literal}\n").data["v"] == value


def test_quoted_long_digits_are_text(path):
    assert load_text(f"v: '{'9' * 500}'\n").data["v"] == "9" * 500


# --- merge keys ----------------------------------------------------------------------------------


def test_merge_key_is_refused_once(path):
    text = "base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n"
    [p] = problems(text)
    assert (p.line, p.col, p.rule) == (3, 3, "merge-key")
    assert p.message == "merge keys (<<) are not supported"
    assert p.hint == "write the keys out in full"


def test_two_merge_keys_are_two_problems(path):
    assert where("a:\n  <<: {x: 1}\nb:\n  <<: {y: 2}\n") == [(2, 3, "merge-key"), (4, 3, "merge-key")]


def test_quoted_merge_key_is_an_ordinary_key(path):
    assert load_text('a: {"<<": 1}\n').data == {"a": {"<<": 1}}


# --- UTF-16 and UTF-32 files ---------------------------------------------------------------------

TEXT = "城市: 西城区\nyear: 2024\n"


@pytest.mark.parametrize(
    "data, name",
    [
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "UTF-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "UTF-16"),
        (TEXT.encode("utf-16-le"), "UTF-16"),
        (TEXT.encode("utf-16-be"), "UTF-16"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "UTF-32"),
        (TEXT.encode("utf-32-be"), "UTF-32"),
    ],
    ids=["16le-bom", "16be-bom", "16le", "16be", "32le-bom", "32be"],
)
def test_wide_encodings_are_named(tmp_path, data, name):
    f = tmp_path / "w.yaml"
    f.write_bytes(data)
    with pytest.raises(InputError) as exc:
        load_file(f)
    [p] = exc.value.problems
    assert (p.line, p.col, p.rule) == (1, 1, "encoding")
    assert p.message == f"the file is {name}; save it as UTF-8"


def test_nul_bytes_that_are_not_utf16_stay_a_character_problem(tmp_path):
    f = tmp_path / "z.yaml"
    f.write_bytes(b"a: 1\nb: x\x00y\n")
    with pytest.raises(InputError) as exc:
        load_file(f)
    [p] = exc.value.problems
    assert (p.line, p.col) == (2, 5) and "U+0000" in p.message


def test_encoding_error_column_counts_characters(tmp_path):
    f = tmp_path / "g.yaml"
    f.write_bytes("城市: ".encode() + "西".encode("gbk") + b"\n")
    with pytest.raises(InputError) as exc:
        load_file(f)
    [p] = exc.value.problems
    assert (p.line, p.col, p.rule) == (1, 5, "encoding")


# --- aliases -------------------------------------------------------------------------------------


def test_recursive_alias(path):
    [p] = problems("a: &a\n  b: *a\n")
    assert (p.line, p.col, p.rule) == (2, 6, "recursive-alias")


def test_aliases_nested_past_the_depth_limit(path):
    lines = ["a0: &a0 " + "[" * 10 + "x" + "]" * 10]
    lines += [f"a{i}: &a{i} " + "[" * 10 + f"*a{i - 1}" + "]" * 10 for i in range(1, 8)]
    [p] = problems("\n".join(lines) + "\n")
    assert p.rule == "too-deep" and p.fatal


# --- one mistake, one problem --------------------------------------------------------------------


def test_each_mistake_is_reported_once(path):
    text = (
        "a: 1\n"
        "a: 2\n"  # duplicate
        "<<: {x: 1}\n"  # merge key
        'b: "\\uD800"\n'  # surrogate
        "c: 1e400\n"  # overflow
        '"\\uDC00": 3\n'  # surrogate key
    )
    assert where(text) == [(2, 1, "duplicate-key"), (3, 1, "merge-key"), (4, 5, "surrogate"),
                           (5, 4, "number-too-large"), (6, 2, "surrogate")]
