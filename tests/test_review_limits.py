"""A review's lists have limits, as its texts do (hostile-input audit H5-D15): 10,000 findings made
a 353-page report and a panel of 5,000 members a 325-page one, with no word."""

from __future__ import annotations

import yaml

from .conftest import EXAMPLES, lcity_here as lcity


def _review(tmp_path, **changes):
    data = yaml.safe_load((EXAMPLES / "qingshi-district.review.yaml").read_text(encoding="utf-8"))
    for path, value in changes.items():
        *head, last = path.split(".")
        node = data
        for key in head:
            node = node.setdefault(key, {})
        node[last] = value
    p = tmp_path / "r.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return p


def test_a_review_with_hundreds_of_findings_is_refused_at_the_list(tmp_path):
    review = _review(tmp_path, **{"findings.strengths": [f"优势{i}" for i in range(201)]})
    proc = lcity("review", "validate", str(EXAMPLES / "qingshi-district.yaml"), str(review), "--lang", "en")
    assert proc.returncode == 1
    assert "findings.strengths: a list has more than 200 entries" in proc.stdout
    report = lcity("report", str(EXAMPLES / "qingshi-district.yaml"), "--review", str(review), "-o",
                   str(tmp_path / "r.pdf"))
    assert report.returncode == 1 and not (tmp_path / "r.pdf").exists()


def test_a_panel_of_fifty_one_is_refused_and_two_hundred_findings_pass(tmp_path):
    members = [{"name": f"专家{i}", "role": "成员"} for i in range(51)]
    proc = lcity("review", "validate", str(EXAMPLES / "qingshi-district.yaml"),
                 str(_review(tmp_path, panel=members)), "--lang", "en")
    assert proc.returncode == 1 and "panel: a list has more than 50 entries" in proc.stdout
    ok = _review(tmp_path, **{"findings.problems": [f"问题{i}" for i in range(200)]})
    assert lcity("review", "validate", str(EXAMPLES / "qingshi-district.yaml"), str(ok)).returncode == 0


def test_a_folder_of_junk_files_still_gets_its_ranking_with_the_failures_counted(tmp_path):
    """10,000 empty files made the ranking report exceed its time limit and be lost (H5-D11): it
    lists the first failures and counts the rest, all of which are in the summaries."""
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(105):
        (folder / f"e{k:03d}.yaml").write_text("", encoding="utf-8")
    (folder / "beiling.yaml").write_bytes((EXAMPLES / "districts" / "beiling.yaml").read_bytes())
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"), "--lang", "en")
    assert (tmp_path / "out" / "ranking.pdf").exists(), proc.stdout + proc.stderr
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "out" / "ranking.pdf").pages)
    assert "and 5 more" in " ".join(text.split())  # (pypdf may give "ﬁles" with its ligature)
    assert "e000.yaml" in text and "e104.yaml" not in text  # the first hundred listed, the rest counted


def test_csv_cells_a_spreadsheet_would_run_are_written_as_text():
    from lcity.tables import csv_safe

    assert csv_safe('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert csv_safe("@SUM(A1)") == "'@SUM(A1)" and csv_safe("+cmd|x") == "'+cmd|x" and csv_safe("-x") == "'-x"
    assert csv_safe("+1.00") == "+1.00" and csv_safe("-0.5") == "-0.5" and csv_safe("12%") == "12%"
    assert csv_safe("北岭区") == "北岭区"
