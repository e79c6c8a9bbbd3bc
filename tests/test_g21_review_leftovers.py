"""Leftovers of G19-C1, G20-A7 and G20-D11 in expert reviews, as the panel's secretary sees them.

* A panel member whose name is left null beside a named reviewer was printed as "null" on the
  report's sign-off page (附件4 专家组签名): an error at that name in ``review validate``, and so in
  ``score``/``report --review`` and ``batch`` (G19-C1). A reviewer whose name is left null beside a
  named panel (the form's panel example filled in) signs nothing: it was listed first, as "null".
* ``conclusion_outcome`` in a review that is not the panel's (the panel lead's) was warned as if the
  report printed it beside its verdict; the report states the panel's outcome only: the warning now
  says whose outcome the report gives (G20-A7 (a)).
* ``lcity score --review`` printed the rules' outcome alone where the panel's conclusion states
  another (G20-A7 (b)).
* ``review validate``'s date hint spoke of symposia for a framework whose panels hold meetings
  (G20-A7 (c), G20-D11).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, lcity, lcity_here, report_lines

G20 = ROOT / "tests" / "audit_reports_g20"
LIYANG, LEAD = G20 / "liyang-county.yaml", G20 / "liyang-county.review.yaml"  # total 64.0: 不予认定
LIYANG_CONCLUSION = "建议暂不认定为示范区，限期一年补齐数字平台短板后复核。"
LOWFIELD_DIR = ROOT / "tests" / "audit_frameworks_g20"


def _unit(tmp_path: Path) -> Path:
    a = tmp_path / LIYANG.name
    shutil.copy(LIYANG, a)
    return a


def _review(tmp_path: Path, name: str, *swaps: tuple[str, str], outcome: str | None = None) -> Path:
    """Liyang's panel review with each (old, new) replaced once, and a conclusion_outcome line."""
    text = LEAD.read_text(encoding="utf-8")
    for old, new in swaps:
        assert old in text, old
        text = text.replace(old, new, 1)
    if outcome is not None:
        text += f"conclusion_outcome: {outcome}\n"
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _line(path: Path, start: str) -> int:
    return next(k for k, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if t.startswith(start))


def _said(done) -> str:
    return done.stdout + done.stderr


# --- G19-C1: a name left null beside a named reviewer ----------------------------------------------------

THIRD = "  - {name: 罗以宁,"


@pytest.mark.parametrize("name, shown", [("null", "null"), ("~", "~"), ("None", "None"), ('"null"', "null"),
                                         ("NULL", "NULL")])
@pytest.mark.parametrize("lang, expected", [
    ("zh", "错误 unnamed-member: 专家组第3位成员没有姓名（name: {n}）：报告附件4“专家组签名”将把“{n}”印作签名专家的姓名"
           "（请在 name: 后填写该成员的姓名（如 name: 张伟）；专家组没有这位成员的，请从 panel: 中删去这一项）"),
    ("en", "error unnamed-member: panel member 3 has no name (name: {n}): the report's sign-off page (Appendix 4) "
           "would print “{n}” as an expert who signs (write the member's name after name: (name: Zhang Wei), or "
           "delete this entry from panel: if no such member sits on the panel)"),
])
def test_a_panel_member_left_unnamed_beside_a_named_reviewer_is_an_error_at_the_name(tmp_path, name, shown, lang,
                                                                                      expected):
    a = _unit(tmp_path)
    r = _review(tmp_path, "r.review.yaml", (THIRD, f"  - {{name: {name},"))
    done = lcity_here("review", "validate", str(a), str(r), "--lang", lang)
    assert done.returncode == 1
    line = _line(r, f"  - {{name: {name},")
    assert f"r.review.yaml:{line}:12: {expected.format(n=shown)}" in _said(done)
    assert "no-reviewer" not in _said(done)  # the reviewer and two members are named


