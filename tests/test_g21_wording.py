"""G21 audit wording (tests/audit_cities/g21/AUDIT.md): what the summary page, 八 and the forms
say, as a unit and its panel read them.

- G21-B5: "与实际做法不一致" with the gap only where the declared type lies below the unit's own
  average by the pathway rule's own margin (``pathways.flat_min``); within it, the declared type
  is at the unit's own level and shows no particular emphasis.
- G21-B7: the city form's E1 asks about the city's own platform, not "市级平台的本区分站".
- G21-B10: a mixed unit whose two leading types "stand out" at a low own average says, on the
  summary page and in 八, that standing out is relative to that average.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from .conftest import lcity, report_lines, section, squash

G21 = Path(__file__).resolve().parent / "audit_cities" / "g21"


@cache
def text(unit: str, lang: str) -> tuple[str, str]:
    """(summary page, whole report) of a G21 unit, squashed."""
    lines = report_lines(G21 / f"{unit}.yaml", lang)
    head, end = ("评估摘要", "目") if lang == "zh" else ("Summary", "Contents")
    unquote = lambda s: squash(s.replace("&#39;", "'"))  # noqa: E731
    return unquote(" ".join(section(lines, head, end))), unquote(" ".join(lines))


# ---- G21-B5 ---------------------------------------------------------------------------------

LIUXI_SUMMARY = {
    "zh": "柳溪县自述为“均衡发展型”：界定该类型的做法得分率为67%，与本单位各项做法的平均水平69%相差不到5个百分点，"
          "处于本单位自身的水平，未显示特别的侧重。",
    "en": "柳溪县 declares 'Balanced development': the practices that define that type reach 67% of their points, "
          "within 5 percentage points of the unit's own average of 69%, at the unit's own level, with no particular "
          "emphasis.",
}
LIUXI_EIGHT = {
    "zh": "柳溪县自述为“均衡发展型”，实际做法显示为“产业驱动型”；界定“均衡发展型”的做法得分率为67%，与本单位各项做法的"
          "平均水平69%相差不到5个百分点，处于本单位自身的水平，未显示特别的侧重。",
    "en": "柳溪县 declares 'Balanced development'; its practice shows 'Industry-driven'. The practices that define "
          "'Balanced development' reach 67% of their points, within 5 percentage points of the unit's own average of "
          "69%: they are at the unit's own level and show no particular emphasis.",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_declared_type_at_the_units_own_level_is_not_called_inconsistent(lang):
    """Liuxi's 均衡发展型 at 67 % against its own 69 %: 2 points, under the rule's margin of 5."""
    _, whole = text("liuxi-county-gaps", lang)
    assert squash(LIUXI_EIGHT[lang]) in whole
    for wrong in ("自述与实际做法不一致", "do not match"):
        assert wrong not in whole


@pytest.mark.parametrize("lang, summary_says, eight_says", [
    ("zh", "海川市自述为“国际化导向型”，与实际做法不一致：界定该类型的做法得分率为37%，低于本单位各项做法的平均水平74%。",
     "发现：海川市自述为“国际化导向型”，而实际做法显示为“均衡发展型”，自述与实际做法不一致：界定“国际化导向型”的做法"
     "得分率为37%，低于本单位各项做法的平均水平74%。"),
    ("en", "海川市 declares 'Internationalisation-oriented', which its practice does not bear out: the practices that "
           "define that type reach 37% of their points, below the unit's own average of 74%.",
     "Finding: 海川市 declares 'Internationalisation-oriented', but its practice shows 'Balanced development': the "
     "declaration and the practice do not match; the practices that define 'Internationalisation-oriented' reach "
     "37% of their points, below the unit's own average of 74%."),
])
def test_a_declared_type_well_below_the_average_is_a_finding_with_its_gap(lang, summary_says, eight_says):
    """Haichuan's 国际化导向型 at 37 % against 74 %: the case the wording fits, now with the gap in 八 too."""
    summary, whole = text("haichuan-city-declared-intl", lang)
    assert squash(summary_says) in summary
    assert squash(eight_says) in whole


