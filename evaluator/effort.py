"""The effort model of the what-if planner: what one improvement step of an indicator costs.

Efforts are framework data (the ``effort:`` section of a framework, see docs/frameworks.md), so a
framework author states them once with a rationale; a framework without the section still plans,
with one effort point per step of every rule kind. A user with local costs overrides either in a
small YAML file of the same shape (``lcity plan --effort FILE``), read with the project's safe
loader so that every mistake points at its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from indicators.models import EffortEntry, EffortItem, EffortModel, Framework, Indicator, Text
from indicators.modelcheck import validate_model
from indicators.problems import InputError, did_you_mean
from indicators.safeyaml import load_file

#: Equal steps between a linear rule's floor and its target when the framework says nothing.
LINEAR_STEPS = 10

_UNIFORM = EffortEntry(per_step=1.0, rationale=Text(
    zh="框架未给出工作量模型：每一步按 1 个工作量单位计",
    en="the framework gives no effort model: every step counts as one effort point"))
_LOOK_UP = EffortEntry(per_step=1.0, rationale=Text(
    zh="查明一项数据：向有关部门调取记录或统计，按 1 个工作量单位计",
    en="finding one figure out: records or statistics requested from the offices that hold them, one effort point"))


@dataclass(frozen=True)
class Effort:
    """The effort of one indicator's steps, resolved: the override, else the framework's entry for
    the indicator, else its rule kind's default, else one point per step."""

    per_step: float
    steps: int
    responsible: Text | None
    rationale: Text | None
    source: str  # "override", "indicator", "default" or "uniform": where the figure came from
    #: checklist items that cost otherwise (a national award the unit can only work towards)
    items: dict[str, EffortItem] = field(default_factory=dict)
    #: the fewest years a step takes however much work goes in (a budget line stands in two budget years)
    years: int | None = None
    #: indicator id -> the responsible unit where the unit marked that indicator not applicable
    responsible_if_not_applicable: dict[str, Text] = field(default_factory=dict)
    #: finding the figure out, for a unit too short of data to be rated (``EffortModel.look_up``)
    look_up: float = 1.0
    look_up_why: Text | None = None

    def responsible_for(self, not_applicable: Iterable[str]) -> Text | None:
        """Who carries the work for a unit that marked ``not_applicable`` indicators: a county with no
        university (H1 not applicable) is not told to work "with local universities"."""
        absent = set(not_applicable)
        return next((t for i, t in self.responsible_if_not_applicable.items() if i in absent), self.responsible)

    def item(self, item_id: str) -> tuple[float, EffortItem | None]:
        """The effort of adding one checklist item (or of reaching one choice of a levels indicator
        from the choice below it), and its own entry when it has one."""
        own = self.items.get(item_id)
        return (own.per_step, own) if own is not None else (self.per_step, None)

    def fewest_years(self, added: Iterable[str] | None = None) -> tuple[int | None, Text | None]:
        """The fewest years a change takes however much work goes in, and why: for a checklist
        (``added``: the items it adds) or a levels indicator (``added``: the choices it passes, up to
        the one it reaches) the longest of them, each one's own ``years`` before the entry's (an
        explicit ``years: null`` of its own says it has none); else the entry's ``years``. (None,
        None) for a change that only takes work. D2's line stands in two budget years, and a unit
        that has it in both years is not told so again: its growth is a matter of the next budget."""
        spans = [(self.years, self.rationale)] if added is None else [
            (own.years, own.rationale) if own is not None and (own.years or "years" in own.model_fields_set)
            else (self.years, self.rationale)
            for own in (self.items.get(i) for i in added)]
        return max(((y, w) for y, w in spans if y), key=lambda s: s[0], default=(None, None))


def _merge(*entries: EffortEntry | None) -> tuple[EffortEntry, int]:
    """The first entry given, with ``steps``, ``responsible``, ``rationale``, ``items`` and
    ``years`` taken from later ones when it leaves them out (an override of the cost alone keeps the
    framework's responsible unit, its costlier items and its calendar: a national award stays one,
    and a budget line still needs two budget years)."""
    found = [(k, e) for k, e in enumerate(entries) if e is not None]
    k, first = found[0]
    steps = next((e.steps for _, e in found if e.steps is not None), None)
    responsible = next((e.responsible for _, e in found if e.responsible is not None), None)
    rationale = next((e.rationale for _, e in found if e.rationale is not None), None)
    items = next((e.items for _, e in found if e.items), {})
    # an explicit ``years: null`` (a level's step with no calendar minimum: a county's part in the
    # city's exchanges is no UNESCO award) says so; left out, the next entry's years count
    years = next((e.years for _, e in found if e.years is not None or "years" in e.model_fields_set), None)
    instead = next((e.responsible_if_not_applicable for _, e in found if e.responsible_if_not_applicable), {})
    return first.model_copy(update={"steps": steps, "responsible": responsible, "rationale": rationale,
                                    "items": items, "years": years, "responsible_if_not_applicable": instead}), k


def resolve(fw: Framework, ind: Indicator, override: EffortModel | None = None, level: str | None = None) -> Effort:
    """The effort of one indicator (as its unit's level answers it), a ``level``'s own step
    (``at_level``) before the entry's."""
    model = fw.effort or EffortModel()
    own = override or EffortModel()
    kind = ind.rule.kind
    entry, k = _merge(own.indicators.get(ind.id), own.defaults.get(kind),  # type: ignore[call-overload]
                      model.indicators.get(ind.id), model.defaults.get(kind), _UNIFORM)  # type: ignore[call-overload]
    at = entry.at_level.get(level) if level is not None else None
    if at is not None:
        entry = _merge(at, entry)[0]
    source = ("override", "override", "indicator", "default", "uniform")[k]
    look = own.look_up or model.look_up or _LOOK_UP
    return Effort(entry.per_step, entry.steps or LINEAR_STEPS, entry.responsible, entry.rationale, source,
                  dict(entry.items), entry.years, dict(entry.responsible_if_not_applicable),
                  look.per_step, look.rationale or _LOOK_UP.rationale)


def load_override(path: str | Path, fw: Framework) -> EffortModel:
    """An ``--effort`` file: the shape of a framework's ``effort:`` section. Raises InputError with
    the line and column of every mistake (an unknown indicator id included)."""
    marked = load_file(path, kind="other")
    if marked.data is None:
        return EffortModel()
    model, problems = validate_model(EffortModel, marked)
    if isinstance(marked.data, dict) and isinstance(marked.data.get("indicators"), dict):
        known = [i.id for i in fw.indicators()]
        for key in marked.data["indicators"]:
            if key not in known:
                problems.append(marked.problem(
                    ("indicators", key), "unknown-indicator",
                    f"'{key}' is not an indicator of {fw.ref}",
                    did_you_mean(str(key), known) or "list them with 'lcity framework show'", key=True))
    if problems or model is None:
        raise InputError(problems)
    return model
