"""G19 coordinator audit: what an official and a coordinator see from a workbook and a batch.

- B3: a "no figure" mark (—, /, 暂无, N/A) in a number cell is told to record the figure as
  unknown (不详 in the 状态 column; status: unknown in YAML), not to type a number.
- B5: a percentage typed as a fraction that turns the outcome is named under the decision.
- B8: summary.xlsx prints landscape, one page wide, the header row and unit columns on every page.
- B9: a batch that ranks a city among districts says so (terminal and the notes sheet).
- D4: another body's framework gets summary.xlsx titled by its own name and its outcome words.
"""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from .conftest import EXAMPLES, ROOT, lcity, squash

G19B = ROOT / "tests" / "audit_coordinator_g19" / "inputs"
G19D = ROOT / "tests" / "audit_frameworks_g19"


def _said(run) -> str:
    return squash(run.stdout + run.stderr)


def _workbook_with(tmp_path, cell: str, value) -> str:
    """The filled workbook of the audit with one cell of the 指标 sheet changed."""
    wb = openpyxl.load_workbook(G19B / "xicheng-wb-filled.xlsx")
    wb["指标"][cell] = value
    wb.save(tmp_path / "wb.xlsx")
    return "wb.xlsx"


@pytest.mark.parametrize("mark", ["—", "-", "/", "暂无", "无", "不详", "N/A", "n/a", "－－", " 暂无 数据 "])
def test_a_no_figure_mark_in_a_workbook_number_cell_says_pick_unknown_not_type_a_number(tmp_path, mark):
    name = _workbook_with(tmp_path, "I8", mark)  # C2, a count of communities
    run = lcity("validate", name, cwd=tmp_path)
    said = _said(run)
    assert run.returncode == 1
    line = next(ln for ln in said.split("wb.xlsx:") if ln.startswith("指标!I8"))
    assert squash("这表示没有该数字（不详）") in line
    assert squash("确无数据请清空“填报值”并在“状态”列选择 不详") in line
    assert squash("请填不带单位") not in line  # the old hint steered the official to type 0


def test_the_same_mark_in_english_names_the_status_column(tmp_path):
    name = _workbook_with(tmp_path, "I8", "N/A")
    said = _said(lcity("--lang", "en", "validate", name, cwd=tmp_path))
    assert squash("C2: 'N/A' means the figure is not known") in said
    assert squash("empty the 'value' cell and pick unknown in the 'status' column's drop-down list") in said


def test_a_real_word_in_a_number_cell_keeps_the_plain_number_hint(tmp_path):
    name = _workbook_with(tmp_path, "I8", "2项")
    said = _said(lcity("validate", name, cwd=tmp_path))
    assert squash("请填不带单位、不带千位分隔符的数字") in said
    assert squash("不详") not in said.split("指标!I8")[1].split("wb.xlsx")[0]


@pytest.mark.parametrize("typed", ["N/A", '"—"', "暂无", "'/'"])
def test_a_yaml_form_gets_the_status_unknown_hint_for_the_same_marks(tmp_path, typed):
    text = (G19B / "xicheng-wb-filled.yaml").read_text(encoding="utf-8")
    head, rest = text.split("  C2:\n", 1)
    value_line = next(ln for ln in rest.splitlines() if ln.strip().startswith("value:"))
    (tmp_path / "m.yaml").write_text(head + "  C2:\n" + rest.replace(value_line, f"    value: {typed}", 1),
                                     encoding="utf-8")
    said = _said(lcity("validate", "m.yaml", cwd=tmp_path))
    assert squash("错误 wrong-type: C2 填的是") in said
    assert squash("确无数据请删去 value 并写 status: unknown（不详）；如数量为 0，请填 0") in said


def test_score_names_the_fraction_that_turns_the_decision_under_it():
    run = lcity("score", str(G19B / "xicheng-wb-filled.xlsx"))
    out = squash(run.stdout)
    assert run.returncode == 0
    decision = out.index(squash("认定结论：不予认定"))
    slip = out.index(squash("注意：F2：0.95 按 0.95% 计，而不是 95%（百分比按0-100填写；如指 95%，请写 95）——该数字影响得分"))
    other = out.index(squash("若 D4、F2 按 15%、95% 计：等级合格，认定结论暂缓认定（总分 76.9）。上面的结论取决于这些数字"))
    coverage = out.index(squash("可信度"))
    assert decision < slip < other < coverage  # beside the decision, not after the tables


