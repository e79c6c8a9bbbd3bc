"""Near-duplicate panel findings print once (outside reading, audit_readings3 #6).

Two reviewers write the same finding in more or fewer words: "…，预算保障机制稳定" and
"预算保障机制稳定 。". The reviewed report printed both; now the shorter, contained whole in the
longer (full/half-width punctuation and spaces ignored), is merged into the longer, printed once
where the first of them stood. Findings that merely share words both stay.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.review import _finding_words, _negated, merge_findings

from .conftest import lcity_here as lcity

MEICHUAN = Path(__file__).parent / "audit_readings3"
LONG = "专项经费连续三年增长且高于教育经费总体增幅，预算保障机制稳定"


def _panel_findings(tmp_path: Path, second: list[str], lang: str = "zh") -> list[str]:
    """The list items under the reviewed report's 专家组意见 (the panel's findings), as printed,
    with review-1's strengths and review-2's strengths replaced by ``second``."""
    for name in ("d-meichuan-district.yaml", "d-meichuan-district.review-1.yaml"):
        shutil.copy(MEICHUAN / name, tmp_path / name)
    text = (MEICHUAN / "d-meichuan-district.review-2.yaml").read_text(encoding="utf-8")
    items = "".join(f"    - {s}\n" for s in second)
    text = text.replace("  strengths:\n    - 专项经费保障机制稳定\n", "  strengths:\n" + items)
    (tmp_path / "r2.yaml").write_text(text, encoding="utf-8")
    html = tmp_path / "r.html"
    run = lcity("report", "d-meichuan-district.yaml", "--review", "d-meichuan-district.review-1.yaml",
                "--review", "r2.yaml", "--html", str(html), "--lang", lang, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    page = html.read_text(encoding="utf-8")
    start = page.index("（三）专家组意见" if lang == "zh" else "The panel&#39;s findings")
    block = page[start:page.index("</ul>", start)]
    return re.findall(r"<li>(.*?)</li>", block, re.DOTALL)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_finding_contained_in_another_prints_once_as_the_longer(tmp_path: Path, lang: str) -> None:
    shown = _panel_findings(tmp_path, ["预算保障机制稳定 。", "街道社区学校全覆盖", "社区学校师资不足"], lang)
    assert shown == [LONG, "街道社区学校全覆盖，三级网络运转规范", "社区学校师资不足"]


def test_findings_that_merely_share_words_both_print(tmp_path: Path) -> None:
    shown = _panel_findings(tmp_path, ["专项经费保障机制稳定", "街道社区学校师资不足"])
    assert shown == [LONG, "街道社区学校全覆盖，三级网络运转规范", "专项经费保障机制稳定", "街道社区学校师资不足"]


def test_the_longer_one_takes_the_first_ones_place() -> None:
    assert merge_findings(["预算保障机制稳定", "街道社区学校全覆盖", LONG, "保障机制稳定"]) == [LONG, "街道社区学校全覆盖"]
    # full- and half-width punctuation and spaces are alike; the first of two equal ones is printed
    assert merge_findings(["预算保障（专项）机制稳定。", "预算保障 (专项) 机制稳定"]) == ["预算保障（专项）机制稳定。"]
    assert merge_findings(["Funding is stable.", "the funding is stable in 2025"]) == ["the funding is stable in 2025"]


def test_numbers_and_words_are_compared_whole() -> None:
    assert merge_findings(["经费增长3%", "经费增长13%"]) == ["经费增长3%", "经费增长13%"]
    assert merge_findings(["经费增长3%", "经费增长3.5%"]) == ["经费增长3%", "经费增长3.5%"]
    assert merge_findings(["Funding is stable", "Funding is unstable"]) == ["Funding is stable", "Funding is unstable"]


FINDING = st.text(alphabet="经费稳定社区学校覆盖不足，。 ,.3%", min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(FINDING, max_size=8))
def test_nothing_written_is_lost_and_no_near_duplicate_remains(texts: list[str]) -> None:
    def key(t: str) -> str:
        return "\0" + "\0".join(_finding_words(t)) + "\0"

    merged = merge_findings(texts)
    assert set(merged) <= set(texts)
    assert merge_findings(merged) == merged
    for t in texts:  # every finding's words are still printed, inside some printed finding
        assert _finding_words(t) == [] or any(key(t) in key(m) for m in merged)
    for i, a in enumerate(merged):  # and no printed finding is contained in another, but behind a negation
        assert not any(key(a) in key(b) and not _negated(key(a), key(b))
                       for j, b in enumerate(merged) if i != j and _finding_words(a))


def test_a_finding_and_its_negation_are_a_disagreement_not_one_finding():
    """Two reviewers who wrote "建立学分银行" and "尚未建立学分银行" disagree: merging them would print
    one side of the disagreement as the panel's finding."""
    assert merge_findings(["建立学分银行", "尚未建立学分银行"]) == ["建立学分银行", "尚未建立学分银行"]
    assert merge_findings(["没有建立学分银行", "建立学分银行"]) == ["没有建立学分银行", "建立学分银行"]
    assert merge_findings(["set up a credit bank", "did not set up a credit bank"]) == [
        "set up a credit bank", "did not set up a credit bank"]
    assert merge_findings(["建立学分银行", "已建立学分银行制度"]) == ["已建立学分银行制度"]
