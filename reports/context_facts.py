"""The values every report section reads, worked out once per report.

The city's name, the catalog, the dimension floor, the reviewed state and the label helpers were
closures inside one long function; as one frozen object they can be handed to each section builder
and to a test on its own, and no section can change what another one sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from evaluator.assessment import Assessment
from evaluator.benchmark import LOW_COVERAGE, Benchmark
from evaluator.result import IndicatorResult, Result
from evaluator.rounding import shown_total, total_limits
from evaluator.rules import num
from evaluator.trend import Trend
from indicators.models import Framework, Indicator

from .catalog import Catalog, load_catalog
from .context_format import clean_reason, default_number, dim_places, pick, zh_punct, zh_tight
from .context_review import normalise_review, review_from_result

#: An indicator is weak (a problem, with a recommendation) below this share of its points; the
#: framework's dimension floor is used when it has one.
DEFAULT_WEAK = 0.6


@dataclass(frozen=True)
class Facts:
    """One report's inputs and the per-report values derived from them (see ``facts``)."""

    result: Result
    bench: Benchmark | None
    fw: Framework
    assessment: Assessment
    trend: Trend | None
    lang: str
    cat: Catalog
    #: the review in the shape of ``reports.context_review`` (None for a self-assessment report)
    review: dict | None
    #: the Result's scores are the verified ones (it was scored with review files)
    reviewed: bool
    inds: dict[str, IndicatorResult]
    fw_inds: dict[str, Indicator]
    dim_names: dict[str, str]
    floor: float
    weak: float
    floor_pct: str
    #: the total as every sentence of the report writes it (more decimals where one would cross a line)
    total_s: str
    city: str
    #: what the unit calls itself, in the report's language: 本{unit}, "this {unit}" (a county-level
    #: city: 市, city; ``evaluator.unit_word.own_word``)
    unit: str
    #: the evaluating body (评估单位): --body, else the panel's organisation in a reviewed report, else the
    #: self-assessing body
    body: str
    body_shown: str
    #: the body that prepared the self-assessment, named as such beside the panel's organisation
    self_body: str
    date: str | None
    number: str
    period: str
    framework_name: str
    framework_full: str
    file_name: str
    #: the benchmark has reference cities to compare with
    ref_ok: bool
    ref_cov: str
    n_low: int
    ref_low: bool
    #: the uncertainty analysis of this unit (evaluator.sensitivity.UnitRobustness: p05, median, p95,
    #: grade_probabilities {grade id: share}, recognition_probability; None without an analysis)
    robustness: Any = None
    #: the whole analysis it comes from (sources, draws, seed, the reference units ranked with it)
    robustness_run: Any = None
    #: the least-effort plan to the unit's next target (evaluator.plan.Plan: .target (kind, total, name),
    #: .changes cheapest first, each with indicator, name, before, after, points, effort, serves,
    #: responsible; .effort; .before/.after Results; .unreachable reasons); None without a higher target
    plan: Any = None
    #: the evaluating body was named for this report (--body), not taken from the self-assessment
    body_given: bool = False
    #: the assessment's warnings from ``lcity validate`` (indicators.problems.Problem, file order):
    #: those a judgment rests on are put to the panel in 五 (``reports.context_questions``)
    warnings: tuple = ()
    #: the unit's level in the report's language: "{level_word}级单位不填报" (县 for a county-level
    #: city, which is 本市 but answers as a county); ``unit`` when not given
    level_word: str = ""
    #: what a section works out once for another to read, a pure function's cache and never a
    #: channel between sections (not an argument: a copy made with ``dataclasses.replace`` starts
    #: afresh): ``context_plan.stage`` (the plan to the next grade 六 stages first,
    #: which the summary's key tasks aim at, G21-B9) runs the planner once per report
    memo: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    @property
    def zh(self) -> bool:
        return self.lang == "zh"

    @property
    def sep(self) -> str:
        return self.cat["list_sep"]

    @property
    def dim_places(self) -> int:
        """Decimals of every dimension share this report prints (``context_format.dim_places``)."""
        return dim_places(self.result.dimensions, self.floor)

    @property
    def answered(self) -> list[IndicatorResult]:
        return [r for r in self.result.indicators if r.state == "answered"]

    @property
    def order(self) -> dict[str, int]:
        """Framework order of the indicators: the last tie-breaker wherever indicators are ranked."""
        return {r.id: k for k, r in enumerate(self.result.indicators)}

    @property
    def veto_graded(self) -> bool:
        """The grade is the framework's veto grade because a veto fired, not the total's band: every
        sentence naming the grade says why (94 points graded 不合格 reads as an error otherwise)."""
        return self.fw.graded_by_veto(self.result)

    @property
    def speaks_recognition(self) -> bool:
        """The framework's outcomes are a recognition (认定): its own label says so. Otherwise the
        report names its outcomes by their labels, never "认定线" or "recognition"."""
        return self.fw.speaks_recognition()

    @property
    def about_learning_cities(self) -> bool:
        """The framework evaluates learning cities (its name says so); another one (a community-
        learning index) gets a report titled by its own name."""
        name = self.fw.name
        return "学习型城市" in name.zh or "learning cit" in name.en.lower()

    @property
    def survey_population(self) -> str:
        """Whom the framework's surveys ask, as the word before "survey" ("resident", 居民): its own
        ``survey_population``; a recognition framework's (China's demonstration zones) residents;
        else nothing, so a survey of learners is never called a resident survey."""
        asked = self.fw.surveys_ask()  # the framework model's one rule, as the engine and the planner
        return asked.get(self.lang) if asked is not None else ""

    @property
    def survey_words(self) -> dict[str, str]:
        """``survey`` ("resident survey", 居民问卷调查; "survey", 问卷调查) and ``Survey`` (capitalised
        to open an English sentence) for the catalog's survey sentences: ``Framework.survey_name``."""
        word = self.fw.survey_name(questionnaire=True).get(self.lang)
        # the article is English's: a Chinese sentence takes the word as it is, an English-only
        # framework's word too ("采用Brenmouth自行组织的adult survey结果", not "an adult survey")
        a_survey = f"{indefinite(word)} {word}".strip() if self.lang == "en" else word
        return {"survey": word, "Survey": word[:1].upper() + word[1:], "a_survey": a_survey}

    def survey_heading(self, key: str) -> str:
        """A survey heading (``problems_h_survey`` …, ``plan_how_survey``) in the framework's words:
        China's recognition frameworks keep 居民 / "resident"; a framework naming whom it surveys
        (``survey_population``) gets that word, any other plain "survey" (问卷调查), never "resident
        survey" for a survey of households or learners."""
        if self.fw.survey_population is None and self.fw.surveys_ask() is not None:
            return self.cat[key]
        return self.cat(f"{key}_of", **self.survey_words)

    def rk(self, key: str) -> str:
        """The catalog key in the framework's words: ``key_plain`` where the framework recognises nothing."""
        plain = f"{key}_plain"
        return key if self.speaks_recognition or plain not in self.cat else plain

    def ind_label(self, ind_id: str) -> str:
        """The indicator's id and name as the unit's level reads it: a county's J4 under a framework
        written once for every level is its "县级示范项目", as 六's task table says (G19-B6), not the
        "区级示范项目" 三 and 五 printed beside it (G29R-2)."""
        return f"{ind_id} {self.ind_name(ind_id)}"

    def ind_name(self, ind_id: str) -> str:
        """The indicator's name as the unit's level reads it (``ind_label``)."""
        from evaluator.plan import for_level

        return for_level(pick(self.inds[ind_id], 'name', self.lang), self.lang == 'zh', self.level_word or self.unit,
                         self.unit)

    def dim_label(self, dim_id: str) -> str:
        return f"{dim_id} {self.dim_names[dim_id]}"

    def bullet(self, text: str) -> str:
        """A line that opens a bullet: in English, its first letter capital. The engine's reasons
        start lower-case, as they are also said mid-sentence ("· the expert panel found: …", G25R-14)."""
        return text if self.zh else self.upper_first(text)

    def upper_first(self, text: str) -> str:
        """An English sentence's first letter capital, but not an id's: ids are case-sensitive, and a
        framework may write them in lower case ("sk-1 Young people in training" read "Sk-1 …", an id
        the framework does not have, G30T-3). A dimension's id counts when its name follows it."""
        head = text.split(" ", 1)[0].rstrip(":：,，")
        if head in self.fw_inds or (head in self.dim_names and text.startswith(f"{head} {self.dim_names[head]}")):
            return text
        return text[:1].upper() + text[1:]

    def reason(self, r: IndicatorResult) -> str:
        """The engine's reason as the unit's level reads it (``ind_name``): a county's 附件1 read
        "具备2/2项（本区（市）现行…）" and "Every district/county has … (for a district: …)" (G29R-2, G30R)."""
        from evaluator.plan import for_level

        text = clean_reason(for_level(pick(r, "reason", self.lang), self.zh, self.level_word or self.unit, self.unit), r.id)
        # the engine spaces its figures for the terminal; the page sets them close in Chinese
        return zh_tight(text) if self.zh else self.upper_first(text)


