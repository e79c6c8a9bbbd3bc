"""The form of the report as a panel reads it: 文号, no machine artefacts outside the inputs
appendix, option points as whole or half points, full-width punctuation in Chinese labels,
numbers kept with their units. HTML only (fast), from the examples."""

from __future__ import annotations

import re
from functools import lru_cache

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.benchmark import benchmark
from evaluator.pipeline import read_scored
from indicators.loader import load_framework
from reports.catalog import load_catalog
from reports.context_format import option_points
from reports.context_indicators import rule_text
from reports.render import keep_units, render_html

from .conftest import EXAMPLES, ROOT

CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
#: a half-width , : ; ( ) beside a Chinese character or Chinese punctuation
HALF_WIDTH_BESIDE_CJK = re.compile(rf"[{CJK}][,:;()]|[,:;()][{CJK}]")
#: PDF keywords are split on ASCII commas by the PDF writer: the one place a half-width comma is right
PUNCTUATION_EXEMPT = {"keywords", "keywords_plain"}  # PDF keyword lists: machine-read, comma-separated
INPUTS_ANCHOR = 'id="app-inputs"'


@lru_cache(maxsize=None)
def html_of(name: str, lang: str, reviewed: bool = False, number: str | None = None) -> tuple[str, object]:
    reviews = [EXAMPLES / "qingshi-district.review.yaml"] if reviewed else []
    result, loaded = read_scored(EXAMPLES / name, reviews=reviews)
    assessment, fw = loaded.require()
    return render_html(result, benchmark(result, fw), fw, assessment, lang=lang, number=number), result


