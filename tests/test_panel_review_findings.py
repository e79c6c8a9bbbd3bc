"""The panel's review as the reviewed report checks it (audit H4 items 6, 12 and 25).

- The panel's conclusion naming another outcome than the rules give ("建议暂缓认定" for a total of
  72.5, below the deferral line of 75) is listed for the panel to resolve before signing, with the
  rule's figures, by the framework's own outcome names (China's and a third party's).
- An approximate figure ("约10%" for a verified 13.33 %) is listed when it lies outside ±10 % of itself.
- A veto the panel finds is said as the panel's finding, with the reason the review file may now
  give (the old list-of-ids form stays valid), and the unit's unverified strengths can be marked.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from evaluator.benchmark import benchmark
from evaluator.claims import approx_in, contradictions, outcome_clashes, outcomes_said
from evaluator.pipeline import read_scored
from evaluator.reading import read
from evaluator.review import read_review
from indicators.loader import PACKAGE_DIR, load_framework
from reports.context_conclusion import conclusion
from reports.context_facts import facts
from reports.context_review import claim_lines, panel_vetoes, unverified_mark, veto_lines
from reports.context_summary import deciding

HERE = Path(__file__).parent
HAILAN = HERE / "audit_cities" / "hailan-2025.yaml"  # china-learning-city@2, total 72.5 once verified
SHIQIAO = HERE / "audit_cities" / "shiqiao-2025.yaml"  # D2 none: its own answer fires a veto
FJORDVALE = HERE / "audit_frameworks" / "fjordvale"
NORRVIK = FJORDVALE / "norrvik-2025.yaml"  # Fjordvale: Full member

PANEL_CONCLUSION = "专家组认为，海澜市国际化特色鲜明、制度保障健全，但老年教育和社区教育支点明显薄弱，建议暂缓认定，整改后复核。"
REASON = "抽查A2领导小组会议纪要，3份系评估前补写，落款日期与档案登记不符"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _review(tmp_path: Path, assessment: Path, city: str, period: str, *, vetoes: str = "vetoes: []",
            conclusion_text: str = PANEL_CONCLUSION, name: str = "r.yaml") -> Path:
    """A review in the form `lcity review init` writes, with the audit panel's findings."""
    text = f"""assessment:
  city: "{city}"
  period: "{period}"
  sha256: {_sha(assessment)}
reviewer: {{name: 林佩文, role: 组长}}
verified:
  K4:
    value: 81.0
    reason: 以专家组抽样调查结果为准（有效样本640份）
  I1:
    value: 240000
    reason: 学员名册含跨校重复报名，经去重核定为24万人
  E4:
    score_change: -0.5
    reason: 180个场景中有28个城市书房未实际对外开放，按评分细则扣0.5分
findings:
  strengths:
    - 国际交流合作成效突出，获联合国教科文组织学习型城市奖
  problems:
    - 老年教育参与率仅约10%，远低于同类城市
    - 社区教育专职队伍不足，每万人不足1人
{vetoes}
conclusion: {conclusion_text}
"""
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _hailan(tmp_path: Path, **kw) -> Path:
    return _review(tmp_path, HAILAN, "海澜市", "2024–2025", **kw)


def _facts(assessment: Path, review: Path, lang: str):
    result, loaded = read_scored(assessment, reviews=[review])
    a, fw = loaded.require()
    return facts(result, benchmark(result, fw), fw, a, lang=lang)


# --- H4#6: the panel's conclusion against the outcome the rules give ------------------------------


def test_a_conclusion_naming_another_outcome_is_listed_with_the_rules_figures(tmp_path: Path) -> None:
    review = _hailan(tmp_path)
    zh = claim_lines(_facts(HAILAN, review, "zh"))
    assert zh[0] == "专家组结论中的“暂缓认定”与计分规则结论“不予认定”不一致（总分72.5分，低于“暂缓认定”所需的75分）"
    en = claim_lines(_facts(HAILAN, review, "en"))
    assert en[0] == ("The panel's conclusion “暂缓认定” differs from the outcome the rules give, “Not recognised” "
                     "(total 72.5 is below the 75 needed for “Recognition deferred”)")


