"""A key missing from, or unknown at, the top level of a file is said as one phrase: "文件最外层缺少
“period”", not "文件最外层 缺少“period”" (a space that only a dotted path such as ``city`` needs
before the verb)."""

from __future__ import annotations

import pytest

from .conftest import lcity_here

FORM = "framework: china-learning-city@2\ncity: {name: {zh: 青石区}, level: district}\nanswers: {}\nfoo: 1\n"


@pytest.mark.parametrize("lang, missing, unknown", [
    ("zh", "错误 missing-key: 文件最外层缺少“period”（请添加“period:”）",
     "错误 unknown-key: 文件最外层没有“foo”这一项"),
    ("en", "error missing-key: the top level of the file has no 'period' (add 'period:')",
     "error unknown-key: unknown key 'foo' at the top level of the file"),
])
def test_top_level_keys(tmp_path, lang, missing, unknown):
    form = tmp_path / "f.yaml"
    form.write_text(FORM, encoding="utf-8")
    out = lcity_here("validate", str(form), "--lang", lang).stdout
    assert f"f.yaml:1:1: {missing}" in out
    assert f"f.yaml:4:1: {unknown}" in out
    assert "文件最外层 " not in out


def test_a_nested_key_keeps_its_path(tmp_path):
    form = tmp_path / "f.yaml"
    form.write_text(FORM.replace("level: district}", "level: district, colour: red}"), encoding="utf-8")
    out = lcity_here("validate", str(form), "--lang", "zh").stdout
    assert "city 中没有“colour”这一项" in out