def test_a_reviewer_left_unnamed_beside_a_named_panel_signs_nothing(tmp_path):
    """The form's reviewer name left null, its panel example filled in: valid (the panel signs), and
    the sign-off page lists the panel only; the null reviewer was put first there, as "null"."""
    a = _unit(tmp_path)
    r = _review(tmp_path, "r.review.yaml", ("  name: 贺文澜\n", "  name: null\n"))
    done = lcity_here("review", "validate", str(a), str(r), "--lang", "en")
    assert done.returncode == 0 and "unnamed-member" not in _said(done) and "no-reviewer" not in _said(done)
    result = json.loads(lcity_here("score", str(a), "--review", str(r), "--format", "json").stdout)
    assert [m["name"] for m in result["review"]["panel"]] == ["贺文澜", "谭秋实", "罗以宁"]
    lines = report_lines(a, "zh", [r])
    signed = lines[max(k for k, t in enumerate(lines) if t.startswith("附件4")):]
    assert "贺文澜" in signed and not any("null" in t for t in signed)


def test_the_untouched_form_is_still_one_no_reviewer_error(tmp_path):
    """Nobody named at all is the G19-C1 error, said once, not one error per null name."""
    a = _unit(tmp_path)
    r = _review(tmp_path, "r.review.yaml", ("  name: 贺文澜\n", "  name: null\n"),
                ("  - {name: 贺文澜, affiliation: 楚南师范大学教育学院, title: 教授, role: 组长}\n"
                 "  - {name: 谭秋实, affiliation: 楚南省图书馆, title: 研究馆员, role: 成员}\n"
                 "  - {name: 罗以宁, affiliation: 楚南开放大学, title: 副教授, role: 成员}\n", "  - {name: null}\n"))
    said = _said(lcity_here("review", "validate", str(a), str(r), "--lang", "en"))
    assert said.count("error no-reviewer") == 1 and "unnamed-member" not in said


def test_score_and_report_refuse_the_review_and_write_no_report(tmp_path):
    a = _unit(tmp_path)
    r = _review(tmp_path, "r.review.yaml", (THIRD, "  - {name: null,"))
    place = f"r.review.yaml:{_line(r, '  - {name: null,')}:12: error unnamed-member: panel member 3 has no name"
    scored = lcity_here("score", str(a), "--review", str(r), "--lang", "en")
    assert scored.returncode == 1 and place in _said(scored)
    pdf = tmp_path / "report.pdf"
    made = lcity_here("report", str(a), "--review", str(r), "-o", str(pdf), "--lang", "zh")
    assert made.returncode == 1 and "错误 unnamed-member: 专家组第3位成员没有姓名（name: null）" in _said(made)
    assert not pdf.exists()


