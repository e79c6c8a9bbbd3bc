"""Standard input is spoken about in its form's language, as the same file given by name (G13 P1:
``cat xicheng-2025.yaml | lcity validate -`` answered in English a form saying ``lang: zh``, and
``lcity status -`` titled it "Progress of -")."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import lcity_here as lcity


@pytest.mark.parametrize("command, said", [("validate", "<stdin>：无效——"), ("status", "<stdin> 填报进度")])
def test_standard_input_in_its_forms_language(tmp_path: Path, monkeypatch, command: str, said: str) -> None:
    monkeypatch.setenv("LANG", "C")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert lcity("init", "-o", "form.yaml", "--city", "西城区", cwd=tmp_path).returncode == 0
    text = (tmp_path / "form.yaml").read_text(encoding="utf-8")
    assert "\nlang: zh" in text
    got = lcity(command, "-", input=text, cwd=tmp_path)
    assert said in got.stdout + got.stderr, got.stdout + got.stderr
    english = lcity(command, "-", "--lang", "en", input=text, cwd=tmp_path)
    assert "<stdin>：" not in english.stdout + english.stderr
