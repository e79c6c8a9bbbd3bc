"""SVG charts for the PDF reports, as small pure functions.

Every function returns one complete, self-contained ``<svg>`` element as a
string, ready to be inlined into a Jinja2 template (``{{ svg|safe }}``) and
rendered by WeasyPrint:

* no plotting library, only the standard library and ``markupsafe.escape``;
* deterministic: the same input gives the same string (numbers are
  formatted with at most two decimals, there are no random ids);
* every piece of caller-supplied text is escaped, and control characters
  that XML forbids are removed;
* every ``<text>`` sets ``font-family`` to the bundled
  "LCity Noto Sans SC" font (see ``reports/assets/fonts``), falling back to a
  system Noto Sans CJK SC;
* no external references: no ``href``, ``<image>``, ``<script>`` or
  ``<foreignObject>``;
* bad input does not raise: empty lists draw an empty frame with the title
  and "no data", NaN counts as missing, and out-of-range values are clamped
  for drawing while their real value is still printed.

Text elements carry a ``class`` so that tests and stylesheets can find
them: ``title``, ``label`` (one per caller-supplied axis, bar or x label),
``value``, ``tick``, ``legend`` and ``nodata``.

Colours are muted, as suits a government report, and each series also has
its own dash pattern and marker shape so the chart still reads when
printed in greyscale.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Iterable, Sequence

from markupsafe import escape

__all__ = ["radar_svg", "bar_svg", "line_svg", "FONT_FAMILY", "PALETTE"]

FONT_FAMILY = '"LCity Noto Sans SC", "Noto Sans CJK SC", sans-serif'

NAVY = "#1f3b73"
RED = "#b22222"
GREY = "#7f7f7f"
GOLD = "#c9a227"
PALETTE = (NAVY, RED, GREY, GOLD)
DASHES = (None, "6 3", "2 2.5", "9 3 2 3")
MARKERS = ("circle", "square", "triangle", "diamond")

INK = "#222222"        # main text
SOFT_INK = "#555555"   # secondary text (ticks, units)
GRID = "#d0d4dc"       # guide lines
FRAME = "#9aa3b2"      # axes / frame
FAINT = "#f6f7f9"      # plot background

TITLE_FS = 13
LABEL_FS = 11
SMALL_FS = 9

_XML_BAD = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
)


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def _n(x: float) -> str:
    """Fixed formatting for coordinates: at most two decimals, no '-0'."""
    if not math.isfinite(x):
        x = 0.0
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _clean(text: object) -> str:
    """Caller text -> one line of XML-safe (but not yet escaped) text."""
    s = "" if text is None else str(text)
    s = s.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    s = s.replace("\t", " ")
    return _XML_BAD.sub("", s)


def _esc(text: object) -> str:
    return str(escape(_clean(text)))


def _num(v: float | None) -> float | None:
    """Coerce to float; None, NaN, inf and junk become None."""
    if v is None or isinstance(v, bool):
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _fmt_value(v: float, unit: str = "", decimals: int = 1) -> str:
    """Printed value: at most ``decimals`` decimals, trailing zeros dropped, e.g. 85, 85.3, -2.5."""
    s = f"{v:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    if s == "-0":
        s = "0"
    return s + unit


def _clamp(v: float, lo: float, hi: float) -> float:
    return lo if v < lo else hi if v > hi else v


def char_em(ch: str) -> float:
    """One character's width in ems, as the charts and the cover (``context_front.cover_name``) measure text."""
    if unicodedata.combining(ch):
        return 0.0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch in "iIl.,:;|!'`()[]{}":
        return 0.3
    if ch == " ":
        return 0.28
    if ch in "mwMW%@":
        return 0.85
    if ch.isupper() or ch.isdigit():
        return 0.62
    return 0.53


def _text_width(text: str, font_size: float) -> float:
    """Rough advance width of ``text`` (unescaped) in Noto Sans CJK."""
    return sum(char_em(c) for c in text) * font_size


