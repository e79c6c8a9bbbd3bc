"""``summary.xlsx``: the batch's summary for officials (G18-B12, B13).

``summary.csv`` and ``summary.json`` are for programs: their columns and values are programme ids
(``excellent``, ``deferred``, ``p05``) that scripts and tests read, and they stay so. This workbook
holds the same rows and the same rounded figures for people, in the batch's language (``batch
--lang``, else the units' language as the ranking chooses it):

* sheet 1, what the file is: the folder, the date of the data (the latest date of the units'
  self-assessments: the file holds no timestamp, so the same folder gives the same bytes), the
  frameworks, the robustness analysis's number of draws and random-number stream;
* sheet 2, the rows: headings in words, values as labels (the framework's own names for grades,
  outcomes, pathways, levels; the catalog's for the rest), dimension columns headed with their
  name and maximum ("A 政策蓝图（满分8）"), numbers as numbers (shares as fractions shown as
  percentages), the header row frozen, columns wide enough for their contents;
* sheet 3, the caveats: unknowns are not zeros, the totals' bounds, what the robustness columns
  rest on and why ``lcity sensitivity`` may differ slightly, ranks per framework.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from indicators.messages import Msg, say

from .batch_summary import (
    ROBUST_MAX_UNITS,
    BatchSummary,
    failure_text,
    framework_of,
    frameworks_of,
    mixed_levels,
    robustness_of,
    visible,
)

#: the columns of the rows sheet, in order: (summary column, kind); the dimensions come after ``rank_worst``
_HEAD = (("rank", "int"), ("name", "text"), ("level", "text"), ("total", "points"), ("grade", "text"),
         ("recognition", "text"), ("total_lower", "points"), ("total_upper", "points"), ("median", "points"),
         ("p05", "points"), ("p95", "points"), ("p_recognition", "share"), ("rank_best", "int"),
         ("rank_worst", "int"))
_TAIL = (("pathway", "text"), ("confidence", "ratio"), ("coverage", "share"), ("ratable", "bool"),
         ("reviewed", "bool"), ("self_total", "points"), ("warnings", "int"), ("points_to_next_grade", "points"),
         ("next_grade_reason", "text"), ("plan_target", "text"), ("plan_effort", "points"),
         ("plan_effort_reason", "text"), ("plan_own_effort", "points"), ("plan_outside", "text"),
         ("plan_outside_effort", "points"), ("framework", "text"), ("file", "text"), ("status", "text"),
         ("error", "text"), ("percent_slips", "text"))
_FORMATS = {"points": "0.00", "ratio": "0.000", "share": "0.0%", "int": "0"}
#: a cell is never made wider than this many characters (a long error folds in its cell)
MAX_WIDTH = 48
#: the timestamp every part of the workbook carries (zip entries, document properties): none of the run's
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _width(text: str) -> int:
    from rich.cells import cell_len  # a Chinese character takes two columns, as on a terminal

    return cell_len(text)


def _count(n: int, lang: str) -> str:
    return str(n) if lang == "zh" else f"{n:,}"


def _words(key: str, lang: str, **fields: Any) -> str:
    return say(Msg(f"sheet.{key}", **fields), lang)


def _named(both: dict[str, str] | None, lang: str) -> str | None:
    return None if not both else (both.get(lang) or both.get("en") or both.get("zh"))


def _dimension_heads(summary: BatchSummary, lang: str) -> dict[str, str]:
    """Each dimension column's heading: its id, name and maximum, as the framework gives them."""
    mixed = len(frameworks_of(summary.outcomes)) > 1
    heads: dict[str, str] = {}
    for o in summary.outcomes:
        if o.record is None:
            continue
        points = (o.record.get("sheet") or {}).get("points", {})
        for d, zh, en in o.record["dimensions"]:
            key = f"{framework_of(o)}:{d}" if mixed else d
            if key in heads or key not in summary.dimensions:
                continue
            name = (zh or en) if lang == "zh" else (en or zh)
            p = points.get(d)
            head = _words("col-dimension", lang, id=d, name=name, points=f"{p:g}") if p is not None else f"{d} {name}"
            heads[key] = f"{framework_of(o)} {head}" if mixed else head
    return heads


