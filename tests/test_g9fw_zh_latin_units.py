"""A Chinese report or plan of a framework written in English keeps the space before a unit in Latin
letters (audit G9, finding 6): tidewater-scorecard@1 (tests/audit_frameworks/g9) gives every `zh:`
text in English, and the Chinese report set "31,000dollars → 68,920dollars", "工作量1effort points",
"每年约完成24effort points" and "GOV3 ≥ 3dollars per resident". A Chinese unit still sticks to its
figure (50%, 6.7元), as Chinese prose sets it.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from reports.context_format import unit_suffix

from .conftest import ROOT, lcity_here as lcity

G9 = ROOT / "tests" / "audit_frameworks" / "g9"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G9))


def test_unit_suffix():
    assert unit_suffix("dollars", "zh") == " dollars"
    assert unit_suffix("元/人", "zh") == "元/人"
    assert unit_suffix("%", "zh") == "%"
    assert unit_suffix("% of wards", "zh") == "% of wards"
    assert unit_suffix("dollars", "en") == " dollars"


def test_chinese_report_of_an_english_framework(tmp_path: Path):
    out = tmp_path / "r.html"
    run = lcity("report", str(G9 / "eastgate-2025.yaml"), "--html", str(out), "-o", str(tmp_path / "r.pdf"),
                "--lang", "zh", "--date", "2026-06-01")
    assert run.returncode == 0, run.stderr
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8"))))
    body = text[text.index("评估摘要"):]                      # after the stylesheet
    assert not re.search(r"\d(dollars|loans|hours|effort)", body), re.search(r".{30}\d(dollars|loans|hours|effort).{20}", body)
    assert "31,000 dollars → 68,920 dollars" in body
    assert "工作量1 effort point" in body and "工作量1 effort points" not in body  # one point (G25-T5)
    assert "每年约完成24 effort points" in body
    assert "GOV3 ≥ 3 dollars per resident（the Compact minimum）" in body


def test_chinese_plan_of_an_english_framework():
    run = lcity("plan", str(G9 / "eastgate-2025.yaml"), "--lang", "zh", "--format", "json")
    assert run.returncode == 0, run.stderr
    assert "GOV3 ≥ 3 dollars per resident（the Compact minimum）" in run.stdout
