"""The summary page and the sections it summarises say the same thing (a reader compares them):
its main problems are the first problems of section 五, in the section's order, naming the same
dimensions and indicators; its list of what to do is either the task table's first rows, titled as
the least-effort steps to the named target, or, without a task table, the first recommendations of
section 六 under the old heading. Checked for every example, in both languages, with and without
the panel's review, and for the third-party frameworks' examples.

Contexts are built with the report's own builder (reports.context.build_context); no PDF is made.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from evaluator.benchmark import benchmark
from evaluator.pipeline import read_scored
from reports.catalog import load_catalog
from reports.context import build_context
from reports.context_format import pick

from .conftest import EXAMPLES, example_assessments

FRAMEWORKS = EXAMPLES / "frameworks"
THIRD_PARTY = [FRAMEWORKS / "harbourton-2025.yaml",
               *sorted((FRAMEWORKS / "lanshan-community-learning").glob("*-2025.yaml"))]
REVIEWED = sorted((p.with_name(p.name.replace(".review", "")), p) for p in EXAMPLES.rglob("*.review.yaml"))
CASES = [(p, None) for p in example_assessments() + THIRD_PARTY] + REVIEWED


def _id(case: tuple[Path, Path | None]) -> str:
    path, review = case
    return str(path.relative_to(EXAMPLES)) + (" reviewed" if review else "")


@lru_cache(maxsize=None)
def _context(path: Path, review: Path | None, lang: str) -> tuple[dict, list[str], bool]:
    """The report's context, the dimension and indicator labels as the report writes them, and
    whether the framework gives an effort model."""
    result, loaded = read_scored(path, reviews=[review] if review else [])
    assessment, fw = loaded.require()
    ctx = build_context(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10")
    labels = [f"{d.id} {pick(d, 'name', lang)}" for d in result.dimensions]
    labels += [f"{r.id} {pick(r, 'name', lang)}" for r in result.indicators]
    return ctx, labels, fw.effort is not None


@pytest.fixture(params=CASES, ids=[_id(c) for c in CASES])
def case(request, monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(FRAMEWORKS))
    return request.param


def _subject(text: str, lang: str) -> str:
    """What an item is about: its words up to the first colon (a dimension, an indicator, a veto),
    or the whole of a panel's sentence."""
    return text.split("：" if lang == "zh" else ": ", 1)[0].rstrip("。.")


