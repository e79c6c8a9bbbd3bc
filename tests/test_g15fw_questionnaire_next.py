"""The command ``lcity init -o FORM.pdf`` suggests for the matching workbook names the level of the
printed form (G15): a 社区's paper form of binhai-star-rating@1 was followed by "Next: lcity init -o
q.xlsx --framework …" with no level, which writes the form of another level (a 街道 is asked I2, a
社区 is not), so the workbook and the paper asked different questions.
"""

from __future__ import annotations

from .conftest import ROOT, lcity

G15 = ROOT / "tests" / "audit_frameworks" / "g15"


def test_the_workbook_suggested_is_for_the_level_of_the_printed_form(monkeypatch, tmp_path):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G15))
    run = lcity("init", "--framework", "binhai-star-rating", "-o", "q.pdf", "--level", "shequ", "--lang", "en",
                cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    said = " ".join(run.stderr.split())
    assert "Next: lcity init -o q.xlsx --framework" in said and said.rstrip().endswith("--level shequ")
    nxt = said[said.index("Next: ") + len("Next: "):].split()
    made = lcity(*nxt[1:], "--lang", "en", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    import openpyxl

    ids = [r[0] for r in openpyxl.load_workbook(tmp_path / "q.xlsx").worksheets[1].iter_rows(min_row=2, values_only=True)]
    assert "I1" in ids and "I2" not in ids  # a 社区 is not asked I2, as on the paper form
