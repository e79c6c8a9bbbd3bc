"""The expert panel's review of a self-assessment: verified values, process, findings, vetoes.

Beijing's demonstration-zone evaluations do not stop at self-assessment: a panel reads the
archive, visits sites, holds symposia, surveys residents, verifies the figures and concludes
(research notes china.md §1.3, §7.3). A review file records that work. It names the assessment it
reviews by city, period and SHA-256, so a review can never silently be applied to another version
of the file. Each reviewer may write their own file; the panel's verified value is the median.
"""


import hashlib
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from indicators.messages import Both, Msg, join
from indicators.models import Framework
from indicators.modelcheck import validate_model
from indicators.problems import InputError, Problem, did_you_mean, sort_problems
from indicators.safeyaml import Marked, load_file

from . import checks, dates
from .assessment import MAX_NAME, VisibleText, at_most
from .checks import value_problems, derived_problem
from .dates import DateText
from .reading import STDIN, STDIN_NAME, Loaded, read_stdin

#: A score change is a number of points: finite, and far below any framework's 100 points.
Points = Annotated[float, at_most(1000, "change of points")]
Sample = Annotated[int, Field(gt=0), at_most(1e9, "number of survey responses")]


#: entries a review's list may hold (findings, site visits, symposia): a report prints each one, and
#: 10,000 findings made a 353-page report; a real panel writes tens
MAX_ENTRIES = 200
#: members of one panel (China's evaluation panels have five to fifteen)
MAX_PANEL = 50


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built when a review is first read


class Reviewed(Strict):
    city: VisibleText = Field(description="City or district name as in the assessment (zh)")
    period: str = Field(description="Assessment period, e.g. 2023–2024")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the assessment file reviewed")
    file: str | None = Field(default=None, description="File name of the assessment, for people")

    @field_validator("sha256", mode="before")
    @classmethod
    def _either_case(cls, value: Any) -> Any:
        """A checksum in capitals is the same checksum: Windows' ``Get-FileHash`` prints them, and a
        panel that pasted it was told it was "not a SHA-256 checksum" (G31H-9)."""
        return value.lower() if isinstance(value, str) else value


#: The review form's fixed roles in English: lcity's vocabulary (组长 decides whose conclusion is the
#: panel's), so an English report translates them; a role not listed here is shown as written.
ROLES_EN = {"组长": "panel lead", "副组长": "deputy lead", "成员": "member"}


def role_in(role: str, lang: str) -> str:
    """A reviewer's role in the report's language: a known role translated, any other as written."""
    role = role.strip()
    return ROLES_EN.get(role, role) if lang == "en" else role


#: a reviewer's affiliation, title or role: printed in the panel table and the signature block, as
#: long as a name may be (one of 19,990 characters kept the report's typesetter busy for minutes)
ShortText = Annotated[str, Field(max_length=MAX_NAME)]


class Member(Strict):
    name: VisibleText = Field(min_length=1)
    affiliation: ShortText | None = None
    title: ShortText | None = Field(default=None, description="Professional title, e.g. 研究员")
    role: ShortText | None = Field(default=None, description="e.g. 组长 (panel lead)")


class Visit(Strict):
    date: DateText | None = Field(default=None)
    unit: VisibleText = Field(min_length=1, description="Unit or site visited")
    note: str | None = None


class Symposium(Strict):
    date: DateText | None = Field(default=None)
    topic: VisibleText = Field(min_length=1)
    participants: str | None = None


Rate = Annotated[float, Field(ge=0, le=100)]


class Survey(Strict):
    """The panel's own survey: valid responses, method, and its rates (%): awareness, satisfaction,
    or a rate under the id of the framework's survey indicator it measures (PART1: 31.5)."""

    # a panel that surveyed household participation had no key for it, and its 540 questionnaires did
    # not back the verified rate ("no sample size given" beside "540 valid responses", G27-T6);
    # review._survey_problems refuses an id that is not a survey rate of the framework
    model_config = ConfigDict(extra="allow", defer_build=True, json_schema_extra={
        "additionalProperties": {"type": "number", "minimum": 0, "maximum": 100,
                                 "description": "A rate (%) of the panel's survey, under the id of the "
                                                "framework's survey indicator it measures"}})
    __pydantic_extra__: dict[str, Rate] = Field(init=False)  # type: ignore[assignment]

    sample: Sample | None = Field(default=None, description="Valid responses")
    method: str | None = None
    awareness: float | None = Field(default=None, ge=0, le=100, description="Awareness %")
    satisfaction: float | None = Field(default=None, ge=0, le=100, description="Satisfaction %")


def _or_null(schema: dict[str, Any]) -> None:
    """A key left empty reads as none (``panel:``, ``verified:``): the review template writes them so,
    with commented examples below that stay valid YAML once uncommented (after ``panel: []`` an
    uncommented entry was a syntax error); the editor's schema accepts the empty key too."""
    schema["type"] = [schema["type"], "null"]


