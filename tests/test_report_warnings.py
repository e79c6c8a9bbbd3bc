"""What ``lcity validate`` warns about reaches the report: section 五's "请专家组核实的填报" /
"Answers for the panel to check" puts each warning a judgment rests on to the panel, one line with
the indicator's id and the figure; a warning the report already says (the funds pair, a survey
threshold within its margin, missing data) is not said twice, and a report without such warnings
is byte for byte what it was."""

from __future__ import annotations

import dataclasses
import html as htmllib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import EXAMPLES, ROOT, lcity_here

V2 = EXAMPLES / "v2" / "qingshi-district-2025.yaml"
HEADING = {"zh": "请专家组核实的填报", "en": "Answers for the panel to check"}


def with_warnings(text: str) -> str:
    """Qingshi's 2025 form with three slips validate warns about: D1's funds with two zeros too many
    (144.9 yuan per resident, above the 100 real units show), F2's 95 % typed as 0.95, and K4's
    awareness rate from 350 questionnaires (the framework asks for 400; 84 % ± 3.8 is clear of the 80 %
    line: a rate within its margin is said in 五（一） instead, tests/test_h10_survey_once.py)."""
    out = text.replace("    value: 7200000\n", "    value: 120000000\n", 1)
    out = out.replace("    value: 95.0\n", "    value: 0.95\n", 1)
    out = out.replace("    sample_size: 600\n", "    sample_size: 350\n", 1)
    assert out.count("120000000") == 1 and "value: 0.95\n" in out and "sample_size: 350" in out
    return out


@pytest.fixture(scope="module")
def warned(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("warned") / "qingshi-2025.yaml"
    path.write_text(with_warnings(V2.read_text(encoding="utf-8")), encoding="utf-8")
    return path


def section_five(page: str) -> str:
    start = page.index('id="sec-problems"')
    body = page[start:page.index("</section>", start)]
    return htmllib.unescape(re.sub(r"<[^>]+>", "", body))


def question_items(page: str, lang: str) -> list[str]:
    """The items under 五's group of answers for the panel to check, as the page prints them."""
    start = page.index('id="sec-problems"')
    body = page[start:page.index("</section>", start)]
    at = body.find(HEADING[lang])
    if at < 0:
        return []
    group = body[at:body.find("</ul>", at)]
    return [" ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", li)).split())
            for li in re.findall(r"<li>(.*?)</li>", group, flags=re.DOTALL)]


