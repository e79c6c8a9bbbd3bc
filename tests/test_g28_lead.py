"""Session 28, the lead's fixes: `lcity score` says a floor missed only for want of data as the
report's 八 says it (G27R-6)."""

from __future__ import annotations

from pathlib import Path

from .conftest import lcity_here as lcity

G27R = Path(__file__).parent / "audit_cities" / "g27r"
LANFENG = G27R / "lanfeng-county-elderly-gaps.yaml"  # D and G at 0 % on unknown answers, E/K/L/B weak on its figures


def _bullets(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("•")]


def test_score_says_a_floor_missed_for_want_of_data_as_the_report_does():
    zh = _bullets(lcity("score", str(LANFENG)).stdout)
    assert "• D维度得分率0%（失10分），低于60%的底线（该维度有数据不详的指标，按0分计；补齐后可能达到底线，尚不能判断其强弱）" in zh
    assert "• G维度得分率0%（失8分），低于60%的底线（该维度有数据不详的指标，按0分计；补齐后可能达到底线，尚不能判断其强弱）" in zh
    assert "• E维度得分率50%（失5.02分），低于60%的底线" in zh  # weak on its own figures: said as before
    en = _bullets(lcity("score", str(LANFENG), "--lang", "en").stdout)
    assert "• dimension D at 0% (10 points lost) is below the 60% floor (its unknown answers count as 0; answered, " \
           "they could lift it to the floor, so it cannot yet be judged weak)" in en
    assert "• dimension K at 53% (4.7 points lost) is below the 60% floor" in en


def test_the_json_keeps_the_rules_reasons():
    import json

    rec = json.loads(lcity("score", str(LANFENG), "--format", "json").stdout)["recognition"]
    assert "D维度得分率0%（失10分），低于60%的底线" in rec["reasons_zh"]


# --- G27R-9 / G27A-6: the summary's main strengths ----------------------------------------------

SHIWAN = G27R / "shiwan-district-line.yaml"
SONGXI = Path(__file__).parent / "audit_cities" / "g27a" / "songxi-district-balanced.yaml"


def _strengths(path: Path, lang: str = "zh") -> list[str]:
    from .conftest import report_lines, section

    head, end = ("主要优势", "主要问题") if lang == "zh" else ("Main strengths", "Main problems")
    return [ln.split(" ")[0] for ln in section(report_lines(path, lang), head, end)[1:]]


def test_a_one_point_yes_no_item_does_not_lead_the_strengths():
    # Shiwan (84.96) led with "E5 平台适老化与无障碍符合要求", 1 point of 100, on a "median" of one
    # reference city (Shanghai's E); Songxi, whose point is a community school in every street, too
    assert _strengths(SHIWAN) == ["A1", "A2", "A3"]
    assert _strengths(SONGXI) == ["C1", "A1", "A2"]
    assert _strengths(SONGXI, "en") == ["C1", "A1", "A2"]


def test_a_dimension_far_above_its_baseline_still_leads():
    # Shuguang's platforms (E, 10 of 10 points) before its policy (A, 8 of 8), as G25R-11 wanted
    assert _strengths(Path(__file__).parent / "audit_cities" / "g25r" / "shuguang-district-digital.yaml") == \
        ["E1", "E2", "E3"]


# --- G28R-8: the first improvement names what alone holds recognition -----------------------------

AUDIT = Path(__file__).parent / "audit_cities"


def _firsts(path: Path, lang: str) -> list[str]:
    from .conftest import report_lines, section

    head, end = ("首要改进事项", "目") if lang == "zh" else ("First improvements", "Contents")
    return section(report_lines(path, lang), head, end)[1:]


def test_the_first_improvement_names_the_estimates_that_hold_recognition():
    songxi = AUDIT / "g28r" / "songxi-county-en.yaml"  # 85.6, deferred until D1 and E1, its estimates, are counted
    assert _firsts(songxi, "zh")[0] == "先将D1、E1的估算数改填为实际统计数，或请专家组核实（见“五、存在问题”）：认定结果取决于此。"
    assert _firsts(songxi, "en")[0] == ("First replace the estimates D1, E1 by counted figures, or have the panel "
                                        "verify them (see section 5): recognition turns on them.")
    jinsha = AUDIT / "g21" / "jinsha-district-noevidence.yaml"  # 46 answers without evidence hold it
    assert _firsts(jinsha, "zh")[0].startswith("先补充A2、A3、B1、B2等46项的佐证材料，或请专家组逐项核实")


