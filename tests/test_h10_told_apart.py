"""G11-11 (tests/audit_hostile/audit-g11.md): two districts named 新城区 (of two cities) assessed for
one period read as two identical rows in ``lcity sensitivity`` and the batch ranking PDF: the
period does not tell them apart, and neither named the files (lcity batch names every row's file).
Rows that still read alike now carry their file's name, '新城区（a-xincheng.yaml）'; a name no other
row shares reads as it did."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluator.benchmark import told_apart

from .conftest import EXAMPLES, lcity, lcity_here

SHOWN = {"zh": "新城区（{}）", "en": "Xincheng District ({})"}


def _renamed(src: Path, dest: Path, unit_id: str, parent: str, parent_en: str) -> None:
    text = src.read_text(encoding="utf-8")
    text = re.sub(r"  id: \w+\n  name:\n    zh: \S+\n    en: [^\n]+\n",
                  f"  id: {unit_id}\n  name:\n    zh: 新城区\n    en: Xincheng District\n", text, count=1)
    text = text.replace("  parent: 河西市\n  parent_en: Hexi City\n", f"  parent: {parent}\n  parent_en: {parent_en}\n")
    assert "zh: 新城区" in text and f"parent: {parent}" in text
    dest.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def twins(tmp_path_factory) -> Path:
    """Two districts named 新城区, of 河西市 and 江宁市, both assessed for 2024–2025."""
    folder = tmp_path_factory.mktemp("twins")
    _renamed(EXAMPLES / "districts" / "baiyang.yaml", folder / "a-xincheng.yaml", "xincheng-hexi", "河西市", "Hexi City")
    _renamed(EXAMPLES / "districts" / "dongbin.yaml", folder / "b-xincheng.yaml", "xincheng-jn", "江宁市", "Jiangning City")
    return folder


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sensitivity_names_the_files_of_two_units_that_read_alike(twins, lang):
    run = lcity_here("sensitivity", str(twins), "-n", "200", "--no-sobol", "--lang", lang)
    assert run.returncode == 0, run.stderr
    for file in ("a-xincheng.yaml", "b-xincheng.yaml"):
        rows = [ln for ln in run.stdout.splitlines() if ln.lstrip().startswith(SHOWN[lang].format(file))]
        assert len(rows) >= 3, run.stdout  # its table row, its drawn-unknowns line, its geometric-mean line
    bare = re.compile(r"^\s*(新城区|Xincheng District)(\s+[\d—]|[：:])")
    assert not [ln for ln in run.stdout.splitlines() if bare.match(ln)], run.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_file_alone_reads_as_before(twins, tmp_path, lang):
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copy(twins / "a-xincheng.yaml", folder / "a-xincheng.yaml")
    shutil.copy(EXAMPLES / "districts" / "wanghu.yaml", folder / "wanghu.yaml")
    run = lcity_here("sensitivity", str(folder), "-n", "200", "--no-sobol", "--lang", lang)
    assert run.returncode == 0, run.stderr
    assert "xincheng.yaml" not in run.stdout and "wanghu.yaml" not in run.stdout
    assert any(ln.startswith("新城区 " if lang == "zh" else "Xincheng District ") for ln in run.stdout.splitlines())


def test_the_ranking_names_the_files_of_two_units_that_read_alike(twins, tmp_path):
    from pypdf import PdfReader

    run = lcity("batch", str(twins), "-o", str(tmp_path / "out"), "--lang", "zh")
    assert run.returncode == 0, run.stderr
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "out" / "ranking.pdf").pages)
    text = re.sub(r"\s+", "", text)
    assert "新城区（b-xincheng.yaml）" in text and "新城区（a-xincheng.yaml）" in text, text[:800]


def _suffix(x: str) -> str:
    return f" ({x})"


@given(st.lists(st.tuples(st.sampled_from(["新城区", "Wanghu"]), st.sampled_from(["2024", "2020–2021"])),
                max_size=6))
def test_property_rows_read_alike_only_without_their_files(rows):
    """With each row's file given, no two rows read alike; a row no other row reads like is as it
    was without the files."""
    names, periods = [n for n, _ in rows], [p for _, p in rows]
    files = [f"f{k}.yaml" for k in range(len(rows))]
    before = told_apart(names, periods, _suffix)
    after = told_apart(names, periods, _suffix, files)
    assert len(set(after)) == len(after)
    for b, a, f in zip(before, after, files):
        assert a == (b if before.count(b) == 1 else f"{b} ({f})")
