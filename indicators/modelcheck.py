"""Validating marked YAML data against a pydantic model, with every error placed at its line.

pydantic reports errors by path (``loc``) and by the value it was given; the user wants the line
and the text they typed. This module maps each error's path back to the YAML marks, quotes the raw
source text, adds "did you mean" for unknown keys, and keeps what the user typed in text fields:
when a plain scalar such as ``1.10`` or ``010`` lands in a text field, it is re-read as the text
written instead of being rejected or silently changed.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from typing import Any, TypeVar, Union

from pydantic import BaseModel, ValidationError

from .messages import Joined, Msg, recognise
from .problems import Problem, did_you_mean
from .safeyaml import Marked

M = TypeVar("M", bound=BaseModel)

_STRING_ERRORS = {"string_type"}

#: the unknown keys of one file that are each compared with the keys allowed there ("did you mean")
NEAR_MISSES = 100


class NearMisses:
    """``did_you_mean`` for the first ``limit`` words asked of it, then '' without comparing.

    A few unknown keys are typos, and the closest allowed key is worth its cost (difflib compares
    the word with every candidate: ~50 µs). Past a hundred they are a flood (a pasted table, a
    hostile file of 90,000 keys, which took ~4 s of comparisons for no hint at all): each of them
    still is a problem at its own line, with the allowed keys as its hint, but no longer compared.
    The first ones in the file keep their hints, so what ``lcity validate`` prints of a flood (its
    first twenty) does not change."""

    def __init__(self, limit: int = NEAR_MISSES):
        self.left = limit

    def __call__(self, word: str, candidates: list[str]) -> str:
        if self.left <= 0:
            return ""
        self.left -= 1
        return did_you_mean(word, candidates)


def _value_at(data: Any, path: tuple) -> Any:
    """The value at ``path`` in the data as read (None where there is none)."""
    for elem in path:
        try:
            data = data[elem]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _data_path(data: Any, loc: tuple) -> tuple:
    """The part of a pydantic loc that names real keys and indexes (drops union tags)."""
    path: list = []
    current = data
    for i, elem in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(current, dict) and isinstance(elem, str):
            if elem in current:
                path.append(elem)
                current = current[elem]
                continue
            if last:
                path.append(elem)
            continue
        if isinstance(current, list) and isinstance(elem, int) and 0 <= elem < len(current):
            path.append(elem)
            current = current[elem]
            continue
        if last and isinstance(elem, str) and isinstance(current, dict):
            path.append(elem)
    return tuple(path)


def _get(data: Any, path: tuple) -> Any:
    for elem in path:
        data = data[elem]
    return data


def _set(data: Any, path: tuple, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return [m for a in typing.get_args(annotation) for m in _models_in(a)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _container_item(annotation: Any, elem: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _container_item(typing.get_args(annotation)[0], elem)
    if origin in (Union, types.UnionType):
        return [x for a in typing.get_args(annotation) for x in _container_item(a, elem)]
    if origin in (list, tuple) and isinstance(elem, int):
        return [typing.get_args(annotation)[0]]
    if origin is dict and isinstance(elem, str):
        return [typing.get_args(annotation)[1]]
    return []


def fields_at(model: type[BaseModel], path: tuple) -> list[str]:
    """Names of the keys a mapping at `path` may hold, for "did you mean" hints."""
    annotations: list[Any] = [model]
    for elem in path:
        nxt: list[Any] = []
        for ann in annotations:
            models = _models_in(ann)
            if models and isinstance(elem, str):
                for m in models:
                    if elem in m.model_fields:
                        nxt.append(m.model_fields[elem].annotation)
            else:
                nxt.extend(_container_item(ann, elem))
        annotations = nxt
    names: list[str] = []
    for ann in annotations:
        for m in _models_in(ann):
            names.extend(n for n in m.model_fields if n not in names)
    return names


def _dotted(path: tuple) -> str:
    out = ""
    for elem in path:
        out += f"[{elem}]" if isinstance(elem, int) else (f".{elem}" if out else str(elem))
    return out or Msg("shape.top-level")


def shorten(text: str, limit: int = 40) -> str:
    """The user's text as quoted in a message: long texts (400 digits ...) cut with '…' (a ``Msg``,
    whose length is said in the message's language)."""
    return text if len(text) <= limit else Msg("shape.shortened", start=text[:limit], n=f"{len(text):,}")


