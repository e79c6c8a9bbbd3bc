"""Moving an assessment to a later version of its framework, through the framework's crosswalk.

A later version says which of its indicators replace which of the earlier one
(``replaces.indicators``). An answer is carried over only where that crosswalk maps its indicator
AND the answer means the same for the unit's level in both versions (same answer type, same
choice or item ids, a number divided by the same profile figure on the same scale). Every other
indicator of the new version is left open: never guessed, never filled in.

One implementation, used by ``lcity upgrade`` (which writes the moved file with the new
questions as comments), by ``lcity trend`` across versions, and by the benchmark, which moves the
reference units in memory to the version of the unit being compared, so both sides are scored
under the same framework.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from indicators.loader import available, load_framework
from indicators.models import Framework, Indicator

class NoCrosswalk(ValueError):
    """No chain of ``replaces:`` leads from one framework version to the other."""


def same_answer(a: object, b: object) -> bool:
    """Whether an answer to ``a`` means the same as an answer to ``b``: the same type, the same
    choice or item ids, and a number divided by the same profile figure on the same scale."""
    if getattr(a, "type", None) != getattr(b, "type", None):
        return False
    opts = lambda x: [o.id for o in (getattr(x, "choices", None) or getattr(x, "items", None) or [])]  # noqa: E731
    if opts(a) != opts(b):
        return False
    da, db = getattr(a, "derive", None), getattr(b, "derive", None)
    if (da is None) != (db is None):
        return False
    return da is None or (da.per == db.per and da.scale == db.scale)


def crosswalk(old: Framework, chain: list[Framework]) -> dict[str, str]:
    """Old indicator id -> id in the last framework of ``chain`` (each replacing the one before,
    the first replacing ``old``), following each version's ``replaces.indicators``. Raises
    ``NoCrosswalk`` when a version does not say it replaces the one before."""
    walk = {i.id: i.id for i in old.indicators()}
    prev = old
    for fw in chain:
        if fw.replaces is None or fw.replaces.framework != prev.ref:
            raise NoCrosswalk(f"{fw.ref} does not say it replaces {prev.ref}")
        step = fw.replaces.indicators
        walk = {o: step[m] for o, m in walk.items() if m in step}
        prev = fw
    return walk


def chain_between(old: Framework, new: Framework) -> list[Framework]:
    """The installed versions after ``old`` up to ``new`` (same framework id), each loaded; the
    last one is ``new`` itself. Raises ``NoCrosswalk`` when ``new`` is not a later version of
    ``old`` or a version in between is not installed."""
    if old.id != new.id or new.version <= old.version:
        raise NoCrosswalk(f"{new.ref} is not a later version of {old.ref}")
    installed = {f.version for f in available() if f.id == old.id}
    chain = []
    for v in range(old.version + 1, new.version):
        if v not in installed:
            raise NoCrosswalk(f"{old.id}@{v}, between {old.ref} and {new.ref}, is not installed")
        chain.append(load_framework(f"{old.id}@{v}"))
    return chain + [new]


def unit_level(data: dict, fw: Framework) -> str:
    """The unit's level as ``fw`` knows it: a framework may declare levels of its own (metro,
    borough), so the levels are the framework's, not the China frameworks' three; a level it does
    not know (validation names it) is read as its first level."""
    city = data.get("city") if isinstance(data.get("city"), dict) else {}
    levels = fw.level_ids()
    return city.get("level") if city.get("level") in levels else ("city" if "city" in levels else levels[0])


@dataclass
class Step:
    """One indicator of the new version, as a unit of the assessment's level sees it."""

    indicator: Indicator
    applies: bool
    old_id: str | None = None
    answer: dict | None = None  # the answer carried over (as written), or None: left open


@dataclass
class Upgrade:
    """An assessment moved to ``new``: each new indicator with its carried answer (or none), and
    what happened to each old answer."""

    old: Framework
    new: Framework
    level: str
    dimensions: list[tuple[Any, list[Step]]]
    report: dict[str, list[str]] = field(default_factory=dict)

    def answers(self, *, unknown_note: str | None = None) -> dict[str, dict]:
        """The new ``answers:`` mapping: carried answers as they were; with ``unknown_note``, every
        other indicator of the unit's level as ``status: unknown`` with that note ({old} and {new}
        are replaced by the framework refs), never a value."""
        out: dict[str, dict] = {}
        for _, steps in self.dimensions:
            for s in steps:
                if not s.applies:
                    continue
                if s.answer is not None:
                    out[s.indicator.id] = s.answer
                elif unknown_note is not None:
                    out[s.indicator.id] = {"status": "unknown",
                                           "note": unknown_note.format(old=self.old.ref, new=self.new.ref)}
        return out


def plan(old: Framework, new: Framework, chain: list[Framework], data: dict) -> Upgrade:
    """What moving the raw assessment ``data`` from ``old`` to ``new`` does: for every indicator of
    ``new`` (at the unit's level), the answer carried over where the crosswalk maps it and the
    answer means the same at that level; and a report of ``carried``, ``asked`` (left open),
    ``removed`` (no counterpart), ``changed`` (question or answer changed) and ``not_for_level``."""
    walk = crosswalk(old, chain)
    back = {n: o for o, n in walk.items()}
    level = unit_level(data, new)
    answers = data.get("answers") if isinstance(data.get("answers"), dict) else {}
    report: dict[str, list[str]] = {"carried": [], "asked": [], "removed": [], "changed": [], "not_for_level": []}
    old_unit = old.unit_name(level)
    dims = []
    for dim, inds in new.at_level(level):
        steps = []
        for ind, ok in inds:
            step = Step(ind, ok, back.get(ind.id))
            steps.append(step)
            if not ok:
                continue
            given = answers.get(step.old_id) if step.old_id is not None else None
            if isinstance(given, dict) and same_answer(old.indicator(step.old_id).at_level(level, old_unit).answer,
                                                       ind.answer):
                step.answer = given
                report["carried"].append(ind.id)
                continue
            if isinstance(given, dict):
                report["changed"].append(step.old_id)  # type: ignore[arg-type]
            report["asked"].append(ind.id)
        dims.append((dim, steps))
    applies = {s.indicator.id for _, steps in dims for s in steps if s.applies}
    new_ids = {i.id for i in new.indicators()}
    for old_id in answers:
        if old_id not in walk:
            report["changed" if old_id in new_ids else "removed"].append(str(old_id))
        elif walk[old_id] not in applies:
            report["not_for_level"].append(str(old_id))
    return Upgrade(old, new, level, dims, report)


#: the note of an indicator a moved reference unit leaves open (benchmark)
NOT_CARRIED = ("Not carried over from {old}: no indicator of {old} asks the same with the same answer "
               "at this level, so no sourced value exists under {new}.")


def upgraded_data(old: Framework, new: Framework, data: dict, *, unknown_note: str = NOT_CARRIED) -> dict:
    """The raw assessment ``data`` moved to ``new`` in memory: ``framework: new``, everything else
    as it was, answers carried over through the crosswalk and every other indicator of the unit's
    level ``status: unknown`` (with ``unknown_note``). Raises ``NoCrosswalk``."""
    up = plan(old, new, chain_between(old, new), data)
    moved = {k: v for k, v in data.items() if k not in ("framework", "answers")}
    return {"framework": new.ref, **moved, "answers": up.answers(unknown_note=unknown_note)}
