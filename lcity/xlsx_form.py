"""The self-assessment as an Excel/WPS workbook: ``lcity init --format xlsx`` and ``lcity convert``.

Officials already know spreadsheets, so the form is a workbook they can fill in without learning
YAML: a profile sheet, and one row per indicator with the question, unit, calculation note and
evidence expected beside the answer cells. Drop-down lists offer the choice and item ids,
Excel's own input validation refuses a count below zero or a percentage above 100 while typing,
and the sheets are protected (no password) with only the answer cells unlocked, so a question
cannot be overwritten by accident. The layout is ``indicators.xlsx``'s, which reads it back.

The same writer fills the cells from an assessment's data, so ``lcity convert`` is this writer
plus that reader; convert checks that reading the workbook back gives the same data.
"""

from __future__ import annotations

import datetime as _dt
import io
from typing import Any

from indicators.models import Framework, Indicator
from indicators.xlsx import (COL, COLUMNS, ID_LISTS, INDICATORS, LINE_LISTS, LISTS, P_HINT, P_KEY, P_LABEL,
                             P_VALUE, PROFILE, STATUS_LABELS, option_entries, profile_options)

from reports.questionnaire import evidence_names, from_parent_note

from .template import (PUNCT, TEXT, _bound_name, china_form, default_name, guess_level, level_comment, level_figures,
                       paren, profile_fields)

WORDS = {
    "zh": {
        "headers": {"id": "编号", "dimension": "维度", "name": "指标", "points": "分值", "question": "问题",
                    "answer_form": "填写方式（单位或选项）", "calculation": "计算方法", "evidence_expected": "佐证要求",
                    "value": "填报值（value）", "status": "状态（status，无值时）", "evidence": "佐证材料（evidence，每行一份）",
                    "note": "说明（note）", "source": "数据来源（source）", "sample_size": "有效问卷数（sample_size）",
                    "type": "type"},
        "profile_headers": ("项目", "键（请勿修改）", "填写", "说明"),
        "boolean": "选择 是 或 否", "choice": "从下拉列表选一项（也可填写选项代码）：", "checklist":
            "可多选：从下拉列表选一项，或填写几项（选项文字或代码），每行一项或用顿号、逗号分隔：",
        "status": "无法填报时选择：不详（无数据）或 不适用（须在“说明”写明理由）",
        "count": "整数，不小于0", "percent": "百分比数值0–100（如 85.5）", "number": "数值，不小于0",
        "count_positive": "整数，大于0", "number_positive": "数值，大于0",
        "evidence": "每行一份文件名、网址或档案号（单元格内换行：Alt+Enter）",
        "framework": "指标体系（请勿修改）", "name_zh": "中文名称", "name_en": "英文名称",
        "field_id": "简称（小写字母、数字）", "field_level": "层级", "field_region": "所在地区",
        "field_parent_en": "所属城市（英文）", "field_province_en": "省份（英文）", "field_evaluating_body": "自评单位",
        "field_evaluating_body_en": "自评单位（英文）", "field_date": "自评日期 YYYY-MM-DD", "field_lang": "表格语言（zh 或 en）",
        "period_start": "评估期起始年份", "period_end": "评估期结束年份",
        "leads_with_ids": "可多选，用逗号分隔", "leads_with_example": "填写编号，可多选，用逗号分隔（如 {example}）；没有则留空",
        "strategy_label": "发展路径（自述）", "strategy_evidence": "佐证材料（每行一份）", "strategy_source": "发展路径的依据来源", "figure_source": "来源：",
        "invalid": "输入无效", "title": "请按提示填写", "choice_warning": "不是下拉列表中的一项：请从列表选择（选项代码也可）",
        "how": "填写说明",
        "how_lines": ("请填写黄色单元格：本表“填写”列，以及“指标”表的填报值、状态、佐证材料、说明、数据来源、有效问卷数各列；"
                      "其余单元格已锁定（工作表保护，无密码）。",
                      "选项从下拉列表选择；可多选的项目每行填一项，或用顿号、逗号分隔。",
                      "无法填报的指标在“状态”列选择 不详 或 不适用；选 不适用 时在“说明”写明理由。",
                      "填好后运行 lcity validate 文件名.xlsx 检查；打印时“指标”表为横向、每页一宽，每页重复表头。"),
        "page": "第 &P 页，共 &N 页",
    },
    "en": {
        "headers": {"id": "id", "dimension": "dimension", "name": "indicator", "points": "points", "question": "question",
                    "answer_form": "how to answer (unit or choices)", "calculation": "how to count",
                    "evidence_expected": "evidence expected", "value": "value", "status": "status (when no value)",
                    "evidence": "evidence (one per line)", "note": "note", "source": "source",
                    "sample_size": "valid questionnaires", "type": "type"},
        "profile_headers": ("item", "key (do not edit)", "answer", "explanation"),
        "boolean": "choose true or false", "choice": "pick one from the drop-down list (or type its id):",
        "checklist": "any number: pick one from the drop-down list, or type several (their text or ids), one a line "
                     "or separated by semicolons:",
        "status": "when there is no value: unknown (no figure) or not applicable (explain why in the note)",
        "count": "a whole number, 0 or more", "percent": "a percentage 0–100 (e.g. 85.5)", "number": "a number, 0 or more",
        "count_positive": "a whole number above 0", "number_positive": "a number above 0",
        "evidence": "one document title, URL or archive number per line (new line in a cell: Alt+Enter)",
        "framework": "framework (do not edit)", "name_zh": "Chinese name", "name_en": "English name",
        "field_id": "short id (lower-case letters, digits)", "field_level": "level of unit", "field_region": "region",
        "field_evaluating_body": "body that prepared this assessment", "field_date": "date of the assessment, YYYY-MM-DD",
        "field_lang": "language of the form (zh or en)", "period_start": "first year assessed",
        "period_end": "last year assessed", "leads_with_ids": "any of them, separated by commas",
        "leads_with_example": "type the ids, any of them, separated by commas (e.g. {example}); leave empty if none",
        "strategy_label": "declared pathway", "strategy_evidence": "evidence (one per line)", "strategy_source": "source of the pathway claim",
        "figure_source": "source: ", "invalid": "Not accepted", "title": "How to answer",
        "choice_warning": "Not one of the drop-down list's entries: pick one from the list (an id is accepted too)",
        "how": "How to fill in",
        "how_lines": ("Fill in the yellow cells: this sheet's answer column, and on the Indicators sheet the value, "
                      "status, evidence, note, source and valid questionnaires columns; every other cell is locked "
                      "(sheet protection, no password).",
                      "Pick choices from the drop-down lists; where several items may apply, type one a line or "
                      "separate them with semicolons.",
                      "Where an indicator has no figure, pick unknown or not applicable in the status column; for "
                      "not applicable, say why in the note.",
                      "When done, run lcity validate <file>.xlsx; printed, the Indicators sheet is landscape, one page "
                      "wide, with its header row on every page."),
        "page": "Page &P of &N",
    },
}

