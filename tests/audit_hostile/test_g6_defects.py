"""Red-team round G6 (hostile input, fourth pass): each test states what a user should see of one
defect the round found (see audit-g6.md beside this file). A strict xfail while the defect is
open; the mark goes with the commit that fixes it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import EXAMPLES, ROOT

QINGSHI = EXAMPLES / "qingshi-district.yaml"
REVIEW = EXAMPLES / "qingshi-district.review.yaml"


def lcity(*args: str, cwd: Path = ROOT, timeout: float = 300, **env_extra: str):
    """``lcity`` in a subprocess, as a terminal of 80 columns with no locale (messages in English)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(COLUMNS="80", NO_COLOR="1", **env_extra)
    return subprocess.run([sys.executable, "-m", "lcity", *args], check=False, cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=timeout)


def no_crash(proc) -> None:
    """The house rule: exit 0, 1 or 2, never 3, never a traceback."""
    assert proc.returncode in (0, 1, 2), proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "internal error" not in proc.stderr


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory) -> Path:
    """The example district's report, with its inputs embedded (made once for the module)."""
    out = tmp_path_factory.mktemp("g6report") / "base.pdf"
    proc = lcity("report", str(QINGSHI), "-o", str(out), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    return out


def forged(base: Path, out: Path, edit) -> Path:
    """``base`` with its embedded files replaced by ``edit(files)`` (name -> bytes)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    reader = PdfReader(str(base))
    files = {name: contents[0] for name, contents in reader.attachments.items()}
    writer = PdfWriter(clone_from=reader)
    root = writer._root_object
    if "/Names" in root and "/EmbeddedFiles" in root["/Names"]:
        del root["/Names"][NameObject("/EmbeddedFiles")]
    if "/AF" in root:
        del root[NameObject("/AF")]
    for name, data in edit(dict(files)).items():
        writer.add_attachment(name, data)
    with open(out, "wb") as fh:
        writer.write(fh)
    return out


# --- G6-1 -------------------------------------------------------------------------------------

def test_a_link_or_a_file_of_the_schema_name_beside_a_new_form_is_left_alone(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "china-learning-city-2.en.schema.json").symlink_to(victim)
    proc = lcity("init", "-o", str(shared / "new.yaml"), "--lang", "en")
    no_crash(proc)
    assert victim.read_text() == "precious\n"  # the link's target is never written
    assert (shared / "new.yaml").is_file()  # the form itself is written
    assert "china-learning-city-2.en.schema.json" in proc.stderr  # and the user is told about the schema

    mine = shared / "china-learning-city-2.zh.schema.json"
    mine.write_text("my own notes\n")
    no_crash(lcity("init", "-o", str(shared / "new-zh.yaml"), "--lang", "zh"))
    assert mine.read_text() == "my own notes\n"  # a file lcity did not write is not replaced

    (shared / "review.schema.json").symlink_to(victim)
    no_crash(lcity("review", "init", str(QINGSHI), "-o", str(shared / "r.yaml")))
    assert victim.read_text() == "precious\n"

    upgraded = tmp_path / "up"
    upgraded.mkdir()
    (upgraded / "china-learning-city-2.zh.schema.json").symlink_to(victim)
    no_crash(lcity("upgrade", str(QINGSHI), "-o", str(upgraded / "up.yaml")))
    assert victim.read_text() == "precious\n"

    # a schema lcity wrote is still brought up to date
    again = tmp_path / "again"
    again.mkdir()
    assert lcity("init", "-o", str(again / "a.yaml"), "--lang", "en").returncode == 0
    schema = again / "china-learning-city-2.en.schema.json"
    text = schema.read_text()
    schema.write_text(text.replace("Learning-city", "Old learning-city", 1))
    assert lcity("init", "-o", str(again / "b.yaml"), "--lang", "en").returncode == 0
    assert schema.read_text() == text


# --- G6-2 -------------------------------------------------------------------------------------

def _all_not_applicable(tmp_path: Path) -> Path:
    text = QINGSHI.read_text(encoding="utf-8")
    head, answers = text.split("\nanswers:\n", 1)
    ids = re.findall(r"^  ([A-L]\d):", answers, re.M)
    path = tmp_path / "na.yaml"
    path.write_text(head + "\nanswers:\n" + "".join(
        f"  {i}: {{status: not_applicable, note: 本区没有这一项工作内容}}\n" for i in ids), encoding="utf-8")
    return path


def test_an_unreachable_target_is_said_in_one_language(tmp_path):
    na = _all_not_applicable(tmp_path)
    proc = lcity("plan", str(na))  # no locale: messages in English; the file's table language is zh
    no_crash(proc)
    assert proc.returncode == 1
    line = next(l for l in proc.stderr.splitlines() if "unreachable-target" in l)
    assert re.search(r"[\u4e00-\u9fff]", line) is None, line
    assert "cannot be reached" in line
    proc = lcity("plan", str(na), LANG="zh_CN.UTF-8")
    line = next(l for l in proc.stderr.splitlines() if "unreachable-target" in l)
    assert "错误" in line and "无法达到" in line and "choose" not in line, line


# --- G6-3 -------------------------------------------------------------------------------------

def test_verify_never_names_its_temporary_folder(report_pdf, tmp_path):
    review = REVIEW.read_bytes()

    def two(files):
        files["review-1.yaml"] = review
        files["review-2.yaml"] = review
        return files

    pdf = forged(report_pdf, tmp_path / "two.pdf", two)
    for lang in ("en", "zh"):
        proc = lcity("verify", str(pdf), "--lang", lang)
        no_crash(proc)
        assert proc.returncode == 1
        said = proc.stdout + proc.stderr
        assert "lcity-verify-" not in said, said
        assert "review-1.yaml" in said


# --- G6-4 -------------------------------------------------------------------------------------

def test_a_difference_verify_lists_shows_two_different_figures(report_pdf, tmp_path):
    def nudge(files):
        files["assessment.yaml"] = files["assessment.yaml"].replace(b"population: 820000", b"population: 820001")
        return files

    proc = lcity("verify", str(forged(report_pdf, tmp_path / "nudged.pdf", nudge)), "--lang", "en")
    no_crash(proc)
    assert proc.returncode == 1
    said = proc.stdout + proc.stderr
    pairs = re.findall(r"says (\S+), re-scoring the embedded inputs gives (\S+)", said)
    pairs += [((m[0], m[1]), (m[2], m[3])) for m in
              re.findall(r"has (.+?) for (\S+) points, the embedded assessment gives (.+?) for (\S+) points", said)]
    assert pairs, said
    for printed, rescored in pairs:
        assert printed != rescored, said


# --- G6-5 -------------------------------------------------------------------------------------

def test_batch_force_replaces_a_link_in_its_folder_not_its_target(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "beiling.yaml").write_bytes((EXAMPLES / "districts" / "beiling.yaml").read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    (out / "summary.csv").symlink_to(victim)
    proc = lcity("batch", str(folder), "-o", str(out), "--force", "-j", "1")
    no_crash(proc)
    assert victim.read_text() == "precious\n"
    assert not (out / "summary.csv").is_symlink()
    assert "beiling.yaml" in (out / "summary.csv").read_text(encoding="utf-8-sig")


# --- G6-6 -------------------------------------------------------------------------------------

def test_verify_reads_only_the_embedded_names_lcity_writes(report_pdf, tmp_path):
    review = REVIEW.read_bytes()

    def hidden(files):
        files["review-1.yaml\n"] = review
        return files

    proc = lcity("verify", str(forged(report_pdf, tmp_path / "hidden.pdf", hidden)), "--lang", "en")
    no_crash(proc)
    said = proc.stdout + proc.stderr
    assert "5200000" not in said, said  # the hidden review's verified D1 was never applied
    assert "D1" not in said, said


# --- G6-7 -------------------------------------------------------------------------------------

def test_a_folder_given_as_framework_is_called_a_folder(tmp_path):
    proc = lcity("cities", "--framework", str(tmp_path), "--lang", "en")
    no_crash(proc)
    assert proc.returncode == 2
    assert "is a file" not in proc.stderr, proc.stderr
    assert "folder" in proc.stderr and "framework.yaml" in proc.stderr


# --- G6-8 -------------------------------------------------------------------------------------

def test_a_target_of_minus_zero_is_printed_as_zero():
    proc = lcity("plan", str(QINGSHI), "--target", "-0", "--lang", "en")
    no_crash(proc)
    assert "-0" not in proc.stdout, proc.stdout
    assert "a total of 0" in proc.stdout


# --- G6-9 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, fmt, cell_of", [(550, '0"万"', "D1"), (5500, "#,##0,", "D1"), ("provincial_only", ";;;", "B1")])
def test_a_workbook_figure_shown_in_wan_by_its_format_is_refused_at_its_cell(tmp_path, value, fmt, cell_of):
    import openpyxl

    base = tmp_path / "base.xlsx"
    assert lcity("convert", str(QINGSHI), str(base)).returncode == 0
    wb = openpyxl.load_workbook(base)
    ws = wb["指标"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == cell_of)
    ws.cell(row, 9).value = value
    ws.cell(row, 9).number_format = fmt
    hostile = tmp_path / "shown.xlsx"
    wb.save(hostile)
    proc = lcity("validate", str(hostile), "--lang", "en")
    no_crash(proc)
    said = proc.stdout + proc.stderr
    assert proc.returncode == 1, said
    assert f"指标!I{row}" in said and "format" in said, said


# --- G6-10 ------------------------------------------------------------------------------------

def test_upgrade_to_a_workbook_name_is_refused_before_writing(tmp_path):
    out = tmp_path / "up.xlsx"
    proc = lcity("upgrade", str(QINGSHI), "-o", str(out), "--lang", "en")
    no_crash(proc)
    assert proc.returncode == 2, proc.stderr
    assert not out.exists()
    assert "not a workbook" in proc.stderr and "lcity convert" in proc.stderr
    # review init and init's YAML form: the same under a workbook's (or a PDF's) name
    for args, out in ((("review", "init", str(QINGSHI)), tmp_path / "rv.xlsx"), (("init",), tmp_path / "i.xls"),
                      (("review", "init", str(QINGSHI)), tmp_path / "rv.pdf")):
        proc = lcity(*args, "-o", str(out), "--lang", "en")
        no_crash(proc)
        assert proc.returncode == 2, proc.stderr
        assert not out.exists()
        assert ".yaml" in proc.stderr


# --- G6-11, G6-12 -----------------------------------------------------------------------------

def test_sensitivity_of_a_folder_names_what_it_left_out(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("beiling", "dongbin"):
        (folder / f"{name}.yaml").write_bytes((EXAMPLES / "districts" / f"{name}.yaml").read_bytes())
    (tmp_path / "outside.yaml").write_bytes((EXAMPLES / "districts" / "lanjiang.yaml").read_bytes())
    (folder / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    os.mkfifo(folder / "fifo.yaml")
    proc = lcity("sensitivity", str(folder), "-n", "200", "--no-sobol", "--lang", "en")
    no_crash(proc)
    assert proc.returncode == 0, proc.stderr
    assert "link.yaml" in proc.stderr and "fifo.yaml" in proc.stderr, proc.stderr


def test_sensitivity_of_an_empty_folder_is_said_in_chinese(tmp_path):
    proc = lcity("sensitivity", str(tmp_path), LANG="zh_CN.UTF-8")
    no_crash(proc)
    assert proc.returncode in (1, 2)
    line = next(l for l in proc.stderr.splitlines() if "empty-folder" in l)
    assert "no assessment files" not in line and "文件夹" in line, line


# --- G6-13 ------------------------------------------------------------------------------------

def test_upgrade_without_a_crosswalk_is_said_in_the_users_language(tmp_path):
    text = (EXAMPLES / "frameworks" / "unesco-key-features" / "framework.yaml").read_text(encoding="utf-8")
    for version in (1, 2):
        folder = tmp_path / "fws" / f"ukf{version}"
        folder.mkdir(parents=True)
        (folder / "framework.yaml").write_text(text.replace("\nversion: 1\n", f"\nversion: {version}\n"),
                                               encoding="utf-8")
    proc = lcity("upgrade", str(EXAMPLES / "frameworks" / "harbourton-2025.yaml"), "-o", str(tmp_path / "h.yaml"),
                 LANG="zh_CN.UTF-8", LCITY_FRAMEWORK_PATH=str(tmp_path / "fws"), LCITY_CACHE_DIR=str(tmp_path / "cache"))
    no_crash(proc)
    assert proc.returncode in (1, 2)
    line = next(l for l in proc.stderr.splitlines() if "no-crosswalk" in l)
    assert "does not say" not in line and "crosswalk）" not in line, line
    assert "lcity init" in line, line
    assert not (tmp_path / "h.yaml").exists()


# --- G6-14 ------------------------------------------------------------------------------------

def test_a_line_break_in_an_output_name_is_shown_escaped(tmp_path):
    name = "\x1b[31mx\n.xlsx"
    for args in (("init", "-o", name), ("plan", str(QINGSHI), "-o", name), ("upgrade", str(QINGSHI), "-o", name),
                 ("review", "init", str(QINGSHI), "-o", name)):
        proc = lcity(*args, "--lang", "en", cwd=tmp_path)
        no_crash(proc)
        said = proc.stdout + proc.stderr
        assert "\x1b" not in said and "x\n." not in said, (args, said)
        assert "\\n" in said, (args, said)


# --- G6-15 ------------------------------------------------------------------------------------

def test_demo_moves_past_a_dangling_link_of_its_name(tmp_path):
    (tmp_path / "lcity-demo-report.pdf").symlink_to(tmp_path / "nowhere.pdf")
    proc = lcity("demo", "--lang", "en", cwd=tmp_path)
    no_crash(proc)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "lcity-demo-report-2.pdf").is_file()
    assert not (tmp_path / "nowhere.pdf").exists()
