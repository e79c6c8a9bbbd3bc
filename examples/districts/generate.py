#!/usr/bin/env python3
"""Writes the FICTIONAL example data for ``lcity batch`` and ``lcity trend``.

Everything this script writes is invented: Hexi City (河西市) of Zhongyuan Province (中原省), its
districts and counties, every figure, every document title and every expert. It describes no real
place. The files are committed as data; this script is how they were made, and running it again
writes exactly the same bytes (seeded random numbers, no dates taken from the clock):

* ``examples/districts/<slug>.yaml``: 18 self-assessments of Hexi City's 11 districts and 7
  counties for the 2024–2025 cycle: strong, middling and weak units, four development strategies,
  some answers ``unknown`` (weak units know less about themselves) and some ``not_applicable``
  (no district can join the UNESCO network on its own; counties without a university);
* ``examples/districts/<slug>.review.yaml``: expert reviews of two of them, naming the
  assessment by its SHA-256;
* ``examples/trend/qingshi-2021.yaml``, ``-2023.yaml``, ``-2025.yaml``: three cycles of one
  district, Qingshi (青石区), improving step by step. ``districts/qingshi.yaml`` holds the same
  answers as ``trend/qingshi-2025.yaml``.

Usage (from the repository root):  python3 examples/districts/generate.py
Then check:  lcity validate examples/districts/*.yaml examples/trend/*.yaml
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

from indicators.loader import load_framework

HERE = Path(__file__).resolve().parent
TREND = HERE.parent / "trend"
SEED = 20251231
FRAMEWORK = "china-learning-city@1"
CITY, CITY_EN, PROVINCE = "河西市", "Hexi City", "中原省"

# slug, zh, en, level, population, share 60+, share employed, streets, communities, km², GDP per
# resident, strength 0..1, strategy, has a university, unknown rate, share of answers with evidence
UNITS = [
    ("lanjiang", "澜江区", "Lanjiang District", "district", 1_060_000, 0.17, 0.60, 16, 168, 92.4, 168_000, 0.93, "international", True, 0.00, 1.00),
    ("wanghu", "望湖区", "Wanghu District", "district", 940_000, 0.19, 0.57, 14, 150, 78.1, 152_000, 0.90, "culture", True, 0.00, 1.00),
    ("xinqiao", "新桥区", "Xinqiao District", "district", 1_120_000, 0.14, 0.63, 15, 172, 131.0, 176_000, 0.86, "industry", True, 0.00, 0.97),
    ("yuntai", "云台区", "Yuntai District", "district", 780_000, 0.20, 0.55, 11, 121, 64.8, 138_000, 0.80, "balance", True, 0.02, 0.95),
    ("liutang", "柳塘区", "Liutang District", "district", 650_000, 0.21, 0.54, 10, 98, 58.3, 121_000, 0.71, "culture", False, 0.04, 0.90),
    ("beiling", "北岭区", "Beiling District", "district", 560_000, 0.18, 0.56, 9, 86, 187.5, 97_000, 0.55, "balance", False, 0.08, 0.80),
    ("nanyuan", "南苑区", "Nanyuan District", "district", 720_000, 0.16, 0.59, 12, 110, 103.2, 129_000, 0.74, "industry", True, 0.04, 0.90),
    ("linxi", "临溪区", "Linxi District", "district", 610_000, 0.19, 0.55, 10, 94, 146.0, 104_000, 0.62, "international", False, 0.06, 0.85),
    ("dongbin", "东滨区", "Dongbin District", "district", 690_000, 0.15, 0.61, 11, 104, 212.7, 143_000, 0.66, "industry", False, 0.06, 0.85),
    ("fenglin", "枫林区", "Fenglin District", "district", 480_000, 0.22, 0.52, 8, 77, 121.9, 88_000, 0.47, "culture", False, 0.10, 0.70),
    ("shiqiao", "石桥县", "Shiqiao County", "county", 420_000, 0.23, 0.50, 13, 212, 1240.0, 52_000, 0.38, "balance", False, 0.16, 0.60),
    ("baiyang", "白杨县", "Baiyang County", "county", 360_000, 0.24, 0.49, 12, 186, 1580.0, 47_000, 0.28, "balance", False, 0.24, 0.50),
    ("qingquan", "清泉县", "Qingquan County", "county", 510_000, 0.21, 0.53, 15, 238, 1105.0, 66_000, 0.58, "culture", True, 0.08, 0.80),
    ("songling", "松岭县", "Songling County", "county", 290_000, 0.26, 0.47, 11, 164, 1930.0, 41_000, 0.33, "balance", False, 0.20, 0.55),
    ("hefeng", "禾丰县", "Hefeng County", "county", 450_000, 0.22, 0.52, 14, 205, 1360.0, 58_000, 0.50, "industry", False, 0.12, 0.75),
    ("longxi", "龙溪县", "Longxi County", "county", 380_000, 0.23, 0.50, 12, 178, 1475.0, 55_000, 0.43, "balance", False, 0.14, 0.65),
    ("taoxi", "桃溪县", "Taoxi County", "county", 330_000, 0.25, 0.48, 10, 150, 1012.0, 50_000, 0.36, "culture", False, 0.18, 0.60),
]

STRATEGY_DOC = {
    "balance": "《{name}推进城乡社区教育均衡发展实施方案》",
    "industry": "《{name}产教融合促进全民技能提升行动方案》",
    "culture": "《{name}文化赋能学习型{kind}建设实施意见》",
    "international": "《{name}对标国际推进学习型{kind}建设工作方案》",
}
# indicators a strategy pushes up (added to the unit's strength)
BIAS = {
    "balance": {"C1": 0.15, "C2": 0.2, "F2": 0.15, "J1": 0.2, "F1": 0.1},
    "industry": {"G3": 0.3, "D3": 0.3, "D4": 0.35, "G1": 0.15, "G2": 0.1},
    "culture": {"E4": 0.3, "K3": 0.3, "F3": 0.1, "E2": 0.1},
    "international": {"L3": 0.5, "L2": 0.3, "H1": 0.15, "H3": 0.2, "G1": 0.1},
}
# checklists whose items build on each other: an item counts only after the ones before it
CUMULATIVE = {"A2", "I2", "I4"}
# what weak units most often do not know
OFTEN_UNKNOWN = ["D3", "D4", "E3", "G1", "G3", "H1", "I3", "J3", "K2", "F4", "E4"]

EVIDENCE = {
    "A1": "《{name}建设学习型{kind}三年行动计划(2024—2026年)》",
    "A2": "{name}学习型{kind}建设领导小组成员名单及2025年会议纪要",
    "A3": "{name}“十四五”规划纲要、2025年{name}政府工作报告",
    "B1": "《河西市终身学习促进条例》",
    "B2": "{name}贯彻《河西市终身学习促进条例》实施方案",
    "C1": "街道(乡镇)社区学校名录(2025)",
    "C2": "社区(村)学习点统计表(2025)",
    "C3": "{name}社区教育联席会议纪要",
    "D1": "2025年{name}财政社区教育专项经费决算",
    "D2": "2024、2025年度{name}部门预算科目表",
    "D3": "{name}总工会企业职工教育经费抽样调查",
    "D4": "社区教育经费来源统计表",
    "E1": "“河西e学”平台{name}注册用户统计",
    "E2": "平台课程目录(2025)",
    "E3": "平台年度运营报告",
    "E4": "体验学习基地名录",
    "E5": "平台长者模式上线说明",
    "F1": "社区教育培训人次台账(2025)",
    "F2": "15分钟学习圈覆盖测算报告",
    "F3": "学习型社区(村)命名文件",
    "F4": "社区教育专职人员花名册",
    "G1": "学习型组织创建统计表",
    "G2": "{name}示范学习型组织名单",
    "G3": "{name}人社局职工继续教育统计",
    "H1": "辖区高校资源开放统计",
    "H2": "区校社区教育合作协议",
    "H3": "河西师范大学监测合作协议",
    "I1": "老年教育学员统计",
    "I2": "老年大学及老年学校名录",
    "I3": "老年人智能技术培训台账",
    "I4": "新市民、残疾人学习项目方案",
    "J1": "年度学习型{kind}建设监测报告",
    "J2": "创建工作档案目录",
    "J3": "问题整改台账",
    "J4": "示范项目成效报告",
    "K1": "学分银行服务点设立文件",
    "K2": "学分银行账户统计",
    "K3": "全民终身学习活动周方案",
    "K4": "2025年居民问卷调查报告",
    "K5": "2025年居民问卷调查报告",
    "L2": "国际会议承办文件",
    "L3": "国际交流活动记录",
}


def kind_of(level: str) -> str:
    return "城区" if level == "district" else "县"


def clamp(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return max(lo, min(hi, x))


def synth_answers(fw, spec: dict, rnd: random.Random) -> dict[str, dict]:
    """One answer per indicator from the unit's strength, strategy and some noise."""
    q = spec["q"]
    bias = BIAS[spec["strategy"]]
    answers: dict[str, dict] = {}
    for ind in fw.indicators():
        iid, a, rule = ind.id, ind.answer, ind.rule
        s = clamp(q + bias.get(iid, 0.0) + rnd.gauss(0, 0.13), 0.0, 1.15)
        if iid == "L1":
            answers[iid] = {"status": "not_applicable", "note": "全球学习型城市网络只接收城市成员,区县不能单独加入"}
            continue
        if iid == "H1" and not spec["university"]:
            answers[iid] = {"status": "not_applicable", "note": "辖区内没有高等学校"}
            continue
        if iid == "B1":  # one regulation for the whole city, in force since 2024
            answers[iid] = {"value": "own_regulation"}
        elif iid in OFTEN_UNKNOWN and rnd.random() < spec["unknown"] * 2.2:
            answers[iid] = {"status": "unknown", "note": "尚未建立统计"}
            continue
        elif a.type == "boolean":
            answers[iid] = {"value": rnd.random() < clamp(s * 1.1)}
        elif a.type == "choice":
            shares = rule.shares
            pick = min(shares, key=lambda c: (abs(shares[c] - clamp(s + rnd.gauss(0, 0.1))), c))
            if iid == "L2" and pick == "award":
                pick = "hosted"  # no district of a fictional city has won the UNESCO award
            if iid == "D2" and pick == "none" and q > 0.3:
                pick = "line"
            answers[iid] = {"value": pick}
        elif a.type == "checklist":
            items = [it.id for it in a.items if rnd.random() < clamp(s * 1.05)]
            if iid in CUMULATIVE:  # e.g. no street schools for older people without a district university
                ids = [it.id for it in a.items]
                items = ids[: next((k for k, x in enumerate(ids) if x not in items), len(ids))]
            answers[iid] = {"value": items}
        elif rule.kind == "steps":
            top = max(st.min for st in rule.steps)
            answers[iid] = {"value": max(0, int(round(s * top * 1.2 + rnd.uniform(-0.6, 0.6))))}
        else:  # linear: from the share back to the figure, then to the raw quantity
            lo, hi = rule.floor, rule.target
            figure = lo + (hi - lo) * s if s < 1 else hi * (1 + (s - 1) * 0.6)
            if s < 0.05:
                figure = lo * rnd.uniform(0.5, 1.0)
            derive = getattr(a, "derive", None)
            if derive is None:
                cap = 98.5 if a.type == "percent" else None
                value: float = round(min(figure, cap) if cap else figure, 1)
            else:
                base = spec[derive.per]
                raw = figure * base / derive.scale
                if derive.scale == 100 and derive.per in ("streets", "communities"):
                    raw = min(raw, base)  # cannot cover more streets than there are
                if a.type == "number":  # money: to the nearest 10,000 yuan
                    value = int(round(raw / 10_000) * 10_000)
                else:
                    value = int(round(raw))
            answers[iid] = {"value": value}
        v = answers[iid].get("value")
        if rnd.random() < spec["evidence"] and iid in EVIDENCE and v not in (False, "none", [], 0):
            answers[iid]["evidence"] = [EVIDENCE[iid].format(name=spec["zh"], kind=kind_of(spec["level"]))]
    # survey results: awareness and satisfaction move with strength, within realistic bounds
    for iid, lo in (("K4", 62), ("K5", 66)):
        if "value" in answers[iid]:
            answers[iid]["value"] = round(max(50.0, min(96.0, lo + 30 * q + rnd.gauss(0, 3))), 1)
    return answers


