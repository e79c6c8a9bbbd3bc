"""Verified scoring: the expert panel's findings applied to a self-assessment.

Each reviewer's file lists only what they checked; for everything else a reviewer accepts the
self-assessed answer. The panel's verified answer per indicator is the median over reviewers,
a reviewer who did not list the indicator counting with the self-assessed answer (the review form
says so: "未列出的指标视为认可自评"): the median value for numbers, otherwise the answer whose score
is the (lower) median. The median keeps the answer's type: for a count (people, courses, sites ...)
the panel takes the lower median (``statistics.median_low``: of 11 and 12 it takes 11, never
11.5); for other numbers, a percentage among them, it is the usual median (of 50 % accepted and
30 % verified, 40 %: taking the lower one would make one reviewer's correction the panel's). When reviewers' values differ, the
rule used is added to the verified answer's note and to its reasons, so the report says how the
figure was reached. With several reviewers each reason carries its reviewer's name, one entry per
indicator: a correction one reviewer made is theirs, and the panel's only when the median adopts it. Score
changes (``score_change``) are the median change. Indicators where reviewers' own scores spread
by more than ``disagreement`` of the points are listed for discussion, and every indicator whose
verified score differs from the self-assessed one by more than ``flag`` of its points is flagged
(``ReviewSummary.flagged``, the indicators the review lists; one it does not list whose score moved
with them, as a point redistributed from a not-applicable answer, is in ``ReviewSummary.moved``).
When a reviewer's own answers give another grade or recognition outcome than the
panel's median, the review is not settled (``ReviewSummary.settled``): the report says the
conclusion awaits the panel's discussion, and ``lcity review validate`` warns at the indicator.
The panel's conclusion is the panel lead's (组长, by the reviewer's ``role``); the other reviewers'
conclusions are their opinions, by name. Vetoes raised by any reviewer decide the recognition outcome, and the recognition reasons credit
them to the panel with its reason ("专家组认定：提供虚假数据或材料（理由：…），触发一票否决"): a
report must not present the panel's finding as if the unit's own answers had fired it. A veto only
some of the reviewers found is credited to them ("黎志坚认定：…；评审专家2未认定此项"), and each
reviewer's own view counts only the vetoes they found, so such a review is not settled.
"""

from __future__ import annotations

from pathlib import Path
from statistics import median, median_low
from typing import Any

from indicators.messages import Both, Msg, both
from indicators.quotes import quoted
from indicators.models import Framework
from indicators.problems import Problem
from indicators.safeyaml import Marked
from indicators.units import unit_words

from .assessment import Answer, Assessment
from .claims import APPROX, contradictions, outcome_clashes, outcome_mentions, outcomes_said, total_claims
from .engine import score
from .result import (Disagreement, Member, Opinion, OutcomeChange, Result, ReviewerScore, ReviewSummary, SelfAssessed,
                     SurveyGap, UndoneCorrection)
from .review import (SURVEY_KEYS, Review, merge_findings, named, outcome_choices, stated_outcome,  # noqa: F401
                     survey_indicators, survey_keys)
from .rounding import shown_below, total_text
from .rules import num

FLAG = 0.10
DISAGREE = 0.25


def _reviewer_name(r: Review, i: int) -> Both:
    """A reviewer's name, or for one who left it as the form's null, their review file's place in
    both languages ("评审专家2" / "reviewer 2"; as a ``str`` the English the Result keeps), never
    "null" (G19-C1)."""
    return Both(r.reviewer.name, r.reviewer.name) if named(r.reviewer) else Both(f"评审专家{i + 1}", f"reviewer {i + 1}")


def _place(r: Review, i: int) -> int | None:
    """The place of a reviewer's file (1, 2, ...) when their name is the form's null: the Result's
    structured marker, by which a report names them in its own language (a Chinese report printed
    the English fallback "reviewer 2"); None for a named reviewer."""
    return None if named(r.reviewer) else i + 1


def _said(s: ReviewerScore) -> Both:
    """A reviewer of the Result in both languages: by the place of their file when unnamed."""
    return Both(f"评审专家{s.place}", s.reviewer) if s.place else Both(s.reviewer, s.reviewer)


def _median_rule(values: list, value: Any, whole: bool, unit: str = "") -> Both:
    """The rule behind a panel's figure, in both languages: it is lcity's own sentence, said in the
    report's language whatever the reviewers wrote in (``unit``: "%" for a percentage, so that
    "50%、30%" is not read as a count)."""
    texts = [(f"{v:g}" if isinstance(v, float) else str(v)) + unit for v in values]
    got = (f"{value:g}" if isinstance(value, float) else str(value)) + unit
    how_zh = "取较低的中位数（整数）" if whole else "取中位数"
    how_en = "the lower median (a whole number)" if whole else "the median"
    return Both(f"{len(values)}位评审专家的取值为{'、'.join(texts)}，{how_zh}：{got}",
                f"the {len(values)} reviewers' figures are {', '.join(texts)}; the panel takes {how_en}: {got}")


