"""The one object every renderer reads: every figure of an evaluation and the reason for it.

Renderers (terminal table, JSON, CSV, HTML, PDF) never recompute a score; they format this. Like
COINr's coin, a Result carries what went in (framework, input fingerprint, tool version) so that
any figure can be regenerated and explained. Texts come in pairs: ``x`` in English, ``x_zh`` in
Chinese, so one Result renders in either language.
"""


from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

State = Literal["answered", "not_applicable", "unknown", "missing"]
Outcome = Literal["recognised", "deferred", "refused", "not_ratable"]
#: the grade id and recognition outcome of a unit whose coverage is below the framework's min_coverage
NOT_RATABLE = "not_ratable"
#: the Decision fields, each a list of indicator ids, that hold a recognition the rules would give
#: until the unit or the panel settles them (beside ``pending`` and ``unsettled``), in the order the
#: report's summary names them: a new kind is added here once, not in every reader
HELD_ON = ("borrowed", "recounted", "estimated", "against_method", "unbacked", "own_not_applicable")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built on first dump: scoring constructs without validating


class IndicatorResult(Model):
    id: str
    dimension: str
    name: str
    name_zh: str
    state: State = Field(description="answered | not_applicable | unknown | missing")
    value: Any = Field(default=None, description="The value as answered (raw quantity)")
    figure: float | None = Field(default=None, description="The figure the rule scored (derived if the framework derives it)")
    unit: str = ""
    unit_zh: str = ""
    rule: str = Field(description="Rule kind applied")
    points: float = Field(description="Nominal points of the indicator")
    max: float = Field(description="Points available after redistributing not-applicable points")
    score: float = Field(description="Points earned (0..max)")
    share: float | None = Field(default=None, description="score / max, None when not applicable")
    evidence: list[str] = Field(default_factory=list)
    note: str | None = None
    verified: bool = Field(default=False, description="Value verified by an expert review")
    reason: str
    reason_zh: str
    self_score: float | None = Field(default=None, description="Score of the self-assessed answer (reviewed results only)")
    self_value: Any = Field(default=None, description="The self-assessed value (reviewed results only)")
    review_reasons: list[str] = Field(default_factory=list, description="The panel's reasons for this indicator, "
                                      "quoted as written in lcity's English words (who said it, the median rule)")
    review_reasons_zh: list[str] = Field(default_factory=list, description="The same in lcity's Chinese words")
    flagged: bool = Field(default=False, description="Verified and self-assessed scores differ by more than the threshold")
    weight: float = Field(default=0.0, description="Effective weight: the points of the total (0..max_total) this "
                          "indicator can earn once not-applicable and not-for-this-level points are spread; 0 when excluded")
    sample_size: int | None = Field(default=None, description="Valid questionnaires behind a survey rate, as answered")
    margin: float | None = Field(default=None, description="95 % margin of error of a survey rate, in percentage "
                                 "points, from sample_size (1.96 × √(p(1−p)/n); with fewer than 5 answers on "
                                 "either side, the farther end of the Wilson interval)")


class DimensionResult(Model):
    id: str
    name: str
    name_zh: str
    points: float = Field(description="Nominal points of the dimension")
    max: float = Field(description="Points available (0 only when every indicator is not applicable)")
    score: float
    share: float | None = Field(description="score / max")
    floor_met: bool | None = Field(description="The share the floor is checked on reaches the recognition floor "
                                   "(None when not applicable, or when none of its points is the unit's own work to earn)")
    indicators: list[str]
    not_applicable: list[str] = Field(default_factory=list)
    floor_max: float | None = Field(default=None, description=(
        "The points the floor is checked against when they differ from max: max less what the unit has not been "
        "granted of the indicators another body decides (floor_excludes); the floor's share is then score / "
        "floor_max. None: the floor is checked on share"))
    floor_excludes: list[str] = Field(default_factory=list, description=(
        "Indicators another body decides (the framework's decided_by: UNESCO admits GNLC members) whose points "
        "the unit has not been granted, left out of floor_max: the floor asks a minimum of the unit's own work"))

    @property
    def floor_basis(self) -> float:
        """The points the floor is checked against (``floor_max``, else ``max``)."""
        return self.max if self.floor_max is None else self.floor_max

    @property
    def floor_share(self) -> float | None:
        """The share the floor is checked on (``share`` unless some points are left out of its basis)."""
        if self.floor_max is None:
            return self.share
        return self.score / self.floor_max if self.floor_max > 1e-9 else None


