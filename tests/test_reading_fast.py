"""The fast path of reading an assessment finds exactly what the full checks find.

``evaluator.checks`` reads each framework once (``plan``, ``spec``) and lets a value that
``Spec.fits`` skip the full check. These tests hold the shortcut to the full check: for every
indicator and many values, ``fits`` is true exactly when ``all_value_problems`` finds nothing, and
a whole file gives the same problems with the shortcut turned off. A valid file builds no message,
no hint and no location at all. No wall clock is read.
"""

from __future__ import annotations

import random

import pytest

from evaluator import checks
from evaluator.reading import read_string
from indicators import modelcheck
from indicators.loader import load_framework
from indicators.safeyaml import Marked, load_text

from .conftest import EXAMPLES

TEXT = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
FW = load_framework("china-learning-city@1")


def _values(ind, rnd: random.Random) -> list:
    """Values of every shape, around every edge the full check has, for one indicator."""
    opts = checks._options(ind)
    values: list = [
        None, True, False, 0, -0.0, 1, -1, 0.5, 1.5, 99.9, 100, 100.0, 100.5, 101, 1e11, 1e12, 1e12 + 1,
        1e15, 1e15 + 2, 2e15, 10 ** 400, -(10 ** 400), float("nan"), float("inf"), float("-inf"),
        "", "abc", "12,000", "1.2万", "50%", [], [[]], [{}], {}, {"a": None}, [None], [1], [True],
    ]
    if ind.answer.type in ("count", "number", "percent") and ind.answer.max is not None:
        mx = ind.answer.max
        values += [mx, mx + 1, mx - 0.5, int(mx), int(mx) + 1, mx + 0.5]
    for o in opts:
        values += [o, o.upper(), o[:-1], [o], [o, o], [o, 1], [{o: None}], [[o]]]
    values.append(list(opts))
    values.append(list(reversed(opts)) + opts[:1])
    for _ in range(20):
        values.append(rnd.sample(opts, rnd.randint(0, len(opts))) if opts else rnd.randint(0, 10 ** 6))
        values.append(rnd.uniform(-10, 200))
    return values


def _indicators() -> list:
    """The framework's indicators, and its number indicators as every kind, with and without a max."""
    out = list(FW.indicators())
    for ind in FW.indicators():
        if ind.answer.type in ("count", "number", "percent"):
            for kind in ("count", "number", "percent"):
                for mx in (None, 50.0, 1e13):
                    answer = ind.answer.model_copy(update={"type": kind, "max": mx})
                    out.append(ind.model_copy(update={"answer": answer}))
    return out


def test_fits_is_true_exactly_when_the_full_check_finds_nothing():
    rnd = random.Random(9)
    marked = Marked(data={}, file="t.yaml", text="")
    path = ("answers", "X", "value")
    checked = 0
    for ind in _indicators():
        s = checks.spec(ind)
        for value in _values(ind, rnd):
            full = checks.all_value_problems(ind, value, marked, path)
            assert s.fits(value) == (not full), (ind.id, value, [p.message for p in full])
            assert checks.value_problems(ind, value, marked, path) == full
            checked += 1
    assert checked > 1000


def _variants(seed: int, n: int) -> list[str]:
    """The example with answers' values swapped for other indicators' values and wrong ones."""
    rnd = random.Random(seed)
    lines = TEXT.split("\n")
    slots = [i for i, line in enumerate(lines) if line.strip().startswith("value:")]
    pool = [line.split(":", 1)[1].strip() for line in (lines[i] for i in slots)]
    pool += ["'abc'", "50万", "-3", ".nan", ".inf", "1e15", "{x: 1}", "[a, a]", "101", "0", "1.5", "true", ""]
    out = []
    for _ in range(n):
        mutated = list(lines)
        for i in rnd.sample(slots, rnd.randint(1, 4)):
            mutated[i] = mutated[i].split(":", 1)[0] + ": " + rnd.choice(pool)
        out.append("\n".join(mutated))
    return out


def _dicts(text: str) -> list[dict]:
    return [p.as_dict() for p in read_string(text, file="v.yaml").problems]


def test_a_file_reads_the_same_with_the_shortcut_turned_off(monkeypatch):
    texts = _variants(4, 120)
    fast = [_dicts(t) for t in texts]
    monkeypatch.setattr(checks.Spec, "fits", lambda self, value: False)
    full = [_dicts(t) for t in texts]
    assert fast == full
    assert sum(len(f) for f in fast) > 100  # the variants do have problems to find


def test_a_valid_file_builds_no_message_hint_or_location(monkeypatch):
    read_string(TEXT)  # plans built, framework loaded

    def boom(*args, **kwargs):
        raise AssertionError("a problem was worked out for a valid file")

    monkeypatch.setattr(Marked, "problem", boom)
    monkeypatch.setattr(Marked, "where", boom)
    monkeypatch.setattr(Marked, "raw_text", boom)
    # derived_problem stays: a derived figure is checked for being finite (a division, no message)
    for name in ("all_value_problems", "check_value", "did_you_mean", "_shown"):
        monkeypatch.setattr(checks, name, boom)
    monkeypatch.setattr(modelcheck, "problems_from", boom)
    monkeypatch.setattr(modelcheck, "did_you_mean", boom)
    loaded = read_string(TEXT)
    assert loaded.ok and loaded.problems == []


def test_framework_plans_are_built_once_per_framework_object():
    assert checks.plan(FW) is checks.plan(FW)
    ind = FW.indicators()[0]
    assert checks.spec(ind) is checks.spec(ind)
    copy = FW.model_copy()
    assert checks.plan(copy) is not checks.plan(FW)
    assert checks.plan(copy).ids == checks.plan(FW).ids == [i.id for i in FW.indicators()]


def test_a_changed_indicator_gets_its_own_spec():
    e1 = next(i for i in FW.indicators() if i.answer.type == "count")
    tight = e1.model_copy(update={"answer": e1.answer.model_copy(update={"max": 5.0})})
    assert checks.spec(e1).fits(6) or e1.answer.max is not None and e1.answer.max < 6
    assert not checks.spec(tight).fits(6)
    marked = load_text("v: 6\n", "t.yaml")
    found = checks.value_problems(tight, 6, marked, ("v",))
    assert [p.rule for p in found] == ["out-of-range"] and (found[0].line, found[0].col) == (1, 4)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("**/*.yaml")), ids=lambda p: p.name)
def test_examples_read_the_same_with_the_shortcut_turned_off(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    fast = _dicts(text)
    monkeypatch.setattr(checks.Spec, "fits", lambda self, value: False)
    assert _dicts(text) == fast
