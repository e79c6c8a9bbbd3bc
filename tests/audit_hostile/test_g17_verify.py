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
