"""ranking.pdf of a framework that only grades (audit G15, findings 4, 8 and 9). binhai-star-rating@1
names two outcomes in the same words ('按星级公布') and sets no line: the counts read "按星级公布: 4;
按星级公布: 0; 不予公布: 0" and the chart "The dashed line is the 0 points needed for '按星级公布'".
One label is now counted once, and the chart says there is no line to reach; with no floor, the note
on shares speaks of none. The charts name one unit's two cycles by their periods, as the table does
("1. 海湾街道", "3. 海湾街道" before).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .conftest import ROOT, lcity

G15 = ROOT / "tests" / "audit_frameworks" / "g15"


@pytest.fixture(scope="module")
def ranking(tmp_path_factory) -> dict[str, str]:
    import os

    os.environ["LCITY_FRAMEWORK_PATH"] = str(G15)
    try:
        out: dict[str, str] = {}
        for lang in ("en", "zh"):
            folder = tmp_path_factory.mktemp(f"units-{lang}")
            for f in ("haiwan-2023.yaml", "haiwan-2025.yaml", "shiqiao-2025.yaml", "yunfan-2025.yaml"):
                shutil.copy(G15 / f, folder / f)
            run = lcity("batch", str(folder), "-o", str(folder / "out"), "--lang", lang)
            assert run.returncode == 0, run.stderr
            text = subprocess.run(["pdftotext", "-layout", str(folder / "out" / "ranking.pdf"), "-"],
                                  capture_output=True, text=True, check=True).stdout
            out[lang] = " ".join(text.split())
        return out
    finally:
        del os.environ["LCITY_FRAMEWORK_PATH"]


def test_two_outcomes_in_the_same_words_are_counted_once(ranking: dict[str, str]):
    assert "按星级公布: 3; 不予公布: 0; Not ratable: 1" in ranking["en"]
    assert "按星级公布: 0" not in ranking["en"]
    assert "按星级公布 3 个" in ranking["zh"] and "按星级公布 0 个" not in ranking["zh"]


def test_the_chart_says_there_is_no_line_to_reach(ranking: dict[str, str]):
    assert ("The framework sets no line to reach; units whose outcome is not '按星级公布' are shown in red "
            "(too little data to rate, or another of its conditions not met).") in ranking["en"]
    assert "0 points needed" not in ranking["en"]
    assert "本指标体系不设达标线；结论不是“按星级公布”的单位以红色显示（数据不足或其他条件未满足）。" in ranking["zh"]
    assert "所需的 0 分" not in ranking["zh"]


def test_the_charts_tell_one_units_two_cycles_apart(ranking: dict[str, str]):
    assert "1. 海湾街道 (2025)" in ranking["en"] and "海湾街道 (2023)" in ranking["en"]
    assert "1. 海湾街道（2025）" in ranking["zh"] or "1. 海湾街道 （2025）" in ranking["zh"]


def test_no_floor_is_spoken_of(ranking: dict[str, str]):
    assert "Share = the dimension's score ÷ its available points; '—' means" in ranking["en"]
    assert "0% floor" not in ranking["en"] and "0% 底线" not in ranking["zh"]
