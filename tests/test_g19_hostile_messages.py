"""Audit G19-C (tests/audit_hostile_g19/AUDIT.md), C12, C15, C16, C18, C20: what a user is told,
whole and in their language, with the fix, asserted as they see it (zh and en)."""
from __future__ import annotations

import errno
import json
import os

import pytest

from .conftest import EXAMPLES, lcity, lcity_here

EXAMPLE = EXAMPLES / "qingshi-district.yaml"


def _example_with(old: str, new: str) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


# --- G19-C12: a workbook's failure in batch, whole and in the batch's language ----------------------

CUT_ZH = ("不是完整的 .xlsx 工作簿：文件开头是工作簿，但结尾缺失（下载、复制或邮件附件不完整？）"
          "（请从原来源重新获取该文件，或在 Excel 或 WPS 中打开原文件后重新保存）")
TEXT_ZH = ("是文本文件，不是 .xlsx 工作簿（如果它是 YAML 格式的自评表，请改用以 .yaml 结尾的文件名（z.yaml）；"
           "工作簿应由 Excel、WPS 或 lcity init --format xlsx 生成）")
CUT_EN = ("is not a whole .xlsx workbook: it starts as one but its end is missing (an incomplete download, copy or "
          "e-mail attachment?) (get the file again from where it came from, or open the original in Excel or WPS "
          "and save it again)")
TEXT_EN = ("is a text file, not an .xlsx workbook (if it is a YAML self-assessment, give it a name ending in .yaml "
           "(z.yaml); a workbook comes from Excel, WPS or lcity init --format xlsx)")


