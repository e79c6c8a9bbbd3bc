"""Pydantic models of an indicator framework.

A framework is pure data: which indicators exist, how each is answered, which rule kind turns an
answer into points, where the indicator comes from, and how a total becomes a grade, a recognition
decision and a development pathway. The models check everything that can be checked from one
file alone; cross-field checks that need line numbers (points adding up, rule parameters fitting
the answer type, known exemplar cities) live in ``indicators.checks`` so that each problem can
point at its line.
"""


from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    """Base for every framework model: unknown keys are mistakes, not extensions."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Text(Strict):
    """A user-facing label, always in both languages the reports are written in."""

    zh: str = Field(min_length=1, description="Chinese text")
    en: str = Field(min_length=1, description="English text")

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class UnitText(Text):
    """What a figure is counted in, in both languages; English may give the form that follows
    exactly one (``en_one``), where lcity's rule would get it wrong or the author wants it said."""

    en_one: str | None = Field(
        default=None, min_length=1, description="English after exactly one, e.g. hub for hubs, effort day for "
        "effort days, person for people (\"1 hub\", \"4 hubs\"); when absent lcity puts the unit's leading "
        "noun in the singular by rule (sites -> site, communities -> community, people -> person). Chinese has one "
        "form; a percentage never changes")


Id = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$", description="Stable identifier")]


# --- answers -------------------------------------------------------------------------------


class Option(Strict):
    """One choice of a `choice` answer or one item of a `checklist` answer."""

    id: Id
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)
    decided_by: Text | None = Field(
        default=None, description="Who takes the act this answer describes when it is another body's, not the "
        "unit's (a city answering 'only a provincial regulation applies': the province's people's congress; UNESCO "
        "grants its award, while hosting a conference is the city's own work): the answer scores as usual, but a "
        "plan never makes it a target and goes to the next answer within the unit's control. Where any choice of an "
        "answer names who decides it, a plan reads the choices' word, not the indicator's decided_by: a choice that "
        "names no one is the unit's (or its city's) own work")

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


#: The profile figures every assessment format has (``city.<figure>``); a framework may declare
#: more (``profile_figures``), which its assessments give under ``city.figures``.
PROFILE_FIGURES = ("population", "population_60plus", "employed", "streets", "communities")
ProfileFigure = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$",
                                     description="A profile figure: population, population_60plus, employed, streets, "
                                     "communities, or one the framework declares in profile_figures")]


class Plausible(Strict):
    """The range a real figure falls in (the reference data and examples); outside it the unit or
    the number of zeros is probably wrong. Checked on the figure the rule scores (derived where
    the framework derives it); a warning, never an error."""

    min: float | None = Field(default=None, description="Smallest plausible figure")
    max: float | None = Field(default=None, description="Largest plausible figure")


class ProfileFigureSpec(Strict):
    """A profile figure of this framework's own (households, schools, km of coast ...): an
    assessment gives it under ``city.figures`` and ``derive.per`` / ``at_most`` may name it."""

    id: Id
    name: Text
    unit: UnitText = Field(description="What the figure counts, e.g. households")
    integer: bool = Field(default=False, description="A whole number (a count of households, schools ...)")
    plausible: Plausible | None = Field(default=None, description="Range a real unit's figure falls in; "
                                        "outside it validation warns")


class Derive(Strict):
    """Turns a raw quantity typed by the user into the figure the rule scores.

    Officials report what they count (yuan spent, people trained, courses online); the framework,
    not the user, divides by the profile figure. ``scale`` 100 gives a percentage, 10000 "per
    10,000 residents", and so on.
    """

    per: ProfileFigure = Field(description="Profile figure to divide by")
    scale: float = Field(gt=0, description="Multiplier after dividing (100 = percent)")
    unit: UnitText = Field(description="Unit of the derived figure, e.g. 元/人·年")


def scored_unit(answer: Any) -> "UnitText | None":
    """The unit of the figure an answer's rule scores: the derived one where the framework derives
    it (元/人·年 for yuan divided by residents), else the answer's own, else None (a choice, yes/no)."""
    derive = getattr(answer, "derive", None)
    return derive.unit if derive is not None else getattr(answer, "unit", None)


class BooleanAnswer(Strict):
    type: Literal["boolean"]


class ChoiceAnswer(Strict):
    type: Literal["choice"]
    choices: list[Option] = Field(min_length=2)


class ChecklistAnswer(Strict):
    type: Literal["checklist"]
    items: list[Option] = Field(min_length=1)


class NumberAnswer(Strict):
    """A quantity. Counts are integers and never negative; percentages stay within 0-100."""

    type: Literal["count", "number", "percent"]
    unit: UnitText
    max: float | None = Field(default=None, description="Largest sensible value, if any")
    derive: Derive | None = None
    at_most: ProfileFigure | None = Field(
        default=None, description="Profile figure this count cannot exceed (a count of units, e.g. streets "
        "with a community school <= city.streets): a larger count is an error")
    plausible: Plausible | None = None


AnswerSpec = Annotated[
    Union[BooleanAnswer, ChoiceAnswer, ChecklistAnswer, NumberAnswer],
    Field(discriminator="type"),
]