class Process(Strict):
    start: DateText | None = Field(default=None, description="First day of the review")
    end: DateText | None = Field(default=None, description="Last day of the review")
    material_review: bool = Field(default=False, description="The archive and self-assessment materials were read")
    site_visits: list[Visit] = Field(default_factory=list, max_length=MAX_ENTRIES, json_schema_extra=_or_null)
    symposia: list[Symposium] = Field(default_factory=list, max_length=MAX_ENTRIES, json_schema_extra=_or_null)
    survey: Survey | None = None

    @field_validator("site_visits", "symposia", mode="before")
    @classmethod
    def _empty_list(cls, v: Any) -> Any:
        return [] if v is None else v


class Verified(Strict):
    """What the panel found for one indicator: a corrected value, a status, or a score change."""

    value: Any = Field(default=None, description="Verified value, same form as the assessment's answer")
    status: Literal["not_applicable", "unknown"] | None = None  # same order as Answer.status: typing caches Literals
    score_change: Points | None = Field(
        default=None, description="Points added (+) or deducted (−) after verification, kept within 0..max"
    )
    reason: VisibleText = Field(min_length=1, description="Why the panel verified or adjusted this figure")


class VetoFinding(Strict):
    """A veto the panel found, and why: falsified materials or an incident is a finding the panel
    must be able to substantiate, so the report prints its reason beside it."""

    id: str = Field(description="The veto item's id, as the framework's recognition.vetoes name it")
    reason: VisibleText | None = Field(default=None, min_length=1,
                                       description="The panel's reason or evidence for the finding")


def _id_or_finding(schema: dict[str, Any]) -> None:
    """The schema an editor checks a review with accepts both forms of a veto, as the model reads them."""
    schema["items"] = {"anyOf": [{"type": "string", "description": "The veto item's id (no reason given)"},
                                 schema["items"]]}


class Findings(Strict):
    strengths: list[str] = Field(default_factory=list, max_length=MAX_ENTRIES)
    problems: list[str] = Field(default_factory=list, max_length=MAX_ENTRIES)
    recommendations: list[str] = Field(default_factory=list, max_length=MAX_ENTRIES)


def _finding_words(text: str) -> list[str]:
    """A finding as the words a reader compares: full- and half-width forms alike (NFKC), case
    ignored, punctuation (but "%") and spaces dropped; a Chinese character is a word, a run of
    Latin letters or digits is one (so "增长3%" is not read inside "增长13%"), "3.5" one number."""
    s = unicodedata.normalize("NFKC", text).casefold()
    words: list[str] = []
    run = ""
    for i, c in enumerate(s):
        if (c.isalnum() and unicodedata.east_asian_width(c) not in "WF") or (
                c == "." and run[-1:].isdigit() and s[i + 1:i + 2].isdigit()):
            run += c
            continue
        if run:
            words.append(run)
            run = ""
        if not c.isspace() and (c in "%‰" or not unicodedata.category(c).startswith("P")):
            words.append(c)
    return words + [run] if run else words


def merge_findings(texts: Iterable[str]) -> list[str]:
    """The panel's findings of one kind, each once, in the order first written.

    Reviewers write the same finding in more or fewer words ("专项经费连续三年增长，预算保障机制稳定"
    and "预算保障机制稳定。"): a finding whose words (``_finding_words``) all stand, in order and
    together, inside another's is that one, and the report prints the longer text once, where the
    first of them stood. Two findings that only share words ("街道社区学校全覆盖" and
    "街道社区学校师资不足") both stay: the shorter must be contained whole, never pieced together."""
    kept: list[tuple[str, str]] = []  # (text, its words joined by NUL: containment stays word-aligned)
    for text in texts:
        words = _finding_words(text)
        key = "\0" + "\0".join(words) + "\0" if words else text.strip()
        if any(key in k and not _negated(key, k) for _, k in kept):
            continue
        inside = [i for i, (_, k) in enumerate(kept) if k in key and not _negated(k, key)]
        if inside:
            kept[inside[0]] = (text, key)
            for i in reversed(inside[1:]):
                del kept[i]
        else:
            kept.append((text, key))
    return [t for t, _ in kept]


#: words that turn a finding into its opposite when they stand right before it ("未建立学分银行")
#: (a Chinese character is a word of its own, so 尚未 and 仍未 end in 未; 没有 is checked as two)
_NEGATIONS = ("未", "不", "无", "没", "非", "not", "no", "non", "never", "without", "lacks")


def _negated(short: str, long: str) -> bool:
    """Whether ``long`` holds ``short`` (both NUL-joined words) only behind a negation: two
    reviewers who wrote "建立学分银行" and "尚未建立学分银行" disagree, and merging them would
    print one side of the disagreement as the panel's."""
    at = long.find(short)
    while at >= 0:
        before = long[:at].rstrip("\0").rsplit("\0", 1)[-1]
        if before not in _NEGATIONS and not long[:at].rstrip("\0").endswith("没\0有"):
            return False
        at = long.find(short, at + 1)
    return True


