"""The least step that leaves a dimension standing exactly on its floor a margin.

石梁区 (tests/audit_cities/g31a) has C and E at 60.0 % against the 60 % floor: 八 says they have no
margin (G31A-2), but 六 said nothing of them and gave E no task (G31A-5). A panel names, for each
such dimension, the one improvement that lifts it off the floor at least effort; this finds it
among the planner's own options (``evaluator.plan``'s options and effort model), so its effort is
the one the task table would give it.
"""

from __future__ import annotations

from typing import Any

from indicators.models import Framework

from .assessment import Assessment
from .plan_options import Option
from .result import Result


def least_steps(fw: Framework, assessment: Assessment, result: Result, target: Any,
                dims: list[str]) -> dict[str, tuple[Option, float]]:
    """Each dimension of ``dims`` -> the option of one of its indicators that adds points to it at
    the least effort, and the points it adds to the total (ties: more points first, then the framework's order). Only what the unit does
    itself: not its city's record (``answered_for_parent``), not what another body decides
    (``decided_for``: UNESCO's award), not a step that would fire a veto. A dimension without such
    an option is left out."""
    if not dims:
        return {}
    from .plan import _build  # SciPy-free: only the options are built, nothing is solved

    problem, _, _ = _build(fw, assessment, result, target, None)
    level = assessment.city.level
    outside = {i.id for i in fw.indicators() if i.decided_for(level) is not None}
    best: dict[str, tuple[tuple[float, float, int], Option]] = {}
    for n, o in enumerate(problem.opts):
        if o.dimension not in dims or o.gain <= 1e-9 or o.fires_veto or o.indicator in outside:
            continue
        key = (o.effort, -o.gain, n)
        if o.dimension not in best or key < best[o.dimension][0]:
            best[o.dimension] = (key, o)
    return {d: (o, o.gain * problem.k) for d, (_, o) in best.items()}
