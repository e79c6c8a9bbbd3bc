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
import re
import unicodedata
from typing import Any, Callable, Iterator

from indicators.modelcheck import NearMisses, shorten
from indicators.models import Framework, Indicator
from indicators.messages import Both, Msg, both, join, say
from indicators.problems import Problem, did_you_mean
from indicators.safeyaml import Marked

from . import dates
from .assessment import LIMITS, blank_evidence
from .note_checks import claims_complete, estimate_words, method_contradicted, other_places, says_no_survey
from .parent_figures import counting_change, is_figure, may_be_parents, parent_words
from .slips import item_slip, value_slip
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
    """What the checks read from one framework, read once (see ``plan``), for units of one level:
    ``indicators``, ``by_id`` and ``known`` hold the indicators as that level answers them, and
    ``off`` those that do not apply to it. ``at(level)`` gives the view of another level."""

    __slots__ = ("indicators", "ids", "by_id", "known", "derived", "off", "levels", "unit", "level", "profile_severity")

    def __init__(self, fw: Framework, level: str | None = None):
        self.level = level
        if level is None:
            pairs = [(i, True) for i in fw.indicators()]
        else:
            pairs = [p for _, inds in fw.at_level(level) for p in inds]
        self.indicators = [i for i, ok in pairs if ok]
        self.off = {i.id: i for i, ok in pairs if not ok}
        self.ids = [i.id for i, _ in pairs]
        self.by_id = {i.id: i for i in self.indicators}
        self.known = {i.id: spec(i) for i, _ in pairs}
        #: (indicator id, profile figure it divides by), in framework order
        self.derived = [(s.id, s.derive.per) for s in self.known.values() if s.derive is not None and s.id not in self.off]
        unit = fw.unit_name(level) if level else None
        self.unit = (unit.zh, unit.en) if unit else (level or "", level or "")
        self.profile_severity = fw.validation.missing_profile
        self.levels: dict[str, Plan] = {}
        if level is None and any(i.levels is not None or i.by_level for i in fw.indicators()):
            self.levels = {lv: Plan(fw, lv) for lv in fw.level_ids()}

    def at(self, level: Any) -> "Plan":
        """The view of a unit of ``level`` (a framework without level data has one view)."""
        return self.levels.get(level, self) if self.levels else self


#: ``plan(framework)``: its Plan, built once per framework object (frameworks are frozen).
plan = per_framework(Plan)


def _level(data: dict, fw: Framework) -> str:
    city = data.get("city")
    level = city.get("level") if isinstance(city, dict) else None
    levels = fw.level_ids()
    return level if level in levels else levels[0]


def unit_plan(data: dict, fw: Framework) -> Plan:
    """The checks' view of the framework for the unit this file assesses (its ``city.level``)."""
    return plan(fw).at(_level(data, fw))


def _city(data: dict) -> dict:
    city = data.get("city")
    return city if isinstance(city, dict) else {}


