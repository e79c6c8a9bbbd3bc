"""One display rule for a total and a share near a line, on every surface that prints them.

A total of 89.96 (良好, 优秀 starts at 90) printed "90.0" beside 良好 reads as the wrong grade; a
dimension at 59.95 % printed "60%" beside "below the 60 % floor" reads as a slip. ``lcity score`` and
the report's score table already printed 89.96 and 59.9 %; the benchmark, the plan, the report's
closing log line, the batch ranking, trend and cities, and the report's 六, 七 and 附件2 printed
``f"{total:.1f}"``. Here every one of them is given totals just either side of each line of the
framework and must print a figure on the side the total is on (audit_readings3 items 1, 2), and
unit a of that audit is run through the CLI and the report: every figure reads 89.96. Also the
pathway margin printed as its reason prints it (item 14), a unit's note named once (item 15), and
no plan-table line starting with "、" at 80 columns (item 16)."""

from __future__ import annotations

import dataclasses
import io
import re
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from evaluator.rounding import shown_margin, total_limits
from lcity.cli import app

AUDIT = Path(__file__).parent / "audit_readings3"
A = AUDIT / "a-guian-district.yaml"
B = AUDIT / "b-shiling-county.yaml"
D = AUDIT / "d-meichuan-district.yaml"
EPS = 1e-9


@pytest.fixture(scope="module")
def a():
    """Unit a prepared as ``lcity report`` prepares it (result, benchmark, plan, robustness)."""
    from lcity.reporting import prepare

    return prepare(A)


@pytest.fixture(scope="module")
def lines(a):
    return total_limits(a.framework)


def _facts(a, lang: str):
    from reports.context_facts import facts

    return facts(a.result, a.bench, a.framework, a.assessment, lang=lang, robustness=a.robustness)


@pytest.fixture(scope="module")
def facts_zh(a):
    return _facts(a, "zh")


@pytest.fixture(scope="module")
def facts_en(a):
    return _facts(a, "en")


def _on_side(figure: str, total: float, lines) -> None:
    """The printed ``figure`` is on the same side of every line as ``total``."""
    for line in lines:
        assert (float(figure) + EPS >= line) == (total + EPS >= line), (figure, total, line)


def _near_lines(draw_lines):
    # a total within 0.049 of a line, at least 0.0005 from it (3 decimals at most), or on it
    return st.builds(lambda line, d: line + d, st.sampled_from(draw_lines),
                     st.one_of(st.floats(5e-4, 0.049), st.floats(-0.049, -5e-4), st.just(0.0)))


def _printed(fn, *args) -> str:
    buf = io.StringIO()
    with redirect_stdout(buf):
        fn(*args)
    return buf.getvalue()


# --- every surface, with totals either side of each line ------------------------------------------


