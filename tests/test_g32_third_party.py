"""Audit G32-T (tests/audit_cities/g32t/AUDIT.md): a (fictional) English-only standard of a regional
learning partnership for English county and district councils, fenland-learning-communities@1: 36
points in two dimensions, every indicator a percentage or a count, five of seven scored "lower is
better", five grades named A to E, levels whose ids are China's (county, district) but whose words
are the English councils', no survey, no veto, no pathways, no reference units."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import lcity_here as lcity, report_lines, squash

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "tests" / "audit_cities" / "g32t"
FW = HERE / "fw" / "fenland-learning-communities" / "framework.yaml"
UNITS = {u: HERE / f"{u}-2025.yaml" for u in ("ashcombe", "brindle", "corrow", "dunmere")}


@pytest.fixture
def fenland(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(HERE / "fw"))
    monkeypatch.setenv("COLUMNS", "80")


def test_the_standard_is_a_valid_framework_and_scores_its_units(fenland):
    assert lcity("framework", "check", str(FW)).returncode == 0
    said = {u: lcity("score", str(p)).stdout for u, p in UNITS.items()}
    assert "Grade: A    Outcome: Standard met" in said["ashcombe"]
    assert "Grade: C    Outcome: Standard met in part" in said["brindle"]
    assert "Grade: E    Outcome: Standard not met" in said["corrow"]
    assert "等级：数据不足，不予定级" in said["dunmere"]


# --- G32T-1: an English county council is not a 县 ---------------------------------------------------


@pytest.mark.parametrize("unit", ["ashcombe", "brindle"])
def test_a_chinese_report_does_not_call_an_english_council_by_chinas_level_words(fenland, unit):
    """The framework names its levels {en: county} and {en: district}: its Chinese report read
    'Council tier 县' / '区' in the profile table and '仅显示本县数据' / '本区无可比较的对象', China's
    words for the ids. An English-only framework's own word stands in both languages (docs §2), and a
    Latin level word is 本单位 in a Chinese sentence (G25-T6)."""
    lines = report_lines(UNITS[unit], "zh")
    text = squash(" ".join(lines))
    assert "本县" not in text and "本区" not in text, [ln for ln in lines if "本县" in ln or "本区" in ln]
    assert squash("表格和图表仅显示本单位数据") in text


@pytest.mark.parametrize("unit", ["ashcombe", "brindle"])
def test_the_profile_table_names_the_level_in_the_frameworks_word(fenland, unit):
    lines = report_lines(UNITS[unit], "zh")
    at = lines.index("Council tier")
    assert lines[at + 1] == ("county" if unit == "ashcombe" else "district"), lines[at:at + 2]


def test_the_english_report_keeps_its_level_words(fenland):
    lines = report_lines(UNITS["ashcombe"], "en")
    at = lines.index("Council tier")
    assert lines[at + 1] == "County"
    assert squash("the charts show this county") in squash(" ".join(lines))


# --- G32T-3: "the other 1, losing fewer points, are RE3" ----------------------------------------------


def test_one_indicator_left_out_of_the_recommendations_is_one(fenland):
    """Brindle's 六 listed six recommendations and read "the other 1, losing fewer points, are RE3
    Learning centre closures": the count had no noun and its verb was plural."""
    text = squash(" ".join(report_lines(UNITS["brindle"], "en")))
    assert squash("the other 1 indicator, losing fewer points, is RE3 Learning centre closures") in text, text


@pytest.mark.parametrize("text, said", [
    ("the other 1 indicators, losing fewer points, are RE3 X; where", "the other 1 indicator, losing fewer points, is RE3 X; where"),
    ("the other 1 indicators, losing fewer points or lacking data, are EX3", "the other 1 indicator, losing fewer points or lacking data, is EX3"),
    ("the other 1 indicators that lose points are RE3 X", "the other 1 indicator that loses points is RE3 X"),
    ("the other 1 indicators that lose points or lack data are K4", "the other 1 indicator that loses points or lacks data is K4"),
    ("the other 2 indicators, losing fewer points, are A, B", "the other 2 indicators, losing fewer points, are A, B"),
    ("the other 11 indicators that lose points are A", "the other 11 indicators that lose points are A"),
])
def test_one_agrees_with_the_verb_after_its_phrase(text, said):
    from indicators.messages import agree

    assert agree(text) == said


# --- G32T-4: the derived-figures table of a reviewed report ran off the page --------------------------


