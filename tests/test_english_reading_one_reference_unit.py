"""A dimension compared with a single reference unit says so (audit_english #4): Qingshi's E, H, J
and K read "1 reference units have enough public data in this dimension: median 57%, best 57%
(Shanghai)", a plural for one and a median of one. Now "Only one reference unit has enough public
data in this dimension: Shanghai, at 57%." The median of one was in Chinese too ("参照单位1个，中位数57%，
最高57%（上海市）"), so zh changes on purpose: "参照单位仅1个（上海市），得分率57%"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import report_text


def _plain(tmp_path: Path, lang: str) -> str:
    return report_text(tmp_path, lang)


def test_one_reference_unit_reads_as_one(tmp_path) -> None:
    text = _plain(tmp_path, "en")
    assert "Only one reference unit has enough public data in this dimension: Shanghai, at 57%." in text
    # J was Beijing at 100 % until its J1 became unknown (yearly monitoring is confirmed, a yearly
    # report is not: G16 #7), as H was Beijing at 75 % until its "at least 1" alliance did (G16 #1)
    assert "Beijing, at 100%" not in text
    assert not re.search(r"\b1 reference units\b", text)
    # several still read with their median and best
    assert "7 reference units have enough public data in this dimension: median 100%, best 100% (Shanghai and 5 more)." in text


@pytest.mark.parametrize("lang", ["zh"])
def test_chinese_gives_no_median_of_one(tmp_path, lang) -> None:
    text = _plain(tmp_path, lang).replace(" ", "")
    assert "在该维度数据较全的参照单位仅1个（上海市），得分率57%。" in text
    assert "参照单位1个，中位数" not in text
