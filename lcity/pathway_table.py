"""``lcity cities --pathways``: each reference city's Table 3 type beside the type its data show."""

from __future__ import annotations

from rich.markup import escape

from evaluator.pathway_validation import reference_pathways
from indicators.models import Framework

from .console import dump_json, err, out


def _name(fw: Framework, tid: str | None, zh: bool) -> str:
    """The type's Chinese name, or its id in English (short enough for an 80-column table)."""
    if not tid:
        return "—"
    if not zh:
        return tid
    names = fw.pathway_names()
    return names[tid].zh if tid in names else {"mixed": "混合型", "undetermined": "无法判定"}.get(tid, tid)


def print_pathways(fw: Framework, as_json: bool, zh: bool) -> None:
    if fw.pathways is None:  # nothing to classify: said plainly, not as "no reference units"
        if as_json:
            dump_json({"framework": fw.ref, "pathways": False, "cities": [], "exact": 0, "leading": 0, "typed": 0})
        else:
            err.print(f"{fw.ref} 未定义发展路径类型（framework.yaml 中没有 pathways:），无可分类。" if zh else
                      f"{fw.ref} defines no pathway types (its framework.yaml has no pathways:): nothing to classify.")
        return
    v = reference_pathways(fw.ref)
    if as_json:
        dump_json(v.model_dump())
        return
    if not v.cities:
        err.print(f"{fw.ref} 没有参照单位，无可比较。" if zh else f"{fw.ref} has no reference units: nothing to compare.")
        return
    from rich.table import Table

    table3 = v.typed > 0  # Table 3 of the comparative study types only the China framework's 12 cities
    if table3:
        title = ("参照城市的发展路径：表3与实际做法（不读自述）" if zh else
                 "Reference cities' pathway: Table 3 vs observed (declared strategy ignored)")
    else:
        title = "参照单位的发展路径：实际做法（不读自述）" if zh else "Reference units' pathway, observed (declared strategy ignored)"
    table = Table(title=title)
    heads = ["城市", "表3类型", "实际做法", "领先", "差距", "已答指标"] if zh else \
        ["city", "Table 3", "observed", "leading", "margin", "answered"]
    if not table3:
        del heads[1]
    for h in heads:
        table.add_column(h, overflow="fold")
    for c in v.cities:
        # an undetermined unit has no type, so no margin by which a type leads: its leading type is
        # shown only as a hint of where its few answers point
        margin = "—" if c.margin is None or c.type == "undetermined" else f"{c.margin * 100:.0f}"
        cells = [escape(c.name_zh if zh else c.name), _name(fw, c.table3, zh), _name(fw, c.type, zh),
                 _name(fw, c.leading, zh), margin, f"{c.answered}/{c.indicators}"]
        if not table3:
            del cells[1]
        table.add_row(*cells)
    out.print(table)
    if table3:
        out.print(f"与表3一致：{v.exact}/{v.typed}；领先类型与表3一致：{v.leading}/{v.typed}（并列不计；差距单位：百分点；原因见 --format json）" if zh else
                  f"exact (observed = Table 3): {v.exact}/{v.typed}; leading type = Table 3: {v.leading}/{v.typed} "
                  "(ties not counted; margin in percentage points; the reasons: --format json)")