def _quote(marked: Marked, path: tuple, value: Any) -> str:
    raw = marked.raw_text(path)
    if raw is not None:
        short = shorten(raw)
        if type(short) is str:  # the same in every language: one string, not a Joined to say (and to keep)
            return f"'{short}'"
        return Joined(["'", short, "'"], ("", ""))
    if isinstance(value, dict):
        return Msg("shape.a-mapping")
    if isinstance(value, list):
        return Msg("shape.a-list")
    return repr(value)


def _non_decimal(marked: Marked) -> set[tuple]:
    """Plain numbers written in octal or hexadecimal (``0o12``, ``0x10``), put back as the text typed.

    YAML 1.2 reads them as 10 and 16, but nobody counts people or points in octal: such a figure is
    a slip (``0o12`` for 12, a pasted code). Like ``1:20``, which is text here, the field then
    refuses the text at its place, and ``_said_non_decimal`` says what YAML would have read."""
    paths = set()
    for path, (raw, style) in marked.raw.items():
        if style is None and raw.startswith(("0o", "0x")):
            value = _get(marked.data, path)
            if isinstance(value, int) and not isinstance(value, bool):
                _set(marked.data, path, raw)
                paths.add(path)
    return paths


def _said_non_decimal(marked: Marked, path: tuple) -> Problem:
    raw = marked.raw_text(path) or ""
    base = "shape.base-octal" if raw.startswith("0o") else "shape.base-hex"
    value = int(raw, 0)
    return marked.problem(path, "wrong-type",
                          Msg("shape.non-decimal", where=_dotted(path), raw=raw, base=Msg(base), value=value),
                          Msg("shape.hint.non-decimal", value=value))


def problems_from(error: ValidationError, marked: Marked, model: type[BaseModel],
                  non_decimal: frozenset | set = frozenset()) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple] = set()
    allowed_at: dict[tuple, tuple[list[str], str]] = {}  # a mapping's keys and their hint, made once per mapping
    near = NearMisses()
    errors = error.errors(include_url=False)
    misspelt = _misspelt(marked, errors)
    for err in errors:
        path = _data_path(marked.data, tuple(err["loc"]))
        kind = err["type"]
        if (path, kind) in seen or (path, "*") in seen:
            continue
        if kind == "missing" and path in misspelt.values():
            continue  # said once, at the misspelt key that stands for it
        seen.add((path, kind))
        seen.add((path, "*"))
        where = _dotted(path[:-1]) if path else Msg("shape.top-level")
        if kind == "extra_forbidden":
            key = path[-1] if path else "?"
            if path[:-1] not in allowed_at:
                keys = fields_at(model, path[:-1])
                allowed_at[path[:-1]] = keys, Msg("hint.allowed-keys", keys=", ".join(keys)) if keys else ""
            allowed, listed = allowed_at[path[:-1]]
            meant = misspelt.get(path)
            hint = Msg("hint.did-you-mean", word=meant[-1]) if meant else near(str(key), allowed) or listed
            if " " in str(key) and _value_at(marked.data, path) is None:  # {en: a, b c.}: 'b c.' read as a key
                hint = Msg("hint.flow-comma", listed=listed)
            # at the top level the place is a phrase, not a dotted path: no space before the verb in Chinese
            said = (Msg("model.unknown-key", key=key, where=where) if path[:-1]
                    else Msg("model.unknown-key-top", key=key))
            problems.append(marked.problem(path, "unknown-key", said, hint, key=True))
        elif kind == "missing":
            key = path[-1] if path else "?"
            problems.append(
                marked.problem(
                    path[:-1],
                    "missing-key",
                    Msg("model.missing-key", where=where, key=key) if path[:-1]
                    else Msg("model.missing-key-top", key=key),
                    Msg("hint.add-key", key=key),
                    key=True,
                )
            )
        else:
            value = err.get("input")
            if kind == "union_tag_invalid":
                path, value = _at_the_tag(marked, path, err)
            if path in non_decimal:
                problems.append(_said_non_decimal(marked, path))
                continue
            slip = _number_slip(marked, path, kind, value)
            if slip is not None:
                problems.append(slip)
                continue
            rule, predicate, hint = plain(err)
            problems.append(
                marked.problem(path, rule, Msg("model.value", where=_dotted(path), shown=_quote(marked, path, value),
                                               predicate=predicate), hint)
            )
    return problems


