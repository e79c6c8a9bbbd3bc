"""G26-C: what an answer's own words say against its figure (tests/audit_cities/g26c/AUDIT.md; G25R-8, -9, -10).

``lcity validate`` warns of a figure its note calls an estimate (``estimated-figure``), of a survey rate
its note says no survey produced, of a note that claims completeness beside a share below 100 %
(``note-contradicts-share``) and of an evidence title named for another district, county or city
(``other-place-evidence``); ``lcity score`` counts them in its warning line and the report's 五（四）
puts each to the panel. Henglan (横岚区, tests/audit_cities/g25r) is the unit that has them all; the
flagship examples and every other audit unit that has none stay without them.
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from evaluator.note_checks import (
    claims_complete,
    estimate_words,
    other_places,
    place_names,
    says_no_survey,
)

from .conftest import EXAMPLES, ROOT, lcity_here

G25R = ROOT / "tests" / "audit_cities" / "g25r"
HENGLAN = G25R / "henglan-district-estimates.yaml"
QINGSHI = EXAMPLES / "v2" / "qingshi-district-2025.yaml"
NEW_RULES = ("estimated-figure", "note-contradicts-share", "other-place-evidence")


def _warnings(path: Path, lang: str = "en") -> list[str]:
    proc = lcity_here("validate", str(path), "--lang", lang)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return [line for line in proc.stdout.splitlines() if re.search(r" (warning|警告) [a-z-]+:", line)]


def _ours(lines: list[str]) -> list[str]:
    return [line for line in lines if any(f" {r}:" in line for r in NEW_RULES)]


def _edited(tmp_path: Path, src: Path, edits: list[tuple[str, str]], name: str = "t.yaml") -> Path:
    text = src.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    out = tmp_path / name
    out.write_text(text, encoding="utf-8")
    return out


# --- validate: the warnings, at the field, in both languages --------------------------------------


def test_henglan_estimates_are_warned_at_their_notes():
    lines = _ours(_warnings(HENGLAN))
    est = [line for line in lines if " estimated-figure:" in line]
    assert [re.search(r"warning estimated-figure: (\w+)'s", line).group(1) for line in est] == \
        ["D1", "E1", "F1", "G3", "I1", "K5"]
    d1 = next(line for line in est if "D1's" in line)
    assert d1.startswith(f"{HENGLAN}:78:11: warning estimated-figure: D1's note says the figure is an estimate "
                         "('按预算数估算，决算尚未出'), not a count or a checked figure; the score reads it as counted")
    assert "write status: unknown" in d1


def test_a_survey_never_run_is_said_so_and_not_asked_its_sample():
    lines = _warnings(HENGLAN)
    k5 = [line for line in lines if " K5" in line or "K5's" in line or "K5：" in line]
    assert len(k5) == 1, k5  # not also "K5: 80 % has no sample_size" (survey-sample)
    assert ":249:11: warning estimated-figure: K5's note says no survey was run ('未单独调查，参照K4估计'): 80 % is " \
           "no survey's result, yet the score reads it as one and the 70 % condition of recognition is judged on it" in k5[0]
    zh = [line for line in _warnings(HENGLAN, "zh") if "K5 " in line]
    assert "K5 的填报说明表明没有开展调查（“未单独调查，参照K4估计”）：80% 不是问卷调查得出的比率，评分却把它当作调查结果，" \
           "并据此判断是否达到70%的认定条件" in zh[0]


def test_completeness_claims_beside_a_share_below_100():
    lines = [line for line in _warnings(HENGLAN) if " note-contradicts-share:" in line]
    assert len(lines) == 2
    assert ":65:11: warning note-contradicts-share: C1's note says '已实现街道社区学校全覆盖', but the answer is 7 of 10 " \
           "streets and townships, 70 %, below 100 %: both cannot be true" in lines[0]
    assert ":132:11: warning note-contradicts-share: F2's note says '15分钟学习圈已全面建成', but the figure is 63 %" in lines[1]
    zh = [line for line in _warnings(HENGLAN, "zh") if " note-contradicts-share:" in line]
    assert "C1 的填报说明称“已实现街道社区学校全覆盖”，但填报数为7，街道、乡镇总数为10，即70%，低于100%：两者不能都对" in zh[0]


def test_copied_evidence_is_said_once_per_place_at_its_first_title():
    lines = [line for line in _warnings(HENGLAN) if " other-place-evidence:" in line]
    assert len(lines) == 2
    assert lines[0].startswith(f"{HENGLAN}:38:7: warning other-place-evidence: A1's evidence '《金湾区建设学习型城区行动计划")
    assert "is named for another district, not for the district or the places above it (Henglan District, Xiangchuan, " \
           "Hunan): it may be a document copied from another unit's file (the evidence of A3, B1, G4, H3, K3 is named " \
           "for the same district)" in lines[0]
    assert "G2's evidence '东澄市示范学习型企业、机关命名文件' is named for another city" in lines[1]
    zh = [line for line in _warnings(HENGLAN, "zh") if " other-place-evidence:" in line]
    assert "以金湾区为名，不是本区或所属上级（横岚区、湘川市、湖南省）的材料，可能是照抄的其他地区的文件" in zh[0]
    assert "请在该项的 note 中说明" in zh[0]


def test_a_note_that_names_the_place_explains_the_document(tmp_path):
    """'与金湾区共享' in the note: the document is said to be 金湾区's, so A1 is not warned of."""
    path = _edited(tmp_path, HENGLAN, [("    value: plan_with_targets\n",
                                        "    value: plan_with_targets\n    note: 沿用金湾区的行动计划（两区联合印发）\n")])
    lines = [line for line in _warnings(path) if " other-place-evidence:" in line and "金湾区" in line]
    assert "A1's evidence" not in lines[0] and lines[0].split(": warning")[0].endswith(":52:7")  # A3 first now


