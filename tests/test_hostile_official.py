"""Hostile input and a first-time official's mistakes, as they would be typed at the command line.

Each case is run as a user runs lcity (a subprocess, via ``conftest.lcity``) and must end in a
message naming the file and the place, in the user's language, with exit 1 or 2, no traceback,
no raw control character, and the input file unchanged.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from .conftest import EXAMPLES, lcity

QINGSHI = EXAMPLES / "qingshi-district.yaml"
NOTE = "note: 本区适用省级条例，河西市尚未出台地方性法规"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _with_note(tmp_path: Path, note: str, name: str = "q.yaml") -> tuple[Path, int]:
    """The example with B1's note replaced, and the line that note is on."""
    text = QINGSHI.read_text(encoding="utf-8")
    assert NOTE in text
    path = tmp_path / name
    path.write_text(text.replace(NOTE, f"note: {note}", 1), encoding="utf-8")
    line = text[: text.index(NOTE)].count("\n") + 1
    return path, line


# --- a value holding megabytes of text ------------------------------------------------------------


@pytest.mark.parametrize("lang, words", [("en", "1,900,000 characters"), ("zh", "1,900,000 个字符")])
def test_a_megabyte_long_note_is_refused_at_its_place_before_a_report_is_typeset(tmp_path, lang, words):
    """A pasted file as one note (1.9 MB with no space) kept the report's typesetter busy for more
    than five minutes; it is now refused where it starts, like any other size limit (exit 2)."""
    path, line = _with_note(tmp_path, "x" * 1_900_000)
    before = _digest(path)
    for command in (("validate", str(path)), ("report", str(path), "-o", str(tmp_path / "r.pdf"))):
        run = lcity(*command, "--lang", lang) if command[0] == "validate" else lcity("--lang", lang, *command)
        shown = run.stdout + run.stderr
        assert run.returncode == 2, shown
        assert f"{path}:{line}:11:" in shown and "too-large" in shown and words in shown and "20,000" in shown
        assert "Traceback" not in shown
    assert not (tmp_path / "r.pdf").exists() and _digest(path) == before


def test_a_long_but_plausible_note_is_still_read(tmp_path):
    path, _ = _with_note(tmp_path, "长" * 20_000)
    run = lcity("validate", str(path), "--lang", "en")
    assert run.returncode == 0, run.stdout + run.stderr


def test_a_workbook_cell_longer_than_the_limit_is_refused_at_its_cell(tmp_path):
    """The same limit in a workbook, so an answer reads the same in either format."""
    from indicators.xlsx import COL
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    book = tmp_path / "q.xlsx"
    assert lcity("convert", str(QINGSHI), str(book)).returncode == 0
    wb = load_workbook(book)
    ws = wb["指标"]
    note = f"{get_column_letter(COL['note'])}3"
    ws[note].value = "x" * 32_767  # the most Excel holds in a cell
    wb.save(book)
    run = lcity("validate", str(book), "--lang", "en")
    shown = run.stdout + run.stderr
    assert run.returncode == 1 and f"{book}:指标!{note}:" in shown and "32,767 characters" in shown, shown


# --- batch: what it skips, said on one line each, in the user's language ---------------------------