class Label(Model):
    id: str
    name: str
    name_zh: str


class Bounds(Model):
    """What the total can be whatever the unknowns turn out to be."""

    lower: float = Field(description="Every unknown or missing indicator at 0 points (the total as scored)")
    upper: float = Field(description="Every unknown or missing indicator at its full points")


class Decision(Model):
    outcome: Outcome
    name: str
    name_zh: str
    reasons: list[str]
    reasons_zh: list[str]
    pending: list[str] = Field(default_factory=list, description=(
        "Indicators whose figure lies beyond the framework's plausible range (answer.plausible), earns points "
        "and no panel has verified: a unit the rules would recognise is deferred until they are verified"))
    recognised_if_verified: bool = Field(default=False, description=(
        "True: every other condition of recognition is met; verifying the pending figures (surveying the "
        "unsettled rates to the standard, giving the unit's own figures for the borrowed or recounted ones) "
        "recognises the unit"))
    unsettled: list[str] = Field(default_factory=list, description=(
        "Survey indicators whose rate meets its recognition threshold on fewer valid questionnaires than the "
        "framework's survey.min_sample: not established, so a unit the rules would recognise is deferred until a "
        "survey to the standard is carried out"))
    borrowed: list[str] = Field(default_factory=list, description=(
        "Figures (number, count, percent) that the unit's own note or evidence gives as the unit above's (the "
        "city's survey, the city's rate apportioned by population), that no panel has verified and without whose "
        "points the unit would not be recognised: a unit the rules would recognise is deferred until it gives its "
        "own figures or the panel verifies them"))
    recounted: list[str] = Field(default_factory=list, description=(
        "Figures that the unit's own note says are counted another way than before (online views added to "
        "training person-times, attendances instead of learners), that no panel has verified and without whose "
        "points the unit would not be recognised: a unit the rules would recognise is deferred until it gives them "
        "as the framework counts them or the panel verifies them"))
    unbacked: list[str] = Field(default_factory=list, description=(
        "Answers that earn points with no evidence listed, that no panel has verified and without whose points "
        "the unit would not be recognised (a framework asking for evidence, validation.evidence): a unit the rules "
        "would recognise is deferred until it lists its evidence or the panel verifies them"))
    own_not_applicable: list[str] = Field(default_factory=list, description=(
        "Indicators the unit itself marked not applicable where that leaves every indicator a dimension asks of "
        "its level out of the score (the dimension's points and floor go unchecked), that no panel has verified: "
        "a unit the rules would recognise is deferred until the panel confirms they do not apply"))
    estimated: list[str] = Field(default_factory=list, description=(
        "Figures that the unit's own note or evidence gives as estimates (按预算数估算, 估计数, estimated; a survey "
        "rate whose note says no survey produced it), that no panel has verified and without whose points the unit "
        "would not be recognised: a unit the rules would recognise is deferred until it gives counted figures or "
        "the panel verifies them"))
    against_method: list[str] = Field(default_factory=list, description=(
        "Figures whose own note says they are counted otherwise than the indicator's method (计算方法): a per-person "
        "count not de-duplicated or per visit, a sum holding what the method leaves out, a count at its whole with "
        "part not yet there (未按身份证号去重, 含线上课程, 尚在建设), that no panel has verified and without whose points "
        "the unit would not be recognised: a unit the rules would recognise is deferred until it gives them as the "
        "method counts them or the panel verifies them"))