def yaml_scalar(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, list):
        return "[" + ", ".join(yaml_scalar(x) for x in v) + "]"
    if v is None:
        return "null"
    if isinstance(v, str) and v.isascii() and v.replace("_", "").isalnum():
        return v
    return json.dumps(v, ensure_ascii=False)


def render(spec: dict, answers: dict[str, dict], header: list[str], fw, *, period: tuple[int, int], date: str,
           reference_year: int) -> str:
    lines = [f"# {h}" if h else "#" for h in header]
    kind = kind_of(spec["level"])
    lines += [
        f"framework: {FRAMEWORK}",
        "",
        "city:",
        f"  id: {spec['slug']}",
        "  name:",
        f"    zh: {spec['zh']}",
        f"    en: {spec['en']}",
        f"  level: {spec['level']}",
        f"  parent: {CITY}",
        f"  parent_en: {CITY_EN}",
        f"  province: {PROVINCE}",
        "  region: central",
        f"  population: {spec['population']}",
        f"  population_60plus: {spec['population_60plus']}",
        f"  employed: {spec['employed']}",
        f"  streets: {spec['streets']}",
        f"  communities: {spec['communities']}",
        f"  area_km2: {spec['area']}",
        f"  gdp_per_capita: {spec['gdp']}",
        f"  reference_year: {reference_year}",
        "",
        "period:",
        f"  start: {period[0]}",
        f"  end: {period[1]}",
        f"evaluating_body: {spec['zh']}学习型{kind}建设领导小组办公室",
        f'date: "{date}"',
        "",
        "strategy:",
        f"  leads_with: [{spec['strategy_id']}]",
        "  evidence:",
        f"    - {yaml_scalar(STRATEGY_DOC[spec['strategy']].format(name=spec['zh'], kind=kind))}",
        "",
        "answers:",
    ]
    for dim in fw.dimensions:
        lines.append(f"  # {dim.id} {dim.name.zh}")
        for ind in dim.indicators:
            ans = answers[ind.id]
            lines.append(f"  {ind.id}:")
            for key in ("value", "status", "evidence", "note"):
                if key in ans:
                    lines.append(f"    {key}: {yaml_scalar(ans[key])}")
    return "\n".join(lines) + "\n"


