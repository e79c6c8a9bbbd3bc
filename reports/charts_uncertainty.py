"""SVG charts of the uncertainty analysis: a total's distribution with the grade cut-offs, and
every unit's rank interval (a caterpillar plot).

Same contract as ``reports.charts`` (whose helpers draw the text, the frame and the title): one
self-contained ``<svg>``, deterministic, caller text escaped, the bundled font, no external
references, and no exception on empty or odd input.
"""

from __future__ import annotations

import math
from typing import Sequence

from .charts import (FAINT, FRAME, GOLD, GRID, INK, LABEL_FS, NAVY, RED, SMALL_FS, SOFT_INK, _backing,
                     _clean, _empty, _fit, _fmt_value, _n, _num, _svg, _text, _text_width, _title)

__all__ = ["distribution_svg", "caterpillar_svg"]

BAND = "#dfe6f2"  # the 5–95 % interval behind the bars


def _range(lo: float, hi: float, top: float, unit: float = 1.0) -> tuple[float, float]:
    """The x range shown: the distribution with some room, in steps of 5, at least 20 wide (in
    ``unit``s of a point: 0.01 for a framework of 1 point, whose bins are that fine)."""
    step = 5 * unit
    a = max(0.0, math.floor((lo - step) / step) * step)
    b = min(top, math.ceil((hi + step) / step) * step)
    while b - a < 4 * step - 1e-9:
        a, b = max(0.0, a - step), min(top, b + step)
        if a == 0.0 and b == top:
            break
    return a, b


def distribution_svg(counts: Sequence[int], start: float, bin_width: float, *, title: str,
                     cutoffs: Sequence[tuple[str, float]] = (), scored: float | None = None,
                     interval: tuple[float, float, float] | None = None, top: float = 100.0,
                     axis: str = "", legend: tuple[str, str, str] = ("", "", ""), width: int = 520,
                     no_data_text: str = "no data") -> str:
    """Histogram of a total's draws, the 5–95 % interval shaded, the median and the total as
    scored marked, and a dashed line at every cut-off within the range shown (label above it).

    ``legend``: the words for (the 5–95 % interval, the median, the total as scored).
    """
    w = float(max(int(_num(width) or 520), 260))
    vals = [max(0, int(c)) for c in counts or [] if _num(c) is not None]
    st, bw, tp = _num(start), _num(bin_width), _num(top) or 100.0
    if not vals or sum(vals) == 0 or st is None or not bw or bw <= 0:
        return _empty(w, 200.0, title, no_data_text)
    first = next(i for i, c in enumerate(vals) if c)
    last = max(i for i, c in enumerate(vals) if c)
    unit = min(1.0, bw)  # a bin finer than a point: a framework of few points (G27-T1)
    places = 1 if unit >= 1 else 3
    lo, hi = _range(st + first * bw, st + (last + 1) * bw, tp, unit)
    shown = sorted(((_clean(lbl), at) for lbl, at in cutoffs if _num(at) is not None and lo < at < hi),
                   key=lambda c: c[1])
    left, right = 40.0, w - 14
    rows = 2 if shown else 0
    plot_top = 34 + rows * 14 + 4
    plot_h = 120.0
    base = plot_top + plot_h
    h = base + 58

    def x(v: float) -> float:
        return left + (min(max(v, lo), hi) - lo) / (hi - lo) * (right - left)

    peak = max(vals)
    body = [_title(w, title),
            f'<rect x="{_n(left)}" y="{_n(plot_top)}" width="{_n(right - left)}" height="{_n(plot_h)}" '
            f'fill="{FAINT}" stroke="{FRAME}" stroke-width="1"/>']
    if interval is not None and all(_num(v) is not None for v in interval):
        p05, med, p95 = interval
        body.append(f'<rect x="{_n(x(p05))}" y="{_n(plot_top)}" width="{_n(max(1.0, x(p95) - x(p05)))}" '
                    f'height="{_n(plot_h)}" fill="{BAND}"/>')
    for i, c in enumerate(vals):
        a, b = st + i * bw, st + (i + 1) * bw
        if c == 0 or b <= lo or a >= hi:
            continue
        bh = c / peak * (plot_h - 8)
        body.append(f'<rect x="{_n(x(a) + 0.4)}" y="{_n(base - bh)}" width="{_n(max(0.6, x(b) - x(a) - 0.8))}" '
                    f'height="{_n(bh)}" fill="{NAVY}" fill-opacity="0.75"/>')
    step = (5 if hi - lo <= 40 * unit + 1e-9 else 10) * unit
    k = math.ceil(lo / step - 1e-9)
    while k * step <= hi + 1e-9:
        v = k * step
        body.append(f'<line x1="{_n(x(v))}" y1="{_n(base)}" x2="{_n(x(v))}" y2="{_n(base + 4)}" stroke="{FRAME}"/>')
        body.append(_text(x(v), base + 15, _fmt_value(v, decimals=places), cls="tick", size=SMALL_FS, anchor="middle",
                          fill=SOFT_INK))
        k += 1
    if axis:
        body.append(_text((left + right) / 2, base + 29, _fit(_clean(axis), SMALL_FS, right - left), cls="label",
                          size=SMALL_FS, anchor="middle", fill=SOFT_INK))
    for k, (label, at) in enumerate(shown):
        cx = x(at)
        y = 34 + (k % 2) * 14 + 10
        body.append(f'<line x1="{_n(cx)}" y1="{_n(y + 2)}" x2="{_n(cx)}" y2="{_n(base)}" stroke="{RED}" '
                    f'stroke-width="1.2" stroke-dasharray="4 3"/>')
        text = f"{label} {_fmt_value(at, decimals=places)}"
        anchor = "end" if cx > right - _text_width(text, SMALL_FS) / 2 else "start" if cx < left + 40 else "middle"
        body.append(_backing(cx, y, text, SMALL_FS, anchor=anchor))
        body.append(_text(cx, y, text, cls="label", size=SMALL_FS, anchor=anchor, fill=RED))
    if interval is not None and _num(interval[1]) is not None:
        body.append(f'<line x1="{_n(x(interval[1]))}" y1="{_n(plot_top)}" x2="{_n(x(interval[1]))}" y2="{_n(base)}" '
                    f'stroke="{INK}" stroke-width="1.4"/>')
    if scored is not None and _num(scored) is not None:
        sx = x(scored)
        body.append(f'<polygon points="{_n(sx - 5)},{_n(base + 1)} {_n(sx + 5)},{_n(base + 1)} {_n(sx)},{_n(base - 8)}" '
                    f'fill="{GOLD}" stroke="{INK}" stroke-width="0.8"/>')
    # legend: the band, the median line, the scored marker
    ly = h - 10
    band, median, own = legend
    shapes = (lambda a: f'<rect x="{_n(a)}" y="{_n(ly - 8)}" width="14" height="9" fill="{BAND}" stroke="{FRAME}"/>',
              lambda a: f'<line x1="{_n(a)}" y1="{_n(ly - 4)}" x2="{_n(a + 14)}" y2="{_n(ly - 4)}" stroke="{INK}" '
                        f'stroke-width="1.4"/>',
              lambda a: f'<polygon points="{_n(a + 2)},{_n(ly)} {_n(a + 12)},{_n(ly)} {_n(a + 7)},{_n(ly - 9)}" '
                        f'fill="{GOLD}" stroke="{INK}" stroke-width="0.8"/>')
    lx = left
    for shape, words in zip(shapes, (band, median, own)):
        if not words:
            continue
        body.append(shape(lx))
        body.append(_text(lx + 18, ly, words, cls="legend", size=SMALL_FS, fill=INK))
        lx += 18 + _text_width(_clean(words), SMALL_FS) + 16
    return _svg(w, h, title, body)


