"""G11-7 (tests/audit_hostile/audit-g11.md): ``lcity report X -o 'r.pdf '`` (a trailing space) and
``-o r.ｐｄｆ`` (full-width letters) were written without a word, under names that read as a PDF but
that no file manager opens as one. Every command writing a named kind of file now refuses such a
name (exit 2, nothing written) and gives the name to use, in Chinese and English. Ordinary names,
'r.PDF' and 'Ｒ.pdf' (a full-width name with a plain ending) among them, are written as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import ROOT, lcity_here

QINGSHI = str(ROOT / "examples" / "qingshi-district.yaml")

CASES = [
    (["report", QINGSHI, "-o"], "-o", "r.pdf ", "r.pdf", "space"),
    (["report", QINGSHI, "-o"], "-o", "r.ｐｄｆ", "r.pdf", "wide"),
    (["report", QINGSHI, "-o"], "-o", "r．pdf", "r.pdf", "wide"),
    (["report", QINGSHI, "-o"], "-o", "r.pdf.", "r.pdf", "dot"),
    (["report", QINGSHI, "-o"], "-o", "r.yaml ", "r.pdf", "space"),  # the kind it writes, not the one it looks like
    (["report", QINGSHI, "--html"], "--html", "r.html ", "r.html", "space"),
    (["report", QINGSHI, "--html"], "--html", "r.ｈｔｍ", "r.htm", "wide"),
    (["demo", "-o"], "-o", "d.pdf ", "d.pdf", "space"),
    (["init", "-o"], "-o", "f.yaml ", "f.yaml", "space"),
    (["init", "-o"], "-o", "f.ｘｌｓｘ", "f.xlsx", "wide"),
    (["review", "init", QINGSHI, "-o"], "-o", "rv.yml\u3000", "rv.yml", "space"),
    (["upgrade", QINGSHI, "-o"], "-o", "u.yaml ", "u.yaml", "space"),
    (["plan", QINGSHI, "--target", "良好", "-o"], "-o", "p.ｙａｍｌ", "p.yaml", "wide"),
    (["convert", QINGSHI], "OUT", "c.xlsx ", "c.xlsx", "space"),
    (["convert", QINGSHI, "-o"], "OUT", "c.ｙｍｌ", "c.yml", "wide"),
]
WHY = {"space": ("末尾有空格", "ends in a space"), "dot": ("末尾多了句点", "ends in a dot"),
       "wide": ("的扩展名用了全角字符", "has full-width characters in its ending")}


@pytest.mark.parametrize("args, option, name, fix, why", CASES, ids=[repr(c[2]) + " " + c[0][0] for c in CASES])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_name_that_only_looks_like_its_kind_is_refused(tmp_path: Path, args, option, name, fix, why, lang):
    got = lcity_here(*args, name, "--lang", lang, cwd=tmp_path)
    assert got.returncode == 2, got.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written, not even a schema beside it
    assert "Traceback" not in got.stderr
    line = got.stderr.strip().splitlines()[-1]
    if lang == "zh":
        assert f"{option} 的文件名“{name}”{WHY[why][0]}" in line and f"（请改用文件名 {fix}）" in line, line
    else:
        assert f"{option} name '{name}' {WHY[why][1]}" in line and f"(use the name {fix})" in line, line
        assert "a file manager or viewer would not open it as one" in line


@pytest.mark.parametrize("name", ["r.PDF", "Ｒ.pdf", "报告 2025.pdf", "r"])
def test_ordinary_names_are_written_as_before(tmp_path: Path, name: str):
    got = lcity_here("demo", "-o", name, "--lang", "en", cwd=tmp_path)
    assert got.returncode == 0, got.stderr
    assert (tmp_path / name).read_bytes()[:5] == b"%PDF-"


@settings(max_examples=200, deadline=None)
@given(stem=st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1,
                    max_size=8).filter(lambda s: "/" not in s and "." not in s and s.strip(". \u3000") == s),
       suffix=st.sampled_from([".pdf", ".html", ".yaml", ".xlsx", ".csv"]),
       tail=st.sampled_from(["", " ", ".", "\u3000", " .", "\t"]),
       wide=st.booleans())
def test_property_refused_exactly_when_the_ending_is_not_plain(stem, suffix, tail, wide):
    """A plain ending ('.pdf', any stem) is never refused; one with a trailing space or dot or with
    full-width letters always is, and the name given is the stem with the plain ending."""
    from indicators.problems import InputError
    from lcity.escapes import visible
    from lcity.output import refuse_lookalike

    ending = "".join(chr(ord(c) + 0xFEE0) for c in suffix) if wide else suffix  # full-width forms
    name = stem + ending + tail
    try:
        refuse_lookalike(Path(name))
    except InputError as exc:
        assert tail or wide, name
        assert visible(f"{stem}{suffix}") == exc.problems[0].hint.values["file"]
    else:
        assert not tail and not wide, name
