"""The printable blank questionnaire (``lcity init --format pdf``) for site visits.

Site visits happen on paper: the visiting team ticks boxes and writes figures in a district office
and types them in later. The questionnaire asks exactly what the template and the workbook ask
(the indicators of the unit's level, as that level answers them), with boxes instead of ids, in
the bundled font and through the report's renderer and URL fetcher (nothing is fetched from
outside the package). Labels come from the report catalogs (``{lang}.questionnaire.yaml``).
"""

from __future__ import annotations

from typing import Any

from indicators.models import PROFILE_FIGURES, Framework, Indicator

from .catalog import Catalog, load_catalog

TEMPLATE = "questionnaire.html.j2"
EVIDENCE = {"document": ("文件档案", "documents"), "statistics": ("统计数据", "statistics"),
            "site_visit": ("实地考察", "site visit"), "survey": ("问卷调查", "survey"),
            "expert": ("专家评议", "expert judgement")}
#: whom a recognition framework's surveys ask (China's demonstration zones survey their residents)
RESIDENTS = {"zh": "居民", "en": "resident"}


def survey_population(fw: Framework | None, lang: str) -> str:
    """Whom the framework's surveys ask, as the word before "survey": its own ``survey_population``;
    a recognition framework's (认定: China's demonstration zones) residents; else nothing, so that a
    survey of learners is never called a resident survey (the reports' rule, ``Facts.survey_population``)."""
    if fw is None:
        return RESIDENTS[lang]
    own = getattr(fw, "survey_population", None)
    if own is not None:
        return own.get(lang)
    return RESIDENTS[lang] if fw.speaks_recognition() else ""


#: whose record a unit gives for an indicator whose ``from_parent`` lists its level (G9 #3)
FROM_PARENT = {"zh": "按{owner}的情况填报，不填本{unit}自身的情况", "en": "answer with the record of {owner}, not the {unit}'s own"}


def from_parent_note(fw: Framework, ind: Indicator, level: str, lang: str) -> str:
    """Whose record a unit of ``level`` gives for ``ind`` (its ``from_parent`` lists the level), as
    every form says it under the question: a ward asked "Is there a learning ordinance?" answered
    for itself (none) unless the form says the framework means the province's (G9 audit #3). Empty
    when the question says it already (China's K1: "按所在城市的情况填报") or the level is not listed."""
    if not ind.answered_for_parent(level):
        return ""
    from evaluator.pathways import parent_owner

    owner_zh, owner_en = parent_owner(fw, level, [ind.id])
    question = ind.question.get(lang)
    if (owner_zh in question) if lang == "zh" else ("record" in question.lower()):
        return ""
    from .context_facts import _unit_word

    unit = fw.unit_name(level)
    # "不填本单位自身的情况", not "本parish" (G27-T7)
    return FROM_PARENT[lang].format(owner=owner_zh if lang == "zh" else owner_en,
                                    unit=_unit_word(unit.get(lang) if unit is not None else level, lang))


def evidence_names(fw: Framework | None, lang: str, ind: Indicator | None = None) -> dict[str, str]:
    """Evidence kind -> its name on a form: a survey is named by whom it asks where the framework
    says (resident survey, 学员问卷调查) and plainly otherwise; the Chinese 问卷调查 already names
    no one, so a China form keeps its word. ``ind``: the survey of that indicator, by whom it asks
    (``Framework.surveys_ask_for``): an adult learners' survey is not the framework's "youth survey"."""
    names = {kind: pair[0 if lang == "zh" else 1] for kind, pair in EVIDENCE.items()}
    pop = survey_population(fw, lang)
    if ind is not None and fw is not None and (fw.survey_population is not None or ind.survey_population is not None):
        asked = fw.surveys_ask_for(ind)
        pop = asked.get(lang) if asked is not None else ""
    if pop and pop != RESIDENTS["zh"]:
        names["survey"] = f"{pop}问卷调查" if lang == "zh" else f"{pop} survey"
    return names


