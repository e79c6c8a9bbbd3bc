"""``--help`` that names what to type in words (``FILE…``, ``N``, ``zh|en``), not Python types.

Typer shows a parameter's annotation (``<list[Path]>``, ``<int range> [x>=1]``, ``<bool>`` after
a flag); an official reading ``lcity validate --help`` needs to know it takes files. ``install``
replaces how Typer displays a parameter's type, for every command at once; a ``metavar`` given
to an option still wins. It touches only display: parsing is Typer's own. If a Typer release
moves these internals, ``install`` leaves Typer's own display in place rather than fail.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any, get_args, get_origin


#: the words of a number range; ``lcity.helptext.speak`` puts in those of the help's language
RANGE_WORDS = {"at_most": "at most {high:g}", "at_least": "at least {low:g}", "between": "{low:g} to {high:g}"}
ENGLISH_RANGE_WORDS = dict(RANGE_WORDS)  # what ``lcity.helptext.unspeak`` puts back


def _number_range(low: Any, high: Any) -> str | None:
    if low is None and high is None:
        return None
    if low is None:
        return RANGE_WORDS["at_most"].format(high=high)
    if high is None:
        return RANGE_WORDS["at_least"].format(low=low)
    return RANGE_WORDS["between"].format(low=low, high=high)


#: Parameters whose words say more than TEXT.
NAMED = {"framework": "ID", "date": "YYYY-MM-DD"}


def _element(annotation: Any) -> Any:
    """The type inside list[...] / Optional[...] (what one value is)."""
    while get_args(annotation) and get_origin(annotation) is not None:
        args = [a for a in get_args(annotation) if a is not type(None)]
        if not args:
            break
        annotation = args[0]
    return annotation


def words_for(param: Any) -> str | None:
    """The metavar in words for one Typer parameter (None: a flag, nothing to type)."""
    if getattr(param, "metavar", None):
        return param.metavar
    if getattr(param, "is_flag", False):
        return None
    desc = getattr(param, "type_descriptor", None)
    if desc is None:
        return None
    many = bool(getattr(desc, "is_list", False)) or getattr(param, "nargs", 1) not in (1, None)
    base = _element(getattr(desc, "annotation", None))
    name = str(getattr(param, "name", "") or "")
    if getattr(desc, "is_choice", False):
        word = "|".join(str(getattr(c, "value", c)) for c in (desc.choices or ()))
    elif isinstance(base, type) and issubclass(base, PurePath):
        text = f"{name} {(getattr(param, 'help', '') or '')[:40]}".lower()
        word = "FOLDER" if any(w in text for w in ("folder", "directory", "文件夹", "目录")) else "FILE"
    elif name in NAMED:
        word = NAMED[name]
    else:
        word = {int: "N", float: "NUMBER", bool: "true|false"}.get(base, "TEXT")
    return word + ("…" if many else "")


#: a line ending in one of these ends its thought: the next line starts a new one in the help
_LINE_ENDS = tuple(".。:：;；!！?？")


def _wide(ch: str) -> bool:
    """A Chinese character or full-width punctuation: joined to its neighbour without a space."""
    return bool(ch) and ("\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\u3000" <= ch <= "\u303f")


#: a line that opens with a label ("Workbook: …", "示例：…") starts an item of its own
_LABEL = re.compile(r"^(?:[A-Z][A-Za-z -]{0,24}:\s|[^\s：]{1,8}：)")


def join_lines(paragraph: str) -> str:
    """A help paragraph with the line breaks of its source (a docstring wrapped at 100 columns, a
    catalog entry) removed inside sentences, so the terminal wraps it at its own width instead of
    breaking mid-sentence; a line that ends a sentence or a list item still ends the line."""
    if paragraph.startswith("\b"):  # Click's mark for a paragraph kept as written
        return paragraph
    lines: list[str] = []
    for line in paragraph.split("\n"):
        cur = line.strip()
        if lines and cur and lines[-1] and not lines[-1].endswith(_LINE_ENDS) and not _LABEL.match(cur):
            prev = lines[-1]
            lines[-1] = prev + ("" if _wide(prev[-1]) or _wide(cur[0]) else " ") + cur
        else:
            lines.append(cur)
    return "\n".join(lines)


def _join_paragraphs() -> None:
    """Rich markup keeps a docstring's line breaks as they are: join them inside sentences."""
    from typer import rich_utils

    if hasattr(rich_utils, "_fix_linebreaks"):
        rich_utils._fix_linebreaks = lambda paragraphs, markup_mode: "\n\n".join(join_lines(p) for p in paragraphs)


def _joining(format_help):
    """``format_help`` that first makes Typer's help printer join lines. Done when help is printed,
    not at start: the printer (``typer.rich_utils``, with Rich's Markdown) costs ~90 ms to import,
    a third of a ``validate`` run that never shows help."""

    def wrapped(self, ctx, formatter):
        _join_paragraphs()
        return format_help(self, ctx, formatter)

    wrapped.joining = True  # type: ignore[attr-defined]
    return wrapped


def _usage_name(param: Any) -> str:
    """An argument in the usage line as what to type: ``FILE``, ``[FILE…]`` when it may be left
    out. Typer writes the parameter's name in braces (``{file}``), which reads like a template
    placeholder left unfilled."""
    word = words_for(param) or str(getattr(param, "name", "") or "").upper()
    return word if getattr(param, "required", False) else f"[{word}]"


def install() -> None:
    try:
        from typer import core
    except ImportError:  # pragma: no cover - Typer always ships core
        return
    for cls in (getattr(core, "TyperCommand", None), getattr(core, "TyperGroup", None)):
        # once: every in-process run (tests, lcity.cli._run) registers again, and a wrapper around the
        # wrapper of each earlier run made help after some hundreds of runs exceed the recursion limit
        if isinstance(cls, type) and "format_help" in cls.__dict__ \
                and not getattr(cls.__dict__["format_help"], "joining", False):
            cls.format_help = _joining(cls.__dict__["format_help"])
    classes = [getattr(core, name, None) for name in ("TyperArgument", "TyperOption")]
    if not all(isinstance(c, type) and hasattr(c, "display_type_rich") for c in classes):
        return
    for cls in classes:
        cls.display_type_rich = lambda self, ctx: words_for(self)
    if hasattr(classes[0], "_usage_display_name"):
        classes[0]._usage_display_name = _usage_name
        if hasattr(cls, "_get_number_range_help_str"):
            cls._get_number_range_help_str = lambda self: _number_range(getattr(self, "min", None),
                                                                         getattr(self, "max", None))