def visible_text(html: str) -> str:
    """The text a reader sees (tags, styles and metadata removed)."""
    body = html[html.index("<body"):]
    body = re.sub(r"<svg.*?</svg>", " ", body, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


def zh_catalog_strings():
    for path in sorted((ROOT / "reports" / "catalogs").glob("zh*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        stack = [(str(key), value) for key, value in data.items()]
        while stack:
            key, value = stack.pop()
            if isinstance(value, dict):
                stack += [(f"{key}.{k}", v) for k, v in value.items()]  # noqa: B023
            elif isinstance(value, list):
                stack += [(key, v) for v in value]
            elif isinstance(value, str):
                yield path.name, key, value


def test_zh_catalogs_use_full_width_punctuation():
    wrong = [(f, k, v) for f, k, v in zh_catalog_strings()
             if k.split(".")[0] not in PUNCTUATION_EXEMPT and HALF_WIDTH_BESIDE_CJK.search(v)]
    assert not wrong, wrong


def test_engine_reasons_in_chinese_use_full_width_punctuation():
    for name in ("qingshi-district.yaml", "yunling-county.yaml", "jianglan-city.yaml"):
        result, _ = read_scored(EXAMPLES / name)
        bad = [(r.id, r.reason_zh) for r in result.indicators if HALF_WIDTH_BESIDE_CJK.search(r.reason_zh)]
        assert not bad, (name, bad)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_hash_or_file_name_outside_the_inputs_appendix(lang):
    html, result = html_of("qingshi-district.yaml", lang)
    before, after = html.split(INPUTS_ANCHOR)
    digest = result.provenance.input_sha256
    assert digest in after and "qingshi-district.yaml" in after
    assert digest not in before and digest[:8] not in before
    assert "qingshi-district.yaml" not in before
    from evaluator.engine import VERSION

    assert f"lcity {VERSION}" not in visible_text(before) and f"lcity {VERSION}" in after


@pytest.mark.parametrize("name,lang,reviewed", [
    ("qingshi-district.yaml", "zh", False), ("qingshi-district.yaml", "en", False),
    ("qingshi-district.yaml", "zh", True), ("yunling-county.yaml", "en", False), ("jianglan-city.yaml", "zh", False)])
def test_no_machine_words_in_product_text(name, lang, reviewed):
    text = visible_text(html_of(name, lang, reviewed)[0])
    for word in ("种子", "信号得分"):
        assert word not in text
    # a bare index in a sentence reads as machine output (appendix 3 defines it in its own table)
    assert not re.search(r"可信度0\.\d|confidence 0\.\d", text)
    assert not re.search(r"\bseed\b", text, re.I)


def test_report_number_is_the_given_wenhao_or_a_neutral_number():
    html, _ = html_of("qingshi-district.yaml", "zh", number="青学评〔2025〕3号")
    cover = html[:html.index('class="toc"')]
    assert "青学评〔2025〕3号" in cover
    html, _ = html_of("qingshi-district.yaml", "zh")
    assert re.search(r'class="run-number">LC-qingshi-2024<', html)
    reviewed, _ = html_of("qingshi-district.yaml", "zh", True)
    assert re.search(r'class="run-number">LC-qingshi-2024-R<', reviewed)


@given(points=st.sampled_from([1, 1.5, 2, 3, 4, 5, 6, 8, 10]),
       share=st.sampled_from([0.0, 0.25, 0.33, 0.34, 0.5, 0.6, 0.67, 0.75, 0.8, 1.0]))
@settings(max_examples=60, deadline=None)
def test_option_points_print_what_the_option_scores(points, share):
    """A rule prints the points an option scores, to the score column's two decimals: 0.67 of 3
    points is "2.01", as the row's score, not "2" beside 2.01 (G19-A8 reverses the earlier snap)."""
    shown = option_points(share * points)
    assert re.fullmatch(r"\d+(\.\d{1,2})?", shown), shown
    assert abs(float(shown) - share * points) < 0.006


def test_option_points_examples():
    assert [option_points(x) for x in (2.01, 0.99, 1.5, 3.0, 0.0, 2 / 7, 10.0)] == ["2.01", "0.99", "1.5", "3", "0", "0.29", "10"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rule_texts_print_the_points_each_option_scores(lang):
    """Each levels option of the packaged frameworks is printed as the engine scores it."""
    from evaluator.rounding import fixed

    for ref in ("china-learning-city@1", "china-learning-city@2"):
        fw = load_framework(ref)
        cat = load_catalog(lang)
        for ind in fw.indicators():
            if ind.rule.kind != "levels":
                continue
            text = rule_text(ind, cat, lang)
            for share in ind.rule.shares.values():
                assert fixed(share * ind.points).rstrip("0").rstrip(".") in text, (ind.id, text)


def test_numbers_stay_with_their_units():
    html = keep_units('<p>得分率97%，人均6.71元/人·年，≥ 90 %</p><svg><text>50%</text></svg><style>a{width:10%}</style>')
    assert '<span class="nb">97%</span>' in html and '<span class="nb">6.71元/人·年</span>' in html
    assert '<span class="nb">≥ 90 %</span>' in html
    assert "<text>50%</text>" in html and "width:10%" in html  # SVG and CSS untouched
    text = re.sub(r"<[^>]+>", "", html)
    assert text == re.sub(r"<[^>]+>", "", '<p>得分率97%，人均6.71元/人·年，≥ 90 %</p><text>50%</text>a{width:10%}')


def test_one_number_form_for_counts_of_people():
    text = visible_text(html_of("qingshi-district.yaml", "zh")[0])
    assert "82万人" not in text and "820,000人" in text


def _boxes(box):
    yield box
    for child in getattr(box, "children", None) or []:
        yield from _boxes(child)


def test_no_heading_stands_at_the_foot_of_a_page():
    from reports.render import render_document

    html, _ = html_of("qingshi-district.yaml", "zh")
    stranded = []
    for number, page in enumerate(render_document(html).pages, start=1):
        blocks = [b for b in _boxes(page._page_box)
                  if getattr(getattr(b, "element", None), "tag", None) in ("h2", "h3", "h4", "p", "li", "tr", "figure")]
        if blocks:
            last = max(blocks, key=lambda b: b.position_y + b.margin_height())
            if last.element.tag in ("h2", "h3", "h4"):
                stranded.append((number, (last.element.text or "")[:30]))
    assert not stranded
