"""The self-assessment a city or district fills in, as a pydantic model.

The model fixes the shape (profile, period, strategy, one answer per indicator); whether an
answer fits its indicator depends on the framework and is checked in ``evaluator.checks``.
"""


import math
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .dates import DateText

#: documents one answer (or the stated strategy) may cite: the report prints each one, and 60,000
#: made a 267-page report that took four minutes (batch's time limit is two); a real answer cites a handful
MAX_EVIDENCE = 100
LEVELS = ("city", "district", "county")
REGIONS = ("east", "central", "west")
STRATEGIES = ("balance", "international", "industry", "culture")


#: The largest figure each kind of number may take where the framework sets no maximum: a value above
#: it is a typing mistake (extra zeros, a pasted ID number), never a real figure, and it would
#: overflow the derived per-resident figures. Counts of people, courses, sites ...; amounts of
#: money in yuan; residents of a city (the largest cities have a few tens of millions).
LIMITS = {"count": 1e12, "number": 1e15, "money": 1e15, "population": 2e9, "area_km2": 1e7,
          "units": 1e7, "gdp_per_capita": 1e8}


def _error(kind: str, predicate: str, hint: str, rule: str = "out-of-range") -> PydanticCustomError:
    """A model error lcity words itself; ``indicators.modelcheck`` places it and quotes the text."""
    return PydanticCustomError(kind, predicate.replace("{", "(").replace("}", ")"), {"hint": hint, "rule": rule})


def at_most(limit: float, what: str) -> AfterValidator:
    """A finite number no larger than ``limit`` (``what`` names the figure in the message)."""

    def check(value: float) -> float:
        if isinstance(value, float) and not math.isfinite(value):
            raise _error("lcity_not_finite", "is not a finite number", "write the actual figure")
        if value > limit:
            raise _error("lcity_too_large", f"is larger than any real {what} (at most {limit:,.0f})",
                         "check for extra zeros; write the figure in plain digits")
        return value

    return AfterValidator(check)


#: Characters that take no room on a page: format characters, fillers that render as blank.
_BLANK = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u034f", "\u180e", "\u17b4", "\u17b5"}


def visible(text: str) -> bool:
    """Whether ``text`` shows anything on a page: not only spaces, controls or zero-width characters."""
    return any(not (c.isspace() or c in _BLANK or unicodedata.category(c)[0] in "CZM") for c in text)


def _visible(text: str) -> str:
    if not visible(text):
        raise _error("lcity_blank", "shows nothing: it holds only spaces or invisible characters",
                     "write the name in visible characters", rule="blank-text")
    return text


#: The longest name-like text: names, parents, provinces and evaluating bodies are printed on the
#: cover and in every running header; real ones are short (克孜勒苏柯尔克孜自治州: 11 characters),
#: and one of 19,990 kept the report's typesetter busy for minutes.
MAX_NAME = 200
#: The longest city.id: a slug (xicheng, hexi-qingshi) that the default report number (LC-ID-2024)
#: prints on the cover and in every running header; one of 5,000 characters filled eight pages.
MAX_ID = 64
#: Text that is printed as a name or a heading and so must show something (a cover needs a name).
VisibleText = Annotated[str, Field(max_length=MAX_NAME), AfterValidator(_visible)]
def _not_bool(value: Any) -> Any:
    if isinstance(value, bool):  # pydantic would read 'true' as 1 resident
        raise _error("lcity_bool", "is true or false, not a number", "write the figure in plain digits",
                     rule="wrong-type")
    return value


