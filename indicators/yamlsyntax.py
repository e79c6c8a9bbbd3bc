"""The YAML parser's complaints, said in the user's language, with a hint of what to do.

PyYAML's pure-Python parser and libyaml say what is wrong in English, in words of their own
("mapping values are not allowed here", "did not find expected key"), and the district official
who must fix the file may read only Chinese. The English catalog (``messages/en.yaml-syntax.yaml``)
holds each complaint in the parser's exact wording with ``{placeholders}`` for what it fills in;
compiled into a pattern, the same text recognises the complaint, so a new complaint is one line
in each catalog and no code. The quoted character, token or name is kept as the parser wrote it
(the parser's names of its own tokens, such as ``'<stream end>'``, are said in words).

Wording no entry recognises (a future PyYAML) is never lost: it is kept as it is, inside a
sentence of the user's language.
"""

from __future__ import annotations

import re
from typing import Any

from .messages import Msg, catalog
from .messages import recognise as match

PROBLEM = "yaml.problem."
CONTEXT = "yaml.context."

#: problem id -> hint id (``yaml.hint.<id>``, or a full catalog key)
_PROBLEM_HINTS = {
    "tab": "tab", "c.tab-indent": "tab", "c.tab-space": "tab",
    "at-sign": "hint.syntax-at", "backquote": "hint.syntax-at",
    "cannot-start": "quote-value", "c.cannot-start": "quote-value",
    "mapping-values": "colon-in-value", "c.mapping-values": "colon-in-value",
    "c.unexpected-colon": "colon-in-value",
    "no-colon": "key-needs-colon",
    "sequence-entries": "dash", "c.sequence-entries": "dash", "c.expected-dash": "dash",
    "mapping-keys": "question", "c.mapping-keys": "question",
    "block-end": "indent", "c.expected-key": "indent",
    "end-of-stream": "close-quote", "document-separator": "close-quote", "c.document-indicator": "close-quote",
    "flow-sequence": "close-bracket", "c.flow-sequence": "close-bracket",
    "flow-mapping": "close-brace", "c.flow-mapping": "close-brace",
    "node-content": "missing-value", "c.node-content": "missing-value",
    "undefined-alias": "alias", "c.undefined-alias": "alias",
    "second-anchor": "anchor",
    "another-document": "hint.syntax-second-document", "document-start": "hint.syntax-second-document",
    "c.document-start": "hint.syntax-second-document",
    "unknown-escape": "escape", "hex-escape": "escape", "c.unknown-escape": "escape",
    "c.expected-hex": "escape", "c.unicode-escape": "escape",
    "block-indicators": "block-scalar", "indent-zero": "block-scalar", "c.indent-zero": "block-scalar",
    "duplicate-yaml-directive": "percent", "incompatible-document": "percent",
    "c.duplicate-yaml-directive": "percent", "c.duplicate-tag-directive": "percent",
    "c.duplicate-tag-directive-2": "percent", "c.incompatible-directive": "percent",
    "c.incompatible-document": "percent", "c.long-version": "percent", "c.unknown-directive": "percent",
    "c.directive-name": "percent", "c.expected-version": "percent",
    "expected-bang": "bang", "expected-uri": "bang", "expected-gt": "bang", "uri-escape": "bang",
    "duplicate-tag-handle": "bang", "undefined-tag-handle": "bang", "no-constructor": "bang",
    "c.expected-bang": "bang", "c.expected-uri": "bang", "c.expected-gt": "bang", "c.uri-escape": "bang",
    "c.undefined-tag-handle": "bang",
    "c.control-characters": "control", "c.invalid-unicode": "control",
    "c.utf8-leading": "hint.save-utf8", "c.utf8-trailing": "hint.save-utf8",
    "unhashable-key": "plain-keys", "merge-list": "merge", "merge-mapping": "merge",
}

#: context id -> hint id, when the problem alone does not say what to do
_CONTEXT_HINTS = {
    "directive": "percent", "parsing-directive": "percent", "c.yaml-directive": "percent",
    "c.percent-tag-directive": "percent", "c.tag-directive": "percent",
    "c.parsing-percent-tag-directive": "percent", "c.parsing-tag-directive": "percent",
    "tag": "bang", "parsing-tag": "bang",
    "anchor": "amp", "alias": "amp",
    "block-scalar": "block-scalar",
    "quoted": "close-quote", "double-quoted": "close-quote", "c.parsing-quoted": "close-quote",
    "simple-key": "key-needs-colon",
    "block-mapping": "indent", "block-collection": "indent",
    "flow-sequence": "close-bracket", "flow-mapping": "close-brace",
    "c.plain-scalar": "quote-value",
}

