"""G27-H: a fresh hostile round (tests/audit_cities/g27h/AUDIT.md).

Each test runs the CLI as a user would and asserts what the user sees: the exit code and the
message (file, sheet!cell or line:col, rule id, what is wrong, how to fix it) in Chinese and English.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import lcity_here

ROOT = Path(__file__).resolve().parent.parent
QINGSHI = ROOT / "examples" / "qingshi-district.yaml"


def _workbook(tmp_path: Path, name: str = "qingshi.xlsx") -> Path:
    book = tmp_path / name
    proc = lcity_here("convert", str(QINGSHI), "-o", str(book))
    assert proc.returncode == 0, proc.stderr
    return book


def _edited(book: Path, dest: Path, edit) -> Path:
    import openpyxl

    wb = openpyxl.load_workbook(book)
    edit(wb)
    wb.save(dest)
    return dest


# --- G27H-1: a profile key that is a part of another stopped lcity with an internal error -----------


def _key_row(key: str, value, at: int | None = None):
    def edit(wb):
        ws = wb["基本情况"]
        row = ws.max_row + 1 if at is None else at
        if at is not None:
            ws.insert_rows(at)
        ws.cell(row, 2).value = key
        ws.cell(row, 3).value = value
    return edit


@pytest.mark.parametrize("key,value,at,where,other,part", [
    ("city.name", "X", 3, "B4", "city.name", "city.name"),  # above the form's city.name.zh: said there
    ("framework.x", "y", None, "B28", "framework", "framework"),
    ("period.start.x", "1", None, "B28", "period.start", "period.start"),
])
def test_a_profile_key_inside_another_is_an_error_at_its_row_not_an_internal_error(tmp_path, key, value, at,
                                                                                  where, other, part):
    book = _edited(_workbook(tmp_path), tmp_path / "clash.xlsx", _key_row(key, value, at))
    clashing = "city.name.zh" if at else key
    row = 3 if at else {"framework": 2, "period.start": 20}[other]
    for command in ("validate", "score", "convert"):
        args = ("-o", str(tmp_path / "back.yaml"), "--force") if command == "convert" else ()
        en = lcity_here(command, str(book), *args, "--lang", "en")
        out = en.stdout + en.stderr
        assert en.returncode == 1, out
        assert "internal-error" not in out and "Traceback" not in out
        assert (f"clash.xlsx:基本情况!{where}: error duplicate-key: the key '{clashing}' cannot be read beside "
                f"'{other}' in row {row}: {part} would be both one value and a group of values (the keys in column B "
                "are the form's own: restore the key lcity wrote in this row, or delete a row you added)") in out
    zh = lcity_here("validate", str(book), "--lang", "zh")
    assert zh.returncode == 1
    assert (f"clash.xlsx:基本情况!{where}: 错误 duplicate-key: 键“{clashing}”与第 {row} 行的“{other}”冲突，无法读取："
            f"{part} 不能既是一个值，又包含下级各项（B列的键是表单原有的：请把本行的键恢复为 lcity 写入的原样，"
            "或删除自行添加的行）") in zh.stdout


def test_a_scalar_city_key_is_said_once_not_at_every_row_under_it(tmp_path):
    book = _edited(_workbook(tmp_path), tmp_path / "city.xlsx", _key_row("city", "X", 3))
    en = lcity_here("validate", str(book), "--lang", "en")
    assert en.returncode == 1
    assert en.stdout.count("error duplicate-key") == 1
    assert "city.xlsx:基本情况!B4: error duplicate-key: the key 'city.name.zh' cannot be read beside 'city' in row 3" in en.stdout
