"""Three leftovers of hostile input: the real file name in ``summary.json``, a number written in
another base (``value: 0x6E``) said as such, and a flood of 90,000 unknown keys checked in time
proportionate to the file."""

from __future__ import annotations

import base64
import csv
import gc
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .conftest import EXAMPLES, lcity, lcity_here

QINGSHI = EXAMPLES / "qingshi-district.yaml"
REVIEW = EXAMPLES / "qingshi-district.review.yaml"


# --- 1. summary.json carries the real file name ------------------------------------------------------
#
# The choice for a name that is not UTF-8: Python keeps such a byte as a lone surrogate (U+DC80 ..
# U+DCFF), and a lone surrogate is not a valid JSON string (RFC 8259 leaves it undefined; I-JSON,
# jq, Go and Rust refuse it or replace it). So ``file`` stays a valid, readable string, with each
# such byte as U+FFFD, and ``file_bytes`` holds the name's exact bytes in base64, the one way to
# open the file; it is there only for such a name, so every other row is unchanged.

ESCAPED = "esc\x1b[31mred.yaml"  # an escape sequence in a name: the terminal must not obey it
GBK = b"gbk\xc7\xe0\x1b.yaml"  # 青 in GBK (not UTF-8) and an escape
BIDI = "rtl\u202eyaml.gpj.yaml"  # a right-to-left override


def _batch_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "units"
    folder.mkdir()
    (folder / ESCAPED).write_bytes(QINGSHI.read_bytes())
    (folder / BIDI).write_bytes(QINGSHI.read_bytes())
    with open(os.fsencode(folder) + b"/" + GBK, "wb") as fh:
        fh.write(QINGSHI.read_bytes())
    (folder / "broken\x1b[2J.yaml").write_text("city: [\n", encoding="utf-8")
    return folder


