"""G31C: consolidation and county words.

1. ``lcity score --explain`` and ``--format json`` said a county's A3 reason as the framework writes
   it once for every level ("具备 1/2 项（本区（市）现行国民经济和社会发展五年规划纲要）", "the
   city/district's current five-year plan") while the report's 附件1 said 本县 (``for_level``, which
   lived in evaluator/plan.py, which the engine cannot import). It lives in evaluator/levels.py now
   and the engine's reasons use it; the explained table's answers and names too.
2. "Lower is better" had three spellings (two ``_falls`` helpers and checks' inline ``floor >
   target``); it is ``LinearRule.falling`` now, read through ``evaluator.advice.falling``.
3. The trend header's yearly rate (``lcity/commands/batch.py _per_year``) parsed the printed change as
   ``evaluator.trend.shown_change`` does: ``evaluator.trend.shown_per_year`` beside it now.
4. The report's task table says an unknown "lower is better" figure is found out and lowered.
5. A figure the panel did not accept is counted again: a recount finds at most the filed figure, but
   under a "lower is better" rule at least it (the filing's error is then a figure too low).
"""

from __future__ import annotations

import pytest


def flat(said: str) -> str:
    return " ".join(said.split())


# --- 3. the trend header's yearly rate beside the change it divides -------------------------------------


@pytest.mark.parametrize(("change", "years", "rate"), [
    ("+1.5", 1, "+1.5"), ("+1.5", 2, "+0.75"), ("+43.7", 4, "+10.93"), ("-16.3", 2, "-8.15"),
    ("-0.01", 4, "+0.00"), ("+1,234.5", 3, "+411.50"), ("—", 2, "—"), ("+1.5", 0, "—"),
])
def test_the_yearly_rate_is_the_printed_change_over_its_years(change, years, rate):
    from evaluator.trend import shown_per_year

    assert shown_per_year(change, years) == rate
