"""五 asks the panel about a share of a population above 100 % as what it is. When validate gave
such a share its own warning (check.share-over-population, 05c8b26), 五 stopped asking about it at
all: its questions are keyed by the warning's message, and the new one had none. Fengming's E1
(119 % of residents) and I1 (117 % of over-60s) were left out of 五 while the summary sent the
reader there."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import pytest

from reports.context_questions import ASKED

from .conftest import lcity_here

FENGMING = Path(__file__).resolve().parent / "audit_cities" / "g3" / "fengming-district-contradictory.yaml"


@cache
def _page(lang: str, tmp: str) -> str:
    out = Path(tmp) / f"fm-{lang}.html"
    run = lcity_here("report", str(FENGMING), "--lang", lang, "-o", str(Path(tmp) / f"fm-{lang}.pdf"), "--html", str(out))
    assert run.returncode == 0, run.stderr
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("lang, asks", [
    ("zh", ["E1 终身学习平台覆盖填报310,000人，为常住人口（260,000）的119.2%，多于常住人口总数：按人去重统计的人数不可能多于常住人口",
            "I1 老年人经常性参与老年教育填报61,000人，为60岁及以上人口（52,000）的117.3%",
            "请专家组核实统计口径后再确认E1的得分"]),
    ("en", ["E1 Learning-platform reach: 310,000 people is 119.2% of the resident population (260,000), more than all "
            "of them, which a count of people, each counted once, cannot be",
            "I1 Older people regularly in education: 61,000 people is 117.3% of the residents aged 60 and over (52,000)",
            "the panel should check how it was counted before confirming the score of E1"]),
])
def test_fengmings_shares_above_the_population_are_asked_in_five(tmp_path_factory, lang, asks):
    page = _page(lang, str(tmp_path_factory.mktemp("fm")))
    five = page.split("五、存在问题" if lang == "zh" else "5. Problems", 1)[1]
    for words in asks:
        assert words in five
    assert ("高于实际单位所见的上限100元/人·年" if lang == "zh" else "D1") in five  # D1 keeps its own question


def test_every_implausible_value_message_has_a_question():
    import inspect

    from evaluator import checks

    source = inspect.getsource(checks.implausible_value)
    for key in re.findall(r'"(check\.[a-z-]+)"', source):
        assert key in ASKED, key
