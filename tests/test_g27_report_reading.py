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