def test_summary_json_carries_the_real_file_names_and_the_terminal_shows_them_escaped(tmp_path):
    folder, out = _batch_folder(tmp_path), tmp_path / "out"
    run = lcity("batch", str(folder), "-o", str(out), "--lang", "en")
    assert run.returncode == 1, run.stderr  # the broken file
    shown = run.stdout + run.stderr
    assert "\x1b" not in shown and "\u202e" not in shown
    assert "(esc\\x1b[31mred.yaml)" in shown and "(gbk\\xc7\\xe0\\x1b.yaml)" in shown and "rtl\\u202e" in shown

    raw = (out / "summary.json").read_bytes()
    text = raw.decode("utf-8")  # strict: the document is UTF-8 throughout
    assert "\x1b" not in text and "\u202e" not in text  # escaped by JSON: safe to print
    assert not re.search(r"\\ud[89a-f][0-9a-f]{2}", text, re.IGNORECASE)  # no lone surrogate either
    doc = json.loads(text)
    units = {u["file"]: u for u in doc["units"]}
    assert ESCAPED in units and "file_bytes" not in units[ESCAPED]
    assert BIDI in units and "file_bytes" not in units[BIDI]
    readable = GBK.decode("utf-8", "replace")
    assert readable == "gbk\ufffd\ufffd\x1b.yaml" and readable in units
    exact = base64.b64decode(units[readable]["file_bytes"])
    assert exact == GBK
    with open(os.fsencode(folder) + b"/" + exact, "rb") as fh:  # what the field is for: the file opens
        assert fh.read() == QINGSHI.read_bytes()
    assert [f["file"] for f in doc["failures"]] == ["broken\x1b[2J.yaml"]
    assert doc["folder"] == str(folder) and "folder_bytes" not in doc

    rows = list(csv.DictReader((out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert {r["file"] for r in rows} == {"esc\\x1b[31mred.yaml", "rtl\\u202eyaml.gpj.yaml",
                                         "gbk\\udcc7\\udce0\\x1b.yaml", "broken\\x1b[2J.yaml"}  # people read it


@given(st.binary(min_size=1, max_size=40))
def test_any_name_becomes_valid_json_that_gives_back_its_bytes(name):
    from lcity.batch_summary import json_name

    fields = json_name("file", os.fsdecode(name))
    encoded = json.dumps(fields, ensure_ascii=False).encode("utf-8")  # strict UTF-8: no lone surrogate
    back = json.loads(encoded)
    exact = base64.b64decode(back["file_bytes"]) if "file_bytes" in back else back["file"].encode("utf-8")
    assert exact == name
    assert ("file_bytes" in back) == (name.decode("utf-8", "replace").encode("utf-8") != name)


# --- 2. a number written in hexadecimal, octal or binary ---------------------------------------------


def _answered(tmp_path: Path, value: str) -> tuple[Path, int]:
    """The example with F4 (a count of people) answered ``value``, and that answer's line."""
    lines = QINGSHI.read_text(encoding="utf-8").split("\n")
    at = lines.index("  F4:") + 1
    assert lines[at] == "    value: 130"
    lines[at] = f"    value: {value}"
    path = tmp_path / "q.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, at + 1


@pytest.mark.parametrize("value, base, number", [("0x6E", "hexadecimal", 110), ("0o17", "octal", 15),
                                                 ("0b101", "binary", 5), ("-0x10", "hexadecimal", -16)])
def test_a_number_in_another_base_is_said_as_such_at_its_place(tmp_path, value, base, number):
    path, line = _answered(tmp_path, value)
    run = lcity_here("validate", str(path), "--lang", "en")
    assert run.returncode == 1
    said = (f"{path}:{line}:12: error wrong-type: F4: '{value}' is written in {base}, which YAML would read as "
            f"{number}; a quantity is written in decimal digits (write it in plain decimal digits, e.g. {number} "
            f"if that is what you meant)")
    assert run.stdout.splitlines() == [said]


def test_a_number_in_another_base_in_chinese(tmp_path):
    path, line = _answered(tmp_path, "0b101")
    run = lcity("validate", str(path), "--lang", "zh")
    assert run.returncode == 1
    said = (f"{path}:{line}:12: 错误 wrong-type: F4：'0b101' 是二进制写法，YAML 会读作 5；数量请用十进制数字填写"
            "（请改用十进制数字填写，如确为 5 就写 5）")
    assert run.stdout.splitlines() == [said]


@pytest.mark.parametrize("value", ["'0x6E'", "0X6E", "0o8", "0b2", "0x_"])
def test_text_no_yaml_reads_as_a_number_keeps_the_general_message(tmp_path, value):
    """Quoted, it is text to every YAML; 0X, 0o8 and 0b2 are no number in any."""
    path, line = _answered(tmp_path, value)
    run = lcity_here("validate", str(path), "--lang", "en")
    assert run.stdout.startswith(f"{path}:{line}:12: error wrong-type: F4 expects a number (people), got '"), run.stdout


def test_a_reviewer_s_value_in_hexadecimal_is_said_the_same_way(tmp_path):
    text = REVIEW.read_text(encoding="utf-8")
    assert "    value: 165000\n" in text
    review = tmp_path / "q.review.yaml"
    review.write_text(text.replace("    value: 165000\n", "    value: 0x6E\n"), encoding="utf-8")
    line = text.split("\n").index("    value: 165000") + 1
    run = lcity_here("review", "validate", str(QINGSHI), str(review), "--lang", "en")
    assert run.returncode == 1
    assert (f"{review}:{line}:12: error wrong-type: E1: '0x6E' is written in hexadecimal, which YAML would read "
            "as 110") in run.stdout, run.stdout


# --- 3. a flood of unknown keys ------------------------------------------------------------------------

A1 = "  A1:\n    value: plan_with_targets\n"


def _flooded(n: int, first: str = "", last: str = "") -> str:
    """The example with ``n`` unknown keys under ``city:`` (``first`` and ``last`` before and after
    them) and ``n`` unknown indicators under ``answers:``."""
    text = QINGSHI.read_text(encoding="utf-8")
    assert "\ncity:\n" in text and "\nanswers:\n" in text
    keys = "".join(f"  zz{k}: 1\n" for k in range(n))
    return text.replace("\ncity:\n", f"\ncity:\n{first}{keys}{last}", 1).replace("\nanswers:\n", f"\nanswers:\n{keys}", 1)


def test_a_flood_is_compared_with_the_allowed_keys_only_up_to_the_cap(monkeypatch):
    """90,000 unknown keys took ~6 s, ~4 s of it in difflib looking for a near miss of each (none).
    Every key is still a problem at its own line; only the first NEAR_MISSES of a file are compared."""
    from evaluator.reading import read_string
    from indicators import modelcheck
    from indicators.modelcheck import NEAR_MISSES

    calls: list[str] = []
    real = modelcheck.did_you_mean
    monkeypatch.setattr(modelcheck, "did_you_mean", lambda word, pool: calls.append(word) or real(word, pool))
    n = 3 * NEAR_MISSES
    loaded = read_string(_flooded(n, first="  populaton: 1\n", last="  referenc_year: 2024\n"), file="f.yaml")
    unknown = [p for p in loaded.problems if p.rule == "unknown-key"]
    indicators = [p for p in loaded.problems if p.rule == "unknown-indicator"]
    assert len(unknown) == n + 2 and len(indicators) == n  # every key a problem ...
    assert len({p.line for p in unknown}) == n + 2  # ... at its own line
    assert len(calls) == 2 * NEAR_MISSES  # compared: the first hundred of each rule, not 600
    assert unknown[0].hint == "did you mean 'population'?"
    assert unknown[-1].message == "unknown key 'referenc_year' in city"  # past the cap: the allowed keys
    assert unknown[-1].hint.startswith("allowed keys here: id, name, level,") and "reference_year" in unknown[-1].hint


def test_a_checklist_of_unknown_items_is_compared_only_up_to_the_cap(monkeypatch):
    from evaluator.reading import read_string
    from indicators import modelcheck
    from indicators.modelcheck import NEAR_MISSES

    listed = "    value: [leading_body, ten_departments, two_meetings]\n"
    text = QINGSHI.read_text(encoding="utf-8")
    assert listed in text
    items = ", ".join(["leading_bdy"] + [f"zz{k}" for k in range(3 * NEAR_MISSES)] + ["two_meetngs"])
    calls: list[str] = []
    real = modelcheck.did_you_mean
    monkeypatch.setattr(modelcheck, "did_you_mean", lambda word, pool: calls.append(word) or real(word, pool))
    loaded = read_string(text.replace(listed, f"    value: [{items}]\n"), file="f.yaml")
    unknown = [p for p in loaded.problems if p.rule == "unknown-choice"]
    assert len(unknown) == 3 * NEAR_MISSES + 2 and len(calls) == NEAR_MISSES
    assert unknown[0].hint == "did you mean 'leading_body'?"
    assert unknown[-1].hint == "use one of the listed ids"  # past the cap: not compared


def test_below_the_cap_every_unknown_key_is_compared(monkeypatch):
    from evaluator.reading import read_string
    from indicators import modelcheck

    calls: list[str] = []
    real = modelcheck.did_you_mean
    monkeypatch.setattr(modelcheck, "did_you_mean", lambda word, pool: calls.append(word) or real(word, pool))
    loaded = read_string(_flooded(40, last="  referenc_year: 2024\n"), file="f.yaml")
    assert len(calls) == 41 + 40
    assert [p.hint for p in loaded.problems if "referenc_year" in p.message] == ["did you mean 'reference_year'?"]


def test_a_flood_shares_one_hint_rather_than_keeping_a_copy_per_key():
    """A Msg is a str subclass with a dict: 90,000 copies of one hint are 90,000 objects the
    collector walks at every full collection."""
    from evaluator.reading import read_string

    loaded = read_string(_flooded(200), file="f.yaml")
    city = [p for p in loaded.problems if p.rule == "unknown-key"]
    not_mappings = [p for p in loaded.problems if p.rule == "wrong-type" and "answers.zz" in p.message]
    assert len(city) == len(not_mappings) == 200
    assert len({id(p.hint) for p in city}) == 1 and len({id(p.hint) for p in not_mappings}) == 1
    assert not_mappings[0].hint == "this needs indented 'key: value' lines"


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_while_a_file_is_checked_and_left_as_it_was(monkeypatch, enabled):
    from evaluator import reading

    seen: list[bool] = []
    checks = reading.run_checks
    monkeypatch.setattr(reading, "run_checks", lambda *a: seen.append(gc.isenabled()) or checks(*a))
    (gc.enable if enabled else gc.disable)()
    try:
        loaded = reading.read(QINGSHI)
        assert loaded.ok and seen == [False]
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_the_collector_is_back_on_after_a_check_that_fails(monkeypatch):
    from evaluator import reading

    def broken(*args):
        raise RuntimeError("a bug in a check")

    monkeypatch.setattr(reading, "run_checks", broken)
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        reading.read(QINGSHI)
    assert gc.isenabled()


def test_the_printed_flood_is_unchanged(tmp_path):
    """What validate prints of a flood: the first twenty, with their hints, then the count."""
    path = tmp_path / "f.yaml"
    path.write_text(_flooded(150, first="  populaton: 1\n"), encoding="utf-8")
    run = lcity_here("validate", str(path), "--lang", "en")
    assert run.returncode == 1
    lines = [line for line in run.stdout.splitlines() if " unknown-key: " in line]
    assert len(lines) == 20
    assert lines[0].endswith("unknown key 'populaton' in city (did you mean 'population'?)")
    assert "… and 131 more 'unknown-key' problems in " in run.stdout
    assert f"{path}: invalid — 451 errors, 0 warnings" in run.stderr  # 151 keys in city, 150 answers twice
