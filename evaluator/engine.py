"""Scoring: answers -> indicator points -> dimension scores -> total, grade and recognition.

Answer states stay distinct all the way through:

* answered: the rule scores the value (derived per resident etc. where the framework says so);
* not_applicable: excluded; its points are spread over the other applicable indicators of its
  dimension in proportion to their points, so the dimension keeps its maximum (XCCDF removes
  not-applicable rules from numerator and denominator alike). Spreading over every applicable
  indicator, not only the answered ones, is what keeps the score monotone: answering an unknown
  indicator can never lower the total;
* unknown and missing: score 0, stay in the denominator, and lower the confidence figure.

Confidence = Σ (available points × c) / Σ available points over applicable indicators, where c is
1 for an answered value backed by evidence (or verified by a review), 0.5 for an answered value
without evidence, 0 for unknown or missing. Coverage is the same with c = 1 for any answer.
"""

from __future__ import annotations

from typing import Any

from indicators.models import Framework, Indicator

from .assessment import Assessment
from .pathways import classify
from .result import (
    CityInfo,
    Decision,
    DimensionResult,
    IndicatorResult,
    Label,
    Provenance,
    Result,
)
from .rules import apply, num

VERSION = "0.1.0"
EPS = 1e-9


def derive(ind: Indicator, value: Any, assessment: Assessment) -> tuple[float | None, tuple[str, str]]:
    """The figure a rule scores, and how it was obtained from the raw answer."""
    spec = getattr(ind.answer, "derive", None)
    if spec is None or value is None or isinstance(value, (bool, str, list)):
        return (value if not isinstance(value, (bool, str, list)) else None), ("", "")
    base = getattr(assessment.city, spec.per)
    if not base:
        return None, (f"无法折算：缺少基本情况 city.{spec.per}", f"cannot derive: city.{spec.per} is missing")
    figure = value / base * spec.scale
    return figure, (
        f"{num(value)} {ind.answer.unit.zh} ÷ {num(base)}（{spec.per}）× {num(spec.scale)} = {num(figure)} {spec.unit.zh}",
        f"{num(value)} {ind.answer.unit.en} ÷ {num(base)} ({spec.per}) × {num(spec.scale)} = {num(figure)} {spec.unit.en}",
    )


def _score_indicator(ind: Indicator, dim_id: str, assessment: Assessment, verified: set[str]) -> IndicatorResult:
    ans = assessment.answers.get(ind.id)
    unit = getattr(ind.answer, "unit", None)
    derived_unit = getattr(getattr(ind.answer, "derive", None), "unit", None) or unit
    base = dict(
        id=ind.id, dimension=dim_id, name=ind.name.en, name_zh=ind.name.zh, rule=ind.rule.kind,
        points=ind.points, max=ind.points, unit=derived_unit.en if derived_unit else "",
        unit_zh=derived_unit.zh if derived_unit else "",
        verified=ind.id in verified,
    )
    if ans is None:
        return IndicatorResult(**base, state="missing", score=0.0, share=0.0,
                               reason=f"{ind.id} not answered: 0 of {num(ind.points)} points",
                               reason_zh=f"{ind.id} 未填报：0 分（满分 {num(ind.points)}）")
    extra = dict(evidence=list(ans.evidence), note=ans.note)
    if ans.status == "not_applicable":
        return IndicatorResult(**{**base, "max": 0.0}, **extra, state="not_applicable", score=0.0, share=None,
                               reason=f"{ind.id} marked not applicable: its {num(ind.points)} points are spread over the rest of dimension {dim_id}",
                               reason_zh=f"{ind.id} 标注为不适用：其 {num(ind.points)} 分按比例分配给{dim_id}维度其他指标")
    if ans.status == "unknown" or ans.value is None:
        return IndicatorResult(**base, **extra, state="unknown", score=0.0, share=0.0,
                               reason=f"{ind.id} unknown (no figure given): 0 of {num(ind.points)} points",
                               reason_zh=f"{ind.id} 数据不详：0 分（满分 {num(ind.points)}）")
    figure, (how_zh, how_en) = derive(ind, ans.value, assessment)
    scored = figure if getattr(ind.answer, "derive", None) else ans.value
    if scored is None:
        return IndicatorResult(**base, **extra, value=ans.value, state="unknown", score=0.0, share=0.0,
                               reason=f"{ind.id}: answered {num(ans.value)} but {how_en}: 0 points",
                               reason_zh=f"{ind.id}：填报 {num(ans.value)}，但{how_zh}：0 分")
    share, (why_zh, why_en) = apply(ind, scored)
    prefix_en = f"{ind.id}: {how_en}; " if how_en else f"{ind.id}: "
    prefix_zh = f"{ind.id}：{how_zh}；" if how_zh else f"{ind.id}："
    return IndicatorResult(
        **base, **extra, value=ans.value,
        figure=float(scored) if isinstance(scored, (int, float)) and not isinstance(scored, bool) else None,
        state="answered", score=share * ind.points, share=share,
        reason=f"{prefix_en}{why_en} of {num(ind.points)} points",
        reason_zh=f"{prefix_zh}{why_zh}（满分 {num(ind.points)}）",
    )