class Review(Strict):
    assessment: Reviewed
    reviewer: Member | None = Field(default=None, description="Who wrote this review file")
    panel: list[Member] = Field(default_factory=list, max_length=MAX_PANEL, description="Members of the expert panel",
                                json_schema_extra=_or_null)
    date: DateText | None = Field(default=None)
    process: Process = Field(default_factory=Process)
    verified: dict[str, Verified] = Field(default_factory=dict, description="indicator id -> verification",
                                          json_schema_extra=_or_null)
    vetoes: list[VetoFinding] = Field(
        default_factory=list, json_schema_extra=lambda s: (_id_or_finding(s), _or_null(s)),
        description="Veto items the panel found: an id, or {id, reason} with the panel's reason")
    findings: Findings = Field(default_factory=Findings)
    conclusion: str | None = Field(default=None, description="The panel's conclusion in its own words")
    conclusion_outcome: str | None = Field(
        default=None, description="The recognition outcome the panel's conclusion gives, by the framework's "
        "recognition.outcomes key (China's frameworks: recognised, deferred, refused, not_ratable) or its name as "
        "written there (暂缓认定): the conclusion's words cannot be read for it (暂不认定为示范区 holds 认定为示范区). "
        "When the rules give another outcome, review validate warns and the report says so beside its verdict")
    evaluating_body: VisibleText | None = Field(
        default=None, description="The organisation the panel evaluates for (评估单位), shown on the report's cover, "
        "as its author and in the signature block; the self-assessing body stays named as such")
    evaluating_body_en: VisibleText | None = Field(default=None, description="The evaluating body in English")
    #: the file the review was made of, when it is not the assessment given but holds the same
    #: content (a workbook and its ``lcity convert``): its path as found (G18-E4); set by the reader
    _same_content_as: str | None = PrivateAttr(default=None)
    #: what the reader said of it that is no problem (``severity="note"``): score and report say it too
    _notes: list[Problem] = PrivateAttr(default_factory=list)

    @field_validator("verified", "process", "findings", mode="before")
    @classmethod
    def _empty(cls, v: Any) -> Any:
        return {} if v is None else v

    @field_validator("panel", mode="before")
    @classmethod
    def _empty_list(cls, v: Any) -> Any:
        return [] if v is None else v

    @field_validator("vetoes", mode="before")
    @classmethod
    def _veto_ids(cls, v: Any) -> Any:
        """The first form, a plain list of ids (``[falsified_data]``), stays valid: an id is a finding
        without a reason."""
        if v is None:
            return []
        return [{"id": x} if isinstance(x, str) else x for x in v] if isinstance(v, list) else v


def period_text(loaded: Loaded) -> str:
    p = loaded.assessment.period  # type: ignore[union-attr]
    return f"{p.start}–{p.end}"


def _checks(review: Review, m: Marked, fw: Framework, loaded: Loaded, force: bool) -> list[Problem]:
    problems: list[Problem] = []
    a = loaded.assessment
    assert a is not None
    ids = {i.id: i.at_level(a.city.level) for i in fw.indicators()}  # as the unit's level answers them
    sev = "warning" if force else "error"
    hint = "" if force else Msg("hint.review-mismatch")
    if review.assessment.sha256 != loaded.sha256:
        problems.append(_hash_problem(review, m, loaded, sev, hint))
    if review.assessment.city not in (a.city.name.zh, a.city.name.en):
        problems.append(m.problem(("assessment", "city"), "city-mismatch",
                                  Msg("review.city-mismatch", review=review.assessment.city, city=a.city.name.main),
                                  hint, severity=sev))
    if review.assessment.period.replace("-", "–") != period_text(loaded):
        problems.append(m.problem(("assessment", "period"), "period-mismatch",
                                  Msg("review.period-mismatch", review=review.assessment.period,
                                      period=period_text(loaded)),
                                  hint, severity=sev))
    city = loaded.marked.data.get("city") if loaded.marked is not None and isinstance(loaded.marked.data, dict) else None
    city = city if isinstance(city, dict) else {}
    for key, v in review.verified.items():
        path = ("verified", key)
        if key not in ids:
            problems.append(m.problem(path, "unknown-indicator", Msg("check.unknown-indicator", key=key, fw=fw.ref),
                                      did_you_mean(key, ids), key=True))
            continue
        given = [v.value is not None, v.status is not None, v.score_change is not None]
        if sum(given) != 1:
            problems.append(m.problem(path, "no-answer" if not any(given) else "value-and-status",
                                      Msg("review.one-of", id=key), key=True))
            continue
        if v.value is not None:  # the very checks an assessment's answer gets
            found = value_problems(ids[key], v.value, m, path + ("value",), key)
            if not found:
                derived = derived_problem(ids[key], v.value, city, m, path + ("value",))
                found = [derived] if derived else []
            problems += found
        if v.score_change is not None and abs(v.score_change) > ids[key].points:
            points = ids[key].points
            problems.append(m.problem(path + ("score_change",), "out-of-range",
                                      Msg("review.change-over", id=key, change=f"{v.score_change:g}", points=f"{points:g}"),
                                      Msg("hint.review-change-kept", points=f"{points:g}"), severity="warning"))
        if v.score_change is not None and _marked_not_applicable(a, key):
            problems.append(m.problem(path + ("score_change",), "change-not-applicable",
                                      Msg("review.change-not-applicable", id=key, change=f"{v.score_change:+g}"),
                                      Msg("hint.review-change-not-applicable", id=key)))
    known = {v.id for v in fw.recognition.vetoes}
    raw = m.data.get("vetoes") if isinstance(m.data, dict) else None
    for i, veto in enumerate(review.vetoes):
        if veto.id not in known:
            where = ("vetoes", i, "id") if isinstance(raw, list) and isinstance(raw[i], dict) else ("vetoes", i)
            problems.append(m.problem(where, "unknown-veto", Msg("review.unknown-veto", veto=veto.id, fw=fw.ref),
                                      did_you_mean(veto.id, known) or (Msg("hint.review-veto-items", ids=", ".join(sorted(known))) if known
                                                                       else Msg("hint.review-no-vetoes", fw=fw.ref))))
    problems += _outcome_problems(review, m, fw) + _survey_problems(review, m, fw, a.city.level) + _survey_twice(review, m, fw)
    problems += _date_problems(review, m) + _order_problems(review, m, a.date, fw)
    problems += _level_problems(review, m, fw, a.city.level) + _unsigned_problems(review, m)
    return problems