#: the role that makes a reviewer the panel lead (组长), in the words a review form may use
LEAD_ROLES = ("组长", "主任", "lead", "chair", "head")


def _is_lead(r: Review) -> bool:
    role = (r.reviewer.role or "").strip().lower() if r.reviewer else ""
    return any(w in role for w in LEAD_ROLES) and "副" not in role and "deputy" not in role and "vice" not in role


def _opinions(reviews: list[Review]) -> tuple[list[Opinion], bool]:
    """Every reviewer's conclusion, the panel's first: the panel lead's (组长), else the only
    reviewer's, else the first given (and then said to be that reviewer's, not the panel's). True
    when the first is the lead's or the only reviewer's."""
    said = [(r, Opinion(reviewer=str(_reviewer_name(r, i)), place=_place(r, i),
                        role=r.reviewer.role if r.reviewer else None, text=r.conclusion.strip()))
            for i, r in enumerate(reviews) if r.conclusion and r.conclusion.strip()]
    leads = [k for k, (r, _) in enumerate(said) if _is_lead(r)]
    if leads:
        said.insert(0, said.pop(leads[0]))
    return [o for _, o in said], bool(leads) or len(reviews) == 1


def _panel_review(reviews: list[Review]) -> Review | None:
    """The review whose conclusion is the panel's: the panel lead's, else the only or the first
    reviewer's that has a conclusion (as ``_opinions`` puts first)."""
    written = [r for r in reviews if r.conclusion and r.conclusion.strip()] or list(reviews)
    leads = [r for r in written if _is_lead(r)]
    return (leads or written or [None])[0]


def _panel_outcome(reviews: list[Review], fw: Framework) -> str | None:
    """The outcome key the panel's conclusion gives by ``conclusion_outcome`` (G20-A7): the panel
    lead's review's, else that of the review whose conclusion is the panel's (the only or the first
    reviewer's); None when that review gives none (a member's field is their opinion's, not the panel's)."""
    panel = _panel_review(reviews)
    return stated_outcome(panel.conclusion_outcome, fw) if panel is not None else None