class PathwayEvidence(Model):
    """One practice of a pathway type as the unit shows it: how strong it is, and how that compares
    with the unit's own profile and, where peers answered it, with them."""

    pathway: str = Field(description="The type the practice belongs to")
    indicator: str
    name: str
    name_zh: str
    practice: str
    practice_zh: str
    value: Any = Field(default=None, description="The value as answered")
    intensity: float = Field(description="The indicator's share of its points, or the share of the practice's items answered, 0..1")
    vs_own: float = Field(description="intensity minus the unit's own mean share over its answered indicators")
    peer_median: float | None = Field(default=None, description="Median intensity of the peers that answered it")
    peers: int = Field(default=0, description="How many peers answered it (compared only from pathways.min_peers)")
    vs_peers: float | None = Field(default=None, description="intensity minus peer_median")
    weight: float = Field(description="The practice's weight within its type, normalised to sum to 1")


class PathwayScore(Model):
    id: str
    name: str
    name_zh: str
    score: float | None = Field(description="Emphasis: weighted mean of how far the type's practices stand "
                                "above the unit's own profile (and peers), in share points; None when too few are answered")
    coverage: float = Field(description="Share of the type's applicable practice weight that is answered, 0..1")


class PathwayResult(Model):
    type: str = Field(description="The observed type: a pathway type id of the framework (china-learning-city: balanced, "
                      "internationalisation, industry, culture), mixed (flat profile or two types close) or undetermined "
                      "(too little data)")
    name: str
    name_zh: str
    reason: str = Field(description="Why the unit has this type")
    reason_zh: str
    leading: str | None = Field(description="The type with the highest emphasis, even when the type is mixed or undetermined")
    runner_up: str | None
    margin: float | None = Field(description="Emphasis of the leading type minus the runner-up's, in share points")
    own_mean: float | None = Field(description="The unit's own mean share over its answered indicators")
    peer_set: str | None = Field(default=None, description="Whom the unit was compared with, when peers were used")
    scores: list[PathwayScore]
    evidence: list[PathwayEvidence] = Field(description="Every answered practice of every type, by type")
    declared: list[str] = Field(description="The strategy ids the unit declares (strategy.leads_with); never decide the type")
    declared_types: list[str] = Field(description="The pathway types those strategy ids declare")
    matches_declared: bool | None = Field(description="The observed type is a declared one; None when nothing is "
                                          "declared or the type is mixed or undetermined")


class CityInfo(Model):
    id: str | None
    name: str
    name_zh: str
    level: str
    parent: str | None
    #: the parent city's English name where the unit gives one (``city.parent_en``), for English reports
    parent_en: str | None = None
    province: str | None
    region: str | None
    population: int | None
    area_km2: float | None
    gdp_per_capita: float | None
    reference_year: int | None
    period: str
    evaluating_body: str | None
    date: str | None


class Member(Model):
    name: str
    affiliation: str | None = None
    title: str | None = None
    role: str | None = None


class ReviewerScore(Model):
    reviewer: str
    place: int | None = Field(default=None, description="The place (1, 2, ...) of the reviewer's review file when "
                              "they left their name as the form's null (reviewer then reads 'reviewer 2'): a "
                              "report names them by it in its language (评审专家2); null for a named reviewer")
    score: float
    accepted: bool = Field(default=False, description="The reviewer did not list the indicator: the review form reads "
                           "that as accepting the self-assessed answer, and the median counts it so")
    total: float | None = Field(default=None, description="The panel's total with this reviewer's answer for the "
                                "indicator (every other indicator as the panel verified it)")
    grade: str | None = Field(default=None, description="The grade id that total gives")
    outcome: str | None = Field(default=None, description="The recognition outcome it gives")


class Disagreement(Model):
    indicator: str
    spread: float = Field(description="Largest minus smallest reviewer score, in points")
    scores: list[ReviewerScore]
    decisive: bool = Field(default=False, description="Taking one reviewer's answer instead of the panel's median "
                           "changes the grade or the recognition outcome")


