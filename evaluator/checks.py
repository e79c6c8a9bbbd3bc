"""Checks of a self-assessment against its framework, one function per rule.

They read the raw marked data rather than the validated model, so that a mistake in the city
profile does not hide a mistake in an answer: ``lcity validate`` reports everything in one run.
Each function's docstring is the documentation of its rule id (``lcity validate --rules`` lists them).

Speed: what the checks read from a framework (indicator ids, allowed choices and items, number
limits, derived figures) is read once per framework (``evaluator.trusted.per_framework``), and each
value first meets ``fits``, a plain predicate that is true exactly when the full check would find
nothing. Messages, quotes, did-you-mean hints and locations are only worked out for a value that
does not fit, by the same code as before, so a problem reads the same either way.
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any, Callable, Iterator

from indicators.modelcheck import shorten
from indicators.models import Framework, Indicator
from indicators.problems import Problem, did_you_mean
from indicators.safeyaml import Marked

from . import dates
from .assessment import LIMITS
from .trusted import per_framework

Check = Callable[[dict, Framework, Marked], Iterator[Problem]]
CHECKS: dict[str, Check] = {}


def rule(rule_id: str):
    def register(fn: Check) -> Check:
        CHECKS[rule_id] = fn
        return fn

    return register


def _answers(data: dict) -> dict:
    answers = data.get("answers")
    return answers if isinstance(answers, dict) else {}


def today() -> _dt.date:
    return _dt.date.today()


def _options(ind: Indicator) -> list[str]:
    opts = getattr(ind.answer, "choices", None) or getattr(ind.answer, "items", None) or []
    return [o.id for o in opts]


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


class Spec:
    """What the checks read from one indicator, read once (see ``spec``)."""

    # No reference to the indicator itself: the cache entry must not keep its key alive.
    __slots__ = ("id", "kind", "options", "option_set", "max", "limit", "derive")

    def __init__(self, ind: Indicator):
        answer = ind.answer
        self.id = ind.id
        self.kind = answer.type
        self.options = _options(ind)
        self.option_set = frozenset(self.options)
        self.max = answer.max if self.kind in ("count", "number", "percent") else None
        self.limit = LIMITS.get(self.kind, LIMITS["number"])
        self.derive = getattr(answer, "derive", None)

    def fits(self, value: Any) -> bool:
        """True exactly when ``value_problems`` finds nothing in ``value`` (no message is built)."""
        kind = self.kind
        if kind == "boolean":
            return isinstance(value, bool)
        if kind == "choice":
            return isinstance(value, str) and value in self.option_set
        if kind == "checklist":
            if not isinstance(value, list):
                return False
            allowed = self.option_set
            for item in value:
                if not isinstance(item, str) or item not in allowed:
                    return False
            return len(set(value)) == len(value)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        if isinstance(value, float) and not math.isfinite(value):
            return False
        if value < 0 or kind == "percent" and value > 100:
            return False
        if self.max is not None and value > self.max:
            return False
        if value > self.limit:  # before the count test: float() of a 400-digit integer overflows
            return False
        return kind != "count" or float(value) == int(value)


#: ``spec(indicator)``: its Spec, built once per indicator object (indicators are frozen).
spec = per_framework(Spec)


class Plan:
    """What the checks read from one framework, read once (see ``plan``)."""

    __slots__ = ("indicators", "ids", "by_id", "known", "derived")

    def __init__(self, fw: Framework):
        self.indicators = fw.indicators()
        self.ids = [i.id for i in self.indicators]
        self.by_id = {i.id: i for i in self.indicators}
        self.known = {i.id: spec(i) for i in self.indicators}
        #: (indicator id, profile figure it divides by), in framework order
        self.derived = [(s.id, s.derive.per) for s in self.known.values() if s.derive is not None]


#: ``plan(framework)``: its Plan, built once per framework object (frameworks are frozen).
plan = per_framework(Plan)


@rule("unknown-indicator")
def unknown_indicator(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """An answer for an id the framework does not have would be silently ignored by scoring."""
    p = plan(fw)
    known = p.known
    for key in _answers(data):
        if key not in known:
            yield m.problem(
                ("answers", key), "unknown-indicator",
                f"'{key}' is not an indicator of {fw.ref}", did_you_mean(key, p.ids), key=True,
            )


@rule("missing-answer")
def missing_answer(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """An indicator left out scores 0 and lowers confidence; say how many points are at stake."""
    answers = _answers(data)
    for ind in plan(fw).indicators:
        if ind.id not in answers:
            yield m.problem(
                ("answers",), "missing-answer",
                f"{ind.id} ({ind.name.en}) is not answered: {ind.points:g} points at stake",
                "answer it, or write 'status: unknown' to record that no figure exists",
                key=True, severity="warning",
            )


@rule("no-answer")
def no_answer(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """Every answer holds a value or a status, not both and not neither (template placeholders)."""
    known = plan(fw).known
    for key, ans in _answers(data).items():
        if key not in known or not isinstance(ans, dict):
            continue
        has_value = ans.get("value") is not None
        has_status = ans.get("status") is not None
        if not has_value and not has_status:
            yield m.problem(
                ("answers", key), "no-answer", f"{key} has no value yet",
                "fill in 'value:', or write 'status: unknown' or 'status: not_applicable'", key=True,
            )
        elif has_value and has_status:
            yield m.problem(
                ("answers", key, "status"), "value-and-status",
                f"{key} has both a value and status '{ans.get('status')}'",
                "keep the value, or remove it to keep the status",
            )


def _shown(raw: str | None, value: Any) -> str:
    if raw is not None:
        return f"'{shorten(raw)}'"
    return shorten(repr(value))


def check_value(ind: Indicator, value: Any, raw: str | None) -> tuple[str, str, str] | None:
    """(rule id, message, hint) for a value that does not fit the indicator's answer, else None.

    Numbers must be finite, not negative and no larger than the framework's ``max`` or, where it
    sets none, than ``LIMITS`` for their kind (counts 1e12, other numbers such as yuan 1e15): a
    larger figure is a typing mistake and would overflow the figures derived from it.
    """
    shown = _shown(raw, value)
    kind = ind.answer.type
    if kind == "boolean":
        if not isinstance(value, bool):
            return "wrong-type", f"{ind.id} expects true or false, got {shown}", "write true or false"
    elif kind == "choice":
        choices = _options(ind)
        if not isinstance(value, str) or value not in choices:
            what = " a list" if isinstance(value, list) else " a mapping" if isinstance(value, dict) else ""
            return (
                "unknown-choice" if not what else "wrong-type",
                f"{ind.id} expects one of {', '.join(choices)}; got{what} {shown}",
                (did_you_mean(str(value), choices) if not what else "") or "use one of the listed ids",
            )
    elif kind == "checklist":
        items = _options(ind)
        if not isinstance(value, list):
            return "wrong-type", f"{ind.id} expects a list of items, got {shown}", f"write e.g. [{items[0]}]; [] for none"
    else:
        unit = ind.answer.unit.en
        if not _is_number(value) or (isinstance(value, float) and math.isnan(value)):
            hint = "write a plain number without units or thousands separators"
            if isinstance(value, str) and any(c in value for c in ",，万亿%"):
                hint = f"write the full number, e.g. 12000 rather than 1.2万 or 12,000 ({unit})"
            if isinstance(value, float):
                return "out-of-range", f"{ind.id}: {shown} is not a number", "write the actual figure"
            return "wrong-type", f"{ind.id} expects a number ({unit}), got {shown}", hint
        if isinstance(value, float) and math.isinf(value):
            return "out-of-range", f"{ind.id}: {shown} is not a finite number", "write the actual figure"
        if value < 0:
            return "out-of-range", f"{ind.id}: {shown} is negative", "counts and amounts cannot be negative"
        if kind == "percent" and value > 100:
            return "out-of-range", f"{ind.id}: {shown} % is over 100", "a percentage is between 0 and 100"
        if ind.answer.max is not None and value > ind.answer.max:
            return "out-of-range", f"{ind.id}: {shown} is above the maximum of {ind.answer.max:g}", ""
        limit = LIMITS.get(kind, LIMITS["number"])
        if value > limit:
            return ("out-of-range", f"{ind.id}: {shown} {unit} is larger than any real figure (at most {limit:,.0f})",
                    "check for extra zeros; write the figure in plain digits")
        if kind == "count" and float(value) != int(value):
            return "wrong-type", f"{ind.id} counts {unit}, so it needs a whole number, got {shown}", "round to a whole number"
    return None


def value_problems(ind: Indicator, value: Any, m: Marked, path: tuple, label: str | None = None) -> list[Problem]:
    """Every problem of one value at ``path``: the value as a whole, then each checklist item.

    Assessments (``answers.X.value``) and reviews (``verified.X.value``) both come here, so a
    reviewer's value is held to exactly what a self-assessment is. A value that ``Spec.fits``
    costs no more than that test; any other one goes through ``all_value_problems``.
    """
    if spec(ind).fits(value):
        return []
    return all_value_problems(ind, value, m, path, label)


def all_value_problems(ind: Indicator, value: Any, m: Marked, path: tuple, label: str | None = None) -> list[Problem]:
    """``value_problems`` worked out in full, without the ``Spec.fits`` shortcut (the reference)."""
    label = label or ind.id
    found = check_value(ind, value, m.raw_text(path))
    if found:
        return [m.problem(path, *found)]
    if ind.answer.type != "checklist":
        return []
    items = _options(ind)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(value):
        ipath = path + (i,)
        if isinstance(item, dict):
            keys = [str(k) for k in item]
            if len(keys) == 1 and item[keys[0]] is None:
                near = did_you_mean(keys[0], items)
                problems.append(m.problem(
                    ipath, "wrong-type",
                    f"{label}: item '{shorten(keys[0])}:' ends with ':', which makes it a mapping, not an item",
                    f"remove the ':'" + (f"; {near}" if near else "")))
            else:
                problems.append(m.problem(
                    ipath, "wrong-type", f"{label}: item {i + 1} is a mapping (key: value), not an item id",
                    f"list item ids only, e.g. [{items[0]}]"))
        elif isinstance(item, list):
            problems.append(m.problem(
                ipath, "wrong-type", f"{label}: item {i + 1} is a list inside the list",
                f"list item ids only, without inner brackets, e.g. [{', '.join(items[:2])}]"))
        elif not isinstance(item, str) or item not in items:
            problems.append(m.problem(
                ipath, "unknown-choice",
                f"{label}: {_shown(m.raw_text(ipath), item)} is not one of its items ({', '.join(items)})",
                did_you_mean(str(item), items) or "use one of the listed ids"))
        elif item in seen:
            problems.append(m.problem(
                ipath, "duplicate-item", f"{label}: item '{item}' is listed twice (also item {seen[item] + 1})",
                "keep one of them"))
        else:
            seen[item] = i
    return problems


def _profile_figure(city: dict, figure: str) -> float | None:
    """A profile figure the model will accept (a positive, finite, sane number), else None."""
    value = city.get(figure)
    if not _is_number(value) or isinstance(value, float) and not math.isfinite(value):
        return None
    limit = LIMITS.get(figure, LIMITS["population"])
    return value if 0 < value <= limit else None


def derived_problem(ind: Indicator, value: Any, city: dict, m: Marked, path: tuple) -> Problem | None:
    """A derived figure (value ÷ profile figure × scale) that is not a finite number."""
    derive = getattr(ind.answer, "derive", None)
    base = _profile_figure(city, derive.per) if derive else None
    if base is None or not _is_number(value):
        return None
    try:
        figure = value / base * derive.scale
    except (OverflowError, ZeroDivisionError):
        figure = math.inf
    if math.isfinite(figure):
        return None
    return m.problem(path, "out-of-range",
                     f"{ind.id}: {_shown(m.raw_text(path), value)} ÷ city.{derive.per} × {derive.scale:g} "
                     f"is too large to be a real figure", "check the figure and city." + derive.per)


@rule("answer-type")
def answer_type(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A value must be what its indicator asks for: the right type, a known choice, a sane range,
    each checklist item known and listed once, and a derived figure that is a finite number."""
    p = plan(fw)
    known = p.known
    city = data.get("city") if isinstance(data.get("city"), dict) else {}
    for key, ans in _answers(data).items():
        s = known.get(key)
        if s is None or not isinstance(ans, dict):
            continue
        value = ans.get("value")
        if value is None:
            continue
        path = ("answers", key, "value")
        if s.fits(value):
            found = []
        else:
            found = all_value_problems(p.by_id[key], value, m, path, key)
            yield from found
        if not found and s.derive is not None:
            derived = derived_problem(p.by_id[key], value, city, m, path)
            if derived:
                yield derived


