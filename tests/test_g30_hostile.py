"""Audit G30-H: hostile inputs (tests/audit_cities/g30h/AUDIT.md).

Each command is run as a user runs it; the tests assert the exit code and the words a user sees,
in zh and en, and what is (not) written."""

from __future__ import annotations

import shutil

import pytest

from .conftest import ROOT, lcity_here

QINGSHI = ROOT / "examples" / "qingshi-district.yaml"


# --- G30H-1: an output's folder is missing ------------------------------------------------------


@pytest.mark.parametrize(("args", "said"), [
    (("-o", "r.pdf", "--html", "missing/r.html"), ("missing/r.html", "--html")),
    (("--html", "missing/r.html"), ("missing/r.html", "--html")),
    (("-o", "missing/r.pdf", "--html", "r.html"), ("missing/r.pdf", "-o")),
])
def test_a_missing_folder_names_the_option_that_gave_it_and_nothing_is_written(tmp_path, args, said):
    shutil.copy(QINGSHI, tmp_path / "q.yaml")
    path, option = said
    en = lcity_here("report", "q.yaml", *args, "--lang", "en", cwd=tmp_path)
    assert en.returncode == 2, en.stderr
    assert en.stderr.startswith(f"{path}:1:1: error unwritable: folder 'missing' does not exist "
                                f"(create it first, or give another {option} path)")
    zh = lcity_here("report", "q.yaml", *args, "--lang", "zh", cwd=tmp_path)
    assert zh.returncode == 2, zh.stderr
    assert f"文件夹“missing”不存在（请先创建该文件夹，或用 {option} 指定其他路径）" in zh.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.yaml"]  # no r.pdf, no r.html, no .part


def test_a_missing_folder_is_refused_before_the_report_is_rendered(tmp_path, monkeypatch):
    """The folder was found missing only after the seconds of rendering; now before any."""
    import reports.render

    def never(*args, **kwargs):
        raise AssertionError("rendered a report that could not be written")

    monkeypatch.setattr(reports.render, "render_report", never)
    monkeypatch.setattr(reports.render, "render_html", never)
    shutil.copy(QINGSHI, tmp_path / "q.yaml")
    run = lcity_here("report", "q.yaml", "-o", "r.pdf", "--html", "missing/r.html", "--lang", "en", cwd=tmp_path)
    assert run.returncode == 2 and "give another --html path" in run.stderr, run.stderr
