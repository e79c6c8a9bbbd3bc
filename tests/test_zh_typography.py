"""Chinese typography in what lcity writes and prints for a Chinese reader.

A Chinese sentence takes full-width punctuation (：，；（）？); the forms ``lcity init`` wrote read
"填写说明:每个指标填写 value(数值…),", "# 问: …", "city(市) | district(区)", "A1 规划 (3 分)", and
``lcity benchmark`` printed "24% (n=3)". Half-width marks stay where they are code the user types or
reads as code: ``status: unknown``, YAML keys (``lang:`` 行), ids, ``{zh: 市, en: city}``, the
"文件:行:列" of a problem's location, a literal quoted as “键: 值”. Texts a third-party framework
brings are its own and are quoted as they are.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import yaml

from evaluator.reading import read_string
from indicators.loader import load_framework
from lcity.tables import print_blocks
from lcity.template import render_review_template, render_template

from .conftest import EXAMPLES, ROOT, lcity_here as lcity

CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d"
HALF = re.escape(":;?(),")
#: a half-width mark with a Chinese character (or Chinese punctuation) on either side, one space apart at most
_PROSE_MARK = re.compile(rf"(?<=[{CJK}]) ?[{HALF}]|[{HALF}] ?(?=[{CJK}])")
#: what is code, not prose: `code`, a quoted literal with a half-width mark (“键: 值”, "河西市: 中原省"),
#: a YAML flow mapping or list or a {placeholder}, a key's colon (``lang:``, ``value:``), YAML's own
#: shape named (键: 值), a location (文件:行:列)
_CODE = re.compile(r'`[^`]*`|“[^”]*[:;?(),][^”]*”|"[^"]*"|\{[^{}]*\}|\[[^\[\]]*\]|[A-Za-z0-9_]:|键: 值|文件:行:列')
#: PDF keyword lists: split on ASCII commas by the PDF writer (as tests/test_pdf_form.py exempts them)
_KEYWORDS = {"keywords", "keywords_plain"}

#: the Chinese catalogs: lcity's own words (indicators/messages, lcity/help, reports/catalogs)
CATALOGS = sorted([*(ROOT / "indicators" / "messages").glob("zh*.yaml"), ROOT / "lcity" / "help" / "zh.yaml",
                   *(ROOT / "reports" / "catalogs").glob("zh*.yaml")])


def prose_marks(text: str) -> list[str]:
    """Each half-width mark of ``text`` that sits in Chinese prose, with what is around it."""
    found = []
    for line in text.splitlines():
        bare = _CODE.sub(lambda m: " " * len(m.group()), _CODE.sub(lambda m: " " * len(m.group()), line))
        found += [line[max(0, m.start() - 12):m.end() + 12] for m in _PROSE_MARK.finditer(bare)]
    return found


@pytest.mark.parametrize("old", [
    "# 填写说明:每个指标填写 value(数值、true/false、选项代码或清单),",
    "# 或写 status: unknown(无数据)/ status: not_applicable(不适用,须在 note 说明理由)。",
    "# 基本情况(原始数字;未知填 null)",
    "  level: county  # prefecture(市) | county(县)",
    "# 发展路径(自述):本地以何为先?可多选 balance(城乡均衡)",
    "  # A1 学习型城市建设规划 (3 分)",
    "  # 问: 本市现行有效的学习型城市建设规划属于下列哪种情况？",
    "  # 佐证: 统计数据, 实地考察",
    "┃ 维度 ┃ 得分率 ┃ 名次 ┃ 中位数(n) ┃",
])
def test_the_check_finds_the_half_width_marks_of_the_old_text(old):
    assert prose_marks(old)


@pytest.mark.parametrize("code", [
    "# 或写 status: unknown（无数据）/ status: not_applicable（不适用，须在 note 说明理由）。",
    "# 填好后运行：lcity validate 本文件.yaml",
    "提示语言：zh 或 en（默认：表中 lang: 行，否则系统语言环境，否则 en）",
    "逐条列出问题（文件:行:列），一次列全。",
    "请填写 value:，或写 status: unknown（无数据）",
    "这里应是“键: 值”映射，却是{node}",
    "请添加 levels: [{{id: city, name: {{zh: 市, en: city}}}}, ...]",
    "  figures: {}  # 本框架的基本情况数字，填写为 {townships: …}：townships = 乡镇（街道）数（个）",
])
def test_the_check_leaves_code_alone(code):
    assert not prose_marks(code)


def _zh_forms() -> list[tuple[str, str]]:
    """Every Chinese form lcity writes for the packaged frameworks: each level's, and the review form."""
    forms = []
    for ref in ("china-learning-city@1", "china-learning-city@2"):
        fw = load_framework(ref)
        for level in fw.level_ids():
            forms.append((f"{ref} {level}", render_template(fw, city=None, lang="zh", schema_path=None, level=level)))
        forms.append((f"{ref} review", render_review_template(
            fw, city="西城区", period="2024–2025", sha256="0" * 64, file="西城区.yaml", self_answers={}, lang="zh",
            schema_path=None)))
    return forms


