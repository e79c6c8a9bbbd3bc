"""Choices shared by several commands (Typer turns each Enum into a checked option)."""

from __future__ import annotations

from enum import Enum


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


class TableOrJson(str, Enum):
    table = "table"
    json = "json"
