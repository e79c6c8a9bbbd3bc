"""The commands a third-party framework's user meets first (init, plan, benchmark, sensitivity,
framework check), run against the Tidewater Commons Learning Index (tests/data/third_party_tidewater:
37.5 points, levels metro/borough/village, grades Beacon/Established/Emerging, English names
required). Each test is a defect such a user met: a form the framework rejects, a hint naming the
China framework's grades, a command that did not find what the docs say it finds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, lcity

DATA = ROOT / "tests" / "data" / "third_party_tidewater"
FRAMEWORKS = DATA / "frameworks"
UNITS = DATA / "units"
FW = "tidewater_commons-index@1"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(FRAMEWORKS))


@pytest.fixture
def units(tmp_path: Path) -> Path:
    """A copy of the units, so that a command writing beside them never touches the repository."""
    out = tmp_path / "units"
    shutil.copytree(UNITS, out)
    return out


def test_init_files_an_english_name_where_an_english_name_framework_looks(tmp_path: Path):
    """``init --city Tidewater --lang en`` wrote the name under zh; Tidewater requires an English
    name (validation.name_languages: [en]), so its own fresh form then failed with missing-name."""
    form = tmp_path / "t.yaml"
    proc = lcity("init", "--framework", FW, "--city", "Tidewater", "--lang", "en", "-o", str(form))
    assert proc.returncode == 0, proc.stderr
    text = form.read_text(encoding="utf-8")
    assert '  name:\n    zh: null\n    en: "Tidewater"\n' in text
    proc = lcity("validate", str(form))
    assert "missing-name" not in proc.stdout, proc.stdout


@pytest.mark.parametrize(("city", "lang", "zh", "en"), [
    ("西城区", "zh", '"西城区"', "null"),      # a Han name of a China-framework unit: zh
    ("Xicheng", "en", '"Xicheng"', "null"),  # the China framework requires zh: a Latin name goes there
])
def test_init_files_a_china_framework_name_under_zh(city: str, lang: str, zh: str, en: str):
    proc = lcity("init", "--framework", "china-learning-city@2", "--city", city, "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    assert f"  name:\n    zh: {zh}\n    en: {en}\n" in proc.stdout
