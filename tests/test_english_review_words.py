"""An English report says lcity's own words in English: with two reviewers, who wrote a reason,
that a reviewer who did not list an indicator accepts the self-assessment, and the median rule;
the reviewer's role (组长/成员, lcity's fixed vocabulary); the counts of the methods section; the
summary's steps. Only what the unit and the panel wrote is quoted as written, in Chinese.
Regressions 1, 2, 3 and 9 of tests/audit_readings3/REGRESSIONS.md."""

from __future__ import annotations

import html as htmllib
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, strategies as st

from evaluator.review import ROLES_EN, role_in

from .conftest import ROOT, lcity_here as lcity, report_page

HERE = ROOT / "tests" / "audit_readings3"
UNIT = "d-meichuan-district.yaml"
R1, R2 = "d-meichuan-district.review-1.yaml", "d-meichuan-district.review-2.yaml"
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")  # ideographs, full-width punctuation


def lines(page: str) -> list[str]:
    """The report's text a block at a time, as a reader sees it (no tags, no style sheet)."""
    page = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S)
    text = htmllib.unescape(re.sub(r"<[^>]+>", "\n", page))
    return [" ".join(t.split()) for t in text.split("\n") if t.strip()]


def written(*files: Path) -> list[str]:
    """Every text the unit and the panel wrote (reasons, findings, names, titles), longest first,
    also without the closing stop the report drops before it names the reviewer."""
    out: set[str] = set()

    def walk(x) -> None:
        if isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
        elif isinstance(x, str) and CJK.search(x):
            out.update({x.strip(), x.strip().rstrip("。.；;")})

    for f in files:
        walk(yaml.safe_load(f.read_text(encoding="utf-8")))
    return sorted(out, key=len, reverse=True)


@pytest.fixture(scope="module")
def meichuan_en(tmp_path_factory) -> list[str]:
    d = tmp_path_factory.mktemp("meichuan")
    for name in (UNIT, R1, R2):
        shutil.copy(HERE / name, d / name)
    out = d / "d.en.html"
    proc = lcity("report", str(d / UNIT), "--review", str(d / R1), "--review", str(d / R2),
                 "--lang", "en", "--html", str(out))
    assert proc.returncode == 0, proc.stderr
    return lines(out.read_text(encoding="utf-8"))


def test_no_chinese_in_lcitys_own_sentences_of_the_english_report(meichuan_en):
    quoted = written(HERE / UNIT, HERE / R1, HERE / R2)
    left = []
    for line in meichuan_en:
        rest = line
        for q in quoted:
            rest = rest.replace(q, "")
        if CJK.search(rest):
            left.append((line[:160], CJK.findall(rest)[:10]))
    assert not left, "\n".join(f"{line!r}: {chars}" for line, chars in left)


def test_the_median_explanation_reads_in_english_with_the_reasons_as_written(meichuan_en):
    page = "\n".join(meichuan_en)
    assert ("核定为30% (何志平, as written); 林若溪 did not list G1, which accepts the self-assessed answer; "
            "the 2 reviewers' figures are 50%, 30%; the panel takes the median: 40%") in page
    assert "低报 (林若溪, as written); 预算表显示" in page  # D2: two reasons, each under its author
    for zh in ("未列出此项", "即认可自评", "取中位数", "位评审专家", "（林若溪）", "（何志平）"):
        assert zh not in page


def test_the_members_role_is_translated(meichuan_en):
    page = "\n".join(meichuan_en)
    assert "何志平 (member): 同意认定为示范区" in page and "(成员)" not in page


@pytest.fixture(scope="module")
def qingshi() -> dict[str, str]:
    """Qingshi's report pages (lcity report --html, the session's copies: conftest.report_page)."""
    return {lang: "\n".join(lines(report_page(lang))) for lang in ("en", "zh")}


def test_a_task_another_body_decides_has_no_effort_dash_and_the_unit_is_defined_on_a_real_figure(qingshi):
    en, zh = qingshi["en"], qingshi["zh"]
    assert "effort — points" not in en and "工作量—点" not in zh
    # L2 at a hosted conference: the city's work, costed; only the award is UNESCO's (G31R-3)
    assert "+1.50 points, effort 6 points)" in en and "decided by UNESCO, so no effort" not in en
    assert "+1.50分，工作量6点）" in zh and "由联合国教科文组织决定，不计工作量" not in zh
    # the unit is defined once, on the first step that has an effort figure
    assert en.count("effort 3 points, one point is about a month") == 1
    assert zh.count("工作量3点，1点约为牵头部门一个月的专项工作量") == 1


def test_the_truthful_no_is_counted_beside_the_answers_with_evidence(qingshi):
    en, zh = qingshi["en"], qingshi["zh"]
    assert "42 were answered (41 with evidence, plus 1 truthful 'no' or 0, which scores nothing" in en
    assert "of them a truthful" not in en
    assert "（其中41项附有佐证材料，1项为如实填报的“无/0”" in zh


@given(st.text(min_size=1, max_size=12))
def test_a_role_is_translated_only_when_it_is_lcitys_word(role):
    shown = role_in(role, "en")
    if role.strip() in ROLES_EN:
        assert shown == ROLES_EN[role.strip()] and not CJK.search(shown)
    else:
        assert shown == role.strip()
    assert role_in(role, "zh") == role.strip()