BOOLEAN_CHOICES = {"zh": ("是", "否"), "en": ("true", "false")}
#: the answer cells' yellow
ANSWER_FILL = "FFF9E0"
STATUSES = ("unknown", "not_applicable")
WIDTHS = {"id": 7, "dimension": 16, "name": 20, "points": 6, "question": 46, "answer_form": 34, "calculation": 34,
          "evidence_expected": 14, "value": 18, "status": 14, "evidence": 30, "note": 24, "source": 18,
          "sample_size": 10, "type": 10}


def _shown(text: Any) -> Any:
    """A framework's own text (a label, a question, a dimension's name) as a cell can hold it: a
    control or invisible character written as an escape (\\x1b), as in the YAML form; a worksheet
    cell refuses control characters, and a framework holding one ended ``init -o x.xlsx`` in an
    internal error."""
    if not isinstance(text, str):
        return text
    from .template import _line

    return "\n".join(_line(part) for part in text.split("\n"))  # a line break is a cell's own


def _set(cell, value: Any, *, text: bool = False) -> None:
    """Writes a value so that it reads back as itself: text is never taken for a formula."""
    if isinstance(value, list):
        value = None
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # '=SUM(...)' typed in a YAML note stays text
    if text:
        cell.number_format = "@"


def _cell_text(key: str, value: Any) -> Any:
    """A list value as the reader splits it: ids by commas, documents one per line; [] is '[]'."""
    if not isinstance(value, list):
        return value
    if key in ID_LISTS:  # none declared: an empty cell (the reader takes it for []), not a literal '[]'
        return ", ".join(map(str, value)) if value else None
    if key == "checklist":
        return ", ".join(map(str, value)) if value else "[]"
    return "\n".join(map(str, value))