STRATEGY_IDS = {"balance": "balance", "industry": "industry", "culture": "culture", "international": "international"}


def unit_spec(row) -> dict:
    (slug, zh, en, level, pop, p60, emp, streets, communities, area, gdp, q, strategy, uni, unknown, evidence) = row
    return {"slug": slug, "zh": zh, "en": en, "level": level, "population": pop,
            "population_60plus": int(round(pop * p60, -3)), "employed": int(round(pop * emp, -3)),
            "streets": streets, "communities": communities, "area": area, "gdp": gdp, "q": q,
            "strategy": strategy, "strategy_id": STRATEGY_IDS[strategy], "university": uni,
            "unknown": unknown, "evidence": evidence}


# --- Qingshi District over three cycles (hand-written, improving) --------------------------------

QINGSHI = {"slug": "qingshi", "zh": "青石区", "en": "Qingshi District", "level": "district", "streets": 12,
           "area": 86.5, "strategy": "balance", "strategy_id": "balance"}
QINGSHI_YEARS = {
    2021: dict(population=796_000, population_60plus=151_000, employed=462_000, communities=116, gdp=96_000,
               date="2022-04-18"),
    2023: dict(population=812_000, population_60plus=163_000, employed=468_000, communities=118, gdp=106_000,
               date="2024-04-12"),
    2025: dict(population=828_000, population_60plus=176_000, employed=474_000, communities=120, gdp=118_000,
               date="2026-04-10"),
}
U = {"status": "unknown", "note": "尚未建立统计"}
QINGSHI_ANSWERS = {  # indicator: (2021, 2023, 2025)
    "A1": ("plan", "plan_with_targets", "plan_with_targets"),
    "A2": (["leading_body", "ten_departments"], ["leading_body", "ten_departments"], ["leading_body", "ten_departments", "two_meetings"]),
    "A3": (["five_year_plan"], ["five_year_plan", "work_report"], ["five_year_plan", "work_report"]),
    "B1": ("provincial_only", "provincial_only", "own_regulation"),
    "B2": (False, True, True),
    "C1": (10, 11, 12),
    "C2": (84, 92, 108),
    "C3": (True, True, True),
    "D1": (3_600_000, 4_600_000, 7_200_000),
    "D2": ("line", "line", "line_growing"),
    "D3": (48.0, 55.0, 66.0),
    "D4": (4.0, 6.5, 10.0),
    "E1": (118_000, 150_000, 205_000),
    "E2": (320, 640, 860),
    "E3": (U, 31.0, 38.0),
    "E4": (9, 16, 21),
    "E5": (False, True, True),
    "F1": (350_000, 420_000, 480_000),
    "F2": (78.0, 90.0, 95.0),
    "F3": (64, 76, 88),
    "F4": (96, 124, 140),
    "G1": (34.0, 42.0, 48.0),
    "G2": (2, 4, 5),
    "G3": (120_000, 160_000, 182_000),
    "H1": (40.0, 66.0, 66.0),
    "H2": (1, 2, 2),
    "H3": (False, True, True),
    "I1": (30_000, 37_000, 43_000),
    "I2": (["district_university"], ["district_university", "street_schools"], ["district_university", "street_schools"]),
    "I3": (12_000, 19_000, 25_000),
    "I4": ([], ["programmes"], ["programmes", "participation_data"]),
    "J1": ("ad_hoc", "annual", "annual"),
    "J2": (True, True, True),
    "J3": (60.0, 70.0, 86.0),
    "J4": (2, 3, 4),
    "K1": ("provincial", "provincial", "city"),
    "K2": (58_000, 82_000, 118_000),
    "K3": (["learning_week"], ["learning_week"], ["learning_week"]),
    "K4": (74.0, 83.0, 86.5),
    "K5": (71.0, 79.0, 82.0),
    "L1": ({"status": "not_applicable", "note": "全球学习型城市网络只接收城市成员,区不能单独加入"},) * 3,
    "L2": ("none", "none", "none"),
    "L3": (1, 2, 3),
}