def _named(text: str, labels: list[str]) -> set[str]:
    """The dimension and indicator labels a text names (the longest where one label holds another)."""
    found = {label for label in labels if label in text}
    return {label for label in found if not any(label != other and label in other for other in found)}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_summarys_problems_are_the_first_problems_of_section_five(case, lang):
    ctx, labels, _ = _context(*case, lang)
    summary = ctx["summary"]["problems"]
    section = [item["text"] for group in ctx["problems"]["groups"] for item in group["items"]]
    assert len(summary) == min(3, len(section))
    # each summary problem is found in section 五, and in the same relative order
    found, start = [], 0
    for p in summary:
        k = next((k for k in range(start, len(section)) if _subject(section[k], lang) == _subject(p, lang)), None)
        assert k is not None, (p, section)
        found.append(k)
        start = k + 1
    # ... and is the section's item at its own place, naming only what that item names
    for p, s in zip(summary, section):
        assert _subject(p, lang) == _subject(s, lang), (p, s)
        assert _named(p, labels) <= _named(s, labels), (p, s)
    if not section:
        assert ctx["summary"]["problems_none"] and ctx["problems"]["intro"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_summarys_steps_are_the_task_tables_first_rows_under_their_own_name(case, lang):
    ctx, _, effort = _context(*case, lang)
    cat = load_catalog(lang)
    title, steps = ctx["summary"]["tasks_title"], ctx["summary"]["tasks"]
    rows = (ctx["tasks"] or {}).get("rows") or []
    assert "首要任务" not in title and "First tasks" not in title
    if rows and effort:
        assert title.startswith(("实现“", "达到“") if lang == "zh" else "Least-effort steps to ")
        assert ("最省力步骤" if lang == "zh" else "Least-effort steps") in title
        # the target the table plans for is the one the heading names
        target = re.search(r"“(.+?)”" if lang == "zh" else r"'(.+?)'", title).group(1)
        assert target in ctx["tasks"]["target"]
        assert len(steps) == min(3, len(rows))
        for step, row in zip(steps, rows):
            assert step.startswith(row["task"]) and row["change"] in step and row["points"] in step, (step, row)
        if len(rows) > 3:
            assert (f"共{len(rows)}项" if lang == "zh" else f"of the {len(rows)} tasks") in title
    else:  # no task table (or no effort model to make one "least effort"): the first recommendations
        assert title == cat["sum_h_first_recs"]
        recs = [r["ind"] for r in ctx["recommendations"]["items"]][:3]
        assert [s.split(cat["colon"], 1)[0] for s in steps] == recs


def test_the_problems_run_from_the_most_serious():
    ctx, _, _ = _context(EXAMPLES / "qingshi-district.yaml", None, "zh")
    # D at 47%, L at 50%, K at 57% of their points: the lowest share first, in the summary and in 五
    assert ctx["summary"]["problems"] == ["D 多元经费保障：得分率47%，低于60%的底线", "L 国际交流合作：得分率50%，低于60%的底线",
                                          "K 市民参与与激励：得分率57%，低于60%的底线"]
    floors = ctx["problems"]["groups"][0]["items"]
    assert [i["text"][:1] for i in floors] == ["D", "L", "K"]
    assert "评估摘要所列主要问题即本节的前几项" in ctx["problems"]["intro"]
    # a recognised district: no indicator at 80% (F1) called a main problem that 五 does not name
    ctx, _, _ = _context(EXAMPLES / "districts" / "lanjiang.yaml", None, "zh")
    assert ctx["summary"]["problems"] == ["I 老年教育与数字包容：I2 老年教育办学网络失2分（满分2分）",
                                          "L 国际交流合作：L2 国际认可失1.5分（满分3分）"]


def test_the_steps_say_what_they_are_and_when_they_fall_short():
    ctx, _, _ = _context(EXAMPLES / "qingshi-district.yaml", None, "zh")
    assert ctx["summary"]["tasks_title"] == "实现“认定为示范区”的最省力步骤（整改任务清单共8项，此处列工作量最小的3项）："
    assert ctx["summary"]["tasks"][0] == "I4 困难和特殊群体学习保障（增加：按群体分别统计并留存上述项目的参与人数；+1.00分，工作量2点）"
    assert "排在前面的是最省力的步骤，并不表示更重要" in ctx["tasks"]["intro"]
    en, _, _ = _context(EXAMPLES / "qingshi-district.yaml", None, "en")
    assert en["summary"]["tasks_title"].startswith(
        "Least-effort steps to the outcome 'Recognised as demonstration zone'")
    # one task only: not "all 1 tasks"
    one, _, _ = _context(EXAMPLES / "districts" / "qingshi.yaml", None, "en")
    assert one["summary"]["tasks_title"].endswith("(the only task in the task list):")
    # the panel's score changes leave the whole list short of 优秀: the summary says so, as 六 does
    rv, _, _ = _context(EXAMPLES / "districts" / "lanjiang.yaml", EXAMPLES / "districts" / "lanjiang.review.yaml", "zh")
    assert rv["summary"]["tasks_title"].startswith("达到“优秀”等级的最省力步骤")
    assert "仍不足以达到目标" in rv["summary"]["tasks_note"] and "下表任务不足以达到目标" in rv["tasks"]["intro"]
    plain, _, _ = _context(EXAMPLES / "qingshi-district.yaml", None, "zh")
    assert plain["summary"]["tasks_note"] == ""
