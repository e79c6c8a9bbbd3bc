"""``borrows`` is the pathway's fast form of ``parent_words(...) is not None``: the check, the plan
and the engine read the one, the pathway the other, so they must never disagree."""
from hypothesis import given, settings, strategies as st

from evaluator.parent_figures import borrows, parent_words

# Pieces that say, or nearly say, the figure is the city's, mixed with ordinary words.
PIECES = st.sampled_from(["采用全市调查结果", "全市", "市级数据", "本区", "city-wide figure", "the city's survey",
                          "district survey", "调查", "", " ", "figure of the city it belongs to"])
TEXT = st.lists(PIECES, max_size=4).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(note=st.none() | TEXT, evidence=st.lists(TEXT | st.integers(), max_size=3))
def test_borrows_says_what_parent_words_says(note, evidence):
    assert borrows(note, evidence) == (parent_words(note, evidence) is not None)


def test_a_city_survey_in_the_evidence_borrows_and_a_district_survey_does_not():
    assert borrows(None, ["采用全市调查结果"])
    assert not borrows("本区抽样调查", ["district survey"])
