"""The pathway's practices are worded as what the unit's answers show (G18-A6, G18-B9).

* A practice is named by the item the unit holds: Danxia County holds the checklist item "a national
  Learning Star or lifelong-learning brand project", so the practice does not read as both.
* A practice read from some items of a checklist gives its figure as the share of those items, with
  the indicator's own share beside it: F6's local curricula at 100 % while F6 scores 50 %.
* H1 is worded as what it measures (the unit's colleges opening their doors), not as Wuhan's
  "科教兴市" slogan, which one vocational school opening its doors would overclaim.
* A practice named as the type's strength in a dimension below the floor says that the type rests
  there on that practice alone and that the dimension as a whole is below the floor, never that the
  exchange is "活跃" / "active" (Qingshi's L3 beside L at 50 %): in ``lcity benchmark`` and in the
  report's 四（二） and 七（一）.

Reports are rendered to HTML in-process and read as text; the benchmark runs as a user runs it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evaluator.benchmark import benchmark
from reports.render import render_html

from .conftest import EXAMPLES, lcity, plain, scored_reviewed

DANXIA = Path(__file__).resolve().parent / "audit_reports_g18" / "danxia-county.yaml"
QINGSHI = EXAMPLES / "qingshi-district.yaml"


def _text(path: Path, lang: str) -> str:
    result, fw, assessment = scored_reviewed(path)
    return plain(render_html(result, benchmark(result, fw), fw, assessment, lang=lang, date="2026-04-10"))


@pytest.fixture(scope="module")
def danxia() -> dict[str, str]:
    return {lang: _text(DANXIA, lang) for lang in ("zh", "en")}


@pytest.fixture(scope="module")
def qingshi() -> dict[str, str]:
    return {lang: _text(QINGSHI, lang) for lang in ("zh", "en")}


def _features(text: str, zh: bool) -> str:
    """Section 四（二）, the pathway's features, as the chapter (not the contents) reads it."""
    if zh:
        return text[text.rindex("（二）发展路径特征"):text.rindex("五、存在问题")]
    return text[text.rindex("(2) Pathway features"):text.rindex("5. Problems")]


def _evidence(text: str, zh: bool) -> str:
    """The deciding evidence of 七（一）."""
    start = text.rindex("判定依据（" if zh else "The deciding evidence (")
    return text[start:text.index("判定方法：" if zh else "Method: ", start)]


def test_the_brand_practice_is_named_by_the_item_held_not_as_both(danxia):
    zh, en = _features(danxia["zh"], True), _features(danxia["en"], False)
    assert "教育品牌（获评全国百姓学习之星或终身学习品牌项目）" in zh
    assert "全国百姓学习之星、终身学习品牌项目" not in danxia["zh"]
    assert "Educational brands (a national Learning Star or lifelong-learning brand project)" in en
    assert "national Learning Stars and lifelong-learning brand projects" not in danxia["en"]


def test_a_practice_of_some_items_gives_the_indicators_own_share_beside_its_own(danxia):
    zh, en = _evidence(danxia["zh"], True), _evidence(danxia["en"], False)
    # F6 scores 0.50 of 1 (one of its two items): the practice's 100 % is said to be its one item's
    assert "开发并开设面向本地居民需求的本土特色课程（有课程目录）（具备），按这一项计得分率100%（F6整体得分率50%）" in zh
    assert "(held), 100% on this item alone (F6 as a whole: 50% of its points)" in en
    assert "（具备），得分率100%" not in zh and "(held), 100% of the points" not in en
    # a practice that is the whole indicator keeps its plain share
    assert "H1 高校资源向社区开放（院校资源开放：辖区院校向居民开放课程、图书馆或场馆）：100%，得分率100%" in zh


def test_h1_is_worded_as_what_it_measures_not_as_the_slogan(danxia):
    zh, en = danxia["zh"], danxia["en"]
    assert "科教兴市（" not in zh and "科教兴市：" not in zh and "高校资源向市民开放" not in zh
    assert "院校资源开放（辖区院校向居民开放课程、图书馆或场馆）" in _features(zh, True)
    assert "Developing the city through science and education (" not in en
    assert "Colleges open to residents (the unit's universities or vocational colleges open courses, libraries or " \
           "venues to residents)" in _features(en, False)