def qingshi_answers(year: int) -> dict[str, dict]:
    i = (2021, 2023, 2025).index(year)
    answers = {}
    for iid, values in QINGSHI_ANSWERS.items():
        v = values[i]
        if isinstance(v, dict):
            answers[iid] = dict(v)
            continue
        ans = {"value": v}
        doc = EVIDENCE.get(iid)
        if doc and not (year == 2021 and iid in ("D4", "E2", "F2", "H1")):  # 2021: some figures had no record
            text = doc.format(name="青石区", kind="城区").replace("2025", str(year)).replace("2024、", f"{year - 1}、")
            if iid == "B1" and year < 2025:
                text = "《中原省终身教育促进条例》"
            if iid == "A1" and year < 2024:
                text = f"《青石区学习型城区建设行动计划({year - 1}—{year + 1}年)》"
            ans["evidence"] = [text]
        answers[iid] = ans
    if year < 2025:
        answers["B1"]["note"] = "本区适用省级条例,河西市尚未出台地方性法规"
    return answers


def qingshi_spec(year: int) -> dict:
    y = QINGSHI_YEARS[year]
    return {**QINGSHI, **{k: v for k, v in y.items() if k != "date"}, "q": 0.0, "university": True}


# --- reviews ------------------------------------------------------------------------------------

