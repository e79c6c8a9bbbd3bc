"""Audit G26-T: a bilingual provincial scheme for model community-education streets and townships
(levels 街道 / 乡镇), whose outcomes are titles (命名为社区教育示范街道（乡镇） / 确认为社区教育合格街道
（乡镇） / 不予命名), with dimensions of 18.5–24 points, an answered and a review-only veto, two
resident-survey lines with a stratified sampling rule, per-capita figures over the population, the
older population, the communities and a figure of its own, and an indicator for townships only
(tests/audit_cities/g26t/AUDIT.md), as its users see it."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from .conftest import lcity_here as lcity, report_lines

HERE = Path(__file__).parent / "audit_cities" / "g26t"
FW_DIR = HERE / "fw"
FW = FW_DIR / "jh-sqjy-shifan" / "framework.yaml"
UNITS = {u: HERE / f"{u}-2025.yaml" for u in ("donghu-jiedao", "baisha-zhen", "liulin-zhen")}
REVIEW = HERE / "baisha-zhen-2025.review.yaml"


@pytest.fixture
def installed(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(FW_DIR))
    monkeypatch.setenv("COLUMNS", "80")


def text(path: Path, lang: str, reviews: tuple = ()) -> str:
    return html.unescape(" ".join(report_lines(path, lang, reviews)))


def test_the_audit_framework_its_units_and_review_are_valid(installed):
    proc = lcity("framework", "check", str(FW), "--lang", "en")
    assert "valid — 0 errors, 0 warnings" in proc.stdout + proc.stderr
    for unit in UNITS.values():
        assert lcity("validate", str(unit)).returncode == 0, unit
    assert lcity("review", "validate", str(UNITS["baisha-zhen"]), str(REVIEW)).returncode == 0


# --- G26-T1: an outcome's name is not the name of a line -----------------------------------------

def test_the_robustness_sentence_names_the_points_an_outcome_needs(installed):
    zh, en = (text(UNITS["baisha-zhen"], lang) for lang in ("zh", "en"))
    assert "总分85.3分，达到“命名为社区教育示范街道（乡镇）”所需的85分（高出0.3分）" in zh
    assert "达到85分的命名为" not in zh
    assert ("the total of 85.3 is 0.3 points above the 85 needed for "
            "'Named a model community-education street (township)', yet") in en
    assert "above the Named a model" not in en


def test_the_reviewed_unit_below_the_line_reads_the_same_way(installed):
    zh = text(UNITS["baisha-zhen"], "zh", (REVIEW,))
    assert "总分82.5分，低于“命名为社区教育示范街道（乡镇）”所需的85分（相差2.5分），但" in zh
    assert "低于85分的命名为" not in zh


# --- G26-T2: the panel's conclusion gives another total than the verified one ---------------------

def test_review_validate_warns_at_a_total_the_panel_did_not_verify(installed):
    proc = lcity("review", "validate", str(UNITS["baisha-zhen"]), str(REVIEW))
    assert "baisha-zhen-2025.review.yaml:92:13: 警告 panel-statement: “总分为82.3分”与核定总分 82.5 分不符" in proc.stdout
    en = lcity("review", "validate", str(UNITS["baisha-zhen"]), str(REVIEW), "--lang", "en").stdout
    assert "“总分为82.3分” does not match the verified total, 82.5 points" in en


def test_the_reviewed_report_lists_the_total_for_the_panel_to_resolve(installed):
    zh = text(UNITS["baisha-zhen"], "zh", (REVIEW,))
    assert "两年后再申报示范。”：其中“总分为82.3分”与核定总分82.5分不符" in zh
    en = text(UNITS["baisha-zhen"], "en", (REVIEW,))
    assert "“总分为82.3分” (a total of 82.3) does not match the verified total of 82.5 points" in en


@pytest.mark.parametrize("sentence", ["经核定总分为82.5分，建议确认为合格。", "自评85.3分，核定总分82.5分。",
                                      "核定总分约83分。", "总分82分。", "总分达到85分的方可命名为示范。",
                                      "The verified total of 82.5 points", "a total of at least 85"])
def test_a_total_the_panel_rounds_or_a_line_it_names_is_not_listed(sentence, installed):
    from evaluator.claims import total_claims

    from .conftest import scored_reviewed

    result, _, _ = scored_reviewed(UNITS["baisha-zhen"], REVIEW)
    assert total_claims(result, [sentence]) == []
    assert [c.claim for c in total_claims(result, ["经核定总分为80分。"])] == ["总分为80分"]


# --- G26-T3: a veto grades a unit below the coverage the framework needs, and validate said nothing --

def test_validate_says_a_vetoed_unit_is_short_of_data_for_a_grade(installed):
    out = lcity("validate", str(UNITS["liulin-zhen"])).stdout
    assert ("警告 low-coverage: 已填报的指标占总分的 64%（100 分中的 63.8 分），低于本框架定级所需的 75%："
            "评分因一票否决给出“不合格”；否决项消除后，数据不足仍不能定级（再填报至少 11.3 分的指标即可定级") in out
    en = lcity("validate", str(UNITS["liulin-zhen"]), "--lang", "en").stdout
    assert "lcity score says 'Not qualified' because a veto applies; once the veto is gone" in en
    assert "low-coverage" not in lcity("validate", str(UNITS["donghu-jiedao"])).stdout


# --- G26-T8: the English form lists a scheme's levels by pinyin ids alone ---------------------------

def test_the_english_form_names_the_levels_its_ids_do_not_say(installed):
    en = lcity("init", "--framework", "jh-sqjy-shifan", "-o", "-", "--level", "xiangzhen", "--lang", "en").stdout
    assert "  level: xiangzhen  # jiedao (street) | xiangzhen (township)" in en
    zh = lcity("init", "--framework", "jh-sqjy-shifan", "-o", "-", "--level", "xiangzhen").stdout
    assert "  level: xiangzhen  # jiedao（街道） | xiangzhen（乡镇）" in zh


def test_the_china_english_form_keeps_its_plain_level_ids(monkeypatch):
    monkeypatch.delenv("LCITY_FRAMEWORK_PATH", raising=False)
    en = lcity("init", "-o", "-", "--level", "district", "--lang", "en").stdout
    assert "  level: district  # city | district | county" in en