def _zh(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def _attributed(reviews: list[Review], ind_id: str, rule: Both | None) -> tuple[list[str], list[str]]:
    """One entry for the indicator, in English and in Chinese, with each reviewer's reason under
    their name, the reviewers who did not list it as accepting the self-assessed answer (when
    someone else changed it), and the median rule when their figures differ:
    "查阅…低报（林若溪）；预算表显示…（何志平）". The reasons are quoted as written; the rest is
    lcity's own words, so an English report says them in English (a reason in Chinese is then
    marked as written: "… (何志平, as written)")."""
    listed = [(_reviewer_name(r, i), r.verified[ind_id].reason.strip().rstrip("。.；;"))
              for i, r in enumerate(reviews) if ind_id in r.verified]
    if not listed:
        return [], []
    zh = [f"{t}（{name.zh}）" for name, t in listed]
    en = [f"{t} ({name}, as written)" if _zh(t) else f"{t} ({name})" for name, t in listed]
    accepted = [_reviewer_name(r, i) for i, r in enumerate(reviews) if ind_id not in r.verified]
    if accepted:
        zh.append(f"{'、'.join(a.zh for a in accepted)}未列出此项，即认可自评")
        en.append(f"{', '.join(accepted)} did not list {ind_id}, which accepts the self-assessed answer")
    if rule:
        zh.append(rule.zh)
        en.append(rule.en)
    return ["; ".join(en)], ["；".join(zh)]


def _disagreement(assessment: Assessment, fw: Framework, reviews: list[Review], k: str, scores: list[float],
                  spread: float, panel_answers: dict, panel_changes: dict, vetoes: list[str],
                  panel: Result) -> Disagreement:
    """One indicator the reviewers score apart, with what each reviewer's answer for it would give
    the panel (every other indicator as verified): decisive when one of them changes the grade or
    the recognition outcome."""
    own = assessment.answers.get(k)
    # the figures the panel verified stay verified here, as in the panel's own score: scored as the
    # unit's, a verified F1 whose note says it is counted otherwise than the method held each
    # reviewer's recognition, and 梅川区's G1 read as decisive where both reviewers recognise it
    verified = {i.id for i in panel.indicators if i.verified}
    rows = []
    for i, (r, s) in enumerate(zip(reviews, scores)):
        answers = dict(panel_answers)
        answers[k] = _answer_of(r, k, own, fw)
        changes = {x: c for x, c in panel_changes.items() if x != k}
        v = r.verified.get(k)
        if v is not None and v.score_change is not None:
            changes[k] = (v.score_change, v.reason)
        alt = score(_with_answers(assessment, answers), fw, vetoes=vetoes, changes=changes, verified=verified)
        rows.append(ReviewerScore(reviewer=str(_reviewer_name(r, i)), place=_place(r, i), score=s,
                                  accepted=k not in r.verified,
                                  total=alt.total, grade=alt.grade.id, outcome=alt.recognition.outcome))
    decisive = any((x.grade, x.outcome) != (panel.grade.id, panel.recognition.outcome) for x in rows)
    return Disagreement(indicator=k, spread=spread, scores=rows, decisive=decisive)


def _not_accepted(ind: Any) -> None:
    """The reason of an indicator the unit answered and the panel counts as unknown: the panel did
    not accept the figure, which the unit gave; "K2 unknown (no figure given)" beside the unit's
    1.81 points put the panel's act on the unit (G18-A1)."""
    for field, own, panel in (("reason", f"{ind.id} unknown (no figure given)", f"{ind.id} not accepted by the panel"),
                              ("reason", f"{ind.id} unknown (no answer given)", f"{ind.id} not accepted by the panel"),
                              ("reason", f"{ind.id} not answered", f"{ind.id} not accepted by the panel"),
                              ("reason_zh", f"{ind.id} 数据不详", f"{ind.id} 专家组不予采信"),
                              ("reason_zh", f"{ind.id} 未填报", f"{ind.id} 专家组不予采信")):
        text = getattr(ind, field)
        if text.startswith(own):
            setattr(ind, field, panel + text[len(own):])


def _answer_of(review: Review, ind_id: str, own: Answer | None, fw: Framework) -> Answer | None:
    v = review.verified.get(ind_id)
    if v is None or v.score_change is not None:
        return own
    if v.status is not None:
        return Answer(status=v.status, note=v.reason)
    return Answer(value=v.value, evidence=list(own.evidence) if own else [], note=v.reason,
                  sample_size=_panel_sample(review, ind_id, v.value, fw) or _confirmed_sample(own, v.value))


def _confirmed_sample(own: Answer | None, value: Any) -> int | None:
    """The unit's own sample behind a rate the panel verified at the unit's own figure: the panel
    confirmed it on those questionnaires (Songhe's K4, 81 % of 430 "与自评一致", read "未填报样本量，
    无法计算误差" beside the ± 3.7 the unreviewed report gave, G25R-1). None for another figure."""
    if own is None or own.sample_size is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return own.sample_size if isinstance(own.value, (int, float)) and abs(own.value - value) < 1e-9 else None


def _panel_sample(review: Review, ind_id: str, value: Any, fw: Framework) -> int | None:
    """The sample of the panel's own survey behind a verified rate: the rate its ``process.survey``
    gives for the indicator (``survey_indicators``) is the verified figure, so the figure rests on
    the panel's questionnaires. Jinwan's K4, verified at the survey's 78.5 % of 600, read "按400份问卷
    （未填报样本量）" in 六 and the plan while 五 gave ± 3.3 (G22-R2). None for any other figure: a
    verified rate that is not the survey's is not backed by its sample."""
    survey = review.process.survey
    if survey is None or survey.sample is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    for key, rated in survey_keys(fw).items():
        rate = getattr(survey, key, None)
        if rated == ind_id and rate is not None and abs(rate - value) < 1e-9:
            return survey.sample
    return None


def _with_answers(a: Assessment, answers: dict[str, Answer | None]) -> Assessment:
    merged = {k: v for k, v in a.answers.items()}
    for k, v in answers.items():
        if v is None:
            merged.pop(k, None)
        else:
            merged[k] = v
    return a.model_copy(update={"answers": merged})


def _panel_veto_reasons(reviews: list[Review]) -> dict[str, list[str]]:
    """Veto id -> the reasons the reviewers gave for it (none: a finding written as a bare id)."""
    found: dict[str, list[str]] = {}
    for r in reviews:
        for v in r.vetoes:
            found.setdefault(v.id, [])
            if v.reason and v.reason not in found[v.id]:
                found[v.id].append(v.reason)
    return found


def _split_vetoes(reviews: list[Review]) -> dict[str, tuple[Both, Both]]:
    """Veto id -> (who found it, who did not), for a veto only some of several reviewers list: it
    decides, as any reviewer's veto does, but it is not the panel's finding. Jinxiu's lead found
    falsified data, the member "不构成提供虚假数据"; the report said "专家组认定" (G25R-4)."""
    out: dict[str, tuple[Both, Both]] = {}
    if len(reviews) < 2:
        return out
    for vid in dict.fromkeys(v.id for r in reviews for v in r.vetoes):
        has = [any(v.id == vid for v in r.vetoes) for r in reviews]
        if not all(has):
            by = [_reviewer_name(r, i) for i, r in enumerate(reviews) if has[i]]
            not_by = [_reviewer_name(r, i) for i, r in enumerate(reviews) if not has[i]]
            out[vid] = (Both("、".join(b.zh for b in by), ", ".join(b.en for b in by)),
                        Both("、".join(b.zh for b in not_by), ", ".join(b.en for b in not_by)))
    return out


def _credit_panel_vetoes(result: Result, fw: Framework, reviews: list[Review]) -> None:
    """The recognition reasons name a veto the panel found as the panel's finding, with its reason;
    one only some reviewers found as theirs, with who did not (the review is then not settled: what
    each reviewer's view gives is said beside the conclusion). The engine names each fired veto
    first, in the order fired; the panel's come first of all."""
    found = _panel_veto_reasons(reviews)
    split = _split_vetoes(reviews)
    names = {v.id: v.name for v in fw.recognition.vetoes}
    rec = result.recognition
    # 专家组认定 where the framework's outcome is a 认定; else 查明, which presumes no recognition (G20-D11)
    plain = "" if fw.speaks_recognition() else "-plain"
    for k, vid in enumerate(result.vetoes):
        if vid not in found or vid not in names or k >= len(rec.reasons):
            continue
        for reasons, lang in ((rec.reasons_zh, "zh"), (rec.reasons, "en")):
            reason = ("；" if lang == "zh" else "; ").join(found[vid])
            name = names[vid].get(lang)
            first = name.split(" ")[0]
            if lang == "en" and first == first.capitalize():  # mid-sentence: "found: falsified data", not of GNLC
                name = name[:1].lower() + name[1:]
            values = {"name": name, "reason": reason}
            if vid in split:
                by, not_by = split[vid]
                values.update(by=by.say(lang), not_by=not_by.say(lang))
                reasons[k] = Msg(("review.split-veto-why" if reason else "review.split-veto") + plain, **values).say(lang)
                continue
            reasons[k] = Msg(("review.panel-veto-why" if reason else "review.panel-veto") + plain, **values).say(lang)


def verify(assessment: Assessment, fw: Framework, reviews: list[Review], *, sha256: str = "",
           file: str | None = None, flag: float = FLAG, disagreement: float = DISAGREE) -> Result:
    self_result = score(assessment, fw, sha256=sha256, file=file)
    touched = sorted({k for r in reviews for k in r.verified})
    per_reviewer: list[Result] = []
    for r in reviews:
        answers = {k: _answer_of(r, k, assessment.answers.get(k), fw) for k in touched}
        changes = {k: (v.score_change, v.reason) for k, v in r.verified.items() if v.score_change is not None}
        # the panel's verified set, as in the panel's own score: each reviewer's view differs from it in
        # the figures, not in which of them count as checked (a verified F1 whose note says it is counted
        # otherwise than the method held one reviewer's recognition and left 梅川区's review unsettled)
        per_reviewer.append(score(_with_answers(assessment, answers), fw, changes=changes, verified=set(touched)))

    panel_answers: dict[str, Answer | None] = {}
    panel_changes: dict[str, tuple[float, str]] = {}
    reasons: dict[str, list[str]] = {}
    rules: dict[str, Both] = {}
    for k in touched:
        own = assessment.answers.get(k)
        candidates = [_answer_of(r, k, own, fw) for r in reviews]
        values = [c.value if c is not None and c.status is None else None for c in candidates]
        reasons[k] = [r.verified[k].reason for r in reviews if k in r.verified]
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            base = next(c for c in candidates if c is not None)
            whole = fw.indicator(k).answer.type == "count"
            value = median_low(values) if whole else median(values)
            if isinstance(value, float) and value.is_integer() and all(isinstance(v, int) for v in values):
                value = int(value)  # 50 and 30 give 40, not 40.0
            note = list(reasons[k])
            if len(set(values)) > 1:
                rules[k] = _median_rule(values, value, whole, "%" if fw.indicator(k).answer.type == "percent" else "")
                # the answer's note keeps the reviewers' language
                note.append(rules[k].zh if _zh(" ".join(reasons[k])) else rules[k].en)
            # the panel's own survey's sample where the median is its rate (G22-R2)
            sample = next((c.sample_size for c in candidates if c is not None and c.value == value and c.sample_size), None)
            panel_answers[k] = Answer(value=value, evidence=list(base.evidence), note="; ".join(note), sample_size=sample)
        else:
            # non-numeric or mixed: the answer whose score is the lower median among reviewers
            scored = sorted(range(len(reviews)), key=lambda i: per_reviewer[i].indicator(k).score)
            pick = scored[(len(scored) - 1) // 2]
            panel_answers[k] = candidates[pick]
        deltas = [r.verified[k].score_change for r in reviews if k in r.verified and r.verified[k].score_change is not None]
        if deltas:
            all_deltas = deltas + [0.0] * (len(reviews) - len(deltas))
            panel_changes[k] = (median(all_deltas), "; ".join(reasons[k]))
    vetoes = list(dict.fromkeys(v.id for r in reviews for v in r.vetoes))
    if vetoes:  # any reviewer's veto decides; each reviewer's own view counts the vetoes they found, so a
        # veto one found and another did not leaves the review unsettled, as the report says (G25R-4)
        per_reviewer = [score(_with_answers(assessment, {k: _answer_of(r, k, assessment.answers.get(k), fw) for k in touched}),
                              fw, vetoes=[v.id for v in r.vetoes],
                              changes={k: (v.score_change, v.reason) for k, v in r.verified.items()
                                       if v.score_change is not None}, verified=set(touched))
                        for r in reviews]
    result = score(_with_answers(assessment, panel_answers), fw, sha256=sha256, file=file,
                   verified=set(touched), vetoes=vetoes, changes=panel_changes)

    _credit_panel_vetoes(result, fw, reviews)
    flagged, moved = [], []
    for ind in result.indicators:
        mine = self_result.indicator(ind.id)
        ind.self_score = mine.score
        ind.self_value = mine.value
        if ind.state in ("unknown", "missing") and mine.state == "answered":
            _not_accepted(ind)
        if len(reviews) > 1:
            ind.review_reasons, ind.review_reasons_zh = _attributed(reviews, ind.id, rules.get(ind.id))
        else:  # one reviewer: the reasons as written, the same in both languages
            ind.review_reasons = reasons.get(ind.id, [])
            ind.review_reasons_zh = list(ind.review_reasons)
        points = max(ind.points, 1e-9)
        if abs(ind.score - mine.score) > flag * points + 1e-9:
            ind.flagged = True
            # a score the review moved without listing it (HD2's points no longer spread onto HD1) is
            # said as moved with the corrections, not as one the panel flagged (G22-T9)
            (flagged if ind.id in touched else moved).append(ind.id)
    disagreements = []
    if len(reviews) > 1:
        for k in touched:
            scores = [p.indicator(k).score for p in per_reviewer]
            spread = max(scores) - min(scores)
            if spread > disagreement * fw.indicator(k).points + 1e-9:
                disagreements.append(_disagreement(assessment, fw, reviews, k, scores, spread, panel_answers,
                                                   panel_changes, vetoes, result))
    members: list[Member] = []
    seen = set()
    for r in reviews:
        # a reviewer whose name is the form's null signs nothing: the sign-off page printed "null" (G19-C1)
        for m in ([r.reviewer] if named(r.reviewer) else []) + r.panel:
            if m.name not in seen:
                seen.add(m.name)
                members.append(Member(**m.model_dump()))
    process: dict[str, Any] = {}
    for r in reviews:  # later reviewers fill what earlier ones left out
        for key, value in r.process.model_dump(exclude_defaults=True).items():
            if key not in process or process[key] in (None, [], False):
                process[key] = value
    dates = sorted(r.date for r in reviews if r.date)
    opinions, lead_wrote = _opinions(reviews)
    unsettled = [ReviewerScore(reviewer=str(_reviewer_name(r, i)), place=_place(r, i), score=p.total, total=p.total,
                               grade=p.grade.id, outcome=p.recognition.outcome)
                 for i, (r, p) in enumerate(zip(reviews, per_reviewer))
                 if len(reviews) > 1 and (p.grade.id, p.recognition.outcome) != (result.grade.id, result.recognition.outcome)]
    result.self_assessed = SelfAssessed(
        total=self_result.total, grade=self_result.grade, recognition=self_result.recognition,
        dimensions={d.id: d.score for d in self_result.dimensions})
    result.review = ReviewSummary(
        reviewers=len(reviews), panel=members, date=dates[-1] if dates else None, process=process,
        strengths=merge_findings(s for r in reviews for s in r.findings.strengths),
        problems=merge_findings(s for r in reviews for s in r.findings.problems),
        recommendations=merge_findings(s for r in reviews for s in r.findings.recommendations),
        conclusions=[o.text for o in opinions], conclusion=opinions[0].text if opinions else None,
        conclusion_by=opinions[0].reviewer if opinions else None, conclusion_lead=lead_wrote,
        conclusion_by_place=opinions[0].place if opinions else None,
        conclusion_outcome=_panel_outcome(reviews, fw),
        opinions=opinions[1:], settled=not unsettled, unsettled_by=unsettled,
        flag_threshold=flag, flagged=flagged, moved=moved, disagreement_threshold=disagreement,
        disagreements=disagreements, hash_matches=all(r.assessment.sha256 == sha256 for r in reviews),
        evaluating_body=next((r.evaluating_body for r in reviews if r.evaluating_body), None),
        evaluating_body_en=next((r.evaluating_body_en for r in reviews if r.evaluating_body_en), None),
        outcome_change=_outcome_change(assessment, fw, self_result, result, panel_answers, panel_changes, vetoes),
        survey_gaps=survey_gaps(fw, process.get("survey"), result),
    )
    result.review._reviewed_as = [(str(r.assessment.file or ""), r.assessment.sha256, r._same_content_as is not None)
                                  for r in reviews if r.assessment.sha256 != sha256]
    result.review._notes = [p for r in reviews for p in r._notes]
    return result


def _outcome_change(assessment: Assessment, fw: Framework, own: Result, panel: Result,
                    answers: dict[str, Answer | None], changes: dict[str, tuple[float, str]],
                    vetoes: list[str]) -> OutcomeChange | None:
    """What the review changed of the self-assessed grade and recognition outcome, None when
    neither: the corrections that moved the score, and each of them undone alone (the unit's own
    answer for it, every other correction and veto kept), scored by the same rules. A correction
    whose undoing gives back the self-assessed grade and outcome decides the change on its own
    (G18-A2: Zhucheng's K2 evidence rejected, 77.5 暂缓认定 -> 74.6 不予认定; K2 alone gives 76.4)."""
    before = (own.grade.id, own.recognition.outcome)
    after = (panel.grade.id, panel.recognition.outcome)
    if before == after:
        return None
    corrected = [i.id for i in panel.indicators
                 if i.verified and i.self_score is not None and abs(i.score - i.self_score) > 1e-9]

    def gives_back(r: Result) -> bool:
        return all(now == was for now, was, then in zip((r.grade.id, r.recognition.outcome), before, after)
                   if was != then)

    # the figures the panel verified stay verified, as in the panel's own score, except the one undone:
    # it is the unit's own answer again (scored as the unit's, a verified figure whose note says it is
    # counted otherwise than the method would hold the outcome the undoing is asked about)
    verified = {i.id for i in panel.indicators if i.verified}
    undone = []
    for k in corrected:
        kept = {x: a for x, a in answers.items() if x != k}
        alt = score(_with_answers(assessment, kept), fw, vetoes=vetoes, changes={x: c for x, c in changes.items() if x != k},
                    verified=verified - {k})
        back = gives_back(alt)
        least = _least(assessment, fw, k, kept, answers.get(k), changes, vetoes, gives_back, verified - {k}) \
            if back and k not in changes else None
        undone.append(UndoneCorrection(indicator=k, total=alt.total, grade=alt.grade.id,
                                       outcome=alt.recognition.outcome, restores=back, least=least))
    return OutcomeChange(self_grade=before[0], self_outcome=before[1], grade=after[0], outcome=after[1],
                         corrected=corrected, vetoes=list(vetoes), undone=undone)


def _least(assessment: Assessment, fw: Framework, k: str, kept: dict[str, Answer | None], panel: Answer | None,
           changes: dict[str, tuple[float, str]], vetoes: list[str], gives_back: Any,
           verified: set[str] | None = None) -> float | None:
    """The least figure of indicator ``k`` that, every other correction kept, gives back the
    self-assessed grade and outcome: only for a numeric answer on a rising line (``linear`` with its
    target above its floor: the score never falls as the figure rises, so neither do the total and
    the outcome), between the panel's lower figure (or none, 0) and the unit's. A whole number for a
    count or a whole figure, else one decimal; the figure and the one a step below are both scored,
    so the answer is what the rules give, not an estimate. None otherwise."""
    own = assessment.answers.get(k)
    ind = fw.indicator(k).at_level(assessment.city.level)
    rule = ind.rule
    value = own.value if own is not None else None
    if (own is None or own.status is not None or isinstance(value, bool) or not isinstance(value, (int, float))
            or ind.answer.type not in ("count", "number", "percent")
            or getattr(rule, "kind", None) != "linear" or not rule.target > rule.floor):
        return None
    low = 0.0
    if panel is not None and panel.status is None:
        if isinstance(panel.value, bool) or not isinstance(panel.value, (int, float)) or panel.value >= value:
            return None
        low = float(panel.value)
    step = 1.0 if ind.answer.type == "count" or (ind.answer.type == "number" and isinstance(value, int)) else 0.1

    def at(n: int) -> bool:
        figure: float = n * step
        figure = int(figure) if step == 1.0 else round(figure, 1)
        alt = score(_with_answers(assessment, {**kept, k: own.model_copy(update={"value": figure})}), fw,
                    vetoes=vetoes, changes=changes, verified=verified)
        return gives_back(alt)

    lo, hi = int(low // step), int(value // step)  # at(lo) fails (the panel's figure), at(hi) gives back
    if at(lo) or not at(hi):
        return None
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if at(mid) else (mid, hi)
    return float(hi) if step == 1.0 else round(hi * step, 1)


def survey_gaps(fw: Framework, survey: Any, result: Result) -> list[SurveyGap]:
    """Each rate of the panel's own survey that differs from the figure scored for its indicator,
    where the panel did not list that indicator under ``verified`` (G18-E3: the panel's survey
    found 76 % satisfaction, K5 was scored at the unit's 80 %, and nothing said so)."""
    if hasattr(survey, "model_dump"):
        survey = survey.model_dump()
    if not isinstance(survey, dict):
        return []
    out = []
    for key, ind_id in survey_keys(fw).items():
        figure = survey.get(key)
        if isinstance(figure, bool) or not isinstance(figure, (int, float)):
            continue
        ir = next((i for i in result.indicators if i.id == ind_id), None)
        if ir is None or ir.verified or ir.state not in ("answered", "unknown", "missing"):
            continue
        scored = ir.figure if ir.state == "answered" else None
        if scored is not None and abs(scored - figure) < 1e-9:
            continue
        sample = survey.get("sample")
        out.append(SurveyGap(indicator=ind_id, key=key, panel=float(figure), scored=scored, state=ir.state,
                             sample=sample if isinstance(sample, int) and not isinstance(sample, bool) else None))
    return out


def survey_problems(result: Result, fw: Framework, read: list[tuple[Review, Marked]]) -> list[Problem]:
    """Warnings at a review's survey rate that differs from the figure its indicator is scored with,
    the indicator not being among the panel's verified values: the report would score the unit's
    figure beside the panel's own survey saying otherwise. ``lcity review validate`` shows them."""
    out: list[Problem] = []
    for review, m in read:
        for g in survey_gaps(fw, review.process.survey, result):
            # the rate in words (知晓率, satisfaction rate), its YAML key beside them for the panel to find (G19-D5)
            rate = Msg(f"review.survey-rate.{g.key}") if g.key in SURVEY_KEYS else \
                Msg("review.survey-rate.indicator", name=both(fw.indicator(g.indicator).name))
            values = {"id": g.indicator, "key": g.key, "rate": rate,
                      "panel": num(round(g.panel, 1))}
            if g.scored is None:
                msg = Msg("review.survey-gap-none", **values)
            else:
                msg = Msg("review.survey-gap", scored=num(round(g.scored, 1)), **values)
            out.append(m.problem(("process", "survey", g.key), "panel-survey", msg,
                                 Msg("hint.review-survey-gap", id=g.indicator, panel=num(round(g.panel, 1))),
                                 severity="warning"))
    return out


def _why(result: Result, fw: Framework, said: str) -> Both:
    """Why the rules give their outcome and not the one the panel wrote, in both languages."""
    rec = fw.recognition
    if result.vetoes:
        names = {v.id: v.name for v in rec.vetoes}
        return Both("触发一票否决项：" + "、".join(names[v].zh if v in names else v for v in result.vetoes),
                    "a veto applies: " + "; ".join(names[v].en if v in names else v for v in result.vetoes))
    if said == "deferred" and result.recognition.outcome == "refused" and result.total + 1e-9 < rec.deferred_min:
        total, line, name = shown_below(result.total, rec.deferred_min, 1), num(rec.deferred_min), rec.outcomes.deferred
        return Both(f"总分{total}分，低于{quoted(name.zh)}所需的{line}分", f"total {total} is below the {line} needed for “{name.en}”")
    return Both("；".join(result.recognition.reasons_zh), "; ".join(result.recognition.reasons))


def statement_problems(result: Result, fw: Framework, read: list[tuple[Review, Marked]]) -> list[Problem]:
    """Warnings at the panel's own sentences that the verified result does not bear out: a figure
    (an approximate one beyond ±APPROX), or a conclusion naming another outcome than the rules give.
    ``lcity review validate`` shows them, so the panel resolves them before the report is signed."""
    out: list[Problem] = []
    hint = Msg("hint.review-statement")
    panel = _panel_review([r for r, _ in read]) if len(read) > 1 else None
    for review, m in read:
        places = [(("findings", "strengths", i), t) for i, t in enumerate(review.findings.strengths)]
        places += [(("findings", "problems", i), t) for i, t in enumerate(review.findings.problems)]
        places += [(("conclusion",), review.conclusion)] if review.conclusion else []
        for path, text in places:
            for c in contradictions(result, [text]):
                figure = Both(f"{num(c.figure)}{c.unit_zh}",  # "1 hub", not "1 hubs" (G20-D8)
                              f"{num(c.figure)} {unit_words(c.unit, 'en', c.figure)}")
                key = "review.statement-approx" if c.approx else "review.statement-figure"
                out.append(m.problem(path, "panel-statement", Msg(key, claim=c.claim, id=c.indicator, figure=figure,
                                                                  tolerance=num(APPROX * 100)), hint, severity="warning"))
            for t in total_claims(result, [text]):  # "经核定总分为82.3分" for 82.5 (G26-T2)
                out.append(m.problem(path, "panel-statement", Msg("review.statement-total", claim=t.claim,
                                                                  total=total_text(t.total, fw)), hint, severity="warning"))
        if panel is None or review is panel:
            out += _outcome_statement(result, fw, review, m)
        else:
            out += _member_outcome(fw, review, m, panel, read)
    return out


def _member_outcome(fw: Framework, review: Review, m: Marked, panel: Review,
                    read: list[tuple[Review, Marked]]) -> list[Problem]:
    """``conclusion_outcome`` in a review that is not the panel's (G20-A7): the report states the
    panel's outcome only, the panel lead's (a member's conclusion is printed as their opinion, its
    field is not). A warning where it is not the panel's, naming whose is, so the panel settles one
    outcome before signing; none where it is the same (the panel's review is compared with the rules)."""
    said = stated_outcome(review.conclusion_outcome, fw)
    if said is None:
        return []
    theirs = stated_outcome(panel.conclusion_outcome, fw)
    if theirs == said:
        return []
    k, pm = next((i, pm) for i, (r, pm) in enumerate(read) if r is panel)
    lead, file = _reviewer_name(panel, k), Path(pm.file).name
    values = dict(said=_outcome_name(fw, said), lead=lead, file=file)
    msg = (Msg("review.member-outcome", panel=_outcome_name(fw, theirs), **values) if theirs is not None
           else Msg("review.member-outcome-none", **values))
    return [m.problem(("conclusion_outcome",), "member-outcome", msg, Msg("hint.review-member-outcome", lead=lead),
                      severity="warning")]


def _outcome_name(fw: Framework, key: str) -> Both:
    name = getattr(fw.recognition.outcomes, key)
    return Both(name.zh, name.en)


def _outcome_statement(result: Result, fw: Framework, review: Review, m: Marked) -> list[Problem]:
    """The outcome the review's conclusion gives against the rules' (G20-A7). ``conclusion_outcome``
    says it: a warning at it when the rules give another, and the conclusion's words are then not
    read for one. Without it, an outcome the words name plainly ("建议暂缓认定") is compared; words
    that speak of an outcome only negated ("暂不认定为示范区": deferred or refused?) ask for the field."""
    rule = Both(result.recognition.name_zh, result.recognition.name)
    stated = stated_outcome(review.conclusion_outcome, fw)
    if stated is not None:
        if stated == result.recognition.outcome:
            return []
        return [m.problem(("conclusion_outcome",), "panel-outcome",
                          Msg("review.stated-outcome", said=_outcome_name(fw, stated), outcome=rule,
                              why=_why(result, fw, stated)),
                          Msg("hint.review-stated-outcome"), severity="warning")]
    text = review.conclusion or ""
    clashes = outcome_clashes(result, fw, [text] if text else [])
    if clashes:
        c = clashes[0]
        return [m.problem(("conclusion",), "panel-outcome",
                          Msg("review.statement-outcome", said=c.words, outcome=rule, why=_why(result, fw, c.said)),
                          Msg("hint.review-statement"), severity="warning")]
    mentioned = outcome_mentions(text, fw)
    if mentioned and not outcomes_said(text, fw):
        return [m.problem(("conclusion",), "no-conclusion-outcome",
                          Msg("review.unstated-outcome", words=mentioned[0]),
                          Msg("hint.review-unstated-outcome", choices=outcome_choices(fw)), severity="warning")]
    return []


def _split_veto_problems(read: list[tuple[Review, Marked]]) -> list[Problem]:
    """A warning at a veto one reviewer lists and another does not (``_split_vetoes``): it decides the
    outcome, but the reviewers' conclusions differ, which the panel settles before signing (G25R-4)."""
    out: list[Problem] = []
    for vid, (by, not_by) in _split_vetoes([r for r, _ in read]).items():
        review, m = next((r, m) for r, m in read if any(v.id == vid for v in r.vetoes))
        k = next(i for i, v in enumerate(review.vetoes) if v.id == vid)
        out.append(m.problem(("vetoes", k), "panel-disagreement", Msg("review.split-veto-warning", id=vid, by=by, not_by=not_by),
                             Msg("hint.review-split-veto"), severity="warning"))
    return out


def disagreement_problems(result: Result, read: list[tuple[Review, Marked]]) -> list[Problem]:
    """Warnings at an indicator the reviewers score apart (``lcity review validate`` with several
    files), at the first file that lists it: each reviewer's score (one who did not list it accepts
    the self-assessed answer), and whether one reviewer's answer would change the grade or the
    recognition outcome, which the panel then settles before the report is signed."""
    rv = result.review
    if rv is None:
        return []
    out: list[Problem] = []
    for d in rv.disagreements:
        where = next(((review, m) for review, m in read if d.indicator in review.verified), None)
        if where is None:
            continue
        review, m = where
        scores = Both("、".join(f"{_said(s).zh} {s.score:.2f}分" + ("（未列出，认可自评）" if s.accepted else "")
                                for s in d.scores),
                      ", ".join(f"{s.reviewer} {s.score:.2f}" + (" (not listed: accepts the self-assessed answer)"
                                                                  if s.accepted else "") for s in d.scores))
        totals = Both("、".join(f"{_said(s).zh} {s.total:.2f}" for s in d.scores),
                      ", ".join(f"{s.reviewer} {s.total:.2f}" for s in d.scores))
        key = "review.disagree-decisive" if d.decisive else "review.disagree"
        hint = Msg("hint.review-disagree-decisive" if d.decisive else "hint.review-disagree")
        out.append(m.problem(("verified", d.indicator), "panel-disagreement",
                             Msg(key, id=d.indicator, scores=scores, totals=totals), hint, key=True,
                             severity="warning"))
    return out + _split_veto_problems(read)
