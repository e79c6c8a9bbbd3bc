"""Reading a self-assessment workbook (Excel, WPS) into the same marked data the YAML reader gives.

Officials fill in forms in Excel or WPS. A workbook written by ``lcity init --format xlsx`` is read
here into a ``Marked`` exactly like a YAML file's (plain dicts, lists and scalars), so every model
check and framework check runs unchanged; only the positions differ. A position is a cell: each
sheet has its own block of "lines" (``sheet index × SHEET_LINES + row``), and ``SheetMarked.place``
turns a problem's line and column back into ``Sheet!C12`` — the name Excel shows in its name box.

The layout (sheet names, columns) is defined here, once, for the reader and for the writer
(``lcity.xlsx_form``). A workbook is untrusted input: it is read from bytes already bounded in
size, its zip directory is checked against a decompression bomb before openpyxl sees it, openpyxl
parses the XML with defusedxml (installed with lcity: no entity, no DTD, no external file), and the
sheets are streamed (read-only mode) and read no further than ``MAX_ROWS`` rows and the form's
columns, so a sheet that claims a million rows costs nothing. A formula is never evaluated, and
its cached result is not taken as an answer either: an answer cell holding a formula is refused
at its cell, because the figure that is scored must be the one a reviewer sees typed in the form
(a crafted file can cache any result). So is a cell holding an Excel error (``#DIV/0!``) or a
control character (YAML refuses the same characters).
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import re
import warnings
import zipfile
from dataclasses import dataclass, field, replace
from typing import Any

from .messages import Msg, join
from .problems import InputError, Problem
from .safeyaml import MAX_TEXT, Marked, other_format_problem
from .textchars import NONCHARACTER

#: Sheet names in each language; the reader accepts either language.
PROFILE = {"zh": "基本情况", "en": "Profile"}
INDICATORS = {"zh": "指标", "en": "Indicators"}
LISTS = "lists"

#: Profile sheet: label, key (a dotted path such as city.population), value, explanation.
P_LABEL, P_KEY, P_VALUE, P_HINT = 1, 2, 3, 4

#: Indicators sheet columns (1-based). The question columns are locked; the answer columns are not.
COLUMNS = ("id", "dimension", "name", "points", "question", "answer_form", "calculation", "evidence_expected",
           "value", "status", "evidence", "note", "source", "sample_size", "type")
COL = {name: i + 1 for i, name in enumerate(COLUMNS)}
ANSWER_FIELDS = ("value", "status", "evidence", "note", "source", "sample_size")

#: Keys of the profile whose cell holds a list: ids separated by commas, or documents one per line.
ID_LISTS = ("strategy.leads_with",)
LINE_LISTS = ("strategy.evidence",)

SHEET_LINES = 1_000_000
#: Limits on an untrusted workbook: a filled-in form unpacks to well under 1 MB in a few dozen
#: parts and ~100 rows per sheet; these leave two orders of magnitude of room for long answers.
MAX_UNZIPPED = 50_000_000
MAX_MEMBERS = 2_000
MAX_ROWS = 10_000
#: the last row of an Excel sheet
EXCEL_ROWS = 1_048_576
#: The start of an OLE2 compound file: an old .xls, a WPS .et, or a workbook encrypted with a password to open.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
#: What YAML refuses in text (C0 controls but tab and line breaks, DEL, C1, surrogates, U+FFFE/F),
#: and Excel's escape of such a character in its XML (_x001B_), which openpyxl leaves as text.
_UNPRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]")
_EXCEL_ESCAPE = re.compile(r"_x(00[01][0-9A-Fa-f]|007[Ff]|008[0-9A-Fa-f]|009[0-9A-Fa-f])_")

#: The status column's drop-down in each language (the code is what the YAML form and the model hold).
STATUS_LABELS = {"zh": {"unknown": "不详", "not_applicable": "不适用"},
                 "en": {"unknown": "unknown", "not_applicable": "not applicable"}}
STATUS_WORDS = {"无数据": "unknown", "不详": "unknown", "未知": "unknown", "不适用": "not_applicable",
                "unknown": "unknown", "not applicable": "not_applicable", "not_applicable": "not_applicable"}
TRUE_WORDS = {"true", "是", "有", "yes"}
FALSE_WORDS = {"false", "否", "无", "no"}
_ID_SEPARATORS = re.compile(r"[,，、;；\n]+")


def is_workbook(name: str) -> bool:
    return str(name).lower().endswith((".xlsx", ".xlsm"))


def looks_like_workbook(data: bytes, name: str = "") -> bool:
    """Read as a workbook: a zip, an OLE2 file (an encrypted or old-format workbook, refused with
    its reason), or anything named .xlsx/.xlsm (a renamed file is refused as "not a workbook"
    rather than parsed as YAML)."""
    return data[:4] == ZIP_MAGIC or data[:8] == OLE_MAGIC or is_workbook(name)


@dataclass
class SheetMarked(Marked):
    """A ``Marked`` whose lines are cells: ``sheets[line // SHEET_LINES]`` and row ``line % SHEET_LINES``."""

    sheets: list[str] = field(default_factory=list)
    #: problems of the layout itself (a row given twice), reported with the checks' problems
    problems: list[Problem] = field(default_factory=list)
    #: warnings about what the workbook shows, where nothing is lost in reading it (answers in
    #: hidden rows): reported with the checks' problems, but no reason for convert to refuse it
    notes: list[Problem] = field(default_factory=list)
    #: the text of each checklist cell as typed, for ``codes_for_labels`` to split at the labels
    typed: dict = field(default_factory=dict)
    #: (line, column) of each cell inside a refused merged range but its top-left one: what is said
    #: there ("C2 has no value yet") is said by the range's own problem (G20-C7)
    merged: set = field(default_factory=set)
    #: the names (column C) of Indicators rows that an error leaves without an id (merged or cleared
    #: id cells): "C2 is not answered" at the sheet's top is said by that row's error (G20-C3)
    unread: set = field(default_factory=set)

    def cell(self, line: int, col: int) -> str:
        from openpyxl.utils import get_column_letter

        sheet = self.sheets[min(line // SHEET_LINES, len(self.sheets) - 1)]
        return f"{sheet}!{get_column_letter(max(col, 1))}{max(line % SHEET_LINES, 1)}"

    def place(self, problems: list[Problem]) -> list[Problem]:
        """The problems of this workbook with their cells (line and column become row and column).
        A refused cell (a formula) is one problem: "no value yet" at the same cell is not added."""
        refused = {(p.line, p.col) for p in self.problems if p.rule == "cell-refused"}
        problems = [p for p in problems if p.file != self.file or (p.line, p.col) not in self.merged
                    and (p.rule == "cell-refused" or (p.line, p.col) not in refused) and not self._unread(p)]
        return [replace(p, line=p.line % SHEET_LINES or 1, cell=self.cell(p.line, p.col), message=sheet_words(p.message),
                        hint=sheet_words(p.hint)) if p.file == self.file and not p.cell else p for p in problems]

    def _unread(self, p: Problem) -> bool:
        """Whether ``p`` says an indicator is not answered whose row is refused for want of an id."""
        name = getattr(p.message, "values", {}).get("name") if p.rule == "missing-answer" else None
        return name is not None and bool({getattr(name, "zh", None), getattr(name, "en", None)} & self.unread)


#: messages that name a YAML form's keys (``value:``, ``status: unknown``, ``note``, ``evidence: [...]``),
#: and the same said in a workbook's words: its columns and the drop-down of its status column. An
#: official in Excel has no key to type (new-user audit #12: "请填写 value:" at 指标!I2).
SHEET_WORDS = {
    "check.no-answer": "xlsx.no-answer", "hint.no-answer": "xlsx.hint-no-answer",
    "hint.missing-answer": "xlsx.hint-missing-answer", "hint.no-figure": "xlsx.hint-no-figure",
    "check.value-and-status": "xlsx.value-and-status", "hint.value-and-status": "xlsx.hint-value-and-status",
    "hint.na-without-note": "xlsx.hint-na-without-note", "hint.no-evidence": "xlsx.hint-no-evidence",
    "hint.no-evidence-for-no": "xlsx.hint-no-evidence-for-no", "hint.no-sample": "xlsx.hint-no-sample",
    "hint.low-coverage": "xlsx.hint-low-coverage",
}


def sheet_words(text: Any) -> Any:
    """``text`` in a workbook's words when it is one of ``SHEET_WORDS``' messages, else as it is."""
    key = getattr(text, "key", None)
    return Msg(SHEET_WORDS[key], **text.values) if key in SHEET_WORDS else text


def _fatal(file: str, rule: str, message: str, hint: str) -> InputError:
    return InputError([Problem(file, 1, 1, "error", rule, message, hint, fatal=True)])


def _open(data: bytes, file: str):
    """The workbook, after checking its zip directory (no bomb, not an old .xls or encrypted file)."""
    if data[:8] == OLE_MAGIC:
        raise _fatal(file, "not-a-workbook", Msg("hostile.xlsx-ole"), Msg("xlsx.hint-save-as"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise _not_a_zip(data, file) from None
    except NotImplementedError as exc:  # a directory entry asking for a zip version past 6.3: a damaged
        raise _unreadable(file, exc) from None  # byte, and lcity ended in an internal error (G28H-6)
    problem = _zip_problem(infos) or _other_package(infos, data)
    if problem is not None:
        raise _fatal(file, *problem)
    if _is_strict(data):
        raise _fatal(file, "not-a-workbook", Msg("xlsx.strict"), Msg("xlsx.hint-strict"))
    import openpyxl

    # zipfile never unpacks a member past the size its directory gives (a lying entry fails its
    # CRC check), so the sum above bounds what openpyxl can unpack. Read-only: the sheets are
    # streamed, row by row, when read (see _Grid).
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise _unreadable(file, exc) from None


#: the namespace of Excel's "Strict Open XML Spreadsheet" format, which openpyxl cannot read
_STRICT = b"http://purl.oclc.org/ooxml/"


def _is_strict(data: bytes) -> bool:
    """True when the workbook was saved as "Strict Open XML Spreadsheet" (Excel's Save As offers it
    beside "Excel Workbook"): its package relations use the strict namespace. openpyxl finds no
    sheet in it, and the form was said to be damaged, with its answers lost (G22-H2)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return _STRICT in zf.read("_rels/.rels")[:65536]
    except Exception:  # KeyError, a damaged deflate stream (zlib.error: it was an internal error, G28H-6), …:
        return False  # not strict; openpyxl's reading then says what is wrong


#: where a workbook keeps pictures pasted into it: never opened here (openpyxl, read-only, skips
#: drawings), so their size is no decompression bomb (G22-H4)
_PICTURES = "xl/media/"


def _zip_problem(infos: list[zipfile.ZipInfo]) -> tuple[str, Msg, Msg] | None:
    """What is wrong with a workbook's zip directory, as (rule, message, hint), or None: too many
    parts or too much unpacked (a decompression bomb), an encrypted member, a part given twice.
    ``_open`` raises it; ``sheet_names`` takes any problem as "no workbook"."""
    if len(infos) > MAX_MEMBERS:
        return "workbook-too-large", Msg("xlsx.too-many-parts", n=f"{len(infos):,}"), Msg("xlsx.hint-use-init")
    if sum(i.file_size for i in infos if not i.filename.startswith(_PICTURES)) > MAX_UNZIPPED:
        return "workbook-too-large", Msg("xlsx.too-large"), Msg("xlsx.hint-use-init")
    if any(i.flag_bits & 0x1 for i in infos):  # a zip with encrypted members
        return "not-a-workbook", Msg("hostile.xlsx-ole"), Msg("xlsx.hint-save-as")
    seen: set[str] = set()
    for info in infos:  # two copies of one part: Excel may show one, this reader would take the other
        if info.filename in seen:
            return "not-a-workbook", Msg("xlsx.part-twice", part=info.filename), Msg("xlsx.hint-part-twice")
        seen.add(info.filename)
    return None


#: the zip packages that are no workbook, by a part only they have: (part, what it is)
_OTHER_PACKAGES = (("word/document.xml", "Word"), ("ppt/presentation.xml", "PowerPoint"))


def _other_package(infos: list[zipfile.ZipInfo], data: bytes) -> tuple[str, Msg, Msg] | None:
    """What a zip with no workbook in it is, as (rule, message, hint), or None: a Word document,
    an OpenDocument spreadsheet (.ods, as LibreOffice and WPS can save), a plain zip of files. It
    was "a damaged workbook: part of it cannot be read", which it is not (G28H-2)."""
    names = {i.filename for i in infos}
    if any(n.startswith("xl/") for n in names):
        return None
    for part, kind in _OTHER_PACKAGES:
        if part in names:
            return "not-a-workbook", Msg("xlsx.format-document", kind=kind), Msg("xlsx.hint-format-document")
    if "mimetype" in names:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open("mimetype") as fh:
                mimetype = fh.read(100)
        except Exception:  # a damaged member (zlib.error …): an OpenDocument file all the same
            mimetype = b""
        if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
            return "not-a-workbook", Msg("xlsx.format-ods"), Msg("xlsx.hint-format-ods")
        return "not-a-workbook", Msg("xlsx.format-document", kind="OpenDocument"), Msg("xlsx.hint-format-document")
    if "[Content_Types].xml" not in names:
        return "not-a-workbook", Msg("load.format-archive", kind="zip"), Msg("hint.format-archive")
    return None


def _not_a_zip(data: bytes, file: str) -> InputError:
    """Why bytes named .xlsx are no workbook, as what they are (G17-9): a zip whose end is missing
    (a download cut short), a PDF, picture or archive (G28H-2), text (a YAML form renamed), else
    the old .xls / WPS / password guess."""
    other = other_format_problem(data, file, "not-a-workbook")
    if other is not None:
        return other
    if data[:4] == ZIP_MAGIC:
        return _fatal(file, "not-a-workbook", Msg("xlsx.cut-short"), Msg("xlsx.hint-cut-short"))
    head = data[:4096]
    try:
        text = head.decode("utf-8") if b"\0" not in head else None
    except UnicodeDecodeError as exc:  # a multi-byte character cut at 4096 is still text
        text = head[:exc.start].decode("utf-8") if exc.start > len(head) - 4 else None
    if text and text.strip():
        from pathlib import PurePath

        return _fatal(file, "not-a-workbook", Msg("xlsx.text-not-workbook"),
                      Msg("xlsx.hint-text-not-workbook", file=f"{PurePath(file).stem or 'form'}.yaml"))
    return _fatal(file, "not-a-workbook", Msg("xlsx.not-a-zip"), Msg("xlsx.hint-save-as"))


_CELL_REF = re.compile(r"^[A-Z]{1,3}[1-9][0-9]{0,6}$")


def _failed_cell(exc: BaseException) -> str | None:
    """The cell the reader was reading when ``exc`` was raised (openpyxl's cell parser holds it as
    ``coordinate``), or None: "damaged workbook (cell F3)" tells the user where to look, a Python
    exception class does not."""
    tb = exc.__traceback__
    found = None
    while tb is not None:
        ref = tb.tb_frame.f_locals.get("coordinate")
        if isinstance(ref, str) and _CELL_REF.match(ref):
            found = ref  # the innermost frame that knows it
        tb = tb.tb_next
    return found


def _unreadable(file: str, exc: BaseException, sheet: str | None = None, cell: str | None = None) -> InputError:
    """A damaged or hostile workbook: what kind of damage, in the user's language, at the sheet and
    the cell where it is known; never the name of the exception, which means nothing to an official."""
    try:
        from defusedxml import DefusedXmlException
    except ImportError:  # pragma: no cover - defusedxml is a dependency
        DefusedXmlException = ()  # type: ignore[assignment]
    causes = [exc]
    while causes[-1].__cause__ is not None or causes[-1].__context__ is not None:  # openpyxl wraps
        causes.append(causes[-1].__cause__ or causes[-1].__context__)
        if len(causes) > 20:
            break
    if any(isinstance(c, DefusedXmlException) for c in causes):
        message = Msg("hostile.xlsx-entities")
    else:
        cell = _failed_cell(exc) or cell
        message = Msg("xlsx.damaged-cell", sheet=sheet, cell=cell) if sheet and cell else Msg("xlsx.damaged")
    problem = Problem(file, 1, 1, "error", "not-a-workbook", message, Msg("xlsx.hint-resave"), fatal=True,
                      cell=f"{sheet}!{cell or 'A1'}" if sheet else "")
    return InputError([problem])


def _cells_in_place(ws, file: str, merges=None, tiny=None, hidden=None) -> None:
    """Refuses a sheet whose cells do not stand where they say (a cell of row 8 written inside row
    7, one past Excel's last row, one given twice): lcity's streaming reader and a spreadsheet would
    read it in different places (G19-C3). Named at the cell, as a damaged workbook. The sheet's
    merged ranges are read into ``merges`` in the same pass; two over one cell are a damaged sheet;
    its numbers that underflow to 0 (1e-400) into ``tiny``."""
    from .xlsx_cells import cell_range, check_sheet

    try:
        found = check_sheet(ws, merges, tiny, hidden)
    except Exception as exc:  # XML that does not parse: said as any damaged sheet
        raise _unreadable(file, exc, ws.title) from None
    if found is None and merges is not None and merges.too_many:
        from .xlsx_cells import MAX_MERGES

        raise InputError([Problem(file, 1, 1, "error", "workbook-too-large",
                                  Msg("xlsx.too-many-merges", sheet=ws.title, limit=f"{MAX_MERGES:,}"),
                                  Msg("xlsx.hint-use-init"), fatal=True, cell=f"{ws.title}!A1")])
    if found is None and merges is not None and merges.damaged is not None:
        at = cell_range(merges.damaged)
        cell = f"{ws.title}!{merges.damaged.split(':')[0] if at else 'A1'}"
        raise InputError([Problem(file, 1, 1, "error", "not-a-workbook",
                                  Msg("xlsx.merge-damaged", sheet=ws.title, range=merges.damaged),
                                  Msg("xlsx.hint-resave"), fatal=True, cell=cell)])
    if found is not None:
        cell, message = found
        raise InputError([Problem(file, 1, 1, "error", "not-a-workbook", message,
                                  Msg("xlsx.hint-cell-place", cell=cell, sheet=ws.title), fatal=True,
                                  cell=f"{ws.title}!{cell}")])


class _Empty:
    value = None
    data_type = "n"
    number_format = "General"


_EMPTY = _Empty()


class _Underflow:
    """A number cell whose stored text (1e-400) openpyxl reads as 0: kept with that text, so that
    ``_refused`` names it instead of the answer being scored as 0 (G25-H1)."""

    data_type = "n"

    def __init__(self, cell, text: str):
        self.value, self.number_format, self.underflow = cell.value, cell.number_format, text


class _Grid:
    """The first MAX_ROWS rows and the form's columns of a sheet, read once from its stream; a
    sheet with more rows is refused (a form has about a hundred)."""

    def __init__(self, ws, file: str, read_cols: tuple[int, ...] = ()):
        from .xlsx_cells import Hidden, MergedRanges, Underflows

        self.title = ws.title
        self.merges = MergedRanges(_merge_reads(read_cols))
        self.hidden = Hidden(len(COLUMNS))
        tiny = Underflows()
        _cells_in_place(ws, file, self.merges, tiny, self.hidden)
        reading = None  # the cell whose format is being read, for the message when it is damaged
        try:
            self.rows = list(ws.iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=len(COLUMNS)))
            # a damaged styles part shows only when a cell's format is read (a style index past its
            # end): read them here, where it is the workbook's fault, not later in _scalar
            for row in self.rows[:MAX_ROWS]:
                for c in row:
                    reading = getattr(c, "coordinate", None)
                    _format = c.number_format
        except Exception as exc:  # a damaged or hostile sheet shows only when its rows are read
            raise _unreadable(file, exc, self.title, reading) from None
        past = MAX_ROWS + 1 if len(self.rows) > MAX_ROWS and any(c.value is not None for c in self.rows[MAX_ROWS]) \
            else self._filled_past(ws, file)
        if past is not None:
            raise InputError([Problem(file, 1, 1, "error", "workbook-too-large",
                                      Msg("hostile.xlsx-rows", sheet=self.title, rows=f"{MAX_ROWS:,}"),
                                      Msg("xlsx.hint-use-init"), fatal=True, cell=f"{self.title}!A{past}")])
        del self.rows[MAX_ROWS:]
        self.max_row = len(self.rows)
        for (r, c), text in tiny.items():
            if r <= self.max_row and c <= len(self.rows[r - 1]):
                self.rows[r - 1] = (*self.rows[r - 1][:c - 1], _Underflow(self.rows[r - 1][c - 1], text),
                                    *self.rows[r - 1][c:])

    def _filled_past(self, ws, file: str) -> int | None:
        """The first row past MAX_ROWS + 1 that holds a value, or None: a second C1 row at 10,002
        was read by no one while Excel shows it (G17-6). Streamed; the unpacked size bounds it."""
        if len(self.rows) <= MAX_ROWS:
            return None
        try:
            # max_row given: read-only openpyxl would otherwise stop where the sheet's <dimension> says
            for n, values in enumerate(ws.iter_rows(min_row=MAX_ROWS + 2, max_row=EXCEL_ROWS, max_col=len(COLUMNS),
                                                    values_only=True), start=MAX_ROWS + 2):
                if any(v is not None for v in values):
                    return n
        except Exception as exc:  # a damaged part past the rows read: said as any damaged sheet
            raise _unreadable(file, exc, self.title) from None
        return None

    def cell(self, row: int, col: int):
        try:
            return self.rows[row - 1][col - 1]
        except IndexError:
            return _EMPTY


def _merge_reads(read_cols: tuple[int, ...]):
    """For ``MergedRanges``: the cells of the reader's columns (below the header row, within the
    rows read) that a merged range covers, when it covers one other than its top-left cell, which
    holds what the merged cell shows; else none. Merged question columns (dimension, name) and a
    profile value merged with its explanation column are read as they show."""
    def reads(r1: int, c1: int, r2: int, c2: int) -> list[tuple[int, int]]:
        cols = [c for c in read_cols if c1 <= c <= c2]
        if not cols:
            return []
        cells = [(r, c) for r in range(max(r1, 2), min(r2, MAX_ROWS) + 1) for c in cols]
        return [] if not cells or cells == [(r1, c1)] else cells
    return reads


#: the columns each sheet's reader reads: the profile's keys and values; the indicators' ids, answers and types
READ_COLUMNS = {"profile": (P_KEY, P_VALUE),
                "indicators": (COL["id"], *(COL[name] for name in ANSWER_FIELDS), COL["type"])}


def _sheet(wb, names: dict[str, str], file: str, data: bytes) -> _Grid:
    for name in names.values():
        if name in wb.sheetnames:
            return _Grid(wb[name], file, READ_COLUMNS["profile" if names is PROFILE else "indicators"])
    missing = _missing_part(data, file, names)
    if missing is not None:
        raise missing
    found = [name for name in wb.sheetnames if name != LISTS][:12] or wb.sheetnames[:1]
    raise _fatal(file, "workbook-layout", Msg("xlsx.no-sheet-found", names=join(names.values(), ("”或“", "' or '")),
                                              found=join(found, ("”、“", "', '"))),
                 Msg("xlsx.hint-layout"))


_FORMAT_LITERAL = re.compile(r'"[^"]*"|\\.')
_FORMAT_BRACKET = re.compile(r"\[[^\]]*\]")
#: a thousands-scaling comma: after a digit placeholder and before none (#,##0, shows 5500 as 6)
_FORMAT_SCALES = re.compile(r"[0#?],+(?![0#?,])")


def _format_shows_otherwise(cell) -> str | None:
    """The number format of a cell that shows a figure other than the one it holds (0"万" shows
    550 as 550万, #,##0, shows 5500 as 6, ;;; shows nothing), or None. An official checks the
    screen, lcity scores the value: where they differ, the cell is refused rather than read."""
    fmt = str(getattr(cell, "number_format", None) or "General")
    if fmt == "General":
        return None
    if set(fmt.strip()) == {";"}:  # every section empty: nothing is shown, whatever the cell holds
        return fmt
    value = cell.value
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    sections, part, quoted = [], "", False  # split at the ';' outside quotes
    for ch in fmt:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            sections.append(part)
            part = ""
        else:
            part += ch
    sections.append(part)
    section = sections[1] if value < 0 and len(sections) > 1 else sections[0]
    if not section.strip():
        return fmt
    literals = "".join(_FORMAT_LITERAL.findall(section))
    bare = _FORMAT_BRACKET.sub("", _FORMAT_LITERAL.sub("", section))
    if re.search("[万亿千百]", literals + bare) or re.search("[KkMmBb]", literals):
        return fmt
    return fmt if _FORMAT_SCALES.search(bare) else None


def _refused(cell) -> Msg | None:
    """Why a cell cannot be an answer as it stands (a formula, an Excel error, a control
    character, a format that shows another figure), or None."""
    value = cell.value
    shown = _format_shows_otherwise(cell)
    if shown is not None and value is not None:
        return Msg("xlsx.format-shows", value=repr(value) if isinstance(value, str) else f"{value:g}",
                   format=shown[:40])
    if isinstance(value, _dt.timedelta):  # a duration: the cell has a time format such as [h]:mm
        return Msg("xlsx.duration", value=str(value)[:30])
    if cell.data_type == "f" or not isinstance(value, (str, int, float, bool, _dt.date, _dt.time, type(None))):
        text = value if isinstance(value, str) else getattr(value, "text", "") or type(value).__name__
        return Msg("hostile.xlsx-formula", formula=str(text)[:60])
    if cell.data_type == "e":
        return Msg("hostile.xlsx-error-value", error=str(value)[:20])
    if isinstance(value, float) and not math.isfinite(value):  # 1.8E+309 typed: read as inf, said as 'inf' (G20-C6)
        return Msg("xlsx.number-too-large")
    if getattr(cell, "underflow", None):  # 1e-400 stored: read as 0, in silence (G25-H1)
        return Msg("xlsx.number-too-small", shown=cell.underflow)
    if isinstance(value, str):
        odd = NONCHARACTER.search(value)  # U+FFFE …: no text, whatever the cell says (G19-C6)
        if odd:
            return Msg("xlsx.noncharacter", code=f"U+{ord(odd.group()):04X}")
        bad = _UNPRINTABLE.search(value)
        if bad:
            return Msg("hostile.xlsx-control", code=f"U+{ord(bad.group()):04X}")
        escaped = _EXCEL_ESCAPE.search(value)
        if escaped:
            return Msg("hostile.xlsx-control", code=f"U+{escaped.group(1).upper()}")
        if len(value) > MAX_TEXT:  # the limit a YAML form has: the same answer reads the same either way
            return Msg("hostile.text-too-long", n=f"{len(value):,}", limit=f"{MAX_TEXT:,}")
    return None


def _hint_for(message: Msg) -> Msg:
    return Msg({"hostile.xlsx-formula": "hostile.hint-formula", "hostile.xlsx-error-value": "hostile.hint-error-value",
                "hostile.xlsx-control": "hostile.hint-control", "xlsx.duration": "xlsx.hint-duration",
                "hostile.text-too-long": "hostile.hint-text-too-long", "xlsx.format-shows": "xlsx.hint-format-shows",
                "xlsx.noncharacter": "xlsx.hint-noncharacter",
                "xlsx.number-too-large": "xlsx.hint-number-too-large",
                "xlsx.number-too-small": "xlsx.hint-number-too-small"}[message.key])


def _text(value: Any) -> tuple[str, str | None]:
    """The raw text and style a YAML reader would keep: strings are quoted, other values plain."""
    if isinstance(value, str):
        return value, '"'
    if isinstance(value, bool):
        return ("true" if value else "false"), None
    return (repr(value) if isinstance(value, float) else str(value)), None


def _scalar(cell) -> Any:
    """The value of a cell as YAML would hold it: dates as YYYY-MM-DD text, a number shown as a
    percentage (85% typed in Excel is stored as 0.85) in percentage points."""
    value = cell.value
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if value == "":  # a cell holding only spaces is text, as " " is in YAML (the checks say it shows nothing)
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and str(cell.number_format).endswith("%"):
        return round(value * 100, 10)
    return value


def _id_list(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if value.strip() == "[]":
        return []
    return [part.strip() for part in _ID_SEPARATORS.split(value) if part.strip()]


def _line_list(value: Any) -> Any:
    if value is None:
        return []
    if not isinstance(value, str):
        return [value]
    return [line for line in value.split("\n") if line.strip()]


_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")
NUMBER_KINDS = ("count", "number", "percent")
#: the profile's figures: typed as text in a workbook ('86.5'), they are read as the numbers they show
PROFILE_NUMBERS = frozenset({"city.population", "city.population_60plus", "city.employed", "city.streets",
                             "city.communities", "city.area_km2", "city.gdp_per_capita", "city.reference_year",
                             "period.start", "period.end"})


def _number_text(value: Any) -> Any:
    """A number stored as text (Excel's green triangle, common in cells pasted from WPS or a web
    page) as the number it shows; any other text stays text for the checks to name."""
    if isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value.strip()):
        text = value.strip()
        return float(text) if "." in text else int(text)
    return value


def _answer_value(kind: str, value: Any) -> Any:
    if kind in NUMBER_KINDS:
        return _number_text(value)
    if kind == "checklist":
        return _id_list(value)
    if kind == "boolean" and isinstance(value, str):
        word = value.strip().lower()
        return True if word in TRUE_WORDS else False if word in FALSE_WORDS else value
    return value


def _status(value: Any) -> Any:
    """The status cell's code: the drop-down's label (不详, 不适用, not applicable) or the code typed."""
    if isinstance(value, str):
        word = value.strip()
        return STATUS_WORDS.get(word, STATUS_WORDS.get(" ".join(word.lower().split()), word))
    return value


def option_entries(options: list, lang: str) -> list[str]:
    """What a workbook's drop-down offers and its cells show for each option of a choice or
    checklist, in the form's language: the option's label where it names one option only (a label
    that two options share, or that is another option's code, is shown as 'code（label）', which
    names it). ``option_codes`` reads every entry back as its code."""
    codes = option_codes(options)
    entries = []
    for o in options:
        label = o.get(lang).strip()
        entries.append(label if codes.get(label) == o.id else f"{o.id}（{label}）" if lang == "zh" else f"{o.id} ({label})")
    return entries


def option_codes(options: list) -> dict[str, str]:
    """Every text a workbook cell may hold for an option, with its code: the code, its Chinese and
    English labels as the forms print them, 'code（label）', 'code (label)' and 'code = label' (as
    the form's 填写方式 column lists them). A text that could be two options is left out: it stays
    as typed, and the checks name it."""
    found: dict[str, set] = {}
    for o in options:
        texts = {o.id}
        for label in {o.zh.strip(), o.en.strip()}:
            texts |= {label, f"{o.id}（{label}）", f"{o.id} ({label})", f"{o.id}({label})", f"{o.id} = {label}"}
        for text in texts:
            found.setdefault(text, set()).add(o.id)
    codes = {o.id: o.id for o in options}
    return {**{text: next(iter(ids)) for text, ids in found.items() if len(ids) == 1}, **codes}


def _split_options(text: str, codes: dict[str, str]) -> list[str]:
    """A checklist cell split into its items: at each place the longest option text that ends at a
    separator (a label may hold a comma: '有规划，并分解……'), else up to the next separator."""
    known = sorted(codes, key=len, reverse=True)
    parts, at = [], 0
    while at < len(text):
        gap = _ID_SEPARATORS.match(text, at)
        if gap:
            at = gap.end()
            continue
        if text[at].isspace():
            at += 1
            continue
        for option in known:
            end = at + len(option)
            if text.startswith(option, at) and (end == len(text) or _ID_SEPARATORS.match(text, end)
                                                or text[end:].strip() == ""):
                parts.append(codes[option])
                at = end
                break
        else:
            nxt = _ID_SEPARATORS.search(text, at)
            end = nxt.start() if nxt else len(text)
            parts.append(text[at:end].strip())
            at = end
    return [p for p in parts if p]


#: the levels of a framework that names none, and China's regions (NBS), by code and labels
DEFAULT_LEVELS = (("city", "市", "city"), ("district", "区", "district"), ("county", "县", "county"))
REGIONS = (("east", "东部", "east"), ("central", "中部", "central"), ("west", "西部", "west"))


def profile_options(fw: Any) -> dict[str, list]:
    """The options of the profile's drop-downs, as choices are options: the unit's level (the
    framework's levels by their names, else city, district, county) and China's region. A Chinese
    workbook offers 区 and 东部 where the YAML form has district and east (G18-E5)."""
    from .models import Option

    levels = [Option(id=lv.id, zh=lv.name.zh, en=lv.name.en) for lv in getattr(fw, "levels", None) or ()]
    return {"city.level": levels or [Option(id=i, zh=zh, en=en) for i, zh, en in DEFAULT_LEVELS],
            "city.region": [Option(id=i, zh=zh, en=en) for i, zh, en in REGIONS]}


def _profile_codes(data: dict, fw: Any) -> None:
    """The profile's level and region picked by their labels (区, 东部), read as their codes."""
    city = data.get("city")
    if not isinstance(city, dict):
        return
    for key, options in profile_options(fw).items():
        field = key.split(".", 1)[1]
        value = city.get(field)
        if isinstance(value, str):
            city[field] = option_codes(options).get(value.strip(), value)


def codes_for_labels(marked: "SheetMarked", fw: Any) -> None:
    """Reads the options of a choice or checklist, and the profile's level and region, given by
    their labels as their codes, with the framework the workbook is read against: an official picks '有规划或行动计划，并分解列出可考核的量化目标'
    from the drop-down (or types it as the form prints it) where the YAML form has
    ``plan_with_targets`` (G18-E5). A code is read as itself; a text that is no option's stays as
    typed, for the checks to name."""
    data = marked.data if isinstance(marked.data, dict) else {}
    _profile_codes(data, fw)
    answers = data.get("answers")
    if not isinstance(answers, dict):
        return
    city = data.get("city") if isinstance(data.get("city"), dict) else {}
    level = city.get("level") if isinstance(city.get("level"), str) else None
    for key, answer in answers.items():
        if not isinstance(answer, dict):
            continue
        try:
            ind = fw.indicator(key)
        except (KeyError, AttributeError):
            continue
        if level is not None and any(lv.id == level for lv in fw.levels):
            ind = ind.at_level(level, fw.unit_name(level))
        kind = ind.answer.type
        if kind not in ("choice", "checklist"):
            continue
        codes = option_codes(ind.answer.choices if kind == "choice" else ind.answer.items)
        value = answer.get("value")
        path = ("answers", key, "value")
        if kind == "choice" and isinstance(value, str) and value.strip() in codes:
            answer["value"] = codes[value.strip()]
        elif kind == "checklist" and marked.typed.get(path, "[]").strip() != "[]":
            items = _split_options(marked.typed[path], codes)
            if items != value:
                answer["value"] = items
                at = marked.marks.get(path)
                for i, item in enumerate(items):
                    if at is not None:
                        marked.marks[path + (i,)] = at
                    marked.raw[path + (i,)] = _text(item)


class _Builder:
    """Collects data and marks; ``line`` numbers are per sheet (see ``SheetMarked``)."""

    def __init__(self):
        self.data: dict = {}
        self.marks: dict = {(): (1, 1)}
        self.key_marks: dict = {}
        self.raw: dict = {}
        self.typed: dict = {}
        self.unread: set = set()

    def put(self, path: tuple, value: Any, at: tuple[int, int], key_at: tuple[int, int]) -> None:
        node = self.data
        for depth, part in enumerate(path[:-1]):
            node = node.setdefault(part, {})
            self.marks.setdefault(path[: depth + 1], key_at)
            self.key_marks.setdefault(path[: depth + 1], key_at)
        node[path[-1]] = value
        self.marks[path] = at
        self.key_marks[path] = key_at
        items = value if isinstance(value, list) else []
        for i, item in enumerate(items):
            self.marks[path + (i,)] = at
            self.raw[path + (i,)] = _text(item)
        if not isinstance(value, (list, dict)) and value is not None:
            self.raw[path] = _text(value)


def _profile_path(key: str) -> tuple:
    for prefix in ("city.figures.", "city.sources."):
        if key.startswith(prefix):
            return tuple(prefix.rstrip(".").split(".")) + (key[len(prefix):],)
    return tuple(key.split("."))


def _read_profile(ws, b: _Builder, base: int, problems: list[Problem], file: str) -> None:
    seen: dict[str, int] = {}
    clashes: set = set()
    for row in range(2, ws.max_row + 1):
        key = ws.cell(row, P_KEY).value
        if not isinstance(key, str) or not key.strip():
            continue
        why = _refused(ws.cell(row, P_KEY))
        if why is not None:
            problems.append(Problem(file, base + row, P_KEY, "error", "cell-refused", why, _hint_for(why)))
            continue
        key = key.strip()
        if key in seen:
            problems.append(Problem(file, base + row, P_KEY, "error", "duplicate-key",
                                    Msg("xlsx.key-twice", key=key, first=seen[key], second=row),
                                    Msg("xlsx.hint-delete-row")))
            continue
        seen[key] = row
        if key.split(".")[0] == "answers":  # the Indicators sheet replaces every answer: said, not dropped
            ind = (key.split(".") + [""])[1] or key
            problems.append(Problem(file, base + row, P_KEY, "error", "unknown-key",
                                    Msg("xlsx.answer-in-profile", key=key),
                                    Msg("xlsx.hint-answer-in-profile", id=ind)))
            continue
        cell = ws.cell(row, P_VALUE)
        if cell.value is None and (row, P_VALUE) in ws.merges.covered:
            # under a merged range: said by the range's problem, and "missing" is said here, where
            # that problem hides it, not a second time at the sheet's top (G20-C7, as G20-C8)
            b.marks.setdefault(_profile_path(key), (base + row, P_VALUE))
            continue
        why = _refused(cell)
        if why is not None:
            problems.append(Problem(file, base + row, P_VALUE, "error", "cell-refused", why, _hint_for(why)))
            # "city.population is missing" is then said at this cell, so the refusal stands alone; it
            # was a second problem at the sheet's top (基本情况!B3) of a figure typed as a formula (G20-C8)
            b.marks.setdefault(_profile_path(key), (base + row, P_VALUE))
            continue
        value = _scalar(cell)
        if key in ID_LISTS:
            value = [] if value is None else _id_list(value)
        elif key in LINE_LISTS:
            value = _line_list(value)
        elif value is None:
            continue
        elif key in PROFILE_NUMBERS or key.startswith("city.figures."):
            value = _number_text(value)  # '86.5' stored as text is the number it shows, as in an answer (G18-E7)
        clash = _key_clash(b, _profile_path(key), seen)
        if clash is not None:
            if clash[0] not in clashes:
                clashes.add(clash[0])
                problems.append(Problem(file, base + row, P_KEY, "error", "duplicate-key",
                                        Msg("xlsx.key-clash", key=key, other=clash[1], row=clash[2],
                                            part=".".join(clash[0])),
                                        Msg("xlsx.hint-key-clash")))
            continue
        b.put(_profile_path(key), value, (base + row, P_VALUE), (base + row, P_KEY))
    b.marks.setdefault(("city",), (base + 1, P_KEY))


def _key_clash(b: _Builder, path: tuple, seen: dict[str, int]) -> tuple[tuple, str, int] | None:
    """(the entry, the other key, its row) when ``path`` cannot be set beside a key read before,
    else None. A key typed in column B of the profile that is a part of another (``city.name`` above
    ``city.name.zh``, ``framework.x`` below ``framework``) would make one entry both a value and a
    group of values; it stopped lcity with an internal error (exit 3, G27H-1)."""
    node: Any = b.data
    for depth, part in enumerate(path):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
        if depth < len(path) - 1 and not isinstance(node, dict) or depth == len(path) - 1 and isinstance(node, dict):
            entry = path[: depth + 1]
            row = b.key_marks[entry][0] % SHEET_LINES
            return entry, next((k for k, r in seen.items() if r == row), ".".join(entry)), row
    return None


def _read_indicators(ws, b: _Builder, base: int, problems: list[Problem], file: str) -> None:
    answers: dict = {}
    b.data["answers"] = answers
    b.marks[("answers",)] = b.key_marks[("answers",)] = (base + 1, 1)
    for row in range(2, ws.max_row + 1):
        ind = ws.cell(row, COL["id"]).value
        if isinstance(ind, (int, float, _dt.date, _dt.time)) and any(
                ws.cell(row, COL[name]).value is not None for name in ANSWER_FIELDS):
            ind = _text(ind)[0] if not isinstance(ind, (_dt.date, _dt.time)) else ind.isoformat()
            # a number typed over an id: its answers are refused with it, not dropped unsaid (G17-5)
        if not isinstance(ind, str) or not ind.strip():
            lost = _row_without_id(ws, row)
            if lost is not None:
                problems.append(Problem(file, base + row, COL["id"], "error", "cell-refused", *lost))
            name = ws.cell(row, COL["name"]).value
            if (lost is not None or (row, COL["id"]) in ws.merges.covered) and isinstance(name, str) and name.strip():
                b.unread.add(name.strip())  # its error says it; "not answered" is not said twice
            continue
        why = _refused(ws.cell(row, COL["id"]))
        if why is not None:
            problems.append(Problem(file, base + row, COL["id"], "error", "cell-refused", why, _hint_for(why)))
            continue
        ind = ind.strip()
        if ind in answers:
            problems.append(Problem(file, base + row, COL["id"], "error", "duplicate-key",
                                    Msg("xlsx.row-twice", id=ind), Msg("xlsx.hint-delete-row")))
            continue
        kind = ws.cell(row, COL["type"]).value or ""
        answers[ind] = {}
        b.marks[("answers", ind)] = (base + row, COL["value"])  # "no value yet" points at the cell to fill
        b.key_marks[("answers", ind)] = (base + row, COL["value"])
        for name in ANSWER_FIELDS:
            cell = ws.cell(row, COL[name])
            why = _refused(cell)
            if why is not None:
                problems.append(Problem(file, base + row, COL[name], "error", "cell-refused", why, _hint_for(why)))
                continue
            value = _scalar(cell)
            if name == "value":
                if kind == "checklist" and isinstance(value, str):
                    b.typed[("answers", ind, "value")] = value
                value = _answer_value(kind, value)
            elif name == "sample_size":
                value = _number_text(value)
            elif name == "status":
                value = _status(value)
            elif name == "evidence":
                value = _line_list(value)
            if value is None and name != "value":
                continue
            b.put(("answers", ind, name), value, (base + row, COL[name]), (base + row, COL[name]))


def _row_without_id(ws, row: int) -> tuple[Msg, Msg] | None:
    """The message and hint for a row of the Indicators sheet whose id cell is empty while an
    answer is typed in it, else None. Such a row belongs to no indicator: its value, evidence and
    note were dropped with only "not answered" said of the indicator, at the sheet's first cell.
    Merging two rows' id cells (a common tidy-up) empties every id but the first (G20-C3)."""
    from openpyxl.utils import get_column_letter

    filled = [f"{get_column_letter(COL[name])}{row}" for name in ANSWER_FIELDS
              if not _blank(ws.cell(row, COL[name]).value)]
    if not filled:
        return None
    cell = f"{get_column_letter(COL['id'])}{row}"
    return (Msg("xlsx.row-without-id", row=row, cells=", ".join(filled), cell=cell),
            Msg("xlsx.hint-row-without-id", cell=cell))


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _columns_in_place(ws, file: str) -> None:
    """The Indicators sheet read by column position needs its columns where ``lcity init`` put
    them: the last one is headed ``type`` in both languages. A column inserted or deleted before it
    (the sheet unprotected first) shifted every answer, and some hundred problems named the wrong
    cells (the evidence read as the value); it is one problem that says so."""
    from openpyxl.utils import get_column_letter

    want = COL["type"]
    head = ws.cell(1, want).value
    if head == "type" or all(ws.cell(1, c).value is None for c in range(1, want + 1)):
        return
    raise InputError([Problem(file, 1, want, "error", "workbook-layout",
                              Msg("hostile.xlsx-columns-moved", sheet=ws.title, col=get_column_letter(want),
                                  found=str(head if head is not None else "")[:40]),
                              Msg("hostile.hint-xlsx-columns-moved"), fatal=True,
                              cell=f"{ws.title}!{get_column_letter(want)}1")])


def load_workbook_bytes(data: bytes, file: str) -> SheetMarked:
    """The assessment in a workbook as marked data; raises InputError when it is not one."""
    # openpyxl warns about parts it drops (Excel's x14 data-validation extension, odd relations):
    # nothing lcity reads, and a Python warning with a site-packages path is noise to an official
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = _open(data, file)
        try:
            profile = _sheet(wb, PROFILE, file, data)
            indicators = _sheet(wb, INDICATORS, file, data)
            copies = _copied_sheets(wb, file, (profile, indicators))
            hidden = _hidden_problems(wb, (profile, indicators), file)
        finally:
            wb.close()
    _columns_in_place(indicators, file)
    sheets = [profile.title, indicators.title, *(c.title for _, c in copies)]
    b = _Builder()
    problems: list[Problem] = list(hidden)
    _read_profile(profile, b, 0, problems, file)
    _read_indicators(indicators, b, SHEET_LINES, problems, file)
    merged: set = set()
    notes: list[Problem] = []
    for base, grid in ((0, profile), (SHEET_LINES, indicators)):
        problems += _merged_problems(grid, base, file, merged)
        notes += _hidden_parts(grid, base, file)
    for n, (original, copy) in enumerate(copies, start=2):
        problems += _copy_problems(original, copy, n * SHEET_LINES, file)
    return SheetMarked(b.data, file, "", b.marks, b.key_marks, b.raw, sheets=sheets, problems=problems,
                       notes=notes, typed=b.typed, merged=merged, unread=b.unread)


def _hidden_problems(wb, grids: tuple[_Grid, ...], file: str) -> list[Problem]:
    """An error for each form sheet that is hidden or very hidden (G25-H7): lcity scored
    answers the official who signs the workbook cannot see in Excel. An error, not a warning: lcity
    writes the form sheets visible, so hiding one is a deliberate act, the official cannot tell
    which sheet on screen was read, and unhiding it is one click (for a very hidden sheet, Excel
    offers no Unhide, hence its own hint)."""
    found = []
    for grid in grids:
        state = wb[grid.title].sheet_state
        if state in ("hidden", "veryHidden"):
            very = state == "veryHidden"
            found.append(Problem(file, 1 if grid.title in PROFILE.values() else SHEET_LINES + 1, 1, "error",
                                 "sheet-hidden", Msg("xlsx.sheet-very-hidden" if very else "xlsx.sheet-hidden",
                                                     sheet=grid.title),
                                 Msg("xlsx.hint-sheet-very-hidden" if very else "xlsx.hint-sheet-hidden",
                                     sheet=grid.title), cell=f"{grid.title}!A1"))
    return found


#: the columns of each form sheet that hold what the official types: (column, its header's key)
_TYPED = {"profile": ((P_VALUE, "value"),), "indicators": tuple((COL[name], name) for name in ANSWER_FIELDS)}
#: at most this many rows are named in a hidden-rows warning; the rest are counted
_HIDDEN_NAMED = 5


def _hidden_parts(grid: _Grid, base: int, file: str) -> list[Problem]:
    """A warning for the rows of a form sheet that hold answers and are hidden (a filter, a
    collapsed group, Hide), and one for each hidden answer column holding any (G26-H4): lcity
    reads and scores them while the official who signs the workbook does not see them. A warning,
    not an error as a hidden sheet is: a filter left on is common and the answers are the
    official's own; one warning per sheet names the rows (an AutoFilter hides dozens)."""
    from openpyxl.utils import get_column_letter

    profile = grid.title in PROFILE.values()
    typed = _TYPED["profile" if profile else "indicators"]
    name_col = P_KEY if profile else COL["id"]
    found = []
    rows = [r for r in sorted(grid.hidden.rows) if 2 <= r <= grid.max_row
            and any(not _blank(grid.cell(r, c).value) for c, _ in typed)]
    if rows:
        names = [str(grid.cell(r, name_col).value or f"{grid.title}!A{r}").strip() for r in rows]
        more = len(rows) - _HIDDEN_NAMED
        first = next(c for c, _ in typed if not _blank(grid.cell(rows[0], c).value))
        found.append(Problem(file, base + rows[0], first, "warning", "sheet-hidden",
                             Msg("xlsx.rows-hidden-more" if more > 0 else "xlsx.rows-hidden" if len(rows) > 1
                                 else "xlsx.row-hidden", sheet=grid.title, n=len(rows), row=rows[0],
                                 rows=join(names[:_HIDDEN_NAMED]), more=more),
                             Msg("xlsx.hint-rows-hidden")))
    for col, _key in typed:
        if col in grid.hidden.cols:
            filled = [r for r in range(2, grid.max_row + 1) if not _blank(grid.cell(r, col).value)]
            if filled:
                letter = get_column_letter(col)
                found.append(Problem(file, base + filled[0], col, "warning", "sheet-hidden",
                                     Msg("xlsx.column-hidden", sheet=grid.title, column=letter,
                                         header=str(grid.cell(1, col).value or letter).strip(), n=len(filled)),
                                     Msg("xlsx.hint-column-hidden", column=letter)))
    return found


#: the names Excel ("指标 (2)"), WPS ("指标(2)", "指标（2）") and LibreOffice ("指标_2") give a copied sheet
#: (a plain space only: a name with a line break or other control character is no copy Excel made)
_COPY_NAME = re.compile(r"^(?P<base>.+?)(?: ?[(（]\d{1,3}[)）]|_\d{1,3})$")


def _copied_sheets(wb, file: str, grids: tuple[_Grid, ...]) -> list[tuple[_Grid, _Grid]]:
    """(the form sheet, its copy) for each sheet named as a copy of a form sheet (G24-H1): the user
    copied 指标 to try other answers, Excel named the copy 指标 (2), and only 指标 was read, unsaid."""
    found = []
    for name in wb.sheetnames:
        m = _COPY_NAME.match(name)
        original = next((g for g in grids if m and m.group("base").strip() == g.title), None)
        twin = next((g for g in grids if name != g.title and _base_name(name) in _family(g.title)), None)
        if original is not None or twin is not None:
            grid = original or twin
            cols = READ_COLUMNS["profile" if grid.title in PROFILE.values() else "indicators"]
            copy = _Grid(wb[name], file, cols)
            if original is not None or _holds_rows(copy, grid):
                found.append((grid, copy))
    return found


def _family(title: str) -> tuple[str, ...]:
    """The names of a form sheet in both languages (基本情况 and Profile; 指标 and Indicators)."""
    return tuple(PROFILE.values()) if title in PROFILE.values() else tuple(INDICATORS.values())


def _base_name(name: str) -> str:
    """A sheet's name without the suffix Excel, WPS or LibreOffice gives a copy ("Indicators (2)")."""
    m = _COPY_NAME.match(name)
    return m.group("base").strip() if m else name


def _holds_rows(copy: _Grid, form: _Grid) -> bool:
    """Whether a sheet named as the form sheet in the other language holds any key or id (an empty
    sheet of that name loses nothing). Such a sheet beside the one read (an English form's
    Indicators sheet moved into a Chinese workbook) had its answers lost unsaid (G27H-2)."""
    col = P_KEY if form.title in PROFILE.values() else COL["id"]
    return any(not _blank(copy.cell(r, col).value) for r in range(2, copy.max_row + 1))


def _copy_problems(original: _Grid, copy: _Grid, base: int, file: str) -> list[Problem]:
    """One problem for a copied form sheet: an error at its first answer that differs from the form
    sheet's answer to the same row (matched by id, or by key in the profile), since lcity reads only
    the form sheet and the copy's answers would be lost unsaid; a warning when every answer agrees."""
    from openpyxl.utils import get_column_letter

    profile = original.title in PROFILE.values()
    key_col = P_KEY if profile else COL["id"]
    cols = (P_VALUE,) if profile else tuple(COL[name] for name in ANSWER_FIELDS)
    rows = {_key(original.cell(r, key_col).value): r for r in range(2, original.max_row + 1)}
    differ = []
    for r in range(2, copy.max_row + 1):
        at = rows.get(_key(copy.cell(r, key_col).value))
        for c in cols:
            theirs = copy.cell(r, c).value
            ours = original.cell(at, c).value if at is not None else None
            if not _same_answer(theirs, ours):
                differ.append((r, c, theirs, ours, at))
    name, form = copy.title, original.title
    kind = "xlsx.copy" if _base_name(name) == form else "xlsx.twin"  # 指标 (2), or Indicators beside 指标
    if not differ:
        return [Problem(file, base + 1, 1, "warning", "sheet-copy", Msg(f"{kind}-same", copy=name, sheet=form),
                        Msg("xlsx.hint-copy-same", copy=name), cell=f"{name}!A1")]
    r, c, theirs, ours, at = differ[0]
    letter = get_column_letter(c)
    there = f"{form}!{letter}{at}" if at is not None else None
    message = Msg(f"{kind}-differs" if there else f"{kind}-differs-new", copy=name, sheet=form, cell=f"{name}!{letter}{r}",
                  value=_shown(theirs), there=there or "", other=_shown(ours), n=len(differ))
    return [Problem(file, base + r, c, "error", "sheet-copy", message, Msg("xlsx.hint-copy-differs", copy=name, sheet=form),
                    cell=f"{name}!{letter}{r}")]


def _key(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _same_answer(a: Any, b: Any) -> bool:
    if _blank(a) and _blank(b):
        return True
    return _key(a) == _key(b)


def _shown(value: Any) -> str:
    """A cell's value as a message quotes it: empty said as such, text cut at 40 characters."""
    if _blank(value):
        return Msg("xlsx.copy-empty")
    text = value if isinstance(value, str) else f"{value:g}" if isinstance(value, float) else str(value)
    return repr(text[:40]) if isinstance(value, str) else text


def _merged_problems(grid: _Grid, base: int, file: str, merged: set) -> list[Problem]:
    """One error per merged range over cells the reader reads, at its top-left cell (where Excel's
    name box puts a merged cell): "cells I7:I8 are merged; an answer needs its own cell". A
    spreadsheet shows the top-left cell's content across the range, lcity reads the other cells
    as they are stored (empty), so the two disagree (G20-C7); merged id cells leave rows without
    an id (G20-C3). The other cells of the range go into ``merged``: "C2 has no value yet" at I8
    is said by the range's problem."""
    problems = []
    for name, (r1, c1, r2, c2) in grid.merges.refused:
        first = name.split(":")[0]
        if c1 <= COL["id"] <= c2 and r2 > r1 and grid.title in INDICATORS.values():
            lost = (max(r1 + 1, 2), min(r2, MAX_ROWS))
            message = (Msg("xlsx.merged-id", range=name, row=lost[0]) if lost[0] == lost[1] else
                       Msg("xlsx.merged-ids", range=name, first=lost[0], last=lost[1]))
            hint = Msg("xlsx.hint-merged-ids", range=name)
        else:
            message, hint = Msg("xlsx.merged", range=name, first=first), Msg("xlsx.hint-merged", range=name)
        problems.append(Problem(file, base + r1, c1, "error", "cell-refused", message, hint))
    tops = {(at[0], at[1]) for _, at in grid.merges.refused}
    merged.update((base + r, c) for (r, c) in grid.merges.covered if (r, c) not in tops)
    return problems


def _listed_sheets(fh) -> list[tuple[str, str | None]]:
    """Each sheet the workbook part lists, in order, as (name, the part holding it when that part
    is in the zip, else None), read by openpyxl's own parser of that part (no sheet is opened).
    openpyxl skips a listed sheet whose part is missing; this tells it from a renamed one. Raises
    what openpyxl raises on a damaged file; the zip directory must have been checked first."""
    from openpyxl.reader.excel import ExcelReader

    reader = ExcelReader(fh, read_only=True, keep_links=False)
    try:
        reader.read_manifest()
        reader.read_workbook()
        present = set(reader.valid_files)
        rels = reader.parser.rels
        listed = []
        for sheet in reader.parser.sheets:
            rel = rels.get(sheet.id) if sheet.id else None
            listed.append((str(sheet.name), rel.target if rel is not None and rel.target in present else None))
        return listed
    finally:
        reader.archive.close()


def _missing_part(data: bytes, file: str, names: dict[str, str]) -> InputError | None:
    """The error for a form sheet (``names``) that the workbook lists but whose part is missing from
    the zip (G20-C7 leftover): a damaged file, not a renamed sheet. None when no such sheet is listed
    (or the workbook part cannot be read again: the layout error then stands)."""
    try:
        listed = _listed_sheets(io.BytesIO(data))
    except Exception:  # already opened once by openpyxl; a second failure says nothing new
        return None
    for name, part in listed:
        if name in names.values() and part is None:
            return _fatal(file, "not-a-workbook", Msg("xlsx.sheet-part-missing", sheet=name),
                          Msg("xlsx.hint-sheet-part-missing", sheet=name))
    return None


def sheet_names(path: Any) -> list[str] | None:
    """The names of a workbook's sheets in order, as its workbook part lists them, read by openpyxl's
    own parser of that part (no sheet is opened), after the checks of the zip directory a form gets
    (no bomb, no encrypted member, no part twice); None when it is no workbook that can be read.
    ``lcity batch`` tells its own earlier summary.xlsx from an assessment by them (G20-C5)."""
    try:
        with open(path, "rb") as fh, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with zipfile.ZipFile(fh) as zf:
                infos = zf.infolist()
            if _zip_problem(infos) is not None:
                return None
            return [name for name, _ in _listed_sheets(fh)]
    except Exception:  # a damaged or hostile file (openpyxl raises many kinds): no workbook's names
        return None


def workbook_lang(path: str) -> str | None:
    """The language a workbook was written in, from its sheet names (基本情况/指标 or Profile/
    Indicators), read from the zip's small workbook.xml only: messages about a workbook follow its
    language as messages about a YAML form follow its ``lang:`` line. None when it is not one."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("xl/workbook.xml")
            if info.file_size > 1_000_000:
                return None
            text = zf.read(info).decode("utf-8", "replace")
    except Exception:  # a guess of the language only: a damaged file (a zip version past 6.3, a broken
        return None  # deflate stream: zlib.error) is said by the reader, it ended lcity with exit 3 (G28H-6)
    for lang in ("zh", "en"):  # either sheet says it: a message about the other one missing is said in it too
        if f'name="{INDICATORS[lang]}"' in text or f'name="{PROFILE[lang]}"' in text:
            return lang
    return None
