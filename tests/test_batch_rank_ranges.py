"""The batch list prints one rank per unit, by its total as scored; where the robustness draws move
that rank, it says so and names the range (G16 #5: Hefeng 50.89 and Fenglin 50.56 were '3' and '4',
though summary.json had both at ranks 3–4)."""

from __future__ import annotations

import csv
import shutil

from .conftest import EXAMPLES, lcity_here as lcity


def _batch(tmp_path, names, *args):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in names:
        shutil.copy(EXAMPLES / "districts" / f"{n}.yaml", folder / f"{n}.yaml")
    out = tmp_path / "out"
    proc = lcity("batch", str(folder), "-o", str(out), *args)
    assert proc.returncode == 0, proc.stderr
    return proc.stderr, list(csv.DictReader((out / "summary.csv").open(encoding="utf-8-sig")))


def test_ranks_the_draws_cannot_separate_are_named_with_their_range(tmp_path):
    err, rows = _batch(tmp_path, ["hefeng", "fenglin", "lanjiang"], "--lang", "en")
    text = " ".join(err.split())
    ranges = {r["name"]: (r["rank_best"], r["rank_worst"]) for r in rows}
    assert ranges["Hefeng County"] == ranges["Fenglin District"] == ("2", "3")
    assert "Note: these ranks are not settled in the robustness draws (range of ranks): " \
           "Hefeng County (2–3), Fenglin District (2–3);" in text
    assert "Lanjiang District" not in text.split("range of ranks")[1]  # rank 1 in every draw


def test_a_ranking_the_draws_keep_says_nothing_more(tmp_path):
    err, rows = _batch(tmp_path, ["lanjiang", "baiyang"])
    assert all(r["rank_best"] == r["rank_worst"] for r in rows)
    assert "稳健性抽样中不确定" not in err and "not settled in the robustness draws" not in err


def test_the_ranking_pdf_gives_the_range_under_a_rank_the_draws_do_not_settle(tmp_path):
    """G16 #5, the PDF part: its table printed 2 and 3 for Hefeng and Fenglin alone."""
    import subprocess

    _batch(tmp_path, ["hefeng", "fenglin", "lanjiang"], "--lang", "en")
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "out" / "ranking.pdf"), "-"],
                          capture_output=True, text=True).stdout
    table = text.split("Notes")[0]
    assert table.count("2–3") == 2, table  # under Hefeng's 2 and Fenglin's 3; Lanjiang's 1 stands alone
    assert "1–" not in table
    assert "the range of ranks it takes in them is printed under its rank" in " ".join(text.split())