@rule("missing-profile")
def missing_profile(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A derived figure (per resident, per 10,000 ...) needs the profile figure it divides by."""
    city = data.get("city") if isinstance(data.get("city"), dict) else {}
    needed: dict[str, list[str]] = {}
    answers = _answers(data)
    for ind_id, per in plan(fw).derived:
        ans = answers.get(ind_id)
        if isinstance(ans, dict) and ans.get("value") is not None and city.get(per) is None:
            needed.setdefault(per, []).append(ind_id)
    for figure, inds in needed.items():
        yield m.problem(
            ("city", figure), "missing-profile",
            f"city.{figure} is missing, so {', '.join(inds)} cannot be derived and will score 0",
            f"give city.{figure} its figure for the reference year",
            key=True, severity="warning",
        )


@rule("future-date")
def future_date(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """Years and dates after today are typing mistakes: an assessment reports what happened."""
    now = today()
    city = data.get("city") if isinstance(data.get("city"), dict) else {}
    period = data.get("period") if isinstance(data.get("period"), dict) else {}
    years = [(("city", "reference_year"), city.get("reference_year")),
             (("period", "start"), period.get("start")), (("period", "end"), period.get("end"))]
    for path, year in years:
        if isinstance(year, int) and not isinstance(year, bool) and year > now.year:
            yield m.problem(path, "future-date", f"{'.'.join(path)} {year} is in the future", f"this year is {now.year}")
    date = data.get("date")
    if isinstance(date, str) and dates.check(date) is None and dates.parse(date) > now:
        # a date that is not a real one is reported by the model (evaluator.dates), once
        yield m.problem(("date",), "future-date", f"date {date} is in the future", f"today is {now.isoformat()}")
    start, end = period.get("start"), period.get("end")
    if isinstance(start, int) and isinstance(end, int) and start > end:
        yield m.problem(("period", "end"), "period-order", f"period ends ({end}) before it starts ({start})")


#: Rules raised while reading a file, before these checks run (safe loader and model validation).
READING_RULES = {
    "syntax": "The file is not valid YAML (indentation, quoting, tabs, a second document); exit 2.",
    "encoding": "The file is not UTF-8; exit 2.",
    "empty": "The file holds no YAML document; exit 2.",
    "too-large": "The file is larger than 2 MB, or its aliases expand to too many values; exit 2.",
    "too-deep": "Nesting deeper than 50 levels; exit 2.",
    "too-many-aliases": "More than 100 aliases (*name); exit 2.",
    "unsupported-tag": "A YAML tag such as !!python/object; it is never executed; exit 2.",
    "duplicate-key": "The same key twice in one mapping; both lines are named.",
    "complex-key": "A key that is a list or mapping instead of text.",
    "unknown-key": "A key the format does not have; 'did you mean' names the closest one.",
    "missing-key": "A required key is missing (framework, city, name, level, period ...).",
    "wrong-type": "A value of the wrong type, quoting the text as typed (e.g. '50万' for a number), "
                  "a date that is not a real YYYY-MM-DD day, or a ':' that turns a checklist item into a mapping.",
    "out-of-range": "A number outside its range: negative counts, percentages over 100, population 0, "
                    "numbers that are not finite (.nan, .inf, 1e400) or larger than any real figure "
                    "(counts over 10^12, amounts over 10^15 yuan, a population over 2 billion).",
    "blank-text": "A name or other required text holds only spaces or invisible (zero-width) characters.",
    "unknown-framework": "The framework line names no installed framework.",
}


def rule_docs() -> dict[str, str]:
    """Every rule id `lcity validate` can report, with what it means (``lcity validate --rules``)."""
    docs = dict(READING_RULES)
    for rule_id, fn in CHECKS.items():
        docs[rule_id] = " ".join((fn.__doc__ or "").split())
    docs.update({
        "value-and-status": "An answer has both a value and a status; keep one.",
        "unknown-choice": "A choice or checklist item the indicator does not have; 'did you mean' helps.",
        "duplicate-item": "A checklist item listed twice.",
        "period-order": "The period (or a review's process) ends before it starts.",
        "duplicate-review": "The same review file given twice, or two files by the same reviewer: "
                            "each reviewer counts once in the panel's median.",
    })
    return docs


def run_checks(data: dict, fw: Framework, m: Marked) -> list[Problem]:
    return [p for fn in CHECKS.values() for p in fn(data, fw, m)]