def _title(summary: BatchSummary, lang: str) -> str:
    """The workbook's title, as ranking.pdf's: learning-city frameworks keep the learning-city
    title, one other framework names itself, a mix of the two gets a title of neither (G19-D4)."""
    from indicators.loader import load_framework
    from indicators.problems import InputError

    names = []
    for ref in frameworks_of(summary.outcomes):
        try:
            fw = load_framework(ref)
        except InputError:
            continue
        names.append((fw.name.zh or fw.name.en, fw.name.en or fw.name.zh))
    if all("学习型城市" in zh or "learning cit" in en.lower() for zh, en in names):
        return _words("title", lang)
    if len(names) == 1:
        return _words("title-own", lang, framework=names[0][0] if lang == "zh" else names[0][1])
    return _words("title-any", lang)


def _print_setup(ws, lang: str, *, repeat_cols: str | None = None, landscape: bool = True) -> None:
    """The sheet as printed from Excel or WPS (G19-B8), as the form prints (``lcity.xlsx_form``),
    with the spreadsheet's own margins."""
    from .xlsx_form import print_setup

    print_setup(ws, "第 &P 页，共 &N 页" if lang == "zh" else "Page &P of &N", landscape=landscape,
                repeat_cols=repeat_cols, signed=False)


def _speaks_recognition(summary: BatchSummary) -> bool:
    """Whether every framework's first outcome is a recognition (认定), as ``lcity.tables`` decides it."""
    from indicators.loader import load_framework
    from indicators.problems import InputError

    from .tables import speaks_recognition

    for ref in frameworks_of(summary.outcomes):
        try:
            if not speaks_recognition(load_framework(ref)):
                return False
        except InputError:
            continue
    return True


def _value(o: Any, column: str, row: dict[str, Any], lang: str) -> Any:
    """The cell of ``column`` for the summary row ``row`` of outcome ``o``: words where the CSV has an id."""
    v = row.get(column)
    rec = o.record or {}
    ranking = rec.get("ranking") or {}
    sheet = rec.get("sheet") or {}
    zh = lang == "zh"
    if column == "name":
        name = (row.get("name_zh") or row.get("name")) if zh else (row.get("name") or row.get("name_zh"))
        return name or None
    if column == "status":
        return _words(f"status-{v}", lang) if v else None
    if column == "error":
        return visible(failure_text(o, lang)) if o.error else None
    if o.record is None:
        return None if column not in ("file",) else v
    if column == "level":
        return _named(sheet.get("level"), lang) or (_words(f"level-{v}", lang) if v in ("city", "district", "county")
                                                      else v)
    if column == "grade":
        return (ranking.get("grade_zh") if zh else ranking.get("grade")) or v
    if column == "recognition":
        return (ranking.get("recognition_name_zh") if zh else ranking.get("recognition_name")) or v
    if column == "pathway":
        return (ranking.get("pathway_name_zh") if zh else ranking.get("pathway_name")) or v
    if column == "plan_target":
        return _named(sheet.get("plan_target"), lang) or v
    if column in ("next_grade_reason", "plan_effort_reason"):
        return _words(f"reason-{v}", lang) if v else None
    if isinstance(v, bool):
        return _words("yes" if v else "no", lang)
    return v


