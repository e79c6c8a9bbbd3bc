"""``lcity cities --pathways``: each reference city's Table 3 type beside the type its data show."""

from __future__ import annotations

from rich.markup import escape

from evaluator.pathway_validation import reference_pathways
from indicators.models import Framework

from .console import dump_json, err, out


#: what a unit is when no type of its framework leads, in each language
NO_TYPE = {"mixed": ("混合型", "Mixed"), "undetermined": ("无法判定", "Undetermined"),
           "unclassified": ("未能分类", "Unclassified")}


def _name(fw: Framework, tid: str | None, zh: bool) -> str:
    """The type's name as the framework gives it, in the table's language (an id such as
    ``skills_led`` is the file's word, not the reader's; a long name folds in its cell)."""
    if not tid:
        return "—"
    names = fw.pathway_names()
    if tid in names:
        return names[tid].get("zh" if zh else "en")
    if tid == "mixed":  # "No clear emphasis" under a framework of one type
        return fw.mixed_name().get("zh" if zh else "en")
    pair = NO_TYPE.get(tid)
    return (pair[0] if zh else pair[1]) if pair else tid


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
    unit = ("城市" if zh else "city") if table3 else ("单位" if zh else "unit")  # only China's 12 are cities
    heads = [unit, "表3类型", "实际做法", "领先", "差距（百分点）", "已答指标"] if zh else \
        [unit, "Table 3", "observed", "leading", "margin (pp)", "answered"]
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
    # on a narrow terminal the type names fold between words, as `lcity cities` folds its own: left
    # to Rich, the English table at 80 columns cut 'observed' to one letter a line (G1 audit #14)
    from lcity.folding import fit_to_terminal as _fit_to_terminal, folds as _folds, line as _line

    if _folds():  # the outer padding's two cells keep 'Internationalisation-' whole
        table.pad_edge = False
    _fit_to_terminal(table, list(range(1, len(heads))) + [0])
    out.print(table)
    if not table3:
        _line("差距：领先类型高出次之类型的百分点（无法判定的单位不计差距）；原因见 --format json" if zh else
              "margin (pp): percentage points by which the leading type is ahead of the runner-up (none for an "
              "undetermined unit); the reasons: --format json")  # folded between words at a terminal
    if table3:
        _line(f"与表3一致：{v.exact}/{v.typed}；领先类型与表3一致：{v.leading}/{v.typed}（并列不计；差距单位：百分点；"
              "原因见 --format json）" if zh else
              f"exact (observed = Table 3): {v.exact}/{v.typed}; leading type = Table 3: {v.leading}/{v.typed} "
              "(ties not counted; margin in percentage points; the reasons: --format json)")