def _redistribute(results: list[IndicatorResult], dim_points: float) -> float:
    """Spreads not-applicable points over the applicable indicators; returns the dimension max."""
    applicable = [r for r in results if r.state != "not_applicable"]
    nominal = sum(r.points for r in applicable)
    if nominal <= EPS:
        return 0.0
    factor = dim_points / nominal
    for r in applicable:
        r.max = r.points * factor
        r.score = (r.share or 0.0) * r.max
        if abs(factor - 1) > EPS:
            r.reason += f"; available points raised to {num(round(r.max, 2))} by not-applicable items"
            r.reason_zh += f"；因不适用指标，可得分调整为 {num(round(r.max, 2))}"
    return dim_points


def _grade(fw: Framework, total: float) -> Label:
    for g in fw.grades:  # listed from the highest band down
        if total + EPS >= g.min:
            return Label(id=g.id, name=g.name.en, name_zh=g.name.zh)
    g = fw.grades[-1]
    return Label(id=g.id, name=g.name.en, name_zh=g.name.zh)


def _vetoes(fw: Framework, assessment: Assessment, extra: list[str]) -> list[str]:
    fired = list(extra)
    for v in fw.recognition.vetoes:
        if v.indicator and v.id not in fired:
            ans = assessment.answers.get(v.indicator)
            if ans is not None and ans.status is None and ans.value in v.when:
                fired.append(v.id)
    return fired


def decide(fw: Framework, total: float, dims: list[DimensionResult], inds: dict[str, IndicatorResult],
           vetoes: list[str]) -> Decision:
    """The recognition decision, with every reason that decided it."""
    rec = fw.recognition
    reasons: list[tuple[str, str]] = []
    names = {v.id: v.name for v in rec.vetoes}
    for v in vetoes:
        name = names.get(v)
        reasons.append((f"一票否决：{name.zh if name else v}", f"veto: {name.en if name else v}"))
    ok = not vetoes
    if total + EPS < rec.total_min:
        ok = False
        reasons.append((f"总分 {total:.1f} 低于认定线 {num(rec.total_min)} 分",
                        f"total {total:.1f} is below the recognition line of {num(rec.total_min)}"))
    for d in dims:
        if d.floor_met is False:
            ok = False
            reasons.append((f"{d.id}维度得分率 {d.share * 100:.0f}% 低于 {rec.dimension_floor * 100:.0f}% 的底线",
                            f"dimension {d.id} at {d.share * 100:.0f}% is below the {rec.dimension_floor * 100:.0f}% floor"))
    for s in rec.survey:
        r = inds.get(s.indicator)
        if r is None or r.state == "not_applicable":
            continue
        if r.state != "answered" or r.figure is None:
            ok = False
            reasons.append((f"{s.indicator}（居民调查）无数据，无法确认是否达到 {num(s.min)}%",
                            f"{s.indicator} (resident survey) has no figure, so the {num(s.min)}% threshold is not shown to be met"))
        elif r.figure + EPS < s.min:
            ok = False
            reasons.append((f"{s.indicator} {num(r.figure)}% 低于 {num(s.min)}% 的要求",
                            f"{s.indicator} at {num(r.figure)}% is below the required {num(s.min)}%"))
    if ok:
        outcome = "recognised"
        reasons.append((f"总分 {total:.1f} 达到 {num(rec.total_min)} 分，各维度均达到 {rec.dimension_floor * 100:.0f}% 底线，调查指标达标，无否决项",
                        f"total {total:.1f} reaches {num(rec.total_min)}, every dimension reaches the {rec.dimension_floor * 100:.0f}% floor, survey thresholds met, no veto"))
    elif not vetoes and total + EPS >= rec.deferred_min:
        outcome = "deferred"
        reasons.append((f"总分 {total:.1f} 不低于 {num(rec.deferred_min)} 分，暂缓认定，整改后复核",
                        f"total {total:.1f} is at least {num(rec.deferred_min)}: deferred for re-check after rectification"))
    else:
        outcome = "refused"
    label = getattr(rec.outcomes, outcome)
    return Decision(outcome=outcome, name=label.en, name_zh=label.zh,
                    reasons=[r[1] for r in reasons], reasons_zh=[r[0] for r in reasons])


