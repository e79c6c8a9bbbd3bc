"""English text never says "1 errors" or "loses 0.5 of 1 points": the catalogs write one form for
every count, and the renderers make a count of one agree with its noun."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from indicators.messages import Msg, agree, say
from reports.catalog import load_catalog

from .conftest import EXAMPLES, lcity_here as lcity


def test_a_count_of_one_takes_the_singular():
    assert agree("x.yaml: invalid — 1 errors, 0 warnings") == "x.yaml: invalid — 1 error, 0 warnings"
    assert agree("I2 loses 0.5 of 1 points") == "I2 loses 0.5 of 1 point"
    assert agree("stand 1 percentage points apart") == "stand 1 percentage point apart"
    assert agree("1 people trained") == "1 person trained"


def test_ranges_decimals_and_other_numbers_keep_the_plural():
    for text in ("0–1 points", "2.1 points", "21 points", "11 errors", "1,1 points", "page 1 of 33", "1 of 2 points"):
        assert agree(text) == text


@given(st.integers(min_value=0, max_value=10_000))
def test_only_exactly_one_changes(n):
    text = f"{n} errors, {n} points"
    assert agree(text) == (("1 error, 1 point") if n == 1 else text)


def test_messages_and_report_labels_agree_in_english_only():
    msg = Msg("validate.summary", file="a.yaml", verdict="invalid", errors=1, warnings=1)
    assert say(msg, "en") == "a.yaml: invalid — 1 error, 1 warning"
    assert "1 个错误" in say(msg, "zh")
    en = load_catalog("en")
    key = next(k for k, v in en.items() if isinstance(v, str) and "{lost} of {max} points" in v)
    assert "0.5 of 1 point lost" in en(key, ind="I2", lost="0.5", max="1")


def test_validate_says_one_error(tmp_path):
    text = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "one.yaml"
    bad.write_text(text.replace("lang: zh", "lang: zh\nbogus_key: 1", 1) if "lang: zh" in text
                   else "bogus_key: 1\n" + text, encoding="utf-8")
    proc = lcity("validate", str(bad), "--lang", "en")
    assert proc.returncode == 1
    assert "1 error," in proc.stderr + proc.stdout and "1 errors" not in proc.stderr + proc.stdout