def _fit(text: str, font_size: float, max_width: float) -> str:
    """Truncate ``text`` with an ellipsis so it fits ``max_width``."""
    if _text_width(text, font_size) <= max_width + 0.01:  # float slack
        return text
    out = ""
    budget = max_width - font_size  # room for the ellipsis
    for ch in text:
        if _text_width(out + ch, font_size) > budget:
            break
        out += ch
    return out + "…"


def _text(x: float, y: float, content: str, *, cls: str,
          size: float = LABEL_FS, anchor: str = "start",
          fill: str = INK, weight: str | None = None) -> str:
    """A <text> element; ``content`` is raw caller text (escaped here)."""
    attrs = [
        f'class="{cls}"',
        f'x="{_n(x)}"',
        f'y="{_n(y)}"',
        f"font-family='{FONT_FAMILY}'",
        f'font-size="{_n(size)}"',
        f'fill="{fill}"',
    ]
    if anchor != "start":
        attrs.append(f'text-anchor="{anchor}"')
    if weight:
        attrs.append(f'font-weight="{weight}"')
    return f"<text {' '.join(attrs)}>{_esc(content)}</text>"


def _backing(x: float, y: float, content: str, size: float,
             anchor: str = "start", opacity: str = "0.85") -> str:
    """White box behind a short text so lines running under it stay legible."""
    w = _text_width(_clean(content), size) + 3
    if anchor == "middle":
        x0 = x - w / 2
    elif anchor == "end":
        x0 = x - w + 1.5
    else:
        x0 = x - 1.5
    return (f'<rect x="{_n(x0)}" y="{_n(y - size * 0.88)}" width="{_n(w)}" '
            f'height="{_n(size * 1.12)}" fill="#ffffff" '
            f'fill-opacity="{opacity}"/>')


def _svg(width: float, height: float, title: str, body: Iterable[str]) -> str:
    w, h = _n(width), _n(height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
        f'width="{w}" height="{h}" role="img">',
        f"<title>{_esc(title)}</title>",
        f'<rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>',
    ]
    parts.extend(body)
    parts.append("</svg>")
    return "\n".join(parts)


def _title(width: float, title: str) -> str:
    fitted = _fit(_clean(title), TITLE_FS, width - 16)
    return _text(width / 2, 20, fitted, cls="title", size=TITLE_FS,
                 anchor="middle", weight="bold")


def _empty(width: float, height: float, title: str, text: str) -> str:
    body = [
        _title(width, title),
        f'<rect x="8" y="32" width="{_n(width - 16)}" '
        f'height="{_n(height - 40)}" fill="{FAINT}" stroke="{FRAME}" '
        f'stroke-width="1"/>',
        _text(width / 2, 32 + (height - 40) / 2 + 4, text, cls="nodata",
              size=LABEL_FS, anchor="middle", fill=SOFT_INK),
    ]
    return _svg(width, height, title, body)


def _marker(shape: str, x: float, y: float, color: str, *,
            hollow: bool = False, r: float = 3.2) -> str:
    fill = "#ffffff" if hollow else color
    common = f'fill="{fill}" stroke="{color}" stroke-width="1.3"'
    if shape == "square":
        s = r * 0.9
        return (f'<rect x="{_n(x - s)}" y="{_n(y - s)}" width="{_n(2 * s)}" '
                f'height="{_n(2 * s)}" {common}/>')
    if shape == "triangle":
        s = r * 1.15
        pts = [(x, y - s), (x + s, y + s * 0.8), (x - s, y + s * 0.8)]
        return f'<polygon points="{_pts(pts)}" {common}/>'
    if shape == "diamond":
        s = r * 1.2
        pts = [(x, y - s), (x + s, y), (x, y + s), (x - s, y)]
        return f'<polygon points="{_pts(pts)}" {common}/>'
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" {common}/>'


