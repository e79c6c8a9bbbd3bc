"""A pathway reason says "1 percentage point", not "1 percentage points" (G1 audit #10: the reason
printed by lcity score and kept in the Result). Random answers for qingshi's indicators: whatever lead
the practice shows, a figure of one takes the singular and every other figure the plural."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from evaluator.engine import score
from evaluator.reading import read

from .conftest import EXAMPLES
from .strategies import value_for

_LOADED = read(EXAMPLES / "qingshi-district.yaml").require()
_IDS = [i.id for d in _LOADED[1].dimensions for i in d.indicators]


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_pathway_reasons_agree_with_their_figures(data):
    assessment, fw = _LOADED
    answers = dict(assessment.answers)
    for iid in data.draw(st.lists(st.sampled_from(_IDS), unique=True, max_size=12)):
        ind = fw.indicator(iid)
        if iid in answers and answers[iid].status is None and getattr(ind.answer, "derive", None) is None:
            answers[iid] = answers[iid].model_copy(update={"value": data.draw(value_for(ind, count_max=10_000))})
    p = score(assessment.model_copy(update={"answers": answers}), fw).pathway
    assert not re.search(r"(?<![\d.,])1 percentage points", p.reason), p.reason
    assert not re.search(r"(?<![\d.,])(?:[02-9]|\d{2,}) percentage point(?!s)", p.reason), p.reason
