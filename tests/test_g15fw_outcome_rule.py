"""The report's outcome rule (section 1) under a framework that only grades, or has one condition
(audit G15, finding 3). binhai-star-rating@1 sets no line (total_min 0, no floor, no survey line, no
veto): the sentence read "the outcome is '按星级公布' when and the total reaches 0" and
"结论规则：，且总分达到0分的，…": one condition was joined as the last of several, and a total of
at least 0 was given as a condition. Such a framework is now said to set no line; a framework with one
condition (a total of 30) names it alone.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, lcity

G15 = ROOT / "tests" / "audit_frameworks" / "g15"


def outcome_rule(page: str) -> str:
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    m = re.search(r"(Outcome rule:[^.]*\.|结论规则：[^。]*。)", text)
    assert m, text[:2000]
    return m.group(1)


def report_html(tmp_path: Path, lang: str) -> str:
    out = tmp_path / f"r-{lang}.html"
    run = lcity("report", str(G15 / "yucun-2025.yaml"), "--html", str(out), "--lang", lang)
    assert run.returncode == 0, run.stderr
    return out.read_text(encoding="utf-8")


@pytest.fixture
def path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G15))


@pytest.mark.parametrize("lang, says", [
    ("en", "Outcome rule: the framework sets no line to reach; every unit gets '按星级公布', and its grade says "
           "where it stands."),
    ("zh", "结论规则：本指标体系不设达标线，各单位的结论均为“按星级公布”，以等级区分水平。"),
])
def test_a_framework_that_only_grades_says_it_sets_no_line(path, tmp_path: Path, lang: str, says: str):
    rule = outcome_rule(report_html(tmp_path, lang))
    assert rule == says
    assert "when and" not in rule and "：，" not in rule and "达到0分" not in rule


@pytest.mark.parametrize("lang, says", [
    ("en", "Outcome rule: the outcome is '按星级公布' when the total reaches 30; '按星级公布' when the total is at "
           "least 30 but any of these conditions is not met; '不予公布' otherwise."),
    ("zh", "结论规则：总分达到30分的，结论为“按星级公布”；"),
])
def test_one_condition_is_named_alone(monkeypatch, tmp_path: Path, lang: str, says: str):
    folder = tmp_path / "fw" / "binhai-star-rating"
    shutil.copytree(G15 / "binhai-star-rating", folder)
    fw = folder / "framework.yaml"
    fw.write_text(fw.read_text(encoding="utf-8").replace("  total_min: 0\n  deferred_min: 0\n",
                                                          "  total_min: 30\n  deferred_min: 30\n"), encoding="utf-8")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "fw"))
    out = tmp_path / "r.html"
    run = lcity("report", str(G15 / "yucun-2025.yaml"), "--html", str(out), "--lang", lang)
    assert run.returncode == 0, run.stderr
    rule = outcome_rule(out.read_text(encoding="utf-8"))
    assert rule.startswith(says) if lang == "zh" else rule == says
    assert "when and" not in rule and "：，" not in rule