def test_a_strength_in_a_dimension_below_the_floor_is_said_to_stand_alone_there(qingshi, danxia):
    zh, en = _features(qingshi["zh"], True), _features(qingshi["en"], False)
    assert "对接国际（开展国际交流合作）" in zh
    assert "其中“对接国际”（L3）所在的L 国际交流合作维度整体得分率50%，低于60%的底线：“国际化导向型”在该维度只依据L3一项。" in zh
    assert "Of these, 'Connecting with the international community' (L3) lies in L International exchange, which as a " \
           "whole is at 50%, below the 60% floor: the 'Internationalisation-oriented' call rests there on L3 alone." in en
    # Danxia's F6 stands out in F at 50 %; K (unknown K2, not yet judged) and H (met) get no such note
    dz = _features(danxia["zh"], True)
    assert "其中“依托历史文脉”（F6）所在的F 社区教育支点维度整体得分率50%，低于60%的底线" in dz
    assert "K 市民参与与激励维度整体" not in dz and "H 校地联盟" not in dz


def test_the_deciding_evidence_says_the_dimension_below_the_floor(qingshi):
    zh, en = _evidence(qingshi["zh"], True), _evidence(qingshi["en"], False)
    assert re.search(r"L3 国际交流合作活动（对接国际：开展国际交流合作）：3项，得分率100%，高于本单位平均\d+个百分点；"
                     r"L维度整体得分率50%，低于60%的底线", zh)
    assert re.search(r"100% of the points, \d+ percentage points above the unit's own average; dimension L as a whole "
                     r"is at 50%, below the 60% floor", en)
    # G1 below the unit's average is not presented as standing out: no note on it
    assert not re.search(r"G1 [^•]*低于本单位平均\d+个百分点；", zh)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_active_wording_for_the_international_practice(qingshi, lang):
    text = qingshi[lang]
    assert "国际交流合作活跃" not in text and "active international exchange" not in text


def test_benchmark_names_the_international_practice_without_calling_it_active():
    zh = lcity("benchmark", str(QINGSHI), "--lang", "zh")
    en = lcity("benchmark", str(QINGSHI), "--lang", "en")
    assert zh.returncode == 0 and en.returncode == 0, zh.stderr + en.stderr
    assert "突出的做法：L3 对接国际：开展国际交流合作；G2 以学习型组织建设为支撑：示范学习型组织" in zh.stdout
    assert "其中“对接国际”（L3）所在的L 国际交流合作维度整体得分率50%，低于60%的底线：“国际化导向型”在该维度只依据L3一项。" \
        in zh.stdout
    assert "活跃" not in zh.stdout and "active international" not in en.stdout
    assert "practices that stand out: L3 Connecting with the international community: international exchanges and " \
           "partnerships; G2 Supported by learning organisations: model learning organisations" in en.stdout
    assert "the 'Internationalisation-oriented' call rests there on L3 alone." in en.stdout
    # the weakest dimensions still list L, now with the pathway's line saying why both hold
    assert "  L 国际交流合作（50%）" in zh.stdout


def test_benchmark_of_the_county_names_its_brand_and_colleges_as_held():
    zh = lcity("benchmark", str(DANXIA), "--lang", "zh").stdout
    assert "K3 教育品牌：获评全国百姓学习之星或终身学习品牌项目" in zh
    assert "H1 院校资源开放：辖区院校向居民开放课程、图书馆或场馆" in zh
    assert "科教兴市" not in zh
    # E4 (57 %) stands out above the county's own 52 % while E is at 18 %: said so
    assert "其中“建设文化实体”（E4）所在的E 数字平台、资源与沉浸式场景维度整体得分率18%，低于60%的底线" in zh


def test_a_partly_held_practice_is_named_by_the_items_held():
    from evaluator.result import PathwayEvidence
    from indicators.loader import load_framework
    from reports.context_pathway import practice_named

    fw = load_framework("china-learning-city@2")
    ind = fw.indicator("G4").at_level("city", fw.unit_name("city"))
    e = PathwayEvidence(pathway="industry", indicator="G4", name="", name_zh="", practice=next(
        f.practice.en for t in fw.pathways.types for f in t.features if f.indicator == "G4"),
        practice_zh="", value=["industry_aligned"], intensity=0.5, vs_own=0.1, weight=0.2)
    named = practice_named(fw, ind, e, "en")
    assert named.startswith(ind.name.en + ": ")
    assert "Covering every organisation" not in named
    held = next(i.en for i in ind.answer.items if i.id == "industry_aligned")
    assert named.endswith(held)