def _option_text(ind: Indicator, kind: str, value: Any, lang: str) -> Any:
    """A choice's or checklist's answer as the drop-down shows it: each option by its label in the
    form's language (``option_entries``), separated by semicolons in a checklist; the reader reads it back as
    the codes. A text that is no option of the indicator is written as it is, for validate to name."""
    options = ind.answer.choices if kind == "choice" else ind.answer.items
    shown = dict(zip((o.id for o in options), option_entries(options, lang)))
    if kind == "choice":
        return shown.get(value, value) if isinstance(value, str) else value
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v in shown for v in value):
        return _cell_text("checklist", value)  # [] stays '[]'; an unknown item keeps the ids' form
    return ("；" if lang == "zh" else "; ").join(shown[v] for v in value)  # a label may hold a comma or 、


def print_setup(ws, page: str, *, landscape: bool, repeat_cols: str | None = None, signed: bool = True) -> None:
    """A sheet as printed from Excel or WPS: A4, one page wide (as many pages long as it takes), the
    header row (and ``repeat_cols``) on every page, grid lines, the sheet's name and page numbers
    (``page``: "第 &P 页，共 &N 页"). The form is a signed document (G18-E10): centred, narrow margins;
    summary.xlsx keeps the spreadsheet's own margins (G19-B8)."""
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    if repeat_cols:
        ws.print_title_cols = repeat_cols
    ws.print_options.gridLines = True
    if signed:
        ws.print_options.horizontalCentered = True
        ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    ws.oddFooter.center.text = page
    ws.oddHeader.right.text = "&A"  # the sheet's name


def _answer_form(ind: Indicator, lang: str, w: dict, fw: Framework | None = None) -> str:
    ans = ind.answer
    if ans.type == "boolean":
        return w["boolean"]
    if ans.type in ("choice", "checklist"):
        options = ans.choices if ans.type == "choice" else ans.items
        return "\n".join([w[ans.type]] + [f"{o.id} = {o.get(lang)}" for o in options])
    p = PUNCT[lang]  # a Chinese workbook's words in full-width punctuation, as the YAML form's
    line = f"{TEXT[lang]['unit']}{p['colon']}{ans.unit.get(lang)}"
    if ans.derive:
        line += f"{p['semi']}{TEXT[lang]['derived']} {ans.derive.unit.get(lang)}"
    bound = getattr(ans, "at_most", None)
    if bound:
        where, what = _bound_name(fw, bound, lang)  # a framework's own figure is city.figures.<id>
        line += f"\n{TEXT[lang]['at_most']} {where}{paren(what, lang)}"
    return line + "\n" + w[ans.type]


def _question(fw: Framework, ind: Indicator, level: str, lang: str) -> str:
    """The question, and under it whose record a unit of ``level`` gives where the indicator's
    ``from_parent`` lists the level, as the YAML form says it (G9 #3)."""
    said = from_parent_note(fw, ind, level, lang)
    return ind.question.get(lang) + (f"\n（{said}）" if lang == "zh" else f"\n({said})") if said else ind.question.get(lang)


def _calculation(ind: Indicator, lang: str) -> str:
    t, sep = TEXT[lang], ("：" if lang == "zh" else ": ")
    lines = []
    if ind.measurement is not None:
        for key in ("numerator", "denominator", "data_source", "deduplication", "reference_date"):
            text = getattr(ind.measurement, key)
            if text is not None:
                lines.append(f"{t[key]}{sep}{text.get(lang)}")
    if ind.survey is not None:
        sv = ind.survey
        lines.append(f"{t['survey']}{sep}" + "；".join(item.get(lang) for item in sv.items))
        lines.append(f"{t['scale']}{sep}{sv.scale.get(lang)}")
        lines.append(f"{t['sample']}{sep}{sv.min_sample}{PUNCT[lang]['semi']}{t['stratify']}{sep}{sv.stratify.get(lang)}")
    return "\n".join(lines)


