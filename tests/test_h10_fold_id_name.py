"""G13 P4 (tests/audit_readme_g13/): ``lcity sensitivity examples/districts | cat`` folded a
dimension's id away from its name in the ⚑ note: '新桥区：优秀 90分；H' above '校地联盟与多元协同的
60%底线'. The id and its name are joined by a no-break space, which the folder
(``lcity.tables._wrapped``) keeps on one line and prints as a plain space: piped and at 80 columns,
zh and en."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import EXAMPLES, lcity_here, terminal_lines

DISTRICTS = str(EXAMPLES / "districts")
ID_NAME = {"zh": "H 校地联盟", "en": "H University–community"}


def _flag_note(lines: list[str]) -> list[str]:
    k = next(i for i, ln in enumerate(lines) if ln.startswith("⚑ "))
    end = next(i for i in range(k + 1, len(lines)) if not lines[i].startswith("  "))
    return lines[k + 1:end]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_piped_the_id_stays_with_its_name(lang):
    run = lcity_here("sensitivity", DISTRICTS, "-n", "500", "--no-sobol", "--lang", lang)
    assert run.returncode == 0, run.stderr
    note = _flag_note(run.stdout.splitlines())
    xinqiao = [ln for ln in note if "H" in ln and ("校地联盟" in ln or "University" in ln)]
    assert xinqiao and ID_NAME[lang] in xinqiao[0], note
    assert not any(re.search(r"[；;] ?H$", ln) for ln in note), note
    assert "\u00a0" not in run.stdout  # a plain space to the reader and to a script


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_at_80_columns_the_id_stays_with_its_name(lang):
    lines = terminal_lines("sensitivity", DISTRICTS, "-n", "500", "--no-sobol", "--lang", lang)
    note = _flag_note(lines)
    assert any(ID_NAME[lang] in ln for ln in note), "\n".join(lines)
    assert not any(re.search(r"[；;] ?H$", ln) for ln in note), note


WORD = st.text("abcxyz学习城市", min_size=1, max_size=4)


@given(st.lists(st.tuples(WORD, st.booleans()), min_size=1, max_size=6), st.integers(28, 40))
def test_property_a_no_break_space_never_ends_a_line(words, width):
    """What stands either side of a no-break space is on one line; the folder prints it as a space
    and keeps every other character in its order."""
    from lcity.tables import _wrapped

    text = ""
    for k, (word, glued) in enumerate(words):
        text += word + ("" if k == len(words) - 1 else "\u00a0" if glued else " ")
    lines = _wrapped(text, width)
    assert not any("\u00a0" in ln for ln in lines)
    line_of, pos = {}, 0
    for n, line in enumerate(lines):
        while pos < len(text) and text[pos] == " " and not line.startswith(" "):
            pos += 1  # the space a line was broken at
        for ch in line:
            assert text[pos] == ch or (text[pos] == "\u00a0" and ch == " "), (text, lines)
            line_of[pos] = n
            pos += 1
    assert pos == len(text), (text, lines)
    for p, ch in enumerate(text):
        if ch == "\u00a0":
            assert line_of[p - 1] == line_of[p] == line_of[p + 1], (text, lines)
