"""How numbers, dates, units and CSS strings are written in a report, in either language.

Kept apart from the section builders so that every section (and the ranking report) writes a
share, a score or a date the same way.
"""

from __future__ import annotations

import re
from typing import Any

from evaluator.assessment import Assessment
from indicators.models import scored_unit
from indicators.units import count_with_unit, unit_gap
from evaluator.result import Result
from evaluator.rounding import column_places, fixed, share_lines, shown_below, shown_points, shown_share_at

from .catalog import Catalog

_ANSWER_ID = re.compile(r"\s?[（(][a-z][a-z0-9_]*[)）]")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_OPERATOR_GAP = re.compile(r"(?<=\d)(?=[×÷=])")


#: a radar needs three axes to draw a shape: with one or two dimensions (the guide's own mini-lc has
#: one) it was a lone point on a line, and section 3's bar chart already shows every share
RADAR_MIN_AXES = 3


def radar_drawn(fw: Any) -> bool:
    """Whether section 3 draws the radar chart (its figures are numbered from it)."""
    return len(fw.dimensions) >= RADAR_MIN_AXES


def pct(share: float | None, dash: str = "—") -> str:
    return dash if share is None else f"{share * 100:.0f}%"


def dim_lines(d: Any, floor: float) -> tuple[float, ...]:
    """The lines the text draws across a dimension's share: its floor when it misses it, and the
    90 % of "the dimensions at 90 % or more"."""
    return share_lines(floor, d.floor_met)


def dim_pct(d: Any, floor: float, places: int = 0) -> str:
    """A dimension's share as the report (and ``lcity score``) prints it: never on a line the text
    says it misses ("59.6%" below the 60% floor, "89.9%" outside "90% or more"), and with the
    ``places`` every dimension's share takes in this report (``dim_places``: one precision for
    all, never "98%" beside "89.7%")."""
    if d.share is None:
        return pct(None)
    return f"{shown_share_at(d.share, dim_lines(d, floor), places)}%"


def dim_places(dims: Any, floor: float) -> int:
    """The decimals of every dimension share in one report (``evaluator.rounding.column_places``)."""
    return column_places([(d.share, dim_lines(d, floor)) for d in dims if d.share is not None])


def dim_pts(d: Any, floor: float) -> str:
    """A dimension's points beside its share: 8.996 of 10, not 9.00, beside 89.96%."""
    return shown_points(d.score, d.max, dim_lines(d, floor)) if d.share is not None else pts(d.score)


def pct_below(share: float, floor: float, places: int = 0) -> str:
    """A share below the floor, never printed as the floor itself ("59.6%", not "60%, below 60%");
    with ``places``, at least the decimals the score table gives every dimension (``Facts.dim_places``),
    so that a sentence says "33.33%" where the table beside it does, not "33%" (G24-T8)."""
    return f"{shown_below(share * 100, floor * 100, min_places=places, max_places=max(3, places))}%"


def pts(x: float) -> str:
    return fixed(x)


def option_points(x: float) -> str:
    """The points of an option, step or item as a rule states them: what the option scores, to the
    two decimals the score column prints ("2", "1.5", "0.29"). A framework's rounded share (0.67 of
    3 points) scores 2.01, and a rule printed "得2分" beside a score of 2.01 made the rule and the
    score of one row disagree (G19-A8): the rule prints what is scored; a share that should be a
    whole point is the framework's to state exactly."""
    return fixed(x).rstrip("0").rstrip(".")


def pick(obj: Any, field: str, lang: str) -> str:
    """``obj.field_zh`` in Chinese, ``obj.field`` in English (the Result's convention)."""
    if lang == "zh":
        return getattr(obj, f"{field}_zh")
    return getattr(obj, field)


def clean_reason(text: str, ind_id: str) -> str:
    """A Result reason without its leading indicator id and the raw answer ids in brackets."""
    text = re.sub(rf"^\s*{re.escape(ind_id)}\s*[:：]\s*", "", text)
    # "÷ 12（streets）× 100" without its id keeps the space before the operator ("÷ 12 × 100")
    return _OPERATOR_GAP.sub(" ", _ANSWER_ID.sub("", text)).strip()


def format_date(iso: str | None, cat: Catalog) -> str:
    if not iso:
        return cat["not_given"]
    y, m, d = (int(x) for x in iso.split("-"))
    return cat("date_fmt", y=y, month=cat["months"][m - 1], d=d)


def is_date(value: Any) -> bool:
    return isinstance(value, str) and _DATE.match(value) is not None


def default_number(result: Result, assessment: Assessment) -> str:
    """LC-<city>-<end year>, with -R for a reviewed report: a neutral number when no 文号 is
    given (``--number "青学评〔2025〕3号"``). No hash: a fingerprint on the cover reads as machine
    output; it is printed in the inputs appendix, and the PDF carries the input itself.

    <city> is the unit's ``city.id``, else its English name as a slug (Chaohui District ->
    chaohui-district), else its Chinese name: never a placeholder, so that two units' reports do not
    carry one number and a filed report can be told from another by its number alone."""
    return f"LC-{unit_slug(result, assessment)}-{assessment.period.end}" + ("-R" if result.review is not None else "")


_SLUG_GAP = re.compile(r"[^a-z0-9]+")


