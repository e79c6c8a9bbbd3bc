"""Audit G22-T: a Chinese-only third-party framework of seven dimensions, star grades, no dimension
floor, levels 街道 / 社区 (tests/audit_cities/g22t/AUDIT.md), through every command, as its author
and its users see it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from .conftest import lcity_here as lcity

HERE = Path(__file__).parent / "audit_cities" / "g22t"
FW_DIR = HERE / "fw"
FW = FW_DIR / "xiqiao-xuexi-shequ" / "framework.yaml"
BEIAN = HERE / "beian-shequ-2025.yaml"
NANHU = HERE / "nanhu-shequ-2025.yaml"
DONGYUAN = HERE / "dongyuan-jiedao-2025.yaml"


@pytest.fixture(scope="module")
def installed():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LCITY_FRAMEWORK_PATH", str(FW_DIR))
        mp.setenv("COLUMNS", "80")
        yield


@pytest.fixture(scope="module")
def reports(installed, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """The English report of Beian (weak, unknown answers) and Nanhu's (a dimension answered not
    applicable) in both languages, as lcity report writes them."""
    folder = tmp_path_factory.mktemp("g22t")
    out = {}
    for unit, path, langs in (("beian", BEIAN, ("en",)), ("nanhu", NANHU, ("zh", "en"))):
        for lang in langs:
            pdf = folder / f"{unit}-{lang}.pdf"
            proc = lcity("report", str(path), "--lang", lang, "-o", str(pdf))
            assert proc.returncode == 0, proc.stdout + proc.stderr
            out[(unit, lang)] = pdf
    return out


def _text(pdf: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_audit_framework_and_its_units_are_valid(installed):
    proc = lcity("framework", "check", str(FW), "--lang", "en")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "valid — 0 errors, 0 warnings" in proc.stdout + proc.stderr
    for unit in (BEIAN, NANHU, DONGYUAN):
        assert lcity("validate", str(unit)).returncode == 0


# --- G22-T1: verify called an untouched English report "differs" ---------------------------------

def test_an_untouched_english_report_of_a_chinese_only_framework_verifies(installed, reports):
    """Its Appendix 1 reads "…'无障碍通道' scores 1 | 2.00 | 1 of 4 items present … 40% of 5 points.":
    squashed, the cells ran together into "scores 12.001 of 4 … points.", the summary's sentence
    "{city} scores {total} of {max} points." with a total of 12.001."""
    proc = lcity("verify", str(reports[("beian", "en")]), "--lang", "en")
    out = " ".join((proc.stdout + proc.stderr).split())
    assert proc.returncode == 0, out
    assert "agrees — total 22.8, 未评星, 不予评星" in out
    assert "12.001" not in out


def test_an_edited_total_in_the_english_summary_is_still_named(installed, reports):
    from indicators.loader import load_framework
    from reports.verify_pdf import _squash_page, printed_places

    pages = ["北岸社区 scores 22.8 of 100 points (robustness analysis, 90% interval: 19.3 to 26.5).",
             "Checklist of 4 items, weighted: '无障碍通道' scores 1 2.00 1 of 4 items present (固定活动室): 40% of 5 points."]
    edited = ["北岸社区 scores 29.8 of 100 points (robustness analysis, 90% interval: 19.3 to 26.5)."]

    class _Rescored:  # what printed_places reads of a re-scored Result
        total = 22.83
        self_assessed = None

        class grade:  # noqa: N801
            name = name_zh = "未评星"

        class recognition:  # noqa: N801
            name = name_zh = "不予评星"

    fw = load_framework(str(FW))
    found = printed_places([_squash_page(p) for p in pages], _Rescored, fw)
    assert [(p.what, p.printed, p.page) for p in found] == [("total", "22.8", 1)]
    found = printed_places([_squash_page(p) for p in edited], _Rescored, fw)
    assert [(p.what, p.printed, p.agrees) for p in found] == [("total", "29.8", False)]


# --- G22-T2: a framework without a dimension floor is told of "its 0% floor" ---------------------

@pytest.mark.parametrize("lang, said, never", [
    ("zh", ["DW 队伍建设维度中本级须填报的全部指标（DW1 专兼职教师）由本单位填报为不适用，该维度10分未计入评分，"
            "总分按其余维度折算：须经专家组核实这些指标确不适用，“通过星级评定”方能成立",
            "该维度10分未计入评分，总分按其余维度折算：请专家组核实上述指标是否确不适用"],
     ["底线也未检查", "0%的底线"]),
    ("en", ["so the dimension's 10 points are left out of the score and the total is rescaled over the other "
            "dimensions: '通过星级评定' stands only once the panel has checked that they do not apply"],
     ["floor is not checked", "0% floor"]),
])
def test_a_report_speaks_of_no_floor_the_framework_does_not_set(reports, lang, said, never):
    text = _text(reports[("nanhu", lang)])
    squashed = _squash(text)
    for s in said:
        assert _squash(s) in squashed, s
    for n in never:
        assert _squash(n) not in squashed, n


# --- G22-T3: Appendix 1's rows add up to 82.62, its 合计 row says 91.81, and nothing says why ----

@pytest.mark.parametrize("lang, said", [
    ("zh", "DW 队伍建设的指标均不适用，该维度不计：表中其余维度得分合计82.62分（满分90分），按100分制折算为合计91.81分。"),
    ("en", "No indicator of DW 队伍建设 applies, so the dimension is left out: the other dimensions' scores in the "
           "table, 82.62 of 90 points, are scaled to the 100-point total (91.81)."),
])
def test_the_score_table_says_why_its_total_is_more_than_its_rows(reports, lang, said):
    text = _text(reports[("nanhu", lang)])
    table = text[text.index("附件1" if lang == "zh" else "Appendix 1. Indicator score table"):]
    assert _squash(said) in _squash(table)


@pytest.mark.parametrize("lang, head", [("zh", "┃ 维度 ┃ 名称 ┃ 得分 ┃ 满分 ┃ 得分率 ┃"),
                                        ("en", "┃ dim ┃ name ┃ score ┃ points ┃ share ┃")])
def test_the_score_table_has_no_floor_column_without_a_floor(installed, lang, head):
    proc = lcity("score", str(BEIAN), "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    lines = [" ".join(x.split()) for x in proc.stdout.splitlines()]
    assert head in lines, proc.stdout
    assert not any(w in proc.stdout for w in ("底线 ┃", "floor ┃", "✓"))
    # a script's CSV keeps its columns
    csv = lcity("score", str(BEIAN), "--lang", lang, "--format", "csv").stdout.splitlines()
    assert csv[0].split(",")[-1] == ("底线" if lang == "zh" else "floor")


# --- G22-T4: the batch printed 98.72 where its summary.csv says 98.73 ------------------------------

def test_the_batch_ranking_prints_the_total_its_summary_gives(installed, tmp_path):
    """Dongyuan's total is 98.725: half up on its decimal value, 98.73, in the ranking printed, the
    summary and the report's 合计 alike."""
    from .conftest import lcity as lcity_process

    out = tmp_path / "batch"
    proc = lcity_process("batch", str(HERE), "-o", str(out), "--lang", "zh")
    assert proc.returncode == 0, proc.stderr
    assert "1   98.73  东园街道（dongyuan-jiedao-2025.yaml）" in proc.stdout + proc.stderr
    rows = (out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()
    assert any(r.startswith("1,dongyuan-jiedao-2025.yaml,ok,dongyuan,东园街道,") and ",98.73," in r for r in rows)
    # the ranking's chart names no floor among the reasons for red (G22-T2)
    ranking = _squash(_text(out / "ranking.pdf"))
    assert _squash("结论不是“通过星级评定”的单位不论总分高低均以红色显示（总分未达线、一票否决、数据不足或其他条件未满足）。") in ranking
    assert "底线" not in ranking


# --- G22-T7: lcity sensitivity spoke English about a folder of Chinese forms -----------------------

@pytest.mark.parametrize("lang, said", [
    (None, "注意 {folder}/fw：已跳过：文件夹（不读取子文件夹中的文件）"),
    ("en", "note {folder}/fw: skipped: a folder (files in sub-folders are not read)"),
])
def test_sensitivity_speaks_about_a_folder_in_its_forms_language(installed, lang, said):
    proc = lcity("sensitivity", str(HERE), "--no-sobol", "-n", "200", *(("--lang", lang) if lang else ()))
    assert proc.returncode == 0, proc.stderr
    assert said.format(folder=HERE) in proc.stderr.splitlines()


# --- G22-T5 (the part outside the engine): validate's hint spoke of 认定 ----------------------------

@pytest.mark.parametrize("lang, said, never", [
    ("zh", "确实无从开展的，在 note 中写明理由，由专家组核实）", "认定前"),
    ("en", "where it truly cannot apply, say why in note, for the panel to check)", "before recognition"),
])
def test_validate_asks_the_panel_to_check_a_dimension_left_out_without_speaking_of_recognition(installed, lang, said,
                                                                                              never):
    proc = lcity("validate", str(NANHU), "--lang", lang)
    out = " ".join((proc.stdout + proc.stderr).split())
    line = next(x for x in (proc.stdout + proc.stderr).splitlines() if "na-whole-dimension" in x)
    assert said in out and never not in line, line


# --- G22-T11: lcity plan -o kept the evidence of the answer a planned one replaces, without a word ---

def test_plan_output_asks_to_check_the_evidence_kept_beside_a_new_answer(installed):
    proc = lcity("plan", str(BEIAN), "-o", "-")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "  MY1: {value: 90, sample_size: 60, evidence: [社区自行问卷]}  # lcity plan：原为66；请核对佐证材料是否反映新的填报值" in lines
    assert "  DW1: {value: 3}  # lcity plan：原为不详；请列出佐证材料" in lines
    # the form's notes in its language; --lang en writes them in English
    lines = lcity("plan", str(BEIAN), "-o", "-", "--lang", "en").stdout.splitlines()
    assert ("  MY1: {value: 90, sample_size: 60, evidence: [社区自行问卷]}  # lcity plan: was 66; "
            "check that its evidence shows the new answer") in lines
    assert "  DW1: {value: 3}  # lcity plan: was unknown; list its evidence" in lines


# --- G22-T8: 八 had a lone "（一）对标位次" that only said there is no benchmark ----------------------

@pytest.mark.parametrize("lang, heading, appendix", [
    ("zh", "对标位次", "《西桥区学习型社区星级评定细则》没有参照单位，本社区无可比较的对象，故无对标表。"),
    ("en", "Benchmark position", "The framework 西桥区学习型社区星级评定细则 has no reference units, so this 社区 is "
                                 "compared with none: there is no benchmark table."),
])
def test_the_conclusion_has_no_benchmark_subsection_without_reference_units(reports, lang, heading, appendix):
    text = _text(reports[("nanhu", lang)])
    assert heading not in text
    assert _squash(text).count(_squash(appendix)) == 1  # said once, in 附件2 / Appendix 2