def test_batch_fails_the_unit_with_the_error(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    shutil.copy(LIYANG, folder / LIYANG.name)
    (folder / "liyang-county.review.yaml").write_text(
        LEAD.read_text(encoding="utf-8").replace(THIRD, "  - {name: ~,", 1), encoding="utf-8")
    done = lcity("batch", str(folder), "-o", str(tmp_path / "out"), "--lang", "en")
    assert done.returncode == 1
    assert "error unnamed-member: panel member 3 has no name (name: ~)" in _said(done)
    assert "0 scored, 1 failed" in _said(done)


# --- G20-A7 (a): conclusion_outcome in a member's review ------------------------------------------------

MEMBER = ("  name: 贺文澜\n  affiliation: 楚南师范大学教育学院\n  title: 教授\n  role: 组长\n",
          "  name: 谭秋实\n  affiliation: 楚南省图书馆\n  title: 研究馆员\n  role: 成员\n")


def _panel(tmp_path: Path, lead_outcome: str | None, member_outcome: str | None) -> tuple[Path, Path, Path]:
    a = _unit(tmp_path)
    lead = _review(tmp_path, "lead.review.yaml", (LIYANG_CONCLUSION, "建议不予认定。"), outcome=lead_outcome)
    member = _review(tmp_path, "member.review.yaml", MEMBER, (LIYANG_CONCLUSION, "建议暂缓认定。"),
                     outcome=member_outcome)
    return a, lead, member


@pytest.mark.parametrize("lang, expected", [
    ("zh", "警告 member-outcome: conclusion_outcome 写“暂缓认定”，但专家组的结论以贺文澜的评审文件（lead.review.yaml）为准，"
           "其中写“不予认定”：报告只说明专家组的评估结论，不采用本文件的这一项（请在签字前由专家组统一评估结论："
           "写在贺文澜的评审文件的 conclusion_outcome 中，本文件中删去或改为一致）"),
    ("en", "warning member-outcome: conclusion_outcome gives “Recognition deferred”, but the panel's conclusion is "
           "the one in 贺文澜's review (lead.review.yaml), which gives “Not recognised”: the report states the "
           "panel's outcome only, not this one (settle the outcome in the panel before signing: state it under "
           "conclusion_outcome in 贺文澜's review, and here delete it or give the same)"),
])
def test_a_members_outcome_names_the_panels_and_says_the_report_gives_that_one(tmp_path, lang, expected):
    a, lead, member = _panel(tmp_path, "refused", "deferred")
    done = lcity_here("review", "validate", str(a), str(lead), str(member), "--lang", lang)
    assert done.returncode == 0  # a member's own opinion: the panel settles it before signing
    said = _said(done)
    assert f"member.review.yaml:{_line(member, 'conclusion_outcome:')}:21: {expected}" in said
    # never the panel-outcome hint that the report says it beside its verdict: the report does not
    assert "panel-outcome" not in said


@pytest.mark.parametrize("lang, expected", [
    ("zh", "警告 member-outcome: conclusion_outcome 写“暂缓认定”，但专家组的结论以贺文澜的评审文件（lead.review.yaml）为准，"
           "其中没有写评估结论：报告不采用本文件的这一项"),
    ("en", "warning member-outcome: conclusion_outcome gives “Recognition deferred”, but the panel's conclusion is "
           "the one in 贺文澜's review (lead.review.yaml), which states no outcome: the report does not use this one"),
])
def test_a_members_outcome_where_the_panels_review_states_none_is_not_used(tmp_path, lang, expected):
    a, lead, member = _panel(tmp_path, None, "deferred")
    done = lcity_here("review", "validate", str(a), str(lead), str(member), "--lang", lang)
    assert expected in _said(done)
    scored = lcity_here("score", str(a), "--review", str(lead), "--review", str(member), "--format", "json")
    assert json.loads(scored.stdout)["review"]["conclusion_outcome"] is None


def test_a_member_giving_the_panels_outcome_adds_nothing(tmp_path):
    a, lead, member = _panel(tmp_path, "deferred", "deferred")
    said = _said(lcity_here("review", "validate", str(a), str(lead), str(member), "--lang", "en"))
    assert "member-outcome" not in said
    # the panel's own outcome against the rules' is said once, at the panel's review
    assert said.count("warning panel-outcome") == 1 and "lead.review.yaml:" in said.split("warning panel-outcome")[0]


def test_the_only_reviews_outcome_is_the_panels_as_before(tmp_path):
    a = _unit(tmp_path)
    r = _review(tmp_path, "r.review.yaml", outcome="deferred")
    said = _said(lcity_here("review", "validate", str(a), str(r), "--lang", "en"))
    assert "warning panel-outcome: conclusion_outcome gives “Recognition deferred”, the rules give “Not recognised”" in said
    assert "member-outcome" not in said


# --- G20-A7 (b): lcity score --review shows the panel's outcome beside the rules' ----------------------


@pytest.mark.parametrize("lang, decision, expected", [
    ("zh", "等级：合格    认定结论：不予认定",
     "  ⚠ 专家组结论给出的评估结论为“暂缓认定”（conclusion_outcome），与计分规则按核定数据得出的“不予认定”不同："
     "两者须经专家组核对统一后方可签署报告（原因见 lcity review validate）"),
    ("en", "Grade: Pass    Recognition: Not recognised",
     "  ⚠ The panel's conclusion gives “Recognition deferred” (conclusion_outcome), not the rules' “Not recognised” "
     "for the verified figures: the panel settles the two before the report is signed (lcity review validate says "
     "why)"),
])
def test_score_shows_the_panels_outcome_under_the_rules(tmp_path, monkeypatch, lang, decision, expected):
    monkeypatch.setenv("COLUMNS", "80")
    a = _unit(tmp_path)
    r = _review(tmp_path, "r.review.yaml", outcome="deferred")
    done = lcity_here("score", str(a), "--review", str(r), "--lang", lang)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    k = lines.index(decision)
    said = lines.index(expected)  # whole into a pipe
    assert k < said and all(t.startswith("  • ") for t in lines[k + 1:said])  # after the rules' reasons
    scored = lcity_here("score", str(a), "--review", str(r), "--format", "json")
    result = json.loads(scored.stdout)
    assert (result["review"]["conclusion_outcome"], result["recognition"]["outcome"]) == ("deferred", "refused")


@pytest.mark.parametrize("outcome", ["refused", None])
def test_score_adds_nothing_where_the_panel_agrees_or_states_none(tmp_path, outcome):
    a = _unit(tmp_path)
    r = _review(tmp_path, "r.review.yaml", outcome=outcome)
    for lang, words in (("zh", "专家组结论给出"), ("en", "The panel's conclusion gives")):
        assert words not in lcity_here("score", str(a), "--review", str(r), "--lang", lang).stdout


# --- G20-A7 (c) / G20-D11: the date hint in the framework's words ---------------------------------------


LOWFIELD_REVIEW = """\
assessment:
  city: "Lowfield Ward"
  period: "2024–2025"
  sha256: {sha}
  file: "lowfield-2025.yaml"
reviewer: {{name: Ruth Okafor, affiliation: Hallmere Regional Council, title: Adviser}}
panel:
  - {{name: Ruth Okafor, affiliation: Hallmere Regional Council, title: Adviser, role: chair}}
date: 2025-12-09
process:
  start: 2025-12-08
  end: 2025-12-10
  material_review: true
  symposia:
    - {{date: 2025-12-10, topic: meeting with ward officers}}
conclusion: Not accredited until a safeguarding policy is in place.
"""


@pytest.mark.parametrize("lang, hint", [
    ("en", "(write under date: the day the panel signed its conclusion (after its visits and meetings))"),
    ("zh", "（date: 请写专家组签署结论的日期（在实地考察和会议之后））"),
])
def test_the_date_hint_says_meetings_for_a_framework_without_recognition(tmp_path, monkeypatch, lang, hint):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(LOWFIELD_DIR / "fw"))
    unit = tmp_path / "lowfield-2025.yaml"
    shutil.copy(LOWFIELD_DIR / "units" / "lowfield-2025.yaml", unit)
    r = tmp_path / "lowfield.review.yaml"
    r.write_text(LOWFIELD_REVIEW.format(sha=hashlib.sha256(unit.read_bytes()).hexdigest()), encoding="utf-8")
    said = _said(lcity_here("review", "validate", str(unit), str(r), "--lang", lang))
    assert f"lowfield.review.yaml:{_line(r, 'date:')}:7: " in said and "period-order" in said
    assert hint in said
    assert "symposia" not in said and "座谈会" not in said


@pytest.mark.parametrize("lang, hint", [
    ("en", "(write under date: the day the panel signed its conclusion (after its visits and symposia))"),
    ("zh", "（date: 请写专家组签署结论的日期（在实地考察和座谈会之后））"),
])
def test_chinas_date_hint_keeps_its_symposia(tmp_path, lang, hint):
    a = _unit(tmp_path)
    r = _review(tmp_path, "r.review.yaml", ('date: "2026-06-20"', 'date: "2026-06-17"'))
    said = _said(lcity_here("review", "validate", str(a), str(r), "--lang", lang))
    assert "period-order" in said and hint in said