# --- rules ---------------------------------------------------------------------------------


class BooleanRule(Strict):
    """Full points for `true`, none for `false`."""

    kind: Literal["boolean"]


class LevelsRule(Strict):
    """Each choice earns a fixed share of the points."""

    kind: Literal["levels"]
    shares: dict[str, float] = Field(description="choice id -> share of points in [0, 1]")


class LinearRule(Strict):
    """Share rises linearly from 0 at `floor` to 1 at `target`, clamped at both ends."""

    kind: Literal["linear"]
    floor: float
    target: float

    @property
    def falling(self) -> bool:
        """"Lower is better": full points lie below the zero (floor 30 %, target 8 % of adults with no
        qualification; docs/frameworks.md §5 allows floor > target). What reads the rule then says
        "lower it to 8 %", not "raise it" (G30T-1): the one test of it, for the engine's layers and
        the reports alike (G31C)."""
        return self.floor > self.target


class Step(Strict):
    min: float
    share: float = Field(ge=0, le=1)


class StepsRule(Strict):
    """The share of the highest step whose `min` the value reaches; 0 below the first step."""

    kind: Literal["steps"]
    steps: list[Step] = Field(min_length=1)


#: The largest checklist weight (``indicators.frameworkcheck``): weights are relative (1, 2, 3), and one
#: of 1e300 (or .inf, .nan) makes every other item weigh nothing, or the indicator's share nan.
MAX_WEIGHT = 1000.0


class ChecklistRule(Strict):
    """Share of items present, optionally weighted."""

    kind: Literal["checklist"]
    weights: dict[str, float] | None = Field(
        default=None, description="item id -> weight (relative, at most 1,000; an item left out weighs 0); "
        "equal weights when absent"
    )


RuleSpec = Annotated[
    Union[BooleanRule, LevelsRule, LinearRule, StepsRule, ChecklistRule],
    Field(discriminator="kind"),
]

#: Which answer types each rule kind can score. Checked by the framework loader.
RULE_FITS: dict[str, tuple[str, ...]] = {
    "boolean": ("boolean",),
    "levels": ("choice",),
    "linear": ("count", "number", "percent"),
    "steps": ("count", "number", "percent"),
    "checklist": ("checklist",),
}


# --- indicators and dimensions --------------------------------------------------------------

EvidenceKind = Literal["document", "statistics", "site_visit", "survey", "expert"]


class Source(Strict):
    """Where an indicator comes from. Every indicator must say; thresholds must say why.

    ``refs`` cite ids of the framework's ``references`` list; in a framework that has one, every
    indicator cites at least one of them."""

    refs: list[Id] = Field(default_factory=list, description="Ids of the framework's references")
    paper: str | None = Field(
        default=None, description="Section or table of the comparative study the indicator derives from"
    )
    documents: list[str] = Field(
        default_factory=list, description="Public documents behind the indicator or its figures"
    )
    thresholds: str | None = Field(
        default=None,
        description="Basis of the numeric floor/target: a public document, or a plain "
        "statement that the value is this framework's proposal",
    )


class Exemplar(Strict):
    """A unit whose practice the paper (or a cited document) describes as a model: one of the
    framework's ``exemplar_units`` (without that list, one of the 12 Chinese reference cities)."""

    city: Id
    practice: Text
    shows: list[Id] = Field(
        default_factory=list,
        description="What of the answer the practice shows: checklist item ids, or the choice (level) it "
        "reaches. A unit is pointed at the practice only when it lacks one of these items or stands below "
        "that choice; empty: whenever the indicator loses points. A model of what a unit already does "
        "teaches it nothing.")


class ExemplarUnit(Strict):
    """A unit a framework's exemplars may name."""

    id: Id
    name: Text


#: The levels of unit of a framework that declares none (and of china-learning-city@1).
LEVEL_IDS: tuple[str, ...] = ("city", "district", "county")
Level = Id


class Measurement(Strict):
    """How a quantitative indicator is counted (计算方法/口径), so that two officials counting the
    same unit get the same figure."""

    numerator: Text = Field(description="What is counted")
    denominator: Text | None = Field(default=None, description="What it is divided by, if anything")
    data_source: Text = Field(description="Where the figure comes from (statistics, ledgers, survey)")
    deduplication: Text | None = Field(default=None, description="How a person or item counted twice is counted once")
    reference_date: Text = Field(description="The date or period the figure refers to")


class Survey(Strict):
    """A standard resident survey behind a rate: single-concept items and a minimum sample."""

    items: list[Text] = Field(min_length=1, description="Questionnaire items, one concept each")
    scale: Text = Field(description="Answer scale and which answers count towards the rate")
    min_sample: int = Field(ge=1, description="Smallest acceptable number of valid questionnaires")
    stratify: Text = Field(description="How the sample is drawn, e.g. stratified by street")
    drawn_from: str | None = Field(
        default=None, description="The profile figure that counts the people the survey is drawn from (population, "
        "or one of profile_figures, such as the young people aged 16-24): a unit with fewer of them than min_sample "
        "cannot draw that sample, and is told how many of them it asked and the margin a finite population allows")


