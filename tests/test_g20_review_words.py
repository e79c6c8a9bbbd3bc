"""G20-D11: the review of a framework whose panels hold no symposium and make no 认定 (the
Community Learning Hubs Scorecard, tests/audit_frameworks_g20/AUDIT.md) is worded for it: the review
form glosses the ``symposia`` key, the reviewed report calls them meetings and names the panel
survey's rates by their indicators ("PAR3 Hub awareness: 30%", not the review's key "awareness:
30%"), and a veto the panel found is 专家组查明, not 专家组认定. China's forms and reports keep theirs."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest

from evaluator.pipeline import read_scored

from .conftest import EXAMPLES, lcity_here as lcity

HERE = Path(__file__).parent / "audit_frameworks_g20"
LOWFIELD = HERE / "units" / "lowfield-2025.yaml"

REVIEW = """\
assessment:
  city: "Lowfield Ward"
  period: "2024–2025"
  sha256: {sha}
  file: "lowfield-2025.yaml"
reviewer: {{name: Ruth Okafor, affiliation: Hallmere Regional Council, title: Adviser}}
panel:
  - {{name: Ruth Okafor, affiliation: Hallmere Regional Council, title: Adviser, role: chair}}
  - {{name: Tom Reed, affiliation: Hallmere University, title: Lecturer, role: member}}
date: 2025-12-15
process:
  start: 2025-12-08
  end: 2025-12-10
  material_review: true
  site_visits:
    - {{date: 2025-12-09, unit: Lowfield Library hub}}
  symposia:
    - {{date: 2025-12-10, topic: meeting with ward officers, participants: "libraries, schools"}}
  survey:
    sample: 400
    method: random household sample
    awareness: 30
    satisfaction: 61
verified:
  PAR2: {{value: 61, reason: the panel's own survey of 400 households}}
  PAR3: {{value: 30, reason: the panel's own survey of 400 households}}
vetoes:
  - id: no_safeguarding
    reason: no safeguarding policy was found in the hub files
findings:
  strengths:
  - The library hub opens on Saturdays.
  problems:
  - No safeguarding policy.
  recommendations:
  - Adopt a safeguarding policy.
conclusion: Not accredited until a safeguarding policy is in place.
"""


@pytest.fixture
def installed(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(HERE / "fw"))
    monkeypatch.setenv("COLUMNS", "80")


@pytest.fixture
def review(tmp_path) -> Path:
    path = tmp_path / "lowfield.review.yaml"
    path.write_text(REVIEW.format(sha=hashlib.sha256(LOWFIELD.read_bytes()).hexdigest()), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang, process, key", [
    ("en", "# Process: material review, site visits, meetings (symposia), resident survey",
     "  symposia:  # meetings the panel held\n"),
    ("zh", "# 评估过程：材料审阅、实地考察、会议（symposia）、resident问卷调查", "  symposia:  # 专家组召开的会议\n"),
])
def test_the_review_form_glosses_symposia(installed, tmp_path, lang, process, key):
    form = tmp_path / f"form-{lang}.yaml"
    run = lcity("review", "init", str(LOWFIELD), "-o", str(form), "--lang", lang)
    assert run.returncode == 0, run.stderr
    text = form.read_text(encoding="utf-8")
    assert process in text.splitlines() and key in text


def test_chinas_review_form_keeps_its_symposia(tmp_path):
    form = tmp_path / "form.yaml"
    assert lcity("review", "init", str(EXAMPLES / "qingshi-district.yaml"), "-o", str(form)).returncode == 0
    text = form.read_text(encoding="utf-8")
    assert "# 评估过程：材料审阅、实地考察、座谈会、问卷调查" in text and "  symposia:\n" in text


def test_a_veto_the_panel_found_is_not_a_recognition(installed, review):
    result, _ = read_scored(LOWFIELD, reviews=[review])
    assert result.recognition.reasons_zh[0] == (
        "专家组查明：No safeguarding policy（理由：no safeguarding policy was found in the hub files），触发一票否决")
    assert result.recognition.reasons[0] == (
        "the expert panel found: no safeguarding policy (reason: no safeguarding policy was found in the hub files), "
        "which triggers a veto")


@pytest.mark.parametrize("lang, said, gone", [
    ("en", ["4. Meetings (as the panel recorded them): meeting with ward officers",
            "Meetings (as recorded) meeting with ward officers",
            "random household sample; PAR3 Hub awareness: 30%; PAR2 Resident satisfaction with hubs: 61%"],
     ["Symposia", "sample; awareness: 30%", "; satisfaction: 61%"]),
    ("zh", ["4.会议交流：meetingwithwardofficers", "会议交流meetingwithwardofficers",
            "randomhouseholdsample；PAR3Hubawareness：30%；PAR2Residentsatisfactionwithhubs：61%",
            "专家组查明：Nosafeguardingpolicy"],
     ["座谈", "知晓度：30%", "满意度：61%", "专家组认定"]),
])
def test_the_reviewed_report_says_meetings_and_names_the_rates(installed, review, tmp_path, lang, said, gone):
    pdf = tmp_path / f"lowfield-{lang}.pdf"
    run = lcity("report", str(LOWFIELD), "--review", str(review), "--lang", lang, "-o", str(pdf))
    assert run.returncode == 0, run.stderr
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    flat = text.replace(" ", "") if lang == "zh" else text
    for s in said:
        assert s in flat, s
    for g in gone:
        assert g not in flat, g
