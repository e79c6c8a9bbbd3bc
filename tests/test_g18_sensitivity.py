"""G18 audit (the coordinator's commands), the three `lcity sensitivity` findings:

* B1: under china-learning-city@1, which sets no ``min_sample`` for the survey rates K4/K5, the
  survey source drew nothing while the sources said survey rates vary, and a recognition resting on
  K4 = 80.2 % (0.2 above its line) read 100 % and "稳健". The rates are now drawn with an assumed
  sample of 400, which the table, the JSON ``sources`` entry and the report's section 七 name.
* B8: reference cities below ``min_coverage`` showed narrow drawn intervals for totals known only
  between e.g. 12 and 95: their bounds now, and no drawn interval.
* B10: ⚑ flagged Qingshi's recognition line though dimension L below its floor keeps it deferred
  in every draw: a line whose crossing changes nothing is not flagged, and the report says why.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator.benchmark import benchmark
from evaluator.pipeline import read_scored
from evaluator.sensitivity import for_unit
from reports.render import render_html

from .conftest import EXAMPLES, ROOT, lcity_here
from .test_summary_basis import _plain

WANGHU_802 = ROOT / "tests" / "audit_coordinator_g18" / "inputs" / "wanghu-k4-80.2.yaml"
BEILING = EXAMPLES / "districts" / "beiling.yaml"
LIUTANG = EXAMPLES / "districts" / "liutang.yaml"
QINGSHI = EXAMPLES / "districts" / "qingshi.yaml"
DISTRICTS = EXAMPLES / "districts"


def _run(*args: str) -> str:
    got = lcity_here("sensitivity", *args)
    assert got.returncode == 0, got.stderr
    return got.stdout


def _row(out: str, name: str) -> str:
    return next(line for line in out.splitlines() if line.startswith(name))


@cache
def _page(path: Path, lang: str) -> str:
    result, loaded = read_scored(path)
    assessment, fw = loaded.require()
    rob = for_unit(result, fw, samples=1000, sobol=False)
    return _plain(render_html(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10",
                              robustness=rob))


def _seven(path: Path, lang: str = "zh") -> str:
    start, end = ("七、稳健性分析", "八、评估结论") if lang == "zh" else ("7. Robustness", "8. Conclusion")
    return _page(path, lang).rsplit(start, 1)[1].split(end, 1)[0]


# --- B1: survey rates under a framework without a minimum sample ---------------------------------


def test_b1_a_recognition_on_k4_80_2_is_flagged_not_certain(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = _run(str(WANGHU_802), "--no-sobol", "--samples", "2000")
    row = _row(out, "望湖区")
    assert row.endswith("⚑") and "100%  1–13/13" not in row
    recognised = int(row.split("%")[-2].split()[-1])  # the 认定 column
    assert 20 <= recognised <= 80, row
    flag = out.split("⚑ 抽样落在以下分界线两侧：", 1)[1].split("* 参照单位", 1)[0]
    flag = flag.replace("\u00a0", " ").replace("\n  ", "")
    assert "K4 居民知晓度和认同度的80%要求（" in flag and "的抽样低于，结论随之改变）" in flag
    sources = out.split("不确定性来源", 1)[1].replace("\n", "").replace(" ", "")
    assert "指标体系未规定K4、K5的样本量，且未填报有效样本量，这些比率按假定的400份有效问卷计" in sources


def test_b1_english_table_names_the_assumed_sample(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = _run(str(WANGHU_802), "--no-sobol", "--samples", "2000", "--lang", "en")
    assert _row(out, "Wanghu").endswith("⚑")
    words = " ".join(out.split("Sources (", 1)[1].split())
    assert "the framework sets no minimum sample for K4, K5 and no sample size was given, so these rates are drawn as from an assumed 400 valid " \
           "questionnaires" in words


def test_b1_json_sources_say_what_is_drawn():
    data = json.loads(_run(str(WANGHU_802), "--no-sobol", "--samples", "500", "--format", "json"))
    survey = next(s for s in data["sources"] if s["id"] == "survey")
    assert survey["on"] and survey["assumed_sample"] == 400 and survey["assumed_for"] == ["K4", "K5"]
    assert "400" in survey["range"] and "400" in survey["range_zh"]
    unit = data["units"][0]
    assert 0 < unit["result"]["recognition"] < 1
    k4 = next(c for c in unit["crossed"] if c["id"] == "K4")
    assert k4["kind"] == "survey" and k4["at"] == 80 and not k4["failed"] and 0.2 < k4["fails"] < 0.8


def test_b1_the_survey_source_alone_moves_liutang():
    """Liutang's K4 of 79.4 % against the 80 % line: the survey source alone used to give 78.6 (78.6–78.6)."""
    data = json.loads(_run(str(LIUTANG), "--sources", "survey", "--no-sobol", "--samples", "1000", "--format", "json"))
    total = data["units"][0]["result"]["total"]
    assert total["p05"] < total["median"] < total["p95"]


def test_b1_a_framework_with_a_minimum_sample_assumes_nothing():
    """Under china-learning-city@2, K4/K5 have a survey block (min_sample 400, the unit's sample_size
    kept): nothing is assumed and the sources do not say so."""
    data = json.loads(_run(str(EXAMPLES / "v2" / "qingshi-district-2025.yaml"), "--no-sobol", "--samples", "500",
                           "--format", "json"))
    survey = next(s for s in data["sources"] if s["id"] == "survey")
    assert survey["on"] and survey["assumed_sample"] is None and survey["assumed_for"] == []
    assert "假定" not in survey["range_zh"] and "assumed" not in survey["range"]