class _Lists:
    """The hidden sheet that holds the drop-down lists (a range can be longer than Excel's 255-character inline list)."""

    def __init__(self, wb):
        self.ws = wb.create_sheet(LISTS)
        self.ws.sheet_state = "hidden"
        _protect(self.ws)  # the options the drop-downs offer, safe from an edit once unhidden
        self.col = 0

    def add(self, values) -> str:
        from openpyxl.utils import get_column_letter

        self.col += 1
        for row, v in enumerate(values, start=1):
            self.ws.cell(row, self.col, v).data_type = "s"
        letter = get_column_letter(self.col)
        return f"{LISTS}!${letter}$1:${letter}${len(values)}"


def _validation(ws, cells: list[str], w: dict, *, prompt: str, **kwargs):
    from openpyxl.worksheet.datavalidation import DataValidation

    if not cells:
        return
    kwargs.setdefault("showErrorMessage", True)  # openpyxl's default is False: Excel would accept anything
    error = kwargs.pop("error", prompt)
    dv = DataValidation(allow_blank=True, showInputMessage=True, promptTitle=w["title"][:32], prompt=prompt[:250],
                        errorTitle=w["invalid"][:32], error=error[:250], **kwargs)
    ws.add_data_validation(dv)
    for c in cells:
        dv.add(c)