class Opinion(Model):
    """One reviewer's conclusion in their own words: the panel lead's is the panel's conclusion, the
    others are members' opinions, each under its author's name."""

    reviewer: str
    place: int | None = Field(default=None, description="The place (1, 2, ...) of the reviewer's review file when "
                              "they left their name as the form's null (reviewer then reads 'reviewer 2'): a "
                              "report names them by it in its language (评审专家2); null for a named reviewer")
    role: str | None = None
    text: str


class SelfAssessed(Model):
    """The self-assessment's own figures, kept beside the verified ones."""

    total: float
    grade: Label
    recognition: Decision
    dimensions: dict[str, float] = Field(description="dimension id -> self-assessed score")


class UndoneCorrection(Model):
    """The panel's result with one of its corrections undone (the unit's own answer for that
    indicator, every other correction kept), scored by the same rules."""

    indicator: str
    total: float
    grade: str = Field(description="The grade id that total gives")
    outcome: str = Field(description="The recognition outcome it gives")
    restores: bool = Field(description="It gives back the self-assessed grade and outcome where the review changed them")
    least: float | None = Field(default=None, description="Where it restores: the least figure of the indicator "
                                "(every other correction kept) that still restores them, found by scoring that figure "
                                "and the one a step below it (a whole number for a count or a whole amount, else one decimal); None when the "
                                "indicator's rule is not a rising line or the panel's correction is not a lower figure")


class OutcomeChange(Model):
    """The review changed the self-assessed grade or recognition outcome: from what to what, by
    which corrections, and which single correction, undone, gives the self-assessed one back."""

    self_grade: str
    self_outcome: str
    grade: str
    outcome: str
    corrected: list[str] = Field(description="Indicators the panel corrected whose score changed, in framework order")
    vetoes: list[str] = Field(default_factory=list, description="Veto items the panel found")
    undone: list[UndoneCorrection] = Field(default_factory=list, description="Each corrected indicator undone alone")


class SurveyGap(Model):
    """A rate of the panel's own survey (``process.survey``) that differs from the figure the report
    scores for its indicator, which the panel did not list under ``verified``."""

    indicator: str
    key: str = Field(description="The review's survey key: awareness or satisfaction")
    panel: float = Field(description="The panel's survey figure, percent")
    scored: float | None = Field(description="The figure scored (the unit's), None when the unit gave none")
    state: str = Field(description="The scored indicator's state: answered, unknown or missing")
    sample: int | None = Field(default=None, description="The panel survey's valid responses")