def _answer(ind: Indicator, lang: str, cat: Catalog) -> dict[str, Any]:
    """How the indicator is answered on paper: boxes to tick, or a line and its unit."""
    ans = ind.answer
    if ans.type == "boolean":
        return {"kind": "boxes", "mode": cat["qn_single"], "options": [cat["qn_yes"], cat["qn_no"]]}
    if ans.type in ("choice", "checklist"):
        options = ans.choices if ans.type == "choice" else ans.items
        return {"kind": "boxes", "mode": cat["qn_single" if ans.type == "choice" else "qn_multi"],
                "options": [o.get(lang) for o in options]}
    notes = [cat("qn_unit_label", unit=ans.unit.get(lang))]
    if ans.derive:
        notes.append(cat("qn_derived", unit=ans.derive.unit.get(lang)))
    return {"kind": "line", "notes": notes}


def _calculation(ind: Indicator, lang: str, cat: Catalog) -> list[str]:
    """How to count, labelled as in the template (分子、分母、数据来源 ...)."""
    sep = "：" if lang == "zh" else ": "
    lines = []
    ms = ind.measurement
    if ms is not None:
        lines += [f"{cat['qn_' + k]}{sep}{getattr(ms, k).get(lang)}" for k in
                  ("numerator", "denominator", "data_source", "deduplication", "reference_date")
                  if getattr(ms, k) is not None]
    if ind.survey is not None:
        joiner = "；" if lang == "zh" else "; "
        lines.append(f"{cat['qn_survey']}{sep}" + joiner.join(item.get(lang) for item in ind.survey.items))
        lines.append(f"{cat['qn_scale']}{sep}{ind.survey.scale.get(lang)}")
    return lines


def _indicator(ind: Indicator, lang: str, cat: Catalog, names: dict[str, str], fw: Framework, level: str) -> dict[str, Any]:
    names = evidence_names(fw, lang, ind) if "survey" in ind.evidence else names  # by whom its survey asks
    kinds = ("、" if lang == "zh" else ", ").join(names[e] for e in ind.evidence)
    said = from_parent_note(fw, ind, level, lang)  # whose record to give, before how to count it
    return {"id": ind.id, "name": ind.name.get(lang), "points": cat("qn_points", points=f"{ind.points:g}"),
            "question": ind.question.get(lang), "answer": _answer(ind, lang, cat),
            "calculation": ([said] if said else []) + _calculation(ind, lang, cat),
            "evidence": cat("qn_evidence_expected", kinds=kinds),
            "sample": cat("qn_sample", n=ind.survey.min_sample) if ind.survey is not None else None}


#: the catalog's unit of each profile figure every assessment may give
FIGURE_UNITS = {"population": "unit_people", "population_60plus": "unit_people", "employed": "unit_people",
                "streets": "unit_count", "communities": "unit_count"}


def profile_figures(fw: Framework, level: str, lang: str, cat: Catalog) -> list[dict[str, str]]:
    """The profile figures a unit of ``level`` writes down on the visit, with their units: those the
    framework's per-capita figures are divided by (an enterprise's staff, G24-T6) and the population
    the YAML form and the workbook ask; without them the figures ticked below cannot be derived."""
    from evaluator.schema import rule_figures

    from .form_fields import asked_profile, china_form, level_figures, unused_at_level

    if china_form(fw):
        asked = (rule_figures(fw) - unused_at_level(fw, level)) | {"population"}
    else:
        asked = asked_profile(fw, level)
    rows = [{"name": cat[f"profile_{k}"], "unit": cat[FIGURE_UNITS[k]]} for k in PROFILE_FIGURES if k in asked]
    return rows + [{"name": fig.name.get(lang), "unit": fig.unit.get(lang)} for fig in level_figures(fw, level)]


