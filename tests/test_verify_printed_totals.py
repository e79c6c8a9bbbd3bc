"""lcity verify compares every total, self-assessed total, grade and decision the report's sentences
print (summary, results, robustness, conclusion) with what re-scoring gives, and names an edited one
with its page (G18-E1); its verdict says what it compared and what it did not.

A printed figure is edited as the audit did (tests/audit_workflow_g18/digit_edit.py): one glyph of the
page's content stream replaced by another digit's glyph of the same font, the embedded files untouched.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from reports.verify_pdf import printed_places, verify

from .conftest import EXAMPLES, lcity_here as lcity

QINGSHI = EXAMPLES / "qingshi-district.yaml"
REVIEW = EXAMPLES / "qingshi-district.review.yaml"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, example_reports, reviewed_qingshi) -> dict[str, Path]:
    """Qingshi's report in zh and en, plain and with the example review, as lcity report writes them."""
    folder = tmp_path_factory.mktemp("printed")
    out = {}
    for lang in ("zh", "en"):
        out[lang] = folder / f"{lang}.pdf"
        out[lang].write_bytes(example_reports[("qingshi-district", lang)].pdf)
    assert reviewed_qingshi["proc"].returncode == 0, reviewed_qingshi["proc"].stderr
    out["zh-review"] = folder / "zh-review.pdf"
    out["zh-review"].write_bytes(reviewed_qingshi["pdf"].read_bytes())
    out["en-review"] = folder / "en-review.pdf"
    proc = lcity("report", str(QINGSHI), "--review", str(REVIEW), "--lang", "en", "-o", str(out["en-review"]))
    assert proc.returncode == 0, proc.stderr
    return out


def _glyphs(font) -> dict[str, bytes]:
    """A subset font's character -> glyph code (hex, as the content stream writes it), from its ToUnicode map."""
    cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
    out = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, uni in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]{4})>", block):
            out.setdefault(chr(int(uni, 16)), code.lower().encode())
    return out


def edit_printed(src: Path, dst: Path, page: int, old: str, new: str) -> Path:
    """A copy of ``src`` whose page ``page`` (1-based) prints ``new`` where it printed ``old`` (the
    same length; the first place, in whichever font prints it), as digit_edit.py does."""
    writer = PdfWriter(clone_from=str(src))
    target = writer.pages[page - 1]
    data = target.get_contents().get_data()
    fonts = target["/Resources"]["/Font"]
    for name in fonts:
        glyphs = _glyphs(fonts[name].get_object())
        if not all(c in glyphs for c in old + new):
            continue
        gap = rb"(?:>\s*-?[0-9.]*\s*<)?"  # glyphs in one hex string, or in two with a kerning between
        pattern = gap.join(re.escape(glyphs[c]) for c in old)
        found = re.search(pattern, data, re.I)
        if found is None:
            continue
        edited = found.group(0)
        for a, b in zip(old, new):
            if a != b:
                edited = edited.replace(glyphs[a], glyphs[b], 1)
        data = data[:found.start()] + edited + data[found.end():]
        stream = DecodedStreamObject()
        stream.set_data(data)
        target[NameObject("/Contents")] = writer._add_object(stream)
        writer.write(str(dst))
        return dst
    raise AssertionError(f"{old!r} is not printed in one font on page {page}")


def _page_of(pdf: Path, text: str) -> int:
    reader = PdfReader(str(pdf))
    return next(n for n, p in enumerate(reader.pages, 1) if text in "".join((p.extract_text() or "").split()))


@pytest.mark.parametrize("name", ["zh", "en", "zh-review", "en-review"])
def test_an_unedited_report_agrees_and_its_printed_figures_were_compared(pdfs, name):
    verdict = verify(pdfs[name])
    assert verdict.ok, verdict.differences
    printed = [str(c) for c in verdict.checked if str(c).startswith("printed total")]
    assert len(printed) == 1, verdict.checked
    # the summary, the results, the robustness analysis and the conclusion: four pages
    assert printed[0].count("page ") == 4, printed[0]
    if name.endswith("review"):
        assert printed[0].startswith("printed total, self-assessed total, grade and decision, 10 places"), printed[0]


