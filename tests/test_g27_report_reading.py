"""G27-R: five archetype units read as their officials and the panel chair read them
(tests/audit_cities/g27r/AUDIT.md); each test asserts what a reader sees in the report."""

from __future__ import annotations

import html

from .conftest import ROOT, report_lines, section, squash

G27R = ROOT / "tests" / "audit_cities" / "g27r"
MOXI = G27R / "moxi-district-culture.yaml"
LANFENG = G27R / "lanfeng-county-elderly-gaps.yaml"
LIUTANG = G27R / "liutang-district-review.yaml"
LIUTANG_REVIEW = G27R / "liutang-district-review.review.yaml"


def _said(lines: list[str]) -> str:
    return html.unescape(squash(" ".join(lines)))


def _body(lines: list[str], head: str, end: str) -> list[str]:
    """A section of the report's body: from its heading's last occurrence (the first is the contents)."""
    k = max(i for i, ln in enumerate(lines) if ln.startswith(head))
    return section(lines[k:], head, end)


# G27R-3: Liutang's panel lowered D3, E1, F1 and J4 and raised I1 (more older learners than the
# district counted); the summary and 八 read "经专家组核查更正D3、E1、F1、I1、J4，…等级改为“合格”",
# as if every correction had lowered the district's figures.

def test_a_panel_that_lowers_some_figures_and_raises_one_is_said_to_do_both():
    zh = report_lines(LIUTANG, "zh", [LIUTANG_REVIEW])
    for part in (section(zh, "评估摘要", "目"), _body(zh, "八、评估结论", "附件1")):
        said = _said(part)
        assert squash("经专家组核查更正D3、E1、F1、J4（得分调低）和I1（得分调高），核定总分77.4分，等级改为“合格”") in said
        assert squash("更正D3、E1、F1、I1、J4") not in said
    en = _said(report_lines(LIUTANG, "en", [LIUTANG_REVIEW]))
    assert squash("after the panel's verification (corrections lowering D3, E1, F1, J4 and raising I1) the verified "
                  "total is 77.4") in en
    assert squash("corrections of D3, E1, F1, I1, J4") not in en


# G27R-2: Moxi is recognised with K4 at 83 % on 180 questionnaires (± 5.5 about the 80 % line). Its
# summary said "总分达到85分，且各项认定条件均已满足" right under "门槛在±5.5个百分点的抽样误差范围内", and 六
# "本单位已达到认定条件", where lcity plan and 八 say the conditions are met on the figures as filed.

def test_the_plan_of_a_recognition_that_rests_on_a_rate_within_its_margin_says_as_filed():
    plan = _said(_body(report_lines(MOXI, "zh"), "六、意见建议", "七、"))
    assert squash("目标：优秀（总分90分，本单位按填报值已达到认定条件，按上一等级测算）") in plan
    assert "本单位已达到认定条件" not in plan
    en = _said(report_lines(MOXI, "en"))
    assert squash("this unit meets the conditions of recognition on its figures as filed, so the next grade up") in en


def test_the_summary_of_a_recognition_that_rests_on_a_rate_within_its_margin_says_as_filed():
    summary = _said(section(report_lines(MOXI, "zh"), "评估摘要", "目"))
    assert squash("K4 居民知晓度和认同度为83%，达到80%的要求，但门槛在±5.5个百分点的抽样误差范围内") in summary
    assert squash("总分达到85分，各项认定条件按填报值均已满足") in summary
    assert "各项认定条件均已满足" not in summary
    en = _said(report_lines(MOXI, "en"))
    assert squash("The total reaches 85 and every condition of recognition is met on the figures as filed") in en


def test_a_recognition_clear_of_every_margin_keeps_its_words(tmp_path):
    # the same district with K4 at 88 % on its 180 questionnaires: 80 % lies outside 88 ± 4.7
    text = MOXI.read_text(encoding="utf-8").replace("    value: 83\n    sample_size: 180", "    value: 88\n    sample_size: 180")
    assert "value: 88" in text
    clear = tmp_path / MOXI.name
    clear.write_text(text, encoding="utf-8")
    zh = _said(report_lines(clear, "zh"))
    assert squash("总分达到85分，且各项认定条件均已满足") in zh
    assert squash("本单位已达到认定条件，按上一等级测算") in zh
    assert "按填报值均已满足" not in zh


