"""Documentation that must not fall behind the code."""

from __future__ import annotations

import typing

from evaluator.result import Result

from .conftest import ROOT


def _fields(model, prefix=""):
    for name, f in model.model_fields.items():
        yield prefix + name
        for arg in [f.annotation, *typing.get_args(f.annotation)]:
            for inner in [arg, *typing.get_args(arg)]:
                if isinstance(inner, type) and hasattr(inner, "model_fields"):
                    yield from _fields(inner, prefix + name + ".")


def test_every_result_field_is_documented():
    doc = (ROOT / "docs" / "result-json.md").read_text(encoding="utf-8")
    undocumented = sorted({f for f in _fields(Result) if f"`{f.rsplit('.', 1)[-1]}`" not in doc})
    assert not undocumented, f"document these Result fields in docs/result-json.md: {undocumented}"
