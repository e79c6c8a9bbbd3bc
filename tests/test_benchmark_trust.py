"""Benchmark comparisons a coordinator can trust (audit readings2 #6, #17, #23).

* Models to learn from are named only for what the unit lacks: an indicator that loses it points,
  and there a checklist item it did not tick or a choice above its own (``Exemplar.shows``). A
  dimension whose losses no model covers says where the points are lost.
* A dimension with no reference unit that has data shows '—' for median, best and gap (not
  '—（n=0）' and '0.0'); a rank that can tie is an interval; the best share names every unit at it.
* No placeholder dashes in the pathway line; the B1 choice reads right for any province.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluator.benchmark import _names, benchmark, teaches
from evaluator.pipeline import read_scored
from evaluator.result import IndicatorResult
from indicators.loader import load_framework
from indicators.models import Exemplar, Text

from .conftest import ROOT, framework_with_edit, lcity_here as lcity

UNITS = ROOT / "tests" / "audit_readings2"
A, B, C, D, E = (UNITS / f for f in ("a-chaohui-district.yaml", "b-jiangchuan-city.yaml", "c-qinglan-county.yaml",
                                      "d-lingang-district.yaml", "e-lanhu-district.yaml"))


def _bench(path: Path, *args: str) -> str:
    proc = lcity("benchmark", str(path), *args)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _weakest_block(text: str, dim: str) -> str:
    """The lines under one weakest dimension ('  L 国际交流合作（83%）' and its arrows)."""
    lines = text.splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith(f"  {dim} "))
    block = [lines[start]]
    for line in lines[start + 1:]:
        if not line.startswith("    "):
            break
        block.append(line)
    return "\n".join(block)


@pytest.fixture(scope="module")
def a_zh() -> str:
    return _bench(A, "--lang", "zh")


@pytest.fixture(scope="module")
def a_json() -> dict:
    return json.loads(_bench(A, "--format", "json"))


# --- #6 models for what the unit lacks ---------------------------------------------------------


def test_full_indicator_gets_no_model_and_the_loss_is_named(a_zh):
    """a's L3 is full (3/3), its L points are lost on L2: Shanghai's and Guangzhou's L3 practices
    taught it nothing; the line says where the loss lies instead."""
    block = _weakest_block(a_zh, "L")
    assert "（L3）" not in block and "上海开放大学" not in block
    assert "失分在 L2" in block and "这一指标" in block


def test_full_indicator_gets_no_model_en():
    block = _weakest_block(_bench(A, "--lang", "en"), "L")
    assert "[L3]" not in block
    assert "the points are lost on L2;" in block and "for it that" in block


def test_checklist_item_the_unit_has_is_not_taught():
    """e ticks both K3 items: no K3 model. d ticks learning_week only: Wuhan's national brands, not
    Shenzhen's reading month or Changzhou's learning week."""
    e = _bench(E, "--lang", "en")
    assert "Reading Month" not in e and "[K3]" not in e
    d = _weakest_block(_bench(D, "--lang", "zh"), "K")
    assert "武汉市（K3）" in d
    assert "深圳读书月" not in d and "全民终身学习活动周" not in d


def test_json_names_the_losing_indicators(a_json):
    weak = {w["id"]: w for w in a_json["weakest"]}
    assert weak["L"]["exemplars"] == [] and weak["L"]["lost_in"] == ["L2"]
    for w in a_json["weakest"]:
        assert all(e["indicator"] in w["lost_in"] for e in w["exemplars"]), w


def _report_text(path: Path, lang: str) -> str:
    from reports.render import render_html

    result, loaded = read_scored(path)
    assessment, fw = loaded.require()
    page = render_html(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10")
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_report_does_not_recommend_the_budget_line_b_has():
    """b has D2's budget line (short of growth): Xi'an's practice of putting the funds in the budget
    is not offered as its model, in zh or en."""
    zh, en = _report_text(B, "zh"), _report_text(B, "en")
    assert "第五条规定社区教育工作所需经费列入同级财政预算" not in zh
    assert "Article 5 of Xi'an" not in en


IND = load_framework("china-learning-city@2").indicator("K3")
D2 = load_framework("china-learning-city@2").indicator("D2")
ITEMS = [o.id for o in IND.answer.items]


def _res(ind, value, score: float, state: str = "answered") -> IndicatorResult:
    return IndicatorResult(id=ind.id, dimension="K", name="", name_zh="", state=state, value=value, score=score,
                           rule=ind.rule.kind, points=ind.points, max=ind.points, reason="", reason_zh="")


@given(have=st.lists(st.sampled_from(ITEMS), unique=True), shows=st.lists(st.sampled_from(ITEMS), unique=True))
def test_a_checklist_model_teaches_only_an_item_the_unit_lacks(have, shows):
    ex = Exemplar(city="wuhan", practice=Text(zh="x", en="x"), shows=shows)
    score = IND.points * len(have) / len(ITEMS)
    taught = teaches(ex, IND, _res(IND, have, score))
    if len(have) == len(ITEMS):
        assert not taught  # full points: nothing to learn
    elif shows:
        assert taught == any(s not in have for s in shows)
    else:
        assert taught  # untagged: the indicator as a whole, which loses points


@pytest.mark.parametrize(("value", "score", "taught"), [("none", 0, True), ("line", 1, False), ("line_growing", 2, False)])
def test_a_choice_model_teaches_only_below_its_choice(value, score, taught):
    ex = next(e for e in D2.exemplars if e.city == "xian")
    assert ex.shows == ["line"]
    assert teaches(ex, D2, _res(D2, value, score)) is taught
    assert teaches(ex, D2, _res(D2, None, 0, state="unknown"))  # unknown: any model of the indicator serves


# --- #17 nothing to compare is '—'; ties are ties ---------------------------------------------


def _dim_rows(text: str) -> dict[str, list[str]]:
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip("│┃ ").split("│")]
        if len(cells) == 6 and re.match(r"^[A-L] ", cells[0]):
            rows[cells[0][0]] = cells
    return rows


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_reference_data_shows_dashes_not_a_zero_gap(lang):
    rows = _dim_rows(_bench(A, "--lang", lang))
    for dim in "ADFGI":
        assert rows[dim][2:] == ["—", "—", "—", "—"], rows[dim]
    assert "n=0" not in _bench(A, "--lang", lang)


def test_json_gap_is_null_without_data(a_json):
    dims = {d["id"]: d for d in a_json["dimensions"]}
    assert dims["A"]["n"] == 0 and dims["A"]["gap"] is None and dims["A"]["gap_points"] is None
    assert dims["L"]["gap_points"] == pytest.approx(1.0, abs=0.05)


def test_a_tie_at_the_top_is_an_interval_and_names_all_tied(a_zh, a_json):
    """a's B is 100 %, as six reference units' are: not '1/8', and not Shanghai alone."""
    b = {d["id"]: d for d in a_json["dimensions"]}["B"]
    tied = len(b["best_cities"])
    assert tied > 3 and b["best_share"] == 1.0
    assert b["rank"]["best"] == 1 and b["rank"]["worst"] >= tied + 1
    row = _dim_rows(a_zh)["B"]
    assert row[2] == f"1–{b['rank']['worst']}/{b['rank']['of']}"
    assert row[4] == f"上海市等{tied}个 100%"
    en = _dim_rows(_bench(A, "--lang", "en"))["B"]
    assert en[4].startswith(f"Shanghai and {tied - 1} more")


def test_report_names_the_tied_best(a_zh):
    zh, en = _report_text(A, "zh"), _report_text(A, "en")
    assert "最高100%（上海市）" not in zh and re.search(r"最高100%（上海市等\d+个）", zh)
    assert re.search(r"Shanghai and \d+ more", en)
    appendix = zh.rsplit("附件2 参照单位对标表", 1)[-1]  # the appendix, not the contents line
    assert "参照中位数" in appendix or "中位数" in appendix
    assert "—（n=0）" not in zh and "— (n=0)" not in en  # 三's table and 附件2: a bare '—'
    assert re.search(r"A 政策蓝图与组织领导 8 8\.00 100% — — ", zh)


@given(st.lists(st.text(alphabet="甲乙丙丁", min_size=1, max_size=3), min_size=1, max_size=8))
def test_tied_names_name_everyone_or_count_them(names):
    zh = _names(names, True)
    if len(names) <= 3:
        assert all(n in zh for n in names)
    else:
        assert zh == f"{names[0]}等{len(names)}个"


# --- #23 no placeholder dashes; a label that fits any province ---------------------------------


def test_undetermined_pathway_is_one_plain_clause():
    zh, en = _bench(C, "--lang", "zh"), _bench(C, "--lang", "en")
    assert "发展路径：无法判定\n" in zh and "领先：—" not in zh and "差距—" not in zh
    assert "Pathway: Undetermined\n" in en and "leading —" not in en


def test_determined_pathway_keeps_its_figures(a_zh):
    assert re.search(r"发展路径：均衡发展型（领先：均衡发展型，次之：\S+，差距\d+个百分点）", a_zh)


def test_provincial_regulation_label_fits_any_province():
    """Hubei's b quoted '仅有省级（自治区）条例覆盖本地', as if Hubei might be an autonomous region."""
    text = _report_text(B, "zh")
    assert "（自治区）条例" not in text
    assert "仅有省级地方性法规覆盖本地" in text
    proc = lcity("score", str(B), "--explain", "--lang", "zh")
    assert "（自治区）条例" not in proc.stdout


# --- a misspelt `shows` is an error at its line, not a model shown to everyone ------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_framework_check_points_at_a_misspelt_shows(tmp_path, lang):
    path, line = framework_with_edit(ROOT / "indicators" / "china-learning-city-2", tmp_path / "fw",
                                     "shows: [national_brands]", "shows: [nationl_brands]")
    proc = lcity("framework", "check", str(path), "--lang", lang)
    assert proc.returncode == 1
    assert f"framework.yaml:{line}:15:" in proc.stdout and "exemplar-shows" in proc.stdout
    assert ("是不是“national_brands”" if lang == "zh" else "did you mean 'national_brands'?") in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr
