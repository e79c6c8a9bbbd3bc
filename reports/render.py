"""Result -> HTML (Jinja2) -> PDF (WeasyPrint), with nothing fetched from outside the package.

* Jinja2 runs with ``autoescape=True`` (a ``.html.j2`` name is *not* escaped by
  ``select_autoescape``'s defaults) and ``StrictUndefined``: a user's ``<b onload=x>`` is text, and
  a template that asks for a missing value fails instead of printing a blank.
* WeasyPrint gets a URL fetcher that allows ``data:`` URLs and files whose resolved path lies inside
  ``reports/assets/``; everything else (http, https, ftp, other files, ``..`` traversal, symlinks
  out of the folder, /dev/urandom) is refused and recorded in ``fetcher.refused``. Redirects are
  not followed and presentational hints stay off (CVE-2026-49452).
* The same HTML with the same creation date gives a byte-identical PDF.
* WeasyPrint is imported inside the functions that use it, so ``lcity validate`` and
  ``lcity score`` never load it.
"""

from __future__ import annotations

import errno
import re
import shutil
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

if TYPE_CHECKING:  # pragma: no cover
    from evaluator.assessment import Assessment
    from evaluator.benchmark import Benchmark
    from evaluator.result import Result
    from evaluator.trend import Trend
    from indicators.models import Framework

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
ASSETS_DIR = PACKAGE_DIR / "assets"
STYLESHEET = ASSETS_DIR / "report.css"
FONT_FAMILY = "LCity Noto Sans SC"
#: Song (serif) for body text, as 公文 are set; its bold is the Hei bold, so emphasis and table
#: headers in body text come out in 黑体 (the common practice) instead of a synthesised bold Song.
SERIF_FAMILY = "LCity Noto Serif SC"
#: (CSS family, file inside assets/, CSS font-weight)
FONT_FACES = (
    (FONT_FAMILY, "fonts/NotoSansCJKsc-Regular.subset.otf", "normal"),
    (FONT_FAMILY, "fonts/NotoSansCJKsc-Bold.subset.otf", "bold"),
    (SERIF_FAMILY, "fonts/NotoSerifCJKsc-Regular.subset.otf", "normal"),
    (SERIF_FAMILY, "fonts/NotoSansCJKsc-Bold.subset.otf", "bold"),
)
TEMPLATE = "report.html.j2"

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: A run of text with no break opportunity (no space, no CJK character) longer than a SHA-256.
_UNBROKEN = re.compile(r"[^\s\u200b\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]{65,}")
#: Characters between the break opportunities put into such a run.
BREAK_EVERY = 16


def _with_breaks(match: re.Match) -> str:
    run = match.group()
    return "\u200b".join(run[i:i + BREAK_EVERY] for i in range(0, len(run), BREAK_EVERY))


def breakable(value):
    """Every text printed by a template, with a zero-width space every 16 characters of a run
    longer than 64 characters that has no place to break (a pasted URL, a key held down).

    Without it such a run overflows the page edge; CSS ``overflow-wrap: anywhere`` would fix the
    layout too, but WeasyPrint lays it out in time quadratic in the run (12 s for 1,500
    characters, minutes for 10,000). Runs up to 64 characters, such as a SHA-256, stay intact so
    they can be copied from the PDF. Markup (charts, prepared HTML) is left as it is.
    """
    from markupsafe import Markup

    from indicators.quotes import nest

    if isinstance(value, str) and not isinstance(value, Markup):
        # a sentence quoting a name that holds quotation marks (the engine's reasons, a note as
        # written): “授予‘学习型企业’称号”, as the catalogs' own sentences give it (G24-T2)
        value = nest(value)
        if len(value) > 64:
            return _UNBROKEN.sub(_with_breaks, value)
    return value


# --- HTML -----------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined
    from markupsafe import Markup

    from .context import css_string

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        finalize=breakable,
    )
    # a CSS string literal is safe inside <style>: quotes, backslashes, '<' and controls are escaped
    env.filters["css_string"] = lambda text: Markup(css_string(text))
    return env


