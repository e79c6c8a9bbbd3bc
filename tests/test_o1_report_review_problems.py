"""``lcity report FORM --review REVIEW`` lists the problems of both inputs in one run (audit N #23):
an unfinished or unreadable form's errors and the review's, each review line worded as ``lcity
review validate`` words it; the exit code is the one either problem alone gives (2 when a file
cannot be read, else 1)."""

from __future__ import annotations

import shutil

import pytest

# what each command says and its exit code, in this process (reports in a real process: test_hardening_cli)
from .conftest import EXAMPLES, lcity_here, lcity_here as lcity


def _unfinished(tmp_path):
    made = lcity_here("init", "-o", str(tmp_path / "西城区-2025.yaml"), "--city", "西城区", "--level", "district",
                      "--lang", "zh")
    assert made.returncode == 0, made.stderr
    return tmp_path / "西城区-2025.yaml"


def _not_yaml(tmp_path):
    form = tmp_path / "松岭县-2025.yaml"
    shutil.copy(EXAMPLES / "yunling-county.yaml", form)
    form.write_text(form.read_text(encoding="utf-8").replace("reference_year:", "reference_year：", 1), encoding="utf-8")
    return form


def _lines_of(run, path) -> list[str]:
    return [ln for ln in (run.stdout + run.stderr).splitlines() if ln.startswith(f"{path}:")]


def _review_says(review, lang) -> list[str]:
    """The review's lines as ``lcity review validate`` prints them beside a form it can read."""
    run = lcity("review", "validate", str(EXAMPLES / "qingshi-district.yaml"), str(review), "--lang", lang)
    return _lines_of(run, review)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("form_kind", ["unfinished", "not-yaml"])
@pytest.mark.parametrize("review_kind,code", [("missing", 2), ("not-yaml", 2), ("other-unit", 1)])
def test_report_lists_the_forms_and_the_reviews_problems_in_one_run(tmp_path, lang, form_kind, review_kind, code):
    form = _unfinished(tmp_path) if form_kind == "unfinished" else _not_yaml(tmp_path)
    review = tmp_path / "r.review.yaml"
    if review_kind == "not-yaml":
        review.write_text("assessment: [\n  bad: : x\n", encoding="utf-8")
    elif review_kind == "other-unit":  # a valid review, of another unit: city, period and SHA-256 differ
        shutil.copy(EXAMPLES / "qingshi-district.review.yaml", review)
    run = lcity("report", str(form), "--review", str(review), "-o", str(tmp_path / "r.pdf"), "--lang", lang)
    assert run.returncode == code, run.stderr  # 2 when a file cannot be read (the review), else 1
    assert not (tmp_path / "r.pdf").exists()
    form_lines = _lines_of(run, form)
    assert form_lines and ("no-answer" in form_lines[0] or "full-width" in form_lines[0]), run.stderr
    said = _lines_of(run, review)
    if review_kind == "missing":
        assert said == [f"{review}:1:1: " + ("错误 unreadable: 文件不存在（请检查路径）" if lang == "zh"
                                             else "error unreadable: no such file (check the path)")]
    if review_kind != "other-unit":  # the file's own problems, whatever the form
        assert said == _review_says(review, lang), run.stderr
    elif form_kind == "unfinished":  # checked against the form as far as it could be read, as review validate does
        validate = lcity("review", "validate", str(form), str(review), "--lang", lang)
        assert said == _lines_of(validate, review) and any("city-mismatch" in ln for ln in said), run.stderr
    else:  # a form that is not YAML yet: nothing to check a well-formed review against
        assert said == []


def test_score_with_a_review_lists_both_too(tmp_path):
    form = _not_yaml(tmp_path)
    review = tmp_path / "r.review.yaml"
    review.write_text("assessment: [\n  bad: : x\n", encoding="utf-8")
    run = lcity_here("score", str(form), "--review", str(review), "--lang", "en")
    assert run.returncode == 2
    assert _lines_of(run, form) and _lines_of(run, review), run.stderr
    assert any(":2:" in ln and "syntax" in ln for ln in _lines_of(run, review))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_review_validate_says_the_reviews_problems_beside_a_form_that_is_not_yaml_yet(tmp_path, lang):
    form = _not_yaml(tmp_path)
    review = tmp_path / "r.review.yaml"
    review.write_text("assessment: [\n  bad: : x\n", encoding="utf-8")
    missing = tmp_path / "gone.review.yaml"
    run = lcity("review", "validate", str(form), str(review), str(missing), "--lang", lang)
    assert run.returncode == 2
    assert _lines_of(run, form)  # the form's slips, first
    assert _lines_of(run, review) == _review_says(review, lang) != []
    assert len(_lines_of(run, missing)) == 1
    report = lcity("report", str(form), "--review", str(review), "--review", str(missing), "-o",
                   str(tmp_path / "r.pdf"), "--lang", lang)
    said = [ln for ln in (run.stdout + run.stderr).splitlines() if ln.startswith(f"{tmp_path}/")]
    assert sorted(ln for ln in report.stderr.splitlines() if ln.startswith(f"{tmp_path}/")) == sorted(said)
