"""Audit G20-D: an English-only "Community Learning Hubs Scorecard" of 250 points for regions,
municipalities and wards (tests/audit_frameworks_g20/AUDIT.md), as its author and its users see it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import lcity_here as lcity

HERE = Path(__file__).parent / "audit_frameworks_g20"
FW_DIR = HERE / "fw"
FW = FW_DIR / "clh-scorecard" / "framework.yaml"
UNITS = HERE / "units"


@pytest.fixture
def installed(monkeypatch):
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(FW_DIR))
    monkeypatch.setenv("COLUMNS", "80")


def _variant(tmp_path: Path, *pairs: tuple[str, str]) -> Path:
    text = FW.read_text(encoding="utf-8")
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "clh" / "framework.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- G20-D1: from_parent on a level with no level above it that answers the indicator ----------

def test_the_audit_framework_is_valid():
    proc = lcity("framework", "check", str(FW), "--lang", "en")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "valid — 0 errors, 0 warnings" in proc.stdout + proc.stderr


@pytest.mark.parametrize("lang, words", [
    ("en", ["error bad-level: indicator GOV1: from_parent lists 'region', but no level above 'region' "
            "answers GOV1 itself", "leave 'region' out of from_parent"]),
    ("zh", ["错误 bad-level: 指标 GOV1：from_parent 列出了“region”，但没有比“region”大、自行填报 GOV1 的层级",
            "从 from_parent 中去掉“region”"]),
])
def test_from_parent_on_the_largest_level_is_refused_at_its_place(tmp_path, lang, words):
    path = _variant(tmp_path, ("from_parent: [ward]", "from_parent: [region]"))
    proc = lcity("framework", "check", str(path), "--lang", lang)
    out = " ".join((proc.stdout + proc.stderr).split())
    assert proc.returncode == 1
    for w in words:
        assert w in out, out
    line = next(n for n, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "from_parent" in t)
    assert f"framework.yaml:{line}:" in out


def test_from_parent_above_which_the_indicator_is_not_asked_is_refused(tmp_path):
    """ACC3 is asked of regions and municipalities only: a ward has no municipality's record of it,
    and a municipality (when regions are not asked it) none either."""
    path = _variant(tmp_path, ("        levels: [region, municipality]\n        evidence: [statistics]",
                               "        levels: [municipality, ward]\n        from_parent: [municipality]\n"
                               "        evidence: [statistics]"))
    proc = lcity("framework", "check", str(path), "--format", "json", "--lang", "en")
    assert proc.returncode == 1
    [found] = [p for p in json.loads(proc.stdout)["problems"] if p["rule"] == "bad-level"]
    assert "from_parent lists 'municipality'" in found["message"] and "ACC3" in found["message"]


def test_from_parent_on_a_lower_level_stays_valid(tmp_path):
    path = _variant(tmp_path, ("from_parent: [ward]", "from_parent: [municipality, ward]"))
    proc = lcity("framework", "check", str(path), "--lang", "en")
    assert proc.returncode == 0, proc.stdout + proc.stderr