@pytest.fixture(scope="module")
def reports(warned, tmp_path_factory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("reports")
    pages = {}
    for lang in ("zh", "en"):
        html = out / f"{lang}.html"
        proc = lcity_here("report", str(warned), "--lang", lang, "--html", str(html))
        assert proc.returncode == 0, proc.stderr
        pages[lang] = html.read_text(encoding="utf-8")
    return pages


def test_validate_warns_three_times(warned):
    proc = lcity_here("validate", str(warned), "--lang", "en")
    rules = re.findall(r" warning ([a-z-]+):", proc.stdout)
    assert sorted(rules) == ["fraction-percent", "implausible-value", "survey-sample"], proc.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_warning_is_a_question_with_its_figure(reports, lang):
    items = question_items(reports[lang], lang)
    assert len(items) == 3, items
    d1, f2, k4 = items  # the framework's order
    if lang == "zh":
        assert d1.startswith("D1 ") and "120,000,000元" in d1 and "144.9元/人·年" in d1 and "100元/人·年" in d1
        assert f2.startswith("F2 ") and "0.95%" in f2 and "95%" in f2
        assert k4.startswith("K4 ") and "84%" in k4 and "350份" in k4 and "400份" in k4
        assert all("请专家组核实" in i for i in items)
    else:
        assert d1.startswith("D1 ") and "120,000,000 yuan" in d1 and "144.9 yuan per resident per year" in d1
        assert f2.startswith("F2 ") and "0.95%" in f2 and "if 95% was meant" in f2
        assert k4.startswith("K4 ") and "350 valid questionnaires" in k4 and "400" in k4
        assert all("the panel should check" in i for i in items)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_never_speaks_the_terminal(reports, lang):
    """The lines are the report's: no rule id, no YAML path, no 'lcity' command."""
    text = "\n".join(question_items(reports[lang], lang))
    for word in ("implausible-value", "survey-sample", "fraction-percent", "city.population", "sample_size",
                 "lcity ", "warning", "警告"):
        assert word not in text


def test_a_question_the_panel_has_verified_is_left_out(warned, tmp_path):
    """K4 verified by the panel (its own survey): the panel has asked, so only D1 and F2 remain."""
    from lcity.reporting import prepare
    from reports.render import render_html

    review = tmp_path / "r.review.yaml"
    review.write_text(
        'assessment: {city: "青石区", period: "2024–2025", sha256: "' + "0" * 64 + '"}\n'
        "reviewer: {name: 周明远, affiliation: 河西师范大学继续教育学院, title: 教授, role: 组长}\n"
        'date: "2026-05-22"\n'
        "verified:\n  K4: {value: 84, reason: 专家组复核抽样调查，有效样本450份}\n", encoding="utf-8")
    p = prepare(warned, reviews=[review], accept_mismatch=True)
    page = render_html(p.result, p.bench, p.framework, p.assessment, lang="zh", date=p.date, warnings=p.warnings)
    items = question_items(page, "zh")
    assert [i[:2] for i in items] == ["D1", "F2"], items


def test_warnings_said_elsewhere_leave_the_report_unchanged():
    """Baiyang's only warning is the funds pair 五 already asks (from the Result): with the warnings
    passed, the page is the same bytes, and the pair is asked once."""
    from lcity.reporting import prepare
    from reports.render import render_html

    p = prepare(EXAMPLES / "districts" / "baiyang.yaml")
    assert [w.rule for w in p.warnings] == ["funds-without-line"]
    args = (p.result, p.bench, p.framework, p.assessment)
    without = render_html(*args, lang="zh", date=p.date)
    with_them = render_html(*args, lang="zh", date=p.date, warnings=p.warnings)
    assert with_them == without
    assert len(question_items(with_them, "zh")) == 1


# --- the questions as a property of the warnings -------------------------------------------------


@pytest.fixture(scope="module")
def facts_and_warnings(warned):
    from lcity.reporting import prepare
    from reports.context_facts import facts

    p = prepare(warned)
    f = facts(p.result, p.bench, p.framework, p.assessment, lang="en", date=p.date, robustness=p.robustness,
              plan=p.plan)
    return f, p.warnings


def test_property_one_line_per_warning(facts_and_warnings):
    _check_subsets(*facts_and_warnings)


def _check_subsets(f, warnings):
    from reports.context_questions import warning_questions

    @settings(max_examples=40, deadline=None)
    @given(st.lists(st.sampled_from(warnings), max_size=6))
    def prop(picked):
        questions = warning_questions(dataclasses.replace(f, warnings=tuple(picked)))
        ids = {w.message.values["id"] for w in picked}
        # one line per indicator warned about, however often it is given, in the framework's order
        assert len(questions) == len(ids)
        assert [q[:2] for q in questions] == sorted(ids, key=lambda i: f.order[i])

    prop()


def test_no_import_of_the_cli_from_reports():
    """The warnings come down as problems; reports never reaches up into lcity for them."""
    text = (ROOT / "reports" / "context_questions.py").read_text(encoding="utf-8")
    assert "lcity" not in re.findall(r"^(?:from|import) (\w+)", text, flags=re.MULTILINE)


def test_a_batch_report_gets_the_same_warnings(warned, monkeypatch):
    """``lcity batch --reports`` renders each unit as ``lcity report`` does, with its warnings, so a
    unit's PDF from a batch stays the bytes ``lcity report`` writes (the questions included)."""
    import reports.render

    from lcity.reporting import prepare, unit_report_pdf

    seen = {}
    monkeypatch.setattr(reports.render, "render_report", lambda *a, **kw: seen.update(kw) or b"%PDF")
    unit_report_pdf(warned, [], None)
    assert [w.rule for w in seen["warnings"]] == [w.rule for w in prepare(warned).warnings]
    assert len(seen["warnings"]) == 3
