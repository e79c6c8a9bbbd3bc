"""How far a self-assessment is filled in: per dimension, answered / unknown / missing / not
applicable, and the points still open.

An official fills in 40-odd indicators over weeks; a list of 28 ``no-answer`` errors does not
tell them how far they are. This counts from the raw marked data (so it works on a file that is
not valid yet) with the same unit view as the checks (``city.level``): indicators that do not apply
to the unit's level are not asked and not counted (``excluded`` keeps how many): the form lcity
init writes leaves them out, so status says the 47 a district fills in, as init does, not 48 with
one "not applicable" the official never saw.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from indicators.messages import Both, both
from indicators.models import Framework

from .checks import _level


@dataclass
class Row:
    id: str
    name: Both
    answered: int = 0
    unknown: int = 0
    missing: int = 0
    na: int = 0
    #: not asked of the unit's level (a district's L1): left out of the form and of these counts
    excluded: int = 0
    points: float = 0.0
    points_open: float = 0.0
    #: the points of the indicators not answered yet, unknown or missing: what the score does not
    #: count as answered (``lcity validate``'s low-coverage warning counts the same)
    points_unanswered: float = 0.0
    open_ids: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.answered + self.unknown + self.missing + self.na


def state(answer: object) -> str:
    """answered, unknown, na or missing (absent, or the template's ``value: null``)."""
    if not isinstance(answer, dict):
        return "missing"
    if answer.get("value") is not None:
        return "answered"
    status = answer.get("status")
    return {"unknown": "unknown", "not_applicable": "na"}.get(status, "missing")


def progress(data: object, fw: Framework) -> list[Row]:
    """One row per dimension, in framework order."""
    data = data if isinstance(data, dict) else {}
    answers = data.get("answers") if isinstance(data.get("answers"), dict) else {}
    rows = []
    for dim, inds in fw.at_level(_level(data, fw)):
        row = Row(dim.id, both(dim.name))
        asked = [ind for ind, applies in inds if applies]
        # the points of indicators a level is not asked are spread over the rest of the dimension
        share = dim.points / (sum(i.points for i in asked) or 1)
        row.excluded += len(inds) - len(asked)  # not asked of this level: not in its form, not counted
        kinds = {ind.id: state(answers.get(ind.id)) for ind in asked}
        for ind in asked:
            kind = kinds[ind.id]
            setattr(row, kind, getattr(row, kind) + 1)
            row.points += ind.points * share
            if kind == "missing":
                row.points_open += ind.points * share
                row.open_ids.append(ind.id)
        row.points_unanswered = _unanswered(dim.points, asked, kinds)
        rows.append(row)
    return rows


def _unanswered(points: float, asked: list, kinds: dict[str, str]) -> float:
    """The points of a dimension's unknown and missing indicators as the score weighs them: the
    points of those marked not applicable are spread over the rest of the dimension first."""
    counted = [ind for ind in asked if kinds[ind.id] != "na"]
    share = points / (sum(i.points for i in counted) or 1)
    return sum(ind.points * share for ind in counted if kinds[ind.id] in ("unknown", "missing"))


def totals(rows: list[Row]) -> Row:
    out = Row("", Both("合计", "total"))
    for r in rows:
        for f in ("answered", "unknown", "missing", "na", "excluded", "points", "points_open", "points_unanswered"):
            setattr(out, f, getattr(out, f) + getattr(r, f))
        out.open_ids += r.open_ids
    return out


def as_json(rows: list[Row], lang: str) -> dict:
    def one(r: Row) -> dict:
        d = asdict(r)
        d["name"] = r.name.say(lang)
        for key in ("points", "points_open", "points_unanswered"):  # 3.0, not 2.9999999999999996 (G9 #13)
            d[key] = round(d[key], 9)
        return d

    total = totals(rows)
    return {"dimensions": [one(r) for r in rows], "total": one(total), "complete": total.missing == 0}


def asked_results(result: Any, fw: Framework) -> list[Any]:
    """The Result's indicators that ``fw`` asks of the unit's level, in order. Those it does not ask
    (L1 of a county) are none of the unit's answers: ``lcity score``'s coverage line and the
    report's coverage appendix count the unit's own "not applicable" among these only, as
    ``progress`` counts them (G14 #11)."""
    off = fw.not_asked(result.city.level)
    return [r for r in result.indicators if r.id not in off]