def stylesheet_text() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def render_template(context: dict[str, Any]) -> str:
    """The report HTML for a context made by ``reports.context.build_context``."""
    return shown(environment().get_template(TEMPLATE).render(**context))


#: C0 and C1 controls (tab and newlines kept), DEL, bidi embeddings, overrides and isolates: what
#: the CLI shows as an escape (``lcity.console.visible``) and an input may still carry into a name
#: or a panel's reason.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(html: str) -> str:
    """``html`` with every control character written as the CLI writes it (ESC as ``\\x1b``): raw,
    it reached the page's text and the PDF's title and author, where a viewer or ``pdfinfo``
    passes it to the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", html)


def render_html(
    result: "Result",
    bench: "Benchmark | None",
    framework: "Framework",
    assessment: "Assessment",
    *,
    lang: str = "zh",
    body: str | None = None,
    date: str | None = None,
    number: str | None = None,
    review: dict | None = None,
    standalone: bool = False,
    trend: "Trend | None" = None,
    robustness=None,
    warnings: "list | None" = None,
) -> str:
    """The report as HTML.

    ``standalone=False`` gives the HTML that ``render_pdf`` turns into the PDF (the stylesheet is
    passed to WeasyPrint separately). ``standalone=True`` inlines the stylesheet so the file reads
    well in a browser on its own; it names the bundled font first and falls back to the system's
    Noto Sans CJK SC, Microsoft YaHei or PingFang SC. ``warnings`` are the assessment's warnings
    from ``lcity validate`` (``Loaded.problems``); those a judgment rests on are put to the panel in 五.
    """
    from .context import build_context

    ctx = build_context(result, bench, framework, assessment, lang=lang, body=body, date=date, number=number,
                        review=review, inline_css=stylesheet_text() if standalone else None, trend=trend,
                        robustness=robustness, warnings=warnings)
    return render_template(ctx)


# --- the URL fetcher ------------------------------------------------------------------------------


def refusal(url: str, root: Path = ASSETS_DIR) -> str | None:
    """Why ``url`` may not be fetched, or None when it may (data: or a file inside ``root``)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "malformed URL"
    scheme = parts.scheme.lower()
    if scheme == "data":
        return None
    if scheme != "file":
        return f"scheme '{scheme or '(none)'}' is not allowed (only data: and the report's own assets)"
    if parts.netloc not in ("", "localhost"):
        return "file URL on another host"
    try:
        path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return "no such file"
    base = Path(root).resolve()
    if not path.is_relative_to(base):
        return "outside the report assets folder"
    if not path.is_file():
        return "not a regular file"
    return None


@lru_cache(maxsize=1)
def _fetch_classes():
    """Builds the fetcher and error classes on first use, so importing this module is cheap."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class RefusedFetch(ValueError):
        """A refused load: WeasyPrint logs it as an error and renders without the resource."""

    class FatalRefusedFetch(FatalURLFetchingError):
        """A refused load that stops the rendering (``AssetFetcher(fatal=True)``, used by tests)."""

    class AssetFetcher(URLFetcher):
        """Allows data: URLs and files inside ``root`` (the package's assets); refuses the rest.

        Every refused URL is appended to ``refused`` and every allowed one to ``fetched``, so
        tests (and the CLI) can see what a document tried to load.
        """

        def __init__(self, root: Path = ASSETS_DIR, *, fatal: bool = False):
            super().__init__(timeout=5, allowed_protocols=("data", "file"), allow_redirects=False,
                             fail_on_errors=False)
            self.root = Path(root).resolve()
            self.fatal = fatal
            self.refused: list[str] = []
            self.fetched: list[str] = []

        def fetch(self, url, headers=None):
            why = refusal(url, self.root)
            if why is not None:
                self.refused.append(url)
                error = FatalRefusedFetch if self.fatal else RefusedFetch
                raise error(f"refused to load {url[:200]!r}: {why}")
            self.fetched.append(url)
            return super().fetch(url, headers)

    return AssetFetcher, RefusedFetch, FatalRefusedFetch


def __getattr__(name: str):  # AssetFetcher, RefusedFetch, FatalRefusedFetch, imported lazily
    classes = dict(zip(("AssetFetcher", "RefusedFetch", "FatalRefusedFetch"), _fetch_classes()))
    if name in classes:
        return classes[name]
    raise AttributeError(name)


def make_fetcher(*, fatal: bool = False, root: Path = ASSETS_DIR):
    return _fetch_classes()[0](root, fatal=fatal)


# --- PDF ------------------------------------------------------------------------------------------


def font_face_css() -> str:
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: normal; src: url("{path}"); }}'
        for family, path, weight in FONT_FACES
    )


@lru_cache(maxsize=1)
def bundled_codepoints() -> frozenset[int]:
    """The code points every bundled face draws (the intersection of their character maps)."""
    from fontTools.ttLib import TTFont

    common: frozenset[int] | None = None
    for path in sorted({p for _, p, _ in FONT_FACES}):
        with TTFont(ASSETS_DIR / path, lazy=True) as font:
            drawn = frozenset(font.getBestCmap())
        common = drawn if common is None else common & drawn
    return common or frozenset()


#: characters that are never drawn (controls, format characters, separators): not worth a warning
_UNDRAWN = {"Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cs", "Cn"}


def unprintable(html: str) -> list[str]:
    """Characters of a report that no bundled font draws, in order of first appearance.

    WeasyPrint takes such a character from a system CJK font when one is installed, and prints a
    box when none is, so a name with a rare character (an extension-B hanzi, an emoji) may come out
    differently on another machine, or not at all: ``lcity report`` names them instead of leaving
    the user to find boxes on the cover. The markup is ASCII, so scanning the HTML finds the text's."""
    import unicodedata

    have = bundled_codepoints()
    found: dict[str, None] = {}
    for ch in html:
        if ch < "\x80" or ch in found or ord(ch) in have or unicodedata.category(ch) in _UNDRAWN:
            continue
        found[ch] = None
    return list(found)


def w3c_created(created: str | None) -> str | None:
    if not created:
        return None
    if not _DATE.match(created):
        raise ValueError(f"creation date must be YYYY-MM-DD, got {created!r}")
    return f"{created}T00:00:00Z"


#: PDF/A-3b allows embedded files of any type (A-2 only PDFs); tags are asked for on top, so the
#: archive copy is also the accessible one (WeasyPrint takes one variant; PDF/UA's identifier is
#: added to the XMP by ``_declare_ua``).
PDF_VARIANT = "pdf/a-3b"
_UA_ID = (b'<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about="" '
          b'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>')


def _declare_ua(metadata) -> None:
    """Adds ``pdfuaid:part=1`` inside the RDF WeasyPrint writes, so validators see the tagged
    PDF/A-3b as PDF/UA-1 as well; one RDF element, as XMP wants."""
    original = metadata.generate_rdf_metadata

    def with_ua(variant, version, conformance):
        xml = original(variant, version, conformance)
        end = xml.rfind(b"</rdf:RDF>")
        return xml if end < 0 else xml[:end] + _UA_ID + xml[end:]

    metadata.generate_rdf_metadata = with_ua


def render_pdf(html: str, *, created: str | None, fetcher=None, stylesheet: str | None = None,
               embedded: "list | None" = None) -> bytes:
    """The PDF of a report's HTML. ``created`` (YYYY-MM-DD) is written as creation and modification
    date, so the same HTML and date give the same bytes. ``fetcher`` defaults to a fresh
    ``AssetFetcher``; pass one to inspect what the document tried to load. ``embedded`` are the
    files (``reports.embedded.Embedded``) attached as PDF/A-3 associated files; only this
    argument creates attachments (the HTML cannot: its text is escaped and ``<link
    rel=attachment>`` is never written by the templates)."""
    from .embedded import attachments

    with font_configuration() as fonts:
        document = render_document(html, fetcher=fetcher, stylesheet=stylesheet, fonts=fonts)
        stamp = w3c_created(created)
        document.metadata.created = stamp
        document.metadata.modified = stamp
        document.metadata.attachments = []
        _declare_ua(document.metadata)
        return document.write_pdf(presentational_hints=False, pdf_variant=PDF_VARIANT, pdf_tags=True,
                                  attachments=attachments(embedded or [], created))


@contextmanager
def font_configuration():
    """A WeasyPrint FontConfiguration whose font folder is gone when the block ends, however it ends.
    WeasyPrint copies every @font-face into a folder of its own under the temporary directory
    (22 MB for our four faces) and removes it only in ``FontConfiguration.__del__``, which Python
    does not promise to call before a process ends (WeasyPrint issue #2090, open): every
    ``lcity batch`` left one such folder behind for its ranking, and batch workers, which end with
    ``os._exit``, one more now and then, until the disk was full. ``_folder`` is WeasyPrint's own
    attribute (70.0); read with a default, so a release that renames it only brings the leak back."""
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    try:
        yield fonts
    except OSError as exc:
        if exc.filename is not None or exc.errno not in _NO_ROOM:
            raise
        raise _fonts_unwritable(exc) from None
    finally:
        folder = getattr(fonts, "_folder", None)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
            fonts._folder = None


#: why WeasyPrint's write of a font file into the temporary folder failed: no room, no permission
_NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM}


