"""Issue 16, item 2: input-method slips, each at the exact character, named in the user's language,
and rewritten by ``lcity fix`` (a diff first; the file changes only with --write, comments kept)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from indicators.loader import load_framework
from indicators.messages import say
from indicators.slips import apply, scan
from lcity.commands.fix import planned
from lcity.commands.validate import check_file
from lcity.template import render_template

from .conftest import lcity_here as lcity


@pytest.fixture(scope="module")
def form() -> str:
    fw = load_framework("china-learning-city@2")
    text = render_template(fw, city="西城区", lang="zh", schema_path=None, level="district")
    for key, figure in (("communities", 250), ("streets", 15), ("population", 500000), ("population_60plus", 90000),
                        ("employed", 300000), ("area_km2", 50), ("gdp_per_capita", 120000)):
        text = text.replace(f"  {key}: null", f"  {key}: {figure}")
    return text


def answer(text: str, ind: str, value_line: str) -> str:
    """The form with ``value: null`` of ``ind`` replaced by ``value_line`` (indented 4)."""
    old = f"  {ind}:\n    value: null\n"
    assert old in text
    return text.replace(old, f"  {ind}:\n    {value_line}\n")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def problems(tmp_path: Path, text: str, name: str = "f.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    found, code, _ = check_file(path, None)
    return [p for p in found if p.rule not in ("no-answer", "no-evidence", "missing-answer")], code


# (indicator, what is typed, its column, rule, the Chinese message, the rewrite)
SLIPS = [
    ("A1", "value： plan", 10, "full-width", "第{n}行第10列是全角冒号“：”，请改为半角“:”", "value: plan"),
    ("A2", "value: [leading_body，two_meetings]", 25, "full-width",
     "第{n}行第25列是全角逗号“，”，请改为半角“,”", "value: [leading_body, two_meetings]"),
    ("A3", "value: 【five_year_plan】", (12, 27), "full-width", "第{n}行第12列是全角括号“【”，请改为半角“[”",
     "value: [five_year_plan]"),
    ("C1", "value:　12", 11, "full-width", "第{n}行第11列是全角空格，请改为半角空格", "value: 12"),
    ("C2", "value: １２", 12, "full-width", "第{n}行第12列“１２”是全角数字，请改为“12”", "value: 12"),
    ("C3", "value: 是", 12, "wrong-type", "第{n}行第12列：是非题请填 true 或 false，不要填“是”，应改为 true",
     "value: true"),
    ("D3", "value: 15%", 12, "wrong-type", "第{n}行第12列“15%”带百分号，请只填数字 15", "value: 15"),
    ("D1", "value: 550万", 12, "wrong-type", "第{n}行第12列“550万”用了万/亿，请填完整数字 5500000",
     "value: 5500000"),
    ("E1", 'value: "12"', 12, "wrong-type", '第{n}行第12列 "12" 是加了引号的数字，会被当作文字，请去掉引号写成 12',
     "value: 12"),
    ("E2", "value: 12,000", 12, "wrong-type", "第{n}行第12列“12,000”带千位分隔符，请改为 12000", "value: 12000"),
]


@pytest.mark.parametrize("ind, typed, col, rule, zh, fixed", SLIPS, ids=[s[1] for s in SLIPS])
def test_each_slip_at_its_character_in_chinese_and_fixed(tmp_path, form, ind, typed, col, rule, zh, fixed):
    text = answer(form, ind, typed)
    n = line_of(text, f"  {ind}:\n") + 1
    found, code = problems(tmp_path, text)
    assert code == 1
    cols = col if isinstance(col, tuple) else (col,)  # a pair of brackets is two slips
    assert [(p.line, p.col, p.rule) for p in found] == [(n, c, rule) for c in cols], [p.text() for p in found]
    assert say(found[0].message, "zh") == zh.format(n=n)
    assert "lcity fix" in found[0].hint
    new, count, _ = planned(text, "f.yaml", None)
    assert count >= 1 and new == answer(form, ind, fixed)


def test_the_misleading_hints_are_gone(tmp_path, form):
    colon, _ = problems(tmp_path, answer(form, "A1", "value： plan"))
    assert not any("quotes" in p.hint for p in colon) and all(p.rule == "full-width" for p in colon)
    comma, _ = problems(tmp_path, answer(form, "A2", "value: [leading_body，two_meetings]"))
    assert not any("did you mean" in p.hint for p in comma)
    percent, _ = problems(tmp_path, answer(form, "D3", "value: 15%"))
    assert "1.2万" not in percent[0].hint and "15" in percent[0].message
    quoted, _ = problems(tmp_path, answer(form, "E1", 'value: "12"'))
    assert "plain number" not in quoted[0].hint and "quotes" in quoted[0].message


def test_a_slip_does_not_hide_the_other_mistakes(tmp_path, form):
    text = answer(answer(form, "A1", "value： plan"), "B1", "value: sometimes")
    found, _ = problems(tmp_path, text)
    assert [p.rule for p in found] == ["full-width", "unknown-choice"]
    assert found[1].line == line_of(text, "  B1:\n") + 1


def test_full_width_text_in_notes_and_names_is_the_users_own(tmp_path, form):
    text = form.replace("  A1:\n    value: null\n    evidence: []\n    note: null",
                        "  A1:\n    value: plan\n    evidence: [区政府文件：2024年第3号，附件（一）]\n    note: 见附件：规划，第3页")
    assert scan(text) == []
    found, _ = problems(tmp_path, text)
    assert not any(p.rule in ("full-width", "wrong-type") for p in found)


def test_a_block_list_item_joined_by_a_full_width_comma_is_named_not_rewritten(tmp_path, form):
    text = answer(form, "A2", "value:\n      - leading_body，two_meetings")
    found, _ = problems(tmp_path, text)
    n = line_of(text, "- leading_body") 
    assert [(p.line, p.col, p.rule) for p in found] == [(n, 21, "unknown-choice")]
    assert "把两项连成了一项" in say(found[0].message, "zh") and found[0].fix is None


def test_other_commands_name_the_slip_not_a_syntax_error_a_line_later(tmp_path, form):
    path = tmp_path / "f.yaml"
    text = answer(form, "A1", "value： plan")
    path.write_text(text, encoding="utf-8")
    proc = lcity("score", str(path))
    n = line_of(text, "value：")
    assert proc.returncode == 1
    assert f"f.yaml:{n}:10: 错误 full-width: 第{n}行第10列是全角冒号“：”" in proc.stderr


def test_fix_shows_a_diff_and_writes_only_with_write_keeping_comments(tmp_path, form):
    path = tmp_path / "f.yaml"
    text = answer(answer(form, "A1", "value： plan"), "C3", "value: 否  # 暂无")
    path.write_text(text, encoding="utf-8")
    shown = lcity("fix", str(path))
    assert "-    value： plan" in shown.stdout and "+    value: plan" in shown.stdout
    assert "+    value: false  # 暂无" in shown.stdout
    assert path.read_text(encoding="utf-8") == text  # only shown
    assert "--write" in shown.stderr
    wrote = lcity("fix", str(path), "--write")
    after = path.read_text(encoding="utf-8")
    assert after == answer(answer(form, "A1", "value: plan"), "C3", "value: false  # 暂无")
    assert "2 处安全改写" in wrote.stderr
    again = lcity("fix", str(path))
    assert again.stdout == "" and "没有需要改写之处" in again.stderr


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["key: value", "  - item", "# 注释：说明，其他", "  name: 西城区（东城）",
                                 "note: 见附件：第3页", "a: [x, y]", "n: 12", ""]), max_size=12))
def test_text_without_slips_is_left_alone(lines):
    text = "\n".join(lines) + "\n"
    assert scan(text) == [] and apply(text, scan(text)) == text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["key： value", "　　value: 1", "v: 【a，b】", "v: １２", "k: v", "# ：，"]),
                max_size=10))
def test_fixing_twice_is_fixing_once(lines):
    text = "\n".join(lines) + "\n"
    once = apply(text, scan(text))
    assert scan(once) == [] and apply(once, scan(once)) == once


def test_a_profile_figure_typed_with_wan_is_named_and_fixed(tmp_path, form):
    text = form.replace("  population: 500000", "  population: 50万")
    found, _ = problems(tmp_path, text)
    n = line_of(text, "  population:")
    assert [(p.line, p.col, p.rule) for p in found] == [(n, 15, "wrong-type")]
    assert say(found[0].message, "zh") == f"第{n}行第15列“50万”用了万/亿，请填完整数字 500000"
    assert planned(text, "f.yaml", None)[0] == form
