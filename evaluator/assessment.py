"""The self-assessment a city or district fills in, as a pydantic model.

The model fixes the shape (profile, period, strategy, one answer per indicator); whether an
answer fits its indicator depends on the framework and is checked in ``evaluator.checks``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

LEVELS = ("city", "district", "county")
REGIONS = ("east", "central", "west")
STRATEGIES = ("balance", "international", "industry", "culture")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Names(Strict):
    zh: str = Field(min_length=1, description="Chinese name, e.g. 西城区")
    en: str | None = Field(default=None, description="English name, e.g. Xicheng District")

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.zh


class City(Strict):
    """Profile of the unit assessed. Counts are raw figures; per-capita values are derived."""

    id: str | None = Field(
        default=None, pattern=r"^[a-z0-9][a-z0-9_\-]*$", description="Short slug, e.g. xicheng"
    )
    name: Names = Field(description="Names in Chinese and English")
    level: Literal["city", "district", "county"] = Field(description="city, district or county")
    parent: str | None = Field(default=None, description="Parent city of a district or county")
    province: str | None = Field(default=None, description="Province or municipality")
    region: Literal["east", "central", "west"] | None = Field(
        default=None, description="East, central or west China (NBS division)"
    )
    population: int | None = Field(default=None, gt=0, description="Resident population (常住人口)")
    population_60plus: int | None = Field(default=None, gt=0, description="Residents aged 60 and over")
    employed: int | None = Field(default=None, gt=0, description="Employed population")
    streets: int | None = Field(default=None, gt=0, description="Number of streets and townships (街道/乡镇)")
    communities: int | None = Field(
        default=None, gt=0, description="Number of communities and villages (社区/村)"
    )
    area_km2: float | None = Field(default=None, gt=0, description="Area in km²")
    gdp_per_capita: float | None = Field(default=None, gt=0, description="GDP per resident, yuan")
    reference_year: int | None = Field(
        default=None, ge=1990, le=2100, description="Year the profile figures refer to"
    )
    sources: dict[str, str] = Field(
        default_factory=dict, description="Where each profile figure comes from (figure -> source)"
    )


class Period(Strict):
    start: int = Field(ge=1990, le=2100, description="First year assessed")
    end: int = Field(ge=1990, le=2100, description="Last year assessed")


class Strategy(Strict):
    """What the city says it leads with; one of the signals of its development pathway."""

    leads_with: list[Literal["balance", "international", "industry", "culture"]] = Field(
        default_factory=list,
        description="balance (urban–rural balance), international (global benchmarking), "
        "industry (industry and market mechanisms), culture (cultural heritage and brands)",
    )
    evidence: list[str] = Field(default_factory=list, description="Documents that show it")
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
        default_factory=list, description="Document titles, URLs or archive numbers"
    )
    note: str | None = Field(default=None, description="Free text shown in the report")
    source: str | None = Field(
        default=None, description="Public source of the value (required for reference data)"
    )

    @field_validator("evidence", mode="before")
    @classmethod
    def _one_evidence(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v


class Assessment(Strict):
    """A whole self-assessment file. An empty ``answers:`` means "nothing answered yet"."""

    framework: str = Field(
        pattern=r"^[A-Za-z][A-Za-z0-9_\-]*(@[0-9]+)?$",
        description="Framework id and version, e.g. china-learning-city@1",
    )
    city: City
    period: Period
    evaluating_body: str | None = Field(
        default=None, description="Who prepared this assessment, e.g. 西城区学习型城市建设领导小组办公室"
    )
    date: str | None = Field(
        default=None,
        pattern=r"^\d{4}-\d{2}-\d{2}$",
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
