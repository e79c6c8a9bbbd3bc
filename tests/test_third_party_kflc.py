"""The commands run on a third-party framework modelled on UNESCO's Key Features of Learning Cities
(tests/audit_frameworks/unesco-kflc: unesco-kflc@1, city level only, ``language: en``, no pathways,
no reference units), as audit T ran them: each test is one of its defects, asserted on what the user
sees. China's packaged framework must read as before; the framework here must read as its own.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here as lcity, terminal_lines

KFLC = ROOT / "tests" / "audit_frameworks" / "unesco-kflc"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", f"{KFLC / 'kflc'}:{KFLC / 'kflc-v2'}")


@pytest.fixture
def units(tmp_path: Path) -> Path:
    """The five units (and the earlier period) copied, so nothing is written into the checkout."""
    out = tmp_path / "units"
    out.mkdir()
    for unit in KFLC.glob("*-2025.yaml"):
        shutil.copy(unit, out / unit.name)
    return out


# --- 1: a survey's margin of error is in percentage points of the rate, not score points ----------

def test_survey_margin_reads_as_percentage_points_beside_the_indicator_points(units: Path):
    """``WB2: 30 … 50% of 8 points (± 4.0 points at 95 %, n = 500)`` read as half the indicator."""
    proc = lcity("score", str(units / "marlow-vale-2025.yaml"), "--explain")
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stdout.splitlines() if "WB2:" in x)
    assert "± 4.0 percentage points at 95%, 500 valid responses" in line, line
    assert "± 4.0 points" not in proc.stdout


def test_small_sample_warning_says_percentage_points(units: Path):
    """validate's small-sample warning: ``WB2: 30 % ± 12.7 points (n = 50, 95 %)``."""
    form = units / "marlow-vale-2025.yaml"
    text = form.read_text(encoding="utf-8")
    assert "sample_size: 500" in text
    form.write_text(text.replace("sample_size: 500", "sample_size: 50", 1), encoding="utf-8")
    proc = lcity("validate", str(form), "--lang", "en")
    assert "percentage points (n = 50, 95 %)" in proc.stdout, proc.stdout
    assert " points (n = 50" not in proc.stdout.replace("percentage points (n = 50", "")


# --- 4, 5, 6: the language of what is written for a framework that declares ``language: en`` -------