def _survey_problems(review: "Review", m: Marked, fw: Framework, level: str) -> list[Problem]:
    """A rate of the panel's survey under a key that is neither awareness, satisfaction nor the id of
    a survey rate of the framework asked of the unit's level: read as nothing, it would be lost."""
    survey = review.process.survey
    if survey is None or not survey.model_extra:
        return []
    off = fw.not_asked(level)
    rates = [i for i in fw.survey_rates() if i not in off]
    out = []
    for key in survey.model_extra:
        if key not in rates:
            known = ["awareness", "satisfaction", *rates]
            # "participation" is the word of one rate's name (PART1 Household participation in learning)
            named = [i for i in rates if len(key) > 3 and (key.lower() in fw.indicator(i).name.en.lower()
                                                           or key in fw.indicator(i).name.zh)]
            hint = Msg("hint.did-you-mean", word=named[0]) if len(named) == 1 else did_you_mean(key, known)
            out.append(m.problem(("process", "survey", key), "unknown-key",
                                 Msg("review.survey-unknown-rate", key=key, fw=fw.ref, ids=", ".join(rates) or "—"),
                                 hint or Msg("hint.review-survey-rates", ids=", ".join(known)), key=True))
    return out


#: the survey rates a review's ``process.survey`` records, by key, with the words that name the same
#: rate in an indicator's English and Chinese names ("Resident satisfaction", 居民满意度)
SURVEY_KEYS = {"awareness": ("awareness", "知晓"), "satisfaction": ("satisfaction", "满意")}


def survey_indicators(fw: Framework) -> dict[str, str]:
    """Review survey key -> the framework's indicator id that scores that rate: the survey rate
    (``Framework.survey_rates``, a percent) that declares the key as its ``review_survey``, else the
    one, declaring none, whose English or Chinese name holds the key's word; a key that names none, or more than
    one, goes to none (no figure is compared with a guess)."""
    rates = [i for i in fw.indicators() if i.id in fw.survey_rates() and i.answer.type == "percent"]
    out = {}
    for key, words in SURVEY_KEYS.items():
        named = [i.id for i in rates if i.review_survey == key]
        if not named:
            named = [i.id for i in rates if i.review_survey is None
                     and (words[0] in i.name.en.lower() or words[1] in i.name.zh)]
        if len(named) == 1:
            out[key] = named[0]
    return out


def survey_keys(fw: Framework) -> dict[str, str]:
    """The keys a review's ``process.survey`` may record a rate under, each with the indicator it
    measures: awareness and satisfaction (``survey_indicators``), and each survey rate's own id, the
    only key for a rate of another kind (a panel's survey of household participation, G27-T6)."""
    rates = [i for i in fw.indicators() if i.id in fw.survey_rates() and i.answer.type == "percent"]
    return {**survey_indicators(fw), **{i.id: i.id for i in rates}}


