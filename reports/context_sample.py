"""The sample a unit's survey rate needs, for every section that names it (the summary, 五, 六 and
the questions to the panel). Apart from reports.context_recommend so that reports.context_questions
reads it without importing the recommendations (the two imported each other)."""

from __future__ import annotations

from .context_facts import Facts


def required(f: Facts, ind_id: str) -> int | None:
    """The sample a survey rate of the unit needs: the framework's ``survey.min_sample`` corrected for
    the population its ``drawn_from`` names (``evaluator.sampling.unit_sample``), the rule the engine
    decides by; None for an indicator without a survey block. Skerry's 六 asked for 200 questionnaires
    from its 131 young people after 120 had answered (G31T2)."""
    from evaluator.sampling import unit_sample

    survey = getattr(f.fw_inds.get(ind_id), "survey", None)
    return None if survey is None else unit_sample(survey, f.assessment.city.figure)
