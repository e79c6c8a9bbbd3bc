"""The report's pathway block (issue 12 item 5): declared beside observed, the type explained in
the study's words with the deciding evidence, and a mismatch stated as a finding."""

from __future__ import annotations

import pytest

from evaluator.benchmark import benchmark
from evaluator.engine import score
from evaluator.reading import read
from reports.context import build_context

from .conftest import ROOT

ARCHETYPES = ROOT / "tests" / "archetypes"


def _block(name: str, lang: str, declare: str | None = None) -> dict:
    assessment, fw = read(ARCHETYPES / name).require()
    if declare is not None:
        assessment = assessment.model_copy(update={"strategy": assessment.strategy.model_copy(
            update={"leads_with": [declare]})})
    result = score(assessment, fw)
    ctx = build_context(result, benchmark(result, fw), fw, assessment, lang=lang)
    return ctx["conclusion"]["pathway"]


def test_a_declaration_the_practice_contradicts_is_a_finding():
    b = _block("industry-east.yaml", "zh", declare="international")
    assert b["versus"] == "自述：国际化导向型；实际做法显示：产业驱动型。"
    assert "以产业创新需求倒逼教育升级" in b["text"]  # the study's characterisation of the type
    assert b["finding"].startswith("发现：") and "不一致" in b["finding"]
    assert any(line.startswith("G3 ") and "高于本单位平均" in line for line in b["evidence"])
    en = _block("industry-east.yaml", "en", declare="international")
    assert en["versus"] == "Declared: Internationalisation-oriented; observed in practice: Industry-driven."
    assert en["finding"].startswith("Finding:") and "do not match" in en["finding"]


def test_a_matching_declaration_is_said_plainly():
    b = _block("culture-central.yaml", "zh")
    assert b["versus"] == "自述：文化赋能型；实际做法显示：文化赋能型。"
    assert b["finding"] == "实际做法与自述一致。"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_signal_score_or_confidence_in_the_pathway_text(lang):
    b = _block("balanced-strong.yaml", lang)
    text = " ".join([b["versus"], b["text"], b["finding"], b["method"], *b["evidence"]])
    for banned in ("信号得分", "可信度", "signal score", "confidence"):
        assert banned not in text
    assert b["method"]  # the framework's method paragraph
