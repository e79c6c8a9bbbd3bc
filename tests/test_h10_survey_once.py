"""G12 #13 (tests/audit_reports_g12/AUDIT.md): Yunxi's K4 and K5 (96 and 88 questionnaires, the
framework asks 400; each threshold inside its rate's margin) stood in 五（一） ('是否确实达标需扩大样本
才能确定'), again in 五（三） ('请专家组核实调查的样本和抽样方法后再确认K4的得分'), and K5 in （二）
too. Each is now said once, in （一）, the group that decides, with the county's own step (survey
again at the framework's sample) and its note; the summary names the problem, its first
improvements the step. Asserted on the HTML ``lcity report`` writes, zh and en."""

from __future__ import annotations

import html as htmllib
import re
from functools import cache
from pathlib import Path

import pytest

from .conftest import EXAMPLES, lcity_here

YUNXI = Path(__file__).resolve().parent / "audit_cities" / "g4" / "yunxi-county-tiny.yaml"
STEP = {"zh": "请本县按标准问卷重新调查（有效问卷不少于400份）",
        "en": "the county should survey again with the standard questionnaire (at least 400 valid questionnaires)"}


@cache
def _page(path: Path, lang: str, tmp: Path) -> str:
    out = tmp / f"{path.stem}-{lang}.html"
    run = lcity_here("report", str(path), "--lang", lang, "--html", str(out), "--date", "2026-06-01")
    assert run.returncode == 0, run.stderr
    return out.read_text(encoding="utf-8")


def groups(page: str) -> dict[str, list[str]]:
    """五's groups as the page prints them: heading -> its items' text (notes included)."""
    start = page.index('id="sec-problems"')
    body = page[start:page.index("</section>", start)]
    out: dict[str, list[str]] = {}
    for head, items in re.findall(r"<h3>(.*?)</h3>\s*<ul[^>]*>(.*?)</ul>", body, flags=re.DOTALL):
        out[htmllib.unescape(head)] = [" ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", li)).split())
                                       for li in re.findall(r"<li>(.*?)</li>", items, flags=re.DOTALL)]
    return out


def summary_problems(page: str, lang: str) -> list[str]:
    text = htmllib.unescape(re.sub(r"<[^>]+>", "\n", page))
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    head = "主要问题：" if lang == "zh" else "Main problems:"
    k = lines.index(head)
    end = next(i for i in range(k + 1, len(lines)) if lines[i].endswith(("：", ":")) and len(lines[i]) < 30)
    return lines[k + 1:end]


@pytest.fixture(scope="module")
def tmp(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("h10")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_yunxi_survey_rates_are_said_once_in_the_group_that_decides(tmp, lang):
    five = groups(_page(YUNXI, lang, tmp))
    heads = list(five)
    first = five[heads[0]]
    assert heads[0] == ("（一）门槛在抽样误差范围内的居民调查指标" if lang == "zh"
                        else "(1) Survey thresholds within the margin of error")
    assert [t[:3] for t in first] == ["K4 ", "K5 "]
    for item, n in zip(first, (96, 88)):
        assert STEP[lang] in item  # the county's step, not only the panel's
        assert (f"只依据{n}份有效问卷，少于指标体系要求的400份" if lang == "zh"
                else f"rests on only {n} valid questionnaires, fewer than the 400") in item
    # its note comes with it (it stood under K in （二）)
    assert ("K5填报说明（原文）：使用过服务的受访者88人" if lang == "zh"
            else "K5, the unit's note (as written): 使用过服务的受访者88人") in first[1]
    # and no other group of 五 names K4 or K5 again
    rest = " ".join(t for h in heads[1:] for t in five[h])
    assert "K4" not in rest and "K5" not in rest, rest
    assert "需扩大样本才能确定" not in " ".join(first)
    assert "核实调查的样本" not in rest and "check the survey's sample" not in rest


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_summary_names_the_problem_and_leaves_the_step_to_its_improvements(tmp, lang):
    page = _page(YUNXI, lang, tmp)
    problems = summary_problems(page, lang)
    k4 = [p for p in problems if p.startswith("K4 ")]
    assert len(k4) == 1 and "73.2%" in k4[0] and STEP[lang] not in k4[0]
    text = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    step = "应先按标准问卷重新调查（有效问卷不少于400份）" if lang == "zh" else "Survey again with the standard questionnaire"
    assert step in text


def test_a_small_sample_clear_of_its_line_is_asked_with_the_districts_step_too(tmp):
    """Qingshi's K4 (84 %) on 350 questionnaires: ±3.8, clear of the 80 % line, so not in （一）; 五（三）
    asks it, and says what the district does as well as what the panel does."""
    form = tmp / "qingshi-350.yaml"
    text = (EXAMPLES / "v2" / "qingshi-district-2025.yaml").read_text(encoding="utf-8")
    assert text.count("    sample_size: 600\n") >= 1
    form.write_text(text.replace("    sample_size: 600\n", "    sample_size: 350\n", 1), encoding="utf-8")
    for lang, said in (("zh", "请本区按标准问卷重新调查（有效问卷不少于400份），或请专家组核实调查的样本和抽样方法后再确认K4的得分。"),
                       ("en", ("the district should survey again with the standard questionnaire (at least 400 valid "
                               "questionnaires), or the panel should check the survey's sample"))):
        five = groups(_page(form, lang, tmp))
        k4 = [t for items in five.values() for t in items if t.startswith("K4 ")]
        assert len(k4) == 1 and said in k4[0], k4
