"""lcity verify: a report's PDF carries its inputs and its Result, and a changed copy is named.

Each example report is rendered once per session (conftest fixtures); tampered copies are made the way a person
would make them, by rewriting an embedded file of the PDF with pypdf.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from reports.embedded import ASSESSMENT, RESULT, input_files
from reports.verify_pdf import NotAReport, verify

from .conftest import EXAMPLES, lcity_here as lcity

#: (name, assessment, reviews, language): the three examples and the reviewed one
CASES = [
    ("qingshi-zh", "qingshi-district.yaml", [], "zh"),
    ("yunling-en", "yunling-county.yaml", [], "en"),
    ("jianglan-zh", "jianglan-city.yaml", [], "zh"),
    ("qingshi-reviewed", "qingshi-district.yaml", ["qingshi-district.review.yaml"], "zh"),
]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, example_reports, reviewed_qingshi) -> dict[str, Path]:
    """The reports as lcity report writes them, rendered once per session (conftest, shared with
    test_report and test_report_review)."""
    folder = tmp_path_factory.mktemp("verify")
    out = {}
    for name, file, reviews, lang in CASES:
        target = folder / f"{name}.pdf"
        if reviews:
            assert reviewed_qingshi["proc"].returncode == 0, reviewed_qingshi["proc"].stderr
            assert (file, reviews) == ("qingshi-district.yaml", ["qingshi-district.review.yaml"])
            target.write_bytes(reviewed_qingshi["pdf"].read_bytes())
        else:
            target.write_bytes(example_reports[(file.removesuffix(".yaml"), lang)].pdf)
        out[name] = target
    return out


def tamper(src: Path, dst: Path, name: str, change) -> Path:
    """A copy of ``src`` whose embedded ``name`` is ``change(bytes)``."""
    writer = PdfWriter(clone_from=str(src))
    entry = next(e for e in writer.attachment_list if e.name == name)
    entry.content = change(entry.content)
    with open(dst, "wb") as fh:
        writer.write(fh)
    return dst


def edit_result(key: str, value):
    def change(data: bytes) -> bytes:
        result = json.loads(data)
        result[key] = value
        return json.dumps(result, ensure_ascii=False).encode()
    return change


@pytest.mark.parametrize("name", [c[0] for c in CASES])
def test_verify_accepts_each_example_report(pdfs, name):
    verdict = verify(pdfs[name])
    assert verdict.ok, verdict.differences
    assert verdict.total is not None and verdict.grade and verdict.decision


def test_the_report_embeds_inputs_and_result_as_associated_files(pdfs):
    reader = PdfReader(str(pdfs["qingshi-reviewed"]))
    assert sorted(reader.attachments) == [ASSESSMENT, RESULT, "review-1.yaml"]
    assert reader.attachments[ASSESSMENT][0] == (EXAMPLES / "qingshi-district.yaml").read_bytes()
    assert json.loads(reader.attachments[RESULT][0])["review"]["reviewers"] == 1
    root = reader.trailer["/Root"]
    # PDF/A-3 associated files, listed in the catalog (WeasyPrint 70 lists each one twice)
    assert len({ref.idnum for ref in root["/AF"]}) == 3
    relations = {str(spec.get_object()["/UF"]): str(spec.get_object()["/AFRelationship"]) for spec in root["/AF"]}
    assert relations == {ASSESSMENT: "/Source", "review-1.yaml": "/Source", RESULT: "/Data"}


def test_a_changed_answer_is_named(pdfs, tmp_path):
    def change(data: bytes) -> bytes:
        text = data.decode("utf-8")
        assert "    value: provincial_only\n" in text
        return text.replace("    value: provincial_only\n", "    value: own_regulation\n", 1).encode()
    copy = tamper(pdfs["qingshi-zh"], tmp_path / "answer.pdf", ASSESSMENT, change)
    verdict = verify(copy)
    said = "\n".join(verdict.differences)
    assert "SHA-256" in said  # the embedded file is not the one the Result was scored from
    assert "indicator B1:" in said and "total:" in said


def test_an_edited_total_is_named(pdfs, tmp_path):
    copy = tamper(pdfs["qingshi-zh"], tmp_path / "total.pdf", RESULT, edit_result("total", 91.5))
    verdict = verify(copy)
    assert [d for d in verdict.differences if d.startswith("total:")] == [
        d for d in verdict.differences if "91.50" in d]
    assert any("91.50" in d and "75.58" in d for d in verdict.differences)


def test_a_changed_framework_version_is_named(pdfs, tmp_path):
    result = json.loads(PdfReader(str(pdfs["jianglan-zh"])).attachments[RESULT][0])
    other = result["framework"].rsplit("@", 1)[0] + "@99"
    copy = tamper(pdfs["jianglan-zh"], tmp_path / "framework.pdf", RESULT, edit_result("framework", other))
    verdict = verify(copy)
    assert any(d.startswith("framework:") and other in d for d in verdict.differences), verdict.differences


def test_cli_exit_codes_and_messages(pdfs, tmp_path):
    good = lcity("verify", str(pdfs["qingshi-zh"]))  # a Chinese report: its verdict in Chinese
    assert good.returncode == 0 and "：一致——总分 75.6" in good.stdout
    bad = tamper(pdfs["qingshi-zh"], tmp_path / "bad.pdf", RESULT, edit_result("total", 91.5))
    run = lcity("verify", str(bad), str(pdfs["qingshi-zh"]), "--lang", "en")
    assert run.returncode == 1
    assert "bad.pdf: differs" in run.stdout and "total: the embedded Result says 91.50" in run.stdout
    assert "Traceback" not in run.stderr
    as_json = json.loads(lcity("verify", str(bad), "--format", "json").stdout)
    assert as_json["agrees"] is False and as_json["reports"][0]["differences"]


def test_a_pdf_without_inputs_or_not_a_pdf_is_exit_1(tmp_path, pdfs):
    plain = tmp_path / "plain.pdf"
    writer = PdfWriter(clone_from=str(pdfs["qingshi-zh"]))
    for entry in list(writer.attachment_list):
        entry.delete()
    writer.write(str(plain))
    with pytest.raises(NotAReport):
        verify(plain)
    junk = tmp_path / "junk.pdf"
    junk.write_text("not a pdf", encoding="utf-8")
    for path in (plain, junk):
        run = lcity("verify", str(path))
        assert run.returncode == 1 and "not-a-report" in run.stderr and "Traceback" not in run.stderr
    missing = lcity("verify", str(tmp_path / "nowhere.pdf"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_pdfinfo_says_tagged_with_language_outline_and_attachments(pdfs, tmp_path):
    if shutil.which("pdfinfo") is None:
        pytest.skip("poppler-utils not installed")
    for name, lang in (("qingshi-zh", "zh-CN"), ("yunling-en", "en")):
        info = subprocess.run(["pdfinfo", str(pdfs[name])], capture_output=True, text=True).stdout
        assert "Tagged:          yes" in info and "Metadata Stream: yes" in info
        reader = PdfReader(str(pdfs[name]))
        assert str(reader.trailer["/Root"]["/Lang"]) == lang
        assert len(reader.outline) >= 8  # chapters and appendices as bookmarks
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
        assert b'pdfaid:part="3"' in xmp or b"<pdfaid:part>3</pdfaid:part>" in xmp
        assert b"pdfuaid:part" in xmp
        listed = subprocess.run(["pdfdetach", "-list", str(pdfs[name])], capture_output=True, text=True).stdout
        assert ASSESSMENT in listed and RESULT in listed


def test_wording_is_a_note_and_a_figure_a_difference():
    from reports.verify_pdf import changed_leaves, compare_results, is_wording

    printed = {"framework": "f@1", "total": 50.0, "grade": {"id": "pass"}, "recognition": {"outcome": "deferred"},
               "indicators": [], "dimensions": [{"id": "D", "name": "多元经费保障", "score": 4.0}]}
    reworded = json.loads(json.dumps(printed))
    reworded["dimensions"][0]["name"] = "经费保障"
    assert compare_results(printed, reworded) == []
    assert [k for k in changed_leaves(printed, reworded) if is_wording(k)] == ["dimensions[D].name"]
    rescored = json.loads(json.dumps(printed))
    rescored["dimensions"][0]["score"] = 5.0
    assert compare_results(printed, rescored) == [
        "the embedded Result differs from the re-scored one in dimensions[D].score"]


def test_the_embedded_result_names_the_file_not_its_folder(pdfs):
    result = json.loads(PdfReader(str(pdfs["qingshi-zh"])).attachments[RESULT][0])
    assert result["provenance"]["input_file"] == "qingshi-district.yaml"
    assert str(EXAMPLES) not in PdfReader(str(pdfs["qingshi-zh"])).attachments[RESULT][0].decode()


def test_a_workbook_assessment_is_embedded_as_read_and_rescored(tmp_path):
    from reports.embedded import ASSESSMENT_XLSX
    from reports.verify_pdf import rescore

    book = tmp_path / "q.xlsx"
    run = lcity("convert", str(EXAMPLES / "qingshi-district.yaml"), str(book))
    assert run.returncode == 0, run.stderr
    files = {f.name: f.data for f in input_files(book)}
    assert list(files) == [ASSESSMENT_XLSX] and files[ASSESSMENT_XLSX] == book.read_bytes()
    assert round(rescore(files, "q.xlsx")[0].total, 2) == 75.58


def _edit_provenance(key: str, value):
    def change(data: bytes) -> bytes:
        result = json.loads(data)
        result["provenance"][key] = value
        return json.dumps(result, ensure_ascii=False).encode()
    return change


def _locale(monkeypatch, lang: str) -> None:
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", lang)


def _without_lang(src: Path, dst: Path) -> Path:
    """A copy of a report whose PDF declares no language (no /Lang in its catalog)."""
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=str(src))
    del writer._root_object[NameObject("/Lang")]
    with open(dst, "wb") as fh:
        writer.write(fh)
    return dst


def _verdict(stdout: str) -> list[str]:
    """The verdict lines, without the line saying what was compared (test_verify_printed_totals)."""
    return [line for line in stdout.splitlines() if not line.startswith(("  核对了：", "  checked: "))]


def test_the_verdict_follows_lang_else_the_reports_language_else_the_locale(pdfs, tmp_path, monkeypatch):
    """As lcity validate speaks about a form in its lang:, verify speaks about a report in the
    report's own language (its PDF's /Lang), whatever the locale; --lang (or lcity --lang) says
    another; a PDF that declares none is spoken about in the locale's language, else English."""
    good = pdfs["qingshi-zh"]
    bad = tamper(good, tmp_path / "bad.pdf", RESULT, edit_result("total", 91.5))
    agrees_zh = f"{good}：一致——总分 75.6，合格，暂缓认定（由内嵌的输入数据重新计分）"
    differs_zh = [f"{bad}：不一致——1 处差异", "  - 总分：内嵌结果为 91.50，由内嵌的输入数据重新计分为 75.58"]
    agrees_en = f"{good}: agrees — total 75.6, 合格, 暂缓认定 (re-scored from the embedded inputs)"
    differs_en = [f"{bad}: differs — 1 difference",
                  "  - total: the embedded Result says 91.50, re-scoring the embedded inputs gives 75.58"]
    _locale(monkeypatch, "C.UTF-8")
    run = lcity("verify", str(bad), str(good))  # a Chinese report, an English locale: Chinese
    assert run.returncode == 1 and _verdict(run.stdout) == [*differs_zh, agrees_zh]
    assert run.stdout.count("\n  核对了：内嵌自评表的 SHA-256、") == 2  # each verdict says what it compared
    assert _verdict(lcity("verify", str(bad), str(good), "--lang", "en").stdout) == [*differs_en, agrees_en]
    assert _verdict(lcity("--lang", "en", "verify", str(bad), str(good)).stdout) == [*differs_en, agrees_en]
    english = pdfs["yunling-en"]
    _locale(monkeypatch, "zh_CN.UTF-8")
    assert _verdict(lcity("verify", str(bad), str(good)).stdout) == [*differs_zh, agrees_zh]
    said = lcity("verify", str(english)).stdout  # an English report, a Chinese locale: English
    assert said.startswith(f"{english}: agrees — total ") and "（" not in said, said
    assert lcity("verify", str(english), "--lang", "zh").stdout.startswith(f"{english}：一致——总分 ")
    undeclared = _without_lang(good, tmp_path / "no-lang.pdf")  # (its sentences are read in either language)
    assert lcity("verify", str(undeclared)).stdout.startswith(f"{undeclared}：一致——")  # the locale's language
    _locale(monkeypatch, "C.UTF-8")
    assert lcity("verify", str(undeclared)).stdout.startswith(f"{undeclared}: agrees — ")
    as_json = json.loads(lcity("verify", str(bad), "--format", "json").stdout)  # the JSON keeps its English
    assert as_json["reports"][0]["differences"] == [differs_en[1][4:]]


