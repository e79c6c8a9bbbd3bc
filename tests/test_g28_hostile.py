"""G28-H: a fresh hostile round (tests/audit_cities/g28h/AUDIT.md).

Each test runs the CLI as a user would and asserts what the user sees: the exit code and the
message (file, sheet!cell or line:col, rule id, what is wrong, how to fix it) in Chinese and English.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import lcity_here

ROOT = Path(__file__).resolve().parent.parent
QINGSHI = ROOT / "examples" / "qingshi-district.yaml"


def _line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


# --- carried (G27-H Status): an alias answer was said at the anchor's line ------------------------


@pytest.mark.parametrize("tab", [False, True], ids=["libyaml", "reference"])  # a Tab comment takes the other reader
@pytest.mark.parametrize("anchor,alias", [
    (("  A1:\n    value: plan_with_targets", "  A1: &a1\n    value: plan_with_targets"),
     ("  B2:\n    value: true\n    evidence: [区人大常委会2024年专题调研报告]", "  B2: *a1")),
    (("  A1:\n    value: plan_with_targets", "  A1:\n    value: &v plan_with_targets"),
     ("  B2:\n    value: true", "  B2:\n    value: *v")),
], ids=["answer", "value"])
def test_a_problem_of_an_alias_is_said_at_the_alias_not_at_the_anchor(tmp_path, anchor, alias, tab):
    text = QINGSHI.read_text(encoding="utf-8").replace(*anchor, 1).replace(*alias, 1)
    if tab:
        text = text.replace("framework:", "#\tTab\nframework:", 1)
    f = tmp_path / "alias.yaml"
    f.write_text(text, encoding="utf-8")
    star = text.index(alias[1]) + alias[1].index("*")
    line, col = text[:star].count("\n") + 1, star - text.rindex("\n", 0, star)
    proc = lcity_here("validate", str(f), "--lang", "en")
    assert proc.returncode == 1
    assert f"alias.yaml:{line}:{col}: error wrong-type: B2 expects true or false, got 'plan_with_targets'" \
        in proc.stdout, proc.stdout
    assert f":{_line_of(text, 'plan_with_targets')}:" not in proc.stdout