def test_rules_are_listed_in_both_languages():
    en = lcity_here("validate", "--rules").stdout
    zh = lcity_here("validate", "--rules", "--lang", "zh").stdout
    for rule in NEW_RULES:
        assert re.search(rf"^{rule} +A warning", en, re.M), rule
        assert re.search(rf"^{rule} +警告", zh, re.M), rule


def test_score_counts_them_in_its_warning_line():
    proc = lcity_here("score", str(HENGLAN), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    note = " ".join(proc.stderr.split())
    assert "11 warnings (evidence named for another place, notes that contradict their figures, estimated figures, " \
           "survey rates with a threshold within their margin of error); run lcity validate" in note, note
    zh = " ".join(lcity_here("score", str(HENGLAN), "--lang", "zh").stderr.split())
    assert "11 个警告（以其他地区为名的佐证材料、与数值矛盾的填报说明、估计的数字、调查比率的达标门槛在误差范围内）" in zh, zh


# --- the report: 五（四）asks the panel ---------------------------------------------------------------

HEADING = {"zh": "请专家组核实的填报", "en": "Answers for the panel to check"}


@pytest.fixture(scope="module")
def henglan_pages(tmp_path_factory) -> dict[str, list[str]]:
    out = tmp_path_factory.mktemp("henglan")
    items = {}
    for lang in ("zh", "en"):
        page = out / f"{lang}.html"
        proc = lcity_here("report", str(HENGLAN), "--lang", lang, "--html", str(page))
        assert proc.returncode == 0, proc.stderr
        text = page.read_text(encoding="utf-8")
        body = text[text.index('id="sec-problems"'):]
        body = body[:body.index("</section>")]
        group = body[body.index(HEADING[lang]):]
        group = group[:group.index("</ul>")]
        items[lang] = [" ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", li)).split())
                       for li in re.findall(r"<li>(.*?)</li>", group, flags=re.DOTALL)]
    return items


def test_report_puts_each_to_the_panel(henglan_pages):
    zh = henglan_pages["zh"]
    assert [item.split(" ")[0] for item in zh] == ["A1", "C1", "D1", "E1", "F1", "F2", "G2", "G3", "I1", "K5"]
    assert "C1 街道（乡镇）社区学校覆盖：C1 的填报说明称“已实现街道社区学校全覆盖”，但填报数为7，街道、乡镇总数为10，即70%，" \
           "低于100%：两者不能都对。请专家组核实后再确认C1的得分。" in zh
    assert any(item.startswith("K5 居民满意度：K5 的填报说明表明没有开展调查") for item in zh)
    assert not any("调查的样本" in item for item in zh)  # K5's sample of a survey never run is not asked
    en = henglan_pages["en"]
    assert "D1 Public community/lifelong-education funds per resident: D1's note says the figure is an estimate " \
           "('按预算数估算，决算尚未出'), not a count or a checked figure; the score reads it as counted. The panel " \
           "should check it before confirming the score of D1." in en


