"""The form tells a unit whose record it gives for an indicator answered with the record of the
level above (`from_parent`) (audit G9, finding 3).

tidewater-scorecard@1 (tests/audit_frameworks/g9) asks GOV2 ("Is there a learning ordinance …?")
of every level with `from_parent: [city, ward]`, and ACC2/ACC3 with `from_parent: [ward]`. The
ward's form asked the questions as if about the ward: an official answers `none` for a ward
without an ordinance of its own and loses the points the framework means the province's ordinance
to give. The form now says, under the question, whose record to give, named as reports name it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here as lcity

G9 = ROOT / "tests" / "audit_frameworks" / "g9"


@pytest.fixture(autouse=True)
def framework_path(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(G9))


def _form(tmp_path: Path, level: str, lang: str, framework: str = "tidewater-scorecard") -> list[str]:
    out = tmp_path / f"{level}-{lang}.yaml"
    run = lcity("init", "--framework", framework, "-o", str(out), "--level", level, "--city", "Eastgate",
                "--lang", lang)
    assert run.returncode == 0, run.stderr
    return out.read_text(encoding="utf-8").splitlines()


def _under(lines: list[str], ind: str) -> str:
    """The comment line right under the indicator's question."""
    q = next(i for i, line in enumerate(lines) if line.startswith(f"  # {ind} "))
    assert lines[q + 1].startswith(("  # Q:", "  # 问：")), lines[q + 1]
    return lines[q + 2]


def test_ward_form_names_whose_record_each_answer_is(tmp_path: Path):
    lines = _form(tmp_path, "ward", "en")
    assert _under(lines, "GOV2") == "  # answer with the record of the province it belongs to, not the ward's own"
    assert _under(lines, "ACC2") == "  # answer with the record of the city it belongs to, not the ward's own"
    assert _under(lines, "ACC3") == "  # answer with the record of the city it belongs to, not the ward's own"
    assert not _under(lines, "ACC4").startswith("  # answer with")      # the ward's own


def test_city_form_says_it_only_where_the_city_gives_the_province_record(tmp_path: Path):
    lines = _form(tmp_path, "city", "en")
    assert _under(lines, "GOV2") == "  # answer with the record of the province it belongs to, not the city's own"
    assert not _under(lines, "ACC2").startswith("  # answer with")
    assert sum("record of" in line for line in lines) == 1


def test_province_form_says_nothing_of_it(tmp_path: Path):
    assert not any("record of" in line for line in _form(tmp_path, "province", "en"))


def test_chinese_form(tmp_path: Path):
    lines = _form(tmp_path, "ward", "zh")
    # the framework's Latin level names glossed, not set in Chinese as words ("所在province", "本ward": G27-T7)
    assert _under(lines, "GOV2") == "  # 按所属上级单位（province）的情况填报，不填本单位自身的情况"
    assert _under(lines, "ACC2") == "  # 按所属上级单位（city）的情况填报，不填本单位自身的情况"


def test_a_question_that_says_it_already_gets_no_second_line(tmp_path: Path):
    """China's K1 asks a district "…按所在城市的情况填报…" in its own question."""
    for lang in ("zh", "en"):
        lines = _form(tmp_path, "district", lang, framework="china-learning-city")
        assert not any("不填本" in line or "not the district's own" in line for line in lines)


def test_workbook_says_it_under_the_question(tmp_path: Path):
    import openpyxl

    out = tmp_path / "ward.xlsx"
    run = lcity("init", "--framework", "tidewater-scorecard", "-o", str(out), "--level", "ward", "--city", "Eastgate",
                "--lang", "en")
    assert run.returncode == 0, run.stderr
    rows = {r[0]: r[4] for r in openpyxl.load_workbook(out)["Indicators"].iter_rows(min_row=2, values_only=True)}
    assert rows["GOV2"] == ("Is there a learning ordinance and what does it do?\n"
                            "(answer with the record of the province it belongs to, not the ward's own)")
    assert rows["ACC4"].startswith("How many hours") and "record of" not in rows["ACC4"]


def test_printable_questionnaire_says_it_too():
    from evaluator.reading import read
    from reports.questionnaire import build_context

    fw = read(G9 / "eastgate-2025.yaml").framework
    ctx = build_context(fw, lang="en", level="ward", city="Eastgate")
    inds = {i["id"]: i for d in ctx["dimensions"] for i in d["indicators"]}
    assert inds["GOV2"]["calculation"][0] == "answer with the record of the province it belongs to, not the ward's own"
    assert not any("record of" in line for line in inds["ACC4"]["calculation"])