def test_every_surface_prints_a_total_on_its_grades_side(a, lines, facts_zh, facts_en):
    from evaluator.result import Bounds
    from evaluator.trend import trend
    from indicators.messages import say
    from lcity.batch_summary import unit_record
    from lcity.commands import plan as plan_cmd
    from lcity.commands import reference
    from lcity.commands.batch import print_trend
    from lcity.commands.report import wrote_line
    from reports.context_appendices import benchmark_table
    from reports.context_plan import tasks
    from reports.context_robustness import _findings
    from reports.context_trend import trend_block
    from reports.ranking import _total as ranking_total

    fw, r = a.framework, a.result
    u = a.robustness and next(x for x in a.robustness.units if not x.reference)

    @settings(max_examples=40, deadline=None)
    @given(x=_near_lines([line for line in lines if line > 0]))
    def check(x):
        rx = r.model_copy(update={"total": x, "total_bounds": Bounds(lower=x, upper=x)})
        bench = a.bench.model_copy(update={
            "total": x, "total_bounds": Bounds(lower=x, upper=x),
            "table": [row.model_copy(update={"total_bounds": Bounds(lower=x, upper=x)}) if row.is_subject else row
                      for row in a.bench.table]})
        for zh in (True, False):
            # lcity plan: "现在：89.96 良好，暂缓认定"
            _on_side(plan_cmd._standing(rx, zh, fw).split()[0], x, lines)
            # lcity benchmark: "桂岸区：总分 89.96" (bounds of one figure are not printed, G19-A10)
            head = _printed(reference._benchmark_table, bench, zh, fw)
            m = re.search(r"(?:总分|total) (\d+(?:\.\d+)?)", head)
            _on_side(m.group(1), x, lines)
            said_total = next(line for line in head.splitlines() if m.group(0) in line)
            assert "上下界" not in said_total and "(bounds" not in said_total
            # lcity report's closing line: "已写出 a.pdf：总分 89.96，良好，暂缓认定"
            said = say(wrote_line("a.pdf", rx, fw, "zh" if zh else "en"), "zh" if zh else "en")
            _on_side(re.search(r"(?:总分|total) (\d+(?:\.\d+)?)", said).group(1), x, lines)
        # lcity cities (bounds of a unit with unknowns): each bound on its own side
        lo, hi = reference.bounds_text(Bounds(lower=x, upper=x + 20), fw).split("–")
        _on_side(lo, x, lines)
        lo, hi = reference.bounds_text(Bounds(lower=x - 20, upper=x), fw).split("–")
        _on_side(hi, x, lines)
        # the batch: the terminal's ranking and the ranking PDF print the record's figure (2 decimals)
        record = unit_record(rx, 0)
        _on_side(record["ranking"]["total_shown"], x, lines)
        unit = {**record["row"], **record["ranking"]}
        _on_side(ranking_total(unit), x, lines)
        # lcity trend: "总分 89.96 → …" and the table's total row
        rt = trend([r.model_copy(update={"city": r.city.model_copy(update={"period": "2019–2021"})}), rx])
        text = _printed(print_trend, rt, "zh")
        _on_side(re.search(r"总分 [\d.]+ → (\d+(?:\.\d+)?)", text).group(1), x, lines)
        row = next(line for line in text.splitlines() if line.startswith("│ 总分"))
        _on_side(row.split("│")[4].strip(), x, lines)
        for f in (facts_zh, facts_en):
            fx = dataclasses.replace(f, result=rx, bench=bench)
            # the report's change over time: the summary and the table by period
            block = trend_block(rt, f.cat, f.lang, f.city, fw)
            _on_side(block["rows"][-1]["total"], x, lines)
            assert block["rows"][-1]["total"] in block["summary"]
            # 附件2: the subject's row of the benchmark table
            subject = next(row for row in benchmark_table(fx)["bench"]["rows"] if row["subject"])
            _on_side(subject["total"], x, lines)
            # 六: "总分由89.96分提高到90.1分" (the plan's before, here the total given)
            p = dataclasses.replace(f.plan, before=f.plan.before.model_copy(update={"total": x}))
            intro = tasks(dataclasses.replace(fx, plan=p), next_grade=False)["tasks"]["intro"]
            _on_side(re.search(r"(?:由|from )(\d+(?:\.\d+)?)", intro).group(1), x, lines)
            # 七 and the English 7: "桂岸区评估得分89.96分" / "scores 89.96."
            if u is not None:
                ux = u.model_copy(update={"scored": x})
                first = _findings(dataclasses.replace(fx, robustness=ux), ux, a.robustness)[0]
                _on_side(re.search(r"(?:得分|scores )(\d+(?:\.\d+)?)", first).group(1), x, lines)

    check()


@settings(max_examples=60, deadline=None)
@given(share=st.floats(0.0, 1.0))
def test_a_benchmark_share_is_on_its_side_of_the_floor_and_of_90(share):
    from evaluator.rounding import shown_dimension_share
    from reports.ranking import _share

    for shown in (shown_dimension_share(share, 0.6), _share(share, 0.6, "—")):
        figure = float(shown.rstrip("%")) / 100
        for line in (0.6, 0.9):
            assert (figure + EPS >= line) == (share + EPS >= line) or abs(share - line) < 5e-6, (share, shown)