#: how close an unknown key must be to a missing one to be read as it (``_read_past``) and said once
MISSPELT = 0.75


def _misspelt(marked: Marked, errors: list[dict]) -> dict[tuple, tuple]:
    """{path of an unknown key: path of the missing key it is a misspelling of}: ``dimension_flor``
    where ``dimension_floor`` is missing is one mistake, said once at the key as typed with the
    key it stands for ("did you mean 'dimension_floor'?"), not also as a missing key at its parent;
    the file is read past it as that key (``validate_past_slips``), so the two rules agree."""
    import difflib

    if len(errors) > NEAR_MISSES:  # a flood: each error stands on its own
        return {}
    unknown = [_data_path(marked.data, tuple(e["loc"])) for e in errors if e["type"] == "extra_forbidden"]
    found: dict[tuple, tuple] = {}
    for e in errors:
        if e["type"] != "missing":
            continue
        path = _data_path(marked.data, tuple(e["loc"]))
        if not path or not isinstance(path[-1], str) or path in found.values():
            continue
        near = {u[-1]: u for u in unknown if u[:-1] == path[:-1] and isinstance(u[-1], str) and u not in found}
        match = difflib.get_close_matches(path[-1], list(near), n=1, cutoff=MISSPELT)
        if match:
            found[near[match[0]]] = path
    return found


def _at_the_tag(marked: Marked, path: tuple, err: dict) -> tuple[tuple, Any]:
    """An unknown ``type:`` or ``kind:`` is named at that key's value ('yesno' is not one of ...),
    not at the start of the mapping that holds it: the author sees which word to change."""
    key = str((err.get("ctx") or {}).get("discriminator", "")).strip("'")
    holder = _get(marked.data, path)
    if key and isinstance(holder, dict) and key in holder:
        return path + (key,), holder[key]
    return path, err.get("input")


def _number_slip(marked: Marked, path: tuple, kind: str, value: Any) -> Problem | None:
    """``550万``, ``１２``, ``12,000`` or ``"12"`` where the profile wants a number: named, with its rewrite."""
    if kind not in ("int_parsing", "int_type", "float_parsing", "float_type") or not isinstance(value, str):
        return None
    from .slips import value_slip

    return value_slip("count" if kind.startswith("int") else "number", value, marked, path)


_RANGE_ERRORS = {"greater_than", "greater_than_equal", "less_than", "less_than_equal", "too_short", "too_long",
                 "string_too_short", "string_too_long", "finite_number"}

#: Patterns of the models, said in words (a user should never read a regular expression).
_PATTERNS = {
    r"^[0-9a-f]{64}$": "sha256",
    r"^[A-Za-z][A-Za-z0-9_\-]*(@[0-9]+)?$": "framework-ref",
    r"^[A-Za-z][A-Za-z0-9_\-]*@[0-9]+$": "framework-ref",
    r"^[A-Za-z][A-Za-z0-9_\-]*$": "id",
    r"^[a-z0-9][a-z0-9_\-]*$": "short-id",
    r"^\d{4}-\d{2}-\d{2}$": "date",
}


def _num(x: Any) -> str:
    """A bound as a reader writes it: 1,000,000, not 1e+06."""
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return f"{int(x):,}"
    return f"{x:,g}" if isinstance(x, float) else f"{x:,}" if isinstance(x, int) else str(x)


def _is_nan(x: Any) -> bool:
    return isinstance(x, float) and x != x