def _adjust(results: list[IndicatorResult], changes: dict[str, tuple[float, str]]) -> None:
    """Applies the panel's score changes (points), kept within 0..max of each indicator."""
    for r in results:
        if r.id in changes and r.state != "not_applicable":
            delta, why = changes[r.id]
            new = min(r.max, max(0.0, r.score + delta))
            r.reason += f"; panel changed the score by {delta:+g} to {num(round(new, 2))}: {why}"
            r.reason_zh += f"；专家组调整 {delta:+g} 分至 {num(round(new, 2))}：{why}"
            r.score = new
            r.share = new / r.max if r.max else 0.0


def score(assessment: Assessment, framework: Framework | None = None, *, sha256: str = "",
          file: str | None = None, verified: set[str] | None = None, vetoes: list[str] | None = None,
          changes: dict[str, tuple[float, str]] | None = None) -> Result:
    """Scores one assessment as its unit gave it. Pure: the same input always gives the same Result.

    Verified scoring (with expert reviews) is ``evaluator.pipeline.score``, which calls this once
    per reviewer; keeping reviews out of here keeps the engine at the bottom of the import graph.
    """
    if framework is None:
        from indicators.loader import load_framework

        framework = load_framework(assessment.framework)
    fw = framework
    verified = verified or set()
    dims: list[DimensionResult] = []
    inds: list[IndicatorResult] = []
    for dim in fw.dimensions:
        results = [_score_indicator(ind, dim.id, assessment, verified) for ind in dim.indicators]
        dmax = _redistribute(results, dim.points)
        if changes:
            _adjust(results, changes)
        dscore = sum(r.score for r in results)
        share = dscore / dmax if dmax > EPS else None
        dims.append(DimensionResult(
            id=dim.id, name=dim.name.en, name_zh=dim.name.zh, points=dim.points, max=dmax, score=dscore,
            share=share, floor_met=None if share is None else share + EPS >= fw.recognition.dimension_floor,
            indicators=[r.id for r in results],
            not_applicable=[r.id for r in results if r.state == "not_applicable"],
        ))
        inds += results
    max_total = sum(d.max for d in dims)
    raw_total = sum(d.score for d in dims)
    total = raw_total / max_total * fw.total_points if max_total > EPS else 0.0
    total = min(fw.total_points, max(0.0, total))
    applicable = [r for r in inds if r.state != "not_applicable"]
    weight = sum(r.max for r in applicable) or 1.0
    answered_w = sum(r.max for r in applicable if r.state == "answered")
    backed_w = sum(r.max * (1.0 if (r.evidence or r.verified) else 0.5) for r in applicable if r.state == "answered")
    by_id = {r.id: r for r in inds}
    fired_vetoes = _vetoes(fw, assessment, vetoes or [])
    city = assessment.city
    result = Result(
        framework=fw.ref, framework_name=fw.name.en, framework_name_zh=fw.name.zh,
        city=CityInfo(
            id=city.id, name=city.name.get("en"), name_zh=city.name.zh, level=city.level, parent=city.parent,
            province=city.province, region=city.region, population=city.population, area_km2=city.area_km2,
            gdp_per_capita=city.gdp_per_capita, reference_year=city.reference_year,
            period=f"{assessment.period.start}–{assessment.period.end}",
            evaluating_body=assessment.evaluating_body, date=assessment.date,
        ),
        total=total, max_total=fw.total_points, grade=_grade(fw, total),
        recognition=decide(fw, total, dims, by_id, fired_vetoes),
        confidence=backed_w / weight, coverage=answered_w / weight,
        answered=sum(r.state == "answered" for r in inds),
        not_applicable=sum(r.state == "not_applicable" for r in inds),
        unknown=sum(r.state == "unknown" for r in inds),
        missing=sum(r.state == "missing" for r in inds),
        vetoes=fired_vetoes, dimensions=dims, indicators=inds,
        strategy=list(assessment.strategy.leads_with),
        provenance=Provenance(tool="lcity", version=VERSION, framework=fw.ref, input_sha256=sha256, input_file=file),
    )
    if fw.pathways:
        result.pathway = classify(fw, assessment, result)
    return result