@rule("unknown-level")
def unknown_level(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """``city.level`` is one of the framework's levels (``levels`` in its framework.yaml; city,
    district or county where it names none)."""
    level, levels = _city(data).get("level"), fw.level_ids()
    if isinstance(level, str) and level not in levels:
        yield m.problem(("city", "level"), "unknown-level",
                        Msg("check.unknown-level", level=shorten(level), fw=fw.ref, levels=join(levels)),
                        _level_named(fw, level, levels) or did_you_mean(level, levels)
                        or Msg("hint.write-one-of", options=join(levels)))


def _level_named(fw: Framework, level: str, levels: tuple[str, ...]) -> Msg | None:
    """The level a unit wrote by its name ("区", as the workbook's drop-down shows district): "did you
    mean 'district'?", as ``lcity init --level 区`` answers (G27H-8)."""
    from indicators.xlsx import option_codes, profile_options

    named = option_codes(profile_options(fw)["city.level"]).get(level.strip())
    return Msg("hint.did-you-mean", word=named) if named in levels and named != level else None


@rule("missing-name")
def missing_name(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """``city.name`` needs a name in every language the framework requires (``validation.name_languages``:
    the China frameworks require the Chinese name, ``zh``)."""
    name = _city(data).get("name")
    if not isinstance(name, dict):
        return
    for lang in fw.validation.name_languages:
        if name.get(lang) is None:
            yield m.problem(("city", "name"), "missing-name",
                            Msg("check.missing-name", lang=lang, fw=fw.ref),
                            Msg("hint.missing-name-zh" if lang == "zh" else "hint.missing-name-en"), key=True)


@rule("unknown-strategy")
def unknown_strategy(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """``strategy.leads_with`` lists strategy ids the framework's pathway types declare (for
    china-learning-city: balance, international, industry, culture); any other would name no type."""
    strategy = data.get("strategy")
    leads = strategy.get("leads_with") if isinstance(strategy, dict) else None
    if not isinstance(leads, list):
        return
    known = fw.strategies()
    for i, s in enumerate(leads):
        if isinstance(s, str) and s not in known:
            yield m.problem(("strategy", "leads_with", i), "unknown-strategy",
                            Msg("check.unknown-strategy", value=shorten(s), fw=fw.ref, known=join(known))
                            if known else Msg("check.unknown-strategy-none", value=shorten(s), fw=fw.ref),
                            did_you_mean(s, known) or (Msg("hint.write-one-of", options=join(known)) if known
                                                       else Msg("hint.leads-with-empty")))


@rule("unknown-figure")
def unknown_figure(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """``city.figures`` holds the profile figures the framework declares (``profile_figures``), each
    a positive number (a whole one where the framework counts units); a figure outside the range
    the framework calls plausible is a warning."""
    figures = _city(data).get("figures")
    if not isinstance(figures, dict):
        return
    declared = {f.id: f for f in fw.profile_figures}
    for key, value in figures.items():
        spec_ = declared.get(key)
        if spec_ is None:
            yield m.problem(("city", "figures", key), "unknown-figure",
                            Msg("check.unknown-figure", key=shorten(str(key)), fw=fw.ref),
                            did_you_mean(str(key), declared) or
                            (Msg("hint.figures-are", figures=join(declared)) if declared else Msg("hint.figures-none")),
                            key=True)
            continue
        if not _num(value) or value <= 0:
            continue  # the model reports it
        if spec_.integer and float(value) != int(value):
            yield m.problem(("city", "figures", key), "wrong-type",
                            Msg("value.whole", id=f"city.figures.{key}", unit=both(spec_.unit), shown=_g(value)),
                            Msg("hint.round"))
        pl = spec_.plausible
        if pl is not None and (pl.min is not None and value < pl.min or pl.max is not None and value > pl.max):
            yield m.problem(("city", "figures", key), "implausible-value",
                            Msg("check.implausible-figure", key=key, value=_g(value), unit=_counted(spec_.unit, value),
                                low=_g(pl.min) if pl.min is not None else "…", high=_g(pl.max) if pl.max is not None else "…"),
                            Msg("hint.figure-unit", key=key, unit=both(spec_.unit)), severity="warning")


@rule("unknown-indicator")
def unknown_indicator(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """An answer for an id the framework does not have would be silently ignored by scoring."""
    p = plan(fw)
    known = p.known
    near = NearMisses()  # the closest id for the first hundred; past them a flood, not typos
    for key in _answers(data):
        if key not in known:
            yield m.problem(
                ("answers", key), "unknown-indicator",
                Msg("check.unknown-indicator", key=key, fw=fw.ref), near(key, p.ids), key=True,
            )


@rule("missing-answer")
def missing_answer(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """An indicator left out scores 0 and lowers confidence; say how many points are at stake."""
    answers = _answers(data)
    for ind in unit_plan(data, fw).indicators:
        if ind.id not in answers:
            yield m.problem(
                ("answers",), "missing-answer",
                Msg("check.missing-answer", id=ind.id, name=both(ind.name), points=f"{ind.points:g}"),
                Msg("hint.missing-answer"),
                key=True, severity="warning",
            )


@rule("no-answer")
def no_answer(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """Every answer holds a value or a status, not both and not neither (template placeholders)."""
    p = unit_plan(data, fw)
    known = p.known
    for key, ans in _answers(data).items():
        if key not in known or key in p.off or not isinstance(ans, dict):
            continue
        has_value = ans.get("value") is not None
        has_status = ans.get("status") is not None
        if not has_value and not has_status:
            yield m.problem(
                ("answers", key), "no-answer", Msg("check.no-answer", id=key),
                Msg("hint.no-answer"), key=True,
            )
        elif has_value and has_status:
            yield m.problem(
                ("answers", key, "status"), "value-and-status",
                Msg("check.value-and-status", id=key, status=ans.get("status")),
                Msg("hint.value-and-status"),
            )


def _shown(raw: str | None, value: Any) -> str:
    if raw is not None:
        return f"'{shorten(raw)}'"
    return shorten(repr(value))


#: what Chinese and English statistical forms write in a number cell for "no figure" (a dash, a
#: slash, 暂无, 不详, N/A); compared after ``_mark_text`` folds case, width and spaces
NO_FIGURE_MARKS = frozenset({
    "—", "——", "–", "-", "--", "---", "－", "/", "//", "\\", "、", "…", "……", "...", "?", "？", "×", "x",
    "无", "暂无", "无数据", "暂无数据", "没有数据", "不详", "未知", "不清楚", "缺", "缺失", "空", "待定", "待统计",
    "n/a", "na", "n.a.", "n.a", "none", "nil", "null", "unknown", "tbd", "nd", "n/d",
})


def _mark_text(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def is_no_figure_mark(value: Any) -> bool:
    """True for a text such as ``—``, ``/``, ``暂无`` or ``N/A`` typed where a number is expected.

    Forms use these marks for "no figure"; told only to write a number, an official types 0 and
    the unit is scored on a real zero instead of an unknown with bounds (G19-B3). The message for
    them says to record the answer as unknown instead."""
    return isinstance(value, str) and bool(value.strip()) and (
        value.strip() in NO_FIGURE_MARKS or _mark_text(value) in NO_FIGURE_MARKS)


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
            word = value.strip().lower() if isinstance(value, str) else ""
            if word in ("true", "false"):  # value: "true": the quotes make it text (G18-C6)
                return "wrong-type", Msg("value.boolean", id=ind.id, shown=shown), Msg("hint.boolean-quoted", word=word)
            return "wrong-type", Msg("value.boolean", id=ind.id, shown=shown), Msg("hint.boolean")
    elif kind == "choice":
        choices = _options(ind)
        if not isinstance(value, str) or value not in choices:
            what = "-list" if isinstance(value, list) else "-mapping" if isinstance(value, dict) else ""
            return (
                "unknown-choice" if not what else "wrong-type",
                Msg("value.choice" + what, id=ind.id, choices=join(choices), shown=shown),
                (did_you_mean(str(value), choices) if not what else "") or Msg("hint.use-listed"),
            )
    elif kind == "checklist":
        items = _options(ind)
        if not isinstance(value, list):
            return "wrong-type", Msg("value.checklist", id=ind.id, shown=shown), Msg("hint.checklist", item=items[0])
    else:
        unit = both(ind.answer.unit)
        if not _is_number(value) or (isinstance(value, float) and math.isnan(value)):
            if isinstance(value, float):
                return "out-of-range", Msg("value.nan", id=ind.id, shown=shown), Msg("hint.actual-figure")
            if is_no_figure_mark(value):
                return "wrong-type", Msg("value.no-figure", id=ind.id, shown=shown), Msg("hint.no-figure")
            from indicators.slips import chinese_number

            said = chinese_number(value) if isinstance(value, str) else None  # 十二: "write 12" (G19-C20)
            hint = Msg("hint.write-number", new=said) if said is not None else Msg("hint.plain-number")
            return "wrong-type", Msg("value.number", id=ind.id, unit=unit, shown=shown), hint
        if isinstance(value, float) and math.isinf(value):
            return "out-of-range", Msg("value.inf", id=ind.id, shown=shown), Msg("hint.actual-figure")
        if value < 0:
            return "out-of-range", Msg("value.negative", id=ind.id, shown=shown), Msg("hint.negative")
        if kind == "percent" and value > 100:
            return "out-of-range", Msg("value.percent-over", id=ind.id, shown=shown), Msg("hint.percent-range")
        if ind.answer.max is not None and value > ind.answer.max:
            return "out-of-range", Msg("value.over-max", id=ind.id, shown=shown, max=f"{ind.answer.max:g}"), ""
        limit = LIMITS.get(kind, LIMITS["number"])
        if value > limit:
            return ("out-of-range", Msg("value.too-large", id=ind.id, shown=shown, unit=unit, limit=f"{limit:,.0f}"),
                    Msg("hint.extra-zeros"))
        if kind == "count" and float(value) != int(value):
            return "wrong-type", Msg("value.whole", id=ind.id, unit=unit, shown=shown), Msg("hint.round")
    return None


#: a whole number in another base, as a YAML reads it: hexadecimal and binary as YAML 1.1 does
#: (``0x6E``, ``-0b101``, ``0x6_E``), octal as YAML 1.2 does (``0o17``; 1.1's ``017`` is decimal here)
_BASED = re.compile(r"^(?:[-+]?0x[0-9a-fA-F_]+|0o[0-7]+|[-+]?0b[01_]+)$")
_BASE_NAMES = {"x": "shape.base-hex", "o": "shape.base-octal", "b": "shape.base-binary"}


def based_number(m: Marked, path: tuple, label: str) -> Problem | None:
    """A number answered in hexadecimal, octal or binary (``value: 0x6E``), said as such.

    The loader does not read it as a number (only decimal is: ``indicators.modelcheck`` puts a
    ``0x``/``0o`` figure back as the text typed), so the answer is refused; but "expects a number"
    is puzzling for what YAML 1.1 (and many a tool) reads as 110. The message is the one a quantity
    of the city profile gets (``shape.non-decimal``): the base, the number YAML would read, and to
    write it in decimal. A quoted ``'0x6E'`` is text to every YAML and keeps the general message."""
    raw = m.raw_text(path)
    if raw is None or not m.is_plain(path) or not _BASED.match(raw):
        return None
    try:
        number = int(raw.replace("_", ""), 0)
    except ValueError:  # 0o8, 0b2, a misplaced '_': not a number in any YAML
        return None
    base = _BASE_NAMES[raw.lstrip("+-")[1]]
    return m.problem(path, "wrong-type", Msg("shape.non-decimal", where=label, raw=raw, base=Msg(base), value=number),
                     Msg("shape.hint.non-decimal", value=number))


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
    if ind.answer.type not in ("boolean", "choice", "checklist") and not _is_number(value):
        based = based_number(m, path, label)
        if based is not None:
            return [based]
    slip = value_slip(ind.answer.type, value, m, path)
    if slip is not None:
        return [slip]
    found = check_value(ind, value, m.raw_text(path))
    if found:
        return [m.problem(path, *found)]
    if ind.answer.type != "checklist":
        return []
    items = _options(ind)
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    near = NearMisses()  # a list of 90,000 unknown items is a flood, not typos: see NearMisses
    for i, item in enumerate(value):
        ipath = path + (i,)
        if isinstance(item, dict):
            keys = [str(k) for k in item]
            if len(keys) == 1 and item[keys[0]] is None:
                near = did_you_mean(keys[0], items)
                problems.append(m.problem(
                    ipath, "wrong-type",
                    Msg("item.colon", label=label, item=shorten(keys[0])),
                    Msg("hint.remove-colon-near", near=near) if near else Msg("hint.remove-colon")))
            else:
                problems.append(m.problem(
                    ipath, "wrong-type", Msg("item.mapping", label=label, n=i + 1),
                    Msg("hint.item-ids", items=items[0])))
        elif isinstance(item, list):
            problems.append(m.problem(
                ipath, "wrong-type", Msg("item.list", label=label, n=i + 1),
                Msg("hint.item-ids-flat", items=", ".join(items[:2]))))
        elif not isinstance(item, str) or item not in items:
            slip = item_slip(item, items, m, ipath)
            if slip is not None:
                problems.append(slip)
                continue
            problems.append(m.problem(
                ipath, "unknown-choice",
                Msg("item.unknown", label=label, shown=_shown(m.raw_text(ipath), item), items=join(items)),
                near(str(item), items) or Msg("hint.use-listed")))
        elif item in seen:
            problems.append(m.problem(
                ipath, "duplicate-item", Msg("item.twice", label=label, item=item, n=seen[item] + 1),
                Msg("hint.keep-one")))
        else:
            seen[item] = i
    return problems


def _raw_figure(city: dict, figure: str) -> Any:
    """``city.<figure>``, or ``city.figures.<figure>`` for a figure the framework declares."""
    figures = city.get("figures")
    if isinstance(figures, dict) and figure in figures:
        return figures[figure]
    return city.get(figure)


def _figure_path(city: dict, figure: str) -> tuple[str, ...]:
    from indicators.models import PROFILE_FIGURES

    return ("city", figure) if figure in PROFILE_FIGURES else ("city", "figures", figure)


def _figure_name(figure: str) -> str:
    from indicators.models import PROFILE_FIGURES

    return f"city.{figure}" if figure in PROFILE_FIGURES else f"city.figures.{figure}"


def _profile_figure(city: dict, figure: str) -> float | None:
    """A profile figure the model will accept (a positive, finite, sane number), else None."""
    value = _raw_figure(city, figure)
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
                     Msg("check.derived-too-large", id=ind.id, shown=_shown(m.raw_text(path), value), per=derive.per,
                         scale=f"{derive.scale:g}"), Msg("hint.derived-too-large", per=derive.per))


@rule("answer-type")
def answer_type(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A value must be what its indicator asks for: the right type, a known choice, a sane range,
    each checklist item known and listed once, and a derived figure that is a finite number."""
    p = unit_plan(data, fw)
    known = p.known
    city = data.get("city") if isinstance(data.get("city"), dict) else {}
    for key, ans in _answers(data).items():
        s = known.get(key)
        if s is None or key in p.off or not isinstance(ans, dict):
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
    p = unit_plan(data, fw)
    for ind_id, per in p.derived:
        ans = answers.get(ind_id)
        if isinstance(ans, dict) and ans.get("value") is not None and _raw_figure(city, per) is None:
            needed.setdefault(per, []).append(ind_id)
    error = p.profile_severity == "error"
    for figure, inds in needed.items():
        where, path = _figure_name(figure), _figure_path(city, figure)
        if error:
            yield m.problem(
                path, "missing-profile",
                Msg("check.missing-profile-one" if len(inds) == 1 else "check.missing-profile-many",
                    where=where, ids=join(inds)),
                Msg("hint.missing-profile", where=where), key=True)
        else:
            yield m.problem(
                path, "missing-profile",
                Msg("check.missing-profile-warning", where=where, ids=join(inds)),
                Msg("hint.missing-profile-warning", where=where),
                key=True, severity="warning",
            )


def _num(v: Any) -> bool:
    return _is_number(v) and not (isinstance(v, float) and not math.isfinite(v))


def _g(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".") if abs(x) < 1e6 else f"{x:,.0f}"


def _small(x: float) -> str:
    """``_g``, and a figure it would print as 0 (0.00014) with two significant digits: a derived
    figure far below its range must not read as if the answer had been read as 0 (G18-E9)."""
    if x == 0 or abs(x) >= 0.005 or not math.isfinite(x):
        return _g(x)
    return f"{x:.{1 - math.floor(math.log10(abs(x)))}f}".rstrip("0").rstrip(".")


def _as_if_derived(value: float, pl: Any) -> bool:
    """Whether the figure typed for a derived indicator would itself be a usual derived figure:
    likely already divided (per resident) where the question asks the total."""
    return (pl.min is not None and value >= pl.min) and (pl.max is None or value <= pl.max)


@rule("not-for-level")
def not_for_level(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """An answer to an indicator the framework does not apply to the unit's level (e.g. GNLC
    membership for a district) is ignored: its points are spread over the rest of its dimension."""
    p = unit_plan(data, fw)
    if not p.off:
        return
    for key in _answers(data):
        if key in p.off:
            yield m.problem(("answers", key), "not-for-level",
                            Msg("check.not-for-level", id=key, unit=Both(p.unit[0], p.unit[1])),
                            Msg("hint.not-for-level"), key=True, severity="warning")


@rule("count-over-denominator")
def count_over_denominator(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A count of units cannot exceed the units there are: streets with a community school are at
    most city.streets, communities with a learning point at most city.communities (the bound is
    framework data, ``answer.at_most``)."""
    p = unit_plan(data, fw)
    city = data.get("city") if isinstance(data.get("city"), dict) else {}
    for key, ans in _answers(data).items():
        ind = p.by_id.get(key)
        bound = getattr(ind.answer, "at_most", None) if ind is not None else None
        if bound is None or not isinstance(ans, dict):
            continue
        value, base = ans.get("value"), _profile_figure(city, bound)
        if _num(value) and base is not None and value > base:
            yield m.problem(("answers", key, "value"), "count-over-denominator",
                            Msg("check.count-over", id=key, value=_g(value), bound=bound, base=_g(base),
                                unit=both(ind.answer.unit)),
                            Msg("hint.count-over", id=key, bound=bound))


@rule("fraction-percent")
def fraction_percent(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A percentage of 1 or less on a 0-100 scale is usually a fraction typed by mistake (0.92 for
    92 %); it would score as under 1 %."""
    p = unit_plan(data, fw)
    for key, ans in _answers(data).items():
        ind = p.by_id.get(key)
        if ind is None or ind.answer.type != "percent" or not isinstance(ans, dict):
            continue
        value = ans.get("value")
        if _num(value) and 0 < value <= 1:
            meant = _small(value * 100)  # 0.004 read "0 is read as 0 %, not 0.4 %" (G31H-2)
            yield m.problem(("answers", key, "value"), "fraction-percent",
                            Msg("check.fraction-percent", id=key, value=_small(value), meant=meant),
                            Msg("hint.fraction-percent", meant=meant), severity="warning")


#: Profile figures that count people: a share of one of them (``derive.scale`` 100) is a share of a
#: population, and a count of its members, each counted once, cannot exceed it.
PEOPLE_FIGURES = ("population", "population_60plus", "employed")


def _over_population(derive: Any, plausible: Any, figure: float) -> bool:
    """A derived share of a population above 100 %: the answer counts people per 100 of a people
    figure, and the framework bounds the share at 100 % (``plausible.max``; a rate of person-times
    per 100 residents, which may exceed 100, declares a higher bound and is not a share)."""
    return (derive is not None and derive.per in PEOPLE_FIGURES and derive.scale == 100 and figure > 100
            and plausible.max is not None and plausible.max <= 100)


@rule("implausible-value")
def implausible_value(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A figure far outside what the reference data and examples show (framework data,
    ``answer.plausible``), e.g. more than 100 yuan per resident: usually a wrong unit (万元 for
    元) or a wrong profile figure. A share of a population above 100 % (310,000 registered users
    of 260,000 residents) says what it is: more people than the population it is a share of, which
    a count of residents, each counted once, cannot be. It stays a warning: a registration count may
    include people from elsewhere or who have left, and the official may submit the file and explain
    the figure in the answer's note; recognition waits until a panel has verified it."""
    p = unit_plan(data, fw)
    city = data.get("city") if isinstance(data.get("city"), dict) else {}
    for key, ans in _answers(data).items():
        ind = p.by_id.get(key)
        pl = getattr(ind.answer, "plausible", None) if ind is not None else None
        if pl is None or not isinstance(ans, dict) or not _num(ans.get("value")):
            continue
        value = ans["value"]
        derive = ind.answer.derive
        figure, unit, base = value, ind.answer.unit, None
        if derive is not None:
            base = _profile_figure(city, derive.per)
            if base is None:
                continue
            figure, unit = value / base * derive.scale, derive.unit
        low = pl.min is not None and figure < pl.min
        if not low and _over_population(derive, pl, figure):
            yield m.problem(("answers", key, "value"), "implausible-value",
                            Msg("check.share-over-population", id=key, value=_g(figure), count=_g(value),
                                unit=_counted(ind.answer.unit, value), per=derive.per, base=_g(base),
                                whom=Msg(f"explain.basis.{derive.per}")),
                            Msg("hint.share-over-population", id=key), severity="warning")
        elif low and derive is not None and _as_if_derived(value, pl):
            # the figure typed is a usual one per resident: the question asks the total (G18-E9:
            # D1 86.4 元 of 612,000 residents is 0.00014 元/人·年, said as "0")
            words = dict(id=key, value=_small(figure), count=_g(value), unit=both(ind.answer.unit), derived=both(unit),
                         per=derive.per, base=_g(base), whom=Msg(f"explain.basis.{derive.per}"))
            yield m.problem(("answers", key, "value"), "implausible-value",
                            Msg("check.implausible-low-derived", bound=_g(pl.min),  # type: ignore[arg-type]
                                **{**words, "unit": _counted(ind.answer.unit, value)}),
                            Msg("hint.implausible-as-derived", **words), severity="warning")
        elif low or (pl.max is not None and figure > pl.max):
            yield m.problem(("answers", key, "value"), "implausible-value",
                            Msg("check.implausible-low" if low else "check.implausible-high", id=key, value=_small(figure),
                                unit=_counted(unit, figure), bound=_g(pl.min) if low else _g(pl.max)),  # type: ignore[arg-type]
                            Msg(f"hint.implausible{'-low' if low else ''}-per", id=key, unit=both(ind.answer.unit),
                                per=derive.per) if derive
                            else Msg(f"hint.implausible{'-low' if low else ''}", id=key, unit=both(ind.answer.unit)),
                            severity="warning")


#: Answers an evaluator reads together, per framework id: an amount of dedicated funds and the
#: answer that says there is no dedicated budget line. (indicator of the amount, indicator of the
#: budget line, its "no line" choice.) Both China frameworks ask them as D1 and D2.
FUNDS_AND_LINE = {"china-learning-city": ("D1", "D2", "none")}


#: words of a note on the budget line or the funds' source: what funds-without-line's hint asks for
LINE_WORDS = re.compile(r"单列|预算|列支|经费来源|budget|line item|funded (from|by)", re.I)


def explains_line(note: Any) -> bool:
    """Whether a note says how the budget stood or where the funds came from, as the
    funds-without-line hint asks ('若仅一个年度单列，请在 D1 的 note 中说明情况和经费来源'):
    Huining's '2024年单列专项，2025年未单列' kept the warning after it was written (G20-A8)."""
    return isinstance(note, str) and LINE_WORDS.search(note) is not None


@rule("funds-without-line")
def funds_without_line(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A warning: a positive amount of dedicated funds (D1 of the China frameworks) while the
    budget-line answer (D2) says there is no dedicated line ('none'); an evaluator will ask where
    the funds come from. Both may be true (a line in only one of the two years): then say so in a
    note, which ends the warning."""
    pair = FUNDS_AND_LINE.get(fw.id)
    if pair is None:
        return
    funds_id, line_id, no_line = pair
    p = unit_plan(data, fw)
    funds, line = p.by_id.get(funds_id), p.by_id.get(line_id)
    if funds is None or line is None or funds.answer.type != "number" or line.answer.type != "choice" \
            or no_line not in spec(line).option_set:
        return
    answers = _answers(data)
    a, b = answers.get(funds_id), answers.get(line_id)
    if not (isinstance(a, dict) and isinstance(b, dict)) or a.get("status") is not None or b.get("status") is not None:
        return
    value = a.get("value")
    if not (_num(value) and value > 0 and b.get("value") == no_line):
        return
    if explains_line(a.get("note")) or explains_line(b.get("note")):
        return  # said as the hint asks (a line in only one year, where the funds came from): G20-A8
    choice = next(c for c in line.answer.choices if c.id == no_line)  # type: ignore[union-attr]
    yield m.problem(("answers", funds_id, "value"), "funds-without-line",
                    Msg("check.funds-without-line", funds=funds_id, value=_g(value), unit=_counted(funds.answer.unit, value),
                        line=line_id, choice=no_line, text=Both(choice.zh, choice.en)),
                    Msg("hint.funds-without-line", funds=funds_id, line=line_id), severity="warning")


@rule("parent-figure")
def parent_figure(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A warning: a district's or county's figure whose note or evidence says it is its city's (the
    whole city's survey, the city's rate apportioned by population), on an indicator the framework
    asks the unit to answer with its own record (not in its ``from_parent``). The score reads it as
    the unit's: Nanhu's eight city figures carried 15 of its 88.1 points and its recognition (G4
    audit). The official may keep such a figure and say so; recognition should wait until a panel
    has verified it."""
    p = unit_plan(data, fw)
    levels = fw.level_ids()
    city = _city(data)
    parent = city.get("parent") if isinstance(city.get("parent"), str) and city.get("parent").strip() else None
    for key, ans in _answers(data).items():
        ind = p.by_id.get(key)
        if ind is None or not may_be_parents(levels, p.level, ind.answer.type, ind.from_parent) \
                or not isinstance(ans, dict) or ans.get("status") is not None or not _num(ans.get("value")):
            continue
        note = ans.get("note") if isinstance(ans.get("note"), str) else ""
        evidence = ans.get("evidence")
        # one title alone is read as a list of one, as the model reads it (the score held on it unwarned, G11)
        evidence = [evidence] if isinstance(evidence, str) else [e for e in evidence if isinstance(e, str)] \
            if isinstance(evidence, list) else []
        said = parent_words(note, evidence)
        if said is None:
            continue
        where, text = said
        path = ("answers", key, where)
        yield m.problem(path, "parent-figure",
                        Msg("check.parent-figure", id=key, where=Msg(f"check.parent-figure-{where}"),
                            quote=shorten(text.strip(), 60), parent=parent or Msg("check.parent-figure-above"),
                            unit=Both(p.unit[0], p.unit[1])),
                        Msg("hint.parent-figure", id=key, unit=Both(p.unit[0], p.unit[1])), severity="warning")


def parent_figure_ids(fw: Framework, level: str | None, answers: list[tuple[str, str | None, list[str]]]) -> list[str]:
    """The ids among ``answers`` ((id, note, evidence) of answered indicators) that a unit of
    ``level`` gives as the unit above's figure, as the ``parent-figure`` check finds them."""
    levels = fw.level_ids()
    if level is None:
        return []
    p = plan(fw).at(level)
    out = []
    for key, note, evidence in answers:
        ind = p.by_id.get(key)
        if ind is not None and may_be_parents(levels, level, ind.answer.type, ind.from_parent) \
                and parent_words(note, evidence) is not None:
            out.append(key)
    return out


@rule("counting-change")
def counting_change_note(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A warning: a figure whose own note says it is now counted another way (online views added to
    training person-times, attendances instead of learners, every account instead of residents). The
    score reads it as given, so a gain may be a change of definition and not of practice: Quyang's
    second cycle rose 10.4 points, 6.8 of them so, and was recognised on them (G8 audit). Give the
    figure as the framework counts it, and the old-basis figure in the note."""
    p = unit_plan(data, fw)
    for key, ans in _answers(data).items():
        ind = p.by_id.get(key)
        if ind is None or not is_figure(ind.answer.type) or not isinstance(ans, dict) \
                or ans.get("status") is not None or not _num(ans.get("value")) or not counting_change(ans.get("note")):
            continue
        yield m.problem(("answers", key, "note"), "counting-change",
                        Msg("check.counting-change", id=key, quote=shorten(ans["note"].strip(), 60)),
                        Msg("hint.counting-change", id=key), severity="warning")


#: at most this many items (sites, organisations) reaching full points per 10,000 or more people is
#: a question for the panel: in a small unit one or two items decide the score
FEW_ITEMS = 2


def _counted(unit: Any, value: Any) -> Both:
    """A unit as it follows ``value`` in a message: "1 site", "2 sites" (the framework's English for
    one where it gives it, else lcity's rule: indicators.units, G20-D8); Chinese as it is."""
    from indicators.units import unit_words

    return Both(unit.zh, unit_words(unit, "en", value))


@rule("few-items")
def few_items(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A warning: a count of one or two items (learning sites, model organisations) that, divided
    by a small population, reaches full points of a per-10,000 (or rarer) rate: the score rests on
    those one or two items, which a panel verifies on site. Yunxi (38,000 residents) had E4 at
    full points from 2 sites (5.26 per 100,000) and G2 from 1 organisation (26 per million)."""
    p = unit_plan(data, fw)
    city = _city(data)
    for key, ans in _answers(data).items():
        ind = p.by_id.get(key)
        derive = getattr(getattr(ind, "answer", None), "derive", None)
        target = getattr(getattr(ind, "rule", None), "target", None)
        if derive is None or derive.per not in PEOPLE_FIGURES or derive.scale < 10000 or target is None \
                or not isinstance(ans, dict) or ans.get("status") is not None or not _num(ans.get("value")):
            continue
        value, base = ans["value"], _profile_figure(city, derive.per)
        if not base or not 0 < value <= FEW_ITEMS or value / base * derive.scale + 1e-9 < target:
            continue
        yield m.problem(("answers", key, "value"), "few-items",
                        Msg("check.few-items", id=key, count=_g(value), unit=_counted(ind.answer.unit, value),
                            figure=_g(value / base * derive.scale), per=Msg(f"explain.basis.{derive.per}"), base=_g(base),
                            target=_g(target), derived=both(derive.unit)),
                        Msg("hint.few-items", id=key), severity="warning")


#: fewer residents than this is no district, county or city: a figure typed in ten-thousands (万人)
#: or a test value; derived per-resident figures then run wild
FEWEST_RESIDENTS = 1000


@rule("profile-inconsistent")
def profile_inconsistent(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """Profile figures that cannot all be true: more residents aged 60 and over than residents (an
    error: every figure divided by population would be wrong); more employed than residents or fewer
    residents than any real unit (warnings: a place-of-work count can exceed the residents of a
    central district; a population typed in 万 can look like this). A population of 1 beside
    168,000 older residents validated and raised the total from 75.6 to 81.3."""
    city = _city(data)
    pop = _profile_figure(city, "population")
    if pop is None:
        return
    older = _profile_figure(city, "population_60plus")
    if older is not None and older > pop:
        yield m.problem(("city", "population_60plus"), "profile-inconsistent",
                        Msg("check.profile-older-over-all", older=_g(older), pop=_g(pop)),
                        Msg("hint.profile-figures"))
    employed = _profile_figure(city, "employed")
    if employed is not None and employed > pop:
        yield m.problem(("city", "employed"), "profile-inconsistent",
                        Msg("check.profile-employed-over-all", employed=_g(employed), pop=_g(pop)),
                        Msg("hint.profile-employed"), severity="warning")
    # China's floor for a district, county or city; a framework with levels of its own (a village
    # community of 900 residents) is not held to it, nor told of districts and 万人
    if pop < FEWEST_RESIDENTS and not fw.levels:
        yield m.problem(("city", "population"), "profile-inconsistent",
                        Msg("check.profile-tiny-population", pop=_g(pop), least=_g(FEWEST_RESIDENTS)),
                        Msg("hint.profile-figures"), severity="warning")


@rule("na-without-note")
def na_without_note(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """``status: not_applicable`` moves the indicator's points to the rest of its dimension, so the
    report must say why: write the reason in ``note``. (Frameworks that ask for it: ``validation.na_note``.)"""
    if not fw.validation.na_note:
        return
    known = unit_plan(data, fw).known
    for key, ans in _answers(data).items():
        if key in known and isinstance(ans, dict) and ans.get("status") == "not_applicable":
            note = ans.get("note")
            if not isinstance(note, str) or not note.strip():
                yield m.problem(("answers", key, "status"), "na-without-note",
                                Msg("check.na-without-note", id=key),
                                Msg("hint.na-without-note"), severity="warning")


#: a note that says the unit has not carried out an activity it could (taken part, held, organised):
#: words of doing, not of existing ("县内无高校", "尚未设立高校" say there is nothing to work with)
NOT_DONE = re.compile(r"(未|没有|尚未|暂未)(曾)?(参与|参加|开展|举办|组织|接待)"
                      r"|\b(did|does|do|has|have|had) not (yet )?(take|taken|join|joined|hold|held|organi[sz]e|organi[sz]ed"
                      r"|run|carry|carried|host|hosted)\b|\bnot yet (held|organi[sz]ed|started|taken part)\b", re.I)


def says_not_done(note: Any) -> bool:
    """Whether a not-applicable note says the unit has not done the work rather than that the
    indicator cannot apply to it ("县未参与国际交流", not "县内无普通高校" or "首次评估")."""
    return isinstance(note, str) and NOT_DONE.search(note) is not None


@rule("na-not-done")
def na_not_done(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A warning: an indicator marked not applicable whose note says the unit has not done the work
    ("县未参与国际交流"). Not doing it is answered as it is and scores 0; not applicable moves the
    indicator's points to the rest of its dimension, so one undone item can leave a dimension
    resting on a single indicator (Liyang's L2: all 6 points of L on L3, G20-A4)."""
    known = unit_plan(data, fw).known
    for key, ans in _answers(data).items():
        if key in known and isinstance(ans, dict) and ans.get("status") == "not_applicable" \
                and says_not_done(ans.get("note")):
            yield m.problem(("answers", key, "status"), "na-not-done",
                            Msg("check.na-not-done", id=key, note=shorten(str(ans.get("note")).strip(), 40)),
                            Msg("hint.na-not-done"), severity="warning")


#: a note that says a higher level (the province, the city) runs or decides the work: the question
#: is still asked of the unit's level and is answered for what its residents have (G21-B11: Liuxi's
#: E5 "本县使用省级平台，平台版本由省里决定", where the platform its residents use can be asked)
HIGHER_LEVEL = re.compile(
    r"由(省|市|上级)[里级]?[^，。；,;]{0,10}?(决定|负责|统一|运营|运行|管理|建设|统筹|主管|确定|掌握|承担|开发|维护)"
    r"|(权限|职权|事权|职责)(在|归|属于?)(省|市|上级)"
    r"|使用(省|市|上级)[里级]?的?(统一)?(平台|系统|网站)"
    r"|(省|市)[里级](统一)?(决定|负责|运营|统筹|主管)"
    r"|\b(run|decided|set|managed|operated|chosen|built|maintained) by the (province|provincial|city|municipal)"
    r"|\b(province|city|municipality)(?:'s)? (decides|runs|manages|operates)\b"
    r"|\buses? the (provincial|city|municipal) (platform|system)", re.I)


#: a note that says there is nothing in the unit to work with ("县内无高校"): a reason of its own,
#: even beside who runs the rest ("县内无高校，高校由市统筹")
NOTHING_HERE = re.compile(r"(内|本地)(无|没有|尚无)|\bno \w+ (is )?(located )?in the\b|\bthere is no\b", re.I)


def says_higher_level(note: Any) -> bool:
    """Whether a not-applicable note says a higher level runs or decides the work ("由省里决定",
    "外事权限在市") rather than that the indicator cannot apply to the unit ("县内无高校")."""
    return isinstance(note, str) and HIGHER_LEVEL.search(note) is not None and NOTHING_HERE.search(note) is None


@rule("na-higher-level")
def na_higher_level(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A warning: an indicator marked not applicable because a higher level runs or decides it
    ("本县使用省级平台，平台版本由省里决定"). The framework asks the question of the unit's level, and
    what its residents have (the platform they use, whoever built it) can be answered; not applicable
    moves the indicator's points to the rest of its dimension unremarked (Liuxi's E5, G21-B11). Not
    repeated for a note ``na-not-done`` reports, nor for an indicator of a dimension marked not
    applicable throughout, which ``na-whole-dimension`` reports."""
    known = unit_plan(data, fw).known
    answers = _answers(data)
    whole = set(_whole_dimensions_na(data, fw))
    for key, ans in answers.items():
        if key in known and key not in whole and isinstance(ans, dict) and ans.get("status") == "not_applicable" \
                and says_higher_level(ans.get("note")) and not says_not_done(ans.get("note")):
            yield m.problem(("answers", key, "status"), "na-higher-level",
                            Msg("check.na-higher-level", id=key, note=shorten(str(ans.get("note")).strip(), 40)),
                            Msg("hint.na-higher-level"), severity="warning")


#: a note that says the unit has no institution of the kind a rate counts ("无高校", "县内没有高等院校",
#: "there is no college"): not "there is no platform", which is the unit's own work not done
NONE_TO_COUNT = re.compile(r"(无|没有|尚无|暂无)(任何)?((普通|高等|职业)+(学校|院校)|(普通|高等|职业)*(高校|院校|大学))"
                           r"|\bthere (is|are) no (universit|college)|\bno (universit|college)\w* (is |are )?(located )?in\b",
                           re.I)


def says_none_to_count(note: Any) -> bool:
    """Whether a note says the unit has none of the institutions its rate counts ("县内无高校"): the
    rate's denominator is then 0, and the rate cannot be worked out."""
    return isinstance(note, str) and NONE_TO_COUNT.search(note) is not None


@rule("zero-none-to-count")
def zero_none_to_count(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A warning: a percentage answered 0 whose note says the unit has none of what it counts
    ("县内仅1所中职学校参照统计，无高校" beside H1, the share of the county's universities that open
    to residents). With nothing to count the share has no denominator: 0 % scores the unit for work
    it has no one to do it with, and the report then names H1 among its largest losses (Qingyu
    County, G22-R4). Not applicable, with the note as its reason, moves the points to the rest of the
    dimension, as the framework means for a unit with no university."""
    known = unit_plan(data, fw).known
    kinds = {i.id: i.answer.type for i in fw.indicators()}
    for key, ans in _answers(data).items():
        if key not in known or kinds.get(key) != "percent" or not isinstance(ans, dict) or ans.get("status"):
            continue
        v = ans.get("value")
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v != 0 or not says_none_to_count(ans.get("note")):
            continue
        yield m.problem(("answers", key, "value"), "zero-none-to-count",
                        Msg("check.zero-none-to-count", id=key, note=shorten(str(ans.get("note")).strip(), 40)),
                        Msg("hint.zero-none-to-count", id=key), severity="warning")


def _whole_dimensions_na(data: dict, fw: Framework) -> list[str]:
    """The indicators of the dimensions every indicator of which that the unit's level answers is
    marked not applicable (what ``na-whole-dimension`` reports)."""
    level = _level(data, fw)
    answers = _answers(data)
    out: list[str] = []
    for _d, inds in (fw.at_level(level) if fw.level_ids() and level in fw.level_ids()
                     else [(d, [(i, True) for i in d.indicators]) for d in fw.dimensions]):
        asked = [i.id for i, applies in inds if applies]
        if asked and all(isinstance(a := answers.get(k), dict) and a.get("status") == "not_applicable" for k in asked):
            out += asked
    return out


@rule("na-whole-dimension")
def na_whole_dimension(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A warning: every indicator a dimension asks of the unit's level is marked not applicable by
    the unit itself. The dimension then leaves the score (the total is rescaled over the others)
    and its floor is never checked, so the unit's own "not applicable" decides a recognition
    condition: Liuxi County's L2 and L3 ("县级不承担外事工作") dropped all of L, although the
    framework asks every county about its part in its city's international exchange; Minghu
    District, deferred at 89.5 with L at 58 %, read 91.5 and recognised with the same two answers
    (G21-B2). The panel checks the reasons before it accepts them (五 asks it)."""
    level = _level(data, fw)
    answers = _answers(data)
    floor = fw.recognition.dimension_floor
    for d, inds in (fw.at_level(level) if fw.level_ids() and level in fw.level_ids()
                    else [(d, [(i, True) for i in d.indicators]) for d in fw.dimensions]):
        asked = [i.id for i, applies in inds if applies]
        if asked and all(isinstance(a := answers.get(k), dict) and a.get("status") == "not_applicable" for k in asked):
            yield m.problem(("answers", asked[-1], "status"), "na-whole-dimension",
                            Msg("check.na-whole-dimension" if floor > 0 else "check.na-whole-dimension-nofloor",
                                id=asked[-1], dim=d.id, name=both(d.name), ids=join(asked),
                                points=f"{d.points:g}", floor=f"{floor * 100:g}%"),
                            Msg("hint.na-whole-dimension", dim=d.id), severity="warning")


@rule("no-evidence")
def no_evidence(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """An answer that claims something (``true``, a figure above 0, a non-empty checklist, a choice
    that earns points) without evidence counts half towards confidence: name the document,
    statistic or survey it comes from. A "no" is not asked for one, unless the indicator's
    ``evidence_for_no`` says why it needs one. (Frameworks that ask for it: ``validation.evidence``.)"""
    if not fw.validation.evidence:
        return
    p = unit_plan(data, fw)
    for key, ans in _answers(data).items():
        if key in p.by_id and isinstance(ans, dict) and ans.get("value") is not None and ans.get("status") is None:
            ev = ans.get("evidence")
            if ev and not (isinstance(ev, list) and all(blank_evidence(e) for e in ev)) and not blank_evidence(ev):
                continue  # an empty list item ("-" alone) names no document (G11)
            ind = p.by_id[key]
            if claims_something(ind, ans["value"]):
                yield m.problem(("answers", key), "no-evidence",
                                Msg("check.no-evidence", id=key),
                                Msg("hint.no-evidence"), key=True, severity="warning")
            elif ind.evidence_for_no is not None:
                yield m.problem(("answers", key), "no-evidence",
                                Msg("check.no-evidence-for-no", id=key),
                                Msg("hint.no-evidence-for-no", why=both(ind.evidence_for_no)),
                                key=True, severity="warning")


def claims_something(ind: Indicator, value: Any) -> bool:
    """Whether an answer states that something exists, which a document can then show: ``true``, a
    figure above 0, a non-empty checklist, a choice that earns points. A "no" (``false``, 0, ``[]``,
    a choice worth nothing such as ``none``) has nothing to prove present, so asking it for
    evidence only teaches officials to ignore the warning. A value of another shape (a typing slip
    other rules report) counts as a claim, so that fixing it cannot hide a missing document."""
    if value is False or value == []:
        return False
    if _is_number(value):
        return not value == 0
    if isinstance(value, str) and getattr(ind.rule, "kind", None) == "levels":
        return ind.rule.shares.get(value, 1.0) > 0
    return True


_OPEN, _CLOSE = "(（《【“", ")）》】”"


def _unclosed(text: str) -> int:
    """Brackets opened and not closed in ``text`` (negative: closed and never opened)."""
    return sum(text.count(c) for c in _OPEN) - sum(text.count(c) for c in _CLOSE)


@rule("split-evidence")
def split_evidence(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """An evidence item that opens a bracket the next item closes: in ``evidence: [...]`` a comma
    separates items, so "调查报告(有效样本2,400份)" written unquoted became two documents,
    "调查报告(有效样本2" and "400份)". Quote the item to keep it whole."""
    for key, ans in _answers(data).items():
        items = ans.get("evidence") if isinstance(ans, dict) else None
        if not isinstance(items, list):
            continue
        for i, (first, second) in enumerate(zip(items, items[1:])):
            if isinstance(first, str) and isinstance(second, str) and _unclosed(first) > 0 > _unclosed(second):
                whole = shorten(f"{first},{second}", 60)
                yield m.problem(("answers", key, "evidence", i), "split-evidence",
                                Msg("check.split-evidence", id=key, first=shorten(first, 40),
                                    second=shorten(second, 40), n=i + 1, m=i + 2),
                                Msg("hint.split-evidence", whole=whole), severity="warning")


@rule("evidence-not-text")
def evidence_not_text(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """An evidence item YAML read as something other than a document's title: in
    ``evidence: [2024, 区政府工作报告]`` the first item is the number 2024, ``- true`` is a yes, an
    empty ``-`` is nothing; each counted as a document. Write the title (in quotes if it is a
    number, "2024"), or delete the item (G27-T5)."""
    for key, ans in _answers(data).items():
        items = ans.get("evidence") if isinstance(ans, dict) else None
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            path = ("answers", key, "evidence", i)
            # read as text later; its raw text asked only of a title that looks like a number or a yes/no,
            # so that a valid file builds no location (test_reading_fast)
            typed = isinstance(item, str) and _TYPED_SCALAR.fullmatch(item) is not None and m.is_plain(path) \
                and _TYPED_SCALAR.fullmatch(m.raw_text(path) or "") is not None
            if item is None or isinstance(item, (bool, int, float)) or typed:
                message = Msg("check.evidence-empty", id=key, n=i + 1) if item is None else \
                    Msg("check.evidence-not-text", id=key, n=i + 1, raw=m.raw_text(path) or str(item))
                yield m.problem(path, "evidence-not-text", message, Msg("hint.evidence-not-text"), severity="warning")


#: a plain scalar YAML 1.2 reads as a number or a boolean (the reader then turns evidence into text)
_TYPED_SCALAR = re.compile(r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|true|True|TRUE|false|False|FALSE")


def _survey_word(fw: Framework) -> Both:
    """"the resident survey" / 居民问卷调查, or plain "the survey" / 问卷调查: named by whom the
    framework's surveys ask (``Framework.surveys_ask``), never "residents" for a survey of learners."""
    pop = fw.surveys_ask()
    if pop is None:
        return Both("问卷调查", "the survey")
    return Both(f"{pop.zh}问卷调查", f"the {pop.en} survey")


@rule("survey-sample")
def survey_sample(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A survey rate needs its sample: ``sample_size`` of at least the indicator's ``survey.min_sample``
    valid questionnaires, drawn as its ``survey.stratify`` says; the 95 % margin of error is shown beside the rate, and a recognition
    threshold within that margin is pointed out."""
    p = unit_plan(data, fw)
    thresholds = {s.indicator: s.min for s in fw.recognition.survey}
    rates = fw.survey_rates()
    for key, ans in _answers(data).items():
        ind = p.by_id.get(key)
        if ind is None or not isinstance(ans, dict) or not _num(ans.get("value")) or key not in rates:
            continue
        # a rate the recognition rule names without a survey block (china-learning-city@1's K4, K5)
        # asks no sample; one given still has its margin, set against the threshold
        rate, n = ans["value"], ans.get("sample_size")
        least = ind.survey.min_sample if ind.survey is not None else 0
        if not (isinstance(n, int) and not isinstance(n, bool) and n > 0):
            # a rate its note says no survey produced is said so by estimated-figure, not asked its sample
            if n is None and ind.survey is not None and not says_no_survey(ans.get("note")):
                yield m.problem(("answers", key), "survey-sample",
                                Msg("check.no-sample", id=key, rate=_g(rate)), Msg("hint.no-sample", least=least),
                                key=True, severity="warning")
            continue
        from .engine import margin  # the engine's own figure, so validation and the Result agree

        few = _few_to_ask(ind, fw, data, rate, n, least)
        need = few.pop("need") if few is not None else least  # the engine's rule (G31T2)
        fewer = few is not None and few.pop("count") < least  # no sample of 200 to draw from them
        # the finite population's margin where the unit counts the people surveyed, as the engine's
        moe = margin(min(max(rate, 0), 100), n) if few is None else float(few["fpc"])
        figures = dict(id=key, rate=_g(rate), moe=f"{moe:.1f}", n=n)
        if n < need:
            how = Both(ind.survey.stratify.zh.split("；")[0].split(";")[0], ind.survey.stratify.en.split(";")[0].lower())
            hint = Msg("hint.small-sample", least=need, survey=_survey_word(fw), how=how) if need == least else \
                Msg("hint.small-sample-finite", least=least, need=need, survey=_survey_word(fw), how=how, **few)
            yield m.problem(("answers", key, "value"), "survey-sample",
                            Msg("check.small-sample", least=need, **figures), hint, severity="warning")
        elif few is not None and fewer and n < least:  # 120 of an isle's 131 young people: no 200 to draw (G31T)
            # enough for 131, on the unit's own count of them: the count is what the panel checks
            yield m.problem(("answers", key, "value"), "survey-population",
                            Msg("check.small-sample-population", least=least, **few, **figures),
                            Msg("hint.sample-population-met", least=least, need=need, **few), severity="warning")
        elif key in thresholds and abs(rate - thresholds[key]) < moe:
            yield m.problem(("answers", key, "value"), "survey-margin",
                            Msg("check.survey-margin", threshold=_g(thresholds[key]), **figures),
                            Msg("hint.survey-margin"), severity="warning")


def _few_to_ask(ind: Indicator, fw: Framework, data: dict, rate: float, n: int, least: int) -> dict | None:
    """Where the unit gives the number of people its survey is drawn from (``survey.drawn_from`` names
    the figure), what validation says instead of "survey at least 200": how many there are, how many
    answered, the margin of a finite population and ``need``, the framework's minimum corrected for
    them (``evaluator.sampling.required_sample``, the engine's rule, G31T2); None otherwise."""
    from .sampling import drawn_population, finite_margin, required_sample

    pop = drawn_population(ind.survey, lambda name: _profile_figure(_city(data), name))
    if pop is None or n > pop:
        return None
    spec = next((f for f in fw.profile_figures if f.id == ind.survey.drawn_from), None)
    what = both(spec.unit) if spec is not None else Both("人", "residents")
    return dict(pop=f"{pop:,}", what=what, share=f"{n / pop * 100:.0f}",
                fpc=f"{finite_margin(min(max(rate, 0), 100), n, pop):.1f}", need=required_sample(least, pop), count=pop)


@rule("sample-over-population")
def sample_over_population(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A survey's valid questionnaires cannot outnumber the residents they are drawn from: 1,200,000
    questionnaires in a district of 860,000 validated and printed the rate "± 0.0" as though the
    survey had settled it beyond doubt (G23-H5). Usually people reached or clicks counted as
    questionnaires, or the population typed in 万."""
    pop = _profile_figure(_city(data), "population")
    if pop is None:
        return
    rates = fw.survey_rates()
    for key, ans in _answers(data).items():
        if key not in rates or not isinstance(ans, dict):
            continue
        n = ans.get("sample_size")
        if isinstance(n, int) and not isinstance(n, bool) and n > pop:
            yield m.problem(("answers", key, "sample_size"), "sample-over-population",
                            Msg("check.sample-over-population", id=key, n=_g(n), pop=_g(pop)),
                            Msg("hint.sample-over-population", id=key))


#: a survey handed out at an event or on site rather than drawn as the framework says: residents met
#: at a learning week are those who know of the learning city (Tongxi's "活动周现场发放", G22-R6).
#: English as an official writes it: "handed out at the learning-week venues", "distributed at the
#: stalls", "collected at the events" (Songxi's K4 read as a random sample, G28R-9)
_EN_PLACE = (r"(?:venues?|stalls?|booths?|stands|events?|(?:activity |event )sites?|festivals?|fairs?|"
             r"learning[- ]weeks?|exhibitions?|roadshows?|open days?|ceremon(?:y|ies)|carnivals?)")
_EN_VERB = (r"(?:handed|given|passed|gave|hand|give|pass)\s+out|distribut\w*|collect\w*|administer\w*|"
            r"fill(?:ed)?\s+(?:in|out)|complet\w*|answer\w*|issu\w*|gather\w*|conduct\w*|carried\s+out")
ON_SITE = re.compile(r"现场(发放|填写|填报|收集)|活动(周|期间|现场)[^，。；,;]{0,8}(发放|填写|收集)|扫码(填写|参与|答题)?"
                     r"|便利抽样|方便抽样|随机拦访|\bon[- ]?site\b|\bat the (event|learning week|festival)\b"
                     r"|\bconvenience sampl|\bQR[- ]?codes?\b|\bintercept(s|ed)?\b"
                     rf"|\b(?:{_EN_VERB})\b[^,.;:()（），。；：]{{0,40}}?\b(?:at|during|in)\b[^,.;:()（），。；：]{{0,30}}?\b{_EN_PLACE}\b"
                     rf"|\b(?:at|in) (?:the |our |its |each |every |all |several |\d+ )?(?:[\w'’-]+ ){{0,3}}?"
                     r"(?:venues?|stalls?|booths?)\b", re.I)
#: the words just before such a phrase that say the opposite: "not handed out on site", "a random
#: sample of households rather than at the venues", "非现场发放", "未在活动现场发放"
_NOT_ON_SITE = re.compile(r"(?:\b(?:not|never|no|none|nor|without|rather than|instead of|as opposed to)\b|n['’]t\b|\bnon-?)"
                          r"[^,.;:!?，。；：！？]{0,25}$|(?:非|未|不是|不在|没有|并非|而非|无)[在于]?[^，。；：]{0,6}$", re.I)
_NOT_BETWEEN = re.compile(r"\b(?:not|never|rather than|instead of)\b", re.I)


def _on_site_in(text: str) -> bool:
    """The text says the questionnaires were handed out on site, and not only that they were not:
    each phrase is read with the words before it in its clause."""
    for m in ON_SITE.finditer(text):
        before = re.split(r"[.;:!?。；：！？]", text[:m.start()])[-1]
        if not _NOT_ON_SITE.search(before) and not _NOT_BETWEEN.search(m.group(0)):  # "handed out not at the venues"
            return True
    return False


def says_on_site(ans: Any) -> str | None:
    """The note or evidence item of a survey answer that says it was handed out at an event or on site."""
    if not isinstance(ans, dict):
        return None
    evidence = ans.get("evidence")  # a hostile file's evidence may be anything: the schema check names it
    texts = [ans.get("note")] + (list(evidence) if isinstance(evidence, list) else [])
    return next((t for t in texts if isinstance(t, str) and _on_site_in(t)), None)


@rule("survey-on-site")
def survey_on_site(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A warning: a survey rate whose note or evidence says the questionnaires were handed out at an
    event or on site ("活动周现场发放"), not drawn as the indicator's ``survey.stratify`` says.
    Residents met at a learning event are the ones who know of it: the rate may be too high, and the
    margin shown beside it, computed as for a random sample, says nothing of that. Tongxi's K4 read
    "88%，达到80%的要求，但门槛在±8.1个百分点的抽样误差范围内" (G22-R6). 五 asks the panel."""
    p = unit_plan(data, fw)
    rates = fw.survey_rates()
    for key, ans in _answers(data).items():
        ind = p.by_id.get(key)
        if ind is None or key not in rates or not isinstance(ans, dict) or ans.get("status") \
                or not _num(ans.get("value")):
            continue
        where = says_on_site(ans)
        if where is None:
            continue
        how = Both(ind.survey.stratify.zh.split("；")[0], ind.survey.stratify.en.split(";")[0].lower()) \
            if ind.survey is not None else Both("分层随机抽样", "a stratified random sample")
        yield m.problem(("answers", key, "value"), "survey-on-site",
                        Msg("check.survey-on-site", id=key, text=shorten(where.strip(), 40)),
                        Msg("hint.survey-on-site", how=how), severity="warning")


#: a survey handed out among the unit's own learners rather than drawn from its residents: "问卷在街道社区
#: 学校学员中发放", "向老年大学学员发放", "questionnaires given to course participants" (Bailu's K4, K5, G28A-2)
_LEARNERS = (r"(?:学员|学生|参训人员|培训对象|参与者|参加者|会员|听众|志愿者)")
AMONG_LEARNERS = re.compile(
    rf"(?:在|向|对|由|从)[^，。；,;]{{0,14}}?{_LEARNERS}(?:中|当中|之中)?[^，。；,;]{{0,4}}?(?:发放|填写|填报|抽取|抽样|调查|收集|回收)"
    rf"|{_LEARNERS}(?:问卷|满意度调查|满意度测评|评价表)"
    r"|\b(?:among|to|from|of|by)\s+(?:the\s+|our\s+|its\s+|enrolled\s+|registered\s+|current\s+)*"
    r"(?:[\w'’-]+\s+){0,3}?(?:learners|students|trainees|course participants|participants|attendees|members)\b", re.I)
#: a framework whose own survey samples learners ("Simple random sample of enrolled learners") asks them
_LEARNER_FRAME = re.compile(r"学员|学生|learner|student|trainee|participant", re.I)


def says_among_learners(ans: Any) -> str | None:
    """The note or evidence item of a survey answer that says the questionnaires went to the unit's
    learners, not to a sample of its residents; 'not among learners', '非学员' say the opposite."""
    if not isinstance(ans, dict):
        return None
    evidence = ans.get("evidence")
    for text in [ans.get("note")] + (list(evidence) if isinstance(evidence, list) else []):
        if not isinstance(text, str):
            continue
        for found in AMONG_LEARNERS.finditer(text):
            before = re.split(r"[.;:!?。；：！？]", text[:found.start()])[-1]
            if not _NOT_ON_SITE.search(before) and not re.search(r"(?:非|不|未|没有|并非|而非)$", before):
                return text
    return None


@rule("survey-learners")
def survey_learners(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A warning: a survey rate whose note or evidence says the questionnaires were handed out among the
    unit's own learners ("问卷在街道社区学校学员中发放", "given to course participants"), where the
    framework's survey draws residents (``survey.stratify``). Learners know of the learning city and use
    its services: awareness and satisfaction among them say little of the residents'. Bailu read K4 96 %
    and K5 93 % so, recognised, nothing asked (G28A-2). A framework whose own survey samples learners
    is not read; 五 asks the panel."""
    p = unit_plan(data, fw)
    rates = fw.survey_rates()
    population = getattr(fw, "survey_population", None)
    if population is not None and _LEARNER_FRAME.search(f"{population.zh or ''} {population.en or ''}"):
        return
    for key, ans in _answers(data).items():
        ind = p.by_id.get(key)
        if ind is None or key not in rates or not isinstance(ans, dict) or ans.get("status") \
                or not _num(ans.get("value")):
            continue
        if ind.survey is not None and _LEARNER_FRAME.search(f"{ind.survey.stratify.zh or ''} {ind.survey.stratify.en or ''}"):
            continue
        where = says_among_learners(ans)
        if where is None:
            continue
        yield m.problem(("answers", key, "value"), "survey-learners",
                        Msg("check.survey-learners", id=key, text=shorten(where.strip(), 40),
                            survey=_survey_word(fw)),
                        Msg("hint.survey-learners", how=_survey_how(ind)), severity="warning")


def _evidence_list(ans: dict) -> list[Any]:
    """An answer's evidence as a list (one title alone is a list of one, as the model reads it);
    items that are not text stay in place, so that an index is the item's own."""
    evidence = ans.get("evidence")
    return [evidence] if isinstance(evidence, str) else list(evidence) if isinstance(evidence, list) else []


def _evidence_path(ans: dict, key: str, i: int) -> tuple:
    return ("answers", key, "evidence") if isinstance(ans.get("evidence"), str) else ("answers", key, "evidence", i)


@rule("estimated-figure")
def estimated_figure(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A warning: a figure whose own note or evidence says it is an estimate ("按预算数估算，决算尚未出",
    "约16万人，估计数", "预计全年…按上半年数据推算", "约数", "estimated", "projected"), scored as if
    counted: Henglan District reached 85.3 with five of them and confidence 1.00 (G25R-8). A bare 约
    ("约16万人") is how a count is said, and a clause about the derived figure ("人均约6.7元") is not the
    answer's. A survey rate with no ``sample_size`` whose note says no survey was run ("未单独调查，参照K4
    估计"; not "与K4同一问卷", which names one) is said as such, instead of being asked its sample: it is
    no survey's result, yet a survey threshold of recognition is judged on it. 五 asks the panel."""
    p = unit_plan(data, fw)
    rates = fw.survey_rates()
    for key, ans in _answers(data).items():
        ind = p.by_id.get(key)
        if ind is None or not is_figure(ind.answer.type) or not isinstance(ans, dict) \
                or ans.get("status") is not None or not _num(ans.get("value")):
            continue
        note = ans.get("note")
        if key in rates and ans.get("sample_size") is None and says_no_survey(note):  # no questionnaire named
            yield m.problem(("answers", key, "note"), "estimated-figure", _no_survey_msg(fw, ind, key, ans),
                            Msg("hint.estimated-survey", id=key, survey=_survey_word(fw), how=_survey_how(ind)),
                            severity="warning")
            continue
        said = estimate_words(note, [e if isinstance(e, str) else None for e in _evidence_list(ans)])
        if said is None:
            continue
        where, i, text = said
        yield m.problem(("answers", key, "note") if i is None else _evidence_path(ans, key, i), "estimated-figure",
                        Msg("check.estimated-figure", id=key, where=Msg(f"check.parent-figure-{where}"),
                            quote=shorten(text.strip(), 60)),
                        Msg("hint.estimated-figure", id=key), severity="warning")


def _survey_how(ind: Indicator) -> Both:
    """How the indicator's survey is drawn, its first clause (``survey.stratify``)."""
    if ind.survey is None:
        return Both("分层随机抽样", "a stratified random sample")
    return Both(ind.survey.stratify.zh.split("；")[0], ind.survey.stratify.en.split(";")[0].lower())


def _no_survey_msg(fw: Framework, ind: Indicator, key: str, ans: dict) -> Msg:
    """A survey rate no survey produced, with the recognition threshold judged on it, if any."""
    threshold = next((s.min for s in fw.recognition.survey if s.indicator == key), None)
    words = dict(id=key, rate=_g(ans["value"]), quote=shorten(str(ans.get("note")).strip(), 60))
    if threshold is None:
        return Msg("check.estimated-survey", **words)
    return Msg("check.estimated-survey-condition", threshold=_g(threshold), **words)


def _share(ind: Indicator, value: float, city: dict) -> tuple[float, float | None] | None:
    """(the share in %, the base it is of) of an answer that is a share of a whole: a percentage
    (not a survey rate: its note speaks of the survey), or a count of streets or communities over
    their number (C1 7 of 10 streets: 70 %). None for anything else: a share of the population
    (E1's registered users) is not what "全覆盖" of a platform's reach speaks of."""
    answer = ind.answer
    if answer.type == "percent":
        return value, None
    derive = getattr(answer, "derive", None)
    if derive is None or derive.scale != 100 or derive.unit.en.strip() != "%" or derive.per in PEOPLE_FIGURES:
        return None
    base = _profile_figure(city, derive.per)
    return (value / base * 100, base) if base else None


@rule("note-contradicts-share")
def note_contradicts_figure(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A warning: a note that claims completeness ("已实现街道社区学校全覆盖", "15分钟学习圈已全面建成",
    "100%", "all streets") beside a share below 100 % (C1 7 of 10 streets, F2 63 %): both cannot be
    true, and the report quoted the note under the figure without remark (Henglan, G25R-9). A plan or
    a near miss ("力争全覆盖", "基本实现全覆盖", "almost every street") claims nothing; a survey rate's
    note speaks of its survey, and a share of the population is not what a note's "coverage" says."""
    p = unit_plan(data, fw)
    rates = fw.survey_rates()
    city = _city(data)
    for key, ans in _answers(data).items():
        ind = p.by_id.get(key)
        if ind is None or key in rates or not isinstance(ans, dict) or ans.get("status") is not None \
                or not _num(ans.get("value")):
            continue
        share = _share(ind, ans["value"], city)
        if share is None or round(share[0], 2) >= 100:  # a share shown as 100 % is not below it
            continue
        if claims_complete(ans.get("note")) is None:
            continue
        claim = ans["note"].strip()  # the note whole, as the report quotes what the unit wrote
        figure, base = share
        if base is None:
            msg = Msg("check.note-contradicts-share", id=key, quote=shorten(claim, 60), figure=_g(figure))
        else:
            msg = Msg("check.note-contradicts-count", id=key, quote=shorten(claim, 60), figure=_g(figure),
                      count=_g(ans["value"]), base=_g(base),
                      whom=Msg(f"explain.basis.{ind.answer.derive.per}"))
        yield m.problem(("answers", key, "note"), "note-contradicts-share", msg,
                        Msg("hint.note-contradicts-share", id=key), severity="warning")


@rule("note-against-method")
def note_against_method(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A warning: a figure whose own note says it is counted otherwise than the indicator's method
    (计算方法) counts it: a per-person count given undeduplicated or per visit
    ("平台注册账号数，未按身份证号去重", "按培训人次统计" beside "按身份证号去重", "按人去重，不按人次"), a sum holding what the method
    leaves out ("含线上课程学习人次" beside "线上课程不计入", "含…学历教育经费" beside "不含学历教育…经费"),
    or a count at its whole (9 of 9 streets, 100 %) whose note says part of it is not yet there
    ("2个街道社区学校尚在建设", "其余3条正在整改"). Bailu District read 92.6, 认定为示范区, confidence 1.00,
    on six such notes (G28A-2). A plan ("计划2026年将线上课程纳入统计") and a denial ("不含学历教育经费",
    "已按身份证号去重") say nothing against the method. Recognition waits on them as on estimates;
    五 asks the panel."""
    p = unit_plan(data, fw)
    city = _city(data)
    for key, ans in _answers(data).items():
        ind = p.by_id.get(key)
        if ind is None or not is_figure(ind.answer.type) or not isinstance(ans, dict) \
                or ans.get("status") is not None or not _num(ans.get("value")) or not isinstance(ans.get("note"), str):
            continue
        share = _share(ind, ans["value"], city)
        said = method_contradicted(ans["note"], getattr(ind, "measurement", None),
                                   full=share is not None and round(share[0], 2) >= 100)
        if said is None:
            continue
        _, zh, en, whole = said
        method = Both(zh, en)
        kind = "check.note-against-method-whole" if whole else "check.note-against-method"
        yield m.problem(("answers", key, "note"), "note-against-method",
                        Msg(kind, id=key, quote=shorten(ans["note"].strip(), 60), method=method),
                        Msg("hint.note-against-method", id=key, method=method), severity="warning")


#: how close above its full-points line a figure is "at" it (1 %), and how many such figures, at least
#: half of those reaching full points, make a pattern a panel asks about (Heming: 14 of 20, G28A-1)
AT_LINE, AT_LINE_LEAST = 0.01, 5


def _full_line(ind: Indicator) -> float | None:
    """The figure that earns full points (a linear rule's target, the top step's minimum), else None."""
    rule = ind.rule
    if getattr(rule, "kind", None) == "linear":
        return rule.target
    if getattr(rule, "kind", None) == "steps":
        top = max(s.share for s in rule.steps)
        return min(s.min for s in rule.steps if s.share >= top)
    return None


def _at_lines(data: dict, fw: Framework) -> tuple[list[str], int]:
    """(the figures lying on their full-points line or less than 1 % past it, how many reach it; past is
    below for a "lower is better" rule, whose 19 % does not reach its line of 8 %):
    whole counts of items (3 alliances, 2 projects) land on their lines by nature, and a share whose
    line is its whole (100 % of streets) cannot lie above it, so neither is read."""
    p = unit_plan(data, fw)
    city = _city(data)
    at, reached = [], 0
    for key, ans in _answers(data).items():
        ind = p.by_id.get(key)
        if ind is None or not is_figure(ind.answer.type) or not isinstance(ans, dict) \
                or ans.get("status") is not None or not _num(ans.get("value")):
            continue
        line = _full_line(ind)
        derive = getattr(ind.answer, "derive", None)
        if line is None or line <= 0 or (derive is None and ind.answer.type == "count"):
            continue
        figure = ans["value"]
        if derive is not None:
            base = _profile_figure(city, derive.per)
            if not base:
                continue
            figure = figure / base * derive.scale
        percent = ind.answer.type == "percent" or (derive is not None and derive.unit.en.strip() == "%")
        if percent and line >= 100:
            continue
        rule = ind.rule
        if getattr(rule, "kind", None) == "linear" and rule.falling:  # lower is better (G30T2)
            if figure <= line * (1 + 1e-3):
                reached += 1
                if figure >= line * (1 - AT_LINE):
                    at.append(key)
        elif figure >= line * (1 - 1e-3):
            reached += 1
            if figure <= line * (1 + AT_LINE):
                at.append(key)
    return at, reached


@rule("at-full-line")
def at_full_line(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A warning: five or more figures lie exactly on their full-points line or less than 1 % above
    it, and they are at least half of the figures that reach full points. Counted figures rarely land
    so: Heming District filed 14 of its 20 such figures on the line (E1 25.0 %, E2 10.0 per 10,000,
    F1 60.0 %, I1 30.0 % …) and read 100.0, 认定为示范区, confidence 1.00 and 0 warnings (G28A-1).
    Whole counts of items (alliances, projects) and shares whose line is 100 % are not read. Said once,
    at the first of them; 五 asks the panel to see the ledgers."""
    at, reached = _at_lines(data, fw)
    if len(at) < AT_LINE_LEAST or len(at) * 2 < reached:
        return
    yield m.problem(("answers", at[0], "value"), "at-full-line",
                    Msg("check.at-full-line", n=len(at), reached=reached, ids=join(at)),
                    Msg("hint.at-full-line"), severity="warning")


@rule("control-character")
def control_character(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A text (a name, a note, an evidence title) holding an invisible control character written as
    an escape in quotes ("\\e[31m", "\\a", "\\u0000", "\\u202e"): the report prints it as \\x1b on
    its cover and pages, and a workbook cell cannot hold a control character; one warning per text."""
    from indicators.textchars import SHOWN_AS_ESCAPE

    def texts(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from texts(item, (*path, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from texts(item, (*path, i))

    for path, text in texts(data, ()):
        bad = SHOWN_AS_ESCAPE.search(text)
        if bad is None:
            continue
        code = ord(bad.group())
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
        shown = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
        yield m.problem(path, "control-character", Msg("g32h.control-character", where=where, code=f"U+{code:04X}",
                                                       shown=shown), Msg("g32h.hint.control-character"),
                        severity="warning")


def _place_kinds(data: dict, fw: Framework, city: dict) -> str:
    """The kinds of place (区, 县, 市) an evidence title of this unit should not name besides its own:
    a city (the top of the framework's levels) names its own districts and counties, so only other
    cities; a district or county other districts and counties, and other cities only when its parent
    city is given (else the city named may be its own). None ("") for a framework's own levels (a
    community, an enterprise), whose places above lcity does not know."""
    level = _level(data, fw)
    named = fw.unit_name(level)
    word = named.zh if named is not None else {"city": "市", "district": "区", "county": "县"}.get(level)
    if word not in ("市", "区", "县"):  # a framework's own levels (社区, 企业): their places are not known
        return ""
    # another province only where the unit's own is given: else the province named may be its own (G27R-8)
    prov = "省" if isinstance(city.get("province"), str) and city["province"].strip() else ""
    if level == fw.level_ids()[0] or word == "市":
        return "市" + prov
    return ("区县市" if isinstance(city.get("parent"), str) and city["parent"].strip() else "区县") + prov


#: another place's name as the English message says it
PLACE_KINDS_EN = {"区": "another district", "县": "another county", "市": "another city", "省": "another province"}
def _own_unit(word: tuple[str, str], name_zh: str) -> Both:
    """The unit's word (本区, "the district"), by its name's end where its level is one of China's
    (``evaluator.unit_word.own_word``: 澄浦市, assessed as a county, is 本市)."""
    from .unit_word import own_word

    zh, en = own_word(word[0], name_zh, True), own_word(word[0], name_zh, False)
    return Both(zh or word[0], en if en != word[0] else word[1])


@rule("other-place-evidence")
def other_place_evidence(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A warning: an evidence title named for another district, county, city or province than the unit,
    its parent and its province ("《金湾区建设学习型城区行动计划》" in 锦绣区's file;
    "《中原省终身教育促进条例》" in 江南省墨溪区's, G27R-8): a document copied from
    another unit's form, which the report printed as the unit's own (G25R-10). Said once per place,
    at its first title, with the other answers that name it. Not for a title that names the unit
    itself or a relation (合作, 结对, 交流, a delegation), nor where the answer's note names the place
    (the document is explained); 城区, 社区, 示范区, 城市, 市民 and the like are no place's names."""
    p = unit_plan(data, fw)
    city = _city(data)
    name = city.get("name") if isinstance(city.get("name"), dict) else {}
    unit_zh = name.get("zh")
    if not isinstance(unit_zh, str) or not unit_zh.strip():
        return
    kinds = _place_kinds(data, fw, city)
    if not kinds:
        return
    found: dict[str, list[tuple[str, tuple, str]]] = {}
    for key, ans in _answers(data).items():
        if key not in p.known or not isinstance(ans, dict):
            continue
        note = ans.get("note") if isinstance(ans.get("note"), str) else ""
        for i, title in enumerate(_evidence_list(ans)):
            for place in other_places(title, unit_zh, city.get("parent"), city.get("province"), kinds):
                if place not in note and all(k != key for k, _, _ in found.get(place, [])):
                    found.setdefault(place, []).append((key, _evidence_path(ans, key, i), title))
    # the unit, its parent and its province; in English by their English names where the file gives them
    pairs = [(zh, en) for zh, en in ((unit_zh, name.get("en")), (city.get("parent"), city.get("parent_en")),
                                     (city.get("province"), city.get("province_en"))) if isinstance(zh, str) and zh.strip()]
    # each name as a message quotes user text (``shorten``): a 20,000-character name was said whole (G31H)
    own = Both("、".join(say(shorten(zh.strip()), "zh") for zh, _ in pairs),
               ", ".join(say(shorten((en if isinstance(en, str) and en.strip() else zh).strip()), "en") for zh, en in pairs))
    for name, where in found.items():
        key, path, title = where[0]
        also = [k for k, _, _ in where[1:]]
        # English names the kind, not the Chinese name inside the title it quotes (English text holds no
        # Chinese but what the user wrote whole: test_english_review_words)
        place = Both(name, PLACE_KINDS_EN[name[-1]])
        unit = _own_unit(p.unit, unit_zh)
        yield m.problem(path, "other-place-evidence",
                        Msg("check.other-place-evidence", id=key, title=shorten(title.strip(), 60), place=place,
                            own=own, unit=unit,
                            also=Msg("check.other-place-also", ids=join(also),
                                     place=Both(name, PLACE_KINDS_EN[name[-1]].replace("another", "the same")))
                            if also else ""),
                        Msg("hint.other-place-evidence", place=place, unit=unit),
                        severity="warning")


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
            yield m.problem(path, "future-date", Msg("check.future-year", where=".".join(path), year=year),
                            Msg("hint.this-year", year=now.year))
    date = data.get("date")
    if isinstance(date, str) and dates.check(date) is None and dates.parse(date) > now:
        # a date that is not a real one is reported by the model (evaluator.dates), once
        yield m.problem(("date",), "future-date", Msg("check.future-date", date=date), Msg("hint.today", date=now.isoformat()))
    start, end = period.get("start"), period.get("end")
    if isinstance(start, int) and isinstance(end, int) and start > end:
        yield m.problem(("period", "end"), "period-order", Msg("check.period-order", end=end, start=start))


@rule("date-before-period")
def date_before_period(data: dict, fw: Framework, m: Marked) -> Iterator[Problem]:
    """A self-assessment dated before its period is over (1999, or 2023-03-01 for 2023-2024) reports
    figures that did not exist yet: a mistyped year, which the report's cover would print."""
    date, period = data.get("date"), data.get("period")
    if not isinstance(date, str) or dates.check(date) is not None or not isinstance(period, dict):
        return
    end = period.get("end")
    if not isinstance(end, int) or isinstance(end, bool):
        return
    if dates.parse(date).year < end:  # within the last year: some frameworks assess the year in progress
        yield m.problem(("date",), "date-before-period", Msg("check.date-before-period", date=date, end=end),
                        Msg("hint.date-before-period", year=end), severity="warning")


#: Rules raised while reading a file, before these checks run (safe loader and model validation).
READING_RULES = {
    "syntax": "The file is not valid YAML (indentation, quoting, tabs, a second document); exit 2.",
    "encoding": "The file is not UTF-8; exit 2.",
    "empty": "The file holds no YAML document; exit 2.",
    "too-large": "The file is larger than 2 MB (a workbook: 50 MB), or its aliases expand to too many values; exit 2.",
    "too-deep": "Nesting deeper than 50 levels; exit 2.",
    "too-many-aliases": "More than 100 aliases (*name); exit 2.",
    "unsupported-tag": "A YAML tag such as !!python/object; it is never executed; exit 2.",
    "duplicate-key": "The same key twice in one mapping; both lines are named.",
    "not-a-workbook": "A file read as a spreadsheet (it is a zip) is not an .xlsx workbook: an old .xls, a WPS .et "
                      "file or a workbook with a password to open; save it as Excel Workbook (*.xlsx); or a damaged "
                      "one: a cell that cannot be read, or one that does not stand where its sheet says (I8 written "
                      "inside row 7, a cell given twice), named at the cell, or a sheet its list of sheets names "
                      "but the file lacks (save it again from Excel or WPS); exit 2.",
    "workbook-too-large": "A workbook unpacks to more than 50 MB (a decompression bomb); it is not opened; exit 2.",
    "workbook-layout": "A workbook lacks the sheets lcity init --format xlsx writes (基本情况/指标 or Profile/"
                       "Indicators); do not rename them; exit 2.",
    "convert-loss": "lcity convert: a value the other format cannot hold (a document title with a line break); "
                    "nothing is written.",
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
    "default-framework": "The framework line is missing or names no installed framework, so the answers were "
                         "checked against the default framework (its newest version): every mistake shows in one run.",
    "full-width": "An input-method slip where YAML expects structure: a full-width colon, comma, space, bracket "
                  "or digits, or a no-break space (U+00A0) pasted into the indentation, named at the exact "
                  "character; lcity fix rewrites it.",
    "colon-space": "An answer's key with no space after its colon (value:12), which YAML reads as text: named at "
                   "the key, with the file read on as if the space were there; lcity fix inserts the space.",
    "answer-shorthand": "An answer written without its key (C1: 12, C1: unknown): named at the value with what to "
                        "write (C1: {value: 12}), the file read on as if written so; lcity fix adds the braces.",
    "answer-indent": "An answer's keys (value:, evidence: ...) not indented under its id, which YAML reads as "
                     "indicators of their own: one error at the first of them, read on as if indented; lcity fix "
                     "indents them.",
    "answer-list-item": "An answer written as a list ('- value: 12' under C1, or C1: [{value: 12}]): named at the "
                        "dash or bracket, read on as if written without; lcity fix replaces the dash with a space.",
    "invisible-break": "An invisible line-break character (U+2028, U+2029, U+0085) pasted from Word, PDF or a web "
                       "page, which YAML reads as a new line: named at its line and column; delete it; exit 2.",
}


#: Rules the reader, the review and the trend report raise about a user's files that neither
#: ``READING_RULES`` nor a check here describes: rule id -> (the rule it is listed after, what it
#: means). The rules of a framework file (``lcity framework check``) are listed in docs/frameworks.md.
OTHER_RULES = {
    "surrogate": ("unsupported-tag", "Text holding half of a UTF-16 surrogate pair (\\ud83d), which is not a "
                  "character."),
    "merge-key": ("surrogate", "A YAML merge key (<<: *name); lcity does not read merges: write the keys out."),
    "noncharacter": ("merge-key", "Text holding a Unicode noncharacter (U+FFFE, U+FFFF, U+FDD0-U+FDEF), typed or "
                     "written as an escape (\\uFFFE): not text, and a spreadsheet cell cannot store it; named at "
                     "its line and column (a workbook cell holding one: cell-refused)."),
    "unreadable": ("syntax", "The file cannot be read: no such file, a folder, no permission, or standard input "
                   "already closed; or it is a PDF, a picture or a compressed archive, not a form; exit 2."),
    "cell-refused": ("workbook-layout", "A workbook cell lcity does not read: a formula, an error value (#DIV/0!), "
                     "an invisible control character, a number too large or text too long (type the value itself); "
                     "merged cells over answers or indicator ids (an answer needs its own cell and a row its own "
                     "id: unmerge them); a row with an answer but no indicator id. A number too small to compute with "
                     "(1E-400), which would be read as 0, is refused too."),
    "sheet-copy": ("cell-refused", "A workbook holding a copy of a form sheet (指标 (2), 指标(2), 指标_2, as Excel, WPS "
                   "and LibreOffice name a copy): lcity reads only the form sheet, so a copy with other answers is "
                   "an error at its first differing cell (move what to keep into the form sheet, then delete the "
                   "copy); an identical copy is a warning."),
    "sheet-hidden": ("sheet-copy", "A workbook whose form sheet (指标 or 基本情况, Indicators or Profile) is "
                     "hidden or very hidden: its answers cannot be seen in Excel or WPS, so lcity does not score "
                     "them; unhide the sheet (right-click a sheet tab, Unhide). Rows or an answer column of a form "
                     "sheet that hold answers and are hidden (a filter, a collapsed group, Hide) are a warning: "
                     "lcity scores them, Excel does not show them."),
    "not-an-assessment": ("sheet-hidden", "An expert review file given where a self-assessment is expected (it "
                          "names the assessment it reviews and has no answers)."),
    "invalid-framework": ("unknown-framework", "The framework file given with --framework has problems of its own "
                          "(lcity framework check FILE lists them)."),
    "not-a-framework": ("invalid-framework", "--framework names an existing file that is not a framework file "
                        "(framework.yaml or another .yaml)."),
    "survey-margin": ("survey-sample", "A warning: a survey rate whose recognition threshold lies within its 95 % "
                      "margin of error (from the sample size): the rate may or may not meet it; a larger sample "
                      "would settle it."),
    "survey-population": ("survey-margin", "A warning: a survey rate whose sample is below the framework's "
                          "survey.min_sample but meets it as corrected for the people the survey is drawn from "
                          "(survey.drawn_from; finite population correction): 120 of an isle's 131 young people "
                          "meet the 80 that 200 comes to. The engine accepts the sample on the unit's own count "
                          "of those people, which the panel should check (G31T2)."),
    "not-a-review": ("duplicate-review", "A self-assessment given where an expert review file is expected "
                     "(--review)."),
    "hash-mismatch": ("not-a-review", "A review records the SHA-256 of the assessment it reviewed, and the file "
                      "has changed since; when the reviewed file is found beside the review or the assessment, the "
                      "answers that differ are named."),
    "city-mismatch": ("hash-mismatch", "A review names another city or district than the assessment it is "
                      "given with."),
    "period-mismatch": ("city-mismatch", "A review covers another period than the assessment it is given with."),
    "unknown-veto": ("period-mismatch", "A review's veto names no veto item of the framework."),
    "change-not-applicable": ("unknown-veto", "An error: a review's score_change on an indicator the assessment "
                              "marks not applicable, which has no points to change; a panel that finds it applies "
                              "gives its verified value instead."),
    "no-reviewer": ("unknown-veto", "An error: a review names no reviewer and no panel member (a name left null, "
                    "as lcity review init writes the form, is none), so a report would be signed by nobody."),
    "unnamed-member": ("no-reviewer", "An error: beside a named reviewer or panel member, a panel member whose "
                       "name is left null (~, None): the report's sign-off page would print \"null\" as an expert "
                       "who signs; write the name or delete the entry."),
    "panel-statement": ("unnamed-member", "A warning in lcity review validate: a figure in the panel's own sentence "
                        "(\"不足6元\", or an approximate \"约10%\" more than 10 % away) that the verified figure does not "
                        "bear out; resolve it before signing."),
    "panel-outcome": ("panel-statement", "A warning in lcity review validate: the panel's conclusion names another "
                      "outcome (by conclusion_outcome, or plainly in its words), or gives another grade, than the "
                      "framework's rules give for the verified scores."),
    "member-outcome": ("panel-outcome", "A warning in lcity review validate with several review files: a review "
                       "that is not the panel's (the panel's conclusion is the panel lead's) gives another "
                       "conclusion_outcome than the panel's, or one where the panel's states none: the report states "
                       "the panel's outcome only."),
    "panel-disagreement": ("member-outcome", "A warning in lcity review validate with several review files: the "
                           "reviewers' scores of an indicator lie apart (the verified value is their median); it "
                           "says whether one reviewer's answer alone would change the grade or outcome. Also a veto "
                           "one review file lists and another does not: it decides, but the panel settles it."),
    "panel-survey": ("panel-disagreement", "A warning in lcity review validate: a rate of the panel's own survey "
                     "(process.survey awareness or satisfaction) differs from the figure its survey indicator is scored "
                     "with, and that indicator is not under verified: the report would score the unit's figure."),
    "same-content": ("panel-survey", "A note, not a problem: the review was made of another file (a workbook and "
                     "its lcity convert), found beside the review or the assessment with the bytes reviewed, and "
                     "the two hold the same assessment as read; the review applies."),
    "different-city": ("low-coverage", "lcity trend: the files assess more than one city or district."),
    "different-framework": ("different-city", "lcity trend: the files use frameworks whose scores cannot be "
                            "compared (only versions of one framework with a crosswalk, replaces:, can)."),
    "same-period": ("different-framework", "lcity trend: two files end their period in the same year."),
    "framework-order": ("same-period", "lcity trend: a later period uses an older framework version than an earlier "
                        "one (a crosswalk leads only from older to newer); upgrade the later file."),
    "no-conclusion": ("framework-order", "A warning: a review has no conclusion in the panel's words; the report's "
                      "conclusion section then holds only lcity's summary, labelled as such."),
    "no-conclusion-outcome": ("no-conclusion", "A warning in lcity review validate: the conclusion speaks of an outcome "
                              "only in words that do not say which (暂不认定为示范区: deferred or refused?) and the review "
                              "gives no conclusion_outcome; with it, the report says whether the panel's outcome is the rules'."),
    "unknown-outcome": ("no-conclusion-outcome", "A review's conclusion_outcome names no recognition outcome of the "
                        "framework (its recognition.outcomes: recognised, deferred, refused, not_ratable, or their names)."),
    # the rules of the commands themselves (file:line:col: error ID: lines of batch, report, verify, …)
    "number-too-large": ("unknown-outcome", "A number too large to compute with (1e309): exit 2; write the real figure."),
    "number-too-small": ("number-too-large", "A number too small to compute with (1e-400), which would be read as 0; "
                         "write 0 or the real figure."),
    "usage": ("number-too-small", "A command line lcity cannot run: a misused or unknown option, a missing argument, "
              "-o - for batch (which writes a folder); exit 2."),
    "unwritable": ("usage", "An output cannot be written (no such folder, no permission, disk full, a name too "
                   "long); exit 2."),
    "output-is-input": ("unwritable", "The output named is one of the command's input files, which would be "
                        "overwritten; exit 2."),
    "file-exists": ("output-is-input", "The output exists and --force was not given: nothing is replaced; exit 2."),
    "read-only": ("file-exists", "lcity fix --write: the file is read-only; exit 2."),
    "locked": ("read-only", "lcity batch: another batch is writing into the same output folder (its lock names the "
               "process); exit 2."),
    "name-clash": ("locked", "lcity batch: two units would write the same output file (a.yaml and a.xlsx with "
                   "--reports); exit 2."),
    "not-a-folder": ("name-clash", "lcity batch: the path given is not a folder; exit 2."),
    "no-assessments": ("not-a-folder", "lcity batch: the folder holds no assessment file (*.yaml, *.yml, *.xlsx); "
                       "exit 2."),
    "unsafe-path": ("no-assessments", "lcity batch: a file of the folder names a file outside it (a framework or "
                    "review path); it is not read."),
    "too-few-files": ("unsafe-path", "lcity batch --format csv|json or a ranking needs more files than the folder "
                      "holds."),
    "workers-failed": ("too-few-files", "lcity batch: the worker processes stopped (memory, a signal); the batch "
                       "stops; exit 2."),
    "empty-folder": ("workers-failed", "lcity sensitivity DIR: the folder holds no assessment; exit 2."),
    "unreachable-target": ("empty-folder", "lcity plan: the --target cannot be reached with the framework's points; "
                           "exit 2."),
    "no-crosswalk": ("unreachable-target", "lcity upgrade: the framework has no crosswalk (replaces:) from the "
                     "file's version; exit 2."),
    "input-changed": ("no-crosswalk", "lcity report: an input file changed while the report was made; run it again; "
                      "exit 2."),
    "not-a-report": ("input-changed", "lcity verify: the file is not a report lcity wrote (no embedded inputs, "
                     "encrypted, not a PDF); exit 2."),
    "internal-error": ("not-a-report", "A fault in lcity itself, not in the input: exit 3; please report it with the "
                       "command line."),
}


def rule_docs() -> dict[str, str]:
    """Every rule id `lcity validate` can report, with what it means (``lcity validate --rules``):
    the reading rules, the checks (their docstrings), the rules they raise under another id, and
    ``OTHER_RULES`` each after the rule it belongs beside (at the end when that one is not listed)."""
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
        "low-coverage": "A warning: the answered indicators carry less of the points than the framework's "
                        "recognition.min_coverage (0.8 for the China frameworks, else 0.5), so lcity score will "
                        "give no grade ('Not ratable', 数据不足，不予定级); it says how many more points to answer.",
    })
    listed = list(docs.items())
    for rule_id, (after, text) in OTHER_RULES.items():
        if rule_id in docs:
            continue
        at = next((i + 1 for i, (known, _) in enumerate(listed) if known == after), len(listed))
        listed.insert(at, (rule_id, text))
    return dict(listed)


def run_checks(data: dict, fw: Framework, m: Marked) -> list[Problem]:
    return [p for fn in CHECKS.values() for p in fn(data, fw, m)]
