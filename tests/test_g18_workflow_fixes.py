"""The ordinary workflow of audit G18-E (tests/audit_workflow_g18/AUDIT.md): a district official's
workbook, its lossless YAML conversion and the panel's review of the workbook.

E4: a review made of the workbook applies to its ``lcity convert`` (the same assessment as read),
with a note saying so; a real change is still refused, naming the answers that differ.
E6: the converted YAML names each indicator as the district's form does.
E9: D1 typed per resident: the derived figure is not printed as 0, and the likely slip is named.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .conftest import lcity_here as lcity

HERE = Path(__file__).parent / "audit_workflow_g18"
SHA_XLSX = "2ff75bc205e2"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The official's workbook, the panel's review of it and the YAML converted from it."""
    d = tmp_path_factory.mktemp("g18e")
    for name in ("f2.xlsx", "f2.review.yaml"):
        shutil.copy(HERE / name, d / name)
    proc = lcity("convert", str(d / "f2.xlsx"), "-o", str(d / "f2.yaml"))
    assert proc.returncode == 0, proc.stderr
    return d


def _run(folder: Path, *args: str):
    return lcity(*args, cwd=str(folder))


def _changed(folder: Path, name: str, edits: list[tuple[str, str]]) -> Path:
    text = (folder / "f2.yaml").read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    out = folder / name
    out.write_text(text, encoding="utf-8")
    return out


# --- E4: the review of the workbook, given with its YAML conversion ---------------------------------