def test_one_chinese_form_does_not_turn_a_folder_of_the_framework_chinese(units: Path, tmp_path: Path):
    """Three English units and chenghu (lang: zh): the batch lines and ranking were all Chinese
    ('一票否决：起步'). The files disagree, so the framework's language, with a note saying so."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in ("kestrel-bay", "marlow-vale", "port-ellery", "chenghu"):
        shutil.copy(units / f"{name}-2025.yaml", folder)
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert "veto: Emerging, Not yet ready to apply" in proc.stderr, proc.stderr
    assert "一票否决" not in proc.stderr and "Chenghu (chenghu-2025.yaml)" in proc.stderr
    assert ("the files are in different languages (en, zh): the ranking is written in English, "
            "the language of framework unesco-kflc@1") in proc.stderr
    summary = (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8-sig")
    assert "Marlow Vale" in summary
    proc = lcity("sensitivity", str(folder), "--samples", "200")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Robustness") and "Emerging‡" in proc.stdout, proc.stdout
    assert "this table is written in English" in proc.stderr
    proc = lcity("sensitivity", str(folder), "--samples", "200", "--lang", "zh")
    assert proc.stdout.startswith("稳健性分析") and "different languages" not in proc.stderr


def test_a_folder_of_one_language_has_no_language_note(units: Path, tmp_path: Path):
    folder = tmp_path / "en"
    folder.mkdir()
    for name in ("kestrel-bay", "marlow-vale"):
        shutil.copy(units / f"{name}-2025.yaml", folder)
    proc = lcity("sensitivity", str(folder), "--samples", "200")
    assert proc.stdout.startswith("Robustness") and "different languages" not in proc.stderr


def test_init_writes_the_form_in_the_frameworks_language(tmp_path: Path):
    """``init --framework unesco-kflc@1`` wrote a Chinese form (lang: zh) and a .zh schema."""
    form = tmp_path / "newcity.yaml"
    proc = lcity("init", "-o", str(form), "--city", "Lindenport", "--framework", "unesco-kflc@1")
    assert proc.returncode == 0, proc.stderr
    text = form.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=unesco-kflc-1.en.schema.json\n")
    assert "\nlang: en  #" in text and "How to fill in" in text and "填写说明" not in text
    assert (tmp_path / "unesco-kflc-1.en.schema.json").is_file()
    assert not (tmp_path / "unesco-kflc-1.zh.schema.json").exists()
    proc = lcity("init", "-o", str(tmp_path / "zh.yaml"), "--city", "Lindenport", "--framework", "unesco-kflc@1",
                 "--lang", "zh")
    assert "\nlang: zh  #" in (tmp_path / "zh.yaml").read_text(encoding="utf-8")
    assert "[default: zh]" not in lcity("init", "--help").stdout


def test_init_of_the_china_framework_stays_chinese(tmp_path: Path):
    form = tmp_path / "xicheng.yaml"
    proc = lcity("init", "-o", str(form), "--city", "西城区")
    assert proc.returncode == 0, proc.stderr
    text = form.read_text(encoding="utf-8")
    assert "\nlang: zh  #" in text and "（元、人、门）" in text


def test_upgrade_writes_the_frameworks_language_and_units(units: Path, tmp_path: Path):
    """``upgrade marlow-vale-2025.yaml`` (no lang:, framework en) wrote Chinese comments, a .zh
    schema and China's units '（元、人、门）' in the header."""
    out = tmp_path / "mv-up.yaml"
    proc = lcity("upgrade", str(units / "marlow-vale-2025.yaml"), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=unesco-kflc-2.en.schema.json\n")
    head = text.split("framework:", 1)[0]
    assert "Type raw quantities (spaces, participants, USD)" in head, head
    assert "yuan" not in head and "元" not in text
    assert (tmp_path / "unesco-kflc-2.en.schema.json").is_file()
    zh = tmp_path / "mv-zh.yaml"
    lcity("upgrade", str(units / "marlow-vale-2025.yaml"), "-o", str(zh), "--lang", "zh")
    head = zh.read_text(encoding="utf-8").split("framework:", 1)[0]
    assert "数量请填原始数字（" in head and "元、人、门" not in head, head


# --- 7, 9: the JSON Schema -------------------------------------------------------------------------

def _schema(*args: str) -> dict:
    import json

    proc = lcity("schema", *args)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_readme_schema_step_writes_the_schema_init_writes(tmp_path: Path):
    """README: '``lcity schema --lang zh > china-learning-city-2.zh.schema.json`` writes the schema
    again' — it wrote china-learning-city@1's (43 indicators; @2 has 48), so the editor flagged @2 answers."""
    import json

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`lcity schema --lang zh > china-learning-city-2.zh.schema.json`" in readme
    written = _schema("--lang", "zh")
    assert "china-learning-city@2" in written["title"]
    proc = lcity("init", "-o", str(tmp_path / "x.yaml"), "--city", "西城区")
    assert proc.returncode == 0, proc.stderr
    beside = json.loads((tmp_path / "china-learning-city-2.zh.schema.json").read_text(encoding="utf-8"))
    assert written == beside


def test_a_city_only_frameworks_schema_offers_no_chinese_profile():
    """unesco-kflc@1's schema offered province '省份或直辖市', parent '区县所属城市', region east/central/west
    '（国家统计局划分）', 'e.g. xicheng', 'e.g. 西城区学习型城市建设领导小组办公室'."""
    import json

    for lang in ("en", "zh"):
        doc = _schema("--framework", "unesco-kflc@1", "--lang", lang)
        city = doc["definitions"]["City"]["properties"]
        for china_only in ("province", "parent", "region", "streets", "communities", "gdp_per_capita"):
            assert china_only not in city, (lang, china_only)
        text = json.dumps({k: v for k, v in doc.items() if k != "properties"} | {
            "top": {k: v for k, v in doc["properties"].items() if k != "answers"}}, ensure_ascii=False)
        for china in ("xicheng", "西城", "国家统计局", "NBS", "常住人口)", "china-learning-city"):
            assert china not in text, (lang, china)
        assert "population" in city and "figures" in city
    level = _schema("--framework", "unesco-kflc@1")["definitions"]["City"]["properties"]["level"]["description"]
    assert level == "Level of unit: city", level
    level = _schema("--framework", "unesco-kflc@1", "--lang", "zh")["definitions"]["City"]["properties"]["level"]
    assert level["description"] == "单位层级：city（城市）", level


def test_the_china_schema_keeps_its_profile():
    city = _schema("--framework", "china-learning-city@2", "--lang", "zh")["definitions"]["City"]["properties"]
    assert city["province"]["description"] == "省份或直辖市" and "region" in city
    assert city["id"]["description"] == "简短标识，如 xicheng"


# --- 11: verify says 'Not ratable' once ----------------------------------------------------------

def test_verify_names_a_not_ratable_verdict_once(units: Path, tmp_path: Path):
    """``lcity verify yunling-zh.pdf`` -> '总分 37.6，数据不足，不予定级，数据不足，不予定级'."""
    pdf = tmp_path / "yunling.pdf"
    proc = lcity("report", str(units / "yunling-2025.yaml"), "-o", str(pdf))
    assert proc.returncode == 0, proc.stderr
    proc = lcity("verify", str(pdf), "--lang", "zh")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "总分 37.6—99.6，数据不足，不予定级（由内嵌的输入数据重新计分）" in proc.stdout, proc.stdout
    pdf = tmp_path / "yunling-en.pdf"
    assert lcity("report", str(units / "yunling-2025.yaml"), "--lang", "en", "-o", str(pdf)).returncode == 0
    proc = lcity("verify", str(pdf))
    assert "total 37.6–99.6, Not ratable (re-scored" in proc.stdout, proc.stdout


# --- 12: benchmark JSON against no reference units ------------------------------------------------

def test_benchmark_json_without_reference_units_ranks_nobody(units: Path):
    """``"reference_units": 0`` with ``"rank": {"best": 1, "worst": 1, "of": 1}``: a script read 'first'."""
    import json

    proc = lcity("benchmark", str(units / "marlow-vale-2025.yaml"), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["reference_units"] == 0 and doc["rank"] is None and doc["of"] is None
    assert [d["rank"] for d in doc["dimensions"]] == [None, None, None]
    assert all(row["rank"] is None for row in doc["table"])
    assert doc["total"] == 78.0


def test_benchmark_json_of_the_china_framework_still_ranks():
    import json

    doc = json.loads(lcity("benchmark", str(ROOT / "examples" / "qingshi-district.yaml"), "--format", "json").stdout)
    assert doc["reference_units"] > 0 and doc["rank"]["of"] == doc["reference_units"] + 1


# --- 16: the summary lines fold at an 80-column terminal -------------------------------------------

def _on_terminal(*args: str) -> list[str]:
    """The lines a user sees running ``lcity ARGS`` on an 80-column terminal (a pseudo-terminal)."""
    return terminal_lines(*args)


def _width(line: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


@pytest.mark.parametrize("args", [
    ("score", "marlow-vale-2025.yaml"), ("score", "chenghu-2025.yaml"), ("plan", "port-ellery-2025.yaml"),
    ("plan", "marlow-vale-2025.yaml"), ("benchmark", "marlow-vale-2025.yaml"),
])
def test_summary_lines_fold_at_80_columns(units: Path, args):
    """score's 'Confidence: … (13 answered, …)' was 91 columns, plan's headline 106-172,
    benchmark's no-reference message 243, on an 80-column terminal (the terminal broke words)."""
    lines = _on_terminal(args[0], str(units / args[1]))
    text = "\n".join(lines)
    assert any(key in text for key in ("Confidence", "可信度", "today:", "no reference units")), text
    wide = [line for line in lines if _width(line) > 80]
    assert not wide, wide


def test_summary_lines_stay_whole_into_a_pipe(units: Path):
    proc = lcity("score", str(units / "marlow-vale-2025.yaml"))
    assert "Confidence: 1.00    Coverage: 100%    (13 answered, 0 unknown, 0 missing, 0 not applicable)" in proc.stdout


# --- 13: an unquoted comma in a flow text ---------------------------------------------------------

def test_an_unquoted_comma_in_a_flow_text_is_named_with_the_quoting_hint(tmp_path: Path):
    """``advice: {zh: …, en: Open libraries, schools and community centres as learning spaces.}``
    gave 'unknown key ...' with 'allowed keys here: zh, en' and no word of quoting."""
    text = (KFLC / "kflc" / "unesco-kflc" / "framework.yaml").read_text(encoding="utf-8")
    quoted = 'en: "Open libraries, schools and community centres as learning spaces."'
    assert quoted in text
    folder = tmp_path / "unesco-kflc"
    folder.mkdir()
    (folder / "framework.yaml").write_text(text.replace(quoted, quoted.replace('"', "")), encoding="utf-8")
    proc = lcity("framework", "check", str(folder / "framework.yaml"))
    assert proc.returncode == 1
    line = next(x for x in proc.stdout.splitlines() if "unknown-key" in x)
    assert "unknown key 'schools and community centres as learning spaces.'" in line
    assert "put a value containing ',' in quotes; allowed keys here: zh, en" in line, line


def test_a_misspelt_key_keeps_its_did_you_mean(tmp_path: Path):
    text = (KFLC / "kflc" / "unesco-kflc" / "framework.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "unesco-kflc"
    folder.mkdir()
    (folder / "framework.yaml").write_text(text.replace("    points: 12\n", "    pionts: 12\n", 1), encoding="utf-8")
    proc = lcity("framework", "check", str(folder / "framework.yaml"))
    assert "in quotes" not in proc.stdout and "pionts" in proc.stdout, proc.stdout


# --- 18: convert -o, and a zh workbook label with full-width brackets ------------------------------

def test_convert_takes_dash_o_as_every_other_writer(units: Path, tmp_path: Path):
    """``lcity convert a.yaml -o a.xlsx`` -> 'No such option: -o'."""
    book, back = tmp_path / "mv.xlsx", tmp_path / "mv.yaml"
    proc = lcity("convert", str(units / "marlow-vale-2025.yaml"), "-o", str(book))
    assert proc.returncode == 0, proc.stderr
    assert book.is_file()
    proc = lcity("convert", str(book), str(back))  # the positional form still works
    assert proc.returncode == 0 and back.is_file(), proc.stderr
    proc = lcity("convert", str(book))
    assert proc.returncode == 2 and "no file to write" in proc.stderr, proc.stderr
    proc = lcity("convert", str(book), str(tmp_path / "x.yaml"), "-o", str(tmp_path / "y.yaml"))
    assert proc.returncode == 2 and "two files to write" in proc.stderr, proc.stderr


def test_a_zh_workbook_labels_a_figure_with_full_width_brackets(units: Path, tmp_path: Path):
    """The zh workbook's profile label '25至64岁居民数 (人)' had half-width brackets, the others '（人）'."""
    from openpyxl import load_workbook

    book = tmp_path / "ch.xlsx"
    proc = lcity("convert", str(units / "chenghu-2025.yaml"), str(book))
    assert proc.returncode == 0, proc.stderr
    sheet = load_workbook(book).worksheets[0]
    labels = [str(c.value) for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "25至64岁" in c.value]
    assert labels and all(" (" not in x and "（" in x for x in labels), labels


# --- 8, 15: docs/frameworks.md says what lcity does for one's own framework -------------------------

def test_docs_step_init_for_ones_own_framework_works(tmp_path: Path):
    """§11 said 'lcity init writes a template for the packaged framework; for your own, copy the
    example assessment', while init --framework ID writes the form, the workbook and the questionnaire."""
    docs = (ROOT / "docs" / "frameworks.md").read_text(encoding="utf-8")
    assert "`lcity init` writes a template for the packaged framework" not in docs
    assert "`lcity init --framework ID@VERSION -o my-city.yaml`" in docs
    for name in ("my-city.yaml", "my-city.xlsx"):
        proc = lcity("init", "--framework", "unesco-kflc@1", "-o", str(tmp_path / name))
        assert proc.returncode == 0, proc.stderr
        assert "13 indicators to answer" in proc.stderr or name.endswith("xlsx"), proc.stderr


def test_docs_say_survey_stratify_is_required(tmp_path: Path):
    docs = (ROOT / "docs" / "frameworks.md").read_text(encoding="utf-8")
    assert "All four keys are required" in docs and "survey has no\n'stratify'" in docs
    text = (KFLC / "kflc" / "unesco-kflc" / "framework.yaml").read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, x in enumerate(lines) if x.strip().startswith("stratify:"))
    folder = tmp_path / "unesco-kflc"
    folder.mkdir()
    (folder / "framework.yaml").write_text("\n".join(lines[:at] + lines[at + 1:]), encoding="utf-8")
    proc = lcity("framework", "check", str(folder / "framework.yaml"))
    assert "survey has no 'stratify'" in proc.stdout, proc.stdout


# --- 3: sensitivity ranks a folder as batch ranks it ------------------------------------------------

def test_sensitivity_of_a_folder_gives_a_not_ratable_unit_no_rank(units: Path, tmp_path: Path):
    """``lcity sensitivity .`` ranked Yunling (not ratable) 4/5, above Kestrel Bay 5/5, while
    ``lcity batch .`` gives it '—' and ranks the other four; the help says 'as lcity batch ranks it'."""
    import json

    proc = lcity("sensitivity", str(units), "--samples", "300", "--no-sobol", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    rows: dict[str, str] = {}
    for line in proc.stdout.splitlines():  # the table's rows: the first line naming each unit
        if line.split()[:1] and line.split()[0] in ("Yunling", "Kestrel", "Chenghu"):
            rows.setdefault(line.split()[0], line)
    assert rows["Yunling"].rstrip().endswith("—  —"), rows["Yunling"]
    assert rows["Kestrel"].rstrip().endswith("4/4"), rows["Kestrel"]
    proc = lcity("batch", str(units), "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    ranked = {u["file"]: (u["rank"], u["rank_best"], u["rank_worst"]) for u in summary["units"]}
    assert ranked["yunling-2025.yaml"] == (None, None, None)
    assert ranked["kestrel-bay-2025.yaml"] == (4, 4, 4)


# --- 14: framework check says how to fix points and grades ----------------------------------------

def test_points_and_grades_problems_carry_a_hint(tmp_path: Path):
    """points-mismatch and bad-grades had '"hint": ""' in --format json: how to fix was left out."""
    import json

    text = (KFLC / "kflc" / "unesco-kflc" / "framework.yaml").read_text(encoding="utf-8")
    assert "\ntotal_points: 120\n" in text and "min: 0, name: {zh: 起步" in text
    folder = tmp_path / "unesco-kflc"
    folder.mkdir()
    broken = text.replace("\ntotal_points: 120\n", "\ntotal_points: 100\n").replace("min: 0, name: {zh: 起步", "min: 10, name: {zh: 起步")
    (folder / "framework.yaml").write_text(broken, encoding="utf-8")
    proc = lcity("framework", "check", str(folder / "framework.yaml"), "--format", "json")
    doc = json.loads(proc.stdout)
    problems = doc["problems"] if isinstance(doc, dict) else doc
    hints = {p["rule"]: p["hint"] for p in problems if p["rule"] in ("points-mismatch", "bad-grades")}
    assert hints.get("points-mismatch", "").startswith("give total_points: 120, what the dimensions"), problems
    assert hints.get("bad-grades") == "give the lowest grade min: 0", problems


# --- 10 (in part): trend's hint names no level the framework lacks --------------------------------

def test_trend_of_two_units_says_one_unit_not_city_or_district(units: Path):
    """'a trend compares assessments of one city or district': this framework has no districts."""
    proc = lcity("trend", str(units / "kestrel-bay-2025.yaml"), str(units / "marlow-vale-2025.yaml"))
    assert proc.returncode != 0
    assert "a trend compares assessments of one unit, period after period" in proc.stdout + proc.stderr
    assert "city or district" not in proc.stdout + proc.stderr
