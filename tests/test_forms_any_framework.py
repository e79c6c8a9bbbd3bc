"""The forms ``lcity init`` and ``lcity review init`` write, for any framework (audit H3 items 9-11,
audit H5 D14 and D16): a form asks what its framework uses, in its words and the form's language;
China's forms stay as they were. Each test asserts what the user filling in the form sees.
"""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest

from indicators.loader import load_framework
from indicators.models import Text
from lcity.template import render_review_template, render_template
from lcity.xlsx_form import write_workbook
from reports.questionnaire import render_questionnaire_html

from .conftest import ROOT, lcity_here as lcity

FJORDVALE = ROOT / "tests" / "audit_frameworks" / "fjordvale"
FJ_FILE = FJORDVALE / "fjordvale-learning-region" / "framework.yaml"
CHINA_ONLY = ("province", "region:", "east | central | west", "gdp_per_capita", "yuan", "streets",
              "communities", "省份", "东部", "人均地区生产总值", "街道", "社区（村）")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def fj():
    return load_framework(FJ_FILE)


@pytest.fixture(scope="module")
def china():
    return load_framework("china-learning-city@2")


def _profile(text: str) -> str:
    """The filling-in note and the profile block of a YAML form (up to the period)."""
    return text.split("\nperiod:")[0]


def _profile_keys(xlsx: bytes) -> list[str]:
    ws = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0]
    return [row[1] for row in ws.iter_rows(min_row=2, values_only=True)]


# --- H3#9: the profile a form asks -----------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_another_frameworks_yaml_form_asks_only_the_figures_it_uses(fj, lang):
    head = _profile(render_template(fj, city=None, lang=lang, schema_path=None, level="municipality"))
    for word in CHINA_ONLY:
        assert word not in head, word
    assert "population: null" in head and "employed: null" in head  # derive.per names them
    assert "population_60plus" not in head  # no rule of Fjordvale's divides by it
    assert "adults" in head  # its own profile figure
    assert ("EUR" if lang == "en" else "欧元") in head  # its money, not yuan


def test_china_yaml_form_keeps_chinas_profile(china):
    head = _profile(render_template(china, city=None, lang="en", schema_path=None))
    assert "Type raw quantities (yuan, people, courses)" in head
    for line in ("region: null  # east | central | west", "gdp_per_capita: null  # GDP per resident (yuan)",
                 "streets: null", "communities: null", "province: null", "parent: null"):
        assert line in head, line
    zh = _profile(render_template(china, city=None, lang="zh", schema_path=None))
    assert "数量请填原始数字（元、人、门）" in zh and "region: null  # east（东部）" in zh


def test_another_frameworks_workbook_asks_only_the_figures_it_uses(fj):
    data = write_workbook(fj, None, lang="en", level="municipality")
    keys = _profile_keys(data)
    assert keys[1] == "city.name.en", "an English form of a framework without a Chinese name opens with the English name"
    for key in ("city.province", "city.parent", "city.region", "city.gdp_per_capita", "city.streets",
                "city.communities", "city.area_km2"):
        assert key not in keys, key
    assert {"city.population", "city.employed", "city.figures.adults"} <= set(keys)
    lists = openpyxl.load_workbook(io.BytesIO(data))["lists"]
    assert "east" not in [c for row in lists.iter_rows(values_only=True) for c in row]


def test_china_workbook_keeps_chinas_profile(china):
    data = write_workbook(china, None, lang="en")
    keys = _profile_keys(data)
    assert keys[1] == "city.name.zh"
    assert {"city.province", "city.region", "city.gdp_per_capita", "city.streets", "city.communities"} <= set(keys)
    lists = openpyxl.load_workbook(io.BytesIO(data))["lists"]
    assert "east" in [c for row in lists.iter_rows(values_only=True) for c in row]