def test_a_unit_nothing_holds_gets_no_such_line():
    for path in (AUDIT / "g27r" / "shiwan-district-line.yaml", AUDIT / "g27r" / "lanfeng-county-elderly-gaps.yaml"):
        from .conftest import report_lines

        assert not any("认定结果取决于此" in ln for ln in report_lines(path, "zh"))


# --- G28R-10: the change since the last period without a figure counted another way -------------

def test_the_change_since_the_last_period_says_what_a_new_way_of_counting_adds():
    from .test_g28_report_reading import _qinghe

    said = "其中F1按本期填报说明改变了统计口径，其+1.10分的变化可能来自口径调整；不计该指标，总分变化为+16.71分。"
    assert sum(said in ln for ln in _qinghe("zh")) == 2  # the summary and 八
    en = " ".join(_qinghe("en"))
    assert ("Of that, +1.10 points are on F1, counted another way by this period&#39;s note, and may come from the new "
            "way of counting; without it, the total changed by +16.71 points.") in en


# --- G28A-5: score's confidence beside figures the panel must verify ------------------------------

def test_score_says_what_confidence_does_not_measure():
    jingang = AUDIT / "g27a" / "jingang-district-inflated.yaml"  # E1 at 160 % of its residents, confidence 1.00
    zh = lcity("score", str(jingang)).stdout
    assert "可信度：1.00" in zh
    assert "可信度只反映有无佐证材料，不反映数值是否可信：E1、F1、I1、I3、K2的填报超出常见范围，须经专家组核实" in zh
    en = lcity("score", str(jingang), "--lang", "en").stdout
    assert "Confidence counts the evidence listed, not whether the figures are credible: E1, F1, I1, I3, K2 are " \
           "beyond the plausible range, for the panel to verify" in en
    assert "可信度只反映" not in lcity("score", str(LANFENG)).stdout  # nothing beyond the range: as before


# --- G27R-7's rest: 附件1's rounded rows against its 合计 -----------------------------------------

def test_the_score_table_says_why_its_rows_do_not_add_up_to_its_total():
    from .conftest import report_lines

    shiwan = G27R / "shiwan-district-line.yaml"  # 84.96, a hundredth from the recognition line
    assert "各指标得分按2位小数列出，逐项相加为84.98分；合计84.96分由未经舍入的得分计算。" in report_lines(shiwan, "zh")
    assert ("The indicator scores are shown to 2 decimals and add up to 84.98; the total of 84.96 is worked out "
            "from the unrounded scores.") in report_lines(shiwan, "en")
    # rows that add up to the total printed under them: no note
    beiling = Path(__file__).resolve().parent.parent / "examples" / "districts" / "beiling.yaml"
    assert not any("各指标得分按" in ln for ln in report_lines(beiling, "zh"))


# --- G28-T1: a held self-assessed outcome said by its own name in the reviewed report -------------

def test_a_held_self_assessed_outcome_is_named_as_held(monkeypatch):
    from .conftest import report_lines

    g28t = AUDIT / "g28t"
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(g28t / "fw"))
    en = " ".join(report_lines(g28t / "kingsmere-2025.yaml", "en", [g28t / "kingsmere-2025.review.yaml"]))
    assert "The self-assessed outcome was &#39;Accreditation on hold&#39; (self-assessed total 710.3)" in en
    assert "gives a total of 704.7, with the outcome &#39;Accreditation on hold&#39;" in en
    assert "was &#39;Accredited with conditions&#39;" not in en


# --- G27-T7 in the forms: an English-only framework's levels in a Chinese form --------------------

def test_a_chinese_form_sets_no_latin_level_as_a_word(tmp_path, monkeypatch):
    g28t = AUDIT / "g28t"
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(g28t / "fw"))
    out = tmp_path / "p.yaml"
    run = lcity("init", "--framework", "thornbury-accreditation@1", "--level", "parish", "--lang", "zh", "-o", str(out))
    assert run.returncode == 0, run.stderr
    form = out.read_text(encoding="utf-8")
    assert "level: parish  # metropolitan | ward | parish" in form  # not "ward（ward）"
    assert "按所属上级单位（ward）的情况填报，不填本单位自身的情况" in form  # not "按所在ward…不填本parish…"
    assert "以下指标不适用于本级单位" in form  # not "parish级单位"
    assert "本parish" not in form and "所在ward" not in form