def test_b1_report_section_seven_zh_names_the_k4_line_and_never_says_robust():
    seven = _seven(WANGHU_802)
    assert "指标体系未规定K4、K5的样本量，且未填报有效样本量，这些比率按假定的400份有效问卷计" in seven
    assert "取决于一个条件：K4 居民知晓度和认同度为80.2%，达到80%的要求，但" in seven
    assert "等级与评估结论对上述设定是稳健的" not in seven  # the outcome turns on K4: never called robust
    assert "认定为示范区”，100%的抽样" not in seven


def test_b1_report_section_seven_en():
    seven = _seven(WANGHU_802, "en")
    assert "the framework sets no minimum sample for K4, K5 and no sample size was given, so these rates are drawn as from an assumed 400" in seven
    assert "turns on one condition: K4 Resident awareness and recognition is 80.2%, reaching the 80% line" in seven
    assert "the grade and the outcome hold under these choices" not in seven


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.floats(min_value=80.05, max_value=81.5).map(lambda v: round(v, 1)))
def test_b1_property_a_k4_within_its_margin_never_makes_recognition_certain(tmp_path_factory, k4):
    """Any K4 within the assumed sample's margin above its 80 % line (± 3.9 points at 80 %, from 400
    answers): some draws fall below the line, so recognition is never reported certain, and K4 is the
    condition named."""
    text = WANGHU_802.read_text(encoding="utf-8").replace("    value: 80.2\n", f"    value: {k4}\n")
    path = tmp_path_factory.mktemp("k4") / "wanghu.yaml"
    path.write_text(text, encoding="utf-8")
    result, loaded = read_scored(path)
    rob = for_unit(result, loaded.framework, samples=400, sobol=False)
    unit = rob.units[0]
    assert result.recognition.outcome == "recognised"
    assert unit.result.recognition < 1
    assert any(c.id == "K4" and c.kind == "survey" and 0 < c.fails < 1 for c in unit.crossed)
    assert next(s for s in rob.sources if s.id == "survey").assumed_for == ["K4", "K5"]


# --- B8: thin reference units: bounds, no drawn interval ------------------------------------------


def test_b8_thin_reference_cities_show_bounds_and_no_drawn_interval(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = _run(str(BEILING), "--no-sobol", "--samples", "1000")
    beijing = _row(out, "北京市 *")
    assert "上下界 12.0–95.0" in beijing and "(" not in beijing
    assert "北京市 *：" not in out and "深圳市 *：" not in out  # no "if unknowns took plausible values" line
    assert "北岭区：" in out.split("若不详指标取合理数值", 1)[1]  # the unit's own second interval stays
    note = out.replace("\n", "")
    assert "表中给出其总分的上下界（不详指标计0分至计满分，与 lcity score、lcity cities 相同），不给出抽样区间" in note
    en = _run(str(BEILING), "--no-sobol", "--samples", "1000", "--lang", "en")
    assert "bounds 12.0–95.0" in _row(en, "Beijing")


def test_b8_json_bounds_match_benchmark():
    data = json.loads(_run(str(BEILING), "--no-sobol", "--samples", "500", "--format", "json"))
    bench = json.loads(lcity_here("benchmark", str(BEILING), "--format", "json").stdout)
    refs = [u for u in data["units"] if u["reference"]]
    assert len(refs) == 12
    for u in refs:
        assert u["drawn"] is None and u["total_bounds"]["lower"] <= u["scored"] <= u["total_bounds"]["upper"]
    beijing = next(u for u in refs if u["unit"] == "beijing")
    row = next(r for r in bench["table"] if "北京" in json.dumps(r, ensure_ascii=False))
    assert abs(beijing["total_bounds"]["lower"] - row["total_bounds"]["lower"]) < 0.01
    assert abs(beijing["total_bounds"]["upper"] - row["total_bounds"]["upper"]) < 0.01
    assert data["units"][0]["total_bounds"] is None and data["units"][0]["drawn"] is not None


# --- B10: a line whose crossing changes nothing ---------------------------------------------------


def test_b10_qingshi_recognition_line_is_not_flagged_yuntai_still_is(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = _run(str(DISTRICTS), "--no-sobol", "--samples", "2000")
    assert "⚑" not in _row(out, "青石区")
    assert _row(out, "云台区").rstrip().endswith("⚑")
    flag = out.split("⚑ 抽样落在以下分界线两侧：", 1)[1].split("✓ ", 1)[0]
    assert "青石区" not in flag and "云台区：认定为示范区 85分" in flag


def test_b10_json_says_the_line_changes_nothing_and_why():
    data = json.loads(_run(str(DISTRICTS), "--no-sobol", "--samples", "1000", "--format", "json"))
    qingshi = next(u for u in data["units"] if u["unit"] == "qingshi")
    line = next(c for c in qingshi["near"] if c["kind"] == "recognition")
    assert line["changes"] is False and line["held_by"] == ["floor:L"]
    assert qingshi["result"]["recognition"] == 0
    yuntai = next(u for u in data["units"] if u["unit"] == "yuntai")
    assert all(c["changes"] for c in yuntai["near"])


def test_b10_report_says_why_the_conclusion_does_not_change():
    seven = _seven(QINGSHI)
    assert "认定为示范区（85分）位于90%区间之内，但L 国际交流合作得分率低于60%的底线，在所有抽样中均如此，" \
           "评估结论不因总分跨越该线而改变" in seven
    assert "相应结论对上述设定较为敏感" not in seven and "等级与评估结论对上述设定是稳健的" not in seven
    en = _seven(QINGSHI, "en")
    assert "but L International exchange is below its 60% floor in every draw, so the total crossing that line " \
           "does not change the decision" in en