def test_a_conclusion_naming_the_rules_outcome_is_not_listed(tmp_path: Path) -> None:
    review = _hailan(tmp_path, conclusion_text="专家组认为总分未达暂缓认定线，评估结论为不予认定而非暂缓认定。")
    lines = claim_lines(_facts(HAILAN, review, "zh"))
    assert not any("计分规则结论" in line for line in lines)


def test_outcome_names_are_the_frameworks_own_and_a_negated_name_is_no_claim() -> None:
    china = load_framework("china-learning-city@2")
    assert outcomes_said("建议暂缓认定，整改后复核。", china) == [("deferred", "暂缓认定")]
    assert outcomes_said("不宜认定为示范区", china) == []
    assert outcomes_said("The city is not recognised as demonstration zone", china) == [("refused", "not recognised")]
    v1 = load_framework("china-learning-city@1")
    assert outcomes_said("建议认定为示范区", v1) == [("recognised", "认定为示范区")]
    fjord = load_framework(FJORDVALE / "fjordvale-learning-region" / "framework.yaml")
    assert outcomes_said("We propose Observer member status for one year.", fjord) == [("deferred", "Observer member")]
    assert outcomes_said("建议暂缓认定", fjord) == []  # China's words mean nothing under Fjordvale's rules


def test_a_third_party_panel_conclusion_is_checked_by_its_frameworks_outcomes(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(FJORDVALE))
    loaded = read(NORRVIK)
    review = tmp_path / "n.yaml"
    review.write_text(f"""assessment:
  city: Norrvik Region
  period: "2024–2025"
  sha256: {loaded.sha256}
reviewer: {{name: A. Berg}}
conclusion: The panel recommends Observer member status until the safeguarding audit is done.
""", encoding="utf-8")
    result, loaded = read_scored(NORRVIK, reviews=[review])
    assert result.recognition.outcome == "recognised"
    clashes = outcome_clashes(result, loaded.framework, result.review.conclusions)
    assert [(c.said, c.words, c.outcome) for c in clashes] == [("deferred", "Observer member", "recognised")]
    line = claim_lines(_facts(NORRVIK, review, "en"))[0]
    assert line.startswith("The panel's conclusion “Observer member” differs from the outcome the rules give, "
                           "“Full member” (total ")


# --- H4#25: approximate figures -------------------------------------------------------------------


def test_an_approximate_figure_outside_ten_percent_is_listed(tmp_path: Path) -> None:
    review = _hailan(tmp_path)
    lines = claim_lines(_facts(HAILAN, review, "zh"))
    assert ("“老年教育参与率仅约10%，远低于同类城市”：其中“约10%”与I1 老年人经常性参与老年教育核定值13.33%不符"
            "（约数按±10%的相对误差核对）") in lines
    assert any("“不足1人”与F4" in line for line in lines)  # the comparison still caught
    en = claim_lines(_facts(HAILAN, review, "en"))
    assert any("“约10%” (about 10%) does not match the verified figure of I1" in line and "within ±10 % of itself" in line
               for line in en)


def test_an_approximate_figure_within_the_tolerance_stands(tmp_path: Path) -> None:
    result, _ = read_scored(HAILAN, reviews=[_hailan(tmp_path)])
    assert contradictions(result, ["老年教育参与率约13%"]) == []  # 13.33 is within 13 ± 1.3
    assert contradictions(result, ["老年教育参与率接近14%"]) == []
    found = contradictions(result, ["老年教育参与率约12%"])  # 13.33 is outside 12 ± 1.2
    assert [(c.indicator, c.claim, c.approx) for c in found] == [("I1", "约12%", True)]
    found = contradictions(result, ["older people's participation in education is about 10 percent"])
    assert [c.indicator for c in found] == ["I1"]


