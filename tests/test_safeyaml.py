"""The attack inputs of engineering.md's checklist: each is refused quickly and clearly, never run."""

from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.problems import InputError
from indicators.safeyaml import MAX_BYTES, load_file, load_text

from .conftest import lcity_here as lcity

BOMB = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
        "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
        "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
        "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
        "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]",
    ]
)


def rules_of(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(InputError) as exc:
        load_text(text, "t.yaml")
    return [(p.line, p.col, p.rule) for p in exc.value.problems]


def test_python_tag_is_refused_and_not_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = f"a: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(InputError) as exc:
        load_text(text, "t.yaml")
    p = exc.value.problems[0]
    assert (p.line, p.col, p.rule) == (1, 4, "unsupported-tag")
    assert "!!python/object/apply:os.system" in p.message
    assert exc.value.fatal
    assert not marker.exists()


def test_custom_tags_are_refused():
    assert rules_of("a: !secret x\n")[0][2] == "unsupported-tag"


def test_file_size_cap(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * (6 * 1024 * 1024) + b"\n")
    with pytest.raises(InputError) as exc:
        load_file(big)
    assert exc.value.problems[0].rule == "too-large"
    assert f"{MAX_BYTES:,}" in exc.value.problems[0].message


@pytest.mark.parametrize(
    "text",
    ["[" * 5000 + "]" * 5000, "\n".join("-  " * i for i in range(1100))],
    ids=["flow-5000", "block-1100"],
)
def test_deep_nesting_is_an_input_error(text):
    assert rules_of(text)[0][2] == "too-deep"


def test_40000_brackets_do_not_crash_the_process(tmp_path):
    """The C loader segfaults here; the CLI must answer with exit 2 and a message."""
    f = tmp_path / "deep.yaml"
    f.write_text("[" * 40000 + "]" * 40000)
    proc = lcity("validate", str(f))
    assert proc.returncode == 2, proc.stderr
    assert "too-deep" in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr


def test_alias_bomb_is_rejected_before_it_expands():
    """The mechanism, not the clock: the loader knows each anchored value's size and refuses the
    document before copying a single alias (the pure-Python path stops at the node budget)."""
    from indicators import safeyaml

    assert len(BOMB.encode()) < 400
    safeyaml.alias_copies = 0
    problems = rules_of(BOMB)
    assert problems[0][2] in ("too-large", "too-many-aliases")
    assert safeyaml.alias_copies == 0


def test_a_few_honest_anchors_still_load():
    m = load_text("base: &b {x: 1}\none: *b\ntwo: *b\n")
    assert m.data == {"base": {"x": 1}, "one": {"x": 1}, "two": {"x": 1}}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a: 1\na: 2\n", [(2, 1, "duplicate-key")]),
        ("x:\n  q: a\n  q: b\n", [(3, 3, "duplicate-key")]),
        ("x: {b: 2, b: 3}\n", [(1, 11, "duplicate-key")]),
        ('"k": 1\nk: 2\n', [(2, 1, "duplicate-key")]),
    ],
)
def test_duplicate_keys_are_errors_naming_both_lines(text, expected):
    with pytest.raises(InputError) as exc:
        load_text(text)
    got = [(p.line, p.col, p.rule) for p in exc.value.problems]
    assert got == expected
    assert "appears twice" in exc.value.problems[0].message


def test_duplicate_key_message_names_both_lines():
    with pytest.raises(InputError) as exc:
        load_text("a: 1\nb: 2\na: 3\n")
    assert "lines 1 and 3" in exc.value.problems[0].message


def test_yaml_1_1_surprises_keep_what_was_typed():
    m = load_text("country: NO\nflag: on\ntime: 12:30\ndate: 2024-01-01\nratio: 1e3\nversion: 1.10\ncode: 010\n")
    assert m.data["country"] == "NO"
    assert m.data["flag"] == "on"
    assert m.data["time"] == "12:30"
    assert m.data["date"] == "2024-01-01"
    # numbers keep their source text for text fields (see test_validate for the model side)
    assert m.raw_text(("version",)) == "1.10"
    assert m.raw_text(("code",)) == "010"


def test_syntax_error_has_a_location_and_hint():
    [(line, col, rule)] = rules_of("a: 1\n b: 2\n")
    assert (line, col, rule) == (2, 3, "syntax")


def test_tab_indentation_hint():
    with pytest.raises(InputError) as exc:
        load_text("a:\n\tb: 1\n")
    assert "spaces" in exc.value.problems[0].hint


def test_not_utf8(tmp_path):
    f = tmp_path / "gbk.yaml"
    f.write_bytes("city: 西城区\n".encode("gbk"))
    with pytest.raises(InputError) as exc:
        load_file(f)
    assert exc.value.problems[0].rule == "encoding"
    assert exc.value.problems[0].line == 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_gives_only_our_own_errors(text):
    """Whatever is typed, the loader answers with data or an InputError, never another exception."""
    try:
        load_text(text)
    except InputError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.line >= 1 and p.col >= 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="[]{}:-,&*!|>'\"\n #ab1\t", max_size=200))
def test_yaml_shaped_noise_gives_only_our_own_errors(text):
    try:
        load_text(text)
    except InputError as exc:
        assert exc.problems