class LevelVariant(Strict):
    """What an indicator asks of a unit of one level when that differs from the default: a
    district cannot pass a regulation but can issue implementing rules of its city's."""

    name: Text | None = None
    question: Text | None = None
    answer: AnswerSpec | None = None
    rule: RuleSpec | None = None
    advice: Text | None = None
    measurement: Measurement | None = None
    decided_by: Text | None = Field(
        default=None, description="Who decides this level's answer when the variant asks another thing of its own "
        "(its own answer): the indicator's decided_by is not carried to it")


class Minimum(Strict):
    """A minimum the framework cites from outside (the 2 元/人·年 national standard for community-education funds)."""

    figure: float = Field(allow_inf_nan=False, description="Lowest acceptable figure, in the unit the rule scores "
                          "(the derived figure when the answer is derived)")
    name: Text = Field(description="What the minimum is, e.g. 国家标准 / the national standard")


class Indicator(Strict):
    id: Id
    name: Text
    question: Text
    answer: AnswerSpec
    rule: RuleSpec
    points: float = Field(gt=0)
    evidence: list[EvidenceKind] = Field(min_length=1)
    source: Source
    exemplars: list[Exemplar] = Field(default_factory=list)
    advice: Text = Field(description="What a city that scores low should do")
    advice_for_partial: bool = Field(
        default=False, description="The advice says how to raise the figure, not how to begin (\"take classes into "
        "courtyards\", not \"set up a budget line\"): it is also given to a unit that has part of the points. Without "
        "it, the advice is given only to a unit that scores nothing on the indicator, the case it was written for")
    levels: list[Level] | None = Field(
        default=None, description="Levels of unit the indicator applies to (all when absent); for a unit of "
        "another level it is excluded like not_applicable, its points spread over its dimension")
    by_level: dict[Level, LevelVariant] = Field(
        default_factory=dict, description="Level-specific question, answer, rule, advice or measurement")
    from_parent: list[Level] = Field(
        default_factory=list, description="Levels whose units answer with the record of the city they belong "
        "to (a district gives its city's regulation or GNLC membership): the answer is not the unit's own work, "
        "so a plan never asks the unit to change it")
    rationale: Text | None = Field(default=None, description="Why the indicator carries its points")
    minimum: Minimum | None = Field(
        default=None, description="A minimum set outside this framework (a national standard) that the figure the "
        "rule scores must reach: a plan to recognition raises a figure below it, whatever the cheaper routes")
    presupposes: list[Id] = Field(
        default_factory=list, description="Indicators this one presupposes (an enforcement check of a regulation "
        "presupposes the regulation): a plan includes this indicator only when each of them claims something (yes, "
        "a figure above 0, a ticked item, a choice that earns points) in the unit's answers or in the same plan, "
        "and puts its task in a year after theirs")
    decided_by: Text | None = Field(
        default=None, description="Who decides the answer when it is not the unit's own work to reach (UNESCO "
        "grants its award and admits GNLC members): a plan marks the step as not within the unit's control, "
        "counts no effort and no year for it; within the unit's control when absent")
    period_record: bool = Field(
        default=False, description="The answer records what happened during the assessment period (a major "
        "accident at a learning venue, a sanction): it is a fact about the past, not work the unit can still do, "
        "so a plan never proposes another answer to it, and a veto it fires stands for the period")
    measurement: Measurement | None = Field(default=None, description="计算方法/口径 of a quantitative indicator")
    survey: Survey | None = Field(default=None, description="The standard resident survey behind a rate")
    survey_population: Text | None = Field(
        default=None, description="Whom this indicator's survey asks, when not the framework's survey_population "
        "(a survey of adult learners in a framework whose surveys ask young people): the forms name its evidence "
        "by it ('adult learner survey')")
    review_survey: Literal["awareness", "satisfaction"] | None = Field(
        default=None, description="The rate of a panel's own survey (a review's process.survey: awareness or "
        "satisfaction) that measures what this indicator's figure measures: lcity review validate and the reviewed "
        "report set the panel's rate beside the figure scored. Without it, a survey rate whose English or Chinese "
        "name holds the word (awareness/知晓, satisfaction/满意) is taken, where exactly one does")
    evidence_for_no: Text | None = Field(
        default=None, description="Why a 'no' (false, 0, an empty checklist, a choice worth nothing) needs "
        "evidence too: without it only answers that claim something are asked for evidence")

    def applies(self, level: str) -> bool:
        return self.levels is None or level in self.levels

    def answered_for_parent(self, level: str) -> bool:
        """A unit of ``level`` answers with its city's record, which it cannot change by itself."""
        return level in self.from_parent

    def decided_for(self, level: str) -> Text | None:
        """Who decides the answer of a unit of ``level`` when it is not the unit's work to reach; None
        when it is. A level variant with its own answer asks another thing (a district's part in its
        city's exchanges, not the city's UNESCO award): its own decided_by counts, not the indicator's."""
        variant = self.by_level.get(level)  # type: ignore[call-overload]
        if variant is not None and variant.answer is not None:
            return variant.decided_by
        return self.decided_by

    def choices_decided(self) -> bool:
        """Whether some choice of the answer names who decides it (``Option.decided_by``): then each
        choice says whether it is another body's act, and the indicator's own decided_by does not
        speak for the others (hosting a conference is the city's work; only the award is UNESCO's)."""
        return any(c.decided_by is not None for c in getattr(self.answer, "choices", None) or [])

    def decided_answer(self, level: str, value: Any) -> Text | None:
        """Who decides the answer ``value`` a plan gives a unit of ``level`` (this indicator as the level
        asks it, ``at_level``); None when it is the unit's, or its city's, own work. The chosen choice's
        word where the choices name who decides them, else the indicator's (``decided_for``)."""
        if self.choices_decided():
            return next((c.decided_by for c in self.answer.choices if c.id == value), None)  # type: ignore[union-attr]
        return self.decided_for(level)

    def at_level(self, level: str, unit: "Text | None" = None) -> "Indicator":
        """The indicator as a unit of ``level`` answers it: its level variant applied and
        ``{unit}`` in the question, name and advice replaced by the level's name (``unit``)."""
        variant = self.by_level.get(level)  # type: ignore[call-overload]
        update: dict = {}
        if variant is not None:
            update = {k: v for k in ("name", "question", "answer", "rule", "advice", "measurement")
                      if (v := getattr(variant, k)) is not None}
            # a variant under its own name asks for another thing ("参与城市国际交流", not "国际认可"):
            # the city's practices (a UNESCO award) are no example of it. It shows its own, or none.
            own = getattr(variant, "exemplars", None)
            if own is not None or variant.name is not None:
                update["exemplars"] = list(own or [])
        if unit is not None:
            for k in ("name", "question", "advice"):
                t = update.get(k, getattr(self, k))
                if "{unit}" in t.zh or "{unit}" in t.en:
                    update[k] = Text(zh=t.zh.replace("{unit}", unit.zh), en=t.en.replace("{unit}", unit.en))
        return self.model_copy(update=update) if update else self


