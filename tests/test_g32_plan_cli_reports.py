"""G32P (tests/audit_cities/g32p/AUDIT.md), the report-side findings (7's test: tests/test_g32_plan_cli_checks.py):

4. G31T-6: truthful "no" answers to yes/no questions read "否"/'no', not "无/0".
6. G31H-7: the ranking of a batch where no unit scored says so, never "依据《未填写》".
"""

from __future__ import annotations

import html
import subprocess
from pathlib import Path

import pytest

from .conftest import lcity_here as lcity
from .conftest import report_lines, squash

ROOT = Path(__file__).resolve().parents[1]
QINGSHI = ROOT / "examples" / "qingshi-district.yaml"
G31T = ROOT / "tests" / "audit_cities" / "g31t"


@pytest.fixture
def stars(monkeypatch):
    """The G31-T star rating (xingji-shequ@2: yes/no answers, a period-record veto) installed."""
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G31T / "fw"))
    monkeypatch.setenv("COLUMNS", "80")


# --- 4. G31T-6 -------------------------------------------------------------------------------------


def test_truthful_no_answers_to_yes_no_questions_read_no(stars):
    zh = squash("\n".join(report_lines(G31T / "hexi-shequ-2025.yaml", "zh")))
    assert "项为如实填报的“无/0”" not in zh and "如实填报“无/0”、" not in zh  # 附件3's definition of c keeps "无/0"
    assert squash("其余3项为如实填报的“否”，无需佐证") in zh
    assert squash("3项为如实填报的“否”，得0分，无需佐证") in zh
    assert squash("如实填报“否”、得0分、无需佐证的指标：") in zh
    en = squash(html.unescape("\n".join(report_lines(G31T / "hexi-shequ-2025.yaml", "en"))))
    assert squash("'no' or 0 truthfully") not in en and squash("answers of 'no' or 0") not in en
    assert squash("the other 3 being truthful answers of 'no', which need no evidence") in en


# --- 6. G31H-7 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_ranking_with_no_scored_unit_names_no_blank_framework(tmp_path, lang):
    units = tmp_path / "units"
    units.mkdir()
    (units / "bad.yaml").write_text("framework: china-learning-city@1\ncity: {name: x\n", encoding="utf-8")
    r = lcity("batch", str(units), "-o", str(tmp_path / "out"), "--lang", lang)
    assert r.returncode != 0 or (tmp_path / "out" / "ranking.pdf").exists()
    text = subprocess.run(["pdftotext", str(tmp_path / "out" / "ranking.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    if lang == "zh":
        assert "未填写" not in text and "依据《" not in text
        assert "没有可评分的评估单位，未能评分的文件列于第三部分" in text
    else:
        assert "not given" not in text and "Against the" not in text
        assert "No unit could be scored; the files that could not be are listed in section 3" in text
