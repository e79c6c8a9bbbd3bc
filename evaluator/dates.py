"""Every date lcity reads, checked in one place: assessment and review files, ``--date`` and
``SOURCE_DATE_EPOCH``.

A date is written ``YYYY-MM-DD`` and must be a real calendar day: ``2025-13-45``, ``2025-02-30``,
ISO week dates (``2025-W01-1``), ordinal dates (``2025-001``), times and years outside
``MIN_YEAR``..``MAX_YEAR`` are refused with a plain message and a hint, never a traceback.
``datetime.date.fromisoformat`` alone is not enough: since Python 3.11 it accepts week dates and
the compact ``20250630``.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, WithJsonSchema

#: What a date looks like in a file; the JSON Schema offers it to editors.
PATTERN = r"^\d{4}-\d{2}-\d{2}$"
_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

#: Years a date in an assessment, a review or a report may carry (the periods assessed start in 1990).
MIN_YEAR = 1990
MAX_YEAR = 2100

#: A text field holding a date. The model only requires text (so a bad date is reported once, by
#: ``check``, with a plain message); the JSON Schema still shows editors the YYYY-MM-DD pattern.
DateText = Annotated[str, AfterValidator(lambda text: validate(text)),
                     WithJsonSchema({"type": "string", "pattern": PATTERN})]

HINT = "write a real date as YYYY-MM-DD, e.g. 2025-06-30"


class DateError(ValueError):
    """A text that is not a usable date.

    ``predicate`` says what is wrong after the quoted text ("is not a real date: ..."), ``message``
    is the whole sentence ("date '2025-02-30' is not a real date: ..."), ``hint`` how to write one.
    """

    def __init__(self, shown: str, predicate: str, hint: str = HINT, *, what: str = "date"):
        self.shown, self.predicate, self.hint = shown, predicate, hint
        self.message = f"{what} '{shown}' {predicate}"
        super().__init__(self.message)


#: Excel's and WPS's day 0 (their 1900 date system; every day after 1900-02-28 counts from it)
_SHEET_EPOCH = _dt.date(1899, 12, 30)


def _serial_hint(text: str) -> str:
    """How to write a date a spreadsheet handed over as its day number (45931 for 2025-10-01, when
    the cell is not formatted as a date): naming the date is a hint, never a value read for the user."""
    plain = unicodedata.normalize("NFKC", text).strip()
    # 45931.0 is how a number cell often comes out, ４５９３１ how a Chinese input method types it (G11 audit)
    serial = re.fullmatch(r"([0-9]{5})(?:\.0+)?", plain)
    if serial:
        day = _SHEET_EPOCH + _dt.timedelta(days=int(serial.group(1)))
        if MIN_YEAR <= day.year <= MAX_YEAR:
            return f"{text} is how a spreadsheet stores {day.isoformat()}: write that date if it is the one meant"
    # a date and a time of day ("2025-10-01 12:00:00", a workbook's date-time cell): the date is there
    stamp = re.fullmatch(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[T ][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?", plain)
    if stamp and check(stamp.group(1)) is None:
        return f"write the date alone, without the time: {stamp.group(1)}"
    return HINT


def _parse(text: object) -> _dt.date:
    if isinstance(text, _dt.datetime):
        text = text.date().isoformat()
    elif isinstance(text, _dt.date):
        text = text.isoformat()
    shown = str(text) if len(str(text)) <= 40 else str(text)[:40] + "…"
    if type(text) in (int, float) and _serial_hint(str(text)) != HINT:
        raise DateError(shown, "is not a date in the form YYYY-MM-DD", _serial_hint(str(text)))
    if not isinstance(text, str):
        raise DateError(shown, "is not a date")
    if not _SHAPE.fullmatch(text):
        if re.fullmatch(r"\d{4}-?W\d{2}(-?\d)?", text, re.IGNORECASE):
            raise DateError(shown, "is an ISO week date, not a calendar date",
                            "write the calendar day as YYYY-MM-DD, e.g. 2025-06-30")
        wide = unicodedata.normalize("NFKC", text)
        if wide != text and _SHAPE.fullmatch(wide):  # ２０２５-０４-１５, typed with a Chinese input method
            raise DateError(shown, "is written in full-width digits", f"write it in half-width digits: {wide}")
        raise DateError(shown, "is not a date in the form YYYY-MM-DD", _serial_hint(text))
    year, month, day = (int(part) for part in text.split("-"))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(text, f"has the year {year}, outside {MIN_YEAR}–{MAX_YEAR}",
                        "check the year: write YYYY-MM-DD, e.g. 2025-06-30")
    if not 1 <= month <= 12:
        raise DateError(text, f"has no month {month}: months run from 01 to 12")
    try:
        return _dt.date(year, month, day)
    except ValueError:
        pass
    last = (_dt.date(year + (month == 12), month % 12 + 1, 1) - _dt.timedelta(days=1)).day
    raise DateError(text, f"is not a real date: {year}-{month:02d} has {last} days")


def parse(text: object, *, what: str = "date") -> _dt.date:
    """The calendar date written as ``YYYY-MM-DD`` in ``text``, or DateError saying what is wrong."""
    try:
        return _parse(text)
    except DateError as exc:
        raise DateError(exc.shown, exc.predicate, exc.hint, what=what) from None


def check(text: object, *, what: str = "date") -> tuple[str, str] | None:
    """(message, hint) when ``text`` is not a real YYYY-MM-DD date, else None."""
    try:
        parse(text, what=what)
    except DateError as exc:
        return exc.message, exc.hint
    return None


def validate(text: str) -> str:
    """Pydantic after-validator of ``DateText``: the text unchanged, or an error lcity words plainly."""
    from pydantic_core import PydanticCustomError

    try:
        _parse(text)
    except DateError as exc:
        raise PydanticCustomError("lcity_date", exc.predicate, {"hint": exc.hint, "rule": "wrong-type"}) from None
    return text


def option(value: str, *, name: str = "--date") -> str:
    """The value of a ``--date`` option as ``YYYY-MM-DD``, or DateError naming the option."""
    return parse(value.strip() if isinstance(value, str) else value, what=name).isoformat()


#: Largest SOURCE_DATE_EPOCH we turn into a report date (the last second of MAX_YEAR, UTC).
MAX_EPOCH = int(_dt.datetime(MAX_YEAR, 12, 31, 23, 59, 59, tzinfo=_dt.timezone.utc).timestamp())


def from_epoch(value: str, *, name: str = "SOURCE_DATE_EPOCH") -> _dt.date:
    """The UTC date of a ``SOURCE_DATE_EPOCH`` value (whole seconds since 1970-01-01), or DateError.

    The reproducible-builds convention says a malformed value must stop the build, so a value that
    is not a whole number of seconds, is negative or lies beyond ``MAX_YEAR`` is refused, not ignored.
    """
    text = value.strip() if isinstance(value, str) else str(value)
    shown = text if len(text) <= 40 else text[:40] + "…"
    if not re.fullmatch(r"[0-9]+", text):
        raise DateError(shown, "is not a whole number of seconds since 1970-01-01",
                        f"unset {name}, or set it to e.g. $(date +%s)", what=name)
    seconds = int(text)
    if seconds > MAX_EPOCH:
        raise DateError(shown, f"lies after the year {MAX_YEAR}",
                        f"unset {name}, or set it to e.g. $(date +%s)", what=name)
    return _dt.datetime.fromtimestamp(seconds, tz=_dt.timezone.utc).date()


#: Where ``shield_epoch`` keeps a SOURCE_DATE_EPOCH lcity refuses, out of the libraries' sight.
REFUSED_EPOCH = "LCITY_REFUSED_SOURCE_DATE_EPOCH"


def shield_epoch(environ) -> None:
    """Take a SOURCE_DATE_EPOCH that ``from_epoch`` refuses (or an empty one) out of ``environ``.

    NumPy's f2py (imported by SciPy), Matplotlib and fontTools read the variable with ``int()``
    when they are imported or write a file: ``soon``, ``1e3``, an empty value or one past the
    year 9999 ended runs that never use it (``lcity plan``, ``batch``, the report of a dated form)
    in an internal error, exit 3 (G20-C1). A refused value is kept under ``REFUSED_EPOCH`` (child
    processes inherit it), so ``lcity report`` still refuses it where it would date a report.
    """
    value = environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return
    if value.strip():
        try:
            from_epoch(value)
            return
        except DateError:
            environ[REFUSED_EPOCH] = value
    del environ["SOURCE_DATE_EPOCH"]
