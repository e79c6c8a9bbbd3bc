"""Choices shared by several commands (Typer turns each Enum into a checked option)."""

from __future__ import annotations

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
    return Path(text)
