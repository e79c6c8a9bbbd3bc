"""``lcity verify`` of a report whose framework is not installed where it is checked (audit G15,
finding 1). A third-party framework is not embedded in the report's PDF: on the recipient's machine
the inputs were re-scored against the default China framework, and the report was declared to
"differ" (exit 1) as if it had been changed. It now cannot be checked there, says why and what to
set, and exits 2; with the framework installed the same PDF agrees.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

G15 = ROOT / "tests" / "audit_frameworks" / "g15"


def run(*args: str, framework_path: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1", LCITY_FRAMEWORK_PATH=framework_path)
    return subprocess.run([sys.executable, "-m", "lcity", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    pdf = tmp_path_factory.mktemp("g15") / "yucun.pdf"
    made = run("report", str(G15 / "yucun-2025.yaml"), "-o", str(pdf), "--lang", "en", framework_path=str(G15))
    assert made.returncode == 0, made.stderr
    return pdf


def test_with_the_framework_installed_the_report_agrees(report: Path):
    done = run("verify", str(report), framework_path=str(G15))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "agrees — total 75.0, ★★★★, 按星级公布" in done.stdout


@pytest.mark.parametrize("lang, says, hint", [
    ("en", "cannot be checked here: the framework it was scored with, binhai-star-rating@1, is not installed",
     "set LCITY_FRAMEWORK_PATH to the folder that holds binhai-star-rating@1"),
    ("zh", "无法在本机核验：报告所用的指标体系 binhai-star-rating@1 未安装",
     "请将 LCITY_FRAMEWORK_PATH 设为存放 binhai-star-rating@1 的文件夹"),
])
def test_without_it_the_report_cannot_be_checked_and_is_not_said_to_differ(report: Path, lang: str, says: str,
                                                                            hint: str):
    done = run("verify", str(report), "--lang", lang, framework_path="")
    said = " ".join((done.stdout + done.stderr).split())
    assert done.returncode == 2, said
    assert says in said and hint in said
    assert "differs" not in said and "不一致" not in said
    assert "china-learning-city" not in said


def test_as_json_the_verdict_is_not_agreeing_and_the_problem_is_listed(report: Path):
    import json

    done = run("verify", str(report), "--format", "json", framework_path="")
    doc = json.loads(done.stdout)
    assert done.returncode == 2
    assert doc["agrees"] is False
    assert doc["problems"][0]["rule"] == "unknown-framework"
    assert "is not installed" in doc["reports"][0]["differences"][0]