def build_context(fw: Framework, *, lang: str, level: str, city: str | None) -> dict[str, Any]:
    cat = load_catalog(lang)
    unit = fw.unit_name(level)
    # a framework without levels of its own: the usual words (区, not 'district', on a Chinese form)
    unit_name = unit.get(lang) if unit else cat.get(f"unit_{level}", level)
    dims = []
    names = evidence_names(fw, lang)
    for dim, inds in fw.at_level(level):
        skipped = [f"{i.id} {i.name.get(lang)}" for i, applies in inds if not applies]
        dims.append({"id": dim.id, "name": dim.name.get(lang), "points": cat("qn_points", points=f"{dim.points:g}"),
                     "indicators": [_indicator(i, lang, cat, names, fw, level) for i, applies in inds if applies],
                     "skipped": cat("qn_not_here", unit=unit_name, list="；".join(skipped) if lang == "zh"
                                    else "; ".join(skipped)) if skipped else None})
    # titled by the framework's own name: a form of another body's index never says "learning city"
    name = fw.name.get(lang)
    says_self = "自评" in name if lang == "zh" else "self-assessment" in name.lower()  # not "…自评框架》自评问卷"
    return {"lang": lang, "t": cat, "title": cat("qn_title_self" if says_self else "qn_title", framework=name),
            "subtitle": cat("qn_subtitle", ref=fw.ref),
            "city": city or "", "level": unit_name, "figures": profile_figures(fw, level, lang, cat),
            # the framework's own word for its levels, as the report's profile table (单位类型, not 层级)
            "level_label": fw.level_label.get(lang) if fw.level_label is not None else cat["qn_level"],
            "dimensions": dims}


def render_questionnaire_html(fw: Framework, *, lang: str = "zh", level: str = "city", city: str | None = None) -> str:
    from .render import environment

    return environment().get_template(TEMPLATE).render(**build_context(fw, lang=lang, level=level, city=city))


def render_questionnaire(fw: Framework, *, lang: str = "zh", level: str = "city", city: str | None = None,
                         created: str | None = None, fetcher=None) -> bytes:
    """The questionnaire as PDF (tagged PDF/A-3b like the report; same inputs and date, same bytes)."""
    from .render import render_pdf

    html = render_questionnaire_html(fw, lang=lang, level=level, city=city)
    return render_pdf(html, created=created, fetcher=fetcher, stylesheet=STYLESHEET)


STYLESHEET = """
@page { size: A4; margin: 16mm 16mm 18mm 16mm;
  font-family: "LCity Noto Sans SC", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #555; } }
html { font-family: "LCity Noto Sans SC", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  font-size: 9.5pt; line-height: 1.45; color: #111; }
h1 { font-size: 16pt; margin: 0 0 1mm 0; color: #1f3b73; }
.subtitle { margin: 0 0 3mm 0; color: #333; }
.how { border: 0.6pt solid #1f3b73; padding: 2mm 3mm; margin-bottom: 4mm; font-size: 9pt; }
table.head { width: 100%; border-collapse: collapse; margin-bottom: 5mm; }
table.head td { border: 0.6pt solid #555; padding: 2.2mm 2mm; width: 25%; }
table.head td.label { width: 12%; background: #eef2f8; font-weight: bold; }
h2 { font-size: 12pt; color: #1f3b73; border-bottom: 0.8pt solid #1f3b73; margin: 5mm 0 2mm 0;
  break-after: avoid; }
.skipped { font-size: 8.5pt; color: #555; margin: 0 0 2mm 0; }
.ind { border: 0.6pt solid #999; padding: 2mm 3mm; margin: 0 0 2.5mm 0; break-inside: avoid; }
.ind .top { font-weight: bold; }
.ind .pts { float: right; font-weight: normal; color: #555; }
.ind .q { margin: 1mm 0; }
.calc { font-size: 8.5pt; color: #444; margin: 0.5mm 0 1mm 0; padding-left: 3mm; }
.mode { font-size: 8.5pt; color: #555; }
.opt { display: inline-block; margin: 0.6mm 5mm 0.6mm 0; }
.box { display: inline-block; width: 3mm; height: 3mm; border: 0.7pt solid #111; margin-right: 1.2mm;
  vertical-align: -0.4mm; }
.line { display: inline-block; width: 45mm; border-bottom: 0.7pt solid #111; height: 4mm; margin-right: 2mm; }
.long { display: block; border-bottom: 0.6pt solid #777; height: 6mm; }
.status { font-size: 8.5pt; margin-top: 1mm; }
.ev { font-size: 8.5pt; color: #444; margin-top: 1mm; }
"""
