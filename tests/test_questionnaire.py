"""The printable blank questionnaire (lcity init --format pdf) asks what the form asks, on paper."""

from __future__ import annotations

import io

from pypdf import PdfReader

from indicators.loader import load_framework
from reports.questionnaire import build_context, render_questionnaire
from reports.render import make_fetcher

from .conftest import ROOT, lcity_here as lcity

FW = "china-learning-city@2"


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_questionnaire_asks_every_indicator_of_the_level_with_boxes_and_lines():
    fw = load_framework(FW)
    fetcher = make_fetcher()
    pdf = render_questionnaire(fw, lang="zh", level="district", city="西城区", created="2026-01-05", fetcher=fetcher)
    assert not fetcher.refused  # nothing fetched from outside the package
    text = _text(pdf).replace("\n", "")
    asked = [ind for _dim, inds in fw.at_level("district") for ind, applies in inds if applies]
    for ind in asked:
        assert f"{ind.id} {ind.name.zh}" in text
    assert "西城区" in text and "无数据" in text and "不适用" in text and "佐证要求" in text
    skipped = [ind for _dim, inds in fw.at_level("district") for ind, applies in inds if not applies]
    assert all(f"{ind.id} {ind.name.zh}" in text for ind in skipped)  # named as not asked of a district
    assert render_questionnaire(fw, lang="zh", level="district", city="西城区", created="2026-01-05") == pdf


def test_choices_are_boxes_with_their_labels_in_the_chosen_language():
    fw = load_framework(FW)
    ctx = build_context(fw, lang="en", level="city", city=None)
    first = ctx["dimensions"][0]["indicators"][0]
    assert first["answer"]["kind"] == "boxes" and all(ord(c) < 0x3000 for c in "".join(first["answer"]["options"]))
    numbers = [i for d in ctx["dimensions"] for i in d["indicators"] if i["answer"]["kind"] == "line"]
    assert numbers and all(i["answer"]["notes"][0].startswith("unit: ") for i in numbers)


def test_init_writes_the_questionnaire_and_never_overwrites_without_force(tmp_path):
    pdf = tmp_path / "visit.pdf"
    made = lcity("init", "-o", str(pdf), "--city", "Xicheng District", "--lang", "en")
    assert made.returncode == 0, made.stderr
    text = _text(pdf.read_bytes())
    # titled by the framework's own name (China's latest unless --framework says otherwise)
    assert "Self-assessment questionnaire — China Learning City Evaluation Framework" in text.replace("\n", " ")
    assert "not applicable" in text
    again = lcity("init", "-o", str(pdf), "--format", "pdf")
    assert again.returncode == 2 and "--force" in again.stderr


def test_a_framework_named_as_a_self_assessment_is_not_titled_twice(monkeypatch):
    """UNESCO's framework is a 自评框架: its form is 《…自评框架》问卷, not 《…自评框架》自评问卷."""
    from indicators.loader import load_framework
    from reports.questionnaire import build_context

    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(ROOT / "examples" / "frameworks"))
    fw = load_framework("unesco-key-features@1")
    zh = build_context(fw, lang="zh", level=fw.level_ids()[0], city=None)["title"]
    en = build_context(fw, lang="en", level=fw.level_ids()[0], city=None)["title"]
    assert zh == "《联合国教科文组织学习型城市关键特征自评框架》问卷"
    assert en.startswith("Questionnaire — ") and en.lower().count("self-assessment") == 1
    # no levels of its own: the level in the usual words, not the id
    assert build_context(fw, lang="zh", level="district", city=None)["level"] == "区"


def test_the_next_step_makes_the_workbook_of_the_same_framework_and_unit(tmp_path):
    lanshan = ROOT / "examples" / "frameworks" / "lanshan-community-learning" / "framework.yaml"
    proc = lcity("init", "--framework", str(lanshan), "-f", "pdf", "-o", str(tmp_path / "visit.pdf"),
                 "--city", "云溪 县", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert f"lcity init -o visit.xlsx --framework {lanshan} --city '云溪 县'" in proc.stderr
    proc = lcity("init", "-f", "pdf", "-o", str(tmp_path / "china.pdf"), "--lang", "en")
    assert proc.returncode == 0 and "Next: lcity init -o china.xlsx" in proc.stderr and "--framework" not in proc.stderr