def test_a_workbook_of_another_framework_reads_back_valid_once_filled(fj, tmp_path):
    """The rows left out are not needed: a filled workbook without them validates."""
    wb = openpyxl.load_workbook(io.BytesIO(write_workbook(fj, None, lang="en", level="municipality")))
    ws = wb.worksheets[0]
    for row in ws.iter_rows(min_row=2):
        key = row[1].value
        fill = {"city.population": 30000, "city.employed": 15000, "city.figures.adults": 16000}.get(key)
        if fill is not None:
            row[2].value = fill
    ind = wb.worksheets[1]
    for row in ind.iter_rows(min_row=2):
        row[9].value = "unknown"  # status: every indicator unknown
    path = tmp_path / "unit.xlsx"
    wb.save(path)
    out = lcity("validate", str(path), "--lang", "en")
    assert "population" not in out.stdout + out.stderr
    assert "province" not in out.stdout + out.stderr


# --- H3#10: the survey's population ----------------------------------------------------------------

def test_a_learner_survey_is_not_called_a_resident_survey(fj):
    text = render_template(fj, city=None, lang="en", schema_path=None, level="municipality")
    assert "resident survey" not in text and "# evidence: survey" in text
    wb = openpyxl.load_workbook(io.BytesIO(write_workbook(fj, None, lang="en", level="municipality")))
    cells = [c for row in wb.worksheets[1].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert not any("resident survey" in c for c in cells) and "survey" in cells
    html = render_questionnaire_html(fj, lang="en", level="municipality")
    assert "resident survey" not in html and "evidence expected: survey" in html


def test_the_frameworks_own_survey_population_names_the_survey(fj):
    learners = fj.model_copy(update={"survey_population": Text(zh="学员", en="learner")})
    assert "# evidence: learner survey" in render_template(learners, city=None, lang="en", schema_path=None,
                                                          level="municipality")
    assert "学员问卷调查" in render_template(learners, city=None, lang="zh", schema_path=None, level="municipality")
    assert "evidence expected: learner survey" in render_questionnaire_html(learners, lang="en", level="municipality")


def test_china_forms_keep_the_resident_survey(china):
    assert "resident survey" in render_template(china, city=None, lang="en", schema_path=None)
    assert "问卷调查" in render_template(china, city=None, lang="zh", schema_path=None)
    assert "resident survey" in render_questionnaire_html(china, lang="en", level="city")


# --- H3#11: the review form's examples -------------------------------------------------------------

def _review(fw, lang: str) -> str:
    return render_review_template(fw, city="Östmark", period="2024–2025", sha256="0" * 64, file="o.yaml",
                                  self_answers={}, lang=lang, schema_path=None)


@pytest.mark.parametrize("which", ["fj", "china"])
def test_an_english_review_form_has_english_examples(which, fj, china):
    text = _review(fj if which == "fj" else china, "en")
    han = [line for line in text.splitlines() if _HAN.search(line)]
    # the framework's own texts may be bilingual; lcity's examples and words never Chinese in an English form
    assert not [line for line in han if line.lstrip().startswith("#  ") and "{" in line], han
    for word in ("张三", "某街道社区学校", "部门座谈会", "分层抽样", "财政局"):
        assert word not in text


def test_the_review_forms_survey_keys_are_the_frameworks(fj, china):
    fj_text = _review(fj, "en")
    assert "awareness" not in fj_text and "satisfaction:" not in fj_text
    assert "GOV2 Learner satisfaction" in fj_text  # the survey indicator its rates go to
    assert "  #  awareness: 82.5\n  #  satisfaction: 76.0" in _review(china, "zh")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_review_forms_examples_read_back_as_a_valid_review(fj, lang):
    """Uncommented, the examples (panel, visit, symposium, survey, a veto with its reason) are a
    review the reader accepts: the form teaches a shape that works."""
    from evaluator.review import Review
    from indicators.safeyaml import load_text

    text = _review(fj, lang).replace('sha256: 0000', 'sha256: "0000', 1).replace("0000\n", '0000"\n', 1)
    head, tail = text.split("\nvetoes:\n#  - id:", 1)  # bare keys: an example is uncommented in place
    text = head + "\nvetoes:\n  - id:" + tail.replace("\n#    reason:", "\n    reason:", 1)
    for old, new in (("panel:\n#  - {", "panel:\n  - {"), ("site_visits:\n  #  - {", "site_visits:\n    - {"),
                     ("  survey:\n  #  sample:", "  survey:\n    sample:"),
                     ("\n  #  method:", "\n    method:"),
                     ("reviewer:\n  name: null", "reviewer:\n  name: A")):
        assert old in text, old
        text = text.replace(old, new, 1)
    # the symposia key keeps its gloss where the framework's panels hold no symposium (G20-D11)
    text, n = re.subn(r"(symposia:(?:  # [^\n]*)?)\n  #  - \{", r"\1\n    - {", text, count=1)
    assert n == 1
    review = Review.model_validate(load_text(text).data)
    assert review.vetoes and getattr(review.vetoes[0], "reason", None)


def test_the_vetoes_comment_shows_the_reason_form(china):
    zh = _review(china, "zh")
    assert "# 一票否决项（如有；写明理由）：" in zh and "#  - id: " in zh and "#    reason: " in zh
    en = _review(china, "en")
    assert "each with the panel's reason" in en and "#    reason: " in en


# --- H5-D14: workbook messages that name the problem ----------------------------------------------

def _with_sheet_xml(data: bytes, sheet: str, edit) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == sheet:
                body = edit(body.decode()).encode()
            z.writestr(info, body)
    return out.getvalue()


@pytest.mark.parametrize("lang,damaged", [("en", "is a damaged workbook: cell I3"), ("zh", "工作簿已损坏")])
def test_broken_xml_in_a_workbook_is_named_a_damaged_workbook_at_its_cell(china, tmp_path, lang, damaged):
    data = write_workbook(china, None, lang=lang)

    def nan_in_i3(xml: str) -> str:
        new, n = re.subn(r'<c r="I3"[^>]*/>|<c r="I3".*?</c>', '<c r="I3" t="n"><v>NaN</v></c>', xml, count=1)
        assert n == 1
        return new

    path = tmp_path / "broken.xlsx"
    path.write_bytes(_with_sheet_xml(data, "xl/worksheets/sheet2.xml", nan_in_i3))
    out = lcity("validate", str(path), "--lang", lang)
    said = out.stdout + out.stderr
    assert out.returncode == 2 and "Traceback" not in said
    assert damaged in said and "I3" in said
    assert "ValueError" not in said and "Error）" not in said


def test_a_duration_cell_is_not_called_a_formula(china, tmp_path):
    import datetime as dt

    wb = openpyxl.load_workbook(io.BytesIO(write_workbook(china, None, lang="en")))
    ws = wb.worksheets[1]
    ws.cell(2, 9).value = dt.timedelta(hours=30)
    ws.cell(2, 9).number_format = "[h]:mm"
    path = tmp_path / "duration.xlsx"
    wb.save(path)
    out = lcity("validate", str(path), "--lang", "en")
    said = out.stdout + out.stderr
    assert "formula" not in said and "timedelta" not in said
    assert "holds a duration" in said and "General or Number" in said


# --- H5-D16: control characters in --city ----------------------------------------------------------

@pytest.mark.parametrize("name,code", [("\x1b[31mX", "U+001B"), ("X\u202eY", "U+202E")])
def test_init_refuses_a_city_name_with_control_characters(tmp_path, name, code):
    out = lcity("init", "-o", str(tmp_path / "f.yaml"), "--city", name, "--lang", "en")
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert f"--city holds the invisible control character {code}" in out.stderr
    assert not (tmp_path / "f.yaml").exists()


def test_init_still_takes_an_ordinary_name(tmp_path):
    out = lcity("init", "-o", str(tmp_path / "f.yaml"), "--city", "西城区")
    assert out.returncode == 0, out.stderr
    assert '"西城区"' in (tmp_path / "f.yaml").read_text(encoding="utf-8")