# --- no false warnings ---------------------------------------------------------------------------

#: the units whose evidence still names another unit's documents, and why each is a true warning
COPIED = {
    "g25r/henglan-district-estimates.yaml", "g25r/jinxiu-district-veto.yaml", "g25r/shuguang-district-digital.yaml",
    "g25r/chengpu-countycity-intl.yaml",  # written from g22r's 金湾区 (AUDIT G25R: "their evidence titles still name 金湾区's")
    "g22r/tongxi-district-smallsample.yaml",  # likewise: 《金湾区产业工人…》, 《东澄市学分银行管理办法》 in 桐溪区 (云州市)
    "g21/linjiang-city-level.yaml",  # 临江市's own credit bank (K1 city) evidenced by 苏阳市学分银行管理办法
}


def _later_round(path: Path) -> bool:
    """A unit of an audit round after this one (tests/audit_cities/g27…): written, some of them, to
    show these very warnings; the ones they pin are the units that stood when the rules came."""
    parts = path.relative_to(ROOT).parts
    if len(parts) < 4 or parts[:2] != ("tests", "audit_cities"):
        return False
    m = re.match(r"g(\d+)", parts[2])
    return m is not None and int(m.group(1)) > 26


def _audit_units() -> list[Path]:
    found = sorted(set(EXAMPLES.glob("*.yaml")) | set(EXAMPLES.glob("*/*.yaml"))
                   | set((ROOT / "tests" / "audit_cities").glob("**/*.yaml")))
    out = []
    for path in found:
        if _later_round(path):
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError:  # a file written to test the reader itself
            continue
        if isinstance(data, dict) and isinstance(data.get("answers"), dict) \
                and str(data.get("framework", "")).startswith("china-learning-city"):
            out.append(path)
    return out


def test_no_other_unit_gains_these_warnings():
    units = _audit_units()
    assert len(units) > 60
    proc = lcity_here("validate", *map(str, units), "--lang", "en")
    warned = sorted({line.split(":")[0] for line in proc.stdout.splitlines()
                     if any(f" warning {r}:" in line for r in NEW_RULES)})
    root = str(ROOT / "tests" / "audit_cities") + "/"
    assert [w.replace(root, "") for w in warned] == sorted(COPIED | {"g25r/henglan-district-estimates.yaml"}) or \
        sorted(w.replace(root, "") for w in warned) == sorted(COPIED), warned


def test_flagship_examples_stay_without_warnings():
    for path in sorted(EXAMPLES.glob("*.yaml")) + [QINGSHI]:
        if "review" in path.name:
            continue
        assert _ours(_warnings(path)) == [], path


@pytest.mark.parametrize("title", [
    "2025年城市社区学习中心名录", "市民学习卡发放记录", "区县联动工作方案", "《国家级全民终身学习示范区申报材料》",
    "2025年学习型城市建设监测报告", "高新区管委会文件", "粤港澳大湾区合作", "本区各街道名录", "全市统一平台",
    "市级示范项目", "上市公司职工培训", "市场监管局培训记录", "县域职业教育", "区域教育联盟", "老城区改造",
    "经济开发区管委会", "全县12个乡镇", "中心城区", "省市县三级联动", "各区县教育局", "主城区学习点",
    "县市区教育局长会议", "区委宣传部", "新市民学习项目", "2024年度区级学习型社区名单",
])
def test_words_with_a_place_suffix_are_no_places(title):
    assert place_names(title) == []


def test_names_are_read_where_they_stand():
    assert place_names("2025年度青石区报告") == ["青石区"]
    assert place_names("北京市朝阳区文件") == ["北京市", "朝阳区"]
    assert place_names("东澄大学《金湾区学习型城区建设监测报告（2025）》") == ["金湾区"]


