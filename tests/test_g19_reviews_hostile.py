"""G19-C audit, reviews and verify: what a panel secretary and a report's recipient see.

An untouched review form is no panel's review (C1), a conclusion giving another grade is flagged
(C4), two copies of one review are refused by validate as by score (C8), a review dated before its
work or its assessment is caught (C9), a verification of an indicator not asked of the unit's level
is named (C17), and verify says "differs" of a report changed by a later revision (C2)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "qingshi-district.yaml"
REVIEW = ROOT / "examples" / "qingshi-district.review.yaml"
V2 = ROOT / "examples" / "v2" / "qingshi-district-2025.yaml"
LCITY = Path(sys.executable).parent / "lcity"


class Ran:
    """A run of the installed ``lcity`` as a user runs it (its --lang read from the command line)."""

    def __init__(self, done: subprocess.CompletedProcess) -> None:
        self.exit_code = done.returncode
        self.output = done.stdout + done.stderr


def run(*args: str) -> Ran:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return Ran(subprocess.run([str(LCITY), *args], capture_output=True, text=True, env=env, timeout=600))


def _example_review(tmp_path: Path, old: str, new: str, name: str = "r.yaml") -> Path:
    text = REVIEW.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.fixture
def unit(tmp_path: Path) -> Path:
    """The example assessment, beside the reviews (the reviews name it by file and SHA-256)."""
    path = tmp_path / "qingshi-district.yaml"
    shutil.copy(EXAMPLE, path)
    return path


@pytest.mark.parametrize("lang, says", [("en", "error no-reviewer"), ("zh", "错误 no-reviewer")])
def test_an_untouched_review_form_is_an_error_everywhere(tmp_path, lang, says):
    v2 = tmp_path / "v2.yaml"
    shutil.copy(V2, v2)
    form = tmp_path / "v2r.yaml"
    assert run("review", "init", str(v2), "-o", str(form), "--lang", lang).exit_code == 0
    checked = run("review", "validate", str(v2), str(form), "--lang", lang)
    assert checked.exit_code == 1
    assert "v2r.yaml:17:9: " + says in checked.output  # at reviewer.name: null
    assert "no-conclusion" in checked.output
    assert ("invalid" if lang == "en" else "无效") in checked.output
    scored = run("score", str(v2), "--review", str(form), "--lang", lang)
    assert scored.exit_code != 0 and "no-reviewer" in scored.output
    out = tmp_path / "blank.pdf"
    made = run("report", str(v2), "--review", str(form), "-o", str(out), "--lang", lang)
    assert made.exit_code != 0 and not out.exists()  # never a panel report signed by nobody


def test_a_missing_conclusion_is_said_and_never_the_panels_words(tmp_path, unit):
    r = _example_review(tmp_path, "conclusion:", "conclusion: null\nold_conclusion:")
    text = r.read_text(encoding="utf-8").split("old_conclusion:")[0]
    r.write_text(text, encoding="utf-8")
    out = run("review", "validate", str(unit), str(r), "--lang", "zh")
    assert "警告 no-conclusion: 评审文件没有写结论（conclusion）" in out.output


def test_lcity_summary_in_a_reviewed_conclusion_is_labelled_as_lcitys():
    import yaml

    for lang, words in (("zh", "不是专家组的意见"), ("en", "not the panel's words")):
        cat = yaml.safe_load((ROOT / "reports" / "catalogs" / f"{lang}.findings.yaml").read_text(encoding="utf-8"))
        assert words in cat["open_lead_review"]
        assert "专家组依据核定后的数据认为" not in cat["open_lead_review"]


@pytest.mark.parametrize("lang, says", [
    ("en", "warning panel-outcome: the conclusion gives the grade “优秀”, the rules give “Pass” for the verified total"),
    ("zh", "警告 panel-outcome: 结论写等级“优秀”，按计分规则核定总分"),
])
def test_a_conclusion_giving_another_grade_is_flagged(tmp_path, unit, lang, says):
    text = REVIEW.read_text(encoding="utf-8")
    import re

    conclusion = re.search(r"^conclusion: *(.*)$", text, re.M)
    assert conclusion
    r = tmp_path / "r.yaml"
    r.write_text(text[:conclusion.start()] + "conclusion: 青石区基础扎实，综合评定等级为优秀，建议暂缓认定，整改后复核。\n",
                 encoding="utf-8")
    out = run("review", "validate", str(unit), str(r), "--lang", lang)
    assert says in out.output
    assert out.output.count("panel-outcome") == 1


def test_a_grade_word_without_a_grade_cue_is_not_flagged(tmp_path, unit):
    from evaluator.reading import read
    from evaluator.review import grades_said

    fw = read(unit).framework
    assert grades_said("距优秀尚有差距，合格率较高", fw) == []
    assert [w for _, w in grades_said("综合评定等级为不合格", fw)] == ["不合格"]  # not 合格 inside it
    assert grades_said("评定等级未达到优秀", fw) == []


@pytest.mark.parametrize("lang, says", [("en", "error duplicate-review"), ("zh", "错误 duplicate-review")])
def test_validate_refuses_the_duplicates_score_refuses(tmp_path, unit, lang, says):
    copy = tmp_path / "r2.yaml"
    shutil.copy(REVIEW, copy)
    same = run("review", "validate", str(unit), str(REVIEW), str(copy), "--lang", lang)
    assert same.exit_code == 1 and says in same.output
    twice = run("review", "validate", str(unit), str(REVIEW), str(REVIEW), "--lang", lang)
    assert twice.exit_code == 1 and says in twice.output
    scored = run("score", str(unit), "--review", str(REVIEW), "--review", str(copy), "--lang", lang)
    assert scored.exit_code == 1 and says in scored.output


def test_a_review_dated_before_its_work_and_its_assessment(tmp_path, unit):
    r = _example_review(tmp_path, 'date: "2025-05-22"', 'date: "2024-01-01"')
    out = run("review", "validate", str(unit), str(r), "--lang", "en")
    assert out.exit_code == 1
    assert "error period-order: the review is dated 2024-01-01, before the self-assessment it reviews (2025-04-15)" \
        in out.output
    assert "warning period-order: the review is dated 2024-01-01, before process.end 2025-05-21" in out.output
    zh = run("review", "validate", str(unit), str(r), "--lang", "zh")
    assert "评审日期 2024-01-01 早于所评审的自评表日期（2025-04-15）" in zh.output
    # one day after the visits but before nothing else: warns only of the visits
    r2 = _example_review(tmp_path, 'date: "2025-05-22"', 'date: "2025-05-20"', "r2.yaml")
    late = run("review", "validate", str(unit), str(r2), "--lang", "en")
    assert "before process.end 2025-05-21" in late.output and "before the self-assessment" not in late.output


def test_a_verification_not_asked_of_the_level_is_named(tmp_path):
    v2 = tmp_path / "qingshi-district-2025.yaml"
    shutil.copy(V2, v2)
    form = tmp_path / "r.yaml"
    assert run("review", "init", str(v2), "-o", str(form), "--lang", "zh").exit_code == 0
    text = form.read_text(encoding="utf-8")
    text = text.replace("  name: null", "  name: 周明远", 1).replace("verified:\n", "verified:\n  L1: {value: true, reason: 经核实已加入}\n", 1)
    form.write_text(text.replace("conclusion: null", "conclusion: 建议认定。"), encoding="utf-8")
    out = run("review", "validate", str(v2), str(form), "--lang", "en")
    assert "warning not-for-level: L1 is not asked of a district under china-learning-city@2" in out.output
    zh = run("review", "validate", str(v2), str(form), "--lang", "zh")
    assert "不要求区填报 L1：这项核定不会采用" in zh.output


@pytest.fixture(scope="module")
def revised_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("verify")
    base = folder / "base.pdf"
    assert run("report", str(EXAMPLE), "-o", str(base), "--lang", "en").exit_code == 0
    annotated = folder / "annot.pdf"
    subprocess.run([sys.executable, str(ROOT / "tests" / "audit_hostile_g19" / "make_incremental_pdf.py"),
                    str(base), str(annotated)], check=True)
    return base, annotated


def test_verify_says_a_report_revised_after_lcity_wrote_it_differs(revised_report):
    base, annotated = revised_report
    assert annotated.read_bytes().startswith(base.read_bytes())  # the bytes lcity wrote are untouched
    en = run("verify", str(annotated), "--lang", "en")
    assert en.exit_code == 1
    assert "differs" in en.output
    assert "the PDF was changed after lcity wrote it: 1 revision appended later" in en.output
    assert "annotations lcity does not write" in en.output
    assert "what later revisions or annotations show (only that there are any is checked)" in en.output
    zh = run("verify", str(annotated), "--lang", "zh")
    assert zh.exit_code == 1 and "此 PDF 在 lcity 写出后被改动过" in zh.output


def test_verify_still_agrees_with_the_report_as_written(revised_report):
    base, _ = revised_report
    out = run("verify", str(base), "--lang", "en")
    assert out.exit_code == 0 and "agrees" in out.output and "later revision" not in out.output.split("checked:")[0]