def test_approximation_words_in_both_languages() -> None:
    assert approx_in("老年教育参与率仅约10%") == [("约10%", 10.0, "%")]
    assert approx_in("近2万人参加") == [("近2万人", 20000.0, "人")]
    assert approx_in("近3个月来") == []  # a span of time, not a count
    assert approx_in("around 12 % of residents; nearly 5 people") == [("around 12 %", 12.0, "%"),
                                                                       ("nearly 5 people", 5.0, "人")]


# --- H4#12: a veto the panel finds ----------------------------------------------------------------


def test_the_old_list_of_ids_and_the_new_form_with_a_reason_are_both_valid(tmp_path: Path) -> None:
    loaded = read(HAILAN)
    old = _hailan(tmp_path, vetoes="vetoes: [falsified_data]", name="old.yaml")
    new = _hailan(tmp_path, vetoes=f"vetoes:\n  - id: falsified_data\n    reason: {REASON}\n", name="new.yaml")
    for path, reason in ((old, None), (new, REASON)):
        review, problems = read_review(path, loaded)
        assert review is not None and not [p for p in problems if p.severity == "error"]
        assert [(v.id, v.reason) for v in review.vetoes] == [("falsified_data", reason)]
    schema = json.loads((PACKAGE_DIR / "review.schema.json").read_text(encoding="utf-8"))
    for path in (old, new):
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)


def test_a_misspelt_veto_in_the_new_form_is_named_at_its_id(tmp_path: Path) -> None:
    loaded = read(HAILAN)
    path = _hailan(tmp_path, vetoes="vetoes:\n  - id: falsifed_data\n    reason: x\n")
    _, problems = read_review(path, loaded)
    veto = next(p for p in problems if p.rule == "unknown-veto")
    line = path.read_text(encoding="utf-8").splitlines().index("  - id: falsifed_data") + 1
    assert (veto.line, veto.col) == (line, 9)
    assert "falsified_data" in veto.text()


@pytest.mark.parametrize("lang, expected", [
    ("zh", f"专家组认定：提供虚假数据或材料（理由：{REASON}），触发一票否决"),
    ("en", f"the expert panel found: falsified data or materials (reason: {REASON}), which triggers a veto"),
])
def test_a_panel_veto_is_credited_to_the_panel_in_the_summary_and_the_conclusion(tmp_path: Path, lang, expected) -> None:
    review = _hailan(tmp_path, vetoes=f"vetoes:\n  - id: falsified_data\n    reason: {REASON}\n")
    f = _facts(HAILAN, review, lang)
    bullet = expected[:1].upper() + expected[1:]  # a line that opens a bullet, capitalised in English (G25R-14)
    assert deciding(f)[0] == bullet  # 评估摘要: 决定结论的条件
    assert conclusion(f)["conclusion"]["reasons"][0] == bullet  # 八、评估结论: 主要依据
    assert veto_lines(f) == {"falsified_data": expected}  # for 五（一） and the summary's problems


def test_a_panel_veto_without_a_reason_is_still_the_panels(tmp_path: Path) -> None:
    f = _facts(HAILAN, _hailan(tmp_path, vetoes="vetoes: [falsified_data]"), "zh")
    assert deciding(f)[0] == "专家组认定：提供虚假数据或材料，触发一票否决"


def test_a_veto_the_answers_fire_is_not_credited_to_the_panel(tmp_path: Path) -> None:
    """Shiqiao answers D2 none: its own answer fires the veto, the panel found nothing."""
    a = read(SHIQIAO).assessment
    review = _review(tmp_path, SHIQIAO, a.city.name.zh, f"{a.period.start}–{a.period.end}")
    f = _facts(SHIQIAO, review, "zh")
    assert f.result.vetoes == ["no_budget_line"]
    assert panel_vetoes(f) == [] and veto_lines(f) == {}
    assert f.result.recognition.reasons_zh[0].startswith("一票否决：近两个财政年度未连续单列")


