"""Red-team round R2 (hostile input, second pass): each test states what a user should see of one
defect the round found (see audit-r2.md beside this file). Each is a strict xfail: it fails now, and
once the defect is fixed it XPASSes, strict mode reports that, and the mark can be removed."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import EXAMPLES, ROOT, lcity

QINGSHI = EXAMPLES / "qingshi-district.yaml"
UKF = EXAMPLES / "frameworks" / "unesco-key-features" / "framework.yaml"
HARBOURTON = EXAMPLES / "frameworks" / "harbourton-2025.yaml"


def lcity_env(env_extra: dict, *args: str):
    """``lcity`` in a subprocess, as ``conftest.lcity`` runs it, with extra environment variables."""
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1", **env_extra)
    return subprocess.run([sys.executable, "-m", "lcity", *args], check=False, cwd=ROOT, capture_output=True,
                          text=True, env=env, timeout=300)


def no_crash(proc) -> None:
    """The house rule: exit 0, 1 or 2, never 3, never a traceback."""
    assert proc.returncode in (0, 1, 2), proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "internal error" not in proc.stderr


def variant(tmp_path: Path, name: str, *edits: tuple[str, str]) -> Path:
    """A copy of the Qingshi example with text substitutions (each must apply)."""
    text = QINGSHI.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def unprintable(pdf: Path, text: str, page: int = 0) -> list[str]:
    """The characters of ``text`` that no font embedded on ``page`` of ``pdf`` has a glyph for:
    what a reader sees there is a tofu box (pdftotext still extracts the character, so text
    extraction cannot tell)."""
    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    covered: set[int] = set()
    for font in PdfReader(str(pdf)).pages[page]["/Resources"]["/Font"].values():
        font = font.get_object()
        for descendant in font.get("/DescendantFonts", []):
            descriptor = descendant.get_object()["/FontDescriptor"].get_object()
            program = descriptor.get("/FontFile3") or descriptor.get("/FontFile2")
            if program is not None:
                covered |= set(TTFont(io.BytesIO(program.get_object().get_data())).getBestCmap() or {})
    return [c for c in text if ord(c) not in covered]


def lcity_without_system_cjk_fonts(tmp_path: Path, *args: str):
    """Runs lcity where fontconfig knows only DejaVu, as on a fresh wheel install or a Windows
    machine whose MSYS2 fontconfig does not see the Windows fonts: the report has only the fonts
    lcity bundles for Chinese."""
    conf = tmp_path / "fonts.conf"
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                    "  <dir>/usr/share/fonts/truetype/dejavu</dir>\n"
                    f"  <cachedir>{tmp_path / 'fc-cache'}</cachedir>\n</fontconfig>\n", encoding="utf-8")
    return lcity_env({"FONTCONFIG_FILE": str(conf)}, *args)


# --- D1: a real district's name (Xi'an's 鄠邑区) prints as a tofu box -------------------------------------
def test_a_district_name_outside_gb2312_is_printed_or_named(tmp_path):
    path = variant(tmp_path, "huyi.yaml", ("zh: 青石区", "zh: 鄠邑区"),
                   ("evaluating_body: 青石区学习型城市建设领导小组办公室",
                    "evaluating_body: 鄠邑区学习型城市建设领导小组办公室（联系人：张喆）"))
    pdf = tmp_path / "huyi.pdf"
    proc = lcity_without_system_cjk_fonts(tmp_path, "report", str(path), "-o", str(pdf), "--lang", "zh")
    no_crash(proc)
    assert proc.returncode == 0 and pdf.exists()
    missing = unprintable(pdf, "鄠邑区张喆")
    said = proc.stdout + proc.stderr
    # fixed either way: the glyphs are there, or the user is told which characters cannot be printed
    assert not missing or all(c in said for c in missing), (missing, said)


# --- D2: a workbook with U+0085 (NEL) validates but convert refuses it and sends the user to validate ---
def test_a_workbook_that_validates_converts_back_to_yaml(tmp_path):
    yaml_in = variant(tmp_path, "nel.yaml", ("note: 本区适用省级条例，河西市尚未出台地方性法规", 'note: "第一段\\N第二段"'))
    workbook, back = tmp_path / "nel.xlsx", tmp_path / "back.yaml"
    assert lcity("validate", str(yaml_in), "--lang", "en").returncode == 0
    assert lcity("convert", str(yaml_in), str(workbook), "--lang", "en").returncode == 0
    assert lcity("validate", str(workbook), "--lang", "en").returncode == 0
    proc = lcity("convert", str(workbook), str(back), "--lang", "en")
    no_crash(proc)
    assert proc.returncode == 0 and back.exists(), proc.stdout + proc.stderr


# --- D4: convert names a YAML line:column inside a workbook ------------------------------------------------
def test_convert_names_the_workbook_cell_of_a_deep_key(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    base = tmp_path / "base.xlsx"
    assert lcity("convert", str(QINGSHI), str(base), "--lang", "en").returncode == 0
    wb = openpyxl.load_workbook(base)
    ws = wb["Profile"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "city.name.en")
    ws.cell(row, 2).value = "city." + ".".join(["a"] * 200)
    hostile = tmp_path / "deep.xlsx"
    wb.save(hostile)
    assert f"deep.xlsx:Profile!B{row}:" in lcity("validate", str(hostile), "--lang", "en").stdout
    proc = lcity("convert", str(hostile), str(tmp_path / "deep.yaml"), "--lang", "en")
    no_crash(proc)
    out = proc.stdout + proc.stderr
    assert f"deep.xlsx:Profile!B{row}:" in out, out


# --- D5: a profile row that sets an answer is dropped without a word ----------------------------------------
def test_a_profile_row_that_sets_an_answer_is_reported(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    base = tmp_path / "base.xlsx"
    assert lcity("convert", str(QINGSHI), str(base), "--lang", "en").returncode == 0
    wb = openpyxl.load_workbook(base)
    ws = wb["Profile"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "city.name.en")
    ws.insert_rows(row + 1)
    ws.cell(row + 1, 1).value = "B1"
    ws.cell(row + 1, 2).value = "answers.B1.value"
    ws.cell(row + 1, 3).value = "own_regulation"
    hostile = tmp_path / "answer-in-profile.xlsx"
    wb.save(hostile)
    proc = lcity("validate", str(hostile), "--lang", "en")
    no_crash(proc)
    assert f"Profile!B{row + 1}" in proc.stdout + proc.stderr, proc.stdout


# --- D6: full-width digits and 万 in a workbook cell get no rewrite, unlike the same slip in YAML -----------
@pytest.mark.parametrize("typed, meant", [("５５０００００", "5500000"), ("550万", "5500000")])
def test_a_workbook_number_slip_is_named_with_the_figure_to_write(tmp_path, typed, meant):
    openpyxl = pytest.importorskip("openpyxl")
    base = tmp_path / "base.xlsx"
    assert lcity("convert", str(QINGSHI), str(base), "--lang", "en").returncode == 0
    wb = openpyxl.load_workbook(base)
    ws = wb["Indicators"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "D1")
    ws.cell(row, 9).value = typed
    hostile = tmp_path / "slip.xlsx"
    wb.save(hostile)
    proc = lcity("validate", str(hostile), "--lang", "en")
    no_crash(proc)
    assert proc.returncode == 1
    assert f"slip.xlsx:Indicators!I{row}:" in proc.stdout and meant in proc.stdout, proc.stdout


# --- D3: convert writes the framework's name and the workbook's file name into a YAML comment as they are --



def test_a_framework_name_with_a_line_break_does_not_break_convert(tmp_path):
    folder = tmp_path / "fws" / "ukf"
    folder.mkdir(parents=True)
    text = UKF.read_text(encoding="utf-8")
    old = 'en: "UNESCO Key Features of Learning Cities: self-assessment"}'
    assert old in text
    (folder / "framework.yaml").write_text(
        text.replace(old, 'en: "UKF\\nanswers: {}\\ncity: {level: city}\\n#"}', 1), encoding="utf-8")
    env = {"LCITY_FRAMEWORK_PATH": str(tmp_path / "fws")}
    check = lcity_env(env, "framework", "check", str(folder / "framework.yaml"), "--lang", "en")
    if check.returncode == 1 and "framework.yaml:" in check.stdout + check.stderr:
        return  # fixed by refusing the name at its place
    workbook, back = tmp_path / "h.xlsx", tmp_path / "h.yaml"
    assert lcity_env(env, "convert", str(HARBOURTON), str(workbook), "--lang", "en").returncode == 0
    assert lcity_env(env, "validate", str(workbook), "--lang", "en").returncode == 0
    proc = lcity_env(env, "convert", str(workbook), str(back), "--lang", "en")
    no_crash(proc)
    assert proc.returncode == 0 and back.exists(), proc.stdout + proc.stderr


def test_a_workbook_name_with_a_line_break_converts(tmp_path):
    workbook = tmp_path / "nl\ncity: {}.xlsx"
    assert lcity("convert", str(QINGSHI), str(workbook), "--lang", "en").returncode == 0
    back = tmp_path / "back.yaml"
    proc = lcity("convert", str(workbook), str(back), "--lang", "en")
    no_crash(proc)
    assert proc.returncode == 0 and back.exists(), proc.stdout + proc.stderr
