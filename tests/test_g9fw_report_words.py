"""A report under a framework of another country speaks of its survey and its archive in its own
words (audit G9, findings 4 and 5).

Eastgate Ward (tests/audit_frameworks/g9, tidewater-scorecard@1, `survey_population: panel`,
outcomes Certified / Provisional / Not certified) reviewed by a panel that surveyed 400 residents.
Its English report's process table said "Resident survey" beside the methods' "Panel survey", and
its Chinese methods "专家组查阅创建工作档案" (创建: China's demonstration-zone creation). China's
reports keep both (test_reports_g10's Qingshi: "Resident survey: 620 valid responses; …").
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here

G9 = ROOT / "tests" / "audit_frameworks" / "g9"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G9))


def _text(tmp_path: Path, path: Path, lang: str, *args: str) -> str:
    out = tmp_path / f"r-{lang}.html"
    run = lcity_here("report", str(path), *args, "--html", str(out), "--lang", lang, "--date", "2026-06-01")
    assert run.returncode == 0, run.stderr
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8"))))


def _eastgate(tmp_path: Path, lang: str) -> str:
    return _text(tmp_path, G9 / "eastgate-2025.yaml", lang, "--review", str(G9 / "eastgate-2025.review.yaml"))


def test_english_process_table_names_the_panel_survey(tmp_path: Path):
    text = _eastgate(tmp_path, "en")
    assert "Resident survey" not in text
    assert "Panel survey 400 valid responses" in text                 # the process table's row
    assert "Panel survey: 400 valid responses" in text                # the methods, as before


def test_chinese_material_review_has_no_chuangjian(tmp_path: Path):
    text = _eastgate(tmp_path, "zh")
    assert "创建工作档案" not in text
    assert "材料审阅：专家组查阅工作档案和佐证材料。" in text
    assert "Panel问卷调查 有效样本400份" in text


def test_china_keeps_its_words(tmp_path: Path):
    zh = _text(tmp_path, ROOT / "examples" / "qingshi-district.yaml", "zh",
               "--review", str(ROOT / "examples" / "qingshi-district.review.yaml"))
    assert "专家组查阅创建工作档案" in zh
    en = _text(tmp_path, ROOT / "examples" / "qingshi-district.yaml", "en",
               "--review", str(ROOT / "examples" / "qingshi-district.review.yaml"))
    assert "Resident survey" in en
