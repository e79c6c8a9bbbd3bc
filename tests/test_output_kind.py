"""An output whose name promises another kind of file is refused before anything is written.

``lcity report -o r.yaml`` used to write a PDF under a YAML name: an editor, or ``lcity validate``,
then opened it as YAML (G6, seen in passing).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT, lcity_here

QINGSHI = str(ROOT / "examples" / "qingshi-district.yaml")


@pytest.mark.parametrize("args, name, fix", [
    (["report", QINGSHI, "-o"], "r.yaml", "r.pdf"),
    (["report", QINGSHI, "-o"], "r.HTML", "r.pdf"),
    (["report", QINGSHI, "--html"], "r.pdf", "r.html"),
    (["report", QINGSHI, "-o", "ok.pdf", "--html"], "r.json", "r.html"),
    (["demo", "-o"], "d.xlsx", "d.pdf"),
])
def test_a_name_promising_another_kind_is_refused(tmp_path: Path, args: list[str], name: str, fix: str) -> None:
    got = lcity_here(*args, name, "--lang", "en", cwd=tmp_path)
    assert got.returncode == 2
    assert list(tmp_path.iterdir()) == []  # not even the PDF whose own name was right
    assert f"{name}:1:1:" in got.stderr
    assert "promises another kind of file" in got.stderr and f"such as {fix}" in got.stderr
    assert "Traceback" not in got.stderr


def test_the_refusal_speaks_chinese(tmp_path: Path) -> None:
    got = lcity_here("report", QINGSHI, "-o", "报告.yaml", "--lang", "zh", cwd=tmp_path)
    assert got.returncode == 2
    assert "-o 写出的是 PDF 报告" in got.stderr and "例如 报告.pdf" in got.stderr


def test_a_name_without_a_known_suffix_is_the_users_choice(tmp_path: Path) -> None:
    got = lcity_here("report", QINGSHI, "-o", "qingshi-report", "--date", "2025-03-01", cwd=tmp_path)
    assert got.returncode == 0, got.stderr
    assert (tmp_path / "qingshi-report").read_bytes()[:5] == b"%PDF-"


def test_upgrade_of_standard_input_names_it_as_validate_does() -> None:
    text = (ROOT / "examples" / "qingshi-district.yaml").read_text(encoding="utf-8")
    got = lcity_here("upgrade", "-", "--lang", "en", input=text)
    assert got.returncode == 0, got.stderr
    first = got.stderr.splitlines()[0]
    assert first.startswith("<stdin> (china-learning-city@1) -> standard output"), first


def test_framework_check_of_standard_input_says_it_reads_files() -> None:
    got = lcity_here("framework", "check", "-", "--lang", "en", input="id: x\n")
    assert got.returncode == 2
    assert "reads a framework file, not standard input" in got.stderr and "no such file" not in got.stderr
