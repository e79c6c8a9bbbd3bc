"""A plan that rests on tasks another body must do or decide says so wherever its effort is given
(G18-B5, G18-B6), and a district's or county's K1 is its city's credit bank, not its own task (G18-B7).

* B5: ``lcity batch``'s summary gave Qingshi ``plan_effort`` 0.0 for recognition, which rests on L2
  alone (the city's; since G31R-3 its conference, costed, as only the award is UNESCO's): a coordinator
  sorting by effort saw it as closest.
* B6: a county's "合计工作量 304 点" (and the report's "本单位合计工作量304点") counted the city's
  regulation (B1, 24 points) while L2, also the city's, was costed 0.
* B7: the plan gave a district or county "本市建有并运行学分银行" (K1) as its own task.
"""

from __future__ import annotations

import csv
import html
import json
import re
import shutil
import subprocess
import sys

import pytest

from .conftest import EXAMPLES, ROOT, lcity_here as lcity

YUNLING = str(EXAMPLES / "yunling-county.yaml")
QINGSHI_DISTRICT = str(EXAMPLES / "qingshi-district.yaml")
QINGSHI = str(EXAMPLES / "districts" / "qingshi.yaml")


def _plan(path: str, *args: str) -> dict:
    proc = lcity("plan", path, "--format", "json", *args)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- G18-B5: the batch summary ---------------------------------------------------------------


