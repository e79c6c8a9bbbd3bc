"""七, the summary and ``lcity sensitivity``'s ⚑ line name only the conditions that can change the
decision (audit readings3 #4, #5).

Qingshi (75.6 points, D 47 % and L 50 % below their floors) read "暂缓认定取决于…K 市民参与与激励得分率
57%…但3%的抽样达到该底线": K reaching its floor leaves D, L and the total failing, so 暂缓认定 stays.
Lingang (73.5, L 0 %, G 24 %, K 53 % below their floors) named E and K4, where only the total, named
last, moves 不予认定 (to 暂缓认定 in the draws above 75). A condition is named when, in some draws,
it alone turns the decision away from the rules' (``Crossing.decides``), the total's lines first,
the Chinese clauses joined with "；".
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.benchmark import benchmark
from evaluator.pipeline import read_scored
from evaluator.sensitivity import _decision, decisive_shares, for_unit
from reports.render import render_html

from .conftest import EXAMPLES, ROOT, lcity_here
from .test_summary_basis import _plain

QINGSHI = EXAMPLES / "qingshi-district.yaml"
LINGANG = ROOT / "tests" / "audit_readings2" / "d-lingang-district.yaml"
GUIAN = ROOT / "tests" / "audit_readings3" / "a-guian-district.yaml"


@cache
def _page(path: Path, lang: str) -> str:
    result, loaded = read_scored(path)
    assessment, fw = loaded.require()
    rob = for_unit(result, fw, samples=400, sobol=False)
    return _plain(render_html(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10",
                              robustness=rob))


def _seven(path: Path, lang: str = "zh") -> str:
    start, end = ("七、稳健性分析", "八、评估结论") if lang == "zh" else ("7. Robustness", "8. Conclusion")
    return _page(path, lang).rsplit(start, 1)[1].split(end, 1)[0]


def test_qingshi_deferral_turns_on_the_total_not_on_k():
    seven = _seven(QINGSHI)
    assert "评估结论“暂缓认定”取决于一个条件：总分75.6分，达到75分的暂缓认定线" in seven
    turns = seven.split("取决于", 1)[1].split("。", 1)[0]
    assert "K 市民参与与激励" not in turns and "底线" not in turns


def test_lingang_refusal_turns_on_the_total_only():
    seven = _seven(LINGANG)
    turns = seven.split("评估结论“不予认定”取决于", 1)[1].split("。", 1)[0]
    assert turns.startswith("一个条件：总分73.5分，低于75分的暂缓认定线")
    assert "E 数字平台" not in turns and "K4" not in turns
    assert "、结论随之改变" in turns


def test_english_names_the_same_single_condition():
    seven = _seven(QINGSHI, "en")
    assert "turns on one condition: the total of 75.6" in seven
    assert "Citizen" not in seven.split("turns on", 1)[1].split(".", 2)[0]


def test_sensitivity_flag_leaves_out_conditions_that_decide_nothing(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    for path, gone in ((QINGSHI, "K 市民参与与激励"), (LINGANG, "E 数字平台")):
        got = lcity_here("sensitivity", str(path), "--no-sobol", "--samples", "2000")
        assert got.returncode == 0, got.stderr
        flag = got.stdout.split("⚑ ", 1)[1].split("* ", 1)[0]
        assert "暂缓认定 75分" in flag
        assert gone not in flag and "底线" not in flag
    got = lcity_here("sensitivity", str(GUIAN), "--no-sobol", "--samples", "2000")
    assert "D 多元经费保障的60%底线（" in got.stdout and "，结论随之改变）" in got.stdout


# --- the rule itself ------------------------------------------------------------------------------

KEYS = ("total", "deferral", "floor:D", "floor:K", "survey:K5")


def _reference(fails: dict, rules: dict, decided: int) -> dict[str, float]:
    """decides, draw by draw in plain Python: the draw's decision is not the rules', the condition is
    on the other side from the rules', and putting it back alone (the total's two lines together)
    gives the rules' decision."""
    n = len(fails["total"])
    out = {}
    for key in fails:
        hits = 0
        for s in range(n):
            draw = {k: bool(v[s]) for k, v in fails.items()}
            now = int(_decision({k: np.array([v]) for k, v in draw.items()})[0])
            if now == decided or draw[key] == rules[key]:
                continue
            draw[key] = rules[key]
            if key == "total" and not rules[key]:
                draw["deferral"] = False
            if key == "deferral" and rules[key]:
                draw["total"] = True
            hits += int(_decision({k: np.array([v]) for k, v in draw.items()})[0]) == decided
        out[key] = hits / n
    return out