def _rows_sheet(ws, summary: BatchSummary, lang: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from .batch_summary import summary_row

    dims = _dimension_heads(summary, lang)
    columns = [*_HEAD, *((d, "points") for d in summary.dimensions), *_TAIL]
    recognises = _speaks_recognition(summary)
    effort = effort_word(_effort_unit_texts(summary, lang), lang)
    heads = []
    for c, _ in columns:
        if c in dims:
            heads.append(dims[c])
        elif c == "recognition" and not recognises:
            heads.append(_words("col-outcome", lang))
        elif c == "p_recognition" and not recognises:
            heads.append(_words("col-p_top", lang))
        elif c in _EFFORT_COLUMNS:
            heads.append(_words(f"col-{c}-in", lang, unit=effort))
        else:
            heads.append(_words(f"col-{c}", lang))
    ws.append(heads)
    widths = [min(_width(h), 16) for h in heads]  # a long heading folds in its cell
    for r, o in enumerate(summary.outcomes, 2):  # r: the row it is appended as (the heading is row 1)
        row = summary_row(o, summary.dimensions, lang)
        cells = []
        for k, (c, kind) in enumerate(columns):
            v = _value(o, c, row, lang)
            if isinstance(v, str):
                v = visible(v)
            cells.append(v)
            shown = f"{v:.2f}" if isinstance(v, float) and kind == "points" else "" if v is None else str(v)
            widths[k] = max(widths[k], min(_width(shown), MAX_WIDTH))
        ws.append(cells)
        for k, v in enumerate(cells, 1):
            if isinstance(v, str) and v.startswith("="):  # text from a file ('=HYPERLINK(…)') is shown, never run as a formula
                ws.cell(row=r, column=k).data_type = "s"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    last = len(summary.outcomes) + 1  # ws.max_row scans every cell: asked once, not once per row (O(n²))
    for k, (c, kind) in enumerate(columns, 1):
        head = ws.cell(row=1, column=k)
        head.font, head.fill = bold, fill
        head.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(k)
        ws.column_dimensions[letter].width = widths[k - 1] + 2
        fmt = _FORMATS.get(kind)
        for r in range(2, last + 1):
            cell = ws.cell(row=r, column=k)
            if fmt and isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                cell.number_format = fmt
            elif kind == "text" and c == "error":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "C2"  # the header row and the rank and unit columns stay in view
    ws.auto_filter.ref = ws.dimensions
    _print_setup(ws, lang, repeat_cols="A:B")  # printed as on screen: the rank and unit on every page


def _about_sheet(ws, summary: BatchSummary, folder: str, lang: str, date: str | None) -> None:
    from openpyxl.styles import Alignment, Font

    from evaluator.engine import VERSION

    runs = robustness_of(summary.outcomes)
    ws.append([_title(summary, lang)])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([_words("what", lang)])
    ws.merge_cells("A2:B2")
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 48
    ws.append([])
    failed = len(summary.failures)
    lines = [
        ("folder", visible(folder)),
        ("date", date or _words("no-date", lang)),
        ("files", _words("files-value", lang, files=len(summary.outcomes), scored=sum(o.scored for o in summary.outcomes),
                         failed=failed)),
        ("frameworks", "、".join(frameworks_of(summary.outcomes)) if lang == "zh" else ", ".join(frameworks_of(summary.outcomes))),
        ("draws", _words("draws-value", lang, draws=_count(runs["draws"], lang), stream=runs["stream"]) if runs else _words("no-draws", lang)),
        ("version", f"lcity {VERSION}"),
    ]
    for key, value in lines:
        ws.append([_words(key, lang), value])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    ws.append([])
    ws.append([_words("see", lang)])
    ws.column_dimensions["A"].width = 34 if lang == "zh" else 40
    ws.column_dimensions["B"].width = 70
    for r in range(4, ws.max_row + 1):
        for c in (1, 2):
            ws.cell(row=r, column=c).alignment = Alignment(wrap_text=True, vertical="top")


_EFFORT_COLUMNS = ("plan_effort", "plan_own_effort", "plan_outside_effort")


def effort_word(units: list[str | None], lang: str) -> str:
    """The word in the effort columns' headings: the effort unit the frameworks of the batch share,
    up to its explanation in brackets ("effort days"; China's "点（1点约为…）" gives 点), else
    points. A framework counting in effort days had its days headed "Plan effort (points)" (G20-D2)."""
    default = "点" if lang == "zh" else "points"
    words = {re.split(r"[（(]", u, maxsplit=1)[0].strip() or default if u else default for u in units}
    return words.pop() if len(words) == 1 else default


def _effort_unit_texts(summary: BatchSummary, lang: str) -> list[str | None]:
    """Each framework's effort unit in ``lang`` (None: it names none)."""
    from indicators.loader import load_framework
    from indicators.problems import InputError

    units: list[str | None] = []
    for ref in frameworks_of(summary.outcomes):
        try:
            effort = load_framework(ref).effort
        except InputError:
            continue
        units.append(None if effort is None or effort.unit is None else getattr(effort.unit, lang))
    return units


def _effort_units(summary: BatchSummary, lang: str) -> str:
    """What an effort point stands for, per framework, in its own words ("点（1点约为牵头部门一个月的专项工作量）")."""
    from indicators.loader import load_framework
    from indicators.problems import InputError

    said = []
    for ref in frameworks_of(summary.outcomes):
        try:
            effort = load_framework(ref).effort
        except InputError:
            continue
        unit = (_words("effort-steps", lang) if effort is None else
                _words("effort-points", lang) if effort.unit is None else getattr(effort.unit, lang))
        said.append(f"{ref}：{unit}" if lang == "zh" else f"{ref}: {unit}")
    return ("；" if lang == "zh" else "; ").join(said)


def _notes_sheet(ws, summary: BatchSummary, lang: str) -> None:
    from openpyxl.styles import Alignment, Font

    runs = robustness_of(summary.outcomes)
    p = _words("col-p_recognition" if _speaks_recognition(summary) else "col-p_top", lang)
    p = p if lang == "zh" else p[:1].lower() + p[1:]  # in a sentence
    ws.append([_words("note-head", lang)])
    ws["A1"].font = Font(bold=True, size=12)
    outcome = _words("col-recognition" if _speaks_recognition(summary) else "col-outcome", lang)
    notes_text = [_words("note-unknown", lang), _words("note-ratable", lang, outcome=outcome if lang == "zh" else outcome.lower())]
    notes_text.append(_words("note-draws", lang, draws=_count(runs["draws"], lang), stream=runs["stream"], p=p) if runs else
                      _words("note-no-draws", lang, max=ROBUST_MAX_UNITS, p=p))
    notes_text.append(_words("note-rank", lang))
    notes_text += [_words("note-levels", lang, framework=ref, levels=("、" if lang == "zh" else ", ").join(levels))
                   for ref, levels in mixed_levels(summary.outcomes, lang)]
    notes_text += [_words(k, lang) for k in ("note-review", "note-dims")]
    if any((o.record or {}).get("row", {}).get("percent_slips") for o in summary.outcomes):
        notes_text.append(_words("note-slips", lang, column=_words("col-percent_slips", lang)))  # G19-B5
    notes_text += [_words("note-effort", lang, units=_effort_units(summary, lang)), _words("note-numbers", lang)]
    for k, text in enumerate(notes_text, 1):
        ws.append([k, text])
        ws.cell(row=ws.max_row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row=ws.max_row, column=1).alignment = Alignment(vertical="top")
        ws.row_dimensions[ws.max_row].height = 15 * (1 + _width(text) // 100)
    ws.column_dimensions["A"].width = 4
    ws.column_dimensions["B"].width = 100
    _print_setup(ws, lang, landscape=False)


def _fixed_bytes(data: bytes) -> bytes:
    """The workbook with no timestamp of the run in it: every zip entry dated ``FIXED_TIME`` and the
    document's created/modified properties at the same instant (openpyxl stamps the time of saving),
    so the same folder gives the same bytes, as summary.csv and summary.json do."""
    stamp = "%04d-%02d-%02dT%02d:%02d:%02dZ" % FIXED_TIME
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>" + stamp.encode() + rb"\g<3>",
                              body)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, body)
    return buf.getvalue()