def _said(text: str, prefix: str) -> str:
    """English text another layer wrote, as the catalog message with the same words (so that it is
    said in the user's language), or as it is when the catalog does not know it."""
    return recognise(str(text), prefix) or text


@functools.cache
def _fixed(key: str) -> Msg:
    """A catalog message without values, made once and shared by every problem that says it: a
    flood of 90,000 keys made (and kept, for the collector to walk) as many copies of one hint."""
    return Msg(key)


def _share_hint(le: Any, value: Any) -> Msg | str:
    """A share (at most 1) written as a percentage: ``min_coverage: 65`` or ``dimension_floor: 40``
    read "must be at most 1" with no word of what to write (G20-D7): "a share from 0 to 1: write 0.65
    for 65%"."""
    if le != 1 or isinstance(value, bool) or not isinstance(value, (int, float)) or not 1 < value <= 100:
        return ""
    return Msg("hint.share-not-percent", share=f"{value / 100:g}", pct=_num(value))


def _year_field(loc: tuple) -> bool:
    """Whether a whole-number field holds a year (period.start, city.reference_year), where '2023-01'
    is a year said with more; a count (city.population) given as a date is not."""
    name = next((part for part in reversed(loc) if isinstance(part, str)), "")
    return name in ("start", "end", "year") or name.endswith("_year")


def plain(err: dict) -> tuple[str, str, str]:
    """(rule id, predicate, hint) for one pydantic error, in plain words.

    The predicate follows the quoted text: "'50万' is not a whole number". Errors raised by lcity's
    own validators (``PydanticCustomError`` with a ``hint`` in its context) are taken as they are.
    """
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    rule = "out-of-range" if kind in _RANGE_ERRORS else "wrong-type"
    if "hint" in ctx:  # lcity's own validators word these in English; the catalog knows their words
        return ctx.get("rule", rule), _said(err["msg"], "shape.custom."), _said(ctx["hint"], "shape.custom-hint.")
    number_hint = _fixed("hint.plain-number")
    if isinstance(value, str) and any(c in value for c in ",，万亿"):
        number_hint = _fixed("hint.full-number")
    if kind in ("int_parsing", "int_type"):
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            return "out-of-range", _fixed("pred.not-finite"), _fixed("hint.actual-figure")
        from .slips import year_of

        year = year_of(value)  # period.start: 2023年 or 2023-01 is a year said with more (G19-C20)
        if year and not _year_field(err.get("loc") or ()):
            # a count given as a date: a workbook cell formatted as a date shows 820000 as 4145-01-12, and
            # 45000 people as 2023-03-15, which read 'a year is written …: write 2023' (G32H-2)
            return rule, _fixed("pred.not-whole"), _fixed("hint.date-not-figure")
        return rule, _fixed("pred.not-whole"), Msg("hint.write-year", new=year) if year else number_hint
    if kind == "int_from_float":
        return rule, _fixed("pred.not-whole"), _fixed("hint.round")
    if kind == "int_parsing_size":  # "1e20" or a 5,000-digit figure: pydantic's own words were English
        return "out-of-range", _fixed("pred.too-large"), _fixed("hint.extra-zeros")
    if kind in ("float_parsing", "float_type"):
        if isinstance(value, int) and not isinstance(value, bool):
            return "out-of-range", _fixed("pred.too-large"), _fixed("hint.extra-zeros")
        return rule, _fixed("pred.not-number"), number_hint
    if kind == "finite_number" or (kind in _RANGE_ERRORS and _is_nan(value)):
        return "out-of-range", _fixed("pred.not-finite"), _fixed("hint.actual-figure")
    if kind in ("bool_type", "bool_parsing"):
        return rule, _fixed("pred.not-bool"), _fixed("hint.boolean")
    if kind == "string_type":
        return rule, _fixed("pred.not-text"), _fixed("hint.quote-text")
    if kind == "list_type":
        return rule, _fixed("pred.not-list"), _fixed("hint.needs-list")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return rule, _fixed("pred.not-mapping"), _fixed("hint.needs-mapping")
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        listed = ", ".join(options) or str(ctx.get("expected", ""))
        return (rule, Msg("pred.not-one-of", options=listed),
                did_you_mean(str(value), options) or _fixed("hint.use-listed-values"))
    if kind == "string_pattern_mismatch":
        name = _PATTERNS.get(str(ctx.get("pattern")))
        if name is None:
            return rule, _fixed("shape.pattern.other"), ""
        return rule, Msg(f"shape.pattern.{name}"), Msg(f"shape.hint.{name}")
    if kind == "greater_than":
        return rule, Msg("pred.gt", n=_num(ctx.get("gt"))), ""
    if kind == "greater_than_equal":
        return rule, Msg("pred.ge", n=_num(ctx.get("ge"))), ""
    if kind == "less_than":
        return rule, Msg("pred.lt", n=_num(ctx.get("lt"))), ""
    if kind == "less_than_equal":
        return rule, Msg("pred.le", n=_num(ctx.get("le"))), _share_hint(ctx.get("le"), value)
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return rule, _fixed("pred.empty"), _fixed("hint.write-or-remove")
        return rule, Msg("pred.too-short", n=ctx.get("min_length")), ""
    if kind == "string_too_long":
        return rule, Msg("pred.too-long", n=ctx.get("max_length")), _fixed("hint.shorten")
    if kind == "too_short":
        n = ctx.get("min_length")
        return rule, _fixed("shape.too-few-one") if n == 1 else Msg("shape.too-few", n=n), ""
    if kind == "too_long":
        return rule, Msg("shape.too-many", n=ctx.get("max_length")), Msg("shape.hint.too-many")
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tags = re.findall(r"'([^']*)'", str(ctx.get("expected_tags", "")))
        if kind == "union_tag_invalid":
            return (rule, Msg("pred.not-one-of", options=", ".join(tags) or ctx.get("expected_tags", "")),
                    did_you_mean(str(ctx.get("tag", "")), tags) or _fixed("hint.use-listed-values"))
        return (rule, Msg("shape.not-tag", tags=", ".join(tags) or ctx.get("expected_tags", "")),
                did_you_mean(str(ctx.get("tag", "")), tags))
    if kind == "enum":
        return rule, Msg("pred.not-one-of", options=ctx.get("expected", "")), _fixed("hint.use-listed-values")
    msg = str(err.get("msg", ""))
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    if not msg:
        return rule, _fixed("shape.not-valid"), ""
    # pydantic's own words, kept (in English) inside a sentence of the user's language
    return rule, Msg("shape.pydantic", msg=msg[:1].lower() + msg[1:]), ""


