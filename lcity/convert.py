"""Converting an assessment between YAML and an Excel/WPS workbook, refusing to lose anything.

The conversion works on the data as read (not the validated model), so a half-filled or invalid
form converts too and its problems stay for ``lcity validate`` to report. After converting, the
output is read back and compared with the input: a value the other format cannot hold (a document
title with a line break, a key lcity does not know) is named and nothing is written.
"""

from __future__ import annotations

import re

from pathlib import Path
from typing import Any

from indicators.messages import Msg
from indicators.problems import InputError, Problem
from indicators.safeyaml import MAX_DEPTH, MAX_TEXT, Marked

ZIP_MAGIC = b"PK\x03\x04"


def read_any(data: bytes, name: str, *, by_name: bool = True) -> Marked:
    """The marked data of a YAML file or a workbook, told apart by content (a workbook is a zip;
    a file named .xlsx is read as one too, so a renamed file is refused as not a workbook)."""
    from indicators.xlsx import load_workbook_bytes, looks_like_workbook

    if looks_like_workbook(data, name if by_name else ""):

        return load_workbook_bytes(data, name)
    from indicators.safeyaml import decode_bytes, load_text

    return load_text(decode_bytes(data, name), name)


def normal(value: Any, key: Any = None) -> Any:
    """The data with what carries no meaning removed: empty fields (null, [], {}), except that an
    answer's ``value: []`` (no item ticked) is kept apart from no answer."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            n = normal(v, k)
            if n is None or (n in ([], {}) and k != "value"):
                continue
            out[k] = n
        return out
    if isinstance(value, list):
        return [normal(v) for v in value]
    return value


def differences(a: Any, b: Any, path: tuple = ()) -> list[tuple]:
    """Paths where ``a`` and ``b`` differ, types included (1 is not True, nor "1"; 66 and 66.0 are one figure)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for k in list(a) + [k for k in b if k not in a]:
            out += differences(a.get(k), b.get(k), path + (k,)) if (k in a and k in b) else [path + (k,)]
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in differences(x, y, path + (i,))]
    if _number(a) and _number(b):  # a spreadsheet keeps 66.0 as 66: the same figure
        return [] if a == b else [path]
    if path[:1] != ("answers",) and (_figure_text(a, b) or _figure_text(b, a)):
        return []
    if type(a) is not type(b) or a != b:
        return [path]
    return []


def _number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _figure_text(text: Any, number: Any) -> bool:
    """Whether ``text`` is ``number`` written in quotes (``population: "820000"``, ``start: "2023"``).

    The profile's model reads such a text as the figure, so validate, score and report accept it;
    a workbook cell holds the figure as a number, and convert called that a change, "remove or
    correct it", of a file validate called valid (G20-C2). An answer's quoted figure stays a
    difference: validate refuses it (a quantity is written as a number)."""
    if not (isinstance(text, str) and _number(number)):
        return False
    plain = text.strip()
    if not re.fullmatch(r"[+-]?[0-9]+(?:\.[0-9]+)?", plain):
        return False
    return float(plain) == number


def _framework(data: Any, override: str | None):
    from indicators.loader import load_framework

    ref = override or (data.get("framework") if isinstance(data, dict) else None)
    if not isinstance(ref, str):
        return None
    try:
        return load_framework(ref)
    except InputError:
        return None


def convert(data_in: bytes, name: str, to: str, *, lang: str | None = None, framework: str | None = None
            ) -> tuple[bytes, str]:
    """The converted file (``to`` is ``xlsx`` or ``yaml``) and its language; raises InputError when
    the input cannot be read or the output would not hold the same data."""
    marked = read_any(data_in, name)
    refused = list(getattr(marked, "problems", []))
    if refused:  # a cell the workbook reader leaves out (a formula, a control character, a row given
        # twice, an answer in the Profile sheet): converting would drop it, so nothing is written
        raise InputError(marked.place(refused))
    data = marked.data if isinstance(marked.data, dict) else None
    if data is None:
        raise InputError([marked.problem((), "wrong-type", "an assessment is a mapping of keys (framework, city, ...)",
                                         "run 'lcity init' for a template")])
    from evaluator.reading import is_a_review

    if is_a_review(data):  # a review holds no answers to lay out: said as such, not as a missing framework
        line, col = marked.where(("assessment",), key=True)
        raise InputError([Problem(marked.file, line, col, "error", "not-an-assessment",
                                  Msg("hostile.review-not-assessment"), Msg("hostile.hint-review-not-assessment"))])
    fw = _framework(data, framework)
    _codes(marked, fw)
    lang = lang or _form_lang(data, data_in, marked, fw)
    if to == "xlsx":
        if fw is None:
            raise InputError([marked.problem(("framework",), "unknown-framework", Msg("convert.no-framework"),
                                             Msg("convert.hint-framework"))])
        unfit = [marked.problem(path, "convert-loss", Msg("hostile.xlsx-cannot-hold", code=f"U+{ord(ch):04X}"),
                                Msg("hostile.hint-remove-control")) for path, ch in control_characters(data)]
        if unfit:  # a cell cannot hold a C0 control character (written in YAML as "\e" or "\x07")
            raise InputError(unfit[:20])
        from .xlsx_form import write_workbook

        out = write_workbook(fw, data, lang=lang)
    else:
        deep = too_deep(data)
        if deep is not None:  # a workbook's dotted key of 200 parts: named at its cell, not at a line of YAML never shown
            raise InputError(marked.place([marked.problem(deep, "too-deep", Msg("convert.too-deep", n=MAX_DEPTH),
                                                          Msg("convert.hint-too-deep"), key=True)]))
        from .assessment_yaml import assessment_yaml

        out = assessment_yaml(data, fw, lang=lang, source=Path(name).name).encode("utf-8")
    back = read_any(out, name, by_name=False)  # the output, labelled as the input for its problems
    _codes(back, fw)
    lost = differences(normal(data), normal(back.data))
    if lost:
        problems = [_lost(marked, path, to, data) for path in lost[:20]]
        raise InputError(marked.place(problems) if hasattr(marked, "place") else problems)
    return out, lang