class Dimension(Strict):
    id: Id
    name: Text
    points: float = Field(gt=0)
    rationale: Text | None = Field(default=None, description="Why the dimension carries its points")
    indicators: list[Indicator] = Field(min_length=1)


# --- decisions ------------------------------------------------------------------------------


class Grade(Strict):
    id: Id
    min: float = Field(ge=0, description="Lowest total that earns this grade (points, at most total_points)")
    name: Text


class SurveyThreshold(Strict):
    """A resident-survey figure that must be reached (national demonstration-zone standard)."""

    indicator: Id
    min: float = Field(description="Lowest acceptable answered value (percent)")
    source: str


class Veto(Strict):
    """A 一票否决 item: any one of them refuses recognition whatever the total.

    A veto is raised either by an indicator answer (``indicator`` + ``when``: the answer values
    that trigger it) or only by an expert review (``indicator`` absent).
    """

    id: Id
    name: Text
    indicator: Id | None = None
    when: list[str | bool] = Field(default_factory=list)


class Outcome(Strict):
    recognised: Text
    deferred: Text
    refused: Text
    deferred_next: Text | None = Field(
        default=None, description="What a deferred unit does next, as the framework's rule says it "
        "(e.g. 在12个月内完成整改后申请复核); reports use neutral wording without it")
    held: Text | None = Field(
        default=None, description="What a unit is called that meets every condition of the first outcome "
        "but on figures not yet settled (a survey below its minimum sample, figures the panel must verify, "
        "figures not its own, a dimension it marked not applicable); the deferred outcome's words without it. "
        "Give it where the middle outcome is a title of its own that such a unit is not to be given")
    not_ratable: Text = Field(
        default_factory=lambda: Text(zh="数据不足，不予定级", en="Not ratable"),
        description="What a unit is called whose coverage is below recognition.min_coverage: it gets no grade "
        "and no recognition outcome")


#: a unit answering less than this share of the applicable points gets no grade and no outcome, when
#: its framework does not say otherwise: with half the points unknown, the total's bounds are at least
#: half the scale apart and every grade band lies inside them
DEFAULT_MIN_COVERAGE = 0.5


class Recognition(Strict):
    total_min: float = Field(ge=0, description="Total needed for recognition (points, at most total_points)")
    deferred_min: float = Field(
        ge=0, description="Total at or above which a failed city is deferred, not refused"
    )
    dimension_floor: float = Field(
        ge=0, le=1, description="Share of its points every dimension must reach"
    )
    floor_on_own_work: bool = Field(
        default=False, description="Check each dimension's floor on the points the unit's own work can earn: what "
        "it has not been granted of an indicator another body decides (decided_by: UNESCO admits GNLC members) "
        "counts in its score but not against the floor. False keeps a released framework's floors as they were")
    survey: list[SurveyThreshold] = Field(default_factory=list)
    vetoes: list[Veto] = Field(default_factory=list)
    veto_grade: Id | None = Field(
        default=None, description="The grade (an id of grades) a unit gets, whatever its total, when a veto "
        "fires (一票否决: the evaluation fails); None: a veto refuses recognition and leaves the grade to the total")
    outcomes: Outcome
    min_coverage: float = Field(
        default=DEFAULT_MIN_COVERAGE, ge=0, le=1,
        description="Coverage (share of the applicable points whose indicator is answered) below which a unit "
        "is not ratable: no grade, no recognition outcome, only its total's bounds")
    source: str


