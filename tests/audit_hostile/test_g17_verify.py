"""Red-team round G17 (audit-g17.md beside this file): ``lcity verify`` on reports edited after
lcity wrote them. Each test states what the user should see."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_g6_defects import QINGSHI, forged, lcity, no_crash


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory) -> Path:
    """The example district's report, with its inputs embedded (made once for the module)."""
    out = tmp_path_factory.mktemp("g17report") / "base.pdf"
    proc = lcity("report", str(QINGSHI), "-o", str(out), "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    return out


# --- G17-1 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("named", [b"unesco-key-features@1", b"../../etc/passwd@1"])
@pytest.mark.parametrize("lang, differs, not_said", [
    ("en", "differs", "cannot be checked here"), ("zh", "不一致", "无法在本机核验")])
def test_an_edited_framework_line_is_a_difference_not_cannot_be_checked(report_pdf, tmp_path, named, lang,
                                                                        differs, not_said):
    """The Result's framework (china-learning-city@1) is installed: an embedded assessment that now
    names another one was edited, and verify says it differs (exit 1), never that the report's
    framework is missing here and 'this says nothing against the report' (exit 2)."""
    def edit(files):
        files["assessment.yaml"] = files["assessment.yaml"].replace(b"framework: china-learning-city@1",
                                                                    b"framework: " + named)
        return files

    proc = lcity("verify", str(forged(report_pdf, tmp_path / "fw.pdf", edit)), "--lang", lang)
    no_crash(proc)
    said = " ".join((proc.stdout + proc.stderr).split())
    assert proc.returncode == 1, said
    assert differs in said and not_said not in said
    assert "SHA-256" in said  # the edit itself is named first


# --- G17-3 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("extra", ["assessment.xlsx", "review-01.yaml", "../../etc/x.yaml"])
def test_an_attachment_lcity_never_writes_is_a_difference(report_pdf, tmp_path, extra):
    """lcity writes assessment.yaml or assessment.xlsx (never both), review-N.yaml and result.json.
    Any other attachment, which a reader may open from the PDF, makes the verdict 'differs' and is
    named; review-01.yaml is not applied as a review."""
    review = (QINGSHI.parent / "qingshi-district.review.yaml").read_bytes()

    def edit(files):
        files[extra] = review
        return files

    proc = lcity("verify", str(forged(report_pdf, tmp_path / "extra.pdf", edit)), "--lang", "en")
    no_crash(proc)
    said = " ".join((proc.stdout + proc.stderr).split())
    assert proc.returncode == 1, said
    assert "differs — 1 difference" in said, said  # the review inside was never applied
    assert f"embedded files lcity does not write: '{extra}'" in said, said


# --- G17-4 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang, says", [("en", "the file ends before the PDF does"),
                                        ("zh", "文件在 PDF 结束之前就中断了")])
def test_a_cut_pdf_is_said_without_python_names(report_pdf, tmp_path, lang, says):
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(report_pdf.read_bytes()[:300_000])
    proc = lcity("verify", str(cut), "--lang", lang)
    no_crash(proc)
    said = " ".join((proc.stdout + proc.stderr).split())
    assert proc.returncode == 1 and says in said, said
    assert "Error" not in said and "Stream" not in said, said


@pytest.mark.parametrize("data, says", [(b"\x1b[31mnot json", "内嵌的 result.json 不是计算结果（不是有效的 JSON）"),
                                        (b"[" * 100_000 + b"]" * 100_000, "嵌套层数过多"),
                                        (b"[]", "不是 JSON 对象")])
def test_an_embedded_result_that_is_not_json_is_said_in_chinese(report_pdf, tmp_path, data, says):
    def edit(files):
        files["result.json"] = data
        return files

    proc = lcity("verify", str(forged(report_pdf, tmp_path / "json.pdf", edit)), "--lang", "zh")
    no_crash(proc)
    said = " ".join((proc.stdout + proc.stderr).split())
    assert proc.returncode == 1 and says in said, said
    assert "Error" not in said and "Expecting" not in said, said
