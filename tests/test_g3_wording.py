"""Wording a panel member would not sign in the G3 archetype reports (tests/audit_cities/g3/AUDIT.md),
checked in the page a reader reads: the HTML copy ``lcity report --html`` writes (validate's warnings
included, as in the PDF), as plain text."""

from __future__ import annotations

from pathlib import Path

from functools import cache
from tempfile import TemporaryDirectory

from .conftest import lcity_here, plain

G3 = Path(__file__).resolve().parent / "audit_cities" / "g3"


@cache
def page(name: str, lang: str) -> str:
    with TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.html"
        run = lcity_here("report", str(G3 / name), "--html", str(out), "--lang", lang, "--date", "2026-04-10")
        assert run.returncode == 0, run.stdout + run.stderr
        return plain(out.read_text(encoding="utf-8"))


# --- G3 #7: two declared types, one leads: the report said both were "the type its practice puts first"


def test_of_two_declared_types_only_the_leading_one_is_said_to_lead():
    zh = page("jiangzhou-city-no-law.yaml", "zh")
    assert "自述的“均衡发展型、产业驱动型”中，“均衡发展型”是实际做法居首的类型" in zh
    assert "“均衡发展型、产业驱动型”正是实际做法居首的类型" not in zh
    en = page("jiangzhou-city-no-law.yaml", "en")
    assert "'Balanced development' is the type its practice puts first" in en
    assert "is the type its practice puts first" not in en.split("Of Jiangzhou's declared")[0]


def test_one_declared_type_that_leads_keeps_its_sentence():
    """A single declared type that leads a mixed profile still reads as before (hailan, H4#13)."""
    zh = page("../hailan-2025.yaml", "zh")
    assert "正是实际做法居首的类型" in zh


# --- G3 #1-#2: figures beyond what real units show are said beside the outcome and the strengths ----


def summary_of(text: str, lang: str) -> str:
    start = text.index("评估摘要" if lang == "zh" else "Summary")
    return text[start:text.index("目 录" if lang == "zh" else "Contents", start)]


def test_the_summary_says_the_outcome_waits_on_the_doubtful_figures():
    zh = summary_of(page("fengming-district-contradictory.yaml", "zh"), "zh")
    assert ("D1 人均社区教育（终身教育）财政经费、E1 终身学习平台覆盖、I1 老年人经常性参与老年教育的填报超出实际单位所见的范围，"
            "须经专家组核实（见“五、存在问题”）：共得10.0分，不计其得分，总分为82.2分，低于认定线85分：等级和评估结论都取决于核实结果") in zh
    # a doubtful figure is no main strength until verified (G27A-1; it led them, marked, before):
    # 三 and 四 still name it, marked (test_results_and_highlights_mark_the_doubtful_figures_too)
    strengths = zh[zh.index("主要优势"):zh.index("主要问题")]
    assert "I2 老年教育办学网络：两项要求均已具备" in strengths
    assert not any(i in strengths for i in ("D1 ", "E1 ", "I1 ")) and "待核实" not in strengths
    en = summary_of(page("fengming-district-contradictory.yaml", "en"), "en")
    assert "they carry 10.0 points, and without them the total is 82.2, below the recognition line of 85" in en
    main = en[en.index("Main strengths"):en.index("Main problems")]
    assert "E1 " not in main and "to be verified" not in main


def test_a_unit_without_doubtful_figures_reads_no_such_line():
    for name in ("jiangzhou-city-no-law.yaml", "gucheng-oldtown-culture.yaml"):
        zh = page(name, "zh")
        assert "超出实际单位所见的范围，须经专家组核实" not in zh and "待核实）" not in zh


def test_results_and_highlights_mark_the_doubtful_figures_too():
    """三 (较好的方面) and 四 (突出指标) named 353.9 元/人·年, 119.2% and 117.3% as achievements unmarked."""
    zh = page("fengming-district-contradictory.yaml", "zh")
    assert zh.count("老年人经常性参与老年教育为117.3%，达到30%的满分标准（填报超出常见范围，待核实）") == 2  # 三, 四
    assert "终身学习平台覆盖为119.2%，达到25%的满分标准（填报超出常见范围，待核实）" in zh
    assert "353.8元/人·年，达到10元/人·年的满分标准（填报超出常见范围，待核实）" in zh.replace(" ", "")
    assert "达到30%的满分标准。" not in zh.split("五、存在问题")[0].split("四、特色与亮点")[-1]


def test_robustness_does_not_read_as_if_the_doubtful_figures_were_checked():
    """七 said '等级与评估结论对上述设定是稳健的' at 100 % with nothing about the three figures (G3 #3)."""
    zh = page("fengming-district-contradictory.yaml", "zh")
    robust = zh[zh.index("七、稳健性分析 评估结论取决于"):]
    assert ("以上抽样不改变填报的数字本身：五（一）请专家组核实的D1 人均社区教育（终身教育）财政经费、E1 终身学习平台覆盖、"
            "I1 老年人经常性参与老年教育超出实际单位所见的范围，其得分能否成立取决于核实结果（见评估摘要），不在上述稳健性之内。") in robust
    en = page("fengming-district-contradictory.yaml", "en")
    assert "These draws leave the answered figures as they are" in en
    assert "These draws leave the answered figures" not in page("jiangzhou-city-no-law.yaml", "en")
