"""A dimension none of whose indicators applies to the unit (audit G5, findings 4, 5 and 10).

Beidao (tests/audit_frameworks/g5) marks both indicators of WK not applicable. The engine leaves
the dimension out and scales the other dimensions (642.9 of 912.5 points) to the 1,000-point total
(704.6). The score table and the report's table listed the dimensions' scores beside that total
with nothing to say why they do not add up; the report said of each WK indicator that its points
went "to the other indicators of the dimension" (there are none); and its method said "the
framework states the rationale of each" of a framework that gives no rationale.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here as lcity

G5 = ROOT / "tests" / "audit_frameworks" / "g5"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))


def read(tmp_path: Path, unit: str, lang: str) -> str:
    out = tmp_path / f"{unit}-{lang}.html"
    run = lcity("report", str(G5 / f"{unit}.yaml"), "--html", str(out), "--lang", lang, "--date", "2025-12-01")
    assert run.returncode == 0, run.stderr
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("lang, says", [
    ("en", "No indicator of WK applies: the dimension is left out, and the other dimensions' 642.9 of 912.5 "
           "points are scaled to the 1000-point total, 704.6"),
    ("zh", "WK 的指标均不适用，该维度不计：其余维度得分 642.9（满分 912.5）按 1000 分制折算为 704.6"),
])
def test_score_says_why_the_dimensions_do_not_add_up_to_the_total(lang: str, says: str):
    run = lcity("score", str(G5 / "beidao-2025.yaml"), "--lang", lang)
    assert run.returncode == 0, run.stderr
    assert says in " ".join(run.stdout.split())


def test_score_of_a_unit_with_every_dimension_says_nothing_of_it():
    run = lcity("score", str(G5 / "lanport-2025.yaml"), "--lang", "en")
    assert "is left out" not in run.stdout and "scaled" not in run.stdout


@pytest.mark.parametrize("lang, says, never", [
    ("en", ["No indicator of WK Work and skills applies to Beidao, so the dimension is left out: the other "
            "dimensions' scores, 642.9 of 912.5 points, are scaled to the 1,000-point total (704.6).",
            "Apprenticeships does not apply to this unit; as no indicator of the dimension does, the dimension "
            "is left out and its points go to the other dimensions",
            "no indicator of WK Work and skills applies, so the dimension is left out and its points are spread "
            "over the other dimensions in proportion",
            "Weights: every dimension and indicator counts with the points the framework gives it."],
     ["Apprenticeships does not apply to this unit; its points are spread over the other indicators",
      "the framework states the rationale of each"]),
    ("zh", ["WK 工作与技能的指标均不适用于北岛镇，该维度不计：其余维度得分合计642.9分（满分912.5分），按1,000分制折算为总分704.6分。",
            "学徒岗位不适用于本单位；本维度指标均不适用，该维度不计，其分值按比例分配给其他维度",
            "WK 工作与技能的指标均不适用，该维度不计，其分值按比例分配给其他维度；"],
     ["学徒岗位不适用于本单位，其分值分配给本维度其他指标", "分值理由见指标体系"]),
])
def test_report_says_the_dimension_is_left_out(tmp_path: Path, lang: str, says: list[str], never: list[str]):
    text = read(tmp_path, "beidao-2025", lang)
    for s in says:
        assert s in text, s
    for s in never:
        assert s not in text, s
    # AC keeps its other indicators: AC-2_3's points stay within AC, as before
    assert ("Evening opening does not apply to this unit; its points are spread over the other indicators"
            if lang == "en" else "夜间开放不适用于本单位，其分值分配给本维度其他指标") in text


def test_the_engines_reason_says_the_dimension_is_left_out():
    """Each WK indicator's reason said its points were 'spread over the rest of dimension WK', of which
    nothing is left; a dimension with indicators that still apply (AC) keeps that reason."""
    import json

    run = lcity("score", str(G5 / "beidao-2025.yaml"), "--format", "json")
    assert run.returncode == 0, run.stderr
    reasons = {i["id"]: (i["reason"], i["reason_zh"]) for i in json.loads(run.stdout)["indicators"]}
    assert reasons["WK-5_1"] == ("WK-5_1 marked not applicable: no indicator of dimension WK applies, so the dimension "
                                 "is left out and its points go to the other dimensions in proportion",
                                 "WK-5_1 标注为不适用：WK维度的指标均不适用，该维度不计，其分值按比例分配给其他维度")
    assert reasons["AC-2_3"][0] == "AC-2_3 marked not applicable: its 24.75 points are spread over the rest of dimension AC"