def _folder_with_odd_names(tmp_path: Path) -> Path:
    import os

    folder = tmp_path / "units"
    folder.mkdir()
    (folder / "a\nb.yaml").write_bytes(QINGSHI.read_bytes())  # a line break in a file's name
    os.mkfifo(folder / "pipe\nx.yaml")
    (folder / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    return folder


def test_batch_says_each_entry_it_skips_on_one_line_with_the_name_escaped(tmp_path):
    """A line break in a file name split the skip note (and the ranking line) in two, and a name
    with a line break was wrongly called "not an assessment file"."""
    folder = _folder_with_odd_names(tmp_path)
    run = lcity("batch", str(folder), "-o", str(tmp_path / "out"))
    lines = run.stderr.splitlines()
    assert run.returncode == 0, run.stderr
    assert f"note {folder}/pipe\\nx.yaml: skipped: a FIFO, not a regular file" in lines
    assert f"note {folder}/gone.yaml: skipped: a broken symlink" in lines
    assert any(line.endswith("(a\\nb.yaml)") for line in lines), run.stderr  # its ranking line
    assert not any(line in ("x.yaml: skipped: a FIFO, not a regular file", "b.yaml)") for line in lines)


def test_batch_says_what_it_skipped_in_chinese(tmp_path):
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    folder = _folder_with_odd_names(tmp_path)
    (folder / "lost.review.yaml").write_text("assessment: {}\n", encoding="utf-8")
    env = dict(os.environ, LANG="zh_CN.UTF-8", COLUMNS="200", NO_COLOR="1")
    run = subprocess.run([sys.executable, "-m", "lcity", "batch", str(folder), "-o", str(tmp_path / "out")],
                         cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    lines = run.stderr.splitlines()
    assert f"注意 {folder}/pipe\\nx.yaml：已跳过：命名管道（FIFO），不是普通文件" in lines, run.stderr
    assert f"注意 {folder}/gone.yaml：已跳过：符号链接指向的文件不存在" in lines
    assert f"注意 {folder}/lost.review.yaml：文件夹中没有自评表“lost.yaml”，此评审文件未使用" in lines
    import json

    skipped = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))["skipped"]
    assert {"file": "gone.yaml", "reason": "a broken symlink"} in skipped  # the JSON stays in English


# --- a workbook whose sheets were renamed or deleted ----------------------------------------------


def _workbook(tmp_path: Path, edit) -> Path:
    from openpyxl import load_workbook

    book = tmp_path / "q.xlsx"
    assert lcity("convert", str(QINGSHI), str(book)).returncode == 0
    wb = load_workbook(book)
    edit(wb)
    wb.save(book)
    return book


def _rename(wb) -> None:
    wb["指标"].title = "Sheet1"


def test_a_renamed_sheet_is_named_with_the_sheets_the_workbook_has_in_its_language(tmp_path):
    """The message lost its quotes ("has no sheet named 指标' or 'Indicators") and did not say
    which sheets there are; with the Indicators sheet gone it was said in English in a Chinese form."""
    book = _workbook(tmp_path, _rename)
    before = _digest(book)
    zh = lcity("validate", str(book))
    assert zh.returncode == 2, zh.stdout + zh.stderr
    assert (f"{book}:1:1: 错误 workbook-layout: 没有名为“指标”或“Indicators”的工作表（现有工作表：“基本情况”、“Sheet1”）"
            in zh.stdout), zh.stdout
    en = lcity("validate", str(book), "--lang", "en")
    assert "has no sheet named '指标' or 'Indicators' (its sheets: '基本情况', 'Sheet1')" in en.stdout, en.stdout
    assert _digest(book) == before


def test_an_invisible_character_in_a_sheet_name_is_shown_escaped(tmp_path):
    book = _workbook(tmp_path, lambda wb: setattr(wb["指标"], "title", "指\u202e标"))
    run = lcity("validate", str(book), "--lang", "en")
    assert "(its sheets: '基本情况', '指\\u202e标')" in run.stdout and "\u202e" not in run.stdout, run.stdout


# --- a review given where an assessment belongs, and the other way round ----------------------------

REVIEW = EXAMPLES / "qingshi-district.review.yaml"


@pytest.mark.parametrize("command", [("validate",), ("score",), ("status",), ("plan",), ("benchmark",),
                                     ("report", "-o", "r.pdf"), ("convert", "@", "r.xlsx")])
def test_a_review_given_as_the_assessment_is_one_line_that_says_so(tmp_path, command):
    """A review file in the assessment's place gave some fifty lines, starting with 43 missing
    answers and ending with unknown keys, and never said it was a review."""
    args = [str(REVIEW) if a == "@" else str(tmp_path / a) if a.endswith((".pdf", ".xlsx")) else a for a in command]
    if "@" not in command:
        args.insert(1, str(REVIEW))
    run = lcity(*args, "--lang", "en") if command[0] in ("validate", "status") else lcity("--lang", "en", *args)
    shown = run.stdout + run.stderr
    problems = [line for line in shown.splitlines() if ": error " in line or ": warning " in line]
    assert run.returncode == 1, shown
    assert problems == [f"{REVIEW}:4:1: error not-an-assessment: this is an expert review file (it names the "
                        "assessment it reviews and has no answers), not a self-assessment (give the self-assessment "
                        "here and the review after --review: lcity score ASSESSMENT --review REVIEW (lcity review "
                        "validate ASSESSMENT REVIEW checks it))"], shown
    assert not list(tmp_path.iterdir())