def _survey_twice(review: "Review", m: Marked, fw: Framework) -> list[Problem]:
    """One rate of the panel's survey under two keys with two figures (``satisfaction: 76.4`` and
    ``CX2: 71``, both CX2's): validated without a word, while the report could show only one (G29-T7)."""
    survey = review.process.survey
    if survey is None:
        return []
    data = survey.model_dump()
    given: dict[str, list[tuple[str, float]]] = {}
    for key, ind in survey_keys(fw).items():
        v = data.get(key)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            given.setdefault(ind, []).append((key, float(v)))
    out = []
    for ind, pairs in given.items():
        if len({v for _, v in pairs}) < 2:
            continue
        said = ", ".join(f"{k}: {v:g}" for k, v in pairs)
        out.append(m.problem(("process", "survey", pairs[-1][0]), "panel-survey",
                             Msg("review.survey-rate-twice", id=ind, said=said),
                             Msg("hint.review-survey-rate-twice", keys=join([k for k, _ in pairs])), severity="warning"))
    return out


#: the keys of a framework's recognition outcomes (``recognition.outcomes``), in the order a form lists them
OUTCOME_KEYS = ("recognised", "deferred", "refused", "not_ratable")


def _plain(text: str) -> str:
    """A word as compared: full- and half-width alike, case and spaces ignored, "recognized" as "recognised"."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold().replace("recognized", "recognised")


def stated_outcome(text: str | None, fw: Framework) -> str | None:
    """The outcome key a review's ``conclusion_outcome`` names: a key of the framework's
    ``recognition.outcomes`` (``deferred``) or that outcome's name in either language (暂缓认定,
    Recognition deferred); None for none given or a word that is none of them."""
    if text is None or not str(text).strip():
        return None
    said = _plain(str(text))
    for key in OUTCOME_KEYS:
        name = getattr(fw.recognition.outcomes, key)
        if said in {key, _plain(name.zh or ""), _plain(name.en or "")}:
            return key
    return None


def outcome_choices(fw: Framework) -> Both:
    """The outcomes a review's ``conclusion_outcome`` may give, each key with its name, in both languages."""
    names = [(k, getattr(fw.recognition.outcomes, k)) for k in OUTCOME_KEYS]
    return Both("、".join(f"{k}（{n.zh}）" for k, n in names), ", ".join(f"{k} ({n.en})" for k, n in names))


def _outcome_problems(review: "Review", m: Marked, fw: Framework) -> list[Problem]:
    """``conclusion_outcome`` naming no outcome of the framework (``postponed``, 通过): an error at its
    value, with the outcomes it may give; a report cannot tell the panel's conclusion from the rules'
    on a word it does not know."""
    said = review.conclusion_outcome
    if said is None or not said.strip() or said.strip() in NULL_WORDS or stated_outcome(said, fw) is not None:
        return []
    keys = list(OUTCOME_KEYS)
    names = [n for k in keys for n in (getattr(fw.recognition.outcomes, k).zh, getattr(fw.recognition.outcomes, k).en) if n]
    near = did_you_mean(said.strip(), keys + names)
    return [m.problem(("conclusion_outcome",), "unknown-outcome",
                      Msg("review.unknown-outcome", said=said.strip(), fw=fw.ref),
                      Msg("hint.review-outcomes-near", word=near.values["word"], choices=outcome_choices(fw)) if near
                      else Msg("hint.review-outcomes", choices=outcome_choices(fw)))]


#: what YAML reads as "no value" (``name: null`` as ``lcity review init`` writes it): a text field
#: given one is read as that word, and "null" was printed as the signing expert (G19-C1)
NULL_WORDS = frozenset({"null", "Null", "NULL", "~", "none", "None"})


def named(member: "Member | None") -> bool:
    """Whether a reviewer or panel member has a name a report can print (not the form's ``null``)."""
    return member is not None and member.name.strip() not in NULL_WORDS and bool(member.name.strip())


def _unsigned_problems(review: "Review", m: Marked) -> list[Problem]:
    """A review nobody signed is no panel's review: with no named reviewer and no named panel member
    (the form as ``lcity review init`` writes it) the report would be a 专家评估报告 signed by
    nobody, so it is an error; a conclusion left empty is a warning, as the report then has no
    words of the panel's to print in its conclusion (G19-C1)."""
    out: list[Problem] = []
    raw = m.data if isinstance(m.data, dict) else {}
    if not named(review.reviewer) and not any(named(p) for p in review.panel):
        where = ("reviewer", "name") if review.reviewer is not None else (("reviewer",) if "reviewer" in raw else ())
        out.append(m.problem(where, "no-reviewer", Msg("hostile.review-no-reviewer"),
                             Msg("hostile.hint-review-no-reviewer")))
    else:  # someone signs: each name left as the form's null is still printed as a signer's (G19-C1)
        out += _unnamed_problems(review, m)
    if not (review.conclusion or "").strip() or review.conclusion.strip() in NULL_WORDS:
        out.append(m.problem(("conclusion",) if "conclusion" in raw else (), "no-conclusion",
                             Msg("review.no-conclusion"), Msg("hint.review-no-conclusion"), severity="warning"))
    return out


