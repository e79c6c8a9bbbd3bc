#!/usr/bin/env python3
"""Build the CJK font subsets that ship inside the package.

Why this exists
---------------
Reports must render Chinese *identically on any machine*.  If a template
just says ``font-family: "Noto Sans CJK SC", sans-serif`` then WeasyPrint
asks fontconfig, and the result depends on what the host has installed:
a different Noto version, a Traditional-Chinese or Japanese face picked
from the same ``.ttc`` (different glyph shapes for the same code point),
WenQuanYi, Droid Sans Fallback, or tofu boxes on a minimal container.
Page breaks, table widths and line wrapping then change from machine to
machine.  Shipping the font with the package removes that variable.

The full Noto Sans CJK collection is ~30 MB per weight, far too big to
vendor.  A report only needs Simplified Chinese, so this script extracts
the **Noto Sans CJK SC** face from the Debian ``fonts-noto-cjk`` .ttc
files and subsets it to:

* Basic Latin, Latin-1 Supplement, General Punctuation,
  CJK Symbols and Punctuation (U+3000-303F),
  Halfwidth and Fullwidth Forms (U+FF00-FFEF);
* a list of symbols used in reports (x, +-, >=, arrows, circled numbers,
  check marks, ...);
* all 6,763 hanzi of GB2312 plus its symbol rows (enumerated by decoding
  every GB2312 double-byte code with Python's ``gb2312`` codec);
* every character that occurs in the project's own text files
  (``*.yaml``/``*.yml``, ``*.j2``, ``*.html``, ``*.po``/``*.pot``,
  ``*.json``, ``*.csv``, ``*.py``), scanned at run time, so that any new
  wording in templates, indicator catalogues or message catalogues is
  covered simply by re-running this script.

Size choices: hinting is dropped (WeasyPrint output is vector PDF, hints
are useless there), glyph names are not kept (the CFF is CID-keyed
anyway), and all OpenType layout features are kept
(``--layout-features='*'``) so that vertical forms, ligatures and
proportional/half-width alternates still work - but only for the default
and Simplified-Chinese (ZHS) language systems (``--layout-scripts``):
the Japanese/Korean/Traditional 'locl' forms would add ~5,800 glyphs.

Why the family is renamed
-------------------------
The subset is a *Modified Version* under the SIL OFL 1.1, and it is
incomplete: it lacks most of the glyphs of the real Noto Sans CJK SC.  If
it kept the name "Noto Sans CJK SC" it could clash with a system-installed
Noto - fontconfig or WeasyPrint could pick the system copy for some text
and the subset for other text (or the subset where a full font was
expected, producing missing glyphs in unrelated documents).  A distinct
family name, "LCity Noto Sans SC" (PostScript name ``LCityNotoSansSC-*``),
guarantees that templates which ask for it by ``@font-face`` get exactly
this file and nothing else.  (In the .ttc the CFF table is shared between
faces and is internally named ``NotoSansCJKjp-*``; it is renamed too.)

Usage
-----
    python3 reports/assets/fonts/make_subset.py            # default paths
    python3 reports/assets/fonts/make_subset.py --src-dir /usr/share/fonts/opentype/noto

Requires fontTools and the Debian package ``fonts-noto-cjk``.
Output (next to this script):
    NotoSansCJKsc-Regular.subset.otf
    NotoSansCJKsc-Bold.subset.otf
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[2]  # reports/assets/fonts -> repo root
DEFAULT_SRC_DIR = Path("/usr/share/fonts/opentype/noto")

SOURCE_FAMILY = "Noto Sans CJK SC"
NEW_FAMILY = "LCity Noto Sans SC"
NEW_PS_FAMILY = "LCityNotoSansSC"

SERIF_SOURCE_FAMILY = "Noto Serif CJK SC"
SERIF_FAMILY = "LCity Noto Serif SC"
SERIF_PS_FAMILY = "LCityNotoSerifSC"

# (style name, source collection, output file, source family, new family, new PostScript family):
# Hei (sans) for headings and emphasis, Song (serif) for body text, as 公文 typesetting wants.
STYLES = [
    ("Regular", "NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.subset.otf", SOURCE_FAMILY, NEW_FAMILY, NEW_PS_FAMILY),
    ("Bold", "NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.subset.otf", SOURCE_FAMILY, NEW_FAMILY, NEW_PS_FAMILY),
    ("Regular", "NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular.subset.otf",
     SERIF_SOURCE_FAMILY, SERIF_FAMILY, SERIF_PS_FAMILY),
]

# Unicode blocks kept whole.
RANGES = [
    (0x0020, 0x007E),  # Basic Latin (printable)
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
    (0x2460, 0x2473),  # circled digits 1-20
    # Every hanzi of the CJK Unified Ideographs block, not only GB2312's 6,763: real place and
    # personal names use more (鄠 of Xi'an's 鄠邑区, 浉 of 浉河区, 喆 玥 堃 珺 昇 in names), and a
    # unit's own name on the cover must never print as a box. About 3x the size of a GB2312 subset.
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs (20,992; covers GBK's hanzi)
]

# Symbols commonly found in evaluation reports.
REPORT_SYMBOLS = (
    "×÷±≥≤≠≈∞√∑°‰%％"
    "→←↑↓↗↘"
    "•·…—–‘’“”《》〈〉【】"
    "№℃"
    "■□▲△▼▽●○◆◇★☆"
    "✓✔✗✘"
)

# OpenType language systems kept: the default one and Simplified Chinese
# (ZHS) for every script.  All *features* are kept, but the Japanese,
# Korean and Traditional-Chinese language systems are dropped: their
# 'locl' lookups pull in ~5,800 alternate hanzi glyphs (JP/KR/TC glyph
# shapes) that a Simplified-Chinese report never uses - that alone would
# almost double the file size.
LAYOUT_SCRIPTS = [
    f"{script}.{lang}"
    for script in ("DFLT", "latn", "cyrl", "grek", "hani", "kana", "hang")
    for lang in ("dflt", "ZHS")
]

# File patterns scanned for characters that may appear in a report.
SCAN_PATTERNS = [
    "*.yaml", "*.yml", "*.j2", "*.html", "*.po", "*.pot",
    "*.json", "*.csv", "*.py",
]
SKIP_DIRS = {".git", "__pycache__", ".venv", "venv", "node_modules",
             ".mypy_cache", ".pytest_cache", ".hypothesis", "build", "dist"}
SKIP_PATHS = {Path("tests/fixtures/bad")}  # deliberately malformed inputs


def gb2312_chars() -> set[str]:
    """All characters of GB2312: symbol rows 0xA1-0xA9, hanzi rows 0xB0-0xF7."""
    chars: set[str] = set()
    rows = list(range(0xA1, 0xAA)) + list(range(0xB0, 0xF8))
    for row in rows:
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # unassigned code point (e.g. 0xD7FA-0xD7FE)
    return chars


def gb2312_hanzi_count(chars: set[str]) -> int:
    return sum(1 for c in chars if 0x4E00 <= ord(c) <= 0x9FFF)


def repo_chars(root: Path) -> tuple[set[str], int]:
    """Every character occurring in the project's text files."""
    chars: set[str] = set()
    n_files = 0
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = Path(dirpath).relative_to(root)
        dirnames[:] = sorted(
            d for d in dirnames
            if d not in SKIP_DIRS and (rel_dir / d) not in SKIP_PATHS
        )
        for name in sorted(filenames):
            if not any(fnmatch.fnmatch(name, pat) for pat in SCAN_PATTERNS):
                continue
            try:
                text = (Path(dirpath) / name).read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            n_files += 1
            chars.update(text)
    # drop control characters, surrogates and private use
    chars = {
        c for c in chars
        if ord(c) >= 0x20 and not (0x7F <= ord(c) < 0xA0)
        and not (0xD800 <= ord(c) <= 0xDFFF)
        and not (0xE000 <= ord(c) <= 0xF8FF)
    }
    return chars, n_files


