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