def test_review_validate_with_its_arguments_swapped_says_which_is_which_in_chinese():
    run = lcity("--lang", "zh", "review", "validate", str(REVIEW), str(QINGSHI))
    problems = [line for line in run.stdout.splitlines() if ": 错误 " in line]
    assert run.returncode == 1
    assert problems == [
        f"{REVIEW}:4:1: 错误 not-an-assessment: 这是专家评审文件（写明了所评审的自评表，本身没有作答），不是自评表"
        "（此处请给出自评表，评审文件放在 --review 之后：lcity score 自评表 --review 评审文件（用 lcity review validate "
        "自评表 评审文件 检查评审文件））",
        f"{QINGSHI}:7:1: 错误 not-a-review: 这是自评表，不是专家评审文件（评审文件以 assessment: 开头，写明所评审的自评表）"
        "（先写自评表，再写评审文件：lcity review validate 自评表 评审文件；lcity review init 自评表 -o 评审文件 可生成评审表）",
    ], run.stdout


def test_a_review_can_be_read_from_standard_input_and_an_assessment_there_is_named():
    ok = lcity("review", "validate", str(QINGSHI), "-", input=REVIEW.read_text(encoding="utf-8"))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    same = lcity("score", str(QINGSHI), "--review", "-", "--lang", "en", input=QINGSHI.read_text(encoding="utf-8"))
    assert same.returncode == 1 and "<stdin>:7:1: error not-a-review: this is a self-assessment" in same.stderr, same.stderr
    # standard input is read once: given as both files, it is said so (G19-C20), not read twice as one
    twice = lcity("score", "-", "--review", "-", "--lang", "en", input=QINGSHI.read_text(encoding="utf-8"))
    assert twice.returncode == 2 and "- (standard input) is given 2 times" in twice.stderr, twice.stderr


# --- standard input where it was not read: fix -, verify - ----------------------------------------


