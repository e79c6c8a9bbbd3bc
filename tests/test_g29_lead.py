"""Session 29, the lead's fixes. First: WeasyPrint's font folders. Every `lcity batch` left a
22 MB `weasyprint-*` folder in the temporary directory (its ranking's fonts), and batch workers one
more now and then; after some thousand runs the disk was full and the CI could not install."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

DISTRICTS = ROOT / "examples" / "districts"


def _run_with_own_tmp(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess, list[str]]:
    """``lcity ARGS`` with a temporary directory of its own; what it left there afterwards."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = dict(os.environ, TMPDIR=str(tmp), COLUMNS="200", NO_COLOR="1")
    run = subprocess.run([sys.executable, "-m", "lcity", *args], cwd=tmp_path, capture_output=True, text=True,
                         env=env, timeout=300)
    return run, sorted(p.name for p in tmp.iterdir())


def test_a_batch_with_reports_leaves_no_font_folder(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    for name in ("baiyang.yaml", "beiling.yaml", "dongbin.yaml"):
        shutil.copy(DISTRICTS / name, folder / name)
    run, left = _run_with_own_tmp(tmp_path, "batch", str(folder), "-o", str(tmp_path / "out"), "--reports",
                                  "--jobs", "2")
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "out" / "ranking.pdf").exists() and (tmp_path / "out" / "baiyang.pdf").exists()
    assert [name for name in left if name.startswith("weasyprint-")] == []


def test_a_report_leaves_no_font_folder(tmp_path):
    run, left = _run_with_own_tmp(tmp_path, "report", str(ROOT / "examples" / "qingshi-district.yaml"),
                                  "-o", str(tmp_path / "r.pdf"), "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert [name for name in left if name.startswith("weasyprint-")] == []


def test_the_font_folder_goes_even_when_rendering_fails(tmp_path, monkeypatch):
    """A stop (Ctrl-C, a batch's time limit) in the middle of a layout ends the block by an exception."""
    import tempfile

    import pytest

    from reports import render

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(KeyboardInterrupt):
        with render.font_configuration() as fonts:
            render.render_document("<p>学习型城市</p>", fonts=fonts)
            assert [p.name[:11] for p in tmp_path.iterdir()] == ["weasyprint-"]
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_every_kind_of_held_figure_has_its_first_improvement_words():
    """A kind added to ``evaluator.result.HELD_ON`` is named by the summary's first improvement
    (reports.context_summary._HELD_FIRST reads it): its words must be in both catalogs, or the
    report of a unit held on it fails to render."""
    from evaluator.result import HELD_ON
    from reports.catalog import load_catalog
    from reports.context_summary import _HELD_FIRST

    assert set(HELD_ON) <= set(_HELD_FIRST)
    for lang in ("zh", "en"):
        words = load_catalog(lang)
        for kind in _HELD_FIRST:
            for key in (f"sum_first_held_{kind}", f"sum_first_held_{kind}_one"):
                assert key in words, (lang, key)


def test_verify_reads_a_report_made_before_against_method():
    """``recognition.against_method`` (d98c10a) is new: a report made before it does not carry the
    field, and ``lcity verify`` must not call that a difference of the report."""
    from evaluator.pipeline import read_scored
    from reports.verify_pdf import changed_leaves

    result, _ = read_scored(ROOT / "examples" / "qingshi-district.yaml")
    new = result.model_dump(mode="json")
    assert new["recognition"]["against_method"] == []
    old = {**new, "recognition": {k: v for k, v in new["recognition"].items() if k != "against_method"}}
    assert changed_leaves(old, new) == []
    # where the field is in the report, a change of it is still found
    edited = {**new, "recognition": {**new["recognition"], "against_method": ["E1"]}}
    assert changed_leaves(edited, new) == ["recognition.against_method"]


def test_the_plans_sentence_gives_its_points_as_its_table_does():
    """Lowfield (a 1000-point framework): "Of the plan's +372.2 points, 101.2 rest on 2 figures" stood
    above a table whose total read +372.25 (G28-T, G29R)."""
    fw = ROOT / "tests" / "audit_cities" / "g28t"
    env_run = subprocess.run([sys.executable, "-m", "lcity", "plan", str(fw / "lowfield-2025.yaml"), "--lang", "en"],
                             cwd=ROOT, capture_output=True, text=True, timeout=120,
                             env=dict(os.environ, LCITY_FRAMEWORK_PATH=str(fw / "fw"), COLUMNS="200", NO_COLOR="1"))
    assert env_run.returncode == 0, env_run.stderr
    assert "Of the plan's +372.25 points, 101.25 rest on 2 figures not yet known" in env_run.stdout
    assert "+372.25" in [c.strip() for line in env_run.stdout.splitlines() for c in line.split("│")]


CHENGJIANG = ROOT / "tests" / "audit_cities" / "g29a2"


def test_a_change_of_the_total_is_the_difference_of_the_printed_totals():
    """澄江区, 94.326 in 2023 and 77.961 in 2025: "总分由94.3分变为78.0分（-16.4分）" in the summary, 三 and
    `lcity trend`; a reader subtracting the two printed totals gets -16.3 (G29A2-5)."""
    import html
    import re

    from lcity.reporting import prepare
    from reports.render import render_html

    from .conftest import lcity_here

    old, new = CHENGJIANG / "chengjiang-district-2023.yaml", CHENGJIANG / "chengjiang-district-2025.yaml"
    assert "澄江区：总分 94.3 → 78.0（-16.3 分，2 年" in lcity_here("trend", str(old), str(new)).stdout
    p = prepare(new, previous=[old])
    page = render_html(p.result, p.bench, p.framework, p.assessment, lang="zh", date="2026-04-10",
                       robustness=p.robustness, warnings=p.loaded.problems, trend=p.trend)
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))
    assert "总分由94.3分变为78.0分（-16.3分）" in text and "变化-16.3分" in text and "-16.4分" not in text