# --- pathways -------------------------------------------------------------------------------


class FeatureVariant(Strict):
    """What a practice is called for a unit of one level whose question differs from the default."""

    practice: Text = Field(description="The practice as this level's question asks it")


class Feature(Strict):
    """A practice the study names as distinctive of a pathway type, read from one indicator.

    Its intensity for a unit is the indicator's share of its points (0..1), or, with ``items``,
    the fraction of these checklist items or choice values the unit answered. The classifier
    compares it with the unit's own average and with its peers, never with a fixed bar.
    """

    indicator: Id
    items: list[str | bool] = Field(default_factory=list, description="Checklist items or choice values that "
                                    "count; empty: the indicator's share of its points")
    weight: float = Field(gt=0, description="Weight within the type (a type's weights are normalised)")
    practice: Text = Field(description="The practice this indicator stands for, in the study's words")
    by_level: dict[Level, FeatureVariant] = Field(
        default_factory=dict, description="The practice as a unit of one level shows it, where the indicator's level "
        "variant asks another thing (a district's part in its city's exchanges, not the city's international "
        "recognition). Without it such a unit's practice is named by the indicator's level name")
    source: str = Field(description="The sentence of the study that names the practice for this type")


class DeclaredStrategy(Strict):
    """The id an assessment lists under ``strategy.leads_with`` to declare this type. Reported
    beside the observed type; it never decides it."""

    id: Id
    label: Text


class Pathway(Strict):
    id: Id = Field(description="The type's id, e.g. balanced")
    name: Text
    description: Text
    source: str = Field(description="The sentence of the paper the type is defined by, or the plain "
                        "statement that the type is this framework's proposal")
    strategy: DeclaredStrategy | None = Field(default=None, description="How a unit declares this type")
    features: list[Feature] = Field(min_length=1)


class Pathways(Strict):
    mixed_margin: float = Field(
        ge=0, le=1, description="Below this margin between the first and second type's emphasis, the type is 'mixed'"
    )
    flat_min: float = Field(default=0.05, ge=0, le=1, description="The leading type's practices must stand "
                            "this far (share points) above the unit's own profile, else the profile is flat: 'mixed'")
    min_answered: int = Field(default=10, ge=1, description="Fewer answered indicators: 'undetermined'")
    min_coverage: float = Field(default=0.5, gt=0, le=1, description="Share of every type's feature weight "
                                "that must be answered, else 'undetermined'")
    min_peers: int = Field(default=3, ge=1, description="Peers that must have answered a practice before "
                           "their median is shown beside the unit's (peers never decide the type)")
    method: Text | None = Field(default=None, description="The method in one paragraph, as the report states it")
    source: str
    types: list[Pathway] = Field(min_length=1)


# --- references, levels, versions ------------------------------------------------------------


class Reference(Strict):
    """One document the framework is built on; sources cite it by ``id``."""

    id: Id
    text: Text = Field(description="Bibliographic text")
    doc_no: str | None = Field(default=None, description="文号 of an official document")
    url: str | None = Field(default=None, description="Where the document can be read, if public")


class LevelInfo(Strict):
    """A level of unit (city, district, county): ``name`` replaces ``{unit}`` in questions."""

    id: Level
    name: Text


class Replaces(Strict):
    """The earlier version this framework replaces, and which of its indicators correspond.

    ``indicators`` maps an indicator of the earlier version to the indicator of this one that
    asks the same question with the same answer (its answer carries over on ``lcity upgrade`` and
    its scores are compared by ``lcity trend``). Earlier indicators not listed were removed."""

    framework: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_\-]*@[0-9]+$")
    indicators: dict[str, Id] = Field(default_factory=dict)


class Validation(Strict):
    """How strictly this framework's assessments are read."""

    name_languages: list[Literal["zh", "en"]] = Field(
        default_factory=list, description="Languages in which city.name must be given (at least one is always needed)")
    missing_profile: Literal["error", "warning"] = Field(
        default="warning", description="A derived answer whose profile figure is missing")
    evidence: bool = Field(default=False, description="Warn about an answered value without evidence")
    na_note: bool = Field(default=False, description="Warn about not_applicable without a note")


# --- conditional advice ----------------------------------------------------------------------


