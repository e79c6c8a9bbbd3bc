"""A district or county benchmarked against whole cities is told so (G16 #2).

`lcity benchmark examples/qingshi-district.yaml` gave "青石区：总分 75.6…，名次 第1–13位/共13个" and
never said that Qingshi is a district and the 12 reference units whole cities, that its total is on
the questions a district is asked, or that L2 (and B1) it answers with its city's record. Now the
line under the headline, the report's "（二）对标位次" and the caveat of 附件2 say it; a city is told
nothing of the kind.
"""

from __future__ import annotations

import json
import subprocess

import pytest

from .conftest import ROOT, lcity_here as lcity

QINGSHI = str(ROOT / "examples" / "qingshi-district.yaml")
YUNLING = str(ROOT / "examples" / "yunling-county.yaml")
JIANGLAN = str(ROOT / "examples" / "jianglan-city.yaml")


@pytest.mark.parametrize(("path", "zh", "en", "record"), [
    (QINGSHI, "青石区为区，参照单位均为城市：总分和名次是把本区按区级问题作答的结果与各城市按市级问题作答的结果放在一起",
     "Qingshi District is a district and the reference units are all cities: its total and ranks set its answers "
     "to a district's questions beside theirs to a city's",
     # its B1 is the province's regulation, another body's act (G20-A10), not its city's record
     "It answers K1 and L2 with its city's record, not with its own work. Its answer to B1 ('No city regulation; "
     "only a provincial regulation applies') is decided by the provincial people's congress, not by its own work."),
    (YUNLING, "云岭县为县，参照单位均为城市：总分和名次是把本县按县级问题作答的结果",
     "Yunling County is a county and the reference units are all cities",
     "It answers B1, K1 and L2 with its city's record, not with its own work."),
])
def test_the_benchmark_says_a_district_or_county_is_set_beside_whole_cities(path, zh, en, record):
    out_zh = lcity("benchmark", path, "--lang", "zh").stdout
    lines = out_zh.splitlines()
    assert lines[2].startswith(zh[:8])  # right under the headline, before the table's ranks
    assert zh in "".join(out_zh.split())
    assert "按所在城市的情况填报，不是本" in out_zh and "L2" in lines[2]
    out_en = lcity("benchmark", path, "--lang", "en").stdout
    assert en in " ".join(out_en.split())
    assert record in " ".join(out_en.split())
    doc = json.loads(lcity("benchmark", path, "--format", "json").stdout)
    assert doc["level_note"].startswith(en[:20]) and doc["level_note_zh"].startswith(zh[:5])


def test_a_city_among_cities_is_told_nothing_about_levels():
    out = lcity("benchmark", JIANGLAN, "--lang", "en").stdout
    assert "reference units are all cities" not in out
    assert json.loads(lcity("benchmark", JIANGLAN, "--format", "json").stdout)["level_note"] == ""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_says_it_beside_the_rank_and_in_appendix_2(tmp_path, lang):
    pdf = tmp_path / "q.pdf"
    assert lcity("report", QINGSHI, "--lang", lang, "-o", str(pdf)).returncode == 0
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    if lang == "zh":
        flat = "".join(text.split())
        said = "青石区为区，参照单位均为城市"
        rank = flat.index("（二）对标位次")
        appendix = flat.index("附件2参照单位对标表", flat.index("附件2参照单位对标表") + 1)  # past the contents line
    else:
        flat = " ".join(text.split())
        said = "Qingshi District is a district and the reference units are all cities"
        rank = flat.index("(2) Benchmark position")
        appendix = flat.rindex("Appendix 2. Benchmark against the reference units")
    assert flat.count(said) == 2
    # the peers' sentence: "most similar", or that none is similar (G18-A9: Qingshi's nearest is 52 points apart)
    peers = flat.index("No reference unit scores similarly" if lang == "en" else "没有得分结构相近", rank)
    assert rank < flat.index(said) < peers
    assert flat.index(said, appendix) > appendix