def review_text(stem: str, spec: dict, sha: str, panel: list[tuple], lead: tuple,
                verified: list[tuple], findings: dict, conclusion: str, date: str, visits: list[str]) -> str:
    def member(m):
        return f"{{name: {m[0]}, affiliation: {m[1]}, title: {m[2]}, role: {m[3]}}}"

    lines = [
        f"# Expert panel review of examples/districts/{stem}.yaml. FICTIONAL, like the assessment: the panel,",
        "# the sites and the findings are invented. Generated by examples/districts/generate.py; do not edit",
        "# by hand (the SHA-256 below must match the assessment byte for byte).",
        "assessment:",
        f'  city: "{spec["zh"]}"',
        '  period: "2024–2025"',
        f"  sha256: {sha}",
        f'  file: "{stem}.yaml"',
        "",
        "reviewer:",
        f"  name: {lead[0]}",
        f"  affiliation: {lead[1]}",
        f"  title: {lead[2]}",
        f"  role: {lead[3]}",
        "",
        "panel:",
        *[f"  - {member(m)}" for m in panel],
        "",
        f'date: "{date}"',
        "",
        "process:",
        f'  start: "{date[:-2]}{int(date[-2:]) - 3:02d}"',
        f'  end: "{date[:-2]}{int(date[-2:]) - 1:02d}"',
        "  material_review: true",
        "  site_visits:",
        *[f'    - {{date: "{date[:-2]}{int(date[-2:]) - 2:02d}", unit: {v}}}' for v in visits],
        "  symposia:",
        f'    - {{date: "{date[:-2]}{int(date[-2:]) - 1:02d}", topic: 部门座谈会, participants: 区财政局、民政局、人社局、总工会}}',
        f'    - {{date: "{date[:-2]}{int(date[-2:]) - 1:02d}", topic: 居民座谈会, participants: 两个社区居民代表12人}}',
        "  survey: {sample: 600, method: 按街道分层随机抽样, awareness: "
        f"{next(v for k, v, _ in verified if k == 'K4')}, satisfaction: {next(v for k, v, _ in verified if k == 'K5')}}}",
        "",
        "verified:",
    ]
    for iid, value, reason in verified:
        lines.append(f"  {iid}:")
        if isinstance(value, tuple) and value[0] == "score_change":
            lines.append(f"    score_change: {value[1]}")
        else:
            lines.append(f"    value: {yaml_scalar(value)}")
        lines.append(f"    reason: {yaml_scalar(reason)}")
    lines += ["", "findings:"]
    for key in ("strengths", "problems", "recommendations"):
        lines.append(f"  {key}:")
        lines += [f"    - {yaml_scalar(t)}" for t in findings[key]]
    lines += ["", "vetoes: []", "", f"conclusion: {yaml_scalar(conclusion)}"]
    return "\n".join(lines) + "\n"


