"""When each task of a plan is suggested: the years 六's task table prints and 六's closing line
names. Apart from reports.context_plan so that reports.context_recommend, which 六's deadline
sentence needs them for, reads them without importing the plan's section (the two imported each
other)."""

from __future__ import annotations

import math
from typing import Any

from .context_facts import Facts

#: Effort points that fit in one year of work: a task is suggested for the year in which the
#: tasks before it, cheapest first, and itself are done at this pace (the framework's effort unit
#: is about one month of the lead office's work; several offices work at once).
YEAR_CAPACITY = 24


def year_capacity(fw: Any) -> float:
    """The effort a unit does in a year, at which the task list dates its tasks: the framework's
    ``effort.per_year`` where it states one, else lcity's 24 (a month's work a point). A framework
    counting in effort days was planned at 24 days a year, "if one unit of effort is about a month's
    work" (G20-D4)."""
    effort = getattr(fw, "effort", None)
    return getattr(effort, "per_year", None) or YEAR_CAPACITY


def _fewest_years(c: Any) -> tuple[int | None, Any]:
    """The fewest years a task takes however much work goes in, and why (the plan's figure, from
    the framework's ``years``: a budget line stands in two budget years, a national award waits for
    a yearly selection); (None, None) for a task that only takes work, and for the city's part."""
    if c.parent:
        return None, None
    return c.years, c.years_why


def _start_year(f: Facts) -> int:
    if f.date and len(f.date) >= 4 and f.date[:4].isdigit():
        return int(f.date[:4])
    return f.assessment.period.end + 1


def task_years(f: Facts) -> list[int | None]:
    """The suggested year of each task of the plan, in the table's order (None for a task another
    body decides). One computation for the table and for 六's closing line, which names the last of
    these years: counted from effort alone it said 2026 while the table gave D2's budget line 2027."""
    start, done = _start_year(f), 0.0
    out: list[int | None] = []
    when: dict[str, int] = {}
    found: set[str] = set()  # tasks that find a figure out: found together in one year
    for c in f.plan.changes:
        if c.decided_by is not None:  # another body decides (UNESCO's award): no effort, no year
            out.append(None)
            continue
        done += c.effort
        if getattr(c, "looked_up", False):  # finding a figure out is the first year's data collection,
            # unless what it presupposes is still to be built (a credit bank's uptake, before the bank)
            year = max([start] + [when[i] + 1 for i in getattr(c, "waits_for", ()) if i in when and i not in found])
            found.add(c.indicator)
            when[c.indicator] = year
            out.append(year)
            continue
        year = start + max(0, math.ceil(done / year_capacity(f.fw) - 1e-9) - 1)
        years, _ = _fewest_years(c)
        if years:  # work alone cannot bring it sooner: N full years after this one, which is partly gone
            year = max(year, start + years)
        # a task the framework says presupposes another (an enforcement check, its regulation) comes
        # the year after it: the plan lists it after, and the table must not date them together
        year = max([year] + [when[i] + 1 for i in getattr(c, "waits_for", ()) if i in when])
        when[c.indicator] = year
        out.append(year)
    return out
