"""A trend across framework versions says which indicators the revision changed
(tests/audit_frameworks/unesco-kflc/AUDIT.md #17): Marlow Vale @1 2023 -> @2 2025 showed FC 15.00 ->
20.57 with FC1's +5.60 as the only FC row; FC3 (divided per resident in @2, per adult in @1, left out
of the crosswalk) moved -0.03 and was listed nowhere. `lcity trend` and the report's trend section
now list, from the two framework files, each indicator whose answer, points, rule or dimension
changed, or that is new or dropped, and whether its move is compared."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from .conftest import EXAMPLES, lcity_here as lcity

KFLC = Path(__file__).parent / "audit_frameworks" / "unesco-kflc"
EARLIER = KFLC / "trend" / "marlow-vale-2023.yaml"


@pytest.fixture
def v2(tmp_path: Path, monkeypatch) -> Path:
    """Marlow Vale 2025 moved to unesco-kflc@2 with lcity upgrade, the two questions it asks again
    answered as before; both framework versions on LCITY_FRAMEWORK_PATH (v2 copied, to be edited)."""
    shutil.copytree(KFLC / "kflc-v2", tmp_path / "kflc-v2")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", f"{KFLC / 'kflc'}:{tmp_path / 'kflc-v2'}")
    out = tmp_path / "marlow-vale-2025-v2.yaml"
    run = lcity("upgrade", str(KFLC / "marlow-vale-2025.yaml"), "-o", str(out), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    for ind, value in (("WB3", "projects"), ("FC3", "1200000")):
        text = text.replace(f"  {ind}:\n    value: null\n    evidence: []", f"  {ind}:\n    value: {value}\n    evidence: [x]")
    out.write_text(text, encoding="utf-8")
    return out


def _trend(v2: Path, *extra: str):
    run = lcity("trend", str(EARLIER), str(v2), *extra, cwd=v2.parent)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_lcity_trend_lists_the_indicators_the_revision_changed(v2: Path) -> None:
    out = _trend(v2)
    lines = out.splitlines()
    head = lines.index("Indicators whose meaning changed between the framework versions")
    assert lines[head + 1].startswith("From the two framework files (unesco-kflc@1 → unesco-kflc@2)")
    assert lines[head + 2:head + 4] == [
        ("  - WB3 Learning for sustainable development: answer options and scoring rule changed; "
         "its move is compared through the crosswalk"),
        ("  - FC3 Public lifelong-learning spending per adult: figure scored (USD per adult → USD per resident) "
         "and scoring rule changed; not in the crosswalk, so its move (0.80 → 0.77 points) is not compared")]
    assert not lines[head + 4].startswith("  - ")  # BB5 -> BB5f is renamed only: its meaning is the same
    assert head < next(i for i, line in enumerate(lines) if line.startswith("Change by dimension"))


def test_in_chinese_too(v2: Path) -> None:
    out = _trend(v2, "--lang", "zh")
    assert ("指标体系修订中含义有变化的指标\n据两版指标体系文件（unesco-kflc@1 → unesco-kflc@2），"
            "以下指标修订前后的得分衡量的不是同一内容。\n"
            "  - WB3 可持续发展学习：答案选项、计分规则有变化；按新版对照表比较其变化\n"
            "  - FC3 人均终身学习公共投入：计分数值（美元/成人→美元/人）、计分规则有变化；"
            "不在对照表中，其得分变化（0.80→0.77分）不作比较\n") in out


def test_the_list_is_read_from_the_framework_files(v2: Path) -> None:
    """Points moved between two indicators of v2 (and a target changed) show up without a code change."""
    fw = v2.parent / "kflc-v2" / "unesco-kflc-2" / "framework.yaml"
    text = fw.read_text(encoding="utf-8")
    ids = re.findall(r"^      - id: (\w+)\n(?:        .*\n)*?        points: (\d+)", text, re.MULTILINE)
    points = dict(ids)
    assert points["WB1"] and points["WB2"], ids
    def set_points(t: str, ind: str, n: int) -> str:
        return re.sub(rf"(      - id: {ind}\n(?:        .*\n)*?        points: )\d+", rf"\g<1>{n}", t, count=1)
    text = set_points(set_points(text, "WB1", int(points["WB1"]) + 2), "WB2", int(points["WB2"]) - 2)
    fw.write_text(text, encoding="utf-8")
    data = json.loads(_trend(v2, "--format", "json"))
    revised = {r["id"]: r for r in data["revised"]}
    assert revised["WB1"]["changed"] == ["points"] and revised["WB1"]["status"] == "compared"
    assert revised["WB1"]["to_points"] == revised["WB1"]["from_points"] + 2
    assert revised["WB2"]["changed"] == ["points"]
    assert revised["FC3"]["status"] == "not_compared" and revised["FC3"]["changed"] == ["figure", "rule"]
    assert (revised["FC3"]["from_score"], revised["FC3"]["to_score"]) == (pytest.approx(0.8), pytest.approx(0.768))
    assert f"WB1 Adult literacy rate: points ({points['WB1']} → {int(points['WB1']) + 2}) changed" in _trend(v2)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_reports_trend_section_lists_them(v2: Path, lang: str) -> None:
    html = v2.parent / f"r-{lang}.html"
    run = lcity("report", str(v2), "--previous", str(EARLIER), "--html", str(html), "--lang", lang, cwd=v2.parent)
    assert run.returncode == 0, run.stderr
    page = html.read_text(encoding="utf-8")
    heading = ("指标体系修订中含义有变化的指标" if lang == "zh" else
               "Indicators whose meaning changed between the framework versions")
    block = page[page.index(f"<h4>{heading}</h4>"):]
    items = re.findall(r"<li>(.*?)</li>", block[:block.index("</ul>")])
    assert [i.split("：" if lang == "zh" else ":")[0] for i in items] == [
        "WB3 可持续发展学习", "FC3 人均终身学习公共投入"] if lang == "zh" else [
        "WB3 Learning for sustainable development", "FC3 Public lifelong-learning spending per adult"]
    assert ("不作比较" if lang == "zh" else "is not compared") in items[1]


def test_one_version_lists_nothing() -> None:
    files = [str(EXAMPLES / "trend" / f"qingshi-{y}.yaml") for y in (2021, 2023, 2025)]
    run = lcity("trend", *files)
    assert run.returncode == 0 and "含义有变化" not in run.stdout + run.stderr
    assert json.loads(lcity("trend", *files, "--format", "json").stdout)["revised"] == []