def test_strengths_resting_on_unverified_answers_are_marked_once_the_panel_finds_a_veto(tmp_path: Path) -> None:
    vetoed = _facts(HAILAN, _hailan(tmp_path, vetoes="vetoes: [falsified_data]", name="v.yaml"), "zh")
    assert panel_vetoes(vetoed) == ["falsified_data"]
    assert unverified_mark(vetoed, "A2") == "（自评数据，未经核实）"  # the panel did not check it
    assert unverified_mark(vetoed, "K4") == ""  # the panel verified it
    en = _facts(HAILAN, _hailan(tmp_path, vetoes="vetoes: [falsified_data]", name="v.yaml"), "en")
    assert unverified_mark(en, "A2") == " (self-reported, not verified)"
    plain = _facts(HAILAN, _hailan(tmp_path, name="p.yaml"), "zh")
    assert unverified_mark(plain, "A2") == ""


def test_a_conclusion_against_a_panel_veto_names_the_veto_as_why(tmp_path: Path) -> None:
    review = _hailan(tmp_path, vetoes=f"vetoes:\n  - id: falsified_data\n    reason: {REASON}\n")
    zh = claim_lines(_facts(HAILAN, review, "zh"))
    assert zh[0] == "专家组结论中的“暂缓认定”与计分规则结论“不予认定”不一致（触发一票否决项：提供虚假数据或材料）"


def test_a_district_under_version_one_gets_the_panels_veto_too(tmp_path: Path) -> None:
    """China v1, a district (Qingshi's own example review), a veto only the panel can find."""
    example = HERE.parent / "examples" / "qingshi-district.review.yaml"
    text = example.read_text(encoding="utf-8").replace(
        "vetoes: []", "vetoes:\n  - id: major_incident\n    reason: 2024年5月某街道学习点发生消防事故")
    review = tmp_path / "q.yaml"
    review.write_text(text, encoding="utf-8")
    district = HERE.parent / "examples" / "qingshi-district.yaml"
    zh, en = (_facts(district, review, lang) for lang in ("zh", "en"))
    assert deciding(zh)[0] == ("专家组认定：评估期内学习场所发生重大安全或意识形态事故（理由：2024年5月某街道学习点"
                               "发生消防事故），触发一票否决")
    assert deciding(en)[0].startswith("The expert panel found: a major safety or ideological incident")


# --- the same findings where the panel checks its file: lcity review validate ----------------------


def test_review_validate_warns_at_the_panels_sentences_and_stays_valid(tmp_path: Path) -> None:
    from .conftest import lcity_here as lcity

    review = _hailan(tmp_path)
    lines = review.read_text(encoding="utf-8").splitlines()
    zh = lcity("--lang", "zh", "review", "validate", str(HAILAN), str(review))
    assert zh.returncode == 0, zh.stderr
    out = zh.stdout + zh.stderr
    approx_line = lines.index("    - 老年教育参与率仅约10%，远低于同类城市") + 1
    assert f"r.yaml:{approx_line}:7: 警告 panel-statement: “约10%”与 I1 的核定值 13.33% 相差超过约数本身的 ±10%" in out
    concl = next(k for k, t in enumerate(lines, 1) if t.startswith("conclusion:"))
    assert (f"r.yaml:{concl}:13: 警告 panel-outcome: 结论写“暂缓认定”，按计分规则评估结论为“不予认定”"
            "（总分72.5分，低于“暂缓认定”所需的75分）") in out
    en = lcity("--lang", "en", "review", "validate", str(HAILAN), str(review), "--format", "json")
    got = json.loads(en.stdout)
    assert got["valid"] is True
    rules = [p["rule"] for p in got["problems"] if p["file"].endswith("r.yaml")]
    assert rules == ["panel-statement", "panel-statement", "panel-outcome"]