def test_the_margin_is_the_frameworks_own():
    """A framework whose types stand out at 2 points (``pathways.flat_min``) calls Liuxi's 2-point gap
    inconsistent: the line is the framework's, not a 5 written into the wording."""
    from evaluator.benchmark import benchmark
    from evaluator.engine import score
    from evaluator.reading import read
    from reports.context import build_context

    assessment, fw = read(G21 / "liuxi-county-gaps.yaml").require()
    narrow = fw.model_copy(update={"pathways": fw.pathways.model_copy(update={"flat_min": 0.02})})
    result = score(assessment, narrow)
    assert result.pathway.type == "industry"
    ctx = build_context(result, benchmark(result, narrow), narrow, assessment, lang="zh")
    assert ctx["conclusion"]["pathway"]["finding"] == (
        "发现：柳溪县自述为“均衡发展型”，而实际做法显示为“产业驱动型”，自述与实际做法不一致：界定“均衡发展型”的做法"
        "得分率为67%，低于本单位各项做法的平均水平69%。")


# ---- G21-B10 --------------------------------------------------------------------------------

RELATIVE = {
    "zh": "“文化赋能型”与“产业驱动型”的做法同样突出：相差3个百分点，不足5个百分点。所谓突出，是相对本单位自身较低的"
          "平均得分率（24%）而言，并不表示这些方面已达到较高水平。",
    "en": "'Cultural empowerment' and 'Industry-driven' stand out about equally: 3 percentage points apart, less "
          "than 5. Standing out is measured against the unit's own low average share (24%); it does not mean these "
          "practices are at a high level.",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_mixed_unit_at_a_low_average_says_standing_out_is_relative(lang):
    """Lanchuan County, own average 24 %: 八 carries the caveat decided types get (the summary line:
    tests/test_g21_wording_summary.py)."""
    _, whole = text("lanchuan-county-truthful", lang)
    assert whole.count(squash(RELATIVE[lang])) >= 1  # 八（一）


def test_a_mixed_unit_at_a_high_average_has_no_caveat():
    """Minghu (mixed, own average well above the floor): nothing is relative to a low average."""
    _, whole = text("minghu-district-balanced", "zh")
    assert "所谓突出" not in whole


# ---- G21-B7 ---------------------------------------------------------------------------------

@pytest.mark.parametrize("level, lang, asks, never", [
    ("city", "zh", "问：截至评估基准年末，本市终身学习公共服务平台（含其各区、县分站）实名注册的本地用户有多少人？", "本区分站"),
    ("city", "en", "Q: At the end of the reference year, how many local users were registered under their real names on "
                   "your city's public lifelong-learning platform (including its district and county sub-sites)?",
     "the district sub-site of a city platform"),
    ("district", "zh", "问：截至评估基准年末，本区终身学习公共服务平台（含市级平台的本区分站）实名注册的本地用户有多少人？",
     "含其各区、县分站"),
    ("county", "zh", "问：截至评估基准年末，本县终身学习公共服务平台（含市级平台的本县分站）实名注册的本地用户有多少人？",
     "本区分站"),
])
def test_the_e1_question_asks_each_level_about_its_own_platform(tmp_path, level, lang, asks, never):
    out = tmp_path / "form.yaml"
    p = lcity("init", "--lang", lang, "-o", str(out), "--city", "临江", "--level", level)
    assert p.returncode == 0, p.stderr
    form = out.read_text(encoding="utf-8")
    assert asks in form
    assert never not in form
    if level == "city":
        dedup = "去重规则：按身份证号去重；市级平台与各区、县分站的用户合并后只计一次" if lang == "zh" else \
            "de-duplication: unique by ID number; a user of the city platform and of its district or county sub-sites counts once"
        assert dedup in form


def test_the_city_wording_changes_no_score():
    from evaluator.pipeline import read_scored

    r = read_scored(G21 / "linjiang-city-level.yaml")[0]
    e1 = next(i for i in r.indicators if i.id == "E1")
    assert round(r.total, 1) == 84.6 and e1.max == 3