def test_the_units_own_places_and_relations_are_not_others():
    own = dict(unit="横岚区", parent="湘川市", province="湖南省", level_suffixes="区县市")
    assert other_places("2025年湘川市国际论坛交流材料", **own) == []
    assert other_places("湖南省湘川市横岚区文件", **own) == []
    assert other_places("与金湾区合作协议", **own) == []
    assert other_places("横岚区与金湾区结对共建方案", **own) == []
    assert other_places("《金湾区行动计划》", **own) == ["金湾区"]
    # a city names its own districts; a district without its parent given may name its city
    assert other_places("《金湾区行动计划》", unit="东澄市", parent=None, province="江苏省", level_suffixes="市") == []
    assert other_places("《东澄市学分银行管理办法》", unit="金湾区", parent=None, province=None,
                        level_suffixes="区县") == []


@pytest.mark.parametrize("note", ["人均约6.7元", "约16万人", "人均约2.5元；按常住人口推算", "非估算数，为决算数",
                                  "已建成7个，另3个预计2026年建成", "区老年大学原有约1.9万名学员", "about 160,000 users"])
def test_what_only_resembles_an_estimate_is_none(note):
    assert estimate_words(note, []) is None


@pytest.mark.parametrize("note", ["按预算数估算，决算尚未出", "约16万人，估计数", "预计全年约30万人次（按上半年数据推算）",
                                  "约数", "估算", "an estimate from the first half-year", "projected from six months",
                                  "extrapolated from the spring count"])
def test_estimates_are_read(note):
    assert estimate_words(note, []) is not None


def test_a_survey_named_is_a_survey():
    assert says_no_survey("未单独调查，参照K4估计") and says_no_survey("not surveyed separately")
    assert not says_no_survey("未单独调查，与K4同一问卷") and not says_no_survey("样本覆盖全区10个街道")


@pytest.mark.parametrize("note", ["力争全覆盖", "基本实现全覆盖", "计划2026年实现全覆盖", "almost every street has one",
                                  "全县规上企业仅26家，全部核查，11家足额提取", "尚未全覆盖"])
def test_plans_and_near_misses_claim_nothing(note):
    assert claims_complete(note) is None


# --- properties ----------------------------------------------------------------------------------

F2_ANSWER = "  F2:\n    value: 63\n    evidence:\n    - 学习圈测算表\n    note: 15分钟学习圈已全面建成\n"


@settings(max_examples=25, deadline=None)
@given(value=st.one_of(st.integers(0, 100), st.floats(0, 100, allow_nan=False)),
       note=st.sampled_from(["15分钟学习圈已全面建成", "已实现全覆盖", "覆盖率100%", "all streets are covered", "按学习圈测算"]))
def test_a_full_share_never_contradicts_a_note(tmp_path_factory, value, note):
    """F2 at 100 % (or a figure shown as 100 %) never gets note-contradicts-share, whatever its note
    claims; below 100 % with a claim it always does; without a claim never."""
    text = HENGLAN.read_text(encoding="utf-8").replace(F2_ANSWER, f"  F2:\n    value: {value!r}\n    evidence:\n"
                                                                  f"    - 学习圈测算表\n    note: {note}\n")
    path = tmp_path_factory.mktemp("f2") / "t.yaml"
    path.write_text(text, encoding="utf-8")
    warned = any("F2's note" in line for line in _warnings(path) if " note-contradicts-share:" in line)
    claims = note != "按学习圈测算"
    assert warned == (claims and round(value, 2) < 100), (value, note)  # 99.999 is shown, and read, as 100 %


#: words lcity's units write in evidence titles that end in or hold 区, 县 or 市 without naming a place
ORDINARY = ["城市", "社区", "学习型城市", "学习型城区", "示范区", "县域", "市民", "新市民", "全市", "本区", "各区县", "市级",
            "区级", "2025年", "年度", "建设", "方案", "监测报告", "学习中心", "高新区", "开发区", "城区", "市场", "省市县",
            "《", "》", "、", "（", "）", "终身教育", "街道", "老年大学", "大湾区", "市区两级"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(ORDINARY), min_size=1, max_size=8))
@example(["老年大学", "市区两级"])  # read "大学市" as a place, after 年 (session 28)
def test_ordinary_words_name_no_place(words):
    """Any title made of ordinary words (城市, 社区, 学习型城区, 示范区, 县域, 市民 …) names no place."""
    assert place_names("".join(words)) == []