class AdviceWhen(Strict):
    """When a piece of advice applies. Every condition given must hold; a recommendation is only
    made when it does, so that it never tells a unit to do what its answers show it has done."""

    states: list[Literal["answered", "unknown", "missing"]] = Field(
        default_factory=lambda: ["answered"], description="States of the indicator the advice is for")
    below: float | None = Field(default=None, allow_inf_nan=False,
                                description="The scored figure is below this value (a finite number)")
    at_least: float | None = Field(default=None, allow_inf_nan=False,
                                   description="The scored figure reaches this value (a finite number)")
    answers: list[str | bool] = Field(default_factory=list, description="The answer is one of these (choice ids, "
                                      "true/false)")
    lacks: list[str] = Field(default_factory=list, description="At least one of these checklist items is not ticked")
    not_applicable: list[Id] = Field(default_factory=list, description="The unit marked all of these indicators "
                                     "not applicable: advice that names partners the unit says it lacks (a county "
                                     "with no university, H1) is chosen otherwise")
    levels: list[Level] | None = Field(default=None, description="Levels of unit the advice is for (all when absent)")
    rejected: bool | None = Field(
        default=None, description="true: only where the panel did not accept the answer the unit gave (the advice is "
        "then about evidence the panel can check, not about raising the figure); absent: only where it did not happen")
    related: dict[Id, "AdviceWhen"] = Field(
        default_factory=dict, description="indicator id -> a condition on that indicator's answer, as the unit's level "
        "asks it: K2's advice to make learning records useful is given only while K6 lacks a use of them, and "
        "'{lacks:K6}' in the text names the uses it lacks")


class AdviceEntry(Strict):
    """One recommendation and the condition under which it is made."""

    when: AdviceWhen = Field(default_factory=AdviceWhen)
    text: Text


# --- effort (what-if planner) ---------------------------------------------------------------

RuleKind = Literal["boolean", "levels", "linear", "steps", "checklist"]

#: The largest effort of one step. Efforts are relative (the packaged frameworks use 1 to 12); a
#: step of .inf or 1e308 overflowed the planner, and 1e23 made a reachable target look unreachable.
MAX_PER_STEP = 1000.0


class EffortItem(Strict):
    """What adding one checklist item costs when it differs from the indicator's other items: a
    national award the unit can put candidates forward for but not grant itself. For a levels
    indicator, what reaching one choice from the choice below it costs: a budget line stands in two
    budget years, its growth is a matter of the next budget."""

    per_step: float = Field(gt=0, le=MAX_PER_STEP, allow_inf_nan=False,
                            description="Effort of adding the item (relative effort points, at most 1,000)")
    years: int | None = Field(default=None, ge=1, le=20, description="Fewest years the item takes however "
                              "much work goes in (a yearly national selection): no earlier completion year is suggested")
    rationale: Text | None = Field(default=None, description="Why the item costs this much and takes this long")


class EffortEntry(Strict):
    """What one improvement step of an indicator costs (``lcity plan``): a relative figure, so a
    plan can prefer the cheapest route to a target. A step is: boolean false -> true; levels one
    choice up in the order of shares; checklist one item; steps one step of the rule; linear one
    ``steps``-th of the way from the rule's floor to its target."""

    per_step: float = Field(gt=0, le=MAX_PER_STEP, allow_inf_nan=False,
                            description="Effort of one improvement step (relative effort points, at most 1,000)")
    steps: int | None = Field(default=None, ge=1, le=1000, description="Linear rules: how many equal steps "
                              "between floor and target (10 when absent)")
    responsible: Text | None = Field(default=None, description="Type of unit that carries the work, e.g. 教育局")
    responsible_if_not_applicable: dict[Id, Text] = Field(
        default_factory=dict, description="indicator id -> the responsible unit where the unit marked that indicator "
        "not applicable: 'with universities in the province' for a county that has none of its own (H1)")
    rationale: Text | None = Field(default=None, description="Why the step costs this much")
    years: int | None = Field(default=None, ge=1, le=20, description="Fewest years a step takes however much work "
                              "goes in (a budget line counts once it has stood in two budget years): no earlier "
                              "completion year is suggested; an item's own years win for that item")
    items: dict[Id, EffortItem] = Field(default_factory=dict, description="Checklist indicators: items whose "
                                        "step costs otherwise than the entry's per_step (item id -> effort); levels "
                                        "indicators: choices whose step (from the choice below) costs or takes "
                                        "otherwise, so that the years and the reason fit the unit's own answer")
    at_level: dict[Id, "EffortEntry"] = Field(
        default_factory=dict, description="level id -> the step as a unit of that level takes it, where it differs: "
        "a county's B1 is a work plan of its own government, not a local regulation (what it leaves out is the "
        "entry's; years: null says the level's step has no fewest years)")


class EffortModel(Strict):
    """The planner's default efforts: per rule kind, and per indicator where it differs."""

    unit: UnitText | None = Field(default=None, description="What an effort point stands for")
    rationale: Text | None = None
    defaults: dict[RuleKind, EffortEntry] = Field(default_factory=dict, description="rule kind -> effort")
    indicators: dict[Id, EffortEntry] = Field(default_factory=dict, description="indicator id -> effort")
    look_up: EffortEntry | None = Field(
        default=None, description="Finding out one figure a unit too short of data to be rated does not know yet "
        "(records or statistics requested): one step, whatever level the figure is found at; one effort point when absent")
    per_year: float | None = Field(
        default=None, gt=0, le=1_000_000, allow_inf_nan=False,
        description="How much effort (in the effort unit) a unit can do in a year: the report's task list suggests "
        "completion years at this pace; lcity assumes 24 when absent (one effort point about a month's work)")


# --- uncertainty (lcity sensitivity) --------------------------------------------------------


