"""--target 5 under grades named "Level 5" … "Level 1" (audit G5, finding 11): the plan read it as
a total of 5 points and said "已达到目标，无需调整" with no word that the grade was not meant. It is
still a total (as --target's help says), and a note on stderr names the grade's own target.
"""

from __future__ import annotations

import pytest

from .conftest import ROOT, lcity_here as lcity

G5 = ROOT / "tests" / "audit_frameworks" / "g5"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G5))


@pytest.mark.parametrize("lang, says", [
    ("en", "note: --target 5 is read as a total of 5 points; for the grade 'Level 5' write --target L5"),
    ("zh", "注意：--target 5 按总分 5 分理解；如指等级“五级”，请写 --target L5"),
])
def test_a_number_that_names_a_grade_is_read_as_a_total_and_said_so(lang: str, says: str):
    run = lcity("plan", str(G5 / "beidao-2025.yaml"), "--target", "5", "--lang", lang)
    assert run.returncode == 0, run.stderr
    assert says in " ".join(run.stderr.split())
    assert ("a total of 5" if lang == "en" else "总分 5") in run.stdout


@pytest.mark.parametrize("target", ["750", "L5", "Level 5"])
def test_other_targets_get_no_note(target: str):
    run = lcity("plan", str(G5 / "beidao-2025.yaml"), "--target", target, "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert "is read as a total" not in run.stderr


def test_a_china_total_gets_no_note():
    run = lcity("plan", str(ROOT / "examples" / "qingshi-district.yaml"), "--target", "85", "--lang", "en")
    assert "is read as a total" not in run.stderr