@settings(max_examples=60, deadline=None)
@given(margin=st.floats(0.0, 0.2))
def test_a_pathway_margin_is_on_its_side_of_the_mixed_line(margin):
    shown = float(shown_margin(margin, 0.05))
    if abs(margin - 0.05) > 5e-6:
        assert (shown + EPS >= 5) == (margin * 100 + EPS >= 5), (margin, shown)


# --- unit a through the CLI and the report: every figure reads 89.96 --------------------------------


def _run(*args: str, lang: str | None = None):
    extra = ["--lang", lang] if lang else []
    res = CliRunner().invoke(app, [*args, *extra], env={"COLUMNS": "80"})
    assert res.exit_code == 0, res.output
    return res.output


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_unit_a_reads_8996_in_benchmark_and_plan(lang):
    bench = _run("benchmark", str(A), lang=lang)
    assert "89.96" in bench and "90.0" not in bench
    # D at 59.95 % beside the 60 % floor: 59.9 % in the table and among the weakest, never "60%"
    assert re.search(r"│ D [^│]*│ 59\.9%", bench) and ("D 多元经费保障（59.9%）" in bench or "(59.9%)" in bench)
    plan = _run("plan", str(A), "--target", "优秀" if lang == "zh" else "excellent", lang=lang)
    assert re.search(r"(现在|today): 89\.96|现在：89\.96", plan) and "90.0" not in plan


def test_unit_a_report_text_reads_8996_in_six_seven_and_appendix_2(facts_zh, facts_en):
    from reports.context_appendices import benchmark_table
    from reports.context_plan import tasks
    from reports.context_robustness import robustness

    for f in (facts_zh, facts_en):
        six = tasks(f)["tasks"]["intro"]
        seven = " ".join(str(x) for x in robustness(f)["robustness"].get("findings", []))
        annex = next(row for row in benchmark_table(f)["bench"]["rows"] if row["subject"])["total"]
        assert "89.96" in six and "90.0" not in six, six
        assert annex == "89.96"
        if seven:
            assert "89.96" in seven and not re.search(r"(得分|scores )90\.0", seven), seven


# --- item 14: the pathway margin as its reason prints it -----------------------------------------


@pytest.mark.parametrize("cmd", [("score", "--explain"), ("benchmark",)])
def test_pathway_margin_reads_as_the_reason_does(cmd):
    out = _run(cmd[0], str(D), *cmd[1:])
    assert "差距4.6个百分点" in out and "相差4.6个百分点，不足5个百分点" in out
    assert "差距5个百分点" not in out


# --- item 15: a unit's note named once ------------------------------------------------------------


def test_a_units_note_is_named_once(facts_zh, facts_en):
    from reports.context_appendices import score_table
    from reports.context_findings import strengths

    text = str(strengths(facts_zh))
    assert "65.45%（社区居民培训率），达到60%的满分标准" in text
    assert "60%（社区居民培训率）" not in text
    en = str(strengths(facts_en))
    assert "65.45% (community training rate), reaching the full-points line of 60%" in en
    rules = str(score_table(facts_zh))
    assert "30%（社区居民培训率）得0分，60%得满分" in rules


# --- item 16: no "、" at the start of a plan-table line ----------------------------------------------


def test_no_plan_table_line_starts_with_a_closing_mark_at_80_columns():
    out = _run("plan", str(B), "--target", "合格")
    cells = [c.strip() for line in out.splitlines() for c in line.split("│")[1:-1]]
    assert not [c for c in cells if c and c[0] in "，。、；：！？）》」』】〕”’"]
    assert "交流）、" in out  # the two marks hang together at the end of the line
