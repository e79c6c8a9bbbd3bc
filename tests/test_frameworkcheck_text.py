"""`lcity framework check` and `lcity validate` on what was typed: what an id may start with, control characters, octal and hexadecimal numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here as lcity

UNESCO = ROOT / "examples" / "frameworks" / "unesco-key-features" / "framework.yaml"


def _copy(tmp_path: Path, edit) -> Path:
    """A copy of the UNESCO example framework, changed by `edit` (text -> text)."""
    folder = tmp_path / "unesco-key-features"
    folder.mkdir()
    path = folder / "framework.yaml"
    text = UNESCO.read_text(encoding="utf-8")
    changed = edit(text)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    return path


@pytest.mark.parametrize("lang, said", [("en", "an ASCII letter (a–z, A–Z)"), ("zh", "以英文字母（a–z、A–Z）开头")])
def test_an_id_in_chinese_is_told_to_start_with_an_ascii_letter(tmp_path, lang, said):
    path = _copy(tmp_path, lambda t: t.replace("  - id: neighbourhoods\n", "  - id: 公平\n", 1))
    line = path.read_text(encoding="utf-8").splitlines().index("  - id: 公平") + 1
    proc = lcity("framework", "check", "--lang", lang, str(path))
    assert proc.returncode == 1
    assert f"framework.yaml:{line}:9" in proc.stdout and "'公平'" in proc.stdout
    assert said in proc.stdout


@pytest.mark.parametrize("escape, code", [("\\e[31m", "U+001B ESC"), ("\\a", "U+0007 BEL"), ("\\r\\n", "U+000D CR"),
                                          ("\\u202e", "U+202E")])
@pytest.mark.parametrize("lang, said", [("en", "holds the invisible control character"), ("zh", "含有不可见的控制字符")])
def test_a_control_character_in_a_name_is_named_at_its_line(tmp_path, escape, code, lang, said):
    old = 'en: "UNESCO Key Features of Learning Cities: self-assessment"'
    path = _copy(tmp_path, lambda t: t.replace(old, old.replace("UNESCO Key", f"UNESCO{escape} Key"), 1))
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("name:"))
    col = path.read_text(encoding="utf-8").splitlines()[line - 1].index('"UNESCO') + 1
    proc = lcity("framework", "check", "--lang", lang, str(path))
    assert f"framework.yaml:{line}:{col}" in proc.stdout and "control-character" in proc.stdout
    assert ("warning control-character" if lang == "en" else "警告 control-character") in proc.stdout
    assert "name.en" in proc.stdout and code in proc.stdout and said in proc.stdout
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout


def _assessment(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    text = (ROOT / "examples" / "yunling-county.yaml").read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text.splitlines().index(new.rstrip("\n")) + 1


@pytest.mark.parametrize("typed, said_en, said_zh", [
    ("0o12", "'0o12' is written in octal, which YAML would read as 10", "'0o12' 是八进制写法，YAML 会读作 10"),
    ("0x10", "'0x10' is written in hexadecimal, which YAML would read as 16", "'0x10' 是十六进制写法，YAML 会读作 16"),
])
def test_a_population_in_octal_or_hex_is_refused_at_its_place(tmp_path, typed, said_en, said_zh):
    path, line = _assessment(tmp_path, "  population: 310000\n", f"  population: {typed}\n")
    for lang, said in (("en", said_en), ("zh", said_zh)):
        proc = lcity("validate", "--lang", lang, str(path))
        assert proc.returncode == 1
        assert f"a.yaml:{line}:15" in proc.stdout and "wrong-type" in proc.stdout and said in proc.stdout


def test_an_answer_in_hex_is_refused_not_read_as_its_value(tmp_path):
    path, line = _assessment(tmp_path, "    value: 110\n", "    value: 0x6E\n")
    proc = lcity("validate", str(path))
    assert proc.returncode == 1
    assert f"a.yaml:{line}:12" in proc.stdout and "'0x6E'" in proc.stdout


@pytest.mark.parametrize("typed, valid", [("310_000", True), ("0310000", True), ("1:20", False)])
def test_other_number_forms_keep_their_reading(tmp_path, typed, valid):
    """Consistent with the octal and hex rule: '1:20' (a YAML 1.1 sexagesimal) is text and refused;
    '310_000' and '0310000' are the decimal number 310000 as typed (a population that still
    holds the example's residents aged 60 and over)."""
    path, line = _assessment(tmp_path, "  population: 310000\n", f"  population: {typed}\n")
    proc = lcity("validate", str(path))
    assert (proc.returncode == 0) is valid, proc.stdout
    if not valid:
        assert f"a.yaml:{line}:15" in proc.stdout and f"'{typed}'" in proc.stdout


def test_a_framework_total_in_hex_is_refused(tmp_path):
    path = _copy(tmp_path, lambda t: t.replace("\ntotal_points: 100\n", "\ntotal_points: 0x64\n", 1))
    proc = lcity("framework", "check", str(path))
    assert proc.returncode == 1
    assert "'0x64' is written in hexadecimal, which YAML would read as 100" in proc.stdout
