"""附件：评估依据数据 / Appendix: input data — the only place that names the input file, its
SHA-256 and the software version.

These are facts for someone checking the report, not for its reader: on the cover or in a
footer they read as machine output. The PDF carries the files themselves
(``reports.embedded``), and ``lcity verify`` re-scores them, so the appendix says how to check.
"""

from __future__ import annotations

from typing import Any

from .context_facts import Facts
from .embedded import ASSESSMENT, ASSESSMENT_XLSX, RESULT, review_name


def embedded_names(reviewers: int, workbook: bool = False) -> list[str]:
    """The names of the files embedded in the PDF, as ``render_report`` writes them."""
    return [ASSESSMENT_XLSX if workbook else ASSESSMENT, *(review_name(i) for i in range(1, reviewers + 1)), RESULT]


def inputs(f: Facts) -> dict[str, Any]:
    cat, result = f.cat, f.result
    prov = result.provenance
    reviewers = result.review.reviewers if result.review is not None else 0
    rows = [
        (cat["inputs_file"], f.file_name or cat["not_given"]),
        (cat["inputs_sha256"], prov.input_sha256 or cat["not_given"]),
        (cat["inputs_framework"], cat("inputs_framework_fmt", name=f.framework_name, ref=result.framework)),
    ]
    if reviewers:
        rows.append((cat["inputs_reviews"], cat("inputs_reviews_fmt", n=reviewers)))
        # a review of another file than the one scored: which file it names, and why it applies (G18-E4)
        for named, digest, same in getattr(result.review, "_reviewed_as", ()):
            key = "inputs_reviewed_same" if same else "inputs_reviewed_other"
            rows.append((cat["inputs_reviewed_of"], cat(key, file=named or cat["not_given"], sha256=digest[:16],
                                                        scored=f.file_name or cat["not_given"])))
    rows += [
        (cat["inputs_tool"], cat("inputs_tool_fmt", version=prov.version)),
        (cat["inputs_embedded"], cat["list_sep"].join(embedded_names(reviewers, f.file_name.lower().endswith(".xlsx")))),
    ]
    # a self-assessment's PDF carries no review file, and the sentence must not say it does
    check = cat["inputs_check"] if reviewers else cat["inputs_check_self"]
    return {"inputs": {"rows": rows, "intro": cat["inputs_intro"], "check": check}}
