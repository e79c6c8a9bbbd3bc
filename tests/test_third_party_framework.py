"""A framework that is not China's: UNESCO's Key Features of Learning Cities, from examples/frameworks.

Loaded through LCITY_FRAMEWORK_PATH with no code change, and used from the CLI as an author and a
user would: framework check, validate, score, review, report, benchmark (it brings no reference
units, then some of its own), batch together with Chinese units (one ranking per framework) and
trend. Nothing here edits the examples: every file that changes is a copy in a temporary folder.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from .conftest import EXAMPLES, lcity_here as lcity

FRAMEWORKS = EXAMPLES / "frameworks"
UNESCO = FRAMEWORKS / "unesco-key-features" / "framework.yaml"
HARBOURTON = FRAMEWORKS / "harbourton-2025.yaml"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(FRAMEWORKS))


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "".join(p.extract_text() for p in PdfReader(path).pages)


def test_the_framework_checks_clean_and_is_listed():
    proc = lcity("framework", "check", str(UNESCO), "--format", "json")
    assert proc.returncode == 0, proc.stdout
    assert json.loads(proc.stdout) == {"valid": True, "exit_code": 0, "framework": "unesco-key-features@1",
                                       "problems": []}
    proc = lcity("frameworks", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    row = next(r for r in json.loads(proc.stdout) if r["ref"] == "unesco-key-features@1")
    assert (row["dimensions"], row["indicators"], row["points"], row["problems"]) == (3, 12, 100, 0)


def test_every_source_is_cited_and_no_threshold_is_unexplained():
    from indicators.loader import load_framework

    fw = load_framework(UNESCO)
    for ind in fw.indicators():
        assert ind.source.documents and any("KFLC" in d for d in ind.source.documents), ind.id
        if ind.rule.kind in ("linear", "steps", "levels"):
            assert ind.source.thresholds, ind.id
    assert "proposal" in fw.recognition.source


def test_validate_and_score_the_example():
    proc = lcity("validate", str(HARBOURTON))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = lcity("score", str(HARBOURTON), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    r = json.loads(proc.stdout)
    assert r["framework"] == "unesco-key-features@1"
    assert [d["id"] for d in r["dimensions"]] == ["F", "B", "W"]
    assert r["total"] == pytest.approx(69.35, abs=0.01)
    assert (r["grade"]["id"], r["recognition"]["outcome"]) == ("established", "deferred")
    assert r["recognition"]["name"] == "Key features partly in place"
    b2 = next(i for i in r["indicators"] if i["id"] == "B2")  # 71 spaces for 640,000 residents, derived
    assert b2["score"] == pytest.approx(7.0)


def test_a_mistake_is_placed_at_its_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    text = HARBOURTON.read_text(encoding="utf-8").replace("value: platform\n", "value: platfrom\n")
    bad.write_text(text, encoding="utf-8")
    proc = lcity("validate", str(bad))
    assert proc.returncode == 1
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "platfrom" in l)
    assert f"{bad}:{line}:12: error unknown-choice" in proc.stdout
    assert "did you mean 'platform'?" in proc.stdout


def test_benchmark_says_plainly_that_there_are_no_reference_units():
    proc = lcity("benchmark", str(HARBOURTON), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "has no reference units" in proc.stdout and "nothing to compare Harbourton with" in proc.stdout
    assert "rank" not in proc.stdout.lower().replace("framework", "")
    proc = lcity("benchmark", str(HARBOURTON), "--format", "json")
    doc = json.loads(proc.stdout)
    # no rank against no reference units: null, not "1 of 1" (42c0e26)
    assert doc["reference_units"] == 0 and doc["of"] is None and doc["rank"] is None
    assert doc["framework"] == "unesco-key-features@1"
    assert [row["id"] for row in doc["table"]] == ["harbourton"]
    proc = lcity("cities", "--framework", "unesco-key-features", "--lang", "en")
    assert proc.returncode == 0 and "has no reference units" in proc.stderr


def test_review_and_report_with_no_reference_units(tmp_path):
    assessment = tmp_path / "harbourton-2025.yaml"
    shutil.copy(HARBOURTON, assessment)
    review = tmp_path / "harbourton-2025.review.yaml"
    proc = lcity("review", "init", str(assessment), "-o", str(review), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    text = review.read_text(encoding="utf-8")
    text = text.replace("reviewer:\n  name: null", "reviewer:\n  name: Ada Reviewer", 1)
    text = text.replace("\ndate: null", '\ndate: "2025-10-15"', 1)
    text = text.replace("\nverified:\n", "\nverified:\n  B1:\n    value: 30.0\n"
                        "    reason: The household survey counted 4-week learners twice\n", 1)
    review.write_text(text, encoding="utf-8")
    proc = lcity("review", "validate", str(assessment), str(review))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = lcity("score", str(assessment), "--review", str(review), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    verified = json.loads(proc.stdout)
    assert verified["total"] < verified["self_assessed"]["total"]
    pdf = tmp_path / "h.pdf"
    html = tmp_path / "h.html"
    proc = lcity("report", str(assessment), "--review", str(review), "-o", str(pdf), "--lang", "en",
                 "--html", str(html), timeout=300)
    assert proc.returncode == 0, proc.stderr
    page = html.read_text(encoding="utf-8")
    assert "has no reference units, so this city is compared with none" in page
    assert "ranks 1 of" not in page and "12 GNLC" not in page
    assert "Key features partly in place" in page


def _with_reference_units(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the framework folder that brings reference units of its own (fictional)."""
    root = tmp_path / "frameworks"
    folder = root / "unesco-key-features"
    shutil.copytree(UNESCO.parent, folder)
    units = folder / "reference-units"
    units.mkdir()
    (units / "_set.yaml").write_text(
        "name:\n  zh: 三个虚构的测试城市\n  en: three fictional test cities\n", encoding="utf-8")
    base = HARBOURTON.read_text(encoding="utf-8")
    for ident, zh, en, b1, b6 in (("alpha", "甲市", "Alpha", "45", "annual"), ("beta", "乙市", "Beta", "20", "none"),
                                  ("gamma", "丙市", "Gamma", "12", "occasional")):
        text = (base.replace("id: harbourton", f"id: {ident}").replace("zh: 港湾市", f"zh: {zh}")
                .replace("en: Harbourton", f"en: {en}").replace("value: 38.5", f"value: {b1}")
                .replace("value: annual", f"value: {b6}"))
        (units / f"{ident}.yaml").write_text(text, encoding="utf-8")
    # a reference file of another framework is not one of this framework's units (ignored) ...
    shutil.copy(EXAMPLES / "qingshi-district.yaml", units / "qingshi.yaml")
    # ... and one that claims this framework but answers F1 as China's A1 is left out, never forced
    broken = base.replace("id: harbourton", "id: delta").replace("value: strategy\n", "value: plan_with_targets\n")
    (units / "delta.yaml").write_text(broken, encoding="utf-8")
    return root, folder


