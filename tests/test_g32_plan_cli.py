"""G32P: plan and CLI findings left open by the G31 audits (tests/audit_cities/g32p/AUDIT.md); 4, 6 and 7 are
in tests/test_g32_plan_cli_reports.py.

1. G31R-3: hosting an international conference is the city's work; only the UNESCO award is UNESCO's.
2. G31T-4: a yes/no indicator answered unknown is found out and put in place, not "raised".
3. G31T-5: a veto no answer clears decides the outcome; the hint no longer suggests a lower target.
5. G31T: an opening mark moved to the next line made it one character too long at 30 columns.
8. G31H: "only 1 point above", not "1 points".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from .conftest import lcity_here as lcity
from .conftest import on_terminal, squash

ROOT = Path(__file__).resolve().parents[1]
QINGSHI = ROOT / "examples" / "qingshi-district.yaml"
G31T = ROOT / "tests" / "audit_cities" / "g31t"


def _on_terminal(*args: str, columns: int) -> str:
    """What ``lcity ARGS`` shows on a pseudo-terminal ``columns`` wide, whatever its exit code."""
    return on_terminal(*args, columns=columns, code=None)


@pytest.fixture
def stars(monkeypatch):
    """The G31-T star rating (xingji-shequ@2: yes/no answers, a period-record veto) installed."""
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G31T / "fw"))
    monkeypatch.setenv("COLUMNS", "80")


# --- 1. G31R-3 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_hosting_a_conference_is_the_citys_work_not_unescos_decision(lang, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    r = lcity("plan", str(QINGSHI), "--lang", lang)
    assert r.returncode == 0, r.stderr
    text = squash(r.stdout + r.stderr)
    if lang == "zh":
        assert "由联合国教科文组织决定" not in text
        assert "L2（所在城市，6点）" in text
    else:
        assert "decided by UNESCO" not in text
        assert squash("L2 (the city's, 6 points)") in text


def test_plan_json_costs_the_conference_and_never_targets_the_award(monkeypatch, tmp_path):
    r = lcity("plan", str(QINGSHI), "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    l2 = next(c for c in doc["changes"] if c["indicator"] == "L2")
    assert l2["after"] == "hosted" and l2["decided_by"] is None and l2["effort"] == 6
    # a city that hosted already is never planned to the award (another body's act is no target)
    text = QINGSHI.read_text(encoding="utf-8")
    assert "  L2:\n    value: none\n" in text
    hosted = tmp_path / "hosted.yaml"
    hosted.write_text(text.replace("  L2:\n    value: none\n", "  L2:\n    value: hosted\n"), encoding="utf-8")
    r = lcity("plan", str(hosted), "--format", "json")
    assert r.returncode in (0, 1), r.stderr
    if r.returncode == 0:
        assert all(c["indicator"] != "L2" for c in json.loads(r.stdout)["changes"])


# --- 2. G31T-4 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_unknown_yes_no_is_found_out_and_put_in_place(stars, lang):
    r = lcity("plan", str(G31T / "hexi-shequ-2025.yaml"), "--target", "star3", "--lang", lang)
    assert r.returncode == 0, r.stderr
    text = squash(r.stdout)
    if lang == "zh":
        assert "查明现状并提高" not in text
        assert squash("HD4志愿者队伍") in text and squash("查明现状，如为“否”则予以落实（目标：是；工作量按从零做起估算）") in text
    else:
        assert "raise it" not in text
        assert squash("find out where it stands and, if the answer is no, put it in place (to reach: yes; effort "
                      "costed from nothing)") in text


# --- 3. G31T-5 -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_veto_that_stands_is_not_answered_with_a_lower_target(stars, lang):
    r = lcity("plan", str(G31T / "dongtang-zhen-2025.yaml"), "--lang", lang)
    assert r.returncode == 1
    err = squash(r.stderr)
    assert "unreachable-target" in err
    if lang == "zh":
        assert "较低的目标" not in err and "标为不适用" not in err
        assert squash("否决项决定本评估期的结论，降低目标无济于事") in err
    else:
        assert "lower target with --target" not in err and "not applicable" not in err
        assert squash("the veto decides this period's outcome, and a lower target does not help") in err


# --- 5. G31T (e) -----------------------------------------------------------------------------------


def test_no_line_of_the_zh_pathway_reason_overruns_30_columns():
    text = _on_terminal("score", str(ROOT / "examples" / "jianglan-city.yaml"), "--lang", "zh", columns=30)
    at = text.index("实际做法以")
    reason = text[at:].split("\n")[:8]
    assert all(cell_len(line) <= 30 for line in reason), reason
    assert "未" not in [line.strip() for line in reason], reason  # the terminal put it alone at column 0


# --- 8. G31H ---------------------------------------------------------------------------------------


def test_one_point_above_the_line_is_singular(tmp_path):
    text = QINGSHI.read_text(encoding="utf-8")
    assert "  K4:\n    value: 84\n" in text
    k4 = tmp_path / "k4.yaml"
    k4.write_text(text.replace("  K4:\n    value: 84\n", "  K4:\n    value: 75\n"), encoding="utf-8")
    r = lcity("plan", str(k4), "--lang", "en")
    assert r.returncode == 0, r.stderr
    out = squash(r.stdout + r.stderr)
    assert squash("The plan puts K4 at 81%, only 1 point above the 80% line") in out
    assert "1pointsabove" not in out
