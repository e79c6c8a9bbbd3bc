"""The summary says what an effort point is where it first uses one (tests/audit_newuser/AUDIT.md
#20: "工作量24点" came before 点 was defined in 六). China's frameworks define the point in their
effort unit ("点（1点约为…）"); a framework whose unit is bare "工作量点"/"effort points" (the
KFLC audit framework) read "工作量4工作量点" with nothing on what one is; person-months need nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import EXAMPLES, lcity_here as lcity

AUDIT = Path(__file__).parent / "audit_frameworks"


def _summary_steps(tmp_path: Path, assessment: Path, lang: str) -> list[str]:
    """The summary's least-effort steps as the reader sees them (text before the contents)."""
    html = tmp_path / f"r-{lang}.html"
    run = lcity("report", str(assessment), "--html", str(html), "--lang", lang, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    text = re.sub(r"<[^>]+>", "", html.read_text(encoding="utf-8")).replace("&#39;", "'")
    summary = text[:text.index("目\u3000\u3000录" if lang == "zh" else "Contents")]
    word = "工作量" if lang == "zh" else "effort"
    return [line.strip() for line in summary.splitlines() if re.search(rf"{word} ?\d", line)]


@pytest.mark.parametrize(("lang", "first"), [
    ("zh", "工作量4点，点为指标体系估计的相对工作量单位，仅用于比较整改路径，不是预算）"),
    ("en", "effort 4 points, a point being the framework's estimate of relative work, to compare routes, not a budget)")])
def test_a_bare_effort_point_is_said_at_its_first_use(tmp_path, monkeypatch, lang, first) -> None:
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(AUDIT / "unesco-kflc" / "kflc"))
    steps = _summary_steps(tmp_path, AUDIT / "unesco-kflc" / "marlow-vale-2025.yaml", lang)
    assert steps and steps[0].endswith(first), steps
    assert not any("工作量点" in s or "effort points" in s for s in steps)


@pytest.mark.parametrize(("lang", "defined"), [("zh", "，1点约为牵头部门一个月的专项工作量）"),
                                               ("en", ", one point is about a month of the lead office's dedicated work)")])
def test_chinas_point_is_defined_once_at_the_first_step_with_an_effort(tmp_path, lang, defined) -> None:
    steps = _summary_steps(tmp_path, EXAMPLES / "qingshi-district.yaml", lang)
    assert steps[0].endswith(defined) and not any(s.endswith(defined) for s in steps[1:]), steps
    assert not any("相对工作量单位" in s or "relative work" in s for s in steps)


def test_person_months_need_no_definition(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(AUDIT / "fjordvale"))
    steps = _summary_steps(tmp_path, AUDIT / "fjordvale" / "kvarnby-2025.yaml", "en")
    # a step that finds a figure out reads "…: measure it (…); +7.00 points if the figure found reaches it,
    # effort 8 person-months" (G7 #3, no brackets inside brackets); the others "(…; +N points, effort E person-months)"
    # (after one the unit reads "1 person-month": G20-D8)
    assert steps and all(re.search(r"effort (1 person-month|\d+ person-months)\)?$", s) for s in steps), steps