def wanted_codepoints(root: Path) -> tuple[set[int], dict[str, int]]:
    cps: set[int] = set()
    for lo, hi in RANGES:
        cps.update(range(lo, hi + 1))
    cps.update(ord(c) for c in REPORT_SYMBOLS)
    gb = gb2312_chars()
    cps.update(ord(c) for c in gb)
    repo, n_files = repo_chars(root)
    cps.update(ord(c) for c in repo)
    stats = {
        "gb2312_chars": len(gb),
        "gb2312_hanzi": gb2312_hanzi_count(gb),
        "repo_chars": len(repo),
        "repo_files": n_files,
    }
    return cps, stats


def load_face(ttc_path: Path, family: str) -> TTFont:
    """Return the face of the collection whose family name is ``family``."""
    collection = TTCollection(str(ttc_path), lazy=False)
    found = []
    for font in collection.fonts:
        name = font["name"]
        fam = name.getDebugName(16) or name.getDebugName(1)
        found.append(fam)
        if fam == family:
            return font
    raise SystemExit(f"{ttc_path}: no face named {family!r} (found {found})")


def rename(font: TTFont, style: str, version_tag: str, new_family: str = NEW_FAMILY,
           new_ps_family: str = NEW_PS_FAMILY, source_family: str = SOURCE_FAMILY) -> None:
    """Give the subset its own family name everywhere it is recorded."""
    ps_name = f"{new_ps_family}-{style}"
    full_name = new_family if style == "Regular" else f"{new_family} {style}"
    name = font["name"]
    replace = {
        1: new_family,
        2: style,
        3: f"{version_tag};LCITY;{ps_name};subset",
        4: full_name,
        6: ps_name,
    }
    had_typo = {r.nameID for r in name.names} & {16, 17}
    if had_typo:
        replace[16] = new_family
        replace[17] = style
    # Drop every record (all platforms and languages, including the zh-CN
    # localised "Noto Sans CJK SC") for the IDs we rewrite.
    name.names = [r for r in name.names if r.nameID not in replace]
    for name_id, value in replace.items():
        name.setName(value, name_id, 3, 1, 0x409)
    desc = (
        f"Subset of {source_family} (GB2312 + report symbols + project "
        "text) made by reports/assets/fonts/make_subset.py. Modified "
        "Version under the SIL Open Font License 1.1."
    )
    name.names = [r for r in name.names if r.nameID != 10]
    name.setName(desc, 10, 3, 1, 0x409)

    if "CFF " in font:
        cff = font["CFF "].cff
        top = cff.topDictIndex[0]
        cff.fontNames = [ps_name]
        top.FullName = full_name
        top.FamilyName = new_family
        if hasattr(top, "FDArray"):
            for fd in top.FDArray:
                fd_name = getattr(fd, "FontName", None)
                if fd_name and "-" in fd_name:
                    # "NotoSansCJKjp-Regular-Ideographs" -> "...-Ideographs"
                    suffix = fd_name.split("-", 2)[-1]
                    fd.FontName = f"{ps_name}-{suffix}"