def unit_slug(result: Result, assessment: Assessment) -> str:
    """The unit in a report number: its id, its English name as a slug, or its Chinese name."""
    if result.city.id:
        return result.city.id
    names = assessment.city.name
    import unicodedata  # Zürich -> zurich, not z-rich

    latin = unicodedata.normalize("NFKD", names.en or "").encode("ascii", "ignore").decode()
    slug = _SLUG_GAP.sub("-", latin.lower()).strip("-")
    return slug or re.sub(r"\s+", "", names.zh or "") or "unit"


def unit_suffix(text: str, lang: str = "en") -> str:
    """A unit as it follows a number: in Chinese, and '%' in English, it sticks to the number;
    any other English unit follows a space, in a Chinese sentence too (a framework written in
    English only: "31,000 dollars", not "31,000dollars", G9 #6)."""
    text = text.strip()
    return f"{unit_gap(text, lang)}{text}"


#: a unit and the note after it that says what the figure measures ("%（社区居民培训率）", "个（街道、乡镇）");
#: a bracket after the word a rate is per is the unit's own ("个/乡镇（街道）", per township or street; G29-T)
_NOTED = re.compile(r"^(?!.*/.*\w\s*(?:（[^（）]*）|\([^()]*\))\s*$)(?P<unit>.*?\S)\s*(?:（[^（）]*）|\([^()]*\))\s*$")


def unit_once(unit: Any, lang: str = "en") -> Any:
    """A unit without the note that says what it measures, for the second figure of a sentence whose
    first figure carries it: "65.45%（社区居民培训率），达到60%的满分标准", not "…达到60%（社区居民培训率）的…"
    (the same note twice reads as a slip). A unit that is only a note stays as it is; a framework's
    unit (``row_unit``) without a note stays that unit, its singular form with it."""
    if unit is not None and not isinstance(unit, str):
        m = _NOTED.match(unit.get(lang) or "")
        return m.group("unit") if m else unit
    m = _NOTED.match(unit or "")
    return m.group("unit") if m else unit


def qty(value: str, unit: Any, lang: str, number: Any = None) -> str:
    """A figure with its unit as the report writes it ("1 hub", "4 hubs", "95%", "4,000人"):
    ``unit`` is a framework's unit (its English ``en_one`` after one) or a text, ``number`` the
    figure itself where ``value`` is not the whole of it (indicators.units.count_with_unit)."""
    return count_with_unit(value, unit.strip() if isinstance(unit, str) else unit, lang, number)


def row_unit(f: Any, r: Any, lang: str) -> Any:
    """The unit of the figure an indicator's result scored, as ``qty`` takes it: the framework's own
    unit (so that "1 hub" reads as the framework says one) where it is the one the result names,
    else the result's text (a Result made under another version of the framework)."""
    text = r.unit_zh if lang == "zh" else r.unit
    ind = getattr(f, "fw_inds", {}).get(r.id)
    own = scored_unit(ind.answer) if ind is not None else None
    return own if own is not None and own.get(lang) == text else text


def paren(text: str, lang: str) -> str:
    return f"（{text}）" if lang == "zh" else f" ({text})"


def text_list(value: Any) -> list[str]:
    """A review's free text given as one string, a list or nothing, as a list of non-blank texts."""
    if value is None or value is False:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None and str(v).strip()]
    return [str(value)]


def css_string(text: str) -> str:
    """A catalog text as a CSS string literal (for the page footer's generated content)."""
    out = ['"']
    for ch in str(text):
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch in "\n\r\f" or ch == "<" or ord(ch) < 0x20:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


#: ASCII , ; : ( ) written in Chinese text (next to a Chinese character), and their full-width forms
_CJK = r"[\u3400-\u9fff\uff08\uff09\u201c\u201d\u3001\u3002]"
_HALF = {",": "，", ";": "；", ":": "："}


def zh_punct(text: str) -> str:
    """Chinese prose with full-width punctuation: "经核对决算表,不计入" as "经核对决算表，不计入".
    Only a mark next to a Chinese character changes (2,000, 1:2 and English stay as written); a
    report prints the panel's own sentences in the register of the report around them."""
    text = re.sub(rf"(?<={_CJK})\s*([,;:])\s*|\s*([,;:])\s*(?={_CJK})",
                  lambda m: _HALF[m.group(1) or m.group(2)], text)
    return re.sub(rf"\(([^()]*{_CJK}[^()]*)\)", r"（\1）", text)


#: a space between a Chinese character and a figure, either way round ("达到 50%，低于 60% 的底线")
_ZH_GAP = re.compile(r"(?<=[\u3400-\u9fff])[ \u00a0]+(?=[-+−]?\d)|(?<=[\d%])[ \u00a0]+(?=[\u3400-\u9fff])")


def zh_tight(text: str) -> str:
    """Chinese prose sets figures close to the characters around them ("达到50%，低于60%的底线"),
    as every other sentence of the report does; an engine's sentence written with spaces is set
    the same way. Formulas and English keep their spaces."""
    return _ZH_GAP.sub("", text)


def change_once(c: Any, ind: Any, lang: str) -> str | None:
    """A figure's change with the unit's note once, after the second figure: "5个 → 8个（街道、乡镇）",
    not "5个（街道、乡镇） → 8个（街道、乡镇）" (G22-R7); None where the unit has no note or either side
    is not a figure. The summary's key task and 六's task table say it alike."""
    from evaluator.rules import num

    unit = getattr(getattr(ind, "answer", None), "unit", None)
    figures = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (c.before, c.after))
    if unit is None or not figures or unit_once(unit, lang) is unit:
        return None
    return f"{qty(num(c.before), unit_once(unit, lang), lang, c.before)} → {qty(num(c.after), unit, lang)}"