def indefinite(word: str) -> str:
    """"a" or "an" before an English ``word`` by its first sound ("an adult survey", "a user
    survey", "a resident survey"); a Chinese word takes none (an empty string is never printed
    alone: the catalogs' Chinese sentences do not use it). "a adult survey" was G27-T2."""
    w = word.lower()
    if not w[:1].isascii() or not w[:1].isalpha():
        return ""
    vowel = w[0] in "aeio" or (w[0] == "u" and not w.startswith(("uni", "use", "usu", "uti", "ure")))
    return "an" if vowel or w.startswith(("hour", "honest", "honour")) else "a"


def facts(
    result: Result,
    bench: Benchmark | None,
    framework: Framework,
    assessment: Assessment,
    *,
    lang: str = "zh",
    body: str | None = None,
    date: str | None = None,
    number: str | None = None,
    review: dict | None = None,
    trend: Trend | None = None,
    robustness: Any = None,
    plan: Any = None,
    warnings: Any = None,
) -> Facts:
    """The Facts of one report, from the arguments of ``reports.context.build_context``."""
    cat = load_catalog(lang)
    fw = framework
    floor = fw.recognition.dimension_floor
    self_body = _self_body(assessment, result, lang)
    # a reviewed report is the panel's: without its organisation the panel itself evaluates, never
    # the self-assessing body
    body_text = body or _panel_body(result, lang) or (cat["review_body_default"] if result.review else self_body)
    framework_name = fw.name.get(lang)
    ref_ok = bench is not None and bench.of > 1
    n_low = sum(1 for row in bench.table if row.low_coverage and not row.is_subject) if ref_ok else 0
    from evaluator.unit_word import own_word

    level_word = level_said(fw, result.city.level, cat, lang)
    # a level the framework names itself is what the unit is: own_word reads China's levels only
    # (its name's end, 本市 of a county-level city), and would make an English county 本县 again
    framed = own_level_word(fw, result.city.level, cat, lang) is not None
    return Facts(
        result=result,
        bench=bench,
        fw=fw,
        assessment=assessment,
        trend=trend,
        lang=lang,
        cat=cat,
        review=_in_register(normalise_review(review if review is not None else review_from_result(result), fw), lang),
        reviewed=result.review is not None,
        inds={r.id: r for r in result.indicators},
        fw_inds={i.id: i.at_level(result.city.level, fw.unit_name(result.city.level)) for i in fw.indicators()},
        dim_names={d.id: pick(d, "name", lang) for d in result.dimensions},
        floor=floor,
        weak=floor if floor > 0 else DEFAULT_WEAK,
        floor_pct=num(round(floor * 100, 1)),
        total_s=shown_total(result.total, total_limits(fw)),
        city=pick(result.city, "name", lang),
        unit=_unit_word(level_word if framed else own_word(level_word, result.city.name_zh, lang == "zh") or level_word,
                        lang),
        level_word=level_word,
        body=body_text,
        body_shown=body_text or cat["not_given"],
        self_body=self_body,
        date=date or assessment.date,
        number=number or default_number(result, assessment),
        period=cat("period_fmt", start=assessment.period.start, end=assessment.period.end)
        if assessment.period.start != assessment.period.end else cat("period_one_fmt", year=assessment.period.end),
        framework_name=framework_name,
        framework_full=cat("framework_fmt", name=framework_name, version=fw.version),
        file_name=PurePath(result.provenance.input_file).name if result.provenance.input_file else "",
        ref_ok=ref_ok,
        ref_cov=f"{bench.reference_coverage * 100:.0f}" if ref_ok else "0",
        n_low=n_low,
        ref_low=ref_ok and (bench.reference_coverage < LOW_COVERAGE or n_low > 0),
        robustness=next((u for u in robustness.units if not u.reference), None) if robustness is not None else None,
        robustness_run=robustness,
        plan=plan if plan is not None else _plan(result, fw, assessment),
        body_given=bool(body),
        warnings=tuple(p for p in warnings or () if p.severity == "warning"),
    )


