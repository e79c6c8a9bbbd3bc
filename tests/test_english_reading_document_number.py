"""The English profile says what a Chinese document number is (audit_english #3): Qingshi's stated
strategy rests on "《青石区推进城乡社区教育均衡发展实施方案》(青政办〔2023〕7号)", printed after a bare
"Basis:" with nothing telling an English panel that 青政办〔2023〕7号 is the document's official
number (文号: issuing office, year, serial). Chinese readers know the convention: zh is unchanged."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reports.context_basis import _document_numbers

from .conftest import report_text


def _plain(tmp_path: Path, lang: str) -> str:
    return report_text(tmp_path, lang)


def test_the_english_profile_explains_the_document_number(tmp_path) -> None:
    text = _plain(tmp_path, "en")
    assert ("Basis (as filed, in the original language): 《青石区推进城乡社区教育均衡发展实施方案》(青政办〔2023〕7号). "
            "The code after the title is the official number Chinese government documents carry "
            "(issuing office, year, serial number).") in text


def test_the_chinese_profile_does_not(tmp_path) -> None:
    text = _plain(tmp_path, "zh")
    assert "依据：《青石区推进城乡社区教育均衡发展实施方案》(青政办〔2023〕7号)。" in text.replace(" ", "")
    assert "发文字号" not in text


@given(office=st.sampled_from(["青政办", "京教发", "国办发"]), year=st.integers(1990, 2099),
       serial=st.integers(1, 999), title=st.text(alphabet="学习型城市建设方案 Plan", max_size=12))
def test_a_number_is_found_once_whatever_the_title(office, year, serial, title) -> None:
    no = f"{office}〔{year}〕{serial}号"
    assert _document_numbers([f"《{title}》({no})", no]) == [no]
    assert _document_numbers([f"{title} 2023-2025"]) == []
