"""A flow text holding {unit} unquoted (audit G5, finding 16): `question: {zh: 本{unit}…, en: "…"}`
stopped `lcity framework check` with "put a value containing ',' or '}' in quotes", though the
culprit is the '{' of {unit}. The hint now names '{' and {unit}.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here as lcity

FRAMEWORK = ROOT / "tests" / "audit_frameworks" / "g5" / "bayrim-lc-rating" / "framework.yaml"


@pytest.mark.parametrize("lang, says", [
    ("en", "put a value containing ',', '{' or '}' in quotes (a text holding {unit} too)"),
    ("zh", "含有“,”“{”或“}”的值（包括含 {unit} 的文本）请加引号"),
])
def test_an_unquoted_unit_placeholder_in_a_flow_text_is_named(tmp_path: Path, lang: str, says: str):
    text = FRAMEWORK.read_text(encoding="utf-8").replace('question: {zh: "本{unit}是否已由议会通过终身学习章程？"',
                                                          "question: {zh: 本{unit}是否已由议会通过终身学习章程？")
    bad = tmp_path / "bayrim" / "framework.yaml"
    bad.parent.mkdir()
    bad.write_text(text, encoding="utf-8")
    run = lcity("framework", "check", str(bad), "--lang", lang)
    assert run.returncode != 0
    out = run.stdout + run.stderr
    assert f"{bad}:27:25:" in out, out
    assert says in out, out


def test_the_audited_framework_passes():
    run = lcity("framework", "check", str(FRAMEWORK), "--lang", "en")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "valid — 0 errors, 0 warnings" in run.stdout + run.stderr
