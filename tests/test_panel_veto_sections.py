"""A veto the panel found reads as the panel's finding in 五（一） and the summary, and the unit's
strengths that rest on answers the panel did not verify carry the mark, where the sections print them
(audit H4#12: 五（一） and 主要优势 still said the bare veto and the unit's own claims)."""

from __future__ import annotations

from pathlib import Path

from reports.context_findings import problem_groups, strengths
from reports.context_summary import strengths_top

from .test_panel_review_findings import HAILAN, REASON, _facts, _hailan


def test_section_five_and_the_summary_say_the_panels_veto_with_its_reason(tmp_path: Path) -> None:
    f = _facts(HAILAN, _hailan(tmp_path, vetoes=f"vetoes:\n  - id: falsified_data\n    reason: {REASON}\n"), "zh")
    first = problem_groups(f)[0][1][0]
    assert first.text == f"专家组认定：提供虚假数据或材料（理由：{REASON}），触发一票否决。"
    en = _facts(HAILAN, _hailan(tmp_path, vetoes="vetoes: [falsified_data]", name="e.yaml"), "en")
    assert problem_groups(en)[0][1][0].text == "The expert panel found: falsified data or materials, which triggers a veto."


def test_strengths_in_the_summary_and_section_four_carry_the_unverified_mark(tmp_path: Path) -> None:
    f = _facts(HAILAN, _hailan(tmp_path, vetoes="vetoes: [falsified_data]"), "zh")
    top = strengths_top(f)
    assert top and all(s.endswith("（自评数据，未经核实）") for s in top if not s.startswith("K4"))
    paras = " ".join(strengths(f)["strengths"]["paras"])
    assert "（自评数据，未经核实）" in paras
    plain = _facts(HAILAN, _hailan(tmp_path, name="p.yaml"), "zh")
    assert not any("未经核实" in s for s in strengths_top(plain))
    assert "未经核实" not in " ".join(strengths(plain)["strengths"]["paras"])
