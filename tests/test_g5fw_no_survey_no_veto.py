"""A framework without surveys or vetoes is not told of them (audit G5, findings 8 and 9): Bay Rim
(tests/audit_frameworks/g5) has neither. ranking.pdf named "一票否决" among the reasons a unit is
red and "调查误差" among what the rank intervals draw; the report's robustness section and
lcity sensitivity listed "survey sampling error" among the sources varied; a self-assessment report
said "survey checks" take place during the expert evaluation. China's framework, which has both,
keeps every word (tests of its ranking and reports).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here as lcity

G5 = ROOT / "tests" / "audit_frameworks" / "g5"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))


@pytest.mark.parametrize("lang, says, never", [
    ("zh", ["（总分未达线、维度未达底线、数据不足或其他条件未满足）", "名次区间：对权重和评分量程随机抽样后各单位名次的范围"],
     ["一票否决", "调查误差"]),
    ("en", ["(a total below the line, a dimension below its floor, too little data to rate, or another of its conditions "
             "not met)",
            "when weights and scale end-points are drawn at random"], ["a veto", "survey error"]),
])
def test_ranking_names_no_veto_and_no_survey_error(tmp_path: Path, lang: str, says: list[str], never: list[str]):
    units = tmp_path / "units"
    units.mkdir()
    for name in ("beidao-2025.yaml", "lanport-2025.yaml", "stonebeach-2025.yaml"):
        shutil.copy(G5 / name, units / name)
    run = lcity("batch", str(units), "-o", str(tmp_path / "out"), "--lang", lang)
    assert run.returncode == 0, run.stderr
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "out" / "ranking.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    text = " ".join(text.split())
    for s in says:
        assert s in text, s
    for s in never:
        assert s not in text, s


@pytest.mark.parametrize("lang, never", [("zh", ["调查抽样误差", "问卷核查"]), ("en", ["Survey sampling error", "survey checks"])])
def test_report_lists_no_survey_error_among_the_sources(tmp_path: Path, lang: str, never: list[str]):
    out = tmp_path / "r.html"
    run = lcity("report", str(G5 / "stonebeach-2025.yaml"), "--html", str(out), "--lang", lang, "--date", "2025-12-01")
    assert run.returncode == 0, run.stderr
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8"))))
    assert ("维度权重：" if lang == "zh" else "Dimension weights") in text or "权重" in text
    for s in never:
        assert s not in text, s


def test_sensitivity_lists_no_survey_source():
    run = lcity("sensitivity", str(G5 / "beidao-2025.yaml"), "--lang", "en", "--no-sobol")
    assert run.returncode == 0, run.stderr
    sources = run.stdout[run.stdout.index("Sources ("):]
    assert "weights:" in sources and "scale:" in sources
    assert "survey:" not in sources