def test_a_dimensions_trend_says_up_or_down_as_its_printed_shares_read():
    from reports.context_findings import _trend_key

    assert _trend_key("93%", "93%", -0.006) == "fd_trend_same"  # 93.3 % then 92.7 %: not "由93%下降到93%"
    assert _trend_key("93%", "92%", -0.002) == "fd_trend_down"  # 92.6 % then 92.4 %: not "保持在92%"
    assert _trend_key("48%", "100%", 0.52) == "fd_trend_up"


def test_a_share_of_draws_is_never_rounded_to_an_end_it_does_not_reach():
    """锦屏区: "按规则评定的等级“良好”在100%的抽样中不变（其余：合格0%）" for a grade kept in 99.6 % of the
    draws (G29A2-2)."""
    from reports.context_robustness import draw_pct

    assert [draw_pct(p) for p in (0.0, 0.004, 0.006, 0.125, 0.5, 0.994, 0.996, 1.0)] == \
        ["0", "<1", "<1", "13", "50", ">99", ">99", "100"]
    s = " ".join(_summary(CHENGJIANG / "jinping-district-declared-culture.yaml", "zh"))
    assert "按规则评定的等级“良好”在>99%的抽样中不变（其余：合格<1%）" in s


def _summary(path: Path, lang: str) -> list[str]:
    import html

    from .conftest import report_lines, section

    lines = [html.unescape(line) for line in report_lines(path, lang)]
    return section(lines, "评估摘要" if lang == "zh" else "Summary", "目" if lang == "zh" else "Contents")


def test_the_weakest_dimensions_of_a_three_dimension_framework_are_never_all_three():
    """G29-T: Baisha (a 10-point framework of three dimensions) had all three named under "Three weakest
    dimensions", TX at 93 % among them."""
    fw = ROOT / "tests" / "audit_cities" / "g29t"
    run = subprocess.run([sys.executable, "-m", "lcity", "benchmark", str(fw / "baisha-shi-2025.yaml"), "--lang", "en"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, LCITY_FRAMEWORK_PATH=str(fw / "fw"), COLUMNS="200", NO_COLOR="1"))
    assert run.returncode == 0, run.stderr
    after = run.stdout.split("Weakest dimensions and whom to learn from", 1)[1]
    named = [line.strip() for line in after.splitlines() if line.startswith("  ") and not line.startswith("    ")]
    assert named[:2] == ["CX 成效与满意 (79%)", "FW 学习服务 (79%)"] and not any(n.startswith("TX") for n in named)
    assert "Three weakest" not in run.stdout and "can be named among the weakest" not in run.stdout


def test_a_reviewed_score_says_the_survey_threshold_is_met_on_the_panels_rate():
    """G29-T: Baisha's panel verified CX2 at 76.4 % on 650 questionnaires; the reviewed score read
    "调查指标按填报值达标" (met as the unit reported it)."""
    fw = ROOT / "tests" / "audit_cities" / "g29t"
    env = dict(os.environ, LCITY_FRAMEWORK_PATH=str(fw / "fw"), COLUMNS="200", NO_COLOR="1")
    for lang, words in (("zh", "，调查指标按专家组核定值达标，"), ("en", ", survey thresholds met on the panel's verified rates,")):
        run = subprocess.run([sys.executable, "-m", "lcity", "score", str(fw / "baisha-shi-2025.yaml"), "--review",
                              str(fw / "baisha-shi-2025.review.yaml"), "--lang", lang],
                             cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
        assert run.returncode == 0, run.stderr
        assert words in run.stdout and "按填报值达标" not in run.stdout and "as reported" not in run.stdout


def test_a_units_own_bracket_is_kept_where_a_measuring_note_is_dropped():
    """G29-T: "达到2.5个/乡镇可得满分" for a framework's unit "个/乡镇（街道）" (per township or street);
    the note after a symbol ("%（社区居民培训率）") is still said once only."""
    from reports.context_format import unit_once

    assert unit_once("个/乡镇（街道）") == "个/乡镇（街道）" and unit_once({"zh": "个/乡镇（街道）"}, "zh") == {"zh": "个/乡镇（街道）"}
    assert unit_once("%（社区居民培训率）") == "%" and unit_once("% (community training rate)") == "%"
