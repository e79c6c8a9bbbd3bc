"""The bundled CJK font covers every character the reports can print from our own data."""

from __future__ import annotations

from functools import lru_cache

from fontTools.ttLib import TTFont

from .conftest import ROOT

FONTS = ROOT / "reports" / "assets" / "fonts"


@lru_cache(maxsize=None)
def cmap(name: str) -> set[int]:
    return set(TTFont(FONTS / name).getBestCmap())


def test_subset_fonts_are_small_and_renamed():
    for name in ("NotoSansCJKsc-Regular.subset.otf", "NotoSansCJKsc-Bold.subset.otf"):
        path = FONTS / name
        assert path.stat().st_size < 4_000_000
        family = TTFont(path)["name"].getDebugName(1)
        assert family == "LCity Noto Sans SC"
    assert (FONTS / "LICENSE-OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE") >= 1


def test_every_character_of_our_texts_is_in_the_font():
    sources = [ROOT / "indicators" / "china-learning-city" / "framework.yaml", *sorted((ROOT / "examples").rglob("*.yaml"))]
    sources += sorted((ROOT / "reports").rglob("*.yaml")) + sorted((ROOT / "reports").rglob("*.j2"))
    missing: dict[str, set[str]] = {}
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for ch in set(text):
            if ord(ch) < 0x20 or ch in "\u200b\ufeff":
                continue
            for face in ("NotoSansCJKsc-Regular.subset.otf", "NotoSansCJKsc-Bold.subset.otf"):
                if ord(ch) not in cmap(face):
                    missing.setdefault(path.name, set()).add(ch)
    assert not missing, f"regenerate the subset (python reports/assets/fonts/make_subset.py): {missing}"
