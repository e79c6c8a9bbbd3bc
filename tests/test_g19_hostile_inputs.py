"""Audit G19-C (tests/audit_hostile_g19/AUDIT.md): a new user's slips and hostile inputs, asserted
as the user sees them: the message, where it points, what it tells them to do, the exit code."""
from __future__ import annotations


from .conftest import EXAMPLES, lcity_here

EXAMPLE = EXAMPLES / "qingshi-district.yaml"


def _example_with(old: str, new: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


# --- G19-C5: Big5 and Shift-JIS are not called GBK; a suggested command is right ------------------

def _big5_and_sjis(tmp_path):
    """The example with its Chinese replaced by Traditional Chinese (Big5) or Japanese (Shift-JIS)."""
    import re

    text = EXAMPLE.read_text(encoding="utf-8")
    big5 = tmp_path / "big5.yaml"
    big5.write_bytes(re.sub(r"[^\x00-\x7f]+", "臺灣學習城市", text).encode("big5"))
    sjis = tmp_path / "sjis.yaml"
    sjis.write_bytes(re.sub(r"[^\x00-\x7f]+", "学習都市", text).encode("shift_jis"))
    return big5, sjis


def test_big5_and_shift_jis_are_not_called_gbk_and_no_garbling_iconv_is_offered(tmp_path):
    for f in _big5_and_sjis(tmp_path):
        for lang, words in (("en", "perhaps GBK, Big5 or Shift-JIS"), ("zh", "可能是 GBK、Big5 或 Shift-JIS")):
            proc = lcity_here("validate", str(f), "--lang", lang)
            assert proc.returncode == 2
            assert words in proc.stdout and "GB18030" not in proc.stdout
            assert "iconv -f" not in proc.stdout  # no command naming a source encoding that may be wrong
            assert ("UTF-8" in proc.stdout) and (":1:65:" in proc.stdout)


def test_a_gbk_file_is_still_named_gbk_with_its_command(tmp_path):
    f = tmp_path / "gbk.yaml"
    f.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    proc = lcity_here("validate", str(f), "--lang", "en")
    assert proc.returncode == 2 and "saved in GBK (GB18030)" in proc.stdout and "iconv -f GB18030 -t UTF-8" in proc.stdout


# --- G19-C7: value:12 (no space after the colon) ----------------------------------------------------

def test_a_missing_space_after_an_answers_colon_is_found_at_its_place_and_fixed(tmp_path):
    f = tmp_path / "q.yaml"
    text = _example_with("    value: 12\n", "    value:12\n")
    text = text.replace("value: provincial_only", "value: provincial_onlyy", 1)  # a second mistake further down
    f.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    value:12") + 1
    en = lcity_here("validate", str(f), "--lang", "en")
    assert en.returncode == 1
    assert f"{f}:{line}:5: error colon-space: line {line}, column 5: 'value:12' needs a space after the colon" in en.stdout
    assert "write 'value: 12'" in en.stdout and "lcity fix" in en.stdout
    assert "provincial_onlyy" in en.stdout  # the rest of the file is still checked
    assert "mapping values are not allowed" not in en.stdout
    zh = lcity_here("validate", str(f), "--lang", "zh")
    assert f":{line}:5: 错误 colon-space: 第{line}行第5列“value:12”的冒号后面少了一个空格" in zh.stdout
    assert lcity_here("fix", str(f), "--write", "--lang", "en").returncode in (0, 1)
    assert "    value: 12\n" in f.read_text(encoding="utf-8")


def test_text_with_a_colon_inside_a_note_or_a_list_item_is_not_touched():
    from indicators.slips import scan

    text = "answers:\n  C1:\n    note: |\n      value:12 as written\n    evidence:\n      - source:bureau\n"
    assert scan(text) == []