def test_score_in_english_names_the_slips_too():
    out = squash(lcity("--lang", "en", "score", str(G19B / "xicheng-wb-filled.xlsx")).stdout)
    assert squash("Note: F2: 0.95 is read as 0.95 %, not 95 % (if you meant 95 %, write 95); this figure changes the score") in out
    assert squash("If D4, F2 are 15 %, 95 %: grade Pass, decision Recognition deferred (total 76.9)") in out


def test_score_says_nothing_more_when_the_percentages_are_right():
    out = squash(lcity("score", str(G19B / "xicheng-wb-filled-pct-fixed.yaml")).stdout)
    assert squash("暂缓认定") in out
    assert squash("按 0.95% 计") not in out and squash("若 ") not in out


@pytest.fixture(scope="module")
def mixed_batch(tmp_path_factory):
    """A city ranked among two districts (the audit's mix)."""
    folder = tmp_path_factory.mktemp("mix")
    for f in (EXAMPLES / "districts" / "wanghu.yaml", EXAMPLES / "districts" / "liutang.yaml",
              EXAMPLES / "jianglan-city.yaml"):
        shutil.copy(f, folder / f.name)
    out = folder.parent / (folder.name + "-out")
    run = lcity("--lang", "zh", "batch", str(folder), "-o", str(out), timeout=600)
    assert run.returncode == 0, run.stderr
    return run, openpyxl.load_workbook(out / "summary.xlsx")


def test_summary_xlsx_prints_landscape_one_page_wide_with_titles_repeated(mixed_batch):
    _, wb = mixed_batch
    ws = wb["汇总"]
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$1"  # the heading row on every page
    assert ws.print_title_cols == "$A:$B"  # rank and unit on every page
    assert ws.freeze_panes == "C2"  # the screen view as it was


def test_a_batch_mixing_levels_says_so_on_the_terminal_and_in_the_notes(mixed_batch):
    run, wb = mixed_batch
    note = "china-learning-city@1 的排名中有不同层级或类型的单位（"
    said = squash(run.stderr)
    assert squash(note) in said and squash("名次只能作为大致参照") in said
    notes = [r[1] for r in wb["注意事项"].iter_rows(values_only=True) if r[1]]
    levels = [n for n in notes if note in n]
    assert levels and "市" in levels[0] and "区" in levels[0]


def test_a_batch_of_one_level_has_no_level_note(tmp_path):
    for f in ("wanghu.yaml", "liutang.yaml"):
        shutil.copy(EXAMPLES / "districts" / f, tmp_path / f)
    run = lcity("--lang", "zh", "batch", str(tmp_path), "-o", str(tmp_path / "out"), timeout=600)
    assert "不同层级" not in run.stderr
    wb = openpyxl.load_workbook(tmp_path / "out" / "summary.xlsx")
    assert not any("不同层级" in str(r[1]) for r in wb["注意事项"].iter_rows(values_only=True))


def test_a_learning_city_batch_keeps_its_title_and_recognition_words(mixed_batch):
    _, wb = mixed_batch
    assert wb["说明"]["A1"].value == "学习型城市评估汇总表"
    assert "没有等级、认定结论和排名" in wb["注意事项"]["B3"].value


def test_another_bodys_framework_titles_the_summary_by_its_name(tmp_path, monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G19D / "fw"))
    run = lcity("batch", str(G19D / "units"), "-o", str(tmp_path / "b"), timeout=600)
    assert run.returncode == 0, run.stderr
    wb = openpyxl.load_workbook(tmp_path / "b" / "summary.xlsx")
    assert wb["说明"]["A1"].value == "《清越省学习型乡镇建设评估指标》评估汇总表"
    assert wb.properties.title == "《清越省学习型乡镇建设评估指标》评估汇总表"
    notes = " ".join(str(r[1]) for r in wb["注意事项"].iter_rows(values_only=True))
    assert "没有等级、评估结论和排名" in notes
    assert "认定" not in notes
    assert "学习型城市" not in wb["说明"]["A1"].value


def test_batch_names_the_unit_whose_decision_turns_on_a_fraction(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(G19B / "xicheng-wb-filled.xlsx", folder)
    shutil.copy(EXAMPLES / "districts" / "wanghu.yaml", folder)
    run = lcity("--lang", "zh", "batch", str(folder), "-o", str(tmp_path / "out"), timeout=600)
    said = squash(run.stderr)
    assert squash("注意：以下单位的等级或评估结论取决于疑似把百分比写成小数的答案") in said
    assert squash("xicheng-wb-filled.xlsx（D4、F2）") in said
    assert "wanghu.yaml（" not in said.split("疑似把百分比")[1].split("注意")[0]
