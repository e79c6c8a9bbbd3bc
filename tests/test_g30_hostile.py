"""Audit G30-H: hostile inputs (tests/audit_cities/g30h/AUDIT.md).

Each command is run as a user runs it; the tests assert the exit code and the words a user sees,
in zh and en, and what is (not) written."""

from __future__ import annotations

import shutil

import pytest

from .conftest import ROOT, lcity_here, on_terminal

QINGSHI = ROOT / "examples" / "qingshi-district.yaml"


# --- G30H-1: an output's folder is missing ------------------------------------------------------


@pytest.mark.parametrize(("args", "said"), [
    (("-o", "r.pdf", "--html", "missing/r.html"), ("missing/r.html", "--html")),
    (("--html", "missing/r.html"), ("missing/r.html", "--html")),
    (("-o", "missing/r.pdf", "--html", "r.html"), ("missing/r.pdf", "-o")),
])
def test_a_missing_folder_names_the_option_that_gave_it_and_nothing_is_written(tmp_path, args, said):
    shutil.copy(QINGSHI, tmp_path / "q.yaml")
    path, option = said
    en = lcity_here("report", "q.yaml", *args, "--lang", "en", cwd=tmp_path)
    assert en.returncode == 2, en.stderr
    assert en.stderr.startswith(f"{path}:1:1: error unwritable: folder 'missing' does not exist "
                                f"(create it first, or give another {option} path)")
    zh = lcity_here("report", "q.yaml", *args, "--lang", "zh", cwd=tmp_path)
    assert zh.returncode == 2, zh.stderr
    assert f"文件夹“missing”不存在（请先创建该文件夹，或用 {option} 指定其他路径）" in zh.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.yaml"]  # no r.pdf, no r.html, no .part


def test_a_missing_folder_is_refused_before_the_report_is_rendered(tmp_path, monkeypatch):
    """The folder was found missing only after the seconds of rendering; now before any."""
    import reports.render

    def never(*args, **kwargs):
        raise AssertionError("rendered a report that could not be written")

    monkeypatch.setattr(reports.render, "render_report", never)
    monkeypatch.setattr(reports.render, "render_html", never)
    shutil.copy(QINGSHI, tmp_path / "q.yaml")
    run = lcity_here("report", "q.yaml", "-o", "r.pdf", "--html", "missing/r.html", "--lang", "en", cwd=tmp_path)
    assert run.returncode == 2 and "give another --html path" in run.stderr, run.stderr


# --- G30H-2: a terminal too narrow for a table ----------------------------------------------------


@pytest.mark.parametrize("columns", [20, 40])
def test_a_narrow_terminal_shows_each_dimension_as_a_block_not_empty_columns(columns):
    """At COLUMNS=20 the score table drew six columns 1-2 cells wide: no name, no score, the
    headers folded to nothing. Now each row is a block and every figure is whole."""
    shown = on_terminal("score", str(QINGSHI), "--lang", "en", columns=columns)
    lines = shown.splitlines()
    a = lines.index("A")
    assert lines[a + 1].startswith("  name: Policy") and "  score: 8.00" in lines[a + 2:a + 5], lines[a:a + 8]
    for figure in ("score: 8.00", "points: 8", "share: 100%", "share: 47%", "floor: ✗"):
        assert figure in shown, shown
    assert "┃" not in shown.split("Grade:")[0]  # no table drawn
    assert all(len(line.rstrip()) <= columns for line in lines[:lines.index('L') + 6])  # nothing past the edge


def test_a_narrow_terminal_joins_a_chinese_cell_the_table_had_broken():
    shown = on_terminal("cities", "--lang", "zh", columns=30)
    assert "城市（评估期）：北京市" in shown and "等级：数据不足，不予定级" in shown, shown


def test_80_columns_and_a_pipe_still_draw_the_table():
    assert "┃" in on_terminal("score", str(QINGSHI), "--lang", "en", columns=80)
    piped = lcity_here("score", str(QINGSHI), "--lang", "en")
    assert "┃" in piped.stdout


# --- G30H-3: a YAML tag the value cannot take ---------------------------------------------------


def _tagged(tmp_path, old: str, new: str, *, tab: bool = False) -> str:
    text = QINGSHI.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "t.yaml").write_text(text.replace(old, new, 1) + ("#\tTab: the pure-Python reader\n" if tab else ""),
                                     encoding="utf-8")
    return "t.yaml"


@pytest.mark.parametrize("tab", [False, True])
@pytest.mark.parametrize(("old", "new", "en", "zh"), [
    ("  B2:\n    value: true", "  B2:\n    value: !!bool 是",
     "t.yaml:58:12: error wrong-type: '是' cannot be read as bool (delete the '!!bool' before the value, and write true or false)",
     "“是”不能按 !!bool 读取（请删去值前的“!!bool”，并填写 true 或 false）"),
    ("  B2:\n    value: true", "  B2:\n    value: !!null true",
     "t.yaml:58:12: error wrong-type: 'true' cannot be read as null (delete the '!!null' before the value",
     "“true”不能按 !!null 读取（请删去值前的“!!null”：它会清空该值"),
    ("population: 820000", "population: !!int 八十二万",
     "t.yaml:20:15: error wrong-type: '八十二万' cannot be read as int (delete the '!!int' before the value",
     "“八十二万”不能按 !!int 读取（请删去值前的“!!int”"),
])
def test_a_tag_the_value_cannot_take_is_refused_with_the_fix(tmp_path, tab, old, new, en, zh):
    """'!!bool 是' was read as false and '!!null true' as no answer, unsaid; '!!int 八十二万' said no fix."""
    name = _tagged(tmp_path, old, new, tab=tab)
    run = lcity_here("validate", name, "--lang", "en", cwd=tmp_path)
    assert run.returncode == 2 and run.stdout.startswith(en), run.stdout + run.stderr
    run = lcity_here("validate", name, "--lang", "zh", cwd=tmp_path)
    assert run.returncode == 2 and zh in run.stdout, run.stdout + run.stderr


def test_a_tag_that_fits_its_value_is_read_as_before(tmp_path):
    name = _tagged(tmp_path, "  B2:\n    value: true", "  B2:\n    value: !!bool TRUE\n    note: !!null ~")
    run = lcity_here("validate", name, "--lang", "en", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