def test_a_framework_may_bring_its_own_reference_units(tmp_path, monkeypatch):
    root, _ = _with_reference_units(tmp_path)
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(root))
    proc = lcity("benchmark", str(HARBOURTON), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["reference_units"] == 3 and doc["of"] == 4
    assert {r["id"] for r in doc["table"]} == {"alpha", "beta", "gamma", "harbourton"}
    assert doc["reference_set"] == "three fictional test cities"
    assert [s["file"] for s in doc["skipped"]] == ["delta.yaml"] and "F1" in doc["skipped"][0]["reason"]
    assert "delta.yaml" in proc.stderr
    proc = lcity("benchmark", str(HARBOURTON), "--lang", "en")
    assert proc.returncode == 0 and "Reference units: three fictional test cities (3)" in proc.stdout
    assert "rank 1–2 of 4" in proc.stdout  # alpha 45 % and annual festival is ahead, unless harbourton's unknowns are full
    html = tmp_path / "h.html"
    proc = lcity("report", str(HARBOURTON), "-o", str(tmp_path / "h.pdf"), "--lang", "en", "--html", str(html),
                 timeout=300)
    assert proc.returncode == 0, proc.stderr
    page = html.read_text(encoding="utf-8")
    assert "The reference units are three fictional test cities" in page and "delta.yaml" in page
    assert "Harbourton ranks 1–2 of 4 by total score" in page


def test_chinese_units_are_benchmarked_only_against_the_12_chinese_cities(tmp_path, monkeypatch):
    root, _ = _with_reference_units(tmp_path)
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(root))
    proc = lcity("benchmark", str(EXAMPLES / "qingshi-district.yaml"), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["reference_units"] == 12 and doc["of"] == 13
    assert "12 Chinese member cities" in doc["reference_set"]


REUSE = """\
id: reuse
version: 1
name: {zh: 复用编号的框架, en: A framework reusing ids}
description: {zh: 测试用, en: For tests}
source: a test
total_points: 10
dimensions:
  - id: A
    name: {zh: 甲, en: A}
    points: 10
    indicators:
      - id: A1
        name: {zh: 规划, en: Plan}
        question: {zh: 有规划吗？, en: Is there a plan?}
        answer: {type: boolean}
        rule: {kind: boolean}
        points: 10
        evidence: [document]
        source: {documents: [a test document]}
        advice: {zh: 制定规划, en: Adopt a plan}
grades:
  - {id: good, min: 5, name: {zh: 好, en: Good}}
  - {id: poor, min: 0, name: {zh: 差, en: Poor}}
recognition:
  total_min: 5
  deferred_min: 4
  dimension_floor: 0.5
  outcomes:
    recognised: {zh: 通过, en: Passed}
    deferred: {zh: 暂缓, en: Deferred}
    refused: {zh: 不通过, en: Not passed}
  source: this framework's proposal
"""


def test_a_reused_indicator_id_with_another_answer_type_never_crashes(tmp_path, monkeypatch):
    """A1 is a boolean here and a choice in China's framework: the Chinese reference cities are
    never scored under it, and a reference unit answering A1 the Chinese way is left out."""
    folder = tmp_path / "frameworks" / "reuse"
    (folder / "reference-units").mkdir(parents=True)
    (folder / "framework.yaml").write_text(REUSE, encoding="utf-8")
    unit = ("framework: reuse@1\ncity:\n  id: {id}\n  name: {{zh: {zh}}}\n  level: city\n"
            "period: {{start: 2023, end: 2024}}\nanswers:\n  A1: {{value: {value}}}\n")
    (folder / "reference-units" / "one.yaml").write_text(unit.format(id="one", zh="一市", value="true"), encoding="utf-8")
    (folder / "reference-units" / "two.yaml").write_text(unit.format(id="two", zh="二市", value="plan_with_targets"),
                                                         encoding="utf-8")
    me = tmp_path / "me.yaml"
    me.write_text(unit.format(id="me", zh="本市", value="false"), encoding="utf-8")
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(tmp_path / "frameworks"))
    proc = lcity("benchmark", str(me), "--format", "json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["reference_units"] == 1 and [s["file"] for s in doc["skipped"]] == ["two.yaml"]
    proc = lcity("report", str(me), "-o", str(tmp_path / "me.pdf"), timeout=300)
    assert proc.returncode == 0, proc.stderr
    # the Chinese framework's units under their own framework are unaffected
    assert lcity("benchmark", str(EXAMPLES / "qingshi-district.yaml")).returncode == 0


def test_batch_ranks_each_framework_separately(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(HARBOURTON, folder / "harbourton-2025.yaml")
    shutil.copy(EXAMPLES / "qingshi-district.yaml", folder / "qingshi-district.yaml")
    shutil.copy(EXAMPLES / "jianglan-city.yaml", folder / "jianglan-city.yaml")
    out = tmp_path / "out"
    proc = lcity("batch", str(folder), "-o", str(out), "--jobs", "2", timeout=300)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert doc["frameworks"] == [{"framework": "china-learning-city@1", "units": 2},
                                 {"framework": "unesco-key-features@1", "units": 1}]
    ranks = {u["file"]: (u["framework"], u["rank"]) for u in doc["units"]}
    assert ranks == {"jianglan-city.yaml": ("china-learning-city@1", 1),
                     "qingshi-district.yaml": ("china-learning-city@1", 2),
                     "harbourton-2025.yaml": ("unesco-key-features@1", 1)}
    # dimension ids of two frameworks never share a column (both have a "B" and an "F")
    assert "china-learning-city@1:B" in doc["columns"] and "unesco-key-features@1:B" in doc["columns"]
    assert "B" not in doc["columns"]
    h = next(u for u in doc["units"] if u["file"] == "harbourton-2025.yaml")
    assert h["unesco-key-features@1:F"] == 25.5 and h["china-learning-city@1:F"] is None
    with (out / "summary.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["file"], r["rank"]) for r in rows] == [("jianglan-city.yaml", "1"), ("qingshi-district.yaml", "2"),
                                                      ("harbourton-2025.yaml", "1")]
    assert "ranked separately" in proc.stderr
    text = _pdf_text(out / "ranking.pdf").replace("\n", "")
    assert "按指标体系分组，各组单独排名" in text
    assert "（unesco-key-features@1）：1 个单位" in text and "（china-learning-city@1）：2 个单位" in text
    assert "关键特征部分具备 1 个" in text  # the UNESCO framework's own words, not "示范区"


def test_batch_of_one_foreign_framework_uses_its_outcome_labels(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(HARBOURTON, folder / "harbourton-2025.yaml")
    out = tmp_path / "out"
    proc = lcity("batch", str(folder), "-o", str(out), "--lang", "en", "--reports", timeout=300)
    assert proc.returncode == 0, proc.stderr
    text = _pdf_text(out / "ranking.pdf").replace("\n", " ")
    assert "Key features partly in place: 1" in text
    assert "demonstration zone" not in text
    assert (out / "harbourton-2025.pdf").exists()


def test_trend_across_two_assessments(tmp_path):
    earlier = tmp_path / "harbourton-2023.yaml"
    text = (HARBOURTON.read_text(encoding="utf-8").replace("  start: 2024\n  end: 2025", "  start: 2022\n  end: 2023")
            .replace('date: "2025-09-30"', 'date: "2023-09-30"').replace("value: 38.5", "value: 25.0")
            .replace("value: annual", "value: occasional"))
    earlier.write_text(text, encoding="utf-8")
    proc = lcity("trend", str(HARBOURTON), str(earlier), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["framework"] == "unesco-key-features@1" and len(doc["assessments"]) == 2
    assert doc["total"]["change"] > 0
    assert {m["id"] for m in doc["moved"]} == {"B1", "B6"}
    assert lcity("trend", str(HARBOURTON), str(earlier), "--lang", "en").returncode == 0


# --- Lanshan: a provincial index that looks nothing like China's framework ---------------------------
#
# examples/frameworks/lanshan-community-learning: 3 dimensions, 14 indicators, levels prefecture and
# county, every rule kind, derived figures (per resident, per township, per resident aged 60+, per
# 1,000 employed), a surveyed indicator with a threshold, a veto, grades and outcomes of its own, two
# reference units, and none of the optional pathways:, effort:, advice:, uncertainty:. Every command
# is run on it in both languages; none may crash, and none may speak of China's framework.

LANSHAN = FRAMEWORKS / "lanshan-community-learning"
LANSHAN_REF = "lanshan-community-learning@1"

#: words of the China framework that a Lanshan user must never see (its outcome is a listing, not a
#: recognition; it knows no demonstration zones, no learning cities and no China reference cities)
CHINA_WORDS = ("示范区", "学习型城市", "优秀", "良好", "合格", "认定", "demonstration zone", "recognition line", "learning city",
               "learning-city", "GNLC", "北京", "上海", "杭州", "成都", "武汉", "太原", "常州", "深圳", "西安",
               "广州", "南京", "苏州", "Beijing", "Shanghai", "Hangzhou", "Chengdu", "Wuhan", "Taiyuan",
               "Changzhou", "Shenzhen", "Xi'an", "Guangzhou", "Nanjing", "Suzhou", "Traceback", "internal error")


def _china_words(text: str) -> list[str]:
    low = text.lower()
    return [w for w in CHINA_WORDS if w.lower() in low]


def _file_text(path: Path) -> str:
    if path.suffix == ".pdf":
        return _pdf_text(path)
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True)
        return " ".join(str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c is not None)
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def lanshan_units(tmp_path_factory) -> Path:
    """Copies of the three Lanshan assessments (strong, middling, thin data), and an earlier year."""
    folder = tmp_path_factory.mktemp("lanshan")
    units = folder / "units"
    units.mkdir()
    for name in ("yunxi-2025.yaml", "linchuan-2025.yaml", "beiling-2025.yaml"):
        shutil.copy(LANSHAN / name, folder / name)
        shutil.copy(LANSHAN / name, units / name)
    earlier = (LANSHAN / "linchuan-2025.yaml").read_text(encoding="utf-8")
    earlier = (earlier.replace("start: 2024, end: 2025", "start: 2022, end: 2023").replace("value: 33\n", "value: 24\n")
               .replace("value: joint_meeting", "value: informal").replace('date: "2025-10-12"', 'date: "2023-10-12"'))
    (folder / "linchuan-2023.yaml").write_text(earlier, encoding="utf-8")
    return folder


def _steps(w: Path, lang: str) -> dict[str, list[tuple[tuple[str, ...], int, list[Path]]]]:
    """Each command as a user types it: (arguments, exit code expected, files it writes to read)."""
    fw = str(LANSHAN / "framework.yaml")
    y, m, t = str(w / "yunxi-2025.yaml"), str(w / "linchuan-2025.yaml"), str(w / "beiling-2025.yaml")
    L = ("--lang", lang)
    out = w / lang
    return {
        "frameworks": [(("frameworks", "--format", "json", *L), 0, [])],
        "framework-check": [(("framework", "check", fw, *L), 0, [])],
        "init": [(("init", "--framework", LANSHAN_REF, "--city", "临川县", "-o", str(out / "form.yaml"), *L), 0,
                  [out / "form.yaml"]),
                 (("validate", str(out / "form.yaml"), *L), 1, []),  # unanswered: invalid, with where and how
                 (("score", str(out / "form.yaml"), "--partial", *L), 0, []),
                 (("init", "--framework", LANSHAN_REF, "-o", str(out / "form.xlsx"), *L), 0, [out / "form.xlsx"]),
                 (("init", "--framework", LANSHAN_REF, "-o", str(out / "form.pdf"), *L), 0, [out / "form.pdf"]),
                 (("init", "--framework", LANSHAN_REF, "--level", "district", *L), 2, [])],
        "validate": [(("validate", y, m, t, "--progress", *L), 0, [])],
        "status": [(("status", t, *L), 0, [])],
        "fix": [(("fix", m, *L), 0, [])],
        "score": [(("score", m, "--explain", *L), 0, []), (("score", y, "--format", "json", *L), 0, []),
                  (("score", t, "--partial", *L), 0, [])],
        "benchmark": [(("benchmark", m, *L), 0, []), (("benchmark", t, *L), 0, [])],
        "cities": [(("cities", "--framework", LANSHAN_REF, *L), 0, []),
                   (("cities", "--framework", LANSHAN_REF, "--pathways", *L), 0, [])],
        "plan": [(("plan", m, "--target", "稳进", *L), 0, []), (("plan", m, "--target", "recognition", *L), 0, []),
                 (("plan", m, "--target", "leading", "-o", str(out / "plan.yaml"), *L), 0, [out / "plan.yaml"])],
        "sensitivity": [(("sensitivity", m, "-n", "200", "--no-sobol", *L), 0, []),
                        (("sensitivity", str(w / "units"), "-n", "200", "--no-sobol", *L), 0, [])],
        "report": [(("report", m, "-o", str(out / "m.pdf"), "--html", str(out / "m.html"), *L), 0,
                    [out / "m.pdf", out / "m.html"]),
                   (("verify", str(out / "m.pdf")), 0, [])],
        "batch": [(("batch", str(w / "units"), "-o", str(out / "batch"), "--reports", "--jobs", "1", *L), 0,
                   [out / "batch" / "ranking.pdf", out / "batch" / "summary.csv"])],
        "trend": [(("trend", str(w / "linchuan-2023.yaml"), m, *L), 0, [])],
        "convert": [(("convert", m, str(out / "m.xlsx"), *L), 0, [out / "m.xlsx"]),
                    (("convert", str(out / "m.xlsx"), str(out / "m.yaml"), *L), 0, [out / "m.yaml"]),
                    (("validate", str(out / "m.yaml"), *L), 0, [])],
        "upgrade": [(("upgrade", m, *L), 0, [])],
        "review": [(("review", "init", m, "-o", str(out / "m.review.yaml"), *L), 0, [out / "m.review.yaml"]),
                   # the form as init writes it names no reviewer: refused (G19-C1), in the framework's words
                   (("review", "validate", m, str(out / "m.review.yaml"), *L), 1, [])],
    }


#: where another file still speaks of China's framework to a Lanshan user (strict: when it is fixed,
#: the test says so and the mark comes off)
_ELSEWHERE: dict[str, str] = {}

_CASES = [pytest.param(step, lang, marks=pytest.mark.xfail(strict=True, reason=_ELSEWHERE[step]))
          if step in _ELSEWHERE else pytest.param(step, lang)
          for step in _steps(Path("."), "zh") for lang in ("zh", "en")]


@pytest.mark.parametrize(("step", "lang"), _CASES)
def test_every_command_works_on_a_framework_unlike_chinas(lanshan_units, step, lang):
    (lanshan_units / lang).mkdir(exist_ok=True)
    for args, code, files in _steps(lanshan_units, lang)[step]:
        proc = lcity(*args, timeout=300)
        said = proc.stdout + proc.stderr
        assert proc.returncode == code, (args, said)
        assert "Traceback" not in said and "internal error" not in said, (args, said)
        if step == "frameworks":  # the list names every installed framework, China's too
            row = next(r for r in json.loads(proc.stdout) if r["ref"] == LANSHAN_REF)
            assert (row["dimensions"], row["indicators"], row["points"], row["problems"]) == (3, 14, 100, 0)
            continue
        found = _china_words(said) + [w for f in files for w in _china_words(_file_text(f))]
        assert not found, (args, found)


def test_lanshan_scores_as_its_own_rules_say(lanshan_units):
    got = {}
    for name in ("yunxi", "linchuan", "beiling"):
        proc = lcity("score", str(lanshan_units / f"{name}-2025.yaml"), "--format", "json")
        assert proc.returncode == 0, proc.stderr
        got[name] = json.loads(proc.stdout)
    y, m, t = got["yunxi"], got["linchuan"], got["beiling"]
    assert (y["grade"]["id"], y["recognition"]["outcome"]) == ("leading", "recognised")
    assert y["recognition"]["name"] == "Listed in the year's Index" and y["total"] == pytest.approx(91.4, abs=0.05)
    assert (m["grade"]["id"], m["recognition"]["outcome"]) == ("starting", "refused")
    o5 = next(i for i in m["indicators"] if i["id"] == "O5")  # asked of prefectures only
    assert o5["state"] == "not_applicable"
    s1 = next(i for i in m["indicators"] if i["id"] == "S1")  # 9 of 18 townships, derived by the framework's figure
    assert s1["score"] == pytest.approx(10 * (50 - 30) / 70, abs=0.01)
    assert t["ratable"] is False and t["recognition"]["name"] == "Too little data to rate"


def test_lanshan_veto_and_survey_threshold(tmp_path):
    base = (LANSHAN / "yunxi-2025.yaml").read_text(encoding="utf-8")
    vetoed = tmp_path / "vetoed.yaml"
    vetoed.write_text(base.replace("value: none\n", "value: serious\n"), encoding="utf-8")
    proc = lcity("score", str(vetoed), "--lang", "zh")
    assert proc.returncode == 0, proc.stderr
    assert "评估结论：本年度未列入" in proc.stdout and "学习场所发生重大责任事故" in proc.stdout
    surveyed = tmp_path / "surveyed.yaml"
    surveyed.write_text(base.replace("value: 52\n", "value: 28\n"), encoding="utf-8")
    proc = lcity("score", str(surveyed), "--lang", "en")
    assert "Outcome: Placed on the watch list" in proc.stdout and "O1 at 28% is below the required 30%" in proc.stdout


def test_lanshan_form_asks_its_own_levels_and_figures():
    proc = lcity("init", "--framework", LANSHAN_REF, "--city", "临川县")
    assert proc.returncode == 0, proc.stderr
    assert "  level: county  # prefecture（市） | county（县）" in proc.stdout
    assert "figures: {}" in proc.stdout and "townships = 乡镇（街道）数" in proc.stdout
    assert "at_most" not in proc.stdout and "不得多于 city.figures.townships" in proc.stdout
    assert "strategy:" not in proc.stdout and "  O5:" not in proc.stdout  # no pathways; O5 is for prefectures
    proc = lcity("init", "--framework", LANSHAN_REF, "--level", "countyy", "--lang", "en")
    assert proc.returncode == 2 and "'countyy' is not a level of lanshan-community-learning@1" in proc.stdout + proc.stderr
    assert "did you mean 'county'?" in proc.stdout + proc.stderr


def test_lanshan_cities_and_pathways_say_what_does_not_apply():
    proc = lcity("cities", "--framework", LANSHAN_REF, "--lang", "en")
    assert proc.returncode == 0 and "Qingyu" in proc.stdout and "pathway" not in proc.stdout
    proc = lcity("cities", "--framework", LANSHAN_REF, "--pathways", "--lang", "en")
    assert proc.returncode == 0 and "defines no pathway types" in proc.stderr
    assert "no reference units" not in proc.stderr


def test_an_undetermined_reference_city_shows_no_margin():
    proc = lcity("cities", "--pathways", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in proc.stdout.splitlines() if "│" in line]
    heads = next([c.strip() for c in line.split("┃")[1:-1]] for line in proc.stdout.splitlines() if "┃" in line)
    margin, observed = heads.index("margin (pp)"), heads.index("observed")
    undetermined = [r for r in rows if r[observed].lower() == "undetermined"]  # the framework's type name
    assert undetermined and all(r[margin] == "—" for r in undetermined)


def _profile(path: Path) -> dict[str, tuple]:
    """The workbook's profile sheet as key -> (label, value, hint)."""
    from openpyxl import load_workbook

    ws = load_workbook(path, read_only=True).worksheets[0]
    return {row[1]: (row[0], row[2], row[3]) for row in ws.iter_rows(min_row=2, values_only=True) if row[1]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lanshan_workbook_asks_its_own_levels_and_no_strategy(tmp_path, lang):
    form = tmp_path / "form.xlsx"
    proc = lcity("init", "--framework", LANSHAN_REF, "--city", "临川县", "-o", str(form), "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    rows = _profile(form)
    # a Chinese workbook holds the level as its drop-down offers it, by its name (G18-E5); read back as the code
    assert rows["city.level"][1:] == ("县", "prefecture（市） | county（县）") if lang == "zh" else ("county", "prefecture | county")
    assert not [k for k in rows if k.startswith("strategy.")]  # Lanshan has no pathway types to declare
    assert not _china_words(_file_text(form)), _china_words(_file_text(form))
    blank = tmp_path / "blank.xlsx"  # no --city: a unit of the framework's first level, not a 区
    assert lcity("init", "--framework", LANSHAN_REF, "-o", str(blank), "--lang", lang).returncode == 0
    assert _profile(blank)["city.level"][1] == ("市" if lang == "zh" else "prefecture")


def test_china_workbook_still_asks_its_levels_and_strategies(tmp_path):
    form = tmp_path / "form.xlsx"
    assert lcity("init", "--city", "西城区", "-o", str(form)).returncode == 0
    rows = _profile(form)
    assert rows["city.level"][1:] == ("区", "city（市） | district（区） | county（县）")
    assert "balance（城乡均衡）" in rows["strategy.leads_with"][0] and "strategy.evidence" in rows


def test_a_strategy_is_kept_when_converted_under_a_framework_without_pathways(tmp_path):
    """The rows are left out only when there is nothing to hold: converting never loses data."""
    src = tmp_path / "m.yaml"
    src.write_text((LANSHAN / "linchuan-2025.yaml").read_text(encoding="utf-8")
                   + "strategy:\n  leads_with: [culture]\n", encoding="utf-8")
    proc = lcity("convert", str(src), str(tmp_path / "m.xlsx"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _profile(tmp_path / "m.xlsx")["strategy.leads_with"][1] == "culture"


def test_lanshan_questionnaire_is_titled_by_its_name(lanshan_units):
    for lang, title in (("zh", "《岚山省社区学习指数》自评问卷"),
                        ("en", "Self-assessment questionnaire — Lanshan Province Community Learning Index")):
        pdf = lanshan_units / f"questionnaire-{lang}.pdf"
        assert lcity("init", "--framework", LANSHAN_REF, "-o", str(pdf), "--lang", lang).returncode == 0
        assert title in _pdf_text(pdf).replace("\n", " ")


def test_a_ranking_names_each_framework_in_its_own_words(tmp_path):
    """China's group keeps its recognition line, 认定结论 and pathways; Lanshan's group has its own
    outcome and no pathway column; the title of the mixed batch belongs to neither."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("yunxi-2025.yaml", "linchuan-2025.yaml"):
        shutil.copy(LANSHAN / name, folder / name)
    shutil.copy(EXAMPLES / "qingshi-district.yaml", folder / "qingshi-district.yaml")
    shutil.copy(EXAMPLES / "jianglan-city.yaml", folder / "jianglan-city.yaml")
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "mixed"), "--jobs", "2", timeout=300)
    assert proc.returncode == 0, proc.stderr
    text = _pdf_text(tmp_path / "mixed" / "ranking.pdf").replace("\n", "")
    assert text.startswith("评估结果排名") and "学习型城市建设评估结果排名" not in text
    assert "认定结论" in text and "评估结论" in text and text.count("发展路径") == 1
    assert "虚线为认定线（85 分）" in text and "虚线为“列入年度社区学习榜单”所需的 75 分" in text
    lanshan = tmp_path / "lanshan"
    (folder / "qingshi-district.yaml").unlink()
    (folder / "jianglan-city.yaml").unlink()
    proc = lcity("batch", str(folder), "-o", str(lanshan), "--jobs", "1", "--lang", "en", timeout=300)
    assert proc.returncode == 0, proc.stderr
    text = _pdf_text(lanshan / "ranking.pdf").replace("\n", " ")
    assert text.startswith("Lanshan Province Community Learning Index: Ranking")
    assert "Outcome" in text and "Pathway" not in text
    assert "The dashed line is the 75 points needed for 'Listed in the year's Index'" in text
