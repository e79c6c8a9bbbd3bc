"""Which profile figures a form asks of a unit: the YAML form and the workbook (``lcity init``) and
the paper questionnaire (``reports.questionnaire``) ask the same, so the rule lives below both."""

from __future__ import annotations

from indicators.cities import CHINA_FRAMEWORK_ID
from indicators.models import Framework


def china_form(fw: Framework | None) -> bool:
    """Whether the form asks China's profile: province and parent city, east/central/west China,
    GDP per resident in yuan, streets and communities. Those are the China frameworks' (their
    reference cities are compared by region); another framework's form asks only what it uses."""
    return fw is None or fw.id == CHINA_FRAMEWORK_ID


#: profile fields every form asks: the unit's level, its population (every report shows it) and
#: the year the figures refer to
ALWAYS_ASKED = ("level", "population", "reference_year")


def staff_profile(fw: Framework | None) -> bool:
    """Whether the framework sizes its units by a profile of its own (an enterprise's staff,
    在岗职工数) and none of its rules uses a resident population: its form then does not ask for
    one (G24-T6: an enterprise was asked for 常住人口 it has no use for). A framework without
    figures of its own still asks for the population, the one size its report can show."""
    if fw is None or china_form(fw) or not fw.profile_figures:
        return False
    from reports.context_basis import figures_used

    return "population" not in figures_used(fw)


def unused_at_level(fw: Framework | None, level: str | None) -> set[str]:
    """The profile figures the framework's rules divide by or cap with that no indicator a unit of
    ``level`` is asked uses: a village community's form asked for Settlements, which only the
    region's and the municipality's acc_settlements divides by (G1 audit #18). Empty without a
    level; a figure no rule uses (declared for the report's profile table) is always asked."""
    if fw is None or level is None:
        return set()
    from evaluator.schema import rule_figures

    here: set[str] = set()
    for _, inds in fw.at_level(level):
        for ind, applies in inds:
            answer = ind.answer
            if not applies:
                continue
            derive = getattr(answer, "derive", None)
            if derive is not None:
                here.add(derive.per)
            if getattr(answer, "at_most", None):
                here.add(answer.at_most)
    return rule_figures(fw) - here


def level_figures(fw: Framework, level: str | None) -> list:
    """The framework's own profile figures (``city.figures``) a form for ``level`` asks."""
    unused = unused_at_level(fw, level)
    return [f for f in fw.profile_figures if f.id not in unused]


def asked_profile(fw: Framework, level: str | None = None) -> set[str]:
    """The ``city.<field>`` figures a form for another framework than China's asks: the level, the
    population (not of a unit sized by a profile of its own, ``staff_profile``), the figures its
    rules divide by or cap with (``derive.per``, ``at_most``) that ``level`` uses, and the reference year."""
    from .context_basis import figures_used

    used = figures_used(fw) - unused_at_level(fw, level)
    return (set(ALWAYS_ASKED) - ({"population"} if staff_profile(fw) else set())) | used