@pytest.fixture(scope="module")
def broken_workbooks(tmp_path_factory):
    folder = tmp_path_factory.mktemp("c12") / "lk"
    folder.mkdir()
    (folder / "wanghu.yaml").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "y.xlsx").write_bytes(b"PK\x03\x04" + b"junk" * 8)  # a download cut short
    (folder / "z.xlsx").write_text("hello, a YAML form renamed\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_workbooks_failure_in_batch_is_whole_and_in_the_batchs_language(broken_workbooks, tmp_path, lang):
    out = tmp_path / "out"
    proc = lcity("batch", str(broken_workbooks), "-o", str(out), "--lang", lang)
    assert proc.returncode == 1, proc.stderr
    cut, text = (CUT_ZH, TEXT_ZH) if lang == "zh" else (CUT_EN, TEXT_EN)
    # the terminal
    assert cut in proc.stderr and text in proc.stderr, proc.stderr
    if lang == "zh":
        assert "is not" not in proc.stderr and "workbook comes" not in proc.stderr
    # summary.json, for the people and scripts that read it
    errors = {f["file"]: f["error"] for f in json.loads((out / "summary.json").read_text("utf-8"))["failures"]}
    assert errors["y.xlsx"].endswith(cut) and errors["z.xlsx"].endswith(text), errors
    assert not any("…" in e for e in errors.values())
    # summary.xlsx, the officials' file
    import openpyxl

    cells = [str(v) for ws in openpyxl.load_workbook(out / "summary.xlsx") for row in ws.iter_rows(values_only=True)
             for v in row if v]
    assert any(cell.endswith(cut) for cell in cells) and any(cell.endswith(text) for cell in cells)


def test_a_summary_still_cuts_what_it_quotes_from_a_file_but_keeps_its_own_words():
    from indicators.messages import Msg, say
    from indicators.problems import Problem
    from lcity.batch_summary import safe_problems

    long_name = "x" * 500
    [p] = safe_problems([Problem("a.xlsx", 1, 1, "error", "not-a-workbook", Msg("xlsx.text-not-workbook"),
                                 Msg("xlsx.hint-text-not-workbook", file=long_name + ".yaml"), fatal=True)])
    zh = say(p.hint, "zh")
    assert zh.startswith("如果它是 YAML 格式的自评表，请改用以 .yaml 结尾的文件名（xxx")
    assert zh.endswith("…）；工作簿应由 Excel、WPS 或 lcity init --format xlsx 生成")
    assert long_name not in zh and say(p.message, "zh") == "是文本文件，不是 .xlsx 工作簿"


# --- G19-C15: the system's reasons in the user's language, with the fix -----------------------------

def test_a_loop_of_links_is_said_in_chinese_and_english_with_the_fix(tmp_path):
    loop = tmp_path / "loop.yaml"
    os.symlink("loop.yaml", loop)
    zh = lcity_here("validate", str(loop), "--lang", "zh")
    assert zh.returncode == 2
    assert ("loop.yaml:1:1: 错误 unreadable: 符号链接循环（链接直接或经由其他链接指向它自己）"
            "（请让链接指向实际的文件，或直接给出实际文件的路径）") in zh.stdout
    assert "Too many levels" not in zh.stdout
    en = lcity_here("validate", str(loop), "--lang", "en")
    assert en.returncode == 2
    assert ("error unreadable: a loop of symbolic links (a link that points, directly or through others, to itself) "
            "(point the link at the real file, or give the real file's path)") in en.stdout


def test_a_name_too_long_is_said_with_the_fix(tmp_path):
    name = str(tmp_path / ("a" * 300 + ".pdf"))
    zh = lcity_here("report", str(EXAMPLE), "-o", name, "--lang", "zh")
    assert zh.returncode == 2
    assert "无法使用此路径：文件名太长（最多 255 字节；一个汉字占 3 字节）（请用较短的文件名）" in zh.stdout + zh.stderr
    en = lcity_here("report", str(EXAMPLE), "-o", name, "--lang", "en")
    assert en.returncode == 2
    assert "cannot use this path: the file name is too long" in en.stdout + en.stderr
    assert "(use a shorter file name)" in en.stdout + en.stderr


def test_an_os_reason_lcity_has_no_words_for_is_still_said_in_the_users_language():
    from indicators.messages import say
    from indicators.oserrors import os_fix, os_reason

    exc = OSError(errno.ENOTRECOVERABLE, "State not recoverable")
    assert say(os_reason(exc), "zh") == "系统报告的错误（State not recoverable）"
    assert say(os_reason(exc), "en") == "State not recoverable"
    assert os_fix(exc, "default") == "default"
    assert say(os_reason(OSError(errno.ENOSPC, "No space left on device")), "zh") == "磁盘已满"


# --- G19-C16: init beside a folder named as its schema --------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_init_beside_a_folder_named_as_its_schema_neither_claims_nor_names_it(tmp_path, lang):
    schema = tmp_path / f"china-learning-city-2.{lang}.schema.json"
    schema.mkdir()
    proc = lcity_here("init", "-o", "e.yaml", "--city", "戊区", "--lang", lang, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    form = (tmp_path / "e.yaml").read_text(encoding="utf-8")
    assert "yaml-language-server" not in form  # the editor is not pointed at a folder
    assert schema.is_dir() and not any(schema.iterdir())
    if lang == "zh":
        assert "它是一个文件夹，不是 lcity 写出的 Schema" in proc.stderr and "另一个文件" not in proc.stderr
        assert ("已写出 e.yaml：共 47 项指标待填写（未写出供编辑器使用的 china-learning-city-2.zh.schema.json，"
                "见上方提示；表格中不引用它）") in proc.stderr
        assert "另有供编辑器使用的" not in proc.stderr
    else:
        assert "it is a folder, not a schema lcity wrote" in proc.stderr
        assert ("wrote e.yaml: 47 indicators to answer (china-learning-city-2.en.schema.json for the editor was "
                "not written, see the note above; the form does not name it)") in proc.stderr


def test_init_writes_and_names_its_schema_when_the_name_is_free(tmp_path):
    proc = lcity_here("init", "-o", "e.yaml", "--lang", "en", cwd=tmp_path)
    assert proc.returncode == 0
    assert (tmp_path / "e.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=china-learning-city-2.en.schema.json\n")
    assert (tmp_path / "china-learning-city-2.en.schema.json").is_file()
    assert "(and china-learning-city-2.en.schema.json for the editor)" in proc.stderr


def test_review_init_beside_a_folder_named_as_its_schema_names_no_schema(tmp_path):
    (tmp_path / "review.schema.json").mkdir()
    proc = lcity_here("review", "init", str(EXAMPLE), "-o", str(tmp_path / "r.yaml"), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert "it is a folder" in proc.stderr
    assert "yaml-language-server" not in (tmp_path / "r.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, words", [
    ("zh", "-o 写出的是 YAML 格式的表格，不是 JSON：编辑器会把以“.json”结尾的文件按 JSON 检查，并把整张表格标为错误（请给出以 .yaml 结尾的文件名（b.yaml）"),
    ("en", "-o writes a YAML form, not JSON: an editor would check a file named '.json' as JSON and mark the form "
           "as broken (give a name ending in .yaml (b.yaml)"),
])
def test_init_refuses_a_json_name_for_a_yaml_form(tmp_path, lang, words):
    proc = lcity_here("init", "-o", "b.json", "--lang", lang, cwd=tmp_path)
    assert proc.returncode == 2
    assert words in proc.stdout + proc.stderr
    assert not (tmp_path / "b.json").exists()


# --- G19-C18: an answer without value:, its lines not indented, or written as a list ----------------

SHORTHAND = ("  C1:\n    value: 12\n    evidence: [街道社区学校名录]\n", "  C1: 12\n")
UNINDENTED = ("  C1:\n    value: 12\n    evidence: [街道社区学校名录]\n",
              "  C1:\n  value: 12\n  evidence:\n  - 街道社区学校名录\n  note: |\n    两行\n    说明\n")
LIST_ITEM = ("  C1:\n    value: 12\n    evidence: [街道社区学校名录]\n",
             "  C1:\n  - value: 12\n    evidence: [街道社区学校名录]\n")


def _form(tmp_path, change) -> tuple:
    f = tmp_path / "q.yaml"
    text = _example_with(*change)
    f.write_text(text, encoding="utf-8")
    return f, text.splitlines().index(change[1].splitlines()[0 if change is SHORTHAND else 1]) + 1


@pytest.mark.parametrize("change, col, en, zh", [
    (SHORTHAND, 7, "error answer-shorthand: 'C1: 12' gives the answer without value: (write C1: {value: 12}, or put "
                   "value: 12 on the next line, two spaces further in than C1; lcity fix",
     "错误 answer-shorthand: “C1: 12”直接写了答案，缺少“value:”（请改为“C1: {value: 12}”，或在下一行写“value: 12”，"
     "比 C1 多缩进两个空格；可运行 lcity fix"),
    (UNINDENTED, 3, "error answer-indent: 'value:' belongs to the answer C1 above it, but is not indented under it: "
                    "YAML reads it as an indicator of its own and C1 as empty (indent the lines of C1's answer "
                    "(value, evidence, note) by 2 more spaces than C1, as in the other answers; lcity fix",
     "错误 answer-indent: “value:”属于上方的答案 C1，但没有缩进到它下面：YAML 会把它当作一项单独的指标，并把 C1 读成空的"
     "（请把 C1 答案的各行（value、evidence、note）比 C1 多缩进 2 个空格，与其他答案一样；可运行 lcity fix"),
    (LIST_ITEM, 3, "error answer-list-item: C1's answer is written as a list item ('- value:'): an answer is key: "
                   "value lines without '- ' (delete the '- ' before the keys of C1",
     "错误 answer-list-item: C1 的答案写成了列表项（“- value:”）：一项答案是若干“键: 值”行，前面不加“- ”"),
])
def test_an_answers_shape_slip_is_one_error_at_its_place_with_the_fix(tmp_path, change, col, en, zh):
    f, line = _form(tmp_path, change)
    for lang, words in (("en", en), ("zh", zh)):
        proc = lcity_here("validate", str(f), "--lang", lang)
        assert proc.returncode == 1
        errors = [x for x in proc.stdout.splitlines() if (" error " in x or " 错误 " in x)]
        assert len(errors) == 1, proc.stdout  # one slip, one error (there were five)
        assert f"{f}:{line}:{col}: {words}" in proc.stdout
        assert "unknown-indicator" not in proc.stdout and "mapping" not in proc.stdout and "映射" not in proc.stdout
    fixed = lcity_here("fix", str(f), "--write", "--lang", "en")
    assert fixed.returncode == 0, fixed.stderr
    assert "1 safe rewrite made" in fixed.stderr
    after = lcity_here("validate", str(f), "--lang", "en")
    assert after.returncode == 0 and "valid — 0 errors" in after.stdout + after.stderr
    assert lcity_here("score", str(f), "--format", "json").returncode == 0


def test_the_rest_of_the_file_is_still_checked_and_a_value_is_checked_where_it_was_typed(tmp_path):
    f = tmp_path / "q.yaml"
    text = _example_with(SHORTHAND[0], "  C1: true\n").replace("value: provincial_only", "value: provincial_onlyy", 1)
    f.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  C1: true") + 1
    proc = lcity_here("validate", str(f), "--lang", "en")
    assert f":{line}:7: error answer-shorthand:" in proc.stdout
    assert f":{line}:7: error wrong-type: C1 expects a number" in proc.stdout  # the value, at the value
    assert "provincial_onlyy" in proc.stdout


def test_a_status_word_alone_is_told_to_go_under_status(tmp_path):
    f = tmp_path / "q.yaml"
    f.write_text(_example_with(SHORTHAND[0], "  C1: unknown\n"), encoding="utf-8")
    proc = lcity_here("validate", str(f), "--lang", "en")
    assert "write C1: {status: unknown}" in proc.stdout


def test_the_new_rules_are_listed_in_english_and_chinese():
    en = lcity_here("validate", "--rules", "--lang", "en")
    zh = lcity_here("validate", "--rules", "--lang", "zh")
    for rule in ("answer-shorthand", "answer-indent", "answer-list-item"):
        assert rule in en.stdout and rule in zh.stdout
    assert "lcity fix adds the braces" in en.stdout and "lcity fix 可自动加上花括号" in zh.stdout


# --- G19-C20: small wording faults ------------------------------------------------------------------

def test_a_full_width_space_after_ascii_digits_is_called_a_space(tmp_path):
    f = tmp_path / "q.yaml"
    f.write_text(_example_with("    value: 12\n", "    value: 12\u3000\n"), encoding="utf-8")
    zh = lcity_here("validate", str(f), "--lang", "zh")
    assert "“12\u3000”的数字旁有全角空格；请改为“12”" in zh.stdout and "全角数字" not in zh.stdout
    en = lcity_here("validate", str(f), "--lang", "en")
    assert "'12\u3000' has a full-width space next to the digits; write '12'" in en.stdout
    assert "full-width digits" not in en.stdout


def test_a_document_end_line_is_named_as_what_it_is(tmp_path):
    f = tmp_path / "q.yaml"
    text = EXAMPLE.read_text(encoding="utf-8") + "...\nanswers: {C1: {value: 999}}\n"
    f.write_text(text, encoding="utf-8")
    line = text.splitlines().index("...") + 1
    zh = lcity_here("validate", str(f), "--lang", "zh")
    assert zh.returncode == 2
    assert f"第{line}行是“...”，它表示 YAML 文档结束：其后的内容会被当作第二份文档" in zh.stdout
    assert "“---”" not in zh.stdout
    en = lcity_here("validate", str(f), "--lang", "en")
    assert f"line {line} is '...', which ends the YAML document" in en.stdout
    assert f"delete the '...' line (line {line}), or the lines after it" in en.stdout


def test_a_number_in_chinese_numerals_and_a_year_with_more_are_told_the_figure_to_write(tmp_path):
    f = tmp_path / "q.yaml"
    f.write_text(_example_with("    value: 12\n", "    value: 十二\n").replace("start: 2023", "start: 2023年", 1),
                 encoding="utf-8")
    zh = lcity_here("validate", str(f), "--lang", "zh")
    assert "现为 '十二'（请改为 12）" in zh.stdout
    assert "period.start：'2023年' 不是整数（年份只写四位数字：请改为 2023）" in zh.stdout
    en = lcity_here("validate", str(f), "--lang", "en")
    assert "got '十二' (write 12)" in en.stdout
    assert "'2023年' is not a whole number (a year is written as its four digits alone: write 2023)" in en.stdout


def test_one_safe_rewrite_is_singular(tmp_path):
    f = tmp_path / "q.yaml"
    f.write_text(_example_with("    value: 12\n", "    value: １２\n"), encoding="utf-8")
    shown = lcity_here("fix", str(f), "--lang", "en")
    assert "1 safe rewrite shown above; run again with --write to rewrite the file" in shown.stderr
    made = lcity_here("fix", str(f), "--write", "--lang", "en")
    assert "1 safe rewrite made" in made.stderr


def test_the_global_lang_shows_no_second_default_in_a_commands_help():
    proc = lcity("--lang", "en", "score", "--help")
    assert proc.returncode == 0
    assert "else zh)" in proc.stdout and "[default: en]" not in proc.stdout


@pytest.mark.parametrize("args", [("trend", "-", "-"), ("review", "validate", "-", "-")])
def test_standard_input_given_twice_is_said(args):
    text = EXAMPLE.read_text(encoding="utf-8")
    en = lcity_here(*args, "--lang", "en", input=text)
    assert en.returncode == 2
    assert "- (standard input) is given 2 times: it can be read only once" in en.stdout + en.stderr
    zh = lcity_here(*args, "--lang", "zh", input=text)
    assert "“-”（标准输入）给出了 2 次：标准输入只能读取一次" in zh.stdout + zh.stderr
