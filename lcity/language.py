"""The language of what a command makes: its tables, reports, forms and rankings.

One rule for every command (README, "Language"), so that a unit of a framework written for
readers outside China does not get Chinese tables and PDFs by default:

1. the command's own ``--lang``;
2. else the global ``lcity --lang`` (``lcity.cli.lang_defaults`` makes it the command's default);
3. else the assessment's ``lang:`` line (``lcity init`` writes it; a workbook's sheet names say it);
4. else the framework's ``language:`` (an optional top-level field of framework.yaml);
5. else zh, the language of the China frameworks and of their units.

The locale does not enter this rule: it sets the language of the messages about a run
(``lcity.console.lang_for``), not of a document an evaluation panel reads. The China frameworks
declare no language, so their units' tables and reports stay in Chinese unless asked otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Optional

#: the language of tables and reports when neither the command, the file nor the framework says one
FALLBACK = "zh"


def _value(lang: Any) -> Optional[str]:
    """``Lang.en`` or ``"en"`` -> ``"en"``; None stays None."""
    value = getattr(lang, "value", lang)
    return value if value in ("zh", "en") else None


def declared_lang(file: str | Path | None) -> Optional[str]:
    """The language an assessment file records: its top-level ``lang:`` line, or a workbook's sheet
    names; None when it records none, cannot be read, or is not a regular file (stdin, a FIFO)."""
    from indicators.messages import file_lang

    if file is None:
        return None
    path = str(file)
    if not path or path == "-" or not os.path.isfile(path):
        return None
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError:
        return None
    if head.startswith(b"PK\x03\x04"):  # a workbook: its sheet names say its language
        from indicators.xlsx import workbook_lang

        try:
            return workbook_lang(path)
        except Exception:  # a damaged workbook: its reader reports it; it declares nothing here
            return None
    return file_lang(head.decode("utf-8", errors="replace"))


def framework_lang(fw: Any) -> str:
    """The framework's own default language (its ``language:``), else zh."""
    return _value(getattr(fw, "language", None)) or FALLBACK


def output_lang(explicit: Any = None, file: str | Path | None = None, fw: Any = None) -> str:
    """The language of a command's table, report or form, by the rule above."""
    return _value(explicit) or declared_lang(file) or framework_lang(fw)


def unit_lang(explicit: Any, loaded: Any) -> str:
    """``output_lang`` for an assessment as read (``evaluator.reading.Loaded``): the ``lang:`` its
    model holds counts too when it came from stdin or a workbook."""
    declared = _value(getattr(getattr(loaded, "assessment", None), "lang", None))
    return _value(explicit) or declared or output_lang(None, getattr(loaded, "path", None), getattr(loaded, "framework", None))


def common_lang(langs: Iterable[str], frameworks: Iterable[Any] = ()) -> str:
    """One language for a document about several units (a batch's ranking, sensitivity's table):
    theirs when they all have the same one; when they differ, the language of their framework (one
    Chinese form in a folder of an English framework's units does not turn the whole ranking
    Chinese), else zh."""
    found = set(langs)
    if len(found) == 1:
        return found.pop()
    declared = {framework_lang(fw) for fw in frameworks}
    return declared.pop() if len(declared) == 1 else FALLBACK


def mixed_note(langs: Iterable[str], chosen: str, frameworks: Iterable[Any] = (), table: bool = False) -> Any:
    """The note that says which language a document about units of different languages (the
    ranking, or sensitivity's ``table``) was written in, and why (``common_lang``); None when they
    all have one language."""
    from indicators.messages import Both, Msg

    found = sorted(set(langs))
    if len(found) < 2:
        return None
    name = Both("中文", "Chinese") if chosen == "zh" else Both("英文", "English")
    what = Both("本表", "this table") if table else Both("排名", "the ranking")
    refs = sorted({getattr(fw, "ref", "") for fw in frameworks} - {""})
    if len(refs) == 1 and {framework_lang(fw) for fw in frameworks} == {chosen}:
        return Msg("language.mixed-framework", langs=", ".join(found), lang=name, what=what, framework=refs[0])
    return Msg("language.mixed-default", langs=", ".join(found), lang=name, what=what)