def test_a_piped_report_is_spoken_about_in_its_own_language(pdfs, monkeypatch):
    """lcity verify - reads the PDF from stdin; its /Lang counts as a file's would."""
    _locale(monkeypatch, "C.UTF-8")
    run = subprocess.run([sys.executable, "-m", "lcity", "verify", "-"], input=pdfs["qingshi-zh"].read_bytes(),
                         capture_output=True, env={**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.decode().startswith("<stdin>：一致——总分 75.6，合格，暂缓认定")


def test_every_difference_and_note_is_said_in_chinese(pdfs, tmp_path, monkeypatch):
    """Each sentence reports.verify_pdf writes is a catalog message, so a Chinese verdict has no
    English sentence in it (only file names, ids and quoted values stay as they are)."""
    import re

    from indicators.messages import Msg, catalog

    def change(data: bytes) -> bytes:
        return data.decode("utf-8").replace("    value: provincial_only\n", "    value: own_regulation\n", 1).encode()

    framework = json.loads(PdfReader(str(pdfs["jianglan-zh"])).attachments[RESULT][0])["framework"]
    copies = [tamper(pdfs["qingshi-zh"], tmp_path / "answer.pdf", ASSESSMENT, change),
              tamper(pdfs["jianglan-zh"], tmp_path / "framework.pdf", RESULT,
                     edit_result("framework", framework.rsplit("@", 1)[0] + "@99")),
              tamper(pdfs["qingshi-zh"], tmp_path / "grade.pdf", RESULT, edit_result("grade", {"id": "excellent"})),
              tamper(pdfs["qingshi-zh"], tmp_path / "broken.pdf", RESULT, lambda data: b"[[["),
              tamper(pdfs["qingshi-zh"], tmp_path / "old.pdf", RESULT, _edit_provenance("version", "0.0.1"))]
    verdicts = [verify(path) for path in copies]
    said = [line for v in verdicts for line in v.differences + v.notes + v.checked]
    assert len(said) >= 8
    assert [line for line in said if not (isinstance(line, Msg) and line.key in catalog("zh"))] == []
    _locale(monkeypatch, "zh_CN.UTF-8")
    run = lcity("verify", *map(str, copies))
    assert run.returncode == 1
    assert "  - 指标 B1：内嵌结果为 “provincial_only”，得 2.00 分；内嵌自评表为 “own_regulation”，得 4.00 分" in run.stdout
    assert "  - 报告第 2 页（评估摘要）所印总分为 “75.6”，由内嵌的输入数据重新计分为 “77.6”" in run.stdout
    assert "  - 等级：内嵌结果为 优秀，重新计分为 合格" in run.stdout  # the framework's names, not the ids
    assert "注：报告由 lcity 0.0.1 生成，本机为 " in run.stderr
    for line in (run.stdout + run.stderr).splitlines():
        words = re.sub(r"\S*\.pdf|lcity report --framework|[A-Za-z]+Error: .*", "", line)  # names, the parser's own text
        assert not re.search(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}", words), line


def test_an_english_report_is_verified_in_chinese_with_chinese_grade_names(pdfs, tmp_path):
    """A Chinese verdict on an English report names its grade and decision in Chinese; the English
    verdict and the JSON say them as before (the English name, the grade id)."""
    good = pdfs["yunling-en"]
    result = json.loads(PdfReader(str(good)).attachments[RESULT][0])
    bad = tamper(good, tmp_path / "grade.pdf", RESULT, edit_result("grade", {"id": "excellent"}))
    zh = lcity("verify", str(good), str(bad), "--lang", "zh")
    assert zh.returncode == 1
    assert _verdict(zh.stdout) == [
        (f"{good}：一致——总分 {result['total']:.1f}，{result['grade']['name_zh']}，{result['recognition']['name_zh']}"
         "（由内嵌的输入数据重新计分）"),
        f"{bad}：不一致——1 处差异",
        f"  - 等级：内嵌结果为 优秀，重新计分为 {result['grade']['name_zh']}"]
    en = lcity("verify", str(good), str(bad), "--lang", "en")
    assert _verdict(en.stdout) == [
        (f"{good}: agrees — total {result['total']:.1f}, {result['grade']['name']}, {result['recognition']['name']}"
         " (re-scored from the embedded inputs)"),
        f"{bad}: differs — 1 difference",
        f"  - grade: the embedded Result says excellent, re-scoring gives {result['grade']['id']}"]
    doc = json.loads(lcity("verify", str(good), str(bad), "--format", "json", "--lang", "zh").stdout)
    assert (doc["reports"][0]["grade"], doc["reports"][0]["decision"]) == (
        result["grade"]["name"], result["recognition"]["name"])
    assert doc["reports"][1]["differences"] == [
        f"grade: the embedded Result says excellent, re-scoring gives {result['grade']['id']}"]


def test_a_grade_missing_from_an_english_page_is_quoted_and_named_in_chinese():
    """The text looked for stays as the page would show it ('Good'); a Chinese reader is told its name."""
    from indicators.messages import say
    from reports.verify_pdf import _shown

    assert (str(_shown("Good", "良好")), say(_shown("Good", "良好"), "zh")) == ("'Good'", "“Good”（良好）")
    assert (str(_shown("77.6", None)), say(_shown("77.6", None), "zh")) == ("'77.6'", "“77.6”")
    assert say(_shown("良好", "良好"), "zh") == "“良好”"


def _msg_calls(path: Path) -> list[tuple[list, set[str], int]]:
    """(keys, keyword names, line) of every Msg(...) call in a module's source: the key written as a
    literal, or as ``"a" if ... else "b"`` (both listed); anything else is listed as [None]."""
    import ast

    def keys(node) -> list:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.IfExp):
            return keys(node.body) + keys(node.orelse)
        return [None]

    return [(keys(node.args[0]) if node.args else [None], {k.arg for k in node.keywords}, node.lineno)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Msg"]


def test_every_message_verify_pdf_writes_is_in_both_catalogs_with_its_fields():
    """Every Msg key reports.verify_pdf can write exists in zh and en, and each language's text uses
    exactly the fields the call passes (a missing one would fail when said, an extra one be lost)."""
    import reports.verify_pdf as module
    from indicators.messages import catalog, placeholders

    calls = _msg_calls(Path(module.__file__))
    assert len(calls) >= 20
    problems = []
    for keys, fields, line in calls:
        for key in keys:
            for lang in ("zh", "en"):
                if key not in catalog(lang):
                    problems.append(f"line {line}: {key} missing from {lang}")
                elif placeholders(catalog(lang)[key]) != fields:
                    problems.append(f"line {line}: {key} in {lang} has {sorted(placeholders(catalog(lang)[key]))}, "
                                    f"the call passes {sorted(fields)}")
    assert problems == []


def test_a_pdf_without_a_result_is_refused_in_the_users_language(pdfs, tmp_path):
    plain = tmp_path / "no-result.pdf"
    writer = PdfWriter(clone_from=str(pdfs["qingshi-zh"]))
    for entry in list(writer.attachment_list):
        if entry.name == RESULT:
            entry.delete()
    writer.write(str(plain))
    zh = lcity("verify", str(plain), "--lang", "zh")
    assert zh.returncode == 1
    assert f"{plain}:1:1: 错误 not-a-report: PDF 中没有内嵌的 {RESULT}（lcity report 生成的报告两者都内嵌）" in zh.stderr
    en = lcity("verify", str(plain), "--lang", "en")
    assert f"not-a-report: the PDF carries no embedded {RESULT} (reports written by lcity report embed both)" in en.stderr


def test_a_report_made_before_a_field_existed_still_agrees():
    """city.parent_en came later: a Result without it is older, not different; one that carries it
    with another value differs."""
    from reports.verify_pdf import compare_results

    printed = {"framework": "f@1", "total": 50.0, "grade": {"id": "pass"}, "recognition": {"outcome": "deferred"},
               "indicators": [], "city": {"name": "Qingshi District", "parent": "河西市"}}
    rescored = json.loads(json.dumps(printed))
    rescored["city"]["parent_en"] = "Hexi City"
    assert compare_results(printed, rescored) == []
    printed["city"]["parent_en"] = "Somewhere else"
    assert compare_results(printed, rescored) == [
        "the embedded Result differs from the re-scored one in city.parent_en"]


def test_the_printed_total_is_looked_for_as_the_report_writes_it():
    """The report writes 84.96 (not 85.0) just under the line of 85: verify looks for that text."""
    from evaluator.pipeline import read_scored
    from reports.verify_pdf import printed_figures

    result, loaded = read_scored(EXAMPLES / "qingshi-district.yaml")
    near = result.model_copy(update={"total": 84.96})
    assert printed_figures(near, loaded.framework, "zh")[0] == ("total", "84.96")
    assert printed_figures(result, loaded.framework, "en")[0] == ("total", f"{result.total:.1f}")


@pytest.mark.parametrize("key, value, said", [
    ("grade", "excellent", "等级：内嵌结果为 优秀，重新计分为 合格"),
    ("provenance", "x", "内嵌结果与重新计分的结果在以下字段不同：provenance、"),
    ("indicators", 5, "43 项指标只在重新计分的结果中：A1、A2、A3")])
def test_an_embedded_result_edited_out_of_shape_is_named_not_a_crash(pdfs, tmp_path, key, value, said):
    """A Result whose grade is a bare string (not {id: …}), or whose provenance or indicators are not
    what a Result holds, is a difference like any other (it was an internal error)."""
    bad = tamper(pdfs["qingshi-zh"], tmp_path / "shape.pdf", RESULT, edit_result(key, value))
    run = lcity("verify", str(bad), "--lang", "zh")
    assert run.returncode == 1 and "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    assert f"  - {said}" in run.stdout


def test_an_answer_is_quoted_as_each_language_quotes_it():
    """English keeps the JSON it always wrote (the JSON output carries it); Chinese quotes “…”."""
    from indicators.messages import say
    from reports.verify_pdf import _num

    cases = [(2.0, "2.00", "2.00"), (60, "60", "60"), ("city", '"city"', "“city”"),
             (["a", "b"], '["a", "b"]', "“a”、“b”"), ([], "[]", "[]"), (None, "null", "null")]
    assert [(str(_num(x)), say(_num(x), "zh")) for x, _, _ in cases] == [(en, zh) for _, en, zh in cases]


def test_an_unreadable_file_does_not_hide_the_verdicts_of_the_others(pdfs, tmp_path):
    """A missing file or a folder among the reports is named with its reason (exit 2); every other
    report is still verified and said; --format json is one document with the verdicts and the problems."""
    good, missing, folder = pdfs["qingshi-zh"], tmp_path / "gone.pdf", tmp_path
    text = lcity("verify", str(missing), str(good), str(folder), "--lang", "en")
    assert text.returncode == 2
    assert f"{good}: agrees — total" in text.stdout
    assert f"{missing}:1:1: error unreadable" in text.stderr and f"{folder}:1:1: error unreadable" in text.stderr
    run = lcity("verify", str(missing), str(good), str(folder), "--format", "json")
    assert run.returncode == 2
    doc = json.loads(run.stdout)  # one document
    assert [(r["file"], r["agrees"]) for r in doc["reports"]] == [(str(missing), False), (str(good), True),
                                                                 (str(folder), False)]
    assert [p["rule"] for p in doc["problems"]] == ["unreadable", "unreadable"]


def test_the_agreeing_line_writes_the_total_as_the_report_prints_it(pdfs):
    from evaluator.rounding import shown_total, total_limits
    from indicators.loader import load_framework
    from reports.verify_pdf import verify

    verdict = verify(pdfs["qingshi-zh"])
    assert verdict.ok
    assert verdict.total_text == shown_total(verdict.total, total_limits(load_framework("china-learning-city@1")))
