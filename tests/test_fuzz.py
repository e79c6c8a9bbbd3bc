"""Fuzzing (issue 10): a file that validates is a file that scores and renders.

Hypothesis mutates the worked example (character and byte flips, deleted, duplicated and
re-indented lines, values replaced by hostile ones: huge numbers, -0, .nan, .inf, lone
surrogates, nested mappings and lists, invisible names, impossible dates) and runs the path every
command shares, in-process: read and check (``validate``), then score, benchmark, build the report
context and render its HTML. Only lcity's own ``InputError`` may escape; anything ``validate``
accepts must score and render.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator import benchmark, pipeline
from evaluator.reading import read_string
from indicators.problems import InputError
from reports.context import build_context
from reports.render import render_template

from .conftest import EXAMPLES

TEXT = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
LINES = TEXT.split("\n")

HOSTILE = [
    "1" + "0" * 400, "-" + "9" * 400, "0x" + "f" * 300, "1e308", "1.7e308", "1e400", "-1e400", "-0", "-0.0",
    ".nan", ".NaN", ".inf", "-.inf", "0", "-1", "1.5", "4294967296", "2000000001", "1e12", "1e16",
    '"\\uD800"', '"a\\udfffb"', "\"\\u200b\"", "'   '", '"\\u202e"', "''", "~", "null", "[]", "{}",
    "{a: [b: c]}", "[district_universit:, street_schools]", "[[leading_body]]", "[leading_body, leading_body]",
    "[a, {b: c}]", '"2025-02-30"', '"2025-13-45"', '"2025-W01-1"', '"1899-01-01"', "2025-06-30", "true", "yes",
    "\"\\x1b]0;PWNED\\x07\"", "50万", "1,200", "*x", "&x 1", "!!python/object:os.system x", "<<: {}",
]


def _substitute(text: str, index: int, value: str) -> str:
    lines = text.split("\n")
    i = index % len(lines)
    line = lines[i]
    if ": " in line:
        key = line.split(": ", 1)[0]
        lines[i] = f"{key}: {value}"
    elif line.rstrip().endswith(":"):
        lines[i] = f"{line.rstrip()} {value}"
    elif line.lstrip().startswith("- "):
        lines[i] = line[: len(line) - len(line.lstrip())] + f"- {value}"
    else:
        lines[i] = value
    return "\n".join(lines)


def _delete(text: str, index: int) -> str:
    lines = text.split("\n")
    del lines[index % len(lines)]
    return "\n".join(lines)


def _duplicate(text: str, index: int) -> str:
    lines = text.split("\n")
    i = index % len(lines)
    lines.insert(i, lines[i])
    return "\n".join(lines)


def _indent(text: str, index: int, shift: int) -> str:
    lines = text.split("\n")
    i = index % len(lines)
    line = lines[i]
    lines[i] = " " * shift + line if shift > 0 else line[min(-shift, len(line) - len(line.lstrip())):]
    return "\n".join(lines)


def _flip_char(text: str, index: int, bit: int) -> str:
    i = index % len(text)
    return text[:i] + chr(ord(text[i]) ^ (1 << bit)) + text[i + 1:]


def _flip_byte(text: str, index: int, mask: int) -> str:
    data = bytearray(text.encode("utf-8"))
    data[index % len(data)] ^= mask
    return data.decode("utf-8", errors="replace")


index = st.integers(0, 10 ** 6)
mutation = st.one_of(
    st.tuples(st.just("substitute"), index, st.sampled_from(HOSTILE)),
    st.tuples(st.just("delete"), index),
    st.tuples(st.just("duplicate"), index),
    st.tuples(st.just("indent"), index, st.sampled_from([-4, -2, -1, 1, 2, 4])),
    st.tuples(st.just("flip_char"), index, st.integers(0, 16)),
    st.tuples(st.just("flip_byte"), index, st.integers(1, 255)),
)


def mutate(text: str, steps: list[tuple]) -> str:
    for step in steps:
        kind, *args = step
        text = {"substitute": _substitute, "delete": _delete, "duplicate": _duplicate, "indent": _indent,
                "flip_char": _flip_char, "flip_byte": _flip_byte}[kind](text, *args)
    return text


def validate_then_render(text: str) -> bool:
    """True when the text validated and then scored and rendered; InputError is the only way out."""
    try:
        loaded = read_string(text, file="fuzz.yaml")
    except InputError as exc:
        assert exc.problems and all(p.message for p in exc.problems)
        return False
    for p in loaded.problems:  # every problem can be printed and serialised
        json.dumps(p.as_dict(), ensure_ascii=False)
        assert p.line >= 1 and p.col >= 1 and p.message
    if not loaded.ok:
        return False
    assessment, fw = loaded.require()
    result = pipeline.score(assessment, fw)
    bench = benchmark.benchmark(result, fw)
    ctx = build_context(result, bench, fw, assessment, lang="zh", date="2025-06-30")
    html = render_template(ctx)
    html.encode("utf-8")  # what a report writes must be writable
    result.model_dump_json().encode("utf-8")  # lcity score --format json
    return True


def test_the_example_itself_validates_and_renders():
    assert validate_then_render(TEXT)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(st.lists(mutation, min_size=1, max_size=3))
def test_mutated_example_validates_or_is_refused_plainly(steps):
    validate_then_render(mutate(TEXT, steps))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(index, st.sampled_from(HOSTILE))
def test_every_value_replaced_by_a_hostile_one(i, value):
    lines = [n for n, line in enumerate(LINES) if ": " in line and not line.lstrip().startswith("#")]
    validate_then_render(_substitute(TEXT, lines[i % len(lines)], value))