def build(style: str, src: Path, dst: Path, codepoints: set[int], source_family: str = SOURCE_FAMILY,
          new_family: str = NEW_FAMILY, new_ps_family: str = NEW_PS_FAMILY) -> dict:
    font = load_face(src, source_family)
    cmap = font.getBestCmap()
    missing = sorted(cp for cp in codepoints if cp not in cmap)
    version_tag = font["name"].getDebugName(5) or ""
    version_tag = version_tag.split(";")[0].replace("Version ", "")

    options = subset.Options()
    options.layout_features = ["*"]      # keep vert, locl, palt, kern, ...
    options.layout_scripts = LAYOUT_SCRIPTS
    options.name_IDs = ["*"]             # keep copyright/licence/trademark
    options.name_languages = ["*"]
    options.hinting = False              # drop CFF hints: smaller
    options.desubroutinize = False       # keep (subsetted) subroutines: smaller
    options.glyph_names = False
    options.notdef_outline = True        # missing glyphs show as a box
    options.recalc_timestamp = False     # reproducible output
    options.prune_unicode_ranges = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(cp for cp in codepoints if cp in cmap))
    subsetter.subset(font)

    rename(font, style, version_tag, new_family, new_ps_family, source_family)
    font.recalcTimestamp = False
    font.save(str(dst))
    return {
        "file": dst.name,
        "bytes": dst.stat().st_size,
        "glyphs": font["maxp"].numGlyphs,
        "cmap_entries": len(font.getBestCmap()),
        "missing": missing,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src-dir", type=Path, default=DEFAULT_SRC_DIR,
                    help="directory holding NotoSansCJK-{Regular,Bold}.ttc")
    ap.add_argument("--out-dir", type=Path, default=HERE)
    ap.add_argument("--repo", type=Path, default=REPO_ROOT,
                    help="project root scanned for characters")
    args = ap.parse_args(argv)

    codepoints, stats = wanted_codepoints(args.repo)
    print(f"GB2312: {stats['gb2312_chars']} characters "
          f"({stats['gb2312_hanzi']} hanzi); project text: "
          f"{stats['repo_chars']} distinct characters in "
          f"{stats['repo_files']} files; requested: {len(codepoints)}")
    for style, src_name, dst_name, source_family, new_family, new_ps in STYLES:
        info = build(style, args.src_dir / src_name, args.out_dir / dst_name,
                     codepoints, source_family, new_family, new_ps)
        print(f"{info['file']}: {info['bytes']:,} bytes, "
              f"{info['glyphs']} glyphs, {info['cmap_entries']} code points")
        # Code points not in the source font at all (e.g. unassigned slots
        # of U+FF00-FFEF); only project-text ones are worth a look.
        notable = [cp for cp in info["missing"]
                   if not any(lo <= cp <= hi for lo, hi in RANGES)]
        if notable:
            print(f"  not in {source_family}: "
                  + " ".join(f"U+{cp:04X}" for cp in notable))
    return 0


if __name__ == "__main__":
    sys.exit(main())
