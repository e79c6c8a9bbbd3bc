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