def _fonts_unwritable(exc: OSError):
    """The failed write of a font file into the temporary folder (it has no name in WeasyPrint's
    error) as a problem naming that folder, exit 2: a full /tmp was said as 'lcity:1:1: cannot
    write: No space left on device', to be fixed by freeing space where the PDF goes (G29H-2)."""
    import errno
    import tempfile

    from indicators.messages import Msg
    from indicators.oserrors import os_fix, os_reason
    from indicators.problems import InputError, Problem

    hint = os_fix(exc, Msg("hint.fonts-tmp-space")) if exc.errno == errno.EFBIG else \
        Msg("hint.fonts-tmp-space" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else "hint.fonts-tmp-other")
    where = Path(tempfile.gettempdir())
    if where.name.startswith("lcity-batch-"):  # a batch's own folder inside it (lcity.batch_temp): gone at its end
        where = where.parent
    return InputError([Problem(str(where), 1, 1, "error", "unwritable",
                               Msg("render.fonts-unwritable", reason=os_reason(exc)), hint, fatal=True)])


#: Markup whose text is not body text: a span there would be invalid (SVG) or meaningless.
_RAW = {"svg", "style", "script", "title", "head"}
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
#: A number and its unit (or %), with a per-something tail (元/人·年, 个/10万人).
_NUM_UNIT = re.compile(
    r"(?<![A-Za-z0-9.,])(?:[<>≥≤±~+-]\s?)?\d[\d,]*(?:\.\d+)?"
    r"(?:\s?(?:%|％|‰)|(?:亿元|万元|万人|人次|平方公里|小时|元|分|人|个|项|次|份|所|家|门|岁|年|倍|名|场|篇|页|条|届|点)"
    r"|\s(?:yuan|people|persons|points|pts|hours|km²|years?))"
    r"(?:/[\w·²]{1,8})?")
#: what keeps a line: a formula written without spaces (the sampling error √(p(1−p)/n): a break
#: after its "/" left "√(p(1−p)/" at the end of one line and "n)" on the next), or a number and unit
#: a range written with the Chinese dash, "74.6—77.3分": a line began with "—77.3分" (G18-A11; the
#: dash may break before and after). English ranges take an en dash, which keeps to its figures.
_RANGE = (r"(?P<range>(?<![A-Za-z0-9.,])\d[\d,]*(?:\.\d+)?—\d[\d,]*(?:\.\d+)?"
          r"(?:%|％|(?:亿元|万元|万人|人次|平方公里|小时|元|分|人|个|项|次|份|所|家|门|岁|年|倍|名|场|篇|页|条|届|点))?)")
