"""``lcity score``'s lines under the table fold between words at an 80-column terminal: the coverage
line split "不适用 1" from its "项" (and "1 not" from "applicable"), and the pathway lines ran 109-178
columns, which the terminal broke mid-word. Into a pipe each stays one line, for a script."""

from __future__ import annotations

import pytest

from .conftest import lcity_here as lcity
from .test_third_party_kflc import _on_terminal, _width

COUNTS = {"zh": "（已答 42 项，不详 0 项，未填 0 项，不适用 1 项）",
          "en": "(42 answered, 0 unknown, 0 missing, 1 not applicable)"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_score_lines_fold_at_80_columns(lang):
    lines = _on_terminal("score", "examples/qingshi-district.yaml", "--lang", lang)
    assert [line for line in lines if _width(line) > 80] == []
    assert f"  {COUNTS[lang]}" in lines  # the counts whole, on a line of their own
    text = " ".join(line.strip() for line in lines)
    assert ("差距8个百分点" if lang == "zh" else "margin 8 percentage points") in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_score_lines_stay_whole_into_a_pipe(lang):
    out = lcity("score", "examples/qingshi-district.yaml", "--lang", lang).stdout
    coverage = ("可信度：1.00    数据覆盖率：100%" if lang == "zh" else "Confidence: 1.00    Coverage: 100%    ")
    assert coverage + COUNTS[lang] in out.splitlines()
    assert any(line.startswith("发展路径：" if lang == "zh" else "Pathway: ") and line.endswith("个百分点）" if lang == "zh"
               else "percentage points)") for line in out.splitlines())
