"""Session 26, the lead's fixes: the score table's floor column agrees with the report where a floor
is missed only for want of data (G26-T9), and a share under a line never prints on it, even past the
last decimal allowed (the hypothesis case the G26-T audit met)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import lcity_here as lcity

G26T = Path(__file__).parent / "audit_cities" / "g26t"
LIULIN = G26T / "liulin-zhen-2025.yaml"


@pytest.fixture
def scheme(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G26T / "fw"))
    monkeypatch.setenv("COLUMNS", "80")


def _floor_column(stdout: str) -> dict[str, str]:
    rows = [line.split("│") for line in stdout.splitlines() if line.startswith("│ ") and len(line.split("│")) > 6]
    return {r[1].strip(): r[6].strip() for r in rows if r[1].strip()}


def test_a_floor_unknown_answers_could_still_reach_is_not_marked_missed(scheme):
    """Liulin: ZD, SZ and MY are below 55 % as scored, each with an unknown answer that could carry it
    over (the report's 三 says 数据不详); JF's unknown answer could not, so JF stays ✗."""
    zh = lcity("score", str(LIULIN))
    cols = _floor_column(zh.stdout)
    assert cols == {"ZZ": "✗", "JF": "✗", "ZD": "?", "SZ": "?", "MY": "?"}, cols
    assert "? ZD、SZ、MY：低于底线，但有数据不详的指标，补齐后可能达到底线，尚不能判断其强弱" in zh.stdout
    en = lcity("score", str(LIULIN), "--lang", "en")
    assert "? ZD, SZ, MY: below the floor as scored, but with indicators whose data are unknown" in en.stdout
    csv = lcity("score", str(LIULIN), "--lang", "en", "-f", "csv").stdout.splitlines()
    floors = {row.split(",")[0]: row.split(",")[-1] for row in csv[1:6]}
    assert floors == {"ZZ": "not met", "JF": "not met", "ZD": "unknown", "SZ": "unknown", "MY": "unknown"}, csv


def test_a_unit_without_unknowns_keeps_its_marks():
    from .conftest import EXAMPLES

    out = lcity("score", str(EXAMPLES / "qingshi-district.yaml"), "--lang", "en").stdout
    assert "?" not in "".join(_floor_column(out).values())
    assert "below the floor as scored" not in out


@pytest.mark.parametrize("share,lines,text", [(0.8999996, (0.9,), "89.999"), (0.59999999, (0.6, 0.9), "59.999"),
                                              (0.8996, (0.9,), "89.96"), (0.95, (0.9,), "95")])
def test_a_share_under_a_line_is_cut_not_rounded_onto_it(share, lines, text):
    from evaluator.rounding import shown_points, shown_share

    assert shown_share(share, lines) == text
    for line in (x for x in lines if share < x):
        assert float(shown_points(share * 10, 10, lines)) < line * 10


@pytest.mark.parametrize("args", [("batch", "{ex}"), ("init",), ("report", "{ex}/qingshi-district.yaml"),
                                  ("convert", "{ex}/qingshi-district.yaml"), ("demo",),
                                  ("plan", "{ex}/qingshi-district.yaml")])
def test_an_empty_output_is_refused_not_read_as_the_current_folder(tmp_path, args):
    """G26-H2: a script's unset $OUT gave ``-o ""``; Click read it as ``.``, and batch wrote its
    summaries into the current folder, exit 0."""
    from .conftest import EXAMPLES

    argv = [a.format(ex=EXAMPLES) for a in args]
    zh = lcity(*argv, "-o", "", "--lang", "zh", cwd=tmp_path)
    assert zh.returncode == 2 and "输出路径为空" in zh.stdout + zh.stderr, zh.stderr
    en = lcity(*argv, "-o", "", "--lang", "en", cwd=tmp_path)
    assert en.returncode == 2 and "the output path is empty" in en.stdout + en.stderr, en.stderr
    assert list(tmp_path.iterdir()) == []


def test_sensitivity_names_a_wrong_source_in_the_panels_language():
    """G26-H3: the Chinese usage panel held an English reason."""
    from .conftest import EXAMPLES

    zh = lcity("sensitivity", str(EXAMPLES / "qingshi-district.yaml"), "--sources", "nope", "--lang", "zh")
    assert zh.returncode == 2 and "没有这一来源：nope" in zh.stderr, zh.stderr
    en = lcity("sensitivity", str(EXAMPLES / "qingshi-district.yaml"), "--sources", "nope", "--lang", "en")
    assert en.returncode == 2 and "unknown source: nope" in en.stderr, en.stderr


def test_a_plan_landing_with_a_survey_line_within_its_margin_says_so(tmp_path, scheme):
    """G26-T4: Baisha with two figures lowered plans 4 tasks to 85 and said nothing of MY1 at 77 %
    (310 questionnaires, ± 4.7) against its 75 % line; the same unit with nothing to change says the
    survey is the step left."""
    src = (G26T / "baisha-zhen-2025.yaml").read_text(encoding="utf-8")
    mid = tmp_path / "mid.yaml"
    mid.write_text(src.replace("ZD2: {value: 2900", "ZD2: {value: 900").replace("SZ1: {value: 10500", "SZ1: {value: 3500"),
                   encoding="utf-8")
    zh = lcity("plan", str(mid)).stdout
    assert "计划完成后可按填报值达到目标，但调查指标的达标尚不确定：MY1按计划为77%（有效问卷310份）" in zh, zh
    assert "包含75%的要求线" in zh and "这是尚需完成的一步" in zh
    en = " ".join(lcity("plan", str(mid), "--lang", "en").stdout.split())
    assert "After the plan the target is reached on the rates as reported, but the survey lines are not settled: " \
           "MY1 would be 77% after the plan (310 valid questionnaires)" in en, en


def test_a_plan_target_may_name_the_recognised_outcome_in_english(scheme):
    """G26-T6 (part): --target took the recognised outcome's Chinese name, not its English one."""
    en = lcity("plan", str(G26T / "liulin-zhen-2025.yaml"), "--lang", "en",
               "--target", "Named a model community-education street (township)")
    assert en.returncode in (0, 1) and "target Named a model community-education street (township)" in en.stdout, en.stderr


def test_the_outcome_change_credits_a_split_veto_to_who_found_it():
    """G25R-4's rest: 八's change sentence said 认定一票否决项 (the panel's act) of Jinxiu's veto, which
    only the lead's review lists."""
    import html

    from .conftest import report_lines

    g25r = Path(__file__).parent / "audit_cities" / "g25r"
    reviews = [g25r / "jinxiu-district-veto.review.yaml", g25r / "jinxiu-district-veto.review-member.yaml"]
    zh = " ".join(report_lines(g25r / "jinxiu-district-veto.yaml", "zh", reviews))
    assert "经专家组核查更正E3，并由黎志坚认定一票否决项，核定总分91.5分" in zh
    en = html.unescape(" ".join(report_lines(g25r / "jinxiu-district-veto.yaml", "en", reviews)))
    assert "(corrections of E3; a veto item that 黎志坚 found) the verified total is 91.5" in en
    one = " ".join(report_lines(g25r / "jinxiu-district-veto.yaml", "zh", reviews[:1]))
    assert "并认定一票否决项" in one and "由黎志坚认定一票否决项" not in one  # the only reviewer's veto is the panel's


def test_appendix_3_counts_a_figure_the_panel_found_apart_from_the_units():
    """G25R-7's rest: 附件3 counted Songhe's G1 (unknown in its file, 46 % found by the panel) among the
    44 it filed ("已填报 45")."""
    import html

    from .conftest import report_lines

    g25r = Path(__file__).parent / "audit_cities" / "g25r"
    unit, review = g25r / "songhe-county-elderly.yaml", [g25r / "songhe-county-elderly.review.yaml"]
    zh = " ".join(report_lines(unit, "zh", review))
    assert "已填报 44 专家组查明（自评未给出数据） 1 不适用 1" in zh
    assert "自评未给出数据、由专家组核查查明的指标（见附件1）： G1 学习型组织覆盖面" in zh
    en = html.unescape(" ".join(report_lines(unit, "en", review)))
    assert "Answered 44 Found by the panel (no figure from the unit) 1 Not applicable 1" in en


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_validate_rules_lists_sheet_hidden_after_sheet_copy(lang):
    """G25-H7's rule in the list, where a workbook's rules stand."""
    lines = lcity("validate", "--rules", "--lang", lang).stdout.splitlines()
    k = next(i for i, line in enumerate(lines) if line.startswith("sheet-hidden "))
    assert lines[k - 1].startswith("sheet-copy ") and lines[k + 1].startswith("not-an-assessment "), lines[k - 1:k + 2]
