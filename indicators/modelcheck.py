"""Validating marked YAML data against a pydantic model, with every error placed at its line.

pydantic reports errors by path (``loc``) and by the value it was given; the user wants the line
and the text they typed. This module maps each error's path back to the YAML marks, quotes the raw
source text, adds "did you mean" for unknown keys, and keeps what the user typed in text fields:
when a plain scalar such as ``1.10`` or ``010`` lands in a text field, it is re-read as the text
written instead of being rejected or silently changed.
"""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar, Union

from pydantic import BaseModel, ValidationError

from .problems import Problem, did_you_mean
from .safeyaml import Marked

M = TypeVar("M", bound=BaseModel)

_STRING_ERRORS = {"string_type"}


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
    return out or "(top level)"


def _quote(marked: Marked, path: tuple, value: Any) -> str:
    raw = marked.raw_text(path)
    if raw is not None:
        return f"'{raw}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def problems_from(error: ValidationError, marked: Marked, model: type[BaseModel]) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple] = set()
    for err in error.errors(include_url=False):
        path = _data_path(marked.data, tuple(err["loc"]))
        kind = err["type"]
        if (path, kind) in seen or (path, "*") in seen:
            continue
        seen.add((path, kind))
        seen.add((path, "*"))
        where = _dotted(path[:-1]) if path else "(top level)"
        if kind == "extra_forbidden":
            key = path[-1] if path else "?"
            allowed = fields_at(model, path[:-1])
            hint = did_you_mean(str(key), allowed) or (
                f"allowed keys here: {', '.join(allowed)}" if allowed else ""
            )
            problems.append(
                marked.problem(path, "unknown-key", f"unknown key '{key}' in {where}", hint, key=True)
            )
        elif kind == "missing":
            key = path[-1] if path else "?"
            problems.append(
                marked.problem(
                    path[:-1],
                    "missing-key",
                    f"{where} has no '{key}'",
                    f"add '{key}:'",
                    key=True,
                )
            )
        else:
            value = err.get("input")
            rule = "out-of-range" if kind in (
                "greater_than", "greater_than_equal", "less_than", "less_than_equal",
                "too_short", "too_long", "string_too_short",
            ) else "wrong-type"
            msg = err["msg"][0].lower() + err["msg"][1:]
            problems.append(
                marked.problem(
                    path, rule, f"{_dotted(path)}: {_quote(marked, path, value)} — {msg}", _hint(kind)
                )
            )
    return problems


def _hint(kind: str) -> str:
    if kind in ("int_parsing", "float_parsing", "int_type", "float_type", "int_from_float"):
        return "write a plain number without units or thousands separators"
    if kind in ("bool_type", "bool_parsing"):
        return "write true or false"
    if kind == "literal_error":
        return "use one of the listed values"
    if kind in ("dict_type", "model_type"):
        return "this needs indented 'key: value' lines"
    if kind == "list_type":
        return "this needs a list: [a, b] or lines starting with '- '"
    return ""


def validate_model(model: type[M], marked: Marked) -> tuple[M | None, list[Problem]]:
    """Validates marked data; text fields keep what the user typed even when YAML typed it."""
    for _ in range(200):
        try:
            return model.model_validate(marked.data), []
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
                return None, problems_from(error, marked, model)
    return None, []  # pragma: no cover - more than 200 re-typed text fields
