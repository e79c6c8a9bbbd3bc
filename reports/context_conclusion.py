"""Section 七: the total, grade and recognition decision, the pathway, the rank among reference
cities, the confidence, and the panel's conclusion and disagreements when there is a review."""

from __future__ import annotations

from typing import Any

from evaluator.benchmark import LOW_COVERAGE
from evaluator.rules import num

from .context_facts import Facts
from .context_format import pick
from .context_indicators import pathway_names
from .context_review import disagreement_lines


def conclusion(f: Facts) -> dict[str, Any]:
    cat, result, lang, rev = f.cat, f.result, f.lang, f.review
    return {"conclusion": {
        "total": cat("concl_total", city=f.city, total=f"{result.total:.1f}", grade=pick(result.grade, "name", lang),
                     decision=pick(result.recognition, "name", lang)),
        "outcome": result.recognition.outcome,
        "reasons": list(result.recognition.reasons_zh if f.zh else result.recognition.reasons),
        "pathway": _pathway(f),
        "bench": _bench(f),
        "confidence": cat("concl_confidence", cov=f"{result.coverage * 100:.0f}", conf=f"{result.confidence:.2f}"),
        "self_note": "" if rev else cat["concl_self_note"],
        "panel": rev["findings"]["conclusion"] if rev else [],
        "disagreements": disagreement_lines(result, cat, lang),
        "disagreement_intro": cat("concl_disagree_intro",
                                  pct=num(result.review.disagreement_threshold * 100)) if result.review else "",
    }}


def _pathway(f: Facts) -> dict[str, Any]:
    cat, lang, fw = f.cat, f.lang, f.fw
    path = f.result.pathway
    block: dict[str, Any] = {"text": "", "signals": []}
    if not path:
        return block
    pnames = pathway_names(fw, lang)
    descriptions = {t.id: t.description.get(lang) for t in (fw.pathways.types if fw.pathways else [])}
    if path.type == "unclassified":
        block["text"] = cat["concl_pathway_none"]
    elif path.type == "mixed":
        block["text"] = cat("concl_pathway_mixed", city=f.city, a=pnames.get(path.leading or "", ""),
                            b=pnames.get(path.runner_up or "", ""),
                            margin=num(round((fw.pathways.mixed_margin if fw.pathways else 0) * 100, 1)))
        block["signals"] = [pick(s, "label", lang) for s in path.signals if s.pathway in (path.leading, path.runner_up)]
    else:
        block["text"] = cat("concl_pathway", city=f.city, name=pick(path, "name", lang),
                            score=f"{path.confidence * 100:.0f}", description=descriptions.get(path.type, ""))
        block["signals"] = [pick(s, "label", lang) for s in path.signals if s.pathway == path.type]
    return block


def _bench(f: Facts) -> dict[str, Any]:
    cat, bench = f.cat, f.bench
    block: dict[str, Any] = {"available": f.ref_ok}
    if not f.ref_ok:
        # a framework that brings no reference units is said plainly, as in 三 and 附件2
        block["text"] = cat("app_benchmark_none", framework=f.framework_name, unit=f.unit) \
            if bench is not None and bench.reference_units == 0 and not bench.skipped else cat["concl_bench_unavailable"]
        return block
    block["rank"] = cat("concl_rank", city=f.city, rank=bench.rank, of=bench.of)
    block["peers"] = cat("concl_peers", peers=f.sep.join(p.name_zh if f.zh else p.name for p in bench.peers)) \
        if bench.peers else ""
    block["caveat"] = cat("concl_caveat", cov=f.ref_cov, n_low=f.n_low, low=num(LOW_COVERAGE * 100)) if f.ref_low else ""
    return block
