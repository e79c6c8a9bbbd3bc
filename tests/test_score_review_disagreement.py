"""``lcity score --review`` with several reviewers says beside each disagreement whether it changes the
grade or the outcome, and when the reviewers' own answers give different ones, that the conclusion
waits for the panel, as the report says beside its conclusion."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here as lcity

D = ROOT / "tests" / "audit_readings3"


def _copy(tmp_path: Path, g1: int) -> list[str]:
    for name in ("d-meichuan-district.yaml", "d-meichuan-district.review-1.yaml"):
        shutil.copy(D / name, tmp_path / name)
    text = (D / "d-meichuan-district.review-2.yaml").read_text(encoding="utf-8")
    (tmp_path / "d-meichuan-district.review-2.yaml").write_text(
        text.replace("  G1:\n    value: 30\n", f"  G1:\n    value: {g1}\n"), encoding="utf-8")
    return [str(tmp_path / "d-meichuan-district.yaml"), "--review", str(tmp_path / "d-meichuan-district.review-1.yaml"),
            "--review", str(tmp_path / "d-meichuan-district.review-2.yaml")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_disagreement_that_changes_nothing_says_so(tmp_path, lang):
    got = lcity("score", *_copy(tmp_path, 30), "--lang", lang)
    assert got.returncode == 0, got.stderr
    line = next(x for x in got.stdout.splitlines() if "G1" in x and ("专家分歧" in x or "disagree" in x))
    assert line.endswith("（不改变等级和结论）" if lang == "zh" else "(changes neither the grade nor the outcome)")
    assert "讨论" not in got.stdout and "waits for the panel" not in got.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_decisive_disagreement_says_the_conclusion_waits(tmp_path, lang):
    got = lcity("score", *_copy(tmp_path, 20), "--lang", lang)
    assert got.returncode == 0, got.stderr
    line = next(x for x in got.stdout.splitlines() if "G1" in x and ("专家分歧" in x or "disagree" in x))
    assert line.endswith("（取其中一位的核定值会改变等级或结论）" if lang == "zh"
                         else "(one reviewer's answer alone would change the grade or outcome)")
    assert ("结论须经专家组讨论统一核定值后确定" if lang == "zh" else "the conclusion waits for the panel") in got.stdout
