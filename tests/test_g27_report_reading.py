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


def test_a_recognition_clear_of_every_margin_keeps_its_words(tmp_path):
    # the same district with K4 at 88 % on its 180 questionnaires: 80 % lies outside 88 ± 4.7
    text = MOXI.read_text(encoding="utf-8").replace("    value: 83\n    sample_size: 180", "    value: 88\n    sample_size: 180")
    assert "value: 88" in text
    clear = tmp_path / MOXI.name
    clear.write_text(text, encoding="utf-8")
    zh = _said(report_lines(clear, "zh"))
    assert squash("本单位已达到认定条件，按上一等级测算") in zh
    assert "按填报值均已满足" not in zh