def _unnamed_problems(review: "Review", m: Marked) -> list[Problem]:
    """Beside a named reviewer or panel member, a panel member whose name is the form's ``null`` (or
    ``~``, None): the report's sign-off page (附件4 专家组签名) printed "null" in the name column. An
    error at that name, to fill in or to delete the entry (G19-C1). The reviewer's own name may stay
    null beside a named panel (the form's panel example, uncommented, signs): such a reviewer is
    called by their place ("reviewer 2"), never "null"."""
    return [m.problem(("panel", i, "name"), "unnamed-member",
                      Msg("review.unnamed-member", n=i + 1, name=member.name.strip()),
                      Msg("hint.review-unnamed-member"))
            for i, member in enumerate(review.panel) if not named(member)]


def _marked_not_applicable(a: Any, key: str) -> bool:
    """Whether the unit marked the indicator not applicable: it has no points a panel's score change
    could move. Such a change was dropped without a word, and the report then read "L1（专家组核定不适用：
    <the change's reason>）", a finding the panel never made (G31H-6)."""
    answer = a.answers.get(key)
    return answer is not None and answer.status == "not_applicable"


def _level_problems(review: "Review", m: Marked, fw: Framework, level: str) -> list[Problem]:
    """A verification of an indicator the framework does not ask of the unit's level (L1 of a
    district under @2) is not used: the panel is told, so it corrects the id or records the fact
    among its findings (G19-C17)."""
    off = fw.not_asked(level)
    unit = fw.unit_name(level)
    out = []
    for key in review.verified:
        if key in off:
            out.append(m.problem(("verified", key), "not-for-level",
                                 Msg("review.not-for-level", id=key, fw=fw.ref,
                                     unit=Both(unit.zh, unit.en) if unit else level),
                                 Msg("hint.review-not-for-level"), key=True, severity="warning"))
    return out


def _order_problems(review: "Review", m: Marked, assessed: str | None, fw: Framework) -> list[Problem]:
    """A review signed before the work it records, or before the self-assessment it reviews, carries
    a wrong date (a year typed 2024 for 2025), which the report prints on its cover (G19-C9). Before
    the assessment's own date is impossible, an error; before its own visits or end, a warning. The
    hint names the panel's symposia only where the framework's panels hold them (a 认定; else
    meetings, as the form says: G20-D11)."""
    if not review.date:
        return []
    hint = Msg("hint.review-date-order" if fw.speaks_recognition() else "hint.review-date-order-plain")
    signed = dates.parse(review.date)
    out = []
    if assessed and signed < dates.parse(assessed):
        out.append(m.problem(("date",), "period-order", Msg("review.date-before-assessment", date=review.date,
                                                             assessed=assessed),
                             hint))
    later = [(path, value) for path, value in _dates_of(review)
             if path[0] == "process" and dates.parse(value) > signed]
    if later:
        path, value = max(later, key=lambda pv: dates.parse(pv[1]))
        out.append(m.problem(("date",), "period-order",
                             Msg("review.date-before-work", date=review.date, where=".".join(map(str, path)),
                                 work=value), hint, severity="warning"))
    return out


def duplicate_problem(review: "Review | None", marked: Marked, by_hash: dict[str, str],
                      by_name: dict[str, str]) -> Problem | None:
    """The error for a review that is one already given (the same file, the same content) or by a
    reviewer already heard; records it otherwise. One function for ``review validate``, ``score``,
    ``report`` and ``batch``: validate approved a pair that score refused (G19-C8)."""
    digest = hashlib.sha256(marked.text.encode("utf-8", "surrogatepass")).hexdigest()
    if digest in by_hash:
        same = (Msg("review.given-twice") if by_hash[digest] == marked.file
                else Msg("review.same-file", other=by_hash[digest]))
        return marked.problem((), "duplicate-review", same, Msg("hint.review-once"))
    by_hash[digest] = marked.file
    if review is not None and named(review.reviewer):
        name = review.reviewer.name.strip()  # type: ignore[union-attr]
        if name in by_name:
            return marked.problem(("reviewer", "name"), "duplicate-review",
                                  Msg("review.same-reviewer", name=name, other=by_name[name]),
                                  Msg("hint.review-one-per-reviewer"))
        by_name[name] = marked.file
    return None


#: answers named when two readings of an assessment differ; the rest are counted ("and 3 more")
MAX_NAMED = 5


def _hash_problem(review: Review, m: Marked, loaded: Loaded, sev: str, hint: Any) -> Problem:
    """The review's SHA-256 is not the assessment's. When the file the review names is found (beside
    the review or the assessment) with the very bytes reviewed, the two are compared as read: the
    same assessment in another format (a workbook and its ``lcity convert``) is accepted with a note;
    otherwise the mismatch stays an error and names the answers that differ (G18-E4)."""
    where = ("assessment", "sha256")
    said = dict(review=review.assessment.sha256[:12], file=str(loaded.path), actual=loaded.sha256[:12])
    other = reviewed_copy(review, m.file, loaded)
    if other is None or other.assessment is None or loaded.assessment is None:
        return m.problem(where, "hash-mismatch", Msg("review.hash-mismatch", **said), hint, severity=sev)
    shown = str(review.assessment.file)
    differ = content_differences(other.assessment, loaded.assessment, loaded.framework)
    if not differ:
        review._same_content_as = str(other.path)
        return m.problem(where, "same-content", Msg("review.same-content", reviewed=shown, **said),
                         severity="note")
    named = join(differ[:MAX_NAMED])
    if len(differ) > MAX_NAMED:
        named = Msg("review.differ-more", fields=named, n=len(differ) - MAX_NAMED)
    return m.problem(where, "hash-mismatch", Msg("review.content-differs", reviewed=shown, fields=named, **said),
                     hint, severity=sev)


