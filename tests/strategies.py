"""Hypothesis strategies shared by the property tests: a valid random answer for an indicator."""

from __future__ import annotations

from hypothesis import strategies as st


def value_for(ind, *, count_max: int = 5_000_000, number_max: float = 1e9, ints: bool = False):
    """A value of the indicator's answer type. ``ints`` also draws whole numbers for percentages and
    numbers (a YAML file may hold either), which is what the fast paths must agree on."""
    a = ind.answer
    if a.type == "boolean":
        return st.booleans()
    if a.type == "choice":
        return st.sampled_from([c.id for c in a.choices])
    if a.type == "checklist":
        return st.lists(st.sampled_from([i.id for i in a.items]), unique=True)
    if a.type == "percent":
        floats = st.floats(0, 100, allow_nan=False)
        return st.one_of(st.integers(0, 100), floats) if ints else floats
    if a.type == "count":
        return st.integers(0, count_max)
    floats = st.floats(0, number_max, allow_nan=False)
    return st.one_of(st.integers(0, 10**7), floats) if ints else floats
