"""A long unbroken run of text (a pasted URL, a key held down) never runs off the page edge."""

from __future__ import annotations

from evaluator.benchmark import benchmark
from evaluator.pipeline import score
from evaluator.reading import read_string
from reports.render import breakable, render_document, render_html

from .conftest import EXAMPLES


def _boxes(box):
    yield box
    for child in getattr(box, "children", []) or []:
        yield from _boxes(child)


def test_breakable_leaves_short_runs_and_markup_alone():
    from markupsafe import Markup

    sha = "a" * 64
    assert breakable(sha) == sha and breakable(f"文件 {sha} 已核对") == f"文件 {sha} 已核对"
    assert breakable(Markup("x" * 200)) == "x" * 200
    long = breakable("https://example.org/" + "p" * 200)
    assert long.replace("\u200b", "") == "https://example.org/" + "p" * 200
    assert max(len(part) for part in long.split("\u200b")) <= 16


def test_a_very_long_body_name_stays_inside_the_page():
    text = (EXAMPLES / "qingshi-district.yaml").read_text(encoding="utf-8")
    text = text.replace("evaluating_body: 青石区学习型城市建设领导小组办公室", "evaluating_body: " + "A" * 200, 1)  # the longest a name may be (MAX_NAME)
    loaded = read_string(text)
    assessment, fw = loaded.require()
    result = score(assessment, fw)
    html = render_html(result, benchmark(result, fw), fw, assessment, lang="en", date="2025-06-30")
    document = render_document(html)
    page = document.pages[0]
    overflow = []
    for page in document.pages:
        right = page.width
        for box in _boxes(page._page_box):
            text = getattr(box, "text", None)
            if text and box.position_x + box.width > right + 0.5:
                overflow.append(text[:20])
    assert overflow == []
