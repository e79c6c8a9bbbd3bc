"""The peers a unit's pathway practices are shown against: the framework's reference units.

Kept out of the engine on purpose. Peers never decide the type (see ``evaluator.pathways``), and
reading them means scoring the reference files, which the engine must not depend on; the report
and ``lcity cities --pathways`` call ``with_peers`` to put the peers' median beside each practice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from indicators.problems import InputError

from . import pathways

if TYPE_CHECKING:
    from indicators.models import Framework

    from .result import PathwayResult, Result

#: (English, Chinese) description of the peer set, by how it was drawn
SAME_REGION = ("reference units of the same level and region", "同层级、同地区的参照单位")
SAME_LEVEL = ("reference units of the same level", "同层级的参照单位")


def peers_of(result: Result, refs: list[Result], min_peers: int) -> tuple[list[Result], tuple[str, str]]:
    """The reference units of the unit's level, narrowed to its region when enough of them are there."""
    level = [r for r in refs if r.city.level == result.city.level and r.city.id != result.city.id]
    region = [r for r in level if result.city.region and r.city.region == result.city.region]
    return (region, SAME_REGION) if len(region) >= min_peers else (level, SAME_LEVEL)


def with_peers(result: Result, fw: Framework) -> PathwayResult | None:
    """The unit's pathway with each practice compared with its peers too (the type is unchanged)."""
    plan = pathways.plan_for(fw)
    if plan is None or result.pathway is None:
        return result.pathway
    from .benchmark import reference_results

    try:
        refs = list(reference_results(fw.ref))
    except (InputError, OSError, LookupError, ValueError):
        refs = []
    peers, (name, _) = peers_of(result, refs, plan.min_peers)
    baseline: dict[int, list[tuple[str, float]]] = {}
    for r in peers:
        for k, x in pathways.intensities(fw, r).items():
            baseline.setdefault(k, []).append((r.city.id or "", x))
    return pathways.classify(fw, result, baseline, name) if peers else result.pathway
