"""Audit G27-A: archetype units a panel recognises at once, and the leftover G26-T5, as a user reads
them (tests/audit_cities/g27a/AUDIT.md)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from .conftest import report_lines, section

HERE = Path(__file__).parent / "audit_cities" / "g27a"
G26T = Path(__file__).parent / "audit_cities" / "g26t"


def text(path: Path, lang: str) -> str:
    return html.unescape(" ".join(report_lines(path, lang)))


def body(lines: list[str]) -> list[str]:
    """The report after its table of contents (whose lines repeat the section titles)."""
    k = [i for i, ln in enumerate(lines) if ln.startswith(("一、", "1 "))]
    return lines[k[1]:] if len(k) > 1 else lines


# --- G26-T5: a survey line within its margin where the total alone decides -------------------------


@pytest.fixture
def baisha_mid(monkeypatch, tmp_path):
    """白沙镇 at 75.1 (合格, ten points below the 示范 line), MY1 77 % and MY2 82 % on 310
    questionnaires, both lines within their margins (the G26-T audit's variant)."""
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G26T / "fw"))
    src = (G26T / "baisha-zhen-2025.yaml").read_text(encoding="utf-8")
    out = tmp_path / "baisha-mid.yaml"
    out.write_text(src.replace("ZZ2: {value: full", "ZZ2: {value: annual").replace("JF1: {value: 290000", "JF1: {value: 200000")
                   .replace("SZ1: {value: 10500", "SZ1: {value: 7000"), encoding="utf-8")
    return out


def test_a_survey_line_below_the_total_line_is_not_what_decides(baisha_mid):
    """G26-T5: the main problems, 五's first group and 六's first recommendations led with MY1 and MY2
    '决定评估结论'; at 75.1 whichever side of 75 % and 80 % the rates lie, the outcome stays 合格:
    the total decides it."""
    lines = report_lines(baisha_mid, "zh")
    problems = section(lines, "主要问题", "首要改进事项")
    assert not any("MY1" in ln for ln in problems) and problems[1].startswith("SZ 数字化学习")
    five = section(body(lines), "五、存在问题", "六、意见建议")
    heads = [ln for ln in five if ln.startswith("（")]
    assert heads[:2] == ["（一）得分偏低的指标", "（二）门槛在抽样误差范围内的居民问卷调查指标"], heads
    zh = "".join(five)
    assert "总分75.1分，低于“命名为社区教育示范街道（乡镇）”所需的85分，这一门槛目前不影响评估结论，" \
           "申请“命名为社区教育示范街道（乡镇）”前须先复核。" in zh
    six = "".join(section(body(lines), "六、意见建议", "七、"))
    assert "先列决定评估结论的指标" not in six and "以下建议针对10项失分指标，按失分多少排序" in six
    en = text(baisha_mid, "en")
    assert "The total of 75.1 is below the 85 points 'Named a model community-education street (township)' " \
           "needs: this threshold does not bear on the outcome for now" in en


def test_a_survey_line_at_the_total_line_still_leads():
    """Where every other condition holds the rate within its margin decides, and leads as before:
    Beiquan at 85.2 with K4 at 81 % (± 3.1)."""
    lines = report_lines(Path(__file__).parent / "audit_cities" / "g4" / "beiquan-district-line.yaml", "zh")
    problems = section(lines, "主要问题", "首要改进事项")
    assert problems[1].startswith("K4 居民对学习型城市建设的知晓度：81%")
    assert "目前不影响评估结论" not in "".join(lines)
