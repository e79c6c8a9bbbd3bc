"""Tests for reports.charts: well-formed, escaped, deterministic SVG."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from markupsafe import escape
from hypothesis import given, settings
from hypothesis import strategies as st

try:
    from reports import charts
except ImportError:  # running without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from reports import charts

from reports.charts import bar_svg, line_svg, radar_svg

SVG_NS = "{http://www.w3.org/2000/svg}"
ALLOWED_TAGS = {"svg", "title", "rect", "text", "line", "polygon",
                "polyline", "circle"}
EVIL = "<b onload=x>&"
EVIL_ESCAPED = "&lt;b onload=x&gt;&amp;"
FONT = '"LCity Noto Sans SC", "Noto Sans CJK SC", sans-serif'

AXES = ["A 政策蓝图", "B 治理协调", "C 经费保障", "D 学习场所", "E 数字学习",
        "F 社区学习", "G 职业技能", "H 全民阅读", "I 老年教育", "J 包容公平",
        "K 监测评估", "L 国际合作"]


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == SVG_NS + "svg"
    return root


def texts(root: ET.Element, cls: str | None = None) -> list[ET.Element]:
    return [t for t in root.iter(SVG_NS + "text")
            if cls is None or t.get("class") == cls]


def all_charts(labels, values, title="T"):
    """The three charts fed with the same labels/values."""
    shares = [None if v is None else v / 100 for v in values]
    return {
        "radar": radar_svg(labels, [("s", shares)], title=title),
        "bar": bar_svg(labels, values, title=title, highlight_below=60),
        "line": line_svg(labels, [("s", values)], title=title),
    }


def check_common(svg: str) -> ET.Element:
    root = parse(svg)
    for attr in ("viewBox", "width", "height"):
        assert root.get(attr)
    assert root.get("role") == "img"
    first = list(root)[0]
    assert first.tag == SVG_NS + "title"
    for el in root.iter():
        assert el.tag.startswith(SVG_NS)
        assert el.tag[len(SVG_NS):] in ALLOWED_TAGS, el.tag
        for name in el.attrib:
            assert "href" not in name
    for t in texts(root):
        assert t.get("font-family") == FONT
    lowered = svg.lower()
    for bad in ("href", "<script", "<image", "foreignobject", "url(",
                "http://", "https://"):
        if bad == "http://":
            lowered = lowered.replace('xmlns="http://www.w3.org/2000/svg"', "")
        assert bad not in lowered, bad
    # numbers: at most two decimals
    assert not re.search(r"\d\.\d{3,}", svg)
    return root


# --------------------------------------------------------------------------
# basic rendering
# --------------------------------------------------------------------------

def test_radar_basic():
    svg = radar_svg(AXES, [
        ("2023", [0.8, 0.7, 0.5, 0.9, 0.6, 0.7, 0.5, 0.8, 0.4, 0.6, 0.7, 0.3]),
        ("2024", [0.85, 0.75, 0.6, 0.95, 0.7, None, 0.6, 0.9, 0.5, 0.7, 0.8,
                  0.4]),
        ("平均", [0.7] * 12),
    ], title="雷达图")
    root = check_common(svg)
    assert [t.text for t in texts(root, "label")] == AXES
    assert [t.text for t in texts(root, "tick")] == [
        "20%", "40%", "60%", "80%", "100%"]
    legend = [t.text for t in texts(root, "legend")]
    assert legend[:3] == ["2023", "2024", "平均"]
    assert "no data" in legend  # because of the None
    assert texts(root, "title")[0].text == "雷达图"


def test_radar_series_styles_distinct():
    series = [(f"s{i}", [0.5] * 12) for i in range(4)]
    root = parse(radar_svg(AXES, series, title="t"))
    polys = [p for p in root.iter(SVG_NS + "polygon")
             if p.get("stroke-width") == "1.8"]
    assert len(polys) == 4
    assert len({p.get("stroke") for p in polys}) == 4
    assert len({p.get("stroke-dasharray") for p in polys}) == 4


def test_radar_none_is_hollow_marker_at_centre():
    svg = radar_svg(["a", "b", "c"], [("s", [None, 0.5, float("nan")])],
                    title="t", size=300)
    root = parse(svg)
    hollow = [c for c in root.iter(SVG_NS + "circle")
              if c.get("fill") == "#ffffff"]
    # two missing values + the legend's "no data" sample
    assert len(hollow) == 3
    # both missing points are drawn at the same (centre) position
    assert hollow[0].get("cx") == hollow[1].get("cx")
    assert hollow[0].get("cy") == hollow[1].get("cy")


def test_radar_labels_inside_canvas():
    root = parse(radar_svg(AXES, [("s", [1.0] * 12)], title="t", size=360))
    width = float(root.get("width"))
    for t in texts(root, "label"):
        x = float(t.get("x"))
        w = charts._text_width(t.text, float(t.get("font-size")))
        anchor = t.get("text-anchor", "start")
        x0 = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
        assert x0 >= 0 and x0 + w <= width, t.text


def test_bar_basic_and_highlight():
    svg = bar_svg(["甲", "乙", "丙"], [82.5, 45, 150], title="柱状图",
                  highlight_below=60)
    root = check_common(svg)
    assert [t.text for t in texts(root, "label")] == ["甲", "乙", "丙"]
    values = [t.text for t in texts(root, "value")]
    assert values == ["82.5%", "45%", "150%"]  # real value printed
    bars = [r for r in root.iter(SVG_NS + "rect")
            if r.get("fill") in (charts.NAVY, charts.RED)]
    assert [b.get("fill") for b in bars] == [charts.NAVY, charts.RED,
                                            charts.NAVY]
    # 150 is clamped to the 100 scale: not wider than the 100 % gridline
    widths = [float(b.get("width")) for b in bars]
    assert widths[2] == pytest.approx(widths[0] / 0.825, abs=0.05)
    dashed = [ln for ln in root.iter(SVG_NS + "line")
              if ln.get("stroke-dasharray")]
    assert len(dashed) == 1


def test_bar_without_highlight_has_no_dashed_line():
    root = parse(bar_svg(["a"], [10], title="t"))
    assert not [ln for ln in root.iter(SVG_NS + "line")
                if ln.get("stroke-dasharray")]


def test_bar_negative_nan_and_short_values():
    svg = bar_svg(["a", "b", "c", "d"], [-5, float("nan"), float("inf")],
                  title="t", unit="分", max_value=0)
    root = check_common(svg)
    assert [t.text for t in texts(root, "value")] == ["-5分", "—", "—", "—"]
    assert "nan" not in svg.lower() and "inf" not in svg.lower()


def test_line_basic_gaps_and_clamp():
    svg = line_svg(["2021", "2022", "2023", "2024"],
                   [("综合", [60, None, 75.25, 120]),
                    ("平均", [58, 61, float("nan"), 66])],
                   title="趋势")
    root = check_common(svg)
    assert [t.text for t in texts(root, "label")] == [
        "2021", "2022", "2023", "2024"]
    assert sorted(t.text for t in texts(root, "value")) == sorted(
        ["60", "75.2", "120", "58", "61", "66"])
    # the gap splits series 1 into [60] and [75.25, 120] -> one polyline;
    # series 2 into [58, 61] and [66] -> one polyline
    assert len(list(root.iter(SVG_NS + "polyline"))) == 2
    assert [t.text for t in texts(root, "legend")] == ["综合", "平均"]
    # clamped: no marker above the plot top
    tick_ys = [float(t.get("y")) for t in texts(root, "tick")]
    top = min(tick_ys)
    for c in root.iter(SVG_NS + "circle"):
        assert float(c.get("cy")) >= top - 5


@pytest.mark.parametrize("svg", [
    radar_svg([], [], title="空"),
    radar_svg([], [("s", [0.5])], title="空"),
    bar_svg([], [], title="空"),
    bar_svg([], [1, 2], title="空"),
    line_svg([], [], title="空"),
    line_svg([], [("s", [1])], title="空"),
])
def test_empty_frame(svg):
    root = check_common(svg)
    assert texts(root, "title")[0].text == "空"
    assert [t.text for t in texts(root, "nodata")] == ["no data"]


def test_axes_but_no_series():
    for svg in (radar_svg(["a", "b", "c"], [], title="t"),
                line_svg(["2023", "2024"], [], title="t")):
        root = check_common(svg)
        assert [t.text for t in texts(root, "nodata")] == ["no data"]


def test_no_data_text_is_configurable():
    root = parse(bar_svg([], [], title="t", no_data_text="暂无数据"))
    assert texts(root, "nodata")[0].text == "暂无数据"


@pytest.mark.parametrize("svg", [
    radar_svg(["唯一"], [("s", [0.5])], title="t"),
    radar_svg(["a", "b"], [("s", [0.5, 2.0])], title="t"),
    bar_svg(["唯一"], [42], title="t"),
    line_svg(["2024"], [("s", [42])], title="t"),
    line_svg(["2024"], [("s", [None])], title="t"),
])
def test_single_axis_or_point(svg):
    root = check_common(svg)
    assert len(texts(root, "label")) in (1, 2)


def test_more_than_four_series_does_not_raise():
    series = [(f"s{i}", [0.1 * i] * 3) for i in range(6)]
    check_common(radar_svg(["a", "b", "c"], series, title="t"))
    check_common(line_svg(["a", "b", "c"], series, title="t"))


def test_malformed_series_entries_are_skipped():
    svg = radar_svg(["a", "b", "c"], [("ok", [0.1, 0.2, 0.3]), "junk", None,
                                      ("short", [0.5])], title="t")
    root = check_common(svg)
    assert [t.text for t in texts(root, "legend")][:2] == ["ok", "short"]


# --------------------------------------------------------------------------
# escaping
# --------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["radar", "bar", "line"])
def test_label_escaping(name):
    svg = all_charts(["ok", EVIL], [50, 70], title=EVIL)[name]
    assert "<b onload" not in svg
    assert EVIL_ESCAPED in svg
    root = check_common(svg)
    assert EVIL in [t.text for t in texts(root, "label")]
    assert root.find(SVG_NS + "title").text == EVIL


def test_series_name_and_unit_escaping():
    svg = radar_svg(["a", "b", "c"], [(EVIL, [0.1, 0.2, 0.3])], title="t")
    assert "<b onload" not in svg and EVIL_ESCAPED in svg
    svg = line_svg(["a"], [(EVIL, [1])], title="t")
    assert "<b onload" not in svg and EVIL_ESCAPED in svg
    svg = bar_svg(["a"], [1], title="t", unit="<i>&")
    assert "<i>" not in svg and "&lt;i&gt;&amp;" in svg
    parse(svg)


def test_ampersand_alone():
    svg = bar_svg(["R&D"], [10], title="A & B")
    assert "R&amp;D" in svg and "A &amp; B" in svg
    parse(svg)


def test_control_characters_removed():
    svg = bar_svg(["a\x00b\x1bc\nd"], [1], title="t\x0c")
    root = parse(svg)
    assert texts(root, "label")[0].text == "abc d"


# --------------------------------------------------------------------------
# determinism
# --------------------------------------------------------------------------

def test_deterministic():
    args = (AXES, [("a", [0.1 * (i % 10) for i in range(12)]),
                   ("b", [None] * 12)])
    assert radar_svg(*args, title="t") == radar_svg(*args, title="t")
    vals = [1 / 3, 2 / 3, 99.999]
    assert bar_svg(["a", "b", "c"], vals, title="t") == bar_svg(
        ["a", "b", "c"], list(vals), title="t")
    series = [("s", [1 / 7, None, 50.005])]
    assert line_svg(["x", "y", "z"], series, title="t") == line_svg(
        ["x", "y", "z"], series, title="t")
    assert "id=" not in radar_svg(*args, title="t")


# --------------------------------------------------------------------------
# property-based
# --------------------------------------------------------------------------

labels_st = st.lists(st.text(max_size=30), max_size=14)
number_st = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=-50, max_value=200),
)
TAG_START = re.compile(
    r"<(?!/?(svg|title|rect|text|line|polygon|polyline|circle)[\s>/])")


def _check_property(svg: str, labels: list[str]) -> None:
    root = ET.fromstring(svg)  # well-formed XML
    label_els = texts(root, "label")
    assert len(label_els) == len(labels)
    # every '<' in the output starts one of our own tags
    assert not TAG_START.search(svg)
    for el, lab in zip(label_els, labels):
        shown = el.text or ""
        clean = charts._clean(lab)
        if shown.endswith("…") and not clean.endswith("…"):
            assert clean.startswith(shown[:-1])
        else:
            assert shown == clean


@settings(max_examples=60, deadline=None)
@given(labels=labels_st, data=st.data())
def test_property_bar(labels, data):
    values = data.draw(st.lists(number_st, min_size=0,
                                max_size=len(labels) + 2))
    _check_property(bar_svg(labels, values, title="t", highlight_below=60),
                    labels)


@settings(max_examples=60, deadline=None)
@given(labels=labels_st, data=st.data())
def test_property_line(labels, data):
    series = data.draw(st.lists(
        st.tuples(st.text(max_size=10),
                  st.lists(number_st, max_size=len(labels) + 1)),
        max_size=4))
    _check_property(line_svg(labels, series, title="t"), labels)


@settings(max_examples=60, deadline=None)
@given(labels=labels_st, data=st.data())
def test_property_radar(labels, data):
    series = data.draw(st.lists(
        st.tuples(st.text(max_size=10),
                  st.lists(number_st, max_size=len(labels) + 1)),
        max_size=4))
    _check_property(radar_svg(labels, series, title="<t>"), labels)


@settings(max_examples=40, deadline=None)
@given(labels=st.lists(st.text(alphabet="<>&\"' ab中", max_size=8),
                       min_size=1, max_size=6))
def test_property_markup_labels_never_leak(labels):
    for svg in all_charts(labels, [50.0] * len(labels)).values():
        _check_property(svg, labels)
        for lab in labels:
            if "<" in lab:
                # the label is present only in its escaped form
                assert ">" + str(escape(lab)) + "</text>" in svg
                assert ">" + lab + "</text>" not in svg
