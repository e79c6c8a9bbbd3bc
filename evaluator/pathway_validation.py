"""The 12 reference cities' observed pathway against Table 3 of the comparative study.

Each reference file declares its Table 3 type under ``strategy``; the classifier never reads it,
so comparing the observed type with Table 3 is a fair check of what the public data show. The
figures are printed by ``lcity cities --pathways``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .benchmark import TABLE3, reference_results


class ReferencePathway(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    name_zh: str
    table3: str | None = Field(description="The type Table 3 of the comparative study gives the city")
    declared: list[str] = Field(description="The types the reference file declares (never read by the classifier)")
    type: str = Field(description="The observed type")
    leading: str | None
    runner_up: str | None
    margin: float | None
    reason: str
    reason_zh: str
    answered: int = Field(description="Indicators answered in the reference file")
    indicators: int = Field(description="Indicators of the framework for the city's level (those its level is "
                            "not asked are not counted: a village community's 8 answered are of 12, not 13)")


class PathwayValidation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    framework: str
    cities: list[ReferencePathway]
    exact: int = Field(description="Cities whose observed type is their Table 3 type")
    leading: int = Field(description="Cities whose leading type is their Table 3 type, ahead of the runner-up "
                         "(a tie, broken only by the framework's order of types, does not count)")
    typed: int = Field(description="Cities with a Table 3 type")


def reference_pathways(framework_ref: str) -> PathwayValidation:
    from indicators.loader import load_framework

    fw = load_framework(framework_ref)
    rows = []
    for r in reference_results(framework_ref):
        p = r.pathway
        if p is None:
            continue
        rows.append(ReferencePathway(
            id=r.city.id or "", name=r.city.name, name_zh=r.city.name_zh, table3=TABLE3.get(r.city.id or ""),
            declared=list(p.declared_types), type=p.type, leading=p.leading, runner_up=p.runner_up, margin=p.margin,
            reason=p.reason, reason_zh=p.reason_zh, answered=r.answered,
            indicators=sum(i.applies(r.city.level) for i in fw.indicators())))
    typed = [row for row in rows if row.table3]
    return PathwayValidation(framework=framework_ref, cities=rows, typed=len(typed),
                             exact=sum(row.type == row.table3 for row in typed),
                             leading=sum(row.leading == row.table3 and (row.margin is None or row.margin > 1e-9)
                                         for row in typed))