@pytest.mark.parametrize("name,text", _zh_forms(), ids=[n for n, _ in _zh_forms()])
def test_the_chinese_forms_write_their_sentences_with_full_width_punctuation(name, text):
    assert not prose_marks(text), prose_marks(text)


def test_the_chinese_form_reads_as_chinese_and_reads_back():
    """What the official reads, line by line; and the form is still a form: every indicator asked,
    only its answers missing."""
    text = render_template(load_framework("china-learning-city@2"), city="西城区", lang="zh", schema_path=None)
    for line in ("# 学习型城市建设自评表 — 中国学习型城市建设评估指标体系（china-learning-city@2）",
                 "# 填写说明：每个指标填写 value（数值、true/false、选项代码或清单），",
                 "# 或写 status: unknown（无数据）/ status: not_applicable（不适用，须在 note 说明理由）。",
                 "# 填好后运行：lcity validate 本文件.yaml",
                 "# 基本情况（原始数字；未知填 null）",
                 "  level: district  # city（市） | district（区） | county（县）",
                 "  parent: null  # 所属城市（区县填写）",
                 "  # ===== A 政策蓝图与组织领导（8 分） =====",
                 "  # A1 学习型城市建设规划（3 分）",
                 "  # 单位：个（街道、乡镇）；系统折算为 %",
                 "  # 不得多于 city.streets（街道（乡镇）个数）",
                 "  # 佐证：统计数据、实地考察",
                 "其他指标）：L1 全球学习型城市网络成员"):
        assert line in text, line
    assert re.search(r"\n  # 问：\S", text) and "# 问: " not in text
    assert "# 发展路径（自述）：本地以何为先？可多选 balance（城乡均衡） | international（国际对标）" in text
    loaded = read_string(text, file="西城区.yaml")
    assert {p.rule for p in loaded.problems} == {"no-answer"}, {p.rule for p in loaded.problems}


def test_the_english_form_keeps_its_own_punctuation():
    text = render_template(load_framework("china-learning-city@2"), city="Xicheng District", lang="en",
                           schema_path=None)
    assert "# Learning city self-assessment — China Learning City Evaluation Framework (china-learning-city@2)" in text
    assert "  # A1 Learning-city strategic plan (3 points)\n  # Q: " in text
    assert "  # ===== A Policy blueprint and leadership (8 points) =====" in text
    assert not re.search("[：；（）、]", "\n".join(ln for ln in text.splitlines() if ln.lstrip().startswith("#")))


def test_a_third_party_frameworks_own_text_is_quoted_as_it_is(monkeypatch):
    """The UNESCO example framework writes its questions with half-width brackets: the form quotes
    them unchanged; only the words lcity puts around them are full-width."""
    monkeypatch.setenv("LCITY_FRAMEWORK_PATH", str(EXAMPLES / "frameworks"))
    fw = load_framework("unesco-key-features@1")
    text = render_template(fw, city=None, lang="zh", schema_path=None, level=fw.level_ids()[0])
    asked = [ind for ind in fw.indicators() if "(" in ind.question.zh]
    assert asked, "the example framework no longer has a half-width bracket to keep"
    for ind in asked:
        assert f"  # 问：{ind.question.zh}\n" in text
    own = [ln for ln in text.splitlines() if not any(i.question.zh in ln for i in asked)
           and not any(c.zh in ln for i in fw.indicators() for c in (*getattr(i.answer, "items", ()),))]
    assert not prose_marks("\n".join(own)), prose_marks("\n".join(own))