def caterpillar_svg(rows: Sequence[tuple[str, int, int, int]], of: int, *, title: str, axis: str = "",
                    highlight: Sequence[bool] = (), width: int = 520, no_data_text: str = "no data") -> str:
    """Each unit's rank interval (best–worst, 5th–95th percentile) as a line and its median rank as
    a dot, one row per unit, in the order given; rank 1 on the left."""
    w = float(max(int(_num(width) or 520), 260))
    rows = [(_clean(n), int(b), int(m), int(k)) for n, b, m, k in rows or []]
    if not rows or of < 1:
        return _empty(w, 140.0, title, no_data_text)
    label_w = min(170.0, max(_text_width(n, LABEL_FS) for n, *_ in rows) + 10)
    left, right = 8 + label_w, w - 16
    row_h = 17.0
    top = 36.0
    h = top + row_h * len(rows) + 44

    def x(r: float) -> float:
        return left + (r - 1) / max(1, of - 1) * (right - left) if of > 1 else (left + right) / 2

    body = [_title(w, title),
            f'<rect x="{_n(left - 6)}" y="{_n(top - 6)}" width="{_n(right - left + 12)}" '
            f'height="{_n(row_h * len(rows) + 6)}" fill="{FAINT}" stroke="{FRAME}" stroke-width="1"/>']
    step = 1 if of <= 15 else 2 if of <= 30 else 5
    ticks = [1] + list(range(step if step > 1 else 2, of + 1, step))
    if ticks[-1] != of:
        ticks.append(of)
    base = top + row_h * len(rows)
    for t in ticks:
        body.append(f'<line x1="{_n(x(t))}" y1="{_n(top - 6)}" x2="{_n(x(t))}" y2="{_n(base)}" stroke="{GRID}" '
                    f'stroke-width="0.6"/>')
        body.append(_text(x(t), base + 13, str(t), cls="tick", size=SMALL_FS, anchor="middle", fill=SOFT_INK))
    if axis:
        body.append(_text((left + right) / 2, base + 28, _fit(_clean(axis), SMALL_FS, right - left), cls="label",
                          size=SMALL_FS, anchor="middle", fill=SOFT_INK))
    marks = list(highlight) + [False] * len(rows)
    for i, (name, best, med, worst) in enumerate(rows):
        cy = top + row_h * i + row_h / 2 - 3
        colour = RED if marks[i] else NAVY
        body.append(_text(left - 10, cy + 4, _fit(name, LABEL_FS, label_w - 4), cls="label", size=LABEL_FS,
                          anchor="end", fill=INK, weight="bold" if marks[i] else None))
        body.append(f'<line x1="{_n(x(best))}" y1="{_n(cy)}" x2="{_n(x(worst))}" y2="{_n(cy)}" stroke="{colour}" '
                    f'stroke-width="3" stroke-linecap="round"/>')
        body.append(f'<circle cx="{_n(x(med))}" cy="{_n(cy)}" r="3.6" fill="#ffffff" stroke="{colour}" '
                    f'stroke-width="1.6"/>')
    return _svg(w, h, title, body)

