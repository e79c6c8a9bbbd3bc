"""``lcity sensitivity`` of a unit under a third-party framework given by its file, run against the
Tidewater Commons Learning Index (tests/data/third_party_tidewater), whose top outcome is
"Commons mark awarded", not a recognition (认定).

Two defects a user met: ``--framework PATH`` was no option of sensitivity (benchmark and cities
had it), so the reference units beside the framework file were never found; and the column of the
top outcome's probability was headed "P(1st)" / "首档结论", which reads as the chance of ranking
first (the rank is the next column) and, in Chinese, not as a probability at all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import EXAMPLES, ROOT, lcity_here as lcity
from .conftest import lcity as lcity_process

DATA = ROOT / "tests" / "data" / "third_party_tidewater"
UNITS = DATA / "units"
REFERENCE_UNITS = ("eastbank-2025.yaml", "greyport-2025.yaml", "tidewater-2025.yaml")


@pytest.fixture
def framework_file(tmp_path: Path, monkeypatch) -> Path:
    """Tidewater in a folder of its own, off LCITY_FRAMEWORK_PATH, with a reference-units/ folder
    beside its framework.yaml, as docs/frameworks.md section 9 says a framework brings them."""
    monkeypatch.delenv("LCITY_FRAMEWORK_PATH", raising=False)
    folder = tmp_path / "tidewater-own"
    (folder / "reference-units").mkdir(parents=True)
    shutil.copy(DATA / "frameworks" / "tidewater" / "framework.yaml", folder / "framework.yaml")
    for name in REFERENCE_UNITS:
        shutil.copy(UNITS / name, folder / "reference-units" / name)
    return folder / "framework.yaml"


def _sensitivity(fw: Path, lang: str, *more: str):
    return lcity("sensitivity", "--framework", str(fw), str(UNITS / "north-marsh-2025.yaml"),
                 "--samples", "200", "--no-sobol", "--lang", lang, *more)


def _rows(text: str) -> dict[str, str]:
    """The table's rows by their first word (the unit's name); notes beneath it are indented."""
    return {ln.split()[0]: ln for ln in text.splitlines() if not ln.startswith(" ") and ln.split()
            and ln.split()[0] in ("North", "Eastbank", "Greyport", "Tidewater")}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sensitivity_ranks_a_unit_among_the_reference_units_beside_a_framework_file(framework_file: Path, lang: str):
    proc = _sensitivity(framework_file, lang)
    assert proc.returncode == 0, proc.stderr
    rows = _rows(proc.stdout)
    assert set(rows) == {"North", "Eastbank", "Greyport", "Tidewater"}, proc.stdout
    for name in ("Eastbank", "Greyport", "Tidewater"):
        assert rows[name].startswith(f"{name} *"), rows[name]  # marked as a reference unit
        assert "/4" in rows[name]  # ranked among four: the unit and three reference units
    assert "1/4" in rows["North"]
    flat = " ".join(proc.stdout.split())
    if lang == "zh":
        assert "* 参照单位" in proc.stdout and "没有可供比较的参照单位" not in flat
    else:
        assert "* reference unit" in proc.stdout and "no reference units" not in flat


def test_sensitivity_json_of_a_framework_file_counts_its_reference_units(framework_file: Path):
    import json

    proc = _sensitivity(framework_file, "en", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    units = json.loads(proc.stdout)["units"]
    assert sorted(u["name"] for u in units if u["reference"]) == ["Eastbank", "Greyport", "Tidewater"]


@pytest.mark.parametrize(("lang", "head", "legend"), [
    ("en", "top outcome", "top outcome: the probability of the framework's top outcome, 'Commons mark awarded'."),
    ("zh", "最高结论概率", "最高结论概率：得到本指标体系最高一档结论“授予公共学习标识”的概率。"),
])
def test_the_chance_column_is_named_for_the_top_outcome_and_its_legend_agrees(
        monkeypatch, lang: str, head: str, legend: str):
    """The framework found on LCITY_FRAMEWORK_PATH by the file's framework line, as a user installs it."""
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(DATA / "frameworks"))
    proc = lcity("sensitivity", str(UNITS / "north-marsh-2025.yaml"), "--samples", "200", "--no-sobol", "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    header = next(ln for ln in lines if ln.split()[:1] == (["unit"] if lang == "en" else ["单位"]))
    assert f"  {head}  " in header, header
    assert "P(1st)" not in proc.stdout and "首档结论" not in proc.stdout
    flat = "".join(proc.stdout.split()) if lang == "zh" else " ".join(proc.stdout.split())
    assert (legend.replace(" ", "") if lang == "zh" else legend) in flat
    # the legend names the column by the words of its head
    said = next(ln for ln in lines if "Commons mark" in ln or "授予公共学习标识" in ln)
    assert said.startswith(head + ("：" if lang == "zh" else ": "))


def test_sensitivity_csv_heads_the_column_as_the_table_does(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(DATA / "frameworks"))
    # in a process of its own: run in this process (conftest.lcity_here) the CSV comes out empty
    proc = lcity_process("sensitivity", str(UNITS / "north-marsh-2025.yaml"), "--samples", "200", "--no-sobol",
                         "--lang", "en", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    # one value per cell (G18-B12): the column of the top outcome's share headed by the table's words
    head = proc.stdout.splitlines()[0].split(",")
    assert head[:5] == ["unit", "total", "median", "p05", "p95"] and "top outcome (%)" in head, head
    assert not [h for h in head if "rec" in h.lower()], head


def test_a_rank_above_thinly_documented_reference_cities_says_what_it_compares():
    """A district ranked 1/13 above Beijing's public data is not ahead of Beijing: the table says so."""
    unit = EXAMPLES / "districts" / "wanghu.yaml"
    zh = lcity("sensitivity", str(unit), "--lang", "zh", "--samples", "300")
    assert zh.returncode == 0, zh.stderr
    flat = zh.stdout.replace("\n", "")
    # no drawn rank above them: the rank that holds for any value of their unknown answers, and why
    assert "按随机取值抽样得出的名次会超出数据所能支持的结论，故不给出" in flat
    en = lcity("sensitivity", str(unit), "--lang", "en", "--samples", "300").stdout.replace("\n", " ")
    assert "A rank drawn over guessed values would claim more than the data show" in en
