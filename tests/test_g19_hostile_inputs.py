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


# --- G19-C10: a self-assessment dated before its period ends ---------------------------------------

def test_a_self_assessment_dated_before_its_period_ends_is_warned_at_its_date(tmp_path):
    for day in ("1999-03-01", "2023-03-01"):
        f = tmp_path / f"q{day}.yaml"
        f.write_text(_example_with('date: "2025-04-15"', f'date: "{day}"'), encoding="utf-8")
        en = lcity_here("validate", str(f), "--lang", "en")
        assert en.returncode == 0
        assert f"warning date-before-period: the self-assessment is dated {day}, before its period ends (2024)" in en.stdout
        assert "is the year right?" in en.stdout and "the report's cover prints this date" in en.stdout
        zh = lcity_here("validate", str(f), "--lang", "zh")
        assert f"警告 date-before-period: 自评日期为 {day}，早于评估周期结束（2024年）" in zh.stdout
    assert "date-before-period" not in lcity_here("validate", str(EXAMPLE), "--lang", "en").stdout


# --- G19-C11: LCITY_FRAMEWORK_PATH mistyped ----------------------------------------------------------

def test_a_mistyped_framework_path_is_named_and_no_other_framework_is_advised(tmp_path, monkeypatch):
    from .conftest import ROOT, lcity

    form = ROOT / "examples" / "frameworks" / "harbourton-2025.yaml"
    missing = tmp_path / "framework"  # the folder is examples/frameworks
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(missing))
    for lang, says in (("en", f"LCITY_FRAMEWORK_PATH names what is not a folder: {missing}"),
                       ("zh", f"LCITY_FRAMEWORK_PATH 所列的以下路径不是文件夹（不存在或是文件）：{missing}")):
        proc = lcity("validate", str(form), "--lang", lang)
        assert proc.returncode == 1
        lines = proc.stdout.strip().splitlines()
        assert len(lines) == 1 and "unknown-framework" in lines[0] and says in lines[0], proc.stdout
        assert "default-framework" not in proc.stdout and "write framework: china" not in proc.stdout


# --- G19-C13: batch -o - ; G19-C12 (part): office lock files in a batch folder -----------------------

def _folder(tmp_path):
    import shutil

    folder = tmp_path / "lk"
    folder.mkdir()
    for name in ("wanghu.yaml", "dongbin.yaml"):
        shutil.copy(EXAMPLES / "districts" / name, folder / name)
    (folder / "~$wanghu.xlsx").write_bytes(b"\x0bcoordinator ")  # what Excel/WPS leave beside an open workbook
    (folder / ".~lock.wanghu.xlsx#").write_text(",coordinator,host,03.12.2026 09:00,file:///;\n")
    return folder


def test_batch_refuses_o_dash_and_writes_no_folder_named_dash(tmp_path):
    from .conftest import lcity

    folder = _folder(tmp_path)
    for lang, says in (("en", "batch writes a folder"), ("zh", "batch 写出的是一个文件夹")):
        proc = lcity("batch", str(folder), "-o", "-", "--lang", lang, cwd=tmp_path)
        assert proc.returncode == 2 and says in proc.stdout + proc.stderr and "-o out" in proc.stdout + proc.stderr
    assert not (tmp_path / "-").exists()


def test_office_lock_files_are_skipped_with_a_note_not_failed(tmp_path):
    from .conftest import lcity

    folder = _folder(tmp_path)
    proc = lcity("batch", str(folder), "-o", str(tmp_path / "out"), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "~$wanghu.xlsx: skipped: the lock file Excel, WPS or LibreOffice keeps while a workbook is open" in proc.stderr
    assert ".~lock.wanghu.xlsx#: skipped: the lock file" in proc.stderr
    assert "2 files: 2 scored, 2 entries skipped" in proc.stderr


# --- G19-C14: usage errors under --format json; --lang zh-CN; plain English ----------------------

def test_a_misused_option_under_format_json_still_prints_a_json_document(tmp_path):
    import json

    from .conftest import lcity

    for args, says in ((("sensitivity", str(EXAMPLE), "--samples", "0"), "must be at least 200"),
                       (("score", str(EXAMPLE), "--lang", "xx"), "'xx' is not one of 'zh', 'en'")):
        proc = lcity(*args, "--format", "json")
        assert proc.returncode == 2
        doc = json.loads(proc.stdout)
        [problem] = doc["problems"]
        assert doc["exit_code"] == 2 and problem["rule"] == "usage" and says in problem["message"]
        assert "Input should" not in proc.stderr + proc.stdout and "Value error" not in proc.stderr + proc.stdout
        assert says in proc.stderr


def test_lang_accepts_the_locales_spellings():
    from .conftest import lcity

    for spelling, words in (("zh-CN", "青石区"), ("zh_CN", "青石区"), ("ZH", "青石区"), ("en-US", "Qingshi District")):
        proc = lcity("score", str(EXAMPLE), "--lang", spelling)
        assert proc.returncode == 0 and words in proc.stdout, (spelling, proc.stderr)