def test_the_verdict_says_what_was_compared_and_what_was_not(pdfs):
    zh = lcity("verify", str(pdfs["zh-review"]))
    assert zh.returncode == 0, zh.stdout + zh.stderr
    lines = zh.stdout.splitlines()
    assert lines[0].startswith(f"{pdfs['zh-review']}：一致——总分 75.3，合格，暂缓认定")
    assert re.fullmatch(r"  核对了：内嵌自评表的 SHA-256、重新计分（与内嵌结果的总分、等级、结论和每项指标比对）、"
                        r"报告中印出的总分/自评总分/等级/结论 10 处（第 2、\d+、\d+、\d+ 页）；"
                        r"未核对：其余页面的文字（表格、图表、附件1的逐项得分等）；其后修订或批注所显示的内容（只核对了有没有）", lines[1]), lines[1]
    en = lcity("verify", str(pdfs["en"]))
    assert en.returncode == 0
    assert re.fullmatch(r"  checked: the embedded assessment's SHA-256, re-scoring \(against the embedded Result's "
                        r"total, grade, decision and every indicator\), the total/grade/decision printed in 9 places "
                        r"\(pages 2, \d+, \d+, \d+\); not checked: the rest of the pages' text \(tables, charts, "
                        r"Appendix 1's indicator scores and so on\); what later revisions or annotations show "
                        r"\(only that there are any is checked\)", en.stdout.splitlines()[1]), en.stdout
    doc = json.loads(lcity("verify", str(pdfs["en"]), "--format", "json").stdout)["reports"][0]
    assert doc["checked"][2].startswith("printed total, grade and decision, 9 places: page 2 (Summary), page ")
    assert doc["not_checked"] == ["the rest of the pages' text (tables, charts, Appendix 1's indicator scores and so on); "
                                  "what later revisions or annotations show (only that there are any is checked)"]


def test_an_edited_verified_total_in_the_summary_is_named_with_its_page(pdfs, tmp_path):
    bad = edit_printed(pdfs["zh-review"], tmp_path / "ver.pdf", 2, "75.3分", "77.3分")  # the first: the summary's
    assert "专家组核定77.3分" in "".join(PdfReader(str(bad)).pages[1].extract_text().split())
    run = lcity("verify", str(bad))
    assert run.returncode == 1
    assert run.stdout.splitlines()[:2] == [
        f"{bad}：不一致——1 处差异",
        "  - 报告第 2 页（评估摘要）所印总分为 “77.3”，由内嵌的输入数据重新计分为 “75.3”"]
    en = lcity("verify", str(bad), "--lang", "en")
    assert en.stdout.splitlines()[1] == (
        "  - page 2 (评估摘要) prints the total '77.3'; re-scoring the embedded inputs gives '75.3'")


def test_an_edited_self_assessed_total_is_named(pdfs, tmp_path):
    bad = edit_printed(pdfs["zh-review"], tmp_path / "own.pdf", 2, "75.6分", "77.6分")
    run = lcity("verify", str(bad))
    assert run.returncode == 1
    assert "  - 报告第 2 页（评估摘要）所印自评总分为 “77.6”，由内嵌的输入数据重新计分为 “75.6”" in run.stdout


def test_an_edited_total_in_an_english_conclusion_is_named(pdfs, tmp_path):
    page = _page_of(pdfs["en-review"], "Insum,")
    bad = edit_printed(pdfs["en-review"], tmp_path / "concl.pdf", page, "75.3", "77.3")  # the page's first
    run = lcity("verify", str(bad))
    assert run.returncode == 1
    assert f"  - page {page} (8. Conclusion) prints the total '77.3'; re-scoring the embedded inputs gives '75.3'" \
        in run.stdout.splitlines(), run.stdout


class _Result:
    """The little of a Result the printed sentences are read against."""

    class _Named:
        def __init__(self, zh: str, en: str) -> None:
            self.name_zh, self.name = zh, en

    def __init__(self) -> None:
        self.total, self.self_assessed = 75.3, type("Own", (), {"total": 75.58})()
        self.grade, self.recognition = self._Named("合格", "Pass"), self._Named("暂缓认定", "Recognition deferred")


def _fw():
    from indicators.loader import load_framework

    return load_framework("china-learning-city@1")


def test_a_sentence_cut_by_line_breaks_is_read_and_another_sentence_is_not_taken_for_it():
    pages = ["评估摘要\n青石区自评75.6分，专家组核定7\n5.3分（满分100分），稳健性分析90%区间为73.3\n—77.7分。",
             "综上，青石区学习型城市建设评估总得分75.3分，等级为“合\n格”，评估结论为“暂缓\n认定”。"]
    found = printed_places(["".join(p.split()) for p in pages], _Result(), _fw())
    assert [(p.what, p.printed, p.page, p.place, p.agrees) for p in found] == [
        ("own", "75.6", 1, "评估摘要", True), ("total", "75.3", 1, "评估摘要", True),
        ("total", "75.3", 2, "八、评估结论", True), ("grade", "合格", 2, "八、评估结论", True),
        ("decision", "暂缓认定", 2, "八、评估结论", True)]


def test_a_sentence_in_another_wording_is_not_compared():
    """An older report's sentence that this version does not write is passed over (then verify only
    looks whether the figure appears), never read as a wrong figure."""
    assert printed_places(["青石区总得分为75.3分，评为合格。"], _Result(), _fw()) == []
