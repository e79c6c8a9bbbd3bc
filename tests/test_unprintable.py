"""Characters the bundled fonts cannot draw are named, not left to print as boxes (red team round 2,
D1): the fonts cover every hanzi of the CJK Unified Ideographs block (鄠 of Xi'an's 鄠邑区, 喆 in a
name), and for anything beyond it (an extension-B hanzi) `lcity report` says which characters a
system font must supply."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reports.render import bundled_codepoints, unprintable

ROOT = Path(__file__).resolve().parent.parent
QINGSHI = ROOT / "examples" / "qingshi-district.yaml"


def _gbk_hanzi() -> set[str]:
    found = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                ch = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            if "\u4e00" <= ch <= "\u9fff":
                found.add(ch)
    return found


def test_the_bundled_fonts_draw_every_hanzi_of_gbk():
    """GBK's 20,902 unified hanzi (the font source, Noto CJK 2.004, stops at U+9FEA: the block's
    later additions are not in it)."""
    have = bundled_codepoints()
    hanzi = _gbk_hanzi()
    assert len(hanzi) > 20_000
    missing = sorted(c for c in hanzi if ord(c) not in have)
    assert not missing, missing[:10]
    assert unprintable("<p>鄠邑区 张喆 浉河区 玥 堃 珺 昇</p>") == []


def test_unprintable_names_each_character_once_in_order_and_ignores_markup_and_controls():
    assert unprintable("<b>𠀀</b> a 𠀀 \u200b\u2028 ⚑") == ["𠀀", "⚑"]


def test_report_warns_of_characters_no_bundled_font_has(tmp_path):
    text = QINGSHI.read_text(encoding="utf-8")
    src = tmp_path / "rare.yaml"
    src.write_text(text.replace("zh: 青石区", "zh: 青石区𠀀", 1), encoding="utf-8")
    assert "青石区𠀀" in src.read_text(encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "lcity", "report", str(src), "-o", str(tmp_path / "r.pdf"), "--lang", "zh"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "报告内置字体不含以下字符：𠀀 (U+20000)" in proc.stderr, proc.stderr


def test_report_of_a_common_name_gives_no_such_warning(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "lcity", "report", str(QINGSHI), "-o", str(tmp_path / "q.pdf"), "--lang", "en"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "bundled fonts lack" not in proc.stderr
