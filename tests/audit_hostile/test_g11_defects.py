"""Red-team round G11 (hostile and odd inputs against the surfaces added on 2026-12-02): each test
states what a user should see of one defect the round found (see audit-g11.md beside this file)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from evaluator.parent_figures import counting_change, parent_words

from ..conftest import ROOT

NANHU = ROOT / "tests" / "audit_cities" / "g4" / "nanhu-district-cityrecord.yaml"
QUYANG = ROOT / "tests" / "audit_cities" / "g8" / "quyang-district-2025.yaml"


def lcity(*args: str, cwd: Path = ROOT, timeout: float = 300):
    """``lcity`` in a subprocess, as a terminal of 80 columns with no locale (messages in English)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update(COLUMNS="80", NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "lcity", *args], check=False, cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=timeout)


def no_crash(proc) -> None:
    assert proc.returncode in (0, 1, 2), proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


def _nanhu_with_d3_note(tmp_path: Path, note: str) -> Path:
    """Nanhu with every note removed (recognised, 88.1) and ``note`` on D3, the count dimension D
    needs to stay at the 60 % floor."""
    data = yaml.safe_load(NANHU.read_text(encoding="utf-8"))
    for ans in data["answers"].values():
        ans.pop("note", None)
    data["answers"]["D3"]["note"] = note
    out = tmp_path / "nanhu.yaml"
    out.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return out


DENIALS = ["未采用全市数据，均为本区统计", "本区自行抽样，没有使用全市抽样结果", "“采用全市”一说有误，本数据为本区自行统计",
           "The district's own count, not the city-wide survey", "we did not use the city's figure"]


@pytest.mark.parametrize("note", DENIALS)
def test_a_note_denying_the_city_figure_holds_nothing(tmp_path: Path, note: str):
    """G11-1: a district that writes its figure is its own was warned and deferred as if it had
    written that it borrowed it."""
    f = _nanhu_with_d3_note(tmp_path, note)
    v = lcity("validate", str(f), "--lang", "en")
    no_crash(v)
    assert "parent-figure" not in v.stdout + v.stderr
    s = lcity("score", str(f), "--lang", "en")
    no_crash(s)
    assert "Recognition: Recognised as demonstration zone" in s.stdout, s.stdout


@pytest.mark.parametrize("note", ["未改变统计口径，与上年一致", "没有调整统计口径", "未发生口径调整", "未进行统计口径调整"])
def test_a_note_denying_a_counting_change_holds_nothing(tmp_path: Path, note: str):
    """G11-2: '未改变统计口径' was read as a counting change and deferred recognition."""
    f = _nanhu_with_d3_note(tmp_path, note)
    v = lcity("validate", str(f), "--lang", "en")
    assert "counting-change" not in v.stdout + v.stderr
    s = lcity("score", str(f), "--lang", "en")
    no_crash(s)
    assert "Recognition: Recognised as demonstration zone" in s.stdout, s.stdout


def test_notes_that_do_borrow_or_recount_are_still_read_so():
    """The notes the G4 and G8 units wrote (each truthfully saying so) are still found, and a
    denial elsewhere in the note does not hide a later assertion."""
    data = yaml.safe_load(NANHU.read_text(encoding="utf-8"))["answers"]
    said = [k for k, a in data.items() if parent_words(a.get("note"), a.get("evidence") or []) is not None]
    assert said == ["D3", "E1", "E3", "G1", "G3", "K2", "K4", "K5"]
    q = yaml.safe_load(QUYANG.read_text(encoding="utf-8"))["answers"]
    assert sorted(k for k, a in q.items() if counting_change(a.get("note"))) == ["E1", "F1", "I1"]
    assert parent_words("本区未单独抽样，采用全市抽样调查结果") is not None
    assert parent_words("not counted by district; uses the city-wide survey") is not None


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["未", "没有", "并未", "不是", "从未"]), st.sampled_from(["采用全市", "使用市级", "引用全省"]),
       st.text(alphabet="本区数据统计调查结果", max_size=8))
def test_a_denied_borrowing_is_never_read_as_one(neg: str, verb: str, rest: str):
    assert parent_words(f"{neg}{verb}{rest}") is None
    assert parent_words(f"{verb}{rest}") is not None


def test_trend_does_not_mark_a_change_both_cycles_count_alike(tmp_path: Path):
    """G11-3: Quyang 2025 against a 2025–2026 cycle with the same notes and E1 lower: both count
    every account ('自2025年起统计口径调整为…'), so E1's fall is the unit's, not a new way of counting;
    it was marked ※ and left out of the total 'without them'. From 2023 (no such note) it still is."""
    data = yaml.safe_load(QUYANG.read_text(encoding="utf-8"))
    data["period"] = {"start": 2025, "end": 2026}
    data["answers"]["E1"]["value"] = 90000
    later = tmp_path / "quyang-2026.yaml"
    later.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    same = lcity("trend", str(QUYANG), str(later), "--lang", "en")
    no_crash(same)
    assert "E1 Learning-platform reach" in same.stdout and "※" not in same.stdout + same.stderr, same.stdout
    earlier = QUYANG.with_name("quyang-district-2023.yaml")
    both = lcity("trend", str(earlier), str(QUYANG), "--lang", "en")
    no_crash(both)
    assert "※ E1, F1, I1: by the later notes, counted another way than before" in both.stdout + both.stderr