def reviewed_copy(review: Review, review_file: str, loaded: Loaded) -> Loaded | None:
    """The assessment file the review names (``assessment.file``, by its name only), read, when it
    lies beside the review file or beside the assessment given and holds the very bytes the review
    records (its SHA-256 is checked before the file is read as an assessment); None otherwise."""
    from indicators.safeyaml import read_bytes

    from .reading import read

    name = PurePath(str(review.assessment.file or "").replace("\\", "/")).name
    if name in ("", ".", ".."):
        return None
    folders = [Path(f).parent for f in (review_file, loaded.path) if f and f not in (STDIN, STDIN_NAME)]
    seen: set[Path] = set()
    for folder in folders:
        path = folder / name
        try:
            key = path.resolve()
        except (OSError, RuntimeError):
            continue
        if key in seen:
            continue
        seen.add(key)
        try:
            data = read_bytes(path, kind="assessment")
        except InputError:
            continue
        if hashlib.sha256(data).hexdigest() != review.assessment.sha256:
            continue
        try:
            other = read(path)
        except InputError:
            continue
        if other.sha256 == review.assessment.sha256:  # the bytes parsed are the ones reviewed
            return other
    return None


def content_differences(a: Any, b: Any, fw: Framework | None = None) -> list[str]:
    """What differs between two assessments as read (their models, not their bytes): the answers'
    ids in the framework's order, then any other field by its key (``city.figures``, ``period``)."""
    da, db = a.model_dump(), b.model_dump()
    out: list[str] = []
    for key in list(da) + [k for k in db if k not in da]:
        x, y = da.get(key), db.get(key)
        if x == y:
            continue
        if key == "answers" and isinstance(x, dict) and isinstance(y, dict):
            order = {i.id: n for n, i in enumerate(fw.indicators())} if fw is not None else {}
            ids = [k for k in set(x) | set(y) if x.get(k) != y.get(k)]
            out += sorted(ids, key=lambda k: (order.get(k, len(order)), k))
        elif isinstance(x, dict) and isinstance(y, dict):
            out += [f"{key}.{k}" for k in list(x) + [k for k in y if k not in x] if x.get(k) != y.get(k)]
        else:
            out.append(str(key))
    return out


def _dates_of(review: Review) -> list[tuple[tuple, str]]:
    """Every date of a review with its path (each one already a real date: the model checks that)."""
    found = [(("date",), review.date), (("process", "start"), review.process.start),
             (("process", "end"), review.process.end)]
    found += [(("process", "site_visits", i, "date"), v.date) for i, v in enumerate(review.process.site_visits)]
    found += [(("process", "symposia", i, "date"), s.date) for i, s in enumerate(review.process.symposia)]
    return [(path, value) for path, value in found if value]


def _date_problems(review: Review, m: Marked) -> list[Problem]:
    today = checks.today()
    problems = []
    for path, value in _dates_of(review):
        if dates.parse(value) > today:
            problems.append(m.problem(path, "future-date", Msg("review.future-date", where=".".join(map(str, path)), date=value),
                                      Msg("hint.today", date=today.isoformat())))
    start, end = review.process.start, review.process.end
    if start and end and dates.parse(end) < dates.parse(start):
        problems.append(m.problem(("process", "end"), "period-order",
                                  Msg("review.period-order", start=start, end=end), Msg("hint.review-swap")))
    return problems


def read_review(path: str | Path, loaded: Loaded, *, force: bool = False) -> tuple[Review | None, list[Problem]]:
    """Reads one review of an already-read assessment; hash/city/period mismatches are errors unless force."""
    review, problems, _ = _read_review(path, loaded, force=force)
    return review, problems


def read_review_marked(path: str | Path, loaded: Loaded, *, force: bool = False) -> tuple[Review | None, list[Problem], Marked]:
    """``read_review`` with the review's marked text, to place later findings on its lines."""
    return _read_review(path, loaded, force=force)


def _load(path: str | Path) -> Marked:
    """The review's marked text; ``-`` is standard input (read once: the same bytes as an assessment
    given as ``-`` too, which is then named as not a review)."""
    if str(path) == STDIN:
        from indicators.safeyaml import decode_bytes, load_text

        return load_text(decode_bytes(read_stdin(STDIN_NAME), STDIN_NAME), STDIN_NAME)
    _refuse_workbook(path)
    return load_file(path, kind="review")