def _leaves(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in _KEYWORDS:
                yield from _leaves(value)
    elif isinstance(node, list):
        for value in node:
            yield from _leaves(value)
    elif isinstance(node, str):
        yield node


@pytest.mark.parametrize("path", CATALOGS, ids=[p.name if p.parent.name != "help" else "help/zh.yaml" for p in CATALOGS])
def test_the_chinese_catalogs_write_their_sentences_with_full_width_punctuation(path):
    texts = list(_leaves(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert texts
    assert not [m for t in texts for m in prose_marks(t)], [m for t in texts for m in prose_marks(t)]


def test_benchmark_in_chinese_writes_the_reference_count_in_full_width_brackets():
    zh = lcity("benchmark", str(EXAMPLES / "qingshi-district.yaml"), "--lang", "zh")
    assert zh.returncode == 0, zh.stderr
    # a dimension with no reference data has nothing to compare: a bare '—', no '（n=0）' (readings2 #17)
    assert "中位数（n）" in zh.stdout and "100%（n=7）" in zh.stdout and "n=0" not in zh.stdout
    assert "(n=" not in zh.stdout
    en = lcity("benchmark", str(EXAMPLES / "qingshi-district.yaml"), "--lang", "en")
    assert "median (n)" in en.stdout and "100% (n=7)" in en.stdout and "—（" not in en.stdout


def test_cities_in_chinese_heads_its_bounds_in_full_width_brackets():
    zh = lcity("cities", "--lang", "zh")
    assert zh.returncode == 0, zh.stderr
    assert "总分（上下界）" in zh.stdout and "总分(" not in zh.stdout
    assert "total (bounds)" in lcity("cities", "--lang", "en").stdout


def _on_terminal(*args: str, columns: int) -> str:
    """stdout of ``lcity args`` on a terminal ``columns`` wide (a pseudo-terminal), as the user sees it."""
    master, slave = os.openpty()
    env = dict(os.environ, COLUMNS=str(columns), NO_COLOR="1", TERM="xterm")
    proc = subprocess.Popen([sys.executable, "-m", "lcity", *args], stdout=slave, stderr=subprocess.PIPE,
                            cwd=ROOT, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 1 << 16)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.communicate(timeout=120)
    os.close(master)
    text = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    return re.sub(r"\x1b\[[0-9;]*m", "", text)  # bold headings: what is seen is the text


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("lang,share,median", [("zh", "上海市等6个 100%", "100%（n=7）"),
                                               ("en", "Shanghai and 5 more 100%", "100% (n=7)")])
def test_benchmark_on_an_80_column_terminal_keeps_every_figure_and_the_columns_aligned(lang, share, median):
    """At 80 columns the English dimension names kept 50 cells and Rich cut the gap column to
    nothing; a cut best reference read '武汉市 100'. The names fold now, the figures stay whole."""
    from rich.cells import cell_len

    text = _on_terminal("benchmark", str(EXAMPLES / "qingshi-district.yaml"), "--lang", lang, columns=80)
    lines = text.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("┏"))
    table = lines[start:next(i for i, ln in enumerate(lines) if ln.startswith("└")) + 1]  # by dimension
    head = table[0]
    rows = [ln for ln in table if ln.startswith("│")]
    assert rows and {cell_len(ln) for ln in table} == {cell_len(head)} and cell_len(head) <= 80
    assert any(share in ln and median in ln for ln in rows), "\n".join(table)
    gap = "差距" if lang == "zh" else "gap"
    assert any(gap in ln for ln in table if ln.startswith("┃"))
    # a gap in each dimension's row: a figure, or '—' where no reference unit has data (readings2 #17)
    assert sum(bool(re.search(r"│ (\d+\.\d|—)\s+│$", ln)) for ln in rows) == 12


def test_a_row_shown_as_a_block_puts_a_full_width_colon_after_a_chinese_heading():
    from rich.console import Console

    console = Console(width=80, force_terminal=True, color_system=None, record=True)
    print_blocks(console, [["A1 学习型城市建设规划", "已答", "plan_with_targets"]], ["指标", "状态", "value"])
    text = console.export_text()
    assert "    状态：已答" in text and "    value: plan_with_targets" in text


def _first_table(text: str) -> list[str]:
    lines = text.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("┏"))
    return lines[start:next(i for i, ln in enumerate(lines) if ln.startswith("└")) + 1]


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cities_on_an_80_column_terminal_fits_and_keeps_the_figures_whole(lang):
    """The cities table was drawn 85 to 88 cells wide at 80 columns, each row broken again by the
    terminal, and '国际化导向型' was cut into '国际化导向' over '型'. Now the total's heading folds
    before its brackets and the grade after its comma ('数据不足，' over '不予定级')."""
    from rich.cells import cell_len

    table = _first_table(_on_terminal("cities", "--lang", lang, columns=80))
    assert {cell_len(ln) for ln in table} == {cell_len(table[0])} and cell_len(table[0]) <= 80, "\n".join(table)
    rows = [ln for ln in table if ln.startswith("│")]
    assert sum(bool(re.search(r"│\s+\d+\.\d–\d+\.\d │", ln)) for ln in rows) == 12  # every total whole
    if lang == "zh":
        assert any("┃ （上下界） ┃" in ln for ln in table) and any("│ 数据不足， │" in ln for ln in rows)
        assert sum("国际化导向型" in ln for ln in rows) == 3
    piped = lcity("cities", "--lang", lang).stdout
    assert ("总分（上下界）" if lang == "zh" else "total (bounds)") in piped  # no terminal: nothing folds
