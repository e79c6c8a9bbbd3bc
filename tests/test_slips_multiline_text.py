"""G18-C1: full-width punctuation inside a note that runs over several lines is the user's text.

A note written as a block scalar (``|``, ``>``), a quoted string over several lines, or a plain
scalar whose continuation lines are indented deeper than its key: a line of it such as
``Email： office@…`` or ``value： １２`` is text, not a key typed with a full-width colon.
``validate`` accepts the file (as ``score`` does) and ``fix --write`` leaves it byte for byte,
while a real slip on a key line after the note is still found at its character."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.slips import scan

from .conftest import EXAMPLES, lcity

NOTE = "    note: 本区适用省级条例，河西市尚未出台地方性法规\n"

NOTES = {
    "block-literal": "    note: |\n      河西市尚未出台地方性法规。\n      Email： office@qingshi.gov.cn\n\n      value： １２\n",
    "block-folded": "    note: >-\n      河西市尚未出台地方性法规。\n      Tel： （０１０）１２３４\n",
    "quoted-double": '    note: "说明\n      value： １２ \\"引文\\"\n  B2： 【a，b】"\n',
    "quoted-single": "    note: '说明 ''引文''\n      Email： office@qingshi.gov.cn'\n",
    "plain": "    note: 说明\n      value： １２\n      　　Email： office@qingshi.gov.cn\n",
}


def example() -> str:
    text = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
    assert text.count(NOTE) == 1
    return text


def write(tmp_path: Path, text: str, name: str = "f.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("form", sorted(NOTES))
def test_a_multi_line_note_is_text_validated_and_never_rewritten(tmp_path, form):
    text = example().replace(NOTE, NOTES[form])
    assert scan(text) == []
    path = write(tmp_path, text)
    checked = lcity("validate", str(path), "--lang", "en")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "full-width" not in checked.stdout + checked.stderr
    assert lcity("score", str(path)).returncode == 0  # validate and score agree
    fixed = lcity("fix", str(path), "--write", "--lang", "en")
    assert fixed.returncode == 0, fixed.stderr
    assert path.read_bytes() == text.encode("utf-8")


@pytest.mark.parametrize("form", sorted(NOTES))
def test_a_full_width_colon_on_a_key_line_after_the_note_is_still_a_slip(tmp_path, form):
    # the next indicator's key, at or below the indentation of 'note', typed with a full-width colon
    text = example().replace(NOTE, NOTES[form]).replace("  B2:\n", "  B2：\n", 1)
    n = line_of(text, "  B2：\n")
    assert [(s.line, s.col, s.old, s.new) for s in scan(text)] == [(n, 5, "：", ":")]
    path = write(tmp_path, text)
    checked = lcity("validate", str(path), "--lang", "en")
    assert checked.returncode == 1
    assert f"f.yaml:{n}:5: error full-width" in checked.stdout + checked.stderr
    lcity("fix", str(path), "--write")
    assert path.read_text(encoding="utf-8") == example().replace(NOTE, NOTES[form])  # the note kept as typed


def test_a_sibling_key_after_a_block_note_is_scanned(tmp_path):
    text = example()
    start = text.index(NOTE)
    evidence_at = text.rindex("    evidence: ", 0, start)
    evidence = text[evidence_at:start]
    moved = text[:evidence_at] + NOTES["block-literal"] + evidence.replace("evidence: ", "evidence：　", 1) \
        + text[start + len(NOTE):]
    n = line_of(moved, "    evidence：")
    assert [(s.line, s.col, s.kind) for s in scan(moved)] == [(n, 13, "fullwidth-colon"), (n, 14, "fullwidth-space")]
    path = write(tmp_path, moved)
    lcity("fix", str(path), "--write")
    assert path.read_text(encoding="utf-8") == text[:evidence_at] + NOTES["block-literal"] + evidence \
        + text[start + len(NOTE):]
    assert lcity("validate", str(path)).returncode == 0


def test_block_evidence_items_and_nested_forms():
    text = ("A1:\n  value: plan\n  evidence:\n    - |\n      文件：１２号\n      value： １２\n"
            "    - 说明\n      Email： x\n  note： y\n")
    assert [(s.line, s.col) for s in scan(text)] == [(9, 7)]


def test_structure_typed_too_deep_after_a_plain_value_is_still_scanned():
    # 'key: value' cannot continue a plain scalar, so the line is structure and its slips are found
    text = "A1:\n  value: x\n    evidence: 【a，b】\n"
    assert [s.kind for s in scan(text)] == ["fullwidth-bracket", "fullwidth-comma", "fullwidth-bracket"]
