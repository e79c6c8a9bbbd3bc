"""The set of reference cities is named with its date (G16 #4).

"12 个参照单位：联合国教科文组织全球学习型城市网络的12个中国成员城市" read as if China had 12 GNLC
members; it had 12 in February 2024 (S50: Nanjing and Suzhou joined, 12 listed) and 15 since Tianjin,
Shenyang and Ningbo joined in December 2025 (S49). The English name said "studied in the comparative
study" and the Chinese one nothing. Both now say which twelve: the comparative study's, as of
February 2024.
"""

from __future__ import annotations

import pytest

from .conftest import ROOT, lcity_here as lcity

ZH = "比较研究所考察的、截至2024年2月联合国教科文组织全球学习型城市网络的12个中国成员城市"
EN = "the 12 Chinese member cities of UNESCO's Global Network of Learning Cities as of February 2024, studied in the comparative study"


@pytest.mark.parametrize(("lang", "name"), [("zh", ZH), ("en", EN)])
def test_cities_and_benchmark_name_the_dated_twelve(lang, name):
    for out in (lcity("cities", "--lang", lang).stdout,
                lcity("benchmark", str(ROOT / "examples" / "qingshi-district.yaml"), "--lang", lang).stdout):
        flat = ("" if lang == "zh" else " ").join(out.split())
        assert name in flat
    zh = lcity("cities", "--lang", "zh").stdout
    assert "：联合国教科文组织全球学习型城市网络的12个中国成员城市" not in zh  # undated, as if China had 12 today
