"""The warnings note on stderr folds between words on an 80-column terminal (audit G5, finding 15):
"1 warning (figures far outside the usual range); run lcity validate stonebeach-2025.yaml for the
details" was one 104-cell line that the terminal broke inside a word. Into a pipe it stays whole.
"""

from __future__ import annotations


import pytest

from .conftest import ROOT, lcity_here as lcity, terminal_lines

G5 = ROOT / "tests" / "audit_frameworks" / "g5"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))


def on_terminal(*args: str) -> list[str]:
    return terminal_lines(*args, cwd=G5, LCITY_FRAMEWORK_PATH=str(G5))


def test_the_warnings_note_folds_between_words_at_80_columns():
    lines = on_terminal("score", "stonebeach-2025.yaml", "--lang", "en")
    at = next(k for k, x in enumerate(lines) if x.startswith("1 warning"))
    assert len(lines[at]) <= 80, lines[at]
    assert lines[at].rstrip().endswith("run lcity validate"), lines[at]
    assert lines[at + 1].strip() == "stonebeach-2025.yaml for the details"


def test_the_warnings_note_stays_whole_in_a_pipe():
    run = lcity("score", str(G5 / "stonebeach-2025.yaml"), "--lang", "en")
    assert any(x.startswith("1 warning (figures far outside the usual range); run lcity validate ")
               and x.endswith("stonebeach-2025.yaml for the details") for x in run.stderr.splitlines()), run.stderr


def test_the_sensitivity_table_of_a_1000_point_framework_fits_80_columns():
    """Totals of four digits and their 5–95 % ranges made sensitivity's table 83 cells wide, each row
    broken again by the terminal (audit G5, left open); now its unit and grade columns fold to fit."""
    from rich.cells import cell_len

    lines = on_terminal("sensitivity", ".", "-n", "200", "--no-sobol")  # the folder: four towns
    table = [ln for ln in lines if "镇" in ln and ("/" in ln or "—" in ln)]
    assert table and all(cell_len(ln) <= 80 for ln in lines), [ln for ln in lines if cell_len(ln) > 80]