def test_batch_summary_names_the_tasks_another_body_must_do_and_gives_no_bare_effort(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    for name in ("qingshi.yaml", "yuntai.yaml", "wanghu.yaml"):
        shutil.copy(EXAMPLES / "districts" / name, folder / name)
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    rows = {r["file"]: r for r in csv.DictReader(open(tmp_path / "out" / "summary.csv", encoding="utf-8-sig"))}
    qingshi = rows["qingshi.yaml"]
    # the plan to recognition rests on L2 alone: no effort figure a sort would put first, and why
    assert qingshi["plan_target"] == "recognition"
    assert qingshi["plan_effort"] == "" and qingshi["plan_effort_reason"] == "outside"
    assert qingshi["plan_outside"] == "L2"
    assert qingshi["plan_own_effort"] == "0.0"
    # hosting a conference is the city's work, costed (G31R-3: only the award is UNESCO's, and not planned)
    assert qingshi["plan_outside_effort"] == "6.0"
    # a plan the unit can do itself keeps its effort, as before
    yuntai = rows["yuntai.yaml"]
    plan = _plan(str(folder / "yuntai.yaml"))
    assert float(yuntai["plan_effort"]) == plan["effort"] == float(yuntai["plan_own_effort"])
    assert yuntai["plan_effort_reason"] == "" and yuntai["plan_outside"] == "" and plan["others"] == []
    # nothing higher to plan for: said, as next_grade_reason says it
    assert rows["wanghu.yaml"]["plan_effort"] == "" and rows["wanghu.yaml"]["plan_effort_reason"] == "no_target"
    doc = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    cols = doc["columns"]
    assert cols.index("plan_effort") < cols.index("plan_effort_reason") < cols.index("plan_own_effort") \
        < cols.index("plan_outside") < cols.index("plan_outside_effort")
    unit = next(u for u in doc["units"] if u["file"] == "qingshi.yaml")
    assert unit["plan_effort"] is None and unit["plan_outside"] == "L2" and unit["plan_own_effort"] == 0.0


def test_batch_summary_of_a_county_gives_its_own_effort_and_the_citys_apart(tmp_path):
    folder = tmp_path / "units"
    folder.mkdir()
    shutil.copy(YUNLING, folder / "yunling.yaml")
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    row = next(csv.DictReader(open(tmp_path / "out" / "summary.csv", encoding="utf-8-sig")))
    plan = _plan(YUNLING)
    assert row["plan_effort"] == "" and row["plan_effort_reason"] == "outside"
    assert row["plan_outside"] == " ".join(plan["others"]) and {"B1", "L2"} <= set(plan["others"])
    assert float(row["plan_own_effort"]) == plan["effort_own"]
    assert float(row["plan_outside_effort"]) == plan["effort_others"] == 30.0  # the city's regulation (B1) and conference (L2)


def test_readme_names_the_new_columns():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for col in ("plan_effort_reason", "plan_own_effort", "plan_outside", "plan_outside_effort"):
        assert f"`{col}`" in readme


# --- G18-B6: the plan's total, CLI and report ----------------------------------------------------


def test_plan_json_gives_the_units_own_effort_and_the_other_bodies_part():
    doc = _plan(YUNLING)
    by_id = {c["indicator"]: c for c in doc["changes"]}
    own = sum(c["effort"] for c in doc["changes"] if not c["parent"] and c["decided_by"] is None)
    assert doc["effort_own"] == pytest.approx(own)
    assert doc["effort_others"] == by_id["B1"]["effort"] + by_id["L2"]["effort"] == 30.0
    assert doc["effort"] == pytest.approx(doc["effort_own"] + doc["effort_others"])
    assert doc["others"] == [c["indicator"] for c in doc["changes"] if c["parent"] or c["decided_by"] is not None]
    # L2 is the city's conference, its work costed; the award, UNESCO's, is never a target (G31R-3)
    assert by_id["L2"]["effort"] == 6 and by_id["L2"]["after"] == "hosted" and by_id["L2"]["decided_by"] is None
    assert "L2" in doc["others"]
    if doc["alternative"] is not None:
        alt = doc["alternative"]
        assert alt["effort"] == pytest.approx(alt["effort_own"] + alt["effort_others"])


def test_plan_text_says_the_units_own_total_and_names_the_citys_tasks_zh(monkeypatch):
    doc = _plan(YUNLING)
    monkeypatch.setenv("COLUMNS", "80")
    proc = lcity("plan", YUNLING, "--lang", "zh")
    assert proc.returncode == 0, proc.stderr
    text = _flat(proc.stdout)
    own = f"{doc['effort_own']:g}"
    assert f"本单位合计工作量：{own}点" in text
    assert "B1（所在城市，24点）" in text and "L2（所在城市，6点）" in text and "联合国教科文组织" not in text
    assert f"合计工作量：{doc['effort']:g}" not in text  # the old total that counted B1 as the unit's
    assert f"│其中：本单位│││{own}││" in text and "│其他单位（L2、B1）│││30││" in text


def test_plan_text_in_english_and_into_a_pipe():
    doc = _plan(QINGSHI)
    assert doc["others"] == ["L2"] and doc["effort_own"] == 0 and doc["effort_others"] == 6
    proc = lcity("plan", QINGSHI, "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    text = " ".join(proc.stdout.split())
    assert "The unit's own total effort: 0 points" in text
    assert "L2 (the city's, 6 points)" in text and "UNESCO" not in text
    assert "Total effort: 0" not in text
    assert re.search(r"│another body's \(L2\)\s*│\s*│\s*│\s*6\s*│", proc.stdout)


def test_a_plan_without_other_bodies_reads_as_before():
    proc = lcity("plan", str(EXAMPLES / "districts" / "yuntai.yaml"), "--lang", "zh")
    assert proc.returncode == 0, proc.stderr
    text = _flat(proc.stdout)
    assert "合计工作量：" in text and "本单位合计工作量" not in text and "其他单位" not in text


def _report_text(tmp_path, path: str, lang: str) -> str:
    out = tmp_path / f"r-{lang}.html"
    proc = subprocess.run([sys.executable, "-m", "lcity", "report", path, "--html", str(out), "--lang", lang],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8"))))


def test_report_plan_section_counts_only_the_units_own_effort(tmp_path):
    doc = _plan(YUNLING)
    text = _flat(_report_text(tmp_path, YUNLING, "zh"))
    own = f"{doc['effort_own']:g}"
    assert f"合计工作量{own}点" in text  # "本单位…" only where another body decides a task (G31R-3: none here)
    assert f"合计工作量{doc['effort']:g}点" not in text
    assert "上述工作量仅计本单位的工作，不含须由其他单位完成或决定的事项：L2（所在城市，6点）、B1（所在城市，24点）。" in text
    en = _report_text(tmp_path, YUNLING, "en")
    assert "That effort counts the unit's own work only, not what another body must do or decide: " \
           "L2 (the city it belongs to: 6 effort points), B1 (the city it belongs to: 24 effort points)." in en


# --- G18-B7: K1, the city's credit bank ----------------------------------------------------------


@pytest.mark.parametrize("ref", ["china-learning-city@1", "china-learning-city@2"])
def test_k1_is_the_citys_record_for_a_district_or_county_only(ref):
    from indicators.loader import load_framework

    fw = load_framework(ref)
    k1 = fw.indicator("K1")
    for level in ("district", "county"):
        assert k1.answered_for_parent(level)  # as @1 declares B1, L1 and L2
    assert not k1.answered_for_parent("city")  # a city builds its own credit bank


@pytest.mark.parametrize("path", [QINGSHI_DISTRICT, YUNLING])
def test_the_plan_never_gives_a_district_or_county_the_citys_credit_bank_as_its_own(path):
    doc = _plan(path)
    for plan in (doc, doc["alternative"] or {"changes": []}):
        for c in plan["changes"]:
            if c["indicator"] == "K1":
                assert c["parent"] is True and "K1" in plan["others"]
    proc = lcity("plan", path, "--lang", "zh")
    assert proc.returncode == 0, proc.stderr
    for line in proc.stdout.splitlines():
        if "K1 学分银行" in line:
            assert "（所在城市）" in line


def test_a_districts_plan_leaves_k1_to_its_city_and_says_so():
    # a district that can reach recognition alone: K1 (provincial credit bank only) is left as it is
    proc = lcity("plan", str(EXAMPLES / "districts" / "liutang.yaml"), "--lang", "zh", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert all(c["indicator"] != "K1" or c["parent"] for c in doc["changes"])
