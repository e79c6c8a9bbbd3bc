"""Audit G30-T: an English-only charter of a (fictional) Coastal Towns Learning Alliance, version 3:
40 points in five dimensions with lower-case, hyphenated ids, two levels of its own (town, isle),
grades named A+ / A / B / Working towards, the first and middle outcome at one line (26) with no
dimension floor, a veto on a choice answer and one only a panel raises (no veto_grade), a "lower
is better" rule, a youth survey with a line (tests/audit_cities/g30t/AUDIT.md), as its users see it."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from .conftest import lcity_here as lcity, report_lines

HERE = Path(__file__).parent / "audit_cities" / "g30t"
FW_DIR = HERE / "fw"
FW = FW_DIR / "harbour-charter" / "framework.yaml"
UNITS = {u: HERE / f"{u}-2025.yaml" for u in ("port-ellery", "skerry-isle", "wrackton", "lowmarsh")}


@pytest.fixture
def installed(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(FW_DIR))
    monkeypatch.setenv("COLUMNS", "80")


def flat(said: str) -> str:
    """Text as one line, words apart (a terminal folds long lines)."""
    return " ".join(said.split())


def text(path: Path, lang: str = "en", reviews: tuple = ()) -> str:
    return html.unescape(" ".join(report_lines(path, lang, reviews)))


def test_the_audit_framework_and_units_are_valid(installed):
    proc = lcity("framework", "check", str(FW))
    assert "valid — 0 errors, 0 warnings" in proc.stdout + proc.stderr
    for unit in [*UNITS.values(), HERE / "trend" / "lowmarsh-2023.yaml"]:
        assert lcity("validate", str(unit)).returncode == 0, unit
    got = lcity("review", "validate", str(UNITS["wrackton"]), str(HERE / "wrackton-2025.review.yaml"))
    assert got.returncode == 0 and "1 review: valid" in got.stdout + got.stderr


def test_the_units_get_what_the_charter_gives(installed):
    said = {u: lcity("score", str(p)).stdout for u, p in UNITS.items()}
    assert "Grade: A+    Outcome: Charter Town" in said["port-ellery"]
    # no veto_grade: the grade stays the band of the total, the veto refuses the charter
    assert "Grade: A    Outcome: Charter not granted" in said["skerry-isle"]
    assert "veto: The library is closed or the mobile library does not call" in said["skerry-isle"]
    assert "Grade: A    Outcome: Charter renewal deferred" in said["wrackton"]
    assert "Total bounds: 20.1–28.6" in said["lowmarsh"]
    reviewed = lcity("score", str(UNITS["wrackton"]), "--review", str(HERE / "wrackton-2025.review.yaml")).stdout
    assert "Grade: A    Outcome: Charter Town" in reviewed


# --- G30-T1: "a isle" ------------------------------------------------------------------------------

def test_a_level_that_begins_with_a_vowel_takes_an(installed):
    """The catalogs write "Not asked of a {unit}"; the charter's level 'isle' read "a isle" in the
    report's 1 and appendix 3 (and in lcity validate's check of an answer the level is not asked)."""
    page = flat(text(UNITS["skerry-isle"]))
    assert "Not asked of an isle" in page and "does not ask it of an isle" in page
    assert "Not asked of a isle" not in page and "ask it of a isle" not in page


@pytest.mark.parametrize(("said", "reads"), [
    ("Not asked of a isle", "Not asked of an isle"),
    ("the framework does not ask it of a open_doors unit", "the framework does not ask it of an open_doors unit"),
    ("a unit", "a unit"), ("of a European town", "of a European town"), ("for a one-year plan", "for a one-year plan"),
    ("aplus or A+, a or A, b or B", "aplus or A+, a or A, b or B"),  # a grade whose id is "a"
    ("write --target a instead", "write --target a instead"), ("grade A is", "grade A is"),
])
def test_an_before_a_vowel_only_where_a_is_the_article(said, reads):
    from indicators.messages import agree

    assert agree(said) == reads


# --- carried from G29-T ------------------------------------------------------------------------------

def test_a_target_the_charter_has_not_names_the_middle_outcome_too(installed):
    """`--target` takes the middle outcome (deferred, or its words); the usage message listed
    recognition, the grades and a total only."""
    en = lcity("plan", str(UNITS["wrackton"]), "--target", "X")
    assert en.returncode == 2
    assert "the middle outcome (deferred)" in flat(en.stderr)
    zh = lcity("--lang", "zh", "plan", str(UNITS["wrackton"]), "--target", "X")
    assert "deferred（中间一档结论）" in flat(zh.stderr)
    from evaluator.plan import BadTarget, parse_target
    from indicators.loader import load_framework

    with pytest.raises(BadTarget, match="middle outcome \\(deferred, Charter renewal deferred\\)"):
        parse_target(load_framework(str(FW)), "X")



# --- G30T-6: the trend chart of a 40-point charter ----------------------------------------------------

def _chart(tmp_path: Path, lang: str) -> tuple[list[str], str]:
    """Lowmarsh's trend chart (with its 2023 assessment): the axis and point labels, and the caption."""
    page = tmp_path / f"t-{lang}.html"
    run = lcity("report", str(UNITS["lowmarsh"]), "--previous", str(HERE / "trend" / "lowmarsh-2023.yaml"),
                "--html", str(page), "--lang", lang, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    text = page.read_text(encoding="utf-8")
    start = text.index('<figure class="chart line">')
    figure = text[start:text.index("</figure>", start)]
    return re.findall(r">([\d.]+)</text>", figure), html.unescape(re.sub(r"<[^>]+>", "", figure))


@pytest.mark.parametrize(("lang", "legend", "caption"), [
    ("en", "Total (% of 40 points)", "The total by year as a share (%) of its 40 points"),
    ("zh", "总分（占满分40分的%）", "历年总分占满分（40分）的百分比"),
])
def test_a_40_point_charters_total_is_drawn_as_its_share_beside_the_dimensions(installed, tmp_path, lang, legend,
                                                                               caption):
    """Lowmarsh's 20.1 of 40 (half its scale) was drawn at 20 on the 0–100 axis the dimensions' shares
    need, below civic-voice's 44 %; now at 50.3, its share, named so in the legend and the caption."""
    labels, shown = _chart(tmp_path, lang)
    assert labels[-1] != "40" and "100" in labels  # the shares' axis
    assert "25.9" in labels and "50.3" in labels and "20.1" not in labels and "10.4" not in labels
    assert legend in shown and caption in shown