@pytest.mark.parametrize(("written", "lang", "hint"), [
    ("45931.0", "en", "45931.0 is how a spreadsheet stores 2025-10-01: write that date if it is the one meant"),
    ("'４５９３１'", "zh", "４５９３１ 是电子表格中 2025-10-01 这一天的存储形式"),
    ("2025-10-01 12:00:00", "en", "write the date alone, without the time: 2025-10-01"),
    ("2025-10-01T00:00", "zh", "只写日期，不写时间：2025-10-01"),
])
def test_a_day_number_as_a_float_or_full_width_is_named(tmp_path: Path, written: str, lang: str, hint: str):
    """G11-4: 45931.0 (a number cell), ４５９３１ and a date with a time of day got the generic hint."""
    src = (ROOT / "examples" / "qingshi-district.yaml").read_text(encoding="utf-8")
    f = tmp_path / "d.yaml"
    f.write_text(re.sub(r"(?m)^date:.*$", f"date: {written}", src), encoding="utf-8")
    proc = lcity("validate", str(f), "--lang", lang)
    no_crash(proc)
    assert proc.returncode == 1
    out = proc.stdout + proc.stderr
    assert re.search(r"d\.yaml:\d+:\d+:", out) and hint in out, out


def test_one_evidence_title_that_borrows_is_warned_as_a_list_of_one_is(tmp_path: Path):
    """G11-8: 'evidence: 采用全市调查结果' (one title, not a list: the model reads it as a list of
    one) deferred recognition on D3 while validate said 'valid — 0 errors, 0 warnings'."""
    data = yaml.safe_load(NANHU.read_text(encoding="utf-8"))
    for ans in data["answers"].values():
        ans.pop("note", None)
    data["answers"]["D3"]["evidence"] = "采用全市调查结果"
    f = tmp_path / "ev.yaml"
    f.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    v = lcity("validate", str(f), "--lang", "en")
    no_crash(v)
    assert re.search(r"ev\.yaml:\d+:\d+: warning parent-figure: D3's evidence says this figure is 江宁市's", v.stdout + v.stderr), v.stdout
    s = lcity("score", str(f), "--lang", "en")
    assert "Recognition deferred" in s.stdout  # held, and now said beforehand


def test_sensitivity_names_copies_of_one_file(tmp_path: Path):
    """G11-5: a folder with a copy of a file and a link to it showed three identical rows
    'Quyang District (2024–2025)' sharing rank 1, with nothing said; lcity batch names them. The
    link to a sibling is read once under its own name and said as skipped (G24-H6)."""
    import shutil

    folder = tmp_path / "sens"
    folder.mkdir()
    shutil.copy(QUYANG, folder / "quyang-2025.yaml")
    shutil.copy(QUYANG, folder / "copy.yaml")
    shutil.copy(QUYANG.with_name("quyang-district-2023.yaml"), folder / "quyang-2023.yaml")
    (folder / "link.yaml").symlink_to("quyang-2025.yaml")
    proc = lcity("sensitivity", str(folder), "--samples", "200", "--no-sobol", "--lang", "en")
    no_crash(proc)
    text = " ".join(proc.stdout.split())
    # the link is one file under two names: read once (G24-H6), so the copy is what is listed twice
    assert "Note: these files assess the same unit and period and are listed 2 times: copy, quyang-2025" in text, proc.stdout
    assert "link.yaml" in " ".join((proc.stdout + proc.stderr).split())
    assert text.count("Note: these files") == 1  # the 2023 cycle is another period
    other = yaml.safe_load(QUYANG.read_text(encoding="utf-8"))  # another unit of the same name and period
    other["answers"]["E1"]["value"] = 90000
    for f in ("copy.yaml", "link.yaml"):
        (folder / f).unlink()
    (folder / "other.yaml").write_text(yaml.safe_dump(other, allow_unicode=True), encoding="utf-8")
    proc = lcity("sensitivity", str(folder), "--samples", "200", "--no-sobol", "--lang", "en")
    assert "Note: these files" not in proc.stdout


@pytest.mark.parametrize("evidence", ["\n      -\n", " ['']", " [null]"])
def test_an_empty_evidence_item_is_no_evidence(tmp_path: Path, evidence: str):
    """G11-9: 'evidence:' with an empty list item ('-' alone, '', null) was a document titled '' or
    'null': no no-evidence warning, and the answer counted fully towards confidence."""
    src = NANHU.read_text(encoding="utf-8")
    src = re.sub(r", note: [^}]*\}", "}", src)
    src = src.replace("D3: {value: 82, evidence: [江宁市2025年企业职工教育经费抽样调查报告]}",
                      f"D3:\n    value: 82\n    evidence:{evidence}\n")
    f = tmp_path / "ev.yaml"
    f.write_text(src, encoding="utf-8")
    v = lcity("validate", str(f), "--lang", "en")
    no_crash(v)
    assert re.search(r"ev\.yaml:\d+:\d+: warning no-evidence: D3 has no evidence", v.stdout + v.stderr), v.stdout + v.stderr
    s = lcity("score", str(f), "--format", "json")
    import json

    d3 = next(i for i in json.loads(s.stdout)["indicators"] if i["id"] == "D3")
    assert d3["evidence"] == []


@pytest.mark.parametrize(("option", "name"), [("--html", "r.pdf"), ("-o", "r.yaml")])
def test_an_existing_name_of_another_kind_is_told_its_kind_first(tmp_path: Path, option: str, name: str):
    """G11-10: 'report --html r.pdf' over an existing r.pdf said 'add --force to replace it'; with
    --force it then said the name promises another kind of file. The kind first, nothing replaced."""
    out = tmp_path / name
    out.write_bytes(b"%PDF-1.7 mine")
    for extra in ((), ("--force",)):
        proc = lcity("report", str(ROOT / "examples" / "qingshi-district.yaml"), option, str(out), "--lang", "en", *extra)
        no_crash(proc)
        assert proc.returncode == 2
        assert "promises another kind of file" in proc.stderr and "--force" not in proc.stderr, proc.stderr
    assert out.read_bytes() == b"%PDF-1.7 mine"