def test_fix_reads_standard_input_and_shows_the_diff_but_cannot_write_it(tmp_path):
    """`lcity fix -` said "no such file" about a file named '-'."""
    text = "framework: china-learning-city@1\ncity：\n  id: x\n"
    run = lcity("fix", "-", "--lang", "en", input=text, cwd=tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "--- <stdin>\n+++ <stdin> (fixed)" in run.stdout and "-city：\n+city:" in run.stdout
    assert "<stdin>: 1 safe rewrite shown above; to rewrite the file, run lcity fix FILE --write on the file itself" in run.stderr  # G19-C20
    refused = lcity("fix", "-", "--write", "--lang", "zh", input=text, cwd=tmp_path)
    assert refused.returncode == 2 and "<stdin>:1:1: 错误 usage: --write 无法改写标准输入" in refused.stderr, refused.stderr
    assert not list(tmp_path.iterdir())


def test_verify_reads_a_report_from_standard_input(tmp_path):
    """`lcity verify -` said "cannot read or write: No such file or directory"."""
    pdf = tmp_path / "q.pdf"
    assert lcity("report", str(QINGSHI), "-o", str(pdf)).returncode == 0
    import subprocess
    import sys

    from .conftest import ROOT

    ok = subprocess.run([sys.executable, "-m", "lcity", "verify", "-"], stdin=pdf.open("rb"), capture_output=True,
                        cwd=ROOT, timeout=120)
    assert ok.returncode == 0 and ok.stdout.decode().startswith("<stdin>：一致"), ok.stdout + ok.stderr  # a Chinese report
    bad = lcity("verify", "-", "--lang", "en", input="framework: x\n")
    assert bad.returncode == 1 and "<stdin>:1:1: error not-a-report: is not a readable PDF" in bad.stderr, bad.stderr


# --- a form whose first key was pasted with its indent --------------------------------------------


@pytest.mark.parametrize("lang, said", [
    ("en", "t.yaml:4:1: error syntax: line 4 starts further left than the file's first key on line 3, which is "
           "indented: YAML read the lines before this one as a whole document (a top-level key starts at the "
           "beginning of its line: remove the 2 spaces before the key on line 3)"),
    ("zh", "t.yaml:4:1: 错误 syntax: 第4行比文件第3行的第一个键更靠左，而第3行有缩进：YAML 把这一行之前的内容当成了一份"
           "完整的文档（顶层的键应从行首开始：请删去第3行键前面的 2 个空格）"),
])
def test_an_indented_first_key_is_named_not_called_a_second_document(tmp_path, lang, said):
    """The parser's "expected '<document start>'" came with the advice to remove a '---' line the
    file does not have."""
    path = tmp_path / "t.yaml"
    path.write_text("# 自评表\n\n  framework: china-learning-city@1\ncity:\n  id: x\n", encoding="utf-8")
    run = lcity("validate", "t.yaml", "--lang", lang, cwd=tmp_path)
    assert run.returncode == 2 and run.stdout.splitlines() == [said], run.stdout


def test_a_real_second_document_keeps_its_advice(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(QINGSHI.read_text(encoding="utf-8") + "---\nframework: x\n", encoding="utf-8")
    run = lcity("validate", "t.yaml", "--lang", "en", cwd=tmp_path)
    assert run.returncode == 2 and "remove the '---' line and what follows" in run.stdout, run.stdout


# --- a reader that stops early: lcity score x | head -1 ---------------------------------------------


@pytest.mark.parametrize("args", [("score", str(QINGSHI)), ("benchmark", str(QINGSHI)), ("plan", str(QINGSHI)),
                                  ("--help",), ("score", "--help")])
def test_a_closed_pipe_is_not_a_failed_run(args):
    """Rich's own handling of a closed pipe exits 1, the code of an invalid input: `lcity score x |
    head -1` in a script read as "invalid". The read end is closed before lcity writes, so every
    write meets the closed pipe."""
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    env = dict(os.environ, COLUMNS="80", NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "lcity", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()
    _, errors = proc.communicate(timeout=120)
    assert proc.returncode == 0 and b"Traceback" not in errors, errors.decode()


# --- a file name that is not UTF-8 (copied from a GBK system) ---------------------------------------


def test_a_file_name_that_is_not_utf8_is_scored_and_shown_by_its_bytes(tmp_path):
    """``score --format json`` of ``bad\\xffname.yaml`` ended in an internal error (exit 3): Python
    keeps the byte as a lone surrogate, which JSON cannot hold; elsewhere it showed as \\udcff."""
    import json
    import os

    name = os.fsdecode(b"bad\xffname.yaml")
    (tmp_path / name).write_bytes(QINGSHI.read_bytes())
    scored = lcity("score", name, "--format", "json", cwd=tmp_path)
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["provenance"]["input_file"] == "bad\\xffname.yaml"
    checked = lcity("validate", name, "--lang", "en", cwd=tmp_path)
    assert checked.returncode == 0 and "bad\\xffname.yaml: valid" in checked.stderr, checked.stderr
    report = lcity("report", name, "-o", "r.pdf", cwd=tmp_path)
    assert report.returncode == 0, report.stderr


# --- report options typed in a shell ------------------------------------------------------------------


@pytest.mark.parametrize("option, value, said", [
    ("--body", "河西市\x1b[31m", "--body holds the invisible control character U+001B"),
    ("--number", "青学评〔2025〕3号\u202e", "--number holds the invisible control character U+202E"),
    ("--number", "长" * 5000, "--number is 5,000 characters long; a cover holds at most 60"),
])
def test_a_report_option_with_a_control_character_or_a_page_of_text_is_refused(tmp_path, option, value, said):
    """They went onto the cover and into the PDF's metadata as typed (an escape reached whoever ran
    pdfinfo), and a 5,000-character --number kept the typesetter busy for more than a minute."""
    run = lcity("report", str(QINGSHI), "-o", str(tmp_path / "r.pdf"), option, value, "--lang", "en", timeout=60)
    assert run.returncode == 2 and f"lcity report: error usage: {said}" in run.stderr, run.stderr
    assert "\x1b" not in run.stderr and not (tmp_path / "r.pdf").exists()


# --- a file lcity may not read (chmod 000) ----------------------------------------------------------


def _as_another_user() -> list[str] | None:
    """The command prefix that runs lcity as a user who cannot read a chmod 000 file (root can)."""
    import os
    import shutil

    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if setpriv else None


@pytest.mark.parametrize("command", [("validate",), ("score",), ("report", "-o", "@.pdf"), ("fix",),
                                     ("convert", "@", "@.xlsx"), ("review", "init")])
def test_a_file_that_may_not_be_read_is_named_by_lcity_in_the_users_language(tmp_path, command):
    """Typer refused it first, in its own box: 'file' 的值无效：path '…' is not readable. — no line,
    no column, half in English, no way out."""
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    prefix = _as_another_user()
    if prefix is None:
        pytest.skip("running as root without setpriv: a chmod 000 file is readable")
    import tempfile

    here = Path(tempfile.mkdtemp(prefix="lcity-locked-"))  # pytest's own folders are root's alone
    here.chmod(0o777)
    locked = here / "locked.yaml"
    locked.write_bytes(QINGSHI.read_bytes())
    locked.chmod(0)
    args = [str(locked) if a == "@" else str(here / f"out{a[1:]}") if a.startswith("@.") else a for a in command]
    if "@" not in command:
        args.insert(2 if command[0] == "review" else 1, str(locked))
    env = dict(os.environ, LANG="zh_CN.UTF-8", COLUMNS="200", NO_COLOR="1", PYTHONDONTWRITEBYTECODE="1")
    run = subprocess.run([*prefix, sys.executable, "-m", "lcity", *args], cwd=ROOT, capture_output=True, text=True,
                         env=env, timeout=120)
    shown = run.stdout + run.stderr
    assert run.returncode == 2, shown
    assert f"{locked}:1:1: 错误 unreadable: 没有读取权限（请检查文件权限）" in shown, shown
    assert "is not readable" not in shown and "Traceback" not in shown
    assert sorted(p.name for p in here.iterdir()) == ["locked.yaml"]
    locked.unlink()
    here.rmdir()


def test_an_unknown_language_before_the_command_is_refused_like_after_it():
    """`lcity --lang xx validate f.yaml` validated in English and exited 0."""
    before = lcity("--lang", "xx", "validate", str(QINGSHI))
    after = lcity("validate", str(QINGSHI), "--lang", "xx")
    assert before.returncode == after.returncode == 2, before.stderr
    assert "'xx' is not one of 'zh', 'en'" in before.stderr and ": valid" not in before.stderr


# --- a first-time official's progress table -----------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_progress_headings_stand_over_their_numbers(tmp_path, lang):
    """The headings were padded by characters, not terminal cells: 已填 and 无数据 stood two cells
    right of their numbers, 'points open' one."""
    from rich.cells import cell_len

    form = tmp_path / "x.yaml"
    assert lcity("init", "-o", str(form), "--city", "西城区", "--level", "district").returncode == 0
    lines = lcity("status", str(form), "--lang", lang).stdout.splitlines()
    head, first = lines[1], lines[2]

    def ends(line: str) -> list[int]:
        """The terminal cell where each column ends (a column is followed by two spaces or the end)."""
        found, cells = [], 0
        for i, ch in enumerate(line):
            cells += cell_len(ch)
            if ch != " " and line[i + 1:i + 3] in ("  ", ""):
                found.append(cells)
        return found

    heads, numbers = ends(head), ends(first)
    assert heads[:5] == numbers[1:6], (head, first)


# --- a framework whose texts hold control characters or line breaks ---------------------------------


def test_a_form_from_a_framework_with_control_characters_in_its_name_reads_back(tmp_path):
    """`lcity init` copied the framework's name into the form's first comment as it was: an escape
    made the form unreadable by lcity itself (exit 0 from init, then 'U+001B is not allowed'), a line
    break turned the rest of the name into YAML, and `init -o -` sent the escape to the terminal."""
    import os
    import shutil
    import subprocess
    import sys


    own = tmp_path / "frameworks"
    shutil.copytree(EXAMPLES / "frameworks" / "unesco-key-features", own / "unesco-key-features")
    fw_file = own / "unesco-key-features" / "framework.yaml"
    text = fw_file.read_text(encoding="utf-8")
    old = 'name: {zh: "联合国教科文组织学习型城市关键特征自评框架", en: "UNESCO Key Features of Learning Cities: self-assessment"}'
    assert old in text
    fw_file.write_text(text.replace(old, 'name: {zh: "联合国\\e]0;PWN\\a框架\\u202e", en: "UNESCO\\e[31m Key\\r\\nFeatures"}'),
                       encoding="utf-8")
    env = dict(os.environ, LCITY_FRAMEWORK_PATH=str(own), COLUMNS="200", NO_COLOR="1")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "lcity", *args], cwd=tmp_path, capture_output=True, text=True,
                              env=env, timeout=120)

    for lang in ("zh", "en"):
        form = tmp_path / f"form-{lang}.yaml"
        assert run("init", "-o", str(form), "--framework", "unesco-key-features@1", "--lang", lang).returncode == 0
        checked = run("validate", str(form), "--lang", "en")
        assert "error syntax" not in checked.stdout and "no-answer" in checked.stdout, checked.stdout
    shown = run("init", "-o", "-", "--framework", "unesco-key-features@1", "--lang", "en").stdout
    assert "\x1b" not in shown and "\x07" not in shown and "UNESCO\\x1b[31m Key\\x0d\\x0aFeatures" in shown
    book = run("init", "-o", str(tmp_path / "form.xlsx"), "--framework", "unesco-key-features@1")
    assert book.returncode == 0 and "internal error" not in book.stderr, book.stderr  # was IllegalCharacterError, exit 3
    assert "no-answer" in run("validate", str(tmp_path / "form.xlsx"), "--lang", "en").stdout


@pytest.mark.parametrize("args", [("validate", "-"), ("score", "-"), ("fix", "-"), ("verify", "-"),
                                  ("review", "validate", str(QINGSHI), "-")])
def test_a_closed_standard_input_is_named_not_an_internal_error(args):
    """`lcity validate - <&-` ended in an internal error (exit 3): Python gives no stdin at all."""
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    env = dict(os.environ, COLUMNS="200", NO_COLOR="1")
    run = subprocess.run([sys.executable, "-m", "lcity", "--lang", "en", *args], cwd=ROOT, capture_output=True,
                         text=True, env=env, timeout=120, preexec_fn=lambda: os.close(0))  # started as `<&-` starts it
    shown = run.stdout + run.stderr
    assert run.returncode == 2, shown
    assert "<stdin>:1:1: error unreadable: standard input is closed" in shown and "internal" not in shown, shown


@pytest.mark.parametrize("args", [("score", str(QINGSHI)), ("benchmark", str(QINGSHI)), ("init", "-o", "-"), ("--help",),
                                  ("score", "--help")])
def test_a_closed_or_full_standard_output_is_named_not_a_traceback(args):
    """`lcity score x >&-` was an internal error (exit 3), `lcity --help > /dev/full` a traceback."""
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    env = dict(os.environ, COLUMNS="200", NO_COLOR="1")
    closed = subprocess.run([sys.executable, "-m", "lcity", *args], cwd=ROOT, stdout=None, stderr=subprocess.PIPE,
                            text=True, env=env, timeout=120, input=QINGSHI.read_text(encoding="utf-8"),
                            preexec_fn=lambda: os.close(1))
    assert closed.returncode == 2, closed.stderr
    assert "<stdout>:1:1: error unwritable: cannot write: the file is closed" in closed.stderr, closed.stderr
    with open("/dev/full", "w") as full:
        run = subprocess.run([sys.executable, "-m", "lcity", *args], cwd=ROOT, stdout=full, stderr=subprocess.PIPE,
                             text=True, env=env, timeout=120, input=QINGSHI.read_text(encoding="utf-8"))
    assert run.returncode == 2 and "<stdout>:1:1: error unwritable" in run.stderr, run.stderr
    assert "Traceback" not in closed.stderr + run.stderr


def test_a_review_that_names_no_reviewer_and_no_panel_is_refused(tmp_path):
    """It was valid without a word, then a warning; since G19-C1 an error: a report would carry
    verified figures nobody is named for, signed by nobody."""
    text = REVIEW.read_text(encoding="utf-8")
    start, end = text.index("reviewer:\n"), text.index("# the organisation")
    review = tmp_path / "r.yaml"
    review.write_text(text[:start] + text[end:], encoding="utf-8")
    run = lcity("review", "validate", str(QINGSHI), str(review), "--lang", "en")
    assert run.returncode == 1, run.stdout + run.stderr
    assert (f"{review}:4:1: error no-reviewer: the review names no reviewer and no panel member (a name left null is "
            "none): the report would be an expert panel's report signed by nobody (write the reviewer's name under "
            "reviewer: name: …, or the panel's members under panel: (- {name: …, affiliation: …, role: …}))"
            ) in run.stdout, run.stdout
    named = lcity("review", "validate", str(QINGSHI), str(REVIEW), "--lang", "en")
    assert "no-reviewer" not in named.stdout


def test_a_column_inserted_in_the_indicators_sheet_is_one_problem_not_a_hundred(tmp_path):
    """With the sheet unprotected and a column inserted, every answer was read from its neighbour:
    some 120 lines of wrong problems (the evidence expected read as the value)."""
    book = _workbook(tmp_path, lambda wb: wb["指标"].insert_cols(2))
    run = lcity("validate", str(book), "--lang", "en")
    problems = [line for line in run.stdout.splitlines() if ": error " in line]
    assert run.returncode == 2, run.stdout
    assert problems == [f"{book}:指标!O1: error workbook-layout: the columns of sheet 指标 have moved: column O should "
                        "be headed 'type' but holds '有效问卷数（sample_size）', so every answer would be read from the "
                        "wrong cell (undo the inserted or deleted column (the answer columns must stay where lcity init "
                        "put them), or copy the answers into a new form from lcity init --format xlsx)"], run.stdout


def test_review_validate_says_its_verdict_in_chinese():
    """The last line stayed English ('1 review: valid') under --lang zh."""
    run = lcity("--lang", "zh", "review", "validate", str(QINGSHI), str(REVIEW))
    assert run.returncode == 0 and run.stderr.splitlines()[-1] == "1 份评审文件：有效", run.stderr
    assert lcity("review", "validate", str(QINGSHI), str(REVIEW), "--lang", "en").stderr.splitlines()[-1] == \
        "1 review: valid"


def test_report_and_review_init_say_what_they_wrote_in_chinese(tmp_path):
    """Under a Chinese locale their last line stayed English ('wrote x.pdf (596 KB): total 75.6')."""
    import os
    import subprocess
    import sys


    env = dict(os.environ, LANG="zh_CN.UTF-8", COLUMNS="200", NO_COLOR="1")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "lcity", *args], cwd=tmp_path, capture_output=True, text=True,
                              env=env, timeout=180)

    report = run("report", str(QINGSHI), "-o", "r.pdf")
    assert report.returncode == 0 and report.stderr.splitlines()[-1].startswith("已写出 r.pdf（"), report.stderr
    assert "：总分 75.6，合格，暂缓认定" in report.stderr
    review = run("review", "init", str(QINGSHI), "-o", "r.yaml")
    assert review.stderr.splitlines()[-1] == (f"已写出 r.yaml。下一步：记录专家组的评审工作，然后运行 lcity report {QINGSHI} "
                                              "--review r.yaml -o report.pdf"), review.stderr


def test_upgrade_says_what_it_carried_over_in_chinese(tmp_path):
    """Its summary stayed English under --lang zh."""
    out = tmp_path / "q2.yaml"
    run = lcity("--lang", "zh", "upgrade", str(QINGSHI), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert run.stderr.splitlines() == [
        f"{QINGSHI}（china-learning-city@1）→ {out}（china-learning-city@2）：沿用 39 项作答，8 项待填（value: null）",
        "  问题或答法已改变、需重新作答：B1、L2、K4",
        "  china-learning-city@2 不向本级单位询问：L1",
        f"下一步：填写新问题，然后运行 lcity validate {out}"], run.stderr
