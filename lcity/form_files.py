"""``lcity init --format xlsx|pdf``: the form as an Excel/WPS workbook or a printable questionnaire.

The YAML template stays the default; a workbook is for officials who work in Excel or WPS, and the
PDF is a blank questionnaire for site visits. All three ask the same indicators (those of the
unit's level). The format comes from ``--format``, else from the output's name (``-o x.xlsx``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from indicators.messages import Msg, say
from indicators.problems import InputError, Problem

from .console import err, escape, typed
from .template import guess_level

#: the framework ``lcity init`` writes forms for when none is named
FORM_FRAMEWORK = "china-learning-city@2"

FORMATS = ("yaml", "xlsx", "pdf")


def form_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for, or the one the output's name implies (yaml otherwise)."""
    if fmt:
        return fmt
    suffix = Path(str(output)).suffix.lower() if output is not None else ""
    return {".xlsx": "xlsx", ".pdf": "pdf"}.get(suffix, "yaml")


def write_form(fmt: str, fw, fw_path: Path, output: Path | None, *, city: str | None, lang: str, level: str | None,
               force: bool) -> None:
    from .output import check_outputs, is_stdout, write_atomic

    if output is None or (is_stdout(output) and __import__("sys").stdout.isatty()):
        raise InputError([Problem("lcity init", 1, 1, "error", "usage", Msg("init.not-on-terminal", fmt=fmt),
                                  Msg("init.hint-give-file", fmt=fmt), fatal=True)])
    check_outputs([output], [fw_path], force)
    level = level or guess_level(city or ("某区" if lang == "zh" else "Example District"))
    if fmt == "xlsx":
        from .xlsx_form import write_workbook

        data = write_workbook(fw, None, lang=lang, city=city, level=level)
    else:
        from reports.questionnaire import render_questionnaire

        data = render_questionnaire(fw, lang=lang, level=level, city=city)
    write_atomic(output, data, force=force)
    if not is_stdout(output):
        nxt = f"lcity validate {typed(output)}" if fmt == "xlsx" else _next_workbook(output, fw, fw_path, city, level)
        err.print(escape(say(Msg(f"init.wrote-{fmt}", file=typed(output), next=nxt), lang)))


def _next_workbook(output: Any, fw: Any, fw_path: Path, city: str | None, level: str | None = None) -> str:
    """The command that makes the matching workbook: the same framework, unit and level as the printed
    form (without them it would make the default form for an example district; without the level, a
    社区's paper form was followed by a 街道's workbook, G15)."""
    import shlex

    from indicators.loader import PACKAGE_DIR

    words = ["lcity", "init", "-o", f"{Path(str(output)).stem}.xlsx"]
    if fw.ref != FORM_FRAMEWORK:  # a packaged framework by its id, another one by its file
        packaged = Path(fw_path).resolve().is_relative_to(PACKAGE_DIR)
        words += ["--framework", fw.ref if packaged else str(fw_path)]
    if city:
        words += ["--city", city]
    if level:
        words += ["--level", level]
    return " ".join(shlex.quote(w) for w in words)