class ReviewSummary(Model):
    reviewers: int
    panel: list[Member]
    date: str | None
    process: dict[str, Any] = Field(description="Review process as recorded: dates, site visits, symposia, survey")
    strengths: list[str]
    problems: list[str]
    recommendations: list[str]
    conclusions: list[str] = Field(description="Every reviewer's conclusion as written (the panel's first)")
    conclusion: str | None = Field(default=None, description="The panel's conclusion: the panel lead's (组长, by the "
                                   "reviewer's role), else the only reviewer's, else the first reviewer's")
    conclusion_by: str | None = Field(default=None, description="Who wrote it (the reviewer's name)")
    conclusion_by_place: int | None = Field(default=None, description="The place of the review file whose conclusion "
                                            "it is, when its reviewer's name is the form's null (as Opinion.place)")
    conclusion_lead: bool = Field(default=False, description="True: written by the panel lead, or by the only "
                                  "reviewer; False: several reviewers and none is named lead")
    conclusion_outcome: str | None = Field(default=None, description="The recognition outcome (a key of the "
                                           "framework's recognition.outcomes) the panel's conclusion gives by the "
                                           "review's conclusion_outcome; None when its review gives none")
    opinions: list[Opinion] = Field(default_factory=list, description="The other reviewers' conclusions, by name")
    settled: bool = Field(default=True, description="False: a reviewer's own answers give another grade or "
                          "recognition outcome than the panel's median; the conclusion awaits the panel's discussion")
    unsettled_by: list[ReviewerScore] = Field(default_factory=list, description="Each reviewer whose own answers "
                                              "give another grade or outcome: their total, grade and outcome")
    flag_threshold: float = Field(description="Share of an indicator's points beyond which self and verified differ")
    flagged: list[str] = Field(description="Indicators the review lists whose verified score differs from the "
                               "self-assessed one by more than flag_threshold of their points")
    moved: list[str] = Field(default_factory=list, description="Indicators the review does not list whose score "
                             "differs as much, moved by the listed ones (a not-applicable answer's points no longer "
                             "spread onto them); a Result without this field held them in flagged")
    disagreement_threshold: float
    disagreements: list[Disagreement] = Field(description="Indicators where reviewers disagree beyond the threshold")
    hash_matches: bool
    evaluating_body: str | None = Field(default=None, description="The organisation the panel evaluates for (评估单位)")
    evaluating_body_en: str | None = Field(default=None, description="The same in English")
    outcome_change: OutcomeChange | None = Field(default=None, description="Present when the verified grade or "
                                                 "recognition outcome differs from the self-assessed one")
    survey_gaps: list[SurveyGap] = Field(default_factory=list, description="The panel's survey rates that differ "
                                         "from the scored ones and are not verified values")
    #: each review whose SHA-256 is not the scored file's: (the file it names, the SHA-256 it records,
    #: True when that file was found and holds the same assessment as read); not in the JSON, which
    #: ``lcity verify`` re-scores from the embedded files alone, where the named file is not (G18-E4)
    _reviewed_as: list[tuple[str, str, bool]] = PrivateAttr(default_factory=list)
    #: the notes said of the reviews (a review of the same assessment in another format)
    _notes: list[Any] = PrivateAttr(default_factory=list)


class Provenance(Model):
    tool: str
    version: str
    framework: str
    input_sha256: str
    input_file: str | None


class Result(Model):
    framework: str = Field(description="id@version of the framework")
    framework_name: str
    framework_name_zh: str
    city: CityInfo
    total: float = Field(description="0..100, unrounded")
    max_total: float
    total_bounds: Bounds = Field(
        default_factory=lambda: Bounds(lower=0.0, upper=0.0),
        description="lower ≤ total ≤ upper: the total with every unknown or missing answer at 0 and at full points")
    ratable: bool = Field(default=True, description="coverage reaches the framework's recognition.min_coverage, or "
                          "a veto fired in a framework whose recognition.veto_grade grades it whatever the missing "
                          "data; False: grade and recognition are not_ratable (数据不足，不予定级)")
    provisional: bool = Field(default=False, description="True: scored with `lcity score --partial` from an unfinished "
                              "file, its unanswered indicators at 0; never a result to report (暂定分数)")
    grade: Label
    recognition: Decision
    confidence: float = Field(description="0..1: share of the points resting on answered values backed by evidence")
    coverage: float = Field(description="0..1: share of the applicable points whose indicator is answered")
    answered: int
    not_applicable: int = Field(description="indicators the unit itself marked not applicable (status: not_applicable)")
    not_asked: int = Field(default=0, description="indicators the framework does not ask of the unit's level (its "
                           "``levels``); a Result without this field (an earlier lcity) counts them in not_applicable")
    unknown: int
    missing: int
    vetoes: list[str] = Field(default_factory=list, description="Veto items triggered")
    dimensions: list[DimensionResult]
    indicators: list[IndicatorResult]
    pathway: PathwayResult | None = None
    strategy: list[str] = Field(default_factory=list)
    self_assessed: SelfAssessed | None = Field(default=None, description="Present when scores were verified by a review")
    review: ReviewSummary | None = None
    provenance: Provenance

    def dimension(self, dim_id: str) -> DimensionResult:
        return next(d for d in self.dimensions if d.id == dim_id)

    def indicator(self, ind_id: str) -> IndicatorResult:
        return next(i for i in self.indicators if i.id == ind_id)