def _storable(wb, notes, lang: str) -> None:
    """Every character a cell cannot store (a Unicode noncharacter such as U+FFFE) written as U+FFFD,
    with a note that says so: one such character in one unit's text made the whole summary.xlsx a
    file no spreadsheet could open, while batch said it had written it (G19-C6)."""
    from openpyxl.styles import Alignment

    from indicators.textchars import code, make_storable

    replaced, first = make_storable(wb)
    if replaced:
        n = sum(1 for row in notes.iter_rows(min_row=2, max_col=1, values_only=True) if isinstance(row[0], int))
        notes.append([n + 1, say(Msg("xlsx.replaced-characters", n=replaced, code=code(first)), lang)])
        notes.cell(row=notes.max_row, column=2).alignment = Alignment(wrap_text=True, vertical="top")


def summary_xlsx(summary: BatchSummary, folder: str, lang: str = "zh", date: str | None = None) -> bytes:
    """The bytes of ``summary.xlsx`` (see the module's docstring); ``date``: the date of the data."""
    import openpyxl

    if date is None:  # the ranking report's date: the latest of the units' own dates
        dates = sorted(str(o.record["ranking"]["date"]) for o in summary.outcomes
                       if o.record is not None and (o.record.get("ranking") or {}).get("date"))
        date = dates[-1] if dates else None
    wb = openpyxl.Workbook()
    about = wb.active
    about.title = _words("about", lang)
    _about_sheet(about, summary, folder, lang, date)
    _rows_sheet(wb.create_sheet(_words("data", lang)), summary, lang)
    _notes_sheet(wb.create_sheet(_words("notes", lang)), summary, lang)
    _storable(wb, wb.worksheets[-1], lang)
    wb.properties.creator = "lcity"
    wb.properties.title = _title(summary, lang)
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_bytes(buf.getvalue())
