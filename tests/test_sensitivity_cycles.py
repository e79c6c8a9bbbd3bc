"""lcity sensitivity over one unit's several assessment cycles (examples/trend: 青石区 2020–2021,
2022–2023, 2024–2025) names each row with its period, as the ranking report does: the table,
the Sobol table and every line under them showed 青石区 three times, and a reader could not tell
which cycle was which. A name no other row shares stays alone; JSON carries each unit's period."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from evaluator.benchmark import told_apart

from .conftest import EXAMPLES, terminal_lines
from .conftest import lcity_here as lcity

TREND = EXAMPLES / "trend"
PERIODS = ("2020–2021", "2022–2023", "2024–2025")
NAME = {"zh": "青石区", "en": "Qingshi District"}
SHOWN = {"zh": "{name}（{period}）", "en": "{name} ({period})"}


def shown(lang: str, period: str) -> str:
    return SHOWN[lang].format(name=NAME[lang], period=period)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_cycle_is_named_with_its_period(lang):
    run = lcity("sensitivity", str(TREND), "-n", "200", "--lang", lang)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    for period in PERIODS:
        # its row in the robustness table and in the Sobol table, and its geometric-mean line
        rows = [line for line in lines if line.lstrip().startswith(shown(lang, period))]
        assert len(rows) >= 3, (period, run.stdout)
    bare = re.compile(rf"^\s*{re.escape(NAME[lang])}(\s+[\d—]|[：:])")  # the name alone, then its figures
    assert not [line for line in lines if bare.match(line)], run.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_csv_and_json_tell_the_cycles_apart(lang):
    run = lcity("sensitivity", str(TREND), "-n", "200", "--lang", lang, "--format", "csv")
    assert run.returncode == 0, run.stderr
    first_cells = [line.split(",")[0] for line in run.stdout.splitlines() if line]
    for period in PERIODS:
        assert first_cells.count(shown(lang, period)) == 2, run.stdout  # the table and the Sobol table
    run = lcity("sensitivity", str(TREND), "-n", "200", "--format", "json", "--no-sobol")
    assert run.returncode == 0, run.stderr
    units = json.loads(run.stdout)["units"]
    assert sorted(u["period"] for u in units) == list(PERIODS)
    assert {u["name_zh"] for u in units} == {"青石区"}  # the name itself as the file gives it


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_name_no_other_row_shares_stays_alone(tmp_path, lang):
    folder = tmp_path / "units"
    folder.mkdir()
    shutil.copy(TREND / "qingshi-2025.yaml", folder / "qingshi-2025.yaml")
    shutil.copy(EXAMPLES / "districts" / "wanghu.yaml", folder / "wanghu.yaml")
    run = lcity("sensitivity", str(folder), "-n", "200", "--lang", lang, "--no-sobol")
    assert run.returncode == 0, run.stderr
    assert NAME[lang] in run.stdout
    assert not re.search(r"[（(]20\d\d", run.stdout), run.stdout  # no row carries a period


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_cycles_fit_an_80_column_terminal(lang):
    lines = terminal_lines("sensitivity", str(TREND), "-n", "200", "--lang", lang)
    text = "\n".join(lines)
    assert all(cell_len(line) <= 80 for line in lines), text
    for period in PERIODS:  # a period is never cut (a row may put it under the name)
        assert any(f"({period})" in line or f"（{period}）" in line for line in lines), text
    if lang == "zh":  # 74 cells: nothing folds, the heading stays whole
        assert any(line.startswith(shown(lang, PERIODS[0])) for line in lines), text
        assert any("等级（抽样占比）" in line for line in lines), text


def test_a_table_that_fits_80_columns_is_not_folded():
    """The robustness table was taken for 7 cells wider than it is (3 cells a column, for a table
    without edges whose padding collapses: 2): 'Beiling District ✓' folded at 80 columns in a
    table of 79 cells."""
    lines = terminal_lines("sensitivity", str(EXAMPLES / "districts"), "-n", "200", "--lang", "en", "--no-sobol")
    text = "\n".join(lines)
    assert all(cell_len(line) <= 80 for line in lines), text
    assert any(line.startswith("Beiling District ✓ ") for line in lines), text


def _suffix(period: str) -> str:
    return f" ({period})"


@given(st.lists(st.tuples(st.sampled_from(["青石区", "Wanghu", "A"]), st.sampled_from(["2020–2021", "2025–2025", "2024"])),
                max_size=8, unique=True))
def test_told_apart_names_distinct_cycles_distinctly(rows):
    names = told_apart([n for n, _ in rows], [p for _, p in rows], _suffix)
    assert len(set(names)) == len(names)  # one name, one period: no two rows read alike
    for (name, period), got in zip(rows, names):
        if [n for n, _ in rows].count(name) == 1:
            assert got == name  # a name no other row shares carries no year
        else:
            assert got == f"{name} ({'2025' if period == '2025–2025' else period})"  # one year once