# G27R-1 and G27R-5: Lanfeng County's coverage (82 %) sits on the 80 % a grade needs and seven answers
# are unknown (D and G whole). 七 read "按规则评定的等级为“不合格”，74%的抽样得出该等级（其余：合格3%）"
# (23 % not rated, unsaid), then "90%区间内没有等级或结论分界线，等级与评估结论对上述设定是稳健的", one line
# after "若不详指标取合理数值…90%区间为60.4至69.0分", all of it above the 60-point line of 合格.

def test_a_grade_some_draws_do_not_rate_is_not_called_robust():
    seven = _said(_body(report_lines(LANFENG, "zh"), "七、稳健性分析", "八、"))
    # 74.35 %, 3.4 % and 22.25 % not rated, rounded together so the three add to 100 (G32W, G31A-1)
    assert squash("74%的抽样得出该等级（其余：合格4%）。数据覆盖率82%，恰在定级所需的80%上：维度权重变动时，"
                  "22%的抽样覆盖率低于该线，不予定级") in seven
    assert squash("但22%的抽样数据覆盖率低于定级所需，不予定级：等级与评估结论并非在所有抽样中都成立") in seven
    assert "稳健的" not in seven
    en = _said(_body(report_lines(LANFENG, "en"), "7. Robustness", "8. "))
    assert squash("but in 22% of the draws the data coverage falls below what a grade needs and the unit is not "
                  "rated: the grade and the outcome do not hold in every draw") in en
    assert "hold under these choices" not in en


def test_a_grade_the_unknown_answers_at_zero_decide_is_said_to_rest_on_them():
    seven = _said(_body(report_lines(LANFENG, "zh"), "七、稳健性分析", "八、"))
    assert squash("不详指标取合理数值时，90%区间（60.4至69.0分）全部在60分的“合格”线以上：等级“不合格”取决于"
                  "按0分计的7项数据不详的指标，补齐数据后很可能改变。") in seven
    en = _said(_body(report_lines(LANFENG, "en"), "7. Robustness", "8. "))
    assert squash("the 90% interval (60.4 to 69.0) lies wholly above the 60-point line of 'Pass': the grade 'Fail' "
                  "rests on the 7 unknown answers counted as 0") in en


def test_a_unit_without_unknown_answers_says_nothing_of_them():
    seven = _said(_body(report_lines(MOXI, "zh"), "七、稳健性分析", "八、"))
    assert "不详指标取合理数值时" not in seven
    assert "并非在所有抽样中都成立" not in seven


# G27R-4: Moxi's practice is mixed by a hair: culture 8 points above its own average and 3 ahead of the
# balanced type (5 needed), K4 (one of culture's practices) a survey rate of 83 % ± 5.5. 八 said only
# "相差3个百分点，不足5个百分点", where a decided type that close is called "把握不大".

def test_a_mixed_call_short_of_a_type_by_little_says_it_is_not_firm():
    eight = _said(_body(report_lines(MOXI, "zh"), "八、评估结论", "附件1"))
    assert squash("这一判定把握不大：“文化赋能型”的侧重距判定线不远，个别指标的得分稍有变化，即可能判定为“文化赋能型”。"
                  "界定该类型的做法中，K4 居民知晓度和认同度（83%，误差±5.5个百分点）为抽样调查比率") in eight
    en = _said(_body(report_lines(MOXI, "en"), "8. Conclusion", "Appendix 1"))
    assert squash("This call is not firm: 'Cultural empowerment' falls short of the line by little") in en
    assert squash("K4 Resident awareness and recognition (83%, ± 5.5 percentage points) is a survey rate") in en


