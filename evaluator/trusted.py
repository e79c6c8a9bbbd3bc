"""Building Result models from values the engine computed itself, and caching per framework.

The engine's inputs are validated before it runs (the assessment by ``evaluator.reading``, the
framework by ``indicators.loader``), and every value it puts into a Result is computed by its own
code with the field's exact type (floats as ``float``, counts as ``int``). Validating that Result
again field by field cost more than the scoring itself, so the engine builds its models with
``constructor(cls)``: the same four attributes pydantic's ``model_construct`` sets, without its
per-field loop. The contract is the caller's: ``values`` holds every field of the model, in
declaration order (``template`` makes such a dict), each already of its field's type.
``tests/test_engine_fast.py`` checks that every Result so built equals, type for type, its own
validated round trip, and serialises the same.

``per_framework`` caches what is computed once per framework (scoring plans, compiled rules,
pathway practices). Frameworks are frozen models, treated as immutable; entries are keyed by
identity and dropped when the framework is garbage-collected.
"""

from __future__ import annotations

import weakref
from typing import Any, Callable, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

_new = object.__new__


_slots = BaseModel.__dict__
_set_dict = _slots["__dict__"].__set__  # the descriptor itself: no attribute look-up per instance
_set_fields = _slots["__pydantic_fields_set__"].__set__
_set_extra = _slots["__pydantic_extra__"].__set__
_set_private = _slots["__pydantic_private__"].__set__
_ALL: dict[type, set[str]] = {}


def all_fields(cls: type[BaseModel]) -> set[str]:
    """The one set of every field name of ``cls``, shared by all the instances ``construct`` makes.

    Sharing is safe because pydantic only ever adds field names to an instance's fields set
    (assignment), and they are all in it already; copies (``model_copy``) get their own set. Every
    field counts as set, as after a JSON round trip of the Result.
    """
    got = _ALL.get(cls)
    if got is None:
        if cls.__pydantic_post_init__ or cls.__private_attributes__ or cls.__pydantic_root_model__:
            raise TypeError(f"{cls.__name__} cannot be built by evaluator.trusted.construct")
        got = _ALL[cls] = set(cls.model_fields)
    return got


def constructor(cls: type[M]) -> Callable[[dict[str, Any]], M]:
    """``make(values)``: an instance of ``cls`` whose ``__dict__`` is ``values`` (taken, not
    copied), unvalidated: what ``cls.model_construct(**values)`` gives, without its per-field loop."""
    fields_set = all_fields(cls)

    def make(values: dict[str, Any]) -> M:
        m = _new(cls)
        _set_dict(m, values)
        _set_fields(m, fields_set)
        _set_extra(m, None)
        _set_private(m, None)
        return m

    return make


def template(cls: type[BaseModel], **values: Any) -> dict[str, Any]:
    """Every field of ``cls`` in declaration order: the given values, else the field's default
    (None for required fields, which the caller must then set)."""
    all_fields(cls)
    unknown = set(values) - set(cls.model_fields)
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {sorted(unknown)}")
    out: dict[str, Any] = {}
    for name, field in cls.model_fields.items():
        if name in values:
            out[name] = values[name]
        elif field.is_required() or field.default_factory is not None:
            out[name] = None
        else:
            out[name] = field.default
    return out


def per_framework(build: Callable[[Any], T]) -> Callable[[Any], T]:
    """``build(framework)`` computed once per framework object."""
    cache: dict[int, tuple[weakref.ref, T]] = {}

    def drop(key: int, ref: weakref.ref) -> None:
        entry = cache.get(key)
        if entry is not None and entry[0] is ref:
            del cache[key]

    def get(fw: Any) -> T:
        key = id(fw)
        entry = cache.get(key)
        if entry is not None and entry[0]() is fw:
            return entry[1]
        value = build(fw)
        try:
            ref = weakref.ref(fw, lambda r, key=key: drop(key, r))
        except TypeError:  # not weakly referenceable: no cache
            return value
        cache[key] = (ref, value)
        return value

    get.cache = cache  # type: ignore[attr-defined]
    return get