_TOKEN = re.compile(r"'<([a-z -]+)>'")
#: a quoted name longer than this is shortened (with its length)
_LONGEST = 50
#: characters the parser quotes that an official would not recognise as written
_CHARS = {"'\\n'": "newline", "'\\r'": "newline", "' '": "space"}


def _word(name: str, value: str) -> Any:
    """A filled-in part as the parser wrote it, or, for the parser's names of its tokens and
    nodes (``'<stream end>'``, ``mapping``), the catalog's words for them."""
    keys = catalog("en")
    if name == "token":
        m = _TOKEN.fullmatch(value)
        if m and f"yaml.token.{m.group(1).replace(' ', '-')}" in keys:
            return Msg(f"yaml.token.{m.group(1).replace(' ', '-')}")
    if name == "node" and f"yaml.node.{value}" in keys:
        return Msg(f"yaml.node.{value}")
    if name == "char" and value in _CHARS:
        return Msg(f"yaml.char.{_CHARS[value]}")
    if len(value) > _LONGEST:  # a 3,000-letter alias name: enough of it to find it
        inner = value[1:-1] if value[:1] == value[-1:] == "'" else value
        return Msg("yaml.shortened-quoted", start=inner[:_LONGEST - 10], n=f"{len(inner):,}")
    return value


def recognise(text: str, prefix: str = PROBLEM) -> tuple[str | None, Msg]:
    """(id, message) of one parser text; id None and the text kept as it is when unknown."""
    said = match(text, prefix, _word)
    if said is not None:
        return said.key[len(prefix):], said
    return None, Msg("yaml.unknown" if prefix == PROBLEM else "yaml.unknown-context", text=text)


def _char_at(text: str | None, mark) -> str | None:
    if text is None or mark is None:
        return None
    lines = text.split("\n")
    if 0 <= mark.line < len(lines) and 0 <= mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return None


def _hint(problem_id: str | None, context_id: str | None, problem: str = "") -> Msg:
    if problem_id == "block-end" and problem.endswith("'<scalar>'"):
        return Msg("yaml.hint.text-after-quote")  # 'it's': the quote ended early and text follows
    hint = _PROBLEM_HINTS.get(problem_id or "") or _CONTEXT_HINTS.get(context_id or "") or "hint.syntax-other"
    return Msg(hint if "." in hint else f"yaml.hint.{hint}")


def _same_place(a, b) -> bool:
    return a is not None and b is not None and (a.line, a.column) == (b.line, b.column)


def describe(exc: Any, text: str | None = None) -> tuple[Msg, Msg]:
    """(message, hint) for a parser error (a ``yaml.MarkedYAMLError`` from either parser).

    The message says what is wrong and, when the parser names where the thing it was reading
    began (the opening quote, the key without a colon), that place too; the location of the
    problem itself is the caller's. ``text``, when given, lets libyaml's "found character that
    cannot start any token" name the character, as PyYAML does.
    """
    problem, context = getattr(exc, "problem", None), getattr(exc, "context", None)
    problem_mark, context_mark = getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)
    if not problem:  # only a context: it is all the parser said
        context_id, said = recognise((context or "invalid YAML").strip(), CONTEXT if context else PROBLEM)
        return Msg("yaml.syntax", problem=said), _hint(None, context_id)
    problem_id, said = recognise(problem.strip())
    if problem_id == "c.cannot-start":
        char = _char_at(text, problem_mark)
        if char is not None:
            problem_id, said = recognise(f"found character {char!r} that cannot start any token")
    context_id = None
    if context:
        context_id, context_said = recognise(context.strip(), CONTEXT)
        if context_mark is not None and not _same_place(context_mark, problem_mark):
            said = Msg("yaml.syntax-at", problem=said, context=context_said,
                       line=context_mark.line + 1, col=context_mark.column + 1)
            return said, _hint(problem_id, context_id, problem)
    return Msg("yaml.syntax", problem=said), _hint(problem_id, context_id, problem)
