"""The commented self-assessment template written by ``lcity init``.

The template is the form an official fills in, so every question appears as a comment in the
chosen language with its unit, its choices and the evidence expected. Every answer starts as
``value: null``: the file fails validation until each indicator is answered or marked unknown,
so a half-filled form can never be scored by mistake.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path

from evaluator.upgrade import plan
from indicators.messages import agree
from indicators.models import Framework, Indicator
from reports.form_fields import asked_profile, china_form, level_figures
from reports.questionnaire import evidence_names, from_parent_note

TEXT = {
    "zh": {
        "title": "学习型城市建设自评表",
        "how": [
            "填写说明：每个指标填写 value（数值、true/false、选项代码或清单），",
            "或写 status: unknown（无数据）/ status: not_applicable（不适用，须在 note 说明理由）。",
            "数量请填原始数字（元、人、门），不要写单位、千分位或“万”；人均等指标由系统按人口折算。",
            "填好后运行：lcity validate 本文件.yaml",
        ],
        "how_raw": "数量请填原始数字（{units}），不要写单位、千分位或“万”；比率由系统折算。",
        "how_value": "填写说明：每个指标填写 value（{kinds}），",
        "kinds": {"number": "数值", "boolean": "true/false", "choice": "选项代码", "checklist": "清单"},
        "kinds_or": "或",
        "how_raw_plain": "数量请填原始数字，不要写单位、千分位或“万”；比率由系统折算。",
        "profile": "基本情况（原始数字；未知填 null）",
        "q": "问", "unit": "单位", "derived": "系统折算为", "choices": "选项", "items": "清单项（可多选）",
        "bool": "填 true 或 false", "evidence": "佐证", "points": "分",
        "measure": "计算方法", "numerator": "分子", "denominator": "分母", "data_source": "数据来源",
        "deduplication": "去重规则", "reference_date": "统计时点", "at_most": "不得多于",
        "survey": "标准问卷", "scale": "计分", "sample": "最低样本", "stratify": "抽样",
        "sample_field": "有效问卷数（不少于{n}份）",
        "veto_line": "一票否决：答 {when} 即触发“{name}”，不论总分，{result}",
        "veto_refused": "结论为“{refused}”", "veto_graded": "评为“{grade}”，结论为“{refused}”",
        "survey_line": "门槛：“{recognised}”要求不低于 {min}%",
        "margin_note": "（门槛落在抽样误差范围内时，lcity validate 会提示）",
        "name_required": {"zh": "本框架要求填写中文名称", "en": "本框架要求填写英文名称"},
        "not_here": "以下指标不适用于{unit}级单位，无需填写（其分值按比例分配给同维度其他指标）：",
        "fields": {
            "level": "city（市） | district（区） | county（县）",
            "parent": "所属城市（区县填写）",
            "province": "省份",
            "parent_en": "所属城市英文名（英文报告用，可不填）",
            "province_en": "省份英文名（英文报告用，可不填）",
            "region": "east（东部） | central（中部） | west（西部）",
            "population": "常住人口（人）",
            "population_60plus": "60岁及以上常住人口（人）",
            "employed": "从业人员（人）",
            "streets": "街道（乡镇）个数",
            "communities": "社区（村）个数",
            "area_km2": "面积（平方公里）",
            "gdp_per_capita": "人均地区生产总值（元）",
            "reference_year": "以上数字所属年份",
        },
        "period": "评估期（起止年份；截止年份一般即上面的 reference_year，报告编号 LC-…-年份 取截止年份）",
        "body": "自评单位",
        "body_en": "自评单位英文名（英文报告用，可不填）",
        "date": "自评日期 YYYY-MM-DD",
        "strategy": "发展路径（自述）：本地以何为先？可多选 balance（城乡均衡） | international（国际对标） | industry（产业与市场机制） | culture（文化传承与品牌）；报告将其与各项做法实际显示的类型并列，不据此判定",
    },
    "en": {
        "title": "Learning city self-assessment",
        "how": [
            "How to fill in: give each indicator a value (a number, true/false, a choice id or a list),",
            "or write status: unknown (no figure) / status: not_applicable (explain why in note).",
            "Type raw quantities (yuan, people, courses) without units or separators; per-capita figures are derived.",
            "Then run: lcity validate this-file.yaml",
        ],
        "how_raw": "Type raw quantities ({units}) without units or separators; lcity derives the rates.",
        "how_value": "How to fill in: give each indicator a value ({kinds}),",
        "kinds": {"number": "a number", "boolean": "true/false", "choice": "a choice id", "checklist": "a list"},
        "kinds_or": " or ",
        "how_raw_plain": "Type raw quantities without units or separators; lcity derives the rates.",
        "profile": "Profile (raw figures; null when unknown)",
        "q": "Q", "unit": "unit", "derived": "derived as", "choices": "choices", "items": "items (any number)",
        "bool": "write true or false", "evidence": "evidence", "points": "points",
        "measure": "how to count", "numerator": "numerator", "denominator": "denominator", "data_source": "data source",
        "deduplication": "de-duplication", "reference_date": "reference date", "at_most": "at most",
        "survey": "standard questionnaire", "scale": "scoring", "sample": "minimum sample", "stratify": "sampling",
        "sample_field": "valid questionnaires (at least {n})",
        "veto_line": "Veto: answering {when} raises '{name}': {result}, whatever the total",
        "veto_refused": "'{refused}'", "veto_graded": "graded '{grade}' and '{refused}'",
        "survey_line": "Threshold: '{recognised}' needs at least {min}%",
        "margin_note": " (lcity validate warns when the threshold lies within the survey's margin of error)",
        "name_required": {"zh": "this framework requires the unit's Chinese name", "en": "this framework requires the unit's English name"},
        "not_here": "Not asked of a {unit} (their points are spread over the rest of their dimension):",
        "fields": {
            "level": "city | district | county",
            "parent": "parent city (for a district or county)",
            "province": "province",
            "parent_en": "parent city in English (for English reports; optional)",
            "province_en": "province in English (for English reports; optional)",
            "region": "east | central | west",
            "population": "resident population (people)",
            "population_60plus": "residents aged 60+ (people)",
            "employed": "employed population (people)",
            "streets": "number of streets and townships",
            "communities": "number of communities and villages",
            "area_km2": "area (km²)",
            "gdp_per_capita": "GDP per resident (yuan)",
            "reference_year": "year these figures refer to",
        },
        "period": "assessment period (first and last year; the last year is usually reference_year above, and numbers the report, LC-…-<last year>)",
        "body": "body that prepared this assessment",
        "body_en": "the same body in English (for English reports; optional)",
        "date": "date of the assessment, YYYY-MM-DD",
        "strategy": "declared pathway: what does the city lead with? any of balance (urban-rural balance) | international (global benchmarking) | industry (industry and market) | culture (heritage and brands); reported beside the type your answers show, it does not decide it",
    },
}


#: The marks lcity puts between its own words and a framework's texts in a form's comments: a
#: Chinese reader reads those comments as sentences, so they take full-width punctuation; what the
#: user types (``status: unknown``, YAML keys, ids) keeps its own half-width marks.
PUNCT = {"zh": {"colon": "：", "semi": "；", "list": "、", "open": "（", "close": "）"},
         "en": {"colon": ": ", "semi": "; ", "list": ", ", "open": " (", "close": ")"}}


def paren(text: str, lang: str) -> str:
    """``text`` in brackets after what it qualifies: full-width and without a space in Chinese
    (``A1 规划（3 分）``), `` (3 points)`` in English."""
    p = PUNCT[lang]
    return f"{p['open']}{text}{p['close']}"


def profile_fields(fw: Framework | None, level: str | None = None) -> tuple[str, ...]:
    """The ``city.<field>`` rows a form asks, in the form's order: every one for the China
    frameworks; for another, those ``reports.form_fields.asked_profile`` names. A figure it declares
    itself is asked under ``city.figures``."""
    fields = tuple(TEXT["en"]["fields"])
    if china_form(fw):
        return fields
    asked = asked_profile(fw, level)
    return tuple(k for k in fields if k in asked)


def raw_units(fw: Framework, lang: str, most: int = 3, level: str | None = None) -> list[str]:
    """The units of the framework's raw quantities (EUR, tutors, centres), for the form's "type raw
    quantities (...)" line: the counts and numbers it asks, in its order, not percentages; with
    ``level``, those a unit of that level is asked (a village's form named 'settlements')."""
    units: list[str] = []
    asked = (fw.indicators() if level is None else
             [ind for _, inds in fw.at_level(level) for ind, applies in inds if applies])
    for ind in asked:
        unit = getattr(ind.answer, "unit", None)
        if ind.answer.type in ("count", "number") and unit is not None:
            word = unit.get(lang).strip()
            if word and word != "%" and word not in units:
                units.append(word)
    return units[:most]


def how_lines(fw: Framework | None, lang: str, level: str | None = None) -> list[str]:
    """The form's filling-in note: China's as it was (yuan, people, courses); another framework's
    with its own units (EUR, tutors ...), those of ``level`` when given."""
    t = TEXT[lang]
    if china_form(fw):
        return list(t["how"])
    units = PUNCT[lang]["list"].join(raw_units(fw, lang, level=level))
    raw = t["how_raw"].format(units=units) if units else t["how_raw_plain"]
    return [_how_value(fw, lang, level), t["how"][1], raw, t["how"][3]]


def _how_value(fw: Framework, lang: str, level: str | None) -> str:
    """The form's first line, naming the kinds of answer the framework asks: a standard whose every
    answer is a figure was told to give "a number, true/false, a choice id or a list" (G32T-6)."""
    t = TEXT[lang]
    asked = (fw.indicators() if level is None else
             [ind for _, inds in fw.at_level(level) for ind, applies in inds if applies])
    types = {ind.answer.type for ind in asked}  # at ``level``, its variants' answers already
    if level is None:
        types |= {v.answer.type for ind in asked for v in (ind.by_level or {}).values() if v.answer is not None}
    kinds = [word for kind, word in t["kinds"].items()
             if (kind == "number" and types & {"count", "number", "percent"}) or kind in types]
    if not kinds:
        return t["how"][0]
    said = kinds[0] if len(kinds) == 1 else PUNCT[lang]["list"].join(kinds[:-1]) + t["kinds_or"] + kinds[-1]
    return t["how_value"].format(kinds=said)


def _q(text: str) -> str:
    """A YAML scalar that always reads back as the same text."""
    return json.dumps(text, ensure_ascii=False)


def guess_level(name: str, fw: Framework | None = None) -> str:
    """The level a unit's name suggests; always one of ``fw``'s levels, so that a framework with
    levels of its own (prefecture, county ...) never gets a form for a level it does not have."""
    if fw is not None and fw.levels:
        for lv in fw.levels:  # a name ending in a level's name: 临川县 -> the level named 县
            if name.endswith((lv.name.zh, lv.name.en, lv.name.en.title())):
                return lv.id
        return fw.levels[0].id
    if name.endswith(("区", "District", "district")):
        return "district"
    if name.endswith(("县", "旗", "County", "county")):
        return "county"
    return "city"


def form_title(fw: Framework | None, lang: str) -> str:
    """The title of a form: "learning city" only where the framework is about one (its name
    follows the title anyway)."""
    if fw is None or "学习型城市" in fw.name.zh:
        return TEXT[lang]["title"]
    return "自评表" if lang == "zh" else "Self-assessment"


def default_name(fw: Framework, lang: str, level: str | None = None) -> str:
    """The placeholder unit name of a form: 某区 for the China frameworks, else one of the level
    asked for (``--level municipality``: "Example municipality", not the first level's name)."""
    if not fw.levels:
        return "某区" if lang == "zh" else "Example District"
    unit = next((lv.name for lv in fw.levels if lv.id == level), fw.levels[0].name)
    return f"某{unit.zh}" if lang == "zh" else f"Example {unit.en}"


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def name_slot(name: str, fw: Framework, lang: str) -> str:
    """The language a unit's name is filed under (``city.name.zh`` or ``.en``): the one its script
    says (Han characters: zh; Latin letters: en, or zh when the framework requires a Chinese name
    only, as Chinese text holds Latin names), else the form's language. Filed under the wrong one,
    an English-name framework rejected its own form (missing-name)."""
    if _HAN.search(name):  # Chinese text: never an English name
        return "zh"
    if list(fw.validation.name_languages) == ["zh"]:  # Latin letters are at home in a Chinese name
        return "zh"
    if re.search("[A-Za-z]", name):
        return "en"
    return lang


def _unit_here(name: str, lang: str) -> str:
    """The level in "以下指标不适用于{unit}级单位": a Chinese form names an English-only framework's
    level "本" ("本级单位"), not "parish级单位" (G27-T7)."""
    return name if lang != "zh" or _HAN.search(name or "") else "本"


def level_comment(fw: Framework, lang: str) -> str:
    """The levels this framework's units may be, as the comment of ``city.level``."""
    if not fw.levels:
        return TEXT[lang]["fields"]["level"]
    # an English-only framework's level has no Chinese name: "ward", not "ward（ward）" (G28-T)
    return " | ".join((lv.id + (paren(lv.name.zh, lang) if _HAN.search(lv.name.zh or "") else "")) if lang == "zh"
                      else _level_en(lv) for lv in fw.levels)


def _level_en(lv) -> str:
    """A level's id for an English form, with its English name where the id does not say it: a
    provincial scheme's ``xiangzhen`` means nothing to an English reader, ``xiangzhen (township)``
    does (G26-T8); ``county`` named county stays ``county``."""
    name = lv.name.en or ""
    return lv.id if not name or name.lower() == lv.id.lower() else f"{lv.id}{paren(name, 'en')}"


def _bound_name(fw: Framework | None, bound: str, lang: str) -> tuple[str, str]:
    """Where the profile figure ``bound`` is written and what it is called: one of the five of
    every assessment (``city.<id>``) or one the framework declares (``city.figures.<id>``)."""
    fields = TEXT[lang]["fields"]
    if bound in fields:
        return f"city.{bound}", fields[bound]
    for f in fw.profile_figures if fw is not None else ():
        if f.id == bound:
            return f"city.figures.{bound}", f.name.get(lang)
    return f"city.figures.{bound}", bound


def _indicator_block(ind: Indicator, lang: str, fw: Framework | None = None) -> list[str]:
    t, p = TEXT[lang], PUNCT[lang]
    sep = p["colon"]
    ans = ind.answer
    points = paren(f"{ind.points:g} {t['points']}", lang)
    lines = [f"  # {ind.id} {ind.name.get(lang)}{points}",
             f"  # {t['q']}{sep}{ind.question.get(lang)}"]
    if ans.type == "boolean":
        lines.append(f"  # {t['bool']}")
    elif ans.type == "choice":
        opts = " | ".join(f"{c.id} = {c.get(lang)}" for c in ans.choices)
        lines.append(f"  # {t['choices']}{sep}{opts}")
    elif ans.type == "checklist":
        opts = " | ".join(f"{c.id} = {c.get(lang)}" for c in ans.items)
        lines.append(f"  # {t['items']}{sep}{opts}")
    else:
        unit = ans.unit.get(lang)
        line = f"  # {t['unit']}{sep}{unit}"
        if ans.derive:
            line += f"{p['semi']}{t['derived']} {ans.derive.unit.get(lang)}"
        lines.append(line)
    bound = getattr(ans, "at_most", None)
    if bound:
        where, what = _bound_name(fw, bound, lang)
        lines.append(f"  # {t['at_most']} {where}{paren(what, lang)}")
    ms = ind.measurement
    if ms is not None:
        lines.append(f"  # {t['measure']}{sep.rstrip()}")  # a heading over its lines: no trailing space (G1 #17)
        for key in ("numerator", "denominator", "data_source", "deduplication", "reference_date"):
            text = getattr(ms, key)
            if text is not None:
                lines.append(f"  #   {t[key]}{sep}{text.get(lang)}")
    sv = ind.survey
    if sv is not None:
        lines.append(f"  # {t['survey']}{sep.rstrip()}")
        lines += [f"  #   {item.get(lang)}" for item in sv.items]
        lines.append(f"  #   {t['scale']}{sep}{sv.scale.get(lang)}")
        lines.append(f"  #   {t['sample']}{sep}{sv.min_sample}{'份' if lang == 'zh' else ''}{p['semi']}"
                     f"{t['stratify']}{sep}{sv.stratify.get(lang)}")
    names = evidence_names(fw, lang, ind)  # an adult learners' survey is not the framework's "youth survey"
    ev = p["list"].join(names[e] for e in ind.evidence)
    lines.append(f"  # {t['evidence']}{sep}{ev}")
    lines += _decides(ind, fw, lang)
    lines += [f"  {ind.id}:", "    value: null"]
    if sv is not None:
        lines.append(f"    sample_size: null  # {t['sample_field'].format(n=sv.min_sample)}")
    lines += ["    evidence: []", "    note: null", ""]
    return lines


def _decides(ind: Indicator, fw: Framework | None, lang: str) -> list[str]:
    """What this answer decides beyond its points: a veto it can raise, a survey threshold it must
    reach. An official filling D2 should know before answering that ``none`` refuses recognition."""
    if fw is None:
        return []
    t, rec = TEXT[lang], fw.recognition
    refused = rec.outcomes.refused.get(lang)
    grade = fw.veto_grade()
    result = t["veto_graded"].format(grade=grade.name.get(lang), refused=refused) if grade \
        else t["veto_refused"].format(refused=refused)
    out = []
    for v in rec.vetoes:
        if v.indicator == ind.id and v.when:
            when = (" 或 " if lang == "zh" else " or ").join(_as_typed(w) for w in v.when)
            out.append("  # " + t["veto_line"].format(when=when, name=v.name.get(lang), result=result))
    for sv in rec.survey:
        if sv.indicator == ind.id:
            out.append("  # " + t["survey_line"].format(recognised=rec.outcomes.recognised.get(lang), min=f"{sv.min:g}")
                       + (t["margin_note"] if ind.survey is not None else ""))
    return out


def _as_typed(value: object) -> str:
    """An answer as the user types it in YAML (true, not True)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


#: the comment of the ``lang:`` line: lcity speaks about the file in this language
LANG_NOTE = {"zh": "lcity 提示信息的语言：zh 中文，en 英文",
             "en": "language of lcity's messages about this file: en or zh"}


def schema_file_name(fw: Framework, lang: str) -> str:
    """The schema ``lcity init`` writes beside the form, named so that forms of several frameworks
    or languages can share a folder; the modeline names it relatively, so it resolves wherever
    the folder travels."""
    return f"{fw.id}-{fw.version}.{lang}.schema.json"


def _strategy_block(fw: Framework, lang: str) -> list[str]:
    """The declared strategy, asked only of a framework whose pathway types declare strategies,
    listing those (the China frameworks' four are named in ``TEXT``)."""
    declared = fw.strategies()
    if not declared:
        return []
    if set(declared) == {"balance", "international", "industry", "culture"}:
        comment = TEXT[lang]["strategy"]
    else:
        ids = " | ".join(f"{k}{paren(v.get(lang), lang)}" for k, v in declared.items())
        comment = (f"发展路径（自述）：可多选 {ids}；报告将其与各项做法实际显示的类型并列，不据此判定" if lang == "zh"
                   else f"declared pathway: any of {ids}; reported beside the type your answers show, it does not decide it")
    return [f"# {comment}", "strategy:", "  leads_with: []", "  evidence: []", ""]


#: What a line of the form must not carry from a framework's texts into its comments: a line break
#: (the rest of the line would be read as YAML), a character YAML refuses (the form could not be
#: read back), or one that reorders or hides text on a terminal (``lcity init -o -``).
_UNSAFE_IN_LINE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f"
                             "\ud800-\udfff\ufeff\ufffe\uffff]")


def _line(text: str) -> str:
    """One line of a form as text YAML reads back: unsafe characters written as escapes (\\x1b)."""
    def escape(m: re.Match) -> str:
        code = ord(m.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE_IN_LINE.sub(escape, text)


def _lines(out: list[str]) -> str:
    return "\n".join(_line(line) for line in out)


def render_template(fw: Framework, *, city: str | None, lang: str, schema_path: Path | None,
                    level: str | None = None) -> str:
    """The form of ``fw`` for a unit of ``level`` (guessed from the name when not given): only the
    indicators that apply to that level, each asked as that level answers it."""
    t = TEXT[lang]
    this_year = _dt.date.today().year
    name = city or default_name(fw, lang, level)
    level = level or guess_level(name, fw)
    out: list[str] = []
    if schema_path is not None:
        out.append(f"# yaml-language-server: $schema={schema_path.as_posix()}")
    out.append(f"# {form_title(fw, lang)} — {fw.name.get(lang)}{paren(fw.ref, lang)}")
    out += [f"# {line}" for line in how_lines(fw, lang, level)]
    slot = name_slot(name, fw, lang)
    out += ["", f"framework: {fw.ref}", f"lang: {lang}  # {LANG_NOTE[lang]}", "", f"# {t['profile']}", "city:", "  name:"]
    required = fw.validation.name_languages
    out += [f"    {k}: {_q(name)}" if k == slot else f"    {k}: null" + (f"  # {t['name_required'][k]}" if k in required else "")
            for k in ("zh", "en")]
    fields = t["fields"]
    for key in profile_fields(fw, level):
        comment = fields[key]
        value = level if key == "level" else ("null" if key != "reference_year" else str(this_year - 1))
        out.append(f"  {key}: {value}  # {level_comment(fw, lang) if key == 'level' else comment}")
    asked = level_figures(fw, level)
    if asked:  # the framework's own figures go under city.figures; one left out is
        # unknown (a null there is an error), so the form starts empty and shows the shape
        shape = ", ".join(f"{f.id}: …" for f in asked)
        p = PUNCT[lang]
        names = p["semi"].join(f"{f.id} = {f.name.get(lang)}{paren(f.unit.get(lang), lang)}" for f in asked)
        out.append(f"  figures: {{}}  # {'本框架的基本情况数字，填写为' if lang == 'zh' else 'this framework’s own figures, as'}"
                   f" {{{shape}}}{p['colon']}{names}")
    # the period ends in the year the figures refer to (reference_year, last year): a form filled in
    # for 2025 is numbered LC-…-2025, not by the year it is filled in (audit_newuser #22)
    out += ["", f"# {t['period']}", "period:", f"  start: {this_year - 2}", f"  end: {this_year - 1}",
            "", f"evaluating_body: null  # {t['body']}", f"evaluating_body_en: null  # {t['body_en']}",
            f"date: null  # {t['date']}", ""]
    out += _strategy_block(fw, lang) + ["answers:"]
    unit = fw.unit_name(level)
    for dim, inds in fw.at_level(level):
        points = paren(f"{dim.points:g} {t['points']}", lang)
        out.append(f"  # ===== {dim.id} {dim.name.get(lang)}{points} =====")
        skipped = [ind for ind, applies in inds if not applies]
        if skipped:
            out.append("  # " + agree(t["not_here"].format(unit=_unit_here(unit.get(lang) if unit else level, lang)))
                       + ("" if lang == "zh" else " ")  # nothing after a full-width colon
                       + PUNCT[lang]["list"].join(f"{i.id} {i.name.get(lang)}" for i in skipped))
        for ind, applies in inds:
            if applies:
                block = _indicator_block(ind, lang, fw)
                said = from_parent_note(fw, ind, level, lang)
                if said:  # under its question, before the answer (G9 #3)
                    block.insert(2, "  # " + said)
                out += block
    return _lines(out).rstrip() + "\n"


REVIEW_TEXT = {
    "zh": {
        "title": "专家组评审记录",
        "how": [
            "每位评审专家可各写一份；多份评审时，核定值取专家组中位数。",
            "verified 中只列出核查后需更正的指标：value（核定值）、status（unknown/not_applicable）",
            "或 score_change（加减分，正负数），并必须写明 reason。未列出的指标视为认可自评。",
            "完成后运行：lcity report 自评表.yaml --review 本文件.yaml -o 报告.pdf",
        ],
        "reviewed": "被评审的自评表（由 lcity 生成，请勿修改；文件改动后指纹不再匹配）",
        "reviewer": "本评审记录的撰写人",
        "panel": "专家组成员（姓名、单位、职称、角色）",
        "body": "评估单位：专家组受托开展评估的机构，报告封面、署名盖章处使用（不填则署“评估专家组”）",
        "process": "评估过程：材料审阅、实地考察、座谈会、{survey}",
        # a framework whose panels hold no symposium (it recognises nothing, G18-D8): the key glossed (G20-D11)
        "process_plain": "评估过程：材料审阅、实地考察、会议（symposia）、{survey}",
        "symposia_plain": "专家组召开的会议",
        "verified": "核定值（示例已注释；自评值供参考）",
        "self": "自评",
        "findings": "专家组意见：主要成效、存在问题、意见建议",
        # in a flow list [a, b] a comma starts another finding: one finding a line (G1 audit #16); the
        # example after '# ' alone, so that it is not one of the examples to uncomment in place ('#  ')
        "findings_how": ["每条意见单独一行，以“- ”开头，替换 []（写在 [ ] 内时，逗号会把一条意见分成两条），例如：",
                         "problems:", "- 约 50% 的受访者知晓身边的学习点，低于 70% 的要求。"],
        "vetoes": "一票否决项（如有；写明理由）",
        "veto_example": ["#  - id: {id}", "#    reason: 经核查，……"],
        "panel_example": "#  - {name: 张三, affiliation: 某教育科学研究院, title: 研究员, role: 组长}",
        "visit_example": "  #  - {date: 2025-05-12, unit: 某街道社区学校}",
        "symposium_example": "  #  - {date: 2025-05-13, topic: 部门座谈会, participants: 财政局、民政局、居民代表}",
        # another framework's form: places and bodies any city has (China's 街道, 教科院, 民政局 are not)
        "panel_example_any": "#  - {name: 张三, affiliation: 某教育研究机构, title: 研究员, role: 组长}",
        "visit_example_any": "  #  - {date: 2025-05-12, unit: 某社区学习中心}",
        "symposium_example_any": "  #  - {date: 2025-05-13, topic: 相关部门座谈会, participants: 财政、社会服务部门及居民代表}",
        "method": "分层抽样",
        "survey_rates": "调查所得比率作为{ids}的核定值，填在 verified 下",
        "conclusion": "专家组结论",
        "conclusion_outcome": "结论给出的评估结论（选填一项；报告据此说明是否与计分规则的结果一致）",
    },
    "en": {
        "title": "Expert panel review",
        "how": [
            "Each reviewer may write one file; with several, the verified value is the panel's median.",
            "Under verified, list only indicators the panel corrects: value (verified value), status",
            "(unknown/not_applicable) or score_change (+/- points), always with a reason. Unlisted = accepted.",
            "Then run: lcity report assessment.yaml --review this-file.yaml -o report.pdf",
        ],
        "reviewed": "The assessment reviewed (written by lcity; do not edit: a changed file no longer matches)",
        "reviewer": "Author of this review",
        "panel": "Panel members (name, affiliation, title, role)",
        "body": "Evaluating body: the organisation the panel evaluates for, named on the cover and at the seal (else 'the expert panel')",
        "process": "Process: material review, site visits, symposia, {survey}",
        "process_plain": "Process: material review, site visits, meetings (symposia), {survey}",
        "symposia_plain": "meetings the panel held",
        "verified": "Verified values (examples commented out; self-assessed values shown for reference)",
        "self": "self-assessed",
        "findings": "The panel's findings: strengths, problems, recommendations",
        "findings_how": ["One finding a line, each after '- ', in place of [] (inside [ ] a comma starts another",
                         "finding), e.g.:", "problems:", "- About 50 % of households know a hub, below the 70 % step."],
        "vetoes": "Veto items found, if any, each with the panel's reason",
        "veto_example": ["#  - id: {id}", "#    reason: the records checked show ..."],
        "panel_example": "#  - {name: Jane Smith, affiliation: Institute of Education Research, title: Senior researcher, role: chair}",
        "visit_example": "  #  - {date: 2025-05-12, unit: a community learning centre}",
        "symposium_example": "  #  - {date: 2025-05-13, topic: meeting with departments, participants: \"finance, social services, residents' representatives\"}",
        "method": "stratified sampling",
        "survey_rates": "the rates the survey finds are the verified values of {ids}, under verified",
        "conclusion": "The panel's conclusion",
        "conclusion_outcome": "The outcome the conclusion gives (one of these; the report says whether the rules' result agrees)",
    },
}


def render_review_template(fw: Framework, *, city: str, period: str, sha256: str, file: str,
                           self_answers: dict, lang: str, schema_path: Path | None, level: str | None = None) -> str:
    """A review form naming its assessment, with every indicator's self-assessed value as a comment:
    the indicators of the unit's ``level``, by that level's names (a district's B1 is its city's
    regulation, its L2 taking part in its city's exchanges), and none the framework excludes there."""
    t, p = REVIEW_TEXT[lang], PUNCT[lang]
    # China's panels hold symposia (座谈会); another framework's form glosses the key (G20-D11)
    from .tables import speaks_recognition

    plain = not speaks_recognition(fw)
    process = "process_plain" if plain else "process"
    symposia = f"  symposia:  # {t['symposia_plain']}" if plain else "  symposia:"
    out: list[str] = []
    if schema_path is not None:
        out.append(f"# yaml-language-server: $schema={schema_path.as_posix()}")
    out.append(f"# {t['title']} — {fw.name.get(lang)}{paren(fw.ref, lang)}")
    out += [f"# {line}" for line in t["how"]]
    out += ["", f"# {t['reviewed']}", "assessment:", f"  city: {_q(city)}", f"  period: {_q(period)}",
            f"  sha256: {sha256}", f"  file: {_q(file)}", "",
            f"# {t['reviewer']}", "reviewer:", "  name: null", "  affiliation: null", "  title: null", "",
            f"# {t['panel']}", "panel:", _example(t, "panel", fw),  # a bare key: an example uncommented stays valid YAML
            "", f"# {t['body']}", "evaluating_body: null", "evaluating_body_en: null",
            "", "date: null  # YYYY-MM-DD", "", f"# {t[process].format(survey=evidence_names(fw, lang)['survey'])}", "process:", "  start: null", "  end: null",
            "  material_review: true", "  site_visits:", _example(t, "visit", fw),
            symposia, _example(t, "symposium", fw), "  survey:", *_survey_example(fw, lang),
            "", f"# {t['verified']}", "verified:"]
    shown_here = ([i for _, inds in fw.at_level(level) for i, applies in inds if applies] if level is not None
                  else fw.indicators())
    for ind in shown_here:
        ans = self_answers.get(ind.id)
        if ans is None:
            shown = "—"
        elif ans.status:
            shown = ans.status
        else:
            v = ans.value
            shown = (", ".join(map(str, v)) if isinstance(v, list) else
                     str(v).lower() if isinstance(v, bool) else str(v))
        out.append(f"#  {ind.id}:  # {ind.name.get(lang)}{p['semi']}{t['self']}{p['colon']}{shown}")
    out += ["#    value: ...", "#    reason: ...", "", f"# {t['findings']}",
            *(f"# {line}" for line in t["findings_how"]), "findings:", "  strengths: []",
            "  problems: []", "  recommendations: []", ""]
    out += _vetoes_block(fw, lang) + ["", f"# {t['conclusion']}", "conclusion: null", *_outcome_lines(fw, lang), ""]
    return _lines(out)


def _outcome_lines(fw: Framework, lang: str) -> list[str]:
    """The outcome the panel's conclusion gives, as the framework's outcome keys with their names
    (G20-A7): the words of a conclusion cannot say it for certain (暂不认定为示范区 holds 认定为示范区)."""
    t, p = REVIEW_TEXT[lang], PUNCT[lang]
    out = fw.recognition.outcomes
    keys = ("recognised", "deferred", "refused", "not_ratable")
    choices = " | ".join(f"{k}{paren(getattr(out, k).get(lang), lang)}" for k in keys)
    return [f"# {t['conclusion_outcome']}{p['colon']}{choices}", "conclusion_outcome: null"]


def _example(t: dict, what: str, fw: Framework) -> str:
    """The commented example of a panel member, site visit or symposium: China's (a 街道 school, the
    finance bureau) on a China framework's form, else the neutral one where the language has one
    (English's are neutral for every framework)."""
    return t[f"{what}_example"] if china_form(fw) else t.get(f"{what}_example_any", t[f"{what}_example"])


def _survey_example(fw: Framework, lang: str) -> list[str]:
    """The commented example of the panel's own survey: China's awareness and satisfaction rates
    (its K4/K5, the keys a review's survey has) for the China frameworks; for another framework the
    sample and method, and which of its own survey indicators the rates it finds go to."""
    t, p = REVIEW_TEXT[lang], PUNCT[lang]
    lines = ["  #  sample: 400", f"  #  method: {t['method']}"]  # children of a bare survey: key
    if china_form(fw):
        return lines + ["  #  awareness: 82.5", "  #  satisfaction: 76.0"]
    surveyed = [i for i in fw.indicators() if i.survey is not None]
    if surveyed:
        ids = p["list"].join(f"{i.id} {i.name.get(lang)}" for i in surveyed)
        lines[-1] += f"  # {t['survey_rates'].format(ids=ids)}"
    return lines


def _vetoes_block(fw: Framework, lang: str) -> list[str]:
    """The vetoes the panel found: the framework's veto ids, and an example of the form with the
    panel's reason (``{id, reason}``) that the report prints beside the finding."""
    t, p = REVIEW_TEXT[lang], PUNCT[lang]
    ids = [v.id for v in fw.recognition.vetoes]
    if not ids:  # a framework without vetoes: nothing to find, and no 一票否决 to offer (audit G5 #7)
        return []
    out = [f"# {t['vetoes']}{p['colon']}" + " | ".join(ids), "vetoes:"]
    if ids:
        out += [line.format(id=ids[0]) for line in t["veto_example"]]
    return out


# --- lcity upgrade ---------------------------------------------------------------------------------

UPGRADE_TEXT = {
    "zh": {"title": "由 {old} 升级到 {new}（lcity upgrade）", "carried": "沿用原答案",
           "new": "新指标或题目已变化，请填写", "how": "填好后运行：lcity validate 本文件.yaml"},
    "en": {"title": "upgraded from {old} to {new} (lcity upgrade)", "carried": "answer carried over",
           "new": "new indicator, or its question changed: please answer",
           "how": "Then run: lcity validate this-file.yaml"},
}


def _y(value: object) -> str:
    """A YAML flow value that reads back as ``value`` (JSON is YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _block(key: str, value: object, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            return [f"{pad}{key}: {{}}"]
        out = [f"{pad}{key}:"]
        for k, v in value.items():
            out += _block(str(k), v, indent + 2)
        return out
    return [f"{pad}{key}: {_y(value)}"]


def render_upgrade(old: Framework, new: Framework, chain: list[Framework], data: dict, *, lang: str,
                   schema_path: Path | None) -> tuple[str, dict[str, list[str]]]:
    """The assessment ``data`` (raw, as read) moved from ``old`` to ``new``: profile, period and
    strategy as they were; each answer carried over where the crosswalk maps its indicator and the
    answer means the same at the unit's level; every other indicator of the unit's level left as
    ``value: null`` with its question. Returns the text and what happened to each answer:
    ``carried``, ``asked`` (to answer), ``removed`` (no counterpart), ``changed`` (its question or
    answer changed), ``not_for_level``."""
    t, u, p = TEXT[lang], UPGRADE_TEXT[lang], PUNCT[lang]
    up = plan(old, new, chain, data)
    out: list[str] = []
    if schema_path is not None:
        out.append(f"# yaml-language-server: $schema={schema_path.as_posix()}")
    out.append(f"# {form_title(new, lang)} — {new.name.get(lang)}{paren(new.ref, lang)}")
    out.append(f"# {u['title'].format(old=old.ref, new=new.ref)}")
    # the filling-in note as init writes it for this framework: its own units, not China's 元、人、门
    out += [f"# {line}" for line in how_lines(new, lang)[:3]] + [f"# {u['how']}", "", f"framework: {new.ref}", ""]
    for key, value in data.items():
        if key in ("framework", "answers"):
            continue
        out += _block(str(key), value, 0)
    out += ["", "answers:"]
    for dim, steps in up.dimensions:
        points = paren(f"{dim.points:g} {t['points']}", lang)
        out.append(f"  # ===== {dim.id} {dim.name.get(lang)}{points} =====")
        for step in steps:
            if not step.applies:
                continue
            ind = step.indicator
            if step.answer is not None:
                points = paren(f"{ind.points:g} {t['points']}", lang)
                out.append(f"  # {ind.id} {ind.name.get(lang)}{points}{p['colon']}{u['carried']}"
                           + (paren(step.old_id, lang) if step.old_id != ind.id else ""))
                out += _block(ind.id, step.answer, 2) + [""]
                continue
            block = _indicator_block(ind, lang)
            block[0] += f" — {u['new']}"
            out += block
    report = up.report
    return _lines(out).rstrip() + "\n", report