def _in_register(review: dict | None, lang: str) -> dict | None:
    """The panel's findings with the report's punctuation (full-width in a Chinese report)."""
    if review is None or lang != "zh":
        return review
    findings = {k: [zh_punct(t) if isinstance(t, str) else t for t in v] if isinstance(v, list) else v
                for k, v in review.get("findings", {}).items()}
    return {**review, "findings": findings}


def _plan(result: Result, fw: Framework, assessment: Assessment) -> Any:
    from evaluator.plan import for_report  # SciPy is loaded only when a report is made

    return for_report(result, fw, assessment)


def _panel_body(result: Result, lang: str) -> str:
    """The organisation the panel evaluates for, from its review ("" without one)."""
    rv = result.review
    if rv is None:
        return ""
    return (rv.evaluating_body_en if lang == "en" and rv.evaluating_body_en else rv.evaluating_body) or ""


def _self_body(assessment: Assessment, result: Result, lang: str) -> str:
    """The body that prepared the self-assessment, in English when the assessment gives it."""
    if lang == "en" and assessment.evaluating_body_en:
        return assessment.evaluating_body_en
    return assessment.evaluating_body or result.city.evaluating_body or ""


def own_level_word(fw: Framework, level: str, cat: Catalog, lang: str) -> str | None:
    """The framework's own word for the unit's level where China's word for the same id would say
    another thing, else None (China's word stands). An English-only framework of English county and
    district councils names its levels {en: county} and {en: district}: its Chinese report read 县 and
    本县 for Ashcombe County Council, China's tiers (G32T-1). A city is a 市 anywhere, and keeps it
    (G27-T7: an English-only framework's city reads 本市)."""
    own = fw.unit_name(level)
    key = f"unit_{level}"
    if own is None or level == "city" or key not in cat or own.get(lang) == cat[key]:
        return None
    return own.get(lang)


def level_said(fw: Framework, level: str, cat: Catalog, lang: str) -> str:
    """The word for the unit's level in the report's language: the catalog's for China's levels (and
    a framework without levels of its own: a city's), else the framework's (``own_level_word``)."""
    own = own_level_word(fw, level, cat, lang)
    if own is not None:
        return own
    key = f"unit_{level}"
    if key in cat:
        return cat[key]
    name = fw.unit_name(level)
    return name.get(lang) if name is not None else cat["unit_city"]


def _unit_word(word: str, lang: str) -> str:
    """What the unit calls itself in the catalogs' "本{unit}": in Chinese, a level an English-only
    framework names in Latin letters only ("borough", "town") is 单位: "本borough数据" is not how
    Chinese sets a Latin word (G25-T6, G27-T7); its profile row keeps the framework's own name."""
    if lang == "zh" and word and not any("\u3400" <= ch <= "\u9fff" for ch in word):
        return "单位"
    return word