def test_a_mixed_call_far_from_every_type_keeps_its_words():
    # Shiwan: the balanced type leads by 2 points where 5 are needed, more than half short
    eight = _said(_body(report_lines(G27R / "shiwan-district-line.yaml", "zh"), "八、评估结论", "附件1"))
    assert "混合型" in eight
    assert "这一判定把握不大" not in eight


# G27R-7: Shiwan's dimension rows (two decimals) add up to 84.97, its 合计 reads 84.96, a hundredth from
# the recognition line of 85 that the panel chair is checking; nothing said why.

def test_rounded_rows_that_miss_the_total_say_why():
    zh = _said(_body(report_lines(G27R / "shiwan-district-line.yaml", "zh"), "三、主要成效", "四、"))
    assert squash("各维度得分按2位小数列出，逐项相加为84.97分；合计84.96分由未经舍入的得分计算。") in zh
    en = _said(report_lines(G27R / "shiwan-district-line.yaml", "en"))
    assert squash("The dimension scores are shown to 2 decimals and add up to 84.97; the total of 84.96 is worked out "
                  "from the unrounded scores.") in en


def test_rows_that_round_to_the_total_say_nothing():
    # Moxi's rows add up to 86.84 under a total of 86.8: one figure rounded twice
    zh = _said(report_lines(MOXI, "zh"))
    assert "各维度得分按" not in zh  # (附件1's 47 rows add up to 86.85 under its 86.84: said there, G27R-7's rest)


# G27R-8: Moxi (江南省) filed 《中原省终身教育促进条例》 for B1, a form copied from a unit in another province;
# other-place-evidence looked only at names ending in 区/县/市 and said nothing.

def test_evidence_named_for_another_province_is_warned_of():
    from .conftest import lcity_here

    zh = lcity_here("validate", str(MOXI), "--lang", "zh")
    assert "B1 的佐证材料“《中原省终身教育促进条例》”以中原省为名，不是本区或所属上级（墨溪区、临江市、江南省）的材料" in zh.stdout + zh.stderr
    en = lcity_here("validate", str(MOXI), "--lang", "en")
    assert "B1's evidence '《中原省终身教育促进条例》' is named for another province, not for the district" in en.stdout + en.stderr


def test_the_units_own_province_and_a_title_already_warned_of_are_not():
    from evaluator.note_checks import other_places

    assert other_places("《江南省终身教育促进条例》", "墨溪区", "临江市", "江南省", "区县市省") == []
    assert other_places("《中原省终身教育促进条例》", "墨溪区", "临江市", "江南省", "区县市省") == ["中原省"]
    # the district's name already makes the title another unit's: one warning, not two
    assert other_places("《金湾区贯彻〈江苏省终身教育促进条例〉实施办法》", "锦绣区", "南岭市", "广东省", "区县市省") == ["金湾区"]
    # no province given: a province named may be the unit's own
    assert other_places("《中原省终身教育促进条例》", "墨溪区", "临江市", None, "区县市") == []
    assert other_places("全省终身学习活动周方案", "墨溪区", "临江市", "江南省", "区县市省") == []


def test_the_summary_says_the_mixed_call_is_not_firm_too():
    summary = _said(section(report_lines(MOXI, "zh"), "评估摘要", "目"))
    assert squash("发展路径：混合型。“文化赋能型”与“均衡发展型”的做法同样突出：相差3个百分点，不足5个百分点。"
                  "这一判定把握不大：“文化赋能型”的侧重距判定线不远") in summary
    en = _said(section(report_lines(MOXI, "en"), "Summary", "Contents"))
    assert squash("This call is not firm: 'Cultural empowerment' falls short of the line by little") in en


def test_the_summary_says_the_grade_rests_on_the_unknown_answers_too():
    summary = _said(section(report_lines(LANFENG, "zh"), "评估摘要", "目"))
    assert squash("不详指标取合理数值时，90%区间（60.4至69.0分）全部在60分的“合格”线以上：等级“不合格”取决于"
                  "按0分计的7项数据不详的指标") in summary
    en = _said(section(report_lines(LANFENG, "en"), "Summary", "Contents"))
    assert squash("the grade 'Fail' rests on the 7 unknown answers counted as 0") in en
