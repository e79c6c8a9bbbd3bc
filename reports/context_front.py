"""The report's front matter: cover, PDF metadata, running header and table of contents."""

from __future__ import annotations

from typing import Any

from .charts import char_em
from .context_facts import Facts
from .context_format import format_date

#: the widest unit name the cover (its title and table) and the running header print whole, in
#: ems: about 36 Chinese characters or 65 Latin letters (as --number is capped at 60 characters)
COVER_NAME_EM = 36.0

#: (anchor in the template, catalog key of the heading), in the order the report prints them
CONTENTS = (
    ("sec-summary", "sum_title"),  # the one-page summary between the cover and the contents
    ("sec-basis", "sec_basis"), ("sec-profile", "sec_profile"), ("sec-results", "sec_results"),
    ("sec-strengths", "sec_strengths"), ("sec-problems", "sec_problems"),
    ("sec-recommendations", "sec_recommendations"), ("sec-robustness", "sec_robustness"),
    ("sec-conclusion", "sec_conclusion"),
    ("app-scores", "app_scores"), ("app-benchmark", "app_benchmark"),
    ("app-coverage", "app_coverage"), ("app-signatures", "app_signatures"), ("app-inputs", "app_inputs"))


def cover(f: Facts) -> dict[str, Any]:
    """The cover, and the same facts as PDF metadata and in every page's running header."""
    cat = f.cat
    # a framework about something other than learning cities titles the report by its own name
    plain = not f.about_learning_cities
    title = cat("title_plain" if plain else "title", city=f.city, framework=f.framework_name)
    city = cover_name(f.city)
    shown_date = format_date(f.date, cat)
    return {
        "meta": {
            "title": title,
            "author": f.body,
            "subject": cat("subject_plain" if plain else "subject", city=f.city, period=f.period,
                           framework=f.framework_name),
            "keywords": cat("keywords_plain" if plain else "keywords", city=f.city, framework=f.framework_name),
            "generator": cat("generator", version=f.result.provenance.version),
            "created": f.date or "",
            "lang": "zh-CN" if f.zh else "en",
        },
        "running": {"city": city, "number": f.number},
        "cover": {
            "title": cat("title_plain" if plain else "title", city=city, framework=f.framework_name),
            "kind": cat["kind_review"] if f.review else cat["kind_self"],
            "rows": [
                (cat["cover_city"], city),
                (cat["cover_period"], f.period),
                (cat["cover_framework"], f.framework_full),
                (cat[body_label(f)], f.body_shown),
                *([(cat["cover_self_body"], f.self_body)] if f.reviewed and f.self_body and f.self_body != f.body else []),
                (cat["cover_date"], shown_date),
                (cat["cover_number"], f.number),
            ],
            # the foot names the issuing body only when there is one: "not given" set in bold under
            # the title read as a placeholder left in (audit_english #7); the facts table says it
            "body": f.body,
            "date": shown_date,
            "number": f.number,
        },
    }


def cover_name(name: str) -> str:
    """The unit's name as the cover and the running header print it: whole up to COVER_NAME_EM,
    else cut with "…", at a space when one is near (G25-H8: a name of 200 characters, which the
    assessment allows, filled the cover's title and table over a page and every header over three
    lines). The PDF's metadata, the summary and the facts table keep the name whole."""
    width, cut = 0.0, 0
    for n, ch in enumerate(name):
        width += char_em(ch)
        if width > COVER_NAME_EM:
            break
        if width <= COVER_NAME_EM - 1:  # room for the "…"
            cut = n + 1
    else:
        return name
    head = name[:cut]
    space = head.rfind(" ")
    if space > cut * 2 // 3:  # a Latin name: end at a word
        head = head[:space]
    return head.rstrip(" ,.;:-–—，、；：") + "…"


def body_label(f: Facts) -> str:
    """The cover's label of the body it names: 评估单位 (evaluating body) in an expert evaluation
    report, or where --body names one; in a self-assessment report the body that prepared it, 自评单位:
    the unit's own office (or an outside panel that filled in the form) does not evaluate."""
    return "cover_body" if f.review or f.body_given else "cover_body_self"


def signatures_key(f: Facts) -> str:
    """附件4's heading: the panel's signatures in an expert evaluation report, the self-assessing
    body's seal in a self-assessment report (no panel has signed anything yet)."""
    return "app_signatures" if f.review else "app_signatures_self"


def contents(f: Facts) -> dict[str, Any]:
    keys = {"app_signatures": signatures_key(f)}
    return {"toc": [(anchor, f.cat[keys.get(key, key)]) for anchor, key in CONTENTS]}
