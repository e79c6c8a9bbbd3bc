"""G30S: the summary's and 七's wording a reader checks against the figures (tests/audit_cities/g30a and
g30t AUDIT.md): an interval that leaves out its own score says why (G30A-2); a deferral a hair below
the line is said to be close (G30A-4)."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from .conftest import report_lines, squash

ROOT = Path(__file__).resolve().parent.parent
G30A = ROOT / "tests" / "audit_cities" / "g30a"
HEMING = ROOT / "tests" / "audit_cities" / "g28a" / "heming-district-allfull.yaml"
JIEXI = G30A / "jiexi-district-hair-below.yaml"
QINGSHI = ROOT / "examples" / "qingshi-district.yaml"


@functools.lru_cache(maxsize=None)
def _text(path: Path, lang: str, reviews: tuple = ()) -> str:
    return squash(" ".join(report_lines(path, lang, reviews=list(reviews))))


# ---- G30A-2: 100.0 beside "98.5 to 99.5" ------------------------------------------------------

def test_a_score_above_its_own_interval_says_why_in_the_summary_and_in_seven():
    zh, en = _text(HEMING, "zh"), _text(HEMING, "en")
    assert squash("稳健性分析90%区间为98.5—99.5分，低于评估得分本身（各项指标均已得满分，评分标准浮动时只能失分）") in zh
    assert squash("该区间低于评估得分100.0分本身：各项指标均已得满分") in zh
    assert squash("(robustness analysis, 90% interval: 98.5 to 99.5; below the score itself, as every indicator "
                  "is at full points and moving the lines can only lose points)") in en
    assert squash("The interval lies below the score of 100.0 itself: every indicator is at full points") in en


def test_a_score_inside_its_interval_reads_as_before():
    for lang in ("zh", "en"):
        text = _text(QINGSHI, lang)
        assert "得分本身" not in text and "thescoreitself" not in text


# ---- G30A-4: 84.96 under an 85 line, 58 % of the draws keep the deferral ------------------------

def test_a_deferral_a_hair_below_the_line_is_said_to_be_close():
    zh, en = _text(JIEXI, "zh"), _text(JIEXI, "en")
    assert squash("评估结论“暂缓认定”在58%的抽样中不变。这一结论接近分界：总分84.96分，低于85分的认定线") in zh
    assert squash("对稳健性分析中的设定较为敏感") in zh
    assert squash("'Recognition deferred', in 58%. The decision is close: the total of 84.96 is less than 0.1 "
                  "points below the recognition line of 85 points") in en.replace("&#39;", "'")


# ---- G30A-3: after "各项指标均已得满分", no "针对上述薄弱环节" ----------------------------------------

def test_a_unit_at_full_points_is_not_told_of_weak_links():
    zh, en = _text(HEMING, "zh"), _text(HEMING, "en")
    assert squash("各项指标均已得满分，建议巩固现有成效，坚持每年监测，以评促建。") in zh
    assert "薄弱环节" not in zh and "巩固现有成效，针对" not in zh
    assert squash("Every indicator scores full points. Keep up what has been achieved and keep monitoring every year.") in en
    assert "weaklinks" not in en.lower()


# ---- G30T-4 and G30T-8: an English-only framework (tests/audit_cities/g30t/fw) ------------------

G30T = ROOT / "tests" / "audit_cities" / "g30t"
WRACKTON = G30T / "wrackton-2025.yaml"
WRACKTON_REVIEW = G30T / "wrackton-2025.review.yaml"


@pytest.fixture()
def harbour(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G30T / "fw"))
    from indicators import loader

    loader._load_path.cache_clear()
    yield
    loader._load_path.cache_clear()


def _plain(path: Path, lang: str, reviews: tuple = ()) -> str:
    return squash(" ".join(report_lines(path, lang, reviews=list(reviews)))).replace("&#39;", "'")


def test_a_condition_met_on_the_panels_rate_is_not_said_met_as_filed(harbour):
    zh = _plain(WRACKTON, "zh", (WRACKTON_REVIEW,))
    en = _plain(WRACKTON, "en", (WRACKTON_REVIEW,))
    assert squash("总分达到26分，“CharterTown”的各项条件按专家组核定值均已满足") in zh
    assert "按填报值均已满足" not in zh
    assert squash("every condition of 'Charter Town' is met on the figures as verified by the panel") in en
    assert "ismetonthefiguresasfiled" not in en


def test_a_deferral_on_a_survey_line_names_the_line_first_not_full_points(harbour):
    zh, en = _plain(WRACKTON, "zh"), _plain(WRACKTON, "en")
    assert squash("sk-1 Young people in training：宜按标准问卷扩大样本复核，以确定是否达到“Charter Town”所需的55%"
                  "（现为51%，门槛在抽样误差范围内）") in zh
    assert squash("sk-1 Young people in training: Survey a larger sample with the standard questionnaire to settle "
                  "the 55% line 'Charter Town' needs (now 51%, the line within the margin of error).") in en
    assert squash("First improvements: sk-1 Young people in training: Now 51%; full points at 85%") not in en


def test_a_rate_plainly_below_its_line_names_the_line_the_outcome_needs(harbour, tmp_path):
    unit = tmp_path / "wrackton-50.yaml"
    unit.write_text(WRACKTON.read_text(encoding="utf-8").replace(
        "sk-1: {value: 51, sample_size: 240", "sk-1: {value: 50, sample_size: 900"), encoding="utf-8")
    zh, en = _plain(unit, "zh"), _plain(unit, "en")
    assert squash("sk-1 Young people in training：现为50%，“Charter Town”需达到55%。") in zh
    assert squash("sk-1 Young people in training: Now 50%; 'Charter Town' needs at least 55%.") in en


# ---- G30A-5: 云杉区, not ratable, its lower bound 68.8 already past the 合格 line of 60 ---------------

def test_a_not_ratable_unit_whose_lower_bound_passes_a_line_is_told_so():
    unit = G30A / "yunshan-district-unknowns.yaml"
    zh, en = _text(unit, "zh"), _plain(unit, "en")
    assert squash("不作评估结论。无论数据不详的指标实际数值如何，总分都不低于68.8分，已达到“合格”等级的60分线") in zh
    assert squash("no grade and no decision. Whatever its unknown figures are, its total is at least 68.8, "
                  "already reaching the 60-point line of 'Pass'") in en
