"""lcity sensitivity analyses the figures a panel verified: a file with its --review files, a
folder's units with the reviews found by name (--no-reviews: the self-assessed ones), and says
which figures it analyses, so the interval it prints is the one the reviewed report prints."""

from __future__ import annotations

import json
import shutil

import pytest

from .conftest import EXAMPLES, lcity_here as lcity

DISTRICTS = EXAMPLES / "districts"
LANJIANG = DISTRICTS / "lanjiang.yaml"
LANJIANG_REVIEW = DISTRICTS / "lanjiang.review.yaml"
QUICK = ("--samples", "200", "--no-sobol")


def sensitivity_json(*args: str) -> dict:
    run = lcity("sensitivity", *args, *QUICK, "--format", "json")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def unit(data: dict, label: str) -> dict:
    return next(u for u in data["units"] if u["unit"] == label)


def score_total(*args: str) -> float:
    run = lcity("score", *args, "--format", "json")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)["total"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """Two districts, one of them reviewed: lanjiang with its review, beside wanghu."""
    where = tmp_path_factory.mktemp("districts")
    for name in ("lanjiang.yaml", "lanjiang.review.yaml", "wanghu.yaml"):
        shutil.copy(DISTRICTS / name, where / name)
    return where


@pytest.mark.parametrize("name", ["qingshi-district", "districts/lanjiang"])
def test_a_file_with_its_review_is_scored_as_score_review_scores_it(name):
    file, review = EXAMPLES / f"{name}.yaml", EXAMPLES / f"{name}.review.yaml"
    verified = score_total(str(file), "--review", str(review))
    own = score_total(str(file))
    assert round(verified, 3) != round(own, 3)  # the panel changed the total: the test can tell them apart
    got = unit(sensitivity_json(str(file), "--review", str(review)), file.stem)
    assert got["scored"] == round(verified, 3)
    assert got["verified"] is True and got["reviewers"] == 1 and got["self_assessed"] == round(own, 3)
    plain = unit(sensitivity_json(str(file)), file.stem)
    assert plain["scored"] == round(own, 3) and plain["verified"] is False and plain["reviewers"] == 0


def test_the_verified_interval_is_the_reviewed_reports():
    """The report's 七、稳健性分析 (2,000 draws, stream 0, with the reference units) and the
    command with the same draws give one interval for the verified unit."""
    from evaluator.pipeline import read_scored
    from evaluator.sensitivity import REPORT_SAMPLES, REPORT_SEED, for_unit

    r, loaded = read_scored(LANJIANG, reviews=[LANJIANG_REVIEW])
    report = for_unit(r, loaded.framework, sobol=False).units[0]
    run = lcity("sensitivity", str(LANJIANG), "--review", str(LANJIANG_REVIEW), "--samples", str(REPORT_SAMPLES),
                "--stream", str(REPORT_SEED), "--no-sobol", "--format", "json")
    assert run.returncode == 0, run.stderr
    got = unit(json.loads(run.stdout), "lanjiang")
    assert got["result"]["total"] == report.result.total.model_dump()
    # among the thinly documented reference cities the rank is the open one (rank_open), in both
    assert got["rank"] == report.model_dump()["rank"] and got["rank_open"] == report.model_dump()["rank_open"]


def test_a_folder_applies_the_reviews_found_by_name_unless_no_reviews(folder):
    verified = score_total(str(LANJIANG), "--review", str(LANJIANG_REVIEW))
    own = score_total(str(LANJIANG))
    with_reviews = sensitivity_json(str(folder))
    lanjiang = unit(with_reviews, "lanjiang")
    assert lanjiang["scored"] == round(verified, 3) and lanjiang["verified"] is True and lanjiang["reviewers"] == 1
    assert unit(with_reviews, "wanghu")["verified"] is False
    without = unit(sensitivity_json(str(folder), "--no-reviews"), "lanjiang")
    assert without["scored"] == round(own, 3) and without["verified"] is False and without["self_assessed"] is None


def test_a_broken_review_is_refused_with_its_place(tmp_path):
    bad = tmp_path / "lanjiang.review.yaml"
    text = LANJIANG_REVIEW.read_text(encoding="utf-8")
    assert "    value: 8060000\n" in text
    bad.write_text(text.replace("    value: 8060000\n", "    value: lots\n"), encoding="utf-8")
    line = text[:text.index("    value: 8060000")].count("\n") + 1
    run = lcity("sensitivity", str(LANJIANG), "--review", str(bad), *QUICK, "--lang", "en")
    assert run.returncode == 1
    assert f"{bad}:{line}:12: error wrong-type: D1 expects a number" in run.stderr
    assert "Traceback" not in run.stderr and run.stdout == ""
    assert run.stderr == lcity("score", str(LANJIANG), "--review", str(bad), "--lang", "en").stderr


def test_a_folders_broken_review_is_refused_too(tmp_path):
    shutil.copy(LANJIANG, tmp_path / "lanjiang.yaml")
    (tmp_path / "lanjiang.review.yaml").write_text("assessment: [oops\n", encoding="utf-8")
    run = lcity("sensitivity", str(tmp_path), *QUICK, "--lang", "en")
    assert run.returncode in (1, 2) and f"{tmp_path / 'lanjiang.review.yaml'}:" in run.stderr
    assert "Traceback" not in run.stderr
    assert lcity("sensitivity", str(tmp_path), *QUICK, "--no-reviews").returncode == 0  # the review left out


@pytest.mark.parametrize("lang, words", [("en", ["error usage", "is a folder", "leave out --review"]),
                                         ("zh", ["错误 usage", "是文件夹", "去掉 --review"])])
def test_review_with_a_folder_is_a_usage_error_with_a_hint(folder, lang, words):
    run = lcity("sensitivity", str(folder), "--review", str(LANJIANG_REVIEW), *QUICK, "--lang", lang)
    assert run.returncode == 2 and run.stdout == ""
    assert all(w in run.stderr for w in words), run.stderr
    assert f"lcity sensitivity {folder}/x.yaml --review R.yaml" in run.stderr


def test_review_and_no_reviews_together_is_a_usage_error():
    run = lcity("sensitivity", str(LANJIANG), "--review", str(LANJIANG_REVIEW), "--no-reviews", *QUICK, "--lang", "en")
    assert run.returncode == 2 and "--no-reviews analyses the self-assessed figures" in run.stderr


@pytest.mark.parametrize("lang, mark, line, left_out", [
    ("zh", "澜江区 ✓", "  澜江区：1 份评审，自评总分 90.6", "未采用文件夹中的 1 份评审文件（--no-reviews）"),
    ("en", "Lanjiang District ✓", "  Lanjiang District: 1 review, self-assessed total 90.6",
     "the folder's 1 review file left out (--no-reviews)")])
def test_the_table_says_which_units_are_verified(folder, lang, mark, line, left_out):
    run = lcity("sensitivity", str(folder), *QUICK, "--lang", lang)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert any(x.startswith(mark) and "89.5" in x for x in lines)  # the verified total, marked
    assert not any("望湖区 ✓" in x or "Wanghu District ✓" in x for x in lines)
    assert line in [x.rstrip() for x in lines]
    assert ("专家核定" if lang == "zh" else "verified by the expert panel") in run.stdout
    plain = lcity("sensitivity", str(folder), *QUICK, "--lang", lang, "--no-reviews")
    assert plain.returncode == 0, plain.stderr
    assert "✓" not in plain.stdout and left_out in plain.stdout
    assert any(x.startswith(mark[:-2]) and "90.6" in x for x in plain.stdout.splitlines())


def test_the_verification_lines_fit_80_columns(folder):
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    for lang in ("zh", "en"):
        run = subprocess.run([sys.executable, "-m", "lcity", "sensitivity", str(folder), *QUICK, "--lang", lang],
                             cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, COLUMNS="80", NO_COLOR="1"))
        assert run.returncode == 0, run.stderr
        from rich.cells import cell_len

        assert max(cell_len(x) for x in run.stdout.splitlines()) <= 80
