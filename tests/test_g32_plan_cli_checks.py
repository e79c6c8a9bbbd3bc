"""G32P (tests/audit_cities/g32p/AUDIT.md), finding 7 (G31H): a 20,000-character unit name is shortened
in the other-place-evidence warning (evaluator/checks.py other_place_evidence)."""

from __future__ import annotations

from pathlib import Path

from .conftest import lcity_here as lcity

ROOT = Path(__file__).resolve().parents[1]
QINGSHI = ROOT / "examples" / "qingshi-district.yaml"


# --- 7. G31H ---------------------------------------------------------------------------------------


def test_a_very_long_unit_name_is_shortened_in_the_other_place_warning(tmp_path):
    text = QINGSHI.read_text(encoding="utf-8")
    assert "    zh: 青石区\n" in text and "《青石区学习型城区建设三年行动计划(2023—2025年)》" in text
    text = text.replace("    zh: 青石区\n", "    zh: " + "青石" * 9990 + "区\n", 1)
    text = text.replace("《青石区学习型城区建设三年行动计划(2023—2025年)》", "《金湾区学习型城区建设三年行动计划》")
    long = tmp_path / "long.yaml"
    long.write_text(text, encoding="utf-8")
    r = lcity("validate", str(long), "--lang", "zh")
    warning = next(line for line in (r.stdout + r.stderr).splitlines() if "other-place-evidence" in line)
    assert len(warning) < 1000, len(warning)
    assert "…（共 19,981 个字符）、河西市、中原省" in warning