@st.composite
def _draws(draw):
    n = draw(st.integers(1, 12))
    cols = {k: np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n))) for k in KEYS}
    cols["total"] = cols["total"] | cols["deferral"]  # below the deferral line is below the recognition line
    rules = {k: draw(st.booleans()) for k in KEYS}
    rules["total"] = rules["total"] or rules["deferral"]
    return cols, rules


@settings(max_examples=150, deadline=None)
@given(_draws())
def test_decides_is_the_share_a_condition_alone_turns(got):
    fails, rules = got
    decided = int(_decision({k: np.array([v]) for k, v in rules.items()})[0])
    outcome = _decision(fails)
    shares = decisive_shares(fails, rules, outcome, decided)
    assert shares == _reference(fails, rules, decided)
    for key, arr in fails.items():
        if arr.all() == rules[key] and (arr.all() or not arr.any()):
            assert shares[key] == 0.0  # on the rules' side in every draw: it changes nothing
        others = [k for k in KEYS if k != key and k not in ("total", "deferral")]
        if key.startswith("floor") and all(fails[k].all() and rules[k] for k in others if k != key):
            assert shares[key] == 0.0  # other floors fail in every draw: this one decides nothing (qingshi's K)


# --- lcity benchmark's weakest dimensions (readings3 #10) ------------------------------------------

QINGLAN = ROOT / "tests" / "audit_readings2" / "c-qinglan-county.yaml"


def test_benchmark_says_which_lower_dimensions_it_leaves_out(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    got = lcity_here("benchmark", str(QINGLAN))
    assert got.returncode == 0, got.stderr
    weakest = got.stdout.split("最弱的三个维度及可借鉴的做法", 1)[1]
    assert weakest.lstrip().startswith("未列入：B、C、D、E、F、G、H、I、K（有数据不详的指标，补齐后可能达到60%的底线）")
    en = lcity_here("benchmark", str(QINGLAN), "--lang", "en")
    assert "not listed: B, C, D, E, F, G, H, I, K (unknown answers that could lift them to the 60% floor)" in en.stdout


def test_every_lower_dimension_is_named_or_said_left_out():
    from evaluator.benchmark import benchmark as bench_of

    for path in (QINGLAN, QINGSHI, LINGANG, EXAMPLES / "yunling-county.yaml"):
        result, loaded = read_scored(path)
        _, fw = loaded.require()
        b = bench_of(result, fw)
        named = {w.id for w in b.weakest}
        said = named | set(b.weakest_open) | set(b.weakest_unanswered)
        top = max((w.share for w in b.weakest), default=1.0)
        lower = {d.id for d in result.dimensions if d.share is not None and d.share < top}
        assert lower <= said, (path.name, lower - said)
        assert not named & (set(b.weakest_open) | set(b.weakest_unanswered))


# --- 八 reads a dimension short of data one way (readings3 #6) ---------------------------------------

YUNLING = EXAMPLES / "yunling-county.yaml"


def test_yunling_conclusion_reads_k_one_way():
    page = _page(YUNLING, "zh")
    eight = page.rsplit("八、评估结论", 1)[1].split("附件1", 1)[0]
    assert "K 市民参与与激励有数据不详的指标（按0分计），是否达到60%的底线取决于补齐的数据" in eight
    assert "较多" not in eight  # K2, one indicator of 3 points in 10
    basis = eight.split("主要依据", 1)[1]
    assert "K维度得分率32%（失6.75分），低于60%的底线（该维度有数据不详的指标，按0分计；补齐后可能达到底线，尚不能判断其强弱）" in basis
    assert "L维度得分率0%（失6分），低于60%的底线 " in basis + " " and "L维度得分率0%（失6分），低于60%的底线（" not in basis
    en = _page(YUNLING, "en").rsplit("8. Conclusion", 1)[1].split("Appendix 1", 1)[0]
    assert "Dimension K at 32% (6.75 points lost) is below the 60% floor (its unknown answers count as 0;" in en