def _pts(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _style(i: int) -> tuple[str, str | None, str]:
    k = i % len(PALETTE)
    return PALETTE[k], DASHES[k], MARKERS[k]


def _dash_attr(dash: str | None) -> str:
    return f' stroke-dasharray="{dash}"' if dash else ""


def _legend(items: list[tuple[str, int | None]], width: float, top: float
            ) -> tuple[list[str], float]:
    """Legend rows centred under the plot.

    ``items`` are (name, style index); style index None is the hollow
    "no data" marker.  Returns the elements and the height used.
    """
    if not items:
        return [], 0.0
    sample = 22.0
    gap = 16.0
    row_h = 17.0
    max_name = width - 16 - sample - 6
    entries = []
    for name, idx in items:
        name = _fit(_clean(name), LABEL_FS, max_name)
        entries.append((name, idx, sample + 5 + _text_width(name, LABEL_FS)))
    rows: list[list[tuple[str, int | None, float]]] = [[]]
    row_w = 0.0
    for e in entries:
        need = e[2] + (gap if rows[-1] else 0)
        if rows[-1] and row_w + need > width - 16:
            rows.append([])
            row_w = 0.0
            need = e[2]
        rows[-1].append(e)
        row_w += need
    out: list[str] = []
    for r, row in enumerate(rows):
        total = sum(e[2] for e in row) + gap * (len(row) - 1)
        x = (width - total) / 2
        y = top + r * row_h + row_h / 2
        for name, idx, w in row:
            if idx is None:
                out.append(_marker("circle", x + sample / 2, y, GREY,
                                   hollow=True))
            else:
                color, dash, shape = _style(idx)
                out.append(
                    f'<line x1="{_n(x)}" y1="{_n(y)}" x2="{_n(x + sample)}" '
                    f'y2="{_n(y)}" stroke="{color}" stroke-width="2"'
                    f'{_dash_attr(dash)}/>')
                out.append(_marker(shape, x + sample / 2, y, color))
            out.append(_text(x + sample + 5, y + LABEL_FS * 0.36, name,
                             cls="legend", size=LABEL_FS))
            x += w + gap
    return out, len(rows) * row_h


def _norm_series(series, n: int) -> list[tuple[str, list[float | None]]]:
    out = []
    for item in series or []:
        try:
            name, values = item
        except (TypeError, ValueError):
            continue
        vals = [_num(v) for v in list(values or [])[:n]]
        vals += [None] * (n - len(vals))
        out.append((_clean(name), vals))
    return out


# --------------------------------------------------------------------------
# radar
# --------------------------------------------------------------------------

def _runs(vals: list[float | None]) -> list[list[int]]:
    """The runs of consecutive axes (around the circle) that all have a value, each of two or more."""
    n = len(vals)
    start = next((i for i in range(n) if vals[i] is None), None)
    if start is None:
        return [list(range(n)) + [0]]
    runs, run = [], []
    for step in range(1, n + 1):
        i = (start + step) % n
        if vals[i] is None:
            if len(run) > 1:
                runs.append(run)
            run = []
        else:
            run.append(i)
    return runs


RING_LEVELS = (0.2, 0.4, 0.6, 0.8, 1.0)


def _tick_gap(series: list[list[float | None]], n: int) -> int:
    """The gap between spokes (k: between spoke k and k+1) for the ring labels: the one where
    every series line crosses the half-way ray farthest from a label. A line between shares a and
    b on spokes 2π/n apart crosses that ray at 2ab·cos(π/n)/(a+b); a label at 20 % with a line
    through it is unreadable even on a backing. Ties keep the first gap (between A and B)."""
    if n < 3:
        return 0
    half = math.pi / n
    best, best_gap = -1.0, 0
    for gap in range(n):
        crossings = []
        for vals in series:
            a, b = vals[gap], vals[(gap + 1) % n]
            if a is None or b is None:
                continue
            a, b = _clamp(a, 0.0, 1.0), _clamp(b, 0.0, 1.0)
            crossings.append(0.0 if a + b == 0 else 2 * a * b * math.cos(half) / (a + b))
        clearance = min((abs(r - lv) for r in crossings for lv in RING_LEVELS), default=1.0)
        if clearance > best + 1e-9:
            best, best_gap = clearance, gap
    return best_gap


def radar_svg(axes: list[str], series: list[tuple[str, list[float | None]]],
              *, title: str, size: int = 360,
              no_data_text: str = "no data") -> str:
    """Radar (spider) chart of shares in 0..1, one axis per label.

    ``series`` is up to four ``(name, values)`` pairs; a value of None or
    NaN is a hollow marker at the centre, and the line does not run to it
    (it joins only neighbours that both have a value).  Values outside 0..1 are
    clamped.  Guide polygons mark 20/40/60/80/100 %.  The first axis points
    up and the rest follow clockwise.  Axis labels sit outside the polygon,
    and the radius shrinks until the longest label fits inside the canvas.
    """
    size = int(_num(size) or 360)
    size = max(size, 160)
    width = float(size)
    labels = [_clean(a) for a in (axes or [])]
    n = len(labels)
    if n == 0:
        return _empty(width, width * 0.6, title, no_data_text)
    data = _norm_series(series, n)

    top = 32.0                         # below the title
    cx = width / 2
    fs = LABEL_FS if n <= 16 else SMALL_FS
    pad = 7.0
    margin = 6.0
    max_label = width * 0.3
    labels = [_fit(s, fs, max_label) for s in labels]
    angles = [-math.pi / 2 + 2 * math.pi * i / n for i in range(n)]

    # Largest radius R that keeps every label inside [margin, width-margin].
    # The vertical room is as large as needed (the canvas grows), but keep
    # the plot roughly square.
    r_max = width / 2 - margin - fs
    for lab, a in zip(labels, angles):
        c, s = math.cos(a), math.sin(a)
        w = _text_width(lab, fs)
        if abs(c) < 0.2:
            # centred above/below the spoke end: only half the label
            # extends sideways (height is not limited, the canvas grows)
            if abs(c) > 1e-9:
                r_max = min(r_max,
                            (width / 2 - margin - w / 2) / abs(c) - pad)
        else:
            # anchored at the spoke end, the label extends outward by w
            r_max = min(r_max, (width / 2 - margin - w) / abs(c) - pad)
    radius = max(r_max, width * 0.18)
    # if the minimum radius won, shorten labels so they still fit
    fitted = []
    for lab, a in zip(labels, angles):
        c = abs(math.cos(a))
        room = width / 2 - margin - (radius + pad) * c
        fitted.append(_fit(lab, fs, 2 * room if c < 0.2 else room))
    labels = fitted
    cy = top + fs * 1.6 + pad + radius         # room for the top label

    def pt(i: int, share: float) -> tuple[float, float]:
        return (cx + radius * share * math.cos(angles[i]),
                cy + radius * share * math.sin(angles[i]))

    body: list[str] = [_title(width, title)]

    # guides
    for level in (1.0, 0.8, 0.6, 0.4, 0.2):  # outer (filled) first
        stroke = FRAME if level == 1.0 else GRID
        if n >= 3:
            body.append(
                f'<polygon points="{_pts([pt(i, level) for i in range(n)])}" '
                f'fill="{FAINT if level == 1.0 else "none"}" '
                f'stroke="{stroke}" stroke-width="0.8"/>')
        else:
            body.append(
                f'<circle cx="{_n(cx)}" cy="{_n(cy)}" '
                f'r="{_n(radius * level)}" fill="none" stroke="{stroke}" '
                f'stroke-width="0.8"/>')
    for i in range(n):
        x, y = pt(i, 1.0)
        body.append(f'<line x1="{_n(cx)}" y1="{_n(cy)}" x2="{_n(x)}" '
                    f'y2="{_n(y)}" stroke="{GRID}" stroke-width="0.8"/>')

    # series
    any_missing = False
    for k, (name, vals) in enumerate(data):
        color, dash, shape = _style(k)
        pts = [pt(i, _clamp(v, 0.0, 1.0) if v is not None else 0.0)
               for i, v in enumerate(vals)]
        if n >= 3 and None in vals:
            # no value is no line: a missing point would pull the line to the centre and read as 0 %,
            # so only neighbours that both have a value are joined (the hollow marker says "no data")
            for run in _runs(vals):
                body.append(
                    f'<polyline points="{_pts([pts[i] for i in run])}" fill="none" '
                    f'stroke="{color}" stroke-width="1.8"'
                    f'{_dash_attr(dash)} stroke-linejoin="round"/>')
        elif n >= 3:
            # only the first (main) series is shaded; more fills get muddy
            fill = (f'fill="{color}" fill-opacity="0.08"' if k == 0
                    else 'fill="none"')
            body.append(
                f'<polygon points="{_pts(pts)}" {fill} '
                f'stroke="{color}" stroke-width="1.8"'
                f'{_dash_attr(dash)} stroke-linejoin="round"/>')
        elif n == 2:
            body.append(
                f'<polyline points="{_pts(pts)}" fill="none" '
                f'stroke="{color}" stroke-width="1.8"{_dash_attr(dash)}/>')
        for (x, y), v in zip(pts, vals):
            if v is None:
                any_missing = True
                body.append(_marker("circle", x, y, color, hollow=True,
                                    r=3.0))
            else:
                body.append(_marker(shape, x, y, color, r=2.8))

    # % labels half-way between two spokes, where no data point can sit: the
    # gap whose series lines pass farthest from the labels, on a white backing
    a_tick = angles[_tick_gap([vals for _, vals in data], n)] + math.pi / n
    for level in RING_LEVELS:
        x = cx + radius * level * math.cos(a_tick)
        y = cy + radius * level * math.sin(a_tick) + (SMALL_FS - 1) * 0.36
        label = f"{int(level * 100)}%"
        body.append(_backing(x, y, label, SMALL_FS - 1, "middle", "0.9"))
        body.append(_text(x, y, label, cls="tick", size=SMALL_FS - 1,
                          anchor="middle", fill=SOFT_INK))

    # axis labels
    for i, (lab, a) in enumerate(zip(labels, angles)):
        c, s = math.cos(a), math.sin(a)
        x, y = pt(i, 1.0)
        x += pad * c
        y += pad * s
        if abs(c) < 0.2:
            anchor = "middle"
            y += fs * 0.9 if s > 0 else -2
        else:
            anchor = "start" if c > 0 else "end"
            y += fs * 0.36 + (fs * 0.4 * s)
        body.append(_text(x, y, lab, cls="label", size=fs, anchor=anchor))

    # legend
    legend_top = cy + radius + pad + fs * 1.6 + 6
    items: list[tuple[str, int | None]] = [(nm, k) for k, (nm, _) in
                                           enumerate(data)]
    if any_missing:
        items.append((no_data_text, None))
    if not data:
        body.append(_text(width / 2, legend_top + 12, no_data_text,
                          cls="nodata", size=LABEL_FS, anchor="middle",
                          fill=SOFT_INK))
        leg_h = 18.0
    else:
        leg, leg_h = _legend(items, width, legend_top)
        body.extend(leg)
    height = legend_top + leg_h + 8
    return _svg(width, height, title, body)


# --------------------------------------------------------------------------
# bar
# --------------------------------------------------------------------------

def _ticks(max_value: float) -> list[float]:
    return [max_value * i / 5 for i in range(6)]


def bar_svg(labels: list[str], values: list[float], *, title: str,
            max_value: float = 100, unit: str = "%",
            highlight_below: float | None = None, width: int = 520,
            no_data_text: str = "no data", decimals: int = 1,
            texts: list[str | None] | None = None,
            red: list[bool] | None = None) -> str:
    """Horizontal bar chart, one bar per label, value printed at the bar end.

    ``red`` marks the bars to draw in red where the caller decides it (a ranking colours a unit by
    its outcome: a vetoed unit of 80 points is not recognised, though its bar passes the line);
    without it a bar is red when it ends below ``highlight_below``.

    ``texts`` are the printed values where the caller words them (a share as the table beside the
    chart prints it: "89.9%" for a share just under a line, where whole percents would say "90%").

    Values are drawn on a 0..``max_value`` scale; out-of-range values are
    clamped for drawing but printed as given, and None/NaN bars are left
    empty and marked with an em dash.  With ``highlight_below`` a dashed
    vertical line marks that threshold, and bars below it get a red fill.
    """
    width_f = float(max(int(_num(width) or 520), 200))
    names = [_clean(s) for s in (labels or [])]
    n = len(names)
    if n == 0:
        return _empty(width_f, 140.0, title, no_data_text)
    vals = [_num(v) for v in list(values or [])[:n]]
    vals += [None] * (n - len(vals))
    mx = _num(max_value)
    if mx is None or mx <= 0:
        finite = [v for v in vals if v is not None and v > 0]
        mx = max(finite) if finite else 1.0
    thr = _num(highlight_below)
    unit = _clean(unit)
    given = list(texts or [])

    def _label(k: int) -> str:
        text = given[k] if k < len(given) else None
        return _clean(text) if text else _fmt_value(vals[k], unit, decimals)

    fs = LABEL_FS
    label_w = min(max(_text_width(s, fs) for s in names) + 10,
                  width_f * 0.38)
    names = [_fit(s, fs, label_w - 10) for s in names]
    left = 8 + label_w
    value_room = max(
        [_text_width(_label(k), fs) for k, v in enumerate(vals) if v is not None]
        + [_text_width("—", fs)]) + 10
    right = width_f - 10 - value_room
    plot_w = max(right - left, 40.0)
    top = 34.0 + (14 if thr is not None else 0)
    row_h = 24.0
    bar_h = 14.0
    plot_h = row_h * n
    height = top + plot_h + 26

    def xs(v: float) -> float:
        return left + plot_w * _clamp(v, 0.0, mx) / mx

    body = [_title(width_f, title)]
    # grid + ticks
    for t in _ticks(mx):
        x = xs(t)
        body.append(f'<line x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" '
                    f'y2="{_n(top + plot_h)}" stroke="{GRID}" '
                    f'stroke-width="0.8"/>')
        body.append(_text(x, top + plot_h + 13, _fmt_value(t, unit),
                          cls="tick", size=SMALL_FS, anchor="middle",
                          fill=SOFT_INK))
    body.append(f'<line x1="{_n(left)}" y1="{_n(top)}" x2="{_n(left)}" '
                f'y2="{_n(top + plot_h)}" stroke="{FRAME}" stroke-width="1"/>')
    # bars (values are collected and drawn last, above the threshold line)
    values_out: list[str] = []
    for i, (name, v) in enumerate(zip(names, vals)):
        y_mid = top + row_h * i + row_h / 2
        y_txt = y_mid + fs * 0.36
        body.append(_text(left - 6, y_txt, name, cls="label", size=fs,
                          anchor="end"))
        if v is None:
            values_out.append(_text(left + 4, y_txt, "—", cls="value",
                                    size=fs, fill=SOFT_INK))
            continue
        low = bool(red[i]) if red is not None and i < len(red) else thr is not None and v < thr
        x_end = xs(v)
        w = x_end - left
        if w > 0:
            body.append(
                f'<rect x="{_n(left)}" y="{_n(y_mid - bar_h / 2)}" '
                f'width="{_n(w)}" height="{_n(bar_h)}" '
                f'fill="{RED if low else NAVY}"/>')
        label = _label(i)
        values_out.append(_backing(x_end + 4, y_txt, label, fs))
        values_out.append(_text(x_end + 4, y_txt, label, cls="value",
                                size=fs, fill=RED if low else INK,
                                weight="bold" if low else None))
    # threshold
    if thr is not None:
        x = xs(thr)
        body.append(f'<line x1="{_n(x)}" y1="{_n(top - 6)}" x2="{_n(x)}" '
                    f'y2="{_n(top + plot_h)}" stroke="{RED}" '
                    f'stroke-width="1.2" stroke-dasharray="4 3"/>')
        body.append(_text(x, top - 9, _fmt_value(thr, unit), cls="tick",
                          size=SMALL_FS, anchor="middle", fill=RED))
    body.extend(values_out)
    return _svg(width_f, height, title, body)


# --------------------------------------------------------------------------
# line
# --------------------------------------------------------------------------

def line_svg(x_labels: list[str], series: list[tuple[str, list[float | None]]],
             *, title: str, y_max: float = 100, width: int = 520,
             height: int = 260, no_data_text: str = "no data") -> str:
    """Trend chart: x labels (e.g. years) and one line per series.

    None/NaN values leave a gap in the line.  Each point is printed with its
    value, and values outside 0..``y_max`` are clamped for drawing but
    printed as given.  The legend sits below the plot.
    """
    width_f = float(max(int(_num(width) or 520), 200))
    height_f = float(max(int(_num(height) or 260), 140))
    xl = [_clean(s) for s in (x_labels or [])]
    n = len(xl)
    if n == 0:
        return _empty(width_f, height_f, title, no_data_text)
    data = _norm_series(series, n)
    ym = _num(y_max)
    if ym is None or ym <= 0:
        finite = [v for _, vs in data for v in vs if v is not None and v > 0]
        ym = max(finite) if finite else 1.0

    fs = LABEL_FS
    tick_w = max(_text_width(_fmt_value(t), SMALL_FS) for t in _ticks(ym))
    left = 10 + tick_w + 6
    right = width_f - 18
    plot_w = right - left
    step = plot_w / n
    xl = [_fit(s, SMALL_FS + 1, max(step - 4, 2 * SMALL_FS)) for s in xl]

    # legend size decides the plot height
    items = [(nm, k) for k, (nm, _) in enumerate(data)]
    _, leg_h = _legend(items, width_f, 0)
    if not data:
        leg_h = 18.0
    top = 34.0 + fs  # headroom for labels above the top point
    bottom = height_f - 8 - leg_h - 22
    if bottom - top < 60:
        bottom = top + 60
        height_f = bottom + 22 + leg_h + 8
    plot_h = bottom - top

    def xs(i: int) -> float:
        return left + step * (i + 0.5)

    def ys(v: float) -> float:
        return bottom - plot_h * _clamp(v, 0.0, ym) / ym

    body = [_title(width_f, title)]
    for t in _ticks(ym):
        y = ys(t)
        body.append(f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(right)}" '
                    f'y2="{_n(y)}" stroke="{GRID if t else FRAME}" '
                    f'stroke-width="{"0.8" if t else "1"}"/>')
        body.append(_text(left - 5, y + SMALL_FS * 0.36, _fmt_value(t),
                          cls="tick", size=SMALL_FS, anchor="end",
                          fill=SOFT_INK))
    for i, lab in enumerate(xl):
        x = xs(i)
        body.append(f'<line x1="{_n(x)}" y1="{_n(bottom)}" x2="{_n(x)}" '
                    f'y2="{_n(bottom + 3)}" stroke="{FRAME}" '
                    f'stroke-width="1"/>')
        body.append(_text(x, bottom + 15, lab, cls="label", size=SMALL_FS + 1,
                          anchor="middle"))

    # lines and markers
    points: list[tuple[int, int, float, float]] = []  # (x idx, series, y, v)
    for k, (name, vals) in enumerate(data):
        color, dash, shape = _style(k)
        run: list[tuple[float, float]] = []
        runs: list[list[tuple[float, float]]] = []
        for i, v in enumerate(vals):
            if v is None:
                if run:
                    runs.append(run)
                run = []
            else:
                run.append((xs(i), ys(v)))
                points.append((i, k, ys(v), v))
        if run:
            runs.append(run)
        for r in runs:
            if len(r) > 1:
                body.append(
                    f'<polyline points="{_pts(r)}" fill="none" '
                    f'stroke="{color}" stroke-width="2"{_dash_attr(dash)} '
                    f'stroke-linejoin="round"/>')
    for i, k, y, v in points:
        color, _, shape = _style(k)
        body.append(_marker(shape, xs(i), y, color, r=3.0))

    # value labels: per x position the highest point is labelled above and
    # the lowest below; any other point takes the first free slot among
    # above / below / right / left / further out.  A slot is free when it
    # overlaps neither another label nor a marker.  Labels sit on a white
    # backing so lines running under them stay legible.
    lab_fs = SMALL_FS
    boxes: list[tuple[float, float, float, float]] = [
        (xs(i) - 4.5, y - 4.5, xs(i) + 4.5, y + 4.5) for i, _, y, _ in points]

    def free(box: tuple[float, float, float, float], own: int) -> bool:
        x0, y0, x1, y1 = box
        if y0 < 26 or y1 > bottom - 1:
            return False
        if x0 < 2 or x1 > width_f - 2:
            return False
        for j, (a0, b0, a1, b1) in enumerate(boxes):
            if j == own:
                continue
            if x0 < a1 and x1 > a0 and y0 < b1 and y1 > b0:
                return False
        return True

    for i in range(n):
        col = sorted((p for p in enumerate(points) if p[1][0] == i),
                     key=lambda p: (p[1][2], p[1][1]))
        for j, (own, (_, k, y, v)) in enumerate(col):
            x = xs(i)
            label = _fmt_value(v)
            w = _text_width(label, lab_fs) + 2
            mid = y + lab_fs * 0.36
            above = [(x, y - 6 - lab_fs * 1.05 * m, "middle") for m in range(3)]
            below = [(x, y + lab_fs + 5 + lab_fs * 1.05 * m, "middle")
                     for m in range(3)]
            side = [(x + 7, mid, "start"), (x - 7, mid, "end")]
            if len(col) > 1 and j == len(col) - 1:
                order = below[:1] + above[:1] + side + below[1:] + above[1:]
            elif j == 0:
                order = above[:1] + below[:1] + side + above[1:] + below[1:]
            else:
                order = above[:1] + below[:1] + side + above[1:] + below[1:]

            def box_of(c):
                bx, base, anchor = c
                x0 = bx - w / 2 if anchor == "middle" else (
                    bx if anchor == "start" else bx - w)
                return (x0, base - lab_fs * 0.85, x0 + w, base + lab_fs * 0.2)

            chosen = order[0]
            for c in order:
                if free(box_of(c), own):
                    chosen = c
                    break
            boxes.append(box_of(chosen))
            bx, base, anchor = chosen
            color = _style(k)[0]
            body.append(_backing(bx, base, label, lab_fs, anchor))
            body.append(_text(bx, base, label, cls="value", size=lab_fs,
                              anchor=anchor, fill=color))

    legend_top = bottom + 24
    if data:
        leg, _ = _legend(items, width_f, legend_top)
        body.extend(leg)
    else:
        body.append(_text(width_f / 2, top + plot_h / 2, no_data_text,
                          cls="nodata", size=LABEL_FS, anchor="middle",
                          fill=SOFT_INK))
    return _svg(width_f, height_f, title, body)
