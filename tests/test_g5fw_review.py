"""A review form of a framework without vetoes offers none (audit G5, finding 7): Bay Rim's form
(tests/audit_frameworks/g5) had "# 一票否决项（如有；写明理由）：" and an empty "vetoes:", and a veto
written there was refused with "（否决项：）", an empty list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here as lcity

G5 = ROOT / "tests" / "audit_frameworks" / "g5"
ALDMARK = ROOT / "tests" / "audit_frameworks" / "aldmark"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", f"{G5}:{ALDMARK}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_form_of_a_framework_without_vetoes_offers_none(tmp_path: Path, lang: str):
    form = tmp_path / "beidao.review.yaml"
    run = lcity("review", "init", str(G5 / "beidao-2025.yaml"), "-o", str(form), "--lang", lang)
    assert run.returncode == 0, run.stderr
    text = form.read_text(encoding="utf-8")
    assert "vetoes" not in text and "一票否决" not in text and "Veto" not in text
    assert "conclusion: null" in text


def test_a_framework_with_vetoes_keeps_them(tmp_path: Path):
    form = tmp_path / "fenmoor.review.yaml"
    assert lcity("review", "init", str(ALDMARK / "fenmoor-2025.yaml"), "-o", str(form)).returncode == 0
    assert "\nvetoes:\n" in form.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, says", [
    ("en", "'fraud' is not a veto item of bayrim-lc-rating@1 (bayrim-lc-rating@1 has no veto items: delete this "
           "entry of vetoes)"),
    ("zh", "“fraud”不是 bayrim-lc-rating@1 的否决项（bayrim-lc-rating@1 没有否决项：请删除 vetoes 下的这一项）"),
])
def test_a_veto_under_a_framework_without_vetoes_is_refused_with_a_reason(tmp_path: Path, lang: str, says: str):
    form = tmp_path / "beidao.review.yaml"
    assert lcity("review", "init", str(G5 / "beidao-2025.yaml"), "-o", str(form)).returncode == 0
    with form.open("a", encoding="utf-8") as fh:
        fh.write("vetoes:\n  - {id: fraud, reason: forged papers}\n")
    run = lcity("review", "validate", str(G5 / "beidao-2025.yaml"), str(form), "--lang", lang)
    assert run.returncode == 1
    out = run.stdout + run.stderr
    assert says in out, out
    assert "（否决项：）" not in out and "(veto items: )" not in out