def test_a_corrected_derived_figure_keeps_its_table_on_the_page(fenland, tmp_path):
    """The panel corrected RE1 (6 → 8 communities): 二's derived-figures table printed '8 communities
    (verified by the panel; self-assessed 6 communities)' on one line, and its Derived column ran past
    the right edge of the page ('Derived' at x = 598 of 595 pt), cut off in print."""
    import re
    import subprocess

    pdf = tmp_path / "brindle.pdf"
    run = lcity("report", str(UNITS["brindle"]), "--review", str(HERE / "brindle-2025.review.yaml"),
                "--lang", "en", "-o", str(pdf))
    assert run.returncode == 0, run.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    page = next(k for k, p in enumerate(text.split("\f"), 1) if "Key derived figures" in p)
    box = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', box).group(1))
    words = [(float(x), w) for x, w in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', box)]
    assert "Derived" in {w for _, w in words}
    over = [w for x, w in words if x > width - 28]  # the page's right margin is 20 mm: nothing within 10 mm of the edge
    assert not over, (width, over)
    assert "self-assessed 6 communities" in " ".join(text.split())


# --- G32T-5: "the three dimensions that changed most" of a framework of two -----------------------------


def _trend_lines(lang: str) -> list[str]:
    import re

    from lcity.reporting import prepare
    from reports.render import render_html

    p = prepare(UNITS["brindle"], previous=[HERE / "trend" / "brindle-2023.yaml"])
    html = render_html(p.result, p.bench, p.framework, p.assessment, lang=lang, date="2026-04-10",
                       trend=p.trend, robustness=p.robustness, warnings=p.warnings)
    return [ln.strip() for ln in re.sub(r"<[^>]+>", "\n", html).splitlines() if ln.strip()]


@pytest.mark.parametrize("lang, said, unsaid", [
    ("en", "The total by year as a share (%) of its 36 points, and the share (%) of each dimension",
     "three dimensions"),
    ("zh", "历年总分占满分（36分）的百分比与各维度的得分率（%）", "三个维度"),
])
def test_a_trend_chart_of_two_dimensions_does_not_speak_of_three(fenland, lang, said, unsaid):
    """Brindle's trend chart draws the total and both of the framework's two dimensions; its caption
    read "… and the share (%) of the three dimensions that changed most" / "变化最大的三个维度"."""
    text = squash(" ".join(_trend_lines(lang)))
    assert squash(said) in text and squash(unsaid) not in text


# --- G32T-6: a form of figures only asked for "true/false, a choice id or a list" --------------------


@pytest.mark.parametrize("lang, said", [
    ("en", "# How to fill in: give each indicator a value (a number),"),
    ("zh", "# 填写说明：每个指标填写 value（数值），"),
])
def test_a_form_of_figures_asks_for_numbers_only(fenland, tmp_path, lang, said):
    """Every answer of the standard is a percentage or a count, and its form's first line read "give
    each indicator a value (a number, true/false, a choice id or a list)"."""
    out = tmp_path / "form.yaml"
    run = lcity("init", "--framework", "fenland-learning-communities", "-o", str(out), "--level", "district",
                "--lang", lang)
    assert run.returncode == 0, run.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert said in lines, lines[:5]


def test_chinas_form_still_names_every_kind(tmp_path):
    out = tmp_path / "form.yaml"
    assert lcity("init", "-o", str(out), "--lang", "en").returncode == 0
    assert ("# How to fill in: give each indicator a value (a number, true/false, a choice id or a list),"
            in out.read_text(encoding="utf-8").splitlines())


# --- G32T-7: the ranking marked red a floor its unit's report says it cannot judge --------------------


def test_the_ranking_does_not_mark_a_floor_open_for_want_of_data(fenland, tmp_path):
    """Dunmere's EXCL is at 24 % with 13.5 of its 24 points unknown: its report says 数据不详 (whether
    it reaches the 40 % floor cannot be told) and draws it without red; the batch ranking printed its
    24 % in red, as a floor missed. Corrow's 5 % (every answer given) stays red."""
    import re
    import shutil

    from lcity.batch import run_batch
    from lcity.batch_summary import ranking_context
    from reports.ranking import ranking_html

    for u in ("corrow", "dunmere"):
        shutil.copy(UNITS[u], tmp_path / UNITS[u].name)
    summary = run_batch(tmp_path, tmp_path / "out", jobs=1, ranking=False)
    html = ranking_html(ranking_context(summary, str(tmp_path)), "en")
    rows = {name: re.findall(r'<td class="share( low)?">([^<]*)</td>', row)
            for name, row in re.findall(r"(Corrow District Council|Dunmere County Council)(.*?)</tr>", html, re.S)}
    assert rows["Dunmere County Council"] == [("", "24%"), ("", "61%")], rows
    assert rows["Corrow District Council"][0][0] == " low", rows
    assert "only because some of the dimension" in html
