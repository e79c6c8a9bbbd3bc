"""G21 audit (tests/audit_cities/g21/AUDIT.md), the summary page and validate: G21-B5 and G21-B10
on the summary page (reports/context_summary.py), G21-B11's validate rule na-higher-level
(evaluator/checks.py)."""

from __future__ import annotations

import pytest

from .conftest import squash
from .test_g21_wording import G21, LIUXI_EIGHT, LIUXI_SUMMARY, RELATIVE, text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_summary_says_a_declared_type_at_the_units_own_level_plainly(lang):
    """G21-B5: Liuxi's 均衡发展型 at 67 % against its own 69 % read '与实际做法不一致' on p. 2."""
    summary, whole = text("liuxi-county-gaps", lang)
    assert squash(LIUXI_SUMMARY[lang]) in summary
    assert squash(LIUXI_EIGHT[lang]) in whole
    for wrong in ("与实际做法不一致", "does not bear out", "do not match"):
        assert wrong not in whole


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_summary_of_a_mixed_unit_at_a_low_average_says_standing_out_is_relative(lang):
    """G21-B10: Lanchuan's summary line '同样突出' at an own average of 24 %."""
    summary, whole = text("lanchuan-county-truthful", lang)
    assert squash(RELATIVE[lang]) in summary
    assert whole.count(squash(RELATIVE[lang])) == 2  # the summary page and 八（一）


# ---- G21-B11 --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, says", [
    ("zh", "liuxi-county-gaps.yaml:265:13: 警告 na-higher-level: E5 标为不适用（not_applicable），但说明“本县使用省级平台，"
           "平台版本由省里决定”是说这项工作由上级（省、市）负责或决定：指标体系向本级单位提出了这个问题，本地居民实际享有的"
           "情况仍可作答；标为不适用会把 E5 的分值移给同一维度的其他指标（请按本地居民实际使用的平台、设施或服务如实作答，"
           "不论由哪一级建设，例如居民使用的省级平台是否提供适老化版本；只有本单位确实无从开展的，才标为不适用）"),
    ("en", "liuxi-county-gaps.yaml:265:13: warning na-higher-level: E5 is marked not_applicable, but its note "
           "(“本县使用省级平台，平台版本由省里决定”) says a higher level (the province or the city) runs or decides it: "
           "the framework asks this question of units of this level, and what the unit's residents actually have can "
           "still be answered"),
])
def test_not_applicable_because_a_higher_level_runs_it_is_a_warning(lang, says):
    """G21-B11: Liuxi's E5 (whether the platform its residents use has an elderly-friendly version)
    read not applicable 'because the province decides'; E's point moved to E1-E4 unremarked. L2 and
    L3 ('外事权限在市') are na-whole-dimension's, not repeated; H1 ('县内没有高等学校') is no such note."""
    from .conftest import lcity_here

    run = lcity_here("validate", "liuxi-county-gaps.yaml", "--lang", lang, cwd=G21)
    assert run.returncode == 0, run.stderr
    assert says in run.stdout
    assert run.stdout.count("na-higher-level") == 1


@pytest.mark.parametrize("note, warned", [
    ("本县使用省级平台，平台版本由省里决定", True),
    ("外事权限在市", True),
    ("The platform is run by the province.", True),
    ("县内没有高等学校和高等职业院校", False),
    ("县内无高校，高校由市统筹", False),  # nothing in the county to work with: a reason of its own
    ("首次评估", False),
    ("全球学习型城市网络只接收城市成员，区不能单独加入", False),
])
def test_which_notes_say_a_higher_level_runs_it(note, warned):
    from evaluator.checks import says_higher_level

    assert says_higher_level(note) is warned


def test_the_panel_is_asked_about_it_in_five():
    _, whole = text("liuxi-county-gaps", "zh")
    assert squash("E5 平台适老化与无障碍：E5 标为不适用（not_applicable），但说明“本县使用省级平台，平台版本由省里决定”"
                  "是说这项工作由上级（省、市）负责或决定") in whole