def main() -> None:
    fw = load_framework(FRAMEWORK)
    rnd = random.Random(SEED)
    written: dict[Path, str] = {}
    header = ["FICTIONAL self-assessment for the batch demo: {zh} ({en}) of Hexi City (河西市), a city that does",
              "not exist. Every name, figure and document title below is invented. Generated by",
              "examples/districts/generate.py (seed {seed}); do not edit by hand: change the script and run it again.",
              "Try: lcity batch examples/districts -o out/"]
    texts: dict[str, str] = {}
    answers_of: dict[str, dict] = {}
    for row in UNITS:
        spec = unit_spec(row)
        answers = answers_of[spec["slug"]] = synth_answers(fw, spec, rnd)
        h = [line.format(zh=spec["zh"], en=spec["en"], seed=SEED) for line in header]
        day = 1 + rnd.randrange(28)
        texts[spec["slug"]] = render(spec, answers, h, fw, period=(2024, 2025), date=f"2026-04-{day:02d}",
                                     reference_year=2025)
        written[HERE / f"{spec['slug']}.yaml"] = texts[spec["slug"]]
    # Qingshi: the hand-written trend series; its 2025 cycle is also part of the batch folder
    for year, start in ((2021, 2020), (2023, 2022), (2025, 2024)):
        spec = qingshi_spec(year)
        h = [f"FICTIONAL self-assessment for the trend demo: Qingshi District (青石区) of Hexi City, cycle {start}–{year}.",
             "Every name, figure and document title below is invented. Generated by examples/districts/generate.py;",
             "do not edit by hand. Try: lcity trend examples/trend/qingshi-2021.yaml examples/trend/qingshi-2023.yaml "
             "examples/trend/qingshi-2025.yaml"]
        text = render(spec, qingshi_answers(year), h, fw, period=(start, year), date=QINGSHI_YEARS[year]["date"],
                      reference_year=year)
        written[TREND / f"qingshi-{year}.yaml"] = text
        if year == 2025:
            hb = [line.format(zh="青石区", en="Qingshi District", seed=SEED) for line in header]
            texts["qingshi"] = render(spec, qingshi_answers(year), hb, fw, period=(start, year),
                                      date=QINGSHI_YEARS[year]["date"], reference_year=year)
            written[HERE / "qingshi.yaml"] = texts["qingshi"]

    # two reviews
    sha = {slug: hashlib.sha256(t.encode("utf-8")).hexdigest() for slug, t in texts.items()}
    specs = {row[0]: unit_spec(row) for row in UNITS}
    lead = ("周明远", "河西师范大学继续教育学院", "教授", "组长")
    panel = [lead, ("李晓岚", "中原省教育科学研究院", "研究员", "成员"), ("王建国", "河西市财政局", "高级会计师", "成员"),
             ("陈思雨", "河西市社区教育指导中心", "副主任", "成员")]
    la, be = answers_of["lanjiang"], answers_of["beiling"]
    la_d1 = int(round(la["D1"]["value"] * 0.9 / 10_000) * 10_000)
    written[HERE / "lanjiang.review.yaml"] = review_text(
        "lanjiang", specs["lanjiang"], sha["lanjiang"], panel, lead,
        [("D1", la_d1, "经核对2025年决算表,自评数含一次性设备采购经费,不计入,按核定数计"),
         ("K4", 88.5, "以专家组抽样调查结果为准(有效样本600份)"),
         ("K5", 86.0, "以专家组抽样调查结果为准(有效样本600份)"),
         ("J4", ("score_change", -0.5), "1个示范项目缺少成效数据,按评分细则扣0.5分")],
        {"strengths": ["对标国际开展学习型城区建设,国际交流合作活跃", "经费保障充足,专项预算连续增长"],
         "problems": ["国际交流活动的成果转化不足", "部分示范项目缺少成效数据"],
         "recommendations": ["建立国际交流项目成效评估机制", "完善示范项目的过程记录和成效评价"]},
        "专家组认为,澜江区学习型城区建设目标明确、保障有力、特色鲜明,建议认定为示范区。",
        "2026-05-22", ["澜江区社区学院", "江滨街道社区学校", "澜江区图书馆"])
    lead2 = ("孙立群", "中原省社区教育研究中心", "研究员", "组长")
    panel2 = [lead2, ("赵文静", "河西开放大学", "副教授", "成员"), ("刘海涛", "河西市教育局", "一级调研员", "成员")]
    be_c1 = max(1, be["C1"]["value"] - 2)
    written[HERE / "beiling.review.yaml"] = review_text(
        "beiling", specs["beiling"], sha["beiling"], panel2, lead2,
        [("C1", be_c1, f"实地核查,自评的{be['C1']['value']}个街道社区学校中有2个未正常开展教学活动"),
         ("K4", 71.5, "以专家组抽样调查结果为准(有效样本600份)"),
         ("K5", 74.0, "以专家组抽样调查结果为准(有效样本600份)"),
         ("D2", "line", "查阅2024、2025年预算,专项科目两年均单列,但增幅低于教育经费增幅")],
        {"strengths": ["城乡社区学习点布局较完整"],
         "problems": ["部分街道社区学校未正常运行", "居民知晓度低于80%的要求", "经费增长机制尚未建立"],
         "recommendations": ["对未正常运行的社区学校限期整改", "加强学习型城区建设宣传,提高居民知晓度"]},
        "专家组认为,北岭区学习型城区建设基础尚需加强,经核实后总分未达到暂缓认定线,多个维度低于60%底线,建议不予认定,整改后重新申请。",
        "2026-05-27", ["北岭区社区学院", "岭南街道社区学校"])

    for path, text in written.items():
        check_text(text, path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(HERE.parent.parent)}")


def check_text(text: str, path: Path) -> None:
    """Every character must be in the report font (GB2312 hanzi, ASCII, a few symbols)."""
    for ch in text:
        if ch.isascii() or ch in "–—“”、。,():《》·":
            continue
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            raise SystemExit(f"{path}: character {ch!r} is not in GB2312 (the report font's subset)") from None


if __name__ == "__main__":
    main()
