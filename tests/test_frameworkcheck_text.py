"""`lcity framework check` on the text of a framework: what an id may start with, and control characters."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT, lcity

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
def test_a_control_character_in_a_name_is_refused_at_its_line(tmp_path, escape, code, lang, said):
    old = 'en: "UNESCO Key Features of Learning Cities: self-assessment"'
    path = _copy(tmp_path, lambda t: t.replace(old, old.replace("UNESCO Key", f"UNESCO{escape} Key"), 1))
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("name:"))
    col = path.read_text(encoding="utf-8").splitlines()[line - 1].index('"UNESCO') + 1
    proc = lcity("framework", "check", "--lang", lang, str(path))
    assert proc.returncode == 1
    assert f"framework.yaml:{line}:{col}" in proc.stdout and "control-character" in proc.stdout
    assert "name.en" in proc.stdout and code in proc.stdout and said in proc.stdout
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout
