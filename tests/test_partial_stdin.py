"""``lcity score - --partial`` reads standard input, as ``lcity score -`` does (G13 P2: it answered
"-:1:1: error unreadable: no such file")."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import lcity_here as lcity


def test_a_provisional_score_of_standard_input(tmp_path: Path) -> None:
    assert lcity("init", "-o", "form.yaml", "--city", "西城区", cwd=tmp_path).returncode == 0
    text = (tmp_path / "form.yaml").read_text(encoding="utf-8")
    piped = lcity("score", "-", "--partial", "--format", "json", input=text, cwd=tmp_path)
    named = lcity("score", "form.yaml", "--partial", "--format", "json", cwd=tmp_path)
    assert piped.returncode == 0, piped.stderr
    a, b = json.loads(piped.stdout), json.loads(named.stdout)
    assert a["provisional"] is True and a["total"] == b["total"]
    assert a["provenance"]["input_file"] == "-" and b["provenance"]["input_file"] == "form.yaml"
    assert "no such file" not in piped.stderr