class Uncertainty(Strict):
    """The default ranges of the uncertainty analysis (``lcity sensitivity``, the report's
    robustness section): how far a framework's own choices could reasonably have gone otherwise."""

    weights_concentration: float = Field(
        default=200.0, ge=10, le=1_000_000, allow_inf_nan=False,
        description="Dirichlet concentration α, 10 to 1,000,000 (below 10 a draw puts nearly all weight on one "
        "dimension, and numpy's draw fails; above, the weights never move): dimension weights are drawn from Dirichlet(α × w) "
        "around the framework's weights w; a weight w varies by about √(w(1−w)/(α+1)) (α = 200: 10 points ± 2.1)")
    endpoint_share: float = Field(
        default=0.1, ge=0, le=0.5, description="The floor and the target of every linear rule each move by up to ± "
        "this share of the distance between them")
    geometric_probability: float = Field(
        default=0.5, ge=0, le=1, description="Only when the `aggregation` source is asked for by name (it is not a "
        "default source): share of those draws whose total is the weighted geometric mean of the dimension "
        "shares instead of the arithmetic one. By default the geometric mean is reported apart, once")
    geometric_floor: float = Field(
        default=0.01, ge=0.001, le=1, allow_inf_nan=False,
        description="0.001 to 1 (below, one dimension near 0 sets the whole geometric total to about 0): "
        "a dimension share below this counts as this in the geometric mean "
        "(a dimension at 0 would otherwise zero the total)")
    source: str = Field(description="Why these ranges")


# --- the framework --------------------------------------------------------------------------