def validate_model(model: type[M], marked: Marked) -> tuple[M | None, list[Problem]]:
    """Validates marked data; text fields keep what the user typed even when YAML typed it."""
    result, error, non_decimal = _validate(model, marked)
    if error is None:
        return result, []
    return None, problems_from(error, marked, model, non_decimal)


def _validate(model: type[M], marked: Marked) -> tuple[M | None, ValidationError | None, set]:
    """(model, None, _) or (None, the error, the paths written in octal or hex)."""
    non_decimal = _non_decimal(marked)
    for _ in range(200):
        try:
            return model.model_validate(marked.data), None, non_decimal
        except ValidationError as error:
            fixed = False
            for err in error.errors(include_url=False):
                if err["type"] not in _STRING_ERRORS:
                    continue
                path = _data_path(marked.data, tuple(err["loc"]))
                raw = marked.raw_text(path)
                if raw is not None and marked.is_plain(path) and not isinstance(_get(marked.data, path), str):
                    _set(marked.data, path, raw)
                    fixed = True
            if not fixed:
                return None, error, non_decimal
    return None, None, non_decimal  # pragma: no cover - more than 200 re-typed text fields


def validate_past_slips(model: type[M], marked: Marked) -> tuple[M | None, list[Problem], M | None, Marked]:
    """(model, problems, read, read_marked): as ``validate_model``, plus the file as read past its
    slips of shape, so that the checks that need a model (points adding up, known levels and
    answers) can still run on the rest of it and one run lists every problem of the file.

    A misspelt key (``mixed_margn`` where ``mixed_margin`` is missing) is read as the key it is
    closest to, another unknown key is left out, and a bad value of a key that has a default is
    left out (the default stands in). When the shape still cannot be read (a required key missing
    outright, a bad item of a list), ``read`` is None: the checks would only guess."""
    result, error, non_decimal = _validate(model, marked)
    if error is None:
        return result, [], result, marked
    problems = problems_from(error, marked, model, non_decimal)
    read, read_marked = _read_past(model, marked, error)
    return None, problems, read, read_marked