def test_review_of_the_workbook_applies_to_its_conversion_with_a_note_in_chinese(folder):
    proc = _run(folder, "review", "validate", "f2.yaml", "f2.review.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout + proc.stderr
    [line] = [ln for ln in out.splitlines() if "same-content" in ln]
    assert line.startswith("f2.review.yaml:12:11: 说明 same-content: ")
    assert f"评审针对的是 f2.xlsx（校验值 {SHA_XLSX}…）" in line
    assert "是同一自评表的另一格式（f2.xlsx → f2.yaml），内容一致，评审照常采用" in line
    assert "hash-mismatch" not in out and "1 份评审文件：有效" in out


def test_review_of_the_workbook_applies_to_its_conversion_with_a_note_in_english(folder):
    proc = _run(folder, "review", "validate", "f2.yaml", "f2.review.yaml", "--lang", "en")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    [line] = [ln for ln in (proc.stdout + proc.stderr).splitlines() if "same-content" in ln]
    assert line.startswith("f2.review.yaml:12:11: note same-content: the review is of f2.xlsx")
    assert "is the same self-assessment in another format (f2.xlsx → f2.yaml), with the same content" in line
    assert not re.search(r"[\u4e00-\u9fff]", line)


def test_a_real_change_is_still_refused_and_the_answers_that_differ_are_named(folder):
    _changed(folder, "g.yaml", [("value: 52876800", "value: 52000000"), ("population_60plus: 128000",
                                                                          "population_60plus: 129000")])
    proc = _run(folder, "review", "validate", "g.yaml", "f2.review.yaml")
    assert proc.returncode == 1
    [line] = [ln for ln in (proc.stdout + proc.stderr).splitlines() if "f2.review.yaml:12:11" in ln]
    assert "错误 hash-mismatch: 评审针对的自评文件 f2.xlsx（校验值 2ff75bc205e2…）与 g.yaml（校验值" in line
    assert "内容不同：city.population_60plus、D1 不一致" in line and "--accept-mismatch" in line
    en = _run(folder, "review", "validate", "g.yaml", "f2.review.yaml", "--lang", "en")
    assert en.returncode == 1
    assert "differs from it in city.population_60plus, D1" in en.stdout + en.stderr


def test_many_differences_are_counted_after_the_first_few(folder):
    text = (folder / "f2.yaml").read_text(encoding="utf-8")
    edits = [(m.group(0), m.group(0).replace("evidence: [", "evidence: [\"另加\", "))
             for m in re.finditer(r"  (A1|A2|B1|B2|B3|C1|C2|D1):\n(?:    .*\n)*?    evidence: \[", text)]
    assert len(edits) >= 7
    _changed(folder, "many.yaml", edits)
    out = _run(folder, "review", "validate", "many.yaml", "f2.review.yaml").stdout
    out += _run(folder, "review", "validate", "many.yaml", "f2.review.yaml", "--lang", "en").stdout
    assert re.search(r"内容不同：(\w+、){4}\w+，另有 \d+ 项 不一致", out), out
    assert re.search(r"differs from it in (\w+, ){4}\w+ and \d+ more", out), out


def test_without_the_reviewed_file_at_hand_the_mismatch_stays_as_before(folder, tmp_path):
    shutil.copy(folder / "f2.yaml", tmp_path / "f2.yaml")
    shutil.copy(folder / "f2.review.yaml", tmp_path / "f2.review.yaml")
    proc = _run(tmp_path, "review", "validate", "f2.yaml", "f2.review.yaml")
    assert proc.returncode == 1
    assert "评审后该文件可能有改动" in proc.stdout and "same-content" not in proc.stdout


def test_score_with_the_review_says_the_note_and_scores_as_the_workbook(folder):
    yaml_run = _run(folder, "score", "f2.yaml", "--review", "f2.review.yaml", "--format", "json")
    xlsx_run = _run(folder, "score", "f2.xlsx", "--review", "f2.review.yaml", "--format", "json")
    assert yaml_run.returncode == 0 and xlsx_run.returncode == 0, yaml_run.stderr
    assert "说明 same-content" in yaml_run.stderr and "same-content" not in xlsx_run.stderr
    import json

    a, b = json.loads(yaml_run.stdout), json.loads(xlsx_run.stdout)
    assert a["total"] == b["total"] and a["review"]["reviewers"] == 1
    # the provenance stays the file scored; the review's own SHA-256 is not that file's
    assert a["provenance"]["input_file"].endswith("f2.yaml") and a["review"]["hash_matches"] is False
    assert b["review"]["hash_matches"] is True


def test_the_report_names_the_file_the_review_was_made_of_and_verifies(folder):
    proc = _run(folder, "report", "f2.yaml", "--review", "f2.review.yaml", "-o", "r.pdf", "--html", "r.html")
    assert proc.returncode == 0, proc.stderr
    assert "同一自评表的另一格式（f2.xlsx → f2.yaml），内容一致" in proc.stderr
    html = re.sub(r"<[^>]+>|\s+", "", (folder / "r.html").read_text(encoding="utf-8"))
    assert "专家核查所针对的文件" in html
    assert "f2.xlsx（SHA-2562ff75bc205e2cb63…）：与本报告评分的f2.yaml是同一自评表的另一格式，内容一致" in html
    verified = _run(folder, "verify", "r.pdf")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    en = _run(folder, "report", "f2.yaml", "--review", "f2.review.yaml", "--html", "r-en.html", "--lang", "en")
    assert en.returncode == 0
    html = " ".join(re.sub(r"<[^>]+>", " ", (folder / "r-en.html").read_text(encoding="utf-8")).split())
    assert ("f2.xlsx (SHA-256 2ff75bc205e2cb63…): the same self-assessment as f2.yaml, scored here, in another "
            "format, with the same content") in html


# --- E6: the level's indicator names in the converted YAML --------------------------------------------


@pytest.mark.parametrize("lang, b1, l2, city_l2", [
    ("zh", "# B1 终身学习法规的实施办法", "# L2 参与城市国际交流", "# L2 国际认可"),
    ("en", "# B1 Implementing rules of the lifelong-learning regulation", "# L2 Part in the city's international exchange",
     "# L2 International recognition"),
])
def test_convert_names_the_district_indicators_as_the_district_form(folder, lang, b1, l2, city_l2):
    out = folder / f"names-{lang}.yaml"
    assert lcity("convert", str(folder / "f2.xlsx"), "-o", str(out), "--lang", lang).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert f"  {b1}\n" in text and f"  {l2}\n" in text and city_l2 + "\n" not in text


# --- E9: D1 typed per resident -----------------------------------------------------------------------


def test_d1_typed_per_resident_is_not_said_as_zero_and_the_slip_is_named(folder):
    _changed(folder, "d1.yaml", [("value: 52876800", "value: 86.4")])
    zh = _run(folder, "validate", "d1.yaml", "--lang", "zh").stdout
    [line] = [ln for ln in zh.splitlines() if "implausible-value: D1" in ln]
    assert "D1 填报 86.4 元，按常住人口（city.population：612,000）折算为 0.00014 元/人·年，低于 0.1" in line
    assert "本项应填总数（元），不是按常住人口折算后的数值（元/人·年）" in line and "折算为 0 元" not in line
    en = _run(folder, "validate", "d1.yaml", "--lang", "en").stdout
    [line] = [ln for ln in en.splitlines() if "implausible-value: D1" in ln]
    assert "is 0.00014 yuan per resident per year, below 0.1" in line
    assert "the question asks the total in yuan, not the figure divided by the resident population" in line


def test_a_low_total_that_is_no_per_resident_figure_keeps_the_usual_message(folder):
    _changed(folder, "d1low.yaml", [("value: 52876800", "value: 30000")])  # 0.049 元/人·年 (said 0.05): a total too small
    zh = _run(folder, "validate", "d1low.yaml", "--lang", "zh").stdout
    [line] = [ln for ln in zh.splitlines() if "implausible-value: D1" in ln]
    assert "D1 折算为 0.05 元/人·年，低于 0.1" in line and "本项应填总数" not in line


# --- E7: profile figures typed as text -------------------------------------------------------------


def test_a_profile_figure_typed_as_text_converts_as_the_number_it_shows(folder):
    import openpyxl

    sheet = openpyxl.load_workbook(folder / "f2.xlsx")["基本情况"]
    [cell] = [sheet.cell(c.row, 3) for c in sheet["B"] if c.value == "city.area_km2"]
    assert cell.value == "86.5" and cell.data_type == "s"  # as the official pasted it (fill.py)
    text = (folder / "f2.yaml").read_text(encoding="utf-8")
    assert "\n  area_km2: 86.5\n" in text and '"86.5"' not in text
    back = folder / "f2-back.xlsx"
    assert lcity("convert", str(folder / "f2.yaml"), str(back)).returncode == 0
    sheet = openpyxl.load_workbook(back)["基本情况"]
    [cell] = [sheet.cell(c.row, 3) for c in sheet["B"] if c.value == "city.area_km2"]
    assert cell.value == 86.5 and cell.data_type == "n"


# --- E8: the workbook's data-validation messages say what the rule accepts ------------------------------


@pytest.mark.parametrize("lang, whole, number, allows_zero", [
    ("zh", "整数，大于0", "数值，大于0", "不小于0"),
    ("en", "a whole number above 0", "a number above 0", "0 or more"),
])
def test_a_rule_that_refuses_zero_says_above_zero(tmp_path, lang, whole, number, allows_zero):
    import openpyxl

    form = tmp_path / "form.xlsx"
    assert lcity("init", "-o", str(form), "--lang", lang, "--level", "district").returncode == 0
    rules = [(dv.type, dv.operator, dv.error, str(dv.sqref)) for ws in openpyxl.load_workbook(form).worksheets
             for dv in ws.data_validations.dataValidation]
    above = [r for r in rules if r[1] == "greaterThan"]
    assert {r[2] for r in above} == {whole, number}
    assert any(r[3] == "N44 N45" and r[2] == whole for r in above)  # valid questionnaires
    assert all(allows_zero not in r[2] for r in above)
    assert all(r[1] == "greaterThanOrEqual" for r in rules if r[2] and allows_zero in r[2])
