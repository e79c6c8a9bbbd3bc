"""Choices shared by several commands (Typer turns each Enum into a checked option)."""

from __future__ import annotations

import os
from enum import Enum
from typing import Annotated, Optional

import typer


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


class TableOrJson(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"  # the table as CSV on stdout (lcity.tables), its notes on stderr


#: ``--lang`` for a command that prints messages: zh or en; without it, the file's own ``lang:``,
#: else the locale (LC_ALL, LC_MESSAGES, LANG), else English (``indicators.messages.pick_lang``).
MessageLang = Annotated[Optional[Lang], typer.Option(
    "--lang", help="language of the messages: zh or en (default: the file's lang:, else the locale, else en)")]


def output_path(text: str):
    """Every ``-o``, read as typed: an empty value (a script's unset ``$OUT``) is refused, where Click
    would make it ``.``, the current folder, and batch wrote its summaries there (G26-H2)."""
    from pathlib import Path

    if isinstance(text, Path):  # an option's default (lcity demo's file name), not typed
        return text
    if not text.strip():
        import sys

        from indicators.messages import Msg

        from .helptext import help_lang

        raise typer.BadParameter(Msg("out.empty").say(help_lang(sys.argv)))
    if text.endswith(("/", os.sep)) and text.strip("/" + os.sep):  # '-o new/': a folder meant (G31H-8)
        import sys

        from indicators.messages import Msg

        from .helptext import help_lang

        raise typer.BadParameter(Msg("out.names-folder", text=text).say(help_lang(sys.argv)))
    return Path(text)


def output_folder(text: str):
    """``lcity batch -o``: a folder, so a name ending in '/' is what it should be. Click's Path
    drops that slash, and a file output given as ``-o new/`` was written as a file named ``new``
    (``output_path`` now refuses it)."""
    from pathlib import Path

    if isinstance(text, Path) or not text.endswith(("/", os.sep)):
        return output_path(text)
    return output_path(text.rstrip("/" + os.sep) or text)