def _read_past(model: type[M], marked: Marked, error: ValidationError) -> tuple[M | None, Marked]:
    """The model of a copy of the data with each shape error set aside (see validate_past_slips)."""
    import copy
    import dataclasses
    import difflib

    data = copy.deepcopy(marked.data)
    marks, key_marks, raw = dict(marked.marks), dict(marked.key_marks), dict(marked.raw)
    for _ in range(20):
        errors = error.errors(include_url=False)
        if len(errors) > NEAR_MISSES:  # a flood (a pasted table, a hostile file) is no slip to read past
            return None, marked
        missing = [_data_path(data, tuple(e["loc"])) for e in errors if e["type"] == "missing"]
        unknown = [_data_path(data, tuple(e["loc"])) for e in errors if e["type"] == "extra_forbidden"]
        for path in missing:
            near = [u for u in unknown if u[:-1] == path[:-1] and isinstance(u[-1], str)]
            match = difflib.get_close_matches(str(path[-1]), [u[-1] for u in near], n=1, cutoff=MISSPELT)
            if not match:
                return None, marked  # a required key is missing outright
            old = path[:-1] + (match[0],)
            holder = _get(data, path[:-1])
            holder[path[-1]] = holder.pop(match[0])
            unknown.remove(old)
            _alias(old, path, marks, key_marks, raw)
        for n, path in enumerate(unknown):  # a misspelt optional key (document for documents) is read as it
            holder = _get(data, path[:-1])
            free = [k for k in fields_at(model, path[:-1]) if k not in holder] if n < NEAR_MISSES else []
            match = difflib.get_close_matches(str(path[-1]), free, n=1, cutoff=0.75)  # past a flood: left out
            value = holder.pop(path[-1], None)
            if match:
                holder[match[0]] = value
                _alias(path, path[:-1] + (match[0],), marks, key_marks, raw)
        for e in errors:
            if e["type"] in ("missing", "extra_forbidden"):
                continue
            path = _data_path(data, tuple(e["loc"]))
            if not path or not isinstance(path[-1], str) or not _has_default(model, path):
                return None, marked  # a value that cannot be set aside (an item of a list, a required key)
            holder = _get(data, path[:-1])
            if isinstance(holder, dict):
                holder.pop(path[-1], None)
        try:
            read = model.model_validate(data)
        except ValidationError as again:
            error = again
            continue
        return read, dataclasses.replace(marked, data=data, marks=marks, key_marks=key_marks, raw=raw)
    return None, marked


def _alias(old: tuple, new: tuple, *tables: dict) -> None:
    """The marks of a key read under another name, so that its problems point where it is written."""
    for table in tables:
        for p in [p for p in table if p[:len(old)] == old]:
            table[new + p[len(old):]] = table[p]


def _has_default(model: type[BaseModel], path: tuple) -> bool:
    """Whether the key at ``path`` may be left out: a field of a model that has a default, or an
    entry of a mapping (a checklist weight, an indicator's advice)."""
    annotations: list[Any] = [model]
    for elem in path[:-1]:
        nxt: list[Any] = []
        for ann in annotations:
            models = _models_in(ann)
            if models and isinstance(elem, str):
                nxt.extend(m.model_fields[elem].annotation for m in models if elem in m.model_fields)
            else:
                nxt.extend(_container_item(ann, elem))
        annotations = nxt
    if any(_container_item(ann, path[-1]) for ann in annotations):  # an entry of a mapping (weights, advice)
        return True
    fields = [m.model_fields.get(path[-1]) for ann in annotations for m in _models_in(ann)]
    return any(f is not None and not f.is_required() for f in fields)
