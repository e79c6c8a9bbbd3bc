"""The bundled CJK fonts (Hei for headings, Song for body text) cover every character the reports
can print from our own data; anything else (a rare character in a city's own text) falls back to
the system's Noto CJK, then to any CJK font fontconfig finds (reports/assets/report.css)."""

from __future__ import annotations

from functools import lru_cache

from fontTools.ttLib import TTFont

from .conftest import ROOT

FONTS = ROOT / "reports" / "assets" / "fonts"
#: file -> family name it must carry (a distinct name, so a system Noto is never mixed in)
FACES = {
    "NotoSansCJKsc-Regular.subset.otf": "LCity Noto Sans SC",
    "NotoSansCJKsc-Bold.subset.otf": "LCity Noto Sans SC",
    "NotoSerifCJKsc-Regular.subset.otf": "LCity Noto Serif SC",
}


@lru_cache(maxsize=None)
def cmap(name: str) -> set[int]:
    return set(TTFont(FONTS / name).getBestCmap())


def test_subset_fonts_are_small_and_renamed():
    for name, family in FACES.items():
        path = FONTS / name
        assert path.stat().st_size < 8_000_000  # every unified hanzi (README.md here): 5.3 MB sans, 7.2 MB serif
        assert TTFont(path)["name"].getDebugName(1) == family
    assert (FONTS / "LICENSE-OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE") >= 1


def test_the_stylesheet_sets_song_body_and_hei_headings():
    from reports.render import FONT_FACES, font_face_css

    css = (ROOT / "reports" / "assets" / "report.css").read_text(encoding="utf-8")
    html_rule = css[css.index("html {"):css.index("}", css.index("html {"))]
    assert '"LCity Noto Serif SC"' in html_rule and "font-size: 12pt" in html_rule and "line-height: 1.5" in html_rule
    assert 'h1, h2, h3, h4' in css and '"LCity Noto Sans SC"' in css
    assert {path for _, path, _ in FONT_FACES} == {f"fonts/{name}" for name in FACES}
    assert font_face_css().count("@font-face") == len(FONT_FACES)


def test_every_character_of_our_texts_is_in_the_fonts():
    sources = sorted((ROOT / "indicators").rglob("*.yaml")) + sorted((ROOT / "examples").rglob("*.yaml"))
    sources += sorted((ROOT / "reports").rglob("*.yaml")) + sorted((ROOT / "reports").rglob("*.j2"))
    missing: dict[str, set[str]] = {}
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for ch in set(text):
            if ord(ch) < 0x20 or ch in "\u200b\ufeff":
                continue
            for face in FACES:
                if ord(ch) not in cmap(face):
                    missing.setdefault(f"{path.name} ({face})", set()).add(ch)
    assert not missing, f"regenerate the subsets (python reports/assets/fonts/make_subset.py): {missing}"


def test_every_bundled_font_has_its_copyright_notice_in_the_licence_file():
    """The Serif subset, the report's body face, was shipped without its notice (G13 P6): the OFL
    asks that each Modified Version carry the original's copyright notice."""
    from fontTools.ttLib import TTFont

    text = (FONTS / "LICENSE-OFL.txt").read_text(encoding="utf-8")
    for font in sorted(FONTS.glob("*.otf")):
        assert font.name in text, font.name
        family = TTFont(font)["name"].getDebugName(1)
        assert f'"{family}"' in text, family
