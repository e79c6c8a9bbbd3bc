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
