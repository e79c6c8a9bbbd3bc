"""The CLI as a third-party framework's user and a Chinese official meet it (audits H3 and H4):
the language of tables, reports and messages; tables at 80 columns on a terminal; labels instead
of ids; one rounding of a total; the trend across framework versions; the batch summary's columns.

Each test is a defect an auditor met, asserted on what the user sees.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from .conftest import EXAMPLES, ROOT, lcity_here as lcity

FJORDVALE = ROOT / "tests" / "audit_frameworks" / "fjordvale"
FJ = "fjordvale-learning-region@1"
CITIES = ROOT / "tests" / "audit_cities"
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture
def fjordvale(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(FJORDVALE))
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


def on_terminal(*args: str, columns: int = 80, env: dict | None = None) -> tuple[int, str]:
    """The CLI on a pseudo-terminal ``columns`` wide, as a user sees it: (exit code, plain text)."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 60, columns, 0, 0))
    environ = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1", **(env or {})}
    proc = subprocess.Popen([sys.executable, "-m", "lcity", *args], stdin=slave, stdout=slave, stderr=slave,
                            cwd=ROOT, env=environ, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    code = proc.wait(timeout=120)
    os.close(master)
    return code, _ANSI.sub("", b"".join(chunks).decode("utf-8", "replace")).replace("\r\n", "\n")


def _cells(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line.rstrip())


# --- H3#1: one rule for the language of tables and reports ----------------------------------------


def _with_lang(tmp_path: Path, name: str, lang: str) -> Path:
    path = tmp_path / name
    path.write_text(f"lang: {lang}\n" + (FJORDVALE / name).read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _framework_speaking(tmp_path: Path, language: str) -> Path:
    """A copy of the Fjordvale framework that declares its default language."""
    folder = tmp_path / "frameworks"
    shutil.copytree(FJORDVALE / "fjordvale-learning-region", folder / "fjordvale-learning-region")
    fw = folder / "fjordvale-learning-region" / "framework.yaml"
    fw.write_text(fw.read_text(encoding="utf-8").replace("version: 1\n", f"version: 1\nlanguage: {language}\n", 1),
                  encoding="utf-8")
    return folder


def test_the_files_lang_line_sets_the_language_of_score_and_benchmark(fjordvale, tmp_path):
    unit = _with_lang(tmp_path, "kvarnby-2025.yaml", "en")
    table = lcity("score", str(unit))
    assert table.returncode == 0, table.stderr
    assert "Kvarnby Municipality — Fjordvale Regional Learning Network review" in table.stdout
    assert "维度" not in table.stdout and "Grade:" in table.stdout
    bench = lcity("benchmark", str(unit))
    assert "Reference units:" in bench.stdout and "参照单位" not in bench.stdout
    zh = lcity("score", str(unit), "--lang", "zh")  # the command's --lang first
    assert "维度" in zh.stdout
    assert "维度" in lcity("--lang", "zh", "score", str(unit)).stdout  # then the global one


def test_a_framework_that_declares_english_gets_english_tables_without_a_lang_line(tmp_path, monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(_framework_speaking(tmp_path, "en")))
    unit = FJORDVALE / "kvarnby-2025.yaml"  # no lang: line
    assert "Grade:" in lcity("score", str(unit)).stdout
    assert "Reference units' pathway" in lcity("cities", "--framework", FJ, "--pathways").stdout
    pinned = _with_lang(tmp_path, "kvarnby-2025.yaml", "zh")  # the file's lang: comes before the framework's
    assert "等级" in lcity("score", str(pinned)).stdout


def test_china_units_stay_in_chinese_under_an_english_locale(monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    out = lcity("score", str(EXAMPLES / "qingshi-district.yaml")).stdout
    assert "等级" in out and "维度" in out
    assert "参照" in lcity("cities").stdout


def test_report_help_names_the_rule_not_every_chinese_city():
    text = lcity("report", "--help").stdout
    assert "as for every Chinese city" not in text
    assert "framework's language" in " ".join(text.split())


def test_a_report_follows_the_files_lang_line(fjordvale, tmp_path):
    unit = _with_lang(tmp_path, "kvarnby-2025.yaml", "en")
    html = tmp_path / "k.html"
    made = lcity("report", str(unit), "--html", str(html), timeout=300)
    assert made.returncode == 0, made.stderr
    page = html.read_text(encoding="utf-8")
    assert "评估报告" not in page and "Kvarnby Municipality" in page


# --- H3#7 and H3#21: tables at 80 columns on a terminal -----------------------------------------


def test_frameworks_at_80_columns_prints_each_path_whole_on_its_own_line(fjordvale):
    code, text = on_terminal("frameworks")
    assert code == 0
    lines = text.splitlines()
    assert "    indicators/china-learning-city/framework.yaml" in lines
    assert any(line.strip().endswith("fjordvale-learning-region/framework.yaml") for line in lines)
    assert not any(re.search(r"[│┃] \S [│┃]\s*$", line) for line in lines)  # no column one letter wide
    assert all(_cells(line) <= 80 for line in lines)


def test_explain_at_80_columns_puts_the_why_under_its_row(fjordvale):
    code, text = on_terminal("score", str(FJORDVALE / "sandhamn-2025.yaml"), "--explain", "--lang", "en")
    assert code == 0
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("ACC1 Adult participation"))
    assert "3.75/10.00" in lines[row]
    assert lines[row + 1].startswith("    ACC1: 35% (floor 20% scores 0, target 60% scores full)")
    listing = lines[lines.index("Indicators"):]
    assert all(_cells(line) <= 80 for line in listing)
    assert len(listing) < 50  # was about ten lines per indicator


def test_explain_in_chinese_at_80_columns_keeps_scores_whole_and_shows_labels():
    code, text = on_terminal("score", str(EXAMPLES / "qingshi-district.yaml"), "--explain")
    assert code == 0
    row = next(line for line in text.splitlines() if line.startswith("A1 学习型城市建设规划"))
    assert "3.00/3.00" in row  # the score is never folded
    assert "plan_with_targets" not in row and "有规划或行动计划" in row  # the choice's label, not its id
    assert not any(line.lstrip().startswith(("，", "。", "）")) for line in text.splitlines())


def test_explain_piped_keeps_the_table():
    out = lcity("score", str(EXAMPLES / "qingshi-district.yaml"), "--explain").stdout
    assert "┃ 指标" in out and "依据" in out


# --- H3#28: CSV holds words, not display symbols --------------------------------------------------


def test_score_csv_writes_met_or_not_met_in_the_floor_column(fjordvale):
    out = lcity("score", str(FJORDVALE / "sandhamn-2025.yaml"), "--format", "csv", "--lang", "en").stdout
    rows = list(csv.DictReader(io.StringIO(out.split("\n\n")[0])))
    floors = {r["dim"]: r["floor"] for r in rows if r["dim"]}
    assert floors == {"ACC": "not met", "WRK": "met", "COM": "not met", "GOV": "met"}
    assert "✓" not in out and "✗" not in out


# --- H3#12 and H4#21: cities --pathways and --loo ---------------------------------------------------


def test_cities_pathways_of_a_third_party_framework_names_units_types_and_the_margins_unit(fjordvale):
    out = lcity("cities", "--framework", FJ, "--pathways", "--lang", "en").stdout
    assert "┃ unit" in out and "┃ city" not in out
    assert "Skills-led" in out and "skills_led" not in out and "Mixed" in out
    assert "margin (pp)" in out


def test_cities_loo_for_a_framework_without_table_3_is_refused_without_the_ranking(fjordvale):
    proc = lcity("cities", "--framework", FJ, "--loo", "--lang", "en")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith("--loo: error usage: the leave-one-out classifier checks the pathway types of Table 3")
    assert "--pathways" in proc.stderr


def test_cities_loo_in_chinese_names_cities_and_types():
    out = lcity("cities", "--loo", "--lang", "zh").stdout
    loo = out[out.index("留一法"):]
    assert "广州市" in loo and "国际化导向型" in loo
    assert "guangzhou" not in loo and "internationalisation" not in loo and "Leave-one-out" not in loo


# --- H3#15: one rounding of a total -----------------------------------------------------------------


@given(st.floats(min_value=0, max_value=1000, allow_nan=False), st.integers(min_value=1, max_value=4))
def test_a_stored_figure_prints_as_the_figure_itself(x, places):
    from evaluator.rounding import stored

    assert f"{stored(x, places):.1f}" == f"{x:.1f}"
    assert abs(stored(x, places) - x) <= 1.5 * 10.0 ** -places


def test_saltholm_is_58_4_in_the_cities_table_and_its_json(fjordvale):
    table = lcity("cities", "--framework", FJ, "--lang", "en").stdout
    doc = json.loads(lcity("cities", "--framework", FJ, "--format", "json").stdout)
    salt = next(u for u in doc["units"] if u["id"] == "saltholm")
    assert "58.4–" in table and f"{salt['total']:.1f}" == "58.4" and f"{salt['total_bounds']['lower']:.1f}" == "58.4"


# --- H3#16, H4#14: trend -----------------------------------------------------------------------------


def test_trend_shows_the_outcome_row(fjordvale, tmp_path):
    text = (FJORDVALE / "sandhamn-2025.yaml").read_text(encoding="utf-8")
    later = tmp_path / "sandhamn-2026.yaml"
    later.write_text(text.replace("start: 2024, end: 2025", "start: 2025, end: 2026")
                     .replace("ACC3: {value: false", "ACC3: {value: true").replace("COM3: {value: 60", "COM3: {value: 96"),
                     encoding="utf-8")
    out = lcity("trend", str(FJORDVALE / "sandhamn-2025.yaml"), str(later), "--lang", "en").stdout
    row = next(line for line in out.splitlines() if "│ outcome" in line)
    assert "Observer member" in row and "Full member" in row


def test_trend_across_versions_counts_a_rescored_same_answer_as_reweighted():
    old, new = EXAMPLES / "trend" / "qingshi-2023.yaml", EXAMPLES / "v2" / "qingshi-district-2025.yaml"
    doc = json.loads(lcity("trend", str(old), str(new), "--format", "json").stdout)
    k3 = next(m for m in doc["moved"] if m["id"] == "K3")
    assert k3["from_value"] == k3["to_value"] and k3["reweighted"] is True
    assert not any(m["reweighted"] for m in doc["moved"] if m["from_value"] != m["to_value"])
    assert doc["assessments"][0]["recognition_name_zh"] == "不予认定"
    proc = lcity("trend", str(old), str(new))
    answered = [m for m in doc["moved"] if not m["reweighted"]]
    up = sum(m["change"] > 0 for m in answered)
    assert (f"{up} 项指标上升，{len(answered) - up} 项下降；1 项仅因指标体系 china-learning-city@2 的分值调整而得分变化"
            "（数值未变）") in proc.stderr
    assert "分值调整" in proc.stdout  # the row says which


def test_trend_help_allows_versions_with_a_crosswalk():
    text = " ".join(lcity("trend", "--help").stdout.split())
    assert "must be of the same city and framework" not in text
    assert "crosswalk" in text and "re-weighted" in text


# --- H3#23, H4#22, H3#26: messages in the user's language, no file position for an option -------


def test_convert_speaks_english_under_an_english_locale_and_keeps_a_workbooks_language(fjordvale, tmp_path):
    book, back = tmp_path / "s.xlsx", tmp_path / "back.yaml"
    made = lcity("convert", str(FJORDVALE / "sandhamn-2025.yaml"), str(book), "--lang", "en")
    assert made.returncode == 0, made.stderr
    proc = lcity("convert", str(book), str(back))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.startswith("wrote ") and "已写入" not in proc.stderr
    assert back.read_text(encoding="utf-8").startswith("# Self-assessment")  # the workbook was English


def test_a_bad_target_names_the_option_without_a_file_position_in_the_files_language(monkeypatch):
    monkeypatch.setenv("LANG", "C")
    proc = lcity("plan", str(CITIES / "hening-2025.yaml"), "--target", "banana")  # a Chinese form (lang: zh)
    assert proc.returncode == 2
    line = proc.stderr.strip().splitlines()[-1]
    assert line.startswith("--target: 错误 usage: “banana”不是") and ":1:1:" not in line


def test_a_folder_of_chinese_forms_is_spoken_about_in_chinese(tmp_path, monkeypatch):
    monkeypatch.setenv("LANG", "C")
    folder = tmp_path / "units"
    folder.mkdir()
    for name in ("hening-2025.yaml", "wenlan-2025.yaml"):
        shutil.copy(CITIES / name, folder / name)
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"), timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "共 2 个文件：2 个已评分" in proc.stderr and "files:" not in proc.stderr


# --- H4#24: the batch summary's columns say their targets --------------------------------------------


def test_batch_summary_names_the_plans_target_and_why_a_next_grade_is_empty(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    for name in ("hening-2025.yaml", "shiqiao-2025.yaml"):
        shutil.copy(CITIES / name, folder / name)
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"), timeout=300)
    assert proc.returncode == 0, proc.stderr
    rows = {r["file"]: r for r in csv.DictReader(open(tmp_path / "out" / "summary.csv", encoding="utf-8-sig"))}
    hening, shiqiao = rows["hening-2025.yaml"], rows["shiqiao-2025.yaml"]
    assert hening["plan_target"] == "recognition" and hening["next_grade_reason"] == ""
    assert float(hening["points_to_next_grade"]) == pytest.approx(80 - float(hening["total"]), abs=0.011)
    # Shiqiao is vetoed (D2) and has too few answers: no next band means anything
    assert shiqiao["points_to_next_grade"] == "" and shiqiao["next_grade_reason"] in ("vetoed", "not_ratable")
    doc = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert {"plan_target", "next_grade_reason"} <= set(doc["columns"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`plan_target`" in readme and "`next_grade_reason`" in readme


# --- score's reasons and pathway at an 80-column terminal ----------------------------------------------


@pytest.mark.parametrize("name, lang", [("jianglan-city.yaml", "en"), ("qingshi-district.yaml", "zh")])
def test_score_folds_its_reasons_under_their_text_at_80_columns(name, lang):
    """A reason folded by Rich went on under the bullet's column 0 ('survey' / 'thresholds met'), and
    the pathway line broke before its '：' ('次之' / '：均衡发展型'), where no Chinese line may begin:
    now each further line of a reason stands under its text, the pathway's bracket under its heading."""
    code, text = on_terminal("score", str(EXAMPLES / name), "--lang", lang)
    assert code == 0, text
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert not any(line[:1] in "：）。，、；" for line in lines)
    start = next(k for k, line in enumerate(lines) if line.startswith(("Grade", "等级")))
    end = next(k for k, line in enumerate(lines) if line.startswith(("Confidence", "可信度")))
    reasons = lines[start + 1:end]
    assert reasons and all(line.startswith(("  • ", "    ")) for line in reasons)
    pathway = next(k for k, line in enumerate(lines) if line.startswith(("Pathway", "发展路径")))
    assert lines[pathway + 1].startswith(("  (leading", "  （领先"))
    piped = lcity("score", str(EXAMPLES / name), "--lang", lang).stdout  # whole lines into a pipe
    assert any(line.startswith(("Pathway", "发展路径")) and ("(leading" in line or "（领先" in line)
               for line in piped.splitlines())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trend_notes_fold_at_80_columns(lang):
    """trend's note on two framework versions and its list of revised indicators went out as lines
    of 156 and 111 cells, broken by the terminal anywhere: now folded between words, each item's
    further lines under its text."""
    code, text = on_terminal("trend", str(EXAMPLES / "qingshi-district.yaml"),
                             str(EXAMPLES / "v2" / "qingshi-district-2025.yaml"), "--lang", lang)
    assert code == 0, text
    lines = text.splitlines()
    from rich.cells import cell_len

    assert all(cell_len(line) <= 80 for line in lines)
    assert not any(line[:1] in "：）。，、；" for line in lines)
    items = [k for k, line in enumerate(lines) if line.startswith("  - ")]
    assert items and all(lines[k + 1].startswith(("    ", "  - ")) or not lines[k + 1].startswith(" ")
                         for k in items[:-1])
    assert any(line.startswith(("注：", "Note: ")) for line in lines)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_cities_title_folds_at_80_columns(lang):
    """Rich does not fold a table's title: 'the 12 Chinese member cities of UNESCO's Global Network of
    Learning Cities studied in the comparative study' made a 127-cell line the terminal broke mid-word."""
    from rich.cells import cell_len

    code, text = on_terminal("cities", "--lang", lang)
    assert code == 0, text
    assert all(cell_len(line) <= 80 for line in text.splitlines())
    assert ("Global Network of" in text) if lang == "en" else ("参照单位" in text)


def test_sensitivity_notes_fold_at_80_columns():
    """'note …/generate.py: skipped: not an assessment file (*.yaml, *.yml, *.xlsx)' went out as one
    92-cell line, broken by the terminal: now folded between words; whole into a pipe."""
    from rich.cells import cell_len

    code, text = on_terminal("sensitivity", str(EXAMPLES / "districts"), "-n", "200", "--no-sobol")
    assert code == 0, text
    assert "generate.py" in text and all(cell_len(line) <= 80 for line in text.splitlines())
    piped = lcity("sensitivity", str(EXAMPLES / "districts"), "-n", "200", "--no-sobol")
    assert any("generate.py" in line and "*.xlsx)" in line for line in piped.stderr.splitlines())
