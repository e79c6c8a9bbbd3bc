"""Issue 16, items 3 and 4: progress while filling in, a provisional score, and every problem in one
run even when the framework line is missing."""

from __future__ import annotations

import json
import re

import pytest

from evaluator.partial import read_partial
from evaluator.progress import progress, totals
from evaluator.reading import read_string
from indicators.loader import load_framework
from lcity.template import render_template

from .conftest import lcity_here as lcity


def answer(text: str, ind: str, lines: str) -> str:
    old = f"  {ind}:\n    value: null\n"
    assert old in text
    return text.replace(old, f"  {ind}:\n{lines}\n")


@pytest.fixture(scope="module")
def started() -> str:
    """A district's form, 3 answered, 1 unknown, 1 not applicable, the rest to fill in."""
    fw = load_framework("china-learning-city@2")
    text = render_template(fw, city="西城区", lang="zh", schema_path=None, level="district")
    for key, figure in (("communities", 250), ("streets", 15), ("population", 500000)):
        text = text.replace(f"  {key}: null", f"  {key}: {figure}")
    text = answer(text, "A1", "    value: plan")
    text = answer(text, "A2", "    value: [leading_body]")
    text = answer(text, "B2", "    value: true")
    text = answer(text, "A3", "    status: unknown")
    text = text.replace("  L2:\n    value: null\n    evidence: []\n    note: null",
                        "  L2:\n    status: not_applicable\n    evidence: []\n    note: 首次评估")
    return text


def test_progress_per_dimension_and_points_open(started):
    fw = load_framework("china-learning-city@2")
    rows = {r.id: r for r in progress(read_string(started).marked.data, fw)}
    a, b, l_ = rows["A"], rows["B"], rows["L"]
    assert (a.answered, a.unknown, a.missing, a.na, a.points_open) == (2, 1, 0, 0, 0)
    assert (b.answered, b.missing, b.open_ids) == (1, 1, ["B1"]) and b.points_open == pytest.approx(4)
    # L1 (GNLC membership) is not asked of a district: not counted, its points spread over L2 and L3
    assert (l_.na, l_.excluded, l_.missing, l_.total) == (1, 1, 1, 2) and l_.points == pytest.approx(6)
    total = totals(list(rows.values()))
    assert (total.answered, total.unknown, total.na, total.total) == (3, 1, 1, 47)  # 47, as init counts
    assert total.points == pytest.approx(100)
    assert total.points_open == pytest.approx(sum(r.points_open for r in rows.values()))


def test_status_and_validate_progress_print_it_in_the_files_language(tmp_path, started):
    path = tmp_path / "f.yaml"
    path.write_text(started, encoding="utf-8")
    shown = lcity("status", str(path))
    assert shown.returncode == 0, shown.stderr
    # the unknown A answer's 2 points are open, as the summary line counts them
    assert re.search(r"^A\s+2\s+1\s+0\s+0\s+2\s+政策蓝图与组织领导$", shown.stdout, re.M), shown.stdout
    assert "共 47 项：已填 3 项，无数据 1 项，待填 42 项，不适用 1 项" in shown.stdout
    assert "下一步：B1," in shown.stdout
    data = json.loads(lcity("status", str(path), "-f", "json", "--lang", "en").stdout)
    assert data["total"]["answered"] == 3 and data["complete"] is False
    assert data["dimensions"][0]["name"] == load_framework("china-learning-city@2").dimensions[0].name.en  # --lang en
    both = lcity("validate", str(path), "--progress")
    assert both.returncode == 1 and "错误 no-answer" in both.stdout and "填报进度" in both.stdout


def test_a_provisional_score_is_marked_everywhere(tmp_path, started):
    path = tmp_path / "f.yaml"
    path.write_text(started, encoding="utf-8")
    result, _ = read_partial(path)
    assert result.provisional and result.missing == 42 and result.answered == 3
    table = lcity("score", str(path), "--partial")
    assert table.returncode == 0, table.stderr
    assert table.stdout.count("暂定分数：47 项指标中有 42 项尚未填写") == 2  # above and below the table
    assert json.loads(lcity("score", str(path), "--partial", "-f", "json").stdout)["provisional"] is True
    assert lcity("score", str(path)).returncode == 1  # without --partial an unfinished file is refused
    refused = lcity("report", str(path), "--partial", "-o", str(tmp_path / "r.pdf"))
    # said in the form's language (its lang: line), as the unit's tables are
    assert refused.returncode == 2 and ("provisional" in refused.stderr or "暂定分数" in refused.stderr)
    assert not (tmp_path / "r.pdf").exists()


def test_a_wrong_value_is_still_refused_by_partial(tmp_path, started):
    path = tmp_path / "f.yaml"
    path.write_text(answer(started, "C3", "    value: maybe"), encoding="utf-8")
    proc = lcity("score", str(path), "--partial")
    assert proc.returncode == 1 and "C3" in proc.stderr


@pytest.mark.parametrize("line, why", [("", "the file has no framework line"),
                                       ("framework: china-learning-city@9\n", "is not an installed framework")])
def test_a_missing_framework_line_hides_no_answer_error(started, line, why):
    text = started.replace("framework: china-learning-city@2\n", line)
    text = answer(text, "C3", "    value: maybe")
    loaded = read_string(text, file="f.yaml")
    rules = [p.rule for p in loaded.problems]
    assert "wrong-type" in rules  # C3 is still checked
    note = next(p for p in loaded.problems if p.rule == "default-framework")
    assert why in note.message and "china-learning-city@2" in note.message
    assert not loaded.ok


def test_review_validate_lists_the_assessments_and_the_reviews_problems_in_one_run(tmp_path):
    from .conftest import EXAMPLES

    text = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
    assessment = tmp_path / "a.yaml"
    assessment.write_text(re.sub(r"^framework: .*\n", "", text, flags=re.M), encoding="utf-8")
    review = tmp_path / "r.yaml"
    review.write_text((EXAMPLES / "qingshi-district.review.yaml").read_text(encoding="utf-8")
                      .replace("material_review: true", "material_review: maybe"), encoding="utf-8")
    proc = lcity("review", "validate", str(assessment), str(review))
    assert proc.returncode == 1
    assert "a.yaml" in proc.stdout and "default-framework" in proc.stdout and "missing-key" in proc.stdout
    assert "r.yaml" in proc.stdout and "material_review" in proc.stdout