def _codes(marked: Marked, fw: Any) -> None:
    """A workbook's options picked by their labels read as their codes, as validate reads them (G18-E5)."""
    if fw is not None and hasattr(marked, "typed"):
        from indicators.xlsx import codes_for_labels

        codes_for_labels(marked, fw)  # type: ignore[arg-type]


def _form_lang(data: dict, data_in: bytes, marked: Any, fw: Any) -> str:
    """The language of the converted form: the file's ``lang:``, else the language a workbook was
    written in (its sheet names: an English workbook became a Chinese YAML form), else the
    framework's language, else zh (``lcity.language``)."""
    from .language import framework_lang

    if data.get("lang") in ("zh", "en"):
        return data["lang"]
    if hasattr(marked, "sheets"):  # read from a workbook
        import io

        from indicators.xlsx import workbook_lang

        found = workbook_lang(io.BytesIO(data_in))  # type: ignore[arg-type]
        if found:
            return found
    return framework_lang(fw)


def too_deep(value: Any, path: tuple = ()) -> tuple | None:
    """The first path nested deeper than a YAML file may be (``MAX_DEPTH`` levels of mappings and
    lists, the outermost counted), else None: YAML refuses more, so the output could not be read back."""
    if not isinstance(value, (dict, list)):
        return None
    if len(path) >= MAX_DEPTH:
        return path
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for k, v in items:
        found = too_deep(v, path + (k,))
        if found is not None:
            return found
    return None


def _cell_length(data: Any, path: tuple) -> int:
    """The length of the evidence at ``path`` as one workbook cell writes it (one document a line)."""
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    items = data if isinstance(data, list) else [data] if isinstance(data, str) else []
    return len("\n".join(str(item) for item in items))


def control_characters(value: Any, path: tuple = ()) -> list[tuple[tuple, str]]:
    """(path, character) of each text holding a control character a worksheet cell cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, dict):
        return [found for k, v in value.items() for found in control_characters(v, path + (k,))]
    if isinstance(value, list):
        return [found for i, v in enumerate(value) for found in control_characters(v, path + (i,))]
    match = ILLEGAL_CHARACTERS_RE.search(value) if isinstance(value, str) else None
    return [(path, match.group())] if match else []


def _at(data: Any, path: tuple) -> Any:
    """The value at ``path`` in ``data`` (mappings and lists), or None."""
    for key in path:
        if isinstance(data, dict):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data):
            data = data[key]
        else:
            return None
    return data


def _lost(marked: Marked, path: tuple, to: str, data: Any = None) -> Problem:
    shown = ".".join(str(p) for p in path)
    hint = Msg("convert.hint-line-break") if "evidence" in path else Msg("convert.hint-fix")
    if "evidence" in path and not isinstance(value := _at(data, path), (str, type(None))):
        # "[Partners' rating round, 2025]" is two items, the second the number 2025: no line break
        # is in it, and a comma split it (G27-T5)
        hint = Msg("convert.hint-not-text", value=str(value))
    if to == "xlsx" and "evidence" in path and _cell_length(data, path[:path.index("evidence") + 1]) > MAX_TEXT:
        # a workbook holds an answer's documents in one cell, one a line, read up to MAX_TEXT
        hint = Msg("convert.hint-evidence-cell", limit=f"{MAX_TEXT:,}")
    return marked.problem(path, "convert-loss", Msg(f"convert.loss-{to}", path=shown), hint)