class Framework(Strict):
    id: Id
    version: int = Field(ge=1)
    name: Text
    description: Text
    source: str = Field(description="What the framework as a whole is derived from")
    language: Literal["zh", "en"] | None = Field(
        default=None, description="Default language (zh or en) of the tables, reports and forms lcity makes for "
        "this framework's units, after a command's --lang and the assessment's lang: line (zh when absent)")
    total_points: float = Field(gt=0)
    dimensions: list[Dimension] = Field(min_length=1)
    grades: list[Grade] = Field(min_length=1)
    recognition: Recognition
    pathways: Pathways | None = None
    levels: list[LevelInfo] = Field(default_factory=list, description="The levels of unit (city.level), with "
                                    "their names; city, district and county when absent")
    level_label: Text | None = Field(
        default=None, description="What the report's profile table calls a unit's level (单位类型 / Type of unit "
        "for an enterprise); 行政层级 / Level when absent, as for the China frameworks' administrative levels")
    profile_figures: list[ProfileFigureSpec] = Field(
        default_factory=list, description="Profile figures of this framework's own, given under city.figures")
    survey_population: Text | None = Field(
        default=None, description="Whom its surveys ask, as a word before 'survey' (resident / 居民, learner / "
        "学员): reports say 'resident survey'; plain 'survey' when absent (居民 for a framework whose outcomes "
        "are a recognition, 认定)")
    exemplar_units: list[ExemplarUnit] | None = Field(
        default=None, description="Units exemplars may name; the 12 Chinese reference cities when absent")
    references: list[Reference] = Field(default_factory=list, description="Documents sources cite by id")
    advice: dict[Id, list[AdviceEntry]] = Field(
        default_factory=dict, description="Indicator id -> advice with the conditions it applies under, first "
        "match wins; an indicator without entries gets what its rule says full points need")
    replaces: Replaces | None = None
    validation: Validation = Field(default_factory=Validation)
    uncertainty: Uncertainty | None = Field(default=None, description="Default ranges of lcity sensitivity; "
                                            "the defaults of Uncertainty when absent")
    effort: EffortModel | None = Field(default=None, description="Effort per improvement step, for lcity plan")

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    def veto_grade(self) -> Grade | None:
        """The grade a fired veto gives whatever the total (``recognition.veto_grade``); None when
        the framework leaves the grade to the total."""
        return next((g for g in self.grades if g.id == self.recognition.veto_grade), None)

    def graded_by_veto(self, result: Any) -> bool:
        """Whether a scored unit's grade is this framework's veto grade because a veto fired, not the
        band of its total: every place that names the grade then says why (94 points and 不合格)."""
        return bool(result.vetoes) and result.ratable and self.recognition.veto_grade == result.grade.id

    def level_ids(self) -> tuple[str, ...]:
        """The levels a unit assessed under this framework may be (``city.level``)."""
        return tuple(lv.id for lv in self.levels) if self.levels else LEVEL_IDS

    def figure_ids(self) -> tuple[str, ...]:
        """Every profile figure ``derive.per`` and ``at_most`` may name."""
        return PROFILE_FIGURES + tuple(f.id for f in self.profile_figures)

    def exemplar_names(self) -> dict[str, tuple[str, str]]:
        """Units exemplars may name: id -> (zh, en)."""
        if self.exemplar_units is None:
            from .cities import REFERENCE_CITIES

            return dict(REFERENCE_CITIES)
        return {u.id: (u.name.zh, u.name.en) for u in self.exemplar_units}

    def pathway_names(self) -> dict[str, Text]:
        """Pathway type id -> its name (empty without pathways)."""
        return {t.id: t.name for t in self.pathways.types} if self.pathways else {}

    def strategies(self) -> dict[str, Text]:
        """Strategy ids an assessment may list under ``strategy.leads_with`` -> the label of the
        first pathway type declared by it."""
        out: dict[str, Text] = {}
        for t in self.pathways.types if self.pathways else ():
            if t.strategy is not None:
                out.setdefault(t.strategy.id, t.strategy.label)
        return out

    def unit_name(self, level: str) -> Text | None:
        for lv in self.levels:
            if lv.id == level:
                return lv.name
        return None

    def mixed_name(self) -> Text:
        """What a unit is called when no type of this framework stands out: "混合型" (mixed) where
        there are types to mix; with one type only there is nothing to mix, so "侧重不明显" (no clear
        emphasis), as the reason already says (G5 audit: bayrim-lc-rating's one type)."""
        if self.pathways is not None and len(self.pathways.types) == 1:
            return Text(zh="侧重不明显", en="No clear emphasis")
        return Text(zh="混合型", en="Mixed")

    def has_surveys(self) -> bool:
        """Whether any rate of this framework rests on a survey: an indicator's ``survey`` block or a
        survey threshold of its recognition rule (china-learning-city@1 has only the latter). A
        framework with neither has no sampling error to draw, and no survey to check or to name."""
        return bool(self.survey_rates())

    def survey_rates(self) -> dict[str, int | None]:
        """The indicators whose figure is a survey rate, each with its minimum sample (None where the
        framework sets none): those with a ``survey`` block and those a survey threshold of the
        recognition rule names. The one definition the engine (a margin beside the rate), the checks
        (sample size), the uncertainty draws and the review's survey comparison share."""
        out: dict[str, int | None] = {i.id: i.survey.min_sample for i in self.indicators() if i.survey is not None}
        for s in self.recognition.survey:
            out.setdefault(s.indicator, None)
        return out

    def speaks_recognition(self) -> bool:
        """Whether this framework's first outcome is a recognition (认定), as its own label says: China's
        demonstration zones are recognised, survey their residents and have panels that 认定 a veto;
        any other framework's outcomes are named by their labels. One test for every reader."""
        return "认定" in self.recognition.outcomes.recognised.zh

    def surveys_ask(self) -> Text | None:
        """Whom this framework's surveys ask, as the word before "survey": its own
        ``survey_population``; residents (居民) for a framework whose outcome is a recognition (认定,
        China's demonstration zones survey their residents); else None, a plain "survey", so that a
        survey of learners is never called a resident survey."""
        if self.survey_population is not None:
            return self.survey_population
        if self.speaks_recognition():
            return Text(zh="居民", en="resident")
        return None

    def surveys_ask_for(self, ind: "Indicator") -> Text | None:
        """Whom ``ind``'s survey asks: its own ``survey_population``; else the framework's own word
        for the rates its surveys give (``survey_rates``); another indicator with survey evidence (a
        course-end survey of adult learners in a framework whose surveys ask young people) is not
        named by that word ("youth survey" for an adult-learner survey, G31T), and a recognition
        framework keeps its residents (``surveys_ask``)."""
        if ind.survey_population is not None:
            return ind.survey_population
        if self.survey_population is not None and ind.id not in self.survey_rates():
            return None
        return self.surveys_ask()

    def survey_name(self, questionnaire: bool = False) -> Text:
        """What this framework's survey is called, in one place for the engine, the planner and the
        reports: named by whom it asks (``surveys_ask``), 居民调查 / "resident survey", else plain
        调查 / "survey". ``questionnaire``: the reports' sentences, 居民问卷调查 / 问卷调查 (English
        alike), where a bare 调查 could be any inquiry."""
        asked = self.surveys_ask()
        word = "问卷调查" if questionnaire else "调查"
        if asked is None:
            return Text(zh=word, en="survey")
        return Text(zh=f"{asked.zh}{word}", en=f"{asked.en} survey")

    def at_level(self, level: str) -> list[tuple[Dimension, list[tuple[Indicator, bool]]]]:
        """Each dimension with its indicators as a unit of ``level`` sees them: (indicator at the
        level, whether it applies)."""
        unit = self.unit_name(level)
        return [(d, [(i.at_level(level, unit), i.applies(level)) for i in d.indicators]) for d in self.dimensions]

    def indicators(self) -> list[Indicator]:
        return [i for d in self.dimensions for i in d.indicators]

    def not_asked(self, level: str) -> frozenset[str]:
        """The indicators the framework does not ask of a unit of ``level`` (L1 of a county): the
        engine excludes them as it excludes one the unit marks not applicable, but no count of the
        unit's answers includes them (``lcity status`` never did; ``lcity score`` said "不适用 1 项")."""
        return frozenset(i.id for i in self.indicators() if not i.applies(level))

    def indicator(self, indicator_id: str) -> Indicator:
        for d in self.dimensions:
            for i in d.indicators:
                if i.id == indicator_id:
                    return i
        raise KeyError(indicator_id)

    def dimension_of(self, indicator_id: str) -> Dimension:
        for d in self.dimensions:
            if any(i.id == indicator_id for i in d.indicators):
                return d
        raise KeyError(indicator_id)