def _refuse_workbook(path: str | Path) -> None:
    """A workbook (the assessment's .xlsx, most likely) given as the review is named as such: read
    as YAML it was "byte 0x84 is not valid UTF-8", which sends the user to re-save it (G25-H6)."""
    import os

    from indicators.xlsx import looks_like_workbook

    if not os.path.isfile(path):
        return  # a FIFO or a device is never opened here (it may block); load_file refuses it
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError:
        return  # load_file says why it cannot be read
    if looks_like_workbook(head, str(path)):
        raise InputError([Problem(str(path), 1, 1, "error", "not-a-review", Msg("review.workbook-not-review"),
                                  Msg("hostile.hint-assessment-not-review"), fatal=True)])


def _is_an_assessment(data: object) -> bool:
    """A self-assessment given where its review belongs (the two arguments swapped, or the same file twice)."""
    return isinstance(data, dict) and "assessment" not in data and bool({"answers", "framework", "city"} & set(data))


def _read_review(path: str | Path, loaded: Loaded, *, force: bool) -> tuple[Review | None, list[Problem], Marked]:
    marked = _load(path)
    if _is_an_assessment(marked.data):
        from indicators.messages import Msg

        line, col = marked.where(next((k,) for k in ("framework", "city", "answers") if k in marked.data), key=True)
        return None, [Problem(marked.file, line, col, "error", "not-a-review", Msg("hostile.assessment-not-review"),
                              Msg("hostile.hint-assessment-not-review"))], marked
    review, problems = validate_model(Review, marked)
    if review is not None and loaded.framework is not None and loaded.assessment is not None:
        problems += _checks(review, marked, loaded.framework, loaded, force)
        review._notes = [p for p in problems if p.severity == "note"]
    return review, sort_problems(problems), marked


def load_reviews(paths: list[Path], loaded: Loaded, *, force: bool = False) -> list[Review]:
    """All reviews, or InputError listing every problem in every file.

    Each reviewer counts once in the panel's median: a file given twice (the same content, by
    SHA-256) or two files by the same reviewer are refused, naming the first one.
    """
    reviews, problems = [], []
    by_hash: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for p in paths:
        review, found, marked = _read_review(p, loaded, force=force)
        problems += found
        twice = duplicate_problem(review, marked, by_hash, by_name)
        if twice is not None:
            problems.append(twice)
            continue
        if review is not None:
            reviews.append(review)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(problems)
    return reviews


#: words before a grade's name that make it the grade given ("综合评定等级为优秀", "rated Excellent"):
#: a grade word alone ("合格率", "距优秀尚有差距") says nothing of the grade the panel gives
_GRADE_CUE = re.compile(r"(等级|等次|级别|评定|评为|评价为|定为|定级|grade|graded|rated|rating)[为是：:\s“\"'「(（]*$",
                        re.IGNORECASE)
_NOT = re.compile(r"(不|未|非|无)[宜应能可予得到达及]*[为是]?$|\b(not|no|never)\s+(\w+\s+)?$", re.IGNORECASE)


def grades_said(sentence: str, fw: Framework) -> list[tuple[str, str]]:
    """(grade id, words) for each grade the sentence gives by name after a cue ("等级为优秀"); a
    name inside a longer one (合格 in 不合格) is the longer one's, a negated one is not given."""
    low = sentence.lower()
    spans = [(mt.start(), mt.end(), g.id) for g in fw.grades for name in (g.name.zh, g.name.en) if name
             for mt in re.finditer(re.escape(name.lower()), low)]
    kept = [(a, b, k) for a, b, k in spans if not any(a2 <= a and b <= b2 and (b2 - a2) > (b - a) for a2, b2, _ in spans)]
    out = []
    for a, b, k in sorted(set(kept)):
        before = sentence[max(0, a - 14):a]
        if _GRADE_CUE.search(before) and not _NOT.search(sentence[max(0, a - 6):a]):
            out.append((k, sentence[a:b]))
    return out


def grade_problems(result: Any, fw: Framework, read: list[tuple["Review", Marked]]) -> list[Problem]:
    """Warnings at a conclusion that gives another grade than the rules give for the verified total
    ("综合评定等级为优秀" for a 合格 unit), as ``panel-outcome`` does for the outcome: the signed
    report would say 优秀 and 合格 a few lines apart (G19-C4). A sentence naming the rules' grade
    too weighs them itself and is left to it."""
    rule = getattr(result.grade, "id", None)
    if rule is None:
        return []
    out = []
    for review, m in read:
        said = grades_said(review.conclusion or "", fw)
        if said and rule not in {k for k, _ in said}:
            out.append(m.problem(("conclusion",), "panel-outcome",
                                 Msg("review.statement-grade", said=said[0][1], total=f"{result.total:.1f}",
                                     grade=Both(result.grade.name_zh, result.grade.name)),
                                 Msg("hint.review-statement"), severity="warning"))
    return out