def _style_header(ws, ncols: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for col in range(1, ncols + 1):
        cell = ws.cell(1, col)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _protect(ws) -> None:
    """Protected without a password: the questions are safe from slips, and anyone may unprotect."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.formatCells = False


def _city_keys(city: dict, fw: Framework | None = None, level: str | None = None) -> list[str]:
    """The profile fields of the model in its order (a field added to ``City`` gets its row without
    a change here), then any other key the data has (a typo is kept, for validate to name). A
    framework other than China's gets only the fields it uses (``profile_fields``) and those the
    data fills: no province, region or GDP in yuan on a form that never uses them."""
    from evaluator.assessment import City

    keys = [k for k in City.model_fields if k not in ("name", "figures", "sources")]
    if not china_form(fw):
        asked = set(profile_fields(fw, level)) | {"id"}
        keys = [k for k in keys if k in asked or k in city]
    return keys + [k for k in city if k not in keys and k not in ("name", "figures", "sources")
                   and k not in City.model_fields]


def _name_order(fw: Framework, lang: str) -> tuple[str, str]:
    """The name rows' order: Chinese first on a China form; else the names the framework requires,
    then the form's language (an English form of a Fjordvale unit opens with its English name)."""
    if china_form(fw):
        return ("zh", "en")
    required = [k for k in fw.validation.name_languages if k in ("zh", "en")]
    first = required[0] if required else lang
    return (first, "en" if first == "zh" else "zh")


def _label(key: str, lang: str, model) -> str:
    t, w = TEXT[lang], WORDS[lang]
    field = model.model_fields.get(key)
    return (w.get(f"field_{key}") or t["fields"].get(key)
            or (field.description if field is not None and field.description else key))


def _level_label(fw: Framework, lang: str) -> str:
    """The level row's label: the framework's ``level_label`` (单位类型 / Type of unit for an
    enterprise), as the paper form and the report's profile table name it; else 层级 / level of unit."""
    return fw.level_label.get(lang) if fw.level_label is not None else WORDS[lang]["field_level"]


def _profile_rows(fw: Framework, data: dict, lang: str, level: str) -> list[tuple[str, str, Any, str]]:
    """(label, key, value, explanation) of every profile row, in the YAML template's order; every
    scalar the data holds has a row, so that nothing is lost on the way to the workbook."""
    from evaluator.assessment import Assessment, City

    t, w = TEXT[lang], WORDS[lang]
    city = data.get("city") if isinstance(data.get("city"), dict) else {}
    names = city.get("name") if isinstance(city.get("name"), dict) else {}
    period = data.get("period") if isinstance(data.get("period"), dict) else {}
    strategy = data.get("strategy") if isinstance(data.get("strategy"), dict) else {}
    rows = [(w["framework"], "framework", data.get("framework", fw.ref), fw.name.get(lang))]
    rows += [(w[f"name_{k}"], f"city.name.{k}", names.get(k), "") for k in _name_order(fw, lang)]
    rows += [(str(k), f"city.name.{k}", v, "") for k, v in names.items() if k not in ("zh", "en")]
    for key in _city_keys(city, fw, city.get("level") or level):
        # the choices, beside the cell: the framework's own levels (prefecture | county ...)
        hint = level_comment(fw, lang) if key == "level" else t["fields"][key] if key == "region" else ""
        default = level if key == "level" else None
        rows.append((_level_label(fw, lang) if key == "level" else _label(key, lang, City), f"city.{key}",
                     city.get(key, default), hint))
    figures = city.get("figures") if isinstance(city.get("figures"), dict) else {}
    # the figures the unit's level uses, and any the data holds (a converted file loses none)
    at_level = {f.id for f in level_figures(fw, city.get("level") or level)}
    for spec in (f for f in fw.profile_figures if f.id in at_level or f.id in figures):
        unit = f"（{spec.unit.get(lang)}）" if lang == "zh" else f" ({spec.unit.get(lang)})"  # as the other zh labels
        rows.append((f"{spec.name.get(lang)}{unit}", f"city.figures.{spec.id}", figures.get(spec.id), ""))
    declared = {s.id for s in fw.profile_figures}
    rows += [(k, f"city.figures.{k}", v, "") for k, v in figures.items() if k not in declared]
    sources = city.get("sources") if isinstance(city.get("sources"), dict) else {}
    rows += [(w["figure_source"] + str(k), f"city.sources.{k}", v, "") for k, v in sources.items()]
    rows += [(w["period_start"], "period.start", period.get("start"), t["period"]),
             (w["period_end"], "period.end", period.get("end"), "")]
    rows += [(str(k), f"period.{k}", v, "") for k, v in period.items() if k not in ("start", "end")]
    top = [k for k in Assessment.model_fields if k not in ("framework", "city", "period", "strategy", "answers")]
    for key in top + [k for k in data if k not in top and k not in ("framework", "city", "period", "strategy",
                                                                      "answers")]:
        value = data.get(key)
        if key == "lang" and key not in data:
            continue  # written by lcity init only; a converted file keeps what it had
        if not isinstance(value, (dict, list)):
            rows.append((_label(key, lang, Assessment), str(key), value, ""))
    return rows + _strategy_rows(fw, strategy, lang)


def _strategy_rows(fw: Framework, strategy: dict, lang: str) -> list[tuple[str, str, Any, str]]:
    """The declared strategy, asked only of a framework whose pathway types declare strategies and
    listing those (as the YAML form does); a framework without them gets the rows only when the data
    holds a strategy, so that converting never loses it."""
    t, w = TEXT[lang], WORDS[lang]
    declared = fw.strategies()
    if not declared and not any(v not in (None, "", [], {}) for v in strategy.values()):
        return []
    if set(declared) == {"balance", "international", "industry", "culture"}:  # the China frameworks' four
        # what to write, beside the empty cell (G18-E10: it held a literal '[]')
        label, ids = t["strategy"], w["leads_with_example"].format(example=", ".join(list(declared)[:2]))
    else:
        label = w["strategy_label"]
        named = " | ".join(f"{k}{paren(v.get(lang), lang)}" for k, v in declared.items())
        ids = w["leads_with_ids"] + (("：" if lang == "zh" else ": ") + named if named else "")
    rows = [(label, "strategy.leads_with", strategy.get("leads_with", []), ids),
            (w["strategy_evidence"], "strategy.evidence", strategy.get("evidence", []), w["evidence"]),
            (w["strategy_source"], "strategy.source", strategy.get("source"), "")]
    rows += [(str(k), f"strategy.{k}", v, "") for k, v in strategy.items()
             if k not in ("leads_with", "evidence", "source") and not isinstance(v, (dict, list))]
    return rows


def _write_profile(wb, fw: Framework, data: dict, lang: str, level: str, lists: _Lists) -> None:
    from openpyxl.styles import Alignment, PatternFill, Protection

    w = WORDS[lang]
    ws = wb.active
    ws.title = PROFILE[lang]
    for col, head in enumerate(w["profile_headers"], start=1):
        ws.cell(1, col, head)
    _style_header(ws, 4)
    numbers: dict[str, list[str]] = {"whole": [], "decimal": [], "year": []}
    hints: dict[str, str] = {}
    lists_for: dict[str, list[str]] = {}
    entries = {key: dict(zip((o.id for o in opts), option_entries(opts, lang))) for key, opts in profile_options(fw).items()}
    for row, (label, key, value, hint) in enumerate(_profile_rows(fw, data, lang, level), start=2):
        ws.cell(row, P_LABEL, _shown(label)).alignment = Alignment(wrap_text=True, vertical="top")
        _set(ws.cell(row, P_KEY), key)
        cell = ws.cell(row, P_VALUE)
        if key in entries and isinstance(value, str):  # 区 and 东部 in a Chinese workbook, as its drop-down offers them
            value = entries[key].get(value, value)
        _set(cell, _cell_text(key, value), text=key in ("date", "city.name.zh", "city.name.en") or key in LINE_LISTS)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if key != "framework":
            cell.protection = Protection(locked=False)
            cell.fill = PatternFill("solid", fgColor=ANSWER_FILL)  # the yellow cells the instructions name
        ws.cell(row, P_HINT, _shown(hint)).alignment = Alignment(wrap_text=True, vertical="top")
        ref = cell.coordinate
        if key in ("city.population", "city.population_60plus", "city.employed", "city.streets", "city.communities"):
            numbers["whole"].append(ref)
        elif key in ("city.area_km2", "city.gdp_per_capita") or key.startswith("city.figures."):
            numbers["decimal"].append(ref)
        elif key in ("city.reference_year", "period.start", "period.end"):
            numbers["year"].append(ref)
        elif key == "city.region":
            lists_for.setdefault("region", []).append(ref)
        elif key == "city.level":
            lists_for.setdefault("level", []).append(ref)
        elif key in ID_LISTS:
            lists_for.setdefault("ids", []).append(ref)
            hints[ref] = hint
    # a population, a number of streets or an area of 0 is refused (greaterThan 0), and the message says so (G18-E8)
    _validation(ws, numbers["whole"], w, prompt=w["count_positive"], type="whole", operator="greaterThan", formula1="0")
    _validation(ws, numbers["decimal"], w, prompt=w["number_positive"], type="decimal", operator="greaterThan",
                formula1="0")
    _validation(ws, numbers["year"], w, prompt="1990–2100", type="whole", operator="between", formula1="1990",
                formula2="2100")
    if lists_for.get("region"):  # China's three regions, on a form that asks the region
        regions = list(entries["city.region"].values())
        _validation(ws, lists_for["region"], w, prompt=" | ".join(regions), type="list", formula1=lists.add(regions))
    levels = list(entries["city.level"].values())
    _validation(ws, lists_for.get("level", []), w, prompt=" | ".join(levels), type="list", formula1=lists.add(levels))
    for ref in lists_for.get("ids", []):  # what to write in an empty cell, shown as it is selected
        _validation(ws, [ref], w, prompt=hints[ref], showErrorMessage=False)
    for col, width in zip("ABCD", (30, 22, 36, 40)):
        ws.column_dimensions[col].width = width
    _instructions(ws, w, last=max(ws.max_row, 2))
    ws.freeze_panes = "C2"
    print_setup(ws, w["page"], landscape=False)
    ws.print_area = f"A1:D{ws.max_row}"  # the form, not the instructions beside it
    _protect(ws)


def _instructions(ws, w: dict, *, last: int) -> None:
    """How to fill in the workbook, in the workbook itself (G18-E10; it was said only on the
    terminal): beside the profile's table, the first thing an official sees, with no row of the
    table moved (every message names its cell, and the reader reads the rows where they are)."""
    from openpyxl.styles import Alignment, Font, PatternFill

    col = P_HINT + 2  # F, one empty column after the table
    head = ws.cell(1, col, w["how"])
    head.font = Font(bold=True)
    head.fill = PatternFill("solid", fgColor=ANSWER_FILL)
    body = ws.cell(2, col, "\n".join(f"{n}. {line}" for n, line in enumerate(w["how_lines"], start=1)))
    body.alignment = Alignment(wrap_text=True, vertical="top")
    if last > 2:
        ws.merge_cells(start_row=2, start_column=col, end_row=min(last, 12), end_column=col)
    from openpyxl.utils import get_column_letter

    ws.column_dimensions[get_column_letter(col - 1)].width = 3
    ws.column_dimensions[get_column_letter(col)].width = 48


def _indicator_rows(fw: Framework, answers: dict, level: str) -> list[tuple[Any, Indicator | None, str]]:
    """(dimension, indicator, id) for the indicators of the level, then any other answer given."""
    rows: list = []
    for dim, inds in fw.at_level(level):
        rows += [(dim, ind, ind.id) for ind, applies in inds if applies]
    listed = {r[2] for r in rows}
    known = {i.id: (d, i) for d in fw.dimensions for i in d.indicators}
    for key in answers:
        if key not in listed:
            dim, ind = known.get(key, (None, None))
            rows.append((dim, ind, str(key)))
    return rows


def _write_indicators(wb, fw: Framework, answers: dict, lang: str, level: str, lists: _Lists) -> None:
    from openpyxl.styles import Alignment, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    w = WORDS[lang]
    ws = wb.create_sheet(INDICATORS[lang])
    for name in COLUMNS:
        ws.cell(1, COL[name], w["headers"][name])
    _style_header(ws, len(COLUMNS))
    answer_fill = PatternFill("solid", fgColor=ANSWER_FILL)
    evidence = evidence_names(fw, lang)
    by_kind: dict[str, list[str]] = {"boolean": [], "count": [], "percent": [], "number": [], "status": [], "sample": []}
    for row, (dim, ind, ind_id) in enumerate(_indicator_rows(fw, answers, level), start=2):
        kind = ind.answer.type if ind else ""
        top = Alignment(wrap_text=True, vertical="top")
        if ind is not None:
            fixed = {"dimension": f"{dim.id} {dim.name.get(lang)}", "name": ind.name.get(lang), "points": ind.points,
                     "question": _question(fw, ind, level, lang), "answer_form": _answer_form(ind, lang, w, fw),
                     "calculation": _calculation(ind, lang),
                     "evidence_expected": PUNCT[lang]["list"].join(
                         (evidence_names(fw, lang, ind) if "survey" in ind.evidence else evidence)[e]
                         for e in ind.evidence)}
        else:
            fixed = {}
        _set(ws.cell(row, COL["id"]), ind_id)
        for name, value in fixed.items():
            _set(ws.cell(row, COL[name]), _shown(value))
        _set(ws.cell(row, COL["type"]), kind)
        answer = answers.get(ind_id)
        answer = answer if isinstance(answer, dict) else {}
        for name in ("value", "status", "evidence", "note", "source", "sample_size"):
            cell = ws.cell(row, COL[name])
            value = answer.get(name)
            if name == "value":
                value = _option_text(ind, kind, value, lang) if ind is not None and kind in ("choice", "checklist") \
                    else _cell_text("checklist" if kind == "checklist" else "", value)
                if kind == "boolean" and isinstance(value, bool):
                    value = BOOLEAN_CHOICES[lang][0 if value else 1]
                if kind in ("choice", "checklist"):
                    cell.number_format = "@"
            elif name == "status" and value in STATUS_LABELS[lang]:
                value = STATUS_LABELS[lang][value]  # as the drop-down offers it: 不详, 不适用
            elif name == "evidence":
                value = _cell_text("evidence", value)
            _set(cell, value, text=name in ("evidence", "note", "source"))
            cell.protection = Protection(locked=False)
            cell.fill = answer_fill
        for col in range(1, len(COLUMNS) + 1):
            ws.cell(row, col).alignment = top
        value_ref = ws.cell(row, COL["value"]).coordinate
        by_kind["status"].append(ws.cell(row, COL["status"]).coordinate)
        if kind in by_kind:
            by_kind[kind].append(value_ref)
        if ind is not None and kind in ("choice", "checklist"):
            # the options as an official reads them (the labels; G18-E5), from the hidden lists sheet:
            # an inline list holds 255 characters, a label alone may hold more. A typed code is still
            # accepted (Excel warns, the reader takes it), and a checklist cell holds several.
            entries = option_entries(ind.answer.choices if kind == "choice" else ind.answer.items, lang)
            _validation(ws, [value_ref], w, prompt=_answer_form(ind, lang, w, fw), type="list",
                        formula1=lists.add(entries), showErrorMessage=kind == "choice", errorStyle="warning",
                        error=w["choice_warning"])
        if ind is not None and ind.survey is not None:
            by_kind["sample"].append(ws.cell(row, COL["sample_size"]).coordinate)
    _validation(ws, by_kind["boolean"], w, prompt=w["boolean"], type="list",
                formula1=lists.add(list(BOOLEAN_CHOICES[lang])))
    _validation(ws, by_kind["count"], w, prompt=w["count"], type="whole", operator="greaterThanOrEqual", formula1="0")
    _validation(ws, by_kind["percent"], w, prompt=w["percent"], type="decimal", operator="between", formula1="0",
                formula2="100")
    _validation(ws, by_kind["number"], w, prompt=w["number"], type="decimal", operator="greaterThanOrEqual",
                formula1="0")
    _validation(ws, by_kind["status"], w, prompt=w["status"], type="list",
                formula1=lists.add([STATUS_LABELS[lang][s] for s in STATUSES]), errorStyle="warning",
                error=w["choice_warning"])
    _validation(ws, by_kind["sample"], w, prompt=w["count_positive"], type="whole", operator="greaterThan",
                formula1="0")  # a sample of 0 questionnaires is refused: "大于0" (G18-E8)
    for name in COLUMNS:
        ws.column_dimensions[get_column_letter(COL[name])].width = WIDTHS[name]
    ws.column_dimensions[get_column_letter(COL["type"])].hidden = True
    if not fw.has_surveys() and not any(isinstance(a, dict) and a.get("sample_size") is not None
                                        for a in answers.values()):
        # no rate of the framework rests on a survey: no "valid questionnaires" column to fill in
        # (hidden, not removed: the reader finds every column where it always is)
        ws.column_dimensions[get_column_letter(COL["sample_size"])].hidden = True
    ws.freeze_panes = ws.cell(2, COL["question"]).coordinate
    print_setup(ws, w["page"], landscape=True)
    _protect(ws)


def _check_city(city: str | None) -> None:
    """--city typed with a control character (a cell cannot hold one): a usage error, not a crash."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from indicators.messages import Msg
    from indicators.problems import InputError, Problem

    found = ILLEGAL_CHARACTERS_RE.search(city or "")
    if found:
        raise InputError([Problem("--city", 1, 1, "error", "usage", Msg("hostile.xlsx-cannot-hold",
                                  code=f"U+{ord(found.group()):04X}"), Msg("hostile.hint-remove-control"), fatal=True)])


def write_workbook(fw: Framework, data: dict | None = None, *, lang: str = "zh", city: str | None = None,
                   level: str | None = None) -> bytes:
    """The workbook of ``fw`` for a unit of ``level``: blank (``data`` None, as ``lcity init``) or
    holding an assessment's data (``lcity convert``)."""
    import openpyxl

    if data is None:
        _check_city(city)
        this_year = _dt.date.today().year
        name = city or default_name(fw, lang, level)
        level = level or guess_level(name, fw)  # one of the framework's own levels
        from .template import name_slot

        data = {"framework": fw.ref, "city": {"name": {name_slot(name, fw, lang): name}, "level": level,
                                              "reference_year": this_year - 1},
                "period": {"start": this_year - 1, "end": this_year}, "answers": {}}
        if fw.strategies():  # asked only where the framework's pathway types declare strategies
            data["strategy"] = {"leads_with": [], "evidence": []}
        from evaluator.assessment import Assessment

        if "lang" in Assessment.model_fields:  # the form records its language (messages follow it)
            data["lang"] = lang
    city_data = data.get("city") if isinstance(data.get("city"), dict) else {}
    level = level or (city_data.get("level") if isinstance(city_data.get("level"), str) else None) or "city"
    answers = data.get("answers") if isinstance(data.get("answers"), dict) else {}
    wb = openpyxl.Workbook()
    lists = _Lists(wb)
    _write_profile(wb, fw, data, lang, level, lists)
    _write_indicators(wb, fw, answers, lang, level, lists)
    wb.move_sheet(LISTS, offset=2)
    wb.active = 0
    from indicators.textchars import make_storable

    make_storable(wb)  # never a file no spreadsheet opens (G19-C6); convert's read-back names any change
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