_KEEP = re.compile(r"(?P<formula>√\([^\s\u2e80-\uffff<>]*\))|" + _RANGE + "|" + _NUM_UNIT.pattern)
#: a figure and its per-cent or per-mille sign, nothing else (no space, sign or per-something tail)
_BARE_SHARE = re.compile(r"\d[\d,]*(?:\.\d+)?[%‰]")
#: a character of Chinese text or its full-width punctuation (CJK radicals to ideographs, and the
#: full-width forms block)
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def keep_units(html: str) -> str:
    """Every number in the body text kept on one line with its unit or % (``<span class=nb>``,
    ``white-space: nowrap``): a line break between "100" and "%" or "6.71" and "元/人·年" is
    what the Chinese typesetting rules forbid, and Pango's line breaking allows it beside CJK.
    Done on the HTML once for every section, so no builder has to remember it; the text itself
    is unchanged (no joiner characters: copy and search find the same numbers). A bare "60%" in
    English text is left as it is (``_kept``)."""
    out: list[str] = []
    raw = 0
    for part in _TAG.split(html):
        if part.startswith("<"):
            m = _TAG_NAME.match(part)
            if m and m.group(2).lower() in _RAW and not part.endswith("/>"):
                raw += -1 if m.group(1) else 1
                raw = max(raw, 0)
            out.append(part)
        elif raw or not part:
            out.append(part)
        else:
            out.append(_KEEP.sub(lambda n: _kept(n, part), part))
    return "".join(out)


def _kept(match: re.Match, text: str) -> str:
    """One formula, or number and its unit, in a span unless the line-breaking rules keep it together already:
    a bare "60%" among Latin text (UAX #14 allows no break between a number and its postfix sign).
    There a span only cost: with one in a paragraph, WeasyPrint broke the paragraph's first line
    after a single word ("None" alone on a line above "of the 3 reference units has enough public
    data …", G15 #11; WeasyPrint issues #1614 and #2025). Beside Chinese text the span stays."""
    found = match.group()
    if match.group("formula") is None and match.group("range") is None and _BARE_SHARE.fullmatch(found):
        before, after = text[match.start() - 1:match.start()], text[match.end():match.end() + 1]
        if not _CJK.match(before) and not _CJK.match(after):
            return found
    return f'<span class="nb">{found}</span>'


def render_document(html: str, *, fetcher=None, stylesheet: str | None = None, fonts=None):
    """The laid-out WeasyPrint document of a report's HTML (pages and boxes, before writing).
    ``fonts``: a FontConfiguration from ``font_configuration()``, which removes its font files when
    the caller is done with the document; without one, they go only when the document is collected."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    html = keep_units(shown(html))

    fetcher = fetcher if fetcher is not None else make_fetcher()
    base_url = ASSETS_DIR.as_uri() + "/"
    fonts = fonts if fonts is not None else FontConfiguration()
    sheets = [
        CSS(string=font_face_css(), base_url=base_url, font_config=fonts, url_fetcher=fetcher),
        CSS(string=stylesheet if stylesheet is not None else stylesheet_text(), base_url=base_url,
            font_config=fonts, url_fetcher=fetcher),
    ]
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
        stylesheets=sheets, font_config=fonts, presentational_hints=False)


def render_report(
    result: "Result",
    bench: "Benchmark | None",
    framework: "Framework",
    assessment: "Assessment",
    *,
    lang: str = "zh",
    body: str | None = None,
    date: str | None = None,
    number: str | None = None,
    review: dict | None = None,
    fetcher=None,
    trend: "Trend | None" = None,
    inputs: "list | None" = None,
    robustness=None,
    missing: "list[str] | None" = None,
    warnings: "list | None" = None,
) -> bytes:
    """The PDF report in one call (what ``lcity report`` and the batch render). The report date,
    and the PDF's creation date, is ``date`` or else the assessment's date. ``inputs`` are the
    assessment and review files as read (``reports.embedded.Embedded``); they are embedded with the
    Result's JSON, so ``lcity verify`` can re-score them. ``missing``, when given, receives the
    characters no bundled font draws (``unprintable``). ``warnings``: as ``render_html``."""
    from .embedded import with_result

    when = date or assessment.date
    html = render_html(result, bench, framework, assessment, lang=lang, body=body, date=when, number=number,
                       review=review, trend=trend, robustness=robustness, warnings=warnings)
    if missing is not None:
        missing.extend(unprintable(html))
    return render_pdf(html, created=when, fetcher=fetcher, embedded=with_result(inputs or [], result))