# Field(gt=0) first, so the JSON Schema keeps exclusiveMinimum; the validators add no schema.
_positive = (Field(gt=0), BeforeValidator(_not_bool))
Population = Annotated[int, *_positive, at_most(LIMITS["population"], "population")]
Units = Annotated[int, *_positive, at_most(LIMITS["units"], "number of streets or communities")]
Area = Annotated[float, *_positive, at_most(LIMITS["area_km2"], "area in km²")]
Income = Annotated[float, *_positive, at_most(LIMITS["gdp_per_capita"], "GDP per resident")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Names(Strict):
    """At least one of the two; a framework may require a language (``validation.name_languages``:
    the China frameworks require ``zh``)."""

    zh: VisibleText | None = Field(default=None, min_length=1, description="Chinese name, e.g. 西城区")
    en: VisibleText | None = Field(default=None, description="English name, e.g. Xicheng District")

    @model_validator(mode="after")
    def _one_name(self) -> "Names":
        if self.zh is None and self.en is None:
            raise _error("lcity_no_name", "gives no name: write zh, en or both",
                         "e.g. name: {zh: 西城区, en: Xicheng District}", rule="missing-key")
        return self

    @property
    def main(self) -> str:
        """The name to show where one name is shown whatever the language (zh where given)."""
        return self.zh or self.en  # type: ignore[return-value]

    def get(self, lang: str) -> str:
        if lang == "en":
            return self.en or self.zh  # type: ignore[return-value]
        return self.zh or self.en  # type: ignore[return-value]


class City(Strict):
    """Profile of the unit assessed. Counts are raw figures; per-capita values are derived."""

    id: str | None = Field(  # printed in the report number on the cover and every header: short (G25-H5)
        default=None, pattern=r"^[a-z0-9][a-z0-9_\-]*$", max_length=MAX_ID, description="Short slug, e.g. xicheng"
    )
    name: Names = Field(description="Names in Chinese and English")
    level: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$",
                       description="Level of unit: one of the framework's levels (city, district or county where it names none)")
    parent: VisibleText | None = Field(default=None, description="Parent city of a district or county")
    province: VisibleText | None = Field(default=None, description="Province or municipality")
    parent_en: VisibleText | None = Field(default=None, description="Parent city in English, for English reports")
    province_en: VisibleText | None = Field(default=None, description="Province in English, for English reports")
    region: Literal["east", "central", "west"] | None = Field(
        default=None, description="East, central or west China (NBS division)"
    )
    population: Population | None = Field(default=None, description="Resident population (常住人口)")
    population_60plus: Population | None = Field(default=None, description="Residents aged 60 and over")
    employed: Population | None = Field(default=None, description="Employed population")
    streets: Units | None = Field(default=None, description="Number of streets and townships (街道/乡镇)")
    communities: Units | None = Field(
        default=None, description="Number of communities and villages (社区/村)"
    )
    area_km2: Area | None = Field(default=None, description="Area in km²")
    gdp_per_capita: Income | None = Field(
        default=None, description="GDP per resident, yuan")
    reference_year: int | None = Field(
        default=None, ge=1990, le=2100, description="Year the profile figures refer to"
    )
    figures: dict[Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$")],
                  Annotated[float, *_positive, at_most(LIMITS["number"], "profile figure")]] = Field(
        default_factory=dict, description="Profile figures the framework declares (profile_figures), e.g. households: 120000")
    sources: dict[str, str] = Field(
        default_factory=dict, description="Where each profile figure comes from (figure -> source)"
    )

    def figure(self, name: str) -> float | None:
        """A profile figure by name: one of the fields above, else one of ``figures``."""
        return self.figures.get(name) if name in self.figures else getattr(self, name, None)


class Period(Strict):
    start: int = Field(ge=1990, le=2100, description="First year assessed")
    end: int = Field(ge=1990, le=2100, description="Last year assessed")


class Strategy(Strict):
    """What the city says it leads with: its declared pathway, shown beside the type it never decides."""

    leads_with: list[Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_\-]*$")]] = Field(
        default_factory=list,
        description="Strategy ids the framework's pathway types declare, e.g. for china-learning-city: balance "
        "(urban–rural balance), international (global benchmarking), industry (industry and market "
        "mechanisms), culture (cultural heritage and brands)",
    )
    evidence: list[str] = Field(default_factory=list, max_length=MAX_EVIDENCE, description="Documents that show it")
    source: str | None = Field(default=None, description="Where this claim comes from")


class Answer(Strict):
    value: Any = Field(
        default=None,
        description="The answer: true/false, a choice id, a list of item ids, or a plain number",
    )
    status: Literal["not_applicable", "unknown"] | None = Field(
        default=None, description="Instead of a value: not_applicable or unknown"
    )
    evidence: list[str] = Field(
        default_factory=list, max_length=MAX_EVIDENCE, description="Document titles, URLs or archive numbers"
    )
    note: str | None = Field(default=None, description="Free text shown in the report")
    source: str | None = Field(
        default=None, description="Public source of the value (required for reference data)"
    )
    sample_size: Annotated[int, Field(gt=0), BeforeValidator(_not_bool), at_most(LIMITS["population"], "sample")] | None = Field(
        default=None, description="Survey indicators: the number of valid questionnaires behind the rate"
    )

    @field_validator("evidence", mode="before")
    @classmethod
    def _one_evidence(cls, v: Any) -> Any:
        v = [v] if isinstance(v, str) else v
        # an empty list item ("-" alone, "", ~) names no document: it was counted as evidence (G11 audit)
        return [e for e in v if not blank_evidence(e)] if isinstance(v, list) else v


def blank_evidence(item: Any) -> bool:
    """An evidence item that names no document: empty, spaces only, or YAML's null as the loader keeps it."""
    return item is None or (isinstance(item, str) and item.strip() in ("", "~", "null", "Null", "NULL"))


class Assessment(Strict):
    """A whole self-assessment file. An empty ``answers:`` means "nothing answered yet"."""

    framework: str = Field(
        pattern=r"^[A-Za-z][A-Za-z0-9_\-]*(@[0-9]+)?$",
        description="Framework id and version, e.g. china-learning-city@1",
    )
    lang: Literal["zh", "en"] | None = Field(
        default=None, description="Language of the form, and of lcity's messages about it (lcity init writes it)")
    city: City
    period: Period
    evaluating_body: VisibleText | None = Field(
        default=None, description="Who prepared this assessment, e.g. 西城区学习型城市建设领导小组办公室"
    )
    evaluating_body_en: VisibleText | None = Field(
        default=None, description="The same body in English, for English reports")
    date: DateText | None = Field(
        default=None,
        description="Date of the assessment, YYYY-MM-DD (also the report's date)",
    )
    strategy: Strategy = Field(default_factory=Strategy)
    answers: dict[str, Answer] = Field(
        default_factory=dict, description="One entry per indicator id"
    )

    @field_validator("answers", "strategy", mode="before")
    @classmethod
    def _empty_is_none(cls, v: Any, info) -> Any:
        if v is None:
            return {}
        return v
